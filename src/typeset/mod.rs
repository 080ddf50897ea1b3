//! Typesetting: Typst source → PDF bytes, in-process.
//!
//! One [`Engine`] holds the fonts, the standard library and the template
//! library; it is shared by every worker thread. Each document is compiled in
//! a short-lived [`DocWorld`] that serves the document as `/main.typ` (a fixed
//! file id, so the global id table never grows) and the template library
//! files; no other file, no package and no network is reachable.

mod batch;
mod fonts;
mod split;

pub use batch::{Batch, BatchPdf};

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
pub use typst_pdf::PdfStandard;
use typst_pdf::{PdfOptions, PdfStandards, Timestamp};

/// How many of a thread's compilations its cached results survive (see
/// typst-engine-notes.md). Each thread has its own part of Typst's cache
/// (vendor/comemo/PATCHED.md) and ages only that. 1 keeps what the next
/// document reuses (the template library) and drops a long document's
/// layout right after it: whole province 232 → 220 MB at the peak, twice
/// the officials 245 → 233 MB, against 3 (no slower).
const EVICT_MAX_AGE: usize = 1;
/// The same after a batch of forms: a batch is 16 documents, and results
/// the next batch reuses (the template library, the repertoire, the fixed
/// texts) are used by every batch. 2 against 3: the sheets alone at the
/// same speed, 233–242 → 200–208 MB at the peak; 1 is 8% slower.
const EVICT_MAX_AGE_BATCH: usize = 2;
/// The same while a long document is laid out beside the batches
/// ([`Engine::heavy`]), for every thread's part: the two together set the
/// run's peak.
const EVICT_MAX_AGE_BATCH_BESIDE_HEAVY: usize = 1;

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
    /// Font names of the repertoire page (see [`batch::REPERTOIRE`]).
    repertoire: std::sync::OnceLock<std::collections::BTreeSet<Vec<u8>>>,
    /// The PDF standard every file conforms to (None: plain PDF 1.7).
    standard: Option<PdfStandard>,
    /// Documents of [`Engine::heavy`] being typeset now.
    heavy: std::sync::atomic::AtomicUsize,
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
            repertoire: std::sync::OnceLock::new(),
            standard: Some(PdfStandard::A_2b),
            heavy: Default::default(),
        }
    }

    /// The same engine writing `standard` (None: plain PDF).
    pub fn with_standard(mut self, standard: Option<PdfStandard>) -> Engine {
        self.standard = standard;
        self
    }

    pub fn fonts(&self) -> &FontSet {
        &self.fonts
    }

    /// Run `f` (typesetting a long document, whose layout takes memory in
    /// proportion to its pages) with the batches typeset meanwhile keeping
    /// less of Typst's cache.
    pub fn heavy<T>(&self, f: impl FnOnce() -> T) -> T {
        use std::sync::atomic::{AtomicUsize, Ordering};
        struct Guard<'a>(&'a AtomicUsize);
        impl Drop for Guard<'_> {
            fn drop(&mut self) {
                self.0.fetch_sub(1, Ordering::Relaxed);
            }
        }
        self.heavy.fetch_add(1, Ordering::Relaxed);
        let _guard = Guard(&self.heavy);
        f()
    }

    /// Whether a document of [`Engine::heavy`] is being typeset now.
    pub fn heavy_running(&self) -> bool {
        self.heavy.load(std::sync::atomic::Ordering::Relaxed) > 0
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
        evicting(EVICT_MAX_AGE, || {
            let variants = variants.max(1);
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
            let pdf =
                typst_pdf::pdf(&document, &self.pdf_options(date)?).map_err(|d| world.error(&d))?;
            Ok((pdf, k))
        })
    }

    /// Profiling aid (examples/prof.rs): compile and export `source` once,
    /// returning the compile time, the export time and the page count.
    #[doc(hidden)]
    pub fn profile(
        &self,
        source: &str,
    ) -> Result<(std::time::Duration, std::time::Duration, usize), TypesetError> {
        evicting(EVICT_MAX_AGE, || {
            let world = DocWorld {
                engine: self,
                main: Source::new(self.main_id, source.to_string()),
            };
            let t = std::time::Instant::now();
            let document = typst::compile::<PagedDocument>(&world)
                .output
                .map_err(|d| world.error(&d))?;
            let compile = t.elapsed();
            let t = std::time::Instant::now();
            typst_pdf::pdf(&document, &self.pdf_options((2026, 1, 1))?)
                .map_err(|d| world.error(&d))?;
            Ok((compile, t.elapsed(), document.pages().len()))
        })
    }
}

/// Run `work` in a rayon pool of its own with one thread, so that Typst's
/// parallel layout and export inside a document run on this worker, one
/// after the other: no worker waits while a shared pool lays out the other
/// worker's pages, no idle pool thread spins, and no document is nested in
/// another's (typst-engine-notes.md, pitfall 1: a pool runs only its
/// worker's documents). Evaluation sheets of the province, one binary
/// after the other: 16.8–18.2 → 14.3–14.4 s.
/// Should the pool not start, `work` runs on this thread as before.
/// Typst's cache has a part per thread ([`evicting`]): on the pool, a
/// worker's compilations use and evict its part alone.
pub fn on_own_pool(work: impl FnOnce() + Send) {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .thread_name(|_| "baocao-typeset".into())
        .build();
    match pool {
        Ok(pool) => pool.install(work),
        Err(_) => work(),
    }
}

