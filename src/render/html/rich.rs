//! The rich-text tree as HTML: blocks and inlines, every text escaped, only
//! safe link targets and images from the issue.

use std::cell::Cell;
use std::collections::HashMap;

use minijinja::value::Value;

use crate::document::{Asset, Meta};
use crate::links::Target;
use crate::markup::{Align, Block, Inline};
use crate::render::Pictures;
use crate::render::common::{email_size, heading_level, href, is_loose, picture_src};

/// Text escaped for HTML (or XML) content and quoted attribute values alike.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(text, &mut out);
    out
}

/// Escapes text for HTML content and quoted attribute values alike, into `out`.
fn escape_into(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

/// A ` title="…"` attribute, when there is a title.
fn push_title(title: &str, out: &mut String) {
    if !title.is_empty() {
        out.push_str(" title=\"");
        escape_into(title, out);
        out.push('"');
    }
}

/// Turns the rich-text tree into HTML; every text goes through [`escape`].
pub(super) struct Html<'d> {
    meta: &'d Meta,
    pictures: Pictures,
    /// The size in pixels of each sound raster picture, by issue path.
    sizes: HashMap<&'d str, (u32, u32)>,
    /// The level of the last heading written, so that none skips a level.
    last_heading: Cell<u8>,
}

impl<'d> Html<'d> {
    /// A writer for the content of the issue of `meta`.
    pub(super) fn new(meta: &'d Meta, pictures: Pictures, assets: &'d [Asset]) -> Self {
        Html {
            meta,
            pictures,
            sizes: assets
                .iter()
                .filter_map(|a| Some((a.path.as_str(), a.pixels()?)))
                .collect(),
            last_heading: Cell::new(0),
        }
    }

    /// The size the email shows the picture at `path` at, if it has one.
    pub(super) fn size_of(&self, path: &str) -> Option<(u32, u32)> {
        self.sizes.get(path).copied().map(email_size)
    }

    /// Blocks as a safe HTML fragment; headings start at `<h{min_level}>`.
    pub(super) fn blocks(&self, blocks: &[Block], min_level: u8) -> Value {
        self.last_heading.set(min_level - 1);
        let mut out = String::new();
        self.push_blocks(blocks, min_level, &mut out);
        Value::from_safe_string(out)
    }

    /// Inline content as a safe HTML fragment.
    pub(super) fn inlines(&self, inlines: &[Inline]) -> Value {
        let mut out = String::new();
        self.push_inlines(inlines, &mut out);
        Value::from_safe_string(out)
    }

    fn push_blocks(&self, blocks: &[Block], min_level: u8, out: &mut String) {
        for block in blocks {
            self.push_block(block, min_level, out);
        }
    }

