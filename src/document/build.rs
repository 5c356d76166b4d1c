//! Building the [`Document`] from a loaded issue: sections resolved in print
//! order, dates written out, typography applied, pictures collected.

use super::*;
use crate::issue::{self, Content, FileId, Issue};
use crate::links::{Link, Target};
use crate::markup::{self as md};
use crate::tomlfile::DateValue;
use crate::typography::Language;
use crate::workspace::Workspace;

/// Builds the document of `issue`. Parts that failed to load (and were
/// reported) are left out; with `draft`, every output says it is a draft.
pub fn build(workspace: &Workspace, issue: &Issue, draft: bool) -> Document {
    let newsletter = &workspace.config.newsletter;
    let tag = newsletter.language.get_ref();
    let lang = &workspace.language;
    let date = issue.date();
    let mut builder = Builder {
        issue,
        lang,
        assets: Vec::new(),
    };
    let sections = issue
        .sections
        .iter()
        .filter_map(|s| builder.section(s))
        .collect();
    let mut subtags = tag.split('-');
    let primary = subtags.next().unwrap_or("fr").to_ascii_lowercase();
    let region = subtags
        .find(|s| s.len() == 2 && s.chars().all(|c| c.is_ascii_alphabetic()))
        .map(str::to_ascii_uppercase);
    let meta = issue.meta.as_ref();
    let issue_title = meta.and_then(|m| m.title.clone()).map(|t| lang.text(&t));
    // Only a draft gets this far without a valid date: say so in its words.
    let date_text = date
        .map(|d| lang.date(d))
        .unwrap_or_else(|| "TODO".to_owned());
    let preheader = meta
        .and_then(|m| m.preheader.clone())
        .map(|p| lang.text(&p))
        .unwrap_or_else(|| {
            let number = meta.map(|m| *m.number.get_ref()).unwrap_or_default();
            format!(
                "{} {} {number} — {date_text}",
                newsletter.title,
                lang.labels().number
            )
        });
    Document {
        meta: Meta {
            title: newsletter.title.clone(),
            publisher: lang.text(&newsletter.publisher),
            dir: if ["ar", "he", "fa", "ur"].contains(&primary.as_str()) {
                "rtl"
            } else {
                "ltr"
            }
            .to_owned(),
            lang: primary,
            region,
            language: tag.clone(),
            website: newsletter.website.as_ref().map(|w| Link::new(w.get_ref())),
            contact: newsletter.contact.as_ref().map(|c| c.get_ref().clone()),
            unsubscribe: workspace
                .config
                .email
                .as_ref()
                .and_then(|e| e.unsubscribe.clone()),
            base_url: newsletter.base_url.as_ref().map(|b| b.get_ref().clone()),
            issue_id: issue.id.to_string(),
            number: meta.map(|m| *m.number.get_ref()).unwrap_or_default(),
            date,
            date_text,
            issue_title,
            preheader,
            draft,
        },
        labels: lang.labels(),
        language: lang.clone(),
        sections,
        team: workspace
            .config
            .team
            .iter()
            .map(|m| TeamMember {
                name: lang.text(&m.name),
                role: lang.text(&m.role),
            })
            .collect(),
        assets: builder.assets,
    }
}

struct Builder<'a> {
    issue: &'a Issue,
    lang: &'a Language,
    assets: Vec<Asset>,
}

