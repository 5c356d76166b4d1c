//! `infolettre send` against a real SMTP server on 127.0.0.1 (aiosmtpd,
//! started by each test): a proof arrives as the `.eml` plus its `To`; a
//! refused recipient, a refused login or a dropped connection is exit 1
//! with the server's words; an issue with errors sends nothing.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use crate::harness::{Workspace, python, repo};

/// A running test server; killed when dropped.
struct Server {
    child: Child,
    port: u16,
    inbox: tempfile::TempDir,
}

impl Server {
    fn start(auth: Option<(&str, &str)>) -> Server {
        let inbox = tempfile::tempdir().unwrap();
        let mut command = Command::new(python());
        command
            .arg(repo().join("tests/cli/smtp_server.py"))
            .arg(inbox.path());
        if let Some((user, password)) = auth {
            command.args(["--user", user, "--password", password]);
        }
        let mut child = command
            .stdout(Stdio::piped())
            .spawn()
            .expect("the test SMTP server starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line.trim().parse().expect("the server prints its port");
        Server { child, port, inbox }
    }

    fn address(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// The messages received, in order, with their envelope recipients.
    fn received(&self) -> Vec<(Vec<u8>, serde_json::Value)> {
        (1..)
            .map_while(|n| {
                let eml = std::fs::read(self.inbox.path().join(format!("{n}.eml"))).ok()?;
                let envelope =
                    std::fs::read_to_string(self.inbox.path().join(format!("{n}.json"))).ok()?;
                Some((eml, serde_json::from_str(&envelope).unwrap()))
            })
            .collect()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn send(w: &Workspace, server: &Server, to: &[&str], extra: &[&str]) -> crate::harness::Run {
    let address = server.address();
    let mut args = vec!["send", "--smtp", &address, "--tls", "none"];
    for t in to {
        args.extend(["--to", t]);
    }
    args.extend(extra);
    w.run(&args)
}

#[test]
fn a_proof_arrives_as_the_eml_with_its_to() {
    let w = Workspace::seed();
    w.run(&["render", "--eml", "--out", "out"]).code(0);
    let eml = std::fs::read(w.path("out/2017-12.eml")).unwrap();
    let server = Server::start(None);
    send(
        &w,
        &server,
        &[
            "ludovic.collin@reseaucitesdesmetiers.com",
            "Maud <maud.bois-gallou@reseaucitesdesmetiers.com>",
        ],
        &[],
    )
    .code(0)
    .stdout_has("sent to ludovic.collin@reseaucitesdesmetiers.com")
    .stdout_has("sent to maud.bois-gallou@reseaucitesdesmetiers.com");
    let received = server.received();
    assert_eq!(received.len(), 2, "one message per --to");
    for ((bytes, envelope), to) in received.iter().zip([
        "ludovic.collin@reseaucitesdesmetiers.com",
        "maud.bois-gallou@reseaucitesdesmetiers.com",
    ]) {
        assert_eq!(envelope["from"], "delegationexecutive@citedesmetiers.fr");
        assert_eq!(envelope["to"], serde_json::json!([to]));
        let mut expected = format!("To: {to}\r\n").into_bytes();
        expected.extend_from_slice(&eml);
        // SMTP ends the data with a line break; the rest is the .eml.
        let text = |b: &[u8]| String::from_utf8_lossy(b).trim_end().to_owned();
        let (got, want) = (text(bytes), text(&expected));
        let first_difference = got.bytes().zip(want.bytes()).position(|(a, b)| a != b);
        assert!(
            got == want,
            "identical to the .eml apart from To: first difference at byte {first_difference:?} of {} and {}",
            got.len(),
            want.len()
        );
    }
}

#[test]
fn a_refused_recipient_stops_with_the_server_words_and_says_what_was_sent() {
    let w = Workspace::seed();
    let server = Server::start(None);
    let run = send(
        &w,
        &server,
        &[
            "editor@citedesmetiers.fr",
            "refuse@citedesmetiers.fr",
            "late@citedesmetiers.fr",
        ],
        &[],
    );
    run.code(1)
        .stderr_has("Recipient address rejected")
        .stderr_has("550")
        .stderr_has("sent to editor@citedesmetiers.fr only");
    assert_eq!(server.received().len(), 1);
}

#[test]
fn a_dropped_connection_is_exit_one() {
    let w = Workspace::seed();
    let server = Server::start(None);
    send(&w, &server, &["drop@citedesmetiers.fr"], &[])
        .code(1)
        .stderr_has("nothing was sent");
}

#[test]
fn login_uses_the_password_variable_and_a_refused_login_is_exit_one() {
    let w = Workspace::seed();
    let server = Server::start(Some(("editor", "s3cret")));
    let address = server.address();
    let args = [
        "send",
        "--smtp",
        &address,
        "--tls",
        "none",
        "--to",
        "editor@citedesmetiers.fr",
        "--user",
        "editor",
    ];
    // No password: bad usage before any connection.
    w.cmd(&args)
        .env_remove("INFOLETTRE_SMTP_PASSWORD")
        .assert()
        .code(2);
    w.cmd(&args)
        .env("INFOLETTRE_SMTP_PASSWORD", "wrong")
        .assert()
        .code(1)
        .stderr(predicates::str::contains("535"));
    assert!(server.received().is_empty());
    w.cmd(&args)
        .env("INFOLETTRE_SMTP_PASSWORD", "s3cret")
        .assert()
        .code(0);
    assert_eq!(server.received().len(), 1);
}

#[test]
fn an_issue_with_errors_sends_nothing() {
    let w = Workspace::seed();
    w.edit(
        "issues/2017-12/editorial.md",
        "Cher.e.s membres",
        "TODO Cher.e.s membres",
    );
    let server = Server::start(None);
    send(&w, &server, &["editor@citedesmetiers.fr"], &[])
        .code(1)
        .stderr_has("nothing was sent");
    assert!(server.received().is_empty());
}
