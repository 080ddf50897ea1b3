//! `baocao build` end to end: the evaluation sheets and summary lists, their
//! content read back from the PDFs, exports, determinism and safety.

use crate::support::{Outcome, Test, copy_dir, pdf, root};
use crate::test::util::assert_holds;

const NASTY: &str = "Lò Văn *Sáng* #strong[x] $x^2$ <a> @b \\ _u_ {{ 7*7 }}";
const SHEET_1: &str = "2026-H1/xa/hoa-an/phieu-danh-gia/CB01.pdf";
const SHEET_2: &str = "2026-H1/xa/hoa-an/phieu-danh-gia/CB02.pdf";
const LIST: &str = "2026-H1/xa/hoa-an/danh-sach-xep-loai.pdf";

fn minimal_built() -> Outcome {
    Test::fixture("minimal").arg("build").success()
}

#[test]
fn a_name_full_of_markup_prints_verbatim() {
    let built = minimal_built();
    let sheet = built.text(SHEET_1);
    assert!(
        sheet.contains(NASTY),
        "name not verbatim in sheet:\n{sheet}"
    );
    let list = built.text(LIST);
    assert!(list.contains(NASTY), "name not verbatim in list:\n{list}");
}

#[test]
fn sheet_shows_scores_rating_in_words_and_the_discipline_cap() {
    let built = minimal_built();
    // CB01: exactly 90 (float says 89.999…) → xuất sắc.
    let s1 = built.text(SHEET_1);
    assert_holds(
        &s1,
        &[
            "PHIẾU ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG CÁN BỘ",
            "6 tháng đầu năm 2026",
            "90,0",
            "Kết quả xếp loại: Hoàn thành xuất sắc nhiệm vụ",
        ],
    );
    // CB02: 95 points but a discipline inside the period → capped.
    let s2 = built.text(SHEET_2);
    assert_holds(&s2, &["95,0", "Kết quả xếp loại: Hoàn thành nhiệm vụ"]);
    assert!(
        s2.contains("Bị kỷ luật khiển trách"),
        "the sheet must say why: {s2}"
    );
}

#[test]
fn csv_and_manifest_list_every_result_and_file() {
    let built = minimal_built();
    let csv = built.read("2026-H1/ket-qua-xep-loai.csv");
    assert!(
        csv.starts_with("\u{feff}".as_bytes()),
        "UTF-8 BOM for Excel"
    );
    let csv = String::from_utf8(csv).unwrap();
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines[0], "id,họ và tên,xã/phường,tổng điểm,xếp loại");
    assert_eq!(lines.len(), 3, "{csv}");
    assert!(
        lines.contains(&"CB02,Bế Thị Ân,xã Hòa An,\"95,0\",Hoàn thành nhiệm vụ"),
        "{csv}"
    );
    assert!(
        lines.contains(
            &format!("CB01,{NASTY},xã Hòa An,\"90,0\",Hoàn thành xuất sắc nhiệm vụ").as_str()
        ),
        "{csv}"
    );

    let manifest: serde_json::Value =
        serde_json::from_slice(&built.read("2026-H1/manifest.json")).unwrap();
    let files = manifest["files"].as_array().unwrap();
    let on_disk: Vec<_> = built
        .snapshot("out/2026-H1")
        .into_iter()
        .filter(|(p, _)| p != "manifest.json")
        .collect();
    assert_eq!(files.len(), on_disk.len());
    for (rel, bytes) in on_disk {
        let rel = format!("2026-H1/{rel}");
        let e = files
            .iter()
            .find(|e| e["path"] == rel.as_str())
            .unwrap_or_else(|| panic!("{rel} not in manifest"));
        assert_eq!(e["bytes"].as_u64().unwrap(), bytes.len() as u64);
        assert_eq!(
            e["sha256"].as_str().unwrap(),
            baocao::batch::sha256_hex(&bytes)
        );
    }
}

