//! §7 Hồ sơ cán bộ (the printed electronic record, Phụ lục 3 (1) of the
//! resolution): one per official, `<period>/xa/<commune>/ho-so-can-bo/<id>.pdf`,
//! issued by the commune Party committee. Personal details; levels at
//! `as_of` beside the position's requirements ([`crate::model::gaps`]); work
//! history, rewards, disciplines; trainings; the evaluations of every period
//! in the inputs, newest first ([`Model::history`]); the early warnings that
//! concern the official at `as_of` ([`crate::model::warnings`]).
//! `ho-so-can-bo.typ.j2` words it.

use serde::Serialize;

use super::canh_bao::{ReasonVm, reason_vm};
use super::common::{DocVm, IdentityVm, identity, official_form, unit_words};
use super::phieu::cap_reason;
use super::{DocKind, Job, KindSpec, Selection, Treatment, plan_per_official};
use crate::input::{Official, Position};
use crate::model::gaps::{self, Gap};
use crate::model::warnings::{self, LateTask};
use crate::model::{Model, Rated};
use crate::vn::{date_body, decimal1_ratio, thousands};

#[derive(Debug, Serialize)]
pub struct HoSoVm {
    pub doc: DocVm,
    /// config.as_of, d/m/yyyy.
    pub as_of: String,
    pub person: PersonVm,
    pub levels: Vec<LevelVm>,
    pub history: Vec<HistoryVm>,
    pub rewards: Vec<DecisionVm>,
    pub disciplines: Vec<DecisionVm>,
    pub trainings: Vec<TrainingVm>,
    /// Every period in the inputs, newest first.
    pub evaluations: Vec<EvaluationVm>,
    pub warnings: WarningsVm,
}

#[derive(Debug, Serialize)]
pub struct PersonVm {
    #[serde(flatten)]
    pub identity: IdentityVm,
    pub bloc: &'static str,
    pub digital_profile: bool,
}