impl Builder<'_> {
    fn section(&mut self, loaded: &issue::LoadedSection) -> Option<Section> {
        let def = &loaded.def;
        let mut title = self.lang.text(&def.title);
        let body = match loaded.content.as_ref()? {
            Content::Editorial(doc) => {
                let front = doc.front.as_ref();
                SectionBody::Editorial {
                    blocks: self.blocks(doc.file, &doc.blocks),
                    signature: front
                        .map(|f| self.lang.text(f.signature.get_ref()))
                        .unwrap_or_default(),
                    role: front
                        .map(|f| self.lang.text(f.role.get_ref()))
                        .unwrap_or_default(),
                }
            }
            Content::Text(doc) => {
                if let Some(own) = doc.front.as_ref().and_then(|f| f.title.as_ref()) {
                    title = self.lang.text(own.get_ref());
                }
                SectionBody::Text {
                    blocks: self.blocks(doc.file, &doc.blocks),
                }
            }
            Content::Articles(docs) => SectionBody::Articles {
                articles: docs.iter().map(|d| self.article(d)).collect(),
            },
            Content::Agenda(agenda) => SectionBody::Agenda {
                groups: self.agenda(&def.groups, agenda),
            },
            Content::Calls(calls) => SectionBody::Calls {
                intro: self.blocks(calls.file, &calls.intro),
                calls: calls
                    .calls
                    .iter()
                    .map(|c| self.call(calls.file, c))
                    .collect(),
            },
        };
        Some(Section {
            id: def.id().to_owned(),
            title,
            body,
        })
    }

    fn article(&mut self, doc: &issue::MdDoc<issue::ArticleFront>) -> Article {
        let front = doc.front.as_ref();
        let image = front.and_then(|f| {
            let path = f.image.as_ref()?;
            let asset = self.asset(doc.file, &path.get_ref().target)?;
            let alt = f
                .image_alt
                .as_ref()
                .map(|a| self.lang.text(a.get_ref()))
                .unwrap_or_default();
            Some(Image { path: asset, alt })
        });
        Article {
            slug: doc.stem.clone(),
            title: self.inline_text(
                front
                    .map(|f| f.title.get_ref().as_str())
                    .unwrap_or(&doc.stem),
            ),
            image,
            blocks: self.blocks(doc.file, &doc.blocks),
            contacts: front
                .map(|f| {
                    f.contacts
                        .iter()
                        .map(|c| Contact {
                            name: c.name.get_ref().clone(),
                            email: c.email.get_ref().clone(),
                        })
                        .collect()
                })
                .unwrap_or_default(),
        }
    }

    /// The events in the section's group order. Events of an undeclared group
    /// (possible only in a draft) follow under their own heading, and an
    /// impossible date is printed as written: a draft loses nothing.
    fn agenda(&self, groups: &[String], agenda: &issue::AgendaDoc) -> Vec<AgendaGroup> {
        let mut out: Vec<AgendaGroup> = groups
            .iter()
            .map(|name| AgendaGroup {
                name: Some(self.lang.text(name)),
                events: Vec::new(),
            })
            .collect();
        for entry in &agenda.events {
            let group = entry.group.as_ref().map(|g| g.get_ref().as_str());
            let name = group.map(|g| self.lang.text(g));
            let index = match group.and_then(|g| groups.iter().position(|declared| declared == g)) {
                Some(index) => index,
                None => match out.iter().skip(groups.len()).position(|g| g.name == name) {
                    Some(extra) => groups.len() + extra,
                    None => {
                        out.push(AgendaGroup {
                            name,
                            events: Vec::new(),
                        });
                        out.len() - 1
                    }
                },
            };
            out[index].events.push(self.event(entry));
        }
        out.retain(|g| !g.events.is_empty());
        out
    }

    fn event(&self, entry: &issue::EventEntry) -> Event {
        let date = entry.date.day();
        let end = entry
            .end
            .as_ref()
            .and_then(DateValue::day)
            .filter(|end| Some(*end) != date);
        Event {
            when: match date {
                Some(date) => self.lang.date_range(date, end),
                None => entry.date.to_string(),
            },
            date: date.map_or_else(
                || WrittenDate::AsWritten(entry.date.to_string()),
                WrittenDate::Day,
            ),
            end: end.map(WrittenDate::Day),
            title: self.inline_text(entry.title.get_ref()),
            place: entry.place.as_ref().map(|p| self.lang.text(p.get_ref())),
            link: entry.link.as_ref().map(|l| l.get_ref().clone()),
        }
    }

    fn call(&mut self, file: FileId, call: &issue::Call) -> Call {
        let deadline = call.entry.deadline.day();
        Call {
            title: self.inline_text(call.entry.title.get_ref()),
            deadline: deadline.map_or_else(
                || WrittenDate::AsWritten(call.entry.deadline.to_string()),
                WrittenDate::Day,
            ),
            deadline_text: deadline
                .map_or_else(|| call.entry.deadline.to_string(), |d| self.lang.date(d)),
            programme: call
                .entry
                .programme
                .as_ref()
                .map(|p| self.lang.text(p.get_ref())),
            link: call.entry.link.as_ref().map(|l| l.get_ref().clone()),
            description: self.blocks(file, &call.description),
        }
    }

    /// Plain text from a TOML string, typeset (ordinals become superscripts).
    fn inline_text(&self, text: &str) -> Vec<md::Inline> {
        self.lang.inlines(vec![md::Inline::Text {
            text: text.to_owned(),
        }])
    }

    /// Typesets blocks and rewrites picture paths to the issue-relative
    /// paths under which the outputs find them.
    fn blocks(&mut self, file: FileId, blocks: &[md::Block]) -> Vec<md::Block> {
        let mut blocks = self.lang.blocks(blocks.to_vec());
        md::visit_inlines_mut(&mut blocks, &mut |inline| {
            if let md::Inline::Image { url, target, .. } = inline
                && let Some(rel) = self.asset(file, target)
            {
                *url = rel.clone();
                *target = Target::Relative(rel);
            }
        });
        blocks
    }

    /// Registers a picture of the issue and returns its issue-relative path.
    fn asset(&mut self, file: FileId, target: &Target) -> Option<String> {
        let Target::Relative(path) = target else {
            return None;
        };
        let asset = self.issue.resolve(file, path).ok()?;
        if !self.assets.iter().any(|a| a.path == asset.rel) {
            let picture = crate::issue::inspect_picture(&asset.path, &asset.rel)
                .ok()
                .map(std::sync::Arc::new);
            self.assets.push(Asset {
                path: asset.rel.clone(),
                source: asset.path,
                picture,
            });
        }
        Some(asset.rel)
    }
}
