//! §3 Báo cáo định kỳ (periodic implementation report), provincial and per commune.
//!
//! Every figure comes from [`crate::model::stats`]; this module only words and
//! formats them. A commune report is the same document over one commune.

use serde::Serialize;

use super::common::{
    Block, DocVm, commune_committee, commune_words, narrative_blocks, provincial_doc,
};
use super::{Job, Kind, Selection, plan_both_levels};
use crate::input::{Commune, CourseKind, TrainingStatus};
use crate::model::stats::{Counts, Facts, Scope, Stats, Status, Target};
use crate::model::{Model, Rating};
use crate::vn::{date_body, percent, ratio, thousands};

/// The narrative sections: (key in config.narrative, heading number, heading).
const NARRATIVE: [(&str, &str, &str); 4] = [
    (
        "leadership",
        "I",
        "Công tác lãnh đạo, chỉ đạo, quán triệt triển khai",
    ),
    ("limitations", "III", "Hạn chế, nguyên nhân"),
    ("directions", "IV", "Phương hướng, nhiệm vụ"),
    ("proposals", "V", "Đề xuất, kiến nghị"),
];

/// What each measure of each target of mục tiêu 2.2 counts (two for target 3).
const TARGETS: [&[&str]; 6] = [
    &[
        "Cán bộ, công chức đạt chuẩn theo khung năng lực vị trí việc làm (đáp ứng mọi yêu cầu về trình độ chuyên môn, chuyên ngành, lý luận chính trị, tin học của vị trí)",
    ],
    &[
        "Cán bộ, công chức đã hoàn thành bồi dưỡng kỹ năng số (quản lý văn bản điện tử, dịch vụ công trực tuyến)",
    ],
    &[
        "Hồ sơ cán bộ, công chức được số hoá đầy đủ trên hệ thống quản lý cán bộ",
        "Xã, phường có 100% hồ sơ cán bộ, công chức được số hoá",
    ],
    &[
        "Ý kiến người dân, doanh nghiệp hài lòng với chính quyền cơ sở (tổng hợp các cuộc khảo sát trong kỳ)",
    ],
    &[
        "Cán bộ lãnh đạo, quản lý cấp xã đã hoàn thành bồi dưỡng kỹ năng lãnh đạo, quản lý, quản trị",
    ],
    &["Xã, phường có ít nhất 01 sáng kiến quản trị hiệu quả được nhân rộng toàn tỉnh"],
];

