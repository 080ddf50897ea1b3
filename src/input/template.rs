//! Workbooks written from the schema declaration (the same columns the
//! reader takes, [`super::SHEETS`]): `baocao mau`'s blank workbook to fill
//! (header rows, dropdowns for code lists and yes/no columns, date formats,
//! a "Hướng dẫn" sheet) with its commented `config.yaml`, and the same
//! workbook filled with a dataset (`baocao sample --xlsx`).

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties, ExcelDateTime,
    Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet, XlsxError,
};
use serde_json::Value as J;

use super::schema::{Codes, Column, Kind};
use super::sheet::SheetKind;
use super::{Dataset, GUIDE_SHEET, SHEETS};
use crate::vn::upper_first;

/// The file names `baocao mau` writes.
pub const WORKBOOK: &str = "du-lieu.xlsx";
pub const CONFIG: &str = "config.yaml";

/// Rows a dropdown or a format covers below the header.
const ROWS: u32 = 5_000;

/// The sheets in the order of workbooks.md: each list, followed by the
/// sheets of its entries.
pub fn sheet_order() -> Vec<&'static SheetKind> {
    let mut out = Vec::new();
    for s in SHEETS.iter().filter(|s| s.parent.is_none()) {
        out.push(s);
        out.extend(SHEETS.iter().filter(|c| c.parent == Some(s.key)));
    }
    out
}

/// The Vietnamese name of the sheet of list `key`.
fn sheet_name(key: &str) -> Option<&'static str> {
    SHEETS.iter().find(|s| s.key == key).map(|s| s.names[0])
}

/// A code list's Vietnamese labels, as the dropdowns offer them.
fn labels(c: &Codes) -> Vec<String> {
    c.labels.iter().map(|l| upper_first(l)).collect()
}

/// The code list a column draws from, if any.
fn codes_of(kind: &Kind) -> Option<Codes> {
    match kind {
        Kind::Code(c) => Some(*c),
        Kind::List(k) => codes_of(k),
        _ => None,
    }
}

/// What a column accepts, in words, for the guide.
fn accepted(kind: &Kind) -> String {
    match kind {
        Kind::Text => "Văn bản một dòng".into(),
        Kind::FreeText => "Văn bản tự do (có thể nhiều dòng)".into(),
        Kind::Slug => "Mã viết thường, không dấu, nối bằng dấu gạch ngang (ví dụ: hoa-an)".into(),
        Kind::Date => {
            "Ngày: ô kiểu ngày, hoặc viết dd/mm/yyyy (30/06/2026) hoặc yyyy-mm-dd".into()
        }
        Kind::Period => "Kỳ: 2026-H1, 2026-H2, 2026-Q1 … 2026-Q4, 2026; hoặc \"6 tháng đầu năm 2026\", \"Quý I năm 2026\", \"Năm 2026\"".into(),
        Kind::Bool => "Có / Không (cũng nhận x / để trống, TRUE / FALSE, 1 / 0)".into(),
        Kind::Int { min, max } => format!("Số nguyên từ {min} đến {max}"),
        Kind::Code(c) => format!(
            "Một trong: {} (hoặc mã: {})",
            labels(c).join("; "),
            c.codes.join(", ")
        ),
        Kind::List(k) => format!(
            "Danh sách, các giá trị cách nhau bởi dấu phẩy hoặc chấm phẩy; mỗi giá trị: {}",
            accepted(k)
        ),
        Kind::Ref(list) => {
            let sheet = sheet_name(list).unwrap_or(list);
            if *list == "communes" {
                format!("Mã của một dòng trang \"{sheet}\" (hoặc tên xã, phường nếu không trùng)")
            } else {
                format!("Mã của một dòng trang \"{sheet}\"")
            }
        }
        Kind::Nested(_) | Kind::Rows => String::new(),
    }
}

/// Excel's column letters: 0 → A, 26 → AA.
fn letters(mut col: u16) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// A column width from its header and kind.
fn width(c: &Column) -> f64 {
    let header = c.field.column.chars().count() as f64;
    let min = match c.field.kind {
        Kind::Date | Kind::Period => 13.0,
        Kind::FreeText => 40.0,
        Kind::Text if c.dotted() == "name" => 24.0,
        Kind::List(_) => 28.0,
        _ => 10.0,
    };
    (header * 1.1 + 2.0).clamp(min, 40.0)
}

struct Styles {
    head: Format,
    head_required: Format,
    date: Format,
    text: Format,
    bold: Format,
    wrap: Format,
}

