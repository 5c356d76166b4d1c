//! The Markdown edition: one CommonMark document of the whole issue (with
//! GitHub tables and strikethrough), every section in order.
//!
//! Every text is escaped, so what an author wrote can never become markup
//! it did not have: `*_[]<>#\`~^|&` are always backslash-escaped (so `!`
//! never opens an image, nor `(` a link), and so
//! are `-`, `+`, `=` and `1.` where they would start a line. Raw HTML
//! comes out escaped (`\<script\>`), as visible text.
//!
//! Superscripts are written `^er^`, the input dialect of SPEC §1: plain
//! CommonMark has no superscript, Unicode superscript letters exist for
//! only some letters, and raw `<sup>` is the raw HTML we never emit; a
//! viewer without the extension shows the carets, nothing is lost.
//! Links keep only `http`, `https`, `mailto`, relative and `#` targets;
//! images stay relative (`images/x.jpg`, copied beside the `.md`).

use std::cell::Cell;

use super::html::heading_level;
use crate::links::{Target, classify};
use super::text::{contacts_label, is_autolink, is_loose, with_colon};
use super::{Format, RenderContext, RenderError, Renderer};
use crate::document::{Document, SectionBody};
use crate::markup::{Align, Block, Inline};

/// Renders the issue as one CommonMark document.
pub struct MarkdownRenderer;

impl Renderer for MarkdownRenderer {
    fn format(&self) -> Format {
        Format::Markdown
    }

    fn render(&self, ctx: &RenderContext<'_>) -> Result<Vec<u8>, RenderError> {
        Ok(render_markdown(ctx.document).into_bytes())
    }
}

