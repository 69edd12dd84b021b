//! `actionplan export PLAN --format json|csv|ics`: a plan as open data, a
//! spreadsheet or a calendar, on stdout or written atomically with `-o`.
//!
//! The engine validates and renders the one format asked for (a data
//! format of [`crate::render::formats`]), narrowed to one body with
//! `--body`, so the calendar's date is the one `build` gives the documents.

use std::path::PathBuf;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};

use super::args::Checking;
use super::{ExitStatus, print};
use crate::diagnostics;
use crate::engine::{Compiler, Input, Lifetime, Product, Request, Verdict};
use crate::error::AppError;
use crate::render::formats::{self, FORMATS, Format, Kind};
use crate::write;

/// Export a plan as open data (JSON), a spreadsheet (CSV) or a calendar of
/// deadlines (iCalendar). Formats and columns: docs/export.md.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The plan file.
    #[arg(value_name = "PLAN")]
    plan: PathBuf,
    /// What to export.
    #[arg(long, short, value_name = "FORMAT", value_parser = data_format())]
    format: &'static Format,
    /// Write to FILE (atomically: a failed export leaves it as it was)
    /// instead of stdout; its folder is made if need be.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Keep only the measures the body with this id is responsible for or a
    /// partner in, e.g. a committee's own deadlines.
    #[arg(long, value_name = "ID")]
    body: Option<String>,
    #[command(flatten)]
    checking: Checking,
}

/// The data formats of the registry, by name, with their help lines.
fn data_format() -> impl TypedValueParser<Value = &'static Format> {
    let values = FORMATS
        .iter()
        .filter(|f| f.kind == Kind::Data)
        .map(|f| PossibleValue::new(f.name).help(f.about));
    PossibleValuesParser::new(values)
        .try_map(|name| formats::by_name(&name).ok_or_else(|| format!("no format called {name:?}")))
}

pub fn run(args: Args) -> Result<ExitStatus, AppError> {
    let options = args
        .checking
        .options(None, vec![args.format], Lifetime::Once)?;
    let compiler = Compiler::new(options)?;
    let request = Request {
        input: Input::File(args.plan.clone()),
        product: Product::Plan,
        body: args.body.clone(),
    };
    let mut outcome = compiler.compile(&request);
    if let Some(e) = outcome.refused.take() {
        return Err(e);
    }
    let name = outcome.file().name();
    if outcome.verdict() != Verdict::Ok {
        let shown: Vec<_> = outcome
            .reports()
            .filter(|r| !r.diagnostics.is_empty())
            .collect();
        print::reports(&shown, super::args::DiagnosticFormat::Human)?;
        let why = match outcome.verdict() {
            Verdict::Invalid => " has errors",
            Verdict::Refused => " has warnings (--deny-warnings)",
            _ => "",
        };
        eprintln!("not exported: {name}{why}");
        return Ok(outcome.status().max(ExitStatus::Failure));
    }
    // Warnings do not change the export; `validate` is where to read them.
    for report in outcome.reports().filter(|r| r.warnings() > 0) {
        eprintln!(
            "note: {} (`actionplan validate {name}` shows them)",
            diagnostics::render_summary(&report)
        );
    }
    let document = (outcome.documents.pop())
        .ok_or_else(|| AppError::Internal("the export produced nothing".into()))?;
    match &args.output {
        Some(path) => {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                write::create_dir(dir)?;
            }
            write::check_not_input(path, [args.plan.as_path()])?;
            write::atomic_write(path, &document.bytes)?;
            let place = diagnostics::DisplayPath(path).to_string();
            eprintln!(
                "wrote {}",
                print::described(&place, document.bytes.len(), None)
            );
        }
        None => print::stdout(&document.bytes)?,
    }
    Ok(ExitStatus::Success)
}
