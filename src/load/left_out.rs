//! What was left out of the document for its shape errors, and the
//! validation diagnostics that only its absence caused.
//!
//! A measure left out for a wrong type must not also come back as "no measure
//! `1.2`" in a follow-up report, nor leave its body "never referred to".

use std::collections::HashSet;

use super::tree::{Node, Value};
use super::walk::{Item, Problem};
use crate::diagnostics::{Code, Diagnostic};
use crate::source::SourceFile;

/// The items left out of a document, as far as validation can miss them.
#[derive(Debug, Default)]
pub struct LeftOut {
    /// The ids of the items left out (a body's key, a goal's or measure's
    /// `id`) and of the items in them.
    ids: HashSet<String>,
    /// Every text in the items left out: a body named only there was used.
    mentioned: HashSet<String>,
    /// The ids of goals that lost a measure.
    emptied: HashSet<String>,
    /// Whether a goal was left out.
    goal: bool,
}

impl LeftOut {
    pub(super) fn new(file: &SourceFile, problems: &[Problem<'_>]) -> Self {
        let text = file.text();
        let mut left_out = LeftOut::default();
        for problem in problems.iter().filter(|p| p.leaves_out) {
            let Some(item) = problem.items.last() else {
                continue;
            };
            left_out
                .ids
                .extend(item.key.and_then(|k| k.text(text)).map(str::to_string));
            collect_ids(item.node, text, &mut left_out.ids);
            collect_texts(item.node, text, &mut left_out.mentioned);
            left_out.mentioned.extend(id_of(item, text));
            if problem.items.len() == 1 && item.field == "goals" {
                left_out.goal = true;
            }
            if item.field == "measures"
                && let Some(goal) = problem.items.first().filter(|_| problem.items.len() > 1)
            {
                left_out.emptied.extend(id_of(goal, text));
            }
        }
        left_out
    }

    /// True when nothing was left out.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty() && self.mentioned.is_empty() && !self.goal
    }

    /// `diagnostics` (of validating the document) without those that only
    /// the items left out caused: references to them, bodies used only by
    /// them, goals emptied by them, a plan without goals.
    pub fn filter(&self, file: &SourceFile, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        if self.is_empty() {
            return diagnostics;
        }
        diagnostics
            .into_iter()
            .filter(|d| {
                let at = d.span.map(|s| unquote(file.slice(s))).unwrap_or_default();
                match d.code {
                    Code::UnknownBody
                    | Code::UnknownIndicator
                    | Code::FollowUpUnknownMeasure
                    | Code::FollowUpUnknownIndicator => !self.ids.contains(at),
                    Code::UnusedBody => !self.mentioned.contains(at),
                    Code::GoalWithoutMeasures => !self.emptied.contains(at),
                    Code::NoGoals => !self.goal,
                    _ => true,
                }
            })
            .collect()
    }
}

/// An item's id: an entry's key, or an element's `id:`.
fn id_of(item: &Item<'_>, text: &str) -> Option<String> {
    let node = match item.key {
        Some(key) => key,
        None => item.node.get("id", text)?,
    };
    node.text(text).map(str::to_string)
}

/// The `id` of every item under `node`, itself included: a goal left out
/// takes its indicators and measures with it.
fn collect_ids(node: &Node, text: &str, into: &mut HashSet<String>) {
    match &node.value {
        Value::Seq(items) => items.iter().for_each(|n| collect_ids(n, text, into)),
        Value::Map(entries) => {
            for (key, value) in entries {
                match key.text(text) {
                    Some("id") => into.extend(value.text(text).map(str::to_string)),
                    _ => collect_ids(value, text, into),
                }
            }
        }
        _ => {}
    }
}

/// Every scalar's text under `node`.
fn collect_texts(node: &Node, text: &str, into: &mut HashSet<String>) {
    match &node.value {
        Value::Seq(items) => items.iter().for_each(|n| collect_texts(n, text, into)),
        Value::Map(entries) => entries.iter().for_each(|(k, v)| {
            collect_texts(k, text, into);
            collect_texts(v, text, into);
        }),
        _ => into.extend(node.text(text).map(str::to_string)),
    }
}

/// A scalar as written, without its quotes.
fn unquote(s: &str) -> &str {
    let s = s.trim();
    s.strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .or_else(|| s.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')))
        .unwrap_or(s)
}
