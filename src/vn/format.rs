//! Numbers and dates the Vietnamese way: 3.555; 97,7%; 05/02/2026.
//! All rounding is done on integers, half up.

use chrono::{Datelike, NaiveDate};

/// Thousands separated by ".": 3555 → "3.555".
pub fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// `num/den` rounded half up to tenths, as an integer number of tenths.
fn tenths(num: i128, den: i128) -> i128 {
    assert!(den > 0, "denominator must be positive");
    // floor(num*10/den + 1/2) = floor((20 num + den) / (2 den))
    (20 * num + den).div_euclid(2 * den)
}

fn fmt_tenths(t: i128) -> String {
    let sign = if t < 0 { "-" } else { "" };
    let t = t.abs();
    format!("{sign}{},{}", thousands((t / 10) as i64), t % 10)
}

/// `num/den` with one decimal, comma separator: (177, 2) → "88,5".
pub fn decimal1_ratio(num: i64, den: i64) -> String {
    fmt_tenths(tenths(num as i128, den as i128))
}

/// An integer with one decimal: 90 → "90,0".
pub fn decimal1(n: i64) -> String {
    decimal1_ratio(n, 1)
}

/// Share as percent with one decimal: (3474, 3555) → "97,7%". Zero total → "0,0%".
pub fn percent(count: u64, total: u64) -> String {
    if total == 0 {
        return "0,0%".into();
    }
    format!(
        "{}%",
        fmt_tenths(tenths(count as i128 * 100, total as i128))
    )
}

/// "3.474/3.555 (97,7%)".
pub fn ratio(count: u64, total: u64) -> String {
    format!(
        "{}/{} ({})",
        thousands(count as i64),
        thousands(total as i64),
        percent(count, total)
    )
}

/// Day zero-padded below 10, month zero-padded for 1 and 2 (HD 36).
pub fn date_header_parts(d: NaiveDate) -> (String, String, String) {
    let day = format!("{:02}", d.day());
    let month = if d.month() <= 2 {
        format!("{:02}", d.month())
    } else {
        d.month().to_string()
    };
    (day, month, d.year().to_string())
}

/// A date in running text: 20/4/2026, 05/02/2026.
pub fn date_body(d: NaiveDate) -> String {
    let (day, month, year) = date_header_parts(d);
    format!("{day}/{month}/{year}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_use_dots() {
        for (n, want) in [
            (0, "0"),
            (999, "999"),
            (3555, "3.555"),
            (1234567, "1.234.567"),
            (-2045, "-2.045"),
        ] {
            assert_eq!(thousands(n), want);
        }
    }

    #[test]
    fn percent_rounds_half_up_on_integers() {
        for (n, d, want) in [
            (3474, 3555, "97,7%"),
            (283, 3555, "8,0%"),
            (1872, 3555, "52,7%"),
            (248, 3555, "7,0%"),
            (1, 8, "12,5%"), // exactly 12.5
            (1, 16, "6,3%"), // 6.25 → 6.3, half up
            (0, 0, "0,0%"),
            (5, 5, "100,0%"),
        ] {
            assert_eq!(percent(n, d), want, "{n}/{d}");
        }
    }

    #[test]
    fn ratio_reads_like_the_resolution() {
        assert_eq!(ratio(3474, 3555), "3.474/3.555 (97,7%)");
        assert_eq!(ratio(1762, 3555), "1.762/3.555 (49,6%)");
    }

    #[test]
    fn decimals() {
        for (n, d, want) in [(177, 2, "88,5"), (1, 3, "0,3"), (2, 3, "0,7")] {
            assert_eq!(decimal1_ratio(n, d), want);
        }
        assert_eq!(decimal1_ratio(899_995, 10_000), "90,0");
        assert_eq!(decimal1(90), "90,0");
    }

    #[test]
    fn zero_rule_for_dates() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        for ((m, day), want) in [
            ((4, 20), "20/4/2026"),
            ((2, 5), "05/02/2026"),
            ((1, 15), "15/01/2026"),
            ((12, 9), "09/12/2026"),
        ] {
            assert_eq!(date_body(d(2026, m, day)), want);
        }
        assert_eq!(
            date_header_parts(d(2026, 7, 5)),
            ("05".into(), "7".into(), "2026".into())
        );
    }
}
