//! Rules about links and pictures: every target goes somewhere, none runs
//! code, every picture is in the issue and has a text alternative.

use super::{Context, Rule};
use crate::diag::{Code, Diagnostic};
use crate::email;
use crate::issue::{Content, FileId};
use crate::links::{Link, Target};
use crate::markup::{self, Inline};
use crate::source::Span;

/// `broken-link`, `unsafe-link` and `placeholder` on every link of the issue.
pub struct Links;

impl Rule for Links {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for (file, url, span) in links(cx) {
            out.extend(check_link(cx, file, &url, span));
        }
    }
}

/// Every link target of the issue: Markdown links, agenda and call links.
fn links(cx: &Context<'_>) -> Vec<(FileId, Link, Span)> {
    let mut out = Vec::new();
    for (file, blocks) in cx.issue.markdown() {
        markup::walk_inlines(blocks, &mut |inline| {
            if let Inline::Link {
                url, target, span, ..
            } = inline
            {
                let link = Link {
                    url: url.clone(),
                    target: target.clone(),
                };
                out.push((file, link, span.clone()));
            }
        });
    }
    for section in &cx.issue.sections {
        match &section.content {
            Some(Content::Agenda(agenda)) => {
                let links = agenda.events.iter().filter_map(|e| e.link.as_ref());
                out.extend(links.map(|l| (agenda.file, l.get_ref().clone(), l.span())));
            }
            Some(Content::Calls(calls)) => {
                let links = calls.calls.iter().filter_map(|c| c.entry.link.as_ref());
                out.extend(links.map(|l| (calls.file, l.get_ref().clone(), l.span())));
            }
            _ => {}
        }
    }
    out
}

fn check_link(cx: &Context<'_>, file: FileId, link: &Link, span: Span) -> Option<Diagnostic> {
    let url = &link.url;
    match &link.target {
        Target::Web(parsed) => {
            let host = url::Url::parse(parsed).ok()?.host_str()?.to_owned();
            email::is_placeholder_domain(&host).then(|| {
                cx.at(
                    Code::Placeholder,
                    file,
                    span,
                    format!("`{url}` is a placeholder address"),
                )
                .with_help("write the real URL")
            })
        }
        Target::Mail { .. } | Target::Phone(_) => None,
        Target::Fragment(anchor) => {
            let known = cx.issue.articles().any(|(_, a)| a.stem == *anchor)
                || cx.issue.sections.iter().any(|s| s.def.id() == anchor);
            (!known).then(|| {
                cx.at(
                    Code::BrokenLink,
                    file,
                    span,
                    format!("link target \"#{anchor}\" names no article or section of the issue"),
                )
            })
        }
        Target::Relative(path) => cx.issue.resolve(file, path).err().map(|why| {
            let mut diag = cx.at(
                Code::BrokenLink,
                file,
                span,
                format!("link target \"{url}\" goes nowhere: {why}"),
            );
            if path.starts_with("www.") {
                diag = diag.with_help(format!("write the full address: https://{path}"));
            }
            diag
        }),
        Target::Unsafe(scheme) => Some(
            cx.at(
                Code::UnsafeLink,
                file,
                span,
                format!("a `{scheme}:` link can run code or read local data"),
            )
            .with_help("link to an https:// page instead"),
        ),
        Target::Broken(reason) => {
            let mut diag = cx.at(Code::BrokenLink, file, span, reason.clone());
            if url.trim() == "#" || url.trim().is_empty() {
                diag =
                    diag.with_help("write the real address, or remove the link and keep its text");
            }
            Some(diag)
        }
    }
}

/// Image formats that every output (Typst included) can show.
const IMAGE_EXTENSIONS: &[&str] = &["png", "jpg", "jpeg", "gif", "svg", "webp"];

/// `missing-image` and `image-alt`: Markdown images and article pictures.
pub struct Images;

impl Rule for Images {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for (file, blocks) in cx.issue.markdown() {
            markup::walk_inlines(blocks, &mut |inline| {
                if let Inline::Image {
                    url,
                    target,
                    alt,
                    span,
                    ..
                } = inline
                {
                    out.extend(check_image(cx, file, url, target, span.clone()));
                    if alt.trim().is_empty() {
                        out.push(cx.at(Code::ImageAlt, file, span.clone(), "this image has no alternative text")
                            .with_help("describe it between the brackets: ![a group of job seekers](images/…)"));
                    }
                }
            });
        }
        for (_, article) in cx.issue.articles() {
            let Some(front) = &article.front else {
                continue;
            };
            let Some(image) = &front.image else { continue };
            let link = image.get_ref();
            out.extend(check_image(
                cx,
                article.file,
                &link.url,
                &link.target,
                image.span(),
            ));
            if front
                .image_alt
                .as_ref()
                .is_none_or(|alt| alt.get_ref().trim().is_empty())
            {
                out.push(
                    cx.at(
                        Code::ImageAlt,
                        article.file,
                        image.span(),
                        "the article's image has no alternative text",
                    )
                    .with_help("add image_alt = \"…\" describing the picture"),
                );
            }
        }
    }
}

