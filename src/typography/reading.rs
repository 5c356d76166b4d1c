//! Dates read back from text in the newsletter's language: the inverse of
//! [`super::dates`], for `import`. The month names and the written days
//! ("1er") are the language file's own, so a workspace in Portuguese reads
//! "19 de janeiro de 2018" as the French one reads "19 janvier 2018".

use chrono::{Datelike, NaiveDate};

use super::Language;
use crate::names::fold;

/// A date, or a range of days, read from text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateSpan {
    pub start: NaiveDate,
    /// The last day of a range; `None` for one day.
    pub end: Option<NaiveDate>,
}

/// Words that join the two ends of a range, in the embedded languages
/// ("du 24 janvier au 2 mars", "dal 3 al 5", "de 3 a 5", "3 to 5", "3 bis 5").
const RANGE_WORDS: [&str; 7] = ["au", "al", "a", "ao", "to", "bis", "until"];

/// Short words a date may carry between its parts ("19 de janeiro de 2018",
/// "le 9 novembre", "the 3rd of May"): skipped, as punctuation is.
const MAX_FILLER_LETTERS: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    /// A number, with any ordinal suffix dropped ("1er", "2^nd^").
    Number(u32),
    /// A month, 1 to 12.
    Month(u32),
    /// A dash or a range word.
    Through,
    /// Any other word: a date line holds none.
    Word,
}

/// A date as written, before the year is known.
#[derive(Debug, Clone, Copy)]
struct Written {
    day: u32,
    month: u32,
    year: Option<i32>,
}

impl Language {
    /// The date or range that is the whole of `line` ("8-9 février 2018",
    /// "31 janvier – 2 février 2018"), a year left out taken as the first
    /// that puts the date on or after `reference`.
    pub fn read_date_line(&self, line: &str, reference: NaiveDate) -> Option<DateSpan> {
        let tokens = self.date_tokens(line);
        match parse_span(&tokens)? {
            (span, used) if used == tokens.len() => resolve(span, reference),
            _ => None,
        }
    }

    /// The first date written after the word `label` in `text` ("…, date
    /// limite : 1er février"), with the byte offset where the label starts.
    pub fn read_date_after(
        &self,
        text: &str,
        label: &str,
        reference: NaiveDate,
    ) -> Option<(DateSpan, usize)> {
        let at = find_folded(text, label)?;
        let tokens = self.date_tokens(&text[at + label.len()..]);
        let (span, _) = parse_span(&tokens)?;
        Some((resolve(span, reference)?, at))
    }

    /// The first date or range written anywhere in `text` ("Numéro 42 —
    /// 15 décembre 2017").
    pub fn read_first_date(&self, text: &str, reference: NaiveDate) -> Option<DateSpan> {
        let tokens = self.date_tokens(text);
        (0..tokens.len()).find_map(|at| resolve(parse_span(&tokens[at..])?.0, reference))
    }

    fn date_tokens(&self, text: &str) -> Vec<Token> {
        let mut tokens = Vec::new();
        let mut chars = text.char_indices().peekable();
        while let Some((start, c)) = chars.next() {
            if c.is_ascii_digit() {
                let mut end = start + c.len_utf8();
                while let Some(&(i, d)) = chars.peek().filter(|(_, d)| d.is_ascii_digit()) {
                    end = i + d.len_utf8();
                    chars.next();
                }
                // Over nine digits is no day or year: a word, not an overflow.
                match text[start..end].parse() {
                    Ok(n) => tokens.push(Token::Number(n)),
                    Err(_) => tokens.push(Token::Word),
                }
            } else if c.is_alphabetic() {
                let mut end = start + c.len_utf8();
                while let Some(&(i, l)) = chars.peek().filter(|(_, l)| l.is_alphabetic()) {
                    end = i + l.len_utf8();
                    chars.next();
                }
                let word = &text[start..end];
                let after_number = matches!(tokens.last(), Some(Token::Number(_)));
                if let Some(token) = self.word_token(word, after_number) {
                    tokens.push(token);
                }
            } else if matches!(c, '-' | '–' | '—' | '‑' | '‐') {
                tokens.push(Token::Through);
            }
        }
        tokens
    }

