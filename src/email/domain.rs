//! The part after @: domain labels after IDNA (UTS 46), the top-level domain, the
//! special-use names that never receive mail and the placeholder domains.

use idna::uts46::{AsciiDenyList, DnsLength, Hyphens, Uts46};

use super::EmailError;
use super::syntax::dot_error;

/// The most octets DNS allows in one label.
pub(super) const MAX_LABEL: usize = 63;

/// Top-level domains that never receive mail, with the reason given to the editor.
pub(super) const SPECIAL_USE_TLDS: &[(&str, &str)] = &[
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

/// Checks the part after @ (which starts at byte `offset` of the address); returns its ASCII form.
pub(super) fn check_domain(domain: &str, offset: usize) -> Result<String, EmailError> {
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

/// The placeholder rules on a lower-case ASCII domain.
pub(super) fn is_placeholder_ascii(domain: &str) -> bool {
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
