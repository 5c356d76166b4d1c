//! `infolettre completions` and `infolettre man`: generated from the CLI definition.

use clap::CommandFactory;

use crate::cli::Cli;
use crate::error::{Error, Result};

/// Prints the completion script for `shell` on standard output.
pub fn completions(shell: clap_complete::Shell) -> Result<()> {
    clap_complete::generate(
        shell,
        &mut Cli::command(),
        "infolettre",
        &mut std::io::stdout(),
    );
    Ok(())
}

/// Prints the man page on standard output.
pub fn man() -> Result<()> {
    clap_mangen::Man::new(Cli::command())
        .render(&mut std::io::stdout())
        .map_err(|e| Error::io("write", "standard output", e))
}
