//! Comparing what people type: NFC, case, spaces, and the two placements of
//! Vietnamese tone marks ("hoá" / "hóa").

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

pub fn nfc(s: &str) -> String {
    // Most input is NFC already: copied at its length, not grown char by char.
    if unicode_normalization::is_nfc(s) {
        return s.to_owned();
    }
    let mut out: String = s.nfc().collect();
    out.shrink_to_fit();
    out
}

/// The five tone marks, as combining characters.
fn is_tone(c: char) -> bool {
    matches!(c, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}')
}

/// A form for matching names: lowercase, single spaces, each syllable's tone
/// mark moved to its end (so both placements compare equal). Diacritics stay:
/// "dai hoc" is not "Đại học".
pub fn key(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        let mut tones = Vec::new();
        for c in word.nfd().flat_map(char::to_lowercase) {
            if is_tone(c) {
                tones.push(c);
            } else {
                out.push(c);
            }
        }
        out.extend(tones);
    }
    out
}

/// An ASCII slug without diacritics: "Cán bộ" → "can-bo", for file names of
/// CSV sheets and for "did you mean" hints.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut dash = false;
    for c in s.nfd().filter(|c| !is_combining_mark(*c)) {
        let c = match c {
            'đ' | 'Đ' => 'd',
            c => c.to_ascii_lowercase(),
        };
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_case_spaces_and_tone_placement() {
        assert_eq!(key("  Khoá   học "), key("khóa học"));
        assert_eq!(key("ĐẠI HỌC"), key("đại học"));
        assert_ne!(key("dai hoc"), key("Đại học"));
        assert_ne!(key("Nam"), key("Năm"));
    }

    #[test]
    fn folds_to_slugs() {
        assert_eq!(fold("Cán bộ"), "can-bo");
        assert_eq!(fold("Xã, phường"), "xa-phuong");
        assert_eq!(fold("  Quá trình công tác "), "qua-trinh-cong-tac");
        assert_eq!(fold("Đào tạo"), "dao-tao");
        // The sample's commune ids.
        assert_eq!(fold("Đàm Thuỷ"), "dam-thuy");
        assert_eq!(fold("Nà Pồng 2"), "na-pong-2");
    }
}
