//! The long-lived print engine of the preview: one Typst world kept across
//! renders (the fonts are parsed once, and what typst memoized about the
//! unchanged parts of the issue stays valid, so a recompilation is
//! incremental), and the page images, rasterised again only for the pages
//! whose content changed.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use typst::utils::Scalar;
use typst_layout::{Page, PagedDocument};

use crate::document::Document;
use crate::layouts::Layouts;
use crate::render::{PdfOptions, RenderError};
use crate::typeset::{self, PrintWorld};

/// Pixels per typographic point of the page images: an A4 page is about
/// 890 × 1260 px, sharp at the width the preview shows it.
const PIXELS_PER_POINT: f64 = 1.5;

/// How many memoized results typst keeps for a result not used again: the
/// same as `typst watch`, so that memory stays bounded over a long session.
const MEMO_AGE: usize = 10;

/// One page image of the print edition.
#[derive(Clone)]
pub(crate) struct PageImage {
    /// Changes exactly when the page's content changes: the page's URL
    /// carries it, so the browser fetches only the pages that changed.
    pub version: String,
    pub png: Arc<Vec<u8>>,
}

/// The world, the last laid-out edition, and the images of its pages.
#[derive(Default)]
pub(crate) struct PrintEngine {
    world: Option<PrintWorld>,
    last: Option<Laid>,
    images: HashMap<u128, Arc<Vec<u8>>>,
    split: Split,
}

/// Where the time of the last print went, in milliseconds.
#[derive(Debug, Clone, Copy, Default, serde::Serialize)]
pub(crate) struct Split {
    /// Laying the edition out (incremental after the first time).
    pub layout: f64,
    /// Drawing the pages that changed.
    pub drawing: f64,
    /// How many pages were drawn.
    pub drawn: usize,
}

/// The edition last laid out, kept to export its PDF when it is asked for.
struct Laid {
    paged: PagedDocument,
    document: Document,
    pdf: Option<Arc<Vec<u8>>>,
}

impl PrintEngine {
    /// Lays `document` out and returns its page images and what typst
    /// warned about, formatted. `new_fonts` makes a new world (the layouts'
    /// font files changed); otherwise the world is updated in place.
    pub fn print(
        &mut self,
        document: &Document,
        layouts: &Layouts,
        new_fonts: bool,
    ) -> Result<(Vec<PageImage>, Vec<String>), RenderError> {
        let started = Instant::now();
        let world = self.world_for(document, layouts, new_fonts)?;
        let (paged, warnings) = typeset::compile(world)?;
        self.split.layout = ms_since(started);
        let started = Instant::now();
        let pages = self.page_images(paged.pages())?;
        self.split.drawing = ms_since(started);
        self.last = Some(Laid {
            paged,
            document: document.clone(),
            pdf: None,
        });
        Ok((pages, warnings))
    }

    /// Forgets what typst memoized that the last renders did not use, so
    /// that memory stays bounded over a long session. Called once the new
    /// edition is on show: it is off the path from a save to the page.
    pub fn tidy(&self) {
        typst::comemo::evict(MEMO_AGE);
    }

    /// Where the time of the last print went.
    pub fn split(&self) -> Split {
        self.split
    }

    /// The PDF of the edition last laid out, exported once.
    pub fn pdf(&mut self) -> Option<Result<Arc<Vec<u8>>, RenderError>> {
        let world = self.world.as_ref()?;
        let laid = self.last.as_mut()?;
        if let Some(pdf) = &laid.pdf {
            return Some(Ok(pdf.clone()));
        }
        let exported =
            typeset::export_pdf(world, &laid.paged, &laid.document, PdfOptions::default())
                .map(Arc::new);
        if let Ok(pdf) = &exported {
            laid.pdf = Some(pdf.clone());
        }
        Some(exported)
    }

    /// Forgets the last edition: it no longer matches the issue.
    pub fn forget(&mut self) {
        self.last = None;
    }

    fn world_for(
        &mut self,
        document: &Document,
        layouts: &Layouts,
        new_fonts: bool,
    ) -> Result<&PrintWorld, RenderError> {
        match &mut self.world {
            Some(world) if !new_fonts => world.update(document, layouts)?,
            _ => self.world = Some(PrintWorld::new(document, layouts)?),
        }
        Ok(self.world.as_ref().expect("the world was just made"))
    }