    /// What a word is in a date; `None` for a word that is skipped.
    fn word_token(&self, word: &str, after_number: bool) -> Option<Token> {
        let folded = fold(word);
        if let Some(month) = self.months.iter().position(|m| fold(m) == folded) {
            return Some(Token::Month(month as u32 + 1));
        }
        let is_suffix = self.typo.ordinals.iter().any(|o| fold(o) == folded)
            || self.days.values().any(|d| fold(d).ends_with(&folded));
        if after_number && is_suffix {
            return None;
        }
        if RANGE_WORDS.contains(&folded.as_str()) {
            return Some(Token::Through);
        }
        (folded.chars().count() > MAX_FILLER_LETTERS).then_some(Token::Word)
    }
}

/// Reads a date or range at the start of `tokens`: day [– day] month [year],
/// day month [year] – day month [year], or month day [– day] [year]. Gives
/// the ends and how many tokens they took.
fn parse_span(tokens: &[Token]) -> Option<((Written, Option<Written>), usize)> {
    use Token::{Month, Number, Through};
    let day = |n: u32| (1..=31).contains(&n);
    let (first, mut used) = match tokens {
        [Number(d1), Through, Number(d2), Month(m), ..]
        | [Month(m), Number(d1), Through, Number(d2), ..]
            if day(*d1) && day(*d2) =>
        {
            // Two days of one month ("8-9 février", "February 8–9").
            let (year, n) = year_at(&tokens[4..]);
            let on = |day: u32| Written {
                day,
                month: *m,
                year,
            };
            return Some(((on(*d1), Some(on(*d2))), 4 + n));
        }
        [Number(d), Month(m), ..] | [Month(m), Number(d), ..] if day(*d) => {
            let (year, n) = year_at(&tokens[2..]);
            (
                Written {
                    day: *d,
                    month: *m,
                    year,
                },
                2 + n,
            )
        }
        _ => return None,
    };
    let end = match &tokens[used..] {
        [Through, rest @ ..] => match parse_span(rest) {
            Some(((end, None), n)) => {
                used += 1 + n;
                Some(end)
            }
            _ => None,
        },
        _ => None,
    };
    Some(((first, end), used))
}

/// A year at the start of `tokens`, and how many tokens it took.
fn year_at(tokens: &[Token]) -> (Option<i32>, usize) {
    match tokens.first() {
        Some(Token::Number(y)) if (1000..=9999).contains(y) => (Some(*y as i32), 1),
        _ => (None, 0),
    }
}

/// The real dates of a written span: an end's year serves the start too (the
/// year before when the start's month comes later), and a span with no year
/// at all takes the first year that puts it on or after `reference`.
fn resolve((start, end): (Written, Option<Written>), reference: NaiveDate) -> Option<DateSpan> {
    let year = start
        .year
        .or_else(|| end.and_then(|e| e.year))
        .map(|y| match end {
            Some(e) if start.year.is_none() && start.month > e.month => y - 1,
            _ => y,
        })
        .or_else(|| {
            let this_year = NaiveDate::from_ymd_opt(reference.year(), start.month, start.day)?;
            Some(reference.year() + i32::from(this_year < reference))
        })?;
    let first = NaiveDate::from_ymd_opt(year, start.month, start.day)?;
    let last = match end {
        None => None,
        Some(e) => {
            let end_year = e.year.unwrap_or(year + i32::from(e.month < start.month));
            Some(NaiveDate::from_ymd_opt(end_year, e.month, e.day)?).filter(|d| *d > first)
        }
    };
    if end.is_some() && last.is_none() {
        return None;
    }
    Some(DateSpan {
        start: first,
        end: last,
    })
}

