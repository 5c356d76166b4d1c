//! The local HTTP server of the preview (tiny_http): 127.0.0.1 only, GET and
//! HEAD only, the routes of [`super::route`] and nothing else. Everything it
//! serves comes from the snapshot in memory: no request reads the disk, and
//! none writes anything.

use std::io::Write;
use std::net::{Ipv4Addr, SocketAddrV4, TcpListener};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Sender};
use std::time::Duration;

use serde_json::json;
use tiny_http::{Header, Method, Request, Response, Server};

use super::Message;
use super::hub::Hub;
use super::route::{Route, route};
use super::session::Snapshot;
use crate::error::{Error, Result};

/// The port tried first when none is given.
pub(crate) const DEFAULT_PORT: u16 = 4477;
/// How many ports from the default one are tried.
const PORTS_TRIED: u16 = 20;
/// How many pages may listen to the event stream at once (each holds a thread).
const MAX_STREAMS: usize = 32;
/// How often an idle event stream gets a comment, so that a closed page is noticed.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// The preview page, its script and style included.
const PAGE: &str = include_str!("page.html");

/// What the request threads share.
pub(crate) struct Context {
    pub hub: Arc<Hub>,
    /// To ask the render loop, which owns the print engine, for the PDF.
    pub render: Sender<Message>,
    pub port: u16,
    streams: AtomicUsize,
}

impl Context {
    pub fn new(hub: Arc<Hub>, render: Sender<Message>, port: u16) -> Self {
        Self {
            hub,
            render,
            port,
            streams: AtomicUsize::new(0),
        }
    }
}

/// Listens on 127.0.0.1: on `port` when given (0 lets the system choose),
/// else on the default port or the next free one.
pub(crate) fn bind(port: Option<u16>) -> Result<(Server, u16)> {
    let candidates: Vec<u16> = match port {
        Some(port) => vec![port],
        None => (0..PORTS_TRIED).map(|i| DEFAULT_PORT + i).collect(),
    };
    let mut last = None;
    for candidate in candidates {
        match TcpListener::bind(SocketAddrV4::new(Ipv4Addr::LOCALHOST, candidate)) {
            Ok(listener) => {
                let bound = listener
                    .local_addr()
                    .map_err(|e| Error::io("listen on", "127.0.0.1", e))?
                    .port();
                let server = Server::from_listener(listener, None)
                    .map_err(|e| Error::bad(format!("cannot serve on 127.0.0.1:{bound}: {e}")))?;
                return Ok((server, bound));
            }
            Err(e) => last = Some((candidate, e)),
        }
    }
    let (candidate, why) = last.expect("at least one port is tried");
    Err(match port {
        Some(_) => Error::usage(
            format!("cannot listen on 127.0.0.1:{candidate}: {why}"),
            "choose another --port, or leave it out to take the first free one from 4477",
        ),
        None => Error::usage(
            format!(
                "no free port on 127.0.0.1 from {DEFAULT_PORT} to {}: {why}",
                DEFAULT_PORT + PORTS_TRIED - 1
            ),
            "choose one with --port N",
        ),
    })
}

/// Answers every request, each on its own thread, until the server is unblocked.
pub(crate) fn serve(server: Arc<Server>, context: Arc<Context>) {
    for request in server.incoming_requests() {
        let context = context.clone();
        let spawned = std::thread::Builder::new()
            .name("preview-request".into())
            .spawn(move || handle(request, &context));
        if let Err(why) = spawned {
            eprintln!("warning: cannot answer a request: {why}");
        }
    }
}

fn handle(request: Request, context: &Context) {
    let head = *request.method() == Method::Head;
    if !matches!(request.method(), Method::Get | Method::Head) {
        let response =
            text(405, "only GET and HEAD are served\n").with_header(header("Allow", "GET, HEAD"));
        return respond(request, response);
    }
    if !from_this_machine(&request, context.port) {
        return respond(
            request,
            text(
                403,
                "this preview answers only to 127.0.0.1 and localhost\n",
            ),
        );
    }
    let Some(route) = route(request.url()) else {
        return respond(request, text(404, "not found\n"));
    };
    let snapshot = context.hub.current();
    let response = match route {
        Route::Events if !head => return stream_events(request, context),
        Route::Events => bytes(200, "text/event-stream", Vec::new()),
        Route::Page => bytes(
            200,
            "text/html; charset=utf-8",
            page(&snapshot).into_bytes(),
        )
        .with_header(header("Content-Security-Policy", PAGE_POLICY)),
        Route::Email => email(&snapshot),
        Route::PageImage(number) => match snapshot.pages.get(number - 1) {
            Some(page) => bytes(200, "image/png", page.png.to_vec()),
            None => text(404, "no such page\n"),
        },
        Route::Pdf => pdf(context),
        Route::Findings => json_response(&snapshot.findings),
        Route::Status => json_response(&status(&snapshot)),
        Route::Picture(path) => match snapshot.pictures.get(&path) {
            Some(picture) => bytes(200, picture.format.mime_type(), picture.bytes.clone())
                // An SVG opened on its own must not run anything.
                .with_header(header(
                    "Content-Security-Policy",
                    "default-src 'none'; style-src 'unsafe-inline'; sandbox",
                )),
            None => text(404, "not found\n"),
        },
    };
    respond(request, response);
}

/// The preview page with the email and the page images of the snapshot
/// in place, so that the page is whole when it has loaded; its script
/// keeps it up to date. Only URLs of the preview's own go in.
fn page(snapshot: &Snapshot) -> String {
    let (email_src, email_generation) = match &snapshot.email {
        Some((generation, _)) => (
            format!("/email.html?g={generation}"),
            generation.to_string(),
        ),
        None => ("/email.html".to_owned(), String::new()),
    };
    let pages: String = snapshot
        .pages
        .iter()
        .enumerate()
        .map(|(i, page)| {
            format!(
                "<img src=\"{}\" alt=\"Page {} of the print edition\">",
                page_url(i, &page.version),
                i + 1
            )
        })
        .collect();
    PAGE.replace("{{email_src}}", &email_src)
        .replace("{{email_generation}}", &email_generation)
        .replace("{{pages}}", &pages)
}

