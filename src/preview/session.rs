//! The render state of one preview: the workspace is opened again and the
//! issue reloaded and checked on every change (cheap), the email edition
//! rendered, and the print edition laid out by the long-lived
//! [`PrintEngine`]. Nothing here fails: whatever goes wrong (a broken
//! `infolettre.toml`, a missing issue, a layout that does not compile) is
//! said in the snapshot, and the editions last rendered stay on show.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use serde::Serialize;

use super::print::{PageImage, PrintEngine, Split};
use crate::diag::{self, Code, Report};
use crate::document::Document;
use crate::error::{Error, Result};
use crate::issue::{Issue, Picture};
use crate::render::{Pictures, html};
use crate::workspace::{Index, IssueEntry, Workspace};

/// What the preview shows at one moment.
#[derive(Clone)]
pub(crate) struct Snapshot {
    /// Goes up by one with every snapshot published.
    pub generation: u64,
    /// The issue shown, once found.
    pub issue: Option<String>,
    /// The email edition, with the generation it was rendered in.
    pub email: Option<(u64, Arc<String>)>,
    pub pages: Vec<PageImage>,
    /// The issue's sound pictures, by their path in the issue ("images/x.png").
    pub pictures: Arc<HashMap<String, Arc<Picture>>>,
    /// The check's findings, as `check --format json` prints them.
    pub findings: serde_json::Value,
    /// Why an edition is missing or out of date, in plain words.
    pub problems: Vec<String>,
    /// Whether the print edition is still being laid out.
    pub printing: bool,
    pub timings: Timings,
}

/// How long each part of the last render took, in milliseconds.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub(crate) struct Timings {
    /// Opening the workspace, loading and checking the issue, building the document.
    pub load: f64,
    pub email: f64,
    /// Laying out the print edition and drawing its changed pages.
    pub print: f64,
    /// The print's time, part by part.
    pub print_split: Split,
    /// From the first file event of the change to the email edition served
    /// (the debounce included); none for the first render.
    pub email_ready: Option<f64>,
    /// From the first file event to the print edition's pages served.
    pub print_ready: Option<f64>,
}

/// The first phase of a render: everything but the print edition.
pub(crate) struct Prepared {
    pub snapshot: Snapshot,
    /// What the print phase lays out, when the issue could be built.
    pub print: Option<(Document, Workspace)>,
}

/// The long-lived state of one preview.
pub(crate) struct Session {
    root: PathBuf,
    cwd: PathBuf,
    /// The ISSUE argument, until it has been resolved once.
    arg: Option<String>,
    /// The id of the issue shown, fixed once found: a new issue with a
    /// later date does not take its place in the middle of a session.
    pinned: Option<String>,
    engine: PrintEngine,
    generation: u64,
    /// The editions of the last snapshot, shown again when a render fails.
    last_email: Option<(u64, Arc<String>)>,
    last_pages: Vec<PageImage>,
    last_pictures: Arc<HashMap<String, Arc<Picture>>>,
}

impl Session {
    /// A session on the workspace at `root`. The issue is resolved now when
    /// the settings allow it, so that an ISSUE that names nothing is bad
    /// usage (exit 2) rather than a page that says so.
    pub fn new(root: PathBuf, cwd: PathBuf, arg: Option<String>) -> Result<Self> {
        let mut session = Self {
            root,
            cwd,
            arg,
            pinned: None,
            engine: PrintEngine::default(),
            generation: 0,
            last_email: None,
            last_pages: Vec::new(),
            last_pictures: Arc::default(),
        };
        let opened = Workspace::open(&session.root)?;
        if let Some(workspace) = opened.workspace {
            let index = workspace.index()?;
            session.pinned = Some(session.entry(&workspace, &index)?.id.as_str().to_owned());
        }
        Ok(session)
    }

