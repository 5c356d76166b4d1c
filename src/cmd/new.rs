//! `infolettre new`: start the next issue. The options are resolved first
//! (flags, then questions for what no flag answered, then defaults), then the
//! files are built by [`crate::scaffold`] and the directory is created whole:
//! filled in a hidden temporary directory inside `issues/`, then renamed.

use std::io::IsTerminal;
use std::path::PathBuf;

use chrono::NaiveDate;

use super::Env;
use crate::cli::NewArgs;
use crate::diag::Code;
use crate::error::{Error, Result};
use crate::prompt::{Prompter, Terminal};
use crate::scaffold::{self, CarryOver, Contact, NewArticle, Plan};
use crate::workspace::{Config, Index, SectionKind, Workspace};

/// The options of `new`, resolved from flags, answers and defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Resolved {
    id: String,
    date: NaiveDate,
    number: u32,
    title: Option<String>,
    /// The optional sections left out.
    skip: Vec<String>,
    articles: Vec<NewArticle>,
}

/// Runs `infolettre new`: resolves the options, builds the files, creates the issue whole.
pub fn run(env: &Env, args: NewArgs) -> Result<()> {
    let workspace = env.workspace()?;
    let index = workspace.index()?;
    // A taken id is refused before anything else is looked at.
    if let Some(id) = &args.id {
        check_new_id(id, &|id| issues_dir_has(&workspace, id)).map_err(|(error, _)| error)?;
    }
    // Choosing the number and the previous issue needs every issue.toml sound.
    let next_number = index.next_number()?;
    let issues_dir = workspace.issues_dir();
    let exists = |id: &str| issues_dir_has(&workspace, id);
    let today = chrono::Local::now().date_naive();
    // Prompts need a keyboard (stdin) and a screen (stderr, where dialoguer draws).
    let interactive =
        !args.no_input && std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    let mut terminal = interactive.then(Terminal::new);
    let prompter = terminal.as_mut().map(|t| t as &mut dyn Prompter);
    let resolved = resolve(
        &args,
        &workspace.config,
        next_number,
        today,
        &exists,
        prompter,
    )?;

    let carry = carry_from_previous(&workspace, &index, resolved.date)?;
    let plan = Plan {
        number: resolved.number,
        date: resolved.date,
        title: resolved.title.clone(),
        sections: workspace
            .config
            .sections
            .iter()
            .filter(|s| !resolved.skip.iter().any(|id| id == s.id()))
            .collect(),
        articles: resolved.articles.clone(),
    };
    let files = scaffold::issue_files(&plan, &carry);
    let dir = crate::fsutil::create_dir_whole(&issues_dir, &resolved.id, &files)?;

    super::meta::print_line(&crate::paths::shown(&dir))?;
    let (events, calls) = carry.counts(&plan.sections);
    if let Some(from) = carry.from.as_ref().filter(|_| events + calls > 0) {
        eprintln!(
            "carried over from {from}: {events} agenda event(s) and {calls} call(s) still ahead of {}",
            resolved.date
        );
    }
    let root = match &env.root_flag {
        None => String::new(),
        Some(root) => format!("-C {} ", root.display()),
    };
    eprintln!(
        "next: edit the TODOs, then run `infolettre {root}check {}`",
        resolved.id
    );
    Ok(())
}

/// Whether anything by the name `id` is in `issues/` (even a dangling link).
pub(super) fn issues_dir_has(workspace: &Workspace, id: &str) -> bool {
    workspace.issues_dir().join(id).symlink_metadata().is_ok()
}

/// What the previous issue (the latest dated before `date`) hands over.
fn carry_from_previous(workspace: &Workspace, index: &Index, date: NaiveDate) -> Result<CarryOver> {
    let Some(previous) = index.previous(date)? else {
        return Ok(CarryOver::default());
    };
    let mut diags = Vec::new();
    let issue = crate::issue::load(workspace, previous, &mut diags)?;
    // A carried file that does not parse hands nothing over: say so rather than lose events silently.
    let carried_files: Vec<String> = workspace
        .config
        .sections
        .iter()
        .filter(|s| {
            matches!(
                s.kind,
                SectionKind::Editorial | SectionKind::Agenda | SectionKind::Calls
            )
        })
        .map(|s| format!("{}/{}", issue.rel_dir, s.kind.file_name(s.id())))
        .collect();
    let broken: Vec<&str> = carried_files
        .iter()
        .filter(|f| {
            diags
                .iter()
                .any(|d| d.file == **f && matches!(d.code, Code::TomlSyntax | Code::Encoding))
        })
        .map(String::as_str)
        .collect();
    if !broken.is_empty() {
        eprintln!(
            "note: nothing was carried over from {}, which do(es) not parse (see `infolettre check {}`)",
            broken.join(", "),
            previous.id
        );
    }
    Ok(scaffold::carry_over(&issue, date))
}

