//! A province as YAML data files, written by serde-saphyr from the input
//! types' own `Serialize` (data-model.md's format): config, positions,
//! communes, courses, tasks, initiatives and surveys one file each, and
//! one file per commune for officials, evaluations and trainings (the
//! loader parses files in parallel).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{Province, SampleError, io_error};
use crate::input::{Commune, Dataset, Evaluation, Official, Training};

/// The sub-folders of per-commune files.
const PER_COMMUNE: [&str; 3] = ["officials", "evaluations", "trainings"];

/// Write the files of [`files`] into `dir`. The `.yaml` files already in
/// the per-commune folders are removed first: an earlier run's communes
/// would mix in; so is the workbook of an earlier `sample --xlsx`.
pub fn write(p: &Province, dir: &Path) -> Result<usize, SampleError> {
    let files = files(p)?;
    remove_per_commune(dir)?;
    super::xlsx::remove(dir)?;
    for (rel, text) in &files {
        let p = dir.join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io_error(parent, e))?;
        }
        std::fs::write(&p, text).map_err(|e| io_error(&p, e))?;
    }
    Ok(files.len())
}

/// Remove the `.yaml` files of the per-commune folders.
fn remove_per_commune(dir: &Path) -> Result<(), SampleError> {
    for sub in PER_COMMUNE {
        let d = dir.join(sub);
        if let Ok(entries) = std::fs::read_dir(&d) {
            for e in entries.flatten() {
                let p = e.path();
                if p.extension().is_some_and(|x| x == "yaml" || x == "yml") {
                    std::fs::remove_file(&p).map_err(|e| io_error(&p, e))?;
                }
            }
        }
    }
    Ok(())
}

/// Remove the data files an earlier `baocao sample` wrote as YAML (all but
/// config.yaml), so that a workbook written there is the only data.
pub fn remove(dir: &Path) -> Result<(), SampleError> {
    remove_per_commune(dir)?;
    for f in SHARED {
        let p = dir.join(f);
        if p.is_file() {
            std::fs::remove_file(&p).map_err(|e| io_error(&p, e))?;
        }
    }
    Ok(())
}

/// The data files beside config.yaml.
const SHARED: [&str; 6] = [
    "positions.yaml",
    "communes.yaml",
    "training.yaml",
    "tasks.yaml",
    "initiatives.yaml",
    "surveys.yaml",
];

/// Every file of the province: its path under the folder and its text.
pub fn files(p: &Province) -> Result<Vec<(PathBuf, String)>, SampleError> {
    let ds = &p.data;
    let cfg = &ds.config;
    let period = cfg.period.words();
    let mut out = vec![
        config_file(p)?,
        file(
            "positions.yaml",
            "# Khung năng lực vị trí việc làm cán bộ, công chức cấp xã (dữ liệu mẫu).\n\
             # Yêu cầu để trống = không yêu cầu; trình độ đạt khi bằng hoặc cao hơn mức yêu cầu.\n",
            "positions",
            &ds.positions,
        )?,
        file(
            "communes.yaml",
            "# Các xã, phường của tỉnh mẫu (địa danh theo tỉnh Cao Bằng, tên người là hư cấu).\n\
             # region: urban | rural | mountain | border; cluster: huyện (thành phố) cũ.\n",
            "communes",
            &ds.communes,
        )?,
    ];
    let parts = parts(ds);
    let [results, service, coordination, discipline] = cfg.kpi.weights;
    for (c, part) in ds.communes.iter().zip(&parts) {
        out.push(file(
            per(c, "officials"),
            &format!(
                "# Cán bộ, công chức {} (dữ liệu mẫu sinh tự động, tên người là hư cấu).\n",
                place(c)
            ),
            "officials",
            &part.officials,
        )?);
    }
    for (c, part) in ds.communes.iter().zip(&parts) {
        out.push(file(
            per(c, "evaluations"),
            &format!(
                "# Kết quả đánh giá theo Bộ chỉ số KPI (Phụ lục 1), {period}, {} (dữ liệu mẫu).\n\
                 # k1..k4: kết quả thực hiện nhiệm vụ ({results}%); k5..k7: phục vụ người dân, doanh nghiệp ({service}%);\n\
                 # k8..k9: phối hợp, điều hành ({coordination}%); k10..k11: kỷ luật, liêm chính công vụ ({discipline}%).\n",
                place(c)
            ),
            "evaluations",
            &part.evaluations,
        )?);
    }
    out.push(file(
        "training.yaml",
        "# Các khoá đào tạo, bồi dưỡng (dữ liệu mẫu sinh tự động).\n",
        "courses",
        &ds.courses,
    )?);
    // Attendances per commune: files are parsed in parallel.
    for (c, part) in ds.communes.iter().zip(&parts) {
        out.push(file(
            per(c, "trainings"),
            &format!(
                "# Danh sách tham gia đào tạo, bồi dưỡng, {} (dữ liệu mẫu sinh tự động).\n",
                place(c)
            ),
            "trainings",
            &part.trainings,
        )?);
    }
    out.push(file(
        "tasks.yaml",
        "# Nhiệm vụ được giao có thời hạn (theo dõi tiến độ, cảnh báo sớm).\n",
        "tasks",
        &ds.tasks,
    )?);
    out.push(file(
        "initiatives.yaml",
        "# Sáng kiến quản trị hiệu quả; replicated: true = đã được Tỉnh nhân rộng toàn tỉnh.\n",
        "initiatives",
        &ds.initiatives,
    )?);
    out.push(file(
        "surveys.yaml",
        &format!(
            "# Kết quả khảo sát mức độ hài lòng {period} (ba kênh: người dân, doanh nghiệp, nội bộ).\n"
        ),
        "surveys",
        &ds.surveys,
    )?);
    Ok(out)
}

