//! Memory aid: `cargo run --release --example held -- DIR` loads the data
//! folder DIR, computes the model and plans every document, and prints the
//! heap bytes each step holds (a counting allocator over the system's),
//! the load's peak, what the planned jobs hold, and what is left once the
//! data is freed and the view-models spilled (what the typesetting holds).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};

struct Counting;

static NOW: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);

// SAFETY: forwards to the system allocator; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let n = NOW.fetch_add(l.size() as isize, Ordering::Relaxed) + l.size() as isize;
        PEAK.fetch_max(n, Ordering::Relaxed);
        unsafe { System.alloc(l) }
    }

    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        NOW.fetch_sub(l.size() as isize, Ordering::Relaxed);
        unsafe { System.dealloc(p, l) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn mb(bytes: isize) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

fn held(step: &str) -> isize {
    let now = NOW.load(Ordering::Relaxed);
    println!(
        "{step}: {} held, peak {}",
        mb(now),
        mb(PEAK.load(Ordering::Relaxed))
    );
    now
}

fn main() {
    let dir = std::env::args().nth(1).expect("DIR");
    let ds = match baocao::input::load(std::path::Path::new(&dir)) {
        Ok(ds) => ds,
        Err(e) => panic!("{} problems in the data", e.len()),
    };
    let dataset = held("load");
    let model = baocao::model::Model::compute(&ds);
    held("compute");
    let jobs = baocao::docs::plan(&model, &baocao::docs::Selection::default());
    let planned = held(&format!("plan, {} jobs", jobs.len()));
    let json: usize = jobs.iter().map(|j| j.vm.len()).sum();
    // What the typesetting holds: the jobs, the view-models spilled, the
    // dataset and the model freed (batch::build, after `plan`).
    let mut jobs = jobs;
    drop(model);
    drop(ds);
    baocao::docs::spill(jobs.iter_mut());
    let spilled = held("before typesetting (data freed, view-models spilled)");
    drop(jobs);
    println!(
        "the jobs held {} before spilling, {} after (view-models: {} of JSON); the dataset {}",
        mb(planned - dataset),
        mb(spilled - NOW.load(Ordering::Relaxed)),
        mb(json as isize),
        mb(dataset)
    );
}
