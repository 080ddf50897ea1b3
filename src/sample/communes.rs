//! Communes and wards: names of places, kinds, regions, former districts,
//! and how many officials each has.

use std::ops::Range;

use super::rng::Rng;
use super::src;
use crate::input::text::fold;
use crate::input::{Commune, CommuneKind, Region};

use Region::{Border, Mountain, Rural, Urban};

/// Communes of Cao Bằng after the 2025 reorganisation (names of places are
/// real, everything else is invented), interleaved so that the first few
/// already cover every region and kind. `true` = phường.
static COMMUNES: [(&str, &str, bool, Region); 56] = [
    ("Thục Phán", "Thành phố Cao Bằng", true, Urban),
    ("Hoà An", "Hoà An", false, Rural),
    ("Nguyên Bình", "Nguyên Bình", false, Mountain),
    ("Trà Lĩnh", "Trùng Khánh", false, Border),
    ("Nùng Trí Cao", "Thành phố Cao Bằng", true, Urban),
    ("Quảng Uyên", "Quảng Hoà", false, Rural),
    ("Bảo Lâm", "Bảo Lâm", false, Mountain),
    ("Đàm Thuỷ", "Trùng Khánh", false, Border),
    ("Tân Giang", "Thành phố Cao Bằng", true, Urban),
    ("Nam Tuấn", "Hoà An", false, Rural),
    ("Tĩnh Túc", "Nguyên Bình", false, Mountain),
    ("Hà Quảng", "Hà Quảng", false, Border),
    ("Bạch Đằng", "Hoà An", false, Rural),
    ("Bảo Lạc", "Bảo Lạc", false, Mountain),
    ("Lý Quốc", "Hạ Lang", false, Border),
    ("Nguyễn Huệ", "Hoà An", false, Rural),
    ("Lý Bôn", "Bảo Lâm", false, Mountain),
    ("Trùng Khánh", "Trùng Khánh", false, Border),
    ("Hạnh Phúc", "Quảng Hoà", false, Rural),
    ("Tam Kim", "Nguyên Bình", false, Mountain),
    ("Phục Hoà", "Quảng Hoà", false, Border),
    ("Độc Lập", "Quảng Hoà", false, Rural),
    ("Cốc Pàng", "Bảo Lạc", false, Border),
    ("Thạch An", "Thạch An", false, Rural),
    ("Canh Tân", "Thạch An", false, Mountain),
    ("Đức Long", "Thạch An", false, Border),
    ("Minh Khai", "Thạch An", false, Rural),
    ("Kim Đồng", "Thạch An", false, Mountain),
    ("Hạ Lang", "Hạ Lang", false, Border),
    ("Đông Khê", "Thạch An", false, Rural),
    ("Thông Nông", "Hà Quảng", false, Mountain),
    ("Vinh Quý", "Hạ Lang", false, Border),
    ("Quang Hán", "Trùng Khánh", false, Rural),
    ("Cần Yên", "Hà Quảng", false, Mountain),
    ("Quang Long", "Hạ Lang", false, Border),
    ("Bế Văn Đàn", "Quảng Hoà", false, Rural),
    ("Thanh Long", "Hà Quảng", false, Mountain),
    ("Đoài Dương", "Trùng Khánh", false, Border),
    ("Quang Trung", "Trùng Khánh", false, Rural),
    ("Hưng Đạo", "Bảo Lạc", false, Mountain),
    ("Lũng Nặm", "Hà Quảng", false, Border),
    ("Huy Giáp", "Bảo Lạc", false, Mountain),
    ("Tổng Cọt", "Hà Quảng", false, Border),
    ("Sơn Lộ", "Bảo Lạc", false, Mountain),
    ("Trường Hà", "Hà Quảng", false, Border),
    ("Nam Quang", "Bảo Lâm", false, Mountain),
    ("Cô Ba", "Bảo Lạc", false, Border),
    ("Quảng Lâm", "Bảo Lâm", false, Mountain),
    ("Khánh Xuân", "Bảo Lạc", false, Border),
    ("Yên Thổ", "Bảo Lâm", false, Mountain),
    ("Xuân Trường", "Bảo Lạc", false, Border),
    ("Thành Công", "Nguyên Bình", false, Mountain),
    ("Ca Thành", "Nguyên Bình", false, Mountain),
    ("Phan Thanh", "Nguyên Bình", false, Mountain),
    ("Minh Tâm", "Nguyên Bình", false, Mountain),
    ("Đình Phong", "Trùng Khánh", false, Border),
];

