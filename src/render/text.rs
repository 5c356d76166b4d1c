//! The plain-text alternative of the email, written from the document model
//! (never stripped from the HTML): wrapped at 72 columns, headings
//! underlined, lists with hanging indents, tables as aligned columns or as
//! "header: value" blocks, and links numbered with their list at the end.
//!
//! Lines only pass 72 columns where a single word is longer than the room
//! left (a long URL or address is never broken), and in code blocks, whose
//! lines are kept as written.

use textwrap::core::display_width;
use textwrap::{Options, WordSeparator, WordSplitter};

use crate::links::{Target, classify};
use super::{Format, RenderContext, RenderError, Renderer};
use crate::document::{Contact, Document, SectionBody};
use crate::markup::{Align, Block, Inline};

/// The widest line the text output writes.
pub const WIDTH: usize = 72;

/// Renders the plain-text alternative of the email.
pub struct TextRenderer;

impl Renderer for TextRenderer {
    fn format(&self) -> Format {
        Format::Text
    }

    fn render(&self, ctx: &RenderContext<'_>) -> Result<Vec<u8>, RenderError> {
        Ok(render_text(ctx.document).into_bytes())
    }
}

/// A label followed by a colon, spaced by the language's typography
/// ("Contact\u{A0}:" in French, "Contact:" in English).
pub(crate) fn with_colon(label: &str, language: &str) -> String {
    // The labels come bare; the language files say what goes before a colon.
    crate::typography::language(language).text(&format!("{label}:"))
}

