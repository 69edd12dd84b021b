//! Words and dates in the plan's language (Swedish or English).
//!
//! Every fixed text the outputs show is a field of [`Labels`], so a template
//! never carries a word of its own and both outputs say the same thing.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::model::{BodyKind, DocumentType, Frequency, Language, MeasureStatus, PlanStatus};
use crate::time::Time;

/// The fixed texts of the outputs.
#[derive(Clone, Debug, Serialize)]
pub struct Labels {
    pub contents: &'static str,
    pub summary: &'static str,
    pub goals_and_measures: &'static str,
    pub goal: &'static str,
    pub indicators: &'static str,
    pub indicator: &'static str,
    pub unit: &'static str,
    pub baseline: &'static str,
    pub target: &'static str,
    pub source: &'static str,
    pub latest_value: &'static str,
    pub measures: &'static str,
    pub measure: &'static str,
    pub id: &'static str,
    pub responsible: &'static str,
    pub partners: &'static str,
    pub time: &'static str,
    pub start: &'static str,
    pub deadline: &'static str,
    pub status: &'static str,
    pub cost: &'static str,
    pub moves_indicators: &'static str,
    pub references: &'static str,
    pub no_measures: &'static str,
    pub matrix: &'static str,
    pub matrix_intro: &'static str,
    pub matrix_body: &'static str,
    pub matrix_legend: &'static str,
    pub timeline: &'static str,
    pub timeline_intro: &'static str,
    pub timeline_alt: &'static str,
    pub follow_up: &'static str,
    pub frequency: &'static str,
    pub reporter: &'static str,
    pub recipient: &'static str,
    pub latest_follow_up: &'static str,
    pub comment: &'static str,
    pub value: &'static str,
    pub no_follow_up: &'static str,
    pub revisions: &'static str,
    pub version: &'static str,
    pub date: &'static str,
    pub note: &'static str,
    pub related: &'static str,
    pub replaces: &'static str,
    pub page: &'static str,
    pub of: &'static str,
    pub skip_to_content: &'static str,
    pub filter_heading: &'static str,
    pub filter_body: &'static str,
    pub filter_status: &'static str,
    pub filter_all: &'static str,
    pub filter_reset: &'static str,
    pub filter_showing: &'static str,
    pub link_to: &'static str,
    pub draft_banner: &'static str,
    pub proposal_banner: &'static str,
    pub revoked_banner: &'static str,
    pub generated_by: &'static str,
}

const SV: Labels = Labels {
    contents: "Innehåll",
    summary: "Sammanfattning",
    goals_and_measures: "Mål och åtgärder",
    goal: "Mål",
    indicators: "Indikatorer",
    indicator: "Indikator",
    unit: "Enhet",
    baseline: "Utgångsläge",
    target: "Målvärde",
    source: "Källa",
    latest_value: "Senaste värde",
    measures: "Åtgärder",
    measure: "Åtgärd",
    id: "Nr",
    responsible: "Ansvarig",
    partners: "Samverkan",
    time: "Tid",
    start: "Start",
    deadline: "Klart",
    status: "Status",
    cost: "Kostnad",
    moves_indicators: "Påverkar indikator",
    references: "Koppling",
    no_measures: "Inga åtgärder.",
    matrix: "Ansvarsmatris",
    matrix_intro: "Vilka instanser som ansvarar för (A) eller samverkar i (S) åtgärder under respektive mål. Siffran anger antalet åtgärder.",
    matrix_body: "Instans",
    matrix_legend: "A = ansvarig, S = samverkanspart",
    timeline: "Tidslinje",
    timeline_intro: "Åtgärdernas tidsplan under planperioden. Åtgärder utan startdatum visas som en punkt vid sitt slutdatum.",
    timeline_alt: "Tidslinje över åtgärderna. Samma uppgifter finns i tabellerna över åtgärder.",
    follow_up: "Uppföljning",
    frequency: "Uppföljningsintervall",
    reporter: "Rapporterar",
    recipient: "Mottagare",
    latest_follow_up: "Senaste uppföljning",
    comment: "Kommentar",
    value: "Värde",
    no_follow_up: "Ingen uppföljning har gjorts ännu.",
    revisions: "Revisionshistorik",
    version: "Version",
    date: "Datum",
    note: "Ändring",
    related: "Relaterade styrdokument",
    replaces: "Ersätter",
    page: "Sida",
    of: "av",
    skip_to_content: "Hoppa till innehållet",
    filter_heading: "Filtrera åtgärder",
    filter_body: "Ansvarig instans",
    filter_status: "Status",
    filter_all: "Alla",
    filter_reset: "Visa alla",
    filter_showing: "Visar",
    link_to: "Länk till",
    draft_banner: "UTKAST – inte beslutat",
    proposal_banner: "FÖRSLAG – inte beslutat",
    revoked_banner: "UPPHÄVD – gäller inte längre",
    generated_by: "Skapad med actionplan",
};

