//! The document: the whole [`View`] and its parts, from the metadata to
//! the goals, measures, indicators and the follow-up section.

use serde::Serialize;

use super::{
    Anchor, BodyView, ChangesView, DateView, FieldMark, ItemMark, KindView, Matrix, MeasuredView,
    PeriodView, RefView, RemovedView, StatusView, TimeView, Timeline,
};
use crate::i18n::Labels;
use crate::view::markdown::Block;

/// The whole document, ready to lay out.
#[derive(Clone, Debug, Serialize)]
pub struct View {
    /// `sv` or `en`: Typst's `lang`.
    pub lang: &'static str,
    /// `sv-SE` or `en`: the HTML `lang` attribute and the PDF's `/Lang`.
    pub lang_tag: &'static str,
    /// Typst's `region`, if any.
    pub region: Option<&'static str>,
    pub labels: &'static Labels,
    pub meta: MetaView,
    /// Every body of the plan, in file order.
    pub bodies: Vec<BodyView>,
    /// The one footer both outputs print.
    pub footer: FooterView,
    pub summary: Vec<Block>,
    pub sections: Vec<SectionView>,
    pub goals: Vec<GoalView>,
    pub matrix: Matrix,
    pub timeline: Timeline,
    pub follow_up: Option<FollowUpView>,
    pub revisions: Vec<RevisionView>,
    /// Bodies responsible for a measure, for the HTML filter.
    pub responsible_bodies: Vec<BodyView>,
    /// The statuses that occur, for the HTML filter.
    pub statuses: Vec<StatusView>,
    /// The changes since an earlier version, for `build --compare` only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changes: Option<ChangesView>,
    /// The body an export was narrowed to (`export --body`), so that the
    /// export can say whose part of the plan it holds.
    #[serde(skip)]
    pub narrowed_to: Option<BodyView>,
}

#[derive(Clone, Debug, Serialize)]
pub struct MetaView {
    pub title: String,
    pub subtitle: Option<String>,
    pub municipality: String,
    pub document_type: KindView,
    pub status: StatusView,
    /// "UTKAST" / "FÖRSLAG" on every page, or none once adopted.
    pub mark: Option<&'static str>,
    /// The banner on top of both outputs ("UPPHÄVD – gäller inte längre"), or none once adopted.
    pub banner: Option<&'static str>,
    pub version: String,
    pub case_number: Option<String>,
    /// The body that owns the document.
    pub owner: BodyView,
    pub period: PeriodView,
    pub decision: Option<DecisionView>,
    pub revise_by: Option<DateView>,
    /// The PDF's subject line: document type and subtitle.
    pub subject: String,
    /// The PDF's keywords.
    pub keywords: Vec<String>,
    /// The governing-document block, row by row, in order.
    pub facts: Vec<Fact>,
    pub replaces: Vec<String>,
    pub related: Vec<RelatedView>,
}

#[derive(Clone, Debug, Serialize)]
pub struct DecisionView {
    pub body: BodyView,
    pub date: DateView,
    pub paragraph: String,
}

/// A row of the governing-document block.
#[derive(Clone, Debug, Serialize)]
pub struct Fact {
    /// Which row: `case_number`, `decision_date`, `valid`, …
    pub key: &'static str,
    pub label: &'static str,
    pub value: String,
    /// The row's date or period in ISO 8601, if it is one.
    pub iso: Option<String>,
    /// `build --compare`: the row changed; `was` is its earlier value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<FieldMark>,
}

/// The lines of the footer, in order; each output joins them its own way.
#[derive(Clone, Debug, Serialize)]
pub struct FooterView {
    /// Municipality, case number, version and status: `["Umeå kommun", "KS-2018/00412", "Version 1.0", "Antagen"]`.
    pub parts: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct RelatedView {
    pub title: String,
    /// Only http, https, mailto or relative links, percent-encoded; others are dropped.
    pub url: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct SectionView {
    pub id: String,
    #[serde(flatten)]
    pub at: Anchor,
    pub title: String,
    pub body: Vec<Block>,
    /// `build --compare`: what changed in it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<ItemMark>,
}

#[derive(Clone, Debug, Serialize)]
pub struct GoalView {
    pub id: String,
    #[serde(flatten)]
    pub at: Anchor,
    pub title: String,
    pub description: Vec<Block>,
    pub references: Vec<String>,
    /// Whether any indicator has a latest value: the tables then show the column.
    pub has_latest: bool,
    pub indicators: Vec<IndicatorView>,
    /// Sorted by id, naturally (`1.2` before `1.10`).
    pub measures: Vec<MeasureView>,
    /// `build --compare`: what changed in the goal itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<ItemMark>,
    /// `build --compare`: its measures that were removed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<RemovedView>,
}

#[derive(Clone, Debug, Serialize)]
pub struct IndicatorView {
    pub id: String,
    /// The anchor in the HTML: `indicator-I1.1`.
    #[serde(flatten)]
    pub at: Anchor,
    pub name: String,
    pub unit: Option<String>,
    /// "12 (2018)", or none.
    pub baseline: Option<MeasuredView>,
    pub target: Option<MeasuredView>,
    pub source: Option<String>,
    /// From the latest follow-up that measured it: "14 (31 augusti 2018)".
    pub latest: Option<MeasuredView>,
    /// `build --compare`: what changed in it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<ItemMark>,
}

#[derive(Clone, Debug, Serialize)]
pub struct MeasureView {
    pub id: String,
    #[serde(flatten)]
    pub at: Anchor,
    pub goal_id: String,
    pub title: String,
    pub description: Vec<Block>,
    pub responsible: BodyView,
    pub partners: Vec<BodyView>,
    pub start: Option<TimeView>,
    pub deadline: TimeView,
    /// The whole time span in words.
    pub when: String,
    pub status: StatusView,
    pub cost: Option<String>,
    /// The indicators it moves, each with its anchor.
    pub indicators: Vec<RefView>,
    /// `build --compare`: what changed in it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<ItemMark>,
}

#[derive(Clone, Debug, Serialize)]
pub struct FollowUpView {
    pub frequency: KindView,
    pub reporter: String,
    pub recipient: String,
    pub description: Vec<Block>,
    pub latest: Option<LatestReportView>,
    /// How many follow-ups are recorded in all.
    pub reports: usize,
}

/// The latest follow-up report, as the plan's follow-up section shows it
/// (not the follow-up report document, which is `report::ReportView`).
#[derive(Clone, Debug, Serialize)]
pub struct LatestReportView {
    pub date: DateView,
    pub measures: Vec<ReportedMeasure>,
    pub indicators: Vec<ReportedIndicator>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ReportedMeasure {
    pub id: String,
    #[serde(flatten)]
    pub at: Anchor,
    pub title: String,
    pub status: StatusView,
    pub comment: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ReportedIndicator {
    pub id: String,
    #[serde(flatten)]
    pub at: Anchor,
    pub name: String,
    pub value: f64,
    pub unit: Option<String>,
    /// The value with its unit: "14 st".
    pub text: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct RevisionView {
    pub version: String,
    pub date: DateView,
    pub note: String,
}
