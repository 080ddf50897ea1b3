//! Reading layout back from a PDF: pages and positioned text runs.
//!
//! A small content-stream interpreter on top of `lopdf`, enough for the PDFs
//! typst writes (and reasonably for other simple PDFs):
//!
//! - graphics state: `q`/`Q`, `cm` (CTM stack);
//! - text objects: `BT`/`ET`, `Tf`, `Tm`, `Td`/`TD`/`T*`, `TL`, `Tc`, `Tw`,
//!   `Tz`, `Ts`, and the show operators `Tj`, `TJ`, `'`, `"`;
//! - Form XObjects invoked with `Do` (their `/Matrix` and `/Resources`,
//!   nested up to a fixed depth);
//! - fonts: Type0 (2-byte codes, `Identity-H` as typst writes them, widths
//!   from the descendant's `/W`), simple TrueType/Type1 fonts (1-byte codes,
//!   `/FirstChar` + `/Widths`) and Type3 (`/FontMatrix`); text is decoded
//!   through `/ToUnicode` (`bfchar` and `bfrange`, both the incrementing and
//!   the array form, UTF-16 destinations with surrogate pairs), falling back
//!   to Latin-1 for simple fonts without a CMap.
//!
//! Coordinates are given in points with the origin at the top-left corner of
//! the page's MediaBox: `x` grows to the right, `y_top` downwards.

use std::collections::HashMap;
use std::rc::Rc;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

/// One millimetre in points.
pub const MM: f64 = 72.0 / 25.4;

/// A page: its size (from the MediaBox) and the text shown on it.
#[derive(Debug, Clone)]
pub struct Page {
    pub width: f64,
    pub height: f64,
    pub runs: Vec<Run>,
}

/// The glyphs shown by one `Tj`/`TJ`/`'`/`"` operation.
///
/// The horizontal extent (`x`, `width`) covers the run's visible glyphs:
/// leading and trailing white space (typst ends a justified line with its
/// space glyph) and a trailing `TJ` adjustment are not counted, so
/// `x + width` is where the ink of the last glyph's advance box ends. A run
/// of white space only keeps its full advance.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub text: String,
    /// BaseFont without the subset prefix, e.g. "LiberationSerif-Bold".
    pub font: String,
    /// Effective font size in pt (Tf size × text matrix × CTM scale).
    pub size: f64,
    /// Left end of the run, pt from the left edge of the page.
    pub x: f64,
    /// Baseline, pt from the top edge of the page.
    pub y_top: f64,
    /// Advance width in pt (from the font's widths, else 0.5 × size a char).
    pub width: f64,
    /// Height of the run's tallest glyph above the baseline, pt: the glyphs'
    /// yMax from the embedded TrueType font (`glyf`), else 0.9 × size.
    pub ascent: f64,
    /// The font's cap height (FontDescriptor /CapHeight) × size, pt; 0.7 ×
    /// size when the font does not say.
    pub cap_height: f64,
}

/// Runs sharing a baseline, left to right.
#[derive(Debug, Clone)]
pub struct Line {
    /// The runs' texts joined; a space is put between two runs separated by
    /// a visible gap (≥ 0.2 em) when neither already has one there.
    pub text: String,
    /// Font of the first (leftmost) run.
    pub font: String,
    /// Size of the first run.
    pub size: f64,
    /// Smallest `x` of the runs.
    pub x: f64,
    /// Largest `x + width` of the runs.
    pub x_end: f64,
    /// Baseline of the first run.
    pub y_top: f64,
    /// Largest ascent of the runs.
    pub ascent: f64,
    pub runs: Vec<Run>,
}

impl Run {
    pub fn x_end(&self) -> f64 {
        self.x + self.width
    }
    pub fn centre_x(&self) -> f64 {
        self.x + self.width / 2.0
    }
    pub fn is_bold(&self) -> bool {
        self.font.contains("Bold")
    }
    pub fn is_italic(&self) -> bool {
        self.font.contains("Italic") || self.font.contains("Oblique")
    }
    /// Distance of the tallest glyph's top from the top edge of the page.
    pub fn ink_top(&self) -> f64 {
        self.y_top - self.ascent
    }
}

impl std::fmt::Display for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:?} [{} {:.2}pt] x={:.2} ({:.1}mm) .. {:.2} ({:.1}mm), baseline {:.2}pt ({:.1}mm) from top, glyph tops at {:.2}pt ({:.1}mm)",
            self.text,
            self.font,
            self.size,
            self.x,
            self.x / MM,
            self.x_end(),
            self.x_end() / MM,
            self.y_top,
            self.y_top / MM,
            self.ink_top(),
            self.ink_top() / MM,
        )
    }
}

