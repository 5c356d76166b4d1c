//! The email HTML as validators and browsers see it: the Nu Html Checker
//! finds no error, headless Chromium shows it without horizontal overflow at
//! 600 and 375 px, and hostile content stays inert. The tools are installed
//! by `.ci/test`; a missing tool fails the test.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::harness::{Workspace, repo, test_tool};
use crate::words::html_text;

/// Where test artefacts (screenshots, page images) are kept.
pub fn artifacts() -> PathBuf {
    let dir = repo().join("target/test-artifacts");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn vnu_jar() -> PathBuf {
    test_tool(
        "VNU_JAR",
        "target/test-tools/vnu-26.9.27/node_modules/vnu-jar/build/dist/vnu.jar",
        "the Nu Html Checker",
    )
}

/// Renders the HTML of a workspace's issue (as a draft when asked).
fn render_html(w: &Workspace, issue: &str, draft: bool) -> PathBuf {
    let mut args = vec!["render", issue, "--html", "--out", "out"];
    if draft {
        args.push("--draft");
    }
    w.run(&args).code(0);
    w.path(&format!("out/{issue}.html"))
}

#[test]
fn the_nu_html_checker_finds_no_error() {
    let seed = Workspace::seed();
    let english = Workspace::fixture("english");
    let hostile = Workspace::fixture("hostile");
    let received = Workspace::fixture("seed-as-received");
    // The site's own pages too: its index and the latest-issue redirect.
    english.run(&["site", "--out", "site"]).code(0);
    let pages = [
        render_html(&seed, "2017-12", false),
        render_html(&english, "2026-03", false),
        render_html(&hostile, "2030-01", false),
        render_html(&received, "2017-12", true),
        english.path("site/index.html"),
        english.path("site/latest/index.html"),
    ];
    let output = Command::new("java")
        .arg("-jar")
        .arg(vnu_jar())
        .args(["--errors-only", "--format", "gnu"])
        .args(&pages)
        .output()
        .expect("java runs: .ci/test installs a JRE");
    let report = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && report.trim().is_empty(),
        "vnu found errors:\n{report}"
    );
}

#[test]
fn the_seed_email_is_under_the_gmail_clipping_size() {
    let seed = Workspace::seed();
    let size = std::fs::metadata(render_html(&seed, "2017-12", false))
        .unwrap()
        .len();
    assert!(size < 100 * 1024, "{size} bytes");
}

#[test]
fn the_email_is_self_contained_and_declares_its_language() {
    let html = std::fs::read_to_string(render_html(&Workspace::seed(), "2017-12", false)).unwrap();
    let page = scraper::Html::parse_document(&html);
    let select = |css: &str| page.select(&scraper::Selector::parse(css).unwrap()).count();
    assert_eq!(select("html[lang=fr][dir=ltr]"), 1);
    assert!(
        select("body [lang=fr][dir=ltr]") >= 1,
        "a wrapper inside <body> carries lang and dir"
    );
    assert_eq!(select("script"), 0);
    assert_eq!(select("link[rel=stylesheet]"), 0);
    assert_eq!(select("meta[name=color-scheme]"), 1);
    assert!(select("table[role=presentation]") >= 1);
    assert!(select("img:not([alt])") == 0);
    assert!(html.contains("prefers-color-scheme: dark"));
    assert!(select("[style]") > 20, "the CSS is inlined");
}

#[test]
fn english_pictures_and_links_are_absolute_with_base_url() {
    let html = std::fs::read_to_string(render_html(
        &Workspace::fixture("english"),
        "2026-03",
        false,
    ))
    .unwrap();
    let page = scraper::Html::parse_document(&html);
    let images = scraper::Selector::parse("img").unwrap();
    let sources: Vec<_> = page
        .select(&images)
        .map(|i| i.value().attr("src").unwrap().to_owned())
        .collect();
    assert!(!sources.is_empty());
    assert!(
        sources
            .iter()
            .all(|s| s.starts_with("https://bulletin.harbourcareers.org.uk/")),
        "{sources:?}"
    );
}

