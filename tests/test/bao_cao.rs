//! Báo cáo định kỳ (reports.md §3): a province built to the resolution's own
//! counts must read exactly as the resolution does.

use std::fmt::Write as _;
use std::ops::Range;

use baocao::model::Model;
use baocao::model::stats::{Counts, Facts, Scope};

use crate::support::{Outcome, Test};
use crate::test::util::assert_holds;

/// The resolution's counts (Nghị quyết 15-NQ/TU, mục I).
const TOTAL: usize = 3555;
const PARTY: usize = 1510;
const COMMUNES: [(&str, &str); 5] = [
    ("hoa-an", "Hòa An"),
    ("bao-lam", "Bảo Lâm"),
    ("tra-linh", "Trà Lĩnh"),
    ("quang-uyen", "Quảng Uyên"),
    ("nguyen-binh", "Nguyên Bình"),
];

/// Narrative text full of Typst syntax: it must print as written.
const TRICKY: &str = r"Lò Văn *Sáng* #strong[x] $x^2$ <a> @b _u_ {{ 7*7 }}";

fn within(i: usize, r: Range<usize>) -> bool {
    r.contains(&i)
}

/// One official per index; every attribute is set by index ranges so that
/// the counts are exactly the resolution's.
fn official(i: usize) -> String {
    let party = i < PARTY;
    // Education: 40 college/intermediate in each bloc, one with none,
    // 248 postgraduates, the other 3,226 university graduates.
    let education = if within(i, 0..20) || within(i, PARTY..PARTY + 20) {
        "college"
    } else if within(i, 20..40) || within(i, PARTY + 20..PARTY + 40) {
        "intermediate"
    } else if i == PARTY + 40 {
        "none"
    } else if within(i, 2000..2248) {
        "postgraduate"
    } else {
        "university"
    };
    let theory = if i < 480 {
        "advanced"
    } else if i < 480 + 2335 {
        "intermediate"
    } else if i < 3500 {
        "elementary"
    } else {
        "none"
    };
    let gender = if within(i, 100..100 + 1762) {
        "female"
    } else {
        "male"
    };
    let ethnicity = match i {
        _ if i >= 3437 => "Kinh",
        _ if i.is_multiple_of(3) => "Tày",
        _ if i % 3 == 1 => "Nùng",
        _ => "H'Mông",
    };
    // Under 42 at as_of (2026-06-30): 1,872 officials; the last of them is 41
    // by one day, the next one turned 42 on as_of itself.
    let birth = match i {
        1871 => "1984-07-01",
        1872 => "1984-06-30",
        _ if i < 1872 => "1990-03-15",
        _ => "1970-11-02",
    };
    let major = if within(i, 500..500 + 283) {
        "finance_accounting"
    } else if within(i, 1000..1000 + 350) {
        "cadastral_construction"
    } else if within(i, 3000..3044) {
        "it"
    } else {
        "law"
    };
    let (commune, _) = COMMUNES[i % COMMUNES.len()];
    format!(
        "  - {{id: CB{i:04}, name: Cán bộ Số {i}, birth_date: {birth}, gender: {gender}, \
         ethnicity: \"{ethnicity}\", commune: {commune}, bloc: {bloc}, position: {position}, \
         education: {education}, major: {major}, political_theory: {theory}, it_skill: basic, \
         digital_profile: {digital}}}\n",
        bloc = if party { "party" } else { "government" },
        position = if party { "cv-dang" } else { "cc-xa" },
        digital = !i.is_multiple_of(7),
    )
}

