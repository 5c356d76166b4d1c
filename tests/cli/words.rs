//! "Every word an author wrote reaches every output": the words of an issue's
//! sources, gathered independently of the renderers, and the words of each
//! output, normalized the same way.

use std::collections::BTreeSet;
use std::path::Path;

use unicode_normalization::UnicodeNormalization;

/// The words of a text: lowercase runs of letters, and runs of digits.
pub fn tokens(text: &str) -> BTreeSet<String> {
    let text: String = text.nfkc().collect::<String>().to_lowercase();
    let mut out = BTreeSet::new();
    let mut current = String::new();
    let mut digits = false;
    for c in text.chars() {
        let same_kind = if c.is_numeric() {
            digits || current.is_empty()
        } else {
            !digits || current.is_empty()
        };
        if c.is_alphanumeric() && same_kind {
            digits = c.is_numeric();
            current.push(c);
        } else {
            if !current.is_empty() {
                out.insert(std::mem::take(&mut current));
            }
            if c.is_alphanumeric() {
                digits = c.is_numeric();
                current.push(c);
            }
        }
    }
    if !current.is_empty() {
        out.insert(current);
    }
    out
}

/// Keys whose values are addresses or machine names, not words to print.
const NOT_PROSE: &[&str] = &[
    "link",
    "image",
    "allow",
    "base_url",
    "id",
    "kind",
    "language",
    "contact",
    "required",
    "max_words",
];

/// Every word the authors wrote in the issue at `issue_dir`, plus the
/// newsletter's title, publisher and team from `infolettre.toml`.
pub fn author_words(root: &Path, issue_dir: &str) -> BTreeSet<String> {
    let mut words = BTreeSet::new();
    let config: toml::Value =
        toml::from_str(&std::fs::read_to_string(root.join("infolettre.toml")).unwrap()).unwrap();
    for key in ["title", "publisher"] {
        words.extend(tokens(config["newsletter"][key].as_str().unwrap()));
    }
    for member in config
        .get("team")
        .and_then(|t| t.as_array())
        .into_iter()
        .flatten()
    {
        words.extend(tokens(member["name"].as_str().unwrap()));
        words.extend(tokens(member["role"].as_str().unwrap()));
    }
    for entry in walkdir::WalkDir::new(root.join(issue_dir)) {
        let entry = entry.unwrap();
        let path = entry.path();
        let text = match path.extension().and_then(|e| e.to_str()) {
            Some("md" | "toml") => std::fs::read_to_string(path).unwrap(),
            _ => continue,
        };
        if path.file_name().unwrap() == "issue.toml" {
            // The issue's title and preheader are words too.
            let value: toml::Value = toml::from_str(&text).unwrap();
            collect_toml(&value, &mut words, false);
        } else if path.extension().unwrap() == "toml" {
            let value: toml::Value = toml::from_str(&text).unwrap();
            collect_toml(&value, &mut words, true);
        } else {
            let file = infolettre::source::SourceFile::new("x.md", text);
            let split = infolettre::issue::split(&file).unwrap();
            if let Some(front) = split.front {
                let value: toml::Value = toml::from_str(&file.text()[front]).unwrap();
                collect_toml(&value, &mut words, false);
            }
            words.extend(markdown_words(&file.text()[split.body]));
        }
    }
    words
}

fn collect_toml(value: &toml::Value, words: &mut BTreeSet<String>, markdown: bool) {
    match value {
        toml::Value::String(text) if markdown => words.extend(markdown_words(text)),
        toml::Value::String(text) => words.extend(tokens(text)),
        toml::Value::Array(items) => items.iter().for_each(|v| collect_toml(v, words, markdown)),
        toml::Value::Table(table) => {
            for (key, value) in table {
                if !NOT_PROSE.contains(&key.as_str()) {
                    collect_toml(value, words, markdown);
                }
            }
        }
        _ => {}
    }
}

/// The words of Markdown: its text, not its syntax or its link targets.
fn markdown_words(text: &str) -> BTreeSet<String> {
    let mut words = BTreeSet::new();
    infolettre::markup::for_each_text(&infolettre::markup::parse_str(text), &mut |t| {
        words.extend(tokens(t))
    });
    words
}

/// The text of an HTML page: what it shows, and the text alternatives of its pictures.
pub fn html_text(html: &str) -> String {
    let page = scraper::Html::parse_document(html);
    let body = scraper::Selector::parse("body").unwrap();
    let images = scraper::Selector::parse("img[alt]").unwrap();
    let shown = page.select(&body).flat_map(|b| b.text());
    let alts = page
        .select(&images)
        .filter_map(|img| img.value().attr("alt"));
    shown.chain(alts).collect::<Vec<_>>().join(" ")
}

/// Text extracted from a PDF, with hyphenation undone.
pub fn pdf_text(path: &Path) -> String {
    let output = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext is installed by .ci/test (poppler-utils)");
    assert!(output.status.success(), "pdftotext failed");
    let text = String::from_utf8(output.stdout).unwrap();
    text.replace("\u{ad}\n", "")
        .replace('\u{ad}', "")
        .replace("-\n", "-")
}

/// The author's words missing from an output.
pub fn missing(expected: &BTreeSet<String>, output: &str) -> Vec<String> {
    let present = tokens(output);
    expected
        .iter()
        .filter(|w| !present.contains(*w))
        .cloned()
        .collect()
}
