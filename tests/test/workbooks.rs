//! Workbooks and CSV files as inputs (workbooks.md): the same data as YAML or
//! as sheets gives the same dataset and byte-identical documents; every
//! error names the file, the sheet and the cell.
//!
//! The sheets are written here row by row from a dataset loaded from YAML,
//! with headers typed by hand (not from the project's schema), in three
//! spellings: plain (codes, date cells, booleans), as a clerk would
//! (title rows, shuffled columns, labels, text dates, names), and CSV.

use crate::support::*;

use std::path::Path;

use baocao::input::{self, Dataset, Period};
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

/// A value as the data model sees it; each spelling writes it its own way.
#[derive(Clone)]
enum Cell {
    Empty,
    Text(String),
    Int(i64),
    Bool(bool),
    Date(NaiveDate),
    /// Code and Vietnamese label.
    Code(&'static str, &'static str),
    Codes(Vec<(&'static str, &'static str)>),
    List(Vec<String>),
    Period(Period),
    /// Commune id and name.
    Commune(String, String),
}

fn text(s: &str) -> Cell {
    if s.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s.to_string())
    }
}

fn opt_text(s: &Option<String>) -> Cell {
    s.as_deref().map_or(Cell::Empty, text)
}

fn opt_date(d: Option<NaiveDate>) -> Cell {
    d.map_or(Cell::Empty, Cell::Date)
}

macro_rules! code {
    ($v:expr) => {
        Cell::Code($v.code(), $v.label())
    };
}

macro_rules! opt_code {
    ($v:expr) => {
        $v.map_or(Cell::Empty, |v| code!(v))
    };
}

/// One sheet: names (Vietnamese, English), headers (Vietnamese, English), rows.
struct Table {
    name: &'static str,
    english: &'static str,
    headers: Vec<(&'static str, &'static str)>,
    rows: Vec<Vec<Cell>>,
}

/// A table being declared column by column: one row per item.
struct Sheet<T> {
    table: Table,
    items: Vec<T>,
}

/// A sheet of `items`, with no column yet.
fn sheet<T>(
    name: &'static str,
    english: &'static str,
    items: impl IntoIterator<Item = T>,
) -> Sheet<T> {
    let items: Vec<T> = items.into_iter().collect();
    Sheet {
        table: Table {
            name,
            english,
            headers: Vec::new(),
            rows: items.iter().map(|_| Vec::new()).collect(),
        },
        items,
    }
}

impl<T> Sheet<T> {
    /// Adds the column headed `vi` (`en` in English) holding `cell` of each item.
    fn col(mut self, vi: &'static str, en: &'static str, cell: impl Fn(&T) -> Cell) -> Self {
        self.table.headers.push((vi, en));
        for (row, item) in self.table.rows.iter_mut().zip(&self.items) {
            row.push(cell(item));
        }
        self
    }

    fn done(self) -> Table {
        self.table
    }
}

const OWNER: (&str, &str) = ("Mã cán bộ", "official");

/// A sheet of the officials' entries of one kind (`list`), each row led by
/// its official's id.
fn entries_of<'a, E>(
    ds: &'a Dataset,
    name: &'static str,
    english: &'static str,
    list: impl Fn(&'a input::Official) -> &'a [E],
) -> Sheet<&'a E> {
    let owners: Vec<(&input::Official, &E)> = ds
        .officials
        .iter()
        .flat_map(|o| list(o).iter().map(move |e| (o, e)))
        .collect();
    let mut s = sheet(name, english, owners.iter().map(|(_, e)| *e));
    s.table.headers.push(OWNER);
    for (row, (o, _)) in s.table.rows.iter_mut().zip(&owners) {
        row.push(text(&o.id));
    }
    s
}

const K: [(&str, &str); 11] = [
    ("K1", "scores.k1"),
    ("K2", "scores.k2"),
    ("K3", "scores.k3"),
    ("K4", "scores.k4"),
    ("K5", "scores.k5"),
    ("K6", "scores.k6"),
    ("K7", "scores.k7"),
    ("K8", "scores.k8"),
    ("K9", "scores.k9"),
    ("K10", "scores.k10"),
    ("K11", "scores.k11"),
];

