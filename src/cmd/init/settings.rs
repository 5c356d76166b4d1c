//! The newsletter's own settings for `infolettre init`: the answers (flags,
//! else prompts, else defaults derived from the directory name), their
//! validation, and the commented `infolettre.toml` written from them.

use crate::error::{Error, Result};
use crate::prompt::{Check, Prompter};
use crate::typography::EMBEDDED;

/// The answers that make up `[newsletter]`; empty website or contact means "not set".
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Answers {
    pub(crate) title: String,
    pub(crate) publisher: String,
    pub(crate) language: String,
    pub(crate) website: String,
    pub(crate) contact: String,
}

/// What the flags gave; `None` is a question still open.
#[derive(Debug, Clone, Default)]
pub(crate) struct Given {
    pub(crate) title: Option<String>,
    pub(crate) publisher: Option<String>,
    pub(crate) language: Option<String>,
    pub(crate) website: Option<String>,
    pub(crate) contact: Option<String>,
}

/// The language when none is given: English, the fallback of every renderer.
const DEFAULT_LANGUAGE: &str = "en";

/// Accepts a value, or says why not.
type Validator = fn(&str) -> Result<(), String>;

/// Checks every flag before anything is asked or written: a bad value is bad usage.
pub(crate) fn check_given(given: &Given) -> Result<()> {
    let checks: [(&str, &Option<String>, Validator); 5] = [
        ("--title", &given.title, check_name),
        ("--publisher", &given.publisher, check_name),
        ("--language", &given.language, check_language),
        ("--website", &given.website, check_website),
        ("--contact", &given.contact, check_contact),
    ];
    for (flag, value, check) in checks {
        if let Some(value) = value {
            check(value.trim()).map_err(|why| Error::bad(format!("{flag}: {why}")))?;
        }
    }
    Ok(())
}

/// Resolves every answer: a flag answers its question, a prompter (on a
/// terminal) asks the others, and without one the defaults serve.
pub(crate) fn resolve(
    given: &Given,
    dir_name: &str,
    mut prompter: Option<&mut dyn Prompter>,
) -> Result<Answers> {
    let default_title = title_from_dir(dir_name);
    let mut ask =
        |question: &str, value: &Option<String>, default: &str, check: Check<'_>| match value {
            Some(value) => Ok(value.trim().to_owned()),
            None => match prompter.as_deref_mut() {
                Some(p) => p.text(question, Some(default).filter(|d| !d.is_empty()), check),
                None => Ok(default.to_owned()),
            },
        };
    let title = ask(
        "Title of the newsletter",
        &given.title,
        &default_title,
        &check_name,
    )?;
    let publisher = ask("Who publishes it", &given.publisher, &title, &check_name)?;
    let language = ask(
        &format!("Language ({})", codes().join(", ")),
        &given.language,
        DEFAULT_LANGUAGE,
        &check_language,
    )?;
    let website = ask(
        "Website (https://…, empty for none)",
        &given.website,
        "",
        &optional(check_website),
    )?;
    let contact = ask(
        "Contact address for readers (empty for none)",
        &given.contact,
        "",
        &optional(check_contact),
    )?;
    Ok(Answers {
        title,
        publisher,
        language,
        website,
        contact,
    })
}

/// "my-news_letter" → "My news letter": a readable title to start from.
pub(crate) fn title_from_dir(dir_name: &str) -> String {
    let words: Vec<&str> = dir_name
        .split(|c: char| c == '-' || c == '_' || c == '.' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    let joined = words.join(" ");
    let mut chars = joined.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "Newsletter".to_owned(),
    }
}

fn optional(check: Validator) -> impl Fn(&str) -> Result<(), String> {
    move |answer| {
        if answer.is_empty() {
            Ok(())
        } else {
            check(answer)
        }
    }
}

fn check_name(text: &str) -> Result<(), String> {
    if text.is_empty() {
        Err("must not be empty".into())
    } else if text.chars().any(char::is_control) {
        Err("must be one line of text, without control characters".into())
    } else {
        Ok(())
    }
}

