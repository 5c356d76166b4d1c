//! `infolettre preview`: see the issue while writing it (see [`crate::preview`]).

use super::Env;
use crate::cli::PreviewArgs;
use crate::error::Result;
use crate::preview::{self, Options};

pub fn run(env: &Env, args: PreviewArgs) -> Result<()> {
    preview::run(Options {
        root: env.root()?,
        cwd: env.cwd.clone(),
        issue: args.issue,
        port: args.port,
        open: args.open,
    })
}
