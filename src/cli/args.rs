//! The arguments several commands share, declared once with one meaning
//! each, and flattened into every command that takes them (`#[command(flatten)]`).
//!
//! The rule for "today" lives here and in [`crate::engine::Options::check_day`]:
//! `--today` if given; else the day of `SOURCE_DATE_EPOCH` if set; else the
//! clock's. A follow-up report is checked as of its own date unless
//! `--today` is given.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::ValueEnum;

use crate::engine::{self, Lifetime};
use crate::error::AppError;
use crate::render::Templates;
use crate::render::formats::{self, FORMATS, Format};

/// How a plan is checked.
#[derive(Debug, clap::Args)]
pub(super) struct Checking {
    /// The day deadlines and revise-by are checked against (YYYY-MM-DD)
    /// [default: the day of SOURCE_DATE_EPOCH if set, else today; for a
    /// follow-up report, the report's date].
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub today: Option<NaiveDate>,
    /// Treat warnings (the plan's, a template's or a font's) as errors:
    /// nothing is made, and the exit status is 1.
    #[arg(long)]
    pub deny_warnings: bool,
}

/// How diagnostics are printed.
#[derive(Debug, clap::Args)]
pub(super) struct Printing {
    /// How to print diagnostics.
    #[arg(long, value_enum, default_value_t = DiagnosticFormat::Human)]
    pub format: DiagnosticFormat,
}

/// The diagnostics' format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum DiagnosticFormat {
    /// rustc-style snippets on stderr, coloured on a terminal unless NO_COLOR is set.
    Human,
    /// One JSON document on stdout (see docs/diagnostics.md).
    Json,
    /// GitHub Actions workflow commands on stdout, which annotate pull requests.
    Github,
    /// A GitLab Code Quality report (a JSON array) on stdout, for merge requests (docs/ci.md).
    Gitlab,
}

/// What the documents are made with.
#[derive(Debug, clap::Args)]
pub(super) struct Rendering {
    /// A folder whose templates (plan.typ, plan.html, style.css, filter.js,
    /// changes.css, changes.js, report.typ, report.html, report.css,
    /// markdown.typ, markdown.html, site.html, site.css, site.js) replace the
    /// embedded ones, file by file.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// A folder of extra fonts (.ttf, .otf) for the PDF; system fonts are never used.
    #[arg(long, value_name = "DIR")]
    pub font_path: Option<PathBuf>,
    /// The archival PDF: PDF/A-3a with PDF/UA-1, carrying the plan's YAML as
    /// an attached source file (take it out again with `actionplan source`).
    /// Without it the PDF is PDF/A-2a, which every archive accepts.
    #[arg(long)]
    pub archive: bool,
}

/// What every command that makes documents takes: how they are made, how
/// plans are checked, and how diagnostics are printed.
#[derive(Debug, clap::Args)]
pub(super) struct Building {
    #[command(flatten)]
    pub rendering: Rendering,
    #[command(flatten)]
    pub checking: Checking,
    #[command(flatten)]
    pub printing: Printing,
}

impl Building {
    /// The engine's options for these flags, `formats` and `lifetime`.
    pub fn options(
        &self,
        formats: Vec<&'static Format>,
        lifetime: Lifetime,
    ) -> Result<engine::Options, AppError> {
        self.checking
            .options(Some(&self.rendering), formats, lifetime)
    }

    /// How diagnostics are printed.
    pub fn format(&self) -> DiagnosticFormat {
        self.printing.format
    }
}

/// Which formats to make.
#[derive(Debug, clap::Args)]
pub(super) struct Selecting {
    /// Make only these formats, separated by commas: html, pdf, json, csv,
    /// ics [default: html,pdf].
    #[arg(long, value_name = "FORMAT,…", value_delimiter = ',', value_parser = parse_format)]
    pub only: Vec<&'static Format>,
    /// The same as --only pdf (with --html: --only pdf,html).
    #[arg(long)]
    pub pdf: bool,
    /// The same as --only html (with --pdf: --only pdf,html).
    #[arg(long)]
    pub html: bool,
}

