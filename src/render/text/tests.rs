//! The plain text of the sample issue: widths, underlines, numbered links,
//! lists, tables, labels, drafts and the snapshot.

use super::*;
use crate::markup::parse_str;
use crate::render::sample::{missing_words, render_with, sample_document, sample_draft};

fn render(doc: &Document) -> String {
    render_with(&TextRenderer, doc)
}

/// Whether a line over the width is one unbreakable URL or address
/// with at most a list marker or reference number before it.
fn is_long_word_line(line: &str) -> bool {
    let words: Vec<&str> = line.split(' ').filter(|w| !w.is_empty()).collect();
    let long: Vec<&&str> = words.iter().filter(|w| display_width(w) > 20).collect();
    long.len() == 1
        && (long[0].contains("://") || long[0].contains('@'))
        && display_width(line) - display_width(long[0]) <= 8
}

#[test]
fn no_word_of_the_sample_is_lost() {
    let doc = sample_document();
    let text = render(&doc);
    assert_eq!(missing_words(&doc, &text), Vec::<String>::new(), "{text}");
}

#[test]
fn lines_fit_in_72_columns_except_single_long_urls() {
    let mut doc = sample_document();
    let long = "https://www.reseaucitesdesmetiers.com/un/chemin/vraiment/tres/long/vers/une/page-du-site.php";
    doc.sections[1].body = SectionBody::Text {
        blocks: parse_str(&format!(
            "Voir {long} et [le site]({long}x) ou écrire à \
             une.adresse.vraiment.tres.longue.pour.un.contact@reseaucitesdesmetiers.com demain."
        )),
    };
    let text = render(&doc);
    for line in text.lines() {
        assert!(
            display_width(line) <= WIDTH || is_long_word_line(line),
            "too wide: {line:?}"
        );
    }
    assert!(text.contains(long), "the URL was broken");
    assert!(
        text.contains("une.adresse.vraiment.tres.longue.pour.un.contact@reseaucitesdesmetiers.com")
    );
}

#[test]
fn headings_are_underlined() {
    let mut doc = sample_document();
    doc.meta.issue_title = Some("Spécial fin d’année".into());
    let text = render(&doc);
    assert!(
        text.starts_with("InfoLettre — Spécial fin d’année\n================================\n"),
        "{text}"
    );
    assert!(text.contains("\nAgenda\n------\n"));
    assert!(text.contains("\nRéunion CDM21\n~~~~~~~~~~~~~\n"));
}

#[test]
fn links_are_numbered_and_listed_once_and_autolinks_printed_once() {
    let text = render(&sample_document());
    assert!(text.contains("page facebook\u{A0}[2]"), "{text}");
    assert!(text.contains("\nLiens\n-----\n\n[1] https://www.centre-inffo.fr/\n"));
    assert!(text.contains("[2] https://www.facebook.com/reseaucitesdesmetiers/\n"));
    let autolink = "http://www.citedesmetiers.re/index.php/evenements/details/841";
    assert_eq!(text.matches(autolink).count(), 1);
    assert_eq!(
        text.matches("delegationexecutive@citedesmetiers.fr")
            .count(),
        2,
        "text and footer"
    );
    assert!(!text.contains("[image: Les participants de la formation COCADE] ["));
    let links = text.find("\nLiens\n").unwrap();
    let signature = text.find("\n-- \n").expect("a signature delimiter");
    assert!(links < signature, "the links come before the signature");
}

#[test]
fn lists_have_hanging_indents() {
    let text = render(&sample_document());
    assert!(text.contains("\n- proposer des ateliers pratiques pour les porteurs de projets et rompre\n  la solitude de l’entrepreneur\u{202F};\n"), "{text}");
    assert!(text.contains("\n1. la revue de l’offre de services"));
    assert!(
        text.contains("\n  - un panorama des métiers"),
        "nested list"
    );
}

#[test]
fn tables_are_aligned_when_they_fit_and_blocks_otherwise() {
    let text = render(&sample_document());
    assert!(text.contains("\nRendez-vous                           Date     Lieu\n------------------------  ----------------  -----------\nRéunion de travail         8 décembre 2017\nPrésentation des visions  8–9 février 2018  La Villette\n"), "{text}");
    let wide = parse_str(&format!(
        "| Nom | Description |\n|---|---|\n| a | {} |\n",
        "mot ".repeat(25)
    ));
    let doc = sample_document();
    let mut w = Writer {
        doc: &doc,
        lines: Vec::new(),
        links: Vec::new(),
    };
    let lines = w.blocks(&wide, WIDTH);
    assert_eq!(lines[0], "Nom\u{A0}: a");
    assert!(lines[1].starts_with("Description\u{A0}: mot mot"));
    assert!(lines.iter().all(|l| display_width(l) <= WIDTH));
}

#[test]
fn images_contacts_and_deadlines_are_written_out() {
    let text = render(&sample_document());
    assert!(text.contains("[image: Les participants de la formation COCADE]"));
    assert!(text.contains("[image: Le Forum de l’entrepreneuriat à la Cité des métiers de La\n"));
    assert!(text.contains(
        "Contact\u{A0}: Annie\u{A0}Estelle\u{A0}BORDIER\u{A0}<annie.bordier@citedesmetiers.re>"
    ));
    assert!(
        text.contains(
            "Contacts\u{A0}: Ludovic\u{A0}COLLIN\u{A0}<lcollin@reseaucitesdesmetiers.com>,"
        )
    );
    assert!(text.contains("Date limite\u{A0}: 1er février 2018"));
    assert!(text.contains("- 8–9 février 2018 — Réunion CDM21 — Paris La Villette\n"));
}

#[test]
fn colons_follow_the_language() {
    assert_eq!(
        with_colon("Contact", crate::typography::lookup("fr").unwrap()),
        "Contact\u{A0}:"
    );
    assert_eq!(
        with_colon("Contact", crate::typography::lookup("en").unwrap()),
        "Contact:"
    );
}

#[test]
fn a_draft_says_so_on_its_first_line() {
    let text = render(&sample_draft());
    assert!(text.starts_with("[BROUILLON]\n"));
    assert!(!render(&sample_document()).contains("BROUILLON"));
}

#[test]
fn unsafe_links_get_no_reference() {
    let mut doc = sample_document();
    doc.sections[1].body = SectionBody::Text {
        blocks: parse_str("[clic](javascript:alert(1)) et [ici](#01-cocade)"),
    };
    let text = render(&doc);
    assert!(text.contains("clic et ici"), "{text}");
    assert!(!text.contains("javascript:"));
}

#[test]
fn the_sample_renders_as_expected() {
    insta::assert_snapshot!(render(&sample_document()));
}
