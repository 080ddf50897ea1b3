//! Input problems as values: where, which field, what was expected and found.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A place in an input file (1-based line and column).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Loc {
    pub file: Arc<Path>,
    pub line: u32,
    pub col: u32,
}

impl Loc {
    pub fn new(file: &Arc<Path>, line: u32, col: u32) -> Loc {
        Loc {
            file: file.clone(),
            line,
            col,
        }
    }

    pub fn file_only(file: &Arc<Path>) -> Loc {
        Loc::new(file, 0, 0)
    }
}

impl fmt::Display for Loc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}", self.file.display())
        } else {
            write!(f, "{}:{}:{}", self.file.display(), self.line, self.col)
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

/// Every problem of a run, sorted by place.
#[derive(Debug, Default)]
pub struct Diagnostics(pub Vec<Diagnostic>);

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

    /// All messages, one per line, for tests and the terminal.
    pub fn render(&self) -> String {
        self.0.iter().map(|d| format!("{d}\n")).collect()
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
}
