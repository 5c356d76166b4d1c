//! The rich-text tree of the issue (the [`Block`] and [`Inline`] nodes of
//! `src/markup.rs`) made into Typst content in Rust, for the print layout.
//!
//! The layout calls `infolettre.blocks(nodes, between: content)`,
//! `infolettre.inlines(nodes, notes: bool)` and `infolettre.plain(nodes)`
//! on the nodes of the document it read with `json(…)`: native functions
//! of the library, so no interpreter written in Typst walks the tree.
//! Contributed text only ever becomes [`TextElem`]s: it is never parsed,
//! as markup or as anything else, so it cannot be code by construction.
//!
//! The content carries no styling of its own. What the layout decides is
//! left to it through elements it can style (`heading`, `link`, `raw`,
//! `footnote`…) and through labels on what has no element of its own:
//! - `<infolettre-url>`: an address or URL printed as such;
//! - `<infolettre-code>`, `<infolettre-html>`: code, and raw HTML shown as
//!   the literal text it is, in a line (text);
//! - `<infolettre-code-block>`, `<infolettre-html-block>`: the same as
//!   blocks (`raw`, without a language);
//! - `<infolettre-fragment>`: a link to an article or section of the issue
//!   (a `link` to the label of that name, which a draft may lack);
//! - `<infolettre-picture>`, `<infolettre-table>`, `<infolettre-rule>`:
//!   `metadata` holding a picture (`path`, `alt`, `caption`, `inline`), a
//!   table (`columns`, `align`, `header`, `rows` of content), a thematic
//!   break, for the layout to draw.
//!
//! Headings come at depth 1: the layout sets `heading(offset: …)` to the
//! level the author's headings take where they stand.

use std::sync::LazyLock;

use typst::comemo::Tracked;
use typst::diag::{SourceResult, bail};
use typst::engine::Engine;
use typst::foundations::{
    Args, Array, CastInfo, Content, Context, Dict, Func, IntoValue, Label, Module, NativeElement,
    NativeFuncData, NativeFuncPtr, Packed, Scope, Smart, Str, Value,
};
use typst::introspection::MetadataElem;
use typst::model::{
    Destination, EmphElem, EnumElem, EnumItem, FootnoteElem, HeadingElem, LinkElem, LinkTarget,
    ListElem, ListItem, ParElem, QuoteElem, StrongElem, Url,
};
use typst::text::{LinebreakElem, RawContent, RawElem, SpaceElem, StrikeElem, SuperElem, TextElem};

use crate::links::Target;
use crate::markup::{Align, Block, Inline, MAX_DEPTH, plain_text};

/// The module `infolettre` of the print layout's library.
pub(crate) fn module() -> Module {
    let mut scope = Scope::new();
    scope.define("blocks", Func::from(&BLOCKS));
    scope.define("inlines", Func::from(&INLINES));
    scope.define("plain", Func::from(&PLAIN));
    Module::new("infolettre", scope)
}

/// A native function without declared parameters (they are read by hand,
/// as typst's own functions do): its data, as `#[func]` would make it.
macro_rules! native {
    ($name:literal, $title:literal, $docs:literal, $function:expr) => {
        NativeFuncData {
            function: NativeFuncPtr(&$function),
            name: $name,
            title: $title,
            docs: $docs,
            def_site: None,
            keywords: &[],
            contextual: false,
            scope: LazyLock::new(&|| Scope::new()),
            params: LazyLock::new(&|| Vec::new()),
            returns: LazyLock::new(&|| CastInfo::Any),
        }
    };
}

static BLOCKS: NativeFuncData = native!(
    "blocks",
    "Blocks",
    "The blocks of rich text given as the document's nodes, as content.",
    call_blocks
);
static INLINES: NativeFuncData = native!(
    "inlines",
    "Inlines",
    "Inline rich text given as the document's nodes, as content; `notes: false` \
     keeps link addresses out of footnotes (in headings).",
    call_inlines
);
static PLAIN: NativeFuncData = native!(
    "plain",
    "Plain",
    "The words of inline rich text, without formatting, as a string.",
    call_plain
);

