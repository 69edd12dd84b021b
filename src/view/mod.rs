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
//! `types.rs` holds the view's types and `build.rs` fills them, with
//! `meta.rs` (the governing-document block and the footer), `matrix.rs` and
//! `timeline.rs` (the derived views) and `url.rs` (link targets); `changes.rs`
//! adds the changes since an earlier version for a change-marked draft. The words
//! come from `i18n.rs` and its language files, `lang/<code>.toml`.

mod build;
pub mod changes;
pub mod i18n;
pub mod markdown;
mod matrix;
mod meta;
mod timeline;
mod types;
pub mod url;

use chrono::NaiveDate;

use crate::model::{Measure, Plan};

pub use build::build;
pub(crate) use build::{date, status};
pub use changes::{ChangesView, ItemMark};
pub use i18n::Labels;
pub use matrix::{Matrix, MatrixCell, MatrixGoal, MatrixRow};
pub use timeline::{Chart, RowChart, Tick, Timeline, TimelineRow};
pub use types::*;

impl Anchor {
    /// The anchor `{kind}-{id}` and the link to it. Ids are ASCII letters,
    /// digits, `.`, `-` and `_` (validation sees to it), so they need no encoding.
    pub fn new(kind: &str, id: &str) -> Self {
        let anchor = format!("{kind}-{id}");
        Anchor {
            href: format!("#{anchor}"),
            anchor,
        }
    }

    /// `goal-M1`.
    pub fn goal(id: &str) -> Self {
        Self::new("goal", id)
    }

    /// `measure-1.3`.
    pub fn measure(id: &str) -> Self {
        Self::new("measure", id)
    }

    /// `indicator-I1.1`.
    pub fn indicator(id: &str) -> Self {
        Self::new("indicator", id)
    }

    /// `section-bakgrund`.
    pub fn section(id: &str) -> Self {
        Self::new("section", id)
    }
}

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

/// All measures, goal by goal, each goal's sorted naturally by id.
fn sorted_measures(plan: &Plan) -> impl Iterator<Item = (&crate::model::Goal, &Measure)> {
    plan.goals.iter().flat_map(|g| {
        let mut ms: Vec<&Measure> = g.measures.iter().collect();
        ms.sort_by(|a, b| natural_cmp(a.id.as_str(), b.id.as_str()));
        ms.into_iter().map(move |m| (g, m))
    })
}

/// Compares ids so that runs of digits compare as numbers: `1.2` < `1.10`.
pub fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    fn chunks(s: &str) -> Vec<(bool, &str)> {
        let mut out = Vec::new();
        let mut start = 0;
        let bytes = s.as_bytes();
        for i in 1..=bytes.len() {
            if i == bytes.len() || bytes[i].is_ascii_digit() != bytes[start].is_ascii_digit() {
                out.push((bytes[start].is_ascii_digit(), &s[start..i]));
                start = i;
            }
        }
        out
    }
    let (ca, cb) = (chunks(a), chunks(b));
    for (x, y) in ca.iter().zip(&cb) {
        let ord = match (x, y) {
            ((true, x), (true, y)) => {
                let (x, y) = (x.trim_start_matches('0'), y.trim_start_matches('0'));
                x.len().cmp(&y.len()).then_with(|| x.cmp(y))
            }
            ((_, x), (_, y)) => x.cmp(y),
        };
        if ord != std::cmp::Ordering::Equal {
            return ord;
        }
    }
    ca.len().cmp(&cb.len()).then_with(|| a.cmp(b))
}

#[cfg(test)]
pub(crate) mod tests;
