//! A province as one workbook (`baocao sample --xlsx`): `du-lieu.xlsx`,
//! every sheet of workbooks.md written from the schema's columns by the
//! template writer ([`crate::input::template`]), plus `config.yaml`.

use std::path::Path;

use super::{Province, SampleError, io_error, yaml};
use crate::input::template::{WORKBOOK, workbook};

/// Write `config.yaml` and `du-lieu.xlsx` into `dir`; returns how many
/// files (2). The YAML data files of an earlier `baocao sample` there are
/// removed (the data would be there twice).
pub fn write(p: &Province, dir: &Path) -> Result<usize, SampleError> {
    std::fs::create_dir_all(dir).map_err(|e| io_error(dir, e))?;
    yaml::remove(dir)?;
    let (rel, text) = yaml::config_file(p)?;
    let path = dir.join(rel);
    std::fs::write(&path, text).map_err(|e| io_error(&path, e))?;
    let book = workbook(Some(&p.data))
        .map_err(|e| SampleError::Io(format!("{WORKBOOK}: không ghi được bảng tính: {e}")))?;
    let path = dir.join(WORKBOOK);
    std::fs::write(&path, book).map_err(|e| io_error(&path, e))?;
    Ok(2)
}

/// Remove the workbook of an earlier `sample --xlsx` from `dir`.
pub fn remove(dir: &Path) -> Result<(), SampleError> {
    let p = dir.join(WORKBOOK);
    if p.is_file() {
        std::fs::remove_file(&p).map_err(|e| io_error(&p, e))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::{Options, generate};

    /// Written as a workbook and loaded back, the province is the same data.
    #[test]
    fn the_workbook_loads_back_to_the_same_province() {
        let opts = Options {
            officials: 90,
            communes: 3,
            seed: 7,
        };
        let p = generate(&opts).unwrap();
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(write(&p, dir.path()).unwrap(), 2);
        let back = Province {
            data: crate::input::load(dir.path()).unwrap_or_else(|e| panic!("{}", e.render())),
            seed: p.seed,
        };
        assert!(yaml::files(&back).unwrap() == yaml::files(&p).unwrap());
    }
}
