//! §1 Phiếu đánh giá, xếp loại: one per official per period.

use serde::Serialize;

use super::common::{DocVm, IdentityVm, commune_words, identity, official_form, state_committee};
use super::registry::RATINGS;
use super::{DocKind, Job, KindSpec, Selection, Treatment, plan_per_official};
use crate::input::{Bloc, Commune, Evaluation, GovernmentLayout, Official};
use crate::model::{self, Model, Rating};
use crate::vn::{date_body, decimal1_ratio};

/// The groups and indicators of Phụ lục 1.
pub const GROUP_NAMES: [&str; 4] = [
    "Kết quả thực hiện nhiệm vụ",
    "Mức độ phục vụ người dân, doanh nghiệp",
    "Năng lực phối hợp và huy động nguồn lực",
    "Kỷ luật, kỷ cương và đạo đức công vụ",
];

pub const INDICATORS: [&str; 11] = [
    "Tỷ lệ hoàn thành các chỉ tiêu của địa phương",
    "Tiến độ giải quyết nhiệm vụ được cấp trên giao",
    "Tỷ lệ giải quyết hồ sơ hành chính đúng hạn",
    "Hiệu quả triển khai các chương trình mục tiêu quốc gia, các chương trình trọng tâm",
    "Mức độ hài lòng của người dân và doanh nghiệp",
    "Thời gian xử lý thủ tục hành chính thực tế",
    "Số vụ việc tồn đọng, kéo dài được giải quyết dứt điểm; tỷ lệ giải quyết đơn thư",
    "Hiệu quả phối hợp giữa các cơ quan trong xử lý công việc",
    "Khả năng huy động nguồn lực xã hội cho phát triển địa phương",
    "Chấp hành nghiêm túc kỷ luật, kỷ cương hành chính",
    "Không để xảy ra sai phạm, tiêu cực trong quản lý, điều hành",
];

#[derive(Serialize)]
pub struct OfficialVm {
    #[serde(flatten)]
    pub identity: IdentityVm,
    pub education: String,
    pub political_theory: &'static str,
    pub it_skill: &'static str,
}

#[derive(Serialize)]
pub struct IndicatorVm {
    pub code: String,
    pub name: &'static str,
    pub score: String,
}

#[derive(Serialize)]
pub struct GroupVm {
    pub no: String,
    pub name: &'static str,
    pub weight: String,
    pub score: String,
    pub indicators: Vec<IndicatorVm>,
}

#[derive(Serialize)]
pub struct LevelVm {
    pub label: &'static str,
    pub checked: bool,
}

#[derive(Serialize)]
pub struct EvaluatorVm {
    pub authority: String,
    pub role: String,
    pub name: String,
}

/// The sheet must fit one page. The template library's ruleset has layout
/// variants (`form-fit`, roomiest first); the sheet starts at the usual one
/// and the runner moves to tighter ones while it runs onto a second page.
/// Returns (first variant, number of variants to try).
pub fn fit_plan(cfg: &crate::input::Config) -> (usize, usize) {
    const USUAL: usize = 3;
    const DEFAULT_VARIANTS: usize = 5;
    let n = cfg
        .layout
        .get("form-fit")
        .or_else(|| cfg.layout.get("form_fit"))
        .and_then(|v| v.as_array())
        .map_or(DEFAULT_VARIANTS, |a| a.len().max(1));
    let start = USUAL.min(n - 1);
    (start, n - start)
}

#[derive(Serialize)]
pub struct PhieuVm {
    pub doc: DocVm,
    /// Index of the layout variant (see [`fit_plan`]).
    pub fit: usize,
    pub title: &'static str,
    pub period_words: String,
    pub official: OfficialVm,
    pub groups: Vec<GroupVm>,
    pub total: String,
    pub levels: Vec<LevelVm>,
    pub rating: &'static str,
    pub cap_reason: Option<String>,
    pub self_assessment: Option<String>,
    pub strengths: Option<String>,
    pub weaknesses: Option<String>,
    pub evaluator: EvaluatorVm,
}

/// A signer's role in capitals without the committee's name (HD 36: "BÍ THƯ",
/// not "BÍ THƯ ĐẢNG UỶ XÃ"): "Bí thư Đảng uỷ xã" → "BÍ THƯ".
pub fn role_without_committee(title: &str) -> String {
    let upper = title.trim().to_uppercase();
    for marker in [" ĐẢNG UỶ", " ĐẢNG ỦY"] {
        if let Some(i) = upper.find(marker) {
            return upper[..i].trim_end().to_string();
        }
    }
    upper
}

/// "Đại học (Luật)".
pub fn education_words(o: &Official) -> String {
    match o.major {
        Some(m) => format!("{} ({})", o.education.label(), m.label()),
        None => o.education.label().to_string(),
    }
}

