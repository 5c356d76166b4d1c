//! From the blocks of a past issue to the sections of the workspace's
//! settings: every decision is driven by `infolettre.toml` (section titles,
//! agenda groups, the team) and the language file (months, "Contact", "Date
//! limite"), never by the words of one newsletter.
//!
//! Sections are found by their titles. Content under no title of its own
//! (the seed's editorial and subscription line follow the agenda with no
//! heading) flows into the sections that the settings place between the
//! one before and the next title found, if they are of a kind that needs no
//! structure (editorial, text). What is left goes into the closest text
//! section, with a note. Nothing is dropped.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::blocks::{Block, BlockKind, key, plain};
use super::casing::Casebook;
use crate::document::Labels;
use crate::typography::{DateSpan, Language};
use crate::workspace::{Config, SectionDef, SectionKind};

/// The issue as recognised, before it is written.
#[derive(Debug, Default)]
pub struct Draft {
    /// By the section's place in the settings.
    pub sections: BTreeMap<usize, Content>,
    /// What the editor should know: where something was moved, what was guessed.
    pub notes: Vec<Note>,
    /// Free text that no section of the settings can hold (settings with
    /// agenda sections only): the import is refused rather than lose it.
    pub unplaced: Vec<Block>,
}

/// A remark about one line of the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub line: usize,
    pub message: String,
}

#[derive(Debug)]
pub enum Content {
    Text(Vec<Block>),
    Editorial {
        body: Vec<Block>,
        signature: Option<(String, String)>,
    },
    Articles(Vec<Article>),
    Agenda(Vec<Event>),
    Calls {
        intro: Vec<Block>,
        calls: Vec<Call>,
    },
}

#[derive(Debug)]
pub struct Article {
    pub title: String,
    pub contacts: Vec<(String, String)>,
    pub body: Vec<Block>,
}

#[derive(Debug)]
pub struct Event {
    pub date: DateSpan,
    pub title: String,
    pub place: Option<String>,
    pub group: Option<String>,
    pub link: Option<String>,
}

#[derive(Debug)]
pub struct Call {
    pub title: String,
    pub deadline: NaiveDate,
    pub programme: Option<String>,
    pub description: Option<String>,
}

/// What recognition reads: the settings, the language, the date.
pub struct Recogniser<'a> {
    pub config: &'a Config,
    pub language: &'a Language,
    /// Dates written without a year fall on or after it.
    pub date: NaiveDate,
    casebook: Casebook,
    /// The language's words, read once ("Contact", "Date limite").
    labels: Labels,
}

/// A run of blocks under one section title (or under none, at the start).
struct Segment {
    section: Option<usize>,
    blocks: Vec<Block>,
}

impl<'a> Recogniser<'a> {
    pub fn new(
        config: &'a Config,
        language: &'a Language,
        date: NaiveDate,
        blocks: &[Block],
    ) -> Self {
        Recogniser {
            config,
            language,
            date,
            casebook: Casebook::learn(blocks),
            labels: language.labels(),
        }
    }

    /// Recognises the sections of `blocks`; `None` when no section title of
    /// the settings is found at all.
    pub fn recognise(&self, blocks: Vec<Block>) -> Option<Draft> {
        let segments = self.segments(blocks);
        if segments.iter().all(|s| s.section.is_none()) {
            return None;
        }
        let headed: Vec<usize> = segments.iter().filter_map(|s| s.section).collect();
        let mut draft = Draft::default();
        let mut strays = Vec::new();
        for segment in segments {
            let leftover = match segment.section {
                Some(index) => self.read_section(index, segment.blocks, &mut draft, &mut strays),
                None => segment.blocks,
            };
            self.place_unheaded(segment.section, &headed, leftover, &mut draft);
        }
        self.place_strays(strays, &mut draft);
        self.note_repeated_settings(&mut draft);
        Some(draft)
    }

