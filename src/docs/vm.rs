//! A planned document's view-model while it waits for its turn.

use std::fs::File;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::sync::{Arc, Mutex};

use super::Job;

/// A view-model: compact JSON, deflated (a province plans every document at
/// once: 23 MB of JSON for 3,555 officials, growing with the province; the
/// jobs hold 11.6 MB at the default level, 14.4 MB at the fastest, for no
/// measurable planning time), with the digest of the JSON for the cache
/// key. Before typesetting, [`spill`] moves the deflated bytes to a
/// temporary file, so that what the run holds while it typesets does not
/// grow with the province.
#[derive(Debug, Clone)]
pub struct Vm {
    stored: Stored,
    len: usize,
    digest: [u8; 32],
}

#[derive(Debug, Clone)]
enum Stored {
    /// Exactly as long as the deflated bytes (the encoder's buffer grows by
    /// doubling: kept as it was, it held up to twice the bytes).
    Held(Box<[u8]>),
    /// `n` bytes at `at` in the spill file.
    Spilled {
        file: Arc<Mutex<File>>,
        at: u64,
        n: usize,
    },
}

impl Vm {
    pub fn new(json: String) -> Vm {
        use sha2::{Digest, Sha256};
        let mut z = flate2::write::DeflateEncoder::new(
            Vec::with_capacity(json.len() / 4),
            flate2::Compression::default(),
        );
        z.write_all(json.as_bytes()).expect("deflate in memory");
        Vm {
            stored: Stored::Held(z.finish().expect("deflate in memory").into_boxed_slice()),
            len: json.len(),
            digest: Sha256::digest(json.as_bytes()).into(),
        }
    }

    /// The JSON (an error only if the spill file cannot be read back).
    pub fn json(&self) -> std::io::Result<String> {
        let spilled;
        let deflated: &[u8] = match &self.stored {
            Stored::Held(b) => b,
            Stored::Spilled { file, at, n } => {
                let mut buf = vec![0; *n];
                let mut f = file.lock().unwrap_or_else(|e| e.into_inner());
                f.seek(SeekFrom::Start(*at))?;
                f.read_exact(&mut buf)?;
                spilled = buf;
                &spilled
            }
        };
        let mut s = String::with_capacity(self.len);
        flate2::read::DeflateDecoder::new(deflated).read_to_string(&mut s)?;
        Ok(s)
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

/// Move the view-models of `jobs` to one temporary file, which the system
/// removes however the process ends. Should the file not be made, they
/// stay in memory: the run goes on the same.
pub fn spill<'a>(jobs: impl IntoIterator<Item = &'a mut Job>) {
    let mut jobs: Vec<&mut Job> = jobs.into_iter().collect();
    if jobs.is_empty() {
        return;
    }
    let Ok(file) = tempfile::tempfile() else {
        return;
    };
    let mut w = BufWriter::new(file);
    let mut places = Vec::with_capacity(jobs.len());
    let mut at = 0u64;
    for job in jobs.iter() {
        match &job.vm.stored {
            Stored::Held(b) => {
                if w.write_all(b).is_err() {
                    return;
                }
                places.push(Some((at, b.len())));
                at += b.len() as u64;
            }
            Stored::Spilled { .. } => places.push(None),
        }
    }
    let Ok(file) = w.into_inner() else {
        return;
    };
    let file = Arc::new(Mutex::new(file));
    for (job, place) in jobs.iter_mut().zip(places) {
        if let Some((at, n)) = place {
            job.vm.stored = Stored::Spilled {
                file: file.clone(),
                at,
                n,
            };
        }
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
        // Spilling again keeps them where they are.
        spill(jobs.iter_mut());
        assert_eq!(jobs[3].vm.json().unwrap(), texts[3]);
    }
}
