//! Layout read back from the written PDFs, checked against the document
//! conventions (shared/spec/document-conventions.md: HD 36-HD/VPTW): A4
//! sheets, margins 20/20/30/15 mm, the two-column Party header with its rule
//! and star, the centred title, the page number from page 2 in the top
//! margin, body and table font sizes, table rules inside the text area.
//!
//! The PDFs are built once (the sample province, commune Hoà An: an
//! evaluation sheet and the classification list) and read with
//! `support::pdf` (hayro-interpret): every glyph with its face, size,
//! position and outline, and every stroke.

use std::ops::Range;
use std::sync::OnceLock;

use crate::support::Test;
use crate::support::pdf::{MM, Page, Run};
use crate::test::util::assert_holds;

// ---------------------------------------------------------------------------
// Conventions (HD 36, default ruleset HD36-2018)

const A4_SHORT: f64 = 210.0 * MM; // 595.28 pt
const A4_LONG: f64 = 297.0 * MM; // 841.89 pt
const MARGIN_TOP: f64 = 20.0 * MM;
const MARGIN_BOTTOM: f64 = 20.0 * MM;
const MARGIN_LEFT: f64 = 30.0 * MM;
const MARGIN_RIGHT: f64 = 15.0 * MM;
/// Left column of the header: ≈ 70 mm of the text width.
const HEADER_LEFT_COL: f64 = 70.0 * MM;
/// Right column of the header: ≈ 95 mm.
const HEADER_RIGHT_COL: f64 = 95.0 * MM;

/// Position tolerance (pt).
const TOL: f64 = 1.0;
/// How far the glyphs of the first line may reach into the top margin.
///
/// The ink top of a run is the top of its highest glyph outline. Liberation
/// Serif's capitals are 0.655 em high, a capital with an accent 0.85–0.91 em
/// (Ả 0.853, Ộ 0.868 bold, Ằ 0.887, Ẫ 0.906 bold). Typst's default
/// `top-edge: "cap-height"` puts the cap height of the first line on the
/// margin, so its accents rise into the margin (typst-engine-notes.md §9
/// estimates ≈ 2 pt). 2 pt is allowed for that, no more: a line really
/// pushed into the margin moves by far more. The line box itself (the cap
/// height) is checked strictly, in its own test.
const TOP_TOL: f64 = 2.0;

const NATIONAL: &str = "ĐẢNG CỘNG SẢN VIỆT NAM";
const SUPERIOR: &str = "ĐẢNG BỘ TỈNH CAO BẰNG";
const ISSUER: &str = "ĐẢNG UỶ XÃ HOÀ AN";
const PLACE_DATE: &str = "Hoà An, ngày 05 tháng 7 năm 2026";

// ---------------------------------------------------------------------------
// Built once

struct Built {
    /// One evaluation sheet (phieu-danh-gia/CB00xx.pdf), portrait.
    sheet: Vec<Page>,
    sheet_name: String,
    /// The classification list (danh-sach-xep-loai.pdf), landscape.
    list: Vec<Page>,
}

fn built() -> &'static Built {
    static B: OnceLock<Built> = OnceLock::new();
    B.get_or_init(|| {
        let built = Test::fixture("sample")
            .args(["build", "--only", "phieu-danh-gia,danh-sach-xep-loai"])
            .args(["--commune", "hoa-an"])
            .success();
        let sheet = built
            .pdfs()
            .into_iter()
            .find(|p| p.starts_with("2026-H1/xa/hoa-an/phieu-danh-gia/"))
            .expect("at least one evaluation sheet");
        // The temporary folder is dropped here; the pages are in memory.
        Built {
            sheet: built.pages(&sheet),
            sheet_name: sheet.rsplit('/').next().unwrap().to_string(),
            list: built.pages("2026-H1/xa/hoa-an/danh-sach-xep-loai.pdf"),
        }
    })
}

fn sheet() -> &'static [Page] {
    &built().sheet
}

fn list() -> &'static [Page] {
    &built().list
}

/// Every document under test, with a label for messages.
fn documents() -> Vec<(String, &'static [Page])> {
    vec![
        (format!("phieu-danh-gia/{}", built().sheet_name), sheet()),
        ("danh-sach-xep-loai.pdf".to_string(), list()),
    ]
}

