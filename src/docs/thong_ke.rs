//! `<period>/thong-ke.xlsx`: Biểu số 01–04 of the provincial periodic
//! report as a workbook, one sheet each, with the rows and figures the PDF
//! appendices print (the same [`Figure`]s): one row per commune and the
//! "Tổng cộng" row, counts as numbers, shares as percentages, the PDF's
//! multi-row header with merged cells.

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use super::Export;
use super::bao_cao::{Figure, FigureTable, provincial_figures};
use crate::model::{Model, Rating};
use crate::vn::date_body;

/// The statistics workbook.
pub const EXPORT: Export = Export {
    code: "thong-ke-xlsx",
    file_name: "thong-ke.xlsx",
    write: |model| Ok(workbook(model)?),
};

/// A header cell above the figures: one column spanning every header row,
/// or a group over sub-columns.
enum Head {
    One(String),
    Group(String, Vec<String>),
}

/// One appendix sheet: names, title and header.
struct Layout {
    sheet: &'static str,
    label: &'static str,
    title: String,
    heads: Vec<Head>,
    /// The group's sub-columns hold count/total figures, written as three
    /// cells each: count, total, share.
    measured: bool,
}

fn one(s: &str) -> Head {
    Head::One(s.to_string())
}

fn group(s: &str, subs: &[&str]) -> Head {
    Head::Group(s.to_string(), subs.iter().map(|x| x.to_string()).collect())
}

/// The four layouts, with the PDF's headers (bao-cao-dinh-ky.typ.j2).
fn layouts(model: &Model) -> Vec<Layout> {
    let cfg = &model.ds.config;
    let as_of = date_body(cfg.as_of);
    let period = cfg.period.words();
    let mut ratings = vec![
        one("Tổng số cán bộ, công chức"),
        one("Số được đánh giá, xếp loại"),
    ];
    ratings.extend(
        Rating::ALL
            .iter()
            .map(|r| group(r.label(), &["Số người", "Tỷ lệ"])),
    );
    vec![
        Layout {
            sheet: "Biểu 01",
            label: "Biểu số 01",
            title: format!("Thực trạng đội ngũ cán bộ, công chức cấp xã đến ngày {as_of}"),
            heads: vec![
                one("Tổng số"),
                group("Chia theo khối", &["Khối Đảng", "Khối chính quyền"]),
                group(
                    "Trình độ chuyên môn",
                    &[
                        "Đại học trở lên",
                        "Trong đó: sau đại học",
                        "Cao đẳng, trung cấp",
                    ],
                ),
                group("Lý luận chính trị", &["Cao cấp, cử nhân", "Trung cấp"]),
                group("Cơ cấu", &["Nữ", "Dân tộc thiểu số", "Dưới 42 tuổi"]),
                group(
                    "Chuyên ngành còn thiếu nhân lực",
                    &[
                        "Tài chính - kế toán",
                        "Địa chính - xây dựng",
                        "Công nghệ thông tin",
                    ],
                ),
            ],
            measured: false,
        },
        Layout {
            sheet: "Biểu 02",
            label: "Biểu số 02",
            title: format!("Kết quả đánh giá, xếp loại cán bộ, công chức cấp xã {period}"),
            heads: ratings,
            measured: false,
        },
        Layout {
            sheet: "Biểu 03",
            label: "Biểu số 03",
            title: format!("Kết quả đào tạo, bồi dưỡng cán bộ, công chức cấp xã {period}"),
            heads: vec![
                one("Số người tham gia"),
                group(
                    "Lượt tham gia theo tình trạng",
                    &["Tổng số", "Dự kiến", "Đang học", "Đã hoàn thành", "Bỏ học"],
                ),
                group(
                    "Hoàn thành trong kỳ theo loại khoá",
                    &[
                        "Lý luận chính trị",
                        "Chuyên môn, nghiệp vụ",
                        "Kỹ năng số",
                        "Kỹ năng lãnh đạo, quản lý",
                        "Quản lý nhà nước",
                        "Khác",
                    ],
                ),
            ],
            measured: false,
        },
        Layout {
            sheet: "Biểu 04",
            label: "Biểu số 04",
            title: format!(
                "Tiến độ thực hiện các mục tiêu cụ thể của Nghị quyết số {} đến ngày {as_of}",
                cfg.resolution.number.trim()
            ),
            heads: vec![
                group(
                    "Kết quả theo từng mục tiêu (mục 2.2 Nghị quyết)",
                    &[
                        "(1) Đạt chuẩn vị trí việc làm",
                        "(2) Hoàn thành bồi dưỡng kỹ năng số",
                        "(3) Hồ sơ được số hoá",
                        "(3) Xã, phường số hoá 100% hồ sơ",
                        "(4) Người dân, doanh nghiệp hài lòng (≥\u{a0}90%)",
                        "(5) Lãnh đạo, quản lý được bồi dưỡng kỹ năng",
                        "(6) Có sáng kiến được nhân rộng",
                    ],
                ),
                one("Số mục tiêu đạt"),
            ],
            measured: true,
        },
    ]
}

