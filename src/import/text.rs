//! Reading a text export (`.txt`, `.md`): pandoc-style Markdown as Word's
//! "save as text" and pandoc give it, into blocks.
//!
//! Paragraphs are separated by blank lines; a paragraph that a blank line
//! cut in the middle of a sentence (the seed's "dans la" / "formation
//! professionnelle") is joined again; `^{ème}` superscripts become ours.

use super::blocks::{Block, BlockKind};

/// The blocks of `text`, in order.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut paragraph: Option<Block> = None;
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            blocks.extend(paragraph.take());
            continue;
        }
        if let Some((kind, rest)) = start_of_block(trimmed) {
            blocks.extend(paragraph.take());
            paragraph = Some(Block::new(line, kind, superscripts(rest)));
            if kind == BlockKind::Heading {
                blocks.extend(paragraph.take());
            }
            continue;
        }
        match &mut paragraph {
            Some(open) => {
                open.text.push(' ');
                open.text.push_str(&superscripts(trimmed));
            }
            None => {
                paragraph = Some(Block::new(
                    line,
                    BlockKind::Paragraph,
                    superscripts(trimmed),
                ))
            }
        }
    }
    blocks.extend(paragraph);
    join_cut_sentences(blocks)
}

/// A line that starts a block of its own: a heading (`## …`) or a list item.
fn start_of_block(line: &str) -> Option<(BlockKind, &str)> {
    if let Some(rest) = line.strip_prefix('#') {
        let rest = rest.trim_start_matches('#');
        if rest.starts_with(' ') {
            return Some((BlockKind::Heading, rest.trim()));
        }
    }
    for bullet in ["- ", "* ", "+ ", "• ", "– "] {
        if let Some(rest) = line.strip_prefix(bullet) {
            return Some((BlockKind::Item { ordered: false }, rest.trim()));
        }
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let rest = &line[digits..];
        if let Some(rest) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return Some((BlockKind::Item { ordered: true }, rest.trim()));
        }
    }
    None
}

/// pandoc's `^{ème}` as our `^ème^`.
fn superscripts(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("^{") {
        let Some(close) = rest[at..].find('}') else {
            break;
        };
        out.push_str(&rest[..at]);
        out.push('^');
        out.push_str(&rest[at + 2..at + close]);
        out.push('^');
        rest = &rest[at + close + 1..];
    }
    out.push_str(rest);
    out
}

/// Joins a block to the one before when a blank line cut a sentence: the one
/// before does not end a sentence and this one starts with a lower-case word
/// (an address, a name's email, stays apart).
pub fn join_cut_sentences(blocks: Vec<Block>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    for block in blocks {
        if let Some(last) = out.last_mut()
            && continues(last, &block)
        {
            last.text.push(' ');
            last.text.push_str(&block.text);
            continue;
        }
        out.push(block);
    }
    out
}

fn continues(before: &Block, block: &Block) -> bool {
    let ends_sentence = before
        .text
        .trim_end_matches(['*', '_', '^', ')', '"', '»', '”', ' ', '\u{a0}'])
        .ends_with(['.', '!', '?', ':', ';', '…']);
    let first_word = block.text.split_whitespace().next().unwrap_or("");
    let starts_low = first_word.chars().next().is_some_and(char::is_lowercase);
    let is_address = first_word.contains('@') || first_word.contains("://");
    before.kind != BlockKind::Heading
        && block.kind == BlockKind::Paragraph
        && !ends_sentence
        && starts_low
        && !is_address
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_cut_by_a_blank_line_is_joined_and_an_email_is_not() {
        let text = "Un défi pour chaque jeune qui s'engage dans la\n\nformation initiale.\n\nContact :\n\nSabine SERRANO\n\ns.serrano@prisme-limousin.fr\n";
        let blocks = blocks(text);
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Un défi pour chaque jeune qui s'engage dans la formation initiale.",
                "Contact :",
                "Sabine SERRANO",
                "s.serrano@prisme-limousin.fr"
            ]
        );
        assert_eq!(blocks[1].line, 5);
    }

    #[test]
    fn items_headings_and_superscripts() {
        let blocks = blocks("## Titre\n- un 2^{ème}\n- deux\nsuite\n1. trois\n");
        let kinds: Vec<BlockKind> = blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Heading,
                BlockKind::Item { ordered: false },
                BlockKind::Item { ordered: false },
                BlockKind::Item { ordered: true }
            ]
        );
        assert_eq!(blocks[1].text, "un 2^ème^");
        assert_eq!(blocks[2].text, "deux suite");
    }
}