/// The first page of every document under test, with its label.
fn first_pages() -> impl Iterator<Item = (String, &'static Page)> {
    documents()
        .into_iter()
        .map(|(name, pages)| (name, &pages[0]))
}

/// A line's runs, one space between two.
fn line_text(line: &[Run]) -> String {
    let texts: Vec<&str> = line.iter().map(|r| r.text.trim_end()).collect();
    texts.join(" ")
}

fn page_text(p: &Page) -> String {
    let lines: Vec<String> = p.lines.iter().map(|l| line_text(l)).collect();
    lines.join("\n")
}

fn find<'p>(page: &'p Page, needle: &str, what: &str) -> &'p Run {
    page.find(needle).unwrap_or_else(|| {
        panic!(
            "{what}: {needle:?} not found on the page; its text:\n{}",
            page_text(page)
        )
    })
}

fn dump<'a>(runs: impl IntoIterator<Item = &'a Run>) -> String {
    let lines: Vec<String> = runs.into_iter().map(|r| format!("  {r}")).collect();
    lines.join("\n")
}

/// How a run is set: bold, italic (not bold) or regular.
#[derive(Debug, Clone, Copy)]
enum Face {
    Bold,
    Italic,
    Regular,
}

/// Whether `r` is set in `face` at `size` pt (±0.2).
fn set_in(r: &Run, size: f64, face: Face) -> bool {
    let face_ok = match face {
        Face::Bold => r.face.bold,
        Face::Italic => r.face.italic && !r.face.bold,
        Face::Regular => r.regular(),
    };
    face_ok && (r.size - size).abs() <= 0.2
}

fn mm(pt: f64) -> String {
    format!("{pt:.2}pt = {:.1}mm", pt / MM)
}

fn visible(r: &&Run) -> bool {
    !r.text.trim().is_empty()
}

/// Page-number candidates: runs of digits only with the baseline in the top
/// margin.
fn page_number_runs(page: &Page) -> Vec<&Run> {
    page.runs()
        .filter(|r| {
            r.baseline < MARGIN_TOP
                && visible(r)
                && r.text.trim().chars().all(|c| c.is_ascii_digit())
        })
        .collect()
}

/// The centre of the text area.
fn text_centre(p: &Page) -> f64 {
    MARGIN_LEFT + (p.width - MARGIN_LEFT - MARGIN_RIGHT) / 2.0
}

// ---------------------------------------------------------------------------
// Reading

#[test]
fn sheet_header_reads_back_with_its_glyph_heights() {
    // The first line typst writes on the sheet: both header blocks of line 1.
    let p = &sheet()[0];
    let text = page_text(p);
    for needle in [SUPERIOR, NATIONAL, ISSUER] {
        assert!(
            text.contains(needle),
            "{needle:?} not decoded; page text:\n{text}"
        );
    }
    assert!(!text.contains('\u{FFFD}'), "undecoded glyphs:\n{text}");
    // Glyph tops from the embedded font: Ằ is 0.887 em high in Liberation
    // Serif, the cap height 0.655 em.
    let sup = find(p, SUPERIOR, "sheet");
    assert!(
        (sup.ascent_em() - 0.887).abs() < 0.005,
        "ascent of the tallest glyph (Ằ): {sup}, {:.3} em",
        sup.ascent_em()
    );
    assert!(
        (sup.face.cap_height - 0.655).abs() < 0.005,
        "cap height: {sup}, {:.3} em",
        sup.face.cap_height
    );
    let digits = p
        .runs()
        .find(|r| r.text.trim() == "97")
        .expect("a score 97 in the KPI table");
    assert!(
        (digits.ascent_em() - 0.676).abs() < 0.03,
        "digits are ≈ 0.68 em high: {digits}, {:.3} em",
        digits.ascent_em()
    );
    let faces: std::collections::BTreeSet<&str> = p.runs().map(|r| r.face.name.as_str()).collect();
    assert!(
        faces.iter().all(|f| f.starts_with("LiberationSerif")),
        "fonts: {faces:?}"
    );
}

// ---------------------------------------------------------------------------
// Paper

