//! Ctrl-C (SIGINT) and SIGTERM: the first asks the run to stop — the workers
//! take no new document, the run removes its staging folder and returns
//! [`super::BuildError::Interrupted`]; a second one ends the process at once
//! (what it leaves is in the staging area, which the next run removes).

use std::sync::atomic::{AtomicBool, Ordering};

static REQUESTED: AtomicBool = AtomicBool::new(false);

/// Install the handler (once, from `main`).
pub fn install() -> Result<(), String> {
    ctrlc::set_handler(|| {
        if REQUESTED.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
    })
    .map_err(|e| format!("không đặt được xử lý Ctrl-C: {e}"))
}

/// Whether a stop was asked for.
pub fn requested() -> bool {
    REQUESTED.load(Ordering::Relaxed)
}
