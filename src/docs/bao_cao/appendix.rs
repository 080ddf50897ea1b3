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

/// One figure of an appendix as computed: the PDF prints it
/// ([`Figure::text`]), the workbook export (`thong_ke.rs`) stores it as a
/// number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    /// A head count: "1.510".
    Count(u64),
    /// A share of a total, as a percent: "97,7%" ("0,0%" of nothing).
    Share(u64, u64),
    /// Count over total and its share: "3.474/3.555\n(97,7%)"; "—" when
    /// there is nothing to measure.
    Measured(u64, u64),
    /// A commune-level measure of a single commune: "Có" / "Chưa".
    YesNo(bool),
    /// Targets met out of all: "4/6".
    OutOf(u64, u64),
}

impl Figure {
    /// The figure as the PDF prints it.
    pub fn text(&self) -> String {
        match *self {
            Figure::Count(v) => n(v),
            Figure::Share(c, t) => percent(c, t),
            Figure::Measured(c, t) => measured(c, t, |c, t| {
                format!("{}/{}\n({})", n(c), n(t), percent(c, t))
            }),
            Figure::YesNo(b) => if b { "Có" } else { "Chưa" }.to_string(),
            Figure::OutOf(c, t) => format!("{c}/{t}"),
        }
    }
}

/// The figures as printed.
pub fn texts(f: Vec<Figure>) -> Vec<String> {
    f.iter().map(Figure::text).collect()
}

/// Biểu 01: staff structure.
pub fn staff_figures(c: &Counts) -> Vec<Figure> {
    let mut v: Vec<Figure> = [
        c.officials,
        c.bloc[0],
        c.bloc[1],
        c.university_plus,
        c.postgraduate,
        c.college_intermediate,
        c.theory_advanced,
        c.theory_intermediate,
        c.women,
        c.minorities,
        c.under_42,
    ]
    .into_iter()
    .map(Figure::Count)
    .collect();
    v.extend(c.shortage.iter().map(|&x| Figure::Count(x)));
    v
}

/// Biểu 02: ratings.
pub fn rating_figures(c: &Counts) -> Vec<Figure> {
    let mut v = vec![Figure::Count(c.officials), Figure::Count(c.rated)];
    for k in 0..4 {
        v.push(Figure::Count(c.ratings[k]));
        v.push(Figure::Share(c.ratings[k], c.rated));
    }
    v
}

/// Biểu 03: training.
pub fn training_figures(c: &Counts) -> Vec<Figure> {
    let mut v = vec![
        Figure::Count(c.trainees),
        Figure::Count(c.attendances.iter().sum()),
    ];
    v.extend(
        [
            TrainingStatus::Planned,
            TrainingStatus::Enrolled,
            TrainingStatus::Completed,
            TrainingStatus::Dropped,
        ]
        .iter()
        .map(|&s| Figure::Count(c.attendances[s as usize])),
    );
    v.extend(c.completions_kind.iter().map(|&x| Figure::Count(x)));
    v
}

/// Biểu 04: target progress, count over total. The commune-level measures
/// of a single commune are yes or no.
pub fn target_figures(c: &Counts) -> Vec<Figure> {
    let whole = |count: u64| {
        if c.communes == 1 {
            Figure::YesNo(count > 0)
        } else {
            Figure::Measured(count, c.communes)
        }
    };
    let met = c
        .targets()
        .iter()
        .filter(|x| x.status == Status::Met)
        .count() as u64;
    vec![
        Figure::Measured(c.meets_standard, c.officials),
        Figure::Measured(c.digital_course, c.officials),
        Figure::Measured(c.digital_profile, c.officials),
        whole(c.communes_all_digital),
        Figure::Measured(c.satisfied, c.respondents),
        Figure::Measured(c.leaders_trained, c.leaders),
        whole(c.communes_replicated),
        Figure::OutOf(met, 6),
    ]
}

/// One appendix as figures: per commune its name and figures, and the
/// figures of the whole scope.
#[derive(Debug, Clone)]
pub struct FigureTable {
    pub rows: Vec<(String, Vec<Figure>)>,
    pub total: Vec<Figure>,
}

/// The four appendices as figures, over `per_commune` (name and counts)
/// and the counts of the scope, `total`.
pub fn figure_tables(per_commune: &[(String, Counts)], total: &Counts) -> Vec<FigureTable> {
    let table = |f: fn(&Counts) -> Vec<Figure>| FigureTable {
        rows: per_commune
            .iter()
            .map(|(name, ck)| (name.clone(), f(ck)))
            .collect(),
        total: f(total),
    };
    vec![
        table(staff_figures),
        table(rating_figures),
        table(training_figures),
        table(target_figures),
    ]
}

/// The four appendices as printed: per commune a row "STT, name,
/// cells…", and the cells of the total.
pub fn tables(per_commune: &[(String, Counts)], total: &Counts) -> Vec<TableVm> {
    figure_tables(per_commune, total)
        .into_iter()
        .map(|t| TableVm {
            rows: t
                .rows
                .into_iter()
                .enumerate()
                .map(|(i, (name, figures))| {
                    let mut row = vec![(i + 1).to_string(), name];
                    row.extend(texts(figures));
                    row
                })
                .collect(),
            total: texts(t.total),
        })
        .collect()
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
