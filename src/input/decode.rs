//! [`Node`] tree → typed values. Every problem is recorded, none stops the
//! walk: a bad field drops its entity, the rest of the file is still read.
//!
//! The same decoders read YAML and sheets. In a sheet ([`SheetCtx`]) cells
//! are read as clerks write them: labels for codes, `dd/mm/yyyy` dates,
//! "Có"/"Không", lists in one cell, periods in words, commune names.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;

use super::data::*;
use super::node::{Key, Node, Pos, Value};
use super::schema::CodeList;
use super::text::{fold, key, nfc};
use crate::diag::{Diagnostic, Loc, Sheet, suggest};

/// What the decoder knows about the sheet it reads.
pub struct SheetCtx {
    pub sheet: Sheet,
    /// Field path within a record (`scores.k1`) → column number and header.
    pub columns: Vec<(String, u32, String)>,
    /// Required columns absent from the sheet, already reported once.
    pub missing: Vec<String>,
    pub communes: Arc<CommuneNames>,
}

/// Commune ids and names of all inputs, so a sheet may name a commune.
#[derive(Debug, Default)]
pub struct CommuneNames {
    pub ids: HashSet<String>,
    /// [`key`] of the name → ids of the communes of that name.
    pub names: HashMap<String, Vec<String>>,
}

impl CommuneNames {
    pub fn add(&mut self, id: &str, name: &str) {
        self.ids.insert(id.to_string());
        let ids = self.names.entry(key(name)).or_default();
        if !ids.iter().any(|i| i == id) {
            ids.push(id.to_string());
        }
    }

    /// The id for `s`: an id, or the name of exactly one commune (with or
    /// without "xã"/"phường"). `Err` lists the ids sharing that name.
    fn resolve(&self, s: &str) -> Result<String, Vec<String>> {
        if self.ids.contains(s) {
            return Ok(s.to_string());
        }
        let k = key(s);
        let bare = ["xã ", "phường "]
            .iter()
            .find_map(|p| k.strip_prefix(&format!("{} ", key(p))))
            .unwrap_or(&k);
        let found = self.names.get(&k).or_else(|| self.names.get(bare));
        match found.map(Vec::as_slice) {
            Some([id]) => Ok(id.clone()),
            Some(ids) if ids.len() > 1 => Err(ids.to_vec()),
            _ => Ok(s.to_string()),
        }
    }
}

/// Collects the problems of one file (or one sheet).
pub struct Decoder {
    pub file: Arc<Path>,
    pub diags: Vec<Diagnostic>,
    pub sheet: Option<SheetCtx>,
}

impl Decoder {
    pub fn new(file: Arc<Path>) -> Decoder {
        Decoder {
            file,
            diags: Vec::new(),
            sheet: None,
        }
    }

    pub fn for_sheet(file: Arc<Path>, ctx: SheetCtx) -> Decoder {
        Decoder {
            file,
            diags: Vec::new(),
            sheet: Some(ctx),
        }
    }

    /// Reading a sheet: cells are read leniently.
    fn cells(&self) -> bool {
        self.sheet.is_some()
    }

    pub fn loc(&self, pos: Pos) -> Loc {
        Loc {
            file: self.file.clone(),
            sheet: self.sheet.as_ref().map(|s| s.sheet.clone()),
            line: pos.line,
            col: pos.col,
        }
    }

    pub fn err(&mut self, pos: Pos, field: &str, message: impl Into<String>) {
        let loc = self.loc(pos);
        self.diags.push(Diagnostic::new(loc, field, message));
    }

