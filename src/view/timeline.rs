//! The timeline: the measures over the plan period, and the geometry both
//! outputs draw them with.
//!
//! Positions are fractions of the period's width (0.0–1.0), which the PDF
//! scales to its column; the HTML chart also gets its SVG coordinates here
//! (row heights, the percentages of `x` and `width`), so the template only
//! writes them out. Unit-tested in `view/tests.rs`.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::i18n::Lang;
use super::types::{Anchor, StatusView};
use crate::model::Plan;
use crate::time::Time;

/// The narrowest bar drawn, as a fraction of the width: a measure of a day stays visible.
pub const MIN_BAR_WIDTH: f64 = 0.004;
/// The HTML chart: where the first row starts, below the year labels (SVG units).
const CHART_TOP: u32 = 26;
/// The HTML chart: the height of a row (SVG units).
const ROW_HEIGHT: u32 = 26;
/// A year label this far right is set to the left of its tick, to stay inside the chart.
const LABEL_FLIP_AT: f64 = 0.93;

/// The measures drawn over the plan period, as fractions of its width.
#[derive(Clone, Debug, Serialize)]
pub struct Timeline {
    /// One tick at the start of each year inside the period (and at the period start).
    pub ticks: Vec<Tick>,
    pub rows: Vec<TimelineRow>,
    /// The HTML chart's frame.
    pub chart: Chart,
}

/// The HTML chart's frame, in SVG units.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Chart {
    pub height: u32,
    pub row_height: u32,
    /// The axis line under the year labels.
    pub axis_y: u32,
    /// Where the year lines start.
    pub tick_top: u32,
    /// The baseline of the year labels.
    pub tick_label_y: u32,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Tick {
    pub label: String,
    /// 0.0 at the period's first day, 1.0 after its last.
    pub at: f64,
    /// `at` as an SVG percentage: `33.3%`.
    pub x: String,
    /// Whether the label stands left of its tick (near the right edge).
    pub label_end: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct TimelineRow {
    pub id: String,
    #[serde(flatten)]
    pub at: Anchor,
    pub title: String,
    pub goal_id: String,
    pub status: StatusView,
    /// Where the bar starts and ends, clamped to 0.0–1.0.
    pub from: f64,
    pub to: f64,
    /// The bar's width, at least [`MIN_BAR_WIDTH`].
    pub width: f64,
    /// No start given: drawn as a point at the deadline.
    pub milestone: bool,
    /// "december 2018" or "juli 2018 – december 2018".
    pub when: String,
    /// Where the HTML chart draws the row.
    pub chart: RowChart,
}

/// A row of the HTML chart, in SVG units and percentages of its width.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct RowChart {
    /// The row's top.
    pub y: u32,
    /// Every other row has a shaded background.
    pub zebra: bool,
    /// A line above the first row of each goal but the first.
    pub divider_y: Option<u32>,
    /// The baseline of the id and the status.
    pub text_y: u32,
    pub bar_y: u32,
    /// The centre of a milestone's mark.
    pub mark_y: u32,
    /// The bar's start, or the milestone's point: `33.3%`.
    pub x: String,
    /// The bar's width: `16.66%`.
    pub width: String,
}

pub fn timeline(plan: &Plan, lang: &'static Lang) -> Timeline {
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
        let at = at(first);
        ticks.push(Tick {
            label: year.to_string(),
            at,
            x: percent(at),
            label_end: at > LABEL_FLIP_AT,
        });
    }
    let mut previous_goal = None;
    let rows: Vec<TimelineRow> = super::sorted_measures(plan)
        .enumerate()
        .map(|(i, (goal, m))| {
            let end = m.deadline.last_day(period);
            let (from, milestone) = match (m.start, m.deadline) {
                (Some(start), _) => (at(start.first_day(period)), false),
                // `ongoing` is the whole period, a span even without a start.
                (None, Time::Ongoing) => (0.0, false),
                (None, _) => (at(end), true),
            };
            // A deadline covers its whole last day.
            let to = at(end.succ_opt().unwrap_or(end));
            let from = if milestone { to } else { from.min(to) };
            let width = bar_width(from, to);
            let y = CHART_TOP + i as u32 * ROW_HEIGHT;
            let new_goal = previous_goal.is_some_and(|g| g != goal.id.as_str());
            previous_goal = Some(goal.id.as_str());
            TimelineRow {
                id: m.id.to_string(),
                at: Anchor::measure(m.id.as_str()),
                title: m.title.clone(),
                goal_id: goal.id.to_string(),
                status: super::build::status(lang, m.status),
                from,
                to,
                width,
                milestone,
                when: super::build::when(lang, m.start, m.deadline),
                chart: RowChart {
                    y,
                    zebra: i % 2 == 1,
                    divider_y: new_goal.then(|| y - 1),
                    text_y: y + 12,
                    bar_y: y + 15,
                    mark_y: y + 19,
                    x: percent(if milestone { to } else { from }),
                    width: percent(width),
                },
            }
        })
        .collect();
    let chart = Chart {
        height: CHART_TOP + rows.len() as u32 * ROW_HEIGHT + 4,
        row_height: ROW_HEIGHT,
        axis_y: CHART_TOP - 5,
        tick_top: CHART_TOP - 9,
        tick_label_y: 13,
    };
    Timeline { ticks, rows, chart }
}

/// The width of a bar from `from` to `to`, never below [`MIN_BAR_WIDTH`].
pub fn bar_width(from: f64, to: f64) -> f64 {
    (to - from).max(MIN_BAR_WIDTH)
}

/// A fraction as an SVG percentage with at most two decimals: `0.33333` → `33.33%`,
/// `0.0` → `0.0%` (the form the page has always had: a float keeps its `.0`).
pub fn percent(fraction: f64) -> String {
    let rounded: f64 = format!("{:.2}", fraction * 100.0)
        .parse()
        .expect("a formatted float parses");
    let mut text = rounded.to_string();
    if !text.contains('.') {
        text.push_str(".0");
    }
    text.push('%');
    text
}
