//! Golden snapshots of what a reader sees: the view model (JSON) and the HTML
//! page of the example plans. A change to either shows up as a reviewable
//! diff; regenerate with `INSTA_UPDATE=always cargo test --test golden`.

use actionplan::source::SourceFile;
use actionplan::{Compiler, Input, Options, check_source, render, validate, view};
use chrono::NaiveDate;

fn plan(path: &str, today: (i32, u32, u32)) -> actionplan::model::Plan {
    let full = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    let text = std::fs::read_to_string(full).unwrap();
    let options = validate::Options {
        today: NaiveDate::from_ymd_opt(today.0, today.1, today.2).unwrap(),
    };
    let checked = check_source(SourceFile::new(path, text), options);
    assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
    checked.plan.unwrap()
}

#[test]
fn example_plans_view_models() {
    for (name, path, today) in [
        (
            "umea",
            "plans/umea-handlingsplan-mot-vald.yaml",
            (2018, 9, 1),
        ),
        ("example-en", "plans/example-en.yaml", (2025, 3, 1)),
    ] {
        let view = view::build(&plan(path, today));
        insta::assert_json_snapshot!(format!("view__{name}"), view);
    }
}

#[test]
fn example_plan_html() {
    let path = "plans/umea-handlingsplan-mot-vald.yaml";
    let options = Options {
        formats: vec![render::formats::by_name("html").unwrap()],
        ..Options::build(NaiveDate::from_ymd_opt(2018, 9, 1).unwrap())
    };
    let outcome = Compiler::new(options)
        .unwrap()
        .compile(&actionplan::Request::plan(Input::File(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path),
        )));
    assert_eq!(
        outcome.errors() + outcome.warnings(),
        0,
        "{:?}",
        outcome.reports
    );
    let html = String::from_utf8(outcome.documents[0].bytes.clone()).unwrap();
    insta::assert_snapshot!("html__umea", html);
}
