//! §5 Danh sách cảnh báo sớm (early-warning lists), provincial (Ban Tổ chức
//! Tỉnh uỷ) and per commune (Đảng uỷ): the three warnings of the
//! resolution's Phụ lục 3, mục 3 — officials below the standard of their
//! position, late tasks, officials at risk of a discipline breach.
//!
//! The rows and the thresholds come from [`crate::model::gaps`] and
//! [`crate::model::warnings`]; `canh-bao-som.typ.j2` words them.

use chrono::{Days, Months};
use serde::Serialize;

use super::common::{
    DocVm, ScopeVm, commune_committee, commune_words, provincial_doc, title_words, unit_words,
};
use super::long_list::{Abridged, abridge};
use super::{DocKind, Job, KindSpec, Selection, plan_both_levels};
use crate::input::{Commune, Dataset, Official, Task};
use crate::model::Model;
use crate::model::gaps::{self, Gap, OfficialGaps};
use crate::model::warnings::{self, LateTask, Risk};
use crate::vn::{compare_names, date_body, decimal1_ratio, thousands, upper_first};

// ------------------------------------------------------------ view-model --

#[derive(Debug, Serialize)]
pub struct CanhBaoVm {
    pub doc: DocVm,
    /// Provincial (the lists have a "Xã, phường" column for tasks), or
    /// the commune's list.
    #[serde(flatten)]
    pub scope: ScopeVm,
    pub province: String,
    pub below: ListVm<BelowVm>,
    pub late: ListVm<LateVm>,
    pub risks: ListVm<RiskVm>,
    /// config.warnings.provincial_names_max, as printed.
    pub names_max: String,
    /// The rows left out, counted per commune, and their total: empty and
    /// none when no list is abridged.
    pub others: Vec<OthersVm>,
    pub others_total: Option<OthersVm>,
    /// The warning thresholds in force (config.warnings).
    pub thresholds: ThresholdsVm,
}

#[derive(Debug, Serialize)]
pub struct ThresholdsVm {
    pub discipline_months: String,
    /// The first day a discipline still counts, d/m/yyyy.
    pub discipline_from: String,
    pub discipline_score: String,
    pub late_tasks: String,
}

/// The rows the provincial lists leave out, in one commune (or in all).
#[derive(Debug, Serialize)]
pub struct OthersVm {
    /// Empty on the total.
    pub stt: String,
    pub commune: String,
    pub below: String,
    pub late: String,
    /// Officials left out, per rule that fired.
    pub recent_discipline: String,
    pub low_discipline_score: String,
    pub late_tasks: String,
}

/// One of the three lists: its rows, their number as printed ("1.234"),
/// and the rows left out when it is abridged (long_list).
#[derive(Debug, Serialize)]
pub struct ListVm<T> {
    pub rows: Vec<T>,
    pub count: String,
    pub others: Option<String>,
}

impl<R> ListVm<R> {
    /// The list of `all` (in order), abridged to the rows `keep` keeps
    /// above `max` (long_list), each printed by `row` with its number;
    /// and the abridged rows, for the counts of those left out.
    fn of<T>(
        all: Vec<T>,
        max: Option<usize>,
        keep: impl Fn(&T) -> bool,
        row: impl Fn(String, &T) -> R,
    ) -> (ListVm<R>, Abridged<T>) {
        let count = thousands(all.len() as i64);
        let a = abridge(all, max, keep);
        let vm = ListVm {
            rows: a
                .named
                .iter()
                .enumerate()
                .map(|(i, r)| row(thousands(i as i64 + 1), r))
                .collect(),
            count,
            others: a.abridged().then(|| thousands(a.others.len() as i64)),
        };
        (vm, a)
    }
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
    /// The completion date; none when not done at as_of.
    pub done: Option<String>,
    pub days: String,
}

#[derive(Debug, Serialize)]
pub struct RiskVm {
    pub stt: String,
    pub id: String,
    pub name: String,
    pub title: String,
    pub unit: String,
    /// Each rule that fired.
    pub reasons: Vec<ReasonVm>,
}

/// A rule that fired, with its figures formatted.
#[derive(Debug, Serialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum ReasonVm {
    RecentDiscipline {
        form: String,
        /// The decision's number; empty when not recorded.
        decision: String,
        on: String,
        months: String,
    },
    LowDisciplineScore {
        /// The group score, one decimal.
        score: String,
        threshold: String,
        period: String,
    },
    LateTasks {
        count: String,
        threshold: String,
        tasks: Vec<String>,
    },
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

