//! Load + validate on arbitrary bytes: a plan or an error diagnostic, spans
//! inside the file, and every renderer of diagnostics runs.
#![no_main]

use actionplan::diagnostics::{Report, render_github, render_human, render_json};
use actionplan::source::SourceFile;
use actionplan::{check_source, validate};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let len = text.len();
    let options = validate::Options {
        today: chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(),
    };
    let checked = check_source(SourceFile::new("fuzz.yaml", text), options);
    assert!(checked.plan.is_some() || checked.diagnostics.iter().any(|d| d.is_error()));
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
    let _ = render_json(&[Report {
        file: &checked.file,
        diagnostics: &checked.diagnostics,
    }]);
    let _ = render_github(&report);
});
