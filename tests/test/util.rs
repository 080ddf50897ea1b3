//! Small helpers shared by the test modules (the harness is in `support/`).

/// The paths among `paths` that contain `part` (a folder such as
/// `/phieu-danh-gia/`), in their order.
pub fn containing<'a>(paths: impl IntoIterator<Item = &'a String>, part: &str) -> Vec<String> {
    paths
        .into_iter()
        .filter(|p| p.contains(part))
        .cloned()
        .collect()
}

/// Asserts that `text` holds every one of `parts`.
#[track_caller]
pub fn assert_holds(text: &str, parts: &[&str]) {
    for part in parts {
        assert!(text.contains(part), "{part:?} not in:\n{text}");
    }
}
