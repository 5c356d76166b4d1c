//! The plain-text alternative of the email, written from the document model
//! (never stripped from the HTML): wrapped at 72 columns, headings
//! underlined, lists with hanging indents, tables as aligned columns or as
//! "header: value" blocks, and links numbered with their list at the end.
//!
//! Lines only pass 72 columns where a single word is longer than the room
//! left (a long URL or address is never broken), and in code blocks, whose
//! lines are kept as written.

mod rich;
#[cfg(test)]
mod tests;

use textwrap::core::display_width;
use textwrap::{Options, WordSeparator, WordSplitter};

use super::common::{absolute, contacts_label, issue_title, with_colon};
use super::{RenderContext, RenderError, Renderer};
use crate::document::{Document, SectionBody};
use crate::links::Target;

/// The widest line the text output writes.
pub const WIDTH: usize = 72;

/// Renders the plain-text alternative of the email.
pub struct TextRenderer;

impl Renderer for TextRenderer {
    fn render(&self, ctx: &RenderContext<'_>) -> Result<Vec<u8>, RenderError> {
        Ok(render_text(ctx.document).into_bytes())
    }
}

/// The whole issue as plain text.
pub fn render_text(doc: &Document) -> String {
    let mut w = Writer {
        doc,
        lines: Vec::new(),
        links: Vec::new(),
    };
    w.document();
    let mut out = String::new();
    for line in &w.lines {
        // "-- " is the signature delimiter: its space is meaningful.
        out.push_str(if line == "-- " {
            line
        } else {
            line.trim_end_matches(' ')
        });
        out.push('\n');
    }
    // Paragraph breaks are pushed generously; collapse runs of blank lines.
    while out.contains("\n\n\n") {
        out = out.replace("\n\n\n", "\n\n");
    }
    out.trim_start_matches('\n').to_owned()
}

struct Writer<'d> {
    doc: &'d Document,
    lines: Vec<String>,
    /// The numbered link targets, in order of first appearance.
    links: Vec<String>,
}

impl<'d> Writer<'d> {
    fn document(&mut self) {
        let doc = self.doc;
        let meta = &doc.meta;
        if meta.draft {
            self.push(format!("[{}]", doc.labels.draft));
            self.blank();
        }
        self.heading(&issue_title(meta), '=');
        self.push(format!(
            "{} {} · {}",
            doc.labels.issue, meta.number, meta.date_text
        ));
        self.push(meta.publisher.clone());
        for section in &doc.sections {
            self.blank();
            self.blank();
            self.heading(&section.title, '-');
            self.blank();
            self.section(&section.body);
        }
        if !doc.team.is_empty() {
            self.blank();
            self.blank();
            self.heading(&doc.labels.team, '-');
            self.blank();
            for member in &doc.team {
                let line = format!("{}, {}", member.name, member.role);
                self.extend(wrap(&line, WIDTH, "", "  "));
            }
        }
        if !self.links.is_empty() {
            self.blank();
            self.blank();
            self.heading(&doc.labels.links, '-');
            self.blank();
            let links = std::mem::take(&mut self.links);
            for (i, url) in links.iter().enumerate() {
                // A URL is one word: it may pass the width, never breaks.
                self.push(format!("[{}] {url}", i + 1));
            }
        }
        // Last, after the signature delimiter, as mail clients expect it.
        self.footer();
    }

    fn footer(&mut self) {
        let doc = self.doc;
        let mut lines = Vec::new();
        if let Some(site) = &doc.meta.website {
            lines.push(format!(
                "{} {}",
                with_colon(&doc.labels.website, &doc.language),
                site.url
            ));
        }
        if let Some(contact) = &doc.meta.contact {
            lines.push(format!(
                "{} {contact}",
                with_colon(&doc.labels.contact, &doc.language)
            ));
        }
        if let Some(unsubscribe) = &doc.meta.unsubscribe {
            lines.push(format!(
                "{} {}",
                with_colon(&doc.labels.unsubscribe, &doc.language),
                unsubscribe.url
            ));
        }
        if !lines.is_empty() {
            self.blank();
            self.blank();
            self.push("-- ".into());
            for line in lines {
                self.extend(wrap(&line, WIDTH, "", "  "));
            }
        }
    }

