//! The list attached to the training plan (landscape appendix): one group
//! per line, one row per official with the gaps and the course proposed.

use chrono::Datelike;
use serde::Serialize;

use crate::docs::common::{title_words, unit_words};
use crate::input::{Course, CourseKind, Dataset, Gender, TrainingStatus};
use crate::model::Model;
use crate::model::gaps::{self, Gap, Proposal};
use crate::model::training::Row;
use crate::vn::{date_body, lower_first, roman, thousands};

#[derive(Debug, Serialize)]
pub struct ListVm {
    pub groups: Vec<ListGroupVm>,
    /// The provincial list is too long to print (docs::long_list): a
    /// paragraph refers to the communes' plans instead (section II counts
    /// every row per need and commune).
    pub long: bool,
}

#[derive(Debug, Serialize)]
pub struct ListGroupVm {
    /// "I", "II", …
    pub no: String,
    pub kind: CourseKind,
    pub rows: Vec<ListRowVm>,
    /// Rows of the group.
    pub count: String,
}

#[derive(Debug, Serialize)]
pub struct ListRowVm {
    pub stt: String,
    pub id: String,
    pub name: String,
    /// Year of birth in the column of the official's gender.
    pub born_male: String,
    pub born_female: String,
    pub title: String,
    pub unit: String,
    /// Levels at as_of: education (with the major), political theory, IT.
    pub education: String,
    pub theory: String,
    pub it: String,
    /// Gap::describe of each gap, joined with "; ".
    pub content: String,
    /// The course proposed, or the courses to open (joined with "; ").
    pub course: String,
    /// "04/5/2026 - 30/11/2026" for a course of the data.
    pub time: String,
    /// How the course is proposed: "planned", "attending", "suggested" or
    /// "needed" (a course must be opened).
    pub proposal: &'static str,
    /// The courses still to open when the proposed one closes only part of
    /// the gaps, as they read after a colon; empty when none.
    pub more: String,
}

/// "04/5/2026 - 30/11/2026" (a line may break after the hyphen, not before).
fn span(c: &Course) -> String {
    format!("{}\u{a0}- {}", date_body(c.start), date_body(c.end))
}

/// The named list of `rows`; `long` when rows were left out.
pub fn list_vm(
    ds: &Dataset,
    model: &Model,
    rows: &[&Row],
    line_kinds: &[CourseKind],
    long: bool,
) -> ListVm {
    let mut groups = Vec::new();
    for &line in line_kinds {
        let in_line: Vec<&Row> = rows.iter().copied().filter(|r| r.line == line).collect();
        if in_line.is_empty() {
            continue;
        }
        groups.push(ListGroupVm {
            no: roman(groups.len() + 1),
            kind: line,
            rows: in_line
                .iter()
                .enumerate()
                .map(|(i, r)| row_vm(ds, model, i, r))
                .collect(),
            count: thousands(in_line.len() as i64),
        });
    }
    ListVm { groups, long }
}

fn row_vm(ds: &Dataset, model: &Model, i: usize, r: &Row) -> ListRowVm {
    let o = r.og.official;
    let born = o.birth_date.year().to_string();
    let position = r.og.position;
    let (course, time, proposal) = match r.proposal {
        Proposal::Registered(c, status) => (
            c.name.trim().to_string(),
            span(c),
            if status == TrainingStatus::Planned {
                "planned"
            } else {
                "attending"
            },
        ),
        Proposal::Suggested(c) => (c.name.trim().to_string(), span(c), "suggested"),
        Proposal::Needed => (
            gaps::remedies(&r.gaps, position).join("; "),
            String::new(),
            "needed",
        ),
    };
    // A course closing only part of the row's gaps: what remains.
    let more = match r.proposal {
        Proposal::Needed => String::new(),
        _ => lower_first(&gaps::remedies(&r.left_open(), position).join("; ")),
    };
    let l = gaps::levels(ds, o, ds.config.as_of);
    let content: Vec<String> = r.gaps.iter().map(Gap::describe).collect();
    ListRowVm {
        stt: thousands(i as i64 + 1),
        id: o.id.clone(),
        name: o.name.clone(),
        born_male: if o.gender == Gender::Male {
            born.clone()
        } else {
            String::new()
        },
        born_female: if o.gender == Gender::Female {
            born
        } else {
            String::new()
        },
        title: title_words(o, position),
        unit: unit_words(o, model.commune(&o.commune)),
        education: match o.major {
            Some(m) => format!("{} ({})", l.education.label(), m.label()),
            None => l.education.label().to_string(),
        },
        theory: l.political_theory.label().to_string(),
        it: l.it_skill.label().to_string(),
        content: content.join("; "),
        course,
        time,
        proposal,
        more,
    }
}
