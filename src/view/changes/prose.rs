//! A changed Markdown text with its inserted and deleted words marked in
//! place, in the tree both templates already walk.
//!
//! The word diff of the two texts is written back into one Markdown text,
//! each inserted or deleted stretch between private-use characters (kept
//! line by line after the line's list, heading or quote marker, so the
//! structure still parses), and that text is parsed as usual. The marks are
//! then taken out of the text runs again as [`Inline::Ins`] and
//! [`Inline::Del`]. Where a mark lands somewhere a run cannot carry it (in
//! a link target or code), or a text holds those characters itself, there
//! is no in-place diff: `None`, and the new text is shown as it is.

use crate::diff::{Op, word_diff};
use crate::view::markdown::{self, Block, Inline};

const INS: char = '\u{E000}';
const INS_END: char = '\u{E001}';
const DEL: char = '\u{E002}';
const DEL_END: char = '\u{E003}';
const MARKS: [char; 4] = [INS, INS_END, DEL, DEL_END];

/// The new text's blocks with the words inserted since `old` and deleted
/// from it marked; `heading_base` as for [`markdown::parse`].
pub fn marked(old: &str, new: &str, heading_base: u8) -> Option<Vec<Block>> {
    if old.contains(MARKS) || new.contains(MARKS) {
        return None;
    }
    let mut merged = String::with_capacity(old.len() + new.len());
    for s in word_diff(old, new) {
        let blank = s.text.trim().is_empty();
        match s.op {
            Op::Equal => merged.push_str(&s.text),
            // Re-wrapping is not a change: new whitespace stays, old goes.
            Op::Insert if blank => merged.push_str(&s.text),
            Op::Delete if blank => {}
            Op::Insert => wrap(&mut merged, &s.text, INS, INS_END),
            Op::Delete => wrap(&mut merged, &s.text, DEL, DEL_END),
        }
    }
    let mut walk = Walk {
        inside: None,
        fits: true,
    };
    let blocks = walk.blocks(markdown::parse(&merged, heading_base));
    (walk.fits && walk.inside.is_none()).then_some(blocks)
}

/// Puts `text` between `open` and `close`, line by line, each line's own
/// block marker (`- `, `1. `, `## `, `> `) and indentation left outside.
fn wrap(out: &mut String, text: &str, open: char, close: char) {
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let prefix = block_prefix(line);
        let (head, body) = line.split_at(prefix);
        let trimmed = body.trim_end();
        out.push_str(head);
        if !trimmed.is_empty() {
            out.push(open);
            out.push_str(trimmed);
            out.push(close);
        }
        out.push_str(&body[trimmed.len()..]);
    }
}

/// How many bytes at the start of a line are indentation and block markers.
fn block_prefix(line: &str) -> usize {
    let mut rest = line;
    loop {
        let trimmed = rest.trim_start();
        let marker = ["- ", "* ", "+ ", "> "]
            .iter()
            .find(|m| trimmed.starts_with(**m))
            .map(|m| m.len())
            .or_else(|| {
                let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
                let after = &trimmed[digits..];
                (digits > 0 && (after.starts_with(". ") || after.starts_with(") ")))
                    .then_some(digits + 2)
            })
            .or_else(|| {
                let hashes = trimmed.bytes().take_while(|&b| b == b'#').count();
                (hashes > 0 && trimmed[hashes..].starts_with(' ')).then_some(hashes + 1)
            });
        match marker {
            Some(n) => rest = &trimmed[n..],
            None => return line.len() - trimmed.len(),
        }
    }
}

/// Takes the marks out of the text runs, carrying an open mark from one
/// run to the next.
struct Walk {
    /// The mark open at this point of the text: `INS` or `DEL`.
    inside: Option<char>,
    /// False once a mark is found where no run can carry it.
    fits: bool,
}

impl Walk {
    fn blocks(&mut self, blocks: Vec<Block>) -> Vec<Block> {
        blocks.into_iter().map(|b| self.block(b)).collect()
    }

    fn block(&mut self, block: Block) -> Block {
        match block {
            Block::Paragraph { content } => Block::Paragraph {
                content: self.inlines(content),
            },
            Block::Heading { level, content } => Block::Heading {
                level,
                content: self.inlines(content),
            },
            Block::List {
                ordered,
                start,
                items,
            } => Block::List {
                ordered,
                start,
                items: items.into_iter().map(|i| self.blocks(i)).collect(),
            },
            Block::Quote { blocks } => Block::Quote {
                blocks: self.blocks(blocks),
            },
            Block::Table {
                aligns,
                header,
                rows,
            } => Block::Table {
                aligns,
                header: header.into_iter().map(|c| self.inlines(c)).collect(),
                rows: rows
                    .into_iter()
                    .map(|r| r.into_iter().map(|c| self.inlines(c)).collect())
                    .collect(),
            },
            Block::Code { text } => {
                self.fits &= !text.contains(MARKS);
                Block::Code { text }
            }
            Block::Rule => Block::Rule,
        }
    }

