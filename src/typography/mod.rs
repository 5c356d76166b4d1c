//! Language-aware dates, labels and typography.
//!
//! Every language is data: a TOML file in `layouts/languages/`, embedded at
//! build time and parsed once. It holds the month names, the date patterns,
//! the labels the outputs print and the typographic conventions (quotes,
//! apostrophe, spaces before punctuation, superscript ordinals). Adding a
//! language is adding a file and one line to [`EMBEDDED`].

mod dates;
mod reading;
mod rich;
mod text;

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::document::Labels;
use dates::Template;
pub use reading::{DateSpan, find_folded};
pub use text::compile_patterns;

/// The embedded language files, by their path under `layouts/`.
pub const EMBEDDED: &[(&str, &str)] = &[
    (
        "languages/fr.toml",
        include_str!("../../layouts/languages/fr.toml"),
    ),
    (
        "languages/en.toml",
        include_str!("../../layouts/languages/en.toml"),
    ),
    (
        "languages/pt.toml",
        include_str!("../../layouts/languages/pt.toml"),
    ),
    (
        "languages/it.toml",
        include_str!("../../layouts/languages/it.toml"),
    ),
    (
        "languages/es.toml",
        include_str!("../../layouts/languages/es.toml"),
    ),
    (
        "languages/de.toml",
        include_str!("../../layouts/languages/de.toml"),
    ),
];

/// The language that every unknown tag falls back to (in tests: the tool
/// itself never falls back, an unknown language is an `invalid-setting`).
#[cfg(test)]
const FALLBACK: &str = "en";

// The embedded files are part of the binary, and a unit test parses every one
// of them: a failure here is a build defect, not a user's mistake.
static LANGUAGES: LazyLock<Vec<Language>> = LazyLock::new(|| {
    EMBEDDED
        .iter()
        .map(|(path, text)| {
            Language::from_toml(text).unwrap_or_else(|e| panic!("embedded {path}: {e}"))
        })
        .collect()
});

/// The embedded language for a BCP 47 tag, by RFC 4647 lookup (the longest
/// matching prefix of the tag); `None` when no embedded language matches.
pub fn lookup(tag: &str) -> Option<&'static Language> {
    let tag = tag.trim().replace('_', "-");
    let mut candidate = tag.as_str();
    loop {
        if let Some(found) = LANGUAGES
            .iter()
            .find(|l| l.code.eq_ignore_ascii_case(candidate))
        {
            return Some(found);
        }
        candidate = &candidate[..candidate.rfind('-')?];
    }
}

/// The codes of the embedded languages.
pub fn embedded_codes() -> Vec<&'static str> {
    LANGUAGES.iter().map(|l| l.code.as_str()).collect()
}

/// The embedded language for a BCP 47 tag ("fr", "fr-CH", "en-GB"): the longest
/// matching prefix of the tag, then its primary subtag, then English.
#[cfg(test)]
pub fn language(tag: &str) -> &'static Language {
    lookup(tag).unwrap_or_else(|| lookup(FALLBACK).expect("the fallback language is embedded"))
}

/// A language's dates, labels and typographic conventions.
#[derive(Debug, Clone)]
pub struct Language {
    code: String,
    name: String,
    months: Vec<String>,
    /// Day numbers written otherwise than as a number ("1er").
    days: BTreeMap<u32, String>,
    date: Template,
    same_month: Template,
    same_year: Template,
    range: Template,
    labels: Labels,
    typo: Typo,
}

/// The typographic conventions, resolved to characters.
#[derive(Debug, Clone)]
struct Typo {
    quotes: (char, char),
    inner_quotes: (char, char),
    single_quotes: Option<(char, char)>,
    apostrophe: char,
    /// The space wanted before each mark (French `: ; ! ?`).
    space_before: Vec<(char, char)>,
    /// The space wanted inside the primary quotes (French « »).
    quote_space: Option<char>,
    /// Superscript suffixes after a number, longest first so "ème" wins over "e".
    ordinals: Vec<String>,
}