/// `config.yaml`, with a comment naming the seed and the size.
pub fn config_file(p: &Province) -> Result<(PathBuf, String), SampleError> {
    let ds = &p.data;
    file(
        "config.yaml",
        &format!(
            "# Tỉnh mẫu sinh tự động (baocao sample --seed {}): {} xã/phường, {} cán bộ; dữ liệu hư cấu.\n\
             # Bối cảnh ban hành của kỳ báo cáo {}; kpi, warnings không ghi là theo mặc định.\n",
            p.seed,
            ds.communes.len(),
            ds.officials.len(),
            ds.config.period.words()
        ),
        "config",
        &ds.config,
    )
}

/// A data file: comment lines, then `key:` (a top-level key of
/// data-model.md's discovery) and its value.
fn file<T: Serialize>(
    path: impl AsRef<Path>,
    comment: &str,
    key: &str,
    value: &T,
) -> Result<(PathBuf, String), SampleError> {
    struct Top<'a, T>(&'a str, &'a T);
    impl<T: Serialize> Serialize for Top<'_, T> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_map([(self.0, self.1)])
        }
    }
    let path = path.as_ref().to_path_buf();
    // Long one-line texts stay on one line (no folded `>` blocks).
    let options = serde_saphyr::SerializerOptions {
        folded_wrap_chars: usize::MAX,
        ..Default::default()
    };
    let text = serde_saphyr::to_string_with_options(&Top(key, value), options)
        .map_err(|e| SampleError::Io(format!("{}: không ghi được YAML: {e}", path.display())))?;
    Ok((path, format!("{comment}{text}")))
}

/// `officials/hoa-an.yaml`.
fn per(c: &Commune, sub: &str) -> PathBuf {
    Path::new(sub).join(format!("{}.yaml", c.id))
}

/// "xã Hoà An", "phường Thục Phán".
fn place(c: &Commune) -> String {
    format!("{} {}", c.kind.label(), c.name)
}

/// The officials, evaluations and trainings of one commune.
#[derive(Default)]
struct Part<'a> {
    officials: Vec<&'a Official>,
    evaluations: Vec<&'a Evaluation>,
    trainings: Vec<&'a Training>,
}

/// Officials, evaluations and trainings by the official's commune, in
/// commune order, each in input order.
fn parts(ds: &Dataset) -> Vec<Part<'_>> {
    let commune: HashMap<&str, usize> = ds
        .communes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let of_official: HashMap<&str, usize> = ds
        .officials
        .iter()
        .filter_map(|o| Some((o.id.as_str(), *commune.get(o.commune.as_str())?)))
        .collect();
    let mut parts: Vec<Part> = ds.communes.iter().map(|_| Part::default()).collect();
    for o in &ds.officials {
        if let Some(&c) = commune.get(o.commune.as_str()) {
            parts[c].officials.push(o);
        }
    }
    for e in &ds.evaluations {
        if let Some(&c) = of_official.get(e.official.as_str()) {
            parts[c].evaluations.push(e);
        }
    }
    for t in &ds.trainings {
        if let Some(&c) = of_official.get(t.official.as_str()) {
            parts[c].trainings.push(t);
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::{Options, generate};

    /// The same options give the same files; `remove` takes every data file
    /// away, config.yaml stays. (Loaded back, the files are the same data:
    /// the writers' test in `sample`.)
    #[test]
    fn the_same_seed_gives_the_same_files_and_remove_keeps_the_config() {
        let opts = Options {
            officials: 40,
            communes: 2,
            seed: 9,
        };
        assert!(
            files(&generate(&opts).unwrap()).unwrap() == files(&generate(&opts).unwrap()).unwrap()
        );
        let dir = tempfile::tempdir().unwrap();
        write(&generate(&opts).unwrap(), dir.path()).unwrap();
        remove(dir.path()).unwrap();
        let left: Vec<_> = walkdir::WalkDir::new(dir.path())
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(left, ["config.yaml"]);
    }
}