fn call_blocks(_: &mut Engine, _: Tracked<Context>, args: &mut Args) -> SourceResult<Value> {
    let nodes: Vec<Block> = nodes(args)?;
    let between = args.named::<Content>("between")?;
    args.take().finish()?;
    Ok(Blocks { between }.blocks(&nodes).into_value())
}

fn call_inlines(_: &mut Engine, _: Tracked<Context>, args: &mut Args) -> SourceResult<Value> {
    let nodes: Vec<Inline> = nodes(args)?;
    let notes = args.named::<bool>("notes")?.unwrap_or(true);
    args.take().finish()?;
    Ok(Rich { notes }.inlines(&nodes).into_value())
}

fn call_plain(_: &mut Engine, _: Tracked<Context>, args: &mut Args) -> SourceResult<Value> {
    let nodes: Vec<Inline> = nodes(args)?;
    args.take().finish()?;
    Ok(plain_text(&nodes).into_value())
}

/// The nodes given as the first argument: the document's JSON as `json()`
/// read it, taken back into the tree's own types (which refuses anything
/// that is not such a tree, with the reason).
fn nodes<T: serde::de::DeserializeOwned>(args: &mut Args) -> SourceResult<Vec<T>> {
    let span = args.span;
    let value: Value = args.expect("nodes")?;
    if !nested_within(&value, MAX_VALUE_DEPTH) {
        bail!(span, "these nodes nest deeper than the document's ever do");
    }
    let parsed = serde_json::to_value(&value).and_then(serde_json::from_value);
    match parsed {
        Ok(nodes) => Ok(nodes),
        Err(error) => bail!(
            span,
            "these are not rich-text nodes of the document: {error}"
        ),
    }
}

/// How deep the values of the nodes nest, at most: a node of the tree
/// ([`MAX_DEPTH`] at most) is a dictionary in an array, and a table cell
/// three arrays deep. The check comes first, iterative: a layout can nest
/// values without bound, and the conversion below recurses.
const MAX_VALUE_DEPTH: usize = 4 * MAX_DEPTH + 8;

fn nested_within(value: &Value, max: usize) -> bool {
    let mut stack = vec![(value, 0)];
    while let Some((value, depth)) = stack.pop() {
        if depth > max {
            return false;
        }
        match value {
            Value::Array(array) => stack.extend(array.iter().map(|v| (v, depth + 1))),
            Value::Dict(dict) => stack.extend(dict.iter().map(|(_, v)| (v, depth + 1))),
            _ => {}
        }
    }
    true
}

fn label(name: &str) -> Label {
    Label::construct(Str::from(name)).expect("the layout's labels are not empty")
}

fn labelled(content: Content, name: &str) -> Content {
    content.labelled(label(name))
}

fn metadata(value: Dict, name: &str) -> Content {
    labelled(MetadataElem::new(value.into_value()).pack(), name)
}

fn dict<const N: usize>(pairs: [(&str, Value); N]) -> Dict {
    pairs.into_iter().map(|(k, v)| (k.into(), v)).collect()
}

/// An address or URL, printed as such.
fn address(text: &str) -> Content {
    labelled(TextElem::packed(text), "infolettre-url")
}

/// How blocks are put together: `between`, when the layout gives it, goes
/// between two blocks that the layout spaces as paragraphs (a weak `v`:
/// the layout's own gap, which it can set from its context without
/// changing the paragraphs' styles, so typst's memo of their lines serves
/// every layout pass).
#[derive(Clone, Default)]
struct Blocks {
    between: Option<Content>,
}

impl Blocks {
    /// Blocks as content.
    fn blocks(&self, nodes: &[Block]) -> Content {
        let mut out = Vec::with_capacity(nodes.len() * 2);
        for (i, node) in nodes.iter().enumerate() {
            if let Some(between) = &self.between
                && i > 0
                && spaced_as_paragraph(&nodes[i - 1])
                && spaced_as_paragraph(node)
            {
                out.push(between.clone());
            }
            out.push(self.block(node));
        }
        Content::sequence(out)
    }

