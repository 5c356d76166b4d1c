//! `issue.toml`, and its one reader: the index of the workspace reads it
//! once, and the issue loader takes what the index read.

use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::{FileId, IssueMeta};
use crate::diag::{Code, Diagnostic};
use crate::error::Result;
use crate::source::{self, SourceFile};
use crate::tomlfile::{self, DateValue, Schema, value};

pub const ISSUE_FILE: &str = "issue.toml";

const ISSUE_SCHEMA: Schema = &[
    value("number"),
    value("date"),
    value("title"),
    value("preheader"),
];

/// `issue.toml` as read: its text (when there is any), what it says (when
/// it can be used) and the findings about it.
#[derive(Debug, Clone)]
pub struct Header {
    pub source: Option<SourceFile>,
    pub meta: Option<IssueMeta>,
    pub findings: Vec<Diagnostic>,
}

#[derive(Deserialize)]
struct IssueToml {
    number: Spanned<u32>,
    date: DateValue,
    title: Option<String>,
    preheader: Option<String>,
}

/// Reads `issue.toml` of the issue in `dir` (`rel_dir` from the root).
pub fn read(root: &Path, dir: &Path, rel_dir: &str) -> Result<Header> {
    let rel = format!("{rel_dir}/{ISSUE_FILE}");
    let mut findings = Vec::new();
    if crate::workspace::read::entry(dir, &dir.join(ISSUE_FILE))
        .map_err(|e| crate::error::Error::io("read", dir, e))?
        == crate::workspace::read::Entry::Missing
    {
        findings.push(
            Diagnostic::file(Code::FrontMatter, rel, "the issue has no issue.toml")
                .with_help("create it with `number = 1` and `date = 2018-01-15`"),
        );
        return Ok(Header {
            source: None,
            meta: None,
            findings,
        });
    }
    let read = source::read(root, dir, &rel)?;
    findings.extend(read.finding);
    let meta = read
        .file
        .as_ref()
        .and_then(|file| parse(file, &mut findings));
    Ok(Header {
        source: read.file,
        meta,
        findings,
    })
}

/// Parses `issue.toml`; the meta refers to the file as [`FileId`] 0, where
/// the loader puts it.
pub fn parse(file: &SourceFile, diags: &mut Vec<Diagnostic>) -> Option<IssueMeta> {
    let toml: IssueToml = tomlfile::parse(
        file,
        0..file.text().len(),
        ISSUE_SCHEMA,
        "issue.toml",
        diags,
    )?;
    let date = toml.date.resolve(file).map_err(|d| diags.push(d)).ok();
    Some(IssueMeta {
        file: FileId(0),
        number: toml.number,
        date,
        date_span: toml.date.span.clone(),
        title: toml.title,
        preheader: toml.preheader,
    })
}