    /// A problem a check across fields blames on `field` of the record
    /// `src`: reported at that field's value; when it is absent, at its
    /// cell in a sheet (the row's cell of its column), else at `instead`.
    pub fn blame(&mut self, src: &Src, field: &str, instead: &str, message: impl Into<String>) {
        let (mut loc, path) = src.at(field);
        if !src.fields.iter().any(|(n, _, _)| *n == field) {
            let column = self.sheet.as_ref().and_then(|ctx| {
                ctx.columns
                    .iter()
                    .find(|(p, _, _)| p == field)
                    .map(|(_, col, _)| *col)
            });
            match column {
                Some(col) => loc.col = col,
                None => loc = src.at(instead).0,
            }
        }
        self.diags.push(Diagnostic::new(loc, path, message));
    }

    pub fn expected(&mut self, node: &Node, field: &str, what: &str) {
        self.err(
            node.pos,
            field,
            format!("cần {what}, nhưng gặp {}", node.describe()),
        );
    }

    /// A required field absent from the record at `pos`.
    pub fn missing(&mut self, pos: Pos, field: &str, name: &str) {
        if let Some(ctx) = &self.sheet {
            let rel = field.split_once("].").map_or(field, |(_, r)| r);
            if ctx.missing.iter().any(|m| m == rel) {
                return;
            }
            if let Some((_, col, header)) = ctx.columns.iter().find(|(p, _, _)| p == rel) {
                let (col, header) = (*col, header.clone());
                let at = Pos {
                    line: pos.line,
                    col,
                };
                return self.err(
                    at,
                    field,
                    format!("ô trống; cột \"{header}\" bắt buộc phải có giá trị"),
                );
            }
        }
        self.err(pos, field, format!("thiếu trường bắt buộc \"{name}\""));
    }

    // ---- scalars ----

    pub fn text(&mut self, node: &Node, field: &str) -> Option<String> {
        match &node.value {
            Value::Str(s) if s.trim().is_empty() => {
                self.err(node.pos, field, "không được để trống");
                None
            }
            _ => self.string(node, field, str::trim, "một chuỗi văn bản"),
        }
    }

    /// Multi-line free text: kept as written (line breaks included).
    pub fn free_text(&mut self, node: &Node, field: &str) -> Option<String> {
        self.string(node, field, str::trim_end, "một đoạn văn bản")
    }

    /// A string trimmed by `trim` (NFC), or a number as written; else
    /// `what` was expected.
    fn string(
        &mut self,
        node: &Node,
        field: &str,
        trim: fn(&str) -> &str,
        what: &str,
    ) -> Option<String> {
        match &node.value {
            Value::Str(s) => Some(nfc(trim(s))),
            Value::Int(_) | Value::Float(_) => node.as_text(),
            _ => {
                self.expected(node, field, what);
                None
            }
        }
    }

    pub fn date(&mut self, node: &Node, field: &str) -> Option<NaiveDate> {
        let text = match &node.value {
            Value::Str(s) => Some(s.as_str()),
            _ => None,
        };
        if !self.cells() {
            let parsed = text.and_then(parse_date);
            if parsed.is_none() {
                self.err(
                    node.pos,
                    field,
                    format!(
                        "cần một ngày dạng YYYY-MM-DD (ví dụ 2026-06-30), nhưng gặp {}",
                        node.describe()
                    ),
                );
            }
            return parsed;
        }
        match text.map(parse_cell_date) {
            Some(Ok(d)) => Some(d),
            Some(Err(true)) => {
                self.err(
                    node.pos,
                    field,
                    format!("ngày {} không có trên lịch", node.describe()),
                );
                None
            }
            _ => {
                self.err(
                    node.pos,
                    field,
                    format!(
                        "cần một ngày dạng dd/mm/yyyy (ví dụ 30/06/2026) hoặc yyyy-mm-dd, nhưng gặp {}",
                        node.describe()
                    ),
                );
                None
            }
        }
    }

