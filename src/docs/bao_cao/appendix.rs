//! The appendices of the periodic report (Biểu số 01–04): one row per
//! commune and the total of the scope, and the chart of rating shares.

use serde::Serialize;

use super::body::{TableVm, measured};
use crate::input::TrainingStatus;
use crate::model::stats::{Counts, Status};
use crate::vn::{percent, thousands};

/// One bar of the rating chart: counts per rating and their shares.
#[derive(Debug, Clone, Serialize)]
pub struct BarVm {
    /// The commune ("Xã Hoà An"); empty on the total bar.
    pub name: String,
    pub rated: u64,
    /// `rated` as printed ("3.555").
    pub rated_text: String,
    pub counts: [u64; 4],
    pub shares: Vec<String>,
    pub total: bool,
}

fn n(v: u64) -> String {
    thousands(v as i64)
}

/// Biểu 01: staff structure.
pub fn staff_cells(c: &Counts) -> Vec<String> {
    let mut v = vec![
        n(c.officials),
        n(c.bloc[0]),
        n(c.bloc[1]),
        n(c.university_plus),
        n(c.postgraduate),
        n(c.college_intermediate),
        n(c.theory_advanced),
        n(c.theory_intermediate),
        n(c.women),
        n(c.minorities),
        n(c.under_42),
    ];
    v.extend(c.shortage.iter().map(|&x| n(x)));
    v
}

/// Biểu 02: ratings.
pub fn rating_cells(c: &Counts) -> Vec<String> {
    let mut v = vec![n(c.officials), n(c.rated)];
    for k in 0..4 {
        v.push(n(c.ratings[k]));
        v.push(percent(c.ratings[k], c.rated));
    }
    v
}

/// Biểu 03: training.
pub fn training_cells(c: &Counts) -> Vec<String> {
    let mut v = vec![n(c.trainees), n(c.attendances.iter().sum())];
    v.extend(
        [
            TrainingStatus::Planned,
            TrainingStatus::Enrolled,
            TrainingStatus::Completed,
            TrainingStatus::Dropped,
        ]
        .iter()
        .map(|&s| n(c.attendances[s as usize])),
    );
    v.extend(c.completions_kind.iter().map(|&x| n(x)));
    v
}

/// Biểu 04: target progress, "count/total" over "(p%)". The commune-level
/// measures of a single commune read "Có"/"Chưa".
pub fn target_cells(c: &Counts) -> Vec<String> {
    let two = |count: u64, total: u64| {
        measured(count, total, |count, total| {
            format!("{}/{}\n({})", n(count), n(total), percent(count, total))
        })
    };
    let whole = |count: u64| {
        if c.communes == 1 {
            if count > 0 { "Có" } else { "Chưa" }.to_string()
        } else {
            two(count, c.communes)
        }
    };
    let met = c
        .targets()
        .iter()
        .filter(|x| x.status == Status::Met)
        .count();
    vec![
        two(c.meets_standard, c.officials),
        two(c.digital_course, c.officials),
        two(c.digital_profile, c.officials),
        whole(c.communes_all_digital),
        two(c.satisfied, c.respondents),
        two(c.leaders_trained, c.leaders),
        whole(c.communes_replicated),
        format!("{met}/6"),
    ]
}

/// The four appendices: per commune of `per_commune` (name and figures) a
/// row "STT, name, cells…", and the cells of `total`.
pub fn tables(per_commune: &[(String, Counts)], total: &Counts) -> Vec<TableVm> {
    let table = |f: &dyn Fn(&Counts) -> Vec<String>| -> TableVm {
        let rows = per_commune
            .iter()
            .enumerate()
            .map(|(i, (name, ck))| {
                let mut row = vec![(i + 1).to_string(), name.clone()];
                row.extend(f(ck));
                row
            })
            .collect();
        TableVm {
            rows,
            total: f(total),
        }
    };
    vec![
        table(&staff_cells),
        table(&rating_cells),
        table(&training_cells),
        table(&target_cells),
    ]
}

pub fn bar(name: String, c: &Counts, total: bool) -> BarVm {
    BarVm {
        name,
        rated: c.rated,
        rated_text: n(c.rated),
        counts: c.ratings,
        shares: c.ratings.iter().map(|&x| percent(x, c.rated)).collect(),
        total,
    }
}
