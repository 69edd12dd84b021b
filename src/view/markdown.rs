//! Markdown → a small serialisable tree that both templates walk.
//!
//! comrak parses (CommonMark + GFM tables and strikethrough); this module
//! keeps only what a governing document needs and turns everything else into
//! text: raw HTML is shown as the text it is, images become their alt text,
//! and a link whose scheme is not `http`, `https` or `mailto` (or relative)
//! keeps its text but loses its target. Nothing here is markup for Typst or
//! HTML: the tree is data, escaped or laid out by the renderers.

use comrak::nodes::{AstNode, ListType, NodeValue, TableAlignment};
use comrak::{Arena, Options, parse_document};
use serde::Serialize;

/// The deepest nesting of lists and quotes kept; deeper content is flattened to text.
pub const MAX_NESTING: usize = 16;

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    Paragraph {
        content: Vec<Inline>,
    },
    /// `level` is already offset for where the text stands (2–6).
    Heading {
        level: u8,
        content: Vec<Inline>,
    },
    List {
        ordered: bool,
        start: usize,
        items: Vec<Vec<Block>>,
    },
    Quote {
        blocks: Vec<Block>,
    },
    Code {
        text: String,
    },
    Table {
        aligns: Vec<&'static str>,
        header: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
    },
    Rule,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Inline {
    Text { text: String },
    Emph { content: Vec<Inline> },
    Strong { content: Vec<Inline> },
    Strike { content: Vec<Inline> },
    Code { text: String },
    Link { url: String, content: Vec<Inline> },
    Break,
}

/// Parses Markdown. The first heading becomes level `heading_base + 1`; see [`even_out_headings`].
pub fn parse(text: &str, heading_base: u8) -> Vec<Block> {
    let arena = Arena::new();
    let mut options = Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.extension.autolink = true;
    let root = parse_document(&arena, text, &options);
    let converter = Converter;
    let mut blocks = converter.blocks(root, 0);
    even_out_headings(&mut blocks, heading_base);
    blocks
}

/// Headings never skip a level (`#` then `###` becomes levels 3 and 4), as
/// WCAG and the HTML checker require, and never rise above the text's place:
/// each heading is one below the nearest earlier heading of higher rank.
fn even_out_headings(blocks: &mut [Block], base: u8) {
    // (rank written in the Markdown, level given), outermost first.
    let mut open: Vec<(u8, u8)> = Vec::new();
    even_out(blocks, base, &mut open);
}

fn even_out(blocks: &mut [Block], base: u8, open: &mut Vec<(u8, u8)>) {
    for block in blocks {
        match block {
            Block::Heading { level, .. } => {
                let rank = *level;
                while open.last().is_some_and(|&(r, _)| r >= rank) {
                    open.pop();
                }
                let parent = open.last().map_or(base, |&(_, l)| l);
                *level = (parent + 1).min(6);
                open.push((rank, *level));
            }
            Block::List { items, .. } => {
                for item in items {
                    even_out(item, base, open);
                }
            }
            Block::Quote { blocks } => even_out(blocks, base, open),
            _ => {}
        }
    }
}

