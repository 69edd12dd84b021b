//! Validate: the raw plan → the typed [`Plan`], and every diagnostic found.
//!
//! Nothing stops at the first problem: every value is checked and every
//! problem recorded as a [`Diagnostic`]. A value that fails its check is
//! absent (`None`), and so is every item that contains it; no stand-in value
//! is made up for later checks to trip over. A [`Plan`] is returned only when
//! no error was found, and then every item is present. References are
//! resolved here, once.
//!
//! The stages, one file each: [`values`] checks single values (texts,
//! keywords, dates, times, numbers); [`items`] builds the typed items from
//! them; [`ids`] keeps the one namespace of ids; [`warnings`] and
//! [`reports`] (the follow-up history) run last, on the typed items. The checks and their codes are those of the plan format
//! (`docs/plan-format.md`).

mod ids;
mod items;
mod reports;
mod values;
mod warnings;

use chrono::NaiveDate;

use crate::diagnostics::{self, Code, Diagnostic};
use crate::model::{self, BodyRef, IndicatorRef, MeasureRef, Plan};
use crate::raw;
use crate::suggest::{did_you_mean, one_of};
use crate::time::Period;

use ids::Ids;
pub use ids::id_problem;

/// What validation depends on besides the plan.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// The day the overdue and revise-by checks count from.
    pub today: NaiveDate,
}

/// The outcome of validating one plan.
#[derive(Debug)]
pub struct Validated {
    /// Present when no error was found (warnings may have been).
    pub plan: Option<Plan>,
    /// Sorted by position in the file.
    pub diagnostics: Vec<Diagnostic>,
}

pub fn validate(doc: &raw::Document, options: Options) -> Validated {
    let mut v = Validator {
        diagnostics: Vec::new(),
        ids: Ids::default(),
        bodies: Vec::new(),
        referred: Vec::new(),
    };
    let parts = v.parts(doc);
    let mut diagnostics = v.diagnostics;
    diagnostics.extend(warnings::check(&parts, &v.referred, options.today));
    reports::check(&parts, &mut diagnostics);
    diagnostics::sort(&mut diagnostics);
    let valid = !diagnostics.iter().any(Diagnostic::is_error);
    let plan = if valid { parts.into_plan() } else { None };
    // Every absent item was reported as an error.
    debug_assert!(
        !valid || plan.is_some(),
        "an item is missing without an error"
    );
    Validated { plan, diagnostics }
}

/// The typed plan as far as it could be built. `None` is an item that failed
/// a check (or contains one that did); it was reported, and it is left out
/// of the checks that follow.
struct Parts {
    meta: Option<model::Meta>,
    /// The plan period, when both ends are dates and in order; also known
    /// when another value of the metadata is wrong.
    period: Option<Period>,
    /// In file order, the place a [`BodyRef`] counts.
    bodies: Vec<Option<model::Body>>,
    sections: Vec<Option<model::Section>>,
    goals: Vec<Option<model::Goal>>,
    /// `Some(None)` when the plan has no follow-up.
    follow_up: Option<Option<model::FollowUp>>,
    revisions: Vec<Option<model::Revision>>,
}

impl Parts {
    /// The plan, when every item is present.
    fn into_plan(self) -> Option<Plan> {
        Some(Plan {
            meta: self.meta?,
            bodies: all(self.bodies)?,
            sections: all(self.sections)?,
            goals: all(self.goals)?,
            follow_up: self.follow_up?,
            revisions: all(self.revisions)?,
        })
    }
}

/// Every item, if every one is present. Collect the items first (into a
/// `Vec<Option<T>>`), so that a bad one does not stop the others' checks.
fn all<T>(items: Vec<Option<T>>) -> Option<Vec<T>> {
    items.into_iter().collect()
}

struct Validator<'a> {
    diagnostics: Vec<Diagnostic>,
    ids: Ids<'a>,
    /// Declared bodies in file order: the id, with its span.
    bodies: Vec<&'a raw::Id>,
    /// Per declared body: whether anything in the plan refers to it, even
    /// from an item that is otherwise wrong.
    referred: Vec<bool>,
}

impl<'a> Validator<'a> {
    fn report(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    fn parts(&mut self, doc: &'a raw::Document) -> Parts {
        if *doc.actionplan.value() != 1 {
            self.report(
                Diagnostic::new(
                    Code::UnsupportedVersion,
                    doc.actionplan.span(),
                    format!("format version {} is not supported", doc.actionplan.value()),
                )
                .with_help(
                    "this version of actionplan reads format version 1: write `actionplan: 1`",
                ),
            );
        }
        let bodies = self.bodies(doc);
        let period = self.period(&doc.plan.period);
        let meta = self.meta(&doc.plan, period);
        let sections = doc.sections.iter().map(|s| self.section(s)).collect();
        let goals = self.goals(doc, period);
        let follow_up = self.optional(&doc.follow_up, Self::follow_up);
        let revisions = doc.revisions.iter().map(|r| self.revision(r)).collect();
        Parts {
            meta,
            period,
            bodies,
            sections,
            goals,
            follow_up,
            revisions,
        }
    }

    /// An optional value: `Some(None)` when it is not given, `None` when it
    /// is given but wrong.
    fn optional<R, T>(
        &mut self,
        value: &'a Option<R>,
        check: impl FnOnce(&mut Self, &'a R) -> Option<T>,
    ) -> Option<Option<T>> {
        match value {
            None => Some(None),
            Some(value) => check(self, value).map(Some),
        }
    }

    // ----- references -----

    fn body_ref(&mut self, id: &raw::Id) -> Option<BodyRef> {
        let name = id.0.value();
        if let Some(i) = self.bodies.iter().position(|b| b.0.value() == name) {
            self.referred[i] = true;
            return Some(BodyRef(i));
        }
        let declared: Vec<&str> = self.bodies.iter().map(|b| b.0.value().as_str()).collect();
        let mut d = Diagnostic::new(
            Code::UnknownBody,
            id.0.span(),
            format!("no body with id `{name}` is declared"),
        );
        d = match did_you_mean(name, declared.iter().copied()) {
            Some(s) => d
                .with_help(format!(
                    "did you mean `{s}`? Or declare `{name}` under `bodies:`"
                ))
                .with_suggestion(id.0.span(), s),
            None => d.with_help(format!(
                "declare `{name}` under `bodies:`, or use one of {}",
                one_of(&declared)
            )),
        };
        if let Some(first) = self.bodies.first() {
            d = d.with_label(first.0.span(), "bodies are declared here");
        }
        self.report(d);
        None
    }

    fn indicator_ref(&mut self, id: &raw::Id) -> Option<IndicatorRef> {
        self.ids
            .indicator(&mut self.diagnostics, id, Code::UnknownIndicator)
    }

    fn follow_up_indicator_ref(&mut self, id: &raw::Id) -> Option<IndicatorRef> {
        self.ids
            .indicator(&mut self.diagnostics, id, Code::FollowUpUnknownIndicator)
    }

    fn measure_ref(&mut self, id: &raw::Id) -> Option<MeasureRef> {
        self.ids.measure(&mut self.diagnostics, id)
    }
}

#[cfg(test)]
mod tests;