    pub fn period(&mut self, node: &Node, field: &str) -> Option<Period> {
        let text = node.as_text();
        let mut parsed = text.as_deref().and_then(Period::parse);
        if self.cells() {
            parsed = parsed.or_else(|| text.as_deref().and_then(period_words));
        }
        if parsed.is_none() {
            let forms = if self.cells() {
                "2026-H1, \"6 tháng đầu năm 2026\", \"Quý I năm 2026\" hoặc \"Năm 2026\""
            } else {
                "YYYY, YYYY-H1, YYYY-H2 hoặc YYYY-Q1..YYYY-Q4"
            };
            self.err(
                node.pos,
                field,
                format!("cần một kỳ dạng {forms}, nhưng gặp {}", node.describe()),
            );
        }
        parsed
    }

    pub fn boolean(&mut self, node: &Node, field: &str) -> Option<bool> {
        if let Value::Bool(b) = node.value {
            return Some(b);
        }
        if !self.cells() {
            self.expected(node, field, "true hoặc false");
            return None;
        }
        let word = node.as_text().map(|s| fold(&s));
        match word.as_deref() {
            Some("co" | "x" | "true" | "1" | "yes" | "dung") => Some(true),
            Some("khong" | "false" | "0" | "no" | "sai") => Some(false),
            _ => {
                self.expected(
                    node,
                    field,
                    "\"Có\" hoặc \"Không\" (hoặc x / để trống, TRUE/FALSE, 1/0)",
                );
                None
            }
        }
    }

    pub fn int(&mut self, node: &Node, field: &str, lo: i64, hi: i64) -> Option<i64> {
        let v = match &node.value {
            Value::Int(i) => Some(*i),
            Value::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => Some(*f as i64),
            Value::Str(s) if self.cells() => s.trim().parse().ok(),
            _ => None,
        };
        match v {
            Some(i) if (lo..=hi).contains(&i) => Some(i),
            Some(i) => {
                self.err(
                    node.pos,
                    field,
                    format!("giá trị {i} nằm ngoài khoảng cho phép {lo}..{hi}"),
                );
                None
            }
            None => {
                self.err(
                    node.pos,
                    field,
                    format!(
                        "cần một số nguyên từ {lo} đến {hi}, nhưng gặp {}",
                        node.describe()
                    ),
                );
                None
            }
        }
    }

    pub fn code<T: CodeList>(&mut self, node: &Node, field: &str) -> Option<T> {
        let list = T::LIST;
        let found = node.as_text();
        let index = match found.as_deref() {
            Some(s) if self.cells() => list.find(s),
            Some(s) => list.codes.iter().position(|c| *c == s),
            None => None,
        };
        if let Some(i) = index {
            return Some(T::nth(i));
        }
        let mut msg = format!("giá trị {} không hợp lệ; chấp nhận: ", node.describe());
        let hint = if self.cells() {
            let both: Vec<String> = (0..list.codes.len())
                .map(|i| format!("{} ({})", list.labels[i], list.codes[i]))
                .collect();
            msg.push_str(&both.join(", "));
            let folded: Vec<String> = list.labels.iter().map(|l| fold(l)).collect();
            let known: Vec<&str> = folded.iter().map(String::as_str).collect();
            found
                .as_deref()
                .and_then(|f| suggest(&fold(f), &known))
                .and_then(|s| folded.iter().position(|l| l == s))
                .map(|i| list.labels[i])
        } else {
            msg.push_str(&list.codes.join(", "));
            found.as_deref().and_then(|f| suggest(f, list.codes))
        };
        if let Some(s) = hint {
            msg.push_str(&format!(" (có phải \"{s}\"?)"));
        }
        self.err(node.pos, field, msg);
        None
    }

