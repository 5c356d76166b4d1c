//! The PDF output: the A4 print edition, typeset by the embedded Typst engine
//! from the print layout (see [`crate::typeset`]).

use super::{RenderContext, RenderError, Renderer};
use crate::typeset;

/// Renders the print edition of an issue as PDF bytes.
pub struct PdfRenderer;

impl Renderer for PdfRenderer {
    fn render(&self, ctx: &RenderContext<'_>) -> Result<Vec<u8>, RenderError> {
        typeset::compile_pdf(ctx.document, ctx.layouts, ctx.pdf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layouts::Layouts;
    use crate::render::sample::sample_document;
    use crate::render::{PdfOptions, PdfStandard};

    #[test]
    fn the_renderer_writes_a_tagged_pdf_with_title_and_language() {
        let document = sample_document();
        let layouts = Layouts::embedded();
        let ctx = RenderContext {
            document: &document,
            layouts: &layouts,
            pdf: PdfOptions {
                standard: PdfStandard::Ua1,
            },
            pictures: Default::default(),
            email: None,
        };
        let bytes = PdfRenderer.render(&ctx).unwrap();
        assert!(bytes.starts_with(b"%PDF"));
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("/StructTreeRoot"), "not tagged");
        assert!(
            text.contains("/Lang (fr)") || text.contains("/Lang(fr)"),
            "no language"
        );
        assert!(text.contains("pdfuaid:part"), "no PDF/UA claim");
    }
}
