//! The typeset step's workers: render and typeset every job on a fixed set
//! of OS threads pulling work units from an atomic counter.
//!
//! Typst uses rayon inside a compilation, so documents are never typeset on
//! tasks of a shared rayon pool (typst-engine-notes.md, pitfall 1): each
//! worker runs in a one-thread pool of its own ([`on_own_pool`]), where
//! Typst's parallel work stays on the worker. A unit is the provincial
//! documents (one after the other), a batch of up to [`BATCH`] one-page forms
//! of one commune (typeset as one Typst document and split, see
//! typeset::Engine::pdf_batch), or one other document. Which jobs are forms
//! is the kind's to say ([`crate::docs::DocKind::batched`]).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use super::write::{self, Staged};
use super::{cancel, memory};
use crate::docs::Job;
use crate::render::Templates;
use crate::typeset::{BatchPdf, Engine, on_own_pool};

/// Forms typeset together as one Typst document (see
/// typeset::Engine::pdf_batch): the fonts are subset and compressed, and the
/// cache evicted, once per batch instead of once per form.
const BATCH: usize = 16;

/// What the workers share.
pub struct Typesetting<'a> {
    pub templates: &'a Templates,
    pub engine: &'a Engine,
    pub date: (i32, u8, u8),
    pub out: &'a Path,
    pub threads: usize,
    pub progress: Option<&'a (dyn Fn(usize, usize) + Sync)>,
    pub emit_typst: Option<&'a Path>,
}

/// What the workers made: every document written to its temporary name,
/// the documents that failed with the reason, and the time spent.
pub struct Outcome {
    pub staged: Vec<Staged>,
    pub failures: Vec<(PathBuf, String)>,
    /// Summed over the workers.
    pub render: Duration,
    pub typeset: Duration,
    /// `typeset` per document kind.
    pub typeset_by_kind: BTreeMap<&'static str, Duration>,
    pub write: Duration,
}

/// One piece of work for a worker.
#[derive(Debug, Clone, PartialEq)]
enum Unit {
    /// Documents typeset one after the other.
    Docs(Vec<usize>),
    /// One-page forms, typeset together in layout variant `variant` (0
    /// for each form's first): those of one commune, or forms that
    /// overflowed their page in the previous variant.
    Batch { members: Vec<usize>, variant: usize },
}

/// Forms that ran onto a second page, each with the next variant to try.
/// They are typeset again in batches of their own, of one kind and variant
/// (a form alone pays for a whole batch's fonts: 135 of the province's
/// 3,555 sheets overflow the first variant), as soon as a batch is full,
/// or when no other unit is left.
#[derive(Default)]
struct Retries(Mutex<Vec<Retry>>);

#[derive(Clone, Copy, PartialEq)]
struct Retry {
    job: usize,
    kind: &'static str,
    variant: usize,
}

impl Retries {
    fn push(&self, r: Retry) {
        self.0.lock().expect("lock").push(r);
    }

    /// A batch of retries: a full one, or (`any`) whatever is waiting.
    fn take(&self, any: bool) -> Option<Unit> {
        let mut waiting = self.0.lock().expect("lock");
        let first = *waiting.first()?;
        let alike = |r: &Retry| (r.kind, r.variant) == (first.kind, first.variant);
        if !any && waiting.iter().filter(|r| alike(r)).count() < BATCH {
            return None;
        }
        let mut members = Vec::new();
        waiting.retain(|r| {
            let take = alike(r) && members.len() < BATCH;
            if take {
                members.push(r.job);
            }
            !take
        });
        Some(Unit::Batch {
            members,
            variant: first.variant,
        })
    }
}

/// Time spent per stage, summed over the workers.
#[derive(Default)]
struct Clocks {
    render: AtomicU64,
    typeset: AtomicU64,
    by_kind: Mutex<BTreeMap<&'static str, Duration>>,
    write: AtomicU64,
}

impl Clocks {
    fn add(counter: &AtomicU64, since: Instant) {
        counter.fetch_add(since.elapsed().as_nanos() as u64, Ordering::Relaxed);
    }

    /// Typesetting time of `job`, in all and for its kind.
    fn typeset(&self, job: &Job, since: Instant) {
        let d = since.elapsed();
        self.typeset
            .fetch_add(d.as_nanos() as u64, Ordering::Relaxed);
        *self
            .by_kind
            .lock()
            .expect("lock")
            .entry(job.kind.code())
            .or_default() += d;
    }
}