const EN: Labels = Labels {
    contents: "Contents",
    summary: "Summary",
    goals_and_measures: "Goals and measures",
    goal: "Goal",
    indicators: "Indicators",
    indicator: "Indicator",
    unit: "Unit",
    baseline: "Baseline",
    target: "Target",
    source: "Source",
    latest_value: "Latest value",
    measures: "Measures",
    measure: "Measure",
    id: "No.",
    responsible: "Responsible",
    partners: "Partners",
    time: "Time",
    start: "Start",
    deadline: "Deadline",
    status: "Status",
    cost: "Cost",
    moves_indicators: "Moves indicator",
    references: "References",
    no_measures: "No measures.",
    matrix: "Responsibility matrix",
    matrix_intro: "Which bodies are responsible for (R) or partners in (P) measures under each goal. The number is the number of measures.",
    matrix_body: "Body",
    matrix_legend: "R = responsible, P = partner",
    timeline: "Timeline",
    timeline_intro: "The schedule of the measures over the plan period. Measures without a start are shown as a point at their deadline.",
    timeline_alt: "Timeline of the measures. The same information is in the tables of measures.",
    follow_up: "Follow-up",
    frequency: "Frequency",
    reporter: "Reports",
    recipient: "Reports to",
    latest_follow_up: "Latest follow-up",
    comment: "Comment",
    value: "Value",
    no_follow_up: "No follow-up has been made yet.",
    revisions: "Revision history",
    version: "Version",
    date: "Date",
    note: "Change",
    related: "Related governing documents",
    replaces: "Replaces",
    page: "Page",
    of: "of",
    skip_to_content: "Skip to content",
    filter_heading: "Filter measures",
    filter_body: "Responsible body",
    filter_status: "Status",
    filter_all: "All",
    filter_reset: "Show all",
    filter_showing: "Showing",
    link_to: "Link to",
    draft_banner: "DRAFT – not decided",
    proposal_banner: "PROPOSAL – not decided",
    revoked_banner: "REVOKED – no longer in force",
    generated_by: "Made with actionplan",
};

pub fn labels(language: Language) -> &'static Labels {
    match language {
        Language::Swedish => &SV,
        Language::English => &EN,
    }
}

/// The language tag for `lang` attributes and the PDF: `sv-SE` or `en`.
pub fn language_tag(language: Language) -> &'static str {
    match language {
        Language::Swedish => "sv-SE",
        Language::English => "en",
    }
}

const SV_MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];
const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month_name(language: Language, month: u32) -> &'static str {
    let names = match language {
        Language::Swedish => &SV_MONTHS,
        Language::English => &EN_MONTHS,
    };
    names[(month.clamp(1, 12) - 1) as usize]
}

/// "25 juni 2018" or "25 June 2018".
pub fn date(language: Language, d: NaiveDate) -> String {
    format!(
        "{} {} {}",
        d.day(),
        month_name(language, d.month()),
        d.year()
    )
}

/// A time as written in a plan: a date, "december 2018", "2020", or "löpande".
pub fn time(language: Language, t: Time) -> String {
    match t {
        Time::Date(d) => date(language, d),
        Time::Month { year, month } => format!("{} {year}", month_name(language, month)),
        Time::Year(year) => year.to_string(),
        Time::Ongoing => match language {
            Language::Swedish => "löpande",
            Language::English => "ongoing",
        }
        .to_string(),
    }
}

/// A number as the language writes it: a decimal comma in Swedish, no trailing zeros.
pub fn number(language: Language, value: f64) -> String {
    let mut s = if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        let s = format!("{value:.3}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    if language == Language::Swedish {
        s = s.replace('.', ",");
        if s.starts_with('-') {
            s = s.replacen('-', "\u{2212}", 1);
        }
    }
    s
}

pub fn plan_status(language: Language, s: PlanStatus) -> &'static str {
    match (language, s) {
        (Language::Swedish, PlanStatus::Draft) => "Utkast",
        (Language::Swedish, PlanStatus::Proposal) => "Förslag",
        (Language::Swedish, PlanStatus::Adopted) => "Antagen",
        (Language::Swedish, PlanStatus::Revoked) => "Upphävd",
        (Language::English, PlanStatus::Draft) => "Draft",
        (Language::English, PlanStatus::Proposal) => "Proposal",
        (Language::English, PlanStatus::Adopted) => "Adopted",
        (Language::English, PlanStatus::Revoked) => "Revoked",
    }
}

/// The mark drafts and proposals carry on every page, if any.
pub fn plan_mark(language: Language, s: PlanStatus) -> Option<&'static str> {
    match (language, s) {
        (Language::Swedish, PlanStatus::Draft) => Some("UTKAST"),
        (Language::Swedish, PlanStatus::Proposal) => Some("FÖRSLAG"),
        (Language::English, PlanStatus::Draft) => Some("DRAFT"),
        (Language::English, PlanStatus::Proposal) => Some("PROPOSAL"),
        _ => None,
    }
}

