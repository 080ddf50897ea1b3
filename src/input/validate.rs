//! Checks across files: unique ids, references that resolve, one evaluation
//! per official and period.

use std::collections::HashMap;

use super::data::*;
use super::{Dataset, Unchecked};
use crate::diag::Diagnostics;

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
            let (first_loc, first_path) = src(first).at("id");
            diags.push(src(item).diag(
                "id",
                format!("mã \"{k}\" bị trùng: đã dùng ở {first_loc} ({first_path})"),
            ));
        } else {
            seen.insert(k, item);
        }
    }
    seen
}

/// What the reference checks share.
struct Refs<'a, 'd> {
    diags: &'d mut Diagnostics,
    broken: &'a [String],
    unchecked: &'d mut Unchecked,
}

/// Report `value` unless it is a known id of `kind`, the id of an invalid
/// entity (`broken`, already reported), or `kind` could not be read.
fn check_ref<T>(
    r: &mut Refs,
    (kind, known): (&'static str, &HashMap<&str, T>),
    src: &Src,
    field: &str,
    what: &str,
    value: &str,
) {
    let diags = &mut *r.diags;
    if !known.contains_key(value) && !r.broken.iter().any(|b| b == value) && !r.unchecked.skip(kind)
    {
        let mut msg = format!("{what} \"{value}\" không có trong dữ liệu");
        let keys: Vec<&str> = known.keys().copied().collect();
        if let Some(s) = crate::diag::suggest(value, &keys) {
            msg.push_str(&format!("; có phải \"{s}\"?"));
        }
        diags.push(src.diag(field, msg));
    }
}

pub fn cross_check(
    ds: &Dataset,
    broken: &[String],
    unchecked: &mut Unchecked,
    diags: &mut Diagnostics,
) {
    let communes = unique(diags, &ds.communes, |c| &c.id, |c| &c.src);
    let positions = unique(diags, &ds.positions, |p| &p.id, |p| &p.src);
    let officials = unique(diags, &ds.officials, |o| &o.id, |o| &o.src);
    let courses = unique(diags, &ds.courses, |c| &c.id, |c| &c.src);
    unique(diags, &ds.tasks, |t| &t.id, |t| &t.src);
    unique(diags, &ds.initiatives, |i| &i.id, |i| &i.src);
    let mut r = Refs {
        diags,
        broken,
        unchecked,
    };

    for o in &ds.officials {
        check_ref(
            &mut r,
            ("communes", &communes),
            &o.src,
            "commune",
            "xã/phường",
            &o.commune,
        );
        check_ref(
            &mut r,
            ("positions", &positions),
            &o.src,
            "position",
            "vị trí việc làm",
            &o.position,
        );
        if o.birth_date >= ds.config.as_of {
            r.diags.push(o.src.diag(
                "birth_date",
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
            &mut r,
            ("officials", &officials),
            &e.src,
            "official",
            "cán bộ",
            &e.official,
        );
        if let Some(first) = evals.get(&(e.official.as_str(), e.period)) {
            r.diags.push(e.src.diag(
                "period",
                format!(
                    "cán bộ \"{}\" đã có phiếu đánh giá kỳ {} ở {} ({}); mỗi kỳ chỉ một phiếu",
                    e.official,
                    e.period.code(),
                    first.src.at("period").0,
                    first.src.path
                ),
            ));
        } else {
            evals.insert((e.official.as_str(), e.period), e);
        }
    }
    for t in &ds.trainings {
        check_ref(
            &mut r,
            ("officials", &officials),
            &t.src,
            "official",
            "cán bộ",
            &t.official,
        );
        check_ref(
            &mut r,
            ("courses", &courses),
            &t.src,
            "course",
            "khoá học",
            &t.course,
        );
    }
    for t in &ds.tasks {
        check_ref(
            &mut r,
            ("communes", &communes),
            &t.src,
            "commune",
            "xã/phường",
            &t.commune,
        );
        if let Some(owner) = &t.owner {
            check_ref(
                &mut r,
                ("officials", &officials),
                &t.src,
                "owner",
                "cán bộ",
                owner,
            );
        }
    }
    for i in &ds.initiatives {
        check_ref(
            &mut r,
            ("communes", &communes),
            &i.src,
            "commune",
            "xã/phường",
            &i.commune,
        );
    }
    for s in &ds.surveys {
        check_ref(
            &mut r,
            ("communes", &communes),
            &s.src,
            "commune",
            "xã/phường",
            &s.commune,
        );
    }
}