    fn block(&self, node: &Block) -> Content {
        let blocks = |nodes: &[Block]| self.blocks(nodes);
        let inlines = |content: &[Inline]| Rich { notes: true }.inlines(content);
        match node {
            Block::Paragraph { content } => match lone_image(content) {
                Some(image) => picture(image, false),
                None => ParElem::new(inlines(content)).pack(),
            },
            Block::Heading { content, .. } if plain_text(content).trim().is_empty() => {
                Content::empty()
            }
            Block::Heading { content, .. } => {
                HeadingElem::new(Rich { notes: false }.inlines(content))
                    .with_outlined(false)
                    .pack()
            }
            Block::List {
                ordered,
                start,
                items,
            } => {
                let bodies = items.iter().map(|item| match item.as_slice() {
                    // A tight item is one paragraph: no paragraph spacing inside the list.
                    [Block::Paragraph { content }] if lone_image(content).is_none() => {
                        inlines(content)
                    }
                    item => blocks(item),
                });
                if *ordered {
                    let items = bodies
                        .map(|body| Packed::new(EnumItem::new(body)))
                        .collect();
                    EnumElem::new(items)
                        .with_start(Smart::Custom(*start as u64))
                        .pack()
                } else {
                    ListElem::new(
                        bodies
                            .map(|body| Packed::new(ListItem::new(body)))
                            .collect(),
                    )
                    .pack()
                }
            }
            Block::Quote { content } => QuoteElem::new(blocks(content)).with_block(true).pack(),
            Block::Code { text, .. } => raw(text, "infolettre-code-block"),
            Block::Html { text, .. } => raw(text, "infolettre-html-block"),
            Block::Table {
                align,
                header,
                rows,
            } => table(align, header, rows),
            Block::Rule => metadata(Dict::new(), "infolettre-rule"),
        }
    }
}

/// Whether the layout spaces a block as a paragraph (by `par.spacing`).
fn spaced_as_paragraph(node: &Block) -> bool {
    match node {
        Block::Paragraph { content } => lone_image(content).is_none(),
        Block::List { .. } | Block::Quote { .. } => true,
        _ => false,
    }
}

/// A block of code, or of raw HTML, as `raw` (whose own style the layout
/// starts from).
fn raw(text: &str, name: &str) -> Content {
    labelled(
        RawElem::new(RawContent::Text(text.into()))
            .with_block(true)
            .pack(),
        name,
    )
}

/// A table, for the layout to draw: every row as wide as the widest.
fn table(align: &[Align], header: &[Vec<Inline>], rows: &[Vec<Vec<Inline>>]) -> Content {
    let columns = rows
        .iter()
        .map(Vec::len)
        .chain([header.len(), 1])
        .max()
        .unwrap_or(1);
    let row = |cells: &[Vec<Inline>]| -> Value {
        let mut row: Array = cells
            .iter()
            .map(|cell| Rich { notes: true }.inlines(cell).into_value())
            .collect();
        row.extend((cells.len()..columns).map(|_| Content::empty().into_value()));
        row.into_value()
    };
    let align: Array = (0..columns)
        .map(|i| {
            let side = match align.get(i) {
                Some(Align::Center) => "center",
                Some(Align::Right) => "right",
                _ => "left",
            };
            side.into_value()
        })
        .collect();
    let value = dict([
        ("columns", (columns as i64).into_value()),
        ("align", align.into_value()),
        ("header", row(header)),
        (
            "rows",
            rows.iter().map(|r| row(r)).collect::<Array>().into_value(),
        ),
    ]);
    metadata(value, "infolettre-table")
}

