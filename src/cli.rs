//! The command line, declared with clap's derive API. These types stop at the
//! command boundary: each command turns its arguments into resolved options.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::diag;
use crate::render::PdfStandard;

/// Newsletters kept as plain text in git: scaffold, check and render issues.
///
/// A workspace holds `infolettre.toml` (the newsletter's settings; optional),
/// `issues/<id>/` (one directory per issue), `contacts.toml` (optional) and
/// `layouts/` (optional overrides of the embedded layout).
#[derive(Debug, Parser)]
#[command(
    name = "infolettre",
    version,
    propagate_version = true,
    max_term_width = 100
)]
#[command(
    after_help = "Examples:\n  infolettre new --date 2018-01-15      start the next issue\n  infolettre check --strict             check every issue, warnings fail\n  infolettre render                     render the latest issue to dist/\n\nExit codes: 0 success, 1 the issue has errors (or warnings under --strict) or `new` refused,\n2 bad usage, a missing workspace or issue, an unreadable file, or a broken layout override."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Options of every command.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// The workspace directory [default: the current directory].
    #[arg(short = 'C', long = "root", value_name = "DIR", global = true)]
    pub root: Option<PathBuf>,
    /// When to color the output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start the next issue: issue.toml and a starting file for every section.
    ///
    /// Creates issues/ID/ with issue.toml and a starting file for every section. Agenda events
    /// and calls of the previous issue that are still ahead of the new date are carried over;
    /// everything the editor must write is marked TODO, which `check` reports until it is
    /// replaced. Asks its questions only when standard input is a terminal and --no-input is
    /// absent, and only those that no flag answers (date, id, number, title, optional sections
    /// with --skip, first articles with --article). Never overwrites: an existing ID is
    /// refused (exit 1).
    New(NewArgs),
    /// Check issues: sections, contacts, emails, links, dates.
    ///
    /// Prints every finding with its file, line and column: as rustc does (human), as one JSON
    /// object (json) or as GitHub Actions workflow commands (github). Exits 1 when an issue has
    /// errors, or warnings with --strict.
    Check(CheckArgs),
    /// Render an issue to Markdown, email HTML, plain text and PDF.
    ///
    /// Runs every check first: with an error nothing is written (exit 1) unless --draft is
    /// given, and then every output says it is a draft. Writes dist/<id>/<id>.md, .html, .txt
    /// and .pdf (or under --out), plus the images they refer to, each file atomically, and
    /// prints each path written.
    Render(RenderArgs),
    /// Add an article to a section of an issue.
    ///
    /// Creates SECTION/NN-slug.md in the issue, numbered after the highest existing file,
    /// named from the title, with the title and contacts in its front matter and a TODO body.
    /// Never overwrites. Prints the path created.
    Add(AddArgs),
    /// Create a new workspace for your newsletter.
    ///
    /// Writes infolettre.toml (your title, publisher, language, website and contact, from the
    /// flags or asked on a terminal; commented starting sections), an empty issues/, a
    /// copy of the default layouts in layouts/ (delete any file to use the built-in one), a
    /// .gitignore with dist/ and a GitHub Actions workflow that runs
    /// `infolettre check --format github`. Refuses a directory that already holds
    /// infolettre.toml or issues/ (exit 1).
    Init(InitArgs),
    /// Mail the issue's .eml as a proof to each --to address, over SMTP.
    ///
    /// For the editors to see the real message before the campaign (mass
    /// mailing is the mailing system's job). Checks the issue first: with an
    /// error nothing is sent (exit 1). The password comes from the variable
    /// INFOLETTRE_SMTP_PASSWORD, never from an argument. Exit 0 only when the
    /// server accepted every message.
    #[command(
        after_help = "Examples:\n  infolettre send --to editor@reseau.org --smtp smtp.reseau.org --user editor\n  infolettre send 2017-12 --to a@reseau.org --to b@reseau.org --smtp localhost:1025 --tls none"
    )]
    Send(SendArgs),
    /// Publish the archive: every issue as a web page and a PDF, an index, an
    /// Atom feed and the agenda as iCalendar.
    ///
    /// Writes dist/site/ (or --out DIR): index.html (every issue, newest
    /// first), latest/ (the newest issue), <id>/index.html, <id>/<id>.pdf,
    /// <id>/<id>.ics, feed.xml, agenda.ics, and sitemap.xml when base_url is
    /// set. Checks every issue first: with an error, nothing is written (exit 1).
    #[command(
        after_help = "Examples:\n  infolettre site                   build dist/site/\n  infolettre site --out public      build public/ (for GitHub Pages, say)"
    )]
    Site(SiteArgs),
    /// Preview an issue while you write it: both editions and the findings, live.
    ///
    /// Serves one page on 127.0.0.1 (port 4477 or the next free one) with the email edition,
    /// the print edition's pages and the check's findings, and renders again whenever a file
    /// of the workspace changes, pushing the update to the open page. Drafts are shown with
    /// their errors. Writes nothing into the workspace or dist/. Ctrl-C stops it.
    #[command(
        after_help = "Examples:\n  infolettre preview                the latest issue, on http://127.0.0.1:4477/\n  infolettre preview 2017-12 --open open it in the browser too"
    )]
    Preview(PreviewArgs),
    /// Import a past issue from a Word document (.docx) or its text export (.txt, .md).
    ///
    /// Creates issues/ID/ whole or not at all, never over an existing one: sections found by
    /// their titles in infolettre.toml (case and accents ignored), articles by their titles,
    /// contacts, agenda events and call deadlines (dates in the newsletter's language), the
    /// editorial's signature. Every word of FILE reaches the issue; what cannot be placed goes
    /// into the closest text section and is listed on standard error with its line. Run
    /// `infolettre check` afterwards: it reports the defects the original had.
    #[command(
        after_help = "Examples:\n  infolettre import infolettre-2017-12.txt --date 2017-12-15 --number 42\n  infolettre import archive/2016-06.docx --id 2016-06"
    )]
    Import(ImportArgs),
    /// Explain a check code: when it is reported, an example, how to fix it.
    ///
    /// Without CODE, lists every code with its severity.
    #[command(
        after_help = "Examples:\n  infolettre explain broken-link\n  infolettre explain              list every code"
    )]
    Explain {
        /// The code, as check prints it (`broken-link`, `contact-name-mismatch` …).
        code: Option<String>,
    },
    /// Print a shell completion script.
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    Man,
}

