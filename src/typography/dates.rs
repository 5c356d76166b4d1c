//! Dates and date ranges written out from a language's patterns.

use chrono::{Datelike, NaiveDate};

use super::{Language, LanguageError};

/// A date pattern, split once into literal text and placeholders.
#[derive(Debug, Clone)]
pub(super) struct Template(Vec<Piece>);

#[derive(Debug, Clone)]
enum Piece {
    Literal(String),
    Field(Field),
}

#[derive(Debug, Clone, Copy)]
enum Field {
    Day,
    Month,
    Year,
    EndDay,
    EndMonth,
    EndYear,
}

impl Template {
    /// Parses `{day} {month} {year}`; the `end_` placeholders only when `range`.
    pub(super) fn parse(pattern: &str, range: bool) -> Result<Self, LanguageError> {
        let mut pieces = Vec::new();
        let mut rest = pattern;
        while let Some(open) = rest.find('{') {
            if open > 0 {
                pieces.push(Piece::Literal(rest[..open].to_owned()));
            }
            let unknown = |name: &str| LanguageError::Placeholder {
                pattern: pattern.to_owned(),
                placeholder: name.to_owned(),
            };
            let close = rest[open..]
                .find('}')
                .ok_or_else(|| unknown(&rest[open + 1..]))?
                + open;
            let name = &rest[open + 1..close];
            let field = match name {
                "day" => Field::Day,
                "month" => Field::Month,
                "year" => Field::Year,
                "end_day" if range => Field::EndDay,
                "end_month" if range => Field::EndMonth,
                "end_year" if range => Field::EndYear,
                _ => return Err(unknown(name)),
            };
            pieces.push(Piece::Field(field));
            rest = &rest[close + 1..];
        }
        if !rest.is_empty() {
            pieces.push(Piece::Literal(rest.to_owned()));
        }
        Ok(Self(pieces))
    }

    fn render(&self, lang: &Language, start: NaiveDate, end: NaiveDate) -> String {
        let mut out = String::new();
        for piece in &self.0 {
            match piece {
                Piece::Literal(text) => out.push_str(text),
                Piece::Field(Field::Day) => out.push_str(&lang.day(start)),
                Piece::Field(Field::Month) => out.push_str(lang.month(start)),
                Piece::Field(Field::Year) => out.push_str(&start.year().to_string()),
                Piece::Field(Field::EndDay) => out.push_str(&lang.day(end)),
                Piece::Field(Field::EndMonth) => out.push_str(lang.month(end)),
                Piece::Field(Field::EndYear) => out.push_str(&end.year().to_string()),
            }
        }
        out
    }
}

impl Language {
    fn day(&self, d: NaiveDate) -> String {
        self.days
            .get(&d.day())
            .cloned()
            .unwrap_or_else(|| d.day().to_string())
    }

    fn month(&self, d: NaiveDate) -> &str {
        // `from_toml` guarantees twelve names; chrono's month is 1 to 12.
        &self.months[d.month0() as usize]
    }

    /// A date in words: "15 décembre 2017", "1er février 2018", "2 February 2026".
    pub fn date(&self, d: NaiveDate) -> String {
        self.date.render(self, d, d)
    }

    /// A date or a range joined by an en dash, sharing what the two ends share:
    /// "8–9 février 2018", "31 janvier – 2 février 2018"; no end or the same day
    /// gives the single date.
    pub fn date_range(&self, start: NaiveDate, end: Option<NaiveDate>) -> String {
        let Some(end) = end.filter(|&end| end != start) else {
            return self.date(start);
        };
        // An end before the start is reported by `check` (invalid-date); here
        // it is only written out as given.
        let template = if (start.year(), start.month()) == (end.year(), end.month()) {
            &self.same_month
        } else if start.year() == end.year() {
            &self.same_year
        } else {
            &self.range
        };
        template.render(self, start, end)
    }
}

