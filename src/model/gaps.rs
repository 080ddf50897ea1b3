//! Competency gaps: each official against the standard of their position
//! (khung năng lực vị trí việc làm). One place for target (1) of the periodic
//! report, the training plan and the first early-warning list.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::input::{
    Course, CourseKind, Dataset, Education, ItSkill, Major, Official, PoliticalTheory, Position,
    Region, Training, TrainingStatus,
};

/// What an official lacks. The first four are requirements of the position;
/// the last two are the courses of targets (2) and (5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Gap {
    Education {
        have: Education,
        need: Education,
    },
    /// The major is outside the accepted ones (→ văn bằng 2).
    Major {
        have: Option<Major>,
    },
    PoliticalTheory {
        have: PoliticalTheory,
        need: PoliticalTheory,
    },
    ItSkill {
        have: ItSkill,
        need: ItSkill,
    },
    /// No completed digital_skills course (target 2).
    DigitalSkills,
    /// A leader without a completed leadership_skills course (target 5).
    LeadershipSkills,
}

/// The kinds of need, in the order documents list them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Need {
    Education,
    Major,
    PoliticalTheory,
    ItSkill,
    DigitalSkills,
    LeadershipSkills,
}

impl Need {
    pub const ALL: [Need; 6] = [
        Need::Education,
        Need::Major,
        Need::PoliticalTheory,
        Need::ItSkill,
        Need::DigitalSkills,
        Need::LeadershipSkills,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Need::Education => "Đào tạo nâng trình độ chuyên môn",
            Need::Major => "Đào tạo văn bằng 2 đúng chuyên ngành vị trí việc làm",
            Need::PoliticalTheory => "Đào tạo lý luận chính trị",
            Need::ItSkill => "Bồi dưỡng tin học",
            Need::DigitalSkills => "Bồi dưỡng kỹ năng số, chuyển đổi số",
            Need::LeadershipSkills => "Bồi dưỡng kỹ năng lãnh đạo, quản lý",
        }
    }

    /// The kind of course that closes this need.
    pub fn course_kind(self) -> CourseKind {
        match self {
            Need::Education | Need::Major => CourseKind::Professional,
            Need::PoliticalTheory => CourseKind::PoliticalTheory,
            Need::ItSkill | Need::DigitalSkills => CourseKind::DigitalSkills,
            Need::LeadershipSkills => CourseKind::LeadershipSkills,
        }
    }
}

impl Gap {
    pub fn need(&self) -> Need {
        match self {
            Gap::Education { .. } => Need::Education,
            Gap::Major { .. } => Need::Major,
            Gap::PoliticalTheory { .. } => Need::PoliticalTheory,
            Gap::ItSkill { .. } => Need::ItSkill,
            Gap::DigitalSkills => Need::DigitalSkills,
            Gap::LeadershipSkills => Need::LeadershipSkills,
        }
    }

    /// A requirement of the position (below standard), as opposed to a target course.
    pub fn is_requirement(&self) -> bool {
        !matches!(self, Gap::DigitalSkills | Gap::LeadershipSkills)
    }

    /// What is missing, in words: "trình độ chuyên môn Cao đẳng, yêu cầu Đại học".
    pub fn describe(&self) -> String {
        match self {
            Gap::Education { have, need } => {
                format!(
                    "Trình độ chuyên môn {}, yêu cầu {}",
                    have.label().to_lowercase(),
                    need.label().to_lowercase()
                )
            }
            Gap::Major { have } => format!(
                "Chuyên ngành {} không phù hợp vị trí việc làm",
                have.map(|m| m.label().to_lowercase())
                    .unwrap_or_else(|| "chưa xác định".into())
            ),
            Gap::PoliticalTheory { have, need } => format!(
                "Lý luận chính trị {}, yêu cầu {}",
                have.label().to_lowercase(),
                need.label().to_lowercase()
            ),
            Gap::ItSkill { have, need } => {
                format!(
                    "Tin học {}, yêu cầu {}",
                    have.label().to_lowercase(),
                    need.label().to_lowercase()
                )
            }
            Gap::DigitalSkills => "Chưa hoàn thành khoá bồi dưỡng kỹ năng số".into(),
            Gap::LeadershipSkills => {
                "Chưa hoàn thành khoá bồi dưỡng kỹ năng lãnh đạo, quản lý".into()
            }
        }
    }
}

