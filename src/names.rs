//! Does an email's local part resemble its owner's name?
//!
//! The heuristic behind the `contact-name-mismatch` warning. Both sides are folded
//! (accents and case, see [`fold`]); the name is cut into tokens on spaces, hyphens,
//! apostrophes and other punctuation ("Jean-Pierre Le Goff" → jean, pierre, le, goff),
//! honorifics (M., Mme, Dr …) dropped; the local part loses its `+tag` and is cut into
//! segments on `.`, `_`, `-`, digits and other non-letters. The local part matches when
//! every segment is a concatenation of units, each unit a whole name token or its initial,
//! each token used at most once and in any order, with at least one whole token of two
//! letters or more that is not a particle (de, le, van …). So `lcollin` (l + collin),
//! `dabdoul` (d + abdoul), `jp.legoff` (j, p + le + goff) and `annie.bordier` (a middle
//! name skipped) match, and so does a lone given name (`jean` for "Jean Dupont"): plausible
//! for a small organisation.
//!
//! Two more forms of a token are how people write their addresses: a **short form**, a run
//! of four letters or more at the start or the end of the token (`chris` for Christophe,
//! `seun` for Oluwaseun, `bert` for Gilbert), and the usual **transliterations** of
//! letters that folding would only strip (`schroeder` for Schröder, `soerensen` for
//! Sørensen, `aasen` for Åsen, `mueller` for Müller; ß is always `ss`). Apart from these
//! there is no fuzzy matching: `chraiti` for "Chaïtri" or `brillet` for "Brilllet" is a
//! mismatch, which is the point: a transposed or doubled letter is how mail gets lost.
//!
//! Role addresses (`contact`, `secretariat` …) belong to no one: callers skip the
//! comparison when [`is_role_address`] is true.

use std::collections::HashSet;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// More name tokens than this are ignored (the search is exponential in them).
const MAX_TOKENS: usize = 12;
/// A local part longer than this (folded, in characters) never matches: RFC 5321 caps it at 64.
const MAX_LOCAL: usize = 64;

/// Name tokens that are titles, not names.
const HONORIFICS: &[&str] = &[
    "m", "mme", "mlle", "mr", "mrs", "ms", "miss", "dr", "pr", "me", "sir",
];

/// Name tokens that cannot alone carry a match.
const PARTICLES: &[&str] = &[
    "de", "du", "des", "le", "la", "les", "van", "von", "der", "den", "ter", "di", "da", "del",
    "della", "dos", "das", "do", "ben", "bin", "ibn", "el", "al",
];

/// Words that make up role addresses, folded; a local part made only of them is a role.
const ROLE_WORDS: &[&str] = &[
    "abuse",
    "accueil",
    "adherents",
    "admin",
    "administratif",
    "administration",
    "admissions",
    "aide",
    "animation",
    "assistance",
    "association",
    "billing",
    "bonjour",
    "bureau",
    "careers",
    "cdm",
    "cite",
    "citedesmetiers",
    "client",
    "clients",
    "com",
    "comm",
    "commercial",
    "communication",
    "compta",
    "comptabilite",
    "contact",
    "contacts",
    "coordination",
    "courrier",
    "delegation",
    "des",
    "dg",
    "direction",
    "documentation",
    "drh",
    "edition",
    "editorial",
    "email",
    "emploi",
    "equipe",
    "evenement",
    "evenements",
    "events",
    "executive",
    "facturation",
    "formation",
    "formations",
    "general",
    "generale",
    "hello",
    "help",
    "info",
    "infolettre",
    "information",
    "informations",
    "infos",
    "inscription",
    "inscriptions",
    "international",
    "jobs",
    "mail",
    "mairie",
    "marketing",
    "media",
    "medias",
    "metiers",
    "newsletter",
    "no",
    "noreply",
    "office",
    "orientation",
    "partenariat",
    "partenariats",
    "postmaster",
    "presidence",
    "president",
    "presidente",
    "press",
    "presse",
    "projet",
    "projets",
    "reception",
    "recrutement",
    "redaction",
    "reply",
    "reseau",
    "rh",
    "sales",
    "secretariat",
    "service",
    "services",
    "support",
    "team",
    "ventes",
    "web",
    "webmaster",
];

