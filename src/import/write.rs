//! The recognised issue as the files of the SPEC's format.

use chrono::NaiveDate;

use super::blocks::{Block, BlockKind};
use super::recognise::{Article, Call, Content, Draft, Event};
use crate::scaffold::{self, Contact, toml_multiline, toml_string};
use crate::workspace::{Config, SectionDef};

/// The files of the issue, by their path inside its directory.
pub fn files(
    config: &Config,
    draft: &Draft,
    number: u32,
    date: NaiveDate,
    source: &str,
) -> Vec<(String, String)> {
    let mut files = vec![(
        "issue.toml".to_owned(),
        format!(
            "# Imported from {source} by `infolettre import`.\nnumber = {number}\ndate = {}\n",
            date.format("%Y-%m-%d")
        ),
    )];
    for (&index, content) in &draft.sections {
        let def = &config.sections[index];
        match content {
            Content::Text(blocks) => files.push((def.entry_name(), markdown(blocks))),
            Content::Editorial { body, signature } => {
                files.push((def.entry_name(), editorial(body, signature.as_ref())))
            }
            Content::Articles(articles) => files.extend(article_files(def, articles)),
            Content::Agenda(events) => files.push((def.entry_name(), agenda(events))),
            Content::Calls { intro, calls } => {
                files.push((def.entry_name(), calls_file(intro, calls)))
            }
        }
    }
    files
}

/// Blocks as Markdown: paragraphs apart, the items of one list together.
pub fn markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    let mut number = 0;
    for (i, block) in blocks.iter().enumerate() {
        let previous = i.checked_sub(1).map(|p| blocks[p].kind);
        let in_list = matches!(
            (previous, block.kind),
            (Some(BlockKind::Item { ordered: a }), BlockKind::Item { ordered: b }) if a == b
        );
        if !out.is_empty() {
            out.push_str(if in_list { "\n" } else { "\n\n" });
        }
        number = if in_list { number + 1 } else { 1 };
        match block.kind {
            BlockKind::Heading => out.push_str(&format!("### {}", block.text)),
            BlockKind::Paragraph => out.push_str(&block.text),
            BlockKind::Item { ordered: false } => out.push_str(&format!("- {}", block.text)),
            BlockKind::Item { ordered: true } => out.push_str(&format!("{number}. {}", block.text)),
        }
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

fn editorial(body: &[Block], signature: Option<&(String, String)>) -> String {
    // No signature found: the placeholder makes `check` say so.
    let (name, role) = signature.map_or(("TODO", "TODO"), |(n, r)| (n.as_str(), r.as_str()));
    format!(
        "+++\nsignature = {}\nrole = {}\n+++\n\n{}",
        toml_string(name),
        toml_string(role),
        markdown(body)
    )
}

fn article_files(def: &SectionDef, articles: &[Article]) -> Vec<(String, String)> {
    let width = articles.len().to_string().len().max(2);
    articles
        .iter()
        .enumerate()
        .map(|(i, article)| {
            let name = format!(
                "{}/{:0width$}-{}.md",
                def.id(),
                i + 1,
                scaffold::slug(&article.title)
            );
            let contacts: Vec<Contact> = article
                .contacts
                .iter()
                .map(|(name, email)| Contact {
                    name: name.clone(),
                    email: email.clone(),
                })
                .collect();
            let front = scaffold::article_front_matter(
                &article.title,
                &contacts,
                "(none found in the original)",
            );
            (name, format!("{front}\n{}", markdown(&article.body)))
        })
        .collect()
}

fn agenda(events: &[Event]) -> String {
    let mut out = String::new();
    let mut group: Option<&str> = None;
    for event in events {
        if event.group.as_deref() != group {
            group = event.group.as_deref();
            if let Some(g) = group {
                out.push_str(&format!(
                    "{}# {g}\n",
                    if out.is_empty() { "" } else { "\n" }
                ));
            }
        }
        out.push_str(&format!(
            "\n[[event]]\ndate = {}\n",
            event.date.start.format("%Y-%m-%d")
        ));
        if let Some(end) = event.date.end {
            out.push_str(&format!("end = {}\n", end.format("%Y-%m-%d")));
        }
        out.push_str(&format!("title = {}\n", toml_string(&event.title)));
        if let Some(place) = &event.place {
            out.push_str(&format!("place = {}\n", toml_string(place)));
        }
        if let Some(group) = &event.group {
            out.push_str(&format!("group = {}\n", toml_string(group)));
        }
        if let Some(link) = &event.link {
            out.push_str(&format!("link = {}\n", toml_string(link)));
        }
    }
    out
}

fn calls_file(intro: &[Block], calls: &[Call]) -> String {
    let mut out = String::new();
    if !intro.is_empty() {
        out.push_str(&format!("intro = {}\n", toml_multiline(&markdown(intro))));
    }
    for call in calls {
        out.push_str(&format!(
            "\n[[call]]\ntitle = {}\ndeadline = {}\n",
            toml_string(&call.title),
            call.deadline.format("%Y-%m-%d")
        ));
        if let Some(programme) = &call.programme {
            out.push_str(&format!("programme = {}\n", toml_string(programme)));
        }
        if let Some(description) = &call.description {
            out.push_str(&format!("description = {}\n", toml_multiline(description)));
        }
    }
    out
}