/// Resolves every option: a flag answers its question; without a flag, the
/// prompter (when there is one) asks; otherwise the default applies. Flags
/// are validated before anything is asked.
fn resolve(
    args: &NewArgs,
    config: &Config,
    computed: u32,
    today: NaiveDate,
    exists: &dyn Fn(&str) -> bool,
    mut prompter: Option<&mut dyn Prompter>,
) -> Result<Resolved> {
    // Step: the flags, so that a wrong one fails before any question.
    if let Some(id) = &args.id {
        check_new_id(id, exists).map_err(|(error, _)| error)?;
    }
    let skip = check_skips(config, &args.skip)?;
    let flagged = args
        .articles
        .iter()
        .map(|a| parse_article(config, &skip, a))
        .collect::<Result<Vec<_>>>()?;
    let title = match args.title.as_deref().map(str::trim) {
        Some(title) => {
            scaffold::check_line("the title", title).map_err(Error::bad)?;
            Some(title.to_owned()).filter(|t| !t.is_empty())
        }
        None => None,
    };

    // Step: what no flag answered.
    let date = match (args.date, prompter.as_deref_mut()) {
        (Some(date), _) => date,
        (None, Some(p)) => ask_date(p, today)?,
        (None, None) => today,
    };
    let id = match (&args.id, prompter.as_deref_mut()) {
        (Some(id), _) => id.clone(),
        (None, Some(p)) => {
            let check = |id: &str| check_new_id(id, exists).map_err(|(_, reason)| reason);
            p.text(
                "Issue id (its directory under issues/)",
                Some(&default_id(date)),
                &check,
            )?
        }
        (None, None) => {
            let id = default_id(date);
            check_new_id(&id, exists).map_err(|(error, _)| error)?;
            id
        }
    };
    let number = match (args.number, prompter.as_deref_mut()) {
        (Some(number), _) => number,
        (None, Some(p)) => {
            let check = |s: &str| {
                s.parse::<u32>()
                    .map(drop)
                    .map_err(|_| format!("`{s}` is not a whole number"))
            };
            p.text("Issue number", Some(&computed.to_string()), &check)?
                .parse()
                .unwrap_or(computed)
        }
        (None, None) => computed,
    };
    let title = match (&args.title, prompter.as_deref_mut()) {
        (None, Some(p)) => {
            let check = |s: &str| scaffold::check_line("the title", s);
            Some(p.text(
                "Title of the issue (optional: enter leaves it out)",
                None,
                &check,
            )?)
            .filter(|t| !t.is_empty())
        }
        _ => title,
    };
    let skip = match prompter.as_deref_mut() {
        Some(p) if args.skip.is_empty() => ask_sections(p, config)?,
        _ => skip,
    };
    let articles = match prompter {
        Some(p) if flagged.is_empty() => ask_articles(p, config, &skip)?,
        _ => flagged,
    };
    Ok(Resolved {
        id,
        date,
        number,
        title,
        skip,
        articles,
    })
}

/// The default id: the date's year and month.
pub(super) fn default_id(date: NaiveDate) -> String {
    date.format("%Y-%m").to_string()
}

/// Checks a new id: a malformed one is bad usage, a taken one is refused.
/// Gives the error and, for a prompt, the reason alone.
pub(super) fn check_new_id(id: &str, exists: &dyn Fn(&str) -> bool) -> Result<(), (Error, String)> {
    if let Err(reason) = scaffold::check_issue_id(id) {
        return Err((Error::bad(reason.clone()), reason));
    }
    if exists(id) {
        let reason = format!("issues/{id} already exists");
        let error = Error::Exists {
            path: PathBuf::from(format!("issues/{id}")),
            why: Some(format!("give another id, e.g. `infolettre new {id}-b`")),
        };
        return Err((error, reason));
    }
    Ok(())
}

/// Validates `--skip`: known, optional sections only.
fn check_skips(config: &Config, skips: &[String]) -> Result<Vec<String>> {
    let optional: Vec<_> = config
        .sections
        .iter()
        .filter(|s| !s.required)
        .map(|s| format!("`{}`", s.id()))
        .collect();
    for id in skips {
        match config.section(id) {
            None => {
                return Err(Error::bad(format!(
                    "--skip {id}: no such section (optional sections: {})",
                    optional.join(", ")
                )));
            }
            Some(def) if def.required => {
                return Err(Error::bad(format!(
                    "--skip {id}: the section is required (optional sections: {})",
                    optional.join(", ")
                )));
            }
            Some(_) => {}
        }
    }
    Ok(skips.to_vec())
}

