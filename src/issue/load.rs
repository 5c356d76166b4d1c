//! Reading an issue directory into an [`Issue`], turning every problem into
//! a diagnostic.

use std::collections::BTreeSet;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::*;
use crate::diag::{Code, Diagnostic};
use crate::error::{Error, Result};
use crate::markup;
use crate::source;
use crate::tomlfile::{self, Schema, tables, value};
use crate::workspace::{SectionKind, Workspace};

pub const ISSUE_FILE: &str = "issue.toml";
pub const IMAGES_DIR: &str = "images";

const ISSUE_SCHEMA: Schema = &[value("number"), value("date"), value("title"), value("preheader")];
const EDITORIAL_SCHEMA: Schema = &[value("signature"), value("role")];
const TEXT_SCHEMA: Schema = &[value("title")];
const CONTACT_SCHEMA: Schema = &[value("name"), value("email")];
const ARTICLE_SCHEMA: Schema = &[
    value("title"),
    tables("contacts", CONTACT_SCHEMA),
    value("image"),
    value("image_alt"),
    value("allow"),
];
const EVENT_SCHEMA: Schema = &[
    value("date"),
    value("end"),
    value("title"),
    value("place"),
    value("group"),
    value("link"),
];
const AGENDA_SCHEMA: Schema = &[tables("event", EVENT_SCHEMA)];
const CALL_SCHEMA: Schema = &[
    value("title"),
    value("deadline"),
    value("programme"),
    value("link"),
    value("description"),
];
const CALLS_SCHEMA: Schema = &[value("intro"), tables("call", CALL_SCHEMA)];

/// Resolves an ISSUE argument: a directory path, or an id under `issues/`.
/// Returns the directory and its id.
pub fn find(workspace: &Workspace, arg: &str) -> Result<(std::path::PathBuf, String)> {
    let under_issues = workspace.issues_dir().join(arg);
    let as_path = Path::new(arg);
    let dir = if under_issues.is_dir() {
        under_issues
    } else if as_path.is_dir() {
        as_path.to_owned()
    } else if workspace.root.join(as_path).is_dir() {
        workspace.root.join(as_path)
    } else {
        return Err(Error::NotFound { what: "issue", path: under_issues });
    };
    let id = dir
        .canonicalize()
        .map_err(|e| Error::io("open", &dir, e))?
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| arg.to_owned());
    Ok((dir, id))
}

/// Loads the issue in `dir`. Findings go to `diags`; only what stops the
/// whole run (an unreadable directory or file) is an error.
pub fn load(workspace: &Workspace, dir: &Path, diags: &mut Vec<Diagnostic>) -> Result<Issue> {
    let rel_dir = relative(&workspace.root, dir);
    let id = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut loader = Loader {
        root: &workspace.root,
        rel_dir: rel_dir.clone(),
        sources: Vec::new(),
        diags,
        claimed: BTreeSet::from([ISSUE_FILE.to_owned(), IMAGES_DIR.to_owned()]),
    };
    let meta = loader.issue_toml()?;
    let sections = workspace
        .config
        .sections
        .iter()
        .map(|def| loader.section(def).map(|content| LoadedSection { def: def.clone(), content }))
        .collect::<Result<Vec<_>>>()?;
    loader.stray_files(dir, workspace)?;
    Ok(Issue { id, dir: dir.to_owned(), rel_dir, meta, sections, sources: loader.sources })
}

/// `path` relative to `root`, with `/` separators, for messages (an issue
/// named by an absolute path or through `..` is still shown from the root).
fn relative(root: &Path, path: &Path) -> String {
    let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_owned());
    let (root, path) = (canonical(root), canonical(path));
    let rel = path.strip_prefix(&root).unwrap_or(&path);
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

struct Loader<'a> {
    root: &'a Path,
    rel_dir: String,
    sources: Vec<SourceFile>,
    diags: &'a mut Vec<Diagnostic>,
    /// Names in the issue directory that a section or the issue itself claims.
    claimed: BTreeSet<String>,
}

#[derive(Deserialize)]
struct IssueToml {
    number: Spanned<u32>,
    date: DateValue,
    title: Option<String>,
    preheader: Option<String>,
}

#[derive(Deserialize, Default)]
struct AgendaToml {
    #[serde(default)]
    event: Vec<EventEntry>,
}

#[derive(Deserialize, Default)]
struct CallsToml {
    intro: Option<Spanned<String>>,
    #[serde(default)]
    call: Vec<CallEntry>,
}

