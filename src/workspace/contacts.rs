//! `contacts.toml`: the contacts the newsletter already knows, so that one
//! person keeps one address from issue to issue.

use serde::Deserialize;
use toml::Spanned;

use crate::diag::{Code, Diagnostic};
use crate::source::SourceFile;
use crate::tomlfile::{self, Schema, tables, value};

/// A known contact, with the position of its email for diagnostics.
#[derive(Debug, Clone, Deserialize)]
pub struct KnownContact {
    pub name: Spanned<String>,
    pub email: Spanned<String>,
}

#[derive(Deserialize)]
struct File {
    #[serde(default)]
    contact: Vec<KnownContact>,
}

const SCHEMA: Schema = &[tables("contact", &[value("name"), value("email")])];

/// Parses `contacts.toml`; an empty file is an empty list.
pub fn parse(file: &SourceFile, diags: &mut Vec<Diagnostic>) -> Vec<KnownContact> {
    let parsed: Option<File> =
        tomlfile::parse(file, 0..file.text().len(), SCHEMA, "contacts.toml", diags);
    let contacts = parsed.map(|f| f.contact).unwrap_or_default();
    for contact in &contacts {
        if let Err(error) = crate::email::validate(contact.email.get_ref()) {
            let code = if error.is_placeholder() {
                Code::Placeholder
            } else {
                Code::InvalidEmail
            };
            diags.push(Diagnostic::at(
                code,
                file,
                contact.email.span(),
                format!(
                    "`{}` is not a valid address: {error}",
                    contact.email.get_ref()
                ),
            ));
        }
    }
    contacts
}
