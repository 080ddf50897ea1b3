//! `baocao sample`: a realistic synthetic province in the data-model format,
//! for trying the tool at scale and for the whole-province benchmark.
//!
//! Every value comes from one seeded generator (SplitMix64, integer
//! arithmetic only), never from the clock or a hash map's order, so a seed
//! gives byte-identical files on every machine. The config and the positions
//! are those of the hand-made sample in `inputs/`, embedded at compile time;
//! nothing is read at run time.
//!
//! Shape (per the sample): communes of every region and kind, leaders first
//! (Bí thư, Chủ tịch, …) then staff; ≈ 42% party / 58% government bloc;
//! Tày, Nùng, Dao, H'Mông, Kinh … names by ethnicity; one evaluation per
//! official with ≈ 16% / 67% / 14% / 3% ratings and some totals exactly on
//! 90, 70 and 50; courses of every kind, trainings that follow the gaps,
//! tasks (some late), initiatives and three survey channels per commune.

use std::borrow::Cow;
use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, TimeDelta};
use unicode_normalization::UnicodeNormalization;

use crate::vn::thousands;

/// The issuing context of the hand-made sample (period 2026-H1).
const CONFIG: &str = include_str!("../inputs/config.yaml");
/// The job positions of the hand-made sample.
const POSITIONS: &str = include_str!("../inputs/positions.yaml");

/// What to generate.
#[derive(Debug, Clone)]
pub struct Options {
    pub officials: usize,
    pub communes: usize,
    pub seed: u64,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            officials: 3555,
            communes: 56,
            seed: 1,
        }
    }
}

/// Counts of what was generated.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub communes: usize,
    pub officials: usize,
    pub party: usize,
    pub government: usize,
    pub evaluations: usize,
    /// Ratings at the default thresholds, discipline cap applied:
    /// excellent, good, pass, fail.
    pub ratings: [usize; 4],
    /// Evaluations whose total is exactly 90, 70 or 50.
    pub boundary: usize,
    pub courses: usize,
    pub trainings: usize,
    pub tasks: usize,
    pub late_tasks: usize,
    pub initiatives: usize,
    pub surveys: usize,
    pub files: usize,
}

impl Summary {
    /// The one-line summary printed by `baocao sample`.
    pub fn line(&self, dir: &Path, seed: u64) -> String {
        let n = |v: usize| thousands(v as i64);
        format!(
            "Đã tạo dữ liệu tỉnh mẫu tại {}: {} xã/phường, {} cán bộ (khối Đảng {}, khối chính quyền {}), {} phiếu đánh giá, {} khoá học, {} lượt đào tạo, {} nhiệm vụ, {} sáng kiến, {} phiếu khảo sát; {} tệp, hạt giống {seed}.",
            dir.display(),
            n(self.communes),
            n(self.officials),
            n(self.party),
            n(self.government),
            n(self.evaluations),
            n(self.courses),
            n(self.trainings),
            n(self.tasks),
            n(self.initiatives),
            n(self.surveys),
            n(self.files),
        )
    }
}

#[derive(Debug)]
pub enum SampleError {
    /// Wrong options or a non-empty folder without `--force` (exit 2).
    Usage(String),
    /// The files could not be written (exit 1).
    Io(String),
}

impl fmt::Display for SampleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SampleError::Usage(m) | SampleError::Io(m) => f.write_str(m),
        }
    }
}

/// A generated province: files relative to its folder, and the counts.
pub struct Province {
    pub files: Vec<(PathBuf, String)>,
    pub summary: Summary,
}

/// Upper bounds that keep a typo from filling the disk.
const MAX_COMMUNES: usize = 2_000;
const MAX_OFFICIALS: usize = 1_000_000;

/// Generate a province in memory.
pub fn generate(opts: &Options) -> Result<Province, SampleError> {
    if opts.communes == 0 || opts.communes > MAX_COMMUNES {
        return Err(SampleError::Usage(format!(
            "số xã/phường phải từ 1 đến {}, nhưng là {}",
            thousands(MAX_COMMUNES as i64),
            opts.communes
        )));
    }
    if opts.officials < opts.communes || opts.officials > MAX_OFFICIALS {
        return Err(SampleError::Usage(format!(
            "số cán bộ phải từ {} (mỗi xã/phường ít nhất một người) đến {}, nhưng là {}",
            opts.communes,
            thousands(MAX_OFFICIALS as i64),
            opts.officials
        )));
    }
    Ok(Gen::new(opts).run())
}

/// Generate a province into `dir`. A folder that exists and is not empty is
/// refused unless `force`; with `force` the shared files are overwritten and
/// the `.yaml` files of `officials/`, `evaluations/` and `trainings/` are
/// replaced.
pub fn write(dir: &Path, opts: &Options, force: bool) -> Result<Summary, SampleError> {
    let io = |p: &Path, e: std::io::Error| SampleError::Io(format!("{}: {e}", p.display()));
    if dir.exists() {
        if !dir.is_dir() {
            return Err(SampleError::Usage(format!(
                "{} đã có và không phải là thư mục",
                dir.display()
            )));
        }
        let non_empty = std::fs::read_dir(dir)
            .map_err(|e| io(dir, e))?
            .next()
            .is_some();
        if non_empty && !force {
            return Err(SampleError::Usage(format!(
                "thư mục {} đã có dữ liệu; chọn thư mục khác hoặc thêm --force để ghi đè",
                dir.display()
            )));
        }
    }
    let province = generate(opts)?;
    // Per-commune files of an earlier run (maybe other communes) would mix in.
    for sub in ["officials", "evaluations", "trainings"] {
        let d = dir.join(sub);
        if let Ok(entries) = std::fs::read_dir(&d) {
            for e in entries.flatten() {
                let p = e.path();
                if p.extension().is_some_and(|x| x == "yaml" || x == "yml") {
                    std::fs::remove_file(&p).map_err(|e| io(&p, e))?;
                }
            }
        }
    }
    for (rel, text) in &province.files {
        let p = dir.join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
        }
        std::fs::write(&p, text).map_err(|e| io(&p, e))?;
    }
    Ok(province.summary)
}

// ---------------------------------------------------------------- random

/// SplitMix64: tiny, fast, and the same sequence everywhere.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x6261_6f63_616f_2d31)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in 0..n (n > 0).
    fn below(&mut self, n: usize) -> usize {
        ((self.next() as u128 * n as u128) >> 64) as usize
    }

    /// Uniform in lo..=hi.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as usize) as i64
    }

    /// True with probability `p` per mille.
    fn chance(&mut self, p: u32) -> bool {
        self.below(1000) < p as usize
    }

    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    /// A value by integer weights.
    fn weighted<T: Copy>(&mut self, xs: &[(T, u32)]) -> T {
        let total: u32 = xs.iter().map(|x| x.1).sum();
        let mut r = self.below(total as usize) as u32;
        for &(v, w) in xs {
            if r < w {
                return v;
            }
            r -= w;
        }
        xs[xs.len() - 1].0
    }

    /// A date uniformly in from..=to.
    fn date(&mut self, from: NaiveDate, to: NaiveDate) -> NaiveDate {
        from + TimeDelta::days(self.range(0, (to - from).num_days()))
    }
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid constant date")
}

// ------------------------------------------------------------- reference

/// The reference date and period of the embedded config.
fn as_of() -> NaiveDate {
    ymd(2026, 6, 30)
}
fn period_start() -> NaiveDate {
    ymd(2026, 1, 1)
}
const PERIOD: &str = "2026-H1";

/// Levels, lowest first, as in the data model.
const EDUCATION: [&str; 5] = [
    "none",
    "intermediate",
    "college",
    "university",
    "postgraduate",
];
const THEORY: [&str; 4] = ["none", "elementary", "intermediate", "advanced"];
const IT: [&str; 3] = ["none", "basic", "advanced"];

/// A position of `inputs/positions.yaml` with what the generator needs.
struct Pos {
    id: &'static str,
    name: &'static str,
    party: bool,
    leader: bool,
    /// Required levels (indexes into the scales above).
    edu: usize,
    majors: &'static [&'static str],
    theory: usize,
    it: usize,
}

const fn pos(
    id: &'static str,
    name: &'static str,
    party: bool,
    leader: bool,
    reqs: (usize, &'static [&'static str], usize, usize),
) -> Pos {
    Pos {
        id,
        name,
        party,
        leader,
        edu: reqs.0,
        majors: reqs.1,
        theory: reqs.2,
        it: reqs.3,
    }
}

