//! Contributors' Markdown, parsed once by comrak into a small node tree of our
//! own. Every output renders this tree; none of them ever sees Markdown source
//! or raw HTML, which is why nothing an author types can become code.
//!
//! The tree is also where nesting is bounded: a contributor's `>>>>…` or
//! `*_*_…` may nest as deep as the input is long, and every renderer, the
//! checks and the Typst print layout (whose JSON reader stops at 128 levels,
//! its evaluator at 80 nested calls) walk the tree recursively. Below
//! [`MAX_DEPTH`] a subtree is kept as its plain text, so no word is lost and
//! no later stage ever meets a tree deeper than the cap.

use comrak::nodes::{AstNode, ListType, NodeValue, TableAlignment};
use comrak::{Arena, Options};
use serde::{Deserialize, Serialize};

use crate::links::{Target, classify};
use crate::source::{SourceFile, Span};

/// A block of rich text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Block {
    Paragraph {
        content: Vec<Inline>,
    },
    Heading {
        level: u8,
        content: Vec<Inline>,
    },
    List {
        ordered: bool,
        start: usize,
        items: Vec<Vec<Block>>,
    },
    Quote {
        content: Vec<Block>,
    },
    Code {
        info: String,
        text: String,
    },
    Table {
        align: Vec<Align>,
        header: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
    },
    Rule,
    /// Raw HTML as the author typed it: rendered as literal text, never as markup.
    Html {
        text: String,
        #[serde(skip)]
        span: Span,
    },
}

/// A run of inline rich text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Inline {
    Text {
        text: String,
    },
    Code {
        text: String,
    },
    Emph {
        content: Vec<Inline>,
    },
    Strong {
        content: Vec<Inline>,
    },
    Strike {
        content: Vec<Inline>,
    },
    Sup {
        content: Vec<Inline>,
    },
    Link {
        /// The target as the author wrote it.
        url: String,
        /// What it is, classified once when the file is read.
        target: Target,
        title: String,
        content: Vec<Inline>,
        #[serde(skip)]
        span: Span,
    },
    Image {
        url: String,
        target: Target,
        alt: String,
        title: String,
        #[serde(skip)]
        span: Span,
    },
    /// A hard line break.
    Break,
    /// A line ending inside a paragraph: a space in every output.
    SoftBreak,
    /// Raw inline HTML as typed: rendered as literal text, never as markup.
    Html {
        text: String,
        #[serde(skip)]
        span: Span,
    },
}

/// Column alignment of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Align {
    None,
    Left,
    Center,
    Right,
}

/// Levels of blocks and inlines, counted together, kept as they are; a node
/// this deep becomes its plain text.
pub const MAX_DEPTH: usize = 16;

/// The Markdown dialect of SPEC §1: CommonMark, GitHub tables,
/// strikethrough, autolinks and `^sup^`.
fn options() -> Options<'static> {
    let mut options = Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.extension.autolink = true;
    options.extension.superscript = true;
    options
}

/// Parses the Markdown at `body` of `file`. Spans in the tree are byte offsets
/// into the whole file, so front matter before the body is accounted for.
pub fn parse(file: &SourceFile, body: Span) -> Vec<Block> {
    let arena = Arena::new();
    let root = comrak::parse_document(&arena, &file.text()[body.clone()], &options());
    let first_line = file.line_col(body.start).0;
    // The body may start inside a line (Markdown in a TOML string): comrak's
    // columns on its first line then count from there.
    let first_column_shift = body.start - file.line_start(first_line).unwrap_or(body.start);
    let ctx = Ctx {
        file,
        first_line,
        first_column_shift,
    };
    ctx.blocks(root, 0)
}

/// Parses a Markdown string that is not part of a file (tests, generated text).
pub fn parse_str(text: &str) -> Vec<Block> {
    let file = SourceFile::new("", text);
    parse(&file, 0..text.len())
}

struct Ctx<'f> {
    file: &'f SourceFile,
    first_line: usize,
    first_column_shift: usize,
}

