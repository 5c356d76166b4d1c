//! A hand-written Typst [`World`] for one issue. It serves the print layout
//! (`print.typ` and its partials under `print/`), the issue's listed images
//! (only those whose header and decode were found sound: the others are
//! struck from the document, and the layout prints their alt text instead),
//! the document as JSON in the file `/document.json` (whose path is
//! `sys.inputs.document`, so the layout reads `json(sys.inputs.document)`),
//! and nothing else:
//! every other path and every package is refused, so neither a layout nor a
//! contributor's text can read the disk or reach the network.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{LazyLock, Mutex};

use chrono::Datelike;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Dict, Duration, IntoValue};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use super::fonts::Fonts;
use crate::document::Document;
use crate::layouts::{LayoutError, Layouts};

/// The layout file that typst compiles.
pub const MAIN: &str = "print.typ";
/// The folder of the main layout's partials and other files of its own.
const PARTIALS: &str = "print/";
/// The virtual file of the document's JSON. A file rather than the bytes
/// themselves in `sys.inputs`: the library then never changes, so that
/// when a long-lived world serves another version of the issue, typst's
/// memoized work on the unchanged parts stays valid.
const DOCUMENT: &str = "document.json";

/// The world of one print compilation.
pub struct PrintWorld {
    fonts: std::sync::Arc<Fonts>,
    main: FileId,
    layouts: Layouts,
    /// The document as JSON, served as [`DOCUMENT`].
    document: Bytes,
    /// The issue's sound images by normalized virtual path ("images/x.jpg"),
    /// read once when the world is made.
    assets: HashMap<String, Bytes>,
    today: Option<Datetime>,
    sources: Mutex<HashMap<FileId, FileResult<Source>>>,
    files: Mutex<HashMap<FileId, FileResult<Bytes>>>,
}

/// Where a virtual path is served from.
enum Origin {
    /// A layout file, by its name inside `layouts/`.
    Layout(String),
    /// A sound image of the issue, already read, or the document's JSON.
    Bytes(Bytes),
}

impl PrintWorld {
    /// Prepares the world: fonts, the document JSON, the asset table.
    pub fn new(document: &Document, layouts: &Layouts) -> Result<Self, LayoutError> {
        check_layouts(layouts)?;
        let fonts = Fonts::shared(layouts)?;
        let (json, assets) = json_and_assets(document);
        Ok(Self {
            fonts,
            main: id_of(MAIN),
            layouts: layouts.clone(),
            document: json,
            assets,
            today: document.meta.date.and_then(issue_date),
            sources: Mutex::new(HashMap::new()),
            files: Mutex::new(HashMap::new()),
        })
    }

    /// Serves another version of the issue (and of the layouts) from the
    /// same world: the fonts stay parsed, and what typst memoized about the
    /// unchanged parts stays valid, so the next compilation is incremental.
    /// The fonts are those the world was made with: a changed font file
    /// needs a new world.
    pub fn update(&mut self, document: &Document, layouts: &Layouts) -> Result<(), LayoutError> {
        check_layouts(layouts)?;
        let (json, assets) = json_and_assets(document);
        self.document = json;
        self.layouts = layouts.clone();
        self.assets = assets;
        self.today = document.meta.date.and_then(issue_date);
        // Every file is read again on demand: a layout file may have changed.
        self.sources
            .get_mut()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
        self.files
            .get_mut()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
        Ok(())
    }

    /// The name a diagnostic shows for a file: `layouts/print.typ`, `images/x.jpg`.
    pub fn display_name(&self, id: FileId) -> String {
        let path = id.vpath().get_without_slash();
        match id.root() {
            VirtualRoot::Package(spec) => format!("{spec}/{path}"),
            VirtualRoot::Project if is_layout_name(path) => format!("layouts/{path}"),
            VirtualRoot::Project => path.to_owned(),
        }
    }

    /// Decides where a file comes from, or why it is refused.
    fn resolve(&self, id: FileId) -> FileResult<Origin> {
        if let VirtualRoot::Package(spec) = id.root() {
            return Err(refused(format!(
                "package {spec} is not available: the print layout may use only its own \
                 files and the issue's images"
            )));
        }
        let path = id.vpath().get_without_slash();
        if is_layout_name(path) {
            return Ok(Origin::Layout(path.to_owned()));
        }
        if path == DOCUMENT {
            return Ok(Origin::Bytes(self.document.clone()));
        }
        if let Some(bytes) = self.assets.get(path) {
            return Ok(Origin::Bytes(bytes.clone()));
        }
        Err(refused(format!(
            "/{path} is not available: the print layout may use only its own files \
             ({MAIN}, {PARTIALS}…) and the images listed by the issue"
        )))
    }

