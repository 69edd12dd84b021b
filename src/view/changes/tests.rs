//! The changes in the view: which items are marked and how, where removed
//! measures stand, where the summary links to, and that a plain view has none.

use chrono::NaiveDate;

use super::*;
use crate::diff::{self, Version};
use crate::model::Plan;
use crate::source::SourceFile;
use crate::view::build;
use crate::{load, validate};

const MINIMAL: &str = include_str!("../../../tests/fixtures/valid/minimal.yaml");

fn plan(text: &str) -> (SourceFile, Plan) {
    let file = SourceFile::new("t.yaml", text.to_string());
    let doc = load::parse(&file).unwrap();
    let today = NaiveDate::from_ymd_opt(2019, 1, 1).unwrap();
    let plan = validate::validate(&doc, validate::Options { today })
        .plan
        .expect("a valid plan");
    (file, plan)
}

fn version<'a>(file: &'a SourceFile, plan: &'a Plan) -> Version<'a> {
    Version {
        name: file.name(),
        plan,
        file,
    }
}

/// The view of `new` with the changes since `old` marked.
fn compared(old: &str, new: &str) -> View {
    let (old_file, old_plan) = plan(old);
    let (new_file, new_plan) = plan(new);
    let d = diff::compare(
        &version(&old_file, &old_plan),
        &version(&new_file, &new_plan),
    );
    let mut view = build(&new_plan);
    mark(&mut view, &d, &old_plan, &new_plan);
    view
}

/// MINIMAL with more measures under M1: `1.2` and `1.3`.
fn three_measures() -> String {
    MINIMAL.replace(
        "        deadline: 2020-06\n",
        "        deadline: 2020-06\n      - { id: \"1.2\", title: Två, responsible: ks, deadline: 2020 }\n      - { id: \"1.3\", title: Tre, responsible: ks, deadline: 2020, description: \"Stöd till alla.\" }\n",
    )
}

#[test]
fn a_plain_view_has_no_changes_and_its_json_no_trace_of_them() {
    let (_, p) = plan(MINIMAL);
    let view = build(&p);
    assert!(view.changes.is_none());
    let json = serde_json::to_string(&view).unwrap();
    for key in ["\"changes\"", "\"change\"", "\"removed\""] {
        assert!(!json.contains(key), "{key} in {json}");
    }
}

