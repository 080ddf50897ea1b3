//! Assigned tasks with deadlines, some done late or not at all.

use chrono::{NaiveDate, TimeDelta};

use super::officials::{Plan, index};
use super::rng::{Rng, ymd};
use super::src;
use crate::input::{CommuneKind, Dataset, Region, Task};

use Region::{Border, Mountain, Rural, Urban};

/// (owner's position, title, only in this region). `{dv}` = xã/phường,
/// `{ten}` = the commune's name, `{xom}` = xóm/tổ dân phố, `{n}`/`{n2}` numbers.
static TASKS: [(&str, &str, Option<Region>); 34] = [
    (
        "cc-dia-chinh-xay-dung",
        "Lập kế hoạch sử dụng đất năm 2026 của {dv}",
        None,
    ),
    (
        "cc-dia-chinh-xay-dung",
        "Thống kê đất đai định kỳ 6 tháng đầu năm 2026",
        None,
    ),
    (
        "cc-dia-chinh-xay-dung",
        "Hoàn thành cấp giấy chứng nhận quyền sử dụng đất lần đầu cho {n} hộ",
        None,
    ),
    (
        "cc-dia-chinh-xay-dung",
        "Giải quyết hồ sơ cấp phép xây dựng nhà ở riêng lẻ khu trung tâm {dv}",
        None,
    ),
    (
        "cc-tai-chinh-ke-toan",
        "Lập báo cáo quyết toán ngân sách {dv} năm 2025",
        None,
    ),
    (
        "cc-tai-chinh-ke-toan",
        "Thu ngân sách nhà nước 6 tháng đầu năm đạt 55% dự toán",
        None,
    ),
    (
        "cc-tai-chinh-ke-toan",
        "Bàn giao, tiếp nhận tài sản công sau sắp xếp đơn vị hành chính",
        None,
    ),
    (
        "cc-tai-chinh-ke-toan",
        "Hoàn thành quyết toán kinh phí hỗ trợ phát triển sản xuất năm 2025",
        None,
    ),
    (
        "cc-tu-phap-ho-tich",
        "Cập nhật dữ liệu đăng ký hộ tịch lên Cơ sở dữ liệu hộ tịch điện tử",
        None,
    ),
    (
        "cc-tu-phap-ho-tich",
        "Cập nhật 100% thủ tục hành chính lên Cổng Dịch vụ công quốc gia",
        None,
    ),
    (
        "cc-tu-phap-ho-tich",
        "Kiểm tra việc thực hiện quy chế dân chủ ở cơ sở",
        None,
    ),
    (
        "cc-van-hoa-xa-hoi",
        "Rà soát hộ nghèo, hộ cận nghèo phát sinh giữa kỳ",
        None,
    ),
    (
        "cc-van-hoa-xa-hoi",
        "Lập hồ sơ hỗ trợ xoá nhà tạm, nhà dột nát cho {n} hộ",
        None,
    ),
    (
        "cc-van-hoa-xa-hoi",
        "Tổ chức Ngày hội văn hoá, thể thao các dân tộc {dv} {ten}",
        None,
    ),
    (
        "cv-cntt",
        "Triển khai phong trào Bình dân học vụ số tại 100% {xom}",
        None,
    ),
    (
        "cv-cntt",
        "Thành lập Tổ công nghệ số cộng đồng tại 100% {xom}",
        None,
    ),
    (
        "cv-cntt",
        "Hoàn thành số hoá hồ sơ cán bộ, công chức {dv} trên hệ thống quản lý cán bộ của tỉnh",
        None,
    ),
    (
        "cv-van-phong-du",
        "Cập nhật văn bản đi, đến lên Hệ thống quản lý văn bản và điều hành",
        None,
    ),
    (
        "cv-van-phong-du",
        "Số hoá hồ sơ đảng viên của Đảng bộ {dv}",
        None,
    ),
    (
        "cv-ban-xdd",
        "Kiểm tra việc quản lý, sử dụng đảng phí tại các chi bộ",
        None,
    ),
    (
        "cv-ban-xdd",
        "Tổng hợp kết quả khảo sát mức độ hài lòng kênh nội bộ",
        None,
    ),
    (
        "chu-nhiem-ubkt",
        "Kiểm tra, giám sát chuyên đề đối với {n2} chi bộ trực thuộc",
        None,
    ),
    (
        "truong-ban-xdd",
        "Xây dựng khung năng lực vị trí việc làm cán bộ, công chức {dv}",
        None,
    ),
    (
        "pho-chu-tich-ubnd",
        "Giải ngân vốn Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi đạt 50% kế hoạch",
        None,
    ),
    (
        "pho-chu-tich-ubnd",
        "Xây dựng phương án phòng, chống thiên tai mùa mưa lũ năm 2026",
        None,
    ),
    (
        "chu-tich-ubnd",
        "Tổ chức đối thoại với Nhân dân về công tác giải phóng mặt bằng",
        None,
    ),
    (
        "chu-tich-ubnd",
        "Giải quyết dứt điểm {n2} đơn kiến nghị tồn đọng về đất đai",
        None,
    ),
    (
        "pho-bi-thu-tt",
        "Tổ chức khảo sát mức độ hài lòng của người dân 6 tháng đầu năm 2026",
        None,
    ),
    (
        "pho-chu-tich-ubnd",
        "Phối hợp Đồn Biên phòng tuần tra, bảo vệ đường biên, mốc quốc giới",
        Some(Border),
    ),
    (
        "cc-dia-chinh-xay-dung",
        "Khắc phục điểm sạt lở trên tuyến đường liên xóm",
        Some(Mountain),
    ),
    (
        "cc-van-hoa-xa-hoi",
        "Biên dịch, phát hành tờ rơi hướng dẫn thủ tục hành chính song ngữ",
        Some(Mountain),
    ),
    (
        "pho-chu-tich-ubnd",
        "Hoàn thiện hồ sơ đề nghị công nhận xã đạt chuẩn nông thôn mới nâng cao",
        Some(Rural),
    ),
    (
        "cc-tai-chinh-ke-toan",
        "Triển khai thanh toán không dùng tiền mặt tại Bộ phận tiếp nhận và trả kết quả",
        Some(Urban),
    ),
    (
        "cc-dia-chinh-xay-dung",
        "Rà soát, chỉnh lý hồ sơ địa chính khu đô thị mới",
        Some(Urban),
    ),
];