    /// The images of `pages`: those of unchanged pages taken from the last
    /// render, the others rasterised on every core.
    fn page_images(&mut self, pages: &[Page]) -> Result<Vec<PageImage>, RenderError> {
        let hashes: Vec<u128> = pages.iter().map(typst::utils::hash128).collect();
        let missing: Vec<usize> = (0..pages.len())
            .filter(|&i| !self.images.contains_key(&hashes[i]))
            .collect();
        self.split.drawn = missing.len();
        let rendered = rasterise_all(pages, &missing)?;
        let mut images: HashMap<u128, Arc<Vec<u8>>> = HashMap::new();
        for (i, png) in missing.iter().zip(rendered) {
            images.insert(hashes[*i], Arc::new(png));
        }
        for hash in &hashes {
            if let Some(png) = self.images.get(hash) {
                images.insert(*hash, png.clone());
            }
        }
        // Only the current pages are kept: memory stays that of one edition.
        self.images = images;
        Ok(hashes
            .iter()
            .map(|hash| PageImage {
                version: format!("{hash:032x}"),
                png: self.images[hash].clone(),
            })
            .collect())
    }
}

fn ms_since(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

/// Rasterises the pages at `indices`, on every core.
fn rasterise_all(pages: &[Page], indices: &[usize]) -> Result<Vec<Vec<u8>>, RenderError> {
    crate::parallel::map(indices, |&i| rasterise(&pages[i]))
        .into_iter()
        .collect()
}

/// One page as PNG bytes, drawn by typst's own rasteriser.
fn rasterise(page: &Page) -> Result<Vec<u8>, RenderError> {
    let options = typst_render::RenderOptions {
        pixel_per_pt: Scalar::new(PIXELS_PER_POINT),
        render_bleed: false,
    };
    let pixmap = typst_render::render(page, &options);
    let (width, height) = (pixmap.width(), pixmap.height());
    // A page is opaque (typst fills it white unless told otherwise): then
    // its premultiplied pixels are already the straight ones PNG wants.
    let opaque = pixmap.data().chunks_exact(4).all(|px| px[3] == 255);
    let data = if opaque {
        pixmap.take()
    } else {
        pixmap.take_demultiplied()
    };
    encode_png(&data, width, height)
        .map_err(|e| RenderError::Typeset(format!("error: cannot encode a page image: {e}")))
}

/// RGBA pixels as PNG, compressed for speed (fdeflate): a page is drawn
/// for one look, and tiny-skia's own encoder would spend most of the
/// drawing time on a smaller file.
fn encode_png(rgba: &[u8], width: u32, height: u32) -> Result<Vec<u8>, png::EncodingError> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    encoder.write_header()?.write_image_data(rgba)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::sample::sample_document;

    const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

    #[test]
    fn pages_are_drawn_and_unchanged_pages_are_not_drawn_again() {
        let layouts = Layouts::embedded();
        let mut engine = PrintEngine::default();
        let document = sample_document();
        let (first, warnings) = engine.print(&document, &layouts, false).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert!(!first.is_empty());
        assert!(first.iter().all(|p| p.png.starts_with(PNG_SIGNATURE)));
        let (again, _) = engine.print(&document, &layouts, false).unwrap();
        for (a, b) in first.iter().zip(&again) {
            assert_eq!(a.version, b.version);
            // The very same bytes: taken from the cache, not drawn again.
            assert!(Arc::ptr_eq(&a.png, &b.png));
        }
        let mut changed = document.clone();
        changed.meta.issue_title = Some("Un tout autre titre".into());
        let (third, _) = engine.print(&changed, &layouts, false).unwrap();
        assert_ne!(first[0].version, third[0].version);
    }

    #[test]
    fn the_pdf_is_that_of_the_last_edition() {
        let layouts = Layouts::embedded();
        let mut engine = PrintEngine::default();
        assert!(engine.pdf().is_none());
        engine.print(&sample_document(), &layouts, false).unwrap();
        let pdf = engine.pdf().unwrap().unwrap();
        assert!(pdf.starts_with(b"%PDF"));
        engine.forget();
        assert!(engine.pdf().is_none());
    }
}
