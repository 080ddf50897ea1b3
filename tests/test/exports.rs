//! The workbooks baocao writes: the statistics (`thong-ke.xlsx`, Biểu số
//! 01–04) and the ratings (`ket-qua-xep-loai.xlsx`) read back with
//! calamine carry the report's figures, as numbers, with the PDF's header;
//! their bytes do not change between runs; `baocao mau`'s template filled
//! in builds; `baocao sample --xlsx` builds to the same documents as YAML.

use crate::support::*;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use baocao::input::{self, Dataset};
use baocao::model::Model;
use baocao::model::stats::{Facts, Scope};
use calamine::{Data, Reader, open_workbook_auto};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

const THONG_KE: &str = "2026-H1/thong-ke.xlsx";
const RATINGS: &str = "2026-H1/ket-qua-xep-loai.xlsx";

/// The sample's report and lists, built once.
fn built() -> &'static Outcome {
    static B: OnceLock<Outcome> = OnceLock::new();
    B.get_or_init(|| {
        Test::fixture("sample")
            .args(["build", "--only", "bao-cao-dinh-ky,danh-sach-xep-loai"])
            .success()
    })
}

fn sample() -> Dataset {
    input::load(&root().join("inputs")).unwrap_or_else(|d| panic!("{}", d.render()))
}

/// The path of the built workbook `rel` and its sheets.
fn built_sheets(rel: &str) -> (PathBuf, Vec<(String, calamine::Range<Data>)>) {
    let path = built().out().join(rel);
    let s = sheets(&path);
    (path, s)
}

/// Every sheet of a workbook: name and cells.
fn sheets(path: &Path) -> Vec<(String, calamine::Range<Data>)> {
    let mut wb = open_workbook_auto(path).unwrap();
    wb.sheet_names()
        .into_iter()
        .map(|n| {
            let r = wb.worksheet_range(&n).unwrap();
            (n, r)
        })
        .collect()
}

