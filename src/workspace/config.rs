//! `infolettre.toml`: the newsletter's settings and its sections.

use serde::Deserialize;
use toml::Spanned;

use crate::diag::{Code, Diagnostic};
use crate::source::SourceFile;
use crate::tomlfile::{self, Schema, table, tables, value};

/// The settings of one newsletter.
#[derive(Debug, Clone, Deserialize)]
pub struct Config {
    pub newsletter: Newsletter,
    #[serde(default)]
    pub team: Vec<TeamMember>,
    #[serde(default, rename = "section")]
    pub sections: Vec<SectionDef>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Newsletter {
    pub title: String,
    pub publisher: String,
    /// A BCP 47 tag such as `fr` or `en-GB`.
    #[serde(default = "default_language")]
    pub language: Spanned<String>,
    pub website: Option<Spanned<String>>,
    pub contact: Option<Spanned<String>>,
    pub base_url: Option<Spanned<String>>,
}

fn default_language() -> Spanned<String> {
    Spanned::new(0..0, "fr".to_owned())
}

#[derive(Debug, Clone, Deserialize)]
pub struct TeamMember {
    pub name: String,
    pub role: String,
}

/// One section of the newsletter, in print order.
#[derive(Debug, Clone, Deserialize)]
pub struct SectionDef {
    /// The file or folder name inside an issue.
    pub id: Spanned<String>,
    pub title: String,
    pub kind: SectionKind,
    #[serde(default)]
    pub required: bool,
    /// Agenda only: the groups, in print order.
    #[serde(default)]
    pub groups: Vec<String>,
    /// Articles only: whether every article needs a contact.
    #[serde(default)]
    pub contact: ContactPolicy,
    /// Articles only: the word count above which an article is `too-long`.
    pub max_words: Option<usize>,
}

impl SectionDef {
    pub fn id(&self) -> &str {
        self.id.get_ref()
    }
}

/// What a section holds, and so which file an issue has for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SectionKind {
    /// `<id>.md` with `signature` and `role`.
    Editorial,
    /// `<id>/NN-slug.md`, one file per article.
    Articles,
    /// `<id>.toml` with `[[event]]` tables.
    Agenda,
    /// `<id>.toml` with `[[call]]` tables.
    Calls,
    /// `<id>.md`, free text.
    Text,
}

impl SectionKind {
    /// The file name a section of this kind has inside an issue.
    pub fn file_name(self, id: &str) -> String {
        match self {
            SectionKind::Editorial | SectionKind::Text => format!("{id}.md"),
            SectionKind::Articles => format!("{id}/"),
            SectionKind::Agenda | SectionKind::Calls => format!("{id}.toml"),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            SectionKind::Editorial => "editorial",
            SectionKind::Articles => "articles",
            SectionKind::Agenda => "agenda",
            SectionKind::Calls => "calls",
            SectionKind::Text => "text",
        }
    }
}

/// Whether the articles of a section must name a contact.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ContactPolicy {
    Required,
    #[default]
    Optional,
}

const NEWSLETTER: Schema = &[
    value("title"),
    value("publisher"),
    value("language"),
    value("website"),
    value("contact"),
    value("base_url"),
];
const TEAM: Schema = &[value("name"), value("role")];
const SECTION: Schema = &[
    value("id"),
    value("title"),
    value("kind"),
    value("required"),
    value("groups"),
    value("contact"),
    value("max_words"),
];
const SCHEMA: Schema = &[
    table("newsletter", NEWSLETTER),
    tables("team", TEAM),
    tables("section", SECTION),
];

/// Names an issue directory holds besides its sections.
const RESERVED_IDS: &[&str] = &["issue", "images"];

impl Config {
    /// Parses and validates `infolettre.toml`.
    pub fn parse(file: &SourceFile, diags: &mut Vec<Diagnostic>) -> Option<Config> {
        if file.text().trim().is_empty() {
            diags.push(Diagnostic::file(Code::FrontMatter, file.path(), "infolettre.toml is empty")
                .with_help("add a [newsletter] table with title and publisher, or delete the file to use the defaults"));
            return None;
        }
        let config: Config =
            tomlfile::parse(file, 0..file.text().len(), SCHEMA, "infolettre.toml", diags)?;
        let before = diags.len();
        config.validate(file, diags);
        (diags.len() == before).then_some(config)
    }