impl Styles {
    fn new() -> Styles {
        let head = Format::new()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_border(FormatBorder::Thin)
            .set_background_color("#DDEBF7");
        Styles {
            head_required: head.clone().set_background_color("#FCE4D6"),
            head,
            date: Format::new().set_num_format("dd/mm/yyyy"),
            text: Format::new().set_num_format("@"),
            bold: Format::new().set_bold(),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
        }
    }
}

/// Where each code list sits on the guide sheet (for the dropdowns).
struct Lists(Vec<(Codes, String)>);

impl Lists {
    /// The range formula of `codes`'s labels.
    fn range(&self, c: &Codes) -> Option<String> {
        self.0
            .iter()
            .find(|(x, _)| std::ptr::eq(x.codes, c.codes) || x.codes == c.codes)
            .map(|(_, r)| r.clone())
    }
}

/// The workbook of every sheet of workbooks.md: the blank template
/// (`data` none) or a dataset's rows.
pub fn workbook(data: Option<&Dataset>) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let st = Styles::new();
    let mut props = DocProperties::new().set_title("Dữ liệu cán bộ, công chức cấp xã");
    if let Some(ds) = data {
        use chrono::Datelike;
        let d = ds.config.issued_on;
        let date = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
        props = props.set_creation_datetime(&date);
    }
    wb.set_properties(&props);
    let json = match data {
        Some(ds) => serde_json::to_value(ds).unwrap_or(J::Null),
        None => J::Null,
    };
    // The guide sheet is first in a template (a clerk reads it first) and
    // holds the code lists the dropdowns point at.
    let lists = if data.is_none() {
        guide(wb.add_worksheet(), &st)?
    } else {
        Lists(Vec::new())
    };
    for kind in sheet_order() {
        let ws = wb.add_worksheet();
        sheet(ws, kind, &lists, &json, &st)?;
    }
    wb.save_to_buffer()
}

/// One data sheet: header, formats, dropdowns, and the rows of `json`.
fn sheet(
    ws: &mut Worksheet,
    kind: &SheetKind,
    lists: &Lists,
    json: &J,
    st: &Styles,
) -> Result<(), XlsxError> {
    ws.set_name(kind.names[0])?;
    let cols = kind.columns();
    for (i, c) in cols.iter().enumerate() {
        let i = i as u16;
        let head = if c.required {
            &st.head_required
        } else {
            &st.head
        };
        ws.write_string_with_format(0, i, c.field.column, head)?;
        ws.set_column_width(i, width(c))?;
        match c.field.kind {
            Kind::Date => {
                ws.set_column_format(i, &st.date)?;
            }
            // Ids and periods stay text (Excel would turn 2026 or 01 into numbers).
            Kind::Slug | Kind::Period | Kind::Text | Kind::Ref(_) => {
                ws.set_column_format(i, &st.text)?;
            }
            _ => {}
        }
        if let Some(v) = validation(c, lists)? {
            ws.add_data_validation(1, i, ROWS, i, &v)?;
        }
    }
    ws.set_row_height(0, 45)?;
    ws.set_freeze_panes(1, 0)?;
    rows(ws, kind, &cols, json, st)?;
    Ok(())
}

/// The dropdown (or the range check) of a column.
fn validation(c: &Column, lists: &Lists) -> Result<Option<DataValidation>, XlsxError> {
    let v = match c.field.kind {
        Kind::Bool => DataValidation::new().allow_list_strings(&["Có", "Không"])?,
        Kind::Code(codes) => match lists.range(&codes) {
            Some(r) => DataValidation::new().allow_list_formula(Formula::new(r)),
            None => return Ok(None),
        },
        // Several values in one cell: the list helps, does not forbid.
        Kind::List(k) => match codes_of(k).and_then(|codes| lists.range(&codes)) {
            Some(r) => DataValidation::new()
                .allow_list_formula(Formula::new(r))
                .set_error_style(DataValidationErrorStyle::Information)
                .set_input_message("Nhiều giá trị: cách nhau bởi dấu phẩy")?,
            None => return Ok(None),
        },
        Kind::Int { min, max } => {
            let (Ok(min), Ok(max)) = (i32::try_from(min), i32::try_from(max)) else {
                return Ok(None);
            };
            DataValidation::new()
                .allow_whole_number(DataValidationRule::Between(min, max))
                .set_error_message(format!("Số nguyên từ {min} đến {max}"))?
        }
        _ => return Ok(None),
    };
    if lists.0.is_empty() && !matches!(c.field.kind, Kind::Bool | Kind::Int { .. }) {
        return Ok(None);
    }
    Ok(Some(v))
}

