//! §3 Báo cáo định kỳ (periodic implementation report), provincial and per commune.
//!
//! Every figure comes from [`crate::model::stats`]; this module only formats
//! them (`body`: section II, `appendix`: Biểu số 01–04 and the chart) and
//! `bao-cao-dinh-ky.typ.j2` words them. A commune report is the same
//! document over one commune.

mod appendix;
mod body;

use serde::Serialize;

use super::common::{
    Block, DocVm, ScopeVm, commune_committee, commune_words, narrative_blocks, provincial_doc,
    resolution_citation,
};
use super::{DocKind, Job, KindSpec, Selection, Treatment, plan_both_levels};
use crate::input::Commune;
use crate::model::stats::{Counts, Facts, Scope, Stats};
use crate::model::{Model, Rating};
use crate::vn::{ratio, sentence_case, thousands, upper_first};
use appendix::BarVm;
pub use appendix::{Figure, FigureTable};
use body::{StaffVm, TableVm, TargetVm, TrainingVm, WarningsVm};

/// The narrative sections I, III, IV, V (config.narrative); none: not
/// supplied, the template leaves dotted lines for the clerk.
#[derive(Debug, Clone, Serialize)]
pub struct NarrativeVm {
    pub leadership: Option<Vec<Block>>,
    pub limitations: Option<Vec<Block>>,
    pub directions: Option<Vec<Block>>,
    pub proposals: Option<Vec<Block>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BaoCaoVm {
    pub doc: DocVm,
    pub subject: String,
    #[serde(flatten)]
    pub scope: ScopeVm,
    /// The issuer in running text: "Ban Thường vụ Tỉnh uỷ", "Đảng uỷ xã Hoà An".
    pub issuer: String,
    /// The resolution's number alone.
    pub resolution_number: String,
    /// The period in words.
    pub period: String,
    pub narrative: NarrativeVm,
    /// II.1.
    pub staff: StaffVm,
    /// II.2.
    pub targets: Vec<TargetVm>,
    /// II.3: officials rated (share of all), the table, and those capped by
    /// a discipline (none when none).
    pub rated: String,
    pub ratings: TableVm,
    pub capped: Option<String>,
    /// II.4.
    pub training: TrainingVm,
    pub training_table: TableVm,
    /// II.5.
    pub warnings: WarningsVm,
    /// Biểu số 01–04.
    pub appendices: Vec<TableVm>,
    pub chart: Vec<BarVm>,
    pub rating_labels: Vec<&'static str>,
}

/// The commune a report is about, or the province.
enum Subject<'a> {
    Province,
    Commune(&'a Commune),
}

/// Trích yếu: "kết quả thực hiện Nghị quyết số 15-NQ/TU, ngày 20/4/2026 của
/// Ban Chấp hành Đảng bộ tỉnh về …, 6 tháng đầu năm 2026".
pub fn subject(model: &Model) -> String {
    let cfg = &model.ds.config;
    format!(
        "kết quả thực hiện {}, {}",
        resolution_citation(&model.ds.config),
        cfg.period.words()
    )
}

/// The view-model of the report over `subject`, with `facts` computed once.
fn build(model: &Model, facts: &Facts, subject_of: Subject) -> BaoCaoVm {
    let cfg = &model.ds.config;
    let subj = subject(model);
    let title = format!("Báo cáo {subj}");
    let (doc, stats, communes, issuer, commune): (
        DocVm,
        Stats,
        Vec<&Commune>,
        String,
        Option<&Commune>,
    ) = match subject_of {
        Subject::Province => {
            let body = &cfg.provincial_committee;
            let doc = provincial_doc(
                model,
                body,
                "BC",
                "provincial_report",
                title,
                &[
                    "Ban Tổ chức Trung ương (báo cáo)".into(),
                    "Các đồng chí Tỉnh uỷ viên".into(),
                    "Các đảng uỷ trực thuộc Tỉnh uỷ".into(),
                    "Lưu Văn phòng Tỉnh uỷ".into(),
                ],
            );
            let name = sentence_case(&body.name);
            let issuer = if body.signer.authority.to_uppercase().contains("THƯỜNG VỤ") {
                format!("Ban Thường vụ {name}")
            } else {
                name
            };
            (
                doc,
                facts.stats(Scope::Province),
                model.ds.communes.iter().collect(),
                issuer,
                None,
            )
        }
        Subject::Commune(c) => (
            commune_committee(model, c, "BC", "commune_report", title),
            facts.stats(Scope::Commune(&c.id)),
            vec![c],
            format!("Đảng uỷ {}", commune_words(c)),
            Some(c),
        ),
    };
    let c = &stats.counts;

    let narrative = |key: &str| {
        let key = match commune {
            Some(k) => format!("{key}.{}", k.id),
            None => key.to_string(),
        };
        cfg.narrative
            .get(&key)
            .map(|t| narrative_blocks(t))
            .filter(|b| !b.is_empty())
    };

    // Appendices: one row per commune, the total from the figures of the scope.
    let per_commune = per_commune(facts, &communes);
    let mut chart: Vec<BarVm> = per_commune
        .iter()
        .map(|(name, ck)| appendix::bar(name.clone(), ck, false))
        .collect();
    if communes.len() != 1 {
        chart.push(appendix::bar(String::new(), c, true));
    }

    BaoCaoVm {
        subject: subj,
        scope: ScopeVm::new(cfg, commune, &doc),
        issuer,
        resolution_number: cfg.resolution.number.trim().to_string(),
        period: cfg.period.words(),
        narrative: NarrativeVm {
            leadership: narrative("leadership"),
            limitations: narrative("limitations"),
            directions: narrative("directions"),
            proposals: narrative("proposals"),
        },
        staff: body::staff(c),
        targets: c.targets().iter().map(body::target).collect(),
        rated: ratio(c.rated, c.officials),
        ratings: body::ratings_table(c),
        capped: (c.capped > 0).then(|| thousands(c.capped as i64)),
        training: body::training(&stats),
        training_table: body::training_table(&stats),
        warnings: body::warnings(c),
        appendices: appendix::tables(&per_commune, c),
        chart,
        rating_labels: Rating::ALL.iter().map(|r| r.label()).collect(),
        doc,
    }
}

/// The appendices' rows: each commune's name ("Xã Hoà An") and counts.
fn per_commune(facts: &Facts, communes: &[&Commune]) -> Vec<(String, Counts)> {
    communes
        .iter()
        .map(|k| {
            (
                upper_first(&commune_words(k)),
                facts.stats(Scope::Commune(&k.id)).counts,
            )
        })
        .collect()
}

/// Biểu 01–04 of the provincial report as figures (one row per commune,
/// the province's total): the rows the PDF prints, for the workbook export.
pub fn provincial_figures(model: &Model) -> Vec<FigureTable> {
    let facts = Facts::compute(model);
    let communes: Vec<&Commune> = model.ds.communes.iter().collect();
    let total = facts.stats(Scope::Province).counts;
    appendix::figure_tables(&per_commune(&facts, &communes), &total)
}

// ------------------------------------------------------------- plug-in --

/// The periodic reports: provincial (unless the run is restricted to some
/// communes) and one per selected commune, feeding the statistics workbook.
pub static PERIODIC_REPORT: KindSpec = KindSpec {
    code: "bao-cao-dinh-ky",
    treatment: Treatment::PLAIN.feeding(&[super::thong_ke::EXPORT.code]),
    plan,
};

fn plan(kind: &'static dyn DocKind, model: &Model, sel: &Selection, jobs: &mut Vec<Job>) {
    let facts = Facts::compute(model);
    plan_both_levels(model, sel, kind, jobs, |c| {
        build(model, &facts, c.map_or(Subject::Province, Subject::Commune))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::{self, Dataset};

    fn sample() -> Dataset {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("inputs");
        input::load(&dir).unwrap_or_else(|d| panic!("sample data: {}", d.render()))
    }

    /// "3.474/3.555\n(97,7%)" or "1.510" → the leading count.
    fn count(cell: &str) -> Option<u64> {
        match cell {
            "Có" => return Some(1),
            "Chưa" => return Some(0),
            _ => {}
        }
        let head: String = cell
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .filter(|c| *c != '.')
            .collect();
        if head.is_empty() || cell.contains('%') && !cell.contains('/') {
            return None;
        }
        head.parse().ok()
    }

    #[test]
    fn subject_cites_the_resolution() {
        let ds = sample();
        let model = Model::compute(&ds);
        assert_eq!(
            subject(&model),
            "kết quả thực hiện Nghị quyết số 15-NQ/TU, ngày 20/4/2026 của Ban Chấp hành Đảng bộ tỉnh \
             về nâng cao chất lượng cán bộ cơ sở giai đoạn 2026 - 2030, 6 tháng đầu năm 2026"
        );
        // A title without its "về" gets it, as in every other document.
        let mut ds = ds.clone();
        ds.config.resolution.title = "nâng cao chất lượng cán bộ cơ sở".into();
        let model = Model::compute(&ds);
        assert!(
            subject(&model).contains("tỉnh về nâng cao chất lượng cán bộ cơ sở, 6 tháng"),
            "{}",
            subject(&model)
        );
    }

    /// The sample's report over the province or its commune `i`, and the
    /// figures of its scope.
    fn report(i: Option<usize>) -> (Dataset, BaoCaoVm, Counts) {
        let ds = sample();
        let (vm, counts) = {
            let model = Model::compute(&ds);
            let facts = Facts::compute(&model);
            match i {
                None => (
                    build(&model, &facts, Subject::Province),
                    facts.stats(Scope::Province).counts,
                ),
                Some(i) => {
                    let c = &ds.communes[i];
                    (
                        build(&model, &facts, Subject::Commune(c)),
                        facts.stats(Scope::Commune(&c.id)).counts,
                    )
                }
            }
        };
        (ds, vm, counts)
    }

    /// The Typst source of a report's view-model (the embedded templates).
    fn source(vm: &BaoCaoVm) -> String {
        let t = crate::render::Templates::load(None).expect("embedded templates");
        t.render("bao-cao-dinh-ky.typ.j2", vm).expect("renders")
    }

    /// Which narrative sections the data supplies (I, III, IV, V).
    fn supplied(n: &NarrativeVm) -> [bool; 4] {
        [&n.leadership, &n.limitations, &n.directions, &n.proposals].map(|b| b.is_some())
    }

    /// Every count column of every appendix adds up to its total row, and
    /// that row holds the provincial figures of the report's body.
    #[test]
    fn appendix_totals_are_the_provincial_figures() {
        let (ds, vm, province) = report(None);
        assert_eq!(vm.appendices.len(), 4);
        for (i, a) in vm.appendices.iter().enumerate() {
            assert_eq!(a.rows.len(), ds.communes.len(), "Biểu {i}");
            // The last column of Biểu 04 counts targets met: not a sum.
            let end = a.total.len() - usize::from(i == 3);
            for col in 0..end {
                let Some(total) = count(&a.total[col]) else {
                    continue;
                };
                let sum: u64 = a.rows.iter().filter_map(|r| count(&r[col + 2])).sum();
                assert_eq!(sum, total, "Biểu {i} column {col}");
            }
        }
        // Each appendix's total row is the province's figures, Biểu 01–04.
        let figures = [
            appendix::staff_figures,
            appendix::rating_figures,
            appendix::training_figures,
            appendix::target_figures,
        ];
        assert_eq!(vm.appendices.len(), figures.len());
        for (a, figures) in vm.appendices.iter().zip(figures) {
            assert_eq!(a.total, appendix::texts(figures(&province)));
        }
        assert_eq!(vm.ratings.total[0], thousands(province.rated as i64));
        // The chart ends with the province's bar.
        let last = vm.chart.last().unwrap();
        assert!(last.total && last.counts == province.ratings);
    }

    #[test]
    fn a_commune_report_is_the_same_document_over_one_commune() {
        let (ds, vm, own) = report(Some(1));
        let c = &ds.communes[1];
        for a in &vm.appendices {
            assert_eq!(a.rows.len(), 1);
            assert_eq!(a.rows[0][2..], a.total[..]);
        }
        assert_eq!(vm.appendices[0].total[0], thousands(own.officials as i64));
        assert_eq!(vm.doc.body_code, "ĐU");
        assert_eq!(vm.doc.type_code, "BC");
        assert_eq!(vm.chart.len(), 1);
        // No number configured for the commune: left blank for the clerk.
        let src = source(&vm);
        let blank = "\u{a0}".repeat(8);
        assert!(
            src.contains(&format!(
                "\"Kèm theo Báo cáo số {blank}-BC/ĐU, ngày 05/7/2026 của Đảng uỷ {}\"",
                commune_words(c)
            )),
            "{src}"
        );
        // The sample narrative is provincial: a commune gets placeholders.
        assert_eq!(supplied(&vm.narrative), [false; 4]);
        assert!(src.contains("tổng số cán bộ, công chức #\"của xã"), "{src}");
    }

    #[test]
    fn provincial_report_is_numbered_and_cites_the_standing_committee() {
        let (_, vm, _) = report(None);
        assert_eq!(vm.doc.number.as_deref(), Some("123"));
        assert_eq!(vm.issuer, "Ban Thường vụ Tỉnh uỷ");
        let src = source(&vm);
        assert!(
            src.contains(
                "\"Kèm theo Báo cáo số 123-BC/TU, ngày 05/7/2026 của Ban Thường vụ Tỉnh uỷ\""
            ),
            "{src}"
        );
        assert_eq!(supplied(&vm.narrative), [true; 4]);
        assert_eq!(vm.targets.len(), 6);
        assert_eq!(vm.targets[2].measures.len(), 2);
        assert_eq!(vm.targets[3].goal, "≥\u{a0}90%");
        // Each measure of each target is described.
        assert!(src.contains("(text: \"Xã, phường có 100% hồ sơ cán bộ, công chức được số hoá\""));
    }

    /// Late tasks: none, all done late, some still open at as_of.
    #[test]
    fn warning_wording() {
        let (_, mut vm, _) = report(None);
        let late = |vm: &BaoCaoVm| {
            let src = source(vm);
            src.lines()
                .find(|l| l.contains("gach[Nhiệm vụ chậm tiến độ"))
                .expect("late tasks line")
                .to_string()
        };
        let counts = |late_tasks, late_open| Counts {
            tasks: 10,
            late_tasks,
            late_open,
            ..Counts::default()
        };
        for (late_tasks, late_open, end) in [
            (0, 0, " nhiệm vụ;]"),
            (3, 0, " nhiệm vụ, đều đã hoàn thành sau thời hạn;]"),
            (
                3,
                2,
                " nhiệm vụ, trong đó #\"2\"; nhiệm vụ đến ngày #\"30/6/2026\"; chưa hoàn thành;]",
            ),
        ] {
            vm.warnings = body::warnings(&counts(late_tasks, late_open));
            let line = late(&vm);
            assert!(line.ends_with(end), "{line}");
        }
    }
}
