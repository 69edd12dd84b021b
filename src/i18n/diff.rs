//! The diff's words in a language file's `[diff]` table: its sentences as
//! templates with named placeholders, the participles of each grammatical
//! gender, the label and gender of each field, and the renderers' headings.
//!
//! `diff::lang` only fills these in; it knows no word of any language.

use std::collections::BTreeMap;

use serde::Deserialize;

/// Everything the diff says in one language.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiffWords {
    /// A quoted text: `”{text}”`.
    pub quote: String,
    pub headline: Headline,
    pub sentences: Sentences,
    /// What a follow-up report holds: `{measures}, {indicators}`.
    pub report: Report,
    pub headings: Headings,
    pub items: Items,
    /// The participles of each gender a field or item may have, by gender.
    pub genders: BTreeMap<String, Participles>,
    /// By field name; `goals.{id}.assessment`, `goals.{id}.comment`,
    /// `measures.{id}.status`, `measures.{id}.comment` and `indicators.{id}`
    /// stand for the fields of a follow-up report.
    pub fields: BTreeMap<String, Field>,
    /// A field not in `fields`: `{field}` is its name.
    pub other_field: Field,
}

/// A word for one thing and for several; `{n}` is the count.
#[derive(Debug, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Plural {
    pub one: String,
    pub many: String,
}

impl Plural {
    /// "1 månad", "3 månader".
    pub fn count(&self, n: usize) -> String {
        let word = if n == 1 { &self.one } else { &self.many };
        fill(word, &[("n", &n.to_string())])
    }
}

/// The sentence on the whole diff.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Headline {
    /// `{old}`, `{new}`: the versions.
    pub none: String,
    /// `{changes}` (counted), `{old}`, `{new}`, `{kinds}` (the counts by kind).
    pub some: String,
    pub changes: Plural,
    pub added: Plural,
    pub removed: Plural,
    pub changed: Plural,
    pub moved: Plural,
    /// Between the counts by kind, and before the last of them.
    pub separator: String,
    pub and: String,
}

/// The sentence of each change.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sentences {
    /// An item added or removed: `{item}`, `{under}`, `{added}`/`{removed}`,
    /// `{title}`, `{rename}`.
    pub added: String,
    pub removed: String,
    /// `{goal}`: the goal of an added or removed measure or indicator.
    pub under_added: String,
    pub under_removed: String,
    /// `{title}`: an item's title (quoted), or a follow-up report's contents.
    pub title: String,
    pub report_title: String,
    /// `{other}`: the id of the item with the same title.
    pub renamed_added: String,
    pub renamed_removed: String,
    /// `{item}`, `{moved}`, `{old}`, `{new}`: a measure or indicator under another goal.
    pub moved: String,
    /// A list field: `{subject}`, `{parts}`; each part `{items}`.
    pub list: String,
    pub list_added: String,
    pub list_removed: String,
    pub list_separator: String,
    pub parts_separator: String,
    /// A field: `{subject}` and the participle of its gender, `{old}`, `{new}`.
    pub value_added: String,
    pub value_removed: String,
    pub reworded: String,
    pub changed: String,
    /// A time moved: also `{months}` (counted) and `{way}`.
    pub rescheduled: String,
    pub months: Plural,
    pub later: String,
    pub earlier: String,
}

/// What a follow-up report holds.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// `{measures}`, `{indicators}`: counted.
    pub contents: String,
    /// The same, and `{goals}`: the goals a report judges, counted.
    pub contents_with_goals: String,
    pub measures: Plural,
    pub indicators: Plural,
    pub goals: Plural,
}

/// The renderers' headings and table words.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Headings {
    pub plan: String,
    pub bodies: String,
    pub sections: String,
    pub goal: String,
    pub follow_up: String,
    pub revisions: String,
    pub id: String,
    pub change: String,
    pub before: String,
    pub after: String,
    pub added: String,
    pub removed: String,
    pub moved: String,
}

/// The words of each kind of item.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Items {
    pub plan: ItemWords,
    pub body: ItemWords,
    pub section: ItemWords,
    pub goal: ItemWords,
    pub indicator: ItemWords,
    pub measure: ItemWords,
    /// The plan's follow-up block.
    pub follow_up: ItemWords,
    /// One follow-up report.
    pub report: ItemWords,
    pub revision: ItemWords,
}

/// How a sentence names an item.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemWords {
    /// At the start of a sentence: `Åtgärd {id}`.
    pub noun: String,
    /// A field of it: `{field} för åtgärd {id}`.
    pub field: String,
    /// A key of `genders`.
    pub gender: String,
}

/// The participles that agree with a gender.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Participles {
    pub added: String,
    pub removed: String,
    pub changed: String,
    pub moved: String,
    pub reworded: String,
}

/// A field's label (`{id}`: the measure or indicator of a report's field) and gender.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    pub label: String,
    /// A key of `genders`.
    pub gender: String,
}

impl DiffWords {
    /// The participles of a gender.
    pub fn gender(&self, gender: &str) -> &Participles {
        self.genders
            .get(gender)
            .unwrap_or_else(|| panic!("no participles for gender `{gender}`"))
    }
}

/// A template with each `{name}` replaced by its value, in one pass, so a
/// value that itself holds `{new}` stays as it is. A placeholder without a
/// value is left in place.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            let value = values.iter().find(|(n, _)| *n == name)?.1;
            Some((value, close))
        });
        match value {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}
