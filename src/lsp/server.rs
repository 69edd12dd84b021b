//! The server: its state, and its answer to each message.
//!
//! No I/O here. [`Server::handle`] takes the messages that arrived together
//! and queues what to send; [`Server::publish_due`] publishes diagnostics
//! whose quiet time is over. The loop in [`super::run`] moves messages in
//! and out, and tests drive a `Server` directly. The answer to each request
//! about a document is in [`requests`].
//!
//! Protocol rules kept here: requests before `initialize` get
//! `ServerNotInitialized`, requests after `shutdown` `InvalidRequest`, and
//! `exit` ends the server with 0 after `shutdown` and 1 without. A request
//! the client cancelled before it was handled gets `RequestCancelled`. A
//! request about a document that is not open gets `InvalidParams`. A panic
//! in a handler becomes an `InternalError` answer: the server goes on.

use std::collections::{HashMap, VecDeque};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{self as notif, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::*;

mod requests;

use super::diagnostics;
use super::documents::{Document, Documents};
use crate::diagnostics::{Code, Diagnostic};
use crate::engine::{Compiler, Input};

/// How long a document must stay unchanged before it is checked again:
/// enough to take a burst of changes an editor sends at once (several
/// cursors, a paste and its reformatting) as one, and short against the
/// time between two keystrokes, so each keystroke is answered at once.
pub const DEBOUNCE: Duration = Duration::from_millis(5);
/// The longest a document waits for its diagnostics while edits keep coming.
pub const MAX_DELAY: Duration = Duration::from_millis(100);
/// How many cancelled request ids not yet seen are remembered.
const CANCELLED: usize = 256;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Uninitialized,
    Running,
    ShutDown,
}

/// When a changed document's diagnostics are due.
#[derive(Clone, Copy, Debug)]
struct Pending {
    first: Instant,
    due: Instant,
}

/// An error answer.
struct Failure(ErrorCode, String);

type Answer = Result<serde_json::Value, Failure>;

pub struct Server {
    state: State,
    documents: Documents,
    compiler: Compiler,
    docs_url: Option<String>,
    pending: HashMap<Uri, Pending>,
    /// Ids the client cancelled that have not been answered yet.
    cancelled: VecDeque<RequestId>,
    outbox: Vec<Message>,
    exit: Option<i32>,
}

impl Server {
    /// A server that checks plans with `compiler` and links codes to `docs_url`, if given.
    pub fn new(compiler: Compiler, docs_url: Option<String>) -> Self {
        Server {
            state: State::Uninitialized,
            documents: Documents::default(),
            compiler,
            docs_url,
            pending: HashMap::new(),
            cancelled: VecDeque::new(),
            outbox: Vec::new(),
            exit: None,
        }
    }

    /// What to send, in order.
    pub fn take_outbox(&mut self) -> Vec<Message> {
        std::mem::take(&mut self.outbox)
    }

    /// The exit code, once `exit` has come.
    pub fn exit_code(&self) -> Option<i32> {
        self.exit
    }

    /// When the next diagnostics are due.
    pub fn next_due(&self) -> Option<Instant> {
        self.pending.values().map(|p| p.due).min()
    }

    /// Handles messages that arrived together: cancellations first, so a
    /// request cancelled in the same breath is not worked on.
    pub fn handle(&mut self, batch: Vec<Message>) {
        for message in &batch {
            if let Message::Notification(n) = message
                && n.method == notif::Cancel::METHOD
                && let Ok(params) = serde_json::from_value::<CancelParams>(n.params.clone())
            {
                self.cancel(params.id);
            }
        }
        for message in batch {
            if self.exit.is_some() {
                return;
            }
            let id = match &message {
                Message::Request(r) => Some(r.id.clone()),
                _ => None,
            };
            let handled = catch_unwind(AssertUnwindSafe(|| self.message(message)));
            if handled.is_err()
                && let Some(id) = id
            {
                self.reply(
                    id,
                    Err(Failure(
                        ErrorCode::InternalError,
                        "internal error; see the server's log".into(),
                    )),
                );
            }
        }
    }

