//! Markdown as the outputs see it: what is kept, what becomes text.

use super::*;

fn text(s: &str) -> Inline {
    Inline::Text {
        text: s.to_string(),
    }
}

#[test]
fn keeps_emphasis_lists_and_links() {
    let blocks = parse("Ett *viktigt* [mål](https://umea.se).\n\n- a\n- **b**\n", 2);
    assert_eq!(
        blocks[0],
        Block::Paragraph {
            content: vec![
                text("Ett "),
                Inline::Emph {
                    content: vec![text("viktigt")]
                },
                text(" "),
                Inline::Link {
                    url: "https://umea.se".into(),
                    content: vec![text("mål")]
                },
                text("."),
            ]
        }
    );
    let Block::List { ordered, items, .. } = &blocks[1] else {
        panic!("{blocks:?}")
    };
    assert!(!ordered);
    assert_eq!(items.len(), 2);
}

#[test]
fn drops_unsafe_link_targets_but_keeps_their_text() {
    let blocks = parse(
        "[klicka](javascript:alert(1)) [x](JaVaScRiPt:1) [y](data:text/html,1)",
        2,
    );
    let Block::Paragraph { content } = &blocks[0] else {
        panic!()
    };
    assert!(
        content.iter().all(|i| matches!(i, Inline::Text { .. })),
        "{content:?}"
    );
}

#[test]
fn raw_html_is_text() {
    let blocks = parse("<script>alert(1)</script>\n\nHej <b onclick=x>du</b>", 2);
    assert_eq!(
        blocks[0],
        Block::Paragraph {
            content: vec![text("<script>alert(1)</script>")]
        }
    );
    assert_eq!(
        blocks[1],
        Block::Paragraph {
            content: vec![text("Hej <b onclick=x>du</b>")]
        }
    );
}

#[test]
fn headings_are_offset_and_never_skip_a_level() {
    let levels = |text: &str, base: u8| -> Vec<u8> {
        parse(text, base)
            .iter()
            .filter_map(|b| match b {
                Block::Heading { level, .. } => Some(*level),
                _ => None,
            })
            .collect()
    };
    assert_eq!(levels("# A\n\n###### B", 2), [3, 4]);
    assert_eq!(levels("### A\n\n## B\n\n# C\n\n## D", 3), [4, 4, 4, 5]);
    assert_eq!(levels("# A\n\n## B\n\n### C\n\n#### D", 4), [5, 6, 6, 6]);
}

#[test]
fn empty_headings_are_dropped_and_empty_links_show_their_target() {
    // Found by the fuzzers: PDF/UA refuses an empty heading.
    assert_eq!(parse("#", 2), vec![]);
    assert_eq!(parse("##   \n\ntext", 2).len(), 1);
    let blocks = parse("[](https://a.se) [ ](mailto:x@y.se)", 2);
    let Block::Paragraph { content } = &blocks[0] else {
        panic!("{blocks:?}")
    };
    assert_eq!(
        content[0],
        Inline::Link {
            url: "https://a.se".into(),
            content: vec![text("https://a.se")]
        }
    );
}

#[test]
fn tables_keep_header_rows_and_alignment() {
    let blocks = parse("| a | b |\n|:--|--:|\n| 1 | 2 |\n", 2);
    let Block::Table {
        aligns,
        header,
        rows,
    } = &blocks[0]
    else {
        panic!("{blocks:?}")
    };
    assert_eq!(aligns, &["left", "right"]);
    assert_eq!(header.len(), 2);
    assert_eq!(rows.len(), 1);
}

#[test]
fn deep_nesting_is_flattened_not_recursed() {
    let deep = "> ".repeat(500) + "djupt";
    let blocks = parse(&deep, 2);
    let json = serde_json::to_string(&blocks).unwrap();
    assert!(json.contains("djupt"));
    assert!(json.matches("quote").count() <= MAX_NESTING + 1);
}
