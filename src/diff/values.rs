//! The values a change shows (dates, times, numbers, keyword names), in the
//! plan's language, as the view says them: the diff reads the view's words
//! (`i18n`) so a deadline reads the same in the diff and in the plan.

use chrono::NaiveDate;

use crate::i18n::lang;
use crate::model::{
    Assessment, BodyKind, DocumentType, Frequency, Keyword, Language, MeasureStatus, PlanStatus,
};
use crate::time::Time;

pub fn date(language: Language, d: NaiveDate) -> String {
    lang(language).date(d)
}

pub fn time(language: Language, t: Time) -> String {
    lang(language).time(t)
}

pub fn number(language: Language, value: f64) -> String {
    lang(language).number(value)
}

pub fn plan_status(language: Language, s: PlanStatus) -> &'static str {
    &lang(language).plan_status(s).label
}

pub fn measure_status(language: Language, s: MeasureStatus) -> &'static str {
    lang(language).measure_status(s)
}

pub fn document_type(language: Language, t: DocumentType) -> &'static str {
    lang(language).document_type(t)
}

pub fn body_kind(language: Language, k: BodyKind) -> &'static str {
    lang(language).body_kind(k)
}

pub fn frequency(language: Language, f: Frequency) -> &'static str {
    lang(language).frequency(f)
}

/// A follow-up report's judgement of a goal, as the report names it.
pub fn assessment(language: Language, a: Assessment) -> &'static str {
    lang(language).report.assessment_name(a.as_str())
}
