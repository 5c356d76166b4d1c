//! `infolettre render`: complete, deterministic, atomic outputs; drafts;
//! the check-first rule.

use crate::harness::{Workspace, repo};
use crate::words::{author_words, html_text, missing, pdf_text};

/// Renders the four formats of a workspace's issue into `out/` and checks
/// that every author word is in each.
fn assert_complete(workspace: &Workspace, issue: &str) {
    let run = workspace.run(&["render", issue, "--out", "out"]);
    run.code(0);
    let expected = author_words(workspace.root(), &format!("issues/{issue}"));
    assert!(
        expected.len() > 100,
        "too few words gathered: {}",
        expected.len()
    );
    let read = |ext: &str| workspace.read(&format!("out/{issue}.{ext}"));
    let outputs = [
        ("md", read("md")),
        ("html", html_text(&read("html"))),
        ("txt", read("txt")),
        (
            "pdf",
            pdf_text(&workspace.path(&format!("out/{issue}.pdf"))),
        ),
    ];
    for (format, text) in outputs {
        let lost = missing(&expected, &text);
        assert!(lost.is_empty(), "{format} output lost words: {lost:?}");
    }
}

#[test]
fn every_word_of_the_seed_reaches_every_output() {
    assert_complete(&Workspace::seed(), "2017-12");
}

#[test]
fn every_word_of_an_english_issue_reaches_every_output() {
    assert_complete(&Workspace::fixture("english"), "2026-03");
}

#[test]
fn the_latest_issue_is_rendered_by_default_into_dist() {
    let w = Workspace::seed();
    let run = w.run(&["render"]);
    run.code(0);
    let printed: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        printed[..4],
        [
            "dist/2017-12/2017-12.md",
            "dist/2017-12/2017-12.html",
            "dist/2017-12/2017-12.txt",
            "dist/2017-12/2017-12.pdf"
        ]
    );
    for path in printed {
        assert!(w.path(path).is_file(), "{path} was printed but not written");
    }
    assert!(
        std::fs::read(w.path("dist/2017-12/2017-12.pdf"))
            .unwrap()
            .starts_with(b"%PDF-")
    );
}

#[test]
fn format_flags_select_the_outputs_and_pictures_come_along() {
    let w = Workspace::fixture("english");
    let run = w.run(&["render", "--html", "--out", "site"]);
    run.code(0);
    assert!(w.path("site/2026-03.html").is_file());
    assert!(!w.path("site/2026-03.pdf").exists() && !w.path("site/2026-03.md").exists());
    assert!(
        w.path("site/images/careers-fair.png").is_file(),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("site/images/workshop.png"),
        "{}",
        run.stdout
    );
    w.run(&["render", "--text", "--out", "plain"]).code(0);
    assert!(
        !w.path("plain/images").exists(),
        "the text output refers to no picture"
    );
}

#[test]
fn an_issue_with_errors_renders_nothing() {
    let w = Workspace::fixture("seed-as-received");
    let run = w.run(&["render"]);
    run.code(1).stderr_has("broken-link").stderr_has("--draft");
    assert!(!w.path("dist").exists(), "nothing may be written");
    assert!(run.stdout.is_empty());
}

#[test]
fn strict_refuses_warnings_too() {
    let w = Workspace::fixture("seed-as-received");
    w.edit(
        "issues/2017-12/nouvelles-du-reseau/01-cocade.md",
        "[page facebook](#)",
        "page facebook",
    );
    w.run(&["render", "--md", "--strict"]).code(1);
    assert!(!w.path("dist").exists());
    w.run(&["render", "--md"]).code(0);
}

#[test]
fn a_draft_renders_despite_errors_and_says_so_everywhere() {
    let w = Workspace::fixture("seed-as-received");
    let run = w.run(&["render", "--draft", "--out", "out"]);
    run.code(0);
    for ext in ["md", "txt"] {
        assert!(
            w.read(&format!("out/2017-12.{ext}")).contains("BROUILLON"),
            "{ext} lacks the draft mark"
        );
    }
    assert!(html_text(&w.read("out/2017-12.html")).contains("BROUILLON"));
    let pdf = pdf_text(&w.path("out/2017-12.pdf"));
    let pages = pdf
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect::<Vec<_>>();
    assert!(pages.len() > 1);
    for (i, page) in pages.iter().enumerate() {
        assert!(
            page.contains("BROUILLON"),
            "page {} of the PDF lacks the watermark",
            i + 1
        );
    }
    let english = Workspace::fixture("english");
    english
        .run(&["render", "--draft", "--text", "--out", "out"])
        .code(0);
    assert!(english.read("out/2026-03.txt").contains("DRAFT"));
}

