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
    assert!(!run.stderr.contains("error: error:"), "{}", run.stderr);
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

/// What typst only warns about is said on standard error, where it points,
/// and the PDF is still written; a layout as shipped warns about nothing.
#[test]
fn a_layout_warning_is_said_and_the_pdf_still_written() {
    let w = Workspace::seed();
    let quiet = w.run(&["render", "2017-12", "--pdf", "--out", "quiet"]);
    quiet.code(0);
    assert!(!quiet.stderr.contains("warning"), "{}", quiet.stderr);
    w.write(
        "layouts/print.typ",
        "#set document(title: \"InfoLettre\")\n#set page(paper: \"a4\")\n#text(font: \"No Such Face\")[Bonjour]\n",
    );
    w.run(&["render", "2017-12", "--pdf", "--out", "out"])
        .code(0)
        .stderr_has("warning: unknown font family: no such face")
        .stderr_has("layouts/print.typ:3:13");
    assert!(w.path("out/2017-12.pdf").exists());
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
    column_boxes(pdf)
        .pages
        .into_iter()
        .flat_map(|(page, columns)| {
            columns
                .into_iter()
                .enumerate()
                .filter(|(_, lines)| !lines.is_empty())
                .map(move |(column, lines)| {
                    (page, column, lines.into_iter().map(|l| l.text).collect())
                })
        })
        .collect()
}

/// One line of text as poppler places it.
struct Line {
    top: f64,
    bottom: f64,
    width: f64,
    text: String,
}

/// Each page's two columns of lines, top to bottom, between the running
/// header and footer bands, and the height of that body area.
struct Columns {
    pages: Vec<(usize, [Vec<Line>; 2])>,
    body_height: f64,
}

const HEADER_BAND_PT: f64 = 50.0;
const FOOTER_BAND_PT: f64 = 45.0;

fn column_boxes(pdf: &Path) -> Columns {
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
        r#"(?s)<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>"#,
    )
    .unwrap();
    let word_re = regex::Regex::new(r">([^<]+)</word>").unwrap();
    let mut pages = Vec::new();
    let mut body_height = 0.0;
    for (p, page) in page_re.captures_iter(&xml).enumerate() {
        let width: f64 = page[1].parse().unwrap();
        let height: f64 = page[2].parse().unwrap();
        body_height = height - HEADER_BAND_PT - FOOTER_BAND_PT;
        let mut columns: [Vec<Line>; 2] = [Vec::new(), Vec::new()];
        for line in line_re.captures_iter(&page[0]) {
            let (x0, y0, x1, y1): (f64, f64, f64, f64) = (
                line[1].parse().unwrap(),
                line[2].parse().unwrap(),
                line[3].parse().unwrap(),
                line[4].parse().unwrap(),
            );
            if y0 < HEADER_BAND_PT || y0 > height - FOOTER_BAND_PT {
                continue;
            }
            let column = usize::from((x0 + x1) / 2.0 >= width / 2.0);
            let text: Vec<&str> = word_re
                .captures_iter(&line[5])
                .map(|w| w.get(1).unwrap().as_str())
                .collect();
            columns[column].push(Line {
                top: y0,
                bottom: y1,
                width: x1 - x0,
                text: text.join(" "),
            });
        }
        for lines in &mut columns {
            lines.sort_by(|a, b| a.top.total_cmp(&b.top));
        }
        pages.push((p + 1, columns));
    }
    Columns { pages, body_height }
}

/// The share of each page's body area that text covers, both columns
/// together: lines closer than a blank line count as one run, so a full
/// column is close to 1 and an empty one 0.
fn page_fills(pdf: &Path) -> Vec<f64> {
    const SAME_RUN_PT: f64 = 9.0;
    let columns = column_boxes(pdf);
    columns
        .pages
        .iter()
        .map(|(_, page)| {
            let covered: f64 = page
                .iter()
                .map(|lines| {
                    let mut runs: Vec<(f64, f64)> = Vec::new();
                    for line in lines {
                        match runs.last_mut() {
                            Some(run) if line.top - run.1 < SAME_RUN_PT => {
                                run.1 = run.1.max(line.bottom)
                            }
                            _ => runs.push((line.top, line.bottom)),
                        }
                    }
                    runs.iter().map(|(top, bottom)| bottom - top).sum::<f64>()
                })
                .sum();
            covered / (2.0 * columns.body_height)
        })
        .collect()
}