/// Where `needle` starts in `text`, case and accents ignored; a byte offset
/// into `text`, on a character boundary.
pub fn find_folded(text: &str, needle: &str) -> Option<usize> {
    let needle = fold(needle);
    if needle.is_empty() {
        return None;
    }
    // Folding drops marks and spells some letters out: a window of twice the
    // needle's length always holds a match, and keeps the search linear.
    let window = 2 * needle.chars().count() + 8;
    text.char_indices().map(|(i, _)| i).find(|&i| {
        let end = text[i..]
            .char_indices()
            .nth(window)
            .map_or(text.len(), |(n, _)| i + n);
        fold(&text[i..end]).starts_with(&needle)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::typography::language;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn span(start: NaiveDate, end: Option<NaiveDate>) -> Option<DateSpan> {
        Some(DateSpan { start, end })
    }

    #[test]
    fn the_seeds_agenda_lines_read_as_their_dates() {
        let fr = language("fr");
        let issue = d(2017, 12, 15);
        // The seed's own date lines, and what issues/2017-12/agenda.toml holds for them.
        let cases = [
            ("19 janvier 2018", span(d(2018, 1, 19), None)),
            ("7 février 2018", span(d(2018, 2, 7), None)),
            ("8-9 février 2018", span(d(2018, 2, 8), Some(d(2018, 2, 9)))),
            (
                "31 janvier – 2 février 2018",
                span(d(2018, 1, 31), Some(d(2018, 2, 2))),
            ),
            (
                "21-22 février 2018",
                span(d(2018, 2, 21), Some(d(2018, 2, 22))),
            ),
        ];
        for (line, expected) in cases {
            assert_eq!(fr.read_date_line(line, issue), expected, "{line}");
        }
    }

    #[test]
    fn a_line_with_other_words_is_no_date_line() {
        let fr = language("fr");
        let issue = d(2017, 12, 15);
        for line in [
            "Réunion CDM21, Paris La Villette",
            "Le 16 novembre s'est tenu un Job Dating",
            "19 janvier 2018 à Paris",
            "32 janvier 2018",
            "2018",
            "",
        ] {
            assert_eq!(fr.read_date_line(line, issue), None, "{line}");
        }
    }

    #[test]
    fn a_deadline_without_a_year_is_the_next_one_after_the_issue() {
        let fr = language("fr");
        let issue = d(2017, 12, 15);
        let text = "Action 1 - mobilité, date limite : 1^{er} février";
        let (found, at) = fr.read_date_after(text, "Date limite", issue).unwrap();
        assert_eq!(
            found,
            DateSpan {
                start: d(2018, 2, 1),
                end: None
            }
        );
        assert_eq!(&text[at..at + 5], "date ");
        let text = "Date limite : 28 février 2018.";
        assert_eq!(
            fr.read_date_after(text, "date limite", issue)
                .unwrap()
                .0
                .start,
            d(2018, 2, 28)
        );
        assert_eq!(fr.read_date_after("sans date", "date limite", issue), None);
        assert_eq!(
            fr.read_first_date("InfoLettre n° 42 — 15 décembre 2017", issue),
            span(d(2017, 12, 15), None)
        );
    }

    #[test]
    fn other_languages_read_with_their_own_months_and_words() {
        let issue = d(2018, 1, 1);
        assert_eq!(
            language("pt").read_date_line("19 de janeiro de 2018", issue),
            span(d(2018, 1, 19), None)
        );
        assert_eq!(
            language("en").read_date_line("February 8–9, 2018", issue),
            span(d(2018, 2, 8), Some(d(2018, 2, 9)))
        );
        assert_eq!(
            language("de").read_date_line("19. Januar 2018", issue),
            span(d(2018, 1, 19), None)
        );
        assert_eq!(
            language("es").read_date_line("del 30 de diciembre al 2 de enero de 2018", issue),
            span(d(2017, 12, 30), Some(d(2018, 1, 2)))
        );
    }
}
