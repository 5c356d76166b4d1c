//! Rules about what authors wrote: placeholders, empty bodies, raw HTML,
//! length, duplicate titles, required front matter.

use std::sync::LazyLock;

use regex::Regex;

use super::{Context, Rule};
use crate::diag::{Code, Diagnostic};
use crate::issue::Content;
use crate::markup::{self, Block, Inline};
use crate::names;
use crate::workspace::SectionKind;

/// `placeholder`: the word TODO anywhere, and placeholder addresses in text and links.
/// (Placeholder contact addresses are reported by the email rule.)
pub struct Placeholders;

static TODO: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\bTODO\b").unwrap());

impl Rule for Placeholders {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for file in &cx.issue.sources {
            for found in TODO.find_iter(file.text()) {
                out.push(
                    Diagnostic::at(
                        Code::Placeholder,
                        file,
                        found.range(),
                        "a TODO is left in the text",
                    )
                    .with_help("write the missing text, or remove the TODO"),
                );
            }
        }
    }
}

/// `empty-content`: an article, editorial or text with no body.
pub struct EmptyContent;

impl Rule for EmptyContent {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for section in &cx.issue.sections {
            let docs: Vec<_> = match &section.content {
                Some(Content::Editorial(doc)) => {
                    vec![(doc.file, &doc.blocks, doc.body.clone(), "editorial")]
                }
                Some(Content::Text(doc)) => vec![(doc.file, &doc.blocks, doc.body.clone(), "text")],
                Some(Content::Articles(docs)) => docs
                    .iter()
                    .map(|d| (d.file, &d.blocks, d.body.clone(), "article"))
                    .collect(),
                _ => continue,
            };
            for (file, blocks, body, what) in docs {
                if blocks.is_empty() {
                    out.push(
                        cx.at(
                            Code::EmptyContent,
                            file,
                            body.start..body.start,
                            format!("this {what} has no text"),
                        )
                        .with_help("write the text below the front matter"),
                    );
                }
            }
        }
    }
}

/// `raw-html`: HTML in Markdown, which every output prints as text.
pub struct RawHtml;

impl Rule for RawHtml {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for (file, blocks) in cx.issue.markdown() {
            let mut spans = Vec::new();
            collect_html(blocks, &mut spans);
            for span in spans {
                out.push(
                    cx.at(
                        Code::RawHtml,
                        file,
                        span,
                        "raw HTML is not passed through: it will be printed as text",
                    )
                    .with_help("use Markdown instead: **bold**, *italic*, [text](https://…)"),
                );
            }
        }
    }
}

fn collect_html(blocks: &[Block], spans: &mut Vec<crate::source::Span>) {
    markup::walk_blocks(blocks, &mut |block| {
        if let Block::Html { span, .. } = block {
            spans.push(span.clone());
        }
    });
    markup::walk_inlines(blocks, &mut |inline| {
        if let Inline::Html { span, .. } = inline {
            spans.push(span.clone());
        }
    });
}

/// `too-long`: an article over its section's `max_words`.
pub struct TooLong;

impl Rule for TooLong {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for (section, article) in cx.issue.articles() {
            let Some(limit) = section.def.max_words else {
                continue;
            };
            let words = markup::words(&article.blocks);
            if words > limit {
                let span = article
                    .front
                    .as_ref()
                    .map_or(article.body.start..article.body.start, |f| f.title.span());
                out.push(
                    cx.at(
                        Code::TooLong,
                        article.file,
                        span,
                        format!(
                            "this article has {words} words; the section `{}` allows {limit}",
                            section.def.id()
                        ),
                    )
                    .with_help(format!("cut {} words", words - limit)),
                );
            }
        }
    }
}

/// `duplicate-title`: two articles with the same title.
pub struct DuplicateTitles;

impl Rule for DuplicateTitles {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        // Folded title -> the first article that has it.
        let mut seen: std::collections::HashMap<String, &str> = std::collections::HashMap::new();
        for (_, article) in cx.issue.articles() {
            let Some(front) = &article.front else {
                continue;
            };
            let key = names::fold(front.title.get_ref().trim());
            match seen.entry(key) {
                std::collections::hash_map::Entry::Occupied(first) => out.push(cx.at(
                    Code::DuplicateTitle,
                    article.file,
                    front.title.span(),
                    format!("the article {} has the same title", first.get()),
                )),
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(cx.source(article.file).path());
                }
            }
        }
    }
}

/// `front-matter`: the editorial and the articles need theirs.
pub struct RequiredFrontMatter;

