//! Text helpers: capitalisation of a first letter, Roman numerals, the full
//! citation of a document (HD 36).

use chrono::NaiveDate;

use super::format::date_body;

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

/// A document cited in full (HD 36): "Nghị quyết số 15-NQ/TU, ngày
/// 20/4/2026 của <issuer> về <subject>" — a comma before "ngày", the date
/// with the zero rule, and "về" before the subject unless it starts so.
pub fn citation(kind: &str, number: &str, date: NaiveDate, issuer: &str, subject: &str) -> String {
    let subject = subject.trim();
    let subject = if subject.is_empty() || subject.starts_with("về ") {
        subject.to_string()
    } else {
        format!("về {subject}")
    };
    format!(
        "{kind} số {}, ngày {} của {issuer} {subject}",
        number.trim(),
        date_body(date)
    )
    .trim_end()
    .to_string()
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

    #[test]
    fn a_citation_has_the_comma_the_date_and_one_ve() {
        let d = NaiveDate::from_ymd_opt(2026, 4, 20).unwrap();
        let issuer = "Ban Chấp hành Đảng bộ tỉnh";
        let want =
            "Nghị quyết số 15-NQ/TU, ngày 20/4/2026 của Ban Chấp hành Đảng bộ tỉnh về cán bộ cơ sở";
        assert_eq!(
            citation("Nghị quyết", "15-NQ/TU", d, issuer, "về cán bộ cơ sở"),
            want
        );
        assert_eq!(
            citation("Nghị quyết", " 15-NQ/TU ", d, issuer, " cán bộ cơ sở "),
            want
        );
        // No subject: the citation ends with the issuer.
        assert_eq!(
            citation("Nghị quyết", "15-NQ/TU", d, issuer, ""),
            "Nghị quyết số 15-NQ/TU, ngày 20/4/2026 của Ban Chấp hành Đảng bộ tỉnh"
        );
        let feb = NaiveDate::from_ymd_opt(2026, 2, 5).unwrap();
        assert!(citation("Kế hoạch", "3-KH/TU", feb, "Tỉnh uỷ", "x").contains("ngày 05/02/2026"));
    }
}
