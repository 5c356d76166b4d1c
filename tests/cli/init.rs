//! `init` makes the user's newsletter: flags and prompts give the settings,
//! bad values are refused before anything is written; and a closed stdout
//! (`| head`) ends every printing command quietly.

use std::path::Path;
use std::process::{Command as StdCommand, Stdio};
use std::time::Duration;

use assert_cmd::Command;
use predicates::prelude::*;

use crate::harness::Workspace;

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_infolettre")
}

fn settings(dir: &Path) -> toml::Table {
    std::fs::read_to_string(dir.join("infolettre.toml"))
        .unwrap()
        .parse()
        .unwrap()
}

/// Every file under `dir`, with its text (lossy), for looking through.
fn texts(dir: &Path) -> Vec<(String, String)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let text = String::from_utf8_lossy(&std::fs::read(e.path()).unwrap()).into_owned();
            (e.path().display().to_string(), text)
        })
        .collect()
}

#[test]
fn flags_give_the_settings_and_the_workspace_checks() {
    let ws = Workspace::empty();
    ws.cmd(&[
        "init",
        "bulletin",
        "--title",
        "Le Bulletin",
        "--publisher",
        "Association des quais",
        "--language",
        "fr",
        "--website",
        "https://quais-lorient.fr",
        "--contact",
        "redaction@quais-lorient.fr",
    ])
    .assert()
    .success();
    let dir = ws.path("bulletin");
    let toml = settings(&dir);
    let newsletter = toml["newsletter"].as_table().unwrap();
    let get = |key: &str| newsletter[key].as_str().unwrap().to_owned();
    assert_eq!(get("title"), "Le Bulletin");
    assert_eq!(get("publisher"), "Association des quais");
    assert_eq!(get("language"), "fr");
    assert_eq!(get("website"), "https://quais-lorient.fr");
    assert_eq!(get("contact"), "redaction@quais-lorient.fr");
    // The explanatory comments are kept, the team is only an example.
    let text = std::fs::read_to_string(dir.join("infolettre.toml")).unwrap();
    assert!(text.contains("# The sections, in print order."));
    assert!(text.contains("# [[team]]") && toml.get("team").is_none());

    for (path, text) in texts(&dir) {
        for name in ["Réseau", "Castello", "Cités des métiers", "citedesmetiers"] {
            assert!(!text.contains(name), "{path} holds {name:?}");
        }
    }

    // A first issue, then a check that finds only the placeholders to fill in.
    let in_dir = |args: &[&str]| {
        let mut cmd = Command::cargo_bin("infolettre").unwrap();
        cmd.arg("-C")
            .arg(&dir)
            .args(args)
            .timeout(Duration::from_secs(60));
        cmd
    };
    in_dir(&["new", "--no-input", "--date", "2027-01-15"])
        .assert()
        .success();
    assert!(dir.join("issues/2027-01/news").is_dir());
    let output = in_dir(&["check", "--format", "json"]).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let codes: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(codes.iter().all(|c| *c == "placeholder"), "{json}");
}

#[test]
fn without_flags_the_title_comes_from_the_directory_and_the_language_is_english() {
    let ws = Workspace::empty();
    ws.cmd(&["init", "club-photo", "--no-input"])
        .assert()
        .success();
    let toml = settings(&ws.path("club-photo"));
    assert_eq!(toml["newsletter"]["title"].as_str(), Some("Club photo"));
    assert_eq!(toml["newsletter"]["publisher"].as_str(), Some("Club photo"));
    assert_eq!(toml["newsletter"]["language"].as_str(), Some("en"));
    assert!(toml["newsletter"].get("website").is_none());
    let titles: Vec<&str> = toml["section"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Editorial",
            "News",
            "Agenda",
            "Calls for projects",
            "Contact"
        ]
    );
}

#[test]
fn a_bad_flag_is_bad_usage_and_writes_nothing() {
    for (flag, value) in [
        ("--language", "gl"),
        ("--language", "klingon"),
        ("--website", "ftp://example.org"),
        ("--website", "example.org"),
        ("--contact", "nobody@@example.org"),
        ("--title", ""),
    ] {
        let ws = Workspace::empty();
        ws.cmd(&["init", "n", flag, value])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(flag));
        assert!(
            ws.snapshot().is_empty(),
            "{flag} {value}: something was written"
        );
    }
    // The error for a language lists the ones there are.
    let ws = Workspace::empty();
    ws.cmd(&["init", "--language", "gl"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("fr").and(predicate::str::contains("de")));
}

#[test]
fn the_prompts_on_a_terminal_ask_what_the_flags_left_open() {
    use expectrl::{Eof, Session, WaitStatus};

    let ws = Workspace::empty();
    let mut command = StdCommand::new(bin());
    command
        .arg("-C")
        .arg(ws.root())
        .args(["init", "gazette", "--publisher", "Les Amis"])
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
    answer("Title of the newsletter", "\r"); // the default, from the directory
    answer("Language", "gl\r");
    answer("not a language", "es\r");
    answer("Website", "https://amis.example.org\r");
    answer("Contact address", "\r");
    session.expect(Eof).unwrap();
    assert!(matches!(
        session.get_process().wait().unwrap(),
        WaitStatus::Exited(_, 0)
    ));

    let toml = settings(&ws.path("gazette"));
    let newsletter = toml["newsletter"].as_table().unwrap();
    assert_eq!(newsletter["title"].as_str(), Some("Gazette"));
    assert_eq!(newsletter["publisher"].as_str(), Some("Les Amis"));
    assert_eq!(newsletter["language"].as_str(), Some("es"));
    assert_eq!(
        newsletter["website"].as_str(),
        Some("https://amis.example.org")
    );
    assert!(newsletter.get("contact").is_none());
    assert_eq!(toml["section"][1]["title"].as_str(), Some("Noticias"));
}

/// Runs the binary with a stdout pipe whose reader is gone before the first write.
fn with_stdout_closed(dir: &Path, args: &[&str]) -> std::process::Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let child = StdCommand::new(bin())
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(Stdio::null())
        .stdout(writer)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn a_closed_stdout_ends_the_printing_commands_quietly() {
    let ws = Workspace::empty();
    for args in [&["completions", "bash"][..], &["man"]] {
        let output = with_stdout_closed(ws.root(), args);
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        assert!(
            output.stderr.is_empty(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    // `init` prints the files it wrote: they are written, the rest is silence
    // with the code of an I/O failure (the output asked for was not delivered).
    let output = with_stdout_closed(ws.root(), &["init", "w", "--no-input"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(ws.path("w/infolettre.toml").is_file());
}
