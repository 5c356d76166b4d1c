//! A contributor's files can never make the tool read outside the workspace,
//! block, or read without end: symbolic links out, FIFOs, devices, template
//! includes, control characters. Every run of the harness has a time limit,
//! so a regression fails the test instead of hanging the suite.

use std::path::Path;

use crate::harness::{Workspace, run_in};

/// A secret outside every workspace, as CI holds them.
const SECRET: &str = "SECRET-TOKEN-4f1c9b";

fn english() -> Workspace {
    Workspace::fixture("english")
}

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    assert_eq!(
        unsafe { libc::mkfifo(c.as_ptr(), 0o644) },
        0,
        "mkfifo {}",
        path.display()
    );
}

fn replace_with_fifo(w: &Workspace, rel: &str) {
    let path = w.path(rel);
    let _ = std::fs::remove_file(&path);
    mkfifo(&path);
}

fn secret_file() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("secret"), SECRET).unwrap();
    dir
}

/// Everything a run wrote under `dir`, as one string.
fn everything_under(dir: &Path) -> String {
    let mut all = String::new();
    for entry in walkdir::WalkDir::new(dir).into_iter().flatten() {
        if entry.file_type().is_file() {
            all.push_str(&String::from_utf8_lossy(
                &std::fs::read(entry.path()).unwrap(),
            ));
        }
    }
    all
}

#[test]
fn a_section_file_linked_out_of_the_issue_is_a_stray_file_and_never_read() {
    let w = english();
    let secret = secret_file();
    std::fs::remove_file(w.path("issues/2026-03/get-in-touch.md")).unwrap();
    std::os::unix::fs::symlink(
        secret.path().join("secret"),
        w.path("issues/2026-03/get-in-touch.md"),
    )
    .unwrap();
    let run = run_in(w.root(), &["check", "--format", "json"]);
    run.code(1);
    let found = run.found();
    assert!(
        found
            .iter()
            .any(|f| f.code == "stray-file" && f.file == "issues/2026-03/get-in-touch.md"),
        "{found:?}"
    );
    assert!(!run.stdout.contains(SECRET));
    // A draft renders, and the secret reaches no output.
    let run = run_in(
        w.root(),
        &[
            "render", "--draft", "--md", "--html", "--text", "--out", "out",
        ],
    );
    run.code(0);
    assert!(!everything_under(&w.path("out")).contains(SECRET));
}

#[test]
fn new_carries_nothing_over_from_a_calls_file_linked_out_of_the_issue() {
    let w = english();
    let outside = tempfile::tempdir().unwrap();
    let calls = w
        .read("issues/2026-03/funding.toml")
        .replace("title = \"", &format!("title = \"{SECRET} "));
    std::fs::write(outside.path().join("funding.toml"), calls).unwrap();
    std::fs::remove_file(w.path("issues/2026-03/funding.toml")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("funding.toml"),
        w.path("issues/2026-03/funding.toml"),
    )
    .unwrap();
    run_in(w.root(), &["new", "--no-input", "--date", "2026-04-01"]).code(0);
    assert!(!everything_under(&w.path("issues/2026-04")).contains(SECRET));
}

#[test]
fn fifos_in_the_workspace_never_block() {
    for rel in [
        "issues/2026-03/foreword.md",
        "issues/2026-03/diary.toml",
        "issues/2026-03/news/01-harbour-careers-fair.md",
        "issues/2026-03/issue.toml",
        "contacts.toml",
    ] {
        let w = english();
        replace_with_fifo(&w, rel);
        let run = run_in(w.root(), &["check", "--format", "json"]);
        run.code(1);
        assert!(
            run.found()
                .iter()
                .any(|f| f.code == "stray-file" && f.file == rel),
            "{rel}: {:?}",
            run.found()
        );
        run_in(w.root(), &["render", "--md", "2026-03"]).code(1);
    }
}

