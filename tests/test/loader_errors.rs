//! Input errors: every kind of fault is reported with file:line:column, the
//! field, what was expected and what was found, in Vietnamese; nothing is
//! written.

use crate::support::Test;

/// `check` on the minimal fixture.
fn check() -> Test {
    Test::fixture("minimal").arg("check")
}

#[test]
fn minimal_fixture_is_valid() {
    check().stdout_has("2 cán bộ").success();
}

#[test]
fn invalid_enum_value_lists_the_accepted_codes() {
    check()
        .edit(
            "officials.yaml",
            "education: university\n    major: law",
            "education: dai hoc\n    major: law",
        )
        .stderr_has("inputs/officials.yaml:10:16: officials[0].education: giá trị \"dai hoc\" không hợp lệ; chấp nhận: none, intermediate, college, university, postgraduate")
        .failure();
}

#[test]
fn missing_required_field() {
    check()
        .edit("officials.yaml", "    ethnicity: Tày\n", "")
        .stderr_has("inputs/officials.yaml:14:5: officials[1].ethnicity: thiếu trường bắt buộc \"ethnicity\"")
        .failure();
}

#[test]
fn bad_date() {
    check()
        .edit(
            "officials.yaml",
            "birth_date: 1990-01-02",
            "birth_date: 02/01/1990",
        )
        .stderr_has("officials[1].birth_date: cần một ngày dạng YYYY-MM-DD")
        .stderr_has("gặp \"02/01/1990\"")
        .failure();
}

#[test]
fn score_out_of_range() {
    check()
        .edit("evaluations.yaml", "k2: 100", "k2: 120")
        .stderr_has("inputs/evaluations.yaml:4:26: evaluations[0].scores.k2: giá trị 120 nằm ngoài khoảng cho phép 0..100")
        .failure();
}

#[test]
fn missing_indicator() {
    check()
        .edit("evaluations.yaml", ", k11: 78}", "}")
        .stderr_has("evaluations[0].scores.k11: thiếu trường bắt buộc \"k11\"")
        .failure();
}

#[test]
fn unknown_top_level_key_suggests_the_closest() {
    check()
        .write("extra.yaml", "oficials:\n  - id: X\n")
        .stderr_has("inputs/extra.yaml:1:1: oficials: khoá cấp cao nhất \"oficials\" không được hỗ trợ; có phải \"officials\"?")
        .failure();
}

#[test]
fn unknown_field_suggests_the_closest() {
    check()
        .edit("officials.yaml", "    ethnicity: Tày", "    ethnicty: Tày")
        .stderr_has("officials[1].ethnicty: trường \"ethnicty\" không có trong mô hình dữ liệu; có phải \"ethnicity\"?")
        .failure();
}

#[test]
fn duplicate_id_names_both_places() {
    let failed = check()
        .write(
            "more/officials.yaml",
            "officials:\n  - id: CB02\n    name: Hà Văn Ơn\n    birth_date: 1980-05-05\n    gender: male\n    ethnicity: Nùng\n    commune: hoa-an\n    bloc: party\n    position: bi-thu\n    education: university\n    political_theory: advanced\n    it_skill: basic\n",
        )
        .failure();
    let err = &failed.stderr;
    assert!(
        err.contains("inputs/officials.yaml:14:9: officials[1].id: mã \"CB02\" bị trùng: đã dùng ở inputs/more/officials.yaml:2:9 (officials[0].id)")
            || err.contains("inputs/more/officials.yaml:2:9: officials[0].id: mã \"CB02\" bị trùng: đã dùng ở inputs/officials.yaml:15:9 (officials[1].id)"),
        "{err}"
    );
}

#[test]
fn unresolved_reference() {
    check()
        .edit("officials.yaml", "commune: hoa-an", "commune: hoa-am")
        .stderr_has(
            "officials[0].commune: xã/phường \"hoa-am\" không có trong dữ liệu; có phải \"hoa-an\"?",
        )
        .failure();
}

#[test]
fn two_evaluations_of_one_official_in_a_period() {
    check()
        .write("eval2.yaml", "evaluations:\n  - official: CB01\n    period: 2026-H1\n    scores: {k1: 1, k2: 1, k3: 1, k4: 1, k5: 1, k6: 1, k7: 1, k8: 1, k9: 1, k10: 1, k11: 1}\n")
        .stderr_has("cán bộ \"CB01\" đã có phiếu đánh giá kỳ 2026-H1")
        .failure();
}

#[test]
fn yaml_syntax_error_has_a_position() {
    check()
        .write("broken.yaml", "tasks:\n  - id: [NV1\n    title: x\n")
        .stderr_has("inputs/broken.yaml:")
        .stderr_has("cú pháp YAML không hợp lệ")
        .failure();
}

#[test]
fn non_utf8_file_is_a_clear_error() {
    let t = check();
    std::fs::write(
        t.inputs().join("latin1.yaml"),
        b"surveys:\n  - commune: h\xf2a\n",
    )
    .unwrap();
    t.stderr_has("inputs/latin1.yaml:2:15: tệp không phải văn bản UTF-8")
        .failure();
}

