//! The changes since an earlier version, in the view: what a change-marked
//! draft (`build --compare`) shows, computed once from a [`Diff`] and read
//! by both templates.
//!
//! - a summary grouped as `actionplan diff` groups it, each entry with the
//!   link to its place in the page and the cells of the PDF's appendix;
//! - a mark on each added, changed or moved goal, indicator, measure and
//!   section, with the word diff of its changed texts and the earlier value
//!   of its other changed fields;
//! - the measures and goals that were removed, at their old place.
//!
//! `prose.rs` marks changed Markdown in place; `summary.rs` makes the
//! summary's entries. A plain build has none of this: [`mark`] runs only for `--compare`, and
//! every part it adds is left out of the view's JSON when absent, so a
//! plain build's documents stay byte for byte what they were.

mod prose;
mod summary;

use std::collections::BTreeMap;

use super::order::natural_cmp;
use super::types::{
    Anchor, ChangeGroup, ChangesView, FieldMark, ItemMark, RemovedGoal, RemovedView, View,
};
use super::values::when;
use crate::diff::{self, Change, Diff, Item, Kind, Op, Segment};
use crate::i18n::{self, ChangeWords, fill};
use crate::model::Plan;

/// Puts the changes from `old` to `new` (the view's plan) into the view.
pub fn mark(view: &mut View, diff: &Diff, old: &Plan, new: &Plan) {
    let language = diff.language;
    let words = &i18n::lang(language).changes;
    let removed_measures: Vec<&Change> = diff
        .changes
        .iter()
        .filter(|c| c.item == Item::Measure && c.kind == Kind::Removed)
        .collect();
    let removed = |goal: &str, view_ids: &[&str]| -> Vec<RemovedView> {
        let mut out: Vec<RemovedView> = removed_measures
            .iter()
            .filter(|c| c.goal.as_deref() == Some(goal))
            .map(|c| RemovedView {
                id: c.id.clone(),
                at: Anchor::measure(&c.id),
                title: c.shown.old.clone().unwrap_or_default(),
                before: view_ids
                    .iter()
                    .find(|id| natural_cmp(id, &c.id).is_gt())
                    .map(|id| id.to_string()),
            })
            .collect();
        out.sort_by(|a, b| natural_cmp(&a.id, &b.id));
        out
    };
    let mut marks = item_marks(diff, old, new, words);
    for g in &mut view.goals {
        g.change = marks.remove(&(Item::Goal, g.id.clone()));
        for i in &mut g.indicators {
            i.change = marks.remove(&(Item::Indicator, i.id.clone()));
        }
        for m in &mut g.measures {
            m.change = marks.remove(&(Item::Measure, m.id.clone()));
        }
        let ids: Vec<&str> = g.measures.iter().map(|m| m.id.as_str()).collect();
        g.removed = removed(&g.id, &ids);
    }
    for s in &mut view.sections {
        s.change = marks.remove(&(Item::Section, s.id.clone()));
    }
    mark_facts(view, diff, old);
    let removed_goals = diff
        .changes
        .iter()
        .filter(|c| c.item == Item::Goal && c.kind == Kind::Removed)
        .map(|c| RemovedGoal {
            id: c.id.clone(),
            at: Anchor::goal(&c.id),
            title: c.shown.old.clone().unwrap_or_default(),
            measures: removed(&c.id, &[]),
        })
        .collect();
    let headings = diff::headings(language);
    let groups = diff::render::groups(diff)
        .into_iter()
        .map(|(heading, changes)| ChangeGroup {
            heading,
            entries: changes
                .into_iter()
                .map(|c| summary::entry(view, language, words, c))
                .collect(),
        })
        .collect();
    view.changes = Some(ChangesView {
        heading: fill(&words.heading, &[("version", &diff.old.version)]),
        old_version: diff.old.version.clone(),
        headline: diff.headline(),
        words,
        columns: [
            &headings.id,
            &headings.change,
            &headings.before,
            &headings.after,
        ],
        groups,
        removed_goals,
    });
}

/// The rows of the governing-document block whose values changed, each with
/// the row as the earlier version had it (or marked new where it had none).
fn mark_facts(view: &mut View, diff: &Diff, old: &Plan) {
    let old_facts = super::meta::meta(old, i18n::lang(diff.language)).facts;
    let row = |field: &str| match field {
        "document_type" | "case_number" | "owner" | "revise_by" | "version" | "status" => {
            Some(field.to_string())
        }
        "decision.body" => Some("decided_by".into()),
        "decision.date" | "decision.paragraph" => Some("decision_date".into()),
        "period.from" | "period.to" => Some("valid".into()),
        _ => None,
    };
    let changed: Vec<String> = (diff.changes.iter())
        .filter(|c| c.item == Item::Plan)
        .filter_map(|c| c.field.as_deref().and_then(row))
        .collect();
    for fact in &mut view.meta.facts {
        if changed.iter().any(|k| k == fact.key) {
            let was = old_facts.iter().find(|f| f.key == fact.key);
            fact.change = Some(FieldMark::was(was.map(|f| f.value.clone())));
        }
    }
}

impl FieldMark {
    /// The mark of a value that was `was` before ("" or none: it had none).
    fn was(was: Option<String>) -> FieldMark {
        match was.filter(|w| !w.trim().is_empty()) {
            Some(was) => FieldMark {
                was: Some(was),
                ..FieldMark::default()
            },
            None => FieldMark {
                added: true,
                ..FieldMark::default()
            },
        }
    }
}

