//! Input problems as values: where, which field, what was expected and found.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A sheet of a workbook, or the one sheet of a CSV file (empty name).
/// Ordered by its place in the workbook.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sheet {
    pub index: u32,
    pub name: Arc<str>,
}

/// A place in an input file: a line and column of a text file (1-based),
/// or a row and column of a sheet. Line 0 is the whole file or sheet; in a
/// sheet, column 0 is the whole row.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Loc {
    pub file: Arc<Path>,
    pub sheet: Option<Sheet>,
    pub line: u32,
    pub col: u32,
}

impl Loc {
    pub fn new(file: &Arc<Path>, line: u32, col: u32) -> Loc {
        Loc {
            file: file.clone(),
            sheet: None,
            line,
            col,
        }
    }

    pub fn file_only(file: &Arc<Path>) -> Loc {
        Loc::new(file, 0, 0)
    }

    /// Row `row`, column `col` (1-based) of `sheet`.
    pub fn cell(file: &Arc<Path>, sheet: &Sheet, row: u32, col: u32) -> Loc {
        Loc {
            file: file.clone(),
            sheet: Some(sheet.clone()),
            line: row,
            col,
        }
    }
}

/// The letters of a 1-based column number: 1 → A, 27 → AA.
pub fn column_letters(mut col: u32) -> String {
    let mut out = Vec::new();
    while col > 0 {
        col -= 1;
        out.push(b'A' + (col % 26) as u8);
        col /= 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

impl fmt::Display for Loc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        match &self.sheet {
            None if self.line == 0 => Ok(()),
            None => write!(f, ":{}:{}", self.line, self.col),
            Some(sheet) => {
                if !sheet.name.is_empty() {
                    write!(f, ", trang \"{}\"", sheet.name)?;
                }
                match (self.line, self.col) {
                    (0, _) => Ok(()),
                    (row, 0) => write!(f, ", dòng {row}"),
                    (row, col) => write!(f, ", ô {}{row}", column_letters(col)),
                }
            }
        }
    }
}

/// How much a [`Notice`] matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Something was left out or looks incomplete: the user should look.
    Warning,
    /// Something was ignored on purpose.
    Note,
}

/// A remark on the inputs that does not stop the run.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Notice {
    pub level: Level,
    pub loc: Option<Loc>,
    pub message: String,
}

impl Notice {
    pub fn warning(loc: Option<Loc>, message: impl Into<String>) -> Notice {
        Notice {
            level: Level::Warning,
            loc,
            message: message.into(),
        }
    }

    pub fn note(loc: Option<Loc>, message: impl Into<String>) -> Notice {
        Notice {
            level: Level::Note,
            loc,
            message: message.into(),
        }
    }
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let word = match self.level {
            Level::Warning => "cảnh báo",
            Level::Note => "ghi chú",
        };
        match &self.loc {
            Some(loc) => write!(f, "{word}: {loc}: {}", self.message),
            None => write!(f, "{word}: {}", self.message),
        }
    }
}

/// One problem in the inputs. `field` is a path such as `officials[3].education`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub loc: Loc,
    pub field: String,
    pub message: String,
}

impl Diagnostic {
    pub fn new(loc: Loc, field: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            loc,
            field: field.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            write!(f, "lỗi: {}: {}", self.loc, self.message)
        } else {
            write!(f, "lỗi: {}: {}: {}", self.loc, self.field, self.message)
        }
    }
}

/// Every problem of a run, sorted by place, and the notes that explain
/// them (printed after them, not counted as problems).
#[derive(Debug, Default)]
pub struct Diagnostics(pub Vec<Diagnostic>, pub Vec<Notice>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn sort(&mut self) {
        self.0
            .sort_by(|a, b| a.loc.cmp(&b.loc).then_with(|| a.field.cmp(&b.field)));
        self.0.dedup();
    }

    /// All messages, one per line (the problems, then the notes), for
    /// tests and the terminal.
    pub fn render(&self) -> String {
        let problems = self.0.iter().map(|d| format!("{d}\n"));
        problems
            .chain(self.1.iter().map(|n| format!("{n}\n")))
            .collect()
    }
}

/// The closest of `known` to `found`, when it is close enough to be a typo.
pub fn suggest<'a>(found: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(found, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 3))
        .min()
        .map(|(_, k)| k)
}

/// Display path of a file relative to the working directory when possible.
pub fn display_path(p: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| p.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| p.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_keys() {
        let keys = ["config", "communes", "officials", "evaluations"];
        assert_eq!(suggest("oficials", &keys), Some("officials"));
        assert_eq!(suggest("evaluation", &keys), Some("evaluations"));
        assert_eq!(suggest("xyz", &keys), None);
    }

    #[test]
    fn renders_in_the_documented_shape() {
        let file: Arc<Path> = Arc::from(Path::new("inputs/officials/hoa-an.yaml"));
        let d = Diagnostic::new(
            Loc::new(&file, 14, 17),
            "officials[3].education",
            "giá trị \"dai hoc\" không hợp lệ",
        );
        assert_eq!(
            d.to_string(),
            "lỗi: inputs/officials/hoa-an.yaml:14:17: officials[3].education: giá trị \"dai hoc\" không hợp lệ"
        );
    }

    #[test]
    fn sheet_places_name_the_sheet_and_the_cell() {
        let file: Arc<Path> = Arc::from(Path::new("inputs/du-lieu.xlsx"));
        let sheet = Sheet {
            index: 2,
            name: Arc::from("Cán bộ"),
        };
        assert_eq!(
            Loc::cell(&file, &sheet, 14, 8).to_string(),
            "inputs/du-lieu.xlsx, trang \"Cán bộ\", ô H14"
        );
        assert_eq!(
            Loc::cell(&file, &sheet, 3, 0).to_string(),
            "inputs/du-lieu.xlsx, trang \"Cán bộ\", dòng 3"
        );
        assert_eq!(
            Loc::cell(&file, &sheet, 0, 0).to_string(),
            "inputs/du-lieu.xlsx, trang \"Cán bộ\""
        );
        let csv = Sheet {
            index: 0,
            name: Arc::from(""),
        };
        assert_eq!(
            Loc::cell(&Arc::from(Path::new("can-bo.csv")), &csv, 2, 28).to_string(),
            "can-bo.csv, ô AB2"
        );
    }

    #[test]
    fn column_letters_count_like_a_spreadsheet() {
        for (n, s) in [
            (1, "A"),
            (26, "Z"),
            (27, "AA"),
            (52, "AZ"),
            (53, "BA"),
            (703, "AAA"),
        ] {
            assert_eq!(column_letters(n), s);
        }
    }
}
