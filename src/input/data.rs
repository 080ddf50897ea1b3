//! The validated data of data-model.md: the code lists, where each entity
//! came from ([`Src`]), the config and the dataset. The entities themselves
//! are declared in `entities.rs`, with how they are read (re-exported here).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::Dataset;
pub use super::entities::{
    Body, Commune, Course, Discipline, Evaluation, Evaluator, Grants, HistoryItem, Initiative,
    Official, Position, Requirements, Resolution, Reward, Signer, Survey, Task, Training,
};
use crate::diag::{Diagnostic, Loc};

/// Where an entity came from: its place, its path (`officials[3]`) and the
/// place of each of its fields, so later checks can point at a field.
#[derive(Debug, Clone)]
pub struct Src {
    pub loc: Loc,
    pub path: String,
    pub fields: Vec<(&'static str, u32, u32)>,
}

impl Src {
    /// The place and path of `field` (the entity's own place if absent).
    pub fn at(&self, field: &str) -> (Loc, String) {
        let path = format!("{}.{field}", self.path);
        match self.fields.iter().find(|(n, _, _)| *n == field) {
            Some((_, line, col)) => (
                Loc {
                    line: *line,
                    col: *col,
                    ..self.loc.clone()
                },
                path,
            ),
            None => (self.loc.clone(), path),
        }
    }

    /// A problem with `field`, reported at its place.
    pub fn diag(&self, field: &str, message: impl Into<String>) -> Diagnostic {
        let (loc, path) = self.at(field);
        Diagnostic::new(loc, path, message)
    }
}

/// Declares a code list: the enum, its YAML codes and Vietnamese labels.
macro_rules! codes {
    ($(#[$m:meta])* $name:ident { $($var:ident = $code:literal : $label:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        pub enum $name { $(#[serde(rename = $code)] $var),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$var),+];
            pub const CODES: &'static [&'static str] = &[$($code),+];
            pub const LABELS: &'static [&'static str] = &[$($label),+];
            pub fn code(self) -> &'static str {
                match self { $($name::$var => $code),+ }
            }
            pub fn label(self) -> &'static str {
                match self { $($name::$var => $label),+ }
            }
            pub fn from_code(s: &str) -> Option<$name> {
                match s { $($code => Some($name::$var),)+ _ => None }
            }
        }
    };
}

codes!(CommuneKind { Xa = "xa": "xã", Phuong = "phuong": "phường" });
codes!(Region {
    Urban = "urban": "đô thị",
    Rural = "rural": "nông thôn",
    Mountain = "mountain": "miền núi - vùng đồng bào DTTS",
    Border = "border": "biên giới",
});
codes!(Bloc { Party = "party": "khối Đảng", Government = "government": "khối chính quyền" });
codes!(Gender { Male = "male": "Nam", Female = "female": "Nữ" });
codes!(
    /// Lowest first, so `>=` means "meets".
    Education {
        None = "none": "Chưa qua đào tạo",
        Intermediate = "intermediate": "Trung cấp",
        College = "college": "Cao đẳng",
        University = "university": "Đại học",
        Postgraduate = "postgraduate": "Sau đại học",
    }
);
codes!(PoliticalTheory {
    None = "none": "Chưa qua đào tạo",
    Elementary = "elementary": "Sơ cấp",
    Intermediate = "intermediate": "Trung cấp",
    Advanced = "advanced": "Cao cấp, cử nhân",
});
codes!(ItSkill { None = "none": "Chưa có", Basic = "basic": "Cơ bản", Advanced = "advanced": "Nâng cao" });
codes!(Major {
    FinanceAccounting = "finance_accounting": "Tài chính - Kế toán",
    CadastralConstruction = "cadastral_construction": "Địa chính - Xây dựng",
    It = "it": "Công nghệ thông tin",
    Law = "law": "Luật",
    Economics = "economics": "Kinh tế",
    Agriculture = "agriculture": "Nông nghiệp",
    Education = "education": "Sư phạm",
    Health = "health": "Y tế",
    CultureSociety = "culture_society": "Văn hoá - Xã hội",
    Other = "other": "Khác",
});
codes!(CourseKind {
    PoliticalTheory = "political_theory": "Lý luận chính trị",
    Professional = "professional": "Chuyên môn, nghiệp vụ",
    DigitalSkills = "digital_skills": "Kỹ năng số, chuyển đổi số",
    LeadershipSkills = "leadership_skills": "Kỹ năng lãnh đạo, quản lý",
    StateManagement = "state_management": "Quản lý nhà nước",
    Other = "other": "Khác",
});
codes!(TrainingStatus {
    Planned = "planned": "Dự kiến",
    Enrolled = "enrolled": "Đang học",
    Completed = "completed": "Đã hoàn thành",
    Dropped = "dropped": "Bỏ học",
});
codes!(
    /// `config.government_layout`: the layout of government-bloc sheets.
    GovernmentLayout { Party = "party": "thể thức văn bản của Đảng", State = "state": "thể thức văn bản hành chính nhà nước" }
);
codes!(SurveyChannel { Citizens = "citizens": "Người dân", Businesses = "businesses": "Doanh nghiệp", Internal = "internal": "Nội bộ" });

