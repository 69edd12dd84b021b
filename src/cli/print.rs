//! What the commands print, in one place: diagnostics in the chosen
//! format, the verdict on each plan, the files written, timings, and the
//! rebuild lines of `watch` and `serve`.
//!
//! Machine-readable output goes to stdout and everything for a person to
//! stderr. Writing to stdout can fail (a full disk): that is an I/O error,
//! exit 2, never a panic. A reader that stops early (`| head`) is no error.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::Duration;

use super::args::DiagnosticFormat as Format;
use super::{ExitStatus, Style, paint, stderr_color};
use crate::diagnostics::{self, DisplayPath, Report};
use crate::engine::{Outcome, Verdict, Written};
use crate::error::AppError;
use crate::timings::Timings;

/// Writes to stdout; a closed pipe is no error, any other failure is.
pub(super) fn stdout(bytes: &[u8]) -> Result<(), AppError> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(AppError::Write {
            path: PathBuf::from("<stdout>"),
            source: e,
        }),
        _ => Ok(()),
    }
}

/// Prints reports in a format.
pub(super) fn reports(reports: &[Report<'_>], format: Format) -> Result<(), AppError> {
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
            Ok(())
        }
        Format::Json => stdout(diagnostics::render_json(reports).as_bytes()),
        Format::Gitlab => stdout(diagnostics::render_gitlab(reports).as_bytes()),
        Format::Github => {
            let text: String = reports.iter().map(diagnostics::render_github).collect();
            stdout(text.as_bytes())
        }
    }
}

/// What a command did with a valid plan, for its "not …" lines.
#[derive(Clone, Copy)]
pub(super) enum Action {
    Build,
    Report,
}

/// Prints every plan's diagnostics and what was written, in the order the
/// plans were given; the status is the worst of them.
pub(super) fn outcomes(
    outcomes: &[&Outcome],
    format: Format,
    timings: bool,
    action: Action,
) -> Result<ExitStatus, AppError> {
    if format != Format::Human {
        let all: Vec<_> = outcomes.iter().flat_map(|o| o.reports()).collect();
        reports(&all, format)?;
    }
    let mut status = ExitStatus::Success;
    for outcome in outcomes {
        if format == Format::Human {
            reports(&with_diagnostics(outcome), format)?;
        }
        if let Some(e) = &outcome.refused {
            eprintln!("{}: {e}", paint("error", Style::Error, stderr_color()));
        }
        let name = outcome.file().name();
        let not = match action {
            Action::Build => "not built:".to_string(),
            Action::Report => "no report written:".to_string(),
        };
        match outcome.verdict() {
            Verdict::Ok => {
                for w in &outcome.written {
                    eprintln!("wrote {}", written(w));
                }
                if timings {
                    eprintln!("{}", self::timings(&outcome.stem(), &outcome.timings));
                }
            }
            Verdict::Invalid => {
                // The plan's, or (with --compare) the earlier version's.
                let files: Vec<String> = (outcome.reports.iter())
                    .filter(|r| r.diagnostics.iter().any(|d| d.is_error()))
                    .map(|r| r.file.name())
                    .collect();
                let files = if files.is_empty() {
                    vec![name.clone()]
                } else {
                    files
                };
                eprintln!("{not} {} has errors", files.join(" and "));
            }
            Verdict::Refused => eprintln!("{not} {name} has warnings (--deny-warnings)"),
            Verdict::Failed => match action {
                Action::Build => eprintln!("not built: {name}"),
                Action::Report => eprintln!("no report written for {name}"),
            },
        }
        status = status.max(outcome.status());
    }
    Ok(status)
}

/// The reports of an outcome that have something to say.
fn with_diagnostics(outcome: &Outcome) -> Vec<Report<'_>> {
    outcome
        .reports()
        .filter(|r| !r.diagnostics.is_empty())
        .collect()
}

/// `out/plan.pdf (95 kB, 12 pages)`.
pub(super) fn written(w: &Written) -> String {
    described(&DisplayPath(&w.path).to_string(), w.bytes, w.pages)
}

/// `<where> (95 kB, 12 pages)`.
pub(super) fn described(place: &str, bytes: usize, pages: Option<usize>) -> String {
    let size = format!("{} kB", bytes.div_ceil(1024));
    match pages {
        Some(pages) => format!("{place} ({size}, {})", diagnostics::plural(pages, "page")),
        None => format!("{place} ({size})"),
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// `timings fonts: 12.00 ms`.
pub(super) fn fonts_time(d: Duration) {
    eprintln!("timings fonts: {:.2} ms", ms(d));
}

/// One line of how long each stage of a plan's build took.
pub(super) fn timings(stem: &str, t: &Timings) -> String {
    let typst = t.typst_layout + t.typst_export;
    let total = t.ours_wall() + typst;
    format!(
        "timings {stem}: load {:.2} ms, validate {:.2} ms, view {:.2} ms, pdf data {:.2} ms, html {:.2} ms, typst layout {:.2} ms, typst export {:.2} ms; ours {:.1}% of {:.1} ms wall (html runs beside typst)",
        ms(t.load),
        ms(t.validate),
        ms(t.view),
        ms(t.pdf_data),
        ms(t.html),
        ms(t.typst_layout),
        ms(t.typst_export),
        100.0 * t.ours_wall().as_secs_f64() / total.as_secs_f64().max(1e-9),
        ms(total)
    )
}

/// `skipped <file>: …` for YAML files in a searched folder that are not plans.
pub(super) fn skipped(files: &[PathBuf]) {
    for file in files {
        eprintln!(
            "skipped {}: no top-level `actionplan:` key, so not a plan",
            DisplayPath(file)
        );
    }
}

/// Prints rebuilds (`watch`, `serve`): diagnostics as `validate` does, then one line.
pub(super) struct Printer {
    format: Format,
    timings: bool,
    /// Clear the screen before each rebuild: only on a terminal, and only
    /// when the diagnostics go there.
    clear: bool,
}

impl Printer {
    pub(super) fn new(format: Format, timings: bool) -> Self {
        Printer {
            format,
            timings,
            clear: format == Format::Human && std::io::stderr().is_terminal(),
        }
    }

    pub(super) fn clear(&self) {
        if self.clear {
            // Erase the screen and its scrollback, cursor home.
            eprint!("\x1b[2J\x1b[3J\x1b[H");
        }
    }

    /// The outcome's diagnostics, then `rebuilt plan.yaml in 412 ms: <what>`
    /// or `not rebuilt: plan.yaml has errors (38 ms); <what>`.
    pub(super) fn print(
        &self,
        outcome: &Outcome,
        elapsed: Duration,
        what: &str,
    ) -> Result<(), AppError> {
        let shown: Vec<_> = outcome
            .reports()
            .filter(|r| self.format != Format::Human || !r.diagnostics.is_empty())
            .collect();
        reports(&shown, self.format)?;
        let name = outcome.file().name();
        let ms = elapsed.as_millis();
        match outcome.verdict() {
            Verdict::Ok => {
                eprintln!("rebuilt {name} in {ms} ms: {what}");
                if self.timings {
                    eprintln!("{}", timings(&outcome.stem(), &outcome.timings));
                }
            }
            Verdict::Invalid => eprintln!("not rebuilt: {name} has errors ({ms} ms); {what}"),
            Verdict::Refused => {
                eprintln!("not rebuilt: {name} has warnings (--deny-warnings) ({ms} ms); {what}")
            }
            Verdict::Failed => eprintln!("not rebuilt: {name} ({ms} ms); {what}"),
        }
        Ok(())
    }
}
