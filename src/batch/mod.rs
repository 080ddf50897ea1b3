//! The batch runner: [`build`] turns [`BuildOptions`] into files under OUT,
//! in named steps, each a method of `Build` (the state they hand on to each
//! other), called in this order by [`build`]:
//!
//! 1. `select`: `--only` and `--commune` → a [`Selection`] (kind
//!    codes from the registry, [`docs::KINDS`]) and whether dossiers are
//!    wanted;
//! 2. `load`: read and validate the inputs, load the fonts and the
//!    template library;
//! 3. `compute`: scores, ratings and the rest of the model;
//! 4. `plan`: every kind of the selection plans its documents
//!    ([`docs::plan`]); beside them, what the later steps need of the data
//!    and the model is taken (the exports' bytes among it), and both are
//!    freed, so that what the typesetting holds besides its own work does
//!    not grow with the province;
//! 5. `lock`: one run at a time writes into OUT; what killed runs left
//!    in the staging area goes (`staging.rs`);
//! 6. `reuse`: documents whose cache key is unchanged and whose file
//!    is intact are kept (`cache.rs`), their view-models dropped; those
//!    of the others wait in a temporary file ([`docs::spill`]);
//! 7. `typeset`: the others are rendered and typeset on worker
//!    threads, each written into this run's staged tree, a mirror of OUT
//!    in the staging area (`workers.rs`, `write.rs`); if any fails, or
//!    Ctrl-C stops the run (`cancel.rs`), the staged files are removed and
//!    nothing else changes;
//! 8. `commit`: the typeset documents are noted as outputs;
//! 9. `dossiers`: one zip per commune of the kinds that go into
//!    the dossier (`dossier.rs`), into the staged tree;
//! 10. `exports`: the exports fed by the selected kinds
//!     ([`docs::EXPORTS`]), staged only when their bytes change;
//! 11. `prune`: on full runs, outputs no input corresponds to any
//!     more are marked for removal;
//! 12. `manifest`: `<period>/manifest.json` is staged (when it
//!     changed);
//! 13. `publish`: when anything changed, the files kept from the
//!     previous output are hard-linked into the staged period folder,
//!     which then replaces `OUT/<period>` in one atomic exchange (OUT holds
//!     at every instant the old folder or the new one, each with its
//!     manifest); the cache is written and the staging folder removed.
//!
//! The runner names no document kind: what a kind is (batched one-page
//! form, member of the dossier, feeding an export) it asks the kind.
//! Loading and computing use rayon; typesetting uses plain OS threads.
//! `check.rs` serves `baocao check`, `dev.rs` the developer aids.

mod cache;
pub mod cancel;
mod check;
mod dev;
mod dossier;
mod memory;
mod staging;
mod workers;
mod write;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::Datelike;
use rayon::prelude::*;

use crate::diag::Diagnostics;
use crate::docs::{self, Job, Selection};
use crate::input::{self, Dataset};
use crate::model::Model;
use crate::render::Templates;
use crate::typeset::{Engine, FontSet};
pub use check::summary;
pub use dev::{cpu_time, dev_render, peak_memory};
pub use write::{ManifestEntry, sha256_hex};

/// The dossier code for `--only` and the manifest (a zip of other
/// documents, not a document kind).
pub const DOSSIER: &str = "ho-so";

/// The codes `--only` takes: the registry's kinds and the dossier.
fn known_kinds() -> String {
    let mut known: Vec<&str> = docs::KINDS.iter().map(|k| k.code()).collect();
    known.push(DOSSIER);
    known.join(", ")
}

fn only_help() -> String {
    format!(
        "Chỉ sinh các loại văn bản này, cách nhau bởi dấu phẩy (các loại: {})",
        known_kinds()
    )
}

