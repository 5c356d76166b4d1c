//! Unit tests of the scaffold: slugs, ids, TOML strings, contacts, article files.

use super::*;

#[test]
fn slugs_fold_accents_and_squeeze_punctuation() {
    assert_eq!(
        slug("Forum de l'entrepreneuriat à La Réunion !"),
        "forum-de-l-entrepreneuriat-a-la-reunion"
    );
    assert_eq!(slug("  Cœur — Æsa & Straße  "), "coeur-aesa-strasse");
    assert_eq!(slug("¡¿…?!"), "article");
    let long = slug(&"mot ".repeat(30));
    assert!(long.chars().count() <= 50 && !long.ends_with('-'), "{long}");
    assert_eq!(slug(&"a".repeat(80)).len(), 50);
}

#[test]
fn issue_ids_must_be_one_plain_directory_name() {
    assert!(check_issue_id("2018-01").is_ok());
    assert!(check_issue_id("2018-01-spécial").is_ok());
    for bad in [
        "", "  ", "a/b", "a\\b", "..", "a..b", ".hidden", " 2018", "a\nb",
    ] {
        assert!(check_issue_id(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn toml_strings_are_one_valid_line() {
    let text = "« Trouve ta place » \"x\" \\ \n+++\n\u{7}";
    let quoted = toml_string(text);
    assert!(!quoted.contains('\n'));
    let table: toml::Table = format!("v = {quoted}").parse().unwrap();
    assert_eq!(table["v"].as_str(), Some(text));
}

#[test]
fn contacts_are_read_and_validated() {
    let contact = parse_contact(" Annie BORDIER <annie.bordier@citedesmetiers.re> ").unwrap();
    assert_eq!(
        (contact.name.as_str(), contact.email.as_str()),
        ("Annie BORDIER", "annie.bordier@citedesmetiers.re")
    );
    assert!(
        parse_contact("annie@cite.re")
            .unwrap_err()
            .contains("Name <email>")
    );
    assert!(
        parse_contact("<annie@cite.re>")
            .unwrap_err()
            .contains("no name")
    );
    assert!(
        parse_contact("Annie <annie@@cite.re>")
            .unwrap_err()
            .contains("not a valid address")
    );
    assert!(
        parse_contact("Annie <annie@example.org>")
            .unwrap_err()
            .contains("placeholder")
    );
}

#[test]
fn an_article_names_a_todo_contact_only_where_one_is_required() {
    let required = article_file("Titre", &[], ContactPolicy::Required);
    assert!(
        required.contains("contacts = [{ name = \"TODO\", email = \"todo@example.org\" }]"),
        "{required}"
    );
    let optional = article_file("Titre", &[], ContactPolicy::Optional);
    assert!(!optional.contains("\ncontacts"), "{optional}");
    let two = [
        Contact {
            name: "A B".into(),
            email: "a.b@cite.fr".into(),
        },
        Contact {
            name: "C".into(),
            email: "c@cite.fr".into(),
        },
    ];
    let text = article_file("T", &two, ContactPolicy::Required);
    let front = text.split("+++").nth(1).unwrap();
    let table: toml::Table = front.parse().unwrap();
    assert_eq!(table["contacts"].as_array().unwrap().len(), 2);
    assert!(text.ends_with("+++\n\nTODO\n"));
}
