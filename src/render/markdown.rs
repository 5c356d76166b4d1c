//! The Markdown edition: one CommonMark document of the whole issue (with
//! GitHub tables and strikethrough), every section in order.
//!
//! Every text is escaped, so what an author wrote can never become markup
//! it did not have: `*_[]<>#\`~^|&` are always backslash-escaped (so `!`
//! never opens an image, nor `(` a link), and so
//! are `-`, `+`, `=` and `1.` where they would start a line. Raw HTML
//! comes out escaped (`\<script\>`), as visible text.
//!
//! Superscripts are written `^er^`, the input dialect of SPEC §1: plain
//! CommonMark has no superscript, Unicode superscript letters exist for
//! only some letters, and raw `<sup>` is the raw HTML we never emit; a
//! viewer without the extension shows the carets, nothing is lost.
//! Links keep only `http`, `https`, `mailto`, relative and `#` targets;
//! images stay relative (`images/x.jpg`, copied beside the `.md`).

mod rich;
#[cfg(test)]
mod tests;

use super::common::{contacts_label, issue_title, with_colon};
use super::{RenderContext, RenderError, Renderer};
use crate::document::{Document, SectionBody};
use crate::links::Target;
pub use rich::escape;
use rich::{blocks_md, destination, guard, image_md, inlines, is_autolink_safe, link_md, one_line};

/// Renders the issue as one CommonMark document.
pub struct MarkdownRenderer;

impl Renderer for MarkdownRenderer {
    fn render(&self, ctx: &RenderContext<'_>) -> Result<Vec<u8>, RenderError> {
        Ok(render_markdown(ctx.document).into_bytes())
    }
}

/// The whole issue as CommonMark.
pub fn render_markdown(doc: &Document) -> String {
    let mut parts: Vec<String> = Vec::new();
    let meta = &doc.meta;
    let lang = &doc.language;
    if meta.draft {
        parts.push(format!("> **{}**", escape(&doc.labels.draft)));
    }
    parts.push(format!("# {}", escape(&issue_title(meta))));
    parts.push(guard(&format!(
        "**{} {}** · {}\\\n{}",
        escape(&doc.labels.issue),
        meta.number,
        escape(&meta.date_text),
        escape(&meta.publisher)
    )));
    for section in &doc.sections {
        parts.push(format!("## {}", escape(&section.title)));
        match &section.body {
            SectionBody::Editorial {
                blocks,
                signature,
                role,
            } => {
                parts.push(blocks_md(blocks, 3));
                parts.push(guard(&format!(
                    "**{}**\\\n*{}*",
                    escape(signature),
                    escape(role)
                )));
            }
            SectionBody::Text { blocks } => parts.push(blocks_md(blocks, 3)),
            SectionBody::Articles { articles } => {
                for article in articles {
                    parts.push(format!("### {}", one_line(&inlines(&article.title))));
                    if let Some(image) = &article.image {
                        parts.push(image_md(
                            &Target::Relative(image.path.clone()),
                            &image.alt,
                            "",
                        ));
                    }
                    parts.push(blocks_md(&article.blocks, 4));
                    if !article.contacts.is_empty() {
                        let label = contacts_label(doc, &article.contacts);
                        let people: Vec<String> = article
                            .contacts
                            .iter()
                            .map(|c| {
                                format!(
                                    "{}, [{}](<{}>)",
                                    escape(&c.name),
                                    escape(&c.email),
                                    destination(&format!("mailto:{}", c.email))
                                )
                            })
                            .collect();
                        parts.push(guard(&format!(
                            "**{}** {}",
                            escape(&label),
                            people.join("\\\n")
                        )));
                    }
                }
            }
            SectionBody::Agenda { groups } => {
                for group in groups {
                    if let Some(name) = &group.name {
                        parts.push(format!("### {}", escape(name)));
                    }
                    let items: Vec<String> = group
                        .events
                        .iter()
                        .map(|event| {
                            let mut item = format!(
                                "**{}** — {}",
                                escape(&event.when),
                                one_line(&inlines(&event.title))
                            );
                            if let Some(place) = &event.place {
                                item.push_str(&format!(" — *{}*", escape(place)));
                            }
                            if let Some(link) = &event.link {
                                item.push_str(&format!(
                                    " — {}",
                                    link_md(&escape(&doc.labels.more), &link.target, "")
                                ));
                            }
                            format!("- {}", guard(&item))
                        })
                        .collect();
                    if !items.is_empty() {
                        parts.push(items.join("\n"));
                    }
                }
            }
            SectionBody::Calls { intro, calls } => {
                if !intro.is_empty() {
                    parts.push(blocks_md(intro, 3));
                }
                for call in calls {
                    parts.push(format!("### {}", one_line(&inlines(&call.title))));
                    let mut facts = format!(
                        "**{}** {}",
                        escape(&with_colon(&doc.labels.deadline, lang)),
                        escape(&call.deadline_text)
                    );
                    if let Some(programme) = &call.programme {
                        facts.push_str(&format!(
                            "\\\n**{}** {}",
                            escape(&with_colon(&doc.labels.programme, lang)),
                            escape(programme)
                        ));
                    }
                    parts.push(guard(&facts));
                    if !call.description.is_empty() {
                        parts.push(blocks_md(&call.description, 4));
                    }
                    if let Some(link) = &call.link {
                        parts.push(link_md(&escape(&doc.labels.more), &link.target, ""));
                    }
                }
            }
        }
    }
    if !doc.team.is_empty() {
        parts.push(format!("## {}", escape(&doc.labels.team)));
        let members: Vec<String> = doc
            .team
            .iter()
            .map(|m| format!("- **{}**, {}", escape(&m.name), guard(&escape(&m.role))))
            .collect();
        parts.push(members.join("\n"));
    }
    let mut footer = vec![escape(&meta.publisher)];
    if let Some(site) = &meta.website {
        footer.push(match &site.target {
            Target::Web(u) if is_autolink_safe(u) => format!("<{u}>"),
            _ => link_md(&escape(&site.url), &site.target, ""),
        });
    }
    if let Some(contact) = &meta.contact {
        footer.push(format!(
            "{} {}",
            escape(&with_colon(&doc.labels.contact, lang)),
            link_md(&escape(contact), &Target::mail(contact), "")
        ));
    }
    parts.push("---".into());
    parts.push(guard(&footer.join("\\\n")));
    let mut out = parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    out.push('\n');
    out
}