    /// Lines of free text that say what the settings already print in every
    /// output (a team member and role, the website): kept, for nothing is
    /// dropped, with a note that the editor may delete them.
    fn note_repeated_settings(&self, draft: &mut Draft) {
        let newsletter = &self.config.newsletter;
        let mut printed: Vec<String> = self
            .config
            .team
            .iter()
            .map(|m| key(&format!("{}{}", m.name, m.role)))
            .collect();
        printed.extend(newsletter.website.iter().map(|w| key(w.get_ref())));
        for content in draft.sections.values() {
            let Content::Text(blocks) = content else {
                continue;
            };
            for block in blocks.iter().filter(|b| printed.contains(&key(&b.plain()))) {
                draft.notes.push(Note {
                    line: block.line,
                    message: "this line repeats what infolettre.toml makes every output print (the team, the website): kept; delete it if you like".into(),
                });
            }
        }
    }

    /// Cuts the blocks at every section title, the first of each only.
    fn segments(&self, blocks: Vec<Block>) -> Vec<Segment> {
        let mut segments = vec![Segment {
            section: None,
            blocks: Vec::new(),
        }];
        let mut seen = vec![false; self.config.sections.len()];
        for block in blocks {
            match section_titled(self.config, &block).filter(|&i| !seen[i]) {
                Some(index) => {
                    seen[index] = true;
                    segments.push(Segment {
                        section: Some(index),
                        blocks: Vec::new(),
                    });
                }
                None => segments
                    .last_mut()
                    .expect("one segment at least")
                    .blocks
                    .push(block),
            }
        }
        segments
    }

    /// Reads a titled section; gives back what does not belong to it.
    fn read_section(
        &self,
        index: usize,
        blocks: Vec<Block>,
        draft: &mut Draft,
        strays: &mut Vec<(usize, Call)>,
    ) -> Vec<Block> {
        let def = &self.config.sections[index];
        let (content, leftover) = match def.kind {
            SectionKind::Agenda => {
                let (events, leftover) = self.agenda(def, blocks, &mut draft.notes);
                (Content::Agenda(events), leftover)
            }
            SectionKind::Articles => {
                let (articles, before) = self.articles(blocks, strays, &mut draft.notes);
                (Content::Articles(articles), before)
            }
            SectionKind::Calls => {
                let (intro, calls) = self.calls(blocks);
                (Content::Calls { intro, calls }, Vec::new())
            }
            SectionKind::Editorial => {
                let (content, leftover) = self.editorial(blocks);
                (content, leftover)
            }
            SectionKind::Text => (Content::Text(blocks), Vec::new()),
        };
        merge(
            draft
                .sections
                .entry(index)
                .or_insert_with(|| empty(def.kind)),
            content,
        );
        leftover
    }

    /// Places blocks that no title claims: into the untitled editorial and
    /// text sections the settings put between `after` and the next titled
    /// section, then into the closest text section.
    fn place_unheaded(
        &self,
        after: Option<usize>,
        headed: &[usize],
        mut blocks: Vec<Block>,
        draft: &mut Draft,
    ) {
        if blocks.is_empty() {
            return;
        }
        let from = after.map_or(0, |i| i + 1);
        let to = headed
            .iter()
            .copied()
            .filter(|&h| h >= from)
            .min()
            .unwrap_or(self.config.sections.len());
        for index in from..to {
            if blocks.is_empty() || headed.contains(&index) || draft.sections.contains_key(&index) {
                continue;
            }
            let def = &self.config.sections[index];
            match def.kind {
                SectionKind::Editorial => {
                    let (content, rest) = self.editorial(blocks);
                    draft.sections.insert(index, content);
                    blocks = rest;
                }
                SectionKind::Text => {
                    draft
                        .sections
                        .insert(index, Content::Text(std::mem::take(&mut blocks)));
                }
                _ => {}
            }
        }
        if blocks.is_empty() {
            return;
        }
        let Some(index) = self.closest_free_text_section(after) else {
            draft.unplaced.extend(blocks);
            return;
        };
        self.note_unplaced(&blocks, self.config.sections[index].id(), draft);
        let def = &self.config.sections[index];
        merge(
            draft
                .sections
                .entry(index)
                .or_insert_with(|| empty(def.kind)),
            Content::Text(blocks),
        );
    }

