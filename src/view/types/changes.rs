//! The changes since an earlier version, as a change-marked draft
//! (`build --compare`) shows them: the summary, a mark on each changed item
//! and what was removed. `changes.rs` computes them; a plain build has none.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Anchor;
use crate::diff::{Kind, Segment};
use crate::i18n::ChangeWords;
use crate::view::markdown::Block;

/// The summary of the changes, and what was removed.
#[derive(Clone, Debug, Serialize)]
pub struct ChangesView {
    /// "Ändringar sedan version 0.9".
    pub heading: String,
    /// The version compared with: "0.9".
    pub old_version: String,
    /// One sentence on all of it: "16 ändringar från version 0.9 till version 1.0: …".
    pub headline: String,
    pub words: &'static ChangeWords,
    /// The appendix table's column heads: id, change, before, after.
    pub columns: [&'static str; 4],
    /// In reading order: the plan, bodies, sections, goal by goal, follow-up, revisions.
    pub groups: Vec<ChangeGroup>,
    /// Goals that are no more, with their measures, after the plan's goals.
    pub removed_goals: Vec<RemovedGoal>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ChangeGroup {
    pub heading: String,
    pub entries: Vec<ChangeEntry>,
}

/// One change: its sentence, its place, and its row of the appendix.
#[derive(Clone, Debug, Serialize)]
pub struct ChangeEntry {
    pub kind: Kind,
    pub id: String,
    /// Where the change is in the HTML page; none for what has no place there (a body).
    pub href: Option<String>,
    /// One sentence, as `actionplan diff` says it.
    pub summary: String,
    /// What changed: a field's label, or "Tillägg", "Borttagning", "Flytt".
    pub what: String,
    /// The value before, with deleted words marked (`delete`); empty for an added item.
    pub before: Vec<Segment>,
    /// The value after, with inserted words marked (`insert`).
    pub after: Vec<Segment>,
}

/// What happened to an item that is still in the plan.
#[derive(Clone, Debug, Serialize)]
pub struct ItemMark {
    /// `added`, `changed` or `moved`.
    pub kind: Kind,
    /// "Ny", "Ändrad", "Flyttad".
    pub tag: &'static str,
    /// The changed fields, by the name the templates use (`title`, `time`, …).
    pub fields: BTreeMap<String, FieldMark>,
}

/// A changed field of an item.
#[derive(Clone, Debug, Default, Serialize)]
pub struct FieldMark {
    /// A changed Markdown text: the new text with its inserted and deleted
    /// words marked in place (`changes/prose.rs`); none where that cannot be done.
    pub blocks: Option<Vec<Block>>,
    /// A changed text: its word diff, paragraph by paragraph.
    pub paragraphs: Option<Vec<Vec<Segment>>>,
    /// Any other value: what it was, as a reader saw it; none when it had
    /// no value before (then `added`) or is a text with a word diff.
    pub was: Option<String>,
    /// The field had no value before: the value is marked new, since
    /// "previously: –" with the dash struck through reads as a deletion.
    pub added: bool,
}

/// A measure that was removed, shown struck through where it stood.
#[derive(Clone, Debug, Serialize)]
pub struct RemovedView {
    pub id: String,
    #[serde(flatten)]
    pub at: Anchor,
    pub title: String,
    /// The measure of the goal it stood before (ids in natural order); none: after the last.
    pub before: Option<String>,
}

/// A goal that was removed, with the measures it had.
#[derive(Clone, Debug, Serialize)]
pub struct RemovedGoal {
    pub id: String,
    #[serde(flatten)]
    pub at: Anchor,
    pub title: String,
    pub measures: Vec<RemovedView>,
}
