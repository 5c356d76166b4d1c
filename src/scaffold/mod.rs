//! The starting files of `new` and `add`: what a fresh issue or article holds,
//! the names it gets, and what the previous issue hands over. Everything here
//! builds text; the commands do the writing.

mod carry;

use chrono::NaiveDate;

pub use carry::{CarryOver, carry_over};

use crate::error::Result;
use crate::workspace::{ContactPolicy, SectionDef, SectionKind};

/// The longest slug, in characters, so that file names stay readable in a listing.
const MAX_SLUG: usize = 50;

/// The issue's own settings file.
const ISSUE_FILE: &str = "issue.toml";

/// The address that stands for a contact still to be found: a placeholder
/// domain, so that `check` reports it as `placeholder`, never as `invalid-email`.
pub const TODO_EMAIL: &str = "todo@example.org";

/// A contact named in an article's front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    /// The name, as printed.
    pub name: String,
    /// The address, valid by [`crate::email::validate`].
    pub email: String,
}

/// Reads a contact written as `Name <email>`, validating the address.
pub fn parse_contact(text: &str) -> Result<Contact, String> {
    let form =
        "write a contact as \"Name <email>\", e.g. \"Jeanne Martin <jeanne.martin@cite.fr>\"";
    let (name, rest) = text
        .trim()
        .split_once('<')
        .ok_or_else(|| format!("`{text}` has no <email>: {form}"))?;
    let email = rest
        .strip_suffix('>')
        .ok_or_else(|| format!("`{text}` does not end with `>`: {form}"))?
        .trim();
    let name = name.trim();
    check_line("the contact's name", name)?;
    if name.is_empty() {
        return Err(format!("`{text}` has no name before <email>: {form}"));
    }
    check_email(email)?;
    Ok(Contact {
        name: name.to_owned(),
        email: email.to_owned(),
    })
}

/// Validates a contact address with the same rules as `check`, saying why it is refused.
pub fn check_email(email: &str) -> Result<(), String> {
    crate::email::validate(email)
        .map_err(|error| format!("`{email}` is not a valid address: {error}"))
}

/// Refuses a title or name that cannot stay on one line of TOML.
pub fn check_line(what: &str, text: &str) -> Result<(), String> {
    match text.chars().find(|c| c.is_control()) {
        Some(c) => Err(format!(
            "{what} contains a control character ({c:?}): write it on one line"
        )),
        None => Ok(()),
    }
}

/// The file-name slug of a title: accents folded, lowercase, every run of other
/// characters turned into one `-`, at most [`MAX_SLUG`] characters.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in crate::names::fold(title).chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    if out.chars().count() > MAX_SLUG {
        let cut: String = out.chars().take(MAX_SLUG + 1).collect();
        // Cut at a word boundary when there is one in the second half.
        out = match cut.rfind('-') {
            Some(at) if at > MAX_SLUG / 2 => cut[..at].to_owned(),
            _ => cut.chars().take(MAX_SLUG).collect(),
        };
    }
    let out = out.trim_matches('-');
    if out.is_empty() {
        "article".to_owned()
    } else {
        out.to_owned()
    }
}

/// Refuses an issue id that is not one plain directory name under `issues/`.
pub fn check_issue_id(id: &str) -> Result<(), String> {
    if id.trim().is_empty() {
        return Err("the issue id is empty".into());
    }
    if id.trim() != id {
        return Err(format!("the issue id `{id}` starts or ends with a space"));
    }
    if id.contains(['/', '\\']) {
        return Err(format!(
            "the issue id `{id}` contains a path separator: it must be one directory name"
        ));
    }
    if id.contains("..") {
        return Err(format!("the issue id `{id}` contains `..`"));
    }
    if id.starts_with('.') {
        return Err(format!(
            "the issue id `{id}` starts with a dot, which would hide it"
        ));
    }
    if id.chars().any(char::is_control) {
        return Err(format!("the issue id {id:?} contains a control character"));
    }
    Ok(())
}

