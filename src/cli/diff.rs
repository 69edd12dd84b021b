//! `actionplan diff OLD NEW`: what changed between two versions of a plan.
//!
//! Reads both versions (a file, or `REV:PATH` from git: `versions.rs`), validates them with
//! the engine, and prints [`crate::diff::compare`]'s result. The diff goes
//! to stdout, as `git diff`'s does; diagnostics of a version that does not
//! validate go to stderr, as `validate` prints them, or with `--format json`
//! to stdout as `validate --format json` prints them.

use clap::ValueEnum;

use super::args::{DiagnosticFormat, timestamp};
use super::{ExitStatus, print, versions};
use crate::diff::{self, render};
use crate::engine::{self, Compiler, Outcome, Request, Verdict};
use crate::error::AppError;

/// Compare two versions of a plan by id: what was added, removed, changed or moved.
///
/// Items are matched by their ids, so reformatting, key order, comments, quoting and
/// the order of measures inside a goal are not changes. An id that was renamed shows
/// as one removal and one addition, marked as a likely rename when the title is the same.
///
/// OLD and NEW are plan files, or REV:PATH read with `git show` from the repository
/// of the current directory (e.g. `origin/main:plans/x.yaml`; as for git, PATH is from
/// the repository's root, or `./PATH` from the current directory); a file with that
/// literal name wins.
///
/// Exit status: 0 whether or not there are changes (1 with --exit-code when there
/// are); 1 when OLD or NEW does not validate (its diagnostics are printed: on stderr,
/// or with --format json as the JSON document of `validate --format json` on stdout);
/// 2 for usage and I/O errors, a missing git or an unknown revision.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The earlier version: a plan file, or REV:PATH (e.g. HEAD~1:plans/x.yaml).
    old: String,
    /// The later version: a plan file, or REV:PATH.
    new: String,
    /// How to print the changes (on stdout).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Exit 1 when there are changes, as `git diff --exit-code` does.
    #[arg(long)]
    exit_code: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Grouped by goal, one sentence per change, in the plan's language; coloured on a
    /// terminal unless NO_COLOR is set.
    Human,
    /// One JSON document (see docs/diff.md).
    Json,
    /// A summary and tables, for a pull-request comment.
    Markdown,
}

impl Format {
    /// How the diagnostics of a version that does not validate are printed: a
    /// tool that reads the diff's JSON on stdout gets `validate --format json`'s
    /// document there; a person, or a pull-request comment made from stdout,
    /// gets them in human form on stderr, so no diagnostic lands in the comment.
    fn diagnostics(self) -> DiagnosticFormat {
        match self {
            Format::Json => DiagnosticFormat::Json,
            Format::Human | Format::Markdown => DiagnosticFormat::Human,
        }
    }
}

pub fn run(args: Args) -> Result<ExitStatus, AppError> {
    let inputs = [versions::input(&args.old)?, versions::input(&args.new)?];
    let options = engine::Options {
        timestamp: timestamp()?,
        ..engine::Options::default()
    };
    let compiler = Compiler::new(options)?;
    let outcomes: Vec<Outcome> = (inputs.into_iter())
        .map(|i| compiler.compile(&Request::plan(i)))
        .collect();
    let failed: Vec<&Outcome> = outcomes
        .iter()
        .filter(|o| o.verdict() != Verdict::Ok)
        .collect();
    if !failed.is_empty() {
        let reports: Vec<_> = failed.iter().flat_map(|o| o.reports()).collect();
        print::reports(&reports, args.format.diagnostics())?;
        return Ok(failed
            .iter()
            .map(|o| o.status())
            .max()
            .unwrap_or(ExitStatus::Failure));
    }
    let (Some(old), Some(new)) = (outcomes[0].version(), outcomes[1].version()) else {
        return Err(AppError::Internal(
            "a plan without errors has no model".into(),
        ));
    };
    let diff = diff::compare(&old, &new);
    let text = match args.format {
        Format::Human => render::human(&diff, stdout_color()),
        Format::Json => render::json(&diff),
        Format::Markdown => render::markdown(&diff),
    };
    print::stdout(text.as_bytes())?;
    Ok(if args.exit_code && !diff.is_empty() {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}

/// Colour on stdout: only on a terminal, and never with `NO_COLOR` set.
fn stdout_color() -> bool {
    use std::io::IsTerminal;
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
}
