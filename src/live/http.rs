//! The HTTP of [`super::server`], and no more of it than that needs: the
//! request head read within a deadline and a size, its request line and
//! `Host`, a response written within a deadline, and a connection ended so
//! the client reads the whole response.
//!
//! Every read and write of a request is bounded by one deadline for the
//! whole connection, from its acceptance to its close, the closing drain
//! included: a client that sends or reads one byte at a time holds its
//! slot no longer than that.

use std::io::{ErrorKind, Read, Write};
use std::net::{IpAddr, Shutdown, TcpStream};
use std::time::{Duration, Instant};

/// The longest request head (request line and headers) read.
pub const MAX_HEAD: usize = 8 * 1024;
/// The longest the request's unread rest is drained after the response.
const DRAIN: Duration = Duration::from_secs(1);
/// The most bytes drained.
const MAX_DRAIN: usize = 256 * 1024;
/// The most bytes written in one system call, so that a deadline is
/// checked between them.
const CHUNK: usize = 64 * 1024;

/// The statuses the server answers with, each with its reason phrase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Ok,
    BadRequest,
    Forbidden,
    NotFound,
    MethodNotAllowed,
    ServiceUnavailable,
}

impl Status {
    pub fn code(self) -> u16 {
        match self {
            Status::Ok => 200,
            Status::BadRequest => 400,
            Status::Forbidden => 403,
            Status::NotFound => 404,
            Status::MethodNotAllowed => 405,
            Status::ServiceUnavailable => 503,
        }
    }

    /// The reason phrase of RFC 9110.
    pub fn reason(self) -> &'static str {
        match self {
            Status::Ok => "OK",
            Status::BadRequest => "Bad Request",
            Status::Forbidden => "Forbidden",
            Status::NotFound => "Not Found",
            Status::MethodNotAllowed => "Method Not Allowed",
            Status::ServiceUnavailable => "Service Unavailable",
        }
    }

    /// `HTTP/1.1 404 Not Found`.
    pub fn line(self) -> String {
        format!("HTTP/1.1 {} {}", self.code(), self.reason())
    }
}

/// Headers sent with every response.
pub const COMMON_HEADERS: &str = "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\nConnection: close\r\n";

/// A parsed request: only what is needed to answer it.
pub struct Request<'a> {
    pub method: &'a str,
    pub path: &'a str,
    pub host: Option<&'a str>,
}

/// The request head, read by `deadline` and within [`MAX_HEAD`] bytes;
/// `None` when it is too long, incomplete or late.
pub fn read_head(mut stream: &TcpStream, deadline: Instant) -> std::io::Result<Option<String>> {
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

pub fn parse(head: &str) -> Option<Request<'_>> {
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
pub fn is_loopback_host(host: &str) -> bool {
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

/// A whole response, written by `deadline`; the body only when `body`
/// (not for `HEAD`).
pub fn respond(
    stream: &TcpStream,
    deadline: Instant,
    status: Status,
    content_type: &str,
    content: &[u8],
    body: bool,
    extra: &[(&str, &str)],
) -> std::io::Result<()> {
    let mut head = format!(
        "{}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n{COMMON_HEADERS}",
        status.line(),
        content.len(),
    );
    for (name, value) in extra {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    write_by(stream, head.as_bytes(), deadline)?;
    if body {
        write_by(stream, content, deadline)?;
    }
    Ok(())
}

/// Writes all of `bytes` by `deadline`, or fails with `TimedOut`: each
/// system call may block only for the time left.
pub fn write_by(mut stream: &TcpStream, bytes: &[u8], deadline: Instant) -> std::io::Result<()> {
    for chunk in bytes.chunks(CHUNK) {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(ErrorKind::TimedOut.into());
        }
        stream.set_write_timeout(Some(left))?;
        stream.write_all(chunk)?;
    }
    Ok(())
}

/// Ends a connection so the client reads the whole response: the request's
/// unread rest (a refused POST's body) is drained first, else the system
/// would answer it with a reset that can discard the response. The drain
/// stops at [`DRAIN`], at [`MAX_DRAIN`] bytes, and at the connection's
/// `deadline`, whichever comes first, however the client trickles.
pub fn close(mut stream: TcpStream, deadline: Instant) {
    let _ = stream.shutdown(Shutdown::Write);
    let until = deadline.min(Instant::now() + DRAIN);
    let mut sink = [0u8; 4096];
    let mut drained = 0;
    while drained < MAX_DRAIN {
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            break;
        }
        match stream.read(&mut sink) {
            Ok(0) => break,
            Ok(n) => drained += n,
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(_) => break,
        }
    }
}

/// Whether the client has closed its end (or the connection broke), seen
/// without waiting. Anything it sent meanwhile is read and dropped, at most
/// [`MAX_HEAD`] bytes a call.
pub fn closed_by_client(mut stream: &TcpStream) -> bool {
    if stream.set_nonblocking(true).is_err() {
        return true;
    }
    let mut sink = [0u8; 1024];
    let mut read = 0;
    let closed = loop {
        match stream.read(&mut sink) {
            Ok(0) => break true,
            Ok(n) => {
                read += n;
                if read >= MAX_HEAD {
                    break false;
                }
            }
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) if e.kind() == ErrorKind::WouldBlock => break false,
            Err(_) => break true,
        }
    };
    stream.set_nonblocking(false).is_err() || closed
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

    /// Issue 19: every status had "Service Unavailable" unless it was known.
    #[test]
    fn each_status_has_its_own_reason_phrase() {
        let lines: Vec<String> = [
            Status::Ok,
            Status::BadRequest,
            Status::Forbidden,
            Status::NotFound,
            Status::MethodNotAllowed,
            Status::ServiceUnavailable,
        ]
        .iter()
        .map(|s| s.line())
        .collect();
        assert_eq!(
            lines,
            [
                "HTTP/1.1 200 OK",
                "HTTP/1.1 400 Bad Request",
                "HTTP/1.1 403 Forbidden",
                "HTTP/1.1 404 Not Found",
                "HTTP/1.1 405 Method Not Allowed",
                "HTTP/1.1 503 Service Unavailable",
            ]
        );
    }
}
