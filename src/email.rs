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

use std::fmt;
use std::ops::Range;

use idna::uts46::{AsciiDenyList, DnsLength, Hyphens, Uts46};
use unicode_normalization::char::is_combining_mark;

/// The most octets RFC 5321 allows before the @.
const MAX_LOCAL: usize = 64;
/// The most octets RFC 5321 allows in a whole address.
const MAX_ADDRESS: usize = 254;
/// The most octets DNS allows in one label.
const MAX_LABEL: usize = 63;

/// The ASCII punctuation that RFC 5322 `atext` (and so WHATWG) allows before the @.
const ATEXT_PUNCTUATION: &str = "!#$%&'*+-/=?^_`{|}~";

/// Top-level domains that never receive mail, with the reason given to the editor.
const SPECIAL_USE_TLDS: &[(&str, &str)] = &[
    ("test", "reserved for testing (RFC 6761)"),
    ("invalid", "reserved as always invalid (RFC 6761)"),
    ("localhost", "reserved for the local machine (RFC 6761)"),
    (
        "local",
        "reserved for multicast DNS on a local network (RFC 6762)",
    ),
    ("onion", "reserved for Tor onion services (RFC 7686)"),
    ("internal", "reserved for private networks (ICANN, 2024)"),
    ("alt", "reserved for names outside the DNS (RFC 9476)"),
    ("arpa", "reserved for Internet infrastructure (RFC 3172)"),
];

/// Registrable names that only ever stand in for a real domain, whatever the TLD.
const PLACEHOLDER_NAMES: &[&str] = &[
    "example",
    "examples",
    "exemple",
    "exemples",
    "beispiel",
    "ejemplo",
    "esempio",
    "exemplo",
    "domain",
    "domaine",
    "mydomain",
    "my-domain",
    "yourdomain",
    "your-domain",
    "mondomaine",
    "mon-domaine",
    "votredomaine",
    "votre-domaine",
    "yourcompany",
    "your-company",
    "yoursite",
    "your-site",
    "votresite",
    "votre-site",
    "xxx",
    "xxxx",
    "xxxxx",
];

/// Whole domains (and their subdomains) used as placeholders although the name is taken.
const PLACEHOLDER_DOMAINS: &[&str] = &[
    "test.com",
    "test.fr",
    "test.org",
    "test.net",
    "foo.com",
    "foobar.com",
];

/// Second-level labels under which the registrable name sits one level lower (`co.uk`).
const GENERIC_SECOND_LEVEL: &[&str] = &[
    "co", "com", "org", "net", "ac", "edu", "gov", "gouv", "ne", "or",
];

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

/// Which family of hidden character an address contains.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HiddenKind {
    /// A C0 or C1 control character (tab, line feed, BEL, …).
    Control,
    /// A bidirectional formatting character (U+200E/F, U+202A–202E, U+2066–2069, U+061C).
    Bidi,
    /// A character that renders as nothing (zero-width space, soft hyphen, BOM, …).
    Invisible,
    /// A space other than U+0020 (no-break space, thin space, line separator, …).
    Space,
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
    Ok(())
}

/// True when `domain` only ever stands in for a real one: `example.*` and the `.example`
/// TLD (RFC 2606), `exemple.*` and its siblings in other languages, `domain.*`,
/// `yourdomain.*`, `votredomaine.*`, `xxx.*`, `test.com`/`.fr`/`.org`/`.net`, `foo.com`…
///
/// `email.com` is not a placeholder: it is a real mailbox provider.
pub fn is_placeholder_domain(domain: &str) -> bool {
    let trimmed = domain.trim().trim_end_matches('.');
    let ascii = Uts46::new()
        .to_ascii(
            trimmed.as_bytes(),
            AsciiDenyList::EMPTY,
            Hyphens::Allow,
            DnsLength::Ignore,
        )
        .map(|cow| cow.into_owned())
        .unwrap_or_else(|_| trimmed.to_lowercase());
    is_placeholder_ascii(&ascii)
}

