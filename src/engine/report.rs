//! The engine's follow-up report: check the plan as `validate` does, then
//! build the report's view at one report's date and render the report's
//! outputs into the same [`Outcome`], named by [`super::report_file_name`].
//! A date the plan has no report on is E117 (exit 2), listing the dates.

use std::time::Instant;

use chrono::{NaiveDate, NaiveTime};
use rayon::prelude::*;

use super::{Compiler, Input, Outcome, Verdict};
use crate::render::{Context, Output};
use crate::report::{self, ReportView};

/// What `actionplan report` asks of the engine.
#[derive(Clone)]
pub struct ReportRequest {
    /// The report's date; `None`: the latest report.
    pub date: Option<NaiveDate>,
    pub outputs: Vec<&'static dyn Output<ReportView>>,
}

impl Compiler {
    /// Checks the plan and, when it holds, makes the report's documents in
    /// memory; [`Compiler::write`] puts them in place. Fonts are loaded here
    /// when an output needs them and the compiler has none yet.
    pub fn report(&mut self, input: &Input, request: &ReportRequest) -> Outcome {
        let mut outcome = self.compile(input);
        if outcome.verdict() != Verdict::Ok {
            return outcome;
        }
        let Some(plan) = &outcome.plan else {
            return outcome;
        };
        let start = Instant::now();
        let view = match report::build(plan, request.date) {
            Ok(view) => view,
            Err(diagnostic) => {
                outcome.reports[0].diagnostics.push(diagnostic);
                return outcome;
            }
        };
        outcome.timings.view += start.elapsed();
        if self.fonts.is_none() && request.outputs.iter().any(|o| o.needs_fonts()) {
            match crate::render::fonts::Fonts::load(self.options.font_path.as_deref()) {
                Ok(fonts) => self.fonts = Some(fonts),
                Err(e) => {
                    outcome.io_problem(&e);
                    return outcome;
                }
            }
        }
        let day: NaiveDate = view.date.iso.parse().unwrap_or(plan.meta.period.from);
        let context = Context {
            templates: &self.options.templates,
            fonts: self.fonts.as_ref(),
            timestamp: self
                .options
                .timestamp
                .unwrap_or(day.and_time(NaiveTime::MIN)),
        };
        let stem = outcome.stem();
        let rendered = request
            .outputs
            .par_iter()
            .map(|&o| {
                let name = super::report_file_name(&stem, day, o.extension());
                (o.name(), name, o.render(&view, &context))
            })
            .collect();
        self.collect(&mut outcome, rendered);
        outcome
    }
}