/// An entry of the xlsx zip as text (`xl/worksheets/sheet2.xml`).
fn part(path: &Path, name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// The number format of every style index (`s` of a cell), from styles.xml.
fn formats(path: &Path) -> Vec<String> {
    let styles = part(path, "xl/styles.xml");
    let custom: Vec<(String, String)> = styles
        .split("<numFmt ")
        .skip(1)
        .map(|x| (attr(x, "numFmtId"), attr(x, "formatCode")))
        .collect();
    let xfs = styles.split("<cellXfs").nth(1).unwrap();
    let xfs = xfs.split("</cellXfs>").next().unwrap();
    xfs.split("<xf ")
        .skip(1)
        .map(|x| {
            let id = attr(x, "numFmtId");
            custom
                .iter()
                .find(|(i, _)| *i == id)
                .map_or(format!("builtin {id}"), |(_, f)| f.replace("&quot;", "\""))
        })
        .collect()
}

fn attr(xml: &str, name: &str) -> String {
    let at = xml.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
    xml[at..].split('"').next().unwrap().to_string()
}

/// The style index of cell `a1` in a sheet's XML.
fn style_of(sheet_xml: &str, a1: &str) -> usize {
    let at = sheet_xml
        .find(&format!("<c r=\"{a1}\""))
        .unwrap_or_else(|| panic!("{a1}"));
    attr(&sheet_xml[at..], "s").parse().unwrap()
}

fn num(r: &calamine::Range<Data>, row: usize, col: usize) -> f64 {
    match r.get((row, col)) {
        Some(Data::Float(f)) => *f,
        Some(Data::Int(i)) => *i as f64,
        other => panic!("({row}, {col}): not a number: {other:?}"),
    }
}

fn text(r: &calamine::Range<Data>, row: usize, col: usize) -> String {
    r.get((row, col)).map(|d| d.to_string()).unwrap_or_default()
}

#[test]
fn statistics_carry_the_figures_of_the_report() {
    let out = built();
    let (_, s) = built_sheets(THONG_KE);
    let ds = sample();
    let model = Model::compute(&ds);
    let facts = Facts::compute(&model);
    let names: Vec<&str> = s.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["Biểu 01", "Biểu 02", "Biểu 03", "Biểu 04"]);
    // Figures start below the title rows and the header (two rows; three
    // in Biểu 04, whose targets are count, total and share).
    let first = |i: usize| if i == 3 { 5 } else { 4 };
    // Rows are the communes in input order, then the province's total.
    let scopes: Vec<(String, Scope)> = ds
        .communes
        .iter()
        .map(|c| (c.name.clone(), Scope::Commune(&c.id)))
        .chain([("Tổng cộng".to_string(), Scope::Province)])
        .collect();
    for (i, (sheet, r)) in s.iter().enumerate() {
        assert!(
            text(r, 1, 0).starts_with(
                [
                    "Thực trạng",
                    "Kết quả đánh giá",
                    "Kết quả đào tạo",
                    "Tiến độ"
                ][i]
            ),
            "{sheet}: {}",
            text(r, 1, 0)
        );
        assert_eq!(r.height(), first(i) + scopes.len(), "{sheet}");
        for (k, (name, scope)) in scopes.iter().enumerate() {
            let row = first(i) + k;
            assert!(
                text(r, row, 1).ends_with(name.as_str()),
                "{sheet} row {row}"
            );
            let c = facts.stats(*scope).counts;
            match i {
                0 => {
                    assert_eq!(num(r, row, 2), c.officials as f64);
                    assert_eq!(num(r, row, 3), c.bloc[0] as f64);
                    assert_eq!(num(r, row, 10), c.women as f64);
                    assert_eq!(num(r, row, 15), c.shortage[2] as f64);
                }
                1 => {
                    assert_eq!(num(r, row, 3), c.rated as f64);
                    for k in 0..4 {
                        assert_eq!(num(r, row, 4 + 2 * k), c.ratings[k] as f64);
                        let share = num(r, row, 5 + 2 * k);
                        let exact = c.ratings[k] as f64 / c.rated.max(1) as f64;
                        assert!((share - exact).abs() < 1e-12, "{sheet} {row}");
                    }
                }
                2 => {
                    assert_eq!(num(r, row, 2), c.trainees as f64);
                    assert_eq!(num(r, row, 3), c.attendances.iter().sum::<u64>() as f64);
                }
                _ => {
                    assert_eq!(num(r, row, 2), c.meets_standard as f64);
                    assert_eq!(num(r, row, 3), c.officials as f64);
                    let share = num(r, row, 4);
                    assert!((share - c.meets_standard as f64 / c.officials as f64).abs() < 1e-12);
                }
            }
        }
    }
    // The PDF appendix prints the same total row (Biểu 02).
    let pdf = out.text("2026-H1/tinh/bao-cao-dinh-ky.pdf");
    let p = facts.stats(Scope::Province).counts;
    let n = baocao::vn::thousands;
    let mut total = format!("Tổng cộng {} {}", n(p.officials as i64), n(p.rated as i64));
    for k in 0..4 {
        total.push_str(&format!(
            " {} {}",
            n(p.ratings[k] as i64),
            baocao::vn::percent(p.ratings[k], p.rated)
        ));
    }
    assert!(pdf.contains(&total), "{total} not in the PDF");
}

/// The workbook's header and titles are the PDF appendices' words.
#[test]
fn the_header_is_the_pdfs() {
    let out = built();
    // Titles print in capitals.
    let pdf = out.text("2026-H1/tinh/bao-cao-dinh-ky.pdf").to_lowercase();
    for (sheet, r) in sheets(&out.out().join(THONG_KE)) {
        // Label, title and the header rows (Biểu 04's third row, count,
        // total and share, is the workbook's own).
        for row in 0..4 {
            for col in 0..r.width() {
                let h = text(&r, row, col);
                let h = h
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase();
                if !h.is_empty() {
                    assert!(pdf.contains(&h), "{sheet}: {h:?} is not in the PDF");
                }
            }
        }
    }
}

