//! `check --format sarif`: one SARIF 2.1.0 log for GitHub code scanning.
//! Each result carries a fingerprint made from what it is about (its code,
//! file, the text of its line, and how many such findings come before it),
//! never from its line number, so that an alert stays the same alert when
//! lines are added above it.

use std::collections::HashMap;
use std::io::{self, Write};

use serde_json::{Value, json};

use super::{Code, Diagnostic, Report};
use crate::hash::fnv1a;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub(super) fn sarif(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let rules: Vec<Value> = Code::ALL.iter().map(|code| rule(*code)).collect();
    let mut seen: HashMap<(Code, &str, u64), usize> = HashMap::new();
    let results: Vec<Value> = report
        .diagnostics
        .iter()
        .map(|d| {
            let line_hash = fnv1a(line_text(report, d).trim().as_bytes());
            let occurrence = seen
                .entry((d.code, d.file.as_str(), line_hash))
                .or_default();
            *occurrence += 1;
            result(report, d, line_hash, *occurrence)
        })
        .collect();
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "infolettre",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_writer(&mut *out, &log)?;
    writeln!(out)
}

/// A code as a SARIF rule: its description, and `infolettre explain`'s fix.
fn rule(code: Code) -> Value {
    let explanation = code.explanation();
    json!({
        "id": code.as_str(),
        "name": code.as_str(),
        "shortDescription": {"text": code.description()},
        "fullDescription": {"text": code.description()},
        "help": {"text": format!("{} (infolettre explain {})", explanation.fix, code.as_str())},
        "defaultConfiguration": {"level": code.severity().as_str()},
    })
}

fn result(report: &Report, d: &Diagnostic, line_hash: u64, occurrence: usize) -> Value {
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let rule_index = Code::ALL.iter().position(|c| *c == d.code).unwrap_or(0);
    let fingerprint = format!(
        "{:016x}:{occurrence}",
        fnv1a(format!("{}\0{}\0{line_hash:x}", d.code.as_str(), d.file).as_bytes())
    );
    json!({
        "ruleId": d.code.as_str(),
        "ruleIndex": rule_index,
        "level": d.severity.as_str(),
        "message": {"text": message},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": format!("{}{}", report.base, d.file.trim_end_matches('/'))},
            "region": {"startLine": d.line, "startColumn": d.column},
        }}],
        "partialFingerprints": {"infolettre/v1": fingerprint},
    })
}

/// The text of the line a finding points at, or its message when it has no
/// place in a text (a missing file).
fn line_text<'a>(report: &'a Report, d: &'a Diagnostic) -> &'a str {
    match (report.source(&d.file), &d.span) {
        (Some(source), Some(_)) => source.line_text(d.line),
        _ => &d.message,
    }
}
