//! Section II of the periodic report: the figures of its paragraphs and
//! tables, formatted. The template words them.

use serde::Serialize;

use crate::input::{CourseKind, TrainingStatus};
use crate::model::Rating;
use crate::model::stats::{Counts, Stats, Status, Target};
use crate::vn::{percent, ratio, thousands};

/// A table: rows of cells (already formatted) and the figures of the
/// total row (the template adds its label).
#[derive(Debug, Clone, Serialize)]
pub struct TableVm {
    pub rows: Vec<Vec<String>>,
    pub total: Vec<String>,
}

/// II.1: the staff structure, as in the resolution's own sentences.
#[derive(Debug, Clone, Serialize)]
pub struct StaffVm {
    pub officials: String,
    pub party: String,
    pub government: String,
    /// Shares: "3.474/3.555 (97,7%)".
    pub university_plus: String,
    pub postgraduate: String,
    pub college_intermediate: String,
    /// Counts of the college and intermediate level by bloc.
    pub college_party: String,
    pub college_government: String,
    pub theory_advanced: String,
    pub theory_intermediate: String,
    pub women: String,
    pub minorities: String,
    pub under_42: String,
    /// Shares of the majors short of staff: finance and accounting,
    /// cadastre and construction, IT.
    pub shortage: Vec<String>,
}

/// II.2: one target of mục tiêu 2.2.
#[derive(Debug, Clone, Serialize)]
pub struct TargetVm {
    pub no: String,
    /// The result of each measure ("3.474/3.555 (97,7%)"; "—" without data).
    pub measures: Vec<String>,
    pub goal: String,
    pub status: &'static str,
    /// Not met (printed in bold).
    pub missed: bool,
}

/// II.4: attendances of the period.
#[derive(Debug, Clone, Serialize)]
pub struct TrainingVm {
    pub courses: String,
    pub attendances: String,
    pub trainees: String,
    /// Shares of the attendances by status.
    pub completed: String,
    pub enrolled: String,
    pub planned: String,
    pub dropped: String,
}

/// II.5: the early warnings.
#[derive(Debug, Clone, Serialize)]
pub struct WarningsVm {
    /// Shares of the officials and of the tasks.
    pub below: String,
    pub late: String,
    pub at_risk: String,
    /// Some task is late.
    pub any_late: bool,
    /// Late tasks not done at as_of; none when all are done.
    pub late_open: Option<String>,
}

fn n(v: u64) -> String {
    thousands(v as i64)
}

/// A share, or "—" when there is nothing to measure (no leader, no survey…).
pub fn measured(count: u64, total: u64, f: impl Fn(u64, u64) -> String) -> String {
    if total == 0 {
        "—".into()
    } else {
        f(count, total)
    }
}

pub fn staff(c: &Counts) -> StaffVm {
    let r = |x: u64| ratio(x, c.officials);
    StaffVm {
        officials: n(c.officials),
        party: n(c.bloc[0]),
        government: n(c.bloc[1]),
        university_plus: r(c.university_plus),
        postgraduate: r(c.postgraduate),
        college_intermediate: r(c.college_intermediate),
        college_party: n(c.college_intermediate_bloc[0]),
        college_government: n(c.college_intermediate_bloc[1]),
        theory_advanced: r(c.theory_advanced),
        theory_intermediate: r(c.theory_intermediate),
        women: r(c.women),
        minorities: r(c.minorities),
        under_42: r(c.under_42),
        shortage: c.shortage.iter().map(|&x| r(x)).collect(),
    }
}

pub fn target(t: &Target) -> TargetVm {
    TargetVm {
        no: t.no.to_string(),
        measures: t
            .measures
            .iter()
            .map(|m| measured(m.count, m.total, ratio))
            .collect(),
        goal: if t.goal >= 100 {
            "100%".into()
        } else {
            format!("≥\u{a0}{}%", t.goal)
        },
        status: t.status.label(),
        missed: t.status == Status::NotMet,
    }
}

/// II.3: one row per rating (count and share overall, party, government).
pub fn ratings_table(c: &Counts) -> TableVm {
    let bloc_rated = |b: usize| c.ratings_bloc[b].iter().sum::<u64>();
    let row = |all: u64, party: u64, gov: u64| {
        vec![
            n(all),
            percent(all, c.rated),
            n(party),
            percent(party, bloc_rated(0)),
            n(gov),
            percent(gov, bloc_rated(1)),
        ]
    };
    TableVm {
        rows: Rating::ALL
            .iter()
            .map(|&k| {
                let k = k as usize;
                let mut cells = vec![Rating::ALL[k].label().to_string()];
                cells.extend(row(
                    c.ratings[k],
                    c.ratings_bloc[0][k],
                    c.ratings_bloc[1][k],
                ));
                cells
            })
            .collect(),
        total: row(c.rated, bloc_rated(0), bloc_rated(1)),
    }
}

/// II.4: courses, attendances and completions by course kind.
pub fn training_table(s: &Stats) -> TableVm {
    let c = &s.counts;
    TableVm {
        rows: CourseKind::ALL
            .iter()
            .map(|&k| {
                let k = k as usize;
                vec![
                    CourseKind::ALL[k].label().to_string(),
                    n(s.courses_kind[k]),
                    n(c.attendances_kind[k]),
                    n(c.completions_kind[k]),
                ]
            })
            .collect(),
        total: vec![
            n(s.courses_kind.iter().sum()),
            n(c.attendances_kind.iter().sum()),
            n(c.completions_kind.iter().sum()),
        ],
    }
}

pub fn training(s: &Stats) -> TrainingVm {
    let c = &s.counts;
    let total: u64 = c.attendances.iter().sum();
    let a = |st: TrainingStatus| ratio(c.attendances[st as usize], total);
    TrainingVm {
        courses: n(s.courses_kind.iter().sum::<u64>()),
        attendances: n(total),
        trainees: n(c.trainees),
        completed: a(TrainingStatus::Completed),
        enrolled: a(TrainingStatus::Enrolled),
        planned: a(TrainingStatus::Planned),
        dropped: a(TrainingStatus::Dropped),
    }
}

pub fn warnings(c: &Counts) -> WarningsVm {
    WarningsVm {
        below: ratio(c.below_standard, c.officials),
        late: ratio(c.late_tasks, c.tasks),
        at_risk: ratio(c.at_risk, c.officials),
        any_late: c.late_tasks > 0,
        late_open: (c.late_open > 0).then(|| n(c.late_open)),
    }
}
