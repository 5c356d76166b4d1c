//! Rules about time: real dates, agenda groups and order, events and
//! deadlines relative to the issue's date.

use chrono::NaiveDate;

use super::{Context, Rule};
use crate::diag::{Code, Diagnostic};
use crate::issue::{AgendaDoc, Content, EventEntry};

/// `invalid-date`, `unknown-group`, `agenda-order` and `past-event` on agenda events.
pub struct AgendaDates;

impl Rule for AgendaDates {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for section in &cx.issue.sections {
            let Some(Content::Agenda(agenda)) = &section.content else {
                continue;
            };
            let groups = &section.def.groups;
            // The last start date seen in each group, for the order check.
            let mut last: Vec<(Option<&str>, NaiveDate)> = Vec::new();
            for event in &agenda.events {
                check_group(cx, agenda, event, groups, out);
                let Some((start, end)) = event_dates(cx, agenda, event, out) else {
                    continue;
                };
                let group = event.group.as_ref().map(|g| g.get_ref().as_str());
                match last.iter_mut().find(|(g, _)| *g == group) {
                    Some((_, previous)) if start < *previous => out.push(
                        cx.at(Code::AgendaOrder, agenda.file, event.date.span.clone(),
                            format!("this event ({start}) comes after one dated {previous} in the same group"))
                            .with_help("list the events of a group in chronological order"),
                    ),
                    Some((_, previous)) => *previous = start,
                    None => last.push((group, start)),
                }
                if let Some(issue_date) = cx.issue.date()
                    && end < issue_date
                {
                    {
                        let span = event.end.as_ref().unwrap_or(&event.date).span.clone();
                        out.push(cx.at(Code::PastEvent, agenda.file, span,
                            format!("this event ends on {end}, before the issue's date ({issue_date})"))
                            .with_help("remove past events from the agenda"));
                    }
                }
            }
        }
    }
}

