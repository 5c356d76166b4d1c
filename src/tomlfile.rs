//! TOML files and front matter, parsed with positions. Every key is checked
//! against a schema first, so that each unknown key is reported (not only
//! the first one), then the typed value is read with serde.

use std::fmt;

use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diag::{Code, Diagnostic};
use crate::source::{SourceFile, Span};

/// The keys a TOML table may hold.
pub type Schema = &'static [Field];

/// One known key and the shape of its value.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub shape: Shape,
}

/// What a known key holds, as far as key checking is concerned.
#[derive(Debug, Clone, Copy)]
pub enum Shape {
    /// A scalar, or an array of scalars.
    Value,
    /// A table whose keys follow a schema.
    Table(Schema),
    /// An array of tables (or inline tables) whose keys follow a schema.
    Tables(Schema),
}

/// A key holding a scalar or an array of scalars.
pub const fn value(name: &'static str) -> Field {
    Field {
        name,
        shape: Shape::Value,
    }
}

/// A key holding a table.
pub const fn table(name: &'static str, schema: Schema) -> Field {
    Field {
        name,
        shape: Shape::Table(schema),
    }
}

/// A key holding an array of tables.
pub const fn tables(name: &'static str, schema: Schema) -> Field {
    Field {
        name,
        shape: Shape::Tables(schema),
    }
}

/// Parses the TOML at `range` of `file` as a `T`, pushing every problem to
/// `diags`. Spans inside `T` are byte offsets of the whole file.
///
/// `what` names the format in messages ("front matter", "issue.toml").
pub fn parse<T: DeserializeOwned>(
    file: &SourceFile,
    range: Span,
    schema: Schema,
    what: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<T> {
    let masked = mask_outside(file.text(), &range);
    let errors = match parse_text(file, (&masked, &range), schema, what, diags) {
        Ok(value) => return value,
        Err(errors) => errors,
    };
    // A day that does not exist (`date = 2027-02-30`) is a syntax error to
    // the TOML parser, which would hide the rest of the file. Read again
    // with each such date as a placeholder number of the same length, so
    // everything else is still checked; the date itself becomes a
    // `DateValue` that is no day, reported by whoever resolves it.
    let impossible: Vec<(Span, String)> = errors
        .iter()
        .filter_map(|e| impossible_date_at(file.text(), clamp(e.span(), &range)))
        .map(|(date, span)| (span, date.to_owned()))
        .collect();
    if impossible.len() == errors.len() {
        let mut rewritten = masked.clone();
        for (span, _) in &impossible {
            rewritten.replace_range(span.clone(), PLACEHOLDER_DATE);
        }
        let dates = impossible
            .into_iter()
            .map(|(span, date)| (span.start, date))
            .collect();
        IMPOSSIBLE_DATES.with(|cell| *cell.borrow_mut() = dates);
        let result = parse_text(file, (&rewritten, &range), schema, what, diags);
        IMPOSSIBLE_DATES.with(|cell| cell.borrow_mut().clear());
        if let Ok(value) = result {
            return value;
        }
    }
    diags.extend(errors.iter().map(|e| syntax_error(file, &range, e)));
    None
}

/// What stands for an impossible date while a file is read again: a TOML
/// integer as long as a date (`YYYY-MM-DD` is ten bytes).
const PLACEHOLDER_DATE: &str = "1000000000";

thread_local! {
    /// The impossible dates of the file being read again, by byte offset:
    /// what a placeholder there was written as.
    static IMPOSSIBLE_DATES: std::cell::RefCell<std::collections::HashMap<usize, String>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

/// Reads `text` (the file with everything outside the range blanked): the
/// parser's errors, or the value with the key findings pushed.
fn parse_text<T: DeserializeOwned>(
    file: &SourceFile,
    (text, range): (&str, &Span),
    schema: Schema,
    what: &str,
    diags: &mut Vec<Diagnostic>,
) -> Result<Option<T>, Vec<toml::de::Error>> {
    let (mut table, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        return Err(errors);
    }
    let before = diags.len();
    check_keys(file, table.get_ref(), schema, what, diags);
    let unknown_keys = diags.len() > before;
    diags[before..].sort_by_key(|d| d.span.as_ref().map(|s| s.start));
    // Unknown keys are reported, then read as the known key each was most
    // likely meant to be (`tilte` as `title`, when the file has no `title`),
    // or ignored: the rest of the file is still read and checked, so a
    // misspelt key hides no other finding, and is not reported twice as the
    // required key it misses.
    if unknown_keys {
        adopt_misspellings(table.get_mut(), schema);
    }
    match T::deserialize(toml::de::Deserializer::from(table)) {
        Ok(value) => Ok(Some(value)),
        Err(error) => {
            diags.push(type_error(file, range, &error, what));
            Ok(None)
        }
    }
}

/// Renames each key that `schema` does not know to the known key it is
/// closest to, when the table lacks that one, in nested tables too.
fn adopt_misspellings(table: &mut DeTable<'_>, schema: Schema) {
    let unknown: Vec<String> = table
        .keys()
        .map(|k| k.get_ref().to_string())
        .filter(|name| !schema.iter().any(|f| f.name == name))
        .collect();
    for name in unknown {
        let Some(meant) = closest_key(&name, schema) else {
            continue;
        };
        if table.keys().any(|k| k.get_ref() == meant) {
            continue;
        }
        if let Some((key, value)) = table.remove_entry(name.as_str()) {
            let key = Spanned::new(key.span(), std::borrow::Cow::Borrowed(meant));
            table.insert(key, value);
        }
    }
    for field in schema {
        let Some(value) = table.get_mut(field.name) else {
            continue;
        };
        match (field.shape, value.get_mut()) {
            (Shape::Table(inner) | Shape::Tables(inner), DeValue::Table(t)) => {
                adopt_misspellings(t, inner)
            }
            (Shape::Tables(inner), DeValue::Array(items)) => {
                for item in items.iter_mut() {
                    if let DeValue::Table(t) = item.get_mut() {
                        adopt_misspellings(t, inner);
                    }
                }
            }
            _ => {}
        }
    }
}

/// The known key a mistyped one was most likely meant to be.
fn closest_key(name: &str, schema: Schema) -> Option<&'static str> {
    schema
        .iter()
        .map(|f| (strsim::jaro_winkler(f.name, name), f.name))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, name)| name)
}