#[test]
fn shares_are_percent_numbers_and_the_header_is_merged() {
    let path = built().out().join(THONG_KE);
    let fmts = formats(&path);
    // Biểu 02 (sheet2): the first commune's "Tỷ lệ" cells F5, H5, J5, L5.
    let xml = part(&path, "xl/worksheets/sheet2.xml");
    for a1 in ["F5", "H5", "J5", "L5"] {
        assert_eq!(fmts[style_of(&xml, a1)], "0.0%", "{a1}");
    }
    assert_eq!(fmts[style_of(&xml, "E5")], "#,##0");
    // The header as in the PDF: STT and the commune over two rows, each
    // rating over its count and share; the title across the table.
    for range in [
        "A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:F3", "K3:L3", "A2:L2",
    ] {
        assert!(
            xml.contains(&format!("<mergeCell ref=\"{range}\"/>")),
            "{range}"
        );
    }
    // Frozen below the header, right of the names; A4 landscape.
    assert!(xml.contains("topLeftCell=\"C5\""), "freeze");
    assert!(xml.contains("paperSize=\"9\"") && xml.contains("orientation=\"landscape\""));
    // Biểu 04: each target over count, total and share (three header rows).
    let xml = part(&path, "xl/worksheets/sheet4.xml");
    for range in ["A3:A5", "C3:W3", "C4:E4", "X3:X5"] {
        assert!(
            xml.contains(&format!("<mergeCell ref=\"{range}\"/>")),
            "{range}"
        );
    }
    assert_eq!(fmts[style_of(&xml, "E6")], "0.0%");
    assert_eq!(fmts[style_of(&xml, "X6")], "0\"/6\"");
}

#[test]
fn ratings_workbook_has_a_row_per_evaluated_official() {
    let (path, s) = built_sheets(RATINGS);
    let ds = sample();
    let model = Model::compute(&ds);
    let (_, r) = &s[0];
    assert_eq!(r.height(), 1 + model.results.len());
    assert_eq!(text(r, 0, 8), "Tổng điểm");
    // The same rows as the CSV, the scores as numbers.
    let csv = String::from_utf8(built().read("2026-H1/ket-qua-xep-loai.csv")).unwrap();
    for (i, line) in csv.lines().skip(1).enumerate() {
        let cols: Vec<&str> = line.split(',').collect();
        let row = i + 1;
        assert_eq!(text(r, row, 0), cols[0]);
        let total = num(r, row, 8);
        let shown = format!("{:.1}", total + 1e-9).replace('.', ",");
        assert!(line.contains(&format!("\"{shown}\"")), "{line} vs {total}");
        for g in 4..8 {
            assert!((0.0..=100.0).contains(&num(r, row, g)));
        }
        let capped = text(r, row, 10);
        if !capped.is_empty() {
            assert!(capped.starts_with("Bị kỷ luật trong kỳ: "), "{capped}");
            assert_ne!(text(r, row, 9), "Hoàn thành xuất sắc nhiệm vụ");
        }
    }
    let capped = (1..r.height())
        .filter(|&i| !text(r, i, 10).is_empty())
        .count();
    let expected = model
        .results
        .iter()
        .filter(|r| r.capped_by.is_some())
        .count();
    assert_eq!(capped, expected);
    assert!(expected > 0, "the sample has a capped rating");
    let xml = part(&path, "xl/worksheets/sheet1.xml");
    assert!(xml.contains(&format!("<autoFilter ref=\"A1:K{}\"/>", r.height())));
    assert!(xml.contains("topLeftCell=\"C2\""), "freeze");
}

#[test]
fn exported_workbooks_are_byte_identical_across_runs_and_listed() {
    let again = Test::fixture("sample")
        .args(["build", "--only", "bao-cao-dinh-ky,danh-sach-xep-loai"])
        .success();
    for rel in [THONG_KE, RATINGS] {
        assert!(again.read(rel) == built().read(rel), "{rel} differs");
        // The creation date is the date of issue, not the clock.
        let core = part(&again.out().join(rel), "docProps/core.xml");
        assert!(core.contains(">2026-07-05T00:00:00Z<"), "{core}");
    }
    let m = String::from_utf8(again.read("2026-H1/manifest.json")).unwrap();
    assert!(m.contains("\"thong-ke-xlsx\"") && m.contains("\"ket-qua-xep-loai-xlsx\""));
    // A re-run with nothing changed writes neither.
    let before = std::fs::metadata(again.out().join(THONG_KE))
        .unwrap()
        .modified()
        .unwrap();
    let rerun = again
        .then()
        .args(["build", "--only", "bao-cao-dinh-ky,danh-sach-xep-loai"])
        .success();
    let after = std::fs::metadata(rerun.out().join(THONG_KE))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(before, after);
}

// ---- baocao mau ----

