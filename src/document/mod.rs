//! The issue as one document: every section resolved, dates written out in
//! the newsletter's language, typography applied. Built once from a checked
//! issue; every renderer reads it and nothing else.

use crate::links::Link;
use chrono::NaiveDate;
use serde::Serialize;

use crate::markup::{Block, Inline};

/// Everything an output needs to print one issue.
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    pub meta: Meta,
    pub labels: Labels,
    /// The newsletter's language as the workspace resolved it (built in, or
    /// its own `layouts/languages/` file): the renderers look nothing up again.
    #[serde(skip)]
    pub language: crate::typography::Language,
    pub sections: Vec<Section>,
    /// The editorial team of `infolettre.toml`, printed in every issue.
    pub team: Vec<TeamMember>,
    /// Pictures referenced by the content, to be copied beside the outputs.
    pub assets: Vec<Asset>,
}

/// The newsletter and the issue.
#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    /// The newsletter's title ("InfoLettre").
    pub title: String,
    pub publisher: String,
    /// BCP 47 tag ("fr", "en-GB").
    pub language: String,
    /// The primary language subtag ("fr"), as Typst's `lang` wants it.
    pub lang: String,
    /// The region subtag, when the tag has one ("FR").
    pub region: Option<String>,
    /// Text direction: "ltr" or "rtl".
    pub dir: String,
    pub website: Option<Link>,
    pub contact: Option<String>,
    /// `[email] unsubscribe`: the email editions link to it in their footer.
    pub unsubscribe: Option<Link>,
    pub base_url: Option<String>,
    pub issue_id: String,
    pub number: u32,
    /// The publication date (serialized as ISO 8601, 2017-12-15); `None`
    /// only in a draft whose `issue.toml` has no valid date yet.
    #[serde(serialize_with = "iso_date")]
    pub date: Option<NaiveDate>,
    /// The publication date in the newsletter's language ("15 décembre 2017").
    pub date_text: String,
    /// The issue's own title, if any.
    pub issue_title: Option<String>,
    /// The email preview text.
    pub preheader: String,
    /// Whether the outputs must say they are drafts.
    pub draft: bool,
}

/// Words the outputs print around the content, in the newsletter's language.
#[derive(Debug, Clone, Serialize)]
pub struct Labels {
    pub contact: String,
    pub contacts: String,
    pub deadline: String,
    pub programme: String,
    pub more: String,
    pub issue: String,
    pub number: String,
    pub team: String,
    pub draft: String,
    pub links: String,
    pub page: String,
    pub contents: String,
    pub website: String,
    pub unsubscribe: String,
}

/// One section of the issue, in print order.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub id: String,
    pub title: String,
    #[serde(flatten)]
    pub body: SectionBody,
}

/// What a section holds, by kind.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum SectionBody {
    Editorial {
        blocks: Vec<Block>,
        signature: String,
        role: String,
    },
    Text {
        blocks: Vec<Block>,
    },
    Articles {
        articles: Vec<Article>,
    },
    Agenda {
        groups: Vec<AgendaGroup>,
    },
    Calls {
        intro: Vec<Block>,
        calls: Vec<Call>,
    },
}

#[derive(Debug, Clone, Serialize)]
pub struct Article {
    /// A stable anchor made from the file name ("01-cocade").
    pub slug: String,
    pub title: Vec<Inline>,
    pub image: Option<Image>,
    pub blocks: Vec<Block>,
    pub contacts: Vec<Contact>,
}

/// A picture with its path relative to the issue directory ("images/x.jpg").
#[derive(Debug, Clone, Serialize)]
pub struct Image {
    pub path: String,
    pub alt: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Contact {
    pub name: String,
    pub email: String,
}

/// Agenda events under one heading; `name` is `None` when the section declares no groups.
#[derive(Debug, Clone, Serialize)]
pub struct AgendaGroup {
    pub name: Option<String>,
    pub events: Vec<Event>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Event {
    /// The date or range in the newsletter's language ("31 janvier – 2 février 2018").
    pub when: String,
    pub date: WrittenDate,
    pub end: Option<WrittenDate>,
    pub title: Vec<Inline>,
    pub place: Option<String>,
    pub link: Option<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Call {
    pub title: Vec<Inline>,
    pub deadline: WrittenDate,
    /// The deadline in the newsletter's language.
    pub deadline_text: String,
    pub programme: Option<String>,
    pub link: Option<Link>,
    pub description: Vec<Block>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TeamMember {
    pub name: String,
    pub role: String,
}

/// A file the outputs refer to, copied from the issue directory.
#[derive(Debug, Clone, Serialize)]
pub struct Asset {
    /// Relative to the issue directory and to the output directory alike.
    pub path: String,
    /// Where it is on disk.
    #[serde(skip)]
    pub source: std::path::PathBuf,
    /// The picture, read and inspected once when the document is built;
    /// `None` when it is unsound (only a draft gets that far with one),
    /// and then no output shows it.
    #[serde(skip)]
    pub picture: Option<std::sync::Arc<crate::issue::Picture>>,
}

impl Asset {
    /// The size in pixels of a sound raster picture.
    pub fn pixels(&self) -> Option<(u32, u32)> {
        self.picture.as_ref().and_then(|p| p.pixels)
    }
}

/// A date of the content: a day of the calendar, or (only in a draft) the
/// text as written when it is none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WrittenDate {
    Day(NaiveDate),
    AsWritten(String),
}

impl std::fmt::Display for WrittenDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WrittenDate::Day(day) => write!(f, "{}", day.format("%Y-%m-%d")),
            WrittenDate::AsWritten(text) => f.write_str(text),
        }
    }
}

impl Serialize for WrittenDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

fn iso_date<S: serde::Serializer>(
    date: &Option<NaiveDate>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match date {
        Some(day) => serializer.collect_str(&day.format("%Y-%m-%d")),
        None => serializer.serialize_none(),
    }
}

mod build;

pub use build::build;
