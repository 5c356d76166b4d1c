//! The issues of a workspace, resolved once: each issue's id, directory and
//! `issue.toml` (read by the one reader, [`crate::issue::header`]). Every
//! command picks its issue here: by an argument, or as the latest one; and a
//! command that must choose refuses to guess when an `issue.toml` is broken.

use std::fmt;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{ISSUES_DIR, Workspace, read};
use crate::diag::{Code, Diagnostic};
use crate::error::{Error, Result};
use crate::issue::header::{self, Header};

/// The name of an issue's directory under `issues/` ("2017-12"): one path
/// component, visible (no leading dot), printable.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IssueId(String);

impl IssueId {
    /// Validates a directory name or an id typed by the editor.
    pub fn parse(text: &str) -> std::result::Result<Self, &'static str> {
        if text.is_empty() {
            Err("an issue id cannot be empty")
        } else if text.starts_with('.') {
            Err("an issue id cannot start with a dot")
        } else if text.contains(['/', '\\']) {
            Err("an issue id is one folder name: it cannot hold `/` or `\\`")
        } else if text.chars().any(char::is_control) {
            Err("an issue id cannot hold control characters")
        } else if text.chars().any(char::is_whitespace) {
            Err("an issue id cannot hold spaces")
        } else {
            Ok(Self(text.to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for IssueId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One issue directory and its `issue.toml`.
#[derive(Debug)]
pub struct IssueEntry {
    pub id: IssueId,
    /// The directory on disk (under the canonical workspace root).
    pub dir: PathBuf,
    /// `issues/<id>`, as diagnostics name it.
    pub rel_dir: String,
    pub header: Header,
}

impl IssueEntry {
    /// The publication date, when `issue.toml` gives a valid one.
    pub fn date(&self) -> Option<NaiveDate> {
        self.header.meta.as_ref().and_then(|m| m.date)
    }

    fn number(&self) -> Option<u32> {
        self.header.meta.as_ref().map(|m| *m.number.get_ref())
    }

    /// Whether `issue.toml` has an error (missing, unparsable, a bad date).
    fn is_broken(&self) -> bool {
        self.date().is_none()
            || self
                .header
                .findings
                .iter()
                .any(|d| d.severity == crate::diag::Severity::Error)
    }
}

/// What an ISSUE argument names.
#[derive(Debug)]
pub enum Selection<'a> {
    One(&'a IssueEntry),
    /// The workspace root or `issues/` itself: every issue.
    All,
}

/// Every issue of the workspace, sorted by id.
#[derive(Debug, Default)]
pub struct Index {
    pub issues: Vec<IssueEntry>,
    /// Entries of `issues/` that are not issues and are never read (a link
    /// out of the workspace, a FIFO, a name that cannot be an id).
    pub refused: Vec<Diagnostic>,
}

impl Index {
    /// Lists `issues/` and reads every `issue.toml`. No `issues/` folder is a
    /// workspace with no issue yet.
    pub fn build(workspace: &Workspace) -> Result<Index> {
        let dir = workspace.issues_dir();
        let mut index = Index::default();
        if read::entry(&workspace.root, &dir).map_err(|e| Error::io("read", &dir, e))?
            != read::Entry::Dir
        {
            return Ok(index);
        }
        for (name, path) in read::list(&dir).map_err(|e| Error::io("read", &dir, e))? {
            let rel = format!("{ISSUES_DIR}/{name}");
            let entry =
                read::entry(&workspace.root, &path).map_err(|e| Error::io("read", &path, e))?;
            match entry {
                read::Entry::Dir => {}
                read::Entry::File | read::Entry::Missing => continue,
                refused => {
                    let why = refused.refusal().unwrap_or("not a folder");
                    index.refused.push(Diagnostic::file(
                        Code::StrayFile,
                        &rel,
                        format!("`{name}` is never read: {why}"),
                    ));
                    continue;
                }
            }
            let id = match IssueId::parse(&name) {
                Ok(id) => id,
                Err(why) => {
                    index.refused.push(Diagnostic::file(
                        Code::StrayFile,
                        &rel,
                        format!("this folder is not an issue: {why}"),
                    ));
                    continue;
                }
            };
            let header = header::read(&workspace.root, &path, &rel)?;
            index.issues.push(IssueEntry {
                id,
                dir: path,
                rel_dir: rel,
                header,
            });
        }
        Ok(index)
    }

    pub fn get(&self, id: &str) -> Option<&IssueEntry> {
        self.issues.iter().find(|e| e.id.as_str() == id)
    }

    /// Resolves an ISSUE argument: an id under `issues/`, or a path (from the
    /// current directory, or from the workspace root) to an issue directory
    /// or anything inside one.
    pub fn select(&self, root: &Path, cwd: &Path, arg: &str) -> Result<Selection<'_>> {
        if let Some(entry) = self.get(arg) {
            return Ok(Selection::One(entry));
        }
        let candidates = [cwd.join(arg), root.join(arg)];
        let Some(path) = candidates.iter().find_map(|p| p.canonicalize().ok()) else {
            return Err(Error::IssueNotFound {
                arg: arg.to_owned(),
                suggestions: self.nearest(arg),
            });
        };
        let issues = root.join(ISSUES_DIR);
        if path == root || path == issues {
            return Ok(Selection::All);
        }
        let inside = path
            .strip_prefix(&issues)
            .ok()
            .and_then(|rest| rest.components().next());
        match inside.and_then(|name| self.get(&name.as_os_str().to_string_lossy())) {
            Some(entry) => Ok(Selection::One(entry)),
            None => Err(Error::NotAnIssue { path }),
        }
    }

    /// Like [`select`](Self::select), for a command that works on one issue.
    pub fn one(&self, root: &Path, cwd: &Path, arg: &str) -> Result<&IssueEntry> {
        match self.select(root, cwd, arg)? {
            Selection::One(entry) => Ok(entry),
            Selection::All => Err(Error::usage(
                format!("`{arg}` names every issue"),
                "name one issue: its id or its folder",
            )),
        }
    }

    /// The ids closest to a mistyped one, closest first.
    fn nearest(&self, arg: &str) -> Vec<String> {
        let typed = arg.trim_end_matches('/').rsplit('/').next().unwrap_or(arg);
        let ids = self.issues.iter().map(|e| e.id.as_str());
        crate::suggest::nearest(typed, ids, 3)
            .into_iter()
            .map(str::to_owned)
            .collect()
    }

    /// Every `issue.toml` finding that stops a command from choosing an
    /// issue by date or number; empty when every one is sound.
    fn broken(&self) -> Vec<Diagnostic> {
        self.issues
            .iter()
            .filter(|e| e.is_broken())
            .flat_map(|e| {
                let mut findings: Vec<Diagnostic> = e.header.findings.clone();
                if findings.is_empty() {
                    findings.push(Diagnostic::file(
                        Code::FrontMatter,
                        format!("{}/issue.toml", e.rel_dir),
                        "the issue has no valid date",
                    ));
                }
                findings
            })
            .collect()
    }

    /// Refuses to choose when any `issue.toml` is broken: the choice could
    /// silently fall on the wrong issue.
    fn sound(&self, choosing: &'static str) -> Result<()> {
        let broken = self.broken();
        if broken.is_empty() {
            Ok(())
        } else {
            Err(Error::CannotChoose {
                choosing,
                findings: broken,
            })
        }
    }

    /// The issue with the latest date (the greatest id among equal dates).
    pub fn latest(&self) -> Result<&IssueEntry> {
        self.sound("the latest issue")?;
        self.issues
            .iter()
            .max_by(|a, b| (a.date(), &a.id).cmp(&(b.date(), &b.id)))
            .ok_or(Error::NoIssue)
    }

    /// The issue with the latest date strictly before `date`.
    pub fn previous(&self, date: NaiveDate) -> Result<Option<&IssueEntry>> {
        self.sound("the previous issue")?;
        Ok(self
            .issues
            .iter()
            .filter(|e| e.date().is_some_and(|d| d < date))
            .max_by(|a, b| (a.date(), &a.id).cmp(&(b.date(), &b.id))))
    }

    /// The highest number of any issue, plus one; 1 for the first issue.
    pub fn next_number(&self) -> Result<u32> {
        self.sound("the next number")?;
        Ok(self
            .issues
            .iter()
            .filter_map(IssueEntry::number)
            .max()
            .map_or(1, |n| n.saturating_add(1)))
    }
}
