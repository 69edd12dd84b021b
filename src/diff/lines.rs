//! Where each item and field stands in a plan file, from the raw document's
//! spans: the `old_line` and `new_line` of a change.
//!
//! The typed plan keeps no positions, so the text is parsed once more here
//! (it already validated, so this cannot fail in practice; if it does, there
//! are simply no lines).

use std::collections::HashMap;

use super::Item;
use crate::load;
use crate::raw::{self, Sp};
use crate::source::SourceFile;

/// Lines (1-based) by item, id and field; the field `""` is the item's own line.
#[derive(Debug, Default)]
pub struct Lines {
    map: HashMap<(Item, String, String), usize>,
}

impl Lines {
    pub fn new(file: &SourceFile) -> Lines {
        let mut lines = Lines::default();
        if let Ok(document) = load::parse(file) {
            Walk {
                file,
                lines: &mut lines,
            }
            .document(&document);
        }
        lines
    }

    /// The line of a field of an item, else of the item itself.
    pub fn get(&self, item: Item, id: &str, field: Option<&str>) -> Option<usize> {
        let key = |f: &str| (item, id.to_string(), f.to_string());
        field
            .and_then(|f| self.map.get(&key(f)))
            .or_else(|| self.map.get(&key("")))
            .copied()
    }
}

struct Walk<'a> {
    file: &'a SourceFile,
    lines: &'a mut Lines,
}