/// The levels an official has at `as_of`: recorded, raised by completed
/// courses that grant a level (from their completion date).
#[derive(Debug, Clone, Copy)]
pub struct Levels {
    pub education: Education,
    pub political_theory: PoliticalTheory,
    pub it_skill: ItSkill,
    pub digital_course: bool,
    pub leadership_course: bool,
}

/// Completed courses of an official that count at `as_of`.
pub fn completed_courses<'a>(
    ds: &'a Dataset,
    official: &str,
    as_of: NaiveDate,
) -> impl Iterator<Item = &'a Course> {
    ds.trainings_of(official)
        .filter(move |t| {
            t.status == TrainingStatus::Completed && t.completed_on.is_some_and(|d| d <= as_of)
        })
        .filter_map(|t| ds.course(&t.course))
}

pub fn levels(ds: &Dataset, o: &Official, as_of: NaiveDate) -> Levels {
    let mut l = Levels {
        education: o.education,
        political_theory: o.political_theory,
        it_skill: o.it_skill,
        digital_course: false,
        leadership_course: false,
    };
    for c in completed_courses(ds, &o.id, as_of) {
        if let Some(e) = c.grants.education {
            l.education = l.education.max(e);
        }
        if let Some(p) = c.grants.political_theory {
            l.political_theory = l.political_theory.max(p);
        }
        if let Some(i) = c.grants.it_skill {
            l.it_skill = l.it_skill.max(i);
        }
        l.digital_course |= c.kind == CourseKind::DigitalSkills;
        l.leadership_course |= c.kind == CourseKind::LeadershipSkills;
    }
    l
}

/// Every gap of `o` against `p`, at `as_of`.
pub fn gaps(ds: &Dataset, o: &Official, p: &Position, as_of: NaiveDate) -> Vec<Gap> {
    let l = levels(ds, o, as_of);
    let r = &p.requires;
    let mut out = Vec::new();
    if let Some(need) = r.education
        && l.education < need
    {
        out.push(Gap::Education {
            have: l.education,
            need,
        });
    }
    if !r.majors.is_empty() && !o.major.is_some_and(|m| r.majors.contains(&m)) {
        out.push(Gap::Major { have: o.major });
    }
    if let Some(need) = r.political_theory
        && l.political_theory < need
    {
        out.push(Gap::PoliticalTheory {
            have: l.political_theory,
            need,
        });
    }
    if let Some(need) = r.it_skill
        && l.it_skill < need
    {
        out.push(Gap::ItSkill {
            have: l.it_skill,
            need,
        });
    }
    if !l.digital_course {
        out.push(Gap::DigitalSkills);
    }
    if p.leader && !l.leadership_course {
        out.push(Gap::LeadershipSkills);
    }
    out
}

