//! The warnings: things that are allowed but probably not meant.
//!
//! They need the whole plan (the period, every reference) and so run last,
//! on the typed items, which keep the spans they point at. An item that
//! failed a check is not there, so it gets no warning until it is fixed.

use chrono::NaiveDate;

use super::Parts;
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{Keyword, Measure, MeasureRef, MeasureStatus, PlanStatus, Report};
use crate::time::Period;

/// The warnings about `parts`; `referred` says, per declared body, whether
/// anything refers to it.
pub(super) fn check(parts: &Parts, referred: &[bool], today: NaiveDate) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let reports: &[crate::model::Report] = match &parts.follow_up {
        Some(Some(f)) => &f.reports,
        _ => &[],
    };
    for (g, goal) in parts.goals.iter().enumerate() {
        let Some(goal) = goal else { continue };
        if goal.measures.is_empty() {
            found.push(
                Diagnostic::new(
                    Code::GoalWithoutMeasures,
                    goal.span,
                    format!("goal `{}` has no measures", goal.id),
                )
                .with_help("add the measures that will reach this goal, or remove the goal"),
            );
        }
        for indicator in &goal.indicators {
            let missing = match (&indicator.baseline, &indicator.target) {
                (None, None) => Some("baseline or target"),
                (None, Some(_)) => Some("baseline"),
                (Some(_), None) => Some("target"),
                _ => None,
            };
            if let Some(missing) = missing {
                found.push(
                    Diagnostic::new(
                        Code::IndicatorIncomplete,
                        indicator.span,
                        format!("indicator `{}` has no {missing}", indicator.id),
                    )
                    .with_help("add `baseline: { value: …, year: … }` and `target: { value: …, year: … }` so progress can be followed up"),
                );
            }
        }
        if let Some(period) = parts.period {
            for (index, measure) in goal.measures.iter().enumerate() {
                outside_period(&mut found, measure, period);
                let m = crate::model::MeasureRef { goal: g, index };
                let reported = crate::model::status::reported(reports.iter(), m, today);
                overdue(
                    &mut found,
                    measure,
                    period,
                    today,
                    reported.map(|(r, s, _)| (r, m, s)),
                );
            }
        }
    }

    if let Some(meta) = &parts.meta {
        if let (Some(revise_by), Some(span)) = (meta.revise_by, meta.spans.revise_by)
            && meta.revision_overdue(today)
        {
            found.push(
                Diagnostic::new(
                    Code::RevisionOverdue,
                    span,
                    format!("the plan was to be revised by {revise_by}"),
                )
                .with_help(format!("revise the plan and set a new `revise_by` (checked against {today}; change with --today)")),
            );
        }
        if meta.status == PlanStatus::Adopted && meta.case_number.is_none() {
            found.push(
                Diagnostic::new(
                    Code::AdoptedWithoutCaseNumber,
                    meta.spans.status,
                    "the plan is adopted but has no `case_number`",
                )
                .with_help("add the diarienummer, e.g. `case_number: KS-2018/00412`, so the archive can find the decision"),
            );
        }
    }

    for (body, referred) in parts.bodies.iter().zip(referred) {
        if let Some(body) = body
            && !referred
        {
            found.push(
                Diagnostic::new(
                    Code::UnusedBody,
                    body.span,
                    format!("body `{}` is declared but nothing refers to it", body.id),
                )
                .with_help("make it responsible for or a partner in a measure, or remove it"),
            );
        }
    }
    found
}

/// W201: a start or deadline outside the plan period.
fn outside_period(found: &mut Vec<Diagnostic>, measure: &Measure, period: Period) {
    let times = [
        ("start", measure.spans.start, measure.start),
        (
            "deadline",
            Some(measure.spans.deadline),
            Some(measure.deadline),
        ),
    ];
    for (key, span, time) in times {
        let (Some(span), Some(time)) = (span, time) else {
            continue;
        };
        let first = time.first_day(period);
        let last = time.last_day(period);
        let day = if key == "start" { first } else { last };
        if last < period.from || first > period.to {
            found.push(
                Diagnostic::new(
                    Code::OutsidePeriod,
                    span,
                    format!(
                        "the {key} of measure `{}` ({time}) is outside the plan period {} – {}",
                        measure.id, period.from, period.to
                    ),
                )
                .with_help("move it into the period, or extend the period under `plan.period`"),
            );
        } else if (key == "start" && day < period.from) || (key == "deadline" && day > period.to) {
            found.push(
                Diagnostic::new(
                    Code::OutsidePeriod,
                    span,
                    format!(
                        "the {key} of measure `{}` ({time}, that is {day}) is outside the plan period {} – {}",
                        measure.id, period.from, period.to
                    ),
                )
                .with_help("move it into the period (a month or year as a start means its first day, as a deadline its last)"),
            );
        }
    }
}

/// W202: work still expected after the deadline. The status is the one at
/// `today`: the latest follow-up report's on or before it, if one names the
/// measure, else its own (`model::status`).
fn overdue(
    found: &mut Vec<Diagnostic>,
    measure: &Measure,
    period: Period,
    today: NaiveDate,
    reported: Option<(&Report, MeasureRef, MeasureStatus)>,
) {
    let deadline = measure.deadline.last_day(period);
    let status = reported.map_or(measure.status, |(_, _, s)| s);
    if !(status.is_open() && deadline < today) {
        return;
    }
    let said = match reported {
        Some((report, _, _)) => format!(" in the follow-up of {}", report.date),
        None => String::new(),
    };
    let mut d = Diagnostic::new(
        Code::Overdue,
        measure.spans.deadline,
        format!(
            "measure `{}` is `{}`{said} but its deadline {} has passed",
            measure.id,
            status.as_str(),
            deadline
        ),
    )
    .with_help(format!(
        "set the status to `done`, `delayed` or `cancelled`, or move the deadline (checked against {today}; change with --today)"
    ));
    let status_span = match reported {
        Some((report, m, _)) => report
            .measures
            .iter()
            .position(|(r, _, _)| *r == m)
            .map(|i| report.spans.statuses[i]),
        None => measure.spans.status,
    };
    if let Some(span) = status_span {
        d = d.with_label(span, "the status");
    }
    found.push(d);
}