/// The whole issue as CommonMark.
pub fn render_markdown(doc: &Document) -> String {
    let mut parts: Vec<String> = Vec::new();
    let meta = &doc.meta;
    let lang = meta.language.as_str();
    if meta.draft {
        parts.push(format!("> **{}**", escape(&doc.labels.draft)));
    }
    let mut title = escape(&meta.title);
    if let Some(issue_title) = &meta.issue_title {
        title.push_str(" — ");
        title.push_str(&escape(issue_title));
    }
    parts.push(format!("# {title}"));
    parts.push(guard(&format!(
        "**{} {}** · {}\\\n{}",
        escape(&doc.labels.issue),
        meta.number,
        escape(&meta.date_text),
        escape(&meta.publisher)
    )));
    for section in &doc.sections {
        parts.push(format!("## {}", escape(&section.title)));
        match &section.body {
            SectionBody::Editorial {
                blocks,
                signature,
                role,
            } => {
                parts.push(blocks_md(blocks, 3));
                parts.push(guard(&format!(
                    "**{}**\\\n*{}*",
                    escape(signature),
                    escape(role)
                )));
            }
            SectionBody::Text { blocks } => parts.push(blocks_md(blocks, 3)),
            SectionBody::Articles { articles } => {
                for article in articles {
                    parts.push(format!("### {}", one_line(&inlines(&article.title))));
                    if let Some(image) = &article.image {
                        parts.push(image_md(&image.path, &image.alt, ""));
                    }
                    parts.push(blocks_md(&article.blocks, 4));
                    if !article.contacts.is_empty() {
                        let label = with_colon(contacts_label(doc, &article.contacts), lang);
                        let people: Vec<String> = article
                            .contacts
                            .iter()
                            .map(|c| {
                                format!(
                                    "{}, [{}](<{}>)",
                                    escape(&c.name),
                                    escape(&c.email),
                                    destination(&format!("mailto:{}", c.email))
                                )
                            })
                            .collect();
                        parts.push(guard(&format!(
                            "**{}** {}",
                            escape(&label),
                            people.join("\\\n")
                        )));
                    }
                }
            }
            SectionBody::Agenda { groups } => {
                for group in groups {
                    if let Some(name) = &group.name {
                        parts.push(format!("### {}", escape(name)));
                    }
                    let items: Vec<String> = group
                        .events
                        .iter()
                        .map(|event| {
                            let mut item = format!(
                                "**{}** — {}",
                                escape(&event.when),
                                one_line(&inlines(&event.title))
                            );
                            if let Some(place) = &event.place {
                                item.push_str(&format!(" — *{}*", escape(place)));
                            }
                            if let Some(link) = &event.link {
                                item.push_str(&format!(
                                    " — {}",
                                    link_md(&escape(&doc.labels.more), link, "")
                                ));
                            }
                            format!("- {}", guard(&item))
                        })
                        .collect();
                    if !items.is_empty() {
                        parts.push(items.join("\n"));
                    }
                }
            }
            SectionBody::Calls { intro, calls } => {
                if !intro.is_empty() {
                    parts.push(blocks_md(intro, 3));
                }
                for call in calls {
                    parts.push(format!("### {}", one_line(&inlines(&call.title))));
                    let mut facts = format!(
                        "**{}** {}",
                        escape(&with_colon(&doc.labels.deadline, lang)),
                        escape(&call.deadline_text)
                    );
                    if let Some(programme) = &call.programme {
                        facts.push_str(&format!(
                            "\\\n**{}** {}",
                            escape(&with_colon(&doc.labels.programme, lang)),
                            escape(programme)
                        ));
                    }
                    parts.push(guard(&facts));
                    if !call.description.is_empty() {
                        parts.push(blocks_md(&call.description, 4));
                    }
                    if let Some(link) = &call.link {
                        parts.push(link_md(&escape(&doc.labels.more), link, ""));
                    }
                }
            }
        }
    }
    if !doc.team.is_empty() {
        parts.push(format!("## {}", escape(&doc.labels.team)));
        let members: Vec<String> = doc
            .team
            .iter()
            .map(|m| format!("- **{}**, {}", escape(&m.name), guard(&escape(&m.role))))
            .collect();
        parts.push(members.join("\n"));
    }
    let mut footer = vec![escape(&meta.publisher)];
    if let Some(site) = &meta.website {
        footer.push(match classify(site) {
            Target::Web(u) if is_autolink_safe(&u) => format!("<{u}>"),
            _ => link_md(&escape(site), site, ""),
        });
    }
    if let Some(contact) = &meta.contact {
        footer.push(format!(
            "{} {}",
            escape(&with_colon(&doc.labels.contact, lang)),
            link_md(&escape(contact), &format!("mailto:{contact}"), "")
        ));
    }
    parts.push("---".into());
    parts.push(guard(&footer.join("\\\n")));
    let mut out = parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    out.push('\n');
    out
}

