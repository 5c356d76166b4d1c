//! Every finding code the README documents is reported by a real run of
//! `check` on a workspace with that defect, and no run reports a code the
//! README does not document. The list of codes is the README's table, not
//! one kept beside the code.

use std::collections::BTreeSet;

use crate::harness::{Workspace, repo};

const ISSUE: &str = "issues/2026-03";
const NEWS: &str = "issues/2026-03/news/03-new-centre-in-lerwick.md";
const FOREWORD: &str = "issues/2026-03/foreword.md";
const DIARY: &str = "issues/2026-03/diary.toml";

/// The codes of the README's table of findings: rows `| `code` | error |`.
fn documented_codes() -> BTreeSet<String> {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    readme
        .lines()
        .filter_map(|line| {
            let mut cells = line.split('|').map(str::trim).skip(1);
            let code = cells.next()?.strip_prefix('`')?.strip_suffix('`')?;
            let severity = cells.next()?;
            ["error", "warning"]
                .contains(&severity)
                .then(|| code.to_owned())
        })
        .collect()
}

/// One defect planted in a copy of the English fixture.
fn case(plant: impl Fn(&Workspace)) -> BTreeSet<String> {
    let w = Workspace::fixture("english");
    plant(&w);
    let run = w.run(&["check", "--format", "json"]);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run.codes().into_iter().collect()
}

