//! Input errors: every kind of fault is reported with file:line:column, the
//! field, what was expected and what was found, in Vietnamese; nothing is
//! written.

mod support;
use support::*;

/// Run `check` on the minimal fixture after `edit`, expecting failure.
fn errors_after(edit: impl FnOnce(&Fixture)) -> (Fixture, String) {
    let f = Fixture::new("minimal");
    edit(&f);
    let out = f.run(&["check"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "check must fail:\n{}",
        stdout(&out)
    );
    let err = stderr(&out);
    (f, err)
}

fn replace(f: &Fixture, rel: &str, from: &str, to: &str) {
    let p = f.inputs().join(rel);
    let text = std::fs::read_to_string(&p).unwrap();
    assert!(text.contains(from), "{from} not in {rel}");
    std::fs::write(&p, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn minimal_fixture_is_valid() {
    let f = Fixture::new("minimal");
    let out = f.run(&["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("2 cán bộ"), "{}", stdout(&out));
}

#[test]
fn invalid_enum_value_lists_the_accepted_codes() {
    let (_, err) = errors_after(|f| {
        replace(
            f,
            "officials.yaml",
            "education: university\n    major: law",
            "education: dai hoc\n    major: law",
        )
    });
    assert!(
        err.contains("inputs/officials.yaml:10:16: officials[0].education: giá trị \"dai hoc\" không hợp lệ; chấp nhận: none, intermediate, college, university, postgraduate"),
        "{err}"
    );
}

#[test]
fn missing_required_field() {
    let (_, err) = errors_after(|f| replace(f, "officials.yaml", "    ethnicity: Tày\n", ""));
    assert!(err.contains("inputs/officials.yaml:14:5: officials[1].ethnicity: thiếu trường bắt buộc \"ethnicity\""), "{err}");
}

#[test]
fn bad_date() {
    let (_, err) = errors_after(|f| {
        replace(
            f,
            "officials.yaml",
            "birth_date: 1990-01-02",
            "birth_date: 02/01/1990",
        )
    });
    assert!(
        err.contains("officials[1].birth_date: cần một ngày dạng YYYY-MM-DD"),
        "{err}"
    );
    assert!(err.contains("gặp \"02/01/1990\""), "{err}");
}

#[test]
fn score_out_of_range() {
    let (_, err) = errors_after(|f| replace(f, "evaluations.yaml", "k2: 100", "k2: 120"));
    assert!(err.contains("inputs/evaluations.yaml:4:26: evaluations[0].scores.k2: giá trị 120 nằm ngoài khoảng cho phép 0..100"), "{err}");
}

#[test]
fn missing_indicator() {
    let (_, err) = errors_after(|f| replace(f, "evaluations.yaml", ", k11: 78}", "}"));
    assert!(
        err.contains("evaluations[0].scores.k11: thiếu trường bắt buộc \"k11\""),
        "{err}"
    );
}

#[test]
fn unknown_top_level_key_suggests_the_closest() {
    let (_, err) = errors_after(|f| f.write("extra.yaml", "oficials:\n  - id: X\n"));
    assert!(err.contains("inputs/extra.yaml:1:1: oficials: khoá cấp cao nhất \"oficials\" không được hỗ trợ; có phải \"officials\"?"), "{err}");
}

#[test]
fn unknown_field_suggests_the_closest() {
    let (_, err) = errors_after(|f| {
        replace(
            f,
            "officials.yaml",
            "    ethnicity: Tày",
            "    ethnicty: Tày",
        )
    });
    assert!(err.contains("officials[1].ethnicty: trường \"ethnicty\" không có trong mô hình dữ liệu; có phải \"ethnicity\"?"), "{err}");
}

#[test]
fn duplicate_id_names_both_places() {
    let (_, err) = errors_after(|f| {
        f.write(
            "more/officials.yaml",
            "officials:\n  - id: CB02\n    name: Hà Văn Ơn\n    birth_date: 1980-05-05\n    gender: male\n    ethnicity: Nùng\n    commune: hoa-an\n    bloc: party\n    position: bi-thu\n    education: university\n    political_theory: advanced\n    it_skill: basic\n",
        )
    });
    assert!(
        err.contains("inputs/officials.yaml:14:9: officials[1].id: mã \"CB02\" bị trùng: đã dùng ở inputs/more/officials.yaml:2:9 (officials[0].id)")
            || err.contains("inputs/more/officials.yaml:2:9: officials[0].id: mã \"CB02\" bị trùng: đã dùng ở inputs/officials.yaml:15:9 (officials[1].id)"),
        "{err}"
    );
}

#[test]
fn unresolved_reference() {
    let (_, err) =
        errors_after(|f| replace(f, "officials.yaml", "commune: hoa-an", "commune: hoa-am"));
    assert!(
        err.contains(
            "officials[0].commune: xã/phường \"hoa-am\" không có trong dữ liệu; có phải \"hoa-an\"?"
        ),
        "{err}"
    );
}

#[test]
fn two_evaluations_of_one_official_in_a_period() {
    let (_, err) = errors_after(|f| {
        f.write("eval2.yaml", "evaluations:\n  - official: CB01\n    period: 2026-H1\n    scores: {k1: 1, k2: 1, k3: 1, k4: 1, k5: 1, k6: 1, k7: 1, k8: 1, k9: 1, k10: 1, k11: 1}\n")
    });
    assert!(
        err.contains("cán bộ \"CB01\" đã có phiếu đánh giá kỳ 2026-H1"),
        "{err}"
    );
}

#[test]
fn yaml_syntax_error_has_a_position() {
    let (_, err) = errors_after(|f| f.write("broken.yaml", "tasks:\n  - id: [NV1\n    title: x\n"));
    assert!(err.contains("inputs/broken.yaml:"), "{err}");
    assert!(err.contains("cú pháp YAML không hợp lệ"), "{err}");
}

#[test]
fn non_utf8_file_is_a_clear_error() {
    let (_, err) = errors_after(|f| {
        std::fs::write(
            f.inputs().join("latin1.yaml"),
            b"surveys:\n  - commune: h\xf2a\n",
        )
        .unwrap()
    });
    assert!(
        err.contains("inputs/latin1.yaml:2:15: tệp không phải văn bản UTF-8"),
        "{err}"
    );
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
    let (_, err) = errors_after(|f| f.write("bomb.yaml", &y));
    assert!(err.contains("inputs/bomb.yaml:"), "{err}");
    assert!(err.contains("bom bí danh"), "{err}");
    assert!(
        start.elapsed().as_secs() < 10,
        "an alias bomb must fail fast"
    );
}

#[test]
fn missing_config() {
    let (_, err) = errors_after(|f| std::fs::remove_file(f.inputs().join("config.yaml")).unwrap());
    assert!(
        err.contains("không có tệp nào chứa khoá \"config\""),
        "{err}"
    );
}

#[test]
fn weights_must_sum_to_100() {
    let (_, err) = errors_after(|f| {
        replace(
            f,
            "config.yaml",
            "  bodies:",
            "  kpi:\n    weights: {results: 40, service: 25, coordination: 20, discipline: 20}\n  bodies:",
        )
    });
    assert!(
        err.contains("config.kpi.weights: tổng các trọng số phải bằng 100, nhưng là 105"),
        "{err}"
    );
}

#[test]
fn several_faults_in_several_files_are_all_reported() {
    let f = Fixture::new("minimal");
    replace(&f, "officials.yaml", "gender: male", "gender: nam");
    replace(
        &f,
        "officials.yaml",
        "it_skill: basic\n    disciplines",
        "it_skill: expert\n    disciplines",
    );
    replace(&f, "evaluations.yaml", "period: 2026-H1", "period: 2026-H3");
    replace(&f, "communes.yaml", "kind: xa", "kind: huyen");
    f.write("extra.yaml", "survey:\n  - commune: hoa-an\n");
    std::fs::create_dir_all(f.out()).unwrap();
    std::fs::write(f.out().join("keep.txt"), "earlier output").unwrap();
    let out = f.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    for needle in [
        "inputs/officials.yaml:5:13: officials[0].gender: giá trị \"nam\" không hợp lệ; chấp nhận: male, female",
        "officials[1].it_skill: giá trị \"expert\" không hợp lệ",
        "inputs/evaluations.yaml:3:13: evaluations[0].period: cần một kỳ dạng",
        "inputs/communes.yaml:4:11: communes[0].kind: giá trị \"huyen\" không hợp lệ; chấp nhận: xa, phuong",
        "inputs/extra.yaml:1:1: survey: khoá cấp cao nhất \"survey\" không được hỗ trợ; có phải \"surveys\"?",
        "Dữ liệu có 5 lỗi",
        // No cascade: evaluations of an official whose record is invalid are not "unknown".
    ] {
        assert!(err.contains(needle), "missing «{needle}» in:\n{err}");
    }
    // Nothing written; the earlier output is untouched.
    assert_eq!(
        snapshot(&f.out()),
        vec![("keep.txt".into(), b"earlier output".to_vec())]
    );
}

#[test]
fn usage_errors_exit_2() {
    let f = Fixture::new("minimal");
    assert_eq!(f.run(&["build", "--only", "phieu"]).status.code(), Some(2));
    assert_eq!(
        f.run(&["build", "--commune", "nowhere"]).status.code(),
        Some(2)
    );
    assert_eq!(f.run(&["frobnicate"]).status.code(), Some(2));
}
