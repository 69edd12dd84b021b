//! Application errors: what stops a run that is not the plan's fault.
//!
//! I/O, usage, fonts and templates. These exit with code 2; problems in a
//! plan are [`crate::diagnostics::Diagnostic`]s and exit with code 1.

use std::path::PathBuf;

use crate::diagnostics::DisplayPath;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("cannot read {}: {source}", DisplayPath(path))]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{} is a folder; give a plan file, or a folder of *.yaml plans to validate", DisplayPath(.0))]
    IsDirectory(PathBuf),
    #[error("no plan files (*.yaml, *.yml) in {}", DisplayPath(.0))]
    NoPlans(PathBuf),
    #[error("cannot write {}: {source}", DisplayPath(path))]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{} already exists; choose another name or remove it first", DisplayPath(.0))]
    Exists(PathBuf),
    /// The command line asks for something that cannot be done.
    #[error("{0}")]
    Usage(String),
    /// A rule of our own was broken: a bug, to be reported.
    #[error("internal error: {0} (please report this)")]
    Internal(String),
}
