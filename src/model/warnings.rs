//! Early warnings (reports.md §5): late tasks and discipline risks.
//! Officials below standard come from [`super::gaps`].

use chrono::{Months, NaiveDate};
use serde::Serialize;

use crate::input::{Dataset, Evaluation, Official, Period, Task, WarningRules};

/// A task that is late at `as_of`: not done and past due, or done after due.
#[derive(Debug, Clone)]
pub struct LateTask<'a> {
    pub task: &'a Task,
    pub days_late: i64,
    /// Done by `as_of` (a completion dated after `as_of` is not known yet).
    pub done: bool,
}

/// The completion date of a task as known at `as_of`.
pub fn done_at(t: &Task, as_of: NaiveDate) -> Option<NaiveDate> {
    t.done_on.filter(|d| *d <= as_of)
}

/// Days late at `as_of`, or None when the task is not late. A task done on
/// its due date, or due on `as_of` and not done, is not late.
pub fn late_task(t: &Task, as_of: NaiveDate) -> Option<i64> {
    match done_at(t, as_of) {
        Some(done) if done > t.due => Some((done - t.due).num_days()),
        Some(_) => None,
        None if t.due < as_of => Some((as_of - t.due).num_days()),
        None => None,
    }
}

pub fn late_tasks(ds: &Dataset) -> Vec<LateTask<'_>> {
    let as_of = ds.config.as_of;
    ds.tasks
        .iter()
        .filter_map(|t| {
            late_task(t, as_of).map(|d| LateTask {
                task: t,
                days_late: d,
                done: done_at(t, as_of).is_some(),
            })
        })
        .collect()
}

/// Why an official is at risk of a discipline breach.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum Risk {
    /// A discipline within the last `months` months.
    RecentDiscipline {
        on: NaiveDate,
        form: String,
        decision: String,
        months: u32,
    },
    /// The discipline group (k10, k11) of the latest evaluation below the
    /// threshold; `sum` = k10 + k11 (the group score is `sum / 2`).
    LowDisciplineScore {
        sum: u32,
        threshold: u32,
        period: Period,
    },
    /// `count` late tasks owned (their ids), at least `threshold`.
    LateTasks {
        count: u32,
        threshold: u32,
        tasks: Vec<String>,
    },
}

/// The latest evaluation of an official (by period end) up to `as_of`'s period.
pub fn latest_evaluation<'a>(ds: &'a Dataset, official: &str) -> Option<&'a Evaluation> {
    ds.evaluations_of(official)
        .filter(|e| e.period.first_day() <= ds.config.as_of)
        .max_by_key(|e| (e.period.last_day(), e.period.first_day()))
}

