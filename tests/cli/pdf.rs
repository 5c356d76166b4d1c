//! The print edition as PDF tools see it: A4, titled, in the newsletter's
//! language, every font embedded, every word present, hostile text inert.
//! poppler-utils is installed by `.ci/test`; a missing tool fails the test.

use std::path::Path;
use std::process::Command;

use crate::harness::Workspace;
use crate::html::artifacts;
use crate::words::pdf_text;

fn poppler(tool: &str, args: &[&str], pdf: &Path) -> String {
    let output = Command::new(tool)
        .args(args)
        .arg(pdf)
        .output()
        .unwrap_or_else(|e| panic!("{tool} runs ({e}): .ci/test installs poppler-utils"));
    assert!(
        output.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn render_pdf(w: &Workspace, issue: &str, extra: &[&str]) -> std::path::PathBuf {
    let mut args = vec!["render", issue, "--pdf", "--out", "out"];
    args.extend(extra);
    w.run(&args).code(0);
    w.path(&format!("out/{issue}.pdf"))
}

#[test]
fn the_seed_pdf_is_a4_titled_tagged_and_in_french() {
    let w = Workspace::seed();
    let pdf = render_pdf(&w, "2017-12", &[]);
    let info = poppler("pdfinfo", &[], &pdf);
    assert!(
        info.contains("Page size:       595.276 x 841.89 pts (A4)"),
        "{info}"
    );
    assert!(info.contains("Title:           InfoLettre"), "{info}");
    assert!(info.contains("Tagged:          yes"), "{info}");
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(
        bytes.windows(9).any(|w| w == b"/Lang(fr)"),
        "the catalog names the language"
    );
    // Keep page images of the seed issue as test artefacts.
    let prefix = artifacts().join("print-2017-12");
    let status = Command::new("pdftoppm")
        .args(["-png", "-r", "60"])
        .arg(&pdf)
        .arg(&prefix)
        .status()
        .unwrap();
    assert!(status.success());
    assert!(artifacts().join("print-2017-12-1.png").is_file());
}

#[test]
fn every_font_is_embedded() {
    for (w, issue) in [
        (Workspace::seed(), "2017-12"),
        (Workspace::fixture("english"), "2026-03"),
    ] {
        let fonts = poppler("pdffonts", &[], &render_pdf(&w, issue, &[]));
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty(), "{fonts}");
        for row in rows {
            let columns: Vec<&str> = row.split_whitespace().collect();
            // name, type…, encoding, emb, sub, uni, object, generation
            let emb = columns[columns.len() - 5];
            assert_eq!(emb, "yes", "a font is not embedded: {row}");
        }
    }
}

#[test]
fn english_pdf_is_in_english() {
    let w = Workspace::fixture("english");
    let pdf = render_pdf(&w, "2026-03", &[]);
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.windows(9).any(|w| w == b"/Lang(en)"));
    let text = pdf_text(&pdf);
    assert!(text.contains("31 March – 2 April 2026"), "dates in English");
    assert!(text.contains("Deadline"), "labels in English");
}

#[test]
fn hostile_text_is_printed_literally_on_a4_pages() {
    let w = Workspace::fixture("hostile");
    let pdf = render_pdf(&w, "2030-01", &["--draft"]);
    let info = poppler("pdfinfo", &[], &pdf);
    assert!(info.contains("(A4)"), "the page size was changed: {info}");
    let text: String = pdf_text(&pdf)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for literal in [
        "#set page(width: 1cm, height: 1cm)",
        "#read(\"/etc/passwd\")",
        "#{ panic(",
        "$x^2$",
        "<script>alert(1)</script>",
        "{{ 7*7 }}",
        "#import",
        "<label>",
        "@ref",
    ] {
        assert!(text.contains(literal), "{literal:?} is not printed as text");
    }
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap();
    let first = passwd.lines().next().unwrap();
    assert!(!text.contains(first), "a file was read into the PDF");
}