fn tables(ds: &Dataset) -> Vec<Table> {
    let commune = |id: &str| {
        let name = ds
            .communes
            .iter()
            .find(|c| c.id == id)
            .map_or(String::new(), |c| c.name.clone());
        Cell::Commune(id.to_string(), name)
    };
    let priority = |r: input::Region| {
        move |p: &&input::Position| {
            p.region_priorities
                .get(&r)
                .map_or(Cell::Empty, |l| Cell::List(l.clone()))
        }
    };
    let majors = |p: &&input::Position| {
        if p.requires.majors.is_empty() {
            Cell::Empty
        } else {
            Cell::Codes(
                p.requires
                    .majors
                    .iter()
                    .map(|m| (m.code(), m.label()))
                    .collect(),
            )
        }
    };
    let mut evaluations = sheet("Đánh giá", "evaluations", &ds.evaluations)
        .col(OWNER.0, OWNER.1, |e| text(&e.official))
        .col("Kỳ đánh giá", "period", |e| Cell::Period(e.period));
    for (i, &(vi, en)) in K.iter().enumerate() {
        evaluations = evaluations.col(vi, en, |e| Cell::Int(e.scores[i] as i64));
    }
    let evaluator = |f: fn(&input::Evaluator) -> &String| {
        move |e: &&input::Evaluation| e.evaluator.as_ref().map_or(Cell::Empty, |v| text(f(v)))
    };
    let evaluations = evaluations
        .col("Tự nhận xét", "self_assessment", |e| {
            opt_text(&e.self_assessment)
        })
        .col("Ưu điểm", "strengths", |e| opt_text(&e.strengths))
        .col("Hạn chế", "weaknesses", |e| opt_text(&e.weaknesses))
        .col("Người đánh giá", "evaluator.name", evaluator(|v| &v.name))
        .col(
            "Chức vụ người đánh giá",
            "evaluator.title",
            evaluator(|v| &v.title),
        );
    vec![
        sheet("Xã phường", "communes", &ds.communes)
            .col("Mã", "id", |c| text(&c.id))
            .col("Tên", "name", |c| text(&c.name))
            .col("Loại", "kind", |c| code!(c.kind))
            .col("Vùng", "region", |c| code!(c.region))
            .col("Cụm", "cluster", |c| opt_text(&c.cluster))
            .col("Bí thư", "secretary", |c| opt_text(&c.secretary))
            .col("Chủ tịch UBND", "chairman", |c| opt_text(&c.chairman))
            .done(),
        sheet("Vị trí việc làm", "positions", &ds.positions)
            .col("Mã", "id", |p| text(&p.id))
            .col("Tên vị trí", "name", |p| text(&p.name))
            .col("Khối", "bloc", |p| code!(p.bloc))
            .col("Lãnh đạo", "leader", |p| Cell::Bool(p.leader))
            .col(
                "Trình độ chuyên môn tối thiểu",
                "requires.education",
                |p| opt_code!(p.requires.education),
            )
            .col("Chuyên ngành chấp nhận", "requires.majors", majors)
            .col(
                "Lý luận chính trị tối thiểu",
                "requires.political_theory",
                |p| opt_code!(p.requires.political_theory),
            )
            .col("Tin học tối thiểu", "requires.it_skill", |p| {
                opt_code!(p.requires.it_skill)
            })
            .col(
                "Ưu tiên vùng đô thị",
                "region_priorities.urban",
                priority(input::Region::Urban),
            )
            .col(
                "Ưu tiên vùng nông thôn",
                "region_priorities.rural",
                priority(input::Region::Rural),
            )
            .col(
                "Ưu tiên vùng miền núi",
                "region_priorities.mountain",
                priority(input::Region::Mountain),
            )
            .col(
                "Ưu tiên vùng biên giới",
                "region_priorities.border",
                priority(input::Region::Border),
            )
            .done(),
        sheet("Cán bộ", "officials", &ds.officials)
            .col("Mã", "id", |o| text(&o.id))
            .col("Họ và tên", "name", |o| text(&o.name))
            .col("Ngày sinh", "birth_date", |o| Cell::Date(o.birth_date))
            .col("Giới tính", "gender", |o| code!(o.gender))
            .col("Dân tộc", "ethnicity", |o| text(&o.ethnicity))
            .col("Xã, phường", "commune", |o| commune(&o.commune))
            .col("Khối", "bloc", |o| code!(o.bloc))
            .col("Vị trí việc làm", "position", |o| text(&o.position))
            .col("Chức danh", "title", |o| opt_text(&o.title))
            .col("Trình độ chuyên môn", "education", |o| {
                code!(o.education)
            })
            .col("Chuyên ngành", "major", |o| opt_code!(o.major))
            .col("Lý luận chính trị", "political_theory", |o| {
                code!(o.political_theory)
            })
            .col("Tin học", "it_skill", |o| code!(o.it_skill))
            .col("Ngày vào Đảng", "party_joined_on", |o| {
                opt_date(o.party_joined_on)
            })
            .col(
                "Hồ sơ điện tử đầy đủ",
                "digital_profile",
                |o| Cell::Bool(o.digital_profile),
            )
            .done(),
        entries_of(ds, "Quá trình công tác", "history", |o| &o.history)
            .col("Từ ngày", "from", |h| Cell::Date(h.from))
            .col("Đến ngày", "to", |h| opt_date(h.to))
            .col("Đơn vị", "unit", |h| text(&h.unit))
            .col("Chức vụ", "role", |h| text(&h.role))
            .done(),
        entries_of(ds, "Khen thưởng", "rewards", |o| &o.rewards)
            .col("Ngày", "on", |r| Cell::Date(r.on))
            .col("Số quyết định", "decision", |r| text(&r.decision))
            .col("Nội dung", "content", |r| text(&r.content))
            .done(),
        entries_of(ds, "Kỷ luật", "disciplines", |o| &o.disciplines)
            .col("Ngày", "on", |d| Cell::Date(d.on))
            .col("Số quyết định", "decision", |d| text(&d.decision))
            .col("Hình thức", "form", |d| text(&d.form))
            .col("Nội dung", "content", |d| text(&d.content))
            .done(),
        evaluations.done(),
        sheet("Khoá học", "courses", &ds.courses)
            .col("Mã", "id", |c| text(&c.id))
            .col("Tên khoá học", "name", |c| text(&c.name))
            .col("Loại", "kind", |c| code!(c.kind))
            .col("Cấp trình độ chuyên môn", "grants.education", |c| {
                opt_code!(c.grants.education)
            })
            .col(
                "Cấp lý luận chính trị",
                "grants.political_theory",
                |c| opt_code!(c.grants.political_theory),
            )
            .col("Cấp tin học", "grants.it_skill", |c| {
                opt_code!(c.grants.it_skill)
            })
            .col("Từ ngày", "start", |c| Cell::Date(c.start))
            .col("Đến ngày", "end", |c| Cell::Date(c.end))
            .col("Đơn vị tổ chức", "organizer", |c| {
                text(&c.organizer)
            })
            .done(),
        sheet("Đào tạo", "trainings", &ds.trainings)
            .col(OWNER.0, OWNER.1, |t| text(&t.official))
            .col("Khoá học", "course", |t| text(&t.course))
            .col("Trạng thái", "status", |t| code!(t.status))
            .col("Ngày hoàn thành", "completed_on", |t| {
                opt_date(t.completed_on)
            })
            .done(),
        sheet("Nhiệm vụ", "tasks", &ds.tasks)
            .col("Mã", "id", |t| text(&t.id))
            .col("Nội dung nhiệm vụ", "title", |t| text(&t.title))
            .col("Xã, phường", "commune", |t| commune(&t.commune))
            .col("Người phụ trách", "owner", |t| opt_text(&t.owner))
            .col("Hạn", "due", |t| Cell::Date(t.due))
            .col("Ngày hoàn thành", "done_on", |t| opt_date(t.done_on))
            .done(),
        sheet("Sáng kiến", "initiatives", &ds.initiatives)
            .col("Mã", "id", |i| text(&i.id))
            .col("Xã, phường", "commune", |i| commune(&i.commune))
            .col("Tên sáng kiến", "title", |i| text(&i.title))
            .col("Năm", "year", |i| Cell::Int(i.year as i64))
            .col("Nhân rộng toàn tỉnh", "replicated", |i| {
                Cell::Bool(i.replicated)
            })
            .done(),
        sheet("Khảo sát", "surveys", &ds.surveys)
            .col("Xã, phường", "commune", |s| commune(&s.commune))
            .col("Kỳ", "period", |s| Cell::Period(s.period))
            .col("Kênh", "channel", |s| code!(s.channel))
            .col("Số người được hỏi", "respondents", |s| {
                Cell::Int(s.respondents as i64)
            })
            .col("Số hài lòng", "satisfied", |s| {
                Cell::Int(s.satisfied as i64)
            })
            .done(),
    ]
}

