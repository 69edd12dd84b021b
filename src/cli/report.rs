//! `actionplan report PLAN`: the yearly follow-up report (uppföljningsrapport)
//! of one plan at one of its follow-up reports, as PDF and HTML.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::args::{Building, Selecting, parse_date};
use super::{ExitStatus, print};
use crate::engine::{Compiler, Destination, Input, Lifetime, Product, Request};
use crate::error::AppError;

/// Write the follow-up report (uppföljningsrapport) of a plan, with indicator charts.
///
/// The report shows the plan at one of its `follow_up.reports`: the measures
/// counted by status, each goal's assessment, every indicator as a chart
/// and a table, the measures' status now and at the previous report, what
/// needs the council's attention and what changed. It is written as
/// DIR/<plan>-followup-<date>.pdf and .html. A date the plan has no report
/// on exits with 2 and lists the dates it has. Unless --today is given, the
/// plan's warnings are those of the day reported on.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The plan file.
    #[arg(value_name = "PLAN")]
    plan: PathBuf,
    /// The report's date (YYYY-MM-DD), one of the plan's follow-up reports; default: the latest.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    date: Option<NaiveDate>,
    /// The folder to write into.
    #[arg(long, short, value_name = "DIR", default_value = "out")]
    out: PathBuf,
    #[command(flatten)]
    selecting: Selecting,
    #[command(flatten)]
    building: Building,
}

pub fn run(args: Args) -> Result<ExitStatus, AppError> {
    let formats = args.selecting.formats("report", |f| f.report.is_some())?;
    let options = args.building.options(formats, Lifetime::Once)?;
    let compiler = Compiler::new(options)?;
    let request = Request {
        input: Input::File(args.plan.clone()),
        product: Product::Report(args.date),
        body: None,
    };
    let mut outcome = compiler.compile(&request);
    let destination = Destination {
        out: args.out.clone(),
        emit_typst: None,
    };
    compiler.write(&mut outcome, &destination);
    print::outcomes(
        &[&outcome],
        args.building.format(),
        false,
        print::Action::Report,
    )
}
