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

use super::url::safe_url;

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
    Text {
        text: String,
    },
    Emph {
        content: Vec<Inline>,
    },
    Strong {
        content: Vec<Inline>,
    },
    Strike {
        content: Vec<Inline>,
    },
    Code {
        text: String,
    },
    Link {
        url: String,
        content: Vec<Inline>,
    },
    Break,
    /// Words inserted since an earlier version (`build --compare` only).
    Ins {
        text: String,
    },
    /// Words deleted since an earlier version, shown where they stood.
    Del {
        text: String,
    },
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
        Inline::Text { text } | Inline::Code { text } | Inline::Ins { text } => {
            text.trim().is_empty()
        }
        Inline::Del { .. } => true,
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
mod tests;
