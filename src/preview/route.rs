//! The preview's routes, read from a request's target. Only these paths
//! exist; anything else, and any path that tries to climb (`..`, an
//! encoded `.`, `/` or `\`, a backslash, an absolute URL), is no route.

use percent_encoding::percent_decode_str;

/// What a request asks for.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Route {
    /// `/`: the preview page.
    Page,
    /// `/email.html`: the email edition.
    Email,
    /// `/page/N.png`: page N (1-based) of the print edition.
    PageImage(usize),
    /// `/edition.pdf`.
    Pdf,
    /// `/findings.json`: the check's findings, as `check --format json`.
    Findings,
    /// `/status`: the generation, the parts and their timings, as JSON.
    Status,
    /// `/images/<name>`: a picture of the issue, by its path in the issue.
    Picture(String),
    /// `/events`: server-sent events, one per render.
    Events,
}

/// The route of a request target (`/page/2.png?v=…`), if it is one.
pub(crate) fn route(target: &str) -> Option<Route> {
    let path = target.split_once('?').map_or(target, |(path, _)| path);
    if !path.starts_with('/') || climbs(path) {
        return None;
    }
    Some(match path {
        "/" => Route::Page,
        "/email.html" => Route::Email,
        "/edition.pdf" => Route::Pdf,
        "/findings.json" => Route::Findings,
        "/status" => Route::Status,
        "/events" => Route::Events,
        _ => {
            if let Some(number) = path
                .strip_prefix("/page/")
                .and_then(|p| p.strip_suffix(".png"))
            {
                return page_number(number).map(Route::PageImage);
            }
            let name = path.strip_prefix("/images/")?;
            return picture_path(name).map(Route::Picture);
        }
    })
}

/// Whether a path tries to leave where it is, written plainly or encoded.
fn climbs(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    path.contains("..")
        || path.contains("//")
        || path.contains('\\')
        || ["%2e", "%2f", "%5c", "%00"]
            .iter()
            .any(|e| lower.contains(e))
}

/// A page number: 1 to 99999, digits only.
fn page_number(text: &str) -> Option<usize> {
    if text.is_empty() || text.len() > 5 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok().filter(|&n| n >= 1)
}

/// The path in the issue ("images/x.png") of a picture's URL name, decoded
/// (the email edition percent-encodes names with spaces or accents).
fn picture_path(name: &str) -> Option<String> {
    let decoded = percent_decode_str(name).decode_utf8().ok()?;
    let sound = !decoded.is_empty()
        && !decoded.chars().any(|c| c.is_control() || c == '\\')
        && decoded
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..");
    sound.then(|| format!("images/{decoded}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_routes() {
        assert_eq!(route("/"), Some(Route::Page));
        assert_eq!(route("/?x=1"), Some(Route::Page));
        assert_eq!(route("/email.html?g=3"), Some(Route::Email));
        assert_eq!(route("/page/1.png?v=ab"), Some(Route::PageImage(1)));
        assert_eq!(route("/page/12.png"), Some(Route::PageImage(12)));
        assert_eq!(route("/edition.pdf"), Some(Route::Pdf));
        assert_eq!(route("/findings.json"), Some(Route::Findings));
        assert_eq!(route("/status"), Some(Route::Status));
        assert_eq!(route("/events"), Some(Route::Events));
        assert_eq!(
            route("/images/cocade-formation.png"),
            Some(Route::Picture("images/cocade-formation.png".into()))
        );
        assert_eq!(
            route("/images/caf%C3%A9%20noir.png"),
            Some(Route::Picture("images/café noir.png".into()))
        );
        assert_eq!(
            route("/images/sub/x.png"),
            Some(Route::Picture("images/sub/x.png".into()))
        );
    }

    #[test]
    fn nothing_else_is_a_route() {
        for target in [
            "",
            "email.html",
            "/../infolettre.toml",
            "/%2e%2e/infolettre.toml",
            "/%2E%2E/infolettre.toml",
            "/images/..%2f..%2finfolettre.toml",
            "/images/../../infolettre.toml",
            "/images/%2e%2e/x",
            "/images/a%5cb",
            "/images/",
            "/images//etc/passwd",
            "/images/x%00.png",
            "/images/%FF.png",
            "//etc/passwd",
            "/etc/passwd",
            "/infolettre.toml",
            "/issues/2017-12/editorial.md",
            "/page/0.png",
            "/page/-1.png",
            "/page/+1.png",
            "/page/1.PNG",
            "/page/999999.png",
            "/page/x.png",
            "http://127.0.0.1:4477/",
            "/email.html/",
            "/index.html",
        ] {
            assert_eq!(route(target), None, "{target}");
        }
    }
}
