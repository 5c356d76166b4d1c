//! Examples from the seed InfoLettre (December 2017), the edge cases that must
//! stay untouched, and properties over arbitrary strings.

use proptest::prelude::*;

use super::super::language;

const NB: char = '\u{a0}';
const NN: char = '\u{202f}';

fn fr(s: &str) -> String {
    language("fr").text(s)
}

fn en(s: &str) -> String {
    language("en").text(s)
}

#[test]
fn french_spaces_before_high_punctuation() {
    assert_eq!(
        fr("Bravo à nos équipes !"),
        format!("Bravo à nos équipes{NN}!")
    );
    assert_eq!(
        fr("Bravo à nos équipes!"),
        format!("Bravo à nos équipes{NN}!")
    );
    assert_eq!(
        fr("Quels sont mes besoins ? Quels sont mes savoirs faire ?"),
        format!("Quels sont mes besoins{NN}? Quels sont mes savoirs faire{NN}?")
    );
    assert_eq!(
        fr("rompre la solitude de l'entrepreneur ;"),
        format!("rompre la solitude de l’entrepreneur{NN};")
    );
    assert_eq!(fr("Quoi?!"), format!("Quoi{NN}?!"));
    assert_eq!(fr("Quoi ?!"), format!("Quoi{NN}?!"));
}

#[test]
fn french_colon_takes_a_full_no_break_space() {
    assert_eq!(fr("Contact :"), format!("Contact{NB}:"));
    assert_eq!(fr("Contact:"), format!("Contact{NB}:"));
    assert_eq!(
        fr("Action 2 : partenariats stratégiques"),
        format!("Action 2{NB}: partenariats stratégiques")
    );
    assert_eq!(
        fr("sur le site du Réseau :"),
        format!("sur le site du Réseau{NB}:")
    );
}

#[test]
fn wrong_or_repeated_spaces_become_the_right_one() {
    assert_eq!(fr(&format!("Contact{NN}:")), format!("Contact{NB}:"));
    assert_eq!(fr(&format!("Bravo{NB}!")), format!("Bravo{NN}!"));
    assert_eq!(fr("Bravo  \t!"), format!("Bravo{NN}!"));
    // A mark at the start of a line keeps its line.
    assert_eq!(fr("Bravo\n! x"), "Bravo\n! x");
}

#[test]
fn french_guillemets_take_narrow_spaces_inside() {
    assert_eq!(
        fr("Conférence « Innovation et qualité de l'emploi » organisée"),
        format!("Conférence «{NN}Innovation et qualité de l’emploi{NN}» organisée")
    );
    assert_eq!(
        fr("sur son pôle «rechercher un emploi»."),
        format!("sur son pôle «{NN}rechercher un emploi{NN}».")
    );
    let correct = format!("«{NN}Innovation{NN}»");
    assert_eq!(fr(&correct), correct);
    assert_eq!(fr("«Contact:»"), format!("«{NN}Contact{NB}:{NN}»"));
}

#[test]
fn straight_quotes_become_the_language_s_quotes() {
    assert_eq!(
        fr("\"TROUVE TA PLACE\", UN PROGRAMME"),
        format!("«{NN}TROUVE TA PLACE{NN}», UN PROGRAMME")
    );
    assert_eq!(
        fr("le programme \"Trouve ta place\" et"),
        format!("le programme «{NN}Trouve ta place{NN}» et")
    );
    assert_eq!(
        fr("« il a dit \"oui\" »"),
        format!("«{NN}il a dit “oui”{NN}»")
    );
    assert_eq!(
        en("the \"Find your place\" programme"),
        "the “Find your place” programme"
    );
    assert_eq!(en("\"a 'so-called' reform\""), "“a ‘so-called’ reform”");
    assert_eq!(
        language("de").text("\"Hallo\" und 'Tschüss'"),
        "„Hallo“ und ‚Tschüss‘"
    );
    assert_eq!(language("es").text("\"Hola\""), "«Hola»");
    // Between two spaces a quote opens nothing: left as typed.
    assert_eq!(fr("a \" b"), "a \" b");
}

#[test]
fn apostrophes_are_curly() {
    assert_eq!(fr("l'équipe d'Effervescence"), "l’équipe d’Effervescence");
    assert_eq!(
        en("Don't lose the members' books"),
        "Don’t lose the members’ books"
    );
    assert_eq!(en("the '90s"), "the ’90s");
}

#[test]
fn english_has_no_spacing() {
    assert_eq!(
        en("Contact: Ludovic! Why? Now;"),
        "Contact: Ludovic! Why? Now;"
    );
    assert_eq!(en("Bravo !"), "Bravo !");
    assert_eq!(en("« Innovation »"), "« Innovation »");
}

