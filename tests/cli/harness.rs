//! A small fluent harness: copy a fixture workspace into a temporary
//! directory, change it, run the binary in it, look at what came out.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

/// The repository root, where the fixtures and the seed issue live.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A throwaway workspace.
pub struct Workspace {
    dir: tempfile::TempDir,
}

impl Workspace {
    /// A copy of `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> Self {
        let workspace = Self::empty();
        copy_dir(&repo().join("tests/fixtures").join(name), workspace.root());
        workspace
    }

    /// A copy of the repository's own workspace: its settings and the seed issue.
    pub fn seed() -> Self {
        let workspace = Self::empty();
        std::fs::copy(
            repo().join("infolettre.toml"),
            workspace.root().join("infolettre.toml"),
        )
        .unwrap();
        copy_dir(&repo().join("issues"), &workspace.root().join("issues"));
        workspace
    }

    /// A directory with nothing in it.
    pub fn empty() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    /// Writes a file, creating its folders.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> &Self {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
        self
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// Replaces the first occurrence of `from` in a file, which must hold it.
    pub fn edit(&self, rel: &str, from: &str, to: &str) -> &Self {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        self.write(rel, text.replacen(from, to, 1))
    }

    pub fn remove(&self, rel: &str) -> &Self {
        let path = self.path(rel);
        if path.is_dir() {
            std::fs::remove_dir_all(path)
        } else {
            std::fs::remove_file(path)
        }
        .unwrap();
        self
    }

    /// The binary as an `assert_cmd` command run with `-C` on this
    /// workspace, its standard input an empty pipe, with a time limit.
    pub fn cmd(&self, args: &[&str]) -> assert_cmd::Command {
        let mut cmd = assert_cmd::Command::cargo_bin("infolettre").unwrap();
        cmd.arg("-C")
            .arg(self.root())
            .args(args)
            .timeout(std::time::Duration::from_secs(60));
        cmd
    }

    /// `new` without prompts; panics unless it succeeds.
    pub fn new_issue(&self, args: &[&str]) {
        let mut all = vec!["new", "--no-input"];
        all.extend_from_slice(args);
        self.cmd(&all).assert().success();
    }

    /// Every file and directory under the root, with the bytes of each file:
    /// equal snapshots mean an untouched tree.
    pub fn snapshot(&self) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
        fn walk(dir: &Path, out: &mut BTreeMap<PathBuf, Option<Vec<u8>>>) {
            let Ok(entries) = std::fs::read_dir(dir) else {
                return;
            };
            for entry in entries {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    out.insert(path.clone(), None);
                    walk(&path, out);
                } else {
                    out.insert(path.clone(), Some(std::fs::read(&path).unwrap()));
                }
            }
        }
        let mut out = BTreeMap::new();
        walk(self.root(), &mut out);
        out
    }

    /// Every file of an issue, relative to its directory, sorted.
    pub fn files(&self, id: &str) -> Vec<String> {
        let dir = self.path(&format!("issues/{id}"));
        let mut out: Vec<String> = self
            .snapshot()
            .into_iter()
            .filter(|(_, bytes)| bytes.is_some())
            .filter_map(|(path, _)| {
                path.strip_prefix(&dir)
                    .ok()
                    .map(|p| p.to_string_lossy().into_owned())
            })
            .collect();
        out.sort();
        out
    }

    /// Runs `infolettre ARGS` with this workspace as the current directory.
    pub fn run(&self, args: &[&str]) -> Run {
        run_in(self.root(), args)
    }
}

/// Runs the binary in `dir`, with no standard input and no color, killed
/// after 60 seconds: a hang (a FIFO read, a quadratic path) fails the test
/// instead of the whole suite.
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    let out = tempfile::tempdir().unwrap();
    let (stdout, stderr) = (out.path().join("out"), out.path().join("err"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_infolettre"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&stdout).unwrap())
        .stderr(std::fs::File::create(&stderr).unwrap())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > std::time::Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("`infolettre {}` hangs", args.join(" "));
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    };
    Run {
        code: status.code().expect("the process was not killed"),
        stdout: String::from_utf8(std::fs::read(stdout).unwrap()).unwrap(),
        stderr: String::from_utf8(std::fs::read(stderr).unwrap()).unwrap(),
    }
}

/// What a run printed and how it ended.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// One diagnostic of the JSON format, reduced to what tests compare.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Found {
    pub code: String,
    pub file: String,
    pub line: u64,
    pub column: u64,
}

/// Shorthand for an expected diagnostic.
pub fn found(code: &str, file: &str, line: u64, column: u64) -> Found {
    Found {
        code: code.into(),
        file: file.into(),
        line,
        column,
    }
}

impl Run {
    /// Asserts the exit code, showing the output when it is wrong.
    pub fn code(&self, expected: i32) -> &Self {
        assert_eq!(
            self.code, expected,
            "exit code\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// The JSON report printed by `check --format json`.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not one JSON object ({e}):\n{}", self.stdout))
    }

    /// Every diagnostic of the JSON report, sorted.
    /// The findings of one code, in order.
    pub fn found_with(&self, code: &str) -> Vec<Found> {
        self.found()
            .into_iter()
            .filter(|f| f.code == code)
            .collect()
    }

    pub fn found(&self) -> Vec<Found> {
        let json = self.json();
        let mut all: Vec<Found> = json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| Found {
                code: d["code"].as_str().unwrap().into(),
                file: d["file"].as_str().unwrap().into(),
                line: d["line"].as_u64().unwrap(),
                column: d["column"].as_u64().unwrap(),
            })
            .collect();
        all.sort();
        all
    }

    /// The codes of the JSON report, sorted and deduplicated.
    pub fn codes(&self) -> Vec<String> {
        let mut codes: Vec<String> = self.found().into_iter().map(|f| f.code).collect();
        codes.dedup();
        codes
    }

    pub fn stdout_has(&self, needle: &str) -> &Self {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks {needle:?}:\n{}",
            self.stdout
        );
        self
    }

    pub fn stderr_has(&self, needle: &str) -> &Self {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}:\n{}",
            self.stderr
        );
        self
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A tool of the tests that `.ci/test` installs: at the path in the
/// environment variable `variable`, else at `default` under the repository.
pub fn test_tool(variable: &str, default: &str, what: &str) -> PathBuf {
    let tool = std::env::var_os(variable)
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join(default));
    assert!(
        tool.exists(),
        "{what} is missing at {}: run .ci/test, which installs it",
        tool.display()
    );
    tool
}

/// The Python of the test tools (a venv with feedparser, icalendar and
/// aiosmtpd, made by `.ci/test`).
pub fn python() -> PathBuf {
    test_tool(
        "INFOLETTRE_PYTHON",
        "target/test-tools/python/bin/python",
        "the test tools' Python",
    )
}

/// What one of the tests' Python scripts (`tests/cli/<script>`) prints as
/// JSON about `path`.
pub fn python_json(script: &str, path: &Path) -> Value {
    let output = Command::new(python())
        .arg(repo().join("tests/cli").join(script))
        .arg(path)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{script}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}
