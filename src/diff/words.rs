//! The word-level diff of a changed text (the `similar` crate), and the
//! shortening of long unchanged stretches for a reader.
//!
//! Words and the whitespace between them are kept as written, so joining
//! the `equal` and `delete` segments gives the old text back, and `equal`
//! with `insert` the new one.

use serde::Serialize;
use similar::{ChangeTag, TextDiff};

/// What a segment of a word diff is.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    Equal,
    Insert,
    Delete,
}

/// A run of words that are in both texts, only the new one, or only the old one.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Segment {
    pub op: Op,
    pub text: String,
}

/// Whitespace as Markdown reads it: runs of spaces and single line breaks are
/// one space, a blank line (a paragraph break) stays one. Re-wrapping a text,
/// or writing it folded (`>`) instead of literal (`|`), changes nothing.
pub fn normalize(text: &str) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut words: Vec<&str> = Vec::new();
    for line in text.lines().chain([""]) {
        if line.trim().is_empty() {
            if !words.is_empty() {
                paragraphs.push(words.join(" "));
                words.clear();
            }
        } else {
            words.extend(line.split_whitespace());
        }
    }
    paragraphs.join("\n\n")
}

/// The word diff of two texts, neighbouring words of the same op merged.
pub fn diff(old: &str, new: &str) -> Vec<Segment> {
    let diff = TextDiff::from_words(old, new);
    let mut segments: Vec<Segment> = Vec::new();
    for change in diff.iter_all_changes() {
        let op = match change.tag() {
            ChangeTag::Equal => Op::Equal,
            ChangeTag::Insert => Op::Insert,
            ChangeTag::Delete => Op::Delete,
        };
        let text = change.value();
        match segments.last_mut() {
            Some(last) if last.op == op => last.text.push_str(text),
            _ => segments.push(Segment {
                op,
                text: text.to_string(),
            }),
        }
    }
    tidy(segments)
}

/// Whitespace alone between two changes is shown as part of them, so a
/// reworded phrase reads as one deletion and one insertion, not a patchwork.
fn tidy(segments: Vec<Segment>) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut i = 0;
    while i < segments.len() {
        let s = &segments[i];
        let between_changes = s.op == Op::Equal
            && s.text.trim().is_empty()
            && i > 0
            && i + 1 < segments.len()
            && segments[i - 1].op != Op::Equal
            && segments[i + 1].op != Op::Equal;
        if between_changes {
            for op in [Op::Delete, Op::Insert] {
                push(&mut out, op, &s.text);
            }
        } else {
            push(&mut out, s.op, &s.text);
        }
        i += 1;
    }
    // Deletions first, then insertions, within each run of changes.
    let mut sorted: Vec<Segment> = Vec::new();
    let mut run: Vec<Segment> = Vec::new();
    for s in out {
        if s.op == Op::Equal {
            flush(&mut sorted, &mut run);
            sorted.push(s);
        } else {
            run.push(s);
        }
    }
    flush(&mut sorted, &mut run);
    sorted
}

fn push(out: &mut Vec<Segment>, op: Op, text: &str) {
    match out.last_mut() {
        Some(last) if last.op == op => last.text.push_str(text),
        _ => out.push(Segment {
            op,
            text: text.to_string(),
        }),
    }
}

fn flush(sorted: &mut Vec<Segment>, run: &mut Vec<Segment>) {
    for op in [Op::Delete, Op::Insert] {
        let text: String = run
            .iter()
            .filter(|s| s.op == op)
            .map(|s| s.text.as_str())
            .collect();
        if !text.is_empty() {
            sorted.push(Segment { op, text });
        }
    }
    run.clear();
}

/// The segments with long unchanged stretches cut to `keep` words at each
/// end that touches a change ("… "), and all whitespace runs made one
/// space, for a one-line display.
pub fn shortened(segments: &[Segment], keep: usize) -> Vec<Segment> {
    let last = segments.len().saturating_sub(1);
    segments
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let words: Vec<&str> = s.text.split_whitespace().collect();
            let lead = if s.text.starts_with(char::is_whitespace) {
                " "
            } else {
                ""
            };
            let trail = if s.text.ends_with(char::is_whitespace) {
                " "
            } else {
                ""
            };
            let text = if s.op != Op::Equal || words.len() <= 2 * keep + 1 {
                words.join(" ")
            } else {
                let head = words[..keep].join(" ");
                let tail = words[words.len() - keep..].join(" ");
                match (i == 0, i == last) {
                    (true, true) => words.join(" "),
                    (true, false) => format!("… {tail}"),
                    (false, true) => format!("{head} …"),
                    (false, false) => format!("{head} … {tail}"),
                }
            };
            let text = if words.is_empty() {
                lead.to_string()
            } else {
                format!("{lead}{text}{trail}")
            };
            Segment { op: s.op, text }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(segments: &[Segment], skip: Op) -> String {
        segments
            .iter()
            .filter(|s| s.op != skip)
            .map(|s| s.text.as_str())
            .collect()
    }

    #[test]
    fn the_segments_give_both_texts_back() {
        let old = "Utveckla stödet till personer i prostitution";
        let new = "Utveckla och samordna stödet till personer som säljer sex";
        let segments = diff(old, new);
        assert_eq!(joined(&segments, Op::Insert), old);
        assert_eq!(joined(&segments, Op::Delete), new);
        assert_eq!(
            segments[0],
            Segment {
                op: Op::Equal,
                text: "Utveckla ".into()
            }
        );
        assert_eq!(segments[1].op, Op::Insert);
        assert_eq!(segments[1].text, "och samordna ");
    }

    #[test]
    fn a_reworded_phrase_is_one_deletion_then_one_insertion() {
        let segments = diff("a b c d", "a x y d");
        let ops: Vec<Op> = segments.iter().map(|s| s.op).collect();
        assert_eq!(ops, [Op::Equal, Op::Delete, Op::Insert, Op::Equal]);
        assert_eq!(segments[1].text, "b c");
        assert_eq!(segments[2].text, "x y");
    }

    #[test]
    fn rewrapping_is_not_a_change() {
        let literal = "Kommunen ska erbjuda\nstöd till alla.\n\nAndra stycket.\n";
        let folded = "Kommunen ska  erbjuda stöd\ntill alla.\n \n\nAndra stycket.";
        assert_eq!(normalize(literal), normalize(folded));
        assert_ne!(normalize("a\n\nb"), normalize("a b"));
    }

    #[test]
    fn long_unchanged_stretches_are_shortened() {
        let segments = diff(
            "one two three four five six seven eight nine ten",
            "one two three four five six seven eight nine TEN",
        );
        let short = shortened(&segments, 2);
        assert_eq!(short[0].text, "… eight nine ");
        assert_eq!(short[1].text, "ten");
        assert_eq!(short[2].text, "TEN");
    }
}