/// `infolettre new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The issue id, the directory name under issues/ [default: the date's YYYY-MM].
    pub id: Option<String>,
    /// The publication date, YYYY-MM-DD [default: today].
    #[arg(long, value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    /// The issue number [default: the highest existing number + 1].
    #[arg(long)]
    pub number: Option<u32>,
    /// The issue's title.
    #[arg(long)]
    pub title: Option<String>,
    /// Never prompt, even on a terminal.
    #[arg(long)]
    pub no_input: bool,
    /// Optional sections to leave out (by id); may be repeated.
    #[arg(long = "skip", value_name = "SECTION")]
    pub skip: Vec<String>,
    /// An article to start instead of the section's TODO article, as "SECTION:Title" or
    /// "SECTION:Title:Name <email>"; may be repeated.
    #[arg(long = "article", value_name = "SECTION:TITLE[:NAME <EMAIL>]")]
    pub articles: Vec<String>,
}

/// `infolettre check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Issue directories or ids under issues/ [default: every issue].
    #[arg(value_name = "ISSUE")]
    pub issues: Vec<String>,
    /// How to print the findings.
    #[arg(long, value_enum, default_value_t = diag::Format::Human)]
    pub format: diag::Format,
    /// Fail on warnings too.
    #[arg(long)]
    pub strict: bool,
    /// Check only the issues with a file changed since the git revision REV
    /// (committed, staged, unstaged or untracked); every issue when
    /// infolettre.toml, contacts.toml or layouts/ changed.
    #[arg(long, value_name = "REV")]
    pub changed: Option<String>,
}

/// `infolettre send`.
#[derive(Debug, Args)]
pub struct SendArgs {
    /// An issue directory or id under issues/ [default: the issue with the latest date].
    #[arg(value_name = "ISSUE")]
    pub issue: Option<String>,
    /// Who gets a proof (repeat for several): an address, or Name <address>.
    #[arg(long, value_name = "ADDR", required = true)]
    pub to: Vec<String>,
    /// The SMTP server, HOST or HOST:PORT [default port: 587 with starttls,
    /// 465 with implicit, 25 with none].
    #[arg(long, value_name = "HOST[:PORT]", default_value = "localhost")]
    pub smtp: String,
    /// How the connection is encrypted.
    #[arg(long, value_enum, default_value = "starttls")]
    pub tls: SmtpTls,
    /// Log in as NAME (the password from INFOLETTRE_SMTP_PASSWORD).
    #[arg(long, value_name = "NAME")]
    pub user: Option<String>,
    /// Also trust the certificate authorities in FILE (PEM), for a server
    /// whose certificate a private CA signed [default: the Mozilla roots only].
    #[arg(long, value_name = "FILE")]
    pub ca_file: Option<PathBuf>,
}

