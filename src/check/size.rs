//! `too-large`: what the print edition would be asked to lay out is bounded.
//! Typst lays out 100,000 agenda events, table rows or footnoted links in
//! minutes and gigabytes; no newsletter has a thousand, so past these
//! limits the issue is refused with a finding, in `check` and in every
//! `render`, drafts too.

use std::collections::BTreeMap;

use super::{Context, Rule};
use crate::diag::{Code, Diagnostic};
use crate::issue::{Content, Issue};
use crate::markup::{self, Block};

/// The most events one agenda may hold.
pub const MAX_EVENTS: usize = 1_000;
/// The most rows the tables of one file may hold together.
pub const MAX_TABLE_ROWS: usize = 2_000;
/// The most articles one issue may hold.
pub const MAX_ARTICLES: usize = 500;
/// The most links the Markdown of one issue may hold: each web link is a
/// footnote in print, and Typst's footnotes cost more than linear time
/// (4,000 take 3 s, 80,000 took 7 minutes and 4 GB).
pub const MAX_LINKS: usize = 2_000;

/// `too-large` for an agenda, a file's tables or an issue past the limits.
pub struct TooLarge;

impl Rule for TooLarge {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        out.extend(findings(cx.issue));
    }
}

/// Every `too-large` finding of `issue` (`render` refuses them even in a
/// draft).
fn findings(issue: &Issue) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut articles = 0;
    for section in &issue.sections {
        match &section.content {
            Some(Content::Agenda(agenda)) if agenda.events.len() > MAX_EVENTS => {
                let first_over = &agenda.events[MAX_EVENTS].title;
                out.push(Diagnostic::at(
                    Code::TooLarge,
                    issue.source(agenda.file),
                    first_over.span(),
                    format!(
                        "the agenda holds {} events, over the limit of {MAX_EVENTS}",
                        agenda.events.len()
                    ),
                ));
            }
            Some(Content::Articles(docs)) => articles += docs.len(),
            _ => {}
        }
    }
    if articles > MAX_ARTICLES {
        out.push(Diagnostic::file(
            Code::TooLarge,
            format!("{}/", issue.rel_dir),
            format!("the issue holds {articles} articles, over the limit of {MAX_ARTICLES}"),
        ));
    }
    let mut rows_by_file: BTreeMap<usize, usize> = BTreeMap::new();
    for (file, blocks) in issue.markdown() {
        let rows = rows_by_file.entry(file.0).or_default();
        markup::walk_blocks(blocks, &mut |block| {
            if let Block::Table { rows: r, .. } = block {
                *rows += r.len();
            }
        });
    }
    for (file, rows) in rows_by_file {
        let file = crate::issue::FileId(file);
        if rows > MAX_TABLE_ROWS {
            out.push(Diagnostic::file(
                Code::TooLarge,
                issue.source(file).path(),
                format!(
                    "the tables of this file hold {rows} rows, over the limit of {MAX_TABLE_ROWS}"
                ),
            ));
        }
    }
    let mut links = 0;
    for (file, blocks) in issue.markdown() {
        markup::walk_inlines(blocks, &mut |inline| {
            if let markup::Inline::Link { span, .. } = inline {
                links += 1;
                if links == MAX_LINKS + 1 {
                    out.push(Diagnostic::at(
                        Code::TooLarge,
                        issue.source(file),
                        span.clone(),
                        format!(
                            "this is link {}: an issue holds at most {MAX_LINKS}",
                            MAX_LINKS + 1
                        ),
                    ));
                }
            }
        });
    }
    out.iter_mut().for_each(|d| {
        d.help =
            Some("split it over several issues, or link to the full list on the website".into());
    });
    out
}
