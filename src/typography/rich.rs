//! Typography through the rich-text tree: [`Language::text`] on every piece of
//! prose, with what surrounds it across node boundaries (`**Bravo** !`), and
//! ordinal suffixes raised into superscripts (1er, 21ème).

use crate::markup::{Block, Inline};

use super::Language;
use super::text::protected;

/// How many characters after a node the spacing rules need to see: the mark
/// and the one after it.
const LOOKAHEAD: usize = 3;

/// Stands for an image in the reading order: a visible thing, not a space.
const OBJECT: char = '\u{fffc}';

/// The first `n` characters of `inlines` in reading order, appended to `out`.
fn lead(inlines: &[Inline], n: usize, out: &mut Vec<char>) {
    for inline in inlines {
        if out.len() >= n {
            return;
        }
        match inline {
            Inline::Text { text } | Inline::Code { text } | Inline::Html { text, .. } => {
                out.extend(text.chars().take(n - out.len()))
            }
            Inline::Emph { content }
            | Inline::Strong { content }
            | Inline::Strike { content }
            | Inline::Sup { content }
            | Inline::Link { content, .. } => lead(content, n, out),
            Inline::Image { .. } => out.push(OBJECT),
            Inline::Break => out.push('\n'),
            Inline::SoftBreak => out.push(' '),
        }
    }
}

impl Language {
    /// Typography on inline rich text: [`Language::text`] on prose (link text
    /// included; code, raw HTML and URLs excluded), and ordinals such as "1er"
    /// split into a number and a superscript suffix.
    pub fn inlines(&self, inlines: Vec<Inline>) -> Vec<Inline> {
        self.walk(inlines, &mut None, &[], true)
    }

    /// [`Language::inlines`] through every block, code and raw HTML excepted.
    pub fn blocks(&self, blocks: Vec<Block>) -> Vec<Block> {
        blocks.into_iter().map(|block| self.block(block)).collect()
    }

    fn block(&self, block: Block) -> Block {
        match block {
            Block::Paragraph { content } => Block::Paragraph {
                content: self.inlines(content),
            },
            Block::Heading { level, content } => Block::Heading {
                level,
                content: self.inlines(content),
            },
            Block::List {
                ordered,
                start,
                items,
            } => Block::List {
                ordered,
                start,
                items: items.into_iter().map(|item| self.blocks(item)).collect(),
            },
            Block::Quote { content } => Block::Quote {
                content: self.blocks(content),
            },
            Block::Table {
                align,
                header,
                rows,
            } => Block::Table {
                align,
                header: header.into_iter().map(|cell| self.inlines(cell)).collect(),
                rows: rows
                    .into_iter()
                    .map(|row| row.into_iter().map(|cell| self.inlines(cell)).collect())
                    .collect(),
            },
            Block::Code { .. } | Block::Html { .. } | Block::Rule => block,
        }
    }

