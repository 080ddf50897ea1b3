//! `baocao sample`: the same seed gives the same bytes, the province passes
//! `baocao check`, a non-empty folder is refused; and a smoke run of the
//! whole-province benchmark (benches/province.rs) on a tiny province.

#[path = "../../benches/province.rs"]
#[allow(dead_code)]
mod province;

use std::path::Path;

use crate::support::{BIN, Test};
use crate::test::util::assert_holds;

const SMALL: [&str; 4] = ["--officials", "300", "--communes", "6"];

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    let mut t = Test::new();
    for (dir, seed) in [("a", "7"), ("b", "7"), ("c", "8")] {
        t = t
            .args(["sample", dir])
            .args(SMALL)
            .args(["--seed", seed])
            .stdout_has("300 cán bộ")
            .success()
            .then();
    }
    let (a, b, c) = (t.snapshot("a"), t.snapshot("b"), t.snapshot("c"));
    // Shared files + one officials, evaluations and trainings file per commune.
    assert_eq!(a.len(), 7 + 3 * 6);
    assert!(a == b, "same seed, different files");
    assert!(a != c, "different seeds, same files");
}

#[test]
fn the_generated_province_passes_check() {
    let checked = Test::new()
        .args(["sample", "tinh"])
        .args(SMALL)
        .success()
        .then()
        .args(["check", "tinh"])
        .stdout_has("6 xã/phường")
        .stdout_has("300 cán bộ")
        // One per official for the period, and some of earlier periods.
        .stdout_has("2026-H1: 300 (kỳ báo cáo)")
        .success();
    // Every region and kind among six communes; the two blocs; names with
    // Vietnamese spelling; some totals exactly on a threshold.
    let read = |rel: &str| std::fs::read_to_string(checked.path().join(rel)).unwrap();
    let communes = read("tinh/communes.yaml");
    assert_holds(
        &communes,
        &[
            "kind: phuong",
            "kind: xa",
            "region: urban",
            "region: rural",
            "region: mountain",
            "region: border",
        ],
    );
    let officials = read("tinh/officials/hoa-an.yaml");
    assert!(officials.contains("bloc: party") && officials.contains("bloc: government"));
    assert!(officials.contains("  - id: CB00"));
    assert!(officials.contains("ethnicity: Tày"));
    // Written by serde-saphyr in data-model.md's spelling.
    let evaluations = read("tinh/evaluations/hoa-an.yaml");
    assert!(evaluations.contains("\n    period: 2026-H1\n    scores: {k1: "));
    let config = read("tinh/config.yaml");
    assert!(config.contains("\n  bodies:\n    provincial_committee:\n"));
    assert!(!config.contains("src:") && !officials.contains("src:"));
}

#[test]
fn a_non_empty_folder_needs_force() {
    let args = ["sample", "tinh", "--officials", "40", "--communes", "3"];
    let first = Test::new().args(args).success();
    let before = first.snapshot("tinh");
    let refused = first.then().args(args).stderr_has("--force").status(2);
    assert!(refused.snapshot("tinh") == before);
    // --force replaces the per-commune files (fewer communes now).
    let forced = refused
        .then()
        .args([
            "sample",
            "tinh",
            "--officials",
            "20",
            "--communes",
            "2",
            "--force",
        ])
        .success();
    assert_eq!(forced.snapshot("tinh").len(), 7 + 3 * 2);
    forced.then().args(["check", "tinh"]).success();
}

#[test]
fn impossible_counts_are_usage_errors() {
    for args in [
        &["--officials", "3", "--communes", "6"][..],
        &["--communes", "0"][..],
    ] {
        let refused = Test::new()
            .args(["sample", "x"])
            .args(args.iter().copied())
            .status(2);
        assert!(refused.stderr.starts_with("lỗi: "), "{}", refused.stderr);
    }
}

/// The benchmark's measuring code on a tiny province, every document kind.
#[test]
fn benchmark_smoke() {
    let cfg = province::Config {
        bin: BIN.into(),
        fonts: Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts"),
        officials: 30,
        communes: 3,
        seed: 1,
        only: None,
        fallback: false,
        double: true,
        peer: true,
        rounds: 2,
        verbose: false,
    };
    let r = province::run(&cfg).unwrap_or_else(|e| panic!("{e}"));
    assert!(r.full.documents > 30, "{r:?}");
    assert_eq!(r.full.typeset, r.full.documents);
    assert!(r.full.peak_bytes > 0);
    assert_eq!(r.unchanged.typeset, 0);
    assert!(
        r.one_changed.typeset >= 2 && r.one_changed.typeset < r.full.documents,
        "{r:?}"
    );
    assert_eq!(r.sheets.len(), 2);
    for s in &r.sheets {
        assert_eq!((s.documents, s.typeset), (30, 30));
    }
    let d = r.double.as_ref().unwrap();
    assert_eq!(d.typeset, d.documents);
    assert!(d.documents > r.full.documents);
    let table = province::report(&r);
    println!("{table}");
    assert_holds(
        &table,
        &[
            "whole province from scratch",
            "the province as one workbook",
            "evaluation sheets end to end",
            "re-run, nothing changed",
            "re-run, one official changed",
            "peak memory",
            "typst-py",
        ],
    );
}
