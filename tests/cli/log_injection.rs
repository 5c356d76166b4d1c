//! A contributor's file name must not inject GitHub workflow commands into a
//! CI log: a file named `x\n::warning file=evil.md::pwned` was printed raw at
//! the start of a line by the human format, which Actions executes.

use crate::harness::Workspace;

const HOSTILE: &str = "issues/2026-03/x\n::warning file=evil.md::pwned";

fn hostile() -> Workspace {
    let w = Workspace::fixture("english");
    w.write(HOSTILE, "stray");
    w.write("issues/2026-03/bell\u{1b}[31mred.md", "stray");
    w
}

#[test]
fn no_human_line_begins_a_workflow_command() {
    let w = hostile();
    let run = w.run(&["check"]);
    run.code(1);
    assert!(run.stdout.contains("stray-file"), "{}", run.stdout);
    for line in run.stdout.lines().chain(run.stderr.lines()) {
        assert!(
            !line.trim_start().starts_with("::"),
            "injected line: {line:?}"
        );
    }
    // The names are still shown, their control characters escaped.
    assert!(
        run.stdout.contains(r"x\n::warning file=evil.md::pwned"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(r"bell\u{1b}[31mred.md"),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains('\u{1b}'),
        "raw escape character printed"
    );
}

#[test]
fn github_format_prints_exactly_one_line_per_finding() {
    let w = hostile();
    let findings = w.run(&["check", "--format", "json"]).found();
    assert!(
        findings.iter().filter(|f| f.code == "stray-file").count() >= 2,
        "{findings:?}"
    );
    let run = w.run(&["check", "--format", "github"]);
    run.code(1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), findings.len(), "{}", run.stdout);
    for line in &lines {
        assert!(
            line.starts_with("::error ") || line.starts_with("::warning "),
            "{line:?}"
        );
    }
    assert!(
        run.stdout
            .contains("x%0A%3A%3Awarning file=evil.md%3A%3Apwned"),
        "{}",
        run.stdout
    );
}
