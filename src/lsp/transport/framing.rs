//! The framing of [`super`]: `Content-Length` headers read within bounds,
//! and the resynchronisation on the next header after a fault.

use std::io::{self, BufRead, Read};

use lsp_server::ErrorCode;

use super::{Incoming, MAX_MESSAGE, error_reply, message};

/// The most bytes passed over to find the next header after a fault: room
/// to pass over one message that is too large.
pub const MAX_SKIP: usize = 2 * MAX_MESSAGE;
/// The longest header line accepted.
const MAX_HEADER: usize = 4096;
/// The header resynchronisation looks for, lower-case (names are compared
/// without regard to case).
const MARKER: &[u8] = b"content-length:";

/// Messages framed by `Content-Length` headers, read from `input`.
pub struct Framed<R> {
    input: Again<R>,
    /// A fault was met: pass over bytes to the next `Content-Length:`.
    lost: bool,
    max_skip: usize,
}

impl<R: BufRead> Framed<R> {
    pub fn new(input: R) -> Self {
        Framed {
            input: Again::new(input),
            lost: false,
            max_skip: MAX_SKIP,
        }
    }

    /// Reads one message; `None` at the end of the input. An error means
    /// the input could not be read, or is not LSP.
    pub fn read(&mut self) -> io::Result<Option<Incoming>> {
        let Some(length) = self.length()? else {
            return Ok(None);
        };
        let mut body = vec![0; length];
        match self.input.read_exact(&mut body) {
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
            result => result?,
        }
        match serde_json::from_slice::<serde_json::Value>(&body) {
            Ok(value) => Ok(Some(message(value))),
            Err(e) => {
                // The length may have been wrong: the next header may be in
                // the body, or after it.
                self.input.unread(body);
                self.lost = true;
                Ok(Some(error_reply(
                    None,
                    ErrorCode::ParseError,
                    format!("not JSON: {e}"),
                )))
            }
        }
    }

    /// The `Content-Length` of the next message, after its headers; `None`
    /// at the end of the input.
    fn length(&mut self) -> io::Result<Option<usize>> {
        let mut length = None;
        let mut headers = false;
        loop {
            if self.lost {
                if !self.resynchronise()? {
                    return Ok(None);
                }
                // The name is read; the value follows as for any header.
                self.lost = false;
                let Some(line) = self.line()? else {
                    return Ok(None);
                };
                headers = true;
                length = self.content_length(&line);
                continue;
            }
            let Some(line) = self.line()? else {
                return Ok(None);
            };
            let text = String::from_utf8_lossy(&line);
            let text = text.trim_end_matches(['\r', '\n']);
            if text.is_empty() {
                match length {
                    Some(n) if n > MAX_MESSAGE => {
                        eprintln!(
                            "actionplan lsp: ignored a message of {n} bytes (at most {MAX_MESSAGE} are read)"
                        );
                        self.lost = true;
                    }
                    Some(n) => return Ok(Some(n)),
                    None if headers => {
                        eprintln!("actionplan lsp: ignored a message without Content-Length");
                        self.lost = true;
                    }
                    // A blank line between messages.
                    None => {}
                }
                length = None;
                headers = false;
                continue;
            }
            match text.split_once(':') {
                Some((name, value)) if is_token(name.trim()) => {
                    headers = true;
                    if name.trim().eq_ignore_ascii_case("content-length") {
                        length = self.content_length(value.as_bytes());
                    }
                }
                _ => {
                    // Not a header (a body after a wrong length, or a line
                    // cut at MAX_HEADER): it may hold the next one.
                    eprintln!(
                        "actionplan lsp: not a header: {:?}",
                        text.chars().take(80).collect::<String>()
                    );
                    self.input.unread(line);
                    self.lost = true;
                }
            }
        }
    }

