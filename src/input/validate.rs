//! Checks across files: unique ids, references that resolve, one evaluation
//! per official and period.

use std::collections::HashMap;

use super::data::*;
use crate::diag::{Diagnostic, Diagnostics};

fn unique<'a, T>(
    diags: &mut Diagnostics,
    items: &'a [T],
    key: impl Fn(&'a T) -> &'a str,
    src: impl Fn(&T) -> &Src,
) -> HashMap<&'a str, &'a T> {
    let mut seen: HashMap<&'a str, &'a T> = HashMap::new();
    for item in items {
        let k = key(item);
        if let Some(first) = seen.get(k) {
            let (loc, path) = src(item).at("id");
            let (first_loc, first_path) = src(first).at("id");
            diags.push(Diagnostic::new(
                loc,
                path,
                format!("mã \"{k}\" bị trùng: đã dùng ở {first_loc} ({first_path})"),
            ));
        } else {
            seen.insert(k, item);
        }
    }
    seen
}

/// Report `value` unless it is a known id or the id of an invalid entity
/// (`broken`, already reported).
fn check_ref<T>(
    diags: &mut Diagnostics,
    known: &HashMap<&str, T>,
    broken: &[String],
    src: &Src,
    field: &str,
    what: &str,
    value: &str,
) {
    if !known.contains_key(value) && !broken.iter().any(|b| b == value) {
        let (loc, path) = src.at(field);
        let mut msg = format!("{what} \"{value}\" không có trong dữ liệu");
        let keys: Vec<&str> = known.keys().copied().collect();
        if let Some(s) = crate::diag::suggest(value, &keys) {
            msg.push_str(&format!("; có phải \"{s}\"?"));
        }
        diags.push(Diagnostic::new(loc, path, msg));
    }
}

pub fn cross_check(ds: &Dataset, broken: &[String], diags: &mut Diagnostics) {
    let communes = unique(diags, &ds.communes, |c| &c.id, |c| &c.src);
    let positions = unique(diags, &ds.positions, |p| &p.id, |p| &p.src);
    let officials = unique(diags, &ds.officials, |o| &o.id, |o| &o.src);
    let courses = unique(diags, &ds.courses, |c| &c.id, |c| &c.src);
    unique(diags, &ds.tasks, |t| &t.id, |t| &t.src);
    unique(diags, &ds.initiatives, |i| &i.id, |i| &i.src);

    for o in &ds.officials {
        check_ref(
            diags,
            &communes,
            broken,
            &o.src,
            "commune",
            "xã/phường",
            &o.commune,
        );
        check_ref(
            diags,
            &positions,
            broken,
            &o.src,
            "position",
            "vị trí việc làm",
            &o.position,
        );
        if o.birth_date >= ds.config.as_of {
            let (loc, path) = o.src.at("birth_date");
            diags.push(Diagnostic::new(
                loc,
                path,
                format!(
                    "ngày sinh {} không trước ngày tham chiếu as_of {}",
                    o.birth_date, ds.config.as_of
                ),
            ));
        }
    }
    let mut evals: HashMap<(&str, Period), &Evaluation> = HashMap::new();
    for e in &ds.evaluations {
        check_ref(
            diags,
            &officials,
            broken,
            &e.src,
            "official",
            "cán bộ",
            &e.official,
        );
        if let Some(first) = evals.get(&(e.official.as_str(), e.period)) {
            diags.push(Diagnostic::new(
                e.src.loc.clone(),
                e.src.path.clone(),
                format!(
                    "cán bộ \"{}\" đã có phiếu đánh giá kỳ {} ở {} ({}); mỗi kỳ chỉ một phiếu",
                    e.official,
                    e.period.code(),
                    first.src.loc,
                    first.src.path
                ),
            ));
        } else {
            evals.insert((e.official.as_str(), e.period), e);
        }
    }
    for t in &ds.trainings {
        check_ref(
            diags,
            &officials,
            broken,
            &t.src,
            "official",
            "cán bộ",
            &t.official,
        );
        check_ref(
            diags,
            &courses,
            broken,
            &t.src,
            "course",
            "khoá học",
            &t.course,
        );
    }
    for t in &ds.tasks {
        check_ref(
            diags,
            &communes,
            broken,
            &t.src,
            "commune",
            "xã/phường",
            &t.commune,
        );
        if let Some(owner) = &t.owner {
            check_ref(diags, &officials, broken, &t.src, "owner", "cán bộ", owner);
        }
    }
    for i in &ds.initiatives {
        check_ref(
            diags,
            &communes,
            broken,
            &i.src,
            "commune",
            "xã/phường",
            &i.commune,
        );
    }
    for s in &ds.surveys {
        check_ref(
            diags,
            &communes,
            broken,
            &s.src,
            "commune",
            "xã/phường",
            &s.commune,
        );
    }
}
