//! The batch runner: load → compute → plan → render + typeset (worker
//! threads pulling from a shared queue) → stage files → rename all → exports.
//!
//! Typst uses rayon inside a compilation, so documents are never typeset on
//! rayon tasks (typst-engine-notes.md, pitfall 1): a fixed set of OS threads
//! pulls the next unit of work from an atomic counter. A unit is the
//! provincial documents (one after the other), a batch of up to 16
//! evaluation sheets of one commune (typeset as one Typst document and split,
//! see typeset::Engine::pdf_batch), or one other document. Loading and
//! computing use rayon.

mod cache;
pub mod cancel;
mod dossier;
mod exports;
mod staging;
mod write;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use chrono::Datelike;
use rayon::prelude::*;

use crate::diag::Diagnostics;
use crate::docs::{self, Job, Kind, Selection};
use crate::input::{self, Dataset};
use crate::model::Model;
use crate::render::Templates;
use crate::typeset::{BatchPdf, Engine, FontSet};
pub use write::{ManifestEntry, sha256_hex};

/// The dossier kind (a zip of other documents, not typeset itself).
pub const DOSSIER: &str = "ho-so";

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub inputs: PathBuf,
    pub out: PathBuf,
    /// Kind codes; empty = all.
    pub only: Vec<String>,
    /// Commune ids; empty = all.
    pub communes: Vec<String>,
    pub jobs: Option<usize>,
    pub font_dir: Option<PathBuf>,
    pub templates: Option<PathBuf>,
    /// Rebuild everything, ignoring the incremental cache.
    pub force: bool,
    /// Encrypt dossiers with this password (AES-256).
    pub zip_password: Option<String>,
    /// Also write each typeset document's Typst source under this folder
    /// (with the template library beside it), for comparison runs.
    pub emit_typst: Option<PathBuf>,
    /// Plain PDF instead of PDF/A-2b.
    pub plain_pdf: bool,
}

/// Time spent per stage (summed over threads for render and typeset).
#[derive(Debug, Clone, Default)]
pub struct Stages {
    pub load: Duration,
    pub compute: Duration,
    pub render: Duration,
    pub typeset: Duration,
    pub write: Duration,
}

#[derive(Debug)]
pub struct Report {
    /// Documents of the selection (typeset now or unchanged since last run).
    pub documents: usize,
    /// Documents typeset in this run.
    pub typeset: usize,
    /// Files (re)written in this run, relative to OUT, sorted.
    pub written: Vec<String>,
    /// Files removed because no input corresponds to them any more.
    pub removed: Vec<String>,
    pub elapsed: Duration,
    /// The period folder the documents went to.
    pub dir: PathBuf,
    pub stages: Stages,
    pub times_new_roman: bool,
    /// Warnings and notes about the inputs (`cảnh báo: …`).
    pub notices: Vec<crate::diag::Notice>,
}

#[derive(Debug)]
pub enum BuildError {
    /// Wrong options (exit 2).
    Usage(String),
    /// Problems in the data (exit 1).
    Input(Diagnostics),
    /// Fonts, templates or the output folder (exit 1).
    Setup(String),
    /// Stopped by Ctrl-C or SIGTERM (exit 130); OUT is as it was.
    Interrupted,
    /// Documents that failed, with the reason (exit 1).
    Documents(Vec<(PathBuf, String)>),
}

/// Progress callback: (documents done, documents to typeset).
pub type Progress<'a> = &'a (dyn Fn(usize, usize) + Sync);

/// The selection of documents, and whether dossiers are wanted.
fn selection(opts: &BuildOptions) -> Result<(Selection, bool), BuildError> {
    let mut kinds = Vec::new();
    let mut dossiers = opts.only.is_empty();
    for code in opts.only.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        if code == DOSSIER {
            dossiers = true;
            continue;
        }
        match Kind::from_code(code) {
            Some(k) => kinds.push(k),
            None => {
                let mut known: Vec<&str> = Kind::ALL.iter().map(|k| k.code()).collect();
                known.push(DOSSIER);
                return Err(BuildError::Usage(format!(
                    "loại văn bản \"{code}\" không có; các loại: {}",
                    known.join(", ")
                )));
            }
        }
    }
    // A dossier holds the sheets and the list: build (or reuse) them.
    if dossiers && !kinds.is_empty() {
        for k in [Kind::PhieuDanhGia, Kind::DanhSachXepLoai] {
            if !kinds.contains(&k) {
                kinds.push(k);
            }
        }
    }
    let communes = opts
        .communes
        .iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    Ok((Selection { kinds, communes }, dossiers))
}

