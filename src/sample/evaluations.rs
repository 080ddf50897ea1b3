//! One evaluation per official for the config's period (and, for some,
//! of the periods before it, [`earlier`]): eleven scores
//! around the official's band (≈ 16% / 67% / 14% / 3% ratings, some totals
//! exactly on a threshold), the texts of the form and who evaluated.

use super::officials::{Plan, Profile, index};
use super::rng::Rng;
use super::src;
use crate::input::{Bloc, Dataset, Evaluation, Evaluator, Kpi, Period};
use crate::model::Rating;
use crate::model::score::{GROUPS, SCALE, Score};

/// The evaluations of every commune's officials, in official order. The
/// commune's Bí thư and Chủ tịch evaluate the others.
pub fn evaluations(rng: &mut Rng, ds: &Dataset, plan: &Plan) -> Vec<Evaluation> {
    let (members, profiles) = (&plan.members, &plan.profiles);
    let (config, positions, officials) = (&ds.config, &ds.positions, &ds.officials);
    let chair_post = index(positions, "chu-tich-ubnd");
    let secretary_post = index(positions, "bi-thu");
    let weights = Weights::of(&config.kpi);
    let mut out = Vec::with_capacity(officials.len());
    for range in members {
        let secretary = &officials[range.start];
        let chair = range.clone().find(|&i| profiles[i].position == chair_post);
        for i in range.clone() {
            let (o, profile) = (&officials[i], &profiles[i]);
            let disciplined = o.disciplines.iter().any(|d| config.period.contains(d.on));
            let scores = scores(rng, &weights, profile, disciplined);
            let leader = positions[profile.position].leader;
            let self_assessment = rng.chance(970).then(|| {
                let list: &[&str] = match profile.band {
                    Rating::Excellent if leader => &SELF_LEADER,
                    Rating::Excellent => &SELF_EXCELLENT,
                    Rating::Good => &SELF_GOOD,
                    Rating::Pass => &SELF_PASS,
                    Rating::Fail => &SELF_FAIL,
                };
                rng.pick(list).to_string()
            });
            let strengths = rng.chance(950).then(|| two(rng, &STRENGTHS, 600));
            let weaknesses = match o.disciplines.iter().find(|d| config.period.contains(d.on)) {
                Some(d) => Some(format!(
                    "Bị kỷ luật {} trong kỳ do {}. {}",
                    d.form.to_lowercase(),
                    profile.reason.unwrap_or_default(),
                    rng.pick(&WEAKNESSES)
                )),
                None => rng.chance(950).then(|| two(rng, &WEAKNESSES, 200)),
            };
            let by = if profile.position == secretary_post {
                None
            } else if positions[profile.position].bloc == Bloc::Party
                || profile.position == chair_post
                || chair.is_none()
            {
                Some(secretary)
            } else {
                chair.map(|c| &officials[c])
            };
            let evaluator = by.filter(|_| rng.chance(900)).map(|e| Evaluator {
                name: e.name.clone(),
                title: e.title.clone().unwrap_or_default(),
            });
            out.push(Evaluation {
                official: o.id.clone(),
                period: config.period,
                scores,
                self_assessment,
                strengths,
                weaknesses,
                evaluator,
                src: src(),
            });
        }
    }
    out
}

/// The period before `p` (2026-H1 → 2025-H2).
fn previous(p: Period) -> Period {
    match p {
        Period::Year(y) => Period::Year(y - 1),
        Period::Half(y, 2) => Period::Half(y, 1),
        Period::Half(y, _) => Period::Half(y - 1, 2),
        Period::Quarter(y, q) if q <= 1 => Period::Quarter(y - 1, 4),
        Period::Quarter(y, q) => Period::Quarter(y, q - 1),
    }
}

