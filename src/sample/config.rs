//! The issuing context and the job positions of the generated province:
//! those of the hand-made sample in `inputs/` (config.yaml, positions.yaml),
//! as typed values. A test holds them equal to what the loader reads there.

use std::collections::BTreeMap;

use super::rng::ymd;
use super::src;
use crate::input::{
    Bloc, Body, Config, Education, GovernmentLayout, ItSkill, Kpi, Major, Period, PoliticalTheory,
    Position, Region, Requirements, Resolution, Signer, WarningRules,
};

/// The issuing context of the 2026-H1 report, default KPI weights and
/// thresholds.
pub fn config() -> Config {
    let list = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let body = |parent: &str, name: &str, code: &str, signer: [&str; 3]| Body {
        parent: parent.into(),
        name: name.into(),
        code: code.into(),
        signer: Signer {
            authority: signer[0].into(),
            role: signer[1].into(),
            name: signer[2].into(),
        },
    };
    Config {
        province: "Cao Bằng".into(),
        as_of: ymd(2026, 6, 30),
        period: Period::Half(2026, 1),
        place: "Cao Bằng".into(),
        issued_on: ymd(2026, 7, 5),
        resolution: Resolution {
            number: "15-NQ/TU".into(),
            issued_on: ymd(2026, 4, 20),
            title: "về nâng cao chất lượng cán bộ cơ sở giai đoạn 2026 - 2030".into(),
        },
        kpi: Kpi::default(),
        warnings: WarningRules::default(),
        provincial_committee: body(
            "ĐẢNG BỘ TỈNH CAO BẰNG",
            "TỈNH UỶ",
            "TU",
            [
                "T/M BAN THƯỜNG VỤ",
                "PHÓ BÍ THƯ THƯỜNG TRỰC",
                "Lục Văn Phong",
            ],
        ),
        organization_board: body(
            "TỈNH UỶ CAO BẰNG",
            "BAN TỔ CHỨC",
            "BTCTU",
            ["", "TRƯỞNG BAN", "Bế Thị Hồng Vân"],
        ),
        numbering: BTreeMap::from([("provincial_report".into(), "123-BC/TU".into())]),
        recipients: BTreeMap::from([
            (
                "provincial_report".into(),
                list(&[
                    "Ban Tổ chức Trung ương (báo cáo)",
                    "Thường trực Tỉnh uỷ (báo cáo)",
                    "Các đồng chí Tỉnh uỷ viên",
                    "Các đảng uỷ trực thuộc Tỉnh uỷ",
                    "Các ban, sở, ngành, đoàn thể tỉnh",
                    "LĐVP, CVTH",
                    "Lưu Văn phòng Tỉnh uỷ",
                ]),
            ),
            (
                "commune_report".into(),
                list(&[
                    "Ban Thường vụ Tỉnh uỷ (báo cáo)",
                    "Ban Tổ chức Tỉnh uỷ",
                    "Các đồng chí Đảng uỷ viên",
                    "Các chi bộ trực thuộc",
                    "Lưu Văn phòng Đảng uỷ",
                ]),
            ),
            (
                "training_plan".into(),
                list(&[
                    "Thường trực Tỉnh uỷ (báo cáo)",
                    "Sở Nội vụ",
                    "Trường Chính trị tỉnh Cao Bằng",
                    "Đảng uỷ các xã, phường",
                    "Lưu Ban Tổ chức Tỉnh uỷ",
                ]),
            ),
            (
                "early_warning".into(),
                list(&[
                    "Thường trực Tỉnh uỷ (báo cáo)",
                    "Uỷ ban Kiểm tra Tỉnh uỷ",
                    "Đảng uỷ các xã, phường",
                    "Lưu Ban Tổ chức Tỉnh uỷ",
                ]),
            ),
            (
                "evaluation_list".into(),
                list(&[
                    "Ban Tổ chức Tỉnh uỷ (báo cáo)",
                    "Các đồng chí Đảng uỷ viên",
                    "Cán bộ, công chức có tên trong danh sách",
                    "Lưu Văn phòng Đảng uỷ",
                ]),
            ),
        ]),
        narrative: BTreeMap::from([
            ("leadership".into(), LEADERSHIP.into()),
            ("limitations".into(), LIMITATIONS.into()),
            ("directions".into(), DIRECTIONS.into()),
            ("proposals".into(), PROPOSALS.into()),
            ("funding".into(), FUNDING.into()),
        ]),
        layout: BTreeMap::new(),
        government_layout: GovernmentLayout::Party,
        src: src(),
    }
}