impl Ctx<'_> {
    /// The span of a node, in bytes of the whole file.
    fn span(&self, node: &AstNode<'_>) -> Span {
        let pos = node.data().sourcepos;
        let shift = |line: usize| {
            if line <= 1 {
                self.first_column_shift
            } else {
                0
            }
        };
        let line = self.first_line + pos.start.line.max(1) - 1;
        let start = self
            .file
            .offset_of(line, pos.start.column.max(1) + shift(pos.start.line));
        let end_line = self.first_line + pos.end.line.max(1) - 1;
        let end = self
            .file
            .offset_of(end_line, pos.end.column + 1 + shift(pos.end.line))
            .max(start);
        start..end
    }

    /// The blocks under `node`, which sit at `depth`.
    fn blocks<'a>(&self, node: &'a AstNode<'a>, depth: usize) -> Vec<Block> {
        node.children()
            .filter_map(|child| self.block(child, depth))
            .collect()
    }

    fn block<'a>(&self, node: &'a AstNode<'a>, depth: usize) -> Option<Block> {
        if depth >= MAX_DEPTH {
            // An empty quote this deep has no word to keep.
            let text = flat_text(node);
            return (!text.is_empty()).then(|| Block::Paragraph {
                content: vec![Inline::Text { text }],
            });
        }
        let inner = depth + 1;
        // Only the variant's own fields are cloned: cloning a node's whole
        // value would copy a code block's text once more for nothing.
        Some(match &node.data().value {
            NodeValue::Paragraph => Block::Paragraph {
                content: self.inlines(node, inner),
            },
            NodeValue::Heading(h) => Block::Heading {
                level: h.level,
                content: self.inlines(node, inner),
            },
            NodeValue::List(list) => Block::List {
                ordered: list.list_type == ListType::Ordered,
                start: list.start,
                items: node
                    .children()
                    .map(|item| self.blocks(item, inner))
                    .collect(),
            },
            NodeValue::BlockQuote | NodeValue::MultilineBlockQuote(_) => Block::Quote {
                content: self.blocks(node, inner),
            },
            NodeValue::CodeBlock(code) => Block::Code {
                info: code.info.clone(),
                text: code.literal.trim_end_matches('\n').to_owned(),
            },
            NodeValue::HtmlBlock(html) => Block::Html {
                text: html.literal.trim_end_matches(['\n', '\r']).to_owned(),
                span: self.span(node),
            },
            NodeValue::ThematicBreak => Block::Rule,
            NodeValue::Table(table) => self.table(node, &table.alignments, inner),
            // Every other block (front matter, footnotes ...) is off in our
            // options; keep its text rather than lose it.
            _ => Block::Paragraph {
                content: vec![Inline::Text {
                    text: flat_text(node),
                }],
            },
        })
    }

    fn table<'a>(
        &self,
        node: &'a AstNode<'a>,
        alignments: &[TableAlignment],
        depth: usize,
    ) -> Block {
        let align = alignments
            .iter()
            .map(|a| match a {
                TableAlignment::Left => Align::Left,
                TableAlignment::Center => Align::Center,
                TableAlignment::Right => Align::Right,
                TableAlignment::None => Align::None,
            })
            .collect();
        let mut header = Vec::new();
        let mut rows = Vec::new();
        for row in node.children() {
            let cells: Vec<Vec<Inline>> = row
                .children()
                .map(|cell| self.inlines(cell, depth))
                .collect();
            let is_header = matches!(row.data().value, NodeValue::TableRow(true));
            if is_header {
                header = cells
            } else {
                rows.push(cells)
            }
        }
        Block::Table {
            align,
            header,
            rows,
        }
    }

    /// The inlines under `node`, which sit at `depth`.
    fn inlines<'a>(&self, node: &'a AstNode<'a>, depth: usize) -> Vec<Inline> {
        let mut out: Vec<Inline> = Vec::new();
        for child in node.children() {
            match self.inline(child, depth) {
                Inline::Text { text } => match out.last_mut() {
                    Some(Inline::Text { text: previous }) => previous.push_str(&text),
                    _ => out.push(Inline::Text { text }),
                },
                other => out.push(other),
            }
        }
        out
    }

    fn inline<'a>(&self, node: &'a AstNode<'a>, depth: usize) -> Inline {
        if depth >= MAX_DEPTH {
            return Inline::Text {
                text: flat_text(node),
            };
        }
        let inner = depth + 1;
        match &node.data().value {
            NodeValue::Text(text) => Inline::Text {
                text: text.to_string(),
            },
            NodeValue::Code(code) => Inline::Code {
                text: code.literal.clone(),
            },
            NodeValue::Emph => Inline::Emph {
                content: self.inlines(node, inner),
            },
            NodeValue::Strong => Inline::Strong {
                content: self.inlines(node, inner),
            },
            NodeValue::Strikethrough => Inline::Strike {
                content: self.inlines(node, inner),
            },
            NodeValue::Superscript => Inline::Sup {
                content: self.inlines(node, inner),
            },
            NodeValue::Link(link) => Inline::Link {
                url: link.url.clone(),
                target: classify(&link.url),
                title: link.title.clone(),
                content: self.inlines(node, inner),
                span: self.span(node),
            },
            NodeValue::Image(link) => Inline::Image {
                url: link.url.clone(),
                target: classify(&link.url),
                alt: flat_text(node),
                title: link.title.clone(),
                span: self.span(node),
            },
            NodeValue::LineBreak => Inline::Break,
            NodeValue::SoftBreak => Inline::SoftBreak,
            NodeValue::HtmlInline(text) => Inline::Html {
                text: text.clone(),
                span: self.span(node),
            },
            _ => Inline::Text {
                text: flat_text(node),
            },
        }
    }
}

