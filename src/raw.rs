//! The plan as written: structs that mirror the YAML of format version 1 exactly.
//!
//! No logic lives here. Every value a diagnostic may point at is wrapped in
//! [`Sp`] (our own type, in `raw/sp.rs`), which keeps its place in the file.
//! Keywords (statuses, kinds), dates, times and ids are read as text and
//! checked in `validate`, so that all such mistakes are reported at once
//! instead of one per run. The JSON
//! Schema (`actionplan schema`) is generated from these types: their doc
//! comments are the descriptions an editor shows.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;

use crate::model::{
    Assessment, BodyKind, DocumentType, Frequency, Language, MeasureStatus, PlanStatus,
};

mod sp;
pub use sp::Sp;
pub(crate) use sp::byte_span;

/// Text kept exactly as written (`1.10` stays "1.10").
pub type Text = Sp<String>;

/// A Markdown text: paragraphs, emphasis, lists, links, tables.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(transparent)]
#[schemars(description = "Markdown: paragraphs, **strong**, *emphasis*, lists, links, tables.")]
pub struct Markdown(pub Text);

/// An id: 1–40 letters, digits, `.`, `-` or `_`, starting with a letter or digit.
#[derive(Debug, Clone, Deserialize, JsonSchema, PartialEq, Eq, PartialOrd, Ord)]
#[serde(transparent)]
#[schemars(
    description = "An id: 1–40 letters, digits, `.`, `-` or `_`, starting with a letter or digit."
)]
pub struct Id(#[schemars(regex(pattern = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$"))] pub Text);

/// A calendar date, `YYYY-MM-DD`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(transparent)]
#[schemars(description = "A date, YYYY-MM-DD.")]
pub struct Date(#[schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}$"))] pub Text);

/// A time: a date `YYYY-MM-DD`, a month `YYYY-MM`, a year `YYYY`, or `ongoing`.
#[derive(Debug, Clone, Deserialize)]
#[serde(transparent)]
pub struct Time(pub Text);

impl JsonSchema for Time {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Time".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        // An unquoted year is an integer to YAML, and is a valid time.
        schemars::json_schema!({
            "description": "A date YYYY-MM-DD, a month YYYY-MM, a year YYYY, or `ongoing` (the whole plan period). As a deadline a month or year means its last day; as a start, its first day.",
            "anyOf": [
                { "type": "string", "pattern": r"^(\d{4}(-\d{2}(-\d{2})?)?|ongoing)$" },
                { "type": "integer", "minimum": 1000, "maximum": 9999 }
            ]
        })
    }
}

/// A keyword checked against the allowed values of `T` during validation.
#[derive(Debug, Clone, Deserialize)]
#[serde(transparent)]
pub struct Keyword<T>(pub Text, #[serde(skip)] std::marker::PhantomData<T>);

impl<T: JsonSchema> JsonSchema for Keyword<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }
}

/// An action plan, format version 1.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "actionplan plan, format version 1")]
pub struct Document {
    /// The format version; always `1`.
    #[schemars(range(min = 1, max = 1))]
    pub actionplan: Sp<i64>,
    /// The document's metadata.
    pub plan: PlanMeta,
    /// The bodies that own, decide on or carry out the plan, by id.
    pub bodies: BTreeMap<Id, Body>,
    /// Free-text chapters shown before the goals.
    #[serde(default)]
    pub sections: Vec<Section>,
    /// The goals, at least one, each with its indicators and measures.
    #[schemars(length(min = 1))]
    pub goals: Sp<Vec<Goal>>,
    /// How the plan is followed up, and follow-ups made.
    pub follow_up: Option<FollowUp>,
    /// The document's history, oldest first.
    #[serde(default)]
    pub revisions: Vec<Revision>,
}