impl Loader<'_> {
    fn rel(&self, name: &str) -> String {
        format!("{}/{name}", self.rel_dir)
    }

    /// Reads a file of the issue; `None` when it is not text (already reported).
    fn read(&mut self, name: &str) -> Result<Option<FileId>> {
        match source::read(self.root, &self.rel(name))? {
            Ok(file) => {
                self.sources.push(file);
                Ok(Some(FileId(self.sources.len() - 1)))
            }
            Err(diag) => {
                self.diags.push(diag);
                Ok(None)
            }
        }
    }

    fn exists(&self, name: &str) -> bool {
        self.root.join(self.rel(name)).exists()
    }

    fn issue_toml(&mut self) -> Result<Option<IssueMeta>> {
        if !self.exists(ISSUE_FILE) {
            let diag = Diagnostic::file(Code::FrontMatter, self.rel(ISSUE_FILE), "the issue has no issue.toml")
                .with_help("create it with `number = 1` and `date = 2018-01-15`");
            self.diags.push(diag);
            return Ok(None);
        }
        let Some(id) = self.read(ISSUE_FILE)? else { return Ok(None) };
        let file = &self.sources[id.0];
        let parsed: Option<IssueToml> = tomlfile::parse(file, 0..file.text().len(), ISSUE_SCHEMA, "issue.toml", self.diags);
        Ok(parsed.map(|toml| {
            let date = toml.date.resolve(file).map_err(|d| self.diags.push(d)).ok();
            IssueMeta {
                file: id,
                number: toml.number,
                date,
                date_span: toml.date.span.clone(),
                title: toml.title,
                preheader: toml.preheader,
            }
        }))
    }

    fn section(&mut self, def: &SectionDef) -> Result<Option<Content>> {
        let id = def.id();
        let name = match def.kind {
            SectionKind::Articles => id.to_owned(),
            kind => kind.file_name(id),
        };
        self.claimed.insert(name.clone());
        let path = self.root.join(self.rel(&name));
        let findings_before = self.diags.len();
        let content = if !path.exists() {
            None
        } else if def.kind == SectionKind::Articles {
            if path.is_dir() {
                Some(Content::Articles(self.articles(&name)?))
            } else {
                self.diags.push(Diagnostic::file(Code::StrayFile, self.rel(&name),
                    format!("`{name}` should be a folder of articles, one Markdown file each")));
                None
            }
        } else if let Some(file) = self.read(&name)? {
            if matches!(def.kind, SectionKind::Agenda | SectionKind::Calls) && self.sources[file.0].text().trim().is_empty() {
                let what = if def.kind == SectionKind::Agenda { "events ([[event]])" } else { "calls ([[call]])" };
                let path = self.sources[file.0].path().to_owned();
                self.diags.push(Diagnostic::file(Code::EmptyContent, path, format!("`{name}` is empty"))
                    .with_help(format!("write its {what}, or delete the file")));
            }
            Some(match def.kind {
                SectionKind::Editorial => Content::Editorial(self.markdown(file, EDITORIAL_SCHEMA, "editorial front matter")),
                SectionKind::Text => Content::Text(self.markdown(file, TEXT_SCHEMA, "front matter")),
                SectionKind::Agenda => Content::Agenda(self.agenda(file)),
                SectionKind::Calls => Content::Calls(self.calls(file)),
                SectionKind::Articles => unreachable!("handled above"),
            })
        } else {
            None
        };
        // A file with its own errors (bad TOML, bad bytes) is not also "missing".
        let has_own_findings = self.diags.len() > findings_before;
        if def.required && is_empty(content.as_ref()) && !has_own_findings {
            self.missing_section(def, &name, content.is_some());
        }
        Ok(content)
    }

    fn missing_section(&mut self, def: &SectionDef, name: &str, present: bool) {
        let id = def.id();
        let (message, help) = if present {
            (format!("the required section `{id}` ({}) is empty", def.title), "write its content".to_owned())
        } else {
            let what = match def.kind {
                SectionKind::Articles => format!("a folder `{name}/` holding one Markdown file per article"),
                _ => format!("`{name}`"),
            };
            (format!("the required section `{id}` ({}) is missing", def.title), format!("create {what}"))
        };
        let path = if present || def.kind != SectionKind::Articles { self.rel(name) } else { self.rel(&format!("{name}/")) };
        self.diags.push(Diagnostic::file(Code::MissingSection, path, message).with_help(help));
    }

    fn articles(&mut self, folder: &str) -> Result<Vec<MdDoc<ArticleFront>>> {
        let dir = self.root.join(self.rel(folder));
        let mut names = Vec::new();
        for entry in std::fs::read_dir(&dir).map_err(|e| Error::io("read", &dir, e))? {
            let entry = entry.map_err(|e| Error::io("read", &dir, e))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            if name.ends_with(".md") && entry.path().is_file() {
                names.push(name);
            } else {
                self.diags.push(Diagnostic::file(Code::StrayFile, self.rel(&format!("{folder}/{name}")),
                    format!("`{name}` is not an article: the folder `{folder}/` holds only Markdown files"))
                    .with_help("move it out of the issue, or into `images/` if it is a picture"));
            }
        }
        names.sort();
        let mut articles = Vec::new();
        for name in names {
            if let Some(file) = self.read(&format!("{folder}/{name}"))? {
                articles.push(self.markdown(file, ARTICLE_SCHEMA, "article front matter"));
            }
        }
        Ok(articles)
    }

    fn markdown<F: serde::de::DeserializeOwned>(&mut self, id: FileId, schema: Schema, what: &str) -> MdDoc<F> {
        let file = &self.sources[id.0];
        let split = front_matter::split(file).unwrap_or_else(|(split, diag)| {
            self.diags.push(diag);
            split
        });
        let front = split.front.clone().and_then(|range| tomlfile::parse(file, range, schema, what, self.diags));
        let stem = file.path().rsplit('/').next().unwrap_or("").trim_end_matches(".md").to_owned();
        MdDoc {
            file: id,
            stem,
            front,
            has_front: split.front.is_some(),
            blocks: markup::parse(file, split.body.clone()),
            body: split.body,
        }
    }

    fn agenda(&mut self, id: FileId) -> AgendaDoc {
        let file = &self.sources[id.0];
        let toml: AgendaToml = tomlfile::parse(file, 0..file.text().len(), AGENDA_SCHEMA, "the agenda", self.diags).unwrap_or_default();
        AgendaDoc { file: id, events: toml.event }
    }

    fn calls(&mut self, id: FileId) -> CallsDoc {
        let file = &self.sources[id.0];
        let toml: CallsToml = tomlfile::parse(file, 0..file.text().len(), CALLS_SCHEMA, "the calls", self.diags).unwrap_or_default();
        let intro = toml.intro.as_ref().map(|s| markdown_value(file, s)).unwrap_or_default();
        let calls = toml
            .call
            .into_iter()
            .map(|entry| Call {
                description: entry.description.as_ref().map(|s| markdown_value(file, s)).unwrap_or_default(),
                entry,
            })
            .collect();
        CallsDoc { file: id, intro, intro_span: toml.intro.as_ref().map(Spanned::span), calls }
    }

    /// Reports every entry of the issue directory that nothing claims.
    fn stray_files(&mut self, dir: &Path, workspace: &Workspace) -> Result<()> {
        let mut names = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(|e| Error::io("read", dir, e))? {
            let entry = entry.map_err(|e| Error::io("read", dir, e))?;
            names.push((entry.file_name().to_string_lossy().into_owned(), entry.path().is_dir()));
        }
        names.sort();
        for (name, is_dir) in names {
            if name.starts_with('.') || self.claimed.contains(&name) {
                continue;
            }
            let stem = name.split('.').next().unwrap_or(&name);
            let help = match workspace.config.section(stem) {
                Some(def) => format!("section `{stem}` is of kind {}: its content goes in `{}`", def.kind.as_str(), def.kind.file_name(stem)),
                None => {
                    let ids: Vec<_> = workspace.config.sections.iter().map(|s| format!("`{}`", s.id())).collect();
                    format!("declare a section for it in infolettre.toml, or move it out of the issue (sections: {})", ids.join(", "))
                }
            };
            let what = if is_dir { "folder" } else { "file" };
            self.diags.push(Diagnostic::file(Code::StrayFile, self.rel(&name),
                format!("no section claims the {what} `{name}`: it would never reach the newsletter")).with_help(help));
        }
        Ok(())
    }
}

