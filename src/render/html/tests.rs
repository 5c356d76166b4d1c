//! The email HTML of the sample issue: the page, its layout, injection
//! attempts, base URLs, drafts, workspace layouts and the snapshot.

use super::*;
use crate::document::SectionBody;
use crate::markup::parse_str;
use crate::render::common::email_size;
use crate::render::sample::{html_text, missing_words, sample_document, sample_draft};

fn render(doc: &Document) -> String {
    render_html(doc, &Layouts::embedded(), Pictures::Files).unwrap()
}

/// The start tags of `html`, outside comments: what a browser parses (the
/// conditional comments only Outlook reads are left out). Text never holds
/// a raw `<`, so each is one the browser would build.
fn tags(html: &str) -> Vec<&str> {
    let mut tags = Vec::new();
    let mut rest = html;
    let mut offset = 0;
    while let Some(start) = rest.find('<') {
        let at = offset + start;
        if html[at..].starts_with("<!--") {
            let end = html[at..].find("-->").map_or(html.len(), |e| at + e + 3);
            offset = end;
        } else {
            let end = at + html[at..].find('>').unwrap() + 1;
            if html[at + 1..].starts_with(|c: char| c.is_ascii_alphabetic()) {
                tags.push(&html[at..end]);
            }
            offset = end;
        }
        rest = &html[offset..];
    }
    tags
}

/// Outlook on Windows alone reads the conditional comments: a 600 px table
/// holds the container, and the preheader is kept from it.
#[test]
fn outlook_gets_a_fixed_width_and_no_preheader() {
    let mut doc = sample_document();
    doc.meta.preheader = "Le mot du président".into();
    let html = render(&doc);
    let open = html
        .find("<!--[if mso]><table role=\"presentation\" width=\"600\"")
        .unwrap();
    let container = html.find("class=\"container\"").unwrap();
    let close = html
        .find("<!--[if mso]></td></tr></table><![endif]-->")
        .unwrap();
    assert!(open < container && container < close);
    let hidden = html
        .find("<!--[if !mso]><!--><div class=\"preheader\"")
        .unwrap();
    let shown_again = html[hidden..].find("</div><!--<![endif]-->").unwrap();
    assert!(html[hidden..hidden + shown_again].contains("Le mot du président"));
}

#[test]
fn no_word_of_the_sample_is_lost() {
    let doc = sample_document();
    let html = render(&doc);
    assert_eq!(missing_words(&doc, &html_text(&html)), Vec::<String>::new());
}

#[test]
fn the_sample_is_well_under_100_kb() {
    let html = render(&sample_document());
    assert!(html.len() < 100 * 1024, "{} bytes", html.len());
}

#[test]
fn the_page_is_an_email_page() {
    let mut doc = sample_document();
    doc.meta.issue_title = Some("Spécial fin d’année".into());
    let html = render(&doc);
    assert!(html.starts_with("<!DOCTYPE html>"), "{}", &html[..200]);
    assert!(html.contains("<html lang=\"fr\" dir=\"ltr\">"));
    assert!(html.contains("<meta charset=\"utf-8\">"));
    assert!(
        html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
    );
    assert!(html.contains("<meta name=\"color-scheme\" content=\"light dark\">"));
    assert!(html.contains(
        "<title>InfoLettre — Spécial fin d’année · Numéro 42 · 15 décembre 2017</title>"
    ));
    let wrapper = tags(&html)
        .into_iter()
        .find(|t| t.contains("class=\"wrapper\""))
        .unwrap();
    assert!(
        wrapper.contains("lang=\"fr\"") && wrapper.contains("dir=\"ltr\""),
        "{wrapper}"
    );
    let preheader = tags(&html)
        .into_iter()
        .find(|t| t.contains("class=\"preheader\""))
        .unwrap();
    assert!(preheader.contains("display: none"), "{preheader}");
    assert!(html.contains(
        "Forum de l’entrepreneuriat à La Réunion, «\u{202F}Trouve ta place\u{202F}» à Meyrin"
    ));
    let container = tags(&html)
        .into_iter()
        .find(|t| t.contains("class=\"container\""))
        .unwrap();
    assert!(
        container.contains("role=\"presentation\"") && container.contains("max-width: 600px"),
        "{container}"
    );
    // Only the media queries stay in a <style> block; nothing is loaded.
    assert_eq!(html.matches("<style").count(), 1);
    let style = &html[html.find("<style").unwrap()..html.find("</style>").unwrap()];
    assert!(style.contains("@media only screen and (max-width: 620px)"));
    assert!(style.contains("@media (prefers-color-scheme: dark)"));
    assert!(
        !style.contains(".section-title { margin"),
        "ordinary rules were not inlined: {style}"
    );
    for forbidden in ["<script", "<link", "@import", "url("] {
        assert!(!html.contains(forbidden), "{forbidden}");
    }
    for obsolete in [
        " align=",
        " bgcolor=",
        " cellpadding=",
        " cellspacing=",
        " width=",
        " border=",
    ] {
        // `width` and `height` of a picture are HTML5, and Outlook needs them.
        assert!(
            tags(&html)
                .iter()
                .filter(|t| !t.starts_with("<img"))
                .all(|t| !t.contains(obsolete)),
            "{obsolete}"
        );
    }
}

