//! Unit tests of the rule of a measure's status at a day.

use super::*;
use crate::model::Keyword;

/// A plan whose measure `1.1` is `planned`, with reports on the given
/// days, in file order, each saying `(day, status)` about it (or nothing).
fn plan(reports: &[(&str, Option<&str>)]) -> Plan {
    let mut yaml = String::from(
        "actionplan: 1\nplan: { title: T, municipality: M, status: draft, version: '1', period: { from: 2020-01-01, to: 2023-12-31 }, owner: a }\n\
         bodies: { a: { name: A, kind: board } }\n\
         goals:\n  - id: G\n    title: G\n    measures:\n      - { id: '1.1', title: X, responsible: a, deadline: 2023, status: planned }\n      - { id: '1.2', title: Y, responsible: a, deadline: 2023, status: ongoing }\n\
         follow_up:\n  frequency: yearly\n  reporter: a\n  recipient: a\n  reports:",
    );
    yaml.push_str(if reports.is_empty() { " []\n" } else { "\n" });
    for (day, status) in reports {
        match status {
            Some(s) => yaml.push_str(&format!(
                "    - {{ date: {day}, measures: {{ '1.1': {{ status: {s}, comment: 'on {day}' }} }} }}\n"
            )),
            None => yaml.push_str(&format!("    - {{ date: {day} }}\n")),
        }
    }
    let file = crate::source::SourceFile::new("t.yaml", yaml);
    let today = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    let checked = crate::check_source(file, crate::validate::Options { today });
    checked
        .plan
        .unwrap_or_else(|| panic!("{:?}", checked.diagnostics))
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

const M: MeasureRef = MeasureRef { goal: 0, index: 0 };

fn at(p: &Plan, d: &str) -> (&'static str, Option<String>) {
    let s = status_at(p, M, day(d));
    (s.status.as_str(), s.reported.map(|d| d.to_string()))
}

#[test]
fn without_reports_the_status_is_the_plans_field() {
    let p = plan(&[]);
    assert_eq!(at(&p, "2021-06-01"), ("planned", None));
}

#[test]
fn the_latest_report_on_or_before_the_day_counts() {
    let p = plan(&[
        ("2020-12-01", Some("ongoing")),
        ("2021-12-01", Some("done")),
    ]);
    assert_eq!(at(&p, "2020-11-30"), ("planned", None));
    assert_eq!(at(&p, "2020-12-01"), ("ongoing", Some("2020-12-01".into())));
    assert_eq!(at(&p, "2021-11-30"), ("ongoing", Some("2020-12-01".into())));
    assert_eq!(at(&p, "2021-12-01"), ("done", Some("2021-12-01".into())));
    assert_eq!(
        status_at(&p, M, day("2030-01-01")).comment,
        Some("on 2021-12-01")
    );
}

#[test]
fn a_report_that_does_not_name_the_measure_leaves_it_as_it_was() {
    let p = plan(&[("2020-12-01", Some("delayed")), ("2021-12-01", None)]);
    assert_eq!(at(&p, "2021-12-31"), ("delayed", Some("2020-12-01".into())));
    // The other measure is named by no report: its own field.
    let other = status_at(&p, MeasureRef { goal: 0, index: 1 }, day("2021-12-31"));
    assert_eq!(
        (other.status, other.reported),
        (MeasureStatus::Ongoing, None)
    );
}

#[test]
fn dates_count_not_the_order_in_the_file() {
    let p = plan(&[
        ("2021-12-01", Some("done")),
        ("2020-12-01", Some("ongoing")),
    ]);
    assert_eq!(at(&p, "2022-01-01"), ("done", Some("2021-12-01".into())));
    assert_eq!(at(&p, "2021-01-01"), ("ongoing", Some("2020-12-01".into())));
}

#[test]
fn of_two_reports_on_one_day_the_later_in_the_file_counts() {
    let p = plan(&[
        ("2021-12-01", Some("ongoing")),
        ("2021-12-01", Some("delayed")),
    ]);
    assert_eq!(at(&p, "2021-12-01"), ("delayed", Some("2021-12-01".into())));
}
