//! `baocao sample`: a realistic synthetic province in the data-model format,
//! for trying the tool at scale and for the whole-province benchmark.
//!
//! [`generate`] builds the province as typed input values (a
//! [`Dataset`], the loader's own types), one entity kind after the other:
//! [`config`] (the hand-made sample's config and positions), [`communes`],
//! [`officials`] (with [`careers`] and [`names`]), [`evaluations`],
//! [`training`], [`tasks`], [`surveys`] (initiatives and surveys). A writer
//! then puts it on disk: [`yaml::write`] writes the data files with
//! serde-saphyr; [`xlsx::write`] writes one workbook from the same
//! [`Province`].
//!
//! Every value comes from one seeded generator ([`rng`]: SplitMix64,
//! integer arithmetic only), never from the clock or a hash map's order,
//! so a seed gives byte-identical files on every machine. The steps draw
//! from it in a fixed order: changing a step's draws changes every later
//! step's values.
//!
//! Shape (per the sample): communes of every region and kind, leaders first
//! (Bí thư, Chủ tịch, …) then staff; ≈ 42% party / 58% government bloc;
//! Tày, Nùng, Dao, H'Mông, Kinh … names by ethnicity; one evaluation per
//! official with ≈ 16% / 67% / 14% / 3% ratings and some totals exactly on
//! the thresholds; courses of every kind, trainings that follow the gaps,
//! tasks (some late), initiatives and three survey channels per commune.

mod careers;
mod communes;
mod config;
mod evaluations;
mod names;
mod officials;
mod rng;
mod surveys;
mod tasks;
mod training;
pub mod xlsx;
pub mod yaml;

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use crate::diag::Loc;
use crate::input::{Bloc, Dataset, Src};
use crate::model::Model;
use crate::model::score::SCALE;
use crate::model::warnings::late_tasks;
use crate::vn::thousands;

/// What to generate.
#[derive(Debug, Clone)]
pub struct Options {
    pub officials: usize,
    pub communes: usize,
    pub seed: u64,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            officials: 3555,
            communes: 56,
            seed: 1,
        }
    }
}

/// Counts of what was generated.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub communes: usize,
    pub officials: usize,
    pub party: usize,
    pub government: usize,
    pub evaluations: usize,
    /// Ratings of the config's period, discipline cap applied: excellent,
    /// good, pass, fail.
    pub ratings: [usize; 4],
    /// Evaluations whose total is exactly a threshold.
    pub boundary: usize,
    pub courses: usize,
    pub trainings: usize,
    pub tasks: usize,
    pub late_tasks: usize,
    pub initiatives: usize,
    pub surveys: usize,
    pub files: usize,
}

impl Summary {
    /// The counts of a province, by the model's own rules (files: 0).
    pub fn of(ds: &Dataset) -> Summary {
        let model = Model::compute(ds);
        let ratings = Model::rating_counts(&model.results).map(|n| n as usize);
        let t = &ds.config.kpi.thresholds;
        let boundary = model
            .results
            .iter()
            .filter(|r| {
                [t.excellent, t.good, t.pass]
                    .iter()
                    .any(|&t| r.score.total_x1200 == t as u64 * SCALE)
            })
            .count();
        let party = ds
            .officials
            .iter()
            .filter(|o| o.bloc == Bloc::Party)
            .count();
        Summary {
            communes: ds.communes.len(),
            officials: ds.officials.len(),
            party,
            government: ds.officials.len() - party,
            evaluations: ds.evaluations.len(),
            ratings,
            boundary,
            courses: ds.courses.len(),
            trainings: ds.trainings.len(),
            tasks: ds.tasks.len(),
            late_tasks: late_tasks(ds).len(),
            initiatives: ds.initiatives.len(),
            surveys: ds.surveys.len(),
            files: 0,
        }
    }

    /// The one-line summary printed by `baocao sample`.
    pub fn line(&self, dir: &Path, seed: u64) -> String {
        let n = |v: usize| thousands(v as i64);
        format!(
            "Đã tạo dữ liệu tỉnh mẫu tại {}: {} xã/phường, {} cán bộ (khối Đảng {}, khối chính quyền {}), {} phiếu đánh giá, {} khoá học, {} lượt đào tạo, {} nhiệm vụ, {} sáng kiến, {} phiếu khảo sát; {} tệp, hạt giống {seed}.",
            dir.display(),
            n(self.communes),
            n(self.officials),
            n(self.party),
            n(self.government),
            n(self.evaluations),
            n(self.courses),
            n(self.trainings),
            n(self.tasks),
            n(self.initiatives),
            n(self.surveys),
            n(self.files),
        )
    }
}

