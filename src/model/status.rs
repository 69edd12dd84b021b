//! A measure's status at a day: the one rule the follow-up report (and
//! anything else that asks "where did this measure stand then?") uses.
//!
//! The status at day D is what the latest follow-up report dated on or
//! before D that names the measure says; among reports of the same date, the
//! last in the file. A measure no such report names has the `status` field
//! of the plan. Documented in `docs/plan-format.md`.
//!
//! It is part of the model, not of the report, because validation (W202)
//! asks it too: both take it from below.

use chrono::NaiveDate;

use super::{MeasureRef, MeasureStatus, Plan, Report};

/// Where a measure stood on a day, and what said so.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StatusAt<'a> {
    pub status: MeasureStatus,
    /// The comment of the report that gave the status.
    pub comment: Option<&'a str>,
    /// The date of that report; `None` when the status is the plan's own field.
    pub reported: Option<NaiveDate>,
}

/// The status of measure `m` at day `date` (see the module's rule).
pub fn status_at(plan: &Plan, m: MeasureRef, date: NaiveDate) -> StatusAt<'_> {
    let reports = plan.follow_up.iter().flat_map(|f| &f.reports);
    match reported(reports, m, date) {
        Some((report, status, comment)) => StatusAt {
            status,
            comment,
            reported: Some(report.date),
        },
        None => StatusAt {
            status: plan.measure(m).status,
            comment: None,
            reported: None,
        },
    }
}

/// The report that gives measure `m` its status at `date`, with that status
/// and comment: the rule without the fallback, for checks that run before
/// the plan is whole (W202 in `validate`).
pub fn reported<'a>(
    reports: impl Iterator<Item = &'a Report>,
    m: MeasureRef,
    date: NaiveDate,
) -> Option<(&'a Report, MeasureStatus, Option<&'a str>)> {
    let mut found = None;
    for report in reports.filter(|r| r.date <= date) {
        if let Some((status, comment)) = report.measure(m)
            && found.is_none_or(|(r, _, _): (&Report, _, _)| r.date <= report.date)
        {
            found = Some((report, status, comment));
        }
    }
    found
}

#[cfg(test)]
mod tests;
