//! Nesting as deep as the input is long, through the real binary: before the
//! depth cap, 10,000 `>` aborted `render --text`/`--html` with a stack
//! overflow and 30,000 aborted `check`.

use crate::harness::Workspace;

const ARTICLE: &str = "issues/2026-03/news/03-new-centre-in-lerwick.md";

/// Payloads nested 100,000 times, each ending with a word that must survive.
fn deep_paragraphs() -> String {
    let n = 100_000;
    [
        format!("{} quotedeep", ">".repeat(n)),
        format!("{}emphdeep{}", "*_".repeat(n), "_*".repeat(n)),
        format!("{}linkdeep{}", "[".repeat(n), "](u)".repeat(n)),
        format!("{}listdeep", "- ".repeat(n)),
        // An unpaired backtick run inside a line (at the start of a line,
        // three or more backticks open a fenced code block, and the word
        // after them is its info string).
        format!("inline {} codedeep", "`".repeat(n)),
    ]
    .join("\n\n")
}

#[test]
fn check_and_render_survive_100000_levels_of_nesting() {
    let w = Workspace::fixture("english");
    let text = w.read(ARTICLE);
    w.write(ARTICLE, format!("{text}\n{}\n", deep_paragraphs()));
    // `run` panics if the process ended by a signal (a stack overflow).
    let check = w.run(&["check", "--format", "json"]);
    assert!(
        matches!(check.code, 0 | 1),
        "check: {}\n{}",
        check.code,
        check.stderr
    );
    check.json();
    let render = w.run(&["render", "--md", "--html", "--text", "--draft"]);
    assert!(
        matches!(render.code, 0 | 1),
        "render: {}\n{}",
        render.code,
        render.stderr
    );
    for ext in ["md", "html", "txt"] {
        let out = w.read(&format!("dist/2026-03/2026-03.{ext}"));
        for word in ["quotedeep", "emphdeep", "linkdeep", "listdeep", "codedeep"] {
            assert!(out.contains(word), "{word} lost in the .{ext}");
        }
    }
}
