//! The failures that stop a command, each with the exit code SPEC §2 gives it.
//! Findings about an issue are not errors: they are diagnostics in a report.

use std::path::PathBuf;

/// Why a command could not do its job.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad usage that clap could not catch (exit 2).
    #[error("{0}")]
    Usage(String),
    /// A workspace, issue or file that does not exist (exit 2).
    #[error("{what} not found: {path}")]
    NotFound { what: &'static str, path: PathBuf },
    /// A file or folder the system will not let us read or write (exit 2).
    #[error("cannot {action} {path}: {source}")]
    Io { action: &'static str, path: PathBuf, source: std::io::Error },
    /// A workspace layout override that does not compile (exit 2).
    #[error("{0}")]
    Layout(String),
    /// The issue has errors (or warnings under --strict); the report was printed (exit 1).
    #[error("{0}")]
    Findings(String),
    /// `new`, `add` or `init` refused to touch an existing file (exit 1).
    #[error("{0}")]
    Refused(String),
}

impl Error {
    /// The exit code of SPEC §2.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Findings(_) | Error::Refused(_) => 1,
            Error::Usage(_) | Error::NotFound { .. } | Error::Io { .. } | Error::Layout(_) => 2,
        }
    }

    /// An I/O failure on `path`.
    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { action, path: path.into(), source }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
