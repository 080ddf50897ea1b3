//! Splitting one typeset PDF into one file per page.
//!
//! Evaluation sheets are typeset many to one Typst document (one page each):
//! the fonts are subset and compressed once for the whole batch instead of
//! once per sheet, which is most of the cost of exporting a one-page form.
//! lopdf parses that PDF once; pdf-writer then writes each page with the
//! objects it references (content, fonts, images) as a PDF of its own.
//! Streams are copied as they are, never re-encoded, and an object several
//! pages share is written once per batch.

use std::collections::{BTreeSet, HashMap};

use lopdf::{Dictionary, Document, Object, ObjectId};
use pdf_writer::{Chunk, Dict, Finish, Name, Null, Obj, Pdf, Ref, Settings, Str, TextStr};
use sha2::{Digest, Sha256};

/// One output of [`split`]: its pages (0-based) and the PDF title.
pub struct PageOut<'a> {
    pub pages: std::ops::Range<usize>,
    pub title: Option<&'a str>,
}

pub struct Split {
    /// One PDF per [`PageOut`], in the order asked.
    pub pdfs: Vec<Vec<u8>>,
    /// The names of the fonts of the whole input (with their subset tags).
    pub fonts: BTreeSet<Vec<u8>>,
}

/// The PDFs of the given pages of `pdf`.
pub fn split(pdf: &[u8], outs: &[PageOut]) -> Result<Split, String> {
    let src = Document::load_mem(pdf).map_err(|e| format!("PDF: {e}"))?;
    let pages: Vec<ObjectId> = src.get_pages().into_values().collect();
    let info = src
        .trailer
        .get(b"Info")
        .and_then(|o| o.as_reference())
        .and_then(|id| src.get_dictionary(id))
        .ok();
    let catalog = src.catalog().map_err(|e| format!("PDF: {e}"))?;
    let lang = catalog.get(b"Lang").ok();
    // PDF/A: the output intent is shared; the XMP packet is redone per file.
    let intents = catalog.get(b"OutputIntents").ok();
    let xmp = catalog
        .get(b"Metadata")
        .and_then(|o| o.as_reference())
        .and_then(|id| src.get_object(id))
        .and_then(|o| o.as_stream())
        .ok()
        .map(|s| String::from_utf8_lossy(&s.content).into_owned());
    let shared = Shared {
        info,
        lang,
        intents,
        xmp: xmp.as_deref(),
    };
    let fonts = src
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"Font".as_slice()))
        .filter_map(|d| d.get(b"BaseFont").and_then(|n| n.as_name()).ok())
        .map(|n| n.to_vec())
        .collect();
    let page_ids = outs
        .iter()
        .map(|o| {
            o.pages
                .clone()
                .map(|i| {
                    pages
                        .get(i)
                        .copied()
                        .ok_or_else(|| format!("PDF: không có trang {}", i + 1))
                })
                .collect::<Result<Vec<_>, _>>()
        })
        .collect::<Result<Vec<_>, _>>()?;
    let reached = page_ids
        .iter()
        .map(|ids| reach(&src, ids, &shared))
        .collect::<Result<Vec<_>, _>>()?;
    let mut batch = Batch {
        src: &src,
        shared: &shared,
        digests: HashMap::new(),
        uses: HashMap::new(),
        written: HashMap::new(),
    };
    for r in &reached {
        for &id in &r.order {
            *batch.uses.entry(id).or_default() += 1;
        }
    }
    let pdfs = outs
        .iter()
        .zip(&page_ids)
        .zip(&reached)
        .map(|((o, ids), r)| batch.extract(ids, r, o.title))
        .collect::<Result<_, String>>()?;
    Ok(Split { pdfs, fonts })
}

/// What every output takes from the whole input's catalog and trailer.
struct Shared<'a> {
    info: Option<&'a Dictionary>,
    lang: Option<&'a Object>,
    intents: Option<&'a Object>,
    /// The XMP metadata packet (PDF/A), as text.
    xmp: Option<&'a str>,
}

/// The objects one output takes from the input, and their ids in it.
struct Reached {
    /// Source ids, in the output's order (from [`FIRST_COPIED`] up).
    order: Vec<ObjectId>,
    map: HashMap<ObjectId, Ref>,
}

