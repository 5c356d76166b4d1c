//! `infolettre check`: load and check issues, print the findings.

use std::io::Write;

use super::{Env, load_and_check};
use crate::cli::CheckArgs;
use crate::diag::{Format, Report};
use crate::error::{Error, Result, Verdict};
use crate::git;
use crate::workspace::{IssueEntry, Selection};

pub fn run(env: &Env, args: CheckArgs) -> Result<()> {
    let mut report = Report::default();
    let Some(workspace) = env.open_workspace(&mut report)? else {
        return finish(env, &mut report, &args, 0);
    };
    report.base = workspace.repository_prefix();
    let index = workspace.index()?;
    report.extend(index.refused.iter().cloned());
    let mut chosen: Vec<&IssueEntry> = Vec::new();
    for arg in &args.issues {
        match index.select(&workspace.root, &env.cwd, arg)? {
            Selection::One(entry) => chosen.push(entry),
            Selection::All => chosen.extend(&index.issues),
        }
    }
    if args.issues.is_empty() {
        chosen.extend(&index.issues);
    }
    // `check . issues/2017-12` names one issue twice: check it once.
    chosen.sort_by(|a, b| a.id.cmp(&b.id));
    chosen.dedup_by(|a, b| a.id == b.id);
    if let Some(rev) = &args.changed {
        let changed = git::changed_since(&workspace.root, rev)?;
        if !changed.iter().any(|p| git::touches_every_issue(p)) {
            chosen.retain(|entry| {
                changed
                    .iter()
                    .any(|p| git::issue_of(p) == Some(entry.id.as_str()))
            });
        }
    }
    for entry in &chosen {
        load_and_check(&workspace, entry, &mut report)?;
    }
    finish(env, &mut report, &args, chosen.len())
}

/// Prints the report in the chosen format and decides the outcome.
fn finish(env: &Env, report: &mut Report, args: &CheckArgs, issues: usize) -> Result<()> {
    report.sort();
    let mut stdout = std::io::stdout().lock();
    env.print(report, args.format, &mut stdout)?;
    if args.format == Format::Human && report.diagnostics.is_empty() {
        let line = match issues {
            0 if args.changed.is_some() => "no issue changed: nothing to check".to_owned(),
            0 => "no issue to check yet: start one with `infolettre new`".to_owned(),
            1 => "checked 1 issue: no problems found".to_owned(),
            n => format!("checked {n} issues: no problems found"),
        };
        writeln!(stdout, "{line}").map_err(|e| Error::io("write", "standard output", e))?;
    }
    if report.fails(args.strict) {
        let verdict = match args.format {
            // The human format already ends with the counts.
            Format::Human => Verdict::Reported,
            _ => Verdict::CheckFailed {
                errors: report.errors(),
                warnings: report.warnings(),
            },
        };
        return Err(Error::Failed { verdict });
    }
    Ok(())
}