/// What `baocao build` is asked for, declared once: the command line's
/// options (their doc comments are its help texts, in Vietnamese) and what
/// tests and benches set. Empty lists select everything.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct BuildOptions {
    /// Thư mục dữ liệu
    #[arg(default_value = "inputs", value_name = "DỮ LIỆU")]
    pub inputs: PathBuf,
    /// Thư mục kết quả
    #[arg(short, long, default_value = "out", value_name = "THƯ MỤC")]
    pub out: PathBuf,
    // The help lists the registry's codes (`known_kinds`).
    #[arg(long, value_delimiter = ',', value_name = "LOẠI", help = only_help())]
    pub only: Vec<String>,
    /// Chỉ sinh cho các xã/phường này (mã, cách nhau bởi dấu phẩy)
    #[arg(long = "commune", value_delimiter = ',', value_name = "MÃ")]
    pub communes: Vec<String>,
    /// Số luồng dàn trang [mặc định: số nhân CPU]
    #[arg(short = 'j', long, value_name = "SỐ")]
    pub jobs: Option<usize>,
    /// Thư mục phông chữ bổ sung [mặc định: thư mục fonts/ cạnh thư mục dữ liệu, nếu có]
    #[arg(long, value_name = "THƯ MỤC")]
    pub font_dir: Option<PathBuf>,
    /// Dùng bộ mẫu văn bản trong thư mục này thay cho bộ mẫu có sẵn
    #[arg(long, value_name = "THƯ MỤC")]
    pub templates: Option<PathBuf>,
    /// Dàn trang lại toàn bộ, không dùng kết quả của lần chạy trước
    #[arg(long)]
    pub force: bool,
    /// Đặt mật khẩu (AES-256) cho các tệp nén hồ sơ đánh giá
    #[arg(long, value_name = "MẬT KHẨU")]
    pub zip_password: Option<String>,
    /// Chuẩn PDF của các tệp: a-2b (PDF/A-2b, để lưu trữ lâu dài) hoặc none (PDF thường)
    #[arg(
        long = "pdf-standard",
        value_name = "CHUẨN",
        default_value = "a-2b",
        action = clap::ArgAction::Set,
        value_parser = clap::builder::TypedValueParser::map(
            clap::builder::PossibleValuesParser::new(["a-2b", "none"]),
            |s: String| s == "none",
        )
    )]
    pub plain_pdf: bool,
    /// (đo hiệu năng) Ghi mã Typst của từng văn bản vào thư mục này
    #[arg(long, hide = true, value_name = "THƯ MỤC")]
    pub emit_typst: Option<PathBuf>,
}

/// Time spent per stage (summed over threads for render and typeset).
#[derive(Debug, Clone, Default)]
pub struct Stages {
    pub load: Duration,
    pub compute: Duration,
    pub render: Duration,
    pub typeset: Duration,
    /// `typeset` per document kind.
    pub typeset_by_kind: std::collections::BTreeMap<&'static str, Duration>,
    pub write: Duration,
    /// Wall time of each named step of `build`, in order.
    pub steps: Vec<(&'static str, Duration)>,
}

impl Stages {
    /// The part of `typeset` spent on one-page forms (DocKind::batched).
    pub fn typeset_forms(&self) -> Duration {
        self.typeset_by_kind
            .iter()
            .filter(|(k, _)| docs::kind(k).is_some_and(|k| k.batched()))
            .map(|(_, d)| *d)
            .sum()
    }

