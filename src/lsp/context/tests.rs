//! Unit tests of `spot`: what is being written at a place in a plan.
use super::super::schema::dotted;
use super::*;

/// The spot at `§` in `text`: its path, what, and the word typed.
fn at(text: &str) -> Option<(String, What, String)> {
    let offset = text.find('§').unwrap();
    let text = text.replacen('§', "", 1);
    let s = spot(&text, offset)?;
    Some((
        dotted(&s.path),
        s.what,
        text[s.token.0..s.token.1].to_string(),
    ))
}

const GOAL: &str =
    "goals:\n  - id: G1\n    title: Mål\n    measures:\n      - id: M1\n        title: x\n";

#[test]
fn a_key_being_typed() {
    let (path, what, word) = at(&format!("{GOAL}        resp§\n")).unwrap();
    assert_eq!(
        (path.as_str(), what, word.as_str()),
        ("goals.*.measures.*", What::Key, "resp")
    );
    let (path, what, _) = at(&format!("{GOAL}        §\n")).unwrap();
    assert_eq!((path.as_str(), what), ("goals.*.measures.*", What::Key));
    let (path, what, _) = at(&format!("{GOAL}    §\n")).unwrap();
    assert_eq!((path.as_str(), what), ("goals.*", What::Key));
    assert_eq!(at("§").unwrap().0, "");
    let offset = GOAL.len() + 8;
    let text = format!("{GOAL}        \n        deadline: 2020\n");
    let s = spot(&text, offset).unwrap();
    let mut keys = s.siblings;
    keys.sort();
    assert_eq!(keys, ["deadline", "id", "title"]);
}

#[test]
fn a_value_being_typed() {
    let (path, what, word) = at(&format!("{GOAL}        responsible: i§fn\n")).unwrap();
    assert_eq!(
        (path.as_str(), what, word.as_str()),
        ("goals.*.measures.*.responsible", What::Value, "i")
    );
    let (path, _, word) = at(&format!("{GOAL}        partners: [ifn, f§]\n")).unwrap();
    assert_eq!(
        (path.as_str(), word.as_str()),
        ("goals.*.measures.*.partners.*", "f")
    );
    let (path, what, _) = at(&format!(
        "{GOAL}        partners:\n          - ifn\n          - §\n"
    ))
    .unwrap();
    assert_eq!(
        (path.as_str(), what),
        ("goals.*.measures.*.partners.*", What::KeyOrValue)
    );
    let (path, _, word) = at("plan:\n  decision: { date: 2020-01-01, body: k§ }\n").unwrap();
    assert_eq!((path.as_str(), word.as_str()), ("plan.decision.body", "k"));
    let (path, what, _) = at("plan:\n  period: { from: 2020-01-01, § }\n").unwrap();
    assert_eq!((path.as_str(), what), ("plan.period", What::Key));
}

#[test]
fn a_list_under_a_key_at_the_same_column() {
    let (path, what, word) = at("goals:\n- id: G1\n  measures:\n  - id: M1\n    st§").unwrap();
    assert_eq!(
        (path.as_str(), what, word.as_str()),
        ("goals.*.measures.*", What::Key, "st")
    );
}

#[test]
fn nothing_inside_texts_and_comments() {
    assert_eq!(at("plan:\n  summary: |\n    Text §\n"), None);
    assert_eq!(at("plan:\n  title: \"Ti§"), None);
    assert_eq!(at("plan:\n  owner: ks # a §"), None);
    assert_eq!(at("# §"), None);
}
