//! The types of the view: what the templates receive, field by field.
//!
//! Each localised text travels with the machine value it was made from (an
//! ISO date, a keyword, a number, an anchor), so a template or an export
//! never parses a reader's text back. Built by `build.rs` and the modules
//! beside it; serialised to JSON for Typst and handed to minijinja as is.
//!
//! Every type of the view is here, so the modules that compute them import
//! their types from below and never from each other: `values.rs` the small
//! views of one value, `document.rs` the document and its parts,
//! `derived.rs` the matrix and the timeline, `changes.rs` the marks of a
//! change-marked draft.

mod changes;
mod derived;
mod document;
mod values;

pub use changes::*;
pub use derived::*;
pub use document::*;
pub use values::*;
