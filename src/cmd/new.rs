//! `infolettre new`.

use super::Env;
use crate::cli::NewArgs;
use crate::error::{Error, Result};

pub fn run(_env: &Env, _args: NewArgs) -> Result<()> {
    Err(Error::Usage("`new` is not available yet".into()))
}
