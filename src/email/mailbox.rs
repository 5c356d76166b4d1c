//! A mailbox as `infolettre.toml` writes one for `[email] from` and
//! `reply_to`: `Name <address>` or a bare address (RFC 5322 §3.4, the forms
//! an editor types; no groups, no comments).

use std::fmt;

use super::{EmailError, validate};

/// A display name and an address, both checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mailbox {
    pub name: Option<String>,
    pub address: String,
}

/// Why a mailbox cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MailboxError {
    /// `Name <address` or `Name address>`.
    Unbalanced,
    /// A line break or control character in the name: it would end the
    /// header it is written into.
    NameControl,
    /// `<` or `>` inside the name.
    NameBracket,
    Address(EmailError),
}

impl fmt::Display for MailboxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MailboxError::Unbalanced => {
                f.write_str("the angle brackets around the address do not pair")
            }
            MailboxError::NameControl => {
                f.write_str("the name holds a line break or a control character")
            }
            MailboxError::NameBracket => f.write_str("the name holds `<` or `>`"),
            MailboxError::Address(error) => write!(f, "the address is not valid: {error}"),
        }
    }
}

impl Mailbox {
    /// Parses `Name <address>`, `"Quoted, Name" <address>`, `<address>` or
    /// `address`. A placeholder or special-use domain (`example.org`,
    /// `.test`) is accepted: a proof may go to a test server.
    pub fn parse(text: &str) -> Result<Mailbox, MailboxError> {
        let text = text.trim();
        let (name, address) = match (text.rfind('<'), text.strip_suffix('>')) {
            (Some(open), Some(_)) => (text[..open].trim(), &text[open + 1..text.len() - 1]),
            (None, None) if !text.contains('>') => ("", text),
            _ => return Err(MailboxError::Unbalanced),
        };
        let name = unquote(name);
        if name.chars().any(char::is_control) {
            return Err(MailboxError::NameControl);
        }
        if name.contains(['<', '>']) {
            return Err(MailboxError::NameBracket);
        }
        let address = address.trim();
        match validate(address) {
            Ok(()) | Err(EmailError::Placeholder { .. }) | Err(EmailError::SpecialUse { .. }) => {}
            Err(error) => return Err(MailboxError::Address(error)),
        }
        Ok(Mailbox {
            name: (!name.is_empty()).then_some(name),
            address: address.to_owned(),
        })
    }
}

/// A display name without its quotes: `"Réseau, équipe"` → `Réseau, équipe`.
fn unquote(name: &str) -> String {
    match name.strip_prefix('"').and_then(|n| n.strip_suffix('"')) {
        Some(inner) => inner.replace("\\\"", "\"").replace("\\\\", "\\"),
        None => name.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_forms_an_editor_types_parse() {
        let m = Mailbox::parse("InfoLettre <delegationexecutive@citedesmetiers.fr>").unwrap();
        assert_eq!(m.name.as_deref(), Some("InfoLettre"));
        assert_eq!(m.address, "delegationexecutive@citedesmetiers.fr");
        let m = Mailbox::parse("\"Réseau, \\\"équipe\\\"\" <a@citedesmetiers.fr>").unwrap();
        assert_eq!(m.name.as_deref(), Some("Réseau, \"équipe\""));
        let m = Mailbox::parse(" delegationexecutive@citedesmetiers.fr ").unwrap();
        assert_eq!(
            (m.name, m.address.as_str()),
            (None, "delegationexecutive@citedesmetiers.fr")
        );
        assert!(Mailbox::parse("<news@infolettre.test>").is_ok());
        assert!(Mailbox::parse("Test <news@example.org>").is_ok());
    }

    #[test]
    fn malformed_mailboxes_are_refused() {
        assert_eq!(
            Mailbox::parse("Name <a@b.fr"),
            Err(MailboxError::Unbalanced)
        );
        assert_eq!(
            Mailbox::parse("Name a@b.fr>"),
            Err(MailboxError::Unbalanced)
        );
        assert_eq!(
            Mailbox::parse("Evil\r\nBcc: x@y.fr <a@citedesmetiers.fr>"),
            Err(MailboxError::NameControl)
        );
        assert!(matches!(
            Mailbox::parse("InfoLettre <delegation@@citedesmetiers.fr>"),
            Err(MailboxError::Address(_))
        ));
        assert!(matches!(
            Mailbox::parse("InfoLettre"),
            Err(MailboxError::Address(_))
        ));
        assert!(matches!(Mailbox::parse(""), Err(MailboxError::Address(_))));
    }
}