/// Backslash-escapes every character that could start markup in CommonMark
/// or in our dialect, wherever it stands.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '~' | '^' | '|' | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes what would open a block at the start of a line of inline
/// content: a list marker, a setext underline, indentation.
fn guard(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let line = line.trim_start_matches([' ', '\t']);
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        if line.starts_with(['-', '+', '=']) {
            out.push('\\');
            out.push_str(line);
        } else if digits > 0 && line[digits..].starts_with(['.', ')']) {
            out.push_str(&line[..digits]);
            out.push('\\');
            out.push_str(&line[digits..]);
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Inline content kept on one line (headings, table cells).
fn one_line(text: &str) -> String {
    text.replace("\\\n", " ").replace('\n', " ")
}

/// A link destination for the `<...>` form, which allows any character
/// but line endings and unescaped angle brackets.
fn destination(url: &str) -> String {
    url.chars()
        .map(|c| match c {
            '<' => "%3C".into(),
            '>' => "%3E".into(),
            '\\' => "%5C".into(),
            '\n' | '\r' => String::new(),
            c => c.to_string(),
        })
        .collect()
}

fn title_attr(title: &str) -> String {
    if title.is_empty() {
        return String::new();
    }
    let escaped: String = title
        .chars()
        .flat_map(|c| match c {
            '"' | '\\' => vec!['\\', c],
            '\n' | '\r' => vec![' '],
            c => vec![c],
        })
        .collect();
    format!(" \"{escaped}\"")
}

/// A link around already-rendered `text`, or just the text when the target
/// is not one we let through.
fn link_md(text: &str, url: &str, title: &str) -> String {
    match classify(url) {
        Target::Web(u) | Target::Mail(u) | Target::Relative(u) => {
            format!("[{text}](<{}>{})", destination(&u), title_attr(title))
        }
        Target::Fragment(anchor) => format!("[{text}](<{}>{})", destination(&format!("#{anchor}")), title_attr(title)),
        Target::Phone(_) | Target::Unsafe(_) | Target::Broken(_) => text.to_owned(),
    }
}

fn image_md(url: &str, alt: &str, title: &str) -> String {
    match classify(url) {
        Target::Relative(u) => {
            format!(
                "![{}](<{}>{})",
                escape(alt),
                destination(&u),
                title_attr(title)
            )
        }
        _ => format!("\\[{}\\]", escape(alt)),
    }
}

/// Blocks separated by blank lines; content headings start at `min_level`
/// and never skip a level.
fn blocks_md(blocks: &[Block], min_level: u8) -> String {
    nested_md(blocks, min_level, &Cell::new(min_level - 1))
}

fn nested_md(blocks: &[Block], min_level: u8, last: &Cell<u8>) -> String {
    let mut parts = Vec::new();
    let mut previous_list: Option<bool> = None;
    let mut alternate = false;
    for block in blocks {
        // Two lists in a row with the same marker would merge into one.
        if let Block::List { ordered, .. } = block {
            alternate = previous_list == Some(*ordered) && !alternate;
            previous_list = Some(*ordered);
        } else {
            previous_list = None;
            alternate = false;
        }
        parts.push(block_md(block, min_level, last, alternate));
    }
    parts.join("\n\n")
}

/// The blocks of a tight list item: a paragraph and its nested lists
/// without blank lines, which would make the list loose.
fn tight_item_md(item: &[Block], min_level: u8, last: &Cell<u8>) -> String {
    let mut out = String::new();
    for (i, block) in item.iter().enumerate() {
        if i > 0 {
            // Only a bullet list or one starting at 1 may interrupt a paragraph.
            let interrupts =
                !matches!(block, Block::List { ordered: true, start, .. } if *start != 1);
            out.push_str(if interrupts { "\n" } else { "\n\n" });
        }
        out.push_str(&block_md(block, min_level, last, false));
    }
    out
}

fn block_md(block: &Block, min_level: u8, last: &Cell<u8>, alternate: bool) -> String {
    match block {
        Block::Paragraph { content } => guard(&inlines(content)),
        Block::Heading { level, content } => {
            let level = heading_level(*level, min_level, last) as usize;
            format!("{} {}", "#".repeat(level), one_line(&inlines(content)))
        }
        Block::List {
            ordered,
            start,
            items,
        } => {
            let tight = !is_loose(items);
            let rendered: Vec<String> = items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let marker = match (ordered, alternate) {
                        (true, false) => format!("{}. ", start + i),
                        (true, true) => format!("{}) ", start + i),
                        (false, false) => "- ".into(),
                        (false, true) => "* ".into(),
                    };
                    let indent = " ".repeat(marker.len());
                    let body = if tight {
                        tight_item_md(item, min_level, last)
                    } else {
                        nested_md(item, min_level, last)
                    };
                    let mut out = marker.trim_end().to_owned();
                    for (j, line) in body.split('\n').enumerate() {
                        match (j, line.is_empty()) {
                            (0, true) => {}
                            (0, false) => out.push_str(&format!(" {line}")),
                            (_, true) => out.push('\n'),
                            _ => out.push_str(&format!("\n{indent}{line}")),
                        }
                    }
                    out
                })
                .collect();
            rendered.join(if tight { "\n" } else { "\n\n" })
        }
        Block::Quote { content } => nested_md(content, min_level, last)
            .split('\n')
            .map(|line| {
                if line.is_empty() {
                    ">".to_owned()
                } else {
                    format!("> {line}")
                }
            })
            .collect::<Vec<_>>()
            .join("\n"),
        Block::Code { info, text } => {
            let longest = longest_run(text, '`');
            let fence = "`".repeat(longest.max(2) + 1);
            let info: String = info
                .split_whitespace()
                .next()
                .unwrap_or("")
                .chars()
                .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '+' | '.'))
                .collect();
            format!("{fence}{info}\n{text}\n{fence}")
        }
        Block::Table {
            align,
            header,
            rows,
        } => {
            let row = |cells: &[Vec<Inline>]| {
                let cells: Vec<String> = cells.iter().map(|c| one_line(&inlines(c))).collect();
                format!("| {} |", cells.join(" | "))
            };
            let columns = header.len().max(1);
            let delimiter: Vec<&str> = (0..columns)
                .map(|i| match align.get(i) {
                    Some(Align::Left) => ":---",
                    Some(Align::Center) => ":---:",
                    Some(Align::Right) => "---:",
                    _ => "---",
                })
                .collect();
            let mut lines = vec![row(header), format!("| {} |", delimiter.join(" | "))];
            lines.extend(rows.iter().map(|r| row(r)));
            lines.join("\n")
        }
        Block::Rule => "---".into(),
        // Raw HTML stays visible text: each line escaped, line breaks kept.
        Block::Html { text, .. } => guard(
            &text
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(escape)
                .collect::<Vec<_>>()
                .join("\\\n"),
        ),
    }
}

