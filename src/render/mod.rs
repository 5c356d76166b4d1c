//! The renderers: one module per output format behind one small trait, all
//! reading the same [`Document`].

use crate::document::Document;
use crate::layouts::Layouts;

pub(crate) mod common;
pub mod eml;
pub mod html;
pub mod markdown;
pub mod pdf;
#[cfg(test)]
pub mod sample;
pub mod text;

/// An output format of `render`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum)]
pub enum Format {
    Markdown,
    Html,
    Text,
    Pdf,
    /// The email message, only when asked for.
    Eml,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Markdown, Format::Html, Format::Text, Format::Pdf];

    /// The file extension of the output.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Text => "txt",
            Format::Pdf => "pdf",
            Format::Eml => "eml",
        }
    }
}

/// What every renderer reads.
pub struct RenderContext<'a> {
    pub document: &'a Document,
    pub layouts: &'a Layouts,
    /// Options of the PDF output (ignored by the others).
    pub pdf: PdfOptions,
    /// How the HTML refers to the pictures.
    pub pictures: Pictures,
    /// The sending settings, for the `.eml` (the others ignore them).
    pub email: Option<&'a crate::workspace::EmailSettings>,
}

/// How the HTML refers to the pictures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Pictures {
    /// By their path beside the page, or under `base_url`.
    #[default]
    Files,
    /// As parts of the same email (`cid:`), unless `base_url` makes them
    /// absolute URLs.
    Attached,
}

/// The PDF standard to conform to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum PdfStandard {
    /// PDF/UA-1: tagged and accessible (the default).
    #[default]
    #[value(name = "ua-1")]
    Ua1,
    /// PDF/A-2b: archival.
    #[value(name = "a-2b")]
    A2b,
    /// Plain PDF 1.7, no standard claimed.
    #[value(name = "none")]
    None,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct PdfOptions {
    pub standard: PdfStandard,
}

/// Why an output could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error(transparent)]
    Layout(#[from] crate::layouts::LayoutError),
    /// A template of the workspace's `layouts/` that does not compile or run.
    #[error("{0}")]
    Template(String),
    /// The print layout failed; the message is typst's, already formatted with its source excerpt.
    #[error("{0}")]
    Typeset(String),
}

/// One output format.
pub trait Renderer {
    /// The bytes of the output file.
    fn render(&self, ctx: &RenderContext<'_>) -> Result<Vec<u8>, RenderError>;
}

/// The renderer of each format.
pub fn renderer(format: Format) -> &'static dyn Renderer {
    match format {
        Format::Markdown => &markdown::MarkdownRenderer,
        Format::Html => &html::HtmlRenderer,
        Format::Text => &text::TextRenderer,
        Format::Pdf => &pdf::PdfRenderer,
        Format::Eml => &eml::EmlRenderer,
    }
}
