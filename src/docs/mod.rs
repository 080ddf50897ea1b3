//! Documents: which ones to build, for whom, and the view-model of each.
//!
//! Every document kind is a plug-in: a [`KindSpec`] value (its code, its
//! [`Treatment`] and its planning function) declared in its own module
//! (`phieu`, `danh_sach`, `bao_cao`, `ke_hoach`, `canh_bao`, `ho_so`),
//! listed once in [`KINDS`]. It plans its
//! [`Job`]s, each a path plus a view-model: plain serialisable data with
//! every figure already formatted the Vietnamese way, rendered by the
//! template of the same code. Data exports beside the PDFs are plug-ins
//! too ([`Export`], [`EXPORTS`]). The runner names no kind: it asks the
//! registry.
//!
//! Adding a kind: a module here, its template
//! `report-templates/<code>.typ.j2`, and one line in [`KINDS`].

mod bao_cao;
mod canh_bao;
mod common;
mod danh_sach;
mod ho_so;
mod ke_hoach;
mod long_list;
mod phieu;
mod plugin;
mod ratings_csv;
mod ratings_xlsx;
mod registry;
mod thong_ke;
mod vm;

use std::path::PathBuf;

use serde::Serialize;

use crate::model::Model;
pub use plugin::{DocKind, Export, KindSpec, Treatment};
pub use registry::{EXPORTS, KINDS, exports, kind};
pub use vm::{Vm, spill};

/// One document to build: where it goes and what it is rendered from.
#[derive(Debug, Clone)]
pub struct Job {
    pub kind: &'static dyn DocKind,
    /// Path relative to the output folder, e.g. `2026-H1/xa/hoa-an/danh-sach-xep-loai.pdf`.
    pub path: PathBuf,
    /// The commune the document belongs to (None for provincial documents).
    pub commune: Option<String>,
    /// The view-model, kept as deflated JSON ([`Vm`]).
    pub vm: Vm,
    /// Layout variants to try, in order, until the document fits one page
    /// (1: no fitting). The view-model's `fit` field holds the first one.
    pub fit_variants: usize,
}

/// Which documents to build.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Empty: every kind.
    pub kinds: Vec<&'static dyn DocKind>,
    /// Empty: every commune.
    pub communes: Vec<String>,
}

impl Selection {
    pub fn wants(&self, kind: &dyn DocKind) -> bool {
        self.kinds.is_empty() || self.kinds.iter().any(|k| k.code() == kind.code())
    }

    pub fn wants_commune(&self, id: &str) -> bool {
        self.communes.is_empty() || self.communes.iter().any(|c| c == id)
    }
}

/// A name usable as a file name on every system.
pub fn file_stem(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

pub(crate) fn to_value<T: Serialize>(vm: &T) -> Vm {
    Vm::new(serde_json::to_string(vm).expect("view-models serialise"))
}

/// The folder of a commune's documents: `<period>/xa/<commune>`.
pub(crate) fn commune_dir(model: &Model, commune: &str) -> PathBuf {
    PathBuf::from(model.ds.config.period.code())
        .join("xa")
        .join(commune)
}

/// Plan a document kind issued at both levels: one provincial document
/// (`<period>/tinh/<code>.pdf`, unless the run is restricted to some
/// communes) and one per selected commune (`<period>/xa/<id>/<code>.pdf`).
/// `vm` builds the view-model for the province (None) or a commune.
pub(crate) fn plan_both_levels<T: Serialize>(
    model: &Model,
    sel: &Selection,
    kind: &'static dyn DocKind,
    jobs: &mut Vec<Job>,
    vm: impl Fn(Option<&crate::input::Commune>) -> T,
) {
    let file = format!("{}.pdf", kind.code());
    if sel.communes.is_empty() {
        jobs.push(Job {
            kind,
            path: PathBuf::from(model.ds.config.period.code())
                .join("tinh")
                .join(&file),
            commune: None,
            vm: to_value(&vm(None)),
            fit_variants: 1,
        });
    }
    plan_communes(model, sel, kind, jobs, |c| vm(Some(c)));
}

/// Plan one document of `kind` per selected commune,
/// `<period>/xa/<id>/<code>.pdf`, with the view-model `vm` builds.
pub(crate) fn plan_communes<T: Serialize>(
    model: &Model,
    sel: &Selection,
    kind: &'static dyn DocKind,
    jobs: &mut Vec<Job>,
    vm: impl Fn(&crate::input::Commune) -> T,
) {
    let file = format!("{}.pdf", kind.code());
    for c in model
        .ds
        .communes
        .iter()
        .filter(|c| sel.wants_commune(&c.id))
    {
        jobs.push(Job {
            kind,
            path: commune_dir(model, &c.id).join(&file),
            commune: Some(c.id.clone()),
            vm: to_value(&vm(c)),
            fit_variants: 1,
        });
    }
}

/// What a per-official form is planned from: the official, or one of
/// their results.
pub(crate) trait OfOfficial {
    fn official(&self) -> &crate::input::Official;
}

impl OfOfficial for &crate::input::Official {
    fn official(&self) -> &crate::input::Official {
        self
    }
}

impl OfOfficial for &crate::model::Rated<'_> {
    fn official(&self) -> &crate::input::Official {
        self.official
    }
}

/// Plan one form of `kind` per official of each selected commune,
/// `<period>/xa/<id>/<code>/<official>.pdf`: `members` lists a commune's
/// officials (in order), `vm` builds one view-model. The communes are
/// planned in parallel (rayon: planning typesets nothing), in their order.
pub(crate) fn plan_per_official<M: OfOfficial, T: Serialize>(
    model: &Model,
    sel: &Selection,
    kind: &'static dyn DocKind,
    jobs: &mut Vec<Job>,
    fit_variants: usize,
    members: impl Fn(&str) -> Vec<M> + Sync,
    vm: impl Fn(&M) -> T + Sync,
) {
    use rayon::prelude::*;
    let communes: Vec<&crate::input::Commune> = model
        .ds
        .communes
        .iter()
        .filter(|c| sel.wants_commune(&c.id))
        .collect();
    let planned: Vec<Vec<Job>> = communes
        .par_iter()
        .map(|c| {
            let dir = commune_dir(model, &c.id).join(kind.code());
            members(&c.id)
                .iter()
                .map(|m| Job {
                    kind,
                    path: dir.join(format!("{}.pdf", file_stem(&m.official().id))),
                    commune: Some(c.id.clone()),
                    vm: to_value(&vm(m)),
                    fit_variants,
                })
                .collect()
        })
        .collect();
    jobs.extend(planned.into_iter().flatten());
}

/// Every document of the selection: each wanted kind's jobs, in the
/// registry's order. The kinds are planned in parallel (rayon: planning
/// typesets nothing; 0.44 s of one core for a province, serial before).
pub fn plan(model: &Model, sel: &Selection) -> Vec<Job> {
    use rayon::prelude::*;
    let planned: Vec<Vec<Job>> = KINDS
        .par_iter()
        .filter(|k| sel.wants(**k))
        .map(|kind| {
            let mut jobs = Vec::new();
            kind.plan(model, sel, &mut jobs);
            jobs
        })
        .collect();
    let mut jobs = Vec::with_capacity(planned.iter().map(Vec::len).sum());
    jobs.extend(planned.into_iter().flatten());
    jobs
}

pub use danh_sach::sorted_results;
