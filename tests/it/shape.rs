//! Every shape error in one pass (`load::parse_all`): the parser's own first
//! error is always among them, and the items left out for a shape error leave
//! no trace in the validation of the rest.

use actionplan::diagnostics::{Code, Diagnostic};
use actionplan::source::SourceFile;
use actionplan::{check_source, load, validate};
use chrono::NaiveDate;
use proptest::prelude::*;

const MINIMAL: &str = include_str!("../fixtures/valid/minimal.yaml");
const EXAMPLE: &str = include_str!("../../plans/example-en.yaml");

fn options() -> validate::Options {
    validate::Options {
        today: NaiveDate::from_ymd_opt(2019, 9, 1).unwrap(),
    }
}

fn check(text: &str) -> Vec<Diagnostic> {
    let checked = check_source(SourceFile::new("p.yaml", text.to_string()), options());
    let has_errors = checked.diagnostics.iter().any(|d| d.is_error());
    assert_eq!(
        checked.plan.is_some(),
        !has_errors,
        "{:?}",
        checked.diagnostics
    );
    checked.diagnostics
}

/// The diagnostics as `code line:column message`.
fn lines(text: &str) -> Vec<String> {
    let file = SourceFile::new("p.yaml", text.to_string());
    check(text)
        .iter()
        .map(|d| {
            let at = d.span.map(|s| file.position(s.start)).unwrap();
            format!(
                "{} {}:{} {}",
                d.code.as_str(),
                at.line,
                at.column,
                d.message
            )
        })
        .collect()
}

/// The old promise, kept: what the parser reports first is reported, with
/// its code at the same place; a plan it reads has no shape error. (The words
/// may be better: a list given for `actionplan:` was "expected text".)
fn first_error_is_kept(text: &str) -> Result<(), TestCaseError> {
    let file = SourceFile::new("p.yaml", text.to_string());
    let all = load::parse_all(&file);
    match load::parse(&file) {
        Ok(document) => {
            prop_assert!(all.diagnostics.is_empty(), "{:?}", all.diagnostics);
            prop_assert!(all.document.is_some());
            same_as_walked(&file, &document);
        }
        Err(first) => {
            prop_assert!(
                all.diagnostics
                    .iter()
                    .any(|d| d.code == first.code && d.span == first.span),
                "{first:?} not in {:?}",
                all.diagnostics
            );
        }
    }
    for d in &all.diagnostics {
        let span = d.span.unwrap();
        prop_assert!(
            span.start <= span.end && span.end <= text.len() + 1,
            "{d:?}"
        );
    }
    check(text);
    Ok(())
}

/// The walk reads a plan the parser reads into the same document, spans and all.
fn same_as_walked(file: &SourceFile, document: &actionplan::raw::Document) {
    let walked = load::parse_walked(file);
    assert!(walked.diagnostics.is_empty(), "{:?}", walked.diagnostics);
    assert_eq!(
        format!("{:?}", walked.document.expect("a document")),
        format!("{document:?}")
    );
}

#[test]
fn the_walk_reads_valid_plans_as_the_parser_does() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut plans: Vec<std::path::PathBuf> = ["plans", "tests/fixtures/valid"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(root.join(dir)).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    plans.sort();
    assert!(plans.len() >= 3);
    for path in plans {
        let file = SourceFile::new(&path, std::fs::read_to_string(&path).unwrap());
        let document = load::parse(&file).unwrap_or_else(|d| panic!("{path:?}: {d:?}"));
        same_as_walked(&file, &document);
    }
}

/// Replaces the value (or the key) of line `line` of `text` with `edit`.
fn edit_line(text: &str, line: usize, edit: &Edit) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let i = line % lines.len();
    let l = lines[i].clone();
    let indent = l.len() - l.trim_start_matches([' ', '-']).len();
    let colon = l
        .find(": ")
        .or_else(|| l.strip_suffix(':').map(|s| s.len()));
    lines[i] = match (edit, colon) {
        (Edit::Value(v), Some(c)) => format!("{}: {v}", &l[..c]),
        (Edit::Key(suffix), Some(c)) if c > indent => format!("{}{suffix}{}", &l[..c], &l[c..]),
        (Edit::Delete, _) => String::new(),
        _ => l,
    };
    lines.join("\n") + "\n"
}

