//! The printed electronic record (reports.md §7, kind `ho-so-can-bo`): one
//! per official, with every section filled from a fixture that has work
//! history, rewards, a discipline, a training and evaluations of three
//! periods (given out of order), and an official with nothing of these.

use std::io::Read;

use crate::support::Test;
use crate::test::util::containing;

const RECORD: &str = "2026-H1/xa/hoa-an/ho-so-can-bo/CB02.pdf";
const BARE: &str = "2026-H1/xa/hoa-an/ho-so-can-bo/CB01.pdf";

/// The minimal fixture, CB02 with a history. Its discipline (2026-03-02)
/// caps the 2026-H1 rating; 2025-H1 and 2025-H2 are rated by their totals.
fn with_history() -> Test {
    Test::fixture("minimal")
        .edit(
            "officials.yaml",
            "    disciplines: [{on: 2026-03-02, decision: 45-QĐ/ĐU, form: Khiển trách, content: Chậm trễ}]",
            "    disciplines: [{on: 2026-03-02, decision: 45-QĐ/ĐU, form: Khiển trách, content: Chậm trễ}]
    history:
      - {from: 2015-08-01, to: 2019-12-31, unit: UBND xã Bình Long, role: Công chức Địa chính}
      - {from: 2020-01-01, unit: UBND xã Hòa An, role: Công chức Văn phòng - Thống kê}
    rewards: [{on: 2025-12-20, decision: 123/QĐ-UBND, content: Giấy khen của Chủ tịch UBND huyện}]",
        )
        .write(
            "history.yaml",
            "evaluations:
  - official: CB02
    period: 2025-H1
    scores: {k1: 45, k2: 45, k3: 45, k4: 45, k5: 45, k6: 45, k7: 45, k8: 45, k9: 45, k10: 45, k11: 45}
  - official: CB02
    period: 2025-H2
    scores: {k1: 85, k2: 85, k3: 85, k4: 85, k5: 85, k6: 85, k7: 85, k8: 85, k9: 85, k10: 85, k11: 85}
courses:
  - id: qlnn-2026
    name: Bồi dưỡng quản lý nhà nước ngạch chuyên viên
    kind: state_management
    start: 2026-03-01
    end: 2026-05-30
    organizer: Trường Chính trị tỉnh Cao Bằng
trainings:
  - {official: CB02, course: qlnn-2026, status: completed, completed_on: 2026-05-30}
tasks:
  - {id: NV-01, title: Số hoá hồ sơ một cửa, commune: hoa-an, owner: CB02, due: 2026-05-31}
",
        )
}

fn at(text: &str, needle: &str) -> usize {
    text.find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in the record:\n{text}"))
}

#[test]
fn the_record_shows_every_section_and_the_periods_newest_first() {
    let b = with_history().arg("build").success();
    let t = b.text(RECORD);
    for needle in [
        "PHIẾU THÔNG TIN CÁN BỘ",
        "Tính đến ngày 30/6/2026",
        "ĐẢNG UỶ XÃ HÒA AN",
        "Bế Thị Ân",
        "02/01/1990",
        // II: levels beside the requirements.
        "Trình độ chuyên môn",
        "Yêu cầu của vị trí việc làm",
        // III–V.
        "UBND xã Bình Long",
        "Công chức Địa chính",
        "31/12/2019",
        "123/QĐ-UBND",
        "Giấy khen của Chủ tịch UBND huyện",
        "45-QĐ/ĐU",
        "Khiển trách",
        "Chậm trễ",
        // VI.
        "Bồi dưỡng quản lý nhà nước ngạch chuyên viên",
        "Quản lý nhà nước",
        "Đã hoàn thành",
        "30/5/2026",
        // VIII: the late task and the recent discipline.
        "NV-01",
        "Bị kỷ luật Khiển trách",
    ] {
        at(&t, needle);
    }
    // VII: totals one decimal, ratings, the cap reason of 2026-H1 only.
    let h1 = at(&t, "6 tháng đầu năm 2026");
    let h2_2025 = at(&t, "6 tháng cuối năm 2025");
    let h1_2025 = at(&t, "6 tháng đầu năm 2025");
    assert!(
        h1 < h2_2025 && h2_2025 < h1_2025,
        "periods newest first:\n{t}"
    );
    assert!(t[h1..h2_2025].contains("Hoàn thành nhiệm vụ"), "{t}");
    assert!(t[h1..h2_2025].contains("Bị kỷ luật"), "cap reason: {t}");
    assert!(t[h2_2025..h1_2025].contains("85,0"), "{t}");
    assert!(
        t[h2_2025..h1_2025].contains("Hoàn thành tốt nhiệm vụ"),
        "{t}"
    );
    let warnings = at(&t, "VIII- CẢNH BÁO");
    assert!(
        !t[h2_2025..warnings].contains("Bị kỷ luật"),
        "no cap outside the discipline's period: {t}"
    );
    assert!(t[h1_2025..warnings].contains("45,0"), "{t}");
    assert!(
        t[h1_2025..warnings].contains("Không hoàn thành nhiệm vụ"),
        "{t}"
    );
    // Political theory: elementary, the position requires none.
    assert!(t.contains("Không yêu cầu"), "{t}");

    // The other kinds use config.period only: one sheet per official, of 2026-H1.
    let sheets = containing(&b.pdfs(), "/phieu-danh-gia/");
    assert_eq!(sheets.len(), 2, "{sheets:?}");
    let sheet = b.text("2026-H1/xa/hoa-an/phieu-danh-gia/CB02.pdf");
    assert!(
        sheet.contains("6 tháng đầu năm 2026") && !sheet.contains("2025"),
        "{sheet}"
    );
    let list = b.text("2026-H1/xa/hoa-an/danh-sach-xep-loai.pdf");
    assert!(!list.contains("85,0") && !list.contains("45,0"), "{list}");
}

