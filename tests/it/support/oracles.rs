//! What must hold for any input: shared by the fuzz targets (`fuzz/`) and by
//! `tests/it/fuzz_regressions.rs`, which replays what the fuzzers found, so both
//! check exactly the same things.

use std::sync::LazyLock;

use actionplan::diagnostics::{Report, render_github, render_human, render_json};
use actionplan::engine::{Lifetime, Verdict};
use actionplan::source::SourceFile;
use actionplan::{Compiler, Input, check_source, validate};

/// One engine for every case of a run, as a long-running command keeps one:
/// Typst's cache is emptied after each build, so memory stays bounded.
static COMPILER: LazyLock<Compiler> = LazyLock::new(|| {
    let options = actionplan::Options {
        timestamp: chrono::NaiveDate::from_ymd_opt(2020, 1, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0),
        lifetime: Lifetime::Long { evict_after: 0 },
        ..actionplan::Options::build(options().today)
    };
    Compiler::new(options).expect("the embedded fonts load")
});

fn options() -> validate::Options {
    validate::Options {
        today: chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(),
    }
}

/// Any bytes: a plan or an error, spans inside the file, every renderer runs.
pub fn check_any_bytes(data: &[u8]) {
    let text = String::from_utf8_lossy(data).into_owned();
    let len = text.len();
    let checked = check_source(SourceFile::new("fuzz.yaml", text), options());
    // A plan exactly when nothing is wrong: an item left out of the plan
    // without an error, or an error that lets a plan through, fails here.
    let has_errors = checked.diagnostics.iter().any(|d| d.is_error());
    assert_eq!(
        checked.plan.is_some(),
        !has_errors,
        "{:?}",
        checked.diagnostics
    );
    for d in &checked.diagnostics {
        if let Some(span) = d.span {
            assert!(span.start <= span.end && span.start <= len + 1, "{d:?}");
        }
    }
    let report = Report {
        file: &checked.file,
        diagnostics: &checked.diagnostics,
    };
    let _ = render_human(&report, true);
    let _ = render_json(std::slice::from_ref(&report));
    let _ = render_github(&report);
}

/// A YAML double-quoted scalar holding `s` exactly (a JSON string is one).
pub fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

/// A small plan with `markdown` as its summary, a goal's and a measure's description.
pub fn markdown_plan(markdown: &str) -> String {
    format!(
        "actionplan: 1\nplan:\n  title: Fuzz\n  municipality: Fuzz kommun\n  status: draft\n  version: \"1\"\n  period: {{ from: 2020-01-01, to: 2024-12-31 }}\n  owner: b0\n  summary: {md}\nbodies:\n  b0: {{ name: Nämnd, kind: committee }}\ngoals:\n  - id: G0\n    title: Mål\n    description: {md}\n    measures:\n      - {{ id: \"0.0\", title: Åtgärd, description: {md}, responsible: b0, deadline: 2021-02 }}\n",
        md = q(markdown)
    )
}

/// Builds both outputs of the plan `yaml`, if it is a valid one (`None`
/// otherwise): a failure to build a valid plan is a bug (no template error,
/// no PDF/A or PDF/UA refusal), and the page runs only our script.
pub fn build_both(yaml: String) -> Option<(String, Vec<u8>)> {
    let outcome = COMPILER.compile(&actionplan::Request::plan(Input::Text {
        path: "fuzz.yaml".into(),
        text: yaml,
    }));
    outcome.plan.as_ref()?;
    assert_eq!(
        outcome.verdict(),
        Verdict::Ok,
        "a valid plan failed to build: {:?}",
        outcome.reports
    );
    let document = |name: &str| {
        outcome
            .documents
            .iter()
            .find(|d| d.format.name == name)
            .map(|d| d.bytes.clone())
            .expect("every output is made")
    };
    let html = String::from_utf8(document("html")).expect("the page is UTF-8");
    assert_eq!(html.matches("<script").count(), 1, "only our own script");
    assert!(!html.to_ascii_lowercase().contains("href=\"javascript:"));
    Some((html, document("pdf")))
}