const BI_THU: usize = 0;
const CHU_TICH: usize = 6;
static POS: [Pos; 13] = [
    pos("bi-thu", "Bí thư Đảng uỷ", true, true, (3, &[], 3, 1)),
    pos(
        "pho-bi-thu-tt",
        "Phó Bí thư Thường trực Đảng uỷ",
        true,
        true,
        (3, &[], 3, 1),
    ),
    pos(
        "chu-nhiem-ubkt",
        "Chủ nhiệm Uỷ ban Kiểm tra Đảng uỷ",
        true,
        true,
        (3, &["law", "economics", "finance_accounting"], 2, 1),
    ),
    pos(
        "truong-ban-xdd",
        "Trưởng Ban Xây dựng Đảng Đảng uỷ",
        true,
        true,
        (3, &[], 2, 1),
    ),
    pos(
        "cv-van-phong-du",
        "Chuyên viên Văn phòng Đảng uỷ",
        true,
        false,
        (3, &[], 1, 1),
    ),
    pos(
        "cv-ban-xdd",
        "Chuyên viên Ban Xây dựng Đảng",
        true,
        false,
        (2, &[], 1, 0),
    ),
    pos(
        "chu-tich-ubnd",
        "Chủ tịch UBND",
        false,
        true,
        (
            3,
            &[
                "economics",
                "law",
                "agriculture",
                "finance_accounting",
                "cadastral_construction",
            ],
            2,
            1,
        ),
    ),
    pos(
        "pho-chu-tich-ubnd",
        "Phó Chủ tịch UBND",
        false,
        true,
        (3, &[], 2, 1),
    ),
    pos(
        "cc-tai-chinh-ke-toan",
        "Công chức Tài chính - Kế toán",
        false,
        false,
        (3, &["finance_accounting", "economics"], 0, 1),
    ),
    pos(
        "cc-dia-chinh-xay-dung",
        "Công chức Địa chính - Xây dựng",
        false,
        false,
        (3, &["cadastral_construction"], 0, 1),
    ),
    pos(
        "cc-tu-phap-ho-tich",
        "Công chức Tư pháp - Hộ tịch",
        false,
        false,
        (3, &["law"], 1, 1),
    ),
    pos(
        "cc-van-hoa-xa-hoi",
        "Công chức Văn hoá - Xã hội",
        false,
        false,
        (2, &["culture_society", "education", "health"], 0, 0),
    ),
    pos(
        "cv-cntt",
        "Chuyên viên công nghệ thông tin",
        false,
        false,
        (3, &["it"], 0, 2),
    ),
];

/// Leaders of a commune, in the order they are filled.
const LEADERS: [usize; 7] = [BI_THU, CHU_TICH, 1, 7, 2, 3, 7];
/// Staff positions by bloc, with weights.
const PARTY_STAFF: [(usize, u32); 2] = [(4, 55), (5, 45)];
const GOV_STAFF: [(usize, u32); 5] = [(11, 26), (9, 21), (8, 19), (10, 18), (12, 10)];
/// Share of the party bloc, per mille.
const PARTY_SHARE: usize = 420;

const MAJORS: [(&str, u32); 10] = [
    ("law", 22),
    ("economics", 16),
    ("culture_society", 14),
    ("agriculture", 10),
    ("finance_accounting", 9),
    ("cadastral_construction", 8),
    ("education", 6),
    ("it", 4),
    ("health", 2),
    ("other", 9),
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Region {
    Urban,
    Rural,
    Mountain,
    Border,
}

impl Region {
    fn code(self) -> &'static str {
        match self {
            Region::Urban => "urban",
            Region::Rural => "rural",
            Region::Mountain => "mountain",
            Region::Border => "border",
        }
    }
}

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

/// Former communes and towns (units in work histories).
const OLD_COMMUNES: [&str; 24] = [
    "Hồng Việt",
    "Chí Viễn",
    "Thể Dục",
    "Mông Ân",
    "Chí Thảo",
    "Bình Dương",
    "Dân Chủ",
    "Đức Xuân",
    "Lê Chung",
    "Ngọc Khê",
    "Cao Chương",
    "Quốc Toản",
    "Tri Phương",
    "Xuân Nội",
    "Thái Học",
    "Mai Long",
    "Ngọc Động",
    "Cách Linh",
    "Đại Sơn",
    "Phi Hải",
    "Thị Hoa",
    "Kim Loan",
    "Minh Long",
    "An Lạc",
];
const OLD_TOWNS: [&str; 10] = [
    "Nước Hai",
    "Pác Miầu",
    "Nguyên Bình",
    "Trà Lĩnh",
    "Quảng Uyên",
    "Tà Lùng",
    "Hoà Thuận",
    "Trùng Khánh",
    "Đông Khê",
    "Thông Nông",
];

// ------------------------------------------------------------------ names

const ETHNICITIES: [&str; 8] = [
    "Tày",
    "Nùng",
    "Kinh",
    "Dao",
    "H'Mông",
    "Sán Chay",
    "Lô Lô",
    "Hoa",
];

/// Ethnicity weights (per ETHNICITIES) by region.
fn ethnicity_weights(r: Region) -> [u32; 8] {
    match r {
        Urban => [45, 24, 20, 4, 2, 2, 0, 3],
        Rural => [52, 30, 8, 5, 2, 3, 0, 0],
        Mountain => [30, 20, 5, 22, 19, 1, 3, 0],
        Border => [40, 38, 5, 7, 8, 0, 2, 0],
    }
}

const FAMILY_TAY_NUNG: [(&str, u32); 22] = [
    ("Nông", 14),
    ("Hoàng", 14),
    ("Lương", 7),
    ("La", 5),
    ("Bế", 6),
    ("Lục", 5),
    ("Đàm", 4),
    ("Ma", 3),
    ("Vi", 4),
    ("Lý", 4),
    ("Hà", 3),
    ("Mạc", 2),
    ("Sầm", 2),
    ("Hứa", 2),
    ("Đinh", 2),
    ("Lăng", 2),
    ("Mông", 2),
    ("Chu", 2),
    ("Dương", 2),
    ("Lô", 1),
    ("Nguyễn", 4),
    ("Triệu", 2),
];
const FAMILY_KINH: [(&str, u32); 12] = [
    ("Nguyễn", 30),
    ("Trần", 10),
    ("Lê", 8),
    ("Phạm", 6),
    ("Hoàng", 5),
    ("Vũ", 4),
    ("Đỗ", 3),
    ("Bùi", 3),
    ("Đặng", 2),
    ("Ngô", 2),
    ("Dương", 2),
    ("Phan", 2),
];
const FAMILY_DAO: [(&str, u32); 7] = [
    ("Triệu", 30),
    ("Bàn", 20),
    ("Lý", 15),
    ("Đặng", 12),
    ("Phùng", 8),
    ("Chu", 8),
    ("Hoàng", 7),
];
const FAMILY_MONG: [(&str, u32); 9] = [
    ("Giàng", 20),
    ("Sùng", 15),
    ("Vàng", 15),
    ("Thào", 12),
    ("Lý", 12),
    ("Hầu", 8),
    ("Lầu", 6),
    ("Mùa", 6),
    ("Vừ", 6),
];
const FAMILY_SMALL: [(&str, u32); 6] = [
    ("Hoàng", 20),
    ("Lâm", 15),
    ("La", 15),
    ("Lò", 15),
    ("Sầm", 10),
    ("Chi", 10),
];

const MIDDLE_MALE: [(&str, u32); 12] = [
    ("Văn", 60),
    ("Đức", 5),
    ("Quốc", 5),
    ("Minh", 5),
    ("Thanh", 4),
    ("Hữu", 4),
    ("Xuân", 4),
    ("Trung", 3),
    ("Ngọc", 3),
    ("Tiến", 3),
    ("Đình", 2),
    ("Mạnh", 2),
];
const MIDDLE_FEMALE: [(&str, u32); 11] = [
    ("Thị", 62),
    ("Thị Thu", 6),
    ("Thị Hồng", 5),
    ("Thị Thanh", 4),
    ("Thị Minh", 3),
    ("Thị Kim", 3),
    ("Thị Hải", 3),
    ("Thu", 4),
    ("Hồng", 4),
    ("Ngọc", 3),
    ("Bích", 3),
];
const GIVEN_MALE: [&str; 48] = [
    "Hùng", "Chiến", "Thịnh", "Thạch", "Đạt", "Hoà", "Phong", "Hưng", "Ước", "Ôn", "Cường", "Dũng",
    "Hải", "Long", "Tuấn", "Nam", "Quân", "Thắng", "Toàn", "Tiến", "Trung", "Sơn", "Bình", "Khánh",
    "Lâm", "Lực", "Mạnh", "Nghĩa", "Phúc", "Quang", "Thành", "Thái", "Tùng", "Vinh", "Vượng",
    "Đông", "Hiếu", "Kiên", "Hoàn", "Huấn", "Khoa", "Luận", "Ninh", "Quyết", "Sáng", "Thuận",
    "Tuyên", "Duy",
];
const GIVEN_FEMALE: [&str; 44] = [
    "Hoa",
    "Oanh",
    "Uyên",
    "Ơn",
    "Yến",
    "Vân",
    "Hằng",
    "Hương",
    "Lan",
    "Liên",
    "Mai",
    "Nga",
    "Ngọc",
    "Nhung",
    "Phượng",
    "Thảo",
    "Thuỷ",
    "Trang",
    "Tuyết",
    "Xuân",
    "Hạnh",
    "Hiền",
    "Huệ",
    "Linh",
    "Loan",
    "Lý",
    "Minh",
    "Nhàn",
    "Quyên",
    "Thơm",
    "Dung",
    "Duyên",
    "Giang",
    "Hà",
    "Huyền",
    "Lụa",
    "Mến",
    "Nguyệt",
    "Phương",
    "Sen",
    "Thắm",
    "Thoa",
    "Tươi",
    "Vui",
];
const MIDDLE_MONG_MALE: [(&str, u32); 4] = [("A", 40), ("Seo", 25), ("Mí", 20), ("Văn", 15)];
const GIVEN_MONG_MALE: [&str; 12] = [
    "Páo", "Sử", "Chứ", "Dế", "Lử", "Pó", "Chính", "Sang", "Tủa", "Vần", "Của", "Dình",
];
const GIVEN_MONG_FEMALE: [&str; 10] = [
    "Mỷ", "Dua", "Chở", "Pà", "Máy", "Súa", "Dớ", "Xúa", "Mai", "Sua",
];
const MIDDLE_DAO_MALE: [(&str, u32); 4] = [("Văn", 60), ("Tòn", 15), ("Kiềm", 15), ("Quẩy", 10)];
const GIVEN_DAO_MALE: [&str; 12] = [
    "Tòn", "Quẩy", "Chàn", "Vinh", "Sơn", "Phin", "Kiềm", "Thành", "Hữu", "Chiêu", "Liều", "Tài",
];
const GIVEN_DAO_FEMALE: [&str; 10] = [
    "Mẩy", "Slèn", "Nái", "Phấy", "Hoa", "Lan", "Chiêu", "Mùi", "Dung", "Liên",
];