/// A TOML basic string holding `text`, escaped by hand so that the result is
/// always one line (a multi-line string could hold a `+++` fence).
pub fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A TOML multi-line basic string holding `text` (Markdown for an intro or
/// a description), every quote and backslash escaped, so nothing in `text`
/// can close it.
pub fn toml_multiline(text: &str) -> String {
    let mut out = String::from("\"\"\"\n");
    for c in text.trim_end().chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\t' => out.push(c),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push_str("\n\"\"\"");
    out
}

/// An article file: front matter with the title and contacts, body `TODO`.
/// A section that requires contacts gets a placeholder one when none is given.
pub fn article_file(title: &str, contacts: &[Contact], policy: ContactPolicy) -> String {
    let todo = [Contact {
        name: "TODO".into(),
        email: TODO_EMAIL.into(),
    }];
    let contacts = if contacts.is_empty() && policy == ContactPolicy::Required {
        &todo[..]
    } else {
        contacts
    };
    let front = article_front_matter(title, contacts, "(optional in this section)");
    format!("{front}\nTODO\n")
}

/// An article's front matter, `+++` to `+++`: the title and the contacts as
/// given; without contacts, a commented example followed by `why_none`.
pub fn article_front_matter(title: &str, contacts: &[Contact], why_none: &str) -> String {
    let mut out = format!("+++\ntitle = {}\n", toml_string(title));
    let entry = |c: &Contact| {
        format!(
            "{{ name = {}, email = {} }}",
            toml_string(&c.name),
            toml_string(&c.email)
        )
    };
    match contacts {
        [] => out.push_str(&format!(
            "# contacts = [{{ name = \"…\", email = \"…\" }}]   {why_none}\n"
        )),
        [one] => out.push_str(&format!("contacts = [{}]\n", entry(one))),
        many => {
            out.push_str("contacts = [\n");
            many.iter()
                .for_each(|c| out.push_str(&format!("  {},\n", entry(c))));
            out.push_str("]\n");
        }
    }
    out.push_str("+++\n");
    out
}

/// An article to create, named by the editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewArticle {
    /// The id of a section of kind articles.
    pub section: String,
    /// The title, on one line.
    pub title: String,
    /// Its contacts, with validated addresses.
    pub contacts: Vec<Contact>,
}

/// Everything a new issue is made from, resolved.
#[derive(Debug, Clone)]
pub struct Plan<'a> {
    /// The issue's number.
    pub number: u32,
    /// The publication date.
    pub date: NaiveDate,
    /// The issue's title, if any.
    pub title: Option<String>,
    /// The sections to create, in print order.
    pub sections: Vec<&'a SectionDef>,
    /// Articles named up front; a section without any gets one TODO article.
    pub articles: Vec<NewArticle>,
}

/// The files of a new issue, as (path inside the issue directory, text).
pub fn issue_files(plan: &Plan<'_>, carry: &CarryOver) -> Vec<(String, String)> {
    let mut files = vec![(ISSUE_FILE.to_owned(), issue_toml(plan))];
    for def in &plan.sections {
        let id = def.id();
        match def.kind {
            SectionKind::Editorial => {
                let front = carry
                    .editorial(id)
                    .unwrap_or("signature = \"TODO\"\nrole = \"TODO\"\n");
                files.push((format!("{id}.md"), format!("+++\n{front}+++\n\nTODO\n")));
            }
            SectionKind::Text => files.push((format!("{id}.md"), "TODO\n".into())),
            SectionKind::Articles => {
                let named: Vec<_> = plan.articles.iter().filter(|a| a.section == id).collect();
                if named.is_empty() {
                    // Titles differ from section to section, or `check` would also report `duplicate-title`.
                    let title = format!("TODO: the title of an article of {id}");
                    files.push((
                        format!("{id}/01-todo.md"),
                        article_file(&title, &[], def.contact),
                    ));
                }
                for (n, article) in named.iter().enumerate() {
                    let name = format!("{id}/{:02}-{}.md", n + 1, slug(&article.title));
                    files.push((
                        name,
                        article_file(&article.title, &article.contacts, def.contact),
                    ));
                }
            }
            SectionKind::Agenda => files.push((
                format!("{id}.toml"),
                carry::agenda_file(def, plan.date, carry),
            )),
            SectionKind::Calls => files.push((
                format!("{id}.toml"),
                carry::calls_file(def, plan.date, carry),
            )),
        }
    }
    files
}

fn issue_toml(plan: &Plan<'_>) -> String {
    let mut out = format!(
        "number = {}\ndate = {}\n",
        plan.number,
        plan.date.format("%Y-%m-%d")
    );
    if let Some(title) = &plan.title {
        out.push_str(&format!("title = {}\n", toml_string(title)));
    }
    out.push_str("# The preview text that mail clients show after the subject.\n");
    out.push_str("preheader = \"TODO\"\n");
    out
}

#[cfg(test)]
mod tests;