    fn note_unplaced(&self, blocks: &[Block], section: &str, draft: &mut Draft) {
        for block in blocks {
            draft.notes.push(Note {
                line: block.line,
                message: format!(
                    "not recognised as part of any section: put into `{section}` as it is"
                ),
            });
        }
    }

    /// The section nearest to `index` in the settings that takes free text:
    /// a text section, else an editorial, else a calls intro, else the last
    /// article of an articles section. An agenda takes none.
    fn closest_free_text_section(&self, index: Option<usize>) -> Option<usize> {
        let at = index.unwrap_or(0) as isize;
        let rank = |kind: SectionKind| match kind {
            SectionKind::Text => Some(0),
            SectionKind::Editorial => Some(1),
            SectionKind::Calls => Some(2),
            SectionKind::Articles => Some(3),
            SectionKind::Agenda => None,
        };
        (0..self.config.sections.len())
            .filter_map(|i| {
                Some((
                    rank(self.config.sections[i].kind)?,
                    (i as isize - at).abs(),
                    i,
                ))
            })
            .min()
            .map(|(_, _, i)| i)
    }

    /// Calls found before their section's title (after an article's
    /// contact): moved into the calls section, with a note.
    fn place_strays(&self, strays: Vec<(usize, Call)>, draft: &mut Draft) {
        if strays.is_empty() {
            return;
        }
        let Some(index) = self
            .config
            .sections
            .iter()
            .position(|s| s.kind == SectionKind::Calls)
        else {
            return;
        };
        let id = self.config.sections[index].id().to_owned();
        let mut calls = Vec::new();
        for (line, call) in strays {
            draft.notes.push(Note {
                line,
                message: format!("this call stands above its section's title, after an article's contact: moved into `{id}`"),
            });
            calls.push(call);
        }
        merge(
            draft
                .sections
                .entry(index)
                .or_insert_with(|| empty(SectionKind::Calls)),
            Content::Calls {
                intro: Vec::new(),
                calls,
            },
        );
    }

    // ----- agenda -------------------------------------------------------

    /// Group titles, date lines and, under each date, its event lines; the
    /// agenda ends at the first block that is none of these.
    fn agenda(
        &self,
        def: &SectionDef,
        blocks: Vec<Block>,
        notes: &mut Vec<Note>,
    ) -> (Vec<Event>, Vec<Block>) {
        let mut events = Vec::new();
        let mut group: Option<String> = None;
        let mut date: Option<DateSpan> = None;
        let mut blocks = blocks.into_iter();
        while let Some(block) = blocks.next() {
            let plain = block.plain();
            if let Some(g) = def
                .groups
                .iter()
                .find(|g| block.is_line(8) && key(g) == key(&plain))
            {
                group = Some(g.clone());
                date = None;
                continue;
            }
            if block.is_line(12)
                && let Some(span) = self.language.read_date_line(&plain, self.date)
            {
                date = Some(span);
                continue;
            }
            match date {
                Some(span) if is_event_line(&block) => {
                    let group = group.clone().or_else(|| {
                        let first = def.groups.first()?;
                        notes.push(Note {
                            line: block.line,
                            message: format!(
                                "this event is under no group of the agenda: put into \"{first}\""
                            ),
                        });
                        Some(first.clone())
                    });
                    events.push(event(&block, span, group));
                }
                _ => {
                    let mut rest = vec![block];
                    rest.extend(blocks);
                    return (events, rest);
                }
            }
        }
        (events, Vec::new())
    }

    // ----- articles -----------------------------------------------------