    /// Reads a file without caching.
    fn read(&self, id: FileId) -> FileResult<Bytes> {
        match self.resolve(id)? {
            Origin::Layout(name) => read_layout(&self.layouts, &name),
            Origin::Bytes(bytes) => Ok(bytes),
        }
    }
}

impl World for PrintWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.fonts.book()
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        let mut sources = self.sources.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(cached) = sources.get(&id) {
            return cached.clone();
        }
        let result = self.file(id).and_then(|bytes| {
            let text = bytes.as_str().map_err(|_| FileError::InvalidUtf8)?;
            // A BOM would shift every column of a diagnostic by one.
            Ok(Source::new(
                id,
                text.trim_start_matches('\u{feff}').to_owned(),
            ))
        });
        sources.insert(id, result.clone());
        result
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files.entry(id).or_insert_with(|| self.read(id)).clone()
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.get(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        // The issue's date, never the clock: the same issue gives the same PDF.
        self.today
    }
}

/// The standard library, `sys.inputs.document` naming the document's file,
/// and the module `infolettre` that makes its rich text into content
/// ([`super::rich`]). One for the process: the same for every issue (see
/// [`DOCUMENT`]), so what typst memoizes for one holds for the next.
static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(library()));

fn library() -> Library {
    let mut inputs = Dict::new();
    inputs.insert("document".into(), format!("/{DOCUMENT}").into_value());
    let mut library = Library::builder().with_inputs(inputs).build();
    library
        .global
        .scope_mut()
        .define("infolettre", super::rich::module());
    library
}

/// The document's JSON, and the sound pictures the world serves.
fn json_and_assets(document: &Document) -> (Bytes, HashMap<String, Bytes>) {
    // The rich text is never deeper than `markup::MAX_DEPTH`, well within
    // what typst's JSON reader and evaluator accept.
    let mut shown = document.clone();
    let assets = sound_assets(document);
    // The layout shows only the pictures the world serves.
    shown
        .assets
        .retain(|asset| served_name(&asset.path).is_some_and(|name| assets.contains_key(&name)));
    let json = serde_json::to_vec(&shown).expect("a Document always serializes");
    (Bytes::new(json), assets)
}

