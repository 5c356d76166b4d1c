//! `feed.xml`: Atom 1.0 (RFC 4287) with the `atom_syndication` crate, one
//! entry per issue, newest first, each with the issue's full HTML.

use atom_syndication::{Content, Entry, Feed, FixedDateTime, Link, Person, Text};
use chrono::NaiveDate;

use crate::document::Document;
use crate::links::Target;

/// The feed of `issues` (newest first), each with its page's HTML body.
pub(crate) fn feed(issues: &[(&Document, String)]) -> String {
    let Some((newest, _)) = issues.first() else {
        return String::new();
    };
    let meta = &newest.meta;
    let base = meta.base_url.as_deref().map(|b| b.trim_end_matches('/'));
    let mut feed = Feed::default();
    feed.set_title(Text::plain(meta.title.clone()));
    feed.set_subtitle(Some(Text::plain(meta.publisher.clone())));
    // The feed's id stays when issues are added: a tag dated by the oldest.
    let oldest = issues.last().map_or(*newest, |(doc, _)| *doc);
    feed.set_id(match base {
        Some(base) => format!("{base}/"),
        None => tag_uri(oldest, "feed"),
    });
    feed.set_updated(midnight(meta.date));
    feed.set_lang(Some(meta.lang.clone()));
    feed.set_authors(vec![author(newest)]);
    let mut links = vec![link(base, "", "alternate", "text/html")];
    links.push(link(base, "feed.xml", "self", "application/atom+xml"));
    feed.set_links(links);
    feed.set_entries(
        issues
            .iter()
            .map(|(doc, body)| entry(doc, body, base))
            .collect::<Vec<_>>(),
    );
    feed.to_string()
}

fn entry(doc: &Document, body: &str, base: Option<&str>) -> Entry {
    let meta = &doc.meta;
    let mut entry = Entry::default();
    let title = meta
        .issue_title
        .clone()
        .unwrap_or_else(|| format!("{} — {}", super::issue_name(doc), meta.date_text));
    entry.set_title(Text::plain(title));
    entry.set_id(match base {
        Some(base) => format!("{base}/{}/", meta.issue_id),
        None => tag_uri(doc, &meta.issue_id),
    });
    entry.set_updated(midnight(meta.date));
    entry.set_published(Some(midnight(meta.date)));
    entry.set_authors(vec![author(doc)]);
    entry.set_links(vec![link(
        base,
        &format!("{}/", meta.issue_id),
        "alternate",
        "text/html",
    )]);
    entry.set_summary(Some(Text::plain(meta.preheader.clone())));
    let mut content = Content::default();
    content.set_content_type(Some("html".to_owned()));
    content.set_value(Some(body.to_owned()));
    content.set_lang(Some(meta.lang.clone()));
    entry.set_content(Some(content));
    entry
}

fn author(doc: &Document) -> Person {
    let mut person = Person::default();
    person.set_name(doc.meta.publisher.clone());
    person.set_email(doc.meta.contact.clone());
    if let Some(site) = &doc.meta.website
        && let Target::Web(url) = &site.target
    {
        person.set_uri(Some(url.clone()));
    }
    person
}

fn link(base: Option<&str>, path: &str, rel: &str, mime: &str) -> Link {
    let mut link = Link::default();
    link.set_href(match base {
        Some(base) => format!("{base}/{path}"),
        // Relative to the feed, which sits at the top of the site.
        None if path.is_empty() => "./".to_owned(),
        None => path.to_owned(),
    });
    link.set_rel(rel.to_owned());
    link.set_mime_type(Some(mime.to_owned()));
    link
}

/// A tag URI (RFC 4151): an id that never changes, made from the
/// publisher's domain (its website's, else its contact's) and the issue's
/// date, for a feed without `base_url`.
fn tag_uri(doc: &Document, specific: &str) -> String {
    let meta = &doc.meta;
    let authority = meta
        .website
        .as_ref()
        .and_then(|site| match &site.target {
            Target::Web(url) => url::Url::parse(url).ok()?.host_str().map(str::to_owned),
            _ => None,
        })
        .or_else(|| {
            meta.contact
                .as_ref()
                .and_then(|c| c.rsplit_once('@'))
                .map(|(_, d)| d.to_owned())
        })
        .unwrap_or_else(|| "infolettre.invalid".to_owned());
    let date = meta.date.map_or("1970-01-01".to_owned(), |d| {
        d.format("%Y-%m-%d").to_string()
    });
    format!("tag:{authority},{date}:{specific}")
}

fn midnight(date: Option<NaiveDate>) -> FixedDateTime {
    let day = date.unwrap_or_default();
    day.and_hms_opt(0, 0, 0)
        .unwrap_or_default()
        .and_utc()
        .fixed_offset()
}