#[derive(Debug)]
pub enum SampleError {
    /// Wrong options or a non-empty folder without `--force` (exit 2).
    Usage(String),
    /// The files could not be written (exit 1).
    Io(String),
}

impl fmt::Display for SampleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SampleError::Usage(m) | SampleError::Io(m) => f.write_str(m),
        }
    }
}

/// A generated province: the input values, and the seed they came from.
pub struct Province {
    pub data: Dataset,
    pub seed: u64,
}

/// Writes a province into a folder and returns how many files it wrote.
pub type Writer = fn(&Province, &Path) -> Result<usize, SampleError>;

/// Upper bounds that keep a typo from filling the disk.
const MAX_COMMUNES: usize = 2_000;
const MAX_OFFICIALS: usize = 1_000_000;

/// Generate a province in memory.
pub fn generate(opts: &Options) -> Result<Province, SampleError> {
    if opts.communes == 0 || opts.communes > MAX_COMMUNES {
        return Err(SampleError::Usage(format!(
            "số xã/phường phải từ 1 đến {}, nhưng là {}",
            thousands(MAX_COMMUNES as i64),
            opts.communes
        )));
    }
    if opts.officials < opts.communes || opts.officials > MAX_OFFICIALS {
        return Err(SampleError::Usage(format!(
            "số cán bộ phải từ {} (mỗi xã/phường ít nhất một người) đến {}, nhưng là {}",
            opts.communes,
            thousands(MAX_OFFICIALS as i64),
            opts.officials
        )));
    }
    let mut rng = rng::Rng::new(opts.seed);
    let (communes, members) = communes::communes(&mut rng, opts.communes, opts.officials);
    let mut ds = Dataset {
        config: config::config(),
        communes,
        positions: config::positions(),
        officials: Vec::new(),
        evaluations: Vec::new(),
        courses: training::courses(),
        trainings: Vec::new(),
        tasks: Vec::new(),
        initiatives: Vec::new(),
        surveys: Vec::new(),
        index: Default::default(),
        notices: Vec::new(),
    };
    let (officials, plan) = officials::officials(&mut rng, &ds, members);
    ds.officials = officials;
    // Each commune's Bí thư (its first official) signs for its Đảng uỷ,
    // its Chủ tịch UBND for the People's Committee (state layout).
    for (c, range) in ds.communes.iter_mut().zip(&plan.members) {
        c.secretary = Some(ds.officials[range.start].name.clone());
        c.chairman = ds.officials[range.clone()]
            .iter()
            .find(|o| o.position == "chu-tich-ubnd")
            .map(|o| o.name.clone());
    }
    ds.evaluations = evaluations::evaluations(&mut rng, &ds, &plan);
    ds.trainings = training::trainings(&mut rng, &ds, &plan);
    ds.tasks = tasks::tasks(&mut rng, &ds, &plan);
    ds.initiatives = surveys::initiatives(&mut rng, &ds);
    ds.surveys = surveys::surveys(&mut rng, &ds, &plan.members);
    // Earlier periods' evaluations, from a generator of their own.
    let mut past = rng::Rng::new(opts.seed ^ 0x6b79_2d74_7275_6f63);
    let earlier = evaluations::earlier(&mut past, &ds, &plan);
    ds.evaluations.extend(earlier);
    ds.reindex();
    Ok(Province {
        data: ds,
        seed: opts.seed,
    })
}

/// Generate a province into `dir` as YAML files (see [`write_with`]).
pub fn write(dir: &Path, opts: &Options, force: bool) -> Result<Summary, SampleError> {
    write_with(dir, opts, force, yaml::write)
}

