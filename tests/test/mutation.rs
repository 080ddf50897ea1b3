//! Mutated inputs never panic the loader, and whenever loading fails at
//! least one error says where: `file:line:column`, or the file, sheet and
//! cell. The mutations: YAML text (lines deleted, duplicated, swapped,
//! characters changed, values replaced by values of another type) and a
//! workbook (cells changed in value and type, a column dropped, a sheet
//! renamed). In-process (`baocao::input::load`), bounded to a few seconds.

use std::path::Path;

use baocao::diag::Diagnostics;
use proptest::prelude::*;

use crate::support::*;

/// Every problem is reported, none panics; a failure says where.
fn assert_loads_or_locates(dir: &Path) -> Result<(), TestCaseError> {
    let result = std::panic::catch_unwind(|| baocao::input::load(dir));
    let Ok(result) = result else {
        return Err(TestCaseError::fail("the loader panicked"));
    };
    if let Err(Diagnostics(errors, _)) = result {
        prop_assert!(!errors.is_empty(), "a failure with no error");
        prop_assert!(
            errors
                .iter()
                .any(|d| d.loc.line > 0 || d.loc.sheet.is_some()),
            "no error says where:\n{}",
            errors
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
    Ok(())
}

/// 64 cases, or `PROPTEST_CASES` (a longer hunt).
fn cases() -> ProptestConfig {
    let n = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok());
    ProptestConfig {
        cases: n.unwrap_or(64),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// ---- YAML ----

/// One change to a text; indices are taken modulo the text's size.
#[derive(Debug, Clone)]
enum Edit {
    Delete(usize),
    Duplicate(usize),
    Swap(usize, usize),
    Char(usize, char),
    Value(usize, &'static str),
}

/// Values of every type, and some that are no value at all.
const VALUES: &[&str] = &[
    "[]",
    "{}",
    "[1, 2]",
    "{a: 1}",
    "abc",
    "12",
    "-1",
    "0",
    "1.5",
    "1e400",
    "99999999999999999999",
    "2026-13-45",
    "31/02/2026",
    "true",
    "~",
    "''",
    "\"\"",
    "&a x",
    "*a",
    "!!binary x",
    "|",
    ">-",
    "'unclosed",
    "{",
    "- x",
];

const CHARS: &[char] = &[
    ':', '-', ' ', '[', ']', '{', '}', '"', '\'', '#', '&', '*', '!', '|', '>', '\t', '\n', 'x',
    '0', '9', ',', '?', '%', '@', '`', 'Đ', '\u{0}',
];

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        any::<usize>().prop_map(Edit::Delete),
        any::<usize>().prop_map(Edit::Duplicate),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::Swap(a, b)),
        (any::<usize>(), prop::sample::select(CHARS)).prop_map(|(i, c)| Edit::Char(i, c)),
        (any::<usize>(), prop::sample::select(VALUES)).prop_map(|(i, v)| Edit::Value(i, v)),
    ]
}

fn apply(text: &str, e: &Edit) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let n = lines.len().max(1);
    match *e {
        Edit::Delete(i) if !lines.is_empty() => {
            lines.remove(i % n);
        }
        Edit::Duplicate(i) if !lines.is_empty() => {
            let l = lines[i % n].clone();
            lines.insert(i % n, l);
        }
        Edit::Swap(a, b) if !lines.is_empty() => lines.swap(a % n, b % n),
        Edit::Char(i, c) => {
            let mut chars: Vec<char> = text.chars().collect();
            if !chars.is_empty() {
                let at = i % chars.len();
                chars[at] = c;
            }
            return chars.into_iter().collect();
        }
        Edit::Value(i, v) if !lines.is_empty() => {
            let l = &mut lines[i % n];
            if let Some(at) = l.find(": ") {
                l.replace_range(at + 2.., v);
            } else if let Some(at) = l.find("- ") {
                l.replace_range(at + 2.., v);
            }
        }
        _ => {}
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

const MINIMAL: &[&str] = &[
    "communes.yaml",
    "config.yaml",
    "evaluations.yaml",
    "officials.yaml",
];

proptest! {
    #![proptest_config(cases())]

    #[test]
    fn mutated_yaml_never_panics_and_failures_say_where(
        file in 0..MINIMAL.len(),
        edits in prop::collection::vec(edit(), 1..4),
    ) {
        let t = Test::fixture("minimal");
        let path = t.inputs().join(MINIMAL[file]);
        let mut text = std::fs::read_to_string(&path).unwrap();
        for e in &edits {
            text = apply(&text, e);
        }
        std::fs::write(&path, text).unwrap();
        assert_loads_or_locates(&t.inputs())?;
    }
}

// ---- workbook ----

/// The sheets of `tests/fixtures/workbook-csv` (sheet name, rows).
fn sheets() -> Vec<(String, Vec<Vec<String>>)> {
    let dir = root().join("tests/fixtures/workbook-csv");
    let names = [
        ("xa-phuong.csv", "Xã phường"),
        ("Vị trí việc làm.csv", "Vị trí việc làm"),
        ("can-bo.csv", "Cán bộ"),
        ("evaluations.csv", "Đánh giá"),
        ("ky-luat.csv", "Kỷ luật"),
    ];
    names
        .iter()
        .map(|(file, sheet)| {
            let text = std::fs::read_to_string(dir.join(file)).unwrap();
            let text = text.trim_start_matches('\u{feff}');
            let delimiter = if text.lines().next().unwrap_or("").contains(';') {
                b';'
            } else {
                b','
            };
            let rows = csv::ReaderBuilder::new()
                .delimiter(delimiter)
                .has_headers(false)
                .flexible(true)
                .from_reader(text.as_bytes())
                .records()
                .map(|r| r.unwrap().iter().map(str::to_string).collect())
                .collect();
            (sheet.to_string(), rows)
        })
        .collect()
}

#[derive(Debug, Clone)]
enum SheetEdit {
    /// Sheet, row, column, new value.
    Cell(usize, usize, usize, &'static str),
    DropColumn(usize, usize),
    Rename(usize, &'static str),
}

/// Cell values of every type (written as numbers, booleans or text).
const CELLS: &[&str] = &[
    "",
    "x",
    "0",
    "-1",
    "1.5",
    "45000",
    "1e300",
    "TRUE",
    "FALSE",
    "CB01",
    "CB99",
    "hoa-an",
    "2026-H1",
    "2026-H9",
    "31/02/2026",
    "12/03/1985",
    "Đại học",
    "Khối Đảng",
    "Có",
    "   ",
];

const SHEET_NAMES: &[&str] = &[
    "Can bo",
    "Cán bộ",
    "Danh gia",
    "Đánh giá",
    "Hướng dẫn",
    "Sheet1",
    "Xa phuong",
    "Kỷ luật",
];

fn sheet_edit() -> impl Strategy<Value = SheetEdit> {
    prop_oneof![
        4 => (any::<usize>(), any::<usize>(), any::<usize>(), prop::sample::select(CELLS))
            .prop_map(|(s, r, c, v)| SheetEdit::Cell(s, r, c, v)),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(s, c)| SheetEdit::DropColumn(s, c)),
        1 => (any::<usize>(), prop::sample::select(SHEET_NAMES))
            .prop_map(|(s, n)| SheetEdit::Rename(s, n)),
    ]
}

fn apply_sheet(sheets: &mut [(String, Vec<Vec<String>>)], e: &SheetEdit) {
    let n = sheets.len();
    match *e {
        SheetEdit::Cell(s, r, c, v) => {
            let rows = &mut sheets[s % n].1;
            if rows.is_empty() {
                return;
            }
            let len = rows.len();
            let row = &mut rows[r % len];
            let width = row.len() + 1;
            let c = c % width;
            if c == row.len() {
                row.push(v.to_string());
            } else {
                row[c] = v.to_string();
            }
        }
        SheetEdit::DropColumn(s, c) => {
            let rows = &mut sheets[s % n].1;
            let width = rows.iter().map(Vec::len).max().unwrap_or(0);
            if width > 0 {
                for row in rows.iter_mut().filter(|r| r.len() > c % width) {
                    row.remove(c % width);
                }
            }
        }
        SheetEdit::Rename(s, name) => {
            // Sheet names are unique in a workbook.
            if !sheets.iter().any(|(n, _)| n == name) {
                sheets[s % n].0 = name.to_string();
            }
        }
    }
}

fn write_workbook(path: &Path, sheets: &[(String, Vec<Vec<String>>)]) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (name, rows) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match v.as_str() {
                    "" => {}
                    "TRUE" => drop(ws.write(r, c, true).unwrap()),
                    "FALSE" => drop(ws.write(r, c, false).unwrap()),
                    _ => match v.parse::<f64>() {
                        Ok(x) if x.is_finite() => drop(ws.write(r, c, x).unwrap()),
                        _ => drop(ws.write(r, c, v.as_str()).unwrap()),
                    },
                }
            }
        }
    }
    wb.save(path).unwrap();
}