/// The sub-headers of a count/total figure.
const MEASURED: [&str; 3] = ["Đạt", "Tổng số", "Tỷ lệ"];

/// Cell styles.
struct Styles {
    label: Format,
    title: Format,
    head: Format,
    text: Format,
    count: Format,
    share: Format,
    total_text: Format,
    total_count: Format,
    total_share: Format,
}

impl Styles {
    fn new() -> Styles {
        let base = Format::new()
            .set_font_name("Times New Roman")
            .set_font_size(12);
        let cell = base
            .clone()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter);
        let count = cell.clone().set_num_format("#,##0");
        let share = cell.clone().set_num_format("0.0%");
        Styles {
            label: base.clone().set_italic().set_align(FormatAlign::Right),
            title: base
                .clone()
                .set_bold()
                .set_font_size(14)
                .set_align(FormatAlign::Center)
                .set_text_wrap(),
            head: cell
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center),
            text: cell.clone(),
            count: count.clone(),
            share: share.clone(),
            total_text: cell.clone().set_bold(),
            total_count: count.set_bold(),
            total_share: share.set_bold(),
        }
    }
}

/// The workbook's bytes: the same for the same model (creation date
/// `config.issued_on`).
pub fn workbook(model: &Model) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    wb.set_properties(&properties(model, "Thống kê báo cáo định kỳ")?);
    let styles = Styles::new();
    for (layout, table) in layouts(model).iter().zip(provincial_figures(model)) {
        let ws = wb.add_worksheet();
        sheet(ws, layout, &table, &styles)?;
    }
    wb.save_to_buffer()
}

/// Title, subject and a creation date fixed to `config.issued_on`.
pub(crate) fn properties(model: &Model, title: &str) -> Result<DocProperties, XlsxError> {
    let d = model.ds.config.issued_on;
    use chrono::Datelike;
    let date = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
    Ok(DocProperties::new()
        .set_title(title)
        .set_subject(model.ds.config.period.words())
        .set_company(&model.ds.config.province)
        .set_creation_datetime(&date))
}

/// How many cells a figure column takes.
fn width(layout: &Layout) -> u16 {
    if layout.measured { 3 } else { 1 }
}

