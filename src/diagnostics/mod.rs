//! Diagnostics as data: what is wrong with a plan, where, and how to fix it.
//!
//! Loading and validation produce [`Diagnostic`]s; they never print. The
//! renderers in the submodules turn a [`Report`] (one file and its diagnostics)
//! into the human, JSON or GitHub format. Every code is stable and documented
//! in `docs/diagnostics.md`; CI pipelines may match on it.

pub mod explain;
mod github;
mod gitlab;
mod human;
mod json;

pub use crate::display::DisplayPath;
pub use github::render_github;
pub use gitlab::render_gitlab;
pub use human::{render_human, render_summary};
pub use json::render_json;

use crate::source::{SourceFile, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

macro_rules! codes {
    ($($variant:ident = $code:literal, $severity:ident, $title:literal;)*) => {
        /// The stable code of every diagnostic `actionplan` reports.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $($variant,)* }

        impl Code {
            /// Every code, in documentation order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The code as printed, e.g. `E107`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code,)* }
            }

            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }

            /// A short title of the check, e.g. "unknown body".
            pub fn title(self) -> &'static str {
                match self { $(Code::$variant => $title,)* }
            }
        }
    };
}

codes! {
    YamlSyntax = "E001", Error, "YAML syntax error";
    DuplicateKey = "E002", Error, "duplicate key";
    UnknownKey = "E003", Error, "unknown key";
    WrongType = "E004", Error, "wrong type";
    MissingKey = "E005", Error, "missing required key";
    InputLimit = "E006", Error, "input exceeds a limit";
    NotUtf8 = "E007", Error, "file is not UTF-8";
    EmptyDocument = "E008", Error, "empty plan";
    UnsupportedVersion = "E101", Error, "unsupported format version";
    InvalidValue = "E102", Error, "value outside the allowed set";
    InvalidDate = "E103", Error, "invalid date";
    InvalidTime = "E104", Error, "invalid time";
    InvalidId = "E105", Error, "invalid id";
    DuplicateId = "E106", Error, "duplicate id";
    UnknownBody = "E107", Error, "reference to an undeclared body";
    UnknownIndicator = "E108", Error, "reference to an undeclared indicator";
    PeriodReversed = "E109", Error, "period ends before it starts";
    StartAfterDeadline = "E110", Error, "start after deadline";
    MissingDecision = "E111", Error, "adopted or revoked plan without decision";
    FollowUpUnknownMeasure = "E112", Error, "follow-up names an unknown measure";
    FollowUpUnknownIndicator = "E113", Error, "follow-up names an unknown indicator";
    EmptyText = "E114", Error, "required text is empty";
    NoGoals = "E115", Error, "plan without goals";
    FollowUpUnknownGoal = "E116", Error, "follow-up names an unknown goal";
    NoSuchReport = "E117", Error, "no follow-up report on the date asked for";
    OutsidePeriod = "W201", Warning, "time outside the plan period";
    Overdue = "W202", Warning, "measure overdue";
    GoalWithoutMeasures = "W203", Warning, "goal without measures";
    UnusedBody = "W204", Warning, "body never referred to";
    IndicatorIncomplete = "W205", Warning, "indicator without baseline or target";
    RevisionOverdue = "W206", Warning, "revise-by date passed";
    AdoptedWithoutCaseNumber = "W207", Warning, "adopted plan without case number";
    ControlCharacters = "W208", Warning, "text contains control characters";
    ReportsOutOfOrder = "W209", Warning, "follow-up reports not in date order";
    ReportBeforePeriod = "W210", Warning, "follow-up report before the plan period";
    DoneReopened = "W211", Warning, "measure reported done, later open again";
    TemplateError = "E301", Error, "error in a template";
    TemplateWarning = "W301", Warning, "warning from a template";
    MissingGlyphs = "W302", Warning, "characters no font of the PDF can show";
    Io = "E401", Error, "a file cannot be read or written";
}

impl Code {
    /// Whether the problem is not the plan's but the run's: a template that
    /// fails, a file that cannot be read or written, or a report date asked
    /// for that the plan has no report on. These exit with 2.
    pub fn is_fatal(self) -> bool {
        matches!(self, Code::TemplateError | Code::Io | Code::NoSuchReport)
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A second place in the file that matters to a diagnostic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// A did-you-mean as an edit a program can apply: the text at `span` is
/// replaced with `replacement` (what `lsp` offers as a quick fix).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    pub span: Span,
    pub replacement: String,
}

/// One problem found in a plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: Code,
    pub message: String,
    /// The value the diagnostic is about; `None` only for whole-file problems.
    pub span: Option<Span>,
    pub labels: Vec<Label>,
    pub help: Option<String>,
    /// The fix the help proposes, when it is one replacement (boxed: most
    /// diagnostics have none, and they travel in `Result`s).
    pub suggestion: Option<Box<Suggestion>>,
}

impl Diagnostic {
    /// A diagnostic with the severity its code carries.
    pub fn new(code: Code, span: impl Into<Option<Span>>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: code.severity(),
            code,
            message: message.into(),
            span: span.into(),
            labels: Vec::new(),
            help: None,
            suggestion: None,
        }
    }

    /// The did-you-mean of the help, as an edit: `span` becomes `replacement`.
    pub fn with_suggestion(mut self, span: Span, replacement: impl Into<String>) -> Self {
        self.suggestion = Some(Box::new(Suggestion {
            span,
            replacement: replacement.into(),
        }));
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// One file and what was found in it, owned: the plan, or a template a
/// renderer read. What the engine collects, and renders through [`Report`].
#[derive(Clone, Debug)]
pub struct FileDiagnostics {
    pub file: SourceFile,
    pub diagnostics: Vec<Diagnostic>,
}

impl FileDiagnostics {
    pub fn new(file: SourceFile, diagnostics: Vec<Diagnostic>) -> Self {
        FileDiagnostics { file, diagnostics }
    }

    pub fn report(&self) -> Report<'_> {
        Report {
            file: &self.file,
            diagnostics: &self.diagnostics,
        }
    }
}

/// One file and what was found in it, in file order.
#[derive(Debug)]
pub struct Report<'a> {
    pub file: &'a SourceFile,
    pub diagnostics: &'a [Diagnostic],
}

impl Report<'_> {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }
}

/// Sorts diagnostics by position, errors before warnings at the same place.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by_key(|d| (d.span.map(|s| s.start), d.severity, d.code));
}

/// "1 error", "2 warnings": counts with their noun in the right number.
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
