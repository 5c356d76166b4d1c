//! What every reader of a past issue gives: its paragraphs, in order, each
//! with the line (or, for a `.docx`, the paragraph number) it came from.

/// One paragraph of the source, its inline text already in our Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Where it starts in the source, 1-based.
    pub line: usize,
    pub kind: BlockKind,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading the source marked as one (a Word heading style, `## …`).
    Heading,
    Paragraph,
    /// A list item; `ordered` for a numbered list.
    Item {
        ordered: bool,
    },
}

impl Block {
    pub fn new(line: usize, kind: BlockKind, text: impl Into<String>) -> Self {
        Block {
            line,
            kind,
            text: text.into(),
        }
    }

    /// A paragraph of one short line: what a title, a name or a date looks like.
    pub fn is_line(&self, max_words: usize) -> bool {
        !matches!(self.kind, BlockKind::Item { .. })
            && !self.text.contains('\n')
            && self.text.split_whitespace().count() <= max_words
    }

    /// Written in capitals: at least three letters, none of them lower case.
    pub fn is_capitals(&self) -> bool {
        let letters = || self.text.chars().filter(|c| c.is_alphabetic());
        letters().count() >= 3 && !letters().any(char::is_lowercase)
    }

    /// The text without Markdown's emphasis and superscript marks and link
    /// targets: what a title or a name is, as plain words.
    pub fn plain(&self) -> String {
        plain(&self.text)
    }
}

/// `text` without emphasis and superscript marks, with links as their words.
/// Linear in `text`: where the next `]` and `)` are is looked up once and
/// kept until passed, so a text of a million `[` is read once.
pub fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut next_close, mut next_paren) = (None, None);
    let mut at = 0;
    while let Some(c) = text[at..].chars().next() {
        let rest = &text[at..];
        if let Some(escaped) = rest.strip_prefix('\\').and_then(|r| r.chars().next()) {
            out.push(escaped);
            at += 1 + escaped.len_utf8();
            continue;
        }
        if c == '['
            && let Some(close) = next(&mut next_close, text, at + 1, ']')
            && text[close + 1..].starts_with('(')
            && let Some(end) = next(&mut next_paren, text, close + 2, ')')
        {
            out.push_str(&text[at + 1..close]);
            at = end + 1;
            continue;
        }
        if !(matches!(c, '*' | '^' | '{' | '}') || c == '_' && is_emphasis_underscore(&out, rest)) {
            out.push(c);
        }
        at += c.len_utf8();
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The next `c` in `text` at or after `from`, remembered in `slot`: `Some(None)`
/// once there is none left.
fn next(slot: &mut Option<Option<usize>>, text: &str, from: usize, c: char) -> Option<usize> {
    match *slot {
        Some(Some(found)) if found >= from => Some(found),
        Some(None) => None,
        _ => {
            let found = text[from..].find(c).map(|i| i + from);
            *slot = Some(found);
            found
        }
    }
}

/// An underscore that opens or closes emphasis (`_mot_`), not one inside a word (`projet_eu`).
fn is_emphasis_underscore(before: &str, rest: &str) -> bool {
    let prev = before.chars().last().is_some_and(char::is_alphanumeric);
    let next = rest[1..].chars().next().is_some_and(char::is_alphanumeric);
    !(prev && next)
}

/// Folded to compare titles: no case, no accents, letters and digits only
/// ("ARRIVEES/ DEPARTS" and "Arrivées / départs" are the same).
pub fn key(text: &str) -> String {
    crate::names::fold(text)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_words_drop_the_marks_and_keep_the_words() {
        assert_eq!(
            plain("15^{ème} Université, *le site*"),
            "15ème Université, le site"
        );
        assert_eq!(
            plain("notre [page facebook](#) et"),
            "notre page facebook et"
        );
        assert_eq!(plain("25-projet_eu.php _mot_"), "25-projet_eu.php mot");
        assert_eq!(plain(r"un \*astérisque\* \_ici"), "un *astérisque* _ici");
    }

    #[test]
    fn keys_ignore_case_accents_and_punctuation() {
        assert_eq!(key("ARRIVEES/ DEPARTS"), key("Arrivées / départs"));
        assert_eq!(key("NOUVELLES DU RESEAU"), key("Nouvelles du Réseau"));
        assert_ne!(key("Agenda"), key("Agendas"));
    }
}
