//! `infolettre init`.

use super::Env;
use crate::cli::InitArgs;
use crate::error::{Error, Result};

pub fn run(_env: &Env, _args: InitArgs) -> Result<()> {
    Err(Error::Usage("`init` is not available yet".into()))
}
