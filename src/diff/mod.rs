//! Diff: two validated plans → what changed between them, item by item.
//!
//! Items are matched by id, never by position or text, so reformatting, key
//! order, comments, quoting, flow or block style and the order of measures
//! inside a goal change nothing: we compare the typed [`Plan`]s, not their
//! YAML. Each [`Change`] is one item added, removed, moved to another goal,
//! or one field changed (old → new), with the lines it stands on in both
//! files and a sentence in the new plan's language.
//!
//! - [`compare`] (this file) runs the comparison and pairs likely renames;
//! - `compare.rs` walks the items; `lines.rs` finds their lines in the raw
//!   documents; `words.rs` makes the word-level diff of prose;
//! - `lang.rs` writes the sentences, filling in the templates of the `[diff]`
//!   table in `i18n/lang/<code>.toml` (with `values.rs`, the only files that
//!   read `i18n`; no file of the diff holds a word of any language);
//! - [`render`] prints a [`Diff`] as human text, JSON or Markdown.
//!
//! The JSON shape is a contract, documented in `docs/diff.md`.

mod compare;
mod lang;
mod lines;
pub mod render;
mod values;
mod words;

#[cfg(test)]
mod tests;

use std::collections::HashMap;

use serde::Serialize;
use serde_json::Value;

use crate::model::{Language, Plan};
use crate::source::SourceFile;

pub use lang::{field_label, words as headings};
pub use words::{Op, Segment, diff as word_diff, shortened};

/// One version of a plan, as [`compare`] reads it.
pub struct Version<'a> {
    /// How to name it: a path, or `REV:PATH` for a version read from git.
    pub name: String,
    pub plan: &'a Plan,
    /// Its text, for the lines of the items.
    pub file: &'a SourceFile,
}

/// Every change between two versions, in reading order: the plan's
/// metadata, bodies, sections, then goal by goal (the goal, its
/// indicators, its measures), then follow-up and revisions.
#[derive(Clone, Debug, Serialize)]
pub struct Diff {
    pub old: Side,
    pub new: Side,
    pub changes: Vec<Change>,
    /// The new plan's language: the sentences' and the renderers'.
    #[serde(skip)]
    pub language: Language,
    /// The goals in the order groups are printed: the new plan's, then
    /// removed ones; with their titles.
    #[serde(skip)]
    pub goals: Vec<(String, String)>,
}

/// A version as the JSON names it.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Side {
    pub path: String,
    pub version: String,
}

/// What happened to an item.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Added,
    Removed,
    Changed,
    /// A measure or indicator that now belongs to another goal.
    Moved,
}

/// The kind of item a change is about.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Item {
    Plan,
    Body,
    Section,
    Goal,
    Indicator,
    Measure,
    FollowUp,
    Revision,
}

/// One change. See `docs/diff.md` for every field.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Change {
    pub kind: Kind,
    pub item: Item,
    /// The item's id; `plan` for the plan's metadata, `follow_up` for the
    /// follow-up's own fields, the date for a follow-up report, the version
    /// for a revision.
    pub id: String,
    /// The field that changed (`responsible`, `period.from`,
    /// `measures.1.1.status`); `goal` for a move; null when the whole item
    /// was added or removed.
    pub field: Option<String>,
    /// The machine value before: an id, an ISO date, a keyword, a number,
    /// a text, a list or a measurement; for a removed item, its title.
    pub old: Value,
    /// The machine value after; for an added item, its title.
    pub new: Value,
    pub old_line: Option<usize>,
    pub new_line: Option<usize>,
    /// One sentence in the new plan's language.
    pub summary: String,
    /// The goal the item belongs to (for a removed one: belonged to).
    pub goal: Option<String>,
    /// Word-level diff of a changed text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub words: Option<Vec<Segment>>,
    /// How many months a start or deadline moved: positive later, negative earlier.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub months: Option<i32>,
    /// The id of the matching removed (or added) item with the same title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub likely_rename: Option<String>,
    /// The values as a reader sees them, for the sentence and the renderers.
    #[serde(skip)]
    pub shown: Shown,
}

/// The values of a change as a reader sees them, in the plan's language.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Shown {
    pub old: Option<String>,
    pub new: Option<String>,
    /// For a list: the entries that came and went.
    pub added: Vec<String>,
    pub removed: Vec<String>,
    /// A text: shown in quotes.
    pub text: bool,
    /// A long text: the sentence says "reworded" and the words tell the rest.
    pub prose: bool,
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// How many changes of a kind there are.
    pub fn count(&self, kind: Kind) -> usize {
        self.changes.iter().filter(|c| c.kind == kind).count()
    }

    /// One sentence on the whole diff, in the plan's language.
    pub fn headline(&self) -> String {
        lang::headline(self)
    }
}

/// Compares two versions of a plan.
pub fn compare(old: &Version<'_>, new: &Version<'_>) -> Diff {
    let language = new.plan.meta.language;
    let mut changes = compare::changes(old, new, language);
    pair_renames(&mut changes);
    for change in &mut changes {
        change.summary = lang::summary(language, change);
    }
    let mut goals: Vec<(String, String)> = new
        .plan
        .goals
        .iter()
        .map(|g| (g.id.to_string(), g.title.clone()))
        .collect();
    for g in &old.plan.goals {
        if !goals.iter().any(|(id, _)| id == g.id.as_str()) {
            goals.push((g.id.to_string(), g.title.clone()));
        }
    }
    Diff {
        old: side(old),
        new: side(new),
        changes,
        language,
        goals,
    }
}

fn side(version: &Version<'_>) -> Side {
    Side {
        path: version.name.clone(),
        version: version.plan.meta.version.clone(),
    }
}

/// Pairs a removed item with an added one of the same kind and the same
/// title, when each is the only one with that title: a likely new id.
fn pair_renames(changes: &mut [Change]) {
    type Titles = HashMap<(Item, String), Vec<usize>>;
    let (mut removed, mut added): (Titles, Titles) = Default::default();
    for (i, c) in changes.iter().enumerate() {
        let (side, value) = match c.kind {
            Kind::Added => (&mut added, &c.new),
            Kind::Removed => (&mut removed, &c.old),
            _ => continue,
        };
        match value.as_str().map(str::trim) {
            Some(title) if !title.is_empty() && c.field.is_none() => {
                side.entry((c.item, title.to_string())).or_default().push(i)
            }
            _ => {}
        }
    }
    for (key, gone) in &removed {
        if let ([i], Some([j])) = (gone.as_slice(), added.get(key).map(Vec::as_slice)) {
            changes[*i].likely_rename = Some(changes[*j].id.clone());
            changes[*j].likely_rename = Some(changes[*i].id.clone());
        }
    }
}