fn check_group(
    cx: &Context<'_>,
    agenda: &AgendaDoc,
    event: &EventEntry,
    groups: &[String],
    out: &mut Vec<Diagnostic>,
) {
    let declared = || {
        groups
            .iter()
            .map(|g| format!("\"{g}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match &event.group {
        None if !groups.is_empty() => out.push(
            cx.at(
                Code::FrontMatter,
                agenda.file,
                event.title.span(),
                "this event has no `group`, and the section declares groups",
            )
            .with_help(format!("add group = one of {}", declared())),
        ),
        None => {}
        Some(group) if groups.iter().any(|g| g == group.get_ref()) => {}
        Some(group) => {
            let message = format!(
                "the group \"{}\" is not declared by the section",
                group.get_ref()
            );
            let help = if groups.is_empty() {
                "the section declares no groups: remove `group`, or declare groups in infolettre.toml".to_owned()
            } else {
                format!("use one of {}", declared())
            };
            out.push(
                cx.at(Code::UnknownGroup, agenda.file, group.span(), message)
                    .with_help(help),
            );
        }
    }
}

/// The start and end of an event, or `None` after reporting an impossible date.
fn event_dates(
    cx: &Context<'_>,
    agenda: &AgendaDoc,
    event: &EventEntry,
    out: &mut Vec<Diagnostic>,
) -> Option<(NaiveDate, NaiveDate)> {
    let file = cx.source(agenda.file);
    let start = event.date.resolve(file).map_err(|d| out.push(d)).ok();
    let end = match &event.end {
        None => start,
        Some(end) => end.resolve(file).map_err(|d| out.push(d)).ok(),
    };
    let (start, end) = (start?, end?);
    if end < start {
        let span = event
            .end
            .as_ref()
            .map(|e| e.span.clone())
            .unwrap_or_default();
        out.push(cx.at(
            Code::InvalidDate,
            agenda.file,
            span,
            format!("this event ends ({end}) before it starts ({start})"),
        ));
        return None;
    }
    Some((start, end))
}

/// `invalid-date` and `deadline-passed` on calls.
pub struct CallDeadlines;

impl Rule for CallDeadlines {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for section in &cx.issue.sections {
            let Some(Content::Calls(calls)) = &section.content else {
                continue;
            };
            for call in &calls.calls {
                let deadline = match call.entry.deadline.resolve(cx.source(calls.file)) {
                    Ok(date) => date,
                    Err(diag) => {
                        out.push(diag);
                        continue;
                    }
                };
                if let Some(issue_date) = cx.issue.date().filter(|d| deadline < *d) {
                    out.push(
                        cx.at(
                            Code::DeadlinePassed,
                            calls.file,
                            call.entry.deadline.span.clone(),
                            format!(
                                "the deadline {deadline} is before the issue's date ({issue_date})"
                            ),
                        )
                        .with_help("remove the closed call"),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::Fixture;
    use crate::diag::Code;

    fn agenda(events: &[(&str, Option<&str>, &str)]) -> String {
        events
            .iter()
            .map(|(date, end, group)| {
                let end = end.map(|e| format!("end = {e}\n")).unwrap_or_default();
                format!("[[event]]\ndate = {date}\n{end}title = \"Réunion\"\ngroup = \"{group}\"\n")
            })
            .collect()
    }

    #[test]
    fn impossible_dates_and_reversed_ranges_are_invalid() {
        let text = agenda(&[
            ("\"2018-02-30\"", None, "Internes"),
            ("2018-02-09", Some("2018-02-08"), "Internes"),
        ]);
        let fixture = Fixture::new(&[("agenda.toml", &text)]);
        assert_eq!(
            fixture.found(Code::InvalidDate),
            [
                ("agenda.toml".to_owned(), 2, 8),
                ("agenda.toml".to_owned(), 7, 7)
            ]
        );
        let fixture = Fixture::new(&[(
            "agenda.toml",
            &agenda(&[("2018-02-08", Some("2018-02-09"), "Internes")]),
        )]);
        assert!(fixture.found(Code::InvalidDate).is_empty());
    }

    #[test]
    fn groups_must_be_declared() {
        let fixture = Fixture::new(&[("agenda.toml", &agenda(&[("2018-02-08", None, "Interne")]))]);
        assert_eq!(
            fixture.found(Code::UnknownGroup),
            [("agenda.toml".to_owned(), 4, 9)]
        );
        let fixture = Fixture::new(&[(
            "agenda.toml",
            "[[event]]\ndate = 2018-02-08\ntitle = \"R\"\n",
        )]);
        assert_eq!(
            fixture.found(Code::FrontMatter),
            [("agenda.toml".to_owned(), 3, 9)]
        );
    }

    #[test]
    fn order_is_checked_within_each_group() {
        let text = agenda(&[
            ("2018-02-08", None, "Internes"),
            ("2018-01-19", None, "Externes"),
            ("2018-01-19", None, "Internes"),
        ]);
        let fixture = Fixture::new(&[("agenda.toml", &text)]);
        assert_eq!(
            fixture.found(Code::AgendaOrder),
            [("agenda.toml".to_owned(), 10, 8)]
        );
    }

    #[test]
    fn past_events_warn_but_an_event_still_running_does_not() {
        let text = agenda(&[
            ("2018-01-10", None, "Internes"),
            ("2018-01-10", Some("2018-01-20"), "Externes"),
        ]);
        let fixture = Fixture::new(&[("agenda.toml", &text)]);
        assert_eq!(
            fixture.found(Code::PastEvent),
            [("agenda.toml".to_owned(), 2, 8)]
        );
    }

    #[test]
    fn a_deadline_before_the_issue_date_is_an_error() {
        let calls = "[[call]]\ntitle = \"A\"\ndeadline = 2018-01-14\n[[call]]\ntitle = \"B\"\ndeadline = 2018-01-15\n";
        let fixture = Fixture::new(&[("appels.toml", calls)]);
        assert_eq!(
            fixture.found(Code::DeadlinePassed),
            [("appels.toml".to_owned(), 3, 12)]
        );
    }
}
