//! The email-ready HTML: the `email.html` layout (a minijinja template with
//! autoescape on) laid around content that Rust turns into HTML here, every
//! text escaped; then the CSS of `email.css` inlined by css-inline, with only
//! the `@media` rules (mobile, dark mode) left in a `<style>` block.
//!
//! Contributors' text is data passed to the template, never part of it, so
//! `{{ x }}` in an article stays literal. Only `http`, `https` and `mailto`
//! targets (and relative ones and `#fragments`) become links; anything else
//! is printed as text. With `base_url` set, relative image and link targets
//! become `{base_url}/{issue_id}/{path}`: the layout of `dist/`, where the
//! render command writes the HTML of an issue beside its `images/`.

use std::cell::Cell;
use std::collections::HashSet;

use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, UndefinedBehavior};
use serde::Serialize;

use super::text::{contacts_label, is_loose, with_colon};
use super::{Format, RenderContext, RenderError, Renderer};
use crate::document::{Document, Labels, Meta, SectionBody, TeamMember};
use crate::layouts::{LayoutError, Layouts};
use crate::links::{Target, classify};
use crate::markup::{Align, Block, Inline};

/// Renders the issue as one self-contained HTML email.
pub struct HtmlRenderer;

impl Renderer for HtmlRenderer {
    fn format(&self) -> Format {
        Format::Html
    }

    fn render(&self, ctx: &RenderContext<'_>) -> Result<Vec<u8>, RenderError> {
        render_html(ctx.document, ctx.layouts).map(String::into_bytes)
    }
}

/// A relative reference made absolute under `{base_url}/{issue_id}/`, when
/// the newsletter has a base URL.
pub(crate) fn absolute(relative: &str, meta: &Meta) -> Option<String> {
    let base = meta.base_url.as_deref()?.trim_end_matches('/');
    let dir = url::Url::parse(&format!("{base}/{}/", meta.issue_id)).ok()?;
    dir.join(relative).ok().map(String::from)
}

/// The `href` of a link target, or `None` when it must stay text.
pub(crate) fn href(url: &str, meta: &Meta) -> Option<String> {
    match classify(url) {
        Target::Web(u) | Target::Mail(u) => Some(u),
        Target::Fragment(anchor) => Some(format!("#{anchor}")),
        Target::Relative(u) => Some(absolute(&u, meta).unwrap_or(u)),
        Target::Phone(_) | Target::Unsafe(_) | Target::Broken(_) => None,
    }
}

/// The `src` of an image, or `None` when it cannot be shown.
pub(crate) fn image_src(url: &str, meta: &Meta) -> Option<String> {
    match classify(url) {
        Target::Relative(u) => Some(absolute(&u, meta).unwrap_or(u)),
        // Pictures come from the issue only: a remote one is never loaded.
        _ => None,
    }
}

/// The level of a content heading: at least `min_level` (below the
/// section's or article's own heading), at most one below the previous
/// heading, so that the outline never skips a level (the Nu checker
/// rejects that), whatever levels the author typed.
pub(crate) fn heading_level(typed: u8, min_level: u8, last: &Cell<u8>) -> u8 {
    let level = typed
        .clamp(min_level, 6)
        .min(last.get().max(min_level - 1) + 1);
    last.set(level);
    level
}

/// Escapes text for HTML content and quoted attribute values alike.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    escape_into(text, &mut out);
    out
}

