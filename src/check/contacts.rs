//! Rules about people: valid addresses, a contact where the section needs
//! one, one address per person, addresses that fit their owner's name.

use super::{Context, Rule};
use crate::diag::{Code, Diagnostic};
use crate::email;
use crate::issue::{Content, FileId};
use crate::links::Target;
use crate::markup::{self, Inline};
use crate::names;
use crate::source::Span;
use crate::workspace::ContactPolicy;

/// `invalid-email` and `placeholder`: contact emails, `mailto:` links and addresses in text.
pub struct Emails;

impl Rule for Emails {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for (_, article) in cx.issue.articles() {
            for contact in article.front.iter().flat_map(|f| &f.contacts) {
                if let Some(diag) = verdict(
                    cx,
                    article.file,
                    contact.email.span(),
                    contact.email.get_ref(),
                ) {
                    out.push(diag);
                }
            }
        }
        for (file, blocks) in cx.issue.markdown() {
            let mut links = Vec::new();
            markup::walk_inlines(blocks, &mut |inline| {
                if let Inline::Link { target, span, .. } = inline {
                    links.push((target.clone(), span.clone()));
                }
            });
            for (target, span) in &links {
                if let Target::Mail { address, .. } = target {
                    out.extend(verdict(cx, file, span.clone(), address));
                }
            }
            // Addresses written in prose, outside any link.
            let text = cx.source(file).text();
            let covered = |at: usize| links.iter().any(|(_, span)| span.contains(&at));
            for range in prose_ranges(cx, file) {
                for (found, address) in email::find_in_text(&text[range.clone()]) {
                    let span = range.start + found.start..range.start + found.end;
                    if !covered(span.start) {
                        out.extend(verdict(cx, file, span, address));
                    }
                }
            }
        }
    }
}

/// The parts of a file that hold Markdown prose: the body of a Markdown file,
/// the Markdown values of a calls file.
fn prose_ranges(cx: &Context<'_>, file: FileId) -> Vec<Span> {
    for section in &cx.issue.sections {
        match &section.content {
            Some(Content::Editorial(doc)) if doc.file == file => return vec![doc.body.clone()],
            Some(Content::Text(doc)) if doc.file == file => return vec![doc.body.clone()],
            Some(Content::Articles(docs)) => {
                if let Some(doc) = docs.iter().find(|d| d.file == file) {
                    return vec![doc.body.clone()];
                }
            }
            Some(Content::Calls(doc)) if doc.file == file => {
                let descriptions = doc
                    .calls
                    .iter()
                    .filter_map(|c| c.entry.description.as_ref().map(|d| d.span()));
                return doc
                    .intro_span
                    .clone()
                    .into_iter()
                    .chain(descriptions)
                    .collect();
            }
            _ => {}
        }
    }
    Vec::new()
}

/// The finding for one address, if it is not a valid, real one, or looks
/// like a slip on a mail provider's domain.
fn verdict(cx: &Context<'_>, file: FileId, span: Span, address: &str) -> Option<Diagnostic> {
    let Err(error) = email::validate(address) else {
        return suspicious_domain(cx, file, span, address);
    };
    Some(if error.is_placeholder() {
        cx.at(
            Code::Placeholder,
            file,
            span,
            format!("`{address}` is a placeholder address"),
        )
        .with_help("write the real address")
    } else {
        cx.at(
            Code::InvalidEmail,
            file,
            span,
            format!("`{address}` is not a valid email address: {error}"),
        )
    })
}

/// `suspicious-domain`, unless `contacts.toml` knows the address: the
/// editor's word on it.
fn suspicious_domain(
    cx: &Context<'_>,
    file: FileId,
    span: Span,
    address: &str,
) -> Option<Diagnostic> {
    let (_, domain) = address.rsplit_once('@')?;
    let provider = email::slip_of_provider(&domain.to_ascii_lowercase())?;
    let known = cx
        .workspace
        .contacts
        .iter()
        .any(|c| c.email.get_ref().eq_ignore_ascii_case(address));
    (!known).then(|| {
        cx.at(
            Code::SuspiciousDomain,
            file,
            span,
            format!("`{address}`: is `{domain}` a slip for `{provider}`?"),
        )
        .with_help(format!(
            "correct the domain, or add the address to contacts.toml if `{domain}` is right"
        ))
    })
}