#[test]
fn hostile_content_stays_inert_text() {
    let hostile = Workspace::fixture("hostile");
    let html = std::fs::read_to_string(render_html(&hostile, "2030-01", true)).unwrap();
    let page = scraper::Html::parse_document(&html);
    let count = |css: &str| page.select(&scraper::Selector::parse(css).unwrap()).count();
    assert_eq!(count("script"), 0);
    assert_eq!(count("[onerror], [onclick], [onload]"), 0);
    assert_eq!(
        count("a[href^='javascript'], a[href^='JAVASCRIPT'], a[href^='data:']"),
        0
    );
    assert_eq!(count("i, b"), 0, "author HTML never becomes markup");
    let text = html_text(&html);
    for literal in [
        "{{ 7*7 }}",
        "<script>alert(1)</script>",
        "#read(\"/etc/passwd\")",
        "{% include “/etc/passwd” %}",
        "<img src=x onerror=alert(1)>",
        "{{ config.items() }}",
    ] {
        assert!(text.contains(literal), "{literal:?} is not shown as text");
    }
    assert!(!text.contains("49"), "a template expression was evaluated");
    let md = {
        hostile
            .run(&["render", "2030-01", "--md", "--out", "md"])
            .code(0);
        hostile.read("md/2030-01.md")
    };
    // Read back by a CommonMark renderer that lets raw HTML through, the
    // Markdown output must hold no tag that the authors typed.
    let mut options = comrak::Options::default();
    options.render.r#unsafe = true;
    let reparsed = comrak::markdown_to_html(&md, &options);
    assert!(
        !reparsed.contains("<script") && !reparsed.contains("<img"),
        "the Markdown output re-creates markup"
    );
}