/// Blanks every byte outside `range` (keeping line ends) so that the parser's
/// offsets are those of the whole file.
fn mask_outside(text: &str, range: &Span) -> String {
    if *range == (0..text.len()) {
        return text.to_owned();
    }
    let blank = |b: u8| if b == b'\n' { '\n' } else { ' ' };
    let mut out = String::with_capacity(text.len());
    out.extend(text.as_bytes()[..range.start].iter().map(|&b| blank(b)));
    out.push_str(&text[range.clone()]);
    out.extend(text.as_bytes()[range.end..].iter().map(|&b| blank(b)));
    out
}

fn clamp(span: Option<Span>, range: &Span) -> Span {
    let span = span.unwrap_or(range.start..range.start);
    let start = span.start.clamp(range.start, range.end);
    start..span.end.clamp(start, range.end)
}

fn syntax_error(file: &SourceFile, range: &Span, error: &toml::de::Error) -> Diagnostic {
    let span = clamp(error.span(), range);
    if let Some((date, span)) = impossible_date_at(file.text(), span.clone()) {
        return Diagnostic::at(
            Code::InvalidDate,
            file,
            span,
            format!("{date} is not a date of the calendar"),
        )
        .with_help("check the day and the month (YYYY-MM-DD)");
    }
    let message = first_line(error.message());
    Diagnostic::at(Code::TomlSyntax, file, span, message)
}

/// A TOML date that the parser refused because no such day exists
/// (2027-02-30): that is an `invalid-date`, not a syntax error.
fn impossible_date_at(text: &str, span: Span) -> Option<(&str, Span)> {
    let bytes = text.as_bytes();
    let is_date_byte = |b: u8| b.is_ascii_digit() || b == b'-';
    let mut start = span.start.min(text.len());
    while start > 0 && is_date_byte(bytes[start - 1]) {
        start -= 1;
    }
    let mut end = start;
    while end < text.len() && is_date_byte(bytes[end]) {
        end += 1;
    }
    let token = &text[start..end];
    (is_date_shaped(token) && NaiveDate::parse_from_str(token, "%Y-%m-%d").is_err())
        .then_some((token, start..end))
}

