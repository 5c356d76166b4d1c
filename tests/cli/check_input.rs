//! Bad input: each kind gets a clear diagnostic at its place, the exit code
//! of the SPEC, and never a panic.

use std::collections::BTreeSet;

use crate::harness::{Run, Workspace, found};

const ARTICLE: &str = "issues/2026-03/news/03-new-centre-in-lerwick.md";

fn english() -> Workspace {
    Workspace::fixture("english")
}

fn check(w: &Workspace) -> Run {
    let run = w.run(&["check", "--format", "json"]);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run
}

#[test]
fn malformed_toml_is_reported_at_its_line() {
    let w = english();
    w.edit(
        "issues/2026-03/diary.toml",
        "place = \"Leith\"",
        "place = \"Leith",
    );
    let run = check(&w);
    run.code(1);
    let found = run.found();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].code.as_str(), found[0].line), ("toml-syntax", 17));
}

#[test]
fn malformed_front_matter_is_reported_at_its_line_in_the_file() {
    let w = english();
    w.edit(
        ARTICLE,
        "title = \"A new partner centre in Lerwick\"",
        "title = A new partner centre",
    );
    let run = check(&w);
    run.code(1);
    assert_eq!(run.found()[0], found("toml-syntax", ARTICLE, 2, 9));
}

#[test]
fn invalid_utf8_is_an_encoding_error_and_the_rest_is_still_checked() {
    let w = english();
    let mut bytes = w.read(ARTICLE).into_bytes();
    bytes.extend_from_slice(b"\nCaf\xe9 latin-1\n");
    w.write(ARTICLE, bytes);
    w.edit(
        "issues/2026-03/get-in-touch.md",
        "until 20 April",
        "until TODO",
    );
    let run = check(&w);
    run.code(1);
    let codes = run.codes();
    assert_eq!(codes, ["encoding", "placeholder"]);
    assert_eq!(run.found()[0], found("encoding", ARTICLE, 11, 4));
}

#[test]
fn a_bom_and_crlf_line_endings_are_fine_and_positions_stay_right() {
    let w = english();
    let text = w.read(ARTICLE).replace('\n', "\r\n");
    w.write(ARTICLE, format!("\u{feff}{text}"));
    check(&w).code(0);
    w.edit(ARTICLE, "drop-in sessions", "drop-in [sessions](#)");
    let run = check(&w);
    run.code(1);
    assert_eq!(run.found(), [found("broken-link", ARTICLE, 9, 91)]);
}

#[test]
fn empty_files_are_diagnostics() {
    let w = english();
    w.write(ARTICLE, "");
    w.write("issues/2026-03/issue.toml", "");
    let run = check(&w);
    run.code(1);
    let found = run.found();
    assert!(
        found.contains(&crate::harness::found("empty-content", ARTICLE, 1, 1)),
        "{found:?}"
    );
    assert!(
        found.contains(&crate::harness::found("front-matter", ARTICLE, 1, 1)),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|f| f.code == "front-matter" && f.file == "issues/2026-03/issue.toml"),
        "{found:?}"
    );
}

#[test]
fn a_binary_file_is_an_encoding_error() {
    let w = english();
    w.write(
        "issues/2026-03/news/04-photo.md",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
    );
    w.write(
        "issues/2026-03/news/05-nul.md",
        b"+++\ntitle = \"x\"\n+++\nabc\0def\n",
    );
    let run = check(&w);
    run.code(1);
    assert_eq!(run.codes(), ["encoding"]);
    assert_eq!(run.found().len(), 2);
}

#[test]
fn a_ten_megabyte_article_is_checked() {
    let w = english();
    let paragraph = "Shetland Careers joins the network in April with four advisers.\n\n";
    let body = paragraph.repeat(10 * 1024 * 1024 / paragraph.len());
    w.write(ARTICLE, format!("{}{body}", w.read(ARTICLE)));
    let run = check(&w);
    run.code(0);
    assert_eq!(run.codes(), ["too-long"]);
}

#[test]
fn a_missing_issue_is_exit_two() {
    let w = english();
    let run = w.run(&["check", "2026-04"]);
    run.code(2)
        .stderr_has("no issue `2026-04` in issues/; did you mean `2026-03`?");
    // With its settings, a workspace without issues/ is one with no issue yet.
    std::fs::remove_dir_all(w.path("issues")).unwrap();
    w.run(&["check"])
        .code(0)
        .stdout_has("no issue to check yet");
}

#[test]
fn a_directory_symlink_loop_is_a_stray_folder_not_a_hang() {
    let w = english();
    std::os::unix::fs::symlink(".", w.path("issues/2026-03/loop")).unwrap();
    std::os::unix::fs::symlink("..", w.path("issues/2026-03/news/up")).unwrap();
    std::os::unix::fs::symlink("../images", w.path("issues/2026-03/images/self")).unwrap();
    let run = check(&w);
    run.code(1);
    assert_eq!(run.codes(), ["stray-file"]);
    assert_eq!(run.found().len(), 2);
}