/// Loads a page in headless Chromium inside a frame `width` px wide (a
/// desktop window cannot be narrower than about 500 px, a frame can), reads
/// the page's scroll width, and keeps a screenshot.
fn chromium(page: &Path, width: u32, screenshot: &Path) -> u32 {
    let frame = page.with_file_name(format!("frame-{width}.html"));
    let name = page.file_name().unwrap().to_str().unwrap();
    std::fs::write(
        &frame,
        format!(
            "<!DOCTYPE html><html><body style=\"margin:0\"><iframe src=\"{name}\" style=\"border:0;width:{width}px;height:3000px\"></iframe>\
             <script>addEventListener('load',()=>{{const d=frames[0].document;document.body.setAttribute('data-scroll-width',String(d.documentElement.scrollWidth))}})</script></body></html>"
        ),
    )
    .unwrap();
    let profile = tempfile::tempdir().unwrap();
    let chromium = |extra: &[String]| {
        Command::new("chromium")
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--allow-file-access-from-files",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(format!("--window-size={},1400", width.max(600)))
            .args(extra)
            .arg(format!("file://{}", frame.display()))
            .output()
            .expect("chromium runs: .ci/test installs it")
    };
    let output = chromium(&["--virtual-time-budget=3000".into(), "--dump-dom".into()]);
    let dom = String::from_utf8_lossy(&output.stdout);
    let width_attr = regex::Regex::new(r#"data-scroll-width="(\d+)""#).unwrap();
    let scroll = width_attr.captures(&dom).unwrap_or_else(|| {
        panic!(
            "no probe result; chromium said:\n{}",
            String::from_utf8_lossy(&output.stderr)
        )
    })[1]
        .parse()
        .unwrap();
    let shot = chromium(&[format!("--screenshot={}", screenshot.display())]);
    assert!(
        screenshot.is_file(),
        "no screenshot: {}",
        String::from_utf8_lossy(&shot.stderr)
    );
    scroll
}

#[test]
fn chromium_shows_the_email_without_horizontal_overflow() {
    let seed = Workspace::seed();
    let english = Workspace::fixture("english");
    for (w, issue) in [(&seed, "2017-12"), (&english, "2026-03")] {
        let page = render_html(w, issue, false);
        for width in [600, 375] {
            let shot = artifacts().join(format!("email-{issue}-{width}px.png"));
            let scroll = chromium(&page, width, &shot);
            assert!(
                scroll <= width,
                "{issue} at {width}px scrolls to {scroll}px"
            );
        }
    }
}

#[test]
fn render_warns_of_relative_pictures_and_of_gmail_clipping() {
    let english = Workspace::fixture("english");
    // With base_url the pictures are absolute: no warning.
    let run = english.run(&["render", "--html", "--out", "out"]);
    run.code(0);
    assert!(!run.stderr.contains("relative paths"), "{}", run.stderr);
    english.edit(
        "infolettre.toml",
        "base_url = \"https://bulletin.harbourcareers.org.uk\"\n",
        "",
    );
    english
        .run(&["render", "--html", "--out", "out"])
        .code(0)
        .stderr_has("refers to 2 pictures by relative paths");
    // 120 KB of text make an HTML over Gmail's 102 KB.
    let article = "issues/2026-03/news/03-new-centre-in-lerwick.md";
    let text = english.read(article);
    let long = "Shetland Careers joins the network. ".repeat(3_400);
    english.write(article, format!("{text}\n{long}\n"));
    english
        .run(&["render", "--html", "--draft", "--out", "out"])
        .stderr_has("Gmail clips messages over 102 KB");
}

/// What the caniemail.com data flags in the seed's email, for the clients
/// of a French network (`docs/email.md`): exactly the features, and for
/// each the clients, that docs/email.md lists and explains. A feature that
/// the layout brings in or drops fails here until the page says so.
#[test]
fn caniemail_flags_only_the_features_listed_in_docs_email_md() {
    let caniemail = test_tool(
        "CANIEMAIL",
        "target/test-tools/caniemail-1.0.5/node_modules/caniemail/dist/index.js",
        "the caniemail checker",
    );
    let seed = Workspace::seed();
    let html = render_html(&seed, "2017-12", false);
    let output = Command::new("node")
        .arg(repo().join("tests/cli/caniemail.mjs"))
        .arg(&caniemail)
        .arg(&html)
        .args([
            "gmail.*",
            "outlook.*",
            "apple-mail.*",
            "orange.*",
            "sfr.*",
            "laposte.*",
        ])
        .output()
        .expect("node runs");
    assert!(
        output.status.success(),
        "caniemail: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let flagged: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let docs = std::fs::read_to_string(repo().join("docs/email.md")).unwrap();
    for (kind, heading) in [
        ("errors", "## Not supported"),
        ("warnings", "## Partly supported"),
    ] {
        let listed = documented_features(&docs, heading);
        let found: std::collections::BTreeMap<String, Vec<String>> =
            serde_json::from_value(flagged[kind].clone()).unwrap();
        assert!(
            !found.is_empty(),
            "caniemail flags some {kind}: the check ran"
        );
        assert_eq!(
            found, listed,
            "docs/email.md, {heading}: caniemail flags (left) what the page lists (right)"
        );
    }
}

/// The table under `heading` in docs/email.md: feature → clients.
fn documented_features(
    docs: &str,
    heading: &str,
) -> std::collections::BTreeMap<String, Vec<String>> {
    let section = docs
        .split_once(&format!("{heading}\n"))
        .unwrap_or_else(|| panic!("docs/email.md has {heading}"))
        .1;
    let section = section.split("\n## ").next().unwrap();
    section
        .lines()
        .filter(|line| {
            line.starts_with("| ") && !line.starts_with("| Feature") && !line.starts_with("| ---")
        })
        .map(|line| {
            let cells: Vec<&str> = line.split(" | ").collect();
            let feature = cells[0]
                .trim_start_matches("| ")
                .replace("&lt;", "<")
                .replace("&gt;", ">");
            let clients = cells[1]
                .trim_end_matches(" |")
                .split(", ")
                .map(|c| c.trim_matches('`').to_owned())
                .collect();
            (feature, clients)
        })
        .collect()
}
