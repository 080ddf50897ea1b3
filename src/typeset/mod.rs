//! Typesetting: Typst source → PDF bytes, in-process.
//!
//! One [`Engine`] holds the fonts, the standard library and the template
//! library; it is shared by every worker thread. Each document is compiled in
//! a short-lived [`DocWorld`] that serves the document as `/main.typ` (a fixed
//! file id, so the global id table never grows) and the template library
//! files; no other file, no package and no network is reachable.

mod fonts;

use std::collections::HashMap;
use std::fmt;

pub use fonts::FontSet;
use typst::diag::{FileError, FileResult, Severity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, Timestamp};

/// How many compilations cached results survive (see typst-engine-notes.md).
const EVICT_MAX_AGE: usize = 10;

fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("static virtual path");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// The shared, immutable part of every compilation.
pub struct Engine {
    library: LazyHash<Library>,
    fonts: FontSet,
    main_id: FileId,
    /// Template library modules, by file id.
    modules: HashMap<FileId, Source>,
}

/// A document that failed to typeset: Typst's messages with the line in the
/// generated source.
#[derive(Debug, Clone)]
pub struct TypesetError {
    pub messages: Vec<String>,
}

impl fmt::Display for TypesetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.messages.join("; "))
    }
}

impl std::error::Error for TypesetError {}

impl Engine {
    /// `modules` are (virtual path, Typst source) pairs, e.g.
    /// `("/lib/the-thuc.typ", "...")`, importable from every document.
    pub fn new(fonts: FontSet, modules: &[(String, String)]) -> Engine {
        let modules = modules
            .iter()
            .map(|(path, text)| {
                let id = file_id(path);
                (id, Source::new(id, text.clone()))
            })
            .collect();
        Engine {
            library: LazyHash::new(Library::default()),
            fonts,
            main_id: file_id("/main.typ"),
            modules,
        }
    }

    pub fn fonts(&self) -> &FontSet {
        &self.fonts
    }

    /// Compile one document to PDF. `date` is the document date (PDF metadata),
    /// so the same source always gives the same bytes.
    pub fn pdf(&self, source: &str, date: (i32, u8, u8)) -> Result<Vec<u8>, TypesetError> {
        self.pdf_fitting(|_| Ok(source.to_string()), 1, date, None)
            .map(|(pdf, _)| pdf)
    }

    /// Compile `source(k)` for k = 0, 1, … until the document has one page
    /// (or `variants` are exhausted), then export that one. Forms that must
    /// fit one page pass their layout variant this way: a retry costs one
    /// compilation, cheaper than measuring inside Typst. Returns the PDF and
    /// the variant used. `title` goes into the PDF metadata (set here rather
    /// than with `set document` in Typst, which measured ≈ 6 ms per sheet).
    pub fn pdf_fitting(
        &self,
        source: impl Fn(usize) -> Result<String, String>,
        variants: usize,
        date: (i32, u8, u8),
        title: Option<&str>,
    ) -> Result<(Vec<u8>, usize), TypesetError> {
        let result = self.pdf_inner(source, variants.max(1), date, title);
        // Evict on every path, the error path included.
        typst::comemo::evict(EVICT_MAX_AGE);
        result
    }

    fn pdf_inner(
        &self,
        source: impl Fn(usize) -> Result<String, String>,
        variants: usize,
        date: (i32, u8, u8),
        title: Option<&str>,
    ) -> Result<(Vec<u8>, usize), TypesetError> {
        let mut k = 0;
        let (world, mut document) = loop {
            let world = DocWorld {
                engine: self,
                main: Source::new(
                    self.main_id,
                    source(k).map_err(|m| TypesetError { messages: vec![m] })?,
                ),
            };
            let warned = typst::compile::<PagedDocument>(&world);
            let document = warned.output.map_err(|d| world.error(&d))?;
            if document.pages().len() <= 1 || k + 1 >= variants {
                break (world, document);
            }
            k += 1;
        };
        if let Some(t) = title {
            document.info_mut().title = Some(t.into());
        }
        let datetime = Datetime::from_ymd(date.0, date.1, date.2).ok_or_else(|| TypesetError {
            messages: vec![format!("ngày không hợp lệ: {date:?}")],
        })?;
        let options = PdfOptions {
            ident: Smart::Auto,
            timestamp: Some(Timestamp::new_utc(datetime)),
            tagged: false,
            ..PdfOptions::default()
        };
        let pdf = typst_pdf::pdf(&document, &options).map_err(|d| world.error(&d))?;
        Ok((pdf, k))
    }
}