/// The document's metadata.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanMeta {
    /// The title, e.g. "Handlingsplan mot våld".
    pub title: Text,
    pub subtitle: Option<Text>,
    /// e.g. "Umeå kommun".
    pub municipality: Text,
    /// Language of labels, dates and hyphenation in the outputs (default `sv`).
    pub language: Option<Keyword<Language>>,
    /// The kind of governing document (default `handlingsplan`).
    pub document_type: Option<Keyword<DocumentType>>,
    /// Drafts and proposals carry a visible mark.
    pub status: Keyword<PlanStatus>,
    /// e.g. "0.4", "1.0".
    pub version: Text,
    /// The period the plan is valid for.
    pub period: Period,
    /// The body id of the document owner (dokumentansvarig).
    pub owner: Id,
    /// Diarienummer, e.g. "KS-2018/00412".
    pub case_number: Option<Text>,
    /// Who decided, when, and the minute paragraph; required when adopted or revoked.
    pub decision: Option<Decision>,
    /// When the plan must be revised.
    pub revise_by: Option<Date>,
    /// Documents this one replaces.
    #[serde(default)]
    pub replaces: Vec<Text>,
    /// Related governing documents.
    #[serde(default)]
    pub related: Vec<Related>,
    /// Shown first, after the metadata block.
    pub summary: Option<Markdown>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub from: Date,
    pub to: Date,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// The deciding body's id, e.g. `kf`.
    pub body: Id,
    pub date: Date,
    /// The minute paragraph, e.g. "§ 123".
    pub paragraph: Text,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Related {
    pub title: Text,
    pub url: Option<Text>,
}

/// A body that owns, decides on or carries out the plan.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Body {
    pub name: Text,
    /// A short name, e.g. "IFN".
    pub short: Option<Text>,
    pub kind: Keyword<BodyKind>,
}

/// A free-text chapter.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: Id,
    pub title: Text,
    pub body: Markdown,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    pub id: Id,
    pub title: Text,
    pub description: Option<Markdown>,
    /// e.g. "Agenda 2030, delmål 5.2".
    #[serde(default)]
    pub references: Vec<Text>,
    #[serde(default)]
    pub indicators: Vec<Indicator>,
    /// The goal's measures; may be empty, which warns.
    pub measures: Vec<Measure>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub id: Id,
    pub name: Text,
    pub unit: Option<Text>,
    pub baseline: Option<Sp<Measurement>>,
    pub target: Option<Sp<Measurement>>,
    pub source: Option<Text>,
}

/// A value of an indicator in a given year.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Measurement {
    pub value: Sp<f64>,
    pub year: Sp<i32>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    /// e.g. `1.3` or `M1.3`.
    pub id: Id,
    pub title: Text,
    pub description: Option<Markdown>,
    /// The id of the one responsible body.
    pub responsible: Id,
    /// Ids of partner bodies.
    #[serde(default)]
    pub partners: Vec<Id>,
    pub start: Option<Time>,
    pub deadline: Time,
    /// Default `planned`.
    pub status: Option<Keyword<MeasureStatus>>,
    /// A cost or funding note, e.g. "Inom befintlig ram".
    pub cost: Option<Text>,
    /// Ids of indicators (of any goal) this measure moves.
    #[serde(default)]
    pub indicators: Vec<Id>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FollowUp {
    pub frequency: Keyword<Frequency>,
    /// The id of the body that reports.
    pub reporter: Id,
    /// The id of the body reported to.
    pub recipient: Id,
    pub description: Option<Markdown>,
    /// Follow-ups made, oldest first.
    #[serde(default)]
    pub reports: Vec<Report>,
}

/// A recorded follow-up.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Report {
    pub date: Date,
    /// Status per measure id.
    #[serde(default)]
    pub measures: BTreeMap<Id, MeasureReport>,
    /// The value measured per indicator id.
    #[serde(default)]
    pub indicators: BTreeMap<Id, Sp<f64>>,
    /// The report's own summary, shown in the follow-up report (`actionplan report`).
    pub summary: Option<Markdown>,
    /// How each goal is judged to be going, per goal id.
    #[serde(default)]
    pub goals: BTreeMap<Id, GoalReport>,
}

/// How a goal is judged to be going at a follow-up.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GoalReport {
    pub assessment: Keyword<Assessment>,
    pub comment: Option<Text>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MeasureReport {
    pub status: Keyword<MeasureStatus>,
    pub comment: Option<Text>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Revision {
    pub version: Text,
    pub date: Date,
    pub note: Text,
}
