//! Unit tests of `new`: how flags, answers and defaults resolve.

use super::*;
use crate::prompt::{Answer, Scripted};
use crate::source::SourceFile;
use crate::workspace::DEFAULT_CONFIG;

fn config() -> Config {
    let mut diags = Vec::new();
    Config::parse(
        &SourceFile::new("infolettre.toml", DEFAULT_CONFIG),
        &mut diags,
    )
    .unwrap()
}

fn args() -> NewArgs {
    NewArgs {
        id: None,
        date: None,
        number: None,
        title: None,
        no_input: false,
        skip: Vec::new(),
        articles: Vec::new(),
    }
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The next number after the seed issue, n° 42.
const NEXT_NUMBER: u32 = 43;

const TODAY: &str = "2018-01-15";

fn taken(id: &str) -> bool {
    id == "2017-12"
}

fn run(args: &NewArgs, prompter: Option<&mut dyn Prompter>) -> Result<Resolved> {
    resolve(args, &config(), NEXT_NUMBER, date(TODAY), &taken, prompter)
}

#[test]
fn without_flags_or_terminal_the_defaults_apply() {
    let resolved = run(&args(), None).unwrap();
    assert_eq!(resolved.date, date(TODAY));
    assert_eq!(resolved.id, "2018-01");
    assert_eq!(resolved.number, 43);
    assert_eq!(
        (resolved.title, resolved.skip, resolved.articles),
        (None, vec![], vec![])
    );
}

#[test]
fn a_taken_id_is_refused_and_a_bad_one_is_bad_usage() {
    let taken = NewArgs {
        id: Some("2017-12".into()),
        ..args()
    };
    assert_eq!(run(&taken, None).unwrap_err().exit_code(), 1);
    let by_date = NewArgs {
        date: Some(date("2017-12-01")),
        ..args()
    };
    assert!(matches!(run(&by_date, None), Err(Error::Exists { .. })));
    for bad in ["", "../x", "a/b", ".x"] {
        let args = NewArgs {
            id: Some(bad.into()),
            ..args()
        };
        assert_eq!(run(&args, None).unwrap_err().exit_code(), 2, "{bad:?}");
    }
}

#[test]
fn the_prompts_ask_what_no_flag_answered_and_reask_on_a_wrong_answer() {
    let mut script = Scripted::new([
        Answer::Text("2018-13-01".into()),
        Answer::Text("2018-02-10".into()),
        Answer::Text("2017-12".into()),
        Answer::Text(String::new()),
        Answer::Text("quarante".into()),
        Answer::Text(String::new()),
        Answer::Text("Spécial Erasmus+".into()),
        // Optional sections: inscription, arrivees-departs, financements-europeens, adresse-de-contact.
        Answer::Picks(vec![0, 2]),
        Answer::Yes(true),
        Answer::Pick(1),
        Answer::Text("Réunion CDM21 à Paris".into()),
        Answer::Text("Ludovic Collin".into()),
        Answer::Text("lcollin@@reseau.com".into()),
        Answer::Text("lcollin@reseau.com".into()),
        Answer::Yes(true),
        Answer::Pick(0),
        Answer::Text("Forum".into()),
        Answer::Text(String::new()),
        Answer::Yes(false),
    ]);
    let resolved = run(&args(), Some(&mut script)).unwrap();
    assert!(script.is_done(), "unused answers");
    assert_eq!(resolved.date, date("2018-02-10"));
    assert_eq!(resolved.id, "2018-02");
    assert_eq!(resolved.number, 43);
    assert_eq!(resolved.title.as_deref(), Some("Spécial Erasmus+"));
    assert_eq!(resolved.skip, ["arrivees-departs", "adresse-de-contact"]);
    assert_eq!(resolved.articles.len(), 2);
    let first = &resolved.articles[0];
    assert_eq!(
        (first.section.as_str(), first.title.as_str()),
        ("nouvelles-du-reseau", "Réunion CDM21 à Paris")
    );
    assert_eq!(
        first.contacts,
        [Contact {
            name: "Ludovic Collin".into(),
            email: "lcollin@reseau.com".into()
        }]
    );
    assert!(resolved.articles[1].contacts.is_empty());
    assert_eq!(script.refusals.len(), 4, "{:?}", script.refusals);
    assert!(script.refusals[0].contains("not a date"));
    assert!(script.refusals[1].contains("already exists"));
    assert!(script.refusals[2].contains("whole number"));
    assert!(
        script.refusals[3].contains("not a valid address"),
        "{}",
        script.refusals[3]
    );
}

#[test]
fn every_question_has_a_flag() {
    let args = NewArgs {
        id: Some("2018-01-bis".into()),
        date: Some(date("2018-01-20")),
        number: Some(7),
        title: Some("Titre".into()),
        skip: vec!["inscription".into()],
        articles: vec!["nouvelles-des-cdm:Action 2 : partenariats:Annie BORDIER <annie.bordier@citedesmetiers.re>".into()],
        ..args()
    };
    let mut script = Scripted::new([]);
    let resolved = run(&args, Some(&mut script)).unwrap();
    assert!(script.asked.is_empty(), "asked {:?}", script.asked);
    assert_eq!((resolved.id.as_str(), resolved.number), ("2018-01-bis", 7));
    let article = &resolved.articles[0];
    assert_eq!(article.title, "Action 2 : partenariats");
    assert_eq!(article.contacts[0].name, "Annie BORDIER");
}

#[test]
fn wrong_skips_and_articles_are_bad_usage() {
    for (skip, article) in [
        ("agenda", None),
        ("nope", None),
        ("inscription", Some("inscription:Titre")),
        ("arrivees-departs", Some("arrivees-departs:Titre")),
        ("inscription", Some("agenda:Titre")),
        ("inscription", Some("sans deux-points")),
        ("inscription", Some("nouvelles-des-cdm:  ")),
        (
            "inscription",
            Some("nouvelles-des-cdm:Titre:Annie <annie@@x.re>"),
        ),
    ] {
        let args = NewArgs {
            skip: vec![skip.into()],
            articles: article.into_iter().map(String::from).collect(),
            ..args()
        };
        assert!(
            matches!(run(&args, None), Err(Error::Usage { .. })),
            "{skip} {article:?}"
        );
    }
}
