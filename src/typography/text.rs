//! Typography on plain text: straight quotes and apostrophes made curly, and
//! the spaces that French wants before `: ; ! ?` and inside « ».
//!
//! Two passes over the characters: quotes first (one character for one, so
//! protected ranges keep their indices), then spacing. Addresses, times and
//! code are left exactly as typed, and both passes only ever touch quotes and
//! whitespace, so no word can be lost or reordered.

use std::sync::LazyLock;

use regex::Regex;

use super::Language;

/// Text that typography must leave exactly as typed.
///
/// The word boundaries are ASCII ones and only the scheme words are
/// case-insensitive: a Unicode `\b` makes the fast (lazy DFA) search give up
/// on the first accented letter, and a global `(?i)` case-folds the Unicode
/// `\w` classes for nothing (they are closed under case already). With them,
/// compiling the pattern took 2.7 ms and searching the seed's text 3.2 ms;
/// now 1.3 ms and 0.45 ms. An address right after an accented letter
/// ("étéwww.x.fr") is now protected from its ASCII part on: typography only
/// touches quotes and spaces, which that letter is not.
static PROTECTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
          (?-u:\b)[a-zA-Z][a-zA-Z0-9+.\-]*://\S*                # http://, https://, ftp://
        | (?-u:\b)(?i:mailto|tel|sms|data|javascript|vbscript|file|urn|geo|sip|xmpp|magnet|callto|skype)
          :\S*                                                # mailto:a@b.fr, even a bare mailto:
        | (?-u:\b)(?i:www)\.\S+
        | (?-u:\b)[\w\-]+(?:\.[\w\-]+)*\.[a-zA-Z]{2,}/\S*        # citedesmetiers.re/index.php
        | [\w.+'\-]+@[\w\-]+(?:\.[\w\-]+)+                     # e-mail addresses
        | `[^`\n]*`                                            # code in backticks
        ",
    )
    .expect("the protected-text pattern compiles")
});

/// Compiles the pattern of what typography leaves as typed ([`PROTECTED`])
/// now rather than at the first text that needs it: for a command that can
/// do it on another core while it reads the issue.
pub fn compile_patterns() {
    LazyLock::force(&PROTECTED);
}

/// Marks that end a URL's match but belong to the sentence around it. Not the
/// colon: a bare `mailto:` must stay whole.
const URL_TRAILERS: &[char] = &['.', ',', ';', '!', '?', ')', ']', '»', '”', '’', '"', '\''];

/// What may come before an opening quote.
const OPENERS: &[char] = &[
    '(', '[', '{', '-', '–', '—', '/', '«', '“', '‘', '„', '‚', '‹', '¿', '¡',
];

/// What may follow a mark that takes a space before it. A mark followed by a
/// letter, a digit, `/` or `:` is not punctuation but part of a token
/// (10:55, 3:2, std::io, a?b): it is left alone.
const AFTER_MARK: &[char] = &[
    ')', ']', '}', '»', '«', '”', '“', '’', '‘', '„', '‚', '"', '\'', '.', ',', ';', '!', '?', '…',
];

/// Marks that stack without a space between them ("?!").
const STACKING: &[char] = &['!', '?', ';', ':', '(', '[', '{'];

/// Whitespace within a line; a line break is never replaced.
fn is_hspace(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}'
    )
}

/// Which characters of `s` are protected, one flag per character.
pub(super) fn protected(s: &str) -> Vec<bool> {
    // Every protected form holds one of these: most prose holds none, and
    // then the (Unicode-aware, hence slow) pattern need not run at all.
    let may_hold = s.contains([':', '@', '/', '`']) || s.to_ascii_lowercase().contains("www.");
    if !may_hold {
        return vec![false; s.chars().count()];
    }
    let mut ranges = Vec::new();
    for m in PROTECTED.find_iter(s) {
        ranges.push(m.start()..without_trailers(m.as_str()) + m.start());
    }
    // The matches come in order and never overlap: one sweep flags every
    // character (testing each character against every range was quadratic
    // in a text of many short code spans, such as runs of backticks).
    let mut ranges = ranges.into_iter().peekable();
    s.char_indices()
        .map(|(i, _)| {
            while ranges.next_if(|r| r.end <= i).is_some() {}
            ranges.peek().is_some_and(|r| r.contains(&i))
        })
        .collect()
}

/// The length of a matched URL without the marks after it that belong to the
/// sentence (a full stop, an unbalanced closing parenthesis); addresses and
/// code spans never end with such a mark. One pass: the parentheses are
/// counted once, then updated as marks are dropped.
fn without_trailers(text: &str) -> usize {
    let open = text.matches('(').count();
    let mut close = text.matches(')').count();
    let mut end = text.len();
    while let Some(last) = text[..end].chars().next_back() {
        let unbalanced = last == ')' && open < close;
        if !URL_TRAILERS.contains(&last) || (last == ')' && !unbalanced) {
            break;
        }
        end -= last.len_utf8();
        if last == ')' {
            close -= 1;
        }
    }
    end
}

#[derive(Clone, Copy, PartialEq)]
enum Quote {
    Primary,
    Inner,
}

/// The characters of one text node with what surrounds it in reading order.
struct Ctx<'a> {
    chars: &'a [char],
    after: &'a [char],
}

impl Ctx<'_> {
    fn at(&self, i: usize) -> Option<char> {
        match self.chars.get(i) {
            Some(&c) => Some(c),
            None => self.after.get(i - self.chars.len()).copied(),
        }
    }
}

impl Language {
    /// Typography on plain text (French spacing, curly quotes, apostrophes),
    /// never inside URLs, e-mail addresses, times or code; applying it twice
    /// gives what applying it once gave.
    pub fn text(&self, s: &str) -> String {
        self.apply(None, s, &[])
    }