    fn message(&mut self, message: Message) {
        match message {
            Message::Request(r) => self.request(r),
            Message::Notification(n) => self.notification(n),
            // We send no requests, so expect no responses.
            Message::Response(_) => {}
        }
    }

    fn cancel(&mut self, id: NumberOrString) {
        let id = match id {
            NumberOrString::Number(n) => RequestId::from(n),
            NumberOrString::String(s) => RequestId::from(s),
        };
        if self.cancelled.len() == CANCELLED {
            self.cancelled.pop_front();
        }
        self.cancelled.push_back(id);
    }

    fn reply(&mut self, id: RequestId, answer: Answer) {
        let response = match answer {
            Ok(value) => Response::new_ok(id, value),
            Err(Failure(code, message)) => Response::new_err(id, code as i32, message),
        };
        self.outbox.push(response.into());
    }

    fn request(&mut self, r: Request) {
        if let Some(i) = self.cancelled.iter().position(|id| *id == r.id) {
            self.cancelled.remove(i);
            let answer = Err(Failure(ErrorCode::RequestCanceled, "cancelled".into()));
            return self.reply(r.id, answer);
        }
        let answer = match (self.state, r.method.as_str()) {
            (State::Uninitialized, req::Initialize::METHOD) => {
                self.state = State::Running;
                Ok(serde_json::to_value(requests::initialize_result()).unwrap_or_default())
            }
            (State::Uninitialized, _) => Err(Failure(
                ErrorCode::ServerNotInitialized,
                "the server is not initialized yet".into(),
            )),
            (State::ShutDown, _) => Err(Failure(
                ErrorCode::InvalidRequest,
                "the server is shutting down".into(),
            )),
            (State::Running, req::Initialize::METHOD) => Err(Failure(
                ErrorCode::InvalidRequest,
                "the server is already initialized".into(),
            )),
            (State::Running, req::Shutdown::METHOD) => {
                self.state = State::ShutDown;
                Ok(serde_json::Value::Null)
            }
            (State::Running, _) => self.dispatch(&r.method, r.params),
        };
        self.reply(r.id, answer);
    }

    fn dispatch(&mut self, method: &str, params: serde_json::Value) -> Answer {
        match method {
            req::Completion::METHOD => self.on::<req::Completion>(params, Self::completion),
            req::GotoDefinition::METHOD => self.on::<req::GotoDefinition>(params, Self::definition),
            req::References::METHOD => self.on::<req::References>(params, Self::references),
            req::HoverRequest::METHOD => self.on::<req::HoverRequest>(params, Self::hover),
            req::PrepareRenameRequest::METHOD => {
                self.on::<req::PrepareRenameRequest>(params, Self::prepare_rename)
            }
            req::Rename::METHOD => self.on::<req::Rename>(params, Self::rename),
            req::DocumentSymbolRequest::METHOD => {
                self.on::<req::DocumentSymbolRequest>(params, Self::symbols)
            }
            req::CodeActionRequest::METHOD => {
                self.on::<req::CodeActionRequest>(params, Self::code_actions)
            }
            _ => Err(Failure(
                ErrorCode::MethodNotFound,
                format!("no method `{method}`"),
            )),
        }
    }

    /// Reads a request's parameters, runs its handler, and writes its result.
    fn on<R: req::Request>(
        &mut self,
        params: serde_json::Value,
        handler: fn(&mut Self, R::Params) -> Result<R::Result, Failure>,
    ) -> Answer {
        let params = serde_json::from_value(params)
            .map_err(|e| Failure(ErrorCode::InvalidParams, format!("invalid parameters: {e}")))?;
        let result = handler(self, params)?;
        serde_json::to_value(result).map_err(|e| Failure(ErrorCode::InternalError, e.to_string()))
    }

    fn document(&self, uri: &Uri) -> Result<&Document, Failure> {
        self.documents.get(uri).ok_or_else(|| {
            Failure(
                ErrorCode::InvalidParams,
                format!(
                    "{} is not open: send textDocument/didOpen first",
                    uri.as_str()
                ),
            )
        })
    }