#[test]
fn alias_bomb_is_refused_fast() {
    let mut y = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..16u8 {
        let (p, c) = ((b'a' + i - 1) as char, (b'a' + i) as char);
        y.push_str(&format!(
            "{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        ));
    }
    let start = std::time::Instant::now();
    check()
        .write("bomb.yaml", &y)
        .stderr_has("inputs/bomb.yaml:")
        .stderr_has("bom bí danh")
        .failure();
    assert!(
        start.elapsed().as_secs() < 10,
        "an alias bomb must fail fast"
    );
}

#[test]
fn missing_config() {
    check()
        .remove("config.yaml")
        .stderr_has("không có tệp nào chứa khoá \"config\"")
        .failure();
}

#[test]
fn weights_must_sum_to_100() {
    check()
        .edit(
            "config.yaml",
            "  bodies:",
            "  kpi:\n    weights: {results: 40, service: 25, coordination: 20, discipline: 20}\n  bodies:",
        )
        .stderr_has("config.kpi.weights: tổng các trọng số phải bằng 100, nhưng là 105")
        .failure();
}

#[test]
fn several_faults_in_several_files_are_all_reported() {
    let t = Test::fixture("minimal")
        .edit("officials.yaml", "gender: male", "gender: nam")
        .edit(
            "officials.yaml",
            "it_skill: basic\n    disciplines",
            "it_skill: expert\n    disciplines",
        )
        .edit("evaluations.yaml", "period: 2026-H1", "period: 2026-H3")
        .edit("communes.yaml", "kind: xa", "kind: huyen")
        .write("extra.yaml", "survey:\n  - commune: hoa-an\n");
    std::fs::create_dir_all(t.out()).unwrap();
    std::fs::write(t.out().join("keep.txt"), "earlier output").unwrap();
    let mut t = t.arg("build");
    for needle in [
        "inputs/officials.yaml:5:13: officials[0].gender: giá trị \"nam\" không hợp lệ; chấp nhận: male, female",
        "officials[1].it_skill: giá trị \"expert\" không hợp lệ",
        "inputs/evaluations.yaml:3:13: evaluations[0].period: cần một kỳ dạng",
        "inputs/communes.yaml:4:11: communes[0].kind: giá trị \"huyen\" không hợp lệ; chấp nhận: xa, phuong",
        "inputs/extra.yaml:1:1: survey: khoá cấp cao nhất \"survey\" không được hỗ trợ; có phải \"surveys\"?",
        // No cascade: evaluations of an official whose record is invalid are not "unknown".
        "Dữ liệu có 5 lỗi",
    ] {
        t = t.stderr_has(needle);
    }
    let failed = t.failure();
    // Nothing written; the earlier output is untouched.
    assert_eq!(
        failed.snapshot("out"),
        vec![("keep.txt".to_string(), b"earlier output".to_vec())]
    );
}

#[test]
fn usage_errors_exit_2() {
    Test::fixture("minimal")
        .args(["build", "--only", "phieu"])
        .status(2)
        .then()
        .args(["build", "--commune", "nowhere"])
        .status(2)
        .then()
        .arg("frobnicate")
        .status(2);
}

/// Checks that a run's standard error has one `lỗi:` line per needle, in
/// order, each containing its needle; returns the `ghi chú:` lines.
fn errors_are<'a>(stderr: &'a str, needles: &[&str]) -> Vec<&'a str> {
    let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("lỗi:")).collect();
    assert_eq!(errors.len(), needles.len(), "{stderr}");
    for (line, needle) in errors.iter().zip(needles) {
        assert!(line.contains(needle), "{needle}:\n{stderr}");
    }
    stderr
        .lines()
        .filter(|l| l.starts_with("ghi chú:"))
        .collect()
}

#[test]
fn a_syntax_error_does_not_cascade_into_unknown_references() {
    // officials.yaml cannot be parsed: the evaluations' references to its
    // officials cannot be checked, and are not reported as unknown.
    let o = check()
        .edit("officials.yaml", "  - id: CB02\n", "  - id: [CB02\n")
        .failure();
    let notes = errors_are(&o.stderr, &["lỗi: inputs/officials.yaml:"]);
    assert_eq!(notes.len(), 1, "{}", o.stderr);
    assert!(notes[0].contains("chưa kiểm tra được các tham chiếu tới cán bộ vì"));
    assert!(o.stderr.contains("Dữ liệu có 1 lỗi"), "{}", o.stderr);
}

#[test]
fn references_to_kinds_of_other_files_are_still_checked() {
    // communes.yaml is broken; an official naming a commune that exists
    // nowhere is not reported (it may be in the broken file), but an
    // evaluation of an unknown official still is.
    let o = check()
        .edit("communes.yaml", "communes:", "communes: [")
        .edit("evaluations.yaml", "official: CB01", "official: CB09")
        .failure();
    let notes = errors_are(
        &o.stderr,
        &[
            "lỗi: inputs/communes.yaml:",
            "cán bộ \"CB09\" không có trong dữ liệu",
        ],
    );
    assert!(notes.len() <= 1, "{}", o.stderr);
}