/// Evaluations of earlier periods (the record shows every period): for
/// about two officials in five evaluated in the config's period, the one
/// or two periods before it, scores only. Drawn from their own `rng`, after
/// everything else, so the rest of the province does not change.
pub fn earlier(rng: &mut Rng, ds: &Dataset, plan: &Plan) -> Vec<Evaluation> {
    let weights = Weights::of(&ds.config.kpi);
    let mut out = Vec::new();
    for e in ds
        .evaluations
        .iter()
        .filter(|e| e.period == ds.config.period)
    {
        let Some(i) = ds.officials.iter().position(|o| o.id == e.official) else {
            continue;
        };
        if !rng.chance(400) {
            continue;
        }
        let (o, profile) = (&ds.officials[i], &plan.profiles[i]);
        let mut period = e.period;
        for _ in 0..1 + rng.below(2) {
            period = previous(period);
            let disciplined = o.disciplines.iter().any(|d| period.contains(d.on));
            out.push(Evaluation {
                official: o.id.clone(),
                period,
                scores: scores(rng, &weights, profile, disciplined),
                self_assessment: None,
                strengths: None,
                weaknesses: None,
                evaluator: None,
                src: src(),
            });
        }
    }
    out
}

/// One text of `list`, or, with probability `p` per mille, two different ones.
fn two(rng: &mut Rng, list: &[&str], p: u32) -> String {
    let a = rng.below(list.len());
    if rng.chance(p) {
        let b = (a + 1 + rng.below(list.len() - 1)) % list.len();
        format!("{} {}", list[a], list[b])
    } else {
        list[a].to_string()
    }
}

/// Each indicator's weight in the model's total (× 1200), the indicators
/// grouped by equal weight.
struct Weights {
    kpi: Kpi,
    /// (weight, indicators) per distinct weight, in order of first indicator.
    classes: Vec<(u64, Vec<usize>)>,
}

impl Weights {
    fn of(kpi: &Kpi) -> Weights {
        let mut classes: Vec<(u64, Vec<usize>)> = Vec::new();
        for i in 0..11 {
            let mut unit = [0u32; 11];
            unit[i] = 1;
            let w = Score::compute(&unit, &kpi.weights).total_x1200;
            match classes.iter_mut().find(|c| c.0 == w) {
                Some(c) => c.1.push(i),
                None => classes.push((w, vec![i])),
            }
        }
        Weights { kpi: *kpi, classes }
    }

    fn total(&self, k: &[u32; 11]) -> u64 {
        Score::compute(k, &self.kpi.weights).total_x1200
    }
}

/// Eleven scores around the official's band; a boundary official's total
/// is exactly the threshold.
fn scores(rng: &mut Rng, w: &Weights, p: &Profile, disciplined: bool) -> [u32; 11] {
    if let Some(t) = p.boundary {
        for _ in 0..20 {
            let mut k = draw(rng, t as i64 * 10, false);
            if fix_total(w, &mut k, t as u64 * SCALE) {
                return k;
            }
        }
        return [t; 11];
    }
    let t = w.kpi.thresholds;
    let (excellent, good, pass) = (
        t.excellent as i64 * 10,
        t.good as i64 * 10,
        t.pass as i64 * 10,
    );
    let target = match p.band {
        Rating::Excellent => rng.range(excellent, 965),
        Rating::Good => rng.range(good, excellent - 5),
        Rating::Pass => rng.range(pass, good - 5),
        Rating::Fail => rng.range(380, pass - 5),
    };
    draw(rng, target, disciplined)
}

/// How far the indicators of the first three groups stray from the target.
const SPREAD: [i64; 3] = [60, 80, 70];

/// Scores around a target total `t` (tenths); discipline scores run higher
/// unless the official was disciplined in the period.
fn draw(rng: &mut Rng, t: i64, disciplined: bool) -> [u32; 11] {
    let mut k = [0u32; 11];
    for (g, range) in GROUPS.iter().enumerate() {
        for i in range.clone() {
            let x = match SPREAD.get(g) {
                Some(&s) => t + rng.range(-s, s),
                None if disciplined => 650 + rng.range(0, 150),
                None => t + 50 + rng.range(-50, 90),
            };
            k[i] = ((x + 5) / 10).clamp(0, 100) as u32;
        }
    }
    k
}

