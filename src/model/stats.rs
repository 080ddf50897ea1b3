//! Facts of the periodic report (reports.md §3) over a scope: the whole
//! province or one commune. Counts only, all integers; the view-model formats
//! them and every share and comparison is made on integers.
//!
//! Choices (documented for the report's readers):
//! - Education and political theory are the levels an official *has* at
//!   `as_of`: the recorded level raised by completed courses that grant a level
//!   ([`gaps::levels`]), the same reading as target (1).
//! - A training marked completed with a completion date after `as_of` is
//!   still "đang học" at `as_of`.
//! - Courses "held in the period" overlap the period and have at least one
//!   attendance from the scope; completions count when dated inside the period.
//! - Target (3), communes: a commune counts when it has officials and every
//!   one of them has a complete electronic record.
//! - Target (6): replicated initiatives of any year up to the period's year.

use std::collections::{BTreeSet, HashMap};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::{Model, gaps, warnings};
use crate::input::{
    Dataset, Education, Gender, Major, Official, PoliticalTheory, Training, TrainingStatus,
};

/// The majors the resolution names as short of staff, in its order.
pub const SHORTAGE_MAJORS: [Major; 3] = [
    Major::FinanceAccounting,
    Major::CadastralConstruction,
    Major::It,
];

/// The goal of each target of mục tiêu 2.2, in percent.
pub const GOALS: [u64; 6] = [100, 100, 100, 90, 100, 100];

/// Which officials a set of facts is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope<'s> {
    Province,
    Commune(&'s str),
}

impl Scope<'_> {
    pub fn has(&self, commune: &str) -> bool {
        match self {
            Scope::Province => true,
            Scope::Commune(id) => *id == commune,
        }
    }
}

/// Completed years at `at` ("dưới 42 tuổi" = 41 or less).
pub fn age(birth: NaiveDate, at: NaiveDate) -> i32 {
    let mut a = at.year() - birth.year();
    if (at.month(), at.day()) < (birth.month(), birth.day()) {
        a -= 1;
    }
    a
}

/// Every value other than "Kinh" is an ethnic minority (data-model.md).
pub fn is_minority(ethnicity: &str) -> bool {
    !ethnicity.trim().eq_ignore_ascii_case("kinh")
}

/// The status of an attendance at `as_of`: a completion dated later is not one yet.
pub fn status_at(t: &Training, as_of: NaiveDate) -> TrainingStatus {
    match t.status {
        TrainingStatus::Completed if t.completed_on.is_none_or(|d| d > as_of) => {
            TrainingStatus::Enrolled
        }
        s => s,
    }
}

/// A count, or counts side by side, that add up.
trait Sum {
    fn add(&mut self, o: &Self);
}

impl Sum for u64 {
    fn add(&mut self, o: &u64) {
        *self += o;
    }
}

impl<T: Sum, const N: usize> Sum for [T; N] {
    fn add(&mut self, o: &[T; N]) {
        for (x, y) in self.iter_mut().zip(o) {
            x.add(y);
        }
    }
}

