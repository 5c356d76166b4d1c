//! The layout files (email template, CSS, print layout, fonts ...): the
//! repository's `layouts/` is embedded at build time, and a workspace's own
//! `layouts/` replaces it file by file.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::workspace::read;

static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/layouts");

/// Where layout files come from: the embedded set, overridden by a directory.
#[derive(Debug, Clone, Default)]
pub struct Layouts {
    overrides: Option<PathBuf>,
}

/// A layout file that could not be read.
#[derive(Debug, thiserror::Error)]
pub enum LayoutError {
    #[error("no layout file named `{0}`")]
    Missing(String),
    #[error("cannot read layout override layouts/{name}: {reason}")]
    Unreadable {
        name: String,
        reason: crate::workspace::read::ReadError,
    },
    #[error("layout file {0} is not valid UTF-8")]
    NotUtf8(String),
    #[error("layouts/{name}: {reason}")]
    Invalid { name: String, reason: String },
}

impl Layouts {
    /// Only the files compiled into the binary.
    pub fn embedded() -> Self {
        Self { overrides: None }
    }

    /// The embedded files, each replaced by the same-named file of `dir` when it exists.
    pub fn with_overrides(dir: impl Into<PathBuf>) -> Self {
        Self {
            overrides: Some(dir.into()),
        }
    }

    /// The bytes of a layout file such as `email.html` or `fonts/x.ttf`.
    pub fn bytes(&self, name: &str) -> Result<Cow<'static, [u8]>, LayoutError> {
        if let Some(path) = self.override_path(name) {
            let dir = self.overrides.as_deref().unwrap_or(Path::new("."));
            return read::read(dir, &path, read::MAX_BINARY_BYTES)
                .map(Cow::Owned)
                .map_err(|reason| LayoutError::Unreadable {
                    name: name.to_owned(),
                    reason,
                });
        }
        EMBEDDED
            .get_file(name)
            .map(|file| Cow::Borrowed(file.contents()))
            .ok_or_else(|| LayoutError::Missing(name.to_owned()))
    }

    /// The text of a layout file.
    pub fn text(&self, name: &str) -> Result<Cow<'static, str>, LayoutError> {
        match self.bytes(name)? {
            Cow::Borrowed(bytes) => std::str::from_utf8(bytes).map(Cow::Borrowed),
            Cow::Owned(bytes) => String::from_utf8(bytes)
                .map(Cow::Owned)
                .map_err(|e| e.utf8_error()),
        }
        .map_err(|_| LayoutError::NotUtf8(name.to_owned()))
    }

    /// The override file for `name`, when the workspace has one. Anything
    /// by that name counts, so that a link out of `layouts/` or a FIFO is
    /// refused when read rather than silently replaced by the embedded file.
    pub fn override_path(&self, name: &str) -> Option<PathBuf> {
        let dir = self.overrides.as_ref()?;
        if name
            .split('/')
            .any(|part| part.is_empty() || part == "." || part == "..")
        {
            return None;
        }
        let path = dir.join(name);
        match read::entry(dir, &path) {
            Ok(read::Entry::Missing | read::Entry::Dir) => None,
            _ => Some(path),
        }
    }

    /// The names of the workspace's files in a folder of `layouts/`
    /// ("languages/"), for messages.
    pub fn override_names(&self, folder: &str) -> Vec<String> {
        let Some(dir) = &self.overrides else {
            return Vec::new();
        };
        read::list(&dir.join(folder))
            .map(|names| names.into_iter().map(|(name, _)| name).collect())
            .unwrap_or_default()
    }

    /// Whether `name` comes from the workspace rather than the binary.
    pub fn is_overridden(&self, name: &str) -> bool {
        self.override_path(name).is_some()
    }

    /// The names of every embedded file, for `init` to copy out.
    pub fn embedded_names() -> Vec<&'static Path> {
        fn collect(dir: &'static Dir<'static>, out: &mut Vec<&'static Path>) {
            out.extend(dir.files().map(|f| f.path()));
            dir.dirs().for_each(|d| collect(d, out));
        }
        let mut names = Vec::new();
        collect(&EMBEDDED, &mut names);
        names.sort();
        names
    }
}