/// Asserts that every page of `pages` is A4, `width` × `height` pt.
#[track_caller]
fn assert_a4(what: &str, pages: &[Page], (width, height): (f64, f64)) {
    for (i, p) in pages.iter().enumerate() {
        assert!(
            (p.width - width).abs() <= TOL && (p.height - height).abs() <= TOL,
            "{what} page {}: {:.2} × {:.2} pt, expected A4 {width:.1} × {height:.1}",
            i + 1,
            p.width,
            p.height
        );
    }
}

#[test]
fn sheet_is_a4_portrait() {
    assert_a4("sheet", sheet(), (A4_SHORT, A4_LONG));
}

#[test]
fn list_is_a4_landscape_and_has_several_pages() {
    // Several: the page-number tests need a multi-page document.
    assert!(
        list().len() >= 2,
        "the list of Hoà An's officials should run over 2+ pages, got {}",
        list().len()
    );
    assert_a4("list", list(), (A4_LONG, A4_SHORT));
}

// ---------------------------------------------------------------------------
// Margins

/// Whether `r` is the page number of page `page_no` (allowed in the top
/// margin from page 2 on).
fn is_page_number(page: &Page, page_no: usize, r: &Run) -> bool {
    page_no >= 2
        && page_number_runs(page).iter().any(|n| {
            (n.baseline - r.baseline).abs() < 1.0 && n.x <= r.x + 0.01 && r.x_end <= n.x_end + 0.01
        })
}

/// The visible runs of a page but its page number.
fn body_runs(page: &Page, page_no: usize) -> impl Iterator<Item = &Run> {
    page.runs()
        .filter(visible)
        .filter(move |r| !is_page_number(page, page_no, r))
}

/// Runs outside the text area, except at the top (see the two top tests).
fn margin_offenders(page: &Page, page_no: usize) -> Vec<String> {
    let (bottom, right) = (page.height - MARGIN_BOTTOM, page.width - MARGIN_RIGHT);
    let mut bad = Vec::new();
    for r in body_runs(page, page_no) {
        let checks = [
            (
                r.baseline > bottom + TOL,
                "baseline",
                r.baseline,
                '>',
                bottom,
                "bottom",
            ),
            (
                r.x < MARGIN_LEFT - TOL,
                "left edge",
                r.x,
                '<',
                MARGIN_LEFT,
                "left",
            ),
            (
                r.x_end > right + TOL,
                "right edge",
                r.x_end,
                '>',
                right,
                "right",
            ),
        ];
        for (out, edge, at, cmp, margin, side) in checks {
            if out {
                bad.push(format!(
                    "{edge} at {} {cmp} {} ({side} margin)\n    {r}",
                    mm(at),
                    mm(margin)
                ));
            }
        }
    }
    bad
}

fn report_offenders(what: &str, check: impl Fn(&Page, usize) -> Vec<String>) {
    let mut report = Vec::new();
    for (name, pages) in documents() {
        for (i, p) in pages.iter().enumerate() {
            for why in check(p, i + 1) {
                report.push(format!("{name} p.{}: {why}", i + 1));
            }
        }
    }
    assert!(report.is_empty(), "{what}:\n{}", report.join("\n"));
}

#[test]
fn text_stays_inside_the_bottom_left_and_right_margins() {
    report_offenders(
        "text outside the 20 mm bottom, 30 mm left or 15 mm right margin",
        margin_offenders,
    );
}

#[test]
fn line_boxes_start_below_the_top_margin() {
    // The top of each line box (baseline − cap height) is in the text area,
    // within 1 pt: nothing but the page number is set in the top margin.
    report_offenders("line boxes above the 20 mm top margin", |page, no| {
        body_runs(page, no)
            .filter(|r| r.cap_top() < MARGIN_TOP - TOL)
            .map(|r| {
                let why = format!(
                    "cap height at {} < top margin {} − {TOL}pt",
                    mm(r.cap_top()),
                    mm(MARGIN_TOP)
                );
                format!("{why}\n    {r}")
            })
            .collect()
    });
}

