//! Unit tests of validation on small plans written inline.

use chrono::NaiveDate;

use super::{Options, validate};
use crate::diagnostics::Code;
use crate::load;
use crate::model::{MeasureStatus, PlanStatus};
use crate::source::SourceFile;

const MINIMAL: &str = include_str!("../../tests/fixtures/valid/minimal.yaml");

fn options() -> Options {
    Options {
        today: NaiveDate::from_ymd_opt(2019, 9, 1).unwrap(),
    }
}

fn check(text: &str) -> super::Validated {
    let file = SourceFile::new("t.yaml", text.to_string());
    let doc = load::parse(&file).unwrap_or_else(|d| panic!("{d:?}"));
    validate(&doc, options())
}

fn codes(text: &str) -> Vec<Code> {
    check(text).diagnostics.iter().map(|d| d.code).collect()
}

#[test]
fn the_minimal_plan_is_valid_and_typed() {
    let v = check(MINIMAL);
    assert!(v.diagnostics.is_empty(), "{:?}", v.diagnostics);
    let plan = v.plan.unwrap();
    assert_eq!(plan.meta.status, PlanStatus::Draft);
    assert_eq!(plan.bodies.len(), 2);
    let (_, measure) = plan.measures().next().unwrap();
    assert_eq!(measure.status, MeasureStatus::Planned);
    assert_eq!(
        plan.body(measure.responsible).name,
        "Individ- och familjenämnden"
    );
}

#[test]
fn text_is_kept_exactly_as_written() {
    let v = check(
        &MINIMAL
            .replace("version: \"0.1\"", "version: 1.10")
            .replace("title: Utbilda personal", "title: NO"),
    );
    let plan = v.plan.unwrap();
    assert_eq!(plan.meta.version, "1.10");
    assert_eq!(plan.measures().next().unwrap().1.title, "NO");
}

#[test]
fn all_problems_are_reported_in_one_run() {
    let text = MINIMAL
        .replace("status: draft", "status: adoptd")
        .replace("responsible: ifn", "responsible: ifm")
        .replace("deadline: 2020-06", "deadline: 2020-13")
        .replace("- id: M1", "- id: \"M 1\"");
    let found = codes(&text);
    for code in [
        Code::InvalidValue,
        Code::UnknownBody,
        Code::InvalidTime,
        Code::InvalidId,
    ] {
        assert!(found.contains(&code), "{code:?} missing from {found:?}");
    }
    assert!(check(&text).plan.is_none());
}

#[test]
fn a_month_deadline_means_its_last_day() {
    // Deadline 2019-08 ends 2019-08-31, before today (2019-09-01): overdue.
    let overdue = MINIMAL.replace(
        "deadline: 2020-06",
        "deadline: 2019-08\n        status: ongoing",
    );
    assert_eq!(codes(&overdue), [Code::Overdue]);
    // Deadline 2019-09 ends 2019-09-30: not yet.
    let fine = MINIMAL.replace(
        "deadline: 2020-06",
        "deadline: 2019-09\n        status: ongoing",
    );
    assert!(codes(&fine).is_empty());
    // Done measures are never overdue.
    let done = MINIMAL.replace(
        "deadline: 2020-06",
        "deadline: 2019-08\n        status: done",
    );
    assert!(codes(&done).is_empty());
}

#[test]
fn a_year_start_before_the_period_warns() {
    let text = MINIMAL.replace(
        "deadline: 2020-06",
        "start: 2018\n        deadline: 2020-06",
    );
    assert_eq!(codes(&text), [Code::OutsidePeriod]);
}

#[test]
fn duplicate_ids_point_at_both_places() {
    let text = MINIMAL.replace("- id: M1", "- id: \"1.1\"");
    let v = check(&text);
    let d = v
        .diagnostics
        .iter()
        .find(|d| d.code == Code::DuplicateId)
        .unwrap();
    assert_eq!(d.labels.len(), 1);
    assert!(d.labels[0].span.start < d.span.unwrap().start);
}

