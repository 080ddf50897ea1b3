//! §4 Kế hoạch đào tạo, bồi dưỡng (training plan): provincial (Ban Tổ chức
//! Tỉnh uỷ, KH/BTCTU) and per commune (Đảng uỷ, KH/ĐU).
//!
//! Computed from [`crate::model::gaps`]: the attached list has one row per
//! official and *line* (the kind of course that closes the gaps, see
//! [`Need::course_kind`]), so an official below the IT standard who also
//! lacks the digital-skills course is listed once, for one course.

use std::collections::{BTreeMap, HashSet};

use chrono::NaiveDate;
use serde::Serialize;

use super::common::{
    Block, DocVm, commune_committee, commune_words, narrative_blocks, provincial_doc,
};
use super::{Job, Kind, Selection, plan_both_levels};
use crate::input::{
    Bloc, Commune, Config, Course, CourseKind, Dataset, Gender, Official, Period, PoliticalTheory,
    Position, Region, TrainingStatus,
};
use crate::model::Model;
use crate::model::gaps::{self, Gap, Need, OfficialGaps};
use crate::vn::{compare_names, date_body, ratio, thousands};

/// Add the provincial plan (when no commune filter is given) and one plan
/// per selected commune.
pub fn plan(model: &Model, sel: &Selection, jobs: &mut Vec<Job>) {
    if !sel.wants(Kind::KeHoachDaoTao) {
        return;
    }
    let all = gaps::all(model.ds);
    plan_both_levels(model, sel, Kind::KeHoachDaoTao, jobs, |c| {
        build(model, &all, c)
    });
}

// ------------------------------------------------------------ view-model --

/// An empty list is serialised as `none`: the `lit` filter writes an empty
/// sequence as `(,)`, which Typst rejects. Templates read such fields
/// through `arr(...)` (lib/ke-hoach.typ).
pub(super) fn empty_as_none<S: serde::Serializer, T: Serialize>(
    v: &[T],
    s: S,
) -> Result<S::Ok, S::Error> {
    if v.is_empty() {
        s.serialize_none()
    } else {
        v.serialize(s)
    }
}

#[derive(Debug, Serialize)]
pub struct KeHoachVm {
    pub doc: DocVm,
    /// Trích yếu: "đào tạo, bồi dưỡng cán bộ, công chức cấp xã 6 tháng cuối năm 2026".
    pub subject: String,
    pub provincial: bool,
    /// The issuer in running text: "Ban Tổ chức Tỉnh uỷ", "Đảng uỷ xã Hoà An".
    pub issuer_words: String,
    /// "Nghị quyết số 15-NQ/TU, ngày 20/4/2026 của Ban Chấp hành Đảng bộ tỉnh về …".
    pub resolution: String,
    /// The period the plan covers, in words, and its first and last day.
    pub plan_period: String,
    pub plan_from: String,
    pub plan_to: String,
    /// The reference date of the figures (config.as_of), d/m/yyyy.
    pub as_of: String,
    /// Whom the plan is about: "cán bộ, công chức cấp xã trên địa bàn tỉnh" /
    /// "cán bộ, công chức xã Hoà An".
    pub who: String,
    /// Officials in scope.
    pub officials: String,
    /// Officials with at least one need: "6/14 (42,9%)".
    pub in_need: String,
    /// Rows of the list ("lượt người").
    pub rows: String,
    /// II.2: one item per line.
    #[serde(serialize_with = "empty_as_none")]
    pub lines: Vec<LineVm>,
    /// II (provincial only): rows per line and commune; `headings` names the lines.
    pub headings: Vec<&'static str>,
    #[serde(serialize_with = "empty_as_none")]
    pub by_commune: Vec<CommuneRowVm>,
    pub by_commune_total: Option<CommuneRowVm>,
    /// II.3: priority topics by region.
    #[serde(serialize_with = "empty_as_none")]
    pub priorities: Vec<PriorityVm>,
    /// III: per line, each remedy with the courses of the data that close it.
    #[serde(serialize_with = "empty_as_none")]
    pub schedule: Vec<ScheduleVm>,
    /// IV: config.narrative.funding (commune plan: funding.<commune id>); empty = placeholder.
    #[serde(serialize_with = "empty_as_none")]
    pub funding: Vec<Block>,
    /// V: who does what.
    pub tasks: Vec<TaskVm>,
    pub list: ListVm,
}

#[derive(Debug, Serialize)]
pub struct LineVm {
    pub label: &'static str,
    /// "2 người, trong đó: …".
    pub text: String,
}

#[derive(Debug, Serialize)]
pub struct CommuneRowVm {
    pub stt: String,
    pub name: String,
    pub officials: String,
    /// Rows per line, in the order of the lines.
    pub counts: Vec<String>,
    pub people: String,
}

