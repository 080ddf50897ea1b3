//! YAML → [`Node`] tree, with positions, through serde-saphyr.
//!
//! serde-saphyr is used because it is maintained, reports line and column for
//! every value (`Spanned`) and every error, and bounds alias expansion and
//! document size with a budget, so an "alias bomb" fails fast.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::options::AliasLimits;
use serde_saphyr::{Budget, DuplicateKeyPolicy, Options, Spanned};

use super::node::{Key, Node, Pos, Value};

fn pos(loc: &serde_saphyr::Location) -> Pos {
    Pos {
        line: loc.line() as u32,
        col: loc.column() as u32,
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Node, D::Error> {
        let s = Spanned::<Value>::deserialize(d)?;
        Ok(Node {
            pos: pos(&s.referenced),
            value: s.value,
        })
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a YAML value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Int(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        i64::try_from(v)
            .map(Value::Int)
            .or(Ok(Value::Float(v as f64)))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Str(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::Str(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Value::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Node>()? {
            items.push(item);
        }
        Ok(Value::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Node>()? {
            let name = key.as_text().unwrap_or_else(|| key.describe());
            let value = map.next_value::<Node>()?;
            entries.push((Key { name, pos: key.pos }, value));
        }
        Ok(Value::Map(entries))
    }
}

/// A YAML file that could not be read as a tree.
#[derive(Debug)]
pub struct ParseError {
    pub pos: Pos,
    pub message: String,
}

fn options() -> Options {
    Options {
        budget: Some(Budget {
            max_aliases: 10_000,
            max_depth: 64,
            ..Budget::default()
        }),
        alias_limits: AliasLimits {
            max_total_replayed_events: 200_000,
            max_replay_stack_depth: 16,
            max_alias_expansions_per_anchor: 10_000,
        },
        duplicate_keys: DuplicateKeyPolicy::Error,
        with_snippet: false,
        // YAML 1.2 booleans only: keys such as `on:` stay text.
        strict_booleans: true,
        ..Options::default()
    }
}

/// Parse one file. Bytes that are not UTF-8 are reported with their position.
pub fn parse(bytes: &[u8]) -> Result<Node, ParseError> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            let line = valid.iter().filter(|b| **b == b'\n').count() as u32 + 1;
            let col = String::from_utf8_lossy(valid.rsplit(|b| *b == b'\n').next().unwrap_or(valid))
                .chars()
                .count() as u32
                + 1;
            return Err(ParseError {
                pos: Pos { line, col },
                message: "tệp không phải văn bản UTF-8 (hãy lưu lại với bảng mã UTF-8)".into(),
            });
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Ok(Node {
            pos: Pos { line: 1, col: 1 },
            value: Value::Null,
        });
    }
    serde_saphyr::from_str_with_options::<Node>(text, options()).map_err(|e| {
        let p = e
            .location()
            .map(|l| pos(&l))
            .unwrap_or(Pos { line: 1, col: 1 });
        ParseError {
            pos: p,
            message: translate(&e),
        }
    })
}

/// serde-saphyr's message, introduced in Vietnamese.
fn translate(e: &serde_saphyr::Error) -> String {
    use serde_saphyr::Error as E;
    let raw = e.to_string();
    // Drop the location suffix the library appends; we print our own.
    let raw = raw.split(" at line ").next().unwrap_or(&raw).to_string();
    match e {
        E::Budget { .. } => format!(
            "tệp vượt giới hạn an toàn (quá nhiều bí danh/neo YAML hoặc lồng quá sâu: {raw}); tệp có thể là một \"bom bí danh\""
        ),
        E::Message { msg, .. } if msg.contains("alias") || msg.contains("replay") => format!(
            "bí danh YAML (*alias) được mở rộng quá nhiều lần ({raw}); tệp có thể là một \"bom bí danh\""
        ),
        E::Message { msg, .. } if msg.to_lowercase().contains("duplicate") => {
            format!("khoá bị lặp trong cùng một bảng ({raw})")
        }
        _ => format!("cú pháp YAML không hợp lệ: {raw}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_positions() {
        let n = parse(b"officials:\n  - id: CB1\n    name: An\n").unwrap();
        let Value::Map(top) = &n.value else { panic!() };
        assert_eq!(top[0].0.name, "officials");
        let Value::Seq(items) = &top[0].1.value else {
            panic!()
        };
        let Value::Map(fields) = &items[0].value else {
            panic!()
        };
        assert_eq!(fields[1].0.name, "name");
        assert_eq!(fields[1].1.pos, Pos { line: 3, col: 11 });
        assert_eq!(fields[1].1.value, Value::Str("An".into()));
    }

    #[test]
    fn dates_and_numbers() {
        let n = parse(b"a: 2026-06-30\nb: 95\nc: 88.5\nd: true\ne:\n").unwrap();
        let Value::Map(m) = n.value else { panic!() };
        assert_eq!(m[0].1.value, Value::Str("2026-06-30".into()));
        assert_eq!(m[1].1.value, Value::Int(95));
        assert_eq!(m[2].1.value, Value::Float(88.5));
        assert_eq!(m[3].1.value, Value::Bool(true));
        assert_eq!(m[4].1.value, Value::Null);
    }

    #[test]
    fn non_utf8_is_reported_with_position() {
        let e = parse(b"a: 1\nb: caf\xe9\n").unwrap_err();
        assert_eq!(e.pos, Pos { line: 2, col: 7 });
        assert!(e.message.contains("UTF-8"));
    }

    #[test]
    fn alias_bomb_fails_fast() {
        let mut y = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let prev = (b'a' + i - 1) as char;
            let cur = (b'a' + i) as char;
            y.push_str(&format!("{cur}: &{cur} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        }
        let t = std::time::Instant::now();
        let e = parse(y.as_bytes()).unwrap_err();
        assert!(e.message.contains("bom bí danh"), "{}", e.message);
        assert!(t.elapsed().as_secs() < 2);
    }

    #[test]
    fn syntax_error_has_position() {
        let e = parse(b"a: [1, 2\nb: 3\n").unwrap_err();
        assert!(e.pos.line >= 1);
        assert!(e.message.starts_with("cú pháp YAML"), "{}", e.message);
    }
}
