//! The training plan (ke-hoach-dao-tao) and the early-warning lists
//! (canh-bao-som), reports.md §4 and §5, read back from the PDFs.
//!
//! Fixture `tests/fixtures/gaps` (as_of 30/6/2026, two communes) holds each
//! gap kind, each warning rule and each boundary exactly once:
//! - GX01 leader without the leadership course; GX02 education below;
//!   GX03 major outside the accepted ones; GX04 political theory below
//!   (its course is completed 01/7/2026, one day after as_of: not yet);
//!   GX05 the same course completed ON as_of (counts: no gap); GX06 IT skill
//!   below; GX07 no digital-skills course; GX08 a leader meeting everything.
//! - GX09 discipline 10/3/2025 (fires); GX10 discipline 30/6/2024, exactly
//!   24 months before as_of (does not: the window is 01/7/2024–30/6/2026);
//!   GX11 discipline group 62,5 (fires); GX12 exactly 70 in the latest
//!   evaluation, an older 50 (does not); GX13 owns 3 late tasks (fires);
//!   GX14 owns 2 late tasks, one done on its due date, one due on as_of
//!   (does not).
//! - Tasks: NV-01 done on its due date and NV-02 due on as_of are not late;
//!   NV-09 done after as_of is "Chưa hoàn thành" at as_of; NV-08 has no owner.

use std::sync::OnceLock;

use crate::support::{Outcome, Test};
use crate::test::util::{assert_holds, containing};

const KINDS: &str = "ke-hoach-dao-tao,canh-bao-som";

/// The fixture built once for the tests that only read.
fn built() -> &'static Outcome {
    static BUILT: OnceLock<Outcome> = OnceLock::new();
    BUILT.get_or_init(|| build(Test::fixture("gaps"), KINDS))
}

fn build(t: Test, kinds: &str) -> Outcome {
    t.args(["build", "--only", kinds]).success()
}

/// The text of a document of `2026-H1/`.
fn doc(built: &Outcome, rel: &str) -> String {
    built.text(&format!("2026-H1/{rel}"))
}

/// The text of a document of the shared build.
fn text(rel: &str) -> String {
    doc(built(), rel)
}

/// The part of `s` from `start` up to `end` (both must be present, in order).
fn between<'s>(s: &'s str, start: &str, end: &str) -> &'s str {
    let a = s
        .find(start)
        .unwrap_or_else(|| panic!("no {start:?} in:\n{s}"));
    let b = s[a..]
        .find(end)
        .map(|b| a + b)
        .unwrap_or_else(|| panic!("no {end:?} after {start:?} in:\n{s}"));
    &s[a..b]
}

/// Codes `<prefix><digits>` in `s`, in order (e.g. "GX" → GX01, "NV-" → NV-03).
fn codes(s: &str, prefix: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find(prefix) {
        let after = &rest[i + prefix.len()..];
        let digits: String = after.chars().take_while(|c| c.is_ascii_digit()).collect();
        if !digits.is_empty() {
            out.push(format!("{prefix}{digits}"));
        }
        rest = &after[digits.len()..];
    }
    out
}

const LIST1: &str = "I- CÁN BỘ, CÔNG CHỨC CHƯA ĐẠT TIÊU CHUẨN VỊ TRÍ VIỆC LÀM";
const LIST2: &str = "II- NHIỆM VỤ CHẬM TIẾN ĐỘ";
const LIST3: &str = "III- CÁN BỘ, CÔNG CHỨC CÓ NGUY CƠ VI PHẠM KỶ LUẬT";
const NOTE: &str = "Ghi chú";

/// (list 1 official ids, list 2 task ids, list 3 official ids) of a warning
/// document whose official ids start with `prefix`.
fn warning_rows(s: &str, prefix: &str) -> (Vec<String>, Vec<String>, Vec<String>) {
    (
        codes(between(s, LIST1, LIST2), prefix),
        codes(between(s, LIST2, LIST3), "NV-"),
        codes(between(s, LIST3, NOTE), prefix),
    )
}