#[test]
fn accents_reach_at_most_2pt_into_the_top_margin() {
    report_offenders(
        "glyphs reaching more than 2 pt into the 20 mm top margin",
        |page, no| {
            body_runs(page, no)
                .filter(|r| r.ink_top < MARGIN_TOP - TOP_TOL)
                .map(|r| {
                    let why = format!(
                        "glyph tops at {}, {:.2}pt into the top margin {} (allowed {TOP_TOL}pt)",
                        mm(r.ink_top),
                        MARGIN_TOP - r.ink_top,
                        mm(MARGIN_TOP)
                    );
                    format!("{why}\n    {r}")
                })
                .collect()
        },
    );
}

#[test]
fn table_rules_stay_inside_the_text_area() {
    report_offenders("strokes outside the text area", |page, _| {
        let area = (
            MARGIN_LEFT,
            page.width - MARGIN_RIGHT,
            page.height - MARGIN_BOTTOM,
        );
        let mut bad = Vec::new();
        for s in &page.strokes {
            let b = s.bbox;
            if b.x0 < area.0 - TOL
                || b.x1 > area.1 + TOL
                || b.y1 > area.2 + TOL
                || b.y0 < MARGIN_TOP - TOL
            {
                let why = format!(
                    "stroke {:.1}..{:.1} × {:.1}..{:.1} mm",
                    b.x0 / MM,
                    b.x1 / MM,
                    b.y0 / MM,
                    b.y1 / MM
                );
                bad.push(why);
            }
        }
        bad
    });
}

// ---------------------------------------------------------------------------
// Header

#[test]
fn header_blocks_have_their_size_face_and_column_and_open_the_page() {
    // Left column: the superior and the issuing body; right column: the
    // national name. The first line of each column is near the top.
    let right_col_start = MARGIN_LEFT + HEADER_LEFT_COL;
    for (what, needle, size, face, right, first_line) in [
        ("the national name", NATIONAL, 15.0, Face::Bold, true, true),
        (
            "the superior body",
            SUPERIOR,
            14.0,
            Face::Regular,
            false,
            true,
        ),
        ("the issuing body", ISSUER, 14.0, Face::Bold, false, false),
        (
            "place and date",
            PLACE_DATE,
            14.0,
            Face::Italic,
            true,
            false,
        ),
    ] {
        for (name, p) in first_pages() {
            let r = find(p, needle, &name);
            assert!(
                set_in(r, size, face),
                "{name}: {what} must be {size} pt {face:?}: {r}"
            );
            assert!(
                (r.centre_x() > right_col_start) == right,
                "{name}: {what} must sit in the {} column (centre {}, right column from {}): {r}",
                if right { "right" } else { "left" },
                mm(r.centre_x()),
                mm(right_col_start)
            );
            assert!(
                !first_line || r.baseline <= 45.0 * MM,
                "{name}: {what} must be near the top (baseline within 45 mm): {r}"
            );
        }
    }
}

#[test]
fn header_national_name_is_centred_in_the_right_column() {
    // Right column: ≈ 95 mm, flush with the right margin (on a portrait
    // sheet exactly the 165 − 70 mm after the left column; a landscape page
    // keeps the two columns at the sides and the space between them).
    for (name, p) in first_pages() {
        let r = find(p, NATIONAL, &name);
        let centre = p.width - MARGIN_RIGHT - HEADER_RIGHT_COL / 2.0;
        assert!(
            (r.centre_x() - centre).abs() <= 3.0 * MM,
            "{name}: national name centre {} should be the right column's centre {} (±3 mm): {r}",
            mm(r.centre_x()),
            mm(centre)
        );
    }
}

#[test]
fn header_national_name_has_a_solid_rule_as_long_as_itself() {
    for (name, p) in first_pages() {
        let r = find(p, NATIONAL, &name);
        // The first stroke below the baseline, within half an em.
        let rule = p
            .strokes
            .iter()
            .filter(|s| s.bbox.y0 > r.baseline && s.bbox.y0 < r.baseline + r.size / 2.0)
            .find(|s| s.bbox.x0 < r.x_end && s.bbox.x1 > r.x)
            .unwrap_or_else(|| panic!("{name}: no rule under the national name {r}"));
        let b = rule.bbox;
        assert!(b.height() < 0.01, "{name}: the rule is horizontal: {b:?}");
        assert!(
            (b.x0 - r.x).abs() <= TOL && (b.x1 - r.x_end).abs() <= TOL,
            "{name}: the rule {:.1}..{:.1} mm spans the name: {r}",
            b.x0 / MM,
            b.x1 / MM
        );
        assert!(
            (0.4..=1.0).contains(&rule.width),
            "{name}: a thin solid rule: {:.2} pt",
            rule.width
        );
    }
}