/// The font folder: `--font-dir`, else a `fonts/` folder beside INPUTS.
fn font_dir(opts: &BuildOptions) -> Option<PathBuf> {
    if let Some(d) = &opts.font_dir {
        return Some(d.clone());
    }
    let parent = opts.inputs.canonicalize().ok()?.parent()?.to_path_buf();
    let d = parent.join("fonts");
    d.is_dir().then_some(d)
}

/// Load and validate the inputs.
pub fn load(inputs: &Path) -> Result<Dataset, BuildError> {
    input::load(inputs).map_err(BuildError::Input)
}

fn rel(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Build the documents of `opts`.
pub fn build(opts: &BuildOptions, progress: Option<Progress>) -> Result<Report, BuildError> {
    let start = Instant::now();
    let (sel, want_dossiers) = selection(opts)?;
    let mut stages = Stages::default();

    let t = Instant::now();
    let ds = load(&opts.inputs)?;
    stages.load = t.elapsed();
    for c in &sel.communes {
        if !ds.communes.iter().any(|x| &x.id == c) {
            let known: Vec<&str> = ds.communes.iter().map(|c| c.id.as_str()).collect();
            return Err(BuildError::Usage(format!(
                "xã/phường \"{c}\" không có trong dữ liệu; các mã: {}",
                known.join(", ")
            )));
        }
    }

    let t = Instant::now();
    let model = Model::compute(&ds);
    let jobs = docs::plan(&model, &sel);
    stages.compute = t.elapsed();

    let fonts = FontSet::load(font_dir(opts).as_deref())
        .map_err(|e| BuildError::Setup(format!("không đọc được phông chữ: {e}")))?;
    let times_new_roman = fonts.has_times_new_roman();
    let templates =
        Templates::load(opts.templates.as_deref()).map_err(|e| BuildError::Setup(e.to_string()))?;
    let date = {
        let d = ds.config.issued_on;
        (d.year(), d.month() as u8, d.day() as u8)
    };

    // One run at a time writes into OUT; what killed runs left goes.
    let _lock = staging::OutLock::acquire(&opts.out).map_err(BuildError::Setup)?;
    staging::clean_leftovers(&opts.out);

    // Which documents changed since the last run?
    let t = Instant::now();
    let mut cache = if opts.force {
        cache::Cache::default()
    } else {
        cache::Cache::load(&opts.out)
    };
    let date_bytes = format!("{date:?}");
    let standard_bytes: &[u8] = if opts.plain_pdf { b"pdf" } else { b"pdf/a-2b" };
    let keys: Vec<String> = jobs
        .par_iter()
        .map(|j| {
            let vm = j.vm.as_bytes();
            cache::key(&[
                j.kind.code().as_bytes(),
                templates.fingerprint.as_bytes(),
                standard_bytes,
                fonts.fingerprint.as_bytes(),
                date_bytes.as_bytes(),
                vm,
            ])
        })
        .collect();
    let mut entries: BTreeMap<String, ManifestEntry> = BTreeMap::new();
    let mut todo: Vec<&Job> = Vec::new();
    let mut todo_keys: Vec<&str> = Vec::new();
    for (job, key) in jobs.iter().zip(&keys) {
        let path = rel(&job.path);
        match cache.fresh(&opts.out, &path, key) {
            Some(e) => {
                entries.insert(path, e.clone());
            }
            None => {
                todo.push(job);
                todo_keys.push(key);
            }
        }
    }
    stages.compute += t.elapsed();

    let engine = Engine::new(fonts, templates.modules())
        .with_standard((!opts.plain_pdf).then_some(crate::typeset::PdfStandard::A_2b));
    if let Some(dir) = &opts.emit_typst {
        for (path, text) in templates.modules() {
            let p = dir.join(path.trim_start_matches('/'));
            let _ = std::fs::create_dir_all(p.parent().unwrap_or(dir));
            std::fs::write(&p, text)
                .map_err(|e| BuildError::Setup(format!("{}: {e}", p.display())))?;
        }
    }
    let threads = opts
        .jobs
        .unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(2)
        })
        .max(1);
    let ctx = Typesetting {
        templates: &templates,
        engine: &engine,
        date,
        out: &opts.out,
        threads,
        progress,
        emit_typst: opts.emit_typst.as_deref(),
    };
    let staged = ctx.run(&todo, &mut stages)?;

    let t = Instant::now();
    let mut written = Vec::new();
    for e in write::commit(staged).map_err(BuildError::Setup)? {
        written.push(e.path.clone());
        entries.insert(e.path.clone(), e);
    }
    // Keys of the typeset documents, by path, for the cache.
    let new_keys: BTreeMap<String, &str> = todo
        .iter()
        .zip(&todo_keys)
        .map(|(j, k)| (rel(&j.path), *k))
        .collect();
    let period = ds.config.period.code();

    // Dossiers, from the documents on disk.
    if want_dossiers {
        for c in ds.communes.iter().filter(|c| sel.wants_commune(&c.id)) {
            let prefix = format!("{period}/xa/{}/", c.id);
            let members: Vec<&ManifestEntry> = entries
                .values()
                .filter(|e| {
                    e.path.starts_with(&prefix)
                        && (e.kind == Kind::PhieuDanhGia.code()
                            || e.kind == Kind::DanhSachXepLoai.code())
                })
                .collect();
            let path = format!("{period}/ho-so/{}.zip", c.id);
            let key = dossier::key(&members, opts.zip_password.is_some());
            if opts.zip_password.is_none()
                && let Some(e) = cache.fresh(&opts.out, &path, &key)
            {
                entries.insert(path, e.clone());
                continue;
            }
            let mut files = Vec::with_capacity(members.len());
            for e in &members {
                let bytes = std::fs::read(opts.out.join(&e.path)).map_err(|err| {
                    BuildError::Setup(format!("không đọc được {}: {err}", e.path))
                })?;
                files.push(dossier::Member {
                    name: e.path[prefix.len()..].to_string(),
                    bytes,
                });
            }
            let zip = dossier::zip(files, date, opts.zip_password.as_deref())
                .map_err(BuildError::Setup)?;
            let e = write::write_file(&opts.out, Path::new(&path), DOSSIER, &zip)
                .map_err(BuildError::Setup)?;
            cache.files.insert(
                path.clone(),
                cache::Cached {
                    key,
                    entry: e.clone(),
                },
            );
            written.push(path.clone());
            entries.insert(path, e);
        }
    }

    // The ratings export, rewritten only when its content changed.
    if sel.wants(Kind::PhieuDanhGia) || sel.wants(Kind::DanhSachXepLoai) {
        let path = format!("{period}/ket-qua-xep-loai.csv");
        let csv = exports::ratings_csv(&model);
        let e = write::write_if_changed(
            &opts.out,
            Path::new(&path),
            "ket-qua-xep-loai-csv",
            &csv,
            &mut written,
        )
        .map_err(BuildError::Setup)?;
        entries.insert(path, e);
    }

    // Outputs that no input corresponds to any more (full runs only).
    let mut removed = Vec::new();
    let full_run = opts.only.is_empty() && sel.communes.is_empty();
    if full_run {
        let stale: Vec<String> = cache
            .files
            .keys()
            .filter(|p| !entries.contains_key(*p))
            .cloned()
            .collect();
        for p in stale {
            let _ = std::fs::remove_file(opts.out.join(&p));
            write::remove_empty_parents(&opts.out, Path::new(&p));
            cache.files.remove(&p);
            removed.push(p);
        }
    }

    for (path, e) in &entries {
        if let Some(k) = new_keys.get(path) {
            cache.files.insert(
                path.clone(),
                cache::Cached {
                    key: (*k).to_string(),
                    entry: e.clone(),
                },
            );
        } else if !cache.files.contains_key(path) {
            cache.files.insert(
                path.clone(),
                cache::Cached {
                    key: String::new(),
                    entry: e.clone(),
                },
            );
        }
    }
    let period_dir = opts.out.join(&period);
    write::update_manifest(
        &period_dir,
        &opts.out,
        entries.into_values().collect(),
        &removed,
        &mut written,
    )
    .map_err(BuildError::Setup)?;
    cache.save(&opts.out).map_err(BuildError::Setup)?;
    staging::remove_run_dir(&opts.out);
    stages.write += t.elapsed();

    written.sort();
    Ok(Report {
        documents: jobs.len(),
        typeset: todo.len(),
        written,
        removed,
        elapsed: start.elapsed(),
        dir: period_dir,
        stages,
        times_new_roman,
        notices: ds.notices.clone(),
    })
}

