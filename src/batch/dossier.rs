//! Evaluation dossiers: one zip per commune with its sheets, its summary list
//! and a manifest. Entries sorted, a fixed timestamp (config.issued_on) and
//! fixed permissions, so the same inputs give the same bytes (unless a
//! password is set: AES uses a random salt per entry).

use std::io::{Seek, Write};
use std::path::PathBuf;

use zip::write::SimpleFileOptions;
use zip::{AesMode, CompressionMethod, DateTime, ZipWriter};

use super::write::ManifestEntry;

/// A file to put in a dossier: its name inside the zip (ASCII), its size
/// and SHA-256, and where its bytes are.
pub struct Member {
    pub name: String,
    pub bytes: u64,
    pub sha256: String,
    pub source: Source,
}

/// Where a member's bytes are: read one member at a time, so a dossier
/// never holds its documents in memory.
pub enum Source {
    Bytes(Vec<u8>),
    File(PathBuf),
}

impl Member {
    /// A member from bytes at hand.
    pub fn from_bytes(name: &str, bytes: Vec<u8>) -> Member {
        Member {
            name: name.to_string(),
            bytes: bytes.len() as u64,
            sha256: super::write::sha256_hex(&bytes),
            source: Source::Bytes(bytes),
        }
    }
}

/// The manifest inside a dossier: one line per file, tab-separated.
fn manifest(members: &[Member]) -> Vec<u8> {
    let mut s = String::from("tệp\tbyte\tsha256\n");
    for m in members {
        s.push_str(&format!("{}\t{}\t{}\n", m.name, m.bytes, m.sha256));
    }
    s.into_bytes()
}

/// Write the zip into `w`. `date` is (year, month, day) for every entry's
/// timestamp.
pub fn zip<W: Write + Seek>(
    w: W,
    mut members: Vec<Member>,
    date: (i32, u8, u8),
    password: Option<&str>,
) -> Result<(), String> {
    members.sort_by(|a, b| a.name.cmp(&b.name));
    let manifest = Member::from_bytes("manifest.tsv", manifest(&members));
    members.push(manifest);
    let time =
        DateTime::from_date_and_time(date.0.clamp(1980, 2107) as u16, date.1, date.2, 0, 0, 0)
            .map_err(|e| format!("ngày không hợp lệ cho tệp nén: {e}"))?;
    let base = SimpleFileOptions::default()
        .last_modified_time(time)
        .unix_permissions(0o644);
    let mut w = ZipWriter::new(w);
    for m in &members {
        debug_assert!(m.name.is_ascii());
        // PDFs are compressed inside already: stored.
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
        match &m.source {
            Source::Bytes(b) => w.write_all(b).map_err(|e| e.to_string())?,
            Source::File(p) => {
                let bytes = std::fs::read(p)
                    .map_err(|err| format!("không đọc được {}: {err}", p.display()))?;
                w.write_all(&bytes).map_err(|e| e.to_string())?;
            }
        }
    }
    w.finish()
        .and_then(|mut w| w.flush().map_err(Into::into))
        .map_err(|e| e.to_string())
}

/// The members of a dossier: the documents `entries` (under `prefix`,
/// named relative to it), found by `at`.
pub fn members(
    at: impl Fn(&str) -> PathBuf,
    prefix: &str,
    entries: &[ManifestEntry],
) -> Vec<Member> {
    entries
        .iter()
        .map(|e| Member {
            name: e.path[prefix.len()..].to_string(),
            bytes: e.bytes,
            sha256: e.sha256.clone(),
            source: Source::File(at(&e.path)),
        })
        .collect()
}

/// A dossier's cache key: what is inside it (names and hashes) and whether
/// it is encrypted.
pub fn key(entries: &[ManifestEntry], encrypted: bool) -> String {
    let mut s = String::from(if encrypted { "aes\n" } else { "plain\n" });
    for e in entries {
        s.push_str(&format!("{} {}\n", e.path, e.sha256));
    }
    super::write::sha256_hex(s.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::io::Cursor;

    fn members() -> Vec<Member> {
        vec![
            Member::from_bytes("forms/CB2.pdf", b"two".to_vec()),
            Member::from_bytes("list.pdf", b"list".to_vec()),
            Member::from_bytes("forms/CB1.pdf", b"one".to_vec()),
        ]
    }

    fn zipped(m: Vec<Member>, password: Option<&str>) -> Vec<u8> {
        let mut c = Cursor::new(Vec::new());
        zip(&mut c, m, (2026, 7, 5), password).unwrap();
        c.into_inner()
    }

    #[test]
    fn same_members_same_bytes_sorted_entries() {
        let a = zipped(members(), None);
        let b = zipped(members().into_iter().rev().collect(), None);
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
        let z = zipped(members(), Some("mật-khẩu"));
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
