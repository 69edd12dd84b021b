//! The full build on arbitrary valid plans: every valid plan builds both
//! outputs (no template error, no PDF/A refusal), and text never becomes markup.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|parts: common::PlanParts| {
    // An empty title, say, is an error, not a build.
    if let Some((html, _pdf)) = common::build_both(common::plan_yaml(&parts)) {
        assert!(!html.contains("<script>alert"));
    }
});
