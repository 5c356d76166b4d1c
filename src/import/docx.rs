//! Reading a Word document (`.docx`): the zip's `word/document.xml`, with the
//! paragraph styles by their names (`Heading 1`, `List Bullet`) as pandoc
//! reads them, bold, italic, struck and superscript runs, hyperlinks with
//! their targets, numbered and bulleted lists, and tables.
//!
//! The file is hostile until read: every part is read with a size cap (a zip
//! bomb stops at it), XML with no DTD (no entity expansion) and a node cap,
//! and the element tree walked to a bounded depth.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use roxmltree::{Document, Node, ParsingOptions};

use super::SourceError;
use super::blocks::{Block, BlockKind};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// The largest part read, uncompressed: a long issue's document.xml is a few MiB.
const MAX_PART_BYTES: u64 = 32 * 1024 * 1024;
/// The most XML nodes in one part.
const MAX_NODES: u32 = 4_000_000;
/// The deepest nesting of elements walked inside a paragraph or table.
const MAX_DEPTH: usize = 48;

/// The blocks of the document, each numbered by its paragraph.
pub fn blocks(bytes: &[u8]) -> Result<Vec<Block>, SourceError> {
    let bad = |why: String| SourceError::Docx(why);
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| bad(format!("not a zip archive ({e})")))?;
    let document = part(&mut zip, "word/document.xml")?
        .ok_or_else(|| bad("it has no word/document.xml".into()))?;
    let styles = part(&mut zip, "word/styles.xml")?.unwrap_or_default();
    let numbering = part(&mut zip, "word/numbering.xml")?.unwrap_or_default();
    let rels = part(&mut zip, "word/_rels/document.xml.rels")?.unwrap_or_default();
    let context = Context {
        styles: style_names(&parse(&styles)?),
        ordered: ordered_lists(&parse(&numbering)?),
        links: link_targets(&parse(&rels)?),
    };
    let document = parse(&document)?;
    let body = document
        .root_element()
        .children()
        .find(|n| is(n, "body"))
        .ok_or_else(|| bad("its document.xml has no body".into()))?;
    let mut reader = Reader {
        context: &context,
        blocks: Vec::new(),
        paragraph: 0,
    };
    reader.container(body, 0)?;
    Ok(reader.blocks)
}

/// One part of the zip, read to the cap; `None` when the zip lacks it.
fn part(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, SourceError> {
    let mut file = match zip.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(SourceError::Docx(format!("{name} cannot be read ({e})"))),
    };
    let mut bytes = Vec::new();
    (&mut file)
        .take(MAX_PART_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| SourceError::Docx(format!("{name} cannot be read ({e})")))?;
    if bytes.len() as u64 > MAX_PART_BYTES {
        return Err(SourceError::Docx(format!(
            "{name} unpacks to more than {} MiB (a zip bomb?)",
            MAX_PART_BYTES / (1024 * 1024)
        )));
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| SourceError::Docx(format!("{name} is not UTF-8 XML")))
}

/// An XML part; an empty text is an empty document.
fn parse(text: &str) -> Result<Document<'_>, SourceError> {
    let text = if text.trim().is_empty() {
        "<empty/>"
    } else {
        text
    };
    let options = ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_NODES,
        ..ParsingOptions::default()
    };
    Document::parse_with_options(text, options)
        .map_err(|e| SourceError::Docx(format!("its XML does not parse ({e})")))
}

fn is(node: &Node, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name && node.tag_name().namespace() == Some(W)
}

fn w_val<'a>(node: &Node<'a, '_>) -> Option<&'a str> {
    node.attribute((W, "val"))
}

fn child<'a, 'i>(node: &Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|n| is(n, name))
}

/// What the other parts say: style names, which lists are numbered, link targets.
struct Context {
    /// Style id → its name, lower case ("heading 1").
    styles: HashMap<String, String>,
    /// The `numId`s of numbered (not bulleted) lists.
    ordered: Vec<String>,
    /// Relationship id → target.
    links: HashMap<String, String>,
}

fn style_names(doc: &Document) -> HashMap<String, String> {
    doc.root_element()
        .children()
        .filter(|n| is(n, "style"))
        .filter_map(|style| {
            let id = style.attribute((W, "styleId"))?;
            let name = child(&style, "name").and_then(|n| w_val(&n))?;
            Some((id.to_owned(), name.to_lowercase()))
        })
        .collect()
}

fn ordered_lists(doc: &Document) -> Vec<String> {
    let root = doc.root_element();
    let numbered_abstract: Vec<&str> = root
        .children()
        .filter(|n| is(n, "abstractNum"))
        .filter(|a| {
            let first = a.children().find(|l| is(l, "lvl"));
            let format = first
                .and_then(|l| child(&l, "numFmt"))
                .and_then(|f| w_val(&f));
            !matches!(format, Some("bullet") | None)
        })
        .filter_map(|a| a.attribute((W, "abstractNumId")))
        .collect();
    root.children()
        .filter(|n| is(n, "num"))
        .filter(|num| {
            child(num, "abstractNumId")
                .and_then(|a| w_val(&a))
                .is_some_and(|id| numbered_abstract.contains(&id))
        })
        .filter_map(|num| num.attribute((W, "numId")).map(str::to_owned))
        .collect()
}