impl Selecting {
    /// The formats asked for, in the registry's order; none asked for:
    /// the documents. `can` says which formats this command can make.
    pub fn formats(
        &self,
        command: &str,
        can: impl Fn(&Format) -> bool,
    ) -> Result<Vec<&'static Format>, AppError> {
        let mut asked = self.only.clone();
        asked.extend(self.pdf.then_some(&formats::PDF));
        asked.extend(self.html.then_some(&formats::HTML));
        if asked.is_empty() {
            return Ok(formats::documents());
        }
        if let Some(f) = asked.iter().find(|f| !can(f)) {
            let able: Vec<&str> = FORMATS.iter().filter(|f| can(f)).map(|f| f.name).collect();
            return Err(AppError::Usage(format!(
                "--only {}: {command} cannot make it; it makes {}",
                f.name,
                able.join(", ")
            )));
        }
        Ok(FORMATS
            .iter()
            .copied()
            .filter(|f| asked.contains(f))
            .collect())
    }
}

impl Checking {
    /// The engine's options for these flags, `formats` and `lifetime`.
    pub fn options(
        &self,
        rendering: Option<&Rendering>,
        formats: Vec<&'static Format>,
        lifetime: Lifetime,
    ) -> Result<engine::Options, AppError> {
        let templates = match rendering.and_then(|r| r.templates.as_deref()) {
            Some(dir) => Templates::from_dir(dir)?,
            None => Templates::embedded(),
        };
        Ok(engine::Options {
            today: self.today,
            deny_warnings: self.deny_warnings,
            formats,
            templates,
            font_path: rendering.and_then(|r| r.font_path.clone()),
            timestamp: timestamp()?,
            archive: rendering.is_some_and(|r| r.archive),
            lifetime,
        })
    }
}

/// The documents' date from `SOURCE_DATE_EPOCH`, if it is set.
pub(super) fn timestamp() -> Result<Option<chrono::NaiveDateTime>, AppError> {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .filter(|s| !s.is_empty())
        .map(|s| engine::source_date_epoch(&s))
        .transpose()
        .map_err(AppError::Usage)
}

/// The day to check against by the one rule (see the top of this file),
/// for a command that checks without the engine's options (`lsp`, `new`).
pub(super) fn today(given: Option<NaiveDate>) -> Result<NaiveDate, AppError> {
    let options = engine::Options {
        today: given,
        timestamp: timestamp()?,
        ..engine::Options::default()
    };
    Ok(options.check_day())
}

pub(super) fn parse_date(s: &str) -> Result<NaiveDate, String> {
    crate::time::parse_date(s).map_err(|e| format!("{} (write YYYY-MM-DD)", e.0))
}

fn parse_format(s: &str) -> Result<&'static Format, String> {
    formats::by_name(s).ok_or_else(|| {
        let all: Vec<&str> = FORMATS.iter().map(|f| f.name).collect();
        format!("no format called {s:?}; the formats are {}", all.join(", "))
    })
}

/// `--lang`: a language of actionplan's labels.
pub(super) fn parse_language(s: &str) -> Result<crate::model::Language, String> {
    use crate::model::{Keyword, Language};
    Language::parse(s).ok_or_else(|| {
        let all: Vec<_> = Language::ALL.iter().map(|(k, _)| *k).collect();
        format!(
            "not a language of actionplan; use one of {}",
            all.join(", ")
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Debug, Parser)]
    struct Cli {
        #[command(flatten)]
        select: Selecting,
    }

    #[test]
    fn every_registered_format_can_be_selected_by_name() {
        for format in FORMATS {
            let cli = Cli::try_parse_from(["x", "--only", format.name]).unwrap();
            assert_eq!(
                cli.select.formats("build", |_| true).unwrap(),
                vec![*format]
            );
        }
        let both = Cli::try_parse_from(["x", "--pdf", "--html"]).unwrap();
        assert_eq!(
            both.select.formats("build", |_| true).unwrap(),
            vec![&formats::HTML, &formats::PDF]
        );
        let none = Cli::try_parse_from(["x"]).unwrap();
        assert_eq!(
            none.select.formats("build", |_| true).unwrap(),
            formats::documents()
        );
        assert!(Cli::try_parse_from(["x", "--only", "doc"]).is_err());
    }
}