/// Whether a URL can be written as a `<...>` autolink.
fn is_autolink_safe(url: &str) -> bool {
    !url.contains(|c: char| c.is_whitespace() || c.is_control() || c == '<' || c == '>')
}

fn longest_run(text: &str, c: char) -> usize {
    let (mut longest, mut run) = (0, 0);
    for ch in text.chars() {
        run = if ch == c { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest
}

/// Inline content as CommonMark; hard breaks are `\` and a newline.
fn inlines(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text { text } | Inline::Html { text, .. } => out.push_str(&escape(text)),
            // A fence of three backticks could open a code block at the start
            // of a line: such rare code is written as escaped text instead.
            Inline::Code { text } if longest_run(text, '`') >= 2 => out.push_str(&escape(text)),
            Inline::Code { text } => {
                let fence = "`".repeat(longest_run(text, '`') + 1);
                let pad = if text.starts_with(['`', ' ']) || text.ends_with(['`', ' ']) {
                    " "
                } else {
                    ""
                };
                out.push_str(&format!("{fence}{pad}{text}{pad}{fence}"));
            }
            Inline::Emph { content } => out.push_str(&format!("*{}*", self::inlines(content))),
            Inline::Strong { content } => out.push_str(&format!("**{}**", self::inlines(content))),
            Inline::Strike { content } => out.push_str(&format!("~~{}~~", self::inlines(content))),
            Inline::Sup { content } => out.push_str(&format!("^{}^", self::inlines(content))),
            Inline::Link {
                url,
                title,
                content,
                ..
            } => {
                let text = crate::markup::plain_text(content);
                let autolink = is_autolink(&text, url) && title.is_empty();
                match classify(url) {
                    Target::Web(u)
                        if autolink
                            && !u.contains(|c: char| c.is_whitespace() || c == '<' || c == '>') =>
                    {
                        out.push_str(&format!("<{u}>"))
                    }
                    _ if content.is_empty() => out.push_str(&link_md(&escape(url), url, title)),
                    _ => out.push_str(&link_md(&self::inlines(content), url, title)),
                }
            }
            Inline::Image {
                url, alt, title, ..
            } => out.push_str(&image_md(url, alt, title)),
            Inline::Break => out.push_str("\\\n"),
            // The author's line breaks are kept; `guard` makes each line safe.
            Inline::SoftBreak => out.push('\n'),
        }
    }
    out
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
        String::from_utf8(MarkdownRenderer.render(&ctx).unwrap()).unwrap()
    }

    /// Parses our output again with the input dialect: what comes back is
    /// what a Markdown viewer would show.
    fn reparse(markdown: &str) -> Vec<Block> {
        parse_str(markdown)
    }

    #[test]
    fn no_word_of_the_sample_is_lost() {
        let doc = sample_document();
        let md = render(&doc);
        // A viewer shows `\*` as `*` and `1^er^` as a superscript "1er".
        let shown = md.replace(['\\', '^'], "");
        assert_eq!(missing_words(&doc, &shown), Vec::<String>::new(), "{md}");
    }

    #[test]
    fn text_round_trips_through_a_commonmark_parser() {
        let doc = sample_document();
        let md = render(&doc);
        let blocks = reparse(&md);
        let mut html_nodes = 0;
        crate::markup::walk_inlines(&blocks, &mut |i| {
            if matches!(i, Inline::Html { .. }) {
                html_nodes += 1
            }
        });
        assert!(
            !blocks.iter().any(|b| matches!(b, Block::Html { .. })),
            "raw HTML came back"
        );
        assert_eq!(html_nodes, 0);
    }

    #[test]
    fn author_text_cannot_create_markup() {
        let mut doc = sample_document();
        let hostile = "{{ 7*7 }} <script>alert(1)</script> #read(\"/etc/passwd\") ] *x* _y_ `z` [a](b) ~~s~~ ^t^ | &amp;";
        doc.meta.issue_title = Some(hostile.into());
        doc.sections[1].body = SectionBody::Text {
            blocks: vec![
                Block::Paragraph {
                    content: vec![Inline::Text {
                        text: format!("- 1. {hostile}"),
                    }],
                },
                Block::Paragraph {
                    content: vec![
                        Inline::Text { text: "a".into() },
                        Inline::Break,
                        Inline::Text { text: "===".into() },
                    ],
                },
                Block::Html {
                    text: "<script>alert(1)</script>".into(),
                    span: 0..0,
                },
            ],
        };
        let md = render(&doc);
        assert!(md.contains("\\<script\\>alert(1)\\</script\\>"), "{md}");
        // Parsed back, the hostile text is one plain text run.
        let blocks = reparse(&md);
        let Block::Heading { content, .. } = &blocks[0] else {
            panic!("{blocks:?}")
        };
        assert_eq!(content.len(), 1, "{content:?}");
        assert_eq!(
            crate::markup::plain_text(content),
            format!("InfoLettre — {hostile}")
        );
        let section = blocks.iter().position(|b| matches!(b, Block::Heading { content, .. } if crate::markup::plain_text(content) == "Éditorial")).unwrap();
        let Block::Paragraph { content } = &blocks[section + 1] else {
            panic!("{:?}", blocks[section + 1])
        };
        assert_eq!(
            content,
            &vec![Inline::Text {
                text: format!("- 1. {hostile}")
            }]
        );
        let Block::Paragraph { content } = &blocks[section + 2] else {
            panic!("{:?}", blocks[section + 2])
        };
        assert_eq!(
            content.len(),
            3,
            "a setext underline came back: {content:?}"
        );
        assert!(
            matches!(&blocks[section + 3], Block::Paragraph { content } if crate::markup::plain_text(content) == "<script>alert(1)</script>")
        );
    }

    #[test]
    fn code_spans_keep_their_backticks_and_spaces() {
        for code in ["a`b", " x ", "`", "a``b"] {
            let blocks = vec![Block::Paragraph {
                content: vec![
                    Inline::Text { text: "x".into() },
                    Inline::SoftBreak,
                    Inline::Code { text: code.into() },
                ],
            }];
            let back = reparse(&blocks_md(&blocks, 3));
            let Block::Paragraph { content } = &back[0] else {
                panic!("{back:?}")
            };
            assert_eq!(
                crate::markup::plain_text(content),
                format!("x {code}"),
                "{back:?}"
            );
        }
    }

    #[test]
    fn unsafe_links_become_text() {
        let mut doc = sample_document();
        doc.sections[1].body = SectionBody::Text {
            blocks: parse_str(
                "[clic](javascript:alert(1)) ![x](data:image/png;base64,AA) [ok](https://a.fr/x>y)",
            ),
        };
        let md = render(&doc);
        assert!(!md.contains("javascript:") && !md.contains("data:"), "{md}");
        assert!(
            md.contains("clic \\[x\\] [ok](<https://a.fr/x%3Ey>)"),
            "{md}"
        );
    }

    #[test]
    fn sections_articles_and_contacts_are_laid_out() {
        let md = render(&sample_document());
        assert!(
            md.starts_with(
                "# InfoLettre — Spécial fin d’année\n\n**Numéro 42** · 15 décembre 2017\\\nRéseau"
            ),
            "{md}"
        );
        assert!(md.contains("\n## Agenda\n\n### Réunions internes\n\n- **19 janvier 2018** — Réunion du Comité Exécutif restreint — *visioconférence*\n"));
        assert!(md.contains("— [Plus d’informations](<http://www.cnam.fr/ceet>)"));
        assert!(md.contains("\n### Réunion CDM21\n"));
        assert!(md.contains("**Contacts\u{A0}:** Ludovic COLLIN, [lcollin@reseaucitesdesmetiers.com](<mailto:lcollin@reseaucitesdesmetiers.com>)\\\nSylvie Sesma"));
        assert!(
            md.contains("**Date limite\u{A0}:** 1er février 2018\\\n**Programme\u{A0}:** Erasmus+")
        );
        assert!(md.contains("**Raquel Castello-Branco**\\\n*Présidente du Réseau*"));
        assert!(md.contains("un 1^er^ trimestre"));
        assert!(md.contains(
            "![Les stands du Forum de l’entrepreneuriat](<images/forum-entrepreneuriat.jpg>)"
        ));
        assert!(md.contains("<http://www.citedesmetiers.re/index.php/evenements/details/841>"));
        assert!(md.contains("| Rendez-vous | Date | Lieu |\n| :--- | ---: | :---: |\n"));
        assert!(md.contains("\\<p align=\"center\"\\>Merci de votre collaboration,\\</p\\>"));
        assert!(md.contains(
            "\n## L’équipe rédactionnelle\n\n- **Raquel Castello-Branco**, Présidente du Réseau\n"
        ));
    }

    #[test]
    fn content_round_trips_through_the_input_dialect() {
        let doc = sample_document();
        let mut checked = 0;
        for section in &doc.sections {
            let lists: Vec<&Vec<Block>> = match &section.body {
                SectionBody::Editorial { blocks, .. } => vec![blocks],
                SectionBody::Articles { articles } => articles.iter().map(|a| &a.blocks).collect(),
                SectionBody::Calls { intro, calls } => std::iter::once(intro)
                    .chain(calls.iter().map(|c| &c.description))
                    .collect(),
                _ => vec![],
            };
            for blocks in lists {
                let back = reparse(&blocks_md(blocks, 1));
                assert_eq!(
                    serde_json::to_value(&back).unwrap(),
                    serde_json::to_value(blocks).unwrap(),
                    "{}",
                    blocks_md(blocks, 1)
                );
                checked += 1;
            }
        }
        assert!(checked >= 8);
    }

    #[test]
    fn a_draft_says_so_first() {
        assert!(render(&sample_draft()).starts_with("> **BROUILLON**\n\n# InfoLettre"));
        assert!(!render(&sample_document()).contains("BROUILLON"));
    }

    #[test]
    fn the_sample_renders_as_expected() {
        insta::assert_snapshot!(render(&sample_document()));
    }
}
