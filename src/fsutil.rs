//! Writing files safely: a [`Batch`] writes every file to a temporary file
//! in its own folder first and renames them into place only once all are
//! written, so a failed run (a full disk, an error, SIGINT or SIGTERM)
//! leaves the earlier files untouched and no temporary file behind.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, Once};

use crate::error::{Error, Result};

/// The prefix of every temporary file, so a stray one is recognizable.
pub const TEMP_PREFIX: &str = ".infolettre-";

/// The temporary files of every batch not yet committed, which a signal
/// handler removes before the process dies.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn pending() -> MutexGuard<'static, Vec<PathBuf>> {
    // A panic elsewhere must not keep the handler from cleaning up.
    PENDING.lock().unwrap_or_else(|e| e.into_inner())
}

/// Files written together: all of them, or none.
#[derive(Default)]
pub struct Batch {
    /// Each target with its written temporary file.
    staged: Vec<(PathBuf, tempfile::TempPath)>,
}

impl Batch {
    pub fn new() -> Self {
        Self::default()
    }

    /// Writes `bytes` to a temporary file beside `path` (creating its folder).
    pub fn stage(&mut self, path: &Path, bytes: &[u8]) -> Result<()> {
        guard_signals();
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(|e| Error::io("create", dir, e))?;
        let mut builder = tempfile::Builder::new();
        builder.prefix(TEMP_PREFIX);
        // A temporary file is private (0600); an output is an ordinary file,
        // readable as the umask allows.
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
        let temp = {
            // Created and registered under the lock: a signal in between
            // would otherwise leave it behind.
            let mut pending = pending();
            let temp = builder
                .tempfile_in(dir)
                .map_err(|e| Error::io("write in", dir, e))?;
            pending.push(temp.path().to_path_buf());
            temp
        };
        let (mut file, temp) = temp.into_parts();
        let written = file.write_all(bytes).and_then(|()| file.sync_all());
        self.staged.push((path.to_path_buf(), temp));
        written.map_err(|e| Error::io("write", path, e))
    }

    /// Renames every staged file into place and returns the targets. When a
    /// rename fails, the targets already replaced get their earlier file
    /// back (or are removed, if they had none): all of them, or none.
    pub fn commit(mut self) -> Result<Vec<PathBuf>> {
        // The signal handler waits for this lock: the renames are never cut
        // in half by SIGINT or SIGTERM.
        let mut pending = pending();
        let ours: HashSet<PathBuf> = self
            .staged
            .iter()
            .map(|(_, temp)| temp.to_path_buf())
            .collect();
        let mut done: Vec<(PathBuf, Option<tempfile::TempPath>)> = Vec::new();
        let mut result = Ok(());
        // On a failed rename the rest drop unrenamed, removing their files.
        for (target, temp) in self.staged.drain(..) {
            let earlier = keep_earlier(&target);
            if let Err(e) = temp.persist(&target) {
                result = Err(Error::io("write", &target, e.error));
                break;
            }
            done.push((target, earlier));
        }
        pending.retain(|p| !ours.contains(p));
        match result {
            // The kept earlier files drop here, and are removed.
            Ok(()) => Ok(done.into_iter().map(|(target, _)| target).collect()),
            Err(error) => {
                for (target, earlier) in done.into_iter().rev() {
                    let _ = match earlier {
                        Some(earlier) => earlier.persist(&target).map_err(|e| e.error),
                        None => std::fs::remove_file(&target),
                    };
                }
                Err(error)
            }
        }
    }
}

/// A second name for the file at `target`, if there is one, so that a
/// batch that fails later can put it back. A hard link costs no space on a
/// full disk; where links are refused, there is nothing to put back.
fn keep_earlier(target: &Path) -> Option<tempfile::TempPath> {
    let dir = target.parent().filter(|p| !p.as_os_str().is_empty())?;
    if !std::fs::symlink_metadata(target).is_ok_and(|m| m.is_file()) {
        return None;
    }
    tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .make_in(dir, |path| std::fs::hard_link(target, path))
        .ok()
        .map(tempfile::NamedTempFile::into_temp_path)
}

impl Drop for Batch {
    fn drop(&mut self) {
        // The TempPaths remove their files as they drop; forget them here.
        let ours: HashSet<&Path> = self.staged.iter().map(|(_, temp)| &**temp).collect();
        pending().retain(|p| !ours.contains(p.as_path()));
    }
}

/// Writes `bytes` to `path` atomically, creating its folder if needed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut batch = Batch::new();
    batch.stage(path, bytes)?;
    batch.commit().map(drop)
}

