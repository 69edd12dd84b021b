//! The HTTP server of `serve`: a few documents from memory and one stream of
//! rebuild events, on std's `TcpListener`, one thread per connection.
//!
//! It answers only what it serves: `GET` or `HEAD` of `/` (the page),
//! `/plan.pdf` and [`EVENTS_PATH`]. The request target is compared as it
//! comes, never decoded or joined to a folder, so `/../x`, `/%2e%2e/x` and
//! absolute URLs are simply not in the set (404); there are no files and so
//! no listing. Bound to loopback, it also answers only requests addressed to
//! a loopback name (a web page on another site cannot reach it through DNS
//! rebinding). Every connection has a deadline to send its request, a
//! bounded request size and write timeouts; at most [`MAX_CONNECTIONS`] are
//! served at once, [`MAX_STREAMS`] of them event streams. Rebuilds only swap
//! the documents under a lock, so no client can hold them up.

use std::io::{ErrorKind, Read, Write};
use std::net::{IpAddr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

use super::page::EVENTS_PATH;
use crate::error::AppError;

/// Connections served at once; more are refused with 503.
pub const MAX_CONNECTIONS: usize = 64;
/// Event streams open at once (a browser tab holds one each).
pub const MAX_STREAMS: usize = 32;
/// The longest request head (request line and headers) read.
const MAX_HEAD: usize = 8 * 1024;
/// How long a client has to send its request head.
const HEAD_DEADLINE: Duration = Duration::from_secs(10);
/// How long one write may block on a client that does not read.
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// How often an idle event stream is written to, to notice a client gone.
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
                let shared = self.shared.clone();
                if shared.connections.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
                    shared.connections.fetch_sub(1, Ordering::SeqCst);
                    let _ = refuse(stream);
                    continue;
                }
                let spawned = std::thread::Builder::new().spawn(move || {
                    let _ = serve(&stream, &shared);
                    close(stream);
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

/// A parsed request: only what is needed to answer it.
struct Request<'a> {
    method: &'a str,
    path: &'a str,
    host: Option<&'a str>,
}

/// Answers one request, then the connection is closed.
fn serve(stream: &TcpStream, shared: &Shared) -> std::io::Result<()> {
    stream.set_write_timeout(Some(WRITE_TIMEOUT))?;
    let head = match read_head(stream)? {
        Some(head) => head,
        None => return respond(stream, 400, "text/plain", b"bad request\n", true, &[]),
    };
    let Some(request) = parse(&head) else {
        return respond(stream, 400, "text/plain", b"bad request\n", true, &[]);
    };
    let body = request.method == "GET";
    if request.method != "GET" && request.method != "HEAD" {
        return respond(
            stream,
            405,
            "text/plain",
            b"only GET and HEAD\n",
            true,
            &[("Allow", "GET, HEAD")],
        );
    }
    if shared.loopback && !request.host.is_some_and(is_loopback_host) {
        return respond(
            stream,
            403,
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
        "/" => respond(stream, 200, "text/html; charset=utf-8", &page, body, &[]),
        "/plan.pdf" => match pdf {
            Some(pdf) => respond(stream, 200, "application/pdf", &pdf, body, &[]),
            None => respond(
                stream,
                404,
                "text/plain",
                b"no PDF yet: the plan has not built\n",
                body,
                &[],
            ),
        },
        EVENTS_PATH => events(stream, shared, generation, body),
        _ => respond(stream, 404, "text/plain", b"not found\n", body, &[]),
    }
}

/// The request head, read within [`HEAD_DEADLINE`] and [`MAX_HEAD`] bytes;
/// `None` when it is too long or incomplete.
fn read_head(mut stream: &TcpStream) -> std::io::Result<Option<String>> {
    let deadline = Instant::now() + HEAD_DEADLINE;
    let mut head = Vec::with_capacity(1024);
    let mut chunk = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || head.len() > MAX_HEAD {
            return Ok(None);
        }
        stream.set_read_timeout(Some(left))?;
        match stream.read(&mut chunk) {
            Ok(0) => return Ok(None),
            Ok(n) => head.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return Ok(None);
            }
            Err(e) => return Err(e),
        }
    }
    Ok(String::from_utf8(head).ok())
}

fn parse(head: &str) -> Option<Request<'_>> {
    let mut lines = head.split("\r\n");
    let mut parts = lines.next()?.split(' ');
    let (method, path, version) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || !version.starts_with("HTTP/1.") {
        return None;
    }
    let host = lines
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.split_once(':'))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("host"))
        .map(|(_, value)| value.trim());
    Some(Request { method, path, host })
}

