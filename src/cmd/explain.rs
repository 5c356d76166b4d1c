//! `infolettre explain [CODE]`: what a check code means, an example that
//! triggers it and how to fix it; without a code, every code.

use crate::diag::{Code, Severity};
use crate::error::{Error, Result};

use super::meta::print_line;

pub fn run(code: Option<&str>) -> Result<()> {
    let Some(name) = code else {
        return list();
    };
    let code = Code::from_name(name).ok_or_else(|| unknown(name))?;
    let explanation = code.explanation();
    let severity = match code.severity() {
        Severity::Error => "error",
        Severity::Warning => "warning (fails only under --strict)",
    };
    let example: String = explanation
        .example
        .lines()
        .map(|line| format!("    {line}\n"))
        .collect();
    print_line(&format!(
        "{name}: {severity}\n\n{}\n\nFor example, in {}:\n\n{example}\nTo fix it: {}",
        code.description(),
        explanation.file,
        explanation.fix,
    ))
}

/// Every code, with its severity and one line on when it is reported.
fn list() -> Result<()> {
    let width = Code::ALL
        .iter()
        .map(|c| c.as_str().len())
        .max()
        .unwrap_or(0);
    for code in Code::ALL {
        let severity = code.severity().as_str();
        print_line(&format!(
            "{:width$}  {severity:7}  {}",
            code.as_str(),
            code.description()
        ))?;
    }
    print_line("\nrun `infolettre explain CODE` for an example and how to fix it")
}

fn unknown(name: &str) -> Error {
    let names = Code::ALL.iter().map(|c| c.as_str());
    let near = crate::suggest::nearest(name, names, 3);
    let help = crate::suggest::did_you_mean(&near)
        .unwrap_or_else(|| "run `infolettre explain` to list every code".to_owned());
    Error::usage(format!("no check code `{name}`"), help)
}
