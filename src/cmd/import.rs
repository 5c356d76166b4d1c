//! `infolettre import`: a past issue, from a Word document or its text
//! export, into `issues/ID/`: read, recognised against the settings, then
//! created whole or not at all, never over an existing issue.

use std::io::IsTerminal;
use std::path::Path;

use chrono::NaiveDate;

use super::Env;
use super::new::{check_new_id, default_id, issues_dir_has};
use crate::cli::ImportArgs;
use crate::error::{Error, Result};
use crate::import::{self, Block, Note, Recogniser};
use crate::prompt::{Prompter, Terminal};
use crate::workspace::Workspace;

pub fn run(env: &Env, args: ImportArgs) -> Result<()> {
    let workspace = env.workspace()?;
    let index = workspace.index()?;
    let exists = |id: &str| issues_dir_has(&workspace, id);
    if let Some(id) = &args.id {
        check_new_id(id, &exists).map_err(|(error, _)| error)?;
    }
    let path = env.cwd.join(&args.file);
    let not_imported = |why: String| Error::NotImported {
        file: args.file.clone(),
        why,
    };
    let source = import::read(&path)?.map_err(|e| not_imported(e.to_string()))?;

    let interactive =
        !args.no_input && std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    let mut terminal = interactive.then(Terminal::new);
    let prompter = terminal.as_mut().map(|t| t as &mut dyn Prompter);
    let masthead = masthead(&workspace, &source.blocks);
    let date = match args.date.or_else(|| masthead_date(&workspace, masthead)) {
        Some(date) => date,
        None => ask_date(prompter, &args.file)?,
    };
    let number = match args
        .number
        .or_else(|| masthead_number(&workspace, masthead))
    {
        Some(number) => number,
        None => index.next_number()?,
    };
    let id = match &args.id {
        Some(id) => id.clone(),
        None => {
            let id = default_id(date);
            check_new_id(&id, &exists).map_err(|(error, _)| error)?;
            id
        }
    };

    let recogniser = Recogniser::new(&workspace.config, &workspace.language, date, &source.blocks);
    let Some(draft) = recogniser.recognise(source.blocks) else {
        let titles: Vec<String> = workspace
            .config
            .sections
            .iter()
            .map(|s| format!("\"{}\"", s.title))
            .collect();
        return Err(not_imported(format!(
            "no section title of infolettre.toml stands on a line of its own (looked for {})",
            titles.join(", ")
        )));
    };
    if let Some(first) = draft.unplaced.first() {
        return Err(not_imported(format!(
            "{} block(s) of text, the first at {} {}, fit no section of infolettre.toml (free text needs a text, editorial, calls or articles section)",
            draft.unplaced.len(),
            source.unit.name(),
            first.line
        )));
    }
    let shown_source = args.file.display().to_string();
    let files = import::files(&workspace.config, &draft, number, date, &shown_source);
    let dir = crate::fsutil::create_dir_whole(&workspace.issues_dir(), &id, &files)?;

    super::meta::print_line(&crate::paths::shown(&dir))?;
    let mut notes: Vec<&Note> = source.notes.iter().chain(&draft.notes).collect();
    notes.sort_by_key(|n| n.line);
    for note in notes {
        let place = source.unit.place(&shown_source, note.line);
        eprintln!("{place}: note: {}", note.message);
    }
    let root = match &env.root_flag {
        None => String::new(),
        Some(root) => format!("-C {} ", root.display()),
    };
    eprintln!("next: run `infolettre {root}check {id}`: it reports what the original got wrong");
    Ok(())
}

/// The blocks above the first section title: where a masthead gives the
/// issue's date and number.
fn masthead<'b>(workspace: &Workspace, blocks: &'b [Block]) -> &'b [Block] {
    let end = blocks
        .iter()
        .position(|b| import::section_titled(&workspace.config, b).is_some())
        .unwrap_or(blocks.len());
    &blocks[..end]
}

/// A date with its year in the masthead ("InfoLettre n° 42 — 15 décembre 2017").
fn masthead_date(workspace: &Workspace, masthead: &[Block]) -> Option<NaiveDate> {
    let has_year = |text: &str| {
        text.split(|c: char| !c.is_ascii_digit())
            .any(|n| n.len() == 4)
    };
    masthead
        .iter()
        .filter(|b| b.is_line(12) && has_year(&b.text))
        .find_map(|b| {
            workspace
                .language
                .read_first_date(&b.plain(), NaiveDate::MIN)
        })
        .map(|span| span.start)
}

/// The number after the language's "n°" in the masthead ("n° 42").
fn masthead_number(workspace: &Workspace, masthead: &[Block]) -> Option<u32> {
    let label = workspace.language.labels().number;
    masthead.iter().find_map(|b| {
        let at = crate::typography::find_folded(&b.text, &label)?;
        let after =
            b.text[at + label.len()..].trim_start_matches([' ', '\u{a0}', '\u{202f}', '.', ':']);
        let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    })
}

fn ask_date(prompter: Option<&mut dyn Prompter>, file: &Path) -> Result<NaiveDate> {
    let Some(prompter) = prompter else {
        return Err(Error::usage(
            format!("{} gives no publication date", file.display()),
            "give it with --date YYYY-MM-DD",
        ));
    };
    let check = |s: &str| {
        NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
            .map(drop)
            .map_err(|_| format!("`{s}` is not a date as YYYY-MM-DD"))
    };
    let answer = prompter.text("Publication date of the issue (YYYY-MM-DD)", None, &check)?;
    NaiveDate::parse_from_str(answer.trim(), "%Y-%m-%d")
        .map_err(|_| Error::bad(format!("`{answer}` is not a date")))
}
