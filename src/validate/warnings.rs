//! The warnings: things that are allowed but probably not meant.
//!
//! They need the whole plan (the period, every reference) and so run last,
//! on the typed plan, pointing back at the raw values for their spans.

use chrono::NaiveDate;

use super::Validator;
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{Plan, PlanStatus};
use crate::raw;

pub(super) fn check(v: &mut Validator<'_>, doc: &raw::Document, plan: &Plan) {
    let period = plan.meta.period;
    let period_known =
        period.from != NaiveDate::MIN && period.to != NaiveDate::MIN && period.from <= period.to;
    let today = v.options.today;

    for (raw_goal, goal) in doc.goals.value().iter().zip(&plan.goals) {
        if raw_goal.measures.is_empty() {
            v.report(
                Diagnostic::new(
                    Code::GoalWithoutMeasures,
                    raw_goal.id.0.span(),
                    format!("goal `{}` has no measures", goal.id),
                )
                .with_help("add the measures that will reach this goal, or remove the goal"),
            );
        }
        for raw_indicator in &raw_goal.indicators {
            let missing = match (&raw_indicator.baseline, &raw_indicator.target) {
                (None, None) => Some("baseline or target"),
                (None, Some(_)) => Some("baseline"),
                (Some(_), None) => Some("target"),
                _ => None,
            };
            if let Some(missing) = missing {
                v.report(
                    Diagnostic::new(
                        Code::IndicatorIncomplete,
                        raw_indicator.id.0.span(),
                        format!("indicator `{}` has no {missing}", raw_indicator.id.0.value()),
                    )
                    .with_help("add `baseline: { value: …, year: … }` and `target: { value: …, year: … }` so progress can be followed up"),
                );
            }
        }
        if !period_known {
            continue;
        }
        for (raw_measure, measure) in raw_goal.measures.iter().zip(&goal.measures) {
            let deadline = crate::time::Time::parse(raw_measure.deadline.0.value()).ok();
            let times = [
                ("start", raw_measure.start.as_ref(), measure.start),
                ("deadline", Some(&raw_measure.deadline), deadline),
            ];
            for (key, raw_time, time) in times {
                let (Some(raw_time), Some(time)) = (raw_time, time) else {
                    continue;
                };
                let day = if key == "start" {
                    time.first_day(period)
                } else {
                    time.last_day(period)
                };
                let first = time.first_day(period);
                let last = time.last_day(period);
                if last < period.from || first > period.to {
                    v.report(
                        Diagnostic::new(
                            Code::OutsidePeriod,
                            raw_time.0.span(),
                            format!(
                                "the {key} of measure `{}` ({time}) is outside the plan period {} – {}",
                                measure.id, period.from, period.to
                            ),
                        )
                        .with_help("move it into the period, or extend the period under `plan.period`"),
                    );
                } else if (key == "start" && day < period.from)
                    || (key == "deadline" && day > period.to)
                {
                    v.report(
                        Diagnostic::new(
                            Code::OutsidePeriod,
                            raw_time.0.span(),
                            format!(
                                "the {key} of measure `{}` ({time}, that is {day}) is outside the plan period {} – {}",
                                measure.id, period.from, period.to
                            ),
                        )
                        .with_help("move it into the period (a month or year as a start means its first day, as a deadline its last)"),
                    );
                }
            }
            let deadline = measure.deadline.last_day(period);
            let deadline_valid = crate::time::Time::parse(raw_measure.deadline.0.value()).is_ok();
            if deadline_valid && measure.status.is_open() && deadline < today {
                let status_span = raw_measure.status.as_ref().map(|s| s.0.span());
                let mut d = Diagnostic::new(
                    Code::Overdue,
                    raw_measure.deadline.0.span(),
                    format!(
                        "measure `{}` is `{}` but its deadline {} has passed",
                        measure.id,
                        crate::model::Keyword::as_str(measure.status),
                        deadline
                    ),
                )
                .with_help(format!(
                    "set the status to `done`, `delayed` or `cancelled`, or move the deadline (checked against {today}; change with --today)"
                ));
                if let Some(span) = status_span {
                    d = d.with_label(span, "the status");
                }
                v.report(d);
            }
        }
    }

    if let (Some(revise_by), Some(raw_date)) = (plan.meta.revise_by, &doc.plan.revise_by)
        && revise_by != NaiveDate::MIN
        && revise_by < today
        && plan.meta.status != PlanStatus::Revoked
    {
        v.report(
            Diagnostic::new(
                Code::RevisionOverdue,
                raw_date.0.span(),
                format!("the plan was to be revised by {revise_by}"),
            )
            .with_help(format!("revise the plan and set a new `revise_by` (checked against {today}; change with --today)")),
        );
    }

    if plan.meta.status == PlanStatus::Adopted && plan.meta.case_number.is_none() {
        v.report(
            Diagnostic::new(
                Code::AdoptedWithoutCaseNumber,
                doc.plan.status.0.span(),
                "the plan is adopted but has no `case_number`",
            )
            .with_help("add the diarienummer, e.g. `case_number: KS-2018/00412`, so the archive can find the decision"),
        );
    }

    let mut declared: Vec<&raw::Id> = doc.bodies.keys().collect();
    declared.sort_by_key(|id| id.0.span().start);
    for (id, used) in declared.into_iter().zip(v.body_used.clone()) {
        if !used {
            v.report(
                Diagnostic::new(
                    Code::UnusedBody,
                    id.0.span(),
                    format!(
                        "body `{}` is declared but nothing refers to it",
                        id.0.value()
                    ),
                )
                .with_help("make it responsible for or a partner in a measure, or remove it"),
            );
        }
    }
}