/// The file id of a path of the project root.
pub fn id_of(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("a valid virtual path");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// Fails early, with the layout error, when there is no print layout at
/// all, or when the theme it reads is not one: typst would only say that
/// `rgb` got a bad string.
fn check_layouts(layouts: &Layouts) -> Result<(), LayoutError> {
    layouts.text(MAIN)?;
    crate::theme::Theme::load(layouts).map(drop)
}

/// Whether a normalized path names a file of the print layout.
fn is_layout_name(path: &str) -> bool {
    path == MAIN || path == crate::theme::FILE || path.starts_with(PARTIALS)
}

fn refused(message: String) -> FileError {
    FileError::Other(Some(message.into()))
}

/// Reads a layout file; a workspace override must stay inside its folder.
fn read_layout(layouts: &Layouts, name: &str) -> FileResult<Bytes> {
    if let Some(path) = layouts.override_path(name) {
        let root = ancestor(&path, name).ok_or(FileError::AccessDenied)?;
        contained(&path, &root)
            .map_err(|why| refused(format!("layouts/{name} is not available: {why}")))?;
    }
    match layouts.bytes(name) {
        Ok(bytes) => Ok(Bytes::new(bytes.into_owned())),
        Err(LayoutError::Missing(_)) => Err(refused(format!("layouts/{name} does not exist"))),
        Err(LayoutError::Unreadable { reason, .. }) => {
            // The io error alone: its path would be an absolute disk path.
            let reason = match reason {
                crate::workspace::read::ReadError::Io(source) => io_reason(&source),
                other => other.to_string(),
            };
            Err(refused(format!("cannot read layouts/{name}: {reason}")))
        }
        Err(LayoutError::NotUtf8(_)) => Err(FileError::InvalidUtf8),
        Err(invalid @ LayoutError::Invalid { .. }) => Err(refused(invalid.to_string())),
    }
}

/// The document's pictures that are contained in the issue and sound
/// (header within the limits, format as named, decodes), by served name.
fn sound_assets(document: &Document) -> HashMap<String, Bytes> {
    document
        .assets
        .iter()
        .filter_map(|asset| {
            let name = served_name(&asset.path)?;
            let bytes = read_asset(&asset.source, &name).ok()?;
            Some((name, bytes))
        })
        .collect()
}

/// The normalized virtual path under which a picture is served.
fn served_name(path: &str) -> Option<String> {
    Some(VirtualPath::new(path).ok()?.get_without_slash().to_owned())
}

/// Reads an image of the issue; a symlink may not lead out of the issue
/// directory, and the picture must pass the same inspection as `check`.
fn read_asset(source: &Path, vpath: &str) -> FileResult<Bytes> {
    let denied = |why: String| refused(format!("{vpath} is not available: {why}"));
    match ancestor(source, vpath) {
        Some(issue_dir) => contained(source, &issue_dir).map_err(denied)?,
        // The source does not end with its asset path: at least insist on a file.
        None => {
            let meta = std::fs::metadata(source).map_err(|e| denied(io_reason(&e)))?;
            if !meta.is_file() {
                return Err(denied("not a file".into()));
            }
        }
    }
    crate::issue::inspect_picture(source, vpath)
        .map(|picture| Bytes::new(picture.bytes))
        .map_err(|why| refused(why.to_string()))
}

/// `path` without the trailing components of `name`: the folder `name` is relative to.
fn ancestor(path: &Path, name: &str) -> Option<PathBuf> {
    let depth = Path::new(name).components().count();
    path.ends_with(name)
        .then(|| path.ancestors().nth(depth).map(Path::to_path_buf))
        .flatten()
}

/// Checks that `path`, symlinks resolved, is a file inside `root`.
fn contained(path: &Path, root: &Path) -> Result<(), String> {
    let real = path.canonicalize().map_err(|e| io_reason(&e))?;
    let real_root = root.canonicalize().map_err(|e| io_reason(&e))?;
    if !real.starts_with(&real_root) {
        return Err("it leads outside its folder".into());
    }
    if !real.is_file() {
        return Err("not a file".into());
    }
    Ok(())
}

/// An io error without any path in it.
fn io_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        kind => kind.to_string(),
    }
}

