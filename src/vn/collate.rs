//! Vietnamese collation (CLDR "vi" through ICU4X): a ă â b c d đ e ê …,
//! tones after the base letter; names ordered by given name, middle, family.

use std::cmp::Ordering;
use std::sync::LazyLock;

use icu_collator::options::CollatorOptions;
use icu_collator::{CollatorBorrowed, CollatorPreferences};
use icu_locale_core::locale;

static COLLATOR: LazyLock<CollatorBorrowed<'static>> = LazyLock::new(|| {
    let prefs: CollatorPreferences = locale!("vi").into();
    CollatorBorrowed::try_new(prefs, CollatorOptions::default())
        .expect("compiled collation data for vi")
});

/// Compare two texts in Vietnamese order.
pub fn compare_text(a: &str, b: &str) -> Ordering {
    COLLATOR.compare(a, b)
}

/// (given, middle, family) of a full name "Họ đệm Tên".
pub fn name_order(full: &str) -> (&str, &str, &str) {
    let full = full.trim();
    let Some((rest, given)) = full.rsplit_once(char::is_whitespace) else {
        return (full, "", "");
    };
    let rest = rest.trim_end();
    match rest.split_once(char::is_whitespace) {
        Some((family, middle)) => (given, middle.trim(), family),
        None => (given, "", rest),
    }
}

/// Order of names in a list: given name, then middle, then family name.
pub fn compare_names(a: &str, b: &str) -> Ordering {
    let (ga, ma, fa) = name_order(a);
    let (gb, mb, fb) = name_order(b);
    compare_text(ga, gb)
        .then_with(|| compare_text(ma, mb))
        .then_with(|| compare_text(fa, fb))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_in_vietnamese_order() {
        for (a, b) in [
            ("An", "Ân"),
            ("Ăn", "Ân"),
            ("An", "Ăn"),
            ("Dũng", "Đạt"),
            ("Hùng", "Hưng"),
            ("Oanh", "Ôn"),
            ("Ôn", "Ơn"),
            ("Uyên", "Ước"),
            ("Anh", "Ánh"),
            ("Ý", "Yến"),
        ] {
            assert_eq!(compare_text(a, b), Ordering::Less, "{a} < {b}");
        }
    }

    #[test]
    fn splits_names() {
        assert_eq!(name_order("Nông Thị Hoa"), ("Hoa", "Thị", "Nông"));
        assert_eq!(name_order("Lò Văn Thị Sáng"), ("Sáng", "Văn Thị", "Lò"));
        assert_eq!(name_order("Hoa"), ("Hoa", "", ""));
        assert_eq!(name_order("Ma Hoa"), ("Hoa", "", "Ma"));
    }

    #[test]
    fn names_sort_by_given_then_middle_then_family() {
        let mut names = vec![
            "Nông Văn Hưng",
            "Bế Thị Ân",
            "Hoàng Văn Hùng",
            "Triệu Văn An",
            "Lý Thị Ân",
            "Đàm Văn Đạt",
            "Vi Thị Dũng",
            "La Văn Ơn",
            "Ma Thị Oanh",
            "Hà Văn Ôn",
            "Lục Thị Ước",
            "Lương Thị Uyên",
        ];
        names.sort_by(|a, b| compare_names(a, b));
        assert_eq!(
            names,
            vec![
                "Triệu Văn An",
                "Bế Thị Ân",
                "Lý Thị Ân",
                "Vi Thị Dũng",
                "Đàm Văn Đạt",
                "Hoàng Văn Hùng",
                "Nông Văn Hưng",
                "Ma Thị Oanh",
                "Hà Văn Ôn",
                "La Văn Ơn",
                "Lương Thị Uyên",
                "Lục Thị Ước",
            ]
        );
    }
}