impl Line {
    pub fn centre_x(&self) -> f64 {
        (self.x + self.x_end) / 2.0
    }
    /// The line as one run (text, first font and size, full extent).
    pub fn as_run(&self) -> Run {
        Run {
            text: self.text.clone(),
            font: self.font.clone(),
            size: self.size,
            x: self.x,
            y_top: self.y_top,
            width: self.x_end - self.x,
            ascent: self.ascent,
            cap_height: self.runs.iter().map(|r| r.cap_height).fold(0.0, f64::max),
        }
    }
}

impl std::fmt::Display for Line {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}", self.as_run())
    }
}

impl Page {
    pub fn is_landscape(&self) -> bool {
        self.width > self.height
    }

    /// Runs grouped by baseline (|Δy| < 1 pt), each line sorted by x, lines
    /// sorted top to bottom.
    pub fn lines(&self) -> Vec<Line> {
        let mut runs: Vec<&Run> = self.runs.iter().collect();
        runs.sort_by(|a, b| a.y_top.total_cmp(&b.y_top).then(a.x.total_cmp(&b.x)));
        let mut groups: Vec<Vec<Run>> = Vec::new();
        for r in runs {
            match groups.last_mut() {
                Some(g) if (g[0].y_top - r.y_top).abs() < 1.0 => g.push(r.clone()),
                _ => groups.push(vec![r.clone()]),
            }
        }
        groups
            .into_iter()
            .map(|mut g| {
                g.sort_by(|a, b| a.x.total_cmp(&b.x));
                let text = join_runs(&g);
                Line {
                    text,
                    font: g[0].font.clone(),
                    size: g[0].size,
                    x: g.iter().map(|r| r.x).fold(f64::INFINITY, f64::min),
                    x_end: g
                        .iter()
                        .map(|r| r.x_end())
                        .fold(f64::NEG_INFINITY, f64::max),
                    y_top: g[0].y_top,
                    ascent: g.iter().map(|r| r.ascent).fold(0.0, f64::max),
                    runs: g,
                }
            })
            .collect()
    }

    /// The text of the page, line by line (see [`Page::lines`]).
    pub fn text(&self) -> String {
        self.lines()
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The first run (top to bottom, left to right) whose text contains
    /// `needle`; failing that, the shortest sequence of adjacent runs on one
    /// baseline whose joined text contains it, returned as one run covering
    /// them (text joined, font and size of the run where the match starts,
    /// extent of the whole sequence).
    pub fn find(&self, needle: &str) -> Option<Run> {
        self.find_all(needle).into_iter().next()
    }

    /// Every match of `needle` as in [`Page::find`], top to bottom. White
    /// space matches white space of any kind (typst writes no-break spaces,
    /// U+00A0, inside labels such as "Họ và tên:").
    pub fn find_all(&self, needle: &str) -> Vec<Run> {
        let needle = &norm_ws(needle);
        let mut out = Vec::new();
        for line in self.lines() {
            let mut line_hits = Vec::new();
            for r in &line.runs {
                if norm_ws(&r.text).contains(needle.as_str()) {
                    line_hits.push(r.clone());
                }
            }
            if line_hits.is_empty() {
                // Shortest window [i, j] whose joined text contains the needle.
                let n = line.runs.len();
                'outer: for len in 2..=n {
                    for i in 0..=(n - len) {
                        let win = &line.runs[i..i + len];
                        let text = join_runs(win);
                        if let Some(pos) = norm_ws(&text).find(needle.as_str()) {
                            // The run where the match starts (`join_runs` may
                            // have put a space before a run).
                            let start = (0..win.len())
                                .find(|&k| pos < norm_ws(&join_runs(&win[..=k])).len())
                                .unwrap_or(0);
                            let x = win.iter().map(|r| r.x).fold(f64::INFINITY, f64::min);
                            let x_end = win
                                .iter()
                                .map(|r| r.x_end())
                                .fold(f64::NEG_INFINITY, f64::max);
                            line_hits.push(Run {
                                text,
                                font: win[start].font.clone(),
                                size: win[start].size,
                                x,
                                y_top: win[start].y_top,
                                width: x_end - x,
                                ascent: win.iter().map(|r| r.ascent).fold(0.0, f64::max),
                                cap_height: win.iter().map(|r| r.cap_height).fold(0.0, f64::max),
                            });
                            break 'outer;
                        }
                    }
                }
            }
            out.extend(line_hits);
        }
        out
    }

    /// Runs whose text, trimmed, equals `text`.
    pub fn runs_eq<'a>(&'a self, text: &'a str) -> impl Iterator<Item = &'a Run> + 'a {
        self.runs.iter().filter(move |r| r.text.trim() == text)
    }
}

/// Every white-space character (NBSP, thin space …) as a plain space.
fn norm_ws(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect()
}

fn join_runs(runs: &[Run]) -> String {
    let mut text = String::new();
    let mut prev: Option<&Run> = None;
    for r in runs {
        if let Some(p) = prev {
            let gap = r.x - p.x_end();
            let spaced =
                text.ends_with(char::is_whitespace) || r.text.starts_with(char::is_whitespace);
            if gap >= 0.2 * p.size.max(r.size) && !spaced {
                text.push(' ');
            }
        }
        text.push_str(&r.text);
        prev = Some(r);
    }
    text
}

