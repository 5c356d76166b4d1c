//! Relative paths in an issue (pictures, linked files), resolved the one way
//! that `check` and the renderers share: from the referring file's folder,
//! then from the issue folder, never outside the issue.

use std::path::PathBuf;

use super::{FileId, Issue};

/// A file of the issue that a path refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    /// The file on disk (canonical).
    pub path: PathBuf,
    /// Its path relative to the issue directory, with `/` ("images/a.png").
    pub rel: String,
}

/// Why a relative path refers to no usable file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Unresolved {
    #[error("there is no file `{0}` in the issue")]
    NotFound(String),
    #[error("`{0}` lies outside the issue directory")]
    Outside(String),
}

impl Issue {
    /// Resolves `target`, a relative path written in `from`.
    pub fn resolve(&self, from: FileId, target: &str) -> Result<Asset, Unresolved> {
        let decoded = percent_encoding::percent_decode_str(target).decode_utf8_lossy();
        let clean = decoded.split(['?', '#']).next().unwrap_or("");
        if clean.is_empty() || clean.starts_with('/') || clean.contains('\\') {
            return Err(Unresolved::Outside(target.to_owned()));
        }
        let root = self
            .dir
            .canonicalize()
            .map_err(|_| Unresolved::NotFound(target.to_owned()))?;
        let from_path = self.source(from).path();
        let from_dir = from_path.rsplit_once('/').map_or("", |(dir, _)| dir);
        let within_issue = from_dir
            .strip_prefix(self.rel_dir.as_str())
            .unwrap_or("")
            .trim_start_matches('/');
        let mut outside = false;
        for base in [root.join(within_issue), root.clone()] {
            let Ok(path) = base.join(clean).canonicalize() else {
                continue;
            };
            match path.strip_prefix(&root) {
                Ok(rel) if path.is_file() => {
                    let rel = rel
                        .components()
                        .map(|c| c.as_os_str().to_string_lossy())
                        .collect::<Vec<_>>()
                        .join("/");
                    return Ok(Asset { path, rel });
                }
                Ok(_) => {}
                Err(_) => outside = true,
            }
        }
        Err(if outside {
            Unresolved::Outside(target.to_owned())
        } else {
            Unresolved::NotFound(target.to_owned())
        })
    }
}
