//! `actionplan validate PLAN…`: check plans and report, in four formats.

use std::path::PathBuf;

use super::args::{Checking, Printing};
use super::{ExitStatus, plan_inputs, print};
use crate::engine::{Compiler, Lifetime, Outcome, Request};
use crate::error::AppError;

/// Check plans and report every problem with file:line:column.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Plan files, or folders searched for *.yaml and *.yml.
    #[arg(required = true, value_name = "PLAN")]
    plans: Vec<PathBuf>,
    #[command(flatten)]
    printing: Printing,
    #[command(flatten)]
    checking: Checking,
}

pub fn run(args: Args) -> Result<ExitStatus, AppError> {
    let requests: Vec<Request> = plan_inputs(&args.plans)?
        .into_iter()
        .map(Request::plan)
        .collect();
    let options = args.checking.options(None, Vec::new(), Lifetime::Once)?;
    let outcomes = Compiler::new(options)?.compile_all(&requests, |_, o| o);
    let reports: Vec<_> = outcomes.iter().flat_map(Outcome::reports).collect();
    print::reports(&reports, args.printing.format)?;
    Ok(outcomes
        .iter()
        .map(Outcome::status)
        .max()
        .unwrap_or(ExitStatus::Success))
}
