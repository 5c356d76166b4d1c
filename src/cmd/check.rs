//! `infolettre check`: load and check issues, print the findings.

use std::io::Write;

use super::{Env, load_and_check};
use crate::cli::CheckArgs;
use crate::diag::{Report, print::summary};
use crate::error::{Error, Result};
use crate::issue;

pub fn run(env: &Env, args: CheckArgs) -> Result<()> {
    let mut report = Report::default();
    let Some(workspace) = env.open_workspace(&mut report)? else {
        return finish(env, &mut report, &args, 0);
    };
    let dirs = if args.issues.is_empty() {
        let ids = workspace.issue_ids()?;
        if ids.is_empty() {
            return Err(Error::NotFound { what: "issues", path: workspace.issues_dir() });
        }
        ids.into_iter().map(|id| workspace.issues_dir().join(id)).collect()
    } else {
        args.issues.iter().map(|arg| issue::find(&workspace, arg).map(|(dir, _)| dir)).collect::<Result<Vec<_>>>()?
    };
    for dir in &dirs {
        load_and_check(&workspace, dir, &mut report)?;
    }
    finish(env, &mut report, &args, dirs.len())
}

/// Prints the report in the chosen format and decides the outcome.
fn finish(env: &Env, report: &mut Report, args: &CheckArgs, issues: usize) -> Result<()> {
    report.sort();
    let mut stdout = std::io::stdout().lock();
    env.print(report, args.format, &mut stdout)?;
    if args.format == crate::diag::Format::Human && report.diagnostics.is_empty() {
        let what = if issues == 1 { "1 issue".to_owned() } else { format!("{issues} issues") };
        writeln!(stdout, "checked {what}: no problems found").map_err(|e| Error::io("write", "standard output", e))?;
    }
    if report.fails(args.strict) {
        // The human format already ends with the counts.
        let message = match args.format {
            crate::diag::Format::Human => String::new(),
            _ => format!("the check failed: {}", summary(report.errors(), report.warnings())),
        };
        return Err(Error::Findings(message));
    }
    Ok(())
}
