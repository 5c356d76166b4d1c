//! Typst's diagnostics written the way typst's own CLI writes them: the
//! message, the file as `layouts/print.typ:12:5`, the source line and a caret
//! under the offending text. Files are named by their virtual path, so no
//! absolute disk path ever reaches the user.

use std::fmt::Write;

use typst::World;
use typst::WorldExt;
use typst::diag::{Severity, SourceDiagnostic};
use typst::syntax::{DiagSpan, FileId, Lines};

use super::world::PrintWorld;

/// At most this many diagnostics are printed; the rest are counted.
const MAX_SHOWN: usize = 10;

/// Formats a list of diagnostics, separated by blank lines.
pub fn format(world: &PrintWorld, diagnostics: &[SourceDiagnostic]) -> String {
    let mut out = String::new();
    for diagnostic in diagnostics.iter().take(MAX_SHOWN) {
        if !out.is_empty() {
            out.push('\n');
        }
        write_one(world, diagnostic, &mut out);
    }
    if diagnostics.len() > MAX_SHOWN {
        let _ = writeln!(out, "\n… and {} more", diagnostics.len() - MAX_SHOWN);
    }
    out.trim_end().to_owned()
}

fn write_one(world: &PrintWorld, diagnostic: &SourceDiagnostic, out: &mut String) {
    let severity = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let _ = writeln!(out, "{severity}: {}", diagnostic.message);
    write_excerpt(world, diagnostic.span, out);
    // typst's hints about its own command line (`--root`) would mislead here.
    for hint in diagnostic.hints.iter().filter(|h| !h.v.contains("--root")) {
        match locate(world, hint.span) {
            Some(place) => {
                let _ = writeln!(out, "  = hint: {} ({})", hint.v, place.header());
            }
            None => {
                let _ = writeln!(out, "  = hint: {}", hint.v);
            }
        }
    }
    for point in &diagnostic.trace {
        match locate(world, point.span.into()) {
            Some(place) => {
                let _ = writeln!(out, "  = note: {} at {}", point.v, place.header());
            }
            None => {
                let _ = writeln!(out, "  = note: {}", point.v);
            }
        }
    }
}

/// Where a span points: file name, 1-based line and column, and the text.
struct Place {
    name: String,
    line: usize,
    column: usize,
    /// The source line, without its line ending.
    text: String,
    /// Characters of the span on that line (at least one).
    width: usize,
}

impl Place {
    fn header(&self) -> String {
        format!("{}:{}:{}", self.name, self.line, self.column)
    }
}

fn write_excerpt(world: &PrintWorld, span: DiagSpan, out: &mut String) {
    let Some(place) = locate(world, span) else {
        if let Some(id) = span.id() {
            let _ = writeln!(out, "  ┌─ {}", world.display_name(id));
        }
        return;
    };
    let number = place.line.to_string();
    let pad = " ".repeat(number.len());
    let _ = writeln!(out, "{pad}┌─ {}", place.header());
    let _ = writeln!(out, "{pad} │");
    let _ = writeln!(out, "{number} │ {}", place.text);
    let _ = writeln!(
        out,
        "{pad} │ {}{}",
        " ".repeat(place.column - 1),
        "^".repeat(place.width)
    );
}

fn locate(world: &PrintWorld, span: DiagSpan) -> Option<Place> {
    let id = span.id()?;
    let range = world.range(span)?;
    let lines = lines_of(world, id)?;
    let (line, column) = lines.byte_to_line_column(range.start.min(lines.len_bytes()))?;
    let line_range = lines.line_to_range(line)?;
    let text = lines.text()[line_range.clone()]
        .trim_end_matches(['\n', '\r'])
        .to_owned();
    let end = range.end.clamp(range.start, line_range.start + text.len());
    let width = lines
        .text()
        .get(range.start..end)
        .map_or(0, |s| s.chars().count())
        .max(1);
    Some(Place {
        name: world.display_name(id),
        line: line + 1,
        column: column + 1,
        text,
        width,
    })
}

/// The lines of a source, or of any UTF-8 file a range points into.
fn lines_of(world: &PrintWorld, id: FileId) -> Option<Lines<String>> {
    if let Ok(source) = world.source(id) {
        return Some(source.lines().clone());
    }
    let bytes = world.file(id).ok()?;
    Some(Lines::new(bytes.as_str().ok()?.to_owned()))
}
