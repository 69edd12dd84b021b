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

use crate::support::oracles;

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

#[test]
fn load_validate_regressions() {
    let cases = cases("load_validate");
    assert!(!cases.is_empty());
    for (_, bytes) in cases {
        oracles::check_any_bytes(&bytes);
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
        oracles::build_both(oracles::markdown_plan(&markdown));
    }
}
