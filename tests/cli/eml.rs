//! `render --eml`, read back by Python's `email` package (policy
//! `default`): no defect, the headers of SPEC §2, `multipart/alternative`
//! of the two editions exactly as `render` writes them, every `cid:`
//! resolved, the same bytes twice.

use serde_json::Value;

use crate::harness::{Workspace, python_json};

/// What Python's parser makes of an .eml (see `eml.py`).
fn parsed(path: &std::path::Path) -> Value {
    python_json("eml.py", path)
}

fn lf(text: &str) -> String {
    text.replace("\r\n", "\n")
}

#[test]
fn the_seed_eml_has_the_spec_headers_and_both_editions_byte_for_byte() {
    let w = Workspace::seed();
    w.run(&["render", "--eml", "--html", "--text", "--out", "out"])
        .code(0);
    let eml = parsed(&w.path("out/2017-12.eml"));
    assert_eq!(eml["defects"], serde_json::json!([]), "{eml}");
    let headers = &eml["headers"];
    assert_eq!(
        headers["From"],
        "InfoLettre <delegationexecutive@citedesmetiers.fr>"
    );
    assert_eq!(headers["Reply-To"], "delegationexecutive@citedesmetiers.fr");
    // No title in issue.toml: "<newsletter title> n° <number> — <date>".
    assert_eq!(headers["Subject"], "InfoLettre n° 42 — 15 décembre 2017");
    assert_eq!(headers["Date"], "Fri, 15 Dec 2017 00:00:00 +0000");
    assert_eq!(headers["MIME-Version"], "1.0");
    assert!(
        headers["Message-ID"]
            .as_str()
            .unwrap()
            .ends_with("@citedesmetiers.fr>")
    );
    assert!(headers.get("To").is_none(), "the sending system adds To");
    assert!(
        headers.get("List-Unsubscribe").is_none(),
        "no unsubscribe set"
    );
    assert_eq!(
        eml["tree"],
        serde_json::json!({"multipart/alternative": ["text/plain", "text/html"]})
    );
    assert_eq!(lf(eml["text"].as_str().unwrap()), w.read("out/2017-12.txt"));
    assert_eq!(
        lf(eml["html"].as_str().unwrap()),
        lf(&w.read("out/2017-12.html"))
    );
    assert!(
        eml["longest_line"].as_u64().unwrap() <= 998,
        "RFC 5322 line limit"
    );
    assert_eq!(eml["bare_lf"], false, "CRLF line endings only");
    // The same issue gives the same bytes.
    let first = std::fs::read(w.path("out/2017-12.eml")).unwrap();
    w.run(&["render", "--eml", "--out", "again"]).code(0);
    assert_eq!(std::fs::read(w.path("again/2017-12.eml")).unwrap(), first);
}

