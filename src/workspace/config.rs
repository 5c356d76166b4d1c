//! `infolettre.toml`: the newsletter's settings and its sections.

use serde::Deserialize;
use toml::Spanned;

use crate::diag::{Code, Diagnostic};
use crate::email::Mailbox;
use crate::links::{Link, Target};
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
    /// `[email]` as written; [`Config::email`] is what it means.
    #[serde(default, rename = "email")]
    email_toml: Option<EmailToml>,
    /// The sending settings, checked: `None` without an `[email]` table.
    #[serde(skip)]
    pub email: Option<EmailSettings>,
}

#[derive(Debug, Clone, Deserialize)]
struct EmailToml {
    from: Option<Spanned<String>>,
    reply_to: Option<Spanned<String>>,
    unsubscribe: Option<Spanned<String>>,
}

/// `[email]`: what `render --eml` and `send` put in the headers.
#[derive(Debug, Clone)]
pub struct EmailSettings {
    pub from: Mailbox,
    pub reply_to: Option<Mailbox>,
    /// An `https:` or `mailto:` target.
    pub unsubscribe: Option<Link>,
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

    /// The name of the section's file, or folder, in an issue directory.
    pub fn entry_name(&self) -> String {
        match self.kind {
            SectionKind::Articles => self.id().to_owned(),
            kind => kind.file_name(self.id()),
        }
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
const EMAIL: Schema = &[value("from"), value("reply_to"), value("unsubscribe")];
const SCHEMA: Schema = &[
    table("newsletter", NEWSLETTER),
    table("email", EMAIL),
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
        let mut config: Config =
            tomlfile::parse(file, 0..file.text().len(), SCHEMA, "infolettre.toml", diags)?;
        let before = diags.len();
        config.validate(file, diags);
        config.email = config
            .email_toml
            .as_ref()
            .and_then(|email| email.resolve(file, diags));
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
        if let Some(website) = &self.newsletter.website
            && !matches!(Link::new(website.get_ref()).target, Target::Web(_))
        {
            diags.push(
                invalid_setting(
                    file,
                    website,
                    format!(
                        "`website` cannot be used: `{}` is not an http(s) address",
                        website.get_ref()
                    ),
                )
                .with_help("write the full address, e.g. https://www.reseaucitesdesmetiers.com"),
            );
        }
        if let Some(contact) = &self.newsletter.contact
            && let Err(why) = Mailbox::parse(contact.get_ref())
        {
            diags.push(
                invalid_setting(file, contact, format!("`contact` cannot be used: {why}"))
                    .with_help("write the address readers may write to"),
            );
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

impl EmailToml {
    /// The settings, or `None` with an `invalid-setting` at each value that
    /// cannot be used (every one is reported in the same run).
    fn resolve(&self, file: &SourceFile, diags: &mut Vec<Diagnostic>) -> Option<EmailSettings> {
        let before = diags.len();
        let mut mailbox = |value: &Spanned<String>, key: &str| {
            Mailbox::parse(value.get_ref())
                .map_err(|why| {
                    diags.push(
                        invalid_setting(file, value, format!("`{key}` cannot be used: {why}"))
                            .with_help("write `Name <address@domain>` or just the address"),
                    )
                })
                .ok()
        };
        let from = self.from.as_ref().and_then(|f| mailbox(f, "from"));
        let reply_to = self.reply_to.as_ref().and_then(|r| mailbox(r, "reply_to"));
        if self.from.is_none() {
            diags.push(
                Diagnostic::file(
                    Code::InvalidSetting,
                    file.path(),
                    "the [email] table has no `from`",
                )
                .with_help("add from = \"Name <address@domain>\": the sender of every email"),
            );
        }
        let unsubscribe = self.unsubscribe.as_ref().and_then(|value| {
            let link = Link::new(value.get_ref());
            match &link.target {
                Target::Web(url) if url.starts_with("https:") => Some(link),
                Target::Mail { address, .. } if Mailbox::parse(address).is_ok() => Some(link),
                _ => {
                    diags.push(
                        invalid_setting(file, value, format!("`unsubscribe` cannot be used: `{}` is neither an https: page nor a mailto: address", value.get_ref()))
                            .with_help("write https://… (a one-click page) or mailto:address@domain"),
                    );
                    None
                }
            }
        });
        (diags.len() == before).then(|| EmailSettings {
            from: from.expect("a from without a finding"),
            reply_to,
            unsubscribe,
        })
    }
}

fn invalid_setting(file: &SourceFile, value: &Spanned<String>, message: String) -> Diagnostic {
    Diagnostic::at(Code::InvalidSetting, file, value.span(), message)
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

    fn codes_at(diags: &[Diagnostic]) -> Vec<(Code, usize, usize)> {
        diags.iter().map(|d| (d.code, d.line, d.column)).collect()
    }

    const NEWSLETTER: &str = "[newsletter]\ntitle = \"InfoLettre\"\npublisher = \"Réseau\"\n";

    #[test]
    fn the_email_table_of_the_spec_is_read_into_types() {
        let (config, diags) = parse(&format!(
            "{NEWSLETTER}[email]\nfrom = \"InfoLettre <delegationexecutive@citedesmetiers.fr>\"\n\
             reply_to = \"delegationexecutive@citedesmetiers.fr\"\n\
             unsubscribe = \"https://www.reseaucitesdesmetiers.com/desinscription\"\n"
        ));
        assert!(diags.is_empty(), "{diags:?}");
        let email = config.unwrap().email.unwrap();
        assert_eq!(email.from.name.as_deref(), Some("InfoLettre"));
        assert_eq!(email.from.address, "delegationexecutive@citedesmetiers.fr");
        assert_eq!(
            email.reply_to.unwrap().address,
            "delegationexecutive@citedesmetiers.fr"
        );
        assert_eq!(
            email.unsubscribe.unwrap().target,
            Target::Web("https://www.reseaucitesdesmetiers.com/desinscription".into())
        );
        let (config, diags) = parse(NEWSLETTER);
        assert!(diags.is_empty() && config.unwrap().email.is_none());
    }

    #[test]
    fn every_unusable_setting_is_an_invalid_setting_at_its_value_in_one_run() {
        let (config, diags) = parse(
            "[newsletter]\ntitle = \"InfoLettre\"\npublisher = \"Réseau\"\n\
             website = \"www.reseaucitesdesmetiers.com\"\ncontact = \"delegation@@citedesmetiers.fr\"\n\
             [email]\nfrom = \"InfoLettre <delegationexecutive@citedesmetiers>\"\n\
             reply_to = \"Équipe <a@citedesmetiers.fr\"\nunsubscribe = \"http://www.reseaucitesdesmetiers.com/d\"\n",
        );
        assert!(config.is_none());
        assert_eq!(
            codes_at(&diags),
            [
                (Code::InvalidSetting, 4, 11),
                (Code::InvalidSetting, 5, 11),
                (Code::InvalidSetting, 7, 8),
                (Code::InvalidSetting, 8, 12),
                (Code::InvalidSetting, 9, 15),
            ]
        );
        let (_, diags) = parse(&format!(
            "{NEWSLETTER}[email]\nreply_to = \"a@citedesmetiers.fr\"\n"
        ));
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].code, Code::InvalidSetting);
        assert!(
            diags[0].message.contains("no `from`"),
            "{}",
            diags[0].message
        );
        let (_, diags) = parse(&format!(
            "{NEWSLETTER}[email]\nfrom = \"a@citedesmetiers.fr\"\nfrm = \"x\"\n"
        ));
        assert_eq!(codes_at(&diags), [(Code::UnknownField, 6, 1)]);
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