/// Email addresses written in prose: byte ranges and the address, for checking addresses in text.
///
/// A candidate is a run of address characters around an @ whose domain holds a letter and
/// which has a dot on either side. In prose the part before @ is taken as letters, digits,
/// hidden characters and `. _ - +` (the characters real addresses use), so Markdown
/// emphasis (`*a@b.fr*`), quotes and brackets around an address are left out, and so is a
/// `mailto:` scheme. Trailing sentence punctuation is trimmed. Candidates are returned
/// whether valid or not: pass each to [`validate`].
pub fn find_in_text(text: &str) -> Vec<(Range<usize>, &str)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(offset) = text[from..].find('@') {
        let at = from + offset;
        // Step 1: grow around the @, never back into the previous candidate.
        let mut start = at;
        for (i, c) in text[from..at].char_indices().rev() {
            if !is_prose_local_char(c) {
                break;
            }
            start = from + i;
        }
        let mut end = at + 1;
        for (i, c) in text[at + 1..].char_indices() {
            if !(is_prose_domain_char(c) || c == '@') {
                break;
            }
            end = at + 1 + i + c.len_utf8();
        }
        from = end;
        // Step 2: trim what prose puts around an address.
        while let Some(c) = text[start..at].chars().next() {
            if matches!(c, '.' | '_' | '-' | '+') || hidden_kind(c).is_some() {
                start += c.len_utf8();
            } else {
                break;
            }
        }
        while let Some(c) = text[at + 1..end].chars().next_back() {
            if matches!(c, '.' | '-' | '@') || hidden_kind(c).is_some() {
                end -= c.len_utf8();
            } else {
                break;
            }
        }
        // Step 3: keep what looks like an attempt at an address.
        let local = &text[start..at];
        let domain = text[at + 1..end].rsplit('@').next().unwrap_or_default();
        if !local.is_empty()
            && domain.chars().any(char::is_alphabetic)
            && (domain.contains('.') || local.contains('.'))
        {
            found.push((start..end, &text[start..end]));
        }
    }
    found
}

/// Checks the part before @ (which starts at byte 0 of the address).
fn check_local(local: &str) -> Result<(), EmailError> {
    if local.is_empty() {
        return Err(EmailError::EmptyLocal);
    }
    if let Some((at, ch)) = local
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '.' || ATEXT_PUNCTUATION.contains(c)))
    {
        return Err(EmailError::LocalChar { ch, at });
    }
    if let Some(dot) = dot_error(local) {
        return Err(EmailError::LocalDot(dot));
    }
    if local.len() > MAX_LOCAL {
        return Err(EmailError::LocalTooLong { len: local.len() });
    }
    Ok(())
}

/// Checks the part after @ (which starts at byte `offset` of the address); returns its ASCII form.
fn check_domain(domain: &str, offset: usize) -> Result<String, EmailError> {
    if domain.is_empty() {
        return Err(EmailError::EmptyDomain);
    }
    if domain.starts_with('[') {
        return Err(EmailError::DomainLiteral);
    }
    if let Some((i, ch)) = domain
        .char_indices()
        .find(|&(_, c)| c.is_ascii() && !(c.is_ascii_alphanumeric() || c == '-' || c == '.'))
    {
        return Err(EmailError::DomainChar { ch, at: offset + i });
    }
    if let Some(dot) = dot_error(domain) {
        return Err(EmailError::DomainDot(dot));
    }
    let ascii = Uts46::new()
        .to_ascii(
            domain.as_bytes(),
            AsciiDenyList::STD3,
            Hyphens::Allow,
            DnsLength::Ignore,
        )
        .map_err(|_| EmailError::Idna)?
        .into_owned();
    // UTS 46 maps some dots (U+3002 …) to ".", so look at the dots again.
    if let Some(dot) = dot_error(&ascii) {
        return Err(EmailError::DomainDot(dot));
    }
    if !ascii.contains('.') {
        return Err(EmailError::NoDot);
    }
    for label in ascii.split('.') {
        if label.len() > MAX_LABEL {
            return Err(EmailError::LabelTooLong {
                label: label.to_owned(),
                len: label.len(),
            });
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Err(EmailError::LabelHyphen {
                label: label.to_owned(),
            });
        }
    }
    let tld = ascii.rsplit('.').next().unwrap_or_default();
    if !(tld.bytes().all(|b| b.is_ascii_alphabetic()) || tld.starts_with("xn--")) {
        return Err(EmailError::BadTld {
            tld: tld.to_owned(),
        });
    }
    Ok(ascii)
}

/// The first dot problem of a dot-separated string, if any.
fn dot_error(s: &str) -> Option<DotError> {
    if s.starts_with('.') {
        Some(DotError::Leading)
    } else if s.ends_with('.') {
        Some(DotError::Trailing)
    } else if s.contains("..") {
        Some(DotError::Consecutive)
    } else {
        None
    }
}

