//! The open-data JSON export: a plan as data for the public, journalists and
//! other systems. Not the view: a versioned shape of its own, with ISO dates,
//! keywords and ids only (no texts of our making), documented in
//! `docs/export.md`. Its JSON Schema is generated from these types
//! ([`json_schema`], `actionplan schema --export`).

use schemars::JsonSchema;
use serde::Serialize;

use super::text::plain;
use crate::model;
use crate::render::{Context, Output, Rendered};
use crate::view::{BodyView, MeasuredView, TimeView, View};

/// The version of this shape; raised when a field is renamed or removed
/// (an added field keeps it).
pub const FORMAT_VERSION: u32 = 1;

pub struct JsonExport;

impl Output for JsonExport {
    fn name(&self) -> &'static str {
        "json"
    }
    fn extension(&self) -> &'static str {
        "json"
    }
    fn render(&self, view: &View, _context: &Context<'_>) -> Rendered {
        let mut bytes = serde_json::to_vec_pretty(&OpenData::from(view))
            .expect("the export serialises: strings, numbers and lists only");
        bytes.push(b'\n');
        Rendered {
            bytes: Some(bytes),
            ..Rendered::default()
        }
    }
}

/// What every day in the export looks like: `YYYY-MM-DD` with a month
/// and a day of the month that can exist. The schema gives it beside
/// `format: date`, since a validator checks a format only when asked to,
/// and a pattern always; `format` then also refuses `2019-02-30`.
pub const DATE_PATTERN: &str = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$";

/// The export's JSON Schema (2020-12), pretty-printed, ending in a newline.
/// Every field is required, `null` where it has no value: the export never
/// leaves one out, and a reader may count on that.
pub fn json_schema() -> String {
    let mut schema =
        serde_json::to_value(schemars::schema_for!(OpenData)).expect("a schema serialises to JSON");
    require_every_property(&mut schema);
    let mut out = serde_json::to_string_pretty(&schema).expect("a schema serialises to JSON");
    out.push('\n');
    out
}

fn require_every_property(schema: &mut serde_json::Value) {
    if let Some(object) = schema.as_object_mut() {
        if let Some(serde_json::Value::Object(properties)) = object.get("properties") {
            let all = properties
                .keys()
                .cloned()
                .map(serde_json::Value::String)
                .collect();
            object.insert("required".into(), serde_json::Value::Array(all));
        }
        object.values_mut().for_each(require_every_property);
    }
}

/// A municipal action plan as open data (actionplan export, format 1).
#[derive(Serialize, JsonSchema)]
#[schemars(title = "actionplan open-data export")]
pub struct OpenData {
    /// Always `actionplan-export`.
    #[schemars(extend("const" = "actionplan-export"))]
    pub format: &'static str,
    /// The version of this shape: 1.
    #[schemars(extend("const" = 1))]
    pub format_version: u32,
    pub plan: PlanData,
    /// Every body of the plan (councils, boards, committees, administrations, external partners), in the plan's order.
    pub bodies: Vec<BodyData>,
    /// In the plan's order.
    pub goals: Vec<GoalData>,
    /// Every indicator, goal by goal.
    pub indicators: Vec<IndicatorData>,
    /// Every measure, goal by goal, each goal's sorted by id (`1.2` before `1.10`).
    pub measures: Vec<MeasureData>,
    /// The plan's versions, in the plan's order.
    pub revisions: Vec<RevisionData>,
}