    /// The issue's entry: the pinned one, else the one the argument names,
    /// else the latest.
    fn entry<'i>(&self, workspace: &Workspace, index: &'i Index) -> Result<&'i IssueEntry> {
        match (&self.pinned, &self.arg) {
            (Some(id), _) => index.get(id).ok_or_else(|| Error::IssueNotFound {
                arg: id.clone(),
                suggestions: Vec::new(),
            }),
            (None, Some(arg)) => index.one(&workspace.root, &self.cwd, arg),
            (None, None) => index.latest(),
        }
    }

    /// The first phase: the workspace and the issue read again, checked,
    /// and the email edition rendered.
    pub fn prepare(&mut self) -> Prepared {
        let started = Instant::now();
        let mut report = Report::default();
        let mut problems = Vec::new();
        let loaded = self.load(&mut report).unwrap_or_else(|error| {
            problems.push(said(&error));
            None
        });
        report.sort();
        let load = elapsed_ms(started);
        let mut print = None;
        let mut timings = Timings {
            load,
            ..Timings::default()
        };
        self.generation += 1;
        let generation = self.generation;
        match loaded {
            None => {
                self.engine.forget();
                if problems.is_empty() {
                    problems.push(
                        "infolettre.toml has errors (see the findings): the editions shown \
                         are those of before, until it is fixed"
                            .into(),
                    );
                }
            }
            Some((workspace, issue)) => {
                // Shown as a draft (marked, and built whatever its errors) only
                // when it has errors: a sound issue looks as it will be sent.
                let draft = report.errors() > 0;
                let document = crate::document::build(&workspace, &issue, draft);
                self.last_pictures = Arc::new(pictures_of(&document));
                let started = Instant::now();
                match email_of(&document, &workspace) {
                    Ok(email) => self.last_email = Some((generation, Arc::new(email))),
                    Err(why) => problems.push(format!("the email edition: {why}")),
                }
                timings.email = elapsed_ms(started);
                if too_large(&report) {
                    self.engine.forget();
                    self.last_pages.clear();
                    problems.push(
                        "the issue is too large for the print edition (see the too-large finding)"
                            .into(),
                    );
                } else {
                    print = Some((document, workspace));
                }
            }
        }
        let snapshot = Snapshot {
            generation,
            issue: self.pinned.clone(),
            email: self.last_email.clone(),
            pages: self.last_pages.clone(),
            pictures: self.last_pictures.clone(),
            findings: findings_json(&report),
            problems,
            printing: print.is_some(),
            timings,
        };
        Prepared { snapshot, print }
    }

    /// The second phase: the print edition laid out and drawn; the
    /// snapshot of the first phase, completed.
    pub fn print(&mut self, prepared: Prepared, new_fonts: bool) -> Snapshot {
        let Prepared {
            mut snapshot,
            print,
        } = prepared;
        let Some((document, workspace)) = print else {
            return snapshot;
        };
        let started = Instant::now();
        match self.engine.print(&document, &workspace.layouts, new_fonts) {
            Ok((pages, warnings)) => {
                self.last_pages = pages;
                snapshot.timings.print_split = self.engine.split();
                // Said as `render` says them, and shown until they are mended.
                snapshot.problems.extend(
                    warnings
                        .into_iter()
                        .map(|warning| format!("the print layout's {warning}")),
                );
            }
            Err(why) => {
                self.engine.forget();
                snapshot
                    .problems
                    .push(format!("the print edition could not be laid out:\n{why}"));
            }
        }
        self.generation += 1;
        snapshot.generation = self.generation;
        snapshot.pages = self.last_pages.clone();
        snapshot.printing = false;
        snapshot.timings.print = elapsed_ms(started);
        snapshot
    }

    /// Tidies the print engine's memory (see [`PrintEngine::tidy`]).
    pub fn tidy(&self) {
        self.engine.tidy();
    }

    /// The PDF of the print edition last laid out.
    pub fn pdf(&mut self) -> Option<std::result::Result<Arc<Vec<u8>>, String>> {
        self.engine
            .pdf()
            .map(|exported| exported.map_err(|e| e.to_string()))
    }

    /// Opens the workspace and loads and checks the issue; `None` when the
    /// settings are unusable (the report says why).
    fn load(&mut self, report: &mut Report) -> Result<Option<(Workspace, Issue)>> {
        let opened = Workspace::open(&self.root)?;
        report.extend(opened.diagnostics);
        opened
            .sources
            .into_iter()
            .for_each(|s| report.add_source(s));
        let Some(workspace) = opened.workspace else {
            return Ok(None);
        };
        let index = workspace.index()?;
        let entry = match self.entry(&workspace, &index) {
            Ok(entry) => entry,
            Err(Error::CannotChoose { findings, .. }) => {
                // Which issue is latest depends on a broken issue.toml: say where.
                report.extend(findings);
                return Err(Error::bad(
                    "cannot choose the latest issue: an issue.toml has errors",
                ));
            }
            Err(error) => return Err(error),
        };
        self.pinned = Some(entry.id.as_str().to_owned());
        let issue = crate::cmd::load_and_check(&workspace, entry, report)?;
        Ok(Some((workspace, issue)))
    }
}

/// An error as one paragraph: what went wrong, and the help when there is one.
fn said(error: &Error) -> String {
    match error.help() {
        Some(help) => format!("{error} ({help})"),
        None => error.to_string(),
    }
}

/// The email edition, its pictures served by the preview itself: without
/// `base_url`, whose published copies may not exist yet.
fn email_of(document: &Document, workspace: &Workspace) -> std::result::Result<String, String> {
    let mut local = document.clone();
    local.meta.base_url = None;
    html::render_html(&local, &workspace.layouts, Pictures::Files).map_err(|e| e.to_string())
}

/// The sound pictures of the document, already read and inspected when
/// it was built: the preview serves these bytes and never reads the disk.
fn pictures_of(document: &Document) -> HashMap<String, Arc<Picture>> {
    document
        .assets
        .iter()
        .filter_map(|asset| Some((asset.path.clone(), asset.picture.clone()?)))
        .collect()
}

fn too_large(report: &Report) -> bool {
    report.diagnostics.iter().any(|d| d.code == Code::TooLarge)
}

/// The report as `check --format json` prints it.
fn findings_json(report: &Report) -> serde_json::Value {
    let mut bytes = Vec::new();
    // Writing to memory cannot fail, and the printer's JSON always parses.
    let _ = diag::print_report(report, diag::Format::Json, false, &mut bytes);
    serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null)
}

fn elapsed_ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}
