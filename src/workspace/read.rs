//! The one way to read a contributor's file. Workspaces arrive in pull
//! requests and are checked in CI beside its secrets, so every file is met
//! with the Typst world's standard:
//! - only regular files and folders are read: a FIFO would block for ever,
//!   a device (`/dev/zero`) would read until memory runs out, a socket means
//!   nothing; such an entry is never opened;
//! - a symbolic link is followed only when what it leads to stays inside the
//!   boundary (the issue for an issue's files, the workspace for its own);
//! - a file is read with a size cap, so no file can make us hold more than
//!   a bounded amount of memory.

use std::fs::{File, Metadata};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The most a text file of a workspace may hold (settings, sections,
/// articles): far above any newsletter, far below what hurts.
pub const MAX_TEXT_BYTES: u64 = 16 * 1024 * 1024;

/// The most the text files of one issue may hold together.
pub const MAX_ISSUE_BYTES: u64 = 64 * 1024 * 1024;

/// The most a picture or font file may hold.
pub const MAX_BINARY_BYTES: u64 = 32 * 1024 * 1024;

/// What a path inside a boundary is, seen without opening it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// Nothing by that name (a dangling symbolic link counts as nothing too).
    Missing,
    /// A regular file, or a link to one inside the boundary.
    File,
    /// A folder, or a link to one inside the boundary.
    Dir,
    /// A link whose target lies outside the boundary: never followed.
    LinkOutside,
    /// A FIFO, a device or a socket: never opened.
    Special(&'static str),
}

impl Entry {
    /// Why the entry cannot be read, for a `stray-file` finding; `None` for
    /// files, folders and missing entries.
    pub fn refusal(&self) -> Option<&'static str> {
        match self {
            Entry::LinkOutside => Some("a symbolic link leading out of the issue"),
            Entry::Special(what) => Some(what),
            Entry::Missing | Entry::File | Entry::Dir => None,
        }
    }
}

/// Looks at `path` (inside `boundary`) without opening it.
pub fn entry(boundary: &Path, path: &Path) -> std::io::Result<Entry> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Entry::Missing),
        Err(e) => return Err(e),
    };
    if !meta.file_type().is_symlink() {
        return Ok(kind(&meta));
    }
    let Ok(target) = path.canonicalize() else {
        return Ok(Entry::Missing);
    };
    let boundary = boundary.canonicalize()?;
    if !target.starts_with(&boundary) {
        return Ok(Entry::LinkOutside);
    }
    Ok(kind(&std::fs::metadata(&target)?))
}

fn kind(meta: &Metadata) -> Entry {
    let file_type = meta.file_type();
    if file_type.is_file() {
        Entry::File
    } else if file_type.is_dir() {
        Entry::Dir
    } else {
        Entry::Special(special_name(meta))
    }
}

#[cfg(unix)]
fn special_name(meta: &Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_fifo() {
        "a named pipe (FIFO)"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else {
        "not a regular file"
    }
}

#[cfg(not(unix))]
fn special_name(_: &Metadata) -> &'static str {
    "not a regular file"
}

/// Why a file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The entry is not a readable file of the boundary (see [`Entry`]).
    #[error("{}", .0.refusal().unwrap_or("not a file"))]
    Refused(Entry),
    /// Larger than the cap.
    #[error("the file is larger than {} MiB", .cap / (1024 * 1024))]
    TooLarge { cap: u64 },
    /// The system would not let us read it.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// Reads the file at `path` (inside `boundary`), at most `cap` bytes.
pub fn read(boundary: &Path, path: &Path, cap: u64) -> Result<Vec<u8>, ReadError> {
    match entry(boundary, path)? {
        Entry::File => {}
        other => return Err(ReadError::Refused(other)),
    }
    let file = open_nonblocking(path)?;
    // The entry may have been swapped between the look and the open: look
    // again at what was opened.
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(ReadError::Refused(kind(&meta)));
    }
    if meta.len() > cap {
        return Err(ReadError::TooLarge { cap });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(cap + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Err(ReadError::TooLarge { cap });
    }
    Ok(bytes)
}

/// Reads a file the editor named on the command line (not a contributor's):
/// any folder may hold it, but it must be a regular file, since a FIFO would
/// hang the read and a device would not end. `Ok(None)` when it is larger
/// than `cap`; a file that cannot be read is an error (exit 2).
pub fn read_named(path: &Path, cap: u64) -> crate::error::Result<Option<Vec<u8>>> {
    let canonical = path
        .canonicalize()
        .map_err(|e| crate::error::Error::io("read", path, e))?;
    let boundary = canonical.parent().unwrap_or(Path::new("/"));
    match read(boundary, &canonical, cap) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(ReadError::TooLarge { .. }) => Ok(None),
        Err(ReadError::Io(e)) => Err(crate::error::Error::io("read", path, e)),
        Err(ReadError::Refused(entry)) => {
            let why = entry.refusal().unwrap_or("not a regular file");
            Err(crate::error::Error::io(
                "read",
                path,
                std::io::Error::new(std::io::ErrorKind::InvalidInput, why),
            ))
        }
    }
}

/// Opens without blocking: a FIFO put in place after [`entry`] looked must
/// not hang the run.
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    options.open(path)
}

/// The names in a folder, sorted, hidden ones (`.git`, `.DS_Store`) left out.
pub fn list(dir: &Path) -> std::io::Result<Vec<(String, PathBuf)>> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with('.') {
            names.push((name, entry.path()));
        }
    }
    names.sort();
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_inside_is_followed_and_one_outside_is_refused() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret"), "s").unwrap();
        let root = tempfile::tempdir().unwrap();
        std::fs::write(root.path().join("a.md"), "a").unwrap();
        std::os::unix::fs::symlink(root.path().join("a.md"), root.path().join("b.md")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret"), root.path().join("c.md"))
            .unwrap();
        assert_eq!(
            read(root.path(), &root.path().join("b.md"), 10).unwrap(),
            b"a"
        );
        assert_eq!(
            entry(root.path(), &root.path().join("c.md")).unwrap(),
            Entry::LinkOutside
        );
        assert!(matches!(
            read(root.path(), &root.path().join("c.md"), 10),
            Err(ReadError::Refused(Entry::LinkOutside))
        ));
        assert_eq!(
            entry(root.path(), &root.path().join("none")).unwrap(),
            Entry::Missing
        );
    }

    #[test]
    fn a_fifo_is_never_opened_and_a_device_never_read() {
        let root = tempfile::tempdir().unwrap();
        let fifo = root.path().join("f.md");
        let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        assert_eq!(
            entry(root.path(), &fifo).unwrap(),
            Entry::Special("a named pipe (FIFO)")
        );
        assert!(matches!(
            read(root.path(), &fifo, 10),
            Err(ReadError::Refused(_))
        ));
        // A link to /dev/zero leaves the boundary; /dev/zero itself is a device.
        assert_eq!(
            entry(Path::new("/dev"), Path::new("/dev/zero")).unwrap(),
            Entry::Special("a device")
        );
    }

    #[test]
    fn a_file_over_the_cap_is_refused() {
        let root = tempfile::tempdir().unwrap();
        std::fs::write(root.path().join("big"), vec![b'a'; 11]).unwrap();
        assert!(matches!(
            read(root.path(), &root.path().join("big"), 10),
            Err(ReadError::TooLarge { cap: 10 })
        ));
        assert_eq!(
            read(root.path(), &root.path().join("big"), 11)
                .unwrap()
                .len(),
            11
        );
    }
}
