//! Typesetting: Typst source → PDF bytes, in-process.
//!
//! One [`Engine`] holds the fonts, the standard library and the template
//! library; it is shared by every worker thread. Each document is compiled in
//! a short-lived [`DocWorld`] that serves the document as `/main.typ` (a fixed
//! file id, so the global id table never grows) and the template library
//! files; no other file, no package and no network is reachable.

mod fonts;
mod split;

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
    /// Font names of the repertoire page (see [`REPERTOIRE`]).
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

/// The first page of every batch: each character of Vietnamese text in the
/// three faces of the forms, so that every batch starts its font subsets
/// with the same glyphs in the same order. A form whose text stays inside
/// this repertoire then gets the same font subsets, so the same bytes,
/// whatever batch it was typeset in. The page itself is never written, so
/// it has no page number: reading the page counter would make Typst lay out
/// every batch twice (−3.1% of a sheet's instructions without it).
const REPERTOIRE: &str = r##"#[
#import "/lib/the-thuc.typ": *
#show: van-ban.with((:), page-numbers: false)
#let chars = "AEIOUYaeiouyÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđĨĩŨũƠơƯưẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~–—‘’“”…•×°§\u{a0} fi fl ff ffi ffl"
#for style in ((:), (weight: "bold"), (style: "italic")) { par(text(..style, chars)) }
]
"##;

/// What [`Engine::pdf_batch`] gives for one document.
pub enum BatchPdf {
    /// The document's PDF.
    Pdf(Vec<u8>),
    /// The document ran onto a second page (not kept).
    Overflow,
}

/// The result of [`Engine::pdf_batch`].
pub struct Batch {
    pub pdfs: Vec<BatchPdf>,
    /// The fonts hold only the repertoire: each PDF is the same as if its
    /// document had been typeset alone. When false, some document used a
    /// character outside it, and the bytes depend on the batch.
    pub uniform: bool,
}

impl Engine {
    /// Typeset several one-page documents (complete sources, each starting
    /// a page and ending with `counter(page)` at 0, as `van-ban` does) as one
    /// Typst document after the [`REPERTOIRE`] page, export it once and
    /// split it into one PDF per document. A document that runs onto a
    /// second page is [`BatchPdf::Overflow`], unless `keep_overflow` (then
    /// its PDF has all its pages). An error in any source fails the batch.
    pub fn pdf_batch(
        &self,
        sources: &[String],
        titles: &[Option<&str>],
        date: (i32, u8, u8),
        keep_overflow: bool,
    ) -> Result<Batch, TypesetError> {
        // Beside a long document, every thread's part of the cache is aged
        // (the long document's too, or its layout would pile up).
        let beside_heavy = self.heavy_running();
        let age = if beside_heavy {
            EVICT_MAX_AGE_BATCH_BESIDE_HEAVY
        } else {
            EVICT_MAX_AGE_BATCH
        };
        evicting_with(age, beside_heavy, || {
            let len: usize = sources.iter().map(|s| s.len() + 8).sum();
            let mut text = String::with_capacity(REPERTOIRE.len() + len);
            text.push_str(REPERTOIRE);
            for s in sources {
                // Each document in a block of its own: its `let`s and set rules
                // end with it.
                text.push_str("#[\n");
                text.push_str(s);
                text.push_str("\n]\n");
            }
            let world = DocWorld {
                engine: self,
                main: Source::new(self.main_id, text),
            };
            let document = typst::compile::<PagedDocument>(&world)
                .output
                .map_err(|d| world.error(&d))?;
            // `van-ban` sets the page counter to 0 at the end of each document:
            // page 0 is the repertoire, then every document ends on a page
            // numbered 0.
            let pages = document.pages();
            let ends: Vec<usize> = (0..pages.len()).filter(|&i| pages[i].number == 0).collect();
            if ends.len() != sources.len() + 1 || ends.first() != Some(&0) {
                return Err(TypesetError {
                    messages: vec![format!(
                        "lô {} văn bản: {} trang kết thúc văn bản",
                        sources.len(),
                        ends.len()
                    )],
                });
            }
            let ranges: Vec<std::ops::Range<usize>> =
                ends.windows(2).map(|w| w[0] + 1..w[1] + 1).collect();
            let keep: Vec<bool> = ranges
                .iter()
                .map(|r| keep_overflow || r.len() == 1)
                .collect();
            let (document, ranges) = without_overflow(document, ranges, &keep);
            let pdf =
                typst_pdf::pdf(&document, &self.pdf_options(date)?).map_err(|d| world.error(&d))?;
            let outs: Vec<split::PageOut> = ranges
                .iter()
                .zip(&keep)
                .enumerate()
                .filter(|(_, (_, k))| **k)
                .map(|(i, (r, _))| split::PageOut {
                    pages: r.clone(),
                    title: titles.get(i).copied().flatten(),
                })
                .collect();
            let split =
                split::split(&pdf, &outs).map_err(|m| TypesetError { messages: vec![m] })?;
            let uniform = split.fonts == *self.repertoire_fonts(date);
            let mut pdfs = split.pdfs.into_iter();
            Ok(Batch {
                pdfs: keep
                    .iter()
                    .map(|&k| match k.then(|| pdfs.next()).flatten() {
                        Some(p) => BatchPdf::Pdf(p),
                        None => BatchPdf::Overflow,
                    })
                    .collect(),
                uniform,
            })
        })
    }

