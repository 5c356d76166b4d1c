//! `check --format sarif`: a SARIF 2.1.0 log that Microsoft's validator
//! accepts, with repository-relative paths and fingerprints that survive
//! edits elsewhere in the file.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

use crate::harness::{Workspace, copy_dir, repo, test_tool};

const NEWS: &str = "issues/2026-03/news/03-new-centre-in-lerwick.md";

fn multitool() -> PathBuf {
    test_tool(
        "SARIF_MULTITOOL",
        "target/test-tools/sarif-multitool-5.7.0/node_modules/.bin/sarif-multitool",
        "the SARIF validator",
    )
}

/// A git repository whose folder `news/` is the workspace, with three
/// defects in one article.
fn repository() -> Workspace {
    let repository = Workspace::empty();
    std::fs::create_dir(repository.path(".git")).unwrap();
    copy_dir(
        &repo().join("tests/fixtures/english"),
        &repository.path("news"),
    );
    let article = format!("news/{NEWS}");
    repository.edit(&article, "in the autumn.", "in the [autumn](#). TODO");
    repository.edit(
        &article,
        "tom.okafor@harbourcareers.org.uk",
        "tom.okafor@gmial.com",
    );
    repository
}

fn sarif(w: &Workspace) -> Value {
    let run = w.run(&["-C", "news", "check", "--format", "sarif"]);
    run.code(1);
    serde_json::from_str(&run.stdout).expect("one JSON document")
}

fn results(log: &Value) -> &Vec<Value> {
    log["runs"][0]["results"].as_array().unwrap()
}

#[test]
fn the_log_validates_and_names_repository_paths() {
    let repository = repository();
    let run = repository.run(&["-C", "news", "check", "--format", "sarif"]);
    let log_path = repository.path("check.sarif");
    std::fs::write(&log_path, &run.stdout).unwrap();
    let verdict = repository.path("verdict.sarif");
    let output = Command::new(multitool())
        .arg("validate")
        .arg(&log_path)
        .arg("--output")
        .arg(&verdict)
        .env("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let verdict: Value = serde_json::from_str(&std::fs::read_to_string(&verdict).unwrap()).unwrap();
    let errors: Vec<&Value> = results(&verdict)
        .iter()
        .filter(|r| r["level"] == "error")
        .collect();
    assert!(
        errors.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );

    let log: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let found: Vec<(String, String, u64)> = results(&log)
        .iter()
        .map(|r| {
            let location = &r["locations"][0]["physicalLocation"];
            (
                r["ruleId"].as_str().unwrap().to_owned(),
                location["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap()
                    .to_owned(),
                location["region"]["startLine"].as_u64().unwrap(),
            )
        })
        .collect();
    let uri = format!("news/{NEWS}");
    assert_eq!(
        found,
        [
            ("suspicious-domain".to_owned(), uri.clone(), 5),
            ("broken-link".to_owned(), uri.clone(), 9),
            ("placeholder".to_owned(), uri, 9),
        ]
    );
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    for r in results(&log) {
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], r["ruleId"]);
    }
}

#[test]
fn fingerprints_stay_when_lines_are_added_above() {
    let w = repository();
    let fingerprints = |log: &Value| -> Vec<String> {
        results(log)
            .iter()
            .map(|r| {
                r["partialFingerprints"]["infolettre/v1"]
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect()
    };
    let before = sarif(&w);
    w.edit(
        &format!("news/{NEWS}"),
        "+++\n\nShetland",
        "+++\n\nA new paragraph.\n\nShetland",
    );
    let after = sarif(&w);
    let line = |log: &Value, i: usize| {
        log["runs"][0]["results"][i]["locations"][0]["physicalLocation"]["region"]["startLine"]
            .as_u64()
    };
    assert_eq!(line(&after, 1), Some(11), "the finding moved down");
    assert_eq!(fingerprints(&before), fingerprints(&after));
    let distinct: std::collections::BTreeSet<_> = fingerprints(&after).into_iter().collect();
    assert_eq!(distinct.len(), 3, "each finding its own fingerprint");
}
