//! Starter plans for `actionplan new`: commented, valid, in Swedish or English.
//!
//! The period runs from this year to three years on, so a fresh starter
//! validates without warnings whenever it is made.

use chrono::{Datelike, NaiveDate};

use crate::model::Language;

const SWEDISH: &str = include_str!("../templates/new/plan.sv.yaml");
const ENGLISH: &str = include_str!("../templates/new/plan.en.yaml");

/// The starter plan's text in a language, dated from `today`.
pub fn starter_plan(language: Language, today: NaiveDate, file_name: &str) -> String {
    let template = match language {
        Language::Swedish => SWEDISH,
        Language::English => ENGLISH,
    };
    let year = today.year();
    template
        .replace("{YEAR}", &year.to_string())
        .replace("{NEXT}", &(year + 1).to_string())
        .replace("{END}", &(year + 3).to_string())
        .replace("{FILE}", file_name)
}
