//! What a new issue takes over from the previous one: the editorial's
//! signature and role, the agenda events still ahead, the calls still open
//! and their intro. Each value is copied with its original TOML text, so
//! nothing is re-quoted or re-dated on the way.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::issue::{CallEntry, Content, EventEntry, Issue};
use crate::source::{SourceFile, Span};
use crate::workspace::SectionDef;

/// What the previous issue hands over, by section id.
#[derive(Debug, Clone, Default)]
pub struct CarryOver {
    /// The id of the previous issue, when there is one.
    pub from: Option<String>,
    sections: BTreeMap<String, Carried>,
}

#[derive(Debug, Clone, Default)]
struct Carried {
    /// Editorial: the front matter lines.
    front: Option<String>,
    /// Calls: the `intro = …` line(s).
    intro: Option<String>,
    /// Agenda or calls: one `[[event]]` or `[[call]]` table each.
    entries: Vec<String>,
}

impl CarryOver {
    /// The editorial front matter carried into section `id`.
    pub fn editorial(&self, id: &str) -> Option<&str> {
        self.sections.get(id)?.front.as_deref()
    }

    /// How many agenda events and calls are carried, for the summary line.
    pub fn counts(&self, sections: &[&SectionDef]) -> (usize, usize) {
        let count = |kind| {
            sections
                .iter()
                .filter(|d| d.kind == kind)
                .filter_map(|d| self.sections.get(d.id()))
                .map(|c| c.entries.len())
                .sum()
        };
        (
            count(crate::workspace::SectionKind::Agenda),
            count(crate::workspace::SectionKind::Calls),
        )
    }

    fn entries(&self, id: &str) -> &[String] {
        self.sections.get(id).map_or(&[], |c| c.entries.as_slice())
    }
}

/// Collects from `issue` what is still current at `date`: events that end on
/// or after it, calls whose deadline is on or after it, every calls intro and
/// the editorial's signature. Entries whose dates do not parse stay behind.
pub fn carry_over(issue: &Issue, date: NaiveDate) -> CarryOver {
    let mut carry = CarryOver {
        from: Some(issue.id.to_string()),
        sections: BTreeMap::new(),
    };
    for section in &issue.sections {
        let mut carried = Carried::default();
        match &section.content {
            Some(Content::Editorial(doc)) => {
                if let Some(front) = &doc.front {
                    let file = issue.source(doc.file);
                    let mut text = String::new();
                    field(&mut text, file, "signature", Some(front.signature.span()));
                    field(&mut text, file, "role", Some(front.role.span()));
                    carried.front = Some(text);
                }
            }
            Some(Content::Agenda(doc)) => {
                let file = issue.source(doc.file);
                carried.entries = doc
                    .events
                    .iter()
                    .filter(|e| still_ahead(e, date))
                    .map(|e| event_table(file, e))
                    .collect();
            }
            Some(Content::Calls(doc)) => {
                let file = issue.source(doc.file);
                if let Some(span) = &doc.intro_span {
                    let mut text = String::new();
                    field(&mut text, file, "intro", Some(span.clone()));
                    carried.intro = Some(text);
                }
                for call in &doc.calls {
                    let entry = &call.entry;
                    if entry.deadline.day().is_some_and(|d| d >= date) {
                        carried.entries.push(call_table(file, entry));
                    }
                }
            }
            _ => continue,
        }
        carry.sections.insert(section.def.id().to_owned(), carried);
    }
    carry
}

/// Whether an event ends (or, without `end`, starts) on or after `date`.
fn still_ahead(event: &EventEntry, date: NaiveDate) -> bool {
    let last = match &event.end {
        Some(end) => end.day(),
        None => event.date.day(),
    };
    event.date.day().is_some() && last.is_some_and(|last| last >= date)
}

fn event_table(file: &SourceFile, event: &EventEntry) -> String {
    table(
        file,
        "event",
        &[
            ("date", Some(event.date.span.clone())),
            ("end", event.end.as_ref().map(|d| d.span.clone())),
            ("title", Some(event.title.span())),
            ("place", event.place.as_ref().map(|v| v.span())),
            ("group", event.group.as_ref().map(|v| v.span())),
            ("link", event.link.as_ref().map(|v| v.span())),
        ],
    )
}