impl Rule for RequiredFrontMatter {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for section in &cx.issue.sections {
            let missing: Vec<_> = match &section.content {
                Some(Content::Editorial(doc)) if !doc.has_front => {
                    vec![(doc.file, "signature = \"…\" and role = \"…\"")]
                }
                Some(Content::Articles(docs)) => docs
                    .iter()
                    .filter(|d| !d.has_front)
                    .map(|d| (d.file, "title = \"…\""))
                    .collect(),
                _ => continue,
            };
            let what = if section.def.kind == SectionKind::Editorial {
                "the editorial"
            } else {
                "an article"
            };
            for (file, keys) in missing {
                out.push(
                    cx.at(
                        Code::FrontMatter,
                        file,
                        0..0,
                        format!("{what} needs front matter"),
                    )
                    .with_help(format!("start the file with `+++`, {keys}, then `+++`")),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{Fixture, article};
    use crate::diag::Code;

    #[test]
    fn todo_is_found_in_bodies_and_front_matter() {
        let fixture = Fixture::new(&[
            ("nouvelles/01-a.md", &article("TODO", "Texte.")),
            ("fin.md", "Bien cordialement.\n"),
        ]);
        assert_eq!(
            fixture.found(Code::Placeholder),
            [("01-a.md".to_owned(), 2, 10)]
        );
        let clean = Fixture::new(&[(
            "nouvelles/01-a.md",
            &article("Titre", "TODOS et todo ne sont pas TODO-isés."),
        )]);
        assert_eq!(
            clean.found(Code::Placeholder).len(),
            1,
            "only the whole word TODO"
        );
    }

    #[test]
    fn an_article_without_body_is_empty() {
        let fixture = Fixture::new(&[("nouvelles/01-a.md", &article("Titre", "  \n"))]);
        assert_eq!(
            fixture.found(Code::EmptyContent),
            [("01-a.md".to_owned(), 5, 1)]
        );
        let fixture = Fixture::new(&[("nouvelles/01-a.md", &article("Titre", "Du texte."))]);
        assert!(fixture.found(Code::EmptyContent).is_empty());
    }

    #[test]
    fn raw_html_is_a_warning_at_the_tag() {
        let fixture = Fixture::new(&[("fin.md", "Un <b>gras</b> mot.\n\n<div>bloc</div>\n")]);
        assert_eq!(
            fixture.found(Code::RawHtml),
            [
                ("fin.md".into(), 1, 4),
                ("fin.md".into(), 1, 11),
                ("fin.md".into(), 3, 1)
            ]
        );
        let fixture = Fixture::new(&[("fin.md", "Un **gras** mot, 3 < 4.\n")]);
        assert!(fixture.found(Code::RawHtml).is_empty());
    }

    #[test]
    fn too_long_counts_words_against_max_words() {
        let long = "mot ".repeat(51);
        let fixture = Fixture::new(&[("nouvelles/01-a.md", &article("Titre", &long))]);
        assert_eq!(fixture.found(Code::TooLong), [("01-a.md".to_owned(), 2, 9)]);
        let fixture = Fixture::new(&[("nouvelles/01-a.md", &article("Titre", &"mot ".repeat(50)))]);
        assert!(fixture.found(Code::TooLong).is_empty());
    }

    #[test]
    fn duplicate_titles_are_compared_without_case_or_accents() {
        let fixture = Fixture::new(&[
            ("nouvelles/01-a.md", &article("Réunion CDM21", "Un.")),
            ("nouvelles/02-b.md", &article("REUNION CDM21", "Deux.")),
        ]);
        assert_eq!(
            fixture.found(Code::DuplicateTitle),
            [("02-b.md".to_owned(), 2, 9)]
        );
    }

    #[test]
    fn the_editorial_needs_front_matter() {
        let fixture = Fixture::new(&[("edito.md", "Chers membres,\n")]);
        assert_eq!(
            fixture.found(Code::FrontMatter),
            [("edito.md".to_owned(), 1, 1)]
        );
        let fixture = Fixture::new(&[(
            "edito.md",
            "+++\nsignature = \"R\"\nrole = \"P\"\n+++\nChers membres,\n",
        )]);
        assert!(fixture.found(Code::FrontMatter).is_empty());
        let fixture =
            Fixture::new(&[("edito.md", "+++\nsignature = \"R\"\n+++\nChers membres,\n")]);
        assert_eq!(
            fixture.found(Code::FrontMatter).len(),
            1,
            "role is required"
        );
    }
}