#[test]
fn summary_list_is_in_vietnamese_name_order() {
    // Officials whose given names test the Vietnamese alphabet.
    let names = [
        ("N1", "Lục Thị Ước"),
        ("N2", "La Văn Ơn"),
        ("N3", "Triệu Văn An"),
        ("N4", "Đàm Văn Đạt"),
        ("N5", "Nông Văn Hưng"),
        ("N6", "Ma Thị Oanh"),
        ("N7", "Vi Thị Dũng"),
        ("N8", "Hoàng Văn Hùng"),
        ("N9", "Hà Văn Ôn"),
        ("N10", "Lương Thị Uyên"),
    ];
    let mut off = String::from("officials:\n");
    let mut ev = String::from("evaluations:\n");
    for (id, name) in names {
        off.push_str(&format!(
            "  - {{id: {id}, name: {name}, birth_date: 1988-08-08, gender: male, ethnicity: Tày, commune: hoa-an, bloc: government, position: cong-chuc, education: university, political_theory: none, it_skill: basic}}\n"
        ));
        ev.push_str(&format!(
            "  - {{official: {id}, period: 2026-H1, scores: {{k1: 80, k2: 80, k3: 80, k4: 80, k5: 80, k6: 80, k7: 80, k8: 80, k9: 80, k10: 80, k11: 80}}}}\n"
        ));
    }
    let built = Test::fixture("minimal")
        .write("more-officials.yaml", &off)
        .write("more-evaluations.yaml", &ev)
        .args(["build", "--only", "danh-sach-xep-loai"])
        .success();
    let text = built.text(LIST);
    // These and the fixture's Bế Thị Ân, in the collation's order (which
    // vn::collate's tests pin: An, Ân, Dũng, Đạt, Hùng, Hưng, …).
    let mut order: Vec<&str> = names.iter().map(|(_, n)| *n).collect();
    order.push("Bế Thị Ân");
    order.sort_by(|a, b| baocao::vn::compare_names(a, b));
    let positions: Vec<usize> = order
        .iter()
        .map(|n| {
            text.find(n)
                .unwrap_or_else(|| panic!("{n} missing in:\n{text}"))
        })
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "order wrong: {order:?} at {positions:?}"
    );
    // Counts and shares per rating under the table.
    assert!(text.contains("Hoàn thành tốt nhiệm vụ"), "{text}");
}

#[test]
fn quota_warning_appears_when_excellent_exceeds_the_share() {
    // 1 "xuất sắc" and 0 "tốt": over 20% of 0.
    let text = minimal_built().text(LIST);
    assert!(text.contains("vượt quá 20%"), "{text}");
}

#[test]
fn rebuilding_gives_byte_identical_files() {
    let first = minimal_built();
    let files = first.snapshot("out");
    let second = first.then().clean().args(["build", "-j", "1"]).success();
    assert!(!files.is_empty());
    assert_eq!(files.len(), second.snapshot("out").len());
    for ((p1, b1), (p2, b2)) in files.iter().zip(&second.snapshot("out")) {
        assert_eq!(p1, p2);
        assert!(b1 == b2, "{p1} differs between builds");
    }
}

#[test]
fn a_character_outside_the_font_repertoire_leaves_the_other_sheets_unchanged() {
    // Sheets are typeset in batches whose fonts hold a fixed repertoire; a
    // sheet with another character is typeset alone, and the others keep
    // the bytes they have in any batch.
    let first = minimal_built();
    let before = first.read(SHEET_1);
    let odd = first
        .then()
        .edit("officials.yaml", "name: Bế Thị Ân", "name: Bế Thị Ân ≥ Ω")
        .clean()
        .arg("build")
        .success();
    let text = odd.text(SHEET_2);
    assert!(text.contains("Bế Thị Ân ≥ Ω"), "{text}");
    assert!(
        before == odd.read(SHEET_1),
        "CB01 changed with its neighbour"
    );
}

