//! The registry: every document kind and every export, each named once.

use super::plugin::{DocKind, Export};
use super::{
    Selection, bao_cao, canh_bao, danh_sach, ho_so, ke_hoach, phieu, ratings_csv, ratings_xlsx,
    thong_ke,
};

/// Every document kind, in planning order (the order `--only` lists them).
pub static KINDS: &[&dyn DocKind] = &[
    &phieu::EVALUATION_SHEET,
    &danh_sach::RATINGS_LIST,
    &bao_cao::PERIODIC_REPORT,
    &ke_hoach::TRAINING_PLAN,
    &canh_bao::EARLY_WARNINGS,
    &ho_so::OFFICIAL_RECORD,
];

/// The ratings' exports, fed by the sheets and the lists.
pub(super) const RATINGS: &[&str] = &[ratings_csv::EXPORT.code, ratings_xlsx::EXPORT.code];

/// Every data export.
pub static EXPORTS: &[&Export] = &[
    &ratings_csv::EXPORT,
    &ratings_xlsx::EXPORT,
    &thong_ke::EXPORT,
];

/// The kind of a code (`phieu-danh-gia`).
pub fn kind(code: &str) -> Option<&'static dyn DocKind> {
    KINDS.iter().copied().find(|k| k.code() == code)
}

/// The exports the selection brings along: those fed by a wanted kind.
pub fn exports(sel: &Selection) -> Vec<&'static Export> {
    EXPORTS
        .iter()
        .copied()
        .filter(|e| e.fed_by().into_iter().any(|k| sel.wants(k)))
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn codes_are_unique_and_found_again() {
        let codes: HashSet<&str> = KINDS
            .iter()
            .map(|k| k.code())
            .chain(EXPORTS.iter().map(|e| e.code))
            .collect();
        assert_eq!(codes.len(), KINDS.len() + EXPORTS.len());
        for k in KINDS {
            assert_eq!(kind(k.code()).map(|k| k.code()), Some(k.code()));
        }
        assert!(kind("ho-so").is_none());
    }

    #[test]
    fn every_kind_has_its_template() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("report-templates");
        for k in KINDS {
            assert!(dir.join(k.template()).is_file(), "{}", k.template());
        }
    }

    #[test]
    fn kinds_feed_registered_exports_and_every_export_is_fed() {
        for k in KINDS {
            for code in k.feeds() {
                assert!(
                    EXPORTS.iter().any(|e| e.code == *code),
                    "{} feeds {code}",
                    k.code()
                );
            }
        }
        for e in EXPORTS {
            assert!(!e.fed_by().is_empty(), "{} is fed by no kind", e.code);
        }
    }

    #[test]
    fn an_export_comes_with_the_kinds_that_feed_it_only() {
        for e in EXPORTS {
            for k in KINDS {
                let sel = Selection {
                    kinds: vec![*k],
                    communes: vec![],
                };
                let wanted = exports(&sel).iter().any(|x| x.code == e.code);
                assert_eq!(wanted, k.feeds().contains(&e.code), "{}", k.code());
            }
        }
        let all = Selection::default();
        assert_eq!(exports(&all).len(), EXPORTS.len());
    }
}
