//! Why an address is refused: the verdicts of [`validate`](super::validate) and the
//! sentences that explain them to the editor.

use std::fmt;

use super::domain::MAX_LABEL;
use super::hidden::{HiddenKind, char_name};
use super::syntax::{MAX_ADDRESS, MAX_LOCAL};

/// Where a dot is misplaced in the part before or after the @.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DotError {
    /// The part starts with a dot.
    Leading,
    /// The part ends with a dot.
    Trailing,
    /// The part has two dots in a row.
    Consecutive,
}

/// Why an address is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmailError {
    /// The address is empty.
    Empty,
    /// A hidden character somewhere in the address.
    Hidden {
        /// The character.
        ch: char,
        /// Its family.
        kind: HiddenKind,
        /// Its byte offset in the address.
        at: usize,
    },
    /// There is no @.
    NoAt,
    /// There is more than one @.
    SeveralAts,
    /// The part before @ is a quoted string.
    QuotedLocal,
    /// Nothing before @.
    EmptyLocal,
    /// A character the part before @ may not contain.
    LocalChar {
        /// The character.
        ch: char,
        /// Its byte offset in the address.
        at: usize,
    },
    /// A misplaced dot before @.
    LocalDot(DotError),
    /// More than 64 octets before @.
    LocalTooLong {
        /// The length in octets.
        len: usize,
    },
    /// Nothing after @.
    EmptyDomain,
    /// The domain is an address literal in brackets.
    DomainLiteral,
    /// A character a domain name may not contain.
    DomainChar {
        /// The character.
        ch: char,
        /// Its byte offset in the address.
        at: usize,
    },
    /// A misplaced dot in the domain.
    DomainDot(DotError),
    /// The domain has a single label.
    NoDot,
    /// IDNA (UTS 46) refuses the domain.
    Idna,
    /// A domain label longer than 63 octets in its ASCII form.
    LabelTooLong {
        /// The label, in ASCII form.
        label: String,
        /// Its length in octets.
        len: usize,
    },
    /// A domain label that starts or ends with a hyphen.
    LabelHyphen {
        /// The label, in ASCII form.
        label: String,
    },
    /// A top-level domain that is neither letters only nor an A-label.
    BadTld {
        /// The top-level domain, in ASCII form.
        tld: String,
    },
    /// A well-formed top-level domain that does not exist (`.tp`, `.con`).
    UnknownTld {
        /// The top-level domain, in ASCII form.
        tld: String,
    },
    /// More than 254 octets in all.
    TooLong {
        /// The length in octets, with the domain in ASCII form.
        len: usize,
    },
    /// A special-use domain that never receives mail.
    SpecialUse {
        /// The top-level domain.
        tld: &'static str,
        /// Why it never receives mail.
        reason: &'static str,
    },
    /// A placeholder domain such as example.org.
    Placeholder {
        /// The domain, lower-cased.
        domain: String,
    },
}

impl EmailError {
    /// True for the placeholder-domain verdict, which `check` reports as `placeholder`.
    pub fn is_placeholder(&self) -> bool {
        matches!(self, EmailError::Placeholder { .. })
    }
}

impl fmt::Display for EmailError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EmailError::Empty => f.write_str("the address is empty"),
            EmailError::Hidden { ch, kind, .. } => {
                let family = match kind {
                    HiddenKind::Control => "a control character",
                    HiddenKind::Bidi => "a bidirectional control character",
                    HiddenKind::Invisible => "an invisible character",
                    HiddenKind::Space => "an unusual space",
                };
                write!(f, "the address contains {family}, U+{:04X}", u32::from(*ch))?;
                if let Some(name) = char_name(*ch) {
                    write!(f, " ({name})")?;
                }
                f.write_str("; retype the address")
            }
            EmailError::NoAt => f.write_str("there is no @"),
            EmailError::SeveralAts => f.write_str("there is more than one @"),
            EmailError::QuotedLocal => {
                f.write_str("the part before @ is in quotes; quoted addresses are not accepted")
            }
            EmailError::EmptyLocal => f.write_str("there is nothing before @"),
            EmailError::LocalChar { ch, .. } => {
                write!(f, "the part before @ contains {}", quote_char(*ch))?;
                if ch.is_ascii() {
                    f.write_str(", which an address may not contain")
                } else {
                    f.write_str("; accented and non-Latin letters are not accepted there")
                }
            }
            EmailError::LocalDot(dot) => write!(f, "the part before @ {}", dot_phrase(*dot)),
            EmailError::LocalTooLong { len } => write!(
                f,
                "the part before @ is {len} characters long; the limit is {MAX_LOCAL}"
            ),
            EmailError::EmptyDomain => f.write_str("there is nothing after @"),
            EmailError::DomainLiteral => {
                f.write_str("the domain is an address in brackets; a domain name is required")
            }
            EmailError::DomainChar { ch, .. } => write!(
                f,
                "the domain contains {}, which a domain name may not contain",
                quote_char(*ch)
            ),
            EmailError::DomainDot(dot) => write!(f, "the domain {}", dot_phrase(*dot)),
            EmailError::NoDot => f.write_str("the domain has no dot"),
            EmailError::Idna => {
                f.write_str("the domain is not a valid internationalized domain name")
            }
            EmailError::LabelTooLong { label, len } => write!(
                f,
                "the domain label \"{label}\" is {len} characters long; the limit is {MAX_LABEL}"
            ),
            EmailError::LabelHyphen { label } => write!(
                f,
                "the domain label \"{label}\" starts or ends with a hyphen"
            ),
            EmailError::BadTld { tld } if tld.bytes().all(|b| b.is_ascii_digit()) => {
                write!(f, "the top-level domain \"{tld}\" is all digits")
            }
            EmailError::BadTld { tld } => write!(
                f,
                "the top-level domain \"{tld}\" is not made of letters only"
            ),
            EmailError::UnknownTld { tld } => {
                write!(f, "the top-level domain \".{tld}\" does not exist")
            }
            EmailError::TooLong { len } => write!(
                f,
                "the address is {len} characters long; the limit is {MAX_ADDRESS}"
            ),
            EmailError::SpecialUse { tld, reason } => write!(
                f,
                "the domain ends in .{tld}, {reason}, which never receives mail"
            ),
            EmailError::Placeholder { domain } => {
                write!(f, "\"{domain}\" is a placeholder domain, not a real one")
            }
        }
    }
}

impl std::error::Error for EmailError {}

/// A character quoted for a message, with spaces spelled out.
fn quote_char(c: char) -> String {
    if c == ' ' {
        "a space".to_owned()
    } else {
        format!("\"{c}\"")
    }
}

/// The end of a sentence describing a dot problem.
fn dot_phrase(dot: DotError) -> &'static str {
    match dot {
        DotError::Leading => "starts with a dot",
        DotError::Trailing => "ends with a dot",
        DotError::Consecutive => "has two dots in a row",
    }
}
