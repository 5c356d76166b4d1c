//! Finding addresses in prose: the candidates that `check` then validates one by one.

use std::ops::Range;

use unicode_normalization::char::is_combining_mark;

use super::HiddenKind;
use super::hidden::hidden_kind;

/// Email addresses written in prose: byte ranges and the address, for checking addresses in text.
///
/// A candidate is a run of address characters around an @ whose domain holds a letter and
/// which has a dot on either side. In prose the part before @ is taken as letters, digits,
/// hidden characters and `. _ - +` (the characters real addresses use), so Markdown
/// emphasis (`*a@b.fr*`), quotes and brackets around an address are left out, and so is a
/// `mailto:` scheme. Trailing sentence punctuation is trimmed. Candidates are returned
/// whether valid or not: pass each to [`validate`](super::validate).
pub fn find_in_text(text: &str) -> Vec<(Range<usize>, &str)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(offset) = text[from..].find('@') {
        let at = from + offset;
        // Step 1: grow around the @, never back into the previous candidate.
        let mut start = at;
        for (i, c) in text[from..at].char_indices().rev() {
            if !is_prose_local_char(c) {
                break;
            }
            start = from + i;
        }
        let mut end = at + 1;
        for (i, c) in text[at + 1..].char_indices() {
            if !(is_prose_domain_char(c) || c == '@') {
                break;
            }
            end = at + 1 + i + c.len_utf8();
        }
        from = end;
        // Step 2: trim what prose puts around an address.
        while let Some(c) = text[start..at].chars().next() {
            if matches!(c, '.' | '_' | '-' | '+') || hidden_kind(c).is_some() {
                start += c.len_utf8();
            } else {
                break;
            }
        }
        while let Some(c) = text[at + 1..end].chars().next_back() {
            if matches!(c, '.' | '-' | '@') || hidden_kind(c).is_some() {
                end -= c.len_utf8();
            } else {
                break;
            }
        }
        // Step 3: keep what looks like an attempt at an address.
        let local = &text[start..at];
        let domain = text[at + 1..end].rsplit('@').next().unwrap_or_default();
        if !local.is_empty()
            && domain.chars().any(char::is_alphabetic)
            && (domain.contains('.') || local.contains('.'))
        {
            found.push((start..end, &text[start..end]));
        }
    }
    found
}

/// Characters taken before @ when looking for addresses in prose.
fn is_prose_local_char(c: char) -> bool {
    c.is_alphanumeric()
        || matches!(c, '.' | '_' | '-' | '+')
        || is_combining_mark(c)
        || hidden_kind(c)
            .is_some_and(|kind| kind != HiddenKind::Control && kind != HiddenKind::Space)
}

/// Characters taken after @ when looking for addresses in prose.
fn is_prose_domain_char(c: char) -> bool {
    c.is_alphanumeric()
        || matches!(c, '.' | '-')
        || is_combining_mark(c)
        || hidden_kind(c)
            .is_some_and(|kind| kind != HiddenKind::Control && kind != HiddenKind::Space)
}
