//! Developer aids: `baocao dev-render` and the peak memory that `--stats`
//! reports.

use std::path::Path;
use std::time::Instant;

use crate::render::Templates;
use crate::typeset::{Engine, FontSet};

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

/// CPU time of the process so far, all threads, user and system
/// (`/proc/self/stat`, in clock ticks of 1/100 s, Linux's USER_HZ).
pub fn cpu_time() -> Option<std::time::Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may hold spaces) in parentheses.
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?;
    Some(std::time::Duration::from_millis(ticks * 10))
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
