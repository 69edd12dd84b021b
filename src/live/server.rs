//! The HTTP server of `serve`: a few documents from memory and one stream of
//! rebuild events, on std's `TcpListener`, one thread per connection.
//!
//! It answers only what it serves: `GET` or `HEAD` of `/` (the page),
//! `/plan.pdf` and [`EVENTS_PATH`]. The request target is compared as it
//! comes, never decoded or joined to a folder, so `/../x`, `/%2e%2e/x` and
//! absolute URLs are simply not in the set (404); there are no files and so
//! no listing. Bound to loopback, it also answers only requests addressed to
//! a loopback name (a web page on another site cannot reach it through DNS
//! rebinding). Every connection ends within [`DEADLINE`] of its arrival,
//! however slowly its client sends or reads ([`super::http`]), and its
//! request head is bounded in size; at most [`MAX_CONNECTIONS`] are served
//! at once, [`MAX_STREAMS`] of them event streams. An event stream outlives
//! the deadline, but ends as soon as its client leaves: it looks for that
//! every [`STREAM_POLL`], not only when it next writes. Rebuilds only swap
//! the documents under a lock, so no client can hold them up.

use std::io::ErrorKind;
use std::net::{IpAddr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

use super::http::{self, Status};
use super::page::EVENTS_PATH;
use crate::error::AppError;

/// Connections served at once; more are refused with 503.
pub const MAX_CONNECTIONS: usize = 64;
/// Event streams open at once (a browser tab holds one each).
pub const MAX_STREAMS: usize = 32;
/// How long a connection may last, from its arrival to its close: to send
/// its request, read the response, and have its rest drained. An event
/// stream is bound by it until its head is read.
pub const DEADLINE: Duration = Duration::from_secs(10);
/// How long one write to an event stream may block on a client that does not read.
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// How often an event stream looks whether its client has left, so that
/// its slot is free again at once for the next page.
pub const STREAM_POLL: Duration = Duration::from_millis(250);
/// How often an idle event stream is written to, for a client that is
/// gone without closing its connection (and proxies that end idle ones).
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// What is served, replaced as a whole on every rebuild.
#[derive(Default)]
struct Documents {
    page: Arc<Vec<u8>>,
    pdf: Option<Arc<Vec<u8>>>,
    generation: u64,
}

struct Shared {
    documents: Mutex<Documents>,
    rebuilt: Condvar,
    connections: AtomicUsize,
    streams: AtomicUsize,
    loopback: bool,
}

/// A bound server; [`Server::start`] serves in the background.
pub struct Server {
    listener: TcpListener,
    shared: Arc<Shared>,
}

/// Publishes rebuilt documents to a running server.
#[derive(Clone)]
pub struct Publisher {
    shared: Arc<Shared>,
}

impl Server {
    /// Binds `host:port` (port 0: any free port). A port in use is a usage
    /// problem that says what to do.
    pub fn bind(host: IpAddr, port: u16) -> Result<Server, AppError> {
        let listener = TcpListener::bind((host, port)).map_err(|e| match e.kind() {
            ErrorKind::AddrInUse => AppError::Usage(format!(
                "port {port} on {host} is taken (another `actionplan serve`?); choose another with --port, or --port 0 for any free one"
            )),
            _ => AppError::Usage(format!("cannot listen on {host}:{port}: {e}")),
        })?;
        let shared = Arc::new(Shared {
            documents: Mutex::new(Documents::default()),
            rebuilt: Condvar::new(),
            connections: AtomicUsize::new(0),
            streams: AtomicUsize::new(0),
            loopback: host.is_loopback(),
        });
        Ok(Server { listener, shared })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    /// Serves on a thread of its own, for the life of the process.
    pub fn start(self) -> Publisher {
        let publisher = Publisher {
            shared: self.shared.clone(),
        };
        std::thread::spawn(move || {
            for stream in self.listener.incoming().flatten() {
                let deadline = Instant::now() + DEADLINE;
                let shared = self.shared.clone();
                if shared.connections.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
                    shared.connections.fetch_sub(1, Ordering::SeqCst);
                    let _ = refuse(stream);
                    continue;
                }
                let spawned = std::thread::Builder::new().spawn(move || {
                    let _ = serve(&stream, &shared, deadline);
                    http::close(stream, deadline);
                    shared.connections.fetch_sub(1, Ordering::SeqCst);
                });
                if spawned.is_err() {
                    // The thread's closure, and the connection, are gone.
                    self.shared.connections.fetch_sub(1, Ordering::SeqCst);
                }
            }
        });
        publisher
    }
}

impl Publisher {
    /// Serves new documents and tells every open page. `pdf` is `None` while
    /// no build has succeeded.
    pub fn publish(&self, page: Vec<u8>, pdf: Option<Vec<u8>>) {
        let mut documents = self
            .shared
            .documents
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        documents.page = Arc::new(page);
        if let Some(pdf) = pdf {
            documents.pdf = Some(Arc::new(pdf));
        }
        documents.generation += 1;
        self.shared.rebuilt.notify_all();
    }

    /// The generation the next [`Publisher::publish`] gives its documents.
    pub fn next_generation(&self) -> u64 {
        let documents = self
            .shared
            .documents
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        documents.generation + 1
    }
}

/// Answers one request by `deadline` (an event stream: its head), then the
/// connection is closed.
fn serve(stream: &TcpStream, shared: &Shared, deadline: Instant) -> std::io::Result<()> {
    let respond =
        |status: Status, content_type: &str, content: &[u8], body: bool, extra: &[(&str, &str)]| {
            http::respond(stream, deadline, status, content_type, content, body, extra)
        };
    let head = http::read_head(stream, deadline)?;
    let Some(request) = head.as_deref().and_then(http::parse) else {
        return respond(
            Status::BadRequest,
            "text/plain",
            b"bad request\n",
            true,
            &[],
        );
    };
    let body = request.method == "GET";
    if request.method != "GET" && request.method != "HEAD" {
        return respond(
            Status::MethodNotAllowed,
            "text/plain",
            b"only GET and HEAD\n",
            true,
            &[("Allow", "GET, HEAD")],
        );
    }
    if shared.loopback && !request.host.is_some_and(http::is_loopback_host) {
        return respond(
            Status::Forbidden,
            "text/plain",
            b"this preview answers only to localhost\n",
            body,
            &[],
        );
    }
    let path = request
        .path
        .split_once('?')
        .map_or(request.path, |(path, _)| path);
    let (page, pdf, generation) = {
        let d = shared
            .documents
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        (d.page.clone(), d.pdf.clone(), d.generation)
    };
    match path {
        "/" => respond(Status::Ok, "text/html; charset=utf-8", &page, body, &[]),
        "/plan.pdf" => match pdf {
            Some(pdf) => respond(Status::Ok, "application/pdf", &pdf, body, &[]),
            None => respond(
                Status::NotFound,
                "text/plain",
                b"no PDF yet: the plan has not built\n",
                body,
                &[],
            ),
        },
        EVENTS_PATH => events(stream, shared, generation, body, deadline),
        _ => respond(Status::NotFound, "text/plain", b"not found\n", body, &[]),
    }
}

/// Server-Sent Events: the current build's generation at once, then each
/// new one, until the client goes away. The slot is given back within
/// [`STREAM_POLL`] of the client closing its connection.
fn events(
    stream: &TcpStream,
    shared: &Shared,
    mut generation: u64,
    body: bool,
    deadline: Instant,
) -> std::io::Result<()> {
    if shared.streams.fetch_add(1, Ordering::SeqCst) >= MAX_STREAMS {
        shared.streams.fetch_sub(1, Ordering::SeqCst);
        return http::respond(
            stream,
            deadline,
            Status::ServiceUnavailable,
            "text/plain",
            b"too many pages open\n",
            body,
            &[],
        );
    }
    let write =
        |text: &str| http::write_by(stream, text.as_bytes(), Instant::now() + WRITE_TIMEOUT);
    let result = (|| {
        write(&format!(
            "{}\r\nContent-Type: text/event-stream\r\n{}\r\n",
            Status::Ok.line(),
            http::COMMON_HEADERS
        ))?;
        if !body {
            return Ok(());
        }
        write(&format!("retry: 500\nevent: build\ndata: {generation}\n\n"))?;
        let mut written = Instant::now();
        loop {
            let documents = shared
                .documents
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            let (documents, _) = shared
                .rebuilt
                .wait_timeout_while(documents, STREAM_POLL, |d| d.generation == generation)
                .unwrap_or_else(PoisonError::into_inner);
            let now = documents.generation;
            drop(documents);
            if http::closed_by_client(stream) {
                return Ok(());
            }
            let message = if now != generation {
                format!("event: build\ndata: {now}\n\n")
            } else if written.elapsed() >= KEEP_ALIVE {
                ": still here\n\n".to_string()
            } else {
                continue;
            };
            generation = now;
            write(&message)?;
            written = Instant::now();
        }
    })();
    shared.streams.fetch_sub(1, Ordering::SeqCst);
    result
}

/// A connection over the limit: a short 503, with no thread of its own.
fn refuse(stream: TcpStream) -> std::io::Result<()> {
    let deadline = Instant::now() + Duration::from_millis(200);
    let result = http::respond(
        &stream,
        deadline,
        Status::ServiceUnavailable,
        "text/plain",
        b"busy\n",
        true,
        &[],
    );
    let _ = stream.shutdown(Shutdown::Both);
    result
}
