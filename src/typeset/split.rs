//! Splitting one typeset PDF into one file per page.
//!
//! Evaluation sheets are typeset many to one Typst document (one page each):
//! the fonts are subset and compressed once for the whole batch instead of
//! once per sheet, which is most of the cost of exporting a one-page form.
//! Each page is then copied with the objects it references (content, fonts,
//! images) into a PDF of its own; streams are copied as they are, never
//! re-encoded.

use std::collections::{BTreeSet, HashMap};

use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};
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
        .ok()
        .cloned();
    let catalog = src.catalog().map_err(|e| format!("PDF: {e}"))?;
    let lang = catalog.get(b"Lang").ok().cloned();
    // PDF/A: the output intent is shared; the XMP packet is redone per file.
    let intents = catalog.get(b"OutputIntents").ok().cloned();
    let xmp = catalog
        .get(b"Metadata")
        .and_then(|o| o.as_reference())
        .and_then(|id| src.get_object(id))
        .and_then(|o| o.as_stream())
        .ok()
        .map(|s| String::from_utf8_lossy(&s.content).into_owned());
    let shared = Shared {
        info: info.as_ref(),
        lang: lang.as_ref(),
        intents: intents.as_ref(),
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
    // Digests of the input's streams, each computed once for the batch
    // (the fonts are shared by every page and are most of the bytes).
    let mut digests = HashMap::new();
    let pdfs = outs
        .iter()
        .map(|o| {
            let ids = o
                .pages
                .clone()
                .map(|i| {
                    pages
                        .get(i)
                        .copied()
                        .ok_or_else(|| format!("PDF: không có trang {}", i + 1))
                })
                .collect::<Result<Vec<_>, _>>()?;
            extract(&src, &ids, &shared, o.title, &mut digests)
        })
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

fn extract(
    src: &Document,
    page_ids: &[ObjectId],
    shared: &Shared,
    title: Option<&str>,
    digests: &mut HashMap<ObjectId, [u8; 32]>,
) -> Result<Vec<u8>, String> {
    let mut out = Document::with_version(src.version.clone());
    let mut copier = Copier {
        src,
        map: HashMap::new(),
        out: &mut out,
    };
    // Page tree: ids 1 (catalog) and 2 (pages) first, then the pages.
    let catalog_id = copier.out.new_object_id();
    let pages_id = copier.out.new_object_id();
    let kids = page_ids
        .iter()
        .map(|&p| copier.copy_ref(p, Some(pages_id)).map(Object::Reference))
        .collect::<Result<Vec<_>, _>>()?;
    let intents = shared.intents.map(|i| copier.copy(i)).transpose()?;
    // The streams copied, by their id in the output (its order).
    let mut copied: Vec<(ObjectId, ObjectId, &lopdf::Stream)> = copier
        .map
        .iter()
        .filter_map(|(&s, &n)| match src.get_object(s) {
            Ok(Object::Stream(st)) => Some((n, s, st)),
            _ => None,
        })
        .collect();
    copied.sort_unstable_by_key(|&(n, _, _)| n);

    let mut pages = Dictionary::new();
    pages.set("Type", Object::Name(b"Pages".to_vec()));
    pages.set("Count", Object::Integer(kids.len() as i64));
    pages.set("Kids", Object::Array(kids));
    out.objects.insert(pages_id, Object::Dictionary(pages));

    let mut catalog = Dictionary::new();
    catalog.set("Type", Object::Name(b"Catalog".to_vec()));
    catalog.set("Pages", Object::Reference(pages_id));
    if let Some(lang) = shared.lang {
        catalog.set("Lang", lang.clone());
    }
    if let Some(intents) = intents {
        catalog.set("OutputIntents", intents);
    }

    let mut info = shared.info.cloned().unwrap_or_default();
    match title {
        Some(t) => info.set("Title", text_string(t)),
        None => {
            info.remove(b"Title");
        }
    }
    let info_id = out.add_object(Object::Dictionary(info));
    out.trailer.set("Root", Object::Reference(catalog_id));
    out.trailer.set("Info", Object::Reference(info_id));

    // A stable file identifier (no time, no randomness, so the same page
    // always gives the same bytes): the hash of the digests of every
    // stream copied (content, fonts), in the output's order, and of the
    // title.
    let mut h = Sha256::new();
    for (_, src_id, st) in copied {
        h.update(
            digests
                .entry(src_id)
                .or_insert_with(|| Sha256::digest(&st.content).into()),
        );
    }
    h.update(title.unwrap_or_default().as_bytes());
    let id = h.finalize()[..16].to_vec();
    if let Some(xmp) = shared.xmp {
        let packet = own_xmp(xmp, title, page_ids.len(), &hex(&id));
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"Metadata".to_vec()));
        dict.set("Subtype", Object::Name(b"XML".to_vec()));
        // Stored unfiltered, as PDF/A readers expect to find it.
        let stream = lopdf::Stream::new(dict, packet.into_bytes()).with_compression(false);
        let meta_id = out.add_object(Object::Stream(stream));
        catalog.set("Metadata", Object::Reference(meta_id));
    }
    out.objects.insert(catalog_id, Object::Dictionary(catalog));
    out.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(id.clone(), StringFormat::Hexadecimal),
            Object::String(id, StringFormat::Hexadecimal),
        ]),
    );
    let mut bytes = Vec::new();
    out.save_to(&mut bytes).map_err(|e| format!("PDF: {e}"))?;
    Ok(bytes)
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

