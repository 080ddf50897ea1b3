//! KPI scoring (Phụ lục 1), exact: no floating point anywhere.
//!
//! A group score is the mean of its indicators; the total is
//! Σ weight × group score / 100. With 4, 3, 2 and 2 indicators, 12 × 100 ×
//! total is an integer, so totals are kept as `total_x1200` and compared with
//! thresholds × 1200: a total of exactly 90 is 90, never 89.999….

use serde::Serialize;

use crate::input::{Kpi, Thresholds};

/// Indicators per group: results k1..k4, service k5..k7, coordination k8..k9, discipline k10..k11.
pub const GROUPS: [std::ops::Range<usize>; 4] = [0..4, 4..7, 7..9, 9..11];

/// Common denominator of the group means (lcm of 4, 3, 2, 2).
const LCM: u64 = 12;
/// Fixed-point scale of a total: points × 1200.
pub const SCALE: u64 = LCM * 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    Excellent,
    Good,
    Pass,
    Fail,
}

impl Rating {
    pub const ALL: [Rating; 4] = [Rating::Excellent, Rating::Good, Rating::Pass, Rating::Fail];

    pub fn label(self) -> &'static str {
        match self {
            Rating::Excellent => "Hoàn thành xuất sắc nhiệm vụ",
            Rating::Good => "Hoàn thành tốt nhiệm vụ",
            Rating::Pass => "Hoàn thành nhiệm vụ",
            Rating::Fail => "Không hoàn thành nhiệm vụ",
        }
    }

    /// The better of two ratings is the smaller (Excellent first).
    pub fn at_most(self, cap: Rating) -> Rating {
        self.max(cap)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Score {
    /// Sum of the indicators of each group.
    pub group_sums: [u32; 4],
    /// Total × 1200 (exact).
    pub total_x1200: u64,
}

impl Score {
    pub fn compute(scores: &[u32; 11], weights: &[u32; 4]) -> Score {
        let mut group_sums = [0u32; 4];
        let mut total = 0u64;
        for (g, range) in GROUPS.iter().enumerate() {
            let sum: u32 = scores[range.clone()].iter().sum();
            group_sums[g] = sum;
            total += weights[g] as u64 * sum as u64 * (LCM / range.len() as u64);
        }
        Score {
            group_sums,
            total_x1200: total,
        }
    }

    /// Group mean as (numerator, denominator).
    pub fn group_mean(&self, g: usize) -> (i64, i64) {
        (self.group_sums[g] as i64, GROUPS[g].len() as i64)
    }

    /// Total as (numerator, denominator).
    pub fn total(&self) -> (i64, i64) {
        (self.total_x1200 as i64, SCALE as i64)
    }

    /// Whether the total reaches `threshold` points.
    pub fn reaches(&self, threshold: u32) -> bool {
        self.total_x1200 >= threshold as u64 * SCALE
    }

    pub fn rating(&self, t: &Thresholds) -> Rating {
        if self.reaches(t.excellent) {
            Rating::Excellent
        } else if self.reaches(t.good) {
            Rating::Good
        } else if self.reaches(t.pass) {
            Rating::Pass
        } else {
            Rating::Fail
        }
    }
}

/// Score and rating under a KPI configuration.
pub fn rate(scores: &[u32; 11], kpi: &Kpi) -> (Score, Rating) {
    let s = Score::compute(scores, &kpi.weights);
    (s, s.rating(&kpi.thresholds))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vn::decimal1_ratio;

    fn kpi() -> Kpi {
        Kpi::default()
    }

    /// The naive float reading of the rule: Σ weight × group mean / 100.
    fn float_total(s: &[u32; 11]) -> f64 {
        let w = [40.0, 25.0, 20.0, 15.0];
        GROUPS
            .iter()
            .enumerate()
            .map(|(g, r)| {
                w[g] * (s[r.clone()].iter().map(|&x| x as f64).sum::<f64>() / r.len() as f64)
                    / 100.0
            })
            .sum()
    }

    #[test]
    fn boundaries_land_in_the_higher_level_even_when_floats_say_otherwise() {
        // Each total is exactly the threshold; the float computation gives 89.999…,
        // 69.999… and 49.999….
        let cases: [([u32; 11], u32, Rating); 3] = [
            (
                [93, 100, 86, 99, 91, 83, 87, 80, 94, 96, 78],
                90,
                Rating::Excellent,
            ),
            (
                [66, 64, 87, 86, 80, 78, 85, 70, 66, 62, 16],
                70,
                Rating::Good,
            ),
            (
                [47, 60, 60, 31, 68, 66, 64, 38, 45, 49, 23],
                50,
                Rating::Pass,
            ),
        ];
        for (s, t, expected) in cases {
            assert!(
                float_total(&s) < t as f64,
                "the case must show float drift: {s:?}"
            );
            let (score, rating) = rate(&s, &kpi());
            assert_eq!(score.total_x1200, t as u64 * SCALE, "{s:?}");
            assert_eq!(rating, expected, "{s:?}");
            let (n, d) = score.total();
            assert_eq!(decimal1_ratio(n, d), format!("{t},0"));
        }
    }

    #[test]
    fn just_below_a_threshold_stays_below() {
        // 89.9667 shows as "90,0" but is "tốt", not "xuất sắc".
        let s = [95, 90, 98, 85, 92, 88, 80, 90, 75, 100, 100];
        let (score, rating) = rate(&s, &kpi());
        let (n, d) = score.total();
        assert_eq!(decimal1_ratio(n, d), "90,0");
        assert_eq!(rating, Rating::Good);
    }

    #[test]
    fn spec_example() {
        let s = [95, 90, 98, 85, 92, 88, 80, 90, 75, 100, 100];
        let (score, rating) = rate(&s, &kpi());
        // results 92, service 86.67, coordination 82.5, discipline 100
        assert_eq!(
            decimal1_ratio(score.group_mean(0).0, score.group_mean(0).1),
            "92,0"
        );
        assert_eq!(
            decimal1_ratio(score.group_mean(1).0, score.group_mean(1).1),
            "86,7"
        );
        let (n, d) = score.total();
        // 0.4*92 + 0.25*260/3 + 0.2*82.5 + 0.15*100 = 36.8+21.6667+16.5+15 = 89.9667
        assert_eq!(decimal1_ratio(n, d), "90,0");
        assert_eq!(
            rating,
            Rating::Good,
            "89.97 displays as 90,0 but is below 90"
        );
    }

    #[test]
    fn cap() {
        assert_eq!(Rating::Excellent.at_most(Rating::Pass), Rating::Pass);
        assert_eq!(Rating::Fail.at_most(Rating::Pass), Rating::Fail);
    }
}