#[test]
fn a_symlink_out_of_the_issue_cannot_smuggle_a_picture_in() {
    let w = english();
    std::fs::remove_file(w.path("issues/2026-03/images/workshop.png")).unwrap();
    std::os::unix::fs::symlink(
        "/etc/hostname",
        w.path("issues/2026-03/images/workshop.png"),
    )
    .unwrap();
    let run = check(&w);
    run.code(1);
    // The reference finds no picture, and the link itself is never followed.
    assert_eq!(run.codes(), ["missing-image", "stray-file"]);
}

#[test]
fn broken_settings_stop_the_check_with_their_own_diagnostic() {
    let w = english();
    w.edit("infolettre.toml", "kind = \"calls\"", "kind = \"call\"");
    let run = check(&w);
    run.code(1);
    assert_eq!(
        run.codes(),
        ["toml-syntax"],
        "one JSON object, even when the settings are broken"
    );
    assert_eq!(run.found()[0].file, "infolettre.toml");
    w.edit(
        "infolettre.toml",
        "kind = \"call\"",
        "kind = \"calls\"\nrequierd = true",
    );
    w.run(&["check"])
        .code(1)
        .stdout_has("did you mean `required`?");
}

#[test]
fn contacts_toml_findings_join_the_report() {
    let w = english();
    w.write(
        "contacts.toml",
        "[[contact]]\nname = \"Priya Shah\"\nemail = \"priya.shah@harbourcareers\"\n",
    );
    let run = check(&w);
    run.code(1);
    assert_eq!(
        run.found(),
        [
            found(
                "contact-conflict",
                "issues/2026-03/news/01-harbour-careers-fair.md",
                3,
                44
            ),
            found("invalid-email", "contacts.toml", 3, 9),
        ]
    );
    w.write(
        "contacts.toml",
        "[[contact]]\nname = \"Priya Shah\"\nemail = \"p.shah@harbourcareers.org.uk\"\n",
    );
    let run = check(&w);
    assert_eq!(run.codes(), ["contact-conflict"]);
}

#[test]
fn a_clean_check_says_so() {
    english()
        .run(&["check"])
        .code(0)
        .stdout_has("checked 1 issue: no problems found");
}

#[test]
fn a_missing_required_section_names_the_file_to_create() {
    let w = english();
    w.remove("issues/2026-03/foreword.md");
    let run = check(&w);
    run.code(1);
    assert_eq!(
        run.found(),
        [found("missing-section", "issues/2026-03/foreword.md", 1, 1)]
    );
    w.write("issues/2026-03/foreword.txt", "Dear members");
    let run = check(&w);
    assert_eq!(run.codes(), ["missing-section", "stray-file"]);
}

#[test]
fn an_empty_calls_file_is_a_finding_even_when_optional() {
    let w = english();
    w.write("issues/2026-03/funding.toml", "\n  \n");
    let run = check(&w);
    run.code(1);
    assert_eq!(
        run.found(),
        [found("empty-content", "issues/2026-03/funding.toml", 1, 1)]
    );
    w.write("issues/2026-03/diary.toml", "");
    let run = check(&w);
    assert_eq!(
        run.codes(),
        ["empty-content"],
        "a required empty agenda is not also missing"
    );
}

#[test]
fn the_email_table_is_read_and_a_malformed_from_is_an_invalid_setting() {
    let w = english();
    let settings = w.read("infolettre.toml");
    // The SPEC's own example of the table.
    let email = "\n[email]\nfrom = \"InfoLettre <delegationexecutive@citedesmetiers.fr>\"\n\
                 reply_to = \"delegationexecutive@citedesmetiers.fr\"\n\
                 unsubscribe = \"https://www.reseaucitesdesmetiers.com/desinscription\"\n";
    w.write("infolettre.toml", format!("{settings}{email}"));
    check(&w).code(0);
    let line = settings.lines().count() as u64 + 3;
    w.edit(
        "infolettre.toml",
        "<delegationexecutive@citedesmetiers.fr>",
        "<delegationexecutive@@citedesmetiers.fr>",
    );
    let run = check(&w);
    run.code(1);
    assert_eq!(
        run.found(),
        [found("invalid-setting", "infolettre.toml", line, 8)]
    );
}

#[test]
fn a_top_level_domain_that_does_not_exist_is_invalid_and_a_provider_slip_is_suspicious() {
    let w = english();
    w.edit(
        ARTICLE,
        "tom.okafor@harbourcareers.org.uk",
        "tom.okafor@harbourcareers.tp",
    );
    w.edit(
        ARTICLE,
        "in the autumn.",
        "in the autumn. Write to shetland.careers@gmial.com or [Catriona](mailto:catriona@oragne.fr).",
    );
    let run = check(&w);
    run.code(1);
    let found: Vec<(String, u64)> = run.found().into_iter().map(|f| (f.code, f.line)).collect();
    assert_eq!(
        found,
        [
            ("invalid-email".to_owned(), 5),
            ("suspicious-domain".to_owned(), 9),
            ("suspicious-domain".to_owned(), 9),
        ]
    );
    // The editor's word: contacts.toml knows the address.
    w.write(
        "contacts.toml",
        "[[contact]]\nname = \"Shetland Careers\"\nemail = \"shetland.careers@gmial.com\"\n",
    );
    let codes = check(&w).codes();
    assert_eq!(
        codes.iter().filter(|c| *c == "suspicious-domain").count(),
        1,
        "{codes:?}"
    );
}