    /// Note the wall time of `step` since `*since`, and restart the clock.
    fn step(&mut self, step: &'static str, since: &mut Instant) {
        self.steps.push((step, since.elapsed()));
        *since = Instant::now();
    }
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

/// Load and validate the inputs.
pub fn load(inputs: &Path) -> Result<Dataset, BuildError> {
    input::load(inputs).map_err(BuildError::Input)
}

/// Build the documents of `opts`: the steps of the module comment, in order.
pub fn build(opts: &BuildOptions, progress: Option<Progress>) -> Result<Report, BuildError> {
    let mut b = Build::select(opts)?;
    let mut t = Instant::now();
    let (ds, fonts, templates) = b.load()?;
    b.stages.step("load", &mut t);
    let model = b.compute(&ds);
    b.stages.step("compute", &mut t);
    let (mut jobs, after) = b.plan(&ds, &model);
    // The data and the model grow with the province: freed before the
    // typesetting (its peak memory), which needs only the jobs.
    drop(model);
    drop(ds);
    memory::release_freed_everywhere();
    b.stages.step("plan", &mut t);
    b.lock()?;
    let todo = b.reuse(&jobs, &fonts, &templates);
    // The view-models still to typeset wait on disk; the others go.
    let (to_typeset, kept): (Vec<_>, Vec<_>) = jobs
        .iter_mut()
        .enumerate()
        .partition(|(i, _)| todo.binary_search(i).is_ok());
    kept.into_iter().for_each(|(_, j)| j.vm.release());
    docs::spill(to_typeset.into_iter().map(|(_, j)| j));
    let todo: Vec<&Job> = todo.iter().map(|&i| &jobs[i]).collect();
    b.stages.step("reuse", &mut t);
    let done = (|| {
        let staged = b.typeset(&todo, fonts, &templates, progress)?;
        b.stages.step("typeset", &mut t);
        b.commit(staged)?;
        b.stages.step("commit", &mut t);
        b.dossiers(&after.communes)?;
        b.stages.step("dossiers", &mut t);
        b.exports(after.exports)?;
        b.stages.step("exports", &mut t);
        b.prune();
        b.manifest()?;
        b.stages.step("manifest", &mut t);
        let r = b.publish();
        b.stages.step("publish", &mut t);
        r
    })();
    if done.is_err() {
        // OUT is as it was; what was staged goes.
        staging::remove_run_dir(&opts.out);
    }
    done?;
    Ok(b.report(jobs.len(), todo.len(), after.notices))
}

/// An export, where it goes, and its bytes (or why they were not made).
type ExportBytes = (&'static docs::Export, PathBuf, Result<Vec<u8>, String>);

/// What the steps after typesetting need of the dataset and the model
/// ([`Build::after_typesetting`]).
struct AfterTypesetting {
    /// The communes whose dossiers are made.
    communes: Vec<String>,
    /// Each export of the selection: where it goes and its bytes.
    exports: Vec<ExportBytes>,
    notices: Vec<crate::diag::Notice>,
}

/// A build under way: what the steps hand on to each other.
struct Build<'o> {
    opts: &'o BuildOptions,
    start: Instant,
    sel: Selection,
    /// Dossiers wanted (`ho-so` in `--only`, or no `--only`).
    dossiers: bool,
    /// The period's code, the folder everything goes to (`2026-H1`).
    period: String,
    /// `config.issued_on` as (year, month, day): the PDFs' and zips' date.
    date: (i32, u8, u8),
    times_new_roman: bool,
    /// Held from the `lock` step to the end of the build (released by
    /// the OS however the process ends).
    out_lock: Option<staging::OutLock>,
    stages: Stages,
    cache: cache::Cache,
    /// The cache keys of the documents to typeset, by path.
    keys: BTreeMap<String, String>,
    /// Every output of this run by path: reused, typeset, zipped, exported.
    entries: BTreeMap<String, ManifestEntry>,
    written: Vec<String>,
    removed: Vec<String>,
    /// Removed paths outside the period folder (an earlier period's).
    removed_elsewhere: Vec<String>,
}

/// A path relative to OUT as the manifest writes it ("/"-separated).
fn rel(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
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

impl<'o> Build<'o> {
    /// Step 1: the selection. Kind codes come from the registry; a dossier
    /// brings along the kinds that go into it.
    fn select(opts: &'o BuildOptions) -> Result<Build<'o>, BuildError> {
        let mut kinds = Vec::new();
        let mut dossiers = opts.only.is_empty();
        for code in opts.only.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
            if code == DOSSIER {
                dossiers = true;
                continue;
            }
            match docs::kind(code) {
                Some(k) => kinds.push(k),
                None => {
                    return Err(BuildError::Usage(format!(
                        "loại văn bản \"{code}\" không có; các loại: {}",
                        known_kinds()
                    )));
                }
            }
        }
        if dossiers && !kinds.is_empty() {
            for k in docs::KINDS.iter().filter(|k| k.in_dossier()) {
                if !kinds.iter().any(|x| x.code() == k.code()) {
                    kinds.push(*k);
                }
            }
        }
        let communes = opts
            .communes
            .iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        Ok(Build {
            opts,
            start: Instant::now(),
            sel: Selection { kinds, communes },
            dossiers,
            period: String::new(),
            date: (0, 0, 0),
            times_new_roman: false,
            out_lock: None,
            stages: Stages::default(),
            cache: cache::Cache::default(),
            keys: BTreeMap::new(),
            entries: BTreeMap::new(),
            written: Vec::new(),
            removed: Vec::new(),
            removed_elsewhere: Vec::new(),
        })
    }

    /// Step 2: the inputs (every problem of every file, or nothing), the
    /// communes of `--commune` checked against them, the fonts and the
    /// template library.
    fn load(&mut self) -> Result<(Dataset, FontSet, Templates), BuildError> {
        let t = Instant::now();
        let ds = load(&self.opts.inputs)?;
        self.stages.load = t.elapsed();
        for c in &self.sel.communes {
            if !ds.communes.iter().any(|x| &x.id == c) {
                let known: Vec<&str> = ds.communes.iter().map(|c| c.id.as_str()).collect();
                return Err(BuildError::Usage(format!(
                    "xã/phường \"{c}\" không có trong dữ liệu; các mã: {}",
                    known.join(", ")
                )));
            }
        }
        self.period = ds.config.period.code();
        let d = ds.config.issued_on;
        self.date = (d.year(), d.month() as u8, d.day() as u8);
        let fonts = FontSet::load(font_dir(self.opts).as_deref())
            .map_err(|e| BuildError::Setup(format!("không đọc được phông chữ: {e}")))?;
        self.times_new_roman = fonts.has_times_new_roman();
        let templates = Templates::load(self.opts.templates.as_deref())
            .map_err(|e| BuildError::Setup(e.to_string()))?;
        Ok((ds, fonts, templates))
    }

    /// Step 3: the model.
    fn compute<'a>(&mut self, ds: &'a Dataset) -> Model<'a> {
        let t = Instant::now();
        let model = Model::compute(ds);
        self.stages.compute += t.elapsed();
        model
    }

