//! `infolettre check`: load and check issues, print the findings.

use super::{Env, load_and_check};
use crate::cli::CheckArgs;
use crate::diag::{Report, print::summary};
use crate::error::{Error, Result};
use crate::issue;

pub fn run(env: &Env, args: CheckArgs) -> Result<()> {
    let workspace = env.workspace()?;
    let dirs = if args.issues.is_empty() {
        let ids = workspace.issue_ids()?;
        if ids.is_empty() {
            return Err(Error::NotFound { what: "issues", path: workspace.issues_dir() });
        }
        ids.into_iter().map(|id| workspace.issues_dir().join(id)).collect()
    } else {
        args.issues.iter().map(|arg| issue::find(&workspace, arg).map(|(dir, _)| dir)).collect::<Result<Vec<_>>>()?
    };
    let mut report = Report::default();
    for dir in &dirs {
        load_and_check(&workspace, dir, &mut report)?;
    }
    report.sort();
    env.print(&report, args.format, &mut std::io::stdout().lock())?;
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