fn link_targets(doc: &Document) -> HashMap<String, String> {
    doc.root_element()
        .children()
        .filter(|n| n.is_element() && n.tag_name().name() == "Relationship")
        .filter_map(|r| {
            Some((
                r.attribute("Id")?.to_owned(),
                r.attribute("Target")?.to_owned(),
            ))
        })
        .collect()
}

/// The formatting of a run, as Markdown marks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Marks {
    bold: bool,
    italic: bool,
    strike: bool,
    sup: bool,
}

impl Marks {
    fn of(run: &Node) -> Self {
        let Some(props) = child(run, "rPr") else {
            return Marks::default();
        };
        let on = |name: &str| {
            child(&props, name).is_some_and(|n| !matches!(w_val(&n), Some("0" | "false" | "none")))
        };
        Marks {
            bold: on("b"),
            italic: on("i"),
            strike: on("strike"),
            sup: child(&props, "vertAlign").and_then(|n| w_val(&n)) == Some("superscript"),
        }
    }

    /// The opening marks; the closing ones are the same, reversed.
    fn open(self) -> String {
        let mut out = String::new();
        if self.strike {
            out.push_str("~~");
        }
        if self.bold {
            out.push_str("**");
        }
        if self.italic {
            out.push('*');
        }
        if self.sup {
            out.push('^');
        }
        out
    }
}

/// One paragraph being read: pieces of text with their marks, and the
/// lines a break (`w:br`) cut it into.
#[derive(Default)]
struct Paragraph {
    lines: Vec<String>,
    pieces: Vec<(String, Marks)>,
}

impl Paragraph {
    fn push(&mut self, text: &str, marks: Marks) {
        match self.pieces.last_mut() {
            Some((last, m)) if *m == marks => last.push_str(text),
            _ => self.pieces.push((text.to_owned(), marks)),
        }
    }

    /// Puts a ready piece of Markdown (a link) in as it is.
    fn push_markdown(&mut self, markdown: String) {
        self.pieces.push((markdown, Marks::default()));
        self.pieces.push((String::new(), Marks::default()));
    }

    fn break_line(&mut self) {
        let line = self.take_line();
        self.lines.push(line);
    }

    /// The pieces as Markdown, the marks kept off the spaces around them.
    fn take_line(&mut self) -> String {
        let mut out = String::new();
        for (text, marks) in self.pieces.drain(..) {
            let core = text.trim();
            if core.is_empty() {
                out.push_str(&text);
                continue;
            }
            let lead = &text[..text.len() - text.trim_start().len()];
            let trail = &text[text.trim_end().len()..];
            let open = marks.open();
            let close: String = open.chars().rev().collect();
            out.push_str(&format!("{lead}{open}{core}{close}{trail}"));
        }
        out
    }

    fn finish(mut self) -> Vec<String> {
        self.break_line();
        self.lines
            .into_iter()
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|l| !l.is_empty())
            .collect()
    }
}

struct Reader<'c> {
    context: &'c Context,
    blocks: Vec<Block>,
    /// The paragraph count so far: the "line" of a block.
    paragraph: usize,
}