/// How the sheets are spelled.
#[derive(Clone, Copy, PartialEq)]
enum Style {
    /// Vietnamese headers in order, codes, date cells, booleans, numbers.
    Plain,
    /// Title rows, shuffled columns, some English headers and sheet names,
    /// labels, text dates, "Có"/"x"/empty, numbers as text, words for periods,
    /// commune names.
    Clerk,
}

/// The cell as text the way a clerk types it.
fn clerk_text(cell: &Cell, alt: bool) -> Option<String> {
    let label = |l: &str| {
        let l = l.strip_prefix("khối ").unwrap_or(l);
        let l = l.split(" - ").next().unwrap_or(l);
        let mut c = l.chars();
        c.next()
            .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
            .unwrap_or_default()
    };
    Some(match cell {
        Cell::Empty => return None,
        Cell::Text(s) => s.clone(),
        Cell::Int(i) => i.to_string(),
        Cell::Bool(true) => if alt { "x" } else { "Có" }.to_string(),
        Cell::Bool(false) if alt => return None,
        Cell::Bool(false) => "Không".to_string(),
        Cell::Date(d) if alt => format!("{}/{}/{}", d.day(), d.month(), d.year()),
        Cell::Date(d) => d.format("%d/%m/%Y").to_string(),
        Cell::Code(_, l) => label(l),
        Cell::Codes(v) => v
            .iter()
            .map(|(_, l)| label(l))
            .collect::<Vec<_>>()
            .join("; "),
        Cell::List(v) => v.join("; "),
        Cell::Period(p) => {
            let w = p.words();
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        }
        Cell::Commune(_, name) => name.clone(),
    })
}