const LEADERSHIP: &str = "Ngay sau khi Nghị quyết số 15-NQ/TU, ngày 20/4/2026 của Ban Chấp hành Đảng bộ tỉnh về nâng cao chất lượng cán bộ cơ sở giai đoạn 2026 - 2030 được ban hành, Ban Thường vụ Tỉnh uỷ đã ban hành Kế hoạch triển khai thực hiện; chỉ đạo các cấp uỷ, tổ chức đảng, cơ quan, đơn vị tổ chức học tập, quán triệt Nghị quyết đến cán bộ, đảng viên, bảo đảm nghiêm túc, đúng thời gian quy định. Đến ngày 31/5/2026, 100% đảng uỷ các xã, phường đã tổ chức hội nghị quán triệt, xây dựng chương trình hành động cụ thể hoá các mục tiêu, nhiệm vụ, giải pháp của Nghị quyết phù hợp với đặc điểm, điều kiện của địa phương.\n\
    \n\
    Ban Tổ chức Tỉnh uỷ chủ trì, phối hợp với Sở Nội vụ, Trường Chính trị tỉnh hướng dẫn xây dựng khung năng lực vị trí việc làm cán bộ, công chức cấp xã; Bộ chỉ số đánh giá hiệu quả cán bộ cơ sở (KPI) được áp dụng thống nhất từ kỳ đánh giá 6 tháng đầu năm 2026. Công tác tuyên truyền được đẩy mạnh trên Báo và Phát thanh, Truyền hình Cao Bằng, Cổng Thông tin điện tử tỉnh và các nền tảng mạng xã hội, tạo sự thống nhất cao trong nhận thức và hành động của cán bộ, đảng viên và Nhân dân.\n\
    \n\
    Các đảng uỷ xã, phường đã tập trung lãnh đạo, chỉ đạo các nội dung trọng tâm:\n\
    - Rà soát, đối chiếu trình độ, năng lực của từng cán bộ, công chức với khung năng lực vị trí việc làm, xác định cụ thể các trường hợp chưa đạt chuẩn và lộ trình đào tạo, bồi dưỡng;\n\
    - Cập nhật, số hoá hồ sơ cán bộ trên hệ thống quản lý cán bộ của tỉnh;\n\
    - Tổ chức đánh giá, xếp loại cán bộ theo Bộ chỉ số KPI gắn với kết quả khảo sát mức độ hài lòng của người dân, doanh nghiệp;\n\
    - Cử cán bộ, công chức tham gia các lớp lý luận chính trị, bồi dưỡng chuyên môn, nghiệp vụ, kỹ năng số và kỹ năng lãnh đạo, quản lý.\n\
    \n\
    Ban Thường vụ Tỉnh uỷ phân công các đồng chí Uỷ viên Ban Thường vụ, Tỉnh uỷ viên trực tiếp theo dõi, chỉ đạo các xã, phường; định kỳ hằng tháng nắm tình hình, kịp thời tháo gỡ khó khăn, vướng mắc phát sinh ở cơ sở.";