/// The language codes with built-in labels, from `layouts/languages/<code>.toml`.
pub(crate) fn codes() -> Vec<&'static str> {
    EMBEDDED
        .iter()
        .filter_map(|(path, _)| path.strip_prefix("languages/")?.strip_suffix(".toml"))
        .collect()
}

/// A BCP 47 tag whose primary subtag has built-in labels ("fr", "fr-CH").
fn check_language(tag: &str) -> Result<(), String> {
    let primary = tag.split(['-', '_']).next().unwrap_or_default();
    let well_formed = tag.split(['-', '_']).all(|part| {
        !part.is_empty() && part.len() <= 8 && part.chars().all(|c| c.is_ascii_alphanumeric())
    });
    if well_formed && codes().iter().any(|c| c.eq_ignore_ascii_case(primary)) {
        Ok(())
    } else {
        Err(format!(
            "`{tag}` is not a language infolettre has words for; use one of {}",
            codes().join(", ")
        ))
    }
}

fn check_website(url: &str) -> Result<(), String> {
    match url::Url::parse(url) {
        Ok(parsed) if matches!(parsed.scheme(), "http" | "https") && parsed.host().is_some() => {
            Ok(())
        }
        _ => Err(format!("`{url}` is not an http:// or https:// address")),
    }
}

fn check_contact(address: &str) -> Result<(), String> {
    crate::email::validate(address)
        .map_err(|e| format!("`{address}` is not a valid email address: {e}"))
}

/// The words of the starting sections, in the newsletter's language.
struct Words {
    editorial: &'static str,
    news: &'static str,
    agenda: &'static str,
    calls: &'static str,
    contact: &'static str,
}

fn words(language: &str) -> Words {
    let primary = language
        .split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let [editorial, news, agenda, calls, contact] = match primary.as_str() {
        "fr" => [
            "Éditorial",
            "Nouvelles",
            "Agenda",
            "Appels à projets",
            "Contact",
        ],
        "es" => [
            "Editorial",
            "Noticias",
            "Agenda",
            "Convocatorias",
            "Contacto",
        ],
        "pt" => ["Editorial", "Notícias", "Agenda", "Concursos", "Contacto"],
        "it" => ["Editoriale", "Notizie", "Agenda", "Bandi", "Contatti"],
        "de" => [
            "Editorial",
            "Neuigkeiten",
            "Termine",
            "Ausschreibungen",
            "Kontakt",
        ],
        _ => [
            "Editorial",
            "News",
            "Agenda",
            "Calls for projects",
            "Contact",
        ],
    };
    Words {
        editorial,
        news,
        agenda,
        calls,
        contact,
    }
}

/// A TOML string literal, escaped by the toml crate.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

/// `key = "value"`, or the key commented out with an example when the answer is empty.
fn optional_line(key: &str, value: &str, example: &str) -> String {
    if value.is_empty() {
        format!("# {key} = {}", quoted(example))
    } else {
        format!("{key} = {}", quoted(value))
    }
}

/// The `infolettre.toml` of a new workspace, with the comments that explain each key.
pub(crate) fn config_toml(answers: &Answers) -> String {
    let w = words(&answers.language);
    let title = quoted(&answers.title);
    let publisher = quoted(&answers.publisher);
    let language = quoted(&answers.language);
    let website = optional_line("website", &answers.website, "https://example.org");
    let contact = optional_line("contact", &answers.contact, "editor@example.org");
    let [editorial, news, agenda, calls, contact_title] =
        [w.editorial, w.news, w.agenda, w.calls, w.contact].map(quoted);
    format!(
        include_str!("settings.toml.in"),
        title = title,
        publisher = publisher,
        language = language,
        website = website,
        contact = contact,
        editorial = editorial,
        news = news,
        agenda = agenda,
        calls = calls,
        contact_title = contact_title,
    )
}

#[cfg(test)]
mod tests;
