//! `infolettre send` against a real SMTP server on 127.0.0.1 (aiosmtpd,
//! started by each test): a proof arrives as the `.eml` plus its `To`; a
//! refused recipient, a refused login or a dropped connection is exit 1
//! with the server's words; an issue with errors sends nothing. Over
//! STARTTLS and implicit TLS the server's certificate is checked: a CA the
//! client was not told to trust is refused, one given by `--ca-file` is
//! trusted.

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
        Server::start_with(auth, "none")
    }

    /// A server speaking TLS as `--tls` names it (`starttls`, `implicit`
    /// or `none`); its CA's certificate is [`Server::ca`].
    fn start_with(auth: Option<(&str, &str)>, tls: &str) -> Server {
        let inbox = tempfile::tempdir().unwrap();
        let mut command = Command::new(python());
        command
            .arg(repo().join("tests/cli/smtp_server.py"))
            .arg(inbox.path())
            .args(["--tls", tls]);
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

    fn ca(&self) -> std::path::PathBuf {
        self.inbox.path().join("ca.pem")
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

/// Over each kind of TLS: the server's certificate, signed by a CA of the
/// test's own, is refused until `--ca-file` names that CA; then the login
/// and the proof go through the encrypted connection.
#[test]
fn tls_checks_the_server_certificate_and_trusts_the_ca_file() {
    let w = Workspace::seed();
    for tls in ["starttls", "implicit"] {
        let server = Server::start_with(Some(("editor", "s3cret")), tls);
        let address = server.address();
        let ca = server.ca();
        let base = [
            "send",
            "--smtp",
            &address,
            "--tls",
            tls,
            "--to",
            "editor@citedesmetiers.fr",
            "--user",
            "editor",
        ];
        w.cmd(&base)
            .env("INFOLETTRE_SMTP_PASSWORD", "s3cret")
            .assert()
            .code(1)
            .stderr(predicates::str::contains("invalid peer certificate"))
            .stderr(predicates::str::contains("--ca-file"))
            .stderr(predicates::str::contains("nothing was sent"));
        assert!(
            server.received().is_empty(),
            "{tls}: an untrusted server gets nothing"
        );
        let mut trusted = base.to_vec();
        trusted.extend(["--ca-file", ca.to_str().unwrap()]);
        w.cmd(&trusted)
            .env("INFOLETTRE_SMTP_PASSWORD", "s3cret")
            .assert()
            .code(0);
        assert_eq!(server.received().len(), 1, "{tls}: the proof arrives");
    }
}

#[test]
fn a_ca_file_that_is_no_certificate_is_bad_usage() {
    let w = Workspace::seed();
    w.write(
        "not-a-ca.pem",
        "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
    );
    for (file, tls, said) in [
        ("not-a-ca.pem", "starttls", "holds no PEM certificate"),
        (
            "issues/2017-12/issue.toml",
            "implicit",
            "holds no PEM certificate",
        ),
        ("missing.pem", "starttls", "missing.pem"),
        ("not-a-ca.pem", "none", "--tls is none"),
    ] {
        w.run(&[
            "send",
            "--smtp",
            "127.0.0.1:9",
            "--tls",
            tls,
            "--to",
            "editor@citedesmetiers.fr",
            "--ca-file",
            file,
        ])
        .code(2)
        .stderr_has(said);
    }
}