/// Adjust `k` so that its total × 1200 is `target`, in small steps within
/// 0..=100: the fewest steps nᵢ per weight class with Σ nᵢ·wᵢ = Δ, each
/// spread over the indicators of its class.
fn fix_total(w: &Weights, k: &mut [u32; 11], target: u64) -> bool {
    let d = target as i64 - w.total(k) as i64;
    let g = w.classes.iter().fold(0, |g, c| gcd(g, c.0)) as i64;
    if d % g != 0 {
        return false;
    }
    let units: Vec<i64> = w.classes.iter().map(|c| c.0 as i64 / g).collect();
    let Some(steps) = fewest_steps(&units, d / g) else {
        return false;
    };
    let spread = |k: &mut [u32; 11], idx: &[usize], mut n: i64| -> bool {
        let step = n.signum();
        let mut stuck = 0;
        let mut i = 0;
        while n != 0 {
            let j = idx[i % idx.len()];
            let v = k[j] as i64 + step;
            if (0..=100).contains(&v) {
                k[j] = v as u32;
                n -= step;
                stuck = 0;
            } else {
                stuck += 1;
                if stuck > idx.len() {
                    return false;
                }
            }
            i += 1;
        }
        true
    };
    w.classes.iter().zip(steps).all(|(c, n)| spread(k, &c.1, n)) && w.total(k) == target
}

/// The smallest Σ|nᵢ| with Σ nᵢ·unitᵢ = d, every nᵢ but the last within
/// ±40, the first found on a tie (the last index counts fastest).
fn fewest_steps(units: &[i64], d: i64) -> Option<Vec<i64>> {
    const MAX: i64 = 40;
    let (&last, rest) = units.split_last()?;
    let mut n = vec![-MAX; rest.len()];
    let mut best: Option<(i64, Vec<i64>)> = None;
    loop {
        let rem = d - n.iter().zip(rest).map(|(a, u)| a * u).sum::<i64>();
        if rem % last == 0 {
            let c = rem / last;
            let cost = n.iter().map(|a| a.abs()).sum::<i64>() + c.abs();
            if best.as_ref().is_none_or(|(b, _)| cost < *b) {
                let mut v = n.clone();
                v.push(c);
                best = Some((cost, v));
            }
        }
        let Some(i) = n.iter().rposition(|&a| a < MAX) else {
            return best.map(|b| b.1);
        };
        n[i] += 1;
        n[i + 1..].fill(-MAX);
    }
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 { a } else { gcd(b, a % b) }
}

const SELF_LEADER: [&str; 3] = [
    "Lãnh đạo, chỉ đạo hoàn thành các chỉ tiêu 6 tháng đầu năm; giải quyết dứt điểm các vụ việc tồn đọng được giao.",
    "Hoàn thành vượt mức các chỉ tiêu được giao; chủ động tham mưu nhiều nội dung mới, chất lượng.",
    "Chỉ đạo quyết liệt, đồng bộ các nhiệm vụ trọng tâm; giữ vững đoàn kết nội bộ, phát huy dân chủ ở cơ sở.",
];
const SELF_EXCELLENT: [&str; 3] = [
    "Hoàn thành vượt mức các chỉ tiêu được giao; chủ động tham mưu nhiều nội dung mới, chất lượng.",
    "Chấp hành nghiêm sự phân công; hoàn thành toàn bộ nhiệm vụ đúng và trước thời hạn, có sáng kiến được áp dụng.",
    "Giải quyết 100% hồ sơ đúng hạn; tích cực ứng dụng chuyển đổi số trong thực hiện nhiệm vụ.",
];
const SELF_GOOD: [&str; 4] = [
    "Hoàn thành các nhiệm vụ được giao bảo đảm chất lượng, tiến độ; chấp hành tốt kỷ luật, kỷ cương hành chính.",
    "Thực hiện tốt chức trách, nhiệm vụ; giải quyết hồ sơ cơ bản đúng hạn, có tinh thần phục vụ Nhân dân.",
    "Hoàn thành tốt các nhiệm vụ chuyên môn; tích cực học tập nâng cao trình độ, kỹ năng số.",
    "Chủ động phối hợp với các bộ phận trong giải quyết công việc; còn một số việc chậm so với kế hoạch.",
];
const SELF_PASS: [&str; 2] = [
    "Cơ bản hoàn thành nhiệm vụ; còn hạn chế trong ứng dụng công nghệ thông tin và xử lý hồ sơ trên môi trường điện tử.",
    "Hoàn thành các nhiệm vụ được giao nhưng một số việc còn chậm tiến độ, chất lượng tham mưu chưa cao.",
];
const SELF_FAIL: [&str; 2] = [
    "Chưa hoàn thành một số nhiệm vụ trọng tâm được giao; nhiều hồ sơ giải quyết quá hạn.",
    "Còn nhiều nhiệm vụ chưa hoàn thành đúng thời hạn; chưa chủ động khắc phục những hạn chế đã được chỉ ra.",
];
const STRENGTHS: [&str; 8] = [
    "Nắm vững chuyên môn, nghiệp vụ; tham mưu kịp thời, chính xác.",
    "Tận tuỵ, có trách nhiệm với công việc; tác phong làm việc khoa học.",
    "Đoàn kết, có tinh thần hợp tác, sẵn sàng hỗ trợ đồng nghiệp.",
    "Nắm chắc địa bàn, gần dân, hiểu dân; có uy tín trong cán bộ, đảng viên và Nhân dân.",
    "Có lập trường chính trị vững vàng, đạo đức, lối sống trong sáng, gương mẫu.",
    "Sử dụng thành thạo các nền tảng số trong xử lý công việc.",
    "Thông thạo tiếng dân tộc tại địa phương, làm tốt công tác dân vận.",
    "Chủ động, sáng tạo trong tham mưu, đề xuất giải pháp tháo gỡ khó khăn ở cơ sở.",
];
const WEAKNESSES: [&str; 6] = [
    "Một số hồ sơ giải quyết còn chậm so với thời hạn quy định.",
    "Công tác phối hợp với các ngành có lúc chưa chặt chẽ.",
    "Chưa mạnh dạn đề xuất giải pháp mới trong thực hiện nhiệm vụ.",
    "Có lúc còn chậm trong tổng hợp, báo cáo.",
    "Kiến thức pháp luật chuyên ngành cần tiếp tục cập nhật, bổ sung.",
    "Kỹ năng sử dụng phần mềm quản lý văn bản và dịch vụ công trực tuyến còn hạn chế.",
];

