//! What every document shares: issuing body, number, place and date, signer,
//! recipients (document-conventions.md).

use serde::Serialize;

use crate::input::{Bloc, Commune, Config, Official, Position, Signer};
use crate::model::Model;
use crate::vn::{citation, date_body};

#[derive(Debug, Clone, Serialize)]
pub struct DateVm {
    pub day: u32,
    pub month: u32,
    pub year: i32,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocVm {
    /// "party" (HD 36) or "state" (NĐ 30).
    pub style: &'static str,
    /// Overrides of the template library's ruleset (config.layout).
    pub ruleset: serde_json::Value,
    pub superior: String,
    pub issuer: String,
    pub show_number: bool,
    /// The number alone ("12"); None leaves it blank for the clerk.
    pub number: Option<String>,
    pub type_code: String,
    pub body_code: String,
    pub place: String,
    pub date: DateVm,
    pub urgency: Option<String>,
    pub title: String,
    pub signer: Signer,
    pub recipients: Vec<String>,
}

fn date(cfg: &Config) -> DateVm {
    use chrono::Datelike;
    DateVm {
        day: cfg.issued_on.day(),
        month: cfg.issued_on.month(),
        year: cfg.issued_on.year(),
    }
}

fn ruleset(cfg: &Config) -> serde_json::Value {
    serde_json::to_value(&cfg.layout).unwrap_or_default()
}

/// "xã Hòa An" / "phường Thục Phán".
pub fn commune_words(c: &Commune) -> String {
    format!("{} {}", c.kind.label(), c.name)
}

/// The number of a document as it is cited in its own text (the zero rule
/// of its "Số" line): "123", "7" → "07"; blank for the clerk when none.
pub fn printed_number(doc: &DocVm) -> String {
    match doc.number.as_deref() {
        Some(n) if n.len() == 1 && n.chars().all(|c| c.is_ascii_digit()) => format!("0{n}"),
        Some(n) => n.to_string(),
        None => "\u{a0}".repeat(8),
    }
}

/// "Đảng uỷ xã Hoà An" / "UBND xã Hoà An": the unit of an official in a list.
pub fn unit_words(o: &Official, c: &Commune) -> String {
    match o.bloc {
        Bloc::Party => format!("Đảng uỷ {}", commune_words(c)),
        Bloc::Government => format!("UBND {}", commune_words(c)),
    }
}

/// Who an official is, as a form (the sheet, the record) introduces them.
#[derive(Debug, Serialize)]
pub struct IdentityVm {
    pub id: String,
    pub name: String,
    pub birth_date: String,
    pub gender: &'static str,
    pub ethnicity: String,
    /// [`title_words`].
    pub title: String,
    pub unit: String,
    pub party_joined_on: Option<String>,
}

/// The identity of `o`, who holds `p`, in `unit`.
pub fn identity(o: &Official, p: &Position, unit: String) -> IdentityVm {
    IdentityVm {
        id: o.id.clone(),
        name: o.name.clone(),
        birth_date: crate::vn::date_body(o.birth_date),
        gender: o.gender.label(),
        ethnicity: o.ethnicity.clone(),
        title: title_words(o, p),
        unit,
        party_joined_on: o.party_joined_on.map(crate::vn::date_body),
    }
}

/// How a report, a plan or a list speaks of itself: its scope, the
/// resolution it serves, the date of its figures and its issue. Flattened
/// into their view-models (the templates read `provincial`, `as_of`, …).
#[derive(Debug, Clone, Serialize)]
pub struct ScopeVm {
    pub provincial: bool,
    /// The commune of a commune's document, "xã Hoà An"; none for the province.
    pub commune: Option<String>,
    /// The resolution cited in full.
    pub resolution: String,
    /// config.as_of and the date of issue, d/m/yyyy.
    pub as_of: String,
    pub issued_on: String,
    /// The number as the document cites itself (blank for the clerk when none).
    pub number: String,
}

impl ScopeVm {
    pub fn new(cfg: &Config, commune: Option<&Commune>, doc: &DocVm) -> ScopeVm {
        ScopeVm {
            provincial: commune.is_none(),
            commune: commune.map(commune_words),
            resolution: resolution_citation(cfg),
            as_of: date_body(cfg.as_of),
            issued_on: date_body(cfg.issued_on),
            number: printed_number(doc),
        }
    }
}

/// The official's title, or their position's name.
pub fn title_words(o: &Official, p: &Position) -> String {
    o.title.clone().unwrap_or_else(|| p.name.clone())
}

/// The resolution cited in full (HD 36), the one wording every document
/// uses: "Nghị quyết số 15-NQ/TU, ngày 20/4/2026 của Ban Chấp hành Đảng bộ
/// tỉnh về …".
pub fn resolution_citation(cfg: &Config) -> String {
    let r = &cfg.resolution;
    citation(
        "Nghị quyết",
        &r.number,
        r.issued_on,
        "Ban Chấp hành Đảng bộ tỉnh",
        &r.title,
    )
}

/// The configured number ("123-BC/TU" or "123") of a document key, as the number alone.
fn number(cfg: &Config, key: &str) -> Option<String> {
    let raw = cfg.numbering.get(key)?;
    let n = raw.split(['-', '/']).next().unwrap_or(raw).trim();
    (!n.is_empty()).then(|| n.to_string())
}

fn recipients(cfg: &Config, key: &str, default: &[String]) -> Vec<String> {
    cfg.recipients
        .get(key)
        .cloned()
        .unwrap_or_else(|| default.to_vec())
}

/// An official's form (a sheet, a record): the commune committee's paper
/// with no type code and no "Số:" line.
pub fn official_form(model: &Model, c: &Commune, key: &str, title: String) -> DocVm {
    DocVm {
        show_number: false,
        ..commune_committee(model, c, "", key, title)
    }
}

/// A document issued by a commune's Party committee (Đảng uỷ xã/phường).
pub fn commune_committee(
    model: &Model,
    c: &Commune,
    type_code: &str,
    key: &str,
    title: String,
) -> DocVm {
    let cfg = &model.ds.config;
    DocVm {
        style: "party",
        ruleset: ruleset(cfg),
        superior: cfg.provincial_committee.parent.to_uppercase(),
        issuer: format!("ĐẢNG UỶ {}", commune_words(c).to_uppercase()),
        show_number: true,
        number: number(cfg, &format!("{key}.{}", c.id)),
        type_code: type_code.into(),
        body_code: "ĐU".into(),
        place: c.name.clone(),
        date: date(cfg),
        urgency: None,
        title,
        signer: Signer {
            authority: "T/M ĐẢNG UỶ".into(),
            role: "BÍ THƯ".into(),
            name: c.secretary.clone().unwrap_or_default(),
        },
        recipients: recipients(
            cfg,
            key,
            &[
                "Ban Thường vụ Tỉnh uỷ (báo cáo)".into(),
                "Các chi bộ trực thuộc".into(),
                "Lưu Văn phòng Đảng uỷ".into(),
            ],
        ),
    }
}

/// The same document issued by the commune People's Committee in the state
/// layout (NĐ 30): "UBND TỈNH …" over "UBND XÃ …", "Số: …/…-UBND", signed
/// "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH" by `config.communes[].chairman`.
pub fn state_committee(doc: &mut DocVm, model: &Model, c: &Commune) {
    let cfg = &model.ds.config;
    doc.style = "state";
    doc.superior = new_style_tones(&format!("UBND TỈNH {}", cfg.province.to_uppercase()));
    doc.issuer = new_style_tones(&format!("UBND {}", commune_words(c).to_uppercase()));
    doc.body_code = "UBND".into();
    doc.signer = Signer {
        authority: "TM. ỦY BAN NHÂN DÂN".into(),
        role: "CHỦ TỊCH".into(),
        name: c.chairman.clone().unwrap_or_default(),
    };
}

/// The tone of a final "oa", "oe", "uy" on its first vowel, as state
/// documents spell the names of bodies ("HOÀ AN" → "HÒA AN", "Uỷ" → "Ủy");
/// "quý", "hoàng" keep theirs.
pub fn new_style_tones(s: &str) -> String {
    // (toned second vowel, its base) and the toned forms of o and u.
    const TONED: [(&str, char); 6] = [
        ("àáảãạ", 'a'),
        ("ÀÁẢÃẠ", 'A'),
        ("èéẻẽẹ", 'e'),
        ("ÈÉẺẼẸ", 'E'),
        ("ỳýỷỹỵ", 'y'),
        ("ỲÝỶỸỴ", 'Y'),
    ];
    const FIRST: [(char, &str); 4] = [
        ('o', "òóỏõọ"),
        ('O', "ÒÓỎÕỌ"),
        ('u', "ùúủũụ"),
        ('U', "ÙÚỦŨỤ"),
    ];
    let chars: Vec<char> = s.chars().collect();
    let mut out = chars.clone();
    for i in 1..chars.len() {
        let at_end = chars.get(i + 1).is_none_or(|c| !c.is_alphabetic());
        let Some((tone, base)) = TONED.iter().find_map(|(forms, base)| {
            forms
                .chars()
                .position(|f| f == chars[i])
                .map(|t| (t, *base))
        }) else {
            continue;
        };
        let first = chars[i - 1];
        let pair = matches!(
            (first.to_ascii_lowercase(), base.to_ascii_lowercase()),
            ('o', 'a') | ('o', 'e') | ('u', 'y')
        );
        let after_q = i >= 2 && matches!(chars[i - 2], 'q' | 'Q');
        if !at_end || !pair || after_q {
            continue;
        }
        if let Some((_, forms)) = FIRST.iter().find(|(c, _)| *c == first) {
            out[i - 1] = forms.chars().nth(tone).unwrap_or(first);
            out[i] = base;
        }
    }
    out.into_iter().collect()
}

/// A document issued by a provincial body (Tỉnh uỷ, Ban Tổ chức Tỉnh uỷ):
/// place from `config.place`, number from `config.numbering[key]`,
/// recipients from `config.recipients[key]` (else `default_recipients`).
pub fn provincial_doc(
    model: &Model,
    body: &crate::input::Body,
    type_code: &str,
    key: &str,
    title: String,
    default_recipients: &[String],
) -> DocVm {
    let cfg = &model.ds.config;
    DocVm {
        style: "party",
        ruleset: ruleset(cfg),
        superior: body.parent.to_uppercase(),
        issuer: body.name.to_uppercase(),
        show_number: true,
        number: number(cfg, key),
        type_code: type_code.into(),
        body_code: body.code.clone(),
        place: cfg.place.clone(),
        date: date(cfg),
        urgency: None,
        title,
        signer: body.signer.clone(),
        recipients: recipients(cfg, key, default_recipients),
    }
}

/// Narrative text (config.narrative) as paragraphs and dash items:
/// a blank line starts a paragraph, a line starting with "- " is an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Block {
    /// "para" or "item".
    pub kind: &'static str,
    pub text: String,
}

