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

/// Where `rel` is written before the rename: this run's folder in the
/// staging area (`OUT/.baocao/run-<pid>/rel`), never beside the documents.
fn tmp_name(out: &Path, rel: &Path) -> PathBuf {
    super::staging::run_dir(out).join(rel)
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
    let tmp = tmp_name(out, rel);
    if let Some(dir) = tmp.parent() {
        std::fs::create_dir_all(dir).map_err(|e| io_err(dir, e))?;
    }
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
pub fn commit(staged: Vec<Staged>) -> Result<Vec<ManifestEntry>, String> {
    let mut entries = Vec::with_capacity(staged.len());
    for s in staged {
        std::fs::rename(&s.tmp, &s.dest).map_err(|e| io_err(&s.dest, e))?;
        entries.push(s.entry);
    }
    Ok(entries)
}

/// Remove staged files after a failed run.
pub fn discard(out: &Path, staged: Vec<Staged>) {
    for s in staged {
        let _ = std::fs::remove_file(&s.tmp);
        if let Ok(rel) = s.dest.strip_prefix(out) {
            remove_empty_parents(out, rel);
        }
    }
    super::staging::remove_run_dir(out);
}

/// Write one file atomically (temporary name, then rename).
pub fn write_file(
    out: &Path,
    rel: &Path,
    kind: &str,
    bytes: &[u8],
) -> Result<ManifestEntry, String> {
    let s = stage_bytes(out, rel, kind, bytes)?;
    Ok(commit(vec![s])?.remove(0))
}

/// Write a file unless it already holds exactly these bytes; note it in `written`.
pub fn write_if_changed(
    out: &Path,
    rel: &Path,
    kind: &str,
    bytes: &[u8],
    written: &mut Vec<String>,
) -> Result<ManifestEntry, String> {
    if std::fs::read(out.join(rel)).is_ok_and(|old| old == bytes) {
        return Ok(ManifestEntry {
            path: rel_string(rel),
            kind: kind.to_string(),
            bytes: bytes.len() as u64,
            sha256: sha256_hex(bytes),
        });
    }
    let e = write_file(out, rel, kind, bytes)?;
    written.push(e.path.clone());
    Ok(e)
}

/// Remove the folders of `rel` under `out` that became empty.
pub fn remove_empty_parents(out: &Path, rel: &Path) {
    let mut dir = rel.parent();
    while let Some(d) = dir.filter(|d| !d.as_os_str().is_empty()) {
        if std::fs::remove_dir(out.join(d)).is_err() {
            break;
        }
        dir = d.parent();
    }
}

/// `OUT/<period>/manifest.json`: every output of the period with its kind,
/// size and SHA-256: this run's files, plus those of earlier runs that still
/// exist (a `--only` or `--commune` run keeps the others listed).
pub fn update_manifest(
    period_dir: &Path,
    out: &Path,
    current: Vec<ManifestEntry>,
    removed: &[String],
    written: &mut Vec<String>,
) -> Result<(), String> {
    let path = period_dir.join("manifest.json");
    let rel = path.strip_prefix(out).unwrap_or(&path).to_path_buf();
    let prefix = format!("{}/", rel_string(rel.parent().unwrap_or(Path::new(""))));
    let mut all: BTreeMap<String, ManifestEntry> = BTreeMap::new();
    if let Ok(text) = std::fs::read_to_string(&path)
        && let Ok(old) = serde_json::from_str::<Manifest>(&text)
    {
        for e in old.files {
            if !removed.contains(&e.path) && out.join(&e.path).is_file() {
                all.insert(e.path.clone(), e);
            }
        }
    }
    for e in current.into_iter().filter(|e| e.path.starts_with(&prefix)) {
        all.insert(e.path.clone(), e);
    }
    let manifest = Manifest {
        files: all.into_values().collect(),
    };
    let mut json = serde_json::to_vec_pretty(&manifest).map_err(|e| e.to_string())?;
    json.push(b'\n');
    write_if_changed(out, &rel, "manifest", &json, written).map(|_| ())
}
