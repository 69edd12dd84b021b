//! The command line: parsing arguments and running one command each.
//!
//! Clap's derive turns arguments into [`Cli`]; the doc comments here are the
//! help text. Each command lives in its own file and returns an
//! [`ExitStatus`]: 0 success, 1 the plan is invalid, 2 usage, I/O or
//! internal error.

mod args;
mod build;
mod diff;
mod explain;
mod export;
mod lsp;
mod new;
mod print;
mod report;
mod schema;
mod serve;
mod site;
mod source;
mod validate;
mod versions;
mod watch;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::engine::Input;
use crate::error::AppError;

/// Compiles a municipal action plan (YAML) into a PDF and an accessible HTML page.
#[derive(Debug, Parser)]
#[command(name = "actionplan", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Validate(validate::Args),
    Build(build::Args),
    Diff(diff::Args),
    Export(export::Args),
    New(new::Args),
    Report(report::Args),
    Schema(schema::Args),
    Watch(watch::Args),
    Serve(serve::Args),
    Site(site::Args),
    Source(source::Args),
    Lsp(lsp::Args),
    Explain(explain::Args),
}

pub use crate::engine::ExitStatus;

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> ExitCode {
        ExitCode::from(status as u8)
    }
}

/// Runs the command line and returns the exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return if err.use_stderr() {
                ExitStatus::Error.into()
            } else {
                ExitStatus::Success.into()
            };
        }
    };
    let result = match cli.command {
        Command::Validate(args) => validate::run(args),
        Command::Build(args) => build::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Export(args) => export::run(args),
        Command::New(args) => new::run(args),
        Command::Report(args) => report::run(args),
        Command::Schema(args) => schema::run(args),
        Command::Watch(args) => watch::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Site(args) => site::run(args),
        Command::Source(args) => source::run(args),
        Command::Lsp(args) => lsp::run(args),
        Command::Explain(args) => explain::run(args),
    };
    match result {
        Ok(status) => status.into(),
        Err(err) => {
            eprintln!("{}: {err}", paint("error", Style::Error, stderr_color()));
            ExitStatus::Error.into()
        }
    }
}

/// Colour on stderr: only on a terminal, and never with `NO_COLOR` set.
pub(crate) fn stderr_color() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}

#[derive(Clone, Copy)]
pub(crate) enum Style {
    Error,
    Ok,
    Bold,
}

pub(crate) fn paint(text: &str, style: Style, color: bool) -> String {
    if !color {
        return text.to_string();
    }
    let code = match style {
        Style::Error => "1;31",
        Style::Ok => "1;32",
        Style::Bold => "1",
    };
    format!("\x1b[{code}m{text}\x1b[0m")
}

/// The next change of a watch; a problem of the file watch itself (a lost
/// event) is reported and answered by rebuilding everything. Shared by
/// `watch` and `serve`.
pub(crate) fn next_change(watcher: &crate::live::Watcher) -> Result<crate::live::Change, AppError> {
    match watcher.next() {
        Ok(change) => Ok(change),
        Err(crate::live::WatchError::Lost(message)) => {
            eprintln!("warning: {message}; rebuilding everything");
            Ok(watcher.everything())
        }
        Err(crate::live::WatchError::Stopped) => {
            Err(AppError::Internal("the file watch stopped".into()))
        }
    }
}

/// The plans named by the arguments: files as given, folders searched for
/// `*.yaml` and `*.yml`, in sorted order.
pub(crate) fn plan_inputs(args: &[PathBuf]) -> Result<Vec<Input>, AppError> {
    let mut files = Vec::new();
    for path in args {
        if path.is_dir() {
            let found = crate::files::find(path, &["yaml", "yml"])?;
            if found.is_empty() {
                return Err(AppError::NoPlans(path.clone()));
            }
            files.extend(found.into_iter().map(Input::File));
        } else {
            files.push(Input::File(path.clone()));
        }
    }
    Ok(files)
}