fn call_table(file: &SourceFile, entry: &CallEntry) -> String {
    table(
        file,
        "call",
        &[
            ("title", Some(entry.title.span())),
            ("deadline", Some(entry.deadline.span.clone())),
            ("programme", entry.programme.as_ref().map(|v| v.span())),
            ("link", entry.link.as_ref().map(|v| v.span())),
            ("description", entry.description.as_ref().map(|v| v.span())),
        ],
    )
}

/// An array-of-tables entry `[[name]]` with each present key's value copied
/// as it was written.
fn table(file: &SourceFile, name: &str, fields: &[(&str, Option<Span>)]) -> String {
    let mut text = format!("[[{name}]]\n");
    for (key, span) in fields {
        field(&mut text, file, key, span.clone());
    }
    text
}

/// Appends `key = <the value's original text>` when the value is present.
fn field(out: &mut String, file: &SourceFile, key: &str, span: Option<Span>) {
    if let Some(raw) = span.and_then(|span| file.text().get(span)) {
        out.push_str(&format!("{key} = {raw}\n"));
    }
}

/// The agenda of a new issue: the events carried over, or one TODO event.
pub fn agenda_file(def: &SectionDef, date: NaiveDate, carry: &CarryOver) -> String {
    let mut out = String::from(
        "# One [[event]] table per event: date (YYYY-MM-DD), optional end, title,\n# optional place, group, optional link.\n",
    );
    if !def.groups.is_empty() {
        let groups: Vec<_> = def.groups.iter().map(|g| super::toml_string(g)).collect();
        out.push_str(&format!(
            "# The groups, in print order: {}.\n",
            groups.join(", ")
        ));
    }
    let carried = carry.entries(def.id());
    if carried.is_empty() {
        out.push_str(&format!(
            "\n[[event]]\ndate = {}\ntitle = \"TODO\"\nplace = \"TODO\"\n",
            date.format("%Y-%m-%d")
        ));
        if let Some(group) = def.groups.first() {
            out.push_str(&format!("group = {}\n", super::toml_string(group)));
        }
    } else {
        let from = carry.from.as_deref().unwrap_or("the previous issue");
        out.push_str(&format!(
            "# Carried over from {from}: the events that end on or after {date}.\n"
        ));
        carried
            .iter()
            .for_each(|entry| out.push_str(&format!("\n{entry}")));
    }
    out
}

