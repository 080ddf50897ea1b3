//! [`Node`] tree → typed entities. Every problem is recorded, none stops the
//! walk: a bad field drops its entity, the rest of the file is still read.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;

use super::data::*;
use super::node::{Key, Node, Pos, Value};
use crate::diag::{Diagnostic, Loc, suggest};

/// Collects the problems of one file.
pub struct Decoder {
    pub file: Arc<Path>,
    pub diags: Vec<Diagnostic>,
}

impl Decoder {
    pub fn new(file: Arc<Path>) -> Decoder {
        Decoder {
            file,
            diags: Vec::new(),
        }
    }

    pub fn loc(&self, pos: Pos) -> Loc {
        Loc::new(&self.file, pos.line, pos.col)
    }

    pub fn err(&mut self, pos: Pos, field: &str, message: impl Into<String>) {
        let loc = self.loc(pos);
        self.diags.push(Diagnostic::new(loc, field, message));
    }

    fn expected(&mut self, node: &Node, field: &str, what: &str) {
        self.err(
            node.pos,
            field,
            format!("cần {what}, nhưng gặp {}", node.describe()),
        );
    }

    // ---- scalars ----

    pub fn text(&mut self, node: &Node, field: &str) -> Option<String> {
        match &node.value {
            Value::Str(s) if s.trim().is_empty() => {
                self.err(node.pos, field, "không được để trống");
                None
            }
            Value::Str(s) => Some(nfc(s.trim())),
            Value::Int(_) | Value::Float(_) => node.as_text(),
            _ => {
                self.expected(node, field, "một chuỗi văn bản");
                None
            }
        }
    }

    /// Multi-line free text: kept as written (line breaks included).
    pub fn free_text(&mut self, node: &Node, field: &str) -> Option<String> {
        match &node.value {
            Value::Str(s) => Some(nfc(s.trim_end())),
            Value::Int(_) | Value::Float(_) => node.as_text(),
            _ => {
                self.expected(node, field, "một đoạn văn bản");
                None
            }
        }
    }

    pub fn date(&mut self, node: &Node, field: &str) -> Option<NaiveDate> {
        let parsed = match &node.value {
            Value::Str(s) => parse_date(s),
            _ => None,
        };
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
        parsed
    }

    pub fn period(&mut self, node: &Node, field: &str) -> Option<Period> {
        let parsed = node.as_text().and_then(|s| Period::parse(&s));
        if parsed.is_none() {
            self.err(
                node.pos,
                field,
                format!(
                    "cần một kỳ dạng YYYY, YYYY-H1, YYYY-H2 hoặc YYYY-Q1..YYYY-Q4, nhưng gặp {}",
                    node.describe()
                ),
            );
        }
        parsed
    }

    pub fn boolean(&mut self, node: &Node, field: &str) -> Option<bool> {
        match node.value {
            Value::Bool(b) => Some(b),
            _ => {
                self.expected(node, field, "true hoặc false");
                None
            }
        }
    }