/// One measure of a target: what it counts and the result.
#[derive(Debug, Clone, Serialize)]
pub struct MeasureVm {
    pub text: &'static str,
    /// "3.474/3.555 (97,7%)".
    pub result: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TargetVm {
    pub no: String,
    pub measures: Vec<MeasureVm>,
    pub goal: String,
    pub status: &'static str,
    /// Not met (printed in bold).
    pub missed: bool,
}

/// A table: rows of cells (already formatted) and the total row.
#[derive(Debug, Clone, Serialize)]
pub struct TableVm {
    pub rows: Vec<Vec<String>>,
    pub total: Vec<String>,
}

/// One bar of the rating chart: counts per rating and their shares.
#[derive(Debug, Clone, Serialize)]
pub struct BarVm {
    pub name: String,
    pub rated: u64,
    /// `rated` as printed ("3.555").
    pub rated_text: String,
    pub counts: [u64; 4],
    pub shares: Vec<String>,
    pub total: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct AppendixVm {
    pub label: String,
    pub title: String,
    pub table: TableVm,
}

#[derive(Debug, Clone, Serialize)]
pub struct SectionVm {
    pub no: &'static str,
    pub title: &'static str,
    /// None: not supplied; the template leaves dotted lines for the clerk.
    pub blocks: Option<Vec<Block>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BaoCaoVm {
    pub doc: DocVm,
    pub subject: String,
    /// "Thực hiện … báo cáo … như sau:".
    pub opening: String,
    /// I, III, IV, V in that order.
    pub sections: Vec<SectionVm>,
    /// II.1: paragraphs in the resolution's own style.
    pub staff: Vec<String>,
    pub targets: Vec<TargetVm>,
    /// II.3.
    pub ratings_intro: String,
    pub ratings: TableVm,
    pub ratings_note: Option<String>,
    /// II.4.
    pub training_intro: String,
    pub training: TableVm,
    /// II.5: items.
    pub warnings_intro: String,
    pub warnings: Vec<String>,
    pub warnings_outro: String,
    /// "(Kèm theo Báo cáo số …)" of the appendices.
    pub kem_theo: String,
    /// Biểu số 01–04.
    pub appendices: Vec<AppendixVm>,
    pub chart: Vec<BarVm>,
    pub rating_labels: Vec<&'static str>,
}

/// The commune a report is about, or the province.
enum Subject<'a> {
    Province,
    Commune(&'a Commune),
}

/// "Xã Hòa An".
fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// "TỈNH UỶ" → "Tỉnh uỷ".
fn sentence_case(s: &str) -> String {
    capitalised(&s.trim().to_lowercase())
}

/// "1.234 người".
fn people(n: u64) -> String {
    format!("{} người", thousands(n as i64))
}

fn r(count: u64, total: u64) -> String {
    ratio(count, total)
}

/// The number of a document as printed: "123", "7" → "07"; blank for the clerk.
fn printed_number(doc: &DocVm) -> String {
    match doc.number.as_deref() {
        Some(n) if n.len() == 1 && n.chars().all(|c| c.is_ascii_digit()) => format!("0{n}"),
        Some(n) => n.to_string(),
        None => "\u{a0}".repeat(8),
    }
}

/// Trích yếu: "kết quả thực hiện Nghị quyết số 15-NQ/TU, ngày 20/4/2026 của
/// Ban Chấp hành Đảng bộ tỉnh về …, 6 tháng đầu năm 2026".
pub fn subject(model: &Model) -> String {
    let cfg = &model.ds.config;
    format!(
        "kết quả thực hiện {}, {}",
        resolution_words(model),
        cfg.period.words()
    )
}

/// "Nghị quyết số 15-NQ/TU, ngày 20/4/2026 của Ban Chấp hành Đảng bộ tỉnh về …".
fn resolution_words(model: &Model) -> String {
    let res = &model.ds.config.resolution;
    format!(
        "Nghị quyết số {}, ngày {} của Ban Chấp hành Đảng bộ tỉnh {}",
        res.number.trim(),
        date_body(res.issued_on),
        res.title.trim()
    )
}

/// II.1 in the resolution's own sentences.
pub fn staff_paragraphs(c: &Counts, who: &str, as_of: &str) -> Vec<String> {
    let n = c.officials;
    let s = &c.shortage;
    vec![
        format!(
            "Tính đến ngày {as_of}, tổng số cán bộ, công chức {who} là {} (khối đảng {}, khối chính quyền {}). \
             Trong đó: Về trình độ chuyên môn, {} người có trình độ đại học trở lên (sau đại học: {} người); \
             {} người có trình độ cao đẳng, trung cấp (khối Đảng: {}; khối chính quyền: {}). \
             Về trình độ Lý luận chính trị: Cao cấp, cử nhân: {} người; trung cấp: {} người. \
             Về cơ cấu: {} nữ; {} người dân tộc thiểu số; {} người dưới 42 tuổi.",
            people(n),
            people(c.bloc[0]),
            people(c.bloc[1]),
            r(c.university_plus, n),
            r(c.postgraduate, n),
            r(c.college_intermediate, n),
            people(c.college_intermediate_bloc[0]),
            people(c.college_intermediate_bloc[1]),
            r(c.theory_advanced, n),
            r(c.theory_intermediate, n),
            r(c.women, n),
            r(c.minorities, n),
            r(c.under_42, n),
        ),
        format!(
            "Về chuyên ngành đào tạo ở các lĩnh vực còn thiếu nhân lực: tài chính - kế toán: {} người; \
             địa chính - xây dựng: {} người; công nghệ thông tin: {} người.",
            r(s[0], n),
            r(s[1], n),
            r(s[2], n),
        ),
    ]
}

fn target_vm(t: &Target) -> TargetVm {
    let i = (t.no as usize).saturating_sub(1).min(5);
    TargetVm {
        no: t.no.to_string(),
        measures: t
            .measures
            .iter()
            .zip(TARGETS[i])
            .map(|(m, &text)| MeasureVm {
                text,
                result: measured(m.count, m.total, ratio),
            })
            .collect(),
        goal: if t.goal >= 100 {
            "100%".into()
        } else {
            format!("≥\u{a0}{}%", t.goal)
        },
        status: t.status.label(),
        missed: t.status == Status::NotMet,
    }
}

/// A share, or "—" when there is nothing to measure (no leader, no survey…).
fn measured(count: u64, total: u64, f: impl Fn(u64, u64) -> String) -> String {
    if total == 0 {
        "—".into()
    } else {
        f(count, total)
    }
}

/// II.3: one row per rating (count and share overall, party, government).
fn ratings_table(c: &Counts) -> TableVm {
    let bloc_rated = |b: usize| c.ratings_bloc[b].iter().sum::<u64>();
    let row = |label: String, all: u64, party: u64, gov: u64| {
        vec![
            label,
            thousands(all as i64),
            percent(all, c.rated),
            thousands(party as i64),
            percent(party, bloc_rated(0)),
            thousands(gov as i64),
            percent(gov, bloc_rated(1)),
        ]
    };
    TableVm {
        rows: Rating::ALL
            .iter()
            .map(|&k| {
                let k = k as usize;
                row(
                    Rating::ALL[k].label().to_string(),
                    c.ratings[k],
                    c.ratings_bloc[0][k],
                    c.ratings_bloc[1][k],
                )
            })
            .collect(),
        total: row("Tổng cộng".into(), c.rated, bloc_rated(0), bloc_rated(1)),
    }
}

/// II.4: courses, attendances and completions by course kind.
fn training_table(s: &Stats) -> TableVm {
    let c = &s.counts;
    let row = |label: String, courses: u64, att: u64, done: u64| {
        vec![
            label,
            thousands(courses as i64),
            thousands(att as i64),
            thousands(done as i64),
        ]
    };
    TableVm {
        rows: CourseKind::ALL
            .iter()
            .map(|&k| {
                let k = k as usize;
                row(
                    CourseKind::ALL[k].label().to_string(),
                    s.courses_kind[k],
                    c.attendances_kind[k],
                    c.completions_kind[k],
                )
            })
            .collect(),
        total: row(
            "Tổng cộng".into(),
            s.courses_kind.iter().sum(),
            c.attendances_kind.iter().sum(),
            c.completions_kind.iter().sum(),
        ),
    }
}

fn training_intro(s: &Stats, period: &str, who: &str) -> String {
    let c = &s.counts;
    let total: u64 = c.attendances.iter().sum();
    let a = |st: TrainingStatus| ratio(c.attendances[st as usize], total);
    format!(
        "Trong {period}, có {} khoá đào tạo, bồi dưỡng được tổ chức có cán bộ, công chức {who} tham gia, \
         với {} lượt tham gia của {}; trong đó: đã hoàn thành {} lượt; đang học {} lượt; \
         đăng ký dự kiến {} lượt; bỏ học {} lượt. Kết quả theo loại khoá đào tạo, bồi dưỡng như sau:",
        thousands(s.courses_kind.iter().sum::<u64>() as i64),
        thousands(total as i64),
        people(c.trainees),
        a(TrainingStatus::Completed),
        a(TrainingStatus::Enrolled),
        a(TrainingStatus::Planned),
        a(TrainingStatus::Dropped),
    )
}

fn warnings(c: &Counts, as_of: &str) -> Vec<String> {
    vec![
        format!(
            "Cán bộ, công chức chưa đạt chuẩn theo khung năng lực vị trí việc làm: {} người;",
            ratio(c.below_standard, c.officials)
        ),
        format!(
            "Nhiệm vụ chậm tiến độ: {} nhiệm vụ{};",
            ratio(c.late_tasks, c.tasks),
            match (c.late_tasks, c.late_open) {
                (0, _) => String::new(),
                (_, 0) => ", đều đã hoàn thành sau thời hạn".to_string(),
                (_, open) => format!(
                    ", trong đó {} nhiệm vụ đến ngày {as_of} chưa hoàn thành",
                    thousands(open as i64)
                ),
            }
        ),
        format!(
            "Cán bộ, công chức có nguy cơ vi phạm kỷ luật: {} người.",
            ratio(c.at_risk, c.officials)
        ),
    ]
}

// ------------------------------------------------------------ appendices --

fn n(v: u64) -> String {
    thousands(v as i64)
}

/// Biểu 01: staff structure.
fn staff_cells(c: &Counts) -> Vec<String> {
    let mut v = vec![
        n(c.officials),
        n(c.bloc[0]),
        n(c.bloc[1]),
        n(c.university_plus),
        n(c.postgraduate),
        n(c.college_intermediate),
        n(c.theory_advanced),
        n(c.theory_intermediate),
        n(c.women),
        n(c.minorities),
        n(c.under_42),
    ];
    v.extend(c.shortage.iter().map(|&x| n(x)));
    v
}

/// Biểu 02: ratings.
fn rating_cells(c: &Counts) -> Vec<String> {
    let mut v = vec![n(c.officials), n(c.rated)];
    for k in 0..4 {
        v.push(n(c.ratings[k]));
        v.push(percent(c.ratings[k], c.rated));
    }
    v
}

/// Biểu 03: training.
fn training_cells(c: &Counts) -> Vec<String> {
    let mut v = vec![n(c.trainees), n(c.attendances.iter().sum())];
    v.extend(
        [
            TrainingStatus::Planned,
            TrainingStatus::Enrolled,
            TrainingStatus::Completed,
            TrainingStatus::Dropped,
        ]
        .iter()
        .map(|&s| n(c.attendances[s as usize])),
    );
    v.extend(c.completions_kind.iter().map(|&x| n(x)));
    v
}

/// Biểu 04: target progress, "count/total" over "(p%)". The commune-level
/// measures of a single commune read "Có"/"Chưa".
fn target_cells(c: &Counts) -> Vec<String> {
    let two = |count: u64, total: u64| {
        measured(count, total, |count, total| {
            format!(
                "{}/{}\n({})",
                thousands(count as i64),
                thousands(total as i64),
                percent(count, total)
            )
        })
    };
    let whole = |count: u64| {
        if c.communes == 1 {
            if count > 0 { "Có" } else { "Chưa" }.to_string()
        } else {
            two(count, c.communes)
        }
    };
    let met = c
        .targets()
        .iter()
        .filter(|x| x.status == Status::Met)
        .count();
    vec![
        two(c.meets_standard, c.officials),
        two(c.digital_course, c.officials),
        two(c.digital_profile, c.officials),
        whole(c.communes_all_digital),
        two(c.satisfied, c.respondents),
        two(c.leaders_trained, c.leaders),
        whole(c.communes_replicated),
        format!("{met}/6"),
    ]
}

fn bar(name: String, c: &Counts, total: bool) -> BarVm {
    BarVm {
        name,
        rated: c.rated,
        rated_text: n(c.rated),
        counts: c.ratings,
        shares: c.ratings.iter().map(|&x| percent(x, c.rated)).collect(),
        total,
    }
}

/// The view-model of the report over `subject`, with `facts` computed once.
fn build(model: &Model, facts: &Facts, subject_of: Subject) -> BaoCaoVm {
    let cfg = &model.ds.config;
    let as_of = date_body(cfg.as_of);
    let period = cfg.period.words();
    let subj = subject(model);
    let title = format!("Báo cáo {subj}");
    let (doc, stats, communes, who, issuer_words, key_suffix): (
        DocVm,
        Stats,
        Vec<&Commune>,
        String,
        String,
        Option<&str>,
    ) = match subject_of {
        Subject::Province => {
            let body = &cfg.provincial_committee;
            let doc = provincial_doc(
                model,
                body,
                "BC",
                "provincial_report",
                title,
                &[
                    "Ban Tổ chức Trung ương (báo cáo)".into(),
                    "Các đồng chí Tỉnh uỷ viên".into(),
                    "Các đảng uỷ trực thuộc Tỉnh uỷ".into(),
                    "Lưu Văn phòng Tỉnh uỷ".into(),
                ],
            );
            let name = sentence_case(&body.name);
            let issuer = if body.signer.authority.to_uppercase().contains("THƯỜNG VỤ") {
                format!("Ban Thường vụ {name}")
            } else {
                name
            };
            (
                doc,
                facts.stats(Scope::Province),
                model.ds.communes.iter().collect(),
                "cấp xã".into(),
                issuer,
                None,
            )
        }
        Subject::Commune(c) => (
            commune_committee(model, c, "BC", "commune_report", title),
            facts.stats(Scope::Commune(&c.id)),
            vec![c],
            format!("của {}", commune_words(c)),
            format!("Đảng uỷ {}", commune_words(c)),
            Some(c.id.as_str()),
        ),
    };
    let c = &stats.counts;

    let sections = NARRATIVE
        .iter()
        .map(|&(key, no, heading)| {
            let key = match key_suffix {
                Some(id) => format!("{key}.{id}"),
                None => key.to_string(),
            };
            let blocks = cfg
                .narrative
                .get(&key)
                .map(|t| narrative_blocks(t))
                .filter(|b| !b.is_empty());
            SectionVm {
                no,
                title: heading,
                blocks,
            }
        })
        .collect();

    let targets = c.targets().iter().map(target_vm).collect();

    let ratings_intro = format!(
        "Tổng số cán bộ, công chức {who} được đánh giá, xếp loại {period}: {} người. Kết quả cụ thể:",
        ratio(c.rated, c.officials)
    );
    let ratings_note = (c.capped > 0).then(|| {
        format!(
            "Có {} cán bộ, công chức bị kỷ luật trong kỳ nên chỉ được xếp loại tối đa ở mức \"{}\".",
            thousands(c.capped as i64),
            Rating::Pass.label()
        )
    });

    // Appendices: one row per commune, the total from the figures of the scope.
    let one = communes.len() == 1;
    let per_commune: Vec<(String, Counts)> = communes
        .iter()
        .map(|k| {
            (
                capitalised(&commune_words(k)),
                facts.stats(Scope::Commune(&k.id)).counts,
            )
        })
        .collect();
    let rows = |f: &dyn Fn(&Counts) -> Vec<String>| -> TableVm {
        let rows = per_commune
            .iter()
            .enumerate()
            .map(|(i, (name, ck))| {
                let mut row = vec![(i + 1).to_string(), name.clone()];
                row.extend(f(ck));
                row
            })
            .collect();
        let mut total = vec![String::new(), "Tổng cộng".to_string()];
        total.extend(f(c));
        TableVm { rows, total }
    };
    let appendix = |no: u32, title: String, table: TableVm| AppendixVm {
        label: format!("Biểu số {no:02}"),
        title,
        table,
    };
    let appendices = vec![
        appendix(
            1,
            format!("Thực trạng đội ngũ cán bộ, công chức cấp xã đến ngày {as_of}"),
            rows(&staff_cells),
        ),
        appendix(
            2,
            format!("Kết quả đánh giá, xếp loại cán bộ, công chức cấp xã {period}"),
            rows(&rating_cells),
        ),
        appendix(
            3,
            format!("Kết quả đào tạo, bồi dưỡng cán bộ, công chức cấp xã {period}"),
            rows(&training_cells),
        ),
        appendix(
            4,
            format!(
                "Tiến độ thực hiện các mục tiêu cụ thể của Nghị quyết số {} đến ngày {as_of}",
                cfg.resolution.number.trim()
            ),
            rows(&target_cells),
        ),
    ];
    let mut chart: Vec<BarVm> = per_commune
        .iter()
        .map(|(name, ck)| bar(name.clone(), ck, false))
        .collect();
    if !one {
        chart.push(bar("Toàn tỉnh".into(), c, true));
    }

    let kem_theo = format!(
        "Kèm theo Báo cáo số {}-{}/{}, ngày {} của {}",
        printed_number(&doc),
        doc.type_code,
        doc.body_code,
        date_body(cfg.issued_on),
        issuer_words
    );
    let opening = format!(
        "Thực hiện chế độ báo cáo định kỳ theo {}, {} báo cáo kết quả thực hiện {} như sau:",
        resolution_words(model),
        issuer_words,
        period
    );

    BaoCaoVm {
        subject: subj,
        opening,
        sections,
        staff: staff_paragraphs(c, &who, &as_of),
        targets,
        ratings_intro,
        ratings: ratings_table(c),
        ratings_note,
        training_intro: training_intro(&stats, &period, &who),
        training: training_table(&stats),
        warnings_intro: format!("Qua rà soát trên hệ thống quản lý cán bộ đến ngày {as_of}:"),
        warnings: warnings(c, &as_of),
        warnings_outro: "Danh sách cụ thể được tổng hợp tại Danh sách cảnh báo sớm của kỳ báo cáo."
            .into(),
        kem_theo,
        appendices,
        chart,
        rating_labels: Rating::ALL.iter().map(|r| r.label()).collect(),
        doc,
    }
}

/// Add the provincial report (unless the run is restricted to some communes)
/// and one report per selected commune.
pub fn plan(model: &Model, sel: &Selection, jobs: &mut Vec<Job>) {
    if !sel.wants(Kind::BaoCaoDinhKy) {
        return;
    }
    let facts = Facts::compute(model);
    plan_both_levels(model, sel, Kind::BaoCaoDinhKy, jobs, |c| {
        build(model, &facts, c.map_or(Subject::Province, Subject::Commune))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::{self, Dataset};

    fn sample() -> Dataset {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("inputs");
        input::load(&dir).unwrap_or_else(|d| panic!("sample data: {}", d.render()))
    }

    /// "3.474/3.555\n(97,7%)" or "1.510" → the leading count.
    fn count(cell: &str) -> Option<u64> {
        match cell {
            "Có" => return Some(1),
            "Chưa" => return Some(0),
            _ => {}
        }
        let head: String = cell
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .filter(|c| *c != '.')
            .collect();
        if head.is_empty() || cell.contains('%') && !cell.contains('/') {
            return None;
        }
        head.parse().ok()
    }

    #[test]
    fn subject_cites_the_resolution() {
        let ds = sample();
        let model = Model::compute(&ds);
        assert_eq!(
            subject(&model),
            "kết quả thực hiện Nghị quyết số 15-NQ/TU, ngày 20/4/2026 của Ban Chấp hành Đảng bộ tỉnh \
             về nâng cao chất lượng cán bộ cơ sở giai đoạn 2026 - 2030, 6 tháng đầu năm 2026"
        );
    }

    /// Every count column of every appendix adds up to its "Tổng cộng" row,
    /// and that row holds the provincial figures of the report's body.
    #[test]
    fn appendix_totals_are_the_provincial_figures() {
        let ds = sample();
        let model = Model::compute(&ds);
        let facts = Facts::compute(&model);
        let vm = build(&model, &facts, Subject::Province);
        let province = facts.stats(Scope::Province).counts;
        assert_eq!(vm.appendices.len(), 4);
        for a in &vm.appendices {
            assert_eq!(a.table.rows.len(), ds.communes.len(), "{}", a.label);
            assert_eq!(a.table.total[1], "Tổng cộng");
            // The last column of Biểu 04 counts targets met: not a sum.
            let end = a.table.total.len() - usize::from(a.label == "Biểu số 04");
            for col in 2..end {
                let Some(total) = count(&a.table.total[col]) else {
                    continue;
                };
                let sum: u64 = a.table.rows.iter().filter_map(|r| count(&r[col])).sum();
                assert_eq!(sum, total, "{} column {col}", a.label);
            }
        }
        assert_eq!(
            vm.appendices[0].table.total[2..],
            staff_cells(&province)[..]
        );
        assert_eq!(
            vm.appendices[1].table.total[2..],
            rating_cells(&province)[..]
        );
        assert_eq!(
            vm.appendices[2].table.total[2..],
            training_cells(&province)[..]
        );
        assert_eq!(
            vm.appendices[3].table.total[2..],
            target_cells(&province)[..]
        );
        assert_eq!(vm.ratings.total[1], thousands(province.rated as i64));
        // The chart ends with the province's bar.
        let last = vm.chart.last().unwrap();
        assert!(last.total && last.counts == province.ratings);
    }

    #[test]
    fn a_commune_report_is_the_same_document_over_one_commune() {
        let ds = sample();
        let model = Model::compute(&ds);
        let facts = Facts::compute(&model);
        let c = &ds.communes[1];
        let vm = build(&model, &facts, Subject::Commune(c));
        let own = facts.stats(Scope::Commune(&c.id)).counts;
        for a in &vm.appendices {
            assert_eq!(a.table.rows.len(), 1);
            assert_eq!(a.table.rows[0][2..], a.table.total[2..], "{}", a.label);
        }
        assert_eq!(
            vm.appendices[0].table.total[2],
            thousands(own.officials as i64)
        );
        assert_eq!(vm.doc.body_code, "ĐU");
        assert_eq!(vm.doc.type_code, "BC");
        assert_eq!(vm.chart.len(), 1);
        // No number configured for the commune: left blank for the clerk.
        assert!(
            vm.kem_theo.starts_with("Kèm theo Báo cáo số \u{a0}"),
            "{}",
            vm.kem_theo
        );
        assert!(
            vm.kem_theo.contains("-BC/ĐU, ngày 05/7/2026 của Đảng uỷ"),
            "{}",
            vm.kem_theo
        );
        // The sample narrative is provincial: a commune gets placeholders.
        assert!(vm.sections.iter().all(|s| s.blocks.is_none()));
    }

    #[test]
    fn provincial_report_is_numbered_and_cites_the_standing_committee() {
        let ds = sample();
        let model = Model::compute(&ds);
        let facts = Facts::compute(&model);
        let vm = build(&model, &facts, Subject::Province);
        assert_eq!(
            vm.kem_theo,
            "Kèm theo Báo cáo số 123-BC/TU, ngày 05/7/2026 của Ban Thường vụ Tỉnh uỷ"
        );
        assert_eq!(vm.doc.number.as_deref(), Some("123"));
        assert!(vm.sections.iter().all(|s| s.blocks.is_some()));
        assert_eq!(
            vm.sections.iter().map(|s| s.no).collect::<Vec<_>>(),
            ["I", "III", "IV", "V"]
        );
        assert_eq!(vm.targets.len(), 6);
        assert_eq!(vm.targets[2].measures.len(), 2);
        assert_eq!(vm.targets[3].goal, "≥\u{a0}90%");
    }

    #[test]
    fn warning_wording() {
        let c = Counts {
            tasks: 10,
            late_tasks: 3,
            ..Counts::default()
        };
        assert!(warnings(&c, "30/6/2026")[1].contains("đều đã hoàn thành"));
        let c = Counts { late_open: 2, ..c };
        assert!(warnings(&c, "30/6/2026")[1].contains("trong đó 2 nhiệm vụ đến ngày 30/6/2026"));
    }
}

// ------------------------------------------------------------- plug-in --

/// The periodic reports: provincial and one per selected commune.
pub struct PeriodicReport;

impl super::DocKind for PeriodicReport {
    fn code(&self) -> &'static str {
        "bao-cao-dinh-ky"
    }

    fn plan(&'static self, model: &Model, sel: &Selection, jobs: &mut Vec<Job>) {
        plan(model, sel, jobs)
    }
}
