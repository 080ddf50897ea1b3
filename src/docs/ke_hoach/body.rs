//! Sections II and III of the training plan: the needs per line, the rows
//! per commune, the region topics and the courses per need. Counts and
//! names only; the template words them.

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;

use crate::docs::common::commune_words;
use crate::input::{Commune, Course, CourseKind, Dataset, Region};
use crate::model::Model;
use crate::model::gaps::{self, Need, OfficialGaps};
use crate::model::training::{self, Row};
use crate::vn::{date_body, lower_first, thousands, upper_first};

/// II.2: one line of the plan with rows.
#[derive(Debug, Serialize)]
pub struct LineVm {
    pub kind: CourseKind,
    /// Rows of the line.
    pub rows: String,
    /// Each need of the line that some row has.
    pub needs: Vec<NeedVm>,
}

#[derive(Debug, Serialize)]
pub struct NeedVm {
    pub need: Need,
    /// Rows having it.
    pub count: String,
    /// For a need with levels: rows per course to open (lower-case first
    /// letter, as it reads inside a sentence), the higher level first.
    pub levels: Vec<CountVm>,
}

/// A name and how many rows it concerns.
#[derive(Debug, Serialize)]
pub struct CountVm {
    pub name: String,
    pub count: String,
}

/// II (provincial plan): rows per line for one commune, or the total.
#[derive(Debug, Serialize)]
pub struct CommuneRowVm {
    pub stt: String,
    /// "Xã Hoà An"; empty on the total row.
    pub name: String,
    pub officials: String,
    /// Rows per line, in the order of the lines.
    pub counts: Vec<String>,
    pub people: String,
}

/// II.3: the priority topics of one region.
#[derive(Debug, Serialize)]
pub struct PriorityVm {
    /// The region's label ("biên giới").
    pub region: &'static str,
    /// Its communes in scope: "xã Trà Lĩnh, xã Đàm Thuỷ".
    pub communes: String,
    pub topics: Vec<String>,
}

/// III: one line with its needs.
#[derive(Debug, Serialize)]
pub struct ScheduleVm {
    pub kind: CourseKind,
    /// The label of the kind of course ("Kỹ năng số, chuyển đổi số").
    pub course_kind: &'static str,
    pub items: Vec<ScheduleItemVm>,
}

/// III: one need at one required level.
#[derive(Debug, Serialize)]
pub struct ScheduleItemVm {
    pub need: Need,
    /// The need's label ("Đào tạo văn bằng 2 đúng chuyên ngành vị trí việc làm").
    pub label: &'static str,
    /// Rows having it.
    pub rows: String,
    /// Rows per course to open, by name (one name unless positions differ).
    pub remedies: Vec<CountVm>,
    /// The open courses of the data that close it.
    pub courses: Vec<CourseVm>,
    /// Rows left without a course that closes it; none when none.
    pub uncovered: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct CourseVm {
    pub name: String,
    pub from: String,
    pub to: String,
    pub organizer: String,
    /// Listed officials attending it, and proposed to it; none when none.
    pub registered: Option<String>,
    pub suggested: Option<String>,
}

fn count(n: usize) -> String {
    thousands(n as i64)
}

/// A count, or none for zero.
fn some(n: usize) -> Option<String> {
    (n > 0).then(|| count(n))
}

/// II.2: each line with rows, its needs and, for a need with several
/// required levels, the rows per level.
pub fn line_items(rows: &[Row], line_kinds: &[CourseKind]) -> Vec<LineVm> {
    let mut out = Vec::new();
    for &line in line_kinds {
        let in_line: Vec<&Row> = rows.iter().filter(|r| r.line == line).collect();
        if in_line.is_empty() {
            continue;
        }
        let mut needs = Vec::new();
        for &need in Need::ALL.iter().filter(|n| n.course_kind() == line) {
            let mut by_level: BTreeMap<(u8, String), usize> = BTreeMap::new();
            let mut with = 0;
            for r in &in_line {
                for g in r.gaps.iter().filter(|g| g.need() == need) {
                    with += 1;
                    *by_level
                        .entry((g.level_rank(), lower_first(&g.remedy(r.og.position))))
                        .or_default() += 1;
                }
            }
            if with == 0 {
                continue;
            }
            let leveled = matches!(
                need,
                Need::Education | Need::PoliticalTheory | Need::ItSkill
            );
            needs.push(NeedVm {
                need,
                count: count(with),
                levels: if leveled {
                    by_level
                        .into_iter()
                        .map(|((_, name), n)| CountVm {
                            name,
                            count: count(n),
                        })
                        .collect()
                } else {
                    Vec::new()
                },
            });
        }
        out.push(LineVm {
            kind: line,
            rows: count(in_line.len()),
            needs,
        });
    }
    out
}

fn counts(rows: &[&Row], line_kinds: &[CourseKind]) -> Vec<String> {
    line_kinds
        .iter()
        .map(|l| count(rows.iter().filter(|r| r.line == *l).count()))
        .collect()
}

/// II (provincial plan): one row per commune of the data.
pub fn by_commune(ds: &Dataset, rows: &[Row], line_kinds: &[CourseKind]) -> Vec<CommuneRowVm> {
    ds.communes
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let in_c: Vec<&Row> = rows
                .iter()
                .filter(|r| r.og.official.commune == c.id)
                .collect();
            let people: HashSet<&str> = in_c.iter().map(|r| r.og.official.id.as_str()).collect();
            CommuneRowVm {
                stt: count(i + 1),
                name: upper_first(&commune_words(c)),
                officials: count(ds.officials_of(&c.id).count()),
                counts: counts(&in_c, line_kinds),
                people: count(people.len()),
            }
        })
        .collect()
}

