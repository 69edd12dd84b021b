//! The follow-up report (uppföljningsrapport): the plan as it stands at
//! one of its follow-up reports, for `actionplan report`.
//!
//! Its own view, [`ReportView`], built from the validated plan and a
//! report's date: the cover block, the measures counted by status, per goal
//! its assessment, indicator charts with their tables and the measures'
//! status now and at the previous report, what needs the council's
//! attention and what changed. Chart geometry is computed once here
//! ([`chart`]); the templates `report.typ` and `report.html` only draw it.
//! What "a measure's status at a day" means is [`status_at`](crate::model::status::status_at).
//!
//! The engine renders it with the outputs in `render::report` and names
//! the files with `engine::report_file_name`.

mod build;
pub mod chart;
mod types;

use chrono::NaiveDate;

use crate::diagnostics::{Code, Diagnostic};
use crate::model::{Plan, Report};

pub use types::*;

/// Picks the report of `date` (the latest one without a date) and the one
/// before it, and builds the view. No such report: E117, listing the dates
/// the plan has.
pub fn build(plan: &Plan, date: Option<NaiveDate>) -> Result<ReportView, Diagnostic> {
    let (report, previous) = select(plan, date)?;
    Ok(build::build(plan, report, previous))
}

/// The report asked for and the latest report before it. Of two reports of
/// the same date the later in the file counts, as for [`status_at`](crate::model::status::status_at).
pub fn select(
    plan: &Plan,
    date: Option<NaiveDate>,
) -> Result<(&Report, Option<&Report>), Diagnostic> {
    let reports: &[Report] = plan.follow_up.as_ref().map_or(&[], |f| &f.reports);
    let latest = |pick: &dyn Fn(&Report) -> bool| {
        reports
            .iter()
            .filter(|r| pick(r))
            .fold(None, |best: Option<&Report>, r| match best {
                Some(b) if b.date > r.date => Some(b),
                _ => Some(r),
            })
    };
    let report = match date {
        Some(d) => latest(&|r| r.date == d),
        None => latest(&|_| true),
    };
    let Some(report) = report else {
        return Err(no_report(reports, date));
    };
    let previous = latest(&|r| r.date < report.date);
    Ok((report, previous))
}

fn no_report(reports: &[Report], date: Option<NaiveDate>) -> Diagnostic {
    if reports.is_empty() {
        return Diagnostic::new(Code::NoSuchReport, None, "the plan has no follow-up reports")
            .with_help("add one under `follow_up.reports:` with its `date`, the measures' `status` and the indicators' values");
    }
    let mut dates: Vec<String> = reports.iter().map(|r| r.date.to_string()).collect();
    dates.sort();
    dates.dedup();
    let asked = date.map_or(String::new(), |d| d.to_string());
    Diagnostic::new(
        Code::NoSuchReport,
        None,
        format!("the plan has no follow-up report dated {asked}"),
    )
    .with_help(format!(
        "the plan's reports are dated {}; give one of these with --date, or leave --date out for the latest",
        dates.join(", ")
    ))
}