#[derive(Debug, Serialize)]
pub struct PriorityVm {
    /// "Địa bàn biên giới (xã Trà Lĩnh, xã Đàm Thuỷ)".
    pub label: String,
    pub topics: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct ScheduleVm {
    pub label: &'static str,
    pub items: Vec<ScheduleItemVm>,
}

#[derive(Debug, Serialize)]
pub struct ScheduleItemVm {
    /// "Cao cấp lý luận chính trị: 2 người".
    pub text: String,
    /// The open courses of the data that close it, in words.
    #[serde(serialize_with = "empty_as_none")]
    pub courses: Vec<String>,
    /// When no course closes it: which course must be opened.
    pub missing: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct TaskVm {
    pub who: String,
    pub text: String,
}

#[derive(Debug, Serialize)]
pub struct ListVm {
    pub title: &'static str,
    /// "(Kèm theo Kế hoạch số    -KH/BTCTU, ngày 05/7/2026 của Ban Tổ chức Tỉnh uỷ)".
    pub attached: String,
    #[serde(serialize_with = "empty_as_none")]
    pub groups: Vec<ListGroupVm>,
    /// "Tổng cộng: 7 lượt người (6 người)".
    pub total: String,
    /// A paragraph printed instead of the named list when the provincial
    /// list would be too long to be useful (see [`NAMED_LIST_LIMIT`]).
    pub instead: Option<String>,
}

/// Above this many rows the provincial plan does not repeat the named list:
/// every commune's plan carries its own, and section II of the provincial
/// plan counts them per need and commune. (A whole province can need
/// thousands of rows: hundreds of pages in one Typst table.)
pub const NAMED_LIST_LIMIT: usize = 600;

#[derive(Debug, Serialize)]
pub struct ListGroupVm {
    /// "I", "II", …
    pub no: String,
    pub label: &'static str,
    pub rows: Vec<ListRowVm>,
    /// "Cộng: 2 người".
    pub total: String,
}

#[derive(Debug, Serialize)]
pub struct ListRowVm {
    pub stt: String,
    pub id: String,
    pub name: String,
    /// Year of birth in the column of the official's gender.
    pub born_male: String,
    pub born_female: String,
    pub title: String,
    pub unit: String,
    pub level: String,
    pub content: String,
    pub course: String,
    pub time: String,
    pub note: String,
}

// ------------------------------------------------------------- wording --

/// The lines of the plan: the kinds of course of [`Need::ALL`], in order.
fn lines() -> Vec<CourseKind> {
    let mut out = Vec::new();
    for n in Need::ALL {
        if !out.contains(&n.course_kind()) {
            out.push(n.course_kind());
        }
    }
    out
}

fn line_label(k: CourseKind) -> &'static str {
    match k {
        CourseKind::Professional => "Đào tạo chuyên môn (nâng trình độ, văn bằng 2)",
        CourseKind::PoliticalTheory => "Đào tạo lý luận chính trị",
        CourseKind::DigitalSkills => "Bồi dưỡng tin học, kỹ năng số",
        CourseKind::LeadershipSkills => "Bồi dưỡng kỹ năng lãnh đạo, quản lý",
        CourseKind::StateManagement => "Bồi dưỡng kiến thức quản lý nhà nước",
        CourseKind::Other => "Bồi dưỡng khác",
    }
}

/// Short heading of a line's column in the per-commune table.
fn line_short(k: CourseKind) -> &'static str {
    match k {
        CourseKind::Professional => "Chuyên môn",
        CourseKind::PoliticalTheory => "Lý luận chính trị",
        CourseKind::DigitalSkills => "Tin học, kỹ năng số",
        CourseKind::LeadershipSkills => "Kỹ năng lãnh đạo, quản lý",
        CourseKind::StateManagement => "Quản lý nhà nước",
        CourseKind::Other => "Khác",
    }
}

/// Who has the need, after "N người".
fn need_phrase(n: Need) -> &'static str {
    match n {
        Need::Education => "chưa đạt trình độ chuyên môn theo yêu cầu của vị trí việc làm",
        Need::Major => "có chuyên ngành đào tạo chưa phù hợp vị trí việc làm (đào tạo văn bằng 2)",
        Need::PoliticalTheory => "chưa đạt trình độ lý luận chính trị theo yêu cầu",
        Need::ItSkill => "chưa đạt trình độ tin học theo yêu cầu",
        Need::DigitalSkills => {
            "chưa hoàn thành khoá bồi dưỡng kỹ năng số (mục tiêu cụ thể (2) của Nghị quyết)"
        }
        Need::LeadershipSkills => {
            "là cán bộ lãnh đạo, quản lý chưa hoàn thành khoá bồi dưỡng kỹ năng lãnh đạo, quản lý (mục tiêu cụ thể (5) của Nghị quyết)"
        }
    }
}

fn theory_course(p: PoliticalTheory) -> &'static str {
    match p {
        PoliticalTheory::Advanced => "Cao cấp lý luận chính trị",
        PoliticalTheory::Intermediate => "Trung cấp lý luận chính trị - hành chính",
        PoliticalTheory::Elementary => "Sơ cấp lý luận chính trị",
        PoliticalTheory::None => "Bồi dưỡng lý luận chính trị",
    }
}

