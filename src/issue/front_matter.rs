//! Splitting a Markdown file into its TOML front matter (between two `+++`
//! lines) and its body.

use crate::diag::{Code, Diagnostic};
use crate::source::{SourceFile, Span};

/// Where the front matter and the body of a Markdown file lie.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// The TOML between the fences, if the file has front matter.
    pub front: Option<Span>,
    pub body: Span,
}

const FENCE: &str = "+++";

/// Finds the front matter of `file`. An opening fence without a closing one
/// is a `toml-syntax` finding, and then the whole file is read as body.
// The finding travels with the split it came from; it is built once per file.
#[allow(clippy::result_large_err)]
pub fn split(file: &SourceFile) -> Result<Split, (Split, Diagnostic)> {
    let text = file.text();
    let whole = Split {
        front: None,
        body: 0..text.len(),
    };
    let Some(first_end) = fence_line_end(text, 0) else {
        return Ok(whole);
    };
    let mut line_start = first_end;
    while line_start < text.len() {
        if let Some(end) = fence_line_end(text, line_start) {
            return Ok(Split {
                front: Some(first_end..line_start),
                body: end..text.len(),
            });
        }
        line_start = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i + 1);
    }
    let diag = Diagnostic::at(
        Code::TomlSyntax,
        file,
        0..FENCE.len(),
        "the front matter is never closed",
    )
    .with_help("end the front matter with a line holding only `+++`");
    Err((whole, diag))
}

/// If the line starting at `start` is a fence, the offset just after it.
fn fence_line_end(text: &str, start: usize) -> Option<usize> {
    let rest = &text[start..];
    let line_len = rest.find('\n').map_or(rest.len(), |i| i + 1);
    let line = rest[..line_len].trim_end_matches(['\n', '\r']).trim_end();
    (line == FENCE).then_some(start + line_len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_and_body_are_separated() {
        let file = SourceFile::new("a.md", "+++\ntitle = \"x\"\n+++\nCorps\n");
        let split = split(&file).unwrap();
        assert_eq!(&file.text()[split.front.unwrap()], "title = \"x\"\n");
        assert_eq!(&file.text()[split.body], "Corps\n");
    }

    #[test]
    fn crlf_fences_are_fences() {
        let file = SourceFile::new("a.md", "+++\r\ntitle = \"x\"\r\n+++\r\nCorps\r\n");
        assert_eq!(&file.text()[split(&file).unwrap().body], "Corps\r\n");
    }

    #[test]
    fn no_front_matter_means_all_body() {
        let file = SourceFile::new("a.md", "Corps\n+++\n");
        assert_eq!(
            split(&file).unwrap(),
            Split {
                front: None,
                body: 0..10
            }
        );
    }

    #[test]
    fn an_unclosed_fence_is_reported_on_line_one() {
        let file = SourceFile::new("a.md", "+++\ntitle = \"x\"\nCorps\n");
        let (split, diag) = split(&file).unwrap_err();
        assert_eq!(split.front, None);
        assert_eq!(
            (diag.code, diag.line, diag.column),
            (Code::TomlSyntax, 1, 1)
        );
    }
}