fn resolution_fixture() -> Test {
    let mut t = Test::new().write(
        "config.yaml",
        &format!(
            r#"config:
  province: Cao Bằng
  as_of: 2026-06-30
  period: 2026-H1
  place: Cao Bằng
  issued_on: 2026-07-05
  resolution:
    number: 15-NQ/TU
    issued_on: 2026-04-20
    title: về nâng cao chất lượng cán bộ cơ sở giai đoạn 2026 - 2030
  bodies:
    provincial_committee:
      parent: ĐẢNG BỘ TỈNH CAO BẰNG
      name: TỈNH UỶ
      code: TU
      signer: {{authority: T/M BAN THƯỜNG VỤ, role: PHÓ BÍ THƯ THƯỜNG TRỰC, name: Nguyễn Văn A}}
    organization_board:
      parent: TỈNH UỶ CAO BẰNG
      name: BAN TỔ CHỨC
      code: BTCTU
      signer: {{authority: "", role: TRƯỞNG BAN, name: Hoàng Thị B}}
  numbering:
    provincial_report: 123-BC/TU
  narrative:
    leadership: |
      Đoạn mở đầu: {TRICKY}

      - Ý thứ nhất #một;
      - Ý thứ hai $hai$.
"#
        ),
    );
    let mut communes = String::from("communes:\n");
    for (id, name) in COMMUNES {
        let _ = writeln!(
            communes,
            "  - {{id: {id}, name: {name}, kind: xa, region: mountain}}"
        );
    }
    t = t.write("communes.yaml", &communes).write(
        "positions.yaml",
        "positions:\n\
         \x20 - {id: cv-dang, name: Chuyên viên Đảng uỷ, bloc: party, requires: {education: university}}\n\
         \x20 - {id: cc-xa, name: Công chức xã, bloc: government, requires: {education: university}}\n",
    );
    let mut officials = String::from("officials:\n");
    for i in 0..TOTAL {
        officials.push_str(&official(i));
    }
    t = t.write("officials.yaml", &officials);
    // A few evaluations only: the report needs no more, and the build stays fast.
    let mut evaluations = String::from("evaluations:\n");
    for (i, s) in [(0, 95), (1, 80), (1600, 60), (3000, 40)] {
        let _ = writeln!(
            evaluations,
            "  - {{official: CB{i:04}, period: 2026-H1, scores: {{k1: {s}, k2: {s}, k3: {s}, k4: {s}, \
             k5: {s}, k6: {s}, k7: {s}, k8: {s}, k9: {s}, k10: {s}, k11: {s}}}}}"
        );
    }
    t.write("evaluations.yaml", &evaluations)
}

fn report(built: &Outcome, rel: &str) -> String {
    built.text(&format!("2026-H1/{rel}"))
}

