//! §4 Kế hoạch đào tạo, bồi dưỡng (training plan), provincial and per commune.

use super::{Job, Selection};
use crate::model::Model;

/// Add this kind's jobs (none yet).
pub fn plan(_model: &Model, _sel: &Selection, _jobs: &mut Vec<Job>) {}
