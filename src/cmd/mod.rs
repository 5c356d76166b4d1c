//! One module per command, and the one entry point that maps their outcome
//! to an exit code.

mod check;
mod init;
mod meta;
mod new;
mod add;
mod render;

use std::ffi::OsString;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, ColorChoice, Command};
use crate::diag::{self, Report};
use crate::error::{Error, Result};
use crate::issue::Issue;
use crate::workspace::Workspace;

/// Parses the arguments, runs the command and maps the outcome to an exit code.
pub fn run(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(error) => {
            // clap prints help and version to stdout (exit 0), usage errors to stderr (exit 2).
            let _ = error.print();
            return ExitCode::from(error.exit_code() as u8);
        }
    };
    let env = Env {
        root: cli.global.root.clone().unwrap_or_else(|| PathBuf::from(".")),
        color: match cli.global.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        },
    };
    let outcome = match cli.command {
        Command::New(args) => new::run(&env, args),
        Command::Check(args) => check::run(&env, args),
        Command::Render(args) => render::run(&env, args),
        Command::Add(args) => add::run(&env, args),
        Command::Init(args) => init::run(&env, args),
        Command::Completions { shell } => meta::completions(shell),
        Command::Man => meta::man(),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that stopped reading (`| head`) is told nothing more; the
        // code stays that of an I/O failure, so a truncated check never passes.
        Err(error) if meta::is_closed_pipe(&error) => ExitCode::from(error.exit_code()),
        Err(error) => {
            if !matches!(error, Error::Findings(_)) || !error.to_string().is_empty() {
                eprintln!("error: {error}");
            }
            ExitCode::from(error.exit_code())
        }
    }
}

/// What every command knows besides its own arguments.
pub struct Env {
    pub root: PathBuf,
    /// Whether human output may use color.
    pub color: bool,
}

impl Env {
    /// Opens the workspace, adding the findings about its own files
    /// (`infolettre.toml`, `contacts.toml`) to `report`. `None` when the
    /// settings are unusable: then `report` says why.
    pub fn open_workspace(&self, report: &mut Report) -> Result<Option<Workspace>> {
        let opened = Workspace::open(&self.root)?;
        report.extend(opened.diagnostics);
        opened.sources.into_iter().for_each(|s| report.add_source(s));
        Ok(opened.workspace)
    }

    /// Opens the workspace for a command that writes to it (`new`, `add`):
    /// any finding about the settings or contacts is printed and stops it.
    pub fn workspace(&self) -> Result<Workspace> {
        let mut report = Report::default();
        match self.open_workspace(&mut report)? {
            Some(workspace) if report.diagnostics.is_empty() => Ok(workspace),
            _ => {
                self.print(&report, diag::Format::Human, &mut std::io::stderr().lock())?;
                Err(Error::Findings(String::new()))
            }
        }
    }

    /// Prints a report; color only in the human format, when enabled.
    pub fn print(&self, report: &Report, format: diag::Format, out: &mut dyn std::io::Write) -> Result<()> {
        let color = self.color && format == diag::Format::Human;
        diag::print_report(report, format, color, out).map_err(|e| Error::io("write", "the output", e))
    }
}

/// Loads the issue in `dir` and runs every check on it.
pub fn load_and_check(workspace: &Workspace, dir: &std::path::Path, report: &mut Report) -> Result<Issue> {
    let mut diags = Vec::new();
    let issue = crate::issue::load(workspace, dir, &mut diags)?;
    diags.extend(crate::check::check_issue(workspace, &issue));
    report.extend(diags);
    issue.sources.iter().cloned().for_each(|s| report.add_source(s));
    Ok(issue)
}
