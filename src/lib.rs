//! `actionplan` compiles a municipal action plan, written as YAML, into an
//! archivable PDF and an accessible HTML page, after validating it like a
//! compiler.
//!
//! The pipeline, one module a stage:
//!
//! ```text
//! plan.yaml ─load─▶ raw::Document ─validate─▶ model::Plan + diagnostics
//!                                                  │
//!                                   view::View ◀───┘  (localised, sorted, derived)
//!                                   │          │
//!                          render::pdf    render::html
//!                                   └─write─┘  (atomic)
//! ```
//!
//! - [`load`] reads the file and parses YAML into [`raw`] structs with spans;
//! - [`validate`] checks them and builds the typed [`model::Plan`];
//! - [`view`] computes everything a reader sees, in the plan's language;
//! - [`render`] lays the view out as PDF (Typst) and HTML (minijinja);
//! - [`write`] puts outputs in place atomically;
//! - [`diagnostics`] holds what was found and renders it.
//!
//! The command line ([`cli`]) is a thin layer over these functions.

pub mod cli;
pub mod diagnostics;
pub mod error;
pub mod files;
pub mod load;
pub mod model;
pub mod raw;
pub mod render;
pub mod schema;
pub mod source;
pub mod starter;
pub mod suggest;
pub mod time;
pub mod validate;
pub mod view;
pub mod write;

use std::path::Path;
use std::time::{Duration, Instant};

use diagnostics::Diagnostic;
use error::AppError;
use model::Plan;
use source::SourceFile;

/// A plan file after loading and validation.
#[derive(Debug)]
pub struct Checked {
    pub file: SourceFile,
    /// In file order.
    pub diagnostics: Vec<Diagnostic>,
    /// Present when the plan has no errors.
    pub plan: Option<Plan>,
    pub timings: Timings,
}

/// How long each stage took, for `build --timings` and the benchmarks.
#[derive(Clone, Copy, Debug, Default)]
pub struct Timings {
    /// Reading and parsing the YAML.
    pub load: Duration,
    pub validate: Duration,
    pub view: Duration,
    /// The view as JSON for Typst, with characters no font has replaced.
    pub pdf_data: Duration,
    pub html: Duration,
    /// Typst's compilation and layout.
    pub typst_layout: Duration,
    /// Typst's PDF export.
    pub typst_export: Duration,
}

impl Timings {
    /// Everything that is not the Typst engine, in CPU time (the HTML is
    /// rendered while Typst works, so it adds little wall time).
    pub fn ours(&self) -> Duration {
        self.load + self.validate + self.view + self.pdf_data + self.html
    }

    /// The wall time of our own stages: the HTML only when there is no PDF to hide behind.
    pub fn ours_wall(&self) -> Duration {
        let html = if self.typst_layout.is_zero() {
            self.html
        } else {
            Duration::ZERO
        };
        self.load + self.validate + self.view + self.pdf_data + html
    }
}

impl Checked {
    pub fn report(&self) -> diagnostics::Report<'_> {
        diagnostics::Report {
            file: &self.file,
            diagnostics: &self.diagnostics,
        }
    }
}

/// Stage 1 and 2: reads, parses and validates the plan at `path`.
///
/// An `Err` is a problem with the file system, not the plan; problems in the
/// plan are diagnostics in the returned [`Checked`].
pub fn check_file(path: &Path, options: validate::Options) -> Result<Checked, AppError> {
    let start = Instant::now();
    let (file, problem) = load::read(path)?;
    if let Some(diagnostic) = problem {
        return Ok(Checked {
            file,
            diagnostics: vec![diagnostic],
            plan: None,
            timings: Timings {
                load: start.elapsed(),
                ..Timings::default()
            },
        });
    }
    let read = start.elapsed();
    let mut checked = check_source(file, options);
    checked.timings.load += read;
    Ok(checked)
}

/// Parses and validates a plan already in memory.
pub fn check_source(file: SourceFile, options: validate::Options) -> Checked {
    let start = Instant::now();
    let parsed = load::parse(&file);
    let mut timings = Timings {
        load: start.elapsed(),
        ..Timings::default()
    };
    match parsed {
        Err(diagnostic) => Checked {
            file,
            diagnostics: vec![diagnostic],
            plan: None,
            timings,
        },
        Ok(document) => {
            let start = Instant::now();
            let validated = validate::validate(&document, options);
            timings.validate = start.elapsed();
            Checked {
                file,
                diagnostics: validated.diagnostics,
                plan: validated.plan,
                timings,
            }
        }
    }
}

/// What to render, and with what.
pub struct RenderRequest<'a> {
    /// `None`: no PDF.
    pub pdf: Option<render::pdf::PdfConfig<'a>>,
    pub html: bool,
    pub templates: &'a render::Templates,
}

/// The rendered outputs of one plan.
#[derive(Default)]
pub struct Outputs {
    pub pdf: Option<render::pdf::Pdf>,
    pub html: Option<String>,
    /// `view`, `html`, `typst_layout` and `typst_export` are filled in.
    pub timings: Timings,
}

/// Stages 3 and 4: the view of a valid plan, rendered as asked. The HTML is
/// rendered on a second thread while Typst lays out the PDF: both only read
/// the view, and the page then costs no wall time of its own.
pub fn render(
    plan: &Plan,
    request: &RenderRequest<'_>,
) -> Result<Outputs, render::pdf::TemplateFailure> {
    let mut timings = Timings::default();
    let start = Instant::now();
    let view = view::build(plan);
    timings.view = start.elapsed();
    let view = &view;
    let (html, pdf) = std::thread::scope(|scope| {
        let html = request.html.then(|| {
            scope.spawn(move || {
                let start = Instant::now();
                (
                    render::html::render(view, request.templates),
                    start.elapsed(),
                )
            })
        });
        let pdf = request
            .pdf
            .as_ref()
            .map(|config| render::pdf::render(view, config));
        let html = html.map(|thread| {
            thread
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        });
        (html, pdf)
    });
    let html = match html {
        Some((rendered, time)) => {
            timings.html = time;
            Some(rendered?)
        }
        None => None,
    };
    let pdf = pdf.transpose()?;
    if let Some(pdf) = &pdf {
        timings.pdf_data = pdf.data_time;
        timings.typst_layout = pdf.layout_time;
        timings.typst_export = pdf.export_time;
    }
    Ok(Outputs { pdf, html, timings })
}
