//! Hidden characters: the controls, bidirectional marks, invisible characters and
//! unusual spaces that make an address look right and bounce, and their names.

/// Which family of hidden character an address contains.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HiddenKind {
    /// A C0 or C1 control character (tab, line feed, BEL, …).
    Control,
    /// A bidirectional formatting character (U+200E/F, U+202A–202E, U+2066–2069, U+061C).
    Bidi,
    /// A character that renders as nothing (zero-width space, soft hyphen, BOM, …).
    Invisible,
    /// A space other than U+0020 (no-break space, thin space, line separator, …).
    Space,
}

/// The family of a character that should never be in an address, if it is one.
pub(super) fn hidden_kind(c: char) -> Option<HiddenKind> {
    match c {
        _ if c.is_control() => Some(HiddenKind::Control),
        '\u{061C}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}' => Some(HiddenKind::Bidi),
        '\u{00AD}'
        | '\u{034F}'
        | '\u{115F}'
        | '\u{1160}'
        | '\u{17B4}'
        | '\u{17B5}'
        | '\u{180B}'..='\u{180F}'
        | '\u{200B}'..='\u{200D}'
        | '\u{2060}'..='\u{2064}'
        | '\u{206A}'..='\u{206F}'
        | '\u{3164}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FEFF}'
        | '\u{FFA0}'
        | '\u{FFF9}'..='\u{FFFB}'
        | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0000}'..='\u{E007F}'
        | '\u{E0100}'..='\u{E01EF}' => Some(HiddenKind::Invisible),
        ' ' => None,
        _ if c.is_whitespace() => Some(HiddenKind::Space),
        _ => None,
    }
}

/// The Unicode name (lower-cased) of the hidden characters met most often.
pub(super) fn char_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\t' => "tab",
        '\n' => "line feed",
        '\r' => "carriage return",
        '\u{00A0}' => "no-break space",
        '\u{00AD}' => "soft hyphen",
        '\u{034F}' => "combining grapheme joiner",
        '\u{061C}' => "arabic letter mark",
        '\u{200B}' => "zero width space",
        '\u{200C}' => "zero width non-joiner",
        '\u{200D}' => "zero width joiner",
        '\u{200E}' => "left-to-right mark",
        '\u{200F}' => "right-to-left mark",
        '\u{2028}' => "line separator",
        '\u{2029}' => "paragraph separator",
        '\u{202A}' => "left-to-right embedding",
        '\u{202B}' => "right-to-left embedding",
        '\u{202C}' => "pop directional formatting",
        '\u{202D}' => "left-to-right override",
        '\u{202E}' => "right-to-left override",
        '\u{202F}' => "narrow no-break space",
        '\u{2060}' => "word joiner",
        '\u{2066}' => "left-to-right isolate",
        '\u{2067}' => "right-to-left isolate",
        '\u{2068}' => "first strong isolate",
        '\u{2069}' => "pop directional isolate",
        '\u{3000}' => "ideographic space",
        '\u{FEFF}' => "zero width no-break space, or byte order mark",
        _ => return None,
    })
}