/// The label of a contact line: singular or plural.
pub(crate) fn contacts_label<'d>(doc: &'d Document, contacts: &[Contact]) -> &'d str {
    if contacts.len() > 1 {
        &doc.labels.contacts
    } else {
        &doc.labels.contact
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
        let title = match &meta.issue_title {
            Some(t) => format!("{} — {}", meta.title, t),
            None => meta.title.clone(),
        };
        self.heading(&title, '=');
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
                "{} {site}",
                with_colon(&doc.labels.website, &doc.meta.language)
            ));
        }
        if let Some(contact) = &doc.meta.contact {
            lines.push(format!(
                "{} {contact}",
                with_colon(&doc.labels.contact, &doc.meta.language)
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
        let lang = doc.meta.language.as_str();
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
                        let label = with_colon(contacts_label(doc, &article.contacts), lang);
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
                            && let Some(n) = self.reference(link)
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
                        && let Some(n) = self.reference(link)
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
    fn reference(&mut self, url: &str) -> Option<usize> {
        let target = match classify(url) {
            Target::Web(u) | Target::Mail(u) | Target::Relative(u) => u,
            Target::Phone(_) | Target::Fragment(_) | Target::Unsafe(_) | Target::Broken(_) => return None,
        };
        let target = super::html::absolute(&target, &self.doc.meta).unwrap_or(target);
        Some(match self.links.iter().position(|l| *l == target) {
            Some(i) => i + 1,
            None => {
                self.links.push(target);
                self.links.len()
            }
        })
    }

    /// Blocks as lines at most `width` wide, a blank line between blocks.
    fn blocks(&mut self, blocks: &[Block], width: usize) -> Vec<String> {
        let mut out = Vec::new();
        for block in blocks {
            if !out.is_empty() {
                out.push(String::new());
            }
            let lines = self.block(block, width);
            out.extend(lines);
        }
        out
    }

    fn block(&mut self, block: &Block, width: usize) -> Vec<String> {
        match block {
            Block::Paragraph { content } => wrap(&self.inlines(content), width, "", ""),
            Block::Heading { content, .. } => {
                let mut lines = wrap(&self.inlines(content), width, "", "");
                let underline = lines.iter().map(|l| display_width(l)).max().unwrap_or(1);
                lines.push("·".repeat(underline.min(width)));
                lines
            }
            Block::List {
                ordered,
                start,
                items,
            } => self.list(*ordered, *start, items, width),
            Block::Quote { content } => self
                .blocks(content, width.saturating_sub(2).max(20))
                .into_iter()
                .map(|l| {
                    if l.is_empty() {
                        ">".into()
                    } else {
                        format!("> {l}")
                    }
                })
                .collect(),
            // Code keeps its lines: breaking them would change what they say.
            Block::Code { text, .. } => text.lines().map(|l| format!("    {l}")).collect(),
            Block::Table {
                align,
                header,
                rows,
            } => self.table(align, header, rows, width),
            Block::Rule => vec!["* * *".into()],
            Block::Html { text, .. } => wrap(text, width, "", ""),
        }
    }

    fn list(
        &mut self,
        ordered: bool,
        start: usize,
        items: &[Vec<Block>],
        width: usize,
    ) -> Vec<String> {
        let marker = |i: usize| {
            if ordered {
                format!("{}. ", start + i)
            } else {
                "- ".into()
            }
        };
        let indent = (0..items.len()).map(|i| marker(i).len()).max().unwrap_or(2);
        let loose = is_loose(items);
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            if loose && i > 0 {
                out.push(String::new());
            }
            let inner = width.saturating_sub(indent).max(20);
            let lines = if loose {
                self.blocks(item, inner)
            } else {
                // Tight: a nested list follows its paragraph line directly.
                item.iter()
                    .flat_map(|block| self.block(block, inner))
                    .collect()
            };
            let first = format!("{:<indent$}", marker(i));
            if lines.is_empty() {
                out.push(first.clone());
            }
            for (j, line) in lines.into_iter().enumerate() {
                out.push(match (j, line.is_empty()) {
                    (0, _) => format!("{first}{line}"),
                    (_, true) => String::new(),
                    _ => format!("{}{line}", " ".repeat(indent)),
                });
            }
        }
        out
    }

    fn table(
        &mut self,
        align: &[Align],
        header: &[Vec<Inline>],
        rows: &[Vec<Vec<Inline>>],
        width: usize,
    ) -> Vec<String> {
        let cell = |w: &mut Self, c: &[Inline]| w.inlines(c).replace('\n', " ");
        let header: Vec<String> = header.iter().map(|c| cell(self, c)).collect();
        let rows: Vec<Vec<String>> = rows
            .iter()
            .map(|r| r.iter().map(|c| cell(self, c)).collect())
            .collect();
        let columns = header
            .len()
            .max(rows.iter().map(Vec::len).max().unwrap_or(0));
        let text = |row: &[String], i: usize| row.get(i).cloned().unwrap_or_default();
        let widths: Vec<usize> = (0..columns)
            .map(|i| {
                std::iter::once(&header)
                    .chain(&rows)
                    .map(|r| display_width(&text(r, i)))
                    .max()
                    .unwrap_or(0)
                    .max(1)
            })
            .collect();
        let total = widths.iter().sum::<usize>() + 2 * columns.saturating_sub(1);
        if total <= width {
            let line = |row: &[String]| {
                (0..columns)
                    .map(|i| {
                        pad(
                            &text(row, i),
                            widths[i],
                            align.get(i).copied().unwrap_or(Align::None),
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("  ")
            };
            let mut out = vec![line(&header)];
            out.push(
                widths
                    .iter()
                    .map(|w| "-".repeat(*w))
                    .collect::<Vec<_>>()
                    .join("  "),
            );
            out.extend(rows.iter().map(|r| line(r)));
            return out;
        }
        // Too wide for columns: one block per row, each cell under its header.
        let mut out = Vec::new();
        for row in &rows {
            if !out.is_empty() {
                out.push(String::new());
            }
            for i in 0..columns {
                let line = format!(
                    "{} {}",
                    with_colon(&text(&header, i), &self.doc.meta.language),
                    text(row, i)
                );
                out.extend(wrap(&line, width, "", "  "));
            }
        }
        out
    }

    /// Inline content as one string; hard breaks are newlines.
    fn inlines(&mut self, inlines: &[Inline]) -> String {
        let mut out = String::new();
        for inline in inlines {
            match inline {
                Inline::Text { text } | Inline::Code { text } | Inline::Html { text, .. } => {
                    out.push_str(text)
                }
                Inline::Emph { content } | Inline::Strong { content } | Inline::Sup { content } => {
                    out.push_str(&self.inlines(content))
                }
                Inline::Strike { content } => {
                    out.push_str("~~");
                    out.push_str(&self.inlines(content));
                    out.push_str("~~");
                }
                Inline::Link { url, content, .. } => {
                    let text = self.inlines(content);
                    if text.trim().is_empty() {
                        out.push_str(url);
                    } else if is_autolink(&text, url) {
                        // The text is the address itself: print it once.
                        out.push_str(&text);
                    } else {
                        out.push_str(&text);
                        if let Some(n) = self.reference(url) {
                            out.push_str(&format!("\u{A0}[{n}]"));
                        }
                    }
                }
                Inline::Image { alt, .. } => out.push_str(&format!("[image: {alt}]")),
                Inline::Break => out.push('\n'),
                Inline::SoftBreak => out.push(' '),
            }
        }
        out
    }
}

/// Whether a list needs blank lines between its items: the model keeps no
/// tightness, so a list is tight when each item is one block, possibly
/// followed by nested lists.
pub(crate) fn is_loose(items: &[Vec<Block>]) -> bool {
    items.iter().any(|item| {
        item.iter()
            .skip(1)
            .any(|b| !matches!(b, Block::List { .. }))
    })
}

/// Whether a link's text is its own target (`<http://a.fr>`, `<a@b.fr>`).
pub(crate) fn is_autolink(text: &str, url: &str) -> bool {
    text == url
        || url
            .strip_prefix("mailto:")
            .is_some_and(|address| address == text)
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

fn pad(text: &str, width: usize, align: Align) -> String {
    let room = width.saturating_sub(display_width(text));
    match align {
        Align::Right => format!("{}{text}", " ".repeat(room)),
        Align::Center => format!(
            "{}{text}{}",
            " ".repeat(room / 2),
            " ".repeat(room - room / 2)
        ),
        Align::Left | Align::None => format!("{text}{}", " ".repeat(room)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markup::parse_str;
    use crate::render::sample::{missing_words, sample_document, sample_draft};

    fn render(doc: &Document) -> String {
        let layouts = crate::layouts::Layouts::embedded();
        let ctx = RenderContext {
            document: doc,
            layouts: &layouts,
            pdf: Default::default(),
        };
        String::from_utf8(TextRenderer.render(&ctx).unwrap()).unwrap()
    }

    /// Whether a line over the width is one unbreakable URL or address
    /// with at most a list marker or reference number before it.
    fn is_long_word_line(line: &str) -> bool {
        let words: Vec<&str> = line.split(' ').filter(|w| !w.is_empty()).collect();
        let long: Vec<&&str> = words.iter().filter(|w| display_width(w) > 20).collect();
        long.len() == 1
            && (long[0].contains("://") || long[0].contains('@'))
            && display_width(line) - display_width(long[0]) <= 8
    }

    #[test]
    fn no_word_of_the_sample_is_lost() {
        let doc = sample_document();
        let text = render(&doc);
        assert_eq!(missing_words(&doc, &text), Vec::<String>::new(), "{text}");
    }

    #[test]
    fn lines_fit_in_72_columns_except_single_long_urls() {
        let mut doc = sample_document();
        let long = "https://www.reseaucitesdesmetiers.com/un/chemin/vraiment/tres/long/vers/une/page-du-site.php";
        doc.sections[1].body = SectionBody::Text {
            blocks: parse_str(&format!(
                "Voir {long} et [le site]({long}x) ou écrire à \
                 une.adresse.vraiment.tres.longue.pour.un.contact@reseaucitesdesmetiers.com demain."
            )),
        };
        let text = render(&doc);
        for line in text.lines() {
            assert!(
                display_width(line) <= WIDTH || is_long_word_line(line),
                "too wide: {line:?}"
            );
        }
        assert!(text.contains(long), "the URL was broken");
        assert!(text.contains(
            "une.adresse.vraiment.tres.longue.pour.un.contact@reseaucitesdesmetiers.com"
        ));
    }

    #[test]
    fn headings_are_underlined() {
        let text = render(&sample_document());
        assert!(
            text.starts_with(
                "InfoLettre — Spécial fin d’année\n================================\n"
            ),
            "{text}"
        );
        assert!(text.contains("\nAgenda\n------\n"));
        assert!(text.contains("\nRéunion CDM21\n~~~~~~~~~~~~~\n"));
    }

    #[test]
    fn links_are_numbered_and_listed_once_and_autolinks_printed_once() {
        let text = render(&sample_document());
        assert!(text.contains("page facebook\u{A0}[4]"), "{text}");
        assert!(text.contains("\nLiens\n-----\n\n[1] http://www.cnam.fr/ceet\n"));
        assert!(text.contains("[4] https://www.facebook.com/reseaucitesdesmetiers/\n"));
        let autolink = "http://www.citedesmetiers.re/index.php/evenements/details/841";
        assert_eq!(text.matches(autolink).count(), 1);
        assert_eq!(
            text.matches("delegationexecutive@citedesmetiers.fr")
                .count(),
            2,
            "text and footer"
        );
        assert!(!text.contains("[image: Les participants de la formation COCADE] ["));
        let links = text.find("\nLiens\n").unwrap();
        let signature = text.find("\n-- \n").expect("a signature delimiter");
        assert!(links < signature, "the links come before the signature");
    }

    #[test]
    fn lists_have_hanging_indents() {
        let text = render(&sample_document());
        assert!(text.contains("\n- proposer des ateliers pratiques pour les porteurs de projets et rompre\n  la solitude de l’entrepreneur\u{202F};\n"), "{text}");
        assert!(text.contains("\n1. la revue de l’offre de services"));
        assert!(
            text.contains("\n  - un panorama des métiers"),
            "nested list"
        );
    }

    #[test]
    fn tables_are_aligned_when_they_fit_and_blocks_otherwise() {
        let text = render(&sample_document());
        assert!(text.contains("\nRendez-vous                           Date        Lieu\n------------------------  ----------------  -----------------\nRéunion de travail         8 décembre 2017        Paris\n"), "{text}");
        let wide = parse_str(&format!(
            "| Nom | Description |\n|---|---|\n| a | {} |\n",
            "mot ".repeat(25)
        ));
        let doc = sample_document();
        let mut w = Writer {
            doc: &doc,
            lines: Vec::new(),
            links: Vec::new(),
        };
        let lines = w.blocks(&wide, WIDTH);
        assert_eq!(lines[0], "Nom\u{A0}: a");
        assert!(lines[1].starts_with("Description\u{A0}: mot mot"));
        assert!(lines.iter().all(|l| display_width(l) <= WIDTH));
    }

    #[test]
    fn images_contacts_and_deadlines_are_written_out() {
        let text = render(&sample_document());
        assert!(text.contains("[image: Les stands du Forum de l’entrepreneuriat]"));
        assert!(text.contains(
            "Contact\u{A0}: Annie\u{A0}Estelle\u{A0}BORDIER\u{A0}<annie.bordier@citedesmetiers.re>"
        ));
        assert!(text.contains(
            "Contacts\u{A0}: Ludovic\u{A0}COLLIN\u{A0}<lcollin@reseaucitesdesmetiers.com>,"
        ));
        assert!(text.contains("Date limite\u{A0}: 1er février 2018"));
        assert!(text.contains("- 8–9 février 2018 — Réunion CDM21 — Paris La Villette\n"));
    }

    #[test]
    fn colons_follow_the_language() {
        assert_eq!(with_colon("Contact", "fr"), "Contact\u{A0}:");
        assert_eq!(with_colon("Contact", "en"), "Contact:");
    }

    #[test]
    fn a_draft_says_so_on_its_first_line() {
        let text = render(&sample_draft());
        assert!(text.starts_with("[BROUILLON]\n"));
        assert!(!render(&sample_document()).contains("BROUILLON"));
    }

    #[test]
    fn unsafe_links_get_no_reference() {
        let mut doc = sample_document();
        doc.sections[1].body = SectionBody::Text {
            blocks: parse_str("[clic](javascript:alert(1)) et [ici](#01-cocade)"),
        };
        let text = render(&doc);
        assert!(text.contains("clic et ici"), "{text}");
        assert!(!text.contains("javascript:"));
    }

    #[test]
    fn the_sample_renders_as_expected() {
        insta::assert_snapshot!(render(&sample_document()));
    }
}
