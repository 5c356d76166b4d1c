//! What git says changed in a workspace since a revision, for
//! `check --changed REV`. Only that option reads git, and it asks git
//! itself (a revision means nothing without it), through its plumbing
//! output: NUL-separated paths, never parsed from text meant for people.

use std::path::Path;
use std::process::Command;

use crate::error::{Error, Result};
use crate::workspace::{CONFIG_FILE, CONTACTS_FILE, ISSUES_DIR, LAYOUTS_DIR};

/// The files under `root` that differ from `rev`: committed since, staged,
/// unstaged, or untracked (and not ignored), as paths relative to `root`
/// with `/` separators. A rename counts as its two paths.
pub fn changed_since(root: &Path, rev: &str) -> Result<Vec<String>> {
    if rev.starts_with('-') {
        return Err(Error::usage(
            format!("`{rev}` is not a revision"),
            "name a commit, a branch or a tag: --changed origin/main",
        ));
    }
    // `--relative` keeps the paths inside the workspace, relative to it.
    let mut paths = git(
        root,
        &[
            "diff",
            "--name-only",
            "--no-renames",
            "--relative",
            "-z",
            rev,
            "--",
        ],
    )?;
    paths.extend(git(
        root,
        &[
            "ls-files",
            "--others",
            "--exclude-standard",
            "-z",
            "--",
            ".",
        ],
    )?);
    paths.sort();
    paths.dedup();
    Ok(paths)
}

fn git(root: &Path, args: &[&str]) -> Result<Vec<String>> {
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .output()
        .map_err(|e| {
            Error::usage(
                format!("`--changed` asks git what changed, and git cannot be run: {e}"),
                "install git, or check every issue without --changed",
            )
        })?;
    if !output.status.success() {
        let said = String::from_utf8_lossy(&output.stderr);
        return Err(Error::usage(
            format!("git cannot tell what changed: {}", said.trim()),
            "name a revision of this repository: --changed origin/main, --changed HEAD~1",
        ));
    }
    Ok(output
        .stdout
        .split(|&b| b == 0)
        .filter(|p| !p.is_empty())
        .map(|p| String::from_utf8_lossy(p).replace('\\', "/"))
        .collect())
}

/// Whether a changed path touches every issue: the settings, the known
/// contacts or the layouts.
pub fn touches_every_issue(path: &str) -> bool {
    path == CONFIG_FILE
        || path == CONTACTS_FILE
        || path
            .strip_prefix(LAYOUTS_DIR)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// The issue a changed path belongs to, if any: `issues/<id>/…`.
pub fn issue_of(path: &str) -> Option<&str> {
    let rest = path.strip_prefix(ISSUES_DIR)?.strip_prefix('/')?;
    let (id, _) = rest.split_once('/')?;
    Some(id)
}