/// What the pages `page_ids` reference, through any depth, each once,
/// numbered in the order reached; then the output intents.
fn reach(src: &Document, page_ids: &[ObjectId], shared: &Shared) -> Result<Reached, String> {
    let mut reach = Reach {
        src,
        out: Reached {
            order: Vec::new(),
            map: HashMap::new(),
        },
    };
    for &p in page_ids {
        reach.object(p)?;
    }
    if let Some(intents) = shared.intents {
        reach.value(intents)?;
    }
    Ok(reach.out)
}

/// One batch's outputs, written one after the other.
struct Batch<'a> {
    src: &'a Document,
    shared: &'a Shared<'a>,
    /// Digests of the input's streams, each computed once for the batch
    /// (the fonts are shared by every page and are most of the bytes).
    digests: HashMap<ObjectId, [u8; 32]>,
    /// How many outputs take each object.
    uses: HashMap<ObjectId, usize>,
    /// The bytes of an object taken by several outputs, as last written,
    /// with the ids they were written for (its own, then those it
    /// references): copied as they are into an output that gives the same
    /// ids. The fonts' widths are most of the work of writing them.
    written: HashMap<ObjectId, (Vec<Ref>, Chunk)>,
}

impl Batch<'_> {
    fn extract(
        &mut self,
        page_ids: &[ObjectId],
        reached: &Reached,
        title: Option<&str>,
    ) -> Result<Vec<u8>, String> {
        let (src, shared) = (self.src, self.shared);
        let Reached { order, map } = reached;
        // Ids 1 (catalog) and 2 (pages), then the objects copied from 3 in
        // the order they are reached, then the information and the metadata.
        let (catalog_id, pages_id) = (Ref::new(1), Ref::new(2));
        let info_id = Ref::new(FIRST_COPIED + order.len() as i32);
        let meta_id = info_id.next();

        // A stable file identifier (no time, no randomness, so the same page
        // always gives the same bytes): the hash of the digests of every
        // stream copied (content, fonts), in the output's order, and of the
        // title.
        let mut h = Sha256::new();
        let mut stream_bytes = 0;
        for &sid in order {
            if let Object::Stream(st) = object(src, sid)? {
                stream_bytes += st.content.len();
                h.update(
                    self.digests
                        .entry(sid)
                        .or_insert_with(|| Sha256::digest(&st.content).into()),
                );
            }
        }
        h.update(title.unwrap_or_default().as_bytes());
        let id = h.finalize()[..16].to_vec();

        let mut pdf = Pdf::with_settings_and_capacity(COMPACT, stream_bytes + 16 * 1024);
        if let Some((major, minor)) = src
            .version
            .split_once('.')
            .and_then(|(a, b)| Some((a.parse().ok()?, b.parse().ok()?)))
        {
            pdf.set_version(major, minor);
        }
        for &sid in order {
            let (new, obj) = (map[&sid], object(src, sid)?);
            if page_ids.contains(&sid) {
                write_object(&mut pdf, new, obj, map, Some(pages_id))?;
            } else if self.uses.get(&sid).is_some_and(|&n| n > 1) {
                let mut ids = vec![new];
                references(obj, map, &mut ids);
                match self.written.get(&sid) {
                    Some((was, bytes)) if *was == ids => pdf.extend(bytes),
                    _ => {
                        let mut bytes = Chunk::with_settings(COMPACT);
                        write_object(&mut bytes, new, obj, map, None)?;
                        pdf.extend(&bytes);
                        self.written.insert(sid, (ids, bytes));
                    }
                }
            } else {
                write_object(&mut pdf, new, obj, map, None)?;
            }
        }
        pdf.pages(pages_id)
            .kids(page_ids.iter().map(|p| map[p]))
            .count(page_ids.len() as i32);

        let mut catalog = pdf.catalog(catalog_id);
        catalog.pages(pages_id);
        if let Some(lang) = shared.lang {
            write(catalog.insert(Name(b"Lang")), lang, map)?;
        }
        if let Some(intents) = shared.intents {
            write(catalog.insert(Name(b"OutputIntents")), intents, map)?;
        }
        if shared.xmp.is_some() {
            catalog.metadata(meta_id);
        }
        catalog.finish();

        let mut info = pdf.document_info(info_id);
        for (k, v) in shared.info.iter().flat_map(|d| d.iter()) {
            if k != b"Title" {
                write(info.insert(Name(k)), v, map)?;
            }
        }
        if let Some(t) = title {
            info.title(TextStr(t));
        }
        info.finish();

        if let Some(xmp) = shared.xmp {
            let packet = own_xmp(xmp, title, page_ids.len(), &hex(&id));
            // Stored unfiltered, as PDF/A readers expect to find it.
            pdf.metadata(meta_id, packet.as_bytes());
        }
        pdf.set_file_id((id.clone(), id));
        Ok(pdf.finish())
    }
}