fn person_name(rng: &mut Rng, ethnicity: &str, female: bool) -> String {
    let (family, middle, given): (&str, &str, &str) = match ethnicity {
        "H'Mông" => (
            rng.weighted(&FAMILY_MONG),
            if female {
                "Thị"
            } else {
                rng.weighted(&MIDDLE_MONG_MALE)
            },
            if female {
                *rng.pick(&GIVEN_MONG_FEMALE)
            } else {
                *rng.pick(&GIVEN_MONG_MALE)
            },
        ),
        "Dao" => (
            rng.weighted(&FAMILY_DAO),
            if female {
                "Thị"
            } else {
                rng.weighted(&MIDDLE_DAO_MALE)
            },
            if female {
                *rng.pick(&GIVEN_DAO_FEMALE)
            } else {
                *rng.pick(&GIVEN_DAO_MALE)
            },
        ),
        _ => {
            let family = match ethnicity {
                "Kinh" | "Hoa" => rng.weighted(&FAMILY_KINH),
                "Sán Chay" | "Lô Lô" => rng.weighted(&FAMILY_SMALL),
                _ => rng.weighted(&FAMILY_TAY_NUNG),
            };
            if female {
                (
                    family,
                    rng.weighted(&MIDDLE_FEMALE),
                    *rng.pick(&GIVEN_FEMALE),
                )
            } else {
                (family, rng.weighted(&MIDDLE_MALE), *rng.pick(&GIVEN_MALE))
            }
        }
    };
    format!("{family} {middle} {given}")
}

/// An ASCII slug: "Đàm Thuỷ" → "dam-thuy".
fn slug(name: &str) -> String {
    let mut s = String::new();
    for c in name.nfd() {
        match c {
            'đ' | 'Đ' => s.push('d'),
            c if c.is_ascii_alphanumeric() => s.push(c.to_ascii_lowercase()),
            ' ' | '-' if !s.ends_with('-') => s.push('-'),
            _ => {}
        }
    }
    s.trim_matches('-').to_string()
}

// ------------------------------------------------------------------- YAML

/// A YAML scalar in block context: plain when that reads back as the same
/// string, else double-quoted.
fn q(s: &str) -> Cow<'_, str> {
    quote(s, false)
}

/// A YAML scalar inside a flow mapping (`{name: …, title: …}`).
fn qf(s: &str) -> Cow<'_, str> {
    quote(s, true)
}

fn quote(s: &str, flow: bool) -> Cow<'_, str> {
    let special_start = s
        .chars()
        .next()
        .is_none_or(|c| "-?:,[]{}#&*!|>'\"%@` ".contains(c));
    let numeric = s
        .chars()
        .all(|c| c.is_ascii_digit() || "-+.:_eE ".contains(c));
    let keyword = matches!(
        s.to_ascii_lowercase().as_str(),
        "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "~" | "y" | "n"
    );
    if special_start
        || numeric
        || keyword
        || s.ends_with([':', ' '])
        || s.contains(": ")
        || s.contains(" #")
        || s.contains(['\n', '\t'])
        || (flow && s.contains([',', '[', ']', '{', '}', '"']))
    {
        let escaped = s.replace('\\', "\\\\").replace('"', "\\\"");
        Cow::Owned(format!("\"{escaped}\""))
    } else {
        Cow::Borrowed(s)
    }
}

// ------------------------------------------------------------ the province

struct Commune {
    id: String,
    name: String,
    phuong: bool,
    region: Region,
    cluster: String,
    size: usize,
    /// Index of the first official of the commune.
    first: usize,
}

impl Commune {
    /// "xã" or "phường".
    fn word(&self) -> &'static str {
        if self.phuong { "phường" } else { "xã" }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Band {
    Excellent,
    Good,
    Pass,
    Fail,
}

struct Discipline {
    on: NaiveDate,
    decision: String,
    form: &'static str,
    content: &'static str,
    /// Short reason for the evaluation's weaknesses.
    reason: &'static str,
}

struct Official {
    id: String,
    name: String,
    birth: NaiveDate,
    female: bool,
    ethnicity: &'static str,
    commune: usize,
    pos: usize,
    education: usize,
    major: Option<&'static str>,
    theory: usize,
    it: usize,
    party_joined: Option<NaiveDate>,
    digital: bool,
    history: Option<(NaiveDate, String, String)>,
    reward: Option<(NaiveDate, &'static str, String)>,
    discipline: Option<Discipline>,
    band: Band,
    /// A total exactly on a threshold (90, 70, 50), if any.
    boundary: Option<u32>,
}

impl Official {
    fn disciplined_in_period(&self) -> bool {
        self.discipline
            .as_ref()
            .is_some_and(|d| d.on >= period_start() && d.on <= as_of())
    }
}

struct Gen {
    rng: Rng,
    opts: Options,
    communes: Vec<Commune>,
    officials: Vec<Official>,
    summary: Summary,
}

impl Gen {
    fn new(opts: &Options) -> Gen {
        Gen {
            rng: Rng::new(opts.seed),
            opts: opts.clone(),
            communes: Vec::new(),
            officials: Vec::new(),
            summary: Summary::default(),
        }
    }

    fn run(mut self) -> Province {
        self.make_communes();
        for c in 0..self.communes.len() {
            self.make_officials(c);
        }
        let mut files = Vec::new();
        files.push((PathBuf::from("config.yaml"), self.config_yaml()));
        files.push((PathBuf::from("positions.yaml"), POSITIONS.to_string()));
        files.push((PathBuf::from("communes.yaml"), self.communes_yaml()));
        for c in 0..self.communes.len() {
            let id = self.communes[c].id.clone();
            files.push((
                Path::new("officials").join(format!("{id}.yaml")),
                self.officials_yaml(c),
            ));
        }
        for c in 0..self.communes.len() {
            let id = self.communes[c].id.clone();
            files.push((
                Path::new("evaluations").join(format!("{id}.yaml")),
                self.evaluations_yaml(c),
            ));
        }
        let (courses, trainings) = self.training_yaml();
        files.push((PathBuf::from("training.yaml"), courses));
        // Attendances per commune: files are parsed in parallel.
        for (c, text) in trainings.into_iter().enumerate() {
            let id = self.communes[c].id.clone();
            files.push((Path::new("trainings").join(format!("{id}.yaml")), text));
        }
        files.push((PathBuf::from("tasks.yaml"), self.tasks_yaml()));
        files.push((PathBuf::from("initiatives.yaml"), self.initiatives_yaml()));
        files.push((PathBuf::from("surveys.yaml"), self.surveys_yaml()));
        self.summary.communes = self.communes.len();
        self.summary.officials = self.officials.len();
        self.summary.party = self.officials.iter().filter(|o| POS[o.pos].party).count();
        self.summary.government = self.summary.officials - self.summary.party;
        self.summary.files = files.len();
        Province {
            files,
            summary: self.summary,
        }
    }

    /// Names, kinds, regions and sizes (phường larger), ≥ 1 official each.
    fn make_communes(&mut self) {
        let m = self.opts.communes;
        let mut used: Vec<String> = Vec::new();
        for i in 0..m {
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
            let mut id = slug(&name);
            while used.contains(&id) {
                id.push_str("-2");
            }
            used.push(id.clone());
            self.communes.push(Commune {
                id,
                name,
                phuong,
                region,
                cluster,
                size: 0,
                first: 0,
            });
        }
        // Largest-remainder allocation of the officials by weight.
        let weights: Vec<usize> = (0..m)
            .map(|i| {
                let base = if self.communes[i].phuong { 125 } else { 100 };
                (base + self.rng.range(-20, 20)) as usize
            })
            .collect();
        let n = self.opts.officials - m; // one each is given first
        let total: usize = weights.iter().sum();
        let mut sizes: Vec<usize> = weights.iter().map(|w| 1 + n * w / total).collect();
        let mut rest: Vec<(usize, usize)> = weights
            .iter()
            .enumerate()
            .map(|(i, w)| (n * w % total, i))
            .collect();
        rest.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let missing = self.opts.officials - sizes.iter().sum::<usize>();
        for &(_, i) in rest.iter().take(missing) {
            sizes[i] += 1;
        }
        let mut first = 0;
        for (c, size) in self.communes.iter_mut().zip(sizes) {
            c.size = size;
            c.first = first;
            first += size;
        }
    }

    fn make_officials(&mut self, c: usize) {
        let size = self.communes[c].size;
        // Leaders, then the party staff up to the share, then government staff.
        let mut positions: Vec<usize> = LEADERS.iter().copied().take(size).collect();
        let party_leaders = positions.iter().filter(|&&p| POS[p].party).count();
        let staff = size - positions.len();
        let party_total = (size * PARTY_SHARE + 500) / 1000;
        let party_staff = party_total.saturating_sub(party_leaders).min(staff);
        let mut party: Vec<usize> = (0..party_staff)
            .map(|_| self.rng.weighted(&PARTY_STAFF))
            .collect();
        let mut gov: Vec<usize> = (0..staff - party_staff)
            .map(|_| self.rng.weighted(&GOV_STAFF))
            .collect();
        party.sort_unstable();
        gov.sort_unstable();
        positions.extend(party);
        positions.extend(gov);
        for p in positions {
            let o = self.official(c, p);
            self.officials.push(o);
        }
    }