#[test]
fn the_same_issue_renders_to_the_same_bytes() {
    let w = Workspace::seed();
    w.run(&["render", "--out", "a"]).code(0);
    w.run(&["render", "--out", "b"]).code(0);
    for ext in ["md", "html", "txt", "pdf"] {
        let a = std::fs::read(w.path(&format!("a/2017-12.{ext}"))).unwrap();
        let b = std::fs::read(w.path(&format!("b/2017-12.{ext}"))).unwrap();
        assert!(a == b, "{ext} differs between two renders");
    }
}

#[test]
fn a_failed_render_leaves_earlier_outputs_untouched() {
    let w = Workspace::seed();
    w.run(&["render", "--out", "out"]).code(0);
    let before: Vec<Vec<u8>> = ["md", "html", "txt", "pdf"]
        .iter()
        .map(|e| std::fs::read(w.path(&format!("out/2017-12.{e}"))).unwrap())
        .collect();
    // A layout override that does not compile: exit 2, nothing rewritten.
    w.write("layouts/print.typ", "#let x = (\n");
    w.edit(
        "issues/2017-12/inscription.md",
        "Vous pouvez",
        "Vous pouvez désormais, et dès aujourd'hui,",
    );
    let run = w.run(&["render", "--out", "out"]);
    run.code(2).stderr_has("print.typ");
    let after: Vec<Vec<u8>> = ["md", "html", "txt", "pdf"]
        .iter()
        .map(|e| std::fs::read(w.path(&format!("out/2017-12.{e}"))).unwrap())
        .collect();
    assert!(before == after, "a failed render changed earlier outputs");
    let leftovers: Vec<_> = std::fs::read_dir(w.path("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn the_repository_seed_renders() {
    let out = tempfile::tempdir().unwrap();
    crate::harness::run_in(
        &repo(),
        &[
            "render",
            "2017-12",
            "--md",
            "--out",
            out.path().to_str().unwrap(),
        ],
    )
    .code(0);
    let md = std::fs::read_to_string(out.path().join("2017-12.md")).unwrap();
    assert!(
        md.contains("31 janvier – 2 février 2018"),
        "dates in the newsletter's language"
    );
}

/// Snapshots of the seed issue's three text outputs (review changes with `cargo insta review`).
#[test]
fn the_seed_outputs_match_their_snapshots() {
    let w = Workspace::seed();
    w.run(&[
        "render", "2017-12", "--md", "--html", "--text", "--out", "out",
    ])
    .code(0);
    insta::assert_snapshot!("seed.md", w.read("out/2017-12.md"));
    insta::assert_snapshot!("seed.html", w.read("out/2017-12.html"));
    insta::assert_snapshot!("seed.txt", w.read("out/2017-12.txt"));
}

#[test]
fn a_workspace_language_file_rewords_the_labels() {
    let w = Workspace::seed();
    let french = std::fs::read_to_string(repo().join("layouts/languages/fr.toml")).unwrap();
    let deadline = regex::Regex::new(r#"(?m)^deadline = .*$"#).unwrap();
    assert!(deadline.is_match(&french));
    w.write(
        "layouts/languages/fr.toml",
        deadline
            .replace(&french, "deadline = \"Clôture des candidatures\"")
            .as_ref(),
    );
    w.run(&["render", "--text", "--out", "out"]).code(0);
    assert!(
        w.read("out/2017-12.txt")
            .contains("Clôture des candidatures")
    );
    w.write("layouts/languages/fr.toml", "months = []\n");
    w.run(&["render", "--text", "--out", "out"])
        .code(2)
        .stderr_has("layouts/languages/fr.toml");
}

#[test]
fn a_draft_loses_nothing_even_what_the_checks_refuse() {
    let w = Workspace::fixture("english");
    w.edit(
        "issues/2026-03/diary.toml",
        "date = 2026-03-24",
        "date = \"2026-02-30\"",
    );
    w.edit(
        "issues/2026-03/diary.toml",
        "group = \"Network meetings\"",
        "group = \"Board\"",
    );
    w.edit(
        "issues/2026-03/funding.toml",
        "deadline = 2026-05-15",
        "deadline = \"someday\"",
    );
    w.run(&["render"]).code(1);
    w.run(&[
        "render", "--draft", "--md", "--text", "--html", "--out", "out",
    ])
    .code(0);
    let expected = crate::words::author_words(w.root(), "issues/2026-03");
    for ext in ["md", "txt"] {
        let lost = crate::words::missing(&expected, &w.read(&format!("out/2026-03.{ext}")));
        assert!(lost.is_empty(), "{ext} lost {lost:?}");
    }
    let text = w.read("out/2026-03.txt");
    assert!(
        text.contains("2026-02-30") && text.contains("someday") && text.contains("Board"),
        "{text}"
    );
}

/// The seed workspace with a second issue: the seed's text again, as issue
/// 43 of 2018-01-19.
fn seed_with_a_second_issue() -> Workspace {
    let w = Workspace::seed();
    crate::harness::copy_dir(&w.path("issues/2017-12"), &w.path("issues/2018-01"));
    w.edit("issues/2018-01/issue.toml", "number = 42", "number = 43");
    w.edit(
        "issues/2018-01/issue.toml",
        "date = 2017-12-15",
        "date = 2018-01-19",
    );
    w
}

#[test]
fn several_issues_render_in_one_run_each_into_its_own_folder() {
    let w = seed_with_a_second_issue();
    let run = w.run(&["render", "2018-01", "2017-12", "--pdf", "--text"]);
    run.code(0);
    assert_eq!(
        run.stdout.lines().collect::<Vec<_>>(),
        [
            "dist/2017-12/2017-12.txt",
            "dist/2017-12/2017-12.pdf",
            "dist/2018-01/2018-01.txt",
            "dist/2018-01/2018-01.pdf",
        ],
        "the issues in the order of their ids, each in its folder"
    );
    // Each issue is itself: its own number and date, from its issue.toml.
    let first = pdf_text(&w.path("dist/2017-12/2017-12.pdf"));
    let second = pdf_text(&w.path("dist/2018-01/2018-01.pdf"));
    assert!(first.contains("42") && first.contains("15 décembre 2017"));
    assert!(second.contains("43") && second.contains("19 janvier 2018"));
    assert!(!second.contains("15 décembre 2017"), "{second}");
    // Rendered together or alone, an issue gives the same bytes.
    let together = std::fs::read(w.path("dist/2018-01/2018-01.pdf")).unwrap();
    w.run(&["render", "2018-01", "--pdf", "--out", "alone"])
        .code(0);
    assert_eq!(
        together,
        std::fs::read(w.path("alone/2018-01.pdf")).unwrap()
    );
}

#[test]
fn several_issues_under_out_get_a_folder_each_and_dot_names_them_all() {
    let w = seed_with_a_second_issue();
    w.run(&["render", ".", "--md", "--out", "batch"]).code(0);
    for id in ["2017-12", "2018-01"] {
        let md = w.read(&format!("batch/{id}/{id}.md"));
        assert!(
            md.contains("Forum de l'entrepreneuriat") || md.contains("Forum de l’entrepreneuriat")
        );
    }
    // The same issue named twice is rendered once.
    let run = w.run(&[
        "render",
        "2017-12",
        "issues/2017-12",
        "--md",
        "--out",
        "twice",
    ]);
    run.code(0);
    assert_eq!(run.stdout.lines().collect::<Vec<_>>(), ["twice/2017-12.md"]);
}

#[test]
fn an_error_in_one_issue_of_a_batch_writes_nothing_for_any() {
    let w = seed_with_a_second_issue();
    w.edit(
        "issues/2018-01/nouvelles-du-reseau/01-cocade.md",
        "<http://www.reseaucitesdesmetiers.com/25-projet_eu.php>",
        "[le projet](#no-such-article)",
    );
    let before = w.snapshot();
    let run = w.run(&["render", "2017-12", "2018-01"]);
    run.code(1)
        .stderr_has("2018-01")
        .stderr_has("nothing was written");
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(w.snapshot() == before, "a refused batch wrote files");
}