/// The URL of page `index` (0-based): its version in it, so that only a
/// changed page is fetched again.
fn page_url(index: usize, version: &str) -> String {
    format!("/page/{}.png?v={version}", index + 1)
}

/// What the preview page may load: only from here.
const PAGE_POLICY: &str = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; \
     img-src 'self' data:; frame-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'";

/// What the email edition may load: its pictures, from here or the web,
/// and its own inline styles; never a script.
const EMAIL_POLICY: &str = "default-src 'none'; img-src 'self' https: http: data:; style-src 'unsafe-inline'; base-uri 'none'";

/// A request whose Host is not this machine came through a name that was
/// made to point here (DNS rebinding): a web page must not read the issue.
fn from_this_machine(request: &Request, port: u16) -> bool {
    let Some(host) = request.headers().iter().find(|h| h.field.equiv("Host")) else {
        return true;
    };
    let host = host.value.as_str();
    host == format!("127.0.0.1:{port}") || host == format!("localhost:{port}")
}

fn email(snapshot: &Snapshot) -> Response<std::io::Cursor<Vec<u8>>> {
    let body = match &snapshot.email {
        Some((_, html)) => html.as_bytes().to_vec(),
        None => format!(
            "<!DOCTYPE html><html><body><p>The email edition could not be rendered.</p><pre>{}</pre></body></html>",
            crate::render::html::escape(&snapshot.problems.join("\n\n"))
        )
        .into_bytes(),
    };
    bytes(200, "text/html; charset=utf-8", body)
        .with_header(header("Content-Security-Policy", EMAIL_POLICY))
}

/// The PDF of the print edition on show, exported by the render loop.
fn pdf(context: &Context) -> Response<std::io::Cursor<Vec<u8>>> {
    let (reply, answer) = mpsc::channel();
    if context.render.send(Message::Pdf(reply)).is_err() {
        return text(503, "the preview is stopping\n");
    }
    match answer.recv_timeout(Duration::from_secs(120)) {
        Ok(Some(Ok(pdf))) => bytes(200, "application/pdf", pdf.to_vec()),
        Ok(Some(Err(why))) => text(500, &format!("the PDF could not be made:\n{why}\n")),
        Ok(None) => text(
            503,
            "the print edition is not laid out: see the preview page\n",
        ),
        Err(_) => text(503, "the PDF is taking too long\n"),
    }
}

/// The state of the preview, for the page and for scripts.
fn status(snapshot: &Snapshot) -> serde_json::Value {
    let pages: Vec<_> = snapshot
        .pages
        .iter()
        .enumerate()
        .map(|(i, page)| json!({ "number": i + 1, "url": page_url(i, &page.version) }))
        .collect();
    json!({
        "generation": snapshot.generation,
        "issue": snapshot.issue,
        "email": snapshot.email.as_ref().map(|(generation, _)| json!({ "generation": generation, "url": format!("/email.html?g={generation}") })),
        "pages": pages,
        "printing": snapshot.printing,
        "problems": snapshot.problems,
        "findings": snapshot.findings,
        "timings_ms": snapshot.timings,
    })
}

/// Server-sent events: the current generation at once, then one event per
/// new snapshot, and a comment now and then so that a closed page is noticed.
fn stream_events(request: Request, context: &Context) {
    if context.streams.fetch_add(1, Ordering::SeqCst) >= MAX_STREAMS {
        context.streams.fetch_sub(1, Ordering::SeqCst);
        return respond(request, text(503, "too many open pages\n"));
    }
    let mut out = request.into_writer();
    let _ = send_events(&mut *out, &context.hub);
    context.streams.fetch_sub(1, Ordering::SeqCst);
}

fn send_events(out: &mut dyn Write, hub: &Hub) -> std::io::Result<()> {
    // Written by hand: tiny_http would buffer a streamed body in chunks.
    out.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
          X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
    )?;
    let mut shown = 0;
    loop {
        let snapshot = hub.newer_than(shown, KEEP_ALIVE);
        if snapshot.generation > shown {
            shown = snapshot.generation;
            write!(out, "event: render\nid: {shown}\ndata: {shown}\n\n")?;
        } else {
            out.write_all(b": still here\n\n")?;
        }
        out.flush()?;
    }
}

fn json_response(value: &serde_json::Value) -> Response<std::io::Cursor<Vec<u8>>> {
    bytes(200, "application/json", value.to_string().into_bytes())
}

fn text(status: u16, message: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    bytes(
        status,
        "text/plain; charset=utf-8",
        message.as_bytes().to_vec(),
    )
}

/// A response with the headers every answer carries: nothing is cached
/// (the next render changes it), nothing is sniffed, nothing is referred.
fn bytes(status: u16, content_type: &str, body: Vec<u8>) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_data(body)
        // The whole body is in memory: its length is known, and a client
        // need not decode chunks.
        .with_chunked_threshold(usize::MAX)
        .with_status_code(status)
        .with_header(header("Content-Type", content_type))
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"))
        .with_header(header("Referrer-Policy", "no-referrer"))
}

fn header(name: &str, value: &str) -> Header {
    // Every header here is a constant of this file, always valid.
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("a valid header")
}

fn respond<R: std::io::Read>(request: Request, response: Response<R>) {
    // A page closed before its answer: nothing to do.
    let _ = request.respond(response);
}
