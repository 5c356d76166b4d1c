//! One visual identity: the colours of `layouts/theme.toml` reach the email,
//! the web page and the print edition alike, and a theme that is not one is
//! refused with its file and line.

use std::path::Path;
use std::process::Command;

use crate::harness::Workspace;

/// A colour no embedded layout uses, as the workspace's accent.
const ACCENT: (u8, u8, u8) = (0x7a, 0x1f, 0x5c);

fn workspace_with_accent() -> Workspace {
    let w = Workspace::seed();
    let theme = std::fs::read_to_string(crate::harness::repo().join("layouts/theme.toml"))
        .unwrap()
        .replacen("accent = \"#0d5c7a\"", "accent = \"#7a1f5c\"", 1);
    assert!(theme.contains("#7a1f5c"), "the embedded accent is #0d5c7a");
    w.write("layouts/theme.toml", theme);
    w
}

#[test]
fn the_email_and_web_page_take_the_theme_accent() {
    let w = workspace_with_accent();
    w.run(&["render", "--html", "--out", "out"]).code(0);
    let html = std::fs::read_to_string(w.path("out/2017-12.html")).unwrap();
    let page = scraper::Html::parse_document(&html);
    let masthead = page
        .select(&scraper::Selector::parse("td.masthead").unwrap())
        .next()
        .expect("a masthead");
    let style = masthead.value().attr("style").unwrap_or_default();
    assert!(style.contains("background-color: #7a1f5c"), "{style}");
    assert!(!html.contains("#0d5c7a"), "the embedded accent is gone");
    w.run(&["site", "--out", "site"]).code(0);
    let web = std::fs::read_to_string(w.path("site/2017-12/index.html")).unwrap();
    assert!(web.contains("--accent: #7a1f5c"), "the web page's accent");
}

/// The masthead band of the PDF's first page is painted in the accent, as
/// poppler draws it.
#[test]
fn the_print_edition_takes_the_theme_accent() {
    let w = workspace_with_accent();
    w.run(&["render", "--pdf", "--out", "out"]).code(0);
    let accent = pixels_of(&w.path("out/2017-12.pdf"), ACCENT);
    assert!(accent > 500, "{accent} pixels of the accent on page 1");
    let seed = Workspace::seed();
    seed.run(&["render", "--pdf", "--out", "out"]).code(0);
    assert_eq!(pixels_of(&seed.path("out/2017-12.pdf"), ACCENT), 0);
}

#[test]
fn a_theme_colour_that_is_not_one_is_refused_with_its_line() {
    let w = workspace_with_accent();
    w.edit(
        "layouts/theme.toml",
        "\"#7a1f5c\"",
        "\"#7a1f5c; } body { display: none\"",
    );
    for format in ["--html", "--pdf"] {
        w.run(&["render", format, "--out", "out"])
            .code(2)
            .stderr_has("layouts/theme.toml")
            .stderr_has("line 11")
            .stderr_has("is not a colour");
    }
    assert!(!w.path("out").exists(), "nothing is written");
}

/// How many pixels of page 1, drawn by pdftoppm at 30 dpi, are exactly `rgb`.
fn pixels_of(pdf: &Path, rgb: (u8, u8, u8)) -> usize {
    let output = Command::new("pdftoppm")
        .args(["-r", "30", "-f", "1", "-l", "1"])
        .arg(pdf)
        .output()
        .expect("pdftoppm runs");
    assert!(output.status.success());
    // A binary PPM: "P6", width, height, 255, each after one whitespace.
    let ppm = output.stdout;
    let mut fields = 0;
    let mut start = 0;
    for (i, b) in ppm.iter().enumerate() {
        if b.is_ascii_whitespace() {
            fields += 1;
            if fields == 4 {
                start = i + 1;
                break;
            }
        }
    }
    assert_eq!(&ppm[..2], b"P6");
    ppm[start..]
        .chunks_exact(3)
        .filter(|p| (p[0], p[1], p[2]) == rgb)
        .count()
}
