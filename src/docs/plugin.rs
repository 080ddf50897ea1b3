//! The two plug-in interfaces of the docs layer: a document kind
//! ([`DocKind`], declared as a [`KindSpec`] value in the kind's module) and
//! a data export ([`Export`], a value in its module). Each is listed
//! once in `registry.rs`; the runner knows kinds and exports only through
//! these.

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

    /// How the runner treats its documents ([`Treatment::PLAIN`] unless
    /// the kind says otherwise); the three methods below read it.
    fn treatment(&self) -> Treatment {
        Treatment::PLAIN
    }

    /// [`Treatment::batched`].
    fn batched(&self) -> bool {
        self.treatment().batched
    }

    /// [`Treatment::in_dossier`].
    fn in_dossier(&self) -> bool {
        self.treatment().in_dossier
    }

    /// [`Treatment::feeds`].
    fn feeds(&self) -> &'static [&'static str] {
        self.treatment().feeds
    }

    /// The template's name in the template library.
    fn template(&self) -> String {
        format!("{}.typ.j2", self.code())
    }
}

/// How the runner treats the documents of a kind.
#[derive(Debug, Clone, Copy)]
pub struct Treatment {
    /// A form: the runner typesets the forms of one commune together, in
    /// batches, and splits them (typeset::Engine::pdf_batch). A form that
    /// runs onto a second page is redone with a tighter layout while its
    /// kind has one (`Job::fit_variants`); one of a kind without any is
    /// kept whole.
    pub batched: bool,
    /// Part of the commune's dossier (`<period>/ho-so/<commune>.zip`).
    pub in_dossier: bool,
    /// The codes of the exports that a selection of this kind brings along
    /// ([`Export::code`](Export)).
    pub feeds: &'static [&'static str],
}

impl Treatment {
    /// A document on its own: typeset alone, in no dossier, feeding no export.
    pub const PLAIN: Treatment = Treatment {
        batched: false,
        in_dossier: false,
        feeds: &[],
    };

    /// A form, typeset in batches.
    pub const FORM: Treatment = Treatment {
        batched: true,
        ..Treatment::PLAIN
    };

    /// The same, and part of the dossier.
    pub const fn in_dossier(self) -> Treatment {
        Treatment {
            in_dossier: true,
            ..self
        }
    }

    /// The same, and feeding these exports.
    pub const fn feeding(self, feeds: &'static [&'static str]) -> Treatment {
        Treatment { feeds, ..self }
    }
}

/// A document kind declared as a value: its code, its treatment and the
/// function that plans its documents. Each kind's module declares one,
/// listed in the registry.
pub struct KindSpec {
    pub code: &'static str,
    pub treatment: Treatment,
    /// [`DocKind::plan`], given the kind.
    pub plan: fn(&'static dyn DocKind, &Model, &Selection, &mut Vec<Job>),
}

impl KindSpec {
    /// A kind of documents on their own ([`Treatment::PLAIN`]).
    pub const fn plain(
        code: &'static str,
        plan: fn(&'static dyn DocKind, &Model, &Selection, &mut Vec<Job>),
    ) -> KindSpec {
        KindSpec {
            code,
            treatment: Treatment::PLAIN,
            plan,
        }
    }
}

impl DocKind for KindSpec {
    fn code(&self) -> &'static str {
        self.code
    }

    fn plan(&'static self, model: &Model, sel: &Selection, jobs: &mut Vec<Job>) {
        (self.plan)(self, model, sel, jobs)
    }

    fn treatment(&self) -> Treatment {
        self.treatment
    }
}

impl std::fmt::Debug for dyn DocKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// Why an export's bytes could not be written.
pub type ExportError = Box<dyn std::error::Error>;

/// A data file written beside the PDFs, straight from the model: a value
/// (`EXPORT` in its module), listed in the registry.
pub struct Export {
    /// The code, as the manifest's `kind`.
    pub code: &'static str,
    /// Its file name in the period's folder (`ket-qua-xep-loai.csv`).
    pub file_name: &'static str,
    /// Its bytes: the same for the same model.
    pub write: fn(&Model) -> Result<Vec<u8>, ExportError>,
}

impl Export {
    /// Where it goes, relative to the output folder: `<period>/<file_name>`.
    pub fn path(&self, model: &Model) -> PathBuf {
        PathBuf::from(model.ds.config.period.code()).join(self.file_name)
    }

    /// Its bytes, or why they could not be written.
    pub fn bytes(&self, model: &Model) -> Result<Vec<u8>, String> {
        (self.write)(model).map_err(|e| format!("không ghi được {}: {e}", self.file_name))
    }

    /// The kinds that feed it: it is written when the selection wants one
    /// of them (declared by the kinds, [`DocKind::feeds`]).
    pub fn fed_by(&self) -> Vec<&'static dyn DocKind> {
        super::KINDS
            .iter()
            .copied()
            .filter(|k| k.feeds().contains(&self.code))
            .collect()
    }
}
