//! Unit tests of the view model: what a reader sees, computed from a plan.

use chrono::NaiveDate;

use super::{build, natural_cmp};
use crate::source::SourceFile;
use crate::{load, validate};

const MINIMAL: &str = include_str!("../../tests/fixtures/valid/minimal.yaml");

fn view_of(text: &str) -> super::View {
    let file = SourceFile::new("t.yaml", text.to_string());
    let doc = load::parse(&file).unwrap();
    let options = validate::Options {
        today: NaiveDate::from_ymd_opt(2019, 1, 1).unwrap(),
    };
    let plan = validate::validate(&doc, options)
        .plan
        .expect("a valid plan");
    build(&plan)
}

#[test]
fn ids_sort_naturally() {
    let mut ids = vec!["1.10", "1.2", "M2", "1.1", "M10", "2"];
    ids.sort_by(|a, b| natural_cmp(a, b));
    assert_eq!(ids, ["1.1", "1.2", "1.10", "2", "M2", "M10"]);
}

#[test]
fn measures_are_sorted_and_anchored() {
    let text = MINIMAL.replace(
        "        deadline: 2020-06\n",
        "        deadline: 2020-06\n      - { id: \"1.10\", title: Tio, responsible: ks, deadline: 2020 }\n      - { id: \"1.2\", title: Två, responsible: ks, deadline: 2020 }\n",
    );
    let view = view_of(&text);
    let ids: Vec<&str> = view.goals[0]
        .measures
        .iter()
        .map(|m| m.id.as_str())
        .collect();
    assert_eq!(ids, ["1.1", "1.2", "1.10"]);
    assert_eq!(view.goals[0].measures[2].anchor, "measure-1.10");
    assert_eq!(view.goals[0].anchor, "goal-M1");
}

#[test]
fn labels_and_dates_follow_the_language() {
    let sv = view_of(MINIMAL);
    assert_eq!(sv.lang_tag, "sv-SE");
    assert_eq!(sv.meta.period, "1 januari 2019 – 31 december 2021");
    assert_eq!(sv.goals[0].measures[0].deadline, "juni 2020");
    assert_eq!(sv.goals[0].measures[0].status.label, "Planerad");
    assert_eq!(sv.meta.mark, Some("UTKAST"));
    let en = view_of(&MINIMAL.replace("  status: draft", "  status: proposal\n  language: en"));
    assert_eq!(en.meta.period, "1 January 2019 – 31 December 2021");
    assert_eq!(en.goals[0].measures[0].deadline, "June 2020");
    assert_eq!(en.meta.mark, Some("PROPOSAL"));
    assert_eq!(en.labels.responsible, "Responsible");
}

#[test]
fn the_matrix_tells_responsible_from_partner() {
    let text = MINIMAL.replace(
        "responsible: ifn",
        "responsible: ifn\n        partners: [ks]",
    );
    let view = view_of(&text);
    let rows: Vec<(&str, &str)> = view
        .matrix
        .rows
        .iter()
        .map(|r| (r.body_id.as_str(), r.cells[0].text.as_str()))
        .collect();
    assert_eq!(rows, [("ks", "S\u{a0}1"), ("ifn", "A\u{a0}1")]);
    assert_eq!(view.matrix.rows[1].cells[0].words, "ansvarig 1");
}

#[test]
fn timeline_geometry_spans_the_period() {
    // Period 2019-01-01..2021-12-31 (1096 days): 2020-01-01 is day 365, 2021-01-01 day 731.
    let text = MINIMAL.replace(
        "deadline: 2020-06",
        "start: 2020-01\n        deadline: 2020-06",
    );
    let view = view_of(&text);
    let ticks: Vec<(&str, f64)> = view
        .timeline
        .ticks
        .iter()
        .map(|t| (t.label.as_str(), t.at))
        .collect();
    assert_eq!(ticks, [("2019", 0.0), ("2020", 0.333), ("2021", 0.667)]);
    let row = &view.timeline.rows[0];
    assert!(!row.milestone);
    assert_eq!(row.from, 0.333);
    // 2020-07-01 is day 547 of 1096.
    assert_eq!(row.to, 0.4991);
    assert_eq!(row.when, "januari 2020 – juni 2020");
}

#[test]
fn a_measure_without_start_is_a_milestone_unless_ongoing() {
    let view = view_of(MINIMAL);
    assert!(view.timeline.rows[0].milestone);
    assert_eq!(view.timeline.rows[0].from, view.timeline.rows[0].to);
    let ongoing = view_of(&MINIMAL.replace("deadline: 2020-06", "deadline: ongoing"));
    let row = &ongoing.timeline.rows[0];
    assert!(!row.milestone);
    assert_eq!((row.from, row.to), (0.0, 1.0));
}

#[test]
fn unsafe_related_links_are_dropped() {
    let text = MINIMAL.replace(
        "  owner: ks\n",
        "  owner: ks\n  related:\n    - { title: A, url: \"javascript:alert(1)\" }\n    - { title: B, url: \"https://umea.se\" }\n",
    );
    let view = view_of(&text);
    assert_eq!(view.meta.related[0].url, None);
    assert_eq!(view.meta.related[1].url.as_deref(), Some("https://umea.se"));
}