/// The rules that fire for `o` at `config.as_of`, in the order above.
/// A discipline counts when dated in the last `discipline_months` months:
/// after the same day `discipline_months` months before `as_of`, up to
/// `as_of` (24 months before 30/6/2026 is 30/6/2024, which no longer counts).
pub fn risks(ds: &Dataset, o: &Official, late: &[LateTask], rules: &WarningRules) -> Vec<Risk> {
    let as_of = ds.config.as_of;
    let mut out = Vec::new();
    let since = as_of
        .checked_sub_months(Months::new(rules.discipline_months))
        .unwrap_or(NaiveDate::MIN);
    if let Some(d) = o
        .disciplines
        .iter()
        .filter(|d| d.on > since && d.on <= as_of)
        .max_by_key(|d| d.on)
    {
        out.push(Risk::RecentDiscipline {
            on: d.on,
            form: d.form.clone(),
            decision: d.decision.clone(),
            months: rules.discipline_months,
        });
    }
    if let Some(e) = latest_evaluation(ds, &o.id) {
        let sum = e.scores[9] + e.scores[10];
        // mean = sum / 2 < threshold  ⇔  sum < 2 × threshold (exact)
        if sum < 2 * rules.discipline_score {
            out.push(Risk::LowDisciplineScore {
                sum,
                threshold: rules.discipline_score,
                period: e.period,
            });
        }
    }
    let owned: Vec<String> = late
        .iter()
        .filter(|l| l.task.owner.as_deref() == Some(o.id.as_str()))
        .map(|l| l.task.id.clone())
        .collect();
    let count = owned.len() as u32;
    if count >= rules.late_tasks {
        out.push(Risk::LateTasks {
            count,
            threshold: rules.late_tasks,
            tasks: owned,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Loc;
    use crate::input::Src;
    use std::path::Path;
    use std::sync::Arc;

    fn task(due: &str, done: Option<&str>) -> Task {
        let file: Arc<Path> = Arc::from(Path::new("t.yaml"));
        Task {
            id: "T".into(),
            title: "x".into(),
            commune: "c".into(),
            owner: None,
            due: due.parse().unwrap(),
            done_on: done.map(|d| d.parse().unwrap()),
            src: Src {
                loc: Loc::new(&file, 1, 1),
                path: "tasks[0]".into(),
                fields: vec![],
            },
        }
    }

    #[test]
    fn lateness() {
        let as_of: NaiveDate = "2026-06-30".parse().unwrap();
        assert_eq!(
            late_task(&task("2026-05-31", Some("2026-05-31")), as_of),
            None,
            "done on the due date"
        );
        assert_eq!(
            late_task(&task("2026-05-31", Some("2026-06-10")), as_of),
            Some(10)
        );
        assert_eq!(
            late_task(&task("2026-06-30", None), as_of),
            None,
            "due on as_of is not late yet"
        );
        assert_eq!(late_task(&task("2026-06-29", None), as_of), Some(1));
    }

    #[test]
    fn a_completion_after_as_of_is_not_known_yet() {
        let as_of: NaiveDate = "2026-06-30".parse().unwrap();
        let t = task("2026-06-20", Some("2026-07-02"));
        assert_eq!(
            late_task(&t, as_of),
            Some(10),
            "not done at as_of, due 10 days before"
        );
        assert_eq!(done_at(&t, as_of), None);
        assert_eq!(
            late_task(&task("2026-07-10", Some("2026-07-15")), as_of),
            None
        );
    }

    fn eval(id: &str, period: &str, k10: u32, k11: u32) -> String {
        format!(
            "  - {{official: {id}, period: {period}, scores: {{k1: 90, k2: 90, k3: 90, k4: 90, k5: 90, k6: 90, k7: 90, k8: 90, k9: 90, k10: {k10}, k11: {k11}}}}}\n"
        )
    }

    #[test]
    fn discipline_rules_and_their_boundaries() {
        let mut yaml =
            String::from("positions:\n  - {id: cv, name: Chuyên viên, bloc: party}\nofficials:\n");
        let disciplines = [
            ("D24", "2024-06-30"), // exactly 24 months before as_of: no longer counts
            ("D23", "2024-07-01"), // the first day of the window: counts
            ("DNOW", "2026-06-30"),
            ("DLATER", "2026-07-01"), // after as_of: not known yet
        ];
        let mut ids: Vec<&str> = vec!["S70", "S69", "SOLD", "L3", "L2"];
        ids.extend(disciplines.iter().map(|(id, _)| *id));
        for id in &ids {
            let d = disciplines
                .iter()
                .find(|(x, _)| x == id)
                .map(|(_, on)| {
                    format!(", disciplines: [{{on: {on}, decision: 1-QĐ/ĐU, form: Khiển trách, content: x}}]")
                })
                .unwrap_or_default();
            yaml += &format!(
                "  - {{id: {id}, name: Lò Văn A, birth_date: 1990-01-01, gender: male, ethnicity: Tày, commune: xa, bloc: party, position: cv, education: university, political_theory: none, it_skill: none{d}}}\n"
            );
        }
        yaml += "evaluations:\n";
        yaml += &eval("S70", "2026-H1", 70, 70); // exactly 70: not below
        yaml += &eval("S69", "2026-H1", 69, 70); // 69,5
        yaml += &eval("SOLD", "2025-H2", 50, 50); // an older low score…
        yaml += &eval("SOLD", "2026-H1", 80, 80); // …but the latest is fine
        yaml += "tasks:\n";
        for (i, (owner, due, done)) in [
            ("L3", "2026-05-01", None),
            ("L3", "2026-05-01", Some("2026-05-02")),
            ("L3", "2026-06-29", None),
            ("L3", "2026-06-30", None), // due on as_of: not late
            ("L2", "2026-05-01", None),
            ("L2", "2026-05-01", Some("2026-06-01")),
            ("L2", "2026-05-01", Some("2026-05-01")), // done on due date
        ]
        .iter()
        .enumerate()
        {
            let done = done.map(|d| format!(", done_on: {d}")).unwrap_or_default();
            yaml += &format!(
                "  - {{id: T{i}, title: x, commune: xa, owner: {owner}, due: {due}{done}}}\n"
            );
        }
        let ds = crate::model::gaps::testing::dataset(&yaml);
        let late = late_tasks(&ds);
        let rules = WarningRules::default();
        let fired = |id: &str| {
            let o = ds.officials.iter().find(|o| o.id == id).unwrap();
            risks(&ds, o, &late, &rules)
        };
        for quiet in ["D24", "DLATER", "S70", "SOLD", "L2"] {
            assert_eq!(fired(quiet), [], "{quiet}");
        }
        assert!(matches!(
            fired("D23")[..],
            [Risk::RecentDiscipline { months: 24, .. }]
        ));
        assert!(matches!(fired("DNOW")[..], [Risk::RecentDiscipline { .. }]));
        let low = Risk::LowDisciplineScore {
            sum: 139,
            threshold: 70,
            period: Period::Half(2026, 1),
        };
        assert_eq!(fired("S69"), [low]);
        let tasks = vec!["T0".into(), "T1".into(), "T2".into()];
        let late = Risk::LateTasks {
            count: 3,
            threshold: 3,
            tasks,
        };
        assert_eq!(fired("L3"), [late]);
    }
}
