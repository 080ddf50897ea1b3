//! Every entity of data-model.md, declared once with [`entity!`]: the YAML
//! decoder, the workbook reader and the template read these declarations.
//! The config (YAML only) is read by hand at the end.

use std::collections::BTreeMap;

use super::data::*;
use super::decode::{Decoder, Obj, code, date, period, string_list, text};
use super::node::{Node, Value};
use super::schema::{
    Field, Kind, Schema, dec, entity, field_value, kind, post_check, read_field, required,
};

entity!(Commune [src] {
    id: req slug = "Mã",
    name: req text = "Tên",
    kind: req code(CommuneKind) = "Loại",
    region: req code(Region) = "Vùng",
    cluster: opt text = "Cụm",
    secretary: opt text = "Bí thư",
    chairman: opt text = "Chủ tịch UBND",
});

entity!(Requirements {
    education: opt code(Education) = "Trình độ chuyên môn tối thiểu",
    majors: dflt list(code(Major)) = "Chuyên ngành chấp nhận",
    political_theory: opt code(PoliticalTheory) = "Lý luận chính trị tối thiểu",
    it_skill: opt code(ItSkill) = "Tin học tối thiểu",
});

entity!(Position [src] {
    id: req slug = "Mã",
    name: req text = "Tên vị trí",
    bloc: req code(Bloc) = "Khối",
    leader: dflt boolean = "Lãnh đạo",
    requires: dflt nested(Requirements),
    region_priorities: dflt custom(region_priorities, REGION_PRIORITIES),
});

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

entity!(HistoryItem {
    from: req date = "Từ ngày",
    to: opt date = "Đến ngày",
    unit: req text = "Đơn vị",
    role: req text = "Chức vụ",
});

entity!(Reward {
    on: req date = "Ngày",
    decision: dflt text = "Số quyết định",
    content: req text = "Nội dung",
});

entity!(Discipline {
    on: req date = "Ngày",
    decision: dflt text = "Số quyết định",
    form: req text = "Hình thức",
    content: dflt free = "Nội dung",
});

entity!(Official [src] {
    id: req text = "Mã",
    name: req text = "Họ và tên",
    birth_date: req date = "Ngày sinh",
    gender: req code(Gender) = "Giới tính",
    ethnicity: req text = "Dân tộc",
    commune: req reference(communes) = "Xã, phường",
    bloc: req code(Bloc) = "Khối",
    position: req reference(positions) = "Vị trí việc làm",
    title: opt text = "Chức danh",
    education: req code(Education) = "Trình độ chuyên môn",
    major: opt code(Major) = "Chuyên ngành",
    political_theory: req code(PoliticalTheory) = "Lý luận chính trị",
    it_skill: req code(ItSkill) = "Tin học",
    party_joined_on: opt date = "Ngày vào Đảng",
    digital_profile: dflt boolean = "Hồ sơ điện tử đầy đủ",
    history: dflt rows(HistoryItem),
    rewards: dflt rows(Reward),
    disciplines: dflt rows(Discipline),
});

entity!(Evaluator {
    name: req text = "Người đánh giá",
    title: dflt text = "Chức vụ người đánh giá",
});

entity!(Evaluation [src] {
    official: req reference(officials) = "Mã cán bộ",
    period: req period = "Kỳ đánh giá",
    scores: req custom(scores, SCORES),
    self_assessment: opt free = "Tự nhận xét",
    strengths: opt free = "Ưu điểm",
    weaknesses: opt free = "Hạn chế",
    evaluator: opt nested(Evaluator),
});

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

entity!(Grants {
    education: opt code(Education) = "Cấp trình độ chuyên môn",
    political_theory: opt code(PoliticalTheory) = "Cấp lý luận chính trị",
    it_skill: opt code(ItSkill) = "Cấp tin học",
});

entity!(Course [src] {
    id: req text = "Mã",
    name: req text = "Tên khoá học",
    kind: req code(CourseKind) = "Loại",
    grants: dflt nested(Grants),
    start: req date = "Từ ngày",
    end: req date = "Đến ngày",
    organizer: dflt text = "Đơn vị tổ chức",
} check course_dates);

fn course_dates(d: &mut Decoder, n: &Node, path: &str, c: Course) -> Option<Course> {
    if c.end < c.start {
        d.err(
            n.pos,
            &format!("{path}.end"),
            format!("ngày kết thúc {} trước ngày bắt đầu {}", c.end, c.start),
        );
        return None;
    }
    Some(c)
}

entity!(Training [src] {
    official: req reference(officials) = "Mã cán bộ",
    course: req reference(courses) = "Khoá học",
    status: req code(TrainingStatus) = "Trạng thái",
    completed_on: opt date = "Ngày hoàn thành",
} check training_completion);

fn training_completion(d: &mut Decoder, n: &Node, path: &str, t: Training) -> Option<Training> {
    if t.status == TrainingStatus::Completed && t.completed_on.is_none() {
        d.err(
            n.pos,
            &format!("{path}.completed_on"),
            "bắt buộc khi status là completed (ngày hoàn thành)",
        );
        return None;
    }
    Some(t)
}

entity!(Task [src] {
    id: req text = "Mã",
    title: req text = "Nội dung nhiệm vụ",
    commune: req reference(communes) = "Xã, phường",
    owner: opt reference(officials) = "Người phụ trách",
    due: req date = "Hạn",
    done_on: opt date = "Ngày hoàn thành",
});

entity!(Initiative [src] {
    id: req text = "Mã",
    commune: req reference(communes) = "Xã, phường",
    title: req text = "Tên sáng kiến",
    year: req int(1900, 2100) = "Năm",
    replicated: dflt boolean = "Nhân rộng toàn tỉnh",
});

entity!(Survey [src] {
    commune: req reference(communes) = "Xã, phường",
    period: req period = "Kỳ",
    channel: req code(SurveyChannel) = "Kênh",
    respondents: req int(0, 100_000_000) = "Số người được hỏi",
    satisfied: req int(0, 100_000_000) = "Số hài lòng",
} check survey_counts);

fn survey_counts(d: &mut Decoder, n: &Node, path: &str, s: Survey) -> Option<Survey> {
    if s.satisfied > s.respondents {
        d.err(
            n.pos,
            &format!("{path}.satisfied"),
            format!(
                "số hài lòng ({}) lớn hơn số người được hỏi ({})",
                s.satisfied, s.respondents
            ),
        );
        return None;
    }
    Some(s)
}

// ---- config (YAML only) ----

entity!(Signer {
    authority: dflt line,
    role: req text,
    name: req text,
});

entity!(Body {
    parent: req text,
    name: req text,
    code: req text,
    signer: req nested(Signer),
});

entity!(Resolution {
    number: req text,
    issued_on: req date,
    title: req text,
});

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
            d.err(
                n.pos,
                p,
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
