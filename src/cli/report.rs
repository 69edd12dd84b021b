//! `actionplan report PLAN`: the yearly follow-up report (uppföljningsrapport)
//! of one plan at one of its follow-up reports, as PDF and HTML.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::ExitStatus;
use super::build::timestamp;
use super::validate::{Format, parse_today, print_reports, today};
use crate::engine::{self, Compiler, Destination, Input, Lifetime, ReportRequest, Verdict};
use crate::error::AppError;
use crate::render::{Output, Templates};
use crate::report::{REPORT_OUTPUTS, ReportView};

/// Write the follow-up report (uppföljningsrapport) of a plan, with indicator charts.
///
/// The report shows the plan at one of its `follow_up.reports`: the measures
/// counted by status, each goal's assessment, every indicator as a chart
/// and a table, the measures' status now and at the previous report, what
/// needs the council's attention and what changed. It is written as
/// DIR/<plan>-followup-<date>.pdf and .html. A date the plan has no report
/// on exits with 2 and lists the dates it has.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The plan file.
    #[arg(value_name = "PLAN")]
    plan: PathBuf,
    /// The report's date (YYYY-MM-DD), one of the plan's follow-up reports; default: the latest.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    date: Option<NaiveDate>,
    /// The folder to write into.
    #[arg(long, short, value_name = "DIR", default_value = "out")]
    out: PathBuf,
    /// Write the PDF (by default both the PDF and the HTML are written).
    #[arg(long)]
    pdf: bool,
    /// Write the HTML page (by default both the PDF and the HTML are written).
    #[arg(long)]
    html: bool,
    /// A folder whose report.typ, report.html, report.css, style.css or markdown.* replace the embedded ones.
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
    /// A folder of extra fonts (.ttf, .otf) for the PDF; system fonts are never used.
    #[arg(long, value_name = "DIR")]
    font_path: Option<PathBuf>,
    /// The day deadlines are checked against for the plan's warnings (YYYY-MM-DD);
    /// default: the report's date, so the warnings are those of the day reported on.
    #[arg(long, value_name = "DATE", value_parser = parse_today)]
    today: Option<NaiveDate>,
    /// Refuse to write the report of a plan with warnings.
    #[arg(long)]
    deny_warnings: bool,
    /// How to print diagnostics.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

/// The day warnings are checked against: `--today`, else the date of the
/// report asked for (or the latest, when no report has that date; the plan
/// is read once more for it: milliseconds), else
/// the clock's, when the plan cannot tell (its problems are reported next).
fn check_day(args: &Args) -> NaiveDate {
    if let Some(day) = args.today {
        return day;
    }
    let clock = today();
    let Ok(compiler) = Compiler::new(engine::Options::check(clock)) else {
        return clock;
    };
    let outcome = compiler.compile(&Input::File(args.plan.clone()));
    outcome
        .plan
        .as_ref()
        // A date with no report (E117) is checked as the latest report is,
        // so its error does not drown in warnings about today.
        .and_then(|plan| {
            crate::report::select(plan, args.date)
                .or_else(|_| crate::report::select(plan, None))
                .ok()
        })
        .map_or(clock, |(report, _)| report.date)
}

pub fn run(args: Args) -> Result<ExitStatus, AppError> {
    let wanted = |o: &&dyn Output<ReportView>| match (args.pdf, args.html) {
        (false, false) => true,
        (pdf, html) => (pdf && o.name() == "pdf") || (html && o.name() == "html"),
    };
    let options = engine::Options {
        deny_warnings: args.deny_warnings,
        templates: match &args.templates {
            Some(dir) => Templates::from_dir(dir)?,
            None => Templates::embedded(),
        },
        font_path: args.font_path.clone(),
        timestamp: timestamp()?,
        lifetime: Lifetime::Once,
        ..engine::Options::check(check_day(&args))
    };
    let request = ReportRequest {
        date: args.date,
        outputs: REPORT_OUTPUTS.iter().copied().filter(wanted).collect(),
    };
    let mut compiler = Compiler::new(options)?;
    let mut outcome = compiler.report(&Input::File(args.plan.clone()), &request);
    let destination = Destination {
        out: args.out.clone(),
        emit_typst: None,
    };
    compiler.write(&mut outcome, &destination);
    let reports: Vec<_> = outcome
        .reports()
        .filter(|r| args.format != Format::Human || !r.diagnostics.is_empty())
        .collect();
    print_reports(&reports, args.format);
    let name = outcome.file().name();
    match outcome.verdict() {
        Verdict::Ok => outcome.written.iter().for_each(|l| eprintln!("{l}")),
        Verdict::Invalid => eprintln!("no report written: {name} has errors"),
        Verdict::Refused => eprintln!("no report written: {name} has warnings (--deny-warnings)"),
        Verdict::Failed => eprintln!("no report written for {name}"),
    }
    Ok(outcome.status())
}
