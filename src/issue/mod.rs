//! One issue of the newsletter, as loaded from its directory: `issue.toml`,
//! one file or folder per section, `images/`. Loading is tolerant: whatever
//! is wrong becomes a diagnostic and the rest is still loaded and checked.

mod assets;
mod front_matter;
pub mod header;
mod load;

use std::path::PathBuf;

use chrono::NaiveDate;
use serde::Deserialize;
use toml::Spanned;

pub use assets::{
    Asset, InvalidPicture, MAX_PICTURE_BYTES, MAX_PIXELS, Picture, PictureFormat, Unresolved,
    inspect_bytes, inspect_picture,
};
pub use front_matter::{Split, split};
pub use load::{load, load_id};

use crate::links::Link;
use crate::markup::Block;
use crate::source::{SourceFile, Span};
use crate::tomlfile::DateValue;
use crate::workspace::SectionDef;

/// The index of a source file in [`Issue::sources`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileId(pub usize);

/// A loaded issue.
#[derive(Debug)]
pub struct Issue {
    /// The directory name under `issues/` ("2017-12").
    pub id: crate::workspace::IssueId,
    /// The directory on disk.
    pub dir: PathBuf,
    /// The directory relative to the workspace root ("issues/2017-12").
    pub rel_dir: String,
    /// `issue.toml`, when it could be read and parsed.
    pub meta: Option<IssueMeta>,
    /// Every section of the settings, in print order.
    pub sections: Vec<LoadedSection>,
    /// Every text file read, indexed by [`FileId`].
    pub sources: Vec<SourceFile>,
}

impl Issue {
    pub fn source(&self, id: FileId) -> &SourceFile {
        &self.sources[id.0]
    }

    /// The issue's publication date, when `issue.toml` gives a valid one.
    pub fn date(&self) -> Option<NaiveDate> {
        self.meta.as_ref().and_then(|m| m.date)
    }

    /// Every article of every articles section, with its section.
    pub fn articles(&self) -> impl Iterator<Item = (&LoadedSection, &MdDoc<ArticleFront>)> {
        self.sections.iter().flat_map(|section| {
            let articles = match &section.content {
                Some(Content::Articles(articles)) => articles.as_slice(),
                _ => &[],
            };
            articles.iter().map(move |article| (section, article))
        })
    }

    /// Every Markdown text of the issue with the file it is in: bodies,
    /// call descriptions and intros.
    pub fn markdown(&self) -> Vec<(FileId, &[Block])> {
        let mut out: Vec<(FileId, &[Block])> = Vec::new();
        for section in &self.sections {
            match &section.content {
                Some(Content::Editorial(doc)) => out.push((doc.file, &doc.blocks)),
                Some(Content::Text(doc)) => out.push((doc.file, &doc.blocks)),
                Some(Content::Articles(docs)) => {
                    out.extend(docs.iter().map(|d| (d.file, d.blocks.as_slice())))
                }
                Some(Content::Calls(doc)) => {
                    out.push((doc.file, &doc.intro));
                    out.extend(
                        doc.calls
                            .iter()
                            .map(|c| (doc.file, c.description.as_slice())),
                    );
                }
                Some(Content::Agenda(_)) | None => {}
            }
        }
        out
    }
}

/// `issue.toml`, read.
#[derive(Debug, Clone)]
pub struct IssueMeta {
    pub file: FileId,
    pub number: Spanned<u32>,
    /// `None` when the date is not a valid date (an `invalid-date` finding).
    pub date: Option<NaiveDate>,
    pub date_span: Span,
    pub title: Option<String>,
    pub preheader: Option<String>,
}

/// A section of the settings and what this issue has for it.
#[derive(Debug)]
pub struct LoadedSection {
    pub def: SectionDef,
    /// `None` when the issue has no file for the section (or it could not be read).
    pub content: Option<Content>,
    /// Whether reading its file raised findings of its own (bad TOML, bad
    /// bytes): such a section is not also reported as missing.
    pub has_findings: bool,
}

impl LoadedSection {
    /// Whether the section has nothing to print.
    pub fn is_empty(&self) -> bool {
        match &self.content {
            None => true,
            Some(Content::Articles(articles)) => articles.is_empty(),
            Some(Content::Agenda(agenda)) => agenda.events.is_empty(),
            Some(Content::Calls(calls)) => calls.calls.is_empty() && calls.intro.is_empty(),
            Some(Content::Editorial(doc)) => doc.blocks.is_empty(),
            Some(Content::Text(doc)) => doc.blocks.is_empty(),
        }
    }
}

/// What an issue holds for one section, by kind.
#[derive(Debug)]
pub enum Content {
    Editorial(MdDoc<EditorialFront>),
    Text(MdDoc<TextFront>),
    Articles(Vec<MdDoc<ArticleFront>>),
    Agenda(AgendaDoc),
    Calls(CallsDoc),
}

/// A Markdown file: front matter (when present and valid) and body.
#[derive(Debug)]
pub struct MdDoc<F> {
    pub file: FileId,
    /// The file name without extension ("01-cocade").
    pub stem: String,
    pub front: Option<F>,
    /// Whether the file has front matter at all (valid or not).
    pub has_front: bool,
    pub body: Span,
    pub blocks: Vec<Block>,
}

/// Front matter of an editorial.
#[derive(Debug, Clone, Deserialize)]
pub struct EditorialFront {
    pub signature: Spanned<String>,
    pub role: Spanned<String>,
}

/// Front matter of a text section.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct TextFront {
    pub title: Option<Spanned<String>>,
}

/// Front matter of an article.
#[derive(Debug, Clone, Deserialize)]
pub struct ArticleFront {
    pub title: Spanned<String>,
    #[serde(default)]
    pub contacts: Vec<ContactEntry>,
    pub image: Option<Spanned<Link>>,
    pub image_alt: Option<Spanned<String>>,
    /// Warnings an editor verified and silenced for this article.
    #[serde(default)]
    pub allow: Vec<Spanned<String>>,
}

/// A contact named in an article.
#[derive(Debug, Clone, Deserialize)]
pub struct ContactEntry {
    pub name: Spanned<String>,
    pub email: Spanned<String>,
}

/// An agenda file.
#[derive(Debug)]
pub struct AgendaDoc {
    pub file: FileId,
    pub events: Vec<EventEntry>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct EventEntry {
    pub date: DateValue,
    pub end: Option<DateValue>,
    pub title: Spanned<String>,
    pub place: Option<Spanned<String>>,
    pub group: Option<Spanned<String>>,
    pub link: Option<Spanned<Link>>,
}

/// A calls file, its Markdown already parsed.
#[derive(Debug)]
pub struct CallsDoc {
    pub file: FileId,
    pub intro: Vec<Block>,
    /// Where the intro's TOML value is, for scanning its raw text.
    pub intro_span: Option<Span>,
    pub calls: Vec<Call>,
}

#[derive(Debug, Clone)]
pub struct Call {
    pub entry: CallEntry,
    pub description: Vec<Block>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct CallEntry {
    pub title: Spanned<String>,
    pub deadline: DateValue,
    pub programme: Option<Spanned<String>>,
    pub link: Option<Spanned<Link>>,
    pub description: Option<Spanned<String>>,
}