/// The columns in the order a style writes them.
fn order(t: &Table, style: Style) -> Vec<usize> {
    let n = t.headers.len();
    match style {
        Style::Plain => (0..n).collect(),
        // Rotated by three and the last two swapped.
        Style::Clerk => {
            let mut v: Vec<usize> = (0..n).map(|i| (i + 3) % n).collect();
            v.swap(n - 1, n - 2);
            v
        }
    }
}

fn write_xlsx(path: &Path, tables: &[Table], style: Style) {
    let mut wb = Workbook::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (ti, t) in tables.iter().enumerate() {
        let ws = wb.add_worksheet();
        // The clerk names some sheets in English and spells "Khóa học" the old way.
        let name = match (style, ti % 3, t.name) {
            (Style::Clerk, _, "Khoá học") => "Khóa học",
            (Style::Clerk, 1, _) => t.english,
            _ => t.name,
        };
        ws.set_name(name).unwrap();
        let english_headers = style == Style::Clerk && ti % 4 == 2;
        let mut row = 0u32;
        if style == Style::Clerk {
            ws.write_string(0, 0, format!("DANH SÁCH {}", t.name.to_uppercase()))
                .unwrap();
            ws.write_string(1, 2, "(Kèm theo Công văn số 12/BTC)")
                .unwrap();
            row = 3;
        }
        let cols = order(t, style);
        for (c, &i) in cols.iter().enumerate() {
            let (vi, en) = t.headers[i];
            let h = if english_headers { en } else { vi };
            ws.write_string(row, c as u16, h).unwrap();
        }
        for (r, cells) in t.rows.iter().enumerate() {
            let rr = row
                + 1
                + r as u32
                + if style == Style::Clerk {
                    (r / 5) as u32
                } else {
                    0
                };
            for (c, &i) in cols.iter().enumerate() {
                let c = c as u16;
                let cell = &cells[i];
                if style == Style::Clerk {
                    if let Some(s) = clerk_text(cell, r % 2 == 1) {
                        ws.write_string(rr, c, s).unwrap();
                    }
                    continue;
                }
                match cell {
                    Cell::Empty => {}
                    Cell::Text(s) => {
                        ws.write_string(rr, c, s).unwrap();
                    }
                    Cell::Int(i) => {
                        ws.write_number(rr, c, *i as f64).unwrap();
                    }
                    Cell::Bool(b) => {
                        ws.write_boolean(rr, c, *b).unwrap();
                    }
                    Cell::Date(d) => {
                        let x = ExcelDateTime::from_ymd(
                            d.year() as u16,
                            d.month() as u8,
                            d.day() as u8,
                        )
                        .unwrap();
                        ws.write_datetime_with_format(rr, c, &x, &date).unwrap();
                    }
                    Cell::Code(code, _) => {
                        ws.write_string(rr, c, *code).unwrap();
                    }
                    Cell::Codes(v) => {
                        let s = v.iter().map(|(c, _)| *c).collect::<Vec<_>>().join(", ");
                        ws.write_string(rr, c, s).unwrap();
                    }
                    Cell::List(v) => {
                        ws.write_string(rr, c, v.join(", ")).unwrap();
                    }
                    Cell::Period(p) => {
                        ws.write_string(rr, c, p.code()).unwrap();
                    }
                    Cell::Commune(id, _) => {
                        ws.write_string(rr, c, id).unwrap();
                    }
                }
            }
        }
    }
    if style == Style::Clerk {
        // Sheets that are not data: the template's guide, a clerk's notes.
        wb.add_worksheet()
            .set_name("Hướng dẫn")
            .unwrap()
            .write_string(0, 0, "Mỗi dòng là một cán bộ")
            .unwrap();
        wb.add_worksheet()
            .set_name("Ghi chú")
            .unwrap()
            .write_string(0, 0, "Số liệu đã rà soát ngày 01/7")
            .unwrap();
    }
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    wb.save(path).unwrap();
}

