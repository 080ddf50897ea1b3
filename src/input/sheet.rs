//! One sheet (of a workbook or a CSV file) → the same record trees the YAML
//! parser produces, positioned by row and column, so the same decoders read
//! them (workbooks.md): the header row is found below title rows, columns
//! may come in any order, headers are Vietnamese or English.

use std::path::Path;
use std::sync::Arc;

use super::node::{Key, Node, Pos, Value};
use super::schema::{Column, Field, Kind, columns};
use super::text::{fold, key};
use crate::diag::{Diagnostic, Loc, Sheet, suggest};

/// The cells of one sheet as read: `rows[r][c]` is the cell at row
/// `first_row + r`, column `first_col + c` (1-based). Empty cells are `Null`;
/// dates are ISO text.
#[derive(Debug, Default)]
pub struct Grid {
    /// The sheet's name as written (a CSV file: its file name without extension).
    pub name: String,
    pub rows: Vec<Vec<Value>>,
    pub first_row: u32,
    pub first_col: u32,
}

/// A kind of sheet: the entity list it holds and its names.
#[derive(Debug)]
pub struct SheetKind {
    /// The list (`officials`) or, for a sheet of entries of officials, the
    /// field of the official (`history`).
    pub key: &'static str,
    /// The Vietnamese name first, then the accepted others.
    pub names: &'static [&'static str],
    pub fields: &'static [Field],
    /// For entries of another entity: its list (`officials`); each row names
    /// its owner in [`OWNER`].
    pub parent: Option<&'static str>,
}

/// The column naming the official an entry belongs to.
pub const OWNER: Field = Field {
    name: "official",
    column: "Mã cán bộ",
    required: true,
    kind: Kind::Ref("officials"),
};

impl SheetKind {
    /// The sheet's columns, in declaration order (the owner first).
    pub fn columns(&self) -> Vec<Column> {
        let mut out = Vec::new();
        if self.parent.is_some() {
            out.push(Column {
                path: vec![OWNER.name],
                field: &OWNER,
                required: true,
            });
        }
        out.extend(columns(self.fields));
        out
    }
}

/// One record: its tree and, for entries, the owner's id cell.
#[derive(Debug)]
pub struct Record {
    pub owner: Option<Node>,
    pub node: Node,
}

/// A sheet read into records.
#[derive(Debug)]
pub struct Records {
    pub sheet: Sheet,
    pub kind: &'static SheetKind,
    /// Field path → column number and header, for messages.
    pub columns: Vec<(String, u32, String)>,
    /// Required columns that are missing (reported once).
    pub missing: Vec<String>,
    pub records: Vec<Record>,
}

fn is_blank(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Str(s) => s.trim().is_empty(),
        _ => false,
    }
}

fn cell_text(v: &Value) -> Option<String> {
    match v {
        Value::Str(s) => Some(s.clone()),
        Value::Int(i) => Some(i.to_string()),
        Value::Float(f) => Some(f.to_string()),
        _ => None,
    }
}

/// The names a header may give each column: Vietnamese or the dotted field path.
struct Headers(Vec<(String, String)>);

impl Headers {
    fn new(cols: &[Column]) -> Headers {
        Headers(
            cols.iter()
                .map(|c| (key(c.field.column), key(&c.dotted())))
                .collect(),
        )
    }

    /// The column `header` names.
    fn find(&self, header: &Value) -> Option<usize> {
        let Value::Str(text) = header else {
            return None;
        };
        let k = key(text);
        self.0.iter().position(|(vi, en)| *vi == k || *en == k)
    }
}

