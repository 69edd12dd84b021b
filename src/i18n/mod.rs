//! Words and dates in the plan's language, read from one data file a language.
//!
//! `lang/<code>.toml` holds every fixed text the outputs show, the names of
//! the months, how a date and a number are written and Typst's hyphenation
//! language. The files are embedded and each parsed once, into [`Lang`]; a
//! template never carries a word of its own, so both outputs say the same
//! thing. The diff's words are the `[diff]` table (see `diff.rs`), the
//! site index's the `[site]` table (`site.rs`), the follow-up report's the
//! `[report]` table (`report.rs`) and a change-marked draft's the `[changes]`
//! table (`changes.rs`); the archival PDF's attachments are described by
//! the `[archive]` table.
//!
//! It stands below every module that speaks to a reader (`diff`, `view`,
//! `report`, `site`) and reads only the model's keywords and `time`, so each
//! of them takes its words from below and none from another.
//! Adding a language is adding a file, a [`Language`] variant and its
//! arm in `file` below.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::model::{
    BodyKind, DocumentType, Frequency, Keyword, Language, MeasureStatus, PlanStatus,
};
use crate::time::Time;

mod changes;
mod diff;
mod report;
mod site;
pub use changes::ChangeWords;
pub use diff::{DiffWords, Field, Headings, ItemWords, Plural, fill};
pub use report::ReportWords;
pub use site::SiteWords;

/// Everything one language says.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lang {
    pub language: Locale,
    pub labels: Labels,
    pub facts: FactLabels,
    pub matrix: MatrixWords,
    /// By the plan status's keyword.
    pub plan_status: BTreeMap<String, PlanStatusWords>,
    /// The keyword tables, by keyword: `planned` → "Planerad".
    pub measure_status: BTreeMap<String, String>,
    pub document_type: BTreeMap<String, String>,
    pub body_kind: BTreeMap<String, String>,
    pub frequency: BTreeMap<String, String>,
    /// What `actionplan diff` says.
    pub diff: DiffWords,
    /// What the index of `actionplan site` says.
    pub site: SiteWords,
    /// What a change-marked draft (`build --compare`) says.
    pub changes: ChangeWords,
    /// What the follow-up report (`actionplan report`) says.
    pub report: ReportWords,
    /// How the archival PDF (`--archive`) describes the files it carries.
    pub archive: ArchiveWords,
}

/// The descriptions of the files attached to the archival PDF, a language
/// file's `[archive]` table. PDF/UA needs one on every attachment.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArchiveWords {
    /// The plan the document is built from.
    pub source: String,
    /// The earlier version a change-marked draft is compared with.
    pub earlier: String,
}

/// How the language is tagged and writes dates and numbers.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Locale {
    /// `sv-SE`: the HTML `lang` attribute and the PDF's `/Lang`.
    pub tag: String,
    /// Typst's `lang` (hyphenation, quotes).
    pub lang: String,
    /// Typst's `region`; empty for none.
    pub region: String,
    pub months: [String; 12],
    /// `{day} {month} {year}`.
    pub date: String,
    /// `{month} {year}`.
    pub month: String,
    pub ongoing: String,
    pub decimal_sign: String,
    pub minus_sign: String,
}

/// The fixed texts of the outputs, handed to the templates as `labels`.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Labels {
    pub contents: String,
    pub summary: String,
    pub goals_and_measures: String,
    pub goal: String,
    pub indicators: String,
    pub indicator: String,
    pub unit: String,
    pub baseline: String,
    pub target: String,
    pub source: String,
    pub latest_value: String,
    pub measures: String,
    pub measure: String,
    pub id: String,
    pub responsible: String,
    pub partners: String,
    pub time: String,
    pub start: String,
    pub deadline: String,
    pub status: String,
    pub cost: String,
    pub moves_indicators: String,
    pub references: String,
    pub no_measures: String,
    pub matrix: String,
    pub matrix_intro: String,
    pub matrix_body: String,
    pub matrix_legend: String,
    pub timeline: String,
    pub timeline_intro: String,
    pub timeline_alt: String,
    pub timeline_table: String,
    pub follow_up: String,
    pub frequency: String,
    pub reporter: String,
    pub recipient: String,
    pub latest_follow_up: String,
    pub comment: String,
    pub value: String,
    pub no_follow_up: String,
    pub revisions: String,
    pub version: String,
    pub date: String,
    pub note: String,
    pub related: String,
    pub replaces: String,
    pub page: String,
    pub of: String,
    pub skip_to_content: String,
    pub filter_heading: String,
    pub filter_body: String,
    pub filter_status: String,
    pub filter_all: String,
    pub filter_reset: String,
    pub filter_showing: String,
    pub filter_noun: String,
    pub link_to_goal: String,
    pub link_to_measure: String,
    pub generated_by: String,
}