/// One CSV file per table, as a clerk's export: file names in slugs,
/// Vietnamese or English; `;` with a BOM for every other file.
fn write_csv(dir: &Path, tables: &[Table]) {
    std::fs::create_dir_all(dir).unwrap();
    for (ti, t) in tables.iter().enumerate() {
        let file = match ti % 3 {
            0 => format!("{}.csv", t.name),
            1 => format!("{}.csv", t.english),
            _ => format!("{}.csv", slug(t.name)),
        };
        let semicolon = ti % 2 == 1;
        let mut w = csv::WriterBuilder::new()
            .delimiter(if semicolon { b';' } else { b',' })
            .from_writer(Vec::new());
        let cols = order(t, Style::Clerk);
        w.write_record(cols.iter().map(|&i| t.headers[i].0))
            .unwrap();
        for (r, cells) in t.rows.iter().enumerate() {
            w.write_record(
                cols.iter()
                    .map(|&i| clerk_text(&cells[i], r % 2 == 0).unwrap_or_default()),
            )
            .unwrap();
        }
        let mut bytes = if semicolon {
            "\u{feff}".as_bytes().to_vec()
        } else {
            Vec::new()
        };
        bytes.extend(w.into_inner().unwrap());
        std::fs::write(dir.join(file), bytes).unwrap();
    }
}

/// "Quá trình công tác" → "qua-trinh-cong-tac" (by hand, for file names).
fn slug(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.replace(['đ', 'Đ'], "d")
        .nfd()
        .filter(|c| c.is_ascii())
        .collect::<String>()
        .replace(' ', "-")
        .to_lowercase()
}

fn load(dir: &Path) -> Dataset {
    input::load(dir).unwrap_or_else(|d| panic!("{}", d.render()))
}

fn json(ds: &Dataset) -> String {
    serde_json::to_string_pretty(ds).unwrap()
}

/// A fixture with the config of `name` and the data of `name` written by `write`.
fn as_sheets(name: &str, write: impl FnOnce(&Path, &[Table])) -> Test {
    let yaml = Test::fixture(name);
    let ds = load(&yaml.inputs());
    let f = Test::new();
    std::fs::copy(
        yaml.inputs().join("config.yaml"),
        f.inputs().join("config.yaml"),
    )
    .unwrap();
    write(&f.inputs(), &tables(&ds));
    f
}

fn first_difference(a: &str, b: &str) -> String {
    let line = a
        .lines()
        .zip(b.lines())
        .position(|(x, y)| x != y)
        .unwrap_or(0);
    let ctx = |s: &str| {
        s.lines()
            .skip(line.saturating_sub(8))
            .take(12)
            .collect::<Vec<_>>()
            .join("\n")
    };
    format!(
        "first difference at line {line}:\n--- yaml\n{}\n--- sheets\n{}",
        ctx(a),
        ctx(b)
    )
}

fn assert_same_data(name: &str, f: &Test) {
    let yaml = json(&load(&root().join(if name == "sample" {
        "inputs".to_string()
    } else {
        format!("tests/fixtures/{name}")
    })));
    let sheets = json(&load(&f.inputs()));
    assert!(yaml == sheets, "{}", first_difference(&yaml, &sheets));
}

