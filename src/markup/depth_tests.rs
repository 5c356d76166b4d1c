//! Nesting as deep as the input is long: the tree stays within
//! [`MAX_DEPTH`], no word is lost, and every output and the checks run
//! through it without overflowing the stack (before the cap, 10,000 `>`
//! aborted `render --text` and 30,000 aborted `check`).

use proptest::prelude::*;

use super::*;
use crate::document::{Document, SectionBody};
use crate::render::sample::{render_with, sample_document};
use crate::render::{Renderer, html::HtmlRenderer, markdown::MarkdownRenderer, text::TextRenderer};

/// The word every payload ends with, which every output must still show.
const WORD: &str = "profond";

/// Markdown nesting one construct `depth` times around [`WORD`].
fn nested(kind: usize, depth: usize) -> String {
    match kind {
        0 => format!("{} {WORD}\n", ">".repeat(depth)),
        1 => format!("{}{WORD}{}\n", "*_".repeat(depth), "_*".repeat(depth)),
        2 => format!("{}{WORD}{}\n", "[".repeat(depth), "](u)".repeat(depth)),
        3 => format!("{}{WORD}\n", "- ".repeat(depth)),
        4 => format!("{}{WORD}{}\n", "**~~".repeat(depth), "~~**".repeat(depth)),
        5 => format!("{}{WORD}\n", "> - 1. ".repeat(depth)),
        6 => format!("{}{WORD}{}\n", "![".repeat(depth), "](i.png)".repeat(depth)),
        _ => format!("{}{WORD}{}\n", "^".repeat(depth), "^".repeat(depth)),
    }
}

/// The deepest level of blocks and inlines, counted as [`MAX_DEPTH`] counts.
fn depth(blocks: &[Block]) -> usize {
    fn inline(i: &Inline) -> usize {
        1 + children(i).iter().map(inline).max().unwrap_or(0)
    }
    fn block(b: &Block) -> usize {
        1 + match b {
            Block::List { items, .. } => items.iter().flatten().map(block).max().unwrap_or(0),
            Block::Quote { content } => content.iter().map(block).max().unwrap_or(0),
            _ => inline_runs(b)
                .into_iter()
                .flatten()
                .map(inline)
                .max()
                .unwrap_or(0),
        }
    }
    blocks.iter().map(block).max().unwrap_or(0)
}

/// The JSON nesting of a value's serialization: typst's JSON reader, which
/// the print edition goes through, stops at 128.
fn json_depth(json: &str) -> usize {
    let (mut level, mut deepest) = (0usize, 0usize);
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        // Brackets inside strings (the author's `[[[`) are text, not nesting.
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '{' | '[' => {
                level += 1;
                deepest = deepest.max(level);
            }
            '}' | ']' => level = level.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// The sample issue with `blocks`, typography applied, as its last section.
fn document_with(blocks: Vec<Block>) -> Document {
    let mut document = sample_document();
    let blocks = crate::typography::language(&document.meta.language).blocks(blocks);
    let SectionBody::Text { blocks: last } = &mut document.sections.last_mut().unwrap().body else {
        panic!("the sample ends with a text section")
    };
    *last = blocks;
    document
}

#[test]
fn the_cap_keeps_shallow_trees_whole_and_flattens_deep_ones() {
    let shallow = parse_str(&nested(0, 3));
    assert_eq!(
        depth(&shallow),
        5,
        "three quotes, a paragraph and its text: {shallow:?}"
    );
    let deep = parse_str(&nested(0, 100));
    // The cap's paragraph and its text sit below the last kept level.
    assert!(depth(&deep) <= MAX_DEPTH + 2, "{}", depth(&deep));
    let mut words = Vec::new();
    for_each_text(&deep, &mut |t| {
        words.extend(t.split_whitespace().map(str::to_owned))
    });
    assert_eq!(words, [WORD]);
}

#[test]
fn text_below_the_cap_keeps_its_words_in_order() {
    let markdown = format!(
        "{}un *deux* `trois`\n{}quatre\n",
        ">".repeat(40),
        ">".repeat(40)
    );
    let blocks = parse_str(&markdown);
    let mut text = String::new();
    for_each_text(&blocks, &mut |t| text.push_str(t));
    assert_eq!(
        text.split_whitespace().collect::<Vec<_>>(),
        ["un", "deux", "trois", "quatre"]
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    /// Any construct nested up to 100,000 times: every output (Markdown,
    /// HTML, text, and the document model the PDF reads) and the checks run
    /// through it and keep its word.
    #[test]
    fn any_nesting_depth_renders_and_checks(kind in 0usize..8, depth_wanted in 0usize..=100_000) {
        let markdown = nested(kind, depth_wanted);
        let blocks = parse_str(&markdown);
        prop_assert!(depth(&blocks) <= MAX_DEPTH + 2, "tree {} deep", depth(&blocks));
        let document = document_with(blocks);
        for (name, renderer) in [("markdown", &MarkdownRenderer as &dyn Renderer), ("html", &HtmlRenderer), ("text", &TextRenderer)] {
            let out = render_with(renderer, &document);
            prop_assert!(out.contains(WORD), "{name} lost the word");
        }
        let json = serde_json::to_string(&document).unwrap();
        prop_assert!(json_depth(&json) < 64, "PDF input {} levels deep", json_depth(&json));
        let fixture = crate::check::testing::Fixture::new(&[(
            "nouvelles/01-a.md",
            &crate::check::testing::article("Profond", &markdown),
        )]);
        for diag in fixture.check() {
            prop_assert!(diag.line >= 1 && diag.column >= 1);
        }
    }
}
