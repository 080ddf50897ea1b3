//! Every entity of data-model.md, declared once with [`entity!`]: its
//! struct and its schema. The YAML decoder, the workbook reader and the
//! template read these declarations.
//! The config (YAML only) is read by hand at the end.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::data::{ser, *};
use super::decode::{Decoder, Obj, code, date, period, string_list, text};
use super::node::{Node, Value};
use super::schema::{
    Field, Kind, Schema, dec, entity, field_value, kind, post_check, read_field, required,
};

entity!(
    #[derive(Debug, Clone, Serialize)]
    Commune [src] {
        id: String = req slug "Mã",
        name: String = req text "Tên",
        kind: CommuneKind = req code(CommuneKind) "Loại",
        region: Region = req code(Region) "Vùng",
        #[serde(skip_serializing_if = "Option::is_none")]
        cluster: Option<String> = opt text "Cụm",
        #[serde(skip_serializing_if = "Option::is_none")]
        secretary: Option<String> = opt text "Bí thư",
        #[serde(skip_serializing_if = "Option::is_none")]
        chairman: Option<String> = opt text "Chủ tịch UBND",
    }
);

entity!(
    #[derive(Debug, Clone, Default, Serialize)]
    Requirements {
        #[serde(skip_serializing_if = "Option::is_none")]
        education: Option<Education> = opt code(Education) "Trình độ chuyên môn tối thiểu",
        #[serde(
            skip_serializing_if = "Vec::is_empty",
            serialize_with = "ser::flow_seq"
        )]
        majors: Vec<Major> = dflt list(code(Major)) "Chuyên ngành chấp nhận",
        #[serde(skip_serializing_if = "Option::is_none")]
        political_theory: Option<PoliticalTheory> = opt code(PoliticalTheory) "Lý luận chính trị tối thiểu",
        #[serde(skip_serializing_if = "Option::is_none")]
        it_skill: Option<ItSkill> = opt code(ItSkill) "Tin học tối thiểu",
    }
);

entity!(
    #[derive(Debug, Clone, Serialize)]
    Position [src] {
        id: String = req slug "Mã",
        name: String = req text "Tên vị trí",
        bloc: Bloc = req code(Bloc) "Khối",
        #[serde(skip_serializing_if = "ser::is_false")]
        leader: bool = dflt boolean "Lãnh đạo",
        #[serde(skip_serializing_if = "ser::no_requirements")]
        requires: Requirements = dflt nested(Requirements),
        #[serde(
            skip_serializing_if = "BTreeMap::is_empty",
            serialize_with = "ser::flow_lists"
        )]
        region_priorities: BTreeMap<Region, Vec<String>> = dflt custom(region_priorities, REGION_PRIORITIES),
    }
);

/// `region_priorities`: one list per region, keyed by the region's code.
const REGION_PRIORITIES: &[Field] = &[
    priority("urban", "Ưu tiên vùng đô thị"),
    priority("rural", "Ưu tiên vùng nông thôn"),
    priority("mountain", "Ưu tiên vùng miền núi"),
    priority("border", "Ưu tiên vùng biên giới"),
];

const fn priority(region: &'static str, column: &'static str) -> Field {
    Field {
        name: region,
        column,
        required: false,
        kind: Kind::List(&Kind::Text),
    }
}

fn region_priorities(d: &mut Decoder, n: &Node, p: &str) -> Option<BTreeMap<Region, Vec<String>>> {
    let Value::Map(fields) = &n.value else {
        d.expected(n, p, "một bảng vùng: danh sách");
        return None;
    };
    let mut out = BTreeMap::new();
    for (k, v) in fields {
        let key_node = Node {
            pos: k.pos,
            value: Value::Str(k.name.clone()),
        };
        let f = format!("{p}.{}", k.name);
        let region = d.code::<Region>(&key_node, &f);
        let items = string_list(d, v, &f);
        if let (Some(r), Some(i)) = (region, items) {
            out.insert(r, i);
        }
    }
    Some(out)
}

entity!(
    #[derive(Debug, Clone, Serialize)]
    HistoryItem {
        from: NaiveDate = req date "Từ ngày",
        #[serde(skip_serializing_if = "Option::is_none")]
        to: Option<NaiveDate> = opt date "Đến ngày",
        unit: String = req text "Đơn vị",
        role: String = req text "Chức vụ",
    }
);

