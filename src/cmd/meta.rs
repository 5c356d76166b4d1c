//! `infolettre completions` and `infolettre man`: generated from the CLI
//! definition; and the one way commands print a line on standard output.

use std::io::{ErrorKind, Write};

use clap::CommandFactory;

use crate::cli::Cli;
use crate::error::{Error, Result};

/// Prints the completion script for `shell` on standard output.
pub fn completions(shell: clap_complete::Shell) -> Result<()> {
    // clap_complete panics when its writer fails (a closed pipe, as in
    // `completions bash | head -1`): it writes to memory, and we to stdout.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "infolettre", &mut script);
    quiet_on_closed_pipe(write_stdout(&script))
}

/// Prints the man page on standard output.
pub fn man() -> Result<()> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut page)
        .map_err(|e| Error::io("write", "the man page", e))?;
    quiet_on_closed_pipe(write_stdout(&page))
}

/// Prints one line on standard output; a failure is an error to report (or,
/// for a closed pipe, to end on quietly: see [`is_closed_pipe`]), never a panic
/// as with `println!`.
pub(crate) fn print_line(line: &str) -> Result<()> {
    write_stdout(format!("{line}\n").as_bytes())
}

fn write_stdout(bytes: &[u8]) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(bytes)
        .and_then(|()| stdout.flush())
        .map_err(|e| Error::io("write", "standard output", e))
}

/// Whether `error` is a write to a pipe whose reader has gone (`| head`): the
/// reader chose to stop, so there is nothing to tell it.
pub(crate) fn is_closed_pipe(error: &Error) -> bool {
    matches!(error, Error::Io { source, .. } if source.kind() == ErrorKind::BrokenPipe)
}

/// For output-only commands a closed pipe is success: everything asked for
/// was offered, and the reader took what it wanted.
fn quiet_on_closed_pipe(outcome: Result<()>) -> Result<()> {
    match outcome {
        Err(error) if is_closed_pipe(&error) => Ok(()),
        other => other,
    }
}