    fn official(&mut self, c: usize, p: usize) -> Official {
        let rng = &mut self.rng;
        let commune = &self.communes[c];
        let pos = &POS[p];
        let n = self.officials.len() + 1;
        let width = self.opts.officials.to_string().len().max(5);
        let id = format!("CB{n:0width$}");

        let female = rng.chance(if pos.leader { 220 } else { 540 });
        let w = ethnicity_weights(commune.region);
        let ethnicity = rng.weighted(&[
            (ETHNICITIES[0], w[0]),
            (ETHNICITIES[1], w[1]),
            (ETHNICITIES[2], w[2]),
            (ETHNICITIES[3], w[3]),
            (ETHNICITIES[4], w[4]),
            (ETHNICITIES[5], w[5]),
            (ETHNICITIES[6], w[6]),
            (ETHNICITIES[7], w[7]),
        ]);
        let name = person_name(rng, ethnicity, female);

        // Age in completed years at as_of (triangular), then a birth date.
        let age = if pos.leader {
            (35 + rng.range(0, 12) + rng.range(0, 12)).min(59)
        } else {
            24 + rng.range(0, 16) + rng.range(0, 16)
        };
        let a = as_of();
        let y = chrono::Datelike::year(&a) - age as i32;
        let birth = rng.date(ymd(y - 1, 7, 1), ymd(y, 6, 30));

        // Levels: mostly meeting the position's standard, some gaps.
        let education = if pos.leader {
            rng.weighted(&[(4, 10), (3, 86), (2, 4)])
        } else if pos.edu <= 2 {
            rng.weighted(&[(3, 58), (2, 31), (1, 10), (0, 1)])
        } else {
            rng.weighted(&[(4, 2), (3, 78), (2, 11), (1, 8), (0, 1)])
        };
        let major = if education <= 1 && rng.chance(500) {
            None
        } else if !pos.majors.is_empty() && rng.chance(800) {
            Some(*rng.pick(pos.majors))
        } else {
            Some(rng.weighted(&MAJORS))
        };
        let theory = match (pos.leader, pos.theory) {
            (true, 3) if p == BI_THU => rng.weighted(&[(3, 66), (2, 34)]),
            (true, 3) => rng.weighted(&[(3, 45), (2, 55)]),
            (true, _) => rng.weighted(&[(3, 15), (2, 75), (1, 10)]),
            (false, _) if pos.party => rng.weighted(&[(2, 45), (1, 50), (0, 5)]),
            (false, _) => rng.weighted(&[(3, 2), (2, 45), (1, 35), (0, 18)]),
        };
        let it = if pos.it == 2 {
            rng.weighted(&[(2, 85), (1, 15)])
        } else if age >= 50 {
            rng.weighted(&[(2, 2), (1, 58), (0, 40)])
        } else {
            rng.weighted(&[(2, 9), (1, 74), (0, 17)])
        };

        // Party members: the whole party bloc, the leaders, most staff.
        let party_joined = if pos.party || pos.leader || rng.chance(620) {
            let join_age = 20 + rng.range(0, (age - 22).clamp(0, 14));
            let d = rng.date(
                ymd(chrono::Datelike::year(&birth) + join_age as i32, 1, 5),
                ymd(chrono::Datelike::year(&birth) + join_age as i32, 12, 20),
            );
            Some(d.min(a - TimeDelta::days(400)))
        } else {
            None
        };
        let remote = matches!(commune.region, Mountain | Border);
        let digital = rng.chance(if remote { 860 } else { 940 });
        let history = rng.chance(550).then(|| history(rng, commune, pos));

        // Evaluation band, some totals exactly on a threshold.
        let mut band = rng.weighted(&[
            (Band::Excellent, 140),
            (Band::Good, 685),
            (Band::Pass, 145),
            (Band::Fail, 30),
        ]);
        let boundary = (n % 97 == 41).then(|| [90, 70, 50][(n / 97) % 3]);
        match boundary {
            Some(90) => band = Band::Excellent,
            Some(70) => band = Band::Good,
            Some(_) => band = Band::Pass,
            None => {}
        }
        let discipline = if boundary.is_none() && rng.chance(30) {
            Some(discipline(rng, pos))
        } else {
            None
        };
        if discipline.as_ref().is_some_and(|d| d.on >= period_start()) && band == Band::Excellent {
            band = Band::Good;
        }
        let reward_chance = match band {
            Band::Excellent => 350,
            Band::Good => 120,
            _ => 20,
        };
        let reward = (discipline.is_none() && rng.chance(reward_chance))
            .then(|| reward(rng, commune, party_joined.is_some()));
        Official {
            id,
            name,
            birth,
            female,
            ethnicity,
            commune: c,
            pos: p,
            education,
            major,
            theory,
            it,
            party_joined,
            digital,
            history,
            reward,
            discipline,
            band,
            boundary,
        }
    }

    fn config_yaml(&self) -> String {
        let mut s = format!(
            "# Tỉnh mẫu sinh tự động (baocao sample --seed {}): {} xã/phường, {} cán bộ; dữ liệu hư cấu.\n",
            self.opts.seed,
            self.communes.len(),
            self.officials.len()
        );
        s.push_str(CONFIG);
        s
    }

    fn communes_yaml(&self) -> String {
        let mut s = String::from(
            "# Các xã, phường của tỉnh mẫu (địa danh theo tỉnh Cao Bằng, tên người là hư cấu).\n# region: urban | rural | mountain | border; cluster: huyện (thành phố) cũ.\ncommunes:\n",
        );
        for c in &self.communes {
            let secretary = &self.officials[c.first].name;
            let _ = write!(
                s,
                "  - id: {}\n    name: {}\n    kind: {}\n    region: {}\n    cluster: {}\n    secretary: {}\n\n",
                c.id,
                q(&c.name),
                if c.phuong { "phuong" } else { "xa" },
                c.region.code(),
                q(&c.cluster),
                q(secretary)
            );
        }
        s
    }

    fn officials_yaml(&self, c: usize) -> String {
        let commune = &self.communes[c];
        let mut s = format!(
            "# Cán bộ, công chức {} {} (dữ liệu mẫu sinh tự động, tên người là hư cấu).\nofficials:\n",
            commune.word(),
            commune.name
        );
        for o in &self.officials[commune.first..commune.first + commune.size] {
            let pos = &POS[o.pos];
            let _ = write!(
                s,
                "  - id: {}\n    name: {}\n    birth_date: {}\n    gender: {}\n    ethnicity: {}\n    commune: {}\n    bloc: {}\n    position: {}\n",
                o.id,
                q(&o.name),
                o.birth,
                if o.female { "female" } else { "male" },
                q(o.ethnicity),
                commune.id,
                if pos.party { "party" } else { "government" },
                pos.id
            );
            if pos.leader {
                let _ = writeln!(s, "    title: {} {}", pos.name, commune.word());
            }
            let _ = writeln!(s, "    education: {}", EDUCATION[o.education]);
            if let Some(m) = o.major {
                let _ = writeln!(s, "    major: {m}");
            }
            let _ = write!(
                s,
                "    political_theory: {}\n    it_skill: {}\n",
                THEORY[o.theory], IT[o.it]
            );
            if let Some(d) = o.party_joined {
                let _ = writeln!(s, "    party_joined_on: {d}");
            }
            let _ = writeln!(s, "    digital_profile: {}", o.digital);
            if let Some((from, unit, role)) = &o.history {
                let _ = write!(
                    s,
                    "    history:\n      - from: {from}\n        to: 2025-06-30\n        unit: {}\n        role: {}\n",
                    q(unit),
                    q(role)
                );
            }
            if let Some((on, decision, content)) = &o.reward {
                let _ = write!(
                    s,
                    "    rewards:\n      - on: {on}\n        decision: {}\n        content: {}\n",
                    q(decision),
                    q(content)
                );
            }
            if let Some(d) = &o.discipline {
                let _ = write!(
                    s,
                    "    disciplines:\n      - on: {}\n        decision: {}\n        form: {}\n        content: {}\n",
                    d.on,
                    q(&d.decision),
                    q(d.form),
                    q(d.content)
                );
            }
            s.push('\n');
        }
        s
    }

