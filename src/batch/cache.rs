//! The incremental cache: for every output, the key it was built from (a hash
//! of its view-model, kind, the template library, the fonts and the engine
//! version) and what was written. A document whose key is unchanged and whose
//! file is still on disk as written is not typeset again.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::write::ManifestEntry;

/// In the staging area, beside the lock.
const FILE: &str = "cache.json";

const VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Cached {
    pub key: String,
    pub entry: ManifestEntry,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Cache {
    version: u32,
    /// By output path (relative to OUT, "/"-separated).
    pub files: BTreeMap<String, Cached>,
}

impl Cache {
    /// The cache of `out`, or an empty one (missing, unreadable or older
    /// format). It is written after the period folder is published, so a
    /// run killed in between leaves it describing the folder before: an
    /// entry of `period` that the published manifest does not list with the
    /// same hash is kept (for pruning) but never fresh.
    pub fn load(out: &Path, period: &str) -> Cache {
        let mut cache = std::fs::read(Self::path(out))
            .ok()
            .and_then(|b| serde_json::from_slice::<Cache>(&b).ok())
            .filter(|c| c.version == VERSION)
            .unwrap_or_default();
        let listed: BTreeMap<String, String> = super::write::read_manifest(out, period)
            .into_iter()
            .map(|e| (e.path, e.sha256))
            .collect();
        let prefix = format!("{period}/");
        for (path, c) in cache.files.iter_mut() {
            if path.starts_with(&prefix) && listed.get(path) != Some(&c.entry.sha256) {
                c.key.clear();
            }
        }
        cache
    }

    fn path(out: &Path) -> std::path::PathBuf {
        out.join(super::staging::AREA).join(FILE)
    }

    /// Write the cache (to a temporary name in the run's folder, then
    /// renamed), unless it holds these bytes already.
    pub fn save(&mut self, out: &Path) -> Result<(), String> {
        self.version = VERSION;
        let json = serde_json::to_vec(self).map_err(|e| e.to_string())?;
        let path = Self::path(out);
        // A run that changed nothing writes nothing, the cache included.
        if std::fs::read(&path).is_ok_and(|old| old == json) {
            return Ok(());
        }
        let run = super::staging::run_dir(out);
        let tmp = run.join(FILE);
        let err = |p: &Path, e: std::io::Error| format!("không ghi được {}: {e}", p.display());
        std::fs::create_dir_all(&run).map_err(|e| err(&run, e))?;
        std::fs::write(&tmp, &json).map_err(|e| err(&tmp, e))?;
        std::fs::rename(&tmp, &path).map_err(|e| err(&path, e))
    }

    /// The cached entry of `path` if it was built from `key` and the file
    /// under `root` (OUT, or the staged tree) still has the size written (a
    /// cheap check against hand edits).
    pub fn fresh(&self, root: &Path, path: &str, key: &str) -> Option<&ManifestEntry> {
        let c = self.files.get(path)?;
        let meta = std::fs::metadata(root.join(path)).ok()?;
        (!key.is_empty() && c.key == key && meta.len() == c.entry.bytes).then_some(&c.entry)
    }
}

impl Cache {
    /// Note `path` as built from `key` now.
    pub fn record(&mut self, path: &str, key: &str, entry: &ManifestEntry) {
        self.files.insert(
            path.to_string(),
            Cached {
                key: key.to_string(),
                entry: entry.clone(),
            },
        );
    }

    /// Note `path` as an output without a key (rebuilt every run), unless
    /// it is noted already: the cache only has to know it exists, for
    /// pruning.
    pub fn note(&mut self, path: &str, entry: &ManifestEntry) {
        if !self.files.contains_key(path) {
            self.record(path, "", entry);
        }
    }

    /// The paths noted that are not in `keep`.
    pub fn stale<'a>(&'a self, keep: &'a BTreeMap<String, ManifestEntry>) -> Vec<String> {
        self.files
            .keys()
            .filter(|p| !keep.contains_key(*p))
            .cloned()
            .collect()
    }
}

/// The key of a document: everything its bytes depend on.
pub fn key(parts: &[&[u8]]) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    for p in parts {
        h.update((p.len() as u64).to_le_bytes());
        h.update(p);
    }
    format!("{:x}", h.finalize())
}
