//! Input: walk a folder, read every data file, validate, cross-check.
//!
//! Files are parsed in parallel (rayon) into format-neutral [`node::Node`]
//! trees: a YAML file is one tree, a sheet of a workbook or a CSV file is a
//! list of record trees ([`sheet`]). The declarations of [`entities`] decode
//! both; [`validate`] checks what spans files (unique ids, references).
//! Every problem is collected; remarks that do not stop the run are
//! returned in [`Dataset::notices`].

pub mod data;
pub mod decode;
pub mod entities;
pub mod node;
mod readers;
pub mod schema;
pub mod sheet;
pub mod template;
pub mod text;
mod validate;
pub mod yaml;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

pub use data::*;
use decode::{CommuneNames, Decoder, SheetCtx};
use node::{Node, Value};
use schema::Schema;
use sheet::{Grid, Records, SheetKind};

use crate::diag::{Diagnostic, Diagnostics, Loc, Notice, Sheet, display_path, suggest};

/// An entry of an official read from its own sheet, before it joins its owner.
struct Child<T> {
    official: String,
    loc: Loc,
    path: String,
    item: T,
}

/// The one list of entity kinds: top-level key (= [`Dataset`] field), type,
/// sheet names (Vietnamese first); then the sheets of entries of officials
/// (key = the field of `Official`).
macro_rules! entity_kinds {
    (
        $($key:ident: $ty:ty = [$($name:literal),+];)+
        @entries of $parent:ident {
            $($ckey:ident: $cty:ty = [$($cname:literal),+];)+
        }
    ) => {
        /// Everything read from an input folder, validated and cross-checked:
        /// the config and one list per kind.
        #[derive(Debug, Clone, serde::Serialize)]
        pub struct Dataset {
            pub config: Config,
            $(pub $key: Vec<$ty>,)+
            /// Lookups by id, built once at load (see [`Index`]).
            #[serde(skip)]
            pub index: Index,
            /// Warnings and notes about the inputs, for the user.
            #[serde(skip)]
            pub notices: Vec<Notice>,
        }

        /// The top-level keys a data file may hold (data-model.md).
        pub const TOP_KEYS: &[&str] = &["config", $(stringify!($key)),+];

        /// The sheets a workbook may hold (workbooks.md).
        pub const SHEETS: &[SheetKind] = &[
            $(SheetKind {
                key: stringify!($key),
                names: &[$($name),+],
                fields: <$ty as Schema>::FIELDS,
                parent: None,
            },)+
            $(SheetKind {
                key: stringify!($ckey),
                names: &[$($cname),+],
                fields: <$cty as Schema>::FIELDS,
                parent: Some(stringify!($parent)),
            },)+
        ];

        /// What one file or sheet contributed.
        #[derive(Default)]
        struct Part {
            /// Ids of entities that were present but invalid (already
            /// reported): references to them are not reported again.
            broken: Vec<String>,
            configs: Vec<Config>,
            /// Official records seen, valid or not.
            official_records: usize,
            $($key: Vec<$ty>,)+
            $($ckey: Vec<Child<$cty>>,)+
        }

        impl Part {
            fn absorb(&mut self, other: Part) {
                self.broken.extend(other.broken);
                self.configs.extend(other.configs);
                self.official_records += other.official_records;
                $(self.$key.extend(other.$key);)+
                $(self.$ckey.extend(other.$ckey);)+
            }

            /// Decode a record of list `key`; false if `key` is no list.
            fn decode(&mut self, d: &mut Decoder, key: &str, node: &Node, path: &str) -> bool {
                match key {
                    $(stringify!($key) => match <$ty as Schema>::decode(d, node, path) {
                        Some(v) => self.$key.push(v),
                        None => self.broken.extend(id_of(node)),
                    },)+
                    _ => return false,
                }
                if key == "officials" {
                    self.official_records += 1;
                }
                true
            }

            /// Decode an entry of an official from its sheet; it joins its
            /// owner (id, place of the id) later.
            fn decode_entry(&mut self, d: &mut Decoder, key: &str, owner: Option<(String, Loc)>, node: &Node, path: &str) {
                match key {
                    $(stringify!($ckey) => {
                        let item = <$cty as Schema>::decode(d, node, path);
                        if let (Some(item), Some((official, loc))) = (item, owner) {
                            self.$ckey.push(Child { official, loc, path: path.to_string(), item });
                        }
                    })+
                    _ => {}
                }
            }

            /// The dataset, entries joined to their officials.
            fn into_dataset(mut self, config: Config, diags: &mut Diagnostics, unchecked: &mut Unchecked) -> Dataset {
                let mut owners: HashMap<String, usize> = HashMap::new();
                for (i, o) in self.$parent.iter().enumerate() {
                    owners.entry(o.id.clone()).or_insert(i);
                }
                $(for c in std::mem::take(&mut self.$ckey) {
                    match owners.get(&c.official) {
                        Some(&i) => self.$parent[i].$ckey.push(c.item),
                        None => unknown_owner(diags, &owners, &self.broken, unchecked, &c.official, c.loc, c.path),
                    }
                })+
                // The lists grew by doubling while the files were merged.
                $(self.$key.shrink_to_fit();)+
                Dataset {
                    config,
                    $($key: self.$key,)+
                    index: Default::default(),
                    notices: Vec::new(),
                }
            }
        }
    };
}

