//! No input crashes the server: the fuzz corpus, the invalid and hostile
//! fixtures and the example plans go through every handler at many places,
//! and through random edits, in a [`Server`] driven in process. A panic in a
//! handler would come back as an `InternalError` answer; none may.

use std::path::Path;
use std::time::{Duration, Instant};

use lsp_server::{Message, Notification, Request, RequestId};
use serde_json::{Value, json};

use super::documents::LineIndex;
use super::server::Server;
use crate::engine::{Compiler, Options};

const URI: &str = "file:///fuzz.yaml";

/// Every text the fuzzers and the fixtures have, by name.
fn corpus() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts = Vec::new();
    for dir in [
        "tests/fixtures/fuzz/load_validate",
        "tests/fixtures/fuzz/markdown",
        "tests/fixtures/fuzz/build_valid",
        "tests/fixtures/invalid",
        "tests/fixtures/hostile",
        "tests/fixtures/valid",
        "plans",
    ] {
        let mut entries: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file())
            .collect();
        entries.sort();
        for path in entries {
            let bytes = std::fs::read(&path).unwrap();
            let text = String::from_utf8_lossy(&bytes).into_owned();
            texts.push((path.display().to_string(), text));
        }
    }
    assert!(texts.len() > 40, "the corpus is missing");
    texts
}

struct Driver {
    server: Server,
    next: i32,
}

impl Driver {
    fn new() -> Self {
        let today = chrono::NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
        let compiler = Compiler::new(Options::check(today)).unwrap();
        let mut driver = Driver {
            server: Server::new(compiler, Some("https://example.org/d.md".into())),
            next: 1,
        };
        driver.request("initialize", json!({ "capabilities": {} }));
        driver.notify("initialized", json!({}));
        driver
    }

    fn notify(&mut self, method: &str, params: Value) {
        let n = Notification::new(method.to_string(), params);
        self.server.handle(vec![n.into()]);
        self.server.take_outbox();
    }

    /// Sends a request; its answer must come, and must not be a caught panic.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next;
        self.next += 1;
        let r = Request::new(RequestId::from(id), method.to_string(), params);
        self.server.handle(vec![r.into()]);
        let out = self.server.take_outbox();
        let response = out.into_iter().find_map(|m| match m {
            Message::Response(r) if r.id == RequestId::from(id) => Some(r),
            _ => None,
        });
        let response = response.unwrap_or_else(|| panic!("no answer to {method}"));
        match response.response_result {
            Ok(value) => value,
            Err(e) => {
                assert_ne!(e.code, -32603, "{method} panicked: {}", e.message);
                Value::Null
            }
        }
    }

    fn publish(&mut self) -> Vec<Message> {
        self.server
            .publish_due(Instant::now() + Duration::from_secs(1));
        self.server.take_outbox()
    }

    /// Every request at `position`.
    fn everything_at(&mut self, line: u32, character: u32) {
        let at = json!({ "textDocument": { "uri": URI }, "position": { "line": line, "character": character } });
        for method in [
            "textDocument/completion",
            "textDocument/definition",
            "textDocument/hover",
            "textDocument/prepareRename",
        ] {
            self.request(method, at.clone());
        }
        let mut refs = at.clone();
        refs["context"] = json!({ "includeDeclaration": true });
        self.request("textDocument/references", refs);
        let mut rename = at.clone();
        rename["newName"] = json!("x1");
        self.request("textDocument/rename", rename);
        let range = json!({ "start": at["position"], "end": { "line": line.saturating_add(3), "character": 0 } });
        self.request(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": URI }, "range": range, "context": { "diagnostics": [] } }),
        );
    }
}

/// A deterministic stream of numbers (an LCG): the same edits every run.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

#[test]
fn no_input_crashes_the_handlers() {
    let mut driver = Driver::new();
    let mut dice = Dice(7);
    const SNIPPETS: &[&str] = &[
        "- ",
        ": ",
        "[",
        "{",
        "}",
        "\"",
        "'",
        "é😀",
        "\t",
        "\r\n",
        "\r",
        "&a ",
        "*a",
        "id: x\n",
        "\n  ",
        "responsible: ",
        "#",
        "|\n",
        "---\n",
        "\u{feff}",
        "\0",
    ];
    for (name, text) in corpus() {
        driver.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": URI, "languageId": "yaml", "version": 1, "text": text } }),
        );
        let published = driver.publish();
        assert!(!published.is_empty(), "{name}: no diagnostics published");
        driver.request(
            "textDocument/documentSymbol",
            json!({ "textDocument": { "uri": URI } }),
        );
        let lines = LineIndex::new(&text);
        let step = (text.len() / 150).max(1);
        let mut offset = 0;
        while offset <= text.len() {
            let p = lines.position(&text, offset);
            driver.everything_at(p.line, p.character);
            offset += step + dice.roll(3);
        }
        driver.everything_at(u32::MAX, u32::MAX);
        // Random edits, each followed by a few requests on the result.
        for version in 2..22 {
            let lines_now = (text.len() / 20).max(1) as u32;
            let a = (dice.roll(lines_now as usize) as u32, dice.roll(60) as u32);
            let b = (a.0 + dice.roll(3) as u32, dice.roll(60) as u32);
            let snippet = SNIPPETS[dice.roll(SNIPPETS.len())];
            driver.notify(
                "textDocument/didChange",
                json!({ "textDocument": { "uri": URI, "version": version }, "contentChanges": [{
                    "range": { "start": { "line": a.0, "character": a.1 }, "end": { "line": b.0, "character": b.1 } },
                    "text": snippet,
                }] }),
            );
            driver.everything_at(a.0, a.1 + 1);
            driver.everything_at(b.0, 0);
            driver.publish();
        }
        driver.notify(
            "textDocument/didClose",
            json!({ "textDocument": { "uri": URI } }),
        );
    }
}