/// Counts that add up: the counts of a province are the sums of its communes'.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    // Staff structure (II.1, Biểu 01).
    pub officials: u64,
    /// By bloc: party, government.
    pub bloc: [u64; 2],
    pub university_plus: u64,
    pub postgraduate: u64,
    pub college_intermediate: u64,
    pub college_intermediate_bloc: [u64; 2],
    pub theory_advanced: u64,
    pub theory_intermediate: u64,
    pub women: u64,
    pub minorities: u64,
    pub under_42: u64,
    /// Officials in the majors of [`SHORTAGE_MAJORS`].
    pub shortage: [u64; 3],

    // The six targets (II.2, Biểu 04).
    /// (1) Officials meeting every requirement of their position.
    pub meets_standard: u64,
    /// (2) Officials with a completed digital_skills course.
    pub digital_course: u64,
    /// (3) Officials whose electronic record is complete.
    pub digital_profile: u64,
    pub communes: u64,
    /// (3) Communes where every official's record is complete.
    pub communes_all_digital: u64,
    /// (4) Survey answers of the period.
    pub respondents: u64,
    pub satisfied: u64,
    /// (5) Leaders, and those with a completed leadership_skills course.
    pub leaders: u64,
    pub leaders_trained: u64,
    /// (6) Communes with at least one replicated initiative.
    pub communes_replicated: u64,

    // Ratings of the period (II.3, Biểu 02).
    pub rated: u64,
    /// By rating, in the order of [`super::Rating::ALL`].
    pub ratings: [u64; 4],
    /// By bloc, then rating.
    pub ratings_bloc: [[u64; 4]; 2],
    /// Rated at most "Hoàn thành nhiệm vụ" because of a discipline in the period.
    pub capped: u64,

    // Training (II.4, Biểu 03).
    /// Officials with at least one attendance in a course held in the period.
    pub trainees: u64,
    /// Attendances by status at `as_of` (planned, enrolled, completed, dropped).
    pub attendances: [u64; 4],
    /// Attendances by course kind (order of [`crate::input::CourseKind::ALL`]).
    pub attendances_kind: [u64; 6],
    /// Completions dated inside the period, by course kind.
    pub completions_kind: [u64; 6],

    // Early warnings (II.5).
    /// Officials missing a requirement of their position.
    pub below_standard: u64,
    pub tasks: u64,
    pub late_tasks: u64,
    /// Late tasks not done at `as_of`.
    pub late_open: u64,
    /// Officials for whom at least one discipline-risk rule fires.
    pub at_risk: u64,
}

impl Counts {
    /// Add `o`'s counts to these, field by field.
    pub fn add(&mut self, o: &Counts) {
        // The pattern names every field, so a new count cannot be left out.
        macro_rules! add_fields {
            ($($f:ident),* $(,)?) => {{
                let Counts { $($f),* } = o;
                $(Sum::add(&mut self.$f, $f);)*
            }};
        }
        add_fields!(
            officials,
            bloc,
            university_plus,
            postgraduate,
            college_intermediate,
            college_intermediate_bloc,
            theory_advanced,
            theory_intermediate,
            women,
            minorities,
            under_42,
            shortage,
            meets_standard,
            digital_course,
            digital_profile,
            communes,
            communes_all_digital,
            respondents,
            satisfied,
            leaders,
            leaders_trained,
            communes_replicated,
            rated,
            ratings,
            ratings_bloc,
            capped,
            trainees,
            attendances,
            attendances_kind,
            completions_kind,
            below_standard,
            tasks,
            late_tasks,
            late_open,
            at_risk,
        );
    }

    /// The six targets of mục tiêu 2.2 with their results.
    pub fn targets(&self) -> [Target; 6] {
        let m = |count, total| Measure { count, total };
        [
            vec![m(self.meets_standard, self.officials)],
            vec![m(self.digital_course, self.officials)],
            vec![
                m(self.digital_profile, self.officials),
                m(self.communes_all_digital, self.communes),
            ],
            vec![m(self.satisfied, self.respondents)],
            vec![m(self.leaders_trained, self.leaders)],
            vec![m(self.communes_replicated, self.communes)],
        ]
        .into_iter()
        .zip(GOALS)
        .enumerate()
        .map(|(i, (measures, goal))| Target::new(i as u8 + 1, measures, goal))
        .collect::<Vec<_>>()
        .try_into()
        .expect("six targets")
    }
}

/// count out of total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Measure {
    pub count: u64,
    pub total: u64,
}

impl Measure {
    /// count / total ≥ goal %, exactly.
    pub fn reaches(&self, goal: u64) -> bool {
        self.count * 100 >= goal * self.total
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Met,
    NotMet,
    /// Nothing to measure (no officials, no leaders, no survey…).
    NoData,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Met => "Đạt",
            Status::NotMet => "Chưa đạt",
            Status::NoData => "Chưa có số liệu",
        }
    }
}

