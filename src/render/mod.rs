//! Render: the view model → the documents, one [`Output`] each.
//!
//! Every output reads the same [`View`] and computes nothing a reader sees.
//! Each format is one entry of the registry, [`formats::FORMATS`]: adding
//! a document or an export is one module that implements [`Output`] and one
//! entry there. Templates
//! come embedded in the binary, or from a folder given with `--templates` (a
//! file missing there falls back to the embedded one). Problems in a template
//! are diagnostics like a plan's, with the template's `path:line:column`.

pub mod attach;
pub mod export;
pub mod fonts;
pub mod formats;
pub mod html;
pub mod pdf;
pub mod report;
mod world;

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;

use crate::diagnostics::{Code, Diagnostic, FileDiagnostics};
use crate::error::AppError;
use crate::source::SourceFile;
use crate::timings::Timings;
use crate::view::View;
use fonts::Fonts;

/// One kind of document made from a view: the plan's [`View`] by default,
/// or another, such as the follow-up report's (`report::ReportView`).
pub trait Output<V = View>: Sync {
    /// Its short name, as the command line and `--timings` say it: `pdf`.
    fn name(&self) -> &'static str;
    /// The extension of the file it is written to: `pdf`.
    fn extension(&self) -> &'static str;
    /// Whether it lays out text with fonts (the engine loads them only then).
    fn needs_fonts(&self) -> bool {
        false
    }
    /// Renders the view. Never panics on a template's fault: problems are
    /// diagnostics in [`Rendered::problems`], and `bytes` is `None` on an error.
    fn render(&self, view: &V, context: &Context<'_>) -> Rendered;
}

/// What every output may need besides the view.
pub struct Context<'a> {
    pub templates: &'a Templates,
    /// Loaded when an output [needs them](Output::needs_fonts).
    pub fonts: Option<&'a Fonts>,
    /// The document's date: from `SOURCE_DATE_EPOCH`, else from the plan
    /// (never the clock, so builds repeat).
    pub timestamp: NaiveDateTime,
    /// `--archive`: the PDF is PDF/A-3a and carries these files (the plan's
    /// source first). `None`: PDF/A-2a, which carries none.
    pub archive: Option<&'a [attach::Attachment]>,
}

/// What an output came to.
#[derive(Debug, Default)]
pub struct Rendered {
    /// The document, unless a template failed.
    pub bytes: Option<Vec<u8>>,
    /// How many pages the document has, for a paged format.
    pub pages: Option<usize>,
    /// Problems in templates and fonts, each in the file it is about.
    pub problems: Vec<FileDiagnostics>,
    /// What the output's engine was fed, as files (`plan.typ`, `data.json`),
    /// for `--emit-typst`; present even when the template failed.
    pub inputs: Vec<(&'static str, Vec<u8>)>,
    /// The stages of this output that were timed.
    pub timings: Timings,
}

impl Rendered {
    /// An output that could not start: its template is missing or unreadable.
    pub(crate) fn failed(template: &str, message: String) -> Self {
        Rendered {
            problems: vec![template_problem(template, message)],
            ..Rendered::default()
        }
    }
}

/// E301 about a template that could not be read, so has no text to point into.
pub(crate) fn template_problem(template: &str, message: String) -> FileDiagnostics {
    FileDiagnostics::new(
        SourceFile::new(Path::new("templates").join(template), String::new()),
        vec![Diagnostic::new(Code::TemplateError, None, message)],
    )
}

/// The embedded templates.
const PLAN_TYP: &str = include_str!("../../templates/plan.typ");
const PLAN_HTML: &str = include_str!("../../templates/plan.html");
const STYLE_CSS: &str = include_str!("../../templates/style.css");
const FILTER_JS: &str = include_str!("../../templates/filter.js");
const SITE_HTML: &str = include_str!("../../templates/site.html");
const SITE_CSS: &str = include_str!("../../templates/site.css");
const SITE_JS: &str = include_str!("../../templates/site.js");
/// Only in a change-marked draft (`build --compare`), after the two above.
const CHANGES_CSS: &str = include_str!("../../templates/changes.css");
const CHANGES_JS: &str = include_str!("../../templates/changes.js");
const REPORT_TYP: &str = include_str!("../../templates/report.typ");
const REPORT_HTML: &str = include_str!("../../templates/report.html");
const REPORT_CSS: &str = include_str!("../../templates/report.css");
const MARKDOWN_HTML: &str = include_str!("../../templates/markdown.html");
const MARKDOWN_TYP: &str = include_str!("../../templates/markdown.typ");

/// Where templates come from: embedded, or a folder that overrides them file by file.
#[derive(Clone, Debug, Default)]
pub struct Templates {
    dir: Option<PathBuf>,
}

impl Templates {
    pub fn embedded() -> Self {
        Templates { dir: None }
    }

    /// Templates from a folder; it must exist.
    pub fn from_dir(dir: &Path) -> Result<Self, AppError> {
        if !dir.is_dir() {
            return Err(AppError::Usage(format!(
                "--templates {}: no such folder",
                dir.display()
            )));
        }
        Ok(Templates {
            dir: Some(dir.to_path_buf()),
        })
    }

    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// A template's text and the path its diagnostics name.
    pub fn load(&self, name: &str) -> Result<SourceFile, AppError> {
        if let Some(dir) = &self.dir {
            let path = dir.join(name);
            if path.is_file() {
                let text = std::fs::read_to_string(&path).map_err(|source| AppError::Read {
                    path: path.clone(),
                    source,
                })?;
                return Ok(SourceFile::new(path, text));
            }
        }
        let text = match name {
            "plan.typ" => PLAN_TYP,
            "plan.html" => PLAN_HTML,
            "style.css" => STYLE_CSS,
            "filter.js" => FILTER_JS,
            "site.html" => SITE_HTML,
            "site.css" => SITE_CSS,
            "site.js" => SITE_JS,
            "changes.css" => CHANGES_CSS,
            "changes.js" => CHANGES_JS,
            "report.typ" => REPORT_TYP,
            "report.html" => REPORT_HTML,
            "report.css" => REPORT_CSS,
            "markdown.html" => MARKDOWN_HTML,
            "markdown.typ" => MARKDOWN_TYP,
            _ => {
                return Err(AppError::Internal(format!("no template named {name}")));
            }
        };
        Ok(SourceFile::new(
            Path::new("templates").join(name),
            text.to_string(),
        ))
    }
}