/// Why a language file was refused.
#[derive(Debug, thiserror::Error)]
pub enum LanguageError {
    /// The file is not valid TOML or has unknown or missing keys.
    #[error(transparent)]
    Toml(#[from] toml::de::Error),
    /// `months` does not list twelve names.
    #[error("`months` must list 12 names, not {0}")]
    Months(usize),
    /// A date pattern names a placeholder that does not exist there.
    #[error("unknown placeholder `{{{placeholder}}}` in date pattern `{pattern}`")]
    Placeholder {
        /// The pattern as the file writes it.
        pattern: String,
        /// The name between the braces.
        placeholder: String,
    },
    /// A `[dates.days]` key is not a day of the month.
    #[error("`{0}` is not a day of the month (1 to 31)")]
    Day(String),
    /// A quote, apostrophe, space or punctuation mark that is not exactly one character.
    #[error("`{0}` must be exactly one character")]
    NotOneChar(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LanguageFile {
    code: String,
    name: String,
    months: Vec<String>,
    dates: DatesFile,
    labels: LabelsFile,
    typography: TypographyFile,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DatesFile {
    date: String,
    same_month: String,
    same_year: String,
    range: String,
    #[serde(default)]
    days: BTreeMap<String, String>,
}

// `document::Labels` is the renderers' type and is not deserializable; this
// mirror keeps the file's keys checked (`deny_unknown_fields`) all the same.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LabelsFile {
    contact: String,
    contacts: String,
    deadline: String,
    programme: String,
    more: String,
    issue: String,
    number: String,
    team: String,
    draft: String,
    links: String,
    page: String,
    contents: String,
    website: String,
    /// Optional, so that a language file written before it still reads.
    #[serde(default)]
    unsubscribe: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TypographyFile {
    quotes: [String; 2],
    inner_quotes: [String; 2],
    single_quotes: Option<[String; 2]>,
    apostrophe: String,
    #[serde(default)]
    space_before: BTreeMap<String, String>,
    quote_space: Option<String>,
    #[serde(default)]
    ordinals: Vec<String>,
}

fn one_char(s: &str) -> Result<char, LanguageError> {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Ok(c),
        _ => Err(LanguageError::NotOneChar(s.to_owned())),
    }
}

fn pair(p: &[String; 2]) -> Result<(char, char), LanguageError> {
    Ok((one_char(&p[0])?, one_char(&p[1])?))
}

impl Language {
    /// Parses and validates a language file (the format of `layouts/languages/*.toml`).
    pub fn from_toml(text: &str) -> Result<Self, LanguageError> {
        let file: LanguageFile = toml::from_str(text)?;
        if file.months.len() != 12 {
            return Err(LanguageError::Months(file.months.len()));
        }
        let mut days = BTreeMap::new();
        for (key, value) in file.dates.days {
            match key.parse::<u32>() {
                Ok(day @ 1..=31) => days.insert(day, value),
                _ => return Err(LanguageError::Day(key)),
            };
        }
        let t = file.typography;
        let mut space_before = Vec::new();
        for (mark, space) in &t.space_before {
            space_before.push((one_char(mark)?, one_char(space)?));
        }
        let mut ordinals = t.ordinals;
        ordinals.sort_by_key(|suffix| std::cmp::Reverse(suffix.chars().count()));
        let l = file.labels;
        Ok(Self {
            code: file.code,
            name: file.name,
            months: file.months,
            days,
            date: Template::parse(&file.dates.date, false)?,
            same_month: Template::parse(&file.dates.same_month, true)?,
            same_year: Template::parse(&file.dates.same_year, true)?,
            range: Template::parse(&file.dates.range, true)?,
            labels: Labels {
                contact: l.contact,
                contacts: l.contacts,
                deadline: l.deadline,
                programme: l.programme,
                more: l.more,
                issue: l.issue,
                number: l.number,
                team: l.team,
                draft: l.draft,
                links: l.links,
                page: l.page,
                contents: l.contents,
                website: l.website,
                unsubscribe: l.unsubscribe.unwrap_or_else(|| "Unsubscribe".to_owned()),
            },
            typo: Typo {
                quotes: pair(&t.quotes)?,
                inner_quotes: pair(&t.inner_quotes)?,
                single_quotes: t.single_quotes.as_ref().map(pair).transpose()?,
                apostrophe: one_char(&t.apostrophe)?,
                space_before,
                quote_space: t.quote_space.as_deref().map(one_char).transpose()?,
                ordinals,
            },
        })
    }

    /// The language's BCP 47 tag as its file declares it ("fr").
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The language's name in itself ("Français").
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The words the outputs print around the content, in this language.
    pub fn labels(&self) -> Labels {
        self.labels.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_file_parses_and_declares_its_own_name() {
        for (path, text) in EMBEDDED {
            let lang = Language::from_toml(text).unwrap_or_else(|e| panic!("{path}: {e}"));
            assert_eq!(*path, format!("languages/{}.toml", lang.code()));
            assert!(!lang.name().is_empty());
        }
        assert_eq!(LANGUAGES.len(), EMBEDDED.len());
    }

    #[test]
    fn tags_fall_back_by_primary_subtag_then_to_english() {
        assert_eq!(language("fr").code(), "fr");
        assert_eq!(language("fr-CH").code(), "fr");
        assert_eq!(language("FR_ca").code(), "fr");
        assert_eq!(language("en-GB").code(), "en");
        assert_eq!(language("pt-BR").code(), "pt");
        assert_eq!(language("de-AT").code(), "de");
        assert_eq!(language("es").code(), "es");
        assert_eq!(language("it").code(), "it");
        assert_eq!(language("nl").code(), "en");
        assert_eq!(language("").code(), "en");
    }

    #[test]
    fn labels_come_from_the_data() {
        let fr = language("fr").labels();
        assert_eq!(fr.deadline, "Date limite");
        assert_eq!(fr.number, "n°");
        assert_eq!(fr.team, "L’équipe rédactionnelle");
        assert_eq!(fr.draft, "BROUILLON");
        let en = language("en").labels();
        assert_eq!(en.deadline, "Deadline");
        assert_eq!(en.number, "No.");
        assert_eq!(en.team, "Editorial team");
        assert_eq!(en.draft, "DRAFT");
        for (_, text) in EMBEDDED {
            let labels = Language::from_toml(text).unwrap().labels();
            let all = [
                &labels.contact,
                &labels.contacts,
                &labels.deadline,
                &labels.programme,
                &labels.more,
                &labels.issue,
                &labels.number,
                &labels.team,
                &labels.draft,
                &labels.links,
                &labels.page,
                &labels.contents,
                &labels.website,
            ];
            assert!(all.iter().all(|l| !l.is_empty()));
        }
    }

    #[test]
    fn labels_are_already_typographically_correct() {
        // Labels are printed as they are; they must be what `text` would make.
        for (_, text) in EMBEDDED {
            let lang = Language::from_toml(text).unwrap();
            let l = lang.labels();
            for label in [&l.more, &l.team, &l.deadline, &l.website] {
                assert_eq!(&lang.text(label), label, "{}", lang.code());
            }
        }
    }

    #[test]
    fn bad_files_are_refused_with_a_reason() {
        let fr = EMBEDDED[0].1;
        let short = fr.replace("\"novembre\", \"décembre\",", "");
        assert!(matches!(
            Language::from_toml(&short),
            Err(LanguageError::Months(10))
        ));
        let typo = fr.replace("{end_month} {year}\"", "{end_mont} {year}\"");
        assert!(matches!(
            Language::from_toml(&typo),
            Err(LanguageError::Placeholder { .. })
        ));
        let unknown = format!("{fr}\n[extra]\nx = 1\n");
        assert!(matches!(
            Language::from_toml(&unknown),
            Err(LanguageError::Toml(_))
        ));
        let quote = fr.replace("quotes = [\"«\", \"»\"]", "quotes = [\"<<\", \">>\"]");
        assert!(matches!(
            Language::from_toml(&quote),
            Err(LanguageError::NotOneChar(_))
        ));
        let day = fr.replace("1 = \"1er\"", "32 = \"x\"");
        assert!(matches!(
            Language::from_toml(&day),
            Err(LanguageError::Day(_))
        ));
        let end_in_date = fr.replace("date = \"{day} {month} {year}\"", "date = \"{end_day}\"");
        assert!(matches!(
            Language::from_toml(&end_in_date),
            Err(LanguageError::Placeholder { .. })
        ));
    }
}