/// The work units for `jobs`. The provincial documents (the longest, and
/// each takes memory in proportion to its pages) go first and in one unit,
/// so that two of them never run at the same time; meanwhile the other
/// workers typeset the one-page forms, in batches of [`BATCH`] of one
/// commune and kind (light in memory); every other document comes last,
/// biggest first, so the workers finish together.
fn units(jobs: &[&Job]) -> Vec<Unit> {
    let mut provincial = Vec::new();
    let mut batches: Vec<Unit> = Vec::new();
    let mut others: Vec<usize> = Vec::new();
    let mut batch: Vec<usize> = Vec::new();
    for (i, job) in jobs.iter().enumerate() {
        if job.kind.batched() {
            let same = batch.last().is_none_or(|&b| {
                jobs[b].commune == job.commune && jobs[b].kind.code() == job.kind.code()
            });
            if !same || batch.len() == BATCH {
                batches.push(Unit::Batch {
                    members: std::mem::take(&mut batch),
                    variant: 0,
                });
            }
            batch.push(i);
        } else if job.commune.is_none() {
            provincial.push(i);
        } else {
            others.push(i);
        }
    }
    if !batch.is_empty() {
        batches.push(Unit::Batch {
            members: batch,
            variant: 0,
        });
    }
    // Stable: equal sizes keep the planned order.
    provincial.sort_by_key(|&i| std::cmp::Reverse(jobs[i].vm.len()));
    others.sort_by_key(|&i| std::cmp::Reverse(jobs[i].vm.len()));
    let first = (!provincial.is_empty()).then_some(Unit::Docs(provincial));
    first
        .into_iter()
        .chain(batches)
        .chain(others.into_iter().map(|i| Unit::Docs(vec![i])))
        .collect()
}

impl Typesetting<'_> {
    /// Render and typeset every job on `threads` OS threads pulling work
    /// units from a shared counter (no new unit once the run is stopped,
    /// [`cancel::requested`]); each PDF is written to a temporary file in
    /// the run's staging folder.
    pub fn run(&self, jobs: &[&Job]) -> Outcome {
        let units = units(jobs);
        let next = AtomicUsize::new(0);
        let done = AtomicUsize::new(0);
        let staged = Mutex::new(Vec::with_capacity(jobs.len()));
        let failures = Mutex::new(Vec::new());
        let run = Run {
            ts: self,
            jobs,
            clocks: Clocks::default(),
            retries: Retries::default(),
        };
        // A full batch of retries first, then the next unit, then any retry.
        let next_unit = || {
            run.retries
                .take(false)
                .or_else(|| units.get(next.fetch_add(1, Ordering::Relaxed)).cloned())
                .or_else(|| run.retries.take(true))
                .filter(|_| !cancel::requested())
        };
        std::thread::scope(|scope| {
            for _ in 0..self.threads.min(units.len()) {
                scope.spawn(|| {
                    on_own_pool(|| {
                        while let Some(unit) = next_unit() {
                            let results = match unit {
                                // The provincial documents (one unit, first):
                                // the batches beside them keep less cache.
                                Unit::Docs(list) => list
                                    .iter()
                                    .map(|&i| {
                                        let one = || run.one(jobs[i], 0);
                                        let r = if jobs[i].commune.is_none() {
                                            let r = self.engine.heavy(one);
                                            memory::release_freed();
                                            r
                                        } else {
                                            one()
                                        };
                                        (jobs[i], r)
                                    })
                                    .collect(),
                                Unit::Batch { members, variant } => {
                                    let r = run.batch(&members, variant);
                                    if self.engine.heavy_running() {
                                        memory::release_freed();
                                    }
                                    r
                                }
                            };
                            let n = results.len();
                            for (job, result) in results {
                                match result {
                                    Ok(s) => staged.lock().expect("lock").push(s),
                                    Err(e) => {
                                        failures.lock().expect("lock").push((job.path.clone(), e))
                                    }
                                }
                            }
                            let n = done.fetch_add(n, Ordering::Relaxed) + n;
                            if let Some(p) = self.progress {
                                p(n, jobs.len());
                            }
                        }
                    })
                });
            }
        });
        let mut failures = failures.into_inner().expect("lock");
        failures.sort();
        let clocks = run.clocks;
        Outcome {
            staged: staged.into_inner().expect("lock"),
            failures,
            render: Duration::from_nanos(clocks.render.into_inner()),
            typeset: Duration::from_nanos(clocks.typeset.into_inner()),
            typeset_by_kind: clocks.by_kind.into_inner().expect("lock"),
            write: Duration::from_nanos(clocks.write.into_inner()),
        }
    }
}

/// One call of [`Typesetting::run`]: its jobs, clocks and retries.
struct Run<'a> {
    ts: &'a Typesetting<'a>,
    jobs: &'a [&'a Job],
    clocks: Clocks,
    retries: Retries,
}

