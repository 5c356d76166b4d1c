//! `infolettre render`: check an issue, build its document once, render each
//! selected format, then write every file: all of them, or none.

use std::path::{Path, PathBuf};

use super::{Env, load_and_check};
use crate::cli::RenderArgs;
use crate::diag::{Format as DiagFormat, Report, print::summary};
use crate::document::{self, Document};
use crate::error::{Error, Result};
use crate::fsutil::Batch;
use crate::issue;
use crate::render::{self, Format, PdfOptions, RenderContext, RenderError};
use crate::workspace::Workspace;

/// The render options, resolved from the arguments.
struct Options {
    formats: Vec<Format>,
    out: Option<PathBuf>,
    draft: bool,
    strict: bool,
    pdf: PdfOptions,
}

impl From<&RenderArgs> for Options {
    fn from(args: &RenderArgs) -> Self {
        let chosen = [(args.md, Format::Markdown), (args.html, Format::Html), (args.text, Format::Text), (args.pdf, Format::Pdf)];
        let mut formats: Vec<Format> = chosen.iter().filter(|(on, _)| *on).map(|(_, f)| *f).collect();
        if formats.is_empty() {
            formats = Format::ALL.to_vec();
        }
        Options {
            formats,
            out: args.out.clone(),
            draft: args.draft,
            strict: args.strict,
            pdf: PdfOptions { standard: args.pdf_standard },
        }
    }
}

pub fn run(env: &Env, args: RenderArgs) -> Result<()> {
    let options = Options::from(&args);
    let mut report = Report::default();
    let Some(workspace) = env.open_workspace(&mut report)? else {
        env.print(&report, DiagFormat::Human, &mut std::io::stderr().lock())?;
        return Err(Error::Findings(String::new()));
    };
    let (dir, id) = match &args.issue {
        Some(arg) => issue::find(&workspace, arg)?,
        None => latest_issue(&workspace)?,
    };
    // Step 1: every check first.
    let issue = load_and_check(&workspace, &dir, &mut report)?;
    report.sort();
    if !report.diagnostics.is_empty() {
        env.print(&report, DiagFormat::Human, &mut std::io::stderr().lock())?;
    }
    if report.fails(options.strict) && !options.draft {
        return Err(Error::Findings(format!(
            "nothing was written: the issue has {}; fix them, or render a draft with --draft",
            summary(report.errors(), report.warnings())
        )));
    }
    // Step 2: one document, every output rendered before anything is written.
    let document = document::build(&workspace, &issue, options.draft).map_err(|e| Error::Layout(e.to_string()))?;
    let outputs = render_all(&workspace, &document, &options)?;
    // Step 3: stage every output and the pictures they refer to, then put
    // them all in place at once: a failure leaves the earlier set whole.
    let out_dir = options.out.clone().unwrap_or_else(|| workspace.root.join("dist").join(&id));
    let mut batch = Batch::new();
    for (format, bytes) in &outputs {
        batch.stage(&out_dir.join(format!("{id}.{}", format.extension())), bytes)?;
    }
    if outputs.iter().any(|(f, _)| matches!(f, Format::Html | Format::Markdown)) {
        stage_assets(&document, &out_dir, &mut batch)?;
    }
    let written = batch.commit()?;
    let mut stdout = std::io::stdout().lock();
    for path in written {
        use std::io::Write;
        writeln!(stdout, "{}", display(&path)).map_err(|e| Error::io("write", "standard output", e))?;
    }
    Ok(())
}

/// Renders every selected format in memory.
fn render_all(workspace: &Workspace, document: &Document, options: &Options) -> Result<Vec<(Format, Vec<u8>)>> {
    let ctx = RenderContext { document, layouts: &workspace.layouts, pdf: options.pdf };
    options
        .formats
        .iter()
        .map(|&format| {
            render::renderer(format).render(&ctx).map(|bytes| (format, bytes)).map_err(|e| match e {
                // A layout of the workspace that does not compile: exit 2.
                RenderError::Layout(e) => Error::Layout(e.to_string()),
                RenderError::Template(message) | RenderError::Typeset(message) => Error::Layout(message),
            })
        })
        .collect()
}

/// Stages a copy of each sound picture the document refers to beside the
/// outputs. An unsound one (only a draft gets this far with it) is left out,
/// as the print edition leaves it out: it is read once, within its size cap.
fn stage_assets(document: &Document, out_dir: &Path, batch: &mut Batch) -> Result<()> {
    for asset in &document.assets {
        if let Ok(picture) = issue::inspect_picture(&asset.source, &asset.path) {
            batch.stage(&out_dir.join(&asset.path), &picture.bytes)?;
        }
    }
    Ok(())
}

/// The issue with the latest date (issues whose issue.toml cannot be read
/// are passed over; ties go to the greatest id).
fn latest_issue(workspace: &Workspace) -> Result<(PathBuf, String)> {
    let mut best: Option<(chrono::NaiveDate, String)> = None;
    for id in workspace.issue_ids()? {
        let dir = workspace.issues_dir().join(&id);
        let Some(date) = issue::read_date(&dir) else { continue };
        if best.as_ref().is_none_or(|(d, i)| (date, &id) >= (*d, i)) {
            best = Some((date, id));
        }
    }
    match best {
        Some((_, id)) => Ok((workspace.issues_dir().join(&id), id)),
        None => Err(Error::NotFound { what: "issue with a valid issue.toml", path: workspace.issues_dir() }),
    }
}

/// A path as the user would type it: relative to the current directory when possible.
fn display(path: &Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    path.strip_prefix(&cwd).unwrap_or(path).display().to_string().trim_start_matches("./").to_owned()
}