/// A small province as a clerk types it: values by column header.
fn clerk_rows(sheet: &str) -> Vec<Vec<(&'static str, Value)>> {
    use Value::*;
    match sheet {
        "Xã phường" => vec![vec![
            ("Mã", T("hoa-an")),
            ("Tên", T("Hòa An")),
            ("Loại", T("Xã")),
            ("Vùng", T("Miền núi - vùng đồng bào DTTS")),
            ("Bí thư", T("Nông Văn Cường")),
        ]],
        "Vị trí việc làm" => vec![
            vec![
                ("Mã", T("bi-thu")),
                ("Tên vị trí", T("Bí thư Đảng uỷ")),
                ("Khối", T("Khối Đảng")),
                ("Lãnh đạo", T("Có")),
                ("Trình độ chuyên môn tối thiểu", T("Đại học")),
            ],
            vec![
                ("Mã", T("cong-chuc")),
                ("Tên vị trí", T("Công chức Văn phòng - Thống kê")),
                ("Khối", T("Khối chính quyền")),
                ("Lãnh đạo", T("Không")),
            ],
        ],
        "Cán bộ" => vec![
            official("CB01", "Lò Văn Sáng", "Nam", "Khối Đảng", "bi-thu"),
            official("CB02", "Bế Thị Ân", "Nữ", "Khối chính quyền", "cong-chuc"),
        ],
        "Kỷ luật" => vec![vec![
            ("Mã cán bộ", T("CB02")),
            ("Ngày", D(2026, 3, 2)),
            ("Hình thức", T("Khiển trách")),
        ]],
        "Đánh giá" => ["CB01", "CB02"]
            .into_iter()
            .map(|id| {
                let mut row = vec![
                    ("Mã cán bộ", T(id)),
                    ("Kỳ đánh giá", T("6 tháng đầu năm 2026")),
                    ("Người đánh giá", T("Nông Văn Cường")),
                ];
                for (k, h) in K.iter().enumerate() {
                    row.push((h, N(80 + k as i64)));
                }
                row
            })
            .collect(),
        _ => vec![],
    }
}

const K: [&str; 11] = [
    "K1", "K2", "K3", "K4", "K5", "K6", "K7", "K8", "K9", "K10", "K11",
];

fn official(
    id: &'static str,
    name: &'static str,
    gender: &'static str,
    bloc: &'static str,
    position: &'static str,
) -> Vec<(&'static str, Value)> {
    use Value::*;
    vec![
        ("Mã", T(id)),
        ("Họ và tên", T(name)),
        ("Ngày sinh", D(1985, 3, 12)),
        ("Giới tính", T(gender)),
        ("Dân tộc", T("Tày")),
        ("Xã, phường", T("Hòa An")),
        ("Khối", T(bloc)),
        ("Vị trí việc làm", T(position)),
        ("Trình độ chuyên môn", T("Đại học")),
        ("Chuyên ngành", T("Luật")),
        ("Lý luận chính trị", T("Trung cấp")),
        ("Tin học", T("Cơ bản")),
        ("Hồ sơ điện tử đầy đủ", T("Có")),
    ]
}

enum Value {
    T(&'static str),
    N(i64),
    D(u16, u8, u8),
}

#[test]
fn the_template_filled_in_builds() {
    let t = Test::new()
        .args(["mau", "mau"])
        .stdout_has("du-lieu.xlsx")
        .success();
    let dir = t.path().join("mau");
    // Not overwritten without --ghi-de; with it, it is.
    let t = t
        .then()
        .args(["mau", "mau"])
        .stderr_has("--ghi-de")
        .status(2);
    let t = t.then().args(["mau", "mau", "--ghi-de"]).success();

    // Every sheet of workbooks.md with its header row, the guide first.
    let book = dir.join("du-lieu.xlsx");
    let s = sheets(&book);
    let names: Vec<&str> = s.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names.len(), input::SHEETS.len() + 1, "{names:?}");
    assert_eq!(names[0], "Hướng dẫn");
    for (name, _) in input::SHEETS.iter().map(|k| (k.names[0], ())) {
        assert!(names.contains(&name), "{name}");
    }
    // Dropdowns from the guide's code lists, yes/no lists, date formats.
    let xml = part(&book, "xl/worksheets/sheet4.xml"); // Cán bộ
    assert!(xml.contains("<dataValidation type=\"list\""), "no dropdown");
    assert!(xml.contains("'Hướng dẫn'!$"), "no code list source");
    assert!(xml.contains("\"Có,Không\""), "no yes/no list");
    assert!(xml.contains("<pane ySplit=\"1\""), "header not frozen");
    let fmts = formats(&book);
    assert!(fmts.iter().any(|f| f == "dd/mm/yyyy"));
    // The guide explains every column of every sheet.
    let guide = &s[0].1;
    let explained: Vec<(String, String)> = (0..guide.height())
        .map(|r| (text(guide, r, 0), text(guide, r, 1)))
        .collect();
    for (name, r) in &s[1..] {
        for c in 0..r.width() {
            let h = text(r, 0, c);
            assert!(
                explained.contains(&(name.clone(), h.clone())),
                "{name}: {h} not explained"
            );
        }
    }

