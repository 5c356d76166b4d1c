//! `suspicious-domain`: a domain one typing slip away from a mail provider's.
//! Addresses at the big providers are typed by hand more than any other, so
//! `gmial.com` or `orange.fe` is a slip far more often than a real domain.

/// The providers whose domains are typed by hand most often, in the
/// countries of the network (France, Switzerland, Belgium, Portugal, Italy)
/// and worldwide.
const PROVIDERS: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "outlook.fr",
    "hotmail.com",
    "hotmail.fr",
    "live.com",
    "live.fr",
    "msn.com",
    "yahoo.com",
    "yahoo.fr",
    "icloud.com",
    "orange.fr",
    "wanadoo.fr",
    "free.fr",
    "sfr.fr",
    "neuf.fr",
    "laposte.net",
    "gmx.com",
    "gmx.fr",
    "gmx.de",
    "gmx.net",
    "gmx.ch",
    "proton.me",
    "protonmail.com",
    "bluewin.ch",
    "skynet.be",
    "telenet.be",
    "sapo.pt",
    "libero.it",
    "aol.com",
];

/// The provider `domain` (lower-case ASCII) is one typing slip from — one
/// letter inserted, dropped, replaced, or two neighbours swapped — unless it
/// is a provider's domain itself.
pub fn slip_of_provider(domain: &str) -> Option<&'static str> {
    if PROVIDERS.contains(&domain) {
        return None;
    }
    PROVIDERS
        .iter()
        .copied()
        .find(|provider| strsim::osa_distance(domain, provider) == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_slip_from_a_provider_is_suspicious() {
        for (typed, meant) in [
            ("gmial.com", "gmail.com"),
            ("gmai.com", "gmail.com"),
            ("gnail.com", "gmail.com"),
            ("gmaill.com", "gmail.com"),
            ("hotmial.fr", "hotmail.fr"),
            ("orange.fe", "orange.fr"),
            ("wanado.fr", "wanadoo.fr"),
            ("lapost.net", "laposte.net"),
            ("yaho.fr", "yahoo.fr"),
        ] {
            assert_eq!(slip_of_provider(typed), Some(meant), "{typed}");
        }
    }

    #[test]
    fn providers_and_other_domains_are_not() {
        for domain in [
            "gmail.com",
            "gmx.ch",
            "citedesmetiers.fr",
            "reseaucitesdesmetiers.com",
            "universcience.fr",
            "gmail.co.uk",
            "orange.com",
        ] {
            assert_eq!(slip_of_provider(domain), None, "{domain}");
        }
    }
}