/// The encryption of the SMTP connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SmtpTls {
    /// Plain, then upgraded with STARTTLS (refused if the server cannot).
    Starttls,
    /// TLS from the first byte (SMTPS).
    Implicit,
    /// No encryption: a local test server only.
    None,
}

/// `infolettre site`.
#[derive(Debug, Args)]
pub struct SiteArgs {
    /// The output directory [default: dist/site].
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Fail on warnings too.
    #[arg(long)]
    pub strict: bool,
}

/// `infolettre preview`.
#[derive(Debug, Args)]
pub struct PreviewArgs {
    /// An issue directory or id under issues/ [default: the issue with the latest date].
    #[arg(value_name = "ISSUE")]
    pub issue: Option<String>,
    /// The port on 127.0.0.1 [default: 4477, or the next free one].
    #[arg(long, value_name = "N")]
    pub port: Option<u16>,
    /// Open the page in the default browser.
    #[arg(long)]
    pub open: bool,
}

/// `infolettre import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The past issue: a .docx, or a .txt / .md text export.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The new issue's id [default: the date's YYYY-MM].
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,
    /// The issue's publication date [default: a date in the masthead of FILE (above its first section title), else asked on a terminal].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    /// The issue's number [default: an "n° N" in the masthead of FILE, else the highest existing + 1].
    #[arg(long, value_name = "N")]
    pub number: Option<u32>,
    /// Never ask on a terminal: what no flag or text gives is an error.
    #[arg(long)]
    pub no_input: bool,
}

/// `infolettre render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Issue directories or ids under issues/ (`.` for every issue) [default: the issue
    /// with the latest date]. Several are rendered in one run, on every core, each into
    /// dist/<id>/ (or DIR/<id>/ with --out DIR).
    #[arg(value_name = "ISSUE")]
    pub issues: Vec<String>,
    /// Write the Markdown edition.
    #[arg(long)]
    pub md: bool,
    /// Write the email HTML.
    #[arg(long)]
    pub html: bool,
    /// Write the plain-text email alternative.
    #[arg(long)]
    pub text: bool,
    /// Write the A4 print edition.
    #[arg(long)]
    pub pdf: bool,
    /// Write the email message (.eml): the text and HTML editions with the
    /// pictures, ready to send; needs `[email] from` in infolettre.toml.
    /// Only when asked for: no format flag means the other four.
    #[arg(long)]
    pub eml: bool,
    /// The output directory [default: dist/<id>].
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Render despite errors, marking every output as a draft.
    #[arg(long)]
    pub draft: bool,
    /// The PDF standard to conform to.
    #[arg(long, value_enum, default_value = "ua-1")]
    pub pdf_standard: PdfStandard,
    /// Fail on warnings too.
    #[arg(long)]
    pub strict: bool,
}

/// `infolettre add`.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// The section id (a section of kind articles).
    pub section: String,
    /// The article's title.
    pub title: String,
    /// A contact, as "Name <email>"; may be repeated.
    #[arg(long, value_name = "NAME <EMAIL>")]
    pub contact: Vec<String>,
    /// The issue [default: the issue with the latest date].
    #[arg(long, value_name = "ISSUE")]
    pub issue: Option<String>,
}

/// `infolettre init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The directory to make a workspace of, created if missing [default: the workspace root].
    pub dir: Option<PathBuf>,
    /// The newsletter's title [default: from the directory's name].
    #[arg(long)]
    pub title: Option<String>,
    /// Who publishes it [default: the title].
    #[arg(long)]
    pub publisher: Option<String>,
    /// The language of the content, a BCP 47 tag whose language has built-in words
    /// (layouts/languages/) [default: en].
    #[arg(long)]
    pub language: Option<String>,
    /// The publisher's website, an http:// or https:// address [default: none].
    #[arg(long)]
    pub website: Option<String>,
    /// The address readers write to [default: none].
    #[arg(long)]
    pub contact: Option<String>,
    /// Never prompt, even on a terminal.
    #[arg(long)]
    pub no_input: bool,
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|e| format!("expected a date as YYYY-MM-DD ({e})"))
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_cli_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