/// The ids of the sections of kind articles, for messages.
fn article_sections(config: &Config) -> String {
    let ids: Vec<_> = config
        .sections
        .iter()
        .filter(|s| s.kind == SectionKind::Articles)
        .map(|s| format!("`{}`", s.id()))
        .collect();
    if ids.is_empty() {
        "none".into()
    } else {
        ids.join(", ")
    }
}

/// Reads `--article "SECTION:Title"` or `--article "SECTION:Title:Name <email>"`.
fn parse_article(config: &Config, skip: &[String], text: &str) -> Result<NewArticle> {
    let usage = |why: String| Error::bad(format!("--article \"{text}\": {why}"));
    let (section, rest) = text
        .split_once(':')
        .ok_or_else(|| usage("write it as \"SECTION:Title\"".into()))?;
    let section = section.trim();
    match config.section(section) {
        Some(def) if def.kind == SectionKind::Articles => {}
        _ => {
            return Err(usage(format!(
                "`{section}` is not a section of articles (they are: {})",
                article_sections(config)
            )));
        }
    }
    if skip.iter().any(|s| s == section) {
        return Err(usage(format!("the section `{section}` is skipped")));
    }
    // A trailing ":Name <email>" is a contact; titles may hold colons of their own.
    let (title, contacts) = match rest.rsplit_once(':') {
        Some((title, contact)) if contact.contains('<') && contact.trim_end().ends_with('>') => (
            title,
            vec![scaffold::parse_contact(contact).map_err(usage)?],
        ),
        _ => (rest, Vec::new()),
    };
    let title = title.trim();
    if title.is_empty() {
        return Err(usage("the title is empty".into()));
    }
    scaffold::check_line("the title", title).map_err(usage)?;
    Ok(NewArticle {
        section: section.to_owned(),
        title: title.to_owned(),
        contacts,
    })
}

fn ask_date(p: &mut dyn Prompter, today: NaiveDate) -> Result<NaiveDate> {
    let check = |s: &str| {
        NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map(drop)
            .map_err(|_| format!("`{s}` is not a date: write YYYY-MM-DD"))
    };
    let answer = p.text(
        "Publication date (YYYY-MM-DD)",
        Some(&today.format("%Y-%m-%d").to_string()),
        &check,
    )?;
    Ok(NaiveDate::parse_from_str(&answer, "%Y-%m-%d").unwrap_or(today))
}

/// Asks which optional sections to include; returns those left out.
fn ask_sections(p: &mut dyn Prompter, config: &Config) -> Result<Vec<String>> {
    let optional: Vec<_> = config.sections.iter().filter(|s| !s.required).collect();
    if optional.is_empty() {
        return Ok(Vec::new());
    }
    let items: Vec<String> = optional
        .iter()
        .map(|s| format!("{} ({})", s.title, s.id()))
        .collect();
    let picked = p.multi_select(
        "Optional sections to include",
        &items,
        &vec![true; items.len()],
    )?;
    Ok(optional
        .iter()
        .enumerate()
        .filter(|(i, _)| !picked.contains(i))
        .map(|(_, s)| s.id().to_owned())
        .collect())
}

/// Asks for the first articles, one contact each, until the editor says no more.
fn ask_articles(p: &mut dyn Prompter, config: &Config, skip: &[String]) -> Result<Vec<NewArticle>> {
    let sections: Vec<_> = config
        .sections
        .iter()
        .filter(|s| s.kind == SectionKind::Articles && !skip.iter().any(|id| id == s.id()))
        .collect();
    let mut articles = Vec::new();
    if sections.is_empty() {
        return Ok(articles);
    }
    let items: Vec<String> = sections
        .iter()
        .map(|s| format!("{} ({})", s.title, s.id()))
        .collect();
    loop {
        let question = if articles.is_empty() {
            "Name a first article now?"
        } else {
            "Another article?"
        };
        if !p.confirm(question, false)? {
            return Ok(articles);
        }
        let section = if sections.len() == 1 {
            sections[0]
        } else {
            sections[p.select("Section", &items, 0)?]
        };
        let check_title = |s: &str| {
            if s.is_empty() {
                Err("the title is empty".to_owned())
            } else {
                scaffold::check_line("the title", s)
            }
        };
        let title = p.text("Article title", None, &check_title)?;
        let check_name = |s: &str| scaffold::check_line("the name", s);
        let name = p.text("Contact name (enter for none)", None, &check_name)?;
        let mut contacts = Vec::new();
        if !name.is_empty() {
            let email = p.text(&format!("Email of {name}"), None, &scaffold::check_email)?;
            contacts.push(Contact { name, email });
        }
        articles.push(NewArticle {
            section: section.id().to_owned(),
            title,
            contacts,
        });
    }
}

#[cfg(test)]
mod tests;
