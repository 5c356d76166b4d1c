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
use crate::suggest;
use crate::tomlfile::{self, Schema, tables, value};
use crate::workspace::index::IssueEntry;
use crate::workspace::read::{self as reader, Entry};
use crate::workspace::{SectionKind, Workspace};

pub use super::header::ISSUE_FILE;
pub const IMAGES_DIR: &str = "images";

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

/// Loads the issue of `entry`, whose `issue.toml` the index has read.
/// Findings go to `diags`; only what stops the whole run (an unreadable
/// directory or file) is an error.
pub fn load(
    workspace: &Workspace,
    entry: &IssueEntry,
    diags: &mut Vec<Diagnostic>,
) -> Result<Issue> {
    let mut loader = Loader {
        root: &workspace.root,
        dir: &entry.dir,
        rel_dir: entry.rel_dir.clone(),
        sources: Vec::new(),
        diags,
        claimed: BTreeSet::from([ISSUE_FILE.to_owned(), IMAGES_DIR.to_owned()]),
        bytes_read: 0,
    };
    loader.diags.extend(entry.header.findings.iter().cloned());
    // issue.toml is always file 0, as its meta says.
    let meta = match &entry.header.source {
        Some(file) => {
            loader.sources.push(file.clone());
            entry.header.meta.clone()
        }
        None => {
            loader.sources.push(SourceFile::new(
                format!("{}/{ISSUE_FILE}", entry.rel_dir),
                "",
            ));
            None
        }
    };
    let sections = workspace
        .config
        .sections
        .iter()
        .map(|def| {
            loader.section(def).map(|loaded| LoadedSection {
                def: def.clone(),
                content: loaded.content,
                has_findings: loaded.unreadable,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    loader.images()?;
    loader.stray_files(workspace)?;
    Ok(Issue {
        id: entry.id.clone(),
        dir: entry.dir.clone(),
        rel_dir: entry.rel_dir.clone(),
        meta,
        sections,
        sources: loader.sources,
    })
}

/// Loads the issue `id` of the workspace: for callers that know the id.
pub fn load_id(workspace: &Workspace, id: &str, diags: &mut Vec<Diagnostic>) -> Result<Issue> {
    let index = workspace.index()?;
    let entry = index.get(id).ok_or_else(|| Error::IssueNotFound {
        arg: id.to_owned(),
        suggestions: Vec::new(),
    })?;
    load(workspace, entry, diags)
}

/// What loading one section gave.
struct Loaded {
    content: Option<Content>,
    /// Whether reading it raised findings of its own.
    unreadable: bool,
}

struct Loader<'a> {
    root: &'a Path,
    /// The issue directory: no file is read from outside it.
    dir: &'a Path,
    rel_dir: String,
    sources: Vec<SourceFile>,
    diags: &'a mut Vec<Diagnostic>,
    /// Names in the issue directory that a section or the issue itself claims.
    claimed: BTreeSet<String>,
    /// The text read so far, against the cap of a whole issue.
    bytes_read: u64,
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

    /// Reads a file of the issue; `None` when it has no text to check
    /// (the finding is reported).
    fn read(&mut self, name: &str) -> Result<Option<FileId>> {
        let read = source::read(self.root, self.dir, &self.rel(name))?;
        self.diags.extend(read.finding);
        let Some(file) = read.file else {
            return Ok(None);
        };
        self.bytes_read += file.text().len() as u64;
        if self.bytes_read > reader::MAX_ISSUE_BYTES {
            self.diags.push(
                Diagnostic::file(
                    Code::StrayFile,
                    file.path(),
                    format!(
                        "this file is never read: the issue's text files pass {} MiB in all",
                        reader::MAX_ISSUE_BYTES >> 20
                    ),
                )
                .with_help("no newsletter needs that much text: remove what does not belong to it"),
            );
            return Ok(None);
        }
        self.sources.push(file);
        Ok(Some(FileId(self.sources.len() - 1)))
    }

    /// What `name` (a path inside the issue) is, without opening it.
    fn entry(&self, name: &str) -> Result<Entry> {
        let path = self.dir.join(name);
        reader::entry(self.dir, &path).map_err(|e| Error::io("read", path, e))
    }

    /// Reports an entry that is never read.
    fn refuse(&mut self, name: &str, entry: &Entry) {
        let why = entry.refusal().unwrap_or("not a regular file");
        self.diags.push(
            Diagnostic::file(
                Code::StrayFile,
                self.rel(name),
                format!("`{name}` is never read: {why}"),
            )
            .with_help("replace it with a regular file inside the issue"),
        );
    }

    fn section(&mut self, def: &SectionDef) -> Result<Loaded> {
        let name = def.entry_name();
        self.claimed.insert(name.clone());
        let entry = self.entry(&name)?;
        let findings_before = self.diags.len();
        let content = if entry == Entry::Missing {
            None
        } else if entry.refusal().is_some() {
            self.refuse(&name, &entry);
            None
        } else if def.kind == SectionKind::Articles {
            if entry == Entry::Dir {
                Some(Content::Articles(self.articles(&name)?))
            } else {
                self.diags.push(Diagnostic::file(
                    Code::StrayFile,
                    self.rel(&name),
                    format!("`{name}` should be a folder of articles, one Markdown file each"),
                ));
                None
            }
        } else if let Some(file) = self.read(&name)? {
            if matches!(def.kind, SectionKind::Agenda | SectionKind::Calls)
                && self.sources[file.0].text().trim().is_empty()
            {
                let what = if def.kind == SectionKind::Agenda {
                    "events ([[event]])"
                } else {
                    "calls ([[call]])"
                };
                let path = self.sources[file.0].path().to_owned();
                self.diags.push(
                    Diagnostic::file(Code::EmptyContent, path, format!("`{name}` is empty"))
                        .with_help(format!("write its {what}, or delete the file")),
                );
            }
            Some(match def.kind {
                SectionKind::Editorial => Content::Editorial(self.markdown(
                    file,
                    EDITORIAL_SCHEMA,
                    "editorial front matter",
                )),
                SectionKind::Text => {
                    Content::Text(self.markdown(file, TEXT_SCHEMA, "front matter"))
                }
                SectionKind::Agenda => Content::Agenda(self.agenda(file)),
                SectionKind::Calls => Content::Calls(self.calls(file)),
                SectionKind::Articles => unreachable!("handled above"),
            })
        } else {
            None
        };
        Ok(Loaded {
            content,
            unreadable: self.diags.len() > findings_before,
        })
    }

    fn articles(&mut self, folder: &str) -> Result<Vec<MdDoc<ArticleFront>>> {
        let dir = self.dir.join(folder);
        let mut names = Vec::new();
        for (name, _) in reader::list(&dir).map_err(|e| Error::io("read", &dir, e))? {
            let rel = format!("{folder}/{name}");
            let entry = self.entry(&rel)?;
            if entry.refusal().is_some() {
                self.refuse(&rel, &entry);
            } else if name.ends_with(".md") && entry == Entry::File {
                names.push(name);
            } else {
                let help = match name.rsplit_once('.') {
                    Some((stem, ext))
                        if entry == Entry::File
                            && ["markdown", "mdown", "txt", "MD", "Md"].contains(&ext) =>
                    {
                        format!("did you mean `{stem}.md`? Articles are `.md` files")
                    }
                    _ => {
                        "move it out of the issue, or into `images/` if it is a picture".to_owned()
                    }
                };
                self.diags.push(Diagnostic::file(Code::StrayFile, self.rel(&rel),
                    format!("`{name}` is not an article: the folder `{folder}/` holds only Markdown files"))
                    .with_help(help));
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

    fn markdown<F: serde::de::DeserializeOwned>(
        &mut self,
        id: FileId,
        schema: Schema,
        what: &str,
    ) -> MdDoc<F> {
        let file = &self.sources[id.0];
        let split = front_matter::split(file).unwrap_or_else(|(split, diag)| {
            self.diags.push(diag);
            split
        });
        let front = split
            .front
            .clone()
            .and_then(|range| tomlfile::parse(file, range, schema, what, self.diags));
        let stem = file
            .path()
            .rsplit('/')
            .next()
            .unwrap_or("")
            .trim_end_matches(".md")
            .to_owned();
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
        let toml: AgendaToml = tomlfile::parse(
            file,
            0..file.text().len(),
            AGENDA_SCHEMA,
            "the agenda",
            self.diags,
        )
        .unwrap_or_default();
        AgendaDoc {
            file: id,
            events: toml.event,
        }
    }

    fn calls(&mut self, id: FileId) -> CallsDoc {
        let file = &self.sources[id.0];
        let toml: CallsToml = tomlfile::parse(
            file,
            0..file.text().len(),
            CALLS_SCHEMA,
            "the calls",
            self.diags,
        )
        .unwrap_or_default();
        let intro = toml
            .intro
            .as_ref()
            .map(|s| markdown_value(file, s))
            .unwrap_or_default();
        let calls = toml
            .call
            .into_iter()
            .map(|entry| Call {
                description: entry
                    .description
                    .as_ref()
                    .map(|s| markdown_value(file, s))
                    .unwrap_or_default(),
                entry,
            })
            .collect();
        CallsDoc {
            file: id,
            intro,
            intro_span: toml.intro.as_ref().map(Spanned::span),
            calls,
        }
    }

    /// Reports what `images/` holds that is not a picture: an article put
    /// there never reaches the newsletter.
    fn images(&mut self) -> Result<()> {
        let dir = self.dir.join(IMAGES_DIR);
        if self.entry(IMAGES_DIR)? != Entry::Dir {
            return Ok(());
        }
        for (name, _) in reader::list(&dir).map_err(|e| Error::io("read", &dir, e))? {
            let rel = format!("{IMAGES_DIR}/{name}");
            let entry = self.entry(&rel)?;
            if entry.refusal().is_some() {
                self.refuse(&rel, &entry);
            } else if name.ends_with(".md") {
                self.diags.push(Diagnostic::file(Code::StrayFile, self.rel(&rel),
                    format!("`{name}` is an article in the pictures folder: it would never reach the newsletter"))
                    .with_help("move it into the folder of its section"));
            }
        }
        Ok(())
    }

    /// Reports every entry of the issue directory that nothing claims.
    fn stray_files(&mut self, workspace: &Workspace) -> Result<()> {
        let names = reader::list(self.dir).map_err(|e| Error::io("read", self.dir, e))?;
        for (name, _) in names {
            if self.claimed.contains(&name) {
                continue;
            }
            let entry = self.entry(&name)?;
            if entry.refusal().is_some() {
                self.refuse(&name, &entry);
                continue;
            }
            let stem = name.split('.').next().unwrap_or(&name);
            let help = match workspace.config.section(stem) {
                Some(def) => format!(
                    "section `{stem}` is of kind {}: its content goes in `{}`",
                    def.kind.as_str(),
                    def.kind.file_name(stem)
                ),
                None => match suggest::nearest(&name, self.claimed.iter().map(String::as_str), 1)
                    .first()
                {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => {
                        let ids: Vec<_> = workspace
                            .config
                            .sections
                            .iter()
                            .map(|s| format!("`{}`", s.id()))
                            .collect();
                        format!(
                            "declare a section for it in infolettre.toml, or move it out of the issue (sections: {})",
                            ids.join(", ")
                        )
                    }
                },
            };
            let what = if entry == Entry::Dir {
                "folder"
            } else {
                "file"
            };
            self.diags.push(
                Diagnostic::file(
                    Code::StrayFile,
                    self.rel(&name),
                    format!(
                        "no section claims the {what} `{name}`: it would never reach the newsletter"
                    ),
                )
                .with_help(help),
            );
        }
        Ok(())
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
