//! `infolettre import`: the seed's text and a Word version of it, made here
//! with python-docx, come in as the issue that `issues/2017-12` is (item by
//! item, with the differences listed below), keep every word, and `check`
//! then finds the seed's real defects and nothing else. Bad sources are
//! refused whole, with nothing written.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::harness::{Workspace, python, repo};

const IMPORT: [&str; 7] = [
    "import",
    "SOURCE",
    "--id",
    "2017-12",
    "--date",
    "2017-12-15",
    "--number",
];

fn seed_text() -> PathBuf {
    repo().join("tests/fixtures/seed-text/infolettre-2017-12.txt")
}

/// A workspace with the repository's settings and no issue.
fn settings_only() -> Workspace {
    let workspace = Workspace::empty();
    workspace.write(
        "infolettre.toml",
        std::fs::read(repo().join("infolettre.toml")).unwrap(),
    );
    workspace
}

/// Imports `source` as issue 2017-12, n° 42.
fn import(workspace: &Workspace, source: &Path) -> crate::harness::Run {
    let source = source.to_str().unwrap();
    let mut args: Vec<&str> = IMPORT
        .iter()
        .map(|a| if *a == "SOURCE" { source } else { a })
        .collect();
    args.push("42");
    workspace.run(&args)
}

/// The seed as a Word document, written by tests/cli/seed_docx.py.
fn seed_docx(dir: &Path) -> PathBuf {
    let out = dir.join("infolettre-2017-12.docx");
    let status = Command::new(python())
        .arg(repo().join("tests/cli/seed_docx.py"))
        .arg(seed_text())
        .arg(repo().join("infolettre.toml"))
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success(), "seed_docx.py failed");
    out
}

/// Runs a Python script of the test (with python-docx) on `dir`, as sys.argv[1].
fn run_python(script: &str, dir: &Path) {
    let status = Command::new(python())
        .args(["-c", script])
        .arg(dir)
        .status()
        .unwrap();
    assert!(status.success(), "the test's Python script failed");
}