/// The course that closes a gap, in words (when the data has none).
fn remedy(g: &Gap, p: &Position) -> String {
    match g {
        Gap::Education { need, .. } => {
            format!("Đào tạo trình độ {}", need.label().to_lowercase())
        }
        Gap::Major { .. } => {
            let majors: Vec<&str> = p.requires.majors.iter().map(|m| m.label()).collect();
            if majors.is_empty() {
                "Đào tạo văn bằng 2 đúng chuyên ngành vị trí việc làm".into()
            } else {
                format!("Đào tạo văn bằng 2 ngành {}", majors.join(" hoặc "))
            }
        }
        Gap::PoliticalTheory { need, .. } => theory_course(*need).into(),
        Gap::ItSkill { need, .. } => format!(
            "Bồi dưỡng tin học, kỹ năng số trình độ {}",
            need.label().to_lowercase()
        ),
        Gap::DigitalSkills => "Bồi dưỡng kỹ năng số, chuyển đổi số".into(),
        Gap::LeadershipSkills => "Bồi dưỡng kỹ năng lãnh đạo, quản lý".into(),
    }
}

/// Sort key of a gap inside its need: the higher required level first.
fn level_rank(g: &Gap) -> u8 {
    match g {
        Gap::Education { need, .. } => 10 - *need as u8,
        Gap::PoliticalTheory { need, .. } => 10 - *need as u8,
        Gap::ItSkill { need, .. } => 10 - *need as u8,
        _ => 0,
    }
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

fn roman(n: usize) -> String {
    const R: [&str; 10] = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];
    R.get(n.wrapping_sub(1))
        .map_or_else(|| n.to_string(), |s| s.to_string())
}

/// "04/5/2026 - 30/11/2026" (a line may break after the hyphen, not before).
fn span(c: &Course) -> String {
    format!("{}\u{a0}- {}", date_body(c.start), date_body(c.end))
}

/// The period after `p`: a plan made at the end of the reported period
/// covers the next one.
pub fn next_period(p: Period) -> Period {
    match p {
        Period::Year(y) => Period::Year(y + 1),
        Period::Half(y, 1) => Period::Half(y, 2),
        Period::Half(y, _) => Period::Half(y + 1, 1),
        Period::Quarter(y, q) if q >= 4 => Period::Quarter(y + 1, 1),
        Period::Quarter(y, q) => Period::Quarter(y, q + 1),
    }
}

/// The resolution cited in full (HD 36): "Nghị quyết số 15-NQ/TU, ngày
/// 20/4/2026 của Ban Chấp hành Đảng bộ tỉnh về …".
pub fn resolution_words(cfg: &Config) -> String {
    let r = &cfg.resolution;
    let title = r.title.trim();
    let title = if title.starts_with("về ") || title.is_empty() {
        title.to_string()
    } else {
        format!("về {title}")
    };
    format!(
        "Nghị quyết số {}, ngày {} của Ban Chấp hành Đảng bộ tỉnh {title}",
        r.number,
        date_body(r.issued_on)
    )
    .trim_end()
    .to_string()
}

/// "Đảng uỷ xã Hoà An" / "UBND xã Hoà An".
pub fn unit_words(o: &Official, c: &Commune) -> String {
    match o.bloc {
        Bloc::Party => format!("Đảng uỷ {}", commune_words(c)),
        Bloc::Government => format!("UBND {}", commune_words(c)),
    }
}

pub fn title_words(o: &Official, p: &Position) -> String {
    o.title.clone().unwrap_or_else(|| p.name.clone())
}

// --------------------------------------------------------------- compute --

/// One row of the list: an official, a line and the gaps of that line.
struct Row<'a> {
    og: &'a OfficialGaps<'a>,
    line: CourseKind,
    gaps: Vec<Gap>,
    proposal: Proposal<'a>,
}

/// The course proposed for a row.
enum Proposal<'a> {
    /// The official attends (or is registered for) this course.
    Registered(&'a Course, TrainingStatus),
    /// A course of the data, not yet attended, that closes the gaps.
    Suggested(&'a Course),
    /// No course in the data: the course to open, in words.
    Needed(String),
}

/// How many of `gaps` `c` closes.
fn closes(c: &Course, gaps: &[Gap]) -> usize {
    gaps.iter().filter(|g| g.closed_by(c)).count()
}

/// The best course for `gaps`: the most gaps closed, then the earliest start.
fn best<'a>(cands: impl Iterator<Item = &'a Course>, gaps: &[Gap]) -> Option<&'a Course> {
    cands
        .filter(|c| closes(c, gaps) > 0)
        .min_by_key(|c| (std::cmp::Reverse(closes(c, gaps)), c.start, c.id.as_str()))
}

