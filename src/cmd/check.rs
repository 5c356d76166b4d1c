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
    env.print(&report, args.format)?;
    if report.fails(args.strict) {
        let what = if report.errors() > 0 { "errors" } else { "warnings (--strict)" };
        return Err(Error::Findings(format!("the check failed with {what}: {}", summary(report.errors(), report.warnings()))));
    }
    Ok(())
}