/// Whether a section has nothing to print.
fn is_empty(content: Option<&Content>) -> bool {
    match content {
        None => true,
        Some(Content::Articles(articles)) => articles.is_empty(),
        Some(Content::Agenda(agenda)) => agenda.events.is_empty(),
        Some(Content::Calls(calls)) => calls.calls.is_empty() && calls.intro.is_empty(),
        Some(Content::Editorial(doc)) => doc.blocks.is_empty(),
        Some(Content::Text(doc)) => doc.blocks.is_empty(),
    }
}

/// Parses a Markdown string held by a TOML value, with spans in the file when
/// the value is written literally (no escapes), else at the value's start.
fn markdown_value(file: &SourceFile, value: &Spanned<String>) -> Vec<markup::Block> {
    let span = value.span();
    let raw = &file.text()[span.clone()];
    let text = value.get_ref();
    for delimiter in ["\"\"\"", "'''", "\"", "'"] {
        if let Some(rest) = raw.strip_prefix(delimiter) {
            // TOML drops a line break right after an opening triple quote.
            let skip = match (delimiter.len(), rest) {
                (3, r) if r.starts_with("\r\n") => 2,
                (3, r) if r.starts_with('\n') => 1,
                _ => 0,
            };
            let start = span.start + delimiter.len() + skip;
            if file.text()[start..].starts_with(text.as_str()) {
                return markup::parse(file, start..start + text.len());
            }
            break;
        }
    }
    let mut blocks = markup::parse_str(text);
    markup::relocate(&mut blocks, span.start..span.start);
    blocks
}

/// The date of the issue in `dir`, read quickly and quietly (for choosing the
/// latest issue); `None` when issue.toml is missing or wrong.
pub fn read_date(dir: &Path) -> Option<chrono::NaiveDate> {
    let text = std::fs::read_to_string(dir.join(ISSUE_FILE)).ok()?;
    let file = SourceFile::new(ISSUE_FILE, text);
    let mut ignored = Vec::new();
    let toml: IssueToml = tomlfile::parse(&file, 0..file.text().len(), ISSUE_SCHEMA, "issue.toml", &mut ignored)?;
    toml.date.resolve(&file).ok()
}