/// The governing-document block's row labels.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactLabels {
    pub document_type: String,
    pub case_number: String,
    pub decided_by: String,
    pub decision_date: String,
    pub valid: String,
    pub owner: String,
    pub revise_by: String,
    pub version: String,
    pub status: String,
}

/// The responsibility matrix's marks ("A") and words ("ansvarig").
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatrixWords {
    pub responsible_mark: String,
    pub partner_mark: String,
    pub responsible: String,
    pub partner: String,
}

/// What a plan status says: its name, and the mark and banner it carries.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanStatusWords {
    pub label: String,
    /// Empty when the status carries no mark.
    pub mark: String,
    /// Empty when the status carries no banner.
    pub banner: String,
}

/// The file of each language, and the cell it is parsed into once.
fn file(language: Language) -> (&'static OnceLock<Lang>, &'static str) {
    static SV: OnceLock<Lang> = OnceLock::new();
    static EN: OnceLock<Lang> = OnceLock::new();
    match language {
        Language::Swedish => (&SV, include_str!("lang/sv.toml")),
        Language::English => (&EN, include_str!("lang/en.toml")),
    }
}

/// The words of a language. The files are part of the program (and checked
/// by `tests.rs`), so a file that does not parse is a bug: it panics.
pub fn lang(language: Language) -> &'static Lang {
    let (cell, text) = file(language);
    cell.get_or_init(|| {
        toml::from_str(text).unwrap_or_else(|e| panic!("lang/{}.toml: {e}", language.as_str()))
    })
}

/// `Some(text)`, or `None` for the empty string the files write for "none".
pub fn non_empty(text: &str) -> Option<&str> {
    (!text.is_empty()).then_some(text)
}

impl Lang {
    /// "25 juni 2018" or "25 June 2018".
    pub fn date(&self, d: NaiveDate) -> String {
        self.language
            .date
            .replace("{day}", &d.day().to_string())
            .replace("{month}", self.month_name(d.month()))
            .replace("{year}", &d.year().to_string())
    }

    fn month_name(&self, month: u32) -> &str {
        &self.language.months[(month.clamp(1, 12) - 1) as usize]
    }

    /// A time as written in a plan: a date, "december 2018", "2020", or "löpande".
    pub fn time(&self, t: Time) -> String {
        match t {
            Time::Date(d) => self.date(d),
            Time::Month { year, month } => self
                .language
                .month
                .replace("{month}", self.month_name(month))
                .replace("{year}", &year.to_string()),
            Time::Year(year) => year.to_string(),
            Time::Ongoing => self.language.ongoing.clone(),
        }
    }

    /// A number as the language writes it: its decimal sign and minus sign, no trailing zeros.
    pub fn number(&self, value: f64) -> String {
        let s = if value.fract() == 0.0 && value.abs() < 1e15 {
            format!("{value:.0}")
        } else {
            let s = format!("{value:.3}");
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        };
        let s = s.replace('.', &self.language.decimal_sign);
        match s.strip_prefix('-') {
            Some(rest) => format!("{}{rest}", self.language.minus_sign),
            None => s,
        }
    }

    /// What a plan status says.
    pub fn plan_status(&self, s: PlanStatus) -> &PlanStatusWords {
        self.plan_status
            .get(s.as_str())
            .unwrap_or_else(|| panic!("no words for plan status `{}`", s.as_str()))
    }

    /// "Planerad".
    pub fn measure_status(&self, s: MeasureStatus) -> &str {
        word(&self.measure_status, s)
    }

    /// "Handlingsplan".
    pub fn document_type(&self, t: DocumentType) -> &str {
        word(&self.document_type, t)
    }

    /// "Nämnd".
    pub fn body_kind(&self, k: BodyKind) -> &str {
        word(&self.body_kind, k)
    }

    /// "Årligen".
    pub fn frequency(&self, f: Frequency) -> &str {
        word(&self.frequency, f)
    }
}

/// The name of a keyword in a table of a language file, e.g. `planned` → "Planerad".
fn word(table: &BTreeMap<String, String>, k: impl Keyword + PartialEq) -> &str {
    table
        .get(k.as_str())
        .map(String::as_str)
        .unwrap_or_else(|| panic!("no word for `{}` in a language file", k.as_str()))
}

#[cfg(test)]
mod tests;
