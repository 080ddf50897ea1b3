//! §4 Kế hoạch đào tạo, bồi dưỡng (training plan): provincial (Ban Tổ chức
//! Tỉnh uỷ, KH/BTCTU) and per commune (Đảng uỷ, KH/ĐU).
//!
//! The facts come from [`crate::model::training`]: one row per official and
//! *line* (the kind of course that closes the gaps), so an official below
//! the IT standard who also lacks the digital-skills course is listed once,
//! for one course. This module formats them (`body`: sections II and III,
//! `list`: the attached list); `ke-hoach-dao-tao.typ.j2` words them.

mod body;
mod list;

use std::collections::HashSet;

use serde::Serialize;

use super::common::{
    Block, DocVm, ScopeVm, commune_committee, commune_words, narrative_blocks, provincial_doc,
};
use super::long_list::{PLAN_NAMES_MAX, abridge};
use super::{DocKind, Job, KindSpec, Selection, plan_both_levels};
use crate::input::{Commune, CourseKind, Official};
use crate::model::Model;
use crate::model::gaps::{self, OfficialGaps};
use crate::model::training::{self, Row};
use crate::vn::{date_body, ratio, thousands};
use body::{CommuneRowVm, LineVm, PriorityVm, ScheduleVm};
use list::ListVm;

#[derive(Debug, Serialize)]
pub struct KeHoachVm {
    pub doc: DocVm,
    /// Trích yếu: "đào tạo, bồi dưỡng cán bộ, công chức cấp xã 6 tháng cuối năm 2026".
    pub subject: String,
    #[serde(flatten)]
    pub scope: ScopeVm,
    /// The period the plan covers, in words, and its first and last day.
    pub plan_period: String,
    pub plan_from: String,
    pub plan_to: String,
    /// Officials in scope.
    pub officials: String,
    /// Officials with at least one need: "6/14 (42,9%)".
    pub in_need: String,
    /// Rows of the list ("lượt người") and the officials they concern.
    pub rows: String,
    pub people: String,
    /// The lines of the plan (the columns of the per-commune table).
    pub line_kinds: Vec<CourseKind>,
    /// II.2: the lines with rows.
    pub lines: Vec<LineVm>,
    /// II (provincial only): rows per line and commune.
    pub by_commune: Vec<CommuneRowVm>,
    pub by_commune_total: Option<CommuneRowVm>,
    /// II.3: priority topics by region.
    pub priorities: Vec<PriorityVm>,
    /// III: per line, each need with the courses of the data that close it.
    pub schedule: Vec<ScheduleVm>,
    /// IV: config.narrative.funding (commune plan: funding.<commune id>); empty = placeholder.
    pub funding: Vec<Block>,
    pub list: ListVm,
}

fn build(model: &Model, all: &[OfficialGaps], commune: Option<&Commune>) -> KeHoachVm {
    let ds = model.ds;
    let cfg = &ds.config;
    let in_scope = |o: &Official| commune.is_none_or(|c| o.commune == c.id);
    let scope: Vec<&OfficialGaps> = all.iter().filter(|g| in_scope(g.official)).collect();
    let line_kinds = training::lines();
    let rows: Vec<Row> = training::rows(ds, &scope);
    let people: HashSet<&str> = rows.iter().map(|r| r.og.official.id.as_str()).collect();
    let officials = ds.officials.iter().filter(|o| in_scope(o)).count();

    let plan = training::next_period(cfg.period);
    let subject = format!(
        "đào tạo, bồi dưỡng cán bộ, công chức cấp xã {}",
        plan.words()
    );
    let title = format!("Kế hoạch {subject}");
    let mut doc = match commune {
        None => provincial_doc(
            model,
            &cfg.organization_board,
            "KH",
            "training_plan",
            title,
            &[
                "Thường trực Tỉnh uỷ (báo cáo)".into(),
                "Sở Nội vụ".into(),
                "Trường Chính trị tỉnh".into(),
                "Đảng uỷ các xã, phường".into(),
                "Lưu Ban Tổ chức Tỉnh uỷ".into(),
            ],
        ),
        Some(c) => {
            let mut doc = commune_committee(model, c, "KH", "commune_training_plan", title);
            if !cfg.recipients.contains_key("commune_training_plan") {
                doc.recipients = vec![
                    "Ban Tổ chức Tỉnh uỷ (báo cáo)".into(),
                    "Các đồng chí Đảng uỷ viên".into(),
                    format!("UBND {}", commune_words(c)),
                    "Cán bộ, công chức có tên trong danh sách".into(),
                    "Lưu Văn phòng Đảng uỷ".into(),
                ];
            }
            doc
        }
    };
    doc.show_number = true;

    let named = abridge(
        rows.iter().collect(),
        commune.is_none().then_some(PLAN_NAMES_MAX),
        |_| false,
    );
    let list = list::list_vm(ds, model, &named.named, &line_kinds, named.abridged());
    let funding_key = match commune {
        None => "funding".to_string(),
        Some(c) => format!("funding.{}", c.id),
    };
    KeHoachVm {
        subject,
        scope: ScopeVm::new(cfg, commune, &doc),
        plan_period: plan.words(),
        plan_from: date_body(plan.first_day()),
        plan_to: date_body(plan.last_day()),
        officials: thousands(officials as i64),
        in_need: ratio(people.len() as u64, officials as u64),
        rows: thousands(rows.len() as i64),
        people: thousands(people.len() as i64),
        lines: body::line_items(&rows, &line_kinds),
        by_commune: match commune {
            None => body::by_commune(ds, &rows, &line_kinds),
            Some(_) => Vec::new(),
        },
        by_commune_total: commune
            .is_none()
            .then(|| body::total_row(&rows, &line_kinds, officials, people.len())),
        priorities: body::priorities(model, &scope),
        schedule: body::schedule(ds, &rows, &line_kinds),
        funding: cfg
            .narrative
            .get(&funding_key)
            .map(|t| narrative_blocks(t))
            .unwrap_or_default(),
        line_kinds,
        list,
        doc,
    }
}

// ------------------------------------------------------------- plug-in --

/// The training plans: provincial (when no commune filter is given) and
/// one per selected commune.
pub static TRAINING_PLAN: KindSpec = KindSpec::plain("ke-hoach-dao-tao", plan);

fn plan(kind: &'static dyn DocKind, model: &Model, sel: &Selection, jobs: &mut Vec<Job>) {
    let all = gaps::all(model.ds);
    plan_both_levels(model, sel, kind, jobs, |c| build(model, &all, c));
}