/// The calls of a new issue: the intro and the calls still open, or one TODO call.
pub fn calls_file(def: &SectionDef, date: NaiveDate, carry: &CarryOver) -> String {
    let mut out = String::from(
        "# An optional intro (Markdown), then one [[call]] table per call: title,\n# deadline (YYYY-MM-DD), optional programme, link, description (Markdown).\n",
    );
    let carried = carry.entries(def.id());
    if let Some(intro) = carry
        .sections
        .get(def.id())
        .and_then(|c| c.intro.as_deref())
    {
        out.push_str(&format!("\n{intro}"));
    }
    if carried.is_empty() {
        out.push_str(&format!(
            "\n[[call]]\ntitle = \"TODO\"\ndeadline = {}\nprogramme = \"TODO\"\n",
            date.format("%Y-%m-%d")
        ));
    } else {
        let from = carry.from.as_deref().unwrap_or("the previous issue");
        out.push_str(&format!(
            "\n# Carried over from {from}: the calls whose deadline is on or after {date}.\n"
        ));
        carried
            .iter()
            .for_each(|entry| out.push_str(&format!("\n{entry}")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::Fixture;

    const AGENDA: &str = r#"
[[event]]
date = 2018-01-10
title = "Passé"
group = "Internes"

[[event]]
date = 2018-01-10
end = 2018-01-20
title = "En cours"
group = "Internes"

[[event]]
date = "2018-02-01"
title = 'Citée « ici »'
place = "Paris"
group = "Externes"
link = "https://cite.fr/a"

[[event]]
date = "2018-02-30"
title = "Date impossible"
group = "Externes"
"#;

    const CALLS: &str = "intro = \"\"\"\n**Erasmus+** 2018\n\"\"\"\n\n[[call]]\ntitle = \"Fermé\"\ndeadline = 2018-01-14\n\n\
        [[call]]\ntitle = \"Ouvert\"\ndeadline = 2018-01-15\nprogramme = \"Erasmus+\"\ndescription = \"\"\"\nTexte.\n\"\"\"\n";

    fn carried(date: &str) -> (CarryOver, Vec<SectionDef>) {
        let fixture = Fixture::new(&[
            ("agenda.toml", AGENDA),
            ("appels.toml", CALLS),
            (
                "edito.md",
                "+++\nsignature = \"Jean \\\"JJ\\\" Dupont\"\nrole = 'Président'\n+++\nTexte.\n",
            ),
        ]);
        let workspace = crate::workspace::Workspace::open(fixture.root())
            .unwrap()
            .workspace
            .unwrap();
        let issue = crate::issue::load_id(&workspace, "2018-01", &mut Vec::new()).unwrap();
        let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap();
        (carry_over(&issue, date), workspace.config.sections.clone())
    }

    #[test]
    fn events_still_ahead_are_carried_with_their_original_text() {
        let (carry, sections) = carried("2018-01-15");
        assert_eq!(carry.from.as_deref(), Some("2018-01"));
        let agenda = agenda_file(
            &sections[0],
            NaiveDate::from_ymd_opt(2018, 1, 15).unwrap(),
            &carry,
        );
        assert!(
            !agenda.contains("Passé") && !agenda.contains("impossible"),
            "{agenda}"
        );
        assert!(agenda.contains("[[event]]\ndate = 2018-01-10\nend = 2018-01-20\ntitle = \"En cours\"\ngroup = \"Internes\"\n"), "{agenda}");
        assert!(agenda.contains("date = \"2018-02-01\"\ntitle = 'Citée « ici »'\nplace = \"Paris\"\ngroup = \"Externes\"\nlink = \"https://cite.fr/a\"\n"));
        assert!(!agenda.contains("TODO"));
        let parsed: toml::Table = agenda.parse().unwrap();
        assert_eq!(parsed["event"].as_array().unwrap().len(), 2);
    }

    #[test]
    fn open_calls_their_intro_and_the_signature_are_carried() {
        let (carry, sections) = carried("2018-01-15");
        let calls = calls_file(
            &sections[3],
            NaiveDate::from_ymd_opt(2018, 1, 15).unwrap(),
            &carry,
        );
        assert!(
            calls.contains("intro = \"\"\"\n**Erasmus+** 2018\n\"\"\"\n"),
            "{calls}"
        );
        assert!(
            calls.contains("title = \"Ouvert\"")
                && !calls.contains("Fermé")
                && !calls.contains("TODO"),
            "{calls}"
        );
        assert!(calls.contains("description = \"\"\"\nTexte.\n\"\"\"\n"));
        assert_eq!(
            carry.editorial("edito"),
            Some("signature = \"Jean \\\"JJ\\\" Dupont\"\nrole = 'Président'\n")
        );
        let included: Vec<&SectionDef> = sections.iter().collect();
        assert_eq!(carry.counts(&included), (2, 1));
    }

    #[test]
    fn with_nothing_ahead_a_todo_entry_stands_in() {
        let (carry, sections) = carried("2019-01-01");
        let day = NaiveDate::from_ymd_opt(2019, 1, 1).unwrap();
        let agenda = agenda_file(&sections[0], day, &carry);
        assert!(agenda.contains("[[event]]\ndate = 2019-01-01\ntitle = \"TODO\"\nplace = \"TODO\"\ngroup = \"Internes\"\n"), "{agenda}");
        let calls = calls_file(&sections[3], day, &carry);
        assert!(
            calls.contains("intro = ")
                && calls.contains("title = \"TODO\"\ndeadline = 2019-01-01\n"),
            "{calls}"
        );
        let none = agenda_file(&sections[0], day, &CarryOver::default());
        assert!(none.contains("title = \"TODO\""));
    }
}