/// One target of mục tiêu 2.2: its measures (two for target 3), goal and status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Target {
    pub no: u8,
    pub measures: Vec<Measure>,
    /// Percent.
    pub goal: u64,
    pub status: Status,
}

impl Target {
    fn new(no: u8, measures: Vec<Measure>, goal: u64) -> Target {
        let status = if measures.iter().any(|m| m.total == 0) {
            Status::NoData
        } else if measures.iter().all(|m| m.reaches(goal)) {
            Status::Met
        } else {
            Status::NotMet
        };
        Target {
            no,
            measures,
            goal,
            status,
        }
    }
}

/// The facts of one scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub counts: Counts,
    /// Courses held in the period with an attendance from the scope, by kind.
    /// (Not additive: one course serves several communes.)
    pub courses_kind: [u64; 6],
}

/// What is known of one official at `as_of`, computed once per build.
struct OfficialFacts<'a> {
    official: &'a Official,
    education: Education,
    theory: PoliticalTheory,
    meets_standard: bool,
    digital_course: bool,
    leader: bool,
    leader_trained: bool,
    at_risk: bool,
}

/// Per-official facts and the late tasks, computed once and then aggregated
/// over any scope with [`Facts::stats`].
pub struct Facts<'m, 'a> {
    model: &'m Model<'a>,
    officials: Vec<OfficialFacts<'a>>,
    by_id: HashMap<&'a str, usize>,
    /// Late tasks at `as_of`: (commune, done).
    late: Vec<(&'a str, bool)>,
}

impl<'m, 'a> Facts<'m, 'a> {
    pub fn compute(model: &'m Model<'a>) -> Facts<'m, 'a> {
        let ds: &'a Dataset = model.ds;
        let cfg = &ds.config;
        let positions: HashMap<&str, _> = ds.positions.iter().map(|p| (p.id.as_str(), p)).collect();
        let late = warnings::late_tasks(ds);
        let officials: Vec<OfficialFacts<'a>> = ds
            .officials
            .iter()
            .map(|o| {
                let levels = gaps::levels(ds, o, cfg.as_of);
                let position = positions.get(o.position.as_str());
                let found = position.map(|p| gaps::gaps(ds, o, p, cfg.as_of));
                let leader = position.is_some_and(|p| p.leader);
                OfficialFacts {
                    official: o,
                    education: levels.education,
                    theory: levels.political_theory,
                    meets_standard: found
                        .as_ref()
                        .is_some_and(|g| !g.iter().any(gaps::Gap::is_requirement)),
                    digital_course: levels.digital_course,
                    leader,
                    leader_trained: leader && levels.leadership_course,
                    at_risk: !warnings::risks(ds, o, &late, &cfg.warnings).is_empty(),
                }
            })
            .collect();
        let by_id = officials
            .iter()
            .enumerate()
            .map(|(i, f)| (f.official.id.as_str(), i))
            .collect();
        Facts {
            model,
            officials,
            by_id,
            late: late
                .iter()
                .map(|l| (l.task.commune.as_str(), l.done))
                .collect(),
        }
    }