/// The picture a paragraph holds and nothing else but spaces, if so.
fn lone_image(content: &[Inline]) -> Option<&Inline> {
    let mut visible = content.iter().filter(|n| match n {
        Inline::Break | Inline::SoftBreak => false,
        Inline::Text { text } => !text.trim().is_empty(),
        _ => true,
    });
    match (visible.next(), visible.next()) {
        (Some(image @ Inline::Image { .. }), None) => Some(image),
        _ => None,
    }
}

/// A picture of the issue, for the layout to draw: in the text (`inline`),
/// or as a figure with its caption (its title, else its alt text).
fn picture(image: &Inline, inline: bool) -> Content {
    let Inline::Image {
        url, alt, title, ..
    } = image
    else {
        return Content::empty();
    };
    let caption = if title.is_empty() { alt } else { title };
    let value = dict([
        ("path", url.as_str().into_value()),
        ("alt", alt.as_str().into_value()),
        ("caption", caption.as_str().into_value()),
        ("inline", inline.into_value()),
    ]);
    metadata(value, "infolettre-picture")
}

/// How inline content is made: `notes` whether the URL of a web link whose
/// text is not its URL goes to a footnote (not in headings, whose text also
/// goes to the PDF outline).
#[derive(Clone, Copy)]
struct Rich {
    notes: bool,
}

impl Rich {
    /// Inline nodes as content. Adjacent text (and the spaces of line
    /// endings) becomes one text element, as typst's own markup does.
    fn inlines(self, nodes: &[Inline]) -> Content {
        let mut parts = Vec::new();
        let mut text = String::new();
        for node in nodes {
            match node {
                Inline::Text { text: t } => text.push_str(t),
                Inline::SoftBreak => text.push(' '),
                node => {
                    if !text.is_empty() {
                        parts.push(TextElem::packed(std::mem::take(&mut text)));
                    }
                    parts.push(self.inline(node));
                }
            }
        }
        if !text.is_empty() {
            parts.push(TextElem::packed(text));
        }
        Content::sequence(parts)
    }

    fn inline(self, node: &Inline) -> Content {
        let children = |content: &[Inline]| self.inlines(content);
        match node {
            Inline::Text { text } => TextElem::packed(text.as_str()),
            Inline::SoftBreak => SpaceElem::shared().clone(),
            Inline::Break => LinebreakElem::shared().clone(),
            Inline::Code { text } => labelled(TextElem::packed(text.as_str()), "infolettre-code"),
            Inline::Html { text, .. } => {
                labelled(TextElem::packed(text.as_str()), "infolettre-html")
            }
            Inline::Emph { content } => EmphElem::new(children(content)).pack(),
            Inline::Strong { content } => StrongElem::new(children(content)).pack(),
            Inline::Strike { content } => StrikeElem::new(children(content)).pack(),
            Inline::Sup { content } => SuperElem::new(children(content))
                .with_typographic(true)
                .pack(),
            Inline::Image { .. } => picture(node, true),
            Inline::Link {
                url,
                target,
                content,
                ..
            } => self.link(url, target, content),
        }
    }

    /// A link, by what it targets: links come classified, and nothing here
    /// reads a URL to guess.
    fn link(self, url: &str, target: &Target, content: &[Inline]) -> Content {
        let shown = printable_url(url, target);
        let words = plain_text(content);
        let says_its_url = says_its_url(&shown, &words);
        // A bare address reads better, and breaks better, in the URL style.
        let body = if says_its_url {
            address(&words)
        } else {
            self.inlines(content)
        };
        if let Target::Fragment(anchor) = target {
            // An article or section of the issue: an internal link, which the
            // layout keeps when the anchor names exactly one.
            return match Label::construct(Str::from(anchor.as_str())) {
                Ok(to) => labelled(
                    LinkElem::new(LinkTarget::Label(to), body).pack(),
                    "infolettre-fragment",
                ),
                Err(_) => body,
            };
        }
        let Some(to) = followable(target) else {
            return body;
        };
        let link = LinkElem::new(LinkTarget::Dest(Destination::Url(to)), body).pack();
        match target {
            // Paper cannot follow a link: the address goes to a footnote.
            Target::Web(_) if self.notes && !says_its_url => {
                link + FootnoteElem::with_content(address(&shown)).pack()
            }
            // Short enough to print where it stands.
            Target::Mail { .. } | Target::Phone(_) if !says_its_url => {
                link + TextElem::packed(" (") + address(&shown) + TextElem::packed(")")
            }
            _ => link,
        }
    }
}