/// Asserts that `lower` is `below` points under `upper` and centred with
/// it (± `tol`): `what` says where it should be.
#[track_caller]
fn assert_under(name: &str, what: &str, upper: &Run, lower: &Run, below: Range<f64>, tol: f64) {
    assert!(
        below.contains(&(lower.baseline - upper.baseline)),
        "{name}: {what}, {below:?} pt lower:\n  {upper}\n  {lower}"
    );
    assert!(
        (lower.centre_x() - upper.centre_x()).abs() <= tol,
        "{name}: {what}, centred (±{} mm):\n  {upper}\n  {lower}",
        tol / MM
    );
}

#[test]
fn header_place_and_date_and_issuing_body_are_under_their_column_head() {
    for (what, upper, lower, below) in [
        (
            "place and date on the third line of the national name's block, under the rule",
            NATIONAL,
            PLACE_DATE,
            2.0 * 14.0,
        ),
        (
            "the issuing body on the line under the superior body",
            SUPERIOR,
            ISSUER,
            5.0,
        ),
    ] {
        for (name, p) in first_pages() {
            let (upper, lower) = (find(p, upper, &name), find(p, lower, &name));
            assert_under(&name, what, upper, lower, below..f64::INFINITY, 3.0 * MM);
        }
    }
}

#[test]
fn header_star_is_centred_under_the_issuing_body() {
    for (name, p) in first_pages() {
        let issuer = find(p, ISSUER, &name);
        let star = p
            .runs()
            .find(|r| r.text.trim() == "*" && r.baseline > issuer.baseline)
            .unwrap_or_else(|| panic!("{name}: no \"*\" under {issuer}"));
        assert_under(
            &name,
            "the star on the line under the issuing body",
            issuer,
            star,
            0.0..2.0 * issuer.size,
            1.0 * MM,
        );
    }
}

#[test]
fn title_is_bold_capitals_centred_in_the_text_area() {
    for (name, title) in [
        ("sheet", "PHIẾU ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG CÁN BỘ"),
        (
            "list",
            "DANH SÁCH TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CÁN BỘ",
        ),
    ] {
        let p = if name == "sheet" {
            &sheet()[0]
        } else {
            &list()[0]
        };
        let r = find(p, title, name);
        assert!(
            r.face.bold && r.size >= 14.0 - 0.1,
            "{name}: bold, 14 pt or more: {r}"
        );
        assert!(
            (r.centre_x() - text_centre(p)).abs() <= 1.0 * MM,
            "{name}: the title's centre {} should be the text area's {}: {r}",
            mm(r.centre_x()),
            mm(text_centre(p))
        );
    }
}

// ---------------------------------------------------------------------------
// Page numbers

#[test]
fn no_page_number_on_page_one() {
    for (name, pages) in documents() {
        let nums = page_number_runs(&pages[0]);
        assert!(
            nums.is_empty(),
            "{name}: page 1 carries no page number, found in the top margin:\n{}",
            dump(nums)
        );
    }
}

#[test]
fn page_number_from_page_two_centred_in_the_top_margin() {
    for (name, pages) in documents() {
        for (i, p) in pages.iter().enumerate().skip(1) {
            let no = (i + 1).to_string();
            let line = p
                .lines
                .iter()
                .find(|l| line_text(l).trim() == no && l[0].baseline < MARGIN_TOP)
                .unwrap_or_else(|| {
                    let top: Vec<String> = p.lines.iter().take(3).map(|l| line_text(l)).collect();
                    panic!("{name} p.{}: no page number {no:?} alone on a line in the top margin; first lines:\n{top:#?}", i + 1)
                });
            let r = line.iter().find(visible).unwrap();
            assert!(
                r.baseline >= 5.0 * MM && r.baseline <= MARGIN_TOP,
                "{name} p.{}: the page number's baseline should be 5–20 mm from the top (about 10 mm): {r}",
                i + 1
            );
            assert!(
                (r.centre_x() - text_centre(p)).abs() <= 3.0 * MM,
                "{name} p.{}: the page number's centre {} should be the text area's centre {} (±3 mm): {r}",
                i + 1,
                mm(r.centre_x()),
                mm(text_centre(p))
            );
            assert!(
                set_in(r, 14.0, Face::Regular),
                "{name} p.{}: the page number is 14 pt regular: {r}",
                i + 1
            );
        }
    }
}

