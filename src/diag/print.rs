//! Printing a report in the formats of SPEC §2: `human` (rustc-style
//! excerpts with a caret), `json` (one object), `github` (workflow
//! commands) and `sarif` (in its own module).

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
    /// One SARIF 2.1.0 log, for GitHub code scanning.
    Sarif,
}

/// Prints `report` to `out`. `color` applies to the human format only.
pub fn print_report(
    report: &Report,
    format: Format,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Human => human(report, color, out),
        Format::Json => json(report, out),
        Format::Github => github(report, out),
        Format::Sarif => super::sarif::sarif(report, out),
    }
}

/// The longest excerpt quoted under a finding, in bytes. Each finding gets only
/// the lines of its own span, so printing N findings costs N excerpts, not N
/// whole files; a span whose lines are longer than this (a minified line, a
/// huge raw-HTML block) is quoted by its first line, or else shown by its
/// position alone, so that no finding costs more than a bounded excerpt.
const MAX_EXCERPT: usize = 4096;

fn human(report: &Report, color: bool, out: &mut dyn Write) -> io::Result<()> {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
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
            None => Group::with_title(title)
                .element(Origin::path(path).line(diag.line).char_column(diag.column)),
        };
        // Every finding ends with where to read more about its code.
        let more = format!("infolettre explain {}", diag.code.as_str());
        let help = match &diag.help {
            Some(help) => format!("{} ({more})", escape_human(help)),
            None => format!("see `{more}`"),
        };
        group = group.element(Level::HELP.message(help));
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
        let first_line = if holds_start(line) {
            line
        } else {
            source.line_col(start).0
        };
        let from = source.line_start(first_line).unwrap_or(start);
        // The end of the line holding `at`, looked for no further than an
        // excerpt may reach: on a huge line, a search to its end for every
        // finding on it would be quadratic again.
        let to_end_of_line = |at: usize| {
            let limit = (at + MAX_EXCERPT + 1).min(text.len());
            text.as_bytes()[at..limit]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(limit, |i| at + i)
        };
        // A span ending with its line break belongs to that line, not the next.
        let last = if end > start && text[..end].ends_with('\n') {
            end - 1
        } else {
            end
        };
        let mut to = to_end_of_line(last.max(start));
        if to - from > MAX_EXCERPT {
            to = to_end_of_line(start);
        }
        if to - from > MAX_EXCERPT {
            return None;
        }
        Some(Self {
            text: &text[from..to],
            first_line,
            span: start - from..end.min(to) - from,
        })
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
        c.is_control()
            || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
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
    format!(
        "{}, {}",
        plural(errors, "error"),
        plural(warnings, "warning")
    )
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
        let command = d.severity.as_str();
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
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
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
        report.push(
            Diagnostic::at(
                Code::BrokenLink,
                &file,
                11..19,
                "link target \"#\" goes nowhere",
            )
            .with_help("write the real address"),
        );
        report.push(Diagnostic::file(
            Code::StrayFile,
            "issues/x/notes.txt",
            "no section claims the file `notes.txt`",
        ));
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
        assert!(
            text.contains("error[broken-link]: link target \"#\" goes nowhere"),
            "{text}"
        );
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

    fn print_human(report: &Report) -> String {
        let mut out = Vec::new();
        print_report(report, Format::Human, false, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn each_finding_quotes_only_its_own_line() {
        // N findings in a file of N lines: the output grows with N, not N².
        let n = 2000;
        let text: String = (0..n).map(|k| format!("TODO {k}\n")).collect();
        let file = SourceFile::new("a.md", text.clone());
        let mut report = Report::default();
        for (at, _) in text.match_indices("TODO") {
            report.push(Diagnostic::at(
                Code::Placeholder,
                &file,
                at..at + 4,
                "a TODO is left",
            ));
        }
        report.add_source(file);
        let out = print_human(&report);
        assert!(out.contains("--> a.md:1500:1"), "{}", &out[..400]);
        assert!(
            out.contains("1500 | TODO 1499\n"),
            "the line under its own number"
        );
        assert_eq!(out.lines().filter(|l| l.contains("| TODO")).count(), n);
        // A finding's block (title, arrow, gutter, line, caret, blank) is
        // well under 200 bytes here: the whole file was quoted every time.
        assert!(out.len() < n * 200, "{} bytes for {n} findings", out.len());
    }

    #[test]
    fn a_span_over_lines_is_quoted_from_its_first_to_its_last_line() {
        let file = SourceFile::new("a.md", "un\n<div>\ndeux\n</div>\ntrois\n");
        let start = file.text().find("<div>").unwrap();
        let end = file.text().find("trois").unwrap();
        let excerpt = Excerpt::of(&file, start..end, 2).unwrap();
        assert_eq!(
            excerpt,
            Excerpt {
                text: "<div>\ndeux\n</div>",
                first_line: 2,
                span: 0..17
            }
        );
        // A wrong line is recomputed from the offset.
        assert_eq!(
            Excerpt::of(&file, start..start + 5, 9).unwrap().first_line,
            2
        );
    }

    #[test]
    fn a_finding_on_a_huge_line_is_shown_by_its_position() {
        let text = format!("{}TODO\n", "x".repeat(2 * MAX_EXCERPT));
        let file = SourceFile::new("a.md", text.as_str());
        assert_eq!(
            Excerpt::of(&file, 2 * MAX_EXCERPT..2 * MAX_EXCERPT + 4, 1),
            None
        );
        let mut report = Report::default();
        report.push(Diagnostic::at(
            Code::Placeholder,
            &file,
            2 * MAX_EXCERPT..2 * MAX_EXCERPT + 4,
            "a TODO",
        ));
        report.add_source(file);
        let out = print_human(&report);
        assert!(
            out.contains(&format!("--> a.md:1:{}", 2 * MAX_EXCERPT + 1)),
            "{out}"
        );
        assert!(out.len() < 400, "{out}");
    }

    /// A report about a file whose name and message carry line breaks and
    /// terminal escapes, as a contributor can name a file.
    fn hostile() -> Report {
        let mut report = Report::default();
        report.push(
            Diagnostic::file(
                Code::StrayFile,
                "issues/x/a\n::warning file=e.md::pwned",
                "no section claims `a\n::warning`\u{1b}[2J",
            )
            .with_help("rename it\r::error::x"),
        );
        report
    }

    #[test]
    fn human_escapes_control_characters_so_no_line_starts_a_command() {
        let text = print_human(&hostile());
        for line in text.lines() {
            assert!(!line.trim_start().starts_with("::"), "{line:?} in\n{text}");
        }
        assert!(
            text.contains(r"--> issues/x/a\n::warning file=e.md::pwned:1:1"),
            "{text}"
        );
        assert!(
            text.contains(r"no section claims `a\n::warning`\u{1b}[2J"),
            "{text}"
        );
        assert!(text.contains(r"rename it\r::error::x"), "{text}");
        assert!(!text.contains(['\u{1b}', '\r']), "{text:?}");
    }

    #[test]
    fn github_prints_one_line_per_finding_whatever_the_name() {
        let mut out = Vec::new();
        print_report(&hostile(), Format::Github, false, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "::error file=issues/x/a%0A%3A%3Awarning file=e.md%3A%3Apwned,line=1,col=1,title=stray-file::\
             no section claims `a%0A::warning`\u{1b}[2J%0Ahelp: rename it%0D::error::x\n"
        );
    }

    #[test]
    fn github_commands_escape_their_data() {
        let text = print(Format::Github);
        let first = text.lines().next().unwrap();
        assert_eq!(
            first,
            "::error file=issues/x/a.md,line=2,col=6,title=broken-link::link target \"#\" goes nowhere%0Ahelp: write the real address"
        );
    }
}