/// The placeholder rules on a lower-case ASCII domain.
fn is_placeholder_ascii(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    let n = labels.len();
    if labels[n - 1] == "example" {
        return true;
    }
    let under = |base: &str| {
        domain == base
            || domain
                .strip_suffix(base)
                .is_some_and(|rest| rest.ends_with('.'))
    };
    if PLACEHOLDER_DOMAINS.iter().any(|base| under(base)) {
        return true;
    }
    let registrable = match n {
        0 | 1 => None,
        2 => Some(labels[0]),
        // example.co.uk, exemple.gouv.fr: the name sits one level lower.
        _ if GENERIC_SECOND_LEVEL.contains(&labels[n - 2]) => Some(labels[n - 3]),
        _ => Some(labels[n - 2]),
    };
    registrable.is_some_and(|name| PLACEHOLDER_NAMES.contains(&name))
}

/// The family of a character that should never be in an address, if it is one.
fn hidden_kind(c: char) -> Option<HiddenKind> {
    match c {
        _ if c.is_control() => Some(HiddenKind::Control),
        '\u{061C}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}' => Some(HiddenKind::Bidi),
        '\u{00AD}'
        | '\u{034F}'
        | '\u{115F}'
        | '\u{1160}'
        | '\u{17B4}'
        | '\u{17B5}'
        | '\u{180B}'..='\u{180F}'
        | '\u{200B}'..='\u{200D}'
        | '\u{2060}'..='\u{2064}'
        | '\u{206A}'..='\u{206F}'
        | '\u{3164}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FEFF}'
        | '\u{FFA0}'
        | '\u{FFF9}'..='\u{FFFB}'
        | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0000}'..='\u{E007F}'
        | '\u{E0100}'..='\u{E01EF}' => Some(HiddenKind::Invisible),
        ' ' => None,
        _ if c.is_whitespace() => Some(HiddenKind::Space),
        _ => None,
    }
}

/// The Unicode name (lower-cased) of the hidden characters met most often.
fn char_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\t' => "tab",
        '\n' => "line feed",
        '\r' => "carriage return",
        '\u{00A0}' => "no-break space",
        '\u{00AD}' => "soft hyphen",
        '\u{034F}' => "combining grapheme joiner",
        '\u{061C}' => "arabic letter mark",
        '\u{200B}' => "zero width space",
        '\u{200C}' => "zero width non-joiner",
        '\u{200D}' => "zero width joiner",
        '\u{200E}' => "left-to-right mark",
        '\u{200F}' => "right-to-left mark",
        '\u{2028}' => "line separator",
        '\u{2029}' => "paragraph separator",
        '\u{202A}' => "left-to-right embedding",
        '\u{202B}' => "right-to-left embedding",
        '\u{202C}' => "pop directional formatting",
        '\u{202D}' => "left-to-right override",
        '\u{202E}' => "right-to-left override",
        '\u{202F}' => "narrow no-break space",
        '\u{2060}' => "word joiner",
        '\u{2066}' => "left-to-right isolate",
        '\u{2067}' => "right-to-left isolate",
        '\u{2068}' => "first strong isolate",
        '\u{2069}' => "pop directional isolate",
        '\u{3000}' => "ideographic space",
        '\u{FEFF}' => "zero width no-break space, or byte order mark",
        _ => return None,
    })
}

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

/// Characters taken before @ when looking for addresses in prose.
fn is_prose_local_char(c: char) -> bool {
    c.is_alphanumeric()
        || matches!(c, '.' | '_' | '-' | '+')
        || is_combining_mark(c)
        || hidden_kind(c)
            .is_some_and(|kind| kind != HiddenKind::Control && kind != HiddenKind::Space)
}

