//! Whole-province benchmark: `cargo bench --bench province` (`just bench`).
//!
//! Generates a synthetic province with [`baocao::sample`] (3,555 officials in
//! 56 communes by default), runs the release binary on it with the hidden
//! `--stats` flag, and prints the measurements beside the targets of the
//! issue: whole province from scratch, per-stage times, peak memory,
//! incremental re-runs, evaluation sheets end to end, twice the officials,
//! and the peer: Python with typst-py (`pip install typst==0.15.0`), one
//! `typst.Compiler` per process (fonts loaded once), two processes,
//! compiling the sources `build --emit-typst` writes, one PDF/A-2b per
//! sheet — when `python3 -c "import typst"` works.
//!
//! The sheets and the peer are timed in alternate rounds (`--rounds`, 3 by
//! default), each round our sheets then the peer's, and the ratio is the
//! median of the rounds' ratios: this machine's speed drifts from one
//! minute to the next (by up to 2.5× for one core, stop 22). The CPU time the host took from the machine
//! (steal, `/proc/stat`) is shown beside the runs it slowed.
//!
//! Options (after `--`): `--officials N --communes M --seed S --only KINDS
//! --rounds R --no-double --no-peer`. [`run`] and [`report`] are also used by the
//! smoke test in `tests/test/sample.rs` on a tiny province.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use baocao::sample;

/// The kinds built when the whole set fails (documents still in progress).
pub const FALLBACK_KINDS: &str = "phieu-danh-gia,danh-sach-xep-loai,ho-so";

pub struct Config {
    /// The `baocao` binary to measure.
    pub bin: PathBuf,
    /// The fonts folder given to the `typst` CLI.
    pub fonts: PathBuf,
    pub officials: usize,
    pub communes: usize,
    pub seed: u64,
    /// `--only` for every build; None = every kind.
    pub only: Option<String>,
    /// On a failed whole-province build, retry with [`FALLBACK_KINDS`].
    pub fallback: bool,
    /// Also measure twice the officials in twice the communes.
    pub double: bool,
    /// Also time the typst-py peer when Python has it.
    pub peer: bool,
    /// Rounds of the sheets (and the peer), alternated.
    pub rounds: usize,
    /// Print each step as it starts.
    pub verbose: bool,
}

/// One `baocao build --stats` run: the JSON line plus the wall time seen
/// from outside (process start to exit).
#[derive(Debug, Clone, Default)]
pub struct Stats {
    pub documents: usize,
    pub typeset: usize,
    pub written: usize,
    pub wall_ms: f64,
    pub load_ms: f64,
    pub compute_ms: f64,
    pub render_ms: f64,
    pub typeset_ms: f64,
    /// The part of typeset_ms spent on one-page forms.
    pub typeset_forms_ms: f64,
    pub write_ms: f64,
    /// CPU time of the process, all threads.
    pub cpu_ms: f64,
    pub peak_bytes: u64,
    pub process: Duration,
    /// CPU time the host took from the machine during the run (all CPUs).
    pub steal: Duration,
}

impl Stats {
    fn secs(&self) -> f64 {
        self.process.as_secs_f64()
    }

    /// CPU over wall time of the build (its own clock).
    pub fn cpu_per_wall(&self) -> f64 {
        self.cpu_ms / self.wall_ms.max(1.0)
    }

    /// The share of typesetting time spent on documents other than forms.
    pub fn non_form_share(&self) -> f64 {
        1.0 - self.typeset_forms_ms / self.typeset_ms.max(1e-9)
    }

    /// Documents per second, seen from outside.
    pub fn rate(&self) -> f64 {
        self.documents as f64 / self.secs()
    }
}

