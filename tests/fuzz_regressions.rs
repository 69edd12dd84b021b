//! What the fuzzers found, kept as regression tests: every file under
//! `tests/fixtures/fuzz/<target>/` is run through the same checks as the fuzz
//! target of that name (see `fuzz/fuzz_targets/`). Add a crash by copying its
//! artifact there under a name that says what it was.
//!
//! The fuzzers found no crash in load and validate; `load_validate/` keeps a
//! few inputs from their corpus that reach odd corners (tabs, anchors, BOMs).
//!
//! `build_valid` artifacts are `arbitrary` bytes that only its harness can
//! decode: they are kept for `cargo fuzz run -s none build_valid FILE`, and
//! each has a plain test too (the fixture or unit test named in its commit).

use std::path::Path;
use std::sync::LazyLock;

use actionplan::diagnostics::{Report, render_github, render_human, render_json};
use actionplan::render::Templates;
use actionplan::render::fonts::Fonts;
use actionplan::render::pdf::PdfConfig;
use actionplan::source::SourceFile;
use actionplan::{RenderRequest, check_source, validate};
use chrono::NaiveDate;

static FONTS: LazyLock<Fonts> = LazyLock::new(|| Fonts::load(None).unwrap());

fn options() -> validate::Options {
    validate::Options {
        today: NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(),
    }
}

fn cases(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz")
        .join(target);
    let mut cases: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            (
                path.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&path).unwrap(),
            )
        })
        .collect();
    cases.sort();
    cases
}

/// The plan the `markdown` fuzz target builds around a Markdown text.
fn markdown_plan(markdown: &str) -> String {
    let q = |s: &str| serde_json::to_string(s).unwrap();
    format!(
        "actionplan: 1\nplan:\n  title: Fuzz\n  municipality: Fuzz kommun\n  status: draft\n  version: \"1\"\n  period: {{ from: 2020-01-01, to: 2024-12-31 }}\n  owner: b0\n  summary: {md}\nbodies:\n  b0: {{ name: Nämnd, kind: committee }}\ngoals:\n  - id: G0\n    title: Mål\n    description: {md}\n    measures:\n      - {{ id: \"0.0\", title: Åtgärd, description: {md}, responsible: b0, deadline: 2021-02 }}\n",
        md = q(markdown)
    )
}

#[test]
fn load_validate_regressions() {
    let cases = cases("load_validate");
    assert!(!cases.is_empty());
    for (name, bytes) in cases {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let checked = check_source(SourceFile::new("fuzz.yaml", text), options());
        assert!(
            checked.plan.is_some() || checked.diagnostics.iter().any(|d| d.is_error()),
            "{name}"
        );
        let report = Report {
            file: &checked.file,
            diagnostics: &checked.diagnostics,
        };
        let _ = render_human(&report, true);
        let _ = render_json(&[Report {
            file: &checked.file,
            diagnostics: &checked.diagnostics,
        }]);
        let _ = render_github(&report);
    }
}

#[test]
fn markdown_regressions() {
    let cases = cases("markdown");
    assert!(!cases.is_empty());
    for (name, bytes) in cases {
        // Stored as the text the harness decoded (arbitrary keeps the valid UTF-8 prefix).
        let markdown = String::from_utf8(bytes)
            .unwrap_or_else(|e| panic!("{name}: store the decoded text: {e}"));
        let checked = check_source(
            SourceFile::new("fuzz.yaml", markdown_plan(&markdown)),
            options(),
        );
        let Some(plan) = checked.plan else { continue };
        let templates = Templates::embedded();
        let date = NaiveDate::from_ymd_opt(2020, 1, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap();
        let request = RenderRequest {
            pdf: Some(PdfConfig {
                fonts: &FONTS,
                templates: &templates,
                timestamp: date,
            }),
            html: true,
            templates: &templates,
        };
        match actionplan::render(&plan, &request) {
            Ok(out) => assert_eq!(out.html.unwrap().matches("<script").count(), 1, "{name}"),
            Err(failure) => panic!(
                "{name}: a valid plan failed to build: {:?}",
                failure.diagnostics
            ),
        }
    }
}
