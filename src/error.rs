//! The failures that stop a command, each with the exit code SPEC §2 gives it.
//! Findings about an issue are not errors: they are diagnostics in a report;
//! only the verdict that they fail the command is one ([`Error::Failed`]).

use std::fmt;
use std::path::PathBuf;

use crate::diag::Diagnostic;

/// Why a command could not do its job.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad usage that clap could not catch (exit 2).
    #[error("{what}")]
    Usage { what: String, help: Option<String> },
    /// No workspace around the current directory, or `-C` names no directory (exit 2).
    #[error("{}", no_workspace(start, *named))]
    NoWorkspace { start: PathBuf, named: bool },
    /// An ISSUE argument that names no issue (exit 2).
    #[error("no issue `{arg}` in issues/{}", did_you_mean(suggestions))]
    IssueNotFound {
        arg: String,
        suggestions: Vec<String>,
    },
    /// A path that exists but is no issue of this workspace (exit 2).
    #[error(
        "{} is not an issue of this workspace (an issue is a folder of issues/)",
        crate::paths::shown(path)
    )]
    NotAnIssue { path: PathBuf },
    /// The workspace has no issue yet, and the command needs one (exit 2).
    #[error("the workspace has no issue yet")]
    NoIssue,
    /// A command had to choose an issue by date or number, and an
    /// `issue.toml` is broken: the choice could fall on the wrong one (exit 1).
    #[error("cannot choose {choosing}: an issue.toml has errors (fix them, or name the issue)")]
    CannotChoose {
        choosing: &'static str,
        findings: Vec<Diagnostic>,
    },
    /// A file or folder the system will not let us read or write (exit 2).
    #[error("cannot {action} {}: {source}", crate::paths::shown(path))]
    Io {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    /// A workspace layout override that does not compile (exit 2).
    #[error(transparent)]
    Layout(crate::render::RenderError),
    /// The issue has errors, or warnings under `--strict` (exit 1). The
    /// findings were printed; this is the verdict.
    #[error("{verdict}")]
    Failed { verdict: Verdict },
    /// `send`: the server refused a message, or the connection failed
    /// (exit 1); `sent` lists the addresses served before.
    #[error("{}", not_sent(sent, refused, why))]
    NotSent {
        sent: Vec<String>,
        refused: String,
        why: String,
    },
    /// `import`: the file can be read but holds no issue it can take in (exit 1).
    #[error(
        "cannot import {}: {why}; nothing was written",
        crate::paths::shown(file)
    )]
    NotImported { file: PathBuf, why: String },
    /// `new`, `add` or `init` refused to touch what exists (exit 1).
    #[error("{} already exists; nothing was changed{}", crate::paths::shown(path), why.as_ref().map(|w| format!(" ({w})")).unwrap_or_default())]
    Exists { path: PathBuf, why: Option<String> },
}

/// What failing findings mean for the command that met them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// `check` in the human format: its report already ends with the counts.
    Reported,
    /// `check` in a machine format: the counts go to standard error.
    CheckFailed { errors: usize, warnings: usize },
    /// `render` and the commands that write: nothing was written.
    NothingWritten { errors: usize, warnings: usize },
    /// The workspace's own files (settings, contacts) have errors.
    SettingsBroken,
    /// The issue is past what the print edition lays out: not even a draft.
    TooLarge,
    /// `send`: nothing was sent.
    NothingSent { errors: usize, warnings: usize },
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::diag::print::summary;
        match *self {
            Verdict::Reported => Ok(()),
            Verdict::CheckFailed { errors, warnings } => {
                write!(f, "the check failed: {}", summary(errors, warnings))
            }
            Verdict::NothingWritten { errors, warnings } => write!(
                f,
                "nothing was written: the issue has {}; fix them, or render a draft with --draft",
                summary(errors, warnings)
            ),
            Verdict::SettingsBroken => {
                write!(f, "the workspace's settings have errors: nothing was done")
            }
            Verdict::NothingSent { errors, warnings } => write!(
                f,
                "nothing was sent: the issue has {}; fix them first",
                summary(errors, warnings)
            ),
            Verdict::TooLarge => write!(
                f,
                "nothing was written, not even a draft: the issue is too large to lay out (see `too-large`)"
            ),
        }
    }
}

fn not_sent(sent: &[String], refused: &str, why: &str) -> String {
    let before = match sent {
        [] => "nothing was sent".to_owned(),
        sent => format!("sent to {} only", sent.join(", ")),
    };
    format!("the proof to {refused} was not sent: {why}\n  = note: {before}")
}

fn no_workspace(start: &std::path::Path, named: bool) -> String {
    if named {
        format!("{} is not a directory", start.display())
    } else {
        format!(
            "not inside a workspace: no infolettre.toml or issues/ in {} or any folder above it\n  \
             = help: start one with `infolettre init`, or name one with `-C DIR`",
            start.display()
        )
    }
}

fn did_you_mean(suggestions: &[String]) -> String {
    crate::suggest::did_you_mean(suggestions)
        .map(|question| format!("; {question}"))
        .unwrap_or_default()
}

impl Error {
    /// The exit code of SPEC §2.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Failed { .. }
            | Error::Exists { .. }
            | Error::CannotChoose { .. }
            | Error::NotSent { .. }
            | Error::NotImported { .. } => 1,
            Error::Usage { .. }
            | Error::NoWorkspace { .. }
            | Error::IssueNotFound { .. }
            | Error::NotAnIssue { .. }
            | Error::NoIssue
            | Error::Io { .. }
            | Error::Layout(_) => 2,
        }
    }

    /// An I/O failure on `path`.
    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            action,
            path: path.into(),
            source,
        }
    }

    /// Bad usage, with a hint on how to fix it.
    pub fn usage(what: impl Into<String>, help: impl Into<String>) -> Self {
        Error::Usage {
            what: what.into(),
            help: Some(help.into()),
        }
    }

    /// Bad usage that explains itself.
    pub fn bad(what: impl Into<String>) -> Self {
        Error::Usage {
            what: what.into(),
            help: None,
        }
    }

    /// The hint printed under the message, when there is one.
    pub fn help(&self) -> Option<String> {
        match self {
            Error::Usage { help, .. } => help.clone(),
            Error::NoIssue => Some("start one with `infolettre new`".into()),
            _ => None,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
