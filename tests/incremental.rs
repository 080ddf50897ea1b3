//! Dossiers and incremental builds: what a second run rewrites, and why.

mod support;
use std::io::Read;
use std::path::Path;

use baocao::batch::{self, BuildOptions, Report};
use support::*;

const KINDS: &str = "phieu-danh-gia,danh-sach-xep-loai,ho-so";

fn opts(f: &Fixture) -> BuildOptions {
    BuildOptions {
        inputs: f.inputs(),
        out: f.out(),
        only: KINDS.split(',').map(String::from).collect(),
        ..BuildOptions::default()
    }
}

fn run(o: &BuildOptions) -> Report {
    batch::build(o, None).unwrap_or_else(|e| panic!("build failed: {e:?}"))
}

fn edit(f: &Fixture, rel: &str, from: &str, to: &str) {
    let p = f.inputs().join(rel);
    let text = std::fs::read_to_string(&p).unwrap();
    assert!(text.contains(from), "{from} not in {rel}");
    std::fs::write(&p, text.replacen(from, to, 1)).unwrap();
}

fn zip_entries(path: &Path) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut b = Vec::new();
            f.read_to_end(&mut b).unwrap();
            (f.name().unwrap().to_string(), b)
        })
        .collect()
}

#[test]
fn dossier_holds_exactly_the_communes_sheets_list_and_manifest() {
    let f = Fixture::new("sample");
    run(&opts(&f));
    let dir = f.out().join("2026-H1/xa/hoa-an");
    let mut expected: Vec<String> = std::fs::read_dir(dir.join("phieu-danh-gia"))
        .unwrap()
        .map(|e| {
            format!(
                "phieu-danh-gia/{}",
                e.unwrap().file_name().to_string_lossy()
            )
        })
        .collect();
    expected.push("danh-sach-xep-loai.pdf".into());
    expected.sort();
    expected.push("manifest.tsv".into());
    let entries = zip_entries(&f.out().join("2026-H1/ho-so/hoa-an.zip"));
    let names: Vec<String> = entries.iter().map(|(n, _)| n.clone()).collect();
    assert_eq!(names, expected);
    assert!(names.iter().all(|n| n.is_ascii()));
    // The manifest's hashes match the files, which match the files on disk.
    let manifest = String::from_utf8(entries.last().unwrap().1.clone()).unwrap();
    for (name, bytes) in &entries[..entries.len() - 1] {
        assert_eq!(bytes, &std::fs::read(dir.join(name)).unwrap(), "{name}");
        let line = format!("{name}\t{}\t{}", bytes.len(), batch::sha256_hex(bytes));
        assert!(
            manifest.lines().any(|l| l == line),
            "{line} not in manifest:\n{manifest}"
        );
    }
}

#[test]
fn dossier_bytes_are_identical_across_builds() {
    let f = Fixture::new("sample");
    run(&opts(&f));
    let first = std::fs::read(f.out().join("2026-H1/ho-so/tra-linh.zip")).unwrap();
    let mut o = opts(&f);
    o.force = true;
    let r = run(&o);
    assert!(
        r.written
            .contains(&"2026-H1/ho-so/tra-linh.zip".to_string())
    );
    assert_eq!(
        first,
        std::fs::read(f.out().join("2026-H1/ho-so/tra-linh.zip")).unwrap()
    );
}

#[test]
fn unchanged_inputs_retypeset_nothing_and_rewrite_nothing() {
    let f = Fixture::new("sample");
    let first = run(&opts(&f));
    assert_eq!(first.typeset, first.documents);
    let second = run(&opts(&f));
    assert_eq!(second.typeset, 0);
    assert_eq!(second.written, Vec::<String>::new());
}

