//! `infolettre preview`: the issue served on 127.0.0.1 while it is written,
//! both editions and the check's findings, rendered again on every change
//! of the workspace and pushed to the open page.
//!
//! Three threads: the server answers requests from the snapshot on show
//! ([`hub`]); the render loop owns the [`session`] (and with it the
//! long-lived print engine) and the watcher, and publishes a new snapshot
//! after each change, in two steps: the email edition and the findings
//! first (fast), then the print edition; the main thread waits for Ctrl-C.

mod hub;
mod print;
mod route;
mod server;
mod session;
mod watch;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Instant;

use notify_debouncer_full::DebounceEventResult;

use crate::error::{Error, Result};
use hub::Hub;
use session::{Session, Snapshot};
use watch::{Change, Watcher};

/// The preview's settings, resolved from the arguments.
pub(crate) struct Options {
    /// The workspace root, canonical.
    pub root: PathBuf,
    pub cwd: PathBuf,
    pub issue: Option<String>,
    pub port: Option<u16>,
    pub open: bool,
}

/// What the render loop is told.
pub(crate) enum Message {
    /// A debounced batch of file events.
    Files(DebounceEventResult),
    /// A request for the PDF of the print edition on show (`None`: there is none).
    Pdf(Sender<Option<std::result::Result<Arc<Vec<u8>>, String>>>),
}

/// Serves the preview until Ctrl-C or SIGTERM.
pub(crate) fn run(options: Options) -> Result<()> {
    // Step 1: the signals first, so that a Ctrl-C at any later moment stops cleanly.
    let mut signals = signal_hook::iterator::Signals::new([
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGTERM,
    ])
    .map_err(|e| Error::io("listen for", "Ctrl-C", e))?;
    // Step 2: watch first, so that no change is missed, not even one made
    // during the first render.
    let (sender, receiver) = mpsc::channel();
    let files = sender.clone();
    let watcher = Watcher::start(&options.root, move |batch| {
        let _ = files.send(Message::Files(batch));
    });
    // Step 3: the first render, so that the first page shown is whole.
    let mut session = Session::new(options.root.clone(), options.cwd, options.issue)?;
    let first = render(&mut session, Change::default(), |_| {});
    let hub = Arc::new(Hub::new(first));
    // Step 4: listen, and say where, first thing on standard output.
    let (server, port) = server::bind(options.port)?;
    let server = Arc::new(server);
    let url = format!("http://127.0.0.1:{port}/");
    announce(&url)?;
    // Step 5: render on change, serve.
    let loop_hub = hub.clone();
    let root = options.root.clone();
    spawn("preview-render", move || {
        render_loop(session, watcher, &root, &receiver, &loop_hub)
    })?;
    let context = Arc::new(server::Context::new(hub, sender, port));
    let serving = server.clone();
    spawn("preview-server", move || server::serve(serving, context))?;
    if options.open
        && let Err(why) = opener::open_browser(&url)
    {
        eprintln!("note: cannot open a browser ({why}): open {url} yourself");
    }
    eprintln!(
        "watching {} (Ctrl-C to stop)",
        crate::paths::shown(&options.root)
    );
    // Step 6: until Ctrl-C or SIGTERM; then stop listening and leave.
    let _ = signals.forever().next();
    server.unblock();
    eprintln!("preview stopped");
    Ok(())
}

/// Prints the URL as the first line of standard output, at once.
fn announce(url: &str) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{url}")
        .and_then(|()| stdout.flush())
        .map_err(|e| Error::io("write", "standard output", e))
}

fn spawn(name: &str, work: impl FnOnce() + Send + 'static) -> Result<()> {
    std::thread::Builder::new()
        .name(name.into())
        .spawn(work)
        .map(drop)
        .map_err(|e| Error::io("start a thread for", name, e))
}

/// Renders after each change until the preview stops. Messages that come
/// while a render runs are taken together: a burst gives one render.
fn render_loop(
    mut session: Session,
    mut watcher: Watcher,
    root: &Path,
    receiver: &Receiver<Message>,
    hub: &Hub,
) {
    while let Ok(first) = receiver.recv() {
        let mut change = Change::default();
        let mut next = Some(first);
        while let Some(message) = next.take().or_else(|| receiver.try_recv().ok()) {
            match message {
                Message::Pdf(reply) => {
                    let _ = reply.send(session.pdf());
                }
                Message::Files(batch) => {
                    let (more, created) = watch::classify(root, &batch);
                    for dir in created {
                        if let Err(why) = watcher.watch_dir(&dir) {
                            eprintln!("warning: cannot watch {}: {why}", crate::paths::shown(&dir));
                        }
                    }
                    change = merged(change, more);
                }
            }
        }
        if change.render {
            let snapshot = render(&mut session, change, |first| hub.publish(first.clone()));
            hub.publish(snapshot);
            session.tidy();
        }
    }
}

fn merged(a: Change, b: Change) -> Change {
    Change {
        render: a.render || b.render,
        fonts: a.fonts || b.fonts,
        since: match (a.since, b.since) {
            (Some(x), Some(y)) => Some(x.min(y)),
            (x, y) => x.or(y),
        },
    }
}

/// One render in its two steps; `early` receives the snapshot with the new
/// email edition and findings before the print edition is laid out.
fn render(session: &mut Session, change: Change, early: impl FnOnce(&Snapshot)) -> Snapshot {
    let mut prepared = session.prepare();
    prepared.snapshot.timings.email_ready = change.since.map(ms_since);
    early(&prepared.snapshot);
    let mut snapshot = session.print(prepared, change.fonts);
    snapshot.timings.print_ready = change.since.map(ms_since);
    tell(&snapshot);
    snapshot
}

/// One line on standard error per render.
fn tell(snapshot: &Snapshot) {
    let count = |key: &str| snapshot.findings[key].as_u64().unwrap_or(0);
    let t = &snapshot.timings;
    eprintln!(
        "rendered {} (#{}): {} error(s), {} warning(s); email {:.0} ms, print {:.0} ms",
        snapshot.issue.as_deref().unwrap_or("no issue"),
        snapshot.generation,
        count("errors"),
        count("warnings"),
        t.load + t.email,
        t.print,
    );
    for problem in &snapshot.problems {
        eprintln!("  note: {}", problem.lines().next().unwrap_or(""));
    }
}

fn ms_since(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}
