//! Unit tests of the comparison, on small plans written inline.

use serde_json::json;

use super::*;
use crate::source::SourceFile;
use crate::{check_source, validate};

const BASE: &str = r#"actionplan: 1
plan:
  title: Handlingsplan mot våld
  municipality: Testby kommun
  status: draft
  version: "0.1"
  period: { from: 2019-01-01, to: 2021-12-31 }
  owner: ks
bodies:
  ks: { name: Kommunstyrelsen, short: KS, kind: board }
  ifn: { name: Individ- och familjenämnden, short: IFN, kind: committee }
goals:
  - id: M1
    title: Färre utsätts för våld
    measures:
      - id: "1.1"
        title: Utbilda personal
        responsible: ifn
        deadline: 2020-06
      - id: "1.2"
        title: Ta fram en rutin
        responsible: ks
        deadline: 2020
"#;

fn plan(text: &str) -> (SourceFile, Plan) {
    let today = chrono::NaiveDate::from_ymd_opt(2019, 1, 1).unwrap();
    let checked = check_source(
        SourceFile::new("p.yaml", text.to_string()),
        validate::Options { today },
    );
    let plan = checked.plan.expect("the test plan validates");
    (checked.file, plan)
}

fn diff(old: &str, new: &str) -> Diff {
    let (old_file, old_plan) = plan(old);
    let (new_file, new_plan) = plan(new);
    compare(
        &Version {
            name: "old.yaml".into(),
            plan: &old_plan,
            file: &old_file,
        },
        &Version {
            name: "new.yaml".into(),
            plan: &new_plan,
            file: &new_file,
        },
    )
}

#[test]
fn reformatting_and_reordering_are_not_changes() {
    let reformatted = BASE
        .replace(
            "  title: Handlingsplan mot våld",
            "  title: 'Handlingsplan mot våld' # c",
        )
        .replace(
            "  ks: { name: Kommunstyrelsen, short: KS, kind: board }",
            "  ks:\n    kind: board\n    short: \"KS\"\n    name: Kommunstyrelsen",
        );
    // The two measures swapped within their goal.
    let (head, measures) = reformatted.split_at(reformatted.find("      - id: \"1.1\"").unwrap());
    let (first, second) = measures.split_at(measures.find("      - id: \"1.2\"").unwrap());
    let swapped = format!("{head}{second}{first}");
    let d = diff(BASE, &swapped);
    assert!(d.is_empty(), "{:#?}", d.changes);
    assert_eq!(
        d.headline(),
        "Inga ändringar från version 0.1 till version 0.1."
    );
}

#[test]
fn a_changed_field_has_values_lines_and_a_sentence() {
    let new = BASE.replacen("responsible: ifn", "responsible: ks", 1);
    let d = diff(BASE, &new);
    assert_eq!(d.changes.len(), 1);
    let c = &d.changes[0];
    assert_eq!(
        (c.kind, c.item, c.id.as_str()),
        (Kind::Changed, Item::Measure, "1.1")
    );
    assert_eq!(c.field.as_deref(), Some("responsible"));
    assert_eq!((&c.old, &c.new), (&json!("ifn"), &json!("ks")));
    assert_eq!((c.old_line, c.new_line), (Some(18), Some(18)));
    assert_eq!(c.goal.as_deref(), Some("M1"));
    assert_eq!(
        c.summary,
        "Ansvarig för åtgärd 1.1 ändrad från IFN till KS."
    );
    assert_eq!(
        d.headline(),
        "1 ändring från version 0.1 till version 0.1: 1 ändrad."
    );
}

#[test]
fn a_deadline_says_how_many_months_it_moved() {
    let new = BASE.replacen("deadline: 2020-06", "deadline: 2019-12-31", 1);
    let d = diff(BASE, &new);
    let c = &d.changes[0];
    assert_eq!(c.months, Some(-6));
    assert_eq!(
        c.summary,
        "Slutdatum för åtgärd 1.1 flyttat 6 månader tidigare, från juni 2020 till 31 december 2019."
    );
    assert_eq!((&c.old, &c.new), (&json!("2020-06"), &json!("2019-12-31")));
}