    /// The font names (subset tags included) of the repertoire page alone.
    fn repertoire_fonts(&self, date: (i32, u8, u8)) -> &std::collections::BTreeSet<Vec<u8>> {
        self.repertoire.get_or_init(|| {
            let world = DocWorld {
                engine: self,
                main: Source::new(self.main_id, REPERTOIRE.to_string()),
            };
            typst::compile::<PagedDocument>(&world)
                .output
                .ok()
                .and_then(|d| typst_pdf::pdf(&d, &self.pdf_options(date).ok()?).ok())
                .and_then(|pdf| split::split(&pdf, &[]).ok())
                .map(|s| s.fonts)
                .unwrap_or_default()
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

/// The batch `document` without the pages of the documents not kept (forms
/// that overflowed: they are typeset again, so their pages are not
/// exported), and the kept documents' page ranges in it (an empty range
/// for the others). The first page, the repertoire, stays.
fn without_overflow(
    mut document: PagedDocument,
    ranges: Vec<std::ops::Range<usize>>,
    keep: &[bool],
) -> (PagedDocument, Vec<std::ops::Range<usize>>) {
    if keep.iter().all(|&k| k) {
        return (document, ranges);
    }
    let mut pages = document.pages()[..1].to_vec();
    let mut kept = Vec::with_capacity(ranges.len());
    for (r, &k) in ranges.iter().zip(keep) {
        let start = pages.len();
        if k {
            pages.extend_from_slice(&document.pages()[r.clone()]);
        }
        kept.push(start..pages.len());
    }
    let info = document.info_mut().clone();
    (PagedDocument::new(pages.into_iter().collect(), info), kept)
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
        std::thread::scope(|s| {
            for t in 0..2 {
                let (e, alone, src) = (&e, &alone, &src);
                s.spawn(move || {
                    on_own_pool(|| {
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

    /// An engine with the real template library (the batch repertoire
    /// uses `van-ban`).
    fn forms_engine() -> Engine {
        let lib = vec![(
            "/lib/the-thuc.typ".to_string(),
            include_str!("../../report-templates/lib/the-thuc.typ").to_string(),
        )];
        Engine::new(FontSet::load(None).unwrap(), &lib)
    }

    fn form(text: &str, lines: usize) -> String {
        format!(
            "#import \"/lib/the-thuc.typ\": *\n#show: van-ban.with((:))\n{text}\n#for i in range({lines}) [dòng #i \\ ]"
        )
    }

    fn pages_of(pdf: &[u8]) -> usize {
        lopdf::Document::load_mem(pdf).unwrap().get_pages().len()
    }

    #[test]
    fn batch_splits_one_pdf_per_form_and_flags_overflow() {
        let e = forms_engine();
        let sources = [
            form("Nguyễn Văn An", 3),
            form("Trần Thị Bình", 80),
            form("Lê Văn Cường", 2),
        ];
        let titles = [Some("Phiếu An"), Some("Phiếu Bình"), None];
        let b = e.pdf_batch(&sources, &titles, (2026, 7, 5), false).unwrap();
        assert!(b.uniform);
        assert!(
            matches!(b.pdfs[1], BatchPdf::Overflow),
            "80 lines do not fit one page"
        );
        for i in [0, 2] {
            let BatchPdf::Pdf(pdf) = &b.pdfs[i] else {
                panic!("form {i} fits")
            };
            assert_eq!(pages_of(pdf), 1);
            let doc = lopdf::Document::load_mem(pdf).unwrap();
            let text = doc.extract_text(&[1]).unwrap();
            assert!(
                text.contains(["Nguyễn Văn An", "", "Lê Văn Cường"][i]),
                "{text}"
            );
            assert!(
                !text.contains("ỹ"),
                "the repertoire page is not in the output: {text}"
            );
        }
        let kept = e
            .pdf_batch(&sources[1..2], &titles[1..2], (2026, 7, 5), true)
            .unwrap();
        let BatchPdf::Pdf(pdf) = &kept.pdfs[0] else {
            panic!("kept")
        };
        assert!(pages_of(pdf) > 1, "kept whole");
    }

    /// The XMP packet of `pdf` and whether its catalog has an output intent.
    fn pdfa_parts(pdf: &[u8]) -> (String, bool) {
        let doc = lopdf::Document::load_mem(pdf).unwrap();
        let catalog = doc.catalog().unwrap();
        let intents = catalog
            .get(b"OutputIntents")
            .and_then(|o| match o.as_reference() {
                Ok(id) => doc.get_object(id),
                Err(_) => Ok(o),
            })
            .and_then(|o| o.as_array())
            .is_ok_and(|a| !a.is_empty());
        let xmp = catalog
            .get(b"Metadata")
            .and_then(|o| o.as_reference())
            .and_then(|id| doc.get_object(id))
            .and_then(|o| o.as_stream())
            .map(|s| String::from_utf8(s.content.clone()).unwrap())
            .unwrap_or_default();
        (xmp, intents)
    }

    #[test]
    fn every_pdf_is_pdfa_2b_split_sheets_with_their_own_title() {
        let e = forms_engine();
        let (xmp, intents) = pdfa_parts(&e.pdf(&form("Một", 1), (2026, 7, 5)).unwrap());
        assert!(
            intents && xmp.contains("<pdfaid:part>2</pdfaid:part>"),
            "{xmp}"
        );
        let sources = [form("An", 1), form("Bình", 1)];
        let b = e
            .pdf_batch(
                &sources,
                &[Some("Phiếu <An> & co"), None],
                (2026, 7, 5),
                false,
            )
            .unwrap();
        let ids: Vec<String> = b
            .pdfs
            .iter()
            .map(|p| {
                let BatchPdf::Pdf(pdf) = p else { panic!() };
                let (xmp, intents) = pdfa_parts(pdf);
                assert!(intents, "output intent copied");
                assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>"));
                assert!(xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"));
                assert!(xmp.contains("<xmpTPg:NPages>1</xmpTPg:NPages>"));
                let id = xmp.split("<xmpMM:DocumentID>").nth(1).unwrap();
                id[..id.find('<').unwrap()].to_string()
            })
            .collect();
        let BatchPdf::Pdf(first) = &b.pdfs[0] else {
            panic!()
        };
        let (xmp, _) = pdfa_parts(first);
        assert!(xmp.contains(
            "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">Phiếu &lt;An&gt; &amp; co</rdf:li>"
        ));
        let BatchPdf::Pdf(second) = &b.pdfs[1] else {
            panic!()
        };
        assert!(
            !pdfa_parts(second).0.contains("<dc:title>"),
            "no title, none in XMP"
        );
        assert_ne!(ids[0], ids[1], "each file its own id");
        // Plain PDF when asked.
        let plain = forms_engine().with_standard(None);
        let (xmp, intents) = pdfa_parts(&plain.pdf(&form("Một", 1), (2026, 7, 5)).unwrap());
        assert!(!intents && !xmp.contains("pdfaid"));
    }

    #[test]
    fn a_form_has_the_same_bytes_in_any_batch() {
        let e = forms_engine();
        let a = form("Nguyễn Văn An", 3);
        let others = [form("Trần Thị Bình — ưu điểm", 5), form("Lê Văn Cường", 2)];
        let alone = e
            .pdf_batch(std::slice::from_ref(&a), &[Some("A")], (2026, 7, 5), false)
            .unwrap();
        let mixed = e
            .pdf_batch(
                &[others[0].clone(), a.clone(), others[1].clone()],
                &[None, Some("A"), None],
                (2026, 7, 5),
                false,
            )
            .unwrap();
        assert!(alone.uniform && mixed.uniform);
        let (BatchPdf::Pdf(x), BatchPdf::Pdf(y)) = (&alone.pdfs[0], &mixed.pdfs[1]) else {
            panic!()
        };
        assert_eq!(x, y);
        // A character outside the repertoire: the batch says so.
        let odd = e
            .pdf_batch(&[form("Ω", 1)], &[None], (2026, 7, 5), false)
            .unwrap();
        assert!(!odd.uniform);
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