    fn push_block(&self, block: &Block, min_level: u8, out: &mut String) {
        match block {
            Block::Paragraph { content } => {
                out.push_str("<p>");
                self.push_inlines(content, out);
                out.push_str("</p>\n");
            }
            Block::Heading { level, content } => {
                let level = heading_level(*level, min_level, &self.last_heading);
                out.push_str(&format!("<h{level}>"));
                self.push_inlines(content, out);
                out.push_str(&format!("</h{level}>\n"));
            }
            Block::List {
                ordered,
                start,
                items,
            } => {
                let tag = if *ordered { "ol" } else { "ul" };
                out.push('<');
                out.push_str(tag);
                if *ordered && *start != 1 {
                    out.push_str(&format!(" start=\"{start}\""));
                }
                out.push_str(">\n");
                let loose = is_loose(items);
                for item in items {
                    out.push_str("<li>");
                    match item.as_slice() {
                        // A tight item: no paragraph margins inside the bullet.
                        [Block::Paragraph { content }, rest @ ..] if !loose => {
                            self.push_inlines(content, out);
                            if !rest.is_empty() {
                                out.push('\n');
                            }
                            self.push_blocks(rest, min_level, out);
                        }
                        blocks => self.push_blocks(blocks, min_level, out),
                    }
                    out.push_str("</li>\n");
                }
                out.push_str(&format!("</{tag}>\n"));
            }
            Block::Quote { content } => {
                out.push_str("<blockquote>\n");
                self.push_blocks(content, min_level, out);
                out.push_str("</blockquote>\n");
            }
            Block::Code { text, .. } => {
                out.push_str("<pre><code>");
                escape_into(text, out);
                out.push_str("</code></pre>\n");
            }
            Block::Table {
                align,
                header,
                rows,
            } => {
                let style = |i: usize| match align.get(i) {
                    Some(Align::Left) => " style=\"text-align: left\"",
                    Some(Align::Center) => " style=\"text-align: center\"",
                    Some(Align::Right) => " style=\"text-align: right\"",
                    _ => "",
                };
                let row = |cells: &[Vec<Inline>], tag: &str, attributes: &str, out: &mut String| {
                    out.push_str("<tr>");
                    for (i, cell) in cells.iter().enumerate() {
                        out.push_str(&format!("<{tag}{attributes}{}>", style(i)));
                        self.push_inlines(cell, out);
                        out.push_str(&format!("</{tag}>"));
                    }
                    out.push_str("</tr>");
                };
                out.push_str("<table class=\"data\">\n<thead>\n");
                row(header, "th", " scope=\"col\"", out);
                out.push_str("\n</thead>\n<tbody>\n");
                for cells in rows {
                    row(cells, "td", "", out);
                    out.push('\n');
                }
                out.push_str("</tbody>\n</table>\n");
            }
            Block::Rule => out.push_str("<hr>\n"),
            // Raw HTML is shown as the author typed it, never interpreted.
            Block::Html { text, .. } => {
                out.push_str("<p class=\"raw\">");
                escape_into(text, out);
                out.push_str("</p>\n");
            }
        }
    }

    fn push_inlines(&self, inlines: &[Inline], out: &mut String) {
        for inline in inlines {
            self.push_inline(inline, out);
        }
    }

    fn push_inline(&self, inline: &Inline, out: &mut String) {
        let wrap = |tag: &str, content: &[Inline], out: &mut String| {
            out.push_str(&format!("<{tag}>"));
            self.push_inlines(content, out);
            out.push_str(&format!("</{tag}>"));
        };
        match inline {
            Inline::Text { text } | Inline::Html { text, .. } => escape_into(text, out),
            Inline::Code { text } => {
                out.push_str("<code>");
                escape_into(text, out);
                out.push_str("</code>");
            }
            Inline::Emph { content } => wrap("em", content, out),
            Inline::Strong { content } => wrap("strong", content, out),
            Inline::Strike { content } => wrap("s", content, out),
            Inline::Sup { content } => wrap("sup", content, out),
            Inline::Link {
                url,
                target,
                title,
                content,
                ..
            } => match href(target, Some(self.meta)) {
                Some(target) => {
                    out.push_str("<a href=\"");
                    escape_into(&target, out);
                    out.push('"');
                    push_title(title, out);
                    out.push('>');
                    if content.is_empty() {
                        escape_into(url, out);
                    }
                    self.push_inlines(content, out);
                    out.push_str("</a>");
                }
                None => self.push_inlines(content, out),
            },
            Inline::Image {
                target, alt, title, ..
            } => match picture(target, self.meta, self.pictures) {
                Some(src) => {
                    out.push_str("<img class=\"inline\" src=\"");
                    escape_into(&src, out);
                    out.push_str("\" alt=\"");
                    escape_into(alt, out);
                    out.push('"');
                    if let Target::Relative(path) = target
                        && let Some((width, height)) = self.size_of(path)
                    {
                        out.push_str(&format!(" width=\"{width}\" height=\"{height}\""));
                    }
                    push_title(title, out);
                    out.push('>');
                }
                None => {
                    out.push('[');
                    escape_into(alt, out);
                    out.push(']');
                }
            },
            Inline::Break => out.push_str("<br>\n"),
            Inline::SoftBreak => out.push('\n'),
        }
    }
}

/// Where an inline picture comes from; `None` for a remote one, which is
/// never loaded.
fn picture(target: &Target, meta: &Meta, pictures: Pictures) -> Option<String> {
    match target {
        Target::Relative(path) => Some(picture_src(path, meta, pictures)),
        _ => None,
    }
}
