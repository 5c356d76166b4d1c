//! `missing-section`: every required section is there and has content.

use super::{Context, Rule};
use crate::diag::{Code, Diagnostic};
use crate::workspace::SectionKind;

/// A required section absent from the issue, or present and empty.
pub struct RequiredSections;

impl Rule for RequiredSections {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for section in &cx.issue.sections {
            // A file with its own errors (bad TOML, bad bytes) is not also "missing".
            if !section.def.required || section.has_findings || !section.is_empty() {
                continue;
            }
            let def = &section.def;
            let name = def.entry_name();
            let (message, help, path) = if section.content.is_some() {
                (
                    format!(
                        "the required section `{}` ({}) is empty",
                        def.id(),
                        def.title
                    ),
                    "write its content".to_owned(),
                    name,
                )
            } else if def.kind == SectionKind::Articles {
                (
                    format!(
                        "the required section `{}` ({}) is missing",
                        def.id(),
                        def.title
                    ),
                    format!("create a folder `{name}/` holding one Markdown file per article"),
                    format!("{name}/"),
                )
            } else {
                (
                    format!(
                        "the required section `{}` ({}) is missing",
                        def.id(),
                        def.title
                    ),
                    format!("create `{name}`"),
                    name,
                )
            };
            let path = format!("{}/{path}", cx.issue.rel_dir);
            out.push(Diagnostic::file(Code::MissingSection, path, message).with_help(help));
        }
    }
}