fn propose<'a>(ds: &'a Dataset, og: &OfficialGaps<'a>, gaps: &[Gap]) -> Proposal<'a> {
    let as_of = ds.config.as_of;
    let open: Vec<_> = gaps::open_trainings(ds, &og.official.id, as_of).collect();
    if let Some(c) = best(open.iter().map(|(_, c)| *c), gaps) {
        let status = open
            .iter()
            .find(|(_, oc)| oc.id == c.id)
            .map_or(TrainingStatus::Planned, |(t, _)| t.status);
        return Proposal::Registered(c, status);
    }
    if let Some(c) = best(ds.courses.iter().filter(|c| c.start > as_of), gaps) {
        return Proposal::Suggested(c);
    }
    Proposal::Needed(needed_words(gaps, og.position))
}

/// The course(s) to open for `gaps`, in words (the IT-skill course also
/// covers the digital-skills target).
fn needed_words(gaps: &[Gap], p: &Position) -> String {
    let has_it = gaps.iter().any(|g| matches!(g, Gap::ItSkill { .. }));
    let mut out: Vec<String> = Vec::new();
    for g in gaps {
        if has_it && *g == Gap::DigitalSkills {
            continue;
        }
        let r = remedy(g, p);
        if !out.contains(&r) {
            out.push(r);
        }
    }
    out.join("; ")
}

/// "Trình độ hiện tại" for a line, from the levels at `as_of`.
fn level_words(ds: &Dataset, o: &Official, line: CourseKind) -> String {
    let l = gaps::levels(ds, o, ds.config.as_of);
    let edu = match o.major {
        Some(m) => format!("{} ({})", l.education.label(), m.label()),
        None => l.education.label().to_string(),
    };
    match line {
        CourseKind::Professional => edu,
        CourseKind::PoliticalTheory => l.political_theory.label().to_string(),
        CourseKind::DigitalSkills => format!("Tin học: {}", l.it_skill.label().to_lowercase()),
        _ => format!("{edu}; LLCT: {}", l.political_theory.label().to_lowercase()),
    }
}

fn status_words(s: TrainingStatus) -> &'static str {
    match s {
        TrainingStatus::Planned => "Đã đăng ký",
        _ => "Đang học",
    }
}

fn build(model: &Model, all: &[OfficialGaps], commune: Option<&Commune>) -> KeHoachVm {
    let ds = model.ds;
    let cfg = &ds.config;
    let as_of = cfg.as_of;
    let in_scope = |o: &Official| commune.is_none_or(|c| o.commune == c.id);
    let scope: Vec<&OfficialGaps> = all.iter().filter(|g| in_scope(g.official)).collect();
    let line_kinds = lines();

    // Rows: official × line, Vietnamese name order inside a line.
    let mut rows: Vec<Row> = Vec::new();
    for &line in &line_kinds {
        let mut group: Vec<Row> = scope
            .iter()
            .filter_map(|og| {
                let gaps: Vec<Gap> = og
                    .gaps
                    .iter()
                    .copied()
                    .filter(|g| g.need().course_kind() == line)
                    .collect();
                (!gaps.is_empty()).then(|| Row {
                    og,
                    line,
                    proposal: propose(ds, og, &gaps),
                    gaps,
                })
            })
            .collect();
        group.sort_by(|a, b| {
            compare_names(&a.og.official.name, &b.og.official.name)
                .then_with(|| a.og.official.id.cmp(&b.og.official.id))
        });
        rows.extend(group);
    }
    let people: HashSet<&str> = rows.iter().map(|r| r.og.official.id.as_str()).collect();
    let officials = ds.officials.iter().filter(|o| in_scope(o)).count() as u64;

    let plan = next_period(cfg.period);
    let subject = format!(
        "đào tạo, bồi dưỡng cán bộ, công chức cấp xã {}",
        plan.words()
    );
    let title = format!("Kế hoạch {subject}");
    let (mut doc, issuer_words, who) = match commune {
        None => (
            provincial_doc(
                model,
                &cfg.organization_board,
                "KH",
                "training_plan",
                title,
                &[
                    "Thường trực Tỉnh uỷ (báo cáo)".into(),
                    "Sở Nội vụ".into(),
                    "Trường Chính trị tỉnh".into(),
                    "Đảng uỷ các xã, phường".into(),
                    "Lưu Ban Tổ chức Tỉnh uỷ".into(),
                ],
            ),
            "Ban Tổ chức Tỉnh uỷ".to_string(),
            "cán bộ, công chức cấp xã trên địa bàn tỉnh".to_string(),
        ),
        Some(c) => {
            let mut doc = commune_committee(model, c, "KH", "commune_training_plan", title);
            if !cfg.recipients.contains_key("commune_training_plan") {
                doc.recipients = vec![
                    "Ban Tổ chức Tỉnh uỷ (báo cáo)".into(),
                    "Các đồng chí Đảng uỷ viên".into(),
                    format!("UBND {}", commune_words(c)),
                    "Cán bộ, công chức có tên trong danh sách".into(),
                    "Lưu Văn phòng Đảng uỷ".into(),
                ];
            }
            (
                doc,
                format!("Đảng uỷ {}", commune_words(c)),
                format!("cán bộ, công chức {}", commune_words(c)),
            )
        }
    };
    doc.show_number = true;

    let mut list = list_vm(ds, model, &rows, &line_kinds, &people, &doc, &issuer_words);
    if commune.is_none() && rows.len() > NAMED_LIST_LIMIT {
        list.groups.clear();
        list.instead = Some(format!(
            "Toàn tỉnh có {} lượt người ({} người) cần đào tạo, bồi dưỡng; số lượng theo từng nội dung và từng xã, phường tại mục II của Kế hoạch này. Danh sách chi tiết từng người được kèm theo Kế hoạch đào tạo, bồi dưỡng của từng xã, phường.",
            thousands(rows.len() as i64),
            thousands(people.len() as i64)
        ));
    }
    let funding_key = match commune {
        None => "funding".to_string(),
        Some(c) => format!("funding.{}", c.id),
    };
    KeHoachVm {
        subject,
        provincial: commune.is_none(),
        resolution: resolution_words(cfg),
        plan_period: plan.words(),
        plan_from: date_body(plan.first_day()),
        plan_to: date_body(plan.last_day()),
        as_of: date_body(as_of),
        who,
        officials: thousands(officials as i64),
        in_need: ratio(people.len() as u64, officials),
        rows: thousands(rows.len() as i64),
        lines: line_items(&rows, &line_kinds),
        headings: line_kinds.iter().map(|l| line_short(*l)).collect(),
        by_commune: match commune {
            None => by_commune(ds, &rows, &line_kinds),
            Some(_) => Vec::new(),
        },
        by_commune_total: commune
            .is_none()
            .then(|| total_row(&rows, &line_kinds, officials, people.len())),
        priorities: priorities(model, &scope),
        schedule: schedule(ds, &rows, &line_kinds),
        funding: cfg
            .narrative
            .get(&funding_key)
            .map(|t| narrative_blocks(t))
            .unwrap_or_default(),
        tasks: tasks(commune),
        list,
        issuer_words,
        doc,
    }
}

