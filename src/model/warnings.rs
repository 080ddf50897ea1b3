//! Early warnings (reports.md §5): late tasks and discipline risks.
//! Officials below standard come from [`super::gaps`].

use chrono::{Months, NaiveDate};
use serde::Serialize;

use crate::input::{Dataset, Evaluation, Official, Task, WarningRules};

/// A task that is late at `as_of`: not done and past due, or done after due.
#[derive(Debug, Clone)]
pub struct LateTask<'a> {
    pub task: &'a Task,
    pub days_late: i64,
    pub done: bool,
}

pub fn late_task(t: &Task, as_of: NaiveDate) -> Option<i64> {
    match t.done_on {
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
                done: t.done_on.is_some(),
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
        months: u32,
    },
    /// The discipline group (k10, k11) of the latest evaluation below the threshold.
    LowDisciplineScore { sum: u32, threshold: u32 },
    /// `count` late tasks owned, at least `threshold`.
    LateTasks { count: u32, threshold: u32 },
}

/// The latest evaluation of an official (by period end) up to `as_of`'s period.
pub fn latest_evaluation<'a>(ds: &'a Dataset, official: &str) -> Option<&'a Evaluation> {
    ds.evaluations
        .iter()
        .filter(|e| e.official == official && e.period.first_day() <= ds.config.as_of)
        .max_by_key(|e| (e.period.last_day(), e.period.first_day()))
}

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
            });
        }
    }
    let count = late
        .iter()
        .filter(|l| l.task.owner.as_deref() == Some(o.id.as_str()))
        .count() as u32;
    if count >= rules.late_tasks {
        out.push(Risk::LateTasks {
            count,
            threshold: rules.late_tasks,
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
}