/// The region priorities of a position for a commune's region (topics, not gaps).
pub fn priorities(p: &Position, region: Region) -> &[String] {
    p.region_priorities
        .get(&region)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

impl Gap {
    /// Whether completing `c` closes this gap: a course of the need's kind
    /// that, for a level gap, grants at least the required level. A degree
    /// course (a professional course granting an education level) closes a
    /// major gap (văn bằng 2).
    pub fn closed_by(&self, c: &Course) -> bool {
        if c.kind != self.need().course_kind() {
            return false;
        }
        match self {
            Gap::Education { need, .. } => c.grants.education.is_some_and(|g| g >= *need),
            Gap::Major { .. } => c.grants.education.is_some(),
            Gap::PoliticalTheory { need, .. } => {
                c.grants.political_theory.is_some_and(|g| g >= *need)
            }
            Gap::ItSkill { need, .. } => c.grants.it_skill.is_some_and(|g| g >= *need),
            Gap::DigitalSkills | Gap::LeadershipSkills => true,
        }
    }

    /// Rank of the required level inside the need, the higher level first
    /// (smaller rank); 0 for a gap without a level.
    pub fn level_rank(&self) -> u8 {
        match self {
            Gap::Education { need, .. } => 10 - *need as u8,
            Gap::PoliticalTheory { need, .. } => 10 - *need as u8,
            Gap::ItSkill { need, .. } => 10 - *need as u8,
            _ => 0,
        }
    }

    /// The level `c` grants in the field of this gap, ranked like
    /// [`Gap::level_rank`]; 0 when it grants none (or the gap has no level).
    pub fn granted_rank(&self, c: &Course) -> u8 {
        let g = &c.grants;
        match self {
            Gap::Education { .. } => g.education.map_or(0, |l| 10 - l as u8),
            Gap::PoliticalTheory { .. } => g.political_theory.map_or(0, |l| 10 - l as u8),
            Gap::ItSkill { .. } => g.it_skill.map_or(0, |l| 10 - l as u8),
            _ => 0,
        }
    }

    /// The course that closes this gap, named (when the data has none).
    pub fn remedy(&self, p: &Position) -> String {
        match self {
            Gap::Education { need, .. } => {
                format!("Đào tạo trình độ {}", need.label().to_lowercase())
            }
            Gap::Major { .. } => {
                let majors: Vec<&str> = p.requires.majors.iter().map(|m| m.label()).collect();
                if majors.is_empty() {
                    "Đào tạo văn bằng 2 đúng chuyên ngành vị trí việc làm".into()
                } else {
                    format!("Đào tạo văn bằng 2 ngành {}", majors.join(" hoặc "))
                }
            }
            Gap::PoliticalTheory { need, .. } => match need {
                PoliticalTheory::Advanced => "Cao cấp lý luận chính trị",
                PoliticalTheory::Intermediate => "Trung cấp lý luận chính trị - hành chính",
                PoliticalTheory::Elementary => "Sơ cấp lý luận chính trị",
                PoliticalTheory::None => "Bồi dưỡng lý luận chính trị",
            }
            .into(),
            Gap::ItSkill { need, .. } => format!(
                "Bồi dưỡng tin học, kỹ năng số trình độ {}",
                need.label().to_lowercase()
            ),
            Gap::DigitalSkills => "Bồi dưỡng kỹ năng số, chuyển đổi số".into(),
            Gap::LeadershipSkills => "Bồi dưỡng kỹ năng lãnh đạo, quản lý".into(),
        }
    }
}

/// The courses to open for `gaps`, named, each once. The IT-skill course
/// also covers the digital-skills target, which then needs no course of
/// its own.
pub fn remedies(gaps: &[Gap], p: &Position) -> Vec<String> {
    let has_it = gaps.iter().any(|g| matches!(g, Gap::ItSkill { .. }));
    let mut out: Vec<String> = Vec::new();
    for g in gaps {
        if has_it && *g == Gap::DigitalSkills {
            continue;
        }
        let r = g.remedy(p);
        if !out.contains(&r) {
            out.push(r);
        }
    }
    out
}

/// How many of `gaps` completing `c` closes.
pub fn closes(c: &Course, gaps: &[Gap]) -> usize {
    gaps.iter().filter(|g| g.closed_by(c)).count()
}

/// The best course for `gaps` among `cands`: the most gaps closed, then the
/// earliest start, then the id; none when no candidate closes any.
pub fn best_course<'a>(
    cands: impl Iterator<Item = &'a Course>,
    gaps: &[Gap],
) -> Option<&'a Course> {
    cands
        .filter(|c| closes(c, gaps) > 0)
        .min_by_key(|c| (std::cmp::Reverse(closes(c, gaps)), c.start, c.id.as_str()))
}

/// The course proposed to an official for some of their gaps.
#[derive(Debug, Clone, Copy)]
pub enum Proposal<'a> {
    /// The official attends (or is registered for) this course.
    Registered(&'a Course, TrainingStatus),
    /// A course of the data starting after `as_of`, not yet attended, that
    /// closes the gaps.
    Suggested(&'a Course),
    /// No course in the data: the courses of [`remedies`] must be opened.
    Needed,
}

impl<'a> Proposal<'a> {
    /// The course of the data proposed, if any.
    pub fn course(&self) -> Option<&'a Course> {
        match *self {
            Proposal::Registered(c, _) | Proposal::Suggested(c) => Some(c),
            Proposal::Needed => None,
        }
    }
}