#[test]
fn pdf_a_is_available_on_request() {
    let w = Workspace::seed();
    let pdf = render_pdf(&w, "2017-12", &["--pdf-standard", "a-2b"]);
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(
        bytes.windows(12).any(|w| w == b"pdfaid:part>")
            || bytes.windows(11).any(|w| w == b"pdfaid:part"),
        "PDF/A identification in the metadata"
    );
    w.run(&["render", "--pdf", "--pdf-standard", "a-9z"])
        .code(2);
}

#[test]
fn a_broken_layout_override_is_reported_like_typst_does() {
    let w = Workspace::seed();
    w.write("layouts/print.typ", "#let doc = json(sys.inputs.document)\n#set page(paper: \"a4\")\n#text(size: 12pt, [unclosed\n");
    let run = w.run(&["render", "--pdf"]);
    run.code(2)
        .stderr_has("error:")
        .stderr_has("layouts/print.typ:3");
    assert!(
        !run.stderr.contains(w.root().to_str().unwrap()),
        "no absolute path in messages: {}",
        run.stderr
    );
    assert!(!w.path("dist").exists());
    // An override may not read files outside the layout either.
    w.write("layouts/print.typ", "#read(\"/etc/passwd\")\n");
    w.run(&["render", "--pdf"]).code(2).stderr_has("print.typ");
}

#[test]
fn a_portuguese_address_broken_at_a_hyphen_gets_no_second_hyphen() {
    // Portuguese repeats a hyphen at the start of the next line when a line
    // breaks at one: never inside an address.
    let w = Workspace::fixture("english");
    w.edit("infolettre.toml", "language = \"en\"", "language = \"pt\"");
    let url = "https://www.cdc-guimaraes-e-porto.pt/mentoria-e-orientacao-profissional-para-jovens";
    let address = "mentoria-e-orientacao-profissional@cdc-guimaraes-e-porto.pt";
    w.edit(
        "issues/2026-03/news/03-new-centre-in-lerwick.md",
        "in the autumn.",
        &format!("in the autumn: <{url}> e <{address}>."),
    );
    let pdf = render_pdf(&w, "2026-03", &["--draft"]);
    // The lines joined as they are laid out (no dehyphenation).
    let output = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs: .ci/test installs poppler-utils");
    let laid_out = String::from_utf8_lossy(&output.stdout);
    let joined: String = laid_out.lines().map(str::trim).collect::<Vec<_>>().concat();
    assert!(
        laid_out.contains(&url[..20]),
        "the URL is printed: {laid_out}"
    );
    for printed in [url, address] {
        assert!(
            joined.contains(printed),
            "{printed} is not printed whole:\n{laid_out}"
        );
    }
}

