//! The officials of each commune: leaders first (Bí thư, Chủ tịch, …), then
//! party and government staff (≈ 42% / 58%), their names by ethnicity,
//! ages, levels mostly meeting the position's standard, party membership,
//! and the band their evaluation will fall in.

use std::ops::Range;

use chrono::{Datelike, TimeDelta};

use super::careers::{discipline, history, reward};
use super::names::{ETHNICITIES, ethnicity_weights, person_name};
use super::rng::{Rng, ymd};
use super::src;
use crate::input::{
    Bloc, Commune, Config, Dataset, Education, Gender, ItSkill, Major, Official, PoliticalTheory,
    Position, Region,
};
use crate::model::Rating;

/// What the generator decided about an official that the input does not
/// record: the position's index, the band of the evaluation to come, a
/// total exactly on a threshold, why a discipline was given.
pub struct Profile {
    pub position: usize,
    pub band: Rating,
    /// A threshold (points) the evaluation's total must equal.
    pub boundary: Option<u32>,
    /// The short reason of the official's discipline, if any.
    pub reason: Option<&'static str>,
}

/// What the generator decided beyond the input values: the officials of
/// each commune (a range of the officials' list) and each one's profile.
pub struct Plan {
    pub members: Vec<Range<usize>>,
    pub profiles: Vec<Profile>,
}

/// Leaders of a commune, in the order the posts are filled.
const LEADERS: [&str; 7] = [
    "bi-thu",
    "chu-tich-ubnd",
    "pho-bi-thu-tt",
    "pho-chu-tich-ubnd",
    "chu-nhiem-ubkt",
    "truong-ban-xdd",
    "pho-chu-tich-ubnd",
];
/// Staff posts by bloc, with weights.
const PARTY_STAFF: [(&str, u32); 2] = [("cv-van-phong-du", 55), ("cv-ban-xdd", 45)];
const GOVERNMENT_STAFF: [(&str, u32); 5] = [
    ("cc-van-hoa-xa-hoi", 26),
    ("cc-dia-chinh-xay-dung", 21),
    ("cc-tai-chinh-ke-toan", 19),
    ("cc-tu-phap-ho-tich", 18),
    ("cv-cntt", 10),
];
/// Share of the party bloc, per mille.
const PARTY_SHARE: usize = 420;

const MAJORS: [(Major, u32); 10] = [
    (Major::Law, 22),
    (Major::Economics, 16),
    (Major::CultureSociety, 14),
    (Major::Agriculture, 10),
    (Major::FinanceAccounting, 9),
    (Major::CadastralConstruction, 8),
    (Major::Education, 6),
    (Major::It, 4),
    (Major::Health, 2),
    (Major::Other, 9),
];

/// The index of the position `id` (one of the generator's own).
pub fn index(positions: &[Position], id: &str) -> usize {
    positions
        .iter()
        .position(|p| p.id == id)
        .expect("a position of the sample")
}

/// The officials of every commune (`members`), in commune order, and the
/// plan of the later steps.
pub fn officials(rng: &mut Rng, ds: &Dataset, members: Vec<Range<usize>>) -> (Vec<Official>, Plan) {
    let positions = &ds.positions;
    let total = members.last().map_or(0, |r| r.end);
    let mut out = Gen {
        rng,
        config: &ds.config,
        positions,
        width: total.to_string().len().max(5),
        officials: Vec::with_capacity(total),
        profiles: Vec::with_capacity(total),
    };
    let idx = |xs: &[(&str, u32)]| -> Vec<(usize, u32)> {
        xs.iter()
            .map(|&(id, w)| (index(positions, id), w))
            .collect()
    };
    let leaders: Vec<usize> = LEADERS.iter().map(|id| index(positions, id)).collect();
    let (party_staff, government_staff) = (idx(&PARTY_STAFF), idx(&GOVERNMENT_STAFF));
    for (c, range) in ds.communes.iter().zip(&members) {
        let size = range.len();
        // Leaders, then the party staff up to the share, then government staff.
        let mut posts: Vec<usize> = leaders.iter().copied().take(size).collect();
        let party_leaders = posts
            .iter()
            .filter(|&&p| positions[p].bloc == Bloc::Party)
            .count();
        let staff = size - posts.len();
        let party_total = (size * PARTY_SHARE + 500) / 1000;
        let party_count = party_total.saturating_sub(party_leaders).min(staff);
        let mut party: Vec<usize> = (0..party_count)
            .map(|_| out.rng.weighted(&party_staff))
            .collect();
        let mut government: Vec<usize> = (0..staff - party_count)
            .map(|_| out.rng.weighted(&government_staff))
            .collect();
        party.sort_unstable();
        government.sort_unstable();
        posts.extend(party);
        posts.extend(government);
        for p in posts {
            out.official(c, p);
        }
    }
    let plan = Plan {
        members,
        profiles: out.profiles,
    };
    (out.officials, plan)
}

struct Gen<'a> {
    rng: &'a mut Rng,
    config: &'a Config,
    positions: &'a [Position],
    /// Digits of the ids (`CB00001`).
    width: usize,
    officials: Vec<Official>,
    profiles: Vec<Profile>,
}