    /// Articles by their titles (headings, or lines in capitals; failing
    /// both, short lines that end no sentence), each with the contacts under
    /// its "Contact" label. Gives the articles and what came before the first.
    fn articles(
        &self,
        blocks: Vec<Block>,
        strays: &mut Vec<(usize, Call)>,
        notes: &mut Vec<Note>,
    ) -> (Vec<Article>, Vec<Block>) {
        let marked = |b: &Block| {
            b.kind == BlockKind::Heading
                || (b.is_line(30) && b.is_capitals() && address(&b.text).is_none())
        };
        let any_marked = blocks.iter().any(marked);
        let is_title = |b: &Block| {
            if any_marked {
                marked(b)
            } else {
                b.is_line(12)
                    && !ends_sentence(&b.text)
                    && address(&b.text).is_none()
                    && !self.is_contact_label(b)
            }
        };
        let mut articles: Vec<Article> = Vec::new();
        let mut before = Vec::new();
        let mut reader = ContactReader::default();
        // A call after an article's contact is moved only where calls go.
        let has_calls = self
            .config
            .sections
            .iter()
            .any(|s| s.kind == SectionKind::Calls);
        // Contacts taken from lone addresses in the current article: a few at
        // most, each costing a look at the article's names.
        const MAX_GUESSED_CONTACTS: usize = 8;
        let mut guessed = 0;
        for block in blocks {
            if is_title(&block) {
                if let Some(last) = articles.last_mut() {
                    reader.finish(last);
                }
                reader = ContactReader::default();
                guessed = 0;
                articles.push(Article {
                    title: self.casebook.title(&block.plain()),
                    contacts: Vec::new(),
                    body: Vec::new(),
                });
                continue;
            }
            let Some(article) = articles.last_mut() else {
                before.push(block);
                continue;
            };
            if reader.after_contacts
                && has_calls
                && let Some(call) = self.call(&block, None)
            {
                strays.push((block.line, call));
                continue;
            }
            if self.is_contact_label(&block) {
                reader.open(&block, article);
                continue;
            }
            if !reader.take(&block, article) {
                if let Some(email) = address(&block.text).filter(|_| !reader.open)
                    && guessed < MAX_GUESSED_CONTACTS
                    && let Some(name) = name_in(&article.body, &email)
                {
                    notes.push(Note {
                        line: block.line,
                        message: format!("the address {email} stands alone: taken as the contact \"{name}\", named in the article"),
                    });
                    article.contacts.push((name, email));
                    reader.after_contacts = true;
                    guessed += 1;
                    continue;
                }
                article.body.push(block);
            }
        }
        if let Some(last) = articles.last_mut() {
            reader.finish(last);
        }
        (articles, before)
    }

    fn is_contact_label(&self, block: &Block) -> bool {
        let labels = &self.labels;
        let text = block.plain();
        let head = text.split(':').next().unwrap_or("");
        block.is_line(12)
            && (key(head) == key(&labels.contact) || key(head) == key(&labels.contacts))
    }

    // ----- calls --------------------------------------------------------

    /// Sub-titles (the programme of the calls under them), calls (a block
    /// with the deadline label and a date) and the intro (all the rest).
    fn calls(&self, blocks: Vec<Block>) -> (Vec<Block>, Vec<Call>) {
        let mut intro = Vec::new();
        let mut calls = Vec::new();
        let mut programme: Option<String> = None;
        for block in blocks {
            if block.kind == BlockKind::Heading || (block.is_line(8) && block.is_capitals()) {
                let title = self.casebook.title(&block.plain());
                programme = Some(title.clone());
                intro.push(Block::new(block.line, BlockKind::Heading, title));
                continue;
            }
            match self.call(&block, programme.clone()) {
                Some(call) => calls.push(call),
                None => intro.push(block),
            }
        }
        (intro, calls)
    }

    /// A call: the words before the deadline label are its title, unless
    /// they are a whole sentence quoting it («…»): then the quote is, and the
    /// block is kept whole as the description.
    fn call(&self, block: &Block, programme: Option<String>) -> Option<Call> {
        const LONG_TITLE: usize = 15;
        let label = &self.labels.deadline;
        let text = block.plain();
        let (span, at) = self.language.read_date_after(&text, label, self.date)?;
        let before = text[..at]
            .trim_end_matches([',', ' ', ':', ';', '–', '-', '(', '.'])
            .trim();
        let quoted = quoted(before).filter(|_| before.split_whitespace().count() > LONG_TITLE);
        let title = quoted.clone().unwrap_or_else(|| before.to_owned());
        if title.is_empty() {
            return None;
        }
        Some(Call {
            title,
            deadline: span.start,
            programme,
            description: quoted.map(|_| block.text.clone()),
        })
    }