    /// The facts of `scope`, computed directly over its officials, tasks,
    /// surveys, initiatives, attendances and results.
    pub fn stats(&self, scope: Scope) -> Stats {
        let ds = self.model.ds;
        let cfg = &ds.config;
        let period = cfg.period;
        let mut c = Counts::default();

        for f in self
            .officials
            .iter()
            .filter(|f| scope.has(&f.official.commune))
        {
            let o = f.official;
            let bloc = o.bloc as usize;
            c.officials += 1;
            c.bloc[bloc] += 1;
            if f.education >= Education::University {
                c.university_plus += 1;
            }
            if f.education == Education::Postgraduate {
                c.postgraduate += 1;
            }
            if matches!(f.education, Education::College | Education::Intermediate) {
                c.college_intermediate += 1;
                c.college_intermediate_bloc[bloc] += 1;
            }
            match f.theory {
                PoliticalTheory::Advanced => c.theory_advanced += 1,
                PoliticalTheory::Intermediate => c.theory_intermediate += 1,
                _ => {}
            }
            if o.gender == Gender::Female {
                c.women += 1;
            }
            if is_minority(&o.ethnicity) {
                c.minorities += 1;
            }
            if age(o.birth_date, cfg.as_of) <= 41 {
                c.under_42 += 1;
            }
            for (i, m) in SHORTAGE_MAJORS.iter().enumerate() {
                if o.major == Some(*m) {
                    c.shortage[i] += 1;
                }
            }
            if f.meets_standard {
                c.meets_standard += 1;
            } else {
                c.below_standard += 1;
            }
            c.digital_course += f.digital_course as u64;
            c.digital_profile += o.digital_profile as u64;
            c.leaders += f.leader as u64;
            c.leaders_trained += f.leader_trained as u64;
            c.at_risk += f.at_risk as u64;
        }

        for commune in ds.communes.iter().filter(|k| scope.has(&k.id)) {
            c.communes += 1;
            let mut staff = self
                .officials
                .iter()
                .filter(|f| f.official.commune == commune.id)
                .peekable();
            if staff.peek().is_some() && staff.all(|f| f.official.digital_profile) {
                c.communes_all_digital += 1;
            }
            if ds
                .initiatives
                .iter()
                .any(|i| i.commune == commune.id && i.replicated && i.year <= period.year())
            {
                c.communes_replicated += 1;
            }
        }

        for s in ds
            .surveys
            .iter()
            .filter(|s| s.period == period && scope.has(&s.commune))
        {
            c.respondents += s.respondents as u64;
            c.satisfied += s.satisfied as u64;
        }

        for r in self
            .model
            .results
            .iter()
            .filter(|r| scope.has(&r.official.commune))
        {
            let k = r.rating as usize;
            c.rated += 1;
            c.ratings[k] += 1;
            c.ratings_bloc[r.official.bloc as usize][k] += 1;
            c.capped += r.capped_by.is_some() as u64;
        }

        // Training: attendances of officials of the scope in courses held in the period.
        let courses: HashMap<&str, _> = ds.courses.iter().map(|k| (k.id.as_str(), k)).collect();
        let (first, last) = (period.first_day(), period.last_day());
        let mut held: BTreeSet<&str> = BTreeSet::new();
        let mut courses_kind = [0u64; 6];
        let mut trainees: BTreeSet<&str> = BTreeSet::new();
        for t in &ds.trainings {
            let Some(f) = self
                .by_id
                .get(t.official.as_str())
                .map(|&i| &self.officials[i])
            else {
                continue;
            };
            let Some(course) = courses.get(t.course.as_str()) else {
                continue;
            };
            if !scope.has(&f.official.commune) || course.start > last || course.end < first {
                continue;
            }
            let kind = course.kind as usize;
            if held.insert(course.id.as_str()) {
                courses_kind[kind] += 1;
            }
            trainees.insert(f.official.id.as_str());
            let status = status_at(t, cfg.as_of);
            c.attendances[status as usize] += 1;
            c.attendances_kind[kind] += 1;
            if status == TrainingStatus::Completed
                && t.completed_on.is_some_and(|d| first <= d && d <= last)
            {
                c.completions_kind[kind] += 1;
            }
        }
        c.trainees = trainees.len() as u64;

        let tasks = ds.tasks.iter().filter(|t| scope.has(&t.commune)).count();
        c.tasks = tasks as u64;
        for (commune, done) in &self.late {
            if scope.has(commune) {
                c.late_tasks += 1;
                c.late_open += !done as u64;
            }
        }

        Stats {
            counts: c,
            courses_kind,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn ages_in_completed_years() {
        let as_of = d("2026-06-30");
        assert_eq!(age(d("1984-06-30"), as_of), 42);
        assert_eq!(age(d("1984-07-01"), as_of), 41);
        assert_eq!(age(d("1985-01-01"), as_of), 41);
        assert_eq!(age(d("2000-02-29"), d("2026-02-28")), 25);
        assert_eq!(age(d("2000-02-29"), d("2026-03-01")), 26);
    }

    #[test]
    fn minorities() {
        assert!(!is_minority("Kinh"));
        assert!(!is_minority(" Kinh "));
        assert!(is_minority("Tày"));
        assert!(is_minority("H'Mông"));
    }

    #[test]
    fn targets_compare_exactly() {
        let m = Measure {
            count: 9,
            total: 10,
        };
        assert!(m.reaches(90));
        assert!(!m.reaches(100));
        // 8.999…/10 does not exist on integers; 899/1000 is below 90%.
        assert!(
            !Measure {
                count: 899,
                total: 1000
            }
            .reaches(90)
        );
        let c = Counts {
            officials: 10,
            meets_standard: 10,
            satisfied: 9,
            respondents: 10,
            communes: 2,
            communes_replicated: 1,
            ..Counts::default()
        };
        let t = c.targets();
        assert_eq!(t[0].status, Status::Met);
        assert_eq!(t[1].status, Status::NotMet);
        assert_eq!(t[3].status, Status::Met, "9/10 reaches ≥ 90%");
        assert_eq!(t[4].status, Status::NoData, "no leaders");
        assert_eq!(t[5].status, Status::NotMet);
    }

    fn sample() -> input::Dataset {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("inputs");
        input::load(&dir).unwrap_or_else(|d| panic!("sample data: {}", d.render()))
    }

    /// The appendices print one row per commune and a total row from the
    /// provincial figures: the rows must add up to it.
    #[test]
    fn communes_add_up_to_the_province() {
        let ds = sample();
        let model = Model::compute(&ds);
        let facts = Facts::compute(&model);
        let province = facts.stats(Scope::Province);
        let mut sum = Counts::default();
        for c in &ds.communes {
            sum.add(&facts.stats(Scope::Commune(&c.id)).counts);
        }
        assert_eq!(sum, province.counts);
        assert_eq!(province.counts.officials, ds.officials.len() as u64);
        assert_eq!(province.counts.communes, ds.communes.len() as u64);
        assert_eq!(province.counts.rated, model.results.len() as u64);
        // Courses are shared: a commune never counts more than the province.
        for c in &ds.communes {
            let s = facts.stats(Scope::Commune(&c.id));
            for k in 0..6 {
                assert!(s.courses_kind[k] <= province.courses_kind[k]);
            }
        }
    }

    #[test]
    fn sample_facts_follow_the_rules() {
        let ds = sample();
        let model = Model::compute(&ds);
        let s = Facts::compute(&model).stats(Scope::Province).counts;
        // The completion dated 2026-07-01 (after as_of) is not one yet.
        let late_completion = ds
            .trainings
            .iter()
            .find(|t| t.completed_on == Some(d("2026-07-01")))
            .expect("sample has a completion after as_of");
        assert_eq!(
            status_at(late_completion, ds.config.as_of),
            TrainingStatus::Enrolled
        );
        assert_eq!(s.below_standard + s.meets_standard, s.officials);
        assert_eq!(
            s.attendances.iter().sum::<u64>(),
            s.attendances_kind.iter().sum::<u64>()
        );
        assert!(
            s.completions_kind.iter().sum::<u64>()
                <= s.attendances[TrainingStatus::Completed as usize]
        );
        assert!(s.late_open <= s.late_tasks && s.late_tasks <= s.tasks);
        assert!(s.satisfied <= s.respondents && s.respondents > 0);
    }
}
