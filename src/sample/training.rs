//! Training courses of every kind and the attendances that follow the
//! officials' gaps, plus the broad programmes (digital skills, leadership,
//! state management).

use chrono::NaiveDate;

use super::officials::Plan;
use super::rng::{Rng, ymd};
use super::src;
use crate::input::{
    Commune, Course, CourseKind, Dataset, Grants, ItSkill, Official, PoliticalTheory, Position,
    Region, Training, TrainingStatus,
};

/// The courses of 2025–2026, held by the province's schools and departments.
pub fn courses() -> Vec<Course> {
    let none = || Grants {
        education: None,
        political_theory: None,
        it_skill: None,
    };
    let theory = |t| Grants {
        political_theory: Some(t),
        ..none()
    };
    let it = |s| Grants {
        it_skill: Some(s),
        ..none()
    };
    let course = |id: &str,
                  name: &str,
                  kind,
                  grants,
                  (start, end): (NaiveDate, NaiveDate),
                  organizer: &str| Course {
        id: id.into(),
        name: name.into(),
        kind,
        grants,
        start,
        end,
        organizer: organizer.into(),
        src: src(),
    };
    vec![
        course(
            "llct-sc-2026",
            "Sơ cấp lý luận chính trị",
            CourseKind::PoliticalTheory,
            theory(PoliticalTheory::Elementary),
            (ymd(2026, 3, 2), ymd(2026, 4, 24)),
            "Trường Chính trị tỉnh Cao Bằng",
        ),
        course(
            "llct-tc-2025",
            "Trung cấp lý luận chính trị - hành chính (khoá 2025, hệ không tập trung)",
            CourseKind::PoliticalTheory,
            theory(PoliticalTheory::Intermediate),
            (ymd(2025, 3, 3), ymd(2025, 12, 19)),
            "Trường Chính trị tỉnh Cao Bằng",
        ),
        course(
            "llct-tc-2026",
            "Trung cấp lý luận chính trị - hành chính (khoá 2026)",
            CourseKind::PoliticalTheory,
            theory(PoliticalTheory::Intermediate),
            (ymd(2026, 5, 4), ymd(2026, 11, 30)),
            "Trường Chính trị tỉnh Cao Bằng",
        ),
        course(
            "llct-cc-2025",
            "Cao cấp lý luận chính trị (hệ không tập trung)",
            CourseKind::PoliticalTheory,
            theory(PoliticalTheory::Advanced),
            (ymd(2025, 3, 10), ymd(2026, 9, 25)),
            "Học viện Chính trị khu vực I",
        ),
        course(
            "cm-dat-dai-2026",
            "Bồi dưỡng nghiệp vụ quản lý đất đai, đo đạc bản đồ và trật tự xây dựng cấp xã",
            CourseKind::Professional,
            none(),
            (ymd(2026, 3, 9), ymd(2026, 3, 20)),
            "Sở Nông nghiệp và Môi trường",
        ),
        course(
            "cm-tckt-2026",
            "Bồi dưỡng nghiệp vụ quản lý tài chính, ngân sách và kế toán xã",
            CourseKind::Professional,
            none(),
            (ymd(2026, 4, 6), ymd(2026, 4, 17)),
            "Sở Tài chính",
        ),
        course(
            "cm-tu-phap-2026",
            "Bồi dưỡng nghiệp vụ tư pháp, hộ tịch và chứng thực điện tử",
            CourseKind::Professional,
            none(),
            (ymd(2026, 5, 18), ymd(2026, 5, 29)),
            "Sở Tư pháp",
        ),
        course(
            "kns-2026-d1",
            "Bồi dưỡng kỹ năng số: quản lý văn bản điện tử, dịch vụ công trực tuyến, an toàn thông tin (đợt 1)",
            CourseKind::DigitalSkills,
            it(ItSkill::Basic),
            (ymd(2026, 3, 23), ymd(2026, 3, 27)),
            "Sở Khoa học và Công nghệ",
        ),
        course(
            "kns-2026-d2",
            "Bồi dưỡng kỹ năng số: quản lý văn bản điện tử, dịch vụ công trực tuyến, an toàn thông tin (đợt 2)",
            CourseKind::DigitalSkills,
            it(ItSkill::Basic),
            (ymd(2026, 6, 22), ymd(2026, 7, 1)),
            "Sở Khoa học và Công nghệ",
        ),
        course(
            "kn-lanh-dao-2026",
            "Bồi dưỡng kỹ năng lãnh đạo, quản lý, quản trị địa phương cho cán bộ chủ chốt cấp xã (đợt 1: 11 - 22/5; đợt 2: 7 - 18/9/2026)",
            CourseKind::LeadershipSkills,
            none(),
            (ymd(2026, 5, 11), ymd(2026, 9, 18)),
            "Ban Tổ chức Tỉnh uỷ phối hợp Trường Chính trị tỉnh Cao Bằng",
        ),
        course(
            "qlnn-cv-2025",
            "Bồi dưỡng kiến thức quản lý nhà nước chương trình chuyên viên",
            CourseKind::StateManagement,
            none(),
            (ymd(2025, 9, 8), ymd(2025, 11, 28)),
            "Sở Nội vụ",
        ),
        course(
            "qlnn-cvc-2026",
            "Bồi dưỡng kiến thức quản lý nhà nước chương trình chuyên viên chính",
            CourseKind::StateManagement,
            none(),
            (ymd(2026, 8, 3), ymd(2026, 10, 30)),
            "Sở Nội vụ",
        ),
        course(
            "tieng-dtts-2026",
            "Bồi dưỡng tiếng dân tộc thiểu số (Tày - Nùng, Mông, Dao) cho cán bộ, công chức cấp xã",
            CourseKind::Other,
            none(),
            (ymd(2026, 4, 13), ymd(2026, 5, 29)),
            "Sở Dân tộc và Tôn giáo",
        ),
        course(
            "pccc-2026",
            "Tập huấn phòng cháy, chữa cháy và cứu nạn, cứu hộ cho lực lượng cơ sở",
            CourseKind::Other,
            none(),
            (ymd(2026, 6, 8), ymd(2026, 6, 10)),
            "Công an tỉnh Cao Bằng",
        ),
    ]
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
