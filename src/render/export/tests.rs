//! Unit tests of the exports on small plans; `tests/it/export.rs` runs the
//! binary and reads the files with real CSV and iCalendar readers.

use chrono::NaiveDate;

use super::{EXPORTS, export, keep_body};
use crate::render::{Context, Templates};
use crate::view::View;
use crate::view::tests::view_of;

const PLAN: &str = r#"actionplan: 1
plan:
  title: Handlingsplan mot våld
  municipality: Testby kommun
  status: draft
  version: "0.1"
  period: { from: 2019-01-01, to: 2021-12-31 }
  owner: ks
  case_number: KS-2019/1
bodies:
  ks: { name: Kommunstyrelsen, short: KS, kind: board }
  ifn: { name: "Individ-, familje- och äldrenämnden", kind: committee }
  polisen: { name: Polisen, kind: external }
goals:
  - id: M1
    title: Färre utsätts för våld
    measures:
      - { id: "1.1", title: "Utbilda personal; alla", responsible: ifn, partners: [polisen], deadline: 2020-06 }
      - { id: "1.2", title: Samordna, responsible: ks, deadline: ongoing, status: ongoing }
      - { id: "1.10", title: Följa upp, responsible: ks, start: 2019, deadline: 2021, status: cancelled }
"#;

fn render(name: &str, view: &View) -> String {
    let templates = Templates::embedded();
    let context = Context {
        templates: &templates,
        fonts: None,
        timestamp: NaiveDate::from_ymd_opt(2019, 2, 3)
            .unwrap()
            .and_hms_opt(4, 5, 6)
            .unwrap(),
    };
    let rendered = export(name).unwrap().render(view, &context);
    assert!(rendered.problems.is_empty());
    String::from_utf8(rendered.bytes.unwrap()).unwrap()
}

fn ids(view: &View) -> Vec<&str> {
    view.goals[0]
        .measures
        .iter()
        .map(|m| m.id.as_str())
        .collect()
}

#[test]
fn the_registry_names_each_export_by_its_extension() {
    let names: Vec<(&str, &str)> = EXPORTS.iter().map(|o| (o.name(), o.extension())).collect();
    assert_eq!(names, [("json", "json"), ("csv", "csv"), ("ics", "ics")]);
    assert!(EXPORTS.iter().all(|o| !o.needs_fonts()));
}

#[test]
fn a_body_keeps_what_it_is_responsible_for_or_a_partner_in() {
    let mut view = view_of(PLAN);
    keep_body(&mut view, "polisen").unwrap();
    assert_eq!(ids(&view), ["1.1"]);
    let mut view = view_of(PLAN);
    keep_body(&mut view, "ks").unwrap();
    assert_eq!(ids(&view), ["1.2", "1.10"]);
}

#[test]
fn an_unknown_body_is_named_with_the_known_ones() {
    let mut view = view_of(PLAN);
    let err = keep_body(&mut view, "kf").unwrap_err().to_string();
    assert!(err.contains("--body kf"), "{err}");
    assert!(err.contains("ks (Kommunstyrelsen), ifn ("), "{err}");
    assert!(err.contains("polisen (Polisen)"), "{err}");
    assert_eq!(ids(&view).len(), 3, "nothing is filtered on an error");
}

#[test]
fn json_carries_keys_ids_and_resolved_days() {
    let json: serde_json::Value = serde_json::from_str(&render("json", &view_of(PLAN))).unwrap();
    assert_eq!(json["format"], "actionplan-export");
    assert_eq!(json["format_version"], 1);
    assert_eq!(json["plan"]["owner"], "ks");
    assert_eq!(json["plan"]["status"], "draft");
    assert_eq!(json["bodies"].as_array().unwrap().len(), 3);
    let m = &json["measures"];
    assert_eq!(m[0]["deadline"]["given"], "2020-06");
    assert_eq!(m[0]["deadline"]["date"], "2020-06-30");
    assert_eq!(m[0]["responsible"]["id"], "ifn");
    assert_eq!(m[0]["partners"][0]["name"], "Polisen");
    assert_eq!(m[1]["deadline"]["given"], "ongoing");
    assert!(m[1]["deadline"]["date"].is_null());
    assert_eq!(m[2]["id"], "1.10");
    assert_eq!(m[2]["start"]["date"], "2019-01-01");
    assert_eq!(m[2]["deadline"]["date"], "2021-12-31");
    assert_eq!(m[2]["status"], "cancelled");
}

#[test]
fn csv_has_a_bom_a_header_and_a_row_per_measure() {
    let csv = render("csv", &view_of(PLAN));
    assert!(csv.starts_with('\u{feff}'));
    let lines: Vec<&str> = csv
        .trim_start_matches('\u{feff}')
        .split_terminator("\r\n")
        .collect();
    assert_eq!(lines.len(), 4);
    assert!(lines[0].starts_with("id,title,goal_id,"));
    assert!(
        lines[1].contains(",\"Individ-, familje- och äldrenämnden\","),
        "{}",
        lines[1]
    );
    assert!(
        lines[1].contains(",2020-06-30,2020-06,planned,Planerad,"),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].contains(",,ongoing,ongoing,Pågår,"),
        "{}",
        lines[2]
    );
}

#[test]
fn ics_has_an_event_per_dated_deadline() {
    let ics = render("ics", &view_of(PLAN));
    let unfolded = ics.replace("\r\n ", "");
    assert_eq!(
        unfolded.matches("BEGIN:VEVENT").count(),
        2,
        "ongoing is left out"
    );
    assert!(unfolded.contains("DTSTART;VALUE=DATE:20200630\r\nDTEND;VALUE=DATE:20200701\r\n"));
    assert!(unfolded.contains("DTSTAMP:20190203T040506Z\r\n"));
    assert!(unfolded.contains(
        "SUMMARY:1.1 Utbilda personal\\; alla (Individ-\\, familje- och äldrenämnden)\r\n"
    ));
    assert!(unfolded.contains("SUMMARY:1.10 Följa upp (KS)\r\n"));
    assert!(unfolded.contains("DESCRIPTION:Mål M1: Färre utsätts för våld\\nStatus: Avbruten\r\n"));
    assert!(unfolded.contains("CATEGORIES:Kommunstyrelsen\r\n"));
    assert_eq!(unfolded.matches("STATUS:CANCELLED").count(), 1);
    let uids: Vec<&str> = unfolded.lines().filter(|l| l.starts_with("UID:")).collect();
    assert_eq!(uids.len(), 2);
    assert_ne!(uids[0], uids[1]);
    assert!(uids[0].starts_with("UID:measure-1.1-") && uids[0].ends_with("@actionplan"));
    // Another case number is another plan: other UIDs.
    let other = render("ics", &view_of(&PLAN.replace("KS-2019/1", "KS-2019/2")));
    assert!(!other.contains(uids[0]));
}
