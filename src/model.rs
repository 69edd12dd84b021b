//! The validated plan: typed, with every reference resolved.
//!
//! Only `validate` builds a [`Plan`]. Ids are newtypes; a reference to a body
//! or an indicator is a [`BodyRef`] or [`IndicatorRef`] that can only be made
//! by validation, so later stages cannot meet a dangling id.
//!
//! Items keep the spans of the values that checks on the typed plan (the
//! warnings) point at, so nothing needs to go back to the raw file.
//!
//! [`status`] holds the one rule of a measure's status at a day, which both
//! validation and the follow-up report ask.

pub mod status;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;

use crate::source::Span;
pub use crate::time::Period;
use crate::time::Time;

macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(transparent)]
        pub struct $name(pub(crate) String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    )*};
}

id_type! {
    /// The id of a body, e.g. `ifn`.
    BodyId;
    /// The id of a section, e.g. `bakgrund`.
    SectionId;
    /// The id of a goal, e.g. `M1`.
    GoalId;
    /// The id of an indicator, e.g. `I1.1`.
    IndicatorId;
    /// The id of a measure, e.g. `1.3`.
    MeasureId;
}

/// A keyword of the plan format: its spelling in YAML and its meaning.
pub trait Keyword: Copy + 'static {
    /// Every value with its spelling, in documentation order.
    const ALL: &'static [(&'static str, Self)];

    fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().find(|(k, _)| *k == s).map(|(_, v)| *v)
    }

    fn as_str(self) -> &'static str
    where
        Self: PartialEq,
    {
        Self::ALL
            .iter()
            .find(|(_, v)| *v == self)
            .map_or("", |(k, _)| k)
    }
}

macro_rules! keyword {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $text:literal,)* }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
        pub enum $name {
            $($(#[$vdoc])* #[serde(rename = $text)] $variant,)*
        }

        impl Keyword for $name {
            const ALL: &'static [(&'static str, Self)] = &[$(($text, $name::$variant),)*];
        }
    };
}

keyword!(
    /// Language of labels, dates and hyphenation in the outputs.
    Language { Swedish = "sv", English = "en", }
);
keyword!(
    /// The kind of governing document.
    DocumentType {
        Program = "program",
        Policy = "policy",
        Strategy = "strategi",
        ActionPlan = "handlingsplan",
        Guideline = "riktlinje",
    }
);
keyword!(
    /// Where the document stands; drafts and proposals carry a visible mark.
    PlanStatus { Draft = "draft", Proposal = "proposal", Adopted = "adopted", Revoked = "revoked", }
);
keyword!(
    /// The kind of a body.
    BodyKind {
        Council = "council",
        Board = "board",
        Committee = "committee",
        Administration = "administration",
        External = "external",
    }
);
keyword!(
    /// Where a measure stands.
    MeasureStatus {
        Planned = "planned",
        Ongoing = "ongoing",
        Done = "done",
        Delayed = "delayed",
        Cancelled = "cancelled",
    }
);
keyword!(
    /// How a follow-up judges a goal to be going.
    Assessment { OnTrack = "on_track", AtRisk = "at_risk", OffTrack = "off_track", }
);
keyword!(
    /// How often the plan is followed up.
    Frequency { Yearly = "yearly", HalfYearly = "half-yearly", Quarterly = "quarterly", }
);

impl MeasureStatus {
    /// Whether work is still expected, so a passed deadline makes it overdue.
    pub fn is_open(self) -> bool {
        matches!(self, Self::Planned | Self::Ongoing | Self::Delayed)
    }
}

/// A reference to a body of the plan, made only by validation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BodyRef(pub(crate) usize);

/// A reference to an indicator: the goal it belongs to and its place there.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IndicatorRef {
    pub(crate) goal: usize,
    pub(crate) index: usize,
}

/// A reference to a goal: its place in the plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GoalRef(pub(crate) usize);

/// A reference to a measure: the goal it belongs to and its place there.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MeasureRef {
    pub(crate) goal: usize,
    pub(crate) index: usize,
}

#[derive(Clone, Debug)]
pub struct Plan {
    pub meta: Meta,
    /// In file order.
    pub bodies: Vec<Body>,
    pub sections: Vec<Section>,
    pub goals: Vec<Goal>,
    pub follow_up: Option<FollowUp>,
    pub revisions: Vec<Revision>,
}

impl Plan {
    pub fn body(&self, r: BodyRef) -> &Body {
        &self.bodies[r.0]
    }

    pub fn indicator(&self, r: IndicatorRef) -> &Indicator {
        &self.goals[r.goal].indicators[r.index]
    }

    pub fn measure(&self, r: MeasureRef) -> &Measure {
        &self.goals[r.goal].measures[r.index]
    }

    pub fn goal(&self, r: GoalRef) -> &Goal {
        &self.goals[r.0]
    }

