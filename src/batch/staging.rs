//! Where a run writes before anything it wrote becomes visible.
//!
//! Everything a run produces for a period goes into a new copy of the period
//! folder inside the staging area `OUT/.baocao/run-<pid>/` (files kept from
//! the last run are hard-linked into it, or copied where links are not
//! possible); when the run has succeeded the new folder and the old one are
//! exchanged in one step (`renameat2(RENAME_EXCHANGE)` on Linux, two renames
//! elsewhere). So OUT holds, at every instant, either the last complete
//! result or the new complete result; what a killed run leaves is inside the
//! staging area, and the next run removes it. The staging area also holds the
//! lock file that keeps two runs from writing into one OUT at once.

use std::fs::File;
use std::path::{Path, PathBuf};

/// The folder inside OUT that holds the lock and the runs' staging folders.
pub const AREA: &str = ".baocao";
const LOCK: &str = "khoa";

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
pub fn clean_leftovers(out: &Path) {
    if let Ok(entries) = std::fs::read_dir(out.join(AREA)) {
        for e in entries.flatten() {
            if e.file_name().to_string_lossy().starts_with("run-") {
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

/// The staging folder of this run: `OUT/.baocao/run-<pid>/`, created on the
/// first write (a run that writes nothing creates nothing).
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    created: bool,
}

impl Staging {
    pub fn new(out: &Path) -> Staging {
        Staging {
            out: out.to_path_buf(),
            dir: out
                .join(AREA)
                .join(format!("run-{}", std::process::id())),
            created: false,
        }
    }

    /// Where `rel` (relative to OUT) is staged.
    pub fn path(&self, rel: &Path) -> PathBuf {
        self.dir.join(rel)
    }

    /// Whether anything was staged.
    pub fn is_used(&self) -> bool {
        self.created
    }

    /// Write `bytes` as `rel` (relative to OUT) into the staging folder.
    pub fn write(&mut self, rel: &Path, bytes: &[u8]) -> Result<(), String> {
        let p = self.dir.join(rel);
        if let Some(d) = p.parent() {
            std::fs::create_dir_all(d).map_err(|e| io_err(d, e))?;
        }
        self.created = true;
        std::fs::write(&p, bytes).map_err(|e| io_err(&p, e))
    }

    /// Fill the staged copy of the folder `rel` with every file of the
    /// current `OUT/rel` that this run neither wrote nor removed (nothing
    /// when the run staged nothing: then nothing changes).
    pub fn keep_rest(&mut self, rel: &Path, removed: &dyn Fn(&Path) -> bool) -> Result<(), String> {
        let from = self.out.join(rel);
        if !self.created || !from.is_dir() {
            return Ok(());
        }
        for e in walkdir::WalkDir::new(&from).into_iter().flatten() {
            if !e.file_type().is_file() {
                continue;
            }
            let Ok(inner) = e.path().strip_prefix(&self.out) else {
                continue;
            };
            let dest = self.dir.join(inner);
            if dest.exists() || removed(inner) {
                continue;
            }
            if let Some(d) = dest.parent() {
                std::fs::create_dir_all(d).map_err(|e| io_err(d, e))?;
            }
            self.created = true;
            if std::fs::hard_link(e.path(), &dest).is_err() {
                std::fs::copy(e.path(), &dest).map_err(|err| io_err(&dest, err))?;
            }
        }
        Ok(())
    }

    /// Make the staged copy of folder `rel` the real one, in one step.
    pub fn publish(&self, rel: &Path) -> Result<(), String> {
        let new = self.dir.join(rel);
        let cur = self.out.join(rel);
        if !new.is_dir() {
            return Ok(());
        }
        if !cur.exists() {
            if let Some(d) = cur.parent() {
                std::fs::create_dir_all(d).map_err(|e| io_err(d, e))?;
            }
            return std::fs::rename(&new, &cur).map_err(|e| io_err(&cur, e));
        }
        exchange(&new, &cur).map_err(|e| io_err(&cur, e))
    }

    /// Move one staged file into place (files outside the period folder,
    /// e.g. the cache).
    pub fn publish_file(&self, rel: &Path) -> Result<(), String> {
        let dest = self.out.join(rel);
        std::fs::rename(self.dir.join(rel), &dest).map_err(|e| io_err(&dest, e))
    }

    /// Remove the staging folder (after publishing it holds the old result).
    pub fn remove(&self) {
        if self.dir.exists() {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        self.remove();
    }
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    let old = a.with_extension("old");
    std::fs::rename(b, &old)?;
    std::fs::rename(a, b)?;
    std::fs::rename(&old, a)
}

fn io_err(p: &Path, e: std::io::Error) -> String {
    format!("không ghi được {}: {e}", p.display())
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
    fn a_second_lock_on_one_out_is_refused_until_the_first_ends() {
        let out = tempfile::tempdir().unwrap();
        let first = OutLock::acquire(out.path()).unwrap();
        let e = OutLock::acquire(out.path()).err().unwrap();
        assert!(e.contains("đang được một lần chạy khác ghi"), "{e}");
        drop(first);
        assert!(OutLock::acquire(out.path()).is_ok());
    }

    #[test]
    fn publishing_exchanges_the_folder_and_keeps_untouched_files() {
        let out = tempfile::tempdir().unwrap();
        let p = out.path().join("2026-H1");
        std::fs::create_dir_all(p.join("xa")).unwrap();
        std::fs::write(p.join("xa/a.pdf"), "old a").unwrap();
        std::fs::write(p.join("xa/b.pdf"), "old b").unwrap();
        std::fs::write(p.join("xa/gone.pdf"), "stale").unwrap();
        let mut s = Staging::new(out.path());
        s.write(Path::new("2026-H1/xa/a.pdf"), b"new a").unwrap();
        s.keep_rest(Path::new("2026-H1"), &|r| r.ends_with("gone.pdf"))
            .unwrap();
        // Until published, OUT is as it was.
        assert_eq!(std::fs::read(p.join("xa/a.pdf")).unwrap(), b"old a");
        s.publish(Path::new("2026-H1")).unwrap();
        assert_eq!(std::fs::read(p.join("xa/a.pdf")).unwrap(), b"new a");
        assert_eq!(std::fs::read(p.join("xa/b.pdf")).unwrap(), b"old b");
        assert!(!p.join("xa/gone.pdf").exists());
        drop(s);
        let area: Vec<_> = std::fs::read_dir(out.path().join(AREA))
            .map(|d| d.flatten().collect())
            .unwrap_or_default();
        assert!(area.is_empty(), "staging removed");
    }

    #[test]
    fn a_run_that_writes_nothing_creates_nothing() {
        let out = tempfile::tempdir().unwrap();
        let mut s = Staging::new(out.path());
        s.keep_rest(Path::new("2026-H1"), &|_| false).unwrap();
        assert!(!s.is_used());
        assert!(!out.path().join(AREA).exists());
    }
}
