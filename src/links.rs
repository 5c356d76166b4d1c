//! Link targets as browsers read them: one classification that `check`
//! judges and every renderer obeys, so that what passes the check is exactly
//! what becomes a link, and nothing unsafe ever does.

use serde::{Deserialize, Serialize};

/// What a link target is. Serialized for the layouts as
/// `{"kind": "web", "to": "https://…"}` (`mail`'s `to` holds `url` and
/// `address`), so that a template never classifies a URL again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "to", rename_all = "lowercase")]
pub enum Target {
    /// An http or https URL with a plausible host, normalized (percent-encoded).
    Web(String),
    /// A `mailto:` URL in any case of the scheme: the URL with its scheme
    /// folded to `mailto:`, and the address it mails (percent-decoded,
    /// without its query), which the email rule checks.
    Mail { url: String, address: String },
    /// A `tel:` URL, as written.
    Phone(String),
    /// `#anchor` inside the issue (without the `#`).
    Fragment(String),
    /// A path relative to the file.
    Relative(String),
    /// A scheme that runs code or reads local data.
    Unsafe(String),
    /// Empty, `#`, malformed or of an unsupported scheme, with the reason.
    Broken(String),
}

/// A link of a TOML file (an agenda event's, a call's): as written, and
/// classified once, when it is read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "String")]
pub struct Link {
    pub url: String,
    pub target: Target,
}

impl From<String> for Link {
    fn from(url: String) -> Link {
        Link::new(&url)
    }
}

impl Link {
    pub fn new(url: &str) -> Link {
        Link {
            url: url.to_owned(),
            target: classify(url),
        }
    }
}

impl Target {
    /// The target that mails `address`, an address already checked.
    pub fn mail(address: &str) -> Target {
        Target::Mail {
            url: format!("mailto:{address}"),
            address: address.to_owned(),
        }
    }
}

const UNSAFE_SCHEMES: &[&str] = &["javascript", "data", "file", "vbscript"];

/// Classifies a link target as a browser would read it: ASCII tabs and line
/// breaks removed, surrounding spaces and controls trimmed, scheme case folded.
pub fn classify(raw: &str) -> Target {
    let url: String = raw
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let url = url.trim_matches(|c: char| c.is_ascii_control() || c == ' ');
    if url.is_empty() {
        return Target::Broken("an empty link target goes nowhere".into());
    }
    if url == "#" {
        return Target::Broken(format!("link target \"{url}\" goes nowhere"));
    }
    if let Some(fragment) = url.strip_prefix('#') {
        return Target::Fragment(fragment.to_owned());
    }
    let scheme = scheme_of(url).map(str::to_ascii_lowercase);
    match scheme.as_deref() {
        Some(s) if UNSAFE_SCHEMES.contains(&s) => Target::Unsafe(s.to_owned()),
        Some("mailto") => {
            let rest = &url["mailto:".len()..];
            let address = rest.split('?').next().unwrap_or("");
            let address = percent_encoding::percent_decode_str(address)
                .decode_utf8_lossy()
                .into_owned();
            Target::Mail {
                url: format!("mailto:{rest}"),
                address,
            }
        }
        Some("tel") => Target::Phone(url.to_owned()),
        Some("http" | "https") => match url::Url::parse(url) {
            Ok(parsed) => match parsed.host_str() {
                Some(host) if host.contains('.') && !host.ends_with('.') || host_is_ip(&parsed) => {
                    Target::Web(parsed.to_string())
                }
                Some(host) => Target::Broken(format!("`{host}` is not a full domain name")),
                None => Target::Broken(format!("`{url}` has no host")),
            },
            Err(error) => Target::Broken(format!("`{url}` is not a valid URL: {error}")),
        },
        Some(other) => Target::Broken(format!(
            "links with the scheme `{other}:` are not supported"
        )),
        None if url.starts_with("//") => {
            Target::Broken(format!("`{url}` lacks its scheme (https:)"))
        }
        None => Target::Relative(url.to_owned()),
    }
}

fn host_is_ip(url: &url::Url) -> bool {
    matches!(url.host(), Some(url::Host::Ipv4(_) | url::Host::Ipv6(_)))
}

/// The scheme of a URL, if it starts with one (`[a-zA-Z][a-zA-Z0-9+.-]*:`).
fn scheme_of(url: &str) -> Option<&str> {
    let (scheme, _) = url.split_once(':')?;
    let mut chars = scheme.chars();
    (chars.next()?.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c)))
    .then_some(scheme)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_are_classified_as_browsers_read_them() {
        assert!(matches!(classify("#"), Target::Broken(_)));
        assert!(matches!(classify(""), Target::Broken(_)));
        assert_eq!(
            classify(" JavaScript:alert(1)"),
            Target::Unsafe("javascript".into())
        );
        assert_eq!(
            classify("java\tscript:alert(1)"),
            Target::Unsafe("javascript".into())
        );
        assert_eq!(classify("DATA:text/html,x"), Target::Unsafe("data".into()));
        assert_eq!(
            classify("file:///etc/passwd"),
            Target::Unsafe("file".into())
        );
        assert!(matches!(classify("vbscript:x"), Target::Unsafe(_)));
        assert!(matches!(
            classify("http://www.citedesmetiers.re/index.php"),
            Target::Web(_)
        ));
        assert!(matches!(classify("https://localhost"), Target::Broken(_)));
        assert!(matches!(classify("http://exa mple.org"), Target::Broken(_)));
        assert_eq!(
            classify("images/a.png"),
            Target::Relative("images/a.png".into())
        );
        assert_eq!(
            classify("mailto:a@b.fr"),
            Target::Mail {
                url: "mailto:a@b.fr".into(),
                address: "a@b.fr".into()
            }
        );
        assert_eq!(
            classify("Mailto:a%40b.fr?subject=x"),
            Target::Mail {
                url: "mailto:a%40b.fr?subject=x".into(),
                address: "a@b.fr".into()
            }
        );
        assert_eq!(
            classify(" https://a.fr "),
            Target::Web("https://a.fr/".into())
        );
        assert_eq!(
            classify("https://a.fr/?q=\"><b>"),
            Target::Web("https://a.fr/?q=%22%3E%3Cb%3E".into())
        );
        assert_eq!(classify("#x"), Target::Fragment("x".into()));
        assert!(matches!(classify("\u{1}javascript:x"), Target::Unsafe(_)));
    }
}
