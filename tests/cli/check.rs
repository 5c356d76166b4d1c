//! `infolettre check` on whole workspaces: the seed, as rebuilt and as
//! received; every output format; every exit code; planted defects.

use crate::harness::{Workspace, found, repo, run_in};

const COCADE: &str = "issues/2017-12/nouvelles-du-reseau/01-cocade.md";
const MEYRIN: &str = "issues/2017-12/nouvelles-des-cdm/02-trouve-ta-place-meyrin.md";
const ARMOR: &str = "issues/2017-12/arrivees-departs/03-cotes-d-armor.md";

#[test]
fn the_repository_issues_pass_strict() {
    run_in(&repo(), &["check", "--strict"]).code(0);
    run_in(
        &repo(),
        &["check", "--strict", "2017-12", "--format", "json"],
    )
    .code(0);
}

#[test]
fn the_seed_as_received_yields_exactly_its_defects() {
    let run = Workspace::fixture("seed-as-received").run(&["check", "--format", "json"]);
    run.code(1);
    assert_eq!(
        run.found(),
        [
            found("contact-name-mismatch", ARMOR, 3, 48),
            found("contact-name-mismatch", MEYRIN, 3, 48),
            found("broken-link", COCADE, 14, 32),
        ]
        .into_iter()
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect::<Vec<_>>()
    );
    let json = run.json();
    assert_eq!(
        (json["errors"].as_u64(), json["warnings"].as_u64()),
        (Some(1), Some(2))
    );
    let broken = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "broken-link")
        .unwrap();
    assert_eq!(broken["severity"], "error");
    assert_eq!(broken["message"], "link target \"#\" goes nowhere");
}

#[test]
fn human_output_quotes_the_line_with_a_caret() {
    let run = Workspace::fixture("seed-as-received").run(&["check"]);
    run.code(1)
        .stdout_has("error[broken-link]: link target \"#\" goes nowhere")
        .stdout_has(&format!("--> {COCADE}:14:32"))
        .stdout_has("14 | Retrouvez les photos sur notre [page facebook](#)")
        .stdout_has("^^^^^^^^^^^^^^^^^^")
        .stdout_has("= help:")
        .stdout_has("warning[contact-name-mismatch]: `djemaa.chraiti@etat.ge.ch` does not look like the address of Djemâa CHAÏTRI")
        .stdout_has("1 error, 2 warnings");
}