pub(super) fn reason_vm(r: &Risk) -> ReasonVm {
    match r {
        Risk::RecentDiscipline {
            on,
            form,
            decision,
            months,
        } => ReasonVm::RecentDiscipline {
            form: form.trim().to_string(),
            decision: decision.trim().to_string(),
            on: date_body(*on),
            months: months.to_string(),
        },
        Risk::LowDisciplineScore {
            sum,
            threshold,
            period,
        } => ReasonVm::LowDisciplineScore {
            score: decimal1_ratio(*sum as i64, 2),
            threshold: threshold.to_string(),
            period: period.words(),
        },
        Risk::LateTasks {
            count,
            threshold,
            tasks,
        } => ReasonVm::LateTasks {
            count: thousands(*count as i64),
            threshold: threshold.to_string(),
            tasks: tasks.clone(),
        },
    }
}

/// Position of a commune in the data (the order of the lists).
fn commune_rank(ds: &Dataset, id: &str) -> usize {
    ds.communes
        .iter()
        .position(|c| c.id == id)
        .unwrap_or(usize::MAX)
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
    let in_scope = |id: &str| commune.is_none_or(|c| c.id == id);

    // A provincial list above the limit names leaders only (long_list).
    let max = commune
        .is_none()
        .then_some(cfg.warnings.provincial_names_max as usize);
    let leader = |o: &Official| model.position(&o.position).leader;

    // (1) Below the standard: requirement gaps only.
    let mut below: Vec<(&OfficialGaps, Vec<&Gap>)> = facts
        .gaps
        .iter()
        .filter(|g| in_scope(&g.official.commune))
        .map(|g| (g, g.gaps.iter().filter(|x| x.is_requirement()).collect()))
        .filter(|(_, req): &(_, Vec<&Gap>)| !req.is_empty())
        .collect();
    sort_officials(ds, &mut below, |(g, _)| g.official);
    let (below_vm, below) = ListVm::of(
        below,
        max,
        |(g, _)| g.position.leader,
        |stt, (g, req)| BelowVm {
            stt,
            id: g.official.id.clone(),
            name: g.official.name.clone(),
            title: title_words(g.official, g.position),
            unit: unit_words(g.official, model.commune(&g.official.commune)),
            missing: req
                .iter()
                .map(|x| x.describe())
                .collect::<Vec<_>>()
                .join("; "),
        },
    );

    // (2) Late tasks: commune, due date, id; named when the owner leads.
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
    let (late_vm, late) = ListVm::of(
        late,
        max,
        |l| owner(ds, l.task).is_some_and(leader),
        |stt, l| late_vm(model, stt, l),
    );

    // (3) Discipline risks.
    let mut risks: Vec<&(&Official, Vec<Risk>)> = facts
        .risks
        .iter()
        .filter(|(o, _)| in_scope(&o.commune))
        .collect();
    sort_officials(ds, &mut risks, |(o, _)| o);
    let (risks_vm, risks) = ListVm::of(
        risks,
        max,
        |(o, _)| leader(o),
        |stt, (o, fired)| RiskVm {
            stt,
            id: o.id.clone(),
            name: o.name.clone(),
            title: title_words(o, model.position(&o.position)),
            unit: unit_words(o, model.commune(&o.commune)),
            reasons: fired.iter().map(reason_vm).collect(),
        },
    );
    let (others, others_total) = others_vm(model, &below, &late, &risks);

    let title = "Danh sách cảnh báo sớm";
    let mut doc = match commune {
        None => provincial_doc(
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
            doc
        }
    };
    doc.show_number = false;

    CanhBaoVm {
        scope: ScopeVm::new(cfg, commune, &doc),
        doc,
        province: cfg.province.clone(),
        below: below_vm,
        late: late_vm,
        risks: risks_vm,
        names_max: thousands(cfg.warnings.provincial_names_max as i64),
        others,
        others_total,
        thresholds: thresholds(ds),
    }
}

/// The count of rows left out of an abridged list, as printed.
/// The official owning a task, if recorded and known.
fn owner<'a>(ds: &'a Dataset, t: &Task) -> Option<&'a Official> {
    let id = t.owner.as_deref()?;
    ds.official(id)
}