entity_kinds! {
    communes: Commune = ["Xã phường", "communes"];
    positions: Position = ["Vị trí việc làm", "positions"];
    officials: Official = ["Cán bộ", "officials"];
    evaluations: Evaluation = ["Đánh giá", "evaluations"];
    courses: Course = ["Khoá học", "Khóa học", "courses"];
    trainings: Training = ["Đào tạo", "trainings"];
    tasks: Task = ["Nhiệm vụ", "tasks"];
    initiatives: Initiative = ["Sáng kiến", "initiatives"];
    surveys: Survey = ["Khảo sát", "surveys"];
    @entries of officials {
        history: HistoryItem = ["Quá trình công tác", "history"];
        rewards: Reward = ["Khen thưởng", "rewards"];
        disciplines: Discipline = ["Kỷ luật", "disciplines"];
    }
}

/// The sheet `baocao mau` writes to explain the columns; never data.
pub const GUIDE_SHEET: &str = "Hướng dẫn";

/// References to kinds whose file (or sheet) could not be read are not
/// checked: the ids they name may well be in it. One note says so.
#[derive(Default)]
pub struct Unchecked {
    /// Top-level keys of what could not be read.
    kinds: Vec<&'static str>,
    /// References left unchecked, by kind.
    skipped: Vec<&'static str>,
}

impl Unchecked {
    /// Whether a reference to `kind` that does not resolve is to be left
    /// unreported (noting it).
    pub fn skip(&mut self, kind: &'static str) -> bool {
        let skip = self.kinds.contains(&kind);
        if skip && !self.skipped.contains(&kind) {
            self.skipped.push(kind);
        }
        skip
    }

    /// The one note, when references were left unchecked.
    fn note(&self) -> Option<Notice> {
        (!self.skipped.is_empty()).then(|| {
            Notice::note(
                None,
                format!(
                    "chưa kiểm tra được các tham chiếu tới {} vì tệp chứa chúng có lỗi ở trên; sửa lỗi đó rồi chạy lại",
                    self.skipped
                        .iter()
                        .map(|k| SHEETS
                            .iter()
                            .find(|s| s.key == *k)
                            .map_or(k.to_string(), |s| s.names[0].to_lowercase()))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
        })
    }
}

/// The id of a record, if it has one.
fn id_of(node: &Node) -> Option<String> {
    match &node.value {
        Value::Map(fields) => fields
            .iter()
            .find(|(k, _)| k.name == "id")
            .and_then(|(_, v)| v.as_text()),
        _ => None,
    }
}

fn unknown_owner(
    diags: &mut Diagnostics,
    owners: &HashMap<String, usize>,
    broken: &[String],
    unchecked: &mut Unchecked,
    official: &str,
    loc: Loc,
    path: String,
) {
    if broken.iter().any(|b| b == official) || unchecked.skip("officials") {
        return;
    }
    let mut msg = format!("cán bộ \"{official}\" không có trong dữ liệu");
    let ids: Vec<&str> = owners.keys().map(String::as_str).collect();
    if let Some(s) = suggest(official, &ids) {
        msg.push_str(&format!("; có phải \"{s}\"?"));
    }
    diags.push(Diagnostic::new(loc, format!("{path}.official"), msg));
}

/// How a file is read, by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Yaml,
    Workbook,
    Csv,
}

impl Format {
    pub fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "yaml" | "yml" => Some(Format::Yaml),
            "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => Some(Format::Workbook),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }
}

/// The files of an input folder.
pub struct Discovered {
    /// The data files, sorted, each with its reader.
    pub files: Vec<(PathBuf, Format)>,
    /// A warning for each file no reader takes.
    pub notices: Vec<Notice>,
}

/// The files under `dir`. Hidden files and Office lock files (`~$…`,
/// `.~lock…`) are skipped.
pub fn discover(dir: &Path) -> Result<Discovered, Diagnostic> {
    let root: Arc<Path> = Arc::from(display_path(dir));
    if !dir.is_dir() {
        return Err(Diagnostic::new(
            Loc::file_only(&root),
            "",
            "không tìm thấy thư mục dữ liệu (hãy chỉ ra thư mục chứa các tệp .yaml, .xlsx, .ods hoặc .csv)",
        ));
    }
    let mut files = Vec::new();
    let mut notices = Vec::new();
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
        let skipped = p
            .strip_prefix(dir)
            .map(|r| {
                r.components().any(|c| {
                    let c = c.as_os_str().to_string_lossy();
                    c.starts_with('.') || c.starts_with("~$")
                })
            })
            .unwrap_or(false);
        if !entry.file_type().is_file() || skipped {
            continue;
        }
        match Format::of(p) {
            Some(f) => files.push((p.to_path_buf(), f)),
            None => notices.push(Notice::warning(
                Some(Loc::file_only(&Arc::from(display_path(p)))),
                "tệp này không được đọc (chỉ đọc .yaml, .yml, .xlsx, .xlsm, .xlsb, .xls, .ods, .csv); đã bỏ qua",
            )),
        }
    }
    Ok(Discovered { files, notices })
}

