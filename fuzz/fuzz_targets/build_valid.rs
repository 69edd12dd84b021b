//! The full build on arbitrary valid plans: every valid plan builds both
//! outputs (no template error, no PDF/A refusal), and text never becomes markup.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|parts: common::PlanParts| {
    let Some(plan) = common::validated(common::plan_yaml(&parts)) else {
        return; // e.g. an empty title: an error, not a build
    };
    let (html, _pdf) = common::build_both(&plan);
    assert!(!html.contains("<script>alert"));
    assert_eq!(html.matches("<script").count(), 1, "only our own script");
});
