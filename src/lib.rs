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
    let (file, problem) = load::read(path)?;
    if let Some(diagnostic) = problem {
        return Ok(Checked {
            file,
            diagnostics: vec![diagnostic],
            plan: None,
        });
    }
    Ok(check_source(file, options))
}

/// Parses and validates a plan already in memory.
pub fn check_source(file: SourceFile, options: validate::Options) -> Checked {
    match load::parse(&file) {
        Err(diagnostic) => Checked {
            file,
            diagnostics: vec![diagnostic],
            plan: None,
        },
        Ok(document) => {
            let validated = validate::validate(&document, options);
            Checked {
                file,
                diagnostics: validated.diagnostics,
                plan: validated.plan,
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
}

/// Stages 3 and 4: the view of a valid plan, rendered as asked.
pub fn render(
    plan: &Plan,
    request: &RenderRequest<'_>,
) -> Result<Outputs, render::pdf::TemplateFailure> {
    let view = view::build(plan);
    let html = match request.html {
        true => Some(render::html::render(&view, request.templates)?),
        false => None,
    };
    let pdf = match &request.pdf {
        Some(config) => Some(render::pdf::render(&view, config)?),
        None => None,
    };
    Ok(Outputs { pdf, html })
}
