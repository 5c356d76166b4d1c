//! One module per command, and the one entry point that maps their outcome
//! to an exit code.

mod add;
mod check;
mod explain;
mod import;
mod init;
mod meta;
mod new;
mod preview;
mod render;
mod send;
mod site;

use std::ffi::OsString;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, ColorChoice, Command};
use crate::diag::{self, Report};
use crate::error::{Error, Result, Verdict};
use crate::issue::Issue;
use crate::workspace::{Index, IssueEntry, Workspace};

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
        root_flag: cli.global.root.clone(),
        cwd: std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
        color: match cli.global.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
            }
        },
    };
    let outcome = match cli.command {
        Command::New(args) => new::run(&env, args),
        Command::Check(args) => check::run(&env, args),
        Command::Render(args) => render::run(&env, args),
        Command::Add(args) => add::run(&env, args),
        Command::Init(args) => init::run(&env, args),
        Command::Site(args) => site::run(&env, args),
        Command::Send(args) => send::run(&env, args),
        Command::Preview(args) => preview::run(&env, args),
        Command::Import(args) => import::run(&env, args),
        Command::Explain { code } => explain::run(code.as_deref()),
        Command::Completions { shell } => meta::completions(shell),
        Command::Man => meta::man(),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that stopped reading (`| head`) is told nothing more; the
        // code stays that of an I/O failure, so a truncated check never passes.
        Err(error) if meta::is_closed_pipe(&error) => ExitCode::from(error.exit_code()),
        Err(error) => {
            report_error(&env, &error);
            ExitCode::from(error.exit_code())
        }
    }
}

/// Prints why a command stopped, on standard error.
fn report_error(env: &Env, error: &Error) {
    if let Error::CannotChoose { findings, .. } = error {
        let mut report = Report::default();
        report.extend(findings.iter().cloned());
        let _ = env.print(&report, diag::Format::Human, &mut std::io::stderr().lock());
    }
    let message = error.to_string();
    // typst's diagnostics arrive formatted as typst prints them, each
    // already opening with `error:`.
    if message.starts_with("error:") {
        eprintln!("{message}");
    } else if !message.is_empty() {
        eprintln!("error: {message}");
    }
    if let Some(help) = error.help() {
        eprintln!("  = help: {help}");
    }
}

/// What every command knows besides its own arguments.
pub struct Env {
    /// `-C DIR`, when given.
    pub root_flag: Option<PathBuf>,
    /// The directory the command was run from.
    pub cwd: PathBuf,
    /// Whether human output may use color.
    pub color: bool,
}

impl Env {
    /// The workspace root (SPEC §1), canonical.
    pub fn root(&self) -> Result<PathBuf> {
        crate::workspace::locate(self.root_flag.as_deref(), &self.cwd)
    }

    /// Opens the workspace, adding the findings about its own files
    /// (`infolettre.toml`, `contacts.toml`) to `report`. `None` when the
    /// settings are unusable: then `report` says why.
    pub fn open_workspace(&self, report: &mut Report) -> Result<Option<Workspace>> {
        let opened = Workspace::open(&self.root()?)?;
        report.extend(opened.diagnostics);
        opened
            .sources
            .into_iter()
            .for_each(|s| report.add_source(s));
        Ok(opened.workspace)
    }

    /// Opens the workspace for a command that needs sound settings (`new`,
    /// `add`, `render`): any error about the settings or contacts is printed
    /// and stops it; warnings are printed and it goes on.
    pub fn workspace(&self) -> Result<Workspace> {
        let mut report = Report::default();
        let workspace = self.open_workspace(&mut report)?;
        if !report.diagnostics.is_empty() {
            report.sort();
            self.print(&report, diag::Format::Human, &mut std::io::stderr().lock())?;
        }
        match workspace {
            Some(workspace) if report.errors() == 0 => Ok(workspace),
            _ => Err(Error::Failed {
                verdict: Verdict::SettingsBroken,
            }),
        }
    }

    /// Prints a report; color only in the human format, when enabled.
    pub fn print(
        &self,
        report: &Report,
        format: diag::Format,
        out: &mut dyn std::io::Write,
    ) -> Result<()> {
        let color = self.color && format == diag::Format::Human;
        diag::print_report(report, format, color, out)
            .map_err(|e| Error::io("write", "the output", e))
    }

    /// The issue an optional ISSUE argument names: the argument resolved in
    /// the index, else the issue with the latest date.
    pub fn issue<'a>(
        &self,
        workspace: &Workspace,
        index: &'a Index,
        arg: Option<&str>,
    ) -> Result<&'a IssueEntry> {
        match arg {
            Some(arg) => index.one(&workspace.root, &self.cwd, arg),
            None => index.latest(),
        }
    }
}

/// Loads the issue of `entry` and runs every check on it.
pub fn load_and_check(
    workspace: &Workspace,
    entry: &IssueEntry,
    report: &mut Report,
) -> Result<Issue> {
    let mut diags = Vec::new();
    let issue = crate::issue::load(workspace, entry, &mut diags)?;
    diags.extend(crate::check::check_issue(workspace, &issue));
    report.extend(diags);
    issue
        .sources
        .iter()
        .cloned()
        .for_each(|s| report.add_source(s));
    Ok(issue)
}
