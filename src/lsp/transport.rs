//! JSON-RPC over stdio: `Content-Length` framing, read on a thread of its
//! own so the server can wait for either a message or its debounce timer.
//!
//! `lsp-server` has a transport, but it trusts its input: a huge
//! `Content-Length` is allocated at once, a header line is read however long
//! it is, and one malformed message ends the connection. This one bounds
//! both, skips a bad header line, and answers a message that is not JSON
//! (`-32700`) or not a JSON-RPC message (`-32600`) with an error, as
//! JSON-RPC 2.0 asks, and goes on. Messages are `lsp-server`'s types.

use std::io::{self, BufRead, Read, Write};
use std::sync::mpsc::{Receiver, Sender, channel};

use lsp_server::{ErrorCode, Message};

/// The largest message accepted: a 10 MiB plan escaped as JSON, with room.
pub const MAX_MESSAGE: usize = 64 * 1024 * 1024;
/// The longest header line accepted.
const MAX_HEADER: u64 = 4096;

/// What the reader hands the server.
#[derive(Debug)]
pub enum Incoming {
    Message(Message),
    /// An answer the reader made itself, to a message it could not read.
    Reply(serde_json::Value),
}

/// Starts reading messages from stdin; the receiver disconnects at the end
/// of the input or after an `exit` notification.
pub fn read_stdin() -> Receiver<Incoming> {
    let (sender, receiver) = channel();
    std::thread::Builder::new()
        .name("lsp-reader".into())
        .spawn(move || read_all(&mut io::stdin().lock(), &sender))
        .expect("a thread can be started");
    receiver
}

fn read_all(input: &mut impl BufRead, sender: &Sender<Incoming>) {
    loop {
        let incoming = match read(input) {
            Ok(Some(incoming)) => incoming,
            Ok(None) => return,
            Err(e) => {
                eprintln!("actionplan lsp: cannot read from the client: {e}");
                return;
            }
        };
        let exit =
            matches!(&incoming, Incoming::Message(Message::Notification(n)) if n.method == "exit");
        if sender.send(incoming).is_err() || exit {
            return;
        }
    }
}

/// Reads one message; `None` at the end of the input.
pub fn read(input: &mut impl BufRead) -> io::Result<Option<Incoming>> {
    loop {
        let Some(length) = read_headers(input)? else {
            return Ok(None);
        };
        if length > MAX_MESSAGE {
            eprintln!(
                "actionplan lsp: ignored a message of {length} bytes (at most {MAX_MESSAGE} are read)"
            );
            io::copy(&mut input.take(length as u64), &mut io::sink())?;
            continue;
        }
        let mut body = vec![0; length];
        input.read_exact(&mut body)?;
        return Ok(Some(parse(&body)));
    }
}

/// The `Content-Length` of the next message; `None` at the end of the input.
fn read_headers(input: &mut impl BufRead) -> io::Result<Option<usize>> {
    let mut length = None;
    let mut line = Vec::new();
    loop {
        line.clear();
        let n = input.take(MAX_HEADER).read_until(b'\n', &mut line)?;
        if n == 0 {
            return Ok(None);
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            match length {
                Some(length) => return Ok(Some(length)),
                // A blank line before any header: nothing to read yet.
                None => continue,
            }
        }
        match text.split_once(':') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("content-length") => {
                match value.trim().parse::<usize>() {
                    Ok(n) => length = Some(n),
                    Err(_) => eprintln!("actionplan lsp: ignored a bad header: {text:?}"),
                }
            }
            Some(_) => {}
            None => eprintln!("actionplan lsp: ignored a bad header: {text:?}"),
        }
    }
}

/// A message, or the error that answers a body that is not one.
fn parse(body: &[u8]) -> Incoming {
    let value: serde_json::Value = match serde_json::from_slice(body) {
        Ok(value) => value,
        Err(e) => return error_reply(None, ErrorCode::ParseError, format!("not JSON: {e}")),
    };
    let has_id = value.get("id").is_some_and(|id| !id.is_null());
    let id = value
        .get("id")
        .filter(|id| id.is_number() || id.is_string())
        .cloned();
    match serde_json::from_value::<Message>(value) {
        // A request whose id is not a 32-bit number or a text reads as a
        // notification; it must be answered all the same.
        Ok(Message::Notification(_)) if has_id => error_reply(
            id,
            ErrorCode::InvalidRequest,
            "a request id is a whole number (32 bits) or a text".to_string(),
        ),
        Ok(message) => Incoming::Message(message),
        Err(e) => error_reply(
            id,
            ErrorCode::InvalidRequest,
            format!("not a JSON-RPC request, response or notification: {e}"),
        ),
    }
}

fn error_reply(id: Option<serde_json::Value>, code: ErrorCode, message: String) -> Incoming {
    // A notification (no id) gets no answer; one that is not JSON is answered with id null.
    Incoming::Reply(serde_json::json!({
        "jsonrpc": "2.0",
        "id": id.unwrap_or(serde_json::Value::Null),
        "error": { "code": code as i32, "message": message },
    }))
}

/// Writes messages to stdout, each framed and flushed.
pub struct Writer {
    out: io::Stdout,
}

impl Writer {
    pub fn stdout() -> Self {
        Writer { out: io::stdout() }
    }

    pub fn send(&mut self, message: &Message) -> io::Result<()> {
        let mut out = self.out.lock();
        message.write(&mut out)?;
        out.flush()
    }

    pub fn send_raw(&mut self, value: &serde_json::Value) -> io::Result<()> {
        let body = value.to_string();
        let mut out = self.out.lock();
        write!(out, "Content-Length: {}\r\n\r\n{body}", body.len())?;
        out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    fn all(input: &str) -> Vec<String> {
        let mut input = io::Cursor::new(input.as_bytes().to_vec());
        let mut out = Vec::new();
        while let Some(incoming) = read(&mut input).unwrap() {
            out.push(match incoming {
                Incoming::Message(m) => serde_json::to_string(&m).unwrap(),
                Incoming::Reply(v) => v.to_string(),
            });
        }
        out
    }

    #[test]
    fn bad_messages_are_answered_and_skipped() {
        let good = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let input = [
            frame("{not json"),
            "Garbage header\r\n".to_string(),
            frame(r#"{"jsonrpc":"2.0","id":[1],"method":"x"}"#),
            "Content-Length: 99999999999999\r\n\r\n".to_string(),
        ]
        .concat();
        // The oversized message swallows what follows it; check the others first.
        let out = all(&input);
        assert!(
            out[0].contains("-32700") && out[0].contains("\"id\":null"),
            "{out:?}"
        );
        assert!(
            out[1].contains("-32600") && out[1].contains("\"id\":null"),
            "{out:?}"
        );
        assert_eq!(out.len(), 2);
        let out = all(&[frame("{not json"), frame(good)].concat());
        assert!(out[1].contains("initialized"));
    }
}
