//! `<period>/ket-qua-xep-loai.csv`: the ratings of the period as a table,
//! written beside the sheets and the lists, which feed it.

use super::Export;
use super::danh_sach::sorted_results;
use crate::model::Model;
use crate::vn::{compare_text, decimal1_ratio};

/// The ratings export.
pub const EXPORT: Export = Export {
    code: "ket-qua-xep-loai-csv",
    file_name: "ket-qua-xep-loai.csv",
    write: |model| Ok(table(model)),
};

/// UTF-8 with BOM (Excel shows Vietnamese), one row per evaluated
/// official, by commune then name order.
fn table(model: &Model) -> Vec<u8> {
    let mut communes: Vec<_> = model.ds.communes.iter().collect();
    communes.sort_by(|a, b| compare_text(&a.name, &b.name).then_with(|| a.id.cmp(&b.id)));
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(["id", "họ và tên", "xã/phường", "tổng điểm", "xếp loại"]);
    for c in communes {
        for r in sorted_results(model.results_of(&c.id)) {
            let (n, d) = r.score.total();
            let _ = w.write_record([
                r.official.id.as_str(),
                r.official.name.as_str(),
                &format!("{} {}", c.kind.label(), c.name),
                &decimal1_ratio(n, d),
                r.rating.label(),
            ]);
        }
    }
    let mut out = "\u{feff}".as_bytes().to_vec();
    out.extend(w.into_inner().unwrap_or_default());
    out
}
