//! Spreadsheet files → [`Grid`]s: workbooks (.xlsx, .xlsm, .xlsb, .xls,
//! .ods) through calamine, CSV through the csv crate.

use std::path::Path;

use calamine::{Data, Reader};

use super::node::Value;
use super::sheet::Grid;

/// Every sheet of a workbook, in workbook order.
pub fn workbook(path: &Path) -> Result<Vec<Grid>, String> {
    let mut book =
        calamine::open_workbook_auto(path).map_err(|e| format!("không mở được bảng tính: {e}"))?;
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| format!("không đọc được trang \"{name}\": {e}"))?;
        let (first_row, first_col) = range.start().unwrap_or((0, 0));
        let rows = range
            .rows()
            .map(|row| row.iter().map(cell).collect())
            .collect();
        out.push(Grid {
            name,
            rows,
            first_row: first_row + 1,
            first_col: first_col + 1,
        });
    }
    Ok(out)
}

fn cell(d: &Data) -> Value {
    match d {
        Data::Empty => Value::Null,
        Data::String(s) => Value::Str(s.clone()),
        Data::Int(i) => Value::Int(*i),
        Data::Float(f) => Value::Float(*f),
        Data::Bool(b) => Value::Bool(*b),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(t) => Value::Str(t.date().format("%Y-%m-%d").to_string()),
            None => Value::Float(dt.as_f64()),
        },
        // ODS dates: "2026-06-30" or "2026-06-30T00:00:00".
        Data::DateTimeIso(s) => Value::Str(s.split('T').next().unwrap_or(s).to_string()),
        Data::DurationIso(s) => Value::Str(s.clone()),
        Data::Error(e) => Value::Str(format!("#{e:?}")),
    }
}

/// A CSV file as one sheet named by the file: UTF-8 with or without BOM,
/// fields separated by `,` or `;` (whichever the first line has more of).
/// `Err` holds the line of the first bad byte and the message.
pub fn csv(path: &Path, bytes: &[u8]) -> Result<Grid, (u32, String)> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count() as u32
            + 1;
        (
            line,
            "tệp CSV không phải văn bản UTF-8 (trong Excel hãy lưu dạng \"CSV UTF-8\")".to_string(),
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let count = |c: char| first.chars().filter(|x| *x == c).count();
    let delimiter = if count(';') > count(',') { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows: Vec<Vec<Value>> = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line() as u32);
            (line, format!("tệp CSV không đọc được: {e}"))
        })?;
        // The record's first line is its row (as Excel shows a file without
        // line breaks inside cells; blank lines are blank rows).
        // (The reader's position is where it started looking: skip the
        // blank lines it passed over.)
        let line = record.position().map_or(rows.len() + 1, |p| {
            let bytes = text.as_bytes();
            let mut start = p.byte() as usize;
            while start < bytes.len() && matches!(bytes[start], b'\n' | b'\r') {
                start += 1;
            }
            1 + bytes[..start].iter().filter(|b| **b == b'\n').count()
        });
        rows.resize_with(line.saturating_sub(1).max(rows.len()), Vec::new);
        rows.push(
            record
                .iter()
                .map(|f| {
                    if f.is_empty() {
                        Value::Null
                    } else {
                        Value::Str(f.to_string())
                    }
                })
                .collect(),
        );
    }
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(Grid {
        name,
        rows,
        first_row: 1,
        first_col: 1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_bom_and_semicolons() {
        let g = csv(
            Path::new("in/can-bo.csv"),
            "\u{feff}Mã;Họ và tên\n\nCB1;\"Lò; Văn\"\n\n".as_bytes(),
        )
        .unwrap();
        assert_eq!(g.name, "can-bo");
        assert_eq!(g.rows[0][0], Value::Str("Mã".into()));
        assert_eq!(g.rows[2][1], Value::Str("Lò; Văn".into()));
    }

    #[test]
    fn csv_with_commas_and_empty_cells() {
        let g = csv(Path::new("x.csv"), b"a,b,c\n1,,3\n").unwrap();
        assert_eq!(
            g.rows[1],
            vec![Value::Str("1".into()), Value::Null, Value::Str("3".into())]
        );
    }

    #[test]
    fn csv_not_utf8_names_the_line() {
        let e = csv(Path::new("x.csv"), b"a,b\nh\xf2a,1\n").unwrap_err();
        assert_eq!(e.0, 2);
        assert!(e.1.contains("UTF-8"));
    }
}