#[test]
fn pictures_travel_as_related_parts_or_stay_absolute_under_base_url() {
    let w = Workspace::fixture("english");
    let settings = w.read("infolettre.toml");
    w.write(
        "infolettre.toml",
        format!(
            "{settings}\n[email]\nfrom = \"Harbour Careers <bulletin@harbourcareers.org.uk>\"\n\
             unsubscribe = \"https://www.harbourcareers.org.uk/unsubscribe\"\n"
        ),
    );
    w.run(&["render", "--eml", "--out", "absolute"]).code(0);
    let eml = parsed(&w.path("absolute/2026-03.eml"));
    assert_eq!(eml["defects"], serde_json::json!([]), "{eml}");
    assert_eq!(
        eml["tree"],
        serde_json::json!({"multipart/alternative": ["text/plain", "text/html"]})
    );
    assert!(
        eml["html"]
            .as_str()
            .unwrap()
            .contains("src=\"https://bulletin.harbourcareers.org.uk/2026-03/images/workshop.png\"")
    );
    assert_eq!(
        eml["headers"]["List-Unsubscribe"],
        "<https://www.harbourcareers.org.uk/unsubscribe>"
    );
    assert_eq!(
        eml["headers"]["List-Unsubscribe-Post"],
        "List-Unsubscribe=One-Click"
    );

    w.edit(
        "infolettre.toml",
        "base_url = \"https://bulletin.harbourcareers.org.uk\"\n",
        "",
    );
    w.edit(
        "infolettre.toml",
        "https://www.harbourcareers.org.uk/unsubscribe",
        "mailto:bulletin@harbourcareers.org.uk?subject=unsubscribe",
    );
    w.run(&["render", "--eml", "--html", "--out", "inline"])
        .code(0);
    let eml = parsed(&w.path("inline/2026-03.eml"));
    assert_eq!(eml["defects"], serde_json::json!([]), "{eml}");
    assert_eq!(
        eml["tree"],
        serde_json::json!({"multipart/alternative": ["text/plain", {"multipart/related": ["text/html", "image/png", "image/png"]}]})
    );
    assert_eq!(eml["cids"].as_array().unwrap().len(), 2);
    assert_eq!(eml["unresolved"], serde_json::json!([]));
    for (cid, size) in eml["picture_bytes"].as_object().unwrap() {
        let file = if cid.contains("workshop") {
            "workshop.png"
        } else {
            "careers-fair.png"
        };
        let expected = std::fs::metadata(w.path(&format!("issues/2026-03/images/{file}")))
            .unwrap()
            .len();
        assert_eq!(size.as_u64(), Some(expected), "{cid}");
    }
    // The HTML part is the .html edition but for the cid: references.
    let html = w.read("inline/2026-03.html");
    let mut from_eml = lf(eml["html"].as_str().unwrap());
    for cid in eml["cids"].as_array().unwrap() {
        let cid = cid.as_str().unwrap();
        let path = if cid.contains("workshop") {
            "images/workshop.png"
        } else {
            "images/careers-fair.png"
        };
        from_eml = from_eml.replace(&format!("cid:{cid}"), path);
    }
    assert_eq!(from_eml, lf(&html));
    assert_eq!(
        eml["headers"]["List-Unsubscribe"],
        "<mailto:bulletin@harbourcareers.org.uk?subject=unsubscribe>"
    );
    assert!(
        eml["headers"].get("List-Unsubscribe-Post").is_none(),
        "one click is for https only"
    );
}

#[test]
fn without_an_email_table_eml_is_bad_usage_and_writes_nothing() {
    let w = Workspace::fixture("english");
    w.run(&["render", "--eml", "--out", "out"])
        .code(2)
        .stderr_has("[email]");
    assert!(!w.path("out").exists());
}

#[test]
fn a_line_break_in_the_title_cannot_add_a_header() {
    let w = Workspace::seed();
    w.edit(
        "issues/2017-12/issue.toml",
        "number = 42",
        "number = 42\ntitle = \"Noël\\r\\nBcc: evil@attacker.fr\"",
    );
    w.run(&["render", "--eml", "--out", "out"]).code(0);
    let eml = parsed(&w.path("out/2017-12.eml"));
    assert_eq!(eml["defects"], serde_json::json!([]));
    assert!(eml["headers"].get("Bcc").is_none(), "{}", eml["headers"]);
    assert_eq!(
        eml["headers"]["Subject"],
        "Noël Bcc\u{a0}: evil@attacker.fr"
    );
}

#[test]
fn both_email_editions_link_to_the_unsubscribe_page_in_their_footer() {
    let w = Workspace::fixture("english");
    let settings = w.read("infolettre.toml");
    w.run(&["render", "--html", "--text", "--out", "without"])
        .code(0);
    assert!(!w.read("without/2026-03.html").contains("Unsubscribe"));
    w.write(
        "infolettre.toml",
        format!(
            "{settings}\n[email]\nfrom = \"Harbour Careers <bulletin@harbourcareers.org.uk>\"\n\
             unsubscribe = \"https://www.harbourcareers.org.uk/unsubscribe\"\n"
        ),
    );
    w.run(&["render", "--html", "--text", "--out", "with"])
        .code(0);
    // The words are the English language file's (layouts/languages/en.toml).
    let html = w.read("with/2026-03.html");
    let footer = html.split("class=\"footer\"").nth(1).unwrap();
    let link = footer
        .split("<br><a href=\"https://www.harbourcareers.org.uk/unsubscribe\"")
        .nth(1)
        .unwrap_or_else(|| panic!("no unsubscribe link in the footer: {footer}"));
    assert!(
        link.split("</p>")
            .next()
            .unwrap()
            .ends_with(">Unsubscribe</a>"),
        "{link}"
    );
    let text = w.read("with/2026-03.txt");
    let footer = text.rsplit("\n-- \n").next().unwrap();
    assert!(
        footer.contains("Unsubscribe: https://www.harbourcareers.org.uk/unsubscribe"),
        "{footer}"
    );
}