    /// Step 4: the documents of the selection, and beside them (on the
    /// other core) what the steps after typesetting need of the data and
    /// the model.
    fn plan(&mut self, ds: &Dataset, model: &Model) -> (Vec<Job>, AfterTypesetting) {
        let t = Instant::now();
        let this = &*self;
        let planned = rayon::join(
            || docs::plan(model, &this.sel),
            || this.after_typesetting(ds, model),
        );
        self.stages.compute += t.elapsed();
        planned
    }

    /// Step 5: OUT is ours: one run at a time writes into it, and what
    /// killed runs left goes.
    fn lock(&mut self) -> Result<(), BuildError> {
        self.out_lock = Some(staging::OutLock::acquire(&self.opts.out).map_err(BuildError::Setup)?);
        staging::clean_leftovers(&self.opts.out);
        Ok(())
    }

    /// Step 6: the documents unchanged since the last run are kept; the
    /// others are returned (their indices, in order), to be typeset.
    fn reuse(&mut self, jobs: &[Job], fonts: &FontSet, templates: &Templates) -> Vec<usize> {
        let t = Instant::now();
        if !self.opts.force {
            self.cache = cache::Cache::load(&self.opts.out, &self.period);
        }
        let date = format!("{:?}", self.date);
        let standard: &[u8] = if self.opts.plain_pdf {
            b"pdf"
        } else {
            b"pdf/a-2b"
        };
        let keys: Vec<String> = jobs
            .par_iter()
            .map(|j| {
                cache::key(&[
                    j.kind.code().as_bytes(),
                    templates.fingerprint.as_bytes(),
                    standard,
                    fonts.fingerprint.as_bytes(),
                    date.as_bytes(),
                    j.vm.digest(),
                ])
            })
            .collect();
        let mut todo = Vec::new();
        for (i, (job, key)) in jobs.iter().zip(keys).enumerate() {
            let path = rel(&job.path);
            match self.cache.fresh(&self.opts.out, &path, &key) {
                Some(e) => {
                    self.entries.insert(path, e.clone());
                }
                None => {
                    todo.push(i);
                    self.keys.insert(path, key);
                }
            }
        }
        self.stages.compute += t.elapsed();
        todo
    }

