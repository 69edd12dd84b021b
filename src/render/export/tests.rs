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
        archive: None,
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

/// The plan with revisions (the last on `last`) and a decision on `decided`.
fn revised(last: &str, decided: &str) -> String {
    PLAN.replace("status: draft", "status: adopted")
        .replace(
            "  case_number: KS-2019/1\n",
            &format!("  case_number: KS-2019/1\n  decision: {{ body: ks, date: {decided}, paragraph: \"§ 1\" }}\n"),
        )
        + &format!(
            "revisions:\n  - {{ version: \"0.1\", date: 2019-01-10, note: Utkast }}\n  - {{ version: \"1.0\", date: {last}, note: Ny }}\n"
        )
}

#[test]
fn ics_events_say_which_version_of_the_plan_they_are_from() {
    // No revisions and no decision: sequence 0, changed when the period starts.
    let ics = render("ics", &view_of(PLAN)).replace("\r\n ", "");
    assert_eq!(ics.matches("SEQUENCE:0\r\n").count(), 2, "{ics}");
    assert_eq!(ics.matches("LAST-MODIFIED:20190101T000000Z\r\n").count(), 2);
    assert_eq!(ics.matches("DTSTAMP:20190203T040506Z\r\n").count(), 2);
    // A revision after the decision: it is the last change, and the stamp
    // follows it (not the decision, which stays from one version to the next).
    let ics = render("ics", &view_of(&revised("2020-05-04", "2019-02-01"))).replace("\r\n ", "");
    assert_eq!(ics.matches("SEQUENCE:2\r\n").count(), 2, "{ics}");
    assert_eq!(ics.matches("LAST-MODIFIED:20200504T000000Z\r\n").count(), 2);
    assert_eq!(ics.matches("DTSTAMP:20200504T000000Z\r\n").count(), 2);
    // A decision after the last revision is the last change.
    let ics = render("ics", &view_of(&revised("2019-01-20", "2019-03-01"))).replace("\r\n ", "");
    assert_eq!(ics.matches("LAST-MODIFIED:20190301T000000Z\r\n").count(), 2);
}

#[test]
fn a_body_calendar_has_the_body_in_its_name() {
    let whole = render("ics", &view_of(PLAN));
    assert!(whole.contains("X-WR-CALNAME:Handlingsplan mot våld – Testby kommun\r\n"));
    let mut view = view_of(PLAN);
    keep_body(&mut view, "polisen").unwrap();
    let police = render("ics", &view).replace("\r\n ", "");
    assert!(
        police.contains("X-WR-CALNAME:Polisen: Handlingsplan mot våld – Testby kommun\r\n"),
        "{police}"
    );
}

#[test]
fn every_date_of_the_export_schema_is_a_date() {
    use super::json::{DATE_PATTERN, json_schema};
    let schema: serde_json::Value = serde_json::from_str(&json_schema()).unwrap();
    let defs = &schema["$defs"];
    let fields = [
        ("PlanData", "revise_by"),
        ("PeriodData", "from"),
        ("PeriodData", "to"),
        ("DecisionData", "date"),
        ("TimeData", "date"),
        ("RevisionData", "date"),
    ];
    for (def, field) in fields {
        let property = &defs[def]["properties"][field];
        assert_eq!(property["format"], "date", "{def}.{field}: {property}");
        assert_eq!(
            property["pattern"], DATE_PATTERN,
            "{def}.{field}: {property}"
        );
    }
    let pattern = regex::Regex::new(DATE_PATTERN).unwrap();
    for bad in [
        "2019-13-45",
        "2019-00-10",
        "2019-12-32",
        "2019-12-00",
        "19-12-31",
        "2019-12-31x",
    ] {
        assert!(!pattern.is_match(bad), "{bad}");
    }
    for good in ["2019-12-31", "2020-02-29", "0999-01-01"] {
        assert!(pattern.is_match(good), "{good}");
    }
    // Every ISO day the export writes stands in one of those fields.
    let data: serde_json::Value = serde_json::from_str(&render(
        "json",
        &view_of(&revised("2020-05-04", "2019-02-01")),
    ))
    .unwrap();
    let mut days = Vec::new();
    collect_days(&data, "", &mut days);
    let allowed = [
        "plan/period/from",
        "plan/period/to",
        "plan/decision/date",
        "plan/revise_by",
        "deadline/date",
        "start/date",
        "revisions/date",
    ];
    assert!(days.len() > 5, "{days:?}");
    for path in days {
        assert!(
            allowed.iter().any(|a| path.ends_with(a)),
            "{path} holds a day the schema does not call a date"
        );
    }
}

/// The paths (indices left out) of every string that looks like an ISO day.
fn collect_days(value: &serde_json::Value, path: &str, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s)
            if s.len() == 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-' =>
        {
            out.push(path.trim_start_matches('/').to_string())
        }
        serde_json::Value::Object(map) => map
            .iter()
            .for_each(|(k, v)| collect_days(v, &format!("{path}/{k}"), out)),
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_days(v, path, out)),
        _ => {}
    }
}