/// One line of section II: a level at `as_of` beside the requirement.
#[derive(Debug, Serialize)]
pub struct LevelVm {
    /// "education", "political_theory", "it_skill".
    pub what: &'static str,
    /// The level at as_of ("Đại học (Luật)").
    pub have: String,
    /// The requirement in words; none when the position sets none.
    pub need: Option<String>,
    /// What is missing (Gap::describe); empty when the requirement is met.
    pub missing: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct HistoryVm {
    pub from: String,
    /// None: to this day.
    pub to: Option<String>,
    pub unit: String,
    pub role: String,
}

/// A reward or a discipline: the date, the decision's number, the form
/// (disciplines only) and the content.
#[derive(Debug, Serialize)]
pub struct DecisionVm {
    pub on: String,
    pub decision: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub form: Option<String>,
    pub content: String,
}

#[derive(Debug, Serialize)]
pub struct TrainingVm {
    pub course: String,
    pub kind: &'static str,
    pub start: String,
    pub end: String,
    pub status: &'static str,
    pub completed_on: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct EvaluationVm {
    /// "6 tháng đầu năm 2026".
    pub period: String,
    /// One decimal.
    pub total: String,
    pub rating: &'static str,
    /// Why a discipline capped the rating (phieu::cap_reason), or none.
    pub cap_reason: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct WarningsVm {
    /// Requirement gaps of the position (the first warning list).
    pub below: Vec<String>,
    /// Late tasks the official owns (the second list).
    pub late: Vec<LateVm>,
    /// Discipline-risk rules that fired (the third list).
    pub risks: Vec<ReasonVm>,
}

#[derive(Debug, Serialize)]
pub struct LateVm {
    pub id: String,
    pub title: String,
    pub due: String,
    pub days: String,
    pub done: bool,
}

/// Requirement of one scale in words: "Đại học", plus accepted majors.
fn need_education(p: &Position) -> Option<String> {
    let r = &p.requires;
    let majors = (!r.majors.is_empty()).then(|| {
        r.majors
            .iter()
            .map(|m| m.label())
            .collect::<Vec<_>>()
            .join(", ")
    });
    match (r.education, majors) {
        (None, None) => None,
        (Some(e), None) => Some(e.label().to_string()),
        (None, Some(m)) => Some(format!("chuyên ngành {m}")),
        (Some(e), Some(m)) => Some(format!("{} (chuyên ngành {m})", e.label())),
    }
}

fn level_rows(model: &Model, o: &Official, p: &Position) -> Vec<LevelVm> {
    let as_of = model.ds.config.as_of;
    let l = gaps::levels(model.ds, o, as_of);
    let found = gaps::gaps(model.ds, o, p, as_of);
    let missing = |f: fn(&Gap) -> bool| -> Vec<String> {
        found.iter().filter(|g| f(g)).map(Gap::describe).collect()
    };
    let have_education = match o.major {
        Some(m) => format!("{} ({})", l.education.label(), m.label()),
        None => l.education.label().to_string(),
    };
    vec![
        LevelVm {
            what: "education",
            have: have_education,
            need: need_education(p),
            missing: missing(|g| matches!(g, Gap::Education { .. } | Gap::Major { .. })),
        },
        LevelVm {
            what: "political_theory",
            have: l.political_theory.label().to_string(),
            need: p.requires.political_theory.map(|x| x.label().to_string()),
            missing: missing(|g| matches!(g, Gap::PoliticalTheory { .. })),
        },
        LevelVm {
            what: "it_skill",
            have: l.it_skill.label().to_string(),
            need: p.requires.it_skill.map(|x| x.label().to_string()),
            missing: missing(|g| matches!(g, Gap::ItSkill { .. })),
        },
    ]
}

fn evaluation_vm(r: &Rated) -> EvaluationVm {
    let (n, d) = r.score.total();
    EvaluationVm {
        period: r.evaluation.period.words(),
        total: decimal1_ratio(n, d),
        rating: r.rating.label(),
        cap_reason: cap_reason(r),
    }
}

pub fn build(model: &Model, late: &[LateTask], o: &Official) -> HoSoVm {
    let ds = model.ds;
    let cfg = &ds.config;
    let commune = model.commune(&o.commune);
    let position = model.position(&o.position);
    let doc = official_form(
        model,
        commune,
        "official_record",
        format!("Phiếu thông tin cán bộ - {}", o.name),
    );

    let mut trainings: Vec<TrainingVm> = Vec::new();
    let mut attended: Vec<_> = ds
        .trainings_of(&o.id)
        .filter_map(|t| ds.course(&t.course).map(|c| (t, c)))
        .collect();
    attended.sort_by_key(|(_, c)| (c.start, c.end));
    for (t, c) in attended {
        trainings.push(TrainingVm {
            course: c.name.clone(),
            kind: c.kind.label(),
            start: date_body(c.start),
            end: date_body(c.end),
            status: t.status.label(),
            completed_on: t.completed_on.map(date_body),
        });
    }

    let below = gaps::gaps(ds, o, position, cfg.as_of)
        .iter()
        .filter(|g| g.is_requirement())
        .map(Gap::describe)
        .collect();
    let late_owned = late
        .iter()
        .filter(|l| l.task.owner.as_deref() == Some(o.id.as_str()))
        .map(|l| LateVm {
            id: l.task.id.clone(),
            title: l.task.title.clone(),
            due: date_body(l.task.due),
            days: thousands(l.days_late),
            done: l.done,
        })
        .collect();
    let risks = warnings::risks(ds, o, late, &cfg.warnings)
        .iter()
        .map(reason_vm)
        .collect();

    HoSoVm {
        doc,
        as_of: date_body(cfg.as_of),
        person: PersonVm {
            identity: identity(o, position, unit_words(o, commune)),
            bloc: o.bloc.label(),
            digital_profile: o.digital_profile,
        },
        levels: level_rows(model, o, position),
        history: o
            .history
            .iter()
            .map(|h| HistoryVm {
                from: date_body(h.from),
                to: h.to.map(date_body),
                unit: h.unit.clone(),
                role: h.role.clone(),
            })
            .collect(),
        rewards: o
            .rewards
            .iter()
            .map(|r| DecisionVm {
                on: date_body(r.on),
                decision: r.decision.clone(),
                form: None,
                content: r.content.clone(),
            })
            .collect(),
        disciplines: o
            .disciplines
            .iter()
            .map(|d| DecisionVm {
                on: date_body(d.on),
                decision: d.decision.clone(),
                form: Some(d.form.clone()),
                content: d.content.clone(),
            })
            .collect(),
        trainings,
        evaluations: model.history(o).iter().map(evaluation_vm).collect(),
        warnings: WarningsVm {
            below,
            late: late_owned,
            risks,
        },
    }
}

// ------------------------------------------------------------- plug-in --

/// The printed records: one per official of each selected commune; forms
/// (a record longer than a page is kept whole, its pages numbered), in the
/// dossier.
pub static OFFICIAL_RECORD: KindSpec = KindSpec {
    code: "ho-so-can-bo",
    treatment: Treatment::FORM.in_dossier(),
    plan,
};

fn plan(kind: &'static dyn DocKind, model: &Model, sel: &Selection, jobs: &mut Vec<Job>) {
    let late = warnings::late_tasks(model.ds);
    let officials = |c: &str| model.ds.officials_of(c).collect();
    plan_per_official(model, sel, kind, jobs, 1, officials, |o| {
        build(model, &late, o)
    });
}
