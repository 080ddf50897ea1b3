//! Layout read back from a written PDF through `hayro-interpret` (the PDF
//! interpreter typst's own tests use): every glyph as drawn (text, face,
//! size, origin, advance, outline) and every stroke, in points from the
//! top-left corner (`y` downwards). A line is the glyphs on one baseline, cut
//! into [`Run`]s: a gap of 0.2 em (between table cells, header columns) or a
//! change of face or size starts the next run.

use std::collections::HashMap;
use std::sync::Arc;

use hayro_interpret::font::{Glyph, OutlineGlyph};
use hayro_interpret::hayro_cmap::BfString;
use hayro_interpret::hayro_syntax::Pdf;
use hayro_interpret::{
    BlendMode, ClipPath, Context, Device, GlyphDrawMode, Image, InterpreterCache,
    InterpreterSettings, Paint, PathDrawMode, SoftMask, interpret_page,
};
use kurbo::{Affine, BezPath, Point, Rect, Shape};

/// One millimetre in points.
pub const MM: f64 = 72.0 / 25.4;

/// A font as embedded in the PDF.
pub struct Face {
    /// PostScript name without the subset tag, e.g. "LiberationSerif-Bold".
    pub name: String,
    pub bold: bool,
    pub italic: bool,
    /// The cap height (the PDF's FontDescriptor), em.
    pub cap_height: f64,
}

/// Glyphs side by side on one baseline in one face and size (or a single
/// glyph); `x` and `x_end` span the visible glyphs' advances, white space at
/// the ends left out. No-break spaces read as spaces.
pub struct Run {
    pub text: String,
    pub face: Arc<Face>,
    pub size: f64,
    pub x: f64,
    pub x_end: f64,
    pub baseline: f64,
    /// The top of the highest glyph outline (the baseline without any).
    pub ink_top: f64,
}

impl Run {
    fn blank(&self) -> bool {
        self.text.trim().is_empty()
    }
    pub fn centre_x(&self) -> f64 {
        (self.x + self.x_end) / 2.0
    }
    /// Top of the line box: the baseline less the cap height.
    pub fn cap_top(&self) -> f64 {
        self.baseline - self.face.cap_height * self.size
    }
    /// Height of the highest glyph above the baseline, em.
    pub fn ascent_em(&self) -> f64 {
        (self.baseline - self.ink_top) / self.size
    }
    pub fn regular(&self) -> bool {
        !self.face.bold && !self.face.italic
    }
}

impl std::fmt::Display for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (face, x, x_end) = (&self.face.name, self.x / MM, self.x_end / MM);
        let (base, ink) = (self.baseline / MM, self.ink_top / MM);
        write!(
            f,
            "{:?} [{face} {:.2}pt] x {x:.1}..{x_end:.1}mm, ",
            self.text, self.size
        )?;
        write!(f, "baseline {base:.1}mm, ink top {ink:.2}mm from the top")
    }
}

/// A stroked path: its bounding box and line width, pt.
pub struct Stroke {
    pub bbox: Rect,
    pub width: f64,
}

pub struct Page {
    pub width: f64,
    pub height: f64,
    /// Top to bottom, each line's runs left to right.
    pub lines: Vec<Vec<Run>>,
    pub strokes: Vec<Stroke>,
}

impl Page {
    pub fn runs(&self) -> impl Iterator<Item = &Run> {
        self.lines.iter().flatten()
    }
    /// The first run whose text holds `needle`.
    pub fn find(&self, needle: &str) -> Option<&Run> {
        self.runs().find(|r| r.text.contains(needle))
    }
}

/// Read every page of a PDF.
pub fn read(bytes: Vec<u8>) -> Vec<Page> {
    let caps = cap_heights(&bytes);
    let pdf = Pdf::new(bytes).expect("a PDF hayro can read");
    let cache = InterpreterCache::new();
    let pages = pdf.pages().iter().map(|page| {
        let (width, height) = page.render_dimensions();
        let (width, height) = (f64::from(width), f64::from(height));
        let flip = Affine::new(page.initial_transform(true).as_coeffs());
        let bbox = Rect::new(0.0, 0.0, width, height);
        let settings = InterpreterSettings::default();
        let mut ctx = Context::new(flip, bbox, &cache, pdf.xref(), settings);
        let mut dev = Collector {
            caps: &caps,
            faces: HashMap::new(),
            glyphs: Vec::new(),
            strokes: Vec::new(),
        };
        interpret_page(page, &mut ctx, &mut dev);
        let lines = lines(dev.glyphs);
        Page {
            width,
            height,
            lines,
            strokes: dev.strokes,
        }
    });
    pages.collect()
}