#[test]
fn the_sample_as_a_plain_workbook_is_the_same_data() {
    let f = as_sheets("sample", |dir, t| {
        write_xlsx(&dir.join("du-lieu.xlsx"), t, Style::Plain)
    });
    assert_same_data("sample", &f);
}

#[test]
fn the_sample_as_a_clerks_workbook_is_the_same_data() {
    let f = as_sheets("sample", |dir, t| {
        write_xlsx(&dir.join("du-lieu.xlsx"), t, Style::Clerk)
    });
    assert_same_data("sample", &f);
    // The guide sheet is skipped quietly; the clerk's notes with a note.
    let out = f
        .arg("check")
        .stderr_has("ghi chú: inputs/du-lieu.xlsx, trang \"Ghi chú\": trang \"Ghi chú\" không phải trang dữ liệu nào")
        .success();
    assert!(!out.stderr.contains("Hướng dẫn"), "{}", out.stderr);
}

#[test]
fn the_sample_as_csv_files_is_the_same_data() {
    let f = as_sheets("sample", write_csv);
    assert_same_data("sample", &f);
}

/// `(path, sha256)` of every document of a build.
pub(super) fn manifest(f: &Test) -> Vec<(String, String)> {
    let m: serde_json::Value =
        serde_json::from_slice(&std::fs::read(f.out().join("2026-H1/manifest.json")).unwrap())
            .unwrap();
    m["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["path"].as_str().unwrap().to_string(),
                e["sha256"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn yaml_workbook_and_csv_give_byte_identical_documents() {
    let yaml = Test::fixture("sample").arg("build").success();
    let reference = manifest(&yaml);
    assert!(reference.len() > 100, "{}", reference.len());
    let book = as_sheets("sample", |dir, t| {
        write_xlsx(&dir.join("du-lieu.xlsx"), t, Style::Clerk)
    });
    let book = book.arg("build").success();
    assert!(manifest(&book) == reference, "workbook build differs");
    let csv = as_sheets("sample", write_csv).arg("build").success();
    assert!(manifest(&csv) == reference, "CSV build differs");
}

#[test]
fn the_csv_fixture_is_the_minimal_fixture() {
    let f = Test::fixture("workbook-csv");
    assert_same_data("minimal", &f);
}

// ---- errors: one per kind, with the exact cell ----

/// `check` on the minimal fixture as a plain workbook after `edit`; stderr.
fn workbook_errors(edit: impl FnOnce(&mut Vec<Table>)) -> String {
    let f = as_sheets("minimal", |dir, t| {
        let mut t: Vec<Table> = t.iter().map(clone_table).collect();
        edit(&mut t);
        write_xlsx(&dir.join("du-lieu.xlsx"), &t, Style::Plain);
    });
    f.arg("check").failure().stderr.clone()
}

fn clone_table(t: &Table) -> Table {
    Table {
        name: t.name,
        english: t.english,
        headers: t.headers.clone(),
        rows: t.rows.clone(),
    }
}

fn table<'a>(t: &'a mut [Table], name: &str) -> &'a mut Table {
    t.iter_mut().find(|t| t.name == name).unwrap()
}

fn col(t: &Table, header: &str) -> usize {
    t.headers.iter().position(|h| h.0 == header).unwrap()
}

fn assert_has(err: &str, needle: &str) {
    assert!(err.contains(needle), "missing «{needle}» in:\n{err}");
}

/// `check` fails after `sheet`'s data row `row` (0-based) gets `value` in
/// `column`, with the `expected` line; stderr.
fn cell_error(sheet: &str, column: &str, row: usize, value: Cell, expected: &str) -> String {
    let err = workbook_errors(|t| {
        let s = table(t, sheet);
        let c = col(s, column);
        s.rows[row][c] = value;
    });
    assert_has(
        &err,
        &format!("lỗi: inputs/du-lieu.xlsx, trang \"{sheet}\", {expected}"),
    );
    err
}

#[test]
fn bad_code_names_the_cell_and_the_labels() {
    let err = cell_error(
        "Cán bộ",
        "Trình độ chuyên môn",
        0,
        text("dai hoc"),
        "ô J2: officials[0].education: giá trị \"dai hoc\" không hợp lệ; chấp nhận: Chưa qua đào tạo (none), Trung cấp (intermediate), Cao đẳng (college), Đại học (university), Sau đại học (postgraduate) (có phải \"Đại học\"?)",
    );
    // Nothing else: the official is invalid, its evaluation is not "unknown".
    assert_has(&err, "Dữ liệu có 1 lỗi");
}

#[test]
fn impossible_date_is_an_error() {
    cell_error(
        "Cán bộ",
        "Ngày sinh",
        1,
        text("30/02/1980"),
        "ô C3: officials[1].birth_date: ngày \"30/02/1980\" không có trên lịch",
    );
}

#[test]
fn a_decimal_score_is_not_a_whole_number() {
    cell_error(
        "Đánh giá",
        "K5",
        1,
        text("95,5"),
        "ô G3: evaluations[1].scores.k5: cần một số nguyên từ 0 đến 100, nhưng gặp \"95,5\"",
    );
}

#[test]
fn unknown_header_suggests_the_closest_column() {
    let err = workbook_errors(|t| {
        let o = table(t, "Cán bộ");
        let c = col(o, "Dân tộc");
        o.headers[c].0 = "Dan toc ";
        let c = col(o, "Chức danh");
        o.headers[c].0 = "Ghi chú riêng";
    });
    assert_has(
        &err,
        "lỗi: inputs/du-lieu.xlsx, trang \"Cán bộ\", ô E1: officials: cột \"Dan toc\" không có trong trang \"Cán bộ\"; có phải \"Dân tộc\"?",
    );
    assert_has(
        &err,
        "ô I1: officials: cột \"Ghi chú riêng\" không có trong trang \"Cán bộ\"; các cột: Mã, Họ và tên,",
    );
}

#[test]
fn missing_required_column_is_one_error_for_the_sheet() {
    let err = workbook_errors(|t| {
        for name in ["Cán bộ", "Đánh giá"] {
            let s = table(t, name);
            let drop = [col(
                s,
                if name == "Cán bộ" {
                    "Dân tộc"
                } else {
                    "K3"
                },
            )];
            s.headers = s
                .headers
                .iter()
                .enumerate()
                .filter(|(i, _)| !drop.contains(i))
                .map(|(_, h)| *h)
                .collect();
            for r in &mut s.rows {
                *r = r
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| !drop.contains(i))
                    .map(|(_, c)| c.clone())
                    .collect();
            }
        }
    });
    assert_has(
        &err,
        "lỗi: inputs/du-lieu.xlsx, trang \"Cán bộ\", dòng 1: officials: thiếu cột bắt buộc: \"Dân tộc\" (ethnicity)",
    );
    assert_has(
        &err,
        "lỗi: inputs/du-lieu.xlsx, trang \"Đánh giá\", dòng 1: evaluations: thiếu cột bắt buộc: \"K3\" (scores.k3)",
    );
    assert_eq!(err.matches("ethnicity").count(), 1, "{err}");
    assert_eq!(err.matches("k3").count(), 1, "{err}");
    assert_has(&err, "Dữ liệu có 2 lỗi");
}