/// A reporting period: a year, a half or a quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Period {
    Year(i32),
    Half(i32, u8),
    Quarter(i32, u8),
}

impl Period {
    pub fn parse(s: &str) -> Option<Period> {
        let (y, rest) = match s.split_once('-') {
            Some((y, r)) => (y, Some(r)),
            None => (s, None),
        };
        if y.len() != 4 || !y.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: i32 = y.parse().ok()?;
        match rest {
            None => Some(Period::Year(year)),
            Some("H1") => Some(Period::Half(year, 1)),
            Some("H2") => Some(Period::Half(year, 2)),
            Some(q) if q.len() == 2 && q.starts_with('Q') => match &q[1..] {
                n @ ("1" | "2" | "3" | "4") => Some(Period::Quarter(year, n.parse().ok()?)),
                _ => None,
            },
            _ => None,
        }
    }

    pub fn code(&self) -> String {
        match self {
            Period::Year(y) => format!("{y}"),
            Period::Half(y, h) => format!("{y}-H{h}"),
            Period::Quarter(y, q) => format!("{y}-Q{q}"),
        }
    }

    pub fn first_day(&self) -> NaiveDate {
        let (y, m) = match *self {
            Period::Year(y) => (y, 1),
            Period::Half(y, h) => (y, if h == 1 { 1 } else { 7 }),
            Period::Quarter(y, q) => (y, 1 + 3 * (q as u32 - 1)),
        };
        NaiveDate::from_ymd_opt(y, m, 1).expect("valid period start")
    }

    pub fn last_day(&self) -> NaiveDate {
        let (y, m) = match *self {
            Period::Year(y) => (y, 12),
            Period::Half(y, h) => (y, if h == 1 { 6 } else { 12 }),
            Period::Quarter(y, q) => (y, 3 * q as u32),
        };
        let next = if m == 12 {
            NaiveDate::from_ymd_opt(y + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(y, m + 1, 1)
        };
        next.expect("valid period end")
            .pred_opt()
            .expect("valid period end")
    }

    pub fn contains(&self, d: NaiveDate) -> bool {
        self.first_day() <= d && d <= self.last_day()
    }

    /// "6 tháng đầu năm 2026", "quý I năm 2026", "năm 2026".
    pub fn words(&self) -> String {
        match *self {
            Period::Year(y) => format!("năm {y}"),
            Period::Half(y, 1) => format!("6 tháng đầu năm {y}"),
            Period::Half(y, _) => format!("6 tháng cuối năm {y}"),
            Period::Quarter(y, q) => {
                let roman = ["I", "II", "III", "IV"][(q as usize).clamp(1, 4) - 1];
                format!("quý {roman} năm {y}")
            }
        }
    }

    pub fn year(&self) -> i32 {
        match *self {
            Period::Year(y) | Period::Half(y, _) | Period::Quarter(y, _) => y,
        }
    }
}

/// Written as its code (`2026-H1`), as data-model.md reads it.
impl Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.code())
    }
}

/// KPI weights (percent, summing to 100) and rating thresholds (points).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Kpi {
    #[serde(serialize_with = "ser::weights")]
    pub weights: [u32; 4],
    #[serde(serialize_with = "ser::flow")]
    pub thresholds: Thresholds,
    /// Share of "xuất sắc" allowed, in percent of those rated "tốt" (default 20).
    pub excellent_quota: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Thresholds {
    pub excellent: u32,
    pub good: u32,
    pub pass: u32,
}

impl Default for Kpi {
    fn default() -> Kpi {
        Kpi {
            weights: [40, 25, 20, 15],
            thresholds: Thresholds {
                excellent: 90,
                good: 70,
                pass: 50,
            },
            excellent_quota: 20,
        }
    }
}

/// Early-warning thresholds (reports.md §5), configurable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct WarningRules {
    pub discipline_months: u32,
    pub discipline_score: u32,
    pub late_tasks: u32,
    /// Above this many rows a provincial list names leaders only
    /// (docs::long_list).
    pub provincial_names_max: u32,
}

impl Default for WarningRules {
    fn default() -> WarningRules {
        WarningRules {
            discipline_months: 24,
            discipline_score: 70,
            late_tasks: 3,
            provincial_names_max: 300,
        }
    }
}

