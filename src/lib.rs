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
//!                       render::formats::FORMATS (html, pdf, json, …), in parallel
//!                                        │
//!                                  write (atomic)
//! ```
//!
//! - [`load`] reads the file and parses YAML into [`raw`] structs with spans,
//!   reporting every shape error (and leaving out the items that have one);
//! - [`validate`] checks them and builds the typed [`model::Plan`];
//! - [`view`] computes everything a reader sees, in the plan's language
//!   (with the changes since an earlier version marked, for `build --compare`);
//! - [`render`] lays the view out in every format of one registry,
//!   [`render::formats::FORMATS`]: the PDF (Typst), the HTML page
//!   (minijinja), and the exports (JSON, CSV, iCalendar);
//! - [`write`] puts outputs in place atomically;
//! - [`diagnostics`] holds what was found, in any file, and renders it;
//! - [`diff`] compares two validated plans by id (`actionplan diff`);
//! - [`report`] is the follow-up report at one report's date (`actionplan report`);
//! - [`check`] is the first two stages together, for a text in memory;
//! - [`engine`] runs these stages for one [`Request`] (a plan and a
//!   [`Product`]: the plan, the change-marked plan, the follow-up report) or
//!   many, keeps what lasts between builds (fonts, templates, Typst's cache),
//!   and gathers every diagnostic and every written file into one [`Outcome`].
//!
//! The command line ([`cli`]) is a thin layer over the engine; [`live`]
//! keeps one engine alive between edits for `watch` and `serve`, and [`lsp`]
//! for the editor; [`site`] builds every plan of a repository with an index
//! for the website.

pub mod archive;
pub(crate) mod check;
pub mod cli;
pub mod diagnostics;
pub mod diff;
pub(crate) mod display;
pub mod engine;
pub mod error;
pub(crate) mod files;
pub mod i18n;
pub(crate) mod live;
pub mod load;
pub(crate) mod lsp;
pub mod model;
pub mod raw;
pub mod render;
pub mod report;
pub(crate) mod schema;
pub(crate) mod site;
pub mod source;
pub(crate) mod starter;
pub(crate) mod suggest;
pub mod time;
pub(crate) mod timings;
pub mod validate;
pub mod view;
pub(crate) mod write;

pub use check::{Checked, check_source};
pub use engine::{
    Compiler, Destination, ExitStatus, Input, Options, Outcome, Product, Request, Verdict,
};
pub use timings::Timings;
