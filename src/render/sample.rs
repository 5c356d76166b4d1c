//! The renderers' sample issue: the workspace `tests/fixtures/sample` (the
//! seed issue with every kind of node), read by the real loader and built
//! by `document::build`, exactly as `render` would. Also the helpers that
//! check that an output lost no word of it.

#[cfg(test)]
mod tests;
mod words;

use std::path::{Path, PathBuf};

use crate::document::Document;
use crate::layouts::Layouts;
use crate::render::{RenderContext, Renderer};
use crate::workspace::Workspace;
pub use words::{html_text, missing_words, tokens, words_of};

/// The fixture workspace the sample issue lives in.
pub fn sample_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sample")
}

/// The December 2017 issue (number 42) as the renderers receive it. The
/// fixture is clean: a finding while loading it is a broken fixture.
pub fn sample_document() -> Document {
    build_sample(false)
}

/// The same issue built as a draft (`render --draft`).
pub fn sample_draft() -> Document {
    build_sample(true)
}

fn build_sample(draft: bool) -> Document {
    let opened = Workspace::open(&sample_root()).expect("the sample workspace opens");
    assert!(opened.diagnostics.is_empty(), "{:?}", opened.diagnostics);
    let workspace = opened.workspace.expect("the sample's settings are sound");
    let mut diags = Vec::new();
    let issue =
        crate::issue::load_id(&workspace, "2017-12", &mut diags).expect("the sample issue loads");
    assert!(
        diags.is_empty(),
        "the sample issue loads cleanly: {diags:?}"
    );
    crate::document::build(&workspace, &issue, draft)
}

/// What `renderer` writes for `doc` with the embedded layouts, as text.
pub fn render_with(renderer: &dyn Renderer, doc: &Document) -> String {
    let layouts = Layouts::embedded();
    let ctx = RenderContext {
        document: doc,
        layouts: &layouts,
        pdf: Default::default(),
        pictures: Default::default(),
        email: None,
    };
    String::from_utf8(renderer.render(&ctx).unwrap()).unwrap()
}