pub fn total_row(
    rows: &[Row],
    line_kinds: &[CourseKind],
    officials: usize,
    people: usize,
) -> CommuneRowVm {
    let all: Vec<&Row> = rows.iter().collect();
    CommuneRowVm {
        stt: String::new(),
        name: String::new(),
        officials: count(officials),
        counts: counts(&all, line_kinds),
        people: count(people),
    }
}

/// Region priority topics of the positions of the officials in scope,
/// deduplicated, per region (provincial) or for the commune's region.
pub fn priorities(model: &Model, scope: &[&OfficialGaps]) -> Vec<PriorityVm> {
    let ds = model.ds;
    let mut out = Vec::new();
    for &region in Region::ALL {
        let communes: Vec<&Commune> = ds
            .communes
            .iter()
            .filter(|c| c.region == region && scope.iter().any(|g| g.official.commune == c.id))
            .collect();
        if communes.is_empty() {
            continue;
        }
        let mut topics: Vec<String> = Vec::new();
        for og in scope {
            if model.commune(&og.official.commune).region != region {
                continue;
            }
            for t in gaps::priorities(og.position, region) {
                if !topics.iter().any(|x| x.trim() == t.trim()) {
                    topics.push(t.trim().to_string());
                }
            }
        }
        if topics.is_empty() {
            continue;
        }
        let names: Vec<String> = communes.iter().map(|c| commune_words(c)).collect();
        out.push(PriorityVm {
            region: region.label(),
            communes: names.join(", "),
            topics,
        });
    }
    out
}

/// Section III: per line, each need and required level with its rows, the
/// courses of the data that close it and the rows left without one.
pub fn schedule(ds: &Dataset, rows: &[Row], line_kinds: &[CourseKind]) -> Vec<ScheduleVm> {
    let mut out = Vec::new();
    for &line in line_kinds {
        let items = training::items(ds, rows, line);
        if items.is_empty() {
            continue;
        }
        let items = items
            .iter()
            .map(|it| ScheduleItemVm {
                need: it.gap.need(),
                label: it.gap.need().label(),
                rows: count(it.rows.len()),
                remedies: it
                    .remedies
                    .iter()
                    .map(|(name, n)| CountVm {
                        name: name.clone(),
                        count: thousands(*n as i64),
                    })
                    .collect(),
                courses: it
                    .courses
                    .iter()
                    .map(|c| course_vm(c, it.proposed(c)))
                    .collect(),
                uncovered: some(it.uncovered),
            })
            .collect();
        out.push(ScheduleVm {
            kind: line,
            course_kind: line.label(),
            items,
        });
    }
    out
}

fn course_vm(c: &Course, (registered, suggested): (usize, usize)) -> CourseVm {
    CourseVm {
        name: c.name.trim().to_string(),
        from: date_body(c.start),
        to: date_body(c.end),
        organizer: c.organizer.trim().to_string(),
        registered: some(registered),
        suggested: some(suggested),
    }
}