/// The course proposed for `gaps` of `official` at `config.as_of`: the best
/// of their open attendances, else the best course still to start, else
/// none (a course must be opened).
pub fn propose<'a>(ds: &'a Dataset, official: &'a str, gaps: &[Gap]) -> Proposal<'a> {
    let as_of = ds.config.as_of;
    let open: Vec<_> = open_trainings(ds, official, as_of).collect();
    if let Some(c) = best_course(open.iter().map(|(_, c)| *c), gaps) {
        let status = open
            .iter()
            .find(|(_, oc)| oc.id == c.id)
            .map_or(TrainingStatus::Planned, |(t, _)| t.status);
        return Proposal::Registered(c, status);
    }
    match best_course(ds.courses.iter().filter(|c| c.start > as_of), gaps) {
        Some(c) => Proposal::Suggested(c),
        None => Proposal::Needed,
    }
}

/// One official with their position and gaps at `config.as_of`.
#[derive(Debug, Clone)]
pub struct OfficialGaps<'a> {
    pub official: &'a Official,
    pub position: &'a Position,
    pub gaps: Vec<Gap>,
}

impl OfficialGaps<'_> {
    /// Below the standard of the position: a requirement gap, not only a
    /// target course.
    pub fn below_standard(&self) -> bool {
        self.gaps.iter().any(Gap::is_requirement)
    }
}

/// The gaps of every official at `config.as_of`, in input order (an official
/// whose position is unknown is skipped; validation reports it).
pub fn all(ds: &Dataset) -> Vec<OfficialGaps<'_>> {
    let positions: HashMap<&str, &Position> =
        ds.positions.iter().map(|p| (p.id.as_str(), p)).collect();
    ds.officials
        .iter()
        .filter_map(|o| {
            let p = *positions.get(o.position.as_str())?;
            Some(OfficialGaps {
                official: o,
                position: p,
                gaps: gaps(ds, o, p, ds.config.as_of),
            })
        })
        .collect()
}

/// Attendances of an official not finished at `as_of`: planned, enrolled,
/// or completed after `as_of` (still being attended at that date).
pub fn open_trainings<'a>(
    ds: &'a Dataset,
    official: &'a str,
    as_of: NaiveDate,
) -> impl Iterator<Item = (&'a Training, &'a Course)> {
    ds.trainings_of(official)
        .filter(move |t| match t.status {
            TrainingStatus::Planned | TrainingStatus::Enrolled => true,
            TrainingStatus::Completed => t.completed_on.is_none_or(|d| d > as_of),
            TrainingStatus::Dropped => false,
        })
        .filter_map(|t| ds.course(&t.course).map(|c| (t, c)))
}

/// A dataset from YAML text, for unit tests of the model.
#[cfg(test)]
pub(crate) mod testing {
    use crate::input::Dataset;

    pub const CONFIG: &str = "config:
  province: Cao Bằng
  as_of: 2026-06-30
  period: 2026-H1
  place: Cao Bằng
  issued_on: 2026-07-05
  resolution: {number: 15-NQ/TU, issued_on: 2026-04-20, title: về cán bộ cơ sở}
  bodies:
    provincial_committee:
      parent: ĐẢNG BỘ TỈNH CAO BẰNG
      name: TỈNH UỶ
      code: TU
      signer: {authority: T/M BAN THƯỜNG VỤ, role: PHÓ BÍ THƯ, name: A}
    organization_board:
      parent: TỈNH UỶ CAO BẰNG
      name: BAN TỔ CHỨC
      code: BTCTU
      signer: {authority: '', role: TRƯỞNG BAN, name: B}
communes:
  - {id: xa, name: Một, kind: xa, region: border}
";

