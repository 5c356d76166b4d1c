//! `infolettre render`: check an issue, build its document once, render each
//! selected format, then write every file: all of them, or none.

use std::path::{Path, PathBuf};

use super::{Env, load_and_check};
use crate::cli::RenderArgs;
use crate::diag::{Format as DiagFormat, Report};
use crate::document::{self, Document};
use crate::error::{Error, Result, Verdict};
use crate::fsutil::Batch;
use crate::render::{self, Format, PdfOptions, RenderContext};
use crate::workspace::{Index, IssueEntry, Selection, Workspace};

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
        let chosen = [
            (args.md, Format::Markdown),
            (args.html, Format::Html),
            (args.text, Format::Text),
            (args.pdf, Format::Pdf),
            (args.eml, Format::Eml),
        ];
        let mut formats: Vec<Format> = chosen
            .iter()
            .filter(|(on, _)| *on)
            .map(|(_, f)| *f)
            .collect();
        if formats.is_empty() {
            formats = Format::ALL.to_vec();
        }
        Options {
            formats,
            out: args.out.clone(),
            draft: args.draft,
            strict: args.strict,
            pdf: PdfOptions {
                standard: args.pdf_standard,
            },
        }
    }
}

pub fn run(env: &Env, args: RenderArgs) -> Result<()> {
    let options = Options::from(&args);
    if let Some(out) = &options.out {
        refuse_file_as_out(&env.cwd.join(out))?;
    }
    let workspace = env.workspace()?;
    if options.formats.contains(&Format::Eml) && workspace.config.email.is_none() {
        return Err(Error::usage(
            "--eml needs the sender: infolettre.toml has no [email] table",
            "add [email] with from = \"Name <address@domain>\" (reply_to and unsubscribe are optional)",
        ));
    }
    prepare_ahead(&workspace, &options);
    let index = workspace.index()?;
    let entries = chosen(env, &workspace, &index, &args.issues)?;
    // Steps 1 and 2: every check of every issue first, then one document
    // each, every output rendered before anything is written.
    let documents = checked_documents(env, &workspace, &entries, &options)?;
    let several = documents.len() > 1;
    let rendered = crate::parallel::map(&documents, |document| {
        let outputs = render_all(&workspace, document, &options);
        if several {
            crate::typeset::forget_unused();
        }
        outputs
    });
    // Step 3: stage every output and the pictures they refer to, then put
    // them all in place at once: a failure leaves the earlier set whole.
    let mut batch = Batch::new();
    for (document, outputs) in documents.iter().zip(rendered) {
        let outputs = outputs?;
        warn_about_the_email(document, &outputs);
        let id = &document.meta.issue_id;
        let out_dir = match (&options.out, documents.len()) {
            (Some(out), 1) => env.cwd.join(out),
            (Some(out), _) => env.cwd.join(out).join(id),
            (None, _) => workspace.root.join("dist").join(id),
        };
        for (format, bytes) in &outputs {
            batch.stage(&out_dir.join(format!("{id}.{}", format.extension())), bytes)?;
        }
        if outputs
            .iter()
            .any(|(f, _)| matches!(f, Format::Html | Format::Markdown))
        {
            stage_assets(document, &out_dir, &mut batch)?;
        }
    }
    let written = batch.commit()?;
    let mut stdout = std::io::stdout().lock();
    for path in written {
        use std::io::Write;
        writeln!(stdout, "{}", crate::paths::shown(&path))
            .map_err(|e| Error::io("write", "standard output", e))?;
    }
    Ok(())
}

/// Starts what every issue will need on the other cores, while the first
/// core reads, checks and builds the issues: typography's pattern (1–2 ms)
/// and, for the print edition, the fonts (3–4 ms). Together about as long as
/// checking and building the seed, which is the start of a cold
/// `render --pdf` that the user waits through.
fn prepare_ahead(workspace: &Workspace, options: &Options) {
    std::thread::spawn(crate::typography::compile_patterns);
    if options.formats.contains(&Format::Pdf) {
        let layouts = workspace.layouts.clone();
        std::thread::spawn(move || crate::typeset::parse_fonts(&layouts));
    }
}

/// The issues the arguments name, each once, in the order of their ids;
/// none names the latest.
fn chosen<'a>(
    env: &Env,
    workspace: &Workspace,
    index: &'a Index,
    args: &[String],
) -> Result<Vec<&'a IssueEntry>> {
    if args.is_empty() {
        return Ok(vec![env.issue(workspace, index, None)?]);
    }
    let mut chosen = Vec::new();
    for arg in args {
        match index.select(&workspace.root, &env.cwd, arg)? {
            Selection::One(entry) => chosen.push(entry),
            Selection::All => chosen.extend(&index.issues),
        }
    }
    chosen.sort_by(|a, b| a.id.cmp(&b.id));
    chosen.dedup_by(|a, b| a.id == b.id);
    if chosen.is_empty() {
        // `render .` in a workspace without issues.
        return Ok(vec![index.latest()?]);
    }
    Ok(chosen)
}