// ---------------------------------------------------------------------------
// Reading

/// Every page of the PDF with its text runs. Panics when the PDF cannot be
/// parsed at all (a test helper: a broken PDF is a test failure).
pub fn read(bytes: &[u8]) -> Vec<Page> {
    let doc = Document::load_mem(bytes).unwrap_or_else(|e| panic!("cannot parse PDF: {e}"));
    let mut fonts = FontCache::default();
    let mut pages = Vec::new();
    for (_, page_id) in doc.get_pages() {
        let page_dict = doc.get_dictionary(page_id).expect("page dictionary");
        let mb = inherited(&doc, page_dict, b"MediaBox")
            .and_then(|o| number_array(&doc, o))
            .filter(|v| v.len() == 4)
            .unwrap_or_else(|| vec![0.0, 0.0, 612.0, 792.0]);
        let (x0, y0, x1, y1) = (
            mb[0].min(mb[2]),
            mb[1].min(mb[3]),
            mb[0].max(mb[2]),
            mb[1].max(mb[3]),
        );
        let resources = inherited(&doc, page_dict, b"Resources").and_then(|o| deref_dict(&doc, o));
        let content = doc.get_page_content(page_id);
        let mut interp = Interp {
            doc: &doc,
            fonts: &mut fonts,
            runs: Vec::new(),
            depth: 0,
        };
        let mut gs = GState::default();
        interp.run(&content, resources, &mut gs);
        let runs = interp
            .runs
            .into_iter()
            .map(|mut r| {
                r.x -= x0;
                r.y_top = y1 - r.y_top; // y_top held the user-space y so far
                r
            })
            .collect();
        pages.push(Page {
            width: x1 - x0,
            height: y1 - y0,
            runs,
        });
    }
    pages
}

/// `read` on a file.
pub fn read_file(path: &std::path::Path) -> Vec<Page> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    read(&bytes)
}

/// A page attribute, looked up through the `/Parent` chain.
fn inherited<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut d = dict;
    for _ in 0..32 {
        if let Ok(o) = d.get(key) {
            return Some(o);
        }
        d = d.get(b"Parent").ok().and_then(|p| deref_dict(doc, p))?;
    }
    None
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    doc.dereference(o).map(|(_, o)| o).unwrap_or(o)
}

fn deref_dict<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Dictionary> {
    match deref(doc, o) {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

fn num(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(*r as f64),
        _ => None,
    }
}

fn number_array(doc: &Document, o: &Object) -> Option<Vec<f64>> {
    match deref(doc, o) {
        Object::Array(a) => a.iter().map(|x| num(deref(doc, x))).collect(),
        _ => None,
    }
}

// ---------------------------------------------------------------------------
// Matrices: [a b c d e f], row-vector convention as in the PDF spec.

type Mat = [f64; 6];
const IDENTITY: Mat = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `m × n` (apply `m` first, then `n`).
fn mul(m: &Mat, n: &Mat) -> Mat {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

fn apply(m: &Mat, x: f64, y: f64) -> (f64, f64) {
    (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5])
}

// ---------------------------------------------------------------------------
// Fonts

/// A parsed `/ToUnicode` CMap.
#[derive(Debug, Default, Clone)]
pub struct CMap {
    /// Codespace ranges: (byte length, low, high).
    pub codespace: Vec<(usize, u32, u32)>,
    pub map: HashMap<u32, String>,
}

impl CMap {
    pub fn get(&self, code: u32) -> Option<&str> {
        self.map.get(&code).map(String::as_str)
    }

    /// Split `bytes` into codes using the codespace ranges (shortest match
    /// first), or `default_len` bytes a code when none is declared.
    pub fn codes(&self, bytes: &[u8], default_len: usize) -> Vec<u32> {
        split_codes(bytes, &self.codespace, default_len)
    }

    /// Decode `bytes` to text; unmapped codes become U+FFFD.
    pub fn decode(&self, bytes: &[u8], default_len: usize) -> String {
        self.codes(bytes, default_len)
            .into_iter()
            .map(|c| {
                self.get(c)
                    .map(str::to_owned)
                    .unwrap_or_else(|| "\u{FFFD}".into())
            })
            .collect()
    }
}

fn split_codes(bytes: &[u8], codespace: &[(usize, u32, u32)], default_len: usize) -> Vec<u32> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let mut len = default_len.max(1);
        if !codespace.is_empty() {
            let mut found = None;
            for l in 1..=4 {
                if i + l > bytes.len() {
                    break;
                }
                let code = be(&bytes[i..i + l]);
                if codespace
                    .iter()
                    .any(|&(n, lo, hi)| n == l && lo <= code && code <= hi)
                {
                    found = Some(l);
                    break;
                }
            }
            // Not in any range: take the shortest declared length.
            len = found.unwrap_or_else(|| codespace.iter().map(|c| c.0).min().unwrap_or(len));
        }
        let end = (i + len).min(bytes.len());
        out.push(be(&bytes[i..end]));
        i = end;
    }
    out
}

