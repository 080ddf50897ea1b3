//! Input: walk a folder, read every data file, validate, cross-check.
//!
//! Files are parsed in parallel (rayon) into a format-neutral [`node::Node`]
//! tree; [`decode`] turns trees into entities; [`validate`] checks what spans
//! files (unique ids, references). Every problem is collected.

pub mod data;
pub mod decode;
pub mod node;
mod validate;
pub mod yaml;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

pub use data::*;
use decode::Decoder;
use node::{Node, Value};

use crate::diag::{Diagnostic, Diagnostics, Loc, display_path, suggest};

/// The top-level keys a data file may hold (data-model.md).
pub const TOP_KEYS: [&str; 10] = [
    "config",
    "communes",
    "positions",
    "officials",
    "evaluations",
    "courses",
    "trainings",
    "tasks",
    "initiatives",
    "surveys",
];

/// What one file contributed.
#[derive(Default)]
struct Part {
    /// Ids of entities that were present but invalid (already reported):
    /// references to them are not reported again.
    broken: Vec<String>,
    configs: Vec<Config>,
    communes: Vec<Commune>,
    positions: Vec<Position>,
    officials: Vec<Official>,
    evaluations: Vec<Evaluation>,
    courses: Vec<Course>,
    trainings: Vec<Training>,
    tasks: Vec<Task>,
    initiatives: Vec<Initiative>,
    surveys: Vec<Survey>,
}

/// The data files under `dir`, sorted. Today: YAML; `.csv`/`.xlsx` readers
/// would produce the same [`Node`] trees and plug in at [`read_file`].
pub fn discover(dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let root: Arc<Path> = Arc::from(display_path(dir));
    if !dir.is_dir() {
        return Err(Diagnostic::new(
            Loc::file_only(&root),
            "",
            "không tìm thấy thư mục dữ liệu (hãy chỉ ra thư mục chứa các tệp .yaml)",
        ));
    }
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
    {
        let entry = entry.map_err(|e| {
            Diagnostic::new(
                Loc::file_only(&root),
                "",
                format!("không đọc được thư mục: {e}"),
            )
        })?;
        let p = entry.path();
        let hidden = p
            .strip_prefix(dir)
            .map(|r| {
                r.components()
                    .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
            })
            .unwrap_or(false);
        if entry.file_type().is_file()
            && !hidden
            && matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
        {
            files.push(p.to_path_buf());
        }
    }
    Ok(files)
}

/// Load and validate everything under `dir`.
pub fn load(dir: &Path) -> Result<Dataset, Diagnostics> {
    let files = discover(dir).map_err(|d| Diagnostics(vec![d]))?;
    let results: Vec<(Part, Vec<Diagnostic>)> = files.par_iter().map(|f| read_file(f)).collect();
    let mut diags = Diagnostics::default();
    let mut all = Part::default();
    for (part, ds) in results {
        diags.0.extend(ds);
        all.broken.extend(part.broken);
        all.configs.extend(part.configs);
        all.communes.extend(part.communes);
        all.positions.extend(part.positions);
        all.officials.extend(part.officials);
        all.evaluations.extend(part.evaluations);
        all.courses.extend(part.courses);
        all.trainings.extend(part.trainings);
        all.tasks.extend(part.tasks);
        all.initiatives.extend(part.initiatives);
        all.surveys.extend(part.surveys);
    }
    let root: Arc<Path> = Arc::from(display_path(dir));
    let config = match all.configs.len() {
        0 => {
            diags.push(Diagnostic::new(
                Loc::file_only(&root),
                "config",
                "không có tệp nào chứa khoá \"config\" (cần đúng một)",
            ));
            None
        }
        _ => {
            for extra in &all.configs[1..] {
                diags.push(Diagnostic::new(
                    extra.src.loc.clone(),
                    "config",
                    format!(
                        "khoá \"config\" xuất hiện lần thứ hai (lần đầu ở {}); chỉ được có một",
                        all.configs[0].src.loc
                    ),
                ));
            }
            all.configs.into_iter().next()
        }
    };
    let dataset = config.map(|config| Dataset {
        config,
        communes: all.communes,
        positions: all.positions,
        officials: all.officials,
        evaluations: all.evaluations,
        courses: all.courses,
        trainings: all.trainings,
        tasks: all.tasks,
        initiatives: all.initiatives,
        surveys: all.surveys,
        index: Default::default(),
    });
    let mut dataset = dataset;
    if let Some(ds) = &mut dataset {
        ds.reindex();
    }
    if let Some(ds) = &dataset {
        validate::cross_check(ds, &all.broken, &mut diags);
    }
    diags.sort();
    match dataset {
        Some(ds) if diags.is_empty() => Ok(ds),
        _ => Err(diags),
    }
}

