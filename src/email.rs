//! Email address validation: one place, used by `check` and by `new`.
//!
//! The policy, stricter than any single standard because these addresses are printed in
//! a newsletter for people to write to:
//!
//! - Syntax of WHATWG HTML's "valid e-mail address": the part before @ is made of ASCII
//!   letters, digits and ``! # $ % & ' * + - / = ? ^ _ ` { | } ~`` and dots. WHATWG lets
//!   dots fall anywhere; we follow RFC 5321's dot-atom instead: no dot at the start, at
//!   the end, or two in a row. Quoted local parts (`"john doe"@…`), comments, folding
//!   white space and IP-address literals (`user@[192.0.2.1]`) are refused.
//! - Lengths of RFC 5321: at most 64 octets before the @ and 254 in all (a 256-octet path
//!   less its angle brackets), counted on the ASCII form of the domain.
//! - The domain has at least one dot (a single-label domain never reaches a reader); each
//!   label is 1–63 letters, digits and hyphens after IDNA (UTS 46 to ASCII, so
//!   `contact@société.fr` is valid) and neither starts nor ends with a hyphen; the
//!   top-level domain is letters only or an IDNA A-label (`xn--…`), as ICANN allows, so
//!   `iana.123` and `iana.co-uk` are refused.
//! - No invisible, control or bidirectional-control character and no unusual space
//!   anywhere: they make an address that looks right and bounces.
//! - Special-use names never receive mail: `.test`, `.invalid`, `.localhost`, `.local`,
//!   `.onion`, `.internal`, `.alt` and `.arpa` are refused.
//! - Placeholder domains (see [`is_placeholder_domain`]) get their own verdict, so that
//!   `check` reports them as `placeholder` rather than `invalid-email`.
//!
//! A `mailto:` prefix is not part of an address: callers strip it before [`validate`].

mod domain;
mod error;
mod hidden;
mod mailbox;
mod prose;
mod providers;
mod syntax;
#[cfg(test)]
mod tests;

pub use domain::is_placeholder_domain;
pub use error::{DotError, EmailError};
pub use hidden::HiddenKind;
pub use mailbox::Mailbox;
pub use prose::find_in_text;
pub use providers::slip_of_provider;

use domain::{SPECIAL_USE_TLDS, check_domain, is_placeholder_ascii};
use hidden::hidden_kind;
use syntax::{MAX_ADDRESS, check_local};

/// Checks one address (without `mailto:`) against the policy of this module.
pub fn validate(address: &str) -> Result<(), EmailError> {
    if address.is_empty() {
        return Err(EmailError::Empty);
    }
    // Step 1: hidden characters first, since UTS 46 would silently drop some of them.
    if let Some((at, ch, kind)) = address
        .char_indices()
        .find_map(|(at, ch)| hidden_kind(ch).map(|kind| (at, ch, kind)))
    {
        return Err(EmailError::Hidden { ch, kind, at });
    }
    // Step 2: split at the @.
    if address.starts_with('"') {
        return Err(EmailError::QuotedLocal);
    }
    let Some(at) = address.find('@') else {
        return Err(EmailError::NoAt);
    };
    let (local, domain) = (&address[..at], &address[at + 1..]);
    if domain.contains('@') {
        return Err(EmailError::SeveralAts);
    }
    check_local(local)?;
    // Step 3: the domain, then the whole length on its ASCII form.
    let ascii = check_domain(domain, at + 1)?;
    let len = local.len() + 1 + ascii.len();
    if len > MAX_ADDRESS {
        return Err(EmailError::TooLong { len });
    }
    // Step 4: syntactically fine, but is anyone there?
    if is_placeholder_ascii(&ascii) {
        return Err(EmailError::Placeholder {
            domain: domain.to_lowercase(),
        });
    }
    let tld = ascii.rsplit('.').next().unwrap_or_default();
    if let Some(&(tld, reason)) = SPECIAL_USE_TLDS.iter().find(|(name, _)| *name == tld) {
        return Err(EmailError::SpecialUse { tld, reason });
    }
    // Step 5: a top-level domain that exists (the Public Suffix List).
    if !psl::suffix(tld.as_bytes()).is_some_and(|suffix| suffix.is_known()) {
        return Err(EmailError::UnknownTld {
            tld: tld.to_owned(),
        });
    }
    Ok(())
}
