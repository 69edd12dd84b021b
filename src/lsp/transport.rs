//! JSON-RPC over stdio: `Content-Length` framing, read on a thread of its
//! own so the server can wait for either a message or its debounce timer.
//!
//! `lsp-server` has a transport, but it trusts its input: a huge
//! `Content-Length` is allocated at once, a header line is read however long
//! it is, and one malformed message ends the connection. This one bounds
//! both, and answers a message that is not JSON (`-32700`) or not a
//! JSON-RPC message (`-32600`) with an error, as JSON-RPC 2.0 asks, and goes
//! on. Messages are `lsp-server`'s types.
//!
//! A frame can be wrong: a length too short or too long, one that is not a
//! number or is over [`MAX_MESSAGE`], no length at all, a header line with
//! no end. A length is never trusted beyond the bytes it names: a body that
//! is not JSON may hold the start of the next message, so it is read again.
//! After any such fault the reader *resynchronises*: it passes over bytes,
//! at most [`framing::MAX_SKIP`] of them and in constant memory, to the next
//! `Content-Length:` header, says so on stderr, and goes on from there.
//! When no header comes within that bound the input is not LSP: the reader
//! stops with a message, and the server exits (with 1), so the editor
//! restarts it.

mod framing;

use std::io::{self, BufRead, Write};
use std::sync::mpsc::{Receiver, Sender, channel};

use lsp_server::{ErrorCode, Message};

pub use framing::Framed;

/// The largest message accepted: a 10 MiB plan escaped as JSON, with room.
pub const MAX_MESSAGE: usize = 64 * 1024 * 1024;

/// What the reader hands the server.
#[derive(Debug)]
pub enum Incoming {
    Message(Message),
    /// An answer the reader made itself, to a message it could not read.
    Reply(serde_json::Value),
}

/// Starts reading messages from stdin; the receiver disconnects at the end
/// of the input, after an `exit` notification, or when the input is not LSP.
pub fn read_stdin() -> Receiver<Incoming> {
    let (sender, receiver) = channel();
    std::thread::Builder::new()
        .name("lsp-reader".into())
        .spawn(move || read_all(Framed::new(io::stdin().lock()), &sender))
        .expect("a thread can be started");
    receiver
}

fn read_all(mut input: Framed<impl BufRead>, sender: &Sender<Incoming>) {
    loop {
        let incoming = match input.read() {
            Ok(Some(incoming)) => incoming,
            Ok(None) => return,
            Err(e) => {
                eprintln!("actionplan lsp: cannot read from the client: {e}; stopping");
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

/// A message, or the error that answers a JSON value that is not one.
fn message(value: serde_json::Value) -> Incoming {
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