    fn validate(&self, file: &SourceFile, diags: &mut Vec<Diagnostic>) {
        let mut seen: Vec<&str> = Vec::new();
        for section in &self.sections {
            let id = section.id();
            let at = |message: String| {
                Diagnostic::at(Code::TomlSyntax, file, section.id.span(), message)
            };
            if !is_valid_id(id) {
                diags.push(
                    at(format!("section id `{id}` cannot be a file name")).with_help(
                        "use lowercase letters, digits and hyphens, e.g. `nouvelles-du-reseau`",
                    ),
                );
            } else if RESERVED_IDS.contains(&id) {
                diags.push(at(format!(
                    "section id `{id}` is reserved for the issue's own files"
                )));
            } else if seen.contains(&id) {
                diags.push(at(format!("section id `{id}` is declared twice")));
            }
            seen.push(id);
            let misplaced = [
                (
                    !section.groups.is_empty() && section.kind != SectionKind::Agenda,
                    "groups",
                    "agenda",
                ),
                (
                    section.contact == ContactPolicy::Required
                        && section.kind != SectionKind::Articles,
                    "contact",
                    "articles",
                ),
                (
                    section.max_words.is_some() && section.kind != SectionKind::Articles,
                    "max_words",
                    "articles",
                ),
            ];
            for (wrong, key, kind) in misplaced {
                if wrong {
                    diags.push(Diagnostic::at(
                        Code::UnknownField,
                        file,
                        section.id.span(),
                        format!(
                            "`{key}` applies only to sections of kind {kind}, and `{id}` is {}",
                            section.kind.as_str()
                        ),
                    ));
                }
            }
        }
        let language = &self.newsletter.language;
        if !is_language_tag(language.get_ref()) {
            diags.push(
                Diagnostic::at(
                    Code::TomlSyntax,
                    file,
                    language.span(),
                    format!("`{}` is not a BCP 47 language tag", language.get_ref()),
                )
                .with_help("write a tag such as \"fr\", \"fr-CH\" or \"en-GB\""),
            );
        }
    }

    /// The section with this id.
    pub fn section(&self, id: &str) -> Option<&SectionDef> {
        self.sections.iter().find(|s| s.id() == id)
    }
}

/// A well-formed BCP 47 tag: a 2–3 letter language, then subtags of 1–8 letters or digits.
fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with(['-', '.'])
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Option<Config>, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        (
            Config::parse(&SourceFile::new("infolettre.toml", text), &mut diags),
            diags,
        )
    }

    #[test]
    fn the_embedded_default_parses() {
        let (config, diags) = parse(super::super::DEFAULT_CONFIG);
        assert!(diags.is_empty(), "{diags:?}");
        assert!(!config.unwrap().newsletter.title.is_empty());
    }

    #[test]
    fn a_section_key_typo_is_an_unknown_field() {
        let text = "[newsletter]\ntitle = \"t\"\npublisher = \"p\"\n[[section]]\nid = \"a\"\ntitle = \"A\"\nkind = \"text\"\nrequird = true\n";
        let (_, diags) = parse(text);
        assert_eq!((diags[0].code, diags[0].line), (Code::UnknownField, 8));
        assert_eq!(diags[0].help.as_deref(), Some("did you mean `required`?"));
    }

    #[test]
    fn duplicate_and_reserved_ids_are_refused() {
        let section =
            |id: &str| format!("[[section]]\nid = \"{id}\"\ntitle = \"A\"\nkind = \"text\"\n");
        let text = format!(
            "[newsletter]\ntitle = \"t\"\npublisher = \"p\"\n{}{}{}",
            section("a"),
            section("a"),
            section("images")
        );
        let (config, diags) = parse(&text);
        assert!(config.is_none());
        assert_eq!(diags.len(), 2, "{diags:?}");
    }

    #[test]
    fn an_unknown_kind_is_reported_at_its_value() {
        let text = "[newsletter]\ntitle = \"t\"\npublisher = \"p\"\n[[section]]\nid = \"a\"\ntitle = \"A\"\nkind = \"news\"\n";
        let (_, diags) = parse(text);
        assert_eq!((diags[0].code, diags[0].line), (Code::TomlSyntax, 7));
    }
}
