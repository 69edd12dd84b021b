//! The follow-up report's words, the `[report]` table of a language file.
//!
//! Handed to the report's templates as `words`; sentences carry named
//! placeholders (`{date}`) that `report::build` fills in.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Everything the follow-up report says in one language.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ReportWords {
    pub title: String,
    pub plan: String,
    pub case_number: String,
    pub report_date: String,
    pub previous_report: String,
    pub period_covered: String,
    pub reporter: String,
    pub recipient: String,
    pub contents: String,
    pub summary: String,
    pub statuses: String,
    /// `{date}`, `{total}`.
    pub statuses_intro: String,
    pub statuses_chart: String,
    pub status: String,
    pub count: String,
    pub share: String,
    pub total: String,
    pub goals: String,
    pub goal: String,
    pub assessment: String,
    pub no_assessment: String,
    pub indicators: String,
    pub no_indicators: String,
    /// `{id}`, `{name}`.
    pub chart_alt: String,
    /// The caption of an indicator's table: `{id}`.
    pub chart_table: String,
    pub when: String,
    pub value: String,
    pub kind: String,
    pub baseline: String,
    pub reported: String,
    pub target: String,
    pub target_short: String,
    pub year: String,
    pub legend_measured: String,
    pub legend_target: String,
    pub no_values: String,
    pub unit: String,
    pub source: String,
    pub measures: String,
    pub id: String,
    pub measure: String,
    pub responsible: String,
    pub status_now: String,
    pub status_before: String,
    pub comment: String,
    pub deadline: String,
    pub overdue: String,
    pub overdue_yes: String,
    pub attention: String,
    /// `{date}`.
    pub attention_intro: String,
    pub attention_none: String,
    pub reason: String,
    /// `{deadline}`.
    pub reason_overdue: String,
    pub reason_delayed: String,
    pub changes: String,
    /// `{date}`.
    pub changes_intro: String,
    pub changes_first: String,
    pub changes_none: String,
    pub change_from: String,
    pub change_to: String,
    pub newly_done: String,
    pub not_reported: String,
    pub report_summary: String,
    pub page: String,
    pub of: String,
    pub skip_to_content: String,
    pub generated_by: String,
    /// By assessment keyword: `on_track` → "Går enligt plan".
    pub assessments: BTreeMap<String, String>,
}

impl ReportWords {
    /// The name of an assessment keyword.
    pub fn assessment_name(&self, key: &str) -> &str {
        self.assessments
            .get(key)
            .map(String::as_str)
            .unwrap_or_else(|| panic!("no word for assessment `{key}` in a language file"))
    }
}
