//! Typography through the rich-text tree: across node boundaries, ordinals,
//! and what must never be touched (code, raw HTML, URLs of links).

use proptest::prelude::*;

use crate::markup::{Block, Inline, parse_str, plain_text};
use crate::source::Span;

use super::super::language;

const NB: char = '\u{a0}';
const NN: char = '\u{202f}';

fn t(s: &str) -> Inline {
    Inline::Text { text: s.to_owned() }
}

fn sup(s: &str) -> Inline {
    Inline::Sup {
        content: vec![t(s)],
    }
}

fn strong(s: &str) -> Inline {
    Inline::Strong {
        content: vec![t(s)],
    }
}

fn fr(inlines: Vec<Inline>) -> Vec<Inline> {
    language("fr").inlines(inlines)
}

fn paragraph(md: &str) -> Vec<Inline> {
    match parse_str(md).into_iter().next() {
        Some(Block::Paragraph { content }) => content,
        other => panic!("not a paragraph: {other:?}"),
    }
}

#[test]
fn spacing_sees_across_node_boundaries() {
    assert_eq!(
        fr(paragraph("**Bravo** !")),
        vec![strong("Bravo"), t(&format!("{NN}!"))]
    );
    assert_eq!(
        fr(paragraph("**Bravo**!")),
        vec![strong("Bravo"), t(&format!("{NN}!"))]
    );
    assert_eq!(
        fr(vec![t("Bravo "), strong("!")]),
        vec![t(&format!("Bravo{NN}")), strong("!")]
    );
    assert_eq!(
        fr(paragraph("Paris : *Inscription*")),
        vec![
            t(&format!("Paris{NB}: ")),
            Inline::Emph {
                content: vec![t("Inscription")]
            }
        ]
    );
    assert_eq!(
        fr(paragraph(
            "«*Action clé 2*». Date limite : 28 février 2018."
        )),
        vec![
            t(&format!("«{NN}")),
            Inline::Emph {
                content: vec![t("Action clé 2")]
            },
            t(&format!("{NN}». Date limite{NB}: 28 février 2018.")),
        ]
    );
    assert_eq!(
        fr(paragraph("\"**Trouve ta place**\"")),
        vec![
            t(&format!("«{NN}")),
            strong("Trouve ta place"),
            t(&format!("{NN}»"))
        ]
    );
}

#[test]
fn a_line_ending_before_a_mark_becomes_a_no_break_space() {
    assert_eq!(
        fr(paragraph("Quels sont mes besoins\n? Quels")),
        vec![
            t("Quels sont mes besoins"),
            t(&format!("{NN}")),
            t("? Quels")
        ]
    );
    let plain = fr(paragraph("un\ndeux"));
    assert_eq!(plain, vec![t("un"), Inline::SoftBreak, t("deux")]);
}

#[test]
fn french_ordinals_are_raised() {
    assert_eq!(
        fr(vec![t("le 1er février")]),
        vec![t("le 1"), sup("er"), t(" février")]
    );
    assert_eq!(
        fr(vec![t("la 1re fois")]),
        vec![t("la 1"), sup("re"), t(" fois")]
    );
    assert_eq!(
        fr(vec![t("21ème édition")]),
        vec![t("21"), sup("ème"), t(" édition")]
    );
    assert_eq!(
        fr(vec![t("la 2nde chance, le 2e")]),
        vec![t("la 2"), sup("nde"), t(" chance, le 2"), sup("e"),]
    );
    assert_eq!(fr(vec![t("les 1ers")]), vec![t("les 1"), sup("ers")]);
}

#[test]
fn what_only_looks_like_an_ordinal_is_left() {
    for s in [
        "1e10",
        "A1er",
        "2euros",
        "10h55",
        "x.fr/2e",
        "3 %",
        "5000€",
        "n°42",
        "http://a.fr/1er",
        "Cher.e.s",
    ] {
        assert_eq!(fr(vec![t(s)]), vec![t(s)], "{s:?}");
    }
}

#[test]
fn english_ordinals_stay_on_the_baseline() {
    let en = language("en");
    assert_eq!(
        en.inlines(vec![t("the 1st and 2nd")]),
        vec![t("the 1st and 2nd")]
    );
}

#[test]
fn an_existing_superscript_is_left_alone() {
    let content = paragraph("Au 2^ème^ trimestre, le 1^er^ mai");
    assert_eq!(
        fr(content),
        vec![
            t("Au 2"),
            sup("ème"),
            t(" trimestre, le 1"),
            sup("er"),
            t(" mai")
        ]
    );
}

