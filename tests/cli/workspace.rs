//! One resolved workspace: found from any folder of it, its issues named the
//! same way by every command, and no command guessing when it cannot do what
//! was asked. One test per mistake a new user made on the way.

use crate::harness::{Workspace, run_in};

fn english() -> Workspace {
    Workspace::fixture("english")
}

/// The english fixture with a second, newer issue whose issue.toml has a
/// typo: `data` for `date`.
fn with_broken_newest() -> Workspace {
    let w = english();
    w.write(
        "issues/2026-04/issue.toml",
        "number = 8\ndata = 2026-04-15\n",
    );
    w
}

#[test]
fn a_typo_in_the_newest_issue_toml_stops_render_instead_of_rendering_the_previous_one() {
    let w = with_broken_newest();
    let run = w.run(&["render", "--md"]);
    run.code(1)
        .stderr_has("issues/2026-04/issue.toml:2:1")
        .stderr_has("cannot choose the latest issue");
    assert!(!w.path("dist").exists(), "nothing is written");
    // Named, the sound issue still renders.
    w.run(&["render", "--md", "2026-03"]).code(0);
}

#[test]
fn a_typo_in_the_newest_issue_toml_stops_add_and_new() {
    let w = with_broken_newest();
    let before = w.snapshot();
    w.run(&["add", "news", "A new article"])
        .code(1)
        .stderr_has("issues/2026-04/issue.toml");
    w.run(&["new", "--no-input", "--date", "2026-05-01"])
        .code(1)
        .stderr_has("cannot choose");
    assert_eq!(w.snapshot(), before, "nothing was written");
}

#[test]
fn every_command_works_the_same_from_a_subfolder() {
    let w = english();
    let sub = w.path("issues/2026-03/news");
    run_in(&sub, &["check"])
        .code(0)
        .stdout_has("checked 1 issue");
    // `add` knows the workspace's sections, not the built-in French ones.
    run_in(&sub, &["add", "noticias", "Title"])
        .code(2)
        .stderr_has("`news`");
    let run = run_in(&sub, &["new", "--no-input", "--date", "2026-04-15"]);
    run.code(0);
    assert!(
        w.path("issues/2026-04/issue.toml").is_file(),
        "{}",
        run.stderr
    );
    assert!(
        !sub.join("issues").exists(),
        "no workspace is made inside another"
    );
}

#[test]
fn outside_any_workspace_every_command_but_init_refuses() {
    let w = Workspace::empty();
    for args in [
        &["check"][..],
        &["render"],
        &["new", "--no-input"],
        &["add", "news", "Title"],
    ] {
        w.run(args)
            .code(2)
            .stderr_has("not inside a workspace")
            .stderr_has("infolettre init");
    }
    assert_eq!(
        std::fs::read_dir(w.root()).unwrap().count(),
        0,
        "nothing was written"
    );
    w.run(&["init"]).code(0);
}

#[test]
fn an_issue_is_the_same_whichever_way_it_is_named() {
    let w = english();
    w.edit(
        "issues/2026-03/foreword.md",
        "Dear members",
        "TODO Dear members",
    );
    let from_root = w.run(&["check", "--format", "json", "2026-03"]);
    from_root.code(1);
    let expected = from_root.found();
    assert!(
        expected
            .iter()
            .any(|f| f.file == "issues/2026-03/foreword.md"),
        "{expected:?}"
    );
    let issue = w.path("issues/2026-03");
    let absolute = issue.to_string_lossy().into_owned();
    let ways = [
        run_in(&issue, &["check", "--format", "json", "."]),
        run_in(&issue.join("news"), &["check", "--format", "json", ".."]),
        run_in(
            &issue.join("news"),
            &["check", "--format", "json", "issues/2026-03"],
        ),
        w.run(&["check", "--format", "json", "issues/2026-03"]),
        w.run(&["check", "--format", "json", "issues/2026-03/foreword.md"]),
        run_in(
            &std::env::temp_dir(),
            &[
                "-C",
                w.root().to_str().unwrap(),
                "check",
                "--format",
                "json",
                &absolute,
            ],
        ),
        // The root or issues/ itself names every issue, and there is one.
        w.run(&["check", "--format", "json", "."]),
        run_in(&w.path("issues"), &["check", "--format", "json", "."]),
    ];
    for run in ways {
        run.code(1);
        assert_eq!(run.found(), expected, "{}", run.stderr);
    }
}

#[test]
fn a_path_outside_the_issues_is_no_issue() {
    let w = english();
    w.write("notes/x.md", "x");
    w.run(&["check", "notes"])
        .code(2)
        .stderr_has("is not an issue of this workspace");
}

