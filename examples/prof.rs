//! Profiling aid:
//! `cargo run --release --example prof -- DIR [TEMPLATES] [N] [THREADS] [BATCH]`
//! compiles the first N generated `.typ` files under DIR (from
//! `baocao build --emit-typst DIR`) with the template library read from
//! TEMPLATES. On one thread without BATCH it prints the mean compile and
//! export times; with THREADS > 1 the documents per second; with BATCH the
//! documents per second typeset BATCH at a time (as the runner does with
//! evaluation sheets).

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use baocao::render::Templates;
use baocao::typeset::{BatchPdf, Engine, FontSet, on_own_pool};

// The allocator of the baocao binary.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = PathBuf::from(args.first().expect("DIR"));
    let templates = PathBuf::from(args.get(1).map_or("report-templates", |s| s));
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(300);
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| e.ok())
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|x| x == "typ") && !p.starts_with(dir.join("lib")))
        .collect();
    files.truncate(n);
    let lib = Templates::load(Some(&templates)).expect("templates");
    let engine = Engine::new(FontSet::load(None).expect("fonts"), lib.modules());
    let threads: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(1);
    let sources: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(f).expect("read"))
        .collect();
    let batch: usize = args.get(4).and_then(|s| s.parse().ok()).unwrap_or(0);
    let per_second = |what: String, el: f64| {
        println!(
            "{} docs{what} on {threads} threads: {:.1} docs/s, {:.2} ms per doc per thread",
            sources.len(),
            sources.len() as f64 / el,
            el * 1000.0 * threads as f64 / sources.len() as f64
        );
    };
    if batch > 0 {
        let chunks: Vec<&[String]> = sources.chunks(batch).collect();
        let bytes = AtomicUsize::new(0);
        let overflowed = AtomicUsize::new(0);
        let el = parallel(threads, chunks.len(), |i| {
            let chunk = chunks[i];
            let titles = vec![Some("Phiếu"); chunk.len()];
            match engine.pdf_batch(chunk, &titles, (2026, 7, 5), false) {
                Ok(b) => {
                    for (k, p) in b.pdfs.iter().enumerate() {
                        match p {
                            BatchPdf::Pdf(p) => {
                                bytes.fetch_add(p.len(), Ordering::Relaxed);
                                if let Ok(dir) = std::env::var("OUT") {
                                    let _ = std::fs::write(format!("{dir}/{i:03}-{k:02}.pdf"), p);
                                }
                            }
                            BatchPdf::Overflow => {
                                overflowed.fetch_add(1, Ordering::Relaxed);
                            }
                        }
                    }
                }
                Err(e) => eprintln!("batch {i}: {e}"),
            }
        });
        per_second(format!(" in batches of {batch}"), el);
        println!(
            "{} KB per PDF, {} overflowed",
            bytes.into_inner() / sources.len().max(1) / 1024,
            overflowed.into_inner()
        );
        return;
    }
    if threads > 1 {
        let el = parallel(threads, sources.len(), |i| {
            let _ = engine.profile(&sources[i]);
        });
        per_second(String::new(), el);
        return;
    }
    let (mut c, mut e, mut multi) = (Duration::ZERO, Duration::ZERO, 0);
    for (i, (f, src)) in files.iter().zip(&sources).enumerate() {
        match engine.profile(src) {
            Ok((dc, de, pages)) => {
                if i > 0 {
                    c += dc;
                    e += de;
                }
                if pages > 1 {
                    multi += 1;
                }
            }
            Err(err) if i < 3 => eprintln!("{}: {err}", f.display()),
            Err(_) => {}
        }
    }
    let k = files.len().saturating_sub(1).max(1) as f64;
    println!(
        "{} docs: compile {:.2} ms, export {:.2} ms, total {:.2} ms; >1 page: {multi}",
        files.len(),
        c.as_secs_f64() * 1000.0 / k,
        e.as_secs_f64() * 1000.0 / k,
        (c + e).as_secs_f64() * 1000.0 / k
    );
}

/// Run `work(0..n)` on `threads` OS threads pulling indices from a shared
/// counter (as the runner does); the wall time in seconds.
fn parallel(threads: usize, n: usize, work: impl Fn(usize) + Sync) -> f64 {
    let next = AtomicUsize::new(0);
    let t = std::time::Instant::now();
    std::thread::scope(|s| {
        for _ in 0..threads {
            // A one-thread rayon pool each, as the runner's workers: Typst's
            // parallel steps stay on the thread (and in its cache part).
            s.spawn(|| {
                on_own_pool(|| {
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= n {
                            break;
                        }
                        work(i);
                    }
                })
            });
        }
    });
    t.elapsed().as_secs_f64()
}
