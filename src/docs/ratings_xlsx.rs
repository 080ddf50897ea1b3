//! `<period>/ket-qua-xep-loai.xlsx`: the ratings of the period as a
//! workbook, beside the CSV and in the same order: one row per evaluated
//! official with the four group scores, the total (numbers), the rating and
//! why it was capped.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};

use super::Export;
use super::danh_sach::sorted_results;
use super::thong_ke::properties;
use crate::model::{Model, Rated};
use crate::vn::{compare_text, date_body};

/// The ratings workbook.
pub const EXPORT: Export = Export {
    code: "ket-qua-xep-loai-xlsx",
    file_name: "ket-qua-xep-loai.xlsx",
    write: |model| Ok(workbook(model)?),
};

/// The columns: header and width.
const COLUMNS: [(&str, f64); 11] = [
    ("Mã", 12.0),
    ("Họ và tên", 24.0),
    ("Xã, phường", 20.0),
    ("Vị trí việc làm", 30.0),
    ("Kết quả thực hiện nhiệm vụ", 12.0),
    ("Thái độ phục vụ", 12.0),
    ("Phối hợp", 12.0),
    ("Kỷ luật, kỷ cương", 12.0),
    ("Tổng điểm", 10.0),
    ("Xếp loại", 28.0),
    ("Lý do giới hạn mức xếp loại", 44.0),
];

/// Why the rating was capped: the discipline of the period.
pub fn cap_reason(r: &Rated) -> String {
    match r.capped_by {
        None => String::new(),
        Some(d) => {
            let mut s = format!("Bị kỷ luật trong kỳ: {}, ngày {}", d.form, date_body(d.on));
            if !d.decision.trim().is_empty() {
                s.push_str(&format!(" (quyết định số {})", d.decision.trim()));
            }
            s
        }
    }
}

/// The workbook's bytes: the same for the same model.
pub fn workbook(model: &Model) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    wb.set_properties(&properties(model, "Kết quả đánh giá, xếp loại cán bộ")?);
    let base = Format::new()
        .set_font_name("Times New Roman")
        .set_font_size(12);
    let head = base
        .clone()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin);
    let score = base.clone().set_num_format("0.0");
    let ws = wb.add_worksheet();
    ws.set_name("Kết quả xếp loại")?;
    for (c, (h, w)) in COLUMNS.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &head)?;
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_row_height(0, 32)?;

    let mut communes: Vec<_> = model.ds.communes.iter().collect();
    communes.sort_by(|a, b| compare_text(&a.name, &b.name).then_with(|| a.id.cmp(&b.id)));
    let mut row = 1u32;
    for c in communes {
        let commune = format!("{} {}", c.kind.label(), c.name);
        for r in sorted_results(model.results_of(&c.id)) {
            let o = r.official;
            ws.write_string_with_format(row, 0, &o.id, &base)?;
            ws.write_string_with_format(row, 1, &o.name, &base)?;
            ws.write_string_with_format(row, 2, &commune, &base)?;
            ws.write_string_with_format(row, 3, &model.position(&o.position).name, &base)?;
            for g in 0..4 {
                let (n, d) = r.score.group_mean(g);
                ws.write_number_with_format(row, 4 + g as u16, n as f64 / d as f64, &score)?;
            }
            let (n, d) = r.score.total();
            ws.write_number_with_format(row, 8, n as f64 / d as f64, &score)?;
            ws.write_string_with_format(row, 9, r.rating.label(), &base)?;
            let reason = cap_reason(r);
            if !reason.is_empty() {
                ws.write_string_with_format(row, 10, &reason, &base)?;
            }
            row += 1;
        }
    }
    let last = COLUMNS.len() as u16 - 1;
    ws.autofilter(0, 0, row.saturating_sub(1).max(1), last)?;
    ws.set_freeze_panes(1, 2)?;
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, 0)?;
    wb.save_to_buffer()
}