/// `localhost`, `127.0.0.1` or `[::1]`, with any port.
fn is_loopback_host(host: &str) -> bool {
    let name = match host.rsplit_once(':') {
        Some((name, port)) if !name.ends_with(':') && port.bytes().all(|b| b.is_ascii_digit()) => {
            name
        }
        _ => host,
    };
    let name = name.trim_start_matches('[').trim_end_matches(']');
    name.eq_ignore_ascii_case("localhost")
        || name
            .parse::<IpAddr>()
            .is_ok_and(|ip: IpAddr| ip.is_loopback())
}

fn respond(
    mut stream: &TcpStream,
    status: u16,
    content_type: &str,
    content: &[u8],
    body: bool,
    extra: &[(&str, &str)],
) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n{}",
        reason(status),
        content.len(),
        COMMON_HEADERS
    );
    for (name, value) in extra {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if body {
        stream.write_all(content)?;
    }
    stream.flush()
}

const COMMON_HEADERS: &str = "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\nConnection: close\r\n";

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Service Unavailable",
    }
}

/// Server-Sent Events: the current build's generation at once, then each
/// new one, until the client goes away.
fn events(
    mut stream: &TcpStream,
    shared: &Shared,
    mut generation: u64,
    body: bool,
) -> std::io::Result<()> {
    if shared.streams.fetch_add(1, Ordering::SeqCst) >= MAX_STREAMS {
        shared.streams.fetch_sub(1, Ordering::SeqCst);
        return respond(
            stream,
            503,
            "text/plain",
            b"too many pages open\n",
            body,
            &[],
        );
    }
    let result = (|| {
        let head =
            format!("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n{COMMON_HEADERS}\r\n");
        stream.write_all(head.as_bytes())?;
        if !body {
            return Ok(());
        }
        stream.write_all(format!("retry: 500\nevent: build\ndata: {generation}\n\n").as_bytes())?;
        loop {
            let documents = shared
                .documents
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            let (documents, _) = shared
                .rebuilt
                .wait_timeout_while(documents, KEEP_ALIVE, |d| d.generation == generation)
                .unwrap_or_else(PoisonError::into_inner);
            let now = documents.generation;
            drop(documents);
            let message = match now == generation {
                true => ": still here\n\n".to_string(),
                false => format!("event: build\ndata: {now}\n\n"),
            };
            generation = now;
            stream.write_all(message.as_bytes())?;
            stream.flush()?;
        }
    })();
    shared.streams.fetch_sub(1, Ordering::SeqCst);
    result
}

/// A connection over the limit: a short 503, with no thread of its own.
fn refuse(stream: TcpStream) -> std::io::Result<()> {
    stream.set_write_timeout(Some(Duration::from_millis(200)))?;
    let result = respond(&stream, 503, "text/plain", b"busy\n", true, &[]);
    let _ = stream.shutdown(Shutdown::Both);
    result
}

/// Ends a connection so the client reads the whole response: the request's
/// unread rest (a refused POST's body) is drained briefly first, else the
/// system would answer it with a reset that can discard the response.
fn close(mut stream: TcpStream) {
    let _ = stream.shutdown(Shutdown::Write);
    let _ = stream.set_read_timeout(Some(Duration::from_millis(500)));
    let mut sink = [0u8; 4096];
    let mut drained = 0;
    while drained < 256 * 1024 {
        match stream.read(&mut sink) {
            Ok(0) | Err(_) => break,
            Ok(n) => drained += n,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_request_line_and_host() {
        let r = parse("GET /plan.pdf?x HTTP/1.1\r\nhOsT: localhost:3232\r\n\r\n").unwrap();
        assert_eq!(
            (r.method, r.path, r.host),
            ("GET", "/plan.pdf?x", Some("localhost:3232"))
        );
        assert!(parse("GET / HTTP/1.1 extra\r\n\r\n").is_none());
        assert!(parse("GET /\r\n\r\n").is_none());
    }

    #[test]
    fn only_loopback_names_are_loopback_hosts() {
        for host in [
            "localhost",
            "127.0.0.1:3232",
            "[::1]:80",
            "LOCALHOST:1",
            "127.0.0.2",
        ] {
            assert!(is_loopback_host(host), "{host}");
        }
        for host in [
            "evil.example",
            "evil.example:3232",
            "10.0.0.1",
            "localhost.evil.example",
        ] {
            assert!(!is_loopback_host(host), "{host}");
        }
    }
}
