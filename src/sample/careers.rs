//! What an official did before: a post before the 2025 reorganisation, a
//! reward, a discipline.

use crate::input::{Bloc, Commune, Discipline, HistoryItem, Position, Reward};

use super::communes::in_city;
use super::rng::{Rng, ymd};

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

/// A previous post, ending at the reorganisation (2025-06-30).
pub fn history(rng: &mut Rng, c: &Commune, pos: &Position) -> HistoryItem {
    let from = ymd(
        rng.range(2015, 2023) as i32,
        *rng.pick(&[1u32, 4, 7, 10]),
        1,
    );
    let city = in_city(c);
    let cluster = c.cluster.as_deref().unwrap_or(&c.name);
    let (gov, party, level) = if city {
        (
            "UBND thành phố Cao Bằng".to_string(),
            "Thành uỷ Cao Bằng".to_string(),
            "Thành uỷ",
        )
    } else {
        (
            format!("UBND huyện {cluster}"),
            format!("Huyện uỷ {cluster}"),
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
    let party_bloc = pos.bloc == Bloc::Party;
    let (unit, role) = match (party_bloc, pos.leader, local) {
        // A leader of the old commune's Party committee or People's Committee…
        (_, true, true) => {
            let (body, roles) = if party_bloc {
                ("Đảng uỷ", ["Bí thư Đảng uỷ", "Phó Bí thư Đảng uỷ"])
            } else {
                ("UBND", ["Chủ tịch UBND", "Phó Chủ tịch UBND"])
            };
            (format!("{body} {old}"), rng.pick(&roles).to_string())
        }
        // …or of the district's ({c}: its level).
        (_, true, false) => {
            let (unit, roles, c) = if party_bloc {
                let roles = [
                    "Phó Bí thư {c}",
                    "Trưởng Ban Tổ chức {c}",
                    "Phó Trưởng Ban Tổ chức {c}",
                    "Phó Chủ nhiệm Uỷ ban Kiểm tra {c}",
                ];
                (party, roles, level)
            } else {
                let roles = [
                    "Phó Chủ tịch UBND {c}",
                    "Trưởng Phòng Nông nghiệp và Phát triển nông thôn",
                    "Trưởng Phòng Tài chính - Kế hoạch",
                    "Phó Trưởng Phòng Nội vụ",
                ];
                (gov, roles, if city { "thành phố" } else { "huyện" })
            };
            (unit, rng.pick(&roles).replace("{c}", c))
        }
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
        (false, false, true) => (format!("UBND {old}"), pos.name.clone()),
        (false, false, false) => {
            let dept = match pos.id.as_str() {
                "cc-tai-chinh-ke-toan" => "Tài chính - Kế hoạch",
                "cc-dia-chinh-xay-dung" => "Tài nguyên và Môi trường",
                "cc-tu-phap-ho-tich" => "Tư pháp",
                _ => "Văn hoá và Thông tin",
            };
            (gov, format!("Chuyên viên Phòng {dept}"))
        }
    };
    HistoryItem {
        from,
        to: Some(ymd(2025, 6, 30)),
        unit,
        role,
    }
}

/// A reward; the Tỉnh uỷ's one only for party members.
pub fn reward(rng: &mut Rng, c: &Commune, member: bool) -> Reward {
    let choice = rng.weighted(&[
        (0, 35),
        (1, if member { 20 } else { 0 }),
        (2, 15),
        (3, 15),
        (4, 15),
    ]);
    let cluster = if in_city(c) {
        "thành phố Cao Bằng".to_string()
    } else {
        format!("huyện {}", c.cluster.as_deref().unwrap_or(&c.name))
    };
    let word = c.kind.label();
    let (on, decision, content) = match choice {
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
                word, c.name
            ),
        ),
        3 => (
            ymd(2026, 1, 12),
            "15/QĐ-UBND",
            format!(
                "Giấy khen của Chủ tịch UBND {} {}: Hoàn thành xuất sắc nhiệm vụ năm 2025",
                word, c.name
            ),
        ),
        _ => (
            ymd(2024, 12, 20),
            "968/QĐ-UBND",
            format!("Giấy khen của Chủ tịch UBND {cluster}: Chiến sĩ thi đua cơ sở năm 2024"),
        ),
    };
    Reward {
        on,
        decision: decision.into(),
        content,
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

/// A discipline, about half of them inside 2026-H1, and the short reason
/// the evaluation's weaknesses give for it.
pub fn discipline(rng: &mut Rng, pos: &Position) -> (Discipline, &'static str) {
    let party = pos.bloc == Bloc::Party;
    let on = if rng.chance(450) {
        rng.date(ymd(2026, 1, 5), ymd(2026, 6, 25))
    } else {
        rng.date(ymd(2023, 3, 1), ymd(2025, 12, 20))
    };
    let (content, reason) = if party {
        *rng.pick(&DISCIPLINE_PARTY)
    } else {
        *rng.pick(&DISCIPLINE_GOV)
    };
    let number = rng.range(3, 480);
    let decision = if party {
        format!("{number:02}-QĐ/UBKT")
    } else {
        format!("{number}/QĐ-UBND")
    };
    let form = rng.weighted(&[("Khiển trách", 70), ("Cảnh cáo", 30)]);
    let d = Discipline {
        on,
        decision,
        form: form.into(),
        content: content.into(),
    };
    (d, reason)
}