/// The words under a comrak node, however deep, without formatting: blocks
/// and line breaks become one space. comrak's `descendants` walks the arena
/// with a cursor, not by recursion, so any depth is safe here.
fn flat_text<'a>(node: &'a AstNode<'a>) -> String {
    let mut out = String::new();
    let space = |out: &mut String| {
        if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    };
    for descendant in node.descendants() {
        match &descendant.data().value {
            NodeValue::Text(text) => out.push_str(text),
            NodeValue::Code(code) => out.push_str(&code.literal),
            NodeValue::HtmlInline(text) => out.push_str(text),
            NodeValue::CodeBlock(code) => {
                space(&mut out);
                out.push_str(code.literal.trim_end_matches('\n'));
            }
            NodeValue::HtmlBlock(html) => {
                space(&mut out);
                out.push_str(html.literal.trim_end_matches(['\n', '\r']));
            }
            NodeValue::LineBreak | NodeValue::SoftBreak => space(&mut out),
            value if value.block() => space(&mut out),
            _ => {}
        }
    }
    out.trim().to_owned()
}

/// The words of inline content, without formatting.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    push_plain(inlines, &mut out);
    out
}

fn push_plain(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text { text } | Inline::Code { text } | Inline::Html { text, .. } => {
                out.push_str(text)
            }
            Inline::Emph { content }
            | Inline::Strong { content }
            | Inline::Strike { content }
            | Inline::Sup { content }
            | Inline::Link { content, .. } => push_plain(content, out),
            Inline::Image { alt, .. } => out.push_str(alt),
            Inline::Break | Inline::SoftBreak => out.push(' '),
        }
    }
}

/// Calls `visit` on every block, nested ones included, depth first.
pub fn walk_blocks<'a>(blocks: &'a [Block], visit: &mut impl FnMut(&'a Block)) {
    for block in blocks {
        visit(block);
        match block {
            Block::List { items, .. } => items.iter().for_each(|item| walk_blocks(item, visit)),
            Block::Quote { content } => walk_blocks(content, visit),
            _ => {}
        }
    }
}

/// Calls `visit` on every block, nested ones included, mutably, depth first.
pub fn walk_blocks_mut(blocks: &mut [Block], visit: &mut impl FnMut(&mut Block)) {
    for block in blocks {
        visit(block);
        match block {
            Block::List { items, .. } => items
                .iter_mut()
                .for_each(|item| walk_blocks_mut(item, visit)),
            Block::Quote { content } => walk_blocks_mut(content, visit),
            _ => {}
        }
    }
}

/// The inline runs a block holds directly (paragraph, heading, table cells).
fn inline_runs(block: &Block) -> Vec<&[Inline]> {
    match block {
        Block::Paragraph { content } | Block::Heading { content, .. } => vec![content],
        Block::Table { header, rows, .. } => header
            .iter()
            .chain(rows.iter().flatten())
            .map(Vec::as_slice)
            .collect(),
        _ => Vec::new(),
    }
}

fn inline_runs_mut(block: &mut Block) -> Vec<&mut Vec<Inline>> {
    match block {
        Block::Paragraph { content } | Block::Heading { content, .. } => vec![content],
        Block::Table { header, rows, .. } => {
            header.iter_mut().chain(rows.iter_mut().flatten()).collect()
        }
        _ => Vec::new(),
    }
}

/// The content nested in an inline (emphasis, link text ...).
fn children(inline: &Inline) -> &[Inline] {
    match inline {
        Inline::Emph { content }
        | Inline::Strong { content }
        | Inline::Strike { content }
        | Inline::Sup { content }
        | Inline::Link { content, .. } => content,
        _ => &[],
    }
}

fn children_mut(inline: &mut Inline) -> Option<&mut Vec<Inline>> {
    match inline {
        Inline::Emph { content }
        | Inline::Strong { content }
        | Inline::Strike { content }
        | Inline::Sup { content }
        | Inline::Link { content, .. } => Some(content),
        _ => None,
    }
}

/// Calls `visit` on every inline of the blocks, depth first, in reading order.
pub fn walk_inlines<'a>(blocks: &'a [Block], visit: &mut impl FnMut(&'a Inline)) {
    fn run<'a>(inlines: &'a [Inline], visit: &mut impl FnMut(&'a Inline)) {
        for inline in inlines {
            visit(inline);
            run(children(inline), visit);
        }
    }
    walk_blocks(blocks, &mut |block| {
        inline_runs(block)
            .into_iter()
            .for_each(|inlines| run(inlines, visit))
    });
}

