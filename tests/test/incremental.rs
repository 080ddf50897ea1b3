//! Dossiers and incremental builds: what a second run rewrites, and why.
//! These call the library's `batch::build`, whose report says what was
//! typeset, written and removed; the `Test` gives the folder.

use std::io::Read;

use baocao::batch::{self, BuildOptions, Report};

use crate::support::Test;
use crate::test::util::containing;

const KINDS: &str = "phieu-danh-gia,danh-sach-xep-loai,ho-so";

fn opts(t: &Test) -> BuildOptions {
    BuildOptions {
        inputs: t.inputs(),
        out: t.out(),
        only: KINDS.split(',').map(String::from).collect(),
        ..BuildOptions::default()
    }
}

fn run(o: &BuildOptions) -> Report {
    batch::build(o, None).unwrap_or_else(|e| panic!("build failed: {e:?}"))
}

fn zip_entries(bytes: Vec<u8>) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
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
    let t = Test::fixture("sample");
    run(&opts(&t));
    let dir = "2026-H1/xa/hoa-an";
    let mut expected: Vec<String> = t
        .snapshot(&format!("out/{dir}/phieu-danh-gia"))
        .into_iter()
        .map(|(name, _)| format!("phieu-danh-gia/{name}"))
        .collect();
    expected.extend(
        t.snapshot(&format!("out/{dir}/ho-so-can-bo"))
            .into_iter()
            .map(|(name, _)| format!("ho-so-can-bo/{name}")),
    );
    expected.push("danh-sach-xep-loai.pdf".into());
    expected.sort();
    expected.push("manifest.tsv".into());
    let entries = zip_entries(t.read("2026-H1/ho-so/hoa-an.zip"));
    let names: Vec<String> = entries.iter().map(|(n, _)| n.clone()).collect();
    assert_eq!(names, expected);
    assert!(names.iter().all(|n| n.is_ascii()));
    // The manifest's hashes match the files, which match the files on disk.
    let manifest = String::from_utf8(entries.last().unwrap().1.clone()).unwrap();
    for (name, bytes) in &entries[..entries.len() - 1] {
        assert_eq!(bytes, &t.read(&format!("{dir}/{name}")), "{name}");
        let line = format!("{name}\t{}\t{}", bytes.len(), batch::sha256_hex(bytes));
        assert!(
            manifest.lines().any(|l| l == line),
            "{line} not in manifest:\n{manifest}"
        );
    }
}

#[test]
fn dossier_bytes_are_identical_across_builds() {
    let t = Test::fixture("sample");
    run(&opts(&t));
    let first = t.read("2026-H1/ho-so/tra-linh.zip");
    let mut o = opts(&t);
    o.force = true;
    let r = run(&o);
    assert!(
        r.written
            .contains(&"2026-H1/ho-so/tra-linh.zip".to_string())
    );
    assert_eq!(first, t.read("2026-H1/ho-so/tra-linh.zip"));
}

#[test]
fn unchanged_inputs_retypeset_nothing_and_rewrite_nothing() {
    let t = Test::fixture("sample");
    let first = run(&opts(&t));
    assert_eq!(first.typeset, first.documents);
    let second = run(&opts(&t));
    assert_eq!(second.typeset, 0);
    assert_eq!(second.written, Vec::<String>::new());
}

#[test]
fn one_changed_official_rebuilds_only_what_depends_on_it() {
    let t = Test::fixture("sample");
    run(&opts(&t));
    let before = t.snapshot("out");
    let t = t.edit(
        "officials/hoa-an.yaml",
        "name: Nông Thị Hoa",
        "name: Nông Thị Hoà",
    );
    let r = run(&opts(&t));
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
    let sheets = containing(&r.written, "/phieu-danh-gia/");
    assert_eq!(sheets.len(), 1, "{sheets:?}");
    assert!(sheets[0].starts_with("2026-H1/xa/hoa-an/phieu-danh-gia/"));
    // Everything else is byte for byte what it was.
    for (p, bytes) in before {
        if !r.written.contains(&p) && !p.starts_with(".baocao/") {
            assert_eq!(t.read(&p), bytes, "{p} changed");
        }
    }
    let records = containing(&r.written, "/ho-so-can-bo/");
    assert_eq!(records.len(), 1, "{records:?}");
    assert_eq!(
        r.typeset, 3,
        "the sheet, the official's record and the list"
    );
    // The rebuilt sheet (typeset alone) and dossier are byte for byte what
    // a clean build of the corrected data gives (sheets typeset in batches).
    let clean = BuildOptions {
        out: t.path().join("clean"),
        ..opts(&t)
    };
    run(&clean);
    for p in [
        sheets[0].as_str(),
        records[0].as_str(),
        "2026-H1/ho-so/hoa-an.zip",
    ] {
        assert!(
            t.read(p) == std::fs::read(clean.out.join(p)).unwrap(),
            "{p} differs from a clean build"
        );
    }
}

#[test]
fn force_rebuilds_everything() {
    let t = Test::fixture("minimal");
    let mut o = opts(&t);
    run(&o);
    o.force = true;
    let r = run(&o);
    assert_eq!(r.typeset, r.documents);
}

#[test]
fn a_removed_officials_sheet_disappears_and_the_manifest_stays_exact() {
    let t = Test::fixture("minimal");
    let mut o = opts(&t);
    o.only.clear(); // pruning happens on full runs
    // Full runs include the other kinds; keep this test on the kinds above by
    // checking only the sheet folder and the manifest.
    run(&o);
    let sheet = t.out().join("2026-H1/xa/hoa-an/phieu-danh-gia/CB02.pdf");
    assert!(sheet.is_file());
    // Remove CB02 (official and evaluation).
    let t = t
        .cut("officials.yaml", "  - id: CB02")
        .cut("evaluations.yaml", "  - official: CB02");
    let r = run(&o);
    assert!(!sheet.exists(), "stale sheet left behind");
    assert!(
        r.removed
            .contains(&"2026-H1/xa/hoa-an/phieu-danh-gia/CB02.pdf".to_string())
    );
    let manifest: serde_json::Value =
        serde_json::from_slice(&t.read("2026-H1/manifest.json")).unwrap();
    let listed: Vec<String> = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].as_str().unwrap().to_string())
        .collect();
    let on_disk: Vec<String> = t
        .snapshot("out")
        .into_iter()
        .map(|(p, _)| p)
        .filter(|p| p.starts_with("2026-H1/") && !p.ends_with("manifest.json"))
        .collect();
    assert_eq!(listed, on_disk);
}

#[test]
fn a_password_encrypts_the_dossier() {
    let t = Test::fixture("minimal");
    let mut o = opts(&t);
    o.zip_password = Some("bí-mật".into());
    run(&o);
    let zip = std::io::Cursor::new(t.read("2026-H1/ho-so/hoa-an.zip"));
    let mut z = zip::ZipArchive::new(zip).unwrap();
    assert!(z.by_index(0).is_err(), "readable without the password");
    let mut file = z
        .by_name_decrypt("danh-sach-xep-loai.pdf", "bí-mật".as_bytes())
        .unwrap();
    let mut b = Vec::new();
    file.read_to_end(&mut b).unwrap();
    assert!(b.starts_with(b"%PDF-"));
}
