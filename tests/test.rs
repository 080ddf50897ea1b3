//! The integration tests: one test binary (typst is linked once), one module
//! per area under `tests/test/`, the harness in `tests/support/`.
//!
//! How to add a test:
//! - put it in the module of its area (`tests/test/<area>.rs`), or add a file
//!   there and its `mod` line below;
//! - describe what a user does with the [`support::Test`] builder: where the
//!   inputs come from (`Test::fixture("minimal")` copies
//!   `tests/fixtures/minimal/`, `Test::fixture("sample")` the sample province,
//!   `Test::new()` starts empty; `.write`, `.edit`, `.cut`, `.remove` change
//!   them), the arguments (`.args(["build", "--only", "ho-so"])`), what must
//!   be printed (`.stdout_has`, `.stderr_has`) and the exit status
//!   (`.success()`, `.failure()`, `.status(2)`), which runs it;
//! - read what the run wrote from the [`support::Outcome`]: `.text(rel)` (a
//!   PDF's text), `.pages(rel)` (its layout, see `support::pdf`),
//!   `.read(rel)`, `.snapshot("out")`, `.pdfs()`; `.then()` starts another
//!   run in the same folder;
//! - a test of the library (e.g. `baocao::batch::build`) uses a `Test` for its
//!   folder only (`.inputs()`, `.out()`);
//! - documents built once for several read-only tests go into a `OnceLock`
//!   (see `layout.rs`).
//!
//! Porting a test written for the former per-file harness: `Fixture::new(x)`
//! → `Test::fixture(x)`, `Fixture::empty()` → `Test::new()`, `f.write` /
//! file edits → `.write` / `.edit` / `.cut`, `f.build(&[..])` →
//! `.args(["build", ..]).success()`, `f.run(&[..])` + status and stderr
//! checks → `.args([..]).stderr_has(..).failure()`,
//! `squash(&pdf_text(&f.out().join(rel)))` → `.text(rel)`,
//! `snapshot(&f.out())` → `.snapshot("out")`. No file other than this one
//! may sit directly in `tests/`: each would be one more test binary.

mod support;

mod test {
    mod bao_cao;
    mod build;
    mod cli_help;
    mod exports;
    mod ho_so;
    mod incremental;
    mod ke_hoach_canh_bao;
    mod layout;
    mod loader_errors;
    mod mutation;
    mod reliability;
    mod sample;
    mod util;
    mod workbooks;
}
