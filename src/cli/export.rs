//! `actionplan export PLAN --format json|csv|ics`: a plan as open data, a
//! spreadsheet or a calendar, on stdout or written atomically with `-o`.
//!
//! The engine validates; the view is then narrowed to one body with
//! `--body` and handed to the export (an [`Output`] of
//! [`render::export::EXPORTS`]), with the engine's context, so the
//! calendar's date is the one `build` gives the documents.

use std::io::Write;
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::ValueEnum;

use super::ExitStatus;
use super::build::timestamp;
use super::validate::{Format, parse_today, print_reports, today};
use crate::diagnostics;
use crate::engine::{self, Compiler, Input, Verdict};
use crate::error::AppError;
use crate::render::{Output, export};
use crate::{view, write};

/// Export a plan as open data (JSON), a spreadsheet (CSV) or a calendar of
/// deadlines (iCalendar). Formats and columns: docs/export.md.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The plan file.
    #[arg(value_name = "PLAN")]
    plan: PathBuf,
    /// What to export.
    #[arg(long, short, value_enum, value_name = "FORMAT")]
    format: ExportFormat,
    /// Write to FILE (atomically: a failed export leaves it as it was)
    /// instead of stdout; its folder is made if need be.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Keep only the measures the body with this id is responsible for or a
    /// partner in, e.g. a committee's own deadlines.
    #[arg(long, value_name = "ID")]
    body: Option<String>,
    /// The day deadlines are checked against for warnings (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_today, default_value_t = today())]
    today: NaiveDate,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ExportFormat {
    /// Open data: the plan, its bodies, goals, indicators and measures, with ISO dates and keys.
    Json,
    /// One row per measure (RFC 4180, UTF-8 with a byte-order mark for Excel).
    Csv,
    /// An all-day event per measure deadline (RFC 5545), for a calendar to subscribe to.
    Ics,
}

impl ExportFormat {
    fn output(self) -> &'static dyn Output {
        let name = match self {
            ExportFormat::Json => "json",
            ExportFormat::Csv => "csv",
            ExportFormat::Ics => "ics",
        };
        export::export(name).expect("every format is a registered export")
    }
}

pub fn run(args: Args) -> Result<ExitStatus, AppError> {
    let options = engine::Options {
        timestamp: timestamp()?,
        ..engine::Options::check(args.today)
    };
    let compiler = Compiler::new(options)?;
    let outcome = compiler.compile(&Input::File(args.plan.clone()));
    let name = outcome.file().name();
    let plan = match (outcome.verdict(), &outcome.plan) {
        (Verdict::Ok, Some(plan)) => {
            // Warnings do not change the export; `validate` is where to read them.
            for report in outcome.reports().filter(|r| r.warnings() > 0) {
                eprintln!(
                    "note: {} (`actionplan validate {name}` shows them)",
                    diagnostics::render_summary(&report)
                );
            }
            plan
        }
        (verdict, _) => {
            let reports: Vec<_> = outcome
                .reports()
                .filter(|r| !r.diagnostics.is_empty())
                .collect();
            print_reports(&reports, Format::Human);
            eprintln!(
                "not exported: {name}{}",
                match verdict {
                    Verdict::Invalid => " has errors",
                    _ => "",
                }
            );
            return Ok(outcome.status().max(ExitStatus::Failure));
        }
    };
    let mut view = view::build(plan);
    if let Some(body) = &args.body {
        export::keep_body(&mut view, body)?;
    }
    let rendered = args.format.output().render(&view, &compiler.context(plan));
    let bytes = rendered
        .bytes
        .ok_or_else(|| AppError::Usage("the export produced nothing".into()))?;
    match &args.output {
        Some(path) => {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                write::create_dir(dir)?;
            }
            write::atomic_write(path, &bytes)?;
            eprintln!(
                "wrote {} ({} kB)",
                diagnostics::DisplayPath(path),
                bytes.len().div_ceil(1024)
            );
        }
        None => to_stdout(&bytes)?,
    }
    Ok(ExitStatus::Success)
}

/// Writes the export to stdout; a reader that stops early (`| head`) is no error.
fn to_stdout(bytes: &[u8]) -> Result<(), AppError> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(AppError::Write {
            path: PathBuf::from("<stdout>"),
            source: e,
        }),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_is_a_registered_export_and_every_export_a_format() {
        let names: Vec<&str> = ExportFormat::value_variants()
            .iter()
            .map(|f| f.output().name())
            .collect();
        let registered: Vec<&str> = export::EXPORTS.iter().map(|o| o.name()).collect();
        assert_eq!(names, registered);
    }
}
