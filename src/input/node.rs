//! A format-neutral tree of values with their positions. YAML files and the
//! rows of sheets (sheet.rs) are read into it, so validation (decode.rs) does
//! not depend on the file format. In a sheet, `line` is the row and `col` the
//! column (0: the whole row).

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Key, Node)>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub pos: Pos,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    pub name: String,
    pub pos: Pos,
}

impl Node {
    /// How the value reads to a user, for "found …" in messages.
    pub fn describe(&self) -> String {
        match &self.value {
            Value::Null => "giá trị rỗng".into(),
            Value::Bool(b) => format!("{b}"),
            Value::Int(i) => format!("{i}"),
            Value::Float(f) => format!("{f}"),
            Value::Str(s) => format!("\"{s}\""),
            Value::Seq(_) => "một danh sách".into(),
            Value::Map(_) => "một bảng khoá: giá trị".into(),
        }
    }

    /// A scalar as text (numbers and booleans too), for fields that are text.
    pub fn as_text(&self) -> Option<String> {
        match &self.value {
            Value::Str(s) => Some(s.clone()),
            Value::Int(i) => Some(i.to_string()),
            Value::Float(f) => Some(f.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}
