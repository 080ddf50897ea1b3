//! `baocao build --watch`: after the first build, wait for changes under the
//! watched folders (INPUTS, `--templates`, `--font-dir`), let a burst of
//! saves settle, and build again. The incremental cache makes a rebuild
//! typeset only what changed; a build that fails leaves the last good output
//! and the watch goes on. Ctrl-C ends it (see [`crate::batch::cancel`]).

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify_debouncer_mini::notify::RecursiveMode;
use notify_debouncer_mini::{DebounceEventResult, new_debouncer};

use crate::batch::cancel;

/// How long the files must stay quiet before a rebuild.
const SETTLE: Duration = Duration::from_millis(400);

/// Call `ready` once every folder is watched, then `rebuild` with the
/// changed files each time something under `paths` changes (files inside
/// `ignore`, e.g. OUT, and editors' and Office's temporary files do not
/// count), until Ctrl-C.
pub fn watch(
    paths: &[PathBuf],
    ignore: &Path,
    ready: impl FnOnce(),
    mut rebuild: impl FnMut(&[PathBuf]),
) -> Result<(), String> {
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer =
        new_debouncer(SETTLE, tx).map_err(|e| format!("không theo dõi được thư mục: {e}"))?;
    for p in paths {
        debouncer
            .watcher()
            .watch(p, RecursiveMode::Recursive)
            .map_err(|e| format!("không theo dõi được {}: {e}", p.display()))?;
    }
    let ignore = ignore
        .canonicalize()
        .unwrap_or_else(|_| ignore.to_path_buf());
    ready();
    while !cancel::requested() {
        let Ok(first) = rx.recv_timeout(Duration::from_millis(200)) else {
            continue;
        };
        let mut changed: Vec<PathBuf> = Vec::new();
        for events in std::iter::once(first).chain(rx.try_iter()).flatten() {
            for e in events {
                if counts(&e.path, &ignore) && !changed.contains(&e.path) {
                    changed.push(e.path);
                }
            }
        }
        if !changed.is_empty() {
            changed.sort();
            rebuild(&changed);
        }
    }
    Ok(())
}

/// Whether a change of `path` should trigger a rebuild.
fn counts(path: &Path, ignore: &Path) -> bool {
    if path.starts_with(ignore) {
        return false;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    !(name.starts_with("~$")
        || name.starts_with(".~lock")
        || name.starts_with(".#")
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_files_and_the_output_do_not_trigger() {
        let out = Path::new("/d/out");
        assert!(counts(Path::new("/d/inputs/officials.yaml"), out));
        assert!(!counts(Path::new("/d/inputs/~$du-lieu.xlsx"), out));
        assert!(!counts(Path::new("/d/inputs/.~lock.du-lieu.xlsx#"), out));
        assert!(!counts(Path::new("/d/inputs/.officials.yaml.swp"), out));
        assert!(!counts(Path::new("/d/out/2026-H1/manifest.json"), out));
    }
}