/// The guide sheet: one row per column of every sheet, then the code lists.
fn guide(ws: &mut Worksheet, st: &Styles) -> Result<Lists, XlsxError> {
    ws.set_name(GUIDE_SHEET)?;
    ws.write_string_with_format(0, 0, "HƯỚNG DẪN ĐIỀN DỮ LIỆU", &st.bold)?;
    let notes = [
        "Mỗi trang là một loại dữ liệu; dòng đầu là tên cột, không sửa tên cột. Có thể đổi thứ tự cột, thêm dòng tiêu đề phía trên dòng tên cột.",
        "Cột tô màu cam là bắt buộc; cột màu xanh có thể để trống. Mỗi dòng là một bản ghi; dòng trống được bỏ qua.",
        "Cột danh mục có danh sách chọn (tên tiếng Việt); cũng nhận mã tiếng Anh. Ngày viết dd/mm/yyyy hoặc nhập kiểu ngày.",
        "Trang này chỉ để đọc: chương trình bỏ qua trang \"Hướng dẫn\". Cấu hình kỳ báo cáo nằm trong tệp config.yaml.",
    ];
    for (i, n) in notes.iter().enumerate() {
        ws.write_string(1 + i as u32, 0, *n)?;
    }
    let top = 6u32;
    for (i, h) in [
        "Trang",
        "Cột",
        "Tên trường (tiếng Anh)",
        "Bắt buộc",
        "Giá trị chấp nhận, định dạng",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(top, i as u16, *h, &st.head)?;
    }
    let mut row = top + 1;
    // Each code list once, named by the first column that uses it.
    let mut seen: Vec<(Codes, String)> = Vec::new();
    for kind in sheet_order() {
        for c in kind.columns() {
            ws.write_string(row, 0, kind.names[0])?;
            ws.write_string(row, 1, c.field.column)?;
            ws.write_string(row, 2, c.dotted())?;
            ws.write_string(row, 3, if c.required { "Bắt buộc" } else { "Không" })?;
            ws.write_string_with_format(row, 4, accepted(&c.field.kind), &st.wrap)?;
            row += 1;
            if let Some(codes) = codes_of(&c.field.kind)
                && !seen.iter().any(|(x, _)| x.codes == codes.codes)
            {
                seen.push((codes, format!("{}: {}", kind.names[0], c.field.column)));
            }
        }
    }
    for (w, c) in [16.0, 30.0, 30.0, 10.0, 70.0].iter().zip(0u16..) {
        ws.set_column_width(c, *w)?;
    }
    ws.set_freeze_panes(top + 1, 0)?;
    // The code lists, side by side from column H: the dropdowns' sources.
    let first = 7u16;
    ws.write_string_with_format(
        top - 1,
        first,
        "DANH MỤC (nguồn của các danh sách chọn)",
        &st.bold,
    )?;
    let mut lists = Vec::new();
    for (i, (codes, column)) in seen.iter().enumerate() {
        let col = first + i as u16;
        ws.write_string_with_format(top, col, column, &st.head)?;
        let labels = labels(codes);
        for (j, l) in labels.iter().enumerate() {
            ws.write_string(top + 1 + j as u32, col, l)?;
        }
        ws.set_column_width(col, 22)?;
        let l = letters(col);
        lists.push((
            *codes,
            format!(
                "='{GUIDE_SHEET}'!${l}${}:${l}${}",
                top + 2,
                top + 1 + labels.len() as u32
            ),
        ));
    }
    Ok(Lists(lists))
}

/// The records of a sheet's list in `json` (for entries: with their
/// owner's id).
fn records<'j>(kind: &SheetKind, json: &'j J) -> Vec<(Option<&'j J>, &'j J)> {
    match kind.parent {
        None => json[kind.key]
            .as_array()
            .map(|a| a.iter().map(|r| (None, r)).collect())
            .unwrap_or_default(),
        Some(parent) => json[parent]
            .as_array()
            .map(|owners| {
                owners
                    .iter()
                    .flat_map(|o| {
                        o[kind.key]
                            .as_array()
                            .into_iter()
                            .flatten()
                            .map(move |r| (Some(&o["id"]), r))
                    })
                    .collect()
            })
            .unwrap_or_default(),
    }
}

