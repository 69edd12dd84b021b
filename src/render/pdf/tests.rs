//! What the PDF template lays out, read from Typst's pages (the PDF's own
//! text is compressed and encoded; `tests/conformance` reads it with poppler).

use typst::layout::{Frame, FrameItem};
use typst_layout::PagedDocument;

use super::super::Templates;
use super::super::fonts::Fonts;
use super::super::world::PlanWorld;
use crate::view;

const MINIMAL: &str = include_str!("../../../tests/fixtures/valid/minimal.yaml");

/// The text of each page of the embedded template's layout of a plan.
fn pages_of(yaml: &str) -> Vec<String> {
    let data = serde_json::to_vec(&view::tests::view_of(yaml)).unwrap();
    let fonts = Fonts::load(None).unwrap();
    let template = Templates::embedded().load("plan.typ").unwrap();
    let markdown = Templates::embedded().load("markdown.typ").unwrap();
    let world = PlanWorld::new(template.text().to_string(), data, &fonts, None, None)
        .with_file("/markdown.typ", markdown.text().as_bytes().to_vec());
    let document = typst::compile::<PagedDocument>(&world)
        .output
        .expect("the template lays out the plan");
    fn collect(frame: &Frame, out: &mut String) {
        for (_, item) in frame.items() {
            match item {
                FrameItem::Group(group) => collect(&group.frame, out),
                FrameItem::Text(text) => {
                    out.push_str(&text.text);
                    out.push(' ');
                }
                _ => {}
            }
        }
    }
    document
        .pages()
        .iter()
        .map(|page| {
            let mut text = String::new();
            collect(&page.frame, &mut text);
            text
        })
        .collect()
}

/// Without spaces, so it does not matter how Typst splits a line into runs.
fn squeezed(text: &str) -> String {
    text.split_whitespace().collect()
}

fn with_status(status: &str) -> String {
    MINIMAL.replace(
        "  status: draft\n",
        &format!("  status: {status}\n  decision: {{ body: ks, date: 2018-12-10, paragraph: \"§ 12\" }}\n"),
    )
}

#[test]
fn a_revoked_plan_has_its_banner_on_the_first_page() {
    // Regression: the template chose the banner from the status itself and
    // knew only drafts and proposals, so a revoked plan had none in the PDF.
    let pages = pages_of(&with_status("revoked"));
    assert!(
        squeezed(&pages[0]).contains(&squeezed("UPPHÄVD – gäller inte längre")),
        "{}",
        pages[0]
    );
}

#[test]
fn the_banner_follows_the_status() {
    let draft = pages_of(MINIMAL);
    assert!(squeezed(&draft[0]).contains(&squeezed("UTKAST – inte beslutat")));
    let adopted = pages_of(&with_status("adopted"));
    assert!(!squeezed(&adopted[0]).contains("intebeslutat"));
    assert!(!squeezed(&adopted[0]).contains("UPPHÄVD"));
}

#[test]
fn every_page_has_the_footer_of_the_view() {
    let pages = pages_of(&with_status("revoked"));
    for (i, page) in pages.iter().enumerate() {
        assert!(
            squeezed(page).contains(&squeezed("Testby kommun · Version 0.1 · Upphävd")),
            "page {}: {page}",
            i + 1
        );
    }
}

/// The files a Typst template imports: `#import "markdown.typ": blocks`.
fn imports(template: &str) -> Vec<&str> {
    template
        .lines()
        .filter_map(|line| line.trim_start().strip_prefix("#import \""))
        .filter_map(|rest| rest.split('"').next())
        .collect()
}

/// `--emit-typst` writes what `typeset` keeps as its inputs: every file the
/// template imports must be among them, or `typst compile` on the emitted
/// folder fails with "file not found". For the plan's PDF and the report's.
#[test]
fn the_inputs_hold_every_template_the_document_imports() {
    let yaml = include_str!("../../../plans/umea-handlingsplan-mot-vald.yaml");
    let file = crate::source::SourceFile::new("umea.yaml", yaml.to_string());
    let today = chrono::NaiveDate::from_ymd_opt(2018, 9, 1).unwrap();
    let checked = crate::check_source(file, crate::validate::Options { today });
    let plan = checked.plan.expect("the example plan is valid");
    let fonts = Fonts::load(None).unwrap();
    let templates = Templates::embedded();
    let context = super::super::Context {
        templates: &templates,
        fonts: Some(&fonts),
        timestamp: today.and_time(chrono::NaiveTime::MIN),
        archive: None,
    };
    let report = crate::report::build(&plan, None).expect("the example has follow-ups");
    for (name, rendered) in [
        (
            "plan.typ",
            super::typeset("plan.typ", &view::build(&plan), &context),
        ),
        (
            "report.typ",
            super::typeset("report.typ", &report, &context),
        ),
    ] {
        let names: Vec<&str> = rendered.inputs.iter().map(|(n, _)| *n).collect();
        let (_, template) = rendered
            .inputs
            .iter()
            .find(|(n, _)| *n == name)
            .unwrap_or_else(|| panic!("{name} is not among the inputs {names:?}"));
        let wanted = imports(std::str::from_utf8(template).unwrap());
        assert!(wanted.contains(&"markdown.typ"), "{name}: {wanted:?}");
        for file in wanted.iter().chain(&["data.json"]) {
            assert!(
                names.contains(file),
                "{name} reads {file}, not among {names:?}"
            );
        }
    }
}
