//! People's names by ethnicity (Tày, Nùng, Kinh, Dao, H'Mông, …) and the
//! ASCII slugs of place names.

use super::rng::Rng;
use crate::input::Region;

pub const ETHNICITIES: [&str; 8] = [
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
pub fn ethnicity_weights(r: Region) -> [u32; 8] {
    match r {
        Region::Urban => [45, 24, 20, 4, 2, 2, 0, 3],
        Region::Rural => [52, 30, 8, 5, 2, 3, 0, 0],
        Region::Mountain => [30, 20, 5, 22, 19, 1, 3, 0],
        Region::Border => [40, 38, 5, 7, 8, 0, 2, 0],
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

/// The names of a people whose women all take "Thị" as middle name.
struct Names {
    family: &'static [(&'static str, u32)],
    middle_male: &'static [(&'static str, u32)],
    given_male: &'static [&'static str],
    given_female: &'static [&'static str],
}

const MONG: Names = Names {
    family: &FAMILY_MONG,
    middle_male: &MIDDLE_MONG_MALE,
    given_male: &GIVEN_MONG_MALE,
    given_female: &GIVEN_MONG_FEMALE,
};

const DAO: Names = Names {
    family: &FAMILY_DAO,
    middle_male: &MIDDLE_DAO_MALE,
    given_male: &GIVEN_DAO_MALE,
    given_female: &GIVEN_DAO_FEMALE,
};

impl Names {
    /// Family name, middle name, given name.
    fn pick(&self, rng: &mut Rng, female: bool) -> (&'static str, &'static str, &'static str) {
        let family = rng.weighted(self.family);
        if female {
            (family, "Thị", *rng.pick(self.given_female))
        } else {
            let middle = rng.weighted(self.middle_male);
            (family, middle, *rng.pick(self.given_male))
        }
    }
}

pub fn person_name(rng: &mut Rng, ethnicity: &str, female: bool) -> String {
    let (family, middle, given): (&str, &str, &str) = match ethnicity {
        "H'Mông" => MONG.pick(rng, female),
        "Dao" => DAO.pick(rng, female),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_have_three_parts_and_follow_gender() {
        let mut rng = Rng::new(3);
        for e in ETHNICITIES {
            for female in [false, true] {
                let name = person_name(&mut rng, e, female);
                assert!(name.split(' ').count() >= 3, "{name}");
                let other = if female { " Văn " } else { " Thị " };
                assert!(!name.contains(other), "{name}");
            }
        }
    }
}
