//! Fonts for the PDF: the vendored ones embedded in the binary, plus any
//! the user adds with `--font-path`. System fonts are never used, so a PDF
//! comes out the same on every machine.

use std::path::Path;

use typst::foundations::Bytes;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;

use crate::error::AppError;

/// The vendored fonts (see `fonts/README.md`), embedded at build time.
const EMBEDDED: &[&[u8]] = &[
    include_bytes!("../../fonts/NotoSans-Regular.ttf"),
    include_bytes!("../../fonts/NotoSans-Bold.ttf"),
    include_bytes!("../../fonts/NotoSans-Italic.ttf"),
    include_bytes!("../../fonts/NotoSans-BoldItalic.ttf"),
    include_bytes!("../../fonts/NotoSansMono-Regular.ttf"),
    include_bytes!("../../fonts/NotoSansMono-Bold.ttf"),
    include_bytes!("../../fonts/NotoSansArabic-Regular.ttf"),
    include_bytes!("../../fonts/NotoSansArabic-Bold.ttf"),
    include_bytes!("../../fonts/NotoSansHebrew-Regular.ttf"),
    include_bytes!("../../fonts/NotoSansHebrew-Bold.ttf"),
    include_bytes!("../../fonts/NotoColorEmoji.ttf"),
];

/// A set of fonts and Typst's index of them. Loaded once per run and shared
/// by every plan built in it.
pub struct Fonts {
    pub(crate) book: LazyHash<FontBook>,
    pub(crate) fonts: Vec<Font>,
}

impl Fonts {
    /// The embedded fonts, and those in `extra` (searched recursively for
    /// `.ttf`, `.otf`, `.ttc` and `.otc` files).
    pub fn load(extra: Option<&Path>) -> Result<Fonts, AppError> {
        let mut fonts: Vec<Font> = EMBEDDED
            .iter()
            .flat_map(|data| Font::iter(Bytes::new(*data)))
            .collect();
        if let Some(dir) = extra {
            if !dir.is_dir() {
                return Err(AppError::Usage(format!(
                    "--font-path {}: no such folder",
                    dir.display()
                )));
            }
            let before = fonts.len();
            add_dir(dir, &mut fonts)?;
            if fonts.len() == before {
                return Err(AppError::Usage(format!(
                    "--font-path {}: no fonts (.ttf, .otf, .ttc, .otc) in it",
                    dir.display()
                )));
            }
        }
        let book = FontBook::from_fonts(&fonts);
        Ok(Fonts {
            book: LazyHash::new(book),
            fonts,
        })
    }

    /// Whether some font can show `c`. Characters that are never drawn
    /// (joiners, variation selectors, direction marks) count as shown.
    pub fn covers(&self, c: char) -> bool {
        is_default_ignorable(c)
            || c.is_whitespace()
            || self
                .fonts
                .iter()
                .any(|f| f.info().coverage.contains(c as u32))
    }

    /// The font families available, sorted; for error messages.
    pub fn families(&self) -> Vec<String> {
        let mut families: Vec<String> = self
            .book
            .families()
            .map(|(name, _)| name.to_string())
            .collect();
        families.dedup();
        families
    }
}

fn add_dir(dir: &Path, fonts: &mut Vec<Font>) -> Result<(), AppError> {
    for path in crate::files::find_anywhere(dir, &["ttf", "otf", "ttc", "otc"])? {
        let data = std::fs::read(&path).map_err(|source| AppError::Read {
            path: path.clone(),
            source,
        })?;
        let before = fonts.len();
        fonts.extend(Font::iter(Bytes::new(data)));
        if fonts.len() == before {
            return Err(AppError::Usage(format!(
                "{}: not a font Typst can read",
                path.display()
            )));
        }
    }
    Ok(())
}

/// Unicode's Default_Ignorable_Code_Point: characters with no glyph of their
/// own, which shaping uses (emoji sequences) or skips.
fn is_default_ignorable(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x034F | 0x061C | 0x115F | 0x1160 | 0x17B4 | 0x17B5 | 0x180B..=0x180F
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F
        | 0xFEFF | 0xFFA0 | 0xFFF0..=0xFFF8 | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A | 0xE0000..=0xE0FFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_fonts_cover_swedish_rtl_and_emoji() {
        let fonts = Fonts::load(None).unwrap();
        for c in "åäöÅÄÖéü–—‘’“”§€مريمשרה🎉👩\u{200d}\u{fe0f}\u{fffd}".chars()
        {
            assert!(fonts.covers(c), "{c:?} U+{:04X}", c as u32);
        }
        assert!(!fonts.covers('\u{1FB89}'));
        assert!(!fonts.covers('漢'));
    }
}
