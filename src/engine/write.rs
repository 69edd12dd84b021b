//! Putting an outcome's documents in place: each atomically, all complete
//! in memory before the first is written, and each recorded as [`Written`]
//! for the command to print.

use super::{Compiler, Destination, Outcome, Verdict, Written};
use crate::write;

impl Compiler {
    /// Writes an outcome's documents and, with `emit_typst`, what Typst was
    /// fed, even when Typst failed. A file that cannot be written becomes
    /// an E401 diagnostic of the outcome.
    pub fn write(&self, outcome: &mut Outcome, destination: &Destination) {
        let stem = outcome.stem();
        if let Some(dir) = &destination.emit_typst
            && !outcome.inputs.is_empty()
        {
            let dir = dir.join(&stem);
            let written = write::create_dir(&dir).and_then(|()| {
                outcome
                    .inputs
                    .iter()
                    .try_for_each(|(name, bytes)| write::atomic_write(&dir.join(name), bytes))
            });
            if let Err(e) = written {
                outcome.io_problem(&e);
            }
        }
        if outcome.verdict() != Verdict::Ok || outcome.documents.is_empty() {
            return;
        }
        if let Err(e) = write::create_dir(&destination.out) {
            outcome.io_problem(&e);
            return;
        }
        for i in 0..outcome.documents.len() {
            let document = &outcome.documents[i];
            let path = destination.out.join(&document.file_name);
            // Never over a file the outcome was built from (the plan, an earlier version).
            let inputs = outcome.reports.iter().map(|r| r.file.path());
            match write::check_not_input(&path, inputs)
                .and_then(|()| write::atomic_write(&path, &document.bytes))
            {
                Ok(()) => {
                    let written = Written {
                        path,
                        format: document.format,
                        bytes: document.bytes.len(),
                        pages: document.pages,
                    };
                    outcome.written.push(written);
                }
                Err(e) => {
                    outcome.io_problem(&e);
                    return;
                }
            }
        }
    }
}