entity!(
    #[derive(Debug, Clone, Serialize)]
    Reward {
        on: NaiveDate = req date "Ngày",
        #[serde(skip_serializing_if = "String::is_empty")]
        decision: String = dflt text "Số quyết định",
        content: String = req text "Nội dung",
    }
);

entity!(
    #[derive(Debug, Clone, Serialize)]
    Discipline {
        on: NaiveDate = req date "Ngày",
        #[serde(skip_serializing_if = "String::is_empty")]
        decision: String = dflt text "Số quyết định",
        form: String = req text "Hình thức",
        #[serde(skip_serializing_if = "String::is_empty")]
        content: String = dflt free "Nội dung",
    }
);

entity!(
    #[derive(Debug, Clone, Serialize)]
    Official [src] {
        id: String = req text "Mã",
        name: String = req text "Họ và tên",
        birth_date: NaiveDate = req date "Ngày sinh",
        gender: Gender = req code(Gender) "Giới tính",
        ethnicity: String = req text "Dân tộc",
        commune: String = req reference(communes) "Xã, phường",
        bloc: Bloc = req code(Bloc) "Khối",
        position: String = req reference(positions) "Vị trí việc làm",
        #[serde(skip_serializing_if = "Option::is_none")]
        title: Option<String> = opt text "Chức danh",
        education: Education = req code(Education) "Trình độ chuyên môn",
        #[serde(skip_serializing_if = "Option::is_none")]
        major: Option<Major> = opt code(Major) "Chuyên ngành",
        political_theory: PoliticalTheory = req code(PoliticalTheory) "Lý luận chính trị",
        it_skill: ItSkill = req code(ItSkill) "Tin học",
        #[serde(skip_serializing_if = "Option::is_none")]
        party_joined_on: Option<NaiveDate> = opt date "Ngày vào Đảng",
        #[serde(skip_serializing_if = "ser::is_false")]
        digital_profile: bool = dflt boolean "Hồ sơ điện tử đầy đủ",
        #[serde(skip_serializing_if = "Vec::is_empty")]
        history: Vec<HistoryItem> = dflt rows(HistoryItem),
        #[serde(skip_serializing_if = "Vec::is_empty")]
        rewards: Vec<Reward> = dflt rows(Reward),
        #[serde(skip_serializing_if = "Vec::is_empty")]
        disciplines: Vec<Discipline> = dflt rows(Discipline),
    }
);

entity!(
    #[derive(Debug, Clone, Serialize)]
    Evaluator {
        name: String = req text "Người đánh giá",
        #[serde(skip_serializing_if = "String::is_empty")]
        title: String = dflt text "Chức vụ người đánh giá",
    }
);

entity!(
    #[derive(Debug, Clone, Serialize)]
    Evaluation [src] {
        official: String = req reference(officials) "Mã cán bộ",
        period: Period = req period "Kỳ đánh giá",
        /// k1..k11, each 0..=100.
        #[serde(serialize_with = "ser::scores")]
        scores: [u32; 11] = req custom(scores, SCORES),
        #[serde(skip_serializing_if = "Option::is_none")]
        self_assessment: Option<String> = opt free "Tự nhận xét",
        #[serde(skip_serializing_if = "Option::is_none")]
        strengths: Option<String> = opt free "Ưu điểm",
        #[serde(skip_serializing_if = "Option::is_none")]
        weaknesses: Option<String> = opt free "Hạn chế",
        #[serde(skip_serializing_if = "Option::is_none", serialize_with = "ser::flow")]
        evaluator: Option<Evaluator> = opt nested(Evaluator),
    }
);

/// `scores`: k1..k11, each a whole number 0..100, all required.
pub const SCORES: &[Field] = &[
    score("k1", "K1"),
    score("k2", "K2"),
    score("k3", "K3"),
    score("k4", "K4"),
    score("k5", "K5"),
    score("k6", "K6"),
    score("k7", "K7"),
    score("k8", "K8"),
    score("k9", "K9"),
    score("k10", "K10"),
    score("k11", "K11"),
];