#[test]
fn empty_required_cell_names_the_cell() {
    cell_error(
        "Cán bộ",
        "Dân tộc",
        1,
        Cell::Empty,
        "ô E3: officials[1].ethnicity: ô trống; cột \"Dân tộc\" bắt buộc phải có giá trị",
    );
}

#[test]
fn duplicate_id_names_both_cells() {
    cell_error(
        "Cán bộ",
        "Mã",
        1,
        text("CB01"),
        "ô A3: officials[1].id: mã \"CB01\" bị trùng: đã dùng ở inputs/du-lieu.xlsx, trang \"Cán bộ\", ô A2 (officials[0].id)",
    );
}

#[test]
fn an_entry_of_an_unknown_official_is_an_error() {
    cell_error(
        "Kỷ luật",
        "Mã cán bộ",
        0,
        text("CB03"),
        "ô A2: disciplines[0].official: cán bộ \"CB03\" không có trong dữ liệu; có phải \"CB01\"?",
    );
}

#[test]
fn a_misspelt_sheet_is_an_error_with_a_hint() {
    let err = workbook_errors(|t| table(t, "Khen thưởng").name = "Khen thưởg");
    assert_has(
        &err,
        "lỗi: inputs/du-lieu.xlsx, trang \"Khen thưởg\": trang \"Khen thưởg\" không phải trang dữ liệu nào; có phải \"Khen thưởng\"?",
    );
}

