//! `actionplan watch PLAN…`: builds, then rebuilds on every save, with the
//! flags of `build`. A thin loop over [`crate::live::Session`]; this file
//! only prints, and `serve` prints its rebuilds the same way.

use std::path::PathBuf;
use std::time::Instant;

use super::args::{Building, Selecting};
use super::print::{self, Printer};
use super::{ExitStatus, next_change};
use crate::engine::{Destination, Lifetime, Verdict};
use crate::error::AppError;
use crate::live::{self, Plans, Rebuild, Rebuilt, Session};

/// Build plans, then rebuild them on every save until Ctrl-C.
///
/// Watches the plan files, the --templates folder and the --font-path folder.
/// A folder is searched for plans (*.yaml and *.yml with a top-level
/// `actionplan:` key; other YAML is skipped) and stays watched: a plan created
/// in it is built, a deleted one is dropped. One engine stays alive between
/// edits, so only what an edit touched is laid out again. A plan that has
/// errors leaves its last good outputs in place.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Plan files, or folders searched for plans.
    #[arg(required = true, value_name = "PLAN")]
    plans: Vec<PathBuf>,
    /// The folder to write into; outputs are named after the plan file.
    #[arg(long, short, value_name = "DIR", default_value = "out")]
    out: PathBuf,
    #[command(flatten)]
    selecting: Selecting,
    #[command(flatten)]
    building: Building,
    /// Print how long each stage took, per plan.
    #[arg(long)]
    timings: bool,
    /// Also write what Typst is fed (DIR/<plan>/plan.typ, the templates it
    /// imports and data.json), as `build --emit-typst` does.
    #[arg(long, value_name = "DIR")]
    emit_typst: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<ExitStatus, AppError> {
    let flags = &args;
    let formats = flags.selecting.formats("watch", |f| f.plan.is_some())?;
    // The session makes the compiler's lifetime long.
    let options = flags.building.options(formats, Lifetime::Once)?;
    let outputs: Vec<_> = options.formats.iter().filter_map(|f| f.plan).collect();
    let (plans, skipped) = Plans::find(&flags.plans, &outputs)?;
    let printer = Printer::new(flags.building.format(), flags.timings);
    printer.clear();
    print::skipped(&skipped);
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
    write_and_print(&session, rebuilt, &destination, &printer)?;
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
                write_and_print(&session, rebuilt, &destination, &printer)?;
            }
            Err(e) => eprintln!("error: {e}; the old fonts stay"),
        }
    }
}

fn write_and_print(
    session: &Session,
    rebuilt: Vec<Rebuilt>,
    destination: &Destination,
    printer: &Printer,
) -> Result<(), AppError> {
    for mut r in rebuilt {
        let start = Instant::now();
        session.write(&mut r.outcome, destination);
        let elapsed = r.elapsed + start.elapsed();
        let what = match r.outcome.verdict() {
            Verdict::Ok => {
                let files: Vec<String> = r.outcome.written.iter().map(print::written).collect();
                format!("wrote {}", files.join(", "))
            }
            _ => format!(
                "the last good outputs in {} stay",
                destination.out.display()
            ),
        };
        printer.print(&r.outcome, elapsed, &what)?;
    }
    Ok(())
}