/// The lines of each column of each page, top to bottom, between the running
/// header and the footer, read from poppler's `pdftotext -bbox-layout`:
/// (page, column, lines).
fn column_lines(pdf: &Path) -> Vec<(usize, usize, Vec<String>)> {
    const HEADER_BAND_PT: f64 = 50.0;
    const FOOTER_BAND_PT: f64 = 45.0;
    let output = Command::new("pdftotext")
        .arg("-bbox-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs: .ci/test installs poppler-utils");
    assert!(output.status.success());
    let xml = String::from_utf8_lossy(&output.stdout);
    let page_re =
        regex::Regex::new(r#"(?s)<page width="([\d.]+)" height="([\d.]+)".*?</page>"#).unwrap();
    let line_re = regex::Regex::new(
        r#"(?s)<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</line>"#,
    )
    .unwrap();
    let word_re = regex::Regex::new(r">([^<]+)</word>").unwrap();
    let mut out = Vec::new();
    for (p, page) in page_re.captures_iter(&xml).enumerate() {
        let width: f64 = page[1].parse().unwrap();
        let height: f64 = page[2].parse().unwrap();
        let mut columns: [Vec<(f64, String)>; 2] = [Vec::new(), Vec::new()];
        for line in line_re.captures_iter(&page[0]) {
            let (x0, y0, x1): (f64, f64, f64) = (
                line[1].parse().unwrap(),
                line[2].parse().unwrap(),
                line[3].parse().unwrap(),
            );
            if y0 < HEADER_BAND_PT || y0 > height - FOOTER_BAND_PT {
                continue;
            }
            let column = usize::from((x0 + x1) / 2.0 >= width / 2.0);
            let text: Vec<&str> = word_re
                .captures_iter(&line[4])
                .map(|w| w.get(1).unwrap().as_str())
                .collect();
            columns[column].push((y0, text.join(" ")));
        }
        for (column, mut lines) in columns.into_iter().enumerate() {
            lines.sort_by(|a, b| a.0.total_cmp(&b.0));
            if !lines.is_empty() {
                out.push((p + 1, column, lines.into_iter().map(|(_, t)| t).collect()));
            }
        }
    }
    out
}

/// The seed with its first news section replaced by thirty articles of
/// growing length (30, 41, 52 … words of the seed's editorial), titled
/// "Article N", each ending with its contact: columns end and begin at
/// every kind of place.
fn growing_articles() -> Workspace {
    let w = Workspace::seed();
    let words: Vec<String> = w
        .read("issues/2017-12/editorial.md")
        .split(|c: char| !c.is_alphabetic())
        .filter(|word| word.chars().count() >= 4 && word.chars().all(char::is_lowercase))
        .map(str::to_owned)
        .collect();
    let section = "issues/2017-12/nouvelles-des-cdm";
    std::fs::remove_dir_all(w.path(section)).unwrap();
    for i in 0..30 {
        let body: Vec<&str> = (0..30 + 11 * i)
            .map(|k| words[(i * 7 + k) % words.len()].as_str())
            .collect();
        w.write(
            &format!("{section}/{:02}-article-{}.md", i + 1, i + 1),
            format!(
                "+++\ntitle = \"Article {}\"\ncontacts = [{{ name = \"Annie Bordier\", email = \"annie.bordier@citedesmetiers.re\" }}]\n+++\n\n{}.\n\nDernier paragraphe {}.\n",
                i + 1,
                body.join(" "),
                i + 1
            ),
        );
    }
    w
}

#[test]
fn a_contact_never_opens_a_column_apart_from_its_article() {
    // Before the fix, two columns opened with a contact (pages 4 and 11).
    let w = growing_articles();
    let pdf = render_pdf(&w, "2017-12", &[]);
    let columns = column_lines(&pdf);
    assert!(columns.len() > 20, "columns found: {columns:?}");
    // An article's contact line is "Contact Name" (the label and the first
    // name side by side); the team band's own "Contact" stands alone.
    let opened: Vec<(usize, usize, &String)> = columns
        .iter()
        .map(|(page, column, lines)| (*page, *column, &lines[0]))
        .filter(|(_, _, first)| first.starts_with("Contact ") || first.starts_with("Contacts "))
        .collect();
    assert!(opened.is_empty(), "a contact opens a column: {opened:?}");
}

#[test]
fn no_column_ends_with_a_heading() {
    let w = growing_articles();
    let pdf = render_pdf(&w, "2017-12", &[]);
    let columns = column_lines(&pdf);
    let title = regex::Regex::new(r"^Article \d+$").unwrap();
    let ended: Vec<(usize, usize, &String)> = columns
        .iter()
        .map(|(page, column, lines)| (*page, *column, lines.last().unwrap()))
        .filter(|(_, _, last)| title.is_match(last))
        .collect();
    assert!(
        ended.is_empty(),
        "a column ends with an article's title: {ended:?}"
    );
    // The check can fail: titles are there, at the top of some columns.
    assert!(
        columns
            .iter()
            .flat_map(|(_, _, l)| l)
            .any(|l| title.is_match(l))
    );
}
