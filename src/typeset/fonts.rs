//! Font discovery: the embedded Liberation Serif plus any fonts of a user folder.

use std::path::Path;

use typst::foundations::Bytes;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;

/// The fonts shipped inside the binary (SIL OFL, see fonts/LICENSE-OFL.txt).
const EMBEDDED: [&[u8]; 4] = [
    include_bytes!("../../fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../../fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../../fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../../fonts/LiberationSerif-BoldItalic.ttf"),
];

/// Every font the engine may use, loaded once.
pub struct FontSet {
    pub fonts: Vec<Font>,
    pub book: LazyHash<FontBook>,
    /// Hash of every font file used (for the incremental cache).
    pub fingerprint: String,
}

impl FontSet {
    /// Embedded fonts, then the `.ttf`/`.otf`/`.ttc` files of `extra_dir` (if any).
    /// Templates ask for "Times New Roman" first, so a real one found here wins.
    pub fn load(extra_dir: Option<&Path>) -> std::io::Result<FontSet> {
        use sha2::{Digest, Sha256};
        let mut hasher = Sha256::new();
        let mut fonts: Vec<Font> = Vec::new();
        for data in EMBEDDED {
            hasher.update(data);
            fonts.extend(Font::iter(Bytes::new(data)));
        }
        if let Some(dir) = extra_dir {
            let mut paths: Vec<_> = walkdir::WalkDir::new(dir)
                .follow_links(true)
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .map(|e| e.into_path())
                .filter(|p| {
                    p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                        matches!(
                            e.to_ascii_lowercase().as_str(),
                            "ttf" | "otf" | "ttc" | "otc"
                        )
                    })
                })
                .collect();
            paths.sort();
            for path in paths {
                let data = std::fs::read(&path)?;
                // Skip faces we already have (e.g. the shipped Liberation Serif).
                let new: Vec<Font> = Font::iter(Bytes::new(data.clone()))
                    .filter(|f| {
                        !fonts.iter().any(|g| {
                            g.info().family == f.info().family
                                && g.info().variant == f.info().variant
                        })
                    })
                    .collect();
                if !new.is_empty() {
                    hasher.update(&data);
                    fonts.extend(new);
                }
            }
        }
        let book = LazyHash::new(FontBook::from_fonts(&fonts));
        let fingerprint = format!("{:x}", hasher.finalize());
        Ok(FontSet {
            fonts,
            book,
            fingerprint,
        })
    }

    /// Family names available, for the `check` summary and tests.
    pub fn families(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .book
            .families()
            .map(|(name, _)| name.to_string())
            .collect();
        names.dedup();
        names
    }

    pub fn has_times_new_roman(&self) -> bool {
        self.families()
            .iter()
            .any(|f| f.eq_ignore_ascii_case("Times New Roman"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_fonts_cover_vietnamese() {
        let set = FontSet::load(None).unwrap();
        assert_eq!(set.fonts.len(), 4);
        assert!(set.families().iter().any(|f| f == "Liberation Serif"));
        assert!(!set.has_times_new_roman());
        for font in &set.fonts {
            for c in "ĐẢNG CỘNG SẢN VIỆT NAM ỷ ữ ợ ẫ"
                .chars()
                .filter(|c| !c.is_whitespace())
            {
                assert!(font.info().coverage.contains(c as u32), "{c} missing");
            }
        }
    }
}