    fn evaluations_yaml(&mut self, c: usize) -> String {
        let (first, size, word, name) = {
            let cm = &self.communes[c];
            (cm.first, cm.size, cm.word(), cm.name.clone())
        };
        let mut s = format!(
            "# Kết quả đánh giá theo Bộ chỉ số KPI (Phụ lục 1), 6 tháng đầu năm 2026, {word} {name} (dữ liệu mẫu).\n# k1..k4: kết quả thực hiện nhiệm vụ (40%); k5..k7: phục vụ người dân, doanh nghiệp (25%);\n# k8..k9: phối hợp, điều hành (20%); k10..k11: kỷ luật, liêm chính công vụ (15%).\nevaluations:\n"
        );
        // The commune's Bí thư and Chủ tịch evaluate the others.
        let secretary = self.officials[first].name.clone();
        let chair = self.officials[first..first + size]
            .iter()
            .find(|o| o.pos == CHU_TICH)
            .map(|o| o.name.clone());
        for i in first..first + size {
            let o = &self.officials[i];
            let scores = scores(&mut self.rng, o);
            count_rating(&mut self.summary, &scores, o.disciplined_in_period());
            let _ = write!(
                s,
                "  - official: {}\n    period: {PERIOD}\n    scores: {{",
                o.id
            );
            for (k, v) in scores.iter().enumerate() {
                let sep = if k == 0 { "" } else { ", " };
                let _ = write!(s, "{sep}k{}: {v}", k + 1);
            }
            s.push_str("}\n");
            let leader = POS[o.pos].leader;
            let rng = &mut self.rng;
            if rng.chance(970) {
                let list: &[&str] = match o.band {
                    Band::Excellent if leader => &SELF_LEADER,
                    Band::Excellent => &SELF_EXCELLENT,
                    Band::Good => &SELF_GOOD,
                    Band::Pass => &SELF_PASS,
                    Band::Fail => &SELF_FAIL,
                };
                let _ = writeln!(s, "    self_assessment: {}", q(rng.pick::<&str>(list)));
            }
            if rng.chance(950) {
                let a = rng.below(STRENGTHS.len());
                let text = if rng.chance(600) {
                    let b = (a + 1 + rng.below(STRENGTHS.len() - 1)) % STRENGTHS.len();
                    format!("{} {}", STRENGTHS[a], STRENGTHS[b])
                } else {
                    STRENGTHS[a].to_string()
                };
                let _ = writeln!(s, "    strengths: {}", q(&text));
            }
            let in_period = o.discipline.as_ref().filter(|_| o.disciplined_in_period());
            if let Some(d) = in_period {
                let text = format!(
                    "Bị kỷ luật {} trong kỳ do {}. {}",
                    d.form.to_lowercase(),
                    d.reason,
                    rng.pick(&WEAKNESSES)
                );
                let _ = writeln!(s, "    weaknesses: {}", q(&text));
            } else if rng.chance(950) {
                let a = rng.below(WEAKNESSES.len());
                let text = if rng.chance(200) {
                    let b = (a + 1 + rng.below(WEAKNESSES.len() - 1)) % WEAKNESSES.len();
                    format!("{} {}", WEAKNESSES[a], WEAKNESSES[b])
                } else {
                    WEAKNESSES[a].to_string()
                };
                let _ = writeln!(s, "    weaknesses: {}", q(&text));
            }
            let evaluator = if o.pos == BI_THU {
                None
            } else if POS[o.pos].party || o.pos == CHU_TICH || chair.is_none() {
                Some((secretary.as_str(), format!("Bí thư Đảng uỷ {word}")))
            } else {
                chair
                    .as_deref()
                    .map(|c| (c, format!("Chủ tịch UBND {word}")))
            };
            if let Some((n, t)) = evaluator.filter(|_| rng.chance(900)) {
                let _ = writeln!(s, "    evaluator: {{name: {}, title: {}}}", qf(n), qf(&t));
            }
            s.push('\n');
        }
        self.summary.evaluations += size;
        s
    }
}

/// Count one evaluation's rating (default thresholds, discipline cap).
fn count_rating(summary: &mut Summary, k: &[u32; 11], capped: bool) {
    {
        let t = weighted_total(k);
        if t == 108_000 || t == 84_000 || t == 60_000 {
            summary.boundary += 1;
        }
        let mut r = if t >= 108_000 {
            0
        } else if t >= 84_000 {
            1
        } else if t >= 60_000 {
            2
        } else {
            3
        };
        if capped {
            r = r.max(2);
        }
        summary.ratings[r] += 1;
    }
}

impl Gen {
    /// The courses, and the attendances of each commune's officials.
    fn training_yaml(&mut self) -> (String, Vec<String>) {
        let mut s = String::from(
            "# Các khoá đào tạo, bồi dưỡng và danh sách tham gia (dữ liệu mẫu sinh tự động).\ncourses:\n",
        );
        for c in &COURSES {
            let _ = write!(
                s,
                "  - id: {}\n    name: {}\n    kind: {}\n",
                c.id,
                q(c.name),
                c.kind
            );
            if let Some((k, v)) = c.grants {
                let _ = writeln!(s, "    grants: {{{k}: {v}}}");
            }
            let _ = write!(
                s,
                "    start: {}\n    end: {}\n    organizer: {}\n\n",
                c.start,
                c.end,
                q(c.organizer)
            );
        }
        self.summary.courses = COURSES.len();
        let mut per: Vec<String> = (0..self.communes.len())
            .map(|_| {
                String::from(
                    "# Danh sách tham gia đào tạo, bồi dưỡng (dữ liệu mẫu sinh tự động).\ntrainings:\n",
                )
            })
            .collect();
        let mut n = 0;
        for i in 0..self.officials.len() {
            let t = &mut per[self.officials[i].commune];
            for (course, status) in trainings(&mut self.rng, &self.officials[i], &self.communes) {
                let _ = write!(
                    t,
                    "  - official: {}\n    course: {}\n    status: {}\n",
                    self.officials[i].id, course.id, status
                );
                if status == "completed" {
                    let _ = writeln!(t, "    completed_on: {}", course.done);
                }
                n += 1;
            }
        }
        self.summary.trainings = n;
        (s, per)
    }

    fn tasks_yaml(&mut self) -> String {
        let mut s = String::from(
            "# Nhiệm vụ được giao có thời hạn (theo dõi tiến độ, cảnh báo sớm).\ntasks:\n",
        );
        let mut n = 0;
        for c in 0..self.communes.len() {
            let cm = &self.communes[c];
            let rng = &mut self.rng;
            let mut pool: Vec<&(usize, &str, Option<Region>)> = TASKS
                .iter()
                .filter(|t| t.2.is_none_or(|r| r == cm.region))
                .collect();
            let count = (3 + cm.size / 8 + rng.below(3)).min(pool.len());
            for _ in 0..count {
                let (p, title, _) = *pool.swap_remove(rng.below(pool.len()));
                n += 1;
                let title = title
                    .replace("{dv}", cm.word())
                    .replace("{ten}", &cm.name)
                    .replace("{xom}", if cm.phuong { "tổ dân phố" } else { "xóm" })
                    .replace("{n}", &(10 + 5 * rng.range(1, 30)).to_string())
                    .replace("{n2}", &format!("{:02}", rng.range(2, 9)));
                let owners: Vec<&Official> = self.officials[cm.first..cm.first + cm.size]
                    .iter()
                    .filter(|o| o.pos == p)
                    .collect();
                let owner = if owners.is_empty() || rng.chance(30) {
                    None
                } else {
                    Some(&owners[rng.below(owners.len())].id)
                };
                let due = month_end(rng.range(1, 9) as u32);
                let due = if rng.chance(300) {
                    due - TimeDelta::days(rng.range(5, 15))
                } else {
                    due
                };
                let done = if due < as_of() {
                    match rng.weighted(&[(0, 64), (1, 18), (2, 18)]) {
                        0 => Some(due - TimeDelta::days(rng.range(0, 12))),
                        1 => Some((due + TimeDelta::days(rng.range(1, 25))).min(as_of())),
                        _ => None,
                    }
                } else if rng.chance(350) {
                    Some(as_of() - TimeDelta::days(rng.range(0, 20)))
                } else {
                    None
                };
                if done.is_none_or(|d| d > due) && due < as_of() {
                    self.summary.late_tasks += 1;
                }
                let _ = write!(
                    s,
                    "  - id: NV-2026-{n:04}\n    title: {}\n    commune: {}\n",
                    q(&title),
                    cm.id
                );
                if let Some(o) = owner {
                    let _ = writeln!(s, "    owner: {o}");
                }
                let _ = writeln!(s, "    due: {due}");
                if let Some(d) = done {
                    let _ = writeln!(s, "    done_on: {d}");
                }
                s.push('\n');
            }
        }
        self.summary.tasks = n;
        s
    }

    fn initiatives_yaml(&mut self) -> String {
        let mut s = String::from(
            "# Sáng kiến quản trị hiệu quả; replicated: true = đã được Tỉnh nhân rộng toàn tỉnh.\ninitiatives:\n",
        );
        let mut n = 0;
        for cm in &self.communes {
            let rng = &mut self.rng;
            let count = rng.weighted(&[(0, 20), (1, 45), (2, 25), (3, 10)]);
            let mut pool: Vec<&(&str, Option<Region>)> = INITIATIVES
                .iter()
                .filter(|t| t.1.is_none_or(|r| r == cm.region))
                .collect();
            for _ in 0..count {
                let (title, _) = *pool.swap_remove(rng.below(pool.len()));
                n += 1;
                let _ = write!(
                    s,
                    "  - id: SK-{n:04}\n    commune: {}\n    title: {}\n    year: {}\n    replicated: {}\n\n",
                    cm.id,
                    q(&title.replace("{dv}", cm.word())),
                    rng.weighted(&[(2025, 40), (2026, 60)]),
                    rng.chance(250)
                );
            }
        }
        self.summary.initiatives = n;
        s
    }

