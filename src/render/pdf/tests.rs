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