#[test]
fn changed_fields_carry_their_words_or_their_earlier_value() {
    let old = three_measures();
    let new = old
        .replace("title: Tre", "title: Tre nya")
        .replace(
            "title: Två, responsible: ks",
            "title: Två, responsible: ifn",
        )
        .replace("Stöd till alla.", "Stöd och råd till alla.");
    let view = compared(&old, &new);
    let m = &view.goals[0].measures;
    assert!(m[0].change.is_none(), "1.1 did not change");
    let two = m[1].change.as_ref().unwrap();
    assert_eq!((two.kind, two.tag), (Kind::Changed, "Ändrad"));
    assert_eq!(
        two.fields["responsible"].was.as_deref(),
        Some("Kommunstyrelsen")
    );
    let three = m[2].change.as_ref().unwrap();
    let title = three.fields["title"].paragraphs.as_ref().unwrap();
    assert_eq!(
        title[0],
        [
            Segment {
                op: Op::Equal,
                text: "Tre ".into()
            },
            Segment {
                op: Op::Insert,
                text: "nya".into()
            }
        ]
    );
    // Markdown marked in place.
    let Some(blocks) = &three.fields["description"].blocks else {
        panic!("no blocks: {three:?}")
    };
    let json = serde_json::to_string(blocks).unwrap();
    assert!(
        json.contains(r#"{"type":"ins","text":"och råd"}"#),
        "{json}"
    );
}

#[test]
fn new_moved_and_removed_measures() {
    let old = three_measures().replace(
        "goals:\n",
        "goals:\n  - id: M0\n    title: Noll\n    measures:\n      - { id: \"0.1\", title: Flyttas, responsible: ks, deadline: 2020 }\n",
    );
    let new = MINIMAL.replace(
        "        deadline: 2020-06\n",
        "        deadline: 2020-06\n      - { id: \"0.1\", title: Flyttas, responsible: ks, deadline: 2020 }\n      - { id: \"1.4\", title: Fyra, responsible: ks, deadline: 2020 }\n",
    );
    let view = compared(&old, &new);
    let g = &view.goals[0];
    let kind = |id: &str| {
        let m = g.measures.iter().find(|m| m.id == id).unwrap();
        m.change.as_ref().map(|c| (c.kind, c.tag))
    };
    assert_eq!(kind("1.4"), Some((Kind::Added, "Ny")));
    assert_eq!(kind("0.1"), Some((Kind::Moved, "Flyttad")));
    let moved = g.measures.iter().find(|m| m.id == "0.1").unwrap();
    assert_eq!(
        moved.change.as_ref().unwrap().fields["goal"].was.as_deref(),
        Some("M0")
    );
    // 1.2 and 1.3 stood between 1.1 and 1.4.
    let removed: Vec<(&str, Option<&str>)> = g
        .removed
        .iter()
        .map(|r| (r.id.as_str(), r.before.as_deref()))
        .collect();
    assert_eq!(removed, [("1.2", Some("1.4")), ("1.3", Some("1.4"))]);
    // The goal that went, with nothing left of it but its title.
    let changes = view.changes.as_ref().unwrap();
    assert_eq!(changes.removed_goals.len(), 1);
    assert_eq!(changes.removed_goals[0].at.anchor, "goal-M0");
    assert_eq!(changes.heading, "Ändringar sedan version 0.1");
}

#[test]
fn the_summary_links_each_change_to_its_place() {
    let old = three_measures();
    let new = MINIMAL
        .replace("version: \"0.1\"", "version: \"0.2\"")
        .replace("title: Utbilda personal", "title: Utbilda all personal");
    let view = compared(&old, &new);
    let changes = view.changes.unwrap();
    let links: Vec<(&str, Option<&str>)> = changes
        .groups
        .iter()
        .flat_map(|g| &g.entries)
        .map(|e| (e.id.as_str(), e.href.as_deref()))
        .collect();
    assert_eq!(
        links,
        [
            ("plan", Some("#doc-facts")),
            ("1.1", Some("#measure-1.1")),
            ("1.2", Some("#measure-1.2")),
            ("1.3", Some("#measure-1.3")),
        ]
    );
    let title = &changes.groups[1].entries[0];
    assert_eq!(title.what, "Titel");
    assert_eq!(
        title.after,
        [
            Segment {
                op: Op::Equal,
                text: "Utbilda ".into()
            },
            Segment {
                op: Op::Insert,
                text: "all".into()
            },
            Segment {
                op: Op::Equal,
                text: " personal".into()
            }
        ]
    );
    let removed = &changes.groups[1].entries[1];
    assert_eq!(
        (removed.kind, removed.what.as_str()),
        (Kind::Removed, "Borttagning")
    );
}

#[test]
fn paragraphs_split_at_blank_lines_and_marks_hold_words_only() {
    let segments = [
        Segment {
            op: Op::Equal,
            text: "Ett.\n\nTvå".into(),
        },
        Segment {
            op: Op::Insert,
            text: " tre ".into(),
        },
        Segment {
            op: Op::Equal,
            text: "fyra.".into(),
        },
    ];
    let ps = paragraphs(&segments);
    assert_eq!(ps.len(), 2);
    assert_eq!(
        ps[0],
        [Segment {
            op: Op::Equal,
            text: "Ett.".into()
        }]
    );
    assert_eq!(
        ps[1],
        [
            Segment {
                op: Op::Equal,
                text: "Två ".into()
            },
            Segment {
                op: Op::Insert,
                text: "tre".into()
            },
            Segment {
                op: Op::Equal,
                text: " fyra.".into()
            }
        ]
    );
}

/// Issue 24 #16: a field that had no value before is marked new, not as
/// "previously: –" with the dash struck through (which reads as a deletion).
#[test]
fn a_field_that_had_no_value_before_is_marked_new() {
    let old = three_measures();
    let new = old
        .replace(
            "title: Två, responsible: ks, deadline: 2020",
            "title: Två, responsible: ks, partners: [ifn], cost: 10 tkr, deadline: 2020",
        )
        .replace("  owner: ks\n", "  owner: ks\n  case_number: KS-2019/7\n");
    let view = compared(&old, &new);
    let two = view.goals[0].measures[1].change.as_ref().unwrap();
    for key in ["partners", "cost"] {
        let Some(mark) = two.fields.get(key) else {
            panic!("{key} is not marked: {two:?}")
        };
        assert!(mark.added, "{key}: {mark:?}");
        assert_eq!(mark.was, None, "{key}: {mark:?}");
    }
    let fact = view
        .meta
        .facts
        .iter()
        .find(|f| f.key == "case_number")
        .unwrap();
    let mark = fact.change.as_ref().expect("the row is marked");
    assert!(mark.added && mark.was.is_none(), "{mark:?}");
    // A value replaced by another still shows the earlier one.
    let view = compared(&new, &new.replace("partners: [ifn]", "partners: [ifn, ks]"));
    let partners = &view.goals[0].measures[1].change.as_ref().unwrap().fields["partners"];
    assert_eq!(
        (partners.added, partners.was.as_deref()),
        (false, Some("Individ- och familjenämnden (IFN)"))
    );
}