/// The CPU time the host has taken from this machine so far (the steal
/// column of `/proc/stat`, in clock ticks of 1/100 s); zero where there is
/// none.
fn stolen() -> Duration {
    std::fs::read_to_string("/proc/stat")
        .ok()
        .and_then(|s| {
            let cpu = s.lines().next()?;
            let ticks: u64 = cpu.split_whitespace().nth(8)?.parse().ok()?;
            Some(Duration::from_millis(ticks * 10))
        })
        .unwrap_or_default()
}

/// The median of `xs` (the mean of the middle two for an even count).
fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    match xs.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => xs[n / 2],
        n => (xs[n / 2 - 1] + xs[n / 2]) / 2.0,
    }
}

/// The peer over the evaluation sheets.
#[derive(Debug, Clone)]
pub struct PeerRun {
    pub documents: usize,
    pub failures: usize,
    pub elapsed: Duration,
    pub first_failure: Option<String>,
    pub steal: Duration,
}

impl PeerRun {
    fn rate(&self) -> f64 {
        self.documents as f64 / self.elapsed.as_secs_f64()
    }
}

#[derive(Debug, Clone)]
pub struct Results {
    pub generate: Duration,
    /// `baocao check` of the province written as one workbook
    /// (`sample --xlsx`): reading, decoding and validating it.
    pub workbook_check: Duration,
    pub officials: usize,
    pub communes: usize,
    pub kinds: Kinds,
    pub full: Stats,
    pub unchanged: Stats,
    pub one_changed: Stats,
    /// Which official was changed (file, old name → new name).
    pub changed: String,
    /// The sheets alone (`--force` over the built province), one per round.
    pub sheets: Vec<Stats>,
    pub double: Option<Stats>,
    /// One per round, each run right after the round's sheets. None: not
    /// asked; Some(Err): why it did not run.
    pub peer: Option<Result<Vec<PeerRun>, String>>,
}

/// The kinds the builds made.
#[derive(Debug, Clone)]
pub enum Kinds {
    All,
    Only(String),
    /// The build of every kind failed (`reason`); these were built instead.
    Fallback {
        kinds: String,
        reason: String,
    },
}

impl Kinds {
    fn only(&self) -> Option<&str> {
        match self {
            Kinds::All => None,
            Kinds::Only(k) | Kinds::Fallback { kinds: k, .. } => Some(k),
        }
    }
}

fn step(cfg: &Config, what: &str) {
    if cfg.verbose {
        eprintln!("… {what}");
    }
}

/// Run `baocao build INPUTS -o OUT --stats [extra]` and read its stats line.
pub fn build(
    bin: &Path,
    inputs: &Path,
    out: &Path,
    only: Option<&str>,
    extra: &[&str],
) -> Result<Stats, String> {
    let mut cmd = Command::new(bin);
    cmd.arg("build")
        .arg(inputs)
        .arg("-o")
        .arg(out)
        .arg("--stats");
    if let Some(k) = only {
        cmd.arg("--only").arg(k);
    }
    cmd.args(extra);
    let (t, steal) = (Instant::now(), stolen());
    let output = cmd
        .output()
        .map_err(|e| format!("{}: {e}", bin.display()))?;
    let process = t.elapsed();
    let steal = stolen().saturating_sub(steal);
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        let head: Vec<&str> = stderr.lines().take(12).collect();
        return Err(format!(
            "baocao build failed ({}):\n{}",
            output.status,
            head.join("\n")
        ));
    }
    let line = stderr
        .lines()
        .rev()
        .find(|l| l.starts_with('{'))
        .ok_or_else(|| format!("no --stats line in:\n{stderr}"))?;
    let v: serde_json::Value =
        serde_json::from_str(line).map_err(|e| format!("--stats line: {e}: {line}"))?;
    let f = |k: &str| v[k].as_f64().unwrap_or(0.0);
    Ok(Stats {
        documents: f("documents") as usize,
        typeset: f("typeset") as usize,
        written: f("written") as usize,
        wall_ms: f("wall_ms"),
        load_ms: f("load_ms"),
        compute_ms: f("compute_ms"),
        render_ms: f("render_ms"),
        typeset_ms: f("typeset_ms"),
        typeset_forms_ms: f("typeset_forms_ms"),
        write_ms: f("write_ms"),
        cpu_ms: f("cpu_ms"),
        peak_bytes: v["peak_bytes"].as_u64().unwrap_or(0),
        process,
        steal,
    })
}

