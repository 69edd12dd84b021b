//! The plan's life after the decision: follow-up reports (matched by date)
//! and revisions (matched by version).

use std::collections::BTreeMap;

use super::{At, Cx, V, v};
use crate::diff::{Item, Kind, lang};
use crate::model::{Keyword, Plan, Report};

/// A report's entries by field: `measures.<id>.status`, `measures.<id>.comment`,
/// `indicators.<id>`; each a value and whether it is a text.
fn entries(
    plan: &Plan,
    report: &Report,
    lang: crate::model::Language,
) -> BTreeMap<String, (V, bool)> {
    let mut out = BTreeMap::new();
    for &(r, status, ref comment) in &report.measures {
        let id = plan.measure(r).id.as_str();
        let shown = lang::measure_status(lang, status);
        out.insert(
            format!("measures.{id}.status"),
            (v(status.as_str(), shown), false),
        );
        if let Some(comment) = comment {
            out.insert(
                format!("measures.{id}.comment"),
                (v(comment.clone(), comment.clone()), true),
            );
        }
    }
    for &(r, value) in &report.indicators {
        let id = plan.indicator(r).id.as_str();
        out.insert(
            format!("indicators.{id}"),
            (v(value, lang::number(lang, value)), false),
        );
    }
    out
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
            let (mut oe, ne) = (entries(self.old, o, lang), entries(self.new, n, lang));
            let mut fields: Vec<String> = ne.keys().cloned().collect();
            fields.extend(oe.keys().filter(|k| !ne.contains_key(*k)).cloned());
            // Measures (status, then comment), then indicators.
            fields.sort_by_key(|f| {
                let f2 = f.replace(".status", ".0").replace(".comment", ".1");
                (f.starts_with("indicators."), f2)
            });
            for field in fields {
                let old_entry = oe.remove(&field);
                let new_entry = ne.get(&field).cloned();
                let text = old_entry
                    .as_ref()
                    .or(new_entry.as_ref())
                    .is_some_and(|e| e.1);
                if text {
                    let t = |e: &Option<(V, bool)>| e.as_ref().map(|(x, _)| x.shown.clone());
                    let (ot, nt) = (t(&old_entry), t(&new_entry));
                    self.text(at, &field, ot.as_deref(), nt.as_deref());
                } else {
                    self.value(at, &field, old_entry.map(|e| e.0), new_entry.map(|e| e.0));
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
