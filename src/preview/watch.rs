//! Watching the workspace: folders, never single files, so that an editor
//! that saves by writing a new file and renaming it over the old one (vim,
//! most IDEs), or by deleting and creating it, keeps being seen. The root
//! is watched on its own (for `infolettre.toml` and `contacts.toml`), and
//! `issues/` and `layouts/` with everything in them; `dist/`, `.git/` and
//! `target/` are never watched, so a build beside the preview costs nothing.
//! A burst of saves is debounced into one change. When the system's watcher
//! cannot be set up (no inotify left, a file system that does not report
//! changes), the workspace is polled instead.

use std::path::{Component, Path, PathBuf};
use std::time::{Duration, Instant};

use notify_debouncer_full::notify::{
    self, EventKind, PollWatcher, RecommendedWatcher, RecursiveMode,
};
use notify_debouncer_full::{
    DebounceEventResult, Debouncer, NoCache, RecommendedCache, new_debouncer_opt,
};

use crate::workspace::{CONFIG_FILE, CONTACTS_FILE, ISSUES_DIR, LAYOUTS_DIR};

/// How long the files must stay still before a change is rendered: long
/// enough to make one change of an editor's burst of writes and renames.
pub(crate) const DEBOUNCE: Duration = Duration::from_millis(100);

/// How often the debouncer looks whether the files have been still long
/// enough: a change is rendered at most this long after its debounce.
const TICK: Duration = Duration::from_millis(5);

/// How often the workspace is looked at when it must be polled.
const POLL_INTERVAL: Duration = Duration::from_millis(300);

/// Set (to anything) to poll instead of using the system's watcher: for a
/// network or container file system whose changes the system does not report.
pub(crate) const POLL_VARIABLE: &str = "INFOLETTRE_PREVIEW_POLL";

/// The folders of the workspace watched with everything in them.
const WATCHED_DIRS: [&str; 2] = [ISSUES_DIR, LAYOUTS_DIR];

/// The watcher, native or polling.
pub(crate) enum Watcher {
    Native(Debouncer<RecommendedWatcher, RecommendedCache>),
    Polling(Debouncer<PollWatcher, NoCache>),
    /// Nothing could be watched: the preview shows the issue as it was.
    None,
}

/// What a batch of file events means for the preview.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Change {
    /// A file the issue, the settings or the layouts are read from changed.
    pub render: bool,
    /// A font of the layouts may have changed: the print engine starts over.
    pub fonts: bool,
    /// When the first of the events happened.
    pub since: Option<Instant>,
}

impl Watcher {
    /// Watches the workspace at `root`, each debounced batch sent to `events`.
    pub fn start(
        root: &Path,
        events: impl Fn(DebounceEventResult) + Send + Clone + 'static,
    ) -> Watcher {
        if std::env::var_os(POLL_VARIABLE).is_none() {
            match native(root, events.clone()) {
                Ok(watcher) => return watcher,
                Err(why) => eprintln!(
                    "note: the system cannot watch the workspace ({why}); polling it every {} ms instead",
                    POLL_INTERVAL.as_millis()
                ),
            }
        } else {
            eprintln!(
                "note: {POLL_VARIABLE} is set: polling the workspace every {} ms",
                POLL_INTERVAL.as_millis()
            );
        }
        let config = notify::Config::default()
            .with_poll_interval(POLL_INTERVAL)
            .with_follow_symlinks(false);
        let polling = new_debouncer_opt::<_, PollWatcher, NoCache>(
            DEBOUNCE,
            Some(TICK),
            events,
            NoCache,
            config,
        )
        .map(Watcher::Polling);
        match polling {
            Ok(mut watcher) => {
                if let Err(why) = watcher.watch_workspace(root) {
                    eprintln!(
                        "warning: cannot poll the workspace ({why}): the preview will not follow changes"
                    );
                }
                watcher
            }
            // A poller needs no system resource: this does not happen, but
            // it must not stop the preview either.
            Err(why) => {
                eprintln!(
                    "warning: cannot watch the workspace ({why}): the preview will not follow changes"
                );
                Watcher::None
            }
        }
    }

    /// Watches the root alone and each watched folder that exists.
    fn watch_workspace(&mut self, root: &Path) -> notify::Result<()> {
        self.watch(root, RecursiveMode::NonRecursive)?;
        for dir in WATCHED_DIRS {
            self.watch_dir(&root.join(dir))?;
        }
        Ok(())
    }

    /// Watches a folder of the workspace with everything in it, if it is one.
    pub fn watch_dir(&mut self, dir: &Path) -> notify::Result<()> {
        // Not through a symbolic link: it could lead anywhere.
        match std::fs::symlink_metadata(dir) {
            Ok(meta) if meta.is_dir() => self.watch(dir, RecursiveMode::Recursive),
            _ => Ok(()),
        }
    }

    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match self {
            Watcher::Native(d) => d.watch(path, mode),
            Watcher::Polling(d) => d.watch(path, mode),
            Watcher::None => Ok(()),
        }
    }
}

/// The system's watcher on the workspace, or why it cannot be had.
fn native(
    root: &Path,
    events: impl Fn(DebounceEventResult) + Send + 'static,
) -> notify::Result<Watcher> {
    let config = notify::Config::default().with_follow_symlinks(false);
    let debouncer = new_debouncer_opt::<_, RecommendedWatcher, RecommendedCache>(
        DEBOUNCE,
        Some(TICK),
        events,
        RecommendedCache::new(),
        config,
    )?;
    let mut watcher = Watcher::Native(debouncer);
    watcher.watch_workspace(root)?;
    Ok(watcher)
}