proptest! {
    #![proptest_config(cases())]

    #[test]
    fn a_mutated_workbook_never_panics_and_failures_name_the_cell(
        edits in prop::collection::vec(sheet_edit(), 1..5),
    ) {
        let t = Test::new();
        std::fs::copy(
            root().join("tests/fixtures/workbook-csv/config.yaml"),
            t.inputs().join("config.yaml"),
        )
        .unwrap();
        let mut sheets = sheets();
        for e in &edits {
            apply_sheet(&mut sheets, e);
        }
        write_workbook(&t.inputs().join("du-lieu.xlsx"), &sheets);
        assert_loads_or_locates(&t.inputs())?;
    }
}

#[test]
fn the_unmutated_inputs_load() {
    let t = Test::fixture("minimal");
    assert!(baocao::input::load(&t.inputs()).is_ok());
    let t = Test::new();
    std::fs::copy(
        root().join("tests/fixtures/workbook-csv/config.yaml"),
        t.inputs().join("config.yaml"),
    )
    .unwrap();
    write_workbook(&t.inputs().join("du-lieu.xlsx"), &sheets());
    let r = baocao::input::load(&t.inputs());
    assert!(
        r.is_ok(),
        "{}",
        r.err().map(|d| d.render()).unwrap_or_default()
    );
}