    /// A `Content-Length` value; a bad one makes the frame lost.
    fn content_length(&mut self, value: &[u8]) -> Option<usize> {
        let text = String::from_utf8_lossy(value);
        let text = text.trim();
        match text.bytes().all(|b| b.is_ascii_digit()) {
            true => text.parse::<usize>().ok(),
            false => None,
        }
        .or_else(|| {
            eprintln!(
                "actionplan lsp: ignored a bad Content-Length: {:?}",
                text.chars().take(80).collect::<String>()
            );
            self.lost = true;
            None
        })
    }

    /// One line, with its end, of at most [`MAX_HEADER`] bytes (a longer
    /// one is cut there); `None` at the end of the input.
    fn line(&mut self) -> io::Result<Option<Vec<u8>>> {
        let mut line = Vec::new();
        (&mut self.input)
            .take(MAX_HEADER as u64)
            .read_until(b'\n', &mut line)?;
        Ok((!line.is_empty()).then_some(line))
    }

    /// Passes over bytes up to and including the next `Content-Length:`
    /// (in any case); `false` at the end of the input. Constant memory; an
    /// error after [`Framed::max_skip`] bytes.
    fn resynchronise(&mut self) -> io::Result<bool> {
        let mut matched = 0;
        let mut skipped = 0usize;
        loop {
            let (used, found) = {
                let buffer = self.input.fill_buf()?;
                if buffer.is_empty() {
                    return Ok(false);
                }
                let mut used = 0;
                let mut found = false;
                for &byte in buffer {
                    if skipped + used >= self.max_skip + MARKER.len() {
                        break;
                    }
                    used += 1;
                    // MARKER's first letter occurs in it only once, so no
                    // part of a failed match can start another: a mismatch
                    // restarts the match at this byte.
                    matched = match byte.to_ascii_lowercase() {
                        b if b == MARKER[matched] => matched + 1,
                        b if b == MARKER[0] => 1,
                        _ => 0,
                    };
                    if matched == MARKER.len() {
                        found = true;
                        break;
                    }
                }
                (used, found)
            };
            self.input.consume(used);
            skipped += used;
            if found {
                let skipped = skipped - MARKER.len();
                eprintln!(
                    "actionplan lsp: lost the framing; skipped {skipped} bytes to the next Content-Length header"
                );
                return Ok(true);
            }
            if skipped >= self.max_skip + MARKER.len() {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!(
                        "no Content-Length header in {} bytes: the input is not LSP messages",
                        self.max_skip
                    ),
                ));
            }
        }
    }
}

