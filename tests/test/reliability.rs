//! A run never leaves debris beside the documents, two runs never write into
//! one OUT at once, Ctrl-C stops cleanly, a no-change run writes nothing,
//! every PDF is PDF/A-2b, and `--watch` rebuilds on a change.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime};

use crate::support::*;

fn spawn(dir: &Path, args: &[&str]) -> Child {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run baocao")
}

/// Wait until `p` exists (the run is mid-typesetting once its staging
/// folder holds a file).
fn wait_for(p: &Path, child: &mut Child) {
    let start = Instant::now();
    while !p.exists() {
        assert!(child.try_wait().unwrap().is_none(), "the build ended early");
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "{p:?} never came"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn run_dir(out: &Path, child: &Child) -> PathBuf {
    out.join(".baocao").join(format!("run-{}", child.id()))
}

fn signal(child: &Child, sig: &str) {
    let ok = Command::new("kill")
        .args([sig, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(ok.success());
}

/// Every file under `dir` (hidden ones included) that is not in the
/// staging area.
fn visible_files(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_entry(|e| e.file_name() != ".baocao")
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(dir).unwrap().display().to_string())
        .collect();
    v.sort();
    v
}

#[test]
fn ctrl_c_exits_130_and_leaves_no_temporaries() {
    let t = Test::fixture("sample");
    let mut child = spawn(t.path(), &["build", "-j", "1"]);
    let staging = run_dir(&t.out(), &child);
    wait_for(&staging, &mut child);
    signal(&child, "-INT");
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    assert!(stderr.contains("Đã dừng theo yêu cầu"), "{stderr}");
    assert!(!staging.exists(), "the run's staging folder is removed");
    let files = visible_files(&t.out());
    assert!(
        files.iter().all(|f| !f.ends_with(".tmp")) && !files.iter().any(|f| f.ends_with(".pdf")),
        "an interrupted first run leaves no document and no temporary: {files:?}"
    );
}

#[test]
fn a_killed_run_leaves_nothing_beside_the_documents_and_the_next_run_cleans_up() {
    let t = Test::fixture("sample").arg("build").success();
    let clean = t.snapshot("out");
    let clean_files = visible_files(&t.out());
    // A changed date reaches every document; kill the run mid-typesetting.
    let t = t.then().edit(
        "config.yaml",
        "issued_on: 2026-07-05",
        "issued_on: 2026-07-06",
    );
    let mut child = spawn(t.path(), &["build", "-j", "1"]);
    let staging = run_dir(&t.out(), &child);
    wait_for(&staging, &mut child);
    signal(&child, "-KILL");
    child.wait().unwrap();
    let after_kill: Vec<String> = visible_files(&t.out());
    assert!(
        after_kill.iter().all(|f| !f.ends_with(".tmp")),
        "temporaries only in the staging area: {after_kill:?}"
    );
    assert_eq!(
        after_kill, clean_files,
        "no file but the earlier ones is visible"
    );
    assert!(
        staging.exists(),
        "SIGKILL cannot be caught: its folder stays"
    );
    let t = t
        .edit(
            "config.yaml",
            "issued_on: 2026-07-06",
            "issued_on: 2026-07-05",
        )
        .arg("build")
        .success();
    assert!(
        !staging.exists(),
        "the next run removes what the killed one left"
    );
    assert_eq!(
        t.snapshot("out"),
        clean,
        "and brings OUT back to a clean build"
    );
}

/// OUT as a reader sees it: every period folder's manifest entries match
/// their files (size and SHA-256), and nothing outside the staging area is
/// there but the listed files and the manifests.
fn assert_consistent(out: &Path, when: &str) {
    let mut listed = Vec::new();
    for e in std::fs::read_dir(out).into_iter().flatten().flatten() {
        let m = e.path().join("manifest.json");
        if !e.path().is_dir() || e.file_name() == ".baocao" {
            continue;
        }
        let text = std::fs::read(&m).unwrap_or_else(|_| panic!("{when}: {m:?} missing"));
        let json: serde_json::Value = serde_json::from_slice(&text)
            .unwrap_or_else(|err| panic!("{when}: {m:?} unreadable: {err}"));
        listed.push(m.strip_prefix(out).unwrap().display().to_string());
        for f in json["files"].as_array().unwrap() {
            let path = f["path"].as_str().unwrap();
            let bytes = std::fs::read(out.join(path))
                .unwrap_or_else(|_| panic!("{when}: {path} listed but missing"));
            assert_eq!(
                bytes.len() as u64,
                f["bytes"].as_u64().unwrap(),
                "{when}: {path}"
            );
            assert_eq!(
                baocao::batch::sha256_hex(&bytes),
                f["sha256"].as_str().unwrap(),
                "{when}: {path} is not what the manifest says"
            );
            listed.push(path.to_string());
        }
    }
    listed.sort();
    assert_eq!(visible_files(out), listed, "{when}: unlisted files in OUT");
}

/// SIGKILL at several moments of a build (loading, typesetting, the
/// publish, the end: fractions of a full build's time), each run from what
/// the previous killed one left, with an issue date that changes every
/// document: after each kill OUT is consistent, and the next run brings it
/// to exactly a clean build's bytes.
#[test]
fn a_run_killed_at_any_moment_leaves_out_consistent_and_the_next_run_repairs_it() {
    let t = Test::fixture("sample");
    let start = Instant::now();
    let out = spawn(t.path(), &["build", "-j", "1"])
        .wait_with_output()
        .unwrap();
    let full = start.elapsed();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let clean = t.snapshot("out");
    let mut date = "issued_on: 2026-07-05".to_string();
    let mut t = t;
    for (i, percent) in [5u32, 25, 50, 75, 90, 97, 100, 103, 110]
        .into_iter()
        .enumerate()
    {
        let next = format!("issued_on: 2026-07-{:02}", 6 + i);
        t = t.edit("config.yaml", &date, &next);
        date = next;
        let mut child = spawn(t.path(), &["build", "-j", "1"]);
        std::thread::sleep(full * percent / 100);
        // A run that ended already is no longer there to kill.
        if child.try_wait().unwrap().is_none() {
            signal(&child, "-KILL");
        }
        child.wait().unwrap();
        assert_consistent(&t.out(), &format!("killed at {percent}% of a build"));
    }
    let t = t
        .edit("config.yaml", &date, "issued_on: 2026-07-05")
        .arg("build")
        .success();
    assert_eq!(t.snapshot("out"), clean, "the next run gives a clean build");
}

#[test]
fn a_second_build_into_the_same_out_is_refused() {
    let t = Test::fixture("sample");
    let mut first = spawn(t.path(), &["build", "-j", "1"]);
    wait_for(&run_dir(&t.out(), &first), &mut first);
    let second = Command::new(BIN)
        .args(["build"])
        .current_dir(t.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert_eq!(second.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("đang được một lần chạy khác ghi; hãy chờ lần chạy đó kết thúc"),
        "{stderr}"
    );
    let out = first.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn mtimes(dir: &Path) -> Vec<(PathBuf, SystemTime)> {
    let mut v: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .map(|e| {
            (
                e.path().to_path_buf(),
                e.metadata().unwrap().modified().unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn a_run_with_nothing_changed_writes_no_file() {
    let t = Test::fixture("minimal").arg("build").success();
    let before = mtimes(&t.out());
    assert!(
        before
            .iter()
            .any(|(p, _)| p.ends_with(".baocao/cache.json"))
    );
    std::thread::sleep(Duration::from_millis(20));
    let t = t.then().arg("build").success();
    assert_eq!(
        mtimes(&t.out()),
        before,
        "files and folders, hidden ones too"
    );
}

#[test]
fn every_pdf_is_pdfa_2b_unless_asked_otherwise() {
    let t = Test::fixture("minimal").arg("build").success();
    let pdfs = t.pdfs();
    assert!(
        pdfs.iter().any(|p| p.contains("phieu-danh-gia/")),
        "{pdfs:?}"
    );
    for p in &pdfs {
        let bytes = t.read(p);
        let has = |s: &str| bytes.windows(s.len()).any(|w| w == s.as_bytes());
        assert!(
            has("<pdfaid:part>2</pdfaid:part>"),
            "{p}: no PDF/A declaration"
        );
        assert!(has("<pdfaid:conformance>B</pdfaid:conformance>"), "{p}");
        assert!(has("/OutputIntents"), "{p}: no output intent");
    }
    let plain = t.then().args(["build", "--pdf-standard", "none"]).success();
    for p in plain.pdfs() {
        let bytes = plain.read(&p);
        assert!(!bytes.windows(7).any(|w| w == b"pdfaid:"), "{p} is plain");
    }
}

/// Lines of a child's stdout, as they come.
fn lines(child: &mut Child) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

fn expect_line(rx: &mpsc::Receiver<String>, has: &str) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match rx.recv_timeout(left) {
            Ok(l) if l.contains(has) => return,
            Ok(_) => continue,
            Err(_) => break,
        }
    }
    panic!("no line with {has:?}");
}

#[test]
fn watch_rebuilds_on_a_change_and_survives_a_bad_edit() {
    let t = Test::fixture("minimal");
    let mut child = spawn(t.path(), &["build", "--watch"]);
    let rx = lines(&mut child);
    expect_line(&rx, "Đang theo dõi");
    let officials = t.inputs().join("officials.yaml");
    let text = std::fs::read_to_string(&officials).unwrap();
    std::fs::write(&officials, text.replacen("name: ", "name: Tên Mới ", 1)).unwrap();
    expect_line(&rx, "Đã tạo");
    std::fs::write(&officials, "officials: [\n").unwrap();
    expect_line(&rx, "Thay đổi");
    std::thread::sleep(Duration::from_millis(500));
    assert!(
        child.try_wait().unwrap().is_none(),
        "a bad edit does not end the watch"
    );
    signal(&child, "-INT");
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("lỗi: inputs/officials.yaml"), "{stderr}");
    assert_eq!(out.status.code(), Some(130), "{stderr}");
}

#[test]
fn a_partial_run_publishes_its_documents_beside_all_the_others() {
    let t = Test::fixture("sample").args(["build"]).success();
    let before = t.snapshot("out");
    let t = t
        .then()
        .edit(
            "config.yaml",
            "issued_on: 2026-07-05",
            "issued_on: 2026-07-06",
        )
        .args(["build", "--commune", "hoa-an", "--only", "phieu-danh-gia"])
        .success();
    assert_consistent(&t.out(), "after --commune --only");
    let after = t.snapshot("out");
    let changed: Vec<&String> = after
        .iter()
        .filter(|f| !before.contains(f))
        .map(|(p, _)| p)
        .collect();
    assert!(!changed.is_empty());
    for p in &changed {
        assert!(
            p.starts_with("2026-H1/xa/hoa-an/phieu-danh-gia/")
                || p.as_str() == "2026-H1/manifest.json"
                // The sheets feed it; its creation date is issued_on.
                || p.as_str() == "2026-H1/ket-qua-xep-loai.xlsx"
                || p.starts_with(".baocao/"),
            "{p} changed"
        );
    }
    let names = |s: &[(String, Vec<u8>)]| s.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&after),
        names(&before),
        "every other document is still there"
    );
}
