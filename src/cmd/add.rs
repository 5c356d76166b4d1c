//! `infolettre add`.

use super::Env;
use crate::cli::AddArgs;
use crate::error::{Error, Result};

pub fn run(_env: &Env, _args: AddArgs) -> Result<()> {
    Err(Error::Usage("`add` is not available yet".into()))
}