/// What a debounced batch means: which of its paths matter, and whether a
/// watched folder was just created (it must then be watched: returned).
pub(crate) fn classify(root: &Path, batch: &DebounceEventResult) -> (Change, Vec<PathBuf>) {
    let mut change = Change::default();
    let mut created = Vec::new();
    let events = match batch {
        Ok(events) => events,
        Err(errors) => {
            for error in errors {
                eprintln!("warning: watching the workspace: {error}");
            }
            // Something may have been missed: render again to be sure.
            change.render = true;
            return (change, created);
        }
    };
    for event in events {
        // Our own reading of the files must not start another render.
        if matches!(event.kind, EventKind::Access(_)) {
            continue;
        }
        let mut relevant = event.need_rescan();
        for path in &event.paths {
            let Some(kind) = kind_of(root, path) else {
                continue;
            };
            relevant = true;
            change.fonts |= kind == Kind::Fonts;
            if kind == Kind::WatchedDir && matches!(event.kind, EventKind::Create(_)) {
                created.push(path.clone());
            }
            if kind == Kind::WatchedDir {
                // A layouts/ that comes or goes may bring fonts or take them away.
                change.fonts = true;
            }
        }
        if relevant {
            change.render = true;
            change.since = Some(change.since.map_or(event.time, |t| t.min(event.time)));
        }
    }
    (change, created)
}

/// What a changed path of the workspace is to the preview.
#[derive(Debug, PartialEq, Eq)]
enum Kind {
    /// `issues/` or `layouts/` itself.
    WatchedDir,
    /// A font of the layouts.
    Fonts,
    /// Anything else read for the preview.
    File,
}

/// `None` for paths the preview never reads: outside the watched places,
/// or hidden (the loaders leave out `.swp`, `.DS_Store` and the like).
fn kind_of(root: &Path, path: &Path) -> Option<Kind> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Vec<&str> = rel
        .components()
        .map(|c| match c {
            Component::Normal(part) => part.to_str().unwrap_or("\u{FFFD}"),
            _ => "..",
        })
        .collect();
    let (first, rest) = parts.split_first()?;
    if parts.iter().any(|p| p.starts_with('.')) {
        return None;
    }
    match (*first, rest) {
        (CONFIG_FILE | CONTACTS_FILE, []) => Some(Kind::File),
        (ISSUES_DIR | LAYOUTS_DIR, []) => Some(Kind::WatchedDir),
        (LAYOUTS_DIR, ["fonts", ..]) => Some(Kind::Fonts),
        (ISSUES_DIR | LAYOUTS_DIR, _) => Some(Kind::File),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(rel: &str) -> Option<Kind> {
        kind_of(Path::new("/ws"), &Path::new("/ws").join(rel))
    }

    #[test]
    fn only_what_the_preview_reads_counts() {
        assert_eq!(kind("infolettre.toml"), Some(Kind::File));
        assert_eq!(kind("contacts.toml"), Some(Kind::File));
        assert_eq!(kind("issues/2017-12/editorial.md"), Some(Kind::File));
        assert_eq!(kind("layouts/email.css"), Some(Kind::File));
        assert_eq!(kind("layouts/fonts/Inter.otf"), Some(Kind::Fonts));
        assert_eq!(kind("issues"), Some(Kind::WatchedDir));
        for ignored in [
            "dist/2017-12/2017-12.html",
            "target/debug/x",
            ".git/index",
            "issues/2017-12/.editorial.md.swp",
            "README.md",
            "infolettre.toml/x",
        ] {
            assert_eq!(kind(ignored), None, "{ignored}");
        }
        assert_eq!(kind_of(Path::new("/ws"), Path::new("/elsewhere/x")), None);
    }

    #[test]
    fn reads_do_not_count_and_errors_do() {
        use notify::event::{AccessKind, CreateKind, ModifyKind};
        use notify_debouncer_full::DebouncedEvent;
        let root = Path::new("/ws");
        let event = |kind, rel: &str| {
            DebouncedEvent::new(
                notify::Event::new(kind).add_path(root.join(rel)),
                Instant::now(),
            )
        };
        let read = Ok(vec![event(
            EventKind::Access(AccessKind::Any),
            "issues/a/b.md",
        )]);
        assert!(!classify(root, &read).0.render);
        let written = Ok(vec![event(
            EventKind::Modify(ModifyKind::Any),
            "issues/a/b.md",
        )]);
        let (change, created) = classify(root, &written);
        assert!(change.render && !change.fonts && change.since.is_some());
        assert!(created.is_empty());
        let new_dir = Ok(vec![event(
            EventKind::Create(CreateKind::Folder),
            "layouts",
        )]);
        let (change, created) = classify(root, &new_dir);
        assert!(change.render && change.fonts);
        assert_eq!(created, vec![root.join("layouts")]);
        let elsewhere = Ok(vec![event(
            EventKind::Modify(ModifyKind::Any),
            "dist/x.html",
        )]);
        assert!(!classify(root, &elsewhere).0.render);
        let failed = Err(vec![notify::Error::generic("lost")]);
        assert!(classify(root, &failed).0.render);
    }
}