/// "N người, trong đó: a người …; b người …" for each line with rows.
fn line_items(rows: &[Row], line_kinds: &[CourseKind]) -> Vec<LineVm> {
    let mut out = Vec::new();
    for &line in line_kinds {
        let in_line: Vec<&Row> = rows.iter().filter(|r| r.line == line).collect();
        if in_line.is_empty() {
            continue;
        }
        let mut parts = Vec::new();
        for need in Need::ALL.iter().filter(|n| n.course_kind() == line) {
            let with: Vec<&Gap> = in_line
                .iter()
                .flat_map(|r| r.gaps.iter())
                .filter(|g| g.need() == *need)
                .collect();
            if with.is_empty() {
                continue;
            }
            let mut part = format!(
                "{} người {}",
                thousands(with.len() as i64),
                need_phrase(*need)
            );
            // Several required levels: how many need each.
            let mut by_level: BTreeMap<(u8, String), u64> = BTreeMap::new();
            for r in &in_line {
                for g in r.gaps.iter().filter(|g| g.need() == *need) {
                    *by_level
                        .entry((level_rank(g), lower_first(&remedy(g, r.og.position))))
                        .or_default() += 1;
                }
            }
            if by_level.len() > 1
                && matches!(
                    need,
                    Need::Education | Need::PoliticalTheory | Need::ItSkill
                )
            {
                let detail: Vec<String> = by_level
                    .iter()
                    .map(|((_, r), n)| format!("{r}: {} người", thousands(*n as i64)))
                    .collect();
                part.push_str(&format!(" ({})", detail.join("; ")));
            }
            parts.push(part);
        }
        let n = thousands(in_line.len() as i64);
        let text = if parts.len() == 1 {
            format!("{}.", parts[0])
        } else {
            format!("{n} người, trong đó: {}.", parts.join("; "))
        };
        out.push(LineVm {
            label: line_label(line),
            text,
        });
    }
    out
}

fn counts(rows: &[&Row], line_kinds: &[CourseKind]) -> Vec<String> {
    line_kinds
        .iter()
        .map(|l| thousands(rows.iter().filter(|r| r.line == *l).count() as i64))
        .collect()
}

fn by_commune(ds: &Dataset, rows: &[Row], line_kinds: &[CourseKind]) -> Vec<CommuneRowVm> {
    ds.communes
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let in_c: Vec<&Row> = rows
                .iter()
                .filter(|r| r.og.official.commune == c.id)
                .collect();
            let people: HashSet<&str> = in_c.iter().map(|r| r.og.official.id.as_str()).collect();
            CommuneRowVm {
                stt: thousands(i as i64 + 1),
                name: upper_first(&commune_words(c)),
                officials: thousands(
                    ds.officials.iter().filter(|o| o.commune == c.id).count() as i64
                ),
                counts: counts(&in_c, line_kinds),
                people: thousands(people.len() as i64),
            }
        })
        .collect()
}

