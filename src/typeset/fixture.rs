//! Test documents for the print engine: the renderers' sample issue full of
//! hostile text, and generated pictures.

use crate::document::{Document, SectionBody};
use crate::markup::{Block, Inline, parse_str};
use crate::render::sample::sample_document;

/// The strings a hostile contributor might type, each one a Typst construct.
pub const HOSTILE: [&str; 12] = [
    "#read(\"/etc/passwd\")",
    "#set page(width: 1cm)",
    "]",
    "[",
    "$x^2$",
    "#{ panic() }",
    "<label>",
    "@ref",
    "\\",
    "#include \"print.typ\"",
    "#eval(\"1\")",
    "// not a comment */",
];

/// The sample issue with hostile text in titles, names, bodies and labels.
pub fn hostile_document() -> Document {
    let mut document = sample_document();
    let all = HOSTILE.join(" ");
    document.meta.title = format!("Titre {}", HOSTILE[1]);
    document.meta.publisher = format!("Éditeur {}", HOSTILE[0]);
    document.meta.issue_title = Some(all.clone());
    document.team[0].name = format!("Nom {}", HOSTILE[4]);
    document.team[0].role = HOSTILE[6].to_owned();
    for section in &mut document.sections {
        section.title = format!("{} {}", section.title, HOSTILE[5]);
        match &mut section.body {
            SectionBody::Articles { articles } => {
                let article = &mut articles[0];
                article.title = vec![Inline::Text { text: all.clone() }];
                for contact in article.contacts.iter_mut().take(1) {
                    contact.name = format!("Contact {}", HOSTILE[2]);
                }
                article.blocks.insert(
                    0,
                    Block::Paragraph {
                        content: HOSTILE
                            .iter()
                            .map(|h| Inline::Text {
                                text: format!("{h} "),
                            })
                            .collect(),
                    },
                );
                // As Markdown too: the parser keeps every character as text.
                article
                    .blocks
                    .extend(parse_str(&format!("Avant {all} après.\n")));
            }
            SectionBody::Agenda { groups } => {
                groups[0].name = Some(all.clone());
                groups[0].events[0].place = Some(HOSTILE[7].to_owned());
            }
            SectionBody::Editorial { signature, .. } => *signature = HOSTILE[3].to_owned(),
            _ => {}
        }
    }
    document
}

/// A PNG of `width`×`height` pixels: a soft diagonal gradient, shade `seed`.
pub fn png(width: u32, height: u32, seed: u8) -> Vec<u8> {
    let mut raw = Vec::with_capacity(((width * 3 + 1) * height) as usize);
    for y in 0..height {
        raw.push(0); // filter: none
        for x in 0..width {
            let t = (x + y) * 255 / (width + height);
            raw.extend([
                40 + (t / 3) as u8,
                90u8.wrapping_add(seed.wrapping_mul(40)) + (t / 4) as u8,
                120 + (t / 2) as u8,
            ]);
        }
    }
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend(width.to_be_bytes());
    ihdr.extend(height.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]); // 8-bit RGB
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &zlib_stored(&raw));
    chunk(&mut out, b"IEND", &[]);
    out
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend((data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend(kind);
    out.extend(data);
    let crc = crc32(&out[start..]);
    out.extend(crc.to_be_bytes());
}

/// A zlib stream of uncompressed deflate blocks.
fn zlib_stored(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = data.chunks(65_535).collect();
    for (i, block) in blocks.iter().enumerate() {
        out.push(u8::from(i + 1 == blocks.len()));
        let len = block.len() as u16;
        out.extend(len.to_le_bytes());
        out.extend((!len).to_le_bytes());
        out.extend(*block);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in data {
        a = (a + byte as u32) % 65_521;
        b = (b + a) % 65_521;
    }
    out.extend(((b << 16) | a).to_be_bytes());
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in data {
        crc ^= byte as u32;
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}
