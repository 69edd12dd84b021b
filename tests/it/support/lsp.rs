//! A language client for the tests of `actionplan lsp`: the binary as a
//! child process (always killed), JSON-RPC with `Content-Length` framing
//! over its pipes, bounded waits, and positions in UTF-16 as LSP counts them.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

pub const PATIENCE: Duration = Duration::from_secs(20);
pub const URI: &str = "file:///plans/example-en.yaml";

pub fn example() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/plans/example-en.yaml"
    ))
    .unwrap()
}

/// The server as a child process with a client's end of its pipes.
pub struct Client {
    pub child: Child,
    pub stdin: Option<ChildStdin>,
    pub incoming: Receiver<Value>,
    /// Notifications read while waiting for something else.
    pub notifications: Vec<Value>,
    pub next_id: i64,
}

impl Client {
    pub fn start() -> Client {
        Client::start_with(&[])
    }

    /// Started with `extra` arguments after `lsp --today 2025-03-01`.
    pub fn start_with(extra: &[&str]) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_actionplan"))
            .args(["lsp", "--today", "2025-03-01"])
            .args(extra)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (sender, incoming) = channel();
        std::thread::spawn(move || {
            let mut stdout = BufReader::new(stdout);
            while let Some(message) = read_frame(&mut stdout) {
                if sender.send(message).is_err() {
                    return;
                }
            }
        });
        let stdin = child.stdin.take();
        Client {
            child,
            stdin,
            incoming,
            notifications: Vec::new(),
            next_id: 1,
        }
    }

    /// Started, initialized, with the example plan (or `text`) open as [`URI`].
    pub fn with(text: &str) -> Client {
        Client::with_args(text, &[])
    }

    /// As [`Client::with`], the server started with `extra` arguments.
    pub fn with_args(text: &str, extra: &[&str]) -> Client {
        let mut client = Client::start_with(extra);
        let init = client.request("initialize", json!({ "capabilities": {} }));
        assert!(init["result"]["capabilities"].is_object(), "{init}");
        client.notify("initialized", json!({}));
        client.open(text);
        client
    }

    pub fn open(&mut self, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": URI, "languageId": "yaml", "version": 1, "text": text } }),
        );
    }

    pub fn send(&mut self, message: Value) {
        let body = message.to_string();
        self.send_raw(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    }

    pub fn send_raw(&mut self, bytes: &str) {
        let stdin = self.stdin.as_mut().unwrap();
        stdin.write_all(bytes.as_bytes()).unwrap();
        stdin.flush().unwrap();
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        id
    }

    /// Sends a request and waits for its response (result or error).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        self.response(json!(id))
    }

    pub fn response(&mut self, id: Value) -> Value {
        self.wait(&format!("the response to {id}"), |m| {
            m.get("id") == Some(&id) && m.get("method").is_none()
        })
    }

    /// The next message that `pick` accepts; the notifications passed over are kept.
    pub fn wait(&mut self, what: &str, pick: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.notifications.iter().position(&pick) {
            return self.notifications.remove(i);
        }
        let start = Instant::now();
        loop {
            let left = PATIENCE.saturating_sub(start.elapsed());
            match self.incoming.recv_timeout(left) {
                Ok(m) if pick(&m) => return m,
                Ok(m) => self.notifications.push(m),
                Err(RecvTimeoutError::Timeout) => {
                    panic!("timed out waiting for {what}; got {:?}", self.notifications)
                }
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("the server ended while waiting for {what}")
                }
            }
        }
    }

    /// The diagnostics published for `version` of [`URI`].
    pub fn diagnostics(&mut self, version: i64) -> Vec<Value> {
        let m = self.wait(&format!("diagnostics of version {version}"), |m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == version
        });
        assert_eq!(m["params"]["uri"], URI);
        m["params"]["diagnostics"].as_array().unwrap().clone()
    }

    /// Replaces `range` (line, character) of version `version - 1` with `text`.
    pub fn change(&mut self, version: i64, range: ((u32, u32), (u32, u32)), text: &str) {
        let ((l1, c1), (l2, c2)) = range;
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": URI, "version": version },
                "contentChanges": [{ "range": {
                    "start": { "line": l1, "character": c1 }, "end": { "line": l2, "character": c2 }
                }, "text": text }],
            }),
        );
    }

    /// A request at a position of [`URI`].
    pub fn at(&mut self, method: &str, (line, character): (u32, u32), extra: Value) -> Value {
        let mut params = json!({ "textDocument": { "uri": URI }, "position": { "line": line, "character": character } });
        for (k, v) in extra.as_object().into_iter().flatten() {
            params[k] = v.clone();
        }
        self.request(method, params)
    }

    /// `shutdown`, then `exit`: the exit code.
    pub fn shut_down(mut self) -> Option<i32> {
        let answer = self.request("shutdown", Value::Null);
        assert_eq!(answer["result"], Value::Null, "{answer}");
        assert!(answer.get("error").is_none());
        self.notify("exit", Value::Null);
        self.exit_code()
    }

    pub fn exit_code(&mut self) -> Option<i32> {
        let start = Instant::now();
        while start.elapsed() < PATIENCE {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("the server did not exit");
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_frame(input: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if input.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.parse().ok();
        }
    }
    let mut body = vec![0; length?];
    input.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// The LSP position (line, UTF-16 character) of byte `offset` in `text`.
pub fn position(text: &str, offset: usize) -> (u32, u32) {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..line_start].matches('\n').count();
    (
        line as u32,
        text[line_start..offset].encode_utf16().count() as u32,
    )
}

/// The position `k` bytes into the first `needle` of `text`.
pub fn pos(text: &str, needle: &str, k: usize) -> (u32, u32) {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} is not in the text"));
    position(text, at + k)
}

pub fn range_of(v: &Value) -> ((u32, u32), (u32, u32)) {
    let p = |p: &Value| {
        (
            p["line"].as_u64().unwrap() as u32,
            p["character"].as_u64().unwrap() as u32,
        )
    };
    (p(&v["start"]), p(&v["end"]))
}

pub fn labels(completion: &Value) -> Vec<String> {
    let items = completion["result"]
        .as_array()
        .or_else(|| completion["result"]["items"].as_array());
    items
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap().to_string())
        .collect()
}