/// The URL a reader may follow, or none: a web page, a mail address, a
/// phone number. Anything else is printed, never made clickable.
fn followable(target: &Target) -> Option<Url> {
    let to = match target {
        Target::Web(to) | Target::Phone(to) => to,
        Target::Mail { url, .. } => url,
        _ => return None,
    };
    Url::new(to.as_str()).ok()
}

/// The form of a link worth printing: a mail address without its scheme, a
/// phone number without `tel:`, a web address as the author wrote it.
fn printable_url(url: &str, target: &Target) -> String {
    match target {
        Target::Mail { address, .. } => address.clone(),
        Target::Phone(_) => url.trim().get(4..).unwrap_or_default().to_owned(),
        _ => url.trim().to_owned(),
    }
}

/// Whether the link text already says where the link goes.
fn says_its_url(url: &str, text: &str) -> bool {
    fn norm(s: &str) -> String {
        let mut s = s.trim().to_lowercase();
        for prefix in ["mailto:", "https://", "http://", "www."] {
            if let Some(rest) = s.strip_prefix(prefix) {
                s = rest.to_owned();
            }
        }
        s.trim_end_matches('/').to_owned()
    }
    norm(url) == norm(text)
}

#[cfg(test)]
mod tests {
    use typst::foundations::Repr;

    use super::*;
    use crate::links::classify;

    fn text(s: &str) -> Inline {
        Inline::Text { text: s.into() }
    }

    fn link(url: &str, words: &str) -> Inline {
        Inline::Link {
            url: url.into(),
            target: classify(url),
            title: String::new(),
            content: vec![text(words)],
            span: 0..0,
        }
    }

    fn shown(nodes: &[Inline], notes: bool) -> String {
        Rich { notes }.inlines(nodes).repr().to_string()
    }

    /// The labels in the content (its `repr` leaves them out).
    fn labels(nodes: &[Inline]) -> Vec<String> {
        let mut found = Vec::new();
        let _ = Rich { notes: true }
            .inlines(nodes)
            .traverse(&mut |element| {
                found.extend(element.label().map(|label| label.resolve().to_string()));
                std::ops::ControlFlow::<()>::Continue(())
            });
        found
    }

    #[test]
    fn a_web_link_whose_text_is_not_its_url_gets_a_footnote_but_not_in_a_heading() {
        let nodes = [link("https://www.cdc-porto.pt/mentoria", "o programa")];
        let body = shown(&nodes, true);
        assert!(
            body.contains("link(") && body.contains("footnote("),
            "{body}"
        );
        assert!(body.contains("https://www.cdc-porto.pt/mentoria"), "{body}");
        assert!(!shown(&nodes, false).contains("footnote("));
    }

    #[test]
    fn a_bare_address_mail_and_phone_links_print_their_address_in_place() {
        let nodes = [link("https://www.cdc-braga.pt/", "www.cdc-braga.pt")];
        let bare = shown(&nodes, true);
        assert!(!bare.contains("footnote("), "{bare}");
        assert_eq!(labels(&nodes), ["infolettre-url"]);
        let mail = shown(
            &[link("mailto:mentoria@cdc-porto.pt", "écrivez-nous")],
            true,
        );
        assert!(!mail.contains("footnote("), "{mail}");
        assert!(
            mail.contains("[ (]") && mail.contains("[mentoria@cdc-porto.pt]"),
            "{mail}"
        );
        let phone = shown(&[link("tel:+351222000000", "appelez")], true);
        assert!(
            phone.contains("[+351222000000]") && !phone.contains("tel:+351222000000]"),
            "{phone}"
        );
    }