#[cfg(test)]
mod tests {
    use super::super::language;
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn french_dates_of_the_seed() {
        let fr = language("fr");
        assert_eq!(fr.date(d(2017, 12, 15)), "15 décembre 2017");
        assert_eq!(fr.date(d(2018, 1, 19)), "19 janvier 2018");
        assert_eq!(fr.date(d(2018, 2, 1)), "1er février 2018");
        assert_eq!(fr.date(d(2018, 8, 2)), "2 août 2018");
    }

    #[test]
    fn french_ranges_of_the_seed() {
        let fr = language("fr");
        assert_eq!(
            fr.date_range(d(2018, 2, 8), Some(d(2018, 2, 9))),
            "8–9 février 2018"
        );
        assert_eq!(
            fr.date_range(d(2018, 2, 21), Some(d(2018, 2, 22))),
            "21–22 février 2018"
        );
        assert_eq!(
            fr.date_range(d(2018, 1, 31), Some(d(2018, 2, 2))),
            "31 janvier – 2 février 2018"
        );
        assert_eq!(
            fr.date_range(d(2017, 12, 30), Some(d(2018, 1, 2))),
            "30 décembre 2017 – 2 janvier 2018"
        );
        assert_eq!(
            fr.date_range(d(2018, 3, 1), Some(d(2018, 3, 3))),
            "1er–3 mars 2018"
        );
    }

    #[test]
    fn a_range_of_one_day_is_a_date() {
        let fr = language("fr");
        assert_eq!(fr.date_range(d(2018, 1, 19), None), "19 janvier 2018");
        assert_eq!(
            fr.date_range(d(2018, 1, 19), Some(d(2018, 1, 19))),
            "19 janvier 2018"
        );
    }

    #[test]
    fn english_is_british_day_month_year() {
        let en = language("en-GB");
        assert_eq!(en.date(d(2026, 2, 2)), "2 February 2026");
        assert_eq!(en.date(d(2018, 2, 1)), "1 February 2018");
        assert_eq!(
            en.date_range(d(2018, 2, 8), Some(d(2018, 2, 9))),
            "8–9 February 2018"
        );
        assert_eq!(
            en.date_range(d(2026, 1, 31), Some(d(2026, 2, 2))),
            "31 January – 2 February 2026"
        );
        assert_eq!(
            en.date_range(d(2017, 12, 30), Some(d(2018, 1, 2))),
            "30 December 2017 – 2 January 2018"
        );
    }

    #[test]
    fn other_languages() {
        let day = d(2017, 12, 15);
        assert_eq!(language("pt").date(day), "15 de dezembro de 2017");
        assert_eq!(language("es").date(day), "15 de diciembre de 2017");
        assert_eq!(language("it").date(day), "15 dicembre 2017");
        assert_eq!(language("de").date(day), "15. Dezember 2017");
        assert_eq!(language("it").date(d(2018, 5, 1)), "1º maggio 2018");
        assert_eq!(language("es").date(d(2018, 1, 1)), "1 de enero de 2018");
        assert_eq!(
            language("de").date_range(d(2018, 2, 8), Some(d(2018, 2, 9))),
            "8.–9. Februar 2018"
        );
        assert_eq!(
            language("de").date_range(d(2018, 1, 31), Some(d(2018, 2, 2))),
            "31. Januar – 2. Februar 2018"
        );
        assert_eq!(
            language("pt").date_range(d(2018, 1, 31), Some(d(2018, 2, 2))),
            "31 de janeiro – 2 de fevereiro de 2018"
        );
        assert_eq!(
            language("es").date_range(d(2018, 2, 21), Some(d(2018, 2, 22))),
            "21–22 de febrero de 2018"
        );
    }

    #[test]
    fn every_language_writes_every_month() {
        for (_, text) in super::super::EMBEDDED {
            let lang = Language::from_toml(text).unwrap();
            for m in 1..=12 {
                let s = lang.date(d(2020, m, 10));
                assert!(s.contains("10") && s.contains("2020"), "{s}");
            }
        }
    }
}