fn escape_into(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

/// The whole issue as an email-ready HTML page.
pub fn render_html(doc: &Document, layouts: &Layouts) -> Result<String, RenderError> {
    let template = layouts.text("email.html")?;
    let css = layouts.text("email.css")?;
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    // Every layout file of the email is HTML, whatever its extension.
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    let loader_layouts = layouts.clone();
    env.set_loader(move |name| match loader_layouts.text(name) {
        Ok(text) => Ok(Some(text.into_owned())),
        Err(LayoutError::Missing(_)) => Ok(None),
        Err(e) => Err(minijinja::Error::new(
            minijinja::ErrorKind::InvalidOperation,
            e.to_string(),
        )),
    });
    env.add_template_owned("email.html", template.into_owned())
        .map_err(template_error)?;
    let view = View::new(doc);
    let page = env
        .get_template("email.html")
        .and_then(|t| t.render(&view))
        .map_err(template_error)?;
    inline_css(&page, &css)
}

fn template_error(error: minijinja::Error) -> RenderError {
    let mut message = format!("layouts/email.html: {error}");
    let mut source = std::error::Error::source(&error);
    while let Some(cause) = source {
        message.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    RenderError::Template(message)
}

/// Moves the rules of `css` into `style` attributes; `@media` rules go to
/// one `<style>` block, since they cannot be inlined.
fn inline_css(page: &str, css: &str) -> Result<String, RenderError> {
    let inliner = css_inline::CSSInliner::options()
        .inline_style_tags(true)
        .keep_style_tags(false)
        .keep_link_tags(false)
        .keep_at_rules(true)
        .load_remote_stylesheets(false)
        .extra_css(Some(css.into()))
        .build();
    let html = inliner
        .inline(page)
        .map_err(|e| RenderError::Template(format!("layouts/email.css: {e}")))?;
    Ok(style_last_in_head(html))
}

/// css-inline writes the kept `@media` rules first in `<head>`; they go to
/// its end, so that `<meta charset>` stays within the first 1024 bytes.
fn style_last_in_head(html: String) -> String {
    let Some(head_end) = html.find("</head>") else {
        return html;
    };
    let Some(start) = html[..head_end].find("<style>") else {
        return html;
    };
    let Some(len) = html[start..head_end].find("</style>") else {
        return html;
    };
    let end = start + len + "</style>".len();
    let style = html[start..end].to_owned();
    let mut out = String::with_capacity(html.len() + 1);
    out.push_str(&html[..start]);
    out.push_str(&html[end..head_end]);
    out.push_str(&style);
    out.push('\n');
    out.push_str(&html[head_end..]);
    out
}

/// What the template sees: plain strings (escaped by the template) and
/// HTML fragments built here (marked safe, every text in them escaped).
#[derive(Serialize)]
struct View<'d> {
    meta: &'d Meta,
    labels: &'d Labels,
    /// The text of `<title>`.
    page_title: String,
    sections: Vec<SectionView>,
    team: &'d [TeamMember],
    website: Option<String>,
    contact: Option<String>,
    contact_label: String,
    deadline_label: String,
    programme_label: String,
}

#[derive(Serialize)]
struct SectionView {
    anchor: String,
    title: String,
    kind: &'static str,
    body: Value,
    signature: Option<String>,
    role: Option<String>,
    articles: Vec<ArticleView>,
    groups: Vec<GroupView>,
    calls: Vec<CallView>,
}

#[derive(Serialize)]
struct ArticleView {
    anchor: String,
    title: Value,
    image: Option<ImageView>,
    body: Value,
    contact_label: String,
    contacts: Vec<ContactView>,
}

#[derive(Serialize)]
struct ImageView {
    src: String,
    alt: String,
}

#[derive(Serialize)]
struct ContactView {
    name: String,
    email: String,
    href: String,
}

#[derive(Serialize)]
struct GroupView {
    name: Option<String>,
    events: Vec<EventView>,
}

#[derive(Serialize)]
struct EventView {
    when: String,
    date: String,
    title: Value,
    place: Option<String>,
    link: Option<String>,
}

#[derive(Serialize)]
struct CallView {
    title: Value,
    deadline: String,
    deadline_text: String,
    programme: Option<String>,
    link: Option<String>,
    description: Value,
}

impl<'d> View<'d> {
    fn new(doc: &'d Document) -> Self {
        let meta = &doc.meta;
        let lang = meta.language.as_str();
        let mut anchors = Anchors::default();
        let html = Html {
            meta,
            last_heading: Cell::new(0),
        };
        let mut page_title = match &meta.issue_title {
            Some(title) => format!("{} — {title}", meta.title),
            None => meta.title.clone(),
        };
        page_title.push_str(&format!(
            " · {} {} · {}",
            doc.labels.issue, meta.number, meta.date_text
        ));
        if meta.draft {
            page_title = format!("[{}] {page_title}", doc.labels.draft);
        }
        let sections = doc
            .sections
            .iter()
            .map(|section| {
                let mut view = SectionView {
                    anchor: anchors.unique(&section.id),
                    title: section.title.clone(),
                    kind: "",
                    body: Value::from_safe_string(String::new()),
                    signature: None,
                    role: None,
                    articles: Vec::new(),
                    groups: Vec::new(),
                    calls: Vec::new(),
                };
                match &section.body {
                    SectionBody::Editorial {
                        blocks,
                        signature,
                        role,
                    } => {
                        view.kind = "editorial";
                        view.body = html.blocks(blocks, 3);
                        view.signature = Some(signature.clone());
                        view.role = Some(role.clone());
                    }
                    SectionBody::Text { blocks } => {
                        view.kind = "text";
                        view.body = html.blocks(blocks, 3);
                    }
                    SectionBody::Articles { articles } => {
                        view.kind = "articles";
                        view.articles = articles
                            .iter()
                            .map(|article| ArticleView {
                                anchor: anchors.unique(&article.slug),
                                title: html.inlines(&article.title),
                                image: article.image.as_ref().and_then(|image| {
                                    Some(ImageView {
                                        src: image_src(&image.path, meta)?,
                                        alt: image.alt.clone(),
                                    })
                                }),
                                body: html.blocks(&article.blocks, 4),
                                contact_label: with_colon(
                                    contacts_label(doc, &article.contacts),
                                    lang,
                                ),
                                contacts: article
                                    .contacts
                                    .iter()
                                    .map(|c| ContactView {
                                        name: c.name.clone(),
                                        email: c.email.clone(),
                                        href: format!("mailto:{}", c.email),
                                    })
                                    .collect(),
                            })
                            .collect();
                    }
                    SectionBody::Agenda { groups } => {
                        view.kind = "agenda";
                        view.groups = groups
                            .iter()
                            .map(|group| GroupView {
                                name: group.name.clone(),
                                events: group
                                    .events
                                    .iter()
                                    .map(|event| EventView {
                                        when: event.when.clone(),
                                        date: event.date.clone(),
                                        title: html.inlines(&event.title),
                                        place: event.place.clone(),
                                        link: event.link.as_deref().and_then(|l| href(l, meta)),
                                    })
                                    .collect(),
                            })
                            .collect();
                    }
                    SectionBody::Calls { intro, calls } => {
                        view.kind = "calls";
                        view.body = html.blocks(intro, 3);
                        view.calls = calls
                            .iter()
                            .map(|call| CallView {
                                title: html.inlines(&call.title),
                                deadline: call.deadline.clone(),
                                deadline_text: call.deadline_text.clone(),
                                programme: call.programme.clone(),
                                link: call.link.as_deref().and_then(|l| href(l, meta)),
                                description: html.blocks(&call.description, 4),
                            })
                            .collect();
                    }
                }
                view
            })
            .collect();
        View {
            meta,
            labels: &doc.labels,
            page_title,
            sections,
            team: &doc.team,
            website: meta.website.as_deref().and_then(|w| href(w, meta)),
            contact: meta.contact.clone(),
            contact_label: with_colon(&doc.labels.contact, lang),
            deadline_label: with_colon(&doc.labels.deadline, lang),
            programme_label: with_colon(&doc.labels.programme, lang),
        }
    }
}

/// The `id`s of the page, kept unique: two sections may hold articles
/// with the same file name.
#[derive(Default)]
struct Anchors(HashSet<String>);

impl Anchors {
    fn unique(&mut self, wanted: &str) -> String {
        let base: String = wanted
            .chars()
            .map(|c| if c.is_whitespace() { '-' } else { c })
            .collect();
        let base = if base.is_empty() {
            "section".to_owned()
        } else {
            base
        };
        let mut id = base.clone();
        let mut n = 1;
        while !self.0.insert(id.clone()) {
            n += 1;
            id = format!("{base}-{n}");
        }
        id
    }
}

/// Turns the rich-text tree into HTML; every text goes through [`escape`].
struct Html<'d> {
    meta: &'d Meta,
    /// The level of the last heading written, so that none skips a level.
    last_heading: Cell<u8>,
}