// ---------------------------------------------------------------------------
// Sizes

#[test]
fn sheet_body_text_is_13_to_14pt() {
    // Everything on the sheet that is neither the 15–16 pt title/national
    // name nor inside a table (12–13 pt) must be body size, 13–14 pt. Tables
    // are excluded by their own size band below; here: no run below 12 pt,
    // and the body lines (the evaluation prose under "III-") are 13–14 pt.
    let p = &sheet()[0];
    let small: Vec<&Run> = p
        .runs()
        .filter(visible)
        .filter(|r| r.size < 12.0 - 0.1)
        .collect();
    assert!(
        small.is_empty(),
        "text smaller than 12 pt on the sheet:\n{}",
        dump(small)
    );

    let start = p
        .lines
        .iter()
        .position(|l| line_text(l).starts_with("III"))
        .unwrap_or_else(|| panic!("no section III on the sheet:\n{}", page_text(p)));
    let body: Vec<&Run> = p.lines[start..].iter().flatten().filter(visible).collect();
    let bad: Vec<&Run> = body
        .iter()
        .copied()
        .filter(|r| r.size < 13.0 - 0.1 || r.size > 14.0 + 0.1)
        .collect();
    assert!(!body.is_empty());
    assert!(
        bad.is_empty(),
        "body text of the sheet must be 13–14 pt:\n{}",
        dump(bad)
    );
}

#[test]
fn sheet_personal_details_are_13_to_14pt() {
    let p = &sheet()[0];
    for needle in ["Họ và tên", "Ngày sinh"] {
        let r = find(p, needle, "sheet");
        assert!(
            (13.0 - 0.1..=14.0 + 0.1).contains(&r.size),
            "sheet: {needle:?} is body text, 13–14 pt: {r}"
        );
    }
}

fn cell_size(r: &&Run) -> bool {
    (12.0 - 0.1..=13.0 + 0.1).contains(&r.size)
}

#[test]
fn sheet_table_cells_are_12_to_13pt() {
    let p = &sheet()[0];
    let total = find(p, "Tổng điểm", "sheet");
    assert!(
        cell_size(&total),
        "sheet: the \"Tổng điểm\" row is a table cell, 12–13 pt: {total}"
    );
    // Every run on the total row's baseline (label and score) is cell text.
    let row = p
        .runs()
        .filter(|r| (r.baseline - total.baseline).abs() < 1.0);
    let bad: Vec<&Run> = row.filter(|r| !cell_size(r)).collect();
    assert!(
        bad.is_empty(),
        "sheet: cells of the total row must be 12–13 pt:\n{}",
        dump(bad)
    );
}

/// The list's data rows: the lines that start with an STT number in the
/// first column.
fn data_rows(p: &Page) -> impl Iterator<Item = &Vec<Run>> {
    p.lines.iter().filter(|l| {
        l.iter().find(visible).is_some_and(|first| {
            first.x < MARGIN_LEFT + 15.0 * MM
                && first.text.trim().chars().all(|c| c.is_ascii_digit())
                && l[0].baseline > MARGIN_TOP
        })
    })
}

#[test]
fn list_table_cells_are_12_to_13pt() {
    // Every run of a data row.
    for (i, p) in list().iter().enumerate() {
        let bad: Vec<&Run> = data_rows(p)
            .flatten()
            .filter(visible)
            .filter(|r| !cell_size(r))
            .collect();
        assert!(
            bad.is_empty(),
            "list p.{}: table cells must be 12–13 pt:\n{}",
            i + 1,
            dump(bad)
        );
    }
}

