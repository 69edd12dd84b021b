//! Markdown → tree → PDF and HTML: any Markdown in a summary, a goal and a
//! measure builds, and no raw HTML or unsafe link survives into the page.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|markdown: String| {
    let _ = actionplan::view::markdown::parse(&markdown, 2);
    let parts = common::PlanParts {
        title: "Fuzz".into(),
        english: false,
        status: 0,
        summary: Some(markdown.clone()),
        body_names: vec!["Nämnd".into()],
        goals: vec![common::Goal {
            title: "Mål".into(),
            description: Some(markdown.clone()),
            measures: vec![common::Measure {
                title: "Åtgärd".into(),
                description: Some(markdown),
                responsible: 0,
                partners: vec![],
                start: None,
                deadline: (1, 1),
                status: 0,
                cost: None,
            }],
        }],
    };
    let Some(plan) = common::validated(common::plan_yaml(&parts)) else {
        return;
    };
    let (html, _pdf) = common::build_both(&plan);
    assert_eq!(html.matches("<script").count(), 1, "only our own script");
    assert!(!html.to_ascii_lowercase().contains("href=\"javascript:"));
});
