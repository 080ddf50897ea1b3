//! What the derives cannot say about data-model.md's shapes: flow maps,
//! `k1..k11`, named weights, the bodies under `bodies:`, defaults left out.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Serialize, Serializer};
use serde_saphyr::{FlowMap, FlowSeq, LitStr};

use super::{
    Body, Config, GovernmentLayout, Grants, Kpi, Period, Region, Requirements, Resolution,
    WarningRules,
};

pub fn is_false(b: &bool) -> bool {
    !*b
}

fn is_default<T: Default + PartialEq>(v: &&T) -> bool {
    **v == T::default()
}

pub fn no_requirements(r: &Requirements) -> bool {
    r.education.is_none()
        && r.majors.is_empty()
        && r.political_theory.is_none()
        && r.it_skill.is_none()
}

pub fn no_grants(g: &Grants) -> bool {
    g.education.is_none() && g.political_theory.is_none() && g.it_skill.is_none()
}

/// A mapping on one line: `{name: …, title: …}`.
pub fn flow<T: Serialize, S: Serializer>(v: &T, s: S) -> Result<S::Ok, S::Error> {
    FlowMap(v).serialize(s)
}

/// A list on one line: `[law, economics]`.
pub fn flow_seq<T: Serialize, S: Serializer>(v: &T, s: S) -> Result<S::Ok, S::Error> {
    FlowSeq(v).serialize(s)
}

/// `region: [a, b]`, one line per region.
pub fn flow_lists<S: Serializer>(
    m: &BTreeMap<Region, Vec<String>>,
    s: S,
) -> Result<S::Ok, S::Error> {
    s.collect_map(m.iter().map(|(k, v)| (k, FlowSeq(v))))
}

/// `{k1: …, …, k11: …}`.
pub fn scores<S: Serializer>(k: &[u32; 11], s: S) -> Result<S::Ok, S::Error> {
    struct Keyed<'a>(&'a [u32; 11]);
    impl Serialize for Keyed<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_map(
                self.0
                    .iter()
                    .enumerate()
                    .map(|(i, v)| (format!("k{}", i + 1), v)),
            )
        }
    }
    FlowMap(Keyed(k)).serialize(s)
}

/// `{results: 40, service: 25, coordination: 20, discipline: 15}`.
pub fn weights<S: Serializer>(w: &[u32; 4], s: S) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct Named {
        results: u32,
        service: u32,
        coordination: u32,
        discipline: u32,
    }
    let [results, service, coordination, discipline] = *w;
    FlowMap(Named {
        results,
        service,
        coordination,
        discipline,
    })
    .serialize(s)
}

/// Texts of several lines as `|` blocks, as a person writes them (but
/// one that starts with a space, which a block cannot say: quoted).
fn blocks<S: Serializer>(m: &&BTreeMap<String, String>, s: S) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    #[serde(untagged)]
    enum Text<'a> {
        Block(LitStr<'a>),
        Plain(&'a str),
    }
    s.collect_map(m.iter().map(|(k, v)| {
        let text = if v.contains('\n') && !v.starts_with(char::is_whitespace) {
            Text::Block(LitStr(v))
        } else {
            Text::Plain(v)
        };
        (k, text)
    }))
}

/// `config:` as written in a data file.
#[derive(Serialize)]
struct ConfigFile<'a> {
    province: &'a str,
    as_of: NaiveDate,
    period: Period,
    place: &'a str,
    issued_on: NaiveDate,
    resolution: &'a Resolution,
    #[serde(skip_serializing_if = "is_default")]
    kpi: &'a Kpi,
    #[serde(skip_serializing_if = "is_default")]
    warnings: &'a WarningRules,
    bodies: Bodies<'a>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    numbering: &'a BTreeMap<String, String>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    recipients: &'a BTreeMap<String, Vec<String>>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty", serialize_with = "blocks")]
    narrative: &'a BTreeMap<String, String>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    layout: &'a BTreeMap<String, serde_json::Value>,
    #[serde(skip_serializing_if = "is_party")]
    government_layout: GovernmentLayout,
}

fn is_party(l: &GovernmentLayout) -> bool {
    *l == GovernmentLayout::Party
}

#[derive(Serialize)]
struct Bodies<'a> {
    provincial_committee: &'a Body,
    organization_board: &'a Body,
}

impl Serialize for Config {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        ConfigFile {
            province: &self.province,
            as_of: self.as_of,
            period: self.period,
            place: &self.place,
            issued_on: self.issued_on,
            resolution: &self.resolution,
            kpi: &self.kpi,
            warnings: &self.warnings,
            bodies: Bodies {
                provincial_committee: &self.provincial_committee,
                organization_board: &self.organization_board,
            },
            numbering: &self.numbering,
            recipients: &self.recipients,
            narrative: &self.narrative,
            layout: &self.layout,
            government_layout: self.government_layout,
        }
        .serialize(s)
    }
}

