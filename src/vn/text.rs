//! Text helpers: capitalisation of a first letter, Roman numerals.

/// First letter upper-cased: "xã Hoà An" → "Xã Hoà An".
pub fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// First letter lower-cased: "Đào tạo …" → "đào tạo …".
pub fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A name in capitals as it reads in running text: "TỈNH UỶ" → "Tỉnh uỷ".
pub fn sentence_case(s: &str) -> String {
    upper_first(&s.trim().to_lowercase())
}

/// Roman numeral of a heading (1 → "I", up to 10); Arabic digits beyond.
pub fn roman(n: usize) -> String {
    const R: [&str; 10] = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];
    R.get(n.wrapping_sub(1))
        .map_or_else(|| n.to_string(), |s| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_letters() {
        type Case<'a> = (fn(&str) -> String, &'a str, &'a str);
        let cases: [Case; 7] = [
            (upper_first, "xã Hoà An", "Xã Hoà An"),
            (upper_first, "đảng uỷ", "Đảng uỷ"),
            (upper_first, "", ""),
            (lower_first, "Đào tạo trình độ", "đào tạo trình độ"),
            (lower_first, "", ""),
            (sentence_case, " TỈNH UỶ ", "Tỉnh uỷ"),
            (sentence_case, "BAN TỔ CHỨC TỈNH UỶ", "Ban tổ chức tỉnh uỷ"),
        ];
        for (f, input, want) in cases {
            assert_eq!(f(input), want, "{input}");
        }
    }

    #[test]
    fn roman_numerals() {
        assert_eq!(
            (1..=5).map(roman).collect::<Vec<_>>(),
            ["I", "II", "III", "IV", "V"]
        );
        assert_eq!(roman(10), "X");
        assert_eq!(roman(11), "11");
        assert_eq!(roman(0), "0");
    }
}