    /// Config and one commune, plus `yaml` (more top-level keys).
    pub fn dataset(yaml: &str) -> Dataset {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("config.yaml"), CONFIG).unwrap();
        std::fs::write(dir.path().join("data.yaml"), yaml).unwrap();
        match crate::input::load(dir.path()) {
            Ok(ds) => ds,
            Err(d) => panic!("test data invalid:\n{}", d.render()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testing::dataset;
    use super::*;

    const POSITIONS: &str = "positions:
  - id: lanh-dao
    name: Chủ tịch UBND
    bloc: government
    leader: true
    requires: {education: university, majors: [law], political_theory: intermediate, it_skill: basic}
    region_priorities: {border: [Ứng phó thiên tai]}
  - id: chuyen-vien
    name: Chuyên viên
    bloc: government
";

    /// An official meeting "lanh-dao" except for `over` (field, value) pairs.
    fn official(id: &str, position: &str, over: &[(&str, &str)]) -> String {
        let mut fields = vec![
            ("education", "university"),
            ("major", "law"),
            ("political_theory", "intermediate"),
            ("it_skill", "basic"),
        ];
        for (k, v) in over {
            match fields.iter_mut().find(|(f, _)| f == k) {
                Some(f) => f.1 = v,
                None => fields.push((k, v)),
            }
        }
        let extra: String = fields.iter().map(|(k, v)| format!(", {k}: {v}")).collect();
        format!(
            "  - {{id: {id}, name: Lò Văn {id}, birth_date: 1990-01-01, gender: male, ethnicity: Tày, commune: xa, bloc: government, position: {position}{extra}}}\n"
        )
    }

    fn gaps_of(ds: &Dataset, id: &str) -> Vec<Gap> {
        all(ds)
            .into_iter()
            .find(|g| g.official.id == id)
            .expect("official")
            .gaps
    }

    #[test]
    fn every_gap_kind() {
        let ds = dataset(&format!(
            "{POSITIONS}officials:\n{}{}{}{}{}",
            official("A", "lanh-dao", &[("education", "college")]),
            official("B", "lanh-dao", &[("major", "economics")]),
            official("C", "lanh-dao", &[]),
            official(
                "D",
                "lanh-dao",
                &[("political_theory", "elementary"), ("it_skill", "none")]
            ),
            official(
                "E",
                "chuyen-vien",
                &[("education", "none"), ("political_theory", "none")]
            ),
        ));
        use Gap::*;
        let (dig, lead) = (DigitalSkills, LeadershipSkills);
        let edu = Education {
            have: crate::input::Education::College,
            need: crate::input::Education::University,
        };
        assert_eq!(gaps_of(&ds, "A"), vec![edu, dig, lead]);
        assert_eq!(
            gaps_of(&ds, "B"),
            vec![
                Major {
                    have: Some(crate::input::Major::Economics)
                },
                dig,
                lead
            ]
        );
        assert_eq!(gaps_of(&ds, "C"), vec![dig, lead]);
        assert_eq!(
            gaps_of(&ds, "D"),
            vec![
                PoliticalTheory {
                    have: crate::input::PoliticalTheory::Elementary,
                    need: crate::input::PoliticalTheory::Intermediate
                },
                ItSkill {
                    have: crate::input::ItSkill::None,
                    need: crate::input::ItSkill::Basic
                },
                dig,
                lead
            ]
        );
        // No requirements, not a leader: only the digital-skills target.
        assert_eq!(gaps_of(&ds, "E"), vec![dig]);
        assert!(all(&ds).iter().filter(|g| g.below_standard()).count() == 3);
        let p = &ds.positions[0];
        assert_eq!(priorities(p, Region::Border), ["Ứng phó thiên tai"]);
        assert!(priorities(p, Region::Urban).is_empty());
    }

    #[test]
    fn a_completed_course_counts_from_its_completion_date() {
        let ds = dataset(&format!(
            "{POSITIONS}officials:\n{}{}{}{}courses:
  - {{id: llct, name: Trung cấp LLCT, kind: political_theory, grants: {{political_theory: intermediate}}, start: 2026-01-05, end: 2026-07-01, organizer: Trường Chính trị}}
  - {{id: kns, name: Kỹ năng số, kind: digital_skills, start: 2026-03-01, end: 2026-03-05, organizer: Sở KH&CN}}
  - {{id: ld, name: Lãnh đạo, kind: leadership_skills, start: 2026-03-01, end: 2026-03-05, organizer: Ban Tổ chức}}
trainings:
  - {{official: ON, course: llct, status: completed, completed_on: 2026-06-30}}
  - {{official: AFTER, course: llct, status: completed, completed_on: 2026-07-01}}
  - {{official: ON, course: kns, status: completed, completed_on: 2026-06-30}}
  - {{official: AFTER, course: kns, status: completed, completed_on: 2026-07-01}}
  - {{official: ON, course: ld, status: completed, completed_on: 2026-03-05}}
  - {{official: PLANNED, course: kns, status: planned}}
  - {{official: PLANNED, course: ld, status: enrolled}}
  - {{official: DROPPED, course: kns, status: dropped}}
",
            official("ON", "lanh-dao", &[("political_theory", "elementary")]),
            official("AFTER", "lanh-dao", &[("political_theory", "elementary")]),
            official("PLANNED", "lanh-dao", &[]),
            official("DROPPED", "chuyen-vien", &[]),
        ));
        // Completed on as_of: counts (level raised by the grant, courses done).
        assert_eq!(gaps_of(&ds, "ON"), vec![]);
        let l = levels(&ds, &ds.officials[0], ds.config.as_of);
        assert_eq!(
            l.political_theory,
            crate::input::PoliticalTheory::Intermediate
        );
        // Completed one day after as_of: not yet.
        let after = gaps_of(&ds, "AFTER");
        assert!(after.contains(&Gap::DigitalSkills), "{after:?}");
        assert!(matches!(after[0], Gap::PoliticalTheory { .. }), "{after:?}");
        // Planned, enrolled or dropped attendances close nothing.
        assert_eq!(
            gaps_of(&ds, "PLANNED"),
            vec![Gap::DigitalSkills, Gap::LeadershipSkills]
        );
        assert_eq!(gaps_of(&ds, "DROPPED"), vec![Gap::DigitalSkills]);
        // ... but they are the open attendances (a completion after as_of too).
        let open = |id| {
            open_trainings(&ds, id, ds.config.as_of)
                .map(|(_, c)| c.id.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(open("AFTER"), ["llct", "kns"]);
        assert_eq!(open("PLANNED"), ["kns", "ld"]);
        assert!(open("DROPPED").is_empty() && open("ON").is_empty());
    }

    #[test]
    fn which_course_closes_which_gap() {
        use crate::input::{Education as E, ItSkill as I, PoliticalTheory as P};
        let ds = dataset(
            "courses:
  - {id: tc, name: TC, kind: political_theory, grants: {political_theory: intermediate}, start: 2026-01-05, end: 2026-07-01, organizer: X}
  - {id: cc, name: CC, kind: political_theory, grants: {political_theory: advanced}, start: 2026-01-05, end: 2026-07-01, organizer: X}
  - {id: dh, name: ĐH, kind: professional, grants: {education: university}, start: 2026-01-05, end: 2026-07-01, organizer: X}
  - {id: nv, name: NV, kind: professional, start: 2026-01-05, end: 2026-07-01, organizer: X}
  - {id: kns, name: KNS, kind: digital_skills, grants: {it_skill: basic}, start: 2026-01-05, end: 2026-07-01, organizer: X}
positions: [{id: p, name: P, bloc: party}]
officials:
  - {id: CB1, name: A, birth_date: 1980-01-01, gender: male, ethnicity: Kinh, commune: xa, bloc: party, position: p, education: university, political_theory: none, it_skill: none}
",
        );
        let c = |id: &str| ds.courses.iter().find(|c| c.id == id).unwrap();
        let pt = |need| Gap::PoliticalTheory {
            have: P::None,
            need,
        };
        assert!(pt(P::Intermediate).closed_by(c("tc")) && pt(P::Intermediate).closed_by(c("cc")));
        assert!(!pt(P::Advanced).closed_by(c("tc")) && pt(P::Advanced).closed_by(c("cc")));
        let edu = Gap::Education {
            have: E::College,
            need: E::University,
        };
        assert!(edu.closed_by(c("dh")) && !edu.closed_by(c("nv")) && !edu.closed_by(c("kns")));
        assert!(Gap::Major { have: None }.closed_by(c("dh")));
        assert!(!Gap::Major { have: None }.closed_by(c("nv")));
        assert!(
            Gap::ItSkill {
                have: I::None,
                need: I::Basic
            }
            .closed_by(c("kns"))
        );
        assert!(
            !Gap::ItSkill {
                have: I::Basic,
                need: I::Advanced
            }
            .closed_by(c("kns"))
        );
        assert!(
            Gap::DigitalSkills.closed_by(c("kns")) && !Gap::LeadershipSkills.closed_by(c("kns"))
        );
    }

    /// The IT-skill course covers the digital-skills target; each course
    /// to open is named once; a higher required level ranks first.
    #[test]
    fn remedies_and_level_ranks() {
        use crate::input::{ItSkill as I, PoliticalTheory as P};
        let ds = dataset(POSITIONS);
        let p = &ds.positions[0];
        let it = Gap::ItSkill {
            have: I::None,
            need: I::Basic,
        };
        assert_eq!(
            remedies(&[it, Gap::DigitalSkills, it], p),
            ["Bồi dưỡng tin học, kỹ năng số trình độ cơ bản"]
        );
        assert_eq!(
            remedies(&[Gap::DigitalSkills, Gap::Major { have: None }], p),
            [
                "Bồi dưỡng kỹ năng số, chuyển đổi số",
                "Đào tạo văn bằng 2 ngành Luật"
            ]
        );
        let pt = |need| Gap::PoliticalTheory {
            have: P::None,
            need,
        };
        assert!(pt(P::Advanced).level_rank() < pt(P::Intermediate).level_rank());
        assert_eq!(Gap::DigitalSkills.level_rank(), 0);
    }

    /// The attended course first, then the one closing the most gaps, then
    /// the earliest start; none when no course closes anything.
    #[test]
    fn the_proposed_course() {
        let ds = dataset(&format!(
            "{POSITIONS}officials:\n{}{}{}courses:
  - {{id: ks, name: KS, kind: digital_skills, start: 2026-07-15, end: 2026-07-20, organizer: X}}
  - {{id: th, name: TH, kind: digital_skills, grants: {{it_skill: basic}}, start: 2026-08-01, end: 2026-08-10, organizer: X}}
  - {{id: th2, name: TH2, kind: digital_skills, grants: {{it_skill: basic}}, start: 2026-09-01, end: 2026-09-10, organizer: X}}
trainings:
  - {{official: REG, course: th2, status: enrolled}}
",
            official("FREE", "chuyen-vien", &[("it_skill", "none")]),
            official("REG", "chuyen-vien", &[("it_skill", "none")]),
            official("LEAD", "lanh-dao", &[]),
        ));
        let it = Gap::ItSkill {
            have: crate::input::ItSkill::None,
            need: crate::input::ItSkill::Basic,
        };
        let gaps = [it, Gap::DigitalSkills];
        let c = |id: &str| ds.courses.iter().find(|c| c.id == id).unwrap();
        assert_eq!(closes(c("ks"), &gaps), 1);
        assert_eq!(closes(c("th"), &gaps), 2);
        // Two courses close both: the earlier one.
        assert_eq!(
            best_course(ds.courses.iter(), &gaps).map(|c| c.id.as_str()),
            Some("th")
        );
        assert!(matches!(propose(&ds, "FREE", &gaps), Proposal::Suggested(c) if c.id == "th"));
        assert!(matches!(
            propose(&ds, "REG", &gaps),
            Proposal::Registered(c, TrainingStatus::Enrolled) if c.id == "th2"
        ));
        assert!(matches!(
            propose(&ds, "LEAD", &[Gap::LeadershipSkills]),
            Proposal::Needed
        ));
        assert!(Proposal::Needed.course().is_none());
    }
}