    pub fn list<'n>(&mut self, node: &'n Node, field: &str) -> Option<&'n [Node]> {
        match &node.value {
            Value::Seq(items) => Some(items),
            _ => {
                self.expected(node, field, "một danh sách (các dòng bắt đầu bằng \"- \")");
                None
            }
        }
    }

    /// A list whose items are decoded by `f`; bad items are dropped (and
    /// reported). In a sheet, one cell holds the items, separated by `,` or `;`.
    pub fn list_of<T>(
        &mut self,
        node: &Node,
        field: &str,
        mut f: impl FnMut(&mut Decoder, &Node, &str) -> Option<T>,
    ) -> Option<Vec<T>> {
        let split;
        let items = match &node.value {
            Value::Str(s) if self.cells() => {
                split = s
                    .split([',', ';'])
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(|p| Node {
                        pos: node.pos,
                        value: Value::Str(p.to_string()),
                    })
                    .collect::<Vec<_>>();
                &split
            }
            Value::Int(_) | Value::Float(_) if self.cells() => std::slice::from_ref(node),
            _ => self.list(node, field)?,
        };
        Some(
            items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| f(self, item, &format!("{field}[{i}]")))
                .collect(),
        )
    }
}

/// ISO date, strictly `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.len() != 10 || s.as_bytes()[4] != b'-' || s.as_bytes()[7] != b'-' {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// A date in a cell: `yyyy-mm-dd`, `dd/mm/yyyy` or `d/m/yyyy`.
/// `Err(true)`: written like a date, but no such day (30/02/1980).
fn parse_cell_date(s: &str) -> Result<NaiveDate, bool> {
    let s = s.trim();
    let digits = |p: &str, lens: std::ops::RangeInclusive<usize>| {
        lens.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
    };
    let dashes: Vec<&str> = s.split('-').collect();
    let slashes: Vec<&str> = s.split('/').collect();
    let (y, m, d) = match (&dashes[..], &slashes[..]) {
        (&[y, m, d], _) if digits(y, 4..=4) && digits(m, 2..=2) && digits(d, 2..=2) => (y, m, d),
        (_, &[d, m, y]) if digits(d, 1..=2) && digits(m, 1..=2) && digits(y, 4..=4) => (y, m, d),
        _ => return Err(false),
    };
    let num = |p: &str| p.parse::<u32>().unwrap_or(0);
    NaiveDate::from_ymd_opt(num(y) as i32, num(m), num(d)).ok_or(true)
}

/// "6 tháng đầu năm 2026", "6 tháng cuối năm 2026", "Quý I năm 2026",
/// "Năm 2026" (as [`Period::words`] writes them, in any case).
fn period_words(s: &str) -> Option<Period> {
    let k = key(s);
    let words: Vec<&str> = k.split(' ').collect();
    let year = |w: &str| (w.len() == 4).then(|| w.parse::<i32>().ok()).flatten();
    let is = |w: &str, word: &str| w == key(word);
    match words[..] {
        [n, y] if is(n, "năm") => Some(Period::Year(year(y)?)),
        [six, th, half, n, y] if six == "6" && is(th, "tháng") && is(n, "năm") => {
            let h = if is(half, "đầu") {
                1
            } else if is(half, "cuối") {
                2
            } else {
                return None;
            };
            Some(Period::Half(year(y)?, h))
        }
        [q, num, n, y] if (is(q, "quý") || is(q, "quí")) && is(n, "năm") => {
            let quarter = match num {
                "i" | "1" => 1,
                "ii" | "2" => 2,
                "iii" | "3" => 3,
                "iv" | "4" => 4,
                _ => return None,
            };
            Some(Period::Quarter(year(y)?, quarter))
        }
        _ => None,
    }
}

/// A field's decoder: from its node and dotted path to its value, or
/// `None` with the problem reported.
pub trait Field<T>: FnOnce(&mut Decoder, &Node, &str) -> Option<T> {}

impl<T, F: FnOnce(&mut Decoder, &Node, &str) -> Option<T>> Field<T> for F {}

/// One `&'static str` per distinct field name outside the data model (they
/// are reported as unknown; a run holds few).
fn intern(name: &str) -> &'static str {
    static NAMES: std::sync::Mutex<std::collections::BTreeSet<&'static str>> =
        std::sync::Mutex::new(std::collections::BTreeSet::new());
    let mut names = NAMES.lock().unwrap_or_else(|e| e.into_inner());
    match names.get(name) {
        Some(n) => n,
        None => {
            let n: &'static str = Box::leak(name.into());
            names.insert(n);
            n
        }
    }
}