    fn surveys_yaml(&mut self) -> String {
        let mut s = String::from(
            "# Kết quả khảo sát mức độ hài lòng 6 tháng đầu năm 2026 (ba kênh: người dân, doanh nghiệp, nội bộ).\nsurveys:\n",
        );
        let mut n = 0;
        for cm in &self.communes {
            let rng = &mut self.rng;
            let size = cm.size as i64;
            let channels = [
                ("citizens", 150 + 3 * size + rng.range(0, 120), (820, 965)),
                (
                    "businesses",
                    if cm.phuong { 45 } else { 15 } + rng.range(0, 40),
                    (780, 940),
                ),
                ("internal", size + rng.range(10, 40), (850, 975)),
            ];
            for (channel, respondents, (lo, hi)) in channels {
                let satisfied = respondents * rng.range(lo, hi) / 1000;
                n += 1;
                let _ = write!(
                    s,
                    "  - commune: {}\n    period: {PERIOD}\n    channel: {channel}\n    respondents: {respondents}\n    satisfied: {satisfied}\n\n",
                    cm.id
                );
            }
        }
        self.summary.surveys = n;
        s
    }
}

fn month_end(m: u32) -> NaiveDate {
    let next = if m == 12 {
        ymd(2027, 1, 1)
    } else {
        ymd(2026, m + 1, 1)
    };
    next - TimeDelta::days(1)
}

/// A previous post before the 2025 reorganisation.
fn history(rng: &mut Rng, c: &Commune, pos: &Pos) -> (NaiveDate, String, String) {
    let from = ymd(
        rng.range(2015, 2023) as i32,
        *rng.pick(&[1u32, 4, 7, 10]),
        1,
    );
    let city = c.cluster.starts_with("Thành phố");
    let (gov, party, level) = if city {
        (
            "UBND thành phố Cao Bằng".to_string(),
            "Thành uỷ Cao Bằng".to_string(),
            "Thành uỷ",
        )
    } else {
        (
            format!("UBND huyện {}", c.cluster),
            format!("Huyện uỷ {}", c.cluster),
            "Huyện uỷ",
        )
    };
    let old = if rng.chance(700) {
        format!("xã {}", rng.pick(&OLD_COMMUNES))
    } else if city {
        format!(
            "phường {}",
            rng.pick(&["Hợp Giang", "Sông Bằng", "Sông Hiến", "Đề Thám"])
        )
    } else {
        format!("thị trấn {}", rng.pick(&OLD_TOWNS))
    };
    let local = rng.chance(450);
    let (unit, role) = match (pos.party, pos.leader, local) {
        (true, true, true) => (
            format!("Đảng uỷ {old}"),
            rng.pick(&["Bí thư Đảng uỷ", "Phó Bí thư Đảng uỷ"])
                .to_string(),
        ),
        (true, true, false) => (
            party,
            rng.pick(&[
                "Phó Bí thư {c}",
                "Trưởng Ban Tổ chức {c}",
                "Phó Trưởng Ban Tổ chức {c}",
                "Phó Chủ nhiệm Uỷ ban Kiểm tra {c}",
            ])
            .replace("{c}", level),
        ),
        (true, false, true) => (
            format!("Đảng uỷ {old}"),
            "Chuyên viên Văn phòng Đảng uỷ".to_string(),
        ),
        (true, false, false) => (
            party,
            rng.pick(&[
                "Chuyên viên Văn phòng {c}",
                "Chuyên viên Ban Tổ chức {c}",
                "Chuyên viên Ban Tuyên giáo {c}",
            ])
            .replace("{c}", level),
        ),
        (false, true, true) => (
            format!("UBND {old}"),
            rng.pick(&["Chủ tịch UBND", "Phó Chủ tịch UBND"])
                .to_string(),
        ),
        (false, true, false) => (
            gov,
            rng.pick(&[
                "Phó Chủ tịch UBND {c}",
                "Trưởng Phòng Nông nghiệp và Phát triển nông thôn",
                "Trưởng Phòng Tài chính - Kế hoạch",
                "Phó Trưởng Phòng Nội vụ",
            ])
            .replace("{c}", if city { "thành phố" } else { "huyện" }),
        ),
        (false, false, true) => (format!("UBND {old}"), pos.name.to_string()),
        (false, false, false) => {
            let dept = match pos.id {
                "cc-tai-chinh-ke-toan" => "Tài chính - Kế hoạch",
                "cc-dia-chinh-xay-dung" => "Tài nguyên và Môi trường",
                "cc-tu-phap-ho-tich" => "Tư pháp",
                _ => "Văn hoá và Thông tin",
            };
            (gov, format!("Chuyên viên Phòng {dept}"))
        }
    };
    (from, unit, role)
}

fn reward(rng: &mut Rng, c: &Commune, member: bool) -> (NaiveDate, &'static str, String) {
    let choice = rng.weighted(&[
        (0, 35),
        (1, if member { 20 } else { 0 }),
        (2, 15),
        (3, 15),
        (4, 15),
    ]);
    let cluster = if c.cluster.starts_with("Thành phố") {
        "thành phố Cao Bằng".to_string()
    } else {
        format!("huyện {}", c.cluster)
    };
    match choice {
        0 => (
            ymd(2025, 12, 26),
            "3214/QĐ-UBND",
            "Bằng khen của Chủ tịch UBND tỉnh về thành tích xuất sắc trong thực hiện sắp xếp đơn vị hành chính và xây dựng chính quyền địa phương hai cấp".to_string(),
        ),
        1 => (
            ymd(2026, 1, 20),
            "152-QĐ/TU",
            "Giấy khen của Ban Thường vụ Tỉnh uỷ: Đảng viên hoàn thành xuất sắc nhiệm vụ tiêu biểu năm 2025".to_string(),
        ),
        2 => (
            ymd(2026, 1, 15),
            "08-QĐ/ĐU",
            format!(
                "Giấy khen của Đảng uỷ {} {}: Hoàn thành xuất sắc nhiệm vụ năm 2025",
                c.word(),
                c.name
            ),
        ),
        3 => (
            ymd(2026, 1, 12),
            "15/QĐ-UBND",
            format!(
                "Giấy khen của Chủ tịch UBND {} {}: Hoàn thành xuất sắc nhiệm vụ năm 2025",
                c.word(),
                c.name
            ),
        ),
        _ => (
            ymd(2024, 12, 20),
            "968/QĐ-UBND",
            format!("Giấy khen của Chủ tịch UBND {cluster}: Chiến sĩ thi đua cơ sở năm 2024"),
        ),
    }
}

/// (content, short reason for the evaluation)
const DISCIPLINE_PARTY: [(&str, &str); 3] = [
    (
        "Vi phạm quy định về chế độ báo cáo và quản lý hồ sơ, tài liệu của Văn phòng Đảng uỷ",
        "vi phạm quy định về quản lý văn bản, tài liệu",
    ),
    (
        "Vi phạm quy định về thực hiện nhiệm vụ được giao, chậm tham mưu báo cáo theo yêu cầu của cấp trên",
        "chậm tham mưu báo cáo theo yêu cầu của cấp trên",
    ),
    (
        "Vi phạm quy định về quản lý, sử dụng đảng phí tại chi bộ",
        "sai sót trong quản lý, sử dụng đảng phí",
    ),
];
const DISCIPLINE_GOV: [(&str, &str); 3] = [
    (
        "Vi phạm quy định về quản lý, thanh quyết toán kinh phí hỗ trợ phát triển sản xuất",
        "sai sót trong thanh quyết toán kinh phí",
    ),
    (
        "Thiếu trách nhiệm trong thẩm định hồ sơ cấp phép xây dựng, để xảy ra sai sót phải thu hồi giấy phép",
        "sai sót trong thẩm định hồ sơ cấp phép xây dựng",
    ),
    (
        "Để hồ sơ thủ tục hành chính quá hạn nhiều lần, gây phiền hà cho người dân",
        "để hồ sơ thủ tục hành chính quá hạn",
    ),
];

fn discipline(rng: &mut Rng, pos: &Pos) -> Discipline {
    let on = if rng.chance(450) {
        rng.date(ymd(2026, 1, 5), ymd(2026, 6, 25))
    } else {
        rng.date(ymd(2023, 3, 1), ymd(2025, 12, 20))
    };
    let (content, reason) = if pos.party {
        *rng.pick(&DISCIPLINE_PARTY)
    } else {
        *rng.pick(&DISCIPLINE_GOV)
    };
    let number = rng.range(3, 480);
    Discipline {
        on,
        decision: if pos.party {
            format!("{number:02}-QĐ/UBKT")
        } else {
            format!("{number}/QĐ-UBND")
        },
        form: rng.weighted(&[("Khiển trách", 70), ("Cảnh cáo", 30)]),
        content,
        reason,
    }
}

// ------------------------------------------------------------ evaluations

/// Indicator weights × 1,200: the total on a 100-point scale is
/// Σ wᵢ·kᵢ / 1,200 (groups k1–k4, k5–k7, k8–k9, k10–k11 at 40/25/20/15).
const W: [u32; 11] = [120, 120, 120, 120, 100, 100, 100, 120, 120, 90, 90];

fn weighted_total(k: &[u32; 11]) -> u32 {
    k.iter().zip(W).map(|(k, w)| k * w).sum()
}

/// Eleven scores around the official's band; a boundary official's total
/// is exactly the threshold.
fn scores(rng: &mut Rng, o: &Official) -> [u32; 11] {
    if let Some(t) = o.boundary {
        for _ in 0..20 {
            let mut k = draw(rng, t as i64 * 10, false);
            if fix_total(&mut k, t * 1200) {
                return k;
            }
        }
        return [t; 11];
    }
    let t = match o.band {
        Band::Excellent => rng.range(900, 965),
        Band::Good => rng.range(700, 895),
        Band::Pass => rng.range(500, 695),
        Band::Fail => rng.range(380, 495),
    };
    draw(rng, t, o.disciplined_in_period())
}

/// Scores around a target total `t` (tenths); discipline scores run higher
/// unless the official was disciplined in the period.
fn draw(rng: &mut Rng, t: i64, disciplined: bool) -> [u32; 11] {
    let mut k = [0u32; 11];
    for (i, v) in k.iter_mut().enumerate() {
        let x = match i {
            0..=3 => t + rng.range(-60, 60),
            4..=6 => t + rng.range(-80, 80),
            7 | 8 => t + rng.range(-70, 70),
            _ if disciplined => 650 + rng.range(0, 150),
            _ => t + 50 + rng.range(-50, 90),
        };
        *v = ((x + 5) / 10).clamp(0, 100) as u32;
    }
    k
}

/// Adjust `k` so that Σ wᵢ·kᵢ = target, in small steps within 0..=100:
/// solve Δ/10 = 12a + 10b + 9c for the smallest |a|+|b|+|c| and spread a
/// over k1–k4, k8–k9, b over k5–k7, c over k10–k11.
fn fix_total(k: &mut [u32; 11], target: u32) -> bool {
    let d = target as i64 - weighted_total(k) as i64;
    if d % 10 != 0 {
        return false;
    }
    let d = d / 10;
    let mut best: Option<(i64, i64, i64)> = None;
    for a in -40i64..=40 {
        for b in -40i64..=40 {
            let rem = d - 12 * a - 10 * b;
            if rem % 9 != 0 {
                continue;
            }
            let c = rem / 9;
            let cost = a.abs() + b.abs() + c.abs();
            if best.is_none_or(|(x, y, z)| cost < x.abs() + y.abs() + z.abs()) {
                best = Some((a, b, c));
            }
        }
    }
    let Some((a, b, c)) = best else {
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
    spread(k, &[0, 1, 2, 3, 7, 8], a)
        && spread(k, &[4, 5, 6], b)
        && spread(k, &[9, 10], c)
        && weighted_total(k) == target
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

struct Course {
    id: &'static str,
    name: &'static str,
    kind: &'static str,
    grants: Option<(&'static str, &'static str)>,
    start: &'static str,
    end: &'static str,
    /// Completion date of a completed attendance (≤ as_of).
    done: &'static str,
    organizer: &'static str,
}

static COURSES: [Course; 14] = [
    Course {
        id: "llct-sc-2026",
        name: "Sơ cấp lý luận chính trị",
        kind: "political_theory",
        grants: Some(("political_theory", "elementary")),
        start: "2026-03-02",
        end: "2026-04-24",
        done: "2026-04-24",
        organizer: "Trường Chính trị tỉnh Cao Bằng",
    },
    Course {
        id: "llct-tc-2025",
        name: "Trung cấp lý luận chính trị - hành chính (khoá 2025, hệ không tập trung)",
        kind: "political_theory",
        grants: Some(("political_theory", "intermediate")),
        start: "2025-03-03",
        end: "2025-12-19",
        done: "2025-12-19",
        organizer: "Trường Chính trị tỉnh Cao Bằng",
    },
    Course {
        id: "llct-tc-2026",
        name: "Trung cấp lý luận chính trị - hành chính (khoá 2026)",
        kind: "political_theory",
        grants: Some(("political_theory", "intermediate")),
        start: "2026-05-04",
        end: "2026-11-30",
        done: "2026-11-30",
        organizer: "Trường Chính trị tỉnh Cao Bằng",
    },
    Course {
        id: "llct-cc-2025",
        name: "Cao cấp lý luận chính trị (hệ không tập trung)",
        kind: "political_theory",
        grants: Some(("political_theory", "advanced")),
        start: "2025-03-10",
        end: "2026-09-25",
        done: "2026-09-25",
        organizer: "Học viện Chính trị khu vực I",
    },
    Course {
        id: "cm-dat-dai-2026",
        name: "Bồi dưỡng nghiệp vụ quản lý đất đai, đo đạc bản đồ và trật tự xây dựng cấp xã",
        kind: "professional",
        grants: None,
        start: "2026-03-09",
        end: "2026-03-20",
        done: "2026-03-20",
        organizer: "Sở Nông nghiệp và Môi trường",
    },
    Course {
        id: "cm-tckt-2026",
        name: "Bồi dưỡng nghiệp vụ quản lý tài chính, ngân sách và kế toán xã",
        kind: "professional",
        grants: None,
        start: "2026-04-06",
        end: "2026-04-17",
        done: "2026-04-17",
        organizer: "Sở Tài chính",
    },
    Course {
        id: "cm-tu-phap-2026",
        name: "Bồi dưỡng nghiệp vụ tư pháp, hộ tịch và chứng thực điện tử",
        kind: "professional",
        grants: None,
        start: "2026-05-18",
        end: "2026-05-29",
        done: "2026-05-29",
        organizer: "Sở Tư pháp",
    },
    Course {
        id: "kns-2026-d1",
        name: "Bồi dưỡng kỹ năng số: quản lý văn bản điện tử, dịch vụ công trực tuyến, an toàn thông tin (đợt 1)",
        kind: "digital_skills",
        grants: Some(("it_skill", "basic")),
        start: "2026-03-23",
        end: "2026-03-27",
        done: "2026-03-27",
        organizer: "Sở Khoa học và Công nghệ",
    },
    Course {
        id: "kns-2026-d2",
        name: "Bồi dưỡng kỹ năng số: quản lý văn bản điện tử, dịch vụ công trực tuyến, an toàn thông tin (đợt 2)",
        kind: "digital_skills",
        grants: Some(("it_skill", "basic")),
        start: "2026-06-22",
        end: "2026-07-01",
        done: "2026-07-01",
        organizer: "Sở Khoa học và Công nghệ",
    },
    Course {
        id: "kn-lanh-dao-2026",
        name: "Bồi dưỡng kỹ năng lãnh đạo, quản lý, quản trị địa phương cho cán bộ chủ chốt cấp xã (đợt 1: 11 - 22/5; đợt 2: 7 - 18/9/2026)",
        kind: "leadership_skills",
        grants: None,
        start: "2026-05-11",
        end: "2026-09-18",
        done: "2026-05-22",
        organizer: "Ban Tổ chức Tỉnh uỷ phối hợp Trường Chính trị tỉnh Cao Bằng",
    },
    Course {
        id: "qlnn-cv-2025",
        name: "Bồi dưỡng kiến thức quản lý nhà nước chương trình chuyên viên",
        kind: "state_management",
        grants: None,
        start: "2025-09-08",
        end: "2025-11-28",
        done: "2025-11-28",
        organizer: "Sở Nội vụ",
    },
    Course {
        id: "qlnn-cvc-2026",
        name: "Bồi dưỡng kiến thức quản lý nhà nước chương trình chuyên viên chính",
        kind: "state_management",
        grants: None,
        start: "2026-08-03",
        end: "2026-10-30",
        done: "2026-10-30",
        organizer: "Sở Nội vụ",
    },
    Course {
        id: "tieng-dtts-2026",
        name: "Bồi dưỡng tiếng dân tộc thiểu số (Tày - Nùng, Mông, Dao) cho cán bộ, công chức cấp xã",
        kind: "other",
        grants: None,
        start: "2026-04-13",
        end: "2026-05-29",
        done: "2026-05-29",
        organizer: "Sở Dân tộc và Tôn giáo",
    },
    Course {
        id: "pccc-2026",
        name: "Tập huấn phòng cháy, chữa cháy và cứu nạn, cứu hộ cho lực lượng cơ sở",
        kind: "other",
        grants: None,
        start: "2026-06-08",
        end: "2026-06-10",
        done: "2026-06-10",
        organizer: "Công an tỉnh Cao Bằng",
    },
];

fn course(id: &str) -> &'static Course {
    COURSES
        .iter()
        .find(|c| c.id == id)
        .expect("a course of the table")
}

/// The attendances of one official: courses that close their gaps, plus
/// the broad programmes (digital skills, leadership, state management).
fn trainings(
    rng: &mut Rng,
    o: &Official,
    communes: &[Commune],
) -> Vec<(&'static Course, &'static str)> {
    let pos = &POS[o.pos];
    let mut out = Vec::new();
    // Political theory below the standard.
    if o.theory < pos.theory {
        let status = rng.weighted(&[("enrolled", 55), ("planned", 30), ("dropped", 5), ("", 10)]);
        let id = match pos.theory {
            3 => "llct-cc-2025",
            2 => "llct-tc-2026",
            _ => "llct-sc-2026",
        };
        // The elementary course is over: most attended it to the end.
        let status = if id == "llct-sc-2026" && status == "enrolled" {
            "completed"
        } else if id == "llct-cc-2025" && status == "planned" {
            "enrolled"
        } else {
            status
        };
        if !status.is_empty() {
            out.push((course(id), status));
        }
    } else if o.theory == 2 && rng.chance(100) {
        out.push((course("llct-tc-2025"), "completed"));
    }
    // Professional courses by post.
    let prof = match pos.id {
        "cc-dia-chinh-xay-dung" => Some("cm-dat-dai-2026"),
        "cc-tai-chinh-ke-toan" => Some("cm-tckt-2026"),
        "cc-tu-phap-ho-tich" => Some("cm-tu-phap-2026"),
        _ => None,
    };
    if let Some(id) = prof
        && rng.chance(600)
    {
        let status = rng.weighted(&[("completed", 90), ("dropped", 10)]);
        out.push((course(id), status));
    }
    // Digital skills: first round done by many, second round running.
    if rng.chance(if o.it == 0 { 550 } else { 380 }) {
        let status = rng.weighted(&[("completed", 93), ("dropped", 7)]);
        out.push((course("kns-2026-d1"), status));
    } else if rng.chance(250) {
        out.push((course("kns-2026-d2"), "enrolled"));
    }
    if pos.leader {
        let status = rng.weighted(&[("completed", 58), ("planned", 37), ("dropped", 5)]);
        out.push((course("kn-lanh-dao-2026"), status));
    } else if rng.chance(150) {
        out.push((course("qlnn-cv-2025"), "completed"));
    } else if rng.chance(60) {
        out.push((course("qlnn-cvc-2026"), "planned"));
    }
    let remote = matches!(communes[o.commune].region, Mountain | Border);
    if remote && (o.ethnicity == "Kinh" || rng.chance(40)) && rng.chance(600) {
        out.push((course("tieng-dtts-2026"), "completed"));
    }
    if rng.chance(30) {
        out.push((course("pccc-2026"), "completed"));
    }
    // Completed attendances of courses that end after as_of are enrolled.
    for (c, status) in &mut out {
        if *status == "completed" && c.done > "2026-06-30" {
            *status = "enrolled";
        }
    }
    out
}

// ------------------------------------------------------------------ tasks

/// (owner position, title, only in this region). `{dv}` = xã/phường,
/// `{ten}` = the commune's name, `{xom}` = xóm/tổ dân phố, `{n}`/`{n2}` numbers.
static TASKS: [(usize, &str, Option<Region>); 34] = [
    (9, "Lập kế hoạch sử dụng đất năm 2026 của {dv}", None),
    (9, "Thống kê đất đai định kỳ 6 tháng đầu năm 2026", None),
    (
        9,
        "Hoàn thành cấp giấy chứng nhận quyền sử dụng đất lần đầu cho {n} hộ",
        None,
    ),
    (
        9,
        "Giải quyết hồ sơ cấp phép xây dựng nhà ở riêng lẻ khu trung tâm {dv}",
        None,
    ),
    (8, "Lập báo cáo quyết toán ngân sách {dv} năm 2025", None),
    (
        8,
        "Thu ngân sách nhà nước 6 tháng đầu năm đạt 55% dự toán",
        None,
    ),
    (
        8,
        "Bàn giao, tiếp nhận tài sản công sau sắp xếp đơn vị hành chính",
        None,
    ),
    (
        8,
        "Hoàn thành quyết toán kinh phí hỗ trợ phát triển sản xuất năm 2025",
        None,
    ),
    (
        10,
        "Cập nhật dữ liệu đăng ký hộ tịch lên Cơ sở dữ liệu hộ tịch điện tử",
        None,
    ),
    (
        10,
        "Cập nhật 100% thủ tục hành chính lên Cổng Dịch vụ công quốc gia",
        None,
    ),
    (10, "Kiểm tra việc thực hiện quy chế dân chủ ở cơ sở", None),
    (11, "Rà soát hộ nghèo, hộ cận nghèo phát sinh giữa kỳ", None),
    (
        11,
        "Lập hồ sơ hỗ trợ xoá nhà tạm, nhà dột nát cho {n} hộ",
        None,
    ),
    (
        11,
        "Tổ chức Ngày hội văn hoá, thể thao các dân tộc {dv} {ten}",
        None,
    ),
    (
        12,
        "Triển khai phong trào Bình dân học vụ số tại 100% {xom}",
        None,
    ),
    (
        12,
        "Thành lập Tổ công nghệ số cộng đồng tại 100% {xom}",
        None,
    ),
    (
        12,
        "Hoàn thành số hoá hồ sơ cán bộ, công chức {dv} trên hệ thống quản lý cán bộ của tỉnh",
        None,
    ),
    (
        4,
        "Cập nhật văn bản đi, đến lên Hệ thống quản lý văn bản và điều hành",
        None,
    ),
    (4, "Số hoá hồ sơ đảng viên của Đảng bộ {dv}", None),
    (
        5,
        "Kiểm tra việc quản lý, sử dụng đảng phí tại các chi bộ",
        None,
    ),
    (
        5,
        "Tổng hợp kết quả khảo sát mức độ hài lòng kênh nội bộ",
        None,
    ),
    (
        2,
        "Kiểm tra, giám sát chuyên đề đối với {n2} chi bộ trực thuộc",
        None,
    ),
    (
        3,
        "Xây dựng khung năng lực vị trí việc làm cán bộ, công chức {dv}",
        None,
    ),
    (
        7,
        "Giải ngân vốn Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi đạt 50% kế hoạch",
        None,
    ),
    (
        7,
        "Xây dựng phương án phòng, chống thiên tai mùa mưa lũ năm 2026",
        None,
    ),
    (
        6,
        "Tổ chức đối thoại với Nhân dân về công tác giải phóng mặt bằng",
        None,
    ),
    (
        6,
        "Giải quyết dứt điểm {n2} đơn kiến nghị tồn đọng về đất đai",
        None,
    ),
    (
        1,
        "Tổ chức khảo sát mức độ hài lòng của người dân 6 tháng đầu năm 2026",
        None,
    ),
    (
        7,
        "Phối hợp Đồn Biên phòng tuần tra, bảo vệ đường biên, mốc quốc giới",
        Some(Border),
    ),
    (
        9,
        "Khắc phục điểm sạt lở trên tuyến đường liên xóm",
        Some(Mountain),
    ),
    (
        11,
        "Biên dịch, phát hành tờ rơi hướng dẫn thủ tục hành chính song ngữ",
        Some(Mountain),
    ),
    (
        7,
        "Hoàn thiện hồ sơ đề nghị công nhận xã đạt chuẩn nông thôn mới nâng cao",
        Some(Rural),
    ),
    (
        8,
        "Triển khai thanh toán không dùng tiền mặt tại Bộ phận tiếp nhận và trả kết quả",
        Some(Urban),
    ),
    (
        9,
        "Rà soát, chỉnh lý hồ sơ địa chính khu đô thị mới",
        Some(Urban),
    ),
];

static INITIATIVES: [(&str, Option<Region>); 20] = [
    ("Tổ công nghệ số cộng đồng thôn bản", None),
    ("Bộ phận một cửa “không hẹn lần hai”", None),
    (
        "Ứng dụng bản đồ số trong quản lý đất đai và cấp giấy chứng nhận quyền sử dụng đất",
        None,
    ),
    (
        "Chợ phiên nông sản trực tuyến kết nối hợp tác xã với người tiêu dùng",
        None,
    ),
    ("Sổ theo dõi đảng viên điện tử gắn mã QR", None),
    (
        "Nhóm mạng xã hội “Hỏi - đáp thủ tục hành chính” của từng xóm",
        None,
    ),
    ("Ngày thứ Bảy cùng dân làm thủ tục trực tuyến", None),
    (
        "Camera an ninh cộng đồng kết nối Trung tâm điều hành {dv}",
        None,
    ),
    (
        "“Phường số - Công dân số”: tổ dân phố hướng dẫn người dân sử dụng dịch vụ công trực tuyến",
        Some(Urban),
    ),
    (
        "Thu phí vệ sinh môi trường không dùng tiền mặt",
        Some(Urban),
    ),
    (
        "Sổ tay điện tử song ngữ Kinh - Dao hướng dẫn thủ tục hành chính",
        Some(Mountain),
    ),
    (
        "Mô hình trồng dược liệu dưới tán rừng liên kết với doanh nghiệp",
        Some(Mountain),
    ),
    (
        "Lớp xoá mù chữ kết hợp dạy kỹ năng số cho phụ nữ H'Mông",
        Some(Mountain),
    ),
    (
        "Tổ tự quản đường biên, mốc quốc giới gắn với phát triển sinh kế hộ gia đình",
        Some(Border),
    ),
    (
        "Mô hình du lịch cộng đồng gắn với bảo tồn văn hoá Tày, Nùng",
        Some(Border),
    ),
    (
        "Xóm biên giới kết nghĩa cùng Đồn Biên phòng: “Mỗi hộ một cột mốc”",
        Some(Border),
    ),
    (
        "Hợp tác xã kiểu mới liên kết sản xuất lúa hữu cơ",
        Some(Rural),
    ),
    (
        "Mô hình nuôi bò vỗ béo liên kết theo chuỗi giá trị",
        Some(Rural),
    ),
    (
        "Đường giao thông nông thôn “Nhà nước và Nhân dân cùng làm”",
        Some(Rural),
    ),
    ("Tủ sách pháp luật điện tử tại nhà văn hoá xóm", None),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_and_period_match_the_embedded_sample() {
        for p in &POS {
            assert!(
                POSITIONS.contains(&format!("- id: {}\n", p.id)),
                "{} not in positions.yaml",
                p.id
            );
        }
        assert!(CONFIG.contains(&format!("period: {PERIOD}\n")));
        assert!(CONFIG.contains(&format!("as_of: {}\n", as_of())));
    }

    #[test]
    fn exact_totals_on_the_thresholds() {
        let mut rng = Rng::new(7);
        for t in [90u32, 70, 50] {
            for _ in 0..200 {
                let mut k = draw(&mut rng, t as i64 * 10, false);
                if fix_total(&mut k, t * 1200) {
                    assert_eq!(weighted_total(&k), t * 1200);
                    assert!(k.iter().all(|v| *v <= 100));
                }
            }
        }
    }

    #[test]
    fn slugs_and_quoting() {
        assert_eq!(slug("Đàm Thuỷ"), "dam-thuy");
        assert_eq!(slug("Nùng Trí Cao"), "nung-tri-cao");
        assert_eq!(slug("Bế Văn Đàn"), "be-van-dan");
        assert_eq!(q("Hoà An"), "Hoà An");
        assert_eq!(q("a: b"), "\"a: b\"");
        assert_eq!(q("2026"), "\"2026\"");
        assert_eq!(q("yes"), "\"yes\"");
        assert_eq!(q("a, b [c]"), "a, b [c]");
        assert_eq!(qf("a, b"), "\"a, b\"");
        assert_eq!(qf("“x” \"y\""), "\"“x” \\\"y\\\"\"");
        assert_eq!(q("3214/QĐ-UBND"), "3214/QĐ-UBND");
    }

    #[test]
    fn sizes_add_up_and_every_commune_has_a_secretary() {
        let p = generate(&Options {
            officials: 100,
            communes: 60,
            seed: 3,
        })
        .unwrap();
        assert_eq!(p.summary.officials, 100);
        assert_eq!(p.summary.communes, 60);
        assert_eq!(p.summary.ratings.iter().sum::<usize>(), 100);
        let communes = &p.files[2].1;
        assert_eq!(communes.matches("secretary: ").count(), 60);
        assert!(
            generate(&Options {
                officials: 5,
                communes: 6,
                seed: 1
            })
            .is_err()
        );
    }
}