#[test]
fn list_header_row_is_bold_and_repeated_on_every_page_of_the_table() {
    let pages: Vec<(usize, &Page)> = list()
        .iter()
        .enumerate()
        .filter(|(_, p)| data_rows(p).next().is_some())
        .collect();
    assert!(pages.len() >= 2, "the table runs over 2+ pages");
    for (i, p) in pages {
        for label in ["STT", "Họ và tên", "Xếp loại"] {
            let r = find(p, label, &format!("list p.{}", i + 1));
            assert!(
                r.face.bold && cell_size(&r),
                "list p.{}: the header cell {label:?} is bold, 12–13 pt: {r}",
                i + 1
            );
        }
    }
}

// ---------------------------------------------------------------------------
// The state layout (NĐ 30) of government-bloc sheets, beside the Party one

const STATE_NATIONAL: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
const STATE_MOTTO: &str = "Độc lập - Tự do - Hạnh phúc";

/// The minimal fixture with `config.government_layout: state`: CB01 is of
/// the Party bloc, CB02 of the government bloc. With `chairman`, the
/// commune's Chủ tịch UBND.
fn state_build(chairman: Option<&str>) -> (Vec<Page>, Vec<Page>, String, String) {
    // Without CB02's discipline: its cap reason and the four blank
    // free-text lines would not leave room for the state header's extra
    // line (such a sheet goes on to a numbered second page, as any sheet
    // that does not fit the tightest layout).
    let mut t = Test::fixture("minimal")
        .edit(
            "config.yaml",
            "  bodies:",
            "  government_layout: state\n  bodies:",
        )
        .cut(
            "officials.yaml",
            "    disciplines: [{on: 2026-03-02, decision: 45-QĐ/ĐU, form: Khiển trách, content: Chậm trễ}]\n",
        );
    if let Some(name) = chairman {
        t = t.edit(
            "communes.yaml",
            "    secretary: Nông Văn Cường",
            &format!("    secretary: Nông Văn Cường\n    chairman: {name}"),
        );
    }
    let b = t.args(["build", "--only", "phieu-danh-gia"]).success();
    let (party, state) = (
        "2026-H1/xa/hoa-an/phieu-danh-gia/CB01.pdf",
        "2026-H1/xa/hoa-an/phieu-danh-gia/CB02.pdf",
    );
    (b.pages(party), b.pages(state), b.text(party), b.text(state))
}

fn state_sheets() -> &'static (Vec<Page>, Vec<Page>, String, String) {
    static B: OnceLock<(Vec<Page>, Vec<Page>, String, String)> = OnceLock::new();
    B.get_or_init(|| state_build(Some("Hoàng Văn Dũng")))
}

/// The first stroke under run `r`, within half an em of its baseline.
fn rule_under<'p>(p: &'p Page, r: &Run) -> Option<&'p crate::support::pdf::Stroke> {
    p.strokes
        .iter()
        .filter(|s| s.bbox.y0 > r.baseline && s.bbox.y0 < r.baseline + r.size / 2.0)
        .find(|s| s.bbox.x0 < r.x_end && s.bbox.x1 > r.x)
}

