//! `infolettre render`.

use super::Env;
use crate::cli::RenderArgs;
use crate::error::{Error, Result};

pub fn run(_env: &Env, _args: RenderArgs) -> Result<()> {
    Err(Error::Usage("`render` is not available yet".into()))
}
