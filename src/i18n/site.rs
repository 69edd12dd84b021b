//! The site index's words, a language file's `[site]` table: the index
//! page's headings, column names, filter controls and counts, and the link
//! text of each output. `site::index` fills them in; it knows no word of any
//! language.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Plural;

/// Everything the site index says in one language. Handed to the template
/// as `words`; the counts (`Plural`) and sentences with placeholders are
/// filled in by `site::index` first.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SiteWords {
    /// The page's heading when `--title` is not given.
    pub title: String,
    /// What the page is, shown in the band above the title.
    pub register: String,
    pub plans: Plural,
    pub overdue_count: Plural,
    pub not_built_count: Plural,
    /// `{date}`: the day revision dates are checked against.
    pub checked_on: String,
    pub caption: String,
    pub title_column: String,
    pub owner: String,
    pub status: String,
    pub period: String,
    pub decision: String,
    pub revise_by: String,
    pub documents: String,
    pub case_number: String,
    /// The mark, in text, of a plan whose revise-by date has passed.
    pub overdue: String,
    /// An empty cell.
    pub none: String,
    pub filter_heading: String,
    pub search: String,
    pub search_hint: String,
    pub all: String,
    pub overdue_only: String,
    pub sort: String,
    pub sort_owner: String,
    pub sort_status: String,
    pub sort_title: String,
    pub sort_revise_by: String,
    pub reset: String,
    /// `{shown}`, `{total}`: filled in by the script as the filter changes.
    pub showing: String,
    pub no_match: String,
    pub not_built: String,
    pub not_built_intro: String,
    pub errors: Plural,
    pub warnings: Plural,
    /// `{line}`, `{column}`.
    pub location: String,
    /// The diagnostics of an invalid plan left out of the index.
    pub more: Plural,
    /// A file's size: `{n}` is a number in the language's writing.
    pub kilobytes: String,
    pub megabytes: String,
    /// The link text of each output, by its name (`html`, `pdf`, …); an
    /// output without one is named by its extension in capitals.
    pub outputs: BTreeMap<String, String>,
}

impl SiteWords {
    /// The link text of an output.
    pub fn output(&self, name: &str, extension: &str) -> String {
        self.outputs
            .get(name)
            .cloned()
            .unwrap_or_else(|| extension.to_uppercase())
    }
}