#[test]
fn a_fifo_as_the_settings_is_reported_not_waited_for() {
    let w = english();
    replace_with_fifo(&w, "infolettre.toml");
    let run = run_in(w.root(), &["check", "--format", "json"]);
    run.code(1);
    assert_eq!(run.codes(), ["stray-file"]);
    run_in(w.root(), &["new", "--no-input", "--date", "2026-04-01"]).code(1);
    assert!(!w.path("issues/2026-04").exists());
}

#[test]
fn a_link_to_a_device_is_never_read() {
    let w = english();
    // Inside the issue, /dev/zero would read until memory runs out.
    std::fs::remove_file(w.path("issues/2026-03/foreword.md")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", w.path("issues/2026-03/foreword.md")).unwrap();
    let run = run_in(w.root(), &["check", "--format", "json"]);
    run.code(1);
    assert!(
        run.found()
            .iter()
            .any(|f| f.code == "stray-file" && f.file == "issues/2026-03/foreword.md")
    );
}

#[test]
fn the_email_template_cannot_include_a_file_from_outside() {
    let secret = secret_file();
    let path = secret.path().join("secret");
    let include = format!("{{% include \"{}\" %}}", path.display());
    let relative = "{% include \"../../../../../../../../../etc/hostname\" %}".to_owned();
    for payload in [include, relative] {
        let w = english();
        let template =
            std::fs::read_to_string(crate::harness::repo().join("layouts/email.html")).unwrap();
        w.write(
            "layouts/email.html",
            template.replacen("<body", &format!("{payload}<body"), 1),
        );
        let run = run_in(w.root(), &["render", "--html", "--out", "out"]);
        run.code(2);
        assert!(
            !run.stderr.contains(SECRET) && !w.path("out").exists(),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn a_layout_file_linked_out_of_layouts_is_refused() {
    let w = english();
    let secret = secret_file();
    std::fs::create_dir_all(w.path("layouts")).unwrap();
    std::os::unix::fs::symlink(secret.path().join("secret"), w.path("layouts/email.css")).unwrap();
    let run = run_in(w.root(), &["render", "--html", "--out", "out"]);
    run.code(2).stderr_has("layouts/email.css");
    assert!(!run.stderr.contains(SECRET));
    assert!(!w.path("out").exists());
}

#[test]
fn control_characters_are_encoding_errors_at_their_place_and_a_draft_still_renders() {
    let w = english();
    w.edit(
        "issues/2026-03/news/01-harbour-careers-fair.md",
        "Record turnout",
        "Record\u{1b}[31m turnout",
    );
    w.edit(
        "issues/2026-03/foreword.md",
        "Dear members",
        "Dear\u{7} members",
    );
    let run = run_in(w.root(), &["check", "--format", "json"]);
    run.code(1);
    let found = run.found();
    let encoding: Vec<_> = found
        .iter()
        .filter(|f| f.code == "encoding")
        .map(|f| (f.file.as_str(), f.line, f.column))
        .collect();
    assert_eq!(
        encoding,
        [
            ("issues/2026-03/foreword.md", 6, 5),
            ("issues/2026-03/news/01-harbour-careers-fair.md", 2, 16)
        ],
        "{found:?}"
    );
    // Nothing else is lost: the file is still checked and rendered.
    let run = run_in(w.root(), &["render", "--draft", "--out", "out"]);
    run.code(0);
    let text = w.read("out/2026-03.txt");
    assert!(text.contains("Record") && text.contains("turnout") && !text.contains('\u{1b}'));
}

/// An agenda of `n` events of the english fixture's first group.
fn agenda_of(n: usize) -> String {
    (0..n)
        .map(|i| format!("[[event]]\ndate = 2026-04-{:02}\ntitle = \"Meeting {i}\"\ngroup = \"Network meetings\"\n", i % 28 + 1))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn an_agenda_past_what_the_print_edition_lays_out_is_refused_even_as_a_draft() {
    let w = english();
    w.write("issues/2026-03/diary.toml", agenda_of(100_000));
    let run = run_in(w.root(), &["check", "--format", "json"]);
    run.code(1);
    let too_large = run.found_with("too-large");
    // At the title of the 1,001st event (four lines and a blank per event).
    assert_eq!(too_large.len(), 1, "{too_large:?}");
    assert_eq!(
        (too_large[0].file.as_str(), too_large[0].line),
        ("issues/2026-03/diary.toml", 1000 * 5 + 3)
    );
    let run = run_in(w.root(), &["render", "--pdf", "--draft", "--out", "out"]);
    run.code(1).stderr_has("not even a draft");
    assert!(!w.path("out").exists());
}

#[test]
fn an_agenda_at_the_limit_still_prints() {
    let w = english();
    w.write("issues/2026-03/diary.toml", agenda_of(1_000));
    run_in(w.root(), &["render", "--pdf", "--draft", "--out", "out"]).code(0);
    assert!(w.path("out/2026-03.pdf").is_file());
}

#[test]
fn tables_past_the_row_limit_are_too_large() {
    let w = english();
    let rows: String = (0..2_001).map(|i| format!("| row {i} | {i} |\n")).collect();
    let article = "issues/2026-03/news/03-new-centre-in-lerwick.md";
    let text = w.read(article);
    w.write(
        article,
        format!("{text}\n| What | Count |\n| --- | --- |\n{rows}"),
    );
    let run = run_in(w.root(), &["check", "--format", "json"]);
    run.code(1);
    let too_large: Vec<_> = run
        .found_with("too-large")
        .into_iter()
        .map(|f| f.file)
        .collect();
    assert_eq!(too_large, [article]);
}

#[test]
fn an_issue_past_the_article_limit_is_too_large_and_one_at_the_limit_is_not() {
    let w = english();
    let article = |i: usize| {
        format!(
            "+++\ntitle = \"Drop-in session {i}\"\ncontacts = [{{ name = \"Tom Okafor\", email = \"tom.okafor@harbourcareers.org.uk\" }}]\n+++\n\nAdvisers meet visitors at stand {i}.\n"
        )
    };
    // The fixture has three articles: 498 more make 501.
    for i in 0..498 {
        w.write(
            &format!("issues/2026-03/news/{:03}-drop-in.md", i + 10),
            article(i),
        );
    }
    let run = run_in(w.root(), &["check", "--format", "json"]);
    run.code(1);
    let too_large: Vec<_> = run
        .found_with("too-large")
        .into_iter()
        .map(|f| f.file)
        .collect();
    assert_eq!(too_large, ["issues/2026-03/"]);
    run_in(w.root(), &["render", "--md", "--draft", "--out", "out"]).code(1);
    assert!(!w.path("out").exists(), "a refused render writes nothing");
    w.remove("issues/2026-03/news/507-drop-in.md");
    let run = run_in(w.root(), &["check", "--format", "json"]);
    assert!(
        !run.codes().contains(&"too-large".to_owned()),
        "{:?}",
        run.codes()
    );
}

#[test]
fn an_issue_past_the_link_limit_is_too_large_at_the_first_link_over() {
    let w = english();
    let article = "issues/2026-03/news/03-new-centre-in-lerwick.md";
    let text = w.read(article);
    let with_links = |n: usize| {
        let links: String = (0..n)
            .map(|i| format!("[stand {i}](https://www.harbourcareers.org.uk/{i})\n"))
            .collect();
        w.write(article, format!("{text}\n{links}"));
        let run = run_in(w.root(), &["check", "--format", "json"]);
        run.found_with("too-large")
            .into_iter()
            .map(|f| (f.file, f.line))
            .collect::<Vec<_>>()
    };
    // 2,001 links here are over the limit, whatever the other files hold.
    let found = with_links(2_001);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, article);
    // At the first link over: the other files hold a few links, so it is
    // one of the last of the 2,001.
    let first_link_line = text.lines().count() as u64 + 2;
    let k = (found[0].1 - first_link_line) as usize + 1;
    assert!((1_990..=2_001).contains(&k), "link {k}");
    assert!(with_links(1_000).is_empty());
    with_links(2_001);
    run_in(w.root(), &["render", "--pdf", "--draft", "--out", "out"]).code(1);
    assert!(!w.path("out").exists());
}