fn object(src: &Document, id: ObjectId) -> Result<&Object, String> {
    src.get_object(id)
        .map_err(|e| format!("PDF: đối tượng {id:?}: {e}"))
}

/// Write the object `obj` as `new`; `parent` (for a page) is its /Parent.
fn write_object(
    out: &mut Chunk,
    new: Ref,
    obj: &Object,
    map: &HashMap<ObjectId, Ref>,
    parent: Option<Ref>,
) -> Result<(), String> {
    match (obj, parent) {
        // Streams are copied as they are, never re-encoded.
        (Object::Stream(st), _) => write_dict(&mut out.stream(new, &st.content), &st.dict, map),
        (Object::Dictionary(d), Some(parent)) => {
            let mut page = out.indirect(new).dict();
            write_dict(&mut page, d, map)?;
            page.pair(Name(b"Parent"), parent);
            Ok(())
        }
        (other, _) => write(out.indirect(new), other, map),
    }
}

/// The output ids of what `value` references, in order, into `ids`.
fn references(value: &Object, map: &HashMap<ObjectId, Ref>, ids: &mut Vec<Ref>) {
    let dict = |d: &Dictionary, ids: &mut Vec<Ref>| {
        for (_, v) in d.iter().filter(|(k, _)| !left_behind(k)) {
            references(v, map, ids);
        }
    };
    match value {
        Object::Reference(id) => ids.extend(map.get(id)),
        Object::Array(items) => items.iter().for_each(|o| references(o, map, ids)),
        Object::Dictionary(d) => dict(d, ids),
        Object::Stream(s) => dict(&s.dict, ids),
        _ => {}
    }
}

/// How the outputs are written: compact, as krilla writes.
const COMPACT: Settings = Settings { pretty: false };

/// The id of the first object copied into an output (after its catalog
/// and page tree).
const FIRST_COPIED: i32 = 3;

/// Keys that stay behind: the page tree and structure of the whole batch,
/// and a stream's length (the writer gives its own).
fn left_behind(key: &[u8]) -> bool {
    matches!(key, b"Parent" | b"StructParents" | b"Annots" | b"Length")
}

/// The walk that makes a [`Reached`].
struct Reach<'a> {
    src: &'a Document,
    out: Reached,
}

impl Reach<'_> {
    fn object(&mut self, id: ObjectId) -> Result<(), String> {
        let out = &mut self.out;
        if out.map.contains_key(&id) {
            return Ok(());
        }
        out.map
            .insert(id, Ref::new(FIRST_COPIED + out.order.len() as i32));
        out.order.push(id);
        self.value(object(self.src, id)?)
    }

    fn value(&mut self, obj: &Object) -> Result<(), String> {
        match obj {
            Object::Reference(id) => self.object(*id),
            Object::Array(items) => items.iter().try_for_each(|o| self.value(o)),
            Object::Dictionary(d) => self.dict(d),
            Object::Stream(s) => self.dict(&s.dict),
            _ => Ok(()),
        }
    }

    fn dict(&mut self, d: &Dictionary) -> Result<(), String> {
        d.iter()
            .filter(|(k, _)| !left_behind(k))
            .try_for_each(|(_, v)| self.value(v))
    }
}