/// Change one official's name (the last one of the first officials file):
/// a realistic one-record correction.
pub fn change_one_name(inputs: &Path) -> Result<String, String> {
    let dir = inputs.join("officials");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    let path = files.first().ok_or("no officials file")?;
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let key = "\n    name: ";
    let start = text.rfind(key).ok_or("no name in the officials file")? + key.len();
    let end = start + text[start..].find('\n').unwrap_or(text.len() - start);
    let old = text[start..end].to_string();
    let (rest, last) = old.rsplit_once(' ').unwrap_or(("", &old));
    let new = format!("{rest} {}", if last == "Bình" { "An" } else { "Bình" });
    let changed = format!("{}{}{}", &text[..start], new.trim(), &text[end..]);
    std::fs::write(path, changed).map_err(|e| e.to_string())?;
    Ok(format!(
        "{}: {old} → {}",
        path.file_name().unwrap_or_default().to_string_lossy(),
        new.trim()
    ))
}

fn generate(dir: &Path, officials: usize, communes: usize, seed: u64) -> Result<Duration, String> {
    let t = Instant::now();
    let opts = sample::Options {
        officials,
        communes,
        seed,
    };
    sample::write(dir, &opts, true).map_err(|e| e.to_string())?;
    Ok(t.elapsed())
}

/// The peer's worker: one `typst.Compiler` (fonts loaded once), the
/// sources listed in a file, one PDF/A-2b each.
const PEER: &str = r#"
import sys, typst
root, fonts, listing = sys.argv[1:4]
compiler = typst.Compiler(root=root, font_paths=[fonts], ignore_system_fonts=True)
failures = 0
for src in open(listing, encoding="utf-8").read().splitlines():
    try:
        compiler.compile(input=src, output=src[:-4] + ".pdf", pdf_standards=["a-2b"])
    except Exception as e:
        failures += 1
        if failures == 1:
            print(f"{src}: {e}", file=sys.stderr)
print(failures)
"#;

/// Whether Python has typst-py.
fn peer_version() -> Option<String> {
    let out = Command::new("python3")
        .args(["-c", "import typst; print(typst.__version__)"])
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// The evaluation sheet sources `--emit-typst` wrote under `root`.
fn sheet_sources(root: &Path) -> Vec<PathBuf> {
    let mut sources: Vec<PathBuf> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| {
            p.extension().is_some_and(|x| x == "typ")
                && p.parent()
                    .and_then(|d| d.file_name())
                    .is_some_and(|n| n == "phieu-danh-gia")
        })
        .collect();
    sources.sort();
    sources
}

/// The peer over every sheet source under `root`: two Python processes,
/// each compiling every other source; timed from start to both exits.
fn peer(root: &Path, fonts: &Path) -> Result<PeerRun, String> {
    let sources = sheet_sources(root);
    if sources.is_empty() {
        return Err("--emit-typst wrote no evaluation sheet sources".into());
    }
    let script = root.join("peer.py");
    std::fs::write(&script, PEER).map_err(|e| e.to_string())?;
    let mut listings = Vec::new();
    for k in 0..2 {
        let list: Vec<String> = sources
            .iter()
            .skip(k)
            .step_by(2)
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        let path = root.join(format!("peer-{k}.txt"));
        std::fs::write(&path, list.join("\n")).map_err(|e| e.to_string())?;
        listings.push(path);
    }
    let (t, steal) = (Instant::now(), stolen());
    let children: Vec<_> = listings
        .iter()
        .map(|l| {
            Command::new("python3")
                .arg(&script)
                .arg(root)
                .arg(fonts)
                .arg(l)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .map_err(|e| format!("python3: {e}"))
        })
        .collect::<Result<_, _>>()?;
    let mut failures = 0;
    let mut first_failure = None;
    for c in children {
        let out = c.wait_with_output().map_err(|e| e.to_string())?;
        let stderr = String::from_utf8_lossy(&out.stderr).trim().to_string();
        match String::from_utf8_lossy(&out.stdout).trim().parse::<usize>() {
            Ok(n) if out.status.success() => failures += n,
            _ => failures += sources.len() / 2,
        }
        if !stderr.is_empty() {
            first_failure.get_or_insert(stderr);
        }
    }
    Ok(PeerRun {
        documents: sources.len(),
        failures,
        elapsed: t.elapsed(),
        first_failure,
        steal: stolen().saturating_sub(steal),
    })
}