const fn score(name: &'static str, column: &'static str) -> Field {
    Field {
        name,
        column,
        required: true,
        kind: Kind::Int { min: 0, max: 100 },
    }
}

fn scores(d: &mut Decoder, n: &Node, p: &str) -> Option<[u32; 11]> {
    let mut o = Obj::open(d, n, p)?;
    let mut out = [0u32; 11];
    for (slot, field) in out.iter_mut().zip(SCORES) {
        if let Some(v) = o.req(d, field.name, |d, n, f| d.int(n, f, 0, 100)) {
            *slot = v as u32;
        }
    }
    o.finish(d).then_some(out)
}

entity!(
    #[derive(Debug, Clone, Default, Serialize)]
    Grants {
        #[serde(skip_serializing_if = "Option::is_none")]
        education: Option<Education> = opt code(Education) "Cấp trình độ chuyên môn",
        #[serde(skip_serializing_if = "Option::is_none")]
        political_theory: Option<PoliticalTheory> = opt code(PoliticalTheory) "Cấp lý luận chính trị",
        #[serde(skip_serializing_if = "Option::is_none")]
        it_skill: Option<ItSkill> = opt code(ItSkill) "Cấp tin học",
    }
);

entity!(
    #[derive(Debug, Clone, Serialize)]
    Course [src] {
        id: String = req text "Mã",
        name: String = req text "Tên khoá học",
        kind: CourseKind = req code(CourseKind) "Loại",
        #[serde(skip_serializing_if = "ser::no_grants", serialize_with = "ser::flow")]
        grants: Grants = dflt nested(Grants),
        start: NaiveDate = req date "Từ ngày",
        end: NaiveDate = req date "Đến ngày",
        #[serde(skip_serializing_if = "String::is_empty")]
        organizer: String = dflt text "Đơn vị tổ chức",
    } check course_dates
);

fn course_dates(d: &mut Decoder, _: &Node, _: &str, c: Course) -> Option<Course> {
    if c.end < c.start {
        let msg = format!("ngày kết thúc {} trước ngày bắt đầu {}", c.end, c.start);
        d.blame(&c.src, "end", "end", msg);
        return None;
    }
    Some(c)
}

entity!(
    #[derive(Debug, Clone, Serialize)]
    Training [src] {
        official: String = req reference(officials) "Mã cán bộ",
        course: String = req reference(courses) "Khoá học",
        status: TrainingStatus = req code(TrainingStatus) "Trạng thái",
        #[serde(skip_serializing_if = "Option::is_none")]
        completed_on: Option<NaiveDate> = opt date "Ngày hoàn thành",
    } check training_completion
);

fn training_completion(d: &mut Decoder, _: &Node, _: &str, t: Training) -> Option<Training> {
    if t.status == TrainingStatus::Completed && t.completed_on.is_none() {
        let msg = "bắt buộc khi status là completed (ngày hoàn thành)";
        d.blame(&t.src, "completed_on", "status", msg);
        return None;
    }
    Some(t)
}

entity!(
    #[derive(Debug, Clone, Serialize)]
    Task [src] {
        id: String = req text "Mã",
        title: String = req text "Nội dung nhiệm vụ",
        commune: String = req reference(communes) "Xã, phường",
        #[serde(skip_serializing_if = "Option::is_none")]
        owner: Option<String> = opt reference(officials) "Người phụ trách",
        due: NaiveDate = req date "Hạn",
        #[serde(skip_serializing_if = "Option::is_none")]
        done_on: Option<NaiveDate> = opt date "Ngày hoàn thành",
    }
);

entity!(
    #[derive(Debug, Clone, Serialize)]
    Initiative [src] {
        id: String = req text "Mã",
        commune: String = req reference(communes) "Xã, phường",
        title: String = req text "Tên sáng kiến",
        year: i32 = req int(1900, 2100) "Năm",
        #[serde(skip_serializing_if = "ser::is_false")]
        replicated: bool = dflt boolean "Nhân rộng toàn tỉnh",
    }
);

entity!(
    #[derive(Debug, Clone, Serialize)]
    Survey [src] {
        commune: String = req reference(communes) "Xã, phường",
        period: Period = req period "Kỳ",
        channel: SurveyChannel = req code(SurveyChannel) "Kênh",
        respondents: u32 = req int(0, 100_000_000) "Số người được hỏi",
        satisfied: u32 = req int(0, 100_000_000) "Số hài lòng",
    } check survey_counts
);