fn be(b: &[u8]) -> u32 {
    b.iter().fold(0u32, |a, &x| (a << 8) | x as u32)
}

/// Tokens of a CMap program (a tiny PostScript subset).
#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Hex(Vec<u8>),
    Word(String),
    Open,
    Close,
}

fn cmap_tokens(data: &[u8]) -> Vec<Tok> {
    let mut toks = Vec::new();
    let mut i = 0;
    while i < data.len() {
        let c = data[i];
        match c {
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'<' if data.get(i + 1) == Some(&b'<') => {
                toks.push(Tok::Word("<<".into()));
                i += 2;
            }
            b'>' if data.get(i + 1) == Some(&b'>') => {
                toks.push(Tok::Word(">>".into()));
                i += 2;
            }
            b'<' => {
                let mut digits = Vec::new();
                i += 1;
                while i < data.len() && data[i] != b'>' {
                    if data[i].is_ascii_hexdigit() {
                        digits.push(data[i]);
                    }
                    i += 1;
                }
                i += 1;
                if digits.len() % 2 == 1 {
                    digits.push(b'0');
                }
                let bytes = digits
                    .chunks(2)
                    .map(|p| u8::from_str_radix(std::str::from_utf8(p).unwrap(), 16).unwrap())
                    .collect();
                toks.push(Tok::Hex(bytes));
            }
            b'[' => {
                toks.push(Tok::Open);
                i += 1;
            }
            b']' => {
                toks.push(Tok::Close);
                i += 1;
            }
            b'(' => {
                // A literal string (names in the header); keep its raw bytes as Hex
                // so a literal destination in bfchar also works.
                let mut depth = 1;
                let mut s = Vec::new();
                i += 1;
                while i < data.len() && depth > 0 {
                    match data[i] {
                        b'\\' if i + 1 < data.len() => {
                            i += 1;
                            s.push(match data[i] {
                                b'n' => b'\n',
                                b'r' => b'\r',
                                b't' => b'\t',
                                o => o,
                            });
                        }
                        b'(' => {
                            depth += 1;
                            s.push(b'(');
                        }
                        b')' => {
                            depth -= 1;
                            if depth > 0 {
                                s.push(b')');
                            }
                        }
                        o => s.push(o),
                    }
                    i += 1;
                }
                toks.push(Tok::Hex(s));
            }
            c if c.is_ascii_whitespace() => i += 1,
            _ => {
                let start = i;
                while i < data.len() && !b"<>[]()% \t\r\n\x0c\0".contains(&data[i]) {
                    i += 1;
                }
                if i == start {
                    i += 1;
                }
                toks.push(Tok::Word(
                    String::from_utf8_lossy(&data[start..i]).into_owned(),
                ));
            }
        }
    }
    toks
}

/// UTF-16BE bytes (a ToUnicode destination) to a string.
fn utf16be(b: &[u8]) -> String {
    let units: Vec<u16> = b
        .chunks(2)
        .map(|p| {
            if p.len() == 2 {
                u16::from_be_bytes([p[0], p[1]])
            } else {
                p[0] as u16
            }
        })
        .collect();
    String::from_utf16_lossy(&units)
}

/// Parse a `/ToUnicode` CMap: `begincodespacerange`, `beginbfchar`,
/// `beginbfrange` (incrementing and array destinations).
pub fn parse_cmap(data: &[u8]) -> CMap {
    let toks = cmap_tokens(data);
    let mut cmap = CMap::default();
    let mut i = 0;
    let hex = |t: Option<&Tok>| match t {
        Some(Tok::Hex(b)) => Some(b.clone()),
        _ => None,
    };
    while i < toks.len() {
        match &toks[i] {
            Tok::Word(w) if w == "begincodespacerange" => {
                i += 1;
                while let (Some(lo), Some(hi)) = (hex(toks.get(i)), hex(toks.get(i + 1))) {
                    cmap.codespace.push((lo.len(), be(&lo), be(&hi)));
                    i += 2;
                }
            }
            Tok::Word(w) if w == "beginbfchar" => {
                i += 1;
                while let (Some(src), Some(dst)) = (hex(toks.get(i)), hex(toks.get(i + 1))) {
                    cmap.map.insert(be(&src), utf16be(&dst));
                    i += 2;
                }
            }
            Tok::Word(w) if w == "beginbfrange" => {
                i += 1;
                while let (Some(lo), Some(hi)) = (hex(toks.get(i)), hex(toks.get(i + 1))) {
                    let (lo, hi) = (be(&lo), be(&hi));
                    i += 2;
                    match toks.get(i) {
                        Some(Tok::Hex(dst)) => {
                            // Increment the destination's last UTF-16 unit.
                            let mut units: Vec<u16> = dst
                                .chunks(2)
                                .map(|p| {
                                    if p.len() == 2 {
                                        u16::from_be_bytes([p[0], p[1]])
                                    } else {
                                        p[0] as u16
                                    }
                                })
                                .collect();
                            for code in lo..=hi.min(lo.saturating_add(0xFFFF)) {
                                cmap.map.insert(code, String::from_utf16_lossy(&units));
                                if let Some(last) = units.last_mut() {
                                    *last = last.wrapping_add(1);
                                }
                            }
                            i += 1;
                        }
                        Some(Tok::Open) => {
                            i += 1;
                            let mut code = lo;
                            while let Some(Tok::Hex(dst)) = toks.get(i) {
                                if code <= hi {
                                    cmap.map.insert(code, utf16be(dst));
                                }
                                code += 1;
                                i += 1;
                            }
                            if toks.get(i) == Some(&Tok::Close) {
                                i += 1;
                            }
                        }
                        _ => break,
                    }
                }
            }
            _ => i += 1,
        }
    }
    cmap
}