/// Installs, once, a handler for SIGINT and SIGTERM that removes the
/// pending temporary files, then dies of the signal as it would have.
fn guard_signals() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        #[cfg(unix)]
        {
            use signal_hook::consts::{SIGINT, SIGTERM};
            let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) else {
                return;
            };
            std::thread::spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    let pending = pending();
                    for path in pending.iter() {
                        let _ = std::fs::remove_file(path);
                    }
                    // Still holding the lock, so no rename can follow.
                    let _ = signal_hook::low_level::emulate_default_handler(signal);
                }
            });
        }
    });
}

/// Creates `issues_dir/id` holding `files`, whole or not at all.
pub fn create_dir_whole(
    issues_dir: &Path,
    id: &str,
    files: &[(String, String)],
) -> Result<PathBuf> {
    std::fs::create_dir_all(issues_dir).map_err(|e| Error::io("create", issues_dir, e))?;
    let target = issues_dir.join(id);
    let refused = || Error::Exists {
        path: target.clone(),
        why: None,
    };
    if target.symlink_metadata().is_ok() {
        return Err(refused());
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix(".new-");
    #[cfg(unix)]
    {
        // The issue keeps this directory's mode: an ordinary one (umask applies), not tempfile's private 0700.
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o777));
    }
    // Dropping `temp` on any early return removes everything written so far.
    let temp = builder
        .tempdir_in(issues_dir)
        .map_err(|e| Error::io("create a directory in", issues_dir, e))?;
    for (rel, text) in files {
        let path = temp.path().join(rel);
        // Messages name the file as it will be, never the temporary directory.
        let shown = target.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| Error::io("create", shown.parent().unwrap_or(&target), e))?;
        }
        std::fs::write(&path, text).map_err(|e| Error::io("write", &shown, e))?;
    }
    // Checked again just before the rename, which would replace an empty directory made meanwhile.
    if target.symlink_metadata().is_ok() {
        return Err(refused());
    }
    std::fs::rename(temp.path(), &target).map_err(|e| Error::io("create", &target, e))?;
    // The temporary path is gone now; keep() only stops the drop from looking for it.
    let _ = temp.keep();
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_the_file_whole_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out/a.txt");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(
            std::fs::read_dir(dir.path().join("out")).unwrap().count(),
            1
        );
    }

    #[test]
    fn nothing_is_in_place_before_the_commit() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), b"old a").unwrap();
        let mut batch = Batch::new();
        batch.stage(&dir.path().join("a.txt"), b"new a").unwrap();
        batch
            .stage(&dir.path().join("sub/b.txt"), b"new b")
            .unwrap();
        assert_eq!(std::fs::read(dir.path().join("a.txt")).unwrap(), b"old a");
        assert!(!dir.path().join("sub/b.txt").exists());
        let written = batch.commit().unwrap();
        assert_eq!(
            written,
            [dir.path().join("a.txt"), dir.path().join("sub/b.txt")]
        );
        assert_eq!(std::fs::read(dir.path().join("a.txt")).unwrap(), b"new a");
        assert_eq!(names(dir.path()), ["a.txt", "sub"]);
        assert_eq!(names(&dir.path().join("sub")), ["b.txt"]);
    }

    #[test]
    fn a_rename_that_fails_puts_back_every_file_already_replaced() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), b"old a").unwrap();
        // A non-empty folder where the last output goes: its rename fails.
        std::fs::create_dir_all(dir.path().join("c.txt/inside")).unwrap();
        let mut batch = Batch::new();
        batch.stage(&dir.path().join("a.txt"), b"new a").unwrap();
        batch.stage(&dir.path().join("b.txt"), b"new b").unwrap();
        batch.stage(&dir.path().join("c.txt"), b"new c").unwrap();
        assert!(batch.commit().is_err());
        assert_eq!(std::fs::read(dir.path().join("a.txt")).unwrap(), b"old a");
        assert!(
            !dir.path().join("b.txt").exists(),
            "a new file stays unwritten"
        );
        assert_eq!(names(dir.path()), ["a.txt", "c.txt"], "no temporary left");
    }

    #[test]
    fn a_batch_dropped_uncommitted_leaves_the_old_files_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), b"old a").unwrap();
        let mut batch = Batch::new();
        batch.stage(&dir.path().join("a.txt"), b"new a").unwrap();
        assert_eq!(names(dir.path()).len(), 2, "the temporary is written");
        drop(batch);
        assert_eq!(names(dir.path()), ["a.txt"]);
        assert_eq!(std::fs::read(dir.path().join("a.txt")).unwrap(), b"old a");
        assert!(
            !pending().iter().any(|p| p.starts_with(dir.path())),
            "still registered for the signal handler"
        );
    }
}
