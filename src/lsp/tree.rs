//! A YAML tree that keeps every node's place, even in a broken document.
//!
//! The editor's buffer is broken most of the time: a key half typed, a
//! value missing, a typo in an id. `load` (serde) gives up at the first
//! shape error, so navigation cannot use the raw document. This tree is built
//! from the YAML parser's events (the same parser serde-saphyr uses, so the
//! two read the text alike) and knows nothing of the plan's shape: a key of
//! the wrong type or an unknown key is just a node. A syntax error ends the
//! tree where it stands; everything before it is kept.
//!
//! Aliases are not expanded (an alias bomb costs nothing here), and the
//! nesting and node budgets are those of `load`.

use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle};

use crate::load::{MAX_DEPTH, MAX_NODES};
use crate::source::Span;

/// One YAML node and the bytes it covers.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub span: Span,
    pub value: Value,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// The text after escapes, and whether it was written in quotes.
    Scalar {
        text: String,
        quoted: bool,
    },
    Map(Vec<(Node, Node)>),
    Seq(Vec<Node>),
    /// `*name`, not expanded.
    Alias,
    /// A value the text ends before (a syntax error cut the document).
    Missing,
}

impl Node {
    /// The text of a scalar.
    pub fn text(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// A mapping's entries; none for anything else.
    pub fn entries(&self) -> &[(Node, Node)] {
        match &self.value {
            Value::Map(entries) => entries,
            _ => &[],
        }
    }

    /// A sequence's items; none for anything else.
    pub fn items(&self) -> &[Node] {
        match &self.value {
            Value::Seq(items) => items,
            _ => &[],
        }
    }

    /// The value of the (first) entry whose key is `key`.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entries()
            .iter()
            .find(|(k, _)| k.text() == Some(key))
            .map(|(_, v)| v)
    }

    /// The text of the scalar under `key`.
    #[cfg(test)]
    pub fn str(&self, key: &str) -> Option<&str> {
        self.get(key).and_then(Node::text)
    }
}

/// Parses as much of `text` as is well-formed YAML: the first document's
/// root, or `None` when there is nothing before the first error.
pub fn parse(text: &str) -> Option<Node> {
    let mut builder = Builder {
        stack: Vec::new(),
        root: None,
        nodes: 0,
    };
    for event in Parser::new_from_str(text) {
        let Ok((event, span)) = event else { break };
        let start = span.start.byte_offset().unwrap_or(0);
        let end = span.end.byte_offset().unwrap_or(start);
        let span = Span::new(start, end);
        let go_on = match event {
            Event::Scalar(value, style, _, _) => {
                let quoted = matches!(style, ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted);
                builder.node(Node {
                    span,
                    value: Value::Scalar {
                        text: value.into_owned(),
                        quoted,
                    },
                })
            }
            Event::Alias(_) | Event::UnresolvedAlias(_) => builder.node(Node {
                span,
                value: Value::Alias,
            }),
            Event::MappingStart(..) => builder.open(span.start, true),
            Event::SequenceStart(..) => builder.open(span.start, false),
            Event::MappingEnd | Event::SequenceEnd => builder.close(span.end),
            Event::DocumentEnd => break,
            _ => true,
        };
        if !go_on {
            break;
        }
    }
    builder.finish(text.len())
}

/// A collection being built: its start, its items, and a key waiting for its value.
struct Open {
    start: usize,
    map: bool,
    items: Vec<Node>,
    entries: Vec<(Node, Node)>,
    key: Option<Node>,
}

struct Builder {
    stack: Vec<Open>,
    root: Option<Node>,
    nodes: usize,
}

impl Builder {
    /// Adds a finished node to the open collection; false when a budget is spent.
    fn node(&mut self, node: Node) -> bool {
        self.nodes += 1;
        let Some(open) = self.stack.last_mut() else {
            self.root.get_or_insert(node);
            return true;
        };
        if !open.map {
            open.items.push(node);
        } else if let Some(key) = open.key.take() {
            open.entries.push((key, node));
        } else {
            open.key = Some(node);
        }
        self.nodes <= MAX_NODES
    }

    fn open(&mut self, start: usize, map: bool) -> bool {
        self.stack.push(Open {
            start,
            map,
            items: Vec::new(),
            entries: Vec::new(),
            key: None,
        });
        // One more level than `load` accepts: enough to show where it goes too deep.
        self.stack.len() <= MAX_DEPTH + 1
    }

    fn close(&mut self, end: usize) -> bool {
        match self.stack.pop() {
            Some(open) => {
                let node = Self::finish_open(open, end);
                self.node(node)
            }
            None => false,
        }
    }

    fn finish_open(mut open: Open, end: usize) -> Node {
        let value = if open.map {
            if let Some(key) = open.key.take() {
                let at = key.span.end;
                open.entries.push((
                    key,
                    Node {
                        span: Span::new(at, at),
                        value: Value::Missing,
                    },
                ));
            }
            Value::Map(open.entries)
        } else {
            Value::Seq(open.items)
        };
        Node {
            span: Span::new(open.start, end),
            value,
        }
    }

    /// Closes what a syntax error left open, at the end of what was read.
    fn finish(mut self, len: usize) -> Option<Node> {
        while let Some(open) = self.stack.pop() {
            let node = Self::finish_open(open, len);
            self.nodes = 0;
            self.node(node);
        }
        self.root
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at<'a>(text: &'a str, node: &Node) -> &'a str {
        &text[node.span.start..node.span.end]
    }

    #[test]
    fn keeps_the_place_of_keys_and_values() {
        let text = "a: 1\nb:\n  - x\n  - \"å y\"\nc: {d: [e, f]}\n";
        let root = parse(text).unwrap();
        let (k, v) = &root.entries()[0];
        assert_eq!((at(text, k), at(text, v)), ("a", "1"));
        let b = root.get("b").unwrap();
        assert_eq!(at(text, &b.items()[1]), "\"å y\"");
        assert_eq!(b.items()[1].text(), Some("å y"));
        let d = root.get("c").unwrap().get("d").unwrap();
        assert_eq!(at(text, &d.items()[1]), "f");
    }

    #[test]
    fn a_syntax_error_keeps_what_came_before() {
        let text = "a: 1\nb:\n  c: x\n  d: [unclosed\ne: 2\n";
        let root = parse(text).unwrap();
        assert_eq!(root.str("a"), Some("1"));
        assert_eq!(root.get("b").unwrap().str("c"), Some("x"));
        assert!(root.get("e").is_none());
    }

    #[test]
    fn a_half_typed_key_is_kept() {
        let text = "a: 1\nb:\n  c: x\n  d";
        let root = parse(text).unwrap();
        assert_eq!(root.get("b").unwrap().str("c"), Some("x"));
    }

    #[test]
    fn hostile_input_is_cut_off() {
        let deep = "[".repeat(10_000);
        let _ = parse(&deep);
        // Cut at the budget: the nodes open then are closed and kept.
        let mut node = parse(
            &(0..100)
                .map(|i| format!("{}a:\n", " ".repeat(i)))
                .collect::<String>(),
        )
        .unwrap();
        let mut depth = 1;
        while let Some((_, value)) = node.entries().first() {
            node = value.clone();
            depth += 1;
        }
        assert_eq!(depth, MAX_DEPTH + 2);
        assert!(parse("").is_none());
        assert_eq!(
            parse("a: *b").unwrap().get("a").unwrap().value,
            Value::Missing
        );
        assert_eq!(
            parse("a: &x 1\nb: *x").unwrap().get("b").unwrap().value,
            Value::Alias
        );
    }
}