/// Remove the PDFs the peer wrote under `root`.
fn remove_pdfs(root: &Path) {
    for e in walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
    {
        if e.path().extension().is_some_and(|x| x == "pdf") {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// `baocao sample --xlsx` into `dir`, then the time of `baocao check dir`.
fn check_workbook(cfg: &Config, dir: &Path) -> Result<Duration, String> {
    let run = |args: &[&str]| {
        let t = Instant::now();
        let out = Command::new(&cfg.bin)
            .args(args)
            .output()
            .map_err(|e| format!("{}: {e}", cfg.bin.display()))?;
        if !out.status.success() {
            return Err(format!(
                "baocao {}: {}",
                args.join(" "),
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        Ok(t.elapsed())
    };
    let d = dir.to_string_lossy().into_owned();
    let (officials, communes, seed) = (
        cfg.officials.to_string(),
        cfg.communes.to_string(),
        cfg.seed.to_string(),
    );
    run(&[
        "sample",
        &d,
        "--xlsx",
        "--officials",
        &officials,
        "--communes",
        &communes,
        "--seed",
        &seed,
    ])?;
    run(&["check", &d])
}

/// Every measurement, in order.
pub fn run(cfg: &Config) -> Result<Results, String> {
    let tmp = tempfile::tempdir().map_err(|e| e.to_string())?;
    let inputs = tmp.path().join("inputs");
    let out = tmp.path().join("out");

    step(cfg, "generating the province");
    let generate_time = generate(&inputs, cfg.officials, cfg.communes, cfg.seed)?;

    step(cfg, "the province as one workbook: baocao check");
    let workbook_check = check_workbook(cfg, &tmp.path().join("inputs-xlsx"))?;

    step(cfg, "whole province from scratch");
    let mut kinds = match &cfg.only {
        Some(k) => Kinds::Only(k.clone()),
        None => Kinds::All,
    };
    let full = match build(&cfg.bin, &inputs, &out, kinds.only(), &[]) {
        Ok(s) => s,
        Err(e) if cfg.fallback && cfg.only.is_none() => {
            eprintln!("{e}\n→ retrying with --only {FALLBACK_KINDS}");
            kinds = Kinds::Fallback {
                kinds: FALLBACK_KINDS.to_string(),
                reason: e,
            };
            let _ = std::fs::remove_dir_all(&out);
            build(&cfg.bin, &inputs, &out, kinds.only(), &[])?
        }
        Err(e) => return Err(e),
    };

    step(cfg, "re-run, nothing changed");
    let unchanged = build(&cfg.bin, &inputs, &out, kinds.only(), &[])?;

    step(cfg, "re-run, one official changed");
    let changed = change_one_name(&inputs)?;
    let one_changed = build(&cfg.bin, &inputs, &out, kinds.only(), &[])?;

    // The peer compiles the sheets' sources that --emit-typst writes.
    let typ = tmp.path().join("typ");
    let peer_ready = cfg.peer.then(|| match peer_version() {
        None => Err("no typst-py (pip install typst==0.15.0)".to_string()),
        Some(_) => {
            step(cfg, "the sheets' Typst sources for the peer (--emit-typst)");
            let typ_arg = typ.to_string_lossy().into_owned();
            build(
                &cfg.bin,
                &inputs,
                &tmp.path().join("out-typ"),
                Some("phieu-danh-gia"),
                &["--force", "--emit-typst", &typ_arg],
            )
            .map(|_| ())
        }
    });
    let (mut sheets, mut peer_runs, mut peer_failed) = (Vec::new(), Vec::new(), None);
    for round in 1..=cfg.rounds.max(1) {
        step(
            cfg,
            &format!("round {round}: evaluation sheets end to end (--only phieu-danh-gia --force)"),
        );
        sheets.push(build(
            &cfg.bin,
            &inputs,
            &out,
            Some("phieu-danh-gia"),
            &["--force"],
        )?);
        if let (Some(Ok(())), None) = (&peer_ready, &peer_failed) {
            step(
                cfg,
                &format!("round {round}: peer: typst-py, one Compiler per process, two processes"),
            );
            // Each round writes new files, as ours does.
            remove_pdfs(&typ);
            match peer(&typ, &cfg.fonts) {
                Ok(p) => peer_runs.push(p),
                Err(e) => peer_failed = Some(e),
            }
        }
    }
    let peer = peer_ready.map(|ready| {
        ready.and(match peer_failed {
            Some(e) => Err(e),
            None => Ok(peer_runs),
        })
    });

    let double = if cfg.double {
        step(cfg, "twice the officials in twice the communes");
        let inputs2 = tmp.path().join("inputs-2x");
        let out2 = tmp.path().join("out-2x");
        generate(&inputs2, 2 * cfg.officials, 2 * cfg.communes, cfg.seed)?;
        let s = build(&cfg.bin, &inputs2, &out2, kinds.only(), &[])?;
        let _ = std::fs::remove_dir_all(&out2);
        Some(s)
    } else {
        None
    };

    Ok(Results {
        generate: generate_time,
        workbook_check,
        officials: cfg.officials,
        communes: cfg.communes,
        kinds,
        full,
        unchanged,
        one_changed,
        changed,
        sheets,
        double,
        peer,
    })
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn verdict(ok: bool) -> &'static str {
    if ok { "ok" } else { "MISSED" }
}

/// The rows of [`report`]: what, the result, the target and its verdict.
struct Table(String);

impl Table {
    fn row(&mut self, what: &str, result: String, target: &str, status: &str) {
        use std::fmt::Write;
        let _ = writeln!(self.0, "{what:<44} {result:<38} {target:<16} {status}");
    }

    /// A run whose target is at most `max` seconds (and `ok`); `more`
    /// follows the time in the result.
    fn timed(&mut self, what: &str, secs: f64, more: &str, max: f64, ok: bool) {
        let status = verdict(ok && secs <= max);
        self.row(
            what,
            format!("{secs:.2} s{more}"),
            &format!("≤ {max} s"),
            status,
        );
    }
}

/// The table of measurements and targets.
pub fn report(r: &Results) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let cpus = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    let _ = writeln!(
        s,
        "\nbaocao whole-province benchmark: {} officials in {} communes, {} CPUs",
        r.officials, r.communes, cpus
    );
    let _ = match &r.kinds {
        Kinds::Fallback { kinds, .. } => writeln!(
            s,
            "NOTE: the build of every kind failed; FALLBACK to --only {kinds} (see the error above)"
        ),
        Kinds::Only(k) => writeln!(s, "kinds: --only {k}"),
        Kinds::All => writeln!(s, "kinds: every document kind"),
    };
    let mut t = Table(s);
    t.row("measurement", "result".into(), "target", "");
    let secs = |d: Duration| d.as_secs_f64();
    t.timed(
        "generate the province (baocao::sample)",
        secs(r.generate),
        "",
        1.0,
        true,
    );
    t.timed(
        "the province as one workbook: check",
        secs(r.workbook_check),
        "",
        1.0,
        true,
    );
    let f = &r.full;
    let documents = format!(", {} documents", f.documents);
    t.timed(
        "whole province from scratch",
        f.secs(),
        &documents,
        15.0,
        true,
    );
    t.row(
        "  documents per second",
        format!("{:.0}/s", f.documents as f64 / f.secs()),
        "",
        "",
    );
    t.row(
        "  load, compute (wall)",
        format!("{:.2} s, {:.2} s", f.load_ms / 1e3, f.compute_ms / 1e3),
        "",
        "",
    );
    t.row(
        "  render, typeset, write (sum of threads)",
        format!(
            "{:.2} s, {:.2} s, {:.2} s",
            f.render_ms / 1e3,
            f.typeset_ms / 1e3,
            f.write_ms / 1e3
        ),
        "",
        "",
    );
    t.row(
        "  CPU / wall",
        format!("{:.2}", f.cpu_per_wall()),
        "≥ 1.85 (2 CPUs)",
        verdict(f.cpu_per_wall() >= 1.85 || cpus < 2),
    );
    t.row(
        "  CPU time the host took (steal)",
        format!(
            "{:.1} s, {:.0}% of the CPUs' time",
            f.steal.as_secs_f64(),
            100.0 * f.steal.as_secs_f64() / (cpus as f64 * f.secs())
        ),
        "",
        "",
    );
    t.row(
        "  documents other than forms: typesetting",
        format!(
            "{:.0}% of {:.2} s",
            f.non_form_share() * 100.0,
            f.typeset_ms / 1e3
        ),
        "≤ 25%",
        verdict(f.non_form_share() <= 0.25),
    );
    t.row(
        "  peak memory (VmHWM)",
        format!("{:.0} MB", mb(f.peak_bytes)),
        "≤ 300 MB",
        verdict(mb(f.peak_bytes) <= 300.0),
    );
    let rates = |xs: &[f64]| {
        let list: Vec<String> = xs.iter().map(|x| format!("{x:.0}")).collect();
        format!(
            "{:.0}/s (median of {}/s)",
            median(xs.to_vec()),
            list.join(", ")
        )
    };
    let sheet_rates: Vec<f64> = r.sheets.iter().map(Stats::rate).collect();
    let sheet_rate = median(sheet_rates.clone());
    t.row(
        "evaluation sheets end to end (--force)",
        rates(&sheet_rates),
        "≥ 350/s",
        verdict(sheet_rate >= 350.0),
    );
    t.row(
        "  sheets per run, peak memory",
        format!(
            "{}, {:.0} MB",
            r.sheets.first().map_or(0, |s| s.documents),
            mb(r.sheets.iter().map(|s| s.peak_bytes).max().unwrap_or(0))
        ),
        "",
        "",
    );
    let (u, o) = (&r.unchanged, &r.one_changed);
    let typeset = |s: &Stats| format!(" ({} typeset)", s.typeset);
    t.timed(
        "re-run, nothing changed",
        u.secs(),
        &typeset(u),
        1.0,
        u.typeset == 0,
    );
    t.timed(
        "re-run, one official changed",
        o.secs(),
        &typeset(o),
        2.0,
        true,
    );
    match &r.double {
        Some(d) => {
            let ratio = d.peak_bytes as f64 / f.peak_bytes.max(1) as f64;
            t.row(
                &format!("2× ({} officials): peak memory", 2 * r.officials),
                format!(
                    "{:.0} MB ({:+.1}%)",
                    mb(d.peak_bytes),
                    (ratio - 1.0) * 100.0
                ),
                "±15%, ≤ 300 MB",
                verdict((ratio - 1.0).abs() <= 0.15 && mb(d.peak_bytes) <= 300.0),
            );
            t.row(
                "  2× from scratch",
                format!("{:.2} s, {} documents", d.secs(), d.documents),
                "",
                "",
            );
        }
        None => t.row("2× officials", "not run".into(), "", ""),
    }
    match &r.peer {
        Some(Ok(runs)) => {
            let peer_rates: Vec<f64> = runs.iter().map(PeerRun::rate).collect();
            t.row(
                "peer: typst-py, 2 processes, PDF/A-2b",
                rates(&peer_rates),
                "",
                "",
            );
            let ratios: Vec<f64> = sheet_rates
                .iter()
                .zip(&peer_rates)
                .map(|(a, b)| a / b)
                .collect();
            let failures: usize = runs.iter().map(|c| c.failures).sum();
            let ratio = median(ratios.clone());
            let list: Vec<String> = ratios.iter().map(|x| format!("{x:.2}")).collect();
            t.row(
                "  baocao sheets / peer, by round",
                format!("{ratio:.2}× (median of {}×)", list.join(", ")),
                "≥ 1.5×",
                verdict(ratio >= 1.5 && failures == 0),
            );
            for (k, (s, c)) in r.sheets.iter().zip(runs).enumerate() {
                t.row(
                    &format!("  round {}: baocao, peer", k + 1),
                    format!(
                        "{:.2} s, {:.2} s (host took {:.1} s, {:.1} s)",
                        s.secs(),
                        c.elapsed.as_secs_f64(),
                        s.steal.as_secs_f64(),
                        c.steal.as_secs_f64()
                    ),
                    "",
                    "",
                );
            }
            if let Some(why) = runs.iter().find_map(|c| c.first_failure.as_ref()) {
                let _ = writeln!(t.0, "  {failures} peer failures; first: {why}");
            }
        }
        Some(Err(why)) => t.row(
            "peer (typst-py)",
            format!("skipped: {why}"),
            "≥ 1.5×",
            "n/a",
        ),
        None => t.row("peer (typst-py)", "not run".into(), "", ""),
    }
    let _ = writeln!(t.0, "changed for the one-official re-run: {}", r.changed);
    t.0
}

#[allow(dead_code)]
fn main() {
    let mut cfg = Config {
        bin: PathBuf::from(env!("CARGO_BIN_EXE_baocao")),
        fonts: Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts"),
        officials: 3555,
        communes: 56,
        seed: 1,
        only: None,
        fallback: true,
        double: true,
        peer: true,
        rounds: 3,
        verbose: true,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = |name: &str| {
            args.next().unwrap_or_else(|| {
                eprintln!("{name} needs a value");
                std::process::exit(2)
            })
        };
        let number = |v: String| {
            v.parse::<usize>().unwrap_or_else(|_| {
                eprintln!("not a number: {v}");
                std::process::exit(2)
            })
        };
        match a.as_str() {
            "--officials" => cfg.officials = number(value("--officials")),
            "--communes" => cfg.communes = number(value("--communes")),
            "--seed" => cfg.seed = number(value("--seed")) as u64,
            "--only" => cfg.only = Some(value("--only")),
            "--no-double" => cfg.double = false,
            "--no-peer" => cfg.peer = false,
            "--rounds" => cfg.rounds = number(value("--rounds")),
            // cargo bench passes --bench to every bench binary.
            "--bench" => {}
            _ => {
                eprintln!(
                    "usage: cargo bench --bench province -- [--officials N] [--communes M] [--seed S] [--only KINDS] [--rounds R] [--no-double] [--no-peer]"
                );
                std::process::exit(2);
            }
        }
    }
    eprintln!("binary: {}", cfg.bin.display());
    match run(&cfg) {
        Ok(r) => print!("{}", report(&r)),
        Err(e) => {
            eprintln!("benchmark failed: {e}");
            std::process::exit(1);
        }
    }
}
