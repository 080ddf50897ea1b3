//! The training plan's facts (reports.md §4): the period it covers, its
//! lines (one per kind of course), one row per official and line with the
//! course proposed, and per need and level the courses of the data that
//! close it. Which course closes which gap is [`gaps`]' rule.

use std::collections::BTreeMap;

use crate::input::{Course, CourseKind, Dataset, Period};
use crate::model::gaps::{self, Gap, Need, OfficialGaps, Proposal};
use crate::vn::compare_names;

/// The period after `p`: a plan made at the end of the reported period
/// covers the next one.
pub fn next_period(p: Period) -> Period {
    match p {
        Period::Year(y) => Period::Year(y + 1),
        Period::Half(y, 1) => Period::Half(y, 2),
        Period::Half(y, _) => Period::Half(y + 1, 1),
        Period::Quarter(y, q) if q >= 4 => Period::Quarter(y + 1, 1),
        Period::Quarter(y, q) => Period::Quarter(y, q + 1),
    }
}

/// The lines of the plan: the kinds of course of [`Need::ALL`], in order.
pub fn lines() -> Vec<CourseKind> {
    let mut out = Vec::new();
    for n in Need::ALL {
        if !out.contains(&n.course_kind()) {
            out.push(n.course_kind());
        }
    }
    out
}

/// One row of the plan: an official, a line and the gaps of that line.
pub struct Row<'a> {
    pub og: &'a OfficialGaps<'a>,
    pub line: CourseKind,
    pub gaps: Vec<Gap>,
    pub proposal: Proposal<'a>,
}

impl Row<'_> {
    /// The gaps the proposed course leaves open (all of them when none).
    pub fn left_open(&self) -> Vec<Gap> {
        self.gaps
            .iter()
            .copied()
            .filter(|g| !self.proposal.course().is_some_and(|c| g.closed_by(c)))
            .collect()
    }
}

/// The rows of `scope`, line by line, in Vietnamese name order inside a line.
pub fn rows<'a>(ds: &'a Dataset, scope: &[&'a OfficialGaps<'a>]) -> Vec<Row<'a>> {
    let mut rows: Vec<Row> = Vec::new();
    for line in lines() {
        let mut group: Vec<Row> = scope
            .iter()
            .filter_map(|&og| {
                let gaps: Vec<Gap> = og
                    .gaps
                    .iter()
                    .copied()
                    .filter(|g| g.need().course_kind() == line)
                    .collect();
                (!gaps.is_empty()).then(|| Row {
                    og,
                    line,
                    proposal: gaps::propose(ds, &og.official.id, &gaps),
                    gaps,
                })
            })
            .collect();
        group.sort_by(|a, b| {
            compare_names(&a.og.official.name, &b.og.official.name)
                .then_with(|| a.og.official.id.cmp(&b.og.official.id))
        });
        rows.extend(group);
    }
    rows
}

/// One need at one required level of a line (section III of the plan).
pub struct Item<'r, 'a> {
    /// A gap of it (its need and required level).
    pub gap: Gap,
    /// The rows having it.
    pub rows: Vec<&'r Row<'a>>,
    /// Rows per course to open (see [`Gap::remedy`]), by name.
    pub remedies: BTreeMap<String, u64>,
    /// The courses of the data that close it, by start: those the rows
    /// attend, and among those still to start the lowest sufficient level.
    pub courses: Vec<&'a Course>,
    /// Rows whose proposed course does not close it.
    pub uncovered: usize,
}

impl Item<'_, '_> {
    /// (registered, suggested): rows attending `c`, rows proposed to.
    pub fn proposed(&self, c: &Course) -> (usize, usize) {
        let count =
            |f: &dyn Fn(&Proposal) -> bool| self.rows.iter().filter(|r| f(&r.proposal)).count();
        (
            count(&|p| matches!(p, Proposal::Registered(x, _) if x.id == c.id)),
            count(&|p| matches!(p, Proposal::Suggested(x) if x.id == c.id)),
        )
    }
}

