//! `baocao sample`: the same seed gives the same bytes, the province passes
//! `baocao check`, a non-empty folder is refused; and a smoke run of the
//! whole-province benchmark (benches/province.rs) on a tiny province.

#[path = "../benches/province.rs"]
#[allow(dead_code)]
mod province;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_baocao");

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every file under `dir` with its bytes, sorted by path.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut v: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let bytes = std::fs::read(e.path()).unwrap();
            (e.path().strip_prefix(dir).unwrap().to_path_buf(), bytes)
        })
        .collect();
    v.sort();
    v
}

fn sample(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("sample")
        .arg(dir)
        .args(args)
        .output()
        .expect("run baocao sample")
}

const SMALL: [&str; 4] = ["--officials", "300", "--communes", "6"];

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b, c) = (
        tmp.path().join("a"),
        tmp.path().join("b"),
        tmp.path().join("c"),
    );
    for (dir, seed) in [(&a, "7"), (&b, "7"), (&c, "8")] {
        let out = sample(dir, &[&SMALL[..], &["--seed", seed]].concat());
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(stdout(&out).contains("300 cán bộ"), "{}", stdout(&out));
    }
    let (sa, sb, sc) = (snapshot(&a), snapshot(&b), snapshot(&c));
    // Shared files + one officials, evaluations and trainings file per commune.
    assert_eq!(sa.len(), 7 + 3 * 6);
    assert!(sa == sb, "same seed, different files");
    assert!(sa != sc, "different seeds, same files");
}

#[test]
fn the_generated_province_passes_check() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("tinh");
    let out = sample(&dir, &SMALL);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = Command::new(BIN).arg("check").arg(&dir).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("6 xã/phường"), "{text}");
    assert!(text.contains("300 cán bộ"), "{text}");
    assert!(text.contains("300 phiếu đánh giá"), "{text}");
    // Every region and kind among six communes; the two blocs; names with
    // Vietnamese spelling; some totals exactly on a threshold.
    let communes = std::fs::read_to_string(dir.join("communes.yaml")).unwrap();
    for v in [
        "kind: phuong",
        "kind: xa",
        "region: urban",
        "region: rural",
        "region: mountain",
        "region: border",
    ] {
        assert!(communes.contains(v), "{v} missing");
    }
    let officials = std::fs::read_to_string(dir.join("officials/hoa-an.yaml")).unwrap();
    assert!(officials.contains("bloc: party") && officials.contains("bloc: government"));
    assert!(officials.contains("  - id: CB00"));
    assert!(officials.contains("ethnicity: Tày"));
    // Written by serde-saphyr in data-model.md's spelling.
    let evaluations = std::fs::read_to_string(dir.join("evaluations/hoa-an.yaml")).unwrap();
    assert!(evaluations.contains("\n    period: 2026-H1\n    scores: {k1: "));
    let config = std::fs::read_to_string(dir.join("config.yaml")).unwrap();
    assert!(config.contains("\n  bodies:\n    provincial_committee:\n"));
    assert!(!config.contains("src:") && !officials.contains("src:"));
}

#[test]
fn a_non_empty_folder_needs_force() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("tinh");
    let args = ["--officials", "40", "--communes", "3"];
    assert!(sample(&dir, &args).status.success());
    let before = snapshot(&dir);
    let out = sample(&dir, &args);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    assert!(snapshot(&dir) == before);
    // --force replaces the per-commune files (fewer communes now).
    let out = sample(&dir, &["--officials", "20", "--communes", "2", "--force"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(snapshot(&dir).len(), 7 + 3 * 2);
    let out = Command::new(BIN).arg("check").arg(&dir).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn impossible_counts_are_usage_errors() {
    let tmp = tempfile::tempdir().unwrap();
    for args in [
        &["--officials", "3", "--communes", "6"][..],
        &["--communes", "0"][..],
    ] {
        let out = sample(&tmp.path().join("x"), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).starts_with("lỗi: "), "{}", stderr(&out));
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
        typst: true,
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
    assert_eq!(r.sheets.documents, 30);
    assert_eq!(r.sheets.typeset, 30);
    let d = r.double.as_ref().unwrap();
    assert_eq!(d.typeset, d.documents);
    assert!(d.documents > r.full.documents);
    let table = province::report(&r);
    println!("{table}");
    for row in [
        "whole province from scratch",
        "evaluation sheets end to end",
        "re-run, nothing changed",
        "re-run, one official changed",
        "peak memory",
        "typst CLI",
    ] {
        assert!(table.contains(row), "{row} not in\n{table}");
    }
}
