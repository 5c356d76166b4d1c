//! Titles in capitals set in the case, and with the accents, that the issue
//! itself writes their words with: "REUNION CDM21" becomes "Réunion CDM21"
//! because the text says "La Réunion" and "réunion". A word the text never
//! writes otherwise stays as it is: a guess would be silently wrong.

use std::collections::HashMap;

use super::blocks::Block;
use crate::names::fold;

/// For each word (folded), the spelling the text uses most.
pub struct Casebook(HashMap<String, String>);

impl Casebook {
    /// Learns the spellings of every block not written in capitals.
    pub fn learn(blocks: &[Block]) -> Self {
        let mut counts: HashMap<String, HashMap<&str, usize>> = HashMap::new();
        for block in blocks.iter().filter(|b| !b.is_capitals()) {
            for word in words(&block.text) {
                *counts
                    .entry(fold(word))
                    .or_default()
                    .entry(word)
                    .or_default() += 1;
            }
        }
        let best = counts
            .into_iter()
            .filter_map(|(folded, spellings)| {
                let (spelling, _) = spellings
                    .into_iter()
                    .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)))?;
                Some((folded, spelling.to_owned()))
            })
            .collect();
        Casebook(best)
    }

    /// `title` in the text's own case when it is written in capitals; any
    /// other title as it is.
    pub fn title(&self, title: &str) -> String {
        let letters = || title.chars().filter(|c| c.is_alphabetic());
        if letters().count() < 3 || letters().any(char::is_lowercase) {
            return title.to_owned();
        }
        let mut out = String::with_capacity(title.len());
        let mut rest = title;
        while let Some(start) = rest.find(|c: char| c.is_alphanumeric()) {
            out.push_str(&rest[..start]);
            let word_len = rest[start..]
                .find(|c: char| !c.is_alphanumeric())
                .unwrap_or(rest.len() - start);
            let word = &rest[start..start + word_len];
            out.push_str(&self.spelling(word));
            rest = &rest[start + word_len..];
        }
        out.push_str(rest);
        capitalise_first(&out)
    }

    fn spelling(&self, word: &str) -> String {
        if word.chars().any(|c| c.is_ascii_digit()) {
            return word.to_owned();
        }
        match self.0.get(&fold(word)) {
            Some(spelling) => spelling.clone(),
            None => word.to_owned(),
        }
    }
}

/// The words of `text`: runs of letters and digits, addresses left out
/// (an address writes a name in lower case: "citedesmetiers-namur.be").
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split_whitespace()
        .filter(|t| !(t.contains('@') || t.contains("://") || t.starts_with("www.")))
        .flat_map(|t| t.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
}

fn capitalise_first(text: &str) -> String {
    match text.char_indices().find(|(_, c)| c.is_alphabetic()) {
        Some((at, c)) => format!(
            "{}{}{}",
            &text[..at],
            c.to_uppercase(),
            &text[at + c.len_utf8()..]
        ),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::blocks::BlockKind;

    #[test]
    fn a_title_in_capitals_takes_the_texts_spelling_and_keeps_unknown_words() {
        let text = Block::new(
            1,
            BlockKind::Paragraph,
            "La Cité des métiers de La Réunion organise la deuxième édition du Forum ; la réunion, la réunion.",
        );
        let book = Casebook::learn(&[text]);
        assert_eq!(
            book.title("DEUXIEME EDITION DU FORUM A LA CITE DES METIERS DE LA REUNION"),
            "Deuxième édition du Forum A la Cité des métiers de la réunion"
        );
        assert_eq!(book.title("REUNION CDM21"), "Réunion CDM21");
        assert_eq!(
            book.title("Cité des métiers du Grand Genève"),
            "Cité des métiers du Grand Genève"
        );
    }
}