/// The data rows of a sheet, one per record, each cell as the column's kind
/// says (dates as dates, numbers as numbers, codes as their labels).
fn rows(
    ws: &mut Worksheet,
    kind: &SheetKind,
    cols: &[Column],
    json: &J,
    st: &Styles,
) -> Result<(), XlsxError> {
    for (r, (owner, rec)) in records(kind, json).into_iter().enumerate() {
        let row = 1 + r as u32;
        for (i, c) in cols.iter().enumerate() {
            let v = if kind.parent.is_some() && i == 0 {
                owner.unwrap_or(&J::Null)
            } else {
                c.path.iter().fold(rec, |v, k| &v[*k])
            };
            cell(ws, row, i as u16, &c.field.kind, v, st)?;
        }
    }
    Ok(())
}

fn cell(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    kind: &Kind,
    v: &J,
    st: &Styles,
) -> Result<(), XlsxError> {
    let text = |v: &J| match v {
        J::String(s) => s.clone(),
        J::Number(n) => n.to_string(),
        J::Bool(b) => b.to_string(),
        _ => String::new(),
    };
    match (kind, v) {
        (_, J::Null) => {}
        (Kind::Date, J::String(s)) => match chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            Ok(d) => {
                use chrono::Datelike;
                let x = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                ws.write_datetime_with_format(row, col, &x, &st.date)?;
            }
            Err(_) => {
                ws.write_string(row, col, s)?;
            }
        },
        (Kind::Bool, J::Bool(b)) => {
            ws.write_string(row, col, if *b { "Có" } else { "Không" })?;
        }
        (Kind::Int { .. }, J::Number(n)) => {
            ws.write_number(row, col, n.as_f64().unwrap_or_default())?;
        }
        (Kind::Code(codes), J::String(s)) => {
            let label = codes
                .codes
                .iter()
                .position(|c| c == s)
                .map(|i| upper_first(codes.labels[i]));
            ws.write_string(row, col, label.unwrap_or_else(|| s.clone()))?;
        }
        (Kind::List(_), J::Array(items)) => {
            if !items.is_empty() {
                let parts: Vec<String> = items.iter().map(text).collect();
                ws.write_string(row, col, parts.join(", "))?;
            }
        }
        (_, v) => {
            let t = text(v);
            if !t.is_empty() {
                ws.write_string(row, col, t)?;
            }
        }
    }
    Ok(())
}

/// `baocao mau`'s commented config.yaml: every key of data-model.md with a
/// Vietnamese comment; it loads as written.
pub fn config_yaml() -> String {
    CONFIG_TEMPLATE.to_string()
}

