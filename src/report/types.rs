//! The types of the report's view: what `templates/report.typ` and
//! `templates/report.html` receive, field by field. Every localised text
//! travels with its machine value (ISO date, keyword, number, anchor).

use serde::Serialize;

use super::chart::{LineChart, StatusBar};
use crate::i18n::ReportWords;
use crate::view::markdown::Block;
use crate::view::{Anchor, DateView, Fact, StatusView};

/// The whole follow-up report, ready to lay out.
#[derive(Clone, Debug, Serialize)]
pub struct ReportView {
    /// `sv` or `en`: Typst's `lang`.
    pub lang: &'static str,
    /// `sv-SE` or `en`: the HTML `lang` attribute and the PDF's `/Lang`.
    pub lang_tag: &'static str,
    pub region: Option<&'static str>,
    pub words: &'static ReportWords,
    pub meta: ReportMeta,
    /// The cover block, row by row: plan, case number, dates, who reports to whom.
    pub facts: Vec<Fact>,
    /// The report's date.
    pub date: DateView,
    /// The report before it, if any.
    pub previous: Option<DateView>,
    /// The footer's parts, in order.
    pub footer: Vec<String>,
    /// The report's own summary (Markdown), if given.
    pub summary: Vec<Block>,
    pub statuses: StatusSummary,
    pub goals: Vec<GoalReport>,
    /// Measures delayed or past their deadline on the report's date.
    pub attention: Vec<AttentionItem>,
    /// What changed since the previous report; `None` for the first report.
    pub changes: Option<Vec<Change>>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ReportMeta {
    /// "Uppföljningsrapport 31 januari 2020".
    pub title: String,
    /// The plan's title.
    pub plan_title: String,
    pub municipality: String,
    /// The PDF's subject.
    pub subject: String,
    pub keywords: Vec<String>,
}

/// How many measures stand where, on the report's date.
#[derive(Clone, Debug, Serialize)]
pub struct StatusSummary {
    pub total: usize,
    /// "Status för planens 33 åtgärder den 31 januari 2020."
    pub intro: String,
    /// Done, ongoing, planned, delayed, cancelled: every status, even at 0.
    pub rows: Vec<StatusCount>,
}

#[derive(Clone, Debug, Serialize)]
pub struct StatusCount {
    pub status: StatusView,
    pub count: usize,
    /// "27 %".
    pub share: String,
    pub bar: StatusBar,
}

#[derive(Clone, Debug, Serialize)]
pub struct GoalReport {
    pub id: String,
    #[serde(flatten)]
    pub at: Anchor,
    pub title: String,
    pub assessment: Option<AssessmentView>,
    pub indicators: Vec<IndicatorReport>,
    pub measures: Vec<MeasureRow>,
}

#[derive(Clone, Debug, Serialize)]
pub struct AssessmentView {
    /// `on_track`, `at_risk`, `off_track`.
    pub key: &'static str,
    pub label: String,
    pub comment: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct IndicatorReport {
    pub id: String,
    #[serde(flatten)]
    pub at: Anchor,
    pub name: String,
    pub unit: Option<String>,
    pub source: Option<String>,
    /// The chart's text alternative.
    pub alt: String,
    /// The caption of the table that carries the chart's data.
    pub caption: String,
    /// Baseline, every value reported up to the report's date, target: the table rows.
    pub points: Vec<PointRow>,
    /// None when there is nothing to draw (no baseline and no value reported).
    pub chart: Option<LineChart>,
}

/// One value of an indicator: when, what, and what kind of value.
#[derive(Clone, Debug, Serialize)]
pub struct PointRow {
    /// `baseline`, `reported` or `target`.
    pub kind: &'static str,
    pub kind_label: String,
    /// A year (`2017`) or a day (`2019-12-10`).
    pub iso: String,
    pub when: String,
    pub value: f64,
    /// The value with its unit: "12 personer per år".
    pub text: String,
}

/// A measure in a goal's table.
#[derive(Clone, Debug, Serialize)]
pub struct MeasureRow {
    pub id: String,
    #[serde(flatten)]
    pub at: Anchor,
    pub title: String,
    pub responsible: String,
    pub status: StatusView,
    /// At the previous report; `None` when there is none.
    pub previous: Option<StatusView>,
    pub comment: Option<String>,
    /// The deadline in words, and as written (`2019-06`, none for `ongoing`).
    pub deadline: String,
    pub deadline_iso: Option<String>,
    /// Open (planned, ongoing, delayed) with its deadline passed on the report's date.
    pub overdue: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct AttentionItem {
    pub id: String,
    /// Links to the measure's row in the report.
    #[serde(flatten)]
    pub at: Anchor,
    pub goal_id: String,
    pub title: String,
    pub responsible: String,
    pub status: StatusView,
    /// "rapporterad som försenad; slutdatum 30 juni 2019 har passerat".
    pub reasons: String,
    pub comment: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Change {
    pub id: String,
    #[serde(flatten)]
    pub at: Anchor,
    pub title: String,
    pub from: StatusView,
    pub to: StatusView,
    /// Done now and not before.
    pub newly_done: bool,
    pub comment: Option<String>,
}
