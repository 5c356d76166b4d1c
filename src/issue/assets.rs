//! Relative paths in an issue (pictures, linked files), resolved the one way
//! that `check` and the renderers share: from the referring file's folder,
//! then from the issue folder, never outside the issue.

use std::path::PathBuf;

use super::{FileId, Issue};

/// A file of the issue that a path refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    /// The file on disk (canonical).
    pub path: PathBuf,
    /// Its path relative to the issue directory, with `/` ("images/a.png").
    pub rel: String,
}

/// Why a relative path refers to no usable file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Unresolved {
    #[error("there is no file `{0}` in the issue")]
    NotFound(String),
    #[error("`{0}` lies outside the issue directory")]
    Outside(String),
}

impl Issue {
    /// Resolves `target`, a relative path written in `from`.
    pub fn resolve(&self, from: FileId, target: &str) -> Result<Asset, Unresolved> {
        let decoded = percent_encoding::percent_decode_str(target).decode_utf8_lossy();
        let clean = decoded.split(['?', '#']).next().unwrap_or("");
        if clean.is_empty() || clean.starts_with('/') || clean.contains('\\') {
            return Err(Unresolved::Outside(target.to_owned()));
        }
        let root = self
            .dir
            .canonicalize()
            .map_err(|_| Unresolved::NotFound(target.to_owned()))?;
        let from_path = self.source(from).path();
        let from_dir = from_path.rsplit_once('/').map_or("", |(dir, _)| dir);
        let within_issue = from_dir
            .strip_prefix(self.rel_dir.as_str())
            .unwrap_or("")
            .trim_start_matches('/');
        let mut outside = false;
        for base in [root.join(within_issue), root.clone()] {
            let Ok(path) = base.join(clean).canonicalize() else {
                continue;
            };
            match path.strip_prefix(&root) {
                Ok(rel) if path.is_file() => {
                    let rel = rel
                        .components()
                        .map(|c| c.as_os_str().to_string_lossy())
                        .collect::<Vec<_>>()
                        .join("/");
                    return Ok(Asset { path, rel });
                }
                Ok(_) => {}
                Err(_) => outside = true,
            }
        }
        Err(if outside {
            Unresolved::Outside(target.to_owned())
        } else {
            Unresolved::NotFound(target.to_owned())
        })
    }
}

/// The most pixels a picture may declare (40 megapixels): a decoded picture
/// costs about four bytes a pixel, so this bounds what any output allocates
/// for one picture, whatever a few bytes of header claim.
pub const MAX_PIXELS: u64 = 40_000_000;

/// The largest picture file read (20 MB); a larger one is refused unread.
pub const MAX_PICTURE_BYTES: u64 = 20 * 1024 * 1024;

/// The formats a picture may have, by the extensions that name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PictureFormat {
    Png,
    Jpeg,
    Gif,
    Webp,
    Svg,
}

impl PictureFormat {
    /// Its media type, for a MIME part or an HTTP response.
    pub fn mime_type(self) -> &'static str {
        match self {
            PictureFormat::Png => "image/png",
            PictureFormat::Jpeg => "image/jpeg",
            PictureFormat::Gif => "image/gif",
            PictureFormat::Webp => "image/webp",
            PictureFormat::Svg => "image/svg+xml",
        }
    }

    /// The format an extension names (case-insensitive), if any.
    pub fn from_extension(extension: &str) -> Option<Self> {
        Some(match extension.to_ascii_lowercase().as_str() {
            "png" => Self::Png,
            "jpg" | "jpeg" => Self::Jpeg,
            "gif" => Self::Gif,
            "webp" => Self::Webp,
            "svg" => Self::Svg,
            _ => return None,
        })
    }

    /// The format a path's extension names.
    pub fn of_path(path: &str) -> Option<Self> {
        Self::from_extension(path.rsplit_once('.')?.1)
    }

    fn name(self) -> &'static str {
        match self {
            Self::Png => "PNG",
            Self::Jpeg => "JPEG",
            Self::Gif => "GIF",
            Self::Webp => "WebP",
            Self::Svg => "SVG",
        }
    }
}

/// A picture whose header and content were found sound.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    pub format: PictureFormat,
    /// The size in pixels, for raster pictures.
    pub pixels: Option<(u32, u32)>,
    /// The file's bytes, read once.
    pub bytes: Vec<u8>,
}

/// Why a picture cannot be shown (`invalid-image`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidPicture {
    #[error("`{0}` has no picture extension (.png, .jpg, .jpeg, .gif, .svg, .webp)")]
    NoExtension(String),
    #[error("`{0}` cannot be read: {1}")]
    Unreadable(String, String),
    #[error("`{path}` is over the limit of {MAX_PICTURE_BYTES} bytes for a picture")]
    TooLarge { path: String },
    #[error("`{0}` is not a picture in any known format")]
    Unknown(String),
    #[error("`{path}` is a {actual} picture, but its extension says {expected}")]
    Mismatch {
        path: String,
        actual: &'static str,
        expected: &'static str,
    },
    #[error("`{path}` declares {width}×{height} pixels, over the limit of {} megapixels", MAX_PIXELS / 1_000_000)]
    TooManyPixels {
        path: String,
        width: u64,
        height: u64,
    },
    #[error("`{path}` does not decode: {reason}")]
    Undecodable { path: String, reason: String },
}

