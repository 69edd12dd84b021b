//! Derived views: the responsibility matrix and the timeline geometry.
//!
//! Pure functions of the plan, unit-tested here so the templates only draw.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::model::{Language, Plan};
use crate::time::Time;

use super::i18n;

/// Bodies × goals: how many measures each body is responsible for or a partner in.
#[derive(Clone, Debug, Serialize)]
pub struct Matrix {
    /// Goal ids, the columns.
    pub goals: Vec<MatrixGoal>,
    /// One row a body that takes part in any measure, in declaration order.
    pub rows: Vec<MatrixRow>,
}

#[derive(Clone, Debug, Serialize)]
pub struct MatrixGoal {
    pub id: String,
    pub anchor: String,
    pub title: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct MatrixRow {
    pub body_id: String,
    pub body: String,
    pub cells: Vec<MatrixCell>,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct MatrixCell {
    pub responsible: usize,
    pub partner: usize,
    /// e.g. "A 2 · S 1"; empty when the body has no part in the goal.
    pub text: String,
    /// The same as lines that never break inside: `["A 2", "S 1"]`.
    pub lines: Vec<String>,
    /// The same in words, for screen readers and the PDF's tags.
    pub words: String,
}

pub fn matrix(plan: &Plan, language: Language) -> Matrix {
    let w = &i18n::lang(language).matrix;
    let (r, p, rw, pw) = (
        &w.responsible_mark,
        &w.partner_mark,
        &w.responsible,
        &w.partner,
    );
    let mut rows = Vec::new();
    for (b, body) in plan.bodies.iter().enumerate() {
        let cells: Vec<MatrixCell> = plan
            .goals
            .iter()
            .map(|goal| {
                let responsible = goal
                    .measures
                    .iter()
                    .filter(|m| m.responsible.0 == b)
                    .count();
                let partner = goal
                    .measures
                    .iter()
                    .filter(|m| m.partners.iter().any(|x| x.0 == b))
                    .count();
                let mut lines = Vec::new();
                let mut words = Vec::new();
                if responsible > 0 {
                    lines.push(format!("{r}\u{a0}{responsible}"));
                    words.push(format!("{rw} {responsible}"));
                }
                if partner > 0 {
                    lines.push(format!("{p}\u{a0}{partner}"));
                    words.push(format!("{pw} {partner}"));
                }
                MatrixCell {
                    responsible,
                    partner,
                    text: lines.join(" · "),
                    lines,
                    words: words.join(", "),
                }
            })
            .collect();
        if cells.iter().any(|c| c.responsible + c.partner > 0) {
            rows.push(MatrixRow {
                body_id: body.id.to_string(),
                body: body.name.clone(),
                cells,
            });
        }
    }
    Matrix {
        goals: plan
            .goals
            .iter()
            .map(|g| MatrixGoal {
                id: g.id.to_string(),
                anchor: super::goal_anchor(g.id.as_str()),
                title: g.title.clone(),
            })
            .collect(),
        rows,
    }
}

/// The measures drawn over the plan period, as fractions of its width.
#[derive(Clone, Debug, Serialize)]
pub struct Timeline {
    /// One tick at the start of each year inside the period (and at the period start).
    pub ticks: Vec<Tick>,
    pub rows: Vec<TimelineRow>,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Tick {
    pub label: String,
    /// 0.0 at the period's first day, 1.0 after its last.
    pub at: f64,
}

#[derive(Clone, Debug, Serialize)]
pub struct TimelineRow {
    pub id: String,
    pub anchor: String,
    pub title: String,
    pub goal_id: String,
    pub status: &'static str,
    pub status_label: &'static str,
    /// Where the bar starts and ends, clamped to 0.0–1.0.
    pub from: f64,
    pub to: f64,
    /// No start given: drawn as a point at the deadline.
    pub milestone: bool,
    /// "december 2018" or "juli 2018 – december 2018".
    pub when: String,
}

pub fn timeline(plan: &Plan, language: Language) -> Timeline {
    let period = plan.meta.period;
    let days = (period.to - period.from).num_days() as f64 + 1.0;
    let at = |d: NaiveDate| -> f64 {
        let x = (d - period.from).num_days() as f64 / days;
        (x.clamp(0.0, 1.0) * 10_000.0).round() / 10_000.0
    };
    let mut ticks = Vec::new();
    for year in period.from.year()..=period.to.year() {
        let first = NaiveDate::from_ymd_opt(year, 1, 1)
            .unwrap_or(period.from)
            .max(period.from);
        ticks.push(Tick {
            label: year.to_string(),
            at: at(first),
        });
    }
    let rows = super::sorted_measures(plan)
        .map(|(goal, m)| {
            let end = m.deadline.last_day(period);
            let (from, milestone) = match (m.start, m.deadline) {
                (Some(start), _) => (at(start.first_day(period)), false),
                // `ongoing` is the whole period, a span even without a start.
                (None, Time::Ongoing) => (0.0, false),
                (None, _) => (at(end), true),
            };
            // A deadline covers its whole last day.
            let to = at(end.succ_opt().unwrap_or(end));
            TimelineRow {
                id: m.id.to_string(),
                anchor: super::measure_anchor(m.id.as_str()),
                title: m.title.clone(),
                goal_id: goal.id.to_string(),
                status: crate::model::Keyword::as_str(m.status),
                status_label: i18n::lang(language).measure_status(m.status),
                from: if milestone { to } else { from.min(to) },
                to,
                milestone,
                when: super::when(language, m.start, m.deadline),
            }
        })
        .collect();
    Timeline { ticks, rows }
}
