//! The plan's life after the decision: follow-up reports (matched by date)
//! and revisions (matched by version).

use std::collections::{BTreeMap, BTreeSet};

use super::{At, Cx, V, v};
use crate::diff::{Item, Kind, lang};
use crate::model::{Keyword, Language, Plan, Report};

/// One thing a report says: its field, its value, and whether it is a text
/// (compared word by word).
type Entry = (String, V, bool);

/// Where an entry stands among a report's: its group, then its field's name
/// with a status or assessment (`.0`) before a comment (`.1`).
type Key = (u8, String);

/// The groups of a report's entries, in the order the follow-up report shows them.
const SUMMARY: u8 = 0;
const GOALS: u8 = 1;
const MEASURES: u8 = 2;
const INDICATORS: u8 = 3;

/// A report's entries, in the order a reader meets them in the report:
/// `summary`; `goals.<id>.assessment` and `goals.<id>.comment` by goal id;
/// `measures.<id>.status` and `measures.<id>.comment` by measure id;
/// `indicators.<id>` by indicator id.
fn entries(plan: &Plan, report: &Report, lang: Language) -> BTreeMap<Key, Entry> {
    let mut out = BTreeMap::new();
    let text = |t: &str| v(t, t);
    if let Some(summary) = &report.summary {
        let entry = ("summary".into(), text(summary), true);
        out.insert((SUMMARY, String::new()), entry);
    }
    // A keyword said of a goal or measure, and the comment beside it.
    let mut judged = |group: u8, prefix: &str, keyword: (&str, V), comment: Option<&str>| {
        let (name, value) = keyword;
        out.insert(
            (group, format!("{prefix}.0")),
            (format!("{prefix}.{name}"), value, false),
        );
        if let Some(c) = comment {
            let entry = (format!("{prefix}.comment"), text(c), true);
            out.insert((group, format!("{prefix}.1")), entry);
        }
    };
    for a in &report.goals {
        let prefix = format!("goals.{}", plan.goal(a.goal).id);
        let value = v(a.assessment.as_str(), lang::assessment(lang, a.assessment));
        judged(GOALS, &prefix, ("assessment", value), a.comment.as_deref());
    }
    for (r, status, comment) in &report.measures {
        let prefix = format!("measures.{}", plan.measure(*r).id);
        let value = v(status.as_str(), lang::measure_status(lang, *status));
        judged(MEASURES, &prefix, ("status", value), comment.as_deref());
    }
    for &(r, value) in &report.indicators {
        let field = format!("indicators.{}", plan.indicator(r).id);
        let value = v(value, lang::number(lang, value));
        out.insert((INDICATORS, field.clone()), (field, value, false));
    }
    out
}

/// The text of an entry, as the report gives it.
fn shown(entry: &Entry) -> &str {
    &entry.1.shown
}

impl Cx<'_> {
    pub(super) fn reports(&mut self, old: &[Report], new: &[Report]) {
        let lang = self.lang;
        let date = |r: &Report| r.date.to_string();
        let mut order: Vec<String> = new.iter().map(date).collect();
        order.extend(
            old.iter()
                .map(date)
                .filter(|d| !new.iter().any(|n| &date(n) == d)),
        );
        for id in &order {
            let at = At {
                item: Item::FollowUp,
                id,
                goal: None,
            };
            let o = old.iter().find(|r| &date(r) == id);
            let n = new.iter().find(|r| &date(r) == id);
            let (o, n) = match (o, n) {
                (Some(o), Some(n)) => (o, n),
                (None, Some(n)) => {
                    self.item(at, Kind::Added, Some(&lang::report_contents(lang, n)));
                    continue;
                }
                (Some(o), None) => {
                    self.item(at, Kind::Removed, Some(&lang::report_contents(lang, o)));
                    continue;
                }
                (None, None) => continue,
            };
            let (oe, ne) = (entries(self.old, o, lang), entries(self.new, n, lang));
            let keys: BTreeSet<&Key> = oe.keys().chain(ne.keys()).collect();
            for key in keys {
                let (old_entry, new_entry) = (oe.get(key), ne.get(key));
                let Some((field, _, text)) = new_entry.or(old_entry) else {
                    continue;
                };
                if *text {
                    let (ot, nt) = (old_entry.map(shown), new_entry.map(shown));
                    self.text(at, field, ot, nt);
                } else {
                    let value = |e: Option<&Entry>| e.map(|(_, x, _)| x.clone());
                    self.value(at, field, value(old_entry), value(new_entry));
                }
            }
        }
    }

    pub(super) fn revisions(&mut self) {
        let (old, new) = (self.old, self.new);
        for r in &new.revisions {
            let at = At {
                item: Item::Revision,
                id: &r.version,
                goal: None,
            };
            let Some(o) = old.revisions.iter().find(|o| o.version == r.version) else {
                self.item(at, Kind::Added, Some(&r.note));
                continue;
            };
            self.date(at, "date", Some(o.date), Some(r.date));
            self.text(at, "note", Some(&o.note), Some(&r.note));
        }
        for o in &old.revisions {
            if !new.revisions.iter().any(|r| r.version == o.version) {
                let at = At {
                    item: Item::Revision,
                    id: &o.version,
                    goal: None,
                };
                self.item(at, Kind::Removed, Some(&o.note));
            }
        }
    }
}