fn total_row(
    rows: &[Row],
    line_kinds: &[CourseKind],
    officials: u64,
    people: usize,
) -> CommuneRowVm {
    let all: Vec<&Row> = rows.iter().collect();
    CommuneRowVm {
        stt: String::new(),
        name: "Tổng cộng".into(),
        officials: thousands(officials as i64),
        counts: counts(&all, line_kinds),
        people: thousands(people as i64),
    }
}

/// Region priority topics of the positions of the officials in scope,
/// deduplicated, per region (provincial) or for the commune's region.
fn priorities(model: &Model, scope: &[&OfficialGaps]) -> Vec<PriorityVm> {
    let ds = model.ds;
    let mut out = Vec::new();
    for &region in Region::ALL {
        let communes: Vec<&Commune> = ds
            .communes
            .iter()
            .filter(|c| c.region == region && scope.iter().any(|g| g.official.commune == c.id))
            .collect();
        if communes.is_empty() {
            continue;
        }
        let mut topics: Vec<String> = Vec::new();
        for og in scope {
            if model.commune(&og.official.commune).region != region {
                continue;
            }
            for t in gaps::priorities(og.position, region) {
                if !topics.iter().any(|x| x.trim() == t.trim()) {
                    topics.push(t.trim().to_string());
                }
            }
        }
        if topics.is_empty() {
            continue;
        }
        let names: Vec<String> = communes.iter().map(|c| commune_words(c)).collect();
        out.push(PriorityVm {
            label: format!("Địa bàn {} ({})", region.label(), names.join(", ")),
            topics,
        });
    }
    out
}

/// Section III: per line, each need and required level with its count, the
/// courses of the data that close it (those still open to new trainees, and
/// those the listed officials attend) and, for officials left without a
/// course, the kind of course to open.
fn schedule(ds: &Dataset, rows: &[Row], line_kinds: &[CourseKind]) -> Vec<ScheduleVm> {
    let as_of = ds.config.as_of;
    let mut out = Vec::new();
    for &line in line_kinds {
        // (need, level rank) → (a gap of it, rows having it, count per remedy)
        type Item<'r, 'a> = (Gap, Vec<&'r Row<'a>>, BTreeMap<String, u64>);
        let mut items: BTreeMap<(Need, u8), Item> = BTreeMap::new();
        for r in rows.iter().filter(|r| r.line == line) {
            for g in &r.gaps {
                let e = items.entry((g.need(), level_rank(g))).or_insert((
                    *g,
                    Vec::new(),
                    BTreeMap::new(),
                ));
                e.1.push(r);
                *e.2.entry(remedy(g, r.og.position)).or_default() += 1;
            }
        }
        if items.is_empty() {
            continue;
        }
        let items = items
            .into_values()
            .map(|(gap, with, remedies)| {
                let registered = |c: &Course| {
                    with.iter().any(
                        |r| matches!(r.proposal, Proposal::Registered(x, _) if x.id == c.id),
                    )
                };
                let closing: Vec<&Course> = ds
                    .courses
                    .iter()
                    .filter(|c| c.end > as_of && gap.closed_by(c))
                    .collect();
                // Among the courses still to start, the lowest sufficient level.
                let lowest = closing
                    .iter()
                    .filter(|c| c.start > as_of)
                    .map(|c| granted_rank(&gap, c))
                    .max();
                let mut courses: Vec<&Course> = closing
                    .into_iter()
                    .filter(|c| {
                        registered(c)
                            || (c.start > as_of && Some(granted_rank(&gap, c)) == lowest)
                    })
                    .collect();
                courses.sort_by(|a, b| (a.start, &a.id).cmp(&(b.start, &b.id)));
                let uncovered = with
                    .iter()
                    .filter(|r| match r.proposal {
                        Proposal::Registered(c, _) | Proposal::Suggested(c) => !gap.closed_by(c),
                        Proposal::Needed(_) => true,
                    })
                    .count();
                let total = thousands(with.len() as i64);
                let text = match remedies.len() {
                    1 => format!("{}: {total} người", remedies.keys().next().map_or("", |k| k)),
                    _ => {
                        let detail: Vec<String> = remedies
                            .iter()
                            .map(|(r, n)| {
                                let r = r.strip_prefix("Đào tạo văn bằng 2 ").unwrap_or(r);
                                format!("{}: {} người", lower_first(r), thousands(*n as i64))
                            })
                            .collect();
                        format!(
                            "{}: {total} người ({})",
                            gap.need().label(),
                            detail.join("; ")
                        )
                    }
                };
                let kind = line.label().to_lowercase();
                let missing = (uncovered > 0).then(|| {
                    if courses.is_empty() {
                        format!("Chưa có khoá học phù hợp; đề nghị mở lớp (loại khoá học: {kind})")
                    } else {
                        format!(
                            "{} người chưa có khoá học phù hợp; đề nghị mở lớp (loại khoá học: {kind})",
                            thousands(uncovered as i64)
                        )
                    }
                });
                ScheduleItemVm {
                    text,
                    courses: courses.iter().map(|c| course_words(c, &with)).collect(),
                    missing,
                }
            })
            .collect();
        out.push(ScheduleVm {
            label: line_label(line),
            items,
        });
    }
    out
}

