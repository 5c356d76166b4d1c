//! `infolettre site`, read by the tools readers use: Python's feedparser
//! for the feed, icalendar for the calendars, the Nu Html Checker for the
//! pages, and a walk over every local link and picture.

use serde_json::{Value, json};

use crate::harness::{Workspace, python_json};

/// The repository's own workspace (the seed) with a second issue beside it,
/// dated 10 January 2018 so that the seed's agenda is still ahead: a
/// January issue that carries the December one's events over unchanged.
fn two_issues() -> Workspace {
    let w = Workspace::seed();
    crate::harness::copy_dir(&w.path("issues/2017-12"), &w.path("issues/2018-01"));
    w.write(
        "issues/2018-01/issue.toml",
        "number = 43\ndate = 2018-01-10\ntitle = \"Numéro de janvier\"\n",
    );
    w
}

fn read_site(dir: &std::path::Path) -> Value {
    python_json("site.py", dir)
}

#[test]
fn the_archive_parses_links_resolve_and_the_agenda_falls_on_the_right_days() {
    let w = two_issues();
    w.run(&["site", "--out", "site"]).code(0);
    for file in [
        "index.html",
        "latest/index.html",
        "feed.xml",
        "agenda.ics",
        "2017-12/index.html",
        "2017-12/2017-12.pdf",
        "2017-12/2017-12.ics",
        "2018-01/index.html",
        "2018-01/2018-01.pdf",
    ] {
        assert!(w.path(&format!("site/{file}")).is_file(), "{file}");
    }
    assert!(
        !w.path("site/sitemap.xml").exists(),
        "no base_url, no sitemap"
    );
    let site = read_site(&w.path("site"));
    assert_eq!(site["bozo"], false, "{}", site["bozo_exception"]);
    assert_eq!(site["feed_title"], "InfoLettre");
    let entries = site["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0]["title"], "Numéro de janvier", "newest first");
    assert_eq!(entries[0]["content_type"], "text/html");
    assert!(
        entries[0]["content_length"].as_u64().unwrap() > 10_000,
        "full content"
    );
    assert!(
        entries[1]["id"]
            .as_str()
            .unwrap()
            .starts_with("tag:www.reseaucitesdesmetiers.com,2017-12-15:")
    );
    assert_eq!(site["broken_links"], json!([]));
    // The seed's range "31 janvier – 2 février 2018": three days, DTEND exclusive.
    let seed = site["calendars"]["2017-12/2017-12.ics"].as_array().unwrap();
    let winter = seed
        .iter()
        .find(|e| {
            e["summary"]
                .as_str()
                .unwrap()
                .contains("Université d’hiver")
        })
        .expect("the winter university");
    assert_eq!(
        (winter["start"].as_str(), winter["end"].as_str()),
        (Some("2018-01-31"), Some("2018-02-03"))
    );
    assert_eq!(winter["location"], "Biarritz");
    let deadline = seed
        .iter()
        .find(|e| {
            e["summary"]
                .as_str()
                .unwrap()
                .starts_with("Date limite\u{a0}: ")
        })
        .expect("a call deadline");
    assert_eq!(deadline["start"], "2018-02-01");
    for event in seed {
        assert!(
            event["uid"].as_str().unwrap().ends_with("@infolettre") && event["has_dtstamp"] == true
        );
    }
    // An event carried into the next issue unchanged keeps its UID, and the
    // whole agenda lists it once.
    let next = site["calendars"]["2018-01/2018-01.ics"].as_array().unwrap();
    let uid = |events: &[Value], title: &str| {
        events
            .iter()
            .find(|e| e["summary"] == title)
            .map(|e| e["uid"].clone())
    };
    assert_eq!(uid(seed, "Réunion CDM21"), uid(next, "Réunion CDM21"));
    let all = site["calendars"]["agenda.ics"].as_array().unwrap();
    assert_eq!(
        all.iter()
            .filter(|e| e["summary"] == "Réunion CDM21")
            .count(),
        1
    );
}

#[test]
fn the_same_workspace_gives_the_same_bytes_and_an_error_writes_nothing() {
    let w = two_issues();
    w.run(&["site", "--out", "a"]).code(0);
    w.run(&["site", "--out", "b"]).code(0);
    for file in [
        "index.html",
        "feed.xml",
        "agenda.ics",
        "2018-01/index.html",
        "2018-01/2018-01.pdf",
    ] {
        assert_eq!(
            std::fs::read(w.path(&format!("a/{file}"))).unwrap(),
            std::fs::read(w.path(&format!("b/{file}"))).unwrap(),
            "{file}"
        );
    }
    w.edit(
        "issues/2018-01/editorial.md",
        "Cher.e.s membres",
        "TODO Cher.e.s membres",
    );
    w.run(&["site", "--out", "c"]).code(1);
    assert!(!w.path("c").exists());
}

#[test]
fn with_base_url_links_are_absolute_and_a_sitemap_lists_every_issue() {
    let w = Workspace::fixture("english");
    w.run(&["site", "--out", "site"]).code(0);
    let sitemap = w.read("site/sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://bulletin.harbourcareers.org.uk/2026-03/</loc>"),
        "{sitemap}"
    );
    let site = read_site(&w.path("site"));
    assert_eq!(site["bozo"], false, "{}", site["bozo_exception"]);
    assert_eq!(
        site["entries"][0]["id"],
        "https://bulletin.harbourcareers.org.uk/2026-03/"
    );
    assert_eq!(site["broken_links"], json!([]));
    let page = w.read("site/2026-03/index.html");
    assert!(
        page.contains("src=\"https://bulletin.harbourcareers.org.uk/2026-03/images/workshop.png\"")
    );
    assert!(w.path("site/2026-03/images/workshop.png").is_file());
}

#[test]
fn an_out_that_is_a_file_is_bad_usage() {
    let w = Workspace::fixture("english");
    w.write("public", "not a folder\n");
    w.run(&["site", "--out", "public"])
        .code(2)
        .stderr_has("is a file, not a folder");
    assert_eq!(w.read("public"), "not a folder\n");
}

#[test]
fn an_issue_page_lists_every_section_and_article_in_its_table_of_contents() {
    use scraper::{Html, Selector};
    let w = Workspace::seed();
    w.run(&["site", "--out", "site"]).code(0);
    let page = Html::parse_document(&w.read("site/2017-12/index.html"));
    let select = |css: &str| Selector::parse(css).unwrap();
    let targets: Vec<String> = page
        .select(&select("nav.contents a"))
        .map(|a| a.value().attr("href").unwrap().to_owned())
        .collect();
    let anchors: Vec<String> = page
        .select(&select("main section[id], main article[id]"))
        .map(|e| format!("#{}", e.value().attr("id").unwrap()))
        .collect();
    // issues/2017-12: eight sections and twelve articles.
    assert_eq!(anchors.len(), 8 + 12, "{anchors:?}");
    assert_eq!(
        targets, anchors,
        "the contents follow the page, one link per anchor"
    );
    // Each article's title links to its own anchor: a permalink.
    for article in page.select(&select("main article")) {
        let id = article.value().attr("id").unwrap();
        let link = article.select(&select("h3 a.permalink")).next().unwrap();
        assert_eq!(link.value().attr("href"), Some(format!("#{id}").as_str()));
    }
}
