//! The workspace: the directory holding `infolettre.toml`, `contacts.toml`,
//! `issues/` and `layouts/`, with the embedded default settings.

pub mod config;
pub mod contacts;

use std::path::{Path, PathBuf};

pub use config::{Config, ContactPolicy, SectionDef, SectionKind, TeamMember};
pub use contacts::KnownContact;

use crate::diag::Diagnostic;
use crate::error::{Error, Result};
use crate::layouts::Layouts;
use crate::source::{self, SourceFile};

/// The settings used when a workspace has no `infolettre.toml`: the InfoLettre's own.
pub const DEFAULT_CONFIG: &str = include_str!("../../infolettre.toml");

pub const CONFIG_FILE: &str = "infolettre.toml";
pub const CONTACTS_FILE: &str = "contacts.toml";
pub const ISSUES_DIR: &str = "issues";
pub const LAYOUTS_DIR: &str = "layouts";

/// An opened workspace.
#[derive(Debug)]
pub struct Workspace {
    pub root: PathBuf,
    pub config: Config,
    pub contacts: Vec<KnownContact>,
    pub layouts: Layouts,
}

/// What opening a workspace gives: the workspace, and the findings about its
/// own files. With an unusable `infolettre.toml`, there is no workspace.
pub struct Opened {
    pub workspace: Option<Workspace>,
    pub diagnostics: Vec<Diagnostic>,
    pub sources: Vec<SourceFile>,
}

impl Workspace {
    /// Opens the workspace at `root`: reads its settings, or the embedded defaults.
    pub fn open(root: &Path) -> Result<Opened> {
        if !root.is_dir() {
            return Err(Error::NotFound { what: "workspace directory", path: root.to_owned() });
        }
        let mut diagnostics = Vec::new();
        let mut sources = Vec::new();
        let config_file = match read_optional(root, CONFIG_FILE)? {
            None => SourceFile::new(CONFIG_FILE, DEFAULT_CONFIG),
            Some(Ok(file)) => file,
            Some(Err(diag)) => {
                return Ok(Opened { workspace: None, diagnostics: vec![diag], sources });
            }
        };
        let config = Config::parse(&config_file, &mut diagnostics);
        sources.push(config_file);
        let contacts = match read_optional(root, CONTACTS_FILE)? {
            None => Vec::new(),
            Some(Ok(file)) => {
                let contacts = contacts::parse(&file, &mut diagnostics);
                sources.push(file);
                contacts
            }
            Some(Err(diag)) => {
                diagnostics.push(diag);
                Vec::new()
            }
        };
        let workspace = config.map(|config| Workspace {
            root: root.to_owned(),
            config,
            contacts,
            layouts: Layouts::with_overrides(root.join(LAYOUTS_DIR)),
        });
        Ok(Opened { workspace, diagnostics, sources })
    }

    /// The directory holding the issues.
    pub fn issues_dir(&self) -> PathBuf {
        self.root.join(ISSUES_DIR)
    }

    /// The ids of every issue directory, sorted.
    pub fn issue_ids(&self) -> Result<Vec<String>> {
        let dir = self.issues_dir();
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(Error::io("read", dir, e)),
        };
        let mut ids = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| Error::io("read", &dir, e))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if entry.path().is_dir() && !name.starts_with('.') {
                ids.push(name);
            }
        }
        ids.sort();
        Ok(ids)
    }
}

/// Reads a file that may be absent.
fn read_optional(root: &Path, rel: &str) -> Result<Option<std::result::Result<SourceFile, Diagnostic>>> {
    if root.join(rel).exists() { source::read(root, rel).map(Some) } else { Ok(None) }
}