impl Gen<'_> {
    fn official(&mut self, commune: &Commune, p: usize) {
        let rng = &mut *self.rng;
        let pos = &self.positions[p];
        let n = self.officials.len() + 1;
        let id = format!("CB{n:0width$}", width = self.width);
        let party_bloc = pos.bloc == Bloc::Party;

        let female = rng.chance(if pos.leader { 220 } else { 540 });
        let w = ethnicity_weights(commune.region);
        let weights: [(&str, u32); 8] = std::array::from_fn(|i| (ETHNICITIES[i], w[i]));
        let ethnicity = rng.weighted(&weights);
        let name = person_name(rng, ethnicity, female);

        // Age in completed years at as_of (triangular), then a birth date.
        let age = if pos.leader {
            (35 + rng.range(0, 12) + rng.range(0, 12)).min(59)
        } else {
            24 + rng.range(0, 16) + rng.range(0, 16)
        };
        let as_of = self.config.as_of;
        let y = as_of.year() - age as i32;
        let birth = rng.date(ymd(y - 1, 7, 1), ymd(y, 6, 30));

        // Levels: mostly meeting the position's standard, some gaps.
        let need = &pos.requires;
        let education = {
            use Education::*;
            if pos.leader {
                rng.weighted(&[(Postgraduate, 10), (University, 86), (College, 4)])
            } else if need.education.is_none_or(|e| e <= College) {
                rng.weighted(&[
                    (University, 58),
                    (College, 31),
                    (Intermediate, 10),
                    (None, 1),
                ])
            } else {
                rng.weighted(&[
                    (Postgraduate, 2),
                    (University, 78),
                    (College, 11),
                    (Intermediate, 8),
                    (None, 1),
                ])
            }
        };
        let major = if education <= Education::Intermediate && rng.chance(500) {
            None
        } else if !need.majors.is_empty() && rng.chance(800) {
            Some(*rng.pick(&need.majors))
        } else {
            Some(rng.weighted(&MAJORS))
        };
        let theory = {
            use PoliticalTheory::*;
            let need = need.political_theory.unwrap_or(None);
            match (pos.leader, need) {
                (true, Advanced) if pos.id == "bi-thu" => {
                    rng.weighted(&[(Advanced, 66), (Intermediate, 34)])
                }
                (true, Advanced) => rng.weighted(&[(Advanced, 45), (Intermediate, 55)]),
                (true, _) => rng.weighted(&[(Advanced, 15), (Intermediate, 75), (Elementary, 10)]),
                (false, _) if party_bloc => {
                    rng.weighted(&[(Intermediate, 45), (Elementary, 50), (None, 5)])
                }
                (false, _) => rng.weighted(&[
                    (Advanced, 2),
                    (Intermediate, 45),
                    (Elementary, 35),
                    (None, 18),
                ]),
            }
        };
        let it_skill = {
            use ItSkill::*;
            if need.it_skill == Some(Advanced) {
                rng.weighted(&[(Advanced, 85), (Basic, 15)])
            } else if age >= 50 {
                rng.weighted(&[(Advanced, 2), (Basic, 58), (None, 40)])
            } else {
                rng.weighted(&[(Advanced, 9), (Basic, 74), (None, 17)])
            }
        };

        // Party members: the whole party bloc, the leaders, most staff.
        let party_joined_on = if party_bloc || pos.leader || rng.chance(620) {
            let join_age = 20 + rng.range(0, (age - 22).clamp(0, 14));
            let year = birth.year() + join_age as i32;
            let d = rng.date(ymd(year, 1, 5), ymd(year, 12, 20));
            Some(d.min(as_of - TimeDelta::days(400)))
        } else {
            None
        };
        let remote = matches!(commune.region, Region::Mountain | Region::Border);
        let digital_profile = rng.chance(if remote { 860 } else { 940 });
        let history = rng.chance(550).then(|| history(rng, commune, pos));

        // Evaluation band, some totals exactly on a threshold.
        let mut band = rng.weighted(&[
            (Rating::Excellent, 140),
            (Rating::Good, 685),
            (Rating::Pass, 145),
            (Rating::Fail, 30),
        ]);
        let t = &self.config.kpi.thresholds;
        let boundary = (n % 97 == 41).then(|| {
            let k = (n / 97) % 3;
            band = [Rating::Excellent, Rating::Good, Rating::Pass][k];
            [t.excellent, t.good, t.pass][k]
        });
        let discipline = if boundary.is_none() && rng.chance(30) {
            Some(discipline(rng, pos))
        } else {
            None
        };
        let period_start = self.config.period.first_day();
        if discipline.as_ref().is_some_and(|d| d.0.on >= period_start) && band == Rating::Excellent
        {
            band = Rating::Good;
        }
        let reward_chance = match band {
            Rating::Excellent => 350,
            Rating::Good => 120,
            _ => 20,
        };
        let reward = (discipline.is_none() && rng.chance(reward_chance))
            .then(|| reward(rng, commune, party_joined_on.is_some()));
        let (discipline, reason) = discipline.unzip();
        self.officials.push(Official {
            id,
            name,
            birth_date: birth,
            gender: if female { Gender::Female } else { Gender::Male },
            ethnicity: ethnicity.into(),
            commune: commune.id.clone(),
            bloc: pos.bloc,
            position: pos.id.clone(),
            title: pos.leader.then(|| title(pos, commune)),
            education,
            major,
            political_theory: theory,
            it_skill,
            party_joined_on,
            digital_profile,
            history: history.into_iter().collect(),
            rewards: reward.into_iter().collect(),
            disciplines: discipline.into_iter().collect(),
            src: src(),
        });
        self.profiles.push(Profile {
            position: p,
            band,
            boundary,
            reason,
        });
    }
}

/// A leader's display title: "Bí thư Đảng uỷ xã", "Trưởng Ban Xây dựng
/// Đảng Đảng uỷ phường", "Chủ tịch UBND xã": a party post names the Đảng uỷ.
fn title(pos: &Position, commune: &Commune) -> String {
    let body = if pos.bloc == Bloc::Party && !pos.name.ends_with("Đảng uỷ") {
        " Đảng uỷ"
    } else {
        ""
    };
    format!("{}{body} {}", pos.name, commune.kind.label())
}
