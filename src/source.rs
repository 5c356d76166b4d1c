//! Source files as read from disk, and the mapping from byte offsets to the
//! 1-based line and column numbers that every diagnostic reports.

use std::ops::Range;

/// A byte range inside one [`SourceFile`]'s text.
pub type Span = Range<usize>;

/// A text file of the workspace, with its path relative to the workspace root.
///
/// A leading byte-order mark is dropped on creation so that every offset, and
/// the column numbers derived from it, count only what an editor shows.
#[derive(Debug, Clone)]
pub struct SourceFile {
    path: String,
    text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    /// Wraps `text` read from `path` (relative to the workspace root, with `/` separators).
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        let mut text = text.into();
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self { path: path.into(), text, line_starts }
    }

    /// The path relative to the workspace root, as diagnostics print it.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The whole text, without a byte-order mark.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The 1-based line and column (in characters) of a byte offset.
    /// An offset past the end, or inside a character, is clamped.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = self.floor_char_boundary(offset.min(self.text.len()));
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = self.line_starts[line];
        let column = self.text[start..offset].chars().count() + 1;
        (line + 1, column)
    }

    /// The byte offset where a 1-based line starts, if the line exists.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        line.checked_sub(1).and_then(|i| self.line_starts.get(i)).copied()
    }

    /// The byte offset of a 1-based line and a 1-based column counted in bytes,
    /// as comrak's source positions give them.
    pub fn offset_of(&self, line: usize, byte_column: usize) -> usize {
        let start = self.line_start(line).unwrap_or(self.text.len());
        self.floor_char_boundary((start + byte_column.saturating_sub(1)).min(self.text.len()))
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line_text(&self, line: usize) -> &str {
        let Some(start) = self.line_start(line) else { return "" };
        let end = self.line_starts.get(line).copied().unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }

    fn floor_char_boundary(&self, mut offset: usize) -> usize {
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters_from_one() {
        let file = SourceFile::new("a.md", "ab\nçà x\n");
        assert_eq!(file.line_col(0), (1, 1));
        assert_eq!(file.line_col(3), (2, 1));
        assert_eq!(file.line_col("ab\nçà ".len()), (2, 4));
        assert_eq!(file.line_text(2), "çà x");
    }

    #[test]
    fn bom_is_dropped_and_crlf_lines_are_trimmed() {
        let file = SourceFile::new("a.md", "\u{feff}un\r\ndeux\r\n");
        assert_eq!(file.text(), "un\r\ndeux\r\n");
        assert_eq!(file.line_text(1), "un");
        assert_eq!(file.line_col(4), (2, 1));
    }

    #[test]
    fn offsets_past_the_end_or_inside_a_character_are_clamped() {
        let file = SourceFile::new("a.md", "é");
        assert_eq!(file.line_col(1), (1, 1));
        assert_eq!(file.line_col(99), (1, 2));
    }
}

/// Reads `rel` (relative to `root`) as a source file.
///
/// A file the system will not let us read is an [`Error`](crate::error::Error)
/// (exit 2); one that can be read but is not text is an `encoding` finding.
pub fn read(
    root: &std::path::Path,
    rel: &str,
) -> crate::error::Result<Result<SourceFile, crate::diag::Diagnostic>> {
    use crate::diag::{Code, Diagnostic};
    let path = root.join(rel);
    let bytes = std::fs::read(&path).map_err(|e| crate::error::Error::io("read", &path, e))?;
    Ok(match String::from_utf8(bytes) {
        Ok(text) if text.contains('\0') => Err(Diagnostic::file(
            Code::Encoding,
            rel,
            "this is a binary file, not text (it holds NUL bytes)",
        )),
        Ok(text) => Ok(SourceFile::new(rel, text)),
        Err(error) => {
            let valid = error.utf8_error().valid_up_to();
            let bytes = error.into_bytes();
            // Point at the first bad byte, counting lines in the valid prefix.
            let prefix = String::from_utf8_lossy(&bytes[..valid]).into_owned();
            let file = SourceFile::new(rel, prefix);
            let mut diag = Diagnostic::at(
                Code::Encoding,
                &file,
                valid..valid,
                format!("this file is not valid UTF-8 (byte 0x{:02x} at offset {valid})", bytes[valid]),
            )
            .with_help("save the file as UTF-8");
            diag.span = None;
            Err(diag)
        }
    })
}