/// A code and how to plant it.
type Case = (&'static str, Box<dyn Fn(&Workspace)>);

fn append(w: &Workspace, rel: &str, text: &str) {
    let before = w.read(rel);
    w.write(rel, format!("{before}{text}"));
}

#[test]
fn every_documented_code_is_reported_and_no_other() {
    let documented = documented_codes();
    assert!(
        documented.len() >= 27,
        "the README's table went missing: {documented:?}"
    );
    let cases: Vec<Case> = vec![
        (
            "encoding",
            Box::new(|w| {
                w.write(
                    FOREWORD,
                    b"+++\nsignature = \"M\"\nrole = \"E\"\n+++\n\nDear \xff members\n",
                );
            }),
        ),
        (
            "toml-syntax",
            Box::new(|w| {
                append(w, DIARY, "\n[[event]\ndate = 2026-03-20\n");
            }),
        ),
        (
            "unknown-field",
            Box::new(|w| {
                w.edit(DIARY, "place = \"video call\"", "plaec = \"video call\"");
            }),
        ),
        (
            "front-matter",
            Box::new(|w| {
                w.edit(FOREWORD, "signature = \"Mairi Campbell\"\n", "");
            }),
        ),
        (
            "missing-section",
            Box::new(|w| {
                w.remove(FOREWORD);
            }),
        ),
        (
            "stray-file",
            Box::new(|w| {
                w.write(&format!("{ISSUE}/notes.txt"), "remember the photos\n");
            }),
        ),
        (
            "empty-content",
            Box::new(|w| {
                w.write(NEWS, "+++\ntitle = \"A new partner centre in Lerwick\"\ncontacts = [{ name = \"Tom Okafor\", email = \"tom.okafor@harbourcareers.org.uk\" }]\n+++\n");
            }),
        ),
        (
            "placeholder",
            Box::new(|w| {
                w.edit(NEWS, "Its team of four", "TODO Its team of four");
            }),
        ),
        (
            "invalid-email",
            Box::new(|w| {
                w.edit(
                    NEWS,
                    "tom.okafor@harbourcareers.org.uk",
                    "tom.okafor@@harbourcareers.org.uk",
                );
            }),
        ),
        (
            "invalid-setting",
            Box::new(|w| {
                w.edit("infolettre.toml", "language = \"en\"", "language = \"gl\"");
            }),
        ),
        (
            "missing-contact",
            Box::new(|w| {
                w.write(NEWS, "+++\ntitle = \"A new partner centre in Lerwick\"\n+++\n\nShetland Careers joins the network in April.\n");
            }),
        ),
        (
            "contact-conflict",
            Box::new(|w| {
                w.edit(
                    NEWS,
                    "name = \"Catriona Morrison\"",
                    "name = \"Priya Shah\"",
                );
            }),
        ),
        (
            "suspicious-domain",
            Box::new(|w| {
                w.edit(
                    NEWS,
                    "tom.okafor@harbourcareers.org.uk",
                    "tom.okafor@gmial.com",
                );
            }),
        ),
        (
            "contact-name-mismatch",
            Box::new(|w| {
                w.edit(
                    NEWS,
                    "catriona.morrison@shetlandcareers.org.uk",
                    "jsmith@shetlandcareers.org.uk",
                );
            }),
        ),
        (
            "broken-link",
            Box::new(|w| {
                w.edit(NEWS, "in the autumn.", "in the [autumn](#).");
            }),
        ),
        (
            "unsafe-link",
            Box::new(|w| {
                w.edit(
                    NEWS,
                    "in the autumn.",
                    "in the [autumn](javascript:alert(1)).",
                );
            }),
        ),
        (
            "missing-image",
            Box::new(|w| {
                w.edit(
                    NEWS,
                    "in the autumn.",
                    "in the autumn.\n\n![The Lerwick team](images/lerwick.png)",
                );
            }),
        ),
        (
            "invalid-image",
            Box::new(|w| {
                w.write(
                    &format!("{ISSUE}/images/workshop.png"),
                    b"not a picture at all",
                );
            }),
        ),
        (
            "image-alt",
            Box::new(|w| {
                w.edit(
                    NEWS,
                    "in the autumn.",
                    "in the autumn.\n\n![](images/workshop.png)",
                );
            }),
        ),
        (
            "invalid-date",
            Box::new(|w| {
                w.edit(DIARY, "date = 2026-03-12", "date = \"2026-02-30\"");
            }),
        ),
        (
            "unknown-group",
            Box::new(|w| {
                w.edit(
                    DIARY,
                    "group = \"Network meetings\"",
                    "group = \"Network meeting\"",
                );
            }),
        ),
        (
            "agenda-order",
            Box::new(|w| {
                w.edit(DIARY, "date = 2026-03-12", "date = 2026-04-20");
            }),
        ),
        (
            "past-event",
            Box::new(|w| {
                w.edit(DIARY, "date = 2026-03-12", "date = 2026-02-12");
            }),
        ),
        (
            "deadline-passed",
            Box::new(|w| {
                w.edit(
                    "issues/2026-03/funding.toml",
                    "deadline = 2026-05-15",
                    "deadline = 2026-02-27",
                );
            }),
        ),
        (
            "duplicate-title",
            Box::new(|w| {
                w.edit(
                    NEWS,
                    "title = \"A new partner centre in Lerwick\"",
                    "title = \"Record turnout at the Harbour Careers Fair\"",
                );
            }),
        ),
        (
            "too-long",
            Box::new(|w| {
                w.edit(
                    NEWS,
                    "in the autumn.",
                    &format!("in the autumn. {}", "word ".repeat(401)),
                );
            }),
        ),
        (
            "raw-html",
            Box::new(|w| {
                w.edit(NEWS, "in the autumn.", "in the <b>autumn</b>.");
            }),
        ),
        (
            "too-large",
            Box::new(|w| {
                let events: String = (0..1001).map(|_| "\n[[event]]\ndate = 2026-04-16\ntitle = \"Drop-in\"\ngroup = \"Partner events\"\n").collect();
                append(w, DIARY, &events);
            }),
        ),
    ];
    let mut reported = BTreeSet::new();
    for (code, plant) in &cases {
        let found = case(plant);
        assert!(found.contains(*code), "planting {code} reported {found:?}");
        reported.extend(found);
    }
    let planted: BTreeSet<String> = cases.iter().map(|(code, _)| code.to_string()).collect();
    assert_eq!(
        planted, documented,
        "a documented code has no case, or a case no documentation"
    );
    assert_eq!(
        reported, documented,
        "a run reported a code the README does not document"
    );
}

#[test]
fn explain_teaches_every_documented_code_and_check_points_to_it() {
    let outside = tempfile::tempdir().unwrap();
    for code in documented_codes() {
        let run = crate::harness::run_in(outside.path(), &["explain", &code]);
        run.code(0);
        assert!(
            run.stdout.starts_with(&format!("{code}: ")),
            "{}",
            run.stdout
        );
        for part in ["For example, in ", "To fix it: "] {
            assert!(run.stdout.contains(part), "{code}: {}", run.stdout);
        }
    }
    let listed = crate::harness::run_in(outside.path(), &["explain"]);
    listed.code(0);
    for code in documented_codes() {
        assert!(
            listed
                .stdout
                .lines()
                .any(|l| l.starts_with(&format!("{code} "))),
            "{code}"
        );
    }
    crate::harness::run_in(outside.path(), &["explain", "brokn-link"])
        .code(2)
        .stderr_has("did you mean `broken-link`?");
    let w = Workspace::fixture("english");
    w.edit(NEWS, "in the autumn.", "in the [autumn](#).");
    w.run(&["check"])
        .code(1)
        .stdout_has("(infolettre explain broken-link)");
}
