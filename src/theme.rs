//! The newsletter's colours, in one layout file (`layouts/theme.toml`) that
//! every edition takes, so the email, the web page and the print edition
//! look like one publication: the print layout reads the file itself
//! (`layouts/print/theme.typ`), and every HTML layout file, the style
//! sheets included, is a template that sees it as `theme`.
//!
//! A workspace's `theme.toml` is a contributor's file like any other, and
//! its values land in style sheets: each colour is parsed into [`Colour`],
//! which can only ever be written back as `#rrggbb`, so no value can carry
//! anything else into the CSS.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::layouts::{LayoutError, Layouts};

/// The layout file of the theme.
pub const FILE: &str = "theme.toml";

/// The colours of the light editions (paper, and screens in light mode)
/// and of screens in dark mode.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    pub light: Palette,
    pub dark: Palette,
}

/// One set of colours. The names are those of `print/theme.typ`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Palette {
    /// Body text.
    pub ink: Colour,
    /// Secondary text: places, contacts, the footer.
    pub muted: Colour,
    /// The masthead, the section rules, titles and links.
    pub accent: Colour,
    /// Sub-headings and the issue's own title.
    pub accent_dark: Colour,
    /// Dates, labels and the rule under the masthead.
    pub warm: Colour,
    /// The bands: the agenda, the contents, the footer.
    pub tint: Colour,
    /// Rules between rows and around tables.
    pub hairline: Colour,
    /// The page itself.
    pub paper: Colour,
    /// Around the page, where a screen is wider than the email.
    pub canvas: Colour,
}

impl Theme {
    /// The theme of `layouts`: the workspace's `theme.toml` when it has one,
    /// else the embedded one.
    pub fn load(layouts: &Layouts) -> Result<Theme, LayoutError> {
        let text = layouts.text(FILE)?;
        toml::from_str(&text).map_err(|e| LayoutError::Invalid {
            name: FILE.to_owned(),
            reason: e.to_string(),
        })
    }
}

/// An opaque colour, read from and written as `#rrggbb`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colour([u8; 3]);

/// Why a colour was refused.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a colour: write it as #rrggbb, six hexadecimal digits")]
pub struct NotAColour(String);

impl FromStr for Colour {
    type Err = NotAColour;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let refuse = || NotAColour(text.to_owned());
        let digits = text.strip_prefix('#').ok_or_else(refuse)?;
        if digits.len() != 6 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(refuse());
        }
        let channel = |i: usize| u8::from_str_radix(&digits[i..i + 2], 16).map_err(|_| refuse());
        Ok(Colour([channel(0)?, channel(2)?, channel(4)?]))
    }
}

impl fmt::Display for Colour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [r, g, b] = self.0;
        write!(f, "#{r:02x}{g:02x}{b:02x}")
    }
}

impl Serialize for Colour {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Colour {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_colour_is_six_hex_digits_and_is_written_back_in_lower_case() {
        assert_eq!("#0D5C7A".parse::<Colour>().unwrap().to_string(), "#0d5c7a");
        for refused in [
            "0d5c7a",
            "#0d5c7",
            "#0d5c7a0",
            "#0d5c7g",
            "red",
            "#fff",
            "#0d5c7a; } body { background: url(x)",
            "#ＦＦＦＦＦＦ",
        ] {
            assert!(refused.parse::<Colour>().is_err(), "{refused} accepted");
        }
    }

    #[test]
    fn the_embedded_theme_loads() {
        let theme = Theme::load(&Layouts::embedded()).unwrap();
        assert_eq!(theme.light.paper.to_string(), "#ffffff");
    }

    #[test]
    fn a_bad_theme_names_the_file_the_line_and_the_key() {
        let dir = tempfile::tempdir().unwrap();
        let embedded = Layouts::embedded().text(FILE).unwrap();
        let broken = embedded.replacen("\"#0d5c7a\"", "\"teal\"", 1);
        assert_ne!(broken, embedded, "the embedded theme names #0d5c7a");
        std::fs::write(dir.path().join(FILE), broken).unwrap();
        let error = Theme::load(&Layouts::with_overrides(dir.path())).unwrap_err();
        let message = error.to_string();
        assert!(message.starts_with("layouts/theme.toml: "), "{message}");
        assert!(message.contains("line "), "{message}");
        assert!(message.contains("`teal` is not a colour"), "{message}");
    }
}
