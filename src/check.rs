//! Stages 1 and 2 together: a plan's text, parsed ([`crate::load`]) and
//! validated ([`crate::validate`]), with every diagnostic of both. Reading
//! the file (and everything after) is the [`crate::engine`]'s.

use std::time::Instant;

use crate::diagnostics::{self, Diagnostic};
use crate::model::Plan;
use crate::source::SourceFile;
use crate::timings::Timings;
use crate::{load, validate};

/// A plan file after loading and validation.
#[derive(Debug)]
pub struct Checked {
    pub file: SourceFile,
    /// In file order.
    pub diagnostics: Vec<Diagnostic>,
    /// Present when the plan has no errors.
    pub plan: Option<Plan>,
    pub timings: Timings,
}

impl Checked {
    pub fn report(&self) -> diagnostics::Report<'_> {
        diagnostics::Report {
            file: &self.file,
            diagnostics: &self.diagnostics,
        }
    }
}

/// Parses and validates a plan's text against `options`.
pub fn check_source(file: SourceFile, options: validate::Options) -> Checked {
    check_source_then(file, options, |_| None)
}

/// [`check_source`], where the day to check against may depend on the
/// plan itself (a follow-up report is checked as of its date): `redo` sees
/// the validated plan and may name another day, and the document, parsed
/// once, is validated again against that day.
pub(crate) fn check_source_then(
    file: SourceFile,
    options: validate::Options,
    redo: impl FnOnce(&Plan) -> Option<validate::Options>,
) -> Checked {
    let start = Instant::now();
    let parsed = load::parse_all(&file);
    let mut timings = Timings {
        load: start.elapsed(),
        ..Timings::default()
    };
    let Some(document) = parsed.document else {
        return Checked {
            file,
            diagnostics: parsed.diagnostics,
            plan: None,
            timings,
        };
    };
    let start = Instant::now();
    let mut validated = validate::validate(&document, options);
    if parsed.diagnostics.is_empty()
        && let Some(other) = validated.plan.as_ref().and_then(redo)
    {
        validated = validate::validate(&document, other);
    }
    timings.validate = start.elapsed();
    if !parsed.diagnostics.is_empty() {
        // Shape errors, and the rest validated without the items they left
        // out: no plan, and nothing their absence caused.
        let mut diagnostics = parsed.left_out.filter(&file, validated.diagnostics);
        diagnostics.extend(parsed.diagnostics);
        diagnostics::sort(&mut diagnostics);
        validated.diagnostics = diagnostics;
        validated.plan = None;
    }
    Checked {
        file,
        diagnostics: validated.diagnostics,
        plan: validated.plan,
        timings,
    }
}