    /// The document and the byte offset of a position in it.
    fn at(&self, p: &TextDocumentPositionParams) -> Result<(&Document, usize), Failure> {
        let doc = self.document(&p.text_document.uri)?;
        Ok((doc, doc.offset(p.position)))
    }

    fn notification(&mut self, n: Notification) {
        if n.method == notif::Exit::METHOD {
            self.exit = Some(if self.state == State::ShutDown { 0 } else { 1 });
            return;
        }
        if self.state != State::Running {
            return;
        }
        // Parameters that do not parse are ignored: a notification has no answer.
        match n.method.as_str() {
            notif::DidOpenTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidOpenTextDocumentParams>(n.params) {
                    let doc = p.text_document;
                    self.documents.open(doc.uri.clone(), doc.text, doc.version);
                    let now = Instant::now();
                    self.pending.insert(
                        doc.uri,
                        Pending {
                            first: now,
                            due: now,
                        },
                    );
                }
            }
            notif::DidChangeTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidChangeTextDocumentParams>(n.params) {
                    let uri = p.text_document.uri;
                    if let Some(doc) = self.documents.get_mut(&uri) {
                        doc.apply(p.content_changes, p.text_document.version);
                        let now = Instant::now();
                        let first = self.pending.get(&uri).map_or(now, |p| p.first);
                        let due = (now + DEBOUNCE).min(first + MAX_DELAY);
                        self.pending.insert(uri, Pending { first, due });
                    }
                }
            }
            notif::DidCloseTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidCloseTextDocumentParams>(n.params) {
                    let uri = p.text_document.uri;
                    self.pending.remove(&uri);
                    if self.documents.close(&uri) {
                        // A closed document shows no problems.
                        self.publish_params(PublishDiagnosticsParams::new(uri, Vec::new(), None));
                    }
                }
            }
            _ => {}
        }
    }

    /// Publishes the diagnostics of every document whose quiet time is over.
    pub fn publish_due(&mut self, now: Instant) {
        let mut due: Vec<Uri> = self
            .pending
            .iter()
            .filter(|(_, p)| p.due <= now)
            .map(|(uri, _)| uri.clone())
            .collect();
        due.sort();
        for uri in due {
            self.pending.remove(&uri);
            let Some(doc) = self.documents.get(&uri) else {
                continue;
            };
            let found = doc.diagnostics(|text| check(&self.compiler, &uri, text));
            let converted = found
                .iter()
                .map(|d| diagnostics::to_lsp(doc, &uri, d, self.docs_url.as_deref()))
                .collect();
            let params = PublishDiagnosticsParams::new(uri, converted, Some(doc.version));
            self.publish_params(params);
        }
    }

    fn publish_params(&mut self, params: PublishDiagnosticsParams) {
        let n = Notification::new(notif::PublishDiagnostics::METHOD.to_string(), params);
        self.outbox.push(n.into());
    }
}

/// Loads and validates a buffer through the engine, as `validate` does a file.
fn check(compiler: &Compiler, uri: &Uri, text: &str) -> Vec<Diagnostic> {
    if text.len() as u64 > crate::load::MAX_INPUT_BYTES {
        return vec![Diagnostic::new(
            Code::InputLimit,
            None,
            format!(
                "the plan is larger than {} MiB",
                crate::load::MAX_INPUT_BYTES / 1024 / 1024
            ),
        )];
    }
    let path = match uri.scheme().map(|s| s.as_str()) {
        Some("file") => PathBuf::from(uri.path().as_str()),
        _ => PathBuf::from("plan.yaml"),
    };
    let input = Input::Text {
        path,
        text: text.to_string(),
    };
    let mut outcome = compiler.compile(&crate::engine::Request::plan(input));
    match outcome.reports.is_empty() {
        true => Vec::new(),
        false => outcome.reports.swap_remove(0).diagnostics,
    }
}