/// What the typesetting workers share.
struct Typesetting<'a> {
    templates: &'a Templates,
    engine: &'a Engine,
    date: (i32, u8, u8),
    out: &'a Path,
    threads: usize,
    progress: Option<Progress<'a>>,
    emit_typst: Option<&'a Path>,
}

/// Forms typeset together as one Typst document (see
/// typeset::Engine::pdf_batch): the fonts are subset and compressed, and the
/// cache evicted, once per batch instead of once per form.
const BATCH: usize = 16;

/// One piece of work for a worker.
enum Unit {
    /// Documents typeset one after the other.
    Docs(Vec<usize>),
    /// One-page forms of one commune, typeset together.
    Batch(Vec<usize>),
}

/// Time spent per stage, summed over the workers.
#[derive(Default)]
struct Clocks {
    render: AtomicU64,
    typeset: AtomicU64,
    write: AtomicU64,
}

impl Clocks {
    fn add(counter: &AtomicU64, since: Instant) {
        counter.fetch_add(since.elapsed().as_nanos() as u64, Ordering::Relaxed);
    }
}

/// The work units for `jobs`. The provincial documents (the longest, and
/// each takes memory in proportion to its pages) go first and in one unit,
/// so that two of them never run at the same time; meanwhile the other
/// workers typeset the one-page forms, in batches of [`BATCH`] of one
/// commune (light in memory); every other document comes last, biggest
/// first, so the workers finish together.
fn units(jobs: &[&Job]) -> Vec<Unit> {
    let mut provincial = Vec::new();
    let mut batches: Vec<Unit> = Vec::new();
    let mut others: Vec<usize> = Vec::new();
    let mut batch: Vec<usize> = Vec::new();
    for (i, job) in jobs.iter().enumerate() {
        if job.fit_variants > 1 {
            let same = batch
                .last()
                .is_none_or(|&b| jobs[b].commune == job.commune && jobs[b].kind == job.kind);
            if !same || batch.len() == BATCH {
                batches.push(Unit::Batch(std::mem::take(&mut batch)));
            }
            batch.push(i);
        } else if job.commune.is_none() {
            provincial.push(i);
        } else {
            others.push(i);
        }
    }
    if !batch.is_empty() {
        batches.push(Unit::Batch(batch));
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
    /// units from a shared counter; each PDF is written to a temporary file
    /// beside its final place. On any failure every temporary file is
    /// removed and the failures are returned.
    fn run(&self, jobs: &[&Job], stages: &mut Stages) -> Result<Vec<write::Staged>, BuildError> {
        let units = units(jobs);
        let next = AtomicUsize::new(0);
        let done = AtomicUsize::new(0);
        let clocks = Clocks::default();
        let staged = Mutex::new(Vec::with_capacity(jobs.len()));
        let failures = Mutex::new(Vec::new());
        std::thread::scope(|scope| {
            for _ in 0..self.threads.min(units.len()) {
                scope.spawn(|| {
                    while let Some(unit) = units
                        .get(next.fetch_add(1, Ordering::Relaxed))
                        .filter(|_| !cancel::requested())
                    {
                        let results = match unit {
                            Unit::Docs(list) => list
                                .iter()
                                .map(|&i| (jobs[i], self.one(jobs[i], 0, &clocks)))
                                .collect(),
                            Unit::Batch(members) => {
                                let members: Vec<&Job> = members.iter().map(|&i| jobs[i]).collect();
                                self.batch(&members, &clocks)
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
                });
            }
        });
        stages.render += Duration::from_nanos(clocks.render.into_inner());
        stages.typeset += Duration::from_nanos(clocks.typeset.into_inner());
        stages.write += Duration::from_nanos(clocks.write.into_inner());
        let staged = staged.into_inner().expect("lock");
        let mut failures = failures.into_inner().expect("lock");
        if cancel::requested() {
            write::discard(self.out, staged);
            Err(BuildError::Interrupted)
        } else if failures.is_empty() {
            Ok(staged)
        } else {
            write::discard(self.out, staged);
            failures.sort();
            Err(BuildError::Documents(failures))
        }
    }

    /// The Typst source of `job` in layout variant `k` (forms that must fit
    /// one page move to tighter variants: docs::Job::fit_variants).
    fn source(
        &self,
        job: &Job,
        vm: &serde_json::Value,
        k: usize,
        clocks: &Clocks,
    ) -> Result<String, String> {
        let t = Instant::now();
        let out = match vm.get("fit").and_then(|f| f.as_u64()) {
            Some(first) if k > 0 => {
                let mut vm = vm.clone();
                vm["fit"] = (first + k as u64).into();
                self.templates.render(&job.kind.template(), &vm)
            }
            _ => self.templates.render(&job.kind.template(), vm),
        };
        Clocks::add(&clocks.render, t);
        if let (Some(dir), Ok(src)) = (self.emit_typst, &out) {
            let p = dir.join(&job.path).with_extension("typ");
            let _ = std::fs::create_dir_all(p.parent().unwrap_or(dir));
            let _ = std::fs::write(p, src);
        }
        out.map_err(|e| e.to_string())
    }

    /// Typeset one document alone, starting at layout variant `skip`.
    fn one(&self, job: &Job, skip: usize, clocks: &Clocks) -> Result<write::Staged, String> {
        // The view-model is parsed once per document.
        let t = Instant::now();
        let vm = serde_json::from_str::<serde_json::Value>(&job.vm).map_err(|e| e.to_string())?;
        Clocks::add(&clocks.render, t);
        let title = vm["doc"]["title"].as_str();
        let variants = job.fit_variants.saturating_sub(skip).max(1);
        let t = Instant::now();
        let pdf = self
            .engine
            .pdf_fitting(
                |k| self.source(job, &vm, k + skip, clocks),
                variants,
                self.date,
                title,
            )
            .map(|(pdf, _)| pdf)
            .map_err(|e| format!("lỗi dàn trang: {e}"));
        Clocks::add(&clocks.typeset, t);
        pdf.and_then(|bytes| self.stage(job, &bytes, clocks))
    }

    /// Typeset one-page forms as one batch (typeset::Engine::pdf_batch).
    /// A form that overflows its page is redone alone with the next,
    /// tighter layout; when the batch fails, or when a form brought
    /// characters outside the batch's font repertoire (its bytes would
    /// depend on its neighbours), every form is redone alone.
    fn batch<'j>(
        &self,
        jobs: &[&'j Job],
        clocks: &Clocks,
    ) -> Vec<(&'j Job, Result<write::Staged, String>)> {
        let t = Instant::now();
        let vms: Result<Vec<serde_json::Value>, _> = jobs
            .iter()
            .map(|j| serde_json::from_str::<serde_json::Value>(&j.vm))
            .collect();
        Clocks::add(&clocks.render, t);
        let Ok(vms) = vms else {
            return jobs.iter().map(|&j| (j, self.one(j, 0, clocks))).collect();
        };
        let sources: Result<Vec<String>, String> = jobs
            .iter()
            .zip(&vms)
            .map(|(j, vm)| self.source(j, vm, 0, clocks))
            .collect();
        let titles: Vec<Option<&str>> = vms.iter().map(|v| v["doc"]["title"].as_str()).collect();
        let batch = sources.ok().and_then(|sources| {
            let t = Instant::now();
            let r = self.engine.pdf_batch(&sources, &titles, self.date, false);
            Clocks::add(&clocks.typeset, t);
            r.ok()
        });
        match batch {
            Some(b) if b.uniform || jobs.len() == 1 => jobs
                .iter()
                .zip(&vms)
                .zip(b.pdfs)
                .map(|((&job, vm), pdf)| {
                    let result = match pdf {
                        BatchPdf::Pdf(bytes) => self.stage(job, &bytes, clocks),
                        BatchPdf::Overflow => self.alone(job, vm, 1, clocks),
                    };
                    (job, result)
                })
                .collect(),
            _ => jobs
                .iter()
                .zip(&vms)
                .map(|(&job, vm)| (job, self.alone(job, vm, 0, clocks)))
                .collect(),
        }
    }

    /// One form in a batch of its own, from layout variant `skip`, moving
    /// to tighter variants while it overflows (the last one is kept
    /// whatever its length). On a Typst error the form is typeset the plain
    /// way, whose messages point into its own source.
    fn alone(
        &self,
        job: &Job,
        vm: &serde_json::Value,
        skip: usize,
        clocks: &Clocks,
    ) -> Result<write::Staged, String> {
        let title = vm["doc"]["title"].as_str();
        for k in skip..job.fit_variants.max(skip + 1) {
            let last = k + 1 >= job.fit_variants;
            let source = self.source(job, vm, k, clocks)?;
            let t = Instant::now();
            let r = self.engine.pdf_batch(&[source], &[title], self.date, last);
            Clocks::add(&clocks.typeset, t);
            match r.map(|mut b| b.pdfs.pop()) {
                Ok(Some(BatchPdf::Pdf(bytes))) => return self.stage(job, &bytes, clocks),
                Ok(_) => continue,
                Err(_) => return self.one(job, k, clocks),
            }
        }
        self.one(job, skip, clocks)
    }

    fn stage(&self, job: &Job, bytes: &[u8], clocks: &Clocks) -> Result<write::Staged, String> {
        let t = Instant::now();
        let r = write::stage(self.out, job, bytes);
        Clocks::add(&clocks.write, t);
        r
    }
}

/// Peak resident memory of this process in bytes (Linux; 0 elsewhere).
pub fn peak_memory() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
        })
        .map(|kb| kb * 1024)
        .unwrap_or(0)
}

/// A short summary for `baocao check`.
pub fn summary(ds: &Dataset) -> String {
    use std::collections::BTreeMap;
    use std::fmt::Write;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Dữ liệu hợp lệ: {} xã/phường, {} vị trí việc làm, {} cán bộ, {} phiếu đánh giá, {} khoá học, {} lượt đào tạo, {} nhiệm vụ, {} sáng kiến, {} phiếu khảo sát.",
        crate::vn::thousands(ds.communes.len() as i64),
        crate::vn::thousands(ds.positions.len() as i64),
        crate::vn::thousands(ds.officials.len() as i64),
        crate::vn::thousands(ds.evaluations.len() as i64),
        crate::vn::thousands(ds.courses.len() as i64),
        crate::vn::thousands(ds.trainings.len() as i64),
        crate::vn::thousands(ds.tasks.len() as i64),
        crate::vn::thousands(ds.initiatives.len() as i64),
        crate::vn::thousands(ds.surveys.len() as i64)
    );
    let _ = writeln!(s, "Cán bộ theo xã/phường:");
    for c in &ds.communes {
        let n = ds.officials.iter().filter(|o| o.commune == c.id).count();
        let _ = writeln!(
            s,
            "  {:<16} {} {}: {} người",
            c.id,
            c.kind.label(),
            c.name,
            n
        );
    }
    let mut per: BTreeMap<String, usize> = BTreeMap::new();
    for e in &ds.evaluations {
        *per.entry(e.period.code()).or_default() += 1;
    }
    let _ = writeln!(s, "Phiếu đánh giá theo kỳ:");
    for (p, n) in per {
        let mark = if p == ds.config.period.code() {
            " (kỳ báo cáo)"
        } else {
            ""
        };
        let _ = writeln!(s, "  {p}: {n}{mark}");
    }
    s
}