    #[test]
    fn an_anchor_is_an_internal_link_for_the_layout_to_keep_and_unsafe_links_are_text() {
        let nodes = [link("#02-guimaraes", "l'article")];
        let anchor = shown(&nodes, true);
        assert!(anchor.contains("dest: <02-guimaraes>"), "{anchor}");
        assert_eq!(labels(&nodes), ["infolettre-fragment"]);
        assert!(!anchor.contains("footnote("), "{anchor}");
        let unsafe_link = shown(&[link("javascript:alert(1)", "clic")], true);
        assert!(!unsafe_link.contains("link("), "{unsafe_link}");
        assert!(unsafe_link.contains("[clic]"), "{unsafe_link}");
    }

    #[test]
    fn author_text_stays_text_whatever_it_holds() {
        let hostile = r#"#read("/etc/passwd") $x$ *b* <l> @r [x](y) \ #{1+1}"#;
        let body = shown(&[text(hostile)], true);
        // One text element holding the string exactly: nothing was parsed.
        assert_eq!(body, TextElem::packed(hostile).repr().to_string());
    }

    #[test]
    fn adjacent_text_and_line_endings_make_one_text_element() {
        let body = shown(&[text("Une"), Inline::SoftBreak, text("ligne")], true);
        assert_eq!(body, "[Une ligne]");
    }

    #[test]
    fn headings_come_at_depth_one_and_blank_ones_are_dropped() {
        let heading = |words: &str| Block::Heading {
            level: 5,
            content: vec![text(words)],
        };
        let made = Blocks::default()
            .blocks(&[heading("Objectifs"), heading("  ")])
            .repr()
            .to_string();
        assert_eq!(made.matches("heading(").count(), 1, "{made}");
        assert!(!made.contains("level"), "the layout sets the level: {made}");
    }

    #[test]
    fn the_layouts_gap_goes_only_between_blocks_spaced_as_paragraphs() {
        let par = |words: &str| Block::Paragraph {
            content: vec![text(words)],
        };
        let heading = Block::Heading {
            level: 2,
            content: vec![text("Titre")],
        };
        let quote = Block::Quote {
            content: vec![par("c1"), par("c2")],
        };
        let nodes = [par("a"), par("b"), heading, par("d"), quote];
        let gap = TextElem::packed("GAP");
        let made = Blocks { between: Some(gap) }
            .blocks(&nodes)
            .repr()
            .to_string();
        // a|b, d|quote, and c1|c2 inside the quote; not around the heading.
        assert_eq!(made.matches("GAP").count(), 3, "{made}");
        assert!(
            made.contains("[b]") && made.find("GAP") < made.find("[b]"),
            "{made}"
        );
        let plain = Blocks::default().blocks(&nodes).repr().to_string();
        assert!(!plain.contains("GAP"));
    }

    #[test]
    fn values_nested_past_the_documents_depth_are_refused_without_recursing() {
        let mut deep = Value::None;
        for _ in 0..100_000 {
            deep = Value::Array(Array::from([deep].as_slice()));
        }
        assert!(!nested_within(&deep, MAX_VALUE_DEPTH));
        let mut shallow = Value::None;
        for _ in 0..MAX_VALUE_DEPTH {
            shallow = Value::Array(Array::from([shallow].as_slice()));
        }
        assert!(nested_within(&shallow, MAX_VALUE_DEPTH));
        // Dropping `deep` recursively would overflow the stack: let it leak.
        std::mem::forget(deep);
    }

    #[test]
    fn says_its_url_ignores_scheme_www_case_and_a_final_slash() {
        assert!(says_its_url("https://www.cdc-braga.pt/", "CDC-Braga.pt"));
        assert!(says_its_url(
            "lcollin@reseau.com",
            "mailto:lcollin@reseau.com"
        ));
        assert!(!says_its_url("https://cdc-braga.pt/agenda", "cdc-braga.pt"));
    }
}
