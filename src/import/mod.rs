//! `import`: a past issue, as a Word document or its text export, read into
//! blocks ([`text`], [`docx`]), recognised against the workspace's settings
//! ([`recognise`]) and written as the files of the SPEC's format ([`write`]).

mod blocks;
mod casing;
mod docx;
mod recognise;
mod text;
mod write;

use std::path::Path;

pub use blocks::Block;
pub use recognise::{Note, Recogniser, section_titled};
pub use write::files;

/// The largest source read: a decade of issues is far less.
const MAX_SOURCE_BYTES: u64 = 16 * 1024 * 1024;

/// Why a source cannot be imported: it can be read, but is no issue.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("it is empty")]
    Empty,
    #[error("it is not text (a byte 0 at offset {0}): give a .docx, .txt or .md file")]
    Binary(usize),
    #[error("its name ends in neither .docx, .txt nor .md")]
    UnknownKind,
    #[error("it is not a Word document: {0}")]
    Docx(String),
    #[error("it is larger than {} MiB", MAX_SOURCE_BYTES / (1024 * 1024))]
    TooLarge,
}

/// What reading a source gives: its blocks, and a note on how it was decoded.
pub struct Source {
    pub blocks: Vec<Block>,
    pub notes: Vec<Note>,
    /// What a block's number counts.
    pub unit: Unit,
}

/// What a block's number counts: lines of a text, paragraphs of a Word document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Line,
    Paragraph,
}

impl Unit {
    pub fn name(self) -> &'static str {
        match self {
            Unit::Line => "line",
            Unit::Paragraph => "paragraph",
        }
    }

    /// Where `number` is in `source`, as messages name it: `FILE:12` for a
    /// line (as compilers do), `FILE, paragraph 12` for a Word document.
    pub fn place(self, source: &str, number: usize) -> String {
        match self {
            Unit::Line => format!("{source}:{number}"),
            Unit::Paragraph => format!("{source}, {} {number}", self.name()),
        }
    }
}

/// The kinds of source, by the file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Docx,
    Text,
}

fn kind(path: &Path) -> Option<Kind> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "docx" => Some(Kind::Docx),
        "txt" | "md" | "markdown" | "text" => Some(Kind::Text),
        _ => None,
    }
}

/// Reads the source at `path`: `Err(Ok(..))` when it is no issue, the
/// outer error when the system will not let us read it.
pub fn read(path: &Path) -> crate::error::Result<Result<Source, SourceError>> {
    let Some(kind) = kind(path) else {
        return Ok(Err(SourceError::UnknownKind));
    };
    let Some(bytes) = crate::workspace::read::read_named(path, MAX_SOURCE_BYTES)? else {
        return Ok(Err(SourceError::TooLarge));
    };
    Ok(match kind {
        Kind::Docx => docx::blocks(&bytes).map(|blocks| Source {
            blocks: text::join_cut_sentences(blocks),
            notes: Vec::new(),
            unit: Unit::Paragraph,
        }),
        Kind::Text => decode(&bytes).map(|(text, notes)| Source {
            blocks: text::blocks(&text),
            notes,
            unit: Unit::Line,
        }),
    }
    .and_then(|source| {
        if source.blocks.is_empty() {
            Err(SourceError::Empty)
        } else {
            Ok(source)
        }
    }))
}

/// The text of a text export: UTF-8 (a BOM dropped), else Windows-1252 as
/// older Word exports write it, with a note.
fn decode(bytes: &[u8]) -> Result<(String, Vec<Note>), SourceError> {
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(SourceError::Binary(at));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((clean(text), Vec::new())),
        Err(error) => {
            let line = 1 + bytes[..error.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            let note = Note {
                line,
                message: "the file is not UTF-8: read as Windows-1252 (Word's older text export)"
                    .into(),
            };
            let text: String = bytes.iter().map(|&b| windows_1252(b)).collect();
            Ok((clean(&text), vec![note]))
        }
    }
}

/// Control characters other than tab and line ends as spaces: text from a
/// source is only ever text.
fn clean(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() && !matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// One byte of Windows-1252: Latin-1, except the printable characters it
/// puts at 0x80–0x9F.
fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9F => HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_text_is_read_with_a_note() {
        let (text, notes) = decode(b"Cit\xe9 des m\xe9tiers \x96 \x80\n").unwrap();
        assert_eq!(text, "Cité des métiers – €\n");
        assert_eq!(notes.len(), 1);
        assert!(matches!(decode(b"ab\0cd"), Err(SourceError::Binary(2))));
    }
}