/// Whether `text` is written as a date, `YYYY-MM-DD`, whether or not that
/// day exists.
fn is_date_shaped(text: &str) -> bool {
    text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        })
}

fn type_error(file: &SourceFile, range: &Span, error: &toml::de::Error, what: &str) -> Diagnostic {
    let message = first_line(error.message());
    if let Some(field) = message.strip_prefix("missing field ") {
        let span = range.start..range.start;
        return Diagnostic::at(
            Code::FrontMatter,
            file,
            span,
            format!("{what} lacks the required key {field}"),
        )
        .with_help(format!("add {} = ...", field.trim_matches('`')));
    }
    let code = if message.contains("date") {
        Code::InvalidDate
    } else {
        Code::TomlSyntax
    };
    Diagnostic::at(code, file, clamp(error.span(), range), message)
}

fn first_line(message: &str) -> String {
    message.trim().lines().next().unwrap_or("").to_owned()
}

/// Reports every key of `table` (and of its nested tables) that `schema` does not name.
fn check_keys(
    file: &SourceFile,
    table: &DeTable<'_>,
    schema: Schema,
    what: &str,
    diags: &mut Vec<Diagnostic>,
) {
    for (key, value) in table {
        let name = key.get_ref().as_ref();
        let Some(field) = schema.iter().find(|f| f.name == name) else {
            diags.push(unknown_key(file, key.span(), name, schema, what));
            continue;
        };
        match (field.shape, value.get_ref()) {
            (Shape::Table(inner), DeValue::Table(t)) => check_keys(file, t, inner, what, diags),
            (Shape::Tables(inner), DeValue::Array(items)) => {
                for item in items {
                    if let DeValue::Table(t) = item.get_ref() {
                        check_keys(file, t, inner, what, diags);
                    }
                }
            }
            (Shape::Tables(inner), DeValue::Table(t)) => check_keys(file, t, inner, what, diags),
            _ => {}
        }
    }
}

fn unknown_key(
    file: &SourceFile,
    span: Span,
    name: &str,
    schema: Schema,
    what: &str,
) -> Diagnostic {
    let known: Vec<String> = schema.iter().map(|f| format!("`{}`", f.name)).collect();
    let help = match closest_key(name, schema) {
        Some(suggestion) => format!("did you mean `{suggestion}`?"),
        None => format!("the known keys here are {}", known.join(", ")),
    };
    Diagnostic::at(
        Code::UnknownField,
        file,
        span,
        format!("unknown key `{name}` in {what}"),
    )
    .with_help(help)
}

/// A date as written in TOML: a bare TOML date (`2017-12-15`), or a string
/// holding one, with its position. It is parsed once, when read: every later
/// stage asks [`day`](DateValue::day) and never parses the text again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateValue {
    raw: String,
    /// The day of the calendar the text names, if it names one.
    day: Option<NaiveDate>,
    pub span: Span,
}

impl<'de> Deserialize<'de> for DateValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Date(toml::value::Datetime),
            Text(String),
            /// A number: the placeholder of an impossible date (see
            /// [`parse`]), or a number written where a date goes.
            Number(i64),
        }
        let spanned = Spanned::<Raw>::deserialize(deserializer)?;
        let span = spanned.span();
        let raw = match spanned.into_inner() {
            Raw::Date(date) => date.to_string(),
            Raw::Text(text) => text,
            Raw::Number(number) => IMPOSSIBLE_DATES
                .with(|cell| cell.borrow().get(&span.start).cloned())
                .unwrap_or_else(|| number.to_string()),
        };
        Ok(DateValue::new(raw, span))
    }
}

impl DateValue {
    fn new(raw: String, span: Span) -> Self {
        let day = NaiveDate::parse_from_str(&raw, "%Y-%m-%d")
            .ok()
            .filter(|_| raw.len() == 10);
        DateValue { raw, day, span }
    }

    /// The calendar date, when the text is one.
    pub fn day(&self) -> Option<NaiveDate> {
        self.day
    }

    /// The calendar date, or an `invalid-date` diagnostic saying why not.
    pub fn resolve(&self, file: &SourceFile) -> Result<NaiveDate, Diagnostic> {
        self.day.ok_or_else(|| {
            let (message, help) = if is_date_shaped(&self.raw) {
                (
                    format!("{} is not a date of the calendar", self.raw),
                    "check the day and the month (YYYY-MM-DD)",
                )
            } else {
                (
                    format!("`{}` is not a date", self.raw),
                    "write a calendar date as YYYY-MM-DD, e.g. 2018-02-08",
                )
            };
            Diagnostic::at(Code::InvalidDate, file, self.span.clone(), message).with_help(help)
        })
    }
}