/// Parse a CIDFont `/W` array (`c [w1 w2 …]` and `cfirst clast w` forms).
pub fn parse_cid_widths(items: &[Object]) -> HashMap<u32, f64> {
    let mut out = HashMap::new();
    let mut i = 0;
    while i < items.len() {
        let Some(first) = num(&items[i]) else {
            i += 1;
            continue;
        };
        match items.get(i + 1) {
            Some(Object::Array(ws)) => {
                for (k, w) in ws.iter().enumerate() {
                    if let Some(w) = num(w) {
                        out.insert(first as u32 + k as u32, w);
                    }
                }
                i += 2;
            }
            Some(o) => {
                let (Some(last), Some(w)) = (num(o), items.get(i + 2).and_then(num)) else {
                    break;
                };
                for c in first as u32..=(last as u32).min(first as u32 + 0xFFFF) {
                    out.insert(c, w);
                }
                i += 3;
            }
            None => break,
        }
    }
    out
}

struct Font {
    name: String,
    /// Bytes per code when no codespace says otherwise.
    code_len: usize,
    cmap: Option<CMap>,
    /// Glyph-space widths by code (CID for Type0).
    widths: HashMap<u32, f64>,
    /// Glyph space → text space (1/1000, or the Type3 FontMatrix's a).
    scale: f64,
    /// Glyph tops (yMax / unitsPerEm) by code, from the embedded TrueType
    /// font of a Type0 font with an identity (or stream) CIDToGIDMap.
    tops: HashMap<u32, f64>,
    /// FontDescriptor /CapHeight per unit of size.
    cap_height: Option<f64>,
}

impl Font {
    fn unknown() -> Font {
        Font {
            name: "?".into(),
            code_len: 1,
            cmap: None,
            widths: HashMap::new(),
            scale: 0.001,
            tops: HashMap::new(),
            cap_height: None,
        }
    }

    fn codes(&self, bytes: &[u8]) -> Vec<u32> {
        match &self.cmap {
            Some(c) if !c.codespace.is_empty() => c.codes(bytes, self.code_len),
            _ => split_codes(bytes, &[], self.code_len),
        }
    }

    fn text(&self, code: u32) -> String {
        if let Some(s) = self.cmap.as_ref().and_then(|c| c.get(code)) {
            return s.to_owned();
        }
        if self.code_len == 1 {
            // No CMap entry for a simple font: WinAnsi/Standard ≈ Latin-1 for
            // the printable ASCII range, which is what matters in tests.
            return char::from_u32(code).map(String::from).unwrap_or_default();
        }
        "\u{FFFD}".into()
    }

    /// Advance in text-space units per unit of font size (None: unknown).
    fn advance(&self, code: u32) -> Option<f64> {
        self.widths.get(&code).map(|w| w * self.scale)
    }
}

#[derive(Default)]
struct FontCache {
    by_id: HashMap<ObjectId, Rc<Font>>,
}

impl FontCache {
    fn get(&mut self, doc: &Document, obj: &Object) -> Rc<Font> {
        let id = obj.as_reference().ok();
        if let Some(f) = id.and_then(|id| self.by_id.get(&id)) {
            return f.clone();
        }
        let font = Rc::new(match deref_dict(doc, obj) {
            Some(d) => load_font(doc, d),
            None => Font::unknown(),
        });
        if let Some(id) = id {
            self.by_id.insert(id, font.clone());
        }
        font
    }
}

fn name_of(doc: &Document, d: &Dictionary, key: &[u8]) -> Option<String> {
    match deref(doc, d.get(key).ok()?) {
        Object::Name(n) => Some(String::from_utf8_lossy(n).into_owned()),
        _ => None,
    }
}

