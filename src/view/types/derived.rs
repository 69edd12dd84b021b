//! The derived views: the responsibility matrix (bodies × goals) and the
//! timeline with the geometry both outputs draw it with. `matrix.rs` and
//! `timeline.rs` compute them.

use serde::Serialize;

use super::{Anchor, StatusView};

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
    #[serde(flatten)]
    pub at: Anchor,
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
    /// The bar's width, at least `MIN_BAR_WIDTH` (`timeline.rs`).
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
