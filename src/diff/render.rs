//! A [`Diff`] as text: `human` for a terminal, `json` (the contract of
//! `docs/diff.md`), `markdown` for a pull-request comment.
//!
//! Human and Markdown are grouped the same way: the plan, bodies, sections,
//! one group per goal (its own changes, indicators, measures), follow-up,
//! revisions; in the new plan's language. Neither shows a change by colour
//! alone: signs (`+ - ~ >`) and word-diff marks (`[-…-]{+…+}`, `~~…~~ **…**`)
//! carry it.

use super::lang::{self, field_label};
use super::words::{Op, Segment, shortened};
use super::{Change, Diff, Item, Kind};

/// The changes in groups, each with its heading, in reading order.
pub fn groups(diff: &Diff) -> Vec<(String, Vec<&Change>)> {
    let w = lang::words(diff.language);
    let of = |item: Item| diff.changes.iter().filter(move |c| c.item == item);
    let mut out: Vec<(String, Vec<&Change>)> = vec![
        (w.plan.to_string(), of(Item::Plan).collect()),
        (w.bodies.to_string(), of(Item::Body).collect()),
        (w.sections.to_string(), of(Item::Section).collect()),
    ];
    for (id, title) in &diff.goals {
        let changes = diff
            .changes
            .iter()
            .filter(|c| matches!(c.item, Item::Goal | Item::Indicator | Item::Measure))
            .filter(|c| c.goal.as_deref() == Some(id))
            .collect();
        out.push((format!("{} {id}: {title}", w.goal), changes));
    }
    out.push((w.follow_up.to_string(), of(Item::FollowUp).collect()));
    out.push((w.revisions.to_string(), of(Item::Revision).collect()));
    out.retain(|(_, changes)| !changes.is_empty());
    out
}

/// The JSON document of `docs/diff.md`, pretty-printed, with a final newline.
pub fn json(diff: &Diff) -> String {
    let mut out = serde_json::to_string_pretty(diff).expect("a diff serialises");
    out.push('\n');
    out
}

fn sign(kind: Kind) -> &'static str {
    match kind {
        Kind::Added => "+",
        Kind::Removed => "-",
        Kind::Changed => "~",
        Kind::Moved => ">",
    }
}

