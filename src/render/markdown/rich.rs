//! The rich-text tree as CommonMark: blocks and inlines, every text escaped,
//! headings that never skip a level, lists that never merge, and only the
//! link targets that [`href`] lets through.

use std::cell::Cell;

use crate::links::Target;
use crate::markup::{Align, Block, Inline};
use crate::render::common::{heading_level, href, image_src, is_autolink, is_loose};

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
pub(super) fn guard(text: &str) -> String {
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
pub(super) fn one_line(text: &str) -> String {
    text.replace("\\\n", " ").replace('\n', " ")
}

/// A link destination for the `<...>` form, which allows any character
/// but line endings and unescaped angle brackets.
pub(super) fn destination(url: &str) -> String {
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
pub(super) fn link_md(text: &str, target: &Target, title: &str) -> String {
    // Relative targets are kept as written.
    match href(target, None) {
        Some(target) => format!("[{text}](<{}>{})", destination(&target), title_attr(title)),
        None => text.to_owned(),
    }
}

pub(super) fn image_md(target: &Target, alt: &str, title: &str) -> String {
    match image_src(target, None) {
        Some(src) => {
            format!(
                "![{}](<{}>{})",
                escape(alt),
                destination(&src),
                title_attr(title)
            )
        }
        None => format!("\\[{}\\]", escape(alt)),
    }
}

/// Blocks separated by blank lines; content headings start at `min_level`
/// and never skip a level.
pub(super) fn blocks_md(blocks: &[Block], min_level: u8) -> String {
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
pub(super) fn is_autolink_safe(url: &str) -> bool {
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
pub(super) fn inlines(inlines: &[Inline]) -> String {
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
                target,
                title,
                content,
                ..
            } => {
                let text = crate::markup::plain_text(content);
                let autolink = is_autolink(&text, url, target) && title.is_empty();
                match target {
                    Target::Web(u) if autolink && is_autolink_safe(u) => {
                        out.push_str(&format!("<{u}>"))
                    }
                    _ if content.is_empty() => out.push_str(&link_md(&escape(url), target, title)),
                    _ => out.push_str(&link_md(&self::inlines(content), target, title)),
                }
            }
            Inline::Image {
                target, alt, title, ..
            } => out.push_str(&image_md(target, alt, title)),
            Inline::Break => out.push_str("\\\n"),
            // The author's line breaks are kept; `guard` makes each line safe.
            Inline::SoftBreak => out.push('\n'),
        }
    }
    out
}
