//! Markdown → tree → PDF and HTML: any Markdown in a summary, a goal and a
//! measure builds, and no raw HTML or unsafe link survives into the page.
#![no_main]

#[path = "../../tests/it/support/oracles.rs"]
#[allow(dead_code)]
mod oracles;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|markdown: String| {
    let _ = actionplan::view::markdown::parse(&markdown, 2);
    oracles::build_both(oracles::markdown_plan(&markdown));
});