#[test]
fn references_resolve_to_the_declared_bodies() {
    let text = MINIMAL.replace(
        "responsible: ifn",
        "responsible: ks\n        partners: [ifn, ks]",
    );
    let plan = check(&text).plan.unwrap();
    let (_, m) = plan.measures().next().unwrap();
    assert_eq!(plan.body(m.responsible).id.as_str(), "ks");
    let partners: Vec<&str> = m
        .partners
        .iter()
        .map(|&p| plan.body(p).id.as_str())
        .collect();
    assert_eq!(partners, ["ifn", "ks"]);
}

#[test]
fn indicators_of_later_goals_can_be_referenced() {
    let text = MINIMAL.replace(
        "        deadline: 2020-06\n",
        "        deadline: 2020-06\n        indicators: [I2]\n",
    ) + "  - id: M2\n    title: Två\n    indicators:\n      - { id: I2, name: N, baseline: { value: 1, year: 2019 }, target: { value: 2, year: 2021 } }\n    measures:\n      - { id: \"2.1\", title: T, responsible: ks, deadline: 2021 }\n";
    let v = check(&text);
    assert!(v.diagnostics.is_empty(), "{:?}", v.diagnostics);
    let plan = v.plan.unwrap();
    let (_, m) = plan.measures().next().unwrap();
    assert_eq!(plan.indicator(m.indicators[0]).id.as_str(), "I2");
}

#[test]
fn a_title_of_nothing_but_control_characters_is_empty() {
    // Found by the build_valid fuzzer: "\u{1}" passed as a title, became ""
    // in the outputs, and PDF/UA refused the document.
    let text = MINIMAL.replace("  title: Handlingsplan mot våld", "  title: \"\\u0001\"");
    let found = codes(&text);
    assert!(found.contains(&Code::EmptyText), "{found:?}");
    assert!(check(&text).plan.is_none());
}

#[test]
fn a_plan_without_goals_is_an_error() {
    // The format says "at least one goal"; `goals: []` used to validate.
    let text = MINIMAL[..MINIMAL.find("goals:").unwrap()].to_string() + "goals: []\n";
    let v = check(&text);
    let found: Vec<Code> = v.diagnostics.iter().map(|d| d.code).collect();
    assert!(found.contains(&Code::NoGoals), "{found:?}");
    assert!(v.plan.is_none());
}

#[test]
fn indicator_values_must_be_finite() {
    // `.nan` and `.inf` used to pass, and the PDF printed "NaN".
    let text = MINIMAL.replace(
        "    measures:\n",
        "    indicators:\n      - { id: I1, name: N, baseline: { value: .nan, year: 2019 }, target: { value: .inf, year: 2021 } }\n    measures:\n",
    ) + "follow_up:\n  frequency: yearly\n  reporter: ifn\n  recipient: ks\n  reports:\n    - { date: 2019-06-30, indicators: { I1: -.inf } }\n";
    let v = check(&text);
    let messages: Vec<&str> = v
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::InvalidValue)
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "`.nan` is not a valid `value`: a finite number is needed",
            "`.inf` is not a valid `value`: a finite number is needed",
            "`-.inf` is not a valid value for indicator `I1`: a finite number is needed",
        ]
    );
    assert!(v.plan.is_none());
    // Finite values stay valid.
    let fine = text
        .replace(".nan", "0")
        .replace("-.inf", "3")
        .replace(".inf", "40");
    assert!(check(&fine).plan.is_some());
}

#[test]
fn an_invalid_measure_gets_no_warnings() {
    // Overdue (deadline 2019-08, today 2019-09-01), but its responsible body is
    // unknown: the measure is not part of the typed plan, so only the error is
    // reported, not a warning computed from a stand-in.
    let text = MINIMAL
        .replace("deadline: 2020-06", "deadline: 2019-08")
        .replace(
            "responsible: ifn",
            "responsible: ifn\n        partners: [nobody]",
        );
    assert_eq!(codes(&text), [Code::UnknownBody]);
}

#[test]
fn a_start_after_the_deadline_is_found_without_a_valid_period() {
    let text = MINIMAL
        .replace("from: 2019-01-01", "from: 2019-02-30")
        .replace(
            "deadline: 2020-06",
            "start: 2020-07\n        deadline: 2020-06",
        );
    assert_eq!(codes(&text), [Code::InvalidDate, Code::StartAfterDeadline]);
}
