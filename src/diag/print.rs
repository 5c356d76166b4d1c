//! Printing a report in the three formats of SPEC §2: `human` (rustc-style
//! excerpts with a caret), `json` (one object) and `github` (workflow commands).

use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use serde::Serialize;

use super::{Diagnostic, Report, Severity};

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
    }
}

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
        let title = level
            .primary_title(diag.message.as_str())
            .id(diag.code.as_str());
        let source = report.source(&diag.file);
        let mut group = match (source, &diag.span) {
            (Some(source), Some(span)) => title.element(
                Snippet::source(source.text())
                    .path(diag.file.as_str())
                    .annotation(AnnotationKind::Primary.span(span.clone())),
            ),
            _ => Group::with_title(title).element(
                Origin::path(diag.file.as_str())
                    .line(diag.line)
                    .char_column(diag.column),
            ),
        };
        if let Some(help) = &diag.help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        writeln!(out, "{}\n", renderer.render(&[group]))?;
    }
    let (errors, warnings) = (report.errors(), report.warnings());
    if errors + warnings > 0 {
        writeln!(out, "{}", summary(errors, warnings))?;
    }
    Ok(())
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