/// Generate a province into `dir` with `writer`. A folder that exists and
/// is not empty is refused unless `force`.
pub fn write_with(
    dir: &Path,
    opts: &Options,
    force: bool,
    writer: Writer,
) -> Result<Summary, SampleError> {
    if dir.exists() {
        if !dir.is_dir() {
            return Err(SampleError::Usage(format!(
                "{} đã có và không phải là thư mục",
                dir.display()
            )));
        }
        let non_empty = std::fs::read_dir(dir)
            .map_err(|e| io_error(dir, e))?
            .next()
            .is_some();
        if non_empty && !force {
            return Err(SampleError::Usage(format!(
                "thư mục {} đã có dữ liệu; chọn thư mục khác hoặc thêm --force để ghi đè",
                dir.display()
            )));
        }
    }
    let province = generate(opts)?;
    let files = writer(&province, dir)?;
    Ok(Summary {
        files,
        ..Summary::of(&province.data)
    })
}

fn io_error(p: &Path, e: std::io::Error) -> SampleError {
    SampleError::Io(format!("{}: {e}", p.display()))
}

/// The origin of a generated value: no file.
fn src() -> Src {
    Src {
        loc: Loc::file_only(&Arc::from(Path::new("baocao sample"))),
        path: String::new(),
        fields: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_add_up_and_every_commune_has_a_secretary() {
        let p = generate(&Options {
            officials: 100,
            communes: 60,
            seed: 3,
        })
        .unwrap();
        let s = Summary::of(&p.data);
        assert_eq!(s.officials, 100);
        assert_eq!(s.communes, 60);
        assert_eq!(s.party + s.government, 100);
        assert_eq!(s.ratings.iter().sum::<usize>(), 100);
        assert!(p.data.communes.iter().all(|c| c.secretary.is_some()));
        // The chairman is the commune's Chủ tịch UBND (small communes may have none).
        let chairman = |c: &crate::input::Commune| {
            p.data
                .officials
                .iter()
                .find(|o| o.commune == c.id && o.position == "chu-tich-ubnd")
                .map(|o| o.name.clone())
        };
        assert!(p.data.communes.iter().all(|c| c.chairman == chairman(c)));
        assert!(p.data.communes.iter().any(|c| c.chairman.is_some()));
        for bad in [(5, 6), (10, 0), (10, MAX_COMMUNES + 1)] {
            let opts = Options {
                officials: bad.0,
                communes: bad.1,
                seed: 1,
            };
            assert!(matches!(generate(&opts), Err(SampleError::Usage(_))));
        }
    }

    /// Written by either writer and loaded back, the province writes the
    /// same YAML files again: nothing was lost on the way (the serialisation
    /// itself is lossless, see the input types' tests).
    #[test]
    fn written_and_loaded_back_the_province_is_the_same() {
        let writers: [(Writer, usize); 2] = [(yaml::write, 7 + 3 * 4), (xlsx::write, 2)];
        let p = generate(&Options {
            officials: 120,
            communes: 4,
            seed: 5,
        })
        .unwrap();
        for (write, files) in writers {
            let dir = tempfile::tempdir().unwrap();
            assert_eq!(write(&p, dir.path()).unwrap(), files);
            let back = Province {
                data: crate::input::load(dir.path()).unwrap_or_else(|e| panic!("{}", e.render())),
                seed: p.seed,
            };
            assert!(yaml::files(&back).unwrap() == yaml::files(&p).unwrap());
        }
    }

    #[test]
    fn the_shape_of_the_default_province() {
        let p = generate(&Options::default()).unwrap();
        let s = Summary::of(&p.data);
        assert_eq!(s.officials, 3555);
        // ≈ 42% party bloc; ratings ≈ 16% / 67% / 14% / 3%.
        assert!((1400..1600).contains(&s.party), "{s:?}");
        // Shares of the config's period (earlier periods' evaluations come on top).
        let rated: usize = s.ratings.iter().sum();
        assert!(s.evaluations > rated, "{s:?}");
        let share = |n: usize| n * 100 / rated;
        assert!((12..20).contains(&share(s.ratings[0])), "{s:?}");
        assert!((60..72).contains(&share(s.ratings[1])), "{s:?}");
        assert!((10..18).contains(&share(s.ratings[2])), "{s:?}");
        assert!((1..6).contains(&share(s.ratings[3])), "{s:?}");
        assert!(s.boundary >= 30, "{s:?}");
        assert!(s.late_tasks > 0 && s.late_tasks < s.tasks, "{s:?}");
    }
}
