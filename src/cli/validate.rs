//! `actionplan validate PLAN…`: check plans and report, in three formats.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::ValueEnum;

use super::{ExitStatus, Style, paint, plan_inputs, stderr_color};
use crate::diagnostics::{self, Report};
use crate::engine::{self, Compiler, Outcome};
use crate::error::AppError;

/// Check plans and report every problem with file:line:column.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Plan files, or folders searched for *.yaml and *.yml.
    #[arg(required = true, value_name = "PLAN")]
    plans: Vec<PathBuf>,
    /// How to print the diagnostics.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// The day to check deadlines and revise-by against (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_today, default_value_t = today())]
    today: NaiveDate,
    /// Treat warnings as errors: exit 1 if there are any.
    #[arg(long)]
    deny_warnings: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// rustc-style snippets on stderr, coloured on a terminal unless NO_COLOR is set.
    Human,
    /// One JSON document on stdout (see docs/diagnostics.md).
    Json,
    /// GitHub Actions workflow commands on stdout, which annotate pull requests.
    Github,
    /// A GitLab Code Quality report (a JSON array) on stdout, for merge requests (docs/ci.md).
    Gitlab,
}

pub(crate) fn parse_today(s: &str) -> Result<NaiveDate, String> {
    crate::time::parse_date(s).map_err(|e| format!("{} (write YYYY-MM-DD)", e.0))
}

pub(crate) fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

pub fn run(args: Args) -> Result<ExitStatus, AppError> {
    let inputs = plan_inputs(&args.plans)?;
    let options = engine::Options {
        deny_warnings: args.deny_warnings,
        ..engine::Options::check(args.today)
    };
    let outcomes = Compiler::new(options)?.build_all(&inputs, None);
    let reports: Vec<Report<'_>> = outcomes.iter().flat_map(Outcome::reports).collect();
    print_reports(&reports, args.format);
    Ok(outcomes
        .iter()
        .map(Outcome::status)
        .max()
        .unwrap_or(ExitStatus::Success))
}

/// Prints reports in a format; shared with `build`, which validates first.
pub(crate) fn print_reports(reports: &[Report<'_>], format: Format) {
    match format {
        Format::Human => {
            let color = stderr_color();
            for report in reports {
                eprint!("{}", diagnostics::render_human(report, color));
                let summary = diagnostics::render_summary(report);
                let style = if report.errors() > 0 {
                    Style::Error
                } else if report.warnings() > 0 {
                    Style::Bold
                } else {
                    Style::Ok
                };
                eprintln!("{}", paint(&summary, style, color));
            }
        }
        Format::Json => print!("{}", diagnostics::render_json(reports)),
        Format::Gitlab => print!("{}", diagnostics::render_gitlab(reports)),
        Format::Github => {
            for report in reports {
                print!("{}", diagnostics::render_github(report));
            }
        }
    }
}