    // Filled as a clerk would, in the template's column order, beside its config.
    let inputs = t.inputs();
    std::fs::copy(dir.join("config.yaml"), inputs.join("config.yaml")).unwrap();
    let mut wb = Workbook::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (name, r) in &s[1..] {
        let headers: Vec<String> = (0..r.width()).map(|c| text(r, 0, c)).collect();
        let ws = wb.add_worksheet();
        ws.set_name(name).unwrap();
        for (c, h) in headers.iter().enumerate() {
            ws.write_string(0, c as u16, h).unwrap();
        }
        for (i, row) in clerk_rows(name).iter().enumerate() {
            for (h, v) in row {
                let c = headers
                    .iter()
                    .position(|x| x == h)
                    .unwrap_or_else(|| panic!("{name}: no column {h}"))
                    as u16;
                let r = 1 + i as u32;
                match v {
                    Value::T(s) => ws.write_string(r, c, *s).map(|_| ()),
                    Value::N(n) => ws.write_number(r, c, *n as f64).map(|_| ()),
                    Value::D(y, m, d) => {
                        let x = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
                        ws.write_datetime_with_format(r, c, &x, &date).map(|_| ())
                    }
                }
                .unwrap();
            }
        }
    }
    wb.save(inputs.join("du-lieu.xlsx")).unwrap();
    let built = t.then().arg("build").success();
    let pdfs = built.pdfs();
    assert!(
        pdfs.contains(&"2026-H1/xa/hoa-an/phieu-danh-gia/CB01.pdf".to_string()),
        "{pdfs:?}"
    );
    assert!(pdfs.contains(&"2026-H1/tinh/bao-cao-dinh-ky.pdf".to_string()));
    assert!(
        built
            .text("2026-H1/xa/hoa-an/danh-sach-xep-loai.pdf")
            .contains("Bế Thị Ân")
    );
    let _ = built.read(THONG_KE);
}

// ---- baocao sample --xlsx ----

#[test]
fn the_sample_as_a_workbook_builds_the_same_documents_as_yaml() {
    // `baocao sample tinh` with `options`, always the same small province.
    let sample = |t: Test, options: &[&str]| {
        t.args(["sample", "tinh"])
            .args(options.iter().copied())
            .args(["--officials", "150", "--communes", "4", "--seed", "3"])
    };
    let yaml = sample(Test::new(), &[])
        .success()
        .then()
        .args(["build", "tinh"])
        .success();
    let xlsx = sample(Test::new(), &["--xlsx"])
        .stdout_has("2 tệp")
        .success();
    let files: Vec<String> = xlsx.snapshot("tinh").into_iter().map(|(p, _)| p).collect();
    assert_eq!(files, ["config.yaml", "du-lieu.xlsx"]);
    let xlsx = xlsx.then().args(["build", "tinh"]).success();
    let reference = super::workbooks::manifest(&yaml);
    assert!(reference.len() > 150, "{}", reference.len());
    assert!(
        super::workbooks::manifest(&xlsx) == reference,
        "the builds differ"
    );
    // --force switches spelling without leaving the other's data files.
    let yaml = sample(yaml.then(), &["--xlsx", "--force"]).success();
    let files: Vec<String> = yaml.snapshot("tinh").into_iter().map(|(p, _)| p).collect();
    assert_eq!(files, ["config.yaml", "du-lieu.xlsx"]);
    let back = sample(xlsx.then(), &["--force"]).success();
    assert!(!back.path().join("tinh/du-lieu.xlsx").exists());
    back.then().args(["check", "tinh"]).success();
}