    /// Every measure with its goal, in plan order.
    pub fn measures(&self) -> impl Iterator<Item = (&Goal, &Measure)> {
        self.goals
            .iter()
            .flat_map(|g| g.measures.iter().map(move |m| (g, m)))
    }
}

#[derive(Clone, Debug)]
pub struct Meta {
    pub title: String,
    pub subtitle: Option<String>,
    pub municipality: String,
    pub language: Language,
    pub document_type: DocumentType,
    pub status: PlanStatus,
    pub version: String,
    pub period: Period,
    pub owner: BodyRef,
    pub case_number: Option<String>,
    pub decision: Option<Decision>,
    pub revise_by: Option<NaiveDate>,
    pub replaces: Vec<String>,
    pub related: Vec<Related>,
    pub summary: Option<String>,
    pub spans: MetaSpans,
}

impl Meta {
    /// Whether the plan should have been revised by `today`: its revise-by
    /// date has passed, and it is not revoked (W206, and the mark in the
    /// site's index).
    pub fn revision_overdue(&self, today: NaiveDate) -> bool {
        self.revise_by.is_some_and(|r| r < today) && self.status != PlanStatus::Revoked
    }
}

/// Where the metadata's values stand in the plan file.
#[derive(Clone, Copy, Debug)]
pub struct MetaSpans {
    pub status: Span,
    pub revise_by: Option<Span>,
}

#[derive(Clone, Debug)]
pub struct Decision {
    pub body: BodyRef,
    pub date: NaiveDate,
    pub paragraph: String,
}

#[derive(Clone, Debug)]
pub struct Related {
    pub title: String,
    pub url: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Body {
    pub id: BodyId,
    pub name: String,
    pub short: Option<String>,
    pub kind: BodyKind,
    /// The body's id in the plan file.
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Section {
    pub id: SectionId,
    pub title: String,
    pub body: String,
}

#[derive(Clone, Debug)]
pub struct Goal {
    pub id: GoalId,
    pub title: String,
    pub description: Option<String>,
    pub references: Vec<String>,
    pub indicators: Vec<Indicator>,
    pub measures: Vec<Measure>,
    /// The goal's id in the plan file.
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Indicator {
    pub id: IndicatorId,
    pub name: String,
    pub unit: Option<String>,
    pub baseline: Option<Measurement>,
    pub target: Option<Measurement>,
    pub source: Option<String>,
    /// The indicator's id in the plan file.
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Measurement {
    pub value: f64,
    pub year: i32,
}

#[derive(Clone, Debug)]
pub struct Measure {
    pub id: MeasureId,
    pub title: String,
    pub description: Option<String>,
    pub responsible: BodyRef,
    pub partners: Vec<BodyRef>,
    pub start: Option<Time>,
    pub deadline: Time,
    pub status: MeasureStatus,
    pub cost: Option<String>,
    pub indicators: Vec<IndicatorRef>,
    pub spans: MeasureSpans,
}

/// Where a measure's values stand in the plan file.
#[derive(Clone, Copy, Debug)]
pub struct MeasureSpans {
    pub id: Span,
    pub start: Option<Span>,
    pub deadline: Span,
    pub status: Option<Span>,
}

#[derive(Clone, Debug)]
pub struct FollowUp {
    pub frequency: Frequency,
    pub reporter: BodyRef,
    pub recipient: BodyRef,
    pub description: Option<String>,
    pub reports: Vec<Report>,
}

#[derive(Clone, Debug)]
pub struct Report {
    pub date: NaiveDate,
    pub measures: Vec<(MeasureRef, MeasureStatus, Option<String>)>,
    pub indicators: Vec<(IndicatorRef, f64)>,
    /// Markdown.
    pub summary: Option<String>,
    /// Per goal named, in file order.
    pub goals: Vec<GoalAssessment>,
    pub spans: ReportSpans,
}

impl Report {
    /// What this report says about measure `m`: its status and comment.
    pub fn measure(&self, m: MeasureRef) -> Option<(MeasureStatus, Option<&str>)> {
        self.measures
            .iter()
            .find(|(r, _, _)| *r == m)
            .map(|(_, s, c)| (*s, c.as_deref()))
    }

    /// The value this report gives indicator `i`.
    pub fn indicator(&self, i: IndicatorRef) -> Option<f64> {
        self.indicators
            .iter()
            .find(|(r, _)| *r == i)
            .map(|&(_, v)| v)
    }
}

/// Where a report's values stand in the plan file.
#[derive(Clone, Debug)]
pub struct ReportSpans {
    pub date: Span,
    /// The status of each measure reported, in the order of `Report::measures`.
    pub statuses: Vec<Span>,
}

/// A follow-up's judgement of one goal.
#[derive(Clone, Debug)]
pub struct GoalAssessment {
    pub goal: GoalRef,
    pub assessment: Assessment,
    pub comment: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Revision {
    pub version: String,
    pub date: NaiveDate,
    pub note: String,
}