#[test]
fn an_unreadable_sheet_does_not_cascade_either() {
    // The officials are in a workbook sheet with no header row.
    let t = check().remove("officials.yaml");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Cán bộ").unwrap();
    ws.write(0, 0, "danh sách").unwrap();
    ws.write(1, 0, "CB01").unwrap();
    wb.save(t.inputs().join("can-bo.xlsx")).unwrap();
    let o = t.failure();
    let notes = errors_are(&o.stderr, &["lỗi: inputs/can-bo.xlsx, trang \"Cán bộ\""]);
    assert!(notes.len() <= 1, "{}", o.stderr);
}

// ---- checks across fields point at the field they blame ----

#[test]
fn satisfied_above_respondents_is_reported_at_satisfied() {
    check()
        .write(
            "surveys.yaml",
            "surveys:\n  - commune: hoa-an\n    period: 2026-H1\n    channel: citizens\n    respondents: 40\n    satisfied: 50\n",
        )
        .stderr_has("lỗi: inputs/surveys.yaml:6:16: surveys[0].satisfied: số hài lòng (50) lớn hơn số người được hỏi (40)")
        .failure();
}

#[test]
fn a_course_ending_before_it_starts_is_reported_at_end() {
    check()
        .write(
            "courses.yaml",
            "courses:\n  - id: K1\n    name: Lớp A\n    kind: other\n    start: 2026-03-10\n    end: 2026-03-01\n",
        )
        .stderr_has("lỗi: inputs/courses.yaml:6:10: courses[0].end: ngày kết thúc 2026-03-01 trước ngày bắt đầu 2026-03-10")
        .failure();
}

#[test]
fn a_completed_training_without_a_date_is_reported_at_its_status() {
    check()
        .write(
            "courses.yaml",
            "courses:\n  - id: K1\n    name: Lớp A\n    kind: other\n    start: 2026-03-01\n    end: 2026-03-10\ntrainings:\n  - official: CB01\n    course: K1\n    status: completed\n",
        )
        .stderr_has("lỗi: inputs/courses.yaml:10:13: trainings[0].completed_on: bắt buộc khi status là completed")
        .failure();
}

#[test]
fn thresholds_out_of_order_are_reported_at_the_first_out_of_order() {
    check()
        .edit(
            "config.yaml",
            "  bodies:",
            "  kpi:\n    thresholds:\n      excellent: 90\n      good: 70\n      pass: 75\n  bodies:",
        )
        .stderr_has("config.kpi.thresholds.pass: ngưỡng phải giảm dần")
        .failure();
}

#[test]
fn a_second_evaluation_in_a_period_is_reported_at_its_period() {
    check()
        .write("eval2.yaml", "evaluations:\n  - official: CB01\n    period: 2026-H1\n    scores: {k1: 1, k2: 1, k3: 1, k4: 1, k5: 1, k6: 1, k7: 1, k8: 1, k9: 1, k10: 1, k11: 1}\n")
        .stderr_has("lỗi: inputs/evaluations.yaml:3:13: evaluations[0].period: cán bộ \"CB01\" đã có phiếu đánh giá kỳ 2026-H1 ở inputs/eval2.yaml:3:13")
        .failure();
}

/// A workbook `name` in `t`'s inputs with one sheet of these rows.
fn workbook(t: &Test, name: &str, sheet: &str, rows: &[&[&str]]) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(sheet).unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if let Ok(n) = v.parse::<f64>() {
                ws.write(r as u32, c as u16, n).unwrap();
            } else if !v.is_empty() {
                ws.write(r as u32, c as u16, *v).unwrap();
            }
        }
    }
    wb.save(t.inputs().join(name)).unwrap();
}

#[test]
fn in_a_workbook_satisfied_above_respondents_names_the_satisfied_cell() {
    let t = check();
    workbook(
        &t,
        "khao-sat.xlsx",
        "Khảo sát",
        &[
            &[
                "Xã, phường",
                "Kỳ",
                "Kênh",
                "Số người được hỏi",
                "Số hài lòng",
            ],
            &["hoa-an", "2026-H1", "citizens", "40", "50"],
        ],
    );
    t.stderr_has("lỗi: inputs/khao-sat.xlsx, trang \"Khảo sát\", ô E2: surveys[0].satisfied: số hài lòng (50)")
        .failure();
}

#[test]
fn in_a_workbook_a_completed_training_without_a_date_names_the_empty_date_cell() {
    let t = check().write(
        "courses.yaml",
        "courses:\n  - id: K1\n    name: Lớp A\n    kind: other\n    start: 2026-03-01\n    end: 2026-03-10\n",
    );
    workbook(
        &t,
        "dao-tao.xlsx",
        "Đào tạo",
        &[
            &["Mã cán bộ", "Khoá học", "Trạng thái", "Ngày hoàn thành"],
            &["CB01", "K1", "completed", ""],
        ],
    );
    t.stderr_has("lỗi: inputs/dao-tao.xlsx, trang \"Đào tạo\", ô D2: trainings[0].completed_on: bắt buộc khi status là completed")
        .failure();
}
