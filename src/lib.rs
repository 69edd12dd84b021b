//! `actionplan` compiles a municipal action plan, written as YAML, into an
//! archivable PDF and an accessible HTML page, after validating it like a
//! compiler.
//!
//! The pipeline, one module a stage, driven by one [`engine::Compiler`]:
//!
//! ```text
//! plan.yaml ─load─▶ raw::Document ─validate─▶ model::Plan + diagnostics
//!                                                  │
//!                                   view::View ◀───┘  (localised, sorted, derived)
//!                                        │
//!                       render::OUTPUTS (pdf, html, …), in parallel
//!                                        │
//!                                  write (atomic)
//! ```
//!
//! - [`load`] reads the file and parses YAML into [`raw`] structs with spans,
//!   reporting every shape error (and leaving out the items that have one);
//! - [`validate`] checks them and builds the typed [`model::Plan`];
//! - [`view`] computes everything a reader sees, in the plan's language
//!   (with the changes since an earlier version marked, for `build --compare`);
//! - [`render`] lays the view out, one registered [`render::Output`] per
//!   document: the PDF (Typst) and the HTML page (minijinja); the exports
//!   (JSON, CSV, iCalendar) are outputs of the same view, in their own registry;
//! - [`write`] puts outputs in place atomically;
//! - [`diagnostics`] holds what was found, in any file, and renders it;
//! - [`diff`] compares two validated plans by id (`actionplan diff`);
//! - [`report`] is the follow-up report at one report's date (`actionplan report`);
//! - [`engine`] runs these stages for one plan or many, keeps what lasts
//!   between builds (fonts, templates, Typst's cache), and gathers every
//!   diagnostic into one [`Outcome`].
//!
//! The command line ([`cli`]) is a thin layer over the engine; [`live`]
//! keeps one engine alive between edits for `watch` and `serve`, and [`lsp`]
//! for the editor; [`site`] builds every plan of a repository with an index
//! for the website.

pub mod cli;
pub mod diagnostics;
pub mod diff;
pub mod engine;
pub mod error;
pub mod files;
pub mod i18n;
pub mod live;
pub mod load;
pub mod lsp;
pub mod model;
pub mod raw;
pub mod render;
pub mod report;
pub mod schema;
pub mod site;
pub mod source;
pub mod starter;
pub mod suggest;
pub mod time;
pub mod validate;
pub mod view;
pub mod write;

use std::time::{Duration, Instant};

use diagnostics::Diagnostic;
use model::Plan;
use source::SourceFile;

pub use engine::{Compiler, Destination, ExitStatus, Input, Options, Outcome, Verdict};

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

    /// Adds the stages `other` timed (each output times its own).
    pub fn add(&mut self, other: &Timings) {
        self.load += other.load;
        self.validate += other.validate;
        self.view += other.view;
        self.pdf_data += other.pdf_data;
        self.html += other.html;
        self.typst_layout += other.typst_layout;
        self.typst_export += other.typst_export;
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

/// Stages 1 and 2: parses and validates a plan's text. Reading it (and
/// everything after) is the [`engine`]'s.
pub fn check_source(file: SourceFile, options: validate::Options) -> Checked {
    let start = Instant::now();
    let parsed = load::parse_all(&file);
    let mut timings = Timings {
        load: start.elapsed(),
        ..Timings::default()
    };
    match parsed.document {
        None => Checked {
            file,
            diagnostics: parsed.diagnostics,
            plan: None,
            timings,
        },
        Some(document) => {
            let start = Instant::now();
            let mut validated = validate::validate(&document, options);
            timings.validate = start.elapsed();
            if !parsed.diagnostics.is_empty() {
                // Shape errors, and the rest validated without the items
                // they left out: no plan, and nothing their absence caused.
                let mut diagnostics = parsed.left_out.filter(&file, validated.diagnostics);
                diagnostics.extend(parsed.diagnostics);
                diagnostics::sort(&mut diagnostics);
                validated.diagnostics = diagnostics;
                validated.plan = None;
            }
            Checked {
                file,
                diagnostics: validated.diagnostics,
                plan: validated.plan,
                timings,
            }
        }
    }
}