#[cfg(test)]
mod tests {
    use crate::diag::Loc;
    use crate::input::{Dataset, Index, Src};

    /// Everything of a dataset but where it came from.
    fn comparable(mut ds: Dataset) -> String {
        let file: std::sync::Arc<std::path::Path> = std::sync::Arc::from(std::path::Path::new(""));
        let blank = || Src {
            loc: Loc::file_only(&file),
            path: String::new(),
            fields: Vec::new(),
        };
        ds.config.src = blank();
        ds.communes.iter_mut().for_each(|x| x.src = blank());
        ds.positions.iter_mut().for_each(|x| x.src = blank());
        ds.officials.iter_mut().for_each(|x| x.src = blank());
        ds.evaluations.iter_mut().for_each(|x| x.src = blank());
        ds.courses.iter_mut().for_each(|x| x.src = blank());
        ds.trainings.iter_mut().for_each(|x| x.src = blank());
        ds.tasks.iter_mut().for_each(|x| x.src = blank());
        ds.initiatives.iter_mut().for_each(|x| x.src = blank());
        ds.surveys.iter_mut().for_each(|x| x.src = blank());
        ds.index = Index::default();
        format!("{ds:#?}")
    }

    #[test]
    fn serialised_values_load_back_the_same() {
        let inputs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("inputs");
        let mut ds = crate::input::load(&inputs).expect("the sample loads");
        // Texts YAML must quote or keep as blocks, values off their defaults.
        ds.officials[0].name = "Lò Văn *Sáng* #1 $x$ <a> @b".into();
        ds.officials[1].name = "2026".into();
        ds.officials[1].title = Some("yes".into());
        ds.officials[2].ethnicity = "H'Mông".into();
        ds.evaluations[0].self_assessment =
            Some("  lùi đầu dòng\nkhoá: giá trị, \"kép\" 'đơn' #1\n\n  - gạch đầu dòng".into());
        ds.evaluations[1].strengths = Some("[không phải danh sách]".into());
        ds.config.narrative.insert(
            "extra".into(),
            "  lùi đầu dòng\ndòng hai: có dấu hai chấm\n\n- ý một".into(),
        );
        ds.config.kpi.weights = [30, 30, 25, 15];
        ds.config.warnings.late_tasks = 5;
        ds.config
            .layout
            .insert("margin_top".into(), serde_json::json!(20));
        let folded = serde_saphyr::SerializerOptions::default();
        let one_line = serde_saphyr::SerializerOptions {
            folded_wrap_chars: usize::MAX,
            ..Default::default()
        };
        for options in [folded, one_line] {
            let text = serde_saphyr::to_string_with_options(&ds, options).unwrap();
            let dir = tempfile::tempdir().unwrap();
            std::fs::write(dir.path().join("du-lieu.yaml"), &text).unwrap();
            let back = crate::input::load(dir.path()).unwrap_or_else(|e| panic!("{e:?}\n{text}"));
            assert_eq!(comparable(back), comparable(ds.clone()));
            // data-model.md's spelling, not Rust's.
            for s in [
                "\n  period: 2026-H1\n",
                "\n    gender: female\n",
                "\n    birth_date: 19",
                "\n    scores: {k1: ",
                "\n    weights: {results: 30, service: 30, coordination: 25, discipline: 15}\n",
                "\n    provincial_committee:\n",
                "\n  - official: ",
                "\n    kind: political_theory\n",
            ] {
                assert!(text.contains(s), "{s:?} not in\n{text}");
            }
            assert!(!text.contains("src") && !text.contains("Half"), "{text}");
        }
    }

    #[test]
    fn defaults_and_empty_values_are_left_out() {
        let inputs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("inputs");
        let ds = crate::input::load(&inputs).expect("the sample loads");
        let config = serde_saphyr::to_string(&ds.config).unwrap();
        assert!(
            !config.contains("kpi:") && !config.contains("layout:"),
            "{config}"
        );
        let mut o = ds.officials[0].clone();
        (o.title, o.major, o.party_joined_on) = (None, None, None);
        o.digital_profile = false;
        (o.history, o.rewards, o.disciplines) = (vec![], vec![], vec![]);
        let text = serde_saphyr::to_string(&o).unwrap();
        for key in [
            "title",
            "major",
            "party_joined_on",
            "digital_profile",
            "history",
            "rewards",
            "disciplines",
        ] {
            assert!(!text.contains(key), "{key} in\n{text}");
        }
    }
}