/// The rows left out of the abridged lists, per commune (data order, only
/// communes with any) and their total; none when nothing is left out.
fn others_vm(
    model: &Model,
    below: &Abridged<(&OfficialGaps, Vec<&Gap>)>,
    late: &Abridged<&LateTask>,
    risks: &Abridged<&(&Official, Vec<Risk>)>,
) -> (Vec<OthersVm>, Option<OthersVm>) {
    if !(below.abridged() || late.abridged() || risks.abridged()) {
        return (Vec::new(), None);
    }
    // below, late, recent discipline, low score, late tasks
    let count = |commune: Option<&str>| -> [usize; 5] {
        let here = |id: &str| commune.is_none_or(|c| c == id);
        let fired = |rule: fn(&Risk) -> bool| {
            risks
                .others
                .iter()
                .filter(|(o, f)| here(&o.commune) && f.iter().any(rule))
                .count()
        };
        [
            below
                .others
                .iter()
                .filter(|(g, _)| here(&g.official.commune))
                .count(),
            late.others.iter().filter(|l| here(&l.task.commune)).count(),
            fired(|r| matches!(r, Risk::RecentDiscipline { .. })),
            fired(|r| matches!(r, Risk::LowDisciplineScore { .. })),
            fired(|r| matches!(r, Risk::LateTasks { .. })),
        ]
    };
    let row = |stt: String, commune: String, n: [usize; 5]| OthersVm {
        stt,
        commune,
        below: thousands(n[0] as i64),
        late: thousands(n[1] as i64),
        recent_discipline: thousands(n[2] as i64),
        low_discipline_score: thousands(n[3] as i64),
        late_tasks: thousands(n[4] as i64),
    };
    let mut rows = Vec::new();
    for c in &model.ds.communes {
        let n = count(Some(&c.id));
        if n.iter().any(|&x| x > 0) {
            rows.push(row(
                thousands(rows.len() as i64 + 1),
                upper_first(&commune_words(c)),
                n,
            ));
        }
    }
    let total = row(String::new(), String::new(), count(None));
    (rows, Some(total))
}

fn late_vm(model: &Model, stt: String, l: &LateTask) -> LateVm {
    let t: &Task = l.task;
    let as_of = model.ds.config.as_of;
    LateVm {
        stt,
        id: t.id.clone(),
        title: t.title.clone(),
        commune: upper_first(&commune_words(model.commune(&t.commune))),
        owner: owner(model.ds, t).map_or_else(|| "—".to_string(), |o| o.name.clone()),
        due: date_body(t.due),
        done: warnings::done_at(t, as_of).map(date_body),
        days: thousands(l.days_late),
    }
}

/// The thresholds of the closing note.
fn thresholds(ds: &Dataset) -> ThresholdsVm {
    let cfg = &ds.config;
    let w = &cfg.warnings;
    // The first day a discipline still counts (see warnings::risks).
    let from = cfg
        .as_of
        .checked_sub_months(Months::new(w.discipline_months))
        .and_then(|d| d.checked_add_days(Days::new(1)))
        .map(date_body)
        .unwrap_or_default();
    ThresholdsVm {
        discipline_months: w.discipline_months.to_string(),
        discipline_from: from,
        discipline_score: w.discipline_score.to_string(),
        late_tasks: w.late_tasks.to_string(),
    }
}

// ------------------------------------------------------------- plug-in --

/// The early-warning lists: provincial (when no commune filter is given)
/// and one per selected commune.
pub static EARLY_WARNINGS: KindSpec = KindSpec::plain("canh-bao-som", plan);

fn plan(kind: &'static dyn DocKind, model: &Model, sel: &Selection, jobs: &mut Vec<Job>) {
    let facts = Facts::compute(model.ds);
    plan_both_levels(model, sel, kind, jobs, |c| build(model, &facts, c));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::{self, Period};

    #[test]
    fn rules_in_words() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("inputs");
        let ds = input::load(&dir).unwrap_or_else(|d| panic!("sample data: {}", d.render()));
        let model = Model::compute(&ds);
        let facts = Facts::compute(&ds);
        let mut vm = build(&model, &facts, None);
        let reasons = [
            Risk::RecentDiscipline {
                on: "2025-03-10".parse().unwrap(),
                form: "Khiển trách".into(),
                decision: String::new(),
                months: 24,
            },
            Risk::RecentDiscipline {
                on: "2025-03-10".parse().unwrap(),
                form: "Cảnh cáo".into(),
                decision: " 12-QĐ/UBKT ".into(),
                months: 24,
            },
            Risk::LowDisciplineScore {
                sum: 125,
                threshold: 70,
                period: Period::Half(2026, 1),
            },
            Risk::LateTasks {
                count: 3,
                threshold: 3,
                tasks: vec!["NV-1".into(), "NV-2".into(), "NV-3".into()],
            },
        ];
        vm.risks.rows.truncate(1);
        vm.risks.rows[0].reasons = reasons.iter().map(reason_vm).collect();
        let t = crate::render::Templates::load(None).expect("embedded templates");
        let src = t.render("canh-bao-som.typ.j2", &vm).expect("renders");
        for words in [
            "Bị kỷ luật Khiển trách ngày 10/3/2025 (trong 24 tháng gần nhất)",
            "Bị kỷ luật Cảnh cáo (Quyết định số 12-QĐ/UBKT) ngày 10/3/2025 (trong 24 tháng gần nhất)",
            "Điểm nhóm Kỷ luật, kỷ cương 62,5 < 70 (kỳ đánh giá 6 tháng đầu năm 2026)",
            "Phụ trách 3 nhiệm vụ chậm tiến độ: NV-1, NV-2, NV-3 (ngưỡng: 3)",
        ] {
            assert!(src.contains(&format!("\"{words}\"")), "{words}\n{src}");
        }
    }
}
