//! Printing a report in the three formats of SPEC §2: `human` (rustc-style
//! excerpts with a caret), `json` (one object) and `github` (workflow commands).

use std::borrow::Cow;
use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use serde::Serialize;

use super::{Diagnostic, Report, Severity};
use crate::source::{SourceFile, Span};

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// file:line:column, the source line and a caret, as rustc prints them.
    #[default]
    Human,
    /// Exactly one JSON object on standard output.
    Json,
    /// GitHub Actions workflow commands (`::error file=…`).
    Github,
}

/// Prints `report` to `out`. `color` applies to the human format only.
pub fn print_report(report: &Report, format: Format, color: bool, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Human => human(report, color, out),
        Format::Json => json(report, out),
        Format::Github => github(report, out),
    }
}

/// The longest excerpt quoted under a finding, in bytes. Each finding gets only
/// the lines of its own span, so printing N findings costs N excerpts, not N
/// whole files; a span whose lines are longer than this (a minified line, a
/// huge raw-HTML block) is quoted by its first line, or else shown by its
/// position alone, so that no finding costs more than a bounded excerpt.
const MAX_EXCERPT: usize = 4096;

fn human(report: &Report, color: bool, out: &mut dyn Write) -> io::Result<()> {
    let renderer = if color { Renderer::styled() } else { Renderer::plain() };
    for diag in &report.diagnostics {
        let level = match diag.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let message = escape_human(&diag.message);
        let path = escape_human(&diag.file);
        let title = level.primary_title(message).id(diag.code.as_str());
        let excerpt = match (report.source(&diag.file), &diag.span) {
            (Some(source), Some(span)) => Excerpt::of(source, span.clone(), diag.line),
            _ => None,
        };
        let mut group = match excerpt {
            Some(excerpt) => title.element(
                Snippet::source(excerpt.text)
                    .line_start(excerpt.first_line)
                    .path(path)
                    .annotation(AnnotationKind::Primary.span(excerpt.span)),
            ),
            None => Group::with_title(title).element(Origin::path(path).line(diag.line).char_column(diag.column)),
        };
        if let Some(help) = &diag.help {
            group = group.element(Level::HELP.message(escape_human(help)));
        }
        writeln!(out, "{}\n", renderer.render(&[group]))?;
    }
    let (errors, warnings) = (report.errors(), report.warnings());
    if errors + warnings > 0 {
        writeln!(out, "{}", summary(errors, warnings))?;
    }
    Ok(())
}

/// The lines of a source that a finding quotes, with its span inside them.
#[derive(Debug, PartialEq)]
struct Excerpt<'s> {
    text: &'s str,
    /// The 1-based line of the file where `text` starts.
    first_line: usize,
    /// The finding's span, in bytes of `text`.
    span: Span,
}

impl<'s> Excerpt<'s> {
    /// The excerpt for `span`, which starts on `line` (the finding's own line,
    /// recomputed only if it does not hold the span's start).
    fn of(source: &'s SourceFile, span: Span, line: usize) -> Option<Self> {
        let text = source.text();
        let start = span.start.min(text.len());
        let end = span.end.clamp(start, text.len());
        let holds_start = |line: usize| {
            source.line_start(line).is_some_and(|s| s <= start)
                && source.line_start(line + 1).is_none_or(|next| start < next)
        };
        let first_line = if holds_start(line) { line } else { source.line_col(start).0 };
        let from = source.line_start(first_line).unwrap_or(start);
        let to_end_of_line = |at: usize| text[at..].find('\n').map_or(text.len(), |i| at + i);
        // A span ending with its line break belongs to that line, not the next.
        let last = if end > start && text[..end].ends_with('\n') { end - 1 } else { end };
        let mut to = to_end_of_line(last.max(start));
        if to - from > MAX_EXCERPT {
            to = to_end_of_line(start);
        }
        if to - from > MAX_EXCERPT {
            return None;
        }
        Some(Self { text: &text[from..to], first_line, span: start - from..end.min(to) - from })
    }
}