#[derive(Clone, Debug)]
enum Edit {
    Value(&'static str),
    Key(&'static str),
    Delete,
}

fn edits() -> impl Strategy<Value = Vec<(usize, Edit)>> {
    let edit = prop_oneof![
        prop::sample::select(vec![
            "[1, 2]", "{ a: 1 }", "x", "", "~", "12", "1.5", "true", "\"\"", "-", ".nan", "[]"
        ])
        .prop_map(Edit::Value),
        prop::sample::select(vec!["x", "_", "s"]).prop_map(Edit::Key),
        Just(Edit::Delete),
    ];
    prop::collection::vec((0usize..1000, edit), 1..5)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    /// Plans with wrong values, misspelt keys and lines missing.
    #[test]
    fn every_shape_error_keeps_the_first(edits in edits(), example in any::<bool>()) {
        let mut text = if example { EXAMPLE } else { MINIMAL }.to_string();
        for (line, edit) in &edits {
            text = edit_line(&text, *line, edit);
        }
        first_error_is_kept(&text)?;
    }

    /// Any text, in every style of YAML scalar, in a text field and a
    /// number field: read as the parser reads it.
    #[test]
    fn the_walk_reads_any_scalar_as_the_parser_does(text in "[^\\t\\r]{0,40}", style in 0..4usize) {
        let scalar = match style {
            0 => serde_json::to_string(&text).unwrap(),
            1 => format!("'{}'", text.replace('\'', "''")),
            2 => format!("|\n          {}", text.replace('\n', "\n          ")),
            _ => text.replace('\n', " "),
        };
        let text = MINIMAL
            .replace("        title: Utbilda personal", &format!("        title: {scalar}"))
            .replace("    title: Färre utsätts för våld", &format!("    title: x\n    indicators:\n      - id: I1\n        name: n\n        baseline: {{ value: {}, year: 2019 }}", scalar.replace('\n', " ")));
        first_error_is_kept(&text)?;
    }

    /// The minimal plan with YAML's special characters inserted anywhere.
    #[test]
    fn every_shape_error_keeps_the_first_on_mutated_yaml(
        edits in prop::collection::vec((0usize..2000, prop::sample::select(vec![":", "-", "[", "{", "\"", "'", "#", "&a", "*a", "!", "|", ">", "\n", " ", "}", "]", ",", "? ", "<<: ", "!!str ", "!!int ", "~"])), 1..6)
    ) {
        let mut text = MINIMAL.to_string();
        for (at, s) in edits {
            let mut at = at % (text.len() + 1);
            while !text.is_char_boundary(at) { at -= 1; }
            text.insert_str(at, s);
        }
        first_error_is_kept(&text)?;
    }
}

#[test]
fn the_fixtures_and_the_fuzz_corpus_keep_their_first_error() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in [
        "tests/fixtures/invalid",
        "tests/fixtures/fuzz/load_validate",
        "fuzz/seeds/load_validate",
    ] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let bytes = std::fs::read(entry.unwrap().path()).unwrap();
            first_error_is_kept(&String::from_utf8_lossy(&bytes)).unwrap();
        }
    }
}

#[test]
fn all_unknown_keys_of_a_mapping_and_all_its_missing_keys() {
    let text = MINIMAL.replace(
        "        responsible: ifn\n        deadline: 2020-06\n",
        "        owner: ifn\n        colour: red\n",
    );
    assert_eq!(
        lines(&text),
        [
            "E003 18:9 unknown key `owner`",
            "E003 19:9 unknown key `colour`",
            // Both at the mapping's last key, as serde-saphyr places a missing key.
            "E005 19:9 missing required key `responsible`",
            "E005 19:9 missing required key `deadline`",
        ]
    );
}

#[test]
fn a_misspelt_key_is_not_also_missing() {
    let text = MINIMAL.replace("        deadline: 2020-06", "        dedline: 2020-06");
    assert_eq!(
        lines(&text),
        ["E003 19:9 unknown key `dedline`"],
        "the help says: did you mean `deadline`?"
    );
}

#[test]
fn a_measure_left_out_leaves_no_unknown_id_behind() {
    // The measure has a wrong type; the follow-up names it, the other
    // measure's indicator list names an indicator left out too.
    let text = MINIMAL.replace(
        "    measures:\n",
        "    indicators:\n      - { id: I1, name: [x] }\n    measures:\n      - { id: \"1.0\", title: {}, responsible: ks, deadline: 2020 }\n",
    ) .replace("        deadline: 2020-06\n", "        deadline: 2020-06\n        indicators: [I1]\nfollow_up:\n  frequency: yearly\n  reporter: ks\n  recipient: ks\n  reports:\n    - date: 2020-01-01\n      measures: { \"1.0\": { status: done } }\n      indicators: { I1: 3 }\n");
    assert_eq!(
        lines(&text),
        [
            "E004 16:25 expected text, found a list",
            "E004 18:29 expected text, found a mapping",
        ]
    );
}

