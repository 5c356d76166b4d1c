//! What the text outputs (Markdown, HTML, plain text) decide alike: the labels
//! around the content, heading levels, list looseness, and where a link or an
//! image points.

use std::cell::Cell;

use crate::document::{Contact, Document, Meta};
use crate::links::Target;
use crate::markup::Block;
use crate::render::Pictures;

/// A label followed by a colon, spaced by the language's typography
/// ("Contact\u{A0}:" in French, "Contact:" in English).
pub(crate) fn with_colon(label: &str, language: &crate::typography::Language) -> String {
    // The labels come bare; the language files say what goes before a colon.
    language.text(&format!("{label}:"))
}

/// The label of a contact line, singular or plural, with its colon.
pub(crate) fn contacts_label(doc: &Document, contacts: &[Contact]) -> String {
    let label = if contacts.len() > 1 {
        &doc.labels.contacts
    } else {
        &doc.labels.contact
    };
    with_colon(label, &doc.language)
}

/// The title of the issue: the newsletter's name, then the issue's own title
/// when it has one.
pub(crate) fn issue_title(meta: &Meta) -> String {
    match &meta.issue_title {
        Some(title) => format!("{} — {title}", meta.title),
        None => meta.title.clone(),
    }
}

/// The level of a content heading: at least `min_level` (below the
/// section's or article's own heading), at most one below the previous
/// heading, so that the outline never skips a level (the Nu checker
/// rejects that), whatever levels the author typed.
pub(crate) fn heading_level(typed: u8, min_level: u8, last: &Cell<u8>) -> u8 {
    let level = typed
        .clamp(min_level, 6)
        .min(last.get().max(min_level - 1) + 1);
    last.set(level);
    level
}

/// Whether a list needs blank lines between its items: the model keeps no
/// tightness, so a list is tight when each item is one block, possibly
/// followed by nested lists.
pub(crate) fn is_loose(items: &[Vec<Block>]) -> bool {
    items.iter().any(|item| {
        item.iter()
            .skip(1)
            .any(|b| !matches!(b, Block::List { .. }))
    })
}

/// Whether a link's text is its own target (`<http://a.fr>`, `<a@b.fr>`).
pub(crate) fn is_autolink(text: &str, url: &str, target: &Target) -> bool {
    text == url || matches!(target, Target::Mail { address, .. } if address == text)
}

/// A relative reference made absolute under `{base_url}/{issue_id}/`, when
/// the newsletter has a base URL.
pub(crate) fn absolute(relative: &str, meta: &Meta) -> Option<String> {
    let base = meta.base_url.as_deref()?.trim_end_matches('/');
    let dir = url::Url::parse(&format!("{base}/{}/", meta.issue_id)).ok()?;
    dir.join(relative).ok().map(String::from)
}

/// The target a link points to, or `None` when it must stay text. A relative
/// target is made [`absolute`] under `base`'s base URL when `base` is given,
/// and kept as written otherwise.
pub(crate) fn href(target: &Target, base: Option<&Meta>) -> Option<String> {
    match target {
        Target::Web(u) | Target::Mail { url: u, .. } => Some(u.clone()),
        Target::Fragment(anchor) => Some(format!("#{anchor}")),
        Target::Relative(u) => Some(relative_src(u, base)),
        Target::Phone(_) | Target::Unsafe(_) | Target::Broken(_) => None,
    }
}

/// The source of an image, or `None` when it cannot be shown; made
/// [`absolute`] like a link target when `base` is given.
pub(crate) fn image_src(target: &Target, base: Option<&Meta>) -> Option<String> {
    match target {
        Target::Relative(u) => Some(relative_src(u, base)),
        // Pictures come from the issue only: a remote one is never loaded.
        _ => None,
    }
}

/// The width of the email's content column: 600 px less its padding.
pub(crate) const EMAIL_CONTENT_WIDTH: u32 = 552;

/// The size at which the email shows a picture of `pixels`: its own, never
/// upscaled, scaled down to the content column. Outlook on the desktop
/// reads only these attributes, not CSS.
pub(crate) fn email_size((width, height): (u32, u32)) -> (u32, u32) {
    if width <= EMAIL_CONTENT_WIDTH || width == 0 {
        (width, height)
    } else {
        let scaled =
            (u64::from(height) * u64::from(EMAIL_CONTENT_WIDTH)).div_ceil(u64::from(width));
        (EMAIL_CONTENT_WIDTH, scaled.max(1) as u32)
    }
}

/// A picture of the issue as the HTML refers to it: by `cid:` when it
/// travels in the same email, else by its path (absolute under `base_url`).
pub(crate) fn picture_src(path: &str, meta: &Meta, pictures: Pictures) -> String {
    if pictures == Pictures::Attached && meta.base_url.is_none() {
        return format!("cid:{}", content_id(path, meta));
    }
    relative_src(path, Some(meta))
}

/// The Content-ID of a picture of the issue in its email: the path made
/// safe for a message id (letters, digits, `.`, `-`), a hash of the path
/// (so `a b.png` and `a-b.png` stay apart), and the issue.
pub(crate) fn content_id(path: &str, meta: &Meta) -> String {
    let safe: String = path
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let hash = crate::hash::fnv1a(path.as_bytes()) as u32;
    format!("{safe}.{hash:08x}@{}.infolettre", meta.issue_id)
}

/// A path of the issue as a page refers to it: [`absolute`] under `base`'s
/// base URL when `base` is given and the newsletter has one, as written
/// otherwise.
pub(crate) fn relative_src(path: &str, base: Option<&Meta>) -> String {
    base.and_then(|meta| absolute(path, meta))
        .unwrap_or_else(|| path.to_owned())
}
