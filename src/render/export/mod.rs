//! The exports: a plan as open data (JSON), a spreadsheet (CSV) and a
//! calendar of deadlines (iCalendar), each an [`Output`] of the view.
//!
//! They read the machine values the view carries beside its texts (ISO
//! dates, the day a deadline stands for, status keys, body ids), so nothing
//! here parses a reader's text or repeats a rule of the view. [`EXPORTS`] is
//! their registry: `actionplan export` picks one by name, and a command that
//! builds every output (`site`) adds the list to its own. `--body` narrows
//! the view first ([`keep_body`]), so every export filters alike.
//!
//! Each format is documented for its users in `docs/export.md`.

pub mod csv;
pub mod ics;
pub mod json;
mod text;

use super::Output;
use crate::error::AppError;
use crate::view::View;

/// Every export, in the order `--help` lists them.
pub static EXPORTS: &[&dyn Output] = &[&json::JsonExport, &csv::CsvExport, &ics::IcsExport];

/// The export called `name` (`json`, `csv`, `ics`).
pub fn export(name: &str) -> Option<&'static dyn Output> {
    EXPORTS.iter().copied().find(|o| o.name() == name)
}

/// Keeps only the measures body `id` is responsible for or a partner in.
/// An id the plan does not have is a usage error that lists the ones it has.
pub fn keep_body(view: &mut View, id: &str) -> Result<(), AppError> {
    let Some(body) = view.bodies.iter().find(|b| b.id == id).cloned() else {
        let known: Vec<String> = view
            .bodies
            .iter()
            .map(|b| format!("{} ({})", b.id, b.name))
            .collect();
        return Err(AppError::Usage(format!(
            "--body {id}: the plan has no body with that id; its bodies are: {}",
            known.join(", ")
        )));
    };
    for goal in &mut view.goals {
        goal.measures
            .retain(|m| m.responsible.id == id || m.partners.iter().any(|p| p.id == id));
    }
    view.narrowed_to = Some(body);
    Ok(())
}

#[cfg(test)]
mod tests;
