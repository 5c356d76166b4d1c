//! The workspace: the directory holding `infolettre.toml`, `contacts.toml`,
//! `issues/` and `layouts/`, with the embedded default settings.

pub mod config;
pub mod contacts;
pub mod index;
pub mod read;

use std::path::{Path, PathBuf};

pub use config::{Config, ContactPolicy, EmailSettings, SectionDef, SectionKind};
pub use contacts::KnownContact;
pub use index::{Index, IssueEntry, IssueId, Selection};

use crate::diag::{Code, Diagnostic};
use crate::error::{Error, Result};
use crate::layouts::{LayoutError, Layouts};
use crate::source::{self, SourceFile};
use crate::typography::{self, Language};

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
    /// The newsletter's language, resolved once: the workspace's own
    /// `layouts/languages/<code>.toml` when it has one, else the built-in one.
    pub language: Language,
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
            return Err(Error::NoWorkspace {
                start: root.to_owned(),
                named: true,
            });
        }
        let mut diagnostics = Vec::new();
        let mut sources = Vec::new();
        let config_file = match read_optional(root, CONFIG_FILE)? {
            None => SourceFile::new(CONFIG_FILE, DEFAULT_CONFIG),
            Some(read) => {
                diagnostics.extend(read.finding);
                match read.file {
                    Some(file) => file,
                    None => {
                        return Ok(Opened {
                            workspace: None,
                            diagnostics,
                            sources,
                        });
                    }
                }
            }
        };
        let config = Config::parse(&config_file, &mut diagnostics);
        sources.push(config_file);
        let contacts = match read_optional(root, CONTACTS_FILE)? {
            None => Vec::new(),
            Some(read) => {
                diagnostics.extend(read.finding);
                let contacts = read
                    .file
                    .as_ref()
                    .map(|file| contacts::parse(file, &mut diagnostics))
                    .unwrap_or_default();
                sources.extend(read.file);
                contacts
            }
        };
        let layouts = Layouts::with_overrides(root.join(LAYOUTS_DIR));
        let language = match &config {
            Some(config) => resolve_language(
                &layouts,
                &config.newsletter.language,
                &sources[0],
                &mut diagnostics,
            )?,
            None => None,
        };
        let workspace = config.zip(language).map(|(config, language)| Workspace {
            root: root.to_owned(),
            config,
            contacts,
            layouts,
            language,
        });
        Ok(Opened {
            workspace,
            diagnostics,
            sources,
        })
    }

    /// The directory holding the issues.
    /// The workspace's folder inside the git repository that holds it, with
    /// a trailing `/` (`""` at the repository's top, or outside any).
    pub fn repository_prefix(&self) -> String {
        let repository = self
            .root
            .ancestors()
            .find(|dir| std::fs::symlink_metadata(dir.join(".git")).is_ok());
        match repository.and_then(|repo| self.root.strip_prefix(repo).ok()) {
            Some(rel) if !rel.as_os_str().is_empty() => {
                format!("{}/", rel.to_string_lossy().replace('\\', "/"))
            }
            _ => String::new(),
        }
    }

    pub fn issues_dir(&self) -> PathBuf {
        self.root.join(ISSUES_DIR)
    }

    /// Every issue, with its `issue.toml` read.
    pub fn index(&self) -> Result<Index> {
        Index::build(self)
    }
}

/// The language of the `language` setting: a file of the workspace's
/// `layouts/languages/` (for its primary subtag, or for the built-in language
/// the tag falls to), else the built-in one. No match is an
/// `invalid-setting` naming the languages there are; a broken language file
/// is a layout that does not compile (exit 2).
fn resolve_language(
    layouts: &Layouts,
    setting: &toml::Spanned<String>,
    file: &SourceFile,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Option<Language>> {
    let tag = setting.get_ref();
    let builtin = typography::lookup(tag);
    let primary = tag
        .split(['-', '_'])
        .next()
        .unwrap_or(tag)
        .to_ascii_lowercase();
    let mut codes = vec![primary.as_str()];
    codes.extend(builtin.map(Language::code));
    for code in codes {
        let name = format!("languages/{code}.toml");
        if !layouts.is_overridden(&name) {
            continue;
        }
        let text = layouts.text(&name).map_err(|e| Error::Layout(e.into()))?;
        return Language::from_toml(&text).map(Some).map_err(|e| {
            Error::Layout(
                LayoutError::Invalid {
                    name: name.clone(),
                    reason: e.to_string(),
                }
                .into(),
            )
        });
    }
    if let Some(builtin) = builtin {
        return Ok(Some(builtin.clone()));
    }
    let mut known: Vec<String> = typography::embedded_codes()
        .into_iter()
        .map(str::to_owned)
        .collect();
    known.extend(
        layouts
            .override_names("languages/")
            .into_iter()
            .filter_map(|n| n.strip_suffix(".toml").map(str::to_owned)),
    );
    known.sort();
    known.dedup();
    diagnostics.push(
        Diagnostic::at(Code::InvalidSetting, file, setting.span(), format!("the tool has no dates or labels for the language `{tag}`"))
            .with_help(format!(
                "use one of {}, or add layouts/languages/{primary}.toml (a copy of a built-in one, translated)",
                known.join(", ")
            )),
    );
    Ok(None)
}

/// Finds the workspace (SPEC §1): the directory given with `-C`, else the
/// nearest directory from `cwd` upward that holds `infolettre.toml`, else the
/// nearest that holds `issues/`. The root is returned canonical, so that
/// every path in it can be compared and shown from it.
pub fn locate(flag: Option<&Path>, cwd: &Path) -> Result<PathBuf> {
    if let Some(dir) = flag {
        let dir = cwd.join(dir);
        return match dir.canonicalize() {
            Ok(root) if root.is_dir() => Ok(root),
            _ => Err(Error::NoWorkspace {
                start: dir,
                named: true,
            }),
        };
    }
    let cwd = cwd.canonicalize().map_err(|e| Error::io("open", cwd, e))?;
    let holding = |name: &str| {
        cwd.ancestors()
            .find(|dir| dir.join(name).exists())
            .map(Path::to_owned)
    };
    holding(CONFIG_FILE)
        .or_else(|| holding(ISSUES_DIR).filter(|dir| dir.join(ISSUES_DIR).is_dir()))
        .ok_or(Error::NoWorkspace {
            start: cwd,
            named: false,
        })
}

/// Reads a file that may be absent.
fn read_optional(root: &Path, rel: &str) -> Result<Option<source::Read>> {
    let path = root.join(rel);
    match read::entry(root, &path).map_err(|e| Error::io("read", &path, e))? {
        read::Entry::Missing => Ok(None),
        _ => source::read(root, root, rel).map(Some),
    }
}