/// The level a course grants in the field of `gap`, ranked like
/// [`level_rank`] (higher = lower level); 0 for gaps without a level.
fn granted_rank(gap: &Gap, c: &Course) -> u8 {
    let g = &c.grants;
    match gap {
        Gap::Education { .. } => g.education.map_or(0, |l| 10 - l as u8),
        Gap::PoliticalTheory { .. } => g.political_theory.map_or(0, |l| 10 - l as u8),
        Gap::ItSkill { .. } => g.it_skill.map_or(0, |l| 10 - l as u8),
        _ => 0,
    }
}

/// "<name>: từ ngày … đến ngày …, do … tổ chức; trong danh sách: 2 người đã
/// đăng ký, đang học, đề xuất cử thêm 1 người".
fn course_words(c: &Course, rows: &[&Row]) -> String {
    let registered = rows
        .iter()
        .filter(|r| matches!(r.proposal, Proposal::Registered(x, _) if x.id == c.id))
        .count();
    let suggested = rows
        .iter()
        .filter(|r| matches!(r.proposal, Proposal::Suggested(x) if x.id == c.id))
        .count();
    let mut s = format!(
        "{}: từ ngày {} đến ngày {}, do {} tổ chức",
        c.name.trim(),
        date_body(c.start),
        date_body(c.end),
        c.organizer.trim()
    );
    let mut who = Vec::new();
    if registered > 0 {
        who.push(format!(
            "{} người đã đăng ký, đang học",
            thousands(registered as i64)
        ));
    }
    if suggested > 0 {
        who.push(format!("đề xuất cử {} người", thousands(suggested as i64)));
    }
    if !who.is_empty() {
        s.push_str(&format!(" ({})", who.join("; ")));
    }
    s
}

/// Section V: fixed responsibilities.
fn tasks(commune: Option<&Commune>) -> Vec<TaskVm> {
    let t = |who: &str, text: &str| TaskVm {
        who: who.into(),
        text: text.into(),
    };
    match commune {
        None => vec![
            t(
                "Ban Tổ chức Tỉnh uỷ",
                "Chủ trì, phối hợp với Sở Nội vụ, Trường Chính trị tỉnh và các cơ quan liên quan triển khai Kế hoạch; hướng dẫn đảng uỷ các xã, phường cử cán bộ đi đào tạo, bồi dưỡng đúng đối tượng; theo dõi, đôn đốc, tổng hợp kết quả, báo cáo Ban Thường vụ Tỉnh uỷ theo định kỳ 6 tháng, hằng năm.",
            ),
            t(
                "Trường Chính trị tỉnh, Sở Nội vụ và các sở, ngành liên quan",
                "Căn cứ nhu cầu tại Kế hoạch này, xây dựng chương trình, mở các lớp đào tạo, bồi dưỡng theo chức năng, nhiệm vụ; đối với nội dung chưa có lớp, chủ động phối hợp với các cơ sở đào tạo tổ chức mở lớp, bảo đảm chất lượng, thời gian phù hợp với cán bộ cơ sở.",
            ),
            t(
                "Đảng uỷ các xã, phường",
                "Rà soát, cử cán bộ, công chức có tên trong danh sách kèm theo tham gia các lớp đào tạo, bồi dưỡng; bố trí, sắp xếp công việc hợp lý, tạo điều kiện để cán bộ, công chức học tập; xây dựng kế hoạch đào tạo, bồi dưỡng của địa phương; báo cáo kết quả thực hiện về Ban Thường vụ Tỉnh uỷ (qua Ban Tổ chức Tỉnh uỷ).",
            ),
        ],
        Some(_) => vec![
            t(
                "Ban Xây dựng Đảng, Văn phòng Đảng uỷ",
                "Tham mưu Ban Thường vụ Đảng uỷ triển khai Kế hoạch; phối hợp với các cơ sở đào tạo cử cán bộ, công chức đi học đúng đối tượng, đúng thời gian; theo dõi, tổng hợp kết quả, báo cáo Ban Thường vụ Tỉnh uỷ (qua Ban Tổ chức Tỉnh uỷ).",
            ),
            t(
                "Uỷ ban nhân dân xã",
                "Bố trí kinh phí, sắp xếp công việc hợp lý để cán bộ, công chức tham gia đầy đủ các lớp đào tạo, bồi dưỡng.",
            ),
            t(
                "Cán bộ, công chức có tên trong danh sách",
                "Chấp hành sự phân công, tham gia đầy đủ chương trình học tập; vận dụng kiến thức được đào tạo, bồi dưỡng vào thực tiễn công tác; báo cáo kết quả học tập sau khi kết thúc khoá học.",
            ),
        ],
    }
}