impl fmt::Display for DateValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.raw)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const INNER: Schema = &[value("name"), value("email")];
    const SCHEMA: Schema = &[value("title"), tables("contacts", INNER), value("date")];

    #[derive(Debug, Deserialize)]
    struct Front {
        title: Spanned<String>,
        #[serde(default)]
        contacts: Vec<Contact>,
        date: Option<DateValue>,
    }

    #[derive(Debug, Deserialize)]
    struct Contact {
        name: String,
    }

    fn run(text: &str, range: Span) -> (Option<Front>, Vec<Diagnostic>) {
        let file = SourceFile::new("a.md", text);
        let mut diags = Vec::new();
        (
            parse(&file, range, SCHEMA, "front matter", &mut diags),
            diags,
        )
    }

    #[test]
    fn spans_are_offsets_of_the_whole_file() {
        let text = "+++\ntitle = \"Été\"\n+++\nbody\n";
        let (front, diags) = run(text, 4..20);
        assert!(diags.is_empty(), "{diags:?}");
        let title = front.unwrap().title;
        assert_eq!(&text[title.span()], "\"Été\"");
    }

    #[test]
    fn a_required_key_missing_beside_an_unrelated_unknown_one_is_reported() {
        let text = "foo = 1\ncontacts = [{ name = \"A\" }]\n";
        let (front, diags) = run(text, 0..text.len());
        assert!(front.is_none());
        let codes: Vec<_> = diags.iter().map(|d| d.code).collect();
        assert_eq!(codes, [Code::UnknownField, Code::FrontMatter]);
    }

    #[test]
    fn nested_tables_are_read() {
        let text = "title = \"x\"\ncontacts = [{ name = \"A\" }]\n";
        let (front, diags) = run(text, 0..text.len());
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(front.unwrap().contacts[0].name, "A");
    }

    #[test]
    fn every_unknown_key_is_reported_with_a_suggestion() {
        let text = "titel = \"x\"\nfoo = 1\ncontacts = [{ name = \"A\", mail = \"a@b.fr\" }]\n";
        let (front, diags) = run(text, 0..text.len());
        // Reported, and read as what it was meant to be: the other rules
        // still see the title (and its duplicates).
        assert_eq!(front.expect("recovered").title.get_ref(), "x");
        let codes: Vec<_> = diags.iter().map(|d| (d.code, d.line, d.column)).collect();
        assert_eq!(
            codes,
            [
                (Code::UnknownField, 1, 1),
                (Code::UnknownField, 2, 1),
                (Code::UnknownField, 3, 27)
            ]
        );
        assert_eq!(diags[0].help.as_deref(), Some("did you mean `title`?"));
    }

    #[test]
    fn a_missing_required_key_is_a_front_matter_error() {
        let (_, diags) = run("date = 2017-12-15\n", 0..18);
        assert_eq!(diags[0].code, Code::FrontMatter);
        assert!(diags[0].message.contains("title"), "{}", diags[0].message);
    }

    #[test]
    fn a_syntax_error_points_at_its_line() {
        let (_, diags) = run("title = \"x\"\ndate = = 3\n", 0..23);
        assert_eq!((diags[0].code, diags[0].line), (Code::TomlSyntax, 2));
    }

    #[test]
    fn dates_are_checked_for_real() {
        let file = SourceFile::new("a.toml", "");
        let date = |raw: &str| DateValue::new(raw.into(), 0..0).resolve(&file);
        assert_eq!(
            date("2018-02-08").unwrap(),
            NaiveDate::from_ymd_opt(2018, 2, 8).unwrap()
        );
        assert_eq!(date("2018-02-30").unwrap_err().code, Code::InvalidDate);
        assert!(date("2018-02-08T10:00:00").is_err());
        let (front, diags) = run("title = \"x\"\ndate = \"2018-02-08\"\n", 0..31);
        assert!(diags.is_empty());
        assert_eq!(front.unwrap().date.unwrap().to_string(), "2018-02-08");
    }
}
