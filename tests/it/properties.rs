//! Property tests: validation is total, plan text stays text in both outputs,
//! and building is deterministic, for generated inputs.

use std::sync::LazyLock;

use actionplan::engine::Lifetime;
use actionplan::source::SourceFile;
use actionplan::{Compiler, Input, Options, check_source, render, validate};
use chrono::NaiveDate;
use proptest::prelude::*;

const MINIMAL: &str = include_str!("../fixtures/valid/minimal.yaml");

fn options() -> validate::Options {
    validate::Options {
        today: NaiveDate::from_ymd_opt(2019, 9, 1).unwrap(),
    }
}

/// One engine per output, kept for every case, as a long-running command keeps one.
fn compiler(output: &str) -> Compiler {
    let options = Options {
        outputs: vec![render::output(output).unwrap()],
        timestamp: NaiveDate::from_ymd_opt(2019, 1, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0),
        lifetime: Lifetime::Long { evict_after: 0 },
        ..Options::build(options().today)
    };
    Compiler::new(options).unwrap()
}

static HTML: LazyLock<Compiler> = LazyLock::new(|| compiler("html"));
static PDF: LazyLock<Compiler> = LazyLock::new(|| compiler("pdf"));

/// The one document `compiler` makes of `yaml`, which must build.
fn build(compiler: &Compiler, yaml: String) -> Vec<u8> {
    let outcome = compiler.compile(&Input::Text {
        path: "p.yaml".into(),
        text: yaml,
    });
    assert!(outcome.plan.is_some(), "hostile text is still valid text");
    match outcome.documents.as_slice() {
        [document] => document.bytes.clone(),
        _ => panic!("not built: {:?}", outcome.reports),
    }
}

/// The plain-text fields of the minimal plan, as `(line in the file, replacement line with {})`.
const TEXT_FIELDS: &[(&str, &str)] = &[
    ("  title: Handlingsplan mot våld", "  title: {}"),
    ("  municipality: Testby kommun", "  municipality: {}"),
    ("  version: \"0.1\"", "  version: {}"),
    (
        "  ks: { name: Kommunstyrelsen, kind: board }",
        "  ks: { name: {}, kind: board }",
    ),
    ("    title: Färre utsätts för våld", "    title: {}"),
    ("        title: Utbilda personal", "        title: {}"),
];

/// A plan with `text` in the field `field`, written as a YAML double-quoted string.
fn plan_with(field: usize, text: &str) -> String {
    let (line, template) = TEXT_FIELDS[field];
    // A JSON string is a valid YAML double-quoted scalar.
    let quoted = serde_json::to_string(text).unwrap();
    MINIMAL.replacen(line, &template.replace("{}", &quoted), 1)
}

/// Text a hostile author might write: markup of every kind, Unicode, bidi controls.
fn hostile_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "#set page(width: 1pt)",
        "$x$",
        "@ref",
        "<label>",
        "]",
        "\\",
        "//",
        "#{panic()}",
        "*",
        "_",
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "\" onmouseover=\"x",
        "</style>",
        "{{ 7*7 }}",
        "{% raw %}",
        "&amp;",
        "&",
        "'",
        "\"",
        "`",
        "å",
        "Ä",
        "ö",
        "مريم",
        "שרה",
        "\u{202e}",
        "\u{200f}",
        "🎉",
        " ",
        "x",
        "1.10",
    ]);
    prop::collection::vec(pieces, 1..8)
        .prop_map(|p| p.concat())
        .prop_filter("not blank", |s| !s.trim().is_empty())
}

/// What `text` looks like in the page: escaped as minijinja escapes HTML.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#x27;")
        .replace('/', "&#x2f;")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    /// Any bytes: a diagnostic or a plan, never a panic.
    #[test]
    fn validation_is_total_on_any_text(text in ".{0,400}") {
        let checked = check_source(SourceFile::new("p.yaml", text), options());
        let has_errors = checked.diagnostics.iter().any(|d| d.is_error());
        prop_assert_eq!(checked.plan.is_some(), !has_errors, "{:?}", checked.diagnostics);
    }

    /// The minimal plan with YAML's special characters inserted anywhere.
    #[test]
    fn validation_is_total_on_mutated_plans(
        edits in prop::collection::vec((0usize..2000, prop::sample::select(vec![":", "-", "[", "{", "\"", "'", "#", "&a", "*a", "!", "|", ">", "\t", "\n", " ", "%", "@", "é", "}", "]", ",", "? ", "<<: "])), 1..6)
    ) {
        let mut text = MINIMAL.to_string();
        for (at, s) in edits {
            let mut at = at % (text.len() + 1);
            while !text.is_char_boundary(at) { at -= 1; }
            text.insert_str(at, s);
        }
        let checked = check_source(SourceFile::new("p.yaml", text), options());
        let has_errors = checked.diagnostics.iter().any(|d| d.is_error());
        prop_assert_eq!(checked.plan.is_some(), !has_errors, "{:?}", checked.diagnostics);
        for d in &checked.diagnostics {
            if let Some(span) = d.span {
                prop_assert!(span.start <= span.end && span.end <= checked.file.text().len() + 1);
            }
        }
    }

    /// Hostile text in any text field is shown as that text in the HTML.
    #[test]
    fn text_stays_text_in_the_html(field in 0..TEXT_FIELDS.len(), text in hostile_text()) {
        let html = String::from_utf8(build(&HTML, plan_with(field, &text))).unwrap();
        prop_assert!(html.contains(&escaped(&text)), "the HTML lacks {:?}", escaped(&text));
        prop_assert!(!html.contains("<img src=x"));
        prop_assert!(!html.contains("<script>alert"));
        prop_assert!(!html.contains("onmouseover=\"x"));
        // Same input, same bytes.
        let again = String::from_utf8(build(&HTML, plan_with(field, &text))).unwrap();
        prop_assert_eq!(html, again);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, failure_persistence: None, ..ProptestConfig::default() })]

    /// Hostile text builds into a PDF, twice the same bytes. (That the text is
    /// printed literally is checked on the extracted text by tests/conformance.)
    #[test]
    fn pdfs_build_and_repeat_with_hostile_text(field in 0..TEXT_FIELDS.len(), text in hostile_text()) {
        let first = build(&PDF, plan_with(field, &text));
        let second = build(&PDF, plan_with(field, &text));
        prop_assert!(first == second);
    }
}
