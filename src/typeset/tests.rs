//! Tests of the whole print path: the layout on the sample issue, the bytes,
//! hostile text, broken overrides and refused files.

use std::path::Path;
use std::process::Command;

use typst::layout::{Frame, FrameItem};
use typst_layout::{Page, PagedDocument};

use super::fixture::{self, HOSTILE};
use super::*;
use crate::document::SectionBody;
use crate::render::sample::{missing_words, sample_document};

fn pdf_of(document: &Document, standard: PdfStandard) -> Vec<u8> {
    match compile_pdf(document, &Layouts::embedded(), PdfOptions { standard }) {
        Ok(bytes) => bytes,
        Err(error) => panic!("render failed:\n{error}"),
    }
}

fn paged_of(
    document: &Document,
    layouts: &Layouts,
) -> Result<(PagedDocument, Vec<String>), RenderError> {
    let world = PrintWorld::new(document, layouts)?;
    compile(&world)
}

/// Where test PDFs go, to be looked at, out of git.
fn keep(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/typeset-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// The text of laid-out pages, in frame order.
fn frame_text(pages: &[Page]) -> String {
    fn walk(frame: &Frame, out: &mut String) {
        for (_, item) in frame.items() {
            match item {
                FrameItem::Group(group) => walk(&group.frame, out),
                FrameItem::Text(text) => {
                    out.push_str(&text.text);
                    out.push(' ');
                }
                _ => {}
            }
        }
    }
    let mut out = String::new();
    for page in pages {
        walk(&page.frame, &mut out);
    }
    out
}

/// The text of a PDF by poppler's pdftotext (installed by `.ci/test`).
fn pdftotext(path: &Path) -> String {
    poppler_text(path, &[])
}

/// The words of a PDF as poppler laid them out, one per line. Unlike plain
/// `pdftotext`, which joins `métiers-` at a line end to the next line's
/// `Bibliothèques` (it takes every such hyphen for a hyphenation), this
/// keeps each printed word apart.
fn pdf_words(path: &Path) -> String {
    let xml = poppler_text(path, &["-bbox"]);
    let mut words = String::with_capacity(xml.len() / 4);
    for line in xml.lines() {
        let Some(start) = line.find("\">") else {
            continue;
        };
        let Some(word) = line[start + 2..].strip_suffix("</word>") else {
            continue;
        };
        let word = word
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&");
        words.push_str(&word);
        words.push('\n');
    }
    words
}

fn poppler_text(path: &Path, options: &[&str]) -> String {
    let output = Command::new("pdftotext")
        .args(options)
        .arg("-enc")
        .arg("UTF-8")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext runs: `.ci/test` installs poppler-utils");
    assert!(
        output.status.success(),
        "pdftotext failed on {}",
        path.display()
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Whether `word` is not among the words of `text`.
fn missing_words_in(word: &str, text: &str) -> bool {
    !text
        .split(|c: char| !c.is_alphanumeric())
        .any(|token| token == word)
}

/// Text with line-end hyphenation undone and all whitespace removed, so that
/// a string broken across lines is still found.
fn squeeze(text: &str) -> String {
    text.replace("\u{AD}\n", "")
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{AD}')
        .collect()
}

#[test]
fn a_render_is_a_pdf_and_the_same_input_gives_the_same_bytes() {
    let document = sample_document();
    let first = pdf_of(&document, PdfStandard::Ua1);
    let second = pdf_of(&document, PdfStandard::Ua1);
    assert!(first.starts_with(b"%PDF"));
    assert!(first == second, "two renders of one issue differ");
    keep("sample.pdf", &first);
}

#[test]
fn the_layout_compiles_the_sample_without_warnings_on_a4_pages() {
    let document = sample_document();
    let (paged, warnings) = paged_of(&document, &Layouts::embedded()).unwrap();
    assert!(warnings.is_empty(), "{}", warnings.join("\n\n"));
    for page in paged.pages() {
        let size = page.frame.size();
        assert!((size.x.to_mm() - 210.0).abs() < 0.1 && (size.y.to_mm() - 297.0).abs() < 0.1);
    }
}

#[test]
fn every_word_of_the_sample_is_printed() {
    let document = sample_document();
    let path = keep("words.pdf", &pdf_of(&document, PdfStandard::Ua1));
    let text = pdftotext(&path).replace("\u{AD}\n", "");
    let laid_out = pdf_words(&path).replace("\u{AD}\n", "");
    // A footnote mark sticks to its word in extracted text ("guide1"): also
    // look for words with the trailing digits of such a mark removed.
    let unmarked: String = [text.as_str(), laid_out.as_str()]
        .join("\n")
        .split(|c: char| !c.is_alphanumeric())
        .map(|token| {
            let letters = token.trim_end_matches(|c: char| c.is_ascii_digit());
            if letters.chars().any(char::is_alphabetic) {
                letters
            } else {
                token
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    let missing: Vec<String> = missing_words(&document, &text)
        .into_iter()
        .filter(|word| missing_words_in(word, &unmarked))
        .collect();
    assert!(missing.is_empty(), "missing from the PDF: {missing:?}");
}

#[test]
fn every_standard_compiles() {
    let mut document = sample_document();
    document.meta.draft = true;
    for standard in [PdfStandard::Ua1, PdfStandard::A2b, PdfStandard::None] {
        assert!(
            pdf_of(&document, standard).starts_with(b"%PDF"),
            "{standard:?}"
        );
    }
}

#[test]
fn a_draft_says_so_on_every_page() {
    let mut document = sample_document();
    document.meta.draft = true;
    let (paged, _) = paged_of(&document, &Layouts::embedded()).unwrap();
    for page in paged.pages() {
        assert!(
            frame_text(std::slice::from_ref(page)).contains("BROUILLON"),
            "a page without the draft mark"
        );
    }
    keep("draft.pdf", &pdf_of(&document, PdfStandard::Ua1));
}

#[test]
fn hostile_text_is_printed_literally_and_runs_nothing() {
    let document = fixture::hostile_document();
    let (paged, _) = paged_of(&document, &Layouts::embedded()).unwrap();
    for page in paged.pages() {
        let size = page.frame.size();
        assert!(
            (size.x.to_mm() - 210.0).abs() < 0.1,
            "the page width changed"
        );
        assert!(
            (size.y.to_mm() - 297.0).abs() < 0.1,
            "the page height changed"
        );
    }
    let pdf = pdf_of(&document, PdfStandard::Ua1);
    let path = keep("hostile.pdf", &pdf);
    let text = pdftotext(&path);
    let haystack = squeeze(&text);
    for hostile in HOSTILE {
        assert!(
            haystack.contains(&squeeze(hostile)),
            "{hostile:?} is not printed as text"
        );
    }
    assert!(!text.contains("root:"), "a file was read");
    let output = Command::new("pdfinfo")
        .arg(&path)
        .output()
        .expect("pdfinfo runs: `.ci/test` installs poppler-utils");
    let info = String::from_utf8_lossy(&output.stdout);
    assert!(info.contains("595.276 x 841.89 pts (A4)"), "{info}");
}

fn with_override(files: &[(&str, &str)]) -> (tempfile::TempDir, Layouts) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let layouts = Layouts::with_overrides(dir.path());
    (dir, layouts)
}

fn typeset_error(layouts: &Layouts) -> String {
    match compile_pdf(&sample_document(), layouts, PdfOptions::default()) {
        Err(RenderError::Typeset(message)) => {
            eprintln!("{message}\n");
            message
        }
        Err(other) => panic!("not a Typeset error: {other}"),
        Ok(_) => panic!("the broken layout compiled"),
    }
}

#[test]
fn a_syntax_error_in_an_override_names_the_file_line_and_column() {
    let (dir, layouts) = with_override(&[(
        "print.typ",
        "#let doc = json(sys.inputs.document)\n\n= #doc.meta.title\n#let broken = (1, 2\n",
    )]);
    let message = typeset_error(&layouts);
    assert!(message.starts_with("error: "), "{message}");
    assert!(message.contains("┌─ layouts/print.typ:4:"), "{message}");
    assert!(message.contains("4 │ #let broken = (1, 2"), "{message}");
    assert!(message.contains('^'), "{message}");
    assert!(
        !message.contains(&dir.path().display().to_string()),
        "{message}"
    );
}

#[test]
fn an_error_in_a_function_call_points_at_the_argument() {
    let (_dir, layouts) = with_override(&[(
        "print.typ",
        "#set page(paper: \"a4\")\n#text(size: \"big\")[x]\n",
    )]);
    let message = typeset_error(&layouts);
    assert!(message.contains("layouts/print.typ:2:13"), "{message}");
    assert!(message.contains("2 │ #text(size: \"big\")[x]"), "{message}");
    assert!(message.contains("  │             ^^^^^"), "{message}");
}

#[test]
fn a_layout_cannot_read_the_disk_nor_import_packages() {
    let (dir, layouts) = with_override(&[("print.typ", "#read(\"/etc/passwd\")\n")]);
    let message = typeset_error(&layouts);
    assert!(
        message.contains("/etc/passwd is not available"),
        "{message}"
    );
    assert!(!message.contains("root:"), "{message}");
    assert!(
        !message.contains(&dir.path().display().to_string()),
        "{message}"
    );

    let (_dir, layouts) = with_override(&[("print.typ", "#read(\"../../Cargo.toml\")\n")]);
    let message = typeset_error(&layouts);
    assert!(message.contains("error:"), "{message}");
    assert!(!message.contains("[package]"), "{message}");

    let (_dir, layouts) = with_override(&[("print.typ", "#import \"@preview/cetz:0.3.0\": *\n")]);
    let message = typeset_error(&layouts);
    assert!(
        message.contains("package @preview/cetz:0.3.0 is not available"),
        "{message}"
    );
}

#[test]
fn an_override_of_a_partial_replaces_only_that_file() {
    let theme = Layouts::embedded()
        .text("print/theme.typ")
        .unwrap()
        .replace("#0d5c7a", "#7a0d3c");
    let (_dir, layouts) = with_override(&[("print/theme.typ", theme.as_str())]);
    let document = sample_document();
    let (paged, _) = paged_of(&document, &layouts).unwrap();
    assert!(paged.pages().len() > 1);
}

#[test]
#[cfg(unix)]
fn an_override_symlinked_out_of_the_layouts_folder_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("theme.typ"), "#let accent = red\n").unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("print")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("theme.typ"),
        dir.path().join("print/theme.typ"),
    )
    .unwrap();
    let message = typeset_error(&Layouts::with_overrides(dir.path()));
    assert!(
        message.contains("layouts/print/theme.typ is not available"),
        "{message}"
    );
}

#[test]
fn a_draft_with_missing_titles_and_alt_texts_still_passes_pdf_ua() {
    let mut document = sample_document();
    document.meta.draft = true;
    document.meta.region = Some("FR".into());
    for section in &mut document.sections {
        match &mut section.body {
            SectionBody::Articles { articles } => {
                for article in articles.iter_mut() {
                    article.title = vec![];
                    if let Some(image) = &mut article.image {
                        image.alt = String::new();
                    }
                    article.blocks.extend(crate::markup::parse_str(
                        "# Un intertitre\n\n![](images/cocade-formation.png)\n",
                    ));
                }
            }
            SectionBody::Calls { calls, .. } => calls[0].title = vec![],
            SectionBody::Agenda { groups } => groups[0].name = Some(" ".into()),
            _ => {}
        }
    }
    document.team.clear();
    assert!(pdf_of(&document, PdfStandard::Ua1).starts_with(b"%PDF"));
}

#[test]
fn a_diagnostic_is_laid_out_like_the_typst_cli() {
    let layout = format!("{}#text(size: \"big\")[x]\n", "// filler\n".repeat(11));
    let (_dir, layouts) = with_override(&[("print.typ", layout.as_str())]);
    let message = typeset_error(&layouts);
    let expected = "error: expected length, found string\n  ┌─ layouts/print.typ:12:13\n   │\n12 │ #text(size: \"big\")[x]\n   │             ^^^^^";
    assert!(message.starts_with(expected), "{message}");
}

/// Every link destination of laid-out pages: `Some(url)` for a URL, `None`
/// for a place inside the document.
fn link_destinations(pages: &[Page]) -> Vec<Option<String>> {
    fn walk(frame: &Frame, out: &mut Vec<Option<String>>) {
        for (_, item) in frame.items() {
            match item {
                FrameItem::Group(group) => walk(&group.frame, out),
                FrameItem::Link(destination, _) => out.push(match destination {
                    typst::model::Destination::Url(url) => Some(url.as_str().to_owned()),
                    _ => None,
                }),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    for page in pages {
        walk(&page.frame, &mut out);
    }
    out
}

#[test]
fn only_web_links_become_footnotes_and_anchors_link_inside_the_issue() {
    let mut document = sample_document();
    document.sections[1].body = SectionBody::Text {
        blocks: crate::markup::parse_str(
            "Voir [l'article COCADE](#01-cocade), [appeler](tel:+33123456789), \
             [écrire](MAILTO:contact@reseaucitesdesmetiers.com) ou [le site](https://www.reseaucitesdesmetiers.com/agenda).",
        ),
    };
    let (paged, _) = paged_of(&document, &Layouts::embedded()).unwrap();
    let destinations = link_destinations(paged.pages());
    assert!(
        destinations.contains(&None),
        "no internal link: {destinations:?}"
    );
    for url in [
        "tel:+33123456789",
        "mailto:contact@reseaucitesdesmetiers.com",
        "https://www.reseaucitesdesmetiers.com/agenda",
    ] {
        assert!(
            destinations.iter().any(|d| d.as_deref() == Some(url)),
            "{url}: {destinations:?}"
        );
    }
    let path = keep("links.pdf", &pdf_of(&document, PdfStandard::Ua1));
    let text = pdftotext(&path);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Voir l'article COCADE, appeler (+33123456789), écrire (contact@reseaucitesdesmetiers.com) ou le site"), "{flat}");
    // Nothing but the web address goes to a footnote: no anchor, no scheme.
    assert!(
        !text.contains("#01-cocade")
            && !text.contains("tel:")
            && !text.to_lowercase().contains("mailto:"),
        "{text}"
    );
    let site = "https://www.reseaucitesdesmetiers.com/agenda";
    assert_eq!(squeeze(&text).matches(site).count(), 1, "{text}");
}

/// The layout's fitting (`print/fit.typ`) settles within typst's five
/// passes, and without a warning (typst warns when a document does not
/// settle), both when a step does its job (the sample as shipped) and when
/// every step it tries falls short: then the design comes back. To make
/// them fall short, an override of `fit.typ` keeps the decision but makes
/// the steps move nothing; its pages are then those of the design.
#[test]
fn the_fitting_settles_within_typsts_passes_whether_or_not_a_step_does_its_job() {
    let document = sample_document();
    let (_, warnings) = paged_of(&document, &Layouts::embedded()).unwrap();
    assert!(warnings.is_empty(), "{}", warnings.join("\n\n"));
    let fit = Layouts::embedded().text("print/fit.typ").unwrap();
    let edit = |from: &str, to: &str| {
        assert!(fit.contains(from), "print/fit.typ has no {from:?}");
        fit.replace(from, to)
    };
    let designed = edit("#let fit() = fitting().step", "#let fit() = 0");
    let inert = edit("fit() * 0.08", "fit() * 0").replace("fit() * 0.1em", "fit() * 0em");
    assert_ne!(inert, fit);
    // An estimate this hopeful tries one step tighter, then two: a step
    // that falls short is followed by one more before the design comes back.
    let hopeful = inert.replace("#let gain-per-step = 0.07", "#let gain-per-step = 1.0");
    assert_ne!(hopeful, inert);
    let typeset = |text: &str| {
        let (_dir, layouts) = with_override(&[("print/fit.typ", text)]);
        let (paged, warnings) = paged_of(&document, &layouts).unwrap();
        assert!(warnings.is_empty(), "{}", warnings.join("\n\n"));
        paged
    };
    let designed = typeset(&designed);
    for tried in [typeset(&inert), typeset(&hopeful)] {
        assert_eq!(tried.pages().len(), designed.pages().len());
        assert_eq!(frame_text(tried.pages()), frame_text(designed.pages()));
    }
}