/// A file or sheet, parsed, waiting to be decoded.
enum Unit {
    Yaml(Arc<Path>, Node),
    Sheet(Arc<Path>, Records),
}

/// What reading one file gave.
#[derive(Default)]
struct Parsed {
    units: Vec<Unit>,
    diags: Vec<Diagnostic>,
    notices: Vec<Notice>,
    /// Top-level keys (kinds, or `config`) of what could not be read.
    unread: Vec<&'static str>,
}

/// The top-level keys a YAML text that could not be parsed seems to hold
/// (lines `key:` at the margin); all of them when none is recognisable.
fn keys_in_text(bytes: &[u8]) -> Vec<&'static str> {
    let text = String::from_utf8_lossy(bytes);
    let keys: Vec<&'static str> = TOP_KEYS
        .iter()
        .copied()
        .filter(|k| {
            text.lines().any(|l| {
                l.strip_prefix(k)
                    .is_some_and(|rest| rest.trim_start().starts_with(':'))
            })
        })
        .collect();
    if keys.is_empty() {
        TOP_KEYS.to_vec()
    } else {
        keys
    }
}

fn parse_file(path: &Path, format: Format) -> Parsed {
    let file: Arc<Path> = Arc::from(display_path(path));
    let mut out = Parsed::default();
    let fail = |out: &mut Parsed, msg: String| {
        out.diags
            .push(Diagnostic::new(Loc::new(&file, 0, 0), "", msg));
        out.unread = TOP_KEYS.to_vec();
    };
    if format == Format::Workbook {
        match readers::workbook(path) {
            Ok(grids) => {
                for (i, grid) in grids.iter().enumerate() {
                    sheet_unit(&mut out, &file, i as u32, grid, false);
                }
            }
            Err(msg) => fail(&mut out, msg),
        }
        return out;
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            fail(&mut out, format!("không đọc được tệp: {e}"));
            return out;
        }
    };
    match format {
        Format::Csv => match readers::csv(path, &bytes) {
            Ok(grid) => sheet_unit(&mut out, &file, 0, &grid, true),
            Err((line, msg)) => {
                // The row, as for any other place in a CSV file.
                let sheet = Sheet {
                    index: 0,
                    name: Arc::from(""),
                };
                out.diags
                    .push(Diagnostic::new(Loc::cell(&file, &sheet, line, 0), "", msg));
                let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
                out.unread = match stem.as_deref().map(sheet_name) {
                    Some(SheetName::Kind(k)) => vec![k.parent.unwrap_or(k.key)],
                    _ => TOP_KEYS.to_vec(),
                };
            }
        },
        _ => match yaml::parse(&bytes) {
            Ok(root) => out.units.push(Unit::Yaml(file.clone(), root)),
            Err(e) => {
                out.diags.push(Diagnostic::new(
                    Loc::new(&file, e.pos.line, e.pos.col),
                    "",
                    e.message,
                ));
                out.unread = keys_in_text(&bytes);
            }
        },
    }
    out
}