/// The document of every issue, each checked first, its findings printed:
/// when one is refused, after every issue was checked, nothing is rendered,
/// and the verdict counts the findings of all of them.
fn checked_documents(
    env: &Env,
    workspace: &Workspace,
    entries: &[&IssueEntry],
    options: &Options,
) -> Result<Vec<Document>> {
    let mut documents = Vec::new();
    let mut refused: Option<(usize, usize)> = None;
    let verdict = |errors, warnings| Verdict::NothingWritten { errors, warnings };
    for entry in entries {
        match checked_document(
            env,
            workspace,
            entry,
            (options.draft, options.strict),
            verdict,
        ) {
            Ok(document) => documents.push(document),
            Err(Error::Failed {
                verdict: Verdict::NothingWritten { errors, warnings },
            }) => {
                let (e, w) = refused.unwrap_or_default();
                refused = Some((e + errors, w + warnings));
            }
            Err(other) => return Err(other),
        }
    }
    match refused {
        None => Ok(documents),
        Some((errors, warnings)) => Err(Error::Failed {
            verdict: verdict(errors, warnings),
        }),
    }
}

/// Checks the issue, printing every finding on standard error, and builds
/// its document: refused with errors (or warnings under `strict`) unless it
/// is a `draft`, and refused even then when it is too large to lay out.
/// `refused` says what the command did not do, from the counts.
pub(super) fn checked_document(
    env: &Env,
    workspace: &Workspace,
    entry: &IssueEntry,
    (draft, strict): (bool, bool),
    refused: fn(usize, usize) -> Verdict,
) -> Result<Document> {
    let mut report = Report::default();
    let issue = load_and_check(workspace, entry, &mut report)?;
    report.sort();
    if !report.diagnostics.is_empty() {
        env.print(&report, DiagFormat::Human, &mut std::io::stderr().lock())?;
    }
    // What the print edition cannot lay out in bounded time stops even a draft.
    let too_large = report
        .diagnostics
        .iter()
        .any(|d| d.code == crate::diag::Code::TooLarge);
    if too_large {
        return Err(Error::Failed {
            verdict: Verdict::TooLarge,
        });
    }
    if report.fails(strict) && !draft {
        return Err(Error::Failed {
            verdict: refused(report.errors(), report.warnings()),
        });
    }
    Ok(document::build(workspace, &issue, draft))
}

/// Gmail shows "[Message clipped]" past this many bytes of HTML.
const GMAIL_CLIP_BYTES: usize = 102 * 1024;

/// What would go wrong once the HTML is mailed, said on standard error:
/// pictures by relative paths (no mail client can fetch them) and a size
/// past Gmail's clipping.
fn warn_about_the_email(document: &Document, outputs: &[(Format, Vec<u8>)]) {
    let Some((_, html)) = outputs.iter().find(|(f, _)| *f == Format::Html) else {
        return;
    };
    let pictures = document
        .assets
        .iter()
        .filter(|a| a.picture.is_some())
        .count();
    if pictures > 0 && document.meta.base_url.is_none() {
        eprintln!(
            "warning: the HTML refers to {pictures} picture{} by relative paths, which a mail client cannot fetch\n  \
             = help: set base_url in infolettre.toml to where the issues are published, or send the .eml (render --eml), which carries them",
            if pictures == 1 { "" } else { "s" }
        );
    }
    if html.len() > GMAIL_CLIP_BYTES {
        eprintln!(
            "warning: the HTML is {} KB: Gmail clips messages over 102 KB and hides the rest behind a link\n  \
             = help: shorten the issue, or move long articles to the website and link to them",
            html.len().div_ceil(1024)
        );
    }
}

/// Renders every selected format in memory.
fn render_all(
    workspace: &Workspace,
    document: &Document,
    options: &Options,
) -> Result<Vec<(Format, Vec<u8>)>> {
    let ctx = RenderContext {
        document,
        layouts: &workspace.layouts,
        pdf: options.pdf,
        pictures: render::Pictures::Files,
        email: workspace.config.email.as_ref(),
    };
    options
        .formats
        .iter()
        .map(|&format| {
            render::renderer(format)
                .render(&ctx)
                .map(|bytes| (format, bytes))
                // A layout of the workspace that does not compile: exit 2.
                .map_err(Error::Layout)
        })
        .collect()
}

/// Stages a copy of each sound picture the document refers to beside the
/// outputs. An unsound one (only a draft gets this far with it) is left out,
/// as the print edition leaves it out: it is read once, within its size cap.
fn stage_assets(document: &Document, out_dir: &Path, batch: &mut Batch) -> Result<()> {
    for asset in &document.assets {
        if let Some(picture) = &asset.picture {
            batch.stage(&out_dir.join(&asset.path), &picture.bytes)?;
        }
    }
    Ok(())
}

/// `--out` must be a folder (or not exist yet): say so before any work.
pub(super) fn refuse_file_as_out(out: &Path) -> Result<()> {
    match std::fs::metadata(out) {
        Ok(meta) if !meta.is_dir() => Err(Error::usage(
            format!("--out {} is a file, not a folder", crate::paths::shown(out)),
            "name a folder for the outputs (it is created if missing)",
        )),
        _ => Ok(()),
    }
}