const LIMITATIONS: &str = "Bên cạnh những kết quả đạt được, việc thực hiện Nghị quyết trong 6 tháng đầu năm 2026 còn một số hạn chế:\n\
    - Tỷ lệ cán bộ, công chức đạt chuẩn theo khung năng lực vị trí việc làm còn thấp so với mục tiêu; còn thiếu công chức có chuyên môn tài chính - kế toán, địa chính - xây dựng, công nghệ thông tin, nhất là ở các xã vùng cao, biên giới;\n\
    - Kỹ năng số của một bộ phận cán bộ, công chức còn hạn chế; tỷ lệ cán bộ hoàn thành bồi dưỡng kỹ năng số, sử dụng thành thạo hệ thống quản lý văn bản điện tử và dịch vụ công trực tuyến chưa cao;\n\
    - Việc số hoá hồ sơ cán bộ ở một số xã còn chậm, dữ liệu chưa đầy đủ, chưa đồng bộ;\n\
    - Một số nhiệm vụ được giao còn chậm tiến độ; vẫn còn cán bộ vi phạm kỷ luật, kỷ cương hành chính.\n\
    \n\
    Nguyên nhân của hạn chế chủ yếu do địa bàn rộng, địa hình chia cắt, giao thông đi lại khó khăn; hạ tầng viễn thông ở một số xóm vùng cao, biên giới chưa bảo đảm; mô hình chính quyền địa phương hai cấp mới vận hành, khối lượng công việc ở cấp xã tăng nhiều trong khi đội ngũ cán bộ chưa kịp thích ứng. Một số cấp uỷ chưa thực sự quyết liệt trong lãnh đạo, chỉ đạo; một bộ phận cán bộ còn tâm lý ngại học tập, chưa chủ động tự bồi dưỡng, nâng cao trình độ.";

const DIRECTIONS: &str = "Trong 6 tháng cuối năm 2026, Ban Thường vụ Tỉnh uỷ yêu cầu các cấp uỷ, tổ chức đảng tập trung thực hiện tốt các nhiệm vụ trọng tâm sau:\n\
    - Hoàn thành rà soát, chuẩn hoá đội ngũ cán bộ, công chức cấp xã theo khung năng lực vị trí việc làm; xây dựng lộ trình đào tạo, bồi dưỡng cụ thể đối với từng trường hợp chưa đạt chuẩn;\n\
    - Đẩy mạnh bồi dưỡng kỹ năng số, phấn đấu đến hết năm 2026 có ít nhất 70% cán bộ, công chức cấp xã hoàn thành chương trình bồi dưỡng kỹ năng số;\n\
    - Hoàn thành số hoá 100% hồ sơ cán bộ, công chức cấp xã trên hệ thống quản lý cán bộ của tỉnh;\n\
    - Tổ chức đợt 2 lớp bồi dưỡng kỹ năng lãnh đạo, quản lý, quản trị địa phương cho cán bộ chủ chốt cấp xã;\n\
    - Tăng cường kiểm tra, giám sát, đôn đốc tiến độ thực hiện nhiệm vụ; kịp thời chấn chỉnh, xử lý các trường hợp chậm tiến độ, vi phạm kỷ luật, kỷ cương hành chính;\n\
    - Tổ chức Diễn đàn cán bộ cơ sở sáng tạo năm 2026, lựa chọn, nhân rộng các sáng kiến quản trị hiệu quả.\n\
    \n\
    Các đảng uỷ xã, phường tiếp tục nâng cao chất lượng phục vụ người dân, doanh nghiệp; duy trì khảo sát mức độ hài lòng định kỳ qua ba kênh: người dân, doanh nghiệp và nội bộ hệ thống chính trị.";

const PROPOSALS: &str = "Đề nghị Ban Tổ chức Trung ương:\n\
    - Sớm ban hành hướng dẫn thống nhất về khung năng lực vị trí việc làm đối với cán bộ, công chức cấp xã trong mô hình chính quyền địa phương hai cấp;\n\
    - Quan tâm phân bổ chỉ tiêu đào tạo cao cấp lý luận chính trị cho cán bộ chủ chốt cấp xã của tỉnh.\n\
    \n\
    Đề nghị Uỷ ban nhân dân tỉnh:\n\
    - Chỉ đạo các sở, ngành tăng cường luân chuyển, biệt phái công chức có chuyên môn tài chính - kế toán, địa chính - xây dựng, công nghệ thông tin về các xã còn thiếu;\n\
    - Đầu tư nâng cấp hạ tầng viễn thông, trang thiết bị công nghệ thông tin cho các xã vùng cao, biên giới.";