fn survey_counts(d: &mut Decoder, _: &Node, _: &str, s: Survey) -> Option<Survey> {
    if s.satisfied > s.respondents {
        let msg = format!(
            "số hài lòng ({}) lớn hơn số người được hỏi ({})",
            s.satisfied, s.respondents
        );
        d.blame(&s.src, "satisfied", "satisfied", msg);
        return None;
    }
    Some(s)
}

// ---- config (YAML only) ----

entity!(
    #[derive(Debug, Clone, Serialize)]
    Signer {
        authority: String = dflt line,
        role: String = req text,
        name: String = req text,
    }
);

entity!(
    #[derive(Debug, Clone, Serialize)]
    Body {
        parent: String = req text,
        name: String = req text,
        code: String = req text,
        #[serde(serialize_with = "ser::flow")]
        signer: Signer = req nested(Signer),
    }
);

entity!(
    #[derive(Debug, Clone, Serialize)]
    Resolution {
        number: String = req text,
        issued_on: NaiveDate = req date,
        title: String = req text,
    }
);

fn kpi(d: &mut Decoder, n: &Node, path: &str) -> Option<Kpi> {
    let mut o = Obj::open(d, n, path)?;
    let mut kpi = Kpi::default();
    let pct = |d: &mut Decoder, n: &Node, f: &str| d.int(n, f, 0, 100).map(|i| i as u32);
    if let Some(w) = o.opt(d, "weights", |d, n, p| {
        let mut o = Obj::open(d, n, p)?;
        let r = o.req(d, "results", pct);
        let s = o.req(d, "service", pct);
        let c = o.req(d, "coordination", pct);
        let di = o.req(d, "discipline", pct);
        o.finish(d).then_some(())?;
        let w = [r?, s?, c?, di?];
        if w.iter().sum::<u32>() != 100 {
            // The weights as a whole: at their key's line.
            d.err(
                n.pos,
                p,
                format!(
                    "tổng các trọng số phải bằng 100, nhưng là {}",
                    w.iter().sum::<u32>()
                ),
            );
            return None;
        }
        Some(w)
    }) {
        kpi.weights = w;
    }
    if let Some(t) = o.opt(d, "thresholds", |d, n, p| {
        let mut o = Obj::open(d, n, p)?;
        let e = o.req(d, "excellent", pct);
        let g = o.req(d, "good", pct);
        let pa = o.req(d, "pass", pct);
        o.finish(d).then_some(())?;
        let (e, g, pa) = (e?, g?, pa?);
        if !(e > g && g > pa) {
            // The first threshold out of order.
            let field = if e > g { "pass" } else { "good" };
            d.err(
                value_pos(n, field),
                &format!("{p}.{field}"),
                format!("ngưỡng phải giảm dần excellent > good > pass, nhưng là {e}, {g}, {pa}"),
            );
            return None;
        }
        Some(Thresholds {
            excellent: e,
            good: g,
            pass: pa,
        })
    }) {
        kpi.thresholds = t;
    }
    if let Some(q) = o.opt(d, "excellent_quota", pct) {
        kpi.excellent_quota = q;
    }
    o.finish(d).then_some(kpi)
}

fn warnings(d: &mut Decoder, n: &Node, path: &str) -> Option<WarningRules> {
    let mut o = Obj::open(d, n, path)?;
    let mut w = WarningRules::default();
    if let Some(v) = o.opt(d, "discipline_months", |d, n, f| d.int(n, f, 1, 240)) {
        w.discipline_months = v as u32;
    }
    if let Some(v) = o.opt(d, "discipline_score", |d, n, f| d.int(n, f, 0, 100)) {
        w.discipline_score = v as u32;
    }
    if let Some(v) = o.opt(d, "late_tasks", |d, n, f| d.int(n, f, 1, 1000)) {
        w.late_tasks = v as u32;
    }
    if let Some(v) = o.opt(d, "provincial_names_max", |d, n, f| d.int(n, f, 1, 100_000)) {
        w.provincial_names_max = v as u32;
    }
    o.finish(d).then_some(w)
}

