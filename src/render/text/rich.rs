//! The rich-text tree as plain text: paragraphs wrapped, lists with hanging
//! indents, tables as aligned columns or as "header: value" blocks, links
//! numbered.

use textwrap::core::display_width;

use super::{Writer, wrap};
use crate::markup::{Align, Block, Inline};
use crate::render::common::{is_autolink, is_loose, with_colon};

impl Writer<'_> {
    /// Blocks as lines at most `width` wide, a blank line between blocks.
    pub(super) fn blocks(&mut self, blocks: &[Block], width: usize) -> Vec<String> {
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
                    with_colon(&text(&header, i), &self.doc.language),
                    text(row, i)
                );
                out.extend(wrap(&line, width, "", "  "));
            }
        }
        out
    }

    /// Inline content as one string; hard breaks are newlines.
    pub(super) fn inlines(&mut self, inlines: &[Inline]) -> String {
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
                Inline::Link {
                    url,
                    target,
                    content,
                    ..
                } => {
                    let text = self.inlines(content);
                    if text.trim().is_empty() {
                        out.push_str(url);
                    } else if is_autolink(&text, url, target) {
                        // The text is the address itself: print it once.
                        out.push_str(&text);
                    } else {
                        out.push_str(&text);
                        if let Some(n) = self.reference(target) {
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