#[test]
fn an_unknown_language_is_an_invalid_setting_that_lists_the_languages() {
    let w = english();
    w.edit("infolettre.toml", "language = \"en\"", "language = \"gl\"");
    let run = w.run(&["check", "--format", "json"]);
    run.code(1);
    let diags = run.json()["diagnostics"].as_array().unwrap().clone();
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0]["code"], "invalid-setting");
    assert_eq!(
        (
            diags[0]["file"].as_str(),
            diags[0]["line"].as_u64(),
            diags[0]["column"].as_u64()
        ),
        (Some("infolettre.toml"), Some(7), Some(12))
    );
    let help = diags[0]["help"].as_str().unwrap();
    for code in ["de", "en", "es", "fr", "it", "pt"] {
        assert!(help.contains(code), "{help}");
    }
    // Render refuses too, rather than falling back to English.
    w.run(&["render", "--md"]).code(1);
    assert!(!w.path("dist").exists());
}

#[test]
fn a_mailto_link_is_checked_whatever_the_case_of_its_scheme() {
    let w = english();
    w.edit(
        "issues/2026-03/get-in-touch.md",
        "write to",
        "write [here](Mailto:bad@@nowhere) or to",
    );
    let run = w.run(&["check", "--format", "json"]);
    run.code(1);
    assert!(
        run.codes().contains(&"invalid-email".to_owned()),
        "{:?}",
        run.codes()
    );
}

#[test]
fn a_workspace_language_file_rewords_the_labels_too() {
    let w = english();
    let builtin =
        std::fs::read_to_string(crate::harness::repo().join("layouts/languages/en.toml")).unwrap();
    w.write(
        "layouts/languages/en.toml",
        builtin.replace("contact = \"Contact\"", "contact = \"Ask\""),
    );
    w.run(&["render", "--text", "--out", "out"]).code(0);
    let text = w.read("out/2026-03.txt");
    assert!(
        text.contains("Ask: "),
        "the contact label comes from the workspace's file"
    );
    assert!(!text.contains("Contact: "), "and not from the built-in one");
}

#[test]
fn mistyped_names_get_a_did_you_mean() {
    let w = english();
    std::fs::rename(
        w.path("issues/2026-03/foreword.md"),
        w.path("issues/2026-03/Foreword.md"),
    )
    .unwrap();
    std::fs::rename(
        w.path("issues/2026-03/news/03-new-centre-in-lerwick.md"),
        w.path("issues/2026-03/news/03-new-centre-in-lerwick.markdown"),
    )
    .unwrap();
    w.write(
        "issues/2026-03/images/04-lost.md",
        "+++\ntitle = \"Lost\"\n+++\nText.\n",
    );
    let run = w.run(&["check", "--format", "json"]);
    run.code(1);
    let helps: Vec<(String, String)> = run.json()["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "stray-file")
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_owned(),
                d["help"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    let help_of = |file: &str| {
        helps
            .iter()
            .find(|(f, _)| f == file)
            .map(|(_, h)| h.clone())
            .unwrap_or_else(|| panic!("no stray-file for {file}: {helps:?}"))
    };
    assert!(help_of("issues/2026-03/Foreword.md").contains("did you mean `foreword.md`?"));
    assert!(
        help_of("issues/2026-03/news/03-new-centre-in-lerwick.markdown")
            .contains("did you mean `03-new-centre-in-lerwick.md`?")
    );
    assert!(help_of("issues/2026-03/images/04-lost.md").contains("folder of its section"));
}

#[test]
fn a_mistyped_section_folder_gets_a_did_you_mean() {
    let w = english();
    std::fs::rename(w.path("issues/2026-03/news"), w.path("issues/2026-03/newz")).unwrap();
    let run = w.run(&["check", "--format", "json"]);
    run.code(1);
    let stray = run.json()["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "stray-file")
        .cloned()
        .unwrap();
    assert_eq!(stray["help"], "did you mean `news`?");
}

#[test]
fn an_impossible_date_is_invalid_date_not_a_syntax_error() {
    let w = english();
    w.edit(
        "issues/2026-03/issue.toml",
        "date = 2026-03-02",
        "date = 2027-02-30",
    );
    let run = w.run(&["check", "--format", "json"]);
    run.code(1);
    assert_eq!(run.codes(), ["invalid-date"]);
    let found = run.found();
    assert_eq!((found[0].line, found[0].column), (2, 8));
}

#[test]
fn an_out_that_is_a_file_is_bad_usage() {
    let w = english();
    w.write("out", "a file");
    w.run(&["render", "--md", "--out", "out"])
        .code(2)
        .stderr_has("--out out is a file, not a folder");
    assert_eq!(w.read("out"), "a file");
}

#[test]
fn every_error_of_the_settings_is_reported_in_one_run() {
    let w = english();
    w.edit(
        "infolettre.toml",
        "language = \"en\"",
        "language = \"gl\"\nwebsite_url = \"x\"",
    );
    let run = w.run(&["check", "--format", "json"]);
    run.code(1);
    assert_eq!(run.codes(), ["invalid-setting", "unknown-field"]);
}
