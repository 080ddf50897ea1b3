//! Writing outputs safely: every file goes to a temporary name first and is
//! renamed into place only when the whole run succeeded.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::docs::Job;

/// A document written to its temporary name, waiting for the commit.
#[derive(Debug)]
pub struct Staged {
    pub tmp: PathBuf,
    pub dest: PathBuf,
    pub entry: ManifestEntry,
}

/// One line of `manifest.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestEntry {
    /// Path relative to the output folder, with "/".
    pub path: String,
    pub kind: String,
    pub bytes: u64,
    pub sha256: String,
}

#[derive(Serialize, Deserialize)]
struct Manifest {
    files: Vec<ManifestEntry>,
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

fn rel_string(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn tmp_name(dest: &Path) -> PathBuf {
    let mut name = dest.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".{}.tmp", std::process::id()));
    dest.with_file_name(name)
}

fn io_err(p: &Path, e: std::io::Error) -> String {
    format!("không ghi được {}: {e}", p.display())
}

/// Write `bytes` for `job` under a temporary name beside its destination.
pub fn stage(out: &Path, job: &Job, bytes: &[u8]) -> Result<Staged, String> {
    stage_bytes(out, &job.path, job.kind.code(), bytes)
}

pub fn stage_bytes(out: &Path, rel: &Path, kind: &str, bytes: &[u8]) -> Result<Staged, String> {
    let dest = out.join(rel);
    if let Some(dir) = dest.parent() {
        std::fs::create_dir_all(dir).map_err(|e| io_err(dir, e))?;
    }
    let tmp = tmp_name(&dest);
    std::fs::write(&tmp, bytes).map_err(|e| io_err(&tmp, e))?;
    Ok(Staged {
        tmp,
        dest,
        entry: ManifestEntry {
            path: rel_string(rel),
            kind: kind.to_string(),
            bytes: bytes.len() as u64,
            sha256: sha256_hex(bytes),
        },
    })
}

/// Rename every staged file into place.
pub fn commit(_out: &Path, staged: Vec<Staged>) -> Result<Vec<ManifestEntry>, String> {
    let mut entries = Vec::with_capacity(staged.len());
    for s in staged {
        std::fs::rename(&s.tmp, &s.dest).map_err(|e| io_err(&s.dest, e))?;
        entries.push(s.entry);
    }
    Ok(entries)
}

/// Remove staged files after a failed run.
pub fn discard(staged: Vec<Staged>) {
    for s in staged {
        let _ = std::fs::remove_file(&s.tmp);
    }
}

/// Write one file atomically (temporary name, then rename).
pub fn write_file(
    out: &Path,
    rel: &Path,
    kind: &str,
    bytes: &[u8],
) -> Result<ManifestEntry, String> {
    let s = stage_bytes(out, rel, kind, bytes)?;
    Ok(commit(out, vec![s])?.remove(0))
}

/// `OUT/<period>/manifest.json`: the files of this run, plus those of earlier
/// runs that still exist (a `--only` run keeps the others listed).
pub fn update_manifest(
    period_dir: &Path,
    out: &Path,
    new: Vec<ManifestEntry>,
) -> Result<(), String> {
    let path = period_dir.join("manifest.json");
    let mut all: BTreeMap<String, ManifestEntry> = BTreeMap::new();
    if let Ok(text) = std::fs::read_to_string(&path)
        && let Ok(old) = serde_json::from_str::<Manifest>(&text)
    {
        for e in old.files {
            if out.join(&e.path).is_file() {
                all.insert(e.path.clone(), e);
            }
        }
    }
    for e in new {
        all.insert(e.path.clone(), e);
    }
    let manifest = Manifest {
        files: all.into_values().collect(),
    };
    let mut json = serde_json::to_vec_pretty(&manifest).map_err(|e| e.to_string())?;
    json.push(b'\n');
    let rel = path.strip_prefix(out).unwrap_or(&path).to_path_buf();
    write_file(out, &rel, "manifest", &json).map(|_| ())
}