    // ----- editorial ----------------------------------------------------

    /// The editorial: everything up to its signature (a member of the team,
    /// or failing one a name) and the role under it. Gives back what follows.
    fn editorial(&self, blocks: Vec<Block>) -> (Content, Vec<Block>) {
        let team_at = blocks.iter().position(|b| {
            b.is_line(6)
                && self
                    .config
                    .team
                    .iter()
                    .any(|m| key(&m.name) == key(&b.plain()))
        });
        let at = team_at.or_else(|| blocks.iter().position(|b| looks_like_name(&b.plain())));
        let Some(at) = at.filter(|&i| {
            blocks
                .get(i + 1)
                .is_some_and(|r| r.is_line(10) && !ends_sentence(&r.text))
        }) else {
            return (
                Content::Editorial {
                    body: blocks,
                    signature: None,
                },
                Vec::new(),
            );
        };
        let mut blocks = blocks;
        let rest = blocks.split_off(at + 2);
        let role = blocks.pop().map(|b| b.plain()).unwrap_or_default();
        let name = blocks.pop().map(|b| b.plain()).unwrap_or_default();
        (
            Content::Editorial {
                body: blocks,
                signature: Some((name, role)),
            },
            rest,
        )
    }
}

/// The contacts after a "Contact" label: names, each followed by an address.
#[derive(Default)]
struct ContactReader {
    /// Under the label, reading contacts.
    open: bool,
    /// A name read, waiting for its address.
    name: Option<Block>,
    /// The article's contacts are behind: what follows is not the article's.
    after_contacts: bool,
}

impl ContactReader {
    /// The label, and what follows it on its line ("Contact : Ann Lee, ann@x.org").
    fn open(&mut self, label: &Block, article: &mut Article) {
        self.open = true;
        let text = label.plain();
        if let Some((_, rest)) = text.split_once(':') {
            let rest = Block::new(label.line, BlockKind::Paragraph, rest.trim());
            if !rest.text.is_empty() && !self.take(&rest, article) {
                article.body.push(rest);
            }
        }
    }

    /// Takes `block` as part of a contact; `false` when it is none.
    fn take(&mut self, block: &Block, article: &mut Article) -> bool {
        if !self.open {
            return false;
        }
        if let Some(email) = address(&block.text) {
            let name = self
                .name
                .take()
                .map(|n| n.plain())
                .unwrap_or_else(|| email.clone());
            article.contacts.push((name, email));
            self.after_contacts = true;
            return true;
        }
        if let Some((name, email)) = name_and_address(&block.plain()) {
            article.contacts.push((name, email));
            self.after_contacts = true;
            return true;
        }
        if self.name.is_none()
            && block.is_line(6)
            && !ends_sentence(&block.text)
            && !is_phone(&block.text)
        {
            self.name = Some(block.clone());
            return true;
        }
        if is_phone(&block.text) {
            article.body.push(block.clone());
            return true;
        }
        self.finish(article);
        false
    }

    /// Ends the contacts: a name never followed by an address goes back to the text.
    fn finish(&mut self, article: &mut Article) {
        if let Some(name) = self.name.take() {
            article.body.push(name);
        }
        if self.open {
            self.after_contacts = true;
        }
        self.open = false;
    }
}

fn empty(kind: SectionKind) -> Content {
    match kind {
        SectionKind::Text => Content::Text(Vec::new()),
        SectionKind::Editorial => Content::Editorial {
            body: Vec::new(),
            signature: None,
        },
        SectionKind::Articles => Content::Articles(Vec::new()),
        SectionKind::Agenda => Content::Agenda(Vec::new()),
        SectionKind::Calls => Content::Calls {
            intro: Vec::new(),
            calls: Vec::new(),
        },
    }
}

