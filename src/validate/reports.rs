//! The warnings about follow-up reports as a history: their dates in order
//! and inside the plan period (W209, W210), and no measure reported `done`
//! that a later report calls open again (W211).
//!
//! Like the other warnings they run on the typed items; a report that
//! failed a check is not there, so it gets no warning until it is fixed.

use super::Parts;
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{Keyword, MeasureRef, MeasureStatus, Report};

pub(super) fn check(parts: &Parts, found: &mut Vec<Diagnostic>) {
    let Some(Some(follow_up)) = &parts.follow_up else {
        return;
    };
    let reports = &follow_up.reports;
    for pair in reports.windows(2) {
        let (before, after) = (&pair[0], &pair[1]);
        if after.date <= before.date {
            let how = if after.date == before.date {
                "has the same date as the report before it"
            } else {
                "is dated before the report above it"
            };
            found.push(
                Diagnostic::new(
                    Code::ReportsOutOfOrder,
                    after.spans.date,
                    format!("the follow-up report of {} {how} ({})", after.date, before.date),
                )
                .with_label(before.spans.date, "the report before")
                .with_help("list the reports oldest first, one per date; `actionplan report --date` picks a report by its date"),
            );
        }
    }
    if let Some(period) = parts.period {
        for report in reports.iter().filter(|r| r.date < period.from) {
            found.push(
                Diagnostic::new(
                    Code::ReportBeforePeriod,
                    report.spans.date,
                    format!(
                        "the follow-up report of {} is dated before the plan period starts ({})",
                        report.date, period.from
                    ),
                )
                .with_help("check the date: a follow-up reports on the plan after it has started"),
            );
        }
    }
    reopened(parts, reports, found);
}

/// W211: reported `done`, then `planned`, `ongoing` or `delayed` in a later report.
fn reopened(parts: &Parts, reports: &[Report], found: &mut Vec<Diagnostic>) {
    let mut by_date: Vec<&Report> = reports.iter().collect();
    by_date.sort_by_key(|r| r.date);
    let mut done: Vec<(MeasureRef, &Report, usize)> = Vec::new();
    let mut warned: Vec<MeasureRef> = Vec::new();
    for report in by_date {
        for (i, &(m, status, _)) in report.measures.iter().enumerate() {
            let earlier = done
                .iter()
                .find(|(d, r, _)| *d == m && r.date < report.date);
            match (status, earlier) {
                (MeasureStatus::Done, None) => done.push((m, report, i)),
                (s, Some(&(_, was, j))) if s.is_open() && !warned.contains(&m) => {
                    warned.push(m);
                    let id = parts.goals[m.goal]
                        .as_ref()
                        .map_or(String::new(), |g| g.measures[m.index].id.to_string());
                    found.push(
                        Diagnostic::new(
                            Code::DoneReopened,
                            report.spans.statuses[i],
                            format!(
                                "measure `{id}` is `{}` in the report of {}, but was reported `done` on {}",
                                s.as_str(),
                                report.date,
                                was.date
                            ),
                        )
                        .with_label(was.spans.statuses[j], "reported done here")
                        .with_help("if the work was taken up again, say so in the comment; otherwise correct one of the two statuses"),
                    );
                }
                _ => {}
            }
        }
    }
}
