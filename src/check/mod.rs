//! The rules of `infolettre check`: unit structs implementing [`Rule`], listed
//! in [`RULES`], one file per family. Loading the issue already reports what
//! is wrong with the files themselves (encoding, TOML, stray files ...); the
//! rules look at what the files say.

mod contacts;
mod dates;
mod images;
mod links;
mod sections;
mod size;
mod text;

use crate::diag::{Code, Diagnostic, Severity};
use crate::issue::{FileId, Issue};
use crate::source::{SourceFile, Span};
use crate::workspace::Workspace;

/// What a rule looks at.
pub struct Context<'a> {
    pub workspace: &'a Workspace,
    pub issue: &'a Issue,
}

impl Context<'_> {
    fn source(&self, file: FileId) -> &SourceFile {
        self.issue.source(file)
    }

    fn at(&self, code: Code, file: FileId, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic::at(code, self.source(file), span, message)
    }
}

/// One family of checks.
pub trait Rule: Sync {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>);
}

/// Every rule, in the order they run.
pub static RULES: &[&dyn Rule] = &[
    &sections::RequiredSections,
    &text::Placeholders,
    &text::EmptyContent,
    &text::RawHtml,
    &text::TooLong,
    &text::DuplicateTitles,
    &text::RequiredFrontMatter,
    &contacts::Emails,
    &contacts::MissingContacts,
    &contacts::Conflicts,
    &contacts::NameMismatch,
    &links::Links,
    &links::Images,
    &images::InvalidImages,
    &size::TooLarge,
    &dates::AgendaDates,
    &dates::CallDeadlines,
];

/// Runs every rule on a loaded issue, then applies the articles' `allow` lists.
pub fn check_issue(workspace: &Workspace, issue: &Issue) -> Vec<Diagnostic> {
    let cx = Context { workspace, issue };
    let mut out = Vec::new();
    for rule in RULES {
        rule.check(&cx, &mut out);
    }
    apply_allow_lists(&cx, &mut out);
    out
}

/// Drops the warnings that an article's `allow` silences, and reports allow
/// entries that name no warning.
fn apply_allow_lists(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let mut silenced: Vec<(String, Code)> = Vec::new();
    for (_, article) in cx.issue.articles() {
        let Some(front) = &article.front else {
            continue;
        };
        let path = cx.source(article.file).path().to_owned();
        for entry in &front.allow {
            let name = entry.get_ref();
            match Code::from_name(name) {
                Some(code) if code.severity() == Severity::Warning => {
                    silenced.push((path.clone(), code))
                }
                Some(code) => out.push(
                    cx.at(
                        Code::FrontMatter,
                        article.file,
                        entry.span(),
                        format!(
                            "`{}` is an error, and errors cannot be allowed",
                            code.as_str()
                        ),
                    )
                    .with_help("fix the problem instead; only warnings can be silenced"),
                ),
                None => {
                    let closest = Code::ALL
                        .iter()
                        .filter(|c| c.severity() == Severity::Warning)
                        .max_by(|a, b| {
                            strsim::jaro_winkler(a.as_str(), name)
                                .total_cmp(&strsim::jaro_winkler(b.as_str(), name))
                        });
                    let mut diag = cx.at(
                        Code::FrontMatter,
                        article.file,
                        entry.span(),
                        format!("`{name}` is not a check code"),
                    );
                    if let Some(code) = closest {
                        diag = diag.with_help(format!("did you mean `{}`?", code.as_str()));
                    }
                    out.push(diag);
                }
            }
        }
    }
    out.retain(|d| {
        !(d.severity == Severity::Warning
            && silenced
                .iter()
                .any(|(path, code)| *path == d.file && *code == d.code))
    });
}

#[cfg(test)]
pub(crate) mod testing {
    //! A throwaway workspace on disk, for the rules' unit tests.

    use std::path::Path;

    use crate::diag::{Code, Diagnostic};

    /// A temporary workspace with the embedded settings.
    pub struct Fixture {
        pub dir: tempfile::TempDir,
    }