#[test]
fn a_failing_document_leaves_the_previous_output_untouched() {
    let first = Test::fixture("minimal").arg("build").success();
    let before = first.snapshot("out");
    // A province's edited template library with a Typst error in the sheet.
    let templates = first.path().join("my-templates");
    copy_dir(&root().join("report-templates"), &templates);
    let sheet = templates.join("phieu-danh-gia.typ.j2");
    let text = std::fs::read_to_string(&sheet).unwrap();
    std::fs::write(&sheet, format!("{text}\n#this-function-does-not-exist()\n")).unwrap();
    let failed = first
        .then()
        // Change the data too, so a partial write would show.
        .edit("evaluations.yaml", "k1: 95", "k1: 55")
        .args(["build", "--templates", "my-templates"])
        // Names the failed document and says why.
        .stderr_has("phieu-danh-gia/CB01.pdf")
        .stderr_has("this-function-does-not-exist")
        .failure();
    assert_eq!(
        failed.snapshot("out"),
        before,
        "output folder changed by a failed run"
    );
}

#[test]
fn only_and_commune_restrict_the_build() {
    let built = Test::fixture("sample")
        .args(["build", "--only", "danh-sach-xep-loai"])
        .args(["--commune", "hoa-an,tra-linh"])
        .success();
    assert_eq!(
        built.pdfs(),
        vec![
            "2026-H1/xa/hoa-an/danh-sach-xep-loai.pdf",
            "2026-H1/xa/tra-linh/danh-sach-xep-loai.pdf"
        ]
    );
}

#[test]
fn the_sample_province_builds_every_sheet_and_list() {
    let built = Test::fixture("sample")
        .args(["build", "--only", "phieu-danh-gia,danh-sach-xep-loai"])
        .stdout_has("Đã tạo 157 văn bản")
        .success();
    let sheets = built
        .pdfs()
        .iter()
        .filter(|p| p.contains("phieu-danh-gia/"))
        .count();
    assert_eq!(sheets, 150);
}

#[test]
fn check_summarises_without_writing() {
    let checked = Test::fixture("sample")
        .arg("check")
        .stdout_has("150 cán bộ")
        .stdout_has("2026-H1: 150")
        .success();
    assert!(!checked.out().exists());
}

#[test]
fn pdf_metadata_has_the_title_and_the_issue_date() {
    let doc = lopdf::Document::load_mem(&minimal_built().read(SHEET_2)).unwrap();
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(|o| doc.dereference(o))
        .unwrap()
        .1
        .as_dict()
        .unwrap()
        .clone();
    let title = lopdf::decode_text_string(info.get(b"Title").unwrap()).unwrap();
    assert_eq!(
        title,
        "Phiếu đánh giá, xếp loại chất lượng cán bộ - Bế Thị Ân"
    );
    let date =
        String::from_utf8_lossy(info.get(b"CreationDate").unwrap().as_str().unwrap()).into_owned();
    assert!(date.starts_with("D:20260705"), "{date}");
}

#[test]
fn layout_overrides_from_config_move_the_margins() {
    let built = Test::fixture("minimal")
        .edit(
            "config.yaml",
            "  bodies:",
            "  layout:\n    margin: {top: 25, bottom: 25, left: 35, right: 15}\n  bodies:",
        )
        .args(["build", "--only", "danh-sach-xep-loai"])
        .success();
    let pages = built.pages(LIST);
    let runs = pages.iter().flat_map(|p| p.runs());
    let runs = runs.filter(|r| !r.text.trim().is_empty());
    let min_x = runs.map(|r| r.x).fold(f64::INFINITY, f64::min);
    let mm = min_x / pdf::MM;
    // Text starts at the 35 mm margin (the default is 30 mm).
    assert!(
        (34.9..36.5).contains(&mm),
        "left edge of the text at {mm:.1} mm, expected 35"
    );
}