/// `missing-contact`: an article without contact where the section requires one.
pub struct MissingContacts;

impl Rule for MissingContacts {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for (section, article) in cx.issue.articles() {
            let Some(front) = &article.front else {
                continue;
            };
            if section.def.contact == ContactPolicy::Required && front.contacts.is_empty() {
                out.push(
                    cx.at(
                        Code::MissingContact,
                        article.file,
                        front.title.span(),
                        format!(
                            "articles of `{}` need a contact, and this one has none",
                            section.def.id()
                        ),
                    )
                    .with_help(
                        "add contacts = [{ name = \"…\", email = \"…\" }] to the front matter",
                    ),
                );
            }
        }
    }
}

/// `contact-conflict`: one person, two addresses (in the issue, or against contacts.toml).
pub struct Conflicts;

impl Rule for Conflicts {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        // Folded name -> (lowercased email, where it was first seen); contacts.toml first.
        let mut known: std::collections::HashMap<String, (String, &str)> =
            std::collections::HashMap::new();
        for c in &cx.workspace.contacts {
            known
                .entry(names::fold(c.name.get_ref()))
                .or_insert((c.email.get_ref().to_lowercase(), "contacts.toml"));
        }
        for (_, article) in cx.issue.articles() {
            let path = cx.source(article.file).path();
            for contact in article.front.iter().flat_map(|f| &f.contacts) {
                let email = contact.email.get_ref().to_lowercase();
                let (other, place) = known
                    .entry(names::fold(contact.name.get_ref()))
                    .or_insert((email.clone(), path));
                if *other != email {
                    out.push(
                        cx.at(
                            Code::ContactConflict,
                            article.file,
                            contact.email.span(),
                            format!(
                                "{} is `{}` here but `{other}` in {place}",
                                contact.name.get_ref(),
                                contact.email.get_ref()
                            ),
                        )
                        .with_help("one person has one address: correct the wrong one"),
                    );
                }
            }
        }
    }
}

/// `contact-name-mismatch`: an address whose local part does not fit its owner's name.
pub struct NameMismatch;