/// Group glyphs by baseline (top to bottom) and cut each line into runs.
fn lines(mut glyphs: Vec<Run>) -> Vec<Vec<Run>> {
    glyphs.sort_by(|a, b| a.baseline.total_cmp(&b.baseline));
    let mut rows: Vec<Vec<Run>> = Vec::new();
    for g in glyphs {
        match rows.last_mut() {
            Some(row) if (g.baseline - row[0].baseline).abs() < 1.0 => row.push(g),
            _ => rows.push(vec![g]),
        }
    }
    let line = |mut glyphs: Vec<Run>| {
        glyphs.sort_by(|a, b| a.x.total_cmp(&b.x));
        let (mut runs, mut end) = (Vec::<Run>::new(), f64::MIN);
        for g in glyphs {
            let next = g.x - end < 0.2 * g.size;
            end = g.x_end;
            match runs.last_mut() {
                Some(r)
                    if next && Arc::ptr_eq(&g.face, &r.face) && (g.size - r.size).abs() < 0.01 =>
                {
                    if r.blank() {
                        r.x = g.x;
                    }
                    if !g.blank() {
                        r.x_end = g.x_end;
                    }
                    r.text.push_str(&g.text);
                    r.ink_top = r.ink_top.min(g.ink_top);
                }
                _ => runs.push(g),
            }
        }
        runs
    };
    rows.into_iter().map(line).collect()
}

/// The cap height (em) of each font of the PDF, from its FontDescriptor (the
/// embedded subsets have no OS/2 table).
fn cap_heights(bytes: &[u8]) -> HashMap<String, f64> {
    let doc = lopdf::Document::load_mem(bytes).expect("a PDF lopdf can read");
    let descriptors = doc.objects.values().filter_map(|o| o.as_dict().ok());
    let descriptors = descriptors.filter(|d| d.has_type(b"FontDescriptor"));
    let cap = |d: &lopdf::Dictionary| {
        let name = String::from_utf8_lossy(d.get(b"FontName").ok()?.as_name().ok()?);
        let cap = d.get(b"CapHeight").ok()?.as_float().ok()?;
        Some((strip_subset(&name).to_string(), f64::from(cap) / 1000.0))
    };
    descriptors.filter_map(cap).collect()
}

/// The font name without the subset tag ("ABCDEF+").
fn strip_subset(name: &str) -> &str {
    name.split_once('+').map_or(name, |(_, rest)| rest)
}

/// The device hayro draws into: keeps glyphs and strokes.
struct Collector<'c> {
    caps: &'c HashMap<String, f64>,
    faces: HashMap<u128, Arc<Face>>,
    glyphs: Vec<Run>,
    strokes: Vec<Stroke>,
}

impl Collector<'_> {
    fn face(&mut self, g: &OutlineGlyph) -> Arc<Face> {
        let make = || {
            let data = g.font_data().expect("an embedded font");
            let name = strip_subset(&data.postscript_name.unwrap_or_default()).to_string();
            let cap = self
                .caps
                .get(&name)
                .unwrap_or_else(|| panic!("no /CapHeight for {name}"));
            let bold = data.weight.is_some_and(|w| w >= 600);
            Arc::new(Face {
                bold,
                italic: data.is_italic,
                cap_height: *cap,
                name,
            })
        };
        self.faces
            .entry(g.font_cache_key())
            .or_insert_with(make)
            .clone()
    }
}

impl<'a> Device<'a> for Collector<'_> {
    fn draw_glyph(
        &mut self,
        glyph: &Glyph<'a>,
        t: Affine,
        gt: Affine,
        _: &Paint<'a>,
        _: &GlyphDrawMode,
    ) {
        let Glyph::Outline(g) = glyph else { return };
        // Glyph space is 1000 units to the em.
        let m = t * gt;
        let origin = m * Point::ORIGIN;
        let outline = m * g.outline();
        let advance = f64::from(g.advance_width().unwrap_or(0.0));
        let text = match g.as_unicode() {
            Some(BfString::Char(c)) => c.to_string(),
            Some(BfString::String(s)) => s,
            None => "\u{FFFD}".into(),
        }
        .replace('\u{a0}', " ");
        let glyph = Run {
            text,
            face: self.face(g),
            size: (m * Point::new(0.0, 1000.0) - origin).hypot(),
            x: origin.x,
            x_end: (m * Point::new(advance, 0.0)).x,
            baseline: origin.y,
            ink_top: if outline.segments().next().is_some() {
                outline.bounding_box().y0
            } else {
                origin.y
            },
        };
        self.glyphs.push(glyph);
    }
    fn draw_path(&mut self, path: &BezPath, t: Affine, _: &Paint<'a>, mode: &PathDrawMode) {
        if let PathDrawMode::Stroke(props) = mode {
            let width = f64::from(props.line_width) * t.as_coeffs()[3].abs();
            self.strokes.push(Stroke {
                bbox: (t * path.clone()).bounding_box(),
                width,
            });
        }
    }
    fn set_soft_mask(&mut self, _: Option<SoftMask<'a>>) {}
    fn set_blend_mode(&mut self, _: BlendMode) {}
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}
    fn draw_image(&mut self, _: Image<'a, '_>, _: Affine) {}
    fn pop_clip_path(&mut self) {}
    fn pop_transparency_group(&mut self) {}
}