#[test]
fn empty_sections_say_khong_co() {
    let b = Test::fixture("minimal").arg("build").success();
    let t = b.text(BARE);
    // III, IV, V, VI, VIII are empty for CB01 (no history, rewards,
    // disciplines, trainings, warnings but below-standard ones).
    assert!(t.matches("Không có.").count() >= 4, "{t}");
    assert!(t.contains("6 tháng đầu năm 2026"), "{t}");
}

#[test]
fn records_are_built_alone_with_only_are_pdfa_and_in_the_dossier() {
    let b = with_history()
        .args(["build", "--only", "ho-so-can-bo"])
        .success();
    let pdfs = b.pdfs();
    assert_eq!(
        pdfs,
        vec![BARE.to_string(), RECORD.to_string()],
        "--only ho-so-can-bo builds the records alone"
    );
    for p in &pdfs {
        let bytes = b.read(p);
        let has = |s: &str| bytes.windows(s.len()).any(|w| w == s.as_bytes());
        assert!(has("<pdfaid:part>2</pdfaid:part>"), "{p}: PDF/A");
        assert!(has("/OutputIntents"), "{p}: output intent");
    }
    let b = b.then().arg("build").success();
    let zip = b.read("2026-H1/ho-so/hoa-an.zip");
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(zip)).expect("a zip");
    let names: Vec<String> = (0..z.len())
        .map(|i| z.by_index(i).unwrap().name().unwrap().to_string())
        .collect();
    assert!(
        names.contains(&"ho-so-can-bo/CB02.pdf".to_string()),
        "{names:?}"
    );
    let mut inside = Vec::new();
    z.by_name("ho-so-can-bo/CB02.pdf")
        .unwrap()
        .read_to_end(&mut inside)
        .unwrap();
    assert_eq!(
        inside,
        b.read(RECORD),
        "the dossier holds the record as written"
    );
}

#[test]
fn a_record_longer_than_a_page_is_kept_whole_with_page_numbers() {
    // Many rewards make CB02's record run onto further pages; it is
    // batched with CB01's and split back into its own file.
    let rewards: String = (1..=40)
        .map(|i| {
            format!(
                "      - {{on: 2020-01-{:02}, decision: {i}/QĐ-UBND, content: Giấy khen số {i}}}\n",
                (i % 28) + 1
            )
        })
        .collect();
    let b = Test::fixture("minimal")
        .edit(
            "officials.yaml",
            "    disciplines: [{on: 2026-03-02",
            &format!("    rewards:\n{rewards}    disciplines: [{{on: 2026-03-02"),
        )
        .args(["build", "--only", "ho-so-can-bo"])
        .success();
    let pages = b.pages(RECORD);
    assert!(pages.len() >= 2, "{} pages", pages.len());
    assert_eq!(b.pages(BARE).len(), 1, "the other record stays one page");
    let t = b.text(RECORD);
    assert!(
        t.contains("Giấy khen số 1 ") && t.contains("Giấy khen số 40"),
        "{t}"
    );
    assert!(
        t.contains("VIII- CẢNH BÁO"),
        "the record ends in its own file: {t}"
    );
    let second = &pages[1];
    assert!(
        second
            .runs()
            .any(|r| r.text.trim() == "2" && r.baseline < 20.0 * crate::support::pdf::MM),
        "page number 2 in the top margin"
    );
}