/// Reads and inspects the picture at `path` (`rel` names it in messages and
/// gives the expected format): the header first, then a decode by the print
/// engine's own decoder, which is attempted only once the declared size is
/// within [`MAX_PIXELS`].
pub fn inspect_picture(path: &std::path::Path, rel: &str) -> Result<Picture, InvalidPicture> {
    let expected =
        PictureFormat::of_path(rel).ok_or_else(|| InvalidPicture::NoExtension(rel.to_owned()))?;
    let bytes = read_capped(path, rel)?;
    inspect_bytes(bytes, expected, rel)
}

/// Reads the picture through the one reader of contributors' files, within
/// [`MAX_PICTURE_BYTES`].
fn read_capped(path: &std::path::Path, rel: &str) -> Result<Vec<u8>, InvalidPicture> {
    use crate::workspace::read::{self, ReadError};
    // `path` is canonical and inside the issue (see `Issue::resolve`).
    let boundary = path.parent().unwrap_or(path);
    read::read(boundary, path, MAX_PICTURE_BYTES).map_err(|e| match e {
        ReadError::TooLarge { .. } => InvalidPicture::TooLarge {
            path: rel.to_owned(),
        },
        ReadError::Io(e) => InvalidPicture::Unreadable(rel.to_owned(), e.kind().to_string()),
        refused => InvalidPicture::Unreadable(rel.to_owned(), refused.to_string()),
    })
}

/// Inspects a picture's bytes, expected to be in `expected`'s format.
pub fn inspect_bytes(
    bytes: Vec<u8>,
    expected: PictureFormat,
    rel: &str,
) -> Result<Picture, InvalidPicture> {
    let actual = sniff(&bytes).ok_or_else(|| InvalidPicture::Unknown(rel.to_owned()))?;
    if actual != expected {
        return Err(InvalidPicture::Mismatch {
            path: rel.to_owned(),
            actual: actual.name(),
            expected: expected.name(),
        });
    }
    let undecodable = |reason: String| InvalidPicture::Undecodable {
        path: rel.to_owned(),
        reason,
    };
    if actual == PictureFormat::Svg {
        let data = typst::foundations::Bytes::new(bytes.clone());
        typst::visualize::SvgImage::new(data)
            .map_err(|_| undecodable("it is not well-formed SVG".into()))?;
        return Ok(Picture {
            format: actual,
            pixels: None,
            bytes,
        });
    }
    let size = imagesize::blob_size(&bytes).map_err(|e| undecodable(e.to_string()))?;
    let (width, height) = (size.width as u64, size.height as u64);
    if width.saturating_mul(height) > MAX_PIXELS {
        return Err(InvalidPicture::TooManyPixels {
            path: rel.to_owned(),
            width,
            height,
        });
    }
    if width == 0 || height == 0 {
        return Err(undecodable("it declares no pixels".into()));
    }
    decode(&bytes, actual).map_err(undecodable)?;
    // Both fit: the product of the two is at most MAX_PIXELS.
    Ok(Picture {
        format: actual,
        pixels: Some((width as u32, height as u32)),
        bytes,
    })
}

/// The format of a picture by its first bytes.
fn sniff(bytes: &[u8]) -> Option<PictureFormat> {
    match imagesize::image_type(bytes) {
        Ok(imagesize::ImageType::Png) => Some(PictureFormat::Png),
        Ok(imagesize::ImageType::Jpeg) => Some(PictureFormat::Jpeg),
        Ok(imagesize::ImageType::Gif) => Some(PictureFormat::Gif),
        Ok(imagesize::ImageType::Webp) => Some(PictureFormat::Webp),
        Ok(_) => None,
        Err(_) => looks_like_svg(bytes).then_some(PictureFormat::Svg),
    }
}

/// Whether text begins like an SVG document: an `<svg` element among its
/// first bytes, after any XML declaration, comments or doctype.
fn looks_like_svg(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    text.starts_with('<') && text.contains("<svg")
}

/// Decodes a raster picture with the print engine's decoder. The engine
/// memoizes it, so the PDF reuses this decode rather than doing it again.
fn decode(bytes: &[u8], format: PictureFormat) -> Result<(), String> {
    use typst::visualize::{ExchangeFormat, RasterImage};
    let format = match format {
        PictureFormat::Png => ExchangeFormat::Png,
        PictureFormat::Jpeg => ExchangeFormat::Jpg,
        PictureFormat::Gif => ExchangeFormat::Gif,
        PictureFormat::Webp => ExchangeFormat::Webp,
        PictureFormat::Svg => return Ok(()),
    };
    RasterImage::plain(typst::foundations::Bytes::new(bytes.to_vec()), format)
        .map(drop)
        .map_err(|e| e.to_string())
}