fn sheet(
    ws: &mut Worksheet,
    layout: &Layout,
    table: &FigureTable,
    st: &Styles,
) -> Result<(), XlsxError> {
    ws.set_name(layout.sheet)?;
    let head_rows: u32 = if layout.measured { 3 } else { 2 };
    let first_head = 2u32;
    let first_data = first_head + head_rows;
    let last_head = first_data - 1;
    // Columns: STT, name, then the figures.
    let figure_cols: u16 = layout
        .heads
        .iter()
        .map(|h| match h {
            Head::One(_) => 1,
            Head::Group(_, subs) => subs.len() as u16 * width(layout),
        })
        .sum();
    let last_col = 1 + figure_cols;

    ws.merge_range(0, 0, 0, last_col, layout.label, &st.label)?;
    ws.merge_range(1, 0, 1, last_col, &layout.title, &st.title)?;
    ws.set_row_height(1, 36)?;
    ws.merge_range(first_head, 0, last_head, 0, "STT", &st.head)?;
    ws.merge_range(first_head, 1, last_head, 1, "Xã, phường", &st.head)?;
    let mut col = 2u16;
    for h in &layout.heads {
        match h {
            Head::One(text) => {
                ws.merge_range(first_head, col, last_head, col, text, &st.head)?;
                col += 1;
            }
            Head::Group(text, subs) => {
                let w = width(layout);
                let span = subs.len() as u16 * w;
                merge(ws, first_head, col, first_head, col + span - 1, text, st)?;
                for (i, sub) in subs.iter().enumerate() {
                    let c = col + i as u16 * w;
                    if layout.measured {
                        merge(ws, first_head + 1, c, first_head + 1, c + w - 1, sub, st)?;
                        for (j, m) in MEASURED.iter().enumerate() {
                            ws.write_string_with_format(
                                first_head + 2,
                                c + j as u16,
                                *m,
                                &st.head,
                            )?;
                        }
                    } else {
                        merge(ws, first_head + 1, c, last_head, c, sub, st)?;
                    }
                }
                col += span;
            }
        }
    }
    ws.set_row_height(first_head, 32)?;
    ws.set_row_height(first_head + 1, if layout.measured { 80 } else { 64 })?;

    let mut row = first_data;
    for (i, (name, figures)) in table.rows.iter().enumerate() {
        ws.write_number_with_format(row, 0, (i + 1) as f64, &st.count)?;
        ws.write_string_with_format(row, 1, name, &st.text)?;
        figures_row(ws, row, layout, figures, false, st)?;
        row += 1;
    }
    ws.write_blank(row, 0, &st.total_text)?;
    ws.write_string_with_format(row, 1, "Tổng cộng", &st.total_text)?;
    figures_row(ws, row, layout, &table.total, true, st)?;

    ws.set_column_width(0, 5)?;
    ws.set_column_width(1, 24)?;
    for c in 2..=last_col {
        ws.set_column_width(c, if layout.measured { 8.5 } else { 11.0 })?;
    }
    ws.set_freeze_panes(first_data, 2)?;
    ws.set_landscape();
    ws.set_paper_size(9); // A4
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(first_head, last_head)?;
    ws.set_margins(0.6, 0.4, 0.6, 0.6, 0.3, 0.3);
    Ok(())
}

/// A merged range, or one cell when the range is a single cell (Excel
/// refuses a one-cell merge).
fn merge(
    ws: &mut Worksheet,
    r0: u32,
    c0: u16,
    r1: u32,
    c1: u16,
    text: &str,
    st: &Styles,
) -> Result<(), XlsxError> {
    if r0 == r1 && c0 == c1 {
        ws.write_string_with_format(r0, c0, text, &st.head)?;
    } else {
        ws.merge_range(r0, c0, r1, c1, text, &st.head)?;
    }
    Ok(())
}

/// The figures of one row from column 2 on.
fn figures_row(
    ws: &mut Worksheet,
    row: u32,
    layout: &Layout,
    figures: &[Figure],
    total: bool,
    st: &Styles,
) -> Result<(), XlsxError> {
    let (text, count, share) = if total {
        (&st.total_text, &st.total_count, &st.total_share)
    } else {
        (&st.text, &st.count, &st.share)
    };
    let mut col = 2u16;
    for f in figures {
        match *f {
            Figure::Count(v) => {
                ws.write_number_with_format(row, col, v as f64, count)?;
            }
            Figure::Share(c, t) => {
                ws.write_number_with_format(row, col, fraction(c, t), share)?;
            }
            Figure::Measured(c, t) => {
                ws.write_number_with_format(row, col, c as f64, count)?;
                ws.write_number_with_format(row, col + 1, t as f64, count)?;
                if t == 0 {
                    let dash = text.clone().set_align(FormatAlign::Center);
                    ws.write_string_with_format(row, col + 2, "—", &dash)?;
                } else {
                    ws.write_number_with_format(row, col + 2, fraction(c, t), share)?;
                }
            }
            Figure::YesNo(b) => {
                ws.write_string_with_format(row, col, if b { "Có" } else { "Chưa" }, text)?;
                ws.write_blank(row, col + 1, text)?;
                ws.write_blank(row, col + 2, text)?;
            }
            Figure::OutOf(c, t) => {
                let f = count.clone().set_num_format(format!("0\"/{t}\""));
                ws.write_number_with_format(row, col, c as f64, &f)?;
            }
        }
        col += match f {
            Figure::Measured(..) | Figure::YesNo(_) if layout.measured => 3,
            _ => 1,
        };
    }
    Ok(())
}

/// `c / t` as a fraction (0 of nothing, as the PDF's "0,0%").
fn fraction(c: u64, t: u64) -> f64 {
    if t == 0 { 0.0 } else { c as f64 / t as f64 }
}