/// Write `value` with its references renumbered by `map`.
fn write(obj: Obj, value: &Object, map: &HashMap<ObjectId, Ref>) -> Result<(), String> {
    match value {
        Object::Null => obj.primitive(Null),
        Object::Boolean(b) => obj.primitive(*b),
        Object::Integer(i) => obj.primitive(
            i32::try_from(*i).map_err(|_| format!("PDF: số nguyên ngoài giới hạn: {i}"))?,
        ),
        Object::Real(r) => obj.primitive(*r),
        Object::Name(n) => obj.primitive(Name(n)),
        Object::String(s, _) => obj.primitive(Str(s)),
        Object::Array(items) => {
            let mut array = obj.array();
            for item in items {
                write(array.push(), item, map)?;
            }
        }
        Object::Dictionary(d) => write_dict(&mut obj.dict(), d, map)?,
        Object::Reference(id) => obj.primitive(
            *map.get(id)
                .ok_or_else(|| format!("PDF: tham chiếu tới đối tượng không chép {id:?}"))?,
        ),
        Object::Stream(_) => return Err("PDF: luồng không phải đối tượng gián tiếp".into()),
    }
    Ok(())
}

fn write_dict(out: &mut Dict, d: &Dictionary, map: &HashMap<ObjectId, Ref>) -> Result<(), String> {
    for (k, v) in d.iter().filter(|(k, _)| !left_behind(k)) {
        write(out.insert(Name(k)), v, map)?;
    }
    Ok(())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The XMP packet of the whole input, made this file's own: its title
/// (`dc:title`, replaced or added; removed when None), page count and ids.
fn own_xmp(xmp: &str, title: Option<&str>, pages: usize, id: &str) -> String {
    let mut out = without_element(xmp, "dc:title");
    if let Some(t) = title {
        let element = format!(
            "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:title>",
            xml_escape(t)
        );
        if let Some(at) = out
            .find("<rdf:Description")
            .and_then(|i| out[i..].find('>').map(|j| i + j + 1))
        {
            out.insert_str(at, &element);
        }
    }
    let pages = pages.to_string();
    [
        ("stEvt:instanceID", id),
        ("xmpMM:InstanceID", id),
        ("xmpMM:DocumentID", id),
        ("xmpTPg:NPages", pages.as_str()),
    ]
    .iter()
    .fold(out, |xml, (name, text)| {
        replace_element_text(&xml, name, text)
    })
}

fn without_element(xml: &str, name: &str) -> String {
    let (open, close) = (format!("<{name}>"), format!("</{name}>"));
    match (xml.find(&open), xml.find(&close)) {
        (Some(a), Some(b)) if a < b => format!("{}{}", &xml[..a], &xml[b + close.len()..]),
        _ => xml.to_string(),
    }
}

/// Every `<name>…</name>` with `text` as its content.
fn replace_element_text(xml: &str, name: &str, text: &str) -> String {
    let (open, close) = (format!("<{name}>"), format!("</{name}>"));
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(a) = rest.find(&open) {
        let start = a + open.len();
        let Some(b) = rest[start..].find(&close) else {
            break;
        };
        out.push_str(&rest[..start]);
        out.push_str(text);
        rest = &rest[start + b..];
    }
    out.push_str(rest);
    out
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A two-page PDF whose pages share a font stream, with an
    /// information dictionary and a page tree that split leaves behind.
    fn two_pages() -> Vec<u8> {
        let mut pdf = Pdf::new();
        let (catalog, pages, font, info) = (Ref::new(1), Ref::new(2), Ref::new(3), Ref::new(4));
        let contents = [Ref::new(5), Ref::new(6)];
        let kids = [Ref::new(7), Ref::new(8)];
        pdf.catalog(catalog).pages(pages);
        pdf.pages(pages).kids(kids).count(2);
        pdf.stream(font, b"shared font bytes \xff\x00 endstream endobj");
        for (i, (&kid, &content)) in kids.iter().zip(&contents).enumerate() {
            let mut page = pdf.page(kid);
            page.parent(pages).contents(content);
            page.insert(Name(b"StructParents")).primitive(i as i32);
            let mut resources = page.resources();
            if i == 0 {
                // Before the font: the font's id differs in an output
                // that starts with this page.
                resources
                    .insert(Name(b"ExtGState"))
                    .dict()
                    .pair(Name(b"g0"), Ref::new(9));
            }
            resources
                .insert(Name(b"Font"))
                .dict()
                .pair(Name(b"f0"), font);
            resources.finish();
            page.finish();
            pdf.stream(content, format!("page {i}").as_bytes());
        }
        pdf.ext_graphics(Ref::new(9)).non_stroking_alpha(0.5);
        pdf.document_info(info)
            .title(TextStr("batch"))
            .creator(TextStr("Typst"));
        pdf.finish()
    }

    #[test]
    fn each_output_holds_its_pages_and_what_they_reference() {
        let input = two_pages();
        let outs = [
            PageOut {
                pages: 1..2,
                title: Some("Phiếu đánh giá (Đinh Thị Ấn)"),
            },
            PageOut {
                pages: 0..2,
                title: None,
            },
        ];
        let split = split(&input, &outs).unwrap();
        assert_eq!(split.pdfs.len(), 2);
        let content = |doc: &Document, page: ObjectId| {
            let dict = doc.get_dictionary(page).unwrap();
            let id = dict.get(b"Contents").unwrap().as_reference().unwrap();
            doc.get_object(id)
                .unwrap()
                .as_stream()
                .unwrap()
                .content
                .clone()
        };

        let one = Document::load_mem(&split.pdfs[0]).unwrap();
        let pages = one.get_pages();
        assert_eq!(pages.len(), 1);
        let page = pages[&1];
        assert_eq!(content(&one, page), b"page 1");
        let dict = one.get_dictionary(page).unwrap();
        assert!(dict.get(b"StructParents").is_err(), "left behind");
        assert_eq!(
            dict.get(b"Parent").unwrap().as_reference().unwrap(),
            one.catalog()
                .unwrap()
                .get(b"Pages")
                .unwrap()
                .as_reference()
                .unwrap()
        );
        let info = one
            .trailer
            .get(b"Info")
            .and_then(|i| one.get_dictionary(i.as_reference()?))
            .unwrap();
        let title = info.get(b"Title").unwrap().as_str().unwrap();
        assert_eq!(
            lopdf::decode_text_string(&Object::String(title.to_vec(), Default::default())).unwrap(),
            "Phiếu đánh giá (Đinh Thị Ấn)"
        );
        assert_eq!(info.get(b"Creator").unwrap().as_str().unwrap(), b"Typst");

        let both = Document::load_mem(&split.pdfs[1]).unwrap();
        let pages: Vec<_> = both.get_pages().into_values().collect();
        assert_eq!(
            pages.iter().map(|&p| content(&both, p)).collect::<Vec<_>>(),
            [b"page 0".to_vec(), b"page 1".to_vec()]
        );
        let info = both.trailer.get(b"Info").unwrap().as_reference().unwrap();
        assert!(both.get_dictionary(info).unwrap().get(b"Title").is_err());
        let mut font_ids = Vec::new();
        for out in &split.pdfs {
            let doc = Document::load_mem(out).unwrap();
            // Every object is where the cross-reference table says.
            assert_eq!(doc.objects.len(), doc.max_id as usize);
            // Every page finds the shared font, whatever its id here.
            for page in doc.get_pages().into_values() {
                let font = doc
                    .get_dictionary(page)
                    .and_then(|p| doc.get_dict_in_dict(p, b"Resources"))
                    .and_then(|r| doc.get_dict_in_dict(r, b"Font"))
                    .and_then(|f| f.get(b"f0"))
                    .and_then(|f| f.as_reference())
                    .unwrap();
                font_ids.push(font);
                let font = doc.get_object(font).and_then(|f| f.as_stream()).unwrap();
                assert_eq!(font.content, b"shared font bytes \xff\x00 endstream endobj");
            }
        }
        assert_ne!(
            font_ids[0], font_ids[1],
            "the font written twice, once per id"
        );
    }

    #[test]
    fn the_same_page_gives_the_same_bytes() {
        let input = two_pages();
        let out = |title| PageOut { pages: 0..1, title };
        let a = split(&input, &[out(Some("A")), out(Some("B"))]).unwrap();
        let b = split(&input, &[out(Some("A"))]).unwrap();
        assert_eq!(a.pdfs[0], b.pdfs[0]);
        // The second output copies the font's bytes written for the first:
        // the same bytes as writing it afresh.
        let fresh = split(&input, &[out(Some("B"))]).unwrap();
        assert_eq!(a.pdfs[1], fresh.pdfs[0]);
        assert_ne!(a.pdfs[0], a.pdfs[1], "the title is part of the file");
    }
}
