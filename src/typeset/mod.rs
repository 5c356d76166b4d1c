//! The print engine: Typst embedded as a library. The layout (`print.typ`)
//! receives the issue only as JSON data; its rich text becomes content in
//! Rust ([`rich`]), so nothing a contributor writes is ever evaluated as
//! code. The layout fills its own last page (`print/fit.typ`).

mod diagnostics;
#[cfg(test)]
pub(crate) mod fixture;
mod fonts;
mod rich;
pub mod world;

use chrono::Datelike;
use typst::diag::{SourceDiagnostic, Warned};
use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{
    PdfOptions as TypstPdfOptions, PdfStandard as TypstStandard, PdfStandards, Timestamp,
};

use crate::document::Document;
use crate::layouts::Layouts;
use crate::render::{PdfOptions, PdfStandard, RenderError};

pub use world::PrintWorld;

/// Typesets the issue with the print layout and returns the PDF bytes.
pub fn compile_pdf(
    document: &Document,
    layouts: &Layouts,
    options: PdfOptions,
) -> Result<Vec<u8>, RenderError> {
    let world = PrintWorld::new(document, layouts)?;
    let (paged, warnings) = compile(&world)?;
    // What typst warns about (an override's unknown font, a layout that
    // did not settle within its passes) is said, never dropped.
    for warning in warnings {
        eprintln!("{warning}\n");
    }
    export_pdf(&world, &paged, document, options)
}

/// Parses the print edition's fonts now, so that the compilations find them
/// ready: for a command that can do it on another core while it checks and
/// builds the issues. A font that cannot be read is left for the
/// compilation to report.
pub fn parse_fonts(layouts: &Layouts) {
    let _ = fonts::Fonts::shared(layouts);
}

/// How many later issues a memoized result of typst outlives unused, in a
/// run that lays out several: what issues share (the layout's code, the
/// fonts' shaping of the headings and bands) stays, and memory is bounded
/// by a few issues' worth instead of growing with the archive (50 seed-sized
/// issues held 665 MB without it).
const BATCH_MEMO_AGE: usize = 4;

/// Forgets what typst memoized that the last few issues did not use: called
/// after each issue of a batch.
pub fn forget_unused() {
    typst::comemo::evict(BATCH_MEMO_AGE);
}

/// The PDF bytes of a document laid out by `world`.
pub fn export_pdf(
    world: &PrintWorld,
    paged: &PagedDocument,
    document: &Document,
    options: PdfOptions,
) -> Result<Vec<u8>, RenderError> {
    let pdf_options = pdf_options(document, options)?;
    typst_pdf::pdf(paged, &pdf_options)
        .map_err(|errors| RenderError::Typeset(diagnostics::format(world, &errors)))
}

/// Lays the document out. The layout fills its own last page, across
/// typst's layout passes (`print/fit.typ`), so that the typst CLI given
/// the same layout and data typesets the same pages.
/// Warnings come back formatted, errors as `Typeset`.
pub fn compile(world: &PrintWorld) -> Result<(PagedDocument, Vec<String>), RenderError> {
    let Warned { output, warnings } = typst::compile::<PagedDocument>(world);
    let warnings = warnings
        .iter()
        .map(|warning| diagnostics::format(world, std::slice::from_ref(warning)))
        .collect();
    match output {
        Ok(paged) => Ok((paged, warnings)),
        Err(errors) => Err(typeset_error(world, &errors)),
    }
}

fn typeset_error(world: &PrintWorld, errors: &[SourceDiagnostic]) -> RenderError {
    RenderError::Typeset(diagnostics::format(world, errors))
}

/// The PDF settings: the standard asked for, tags, and a fixed identity and
/// date taken from the issue so that the same issue gives the same bytes.
fn pdf_options(document: &Document, options: PdfOptions) -> Result<TypstPdfOptions, RenderError> {
    let list: &[TypstStandard] = match options.standard {
        PdfStandard::Ua1 => &[TypstStandard::Ua_1],
        PdfStandard::A2b => &[TypstStandard::A_2b],
        PdfStandard::None => &[],
    };
    let standards = PdfStandards::new(list)
        .map_err(|e| RenderError::Typeset(format!("error: {}", e.message())))?;
    let meta = &document.meta;
    // A draft without a valid date yet carries no date rather than a made-up one.
    let timestamp = meta
        .date
        .and_then(|date| {
            Datetime::from_ymd_hms(date.year(), date.month() as u8, date.day() as u8, 0, 0, 0)
        })
        .map(Timestamp::new_utc);
    let date = meta.date.map(|d| d.to_string()).unwrap_or_default();
    Ok(TypstPdfOptions {
        ident: Smart::Custom(format!(
            "infolettre/{}/{}/{}",
            meta.title, meta.issue_id, date
        )),
        timestamp,
        standards,
        tagged: true,
        ..TypstPdfOptions::default()
    })
}

#[cfg(test)]
mod tests;
