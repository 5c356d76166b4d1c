//! The Markdown of the sample issue, parsed back with the input dialect:
//! no word lost, no markup an author did not write, and the snapshot.

use super::*;
use crate::markup::{Block, Inline, parse_str};
use crate::render::sample::{missing_words, render_with, sample_document, sample_draft};

fn render(doc: &Document) -> String {
    render_with(&MarkdownRenderer, doc)
}

/// Parses our output again with the input dialect: what comes back is
/// what a Markdown viewer would show.
fn reparse(markdown: &str) -> Vec<Block> {
    parse_str(markdown)
}

#[test]
fn no_word_of_the_sample_is_lost() {
    let doc = sample_document();
    let md = render(&doc);
    // A viewer shows `\*` as `*` and `1^er^` as a superscript "1er".
    let shown = md.replace(['\\', '^'], "");
    assert_eq!(missing_words(&doc, &shown), Vec::<String>::new(), "{md}");
}

#[test]
fn text_round_trips_through_a_commonmark_parser() {
    let doc = sample_document();
    let md = render(&doc);
    let blocks = reparse(&md);
    let mut html_nodes = 0;
    crate::markup::walk_inlines(&blocks, &mut |i| {
        if matches!(i, Inline::Html { .. }) {
            html_nodes += 1
        }
    });
    assert!(
        !blocks.iter().any(|b| matches!(b, Block::Html { .. })),
        "raw HTML came back"
    );
    assert_eq!(html_nodes, 0);
}

#[test]
fn author_text_cannot_create_markup() {
    let mut doc = sample_document();
    let hostile = "{{ 7*7 }} <script>alert(1)</script> #read(\"/etc/passwd\") ] *x* _y_ `z` [a](b) ~~s~~ ^t^ | &amp;";
    doc.meta.issue_title = Some(hostile.into());
    doc.sections[1].body = SectionBody::Text {
        blocks: vec![
            Block::Paragraph {
                content: vec![Inline::Text {
                    text: format!("- 1. {hostile}"),
                }],
            },
            Block::Paragraph {
                content: vec![
                    Inline::Text { text: "a".into() },
                    Inline::Break,
                    Inline::Text { text: "===".into() },
                ],
            },
            Block::Html {
                text: "<script>alert(1)</script>".into(),
                span: 0..0,
            },
        ],
    };
    let md = render(&doc);
    assert!(md.contains("\\<script\\>alert(1)\\</script\\>"), "{md}");
    // Parsed back, the hostile text is one plain text run.
    let blocks = reparse(&md);
    let Block::Heading { content, .. } = &blocks[0] else {
        panic!("{blocks:?}")
    };
    assert_eq!(content.len(), 1, "{content:?}");
    assert_eq!(
        crate::markup::plain_text(content),
        format!("InfoLettre — {hostile}")
    );
    let section = blocks.iter().position(|b| matches!(b, Block::Heading { content, .. } if crate::markup::plain_text(content) == "Éditorial")).unwrap();
    let Block::Paragraph { content } = &blocks[section + 1] else {
        panic!("{:?}", blocks[section + 1])
    };
    assert_eq!(
        content,
        &vec![Inline::Text {
            text: format!("- 1. {hostile}")
        }]
    );
    let Block::Paragraph { content } = &blocks[section + 2] else {
        panic!("{:?}", blocks[section + 2])
    };
    assert_eq!(
        content.len(),
        3,
        "a setext underline came back: {content:?}"
    );
    assert!(
        matches!(&blocks[section + 3], Block::Paragraph { content } if crate::markup::plain_text(content) == "<script>alert(1)</script>")
    );
}

#[test]
fn code_spans_keep_their_backticks_and_spaces() {
    for code in ["a`b", " x ", "`", "a``b"] {
        let blocks = vec![Block::Paragraph {
            content: vec![
                Inline::Text { text: "x".into() },
                Inline::SoftBreak,
                Inline::Code { text: code.into() },
            ],
        }];
        let back = reparse(&blocks_md(&blocks, 3));
        let Block::Paragraph { content } = &back[0] else {
            panic!("{back:?}")
        };
        assert_eq!(
            crate::markup::plain_text(content),
            format!("x {code}"),
            "{back:?}"
        );
    }
}