    impl Fixture {
        /// A workspace with one valid issue `2018-01` (dated 2018-01-15) holding the given files.
        pub fn new(files: &[(&str, &str)]) -> Self {
            let dir = tempfile::tempdir().unwrap();
            let config = "[newsletter]\ntitle = \"T\"\npublisher = \"P\"\nlanguage = \"fr\"\n\
                [[section]]\nid = \"agenda\"\ntitle = \"Agenda\"\nkind = \"agenda\"\ngroups = [\"Internes\", \"Externes\"]\n\
                [[section]]\nid = \"edito\"\ntitle = \"Édito\"\nkind = \"editorial\"\n\
                [[section]]\nid = \"nouvelles\"\ntitle = \"Nouvelles\"\nkind = \"articles\"\ncontact = \"required\"\nmax_words = 50\n\
                [[section]]\nid = \"appels\"\ntitle = \"Appels\"\nkind = \"calls\"\n\
                [[section]]\nid = \"fin\"\ntitle = \"Fin\"\nkind = \"text\"\n";
            let fixture = Fixture { dir };
            fixture.write("infolettre.toml", config);
            fixture.write(
                "issues/2018-01/issue.toml",
                "number = 1\ndate = 2018-01-15\n",
            );
            for (path, text) in files {
                fixture.write(&format!("issues/2018-01/{path}"), text);
            }
            fixture
        }

        pub fn write(&self, path: &str, text: &str) {
            let path = self.dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }

        pub fn root(&self) -> &Path {
            self.dir.path()
        }

        /// Every finding of loading and checking the issue.
        pub fn check(&self) -> Vec<Diagnostic> {
            let opened = crate::workspace::Workspace::open(self.root()).unwrap();
            let mut diags = opened.diagnostics;
            let workspace = opened.workspace.expect("valid settings");
            let issue = crate::issue::load_id(&workspace, "2018-01", &mut diags).unwrap();
            diags.extend(super::check_issue(&workspace, &issue));
            diags
        }

        /// The findings of one code, as (file name, line, column).
        pub fn found(&self, code: Code) -> Vec<(String, usize, usize)> {
            let mut found: Vec<_> = self
                .check()
                .into_iter()
                .filter(|d| d.code == code)
                .map(|d| {
                    (
                        d.file.rsplit('/').next().unwrap().to_owned(),
                        d.line,
                        d.column,
                    )
                })
                .collect();
            found.sort();
            found
        }
    }

    /// An article with a title and one matching contact.
    pub fn article(title: &str, body: &str) -> String {
        format!(
            "+++\ntitle = \"{title}\"\ncontacts = [{{ name = \"Jeanne Martin\", email = \"jeanne.martin@cite.fr\" }}]\n+++\n{body}\n"
        )
    }
}

#[cfg(test)]
mod proptests {
    use proptest::prelude::*;

    use super::testing::Fixture;
    use crate::source::SourceFile;

    /// Text made of the characters that matter to our parsers.
    fn markdownish() -> impl Strategy<Value = String> {
        proptest::string::string_regex(r"(\+\+\+\n|title = |\[|\]|\(|\)|#|\*|<[a-z]+>|`|\^|~|@|mailto:|http://|\n|\r\n|[a-zé ]{1,8}|TODO|!|\|---|\u{feff}|\u{202e}){0,40}").unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

        /// Arbitrary article text never panics the loader or the rules.
        #[test]
        fn any_article_text_is_loaded_and_checked(body in markdownish()) {
            let fixture = Fixture::new(&[("nouvelles/01-a.md", &body), ("fin.md", &body)]);
            let diags = fixture.check();
            for diag in diags {
                prop_assert!(diag.line >= 1 && diag.column >= 1);
            }
        }
    }

    proptest! {
        /// Arbitrary text never panics the parsers, and every span they give is inside the file.
        #[test]
        fn any_text_is_parsed(text in "(?s).{0,200}", more in markdownish()) {
            for text in [text, more] {
                let file = SourceFile::new("a.md", text.as_str());
                let split = match crate::issue::split(&file) { Ok(s) => s, Err((s, _)) => s };
                let blocks = crate::markup::parse(&file, split.body.clone());
                let mut diags = Vec::new();
                if let Some(front) = split.front {
                    let _: Option<crate::issue::ArticleFront> =
                        crate::tomlfile::parse(&file, front, &[], "front matter", &mut diags);
                }
                crate::markup::walk_inlines(&blocks, &mut |inline| {
                    if let crate::markup::Inline::Link { span, .. } = inline {
                        assert!(span.end <= file.text().len());
                    }
                });
                for diag in diags {
                    let span = diag.span.unwrap_or_default();
                    prop_assert!(span.end <= file.text().len());
                }
            }
        }
    }
}