/// True when `local` (the part before @) plausibly belongs to `name`.
///
/// It does not look at role addresses: check [`is_role_address`] first.
pub fn local_part_matches(name: &str, local: &str) -> bool {
    let tokens = name_tokens(name);
    let segments = local_segments(local);
    if tokens.is_empty()
        || segments.is_empty()
        || segments.iter().map(Vec::len).sum::<usize>() > MAX_LOCAL
    {
        return false;
    }
    let mut search = Search {
        tokens: &tokens,
        segments: &segments,
        failed: HashSet::new(),
    };
    search.explains(0, 0, 0, false)
}

/// Role addresses (contact, info, delegationexecutive, secretariat, accueil, communication,
/// presse, hello, office, admin, direction, rh, …) that no name needs to match.
///
/// A local part is a role when each of its segments is made only of role words:
/// `contact`, `info-cdm`, `contact.presse`, `no-reply`, `delegationexecutive`.
pub fn is_role_address(local: &str) -> bool {
    let segments = local_segments(local);
    !segments.is_empty()
        && segments.iter().map(Vec::len).sum::<usize>() <= MAX_LOCAL
        && segments
            .iter()
            .all(|segment| is_made_of_role_words(segment))
}

/// Folds accents and case: "Djemâa CHAÏTRI" -> "djemaa chaitri".
///
/// Canonical decomposition without its combining marks, lower case, and the letters that
/// do not decompose spelled out: œ → oe, æ → ae, ß → ss, ø → o, đ/ð → d, ł → l, þ → th,
/// ı → i.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'œ' | 'Œ' => out.push_str("oe"),
            'æ' | 'Æ' => out.push_str("ae"),
            'ß' | 'ẞ' => out.push_str("ss"),
            'ø' | 'Ø' => out.push('o'),
            'đ' | 'Đ' | 'ð' | 'Ð' => out.push('d'),
            'ł' | 'Ł' => out.push('l'),
            'þ' | 'Þ' => out.push_str("th"),
            'ı' => out.push('i'),
            _ => out.extend(c.to_lowercase().filter(|l| !is_combining_mark(*l))),
        }
    }
    out
}

/// The shortest run of letters that counts as a short form of a name token.
const MIN_SHORT_FORM: usize = 4;

/// One token of a name in the forms an address may spell it: folded, and
/// transliterated when that differs.
struct Token {
    forms: Vec<Vec<char>>,
}

impl Token {
    /// The folded form, which decides whether the token is a particle.
    fn folded(&self) -> &[char] {
        &self.forms[0]
    }
}

/// The tokens of a name, honorifics dropped unless nothing else is left.
fn name_tokens(name: &str) -> Vec<Token> {
    // Composed first, and combining marks kept inside words, so that a
    // decomposed "José" stays one word.
    let composed: String = name.nfc().collect();
    let words: Vec<&str> = composed
        .split(|c: char| !c.is_alphabetic() && !is_combining_mark(c))
        .filter(|word| !word.is_empty())
        .collect();
    let all: Vec<Token> = words
        .iter()
        .map(|word| {
            let mut forms = vec![fold(word)];
            let transliterated = fold(&transliterate(word));
            if transliterated != forms[0] {
                forms.push(transliterated);
            }
            Token {
                forms: forms.into_iter().map(|f| f.chars().collect()).collect(),
            }
        })
        .filter(|token| !token.folded().is_empty())
        .collect();
    let is_honorific =
        |t: &Token| HONORIFICS.contains(&t.folded().iter().collect::<String>().as_str());
    let keep_all = all.iter().all(is_honorific);
    all.into_iter()
        .filter(|t| keep_all || !is_honorific(t))
        .take(MAX_TOKENS)
        .collect()
}

