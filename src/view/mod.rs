//! View: the validated plan → the one structure both renderers read.
//!
//! Everything with a rule in it is computed here, in Rust: labels and dates
//! in the plan's language, status texts, banners and marks, the order of
//! measures, Markdown parsed into a tree, anchors and percent-encoded links,
//! the responsibility matrix and the timeline geometry. Every localised text
//! carries its machine value (ISO date, keyword, number, anchor). The
//! templates (`templates/plan.typ`, `templates/plan.html`) only lay this out.
//! It serialises to JSON, which is how Typst receives it.
//!
//! `types.rs` (with `types/`) holds every type of the view and `build.rs`
//! fills them, with `meta.rs` (the governing-document block and the footer),
//! `matrix.rs` and `timeline.rs` (the derived views) and `url.rs` (link
//! targets); `changes.rs` adds the changes since an earlier version for a
//! change-marked draft. `values.rs` (how one value is shown) and `order.rs`
//! (the order of ids) are the leaves they all use. The words come from the
//! crate's `i18n`, below the view.
//!
//! The modules form a tree: `types`, `values` and `order` at the bottom,
//! `matrix`, `timeline`, `meta` and `markdown` above them, `build` and
//! `changes` on top; no module imports one that imports it.

mod build;
pub mod changes;
pub mod markdown;
mod matrix;
mod meta;
mod order;
mod timeline;
mod types;
pub mod url;
mod values;

use chrono::NaiveDate;

use crate::model::Plan;

pub use build::build;
pub use order::natural_cmp;
pub use types::*;
pub(crate) use values::{date, status};

/// The day the document is dated: the decision, else the latest revision,
/// else the start of the plan period. Never the clock, so builds repeat;
/// PDF/A needs a date, so there always is one.
pub fn document_date(plan: &Plan) -> NaiveDate {
    plan.meta
        .decision
        .as_ref()
        .map(|d| d.date)
        .or_else(|| plan.revisions.iter().map(|r| r.date).max())
        .unwrap_or(plan.meta.period.from)
}

#[cfg(test)]
pub(crate) mod tests;
