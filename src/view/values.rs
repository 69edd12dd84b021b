//! How one value of the plan is shown: a body, a status, a day, a time,
//! each as its view (see `types/values.rs`) in the plan's language.
//!
//! A leaf of the view: it reads the model, the language files and the view's
//! types only, so `build.rs`, `meta.rs`, `timeline.rs`, `changes.rs` and the
//! follow-up report all take these from below.

use chrono::NaiveDate;

use super::types::{BodyView, DateView, KindView, StatusView, TimeView};
use crate::i18n::Lang;
use crate::model::{BodyRef, Keyword, MeasureStatus, Plan, PlanStatus};
use crate::time::Time;

/// A body: its id, names and kind.
pub(super) fn body(plan: &Plan, lang: &'static Lang, r: BodyRef) -> BodyView {
    let b = plan.body(r);
    BodyView {
        id: b.id.to_string(),
        name: b.name.clone(),
        short: b.short.clone(),
        kind: KindView {
            key: b.kind.as_str(),
            label: lang.body_kind(b.kind),
        },
    }
}

/// A measure's status: its keyword and its name.
pub(crate) fn status(lang: &'static Lang, s: MeasureStatus) -> StatusView {
    StatusView {
        key: s.as_str(),
        label: lang.measure_status(s),
    }
}

/// The plan's status: its keyword and its name.
pub(super) fn plan_status(lang: &'static Lang, s: PlanStatus) -> StatusView {
    StatusView {
        key: s.as_str(),
        label: &lang.plan_status(s).label,
    }
}

/// A day: ISO and in words.
pub(crate) fn date(lang: &Lang, d: NaiveDate) -> DateView {
    DateView {
        iso: d.to_string(),
        text: lang.date(d),
    }
}

/// A time and `day`, the one day it stands for where it is used.
pub(super) fn time(lang: &Lang, t: Time, day: Option<NaiveDate>) -> TimeView {
    let iso = match t {
        Time::Date(d) => Some(d.to_string()),
        Time::Month { year, month } => Some(format!("{year:04}-{month:02}")),
        Time::Year(year) => Some(format!("{year:04}")),
        Time::Ongoing => None,
    };
    TimeView {
        iso,
        day: day.map(|d| d.to_string()),
        text: lang.time(t),
    }
}

/// "december 2018" for a deadline alone, "juli 2018 – december 2018" with a start.
pub(super) fn when(lang: &Lang, start: Option<Time>, deadline: Time) -> String {
    match start {
        Some(s) if s != deadline => format!("{} – {}", lang.time(s), lang.time(deadline)),
        _ => lang.time(deadline),
    }
}
