//! §5 Danh sách cảnh báo sớm (early-warning lists), provincial (Ban Tổ chức
//! Tỉnh uỷ) and per commune (Đảng uỷ): the three warnings of the
//! resolution's Phụ lục 3, mục 3 — officials below the standard of their
//! position, late tasks, officials at risk of a discipline breach.

use chrono::{Days, Months};
use serde::Serialize;

use super::common::{DocVm, commune_committee, commune_words, provincial_doc};
use super::ke_hoach::{empty_as_none, resolution_words, title_words, unit_words};
use super::{Job, Kind, Selection, plan_both_levels};
use crate::input::{Commune, Dataset, Official, Task};
use crate::model::Model;
use crate::model::gaps::{self, Gap, OfficialGaps};
use crate::model::warnings::{self, LateTask, Risk};
use crate::vn::{compare_names, date_body, decimal1_ratio, thousands};

/// Add the provincial list (when no commune filter is given) and one list
/// per selected commune.
pub fn plan(model: &Model, sel: &Selection, jobs: &mut Vec<Job>) {
    if !sel.wants(Kind::CanhBaoSom) {
        return;
    }
    let facts = Facts::compute(model.ds);
    plan_both_levels(model, sel, Kind::CanhBaoSom, jobs, |c| {
        build(model, &facts, c)
    });
}

// ------------------------------------------------------------ view-model --

