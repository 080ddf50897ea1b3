//! baocao: provincial data on commune officials → Party-format PDF documents.
//!
//! The pipeline, one module per stage, each using only those above it:
//! - [`vn`]: Vietnamese formatting and collation (used by every stage);
//! - [`diag`]: input problems with their locations;
//! - [`input`]: walk, parse, validate → [`input::Dataset`];
//! - [`model`]: scores, ratings, statistics → facts, no formatting;
//! - [`docs`]: the document kinds and exports as plug-ins ([`docs::DocKind`],
//!   [`docs::KINDS`]): which documents, for whom; one view-model each;
//! - [`render`]: view-model + minijinja template → Typst source;
//! - [`typeset`]: Typst source → PDF (fonts, template library, our World);
//! - [`batch`]: the runner: the build as named steps (see its module
//!   comment), worker threads, cache, atomic writes, manifest, dossiers.
//!
//! [`sample`] writes a synthetic province in the input format (`baocao sample`).

pub mod batch;
pub mod diag;
pub mod docs;
pub mod input;
pub mod model;
pub mod render;
pub mod sample;
pub mod typeset;
pub mod vn;
pub mod watch;
