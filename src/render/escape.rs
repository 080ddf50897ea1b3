//! Escaping values into Typst.

use minijinja::value::{Value, ValueKind};
use minijinja::{Error, ErrorKind, Output, State};

/// A Typst string literal (with quotes) holding `s` verbatim.
pub fn typst_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Markup that prints `s` as written: an embedded string expression, ended
/// by `;` so that a following `.`, `(` or `[` stays text.
pub fn typst_text(s: &str) -> String {
    format!("#{};", typst_string(s))
}

/// A Typst code literal for any template value.
pub fn typst_literal(v: &Value) -> Result<String, Error> {
    let mut out = String::new();
    write_literal(&mut out, v)?;
    Ok(out)
}

fn is_ident(key: &str) -> bool {
    let mut chars = key.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn write_literal(out: &mut String, v: &Value) -> Result<(), Error> {
    match v.kind() {
        ValueKind::Undefined | ValueKind::None => out.push_str("none"),
        ValueKind::Bool => out.push_str(if v.is_true() { "true" } else { "false" }),
        ValueKind::Number => {
            if let Some(i) = v.as_i64() {
                out.push_str(&i.to_string());
            } else {
                let f = f64::try_from(v.clone()).unwrap_or(0.0);
                let s = format!("{f:?}");
                out.push_str(&s);
            }
        }
        ValueKind::String | ValueKind::Bytes => out.push_str(&typst_string(&v.to_string())),
        ValueKind::Seq | ValueKind::Iterable => {
            out.push('(');
            for item in v.try_iter()? {
                write_literal(out, &item)?;
                out.push_str(", ");
            }
            // "(a, b,)"; "(a,)" keeps one item an array; "()" is the empty array.
            if out.ends_with(", ") {
                out.truncate(out.len() - 1);
            }
            out.push(')');
        }
        ValueKind::Map => {
            out.push('(');
            let mut any = false;
            for key in v.try_iter()? {
                let k = key.to_string();
                if is_ident(&k) {
                    out.push_str(&k);
                } else {
                    out.push_str(&typst_string(&k));
                }
                out.push_str(": ");
                write_literal(out, &v.get_item(&key)?)?;
                out.push_str(", ");
                any = true;
            }
            if any {
                out.truncate(out.len() - 1);
            } else {
                out.push(':');
            }
            out.push(')');
        }
        _ => {
            return Err(Error::new(
                ErrorKind::InvalidOperation,
                format!("không chuyển được giá trị {v} sang Typst"),
            ));
        }
    }
    Ok(())
}

/// The formatter behind `{{ … }}`: safe strings pass, everything else is text.
pub fn formatter(out: &mut Output, _state: &State, value: &Value) -> Result<(), Error> {
    if value.is_safe() {
        return out
            .write_str(value.as_str().unwrap_or_default())
            .map_err(Error::from);
    }
    if value.is_undefined() || value.is_none() {
        return Ok(());
    }
    out.write_str(&typst_text(&value.to_string()))
        .map_err(Error::from)
}

/// `{{ value | lit }}`: a Typst code literal, not escaped again.
pub fn lit_filter(value: Value) -> Result<Value, Error> {
    Ok(Value::from_safe_string(typst_literal(&value)?))
}