/// Why a discipline capped the rating, or None.
pub fn cap_reason(r: &model::Rated) -> Option<String> {
    let d = r.capped_by?;
    let decision = if d.decision.is_empty() {
        String::new()
    } else {
        format!(" theo Quyết định số {}", d.decision)
    };
    let (n, den) = r.score.total();
    let mut s = format!(
        "Bị kỷ luật {}{decision} ngày {} trong kỳ đánh giá nên xếp loại tối đa ở mức \"{}\"",
        d.form.to_lowercase(),
        date_body(d.on),
        Rating::Pass.label()
    );
    if r.by_score != r.rating {
        s.push_str(&format!(
            " (tổng điểm {} tương ứng mức \"{}\")",
            decimal1_ratio(n, den),
            r.by_score.label()
        ));
    }
    s.push('.');
    Some(s)
}

/// The Party committee signs a sheet: its secretary, or the evaluator given.
fn party_evaluator(e: &Evaluation, commune: &Commune) -> EvaluatorVm {
    EvaluatorVm {
        authority: "T/M ĐẢNG UỶ".into(),
        role: e
            .evaluator
            .as_ref()
            .filter(|ev| !ev.title.is_empty())
            .map(|ev| role_without_committee(&ev.title))
            .unwrap_or_else(|| "BÍ THƯ".into()),
        name: e
            .evaluator
            .as_ref()
            .map(|ev| ev.name.clone())
            .or_else(|| commune.secretary.clone())
            .unwrap_or_default(),
    }
}

pub fn build(model: &Model, r: &model::Rated) -> PhieuVm {
    let cfg = &model.ds.config;
    let o = r.official;
    let commune = model.commune(&o.commune);
    let position = model.position(&o.position);
    let mut doc = official_form(
        model,
        commune,
        "evaluation_sheet",
        format!("Phiếu đánh giá, xếp loại chất lượng cán bộ - {}", o.name),
    );
    let state = o.bloc == Bloc::Government && cfg.government_layout == GovernmentLayout::State;
    if state {
        // The Committee's paper, with its "Số:" line (number left blank).
        state_committee(&mut doc, model, commune);
        doc.show_number = true;
    }
    let unit = match o.bloc {
        Bloc::Party => format!("Đảng uỷ {}", commune_words(commune)),
        Bloc::Government => format!("Ủy ban nhân dân {}", commune_words(commune)),
    };
    let groups = model::score::GROUPS
        .iter()
        .enumerate()
        .map(|(g, range)| {
            let (n, d) = r.score.group_mean(g);
            GroupVm {
                no: (g + 1).to_string(),
                name: GROUP_NAMES[g],
                weight: format!("{}%", cfg.kpi.weights[g]),
                score: decimal1_ratio(n, d),
                indicators: range
                    .clone()
                    .map(|i| IndicatorVm {
                        code: format!("K{}", i + 1),
                        name: INDICATORS[i],
                        score: r.evaluation.scores[i].to_string(),
                    })
                    .collect(),
            }
        })
        .collect();
    let (n, d) = r.score.total();
    let e = r.evaluation;
    let evaluator = if state {
        // NĐ 30: the Committee signs, by its chairman.
        EvaluatorVm {
            authority: doc.signer.authority.clone(),
            role: doc.signer.role.clone(),
            name: doc.signer.name.clone(),
        }
    } else {
        party_evaluator(e, commune)
    };
    PhieuVm {
        doc,
        fit: fit_plan(cfg).0,
        title: "PHIẾU ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG CÁN BỘ",
        period_words: cfg.period.words(),
        official: OfficialVm {
            identity: identity(o, position, unit),
            education: education_words(o),
            political_theory: o.political_theory.label(),
            it_skill: o.it_skill.label(),
        },
        groups,
        total: decimal1_ratio(n, d),
        levels: Rating::ALL
            .iter()
            .map(|&l| LevelVm {
                label: l.label(),
                checked: l == r.rating,
            })
            .collect(),
        rating: r.rating.label(),
        cap_reason: cap_reason(r),
        self_assessment: e.self_assessment.clone(),
        strengths: e.strengths.clone(),
        weaknesses: e.weaknesses.clone(),
        evaluator,
    }
}

// ------------------------------------------------------------- plug-in --

/// The evaluation sheets: one per evaluated official of each selected
/// commune, `<period>/xa/<commune>/phieu-danh-gia/<official>.pdf`: forms,
/// in the dossier, feeding the ratings' exports.
pub static EVALUATION_SHEET: KindSpec = KindSpec {
    code: "phieu-danh-gia",
    treatment: Treatment::FORM.in_dossier().feeding(RATINGS),
    plan,
};

fn plan(kind: &'static dyn DocKind, model: &Model, sel: &Selection, jobs: &mut Vec<Job>) {
    let fit_variants = fit_plan(&model.ds.config).1;
    let results = |c: &str| model.results_of(c).collect();
    plan_per_official(model, sel, kind, jobs, fit_variants, results, |r| {
        build(model, r)
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_drop_the_committee_name() {
        assert_eq!(role_without_committee("Bí thư Đảng uỷ xã"), "BÍ THƯ");
        assert_eq!(
            role_without_committee("Phó Bí thư Đảng ủy phường"),
            "PHÓ BÍ THƯ"
        );
        assert_eq!(
            role_without_committee("Chủ tịch UBND xã"),
            "CHỦ TỊCH UBND XÃ"
        );
    }
}