fn paint(text: &str, code: &str, color: bool) -> String {
    if color {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

/// For a terminal: the headline, the two files, then each group with one
/// line per change and, under a changed text, its words (`[-old-]{+new+}`).
pub fn human(diff: &Diff, color: bool) -> String {
    let mut out = format!("{}\n", paint(&printable(&diff.headline()), "1", color));
    let side = |s: &super::Side| printable(&format!("{} ({})", s.path, s.version));
    out.push_str(&format!(
        "--- {}\n+++ {}\n",
        side(&diff.old),
        side(&diff.new)
    ));
    for (heading, changes) in groups(diff) {
        out.push_str(&format!("\n{}\n", paint(&printable(&heading), "1", color)));
        for c in changes {
            let code = match c.kind {
                Kind::Added => "32",
                Kind::Removed => "31",
                Kind::Changed => "33",
                Kind::Moved => "36",
            };
            out.push_str(&format!(
                "  {} {}\n",
                paint(sign(c.kind), code, color),
                printable(&c.summary)
            ));
            if let Some(words) = c.words.as_ref().filter(|w| partial(w)) {
                let marked: String = shortened(words, 6)
                    .iter()
                    .map(|s| match s.op {
                        Op::Equal => printable(&s.text),
                        Op::Delete => {
                            marked(&printable(&s.text), "[-", "-]", |t| paint(t, "31", color))
                        }
                        Op::Insert => {
                            marked(&printable(&s.text), "{+", "+}", |t| paint(t, "32", color))
                        }
                    })
                    .collect();
                out.push_str(&format!("      {}\n", marked.replace("\n\n", " ¶ ")));
            }
        }
    }
    out
}

/// Text from a plan for a terminal: control characters (which W208 only
/// warns about) become `�`, so a title cannot move the cursor or clear the
/// screen. Our colour codes are added after.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() && c != '\n' {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect()
}

/// Whether a text kept some of its words: only then does a word diff say
/// more than "before" and "after".
fn partial(words: &[Segment]) -> bool {
    words
        .iter()
        .any(|s| s.op == Op::Equal && !s.text.trim().is_empty())
}

/// Wraps a segment's words in marks, leaving its outer spaces outside them
/// (Markdown's `**` does not open before a space).
fn marked(text: &str, open: &str, close: &str, style: impl Fn(&str) -> String) -> String {
    let inner = text.trim();
    if inner.is_empty() {
        return text.to_string();
    }
    let lead = &text[..text.len() - text.trim_start().len()];
    let trail = &text[text.trim_end().len()..];
    format!("{lead}{}{trail}", style(&format!("{open}{inner}{close}")))
}

/// Escapes user text for a Markdown table cell: every character Markdown
/// or HTML could read as syntax, and line breaks, so no title can break the
/// table or inject markup.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for c in printable(&words).chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '!' | '#' | '$' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// The text of a word diff for a table cell: `~~deleted~~ **inserted**`.
fn marked_cell(words: &[Segment], side: Option<Op>) -> String {
    let segments: Vec<Segment> = shortened(words, 4)
        .into_iter()
        .filter(|s| side.is_none_or(|keep| s.op == Op::Equal || s.op == keep))
        .collect();
    let mut out = String::new();
    for (i, s) in segments.iter().enumerate() {
        let lead = if s.text.starts_with(char::is_whitespace) {
            " "
        } else {
            ""
        };
        let mut trail = if s.text.ends_with(char::is_whitespace) {
            " "
        } else {
            ""
        };
        // `~~old~~ **new**`, not `~~old~~**new**`.
        if s.op == Op::Delete && segments.get(i + 1).is_some_and(|n| n.op == Op::Insert) {
            trail = " ";
        }
        let text = format!("{lead}{}{trail}", escape(&s.text));
        out.push_str(&match (s.op, side) {
            (Op::Equal, _) | (_, Some(_)) => text,
            (Op::Delete, None) => marked(&text, "~~", "~~", str::to_string),
            (Op::Insert, None) => marked(&text, "**", "**", str::to_string),
        });
    }
    out.trim().to_string()
}

/// For a pull-request comment: the headline, then one table per group.
pub fn markdown(diff: &Diff) -> String {
    let language = diff.language;
    let w = lang::words(language);
    let mut out = format!(
        "**{}**\n\n`{}` → `{}`\n",
        escape(&diff.headline()),
        printable(&diff.old.path.replace('`', "'")),
        printable(&diff.new.path.replace('`', "'"))
    );
    for (heading, changes) in groups(diff) {
        out.push_str(&format!("\n#### {}\n\n", escape(&heading)));
        out.push_str(&format!(
            "| {} | {} | {} | {} |\n| --- | --- | --- | --- |\n",
            w.id, w.change, w.before, w.after
        ));
        for c in changes {
            let (what, before, after) = row(language, c);
            out.push_str(&format!(
                "| {} | {what} | {before} | {after} |\n",
                escape(&c.id)
            ));
        }
    }
    out
}

/// A change's cells: what changed, before, after; already escaped.
fn row(language: crate::model::Language, c: &Change) -> (String, String, String) {
    let w = lang::words(language);
    let cell = |v: &Option<String>| v.as_deref().map(escape).unwrap_or_default();
    let (old, new) = (cell(&c.shown.old), cell(&c.shown.new));
    match c.kind {
        Kind::Added => (w.added.clone(), String::new(), rename(c, new)),
        Kind::Removed => (w.removed.clone(), rename(c, old), String::new()),
        Kind::Moved => (
            w.moved.clone(),
            format!("{} {old}", w.goal),
            format!("{} {new}", w.goal),
        ),
        Kind::Changed => {
            let what = escape(&field_label(
                language,
                c.field.as_deref().unwrap_or_default(),
            ));
            let s = &c.shown;
            if !s.added.is_empty() || !s.removed.is_empty() {
                let list = |sign: &str, xs: &[String]| {
                    xs.iter()
                        .map(|x| format!("{sign} {}", escape(x)))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                return (what, list("−", &s.removed), list("+", &s.added));
            }
            if let Some(words) = &c.words {
                return (
                    what,
                    marked_cell(words, Some(Op::Delete)),
                    marked_cell(words, None),
                );
            }
            let after = match (c.months, language) {
                (Some(m), crate::model::Language::Swedish) => format!("{new} ({m:+} mån)"),
                (Some(m), crate::model::Language::English) => format!("{new} ({m:+} mo)"),
                (None, _) => new,
            };
            (what, old, after)
        }
    }
}

fn rename(c: &Change, title: String) -> String {
    match &c.likely_rename {
        Some(other) => format!("{title} (↔ {})", escape(other)),
        None => title,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_cannot_break_a_table_or_inject_markup() {
        let hostile = "a | b\n| --- |\n<script>x</script> **bold** [l](u) `c`";
        let escaped = escape(hostile);
        assert!(!escaped.contains('\n'));
        assert!(!escaped.contains('<'));
        assert_eq!(escaped.matches('|').count(), escaped.matches("\\|").count());
        assert!(escaped.contains("\\*\\*bold\\*\\*"));
        assert!(escaped.contains("\\[l\\](u) \\`c\\`"));
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        assert_eq!(printable("a\u{1b}[2Jb\tc\nd"), "a\u{fffd}[2Jb\u{fffd}c\nd");
        assert!(!escape("x\u{1b}[31m").contains('\u{1b}'));
    }

    #[test]
    fn marks_leave_spaces_outside() {
        assert_eq!(
            marked(" ny text ", "**", "**", str::to_string),
            " **ny text** "
        );
        assert_eq!(marked("  ", "**", "**", str::to_string), "  ");
    }
}
