//! All or nothing (issue 9, item 7): `render` puts its outputs in place only
//! once every one is written, so a full disk or an interrupt leaves the
//! earlier set whole and no `.infolettre-*` temporary file behind.

use std::collections::BTreeMap;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::Workspace;

const ARTICLE: &str = "issues/2017-12/nouvelles-du-reseau/02-reunion-cdm21.md";

/// Every file under `dir`, by path relative to it, with its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn temporaries(set: &BTreeMap<String, Vec<u8>>) -> Vec<&String> {
    set.keys()
        .filter(|name| name.rsplit('/').next().unwrap().starts_with(".infolettre-"))
        .collect()
}

/// `render ARGS` in the workspace, not yet waited for.
fn render(w: &Workspace, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_infolettre"));
    cmd.arg("render")
        .args(args)
        .current_dir(w.root())
        .env("NO_COLOR", "1")
        .stdin(Stdio::null());
    cmd
}

#[test]
fn a_write_limit_leaves_the_earlier_outputs_byte_identical() {
    let w = Workspace::seed();
    assert!(render(&w, &["--out", "out"]).status().unwrap().success());
    let before = files(&w.path("out"));
    let sizes: Vec<usize> = ["md", "html", "txt"]
        .iter()
        .map(|ext| before[&format!("2017-12.{ext}")].len())
        .collect();
    // Room for the three text editions, not for the PDF (written last).
    let limit = *sizes.iter().max().unwrap() as u64 + 4096;
    assert!(
        before["2017-12.pdf"].len() as u64 > 2 * limit,
        "the PDF must overflow the limit"
    );
    w.edit(ARTICLE, "leitmotiv", "mot d'ordre");
    let mut cmd = render(&w, &["--out", "out"]);
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            // A write past the limit then fails with EFBIG instead of killing the process.
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let rlimit = libc::rlimit {
                rlim_cur: limit,
                rlim_max: limit,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &rlimit) == 0 {
                Ok(())
            } else {
                Err(std::io::Error::last_os_error())
            }
        });
    }
    let output = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("cannot write") && stderr.contains("2017-12.pdf"),
        "{stderr}"
    );
    let after = files(&w.path("out"));
    assert!(temporaries(&after).is_empty(), "{:?}", temporaries(&after));
    assert!(
        after == before,
        "an earlier output changed: {:?}",
        after.keys().collect::<Vec<_>>()
    );
    // Without the limit the same render goes through, so the limit was the cause.
    assert!(render(&w, &["--out", "out"]).status().unwrap().success());
    assert_ne!(files(&w.path("out"))["2017-12.md"], before["2017-12.md"]);
}

/// Adds `count` articles to the seed, so that a render lasts long enough
/// to be interrupted at different moments.
fn grow(w: &Workspace, count: usize) {
    let text = w.read(ARTICLE);
    for i in 0..count {
        let copy = text.replacen(
            "title = \"Réunion CDM21\"",
            &format!("title = \"Réunion CDM21, suite {i}\""),
            1,
        );
        w.write(
            &format!(
                "issues/2017-12/nouvelles-du-reseau/{:02}-suite-{i}.md",
                10 + i
            ),
            copy,
        );
    }
}

/// Puts `set` back as the whole content of `dir`.
fn restore(dir: &Path, set: &BTreeMap<String, Vec<u8>>) {
    std::fs::remove_dir_all(dir).unwrap();
    for (rel, bytes) in set {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
}

#[test]
fn an_interrupted_render_leaves_all_old_or_all_new_outputs_and_no_temporary() {
    let w = Workspace::seed();
    grow(&w, 60);
    let start = Instant::now();
    assert!(render(&w, &["--out", "out"]).status().unwrap().success());
    let took = start.elapsed();
    let old = files(&w.path("out"));
    w.edit(ARTICLE, "leitmotiv", "mot d'ordre");
    assert!(render(&w, &["--out", "new"]).status().unwrap().success());
    let new = files(&w.path("new"));
    assert_ne!(old, new);
    let mut outcomes = BTreeMap::new();
    // Interrupts spread over the whole run, the last ones near its end,
    // when the files are being written.
    for step in 1..=8u32 {
        restore(&w.path("out"), &old);
        let delay = took.mul_f64(f64::from(step) / 8.0);
        let mut child = render(&w, &["--out", "out"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        // SAFETY: kill(2) on our own child's pid.
        unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
        let status = child.wait().unwrap();
        let after = files(&w.path("out"));
        assert!(
            temporaries(&after).is_empty(),
            "after {delay:?}: {:?}",
            temporaries(&after)
        );
        let outcome = if after == old {
            "old"
        } else if after == new {
            "new"
        } else {
            panic!("after {delay:?} ({status}): a mix of old and new outputs")
        };
        *outcomes.entry(outcome).or_insert(0) += 1;
    }
    assert!(
        outcomes.contains_key("old"),
        "no interrupt landed before the end: {outcomes:?}"
    );
    // The whole test must stay short on a shared machine.
    assert!(took < Duration::from_secs(60), "{took:?}");
}
