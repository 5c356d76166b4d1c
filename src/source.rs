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
    /// Whether each line is ASCII: there a column is a byte count, found in
    /// constant time, so many findings on one long line stay linear.
    ascii_lines: Vec<bool>,
}

impl SourceFile {
    /// Wraps `text` read from `path` (relative to the workspace root, with `/` separators).
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        let mut text = text.into();
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        let line_starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let ascii_lines = line_starts
            .iter()
            .zip(line_starts.iter().skip(1).copied().chain([text.len()]))
            .map(|(&start, end)| text.as_bytes()[start..end].is_ascii())
            .collect();
        Self {
            path: path.into(),
            text,
            line_starts,
            ascii_lines,
        }
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
        let column = if self.ascii_lines[line] {
            offset - start + 1
        } else {
            self.text[start..offset].chars().count() + 1
        };
        (line + 1, column)
    }

    /// The byte offset where a 1-based line starts, if the line exists.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        line.checked_sub(1)
            .and_then(|i| self.line_starts.get(i))
            .copied()
    }

    /// The byte offset of a 1-based line and a 1-based column counted in bytes,
    /// as comrak's source positions give them.
    pub fn offset_of(&self, line: usize, byte_column: usize) -> usize {
        let start = self.line_start(line).unwrap_or(self.text.len());
        self.floor_char_boundary((start + byte_column.saturating_sub(1)).min(self.text.len()))
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line_text(&self, line: usize) -> &str {
        let Some(start) = self.line_start(line) else {
            return "";
        };
        let end = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
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
    fn columns_count_characters_on_mixed_lines_and_bytes_on_ascii_ones() {
        let file = SourceFile::new("a.md", "abc def\nçà x\n\nzz");
        assert_eq!(file.line_col(4), (1, 5));
        assert_eq!(file.line_col("abc def\nçà ".len()), (2, 4));
        assert_eq!(file.line_col("abc def\nçà x\n".len()), (3, 1));
        assert_eq!(file.line_col("abc def\nçà x\n\nz".len()), (4, 2));
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

/// What reading a contributor's text file gives: its text when there is
/// any to check, and the finding about the file itself.
#[derive(Debug)]
pub struct Read {
    pub file: Option<SourceFile>,
    pub finding: Option<crate::diag::Diagnostic>,
}

/// Reads `rel` (relative to `root`, inside `boundary`) as a source file,
/// through the one reader of contributors' files ([`crate::workspace::read`]).
///
/// A file the system will not let us read is an [`Error`](crate::error::Error)
/// (exit 2). One that must not be read (a FIFO, a device, a link out of the
/// boundary, a file over the size cap) is a `stray-file` finding; one that is
/// not text is an `encoding` finding. Control characters are reported as
/// `encoding` and replaced by spaces of the same byte length, so that every
/// later stage (and a draft) meets only text, at unchanged offsets, while the
/// rest of the file is still checked.
pub fn read(
    root: &std::path::Path,
    boundary: &std::path::Path,
    rel: &str,
) -> crate::error::Result<Read> {
    use crate::diag::{Code, Diagnostic};
    use crate::workspace::read::{self as reader, ReadError};
    let path = root.join(rel);
    let refused = |finding: Diagnostic| {
        Ok(Read {
            file: None,
            finding: Some(finding),
        })
    };
    let bytes = match reader::read(boundary, &path, reader::MAX_TEXT_BYTES) {
        Ok(bytes) => bytes,
        Err(ReadError::Io(e)) => return Err(crate::error::Error::io("read", &path, e)),
        // A folder where a file must be cannot be read at all (exit 2, as
        // the system's own refusal would be).
        Err(ReadError::Refused(reader::Entry::Dir)) => {
            return Err(crate::error::Error::io(
                "read",
                &path,
                std::io::ErrorKind::IsADirectory.into(),
            ));
        }
        Err(why) => {
            return refused(
                Diagnostic::file(
                    Code::StrayFile,
                    rel,
                    format!("this file is never read: {why}"),
                )
                .with_help("replace it with a regular text file inside the issue"),
            );
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => return refused(not_utf8(rel, error)),
    };
    if text.contains('\0') {
        return refused(Diagnostic::file(
            Code::Encoding,
            rel,
            "this is a binary file, not text (it holds NUL bytes)",
        ));
    }
    let (text, first) = blank_control_characters(text);
    let file = SourceFile::new(rel, text);
    let finding = first.map(|(offset, c, count)| {
        let more = if count > 1 {
            format!(" (and {} more in this file)", count - 1)
        } else {
            String::new()
        };
        Diagnostic::at(
            Code::Encoding,
            &file,
            offset..offset + c.len_utf8(),
            format!("control character U+{:04X} in the text{more}", c as u32),
        )
        .with_help("delete it: only tabs and line endings may appear in text")
    });
    Ok(Read {
        file: Some(file),
        finding,
    })
}

/// The `encoding` finding for bytes that are not UTF-8, at the first bad byte.
fn not_utf8(rel: &str, error: std::string::FromUtf8Error) -> crate::diag::Diagnostic {
    use crate::diag::{Code, Diagnostic};
    let valid = error.utf8_error().valid_up_to();
    let bytes = error.into_bytes();
    // Count lines in the valid prefix only.
    let prefix = String::from_utf8_lossy(&bytes[..valid]).into_owned();
    let file = SourceFile::new(rel, prefix);
    let mut diag = Diagnostic::at(
        Code::Encoding,
        &file,
        valid..valid,
        format!(
            "this file is not valid UTF-8 (byte 0x{:02x} at offset {valid})",
            bytes[valid]
        ),
    )
    .with_help("save the file as UTF-8");
    diag.span = None;
    diag
}

/// Replaces every control character but tab and line endings by spaces of
/// the same byte length; returns the first one's offset, itself and the count.
fn blank_control_characters(text: String) -> (String, Option<(usize, char, usize)>) {
    let is_bad = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    let Some((offset, first)) = text.char_indices().find(|&(_, c)| is_bad(c)) else {
        return (text, None);
    };
    let mut count = 0;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_bad(c) {
            count += 1;
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    (out, Some((offset, first, count)))
}

#[cfg(test)]
mod read_tests {
    use super::*;

    #[test]
    fn control_characters_are_found_and_blanked_at_the_same_offsets() {
        let (text, first) = blank_control_characters("a\u{1b}[31m\tb\r\nc\u{85}d".to_owned());
        assert_eq!(text, "a [31m\tb\r\nc  d");
        assert_eq!(first, Some((1, '\u{1b}', 2)));
        assert_eq!(blank_control_characters("é\t\r\n".to_owned()).1, None);
    }
}