/// The attached list (landscape appendix).
fn list_vm(
    ds: &Dataset,
    model: &Model,
    rows: &[Row],
    line_kinds: &[CourseKind],
    people: &HashSet<&str>,
    doc: &DocVm,
    issuer_words: &str,
) -> ListVm {
    let number = doc.number.clone().unwrap_or_else(|| "\u{a0}".repeat(8));
    let attached = format!(
        "(Kèm theo Kế hoạch số {number}-{}/{}, ngày {} của {issuer_words})",
        doc.type_code,
        doc.body_code,
        date_body(ds.config.issued_on)
    );
    let mut groups = Vec::new();
    for &line in line_kinds {
        let in_line: Vec<&Row> = rows.iter().filter(|r| r.line == line).collect();
        if in_line.is_empty() {
            continue;
        }
        let list_rows = in_line
            .iter()
            .enumerate()
            .map(|(i, r)| row_vm(ds, model, i, r))
            .collect();
        groups.push(ListGroupVm {
            no: roman(groups.len() + 1),
            label: line_label(line),
            rows: list_rows,
            total: format!("Cộng: {} người", thousands(in_line.len() as i64)),
        });
    }
    ListVm {
        title: "Danh sách cán bộ, công chức cấp xã cần đào tạo, bồi dưỡng",
        attached,
        groups,
        total: format!(
            "Tổng cộng: {} lượt người ({} người)",
            thousands(rows.len() as i64),
            thousands(people.len() as i64)
        ),
        instead: None,
    }
}

fn year(d: NaiveDate) -> String {
    use chrono::Datelike;
    d.year().to_string()
}

fn row_vm(ds: &Dataset, model: &Model, i: usize, r: &Row) -> ListRowVm {
    let o = r.og.official;
    let born = year(o.birth_date);
    let (course, time, note) = match &r.proposal {
        Proposal::Registered(c, status) => (
            c.name.trim().to_string(),
            span(c),
            status_words(*status).to_string(),
        ),
        Proposal::Suggested(c) => (
            c.name.trim().to_string(),
            span(c),
            "Đề xuất cử đi học".into(),
        ),
        Proposal::Needed(words) => (words.clone(), String::new(), "Cần mở lớp".into()),
    };
    // A course closing only part of the row's gaps: say what remains.
    let note = match &r.proposal {
        Proposal::Registered(c, _) | Proposal::Suggested(c) => {
            let rest: Vec<Gap> = r.gaps.iter().copied().filter(|g| !g.closed_by(c)).collect();
            if rest.is_empty() {
                note
            } else {
                format!(
                    "{note}; cần thêm: {}",
                    lower_first(&needed_words(&rest, r.og.position))
                )
            }
        }
        Proposal::Needed(_) => note,
    };
    let content: Vec<String> = r.gaps.iter().map(Gap::describe).collect();
    ListRowVm {
        stt: thousands(i as i64 + 1),
        id: o.id.clone(),
        name: o.name.clone(),
        born_male: if o.gender == Gender::Male {
            born.clone()
        } else {
            String::new()
        },
        born_female: if o.gender == Gender::Female {
            born
        } else {
            String::new()
        },
        title: title_words(o, r.og.position),
        unit: unit_words(o, model.commune(&o.commune)),
        level: level_words(ds, o, r.line),
        content: content.join("; "),
        course,
        time,
        note,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plan_covers_the_next_period() {
        assert_eq!(
            next_period(Period::Half(2026, 1)).words(),
            "6 tháng cuối năm 2026"
        );
        assert_eq!(
            next_period(Period::Half(2026, 2)).words(),
            "6 tháng đầu năm 2027"
        );
        assert_eq!(next_period(Period::Year(2026)).words(), "năm 2027");
        assert_eq!(
            next_period(Period::Quarter(2026, 4)).words(),
            "quý I năm 2027"
        );
        assert_eq!(
            next_period(Period::Quarter(2026, 2)).words(),
            "quý III năm 2026"
        );
    }

    #[test]
    fn lines_follow_the_needs() {
        assert_eq!(
            lines(),
            vec![
                CourseKind::Professional,
                CourseKind::PoliticalTheory,
                CourseKind::DigitalSkills,
                CourseKind::LeadershipSkills
            ]
        );
        assert_eq!(roman(4), "IV");
    }
}

// ------------------------------------------------------------- plug-in --

/// The training plans: provincial and one per selected commune.
pub struct TrainingPlan;

impl super::DocKind for TrainingPlan {
    fn code(&self) -> &'static str {
        "ke-hoach-dao-tao"
    }

    fn plan(&'static self, model: &Model, sel: &Selection, jobs: &mut Vec<Job>) {
        plan(model, sel, jobs)
    }
}