pub fn narrative_blocks(text: &str) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut para = String::new();
    let flush = |para: &mut String, out: &mut Vec<Block>| {
        if !para.trim().is_empty() {
            out.push(Block {
                kind: "para",
                text: para.trim().to_string(),
            });
        }
        para.clear();
    };
    for line in text.lines() {
        let t = line.trim();
        if t.is_empty() {
            flush(&mut para, &mut out);
        } else if let Some(item) = t.strip_prefix("- ") {
            flush(&mut para, &mut out);
            out.push(Block {
                kind: "item",
                text: item.trim().to_string(),
            });
        } else {
            if !para.is_empty() {
                para.push(' ');
            }
            para.push_str(t);
        }
    }
    flush(&mut para, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_is_cited_as_its_so_line_prints_it() {
        let mut doc = DocVm {
            style: "party",
            ruleset: serde_json::Value::Null,
            superior: String::new(),
            issuer: String::new(),
            show_number: true,
            number: Some("7".into()),
            type_code: "KH".into(),
            body_code: "TU".into(),
            place: String::new(),
            date: DateVm {
                day: 5,
                month: 7,
                year: 2026,
            },
            urgency: None,
            title: String::new(),
            signer: Signer {
                authority: String::new(),
                role: String::new(),
                name: String::new(),
            },
            recipients: Vec::new(),
        };
        assert_eq!(printed_number(&doc), "07");
        doc.number = Some("123".into());
        assert_eq!(printed_number(&doc), "123");
        doc.number = None;
        assert_eq!(printed_number(&doc), "\u{a0}".repeat(8));
    }

    #[test]
    fn state_spelling_moves_the_tone_of_a_final_oa_oe_uy() {
        assert_eq!(new_style_tones("UBND XÃ HOÀ AN"), "UBND XÃ HÒA AN");
        assert_eq!(
            new_style_tones("ĐẢNG UỶ, Thanh Hoá, khoẻ"),
            "ĐẢNG ỦY, Thanh Hóa, khỏe"
        );
        assert_eq!(new_style_tones("Hoàng Quý Thuỵ"), "Hoàng Quý Thụy");
        assert_eq!(new_style_tones("HÒA AN"), "HÒA AN");
    }

    #[test]
    fn narrative_paragraphs_and_items() {
        let b = narrative_blocks("Đoạn một\ndòng hai.\n\n- ý *một*\n- ý #hai\nĐoạn ba.");
        assert_eq!(
            b,
            vec![
                Block {
                    kind: "para",
                    text: "Đoạn một dòng hai.".into()
                },
                Block {
                    kind: "item",
                    text: "ý *một*".into()
                },
                Block {
                    kind: "item",
                    text: "ý #hai".into()
                },
                Block {
                    kind: "para",
                    text: "Đoạn ba.".into()
                },
            ]
        );
    }
}