    /// Step 7: render and typeset `todo` on the worker threads, each PDF
    /// under a temporary name. On any failure, or when the run is stopped,
    /// the temporary files are removed and the failures returned.
    fn typeset(
        &mut self,
        todo: &[&Job],
        fonts: FontSet,
        templates: &Templates,
        progress: Option<Progress>,
    ) -> Result<Vec<write::Staged>, BuildError> {
        let engine = Engine::new(fonts, templates.modules())
            .with_standard((!self.opts.plain_pdf).then_some(crate::typeset::PdfStandard::A_2b));
        if let Some(dir) = &self.opts.emit_typst {
            for (path, text) in templates.modules() {
                let p = dir.join(path.trim_start_matches('/'));
                let _ = std::fs::create_dir_all(p.parent().unwrap_or(dir));
                std::fs::write(&p, text)
                    .map_err(|e| BuildError::Setup(format!("{}: {e}", p.display())))?;
            }
        }
        let threads = self
            .opts
            .jobs
            .unwrap_or_else(|| {
                std::thread::available_parallelism()
                    .map(|n| n.get())
                    .unwrap_or(2)
            })
            .max(1);
        let outcome = workers::Typesetting {
            templates,
            engine: &engine,
            date: self.date,
            out: &self.opts.out,
            threads,
            progress,
            emit_typst: self.opts.emit_typst.as_deref(),
        }
        .run(todo);
        crate::typeset::release_caches();
        self.stages.render += outcome.render;
        self.stages.typeset += outcome.typeset;
        for (k, d) in outcome.typeset_by_kind {
            *self.stages.typeset_by_kind.entry(k).or_default() += d;
        }
        self.stages.write += outcome.write;
        if cancel::requested() {
            write::discard(&self.opts.out, outcome.staged);
            Err(BuildError::Interrupted)
        } else if outcome.failures.is_empty() {
            Ok(outcome.staged)
        } else {
            write::discard(&self.opts.out, outcome.staged);
            Err(BuildError::Documents(outcome.failures))
        }
    }

    /// Step 8: every typeset document noted as an output of this run.
    fn commit(&mut self, staged: Vec<write::Staged>) -> Result<(), BuildError> {
        let t = Instant::now();
        for e in write::entries(staged) {
            let key = self.keys.get(&e.path).map_or("", String::as_str);
            self.cache.record(&e.path, key, &e);
            self.written.push(e.path.clone());
            self.entries.insert(e.path.clone(), e);
        }
        self.stages.write += t.elapsed();
        Ok(())
    }

    /// Part of step 4: what the dossiers, the exports and the report need
    /// of the data and the model (the exports' bytes, made now; an export
    /// that failed fails the run at its step, as before).
    fn after_typesetting(&self, ds: &Dataset, model: &Model) -> AfterTypesetting {
        let communes = ds
            .communes
            .iter()
            .filter(|c| self.sel.wants_commune(&c.id))
            .map(|c| c.id.clone())
            .collect();
        let exports = docs::exports(&self.sel)
            .into_iter()
            .map(|e| (e, e.path(model), e.bytes(model)))
            .collect();
        AfterTypesetting {
            communes,
            exports,
            notices: ds.notices.clone(),
        }
    }

    /// Step 9: one dossier per selected commune, from its documents on disk
    /// of the kinds that go into the dossier; unchanged ones are kept
    /// (unless encrypted: AES salts every entry anew).
    fn dossiers(&mut self, communes: &[String]) -> Result<(), BuildError> {
        if !self.dossiers {
            return Ok(());
        }
        let t = Instant::now();
        let out = &self.opts.out;
        let password = self.opts.zip_password.as_deref();
        // (path, key, prefix, members) of each dossier to make anew.
        let mut todo = Vec::new();
        for c in communes {
            let prefix = format!("{}/xa/{c}/", self.period);
            let members: Vec<ManifestEntry> = self
                .entries
                .values()
                .filter(|e| {
                    e.path.starts_with(&prefix)
                        && docs::kind(&e.kind).is_some_and(|k| k.in_dossier())
                })
                .cloned()
                .collect();
            let path = format!("{}/{DOSSIER}/{c}.zip", self.period);
            let key = dossier::key(&members, password.is_some());
            if password.is_none()
                && let Some(e) = self.cache.fresh(out, &path, &key)
            {
                self.entries.insert(path, e.clone());
                continue;
            }
            todo.push((path, key, prefix, members));
        }
        // Zipped and staged on both cores (no typesetting here: rayon).
        let made: Vec<Result<(String, String, ManifestEntry), String>> = todo
            .into_par_iter()
            .map(|(path, key, prefix, members)| {
                let members = dossier::members(|p| write::current(out, p), &prefix, &members);
                let e = write::stage_with(out, Path::new(&path), DOSSIER, |f| {
                    dossier::zip(std::io::BufWriter::new(f), members, self.date, password)
                })?;
                Ok((path, key, e))
            })
            .collect();
        for m in made {
            let (path, key, e) = m.map_err(BuildError::Setup)?;
            self.cache.record(&path, &key, &e);
            self.written.push(path.clone());
            self.entries.insert(path, e);
        }
        self.stages.write += t.elapsed();
        Ok(())
    }