impl Reader<'_> {
    /// The body, a table cell or a content control: paragraphs and tables.
    fn container(&mut self, node: Node, depth: usize) -> Result<(), SourceError> {
        too_deep(depth)?;
        for item in node.children().filter(Node::is_element) {
            if is(&item, "p") {
                self.paragraph(item, depth + 1)?;
            } else if is(&item, "tbl") {
                self.table(item, depth + 1)?;
            } else if is(&item, "sdt")
                && let Some(content) = child(&item, "sdtContent")
            {
                self.container(content, depth + 1)?;
            }
        }
        Ok(())
    }

    fn paragraph(&mut self, p: Node, depth: usize) -> Result<(), SourceError> {
        self.paragraph += 1;
        let line = self.paragraph;
        let kind = self.kind(&p);
        let mut text = Paragraph::default();
        self.inline(p, &mut text, depth + 1)?;
        for piece in text.finish() {
            self.blocks.push(Block::new(line, kind, piece));
        }
        Ok(())
    }

    /// What the paragraph's style and numbering make it.
    fn kind(&self, p: &Node) -> BlockKind {
        let props = child(p, "pPr");
        let style = props
            .and_then(|pr| child(&pr, "pStyle"))
            .and_then(|s| w_val(&s))
            .map(|id| {
                self.context
                    .styles
                    .get(id)
                    .cloned()
                    .unwrap_or_else(|| id.to_lowercase())
            })
            .unwrap_or_default();
        let num_id = props
            .and_then(|pr| child(&pr, "numPr"))
            .and_then(|n| child(&n, "numId"))
            .and_then(|n| w_val(&n))
            .filter(|id| *id != "0");
        if style.starts_with("heading") || style == "title" || style == "subtitle" {
            BlockKind::Heading
        } else if let Some(id) = num_id {
            BlockKind::Item {
                ordered: self.context.ordered.iter().any(|o| o == id),
            }
        } else if style.starts_with("list number") {
            BlockKind::Item { ordered: true }
        } else if style.starts_with("list bullet") || style == "list paragraph" {
            BlockKind::Item { ordered: false }
        } else {
            BlockKind::Paragraph
        }
    }

    /// The runs of a paragraph, inside links, insertions and fields too;
    /// deleted text (tracked changes) is no word of the document.
    fn inline(&self, node: Node, out: &mut Paragraph, depth: usize) -> Result<(), SourceError> {
        too_deep(depth)?;
        for item in node.children().filter(Node::is_element) {
            if is(&item, "r") {
                self.run(item, out);
            } else if is(&item, "hyperlink") {
                self.hyperlink(item, out, depth + 1)?;
            } else if is(&item, "pPr") || is(&item, "del") || is(&item, "rPr") {
                continue;
            } else {
                self.inline(item, out, depth + 1)?;
            }
        }
        Ok(())
    }

    fn run(&self, run: Node, out: &mut Paragraph) {
        let marks = Marks::of(&run);
        for item in run.children().filter(Node::is_element) {
            if is(&item, "t") {
                out.push(&escape(item.text().unwrap_or("")), marks);
            } else if is(&item, "tab") {
                out.push(" ", marks);
            } else if is(&item, "br") || is(&item, "cr") {
                out.break_line();
            } else if is(&item, "noBreakHyphen") {
                out.push("-", marks);
            }
        }
    }

    /// A link: `<url>` when its words are its address, `[words](target)` else.
    fn hyperlink(&self, link: Node, out: &mut Paragraph, depth: usize) -> Result<(), SourceError> {
        let target = match (link.attribute((R, "id")), link.attribute((W, "anchor"))) {
            (Some(id), _) => self.context.links.get(id).cloned(),
            (None, Some(anchor)) => Some(format!("#{anchor}")),
            (None, None) => None,
        };
        let mut words = Paragraph::default();
        self.inline(link, &mut words, depth + 1)?;
        let words = words.finish().join(" ");
        let markdown = match target {
            None => words,
            Some(target)
                if target == words || target.strip_prefix("mailto:") == Some(words.as_str()) =>
            {
                format!("<{words}>")
            }
            Some(target) => format!(
                "[{words}]({})",
                target.replace(' ', "%20").replace(')', "%29")
            ),
        };
        out.push_markdown(markdown);
        Ok(())
    }

    /// A table as a GitHub table: the first row as its head.
    fn table(&mut self, table: Node, depth: usize) -> Result<(), SourceError> {
        too_deep(depth)?;
        self.paragraph += 1;
        let line = self.paragraph;
        let mut rows: Vec<Vec<String>> = Vec::new();
        for row in table.children().filter(|n| is(n, "tr")) {
            let mut cells = Vec::new();
            for cell in row.children().filter(|n| is(n, "tc")) {
                let mut inner = Reader {
                    context: self.context,
                    blocks: Vec::new(),
                    paragraph: 0,
                };
                inner.container(cell, depth + 1)?;
                let text: Vec<String> = inner.blocks.into_iter().map(|b| b.text).collect();
                // The cells' text is escaped already: a `|` in it is `\|`.
                cells.push(text.join(" "));
            }
            rows.push(cells);
        }
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        if width == 0 {
            return Ok(());
        }
        let mut markdown = String::new();
        for (i, row) in rows.iter().enumerate() {
            let mut cells = row.clone();
            cells.resize(width, String::new());
            markdown.push_str(&format!("| {} |\n", cells.join(" | ")));
            if i == 0 {
                markdown.push_str(&format!("|{}\n", " --- |".repeat(width)));
            }
        }
        self.blocks
            .push(Block::new(line, BlockKind::Paragraph, markdown.trim_end()));
        Ok(())
    }
}

fn too_deep(depth: usize) -> Result<(), SourceError> {
    if depth > MAX_DEPTH {
        return Err(SourceError::Docx(format!(
            "its elements nest deeper than {MAX_DEPTH} levels"
        )));
    }
    Ok(())
}

/// Word's text as Markdown text: the characters Markdown would read as
/// marks escaped, except inside an address, where they are its own.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if word.contains("://") || word.contains('@') || word.starts_with("www.") {
            out.push_str(word);
            continue;
        }
        for c in word.chars() {
            if matches!(
                c,
                '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '^' | '~' | '`' | '#' | '|'
            ) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}
