//! `infolettre add`: a new article in a section of an existing issue, numbered
//! after the last one, named from its title, never overwriting anything.

use std::io::Write;
use std::path::Path;

use super::Env;
use crate::cli::AddArgs;
use crate::error::{Error, Result};
use crate::scaffold;
use crate::workspace::{SectionKind, read};

/// Runs `infolettre add`: validates the arguments, then writes the new article.
pub fn run(env: &Env, args: AddArgs) -> Result<()> {
    let workspace = env.workspace()?;
    // Step: everything the arguments say, before touching the disk.
    let def = match workspace.config.section(&args.section) {
        Some(def) if def.kind == SectionKind::Articles => def,
        found => {
            let ids: Vec<_> = workspace
                .config
                .sections
                .iter()
                .filter(|s| s.kind == SectionKind::Articles)
                .map(|s| format!("`{}`", s.id()))
                .collect();
            let why = match found {
                Some(def) => format!(
                    "the section `{}` is of kind {}, not articles",
                    args.section,
                    def.kind.as_str()
                ),
                None => format!("no section is called `{}`", args.section),
            };
            return Err(Error::usage(
                why,
                format!("sections of articles: {}", ids.join(", ")),
            ));
        }
    };
    let title = args.title.trim();
    if title.is_empty() {
        return Err(Error::bad("the article's title is empty"));
    }
    scaffold::check_line("the title", title).map_err(Error::bad)?;
    let contacts = args
        .contact
        .iter()
        .map(|c| {
            scaffold::parse_contact(c)
                .map_err(|why| Error::bad(format!("--contact \"{c}\": {why}")))
        })
        .collect::<Result<Vec<_>>>()?;

    // Step: the issue and the file name.
    let index = workspace.index()?;
    let issue_dir = env
        .issue(&workspace, &index, args.issue.as_deref())?
        .dir
        .clone();
    let folder = issue_dir.join(def.id());
    let entry = read::entry(&issue_dir, &folder).map_err(|e| Error::io("read", &folder, e))?;
    if !matches!(entry, read::Entry::Dir | read::Entry::Missing) {
        let why = entry.refusal().unwrap_or("a file");
        return Err(Error::usage(
            format!(
                "{} is not a folder of the issue ({why})",
                crate::paths::shown(&folder)
            ),
            format!(
                "the section `{}` keeps one Markdown file per article in a folder",
                def.id()
            ),
        ));
    }
    std::fs::create_dir_all(&folder).map_err(|e| Error::io("create", &folder, e))?;
    let (next, placeholders) = survey_folder(&folder)?;
    let path = folder.join(format!("{next:02}-{}.md", scaffold::slug(title)));

    // Step: the file, created only if nothing has that name.
    let text = scaffold::article_file(title, &contacts, def.contact);
    write_new(&folder, &path, &text)?;
    super::meta::print_line(&crate::paths::shown(&path))?;
    for name in placeholders {
        eprintln!(
            "note: {}/{name} is the starting article of `new`; delete it if this article takes its place",
            def.id()
        );
    }
    Ok(())
}

/// The number the next article takes (after the highest `NN-` prefix), and
/// the starting articles that `new` left there.
fn survey_folder(folder: &Path) -> Result<(u32, Vec<String>)> {
    let mut highest = 0;
    let mut placeholders = Vec::new();
    for entry in std::fs::read_dir(folder).map_err(|e| Error::io("read", folder, e))? {
        let name = entry
            .map_err(|e| Error::io("read", folder, e))?
            .file_name()
            .to_string_lossy()
            .into_owned();
        if name.starts_with('.') {
            continue;
        }
        let digits: String = name.chars().take_while(char::is_ascii_digit).collect();
        if let Ok(n) = digits.parse::<u32>() {
            highest = highest.max(n);
        }
        if name.ends_with("-todo.md") {
            placeholders.push(name);
        }
    }
    placeholders.sort();
    Ok((highest.saturating_add(1), placeholders))
}

/// Writes `text` to `path` through a temporary file, failing if `path` exists.
fn write_new(folder: &Path, path: &Path, text: &str) -> Result<()> {
    let mut temp = tempfile::Builder::new()
        .prefix(".add-")
        .tempfile_in(folder)
        .map_err(|e| Error::io("write in", folder, e))?;
    temp.write_all(text.as_bytes())
        .map_err(|e| Error::io("write", path, e))?;
    match temp.persist_noclobber(path) {
        Ok(_) => Ok(()),
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => Err(Error::Exists {
            path: path.to_owned(),
            why: None,
        }),
        Err(e) => Err(Error::io("write", path, e.error)),
    }
}