#[test]
fn staff_structure_reads_as_in_the_resolution() {
    let built = resolution_fixture()
        .args(["build", "--only", "bao-cao-dinh-ky"])
        .success();
    let text = report(&built, "tinh/bao-cao-dinh-ky.pdf");
    for figure in [
        "tổng số cán bộ, công chức cấp xã là 3.555 người (khối đảng 1.510 người, khối chính quyền 2.045 người)",
        "3.474/3.555 (97,7%) người có trình độ đại học trở lên",
        "(sau đại học: 248/3.555 (7,0%) người)",
        "80/3.555 (2,3%) người có trình độ cao đẳng, trung cấp (khối Đảng: 40 người; khối chính quyền: 40 người)",
        "Cao cấp, cử nhân: 480/3.555 (13,5%) người",
        "trung cấp: 2.335/3.555 (65,7%) người",
        "1.762/3.555 (49,6%) nữ",
        "3.437/3.555 (96,7%) người dân tộc thiểu số",
        "1.872/3.555 (52,7%) người dưới 42 tuổi",
        // The resolution printed 7,9% (a rounding slip): 283/3555 = 7,96…%.
        "tài chính - kế toán: 283/3.555 (8,0%) người",
        "địa chính - xây dựng: 350/3.555 (9,8%) người",
        "công nghệ thông tin: 44/3.555 (1,2%) người",
    ] {
        assert!(text.contains(figure), "missing «{figure}» in:\n{text}");
    }
    // Title, number and the appendices' reference line.
    assert!(text.contains("Số 123-BC/TU"), "{text}");
    assert!(text.contains(
        "kết quả thực hiện Nghị quyết số 15-NQ/TU, ngày 20/4/2026 của Ban Chấp hành Đảng bộ tỉnh \
         về nâng cao chất lượng cán bộ cơ sở giai đoạn 2026 - 2030, 6 tháng đầu năm 2026"
    ));
    assert!(
        text.contains("(Kèm theo Báo cáo số 123-BC/TU, ngày 05/7/2026 của Ban Thường vụ Tỉnh uỷ)")
    );
    assert_holds(
        &text,
        &["Biểu số 01", "Biểu số 02", "Biểu số 03", "Biểu số 04"],
    );
    // Target (1): every position requires a university degree.
    assert!(text.contains("3.474/3.555 (97,7%) 100% Chưa đạt"), "{text}");

    // The narrative prints verbatim, Typst syntax and all.
    assert!(text.contains(&format!("Đoạn mở đầu: {TRICKY}")), "{text}");
    assert!(text.contains("- Ý thứ nhất #một;"));
    assert!(text.contains("- Ý thứ hai $hai$."));

    // One report per commune, issued by its Đảng uỷ, unnumbered; no
    // narrative for the commune: dotted lines for the clerk.
    for (id, name) in COMMUNES {
        let t = report(&built, &format!("xa/{id}/bao-cao-dinh-ky.pdf"));
        assert!(
            t.contains(&format!("ĐẢNG UỶ XÃ {}", name.to_uppercase())),
            "{t}"
        );
        assert_holds(
            &t,
            &[
                "-BC/ĐU",
                "tổng số cán bộ, công chức của xã",
                ". . . . . . . . . .",
            ],
        );
        assert!(!t.contains("Đoạn mở đầu"), "{t}");
    }
}

#[test]
fn appendix_totals_equal_the_provincial_figures() {
    let t = resolution_fixture();
    let ds = baocao::batch::load(&t.inputs()).expect("fixture loads");
    let model = Model::compute(&ds);
    let facts = Facts::compute(&model);
    let province = facts.stats(Scope::Province).counts;
    let mut sum = Counts::default();
    for (id, _) in COMMUNES {
        sum.add(&facts.stats(Scope::Commune(id)).counts);
    }
    assert_eq!(sum, province);
    // The generator hit the resolution's counts.
    assert_eq!(province.officials, 3555);
    assert_eq!(province.bloc, [1510, 2045]);
    assert_eq!(province.university_plus, 3474);
    assert_eq!(province.postgraduate, 248);
    assert_eq!(province.college_intermediate_bloc, [40, 40]);
    assert_eq!(
        (province.theory_advanced, province.theory_intermediate),
        (480, 2335)
    );
    assert_eq!(
        (province.women, province.minorities, province.under_42),
        (1762, 3437, 1872)
    );
    assert_eq!(province.shortage, [283, 350, 44]);

    // In the document, the total row of Biểu số 01 is the provincial figure.
    let built = t.args(["build", "--only", "bao-cao-dinh-ky"]).success();
    let text = report(&built, "tinh/bao-cao-dinh-ky.pdf");
    let row = "Tổng cộng 3.555 1.510 2.045 3.474 248 80 480 2.335 1.762 3.437 1.872 283 350 44";
    assert!(text.contains(row), "missing «{row}» in:\n{text}");
}

#[test]
fn the_sample_province_builds_the_reports() {
    let built = Test::fixture("sample").arg("build").success();
    let dir = built.out().join("2026-H1");
    assert!(dir.join("tinh/bao-cao-dinh-ky.pdf").is_file());
    let ds = baocao::batch::load(&built.inputs()).expect("sample loads");
    for c in &ds.communes {
        assert!(
            dir.join("xa")
                .join(&c.id)
                .join("bao-cao-dinh-ky.pdf")
                .is_file(),
            "{}",
            c.id
        );
    }
}