    /// Walks `inlines` in reading order; `prev` is the last character written
    /// so far and `after` what follows the list, so that spacing sees across
    /// node boundaries.
    fn walk(
        &self,
        inlines: Vec<Inline>,
        prev: &mut Option<char>,
        after: &[char],
        ordinals: bool,
    ) -> Vec<Inline> {
        // What follows each node, computed before the nodes are consumed, from
        // the last node back: the lead of the next node, then what follows
        // that one. (Reading all later nodes again for each node was quadratic
        // in a run of nodes without text, such as empty links.)
        let mut follows = vec![Vec::new(); inlines.len()];
        let mut next: Vec<char> = after.iter().take(LOOKAHEAD).copied().collect();
        for (i, inline) in inlines.iter().enumerate().rev() {
            let mut lead_of = Vec::with_capacity(LOOKAHEAD);
            lead(std::slice::from_ref(inline), LOOKAHEAD, &mut lead_of);
            lead_of.extend(next.iter().take(LOOKAHEAD.saturating_sub(lead_of.len())));
            follows[i] = std::mem::replace(&mut next, lead_of);
        }
        let mut out = Vec::with_capacity(inlines.len());
        for (inline, next) in inlines.into_iter().zip(follows) {
            match inline {
                Inline::Text { text } => {
                    let before = *prev;
                    let text = self.apply(before, &text, &next);
                    if let Some(last) = text.chars().next_back() {
                        *prev = Some(last);
                    }
                    if ordinals {
                        self.split_ordinals(text, before, &next, &mut out);
                    } else {
                        out.push(Inline::Text { text });
                    }
                }
                Inline::Code { ref text } | Inline::Html { ref text, .. } => {
                    if let Some(last) = text.chars().next_back() {
                        *prev = Some(last);
                    }
                    out.push(inline);
                }
                Inline::Emph { content } => out.push(Inline::Emph {
                    content: self.walk(content, prev, &next, ordinals),
                }),
                Inline::Strong { content } => out.push(Inline::Strong {
                    content: self.walk(content, prev, &next, ordinals),
                }),
                Inline::Strike { content } => out.push(Inline::Strike {
                    content: self.walk(content, prev, &next, ordinals),
                }),
                // Already raised by the author: spacing yes, no second superscript.
                Inline::Sup { content } => out.push(Inline::Sup {
                    content: self.walk(content, prev, &next, false),
                }),
                Inline::Link {
                    url,
                    target,
                    title,
                    content,
                    span,
                } => out.push(Inline::Link {
                    url,
                    target,
                    title: self.text(&title),
                    content: self.walk(content, prev, &next, ordinals),
                    span,
                }),
                Inline::Image {
                    url,
                    target,
                    alt,
                    title,
                    span,
                } => {
                    *prev = Some(OBJECT);
                    out.push(Inline::Image {
                        url,
                        target,
                        alt: self.text(&alt),
                        title: self.text(&title),
                        span,
                    });
                }
                Inline::Break => {
                    *prev = Some('\n');
                    out.push(Inline::Break);
                }
                // A line ending before « ! » or after « is a space the reader
                // must not see broken: it becomes the no-break space.
                Inline::SoftBreak => match self.space_for_break(*prev, &next) {
                    Some(space) => {
                        *prev = Some(space);
                        out.push(Inline::Text {
                            text: space.to_string(),
                        });
                    }
                    None => {
                        *prev = Some(' ');
                        out.push(Inline::SoftBreak);
                    }
                },
            }
        }
        out
    }

    /// Pushes `text` onto `out`, each ordinal ("1er", "2nde") split into its
    /// number and a superscript suffix.
    fn split_ordinals(
        &self,
        text: String,
        before: Option<char>,
        after: &[char],
        out: &mut Vec<Inline>,
    ) {
        let suffixes = &self.typo.ordinals;
        if suffixes.is_empty() || !text.bytes().any(|b| b.is_ascii_digit()) {
            out.push(Inline::Text { text });
            return;
        }
        let protected = protected(&text);
        let chars: Vec<char> = text.chars().collect();
        let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let mut plain = String::new();
        let mut i = 0;
        while i < chars.len() {
            let prev = if i > 0 { Some(chars[i - 1]) } else { before };
            if !chars[i].is_ascii_digit() || is_word(prev) {
                plain.push(chars[i]);
                i += 1;
                continue;
            }
            let digits_end = (i..chars.len())
                .find(|&k| !chars[k].is_ascii_digit())
                .unwrap_or(chars.len());
            let suffix = suffixes.iter().find(|suffix| {
                let end = digits_end + suffix.chars().count();
                let following = chars.get(end).or(if end == chars.len() {
                    after.first()
                } else {
                    None
                });
                end <= chars.len()
                    && chars[digits_end..end].iter().copied().eq(suffix.chars())
                    && !is_word(following.copied())
                    && !protected[i..end].contains(&true)
            });
            plain.extend(&chars[i..digits_end]);
            i = digits_end;
            if let Some(suffix) = suffix {
                out.push(Inline::Text {
                    text: std::mem::take(&mut plain),
                });
                out.push(Inline::Sup {
                    content: vec![Inline::Text {
                        text: suffix.clone(),
                    }],
                });
                i += suffix.chars().count();
            }
        }
        if !plain.is_empty() {
            out.push(Inline::Text { text: plain });
        }
    }
}

#[cfg(test)]
mod tests;
