//! What the `email.html` template sees: the issue as plain strings, which the
//! template escapes, and HTML fragments built by [`Html`], marked safe; and the
//! unique `id`s of the page.

use std::collections::HashSet;

use minijinja::value::Value;
use serde::Serialize;

use super::rich::Html;
use crate::document::{Document, Labels, Meta, SectionBody, TeamMember};
use crate::render::Pictures;
use crate::render::common::{contacts_label, href, issue_title, picture_src, with_colon};

/// What the template sees: plain strings (escaped by the template) and
/// HTML fragments built here (marked safe, every text in them escaped).
#[derive(Serialize)]
pub(super) struct View<'d> {
    meta: &'d Meta,
    labels: &'d Labels,
    /// The text of `<title>`.
    page_title: String,
    sections: Vec<SectionView>,
    team: &'d [TeamMember],
    website: Option<String>,
    contact: Option<String>,
    contact_label: String,
    unsubscribe: Option<String>,
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
    /// The size to show it at, when the picture has one (not SVG).
    width: Option<u32>,
    height: Option<u32>,
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
    pub(super) fn new(doc: &'d Document, pictures: Pictures) -> Self {
        let meta = &doc.meta;
        let lang = &doc.language;
        let mut anchors = Anchors::default();
        let html = Html::new(meta, pictures, &doc.assets);
        let mut page_title = issue_title(meta);
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
                                image: article.image.as_ref().map(|image| {
                                    let size = html.size_of(&image.path);
                                    ImageView {
                                        src: picture_src(&image.path, meta, pictures),
                                        alt: image.alt.clone(),
                                        width: size.map(|s| s.0),
                                        height: size.map(|s| s.1),
                                    }
                                }),
                                body: html.blocks(&article.blocks, 4),
                                contact_label: contacts_label(doc, &article.contacts),
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
                                        date: event.date.to_string(),
                                        title: html.inlines(&event.title),
                                        place: event.place.clone(),
                                        link: event
                                            .link
                                            .as_ref()
                                            .and_then(|l| href(&l.target, Some(meta))),
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
                                deadline: call.deadline.to_string(),
                                deadline_text: call.deadline_text.clone(),
                                programme: call.programme.clone(),
                                link: call.link.as_ref().and_then(|l| href(&l.target, Some(meta))),
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
            website: meta
                .website
                .as_ref()
                .and_then(|w| href(&w.target, Some(meta))),
            contact: meta.contact.clone(),
            contact_label: with_colon(&doc.labels.contact, lang),
            unsubscribe: meta
                .unsubscribe
                .as_ref()
                .and_then(|u| href(&u.target, Some(meta))),
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
