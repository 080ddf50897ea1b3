//! Competency gaps: each official against the standard of their position
//! (khung năng lực vị trí việc làm). One place for target (1) of the periodic
//! report, the training plan and the first early-warning list.

use chrono::NaiveDate;
use serde::Serialize;

use crate::input::{
    Course, CourseKind, Dataset, Education, ItSkill, Major, Official, PoliticalTheory, Position,
    Region, TrainingStatus,
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
    ds.trainings
        .iter()
        .filter(move |t| {
            t.official == official
                && t.status == TrainingStatus::Completed
                && t.completed_on.is_some_and(|d| d <= as_of)
        })
        .filter_map(|t| ds.courses.iter().find(|c| c.id == t.course))
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
