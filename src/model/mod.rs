//! The computed model: facts about officials, communes and the province
//! (scores, ratings, counts). No formatting here; that is the view-models' job.

pub mod gaps;
pub mod score;
pub mod stats;
pub mod training;
pub mod warnings;

use std::collections::HashMap;

use crate::input::{Commune, Config, Dataset, Discipline, Evaluation, Official, Position};
pub use score::{Rating, Score};

/// One evaluation, scored and rated (those of the reported period: [`Model::results`]).
#[derive(Debug, Clone)]
pub struct Rated<'a> {
    pub official: &'a Official,
    pub evaluation: &'a Evaluation,
    pub score: Score,
    /// The rating the total alone gives.
    pub by_score: Rating,
    /// The final rating (after the discipline cap).
    pub rating: Rating,
    /// The discipline inside the period that capped the rating, if any.
    pub capped_by: Option<&'a Discipline>,
}

/// Score and rate one evaluation: the total gives the rating, a discipline
/// dated inside the evaluation's own period caps it at "Hoàn thành nhiệm vụ".
pub fn rate<'a>(cfg: &Config, official: &'a Official, e: &'a Evaluation) -> Rated<'a> {
    let (score, by_score) = score::rate(&e.scores, &cfg.kpi);
    let capped_by = official
        .disciplines
        .iter()
        .find(|d| e.period.contains(d.on));
    let rating = match capped_by {
        Some(_) => by_score.at_most(Rating::Pass),
        None => by_score,
    };
    Rated {
        official,
        evaluation: e,
        score,
        by_score,
        rating,
        capped_by,
    }
}

pub struct Model<'a> {
    pub ds: &'a Dataset,
    communes: HashMap<&'a str, &'a Commune>,
    positions: HashMap<&'a str, &'a Position>,
    /// Results of `config.period`, in input order.
    pub results: Vec<Rated<'a>>,
}

impl<'a> Model<'a> {
    pub fn compute(ds: &'a Dataset) -> Model<'a> {
        let cfg = &ds.config;
        let officials: HashMap<&str, &Official> =
            ds.officials.iter().map(|o| (o.id.as_str(), o)).collect();
        let results = ds
            .evaluations
            .iter()
            .filter(|e| e.period == cfg.period)
            .filter_map(|e| Some(rate(cfg, officials.get(e.official.as_str())?, e)))
            .collect();
        Model {
            ds,
            communes: ds.communes.iter().map(|c| (c.id.as_str(), c)).collect(),
            positions: ds.positions.iter().map(|p| (p.id.as_str(), p)).collect(),
            results,
        }
    }

    pub fn commune(&self, id: &str) -> &'a Commune {
        self.communes[id]
    }

    pub fn position(&self, id: &str) -> &'a Position {
        self.positions[id]
    }

    /// Every evaluation of one official, of every period in the inputs,
    /// scored by the same rules as the reported period's, newest first (by
    /// the period's last day, then its first: "6 tháng cuối năm" before
    /// "năm" of the same year).
    pub fn history(&self, official: &'a Official) -> Vec<Rated<'a>> {
        let mut out: Vec<Rated<'a>> = self
            .ds
            .evaluations_of(&official.id)
            .map(|e| rate(&self.ds.config, official, e))
            .collect();
        out.sort_by_key(|r| {
            let p = r.evaluation.period;
            std::cmp::Reverse((p.last_day(), p.first_day()))
        });
        out
    }

    /// Results of one commune.
    pub fn results_of(&self, commune: &str) -> impl Iterator<Item = &Rated<'a>> {
        self.results
            .iter()
            .filter(move |r| r.official.commune == commune)
    }

    /// Count per rating, in the order of [`Rating::ALL`].
    pub fn rating_counts<'r>(results: impl IntoIterator<Item = &'r Rated<'a>>) -> [u64; 4]
    where
        'a: 'r,
    {
        let mut c = [0u64; 4];
        for r in results {
            c[r.rating as usize] += 1;
        }
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::gaps::testing::dataset;

    #[test]
    fn every_period_is_scored_by_the_same_rules_newest_first() {
        let eval = |period: &str, k: u32| {
            format!(
                "  - {{official: A, period: {period}, scores: {{k1: {k}, k2: {k}, k3: {k}, k4: {k}, k5: {k}, k6: {k}, k7: {k}, k8: {k}, k9: {k}, k10: {k}, k11: {k}}}}}\n"
            )
        };
        let yaml = format!(
            "positions:
  - {{id: p, name: P, bloc: party}}
officials:
  - {{id: A, name: Nguyễn Văn A, birth_date: 1980-01-01, gender: male, ethnicity: Kinh, commune: xa, bloc: party, position: p, education: university, political_theory: none, it_skill: basic,
     disciplines: [{{on: 2025-08-01, form: Khiển trách}}]}}
evaluations:
{}{}{}{}",
            eval("2025-H1", 95),
            eval("2026-H1", 80),
            eval("2025", 60),
            eval("2025-H2", 95),
        );
        let ds = dataset(&yaml);
        let m = Model::compute(&ds);
        // The reported period only in the results.
        assert_eq!(m.results.len(), 1);
        assert_eq!(m.results[0].rating, Rating::Good);
        let h = m.history(&ds.officials[0]);
        let periods: Vec<String> = h.iter().map(|r| r.evaluation.period.code()).collect();
        assert_eq!(periods, ["2026-H1", "2025-H2", "2025", "2025-H1"]);
        // 2025-H2 holds the discipline: capped; 2025-H1 does not.
        assert_eq!(h[1].by_score, Rating::Excellent);
        assert_eq!(h[1].rating, Rating::Pass);
        assert!(h[1].capped_by.is_some());
        assert_eq!(h[3].rating, Rating::Excellent);
        assert!(h[3].capped_by.is_none());
        // The year 2025 holds it too (total 60 is already "pass").
        assert_eq!(h[2].rating, Rating::Pass);
        assert!(h[2].capped_by.is_some());
        // The reported period's result is the same as its history line.
        assert_eq!(h[0].rating, m.results[0].rating);
    }
}