#[derive(Debug, Serialize)]
pub struct CanhBaoVm {
    pub doc: DocVm,
    pub title: &'static str,
    /// Under the title: "Cán bộ, công chức cấp xã tỉnh Cao Bằng - tính đến ngày 30/6/2026".
    pub sub: String,
    /// Provincial: the lists have a "Xã, phường" column for tasks.
    pub provincial: bool,
    /// "Tính đến ngày 30/6/2026: 4 người …; 7 nhiệm vụ …; 3 người …".
    pub summary: String,
    #[serde(serialize_with = "empty_as_none")]
    pub below: Vec<BelowVm>,
    #[serde(serialize_with = "empty_as_none")]
    pub late: Vec<LateVm>,
    #[serde(serialize_with = "empty_as_none")]
    pub risks: Vec<RiskVm>,
    /// Closing italic note: how each list is drawn and the thresholds.
    pub note: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct BelowVm {
    pub stt: String,
    pub id: String,
    pub name: String,
    pub title: String,
    pub unit: String,
    /// Gap::describe of each requirement gap, joined with "; ".
    pub missing: String,
}

#[derive(Debug, Serialize)]
pub struct LateVm {
    pub stt: String,
    pub id: String,
    pub title: String,
    /// "Xã Hoà An".
    pub commune: String,
    /// The owner's name, or "—".
    pub owner: String,
    pub due: String,
    /// The completion date, or "Chưa hoàn thành" (at as_of).
    pub done: String,
    pub days: String,
}

#[derive(Debug, Serialize)]
pub struct RiskVm {
    pub stt: String,
    pub id: String,
    pub name: String,
    pub title: String,
    pub unit: String,
    /// Each rule that fired, in words.
    pub reasons: Vec<String>,
}

// --------------------------------------------------------------- compute --

/// Computed once for every document of the run.
struct Facts<'a> {
    gaps: Vec<OfficialGaps<'a>>,
    late: Vec<LateTask<'a>>,
    /// (official, rules fired), officials with at least one rule.
    risks: Vec<(&'a Official, Vec<Risk>)>,
}

impl<'a> Facts<'a> {
    fn compute(ds: &'a Dataset) -> Facts<'a> {
        let late = warnings::late_tasks(ds);
        let risks = ds
            .officials
            .iter()
            .map(|o| (o, warnings::risks(ds, o, &late, &ds.config.warnings)))
            .filter(|(_, r)| !r.is_empty())
            .collect();
        Facts {
            gaps: gaps::all(ds),
            late,
            risks,
        }
    }
}

/// A rule that fired, in words.
pub fn risk_words(r: &Risk) -> String {
    match r {
        Risk::RecentDiscipline {
            on,
            form,
            decision,
            months,
        } => {
            let decision = if decision.trim().is_empty() {
                String::new()
            } else {
                format!(" (Quyết định số {})", decision.trim())
            };
            format!(
                "Bị kỷ luật {}{decision} ngày {} (trong {months} tháng gần nhất)",
                form.trim(),
                date_body(*on)
            )
        }
        Risk::LowDisciplineScore {
            sum,
            threshold,
            period,
        } => format!(
            "Điểm nhóm Kỷ luật, kỷ cương {} < {threshold} (kỳ đánh giá {})",
            decimal1_ratio(*sum as i64, 2),
            period.words()
        ),
        Risk::LateTasks {
            count,
            threshold,
            tasks,
        } => format!(
            "Phụ trách {} nhiệm vụ chậm tiến độ: {} (ngưỡng: {threshold})",
            thousands(*count as i64),
            tasks.join(", ")
        ),
    }
}

/// Position of a commune in the data (the order of the lists).
fn commune_rank(ds: &Dataset, id: &str) -> usize {
    ds.communes
        .iter()
        .position(|c| c.id == id)
        .unwrap_or(usize::MAX)
}

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Officials in list order: commune (data order), then Vietnamese name order, then id.
fn sort_officials<T>(ds: &Dataset, v: &mut [T], official: impl Fn(&T) -> &Official) {
    v.sort_by(|a, b| {
        let (a, b) = (official(a), official(b));
        commune_rank(ds, &a.commune)
            .cmp(&commune_rank(ds, &b.commune))
            .then_with(|| compare_names(&a.name, &b.name))
            .then_with(|| a.id.cmp(&b.id))
    });
}

fn build(model: &Model, facts: &Facts, commune: Option<&Commune>) -> CanhBaoVm {
    let ds = model.ds;
    let cfg = &ds.config;
    let as_of = date_body(cfg.as_of);
    let in_scope = |id: &str| commune.is_none_or(|c| c.id == id);

    // (1) Below the standard: requirement gaps only.
    let mut below: Vec<(&OfficialGaps, Vec<&Gap>)> = facts
        .gaps
        .iter()
        .filter(|g| in_scope(&g.official.commune))
        .map(|g| (g, g.gaps.iter().filter(|x| x.is_requirement()).collect()))
        .filter(|(_, req): &(_, Vec<&Gap>)| !req.is_empty())
        .collect();
    sort_officials(ds, &mut below, |(g, _)| g.official);
    let below: Vec<BelowVm> = below
        .iter()
        .enumerate()
        .map(|(i, (g, req))| BelowVm {
            stt: thousands(i as i64 + 1),
            id: g.official.id.clone(),
            name: g.official.name.clone(),
            title: title_words(g.official, g.position),
            unit: unit_words(g.official, model.commune(&g.official.commune)),
            missing: req
                .iter()
                .map(|x| x.describe())
                .collect::<Vec<_>>()
                .join("; "),
        })
        .collect();

    // (2) Late tasks: commune, due date, id.
    let mut late: Vec<&LateTask> = facts
        .late
        .iter()
        .filter(|l| in_scope(&l.task.commune))
        .collect();
    late.sort_by(|a, b| {
        commune_rank(ds, &a.task.commune)
            .cmp(&commune_rank(ds, &b.task.commune))
            .then(a.task.due.cmp(&b.task.due))
            .then_with(|| a.task.id.cmp(&b.task.id))
    });
    let late: Vec<LateVm> = late
        .iter()
        .enumerate()
        .map(|(i, l)| late_vm(model, i, l))
        .collect();

    // (3) Discipline risks.
    let mut risks: Vec<&(&Official, Vec<Risk>)> = facts
        .risks
        .iter()
        .filter(|(o, _)| in_scope(&o.commune))
        .collect();
    sort_officials(ds, &mut risks, |(o, _)| o);
    let risks: Vec<RiskVm> = risks
        .iter()
        .enumerate()
        .map(|(i, (o, fired))| RiskVm {
            stt: thousands(i as i64 + 1),
            id: o.id.clone(),
            name: o.name.clone(),
            title: title_words(o, model.position(&o.position)),
            unit: unit_words(o, model.commune(&o.commune)),
            reasons: fired.iter().map(risk_words).collect(),
        })
        .collect();

    let title = "Danh sách cảnh báo sớm";
    let (mut doc, sub) = match commune {
        None => (
            provincial_doc(
                model,
                &cfg.organization_board,
                "DS",
                "early_warning",
                title.into(),
                &[
                    "Thường trực Tỉnh uỷ (báo cáo)".into(),
                    "Uỷ ban Kiểm tra Tỉnh uỷ".into(),
                    "Đảng uỷ các xã, phường".into(),
                    "Lưu Ban Tổ chức Tỉnh uỷ".into(),
                ],
            ),
            format!(
                "Cán bộ, công chức cấp xã tỉnh {} - tính đến ngày {as_of}",
                cfg.province
            ),
        ),
        Some(c) => {
            let mut doc = commune_committee(
                model,
                c,
                "DS",
                "commune_early_warning",
                format!("{title} - {}", commune_words(c)),
            );
            if !cfg.recipients.contains_key("commune_early_warning") {
                doc.recipients = vec![
                    "Ban Tổ chức Tỉnh uỷ (báo cáo)".into(),
                    "Uỷ ban Kiểm tra Đảng uỷ".into(),
                    "Các chi bộ trực thuộc".into(),
                    "Lưu Văn phòng Đảng uỷ".into(),
                ];
            }
            (
                doc,
                format!("{} - tính đến ngày {as_of}", upper_first(&commune_words(c))),
            )
        }
    };
    doc.show_number = false;

    let summary = format!(
        "Tính đến ngày {as_of}: {} người chưa đạt tiêu chuẩn vị trí việc làm; {} nhiệm vụ chậm tiến độ; {} người có nguy cơ vi phạm kỷ luật.",
        thousands(below.len() as i64),
        thousands(late.len() as i64),
        thousands(risks.len() as i64),
    );
    CanhBaoVm {
        doc,
        title: "DANH SÁCH CẢNH BÁO SỚM",
        sub,
        provincial: commune.is_none(),
        summary,
        below,
        late,
        risks,
        note: note(ds),
    }
}

fn late_vm(model: &Model, i: usize, l: &LateTask) -> LateVm {
    let t: &Task = l.task;
    let as_of = model.ds.config.as_of;
    LateVm {
        stt: thousands(i as i64 + 1),
        id: t.id.clone(),
        title: t.title.clone(),
        commune: upper_first(&commune_words(model.commune(&t.commune))),
        owner: t
            .owner
            .as_deref()
            .and_then(|id| model.ds.officials.iter().find(|o| o.id == id))
            .map_or_else(|| "—".to_string(), |o| o.name.clone()),
        due: date_body(t.due),
        done: warnings::done_at(t, as_of).map_or_else(|| "Chưa hoàn thành".to_string(), date_body),
        days: thousands(l.days_late),
    }
}

/// The closing note: what each list holds and the thresholds in force.
fn note(ds: &Dataset) -> Vec<String> {
    let cfg = &ds.config;
    let w = &cfg.warnings;
    let as_of = date_body(cfg.as_of);
    // The first day a discipline still counts (see warnings::risks).
    let from = cfg
        .as_of
        .checked_sub_months(Months::new(w.discipline_months))
        .and_then(|d| d.checked_add_days(Days::new(1)))
        .map(date_body)
        .unwrap_or_default();
    vec![
        format!(
            "Danh sách lập theo cơ chế cảnh báo sớm (Phụ lục 3, mục 3) kèm theo {}; số liệu tính đến ngày {as_of}.",
            resolution_words(cfg)
        ),
        "Chưa đạt tiêu chuẩn vị trí việc làm: trình độ chuyên môn, chuyên ngành đào tạo, lý luận chính trị hoặc tin học chưa đạt yêu cầu của khung năng lực vị trí việc làm (các khoá bồi dưỡng kỹ năng số, kỹ năng lãnh đạo, quản lý chưa hoàn thành được theo dõi trong Kế hoạch đào tạo, bồi dưỡng).".into(),
        format!(
            "Nhiệm vụ chậm tiến độ: quá hạn mà chưa hoàn thành, hoặc hoàn thành sau hạn; số ngày chậm tính đến ngày hoàn thành hoặc đến ngày {as_of}."
        ),
        format!(
            "Nguy cơ vi phạm kỷ luật (ngưỡng cảnh báo): bị kỷ luật trong {} tháng gần nhất (từ ngày {from} đến ngày {as_of}); điểm nhóm Kỷ luật, kỷ cương (chỉ số 10, 11) của kỳ đánh giá gần nhất dưới {} điểm; phụ trách từ {} nhiệm vụ chậm tiến độ trở lên.",
            w.discipline_months,
            w.discipline_score,
            w.late_tasks
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Period;

    #[test]
    fn rules_in_words() {
        let r = Risk::RecentDiscipline {
            on: "2025-03-10".parse().unwrap(),
            form: "Khiển trách".into(),
            decision: String::new(),
            months: 24,
        };
        assert_eq!(
            risk_words(&r),
            "Bị kỷ luật Khiển trách ngày 10/3/2025 (trong 24 tháng gần nhất)"
        );
        let r = Risk::LowDisciplineScore {
            sum: 125,
            threshold: 70,
            period: Period::Half(2026, 1),
        };
        assert_eq!(
            risk_words(&r),
            "Điểm nhóm Kỷ luật, kỷ cương 62,5 < 70 (kỳ đánh giá 6 tháng đầu năm 2026)"
        );
        let r = Risk::LateTasks {
            count: 3,
            threshold: 3,
            tasks: vec!["NV-1".into(), "NV-2".into(), "NV-3".into()],
        };
        assert_eq!(
            risk_words(&r),
            "Phụ trách 3 nhiệm vụ chậm tiến độ: NV-1, NV-2, NV-3 (ngưỡng: 3)"
        );
    }
}

// ------------------------------------------------------------- plug-in --

/// The early-warning lists: provincial and one per selected commune.
pub struct EarlyWarnings;

impl super::DocKind for EarlyWarnings {
    fn code(&self) -> &'static str {
        "canh-bao-som"
    }

    fn plan(&'static self, model: &Model, sel: &Selection, jobs: &mut Vec<Job>) {
        plan(model, sel, jobs)
    }
}