/// Whether a field's earlier value was no value: absent, empty or an empty list.
fn had_none(old: &serde_json::Value) -> bool {
    match old {
        serde_json::Value::Null => true,
        serde_json::Value::String(s) => s.trim().is_empty(),
        serde_json::Value::Array(items) => items.is_empty(),
        _ => false,
    }
}

/// The marks of the items still in the plan, by item and id.
fn item_marks(
    diff: &Diff,
    old: &Plan,
    new: &Plan,
    words: &'static ChangeWords,
) -> BTreeMap<(Item, String), ItemMark> {
    let lang = i18n::lang(diff.language);
    let mut marks: BTreeMap<(Item, String), ItemMark> = BTreeMap::new();
    let marked = [Item::Goal, Item::Indicator, Item::Measure, Item::Section];
    for c in &diff.changes {
        if !marked.contains(&c.item) || c.kind == Kind::Removed {
            continue;
        }
        let mark = marks
            .entry((c.item, c.id.clone()))
            .or_insert_with(|| ItemMark {
                kind: Kind::Changed,
                tag: &words.changed,
                fields: BTreeMap::new(),
            });
        match c.kind {
            Kind::Added => (mark.kind, mark.tag) = (Kind::Added, &words.added),
            Kind::Moved if mark.kind != Kind::Added => {
                (mark.kind, mark.tag) = (Kind::Moved, &words.moved)
            }
            _ => {}
        }
        let Some(field) = c.field.as_deref() else {
            continue;
        };
        let key = match field {
            "start" | "deadline" => "time",
            other => other,
        };
        let was = || match (c.item, key) {
            (Item::Measure, "time") => old
                .measures()
                .find(|(_, m)| m.id.as_str() == c.id)
                .map(|(_, m)| when(lang, m.start, m.deadline)),
            (Item::Measure, "partners") => {
                old.measures()
                    .find(|(_, m)| m.id.as_str() == c.id)
                    .map(|(_, m)| {
                        let names = m.partners.iter().map(|&p| {
                            let b = old.body(p);
                            match &b.short {
                                Some(short) => format!("{} ({short})", b.name),
                                None => b.name.clone(),
                            }
                        });
                        names.collect::<Vec<_>>().join(", ")
                    })
            }
            (_, _) if c.old.is_array() => c.old.as_array().map(|ids| {
                let ids = ids.iter().filter_map(|x| x.as_str());
                ids.collect::<Vec<_>>().join(", ")
            }),
            _ => c.shown.old.clone(),
        };
        let field_mark = FieldMark {
            blocks: markdown_of(c, old, new).and_then(|(o, n, base)| prose::marked(o, n, base)),
            paragraphs: c.words.as_deref().map(paragraphs),
            ..match &c.words {
                Some(_) => FieldMark::default(),
                None if had_none(&c.old) => FieldMark::was(None),
                None => FieldMark::was(was()),
            }
        };
        mark.fields.insert(key.to_string(), field_mark);
    }
    marks
}

/// A changed Markdown field's texts, old and new ("" for none), and the
/// heading level its text starts under (as `build.rs` parses it).
fn markdown_of<'p>(c: &Change, old: &'p Plan, new: &'p Plan) -> Option<(&'p str, &'p str, u8)> {
    let text = |t: Option<&'p String>| t.map_or("", String::as_str);
    let measure = |p: &'p Plan| {
        let m = p.measures().find(|(_, m)| m.id.as_str() == c.id);
        text(m.and_then(|(_, m)| m.description.as_ref()))
    };
    let goal = |p: &'p Plan| {
        let g = p.goals.iter().find(|g| g.id.as_str() == c.id);
        text(g.and_then(|g| g.description.as_ref()))
    };
    let section = |p: &'p Plan| {
        let s = p.sections.iter().find(|s| s.id.as_str() == c.id);
        text(s.map(|s| &s.body))
    };
    match (c.item, c.field.as_deref()?) {
        (Item::Measure, "description") => Some((measure(old), measure(new), 4)),
        (Item::Goal, "description") => Some((goal(old), goal(new), 3)),
        (Item::Section, "body") => Some((section(old), section(new), 2)),
        _ => None,
    }
}

/// The whitespace at either end of an inserted or deleted stretch moved out
/// of it, so a mark covers words only (an underline does not start with a space).
fn words_only(segments: &[Segment]) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut push = |op: Op, text: &str| {
        if text.is_empty() {
            return;
        }
        match out.last_mut() {
            Some(last) if last.op == op => last.text.push_str(text),
            _ => out.push(Segment {
                op,
                text: text.to_string(),
            }),
        }
    };
    for s in segments {
        if s.op == Op::Equal {
            push(Op::Equal, &s.text);
            continue;
        }
        let inner = s.text.trim();
        let start = s.text.len() - s.text.trim_start().len();
        push(Op::Equal, &s.text[..start]);
        push(s.op, inner);
        push(Op::Equal, &s.text[start + inner.len()..]);
    }
    out
}

/// A word diff cut where its texts have a blank line (a paragraph break).
fn paragraphs(segments: &[Segment]) -> Vec<Vec<Segment>> {
    let mut out: Vec<Vec<Segment>> = vec![Vec::new()];
    for s in &words_only(segments) {
        for (i, part) in s.text.split("\n\n").enumerate() {
            if i > 0 {
                out.push(Vec::new());
            }
            if !part.is_empty() {
                let current = out.last_mut().expect("never empty");
                current.push(Segment {
                    op: s.op,
                    text: part.to_string(),
                });
            }
        }
    }
    out.retain(|p| !p.is_empty());
    out
}

#[cfg(test)]
mod tests;