pub fn measure_status(language: Language, s: MeasureStatus) -> &'static str {
    match (language, s) {
        (Language::Swedish, MeasureStatus::Planned) => "Planerad",
        (Language::Swedish, MeasureStatus::Ongoing) => "Pågår",
        (Language::Swedish, MeasureStatus::Done) => "Klar",
        (Language::Swedish, MeasureStatus::Delayed) => "Försenad",
        (Language::Swedish, MeasureStatus::Cancelled) => "Avbruten",
        (Language::English, MeasureStatus::Planned) => "Planned",
        (Language::English, MeasureStatus::Ongoing) => "Ongoing",
        (Language::English, MeasureStatus::Done) => "Done",
        (Language::English, MeasureStatus::Delayed) => "Delayed",
        (Language::English, MeasureStatus::Cancelled) => "Cancelled",
    }
}

pub fn document_type(language: Language, t: DocumentType) -> &'static str {
    match (language, t) {
        (Language::Swedish, DocumentType::Program) => "Program",
        (Language::Swedish, DocumentType::Policy) => "Policy",
        (Language::Swedish, DocumentType::Strategy) => "Strategi",
        (Language::Swedish, DocumentType::ActionPlan) => "Handlingsplan",
        (Language::Swedish, DocumentType::Guideline) => "Riktlinje",
        (Language::English, DocumentType::Program) => "Programme",
        (Language::English, DocumentType::Policy) => "Policy",
        (Language::English, DocumentType::Strategy) => "Strategy",
        (Language::English, DocumentType::ActionPlan) => "Action plan",
        (Language::English, DocumentType::Guideline) => "Guideline",
    }
}

pub fn body_kind(language: Language, k: BodyKind) -> &'static str {
    match (language, k) {
        (Language::Swedish, BodyKind::Council) => "Fullmäktige",
        (Language::Swedish, BodyKind::Board) => "Styrelse",
        (Language::Swedish, BodyKind::Committee) => "Nämnd",
        (Language::Swedish, BodyKind::Administration) => "Förvaltning",
        (Language::Swedish, BodyKind::External) => "Extern part",
        (Language::English, BodyKind::Council) => "Council",
        (Language::English, BodyKind::Board) => "Board",
        (Language::English, BodyKind::Committee) => "Committee",
        (Language::English, BodyKind::Administration) => "Administration",
        (Language::English, BodyKind::External) => "External partner",
    }
}

pub fn frequency(language: Language, f: Frequency) -> &'static str {
    match (language, f) {
        (Language::Swedish, Frequency::Yearly) => "Årligen",
        (Language::Swedish, Frequency::HalfYearly) => "Halvårsvis",
        (Language::Swedish, Frequency::Quarterly) => "Kvartalsvis",
        (Language::English, Frequency::Yearly) => "Yearly",
        (Language::English, Frequency::HalfYearly) => "Half-yearly",
        (Language::English, Frequency::Quarterly) => "Quarterly",
    }
}

/// The governing-document block's row labels.
pub struct FactLabels {
    pub document_type: &'static str,
    pub case_number: &'static str,
    pub decided_by: &'static str,
    pub decision_date: &'static str,
    pub valid: &'static str,
    pub owner: &'static str,
    pub revise_by: &'static str,
    pub version: &'static str,
    pub status: &'static str,
    pub municipality: &'static str,
}

pub fn fact_labels(language: Language) -> FactLabels {
    match language {
        Language::Swedish => FactLabels {
            document_type: "Dokumenttyp",
            case_number: "Diarienummer",
            decided_by: "Beslutad av",
            decision_date: "Beslutsdatum",
            valid: "Giltighetstid",
            owner: "Dokumentansvarig",
            revise_by: "Revideras senast",
            version: "Version",
            status: "Status",
            municipality: "Kommun",
        },
        Language::English => FactLabels {
            document_type: "Document type",
            case_number: "Case number",
            decided_by: "Decided by",
            decision_date: "Date of decision",
            valid: "Valid",
            owner: "Document owner",
            revise_by: "To be revised by",
            version: "Version",
            status: "Status",
            municipality: "Municipality",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_swedish_and_english() {
        let d = NaiveDate::from_ymd_opt(2018, 6, 25).unwrap();
        assert_eq!(date(Language::Swedish, d), "25 juni 2018");
        assert_eq!(date(Language::English, d), "25 June 2018");
        assert_eq!(
            time(
                Language::Swedish,
                Time::Month {
                    year: 2018,
                    month: 12
                }
            ),
            "december 2018"
        );
        assert_eq!(time(Language::Swedish, Time::Ongoing), "löpande");
    }

    #[test]
    fn numbers_use_the_languages_decimal_sign() {
        assert_eq!(number(Language::Swedish, 12.5), "12,5");
        assert_eq!(number(Language::English, 12.5), "12.5");
        assert_eq!(number(Language::Swedish, 80.0), "80");
        assert_eq!(number(Language::Swedish, -3.25), "\u{2212}3,25");
    }
}