fn text_map(d: &mut Decoder, n: &Node, path: &str) -> Option<BTreeMap<String, String>> {
    let Value::Map(fields) = &n.value else {
        d.expected(n, path, "một bảng khoá: giá trị");
        return None;
    };
    let mut out = BTreeMap::new();
    let mut ok = true;
    for (k, v) in fields {
        match v.value {
            Value::Null => {}
            _ => match d.free_text(v, &format!("{path}.{}", k.name)) {
                Some(t) => {
                    out.insert(k.name.clone(), t);
                }
                None => ok = false,
            },
        }
    }
    ok.then_some(out)
}

fn list_map(d: &mut Decoder, n: &Node, path: &str) -> Option<BTreeMap<String, Vec<String>>> {
    let Value::Map(fields) = &n.value else {
        d.expected(n, path, "một bảng khoá: danh sách");
        return None;
    };
    let mut out = BTreeMap::new();
    let mut ok = true;
    for (k, v) in fields {
        match string_list(d, v, &format!("{path}.{}", k.name)) {
            Some(l) => {
                out.insert(k.name.clone(), l);
            }
            None => ok = false,
        }
    }
    ok.then_some(out)
}

fn json_map(d: &mut Decoder, n: &Node, path: &str) -> Option<BTreeMap<String, serde_json::Value>> {
    fn to_json(n: &Node) -> serde_json::Value {
        use serde_json::Value as J;
        match &n.value {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Int(i) => J::from(*i),
            Value::Float(f) => J::from(*f),
            Value::Str(s) => J::String(s.clone()),
            Value::Seq(items) => J::Array(items.iter().map(to_json).collect()),
            Value::Map(m) => J::Object(
                m.iter()
                    .map(|(k, v)| (k.name.clone(), to_json(v)))
                    .collect(),
            ),
        }
    }
    match to_json(n) {
        serde_json::Value::Object(m) => Some(m.into_iter().collect()),
        _ => {
            d.expected(n, path, "một bảng khoá: giá trị");
            None
        }
    }
}

/// The place of the value of `name` in the map `n` (the map's own if absent).
fn value_pos(n: &Node, name: &str) -> super::node::Pos {
    match &n.value {
        Value::Map(fields) => fields
            .iter()
            .find(|(k, _)| k.name == name)
            .map_or(n.pos, |(_, v)| v.pos),
        _ => n.pos,
    }
}

pub fn config(d: &mut Decoder, n: &Node, path: &str) -> Option<Config> {
    let mut o = Obj::open(d, n, path)?;
    let province = o.req(d, "province", text);
    let as_of = o.req(d, "as_of", date);
    let period = o.req(d, "period", period);
    let place = o.req(d, "place", text);
    let issued_on = o.req(d, "issued_on", date);
    let resolution = o.req(d, "resolution", Resolution::decode);
    let kpi = o.opt(d, "kpi", kpi).unwrap_or_default();
    let warnings = o.opt(d, "warnings", warnings).unwrap_or_default();
    let bodies = o.req(d, "bodies", |d, n, p| {
        let mut o = Obj::open(d, n, p)?;
        let pc = o.req(d, "provincial_committee", Body::decode);
        let ob = o.req(d, "organization_board", Body::decode);
        o.finish(d).then_some(())?;
        Some((pc?, ob?))
    });
    let numbering = o.opt(d, "numbering", text_map).unwrap_or_default();
    let recipients = o.opt(d, "recipients", list_map).unwrap_or_default();
    let narrative = o.opt(d, "narrative", text_map).unwrap_or_default();
    let layout = o.opt(d, "layout", json_map).unwrap_or_default();
    let government_layout = o
        .opt(d, "government_layout", code::<GovernmentLayout>)
        .unwrap_or(GovernmentLayout::Party);
    let src = o.src(d);
    o.finish(d).then_some(())?;
    let (provincial_committee, organization_board) = bodies?;
    Some(Config {
        province: province?,
        as_of: as_of?,
        period: period?,
        place: place?,
        issued_on: issued_on?,
        resolution: resolution?,
        kpi,
        warnings,
        provincial_committee,
        organization_board,
        numbering,
        recipients,
        narrative,
        layout,
        government_layout,
        src,
    })
}
