//! Training courses of every kind and the attendances that follow the
//! officials' gaps, plus the broad programmes (digital skills, leadership,
//! state management).

use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;

use super::officials::Plan;
use super::rng::{Rng, ymd};
use super::src;
use crate::input::decode::Decoder;
use crate::input::node::Value;
use crate::input::schema::Schema;
use crate::input::{
    Commune, Course, Dataset, ItSkill, Official, PoliticalTheory, Position, Region, Training,
    TrainingStatus, yaml,
};

/// The courses of 2025–2026, held by the province's schools and departments:
/// `courses.yaml`, written as a province writes its own and read by the
/// loader's decoder.
pub fn courses() -> Vec<Course> {
    let root = yaml::parse(include_bytes!("courses.yaml")).expect("the sample's courses parse");
    let mut d = Decoder::new(Arc::from(Path::new("baocao sample")));
    let items = match &root.value {
        Value::Map(keys) => keys
            .iter()
            .find(|(k, _)| k.name == "courses")
            .map(|(_, n)| n),
        _ => None,
    };
    let items = d
        .list(items.expect("a courses: list"), "courses")
        .unwrap_or_default();
    let courses = items
        .iter()
        .enumerate()
        .filter_map(|(i, n)| Course::decode(&mut d, n, &format!("courses[{i}]")))
        .collect();
    assert!(d.diags.is_empty(), "the sample's courses are valid");
    courses
}

/// The leadership course runs in two rounds; a completed attendance
/// finished the first.
const FIRST_ROUND: (&str, (i32, u32, u32)) = ("kn-lanh-dao-2026", (2026, 5, 22));

/// The day a completed attendance of `c` ended.
fn completion(c: &Course) -> NaiveDate {
    match FIRST_ROUND {
        (id, (y, m, d)) if id == c.id => ymd(y, m, d),
        _ => c.end,
    }
}

/// Every official's attendances, in official order.
pub fn trainings(rng: &mut Rng, ds: &Dataset, plan: &Plan) -> Vec<Training> {
    let (members, profiles) = (&plan.members, &plan.profiles);
    let mut out = Vec::new();
    for (commune, range) in ds.communes.iter().zip(members) {
        for i in range.clone() {
            let o = &ds.officials[i];
            let pos = &ds.positions[profiles[i].position];
            for (c, status) in attendances(rng, o, pos, commune) {
                let course = ds
                    .courses
                    .iter()
                    .find(|x| x.id == c)
                    .expect("a course of the sample");
                let done = completion(course);
                // A course that ends after as_of is still being attended.
                let status = match status {
                    TrainingStatus::Completed if done > ds.config.as_of => TrainingStatus::Enrolled,
                    s => s,
                };
                out.push(Training {
                    official: o.id.clone(),
                    course: course.id.clone(),
                    status,
                    completed_on: (status == TrainingStatus::Completed).then_some(done),
                    src: src(),
                });
            }
        }
    }
    out
}

/// The courses one official attends (by id) and how far they got.
fn attendances(
    rng: &mut Rng,
    o: &Official,
    pos: &Position,
    commune: &Commune,
) -> Vec<(&'static str, TrainingStatus)> {
    use TrainingStatus::*;
    let mut out = Vec::new();
    // Political theory below the standard.
    let need = pos
        .requires
        .political_theory
        .unwrap_or(PoliticalTheory::None);
    if o.political_theory < need {
        let status = rng.weighted(&[
            (Some(Enrolled), 55),
            (Some(Planned), 30),
            (Some(Dropped), 5),
            (None, 10),
        ]);
        let id = match need {
            PoliticalTheory::Advanced => "llct-cc-2025",
            PoliticalTheory::Intermediate => "llct-tc-2026",
            _ => "llct-sc-2026",
        };
        // The elementary course is over: most attended it to the end.
        let status = match (id, status) {
            ("llct-sc-2026", Some(Enrolled)) => Some(Completed),
            ("llct-cc-2025", Some(Planned)) => Some(Enrolled),
            (_, s) => s,
        };
        if let Some(s) = status {
            out.push((id, s));
        }
    } else if o.political_theory == PoliticalTheory::Intermediate && rng.chance(100) {
        out.push(("llct-tc-2025", Completed));
    }
    // Professional courses by post.
    let professional = match pos.id.as_str() {
        "cc-dia-chinh-xay-dung" => Some("cm-dat-dai-2026"),
        "cc-tai-chinh-ke-toan" => Some("cm-tckt-2026"),
        "cc-tu-phap-ho-tich" => Some("cm-tu-phap-2026"),
        _ => None,
    };
    if let Some(id) = professional
        && rng.chance(600)
    {
        out.push((id, rng.weighted(&[(Completed, 90), (Dropped, 10)])));
    }
    // Digital skills: first round done by many, second round running.
    if rng.chance(if o.it_skill == ItSkill::None {
        550
    } else {
        380
    }) {
        out.push((
            "kns-2026-d1",
            rng.weighted(&[(Completed, 93), (Dropped, 7)]),
        ));
    } else if rng.chance(250) {
        out.push(("kns-2026-d2", Enrolled));
    }
    if pos.leader {
        let status = rng.weighted(&[(Completed, 58), (Planned, 37), (Dropped, 5)]);
        out.push(("kn-lanh-dao-2026", status));
    } else if rng.chance(150) {
        out.push(("qlnn-cv-2025", Completed));
    } else if rng.chance(60) {
        out.push(("qlnn-cvc-2026", Planned));
    }
    let remote = matches!(commune.region, Region::Mountain | Region::Border);
    if remote && (o.ethnicity == "Kinh" || rng.chance(40)) && rng.chance(600) {
        out.push(("tieng-dtts-2026", Completed));
    }
    if rng.chance(30) {
        out.push(("pccc-2026", Completed));
    }
    out
}