/// Read `grid` as a sheet of `kind`; problems go to `diags`.
pub fn records(
    file: &Arc<Path>,
    sheet: Sheet,
    kind: &'static SheetKind,
    grid: &Grid,
    diags: &mut Vec<Diagnostic>,
) -> Records {
    let cols = kind.columns();
    let headers = Headers::new(&cols);
    let cell = |r: usize, c: usize| {
        Loc::cell(
            file,
            &sheet,
            grid.first_row + r as u32,
            grid.first_col + c as u32,
        )
    };
    let mut out = Records {
        sheet: sheet.clone(),
        kind,
        columns: Vec::new(),
        missing: Vec::new(),
        records: Vec::new(),
    };
    let Some(header) = grid
        .rows
        .iter()
        .position(|row| row.iter().filter(|v| headers.find(v).is_some()).count() >= 2)
    else {
        if grid.rows.iter().flatten().any(|v| !is_blank(v)) {
            let names: Vec<&str> = cols.iter().take(3).map(|c| c.field.column).collect();
            diags.push(Diagnostic::new(
                Loc::cell(file, &sheet, 0, 0),
                kind.key,
                format!(
                    "không tìm thấy dòng tiêu đề cột (dòng có ít nhất hai tên cột như \"{}\")",
                    names.join("\", \"")
                ),
            ));
        }
        return out;
    };

    // Which column holds which field.
    let mut by_col: Vec<Option<usize>> = vec![None; grid.rows[header].len()];
    for (c, value) in grid.rows[header].iter().enumerate() {
        let Some(text) = cell_text(value).filter(|t| !t.trim().is_empty()) else {
            continue;
        };
        match headers.find(value) {
            Some(i) => {
                if let Some(first) = by_col.iter().position(|b| *b == Some(i)) {
                    diags.push(Diagnostic::new(
                        cell(header, c),
                        kind.key,
                        format!(
                            "cột \"{}\" có hai lần (lần đầu ở ô {}{})",
                            text.trim(),
                            crate::diag::column_letters(grid.first_col + first as u32),
                            grid.first_row + header as u32
                        ),
                    ));
                    continue;
                }
                by_col[c] = Some(i);
                out.columns.push((
                    cols[i].dotted(),
                    grid.first_col + c as u32,
                    text.trim().to_string(),
                ));
            }
            None => diags.push(unknown_header(cell(header, c), kind, &cols, text.trim())),
        }
    }
    let absent: Vec<&Column> = cols
        .iter()
        .enumerate()
        .filter(|(i, c)| c.required && !by_col.contains(&Some(*i)))
        .map(|(_, c)| c)
        .collect();
    if !absent.is_empty() {
        let names: Vec<String> = absent
            .iter()
            .map(|c| format!("\"{}\" ({})", c.field.column, c.dotted()))
            .collect();
        diags.push(Diagnostic::new(
            Loc::cell(file, &sheet, grid.first_row + header as u32, 0),
            kind.key,
            format!("thiếu cột bắt buộc: {}", names.join(", ")),
        ));
        out.missing = absent.iter().map(|c| c.dotted()).collect();
    }

    // Groups that must be present for their fields to be reported one by one.
    let required_groups: Vec<&'static str> = kind
        .fields
        .iter()
        .filter(|f| f.required && matches!(f.kind, Kind::Nested(_)))
        .map(|f| f.name)
        .collect();
    for (r, row) in grid.rows.iter().enumerate().skip(header + 1) {
        if row.iter().all(is_blank) {
            continue;
        }
        let line = grid.first_row + r as u32;
        let pos = Pos { line, col: 0 };
        let mut fields: Vec<(Key, Node)> = required_groups.iter().map(|g| group(g, pos)).collect();
        let mut owner = None;
        for (c, value) in row.iter().enumerate() {
            let Some(Some(i)) = by_col.get(c) else {
                continue;
            };
            if is_blank(value) {
                continue;
            }
            let node = Node {
                pos: Pos {
                    line,
                    col: grid.first_col + c as u32,
                },
                value: value.clone(),
            };
            let path = &cols[*i].path;
            if kind.parent.is_some() && *i == 0 {
                owner = Some(node);
            } else {
                insert(&mut fields, path, node);
            }
        }
        out.records.push(Record {
            owner,
            node: Node {
                pos,
                value: Value::Map(fields),
            },
        });
    }
    out
}

fn group(name: &'static str, pos: Pos) -> (Key, Node) {
    (
        Key {
            name: name.to_string(),
            pos,
        },
        Node {
            pos,
            value: Value::Map(Vec::new()),
        },
    )
}

/// Put `node` at `path` (one or two names) in a record's fields.
fn insert(fields: &mut Vec<(Key, Node)>, path: &[&'static str], node: Node) {
    match path {
        [name] => fields.push((
            Key {
                name: name.to_string(),
                pos: node.pos,
            },
            node,
        )),
        [first, rest @ ..] => {
            let i = match fields.iter().position(|(k, _)| k.name == *first) {
                Some(i) => i,
                None => {
                    fields.push(group(
                        first,
                        Pos {
                            line: node.pos.line,
                            col: 0,
                        },
                    ));
                    fields.len() - 1
                }
            };
            if let Value::Map(sub) = &mut fields[i].1.value {
                insert(sub, rest, node);
            }
        }
        [] => {}
    }
}

fn unknown_header(loc: Loc, kind: &SheetKind, cols: &[Column], text: &str) -> Diagnostic {
    let folded: Vec<String> = cols.iter().map(|c| fold(c.field.column)).collect();
    let known: Vec<&str> = folded.iter().map(String::as_str).collect();
    let mut msg = format!("cột \"{text}\" không có trong trang \"{}\"", kind.names[0]);
    let hint = suggest(&fold(text), &known)
        .and_then(|s| folded.iter().position(|f| f == s))
        .or_else(|| {
            let dotted: Vec<String> = cols.iter().map(Column::dotted).collect();
            let names: Vec<&str> = dotted.iter().map(String::as_str).collect();
            suggest(text, &names).and_then(|s| dotted.iter().position(|d| d == s))
        });
    match hint {
        Some(i) => msg.push_str(&format!("; có phải \"{}\"?", cols[i].field.column)),
        None => {
            let all: Vec<&str> = cols.iter().map(|c| c.field.column).collect();
            msg.push_str(&format!("; các cột: {}", all.join(", ")));
        }
    }
    Diagnostic::new(loc, kind.key, msg)
}
