use super::*;
use crate::prompt::{Answer, Scripted};

fn given_all() -> Given {
    Given {
        title: Some("Les nouvelles \"du quai\"".into()),
        publisher: Some("Association du quai".into()),
        language: Some("fr-CH".into()),
        website: Some("https://quai-lausanne.ch".into()),
        contact: Some("redaction@quai-lausanne.ch".into()),
    }
}

#[test]
fn a_title_is_made_from_the_directory_name() {
    assert_eq!(title_from_dir("my-news_letter"), "My news letter");
    assert_eq!(title_from_dir("écho"), "Écho");
    assert_eq!(title_from_dir(""), "Newsletter");
    assert_eq!(title_from_dir("--"), "Newsletter");
}

#[test]
fn flags_answer_every_question_without_asking() {
    let mut prompter = Scripted::new(Vec::new());
    let answers = resolve(&given_all(), "ignored", Some(&mut prompter)).unwrap();
    assert!(prompter.asked.is_empty());
    assert_eq!(answers.language, "fr-CH");
    assert_eq!(answers.contact, "redaction@quai-lausanne.ch");
}

#[test]
fn without_flags_or_terminal_the_defaults_come_from_the_directory() {
    let answers = resolve(&Given::default(), "club-photo", None).unwrap();
    assert_eq!(
        answers,
        Answers {
            title: "Club photo".into(),
            publisher: "Club photo".into(),
            language: "en".into(),
            website: String::new(),
            contact: String::new(),
        }
    );
}

#[test]
fn prompts_ask_what_the_flags_left_open_and_refuse_bad_answers() {
    let given = Given {
        title: Some("Bulletin".into()),
        ..Given::default()
    };
    let mut prompter = Scripted::new(vec![
        Answer::Text(String::new()),            // publisher: default, the title
        Answer::Text("xx".into()),              // language: refused
        Answer::Text("pt".into()),              // language
        Answer::Text("ftp://a.example".into()), // website: refused
        Answer::Text(String::new()),            // website: none
        Answer::Text("a@@b".into()),            // contact: refused
        Answer::Text("redaction@bulletin.pt".into()),
    ]);
    let answers = resolve(&given, "dir", Some(&mut prompter)).unwrap();
    assert_eq!(answers.publisher, "Bulletin");
    assert_eq!(answers.language, "pt");
    assert_eq!(answers.website, "");
    assert_eq!(answers.contact, "redaction@bulletin.pt");
    assert_eq!(prompter.refusals.len(), 3);
}

#[test]
fn bad_flags_are_usage_errors_naming_the_flag() {
    for (given, flag) in [
        (
            Given {
                language: Some("gl".into()),
                ..Given::default()
            },
            "--language",
        ),
        (
            Given {
                language: Some("fr-".into()),
                ..Given::default()
            },
            "--language",
        ),
        (
            Given {
                website: Some("javascript:alert(1)".into()),
                ..Given::default()
            },
            "--website",
        ),
        (
            Given {
                website: Some("www.example.org".into()),
                ..Given::default()
            },
            "--website",
        ),
        (
            Given {
                contact: Some("nobody".into()),
                ..Given::default()
            },
            "--contact",
        ),
        (
            Given {
                title: Some("  ".into()),
                ..Given::default()
            },
            "--title",
        ),
        (
            Given {
                publisher: Some("a\nb".into()),
                ..Given::default()
            },
            "--publisher",
        ),
    ] {
        match check_given(&given) {
            Err(Error::Usage { what, .. }) => assert!(what.starts_with(flag), "{what}"),
            other => panic!("{flag}: {other:?}"),
        }
    }
    assert!(check_given(&given_all()).is_ok());
}

#[test]
fn the_written_settings_parse_and_hold_the_answers() {
    let answers = resolve(&given_all(), "x", None).unwrap();
    let text = config_toml(&answers);
    let value: toml::Table = text.parse().unwrap();
    let newsletter = value["newsletter"].as_table().unwrap();
    assert_eq!(
        newsletter["title"].as_str(),
        Some("Les nouvelles \"du quai\"")
    );
    assert_eq!(
        newsletter["website"].as_str(),
        Some("https://quai-lausanne.ch")
    );
    let sections = value["section"].as_array().unwrap();
    let kinds: Vec<&str> = sections
        .iter()
        .map(|s| s["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["editorial", "articles", "agenda", "calls", "text"]);
    // French words, as chosen by the language.
    assert_eq!(sections[1]["title"].as_str(), Some("Nouvelles"));
    assert!(value.get("team").is_none());
    // The real parser accepts it without a finding.
    let mut diags = Vec::new();
    let file = crate::source::SourceFile::new("infolettre.toml", &text);
    let config = crate::workspace::config::Config::parse(&file, &mut diags);
    assert!(config.is_some() && diags.is_empty(), "{diags:?}");
}

#[test]
fn empty_optional_answers_are_left_commented() {
    let text = config_toml(&resolve(&Given::default(), "news", None).unwrap());
    assert!(text.contains("\n# website = \"https://example.org\"\n"));
    assert!(text.contains("\n# contact = \"editor@example.org\"\n"));
}