/// The German and Nordic spellings of letters that folding would strip to
/// their base letter: ä → ae, ö → oe, ü → ue, ø → oe, å → aa.
fn transliterate(word: &str) -> String {
    let mut out = String::with_capacity(word.len() + 4);
    for c in word.nfc() {
        match c {
            'ä' | 'Ä' => out.push_str("ae"),
            'ö' | 'Ö' | 'ø' | 'Ø' => out.push_str("oe"),
            'ü' | 'Ü' => out.push_str("ue"),
            'å' | 'Å' => out.push_str("aa"),
            c => out.push(c),
        }
    }
    out
}

/// The folded letter runs of a local part, without its `+tag`.
fn local_segments(local: &str) -> Vec<Vec<char>> {
    let base = local.split('+').next().unwrap_or_default();
    fold(base)
        .split(|c: char| !c.is_alphabetic())
        .filter(|segment| !segment.is_empty())
        .map(|segment| segment.chars().collect())
        .collect()
}

/// A depth-first search for an explanation of the segments by the tokens.
struct Search<'a> {
    tokens: &'a [Token],
    segments: &'a [Vec<char>],
    /// States known to lead nowhere: (segment, position, used tokens, strong unit seen).
    failed: HashSet<(usize, usize, u32, bool)>,
}

impl Search<'_> {
    /// Can the rest, from `pos` in segment `seg`, be explained with the unused tokens?
    fn explains(&mut self, seg: usize, pos: usize, used: u32, strong: bool) -> bool {
        let Some(segment) = self.segments.get(seg) else {
            return strong;
        };
        if pos == segment.len() {
            return self.explains(seg + 1, 0, used, strong);
        }
        if self.failed.contains(&(seg, pos, used, strong)) {
            return false;
        }
        let rest = &segment[pos..];
        for (k, token) in self.tokens.iter().enumerate() {
            let bit = 1u32 << k;
            if used & bit != 0 {
                continue;
            }
            let carries = token.folded().len() >= 2 && !is_particle(token.folded());
            for length in spellings(token, rest) {
                if self.explains(seg, pos + length, used | bit, strong || carries) {
                    return true;
                }
            }
            let initial = token.folded();
            if initial.len() > 1
                && rest[0] == initial[0]
                && self.explains(seg, pos + 1, used | bit, strong)
            {
                return true;
            }
        }
        self.failed.insert((seg, pos, used, strong));
        false
    }
}

/// The lengths of `rest`'s starts that spell `token`: a whole form, or a
/// short form of it (its first or last letters, four or more).
fn spellings(token: &Token, rest: &[char]) -> Vec<usize> {
    let mut lengths = Vec::new();
    for form in &token.forms {
        if rest.starts_with(form) {
            lengths.push(form.len());
        }
        for length in (MIN_SHORT_FORM..form.len()).rev() {
            let (start, end) = (&form[..length], &form[form.len() - length..]);
            if rest.starts_with(start) || rest.starts_with(end) {
                lengths.push(length);
            }
        }
    }
    lengths.sort_unstable_by(|a, b| b.cmp(a));
    lengths.dedup();
    lengths
}

/// True for a particle such as "de" or "van".
fn is_particle(token: &[char]) -> bool {
    let token: String = token.iter().collect();
    PARTICLES.contains(&token.as_str())
}

/// True when `segment` is a concatenation of role words.
fn is_made_of_role_words(segment: &[char]) -> bool {
    let text: String = segment.iter().collect();
    // reachable[i]: text[..i] splits into role words (byte offsets; role words are ASCII).
    let mut reachable = vec![false; text.len() + 1];
    reachable[0] = true;
    for i in 0..text.len() {
        if !reachable[i] || !text.is_char_boundary(i) {
            continue;
        }
        for word in ROLE_WORDS {
            if text[i..].starts_with(word) {
                reachable[i + word.len()] = true;
            }
        }
    }
    reachable[text.len()]
}

#[cfg(test)]
mod tests;