struct DocWorld<'a> {
    engine: &'a Engine,
    main: Source,
}

impl DocWorld<'_> {
    fn error(&self, diags: &[SourceDiagnostic]) -> TypesetError {
        let messages = diags
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| {
                let place = d.span.id().and_then(|id| {
                    let source = self.source(id).ok()?;
                    let range = typst::WorldExt::range(self, d.span)?;
                    let (line, col) = source.lines().byte_to_line_column(range.start)?;
                    Some(format!(
                        "{}:{}:{}",
                        id.vpath().get_with_slash(),
                        line + 1,
                        col + 1
                    ))
                });
                match place {
                    Some(place) => format!("{place}: {}", d.message),
                    None => d.message.to_string(),
                }
            })
            .collect();
        TypesetError { messages }
    }
}

impl World for DocWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.engine.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.engine.fonts.book
    }

    fn main(&self) -> FileId {
        self.engine.main_id
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.engine.main_id {
            return Ok(self.main.clone());
        }
        self.engine
            .modules
            .get(&id)
            .cloned()
            .ok_or_else(|| FileError::NotFound(id.vpath().get_without_slash().into()))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.source(id)
            .map(|s| Bytes::from_string(s.text().to_string()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.engine.fonts.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn engine() -> Engine {
        let lib = vec![(
            "/lib/x.typ".to_string(),
            "#let hello(n) = [Xin chào #n]".to_string(),
        )];
        Engine::new(FontSet::load(None).unwrap(), &lib)
    }

    #[test]
    fn compiles_with_library_and_is_deterministic() {
        let e = engine();
        let src =
            "#set text(font: \"Liberation Serif\")\n#import \"/lib/x.typ\": hello\n#hello[Đảng]";
        let a = e.pdf(src, (2026, 7, 5)).unwrap();
        let b = e.pdf(src, (2026, 7, 5)).unwrap();
        assert!(a.starts_with(b"%PDF-"));
        assert_eq!(a, b);
    }

    #[test]
    fn fitting_tries_variants_until_one_page() {
        let e = engine();
        let src = |k: usize| {
            Ok(format!(
                "#set page(height: 100pt)\n#for i in range({}) [line #i \\ ]",
                20 - 8 * k
            ))
        };
        let (_, used) = e.pdf_fitting(src, 5, (2026, 7, 5), None).unwrap();
        assert_eq!(used, 2, "20 and 12 lines overflow 100pt, 4 lines fit");
        let (_, used) = e
            .pdf_fitting(
                |_| Ok("#pagebreak()".into()),
                3,
                (2026, 7, 5),
                Some("Tiêu đề"),
            )
            .unwrap();
        assert_eq!(used, 2, "gives up at the last variant");
    }

    #[test]
    fn no_file_access_outside_the_library() {
        let e = engine();
        let err = e.pdf("#read(\"/etc/passwd\")", (2026, 7, 5)).unwrap_err();
        assert!(err.to_string().contains("main.typ:1:"), "{err}");
    }

    #[test]
    fn syntax_error_reports_line() {
        let e = engine();
        let err = e.pdf("ok\n#let x = (", (2026, 7, 5)).unwrap_err();
        assert!(err.to_string().contains(":2:"), "{err}");
    }
}
