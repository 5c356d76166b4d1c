//! Caps the nesting of the rich-text tree before it goes to Typst: typst's
//! JSON reader stops at 128 levels and its evaluator at 80 nested calls, so a
//! contributor's `>>>>>>…` must not be able to make the print edition fail.
//! Below the cap, a subtree is kept as its plain text: no word is lost.

use crate::document::{Document, SectionBody};
use crate::markup::{Block, Inline, plain_text};

/// Nesting levels kept as they are; anything deeper becomes plain text.
pub const MAX_DEPTH: usize = 16;

/// Flattens every block and inline tree of the document deeper than [`MAX_DEPTH`].
pub fn cap_depth(document: &mut Document) {
    for section in &mut document.sections {
        match &mut section.body {
            SectionBody::Editorial { blocks, .. } | SectionBody::Text { blocks } => {
                cap_blocks(blocks, 0)
            }
            SectionBody::Articles { articles } => {
                for article in articles {
                    cap_inlines(&mut article.title, 0);
                    cap_blocks(&mut article.blocks, 0);
                }
            }
            SectionBody::Agenda { groups } => {
                for event in groups.iter_mut().flat_map(|g| g.events.iter_mut()) {
                    cap_inlines(&mut event.title, 0);
                }
            }
            SectionBody::Calls { intro, calls } => {
                cap_blocks(intro, 0);
                for call in calls {
                    cap_inlines(&mut call.title, 0);
                    cap_blocks(&mut call.description, 0);
                }
            }
        }
    }
}

fn cap_blocks(blocks: &mut [Block], depth: usize) {
    for block in blocks {
        if depth >= MAX_DEPTH {
            let mut text = String::new();
            block_text(block, &mut text);
            *block = Block::Paragraph {
                content: vec![Inline::Text {
                    text: text.trim().to_owned(),
                }],
            };
            continue;
        }
        match block {
            Block::Paragraph { content } | Block::Heading { content, .. } => {
                cap_inlines(content, depth + 1)
            }
            Block::List { items, .. } => items
                .iter_mut()
                .for_each(|item| cap_blocks(item, depth + 1)),
            Block::Quote { content } => cap_blocks(content, depth + 1),
            Block::Table { header, rows, .. } => header
                .iter_mut()
                .chain(rows.iter_mut().flatten())
                .for_each(|cell| cap_inlines(cell, depth + 1)),
            Block::Code { .. } | Block::Rule | Block::Html { .. } => {}
        }
    }
}

/// The words of a block, its nested blocks separated by spaces.
fn block_text(block: &Block, out: &mut String) {
    match block {
        Block::Paragraph { content } | Block::Heading { content, .. } => {
            out.push_str(&plain_text(content))
        }
        Block::List { items, .. } => items.iter().flatten().for_each(|b| block_text(b, out)),
        Block::Quote { content } => content.iter().for_each(|b| block_text(b, out)),
        Block::Table { header, rows, .. } => {
            for cell in header.iter().chain(rows.iter().flatten()) {
                out.push_str(&plain_text(cell));
                out.push(' ');
            }
        }
        Block::Code { text, .. } | Block::Html { text, .. } => out.push_str(text),
        Block::Rule => {}
    }
    out.push(' ');
}

fn cap_inlines(inlines: &mut [Inline], depth: usize) {
    for inline in inlines {
        if depth >= MAX_DEPTH {
            let text = plain_text(std::slice::from_ref(inline));
            *inline = Inline::Text { text };
            continue;
        }
        match inline {
            Inline::Emph { content }
            | Inline::Strong { content }
            | Inline::Strike { content }
            | Inline::Sup { content }
            | Inline::Link { content, .. } => cap_inlines(content, depth + 1),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markup::parse_str;

    #[test]
    fn deep_nesting_is_flattened_without_losing_words() {
        let markdown = format!("{} fond\n", ">".repeat(100));
        let mut document = crate::render::sample::sample_document();
        let SectionBody::Text { blocks } = &mut document.sections.last_mut().unwrap().body else {
            panic!("the sample ends with a text section")
        };
        *blocks = parse_str(&markdown);
        let mut deep = Inline::Text { text: "mot".into() };
        for _ in 0..100 {
            deep = Inline::Strong {
                content: vec![Inline::Emph {
                    content: vec![deep],
                }],
            };
        }
        blocks.push(Block::Paragraph {
            content: vec![deep],
        });
        cap_depth(&mut document);
        let SectionBody::Text { blocks } = &document.sections.last().unwrap().body else {
            panic!()
        };
        let mut text = String::new();
        blocks.iter().for_each(|b| block_text(b, &mut text));
        assert_eq!(text.split_whitespace().collect::<Vec<_>>(), ["fond", "mot"]);
        let json = serde_json::to_string(&document).unwrap();
        let deepest = json.chars().fold((0i32, 0i32), |(d, max), c| match c {
            '{' | '[' => (d + 1, max.max(d + 1)),
            '}' | ']' => (d - 1, max),
            _ => (d, max),
        });
        assert!(deepest.1 < 64, "JSON still {} levels deep", deepest.1);
    }
}
