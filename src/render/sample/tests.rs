//! The sample itself: every section kind and node, typeset, and the word
//! helpers that the renderers' tests rely on.

use std::collections::BTreeSet;

use super::*;
use crate::document::SectionBody;

#[test]
fn the_sample_has_every_section_kind_and_rich_content() {
    let doc = sample_document();
    let kinds: BTreeSet<&str> = doc
        .sections
        .iter()
        .map(|s| match s.body {
            SectionBody::Editorial { .. } => "editorial",
            SectionBody::Text { .. } => "text",
            SectionBody::Articles { .. } => "articles",
            SectionBody::Agenda { .. } => "agenda",
            SectionBody::Calls { .. } => "calls",
        })
        .collect();
    assert_eq!(kinds.len(), 5);
    let json = serde_json::to_string(&doc).unwrap();
    for node in [
        "\"sup\"",
        "\"table\"",
        "\"list\"",
        "\"link\"",
        "\"image\"",
        "\"html\"",
        "\"strike\"",
        "\"code\"",
        "\"break\"",
        "\"quote\"",
        "\"heading\"",
    ] {
        assert!(json.contains(&format!("\"type\":{node}")), "no {node} node");
    }
    assert!(
        json.contains('\u{202F}') && json.contains('\u{A0}'),
        "not typeset"
    );
}

#[test]
fn words_cover_superscripts_contacts_and_team() {
    let words = words_of(&sample_document());
    for w in [
        "1er",
        "2ème",
        "BORDIER",
        "citedesmetiers",
        "Maud",
        "Bruxelles",
        "Brilllet",
        "align",
    ] {
        assert!(words.iter().any(|x| x == w), "{w} missing from {words:?}");
    }
}

#[test]
fn html_text_keeps_alt_and_glues_inline_tags() {
    let text = html_text(
        "<head><style>p{}</style></head><body><p>1<sup>er</sup>&nbsp;&#8239;&lt;b&gt;</p><p>x</p><img alt=\"une image\"></body>",
    );
    assert!(text.contains("1er\u{A0}\u{202F}<b>"), "{text}");
    assert_eq!(tokens(&text), ["1er", "b", "x", "une", "image"]);
}
