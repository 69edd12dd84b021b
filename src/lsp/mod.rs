//! `actionplan lsp`: a language server for plan files (LSP 3.17, over stdio).
//!
//! The editor's buffer, not the file on disk, is checked through the same
//! [`Compiler`] as `validate`, after each change has settled
//! ([`server::DEBOUNCE`]), and its diagnostics are published. Navigation,
//! completion, rename, the outline and quick fixes read an index of ids
//! built from a YAML tree that keeps its places even when the plan does not
//! validate (or parse to the end).
//!
//! - [`transport`]: JSON-RPC framing over stdio, robust to bad input;
//! - [`server`]: state and dispatch (each request's answer in `server/requests.rs`); the loop is [`run`];
//! - [`documents`]: the open buffers, incremental edits, UTF-16 positions;
//! - [`tree`] and [`index`]: the span-keeping tree and the ids in it;
//! - [`diagnostics`]: our diagnostics as the protocol's;
//! - [`navigate`] (definition, references, hover), [`complete`] (with
//!   [`context`] and [`schema`]), [`rename`], [`symbols`], [`actions`].

pub mod actions;
pub mod complete;
pub mod context;
pub mod diagnostics;
pub mod documents;
pub mod index;
pub mod navigate;
pub mod rename;
pub mod schema;
pub mod server;
pub mod symbols;
pub mod transport;
pub mod tree;

use std::iter;
use std::sync::mpsc::RecvTimeoutError;
use std::time::Instant;

use crate::engine::{self, Compiler, ExitStatus, Lifetime};
use crate::error::AppError;
use server::Server;
use transport::Incoming;

/// What the server is started with.
pub struct Options {
    /// The day deadlines and revise-by are checked against.
    pub today: chrono::NaiveDate,
    /// Where `docs/diagnostics.md` is published, if anywhere: diagnostics
    /// link to their code's entry there only when it is given.
    pub docs_url: Option<String>,
}

/// Serves one client on stdin and stdout until it sends `exit` or goes away.
pub fn run(options: Options) -> Result<ExitStatus, AppError> {
    let engine = engine::Options {
        lifetime: Lifetime::Long { evict_after: 10 },
        ..engine::Options::check(options.today)
    };
    let mut server = Server::new(Compiler::new(engine)?, options.docs_url);
    let receiver = transport::read_stdin();
    let mut writer = transport::Writer::stdout();
    loop {
        let first = match server.next_due() {
            Some(due) => match receiver.recv_timeout(due.saturating_duration_since(Instant::now()))
            {
                Ok(incoming) => Some(incoming),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => break,
            },
            None => match receiver.recv() {
                Ok(incoming) => Some(incoming),
                Err(_) => break,
            },
        };
        // Everything that has arrived, so that a cancellation is seen before its request.
        let mut batch = Vec::new();
        for incoming in first
            .into_iter()
            .chain(iter::from_fn(|| receiver.try_recv().ok()))
        {
            match incoming {
                Incoming::Message(message) => batch.push(message),
                Incoming::Reply(reply) => {
                    if writer.send_raw(&reply).is_err() {
                        return Ok(ExitStatus::Failure);
                    }
                }
            }
        }
        server.handle(batch);
        server.publish_due(Instant::now());
        for message in server.take_outbox() {
            if writer.send(&message).is_err() {
                return Ok(ExitStatus::Failure);
            }
        }
        if let Some(code) = server.exit_code() {
            return Ok(if code == 0 {
                ExitStatus::Success
            } else {
                ExitStatus::Failure
            });
        }
    }
    // The client went away without `exit`.
    Ok(ExitStatus::Failure)
}

#[cfg(test)]
mod tests;
