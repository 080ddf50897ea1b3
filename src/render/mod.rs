//! Rendering: a document's view-model + a minijinja template → Typst source.
//!
//! Every value interpolated with `{{ … }}` is escaped so that it reaches Typst
//! as plain text: it becomes a string literal (`#"…";`), never markup. In code
//! position (function arguments) templates use the `lit` filter, which turns
//! any value, maps and lists included, into a Typst literal.

mod escape;

use std::path::Path;

use include_dir::{Dir, include_dir};
use minijinja::{AutoEscape, Environment, UndefinedBehavior};
use serde::Serialize;

pub use escape::{typst_literal, typst_text};

/// The template library shipped inside the binary.
static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/report-templates");

/// The template library: minijinja templates (`*.typ.j2`) and Typst modules
/// (`lib/*.typ`) that the generated documents import.
pub struct Templates {
    env: Environment<'static>,
    modules: Vec<(String, String)>,
    /// Hash of every file of the library (for the incremental cache).
    pub fingerprint: String,
}

#[derive(Debug)]
pub struct RenderError(pub String);

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RenderError {}

impl Templates {
    /// The embedded library, or the files of `dir` when a province edits its own copy.
    pub fn load(dir: Option<&Path>) -> Result<Templates, RenderError> {
        let mut files: Vec<(String, String)> = Vec::new();
        match dir {
            None => collect_embedded(&EMBEDDED, &mut files),
            Some(dir) => {
                for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
                    let entry = entry
                        .map_err(|e| RenderError(format!("không đọc được thư mục mẫu: {e}")))?;
                    if !entry.file_type().is_file() {
                        continue;
                    }
                    let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
                    let rel = rel.to_string_lossy().replace('\\', "/");
                    if !(rel.ends_with(".typ") || rel.ends_with(".j2")) {
                        continue;
                    }
                    let text = std::fs::read_to_string(entry.path()).map_err(|e| {
                        RenderError(format!(
                            "không đọc được tệp mẫu {}: {e}",
                            entry.path().display()
                        ))
                    })?;
                    files.push((rel, text));
                }
            }
        }
        files.sort();
        Templates::from_files(files)
    }

    fn from_files(files: Vec<(String, String)>) -> Result<Templates, RenderError> {
        use sha2::{Digest, Sha256};
        let mut hasher = Sha256::new();
        let mut env = new_env();
        let mut modules = Vec::new();
        for (name, text) in files {
            hasher.update(name.as_bytes());
            hasher.update([0]);
            hasher.update(text.as_bytes());
            hasher.update([0]);
            if name.ends_with(".j2") {
                env.add_template_owned(name.clone(), text)
                    .map_err(|e| RenderError(format!("mẫu {name} có lỗi: {e}")))?;
            } else {
                modules.push((format!("/{name}"), text));
            }
        }
        let fingerprint = format!("{:x}", hasher.finalize());
        Ok(Templates {
            env,
            modules,
            fingerprint,
        })
    }

    /// Typst modules as (virtual path, source) for the typesetting engine.
    pub fn modules(&self) -> &[(String, String)] {
        &self.modules
    }

    /// Render template `name` (e.g. `phieu-danh-gia.typ.j2`) with `ctx`.
    pub fn render<S: Serialize>(&self, name: &str, ctx: &S) -> Result<String, RenderError> {
        let tmpl = self
            .env
            .get_template(name)
            .map_err(|e| RenderError(format!("không có mẫu {name}: {e}")))?;
        tmpl.render(ctx).map_err(|e| {
            let mut msg = format!("mẫu {name}: {e}");
            if let Some(line) = e.line() {
                msg = format!(
                    "mẫu {name}:{line}: {}",
                    e.detail().unwrap_or(&e.to_string())
                );
            }
            RenderError(msg)
        })
    }
}

fn collect_embedded(dir: &Dir<'static>, out: &mut Vec<(String, String)>) {
    for file in dir.files() {
        let name = file.path().to_string_lossy().replace('\\', "/");
        if let Some(text) = file.contents_utf8()
            && (name.ends_with(".typ") || name.ends_with(".j2"))
        {
            out.push((name, text.to_string()));
        }
    }
    for sub in dir.dirs() {
        collect_embedded(sub, out);
    }
}

fn new_env() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.set_keep_trailing_newline(true);
    env.set_auto_escape_callback(|_| AutoEscape::Custom("typst"));
    env.set_formatter(escape::formatter);
    env.add_filter("lit", escape::lit_filter);
    // "xã Hoà An" → "Xã Hoà An" (Jinja's `capitalize` would lower the rest).
    env.add_filter("upper_first", |s: String| crate::vn::upper_first(&s));
    env
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lib(files: &[(&str, &str)]) -> Templates {
        Templates::from_files(
            files
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
        )
        .unwrap()
    }

    /// `t.typ.j2` rendered with `ctx`.
    fn render(t: &Templates, ctx: serde_json::Value) -> String {
        t.render("t.typ.j2", &ctx).unwrap()
    }

    #[test]
    fn interpolation_is_text_not_markup() {
        let t = lib(&[("t.typ.j2", "Tên: {{ name }}.")]);
        let out = render(
            &t,
            serde_json::json!({"name": "Lò *Sáng* #x \"q\" \\ {{ 7*7 }}"}),
        );
        assert_eq!(out, "Tên: #\"Lò *Sáng* #x \\\"q\\\" \\\\ {{ 7*7 }}\";.");
    }

    #[test]
    fn lit_filter_builds_typst_values() {
        let t = lib(&[("t.typ.j2", "#f({{ v | lit }})")]);
        let out = render(
            &t,
            serde_json::json!({"v": {"a": [1, 2.5, true, null], "b-c": "x"}}),
        );
        assert_eq!(out, "#f((a: (1, 2.5, true, none,), \"b-c\": \"x\",))");
        let out = render(&t, serde_json::json!({"v": [[], {}, [1]]}));
        assert_eq!(out, "#f(((), (:), (1,),))");
    }

    #[test]
    fn upper_first_filter_capitalises_the_first_letter_only() {
        let t = lib(&[("t.typ.j2", "{{ c | upper_first }}")]);
        let out = render(&t, serde_json::json!({"c": "đảng uỷ xã Hoà An *x*"}));
        // Still plain text, never markup.
        assert_eq!(out, "#\"Đảng uỷ xã Hoà An *x*\";");
        assert_eq!(render(&t, serde_json::json!({"c": ""})), "#\"\";");
    }

    #[test]
    fn missing_field_is_an_error() {
        let t = lib(&[("t.typ.j2", "{{ nope }}")]);
        assert!(t.render("t.typ.j2", &serde_json::json!({})).is_err());
    }

    #[test]
    fn embedded_library_loads() {
        let t = Templates::load(None).unwrap();
        assert!(t.modules().iter().any(|(p, _)| p == "/lib/the-thuc.typ"));
        assert_eq!(t.fingerprint.len(), 64);
    }
}