/// The governing document's metadata.
#[derive(Serialize, JsonSchema)]
pub struct PlanData {
    pub title: String,
    pub subtitle: Option<String>,
    pub municipality: String,
    /// The language of the plan's texts: `sv` or `en`.
    #[schemars(with = "model::Language")]
    pub language: &'static str,
    /// `program`, `policy`, `strategi`, `handlingsplan` or `riktlinje`.
    #[schemars(with = "model::DocumentType")]
    pub document_type: &'static str,
    /// `draft`, `proposal`, `adopted` or `revoked`.
    #[schemars(with = "model::PlanStatus")]
    pub status: &'static str,
    pub version: String,
    /// The case number (diarienummer), e.g. `KS-2018/00412`.
    pub case_number: Option<String>,
    /// The id of the body that owns the document (see `bodies`).
    pub owner: String,
    /// The days the plan is in force, both included.
    pub period: PeriodData,
    pub decision: Option<DecisionData>,
    /// The day by which the plan must be revised (ISO 8601).
    #[schemars(extend("format" = "date", "pattern" = DATE_PATTERN))]
    pub revise_by: Option<String>,
    /// Titles of the documents this one replaces.
    pub replaces: Vec<String>,
    pub related: Vec<RelatedData>,
    /// The summary as plain text.
    pub summary: Option<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct PeriodData {
    /// ISO 8601 day.
    #[schemars(extend("format" = "date", "pattern" = DATE_PATTERN))]
    pub from: String,
    /// ISO 8601 day.
    #[schemars(extend("format" = "date", "pattern" = DATE_PATTERN))]
    pub to: String,
}

/// Who adopted the plan, when, and under which paragraph of the minutes.
#[derive(Serialize, JsonSchema)]
pub struct DecisionData {
    /// A body id.
    pub body: String,
    /// ISO 8601 day.
    #[schemars(extend("format" = "date", "pattern" = DATE_PATTERN))]
    pub date: String,
    /// e.g. `§ 123`.
    pub paragraph: String,
}

#[derive(Serialize, JsonSchema)]
pub struct RelatedData {
    pub title: String,
    /// Only http, https, mailto or relative links are kept.
    pub url: Option<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct BodyData {
    pub id: String,
    pub name: String,
    /// A short name, e.g. `IFN`.
    pub short: Option<String>,
    /// `council`, `board`, `committee`, `administration` or `external`.
    #[schemars(with = "model::BodyKind")]
    pub kind: &'static str,
}

#[derive(Serialize, JsonSchema)]
pub struct GoalData {
    pub id: String,
    pub title: String,
    /// Plain text.
    pub description: Option<String>,
    /// Goals elsewhere this one serves, e.g. `Agenda 2030, target 5.2`.
    pub references: Vec<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct IndicatorData {
    pub id: String,
    /// The id of its goal.
    pub goal: String,
    pub name: String,
    pub unit: Option<String>,
    pub baseline: Option<ValueData>,
    pub target: Option<ValueData>,
    pub source: Option<String>,
    /// The value of the latest follow-up that measured it.
    pub latest: Option<ValueData>,
}

/// A number and when it was, or is to be, measured.
#[derive(Serialize, JsonSchema)]
pub struct ValueData {
    pub value: f64,
    /// ISO 8601: a year (`2018`) or a day (`2018-08-31`).
    pub time: String,
}

#[derive(Serialize, JsonSchema)]
pub struct MeasureData {
    pub id: String,
    /// The id of its goal.
    pub goal: String,
    pub title: String,
    /// Plain text.
    pub description: Option<String>,
    pub responsible: BodyRefData,
    pub partners: Vec<BodyRefData>,
    pub start: Option<TimeData>,
    pub deadline: TimeData,
    /// `planned`, `ongoing`, `done`, `delayed` or `cancelled`.
    #[schemars(with = "model::MeasureStatus")]
    pub status: &'static str,
    pub cost: Option<String>,
    /// Ids of the indicators it moves.
    pub indicators: Vec<String>,
}

/// A body a measure names: its id (see `bodies`) and its name.
#[derive(Serialize, JsonSchema)]
pub struct BodyRefData {
    pub id: String,
    pub name: String,
}

/// A start or deadline: as the plan gives it, and as one day.
#[derive(Serialize, JsonSchema)]
pub struct TimeData {
    /// As written in the plan: a day (`2020-06-15`), a month (`2020-06`), a year (`2020`) or `ongoing` (the whole plan period).
    pub given: String,
    /// The day it stands for (ISO 8601): a deadline's last day (`2020-06` → `2020-06-30`), a start's first; null for `ongoing`.
    #[schemars(extend("format" = "date", "pattern" = DATE_PATTERN))]
    pub date: Option<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct RevisionData {
    pub version: String,
    /// ISO 8601 day.
    #[schemars(extend("format" = "date", "pattern" = DATE_PATTERN))]
    pub date: String,
    pub note: String,
}

impl From<&View> for OpenData {
    fn from(view: &View) -> Self {
        let m = &view.meta;
        OpenData {
            format: "actionplan-export",
            format_version: FORMAT_VERSION,
            plan: PlanData {
                title: m.title.clone(),
                subtitle: m.subtitle.clone(),
                municipality: m.municipality.clone(),
                language: view.lang,
                document_type: m.document_type.key,
                status: m.status.key,
                version: m.version.clone(),
                case_number: m.case_number.clone(),
                owner: m.owner.id.clone(),
                period: PeriodData {
                    from: m.period.from.iso.clone(),
                    to: m.period.to.iso.clone(),
                },
                decision: m.decision.as_ref().map(|d| DecisionData {
                    body: d.body.id.clone(),
                    date: d.date.iso.clone(),
                    paragraph: d.paragraph.clone(),
                }),
                revise_by: m.revise_by.as_ref().map(|d| d.iso.clone()),
                replaces: m.replaces.clone(),
                related: m
                    .related
                    .iter()
                    .map(|r| RelatedData {
                        title: r.title.clone(),
                        url: r.url.clone(),
                    })
                    .collect(),
                summary: plain(&view.summary),
            },
            bodies: view
                .bodies
                .iter()
                .map(|b| BodyData {
                    id: b.id.clone(),
                    name: b.name.clone(),
                    short: b.short.clone(),
                    kind: b.kind.key,
                })
                .collect(),
            goals: view
                .goals
                .iter()
                .map(|g| GoalData {
                    id: g.id.clone(),
                    title: g.title.clone(),
                    description: plain(&g.description),
                    references: g.references.clone(),
                })
                .collect(),
            indicators: view
                .goals
                .iter()
                .flat_map(|g| g.indicators.iter().map(move |i| (g, i)))
                .map(|(g, i)| IndicatorData {
                    id: i.id.clone(),
                    goal: g.id.clone(),
                    name: i.name.clone(),
                    unit: i.unit.clone(),
                    baseline: i.baseline.as_ref().map(value),
                    target: i.target.as_ref().map(value),
                    source: i.source.clone(),
                    latest: i.latest.as_ref().map(value),
                })
                .collect(),
            measures: view
                .goals
                .iter()
                .flat_map(|g| &g.measures)
                .map(|x| MeasureData {
                    id: x.id.clone(),
                    goal: x.goal_id.clone(),
                    title: x.title.clone(),
                    description: plain(&x.description),
                    responsible: body_ref(&x.responsible),
                    partners: x.partners.iter().map(body_ref).collect(),
                    start: x.start.as_ref().map(time),
                    deadline: time(&x.deadline),
                    status: x.status.key,
                    cost: x.cost.clone(),
                    indicators: x.indicators.iter().map(|i| i.id.clone()).collect(),
                })
                .collect(),
            revisions: view
                .revisions
                .iter()
                .map(|r| RevisionData {
                    version: r.version.clone(),
                    date: r.date.iso.clone(),
                    note: r.note.clone(),
                })
                .collect(),
        }
    }
}

fn value(v: &MeasuredView) -> ValueData {
    ValueData {
        value: v.value,
        time: v.iso.clone(),
    }
}

fn body_ref(b: &BodyView) -> BodyRefData {
    BodyRefData {
        id: b.id.clone(),
        name: b.name.clone(),
    }
}

fn time(t: &TimeView) -> TimeData {
    TimeData {
        given: t.iso.clone().unwrap_or_else(|| "ongoing".to_string()),
        date: t.day.clone(),
    }
}
