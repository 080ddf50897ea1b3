//! Documents: which ones to build, for whom, and the view-model of each.
//!
//! A document kind is a view-model builder plus a template name; adding one
//! touches no other stage. View-models are plain serialisable data with every
//! figure already formatted the Vietnamese way.

mod bao_cao;
mod canh_bao;
mod common;
mod danh_sach;
mod ke_hoach;
mod phieu;

use std::path::PathBuf;

use serde::Serialize;

use crate::model::Model;

/// The document kinds, by their command-line code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Kind {
    PhieuDanhGia,
    DanhSachXepLoai,
    BaoCaoDinhKy,
    KeHoachDaoTao,
    CanhBaoSom,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::PhieuDanhGia,
        Kind::DanhSachXepLoai,
        Kind::BaoCaoDinhKy,
        Kind::KeHoachDaoTao,
        Kind::CanhBaoSom,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Kind::PhieuDanhGia => "phieu-danh-gia",
            Kind::DanhSachXepLoai => "danh-sach-xep-loai",
            Kind::BaoCaoDinhKy => "bao-cao-dinh-ky",
            Kind::KeHoachDaoTao => "ke-hoach-dao-tao",
            Kind::CanhBaoSom => "canh-bao-som",
        }
    }

    pub fn from_code(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == s)
    }

    pub fn template(self) -> String {
        format!("{}.typ.j2", self.code())
    }
}

/// One document to build: where it goes and what it is rendered from.
#[derive(Debug, Clone)]
pub struct Job {
    pub kind: Kind,
    /// Path relative to the output folder, e.g. `2026-H1/xa/hoa-an/danh-sach-xep-loai.pdf`.
    pub path: PathBuf,
    /// The commune the document belongs to (None for provincial documents).
    pub commune: Option<String>,
    /// The view-model, kept as compact JSON: a few kilobytes per document
    /// instead of a tree, so planning thousands of documents stays small.
    pub vm: String,
    /// Layout variants to try, in order, until the document fits one page
    /// (1: no fitting). The view-model's `fit` field holds the first one.
    pub fit_variants: usize,
}

/// Which documents to build.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Empty: every kind.
    pub kinds: Vec<Kind>,
    /// Empty: every commune.
    pub communes: Vec<String>,
}

impl Selection {
    pub fn wants(&self, kind: Kind) -> bool {
        self.kinds.is_empty() || self.kinds.contains(&kind)
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

pub(crate) fn to_value<T: Serialize>(vm: &T) -> String {
    serde_json::to_string(vm).expect("view-models serialise")
}

/// Plan a document kind issued at both levels: one provincial document
/// (`<period>/tinh/<file>`, unless the run is restricted to some communes)
/// and one per selected commune (`<period>/xa/<id>/<file>`). `vm` builds the
/// view-model for the province (None) or a commune.
pub(crate) fn plan_both_levels<T: Serialize>(
    model: &Model,
    sel: &Selection,
    kind: Kind,
    jobs: &mut Vec<Job>,
    vm: impl Fn(Option<&crate::input::Commune>) -> T,
) {
    let period = PathBuf::from(model.ds.config.period.code());
    let file = format!("{}.pdf", kind.code());
    if sel.communes.is_empty() {
        jobs.push(Job {
            kind,
            path: period.join("tinh").join(&file),
            commune: None,
            vm: to_value(&vm(None)),
            fit_variants: 1,
        });
    }
    for c in model
        .ds
        .communes
        .iter()
        .filter(|c| sel.wants_commune(&c.id))
    {
        jobs.push(Job {
            kind,
            path: period.join("xa").join(&c.id).join(&file),
            commune: Some(c.id.clone()),
            vm: to_value(&vm(Some(c))),
            fit_variants: 1,
        });
    }
}

/// Every document of the selection, in a stable order.
pub fn plan(model: &Model, sel: &Selection) -> Vec<Job> {
    let period = model.ds.config.period.code();
    let mut jobs = Vec::new();
    for commune in &model.ds.communes {
        if !sel.wants_commune(&commune.id) {
            continue;
        }
        let dir = PathBuf::from(&period).join("xa").join(&commune.id);
        if sel.wants(Kind::DanhSachXepLoai) {
            jobs.push(Job {
                kind: Kind::DanhSachXepLoai,
                path: dir.join("danh-sach-xep-loai.pdf"),
                commune: Some(commune.id.clone()),
                vm: to_value(&danh_sach::build(model, commune)),
                fit_variants: 1,
            });
        }
        if sel.wants(Kind::PhieuDanhGia) {
            for r in model.results_of(&commune.id) {
                jobs.push(Job {
                    kind: Kind::PhieuDanhGia,
                    path: dir
                        .join("phieu-danh-gia")
                        .join(format!("{}.pdf", file_stem(&r.official.id))),
                    commune: Some(commune.id.clone()),
                    vm: to_value(&phieu::build(model, r)),
                    fit_variants: phieu::fit_plan(&model.ds.config).1,
                });
            }
        }
    }
    // Provincial and commune documents of the other kinds; each kind's module
    // decides its own jobs.
    bao_cao::plan(model, sel, &mut jobs);
    ke_hoach::plan(model, sel, &mut jobs);
    canh_bao::plan(model, sel, &mut jobs);
    jobs
}

pub use danh_sach::sorted_results;
