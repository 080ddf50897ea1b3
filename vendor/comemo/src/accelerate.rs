//! Per-thread accelerators (patched for baocao, see PATCHED.md).
//!
//! An accelerator maps a tracked instance's call hashes to return hashes.
//! Upstream keeps them in one global table behind a lock; here every thread
//! keeps its own, keyed by the instance's id, which is unique in the whole
//! process. So the two workers of a batch run never touch a shared lock or
//! counter for this.

use std::cell::{Cell, RefCell};
use std::sync::atomic::{AtomicUsize, Ordering};

use rustc_hash::FxHashMap;

/// The next block of ids to hand out to a thread.
static NEXT_BLOCK: AtomicUsize = AtomicUsize::new(0);

/// How many ids a thread takes at a time.
const BLOCK: usize = 1 << 16;

thread_local! {
    /// This thread's next id and the end of its block.
    static IDS: Cell<(usize, usize)> = const { Cell::new((0, 0)) };
    /// This thread's accelerators: (instance id, call hash) → return hash.
    static ACCELERATORS: RefCell<FxHashMap<(usize, u128), u128>> =
        RefCell::new(FxHashMap::default());
}

/// Generate a new accelerator id, unique in the process.
pub fn id() -> usize {
    IDS.with(|ids| {
        let (mut next, mut end) = ids.get();
        if next == end {
            next = NEXT_BLOCK.fetch_add(1, Ordering::Relaxed) * BLOCK;
            end = next + BLOCK;
        }
        ids.set((next + 1, end));
        next
    })
}

/// Evict this thread's accelerators (keeping their memory).
pub fn evict() {
    ACCELERATORS.with(|a| a.borrow_mut().clear());
}

/// The cached return hash of a call on the instance `id`, if any.
pub fn lookup(id: usize, call: u128) -> Option<u128> {
    ACCELERATORS.with(|a| a.borrow().get(&(id, call)).copied())
}

/// Remember the return hash of a call on the instance `id`.
pub fn insert(id: usize, call: u128, ret: u128) {
    ACCELERATORS.with(|a| {
        a.borrow_mut().insert((id, call), ret);
    });
}