/// Folded for comparing words and titles: no case, no accents, letters and digits.
fn key(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfd()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn toml_of(path: &Path) -> toml::Table {
    let text = std::fs::read_to_string(path).unwrap();
    toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn front_matter(path: &Path) -> toml::Table {
    let text = std::fs::read_to_string(path).unwrap();
    let inner = text
        .strip_prefix("+++\n")
        .unwrap()
        .split("\n+++\n")
        .next()
        .unwrap();
    toml::from_str(inner).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn string(table: &toml::Table, field: &str) -> String {
    table
        .get(field)
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_owned()
}

fn date(table: &toml::Table, field: &str) -> String {
    table.get(field).map(|v| v.to_string()).unwrap_or_default()
}

/// The items of one issue, as the comparison sees them: per section,
/// titles folded; contacts; events' dates, groups, places; calls' deadlines.
fn items(issue: &Path) -> BTreeSet<String> {
    let mut items = BTreeSet::new();
    for section in [
        "nouvelles-des-cdm",
        "nouvelles-du-reseau",
        "arrivees-departs",
    ] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(issue.join(section))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for (i, file) in files.iter().enumerate() {
            let front = front_matter(file);
            items.insert(format!(
                "{section} {i} title {}",
                key(&string(&front, "title"))
            ));
            for contact in front
                .get("contacts")
                .and_then(|c| c.as_array())
                .into_iter()
                .flatten()
            {
                let contact = contact.as_table().unwrap();
                items.insert(format!(
                    "{section} {i} contact {} <{}>",
                    string(contact, "name"),
                    string(contact, "email")
                ));
            }
        }
    }
    let agenda = toml_of(&issue.join("agenda.toml"));
    for event in agenda["event"].as_array().unwrap() {
        let e = event.as_table().unwrap();
        items.insert(format!(
            "event {} {} {} at {} : {}",
            date(e, "date"),
            date(e, "end"),
            string(e, "group"),
            string(e, "place"),
            key(&string(e, "title"))
        ));
    }
    let calls = toml_of(&issue.join("financements-europeens.toml"));
    for call in calls["call"].as_array().unwrap() {
        let c = call.as_table().unwrap();
        items.insert(format!(
            "call {} {}",
            date(c, "deadline"),
            key(&string(c, "title"))
        ));
    }
    let editorial = front_matter(&issue.join("editorial.md"));
    items.insert(format!(
        "editorial {} / {}",
        string(&editorial, "signature"),
        string(&editorial, "role")
    ));
    items
}

#[test]
fn the_seeds_text_comes_in_as_the_rebuilt_issue_item_for_item() {
    let workspace = settings_only();
    import(&workspace, &seed_text())
        .code(0)
        .stdout_has("issues/2017-12");
    let imported = items(&workspace.path("issues/2017-12"));
    let rebuilt = items(&repo().join("issues/2017-12"));
    // Titles compare folded (case, accents and punctuation set aside): the
    // rebuilt issue's editor set "DEUXIEME EDITION…" as "Deuxième édition…"
    // by hand, the import from the text's own spellings. Call programmes are
    // not compared: the calls found above their title have none ("Erasmus+"
    // by hand).
    let only_rebuilt: Vec<&String> = rebuilt.difference(&imported).collect();
    let only_imported: Vec<&String> = imported.difference(&rebuilt).collect();
    assert!(
        only_rebuilt.is_empty() && only_imported.is_empty(),
        "only in issues/2017-12: {only_rebuilt:#?}\nonly in the import: {only_imported:#?}"
    );
    assert_eq!(
        workspace.files("2017-12").len(),
        crate::harness::Workspace::seed().files("2017-12").len(),
        "the same files"
    );
}

#[test]
fn every_word_of_the_seed_reaches_every_edition() {
    let workspace = settings_only();
    import(&workspace, &seed_text()).code(0);
    workspace
        .run(&["render", "2017-12", "--draft", "--md", "--text"])
        .code(0);
    // A superscript is part of its word: "15^{ème}" (pandoc), "15^ème^"
    // (Markdown) and "15ème" (text) are one word.
    let words = |text: &str| -> BTreeSet<String> {
        text.replace(['^', '{', '}'], "")
            .split(|c: char| !c.is_alphanumeric())
            .map(key)
            .filter(|w| !w.is_empty())
            .collect()
    };
    let seed = words(&std::fs::read_to_string(seed_text()).unwrap());
    for edition in ["dist/2017-12/2017-12.md", "dist/2017-12/2017-12.txt"] {
        let edition_words = words(&workspace.read(edition));
        let missing: Vec<&String> = seed.difference(&edition_words).collect();
        assert!(
            missing.is_empty(),
            "words of the seed not in {edition}: {missing:?}"
        );
    }
}

#[test]
fn check_then_finds_the_seeds_real_defects_and_nothing_else() {
    let workspace = settings_only();
    import(&workspace, &seed_text()).code(0);
    let run = workspace.run(&["check", "2017-12", "--format", "json"]);
    let mut found: Vec<(String, String)> = run
        .found()
        .into_iter()
        .map(|f| (f.code, f.file.rsplit('/').next().unwrap().to_owned()))
        .collect();
    found.sort();
    // The seed's `[page facebook](#)`, "Djemâa CHAÏTRI" at djemaa.chraiti@,
    // "Marie Brilllet" at m.brillet@.
    assert_eq!(
        found,
        [
            (
                "broken-link".to_owned(),
                "01-experimentation-de-la-formation-au-metier-de.md".to_owned()
            ),
            (
                "contact-name-mismatch".to_owned(),
                "02-trouve-ta-place-un-programme-de-soutien-a-l.md".to_owned()
            ),
            (
                "contact-name-mismatch".to_owned(),
                "03-cite-des-metiers-des-cotes-d-armor.md".to_owned()
            ),
        ]
    );
    // It renders in every format, as a draft since the broken link is an error.
    workspace.run(&["render", "2017-12", "--draft"]).code(0);
}

#[test]
fn what_was_moved_or_guessed_is_said_with_its_line() {
    let workspace = settings_only();
    let run = import(&workspace, &seed_text());
    run.code(0);
    // The seed's lines 257 and 259: Erasmus+ calls above "FINANCEMENTS EUROPEENS".
    run.stderr_has("infolettre-2017-12.txt:257: note: this call stands above its section's title")
        .stderr_has("infolettre-2017-12.txt:259: note:")
        .stderr_has("infolettre-2017-12.txt:275: note: the address m.brillet@citedesmetiers22.fr stands alone")
        .stderr_has("infolettre-2017-12.txt:297: note: this line repeats what infolettre.toml");
    let calls = workspace.read("issues/2017-12/financements-europeens.toml");
    assert!(calls.contains("title = \"Action 2 : partenariats stratégiques dans le domaine de l'éducation et de la formation\"\ndeadline = 2018-03-21"));
}

#[test]
fn the_word_version_of_the_seed_gives_the_same_issue() {
    let workspace = settings_only();
    let docx = seed_docx(workspace.root());
    import(&workspace, &docx)
        .code(0)
        .stderr_has("infolettre-2017-12.docx, paragraph ");
    let from_text = settings_only();
    import(&from_text, &seed_text()).code(0);
    let files = workspace.files("2017-12");
    assert_eq!(files, from_text.files("2017-12"));
    for file in files.iter().filter(|f| *f != "issue.toml") {
        let rel = format!("issues/2017-12/{file}");
        assert_eq!(workspace.read(&rel), from_text.read(&rel), "{file}");
    }
}

#[test]
fn a_newsletter_in_portuguese_is_read_with_its_own_months_and_labels() {
    let workspace = Workspace::empty();
    workspace.write(
        "infolettre.toml",
        r#"[newsletter]
title = "Boletim"
publisher = "Rede de Centros"
language = "pt"

[[section]]
id = "agenda"
title = "Agenda"
kind = "agenda"
groups = ["Reuniões"]

[[section]]
id = "noticias"
title = "Notícias"
kind = "articles"
contact = "required"

[[section]]
id = "concursos"
title = "Concursos"
kind = "calls"
"#,
    );
    workspace.write(
        "boletim.txt",
        "NÚMERO 7 — 3 de março de 2019\n\nAGENDA\n\nReuniões\n\n8-9 de abril de 2019\n\nEncontro anual, Braga\n\nNOTICIAS\n\nNOVO BALCÃO EM GUIMARÃES\n\nO centro de Guimarães abriu um novo balcão de orientação.\n\nContacto :\n\nAna Sousa\n\nana.sousa@cdc-guimaraes.pt\n\nCONCURSOS\n\n- Mobilidade de jovens, prazo : 15 de maio\n",
    );
    workspace
        .run(&["import", "boletim.txt", "--number", "7"])
        .code(0)
        .stdout_has("issues/2019-03");
    let agenda = workspace.read("issues/2019-03/agenda.toml");
    assert!(agenda.contains("date = 2019-04-08\nend = 2019-04-09\ntitle = \"Encontro anual\"\nplace = \"Braga\"\ngroup = \"Reuniões\""), "{agenda}");
    let article = workspace.read("issues/2019-03/noticias/01-novo-balcao-em-guimaraes.md");
    assert!(
        article.contains(
            "contacts = [{ name = \"Ana Sousa\", email = \"ana.sousa@cdc-guimaraes.pt\" }]"
        ),
        "{article}"
    );
    let calls = workspace.read("issues/2019-03/concursos.toml");
    assert!(
        calls.contains("title = \"Mobilidade de jovens\"\ndeadline = 2019-05-15"),
        "{calls}"
    );
    assert!(
        workspace
            .read("issues/2019-03/issue.toml")
            .contains("date = 2019-03-03")
    );
    workspace.run(&["check", "2019-03"]).code(0);
}

/// Runs an import that must be refused, and checks nothing was written.
fn refused(workspace: &Workspace, source: &str, code: i32, says: &str) {
    let before = workspace.snapshot();
    workspace
        .run(&["import", source, "--date", "2017-12-15", "--number", "42"])
        .code(code)
        .stderr_has(says);
    assert_eq!(
        workspace.snapshot(),
        before,
        "{source}: something was written"
    );
}

#[test]
fn bad_sources_are_refused_whole_with_nothing_written() {
    let workspace = settings_only();
    workspace.write("binary.txt", b"PK\x03\x04\0\0binary");
    workspace.write("empty.txt", "  \n\n");
    workspace.write("fake.docx", "this is no zip");
    workspace.write("notes.txt", "Une liste de courses.\n\nDu pain, du lait.\n");
    workspace.write("issue.pdf", "%PDF-1.7");
    refused(&workspace, "binary.txt", 1, "it is not text");
    refused(&workspace, "empty.txt", 1, "it is empty");
    refused(
        &workspace,
        "fake.docx",
        1,
        "it is not a Word document: not a zip archive",
    );
    refused(
        &workspace,
        "notes.txt",
        1,
        "no section title of infolettre.toml",
    );
    refused(&workspace, "issue.pdf", 1, "neither .docx, .txt nor .md");
    refused(&workspace, "missing.txt", 2, "cannot read");
}

#[test]
fn a_zip_bomb_and_a_document_nested_past_reason_are_refused() {
    let workspace = settings_only();
    // Made by Python's zipfile: document.xml unpacks to 40 MiB of spaces
    // (its compressed size is some 40 KiB); nesting: 100,000 <w:r> levels.
    let script = r#"
import sys, zipfile
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
with zipfile.ZipFile(sys.argv[1] + "/bomb.docx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("word/document.xml", "<w:document " + W + "><w:body>" + " " * (40 << 20) + "</w:body></w:document>")
with zipfile.ZipFile(sys.argv[1] + "/deep.docx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("word/document.xml", "<w:document " + W + "><w:body><w:p>" + "<w:ins>" * 100000 + "</w:ins>" * 100000 + "</w:p></w:body></w:document>")
"#;
    run_python(script, workspace.root());
    assert!(
        std::fs::metadata(workspace.path("bomb.docx"))
            .unwrap()
            .len()
            < 1 << 20
    );
    refused(&workspace, "bomb.docx", 1, "unpacks to more than 32 MiB");
    refused(&workspace, "deep.docx", 1, "docx");
}

#[test]
fn text_that_no_section_can_hold_refuses_the_import() {
    let workspace = Workspace::empty();
    workspace.write(
        "infolettre.toml",
        "[newsletter]\ntitle = \"Dates\"\npublisher = \"P\"\nlanguage = \"fr\"\n\n[[section]]\nid = \"agenda\"\ntitle = \"Agenda\"\nkind = \"agenda\"\n",
    );
    workspace.write("a.txt", "AGENDA\n\n19 janvier 2018\n\nRéunion, Paris\n\nUn mot de la présidente. Il ne tient dans aucun agenda. Ni ailleurs.\n");
    refused(
        &workspace,
        "a.txt",
        1,
        "1 block(s) of text, the first at line 7, fit no section",
    );
}

#[test]
fn an_existing_issue_is_never_overwritten_and_a_missing_date_is_asked_for() {
    let workspace = Workspace::seed();
    let seed = seed_text();
    let before = workspace.snapshot();
    import(&workspace, &seed)
        .code(1)
        .stderr_has("issues/2017-12 already exists");
    assert_eq!(workspace.snapshot(), before);
    workspace
        .run(&["import", seed.to_str().unwrap(), "--id", "2017-12-bis"])
        .code(2)
        .stderr_has("gives no publication date")
        .stderr_has("--date YYYY-MM-DD");
    assert_eq!(workspace.snapshot(), before);
}

#[test]
fn another_issue_in_the_same_style_comes_in_with_its_masthead_contacts_and_dates() {
    // Written here for the test, in the seed's style but laid out otherwise:
    // a masthead, a stray line before any section, "Contacts :" with two
    // people (one on a single line, with a phone line), a range written
    // "du 4 au 6 juin", a numbered list, a link in an event.
    let workspace = settings_only();
    workspace.write(
        "juin.txt",
        "InfoLettre n° 45 — 14 juin 2018\n\nÀ lire avant l'été.\n\nAGENDA\n\nRéunions externes\n\n4-6 juin 2018\n\nSalon de l'orientation, Lisbonne : [programme](https://salon.example.pt/programme)\n\nNOUVELLES DES CDM\n\nLA CITE DES METIERS DE NAMUR OUVRE SES PORTES\n\nLa Cité des métiers de Namur ouvre ses portes le 20 juin.\n\n1. accueil du public ;\n2. visites des pôles.\n\nContacts :\n\nJeanne Martin\n\njeanne.martin@citedesmetiers-namur.be\n\n+32 81 12 34 56\n\nPaul Durand, paul.durand@citedesmetiers-namur.be\n",
    );
    workspace
        .run(&["import", "juin.txt"])
        .code(0)
        .stdout_has("issues/2018-06")
        .stderr_has("juin.txt:3: note: not recognised as part of any section");
    let issue = workspace.read("issues/2018-06/issue.toml");
    assert!(issue.contains("number = 45\ndate = 2018-06-14"), "{issue}");
    let agenda = workspace.read("issues/2018-06/agenda.toml");
    assert!(agenda.contains("date = 2018-06-04\nend = 2018-06-06\ntitle = \"Salon de l'orientation : programme\"\nplace = \"Lisbonne\"\ngroup = \"Réunions externes\"\nlink = \"https://salon.example.pt/programme\""), "{agenda}");
    let article = workspace.read(
        "issues/2018-06/nouvelles-des-cdm/01-la-cite-des-metiers-de-namur-ouvre-ses-portes.md",
    );
    assert!(
        article.contains("title = \"La Cité des métiers de Namur ouvre ses portes\""),
        "{article}"
    );
    assert!(article.contains("  { name = \"Jeanne Martin\", email = \"jeanne.martin@citedesmetiers-namur.be\" },\n  { name = \"Paul Durand\", email = \"paul.durand@citedesmetiers-namur.be\" },"), "{article}");
    assert!(
        article.contains("1. accueil du public ;\n2. visites des pôles.\n\n+32 81 12 34 56\n"),
        "{article}"
    );
    // The line before any section went to the closest text section.
    assert!(
        workspace
            .read("issues/2018-06/inscription.md")
            .contains("À lire avant l'été.")
    );
}

#[test]
fn a_word_document_keeps_its_numbered_lists_tables_and_marks() {
    let workspace = settings_only();
    let script = r#"
import sys, docx
d = docx.Document()
d.add_paragraph("Nouvelles des CDM", style="Heading 1")
d.add_paragraph("Un atelier à Porto", style="Heading 2")
p = d.add_paragraph("Le centre de Porto a ouvert un atelier, ")
r = p.add_run("très")
r.bold = True
p.add_run(" suivi : *trois* [sessions] par_mois.")
d.add_paragraph("premier jour", style="List Number")
d.add_paragraph("second jour", style="List Number")
t = d.add_table(rows=2, cols=2)
t.cell(0, 0).text, t.cell(0, 1).text = "Jour", "Inscrits"
t.cell(1, 0).text, t.cell(1, 1).text = "Lundi", "12 | 14"
d.add_paragraph("Contact :").runs[0].bold = True
d.add_paragraph("Ana Sousa")
d.add_paragraph("ana.sousa@cdc-porto.pt")
d.save(sys.argv[1] + "/porto.docx")
"#;
    run_python(script, workspace.root());
    workspace
        .run(&[
            "import",
            "porto.docx",
            "--date",
            "2018-06-14",
            "--number",
            "45",
        ])
        .code(0);
    let article = workspace.read("issues/2018-06/nouvelles-des-cdm/01-un-atelier-a-porto.md");
    assert!(
        article
            .contains("contacts = [{ name = \"Ana Sousa\", email = \"ana.sousa@cdc-porto.pt\" }]"),
        "{article}"
    );
    // Word's own asterisks and brackets are text, escaped; its bold is Markdown's.
    assert!(
        article.contains("un atelier, **très** suivi : \\*trois\\* \\[sessions\\] par\\_mois."),
        "{article}"
    );
    assert!(article.contains("1. premier jour\n2. second jour\n\n| Jour | Inscrits |\n| --- | --- |\n| Lundi | 12 \\| 14 |"), "{article}");
    // What was written is the format: the loader finds nothing wrong with
    // the files (the issue lacks its other required sections, which it does).
    let run = workspace.run(&["check", "2018-06", "--format", "json"]);
    assert_eq!(run.codes(), ["missing-section"], "{}", run.stdout);
}

#[test]
fn a_hostile_source_is_read_in_linear_time_and_kept_whole() {
    // Shapes that a careless reader pays quadratically for: brackets that
    // never close, a name repeated in one huge paragraph followed by
    // hundreds of lone addresses, thousands of calls and events. The
    // harness kills a run after 60 s; in release this takes well under one.
    let workspace = settings_only();
    let mut parts = vec![
        "NOUVELLES DES CDM".to_owned(),
        "UN TITRE".to_owned(),
        "[".repeat(300_000),
        "Marie Brilllet ".repeat(30_000),
    ];
    parts.extend((0..900).map(|i| format!("m.brillet{i}@citedesmetiers22.fr")));
    parts.push("FINANCEMENTS EUROPEENS".into());
    parts.extend((0..6000).map(|i| format!("- Action {i}, date limite : 1er février")));
    workspace.write("hostile.txt", parts.join("\n\n"));
    workspace
        .run(&[
            "import",
            "hostile.txt",
            "--date",
            "2017-12-15",
            "--number",
            "1",
        ])
        .code(0);
    let article = workspace.read("issues/2017-12/nouvelles-des-cdm/01-un-titre.md");
    assert!(
        article.contains(&"[".repeat(300_000)),
        "the brackets are kept"
    );
    assert!(
        article.contains("m.brillet899@citedesmetiers22.fr"),
        "every address is kept"
    );
    let calls = workspace.read("issues/2017-12/financements-europeens.toml");
    assert_eq!(calls.matches("[[call]]").count(), 6000);
}

#[test]
fn on_a_terminal_the_missing_date_is_asked_for_and_a_wrong_one_asked_again() {
    use expectrl::{Eof, Session, WaitStatus};
    use std::time::Duration;

    let workspace = settings_only();
    let mut command = Command::new(env!("CARGO_BIN_EXE_infolettre"));
    command
        .arg("-C")
        .arg(workspace.root())
        .arg("import")
        .arg(seed_text())
        .args(["--number", "42"])
        .env("TERM", "xterm")
        .env("NO_COLOR", "1");
    let mut session = Session::spawn(command).unwrap();
    session.set_expect_timeout(Some(Duration::from_secs(60)));
    session.expect("Publication date").unwrap();
    session.send("2017-13-01\r").unwrap();
    session.expect("is not a date").unwrap();
    session.send("2017-12-15\r").unwrap();
    session.expect(Eof).unwrap();
    assert!(matches!(
        session.get_process().wait().unwrap(),
        WaitStatus::Exited(_, 0)
    ));
    assert!(
        workspace
            .read("issues/2017-12/issue.toml")
            .contains("number = 42\ndate = 2017-12-15\n")
    );
}