#[test]
fn code_html_and_link_urls_are_untouched_link_text_is_not() {
    let content = vec![
        Inline::Code {
            text: "a : b".into(),
        },
        Inline::Html {
            text: "<b title=\"x\">".into(),
            span: Span::default(),
        },
        Inline::Link {
            url: "http://x.fr/a:b?c=d'e".into(),
            target: crate::links::classify("http://x.fr/a:b?c=d'e"),
            title: "l'adresse".into(),
            content: vec![t("l'équipe !")],
            span: Span::default(),
        },
    ];
    let out = fr(content.clone());
    assert_eq!(out[0], content[0]);
    assert_eq!(out[1], content[1]);
    let Inline::Link {
        url,
        title,
        content,
        ..
    } = &out[2]
    else {
        panic!("{out:?}")
    };
    assert_eq!(url, "http://x.fr/a:b?c=d'e");
    assert_eq!(title, "l’adresse");
    assert_eq!(content, &vec![t(&format!("l’équipe{NN}!"))]);
}

#[test]
fn blocks_are_walked_except_code_and_html() {
    let blocks = parse_str(
        "# Contact :\n\n- un ;\n- deux !\n\n> cité :\n\n| a : |\n|---|\n| b ! |\n\n```\nx : y\n```\n\n<p>a : b</p>\n",
    );
    let out = language("fr").blocks(blocks);
    let mut texts = Vec::new();
    crate::markup::walk_inlines(&out, &mut |i| {
        if let Inline::Text { text } = i {
            texts.push(text.clone())
        }
    });
    assert_eq!(
        texts,
        [
            format!("Contact{NB}:"),
            format!("un{NN};"),
            format!("deux{NN}!"),
            format!("cité{NB}:"),
            format!("a{NB}:"),
            format!("b{NN}!"),
        ]
    );
    assert!(
        out.iter()
            .any(|b| matches!(b, Block::Code { text, .. } if text == "x : y"))
    );
    assert!(
        out.iter()
            .any(|b| matches!(b, Block::Html { text, .. } if text == "<p>a : b</p>"))
    );
}

#[test]
fn inlines_are_idempotent_on_the_seed() {
    let md = "Le 1^er^ mai 2017, la Cité des métiers de Guadeloupe a signé, sur son pôle «rechercher un emploi».\n\
              Le FAFTT conduit le Programme « Mission jeunes »\n! **Bravo** ! Voir <http://www.citedesmetiers.re/index.php>\n\
              et [notre page facebook](#) : 15ème Université d'hiver, 2nde chance, 21ème édition.";
    let fr = language("fr");
    let once = fr.blocks(parse_str(md));
    assert_eq!(fr.blocks(once.clone()), once);
}

/// What typography may not change: everything but whitespace and quotes.
fn words(s: &str) -> String {
    const QUOTES: &str = "\"'«»“”‘’„‚‹›";
    s.chars()
        .filter(|c| !c.is_whitespace() && !QUOTES.contains(*c))
        .collect()
}

fn piece() -> impl Strategy<Value = Inline> {
    let token = prop::sample::select(vec![
        "Bravo", " ", "!", " !", ":", " :", "«", "»", " « ", "\"", "'", "1er", "2e", " 2nde ",
        "a@b.fr", "www.x.fr", "10:55", "?", ";", "l'", ".", "\u{a0}", "\u{202f}", "", "http://",
        "mailto:", "(", "e", "r", "3", "\n",
    ]);
    let text = prop::collection::vec(token, 1..4).prop_map(|v| v.concat());
    let text_node = |s: String| Inline::Text { text: s };
    prop_oneof![
        4 => text.clone().prop_map(text_node),
        1 => text.clone().prop_map(move |s| Inline::Strong { content: vec![text_node(s)] }),
        1 => text.clone().prop_map(move |s| Inline::Sup { content: vec![text_node(s)] }),
        1 => text.clone().prop_map(|s| Inline::Code { text: s }),
        1 => text.clone().prop_map(|s| Inline::Html { text: s, span: Span::default() }),
        1 => text.prop_map(move |s| Inline::Link {
            target: crate::links::classify(&s),
            url: s.clone(),
            title: s.clone(),
            content: vec![text_node(s)],
            span: Span::default(),
        }),
        1 => Just(Inline::Image {
            url: "x.png".into(),
            target: crate::links::Target::Relative("x.png".into()),
            alt: "l'\"a\" :".into(),
            title: String::new(),
            span: Span::default(),
        }),
        1 => Just(Inline::SoftBreak),
        1 => Just(Inline::Break),
    ]
}

proptest! {
    #[test]
    fn inlines_are_idempotent(content in prop::collection::vec(piece(), 0..10), code in prop::sample::select(vec!["fr", "en", "de"])) {
        let lang = language(code);
        let once = lang.inlines(content.clone());
        prop_assert_eq!(words(&plain_text(&once)), words(&plain_text(&content)));
        prop_assert_eq!(lang.inlines(once.clone()), once);
    }
}