fn check_image(
    cx: &Context<'_>,
    file: FileId,
    url: &str,
    target: &Target,
    span: Span,
) -> Option<Diagnostic> {
    let missing = |message: String| cx.at(Code::MissingImage, file, span.clone(), message);
    match target {
        Target::Relative(path) => match cx.issue.resolve(file, path) {
            Ok(asset) => {
                let extension = asset
                    .rel
                    .rsplit_once('.')
                    .map(|(_, e)| e.to_ascii_lowercase())
                    .unwrap_or_default();
                (!IMAGE_EXTENSIONS.contains(&extension.as_str())).then(|| {
                    missing(format!("`{path}` is not a picture every output can show"))
                        .with_help("use PNG, JPEG, GIF, SVG or WebP")
                })
            }
            Err(why) => Some(
                missing(format!("the image `{path}` cannot be used: {why}"))
                    .with_help("put the picture in the issue's images/ folder"),
            ),
        },
        Target::Unsafe(scheme) => Some(cx.at(
            Code::UnsafeLink,
            file,
            span.clone(),
            format!("a `{scheme}:` image source is not allowed"),
        )),
        Target::Web(_) => Some(
            missing(format!(
                "`{url}` is a remote image: pictures are never fetched"
            ))
            .with_help("download it into the issue's images/ folder and refer to it as images/…"),
        ),
        _ => Some(missing(format!("`{url}` is not a path to a picture"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{Fixture, article};

    #[test]
    fn a_hash_link_is_broken_at_its_bracket() {
        let fixture = Fixture::new(&[(
            "nouvelles/01-a.md",
            &article(
                "T",
                "Voir notre [page facebook](#) et [le site](http://www.reseau.com).",
            ),
        )]);
        let diags: Vec<_> = fixture
            .check()
            .into_iter()
            .filter(|d| d.code == Code::BrokenLink)
            .collect();
        assert_eq!(diags.len(), 1);
        assert_eq!((diags[0].line, diags[0].column), (5, 12));
        assert_eq!(diags[0].message, "link target \"#\" goes nowhere");
    }

    #[test]
    fn relative_links_must_reach_a_file_of_the_issue() {
        let fixture = Fixture::new(&[(
            "fin.md",
            "[programme](images/programme.pdf), [ailleurs](../../infolettre.toml), [ok](#nouvelles)\n",
        )]);
        assert_eq!(fixture.found(Code::BrokenLink).len(), 2);
        fixture.write("issues/2018-01/images/programme.pdf", "%PDF");
        assert_eq!(fixture.found(Code::BrokenLink).len(), 1);
    }

    #[test]
    fn unsafe_links_are_refused_in_markdown_and_toml() {
        let fixture = Fixture::new(&[
            ("fin.md", "[x](javascript:alert(1))\n"),
            (
                "agenda.toml",
                "[[event]]\ndate = 2018-02-01\ntitle = \"R\"\ngroup = \"Internes\"\nlink = \"data:text/html,<b>\"\n",
            ),
        ]);
        assert_eq!(
            fixture.found(Code::UnsafeLink),
            [
                ("agenda.toml".to_owned(), 5, 8),
                ("fin.md".to_owned(), 1, 1)
            ]
        );
    }

    #[test]
    fn images_must_exist_inside_the_issue_and_have_alt_text() {
        let fixture = Fixture::new(&[(
            "nouvelles/01-a.md",
            &article(
                "T",
                "![Photo](images/a.png) ![](images/b.png) ![x](../../../etc/passwd)",
            ),
        )]);
        fixture.write("issues/2018-01/images/a.png", "png");
        fixture.write("issues/2018-01/images/b.png", "png");
        assert_eq!(
            fixture.found(Code::MissingImage),
            [("01-a.md".to_owned(), 5, 42)]
        );
        assert_eq!(
            fixture.found(Code::ImageAlt),
            [("01-a.md".to_owned(), 5, 24)]
        );
    }

    #[test]
    fn an_article_image_is_resolved_from_the_issue() {
        let text = "+++\ntitle = \"T\"\nimage = \"images/a.png\"\ncontacts = [{ name = \"Jeanne Martin\", email = \"jeanne.martin@cite.fr\" }]\n+++\nTexte.\n";
        let fixture = Fixture::new(&[("nouvelles/01-a.md", text)]);
        assert_eq!(
            fixture.found(Code::MissingImage),
            [("01-a.md".to_owned(), 3, 9)]
        );
        fixture.write("issues/2018-01/images/a.png", "png");
        assert!(fixture.found(Code::MissingImage).is_empty());
        assert_eq!(
            fixture.found(Code::ImageAlt).len(),
            1,
            "image_alt is missing"
        );
    }
}
