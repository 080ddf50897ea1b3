//! A planned document's view-model while it waits for its turn.

use std::fs::File;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::sync::{Arc, Mutex};

use super::Job;

/// A view-model: compact JSON (a province plans every document at once: 23
/// MB of JSON for 3,555 officials, growing with the province), with the
/// digest of the JSON for the cache key. After the reuse step, [`spill`]
/// moves the JSON of the documents to typeset to a temporary file, so that
/// what the run holds while it typesets does not grow with the province,
/// and [`Vm::release`] drops that of the documents kept from the last run.
/// (Deflating it instead, as before the file, cost ≈ 140 ms of every run's
/// planning.)
#[derive(Debug, Clone)]
pub struct Vm {
    stored: Stored,
    len: usize,
    digest: [u8; 32],
}

#[derive(Debug, Clone)]
enum Stored {
    Held(Box<str>),
    /// The JSON's `len` bytes, at `at` in the spill file.
    Spilled {
        file: Arc<Mutex<File>>,
        at: u64,
    },
    /// Dropped: the document is not typeset ([`Vm::release`]).
    Released,
}

impl Vm {
    pub fn new(json: String) -> Vm {
        use sha2::{Digest, Sha256};
        Vm {
            len: json.len(),
            digest: Sha256::digest(json.as_bytes()).into(),
            stored: Stored::Held(json.into_boxed_str()),
        }
    }

    /// The JSON (an error only if the spill file cannot be read back).
    pub fn json(&self) -> std::io::Result<String> {
        match &self.stored {
            Stored::Held(s) => Ok(s.to_string()),
            Stored::Released => Err(std::io::Error::other("view-model released")),
            Stored::Spilled { file, at } => {
                let mut buf = vec![0; self.len];
                let mut f = file.lock().unwrap_or_else(|e| e.into_inner());
                f.seek(SeekFrom::Start(*at))?;
                f.read_exact(&mut buf)?;
                String::from_utf8(buf)
                    .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
            }
        }
    }

    /// Drop the JSON of a document that will not be typeset (kept from the
    /// last run); its length and digest stay.
    pub fn release(&mut self) {
        self.stored = Stored::Released;
    }

    /// The length of the JSON (a document's size, for scheduling).
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// SHA-256 of the JSON.
    pub fn digest(&self) -> &[u8] {
        &self.digest
    }
}

/// Move the view-models of `jobs` still held to one temporary file, which the system
/// removes however the process ends. Should the file not be made, they
/// stay in memory: the run goes on the same.
pub fn spill<'a>(jobs: impl IntoIterator<Item = &'a mut Job>) {
    // Only those still held.
    let jobs: Vec<&mut Job> = jobs
        .into_iter()
        .filter(|j| matches!(j.vm.stored, Stored::Held(_)))
        .collect();
    if jobs.is_empty() {
        return;
    }
    let Ok(file) = tempfile::tempfile() else {
        return;
    };
    let mut w = BufWriter::new(file);
    // Each one's offset in the file.
    let mut places = Vec::with_capacity(jobs.len());
    let mut at = 0u64;
    for job in &jobs {
        if let Stored::Held(json) = &job.vm.stored {
            if w.write_all(json.as_bytes()).is_err() {
                return;
            }
            places.push(at);
            at += json.len() as u64;
        }
    }
    let Ok(file) = w.into_inner() else {
        return;
    };
    let file = Arc::new(Mutex::new(file));
    for (job, at) in jobs.into_iter().zip(places) {
        job.vm.stored = Stored::Spilled {
            file: file.clone(),
            at,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(json: &str) -> Job {
        Job {
            kind: crate::docs::KINDS[0],
            path: "x.pdf".into(),
            commune: None,
            vm: Vm::new(json.to_string()),
            fit_variants: 1,
        }
    }

    #[test]
    fn spilled_view_models_read_back_the_same() {
        let texts: Vec<String> = (0..50)
            .map(|i| format!("{{\"n\":{i},\"s\":\"{}\"}}", "Nguyễn ".repeat(i)))
            .collect();
        let mut jobs: Vec<Job> = texts.iter().map(|t| job(t)).collect();
        let digests: Vec<Vec<u8>> = jobs.iter().map(|j| j.vm.digest().to_vec()).collect();
        spill(jobs.iter_mut());
        assert!(
            jobs.iter()
                .all(|j| matches!(j.vm.stored, Stored::Spilled { .. }))
        );
        // Read back in any order, from several threads.
        std::thread::scope(|s| {
            for part in jobs.chunks(7).rev() {
                s.spawn(|| {
                    for j in part.iter().rev() {
                        let json = j.vm.json().expect("read back");
                        assert_eq!(json.len(), j.vm.len());
                    }
                });
            }
        });
        for ((j, t), d) in jobs.iter().zip(&texts).zip(&digests) {
            assert_eq!(&j.vm.json().unwrap(), t);
            assert_eq!(j.vm.digest(), &d[..]);
        }
        // A released view-model keeps its length and digest.
        let mut kept = job(&texts[5]);
        kept.vm.release();
        assert_eq!(
            (kept.vm.len(), kept.vm.digest()),
            (texts[5].len(), &digests[5][..])
        );
        assert!(kept.vm.json().is_err());
        // It is not spilled.
        spill(std::iter::once(&mut kept));
        assert!(matches!(kept.vm.stored, Stored::Released));
        // Spilling again keeps them where they are.
        spill(jobs.iter_mut());
        assert_eq!(jobs[3].vm.json().unwrap(), texts[3]);
    }
}
