//! iCalendar (RFC 5545) for the agenda: every event of an issue and every
//! call deadline, as all-day events. A small writer rather than a crate:
//! the crates stamp `DTSTAMP` with the clock, and the archive must give the
//! same bytes for the same workspace.
//!
//! A `UID` is made from what the event is (its dates, title and place), not
//! from the issue it appears in, so that an event carried over into the next
//! issue is the same event in a calendar, and a changed one a new event.

use chrono::NaiveDate;

use crate::document::{Document, SectionBody, WrittenDate};
use crate::hash::fnv1a;
use crate::markup::plain_text;

/// One all-day event of the calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    pub start: NaiveDate,
    /// The last day, inclusive (written as the exclusive day after).
    pub last: NaiveDate,
    pub summary: String,
    pub location: Option<String>,
    pub url: Option<String>,
    /// The day of the issue that announced it: its `DTSTAMP`.
    pub stamp: NaiveDate,
}

impl Entry {
    fn uid(&self) -> String {
        let what = format!(
            "{}\0{}\0{}\0{}",
            self.start,
            self.last,
            self.summary,
            self.location.as_deref().unwrap_or("")
        );
        format!("{:016x}@infolettre", fnv1a(what.as_bytes()))
    }
}

/// The events and deadlines of one issue. Dates kept as written (only a
/// draft has them) have no day to be on, and are left out.
pub(crate) fn entries(doc: &Document) -> Vec<Entry> {
    let Some(stamp) = doc.meta.date else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for section in &doc.sections {
        match &section.body {
            SectionBody::Agenda { groups } => {
                for event in groups.iter().flat_map(|g| &g.events) {
                    let WrittenDate::Day(start) = event.date else {
                        continue;
                    };
                    let last = match &event.end {
                        Some(WrittenDate::Day(end)) => *end,
                        _ => start,
                    };
                    out.push(Entry {
                        start,
                        last,
                        summary: plain_text(&event.title),
                        location: event.place.clone(),
                        url: event.link.as_ref().map(|l| l.url.clone()),
                        stamp,
                    });
                }
            }
            SectionBody::Calls { calls, .. } => {
                for call in calls {
                    let WrittenDate::Day(day) = call.deadline else {
                        continue;
                    };
                    let label =
                        crate::render::common::with_colon(&doc.labels.deadline, &doc.language);
                    out.push(Entry {
                        start: day,
                        last: day,
                        summary: format!("{label} {}", plain_text(&call.title)),
                        location: None,
                        url: call.link.as_ref().map(|l| l.url.clone()),
                        stamp,
                    });
                }
            }
            _ => {}
        }
    }
    out
}

/// A calendar of `entries`, each `UID` once (the first announcement wins).
pub(crate) fn calendar(name: &str, entries: &[Entry]) -> String {
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(
        &mut out,
        &format!("PRODID:-//infolettre//{}//EN", env!("CARGO_PKG_VERSION")),
    );
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, &format!("X-WR-CALNAME:{}", text(name)));
    let mut seen = std::collections::HashSet::new();
    for entry in entries {
        let uid = entry.uid();
        if !seen.insert(uid.clone()) {
            continue;
        }
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:{uid}"));
        line(
            &mut out,
            &format!("DTSTAMP:{}T000000Z", entry.stamp.format("%Y%m%d")),
        );
        line(
            &mut out,
            &format!("DTSTART;VALUE=DATE:{}", entry.start.format("%Y%m%d")),
        );
        let end = entry.last.succ_opt().unwrap_or(entry.last);
        line(
            &mut out,
            &format!("DTEND;VALUE=DATE:{}", end.format("%Y%m%d")),
        );
        line(&mut out, &format!("SUMMARY:{}", text(&entry.summary)));
        if let Some(location) = &entry.location {
            line(&mut out, &format!("LOCATION:{}", text(location)));
        }
        if let Some(url) = &entry.url {
            line(&mut out, &format!("URL:{url}"));
        }
        line(&mut out, "TRANSP:TRANSPARENT");
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

/// A TEXT value escaped (RFC 5545 §3.3.11); control characters dropped.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line, folded at 75 octets without splitting a character
/// (RFC 5545 §3.1), ended by CRLF.
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn entry(summary: &str) -> Entry {
        Entry {
            start: day("2018-01-31"),
            last: day("2018-02-02"),
            summary: summary.into(),
            location: Some("Biarritz".into()),
            url: None,
            stamp: day("2017-12-15"),
        }
    }

    #[test]
    fn a_range_ends_on_the_exclusive_day_after_and_lines_fold_at_75_octets() {
        let long = "15ème Université d'hiver de la formation professionnelle, organisée par Centre Inffo; à Biarritz";
        let ics = calendar("InfoLettre", &[entry(long)]);
        assert!(
            ics.contains("DTSTART;VALUE=DATE:20180131\r\nDTEND;VALUE=DATE:20180203\r\n"),
            "{ics}"
        );
        assert!(ics.contains("DTSTAMP:20171215T000000Z\r\n"));
        for l in ics.split("\r\n") {
            assert!(l.len() <= 75, "{l:?} is {} octets", l.len());
        }
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains("SUMMARY:15ème Université d'hiver de la formation professionnelle\\, organisée par Centre Inffo\\; à Biarritz\r\n"), "{unfolded}");
        assert!(!ics.replace("\r\n", "").contains('\n'), "CRLF only");
    }

    #[test]
    fn the_same_event_keeps_its_uid_and_appears_once() {
        let a = entry("Réunion CDM21");
        let mut carried = a.clone();
        carried.stamp = day("2018-01-15");
        assert_eq!(a.uid(), carried.uid(), "carried over into the next issue");
        let mut moved = a.clone();
        moved.start = day("2018-02-01");
        assert_ne!(a.uid(), moved.uid());
        let ics = calendar("x", &[a, carried, moved]);
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 2);
    }
}
