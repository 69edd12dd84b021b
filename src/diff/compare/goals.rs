//! Goals, with their indicators and measures: matched by id across the
//! whole plan, so an indicator or measure that changed goal is one move (and
//! its field changes), not a removal and an addition.

use std::collections::HashMap;

use serde_json::json;

use super::{At, Cx, V, v};
use crate::diff::{Item, Kind, lang};
use crate::model::{Goal, Indicator, Measure, Measurement, Plan};

fn find<'p>(plan: &'p Plan, id: &str) -> Option<&'p Goal> {
    plan.goals.iter().find(|g| g.id.as_str() == id)
}

/// An indicator or a measure: what a goal holds, matched by id across the
/// whole plan, so that it may move to another goal.
trait Member: Sized {
    const ITEM: Item;
    fn id(&self) -> &str;
    /// What names it to a reader when it comes or goes.
    fn title(&self) -> &str;
    fn of(goal: &Goal) -> &[Self];

    /// Where its changes belong, under goal `goal`.
    fn at<'s>(&'s self, goal: &'s str) -> At<'s> {
        At {
            item: Self::ITEM,
            id: self.id(),
            goal: Some(goal),
        }
    }
}

impl Member for Indicator {
    const ITEM: Item = Item::Indicator;
    fn id(&self) -> &str {
        self.id.as_str()
    }
    fn title(&self) -> &str {
        &self.name
    }
    fn of(goal: &Goal) -> &[Self] {
        &goal.indicators
    }
}

impl Member for Measure {
    const ITEM: Item = Item::Measure;
    fn id(&self) -> &str {
        self.id.as_str()
    }
    fn title(&self) -> &str {
        &self.title
    }
    fn of(goal: &Goal) -> &[Self] {
        &goal.measures
    }
}

/// Every indicator (or measure) of a plan by id, with its goal's id.
type Index<'p, T> = HashMap<&'p str, (&'p str, &'p T)>;

fn index<T: Member>(plan: &Plan) -> Index<'_, T> {
    let all = plan
        .goals
        .iter()
        .flat_map(|g| T::of(g).iter().map(move |m| (g, m)));
    all.map(|(g, m)| (m.id(), (g.id.as_str(), m))).collect()
}

impl Cx<'_> {
    pub(super) fn goals(&mut self) {
        let (old, new) = (self.old, self.new);
        let mut order: Vec<&str> = new.goals.iter().map(|g| g.id.as_str()).collect();
        order.extend(
            old.goals
                .iter()
                .map(|g| g.id.as_str())
                .filter(|id| find(new, id).is_none()),
        );
        let indicators = (index::<Indicator>(old), index::<Indicator>(new));
        let measures = (index::<Measure>(old), index::<Measure>(new));
        for id in order {
            let (o, n) = (find(old, id), find(new, id));
            let at = At {
                item: Item::Goal,
                id,
                goal: Some(id),
            };
            match (&o, &n) {
                (Some(o), Some(n)) => self.goal(at, o, n),
                (None, Some(n)) => self.item(at, Kind::Added, Some(&n.title)),
                (Some(o), None) => self.item(at, Kind::Removed, Some(&o.title)),
                (None, None) => {}
            }
            self.members(id, (o, n), &indicators, Self::indicator);
            self.members(id, (o, n), &measures, Self::measure);
        }
    }

    /// The indicators (or measures) of goal `goal` in either version: those of
    /// the new version, added, moved here or compared field by field with
    /// `compare`; then those of the old version that are nowhere in the new.
    fn members<T: Member>(
        &mut self,
        goal: &str,
        (o, n): (Option<&Goal>, Option<&Goal>),
        (old_all, new_all): &(Index<'_, T>, Index<'_, T>),
        compare: fn(&mut Self, At<'_>, &T, &T),
    ) {
        for m in n.iter().flat_map(|n| T::of(n)) {
            match old_all.get(m.id()) {
                Some((from, om)) => {
                    self.moved(m.at(goal), from);
                    compare(self, m.at(goal), om, m);
                }
                None => self.item(m.at(goal), Kind::Added, Some(m.title())),
            }
        }
        for m in o.iter().flat_map(|o| T::of(o)) {
            if !new_all.contains_key(m.id()) {
                self.item(m.at(goal), Kind::Removed, Some(m.title()));
            }
        }
    }

    fn moved(&mut self, at: At<'_>, from: &str) {
        let to = at.goal.unwrap_or_default();
        if from != to {
            let change = self.push(at, Kind::Moved, Some("goal"), json!(from), json!(to));
            change.shown.old = Some(from.to_string());
            change.shown.new = Some(to.to_string());
        }
    }

    fn goal(&mut self, at: At<'_>, o: &Goal, n: &Goal) {
        self.text(at, "title", Some(&o.title), Some(&n.title));
        self.text(
            at,
            "description",
            o.description.as_deref(),
            n.description.as_deref(),
        );
        self.list(
            at,
            "references",
            Self::strings(&o.references),
            Self::strings(&n.references),
        );
    }

    fn indicator(&mut self, at: At<'_>, o: &Indicator, n: &Indicator) {
        let lang = self.lang;
        self.text(at, "name", Some(&o.name), Some(&n.name));
        self.text(at, "unit", o.unit.as_deref(), n.unit.as_deref());
        let measurement = |m: Option<Measurement>| {
            m.map(|m| {
                let shown = format!("{} ({})", lang::number(lang, m.value), m.year);
                v(json!({"value": m.value, "year": m.year}), shown)
            })
        };
        self.value(
            at,
            "baseline",
            measurement(o.baseline),
            measurement(n.baseline),
        );
        self.value(at, "target", measurement(o.target), measurement(n.target));
        self.text(at, "source", o.source.as_deref(), n.source.as_deref());
    }

    fn measure(&mut self, at: At<'_>, o: &Measure, n: &Measure) {
        let lang = self.lang;
        let (old, new) = (self.old, self.new);
        self.text(at, "title", Some(&o.title), Some(&n.title));
        self.text(
            at,
            "description",
            o.description.as_deref(),
            n.description.as_deref(),
        );
        let (ro, rn) = (
            Self::body(old, o.responsible),
            Self::body(new, n.responsible),
        );
        self.value(at, "responsible", Some(ro), Some(rn));
        let partners =
            |plan: &Plan, m: &Measure| m.partners.iter().map(|&p| Self::body(plan, p)).collect();
        self.list(at, "partners", partners(old, o), partners(new, n));
        self.time(at, "start", o.start, n.start, false);
        self.time(at, "deadline", Some(o.deadline), Some(n.deadline), true);
        let status = |s| Some(Self::keyword(s, lang::measure_status(lang, s)));
        self.value(at, "status", status(o.status), status(n.status));
        self.text(at, "cost", o.cost.as_deref(), n.cost.as_deref());
        let indicators = |plan: &Plan, m: &Measure| -> Vec<V> {
            let ids = m
                .indicators
                .iter()
                .map(|&r| plan.indicator(r).id.to_string());
            ids.map(|id| v(id.clone(), id)).collect()
        };
        self.list(at, "indicators", indicators(old, o), indicators(new, n));
    }
}