/// "ABCDEF+LiberationSerif-Bold" → "LiberationSerif-Bold".
pub fn strip_subset(name: &str) -> &str {
    match name.split_once('+') {
        Some((tag, rest)) if tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()) => rest,
        _ => name,
    }
}

fn stream_bytes(doc: &Document, o: &Object) -> Option<Vec<u8>> {
    let s = deref(doc, o).as_stream().ok()?;
    Some(
        s.decompressed_content()
            .unwrap_or_else(|_| s.content.clone()),
    )
}

fn load_font(doc: &Document, d: &Dictionary) -> Font {
    let subtype = name_of(doc, d, b"Subtype").unwrap_or_default();
    let base = name_of(doc, d, b"BaseFont")
        .or_else(|| {
            // Type3 fonts have no BaseFont; try the descriptor, else "Type3".
            d.get(b"FontDescriptor")
                .ok()
                .and_then(|fd| deref_dict(doc, fd))
                .and_then(|fd| name_of(doc, fd, b"FontName"))
        })
        .unwrap_or_else(|| subtype.clone());
    let cmap = d
        .get(b"ToUnicode")
        .ok()
        .and_then(|o| stream_bytes(doc, o))
        .map(|b| parse_cmap(&b));
    let mut font = Font {
        cmap,
        ..Font::unknown()
    };
    let mut descriptor = d
        .get(b"FontDescriptor")
        .ok()
        .and_then(|fd| deref_dict(doc, fd));
    if subtype == "Type0" {
        font.code_len = 2;
        let desc = d
            .get(b"DescendantFonts")
            .ok()
            .map(|o| deref(doc, o))
            .and_then(|o| o.as_array().ok())
            .and_then(|a| a.first())
            .and_then(|o| deref_dict(doc, o));
        if let Some(desc) = desc {
            if let Ok(Object::Array(items)) = desc.get(b"W").map(|w| deref(doc, w)) {
                let items: Vec<Object> = items.iter().map(|o| deref(doc, o).clone()).collect();
                font.widths = parse_cid_widths(&items);
            }
            descriptor = desc
                .get(b"FontDescriptor")
                .ok()
                .and_then(|fd| deref_dict(doc, fd));
            // Glyph tops from the embedded TrueType program. Codes are CIDs
            // for Identity-H/V (what typst writes); CID → GID through the
            // CIDToGIDMap (identity, or a stream of 2-byte GIDs).
            let glyf = descriptor
                .and_then(|fd| fd.get(b"FontFile2").ok())
                .and_then(|o| stream_bytes(doc, o))
                .and_then(|b| truetype_tops(&b));
            if let Some((tops, upem)) = glyf {
                let map = desc
                    .get(b"CIDToGIDMap")
                    .ok()
                    .and_then(|o| stream_bytes(doc, o));
                let gid_of = |cid: u32| -> u32 {
                    match &map {
                        Some(m) => m
                            .get(2 * cid as usize..2 * cid as usize + 2)
                            .map(be)
                            .unwrap_or(0),
                        None => cid,
                    }
                };
                let cids: Vec<u32> = match &map {
                    Some(m) => (0..(m.len() / 2) as u32).collect(),
                    None => (0..tops.len() as u32).collect(),
                };
                for cid in cids {
                    if let Some(&top) = tops.get(gid_of(cid) as usize) {
                        font.tops.insert(cid, top as f64 / upem);
                    }
                }
            }
        }
        // Codes map to CIDs one-to-one only for Identity-H/V, which is what
        // typst writes; other encodings keep the code as the key (widths may
        // then be off, the text still comes from ToUnicode).
    } else {
        if subtype == "Type3"
            && let Some(a) = d
                .get(b"FontMatrix")
                .ok()
                .and_then(|o| number_array(doc, o))
                .and_then(|m| m.first().copied())
        {
            font.scale = a;
        }
        let first = d
            .get(b"FirstChar")
            .ok()
            .and_then(|o| num(deref(doc, o)))
            .unwrap_or(0.0) as u32;
        if let Some(ws) = d.get(b"Widths").ok().and_then(|o| number_array(doc, o)) {
            for (k, w) in ws.into_iter().enumerate() {
                font.widths.insert(first + k as u32, w);
            }
        }
    }
    font.cap_height = descriptor
        .and_then(|fd| fd.get(b"CapHeight").ok())
        .and_then(|o| num(deref(doc, o)))
        .filter(|c| *c > 0.0)
        .map(|c| c / 1000.0);
    font.name = strip_subset(&base).to_owned();
    font
}

