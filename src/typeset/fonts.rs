//! The fonts of the print edition: typst-assets' embedded faces (Libertinus
//! Serif, New Computer Modern, DejaVu Sans Mono) plus the sans-serif family
//! shipped in `layouts/fonts/`. No system font is ever looked at, so the PDF
//! never depends on the machine that renders it.

use std::borrow::Cow;
use std::sync::{Arc, Mutex};

use typst::foundations::Bytes;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;

use crate::layouts::{LayoutError, Layouts};

/// The faces a compilation may use, and their book.
pub struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

/// How many sets of fonts stay parsed in a process: a preview whose
/// workspace changes a font file a few times keeps them all.
const KEPT: usize = 4;

impl Fonts {
    /// The embedded faces and every `fonts/*.otf|ttf|otc|ttc` layout file,
    /// parsed once per process for the same files: every issue of a batch
    /// (`render` of several issues, `site`) and every version of an issue in
    /// `preview` shares one book.
    pub fn shared(layouts: &Layouts) -> Result<Arc<Self>, LayoutError> {
        static PARSED: Mutex<Vec<(u128, Arc<Fonts>)>> = Mutex::new(Vec::new());
        // Through `Layouts`, so a workspace may replace a face file by file.
        let files = layout_font_names()
            .iter()
            .map(|name| layouts.bytes(name))
            .collect::<Result<Vec<_>, _>>()?;
        let key = files_key(&files);
        let mut parsed = PARSED.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, fonts)) = parsed.iter().find(|(k, _)| *k == key) {
            return Ok(fonts.clone());
        }
        let fonts = Arc::new(Self::parse(files));
        if parsed.len() == KEPT {
            parsed.remove(0);
        }
        parsed.push((key, fonts.clone()));
        Ok(fonts)
    }

    fn parse(files: Vec<Cow<'static, [u8]>>) -> Self {
        let mut fonts: Vec<Font> = typst_assets::fonts()
            .flat_map(|data| Font::iter(Bytes::new(data)))
            .collect();
        for data in files {
            fonts.extend(Font::iter(Bytes::new(data.into_owned())));
        }
        let book = LazyHash::new(FontBook::from_fonts(&fonts));
        Self { book, fonts }
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

/// What identifies a set of font files: an embedded file by where it is
/// (it never changes), a workspace's by its bytes.
fn files_key(files: &[Cow<'static, [u8]>]) -> u128 {
    let identities: Vec<(usize, usize, u128)> = files
        .iter()
        .map(|file| match file {
            Cow::Borrowed(bytes) => (bytes.as_ptr() as usize, bytes.len(), 0),
            Cow::Owned(bytes) => (0, bytes.len(), typst::utils::hash128(bytes)),
        })
        .collect();
    typst::utils::hash128(&identities)
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
        let fonts = Fonts::shared(&Layouts::embedded()).unwrap();
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
    fn the_same_font_files_are_parsed_once_and_a_replaced_one_again() {
        let embedded = Fonts::shared(&Layouts::embedded()).unwrap();
        assert!(Arc::ptr_eq(
            &embedded,
            &Fonts::shared(&Layouts::embedded()).unwrap()
        ));
        // A workspace replacing the regular Inter by the bold one: another book.
        let dir = tempfile::tempdir().unwrap();
        let names = layout_font_names();
        let regular = names
            .iter()
            .find(|n| n.ends_with("Inter-Regular.otf"))
            .unwrap();
        let bold = names
            .iter()
            .find(|n| n.ends_with("Inter-Bold.otf"))
            .unwrap();
        let path = dir.path().join(regular);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, Layouts::embedded().bytes(bold).unwrap()).unwrap();
        let replaced = Fonts::shared(&Layouts::with_overrides(dir.path())).unwrap();
        assert!(!Arc::ptr_eq(&embedded, &replaced));
        let weights = |fonts: &Fonts| {
            (0..)
                .map_while(|i| fonts.book().info(i))
                .filter(|info| info.family == "Inter")
                .filter(|info| info.variant.weight.to_number() == 400)
                .filter(|info| info.variant.style == typst::text::FontStyle::Normal)
                .count()
        };
        assert!(weights(&embedded) > 0);
        assert_eq!(
            weights(&replaced),
            0,
            "the replaced face is not the bold one"
        );
    }

    #[test]
    fn the_sans_family_covers_french_typography() {
        let fonts = Fonts::shared(&Layouts::embedded()).unwrap();
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