const CONFIG_TEMPLATE: &str = r#"# Cấu hình kỳ báo cáo (baocao mau). Sửa các giá trị cho đúng đơn vị mình;
# dòng bắt đầu bằng # là chú thích. Ngày viết yyyy-mm-dd.
config:
  province: Cao Bằng                 # tên tỉnh (không có chữ "tỉnh")
  as_of: 2026-06-30                  # ngày chốt số liệu: tính tuổi, hạn nhiệm vụ, tình trạng khoá học
  period: 2026-H1                    # kỳ báo cáo, đánh giá: 2026-H1, 2026-H2, 2026-Q1 … 2026-Q4 hoặc 2026
  place: Cao Bằng                    # địa danh ghi ở dòng "…, ngày … tháng … năm …"
  issued_on: 2026-07-05              # ngày ban hành in trên văn bản
  resolution:                        # nghị quyết đang thực hiện
    number: 15-NQ/TU                 # số, ký hiệu nghị quyết
    issued_on: 2026-04-20            # ngày ban hành nghị quyết
    title: về nâng cao chất lượng cán bộ cơ sở giai đoạn 2026 - 2030   # trích yếu nghị quyết
  kpi:                               # (không bắt buộc) cách tính điểm; đây là giá trị mặc định
    weights: {results: 40, service: 25, coordination: 20, discipline: 15}   # trọng số 4 nhóm tiêu chí (%), tổng bằng 100
    thresholds: {excellent: 90, good: 70, pass: 50}                         # ngưỡng điểm xuất sắc, tốt, hoàn thành
    excellent_quota: 20              # tỷ lệ "xuất sắc" tối đa, tính trên số "tốt" (%)
  warnings:                          # (không bắt buộc) quy tắc cảnh báo sớm; đây là giá trị mặc định
    discipline_months: 24            # kỷ luật trong bao nhiêu tháng gần nhất thì cảnh báo
    discipline_score: 70             # điểm nhóm kỷ luật, kỷ cương dưới mức này thì cảnh báo
    late_tasks: 3                    # số nhiệm vụ chậm tiến độ từ mức này thì cảnh báo
    provincial_names_max: 300        # danh sách cảnh báo của tỉnh dài hơn số dòng này thì chỉ ghi tên cán bộ lãnh đạo, còn lại đếm theo xã
  bodies:                            # cơ quan ban hành: dùng ở tiêu đề và chữ ký văn bản
    provincial_committee:            # Tỉnh uỷ
      parent: ĐẢNG BỘ TỈNH CAO BẰNG  # tên cơ quan cấp trên (dòng trên của tiêu đề)
      name: TỈNH UỶ                  # tên cơ quan ban hành
      code: TU                       # chữ viết tắt trong số, ký hiệu: "Số 123-BC/TU"
      signer: {authority: T/M BAN THƯỜNG VỤ, role: PHÓ BÍ THƯ THƯỜNG TRỰC, name: Nguyễn Văn A}   # thẩm quyền ký, chức vụ, họ tên người ký
    organization_board:              # Ban Tổ chức Tỉnh uỷ
      parent: TỈNH UỶ CAO BẰNG       # tên cơ quan cấp trên
      name: BAN TỔ CHỨC              # tên cơ quan ban hành
      code: BTCTU                    # chữ viết tắt trong số, ký hiệu
      signer: {authority: "", role: TRƯỞNG BAN, name: Hoàng Thị B}   # thẩm quyền ký (để "" nếu ký trực tiếp), chức vụ, họ tên
  numbering:                         # (không bắt buộc) số văn bản đã lấy; không ghi thì để trống số cho văn thư điền tay
    provincial_report: 123-BC/TU     # báo cáo của tỉnh; của một xã: commune_report.<mã xã>, ví dụ commune_report.hoa-an
  recipients:                        # (không bắt buộc) nơi nhận theo loại văn bản: provincial_report, commune_report, training_plan, early_warning, evaluation_list
    provincial_report: [Ban Tổ chức Trung ương (báo cáo), Các đảng uỷ trực thuộc Tỉnh uỷ, Lưu Văn phòng Tỉnh uỷ]
  narrative: {}                      # (không bắt buộc) các phần lời văn của báo cáo: leadership, limitations, directions, proposals
  layout: {}                         # (không bắt buộc) chỉnh trình bày, ví dụ lề trang: {margin: {top: 25, bottom: 25, left: 35, right: 15}}
  government_layout: party           # (không bắt buộc) mẫu phiếu của khối chính quyền: party (theo thể thức của Đảng) hoặc state (theo Nghị định 30)
"#;

/// What `baocao mau` could not do.
#[derive(Debug)]
pub enum TemplateError {
    /// A file is there already and `--ghi-de` was not given (exit 2).
    Exists(PathBuf),
    Io(String),
}

impl std::fmt::Display for TemplateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TemplateError::Exists(p) => write!(
                f,
                "tệp {} đã có; chọn thư mục khác hoặc thêm --ghi-de để ghi đè",
                p.display()
            ),
            TemplateError::Io(m) => f.write_str(m),
        }
    }
}

/// Write `DIR/du-lieu.xlsx` and `DIR/config.yaml`; existing files are
/// kept unless `overwrite` (nothing is written if one is there).
pub fn write(dir: &Path, overwrite: bool) -> Result<Vec<PathBuf>, TemplateError> {
    let paths = [dir.join(WORKBOOK), dir.join(CONFIG)];
    if !overwrite && let Some(p) = paths.iter().find(|p| p.exists()) {
        return Err(TemplateError::Exists(p.clone()));
    }
    let io =
        |p: &Path, e: &dyn std::fmt::Display| TemplateError::Io(format!("{}: {e}", p.display()));
    let book = workbook(None).map_err(|e| io(&paths[0], &e))?;
    std::fs::create_dir_all(dir).map_err(|e| io(dir, &e))?;
    std::fs::write(&paths[0], book).map_err(|e| io(&paths[0], &e))?;
    std::fs::write(&paths[1], config_yaml()).map_err(|e| io(&paths[1], &e))?;
    Ok(paths.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters() {
        for (i, want) in [(0, "A"), (7, "H"), (25, "Z"), (26, "AA"), (27, "AB")] {
            assert_eq!(letters(i), want);
        }
    }

    #[test]
    fn every_sheet_once_entries_after_their_owner() {
        let order: Vec<&str> = sheet_order().iter().map(|s| s.key).collect();
        assert_eq!(order.len(), SHEETS.len());
        let at = |k: &str| order.iter().position(|x| *x == k).unwrap();
        assert_eq!(at("history"), at("officials") + 1);
        assert!(at("disciplines") < at("evaluations"));
    }
}
