//! The `.eml`: one RFC 5322 message ready to send (SPEC §2). Its text part
//! is the `.txt` edition and its HTML part the `.html` edition, byte for
//! byte but for the pictures, which travel as `multipart/related` parts
//! referred to by `cid:` (or stay absolute URLs under `base_url`). Every
//! byte follows from the issue: the boundaries, the `Message-ID` and the
//! `Date` are made from it, never from the clock or chance.

use mail_builder::MessageBuilder;
use mail_builder::headers::address::Address;
use mail_builder::headers::content_type::ContentType;
use mail_builder::headers::raw::Raw;
use mail_builder::mime::{BodyPart, MimePart};

use super::common::content_id;
use super::html::HtmlRenderer;
use super::text::TextRenderer;
use super::{Pictures, RenderContext, RenderError, Renderer};
use crate::document::Document;
use crate::email::Mailbox;
use crate::hash::fnv1a;
use crate::links::Target;
use crate::workspace::EmailSettings;

/// Renders the issue as one email message.
pub struct EmlRenderer;

impl Renderer for EmlRenderer {
    fn render(&self, ctx: &RenderContext<'_>) -> Result<Vec<u8>, RenderError> {
        let settings = ctx.email.ok_or_else(|| {
            RenderError::Template(
                "the .eml needs an [email] table with `from` in infolettre.toml".into(),
            )
        })?;
        let doc = ctx.document;
        let text = utf8(TextRenderer.render(ctx)?);
        let html_ctx = RenderContext {
            pictures: Pictures::Attached,
            ..*ctx
        };
        let html = utf8(HtmlRenderer.render(&html_ctx)?);
        let pictures = if doc.meta.base_url.is_none() {
            attached_pictures(doc)
        } else {
            Vec::new()
        };
        let seed = fnv1a(format!("{text}\0{html}").as_bytes());
        let body = body(&text, &html, pictures, seed);
        message(doc, settings, seed)
            .body(body)
            .write_to_vec()
            .map_err(|e| RenderError::Template(format!("the .eml could not be written: {e}")))
    }
}

fn utf8(bytes: Vec<u8>) -> String {
    // Both editions are built from Rust strings.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// The headers of SPEC §2, in the order a reader's client shows them.
fn message<'x>(doc: &'x Document, settings: &'x EmailSettings, seed: u64) -> MessageBuilder<'x> {
    let meta = &doc.meta;
    let subject = meta
        .issue_title
        .clone()
        .unwrap_or_else(|| format!("{} n° {} — {}", meta.title, meta.number, meta.date_text));
    // A subject is one line: a line break typed as `\n` in a TOML string
    // is a space here, whatever the header encoding would make of it.
    let subject: String = subject
        .split(|c: char| c == ' ' || c.is_control())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let domain = settings
        .from
        .address
        .rsplit_once('@')
        .map_or("infolettre.invalid", |(_, d)| d);
    let mut message = MessageBuilder::new()
        .from(address(&settings.from))
        .subject(subject)
        .date(midnight_utc(meta.date))
        .message_id(format!("{}.{seed:016x}@{domain}", meta.issue_id));
    if let Some(reply_to) = &settings.reply_to {
        message = message.reply_to(address(reply_to));
    }
    if let Some(unsubscribe) = &settings.unsubscribe {
        let url = match &unsubscribe.target {
            Target::Web(url) | Target::Mail { url, .. } => url.clone(),
            _ => unsubscribe.url.clone(),
        };
        message = message.header("List-Unsubscribe", Raw::new(format!("<{url}>")));
        // RFC 8058: an https target accepts the one-click POST.
        if matches!(unsubscribe.target, Target::Web(_)) {
            message = message.header(
                "List-Unsubscribe-Post",
                Raw::new("List-Unsubscribe=One-Click"),
            );
        }
    }
    message
}

fn address(mailbox: &Mailbox) -> Address<'_> {
    match &mailbox.name {
        Some(name) => Address::new_address(Some(name.as_str()), mailbox.address.as_str()),
        None => Address::new_address(None::<&str>, mailbox.address.as_str()),
    }
}

/// The issue's date at midnight UTC, as seconds since 1970: the `Date`
/// header (a draft without a date gets 1 January 1970, said nowhere else).
fn midnight_utc(date: Option<chrono::NaiveDate>) -> i64 {
    date.and_then(|d| d.and_hms_opt(0, 0, 0))
        .map_or(0, |t| t.and_utc().timestamp())
}

/// A sound picture of the issue, as a part of the message.
struct Attached {
    content_id: String,
    mime: &'static str,
    name: String,
    bytes: Vec<u8>,
}

/// Every sound picture the document refers to; an unsound one (only a
/// draft gets this far with it) is left out, as the other editions do.
fn attached_pictures(doc: &Document) -> Vec<Attached> {
    doc.assets
        .iter()
        .filter_map(|asset| {
            let picture = asset.picture.as_ref()?;
            Some(Attached {
                content_id: content_id(&asset.path, &doc.meta),
                mime: picture.format.mime_type(),
                name: asset
                    .path
                    .rsplit('/')
                    .next()
                    .unwrap_or(&asset.path)
                    .to_owned(),
                bytes: picture.bytes.clone(),
            })
        })
        .collect()
}

/// `multipart/alternative` of the two editions; with pictures, the HTML
/// and the pictures are one `multipart/related`.
fn body<'x>(text: &'x str, html: &'x str, pictures: Vec<Attached>, seed: u64) -> MimePart<'x> {
    let text_part = MimePart::new("text/plain", text);
    let html_part = MimePart::new("text/html", html);
    let html_part = if pictures.is_empty() {
        html_part
    } else {
        let mut parts = vec![html_part];
        parts.extend(pictures.into_iter().map(|p| {
            MimePart::new(
                ContentType::new(p.mime).attribute("name", p.name),
                BodyPart::Binary(p.bytes.into()),
            )
            .inline()
            .cid(p.content_id)
        }));
        multipart("multipart/related", parts, seed, 2)
    };
    multipart("multipart/alternative", vec![text_part, html_part], seed, 1)
}

/// A multipart whose boundary comes from the content (`seed`) and its
/// depth: the same issue gives the same bytes.
fn multipart<'x>(kind: &'x str, parts: Vec<MimePart<'x>>, seed: u64, depth: u8) -> MimePart<'x> {
    let boundary = format!("infolettre-{depth}-{seed:016x}");
    MimePart::new(
        ContentType::new(kind).attribute("boundary", boundary),
        BodyPart::Multipart(parts),
    )
}
