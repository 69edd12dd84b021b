//! Chart geometry, computed once for both outputs: the PDF draws it with
//! Typst's own shapes, the HTML as inline SVG, from the same numbers.
//!
//! A line chart lives in a box of [`WIDTH`] × [`HEIGHT`] units with the
//! origin top left (SVG's `viewBox`; the PDF scales units to its column).
//! Time runs left to right in fractional years: a day is placed at its
//! place in its year, a year (a baseline's or a target's) at its middle.
//! The value axis starts at zero unless a value is negative, and has
//! round ticks (1, 2 or 5 times a power of ten).

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// The chart box, in units.
pub const WIDTH: f64 = 600.0;
pub const HEIGHT: f64 = 300.0;
/// The plot area inside it: room for the value labels on the left and
/// the years below.
const LEFT: f64 = 64.0;
const RIGHT: f64 = 584.0;
const TOP: f64 = 30.0;
const BOTTOM: f64 = 256.0;

/// One value to draw.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Value {
    /// In fractional years, see [`year_of_day`] and [`middle_of_year`].
    pub when: f64,
    pub value: f64,
}

/// Where a day falls in fractional years: 2019-07-02 → ~2019.5.
pub fn year_of_day(day: NaiveDate) -> f64 {
    let days = if NaiveDate::from_ymd_opt(day.year(), 2, 29).is_some() {
        366.0
    } else {
        365.0
    };
    day.year() as f64 + (day.ordinal0() as f64 + 0.5) / days
}

