//! The batch runner: load → compute → plan → render + typeset (worker
//! threads pulling from a shared queue) → stage files → rename all → exports.
//!
//! Typst uses rayon inside a compilation, so documents are never typeset on
//! rayon tasks (typst-engine-notes.md, pitfall 1): a fixed set of OS threads
//! pulls the next job from an atomic counter. Loading and computing use rayon.

mod exports;
mod write;

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use chrono::Datelike;

use crate::diag::Diagnostics;
use crate::docs::{self, Job, Kind, Selection};
use crate::input::{self, Dataset};
use crate::model::Model;
use crate::render::Templates;
use crate::typeset::{Engine, FontSet};
pub use write::{ManifestEntry, sha256_hex};

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
    pub documents: usize,
    pub elapsed: Duration,
    /// The period folder the documents went to.
    pub dir: PathBuf,
    pub stages: Stages,
    pub times_new_roman: bool,
}

#[derive(Debug)]
pub enum BuildError {
    /// Wrong options (exit 2).
    Usage(String),
    /// Problems in the data (exit 1).
    Input(Diagnostics),
    /// Fonts, templates or the output folder (exit 1).
    Setup(String),
    /// Documents that failed, with the reason (exit 1).
    Documents(Vec<(PathBuf, String)>),
}

/// Progress callback: (documents done, documents in total).
pub type Progress<'a> = &'a (dyn Fn(usize, usize) + Sync);

fn selection(opts: &BuildOptions) -> Result<Selection, BuildError> {
    let mut kinds = Vec::new();
    for code in opts.only.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        match Kind::from_code(code) {
            Some(k) => kinds.push(k),
            None => {
                let known: Vec<&str> = Kind::ALL.iter().map(|k| k.code()).collect();
                return Err(BuildError::Usage(format!(
                    "loại văn bản \"{code}\" không có; các loại: {}",
                    known.join(", ")
                )));
            }
        }
    }
    let communes = opts
        .communes
        .iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    Ok(Selection { kinds, communes })
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

/// Build the documents of `opts`.
pub fn build(opts: &BuildOptions, progress: Option<Progress>) -> Result<Report, BuildError> {
    let start = Instant::now();
    let sel = selection(opts)?;
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
    let engine = Engine::new(fonts, templates.modules());
    let date = {
        let d = ds.config.issued_on;
        (d.year(), d.month() as u8, d.day() as u8)
    };

    let period_dir = opts.out.join(ds.config.period.code());
    let threads = opts
        .jobs
        .unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(2)
        })
        .max(1);
    let staged = typeset_all(
        &jobs,
        &templates,
        &engine,
        date,
        &opts.out,
        threads,
        progress,
        &mut stages,
    )?;

    let t = Instant::now();
    let mut entries = write::commit(&opts.out, staged).map_err(BuildError::Setup)?;
    if sel.kinds.is_empty()
        || sel.kinds.contains(&Kind::PhieuDanhGia)
        || sel.kinds.contains(&Kind::DanhSachXepLoai)
    {
        let csv = exports::ratings_csv(&model);
        entries.push(
            write::write_file(
                &opts.out,
                &PathBuf::from(ds.config.period.code()).join("ket-qua-xep-loai.csv"),
                "ket-qua-xep-loai-csv",
                &csv,
            )
            .map_err(BuildError::Setup)?,
        );
    }
    write::update_manifest(&period_dir, &opts.out, entries).map_err(BuildError::Setup)?;
    stages.write += t.elapsed();

    Ok(Report {
        documents: jobs.len(),
        elapsed: start.elapsed(),
        dir: period_dir,
        stages,
        times_new_roman,
    })
}

/// Render and typeset every job on `threads` workers; each PDF is written to
/// a temporary file beside its final place. On any failure every temporary
/// file is removed and the failures are returned.
#[allow(clippy::too_many_arguments)]
fn typeset_all(
    jobs: &[Job],
    templates: &Templates,
    engine: &Engine,
    date: (i32, u8, u8),
    out: &Path,
    threads: usize,
    progress: Option<Progress>,
    stages: &mut Stages,
) -> Result<Vec<write::Staged>, BuildError> {
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let render_ns = AtomicU64::new(0);
    let typeset_ns = AtomicU64::new(0);
    let write_ns = AtomicU64::new(0);
    let staged = Mutex::new(Vec::with_capacity(jobs.len()));
    let failures = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..threads.min(jobs.len().max(1)) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(job) = jobs.get(i) else { break };
                    let t = Instant::now();
                    let source = templates.render(&job.kind.template(), &job.vm);
                    render_ns.fetch_add(t.elapsed().as_nanos() as u64, Ordering::Relaxed);
                    let result = source.map_err(|e| e.to_string()).and_then(|src| {
                        let t = Instant::now();
                        let pdf = engine
                            .pdf(&src, date)
                            .map_err(|e| format!("lỗi dàn trang: {e}"));
                        typeset_ns.fetch_add(t.elapsed().as_nanos() as u64, Ordering::Relaxed);
                        let t = Instant::now();
                        let r = pdf.and_then(|bytes| write::stage(out, job, &bytes));
                        write_ns.fetch_add(t.elapsed().as_nanos() as u64, Ordering::Relaxed);
                        r
                    });
                    match result {
                        Ok(s) => staged.lock().expect("lock").push(s),
                        Err(e) => failures.lock().expect("lock").push((job.path.clone(), e)),
                    }
                    let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                    if let Some(p) = progress {
                        p(n, jobs.len());
                    }
                }
            });
        }
    });
    stages.render += Duration::from_nanos(render_ns.into_inner());
    stages.typeset += Duration::from_nanos(typeset_ns.into_inner());
    stages.write += Duration::from_nanos(write_ns.into_inner());
    let staged = staged.into_inner().expect("lock");
    let mut failures = failures.into_inner().expect("lock");
    if failures.is_empty() {
        Ok(staged)
    } else {
        write::discard(staged);
        failures.sort();
        Err(BuildError::Documents(failures))
    }
}

/// A short summary for `baocao check`.
pub fn summary(ds: &Dataset) -> String {
    use std::collections::BTreeMap;
    use std::fmt::Write;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Dữ liệu hợp lệ: {} xã/phường, {} vị trí việc làm, {} cán bộ, {} phiếu đánh giá, {} khoá học, {} lượt đào tạo, {} nhiệm vụ, {} sáng kiến, {} phiếu khảo sát.",
        ds.communes.len(),
        ds.positions.len(),
        ds.officials.len(),
        ds.evaluations.len(),
        ds.courses.len(),
        ds.trainings.len(),
        ds.tasks.len(),
        ds.initiatives.len(),
        ds.surveys.len()
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