/// No paragraph of body text leaves its first line alone at the foot of a
/// column (an orphan) or its last line alone at the head of the next (a
/// widow), on the seed and on forty articles of growing length. Body text
/// is justified, so a line as wide as the column is one that the paragraph
/// goes on after, and a shorter one ends its paragraph.
#[test]
fn no_widow_or_orphan_line_in_body_text() {
    let mut faults = Vec::new();
    for (name, w) in [
        ("seed", Workspace::seed()),
        ("forty-articles", growing_articles(40)),
    ] {
        let pdf = render_pdf(&w, "2017-12", &[]);
        let columns = column_boxes(&pdf);
        let flow: Vec<(usize, usize, &[Line])> = columns
            .pages
            .iter()
            .flat_map(|(page, cols)| {
                cols.iter()
                    .enumerate()
                    .filter(|(_, lines)| !lines.is_empty())
                    .map(move |(c, lines)| (*page, c, lines.as_slice()))
            })
            .collect();
        let full = flow
            .iter()
            .flat_map(|(_, _, lines)| lines.iter().map(|l| l.width))
            .fold(0.0, f64::max)
            * 0.97;
        for pair in flow.windows(2) {
            let ((page, column, before), (_, _, after)) = (pair[0], pair[1]);
            let [.., second_last, last] = before else {
                continue;
            };
            let [first, ..] = after else { continue };
            let goes_on = last.width >= full;
            // The paragraph began on the last line: the line above ended
            // another one, or stands apart from it.
            let began_on_last =
                second_last.width < full * 0.9 || last.top - second_last.bottom > 6.0;
            if goes_on && began_on_last {
                faults.push(format!(
                    "{name}: an orphan ends page {page} column {}: {:?}",
                    column + 1,
                    last.text
                ));
            }
            // The paragraph goes on, and its next line is its last.
            if goes_on && first.width < full * 0.9 {
                faults.push(format!(
                    "{name}: a widow opens the column after page {page} column {}: {:?}",
                    column + 1,
                    first.text
                ));
            }
        }
    }
    assert!(faults.is_empty(), "{faults:#?}");
}

/// Every page but the last holds at least a third of a page, and so does
/// the last one of an issue longer than a page: on the seed, the hostile
/// fixture, a one-article issue and forty articles of growing length. The
/// page images are kept as test artefacts.
#[test]
fn no_page_holds_less_than_a_third_of_a_page() {
    let one_article = {
        let w = Workspace::seed();
        for section in [
            "nouvelles-des-cdm",
            "nouvelles-du-reseau",
            "arrivees-departs",
        ] {
            let mut files: Vec<_> = std::fs::read_dir(w.path(&format!("issues/2017-12/{section}")))
                .unwrap()
                .map(|entry| entry.unwrap().path())
                .collect();
            files.sort();
            let keep = usize::from(section == "nouvelles-des-cdm");
            for file in &files[keep..] {
                std::fs::remove_file(file).unwrap();
            }
        }
        w
    };
    let cases = [
        ("seed", Workspace::seed(), "2017-12", false),
        ("hostile", Workspace::fixture("hostile"), "2030-01", true),
        ("one-article", one_article, "2017-12", true),
        ("forty-articles", growing_articles(40), "2017-12", false),
    ];
    let mut faults = Vec::new();
    for (name, w, issue, draft) in &cases {
        let pdf = render_pdf(w, issue, if *draft { &["--draft"] } else { &[] });
        let kept = artifacts().join(format!("fill-{name}"));
        Command::new("pdftoppm")
            .args(["-r", "40", "-png"])
            .arg(&pdf)
            .arg(&kept)
            .status()
            .unwrap();
        let fills = page_fills(&pdf);
        let last = fills.len() - 1;
        for (page, fill) in fills.iter().enumerate() {
            if fill < &(1.0 / 3.0) && (page < last || last > 0) {
                faults.push(format!(
                    "{name}: page {} of {} holds {:.0} % of a page",
                    page + 1,
                    last + 1,
                    fill * 100.0
                ));
            }
        }
    }
    assert!(faults.is_empty(), "{faults:#?}");
}

/// The seed with its first news section replaced by `count` articles of
/// growing length (30, 41, 52 … words of the seed's editorial), titled
/// "Article N", each ending with its contact: columns end and begin at
/// every kind of place.
fn growing_articles(count: usize) -> Workspace {
    let w = Workspace::seed();
    let words: Vec<String> = w
        .read("issues/2017-12/editorial.md")
        .split(|c: char| !c.is_alphabetic())
        .filter(|word| word.chars().count() >= 4 && word.chars().all(char::is_lowercase))
        .map(str::to_owned)
        .collect();
    let section = "issues/2017-12/nouvelles-des-cdm";
    std::fs::remove_dir_all(w.path(section)).unwrap();
    for i in 0..count {
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
    let w = growing_articles(30);
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
    let w = growing_articles(30);
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
