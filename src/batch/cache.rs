//! The incremental cache: for every output, the key it was built from (a hash
//! of its view-model, kind, the template library, the fonts and the engine
//! version) and what was written. A document whose key is unchanged and whose
//! file is still on disk as written is not typeset again.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::write::ManifestEntry;

const FILE: &str = ".baocao-cache.json";
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
    /// The cache of `out`, or an empty one (missing, unreadable or older format).
    pub fn load(out: &Path) -> Cache {
        std::fs::read(out.join(FILE))
            .ok()
            .and_then(|b| serde_json::from_slice::<Cache>(&b).ok())
            .filter(|c| c.version == VERSION)
            .unwrap_or_default()
    }

    pub fn save(&mut self, out: &Path) -> Result<(), String> {
        self.version = VERSION;
        let json = serde_json::to_vec(self).map_err(|e| e.to_string())?;
        // A run that changed nothing writes nothing, the cache included.
        if std::fs::read(out.join(FILE)).is_ok_and(|old| old == json) {
            return Ok(());
        }
        super::write::write_file(out, Path::new(FILE), "cache", &json).map(|_| ())
    }

    /// The cached entry of `path` if it was built from `key` and the file on
    /// disk still has the size written (a cheap check against hand edits).
    pub fn fresh(&self, out: &Path, path: &str, key: &str) -> Option<&ManifestEntry> {
        let c = self.files.get(path)?;
        let meta = std::fs::metadata(out.join(path)).ok()?;
        (c.key == key && meta.len() == c.entry.bytes).then_some(&c.entry)
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