impl Html<'_> {
    /// Blocks as a safe HTML fragment; headings start at `<h{min_level}>`.
    fn blocks(&self, blocks: &[Block], min_level: u8) -> Value {
        self.last_heading.set(min_level - 1);
        let mut out = String::new();
        self.push_blocks(blocks, min_level, &mut out);
        Value::from_safe_string(out)
    }

    /// Inline content as a safe HTML fragment.
    fn inlines(&self, inlines: &[Inline]) -> Value {
        let mut out = String::new();
        self.push_inlines(inlines, &mut out);
        Value::from_safe_string(out)
    }

    fn push_blocks(&self, blocks: &[Block], min_level: u8, out: &mut String) {
        for block in blocks {
            self.push_block(block, min_level, out);
        }
    }

    fn push_block(&self, block: &Block, min_level: u8, out: &mut String) {
        match block {
            Block::Paragraph { content } => {
                out.push_str("<p>");
                self.push_inlines(content, out);
                out.push_str("</p>\n");
            }
            Block::Heading { level, content } => {
                let level = heading_level(*level, min_level, &self.last_heading);
                out.push_str(&format!("<h{level}>"));
                self.push_inlines(content, out);
                out.push_str(&format!("</h{level}>\n"));
            }
            Block::List {
                ordered,
                start,
                items,
            } => {
                let tag = if *ordered { "ol" } else { "ul" };
                out.push('<');
                out.push_str(tag);
                if *ordered && *start != 1 {
                    out.push_str(&format!(" start=\"{start}\""));
                }
                out.push_str(">\n");
                let loose = is_loose(items);
                for item in items {
                    out.push_str("<li>");
                    match item.as_slice() {
                        // A tight item: no paragraph margins inside the bullet.
                        [Block::Paragraph { content }, rest @ ..] if !loose => {
                            self.push_inlines(content, out);
                            if !rest.is_empty() {
                                out.push('\n');
                            }
                            self.push_blocks(rest, min_level, out);
                        }
                        blocks => self.push_blocks(blocks, min_level, out),
                    }
                    out.push_str("</li>\n");
                }
                out.push_str(&format!("</{tag}>\n"));
            }
            Block::Quote { content } => {
                out.push_str("<blockquote>\n");
                self.push_blocks(content, min_level, out);
                out.push_str("</blockquote>\n");
            }
            Block::Code { text, .. } => {
                out.push_str("<pre><code>");
                escape_into(text, out);
                out.push_str("</code></pre>\n");
            }
            Block::Table {
                align,
                header,
                rows,
            } => {
                let style = |i: usize| match align.get(i) {
                    Some(Align::Left) => " style=\"text-align: left\"",
                    Some(Align::Center) => " style=\"text-align: center\"",
                    Some(Align::Right) => " style=\"text-align: right\"",
                    _ => "",
                };
                out.push_str("<table class=\"data\">\n<thead>\n<tr>");
                for (i, cell) in header.iter().enumerate() {
                    out.push_str(&format!("<th scope=\"col\"{}>", style(i)));
                    self.push_inlines(cell, out);
                    out.push_str("</th>");
                }
                out.push_str("</tr>\n</thead>\n<tbody>\n");
                for row in rows {
                    out.push_str("<tr>");
                    for (i, cell) in row.iter().enumerate() {
                        out.push_str(&format!("<td{}>", style(i)));
                        self.push_inlines(cell, out);
                        out.push_str("</td>");
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</tbody>\n</table>\n");
            }
            Block::Rule => out.push_str("<hr>\n"),
            // Raw HTML is shown as the author typed it, never interpreted.
            Block::Html { text, .. } => {
                out.push_str("<p class=\"raw\">");
                escape_into(text, out);
                out.push_str("</p>\n");
            }
        }
    }

    fn push_inlines(&self, inlines: &[Inline], out: &mut String) {
        for inline in inlines {
            self.push_inline(inline, out);
        }
    }

    fn push_inline(&self, inline: &Inline, out: &mut String) {
        let wrap = |tag: &str, content: &[Inline], out: &mut String| {
            out.push_str(&format!("<{tag}>"));
            self.push_inlines(content, out);
            out.push_str(&format!("</{tag}>"));
        };
        match inline {
            Inline::Text { text } | Inline::Html { text, .. } => escape_into(text, out),
            Inline::Code { text } => {
                out.push_str("<code>");
                escape_into(text, out);
                out.push_str("</code>");
            }
            Inline::Emph { content } => wrap("em", content, out),
            Inline::Strong { content } => wrap("strong", content, out),
            Inline::Strike { content } => wrap("s", content, out),
            Inline::Sup { content } => wrap("sup", content, out),
            Inline::Link {
                url,
                title,
                content,
                ..
            } => match href(url, self.meta) {
                Some(target) => {
                    out.push_str("<a href=\"");
                    escape_into(&target, out);
                    out.push('"');
                    if !title.is_empty() {
                        out.push_str(" title=\"");
                        escape_into(title, out);
                        out.push('"');
                    }
                    out.push('>');
                    if content.is_empty() {
                        escape_into(url, out);
                    }
                    self.push_inlines(content, out);
                    out.push_str("</a>");
                }
                None => self.push_inlines(content, out),
            },
            Inline::Image {
                url, alt, title, ..
            } => match image_src(url, self.meta) {
                Some(src) => {
                    out.push_str("<img class=\"inline\" src=\"");
                    escape_into(&src, out);
                    out.push_str("\" alt=\"");
                    escape_into(alt, out);
                    out.push('"');
                    if !title.is_empty() {
                        out.push_str(" title=\"");
                        escape_into(title, out);
                        out.push('"');
                    }
                    out.push('>');
                }
                None => {
                    out.push('[');
                    escape_into(alt, out);
                    out.push(']');
                }
            },
            Inline::Break => out.push_str("<br>\n"),
            Inline::SoftBreak => out.push('\n'),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markup::parse_str;
    use crate::render::sample::{html_text, missing_words, sample_document, sample_draft};

    fn render(doc: &Document) -> String {
        render_html(doc, &Layouts::embedded()).unwrap()
    }

    /// Every start tag of the page; text never holds a raw `<`, so each is
    /// one the browser would build.
    fn tags(html: &str) -> Vec<&str> {
        html.match_indices('<')
            .filter(|(i, _)| html[i + 1..].starts_with(|c: char| c.is_ascii_alphabetic()))
            .map(|(i, _)| &html[i..i + html[i..].find('>').unwrap() + 1])
            .collect()
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
        let html = render(&sample_document());
        assert!(html.starts_with("<!DOCTYPE html>"), "{}", &html[..200]);
        assert!(html.contains("<html lang=\"fr\" dir=\"ltr\">"));
        assert!(html.contains("<meta charset=\"utf-8\">"));
        assert!(
            html.contains(
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            )
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
        assert!(html.contains("Agenda, éditorial de la Présidente"));
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
            assert!(
                tags(&html).iter().all(|t| !t.contains(obsolete)),
                "{obsolete}"
            );
        }
    }

    #[test]
    fn sections_articles_agenda_and_calls_are_laid_out() {
        let html = render(&sample_document());
        for id in [
            "agenda",
            "01-forum-entrepreneuriat",
            "01-cocade",
            "02-cdm21",
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
        assert!(html.contains("href=\"https://www.facebook.com/reseaucitesdesmetiers/\""));
        assert!(html.contains("src=\"images/forum-entrepreneuriat.jpg\""));
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
            html.contains(
                "{{ 7*7 }} &lt;script&gt;alert(1)&lt;/script&gt; #read(\"/etc/passwd\") ]"
            )
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
        assert!(html.contains(&format!("src=\"{base}images/forum-entrepreneuriat.jpg\"")));
        assert!(html.contains(&format!("src=\"{base}images/cocade-formation.jpg\"")));
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
        let html = render_html(&sample_document(), &Layouts::with_overrides(dir.path())).unwrap();
        assert!(
            html.contains("<p>InfoLettre Agenda</p><i>BROUILLON</i>"),
            "{html}"
        );
        std::fs::write(dir.path().join("email.html"), "{% if %}").unwrap();
        let error =
            render_html(&sample_document(), &Layouts::with_overrides(dir.path())).unwrap_err();
        assert!(
            matches!(error, RenderError::Template(ref m) if m.contains("email.html")),
            "{error}"
        );
        std::fs::write(dir.path().join("email.html"), "{{ nothing.here }}").unwrap();
        assert!(render_html(&sample_document(), &Layouts::with_overrides(dir.path())).is_err());
    }

    #[test]
    fn the_sample_renders_as_expected() {
        insta::assert_snapshot!(render(&sample_document()));
    }
}