/// A PDF text string (UTF-16BE with a byte-order mark when not ASCII).
fn text_string(s: &str) -> Object {
    if s.is_ascii() {
        return Object::String(s.as_bytes().to_vec(), StringFormat::Literal);
    }
    let mut bytes = vec![0xFE, 0xFF];
    for u in s.encode_utf16() {
        bytes.extend_from_slice(&u.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// Deep copy of objects from `src` into `out`, each source object once.
struct Copier<'a> {
    src: &'a Document,
    map: HashMap<ObjectId, ObjectId>,
    out: &'a mut Document,
}

impl Copier<'_> {
    /// Copy the object `id` (and what it references); `parent` replaces
    /// a page's /Parent.
    fn copy_ref(&mut self, id: ObjectId, parent: Option<ObjectId>) -> Result<ObjectId, String> {
        if let Some(&new) = self.map.get(&id) {
            return Ok(new);
        }
        let new = self.out.new_object_id();
        self.map.insert(id, new);
        let obj = self
            .src
            .get_object(id)
            .map_err(|e| format!("PDF: đối tượng {id:?}: {e}"))?;
        let mut copy = self.copy(obj)?;
        if let (Some(parent), Object::Dictionary(d)) = (parent, &mut copy) {
            d.set("Parent", Object::Reference(parent));
        }
        self.out.objects.insert(new, copy);
        Ok(new)
    }

    fn copy(&mut self, obj: &Object) -> Result<Object, String> {
        Ok(match obj {
            Object::Reference(id) => Object::Reference(self.copy_ref(*id, None)?),
            Object::Array(items) => Object::Array(
                items
                    .iter()
                    .map(|o| self.copy(o))
                    .collect::<Result<_, _>>()?,
            ),
            Object::Dictionary(d) => Object::Dictionary(self.copy_dict(d)?),
            Object::Stream(s) => {
                let mut s2 = s.clone();
                s2.dict = self.copy_dict(&s.dict)?;
                Object::Stream(s2)
            }
            other => other.clone(),
        })
    }

    fn copy_dict(&mut self, d: &Dictionary) -> Result<Dictionary, String> {
        let mut out = Dictionary::new();
        for (k, v) in d.iter() {
            // The page tree and structure of the whole batch stay behind.
            if matches!(k.as_slice(), b"Parent" | b"StructParents" | b"Annots") {
                continue;
            }
            out.set(k.clone(), self.copy(v)?);
        }
        Ok(out)
    }
}