/// Render one template with a view-model file and typeset it (developer aid).
pub fn dev_render(
    template: &str,
    vm: &Path,
    out: &Path,
    templates: &Path,
    typ: Option<&Path>,
) -> Result<(), String> {
    let vm: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(vm).map_err(|e| e.to_string())?)
            .map_err(|e| format!("view-model JSON: {e}"))?;
    let lib = Templates::load(Some(templates)).map_err(|e| e.to_string())?;
    let src = lib.render(template, &vm).map_err(|e| e.to_string())?;
    if let Some(p) = typ {
        std::fs::write(p, &src).map_err(|e| e.to_string())?;
    }
    let engine = Engine::new(
        FontSet::load(None).map_err(|e| e.to_string())?,
        lib.modules(),
    );
    // BAOCAO_REPEAT=N: compile N more times and print the mean (profiling aid).
    if let Some(n) = std::env::var("BAOCAO_REPEAT")
        .ok()
        .and_then(|v| v.parse::<u32>().ok())
    {
        let t = Instant::now();
        for _ in 0..n {
            let _ = engine.pdf(&src, (2026, 7, 5));
        }
        eprintln!(
            "{:.2} ms/tài liệu",
            t.elapsed().as_secs_f64() * 1000.0 / n.max(1) as f64
        );
    }
    match engine.pdf(&src, (2026, 7, 5)) {
        Ok(pdf) => std::fs::write(out, pdf).map_err(|e| e.to_string()),
        Err(e) => {
            let numbered: String = src
                .lines()
                .enumerate()
                .map(|(i, l)| format!("{:4} | {l}\n", i + 1))
                .collect();
            Err(format!("{numbered}\n{e}"))
        }
    }
}