#[test]
fn pictures_carry_their_own_size_never_upscaled() {
    // The sample's pictures are 40×20 PNGs (tests/fixtures/sample/README.md).
    let html = render(&sample_document());
    let images: Vec<&str> = tags(&html)
        .into_iter()
        .filter(|t| t.starts_with("<img"))
        .collect();
    assert_eq!(images.len(), 2, "{images:?}");
    for img in &images {
        assert!(
            img.contains(" width=\"40\"") && img.contains(" height=\"20\""),
            "{img}"
        );
    }
    assert_eq!(
        email_size((400, 100)),
        (400, 100),
        "a 400 px logo stays 400 px"
    );
    assert_eq!(email_size((1200, 800)), (552, 368), "scaled to the column");
    assert_eq!(email_size((3000, 1)), (552, 1), "never zero");
}

#[test]
fn sections_articles_agenda_and_calls_are_laid_out() {
    let html = render(&sample_document());
    for id in [
        "agenda",
        "01-forum-entrepreneuriat-la-reunion",
        "01-cocade",
        "02-reunion-cdm21",
    ] {
        assert!(html.contains(&format!(" id=\"{id}\"")), "{id}");
    }
    assert!(html.contains("<a href=\"#nouvelles-des-cdm\""));
    assert_eq!(
        tags(&html)
            .iter()
            .filter(|t| t.starts_with("<table") && t.contains("class=\"agenda\""))
            .count(),
        2
    );
    assert!(html.contains("<time datetime=\"2018-01-31\">31 janvier – 2 février 2018</time>"));
    assert!(html.contains("15<sup"), "superscript");
    assert!(html.contains("href=\"mailto:annie.bordier@citedesmetiers.re\""));
    assert!(html.contains("<time datetime=\"2018-02-01\">1er février 2018</time>"));
    assert!(
        html.contains("href=\"http://www.citedesmetiers.re/index.php/evenements/details/841\"")
    );
    assert!(html.contains("src=\"images/forum-entrepreneuriat.png\""));
    assert!(html.contains("&lt;p align=\"center\"&gt;Merci de votre collaboration,&lt;/p&gt;"));
    assert!(html.contains("text-align: right"), "table alignment");
    assert!(
        html.contains("\u{202F}") || html.contains("&#8239;"),
        "narrow no-break spaces kept"
    );
    for tag in tags(&html).into_iter().filter(|t| t.starts_with("<img")) {
        assert!(tag.contains(" alt=\""), "{tag}");
    }
    let mut ids: Vec<&str> = html
        .match_indices(" id=\"")
        .map(|(i, _)| &html[i + 5..i + 5 + html[i + 5..].find('"').unwrap()])
        .collect();
    let count = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), count, "duplicate ids");
}

