//! Integration tests of `new`, `add`, `init`, `completions` and `man`: the real
//! binary run on throwaway copies of the repository's workspace.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

use crate::harness::{Workspace, repo};

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_infolettre")
}

/// The findings of `check` on one issue, as (code, file) pairs, and its exit code.
fn check_pairs(ws: &Workspace, id: &str) -> (Vec<(String, String)>, i32) {
    let output = ws.cmd(&["check", id, "--format", "json"]).output().unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    let found = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                d["file"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    (found, output.status.code().unwrap())
}

// ---------------------------------------------------------------------------
// new: defaults, numbering, carry-over, TODOs
// ---------------------------------------------------------------------------

#[test]
fn new_takes_its_id_from_the_date_and_its_number_after_the_highest() {
    let ws = Workspace::seed();
    ws.cmd(&["new", "--no-input", "--date", "2018-01-26"])
        .assert()
        .success()
        .stdout(predicate::str::ends_with("issues/2018-01\n"))
        .stderr(
            predicate::str::contains("next: edit the TODOs, then run `infolettre")
                .and(predicate::str::contains("check 2018-01`")),
        );
    let meta: toml::Table = ws.read("issues/2018-01/issue.toml").parse().unwrap();
    assert_eq!(meta["number"].as_integer(), Some(43));
    let date = meta["date"].as_datetime().expect("a bare TOML date");
    assert_eq!(
        (date.to_string().as_str(), date.time.is_none()),
        ("2018-01-26", true)
    );
    assert!(meta["preheader"].as_str().unwrap().starts_with("TODO"));
    assert!(!meta.contains_key("title"));

    // The highest number wins, whatever the dates; --title lands in issue.toml.
    ws.write(
        "issues/2017-06/issue.toml",
        "number = 50\ndate = 2017-06-15\n",
    );
    ws.new_issue(&["--date", "2018-02-15", "--title", "Spécial « Erasmus+ »"]);
    let meta: toml::Table = ws.read("issues/2018-02/issue.toml").parse().unwrap();
    assert_eq!(meta["number"].as_integer(), Some(51));
    assert_eq!(meta["title"].as_str(), Some("Spécial « Erasmus+ »"));

    // An explicit id and number.
    ws.new_issue(&["hors-serie", "--date", "2018-02-20", "--number", "7"]);
    assert!(
        ws.read("issues/hors-serie/issue.toml")
            .starts_with("number = 7\ndate = 2018-02-20\n")
    );
}

#[test]
fn without_a_date_new_dates_the_issue_today() {
    let ws = Workspace::seed();
    let before = chrono::Local::now().date_naive();
    ws.new_issue(&[]);
    let after = chrono::Local::now().date_naive();
    // Around midnight the date may move on while the command runs.
    let made = [before, after].into_iter().find(|day| {
        let id = day.format("%Y-%m").to_string();
        ws.path(&format!("issues/{id}/issue.toml")).is_file()
            && ws
                .read(&format!("issues/{id}/issue.toml"))
                .contains(&format!("date = {}\n", day.format("%Y-%m-%d")))
    });
    assert!(
        made.is_some(),
        "no issue dated today: {:?}",
        ws.snapshot().keys().collect::<Vec<_>>()
    );
}

#[test]
fn the_first_issue_of_a_workspace_is_number_one() {
    let ws = Workspace::empty();
    ws.new_issue(&["--date", "2018-03-01"]);
    assert!(
        ws.read("issues/2018-03/issue.toml")
            .starts_with("number = 1\n")
    );
}

#[test]
fn new_makes_a_starting_file_for_every_section() {
    let ws = Workspace::seed();
    ws.new_issue(&["--date", "2018-01-26"]);
    assert_eq!(
        ws.files("2018-01"),
        [
            "adresse-de-contact.md",
            "agenda.toml",
            "arrivees-departs/01-todo.md",
            "editorial.md",
            "financements-europeens.toml",
            "inscription.md",
            "issue.toml",
            "nouvelles-des-cdm/01-todo.md",
            "nouvelles-du-reseau/01-todo.md",
        ]
    );
    // The editorial keeps the previous signature; its body is to write.
    let editorial = ws.read("issues/2018-01/editorial.md");
    assert!(
        editorial.starts_with(
            "+++\nsignature = \"Raquel Castello-Branco\"\nrole = \"Présidente du Réseau\"\n+++\n"
        ),
        "{editorial}"
    );
    // Articles: a TODO title, and a TODO contact where the section requires one.
    let required = ws.read("issues/2018-01/nouvelles-des-cdm/01-todo.md");
    assert!(
        required.contains("title = \"TODO") && required.contains("contacts = [{ name = \"TODO\""),
        "{required}"
    );
    let optional = ws.read("issues/2018-01/arrivees-departs/01-todo.md");
    assert!(!optional.contains("\ncontacts ="), "{optional}");
    // Every Markdown file and issue.toml has something to write.
    for file in ws
        .files("2018-01")
        .iter()
        .filter(|f| f.ends_with(".md") || *f == "issue.toml")
    {
        assert!(
            ws.read(&format!("issues/2018-01/{file}")).contains("TODO"),
            "{file} has no TODO"
        );
    }
    // --skip leaves optional sections out.
    ws.new_issue(&[
        "--date",
        "2018-02-26",
        "--skip",
        "inscription",
        "--skip",
        "arrivees-departs",
    ]);
    let files = ws.files("2018-02");
    assert!(
        !files
            .iter()
            .any(|f| f.starts_with("inscription") || f.starts_with("arrivees-departs")),
        "{files:?}"
    );
}

#[test]
fn events_still_ahead_and_open_calls_are_carried_over_and_past_ones_are_not() {
    let ws = Workspace::seed();
    ws.new_issue(&["--date", "2018-01-26"]);
    let agenda = ws.read("issues/2018-01/agenda.toml");
    // 19 and 25 January are past; the event of 31 January – 2 February is still on.
    for gone in [
        "Comité Exécutif restreint",
        "CA d'Effervescence",
        "Sommet européen",
    ] {
        assert!(!agenda.contains(gone), "{gone} carried:\n{agenda}");
    }
    for kept in [
        "date = 2018-01-31\nend = 2018-02-02\n",
        "Comité de labellisation",
        "Réunion CDM21",
        "COCADE",
    ] {
        assert!(agenda.contains(kept), "{kept} missing:\n{agenda}");
    }
    assert!(
        agenda.contains("place = \"Porto\"\ngroup = \"Réunions externes\"\n"),
        "keys kept:\n{agenda}"
    );
    assert!(!agenda.contains("TODO"), "{agenda}");

    ws.new_issue(&["--date", "2018-02-10"]);
    let calls = ws.read("issues/2018-02/financements-europeens.toml");
    assert!(calls.contains("intro = \"\"\"\n### ERASMUS +\n"), "{calls}");
    assert!(
        !calls.contains("deadline = 2018-02-01"),
        "closed calls carried:\n{calls}"
    );
    assert!(
        calls.contains("deadline = 2018-03-21") && calls.contains("deadline = 2018-02-28"),
        "{calls}"
    );
    assert!(
        calls.contains("description = \"\"\"\nLa Commission européenne a également lancé"),
        "{calls}"
    );
    assert_eq!(calls.matches("\n[[call]]\n").count(), 2);
    // The previous issue of 2018-02 is 2018-01 (the latest date before), which carried the agenda on.
    let agenda = ws.read("issues/2018-02/agenda.toml");
    assert!(
        agenda.contains("Carried over from 2018-01") && agenda.contains("COCADE"),
        "{agenda}"
    );
    assert!(
        !agenda.contains("Comité de labellisation") && !agenda.contains("Réunion CDM21"),
        "{agenda}"
    );

    // Nothing ahead: one TODO event and one TODO call.
    ws.new_issue(&["--date", "2019-01-10"]);
    assert!(
        ws.read("issues/2019-01/agenda.toml")
            .contains("title = \"TODO\"")
    );
    let calls = ws.read("issues/2019-01/financements-europeens.toml");
    assert!(
        calls.contains("title = \"TODO\"") && calls.contains("intro = "),
        "{calls}"
    );
}

#[test]
fn a_previous_agenda_that_does_not_parse_is_named_and_replaced_by_a_todo_event() {
    let ws = Workspace::seed();
    let agenda = ws
        .read("issues/2017-12/agenda.toml")
        .replacen("place =", "place = =", 1);
    ws.write("issues/2017-12/agenda.toml", &agenda);
    ws.cmd(&["new", "--no-input", "--date", "2018-01-26"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "nothing was carried over from issues/2017-12/agenda.toml",
        ));
    assert!(
        ws.read("issues/2018-01/agenda.toml")
            .contains("title = \"TODO\"")
    );
    assert!(
        ws.read("issues/2018-01/financements-europeens.toml")
            .contains("deadline = 2018-03-21")
    );
}

#[test]
fn a_new_issue_checks_with_placeholders_only_and_passes_once_they_are_written() {
    for (ws, date) in [
        (Workspace::seed(), "2018-01-26"),
        (Workspace::empty(), "2018-01-26"),
    ] {
        ws.new_issue(&["--date", date]);
        let (found, code) = check_pairs(&ws, "2018-01");
        assert_eq!(code, 1);
        assert!(!found.is_empty());
        let others: Vec<_> = found
            .iter()
            .filter(|(code, _)| code != "placeholder")
            .collect();
        assert!(
            others.is_empty(),
            "findings other than placeholder: {others:?}"
        );

        // The editor's work, done by string replacement.
        for file in ws.files("2018-01") {
            let rel = format!("issues/2018-01/{file}");
            let text = ws
                .read(&rel)
                .replace(
                    "name = \"TODO\", email = \"todo@example.org\"",
                    "name = \"Jeanne Martin\", email = \"jeanne.martin@cite.fr\"",
                )
                .replace("TODO", "Texte");
            ws.write(&rel, &text);
        }
        let (found, code) = check_pairs(&ws, "2018-01");
        assert_eq!((code, found), (0, vec![]));
    }
}

// ---------------------------------------------------------------------------
// new: refusals and failures leave the tree as it was
// ---------------------------------------------------------------------------

#[test]
fn an_existing_id_is_refused_and_nothing_is_touched() {
    let ws = Workspace::seed();
    ws.write("issues/2018-01/notes.txt", "déjà là");
    let before = ws.snapshot();
    ws.cmd(&["new", "--no-input", "2017-12"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("already exists"));
    ws.cmd(&["new", "--no-input", "--date", "2018-01-15"])
        .assert()
        .code(1);
    ws.cmd(&["new", "2018-01", "--date", "2018-02-01"])
        .assert()
        .code(1);
    assert_eq!(ws.snapshot(), before);
}

#[test]
fn a_malformed_id_is_bad_usage() {
    let ws = Workspace::seed();
    let before = ws.snapshot();
    for id in ["", "a/b", "../evil", "..", ".hidden"] {
        ws.cmd(&["new", "--no-input", id])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("issue id"));
    }
    ws.cmd(&["new", "--no-input", "--skip", "agenda"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("required"));
    ws.cmd(&["new", "--no-input", "--date", "2018-02-30"])
        .assert()
        .code(2);
    assert_eq!(ws.snapshot(), before);
}

#[test]
fn when_issues_cannot_be_written_nothing_is_half_made() {
    // `issues` is a file: no directory can be made in it.
    let ws = Workspace::seed();
    std::fs::remove_dir_all(ws.path("issues")).unwrap();
    ws.write("issues", "not a directory");
    let before = ws.snapshot();
    ws.cmd(&["new", "--no-input", "--date", "2018-01-15"])
        .assert()
        .code(2);
    assert_eq!(ws.snapshot(), before);

    // A write that fails halfway (a file-size limit of 0 makes the first
    // non-empty write fail with EFBIG, even for root): the temporary
    // directory is removed and no issue appears.
    let ws = Workspace::seed();
    let before = ws.snapshot();
    let script =
        "trap '' XFSZ; ulimit -f 0; exec \"$0\" -C \"$1\" new --no-input --date 2018-01-15";
    let output = StdCommand::new("sh")
        .args(["-c", script, bin()])
        .arg(ws.root())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("cannot write"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(ws.snapshot(), before);
}

#[test]
fn without_a_terminal_new_never_waits_for_input() {
    let ws = Workspace::seed();
    // A pipe that stays open and silent: reading it would block forever.
    let mut child = StdCommand::new(bin())
        .arg("-C")
        .arg(ws.root())
        .args(["new", "--date", "2018-01-26"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let _held_open = child.stdin.take();
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("`new` waited for input on a pipe");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(status.success(), "{stderr}");
    assert!(ws.path("issues/2018-01/issue.toml").is_file());

    // /dev/null as standard input, too.
    let status = StdCommand::new(bin())
        .arg("-C")
        .arg(ws.root())
        .args(["new", "--date", "2018-02-26"])
        .stdin(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
}

// ---------------------------------------------------------------------------
// new: the interactive flow, on a real pseudo-terminal
// ---------------------------------------------------------------------------

#[test]
fn the_prompts_on_a_terminal_create_the_issue_and_reask_a_wrong_email() {
    use expectrl::{Eof, Session, WaitStatus};

    let ws = Workspace::seed();
    let mut command = StdCommand::new(bin());
    command
        .arg("-C")
        .arg(ws.root())
        .arg("new")
        .env("TERM", "xterm")
        .env("NO_COLOR", "1");
    let mut session = Session::spawn(command).unwrap();
    session.set_expect_timeout(Some(Duration::from_secs(60)));
    let mut answer = |prompt: &str, keys: &str| {
        session
            .expect(prompt)
            .unwrap_or_else(|e| panic!("waiting for {prompt:?}: {e}"));
        session.send(keys).unwrap();
    };
    answer("Publication date", "2018-02-31\r");
    answer("is not a date", "2018-01-26\r");
    answer("Issue id", "\r");
    answer("Issue number", "\r");
    answer("Title of the issue", "Spécial Réunion\r");
    // Optional sections: Abonnement, Arrivées / départs, Financements, Adresse; drop the second.
    answer("Optional sections to include", "j \r");
    answer("Name a first article now?", "y");
    // Sections of articles: Nouvelles des CDM, Nouvelles du Réseau, (Arrivées left out): pick the second.
    answer("Section", "j\r");
    answer("Article title", "Réunion CDM21 à Paris\r");
    answer("Contact name", "Ludovic Collin\r");
    answer("Email of Ludovic Collin", "lcollin@@reseau.com\r");
    answer("not a valid address", "lcollin@reseau.com\r");
    answer("Another article?", "n");
    session.expect(Eof).unwrap();
    assert!(matches!(
        session.get_process().wait().unwrap(),
        WaitStatus::Exited(_, 0)
    ));

    let meta = ws.read("issues/2018-01/issue.toml");
    assert!(
        meta.starts_with("number = 43\ndate = 2018-01-26\ntitle = \"Spécial Réunion\"\n"),
        "{meta}"
    );
    let files = ws.files("2018-01");
    assert!(
        !files.iter().any(|f| f.starts_with("arrivees-departs")),
        "{files:?}"
    );
    assert!(
        files.contains(&"nouvelles-du-reseau/01-reunion-cdm21-a-paris.md".to_owned()),
        "{files:?}"
    );
    assert!(
        files.contains(&"nouvelles-des-cdm/01-todo.md".to_owned()),
        "{files:?}"
    );
    let article = ws.read("issues/2018-01/nouvelles-du-reseau/01-reunion-cdm21-a-paris.md");
    assert_eq!(
        article,
        "+++\ntitle = \"Réunion CDM21 à Paris\"\ncontacts = [{ name = \"Ludovic Collin\", email = \"lcollin@reseau.com\" }]\n+++\n\nTODO\n"
    );
}

#[test]
fn flags_answer_the_questions_without_a_terminal() {
    let ws = Workspace::seed();
    ws.new_issue(&[
        "--date",
        "2018-01-26",
        "--article",
        "nouvelles-du-reseau:Action 2 : partenariats:Ludovic Collin <lcollin@reseau.com>",
        "--article",
        "nouvelles-du-reseau:Prix de la Fondation",
    ]);
    let files = ws.files("2018-01");
    assert!(
        files.contains(&"nouvelles-du-reseau/01-action-2-partenariats.md".to_owned()),
        "{files:?}"
    );
    assert!(
        files.contains(&"nouvelles-du-reseau/02-prix-de-la-fondation.md".to_owned()),
        "{files:?}"
    );
    let second = ws.read("issues/2018-01/nouvelles-du-reseau/02-prix-de-la-fondation.md");
    assert!(
        second.contains("name = \"TODO\""),
        "a required contact stays to write:\n{second}"
    );
    ws.cmd(&[
        "new",
        "--no-input",
        "--date",
        "2018-02-26",
        "--article",
        "agenda:Titre",
    ])
    .assert()
    .code(2)
    .stderr(predicate::str::contains("nouvelles-des-cdm"));
}

// ---------------------------------------------------------------------------
// add
// ---------------------------------------------------------------------------

#[test]
fn add_numbers_after_the_highest_and_names_the_file_from_the_title() {
    let ws = Workspace::seed();
    ws.cmd(&[
        "add",
        "nouvelles-des-cdm",
        "Forum de l'Entrepreneuriat à La Réunion (3ème) !",
        "--contact",
        "Annie BORDIER <annie.bordier@citedesmetiers.re>",
    ])
    .assert()
    .success()
    .stdout(predicate::str::ends_with(
        "issues/2017-12/nouvelles-des-cdm/06-forum-de-l-entrepreneuriat-a-la-reunion-3eme.md\n",
    ));
    let text = ws.read(
        "issues/2017-12/nouvelles-des-cdm/06-forum-de-l-entrepreneuriat-a-la-reunion-3eme.md",
    );
    assert_eq!(
        text,
        "+++\ntitle = \"Forum de l'Entrepreneuriat à La Réunion (3ème) !\"\n\
         contacts = [{ name = \"Annie BORDIER\", email = \"annie.bordier@citedesmetiers.re\" }]\n+++\n\nTODO\n"
    );

    // The latest issue by date is the default; a section folder may not exist yet.
    ws.new_issue(&["--date", "2018-01-26", "--skip", "arrivees-departs"]);
    ws.cmd(&[
        "add",
        "arrivees-departs",
        "Cité des métiers du Grand Genève",
    ])
    .assert()
    .success();
    ws.cmd(&[
        "add",
        "nouvelles-des-cdm",
        "Deux contacts",
        "--contact",
        "A Martin <a.martin@cite.fr>",
        "--contact",
        "B Durand <b.durand@cite.fr>",
    ])
    .assert()
    .success()
    .stdout(predicate::str::ends_with(
        "issues/2018-01/nouvelles-des-cdm/02-deux-contacts.md\n",
    ))
    .stderr(predicate::str::contains("01-todo.md"));
    assert!(
        ws.read("issues/2018-01/arrivees-departs/01-cite-des-metiers-du-grand-geneve.md")
            .contains("title = \"Cité des métiers du Grand Genève\"")
    );
    let two = ws.read("issues/2018-01/nouvelles-des-cdm/02-deux-contacts.md");
    assert!(
        two.contains("contacts = [\n  { name = \"A Martin\"") && two.contains("B Durand"),
        "{two}"
    );
    // A section that requires a contact gets a TODO one.
    ws.cmd(&[
        "add",
        "nouvelles-du-reseau",
        "Sans contact",
        "--issue",
        "2017-12",
    ])
    .assert()
    .success();
    assert!(
        ws.read("issues/2017-12/nouvelles-du-reseau/05-sans-contact.md")
            .contains("name = \"TODO\"")
    );
}

#[test]
fn add_refuses_wrong_sections_and_addresses_without_writing() {
    let ws = Workspace::seed();
    let before = ws.snapshot();
    ws.cmd(&["add", "nouvelles", "T"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "`nouvelles-des-cdm`, `nouvelles-du-reseau`, `arrivees-departs`",
        ));
    ws.cmd(&["add", "agenda", "T"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("of kind agenda"));
    ws.cmd(&[
        "add",
        "nouvelles-des-cdm",
        "T",
        "--contact",
        "Annie <annie.bordier@@cite.re>",
    ])
    .assert()
    .code(2)
    .stderr(predicate::str::contains("not a valid address"));
    ws.cmd(&[
        "add",
        "nouvelles-des-cdm",
        "T",
        "--contact",
        "annie.bordier@cite.re",
    ])
    .assert()
    .code(2);
    ws.cmd(&["add", "nouvelles-des-cdm", "  "]).assert().code(2);
    ws.cmd(&["add", "nouvelles-des-cdm", "T", "--issue", "2099-01"])
        .assert()
        .code(2);
    assert_eq!(ws.snapshot(), before);
}

// ---------------------------------------------------------------------------
// init
// ---------------------------------------------------------------------------

#[test]
fn init_makes_a_workspace_that_new_and_check_accept() {
    let ws = Workspace::empty();
    ws.cmd(&["init", "lettre"])
        .assert()
        .success()
        .stdout(predicate::str::contains("lettre/infolettre.toml"));
    let dir = ws.path("lettre");
    // The newsletter's own settings, not the repository's (tests/cli/init.rs has the details).
    assert!(
        std::fs::read_to_string(dir.join("infolettre.toml"))
            .unwrap()
            .contains("title = \"Lettre\"")
    );
    assert!(dir.join("issues/.gitkeep").is_file());
    assert_eq!(std::fs::read_dir(dir.join("issues")).unwrap().count(), 1);
    let layouts: Vec<_> = walk(&repo().join("layouts"));
    assert!(!layouts.is_empty());
    for rel in &layouts {
        assert_eq!(
            std::fs::read(dir.join("layouts").join(rel)).unwrap(),
            std::fs::read(repo().join("layouts").join(rel)).unwrap(),
            "{rel:?}"
        );
    }
    assert!(
        std::fs::read_to_string(dir.join("layouts/README.md"))
            .unwrap()
            .contains("delete")
    );
    assert!(
        std::fs::read_to_string(dir.join(".gitignore"))
            .unwrap()
            .lines()
            .any(|l| l == "dist/")
    );
    let workflow = std::fs::read_to_string(dir.join(".github/workflows/infolettre.yml")).unwrap();
    assert!(
        workflow.contains("infolettre check --format github")
            && workflow
                .contains("cargo install --locked --git https://github.com/OWNER/infolettre"),
        "{workflow}"
    );

    // No issue yet: `check` says so and passes; then `new` starts the first one.
    let in_dir = |args: &[&str]| {
        let mut cmd = Command::cargo_bin("infolettre").unwrap();
        cmd.arg("-C").arg(&dir).args(args);
        cmd
    };
    in_dir(&["check"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("no issue to check yet"));
    in_dir(&["new", "--no-input", "--date", "2018-01-15"])
        .assert()
        .success();
    let output = in_dir(&["check", "--format", "json"]).output().unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(
        json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["code"] == "placeholder"),
        "{json}"
    );

    // A second init is refused, and changes nothing.
    let before = ws.snapshot();
    ws.cmd(&["init", "lettre"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("already"));
    assert_eq!(ws.snapshot(), before);
}

#[test]
fn init_refuses_a_directory_with_issues_and_keeps_an_existing_gitignore() {
    let ws = Workspace::empty();
    ws.write(
        "a/issues/2018-01/issue.toml",
        "number = 1\ndate = 2018-01-15\n",
    );
    let before = ws.snapshot();
    ws.cmd(&["init", "a"]).assert().code(1);
    assert_eq!(ws.snapshot(), before);

    ws.write(".gitignore", "/target");
    ws.cmd(&["init"]).assert().success();
    assert_eq!(
        ws.read(".gitignore"),
        "/target\n# The rendered issues (infolettre render).\ndist/\n"
    );
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(
                walk(&path)
                    .into_iter()
                    .map(|p| Path::new(path.file_name().unwrap()).join(p)),
            );
        } else {
            out.push(PathBuf::from(path.file_name().unwrap()));
        }
    }
    out
}

// ---------------------------------------------------------------------------
// completions and man
// ---------------------------------------------------------------------------

#[test]
fn completions_and_the_man_page_know_every_command() {
    for args in [&["completions", "bash"][..], &["man"]] {
        let output = Command::cargo_bin("infolettre")
            .unwrap()
            .args(args)
            .output()
            .unwrap();
        assert!(output.status.success(), "{args:?}");
        let text = String::from_utf8(output.stdout).unwrap();
        for command in ["render", "new", "add", "init"] {
            assert!(
                text.contains(command),
                "{args:?} does not mention {command}"
            );
        }
    }
}