    /// [`Language::text`] on a piece of a longer run: `before` is the character
    /// just before it and `after` the first characters after it, read but
    /// never changed.
    pub(super) fn apply(&self, before: Option<char>, s: &str, after: &[char]) -> String {
        let protected = protected(s);
        let mut chars: Vec<char> = s.chars().collect();
        self.quotes(&mut chars, &protected, before, after);
        self.spacing(&chars, &protected, before, after)
    }

    /// The space a line-internal break before `after` should become, if any:
    /// after an opening « or before a spaced mark or a closing ».
    pub(super) fn space_for_break(&self, before: Option<char>, after: &[char]) -> Option<char> {
        self.space_for_run(&Ctx { chars: &[], after }, before, 0)
    }

    fn quotes(&self, chars: &mut [char], protected: &[bool], before: Option<char>, after: &[char]) {
        let t = &self.typo;
        let mut open: Vec<Quote> = Vec::new();
        let mut single_depth = 0usize;
        for i in 0..chars.len() {
            if protected[i] {
                continue;
            }
            let prev = if i > 0 { Some(chars[i - 1]) } else { before };
            let next = chars.get(i + 1).or(after.first()).copied();
            let opening_place = prev.is_none_or(|p| p.is_whitespace() || OPENERS.contains(&p));
            let c = chars[i];
            if c == t.quotes.0 {
                open.push(Quote::Primary);
            } else if c == t.quotes.1 {
                open.pop();
            } else if c == '"' {
                if opening_place {
                    // A quote between two spaces opens nothing and closes nothing.
                    if next.is_some_and(|n| !n.is_whitespace()) {
                        let kind = if open.is_empty() {
                            Quote::Primary
                        } else {
                            Quote::Inner
                        };
                        open.push(kind);
                        chars[i] = if kind == Quote::Primary {
                            t.quotes.0
                        } else {
                            t.inner_quotes.0
                        };
                    }
                } else {
                    chars[i] = match open.pop() {
                        Some(Quote::Inner) => t.inner_quotes.1,
                        _ => t.quotes.1,
                    };
                }
            } else if c == '\'' {
                chars[i] = match t.single_quotes {
                    Some((o, _)) if opening_place && next.is_some_and(char::is_alphabetic) => {
                        single_depth += 1;
                        o
                    }
                    Some((_, close))
                        if single_depth > 0
                            && !opening_place
                            && !next.is_some_and(char::is_alphanumeric) =>
                    {
                        single_depth -= 1;
                        close
                    }
                    _ => t.apostrophe,
                };
            }
        }
    }

    fn space_before(&self, mark: char) -> Option<char> {
        self.typo
            .space_before
            .iter()
            .find(|(m, _)| *m == mark)
            .map(|(_, s)| *s)
    }

    /// The space a mark at `i` wants before it, if it is punctuation there.
    fn mark_space(&self, ctx: &Ctx<'_>, i: usize) -> Option<char> {
        let space = self.space_before(ctx.at(i)?)?;
        let next = ctx.at(i + 1);
        let punctuation = next.is_none_or(|n| n.is_whitespace() || AFTER_MARK.contains(&n));
        punctuation.then_some(space)
    }

    /// The space that a run of spaces ending before `j` should become.
    fn space_for_run(&self, ctx: &Ctx<'_>, prev: Option<char>, j: usize) -> Option<char> {
        let quote_space = self.typo.quote_space;
        if quote_space.is_some() && prev == Some(self.typo.quotes.0) {
            return quote_space;
        }
        if let Some(space) = self.mark_space(ctx, j) {
            return Some(space);
        }
        if quote_space.is_some() && ctx.at(j) == Some(self.typo.quotes.1) {
            return quote_space;
        }
        None
    }

    fn spacing(
        &self,
        chars: &[char],
        protected: &[bool],
        before: Option<char>,
        after: &[char],
    ) -> String {
        let ctx = Ctx { chars, after };
        let (open, close) = self.typo.quotes;
        let quote_space = self.typo.quote_space;
        let mut out: Vec<char> = Vec::with_capacity(chars.len() + 8);
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let prev = out.last().copied().or(before);
            if protected[i] {
                out.push(c);
                i += 1;
                continue;
            }
            if is_hspace(c) {
                let mut j = i;
                while j < chars.len() && is_hspace(chars[j]) && !protected[j] {
                    j += 1;
                }
                let next_protected = protected.get(j).copied().unwrap_or(false);
                match self
                    .space_for_run(&ctx, prev, j)
                    .filter(|_| !next_protected)
                {
                    Some(space) => out.push(space),
                    None => out.extend_from_slice(&chars[i..j]),
                }
                i = j;
                continue;
            }
            // A space inserted is the one a run of spaces there would become,
            // so that a second pass, seeing a run, keeps it.
            let glued = prev.is_some_and(|p| !p.is_whitespace());
            let wanted = || self.space_for_run(&ctx, prev, i);
            if self.mark_space(&ctx, i).is_some() {
                if glued && !prev.is_some_and(|p| STACKING.contains(&p)) {
                    out.extend(wanted());
                }
                out.push(c);
            } else if quote_space.is_some() && c == close {
                if glued {
                    out.extend(wanted());
                }
                out.push(c);
            } else if let Some(space) = quote_space.filter(|_| c == open) {
                out.push(c);
                if ctx.at(i + 1).is_some_and(|n| !n.is_whitespace()) {
                    out.push(space);
                }
            } else {
                out.push(c);
            }
            i += 1;
        }
        out.into_iter().collect()
    }
}

#[cfg(test)]
mod tests;
