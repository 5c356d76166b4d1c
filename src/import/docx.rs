//! Reading a Word document (`.docx`).

use super::SourceError;
use super::blocks::Block;

pub fn blocks(_bytes: &[u8]) -> Result<Vec<Block>, SourceError> {
    Err(SourceError::Docx("not read yet".into()))
}
