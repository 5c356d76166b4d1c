//! What every output must keep of the sample: its words, and the visible text
//! of an HTML page to look for them in.

use std::collections::BTreeSet;

use crate::document::{Document, SectionBody};
use crate::markup::{Block, plain_text};

/// Every word of the document that every output must print: sections,
/// titles, contacts, team, and the labels all outputs use. A word is a run of
/// letters and digits, so punctuation and markup never matter.
pub fn words_of(doc: &Document) -> Vec<String> {
    let mut texts: Vec<String> = vec![
        doc.meta.title.clone(),
        doc.meta.date_text.clone(),
        doc.meta.number.to_string(),
        doc.labels.team.clone(),
    ];
    texts.extend(doc.meta.issue_title.clone());
    if doc.meta.draft {
        texts.push(doc.labels.draft.clone());
    }
    for section in &doc.sections {
        texts.push(section.title.clone());
        match &section.body {
            SectionBody::Editorial {
                blocks,
                signature,
                role,
            } => {
                blocks_text(blocks, &mut texts);
                texts.push(signature.clone());
                texts.push(role.clone());
            }
            SectionBody::Text { blocks } => blocks_text(blocks, &mut texts),
            SectionBody::Articles { articles } => {
                for article in articles {
                    texts.push(plain_text(&article.title));
                    texts.extend(article.image.as_ref().map(|i| i.alt.clone()));
                    blocks_text(&article.blocks, &mut texts);
                    for c in &article.contacts {
                        texts.push(c.name.clone());
                        texts.push(c.email.clone());
                    }
                    texts.push(match article.contacts.len() {
                        0 => String::new(),
                        1 => doc.labels.contact.clone(),
                        _ => doc.labels.contacts.clone(),
                    });
                }
            }
            SectionBody::Agenda { groups } => {
                for group in groups {
                    texts.extend(group.name.clone());
                    for event in &group.events {
                        texts.push(event.when.clone());
                        texts.push(plain_text(&event.title));
                        texts.extend(event.place.clone());
                    }
                }
            }
            SectionBody::Calls { intro, calls } => {
                blocks_text(intro, &mut texts);
                for call in calls {
                    texts.push(plain_text(&call.title));
                    texts.push(doc.labels.deadline.clone());
                    texts.push(call.deadline_text.clone());
                    texts.extend(call.programme.clone());
                    blocks_text(&call.description, &mut texts);
                }
            }
        }
    }
    for member in &doc.team {
        texts.push(member.name.clone());
        texts.push(member.role.clone());
    }
    texts.iter().flat_map(|t| tokens(t)).collect()
}

/// The text of blocks, one string per paragraph-like block, so that a
/// superscript stays glued to its number ("1er").
fn blocks_text(blocks: &[Block], out: &mut Vec<String>) {
    for block in blocks {
        match block {
            Block::Paragraph { content } | Block::Heading { content, .. } => {
                out.push(plain_text(content))
            }
            Block::List { items, .. } => items.iter().for_each(|item| blocks_text(item, out)),
            Block::Quote { content } => blocks_text(content, out),
            Block::Code { text, .. } | Block::Html { text, .. } => out.push(text.clone()),
            Block::Table { header, rows, .. } => out.extend(
                header
                    .iter()
                    .chain(rows.iter().flatten())
                    .map(|c| plain_text(c)),
            ),
            Block::Rule => {}
        }
    }
}

/// The words of a text: maximal runs of letters and digits.
pub fn tokens(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The words of `doc` that `output` (already reduced to text) does not contain.
pub fn missing_words(doc: &Document, output: &str) -> Vec<String> {
    let present: BTreeSet<String> = tokens(output).into_iter().collect();
    let mut missing: Vec<String> = words_of(doc)
        .into_iter()
        .filter(|w| !present.contains(w))
        .collect();
    missing.dedup();
    missing
}

/// The visible text of an HTML page: tags dropped (inline ones without a
/// space, so that `1<sup>er</sup>` stays one word), `alt` texts kept, the
/// head and the style block skipped, entities decoded.
pub fn html_text(html: &str) -> String {
    let body = match html.find("<body") {
        Some(start) => &html[start..],
        None => html,
    };
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(open) = rest.find('<') {
        out.push_str(&decode_entities(&rest[..open]));
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        let tag = &rest[open + 1..open + close];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if let Some(alt) = attribute(tag, "alt") {
            out.push(' ');
            out.push_str(&decode_entities(alt));
            out.push(' ');
        }
        let inline = matches!(
            name.as_str(),
            "a" | "sup" | "sub" | "em" | "strong" | "b" | "i" | "s" | "del" | "code" | "span"
        );
        if !inline {
            out.push(' ');
        }
        rest = &rest[open + close + 1..];
        if name == "style" && !tag.starts_with('/') {
            rest = rest.find("</style>").map_or("", |end| &rest[end..]);
        }
    }
    out.push_str(&decode_entities(rest));
    out
}

fn attribute<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

/// Decodes the character references an HTML serializer writes.
pub fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let Some(semi) = rest.find(';').filter(|&i| i <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..semi];
        let decoded = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{A0}'),
            _ if name.starts_with("#x") || name.starts_with("#X") => {
                u32::from_str_radix(&name[2..], 16)
                    .ok()
                    .and_then(char::from_u32)
            }
            _ if name.starts_with('#') => name[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}