#[test]
fn what_is_not_prose_is_untouched() {
    for s in [
        "Cher.e.s membres et partenaires du Réseau,",
        "7 conseiller.e.s débutant.e.s.",
        "Cette donation de 5000€ permettra",
        "continue (OFPC).",
        "soit un repli de 3 % (+ 5%).",
        "Erasmus + COCADE",
        "www.site.fr/a:b",
        "mailto:",
        "mailto: a@b.fr",
        "mailto:a@b.fr?subject=Oui!&x=1",
        "http://x",
        "https://example.com/a?b=1;c=2#d!e",
        "http://www.citedesmetiers.re/index.php/evenements/details/841",
        "citedesmetiers.re/index.php?x=1",
        "annie.bordier@citedesmetiers.re",
        "o'brien@example.net",
        // Schemes and domains in capitals, accented addresses: whatever the
        // case, and next to accented words.
        "HTTPS://Example.COM/l'a?b=1;c=2",
        "MAILTO:o'brien@example.net",
        "WWW.SITE.FR/a:b",
        "Site.FR/l'été",
        "josé.o'neil@exemple.fr",
        "Écrire à josé.o'neil@exemple.fr",
        "été:http://x.fr/l'a",
        "10:55",
        "à 10h55",
        "un format 3:2",
        "std::io::Result",
        "`a : b ; \"c\" l'd`",
        "a?b",
    ] {
        assert_eq!(fr(s), s, "{s:?}");
    }
}

#[test]
fn prose_around_addresses_still_gets_its_spaces() {
    assert_eq!(
        fr("sur notre site internet: http://www.reseaucitesdesmetiers.com/25-projet_eu.php"),
        format!(
            "sur notre site internet{NB}: http://www.reseaucitesdesmetiers.com/25-projet_eu.php"
        )
    );
    assert_eq!(fr("Voir www.site.fr!"), format!("Voir www.site.fr{NN}!"));
    assert_eq!(
        fr("Voir http://x.fr/a?b=1 !"),
        format!("Voir http://x.fr/a?b=1{NN}!")
    );
    assert_eq!(fr("à 10:55 !"), format!("à 10:55{NN}!"));
    assert_eq!(fr("Écrire à a@b.fr !"), format!("Écrire à a@b.fr{NN}!"));
    assert_eq!(fr("(voir http://x.fr/a)."), "(voir http://x.fr/a).");
    assert_eq!(fr("\"http://x.fr\""), format!("«{NN}http://x.fr{NN}»"));
}

#[test]
fn seed_paragraphs_are_stable_under_a_second_pass() {
    let samples = [
        "Un projet « de développement d'une offre de services en médiation numérique » va démarrer. Bravo à nos équipes !",
        "Du 24 janvier au 2 mars 2018, une vingtaine de jeunes intégrera le programme \"Trouve ta place\" et bénéficiera d'une série d'ateliers collectifs liés à l'insertion : la confiance en soi, etc. Rien n'est laissé au hasard ! En ligne de mire : le Printemps de l'apprentissage",
        "Retrouvez les photos sur notre page facebook et plus d'informations sur le projet sur notre site internet: http://www.reseaucitesdesmetiers.com/25-projet_eu.php",
        "La Commission européenne a également lancé un appel à projets : «Action clé 2 – Alliances sectorielles pour les compétences». Date limite : 28 février 2018.",
        "L'adresse e-mail de contact est : delegationexecutive@citedesmetiers.fr",
    ];
    for lang in ["fr", "en", "de", "es", "it", "pt"] {
        let lang = language(lang);
        for s in samples {
            let once = lang.text(s);
            assert_eq!(lang.text(&once), once, "{}: {s:?}", lang.code());
        }
    }
}

/// The characters that typography may change: whitespace and quotes.
fn words(s: &str) -> String {
    const QUOTES: &str = "\"'«»“”‘’„‚‹›";
    s.chars()
        .filter(|c| !c.is_whitespace() && !QUOTES.contains(*c))
        .collect()
}

/// Strings made of the pieces that the rules react to.
fn tricky() -> impl Strategy<Value = String> {
    let pieces = [
        "http://", "www.", "a@b.fr", "mailto:", "x.fr/", " ", "  ", ":", "::", "!", "?", ";", "«",
        "»", "\"", "'", "’", "10:55", "Bravo", "l", "`", "1er", "2e", "\u{a0}", "\u{202f}", "(",
        ")", ".", ",", "\n", "\t", "-", "/", "é", "3", "“", "”", "‘", "„", "?!", "@", "#", "%",
    ];
    prop::collection::vec(prop::sample::select(pieces.to_vec()), 0..24).prop_map(|v| v.concat())
}

fn languages() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["fr", "en", "de", "es", "it", "pt"])
}

proptest! {
    #[test]
    fn text_is_idempotent_and_keeps_every_word_on_any_string(s in any::<String>(), code in languages()) {
        let lang = language(code);
        let once = lang.text(&s);
        prop_assert_eq!(lang.text(&once), once.clone());
        prop_assert_eq!(words(&once), words(&s));
    }

    #[test]
    fn text_is_idempotent_and_keeps_every_word_on_tricky_strings(s in tricky(), code in languages()) {
        let lang = language(code);
        let once = lang.text(&s);
        prop_assert_eq!(lang.text(&once), once.clone(), "input {:?}", s);
        prop_assert_eq!(words(&once), words(&s));
    }
}