#[test]
fn unsafe_links_become_text() {
    let mut doc = sample_document();
    doc.sections[1].body = SectionBody::Text {
        blocks: parse_str(
            "[clic](javascript:alert(1)) ![x](data:image/png;base64,AA) [ok](https://a.fr/x>y)",
        ),
    };
    let md = render(&doc);
    assert!(!md.contains("javascript:") && !md.contains("data:"), "{md}");
    assert!(
        md.contains("clic \\[x\\] [ok](<https://a.fr/x%3Ey>)"),
        "{md}"
    );
}

#[test]
fn sections_articles_and_contacts_are_laid_out() {
    let mut doc = sample_document();
    doc.meta.issue_title = Some("Spécial fin d’année".into());
    let md = render(&doc);
    assert!(
        md.starts_with(
            "# InfoLettre — Spécial fin d’année\n\n**Numéro 42** · 15 décembre 2017\\\nRéseau"
        ),
        "{md}"
    );
    assert!(md.contains("\n## Agenda\n\n### Réunions internes\n\n- **19 janvier 2018** — Réunion du Comité Exécutif restreint — *visioconférence*\n"));
    assert!(md.contains("— [Plus d’informations](<https://www.centre-inffo.fr/>)"));
    assert!(md.contains("\n### Réunion CDM21\n"));
    assert!(md.contains("**Contacts\u{A0}:** Ludovic COLLIN, [lcollin@reseaucitesdesmetiers.com](<mailto:lcollin@reseaucitesdesmetiers.com>)\\\nSylvie Sesma"));
    assert!(
        md.contains("**Date limite\u{A0}:** 1er février 2018\\\n**Programme\u{A0}:** Erasmus+")
    );
    assert!(md.contains("**Raquel Castello-Branco**\\\n*Présidente du Réseau*"));
    assert!(md.contains("un 1^er^ trimestre"));
    assert!(
        md.contains("![Les participants de la formation COCADE](<images/cocade-formation.png>)")
    );
    assert!(md.contains("<http://www.citedesmetiers.re/index.php/evenements/details/841>"));
    assert!(md.contains("| Rendez-vous | Date | Lieu |\n| :--- | ---: | :---: |\n"));
    assert!(md.contains("\\<p align=\"center\"\\>Merci de votre collaboration,\\</p\\>"));
    assert!(md.contains(
        "\n## L’équipe rédactionnelle\n\n- **Raquel Castello-Branco**, Présidente du Réseau\n"
    ));
}

#[test]
fn content_round_trips_through_the_input_dialect() {
    let doc = sample_document();
    let mut checked = 0;
    for section in &doc.sections {
        // Each list with the heading level its section gives it in the
        // output, so that a `####` in an article stays a `####`.
        let lists: Vec<(&Vec<Block>, u8)> = match &section.body {
            SectionBody::Editorial { blocks, .. } => vec![(blocks, 3)],
            SectionBody::Articles { articles } => articles.iter().map(|a| (&a.blocks, 4)).collect(),
            SectionBody::Calls { intro, calls } => std::iter::once((intro, 3))
                .chain(calls.iter().map(|c| (&c.description, 4)))
                .collect(),
            _ => vec![],
        };
        for (blocks, level) in lists {
            let back = reparse(&blocks_md(blocks, level));
            assert_eq!(
                serde_json::to_value(&back).unwrap(),
                serde_json::to_value(blocks).unwrap(),
                "{}",
                blocks_md(blocks, level)
            );
            checked += 1;
        }
    }
    assert!(checked >= 8);
}

#[test]
fn a_draft_says_so_first() {
    assert!(render(&sample_draft()).starts_with("> **BROUILLON**\n\n# InfoLettre"));
    assert!(!render(&sample_document()).contains("BROUILLON"));
}

#[test]
fn the_sample_renders_as_expected() {
    insta::assert_snapshot!(render(&sample_document()));
}