/// Calls `visit` on every inline of the blocks, mutably, depth first.
pub fn visit_inlines_mut(blocks: &mut [Block], visit: &mut impl FnMut(&mut Inline)) {
    fn run(inlines: &mut [Inline], visit: &mut impl FnMut(&mut Inline)) {
        for inline in inlines {
            visit(inline);
            if let Some(content) = children_mut(inline) {
                run(content, visit);
            }
        }
    }
    walk_blocks_mut(blocks, &mut |block| {
        inline_runs_mut(block)
            .into_iter()
            .for_each(|inlines| run(inlines, visit))
    });
}

/// Points every span of the blocks at `span`: for Markdown whose exact place
/// in its file is unknown (a TOML string with escapes).
pub fn relocate(blocks: &mut [Block], span: Span) {
    walk_blocks_mut(blocks, &mut |block| {
        if let Block::Html { span: s, .. } = block {
            *s = span.clone();
        }
    });
    visit_inlines_mut(blocks, &mut |inline| {
        if let Inline::Link { span: s, .. }
        | Inline::Image { span: s, .. }
        | Inline::Html { span: s, .. } = inline
        {
            *s = span.clone();
        }
    });
}

/// The words of the blocks, for counting (`max_words`) and completeness tests.
pub fn words(blocks: &[Block]) -> usize {
    let mut count = 0;
    for_each_text(blocks, &mut |text| count += text.split_whitespace().count());
    count
}

/// Calls `f` on every piece of text the blocks hold, including code and raw HTML.
pub fn for_each_text(blocks: &[Block], f: &mut impl FnMut(&str)) {
    walk_blocks(blocks, &mut |block| {
        if let Block::Code { text, .. } | Block::Html { text, .. } = block {
            f(text);
        }
    });
    walk_inlines(blocks, &mut |inline| match inline {
        Inline::Text { text } | Inline::Code { text } | Inline::Html { text, .. } => f(text),
        Inline::Image { alt, .. } => f(alt),
        _ => {}
    });
}

#[cfg(test)]
mod depth_tests;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dialect_has_tables_strikethrough_autolinks_and_superscript() {
        let blocks = parse_str("15^ème^ ~~non~~ <http://a.fr>\n\n| a |\n|---|\n| b |\n");
        let Block::Paragraph { content } = &blocks[0] else {
            panic!("{blocks:?}")
        };
        assert!(matches!(&content[1], Inline::Sup { .. }));
        assert!(content.iter().any(|i| matches!(i, Inline::Strike { .. })));
        assert!(
            content
                .iter()
                .any(|i| matches!(i, Inline::Link { url, .. } if url == "http://a.fr"))
        );
        assert!(matches!(&blocks[1], Block::Table { rows, .. } if rows.len() == 1));
    }

    #[test]
    fn spans_are_offsets_in_the_whole_file() {
        let text = "+++\ntitle = \"x\"\n+++\nVoir [ici](#).\n";
        let file = SourceFile::new("a.md", text);
        let body = text.find("Voir").unwrap()..text.len();
        let blocks = parse(&file, body);
        let mut spans = Vec::new();
        walk_inlines(&blocks, &mut |i| {
            if let Inline::Link { span, .. } = i {
                spans.push(span.clone())
            }
        });
        assert_eq!(file.line_col(spans[0].start), (4, 6));
        assert_eq!(&text[spans[0].clone()], "[ici](#)");
    }

    #[test]
    fn spans_are_right_when_the_body_starts_inside_a_line() {
        let text = "description = \"Apply *now*; <!-- note -->\"\n";
        let file = SourceFile::new("a.toml", text);
        let start = text.find("Apply").unwrap();
        let blocks = parse(&file, start..text.len() - 2);
        let mut spans = Vec::new();
        walk_inlines(&blocks, &mut |i| {
            if let Inline::Html { span, .. } = i {
                spans.push(span.clone())
            }
        });
        assert_eq!(&text[spans[0].clone()], "<!-- note -->");
    }

    #[test]
    fn raw_html_is_kept_as_a_node_with_its_text() {
        let blocks = parse_str("<script>alert(1)</script>\n\nun <b>gras</b>\n");
        assert!(matches!(&blocks[0], Block::Html { text, .. } if text.contains("alert")));
        let Block::Paragraph { content } = &blocks[1] else {
            panic!()
        };
        assert!(
            content
                .iter()
                .any(|i| matches!(i, Inline::Html { text, .. } if text == "<b>"))
        );
    }

    #[test]
    fn words_are_counted_in_lists_and_text() {
        assert_eq!(words(&parse_str("un deux\n\n- trois\n- quatre cinq\n")), 5);
    }
}