impl Walk<'_> {
    fn put<T>(&mut self, item: Item, id: &str, field: &str, value: &Sp<T>) {
        let line = self.file.position(value.span().start).line;
        self.lines
            .map
            .entry((item, id.to_string(), field.to_string()))
            .or_insert(line);
    }

    fn opt<T>(&mut self, item: Item, id: &str, field: &str, value: Option<&Sp<T>>) {
        if let Some(value) = value {
            self.put(item, id, field, value);
        }
    }

    fn document(&mut self, d: &raw::Document) {
        let p = &d.plan;
        let plan =
            |w: &mut Self, field: &str, value: &raw::Text| w.put(Item::Plan, "plan", field, value);
        plan(self, "", &p.title);
        plan(self, "title", &p.title);
        self.opt(Item::Plan, "plan", "subtitle", p.subtitle.as_ref());
        plan(self, "municipality", &p.municipality);
        self.opt(
            Item::Plan,
            "plan",
            "language",
            p.language.as_ref().map(|k| &k.0),
        );
        let document_type = p.document_type.as_ref().map(|k| &k.0);
        self.opt(Item::Plan, "plan", "document_type", document_type);
        plan(self, "status", &p.status.0);
        plan(self, "version", &p.version);
        plan(self, "period.from", &p.period.from.0);
        plan(self, "period.to", &p.period.to.0);
        plan(self, "owner", &p.owner.0);
        self.opt(Item::Plan, "plan", "case_number", p.case_number.as_ref());
        if let Some(decision) = &p.decision {
            plan(self, "decision.body", &decision.body.0);
            plan(self, "decision.date", &decision.date.0);
            plan(self, "decision.paragraph", &decision.paragraph);
        }
        self.opt(
            Item::Plan,
            "plan",
            "revise_by",
            p.revise_by.as_ref().map(|d| &d.0),
        );
        self.opt(Item::Plan, "plan", "replaces", p.replaces.first());
        self.opt(
            Item::Plan,
            "plan",
            "related",
            p.related.first().map(|r| &r.title),
        );
        self.opt(
            Item::Plan,
            "plan",
            "summary",
            p.summary.as_ref().map(|m| &m.0),
        );

        for (id, body) in &d.bodies {
            let id_text = id.0.value().clone();
            self.put(Item::Body, &id_text, "", &id.0);
            self.put(Item::Body, &id_text, "name", &body.name);
            self.opt(Item::Body, &id_text, "short", body.short.as_ref());
            self.put(Item::Body, &id_text, "kind", &body.kind.0);
        }
        for section in &d.sections {
            let id = section.id.0.value().clone();
            self.put(Item::Section, &id, "", &section.id.0);
            self.put(Item::Section, &id, "title", &section.title);
            self.put(Item::Section, &id, "body", &section.body.0);
        }
        for goal in d.goals.value() {
            self.goal(goal);
        }
        if let Some(follow_up) = &d.follow_up {
            self.follow_up(follow_up);
        }
        for revision in &d.revisions {
            let id = revision.version.value().clone();
            self.put(Item::Revision, &id, "", &revision.version);
            self.put(Item::Revision, &id, "date", &revision.date.0);
            self.put(Item::Revision, &id, "note", &revision.note);
        }
    }

    fn goal(&mut self, goal: &raw::Goal) {
        let id = goal.id.0.value().clone();
        self.put(Item::Goal, &id, "", &goal.id.0);
        self.put(Item::Goal, &id, "title", &goal.title);
        self.opt(
            Item::Goal,
            &id,
            "description",
            goal.description.as_ref().map(|m| &m.0),
        );
        self.opt(Item::Goal, &id, "references", goal.references.first());
        for indicator in &goal.indicators {
            let id = indicator.id.0.value().clone();
            let item = Item::Indicator;
            self.put(item, &id, "", &indicator.id.0);
            self.put(item, &id, "name", &indicator.name);
            self.opt(item, &id, "unit", indicator.unit.as_ref());
            self.opt(item, &id, "baseline", indicator.baseline.as_ref());
            self.opt(item, &id, "target", indicator.target.as_ref());
            self.opt(item, &id, "source", indicator.source.as_ref());
        }
        for measure in &goal.measures {
            let id = measure.id.0.value().clone();
            let item = Item::Measure;
            self.put(item, &id, "", &measure.id.0);
            self.put(item, &id, "title", &measure.title);
            self.opt(
                item,
                &id,
                "description",
                measure.description.as_ref().map(|m| &m.0),
            );
            self.put(item, &id, "responsible", &measure.responsible.0);
            self.opt(
                item,
                &id,
                "partners",
                measure.partners.first().map(|p| &p.0),
            );
            self.opt(item, &id, "start", measure.start.as_ref().map(|t| &t.0));
            self.put(item, &id, "deadline", &measure.deadline.0);
            self.opt(item, &id, "status", measure.status.as_ref().map(|k| &k.0));
            self.opt(item, &id, "cost", measure.cost.as_ref());
            self.opt(
                item,
                &id,
                "indicators",
                measure.indicators.first().map(|i| &i.0),
            );
        }
    }

    fn follow_up(&mut self, f: &raw::FollowUp) {
        let item = Item::FollowUp;
        self.put(item, "follow_up", "", &f.frequency.0);
        self.put(item, "follow_up", "frequency", &f.frequency.0);
        self.put(item, "follow_up", "reporter", &f.reporter.0);
        self.put(item, "follow_up", "recipient", &f.recipient.0);
        let description = f.description.as_ref().map(|m| &m.0);
        self.opt(item, "follow_up", "description", description);
        for report in &f.reports {
            let date = report.date.0.value().clone();
            self.put(item, &date, "", &report.date.0);
            let summary = report.summary.as_ref().map(|m| &m.0);
            self.opt(item, &date, "summary", summary);
            for (id, g) in &report.goals {
                let field = format!("goals.{}", id.0.value());
                let assessment = &g.assessment.0;
                self.put(item, &date, &format!("{field}.assessment"), assessment);
                let comment = g.comment.as_ref().unwrap_or(assessment);
                self.put(item, &date, &format!("{field}.comment"), comment);
            }
            for (id, m) in &report.measures {
                let field = format!("measures.{}", id.0.value());
                self.put(item, &date, &format!("{field}.status"), &m.status.0);
                let comment = m.comment.as_ref().unwrap_or(&m.status.0);
                self.put(item, &date, &format!("{field}.comment"), comment);
            }
            for (id, value) in &report.indicators {
                self.put(item, &date, &format!("indicators.{}", id.0.value()), value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_have_their_own_lines_and_fall_back_to_the_item() {
        let text = "actionplan: 1\nplan:\n  title: T\n  municipality: K\n  status: draft\n  version: \"0.1\"\n  period: { from: 2019-01-01, to: 2021-12-31 }\n  owner: ks\nbodies:\n  ks: { name: KS, kind: board }\ngoals:\n  - id: M1\n    title: G\n    measures:\n      - id: \"1.1\"\n        title: A\n        responsible: ks\n        deadline: 2020\n";
        let lines = Lines::new(&SourceFile::new("p.yaml", text.to_string()));
        assert_eq!(lines.get(Item::Plan, "plan", Some("version")), Some(6));
        assert_eq!(lines.get(Item::Body, "ks", Some("kind")), Some(10));
        assert_eq!(lines.get(Item::Measure, "1.1", None), Some(15));
        assert_eq!(lines.get(Item::Measure, "1.1", Some("deadline")), Some(18));
        assert_eq!(lines.get(Item::Measure, "1.1", Some("status")), Some(15));
        assert_eq!(lines.get(Item::Goal, "M9", None), None);
    }
}
