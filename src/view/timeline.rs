//! The timeline: the measures over the plan period, and the geometry both
//! outputs draw them with.
//!
//! Positions are fractions of the period's width (0.0–1.0), which the PDF
//! scales to its column; the HTML chart also gets its SVG coordinates here
//! (row heights, the percentages of `x` and `width`), so the template only
//! writes them out. Unit-tested in `view/tests.rs`.

use super::order::sorted_measures;
use super::types::{Anchor, Chart, RowChart, Tick, Timeline, TimelineRow};
use super::values::{status, when};
use crate::i18n::Lang;
use crate::model::Plan;
use crate::time::Time;
use chrono::{Datelike, NaiveDate};

/// The narrowest bar drawn, as a fraction of the width: a measure of a day stays visible.
pub const MIN_BAR_WIDTH: f64 = 0.004;
/// The HTML chart: where the first row starts, below the year labels (SVG units).
const CHART_TOP: u32 = 26;
/// The HTML chart: the height of a row (SVG units).
const ROW_HEIGHT: u32 = 26;
/// A year label this far right is set to the left of its tick, to stay inside the chart.
const LABEL_FLIP_AT: f64 = 0.93;

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
    let rows: Vec<TimelineRow> = sorted_measures(plan)
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
                status: status(lang, m.status),
                from,
                to,
                width,
                milestone,
                when: when(lang, m.start, m.deadline),
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