/// Adds `more` to a section's content; free text joins any kind's text.
fn merge(into: &mut Content, more: Content) {
    match (into, more) {
        (Content::Text(a), Content::Text(b)) => a.extend(b),
        (
            Content::Editorial { body, signature },
            Content::Editorial {
                body: b,
                signature: s,
            },
        ) => {
            body.extend(b);
            if signature.is_none() {
                *signature = s;
            }
        }
        (Content::Editorial { body, .. }, Content::Text(b)) => body.extend(b),
        (Content::Articles(a), Content::Articles(b)) => a.extend(b),
        (Content::Articles(a), Content::Text(b)) => match a.last_mut() {
            Some(last) => last.body.extend(b),
            None => a.push(Article {
                title: String::new(),
                contacts: Vec::new(),
                body: b,
            }),
        },
        (Content::Agenda(a), Content::Agenda(b)) => a.extend(b),
        (Content::Calls { intro, calls }, Content::Calls { intro: i, calls: c }) => {
            intro.extend(i);
            calls.extend(c);
        }
        (Content::Calls { intro, .. }, Content::Text(b)) => intro.extend(b),
        // Only content of its own kind, or free text where it has a place,
        // is ever merged (see `closest_free_text_section`).
        (into, more) => unreachable!("{into:?} cannot take {more:?}"),
    }
}

/// The section of the settings whose title or id `block` is.
pub fn section_titled(config: &Config, block: &Block) -> Option<usize> {
    if !block.is_line(12) {
        return None;
    }
    let title = key(&block.plain());
    config
        .sections
        .iter()
        .position(|s| key(&s.title) == title || key(s.id()) == title)
}

/// One line that reads as an event: no list of sentences, no salutation.
fn is_event_line(block: &Block) -> bool {
    const MAX_CHARS: usize = 300;
    let text = block.text.trim();
    block.kind != BlockKind::Heading
        && text.chars().count() <= MAX_CHARS
        && !text.ends_with([',', ':', ';'])
        && text.matches(". ").count() <= 1
}

/// An event line: its link, its place (the last short piece after a comma),
/// and the rest as its title.
fn event(block: &Block, date: DateSpan, group: Option<String>) -> Event {
    let (text, link) = take_link(&block.text);
    let text = plain(&text);
    let pieces: Vec<&str> = text.split(", ").collect();
    let last = pieces.len().saturating_sub(1);
    let place_at = (1..pieces.len()).rev().find(|&i| {
        let head = pieces[i].split(" : ").next().unwrap_or("");
        let words = head.split_whitespace().count();
        (1..=3).contains(&words)
            && (i == last || head.chars().next().is_some_and(char::is_uppercase))
    });
    let (title, place) = match place_at {
        None => (text.clone(), None),
        Some(i) => {
            let (place, tail) = match pieces[i].split_once(" : ") {
                Some((place, tail)) => (place, Some(tail)),
                None => (pieces[i], None),
            };
            let mut title = pieces[..i].join(", ");
            if let Some(tail) = tail {
                title.push_str(" : ");
                title.push_str(tail);
            }
            for piece in &pieces[i + 1..] {
                title.push_str(", ");
                title.push_str(piece);
            }
            (title, Some(place.trim().to_owned()))
        }
    };
    Event {
        date,
        title,
        place,
        group,
        link,
    }
}

/// The first web link of `text`, and the text with it as words: a
/// `[words](url)` keeps its words, a bare or `<…>` URL leaves the text.
fn take_link(text: &str) -> (String, Option<String>) {
    if let Some(open) = text.find("](http")
        && let Some(start) = text[..open].rfind('[')
        && let Some(close) = text[open..].find(')')
    {
        let url = text[open + 2..open + close].to_owned();
        let words = &text[start + 1..open];
        let rest = format!("{}{}{}", &text[..start], words, &text[open + close + 1..]);
        return (rest, Some(url));
    }
    let found = text
        .split_whitespace()
        .find(|w| w.trim_matches(['<', '>']).starts_with("http"));
    match found {
        Some(word) => {
            let url = word.trim_matches(['<', '>', '.', ',', ';', ')']).to_owned();
            let rest = text.replacen(word, "", 1);
            (rest.trim().to_owned(), Some(url))
        }
        None => (text.to_owned(), None),
    }
}