/// Characters taken after @ when looking for addresses in prose.
fn is_prose_domain_char(c: char) -> bool {
    c.is_alphanumeric()
        || matches!(c, '.' | '-')
        || is_combining_mark(c)
        || hidden_kind(c)
            .is_some_and(|kind| kind != HiddenKind::Control && kind != HiddenKind::Space)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn err(address: &str) -> EmailError {
        validate(address).expect_err(address)
    }

    #[test]
    fn accepts_the_seed_addresses() {
        for address in [
            "annie.bordier@citedesmetiers.re",
            "djemaa.chraiti@etat.ge.ch",
            "s.serrano@prisme-limousin.fr",
            "dabdoul@gipco976.fr",
            "nnestoret@citedesmetiers-guadeloupe.org",
            "lcollin@reseaucitesdesmetiers.com",
            "sylvie.sesma@universcience.fr",
            "m.brillet@citedesmetiers22.fr",
            "delegationexecutive@citedesmetiers.fr",
        ] {
            assert_eq!(validate(address), Ok(()), "{address}");
        }
    }

    #[test]
    fn accepts_atext_plus_tags_case_and_idn() {
        for address in [
            "Jean.Dupont@Example-Cdm.FR",
            "jean+infolettre@cdm.fr",
            "o'brien@cdm.ie",
            "a_b-c{d}|e~f@cdm.fr",
            "contact@société.fr",
            "contact@xn--socit-esab.fr",
            "info@müller.de",
            "info@例え.テスト.jp",
            "info@киров.рф",
            "x@c--n.com",
            "1@2.fr",
        ] {
            assert_eq!(validate(address), Ok(()), "{address}");
        }
    }

    #[test]
    fn refuses_dots_where_rfc_5321_forbids_them() {
        assert_eq!(err(".jean@cdm.fr"), EmailError::LocalDot(DotError::Leading));
        assert_eq!(
            err("jean.@cdm.fr"),
            EmailError::LocalDot(DotError::Trailing)
        );
        assert_eq!(
            err("jean..d@cdm.fr"),
            EmailError::LocalDot(DotError::Consecutive)
        );
        assert_eq!(
            err("jean@.cdm.fr"),
            EmailError::DomainDot(DotError::Leading)
        );
        assert_eq!(
            err("jean@cdm.fr."),
            EmailError::DomainDot(DotError::Trailing)
        );
        assert_eq!(
            err("jean@cdm..fr"),
            EmailError::DomainDot(DotError::Consecutive)
        );
        assert_eq!(
            err("jean@cdm。。fr"),
            EmailError::DomainDot(DotError::Consecutive)
        );
    }

    #[test]
    fn refuses_bad_structure() {
        assert_eq!(err(""), EmailError::Empty);
        assert_eq!(err("jean.cdm.fr"), EmailError::NoAt);
        assert_eq!(err("jean@cdm@cdm.fr"), EmailError::SeveralAts);
        assert_eq!(err("@cdm.fr"), EmailError::EmptyLocal);
        assert_eq!(err("jean@"), EmailError::EmptyDomain);
        assert_eq!(err("\"jean dupont\"@cdm.fr"), EmailError::QuotedLocal);
        assert_eq!(err("jean@[192.0.2.1]"), EmailError::DomainLiteral);
        assert_eq!(err("jean@localhost"), EmailError::NoDot);
        assert_eq!(
            err("jean dupont@cdm.fr"),
            EmailError::LocalChar { ch: ' ', at: 4 }
        );
        assert_eq!(
            err("hélène@cdm.fr"),
            EmailError::LocalChar { ch: 'é', at: 1 }
        );
        assert_eq!(
            err("jean@cdm_fr.fr"),
            EmailError::DomainChar { ch: '_', at: 8 }
        );
        assert_eq!(
            err("jean@cdm.fr/x"),
            EmailError::DomainChar { ch: '/', at: 11 }
        );
        assert_eq!(err("jean@cdm\u{FF0F}x.fr"), EmailError::Idna);
        assert_eq!(err("jean@xn--a.fr"), EmailError::Idna);
        assert_eq!(
            err("jean@-cdm.fr"),
            EmailError::LabelHyphen {
                label: "-cdm".into()
            }
        );
        assert_eq!(
            err("jean@cdm.123"),
            EmailError::BadTld { tld: "123".into() }
        );
        assert_eq!(err("jean@cdm.f1"), EmailError::BadTld { tld: "f1".into() });
    }

    #[test]
    fn enforces_rfc_5321_lengths() {
        let local = "a".repeat(64);
        assert_eq!(validate(&format!("{local}@cdm.fr")), Ok(()));
        assert_eq!(
            err(&format!("{local}a@cdm.fr")),
            EmailError::LocalTooLong { len: 65 }
        );
        let label = "b".repeat(63);
        assert_eq!(validate(&format!("a@{label}.fr")), Ok(()));
        let long = format!("a@{label}b.fr");
        assert!(matches!(
            err(&long),
            EmailError::LabelTooLong { len: 64, .. }
        ));
        // 64 + 1 + 63 + 1 + 63 + 1 + 61 = 254, then one more.
        let domain = format!("{label}.{label}.{}", "c".repeat(61));
        assert_eq!(validate(&format!("{local}@{domain}")), Ok(()));
        assert_eq!(
            err(&format!("{local}@{domain}c")),
            EmailError::TooLong { len: 255 }
        );
        // The limit applies to the ASCII form: 60 "é" become a 64-octet A-label.
        let idn = format!("a@{}.fr", "é".repeat(60));
        assert!(matches!(err(&idn), EmailError::LabelTooLong { .. }));
    }

    #[test]
    fn names_hidden_characters() {
        for (ch, kind) in [
            ('\u{200B}', HiddenKind::Invisible),
            ('\u{00AD}', HiddenKind::Invisible),
            ('\u{FEFF}', HiddenKind::Invisible),
            ('\u{2060}', HiddenKind::Invisible),
            ('\u{200E}', HiddenKind::Bidi),
            ('\u{200F}', HiddenKind::Bidi),
            ('\u{202A}', HiddenKind::Bidi),
            ('\u{202E}', HiddenKind::Bidi),
            ('\u{2066}', HiddenKind::Bidi),
            ('\u{2069}', HiddenKind::Bidi),
            ('\u{0007}', HiddenKind::Control),
            ('\t', HiddenKind::Control),
            ('\u{00A0}', HiddenKind::Space),
            ('\u{2009}', HiddenKind::Space),
        ] {
            for address in [format!("je{ch}an@cdm.fr"), format!("jean@cd{ch}m.fr")] {
                let error = err(&address);
                let at = address.find(ch).unwrap();
                assert_eq!(error, EmailError::Hidden { ch, kind, at }, "{address:?}");
                let code_point = format!("U+{:04X}", u32::from(ch));
                assert!(error.to_string().contains(&code_point), "{error}");
            }
        }
        assert_eq!(
            err("jean@cdm.fr\u{200B}").to_string(),
            "the address contains an invisible character, U+200B (zero width space); \
             retype the address"
        );
    }

    #[test]
    fn messages_are_short_and_specific() {
        assert_eq!(err("jean@cdm").to_string(), "the domain has no dot");
        assert_eq!(
            err(&format!("{}@cdm.fr", "a".repeat(65))).to_string(),
            "the part before @ is 65 characters long; the limit is 64"
        );
        assert_eq!(
            err("jean dupont@cdm.fr").to_string(),
            "the part before @ contains a space, which an address may not contain"
        );
        assert_eq!(
            err("jean@cdm.123").to_string(),
            "the top-level domain \"123\" is all digits"
        );
        assert_eq!(
            err("jean@cdm.test").to_string(),
            "the domain ends in .test, reserved for testing (RFC 6761), which never receives mail"
        );
        assert_eq!(
            err("jean@Example.org").to_string(),
            "\"example.org\" is a placeholder domain, not a real one"
        );
    }

    #[test]
    fn special_use_domains_never_receive_mail() {
        for (address, tld) in [
            ("a@cdm.test", "test"),
            ("a@cdm.invalid", "invalid"),
            ("a@app.localhost", "localhost"),
            ("a@printer.local", "local"),
            ("a@abcdefghijklmnop.onion", "onion"),
            ("a@intranet.internal", "internal"),
            ("a@router.home.arpa", "arpa"),
        ] {
            let error = err(address);
            assert!(
                matches!(error, EmailError::SpecialUse { tld: t, .. } if t == tld),
                "{address}: {error:?}"
            );
            assert!(!error.is_placeholder());
        }
    }

    #[test]
    fn placeholders_have_their_own_verdict() {
        for address in [
            "jean@example.org",
            "jean@example.com",
            "jean@example.net",
            "jean@EXAMPLE.fr",
            "jean@mail.example.com",
            "jean@example.co.uk",
            "jean@site.example",
            "jean@exemple.fr",
            "jean@exemple.com",
            "jean@exemple.org",
            "jean@domain.com",
            "jean@domaine.fr",
            "jean@yourdomain.com",
            "jean@votre-domaine.fr",
            "jean@xxx.fr",
            "jean@test.com",
            "jean@test.fr",
        ] {
            let error = err(address);
            assert!(error.is_placeholder(), "{address}: {error:?}");
            let domain = &address[address.find('@').unwrap() + 1..];
            assert!(is_placeholder_domain(domain), "{domain}");
        }
        for domain in [
            "citedesmetiers.fr",
            "email.com",
            "mail.com",
            "counterexample.com",
            "example-cdm.fr",
            "test.citedesmetiers.fr",
            "gmail.com",
        ] {
            assert!(!is_placeholder_domain(domain), "{domain}");
        }
        assert!(is_placeholder_domain(" Example.ORG. "));
        assert!(is_placeholder_domain("exemple.fr"));
    }

    #[test]
    fn finds_addresses_in_prose() {
        let text = "L'adresse e-mail de contact est : *delegationexecutive@citedesmetiers.fr*. \
                    Écrivez à (jean.dupont@cdm.fr), à <info@société.fr> ou à \
                    [marie](mailto:marie@cdm.fr); pas à @citedesmetiers ni à un rendez-vous @ 14h.";
        let found: Vec<&str> = find_in_text(text).into_iter().map(|(_, a)| a).collect();
        assert_eq!(
            found,
            [
                "delegationexecutive@citedesmetiers.fr",
                "jean.dupont@cdm.fr",
                "info@société.fr",
                "marie@cdm.fr"
            ]
        );
        for (range, address) in find_in_text(text) {
            assert_eq!(&text[range], address);
        }
    }

    #[test]
    fn finds_invalid_and_hidden_addresses_too() {
        let found =
            |text| -> Vec<&str> { find_in_text(text).into_iter().map(|(_, a)| a).collect() };
        assert_eq!(found("jean..dupont@cdm.fr"), ["jean..dupont@cdm.fr"]);
        assert_eq!(found("jean.dupont@cdm, merci"), ["jean.dupont@cdm"]);
        assert_eq!(found("jean@cdm@cdm.fr."), ["jean@cdm@cdm.fr"]);
        assert_eq!(found("je\u{200B}an@cdm.fr"), ["je\u{200B}an@cdm.fr"]);
        assert_eq!(found("\u{200B}jean@cdm.fr\u{200B}"), ["jean@cdm.fr"]);
        assert_eq!(found("hélène@cdm.fr"), ["hélène@cdm.fr"]);
        assert_eq!(
            found("https://mastodon.social/@cdm et @jean"),
            Vec::<&str>::new()
        );
        assert_eq!(found("3@4.5 et jean@cdm"), Vec::<&str>::new());
        assert_eq!(found("@@@ a@ @b.fr"), Vec::<&str>::new());
        assert_eq!(found("a@b.fr_c@d.fr"), ["a@b.fr", "c@d.fr"]);
    }

    /// Loads the is_email corpus: (id, address, category).
    fn isemail_corpus() -> Vec<(u32, String, String)> {
        let xml = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/email-corpus/isemail-tests.xml"
        ))
        .expect("the corpus is readable");
        let between = |line: &str, open: &str, close: &str| -> Option<String> {
            let start = line.find(open)? + open.len();
            let end = start + line[start..].find(close)?;
            Some(line[start..end].to_owned())
        };
        xml.lines()
            .filter(|line| line.starts_with("<test id="))
            .map(|line| {
                let id = between(line, "id=\"", "\"").unwrap().parse().unwrap();
                let address = between(line, "<address>", "</address>").unwrap_or_default();
                let category = between(line, "<category>", "</category>").unwrap();
                (id, decode_corpus_address(&address), category)
            })
            .collect()
    }

    /// Decodes XML entities, then the corpus' convention: U+2400 + n stands for control n.
    fn decode_corpus_address(raw: &str) -> String {
        let mut out = String::new();
        let mut rest = raw;
        while let Some(amp) = rest.find('&') {
            out.push_str(&rest[..amp]);
            let semi = amp + rest[amp..].find(';').expect("entities end with ;");
            let entity = &rest[amp + 1..semi];
            let ch = match entity {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                _ => {
                    let hex = entity
                        .strip_prefix("#x")
                        .expect("a hex character reference");
                    char::from_u32(u32::from_str_radix(hex, 16).unwrap()).unwrap()
                }
            };
            out.push(ch);
            rest = &rest[semi + 1..];
        }
        out.push_str(rest);
        out.chars()
            .map(|c| match u32::from(c) {
                n @ 0x2400..=0x241F => char::from_u32(n - 0x2400).unwrap(),
                _ => c,
            })
            .collect()
    }

    /// Corpus cases where our policy refuses on purpose what is_email() accepts.
    fn corpus_deviations() -> Vec<(u32, EmailError, &'static str)> {
        let single_label = "a single-label domain never reaches a newsletter reader";
        let numeric_tld = "no top-level domain is numeric; this is an IP address or a typo";
        let quoted = "quoted local parts are legal but no contact of ours has one, and they \
                      confuse readers and mail clients";
        let literal = "an IP-address literal is not a contact address for the public";
        let mut list = vec![
            (5, EmailError::NoDot, single_label),
            (166, EmailError::NoDot, single_label),
            (23, EmailError::BadTld { tld: "123".into() }, numeric_tld),
            (24, EmailError::BadTld { tld: "255".into() }, numeric_tld),
            (
                33,
                EmailError::BadTld {
                    tld: "co-uk".into(),
                },
                "ICANN top-level domains are letters only (or an A-label): co-uk is a typo",
            ),
            (
                167,
                EmailError::Placeholder {
                    domain: "test.com".into(),
                },
                "test.com is a placeholder: it has no mail server and stands in for one",
            ),
        ];
        list.extend([42, 43, 45, 46, 48, 55].map(|id| (id, EmailError::QuotedLocal, quoted)));
        list.extend(
            [61, 68, 72, 75, 77, 79, 81].map(|id| (id, EmailError::DomainLiteral, literal)),
        );
        list
    }

    #[test]
    fn agrees_with_the_isemail_corpus() {
        let corpus = isemail_corpus();
        assert_eq!(corpus.len(), 164, "every test of tests.xml 3.05");
        let deviations = corpus_deviations();
        let mut agreed = 0;
        for (id, address, category) in &corpus {
            // is_email()'s default threshold: these categories are accepted.
            let expected_valid = matches!(
                category.as_str(),
                "ISEMAIL_VALID_CATEGORY" | "ISEMAIL_DNSWARN" | "ISEMAIL_RFC5321"
            );
            let ours = validate(address);
            match deviations.iter().find(|(d, ..)| d == id) {
                Some((_, error, reason)) => {
                    assert!(expected_valid, "#{id} {address:?} is listed as a deviation");
                    assert_eq!(ours.as_ref(), Err(error), "#{id} {address:?}: {reason}");
                }
                None => {
                    assert_eq!(
                        ours.is_ok(),
                        expected_valid,
                        "#{id} {address:?} ({category}): we say {ours:?}"
                    );
                    agreed += 1;
                }
            }
        }
        assert_eq!(agreed, corpus.len() - deviations.len());
    }

    proptest! {
        #[test]
        fn validate_never_panics_on_lines(s in ".*") {
            let _ = validate(&s);
            let _ = find_in_text(&s);
        }

        #[test]
        fn validate_never_panics(s in any::<String>()) {
            let _ = validate(&s);
            let _ = is_placeholder_domain(&s);
        }

        #[test]
        fn validate_never_panics_on_address_shapes(
            s in "[a-zA-Z0-9.\"@ _\\-\u{200B}é。\\[\\]]{0,80}@[a-zé0-9.\\-。ß]{0,300}"
        ) {
            if let Err(error) = validate(&s) {
                prop_assert!(!error.to_string().is_empty());
            }
        }

        #[test]
        fn plain_addresses_are_valid_and_found(
            local in "[a-z0-9]{1,10}(\\.[a-z0-9_+\\-]{1,10}){0,2}",
            domain in "[a-z0-9]{1,10}(\\-[a-z0-9]{1,5})?\\.(fr|com|org|re|ch)",
        ) {
            prop_assume!(!is_placeholder_domain(&domain));
            let address = format!("{local}@{domain}");
            prop_assert_eq!(validate(&address), Ok(()));
            let text = format!("Écrivez à {address}, merci.");
            let found = find_in_text(&text);
            prop_assert_eq!(found.len(), 1);
            prop_assert_eq!(found[0].1, address.as_str());
        }

        #[test]
        fn found_ranges_are_slices_of_the_text(s in any::<String>()) {
            for (range, address) in find_in_text(&s) {
                prop_assert_eq!(s.get(range.clone()), Some(address));
                prop_assert!(address.contains('@'));
            }
        }

        #[test]
        fn found_ranges_in_address_soup(s in "[a-z.@ *é\u{200B}<>()\\-]{0,60}") {
            for (range, address) in find_in_text(&s) {
                prop_assert_eq!(s.get(range), Some(address));
            }
        }
    }
}