fn v(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn provincial_warning_lists_hold_exactly_the_expected_rows() {
    let s = text("tinh/canh-bao-som.pdf");
    let (below, late, risks) = warning_rows(&s, "GX");
    // Commune order of the data (Bản Một, then Nà Hai), then Vietnamese name order.
    assert_eq!(below, v(&["GX02", "GX03", "GX04", "GX06"]), "{s}");
    // Per commune by due date: NV-01 (done on due date) and NV-02 (due on as_of) are not late.
    assert_eq!(
        late,
        v(&[
            "NV-09", "NV-08", "NV-05", "NV-03", "NV-04", "NV-06", "NV-07"
        ]),
        "{s}"
    );
    // GX10 (exactly 24 months), GX12 (exactly 70), GX14 (2 late tasks) are not at risk.
    assert_eq!(risks, v(&["GX09", "GX11", "GX13"]), "{s}");
    assert_holds(
        &s,
        &[
            "4 người chưa đạt tiêu chuẩn vị trí việc làm; 7 nhiệm vụ chậm tiến độ; 3 người có nguy cơ vi phạm kỷ luật",
            "DANH SÁCH CẢNH BÁO SỚM",
            "BAN TỔ CHỨC",
        ],
    );
}

#[test]
fn warning_rows_say_what_is_missing_and_which_rule_fired() {
    let s = text("tinh/canh-bao-som.pdf");
    let list1 = between(&s, LIST1, LIST2);
    assert_holds(
        list1,
        &[
            "Trình độ chuyên môn cao đẳng, yêu cầu đại học",
            "Chuyên ngành luật không phù hợp vị trí việc làm",
            "Lý luận chính trị chưa qua đào tạo, yêu cầu sơ cấp",
            "Tin học chưa có, yêu cầu cơ bản",
        ],
    );
    // Target courses (digital, leadership) are not "below standard".
    assert!(!list1.contains("kỹ năng"), "{list1}");

    let list2 = between(&s, LIST2, LIST3);
    assert_holds(
        list2,
        &[
            "NV-09 Chuyển đổi số bộ phận một cửa Xã Bản Một Nông Thị Bích 20/6/2026 Chưa hoàn thành 10",
            "NV-08 Tổng hợp ý kiến cử tri Xã Bản Một — 29/6/2026 Chưa hoàn thành 1",
            "NV-05 Giải quyết đơn thư tồn đọng Phường Nà Hai La Thị Quyên 30/4/2026 Chưa hoàn thành 61",
            "NV-03 Rà soát hộ nghèo Phường Nà Hai La Thị Quyên 31/5/2026 10/6/2026 10",
            "NV-07 Cập nhật cổng thông tin Phường Nà Hai Mông Văn Sơn 20/6/2026 25/6/2026 5",
        ],
    );

    let list3 = between(&s, LIST3, NOTE);
    assert_holds(
        list3,
        &[
            "Bị kỷ luật Khiển trách (Quyết định số 12-QĐ/ĐU) ngày 10/3/2025 (trong 24 tháng gần nhất)",
            "Điểm nhóm Kỷ luật, kỷ cương 62,5 < 70 (kỳ đánh giá 6 tháng đầu năm 2026)",
            "Phụ trách 3 nhiệm vụ chậm tiến độ: NV-03, NV-04, NV-05 (ngưỡng: 3)",
        ],
    );
    assert!(
        !list3.contains("Cảnh cáo"),
        "GX10's discipline is outside the window:\n{list3}"
    );
}

#[test]
fn the_note_prints_the_thresholds() {
    let s = text("tinh/canh-bao-som.pdf");
    let note = &s[s.find(NOTE).expect("note")..];
    assert_holds(
        note,
        &[
            "bị kỷ luật trong 24 tháng gần nhất (từ ngày 01/7/2024 đến ngày 30/6/2026)",
            "dưới 70 điểm",
            "phụ trách từ 3 nhiệm vụ chậm tiến độ trở lên",
            "Nghị quyết số 15-NQ/TU, ngày 20/4/2026 của Ban Chấp hành Đảng bộ tỉnh",
        ],
    );
}

#[test]
fn thresholds_come_from_config() {
    let t = Test::fixture("gaps").edit(
        "config.yaml",
        "warnings: {discipline_months: 24, discipline_score: 70, late_tasks: 3}",
        "warnings: {discipline_months: 36, discipline_score: 71, late_tasks: 2}",
    );
    let s = doc(&build(t, "canh-bao-som"), "tinh/canh-bao-som.pdf");
    let (_, _, risks) = warning_rows(&s, "GX");
    // 36 months take in GX10's discipline; 70 is now below 71; 2 late tasks suffice.
    assert_eq!(
        risks,
        v(&["GX09", "GX10", "GX11", "GX12", "GX13", "GX14"]),
        "{s}"
    );
    assert_holds(
        &s,
        &[
            "trong 36 tháng gần nhất (từ ngày 01/7/2023",
            "Điểm nhóm Kỷ luật, kỷ cương 70,0 < 71",
            "(ngưỡng: 2)",
        ],
    );
}

#[test]
fn commune_warning_lists_hold_only_their_rows() {
    let mot = text("xa/xa-mot/canh-bao-som.pdf");
    assert_eq!(
        warning_rows(&mot, "GX"),
        (
            v(&["GX02", "GX03", "GX04", "GX06"]),
            v(&["NV-09", "NV-08"]),
            v(&["GX09", "GX11"])
        ),
        "{mot}"
    );
    assert!(mot.contains("ĐẢNG UỶ XÃ BẢN MỘT"), "{mot}");
    let hai = text("xa/xa-hai/canh-bao-som.pdf");
    let (below, late, risks) = warning_rows(&hai, "GX");
    assert!(below.is_empty(), "{hai}");
    assert!(between(&hai, LIST1, LIST2).contains("Không có."), "{hai}");
    assert_eq!(
        late,
        v(&["NV-05", "NV-03", "NV-04", "NV-06", "NV-07"]),
        "{hai}"
    );
    assert_eq!(risks, v(&["GX13"]), "{hai}");
}

/// Names of the fixture's officials, to read the plan's list back.
const NAMES: [(&str, &str); 14] = [
    ("GX01", "Hoàng Văn Đạt"),
    ("GX02", "Nông Thị Bích"),
    ("GX03", "Lý Văn Cường"),
    ("GX04", "Bế Thị Duyên"),
    ("GX05", "Ma Văn Giang"),
    ("GX06", "Triệu Thị Hạnh"),
    ("GX07", "Đàm Văn Khoa"),
    ("GX08", "Lục Văn Hải"),
    ("GX09", "Vi Thị Lan"),
    ("GX10", "Hà Văn Minh"),
    ("GX11", "Sầm Thị Ngọc"),
    ("GX12", "Nông Văn Phúc"),
    ("GX13", "La Thị Quyên"),
    ("GX14", "Mông Văn Sơn"),
];

/// The ids of the officials named in `s`, in the order they appear.
fn named(s: &str) -> Vec<String> {
    let mut found: Vec<(usize, &str)> = NAMES
        .iter()
        .flat_map(|(id, name)| s.match_indices(name).map(move |(i, _)| (i, *id)))
        .collect();
    found.sort();
    found.into_iter().map(|(_, id)| id.to_string()).collect()
}

const APPENDIX: &str = "DANH SÁCH CÁN BỘ, CÔNG CHỨC CẤP XÃ CẦN ĐÀO TẠO, BỒI DƯỠNG";

#[test]
fn plan_list_groups_officials_by_need_with_totals() {
    let s = text("tinh/ke-hoach-dao-tao.pdf");
    let list = &s[s.find(APPENDIX).expect("appendix")..];
    assert!(
        list.contains("(Kèm theo Kế hoạch số 45-KH/BTCTU, ngày 05/7/2026 của Ban Tổ chức Tỉnh uỷ)"),
        "{list}"
    );
    let groups = [
        (
            "I. Đào tạo chuyên môn (nâng trình độ, văn bằng 2)",
            v(&["GX02", "GX03"]),
        ),
        ("II. Đào tạo lý luận chính trị", v(&["GX04"])),
        ("III. Bồi dưỡng tin học, kỹ năng số", v(&["GX06", "GX07"])),
        ("IV. Bồi dưỡng kỹ năng lãnh đạo, quản lý", v(&["GX01"])),
    ];
    for (label, ids) in &groups {
        let group = between(list, label, "Cộng:");
        assert_eq!(&named(group), ids, "{label}:\n{group}");
        let after = &list[list.find(label).unwrap()..];
        let count = after.split("Cộng: ").nth(1).unwrap_or("");
        assert!(
            count.starts_with(&format!("{} người", ids.len())),
            "{label}: {count}"
        );
    }
    assert!(list.contains("Tổng cộng: 6 lượt người (6 người)"), "{list}");
    // GX05 completed its course on as_of; GX08 meets everything.
    let all = named(list);
    assert!(
        !all.contains(&"GX05".into()) && !all.contains(&"GX08".into()),
        "{list}"
    );
}

#[test]
fn plan_list_proposes_the_right_course() {
    let s = text("tinh/ke-hoach-dao-tao.pdf");
    let list = &s[s.find(APPENDIX).expect("appendix")..];
    let row = |name: &str| {
        let a = list
            .find(name)
            .unwrap_or_else(|| panic!("{name} not in {list}"));
        // A row ends where the next STT starts; enough text to hold its cells.
        list[a..].chars().take(260).collect::<String>()
    };
    for (name, course, note) in [
        // Registered: the planned attendance of the data.
        (
            "Đàm Văn Khoa",
            "Bồi dưỡng tin học, kỹ năng số cơ bản (đợt 2) 03/8/2026 - 14/8/2026",
            "Đã đăng ký",
        ),
        // A course completed after as_of is still being attended.
        (
            "Bế Thị Duyên",
            "Sơ cấp lý luận chính trị (khoá 2026) 01/6/2026 - 01/7/2026",
            "Đang học",
        ),
        // Not registered, but a course of the data starting later closes the gap.
        (
            "Triệu Thị Hạnh",
            "Bồi dưỡng tin học, kỹ năng số cơ bản (đợt 2) 03/8/2026 - 14/8/2026",
            "Đề xuất cử đi học",
        ),
        // No course in the data: the course to open.
        ("Nông Thị Bích", "Đào tạo trình độ đại học", "Cần mở lớp"),
        (
            "Lý Văn Cường",
            "Đào tạo văn bằng 2 ngành Tài chính - Kế toán hoặc Kinh tế",
            "Cần mở lớp",
        ),
        (
            "Hoàng Văn Đạt",
            "Bồi dưỡng kỹ năng lãnh đạo, quản lý",
            "Cần mở lớp",
        ),
    ] {
        let r = row(name);
        assert!(
            r.contains(course) && r.contains(note),
            "{name}: {course} / {note} not in row:\n{r}"
        );
    }
    // Year of birth, and what is missing.
    assert!(row("Hoàng Văn Đạt").contains("1975"), "{list}");
    assert!(row("Nông Thị Bích").contains("Trình độ chuyên môn cao đẳng, yêu cầu đại học"));
}

#[test]
fn plan_body_counts_and_matches_needs_to_courses() {
    let s = text("tinh/ke-hoach-dao-tao.pdf");
    let body = &s[..s.find(APPENDIX).expect("appendix")];
    for part in [
        "Số 45-KH/BTCTU",
        "KẾ HOẠCH đào tạo, bồi dưỡng cán bộ, công chức cấp xã 6 tháng cuối năm 2026",
        "Thực hiện Nghị quyết số 15-NQ/TU, ngày 20/4/2026 của Ban Chấp hành Đảng bộ tỉnh về nâng cao chất lượng cán bộ cơ sở giai đoạn 2026 - 2030",
        "I- MỤC ĐÍCH, YÊU CẦU",
        "II- ĐỐI TƯỢNG, NỘI DUNG",
        "là 14 người; trong đó 6/14 (42,9%) người cần đào tạo, bồi dưỡng",
        // (the bold label of an item reads back as "label :")
        "Đào tạo chuyên môn (nâng trình độ, văn bằng 2) : 2 người, trong đó: 1 người chưa đạt trình độ chuyên môn theo yêu cầu của vị trí việc làm; 1 người có chuyên ngành đào tạo chưa phù hợp vị trí việc làm (đào tạo văn bằng 2).",
        "Bồi dưỡng tin học, kỹ năng số : 2 người, trong đó: 1 người chưa đạt trình độ tin học theo yêu cầu; 1 người chưa hoàn thành khoá bồi dưỡng kỹ năng số",
        "Bồi dưỡng kỹ năng lãnh đạo, quản lý : 1 người là cán bộ lãnh đạo, quản lý",
        "Địa bàn biên giới (xã Bản Một): Phối hợp quốc phòng - an ninh - dân sinh; Ứng phó thiên tai.",
        "Địa bàn đô thị (phường Nà Hai): Quản trị đô thị.",
        "III- THỜI GIAN, HÌNH THỨC",
        "từ ngày 01/7/2026 đến ngày 31/12/2026",
        // A need with no course says which kind must be opened.
        "Bồi dưỡng kỹ năng lãnh đạo, quản lý: 1 người. + Chưa có khoá học phù hợp; đề nghị mở lớp (loại khoá học: kỹ năng lãnh đạo, quản lý).",
        // A need matched to a course of the data, with dates and organiser.
        "Bồi dưỡng tin học, kỹ năng số cơ bản (đợt 2): từ ngày 03/8/2026 đến ngày 14/8/2026, do Sở Khoa học và Công nghệ tổ chức",
        "IV- KINH PHÍ",
        "Kinh phí mở lớp bồi dưỡng kỹ năng lãnh đạo, quản lý: 120 triệu đồng từ ngân sách tỉnh.",
        "- Lớp trung cấp lý luận chính trị: theo dự toán của Trường Chính trị tỉnh.",
        "V- TỔ CHỨC THỰC HIỆN",
        "TRƯỞNG BAN",
    ] {
        assert!(body.contains(part), "{part:?} not in the plan:\n{body}");
    }
}

#[test]
fn commune_plan_lists_its_officials_and_its_region_topics_once() {
    let s = text("xa/xa-mot/ke-hoach-dao-tao.pdf");
    let a = s.find(APPENDIX).expect("appendix");
    let (body, list) = s.split_at(a);
    assert_eq!(
        named(list),
        v(&["GX02", "GX03", "GX04", "GX06", "GX07", "GX01"]),
        "{list}"
    );
    assert!(list.contains("của Đảng uỷ xã Bản Một)"), "{list}");
    assert_holds(body, &["ĐẢNG UỶ XÃ BẢN MỘT", "-KH/ĐU"]);
    // Two positions list the same topic for the border region: printed once.
    assert_eq!(
        body.matches("Phối hợp quốc phòng - an ninh - dân sinh")
            .count(),
        1,
        "{body}"
    );
    assert!(!body.contains("Quản trị đô thị"), "{body}");
    // No funding text for the commune: the placeholder paragraph.
    assert!(
        body.contains("Kinh phí thực hiện Kế hoạch được bố trí từ nguồn kinh phí đào tạo"),
        "{body}"
    );

    let hai = text("xa/xa-hai/ke-hoach-dao-tao.pdf");
    assert!(
        !hai.contains("Cộng:"),
        "nobody in Nà Hai needs training:\n{hai}"
    );
    assert!(
        hai.contains("Không có cán bộ, công chức cần đào tạo, bồi dưỡng."),
        "{hai}"
    );
}

#[test]
fn only_and_commune_select_the_documents() {
    let built = Test::fixture("gaps")
        .args(["build", "--only", "canh-bao-som", "--commune", "xa-hai"])
        .success();
    assert_eq!(built.pdfs(), v(&["2026-H1/xa/xa-hai/canh-bao-som.pdf"]));
}

#[test]
fn the_sample_province_builds_both_kinds() {
    let built = build(Test::fixture("sample"), KINDS);
    let communes = [
        "thuc-phan",
        "hoa-an",
        "quang-uyen",
        "nguyen-binh",
        "bao-lam",
        "tra-linh",
        "dam-thuy",
    ];
    for kind in ["ke-hoach-dao-tao", "canh-bao-som"] {
        let mut files = vec![format!("tinh/{kind}.pdf")];
        files.extend(communes.iter().map(|c| format!("xa/{c}/{kind}.pdf")));
        for rel in files {
            let p = built.out().join("2026-H1").join(&rel);
            assert!(p.is_file(), "missing {}", p.display());
        }
    }
    let plan = doc(&built, "tinh/ke-hoach-dao-tao.pdf");
    assert!(plan.contains("Số -KH/BTCTU"), "unnumbered draft:\n{plan}");
    assert!(
        plan.contains("tổng số cán bộ, công chức cấp xã trên địa bàn tỉnh là 150 người"),
        "{plan}"
    );
}

#[test]
fn names_print_verbatim_and_empty_lists_say_so() {
    const NASTY: &str = "Lò Văn *Sáng* #strong[x] $x^2$ <a> @b \\ _u_ {{ 7*7 }}";
    let built = build(Test::fixture("minimal"), KINDS);
    let plan = doc(&built, "xa/hoa-an/ke-hoach-dao-tao.pdf");
    // The name cell holds the name; the year of birth may be read in between.
    assert_holds(
        &plan,
        &["Lò Văn *Sáng* #strong[x] $x^2$", "<a> @b \\ _u_ {{ 7*7 }}"],
    );
    let warn = doc(&built, "tinh/canh-bao-som.pdf");
    // Nobody below standard, no tasks: two lists say "Không có."; CB02's
    // discipline of 02/3/2026 is in the third.
    assert_eq!(
        warning_rows(&warn, "CB"),
        (vec![], vec![], v(&["CB02"])),
        "{warn}"
    );
    assert!(!warn.contains(NASTY), "CB01 is in no warning list:\n{warn}");
    assert_eq!(warn.matches("Không có.").count(), 2, "{warn}");
}

#[test]
fn a_long_provincial_list_refers_to_the_commune_plans() {
    // Enough officials for more rows than the provincial plan repeats.
    let sampled = Test::new()
        .args([
            "sample",
            "inputs",
            "--officials",
            "900",
            "--communes",
            "4",
            "--force",
        ])
        .success();
    let built = build(sampled.then(), "ke-hoach-dao-tao");
    let province = doc(&built, "tinh/ke-hoach-dao-tao.pdf");
    assert!(province.contains("Danh sách chi tiết từng người được kèm theo Kế hoạch đào tạo, bồi dưỡng của từng xã, phường"), "{province}");
    let list_title = "DANH SÁCH CÁN BỘ, CÔNG CHỨC CẤP XÃ CẦN ĐÀO TẠO, BỒI DƯỠNG";
    assert!(!province.contains(list_title), "no named list: {province}");
    // Each commune plan keeps its named list.
    let plans = containing(&built.pdfs(), "2026-H1/xa/");
    assert_eq!(plans.len(), 4, "{plans:?}");
    for plan in plans {
        let text = built.text(&plan);
        assert!(text.contains(list_title), "{text}");
    }
}

/// The gaps fixture with `config.warnings.provincial_names_max` = 3.
fn names_max_3() -> Test {
    Test::fixture("gaps").edit(
        "config.yaml",
        "warnings: {discipline_months: 24, discipline_score: 70, late_tasks: 3}",
        "warnings: {discipline_months: 24, discipline_score: 70, late_tasks: 3, provincial_names_max: 3}",
    )
}

const LIST4: &str = "IV- SỐ LƯỢNG KHÔNG NÊU TÊN TRONG CÁC DANH SÁCH TRÊN, THEO XÃ, PHƯỜNG";

#[test]
fn a_provincial_warning_list_above_its_limit_names_leaders_and_counts_the_others() {
    let built = build(names_max_3(), "canh-bao-som");
    let s = doc(&built, "tinh/canh-bao-som.pdf");
    // Four officials below standard, seven late tasks: above 3, and none of
    // them a leader's; the three risks (= 3) keep their names.
    let list1 = between(&s, LIST1, LIST2);
    assert!(codes(list1, "GX").is_empty(), "{list1}");
    assert!(list1.contains("Danh sách có trên 3 người nên chỉ nêu tên cán bộ giữ chức vụ lãnh đạo, quản lý; 4 người khác"), "{list1}");
    let list2 = between(&s, LIST2, LIST3);
    assert!(codes(list2, "NV-").is_empty(), "{list2}");
    assert!(list2.contains("7 nhiệm vụ khác"), "{list2}");
    let list3 = between(&s, LIST3, LIST4);
    assert_eq!(codes(list3, "GX"), v(&["GX09", "GX11", "GX13"]), "{list3}");
    assert!(!list3.contains("nên chỉ nêu tên"), "{list3}");
    // The totals still count every row.
    assert!(s.contains("4 người chưa đạt tiêu chuẩn vị trí việc làm; 7 nhiệm vụ chậm tiến độ; 3 người có nguy cơ"), "{s}");
    // Counts per commune, in data order, of the two abridged lists only.
    let counts = between(&s, LIST4, NOTE);
    assert!(counts.contains("Chưa đạt tiêu chuẩn (người)"), "{counts}");
    assert!(!counts.contains("Bị kỷ luật trong"), "{counts}");
    assert_holds(
        counts,
        &["1 Xã Bản Một 4 2", "2 Phường Nà Hai 0 5", "Tổng cộng 4 7"],
    );
    // A commune's own list is never abridged.
    let mot = doc(&built, "xa/xa-mot/canh-bao-som.pdf");
    assert_eq!(
        codes(between(&mot, LIST1, LIST2), "GX"),
        v(&["GX02", "GX03", "GX04", "GX06"])
    );
    assert!(!mot.contains("nên chỉ nêu tên"), "{mot}");
}

#[test]
fn leaders_keep_their_names_in_an_abridged_list() {
    // Accountants become leaders: list 1 keeps its four names (nobody is
    // left out), list 2 names the task GX02 owns, and counts the others.
    let t = names_max_3().edit("positions.yaml", "leader: false", "leader: true");
    let s = doc(&build(t, "canh-bao-som"), "tinh/canh-bao-som.pdf");
    let list1 = between(&s, LIST1, LIST2);
    assert_eq!(
        codes(list1, "GX"),
        v(&["GX02", "GX03", "GX04", "GX06"]),
        "{list1}"
    );
    assert!(!list1.contains("nên chỉ nêu tên"), "{list1}");
    let list2 = between(&s, LIST2, LIST3);
    assert_eq!(codes(list2, "NV-"), v(&["NV-09"]), "{list2}");
    assert!(list2.contains("6 nhiệm vụ khác"), "{list2}");
    let counts = between(&s, LIST4, NOTE);
    assert!(!counts.contains("Chưa đạt tiêu chuẩn"), "{counts}");
    assert!(counts.contains("Tổng cộng 6"), "{counts}");
}