#[test]
fn a_misspelt_key_hides_no_other_finding_of_its_file() {
    let w = english();
    // `tilte` for `title`, holding the title of another article; and a bad
    // address: the three are reported.
    w.edit(
        ARTICLE,
        "title = \"A new partner centre in Lerwick\"",
        "tilte = \"Record turnout at the Harbour Careers Fair\"",
    );
    w.edit(
        ARTICLE,
        "tom.okafor@harbourcareers.org.uk",
        "tom.okafor@@harbourcareers.org.uk",
    );
    let run = check(&w);
    run.code(1);
    let found: Vec<(String, u64)> = run
        .found()
        .into_iter()
        .filter(|f| f.file == ARTICLE)
        .map(|f| (f.code, f.line))
        .collect();
    assert_eq!(
        found,
        [
            ("duplicate-title".to_owned(), 2),
            ("invalid-email".to_owned(), 5),
            ("unknown-field".to_owned(), 2),
        ]
    );
}

#[test]
fn an_impossible_date_hides_nothing_else_of_its_file() {
    let w = english();
    let diary = "issues/2026-03/diary.toml";
    // A bare TOML date that is no day of the calendar, and a wrong group
    // further down: the TOML parser refuses the first, the rest is read.
    w.edit(diary, "date = 2026-03-12", "date = 2026-02-30");
    w.edit(
        diary,
        "group = \"Partner events\"",
        "group = \"Partner event\"",
    );
    w.edit(
        "issues/2026-03/issue.toml",
        "date = 2026-03-02",
        "date = 2026-02-31",
    );
    let run = check(&w);
    run.code(1);
    let found: Vec<(String, String, u64)> = run
        .found()
        .into_iter()
        .map(|f| (f.code, f.file, f.line))
        .collect();
    assert!(
        found.contains(&("invalid-date".to_owned(), diary.to_owned(), 2)),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|(code, file, _)| code == "unknown-group" && file == diary),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|(code, file, _)| code == "invalid-date" && file == "issues/2026-03/issue.toml"),
        "{found:?}"
    );
}

#[test]
fn in_every_kind_of_file_a_misspelt_key_hides_no_second_finding() {
    let w = english();
    let issue = "issues/2026-03";
    // Each file gets a misspelt key and, elsewhere in it, an independent defect.
    w.edit(
        &format!("{issue}/funding.toml"),
        "programme = \"Turing Scheme\"",
        "progamme = \"Turing Scheme\"",
    );
    w.edit(
        &format!("{issue}/funding.toml"),
        "https://www.skillsdevelopmentfund.org.uk/community-learning",
        "#nowhere",
    );
    w.edit(
        &format!("{issue}/foreword.md"),
        "role = \"Editor\"",
        "rol = \"Editor\"",
    );
    w.edit(
        &format!("{issue}/foreword.md"),
        "Dear members and partners,",
        "Dear [members](#nowhere) and partners,",
    );
    w.edit(&format!("{issue}/get-in-touch.md"), "title = ", "tittle = ");
    w.edit(
        &format!("{issue}/get-in-touch.md"),
        "<bulletin@harbourcareers.org.uk>",
        "[us](#nowhere)",
    );
    w.edit(
        &format!("{issue}/issue.toml"),
        "preheader = ",
        "preheadr = ",
    );
    w.edit(
        &format!("{issue}/issue.toml"),
        "date = 2026-03-02",
        "date = \"2026-02-31\"",
    );
    w.edit(
        "infolettre.toml",
        "title = \"Funding\"",
        "titel = \"Funding\"",
    );
    w.edit(
        "infolettre.toml",
        "contact = \"bulletin@harbourcareers.org.uk\"",
        "contact = \"bulletin@@harbourcareers.org.uk\"",
    );
    w.write(
        "contacts.toml",
        "[[contact]]\nnmae = \"Tom Okafor\"\nemail = \"tom.okafor@@harbourcareers.org.uk\"\n",
    );
    assert_planted(
        &check(&w),
        &[
            ("infolettre.toml", "unknown-field"),
            ("infolettre.toml", "invalid-setting"),
            ("contacts.toml", "unknown-field"),
            ("contacts.toml", "invalid-email"),
        ],
    );
}

/// Asserts the run failed and reported each (file name, code).
fn assert_planted(run: &Run, planted: &[(&str, &str)]) {
    run.code(1);
    let found: BTreeSet<(String, String)> = run
        .found()
        .into_iter()
        .map(|f| (f.file.rsplit('/').next().unwrap().to_owned(), f.code))
        .collect();
    for (file, code) in planted {
        assert!(
            found.contains(&(file.to_string(), code.to_string())),
            "{file}: no {code} in {found:?}"
        );
    }
}
