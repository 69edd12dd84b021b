//! The summary's entries: each change's sentence, its place in the page and
//! its row of the PDF's appendix (what changed, before, after), as
//! `actionplan diff --format markdown` writes its tables.

use super::words_only;
use crate::diff::{self, Change, Item, Kind, Op, Segment};
use crate::i18n::{ChangeWords, fill};
use crate::model::Language;
use crate::view::View;
use crate::view::{Anchor, ChangeEntry};

/// A change's place in the page, sentence and appendix row.
pub(super) fn entry(
    view: &View,
    language: Language,
    words: &ChangeWords,
    c: &Change,
) -> ChangeEntry {
    let h = diff::headings(language);
    let plain = |text: String| match text.is_empty() {
        true => Vec::new(),
        false => vec![Segment {
            op: Op::Equal,
            text,
        }],
    };
    let shown = |v: &Option<String>| v.clone().unwrap_or_default();
    let rename = |title: String| match &c.likely_rename {
        Some(other) => format!("{title} (↔ {other})"),
        None => title,
    };
    let (what, before, after) = match c.kind {
        Kind::Added => (
            h.added.clone(),
            Vec::new(),
            plain(rename(shown(&c.shown.new))),
        ),
        Kind::Removed => (
            h.removed.clone(),
            plain(rename(shown(&c.shown.old))),
            Vec::new(),
        ),
        Kind::Moved => (
            h.moved.clone(),
            plain(format!("{} {}", h.goal, shown(&c.shown.old))),
            plain(format!("{} {}", h.goal, shown(&c.shown.new))),
        ),
        Kind::Changed => {
            let what = diff::field_label(language, c.field.as_deref().unwrap_or_default());
            let s = &c.shown;
            if !s.added.is_empty() || !s.removed.is_empty() {
                let list = |op: Op, sign: &str, xs: &[String]| match xs.is_empty() {
                    true => Vec::new(),
                    false => vec![Segment {
                        op,
                        text: xs
                            .iter()
                            .map(|x| format!("{sign} {x}"))
                            .collect::<Vec<_>>()
                            .join(", "),
                    }],
                };
                (
                    what,
                    list(Op::Delete, "−", &s.removed),
                    list(Op::Insert, "+", &s.added),
                )
            } else if let Some(segments) = &c.words {
                let short = words_only(&diff::shortened(segments, 6));
                let side = |skip: Op| short.iter().filter(|s| s.op != skip).cloned().collect();
                (what, side(Op::Insert), side(Op::Delete))
            } else {
                let new = match c.months {
                    Some(m) => {
                        let n = format!("{m:+}");
                        format!("{} ({})", shown(&s.new), fill(&words.months, &[("n", &n)]))
                    }
                    None => shown(&s.new),
                };
                (what, plain(shown(&s.old)), plain(new))
            }
        }
    };
    ChangeEntry {
        kind: c.kind,
        id: c.id.clone(),
        href: href(view, c),
        summary: c.summary.clone(),
        what,
        before,
        after,
    }
}

/// Where a change is shown in the page. Removed goals and measures are
/// shown too (struck through), so their anchors exist.
fn href(view: &View, c: &Change) -> Option<String> {
    let goal = || c.goal.as_deref().map(|g| Anchor::goal(g).href);
    match c.item {
        Item::Plan => Some("#doc-facts".into()),
        Item::Body => None,
        Item::Section => view
            .sections
            .iter()
            .find(|s| s.id == c.id)
            .map(|s| s.at.href.clone()),
        Item::Goal => Some(Anchor::goal(&c.id).href),
        Item::Measure => Some(Anchor::measure(&c.id).href),
        Item::Indicator if c.kind == Kind::Removed => goal(),
        Item::Indicator => Some(Anchor::indicator(&c.id).href),
        Item::FollowUp => view.follow_up.as_ref().map(|_| "#follow-up".into()),
        Item::Revision => (!view.revisions.is_empty()).then(|| "#revisions".into()),
    }
}
