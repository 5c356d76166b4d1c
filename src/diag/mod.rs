//! Diagnostics are data: a finding about one place of one file, with the
//! stable code of SPEC §3. Checks produce them; printing them is `print`'s job.

mod explain;
pub mod print;
mod sarif;

pub use print::{Format, print_report};

use serde::Serialize;

use crate::source::{SourceFile, Span};

/// How bad a finding is. Warnings fail only under `--strict`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    /// The word every format prints: `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

macro_rules! codes {
    ($($variant:ident = $name:literal, $severity:ident, $doc:literal;)*) => {
        /// The check codes of SPEC §3, plus documented extensions.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $(#[doc = $doc] $variant,)*
        }

        impl Code {
            /// Every code, in the order of the SPEC's table.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The stable kebab-case name printed in every format.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            /// The severity that the SPEC fixes for this code.
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }

            /// One sentence saying when the code is reported.
            pub fn description(self) -> &'static str {
                match self { $(Code::$variant => $doc,)* }
            }

            /// The code of a kebab-case name, as written in an article's `allow`.
            pub fn from_name(name: &str) -> Option<Code> {
                match name { $($name => Some(Code::$variant),)* _ => None }
            }
        }
    };
}

codes! {
    Encoding = "encoding", Error, "A file that is not valid UTF-8, or holds a control character other than tab and line endings.";
    TomlSyntax = "toml-syntax", Error, "A TOML file or front matter does not parse, or a value has the wrong type.";
    UnknownField = "unknown-field", Error, "A key that the format does not know.";
    FrontMatter = "front-matter", Error, "Front matter missing where required, or a required key missing.";
    MissingSection = "missing-section", Error, "A required section is absent or empty.";
    StrayFile = "stray-file", Error, "A file or folder in the issue that no section or `images/` claims.";
    EmptyContent = "empty-content", Error, "An article, editorial or text with no body.";
    Placeholder = "placeholder", Error, "The word TODO, or a placeholder address (example.org, exemple.fr ...).";
    InvalidSetting = "invalid-setting", Error, "A setting of infolettre.toml whose value the tool cannot use (a language without labels, a malformed address).";
    InvalidEmail = "invalid-email", Error, "A contact email, mailto: link or address in text that is not a valid address.";
    MissingContact = "missing-contact", Error, "An article without contact in a section with contact = \"required\".";
    ContactConflict = "contact-conflict", Error, "One name with two emails, in the issue or against contacts.toml.";
    ContactNameMismatch = "contact-name-mismatch", Warning, "The email's local part does not resemble the contact's name.";
    SuspiciousDomain = "suspicious-domain", Warning, "An address whose domain is one typing slip away from a common mail provider's (gmial.com).";
    BrokenLink = "broken-link", Error, "An empty or # target, a malformed URL, a relative path to no file.";
    UnsafeLink = "unsafe-link", Error, "A javascript:, data:, file: or vbscript: target.";
    MissingImage = "missing-image", Error, "An image that does not exist or lies outside the issue directory.";
    InvalidImage = "invalid-image", Error, "An image that does not decode, whose format does not match its extension, or whose declared size is over the pixel limit.";
    ImageAlt = "image-alt", Warning, "An image without alternative text.";
    InvalidDate = "invalid-date", Error, "An impossible date, or an end before its date.";
    UnknownGroup = "unknown-group", Error, "An agenda event whose group the section does not declare.";
    AgendaOrder = "agenda-order", Warning, "Agenda events of a group out of chronological order.";
    PastEvent = "past-event", Warning, "An agenda event that ends before the issue's date.";
    DeadlinePassed = "deadline-passed", Error, "A call whose deadline is before the issue's date.";
    DuplicateTitle = "duplicate-title", Warning, "Two articles with the same title.";
    TooLong = "too-long", Warning, "An article over its section's max_words.";
    TooLarge = "too-large", Error, "An agenda, a file's tables or an issue past what the print edition lays out (1,000 events, 2,000 table rows, 500 articles, 2,000 links).";
    RawHtml = "raw-html", Warning, "Raw HTML in Markdown (it is not passed through).";
}

/// One finding. `line` and `column` are 1-based and point at the offending text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: Code,
    /// The file, relative to the workspace root with `/` separators.
    pub file: String,
    /// The offending bytes in that file, when the finding has a place in its text.
    pub span: Option<Span>,
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// A suggested fix, printed as `= help: ...` by the human format.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A finding at `span` of `file`, with the code's own severity.
    pub fn at(code: Code, file: &SourceFile, span: Span, message: impl Into<String>) -> Self {
        let (line, column) = file.line_col(span.start);
        Self {
            severity: code.severity(),
            code,
            file: file.path().to_owned(),
            span: Some(span),
            line,
            column,
            message: message.into(),
            help: None,
        }
    }

    /// A finding about a whole file or folder (it points at line 1, column 1).
    pub fn file(code: Code, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            severity: code.severity(),
            code,
            file: path.into(),
            span: None,
            line: 1,
            column: 1,
            message: message.into(),
            help: None,
        }
    }

    /// Adds a suggested fix.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// The findings of one run, with the sources needed to print excerpts.
#[derive(Debug, Default)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    /// Where the workspace lies in its git repository (`""` at the top,
    /// `"news/"` in a folder): SARIF paths are the repository's.
    pub base: String,
    /// The sources, by path.
    sources: std::collections::HashMap<String, SourceFile>,
}

impl Report {
    #[cfg(test)]
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    pub fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.diagnostics.extend(diagnostics);
    }

    /// Keeps a source so that the human printer can quote its lines.
    pub fn add_source(&mut self, source: SourceFile) {
        self.sources
            .entry(source.path().to_owned())
            .or_insert(source);
    }

    pub fn source(&self, path: &str) -> Option<&SourceFile> {
        self.sources.get(path)
    }

    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    /// Orders findings by file, then position, then code, so output is stable.
    pub fn sort(&mut self) {
        self.diagnostics.sort_by(|a, b| {
            (&a.file, a.line, a.column, a.code).cmp(&(&b.file, b.line, b.column, b.code))
        });
        self.diagnostics.dedup();
    }

    /// Whether the run fails: errors always, warnings under `--strict`.
    pub fn fails(&self, strict: bool) -> bool {
        self.errors() > 0 || (strict && self.warnings() > 0)
    }
}