/// Drop everything Typst cached, by every thread (after the last document
/// of a run: the steps that follow reuse the memory).
pub fn release_caches() {
    typst::comemo::evict_all(0);
}

/// Run one compilation and evict Typst's cache afterwards, on every path,
/// the error path included (typst-engine-notes.md, pitfall 2). The cache
/// has a part per thread (vendor/comemo/PATCHED.md): this ages and evicts
/// the calling thread's, where the compilation ran (a worker's own
/// one-thread rayon pool keeps Typst's parallel steps on it).
fn evicting<T>(max_age: usize, f: impl FnOnce() -> T) -> T {
    evicting_with(max_age, false, f)
}

/// [`evicting`], aging every thread's part of the cache when `all`, or
/// when the compilation did not run in a rayon pool: then Typst's parallel
/// steps ran on the global pool's threads, which never evict their parts.
fn evicting_with<T>(max_age: usize, all: bool, f: impl FnOnce() -> T) -> T {
    let result = f();
    if all || rayon::current_thread_index().is_none() {
        typst::comemo::evict_all(max_age);
    } else {
        typst::comemo::evict(max_age);
    }
    result
}

impl Engine {
    /// Export options: untagged, dated `date` (no clock, so the bytes
    /// repeat), conforming to the engine's standard.
    fn pdf_options(&self, date: (i32, u8, u8)) -> Result<PdfOptions, TypesetError> {
        let datetime = Datetime::from_ymd(date.0, date.1, date.2).ok_or_else(|| TypesetError {
            messages: vec![format!("ngày không hợp lệ: {date:?}")],
        })?;
        let standards = match self.standard {
            Some(s) => PdfStandards::new(&[s]).map_err(|e| TypesetError {
                messages: vec![e.message().to_string()],
            })?,
            None => PdfStandards::default(),
        };
        Ok(PdfOptions {
            ident: Smart::Auto,
            timestamp: Some(Timestamp::new_utc(datetime)),
            standards,
            tagged: false,
            ..PdfOptions::default()
        })
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
    fn typst_parallel_work_stays_on_the_worker_thread() {
        let worker = std::thread::current().id();
        std::thread::scope(|s| {
            s.spawn(|| {
                on_own_pool(|| {
                    assert_eq!(rayon::current_num_threads(), 1);
                    let me = std::thread::current().id();
                    assert_ne!(me, worker);
                    // What Typst's parallel layout does: all on this thread.
                    use rayon::prelude::*;
                    let ids: Vec<_> = (0..64)
                        .into_par_iter()
                        .map(|_| std::thread::current().id())
                        .collect();
                    assert!(ids.iter().all(|&id| id == me));
                })
            });
        });
    }

    /// Typst's cache has a part per thread (vendor/comemo): documents
    /// typeset on two threads at once, each on its own pool as in the
    /// runner, give the bytes one thread gives, in every round (the later
    /// rounds from what each thread cached), and again once every part is
    /// dropped.
    #[test]
    fn two_threads_give_the_bytes_of_one() {
        let e = engine();
        let src = |i: usize| {
            format!(
                "#set text(font: \"Liberation Serif\")\n#import \"/lib/x.typ\": hello\n#hello[Đảng {}]",
                i % 3
            )
        };
        let alone: Vec<Vec<u8>> = (0..6)
            .map(|i| e.pdf(&src(i), (2026, 7, 5)).unwrap())
            .collect();
        // Both threads start their rounds together, so that their
        // compilations overlap.
        let start = std::sync::Barrier::new(2);
        std::thread::scope(|s| {
            for t in 0..2 {
                let (e, alone, src, start) = (&e, &alone, &src, &start);
                s.spawn(move || {
                    on_own_pool(|| {
                        start.wait();
                        for round in 0..3 {
                            for i in (t..6).step_by(2) {
                                let pdf = e.pdf(&src(i), (2026, 7, 5)).unwrap();
                                assert_eq!(
                                    pdf, alone[i],
                                    "thread {t}, round {round}, document {i}"
                                );
                            }
                        }
                    })
                });
            }
        });
        release_caches();
        assert_eq!(e.pdf(&src(0), (2026, 7, 5)).unwrap(), alone[0]);
    }

    #[test]
    fn no_file_access_outside_the_library() {
        let e = engine();
        let err = e.pdf("#read(\"/etc/passwd\")", (2026, 7, 5)).unwrap_err();
        assert!(err.to_string().contains("main.typ:1:"), "{err}");
    }

    #[test]
    fn a_heavy_document_is_counted_while_it_runs_even_if_it_panics() {
        use std::sync::atomic::Ordering::Relaxed;
        let e = engine();
        assert_eq!(e.heavy.load(Relaxed), 0);
        assert_eq!(e.heavy(|| e.heavy.load(Relaxed)), 1);
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            e.heavy(|| panic!("mid-document"))
        }));
        assert!(r.is_err());
        assert_eq!(e.heavy.load(Relaxed), 0);
    }

    #[test]
    fn syntax_error_reports_line() {
        let e = engine();
        let err = e.pdf("ok\n#let x = (", (2026, 7, 5)).unwrap_err();
        assert!(err.to_string().contains(":2:"), "{err}");
    }
}