#[test]
fn a_renamed_id_is_a_removal_and_an_addition_paired_by_title() {
    let new = BASE.replacen("id: \"1.2\"", "id: \"1.9\"", 1);
    let d = diff(BASE, &new);
    let kinds: Vec<(Kind, &str, Option<&str>)> = d
        .changes
        .iter()
        .map(|c| (c.kind, c.id.as_str(), c.likely_rename.as_deref()))
        .collect();
    assert_eq!(
        kinds,
        [
            (Kind::Added, "1.9", Some("1.2")),
            (Kind::Removed, "1.2", Some("1.9"))
        ]
    );
    assert!(d.changes[0].summary.contains("troligen 1.2 med nytt id"));
}

#[test]
fn two_items_with_the_same_title_are_not_paired() {
    let doubled = BASE.replacen("title: Ta fram en rutin", "title: Utbilda personal", 1);
    let new =
        doubled
            .replacen("id: \"1.1\"", "id: \"1.7\"", 1)
            .replacen("id: \"1.2\"", "id: \"1.8\"", 1);
    let d = diff(&doubled, &new);
    assert_eq!(d.changes.len(), 4);
    assert!(d.changes.iter().all(|c| c.likely_rename.is_none()));
}

#[test]
fn a_rewrapped_text_is_not_a_change_but_a_new_word_is() {
    let old = BASE.replacen(
        "        title: Utbilda personal\n",
        "        title: Utbilda personal\n        description: |\n          Alla medarbetare\n          ska gå kursen.\n",
        1,
    );
    let rewrapped = old.replacen("Alla medarbetare\n          ska", "Alla medarbetare ska", 1);
    assert!(diff(&old, &rewrapped).is_empty());
    let reworded = old.replacen("Alla medarbetare", "Alla nya medarbetare", 1);
    let d = diff(&old, &reworded);
    let words = d.changes[0].words.as_ref().unwrap();
    assert_eq!(
        words[1],
        Segment {
            op: Op::Insert,
            text: "nya ".into()
        }
    );
}

#[test]
fn a_body_whose_id_changed_is_named_by_its_id_where_names_agree() {
    let old = BASE.replace(
        "        responsible: ks\n",
        "        responsible: ks\n        partners: [ifn]\n",
    );
    let new = old
        .replace("  ifn: {", "  sn: {")
        .replace("responsible: ifn", "responsible: sn")
        .replace("partners: [ifn]", "partners: [sn]");
    let d = diff(&old, &new);
    let summaries: Vec<&str> = d.changes.iter().map(|c| c.summary.as_str()).collect();
    assert_eq!(
        summaries,
        [
            "Instans sn tillagd: ”Individ- och familjenämnden” – troligen ifn med nytt id (samma titel).",
            "Instans ifn borttagen: ”Individ- och familjenämnden” – troligen nytt id sn (samma titel).",
            "Ansvarig för åtgärd 1.1 ändrad från IFN (ifn) till IFN (sn).",
            "Samverkan för åtgärd 1.2: IFN (sn) tillkommer; IFN (ifn) utgår.",
        ]
    );
}

#[test]
fn a_report_judges_goals_field_by_field_in_the_plans_language() {
    let report = |assessment: &str, comment: &str| {
        format!(
            "{}follow_up:\n  frequency: yearly\n  reporter: ks\n  recipient: ks\n  reports:\n    - date: 2020-02-25\n      goals:\n        M1: {{ assessment: {assessment}{comment} }}\n",
            BASE.replace("  status: draft\n", "  language: en\n  status: draft\n")
        )
    };
    let old = report("on_track", "");
    let new = report("at_risk", ", comment: The course has not started.");
    let d = diff(&old, &new);
    let said: Vec<(&str, &str, &str)> = d
        .changes
        .iter()
        .map(|c| {
            (
                c.id.as_str(),
                c.field.as_deref().unwrap(),
                c.summary.as_str(),
            )
        })
        .collect();
    assert_eq!(
        said,
        [
            (
                "2020-02-25",
                "goals.M1.assessment",
                "Assessment of goal M1 in follow-up report 2020-02-25 changed from On track to At risk."
            ),
            (
                "2020-02-25",
                "goals.M1.comment",
                "Comment on goal M1 in follow-up report 2020-02-25 added: “The course has not started.”."
            ),
        ]
    );
    assert_eq!(
        (&d.changes[0].old, &d.changes[0].new),
        (&json!("on_track"), &json!("at_risk"))
    );
    assert_eq!(d.changes[0].new_line, Some(32));
    assert_eq!(
        lang::field_label(Language::English, "goals.M1.assessment"),
        "Assessment of goal M1"
    );
}
