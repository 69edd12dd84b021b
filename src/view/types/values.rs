//! The small views of one value each, which every part of a document
//! shares: a day, a time, a period, a measurement, a keyword with its name,
//! a body, and where an item is in the HTML page.

use serde::Serialize;

/// A day: `{"iso": "2021-10-31", "text": "31 oktober 2021"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DateView {
    pub iso: String,
    pub text: String,
}

/// A time as a plan may give it: `{"iso": "2020-06", "text": "juni 2020"}`.
/// `iso` is a date, a month (`2020-06`) or a year (`2020`), and none for
/// `ongoing` (the whole plan period).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TimeView {
    pub iso: Option<String>,
    /// The one day it stands for where it is used: a deadline's last day
    /// (`2020-06` → `2020-06-30`), a start's first; none for `ongoing`.
    pub day: Option<String>,
    pub text: String,
}

/// The plan period: both days, as an ISO interval and in words.
#[derive(Clone, Debug, Serialize)]
pub struct PeriodView {
    pub from: DateView,
    pub to: DateView,
    /// `2018-07-01/2021-12-31`.
    pub iso: String,
    /// "1 juli 2018 – 31 december 2021".
    pub text: String,
}

/// A number with the time it was measured, e.g. `{"value": 12.5, "iso": "2018", "text": "12,5 (2018)"}`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MeasuredView {
    pub value: f64,
    /// The year (`2018`) or the day (`2018-08-31`) of the measurement.
    pub iso: String,
    pub text: String,
}

/// Where an item is in the HTML page: its `id` and a link to it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Anchor {
    /// `measure-1.3`.
    pub anchor: String,
    /// `#measure-1.3`.
    pub href: String,
}

impl Anchor {
    /// The anchor `{kind}-{id}` and the link to it. Ids are ASCII letters,
    /// digits, `.`, `-` and `_` (validation sees to it), so they need no encoding.
    pub fn new(kind: &str, id: &str) -> Self {
        let anchor = format!("{kind}-{id}");
        Anchor {
            href: format!("#{anchor}"),
            anchor,
        }
    }

    /// `goal-M1`.
    pub fn goal(id: &str) -> Self {
        Self::new("goal", id)
    }

    /// `measure-1.3`.
    pub fn measure(id: &str) -> Self {
        Self::new("measure", id)
    }

    /// `indicator-I1.1`.
    pub fn indicator(id: &str) -> Self {
        Self::new("indicator", id)
    }

    /// `section-bakgrund`.
    pub fn section(id: &str) -> Self {
        Self::new("section", id)
    }
}

/// An item that another one refers to: a measure's indicators, say.
#[derive(Clone, Debug, Serialize)]
pub struct RefView {
    pub id: String,
    #[serde(flatten)]
    pub at: Anchor,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StatusView {
    /// The keyword, e.g. `ongoing`: for CSS classes and filters.
    pub key: &'static str,
    /// In the plan's language, e.g. "Pågår".
    pub label: &'static str,
}

/// A kind (of document, body or follow-up frequency): its keyword and its name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct KindView {
    /// The keyword, e.g. `handlingsplan`.
    pub key: &'static str,
    /// In the plan's language, e.g. "Handlingsplan".
    pub label: &'static str,
}

#[derive(Clone, Debug, Serialize)]
pub struct BodyView {
    pub id: String,
    pub name: String,
    pub short: Option<String>,
    pub kind: KindView,
}
