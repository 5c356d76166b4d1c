//! `check --changed REV` on a real git repository made by the test: only
//! the issues git says changed, and every issue when the settings, the
//! contacts or the layouts did.

use std::process::Command;

use crate::harness::Workspace;

fn git(w: &Workspace, args: &[&str]) {
    let output = Command::new("git")
        .args([
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@citedesmetiers.fr",
        ])
        .args(args)
        .current_dir(w.root())
        .output()
        .expect("git runs: .ci/test installs it");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The English fixture with three more issues (copies of its one), all
/// committed.
fn repository() -> Workspace {
    let w = Workspace::fixture("english");
    for id in ["2026-04", "2026-05", "2026-06"] {
        crate::harness::copy_dir(&w.path("issues/2026-03"), &w.path(&format!("issues/{id}")));
        w.edit(
            &format!("issues/{id}/issue.toml"),
            "date = 2026-03-",
            &format!("date = {id}-"),
        );
    }
    git(&w, &["init", "-q", "-b", "main"]);
    git(&w, &["add", "."]);
    git(&w, &["commit", "-q", "-m", "four issues"]);
    w
}

/// The ids `check --changed REV` checked: the issues whose planted
/// `TODO` it reports.
fn checked(w: &Workspace, rev: &str) -> Vec<String> {
    let run = w.run(&["check", "--changed", rev, "--format", "json"]);
    let mut ids: Vec<String> = run
        .found_with("placeholder")
        .into_iter()
        .filter_map(|f| f.file.split('/').nth(1).map(str::to_owned))
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

#[test]
fn only_the_issues_git_says_changed_are_checked() {
    let w = repository();
    // A defect in every issue, committed: only a changed issue reports it.
    for id in ["2026-03", "2026-04", "2026-05", "2026-06"] {
        let path = format!("issues/{id}/get-in-touch.md");
        let text = w.read(&path);
        w.write(&path, format!("{text}\nTODO\n"));
    }
    git(&w, &["commit", "-q", "-am", "defects"]);
    git(&w, &["tag", "base"]);
    assert!(checked(&w, "base").is_empty());
    w.run(&["check", "--changed", "base"])
        .code(0)
        .stdout_has("no issue changed");

    // Committed since, staged, unstaged, untracked.
    w.edit("issues/2026-03/foreword.md", "Dear members", "Dear friends");
    git(&w, &["commit", "-q", "-am", "committed"]);
    w.edit("issues/2026-04/foreword.md", "Dear members", "Dear friends");
    git(&w, &["add", "issues/2026-04/foreword.md"]);
    w.edit("issues/2026-05/foreword.md", "Dear members", "Dear friends");
    assert_eq!(checked(&w, "base"), ["2026-03", "2026-04", "2026-05"]);
    git(&w, &["stash", "-q"]);
    w.write(
        "issues/2026-06/news/04-new.md",
        "+++\ntitle = \"New\"\n+++\n\nText.\n",
    );
    assert_eq!(checked(&w, "base"), ["2026-03", "2026-06"], "untracked");
    w.remove("issues/2026-06/news/04-new.md");

    // A rename counts for the issue it leaves and the one it enters; a
    // deletion for its issue.
    git(
        &w,
        &[
            "mv",
            "issues/2026-04/news/03-new-centre-in-lerwick.md",
            "issues/2026-05/news/04-new-centre-in-lerwick.md",
        ],
    );
    assert_eq!(checked(&w, "base"), ["2026-03", "2026-04", "2026-05"]);
    git(&w, &["reset", "-q", "--hard", "HEAD"]);
    git(
        &w,
        &[
            "rm",
            "-q",
            "issues/2026-06/news/02-digital-skills-on-the-islands.md",
        ],
    );
    assert_eq!(checked(&w, "base"), ["2026-03", "2026-06"]);
    git(&w, &["reset", "-q", "--hard", "HEAD"]);

    // Settings, contacts and layouts concern every issue.
    w.edit(
        "infolettre.toml",
        "title = \"Harbour Careers Bulletin\"",
        "title = \"Harbour Bulletin\"",
    );
    assert_eq!(
        checked(&w, "HEAD"),
        ["2026-03", "2026-04", "2026-05", "2026-06"]
    );
    git(&w, &["checkout", "-q", "--", "infolettre.toml"]);
    w.write("layouts/email.css", "body { color: black; }\n");
    assert_eq!(checked(&w, "HEAD").len(), 4);
}

#[test]
fn a_revision_git_does_not_know_is_bad_usage() {
    let w = repository();
    w.run(&["check", "--changed", "no-such-branch"])
        .code(2)
        .stderr_has("git cannot tell what changed");
    // An option where the revision goes never reaches git as one.
    w.run(&["check", "--changed=--output=/tmp/x"])
        .code(2)
        .stderr_has("is not a revision");
}