const FUNDING: &str = "Kinh phí thực hiện Nghị quyết được bố trí từ nguồn ngân sách nhà nước theo phân cấp hiện hành, lồng ghép nguồn vốn các chương trình mục tiêu quốc gia và các nguồn hợp pháp khác.\n\
    \n\
    Trong 6 tháng đầu năm 2026, tổng kinh phí đào tạo, bồi dưỡng cán bộ, công chức cấp xã đã bố trí là 4.860 triệu đồng, trong đó: ngân sách tỉnh 3.120 triệu đồng; lồng ghép Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi 1.740 triệu đồng.\n\
    \n\
    Đề nghị Uỷ ban nhân dân tỉnh bố trí bổ sung kinh phí số hoá hồ sơ cán bộ và bồi dưỡng kỹ năng số cho các xã vùng cao, biên giới trong 6 tháng cuối năm 2026.";

/// Khung năng lực vị trí việc làm, in the order of `inputs/positions.yaml`:
/// party bloc first, leaders before staff.
pub fn positions() -> Vec<Position> {
    use Bloc::{Government, Party};
    use Education::{College, University};
    use Major::{
        Agriculture, CadastralConstruction, CultureSociety, Economics, FinanceAccounting, Health,
        It, Law,
    };
    use Region::{Border, Mountain, Rural, Urban};
    let theory = Some;
    let (elementary, intermediate, advanced) = (
        PoliticalTheory::Elementary,
        PoliticalTheory::Intermediate,
        PoliticalTheory::Advanced,
    );
    let it = Some;
    let (basic, advanced_it) = (ItSkill::Basic, ItSkill::Advanced);
    let position = |id: &str,
                    name: &str,
                    bloc: Bloc,
                    leader: bool,
                    requires: (
        Education,
        &[Major],
        Option<PoliticalTheory>,
        Option<ItSkill>,
    ),
                    priorities: &[(Region, &[&str])]| Position {
        id: id.into(),
        name: name.into(),
        bloc,
        leader,
        requires: Requirements {
            education: Some(requires.0),
            majors: requires.1.to_vec(),
            political_theory: requires.2,
            it_skill: requires.3,
        },
        region_priorities: priorities
            .iter()
            .map(|(r, xs)| (*r, xs.iter().map(|s| s.to_string()).collect()))
            .collect(),
        src: src(),
    };
    fn pr<'a>(r: Region, xs: &'a [&'a str]) -> (Region, &'a [&'a str]) {
        (r, xs)
    }
    let resilience = "Phát triển sinh kế bền vững";
    let defence = "Phối hợp quốc phòng - an ninh - dân sinh";
    let disasters = "Ứng phó thiên tai";
    let mass = "Công tác dân vận vùng đồng bào dân tộc thiểu số";
    let land = "Quản trị đất đai";
    let culture = "Hiểu biết văn hoá địa phương";
    vec![
        position(
            "bi-thu",
            "Bí thư Đảng uỷ",
            Party,
            true,
            (University, &[], theory(advanced), it(basic)),
            &[
                pr(
                    Urban,
                    &[
                        "Quản trị đô thị",
                        "Cải cách thủ tục hành chính",
                        "Điều hành phát triển kinh tế - xã hội dựa trên dữ liệu",
                    ],
                ),
                pr(
                    Rural,
                    &[
                        "Tổ chức sản xuất và liên kết chuỗi",
                        "Xây dựng nông thôn mới",
                    ],
                ),
                pr(Mountain, &[mass, "Giảm nghèo bền vững"]),
                pr(Border, &[defence, disasters, resilience]),
            ],
        ),
        position(
            "pho-bi-thu-tt",
            "Phó Bí thư Thường trực Đảng uỷ",
            Party,
            true,
            (University, &[], theory(advanced), it(basic)),
            &[pr(Mountain, &[mass]), pr(Border, &[defence])],
        ),
        position(
            "chu-nhiem-ubkt",
            "Chủ nhiệm Uỷ ban Kiểm tra Đảng uỷ",
            Party,
            true,
            (
                University,
                &[Law, Economics, FinanceAccounting],
                theory(intermediate),
                it(basic),
            ),
            &[],
        ),
        position(
            "truong-ban-xdd",
            "Trưởng Ban Xây dựng Đảng",
            Party,
            true,
            (University, &[], theory(intermediate), it(basic)),
            &[],
        ),
        position(
            "cv-van-phong-du",
            "Chuyên viên Văn phòng Đảng uỷ",
            Party,
            false,
            (University, &[], theory(elementary), it(basic)),
            &[],
        ),
        position(
            "cv-ban-xdd",
            "Chuyên viên Ban Xây dựng Đảng",
            Party,
            false,
            (College, &[], theory(elementary), None),
            &[],
        ),
        position(
            "chu-tich-ubnd",
            "Chủ tịch UBND",
            Government,
            true,
            (
                University,
                &[
                    Economics,
                    Law,
                    Agriculture,
                    FinanceAccounting,
                    CadastralConstruction,
                ],
                theory(intermediate),
                it(basic),
            ),
            &[
                pr(
                    Urban,
                    &[
                        "Quản trị đô thị",
                        "Cải cách thủ tục hành chính",
                        "Phục vụ người dân và doanh nghiệp",
                        "Chuyển đổi số",
                    ],
                ),
                pr(Rural, &["Tổ chức sản xuất và liên kết chuỗi", land]),
                pr(
                    Mountain,
                    &["An sinh xã hội và giảm nghèo bền vững", culture],
                ),
                pr(Border, &[defence, disasters, resilience]),
            ],
        ),
        position(
            "pho-chu-tich-ubnd",
            "Phó Chủ tịch UBND",
            Government,
            true,
            (University, &[], theory(intermediate), it(basic)),
            &[pr(Border, &[disasters])],
        ),
        position(
            "cc-tai-chinh-ke-toan",
            "Công chức Tài chính - Kế toán",
            Government,
            false,
            (University, &[FinanceAccounting, Economics], None, it(basic)),
            &[],
        ),
        position(
            "cc-dia-chinh-xay-dung",
            "Công chức Địa chính - Xây dựng",
            Government,
            false,
            (University, &[CadastralConstruction], None, it(basic)),
            &[
                pr(Rural, &[land]),
                pr(Border, &[disasters, "Phòng chống sạt lở đất"]),
            ],
        ),
        position(
            "cc-tu-phap-ho-tich",
            "Công chức Tư pháp - Hộ tịch",
            Government,
            false,
            (University, &[Law], theory(elementary), it(basic)),
            &[],
        ),
        position(
            "cc-van-hoa-xa-hoi",
            "Công chức Văn hoá - Xã hội",
            Government,
            false,
            (
                College,
                &[CultureSociety, Major::Education, Health],
                None,
                None,
            ),
            &[pr(Mountain, &["Tiếng dân tộc thiểu số", culture])],
        ),
        position(
            "cv-cntt",
            "Chuyên viên công nghệ thông tin",
            Government,
            false,
            (University, &[It], None, it(advanced_it)),
            &[],
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hand-made sample's config and positions, as the loader reads them.
    #[test]
    fn equal_to_the_hand_made_sample() {
        let inputs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("inputs");
        let mut ds = crate::input::load(&inputs).expect("the sample loads");
        ds.config.src = src();
        assert_eq!(format!("{:#?}", config()), format!("{:#?}", ds.config));
        for p in &mut ds.positions {
            p.src = src();
        }
        assert_eq!(
            format!("{:#?}", positions()),
            format!("{:#?}", ds.positions)
        );
    }
}