fn read_file(path: &Path) -> (Part, Vec<Diagnostic>) {
    let file: Arc<Path> = Arc::from(display_path(path));
    let mut d = Decoder::new(file.clone());
    let mut part = Part::default();
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            d.err(node::Pos::default(), "", format!("không đọc được tệp: {e}"));
            return (part, d.diags);
        }
    };
    let root = match yaml::parse(&bytes) {
        Ok(n) => n,
        Err(e) => {
            d.err(e.pos, "", e.message);
            return (part, d.diags);
        }
    };
    let fields = match &root.value {
        Value::Map(f) => f,
        Value::Null => return (part, d.diags),
        _ => {
            d.err(
                root.pos,
                "",
                "tệp phải là một bảng với các khoá cấp cao nhất như officials:, communes:, …",
            );
            return (part, d.diags);
        }
    };
    for (key, node) in fields {
        let k = key.name.as_str();
        match k {
            "config" => part.configs.extend(decode::config(&mut d, node, k)),
            "communes" => {
                part.communes
                    .extend(items(&mut d, &mut part.broken, node, k, decode::commune))
            }
            "positions" => {
                part.positions
                    .extend(items(&mut d, &mut part.broken, node, k, decode::position))
            }
            "officials" => {
                part.officials
                    .extend(items(&mut d, &mut part.broken, node, k, decode::official))
            }
            "evaluations" => part.evaluations.extend(items(
                &mut d,
                &mut part.broken,
                node,
                k,
                decode::evaluation,
            )),
            "courses" => {
                part.courses
                    .extend(items(&mut d, &mut part.broken, node, k, decode::course))
            }
            "trainings" => {
                part.trainings
                    .extend(items(&mut d, &mut part.broken, node, k, decode::training))
            }
            "tasks" => part
                .tasks
                .extend(items(&mut d, &mut part.broken, node, k, decode::task)),
            "initiatives" => part.initiatives.extend(items(
                &mut d,
                &mut part.broken,
                node,
                k,
                decode::initiative,
            )),
            "surveys" => {
                part.surveys
                    .extend(items(&mut d, &mut part.broken, node, k, decode::survey))
            }
            _ => {
                let mut msg = format!("khoá cấp cao nhất \"{k}\" không được hỗ trợ");
                match suggest(k, &TOP_KEYS) {
                    Some(s) => msg.push_str(&format!("; có phải \"{s}\"?")),
                    None => msg.push_str(&format!("; các khoá hợp lệ: {}", TOP_KEYS.join(", "))),
                }
                d.err(key.pos, k, msg);
            }
        }
    }
    (part, d.diags)
}

/// The entities of a top-level list; the ids of invalid ones go to `broken`.
fn items<T>(
    d: &mut Decoder,
    broken: &mut Vec<String>,
    node: &Node,
    key: &str,
    f: fn(&mut Decoder, &Node, &str) -> Option<T>,
) -> Vec<T> {
    if node.value == Value::Null {
        return Vec::new();
    }
    d.list_of(node, key, |d, item, path| {
        let out = f(d, item, path);
        if out.is_none()
            && let Value::Map(fields) = &item.value
            && let Some((_, id)) = fields.iter().find(|(k, _)| k.name == "id")
            && let Some(id) = id.as_text()
        {
            broken.push(id);
        }
        out
    })
    .unwrap_or_default()
}
