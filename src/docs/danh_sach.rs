//! §2 Danh sách tổng hợp kết quả xếp loại: one per commune per period.

use serde::Serialize;

use super::common::{DocVm, commune_committee, commune_words};
use super::registry::RATINGS;
use super::{DocKind, Job, KindSpec, Selection, Treatment, plan_communes};
use crate::input::Commune;
use crate::model::{self, Model, Rating};
use crate::vn::{compare_names, decimal1_ratio, percent, thousands, upper_first};

#[derive(Serialize)]
pub struct RowVm {
    pub stt: String,
    pub name: String,
    pub title: String,
    pub groups: Vec<String>,
    pub total: String,
    pub rating: &'static str,
    pub note: String,
}

#[derive(Serialize)]
pub struct SummaryVm {
    pub label: &'static str,
    pub count: String,
    pub share: String,
}

#[derive(Serialize)]
pub struct DanhSachVm {
    pub doc: DocVm,
    pub title: &'static str,
    pub unit: String,
    pub period_words: String,
    pub weights: Vec<String>,
    pub rows: Vec<RowVm>,
    pub summary: Vec<SummaryVm>,
    pub total_count: String,
    pub quota_warning: Option<String>,
}

/// Results in list order: given name, middle, family (Vietnamese collation), then id.
pub fn sorted_results<'m, 'a>(
    results: impl IntoIterator<Item = &'m model::Rated<'a>>,
) -> Vec<&'m model::Rated<'a>>
where
    'a: 'm,
{
    let mut v: Vec<_> = results.into_iter().collect();
    v.sort_by(|a, b| {
        compare_names(&a.official.name, &b.official.name)
            .then_with(|| a.official.id.cmp(&b.official.id))
    });
    v
}

/// The warning line when "xuất sắc" exceeds the quota share of "tốt".
pub fn quota_warning(counts: &[u64; 4], quota_pct: u32) -> Option<String> {
    let (excellent, good) = (
        counts[Rating::Excellent as usize],
        counts[Rating::Good as usize],
    );
    if excellent * 100 <= quota_pct as u64 * good {
        return None;
    }
    Some(format!(
        "Số cán bộ xếp loại \"{}\" ({} người) vượt quá {}% số cán bộ xếp loại \"{}\" ({} người); theo tỷ lệ quy định tối đa {} người.",
        Rating::Excellent.label(),
        thousands(excellent as i64),
        quota_pct,
        Rating::Good.label(),
        thousands(good as i64),
        thousands((quota_pct as u64 * good / 100) as i64),
    ))
}

pub fn build(model: &Model, c: &Commune) -> DanhSachVm {
    let cfg = &model.ds.config;
    let mut doc = commune_committee(
        model,
        c,
        "DS",
        "evaluation_list",
        format!(
            "Danh sách tổng hợp kết quả đánh giá, xếp loại cán bộ - {}",
            commune_words(c)
        ),
    );
    doc.show_number = false;
    let results = sorted_results(model.results_of(&c.id));
    let rows = results
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let (n, d) = r.score.total();
            RowVm {
                stt: (i + 1).to_string(),
                name: r.official.name.clone(),
                title: r
                    .official
                    .title
                    .clone()
                    .unwrap_or_else(|| model.position(&r.official.position).name.clone()),
                groups: (0..4)
                    .map(|g| {
                        let (n, d) = r.score.group_mean(g);
                        decimal1_ratio(n, d)
                    })
                    .collect(),
                total: decimal1_ratio(n, d),
                rating: r.rating.label(),
                note: if r.capped_by.is_some() {
                    "Bị kỷ luật trong kỳ".into()
                } else {
                    String::new()
                },
            }
        })
        .collect();
    let counts = Model::rating_counts(results.iter().copied());
    let total: u64 = counts.iter().sum();
    let unit = upper_first(&commune_words(c));
    DanhSachVm {
        doc,
        title: "DANH SÁCH TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CÁN BỘ",
        unit,
        period_words: cfg.period.words(),
        weights: cfg.kpi.weights.iter().map(|w| format!("{w}%")).collect(),
        rows,
        summary: Rating::ALL
            .iter()
            .map(|&r| SummaryVm {
                label: r.label(),
                count: thousands(counts[r as usize] as i64),
                share: percent(counts[r as usize], total),
            })
            .collect(),
        total_count: thousands(total as i64),
        quota_warning: quota_warning(&counts, cfg.kpi.excellent_quota),
    }
}

// ------------------------------------------------------------- plug-in --

/// The ratings lists: one per selected commune,
/// `<period>/xa/<commune>/danh-sach-xep-loai.pdf`, in the dossier, feeding
/// the ratings' exports.
pub static RATINGS_LIST: KindSpec = KindSpec {
    code: "danh-sach-xep-loai",
    treatment: Treatment::PLAIN.in_dossier().feeding(RATINGS),
    plan,
};

fn plan(kind: &'static dyn DocKind, model: &Model, sel: &Selection, jobs: &mut Vec<Job>) {
    plan_communes(model, sel, kind, jobs, |c| build(model, c));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quota_is_exact() {
        // 3 of 15 is exactly 20%: no warning; 4 of 15 is over.
        assert!(quota_warning(&[3, 15, 0, 0], 20).is_none());
        let w = quota_warning(&[4, 15, 0, 0], 20).unwrap();
        assert!(
            w.contains("(4 người)") && w.contains("tối đa 3 người"),
            "{w}"
        );
        assert!(quota_warning(&[0, 0, 5, 0], 20).is_none());
        assert!(quota_warning(&[1, 0, 5, 0], 20).is_some());
    }
}