/// The address that is the whole of `text` (`<a@b.fr>`, `*a@b.fr*`, `mailto:a@b.fr`).
fn address(text: &str) -> Option<String> {
    let plain = plain(text);
    let trimmed = plain
        .trim()
        .trim_start_matches("mailto:")
        .trim_matches(['<', '>', '(', ')', '.', ',', ';']);
    let (local, domain) = trimmed.split_once('@')?;
    let ok = !local.is_empty()
        && domain.contains('.')
        && !trimmed.contains(char::is_whitespace)
        && !domain.contains('@');
    ok.then(|| trimmed.to_owned())
}

/// "Name, address" or "Name <address>" on one line.
fn name_and_address(text: &str) -> Option<(String, String)> {
    let word = text.split_whitespace().find(|w| w.contains('@'))?;
    let email = address(word)?;
    let name = text
        .replacen(word, "", 1)
        .trim()
        .trim_matches([',', '-', '–', ':', ';', ' ', '<', '>'])
        .to_owned();
    (!name.is_empty() && name.split_whitespace().count() <= 6).then_some((name, email))
}

fn is_phone(text: &str) -> bool {
    let digits = text.chars().filter(char::is_ascii_digit).count();
    let other = text
        .chars()
        .filter(|c| !c.is_ascii_digit() && !matches!(c, ' ' | '+' | '.' | '-' | '(' | ')' | '/'))
        .count();
    digits >= 8 && other <= 6
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(['*', '_', ' ', '»', '"', ')'])
        .ends_with(['.', '!', '?', ':', ';', ','])
}

/// Two to four words, each with a capital: how a signature looks.
fn looks_like_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
        })
}

/// A quotation in `text` («…», “…”, "…"): how a call names itself in a sentence.
fn quoted(text: &str) -> Option<String> {
    for (open, close) in [('«', '»'), ('“', '”'), ('"', '"')] {
        if let Some(start) = text.find(open) {
            let inner = &text[start + open.len_utf8()..];
            if let Some(end) = inner.find(close) {
                let quote = inner[..end].trim();
                if !quote.is_empty() {
                    return Some(quote.to_owned());
                }
            }
        }
    }
    None
}

/// The person an address stands for, among the names the article writes
/// (two or three capitalised words in a row): the one whose letters the
/// address's local part best matches.
fn name_in(body: &[Block], email: &str) -> Option<String> {
    const MIN_SIMILARITY: f64 = 0.7;
    let local: String = crate::names::fold(email.split('@').next()?)
        .chars()
        .filter(char::is_ascii_alphabetic)
        .collect();
    // The names are looked for in the article's first words only: an
    // article of a million words costs no more than one of ten thousand.
    const MAX_WORDS: usize = 10_000;
    let mut best: Option<(f64, String)> = None;
    let mut seen = 0;
    for block in body {
        if seen > MAX_WORDS {
            break;
        }
        let words: Vec<&str> = block
            .text
            .split_whitespace()
            .take(MAX_WORDS - seen + 1)
            .collect();
        seen += words.len();
        for len in [2, 3] {
            for window in words.windows(len) {
                if !window.iter().all(|w| {
                    w.chars().next().is_some_and(char::is_uppercase)
                        && w.chars().all(char::is_alphabetic)
                }) {
                    continue;
                }
                let name = window.join(" ");
                let letters: String = crate::names::fold(&name)
                    .chars()
                    .filter(char::is_ascii_alphabetic)
                    .collect();
                let Some(initial) = letters.get(..1) else {
                    continue;
                };
                let initial_and_last = format!("{initial}{}", crate::names::fold(window[len - 1]));
                let score = strsim::jaro_winkler(&letters, &local)
                    .max(strsim::jaro_winkler(&initial_and_last, &local));
                if best.as_ref().is_none_or(|(s, _)| score > *s) {
                    best = Some((score, name));
                }
            }
        }
    }
    best.filter(|(score, _)| *score >= MIN_SIMILARITY)
        .map(|(_, name)| name)
}
