//! `infolettre site`: check every issue, build the archive in memory, then
//! write it all at once, or nothing.

use std::path::PathBuf;

use super::{Env, load_and_check};
use crate::cli::SiteArgs;
use crate::diag::{Format as DiagFormat, Report};
use crate::document::{self, Document};
use crate::error::{Error, Result, Verdict};
use crate::fsutil::Batch;

pub fn run(env: &Env, args: SiteArgs) -> Result<()> {
    if let Some(out) = &args.out {
        super::render::refuse_file_as_out(&env.cwd.join(out))?;
    }
    let workspace = env.workspace()?;
    let index = workspace.index()?;
    if index.issues.is_empty() {
        return Err(Error::NoIssue);
    }
    // Every check of every issue first.
    let mut report = Report::default();
    report.extend(index.refused.iter().cloned());
    let mut issues = Vec::new();
    for entry in &index.issues {
        issues.push(load_and_check(&workspace, entry, &mut report)?);
    }
    report.sort();
    if !report.diagnostics.is_empty() {
        env.print(&report, DiagFormat::Human, &mut std::io::stderr().lock())?;
    }
    if report.fails(args.strict) {
        return Err(Error::Failed {
            verdict: Verdict::NothingWritten {
                errors: report.errors(),
                warnings: report.warnings(),
            },
        });
    }
    let mut documents: Vec<Document> = issues
        .iter()
        .map(|issue| document::build(&workspace, issue, false))
        .collect();
    // Newest first: by date, then by id for issues of the same day.
    documents.sort_by(|a, b| (b.meta.date, &b.meta.issue_id).cmp(&(a.meta.date, &a.meta.issue_id)));
    let files = crate::site::build(&workspace.layouts, &documents).map_err(Error::Layout)?;
    let out: PathBuf = args
        .out
        .as_ref()
        .map(|out| env.cwd.join(out))
        .unwrap_or_else(|| workspace.root.join("dist").join("site"));
    let mut batch = Batch::new();
    for (path, bytes) in &files {
        batch.stage(&out.join(path), bytes)?;
    }
    for path in batch.commit()? {
        super::meta::print_line(&crate::paths::shown(&path))?;
    }
    Ok(())
}
