//! Vietnamese formatting and collation, used by the view-models.

mod collate;
mod format;
mod text;

pub use collate::{compare_names, compare_text, name_order};
pub use format::{
    date_body, date_header_parts, decimal1, decimal1_ratio, percent, ratio, thousands,
};
pub use text::{citation, lower_first, roman, sentence_case, upper_first};
