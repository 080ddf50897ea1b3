//! Forms typeset many to one Typst document ([`Engine::pdf_batch`]):
//! the batch starts with the [`REPERTOIRE`] page, is exported once and
//! split into one PDF per form (`split.rs`).

use typst::syntax::Source;
use typst_layout::PagedDocument;

use super::{
    DocWorld, EVICT_MAX_AGE_BATCH, EVICT_MAX_AGE_BATCH_BESIDE_HEAVY, Engine, TypesetError,
    evicting_with, split,
};

/// The first page of every batch: each character of Vietnamese text in the
/// three faces of the forms, so that every batch starts its font subsets
/// with the same glyphs in the same order. A form whose text stays inside
/// this repertoire then gets the same font subsets, so the same bytes,
/// whatever batch it was typeset in. The page itself is never written, so
/// it has no page number: reading the page counter would make Typst lay out
/// every batch twice (−3.1% of a sheet's instructions without it).
pub(super) const REPERTOIRE: &str = r##"#[
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::typeset::FontSet;

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
}
