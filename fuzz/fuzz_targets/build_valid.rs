//! The full build on arbitrary valid plans: every valid plan builds both
//! outputs (no template error, no PDF/A refusal), and text never becomes markup.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|parts: common::PlanParts| {
    // An empty title, say, is an error, not a build.
    if let Some(plan) = common::validated(common::plan_yaml(&parts)) {
        let (html, _pdf) = common::build_both(&plan);
        assert!(!html.contains("<script>alert"));
    }
});