#[test]
fn contributors_text_is_only_ever_text() {
    let mut doc = sample_document();
    doc.meta.title = "{{ 7*7 }} <script>alert(1)</script> #read(\"/etc/passwd\") ]".into();
    doc.meta.preheader = "{% include \"email.css\" %}".into();
    doc.sections[1].body = SectionBody::Text {
        blocks: parse_str(
            "Voir <img src=x onerror=alert(1)> et [clic](javascript:alert(1)) \
             [b](JaVaScRiPt:alert(1)) ![i](javascript:alert(1)) {{ 7*7 }} {% raw %}\n\n\
             <script>alert(2)</script>\n",
        ),
    };
    let html = render(&doc);
    assert!(!html.contains("<script"), "a script tag");
    assert!(!html.contains("<img src=x"), "an img tag from the text");
    for tag in tags(&html) {
        let lower = tag.to_ascii_lowercase();
        assert!(!lower.contains(" on"), "an event handler: {tag}");
        assert!(!lower.contains("javascript:"), "a javascript: URL: {tag}");
    }
    assert!(!html.contains("49"), "the title was evaluated");
    assert!(
        html.contains("{{ 7*7 }} &lt;script&gt;alert(1)&lt;/script&gt; #read(\"/etc/passwd\") ]")
    );
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(html.contains("&lt;script&gt;alert(2)&lt;/script&gt;"));
    assert!(
        html.contains("{% include \"email.css\" %}"),
        "the preheader was evaluated"
    );
    assert!(html.contains("{{ 7*7 }} {% raw %}"));
    assert!(
        html.contains("clic b [i]"),
        "unsafe links and images become text"
    );
}

#[test]
fn base_url_makes_images_and_relative_links_absolute() {
    let mut doc = sample_document();
    doc.meta.base_url = Some("https://lettre.reseaucitesdesmetiers.com/archives/".into());
    doc.sections[1].body = SectionBody::Text {
        blocks: parse_str("[pdf](docs/programme.pdf) [ici](#02-cdm21) [site](https://a.fr)"),
    };
    let html = render(&doc);
    let base = "https://lettre.reseaucitesdesmetiers.com/archives/2017-12/";
    assert!(html.contains(&format!("src=\"{base}images/forum-entrepreneuriat.png\"")));
    assert!(html.contains(&format!("src=\"{base}images/cocade-formation.png\"")));
    assert!(html.contains(&format!("href=\"{base}docs/programme.pdf\"")));
    assert!(html.contains("href=\"#02-cdm21\""));
    assert!(html.contains("href=\"https://a.fr/\""));
}

#[test]
fn a_draft_has_a_visible_banner() {
    let html = render(&sample_draft());
    assert!(html.contains("<title>[BROUILLON] InfoLettre"));
    let banner = tags(&html)
        .into_iter()
        .find(|t| t.contains("class=\"draft\""))
        .unwrap();
    assert!(banner.contains("style="), "{banner}");
    assert!(html_text(&html).contains("BROUILLON"));
    assert!(!render(&sample_document()).contains("BROUILLON"));
}

#[test]
fn a_workspace_layout_replaces_the_embedded_one() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("email.html"),
        "<p>{{ meta.title }} {{ sections[0].title }}</p>{% include \"extra.html\" %}",
    )
    .unwrap();
    std::fs::write(dir.path().join("extra.html"), "<i>{{ labels.draft }}</i>").unwrap();
    let html = render_html(
        &sample_document(),
        &Layouts::with_overrides(dir.path()),
        Pictures::Files,
    )
    .unwrap();
    assert!(
        html.contains("<p>InfoLettre Agenda</p><i>BROUILLON</i>"),
        "{html}"
    );
    std::fs::write(dir.path().join("email.html"), "{% if %}").unwrap();
    let error = render_html(
        &sample_document(),
        &Layouts::with_overrides(dir.path()),
        Pictures::Files,
    )
    .unwrap_err();
    assert!(
        matches!(error, RenderError::Template(ref m) if m.contains("email.html")),
        "{error}"
    );
    std::fs::write(dir.path().join("email.html"), "{{ nothing.here }}").unwrap();
    assert!(
        render_html(
            &sample_document(),
            &Layouts::with_overrides(dir.path()),
            Pictures::Files
        )
        .is_err()
    );
}

#[test]
fn the_sample_renders_as_expected() {
    insta::assert_snapshot!(render(&sample_document()));
}