    pub fn int(&mut self, node: &Node, field: &str, lo: i64, hi: i64) -> Option<i64> {
        let v = match node.value {
            Value::Int(i) => Some(i),
            Value::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => Some(f as i64),
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

    pub fn code<T: Copy>(
        &mut self,
        node: &Node,
        field: &str,
        parse: fn(&str) -> Option<T>,
        codes: &[&str],
    ) -> Option<T> {
        let found = node.as_text();
        match found.as_deref().and_then(parse) {
            Some(v) => Some(v),
            None => {
                let mut msg = format!(
                    "giá trị {} không hợp lệ; chấp nhận: {}",
                    node.describe(),
                    codes.join(", ")
                );
                if let Some(s) = found.as_deref().and_then(|f| suggest(f, codes)) {
                    msg.push_str(&format!(" (có phải \"{s}\"?)"));
                }
                self.err(node.pos, field, msg);
                None
            }
        }
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

    /// A list whose items are decoded by `f`; bad items are dropped (and reported).
    pub fn list_of<T>(
        &mut self,
        node: &Node,
        field: &str,
        mut f: impl FnMut(&mut Decoder, &Node, &str) -> Option<T>,
    ) -> Option<Vec<T>> {
        let items = self.list(node, field)?;
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

fn nfc(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfc().collect()
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
    pub fn req<T>(
        &mut self,
        d: &mut Decoder,
        name: &'static str,
        f: impl FnOnce(&mut Decoder, &Node, &str) -> Option<T>,
    ) -> Option<T> {
        let field = self.field(name);
        let out = match self.get(name) {
            Some(node) => f(d, node, &field),
            None => {
                d.err(
                    self.pos,
                    &field,
                    format!("thiếu trường bắt buộc \"{name}\""),
                );
                None
            }
        };
        self.ok &= out.is_some();
        out
    }

    /// An optional field: `None` when absent; a present but bad value is reported.
    pub fn opt<T>(
        &mut self,
        d: &mut Decoder,
        name: &'static str,
        f: impl FnOnce(&mut Decoder, &Node, &str) -> Option<T>,
    ) -> Option<T> {
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
                .map(|(k, v)| (k.name.clone(), v.pos.line, v.pos.col))
                .collect(),
        }
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

// Shorthands for field decoders.
fn text(d: &mut Decoder, n: &Node, f: &str) -> Option<String> {
    d.text(n, f)
}
fn free(d: &mut Decoder, n: &Node, f: &str) -> Option<String> {
    d.free_text(n, f)
}
fn date(d: &mut Decoder, n: &Node, f: &str) -> Option<NaiveDate> {
    d.date(n, f)
}
fn boolean(d: &mut Decoder, n: &Node, f: &str) -> Option<bool> {
    d.boolean(n, f)
}
fn period(d: &mut Decoder, n: &Node, f: &str) -> Option<Period> {
    d.period(n, f)
}
macro_rules! code {
    ($t:ty) => {
        |d: &mut Decoder, n: &Node, f: &str| d.code(n, f, <$t>::from_code, <$t>::CODES)
    };
}

fn slug(d: &mut Decoder, n: &Node, f: &str) -> Option<String> {
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

fn string_list(d: &mut Decoder, n: &Node, f: &str) -> Option<Vec<String>> {
    d.list_of(n, f, text)
}

// ---- entities ----

pub fn signer(d: &mut Decoder, n: &Node, path: &str) -> Option<Signer> {
    let mut o = Obj::open(d, n, path)?;
    let authority = o.opt(d, "authority", free).unwrap_or_default();
    let role = o.req(d, "role", text);
    let name = o.req(d, "name", text);
    o.finish(d).then_some(())?;
    Some(Signer {
        authority: authority.trim().to_string(),
        role: role?,
        name: name?,
    })
}

pub fn body(d: &mut Decoder, n: &Node, path: &str) -> Option<Body> {
    let mut o = Obj::open(d, n, path)?;
    let parent = o.req(d, "parent", text);
    let name = o.req(d, "name", text);
    let code = o.req(d, "code", text);
    let signer = o.req(d, "signer", signer);
    o.finish(d).then_some(())?;
    Some(Body {
        parent: parent?,
        name: name?,
        code: code?,
        signer: signer?,
    })
}

fn resolution(d: &mut Decoder, n: &Node, path: &str) -> Option<Resolution> {
    let mut o = Obj::open(d, n, path)?;
    let number = o.req(d, "number", text);
    let issued_on = o.req(d, "issued_on", date);
    let title = o.req(d, "title", text);
    o.finish(d).then_some(())?;
    Some(Resolution {
        number: number?,
        issued_on: issued_on?,
        title: title?,
    })
}

fn kpi(d: &mut Decoder, n: &Node, path: &str) -> Option<Kpi> {
    let mut o = Obj::open(d, n, path)?;
    let mut kpi = Kpi::default();
    let pct = |d: &mut Decoder, n: &Node, f: &str| d.int(n, f, 0, 100).map(|i| i as u32);
    if let Some(w) = o.opt(d, "weights", |d, n, p| {
        let mut o = Obj::open(d, n, p)?;
        let r = o.req(d, "results", pct);
        let s = o.req(d, "service", pct);
        let c = o.req(d, "coordination", pct);
        let di = o.req(d, "discipline", pct);
        o.finish(d).then_some(())?;
        let w = [r?, s?, c?, di?];
        if w.iter().sum::<u32>() != 100 {
            d.err(
                n.pos,
                p,
                format!(
                    "tổng các trọng số phải bằng 100, nhưng là {}",
                    w.iter().sum::<u32>()
                ),
            );
            return None;
        }
        Some(w)
    }) {
        kpi.weights = w;
    }
    if let Some(t) = o.opt(d, "thresholds", |d, n, p| {
        let mut o = Obj::open(d, n, p)?;
        let e = o.req(d, "excellent", pct);
        let g = o.req(d, "good", pct);
        let pa = o.req(d, "pass", pct);
        o.finish(d).then_some(())?;
        let (e, g, pa) = (e?, g?, pa?);
        if !(e > g && g > pa) {
            d.err(
                n.pos,
                p,
                format!("ngưỡng phải giảm dần excellent > good > pass, nhưng là {e}, {g}, {pa}"),
            );
            return None;
        }
        Some(Thresholds {
            excellent: e,
            good: g,
            pass: pa,
        })
    }) {
        kpi.thresholds = t;
    }
    if let Some(q) = o.opt(d, "excellent_quota", pct) {
        kpi.excellent_quota = q;
    }
    o.finish(d).then_some(kpi)
}

fn warnings(d: &mut Decoder, n: &Node, path: &str) -> Option<WarningRules> {
    let mut o = Obj::open(d, n, path)?;
    let mut w = WarningRules::default();
    if let Some(v) = o.opt(d, "discipline_months", |d, n, f| d.int(n, f, 1, 240)) {
        w.discipline_months = v as u32;
    }
    if let Some(v) = o.opt(d, "discipline_score", |d, n, f| d.int(n, f, 0, 100)) {
        w.discipline_score = v as u32;
    }
    if let Some(v) = o.opt(d, "late_tasks", |d, n, f| d.int(n, f, 1, 1000)) {
        w.late_tasks = v as u32;
    }
    o.finish(d).then_some(w)
}

fn text_map(d: &mut Decoder, n: &Node, path: &str) -> Option<BTreeMap<String, String>> {
    let Value::Map(fields) = &n.value else {
        d.expected(n, path, "một bảng khoá: giá trị");
        return None;
    };
    let mut out = BTreeMap::new();
    let mut ok = true;
    for (k, v) in fields {
        match v.value {
            Value::Null => {}
            _ => match d.free_text(v, &format!("{path}.{}", k.name)) {
                Some(t) => {
                    out.insert(k.name.clone(), t);
                }
                None => ok = false,
            },
        }
    }
    ok.then_some(out)
}

fn list_map(d: &mut Decoder, n: &Node, path: &str) -> Option<BTreeMap<String, Vec<String>>> {
    let Value::Map(fields) = &n.value else {
        d.expected(n, path, "một bảng khoá: danh sách");
        return None;
    };
    let mut out = BTreeMap::new();
    let mut ok = true;
    for (k, v) in fields {
        match string_list(d, v, &format!("{path}.{}", k.name)) {
            Some(l) => {
                out.insert(k.name.clone(), l);
            }
            None => ok = false,
        }
    }
    ok.then_some(out)
}

fn json_map(d: &mut Decoder, n: &Node, path: &str) -> Option<BTreeMap<String, serde_json::Value>> {
    fn to_json(n: &Node) -> serde_json::Value {
        use serde_json::Value as J;
        match &n.value {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Int(i) => J::from(*i),
            Value::Float(f) => J::from(*f),
            Value::Str(s) => J::String(s.clone()),
            Value::Seq(items) => J::Array(items.iter().map(to_json).collect()),
            Value::Map(m) => J::Object(
                m.iter()
                    .map(|(k, v)| (k.name.clone(), to_json(v)))
                    .collect(),
            ),
        }
    }
    match to_json(n) {
        serde_json::Value::Object(m) => Some(m.into_iter().collect()),
        _ => {
            d.expected(n, path, "một bảng khoá: giá trị");
            None
        }
    }
}

pub fn config(d: &mut Decoder, n: &Node, path: &str) -> Option<Config> {
    let mut o = Obj::open(d, n, path)?;
    let province = o.req(d, "province", text);
    let as_of = o.req(d, "as_of", date);
    let period = o.req(d, "period", period);
    let place = o.req(d, "place", text);
    let issued_on = o.req(d, "issued_on", date);
    let resolution = o.req(d, "resolution", resolution);
    let kpi = o.opt(d, "kpi", kpi).unwrap_or_default();
    let warnings = o.opt(d, "warnings", warnings).unwrap_or_default();
    let bodies = o.req(d, "bodies", |d, n, p| {
        let mut o = Obj::open(d, n, p)?;
        let pc = o.req(d, "provincial_committee", body);
        let ob = o.req(d, "organization_board", body);
        o.finish(d).then_some(())?;
        Some((pc?, ob?))
    });
    let numbering = o.opt(d, "numbering", text_map).unwrap_or_default();
    let recipients = o.opt(d, "recipients", list_map).unwrap_or_default();
    let narrative = o.opt(d, "narrative", text_map).unwrap_or_default();
    let layout = o.opt(d, "layout", json_map).unwrap_or_default();
    let src = o.src(d);
    o.finish(d).then_some(())?;
    let (provincial_committee, organization_board) = bodies?;
    Some(Config {
        province: province?,
        as_of: as_of?,
        period: period?,
        place: place?,
        issued_on: issued_on?,
        resolution: resolution?,
        kpi,
        warnings,
        provincial_committee,
        organization_board,
        numbering,
        recipients,
        narrative,
        layout,
        src,
    })
}

pub fn commune(d: &mut Decoder, n: &Node, path: &str) -> Option<Commune> {
    let mut o = Obj::open(d, n, path)?;
    let id = o.req(d, "id", slug);
    let name = o.req(d, "name", text);
    let kind = o.req(d, "kind", code!(CommuneKind));
    let region = o.req(d, "region", code!(Region));
    let cluster = o.opt(d, "cluster", text);
    let secretary = o.opt(d, "secretary", text);
    let src = o.src(d);
    o.finish(d).then_some(())?;
    Some(Commune {
        id: id?,
        name: name?,
        kind: kind?,
        region: region?,
        cluster,
        secretary,
        src,
    })
}

pub fn position(d: &mut Decoder, n: &Node, path: &str) -> Option<Position> {
    let mut o = Obj::open(d, n, path)?;
    let id = o.req(d, "id", slug);
    let name = o.req(d, "name", text);
    let bloc = o.req(d, "bloc", code!(Bloc));
    let leader = o.opt(d, "leader", boolean).unwrap_or(false);
    let requires = o
        .opt(d, "requires", |d, n, p| {
            let mut o = Obj::open(d, n, p)?;
            let education = o.opt(d, "education", code!(Education));
            let majors = o
                .opt(d, "majors", |d, n, f| d.list_of(n, f, code!(Major)))
                .unwrap_or_default();
            let political_theory = o.opt(d, "political_theory", code!(PoliticalTheory));
            let it_skill = o.opt(d, "it_skill", code!(ItSkill));
            o.finish(d).then_some(Requirements {
                education,
                majors,
                political_theory,
                it_skill,
            })
        })
        .unwrap_or_default();
    let region_priorities = o
        .opt(d, "region_priorities", |d, n, p| {
            let Value::Map(fields) = &n.value else {
                d.expected(n, p, "một bảng vùng: danh sách");
                return None;
            };
            let mut out = BTreeMap::new();
            for (k, v) in fields {
                let key_node = Node {
                    pos: k.pos,
                    value: Value::Str(k.name.clone()),
                };
                let f = format!("{p}.{}", k.name);
                let region = d.code(&key_node, &f, Region::from_code, Region::CODES);
                let items = string_list(d, v, &f);
                if let (Some(r), Some(i)) = (region, items) {
                    out.insert(r, i);
                }
            }
            Some(out)
        })
        .unwrap_or_default();
    let src = o.src(d);
    o.finish(d).then_some(())?;
    Some(Position {
        id: id?,
        name: name?,
        bloc: bloc?,
        leader,
        requires,
        region_priorities,
        src,
    })
}

fn history_item(d: &mut Decoder, n: &Node, p: &str) -> Option<HistoryItem> {
    let mut o = Obj::open(d, n, p)?;
    let from = o.req(d, "from", date);
    let to = o.opt(d, "to", date);
    let unit = o.req(d, "unit", text);
    let role = o.req(d, "role", text);
    o.finish(d).then_some(())?;
    Some(HistoryItem {
        from: from?,
        to,
        unit: unit?,
        role: role?,
    })
}

fn reward(d: &mut Decoder, n: &Node, p: &str) -> Option<Reward> {
    let mut o = Obj::open(d, n, p)?;
    let on = o.req(d, "on", date);
    let decision = o.opt(d, "decision", text).unwrap_or_default();
    let content = o.req(d, "content", text);
    o.finish(d).then_some(())?;
    Some(Reward {
        on: on?,
        decision,
        content: content?,
    })
}

fn discipline(d: &mut Decoder, n: &Node, p: &str) -> Option<Discipline> {
    let mut o = Obj::open(d, n, p)?;
    let on = o.req(d, "on", date);
    let decision = o.opt(d, "decision", text).unwrap_or_default();
    let form = o.req(d, "form", text);
    let content = o.opt(d, "content", free).unwrap_or_default();
    o.finish(d).then_some(())?;
    Some(Discipline {
        on: on?,
        decision,
        form: form?,
        content,
    })
}

pub fn official(d: &mut Decoder, n: &Node, path: &str) -> Option<Official> {
    let mut o = Obj::open(d, n, path)?;
    let id = o.req(d, "id", text);
    let name = o.req(d, "name", text);
    let birth_date = o.req(d, "birth_date", date);
    let gender = o.req(d, "gender", code!(Gender));
    let ethnicity = o.req(d, "ethnicity", text);
    let commune = o.req(d, "commune", text);
    let bloc = o.req(d, "bloc", code!(Bloc));
    let position = o.req(d, "position", text);
    let title = o.opt(d, "title", text);
    let education = o.req(d, "education", code!(Education));
    let major = o.opt(d, "major", code!(Major));
    let political_theory = o.req(d, "political_theory", code!(PoliticalTheory));
    let it_skill = o.req(d, "it_skill", code!(ItSkill));
    let party_joined_on = o.opt(d, "party_joined_on", date);
    let digital_profile = o.opt(d, "digital_profile", boolean).unwrap_or(false);
    let history = o
        .opt(d, "history", |d, n, f| d.list_of(n, f, history_item))
        .unwrap_or_default();
    let rewards = o
        .opt(d, "rewards", |d, n, f| d.list_of(n, f, reward))
        .unwrap_or_default();
    let disciplines = o
        .opt(d, "disciplines", |d, n, f| d.list_of(n, f, discipline))
        .unwrap_or_default();
    let src = o.src(d);
    o.finish(d).then_some(())?;
    Some(Official {
        id: id?,
        name: name?,
        birth_date: birth_date?,
        gender: gender?,
        ethnicity: ethnicity?,
        commune: commune?,
        bloc: bloc?,
        position: position?,
        title,
        education: education?,
        major,
        political_theory: political_theory?,
        it_skill: it_skill?,
        party_joined_on,
        digital_profile,
        history,
        rewards,
        disciplines,
        src,
    })
}

const SCORE_KEYS: [&str; 11] = [
    "k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9", "k10", "k11",
];

pub fn evaluation(d: &mut Decoder, n: &Node, path: &str) -> Option<Evaluation> {
    let mut o = Obj::open(d, n, path)?;
    let official = o.req(d, "official", text);
    let period = o.req(d, "period", period);
    let scores = o.req(d, "scores", |d, n, p| {
        let mut o = Obj::open(d, n, p)?;
        let mut out = [0u32; 11];
        for (i, key) in SCORE_KEYS.iter().enumerate() {
            if let Some(v) = o.req(d, key, |d, n, f| d.int(n, f, 0, 100)) {
                out[i] = v as u32;
            }
        }
        o.finish(d).then_some(out)
    });
    let self_assessment = o.opt(d, "self_assessment", free);
    let strengths = o.opt(d, "strengths", free);
    let weaknesses = o.opt(d, "weaknesses", free);
    let evaluator = o.opt(d, "evaluator", |d, n, p| {
        let mut o = Obj::open(d, n, p)?;
        let name = o.req(d, "name", text);
        let title = o.opt(d, "title", text).unwrap_or_default();
        o.finish(d).then_some(())?;
        Some(Evaluator { name: name?, title })
    });
    let src = o.src(d);
    o.finish(d).then_some(())?;
    Some(Evaluation {
        official: official?,
        period: period?,
        scores: scores?,
        self_assessment,
        strengths,
        weaknesses,
        evaluator,
        src,
    })
}

pub fn course(d: &mut Decoder, n: &Node, path: &str) -> Option<Course> {
    let mut o = Obj::open(d, n, path)?;
    let id = o.req(d, "id", text);
    let name = o.req(d, "name", text);
    let kind = o.req(d, "kind", code!(CourseKind));
    let grants = o
        .opt(d, "grants", |d, n, p| {
            let mut o = Obj::open(d, n, p)?;
            let education = o.opt(d, "education", code!(Education));
            let political_theory = o.opt(d, "political_theory", code!(PoliticalTheory));
            let it_skill = o.opt(d, "it_skill", code!(ItSkill));
            o.finish(d).then_some(Grants {
                education,
                political_theory,
                it_skill,
            })
        })
        .unwrap_or(Grants {
            education: None,
            political_theory: None,
            it_skill: None,
        });
    let start = o.req(d, "start", date);
    let end = o.req(d, "end", date);
    let organizer = o.opt(d, "organizer", text).unwrap_or_default();
    let src = o.src(d);
    o.finish(d).then_some(())?;
    let (start, end) = (start?, end?);
    if end < start {
        d.err(
            n.pos,
            &format!("{path}.end"),
            format!("ngày kết thúc {end} trước ngày bắt đầu {start}"),
        );
        return None;
    }
    Some(Course {
        id: id?,
        name: name?,
        kind: kind?,
        grants,
        start,
        end,
        organizer,
        src,
    })
}

pub fn training(d: &mut Decoder, n: &Node, path: &str) -> Option<Training> {
    let mut o = Obj::open(d, n, path)?;
    let official = o.req(d, "official", text);
    let course = o.req(d, "course", text);
    let status = o.req(d, "status", code!(TrainingStatus));
    let completed_on = o.opt(d, "completed_on", date);
    let src = o.src(d);
    o.finish(d).then_some(())?;
    let status = status?;
    if status == TrainingStatus::Completed && completed_on.is_none() {
        d.err(
            n.pos,
            &format!("{path}.completed_on"),
            "bắt buộc khi status là completed (ngày hoàn thành)",
        );
        return None;
    }
    Some(Training {
        official: official?,
        course: course?,
        status,
        completed_on,
        src,
    })
}

pub fn task(d: &mut Decoder, n: &Node, path: &str) -> Option<Task> {
    let mut o = Obj::open(d, n, path)?;
    let id = o.req(d, "id", text);
    let title = o.req(d, "title", text);
    let commune = o.req(d, "commune", text);
    let owner = o.opt(d, "owner", text);
    let due = o.req(d, "due", date);
    let done_on = o.opt(d, "done_on", date);
    let src = o.src(d);
    o.finish(d).then_some(())?;
    Some(Task {
        id: id?,
        title: title?,
        commune: commune?,
        owner,
        due: due?,
        done_on,
        src,
    })
}

pub fn initiative(d: &mut Decoder, n: &Node, path: &str) -> Option<Initiative> {
    let mut o = Obj::open(d, n, path)?;
    let id = o.req(d, "id", text);
    let commune = o.req(d, "commune", text);
    let title = o.req(d, "title", text);
    let year = o.req(d, "year", |d, n, f| {
        d.int(n, f, 1900, 2100).map(|y| y as i32)
    });
    let replicated = o.opt(d, "replicated", boolean).unwrap_or(false);
    let src = o.src(d);
    o.finish(d).then_some(())?;
    Some(Initiative {
        id: id?,
        commune: commune?,
        title: title?,
        year: year?,
        replicated,
        src,
    })
}

pub fn survey(d: &mut Decoder, n: &Node, path: &str) -> Option<Survey> {
    let mut o = Obj::open(d, n, path)?;
    let commune = o.req(d, "commune", text);
    let period = o.req(d, "period", period);
    let channel = o.req(d, "channel", code!(SurveyChannel));
    let count = |d: &mut Decoder, n: &Node, f: &str| d.int(n, f, 0, 100_000_000).map(|i| i as u32);
    let respondents = o.req(d, "respondents", count);
    let satisfied = o.req(d, "satisfied", count);
    let src = o.src(d);
    o.finish(d).then_some(())?;
    let (respondents, satisfied) = (respondents?, satisfied?);
    if satisfied > respondents {
        d.err(
            n.pos,
            &format!("{path}.satisfied"),
            format!("số hài lòng ({satisfied}) lớn hơn số người được hỏi ({respondents})"),
        );
        return None;
    }
    Some(Survey {
        commune: commune?,
        period: period?,
        channel: channel?,
        respondents,
        satisfied,
        src,
    })
}
