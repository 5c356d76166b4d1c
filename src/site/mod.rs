//! `infolettre site`: the web archive of every issue (SPEC §2). Everything
//! is built in memory from the same documents as `render`, then written
//! all at once by the caller.
//!
//! ```text
//! index.html            every issue, newest first
//! latest/index.html     a redirect to the newest issue
//! <id>/index.html       the issue as a web page (the email layout)
//! <id>/<id>.pdf         its print edition
//! <id>/<id>.ics         its agenda and deadlines
//! <id>/images/…         its pictures
//! feed.xml              Atom 1.0, full content
//! agenda.ics            the agenda and deadlines of every issue
//! sitemap.xml           with base_url only
//! ```
//!
//! Without `base_url` every link is relative, so the folder works from disk
//! and from any web server; with it, links that leave a page are absolute.

mod feed;
pub(crate) mod ical;

use serde::Serialize;

use crate::document::Document;
use crate::layouts::Layouts;
use crate::render::html::{escape, render_template, render_web};
use crate::render::{self, Format, Pictures, RenderContext, RenderError};
use crate::theme::Theme;

/// One file of the site: its path in the site folder, and its bytes.
pub(crate) type File = (String, Vec<u8>);

/// Every file of the site for `documents`, newest issue first.
pub(crate) fn build(layouts: &Layouts, documents: &[Document]) -> Result<Vec<File>, RenderError> {
    let theme = Theme::load(layouts)?;
    let mut files = Vec::new();
    let mut bodies = Vec::new();
    let mut agenda = Vec::new();
    for (doc, issue) in documents.iter().zip(each_issue(layouts, &theme, documents)) {
        let issue = issue?;
        files.extend(issue.files);
        bodies.push((doc, issue.body));
        agenda.extend(issue.entries);
    }
    let Some(newest) = documents.first() else {
        return Ok(files);
    };
    files.push((
        "index.html".to_owned(),
        index(layouts, &theme, documents)?.into_bytes(),
    ));
    let latest = Latest {
        lang: &newest.meta.lang,
        title: headline(newest),
        id: &newest.meta.issue_id,
    };
    files.push((
        "latest/index.html".to_owned(),
        render_template(layouts, &theme, "site-latest.html", &latest)?.into_bytes(),
    ));
    files.push(("feed.xml".to_owned(), feed::feed(&bodies).into_bytes()));
    files.push((
        "agenda.ics".to_owned(),
        ical::calendar(&newest.meta.title, &agenda).into_bytes(),
    ));
    if let Some(base) = &newest.meta.base_url {
        files.push((
            "sitemap.xml".to_owned(),
            sitemap(base, documents).into_bytes(),
        ));
    }
    Ok(files)
}

/// What one issue gives the site.
struct IssueOutput {
    files: Vec<File>,
    /// Its page's `<body>`, for the feed.
    body: String,
    entries: Vec<ical::Entry>,
}

/// Every issue's outputs, in the order of `documents`, rendered on every
/// core: the print editions dominate, and each is independent (Typst's
/// caches are shared and thread-safe).
fn each_issue(
    layouts: &Layouts,
    theme: &Theme,
    documents: &[Document],
) -> Vec<Result<IssueOutput, RenderError>> {
    crate::parallel::map(documents, |doc| {
        let output = issue_output(layouts, theme, doc);
        crate::typeset::forget_unused();
        output
    })
}

/// One issue's page, print edition, calendar and pictures.
fn issue_output(
    layouts: &Layouts,
    theme: &Theme,
    doc: &Document,
) -> Result<IssueOutput, RenderError> {
    let id = &doc.meta.issue_id;
    let mut files = Vec::new();
    let page = render_web(doc, layouts, theme, Pictures::Files)?;
    let body = body_of(&page).to_owned();
    files.push((format!("{id}/index.html"), page.into_bytes()));
    let ctx = RenderContext {
        document: doc,
        layouts,
        pdf: Default::default(),
        pictures: Pictures::Files,
        email: None,
    };
    files.push((
        format!("{id}/{id}.pdf"),
        render::renderer(Format::Pdf).render(&ctx)?,
    ));
    let entries = ical::entries(doc);
    files.push((
        format!("{id}/{id}.ics"),
        ical::calendar(&issue_name(doc), &entries).into_bytes(),
    ));
    for asset in &doc.assets {
        // Only a sound picture is served, as every edition does.
        if let Some(picture) = &asset.picture {
            files.push((format!("{id}/{}", asset.path), picture.bytes.clone()));
        }
    }
    Ok(IssueOutput {
        files,
        body,
        entries,
    })
}

#[derive(Serialize)]
struct Latest<'a> {
    lang: &'a str,
    title: String,
    id: &'a str,
}

#[derive(Serialize)]
struct Index<'a> {
    lang: &'a str,
    title: &'a str,
    publisher: &'a str,
    latest_label: String,
    agenda_label: &'static str,
    issues: Vec<IndexIssue<'a>>,
}

#[derive(Serialize)]
struct IndexIssue<'a> {
    id: &'a str,
    number_text: String,
    date_text: &'a str,
    headline: String,
}

fn index(layouts: &Layouts, theme: &Theme, documents: &[Document]) -> Result<String, RenderError> {
    let newest = &documents[0];
    let view = Index {
        lang: &newest.meta.lang,
        title: &newest.meta.title,
        publisher: &newest.meta.publisher,
        latest_label: format!("{} {}", newest.labels.issue, newest.meta.number),
        agenda_label: "iCalendar",
        issues: documents
            .iter()
            .map(|doc| IndexIssue {
                id: &doc.meta.issue_id,
                number_text: format!("{} {}", doc.labels.issue, doc.meta.number),
                date_text: &doc.meta.date_text,
                headline: headline(doc),
            })
            .collect(),
    };
    render_template(layouts, theme, "site.html", &view)
}

/// What names an issue in a list: its title, else its preheader, else the
/// newsletter's name and number.
fn headline(doc: &Document) -> String {
    let meta = &doc.meta;
    match (&meta.issue_title, meta.preheader.trim()) {
        (Some(title), _) => title.clone(),
        (None, preheader) if !preheader.is_empty() => preheader.to_owned(),
        _ => issue_name(doc),
    }
}

/// The newsletter's name and the issue's number: "InfoLettre nº 42".
fn issue_name(doc: &Document) -> String {
    let meta = &doc.meta;
    format!("{} {} {}", meta.title, doc.labels.number, meta.number)
}

/// The content of a page's `<body>`, for the feed.
fn body_of(page: &str) -> &str {
    let start = page
        .find("<body")
        .and_then(|at| page[at..].find('>').map(|end| at + end + 1))
        .unwrap_or(0);
    let end = page.rfind("</body>").unwrap_or(page.len());
    page.get(start..end).unwrap_or(page).trim()
}

fn sitemap(base: &str, documents: &[Document]) -> String {
    let base = base.trim_end_matches('/');
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    out.push_str(&format!("<url><loc>{}/</loc></url>\n", escape(base)));
    for doc in documents {
        let mut url = format!(
            "<url><loc>{}/{}/</loc>",
            escape(base),
            escape(&doc.meta.issue_id)
        );
        if let Some(date) = doc.meta.date {
            url.push_str(&format!("<lastmod>{}</lastmod>", date.format("%Y-%m-%d")));
        }
        url.push_str("</url>\n");
        out.push_str(&url);
    }
    out.push_str("</urlset>\n");
    out
}
