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