/// Which sheet kind a sheet (or CSV file) name means.
enum SheetName {
    Kind(&'static SheetKind),
    Guide,
    /// Close to this known name: a typo.
    Near(&'static str),
    Unknown,
}

fn sheet_name(name: &str) -> SheetName {
    let folded = text::fold(name);
    if folded == text::fold(GUIDE_SHEET) {
        return SheetName::Guide;
    }
    if let Some(k) = SHEETS
        .iter()
        .find(|k| k.names.iter().any(|n| text::fold(n) == folded))
    {
        return SheetName::Kind(k);
    }
    let all: Vec<(String, &'static str)> = SHEETS
        .iter()
        .flat_map(|k| k.names.iter().map(|n| (text::fold(n), *n)))
        .collect();
    let known: Vec<&str> = all.iter().map(|(f, _)| f.as_str()).collect();
    match suggest(&folded, &known) {
        Some(s) => SheetName::Near(all.iter().find(|(f, _)| f == s).map_or("", |(_, n)| *n)),
        None => SheetName::Unknown,
    }
}

fn sheet_unit(out: &mut Parsed, file: &Arc<Path>, index: u32, grid: &Grid, csv: bool) {
    let sheet = Sheet {
        index,
        name: Arc::from(if csv { "" } else { grid.name.trim() }),
    };
    let empty = grid.rows.iter().flatten().all(|v| *v == Value::Null);
    let here = Loc::cell(file, &sheet, 0, 0);
    match sheet_name(&grid.name) {
        SheetName::Kind(kind) => {
            let before = out.diags.len();
            let records = sheet::records(file, sheet, kind, grid, &mut out.diags);
            if records.records.is_empty() && out.diags.len() > before {
                // The sheet could not be read (no header row).
                out.unread.push(kind.parent.unwrap_or(kind.key));
            }
            out.units.push(Unit::Sheet(file.clone(), records));
        }
        SheetName::Guide => {}
        SheetName::Near(name) => out.diags.push(Diagnostic::new(
            here,
            "",
            format!(
                "trang \"{}\" không phải trang dữ liệu nào; có phải \"{name}\"?",
                grid.name.trim()
            ),
        )),
        SheetName::Unknown if empty => {}
        SheetName::Unknown => {
            let names: Vec<&str> = SHEETS.iter().map(|k| k.names[0]).collect();
            let what = if csv { "tên tệp" } else { "trang" };
            let msg = format!(
                "{what} \"{}\" không phải trang dữ liệu nào (các trang: {}); đã bỏ qua",
                grid.name.trim(),
                names.join(", ")
            );
            out.notices.push(if csv {
                Notice::warning(Some(here), msg)
            } else {
                Notice::note(Some(here), msg)
            });
        }
    }
}

/// Commune ids and names from the parsed trees, before decoding.
fn commune_names(units: &[Unit]) -> CommuneNames {
    let mut names = CommuneNames::default();
    let mut add = |n: &Node| {
        if let Value::Map(fields) = &n.value {
            let get = |k: &str| {
                fields
                    .iter()
                    .find(|(key, _)| key.name == k)
                    .and_then(|(_, v)| v.as_text())
            };
            if let (Some(id), Some(name)) = (get("id"), get("name")) {
                names.add(id.trim(), name.trim());
            }
        }
    };
    for unit in units {
        match unit {
            Unit::Yaml(_, root) => {
                if let Value::Map(top) = &root.value {
                    for (k, v) in top {
                        if let (Value::Seq(items), "communes") = (&v.value, k.name.as_str()) {
                            items.iter().for_each(&mut add);
                        }
                    }
                }
            }
            Unit::Sheet(_, r) if r.kind.key == "communes" => {
                r.records.iter().for_each(|rec| add(&rec.node));
            }
            Unit::Sheet(..) => {}
        }
    }
    names
}

fn decode_unit(unit: Unit, communes: &Arc<CommuneNames>) -> (Part, Vec<Diagnostic>) {
    let mut part = Part::default();
    match unit {
        Unit::Yaml(file, root) => {
            let mut d = Decoder::new(file);
            decode_yaml(&mut d, &mut part, &root);
            (part, d.diags)
        }
        Unit::Sheet(file, r) => {
            let ctx = SheetCtx {
                sheet: r.sheet,
                columns: r.columns,
                missing: r.missing,
                communes: communes.clone(),
            };
            let mut d = Decoder::for_sheet(file, ctx);
            let key = r.kind.key;
            for (i, rec) in r.records.iter().enumerate() {
                let path = format!("{key}[{i}]");
                if r.kind.parent.is_none() {
                    part.decode(&mut d, key, &rec.node, &path);
                    continue;
                }
                let owner_path = format!("{path}.official");
                let owner = match &rec.owner {
                    Some(n) => decode::text(&mut d, n, &owner_path).map(|id| (id, d.loc(n.pos))),
                    None => {
                        d.missing(rec.node.pos, &owner_path, "official");
                        None
                    }
                };
                part.decode_entry(&mut d, key, owner, &rec.node, &path);
            }
            (part, d.diags)
        }
    }
}

fn decode_yaml(d: &mut Decoder, part: &mut Part, root: &Node) {
    let fields = match &root.value {
        Value::Map(f) => f,
        Value::Null => return,
        _ => {
            d.err(
                root.pos,
                "",
                "tệp phải là một bảng với các khoá cấp cao nhất như officials:, communes:, …",
            );
            return;
        }
    };
    for (key, node) in fields {
        let k = key.name.as_str();
        if k == "config" {
            part.configs.extend(entities::config(d, node, k));
            continue;
        }
        if TOP_KEYS.contains(&k) {
            if node.value == Value::Null {
                continue;
            }
            if let Some(items) = d.list(node, k) {
                for (i, item) in items.iter().enumerate() {
                    part.decode(d, k, item, &format!("{k}[{i}]"));
                }
            }
            continue;
        }
        let mut msg = format!("khoá cấp cao nhất \"{k}\" không được hỗ trợ");
        match suggest(k, TOP_KEYS) {
            Some(s) => msg.push_str(&format!("; có phải \"{s}\"?")),
            None => msg.push_str(&format!("; các khoá hợp lệ: {}", TOP_KEYS.join(", "))),
        }
        d.err(key.pos, k, msg);
    }
}

/// Load and validate everything under `dir`.
pub fn load(dir: &Path) -> Result<Dataset, Diagnostics> {
    let Discovered { files, mut notices } =
        discover(dir).map_err(|d| Diagnostics(vec![d], Vec::new()))?;
    let parsed: Vec<Parsed> = files
        .par_iter()
        .map(|(f, fmt)| parse_file(f, *fmt))
        .collect();
    let mut diags = Diagnostics::default();
    let mut units = Vec::new();
    let mut unchecked = Unchecked::default();
    for p in parsed {
        diags.0.extend(p.diags);
        notices.extend(p.notices);
        units.extend(p.units);
        unchecked.kinds.extend(p.unread);
    }
    let communes = Arc::new(commune_names(&units));
    let results: Vec<(Part, Vec<Diagnostic>)> = units
        .into_par_iter()
        .map(|u| decode_unit(u, &communes))
        .collect();
    let mut all = Part::default();
    for (part, ds) in results {
        diags.0.extend(ds);
        all.absorb(part);
    }
    let root: Arc<Path> = Arc::from(display_path(dir));
    if all.official_records == 0 && !unchecked.kinds.contains(&"officials") {
        diags.push(Diagnostic::new(
            Loc::file_only(&root),
            "officials",
            "không có cán bộ nào trong dữ liệu: cần danh sách officials: trong một tệp .yaml, hoặc trang \"Cán bộ\" trong một bảng tính (.xlsx, .ods) hay tệp can-bo.csv",
        ));
    }
    let configs = std::mem::take(&mut all.configs);
    if configs.is_empty() && !unchecked.kinds.contains(&"config") {
        diags.push(Diagnostic::new(
            Loc::file_only(&root),
            "config",
            "không có tệp nào chứa khoá \"config\" (cần đúng một)",
        ));
    }
    for extra in configs.iter().skip(1) {
        diags.push(Diagnostic::new(
            extra.src.loc.clone(),
            "config",
            format!(
                "khoá \"config\" xuất hiện lần thứ hai (lần đầu ở {}); chỉ được có một",
                configs[0].src.loc
            ),
        ));
    }
    let config = configs.into_iter().next();
    let broken = all.broken.clone();
    let mut dataset = config.map(|config| all.into_dataset(config, &mut diags, &mut unchecked));
    if let Some(ds) = &mut dataset {
        ds.reindex();
        validate::cross_check(ds, &broken, &mut unchecked, &mut diags);
        notices.extend(unevaluated(ds));
    }
    diags.sort();
    diags.1.extend(unchecked.note());
    notices.sort();
    match dataset {
        Some(mut ds) if diags.is_empty() => {
            ds.notices = notices;
            Ok(ds)
        }
        _ => Err(diags),
    }
}

/// One warning for the officials without an evaluation of `config.period`.
fn unevaluated(ds: &Dataset) -> Option<Notice> {
    let period = ds.config.period;
    let n = ds
        .officials
        .iter()
        .filter(|o| !ds.evaluations_of(&o.id).any(|e| e.period == period))
        .count();
    (n > 0).then(|| {
        Notice::warning(
            None,
            format!(
                "{n} trong số {} cán bộ chưa có phiếu đánh giá kỳ {} ({})",
                ds.officials.len(),
                period.code(),
                period.words()
            ),
        )
    })
}
