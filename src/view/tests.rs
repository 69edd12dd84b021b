//! Unit tests of the view model: what a reader sees, computed from a plan.

use chrono::NaiveDate;

use super::timeline::{MIN_BAR_WIDTH, bar_width, percent};
use super::{Anchor, build, natural_cmp};
use crate::model::{Keyword, PlanStatus};
use crate::source::SourceFile;
use crate::{load, validate};

const MINIMAL: &str = include_str!("../../tests/fixtures/valid/minimal.yaml");

/// The view of a valid plan's text; shared with the PDF template's tests.
pub(crate) fn view_of(text: &str) -> super::View {
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
    assert_eq!(view.goals[0].measures[2].at.anchor, "measure-1.10");
    assert_eq!(view.goals[0].measures[2].at.href, "#measure-1.10");
    assert_eq!(view.goals[0].at.anchor, "goal-M1");
}

#[test]
fn labels_and_dates_follow_the_language() {
    let sv = view_of(MINIMAL);
    assert_eq!(sv.lang_tag, "sv-SE");
    assert_eq!(sv.meta.period.text, "1 januari 2019 – 31 december 2021");
    assert_eq!(sv.meta.period.iso, "2019-01-01/2021-12-31");
    assert_eq!(sv.meta.period.to.iso, "2021-12-31");
    assert_eq!(sv.goals[0].measures[0].deadline.text, "juni 2020");
    assert_eq!(
        sv.goals[0].measures[0].deadline.iso.as_deref(),
        Some("2020-06")
    );
    assert_eq!(sv.goals[0].measures[0].status.key, "planned");
    assert_eq!(sv.goals[0].measures[0].status.label, "Planerad");
    assert_eq!(sv.meta.mark, Some("UTKAST"));
    let en = view_of(&MINIMAL.replace("  status: draft", "  status: proposal\n  language: en"));
    assert_eq!(en.meta.period.text, "1 January 2019 – 31 December 2021");
    assert_eq!(en.goals[0].measures[0].deadline.text, "June 2020");
    assert_eq!(en.lang_tag, "en");
    assert_eq!(en.region, None);
    assert_eq!(sv.region, Some("SE"));
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
    assert_eq!(row.width, 0.4991 - 0.333);
    assert_eq!(
        (row.chart.x.as_str(), row.chart.width.as_str()),
        ("33.3%", "16.61%")
    );
    let ticks: Vec<(&str, bool)> = view
        .timeline
        .ticks
        .iter()
        .map(|t| (t.x.as_str(), t.label_end))
        .collect();
    assert_eq!(ticks, [("0.0%", false), ("33.3%", false), ("66.7%", false)]);
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

const DECISION: &str = "  decision: { body: ks, date: 2018-12-10, paragraph: \"§ 12\" }\n";

/// MINIMAL with another status (and the decision adopted and revoked plans need).
fn with_status(status: &str, language: &str) -> String {
    MINIMAL.replace(
        "  status: draft\n",
        &format!("  status: {status}\n  language: {language}\n{DECISION}"),
    )
}

#[test]
fn every_status_has_its_banner_and_mark() {
    let expected = [
        (
            "sv",
            "draft",
            Some("UTKAST – inte beslutat"),
            Some("UTKAST"),
        ),
        (
            "sv",
            "proposal",
            Some("FÖRSLAG – inte beslutat"),
            Some("FÖRSLAG"),
        ),
        ("sv", "adopted", None, None),
        ("sv", "revoked", Some("UPPHÄVD – gäller inte längre"), None),
        ("en", "draft", Some("DRAFT – not decided"), Some("DRAFT")),
        (
            "en",
            "proposal",
            Some("PROPOSAL – not decided"),
            Some("PROPOSAL"),
        ),
        ("en", "adopted", None, None),
        ("en", "revoked", Some("REVOKED – no longer in force"), None),
    ];
    assert_eq!(expected.len(), 2 * PlanStatus::ALL.len());
    for (language, status, banner, mark) in expected {
        let view = view_of(&with_status(status, language));
        assert_eq!(view.meta.status.key, status);
        assert_eq!(view.meta.banner, banner, "{language} {status}");
        assert_eq!(view.meta.mark, mark, "{language} {status}");
    }
}

#[test]
fn one_footer_for_both_outputs() {
    let view = view_of(
        &with_status("revoked", "sv")
            .replace("  owner: ks\n", "  owner: ks\n  case_number: KS-2018/1\n"),
    );
    assert_eq!(
        view.footer.parts,
        ["Testby kommun", "KS-2018/1", "Version 0.1", "Upphävd"]
    );
    let draft = view_of(MINIMAL);
    assert_eq!(
        draft.footer.parts,
        ["Testby kommun", "Version 0.1", "Utkast"]
    );
}

#[test]
fn facts_carry_their_key_and_iso_date() {
    let view = view_of(&with_status("adopted", "sv"));
    let facts: Vec<(&str, Option<&str>)> = view
        .meta
        .facts
        .iter()
        .map(|f| (f.key, f.iso.as_deref()))
        .collect();
    assert_eq!(
        facts,
        [
            ("document_type", None),
            ("decided_by", None),
            ("decision_date", Some("2018-12-10")),
            ("valid", Some("2019-01-01/2021-12-31")),
            ("owner", None),
            ("version", None),
            ("status", None),
        ]
    );
    assert_eq!(view.meta.facts[2].value, "10 december 2018, § 12");
    assert_eq!(view.meta.document_type.key, "handlingsplan");
    assert_eq!(view.meta.document_type.label, "Handlingsplan");
}

const INDICATORS: &str = "    indicators:
      - { id: I1.1, name: Ett, unit: st, baseline: { value: 12.5, year: 2018 }, target: { value: 20, year: 2021 } }
      - { id: I1.2, name: Två }
    measures:
";

const REPORT: &str = "follow_up:
  frequency: half-yearly
  reporter: ifn
  recipient: ks
  reports:
    - date: 2019-06-30
      indicators: { I1.1: 13 }
    - date: 2020-06-30
      measures: { \"1.1\": { status: ongoing } }
      indicators: { I1.1: 14.25 }
";

fn with_indicators(report: bool) -> String {
    let text = MINIMAL.replacen("    measures:\n", INDICATORS, 1).replace(
        "deadline: 2020-06",
        "deadline: 2020-06\n        indicators: [I1.1]",
    );
    if report { text + REPORT } else { text }
}

#[test]
fn indicator_values_carry_their_numbers_and_the_latest_follow_up() {
    let view = view_of(&with_indicators(true));
    let goal = &view.goals[0];
    assert!(goal.has_latest);
    let ind = &goal.indicators[0];
    let baseline = ind.baseline.as_ref().unwrap();
    assert_eq!((baseline.value, baseline.iso.as_str()), (12.5, "2018"));
    assert_eq!(baseline.text, "12,5 (2018)");
    // From the latest report, not the first.
    let latest = ind.latest.as_ref().unwrap();
    assert_eq!((latest.value, latest.iso.as_str()), (14.25, "2020-06-30"));
    assert_eq!(latest.text, "14,25 (30 juni 2020)");
    assert!(goal.indicators[1].latest.is_none());
    assert_eq!(goal.indicators[1].at.href, "#indicator-I1.2");
    let refs = &goal.measures[0].indicators;
    assert_eq!(
        (refs[0].id.as_str(), refs[0].at.href.as_str()),
        ("I1.1", "#indicator-I1.1")
    );
    let follow_up = view.follow_up.unwrap();
    assert_eq!(follow_up.frequency.key, "half-yearly");
    assert_eq!(follow_up.frequency.label, "Halvårsvis");
    let report = follow_up.latest.unwrap();
    assert_eq!(report.date.iso, "2020-06-30");
    assert_eq!(report.indicators[0].value, 14.25);
    assert_eq!(report.indicators[0].text, "14,25 st");
    assert_eq!(report.measures[0].at.href, "#measure-1.1");
}

#[test]
fn without_a_follow_up_there_is_no_latest_value() {
    let view = view_of(&with_indicators(false));
    assert!(!view.goals[0].has_latest);
    assert!(view.goals[0].indicators.iter().all(|i| i.latest.is_none()));
}

#[test]
fn a_bar_is_never_narrower_than_the_minimum() {
    assert_eq!(bar_width(0.2, 0.5), 0.5 - 0.2);
    assert_eq!(bar_width(0.5, 0.5), MIN_BAR_WIDTH);
    assert_eq!(bar_width(0.5, 0.501), MIN_BAR_WIDTH);
    // A one-day measure in a three-year period.
    let view = view_of(&MINIMAL.replace(
        "deadline: 2020-06",
        "start: 2020-06-01\n        deadline: 2020-06-01",
    ));
    let row = &view.timeline.rows[0];
    assert!(row.to - row.from < MIN_BAR_WIDTH);
    assert_eq!(row.width, MIN_BAR_WIDTH);
    assert_eq!(row.chart.width, "0.4%");
}

#[test]
fn percentages_are_written_as_the_chart_always_had_them() {
    assert_eq!(percent(0.0), "0.0%");
    assert_eq!(percent(1.0), "100.0%");
    assert_eq!(percent(0.333), "33.3%");
    assert_eq!(percent(0.4991), "49.91%");
    assert_eq!(percent(0.004), "0.4%");
}

#[test]
fn the_chart_rows_stack_and_divide_goals() {
    let text = MINIMAL.replace(
        "        deadline: 2020-06\n",
        "        deadline: 2020-06\n      - { id: \"1.2\", title: Två, responsible: ks, deadline: 2020 }\n  - id: M2\n    title: Andra\n    measures:\n      - { id: \"2.1\", title: Tre, responsible: ks, deadline: ongoing }\n",
    );
    let view = view_of(&text);
    let tl = &view.timeline;
    let rows: Vec<(u32, bool, Option<u32>, u32, u32, u32)> = tl
        .rows
        .iter()
        .map(|r| {
            let c = &r.chart;
            (c.y, c.zebra, c.divider_y, c.text_y, c.bar_y, c.mark_y)
        })
        .collect();
    assert_eq!(
        rows,
        [
            (26, false, None, 38, 41, 45),
            (52, true, None, 64, 67, 71),
            (78, false, Some(77), 90, 93, 97),
        ]
    );
    assert_eq!(tl.chart.height, 26 + 3 * 26 + 4);
    assert_eq!((tl.chart.axis_y, tl.chart.tick_top), (21, 17));
    // A milestone's point is at its deadline.
    assert_eq!(tl.rows[0].chart.x, percent(tl.rows[0].to));
    assert_eq!(tl.rows[2].status.key, "planned");
}

#[test]
fn anchors_and_their_links() {
    let a = Anchor::measure("1.10");
    assert_eq!(
        (a.anchor.as_str(), a.href.as_str()),
        ("measure-1.10", "#measure-1.10")
    );
    assert_eq!(Anchor::goal("M1").href, "#goal-M1");
    assert_eq!(Anchor::indicator("I1.1").anchor, "indicator-I1.1");
    assert_eq!(Anchor::section("bakgrund").href, "#section-bakgrund");
    let view = view_of(MINIMAL);
    assert_eq!(view.matrix.goals[0].at.href, "#goal-M1");
    assert_eq!(view.timeline.rows[0].at.href, "#measure-1.1");
}

#[test]
fn links_are_encoded_once_in_the_view() {
    let text = MINIMAL.replace(
        "  owner: ks\n",
        "  owner: ks\n  related:\n    - { title: A, url: \"https://a.se/x y\\\"<å>%\" }\n",
    );
    let view = view_of(&text);
    assert_eq!(
        view.meta.related[0].url.as_deref(),
        Some("https://a.se/x%20y%22%3C%C3%A5%3E%25")
    );
}

#[test]
fn bodies_carry_their_kind() {
    let view = view_of(MINIMAL);
    let ifn = &view.goals[0].measures[0].responsible;
    assert_eq!((ifn.kind.key, ifn.kind.label), ("committee", "Nämnd"));
}

#[test]
fn times_carry_the_day_they_stand_for() {
    let text = MINIMAL.replace(
        "        deadline: 2020-06\n",
        "        deadline: 2020-02\n      - { id: \"1.2\", title: År, responsible: ks, start: 2019-03, deadline: 2020 }\n      - { id: \"1.3\", title: Löpande, responsible: ks, start: 2019-04-02, deadline: ongoing }\n",
    );
    let view = view_of(&text);
    let ms = &view.goals[0].measures;
    let day = |t: &super::TimeView| t.day.clone();
    // A deadline is the last day of its month or year (2020 is a leap year) …
    assert_eq!(day(&ms[0].deadline).as_deref(), Some("2020-02-29"));
    assert_eq!(day(&ms[1].deadline).as_deref(), Some("2020-12-31"));
    // … a start the first; `ongoing` is no one day.
    assert_eq!(
        day(ms[1].start.as_ref().unwrap()).as_deref(),
        Some("2019-03-01")
    );
    assert_eq!(
        day(ms[2].start.as_ref().unwrap()).as_deref(),
        Some("2019-04-02")
    );
    assert_eq!(day(&ms[2].deadline), None);
    assert_eq!(ms[2].deadline.iso, None);
}

#[test]
fn every_body_and_the_owner_are_in_the_view() {
    let view = view_of(MINIMAL);
    let ids: Vec<&str> = view.bodies.iter().map(|b| b.id.as_str()).collect();
    // `ks` is responsible for nothing, so only this list has it.
    assert_eq!(ids, ["ks", "ifn"]);
    assert_eq!(view.meta.owner.id, "ks");
    assert_eq!(view.meta.owner.name, "Kommunstyrelsen");
}