impl<'a> Run<'a> {
    /// The Typst source of `job` in layout variant `k` (forms that must fit
    /// one page move to tighter variants: docs::Job::fit_variants).
    fn source(&self, job: &Job, vm: &serde_json::Value, k: usize) -> Result<String, String> {
        let t = Instant::now();
        let template = job.kind.template();
        let out = match vm.get("fit").and_then(|f| f.as_u64()) {
            Some(first) if k > 0 => {
                let mut vm = vm.clone();
                vm["fit"] = (first + k as u64).into();
                self.ts.templates.render(&template, &vm)
            }
            _ => self.ts.templates.render(&template, vm),
        };
        Clocks::add(&self.clocks.render, t);
        if let (Some(dir), Ok(src)) = (self.ts.emit_typst, &out) {
            let p = dir.join(&job.path).with_extension("typ");
            let _ = std::fs::create_dir_all(p.parent().unwrap_or(dir));
            let _ = std::fs::write(p, src);
        }
        out.map_err(|e| e.to_string())
    }

    /// Typeset one document alone, starting at layout variant `skip`.
    fn one(&self, job: &Job, skip: usize) -> Result<Staged, String> {
        // The view-model is parsed once per document.
        let t = Instant::now();
        let vm =
            serde_json::from_str::<serde_json::Value>(&job.vm.json().map_err(|e| e.to_string())?)
                .map_err(|e| e.to_string())?;
        Clocks::add(&self.clocks.render, t);
        let title = vm["doc"]["title"].as_str();
        let variants = job.fit_variants.saturating_sub(skip).max(1);
        let t = Instant::now();
        let pdf = self
            .ts
            .engine
            .pdf_fitting(
                |k| self.source(job, &vm, k + skip),
                variants,
                self.ts.date,
                title,
            )
            .map(|(pdf, _)| pdf)
            .map_err(|e| format!("lỗi dàn trang: {e}"));
        self.clocks.typeset(job, t);
        pdf.and_then(|bytes| self.stage(job, &bytes))
    }

    /// Typeset the forms `members` (indices into `jobs`) as one batch
    /// (typeset::Engine::pdf_batch) in layout variant `variant`. A form
    /// that overflows its page waits in `retries` for the next, tighter
    /// variant (with no other, the batch keeps it as it is); when the batch
    /// fails, or when a form brought characters outside the batch's font
    /// repertoire (its bytes would depend on its neighbours), every form is
    /// redone alone. Overflowed forms are not in the result.
    fn batch(&self, members: &[usize], variant: usize) -> Vec<(&'a Job, Result<Staged, String>)> {
        let forms: Vec<&'a Job> = members.iter().map(|&i| self.jobs[i]).collect();
        let t = Instant::now();
        let vms: Result<Vec<serde_json::Value>, _> = forms
            .iter()
            .map(|j| {
                let json = j.vm.json().map_err(|e| e.to_string())?;
                serde_json::from_str::<serde_json::Value>(&json).map_err(|e| e.to_string())
            })
            .collect();
        Clocks::add(&self.clocks.render, t);
        let Ok(vms) = vms else {
            return forms.iter().map(|&j| (j, self.one(j, variant))).collect();
        };
        let sources: Result<Vec<String>, String> = forms
            .iter()
            .zip(&vms)
            .map(|(j, vm)| self.source(j, vm, variant))
            .collect();
        let titles: Vec<Option<&str>> = vms.iter().map(|v| v["doc"]["title"].as_str()).collect();
        // The last variant (or a kind with no other) keeps a form of
        // several pages (the forms of a kind share their variants).
        let last = |j: &Job| variant + 1 >= j.fit_variants;
        let keep = forms.iter().all(|j| last(j));
        let batch = sources.ok().and_then(|sources| {
            let t = Instant::now();
            let r = self
                .ts
                .engine
                .pdf_batch(&sources, &titles, self.ts.date, keep);
            self.clocks.typeset(forms[0], t);
            r.ok()
        });
        match batch {
            Some(b) if b.uniform || forms.len() == 1 => members
                .iter()
                .zip(forms.iter().zip(&vms))
                .zip(b.pdfs)
                .filter_map(|((&i, (&job, vm)), pdf)| match pdf {
                    BatchPdf::Pdf(bytes) => Some((job, self.stage(job, &bytes))),
                    BatchPdf::Overflow if last(job) => Some((job, self.alone(job, vm, variant))),
                    BatchPdf::Overflow => {
                        self.retries.push(Retry {
                            job: i,
                            kind: job.kind.code(),
                            variant: variant + 1,
                        });
                        None
                    }
                })
                .collect(),
            _ => forms
                .iter()
                .zip(&vms)
                .map(|(&job, vm)| (job, self.alone(job, vm, variant)))
                .collect(),
        }
    }

