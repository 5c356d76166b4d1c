//! The fonts of the print edition: typst-assets' embedded faces (Libertinus
//! Serif, New Computer Modern, DejaVu Sans Mono) plus the sans-serif family
//! shipped in `layouts/fonts/`. No system font is ever looked at, so the PDF
//! never depends on the machine that renders it.

use typst::foundations::Bytes;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;

use crate::layouts::{LayoutError, Layouts};

/// The faces a compilation may use, and their book.
pub struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

impl Fonts {
    /// Loads the embedded faces and every `fonts/*.otf|ttf|otc|ttc` layout file.
    pub fn load(layouts: &Layouts) -> Result<Self, LayoutError> {
        let mut fonts: Vec<Font> = typst_assets::fonts()
            .flat_map(|data| Font::iter(Bytes::new(data)))
            .collect();
        for name in layout_font_names() {
            // Through `Layouts`, so a workspace may replace a face file by file.
            let data = layouts.bytes(&name)?;
            fonts.extend(Font::iter(Bytes::new(data.into_owned())));
        }
        let book = LazyHash::new(FontBook::from_fonts(&fonts));
        Ok(Self { book, fonts })
    }

    /// The metadata typst selects faces from.
    pub fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }

    /// The face at `index` of the book.
    pub fn get(&self, index: usize) -> Option<Font> {
        self.fonts.get(index).cloned()
    }
}

/// The font files among the embedded layout files, in a stable order.
fn layout_font_names() -> Vec<String> {
    Layouts::embedded_names()
        .into_iter()
        .filter(|path| path.starts_with("fonts"))
        .filter(|path| {
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            matches!(
                ext.to_ascii_lowercase().as_str(),
                "otf" | "ttf" | "otc" | "ttc"
            )
        })
        .filter_map(|path| path.to_str().map(|s| s.replace('\\', "/")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_sans_family_has_the_four_faces_the_layout_uses() {
        let fonts = Fonts::load(&Layouts::embedded()).unwrap();
        let book = fonts.book();
        assert!(
            book.contains_family("inter"),
            "Inter is missing from layouts/fonts/"
        );
        assert!(book.contains_family("libertinus serif"));
        let inter: Vec<_> = (0..)
            .map_while(|i| book.info(i))
            .filter(|info| info.family == "Inter")
            .map(|info| (info.variant.weight.to_number(), info.variant.style))
            .collect();
        for weight in [400, 600, 700] {
            assert!(
                inter.iter().any(|(w, _)| *w == weight),
                "no Inter face of weight {weight}"
            );
        }
    }

    #[test]
    fn the_sans_family_covers_french_typography() {
        let fonts = Fonts::load(&Layouts::embedded()).unwrap();
        let regular = (0..)
            .map_while(|i| fonts.get(i))
            .find(|font| font.info().family == "Inter")
            .unwrap();
        for c in "éèêëàâçôûùïîœæÉÀÇŒ«»€\u{202F}\u{00A0}’–—…".chars() {
            assert!(
                regular.info().coverage.contains(c as u32),
                "Inter lacks {c:?}"
            );
        }
    }
}