/// A few tasks per commune (more in larger ones), ids `NV-<year>-0001`.
pub fn tasks(rng: &mut Rng, ds: &Dataset, plan: &Plan) -> Vec<Task> {
    let (members, profiles) = (&plan.members, &plan.profiles);
    let as_of = ds.config.as_of;
    let year = ds.config.period.year();
    let mut out = Vec::new();
    for (cm, range) in ds.communes.iter().zip(members) {
        let mut pool: Vec<&(&str, &str, Option<Region>)> = TASKS
            .iter()
            .filter(|t| t.2.is_none_or(|r| r == cm.region))
            .collect();
        let count = (3 + range.len() / 8 + rng.below(3)).min(pool.len());
        for _ in 0..count {
            let (post, title, _) = *pool.swap_remove(rng.below(pool.len()));
            // Both numbers are drawn, used or not.
            let n = (10 + 5 * rng.range(1, 30)).to_string();
            let n2 = format!("{:02}", rng.range(2, 9));
            let title = title
                .replace("{dv}", cm.kind.label())
                .replace("{ten}", &cm.name)
                .replace(
                    "{xom}",
                    if cm.kind == CommuneKind::Phuong {
                        "tổ dân phố"
                    } else {
                        "xóm"
                    },
                )
                .replace("{n}", &n)
                .replace("{n2}", &n2);
            let post = index(&ds.positions, post);
            let owners: Vec<usize> = range
                .clone()
                .filter(|&i| profiles[i].position == post)
                .collect();
            let owner = if owners.is_empty() || rng.chance(30) {
                None
            } else {
                Some(ds.officials[owners[rng.below(owners.len())]].id.clone())
            };
            let due = month_end(year, rng.range(1, 9) as u32);
            let due = if rng.chance(300) {
                due - TimeDelta::days(rng.range(5, 15))
            } else {
                due
            };
            let done_on = if due < as_of {
                match rng.weighted(&[(0, 64), (1, 18), (2, 18)]) {
                    0 => Some(due - TimeDelta::days(rng.range(0, 12))),
                    1 => Some((due + TimeDelta::days(rng.range(1, 25))).min(as_of)),
                    _ => None,
                }
            } else if rng.chance(350) {
                Some(as_of - TimeDelta::days(rng.range(0, 20)))
            } else {
                None
            };
            out.push(Task {
                id: format!("NV-{year}-{:04}", out.len() + 1),
                title,
                commune: cm.id.clone(),
                owner,
                due,
                done_on,
                src: src(),
            });
        }
    }
    out
}

/// The last day of month `m` of `year`.
fn month_end(year: i32, m: u32) -> NaiveDate {
    let next = if m == 12 {
        ymd(year + 1, 1, 1)
    } else {
        ymd(year, m + 1, 1)
    };
    next - TimeDelta::days(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_ends() {
        assert_eq!(month_end(2026, 2), ymd(2026, 2, 28));
        assert_eq!(month_end(2024, 2), ymd(2024, 2, 29));
        assert_eq!(month_end(2026, 12), ymd(2026, 12, 31));
    }

    #[test]
    fn every_owner_post_is_a_position() {
        let positions = super::super::config::positions();
        for (post, _, _) in &TASKS {
            assert!(positions.iter().any(|p| p.id == *post), "{post}");
        }
    }
}