/// A year as a point in time: its middle.
pub fn middle_of_year(year: i32) -> f64 {
    year as f64 + 0.5
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct LineChart {
    pub width: f64,
    pub height: f64,
    pub plot: Plot,
    /// The year boundaries (vertical grid lines).
    pub x_lines: Vec<f64>,
    /// The years' labels, at the middle of each year.
    pub x_labels: Vec<AxisLabel>,
    /// The value ticks (horizontal grid lines and their labels).
    pub y_ticks: Vec<AxisLabel>,
    /// The measured values, joined by the line, oldest first.
    pub points: Vec<ChartPoint>,
    /// `x,y x,y …` for SVG's `points`.
    pub polyline: String,
    pub target: Option<TargetMark>,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Plot {
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct AxisLabel {
    /// x for a year, y for a value.
    pub at: f64,
    pub label: String,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ChartPoint {
    pub x: f64,
    pub y: f64,
    /// The value as written in the chart.
    pub label: String,
    /// Where its label's baseline goes: above the point, or below it when
    /// the line comes from above.
    pub label_y: f64,
    /// `baseline` or `reported`: the baseline is drawn hollow.
    pub kind: &'static str,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct TargetMark {
    pub x: f64,
    pub y: f64,
    /// "Mål 20".
    pub label: String,
    pub label_y: f64,
}

/// A line chart of `values` (baseline first, if any) against `target`.
/// `format` writes a value as the language does. `None` without values.
pub fn line_chart(
    values: &[(Value, &'static str)],
    target: Option<Value>,
    target_word: &str,
    format: impl Fn(f64) -> String,
) -> Option<LineChart> {
    if values.is_empty() {
        return None;
    }
    let all = || values.iter().map(|(v, _)| *v).chain(target);
    let first_year = all().map(|v| v.when.floor()).fold(f64::INFINITY, f64::min);
    let last_year = all()
        .map(|v| v.when.floor())
        .fold(f64::NEG_INFINITY, f64::max)
        + 1.0;
    let low = all().map(|v| v.value).fold(0.0, f64::min);
    let high = all().map(|v| v.value).fold(f64::NEG_INFINITY, f64::max);
    let (low, high, step) = value_axis(low, high);
    let x = |when: f64| LEFT + (when - first_year) / (last_year - first_year) * (RIGHT - LEFT);
    let y = |value: f64| BOTTOM - (value - low) / (high - low) * (BOTTOM - TOP);

    let years = (last_year - first_year) as i32;
    let every = match years {
        0..=10 => 1,
        11..=20 => 2,
        _ => 5,
    };
    let x_lines = (0..=years)
        .map(|i| round(x(first_year + i as f64)))
        .collect();
    let x_labels = (0..years)
        .filter(|i| i % every == 0)
        .map(|i| AxisLabel {
            at: round(x(first_year + i as f64 + 0.5)),
            label: (first_year as i32 + i).to_string(),
        })
        .collect();
    let ticks = ((high - low) / step).round() as i32;
    let y_ticks = (0..=ticks)
        .map(|i| {
            let value = low + i as f64 * step;
            AxisLabel {
                at: round(y(value)),
                label: format(value),
            }
        })
        .collect();

    let target_y = target.map(|t| round(y(t.value)));
    let mut sorted: Vec<&(Value, &str)> = values.iter().collect();
    sorted.sort_by(|a, b| a.0.when.total_cmp(&b.0.when));
    let points: Vec<ChartPoint> = sorted
        .iter()
        .enumerate()
        .map(|(i, (v, kind))| {
            let (px, py) = (round(x(v.when)), round(y(v.value)));
            // Below the point when the line reaches it from above (and
            // there is room), so the label does not sit on the line.
            // Below, too, when a label above would sit on the target line.
            let from_above = i > 0 && sorted[i - 1].0.value > v.value;
            let on_target = target_y.is_some_and(|ty| py - ty > -6.0 && py - ty < 28.0);
            let below = (from_above || on_target) && py + 26.0 < BOTTOM;
            ChartPoint {
                x: px,
                y: py,
                label: format(v.value),
                label_y: if below { py + 24.0 } else { py - 11.0 },
                kind,
            }
        })
        .collect();
    let polyline = points
        .iter()
        .map(|p| format!("{},{}", p.x, p.y))
        .collect::<Vec<_>>()
        .join(" ");
    let target = target.map(|t| {
        let ty = round(y(t.value));
        // Above the mark, unless that would leave the chart.
        let label_y = if ty - 14.0 > 12.0 {
            ty - 12.0
        } else {
            ty + 24.0
        };
        TargetMark {
            x: round(x(t.when)),
            y: ty,
            label: format!("{target_word} {}", format(t.value)),
            label_y,
        }
    });
    Some(LineChart {
        width: WIDTH,
        height: HEIGHT,
        plot: Plot {
            left: LEFT,
            right: RIGHT,
            top: TOP,
            bottom: BOTTOM,
        },
        x_lines,
        x_labels,
        y_ticks,
        points,
        polyline,
        target,
    })
}

/// The value axis: from `low` to `high` rounded out to whole steps of a
/// round size, about five of them.
fn value_axis(low: f64, high: f64) -> (f64, f64, f64) {
    let span = if high > low {
        high - low
    } else {
        high.abs().max(5.0)
    };
    let rough = span / 5.0;
    let power = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * power)
        .find(|s| *s >= rough)
        .unwrap_or(10.0 * power);
    let low = (low / step).floor() * step;
    let mut high = (high / step).ceil() * step;
    if high <= low {
        high = low + step;
    }
    (low, high, step)
}

/// Two decimals: enough for a chart, and the same text on every machine.
fn round(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// A bar of the status chart: its length as a share of the longest bar.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct StatusBar {
    /// 0–1, of the bar area's width.
    pub fraction: f64,
    /// The same, in percent of a 0–100 `viewBox`.
    pub percent: f64,
}

/// The bars for `counts`, scaled so the largest fills the width.
pub fn status_bars(counts: &[usize]) -> Vec<StatusBar> {
    let max = counts.iter().copied().max().unwrap_or(0).max(1) as f64;
    counts
        .iter()
        .map(|&c| {
            let fraction = round(c as f64 / max);
            StatusBar {
                fraction,
                percent: round(fraction * 100.0),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(when: f64, value: f64) -> Value {
        Value { when, value }
    }

    #[test]
    fn the_value_axis_has_round_steps_from_zero() {
        assert_eq!(value_axis(0.0, 20.0), (0.0, 20.0, 5.0));
        assert_eq!(value_axis(0.0, 100.0), (0.0, 100.0, 20.0));
        assert_eq!(value_axis(0.0, 42.0), (0.0, 50.0, 10.0));
        assert_eq!(value_axis(-3.0, 4.0), (-4.0, 4.0, 2.0));
        assert_eq!(value_axis(0.0, 0.0), (0.0, 1.0, 1.0));
    }

    #[test]
    fn years_are_labelled_at_their_middle_and_the_target_is_marked() {
        let chart = line_chart(
            &[
                (v(middle_of_year(2017), 5.0), "baseline"),
                (v(2019.2, 12.0), "reported"),
            ],
            Some(v(middle_of_year(2021), 20.0)),
            "Mål",
            |x| format!("{x}"),
        )
        .unwrap();
        let years: Vec<&str> = chart.x_labels.iter().map(|l| l.label.as_str()).collect();
        assert_eq!(years, ["2017", "2018", "2019", "2020", "2021"]);
        assert_eq!(chart.x_lines.len(), 6);
        assert_eq!(chart.x_lines[0], LEFT);
        assert_eq!(*chart.x_lines.last().unwrap(), RIGHT);
        // 2017's label is in the middle of its year.
        assert_eq!(
            chart.x_labels[0].at,
            (chart.x_lines[0] + chart.x_lines[1]) / 2.0
        );
        let target = chart.target.unwrap();
        assert_eq!(target.label, "Mål 20");
        assert_eq!(target.y, TOP, "the target is the top of the axis");
        assert_eq!(chart.points[0].y, BOTTOM - 5.0 / 20.0 * (BOTTOM - TOP));
        assert_eq!(chart.points[1].label, "12");
        assert!(chart.points[1].x > chart.points[0].x);
        assert_eq!(
            chart.polyline,
            format!(
                "{},{} {},{}",
                chart.points[0].x, chart.points[0].y, chart.points[1].x, chart.points[1].y
            )
        );
        let ticks: Vec<&str> = chart.y_ticks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(ticks, ["0", "5", "10", "15", "20"]);
    }

    #[test]
    fn a_falling_line_puts_the_label_below_the_point() {
        let chart = line_chart(
            &[(v(2018.5, 40.0), "baseline"), (v(2019.5, 10.0), "reported")],
            None,
            "Mål",
            |x| format!("{x}"),
        )
        .unwrap();
        assert!(chart.points[0].label_y < chart.points[0].y);
        assert!(chart.points[1].label_y > chart.points[1].y);
    }

    #[test]
    fn a_label_that_would_sit_on_the_target_line_goes_below() {
        let chart = line_chart(
            &[(v(2024.5, 20.0), "baseline"), (v(2025.5, 85.0), "reported")],
            Some(v(2027.5, 92.0)),
            "Target",
            |x| format!("{x}"),
        )
        .unwrap();
        assert!(
            chart.points[0].label_y < chart.points[0].y,
            "far from the target: above"
        );
        assert!(
            chart.points[1].label_y > chart.points[1].y,
            "near the target: below"
        );
    }

    #[test]
    fn no_values_no_chart() {
        assert_eq!(
            line_chart(&[], Some(v(2021.5, 1.0)), "Mål", |x| x.to_string()),
            None
        );
    }

    #[test]
    fn status_bars_scale_to_the_largest() {
        let bars = status_bars(&[2, 8, 0]);
        let f: Vec<f64> = bars.iter().map(|b| b.fraction).collect();
        assert_eq!(f, [0.25, 1.0, 0.0]);
        assert_eq!(status_bars(&[0, 0])[0].fraction, 0.0);
    }
}
