//! `actionplan watch PLAN…`: builds, then rebuilds on every save, with the
//! flags of `build`. A thin loop over [`crate::live::Session`]; this file
//! only prints, and `serve` prints its rebuilds the same way.

use std::io::IsTerminal;
use std::path::Path;
use std::time::{Duration, Instant};

use super::validate::{Format, print_reports};
use super::{ExitStatus, build};
use crate::engine::{self, Destination, Outcome, Verdict};
use crate::error::AppError;
use crate::live::{self, Change, Plans, Rebuild, Rebuilt, Session, Watcher};

/// Build plans, then rebuild them on every save until Ctrl-C.
///
/// Watches the plan files, the --templates folder and the --font-path folder.
/// A folder is searched for plans (*.yaml and *.yml with a top-level
/// `actionplan:` key; other YAML is skipped) and stays watched: a plan created
/// in it is built, a deleted one is dropped. One engine stays alive between
/// edits, so only what an edit touched is laid out again. A plan that has
/// errors leaves its last good outputs in place.
#[derive(Debug, clap::Args)]
// The flattened build::Args is a group named `Args` already.
#[group(skip)]
pub struct Args {
    #[command(flatten)]
    build: build::Args,
}

pub fn run(args: Args) -> Result<ExitStatus, AppError> {
    let flags = &args.build;
    let options = flags.options()?;
    let (plans, skipped) = Plans::find(&flags.plans, &options.outputs)?;
    let printer = Printer::new(flags.format, flags.timings);
    printer.clear();
    for file in &skipped {
        eprintln!(
            "skipped {}: no top-level `actionplan:` key, so not a plan",
            crate::diagnostics::DisplayPath(file)
        );
    }
    if plans.is_empty() {
        eprintln!("no plans yet; a plan saved in the folder will be built (Ctrl-C stops)");
    }
    let mut session = Session::new(plans, options)?;
    // Watching starts before the first build, so an edit during it is not missed.
    let watcher = session.watch()?;
    live::exit_on_ctrl_c()?;
    let destination = Destination {
        out: flags.out.clone(),
        emit_typst: flags.emit_typst.clone(),
    };
    let rebuilt = session.build_all();
    write_and_print(&session, rebuilt, &destination, &printer);
    loop {
        let change = next_change(&watcher)?;
        match session.rebuild(&change) {
            // Files of a folder that are not plans: nothing to say.
            Ok(rebuild) if rebuild.is_empty() => {}
            Ok(rebuild) => {
                let Rebuild {
                    dropped,
                    refused,
                    rebuilt,
                } = rebuild;
                printer.clear();
                for plan in dropped {
                    eprintln!(
                        "dropped {}: it was deleted or moved away; its last outputs stay",
                        crate::diagnostics::DisplayPath(&plan)
                    );
                }
                for why in refused {
                    eprintln!("warning: {why}");
                }
                write_and_print(&session, rebuilt, &destination, &printer);
            }
            Err(e) => eprintln!("error: {e}; the old fonts stay"),
        }
    }
}

/// The next change; a problem of the file watch itself (a lost event) is
/// reported and answered by rebuilding everything.
pub(super) fn next_change(watcher: &Watcher) -> Result<Change, AppError> {
    match watcher.next() {
        Ok(change) => Ok(change),
        Err(live::WatchError::Lost(message)) => {
            eprintln!("warning: {message}; rebuilding everything");
            Ok(watcher.everything())
        }
        Err(live::WatchError::Stopped) => Err(AppError::Usage("the file watch stopped".into())),
    }
}

fn write_and_print(
    session: &Session,
    rebuilt: Vec<Rebuilt>,
    destination: &Destination,
    printer: &Printer,
) {
    for mut r in rebuilt {
        let start = Instant::now();
        session.write(&mut r.outcome, destination);
        let elapsed = r.elapsed + start.elapsed();
        let what = match r.outcome.verdict() {
            Verdict::Ok => {
                let files: Vec<String> = r
                    .outcome
                    .documents
                    .iter()
                    .map(|d| describe(&destination.out.join(&d.file_name), d))
                    .collect();
                format!("wrote {}", files.join(", "))
            }
            _ => format!(
                "the last good outputs in {} stay",
                destination.out.display()
            ),
        };
        printer.print(&r.outcome, elapsed, &what);
    }
}

/// `out/plan.pdf (95 kB, 12 pages)`.
pub(super) fn describe(path: &Path, document: &engine::Document) -> String {
    let size = format!("{} kB", document.bytes.len().div_ceil(1024));
    let shown = crate::diagnostics::DisplayPath(path);
    match &document.detail {
        Some(detail) => format!("{shown} ({size}, {detail})"),
        None => format!("{shown} ({size})"),
    }
}

/// Prints rebuilds: diagnostics as `validate` does, then one line.
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
    pub(super) fn print(&self, outcome: &Outcome, elapsed: Duration, what: &str) {
        let reports: Vec<_> = outcome
            .reports()
            .filter(|r| self.format != Format::Human || !r.diagnostics.is_empty())
            .collect();
        print_reports(&reports, self.format);
        let name = outcome.file().name();
        let ms = elapsed.as_millis();
        match outcome.verdict() {
            Verdict::Ok => {
                eprintln!("rebuilt {name} in {ms} ms: {what}");
                if self.timings {
                    eprintln!(
                        "{}",
                        build::format_timings(&outcome.stem(), &outcome.timings)
                    );
                }
            }
            Verdict::Invalid => eprintln!("not rebuilt: {name} has errors ({ms} ms); {what}"),
            Verdict::Refused => {
                eprintln!("not rebuilt: {name} has warnings (--deny-warnings) ({ms} ms); {what}")
            }
            Verdict::Failed => eprintln!("not rebuilt: {name} ({ms} ms); {what}"),
        }
    }
}
