//! Showing a path to the person who typed the command: relative to the
//! current directory when it lies below it, as it was given otherwise.

use std::path::Path;

/// `path` as the user would type it from the current directory.
pub fn shown(path: &Path) -> String {
    let cwd = std::env::current_dir()
        .ok()
        .and_then(|c| c.canonicalize().ok());
    let rel = cwd
        .as_deref()
        .and_then(|cwd| path.strip_prefix(cwd).ok())
        .filter(|r| !r.as_os_str().is_empty());
    let shown = rel.unwrap_or(path).display().to_string();
    match shown.strip_prefix("./").unwrap_or(&shown) {
        "" => ".".to_owned(),
        rest => rest.to_owned(),
    }
}