impl Rule for NameMismatch {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for (_, article) in cx.issue.articles() {
            for contact in article.front.iter().flat_map(|f| &f.contacts) {
                let (name, address) = (contact.name.get_ref(), contact.email.get_ref());
                let Some((local, _)) = address.rsplit_once('@') else {
                    continue;
                };
                if email::validate(address).is_err()
                    || names::is_role_address(local)
                    || names::local_part_matches(name, local)
                {
                    continue;
                }
                out.push(cx.at(Code::ContactNameMismatch, article.file, contact.email.span(),
                    format!("`{address}` does not look like the address of {name}"))
                    .with_help("check the spelling of both; if they are right, add allow = [\"contact-name-mismatch\"] to the front matter"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{Fixture, article};
    use crate::diag::Code;

    fn with_contact(name: &str, email: &str, body: &str) -> String {
        format!(
            "+++\ntitle = \"T\"\ncontacts = [{{ name = \"{name}\", email = \"{email}\" }}]\n+++\n{body}\n"
        )
    }

    #[test]
    fn contact_mailto_and_prose_addresses_are_validated() {
        let fixture = Fixture::new(&[(
            "nouvelles/01-a.md",
            &with_contact(
                "Jeanne Martin",
                "jeanne.martin@cite",
                "Écrire à [Jeanne](mailto:jeanne@@cite.fr) ou à paul.x@cite.fr.",
            ),
        )]);
        let found = fixture.found(Code::InvalidEmail);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0], ("01-a.md".to_owned(), 3, 47));
        let clean = Fixture::new(&[(
            "nouvelles/01-a.md",
            &article(
                "T",
                "Écrire à [Jeanne](mailto:jeanne.martin@cite.fr) ou à paul.x@cite.fr.",
            ),
        )]);
        assert!(clean.found(Code::InvalidEmail).is_empty());
    }

    #[test]
    fn a_placeholder_address_is_a_placeholder() {
        let fixture = Fixture::new(&[(
            "nouvelles/01-a.md",
            &with_contact("Jeanne Martin", "jeanne.martin@example.org", "Texte."),
        )]);
        assert_eq!(
            fixture.found(Code::Placeholder),
            [("01-a.md".to_owned(), 3, 47)]
        );
        assert!(fixture.found(Code::InvalidEmail).is_empty());
    }

    #[test]
    fn a_required_contact_must_be_there() {
        let fixture = Fixture::new(&[("nouvelles/01-a.md", "+++\ntitle = \"T\"\n+++\nTexte.\n")]);
        assert_eq!(
            fixture.found(Code::MissingContact),
            [("01-a.md".to_owned(), 2, 9)]
        );
        let fixture = Fixture::new(&[("nouvelles/01-a.md", &article("T", "Texte."))]);
        assert!(fixture.found(Code::MissingContact).is_empty());
    }

    #[test]
    fn one_name_with_two_addresses_conflicts() {
        let fixture = Fixture::new(&[
            (
                "nouvelles/01-a.md",
                &with_contact("Ludovic COLLIN", "lcollin@reseau.com", "Un."),
            ),
            (
                "nouvelles/02-b.md",
                &with_contact("Ludovic Collin", "ludovic.collin@reseau.com", "Deux."),
            ),
            (
                "nouvelles/03-c.md",
                &with_contact("Ludovic Collin", "LCollin@reseau.com", "Trois."),
            ),
        ]);
        assert_eq!(
            fixture.found(Code::ContactConflict),
            [("02-b.md".to_owned(), 3, 48)]
        );
    }

    #[test]
    fn contacts_toml_is_authoritative() {
        let fixture = Fixture::new(&[(
            "nouvelles/01-a.md",
            &with_contact("Ludovic Collin", "ludovic.collin@reseau.com", "Un."),
        )]);
        fixture.write(
            "contacts.toml",
            "[[contact]]\nname = \"Ludovic COLLIN\"\nemail = \"lcollin@reseau.com\"\n",
        );
        assert_eq!(fixture.found(Code::ContactConflict).len(), 1);
    }

    #[test]
    fn mismatched_names_warn_and_allow_silences_them() {
        let body = with_contact("Marie Brilllet", "m.brillet@citedesmetiers22.fr", "Texte.");
        let fixture = Fixture::new(&[("nouvelles/01-a.md", &body)]);
        assert_eq!(
            fixture.found(Code::ContactNameMismatch),
            [("01-a.md".to_owned(), 3, 48)]
        );
        let allowed = body.replacen(
            "+++\ntitle",
            "+++\nallow = [\"contact-name-mismatch\"]\ntitle",
            1,
        );
        let fixture = Fixture::new(&[("nouvelles/01-a.md", &allowed)]);
        assert!(fixture.found(Code::ContactNameMismatch).is_empty());
    }

    #[test]
    fn allow_refuses_errors_and_unknown_codes() {
        let body = "+++\nallow = [\"broken-link\", \"contact-mismatch\"]\ntitle = \"T\"\ncontacts = [{ name = \"Jeanne Martin\", email = \"jeanne.martin@cite.fr\" }]\n+++\nTexte.\n";
        let fixture = Fixture::new(&[("nouvelles/01-a.md", body)]);
        let diags: Vec<_> = fixture
            .check()
            .into_iter()
            .filter(|d| d.code == Code::FrontMatter)
            .collect();
        assert_eq!(diags.len(), 2, "{diags:?}");
        assert_eq!(
            diags[1].help.as_deref(),
            Some("did you mean `contact-name-mismatch`?")
        );
    }
}
