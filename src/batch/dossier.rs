//! Evaluation dossiers: one zip per commune with its sheets, its summary list
//! and a manifest. Entries sorted, a fixed timestamp (config.issued_on) and
//! fixed permissions, so the same inputs give the same bytes (unless a
//! password is set: AES uses a random salt per entry).

use std::io::{Cursor, Write};
use std::path::PathBuf;

use zip::write::SimpleFileOptions;
use zip::{AesMode, CompressionMethod, DateTime, ZipWriter};

use super::write::ManifestEntry;

/// A file to put in a dossier: its name inside the zip (ASCII) and bytes.
pub struct Member {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The manifest inside a dossier: one line per file, tab-separated.
fn manifest(members: &[Member]) -> Vec<u8> {
    let mut s = String::from("tệp\tbyte\tsha256\n");
    for m in members {
        s.push_str(&format!(
            "{}\t{}\t{}\n",
            m.name,
            m.bytes.len(),
            super::write::sha256_hex(&m.bytes)
        ));
    }
    s.into_bytes()
}

/// Build the zip. `date` is (year, month, day) for every entry's timestamp.
pub fn zip(
    mut members: Vec<Member>,
    date: (i32, u8, u8),
    password: Option<&str>,
) -> Result<Vec<u8>, String> {
    members.sort_by(|a, b| a.name.cmp(&b.name));
    let manifest = Member {
        name: "manifest.tsv".into(),
        bytes: manifest(&members),
    };
    members.push(manifest);
    let time =
        DateTime::from_date_and_time(date.0.clamp(1980, 2107) as u16, date.1, date.2, 0, 0, 0)
            .map_err(|e| format!("ngày không hợp lệ cho tệp nén: {e}"))?;
    let base = SimpleFileOptions::default()
        .last_modified_time(time)
        .unix_permissions(0o644);
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    for m in &members {
        debug_assert!(m.name.is_ascii());
        // PDFs are compressed inside already: deflating them again costs
        // time for a few per cent.
        let method = if m.name.ends_with(".pdf") {
            CompressionMethod::Stored
        } else {
            CompressionMethod::Deflated
        };
        let opts = match password {
            Some(p) => base.with_aes_encryption(AesMode::Aes256, p),
            None => base,
        }
        .compression_method(method);
        w.start_file(m.name.as_str(), opts)
            .map_err(|e| e.to_string())?;
        w.write_all(&m.bytes).map_err(|e| e.to_string())?;
    }
    Ok(w.finish().map_err(|e| e.to_string())?.into_inner())
}

/// The dossier of the documents `entries` (already on disk, where `at`
/// says), each named inside the zip by its path after `prefix` (the
/// commune's folder).
pub fn from_disk(
    at: impl Fn(&str) -> PathBuf,
    prefix: &str,
    entries: &[&ManifestEntry],
    date: (i32, u8, u8),
    password: Option<&str>,
) -> Result<Vec<u8>, String> {
    let mut files = Vec::with_capacity(entries.len());
    for e in entries {
        let bytes = std::fs::read(at(&e.path))
            .map_err(|err| format!("không đọc được {}: {err}", e.path))?;
        files.push(Member {
            name: e.path[prefix.len()..].to_string(),
            bytes,
        });
    }
    zip(files, date, password)
}

/// A dossier's cache key: what is inside it (names and hashes) and whether
/// it is encrypted.
pub fn key(entries: &[&ManifestEntry], encrypted: bool) -> String {
    let mut s = String::from(if encrypted { "aes\n" } else { "plain\n" });
    for e in entries {
        s.push_str(&format!("{} {}\n", e.path, e.sha256));
    }
    super::write::sha256_hex(s.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn members() -> Vec<Member> {
        vec![
            Member {
                name: "forms/CB2.pdf".into(),
                bytes: b"two".to_vec(),
            },
            Member {
                name: "list.pdf".into(),
                bytes: b"list".to_vec(),
            },
            Member {
                name: "forms/CB1.pdf".into(),
                bytes: b"one".to_vec(),
            },
        ]
    }

    #[test]
    fn same_members_same_bytes_sorted_entries() {
        let a = zip(members(), (2026, 7, 5), None).unwrap();
        let b = zip(members().into_iter().rev().collect(), (2026, 7, 5), None).unwrap();
        assert_eq!(a, b);
        let mut archive = zip::ZipArchive::new(Cursor::new(a)).unwrap();
        let names: Vec<String> = archive
            .file_names()
            .map(|n| n.unwrap().into_owned())
            .collect();
        assert_eq!(
            names,
            ["forms/CB1.pdf", "forms/CB2.pdf", "list.pdf", "manifest.tsv"]
        );
        let f = archive.by_name("forms/CB1.pdf").unwrap();
        assert_eq!(f.unix_mode(), Some(0o100644));
        assert_eq!(
            f.last_modified().map(|t| (t.year(), t.month(), t.day())),
            Some((2026, 7, 5))
        );
    }

    #[test]
    fn password_protects_the_entries() {
        let z = zip(members(), (2026, 7, 5), Some("mật-khẩu")).unwrap();
        let mut archive = zip::ZipArchive::new(Cursor::new(z)).unwrap();
        assert!(
            archive.by_index(0).is_err(),
            "readable without the password"
        );
        let mut f = archive
            .by_name_decrypt("list.pdf", "mật-khẩu".as_bytes())
            .unwrap();
        let mut s = String::new();
        std::io::Read::read_to_string(&mut f, &mut s).unwrap();
        assert_eq!(s, "list");
    }
}
