//! The staging area `OUT/.baocao/`: the lock that keeps two runs from
//! writing into one OUT at once, the incremental cache, and one folder per
//! run (`run-<pid>/`) holding the run's staged tree (`new/`, see
//! `write.rs`) and, for a moment, the folder it replaces (`old/`). What a
//! killed run leaves is inside that folder, never beside the documents, and
//! the next run removes it.

use std::fs::File;
use std::path::{Path, PathBuf};

/// The folder inside OUT that holds the lock and the runs' staging folders.
pub const AREA: &str = ".baocao";
const LOCK: &str = "khoa";
/// Inside a run's folder: the staged tree, a mirror of OUT.
const NEW: &str = "new";
/// Inside a run's folder: the folder replaced by two renames (where the
/// filesystem cannot exchange two folders in one step).
pub const OLD: &str = "old";

/// An exclusive lock on OUT for the whole run, released by the OS when the
/// process ends however it ends (so a crash never leaves a stale lock).
pub struct OutLock {
    _file: File,
}

impl OutLock {
    /// Take the lock, or say that another run holds it.
    pub fn acquire(out: &Path) -> Result<OutLock, String> {
        let area = out.join(AREA);
        std::fs::create_dir_all(&area)
            .map_err(|e| format!("không tạo được thư mục {}: {e}", area.display()))?;
        let path = area.join(LOCK);
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| format!("không mở được {}: {e}", path.display()))?;
        match file.try_lock() {
            Ok(()) => Ok(OutLock { _file: file }),
            Err(std::fs::TryLockError::WouldBlock) => Err(format!(
                "thư mục kết quả {} đang được một lần chạy khác ghi; hãy chờ lần chạy đó kết thúc",
                out.display()
            )),
            Err(std::fs::TryLockError::Error(e)) => {
                Err(format!("không khoá được {}: {e}", path.display()))
            }
        }
    }
}

/// Remove what earlier runs left: their staging folders (we hold the lock,
/// so their runs have ended) and the `*.<pid>.tmp` files of older versions.
/// A folder a killed run had moved out of OUT but not yet replaced goes
/// back first.
pub fn clean_leftovers(out: &Path) {
    // Where versions before the staging area kept the cache.
    let _ = std::fs::remove_file(out.join(".baocao-cache.json"));
    if let Ok(entries) = std::fs::read_dir(out.join(AREA)) {
        for e in entries.flatten() {
            if e.file_name().to_string_lossy().starts_with("run-") {
                if let Ok(old) = std::fs::read_dir(e.path().join(OLD)) {
                    for o in old.flatten() {
                        let home = out.join(o.file_name());
                        if !home.exists() {
                            let _ = std::fs::rename(o.path(), home);
                        }
                    }
                }
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
    }
    for e in walkdir::WalkDir::new(out)
        .into_iter()
        .filter_entry(|e| e.file_name() != AREA)
        .flatten()
    {
        if e.file_type().is_file() && is_old_temporary(&e.file_name().to_string_lossy()) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// `name.pdf.1234.tmp`: a temporary file of a version before the staging area.
fn is_old_temporary(name: &str) -> bool {
    let Some(stem) = name.strip_suffix(".tmp") else {
        return false;
    };
    stem.rsplit_once('.').is_some_and(|(head, pid)| {
        !head.is_empty() && !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit())
    })
}

/// This run's staging folder: `OUT/.baocao/run-<pid>/`.
pub fn run_dir(out: &Path) -> PathBuf {
    out.join(AREA).join(format!("run-{}", std::process::id()))
}

/// This run's staged tree: `OUT/.baocao/run-<pid>/new/`.
pub fn staged_root(out: &Path) -> PathBuf {
    run_dir(out).join(NEW)
}

/// Remove this run's staging folder (after a publish, what the swap left;
/// after a failure, the staged files).
pub fn remove_run_dir(out: &Path) {
    let _ = std::fs::remove_dir_all(run_dir(out));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_temporaries_are_recognised() {
        assert!(is_old_temporary("CB0001.pdf.12345.tmp"));
        assert!(!is_old_temporary("CB0001.pdf"));
        assert!(!is_old_temporary("notes.tmp"));
        assert!(!is_old_temporary(".12.tmp"));
    }

    #[test]
    fn a_folder_moved_out_by_a_killed_run_goes_back() {
        // Killed between the two renames of the fallback: the old folder
        // is in the run's `old/`, OUT has none.
        let out = tempfile::tempdir().unwrap();
        let old = out
            .path()
            .join(AREA)
            .join("run-1")
            .join(OLD)
            .join("2026-H1");
        std::fs::create_dir_all(&old).unwrap();
        std::fs::write(old.join("manifest.json"), b"{}").unwrap();
        // Killed after both: the run's old folder goes, OUT's stays.
        let done = out
            .path()
            .join(AREA)
            .join("run-2")
            .join(OLD)
            .join("2026-H2");
        std::fs::create_dir_all(&done).unwrap();
        std::fs::create_dir_all(out.path().join("2026-H2")).unwrap();
        std::fs::write(out.path().join("2026-H2/manifest.json"), b"new").unwrap();
        clean_leftovers(out.path());
        let read = |p: &str| std::fs::read(out.path().join(p)).unwrap();
        assert_eq!(read("2026-H1/manifest.json"), b"{}");
        assert_eq!(read("2026-H2/manifest.json"), b"new");
        let left: Vec<_> = std::fs::read_dir(out.path().join(AREA)).unwrap().collect();
        assert!(left.is_empty(), "{left:?}");
    }

    #[test]
    fn a_second_lock_on_one_out_is_refused_until_the_first_ends() {
        let out = tempfile::tempdir().unwrap();
        let first = OutLock::acquire(out.path()).unwrap();
        let e = OutLock::acquire(out.path()).err().unwrap();
        assert!(e.contains("đang được một lần chạy khác ghi"), "{e}");
        drop(first);
        assert!(OutLock::acquire(out.path()).is_ok());
    }
}