    fn inlines(&mut self, inlines: Vec<Inline>) -> Vec<Inline> {
        let mut out = Vec::new();
        for inline in inlines {
            match inline {
                Inline::Text { text } => self.split(&text, &mut out),
                Inline::Emph { content } => out.push(Inline::Emph {
                    content: self.inlines(content),
                }),
                Inline::Strong { content } => out.push(Inline::Strong {
                    content: self.inlines(content),
                }),
                Inline::Strike { content } => out.push(Inline::Strike {
                    content: self.inlines(content),
                }),
                Inline::Link { url, content } => {
                    self.fits &= !url.contains(MARKS);
                    out.push(Inline::Link {
                        url,
                        content: self.inlines(content),
                    })
                }
                Inline::Code { text } => {
                    self.fits &= !text.contains(MARKS);
                    out.push(Inline::Code { text })
                }
                other => out.push(other),
            }
        }
        out
    }

    /// A text run cut at its marks into plain, inserted and deleted runs.
    fn split(&mut self, text: &str, out: &mut Vec<Inline>) {
        let mut run = String::new();
        let flush = |run: &mut String, inside: Option<char>, out: &mut Vec<Inline>| {
            if run.is_empty() {
                return;
            }
            let text = std::mem::take(run);
            out.push(match inside {
                Some(INS) => Inline::Ins { text },
                Some(_) => Inline::Del { text },
                None => Inline::Text { text },
            });
        };
        for c in text.chars() {
            match c {
                INS | DEL => {
                    flush(&mut run, self.inside, out);
                    self.fits &= self.inside.is_none();
                    self.inside = Some(c);
                }
                INS_END | DEL_END => {
                    flush(&mut run, self.inside, out);
                    let open = if c == INS_END { INS } else { DEL };
                    self.fits &= self.inside == Some(open);
                    self.inside = None;
                }
                _ => run.push(c),
            }
        }
        flush(&mut run, self.inside, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(inlines: &[Inline]) -> Vec<(String, String)> {
        inlines
            .iter()
            .map(|i| match i {
                Inline::Text { text } => ("text".into(), text.clone()),
                Inline::Ins { text } => ("ins".into(), text.clone()),
                Inline::Del { text } => ("del".into(), text.clone()),
                other => (format!("{other:?}"), String::new()),
            })
            .collect()
    }

    fn paragraph(blocks: &[Block], i: usize) -> &[Inline] {
        match &blocks[i] {
            Block::Paragraph { content } => content,
            other => panic!("not a paragraph: {other:?}"),
        }
    }

    #[test]
    fn words_are_marked_in_place() {
        let blocks = marked("Stöd till alla.", "Stöd och råd till alla.", 3).unwrap();
        let runs = texts(paragraph(&blocks, 0));
        assert_eq!(
            runs,
            [
                ("text".into(), "Stöd ".into()),
                ("ins".into(), "och råd".into()),
                ("text".into(), " till alla.".into())
            ]
        );
    }

    #[test]
    fn a_mark_crosses_emphasis_and_list_items_keep_their_structure() {
        let old = "Inledning.\n\n- ett\n- två\n";
        let new = "Inledning *med betoning*.\n\n- ett\n- två\n- tre\n";
        let blocks = marked(old, new, 3).unwrap();
        assert_eq!(blocks.len(), 2, "{blocks:?}");
        let Block::List { items, .. } = &blocks[1] else {
            panic!("{blocks:?}")
        };
        assert_eq!(items.len(), 3, "the inserted item is an item: {items:?}");
        assert_eq!(
            texts(paragraph(&items[2], 0)),
            [("ins".into(), "tre".into())]
        );
        let emph = paragraph(&blocks, 0).iter().find_map(|i| match i {
            Inline::Emph { content } => Some(content),
            _ => None,
        });
        assert_eq!(
            texts(emph.expect("the emphasis stays")),
            [("ins".into(), "med betoning".into())]
        );
    }

    #[test]
    fn deleted_words_stay_where_they_were() {
        let blocks = marked("Ett två tre.", "Ett tre.", 3).unwrap();
        let runs = texts(paragraph(&blocks, 0));
        assert!(runs.contains(&("del".into(), "två".into())), "{runs:?}");
    }

    #[test]
    fn a_changed_link_is_the_old_one_struck_and_the_new_one_inserted() {
        let old = "Se [planen](https://a.example/x).";
        let new = "Se [planen](https://a.example/y).";
        let blocks = marked(old, new, 3).unwrap();
        let urls: Vec<(&str, String)> = paragraph(&blocks, 0)
            .iter()
            .filter_map(|i| match i {
                Inline::Link { url, content } => Some((url.as_str(), texts(content)[0].0.clone())),
                _ => None,
            })
            .collect();
        assert_eq!(
            urls,
            [
                ("https://a.example/x", "del".into()),
                ("https://a.example/y", "ins".into())
            ]
        );
    }

    #[test]
    fn a_mark_inside_code_gives_up() {
        assert_eq!(marked("Kör `a b` nu.", "Kör `a c` nu.", 3), None);
        assert_eq!(marked("a \u{E000} b", "a c", 3), None);
    }
}
