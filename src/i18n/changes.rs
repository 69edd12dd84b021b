//! The words of a change-marked draft (`build --compare`): the `[changes]`
//! table of a language file. Handed to the templates as they are, in the
//! view's `changes.words`.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeWords {
    /// The summary's heading and the PDF appendix's: `{version}` is the earlier version.
    pub heading: String,
    /// How the marks read, under the heading.
    pub legend: String,
    /// The tag of a new item.
    pub added: String,
    /// The tag of an item with changed fields.
    pub changed: String,
    /// The tag of a measure or indicator now under another goal.
    pub moved: String,
    /// The tag of a removed item, shown struck through at its old place.
    pub removed: String,
    /// Visually hidden before inserted words (screen readers announce `<ins>` poorly).
    pub inserted: String,
    /// Visually hidden before deleted words.
    pub deleted: String,
    /// Before a field's earlier value: "tidigare".
    pub previously: String,
    /// The filter's checkbox.
    pub only_changed: String,
    /// A start or deadline moved: `{n}` months, with its sign.
    pub months: String,
    /// Where the summary sits in the table of contents.
    pub contents: String,
}