/// Syllables of Tày-Nùng place names, for communes beyond the list.
const PLACE_A: [&str; 12] = [
    "Nà", "Bản", "Khuổi", "Lũng", "Pác", "Phja", "Cốc", "Nặm", "Kéo", "Slam", "Pò", "Thôm",
];
const PLACE_B: [&str; 16] = [
    "Pồng", "Giàng", "Rì", "Mần", "Lạn", "Sliến", "Lừa", "Khoang", "Chang", "Sloáng", "Lầy", "Mạ",
    "Đeng", "Bó", "Luông", "Pàng",
];
const CLUSTERS: [&str; 9] = [
    "Hoà An",
    "Quảng Hoà",
    "Nguyên Bình",
    "Trùng Khánh",
    "Bảo Lâm",
    "Hà Quảng",
    "Bảo Lạc",
    "Thạch An",
    "Hạ Lang",
];

/// `count` communes and, for each, the range of its officials among
/// `officials` (phường larger; at least one each, largest remainder).
pub fn communes(
    rng: &mut Rng,
    count: usize,
    officials: usize,
) -> (Vec<Commune>, Vec<Range<usize>>) {
    let mut out: Vec<Commune> = Vec::with_capacity(count);
    for i in 0..count {
        let (name, cluster, phuong, region) = if let Some(c) = COMMUNES.get(i) {
            (c.0.to_string(), c.1.to_string(), c.2, c.3)
        } else {
            let j = i - COMMUNES.len();
            let (a, b) = (PLACE_A.len(), PLACE_B.len());
            // (j mod a, 13·(j div a) + 5·(j mod a) mod b) is one-to-one for j < a·b.
            let base = format!(
                "{} {}",
                PLACE_A[j % a],
                PLACE_B[(13 * (j / a) + 5 * (j % a)) % b]
            );
            let round = j / (a * b);
            let name = if round == 0 {
                base
            } else {
                format!("{base} {}", round + 1)
            };
            let region = [Rural, Mountain, Border][j % 3];
            (
                name,
                CLUSTERS[j % CLUSTERS.len()].to_string(),
                false,
                region,
            )
        };
        let mut id = fold(&name);
        while out.iter().any(|c| c.id == id) {
            id.push_str("-2");
        }
        out.push(Commune {
            id,
            name,
            kind: if phuong {
                CommuneKind::Phuong
            } else {
                CommuneKind::Xa
            },
            region,
            cluster: Some(cluster),
            secretary: None,
            chairman: None,
            src: src(),
        });
    }
    // Largest-remainder allocation of the officials by weight.
    let weights: Vec<usize> = out
        .iter()
        .map(|c| {
            let base = if c.kind == CommuneKind::Phuong {
                125
            } else {
                100
            };
            (base + rng.range(-20, 20)) as usize
        })
        .collect();
    let n = officials - count; // one each is given first
    let total: usize = weights.iter().sum();
    let mut sizes: Vec<usize> = weights.iter().map(|w| 1 + n * w / total).collect();
    let mut rest: Vec<(usize, usize)> = weights
        .iter()
        .enumerate()
        .map(|(i, w)| (n * w % total, i))
        .collect();
    rest.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let missing = officials - sizes.iter().sum::<usize>();
    for &(_, i) in rest.iter().take(missing) {
        sizes[i] += 1;
    }
    let mut first = 0;
    let members = sizes
        .into_iter()
        .map(|size| {
            first += size;
            first - size..first
        })
        .collect();
    (out, members)
}

/// Whether the commune lies in the former city (cluster "Thành phố Cao Bằng").
pub fn in_city(c: &Commune) -> bool {
    c.cluster
        .as_deref()
        .is_some_and(|s| s.starts_with("Thành phố"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_add_up_ids_are_unique_and_every_kind_comes_early() {
        let mut rng = Rng::new(3);
        let (communes, members) = communes(&mut rng, 260, 3000);
        assert_eq!(members.last().unwrap().end, 3000);
        assert!(members.iter().all(|r| !r.is_empty()));
        assert!(members.windows(2).all(|w| w[0].end == w[1].start));
        let mut ids: Vec<&str> = communes.iter().map(|c| c.id.as_str()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 260);
        let first = &communes[..4];
        for r in [Urban, Rural, Mountain, Border] {
            assert!(first.iter().any(|c| c.region == r), "{r:?}");
        }
        assert_eq!(communes[0].kind, CommuneKind::Phuong);
    }
}