#[test]
fn github_format_prints_workflow_commands() {
    let run = Workspace::fixture("seed-as-received").run(&["check", "--format", "github"]);
    run.code(1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", run.stdout);
    assert!(lines.contains(&format!("::error file={COCADE},line=14,col=32,title=broken-link::link target \"#\" goes nowhere%0Ahelp: write the real address, or remove the link and keep its text").as_str()), "{}", run.stdout);
    assert!(
        lines
            .iter()
            .filter(
                |l| l.starts_with("::warning file=") && l.contains("title=contact-name-mismatch::")
            )
            .count()
            == 2
    );
}

#[test]
fn exit_codes_follow_the_spec() {
    let workspace = Workspace::fixture("seed-as-received");
    // Errors: 1. Only warnings: 0, or 1 under --strict.
    workspace.run(&["check"]).code(1);
    workspace.edit(COCADE, "[page facebook](#)", "page facebook");
    workspace.run(&["check"]).code(0);
    workspace.run(&["check", "--strict"]).code(1);
    // Bad usage, a missing issue, a missing workspace: 2.
    workspace.run(&["check", "--frobnicate"]).code(2);
    workspace
        .run(&["check", "2099-01"])
        .code(2)
        .stderr_has("no issue `2099-01` in issues/");
    workspace
        .run(&["-C", "no/such/dir", "check"])
        .code(2)
        .stderr_has("no/such/dir is not a directory");
    workspace.run(&["check", "--format", "yaml"]).code(2);
    // A file the system will not let us read (a directory where a file must be): 2.
    workspace
        .remove("issues/2017-12/issue.toml")
        .write("issues/2017-12/issue.toml/x", "");
    workspace.run(&["check"]).code(2).stderr_has("cannot read");
}

#[test]
fn an_issue_is_named_by_id_or_by_path() {
    let workspace = Workspace::fixture("seed-as-received");
    workspace
        .run(&["check", "2017-12", "--format", "json"])
        .code(1);
    workspace
        .run(&["check", "issues/2017-12", "--format", "json"])
        .code(1);
    let dir = workspace.path("issues/2017-12");
    let run = run_in(
        &repo(),
        &[
            "-C",
            workspace.root().to_str().unwrap(),
            "check",
            dir.to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    run.code(1);
    assert!(
        run.found()
            .iter()
            .all(|f| f.file.starts_with("issues/2017-12/")),
        "paths relative to the root: {:?}",
        run.found()
    );
}

#[test]
fn every_issue_is_checked_by_default() {
    let workspace = Workspace::seed();
    std::fs::create_dir_all(workspace.path("issues/2018-01")).unwrap();
    workspace.write(
        "issues/2018-01/issue.toml",
        "number = 43\ndate = 2018-01-15\n",
    );
    let run = workspace.run(&["check", "--format", "json"]);
    run.code(1);
    assert!(
        run.found()
            .iter()
            .all(|f| f.file.starts_with("issues/2018-01/"))
    );
    assert!(
        run.codes().contains(&"missing-section".to_owned()),
        "{:?}",
        run.codes()
    );
}

#[test]
fn help_teaches_the_command() {
    let run = run_in(&repo(), &["check", "--help"]);
    run.code(0)
        .stdout_has("--strict")
        .stdout_has("--format")
        .stdout_has("human")
        .stdout_has("github");
    run_in(&repo(), &["--version"])
        .code(0)
        .stdout_has("infolettre ");
}

/// A workspace nobody here wrote for the rules, with one defect planted per
/// code: each is found at its line, and nothing else is reported.
#[test]
fn planted_defects_are_each_found_at_their_line() {
    let w = Workspace::fixture("english");
    let issue = "issues/2026-03";
    let news1 = &format!("{issue}/news/01-harbour-careers-fair.md");
    let news2 = &format!("{issue}/news/02-digital-skills-on-the-islands.md");
    let news3 = &format!("{issue}/news/03-new-centre-in-lerwick.md");
    let diary = &format!("{issue}/diary.toml");
    let funding = &format!("{issue}/funding.toml");
    let touch = &format!("{issue}/get-in-touch.md");
    let foreword = &format!("{issue}/foreword.md");
    w.run(&["check", "--strict"]).code(0);

    w.edit(foreword, "Dear members", "Dear <b>members</b>"); // raw-html, line 5
    w.edit(
        foreword,
        "role = \"Editor\"",
        "role = \"Editor\"\nrloe = \"x\"",
    ); // unknown-field, line 3
    w.edit(
        news1,
        "Read the exhibitor notes on",
        "Read the [notes](#) on",
    ); // broken-link
    w.edit(
        news1,
        "![Visitors queue at the marine engineering stands of the Harbour Careers Fair]",
        "![]",
    ); // image-alt
    w.edit(
        news2,
        "ewan.macleod@northshorecollege.ac.uk",
        "ewan.macleod@northshore",
    ); // invalid-email
    w.edit(news2, "images/workshop.png", "images/workshop.jpg"); // missing-image
    w.edit(
        news3,
        "tom.okafor@harbourcareers.org.uk",
        "tokafor@example.org",
    ); // placeholder
    w.edit(
        news3,
        "title = \"A new partner centre in Lerwick\"",
        "title = \"Record turnout at the Harbour Careers Fair\"",
    ); // duplicate-title
    w.edit(diary, "date = 2026-03-24", "date = \"2026-02-30\""); // invalid-date
    w.edit(
        diary,
        "group = \"Partner events\"",
        "group = \"Partner event\"",
    ); // unknown-group
    w.edit(diary, "date = 2026-03-12", "date = 2026-04-20"); // agenda-order (the next event is earlier)
    w.edit(
        diary,
        "date = 2026-03-31\nend = 2026-04-02",
        "date = 2026-02-20\nend = 2026-02-21",
    ); // past-event
    w.edit(funding, "deadline = 2026-05-15", "deadline = 2026-02-27"); // deadline-passed
    w.edit(
        funding,
        "link = \"https://",
        "link = \"javascript:alert(1)//",
    ); // unsafe-link
    w.edit(touch, "until 20 April", "until TODO"); // placeholder
    w.write(&format!("{issue}/notes.txt"), "remember the photos\n"); // stray-file

    let run = w.run(&["check", "--format", "json"]);
    run.code(1);
    let mut expected = vec![
        found("unknown-field", foreword, 4, 1),
        found("raw-html", foreword, 7, 6),
        found("raw-html", foreword, 7, 16),
        found("broken-link", news1, 19, 13),
        found("image-alt", news1, 8, 1),
        found("invalid-email", news2, 3, 46),
        found("missing-image", news2, 4, 9),
        found("placeholder", news3, 5, 34),
        found("duplicate-title", news3, 2, 9),
        found("invalid-date", diary, 15, 8),
        found("unknown-group", diary, 18, 9),
        found("agenda-order", diary, 8, 8),
        found("past-event", diary, 23, 7),
        found("deadline-passed", funding, 16, 12),
        found("unsafe-link", funding, 9, 8),
        found("placeholder", touch, 5, 42),
        found("stray-file", &format!("{issue}/notes.txt"), 1, 1),
    ];
    expected.sort();
    assert_eq!(run.found(), expected);
}
