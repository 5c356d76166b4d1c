//! The email-ready HTML: the `email.html` layout (a minijinja template with
//! autoescape on) laid around content that Rust turns into HTML here, every
//! text escaped; then the CSS of `email.css` inlined by css-inline, with only
//! the `@media` rules (mobile, dark mode) left in a `<style>` block.
//!
//! Contributors' text is data passed to the template, never part of it, so
//! `{{ x }}` in an article stays literal. Only `http`, `https` and `mailto`
//! targets (and relative ones and `#fragments`) become links; anything else
//! is printed as text. With `base_url` set, relative image and link targets
//! become `{base_url}/{issue_id}/{path}`: the layout of `dist/`, where the
//! render command writes the HTML of an issue beside its `images/`.

mod rich;
pub(crate) use rich::escape;
#[cfg(test)]
mod tests;
mod view;

use minijinja::{AutoEscape, Environment, UndefinedBehavior};

use super::{Pictures, RenderContext, RenderError, Renderer};
use crate::document::Document;
use crate::layouts::{LayoutError, Layouts};
use crate::theme::Theme;
use view::View;

/// Renders the issue as one self-contained HTML email.
pub struct HtmlRenderer;

impl Renderer for HtmlRenderer {
    fn render(&self, ctx: &RenderContext<'_>) -> Result<Vec<u8>, RenderError> {
        render_html(ctx.document, ctx.layouts, ctx.pictures).map(String::into_bytes)
    }
}

/// The whole issue as an email-ready HTML page.
pub fn render_html(
    doc: &Document,
    layouts: &Layouts,
    pictures: Pictures,
) -> Result<String, RenderError> {
    // The style sheet is a template too, filled with the theme's colours.
    let theme = Theme::load(layouts)?;
    let css = render_template(layouts, &theme, "email.css", &())?;
    let view = View::new(doc, pictures);
    let page = render_template(layouts, &theme, "email.html", &view)?;
    inline_css(&page, &css)
}

/// The issue as a web page of its own (the site's `<id>/index.html`): the
/// email's view laid out by `web.html`, a table of contents of every
/// section and article, the styles of `web.css` in the page (a browser needs
/// no inlining).
pub fn render_web(
    doc: &Document,
    layouts: &Layouts,
    theme: &Theme,
    pictures: Pictures,
) -> Result<String, RenderError> {
    #[derive(serde::Serialize)]
    struct WebPage<'v, 'd> {
        #[serde(flatten)]
        view: &'v View<'d>,
        css: &'v str,
    }
    let css = render_template(layouts, theme, "web.css", &())?;
    let view = View::new(doc, pictures);
    render_template(
        layouts,
        theme,
        "web.html",
        &WebPage {
            view: &view,
            css: &css,
        },
    )
}

/// Renders the HTML template `name` of the layouts with `context` and the
/// workspace's colours as `theme` (loaded once by the caller for all the
/// templates of an edition): strict about undefined values, every value
/// escaped, includes served by the layouts alone (embedded, or the
/// workspace's `layouts/`).
pub(crate) fn render_template(
    layouts: &Layouts,
    theme: &Theme,
    name: &str,
    context: &impl serde::Serialize,
) -> Result<String, RenderError> {
    let template = layouts.text(name)?;
    let context = minijinja::context! { theme, ..minijinja::Value::from_serialize(context) };
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    // Every layout file is HTML, whatever its extension.
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    let loader_layouts = layouts.clone();
    env.set_loader(move |name| match loader_layouts.text(name) {
        Ok(text) => Ok(Some(text.into_owned())),
        Err(LayoutError::Missing(_)) => Ok(None),
        Err(e) => Err(minijinja::Error::new(
            minijinja::ErrorKind::InvalidOperation,
            e.to_string(),
        )),
    });
    let error = |e| template_error(name, e);
    env.add_template_owned(name.to_owned(), template.into_owned())
        .map_err(error)?;
    let page = env
        .get_template(name)
        .and_then(|t| t.render(&context))
        .map_err(error)?;
    // minijinja escapes `/` as `&#x2f;`, which HTML never needs: written
    // back for every page, so attributes read as written. A contributor's
    // own "&#x2f;" was escaped to "&amp;#x2f;" and is not touched.
    Ok(page.replace("&#x2f;", "/"))
}

fn template_error(name: &str, error: minijinja::Error) -> RenderError {
    let mut message = format!("layouts/{name}: {error}");
    let mut source = std::error::Error::source(&error);
    while let Some(cause) = source {
        message.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    RenderError::Template(message)
}

/// Moves the rules of `css` into `style` attributes; `@media` rules go to
/// one `<style>` block, since they cannot be inlined.
fn inline_css(page: &str, css: &str) -> Result<String, RenderError> {
    let inliner = css_inline::CSSInliner::options()
        .inline_style_tags(true)
        .keep_style_tags(false)
        .keep_link_tags(false)
        .keep_at_rules(true)
        .load_remote_stylesheets(false)
        .extra_css(Some(css.into()))
        .build();
    let html = inliner
        .inline(page)
        .map_err(|e| RenderError::Template(format!("layouts/email.css: {e}")))?;
    Ok(style_last_in_head(html))
}

/// css-inline writes the kept `@media` rules first in `<head>`; they go to
/// its end, so that `<meta charset>` stays within the first 1024 bytes.
fn style_last_in_head(html: String) -> String {
    let Some(head_end) = html.find("</head>") else {
        return html;
    };
    let Some(start) = html[..head_end].find("<style>") else {
        return html;
    };
    let Some(len) = html[start..head_end].find("</style>") else {
        return html;
    };
    let end = start + len + "</style>".len();
    let style = html[start..end].to_owned();
    let mut out = String::with_capacity(html.len() + 1);
    out.push_str(&html[..start]);
    out.push_str(&html[end..head_end]);
    out.push_str(&style);
    out.push('\n');
    out.push_str(&html[head_end..]);
    out
}