/// The issue date as a Typst date.
fn issue_date(date: chrono::NaiveDate) -> Option<Datetime> {
    Datetime::from_ymd(date.year(), date.month() as u8, date.day() as u8)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Asset;
    use crate::typeset::fixture;

    fn world_with(assets: Vec<Asset>) -> PrintWorld {
        let mut document = crate::render::sample::sample_document();
        document.assets = assets;
        PrintWorld::new(&document, &Layouts::embedded()).unwrap()
    }

    fn message(error: FileError) -> String {
        error.to_string()
    }

    #[test]
    fn the_main_file_is_the_print_layout() {
        let world = world_with(vec![]);
        let source = world.source(world.main()).unwrap();
        assert!(source.text().contains("sys.inputs"));
        assert_eq!(world.display_name(world.main()), "layouts/print.typ");
    }

    #[test]
    fn paths_outside_the_layout_and_the_assets_are_refused() {
        let world = world_with(vec![]);
        for path in [
            "/etc/passwd",
            "/x",
            "/Cargo.toml",
            "/fonts/Inter-Regular.otf",
            "/images/a.png",
        ] {
            let error = world.file(id_of(path)).unwrap_err();
            let text = message(error);
            assert!(text.contains("is not available"), "{path}: {text}");
        }
        // `..` out of the root cannot even be expressed; inside it, it normalizes.
        assert!(VirtualPath::new("../x").is_err());
        assert!(VirtualPath::new("/print/../../x").is_err());
        let inside = id_of("/print/../etc/passwd");
        assert_eq!(inside.vpath().get_without_slash(), "etc/passwd");
        assert!(world.file(inside).is_err());
    }

    #[test]
    fn packages_are_refused() {
        let world = world_with(vec![]);
        let spec = "@preview/cetz:0.3.0".parse().unwrap();
        let id = RootedPath::new(
            VirtualRoot::Package(spec),
            VirtualPath::new("/typst.toml").unwrap(),
        )
        .intern();
        let text = message(world.file(id).unwrap_err());
        assert!(
            text.contains("package @preview/cetz:0.3.0 is not available"),
            "{text}"
        );
        assert!(world.source(id).is_err());
    }

    #[test]
    fn listed_assets_are_served_and_symlinks_out_of_the_issue_are_not() {
        let dir = tempfile::tempdir().unwrap();
        let issue = dir.path().join("issue");
        std::fs::create_dir_all(issue.join("images")).unwrap();
        let png = fixture::png(3, 2, 1);
        std::fs::write(issue.join("images/ok.png"), &png).unwrap();
        std::fs::write(dir.path().join("secret.png"), &png).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(dir.path().join("secret.png"), issue.join("images/evil.png"))
            .unwrap();
        let asset = |name: &str| Asset {
            path: format!("images/{name}"),
            source: issue.join("images").join(name),
            picture: None,
        };
        let world = world_with(vec![asset("ok.png"), asset("evil.png")]);
        assert_eq!(world.file(id_of("/images/ok.png")).unwrap().as_slice(), png);
        #[cfg(unix)]
        {
            let why = read_asset(&issue.join("images/evil.png"), "images/evil.png");
            assert!(message(why.unwrap_err()).contains("outside"));
            let text = message(world.file(id_of("/images/evil.png")).unwrap_err());
            assert!(text.contains("is not available"), "{text}");
            assert!(
                !text.contains(&dir.path().display().to_string()),
                "leaks a disk path: {text}"
            );
        }
    }

    #[test]
    fn unsound_pictures_are_neither_served_nor_listed() {
        let dir = tempfile::tempdir().unwrap();
        let images = dir.path().join("images");
        std::fs::create_dir_all(&images).unwrap();
        let mut huge = fixture::png(1, 1, 0);
        // IHDR's width and height are bytes 16..24; the CRC no longer matters
        // to a reader that stops at the declared size.
        huge[16..24].copy_from_slice(&[0, 0, 0xEA, 0x60, 0, 0, 0xEA, 0x60]);
        let good = fixture::png(2, 2, 0);
        for (name, bytes) in [
            ("huge.png", huge.as_slice()),
            ("text.png", b"hello".as_slice()),
            ("good.png", good.as_slice()),
        ] {
            std::fs::write(images.join(name), bytes).unwrap();
        }
        let asset = |name: &str| Asset {
            path: format!("images/{name}"),
            source: images.join(name),
            picture: None,
        };
        let world = world_with(vec![
            asset("huge.png"),
            asset("text.png"),
            asset("good.png"),
        ]);
        assert!(world.file(id_of("/images/huge.png")).is_err());
        assert!(world.file(id_of("/images/text.png")).is_err());
        assert_eq!(
            world.file(id_of("/images/good.png")).unwrap().as_slice(),
            good
        );
    }

    #[test]
    fn missing_files_never_show_a_disk_path() {
        let dir = tempfile::tempdir().unwrap();
        let source = dir.path().join("images/gone.png");
        let world = world_with(vec![Asset {
            path: "images/gone.png".into(),
            source,
            picture: None,
        }]);
        let text = message(world.file(id_of("/images/gone.png")).unwrap_err());
        assert!(!text.contains(&dir.path().display().to_string()), "{text}");
    }

    #[test]
    fn an_update_serves_the_new_document_with_the_same_library() {
        let mut world = world_with(vec![]);
        let library = typst::utils::hash128(world.library());
        let json = |world: &PrintWorld| world.file(id_of(DOCUMENT)).unwrap();
        assert!(json(&world).as_str().unwrap().contains("\"issue_id\""));
        let mut changed = crate::render::sample::sample_document();
        changed.meta.title = "Une tout autre lettre".into();
        world.update(&changed, &Layouts::embedded()).unwrap();
        assert!(
            json(&world)
                .as_str()
                .unwrap()
                .contains("Une tout autre lettre")
        );
        assert_eq!(typst::utils::hash128(world.library()), library);
        let (paged, _) = crate::typeset::compile(&world).unwrap();
        assert!(!paged.pages().is_empty());
    }

    #[test]
    fn today_is_the_issue_date() {
        let world = world_with(vec![]);
        let today = world.today(None).unwrap();
        assert_eq!(
            (today.year(), today.month(), today.day()),
            (Some(2017), Some(12), Some(15))
        );
    }
}