/// Contributor text (a file name, a message quoting a link) made safe for a
/// terminal and a CI log: every control character, line breaks included, and
/// the Unicode line separators and bidirectional overrides are written as
/// Rust-style escapes (`\n`, `\u{1b}`), so a printed line can never be split
/// into one that starts a GitHub workflow command (`::warning …`) or restyle
/// the terminal.
fn escape_human(text: &str) -> Cow<'_, str> {
    let hostile = |c: char| {
        c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !text.contains(hostile) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if hostile(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// "2 errors, 1 warning".
pub fn summary(errors: usize, warnings: usize) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!("{}, {}", plural(errors, "error"), plural(warnings, "warning"))
}

#[derive(Serialize)]
struct JsonReport<'a> {
    errors: usize,
    warnings: usize,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: Severity,
    code: &'static str,
    file: &'a str,
    line: usize,
    column: usize,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
}

fn json(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let value = JsonReport {
        errors: report.errors(),
        warnings: report.warnings(),
        diagnostics: report.diagnostics.iter().map(json_diagnostic).collect(),
    };
    serde_json::to_writer(&mut *out, &value)?;
    writeln!(out)
}

fn json_diagnostic(d: &Diagnostic) -> JsonDiagnostic<'_> {
    JsonDiagnostic {
        severity: d.severity,
        code: d.code.as_str(),
        file: &d.file,
        line: d.line,
        column: d.column,
        message: &d.message,
        help: d.help.as_deref(),
    }
}

fn github(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    for d in &report.diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        writeln!(
            out,
            "::{command} file={},line={},col={},title={}::{}",
            escape_property(&d.file),
            d.line,
            d.column,
            escape_property(d.code.as_str()),
            escape_data(&message)
        )?;
    }
    Ok(())
}

/// Escapes a workflow command's message, as the Actions toolkit does.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a workflow command's property value, as the Actions toolkit does.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Code;
    use crate::source::SourceFile;

    fn report() -> Report {
        let file = SourceFile::new("issues/x/a.md", "Titre\nVoir [ici](#), 100%.\n");
        let mut report = Report::default();
        report.push(Diagnostic::at(Code::BrokenLink, &file, 11..19, "link target \"#\" goes nowhere").with_help("write the real address"));
        report.push(Diagnostic::file(Code::StrayFile, "issues/x/notes.txt", "no section claims the file `notes.txt`"));
        report.add_source(file);
        report
    }

    fn print(format: Format) -> String {
        let mut out = Vec::new();
        print_report(&report(), format, false, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn human_shows_the_line_a_caret_and_the_help() {
        let text = print(Format::Human);
        assert!(text.contains("error[broken-link]: link target \"#\" goes nowhere"), "{text}");
        assert!(text.contains("--> issues/x/a.md:2:6"), "{text}");
        assert!(text.contains("2 | Voir [ici](#), 100%."), "{text}");
        assert!(text.contains("^^^^^^^^"), "{text}");
        assert!(text.contains("= help: write the real address"), "{text}");
        assert!(text.contains("--> issues/x/notes.txt:1:1"), "{text}");
        assert!(text.ends_with("2 errors, 0 warnings\n"), "{text}");
    }

    #[test]
    fn json_is_one_object_with_counts() {
        let value: serde_json::Value = serde_json::from_str(&print(Format::Json)).unwrap();
        assert_eq!(value["errors"], 2);
        assert_eq!(value["warnings"], 0);
        assert_eq!(value["diagnostics"][0]["code"], "broken-link");
        assert_eq!(value["diagnostics"][0]["line"], 2);
        assert_eq!(value["diagnostics"][0]["column"], 6);
        assert_eq!(value["diagnostics"][0]["severity"], "error");
    }

    #[test]
    fn github_commands_escape_their_data() {
        let text = print(Format::Github);
        let first = text.lines().next().unwrap();
        assert_eq!(first, "::error file=issues/x/a.md,line=2,col=6,title=broken-link::link target \"#\" goes nowhere%0Ahelp: write the real address");
    }
}