/// Written as data-model.md's `config:` (the two bodies under `bodies:`,
/// defaults and empty maps left out): see [`ser::config`].
#[derive(Debug, Clone)]
pub struct Config {
    pub province: String,
    pub as_of: NaiveDate,
    pub period: Period,
    pub place: String,
    pub issued_on: NaiveDate,
    pub resolution: Resolution,
    pub kpi: Kpi,
    pub warnings: WarningRules,
    pub provincial_committee: Body,
    pub organization_board: Body,
    /// Fixed document numbers by document key (e.g. `provincial_report`).
    pub numbering: BTreeMap<String, String>,
    /// Nơi nhận by document key.
    pub recipients: BTreeMap<String, Vec<String>>,
    /// Free text sections by key.
    pub narrative: BTreeMap<String, String>,
    /// Layout overrides for the ruleset of the template library (e.g. margins).
    pub layout: BTreeMap<String, serde_json::Value>,
    /// The layout of government-bloc officials' sheets (default party).
    pub government_layout: GovernmentLayout,
    pub src: Src,
}

/// Positions in the entity lists, by official or course id, so the model
/// never scans a whole list per official.
#[derive(Debug, Clone, Default)]
pub struct Index {
    pub officials: std::collections::HashMap<String, usize>,
    pub courses: std::collections::HashMap<String, usize>,
    pub trainings_of: std::collections::HashMap<String, Vec<usize>>,
    pub evaluations_of: std::collections::HashMap<String, Vec<usize>>,
}

impl Dataset {
    /// Build [`Dataset::index`]; call after the lists change.
    pub fn reindex(&mut self) {
        let mut ix = Index::default();
        for (i, o) in self.officials.iter().enumerate() {
            ix.officials.entry(o.id.clone()).or_insert(i);
        }
        for (i, c) in self.courses.iter().enumerate() {
            ix.courses.entry(c.id.clone()).or_insert(i);
        }
        for (i, t) in self.trainings.iter().enumerate() {
            ix.trainings_of
                .entry(t.official.clone())
                .or_default()
                .push(i);
        }
        for (i, e) in self.evaluations.iter().enumerate() {
            ix.evaluations_of
                .entry(e.official.clone())
                .or_default()
                .push(i);
        }
        self.index = ix;
    }

    pub fn official(&self, id: &str) -> Option<&Official> {
        self.index.officials.get(id).map(|&i| &self.officials[i])
    }

    /// The officials of one commune, in input order.
    pub fn officials_of(&self, commune: &str) -> impl Iterator<Item = &Official> {
        self.officials.iter().filter(move |o| o.commune == commune)
    }

    pub fn course(&self, id: &str) -> Option<&Course> {
        self.index.courses.get(id).map(|&i| &self.courses[i])
    }

    /// The attendances of one official, in input order.
    pub fn trainings_of<'a>(&'a self, official: &str) -> impl Iterator<Item = &'a Training> + 'a {
        self.index
            .trainings_of
            .get(official)
            .into_iter()
            .flatten()
            .map(|&i| &self.trainings[i])
    }

    /// The evaluations of one official, in input order.
    pub fn evaluations_of<'a>(
        &'a self,
        official: &str,
    ) -> impl Iterator<Item = &'a Evaluation> + 'a {
        self.index
            .evaluations_of
            .get(official)
            .into_iter()
            .flatten()
            .map(|&i| &self.evaluations[i])
    }
}

/// What the derives cannot say about the format: see [`ser`].
pub(super) mod ser;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods() {
        let h1 = Period::parse("2026-H1").unwrap();
        assert_eq!(h1.first_day().to_string(), "2026-01-01");
        assert_eq!(h1.last_day().to_string(), "2026-06-30");
        assert_eq!(h1.words(), "6 tháng đầu năm 2026");
        let q4 = Period::parse("2024-Q4").unwrap();
        assert_eq!(q4.last_day().to_string(), "2024-12-31");
        assert_eq!(q4.words(), "quý IV năm 2024");
        assert_eq!(
            Period::parse("2026").unwrap().last_day().to_string(),
            "2026-12-31"
        );
        assert_eq!(
            Period::parse("2026-H2").unwrap().words(),
            "6 tháng cuối năm 2026"
        );
        assert_eq!(
            Period::parse("2024-Q1").unwrap().last_day().to_string(),
            "2024-03-31"
        );
        for bad in ["2026-H3", "26-H1", "2026-Q5", "2026-", "năm 2026"] {
            assert!(Period::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn scales_are_ordered() {
        assert!(Education::Postgraduate > Education::University);
        assert!(Education::Intermediate > Education::None);
        assert!(PoliticalTheory::Advanced > PoliticalTheory::Intermediate);
        assert!(ItSkill::Advanced > ItSkill::Basic);
    }
}