// ---------------------------------------------------------------- training

#[cfg(test)]
mod tests {
    use super::*;

    fn boundary(t: u32) -> Profile {
        Profile {
            position: 0,
            band: Rating::Pass,
            boundary: Some(t),
            reason: None,
        }
    }

    #[test]
    fn boundary_totals_are_exactly_the_thresholds() {
        let kpi = Kpi::default();
        let w = Weights::of(&kpi);
        let mut rng = Rng::new(7);
        let t = kpi.thresholds;
        for t in [t.excellent, t.good, t.pass] {
            for _ in 0..200 {
                let k = scores(&mut rng, &w, &boundary(t), false);
                assert_eq!(w.total(&k), t as u64 * SCALE, "{k:?}");
                assert!(k.iter().all(|v| *v <= 100));
            }
        }
    }

    #[test]
    fn other_weights_still_reach_the_threshold() {
        let kpi = Kpi {
            weights: [30, 30, 25, 15],
            ..Kpi::default()
        };
        let w = Weights::of(&kpi);
        let mut rng = Rng::new(9);
        for _ in 0..50 {
            let k = scores(&mut rng, &w, &boundary(70), false);
            assert_eq!(w.total(&k), 70 * SCALE, "{k:?}");
        }
    }

    #[test]
    fn bands_give_their_rating() {
        let kpi = Kpi::default();
        let w = Weights::of(&kpi);
        let mut rng = Rng::new(11);
        for band in Rating::ALL {
            let p = Profile {
                position: 0,
                band,
                boundary: None,
                reason: None,
            };
            let hits = (0..400)
                .filter(|_| {
                    crate::model::score::rate(&scores(&mut rng, &w, &p, false), &kpi).1 == band
                })
                .count();
            assert!(hits > 300, "{band:?}: {hits} of 400");
        }
    }

    #[test]
    fn the_fewest_steps() {
        assert_eq!(fewest_steps(&[12, 10, 9], 0), Some(vec![0, 0, 0]));
        assert_eq!(fewest_steps(&[12, 10, 9], 22), Some(vec![1, 1, 0]));
        let s = fewest_steps(&[12, 10, 9], -31).unwrap();
        assert_eq!(s[0] * 12 + s[1] * 10 + s[2] * 9, -31);
    }
}