/// Each glyph's yMax (font units, 0 for an empty glyph) and unitsPerEm, from
/// a TrueType font program (`head`, `loca`, `glyf`). None when it is not one.
pub fn truetype_tops(data: &[u8]) -> Option<(Vec<i16>, f64)> {
    let u16_at = |o: usize| data.get(o..o + 2).map(|b| u16::from_be_bytes([b[0], b[1]]));
    let u32_at = |o: usize| {
        data.get(o..o + 4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    };
    let tables = u16_at(4)? as usize;
    let find = |tag: &[u8]| -> Option<(usize, usize)> {
        (0..tables).find_map(|i| {
            let rec = 12 + 16 * i;
            (data.get(rec..rec + 4)? == tag)
                .then(|| Some((u32_at(rec + 8)? as usize, u32_at(rec + 12)? as usize)))
                .flatten()
        })
    };
    let (head, _) = find(b"head")?;
    let (loca, loca_len) = find(b"loca")?;
    let (glyf, glyf_len) = find(b"glyf")?;
    let upem = u16_at(head + 18)? as f64;
    let long = u16_at(head + 50)? != 0;
    let offsets: Vec<usize> = if long {
        (0..loca_len / 4)
            .filter_map(|i| u32_at(loca + 4 * i).map(|v| v as usize))
            .collect()
    } else {
        (0..loca_len / 2)
            .filter_map(|i| u16_at(loca + 2 * i).map(|v| 2 * v as usize))
            .collect()
    };
    let mut tops = Vec::with_capacity(offsets.len());
    for w in offsets.windows(2) {
        let (a, b) = (w[0], w[1]);
        if b <= a || b > glyf_len {
            tops.push(0);
            continue;
        }
        // Glyph header: numberOfContours, xMin, yMin, xMax, yMax.
        tops.push(u16_at(glyf + a + 8).map(|v| v as i16).unwrap_or(0));
    }
    (upem > 0.0).then_some((tops, upem))
}

// ---------------------------------------------------------------------------
// The interpreter

#[derive(Clone)]
struct GState {
    ctm: Mat,
    font: Option<Rc<Font>>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    h_scale: f64,
    leading: f64,
    rise: f64,
}

impl Default for GState {
    fn default() -> Self {
        GState {
            ctm: IDENTITY,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            h_scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        }
    }
}

struct Interp<'a, 'f> {
    doc: &'a Document,
    fonts: &'f mut FontCache,
    /// Runs with `y_top` still holding the user-space y (converted later).
    runs: Vec<Run>,
    depth: usize,
}

impl<'a, 'f> Interp<'a, 'f> {
    fn run(&mut self, content: &[u8], resources: Option<&'a Dictionary>, gs: &mut GState) {
        let Ok(content) = Content::decode(content) else {
            return;
        };
        let mut stack: Vec<GState> = Vec::new();
        let mut tm = IDENTITY;
        let mut tlm = IDENTITY;
        for op in &content.operations {
            let nums: Vec<f64> = op.operands.iter().filter_map(num).collect();
            let n = |k: usize| nums.get(k).copied().unwrap_or(0.0);
            match op.operator.as_str() {
                "q" => stack.push(gs.clone()),
                "Q" => {
                    if let Some(s) = stack.pop() {
                        *gs = s;
                    }
                }
                "cm" if nums.len() == 6 => {
                    let m = [n(0), n(1), n(2), n(3), n(4), n(5)];
                    gs.ctm = mul(&m, &gs.ctm);
                }
                "BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                "ET" => {}
                "Tf" => {
                    if let (Some(Object::Name(name)), Some(size)) =
                        (op.operands.first(), op.operands.get(1).and_then(num))
                    {
                        gs.size = size;
                        gs.font = self.font(resources, name);
                    }
                }
                "Tc" => gs.char_spacing = n(0),
                "Tw" => gs.word_spacing = n(0),
                "Tz" => gs.h_scale = n(0) / 100.0,
                "TL" => gs.leading = n(0),
                "Ts" => gs.rise = n(0),
                "Tm" if nums.len() == 6 => {
                    tm = [n(0), n(1), n(2), n(3), n(4), n(5)];
                    tlm = tm;
                }
                "Td" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, n(0), n(1)], &tlm);
                    tm = tlm;
                }
                "TD" => {
                    gs.leading = -n(1);
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, n(0), n(1)], &tlm);
                    tm = tlm;
                }
                "T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                }
                "Tj" => {
                    if let Some(Object::String(s, _)) = op.operands.first() {
                        self.show(
                            gs,
                            &mut tm,
                            &[Object::String(s.clone(), Default::default())],
                        );
                    }
                }
                "TJ" => {
                    if let Some(Object::Array(items)) = op.operands.first() {
                        self.show(gs, &mut tm, items);
                    }
                }
                "'" | "\"" => {
                    if op.operator == "\"" {
                        gs.word_spacing = n(0);
                        gs.char_spacing = n(1);
                    }
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                    if let Some(Object::String(s, _)) = op.operands.last() {
                        self.show(
                            gs,
                            &mut tm,
                            &[Object::String(s.clone(), Default::default())],
                        );
                    }
                }
                "Do" => {
                    if let Some(Object::Name(name)) = op.operands.first() {
                        self.xobject(resources, name, gs);
                    }
                }
                _ => {}
            }
        }
    }

    fn resource(
        &self,
        resources: Option<&'a Dictionary>,
        kind: &[u8],
        name: &[u8],
    ) -> Option<&'a Object> {
        let res = resources?;
        let dict = deref_dict(self.doc, res.get(kind).ok()?)?;
        dict.get(name).ok()
    }

    fn font(&mut self, resources: Option<&'a Dictionary>, name: &[u8]) -> Option<Rc<Font>> {
        let obj = self.resource(resources, b"Font", name)?;
        Some(self.fonts.get(self.doc, obj))
    }

    fn xobject(&mut self, resources: Option<&'a Dictionary>, name: &[u8], gs: &GState) {
        if self.depth >= 16 {
            return;
        }
        let Some(obj) = self.resource(resources, b"XObject", name) else {
            return;
        };
        let Ok(stream) = deref(self.doc, obj).as_stream() else {
            return;
        };
        if name_of(self.doc, &stream.dict, b"Subtype").as_deref() != Some("Form") {
            return;
        }
        let matrix = stream
            .dict
            .get(b"Matrix")
            .ok()
            .and_then(|o| number_array(self.doc, o))
            .filter(|m| m.len() == 6)
            .map(|m| [m[0], m[1], m[2], m[3], m[4], m[5]])
            .unwrap_or(IDENTITY);
        let inner_res = stream
            .dict
            .get(b"Resources")
            .ok()
            .and_then(|o| deref_dict(self.doc, o))
            .or(resources);
        let data = stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone());
        let mut inner = gs.clone();
        inner.ctm = mul(&matrix, &gs.ctm);
        self.depth += 1;
        self.run(&data, inner_res, &mut inner);
        self.depth -= 1;
    }

    /// Show strings (and TJ adjustments), advancing `tm`; pushes one run.
    fn show(&mut self, gs: &GState, tm: &mut Mat, items: &[Object]) {
        let Some(font) = gs.font.clone() else { return };
        let fs = gs.size;
        let th = gs.h_scale;
        let params = [fs * th, 0.0, 0.0, fs, 0.0, gs.rise];
        // User-space origin of the current glyph.
        let origin = |tm: &Mat| apply(&mul(&params, &mul(tm, &gs.ctm)), 0.0, 0.0);
        let (_, y0) = origin(tm);
        let mut text = String::new();
        // Per glyph: start x, end x, white space?, top (per unit size).
        let mut glyphs: Vec<(f64, f64, bool, f64)> = Vec::new();
        for item in items {
            match item {
                Object::String(bytes, _) => {
                    for code in font.codes(bytes) {
                        let w = font.advance(code).unwrap_or(0.5);
                        let single_space = font.code_len == 1 && code == 32;
                        let tx = (w * fs
                            + gs.char_spacing
                            + if single_space { gs.word_spacing } else { 0.0 })
                            * th;
                        let t = font.text(code);
                        let ws = !t.is_empty() && t.chars().all(char::is_whitespace);
                        text.push_str(&t);
                        let (xa, _) = origin(tm);
                        *tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], tm);
                        let (xb, _) = origin(tm);
                        let top = if ws {
                            0.0
                        } else {
                            font.tops.get(&code).copied().unwrap_or(0.9)
                        };
                        glyphs.push((xa, xb, ws, top));
                    }
                }
                o => {
                    if let Some(adj) = num(o) {
                        let tx = -adj / 1000.0 * fs * th;
                        *tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], tm);
                    }
                }
            }
        }
        if glyphs.is_empty() {
            return;
        }
        // The visible glyphs; all of them when the run is only white space.
        let ink: Vec<&(f64, f64, bool, f64)> = match glyphs.iter().any(|g| !g.2) {
            true => {
                let first = glyphs.iter().position(|g| !g.2).unwrap();
                let last = glyphs.iter().rposition(|g| !g.2).unwrap();
                glyphs[first..=last].iter().collect()
            }
            false => glyphs.iter().collect(),
        };
        let x_min = ink
            .iter()
            .map(|g| g.0.min(g.1))
            .fold(f64::INFINITY, f64::min);
        let x_max = ink
            .iter()
            .map(|g| g.0.max(g.1))
            .fold(f64::NEG_INFINITY, f64::max);
        // Effective size: length of the text space's vertical unit vector.
        let m = mul(tm, &gs.ctm);
        let size = fs * (m[2] * m[2] + m[3] * m[3]).sqrt();
        let top = glyphs.iter().map(|g| g.3).fold(0.0, f64::max);
        self.runs.push(Run {
            text,
            font: font.name.clone(),
            size,
            x: x_min,
            y_top: y0,
            width: x_max - x_min,
            ascent: top * size,
            cap_height: font.cap_height.unwrap_or(0.7) * size,
        });
    }
}
