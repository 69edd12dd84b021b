//! What one build of one plan came to: every diagnostic of every file it
//! read, the documents it produced, and the verdict that sets the exit code.

use std::path::PathBuf;

use crate::diagnostics::{Code, Diagnostic, FileDiagnostics, Report};
use crate::error::AppError;
use crate::model::Plan;
use crate::render::formats::Format;
use crate::source::SourceFile;
use crate::timings::Timings;

/// How a run ended; the process exit code. Ordered by gravity, so the status
/// of a batch is the worst of its plans'.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ExitStatus {
    /// 0: everything valid and written.
    Success = 0,
    /// 1: a plan is invalid (or has warnings under `--deny-warnings`).
    Failure = 1,
    /// 2: usage, I/O, template or internal error.
    Error = 2,
}

/// The verdict on one plan, from all its diagnostics together.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// No errors (and no warnings under `--deny-warnings`): the documents
    /// asked for are made.
    Ok,
    /// The plan has errors.
    Invalid,
    /// The plan, a template or a font warned, under `--deny-warnings`.
    Refused,
    /// A template failed, a file could not be read or written (E301, E401),
    /// or the request could not be met (a `--body` the plan does not have).
    Failed,
}

impl Verdict {
    pub fn status(self) -> ExitStatus {
        match self {
            Verdict::Ok => ExitStatus::Success,
            Verdict::Invalid | Verdict::Refused => ExitStatus::Failure,
            Verdict::Failed => ExitStatus::Error,
        }
    }
}

/// A document made in memory, ready to be written or served.
#[derive(Clone, Debug)]
pub struct Document {
    pub format: &'static Format,
    /// The file name it is written to, e.g. `plan.pdf` (see [`super::file_name`]).
    pub file_name: String,
    pub bytes: Vec<u8>,
    /// How many pages it has, for a paged format.
    pub pages: Option<usize>,
}

/// A file [`super::Compiler::write`] wrote, for the command to print.
#[derive(Clone, Debug)]
pub struct Written {
    pub path: PathBuf,
    pub format: &'static Format,
    /// Its size.
    pub bytes: usize,
    /// How many pages it has, for a paged format.
    pub pages: Option<usize>,
}

/// One plan's build.
#[derive(Debug)]
pub struct Outcome {
    /// Every file's diagnostics: the plan's first (even when it has none,
    /// and with an empty text when it could not be read), then any template's.
    pub reports: Vec<FileDiagnostics>,
    /// Present when the plan has no errors.
    pub plan: Option<Plan>,
    /// The documents asked for, present only when the verdict is [`Verdict::Ok`].
    pub documents: Vec<Document>,
    /// What the outputs' engines were fed (Typst's template and data), for `--emit-typst`.
    pub inputs: Vec<(&'static str, Vec<u8>)>,
    /// The files written, in the order of the formats.
    pub written: Vec<Written>,
    /// Why the request could not be met, though the plan is valid (a
    /// `--body` the plan does not have): a usage error, exit 2.
    pub refused: Option<AppError>,
    pub timings: Timings,
    pub(super) deny_warnings: bool,
}

impl Outcome {
    pub(super) fn new(file: SourceFile, diagnostics: Vec<Diagnostic>, deny_warnings: bool) -> Self {
        Outcome {
            reports: vec![FileDiagnostics::new(file, diagnostics)],
            plan: None,
            documents: Vec::new(),
            inputs: Vec::new(),
            written: Vec::new(),
            refused: None,
            timings: Timings::default(),
            deny_warnings,
        }
    }

    /// The plan file.
    pub fn file(&self) -> &SourceFile {
        &self.reports[0].file
    }

    /// The plan's own diagnostics (including I/O problems with it).
    pub fn plan_diagnostics(&self) -> &[Diagnostic] {
        &self.reports[0].diagnostics
    }

    /// Every file's report, the plan's first.
    pub fn reports(&self) -> impl Iterator<Item = Report<'_>> {
        self.reports.iter().map(FileDiagnostics::report)
    }

    /// Every diagnostic, of whatever file.
    pub fn diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.reports.iter().flat_map(|r| &r.diagnostics)
    }

    pub fn errors(&self) -> usize {
        self.diagnostics().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics().filter(|d| !d.is_error()).count()
    }

    pub fn verdict(&self) -> Verdict {
        if self.refused.is_some() || self.diagnostics().any(|d| d.code.is_fatal()) {
            Verdict::Failed
        } else if self.errors() > 0 {
            Verdict::Invalid
        } else if self.deny_warnings && self.warnings() > 0 {
            Verdict::Refused
        } else {
            Verdict::Ok
        }
    }

    pub fn status(&self) -> ExitStatus {
        self.verdict().status()
    }

    /// The validated plan with its file, as [`crate::diff::compare`] reads it.
    pub fn version(&self) -> Option<crate::diff::Version<'_>> {
        self.plan.as_ref().map(|plan| crate::diff::Version {
            name: self.file().name(),
            plan,
            file: self.file(),
        })
    }

    /// The name outputs take from the plan file: `plans/umea.yaml` → `umea`.
    pub fn stem(&self) -> String {
        super::stem(self.file().path())
    }

    /// Adds problems found in a file other than the plan (a template),
    /// merging with that file's earlier ones.
    pub(super) fn add_problems(&mut self, problems: FileDiagnostics) {
        match self.reports.iter_mut().find(|r| {
            r.file.path() == problems.file.path() && r.file.text() == problems.file.text()
        }) {
            Some(report) => report.diagnostics.extend(problems.diagnostics),
            None => self.reports.push(problems),
        }
    }

    /// Records why the request could not be met (see [`Outcome::refused`]).
    pub(super) fn refuse(&mut self, error: AppError) {
        self.refused = Some(error);
    }

    /// Records a file of the plan's build that could not be read or written
    /// (E401), on the plan's report.
    pub(super) fn io_problem(&mut self, error: &AppError) {
        let help = match error {
            AppError::Read { .. } => {
                Some("check the path: give a plan file, or a folder of *.yaml plans")
            }
            AppError::Write { .. } => Some(
                "check that the output folder can be created and written to, or choose another with --out",
            ),
            _ => None,
        };
        let mut diagnostic = Diagnostic::new(Code::Io, None, error.to_string());
        if let Some(help) = help {
            diagnostic = diagnostic.with_help(help);
        }
        self.reports[0].diagnostics.push(diagnostic);
    }
}
