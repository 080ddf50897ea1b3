//! `baocao check`: the summary of valid inputs.

use crate::input::Dataset;

/// A short summary for `baocao check`.
pub fn summary(ds: &Dataset) -> String {
    use std::collections::BTreeMap;
    use std::fmt::Write;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Dữ liệu hợp lệ: {} xã/phường, {} vị trí việc làm, {} cán bộ, {} phiếu đánh giá, {} khoá học, {} lượt đào tạo, {} nhiệm vụ, {} sáng kiến, {} phiếu khảo sát.",
        crate::vn::thousands(ds.communes.len() as i64),
        crate::vn::thousands(ds.positions.len() as i64),
        crate::vn::thousands(ds.officials.len() as i64),
        crate::vn::thousands(ds.evaluations.len() as i64),
        crate::vn::thousands(ds.courses.len() as i64),
        crate::vn::thousands(ds.trainings.len() as i64),
        crate::vn::thousands(ds.tasks.len() as i64),
        crate::vn::thousands(ds.initiatives.len() as i64),
        crate::vn::thousands(ds.surveys.len() as i64)
    );
    let _ = writeln!(s, "Cán bộ theo xã/phường:");
    for c in &ds.communes {
        let n = ds.officials_of(&c.id).count();
        let _ = writeln!(
            s,
            "  {:<16} {} {}: {} người",
            c.id,
            c.kind.label(),
            c.name,
            n
        );
    }
    let mut per: BTreeMap<String, usize> = BTreeMap::new();
    for e in &ds.evaluations {
        *per.entry(e.period.code()).or_default() += 1;
    }
    let _ = writeln!(s, "Phiếu đánh giá theo kỳ:");
    for (p, n) in per {
        let mark = if p == ds.config.period.code() {
            " (kỳ báo cáo)"
        } else {
            ""
        };
        let _ = writeln!(s, "  {p}: {n}{mark}");
    }
    s
}