/// A link target as the outputs may use it: http, https, mailto or relative,
/// with characters a URL may not hold percent-encoded (so `"`, `<`, spaces or a
/// stray `%` cannot break the page's HTML). `None` for any other scheme.
pub fn safe_url(url: &str) -> Option<String> {
    if !is_safe_url(url) {
        return None;
    }
    let url = url.trim();
    let bytes = url.as_bytes();
    let mut out = String::with_capacity(url.len());
    for (i, c) in url.char_indices() {
        match c {
            '%' => {
                let hex = |b: Option<&u8>| b.is_some_and(u8::is_ascii_hexdigit);
                if hex(bytes.get(i + 1)) && hex(bytes.get(i + 2)) {
                    out.push('%');
                } else {
                    out.push_str("%25");
                }
            }
            c if c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=".contains(c) => out.push(c),
            c => {
                let mut buf = [0; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
        }
    }
    Some(out)
}

/// Whether a link target may be kept: http, https, mailto, or relative.
pub fn is_safe_url(url: &str) -> bool {
    let url = url.trim();
    let scheme_end = url.find([':', '/', '?', '#']);
    match scheme_end {
        Some(i) if url[i..].starts_with(':') => {
            let scheme = url[..i].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto")
        }
        // No scheme: a relative link, unless it is protocol-relative (`//host`).
        _ => !url.starts_with("//") && !url.contains('\\'),
    }
}

struct Converter;

impl Converter {
    fn blocks<'a>(&self, node: &'a AstNode<'a>, depth: usize) -> Vec<Block> {
        let mut out = Vec::new();
        for child in node.children() {
            self.block(child, depth, &mut out);
        }
        out
    }

    fn block<'a>(&self, node: &'a AstNode<'a>, depth: usize, out: &mut Vec<Block>) {
        let value = node.data.borrow().value.clone();
        if depth > MAX_NESTING {
            let text = plain_text(node);
            if !text.trim().is_empty() {
                out.push(Block::Paragraph {
                    content: vec![Inline::Text { text }],
                });
            }
            return;
        }
        match value {
            NodeValue::Paragraph => out.push(Block::Paragraph {
                content: self.inlines(node),
            }),
            // The rank as written; `even_out_headings` gives the level. A
            // heading with no text is no heading (PDF/UA refuses empty ones).
            NodeValue::Heading(h) => {
                let content = self.inlines(node);
                if !is_blank(&content) {
                    out.push(Block::Heading {
                        level: h.level,
                        content,
                    });
                }
            }
            NodeValue::List(list) => {
                let items = node
                    .children()
                    .map(|item| self.blocks(item, depth + 1))
                    .collect();
                out.push(Block::List {
                    ordered: list.list_type == ListType::Ordered,
                    start: list.start,
                    items,
                });
            }
            NodeValue::BlockQuote => out.push(Block::Quote {
                blocks: self.blocks(node, depth + 1),
            }),
            NodeValue::CodeBlock(code) => out.push(Block::Code {
                text: code.literal.trim_end_matches('\n').to_string(),
            }),
            NodeValue::HtmlBlock(html) => out.push(Block::Paragraph {
                content: vec![Inline::Text {
                    text: html.literal.trim_end().to_string(),
                }],
            }),
            NodeValue::ThematicBreak => out.push(Block::Rule),
            NodeValue::Table(table) => {
                let aligns = table
                    .alignments
                    .iter()
                    .map(|a| match a {
                        TableAlignment::Center => "center",
                        TableAlignment::Right => "right",
                        _ => "left",
                    })
                    .collect();
                let mut rows: Vec<Vec<Vec<Inline>>> = node
                    .children()
                    .map(|row| row.children().map(|cell| self.inlines(cell)).collect())
                    .collect();
                let header = if rows.is_empty() {
                    Vec::new()
                } else {
                    rows.remove(0)
                };
                out.push(Block::Table {
                    aligns,
                    header,
                    rows,
                });
            }
            // Anything else that can hold blocks (e.g. a list item) is unwrapped.
            _ => out.extend(self.blocks(node, depth + 1)),
        }
    }

    fn inlines<'a>(&self, node: &'a AstNode<'a>) -> Vec<Inline> {
        let mut out: Vec<Inline> = Vec::new();
        for child in node.children() {
            self.inline(child, &mut out);
        }
        merge_text(out)
    }

    fn inline<'a>(&self, node: &'a AstNode<'a>, out: &mut Vec<Inline>) {
        let value = node.data.borrow().value.clone();
        match value {
            NodeValue::Text(text) => out.push(Inline::Text {
                text: text.to_string(),
            }),
            NodeValue::SoftBreak => out.push(Inline::Text {
                text: " ".to_string(),
            }),
            NodeValue::LineBreak => out.push(Inline::Break),
            NodeValue::Code(code) => out.push(Inline::Code { text: code.literal }),
            NodeValue::HtmlInline(html) => out.push(Inline::Text { text: html }),
            NodeValue::Emph => out.push(Inline::Emph {
                content: self.inlines(node),
            }),
            NodeValue::Strong => out.push(Inline::Strong {
                content: self.inlines(node),
            }),
            NodeValue::Strikethrough => out.push(Inline::Strike {
                content: self.inlines(node),
            }),
            NodeValue::Link(link) => {
                let content = self.inlines(node);
                match safe_url(&link.url) {
                    // A link needs words to be read out: with none, its target is its text.
                    Some(url) if is_blank(&content) => out.push(Inline::Link {
                        content: vec![Inline::Text { text: url.clone() }],
                        url,
                    }),
                    Some(url) => out.push(Inline::Link { url, content }),
                    None => out.extend(content),
                }
            }
            NodeValue::Image(_) => out.extend(self.inlines(node)),
            _ => out.extend(self.inlines(node)),
        }
    }
}

/// Whether inline content shows no text at all.
fn is_blank(inlines: &[Inline]) -> bool {
    inlines.iter().all(|i| match i {
        Inline::Text { text } | Inline::Code { text } => text.trim().is_empty(),
        Inline::Emph { content }
        | Inline::Strong { content }
        | Inline::Strike { content }
        | Inline::Link { content, .. } => is_blank(content),
        Inline::Break => true,
    })
}

/// Joins neighbouring text runs, so templates see one run per stretch of text.
fn merge_text(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(inlines.len());
    for inline in inlines {
        if let (Some(Inline::Text { text: last }), Inline::Text { text }) =
            (out.last_mut(), &inline)
        {
            last.push_str(text);
            continue;
        }
        out.push(inline);
    }
    out
}

fn plain_text<'a>(node: &'a AstNode<'a>) -> String {
    let mut text = String::new();
    for d in node.descendants() {
        match &d.data.borrow().value {
            NodeValue::Text(t) => text.push_str(t),
            NodeValue::Code(c) => text.push_str(&c.literal),
            NodeValue::SoftBreak | NodeValue::LineBreak => text.push(' '),
            _ => {}
        }
    }
    text
}

#[cfg(test)]
mod tests {
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
        assert!(is_safe_url("mailto:a@b.se"));
        assert!(is_safe_url("../plan.html#m1"));
        assert!(!is_safe_url("//evil.example/x"));
        assert!(!is_safe_url("vbscript:x"));
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
    fn link_targets_are_percent_encoded() {
        assert_eq!(
            safe_url("https://a.se/x y\"<>").as_deref(),
            Some("https://a.se/x%20y%22%3C%3E")
        );
        assert_eq!(
            safe_url("https://a.se/100%").as_deref(),
            Some("https://a.se/100%25")
        );
        assert_eq!(
            safe_url("https://a.se/%C3%A5").as_deref(),
            Some("https://a.se/%C3%A5")
        );
        assert_eq!(
            safe_url("https://umeå.se").as_deref(),
            Some("https://ume%C3%A5.se")
        );
        assert_eq!(safe_url("javascript:alert(1)"), None);
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
}
