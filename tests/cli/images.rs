//! Hostile pictures (issue 9, item 3): `check` reads each picture's header
//! before anything decodes it, and `render --draft` leaves an unsound one out
//! instead of handing it to the print engine.

use std::process::{Command, Stdio};

use crate::harness::{Workspace, found};
use crate::words::pdf_text;

const ISSUE: &str = "issues/2026-03";
const FAIR: &str = "issues/2026-03/news/01-harbour-careers-fair.md";
const SKILLS: &str = "issues/2026-03/news/02-digital-skills-on-the-islands.md";

/// The CRC-32 of PNG chunks (ISO 3309, polynomial 0xEDB88320), bit by bit.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
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

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend((data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend(kind);
    out.extend(data);
    let crc = crc32(&out[start..]);
    out.extend(crc.to_be_bytes());
}

/// A grey PNG of `width`×`height` pixels whose IDAT holds `rows` rows of
/// pixels (a zlib stream of stored blocks: no compressor needed).
fn png(width: u32, height: u32, rows: u32) -> Vec<u8> {
    let mut raw = Vec::new();
    for _ in 0..rows {
        raw.push(0); // filter: none
        raw.extend(std::iter::repeat_n(0x80, width as usize));
    }
    let mut zlib = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = raw.chunks(65_535).collect();
    for (i, block) in blocks.iter().enumerate() {
        zlib.push(u8::from(i + 1 == blocks.len()));
        zlib.extend((block.len() as u16).to_le_bytes());
        zlib.extend((!(block.len() as u16)).to_le_bytes());
        zlib.extend(*block);
    }
    // Adler-32 of the raw bytes.
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in &raw {
        a = (a + u32::from(byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    zlib.extend(((b << 16) | a).to_be_bytes());
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend(width.to_be_bytes());
    ihdr.extend(height.to_be_bytes());
    ihdr.extend([8, 0, 0, 0, 0]); // 8-bit greyscale
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &zlib);
    chunk(&mut out, b"IEND", &[]);
    out
}

/// The attack of issue 9: a few dozen bytes declaring 60000×60000 pixels.
fn huge_png() -> Vec<u8> {
    png(60_000, 60_000, 0)
}

/// The pictures that must be `invalid-image`, with why.
fn hostile_pictures() -> Vec<(&'static str, Vec<u8>)> {
    let sound = png(40, 20, 20);
    let mut corrupt = sound.clone();
    let idat_data = 8 + 25 + 8; // signature, IHDR chunk, IDAT length and type
    // The stored block's length (after the 2-byte zlib header and its flag
    // byte) no longer matches its complement, and the CRC no longer matches.
    corrupt[idat_data + 3] ^= 0xFF;
    vec![
        ("60000×60000 pixels declared", huge_png()),
        ("truncated after its header", sound[..sound.len() / 2].to_vec()),
        ("corrupt pixel data", corrupt),
        ("a JPEG saved as .png", b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xFF\xD9".to_vec()),
        ("a GIF saved as .png", b"GIF89a\x01\x00\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;".to_vec()),
        ("text saved as .png", b"<html>not a picture</html>".to_vec()),
        ("empty", Vec::new()),
    ]
}

#[test]
fn the_test_png_is_sound() {
    // The helper's own output must pass, or the hostile cases prove nothing.
    let w = Workspace::fixture("english");
    w.write(&format!("{ISSUE}/images/careers-fair.png"), png(40, 20, 20));
    w.write(&format!("{ISSUE}/images/workshop.png"), png(3, 2, 2));
    let run = w.run(&["check", "--format", "json"]);
    assert!(
        !run.codes().contains(&"invalid-image".to_owned()),
        "{}",
        run.stdout
    );
}

#[test]
fn check_reports_each_unsound_picture_where_it_is_referred_to() {
    for (why, bytes) in hostile_pictures() {
        let w = Workspace::fixture("english");
        w.write(&format!("{ISSUE}/images/careers-fair.png"), &bytes);
        w.write(&format!("{ISSUE}/images/workshop.png"), &bytes);
        let run = w.run(&["check", "--format", "json"]);
        run.code(1);
        // The Markdown image at its `!`, the front matter's at its value.
        assert_eq!(
            run.found(),
            [
                found("invalid-image", FAIR, 8, 1),
                found("invalid-image", SKILLS, 4, 9)
            ],
            "{why}"
        );
    }
}

#[test]
fn the_messages_say_what_is_wrong() {
    let w = Workspace::fixture("english");
    w.write(&format!("{ISSUE}/images/careers-fair.png"), huge_png());
    w.write(
        &format!("{ISSUE}/images/workshop.png"),
        b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xFF\xD9",
    );
    let run = w.run(&["check"]);
    run.code(1);
    run.stdout_has("60000×60000 pixels, over the limit of 40 megapixels");
    run.stdout_has("is a JPEG picture, but its extension says PNG");
}

#[test]
fn a_picture_over_the_file_size_cap_is_refused_unread() {
    let w = Workspace::fixture("english");
    let mut big = png(40, 20, 20);
    big.resize(20 * 1024 * 1024 + 1, 0);
    w.write(&format!("{ISSUE}/images/careers-fair.png"), &big);
    let run = w.run(&["check", "--format", "json"]);
    run.code(1);
    assert_eq!(run.found(), [found("invalid-image", FAIR, 8, 1)]);
}

/// Runs `infolettre ARGS` in the workspace with at most `megabytes` of
/// address space (`ulimit -v`), so that a huge allocation fails at once.
fn run_limited(w: &Workspace, megabytes: u64, args: &[&str]) -> std::process::Output {
    let script = format!("ulimit -v {}; exec \"$0\" \"$@\"", megabytes * 1024);
    Command::new("sh")
        .args(["-c", &script, env!("CARGO_BIN_EXE_infolettre")])
        .args(args)
        .current_dir(w.root())
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

#[test]
fn a_draft_with_a_huge_picture_renders_without_decoding_it() {
    let w = Workspace::fixture("english");
    w.write(&format!("{ISSUE}/images/careers-fair.png"), huge_png());
    // 28.8 GB would be asked for if the picture reached the decoder.
    let output = run_limited(
        &w,
        2048,
        &["render", "--draft", "--pdf", "--html", "--out", "out"],
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("invalid-image"),
        "the draft still reports it: {stderr}"
    );
    let pdf = w.path("out/2026-03.pdf");
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    // The print edition shows the alt text in place of the picture.
    let text = pdf_text(&pdf)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text.contains("[Visitors queue at the marine engineering stands"),
        "{text}"
    );
    // The sound picture is copied beside the HTML; the unsound one is not.
    let workshop = std::fs::read(w.path(&format!("{ISSUE}/images/workshop.png"))).unwrap();
    assert_eq!(
        std::fs::read(w.path("out/images/workshop.png")).unwrap(),
        workshop
    );
    assert!(!w.path("out/images/careers-fair.png").exists());
}

#[test]
fn a_draft_with_a_corrupt_picture_renders_and_points_at_the_article() {
    let w = Workspace::fixture("english");
    let sound = png(40, 20, 20);
    w.write(
        &format!("{ISSUE}/images/careers-fair.png"),
        &sound[..sound.len() - 30],
    );
    let run = w.run(&["render", "--draft", "--pdf", "--out", "out"]);
    run.code(0);
    run.stderr_has(FAIR);
    assert!(!run.stderr.contains("markup.typ"), "{}", run.stderr);
    // Without --draft, nothing is written and the exit code is 1.
    let strict = w.run(&["render", "--pdf", "--out", "strict"]);
    strict.code(1);
    assert!(!w.path("strict").exists());
}

#[test]
fn sound_pictures_still_reach_every_output() {
    let w = Workspace::fixture("english");
    let fair = png(40, 20, 20);
    w.write(&format!("{ISSUE}/images/careers-fair.png"), &fair);
    let output = run_limited(&w, 2048, &["render", "--out", "out"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        std::fs::read(w.path("out/images/careers-fair.png")).unwrap(),
        fair
    );
    let text = pdf_text(&w.path("out/2026-03.pdf"));
    assert!(
        !text.contains("[Visitors queue"),
        "the PDF shows the picture, not its alt text"
    );
    let html = w.read("out/2026-03.html");
    assert!(
        html.contains("/2026-03/images/careers-fair.png\""),
        "{html}"
    );
}
