//! Giving freed memory back to the system where the run's work changes.
//!
//! mimalloc (the binary's allocator) keeps a freed page for its purge
//! delay (1 s) before giving it back, and looks again only when the thread
//! allocates. Kept pages are reused at once by the next batch of a worker:
//! giving every page back as soon as it is free (a delay of 0, as before)
//! made each batch fault its memory in again, and the evaluation sheets
//! 10–12% slower. The memory kept that way stays bounded except where the
//! work changes, and there it is given back here:
//! - after the load and the plan, by the main thread and by each of
//!   rayon's threads, which parsed the inputs and then stay idle;
//! - after a long provincial document, by its worker;
//! - after each batch a worker typesets beside a long document, whose
//!   layout sets the run's peak.
//!
//! With another global allocator (the tests) this only tidies mimalloc's
//! own, unused heaps.

/// Give back the pages the calling thread freed (mimalloc's `mi_collect`,
/// forced).
pub fn release_freed() {
    // SAFETY: takes no pointer; mimalloc frees only pages it holds empty.
    unsafe { libmimalloc_sys::mi_collect(true) };
}

/// [`release_freed`] on this thread and on each thread of rayon's global
/// pool.
pub fn release_freed_everywhere() {
    release_freed();
    rayon::broadcast(|_| release_freed());
}