    /// Step 10: the exports the selected kinds feed, each rewritten only
    /// when its content changed.
    fn exports(&mut self, exports: Vec<ExportBytes>) -> Result<(), BuildError> {
        let t = Instant::now();
        for (export, path, bytes) in exports {
            let bytes = bytes.map_err(BuildError::Setup)?;
            let e = write::write_if_changed(
                &self.opts.out,
                &path,
                export.code,
                &bytes,
                &mut self.written,
            )
            .map_err(BuildError::Setup)?;
            self.cache.note(&e.path, &e);
            self.entries.insert(e.path.clone(), e);
        }
        self.stages.write += t.elapsed();
        Ok(())
    }

    /// Step 11: on a full run (no `--only`, no `--commune`), the outputs of
    /// earlier runs that this run did not make are marked for removal (those
    /// of the period folder are left out of the new one at the publish).
    fn prune(&mut self) {
        if !self.opts.only.is_empty() || !self.sel.communes.is_empty() {
            return;
        }
        let prefix = format!("{}/", self.period);
        for p in self.cache.stale(&self.entries) {
            self.cache.files.remove(&p);
            if !self.opts.out.join(&p).exists() {
                continue;
            }
            if p.starts_with(&prefix) {
                self.removed.push(p);
            } else {
                self.removed_elsewhere.push(p);
            }
        }
    }

    /// Step 12: `<period>/manifest.json` (this run's outputs and those of
    /// earlier runs still there), staged when it changed.
    fn manifest(&mut self) -> Result<(), BuildError> {
        let t = Instant::now();
        write::update_manifest(
            &self.opts.out,
            &self.period,
            std::mem::take(&mut self.entries).into_values().collect(),
            &self.removed,
            &mut self.written,
        )
        .map_err(BuildError::Setup)?;
        self.stages.write += t.elapsed();
        Ok(())
    }

    /// Step 13: when anything changed, the staged period folder (completed
    /// with hard links to the files kept) replaces `OUT/<period>` in one
    /// step; outputs of other periods marked for removal go; then the
    /// cache is written and the staging folder removed.
    fn publish(&mut self) -> Result<(), BuildError> {
        let t = Instant::now();
        let out = &self.opts.out;
        if !self.written.is_empty() || !self.removed.is_empty() {
            write::link_kept(out, &self.period, &self.removed).map_err(BuildError::Setup)?;
            write::publish(out, &self.period).map_err(BuildError::Setup)?;
        }
        write::remove_elsewhere(out, &self.removed_elsewhere);
        self.removed.append(&mut self.removed_elsewhere);
        self.cache.save(out).map_err(BuildError::Setup)?;
        staging::remove_run_dir(out);
        self.stages.write += t.elapsed();
        Ok(())
    }

    /// What the build did, for the command line.
    fn report(
        mut self,
        documents: usize,
        typeset: usize,
        notices: Vec<crate::diag::Notice>,
    ) -> Report {
        self.written.sort();
        Report {
            documents,
            typeset,
            written: self.written,
            removed: self.removed,
            elapsed: self.start.elapsed(),
            dir: self.opts.out.join(&self.period),
            stages: self.stages,
            times_new_roman: self.times_new_roman,
            notices,
        }
    }
}
