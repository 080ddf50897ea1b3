//! The two plug-in interfaces of the docs layer: a document kind
//! ([`DocKind`]) and a data export ([`Export`]). Each is implemented by a
//! unit struct in its own module and listed once in `registry.rs`; the
//! runner knows kinds and exports only through these traits.

use std::path::PathBuf;

use super::{Job, Selection};
use crate::model::Model;

/// A kind of document: what it is called, which documents it plans, and how
/// the runner treats them.
pub trait DocKind: Sync {
    /// The code: for `--only`, in the manifest, and the name of the
    /// template (`<code>.typ.j2`, see [`DocKind::template`]).
    fn code(&self) -> &'static str;

    /// Add this kind's documents of the selection to `jobs`, in a stable
    /// order (called only when the selection wants this kind).
    fn plan(&'static self, model: &Model, sel: &Selection, jobs: &mut Vec<Job>);

    /// A form: the runner typesets the forms of one commune together, in
    /// batches, and splits them (typeset::Engine::pdf_batch). A form that
    /// runs onto a second page is redone with a tighter layout while its
    /// kind has one (`Job::fit_variants`); one of a kind without any is
    /// kept whole.
    fn batched(&self) -> bool {
        false
    }

    /// Part of the commune's dossier (`<period>/ho-so/<commune>.zip`).
    fn in_dossier(&self) -> bool {
        false
    }

    /// The codes of the exports that a selection of this kind brings along
    /// ([`Export::code`]).
    fn feeds(&self) -> &'static [&'static str] {
        &[]
    }

    /// The template's name in the template library.
    fn template(&self) -> String {
        format!("{}.typ.j2", self.code())
    }
}

impl std::fmt::Debug for dyn DocKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// A data file written beside the PDFs, straight from the model.
pub trait Export: Sync {
    /// The code, as the manifest's `kind`.
    fn code(&self) -> &'static str;

    /// Its file name in the period's folder (`ket-qua-xep-loai.csv`).
    fn file_name(&self) -> &'static str;

    /// Where it goes, relative to the output folder: `<period>/<file_name>`.
    fn path(&self, model: &Model) -> PathBuf {
        PathBuf::from(model.ds.config.period.code()).join(self.file_name())
    }

    /// Its bytes.
    fn bytes(&self, model: &Model) -> Result<Vec<u8>, String>;

    /// The kinds that feed it: it is written when the selection wants one
    /// of them (declared by the kinds, [`DocKind::feeds`]).
    fn fed_by(&self) -> Vec<&'static dyn DocKind> {
        super::KINDS
            .iter()
            .copied()
            .filter(|k| k.feeds().contains(&self.code()))
            .collect()
    }
}
