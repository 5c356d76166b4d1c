//! `infolettre preview`: the real binary serving a temporary workspace on a
//! port the system chooses, read over HTTP/1.1 on 127.0.0.1 as a browser
//! would (raw requests, so that no path is normalised on the way), edited as
//! editors save (in place, by rename, by delete and create), stopped by a
//! signal. Every wait polls with a deadline: no assertion is about time.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::harness::{Workspace, repo};
use crate::html::artifacts;

/// How long a change may take to show before the test gives up.
const DEADLINE: Duration = Duration::from_secs(20);

const ARTICLE: &str = "issues/2017-12/nouvelles-du-reseau/01-cocade.md";
const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// A running `infolettre preview`, killed when dropped.
struct Preview {
    child: Child,
    port: u16,
    stderr: Arc<Mutex<String>>,
}

impl Preview {
    fn start(w: &Workspace, extra: &[&str]) -> Self {
        Self::start_with(w, extra, &[])
    }

    fn start_with(w: &Workspace, extra: &[&str], env: &[(&str, &str)]) -> Self {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("infolettre"))
            .arg("-C")
            .arg(w.root())
            .args(["preview", "--port", "0"])
            .args(extra)
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary starts");
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut err = child.stderr.take().unwrap();
        let sink = stderr.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = err.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = out.read_line(&mut line);
            let _ = tx.send(line);
            // Keep reading, so that the preview never blocks on a full pipe.
            let mut rest = String::new();
            let _ = out.read_to_string(&mut rest);
        });
        let line = rx
            .recv_timeout(Duration::from_secs(120))
            .unwrap_or_else(|_| {
                panic!(
                    "no URL on standard output; stderr:\n{}",
                    stderr.lock().unwrap()
                )
            });
        let port = line
            .trim()
            .strip_prefix("http://127.0.0.1:")
            .and_then(|rest| rest.strip_suffix('/'))
            .and_then(|port| port.parse().ok())
            .unwrap_or_else(|| {
                panic!(
                    "the first line is not the URL: {line:?}; stderr:\n{}",
                    stderr.lock().unwrap()
                )
            });
        Self {
            child,
            port,
            stderr,
        }
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Sends one raw request; returns the status, the head and the body.
    fn request(&self, raw: &str) -> (u16, String, Vec<u8>) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("the port is open");
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        stream.write_all(raw.as_bytes()).unwrap();
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).expect("a whole answer");
        let split = bytes
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .unwrap_or_else(|| panic!("no head in {:?}", String::from_utf8_lossy(&bytes)));
        let head = String::from_utf8_lossy(&bytes[..split]).into_owned();
        let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap();
        (status, head, bytes[split + 4..].to_vec())
    }

    fn get(&self, path: &str) -> (u16, String, Vec<u8>) {
        self.request(&format!(
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
            self.port
        ))
    }

    /// The body of a route that must answer 200.
    fn ok(&self, path: &str) -> Vec<u8> {
        let (status, head, body) = self.get(path);
        assert_eq!(status, 200, "{path}: {head}");
        body
    }

    fn text(&self, path: &str) -> String {
        String::from_utf8(self.ok(path)).unwrap()
    }

    fn json(&self, path: &str) -> Value {
        serde_json::from_slice(&self.ok(path)).unwrap()
    }

    /// Polls until `done` holds, or fails after the deadline saying `what`.
    fn wait_for(&self, what: &str, mut done: impl FnMut(&Self) -> bool) {
        let start = Instant::now();
        while !done(self) {
            assert!(
                start.elapsed() < DEADLINE,
                "{what}: not seen within {DEADLINE:?}; stderr:\n{}",
                self.stderr()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Sends `signal` and waits for the exit.
    fn stop(mut self, signal: i32) -> ExitStatus {
        let pid = self.child.id() as libc::pid_t;
        assert_eq!(unsafe { libc::kill(pid, signal) }, 0);
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(start.elapsed() < DEADLINE, "still running after the signal");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The event stream of a preview, read line by line.
struct Events(BufReader<TcpStream>);

impl Events {
    fn open(preview: &Preview) -> Self {
        let mut stream = TcpStream::connect(("127.0.0.1", preview.port)).unwrap();
        stream.set_read_timeout(Some(DEADLINE)).unwrap();
        write!(
            stream,
            "GET /events HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n",
            preview.port
        )
        .unwrap();
        let mut reader = BufReader::new(stream);
        let mut head = String::new();
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            if line == "\r\n" || line.is_empty() {
                break;
            }
            head.push_str(&line);
        }
        assert!(head.starts_with("HTTP/1.1 200"), "{head}");
        assert!(head.contains("text/event-stream"), "{head}");
        Self(reader)
    }

    /// The generation of the next `render` event (comments are skipped).
    fn next(&mut self) -> u64 {
        loop {
            let mut line = String::new();
            let n = self
                .0
                .read_line(&mut line)
                .expect("an event within the deadline");
            assert!(n > 0, "the event stream closed");
            if let Some(data) = line.trim_end().strip_prefix("data: ") {
                return data.parse().unwrap();
            }
        }
    }
}

fn sample() -> Workspace {
    Workspace::fixture("sample")
}

/// Whether `findings.json` holds a finding about `file`.
fn has_finding(preview: &Preview, file: &str) -> bool {
    let findings = preview.json("/findings.json");
    findings["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["file"] == file)
}

fn page_urls(preview: &Preview) -> Vec<String> {
    preview.json("/status")["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["url"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn preview_serves_both_editions_and_follows_every_way_of_saving() {
    let w = sample();
    let preview = Preview::start(&w, &[]);
    let page = preview.text("/");
    assert!(
        page.contains("<iframe") && page.contains("/events"),
        "{page}"
    );
    let email = preview.text("/email.html");
    assert!(email.contains("COCADE"), "the article is not in the email");
    assert!(preview.ok("/page/1.png").starts_with(PNG_SIGNATURE));
    assert!(preview.ok("/edition.pdf").starts_with(b"%PDF"));
    assert!(
        preview
            .ok("/images/cocade-formation.png")
            .starts_with(PNG_SIGNATURE)
    );
    // The email refers to its pictures where the preview serves them.
    assert!(email.contains("src=\"images/cocade-formation.png\""));
    let pages_before = page_urls(&preview);
    assert!(!pages_before.is_empty());

    let mut events = Events::open(&preview);
    let first = events.next();

    // In place.
    w.edit(ARTICLE, "Au total", "Zorglub au total");
    preview.wait_for("the word written in place", |p| {
        p.text("/email.html").contains("Zorglub")
    });
    assert!(events.next() > first, "no event after the change");
    preview.wait_for("the print edition of the change", |p| {
        page_urls(p) != pages_before && !p.json("/status")["printing"].as_bool().unwrap()
    });

    // A new file renamed over the old one (vim, most IDEs).
    let text = w.read(ARTICLE).replace("Zorglub", "Blorpette");
    let temp = w.path("issues/2017-12/nouvelles-du-reseau/.01-cocade.md.tmp");
    std::fs::write(&temp, text).unwrap();
    std::fs::rename(&temp, w.path(ARTICLE)).unwrap();
    preview.wait_for("the word saved by rename", |p| {
        let email = p.text("/email.html");
        email.contains("Blorpette") && !email.contains("Zorglub")
    });

    // Deleted, then created again.
    let text = w.read(ARTICLE).replace("Blorpette", "Quuxine");
    w.remove(ARTICLE);
    w.write(ARTICLE, text);
    preview.wait_for("the word saved by delete and create", |p| {
        p.text("/email.html").contains("Quuxine")
    });

    // A new article in a new folder is picked up too.
    w.write(
        "issues/2017-12/nouvelles-du-reseau/05-nouveau.md",
        "+++\ntitle = \"Un article tout neuf\"\n+++\n\nFrimoussette.\n",
    );
    preview.wait_for("a new article", |p| {
        p.text("/email.html").contains("Frimoussette")
    });
}

#[test]
fn a_broken_file_shows_its_finding_and_fixing_it_clears_it() {
    let w = sample();
    let preview = Preview::start(&w, &[]);
    assert!(!has_finding(&preview, ARTICLE));
    let good = w.read(ARTICLE);
    w.write(ARTICLE, good.replacen("title = ", "title = = ", 1));
    preview.wait_for("the finding of the broken front matter", |p| {
        has_finding(p, ARTICLE)
    });
    let findings = preview.json("/findings.json");
    assert!(findings["errors"].as_u64().unwrap() >= 1, "{findings}");
    w.write(ARTICLE, &good);
    preview.wait_for("the finding cleared", |p| !has_finding(p, ARTICLE));

    // A broken infolettre.toml is shown too, and the server stays up.
    let settings = w.read("infolettre.toml");
    w.write("infolettre.toml", format!("{settings}\n[newsletter\n"));
    preview.wait_for("the settings' finding", |p| {
        has_finding(p, "infolettre.toml")
    });
    let status = preview.json("/status");
    assert!(
        !status["problems"].as_array().unwrap().is_empty(),
        "{status}"
    );
    // The editions of before stay on show.
    assert!(preview.text("/email.html").contains("COCADE"));
    w.write("infolettre.toml", &settings);
    preview.wait_for("the settings fixed", |p| {
        !has_finding(p, "infolettre.toml") && p.json("/status")["problems"] == Value::Array(vec![])
    });
}

#[test]
fn a_layout_warning_is_shown_until_it_is_mended() {
    let w = sample();
    let preview = Preview::start(&w, &[]);
    let problems = |p: &Preview| p.json("/status")["problems"].to_string();
    assert_eq!(preview.json("/status")["problems"], Value::Array(vec![]));
    let layout = "#set page(paper: \"a4\")\n#text(font: \"No Such Face\")[Bonjour]\n";
    w.write("layouts/print.typ", layout);
    preview.wait_for("the layout's warning", |p| {
        problems(p).contains("warning: unknown font family: no such face")
    });
    assert!(
        problems(&preview).contains("layouts/print.typ:2:"),
        "{}",
        problems(&preview)
    );
    assert!(
        preview
            .stderr()
            .contains("note: the print layout's warning: unknown font family")
    );
    w.write("layouts/print.typ", layout.replace("No Such Face", "Inter"));
    preview.wait_for("the warning gone", |p| {
        p.json("/status")["problems"] == Value::Array(vec![])
    });
}

#[test]
fn nothing_but_its_routes_is_served() {
    let w = sample();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.png"), b"not for the web").unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.png"),
        w.path("issues/2017-12/images/evil.png"),
    )
    .unwrap();
    w.edit(
        ARTICLE,
        "Au cours de ces trois jours",
        "![evil](images/evil.png)\n\nAu cours de ces trois jours",
    );
    // A named pipe in the issue would block whoever opens it.
    let fifo = std::ffi::CString::new(
        w.path("issues/2017-12/nouvelles-du-reseau/pipe.md")
            .to_str()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
    let preview = Preview::start(&w, &[]);
    for path in [
        "/../infolettre.toml",
        "/%2e%2e/infolettre.toml",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/images/..%2f..%2finfolettre.toml",
        "/images/../../infolettre.toml",
        "/images/%2e%2e/%2e%2e/infolettre.toml",
        "/images/evil.png",
        "/infolettre.toml",
        "/issues/2017-12/issue.toml",
        "/issues/2017-12/images/cocade-formation.png",
        "//etc/passwd",
        "/page/0.png",
        "/page/99.png",
        "http://127.0.0.1/infolettre.toml",
    ] {
        let (status, head, body) = preview.get(path);
        assert_eq!(status, 404, "{path}: {head}");
        let body = String::from_utf8_lossy(&body);
        assert!(
            !body.contains("[newsletter]") && !body.contains("not for the web"),
            "{path}"
        );
    }
    let post = format!(
        "POST / HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        preview.port
    );
    assert_eq!(preview.request(&post).0, 405);
    // A page elsewhere that points a name of its own here gets nothing.
    let rebound = "GET /email.html HTTP/1.1\r\nHost: evil.example:80\r\nConnection: close\r\n\r\n";
    assert_eq!(preview.request(rebound).0, 403);
    let head = format!(
        "HEAD / HTTP/1.1\r\nHost: localhost:{}\r\nConnection: close\r\n\r\n",
        preview.port
    );
    let (status, _, body) = preview.request(&head);
    assert_eq!((status, body.len()), (200, 0));
    // The named pipe and the link out of the issue are findings, not hangs.
    let findings = preview.json("/findings.json").to_string();
    assert!(findings.contains("pipe.md"), "{findings}");
    assert!(findings.contains("evil.png"), "{findings}");
}

#[test]
fn ctrl_c_and_sigterm_stop_it_cleanly_and_it_writes_nothing() {
    let w = sample();
    let before = w.snapshot();
    for signal in [libc::SIGINT, libc::SIGTERM] {
        let preview = Preview::start(&w, &[]);
        for path in [
            "/",
            "/email.html",
            "/page/1.png",
            "/edition.pdf",
            "/status",
            "/findings.json",
        ] {
            preview.ok(path);
        }
        let mut events = Events::open(&preview);
        events.next();
        let stderr = preview.stderr.clone();
        let status = preview.stop(signal);
        assert!(
            status.success(),
            "signal {signal}: {status}; stderr:\n{}",
            stderr.lock().unwrap()
        );
    }
    assert_eq!(before, w.snapshot(), "the preview wrote into the workspace");
}

#[test]
fn polling_follows_changes_when_asked_for() {
    let w = sample();
    let preview = Preview::start_with(&w, &[], &[("INFOLETTRE_PREVIEW_POLL", "1")]);
    preview.wait_for("the note about polling", |p| p.stderr().contains("polling"));
    // The poller sees changes made after its first scan of the tree, which
    // a loaded machine may still be making: the word is written again, a
    // new one each second, until the page shows one of them.
    let original = w.read(ARTICLE);
    let mut written = 0;
    let mut last = Instant::now() - Duration::from_secs(1);
    preview.wait_for("the word, seen by polling", |p| {
        if last.elapsed() >= Duration::from_secs(1) {
            written += 1;
            w.write(
                ARTICLE,
                original.replace("Au total", &format!("Polleritude{written} au total")),
            );
            last = Instant::now();
        }
        p.text("/email.html").contains("Polleritude")
    });
}

#[test]
fn an_unknown_issue_or_a_taken_port_is_bad_usage() {
    let w = sample();
    w.cmd(&["preview", "1999-01", "--port", "0"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("1999-01"));
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    w.cmd(&["preview", "--port", &port])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("cannot listen"));
    let outside = tempfile::tempdir().unwrap();
    crate::harness::run_in(outside.path(), &["preview", "--port", "0"]).code(2);
}

#[test]
fn chromium_shows_the_preview_page() {
    let w = sample();
    w.edit(ARTICLE, "title = ", "title = = ");
    let preview = Preview::start(&w, &[]);
    let shot = artifacts().join("preview.png");
    let _ = std::fs::remove_file(&shot);
    let profile = tempfile::tempdir().unwrap();
    // Real time, not virtual time: the page's event stream never ends, and
    // virtual time waits for every request to end.
    let mut chromium = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--window-size=1400,1000",
            "--timeout=6000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("http://127.0.0.1:{}/", preview.port))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chromium runs: .ci/test installs it");
    let start = Instant::now();
    while chromium.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(90) {
            let _ = chromium.kill();
            panic!("chromium did not finish its screenshot");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let mut said = String::new();
    let _ = chromium.stderr.take().unwrap().read_to_string(&mut said);
    let bytes = std::fs::read(&shot).unwrap_or_else(|_| panic!("no screenshot: {said}"));
    assert!(bytes.starts_with(PNG_SIGNATURE));
    // A blank 1400 × 1000 page compresses to a few kilobytes; this one has
    // an email, page images and findings.
    assert!(bytes.len() > 60_000, "{} bytes", bytes.len());
    assert!(
        Path::new(&repo())
            .join("target/test-artifacts/preview.png")
            .is_file()
    );
}