#[test]
fn a_goal_left_out_takes_its_indicators_and_measures_with_it() {
    let text = MINIMAL.replace(
        "        deadline: 2020-06\n",
        "        deadline: 2020-06\n        indicators: [I2]\n  - id: M2\n    title: [x]\n    indicators:\n      - { id: I2, name: n }\n    measures:\n      - { id: \"2.1\", title: t, responsible: ks, deadline: 2020 }\nfollow_up:\n  frequency: yearly\n  reporter: ks\n  recipient: ks\n  reports:\n    - date: 2020-01-01\n      measures: { \"2.1\": { status: done } }\n      indicators: { I2: 3 }\n",
    );
    assert_eq!(lines(&text), ["E004 22:12 expected text, found a list"]);
    // Without the wrong title the plan is valid: nothing else was hidden.
    assert_eq!(
        lines(&text.replace("title: [x]", "title: x")),
        ["W205 24:15 indicator `I2` has no baseline or target"]
    );
}

#[test]
fn a_body_left_out_is_neither_unknown_nor_unused() {
    let text = MINIMAL.replace(
        "  ifn: { name: Individ- och familjenämnden, short: IFN, kind: committee }",
        "  ifn: { name: Individ- och familjenämnden, short: [IFN], kind: committee }",
    );
    assert_eq!(lines(&text), ["E004 11:52 expected text, found a list"]);
}

#[test]
fn a_goal_emptied_or_left_out_is_not_reported_as_such() {
    // The goal's only measure is left out: not "goal without measures".
    let text = MINIMAL.replace("        deadline: 2020-06", "        deadline: [2020]");
    assert_eq!(lines(&text), ["E004 19:19 expected text, found a list"]);
    // The only goal is left out: not "the plan has no goals".
    let text = MINIMAL.replace("    title: Färre utsätts för våld", "    title: 5: x");
    let found = lines(&text);
    assert!(!found.iter().any(|l| l.starts_with("E115")), "{found:?}");
}

#[test]
fn validation_still_runs_beside_shape_errors_in_items() {
    let text = MINIMAL.replace("  owner: ks", "  owner: kss").replace(
        "        deadline: 2020-06",
        "        deadline: 2020-06\n        extra: 1",
    );
    assert_eq!(
        lines(&text),
        [
            "E107 8:10 no body with id `kss` is declared",
            "W204 10:3 body `ks` is declared but nothing refers to it",
            "E003 20:9 unknown key `extra`",
        ]
    );
}

#[test]
fn a_shape_error_outside_every_item_stops_validation_but_not_the_walk() {
    // A wrong title in the metadata leaves no plan to validate (the unknown
    // body is not reported), yet the measure's error is found.
    let text = MINIMAL
        .replace(
            "  title: Handlingsplan mot våld",
            "  title: [Handlingsplan]",
        )
        .replace(
            "        responsible: ifn",
            "        responsible: nobody\n        cost: [1]",
        );
    let found = lines(&text);
    assert_eq!(
        found,
        [
            "E004 3:10 expected text, found a list",
            "E004 19:15 expected text, found a list",
        ]
    );
    let codes: Vec<Code> = check(&text).iter().map(|d| d.code).collect();
    assert!(!codes.contains(&Code::UnknownBody));
}

#[test]
fn the_same_error_through_an_alias_is_reported_where_the_alias_is_used() {
    let text = MINIMAL
        .replace("  period: {", "  period: &p {")
        .replace("  owner: ks\n", "  owner: ks\n  decision: *p\n")
        .replace(
            "        deadline: 2020-06",
            "        deadline: 2020-06\n        start: *p",
        );
    let file = SourceFile::new("alias.yaml", text.clone());
    let parsed = load::parse_all(&file);
    let at: Vec<(&str, &str)> = parsed
        .diagnostics
        .iter()
        .map(|d| (d.code.as_str(), file.slice(d.span.unwrap())))
        .collect();
    assert_eq!(
        at,
        [
            ("E003", "*p"),
            ("E003", "*p"),
            ("E005", "*p"),
            ("E005", "*p"),
            ("E005", "*p"),
            ("E004", "*p"),
        ]
    );
}