/// The needs of `line` among `rows`, by need and the higher level first.
pub fn items<'r, 'a>(ds: &'a Dataset, rows: &'r [Row<'a>], line: CourseKind) -> Vec<Item<'r, 'a>> {
    let as_of = ds.config.as_of;
    let mut by_need: BTreeMap<(Need, u8), Item> = BTreeMap::new();
    for r in rows.iter().filter(|r| r.line == line) {
        for g in &r.gaps {
            let e = by_need
                .entry((g.need(), g.level_rank()))
                .or_insert_with(|| Item {
                    gap: *g,
                    rows: Vec::new(),
                    remedies: BTreeMap::new(),
                    courses: Vec::new(),
                    uncovered: 0,
                });
            e.rows.push(r);
            *e.remedies.entry(g.remedy(r.og.position)).or_default() += 1;
        }
    }
    let mut out: Vec<Item> = by_need.into_values().collect();
    for it in &mut out {
        let gap = it.gap;
        let registered = |c: &Course| {
            it.rows
                .iter()
                .any(|r| matches!(r.proposal, Proposal::Registered(x, _) if x.id == c.id))
        };
        let closing: Vec<&Course> = ds
            .courses
            .iter()
            .filter(|c| c.end > as_of && gap.closed_by(c))
            .collect();
        // Among the courses still to start, the lowest sufficient level.
        let lowest = closing
            .iter()
            .filter(|c| c.start > as_of)
            .map(|c| gap.granted_rank(c))
            .max();
        let mut courses: Vec<&Course> = closing
            .into_iter()
            .filter(|c| registered(c) || (c.start > as_of && Some(gap.granted_rank(c)) == lowest))
            .collect();
        courses.sort_by(|a, b| (a.start, &a.id).cmp(&(b.start, &b.id)));
        it.courses = courses;
        it.uncovered = it
            .rows
            .iter()
            .filter(|r| !r.proposal.course().is_some_and(|c| gap.closed_by(c)))
            .count();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::gaps::testing::dataset;

    #[test]
    fn the_plan_covers_the_next_period() {
        for (p, next) in [
            (Period::Half(2026, 1), "6 tháng cuối năm 2026"),
            (Period::Half(2026, 2), "6 tháng đầu năm 2027"),
            (Period::Year(2026), "năm 2027"),
            (Period::Quarter(2026, 4), "quý I năm 2027"),
            (Period::Quarter(2026, 2), "quý III năm 2026"),
        ] {
            assert_eq!(next_period(p).words(), next, "{p:?}");
        }
    }

    #[test]
    fn lines_follow_the_needs() {
        assert_eq!(
            lines(),
            vec![
                CourseKind::Professional,
                CourseKind::PoliticalTheory,
                CourseKind::DigitalSkills,
                CourseKind::LeadershipSkills
            ]
        );
    }

    /// Two officials lacking intermediate political theory, one registered
    /// for an advanced course; two intermediate courses and the advanced one
    /// still to start; one already over.
    #[test]
    fn items_list_the_attended_course_and_the_lowest_sufficient_one() {
        let ds = dataset(
            "positions:
  - {id: p, name: Chuyên viên, bloc: government, requires: {political_theory: intermediate}}
officials:
  - {id: A, name: Lò Văn A, birth_date: 1990-01-01, gender: male, ethnicity: Tày, commune: xa, bloc: government, position: p, education: university, political_theory: none, it_skill: basic}
  - {id: B, name: Lò Văn B, birth_date: 1990-01-01, gender: male, ethnicity: Tày, commune: xa, bloc: government, position: p, education: university, political_theory: none, it_skill: basic}
courses:
  - {id: over, name: Cũ, kind: political_theory, grants: {political_theory: intermediate}, start: 2026-01-05, end: 2026-03-01, organizer: X}
  - {id: cc, name: CC, kind: political_theory, grants: {political_theory: advanced}, start: 2026-11-01, end: 2026-12-15, organizer: X}
  - {id: tc2, name: TC2, kind: political_theory, grants: {political_theory: intermediate}, start: 2026-10-01, end: 2026-12-01, organizer: X}
  - {id: tc1, name: TC1, kind: political_theory, grants: {political_theory: intermediate}, start: 2026-09-01, end: 2026-12-01, organizer: X}
trainings:
  - {official: B, course: cc, status: planned}
",
        );
        let all = gaps::all(&ds);
        let scope: Vec<&OfficialGaps> = all.iter().collect();
        let rows = rows(&ds, &scope);
        let line: Vec<&Row> = rows
            .iter()
            .filter(|r| r.line == CourseKind::PoliticalTheory)
            .collect();
        assert_eq!(line.len(), 2);
        // A: the earliest course still to start; B: the one attended.
        assert!(matches!(line[0].proposal, Proposal::Suggested(c) if c.id == "tc1"));
        assert!(matches!(line[1].proposal, Proposal::Registered(c, _) if c.id == "cc"));
        assert!(line[0].left_open().is_empty());
        let items = items(&ds, &rows, CourseKind::PoliticalTheory);
        assert_eq!(items.len(), 1);
        let ids: Vec<&str> = items[0].courses.iter().map(|c| c.id.as_str()).collect();
        // The attended advanced course, and the intermediate ones (the
        // lowest sufficient level) still to start; not the one over.
        assert_eq!(ids, ["tc1", "tc2", "cc"]);
        assert_eq!(items[0].uncovered, 0);
        assert_eq!(items[0].proposed(items[0].courses[0]), (0, 1));
        assert_eq!(items[0].proposed(items[0].courses[2]), (1, 0));
        assert_eq!(
            items[0].remedies.iter().collect::<Vec<_>>(),
            [(&"Trung cấp lý luận chính trị - hành chính".to_string(), &2)]
        );
    }
}