    fn section(&mut self, body: &SectionBody) {
        let doc = self.doc;
        let lang = &doc.language;
        match body {
            SectionBody::Editorial {
                blocks,
                signature,
                role,
            } => {
                let lines = self.blocks(blocks, WIDTH);
                self.extend(lines);
                self.blank();
                self.extend(wrap(signature, WIDTH, "", ""));
                self.extend(wrap(role, WIDTH, "", ""));
            }
            SectionBody::Text { blocks } => {
                let lines = self.blocks(blocks, WIDTH);
                self.extend(lines);
            }
            SectionBody::Articles { articles } => {
                for (i, article) in articles.iter().enumerate() {
                    if i > 0 {
                        self.blank();
                    }
                    let title = self.inlines(&article.title);
                    self.heading(&title, '~');
                    self.blank();
                    if let Some(image) = &article.image {
                        self.extend(wrap(&format!("[image: {}]", image.alt), WIDTH, "", " "));
                        self.blank();
                    }
                    let lines = self.blocks(&article.blocks, WIDTH);
                    self.extend(lines);
                    if !article.contacts.is_empty() {
                        self.blank();
                        let label = contacts_label(doc, &article.contacts);
                        let people: Vec<String> = article
                            .contacts
                            .iter()
                            // No-break spaces: a contact is never split over two lines.
                            .map(|c| format!("{} <{}>", c.name, c.email).replace(' ', "\u{A0}"))
                            .collect();
                        self.extend(wrap(
                            &format!("{label} {}", people.join(", ")),
                            WIDTH,
                            "",
                            "  ",
                        ));
                    }
                }
            }
            SectionBody::Agenda { groups } => {
                for group in groups {
                    if let Some(name) = &group.name {
                        self.blank();
                        self.extend(wrap(name, WIDTH, "", ""));
                        self.blank();
                    }
                    for event in &group.events {
                        let mut line = format!("{} — {}", event.when, self.inlines(&event.title));
                        if let Some(place) = &event.place {
                            line.push_str(" — ");
                            line.push_str(place);
                        }
                        if let Some(link) = &event.link
                            && let Some(n) = self.reference(&link.target)
                        {
                            line.push_str(&format!("\u{A0}[{n}]"));
                        }
                        self.extend(wrap(&line, WIDTH, "- ", "  "));
                    }
                }
            }
            SectionBody::Calls { intro, calls } => {
                let lines = self.blocks(intro, WIDTH);
                self.extend(lines);
                for call in calls {
                    self.blank();
                    let title = self.inlines(&call.title);
                    self.heading(&title, '~');
                    self.blank();
                    let deadline = with_colon(&doc.labels.deadline, lang);
                    self.extend(wrap(
                        &format!("{deadline} {}", call.deadline_text),
                        WIDTH,
                        "",
                        "  ",
                    ));
                    if let Some(programme) = &call.programme {
                        let label = with_colon(&doc.labels.programme, lang);
                        self.extend(wrap(&format!("{label} {programme}"), WIDTH, "", "  "));
                    }
                    if !call.description.is_empty() {
                        self.blank();
                        let lines = self.blocks(&call.description, WIDTH);
                        self.extend(lines);
                    }
                    if let Some(link) = &call.link
                        && let Some(n) = self.reference(&link.target)
                    {
                        self.blank();
                        self.push(format!("{}\u{A0}[{n}]", doc.labels.more));
                    }
                }
            }
        }
    }

    fn push(&mut self, line: String) {
        self.lines.push(line);
    }

    fn extend(&mut self, lines: Vec<String>) {
        self.lines.extend(lines);
    }

    fn blank(&mut self) {
        self.lines.push(String::new());
    }

    /// A wrapped heading underlined with `mark` as wide as its longest line.
    fn heading(&mut self, text: &str, mark: char) {
        let lines = wrap(text, WIDTH, "", "");
        let width = lines
            .iter()
            .map(|l| display_width(l))
            .max()
            .unwrap_or(0)
            .clamp(1, WIDTH);
        self.extend(lines);
        self.push(mark.to_string().repeat(width));
    }

    /// The number of a link target in the list at the end, when it gets one.
    fn reference(&mut self, target: &Target) -> Option<usize> {
        let target = match target {
            Target::Web(u) | Target::Mail { url: u, .. } | Target::Relative(u) => u.clone(),
            Target::Phone(_) | Target::Fragment(_) | Target::Unsafe(_) | Target::Broken(_) => {
                return None;
            }
        };
        let target = absolute(&target, &self.doc.meta).unwrap_or(target);
        Some(match self.links.iter().position(|l| *l == target) {
            Some(i) => i + 1,
            None => {
                self.links.push(target);
                self.links.len()
            }
        })
    }
}

/// Wraps `text` at `width` columns on ASCII spaces only: no-break spaces
/// hold, and a word longer than the line (a URL, an address) stays whole.
pub(crate) fn wrap(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    let options = Options::new(width)
        .initial_indent(first)
        .subsequent_indent(rest)
        .word_separator(WordSeparator::AsciiSpace)
        .word_splitter(WordSplitter::NoHyphenation)
        .break_words(false);
    textwrap::wrap(text, options)
        .into_iter()
        .map(|l| l.into_owned())
        .collect()
}
