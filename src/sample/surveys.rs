//! What communes report besides people: governance initiatives and the
//! satisfaction surveys of three channels.

use std::ops::Range;

use super::rng::Rng;
use super::src;
use crate::input::{CommuneKind, Dataset, Initiative, Region, Survey, SurveyChannel};

use Region::{Border, Mountain, Rural, Urban};

/// (title, only in this region); `{dv}` = xã/phường.
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

/// None to three initiatives per commune, ids `SK-0001`.
pub fn initiatives(rng: &mut Rng, ds: &Dataset) -> Vec<Initiative> {
    let mut out = Vec::new();
    for cm in &ds.communes {
        let count = rng.weighted(&[(0, 20), (1, 45), (2, 25), (3, 10)]);
        let mut pool: Vec<&(&str, Option<Region>)> = INITIATIVES
            .iter()
            .filter(|t| t.1.is_none_or(|r| r == cm.region))
            .collect();
        for _ in 0..count {
            let (title, _) = *pool.swap_remove(rng.below(pool.len()));
            let year = rng.weighted(&[(2025, 40), (2026, 60)]);
            out.push(Initiative {
                id: format!("SK-{:04}", out.len() + 1),
                commune: cm.id.clone(),
                title: title.replace("{dv}", cm.kind.label()),
                year,
                replicated: rng.chance(250),
                src: src(),
            });
        }
    }
    out
}

/// Citizens, businesses and the internal channel of every commune, for the
/// config's period, respondents growing with the commune.
pub fn surveys(rng: &mut Rng, ds: &Dataset, members: &[Range<usize>]) -> Vec<Survey> {
    let mut out = Vec::new();
    for (cm, range) in ds.communes.iter().zip(members) {
        let size = range.len() as i64;
        let ward = cm.kind == CommuneKind::Phuong;
        let channels = [
            (
                SurveyChannel::Citizens,
                150 + 3 * size + rng.range(0, 120),
                (820, 965),
            ),
            (
                SurveyChannel::Businesses,
                if ward { 45 } else { 15 } + rng.range(0, 40),
                (780, 940),
            ),
            (
                SurveyChannel::Internal,
                size + rng.range(10, 40),
                (850, 975),
            ),
        ];
        for (channel, respondents, (lo, hi)) in channels {
            let satisfied = respondents * rng.range(lo, hi) / 1000;
            out.push(Survey {
                commune: cm.id.clone(),
                period: ds.config.period,
                channel,
                respondents: respondents as u32,
                satisfied: satisfied as u32,
                src: src(),
            });
        }
    }
    out
}