#[test]
fn a_government_sheet_has_the_state_header_and_a_party_sheet_keeps_the_party_one() {
    let (party, state, party_text, state_text) = state_sheets();
    assert_eq!(party.len(), 1, "the Party sheet fits one page");
    assert_eq!(state.len(), 1, "the state sheet fits one page");

    // Party sheet: unchanged conventions.
    let p = &party[0];
    let nat = find(p, NATIONAL, "party sheet");
    assert!(set_in(nat, 15.0, Face::Bold), "{nat}");
    assert!(find(p, "ĐẢNG UỶ XÃ HÒA AN", "party sheet").face.bold);
    assert!(!party_text.contains("CỘNG HÒA"), "{party_text}");
    assert!(party_text.contains("T/M ĐẢNG UỶ"), "{party_text}");

    // State sheet: left "UBND TỈNH …" 13 pt regular, "UBND XÃ HÒA AN" 13 pt
    // bold (state spelling) over a short rule; right the national name 13 pt
    // bold, the motto 14 pt bold with a rule as long as it.
    let s = &state[0];
    assert!(!state_text.contains(NATIONAL), "{state_text}");
    let sup = find(s, "UBND TỈNH CAO BẰNG", "state sheet");
    assert!(set_in(sup, 13.0, Face::Regular), "{sup}");
    let iss = find(s, "UBND XÃ HÒA AN", "state sheet");
    assert!(set_in(iss, 13.0, Face::Bold), "{iss}");
    assert!(
        iss.baseline > sup.baseline,
        "issuer under the superior body"
    );
    let short = rule_under(s, iss).unwrap_or_else(|| panic!("no rule under {iss}"));
    let w = short.bbox.x1 - short.bbox.x0;
    assert!(
        w < iss.x_end - iss.x && w > 10.0 * MM,
        "a short rule under the issuer: {:.1} mm, issuer {:.1} mm",
        w / MM,
        (iss.x_end - iss.x) / MM
    );
    assert!(
        (short.bbox.x0 + short.bbox.x1) / 2.0 - iss.centre_x() < TOL,
        "the short rule is centred under the issuer"
    );

    let nat = find(s, STATE_NATIONAL, "state sheet");
    assert!(set_in(nat, 13.0, Face::Bold), "{nat}");
    assert!(
        nat.centre_x() > MARGIN_LEFT + 60.0 * MM,
        "right column: {nat}"
    );
    assert!(
        (nat.baseline - sup.baseline).abs() < TOL,
        "first header line"
    );
    let motto = find(s, STATE_MOTTO, "state sheet");
    assert!(set_in(motto, 14.0, Face::Bold), "{motto}");
    assert!(motto.baseline > nat.baseline);
    let rule = rule_under(s, motto).unwrap_or_else(|| panic!("no rule under {motto}"));
    assert!(rule.bbox.height() < 0.01, "horizontal: {:?}", rule.bbox);
    assert!(
        (rule.bbox.x0 - motto.x).abs() <= TOL && (rule.bbox.x1 - motto.x_end).abs() <= TOL,
        "the rule {:.1}..{:.1} mm is as long as the motto {motto}",
        rule.bbox.x0 / MM,
        rule.bbox.x1 / MM
    );
    assert!((0.4..=1.0).contains(&rule.width), "solid thin rule");

    // "Số:" with the colon and the -UBND code; place and date.
    assert_holds(
        state_text,
        &["Số:", "-UBND", "Hòa An, ngày 05 tháng 7 năm 2026"],
    );
    // Signature of the Committee, state spelling, its chairman's name.
    assert_holds(
        state_text,
        &["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Hoàng Văn Dũng"],
    );
    let tm = find(s, "TM. ỦY BAN NHÂN DÂN", "state sheet");
    let ct = s
        .runs()
        .find(|r| r.text.trim() == "CHỦ TỊCH")
        .expect("CHỦ TỊCH alone on its line");
    assert!(
        tm.face.bold && ct.face.bold,
        "state signature lines are bold"
    );
    assert!(ct.baseline > tm.baseline);
    let name = find(s, "Hoàng Văn Dũng", "state sheet");
    assert!(name.face.bold && name.baseline > ct.baseline + 10.0 * MM);
    assert!(!state_text.contains("T/M ĐẢNG"), "{state_text}");
    assert!(
        !state_text.contains("UỶ BAN"),
        "state spelling ỦY: {state_text}"
    );
}

#[test]
fn a_state_sheet_without_a_chairman_has_a_dotted_line_to_sign() {
    let (_, state, _, text) = state_build(None);
    assert!(text.contains("CHỦ TỊCH"), "{text}");
    let s = &state[0];
    let ct = s
        .runs()
        .find(|r| r.text.trim() == "CHỦ TỊCH")
        .expect("CHỦ TỊCH");
    let dots = s
        .runs()
        .filter(|r| r.baseline > ct.baseline + 10.0 * MM)
        .find(|r| r.text.trim().len() > 20 && r.text.trim().chars().all(|c| c == '.'))
        .unwrap_or_else(|| panic!("no dotted line under CHỦ TỊCH:\n{}", page_text(s)));
    assert!(dots.x_end - dots.x > 30.0 * MM, "a dotted line: {dots}");
}
