//! `invalid-image`: every picture the issue shows is read from its header,
//! then decoded, before any output is asked to draw it. A picture that does
//! not exist or has no picture extension is `missing-image` (see `links`).

use std::collections::HashMap;

use super::{Context, Rule};
use crate::diag::{Code, Diagnostic};
use crate::issue::{FileId, InvalidPicture, PictureFormat, inspect_picture};
use crate::links::Target;
use crate::markup::{self, Inline};
use crate::source::Span;

/// `invalid-image` at each reference to a picture that cannot be shown.
pub struct InvalidImages;

impl Rule for InvalidImages {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        // A picture referred to twice is inspected once.
        let mut verdicts: HashMap<String, Option<InvalidPicture>> = HashMap::new();
        for (file, target, span) in references(cx) {
            let Target::Relative(path) = target else {
                continue;
            };
            let Ok(asset) = cx.issue.resolve(file, &path) else {
                continue;
            };
            if PictureFormat::of_path(&asset.rel).is_none() {
                continue;
            }
            let verdict = verdicts.entry(asset.rel.clone()).or_insert_with(|| {
                let verdict = inspect_picture(&asset.path, &asset.rel).err();
                // The engine memoizes each decode; `check` needs none of them
                // kept, so memory stays bounded by one picture at a time.
                typst::comemo::evict(0);
                verdict
            });
            if let Some(why) = verdict {
                out.push(
                    cx.at(Code::InvalidImage, file, span, why.to_string())
                        .with_help(help(why)),
                );
            }
        }
    }
}

/// Every picture reference: Markdown images and articles' `image`.
fn references(cx: &Context<'_>) -> Vec<(FileId, Target, Span)> {
    let mut out = Vec::new();
    for (file, blocks) in cx.issue.markdown() {
        markup::walk_inlines(blocks, &mut |inline| {
            if let Inline::Image { target, span, .. } = inline {
                out.push((file, target.clone(), span.clone()));
            }
        });
    }
    for (_, article) in cx.issue.articles() {
        if let Some(image) = article.front.as_ref().and_then(|f| f.image.as_ref()) {
            out.push((article.file, image.get_ref().target.clone(), image.span()));
        }
    }
    out
}

fn help(why: &InvalidPicture) -> &'static str {
    match why {
        InvalidPicture::Mismatch { .. } => {
            "save the picture in the format its extension names, or rename it"
        }
        InvalidPicture::TooManyPixels { .. } | InvalidPicture::TooLarge { .. } => {
            "scale the picture down (2000 pixels wide is plenty for print and email)"
        }
        _ => "export the picture again from an image editor, as PNG, JPEG, GIF, WebP or SVG",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{Fixture, article};

    /// A 1×1 RGBA PNG, its chunks and CRCs made with Python's zlib.
    const PNG_1X1: &[u8] = &[
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44,
        0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F,
        0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8,
        0xCF, 0xC0, 0xF0, 0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0x00, 0x00,
        0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ];

    fn fixture_with(picture: &[u8]) -> Fixture {
        let fixture = Fixture::new(&[(
            "nouvelles/01-a.md",
            &article(
                "T",
                "Voici ![Photo](images/a.png) et ![Photo](images/a.png).",
            ),
        )]);
        let path = fixture.root().join("issues/2018-01/images/a.png");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, picture).unwrap();
        fixture
    }

    #[test]
    fn a_sound_png_passes() {
        assert!(fixture_with(PNG_1X1).found(Code::InvalidImage).is_empty());
    }

    #[test]
    fn text_saved_as_png_is_reported_at_each_reference() {
        let fixture = fixture_with(b"not a picture at all");
        assert_eq!(
            fixture.found(Code::InvalidImage),
            [("01-a.md".to_owned(), 5, 7), ("01-a.md".to_owned(), 5, 33)]
        );
    }

    #[test]
    fn a_gif_saved_as_png_is_a_mismatch() {
        let diags: Vec<_> = fixture_with(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;")
            .check()
            .into_iter()
            .filter(|d| d.code == Code::InvalidImage)
            .collect();
        assert_eq!(diags.len(), 2);
        assert!(
            diags[0]
                .message
                .contains("is a GIF picture, but its extension says PNG"),
            "{}",
            diags[0].message
        );
    }
}