    /// One form in a batch of its own, from layout variant `skip`, moving
    /// to tighter variants while it overflows (the last one is kept
    /// whatever its length). On a Typst error the form is typeset the plain
    /// way, whose messages point into its own source.
    fn alone(&self, job: &Job, vm: &serde_json::Value, skip: usize) -> Result<Staged, String> {
        let title = vm["doc"]["title"].as_str();
        for k in skip..job.fit_variants.max(skip + 1) {
            let last = k + 1 >= job.fit_variants;
            let source = self.source(job, vm, k)?;
            let t = Instant::now();
            let r = self
                .ts
                .engine
                .pdf_batch(&[source], &[title], self.ts.date, last);
            self.clocks.typeset(job, t);
            match r.map(|mut b| b.pdfs.pop()) {
                Ok(Some(BatchPdf::Pdf(bytes))) => return self.stage(job, &bytes),
                Ok(_) => continue,
                Err(_) => return self.one(job, k),
            }
        }
        self.one(job, skip)
    }

    fn stage(&self, job: &Job, bytes: &[u8]) -> Result<Staged, String> {
        let t = Instant::now();
        let r = write::stage(self.ts.out, job, bytes);
        Clocks::add(&self.clocks.write, t);
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::docs::{DocKind, Selection};
    use crate::model::Model;

    struct Form;
    struct Report;

    impl DocKind for Form {
        fn code(&self) -> &'static str {
            "form"
        }
        fn plan(&'static self, _: &Model, _: &Selection, _: &mut Vec<Job>) {}
        fn batched(&self) -> bool {
            true
        }
    }

    impl DocKind for Report {
        fn code(&self) -> &'static str {
            "report"
        }
        fn plan(&'static self, _: &Model, _: &Selection, _: &mut Vec<Job>) {}
    }

    fn job(kind: &'static dyn DocKind, commune: Option<&str>, size: usize) -> Job {
        Job {
            kind,
            path: PathBuf::from(format!("{}-{size}", kind.code())),
            commune: commune.map(String::from),
            vm: crate::docs::Vm::new("x".repeat(size)),
            fit_variants: 1,
        }
    }

    #[test]
    fn provincial_first_forms_by_commune_in_batches_then_the_rest_biggest_first() {
        let mut jobs = vec![
            job(&Report, None, 5),
            job(&Report, Some("a"), 1),
            job(&Report, None, 9),
        ];
        jobs.extend((0..BATCH + 1).map(|_| job(&Form, Some("a"), 2)));
        jobs.push(job(&Form, Some("b"), 2));
        jobs.push(job(&Report, Some("b"), 3));
        let refs: Vec<&Job> = jobs.iter().collect();
        let a: Vec<usize> = (3..3 + BATCH).collect();
        assert_eq!(
            units(&refs),
            [
                Unit::Docs(vec![2, 0]),
                Unit::Batch {
                    members: a,
                    variant: 0
                },
                Unit::Batch {
                    members: vec![3 + BATCH],
                    variant: 0
                },
                Unit::Batch {
                    members: vec![4 + BATCH],
                    variant: 0
                },
                Unit::Docs(vec![5 + BATCH]),
                Unit::Docs(vec![1]),
            ]
        );
    }

    #[test]
    fn retries_wait_for_a_full_batch_of_one_kind_and_variant_unless_asked() {
        let r = Retries::default();
        let retry = |job, kind, variant| Retry { job, kind, variant };
        for j in 0..BATCH - 1 {
            r.push(retry(j, "form", 1));
        }
        r.push(retry(100, "other", 1));
        r.push(retry(101, "form", 2));
        assert_eq!(r.take(false), None);
        r.push(retry(BATCH - 1, "form", 1));
        r.push(retry(BATCH, "form", 1));
        assert_eq!(
            r.take(false),
            Some(Unit::Batch {
                members: (0..BATCH).collect(),
                variant: 1
            })
        );
        assert_eq!(r.take(false), None);
        let rest: Vec<Option<Unit>> = (0..4).map(|_| r.take(true)).collect();
        let batch = |members: Vec<usize>, variant| Some(Unit::Batch { members, variant });
        assert_eq!(
            rest,
            [
                batch(vec![100], 1),
                batch(vec![101], 2),
                batch(vec![BATCH], 1),
                None
            ]
        );
    }
}