/// An HTTP header name: letters, digits and a few marks, nothing else.
fn is_token(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// A reader whose bytes can be put back, to be read again first.
struct Again<R> {
    back: Vec<u8>,
    at: usize,
    inner: R,
}

impl<R: BufRead> Again<R> {
    fn new(inner: R) -> Self {
        Again {
            back: Vec::new(),
            at: 0,
            inner,
        }
    }

    /// `bytes` will be read next, before what was put back earlier.
    fn unread(&mut self, mut bytes: Vec<u8>) {
        bytes.extend_from_slice(&self.back[self.at..]);
        self.back = bytes;
        self.at = 0;
    }
}

impl<R: BufRead> Read for Again<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = {
            let available = self.fill_buf()?;
            let n = available.len().min(out.len());
            out[..n].copy_from_slice(&available[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Again<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.at < self.back.len() {
            return Ok(&self.back[self.at..]);
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, n: usize) {
        if self.at < self.back.len() {
            self.at += n;
            if self.at >= self.back.len() {
                self.back = Vec::new();
                self.at = 0;
            }
        } else {
            self.inner.consume(n);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{"jsonrpc":"2.0","id":7,"method":"shutdown"}"#;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    /// Every message and reply read from `input`, as JSON text, and how it ended.
    fn all_of(input: &[u8], max_skip: usize) -> (Vec<String>, io::Result<()>) {
        let mut framed = Framed::new(io::Cursor::new(input.to_vec()));
        framed.max_skip = max_skip;
        let mut out = Vec::new();
        loop {
            match framed.read() {
                Ok(Some(Incoming::Message(m))) => out.push(serde_json::to_string(&m).unwrap()),
                Ok(Some(Incoming::Reply(v))) => out.push(v.to_string()),
                Ok(None) => return (out, Ok(())),
                Err(e) => return (out, Err(e)),
            }
        }
    }

    fn all(input: &str) -> Vec<String> {
        let (out, end) = all_of(input.as_bytes(), MAX_SKIP);
        end.unwrap();
        out
    }

    #[test]
    fn bad_messages_are_answered_and_skipped() {
        let input = [
            frame("{not json"),
            "Garbage header\r\n".to_string(),
            frame(r#"{"jsonrpc":"2.0","id":[1],"method":"x"}"#),
            "Content-Length: 99999999999999\r\n\r\n".to_string(),
            frame(GOOD),
        ]
        .concat();
        let out = all(&input);
        assert!(
            out[0].contains("-32700") && out[0].contains("\"id\":null"),
            "{out:?}"
        );
        assert!(
            out[1].contains("-32600") && out[1].contains("\"id\":null"),
            "{out:?}"
        );
        // The oversized message is not skipped by its length: what follows is read.
        assert!(out[2].contains("shutdown"), "{out:?}");
        assert_eq!(out.len(), 3);
    }

    /// Each fault of the issue, then two good messages: both are read.
    #[test]
    fn the_reader_finds_the_next_header_after_any_fault() {
        let cut = |delta: i64| {
            let length = GOOD.len() as i64 + delta;
            format!("Content-Length: {length}\r\n\r\n{GOOD}")
        };
        let faults = [
            ("5 bytes short", cut(-5)),
            ("10 bytes long", cut(10)),
            ("-5", format!("Content-Length: -5\r\n\r\n{GOOD}")),
            (
                "10^12",
                format!("Content-Length: 1000000000000\r\n\r\n{GOOD}"),
            ),
            ("no header", GOOD.to_string()),
            (
                "no Content-Length",
                format!("Content-Type: application/json\r\n\r\n{GOOD}"),
            ),
            ("a 1 MB header line", "X".repeat(1 << 20)),
            (
                "a header cut in two",
                format!("{}Content-Length: 3\r\n\r\n", "Y".repeat(MAX_HEADER - 5)),
            ),
        ];
        for (what, fault) in faults {
            let second = GOOD.replace("\"id\":7", "\"id\":8");
            let input = [fault, frame(GOOD), frame(&second)].concat();
            let out = all(&input);
            let good: Vec<&String> = out.iter().filter(|m| m.contains("shutdown")).collect();
            assert!(
                good.len() >= 2
                    && good[good.len() - 2].contains("\"id\":7")
                    && good[good.len() - 1].contains("\"id\":8"),
                "{what}: {out:?}"
            );
        }
    }

    #[test]
    fn what_is_skipped_is_bounded() {
        let input = [
            "Content-Length: x\r\n\r\n",
            &"z".repeat(10_000),
            &frame(GOOD),
        ]
        .concat();
        let (out, end) = all_of(input.as_bytes(), 1000);
        let error = end.unwrap_err();
        assert!(
            error.to_string().contains("no Content-Length header in"),
            "{error}"
        );
        assert!(out.is_empty(), "{out:?}");
        // Within the bound, the message after the junk is read.
        let (out, end) = all_of(input.as_bytes(), 20_000);
        end.unwrap();
        assert!(out[0].contains("shutdown"), "{out:?}");
    }

    #[test]
    fn headers_in_any_case_and_order_are_read() {
        let input = format!(
            "\r\ncontent-type: application/vscode-jsonrpc; charset=utf-8\r\nCONTENT-LENGTH: {}\r\n\r\n{GOOD}",
            GOOD.len()
        );
        assert_eq!(all(&input).len(), 1);
    }
}