#[test]
fn one_changed_official_rebuilds_only_what_depends_on_it() {
    let f = Fixture::new("sample");
    run(&opts(&f));
    let before = snapshot(&f.out());
    edit(
        &f,
        "officials/hoa-an.yaml",
        "name: Nông Thị Hoa",
        "name: Nông Thị Hoà",
    );
    let r = run(&opts(&f));
    let must = [
        "2026-H1/ho-so/hoa-an.zip",
        "2026-H1/ket-qua-xep-loai.csv",
        "2026-H1/manifest.json",
        "2026-H1/xa/hoa-an/danh-sach-xep-loai.pdf",
    ];
    for m in must {
        assert!(
            r.written.iter().any(|w| w == m),
            "{m} not rewritten: {:?}",
            r.written
        );
    }
    let sheets: Vec<&String> = r
        .written
        .iter()
        .filter(|w| w.contains("/phieu-danh-gia/"))
        .collect();
    assert_eq!(sheets.len(), 1, "{sheets:?}");
    assert!(sheets[0].starts_with("2026-H1/xa/hoa-an/phieu-danh-gia/"));
    // Everything else is byte for byte what it was.
    for (path, bytes) in before {
        let p = path.to_string_lossy().replace('\\', "/");
        if !r.written.contains(&p) && !p.ends_with(".baocao-cache.json") {
            assert_eq!(
                std::fs::read(f.out().join(&path)).unwrap(),
                bytes,
                "{p} changed"
            );
        }
    }
    assert_eq!(r.typeset, 2, "the sheet and the list");
    // The rebuilt sheet (typeset alone) and dossier are byte for byte what
    // a clean build of the corrected data gives (sheets typeset in batches).
    let clean = BuildOptions {
        out: f.path().join("clean"),
        ..opts(&f)
    };
    run(&clean);
    for p in [sheets[0].as_str(), "2026-H1/ho-so/hoa-an.zip"] {
        assert!(
            std::fs::read(f.out().join(p)).unwrap() == std::fs::read(clean.out.join(p)).unwrap(),
            "{p} differs from a clean build"
        );
    }
}

#[test]
fn force_rebuilds_everything() {
    let f = Fixture::new("minimal");
    let mut o = opts(&f);
    run(&o);
    o.force = true;
    let r = run(&o);
    assert_eq!(r.typeset, r.documents);
}

#[test]
fn a_removed_officials_sheet_disappears_and_the_manifest_stays_exact() {
    let f = Fixture::new("minimal");
    let mut o = opts(&f);
    o.only.clear(); // pruning happens on full runs
    // Full runs include the other kinds; keep this test on the kinds above by
    // checking only the sheet folder and the manifest.
    run(&o);
    let sheet = f.out().join("2026-H1/xa/hoa-an/phieu-danh-gia/CB02.pdf");
    assert!(sheet.is_file());
    // Remove CB02 (official and evaluation).
    let off = std::fs::read_to_string(f.inputs().join("officials.yaml")).unwrap();
    let cut = off.find("  - id: CB02").unwrap();
    std::fs::write(f.inputs().join("officials.yaml"), &off[..cut]).unwrap();
    let ev = std::fs::read_to_string(f.inputs().join("evaluations.yaml")).unwrap();
    let cut = ev.find("  - official: CB02").unwrap();
    std::fs::write(f.inputs().join("evaluations.yaml"), &ev[..cut]).unwrap();
    let r = run(&o);
    assert!(!sheet.exists(), "stale sheet left behind");
    assert!(
        r.removed
            .contains(&"2026-H1/xa/hoa-an/phieu-danh-gia/CB02.pdf".to_string())
    );
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(f.out().join("2026-H1/manifest.json")).unwrap())
            .unwrap();
    let listed: Vec<String> = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].as_str().unwrap().to_string())
        .collect();
    let on_disk: Vec<String> = snapshot(&f.out())
        .into_iter()
        .map(|(p, _)| p.to_string_lossy().replace('\\', "/"))
        .filter(|p| p.starts_with("2026-H1/") && !p.ends_with("manifest.json"))
        .collect();
    assert_eq!(listed, on_disk);
}

#[test]
fn a_password_encrypts_the_dossier() {
    let f = Fixture::new("minimal");
    let mut o = opts(&f);
    o.zip_password = Some("bí-mật".into());
    run(&o);
    let mut z = zip::ZipArchive::new(
        std::fs::File::open(f.out().join("2026-H1/ho-so/hoa-an.zip")).unwrap(),
    )
    .unwrap();
    assert!(z.by_index(0).is_err(), "readable without the password");
    let mut file = z
        .by_name_decrypt("danh-sach-xep-loai.pdf", "bí-mật".as_bytes())
        .unwrap();
    let mut b = Vec::new();
    file.read_to_end(&mut b).unwrap();
    assert!(b.starts_with(b"%PDF-"));
}