/// A mapping being read field by field; unknown fields are reported at the end.
pub struct Obj<'n> {
    fields: &'n [(Key, Node)],
    pub path: String,
    pub pos: Pos,
    asked: Vec<&'static str>,
    ok: bool,
}

impl<'n> Obj<'n> {
    pub fn open(d: &mut Decoder, node: &'n Node, path: &str) -> Option<Obj<'n>> {
        match &node.value {
            Value::Map(fields) => Some(Obj {
                fields,
                path: path.to_string(),
                pos: node.pos,
                asked: Vec::new(),
                ok: true,
            }),
            _ => {
                d.expected(node, path, "một bảng khoá: giá trị");
                None
            }
        }
    }

    fn field(&self, name: &str) -> String {
        if self.path.is_empty() {
            name.to_string()
        } else {
            format!("{}.{name}", self.path)
        }
    }

    /// The node of `name`, if present and not null.
    pub fn get(&mut self, name: &'static str) -> Option<&'n Node> {
        self.asked.push(name);
        self.fields
            .iter()
            .find(|(k, _)| k.name == name)
            .map(|(_, v)| v)
            .filter(|v| v.value != Value::Null)
    }

    /// A required field decoded by `f`.
    pub fn req<T>(&mut self, d: &mut Decoder, name: &'static str, f: impl Field<T>) -> Option<T> {
        let field = self.field(name);
        let out = match self.get(name) {
            Some(node) => f(d, node, &field),
            None => {
                d.missing(self.pos, &field, name);
                None
            }
        };
        self.ok &= out.is_some();
        out
    }

    /// An optional field: `None` when absent; a present but bad value is reported.
    pub fn opt<T>(&mut self, d: &mut Decoder, name: &'static str, f: impl Field<T>) -> Option<T> {
        let field = self.field(name);
        let node = self.get(name)?;
        let out = f(d, node, &field);
        self.ok &= out.is_some();
        out
    }

    /// Where this mapping and its fields are.
    pub fn src(&self, d: &Decoder) -> Src {
        Src {
            loc: d.loc(self.pos),
            path: self.path.clone(),
            fields: self
                .fields
                .iter()
                .map(|(k, v)| (self.name(&k.name), v.pos.line, v.pos.col))
                .collect(),
        }
    }

    /// `name` as the data model spells it (every field asked for), else
    /// interned for the run: entities keep their fields' places, and a
    /// province has ≈ 113,000 of them.
    fn name(&self, name: &str) -> &'static str {
        self.asked
            .iter()
            .find(|a| **a == name)
            .copied()
            .unwrap_or_else(|| intern(name))
    }

    /// Report unknown fields; true when every field was valid.
    pub fn finish(self, d: &mut Decoder) -> bool {
        for (key, _) in self.fields {
            if !self.asked.contains(&key.name.as_str()) {
                let mut msg = format!("trường \"{}\" không có trong mô hình dữ liệu", key.name);
                if let Some(s) = suggest(&key.name, &self.asked) {
                    msg.push_str(&format!("; có phải \"{s}\"?"));
                } else {
                    msg.push_str(&format!("; các trường hợp lệ: {}", self.asked.join(", ")));
                }
                d.err(key.pos, &self.field(&key.name), msg);
            }
        }
        self.ok
    }
}

// The decoders of the kinds of `schema::Kind`, as plain functions.

pub fn text(d: &mut Decoder, n: &Node, f: &str) -> Option<String> {
    d.text(n, f)
}

/// A line that may be empty.
pub fn line(d: &mut Decoder, n: &Node, f: &str) -> Option<String> {
    d.free_text(n, f).map(|s| s.trim().to_string())
}

pub fn free(d: &mut Decoder, n: &Node, f: &str) -> Option<String> {
    d.free_text(n, f)
}

pub fn date(d: &mut Decoder, n: &Node, f: &str) -> Option<NaiveDate> {
    d.date(n, f)
}

pub fn boolean(d: &mut Decoder, n: &Node, f: &str) -> Option<bool> {
    d.boolean(n, f)
}

pub fn period(d: &mut Decoder, n: &Node, f: &str) -> Option<Period> {
    d.period(n, f)
}

pub fn code<T: CodeList>(d: &mut Decoder, n: &Node, f: &str) -> Option<T> {
    d.code(n, f)
}

pub fn slug(d: &mut Decoder, n: &Node, f: &str) -> Option<String> {
    let s = d.text(n, f)?;
    if s.bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        Some(s)
    } else {
        d.err(
            n.pos,
            f,
            format!(
                "mã \"{s}\" chỉ được gồm chữ thường không dấu, chữ số và dấu \"-\" (ví dụ hoa-an)"
            ),
        );
        None
    }
}