#[test]
fn errors_of_every_sheet_are_reported_and_nothing_is_written() {
    let f = as_sheets("minimal", |dir, t| {
        let mut t: Vec<Table> = t.iter().map(clone_table).collect();
        let o = table(&mut t, "Cán bộ");
        let c = col(o, "Giới tính");
        o.rows[0][c] = text("nam giới");
        let e = table(&mut t, "Đánh giá");
        let c = col(e, "Kỳ đánh giá");
        e.rows[0][c] = text("Quý V năm 2026");
        write_xlsx(&dir.join("du-lieu.xlsx"), &t, Style::Plain);
    });
    std::fs::write(
        f.inputs().join("communes.csv"),
        "Mã,Tên,Loại,Vùng\nhoa-an-2,Hòa An 2,huyện,Miền núi\n",
    )
    .unwrap();
    let out = f.arg("build").failure();
    let err = &out.stderr;
    assert_has(
        err,
        "trang \"Cán bộ\", ô D2: officials[0].gender: giá trị \"nam giới\" không hợp lệ",
    );
    assert_has(
        err,
        "trang \"Đánh giá\", ô B2: evaluations[0].period: cần một kỳ dạng",
    );
    assert_has(
        err,
        "lỗi: inputs/communes.csv, ô C2: communes[0].kind: giá trị \"huyện\" không hợp lệ; chấp nhận: xã (xa), phường (phuong)",
    );
    assert_has(err, "Dữ liệu có 3 lỗi");
    assert!(!out.out().exists(), "nothing may be written");
}

#[test]
fn a_csv_file_not_in_utf8_names_the_row() {
    let f = Test::fixture("workbook-csv");
    std::fs::write(
        f.inputs().join("khao-sat.csv"),
        b"X\xe3 ph\xfd\xf4ng,K\xfd\nhoa-an,2026-H1\n",
    )
    .unwrap();
    let out = f.arg("check").failure();
    assert_has(
        &out.stderr,
        "lỗi: inputs/khao-sat.csv, dòng 1: tệp CSV không phải văn bản UTF-8 (trong Excel hãy lưu dạng \"CSV UTF-8\")",
    );
}

// ---- nothing dropped silently ----

#[test]
fn files_no_reader_takes_are_named_and_lock_files_skipped() {
    let out = Test::fixture("minimal")
        .write("bien-ban.docx", "x")
        .write("~$du-lieu.xlsx", "lock")
        .write(".~lock.du-lieu.xlsx#", "lock")
        .arg("check")
        .success();
    let err = &out.stderr;
    assert_has(
        err,
        "cảnh báo: inputs/bien-ban.docx: tệp này không được đọc",
    );
    assert!(!err.contains("lock"), "{err}");
}

#[test]
fn inputs_without_officials_are_an_error() {
    let out = Test::fixture("minimal")
        .remove("officials.yaml")
        .remove("evaluations.yaml")
        .arg("check")
        .failure();
    assert_has(
        &out.stderr,
        "lỗi: inputs: officials: không có cán bộ nào trong dữ liệu",
    );
}

#[test]
fn officials_without_an_evaluation_are_counted_in_one_warning() {
    let warning =
        "cảnh báo: 2 trong số 2 cán bộ chưa có phiếu đánh giá kỳ 2026-H1 (6 tháng đầu năm 2026)";
    Test::fixture("minimal")
        .write("evaluations.yaml", "evaluations:\n")
        .arg("check")
        .stderr_has(warning)
        .success()
        .then()
        .args(["build", "--only", "danh-sach-xep-loai"])
        .stderr_has(warning)
        .success();
}

/// The 3,555-official generated province as one workbook: time the load
/// (`cargo test --release --test workbooks -- --ignored --nocapture`).
#[test]
#[ignore]
fn a_province_workbook_loads_fast() {
    let generated = Test::new();
    let dir = generated.path().join("gen");
    let out = std::process::Command::new(BIN)
        .args(["sample", dir.to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let start = std::time::Instant::now();
    let ds = load(&dir);
    println!(
        "from YAML: loaded in {:.3} s",
        start.elapsed().as_secs_f64()
    );
    let f = Test::new();
    std::fs::copy(dir.join("config.yaml"), f.inputs().join("config.yaml")).unwrap();
    write_xlsx(&f.inputs().join("du-lieu.xlsx"), &tables(&ds), Style::Plain);
    let start = std::time::Instant::now();
    let book = load(&f.inputs());
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{} officials from one workbook: loaded in {secs:.3} s",
        book.officials.len()
    );
    assert_eq!(json(&book), json(&ds));
}