/// A commune id; in a sheet also the commune's name, when unique.
pub fn commune_ref(d: &mut Decoder, n: &Node, f: &str) -> Option<String> {
    let s = d.text(n, f)?;
    let Some(ctx) = &d.sheet else {
        return Some(s);
    };
    match ctx.communes.resolve(&s) {
        Ok(id) => Some(id),
        Err(ids) => {
            d.err(
                n.pos,
                f,
                format!(
                    "có nhiều xã/phường tên \"{s}\" ({}); hãy ghi mã xã/phường",
                    ids.join(", ")
                ),
            );
            None
        }
    }
}

pub fn string_list(d: &mut Decoder, n: &Node, f: &str) -> Option<Vec<String>> {
    d.list_of(n, f, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_dates() {
        let d = |s| parse_cell_date(s);
        let day = NaiveDate::from_ymd_opt(1985, 3, 12).unwrap();
        assert_eq!(d("12/03/1985"), Ok(day));
        assert_eq!(d("12/3/1985"), Ok(day));
        assert_eq!(d(" 1985-03-12 "), Ok(day));
        assert_eq!(d("30/02/1980"), Err(true));
        assert_eq!(d("1980-02-30"), Err(true));
        assert_eq!(d("12.03.1985"), Err(false));
        assert_eq!(d("1985/03/12"), Err(false));
        assert_eq!(d("12/03/85"), Err(false));
    }

    #[test]
    fn periods_in_words() {
        for p in [
            Period::Year(2026),
            Period::Half(2026, 1),
            Period::Half(2025, 2),
            Period::Quarter(2026, 1),
            Period::Quarter(2026, 4),
        ] {
            assert_eq!(period_words(&p.words()), Some(p), "{}", p.words());
            assert_eq!(period_words(&p.words().to_uppercase()), Some(p));
        }
        assert_eq!(
            period_words("Quý 3 năm 2026"),
            Some(Period::Quarter(2026, 3))
        );
        assert_eq!(period_words("Quý V năm 2026"), None);
        assert_eq!(period_words("năm 26"), None);
    }

    #[test]
    fn commune_names_resolve_when_unique() {
        let mut c = CommuneNames::default();
        c.add("hoa-an", "Hòa An");
        c.add("tra-linh", "Trà Lĩnh");
        c.add("tra-linh-2", "Trà Lĩnh");
        assert_eq!(c.resolve("hoa-an"), Ok("hoa-an".into()));
        assert_eq!(c.resolve("Hoà An"), Ok("hoa-an".into()));
        assert_eq!(c.resolve("xã hòa an"), Ok("hoa-an".into()));
        assert_eq!(c.resolve("nowhere"), Ok("nowhere".into()));
        assert_eq!(
            c.resolve("Trà Lĩnh"),
            Err(vec!["tra-linh".into(), "tra-linh-2".into()])
        );
    }
}
