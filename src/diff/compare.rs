//! The walk over both plans: every item matched by id, every field compared
//! by its machine value, in reading order (see [`super::Diff`]).
//!
//! Texts are compared with whitespace normalised as Markdown reads it
//! ([`words::normalize`]); lists whose order carries no meaning (partners,
//! references, indicators) as sets.

mod goals;
mod history;

use chrono::{Datelike, NaiveDate};
use serde_json::Value;

use super::lang;
use super::lines::Lines;
use super::words;
use super::{Change, Item, Kind, Shown, Version};
use crate::model::{BodyRef, Keyword, Language, Plan};
use crate::time::Time;

/// A value: what the JSON carries, and what a reader sees.
#[derive(Clone, Debug, PartialEq)]
struct V {
    json: Value,
    shown: String,
}

fn v(json: impl Into<Value>, shown: impl Into<String>) -> V {
    V {
        json: json.into(),
        shown: shown.into(),
    }
}

/// Where a change belongs: the item, its id and its goal.
#[derive(Clone, Copy)]
struct At<'s> {
    item: Item,
    id: &'s str,
    goal: Option<&'s str>,
}

pub(super) fn changes(old: &Version<'_>, new: &Version<'_>, language: Language) -> Vec<Change> {
    let mut cx = Cx {
        old: old.plan,
        new: new.plan,
        old_lines: Lines::new(old.file),
        new_lines: Lines::new(new.file),
        lang: language,
        out: Vec::new(),
    };
    cx.meta();
    cx.bodies();
    cx.sections();
    cx.goals();
    cx.follow_up();
    cx.revisions();
    cx.out
}

struct Cx<'a> {
    old: &'a Plan,
    new: &'a Plan,
    old_lines: Lines,
    new_lines: Lines,
    lang: Language,
    out: Vec<Change>,
}

impl Cx<'_> {
    fn push(
        &mut self,
        at: At<'_>,
        kind: Kind,
        field: Option<&str>,
        old: Value,
        new: Value,
    ) -> &mut Change {
        let old_line = (kind != Kind::Added)
            .then(|| self.old_lines.get(at.item, at.id, field))
            .flatten();
        let new_line = (kind != Kind::Removed)
            .then(|| self.new_lines.get(at.item, at.id, field))
            .flatten();
        self.out.push(Change {
            kind,
            item: at.item,
            id: at.id.to_string(),
            field: field.map(str::to_string),
            old,
            new,
            old_line,
            new_line,
            summary: String::new(),
            goal: at.goal.map(str::to_string),
            words: None,
            months: None,
            likely_rename: None,
            shown: Shown::default(),
        });
        self.out.last_mut().expect("just pushed")
    }

    /// A whole item came or went; `title` is what names it to a reader.
    fn item(&mut self, at: At<'_>, kind: Kind, title: Option<&str>) {
        let title_json = title.map_or(Value::Null, |t| Value::String(t.to_string()));
        let (old, new) = match kind {
            Kind::Removed => (title_json, Value::Null),
            _ => (Value::Null, title_json),
        };
        let change = self.push(at, kind, None, old, new);
        let shown = title.map(str::to_string);
        match kind {
            Kind::Removed => change.shown.old = shown,
            _ => change.shown.new = shown,
        }
    }

    fn value(
        &mut self,
        at: At<'_>,
        field: &str,
        old: Option<V>,
        new: Option<V>,
    ) -> Option<&mut Change> {
        let json = |x: &Option<V>| x.as_ref().map_or(Value::Null, |x| x.json.clone());
        if json(&old) == json(&new) {
            return None;
        }
        let (mut old, mut new) = (old, new);
        // Two bodies with the same short name (a body's id renamed): name the ids too.
        if let (Some(o), Some(n)) = (&mut old, &mut new)
            && o.shown == n.shown
            && let (Some(a), Some(b)) = (o.json.as_str(), n.json.as_str())
        {
            o.shown = format!("{} ({a})", o.shown);
            n.shown = format!("{} ({b})", n.shown);
        }
        let change = self.push(at, Kind::Changed, Some(field), json(&old), json(&new));
        change.shown.old = old.map(|x| x.shown);
        change.shown.new = new.map(|x| x.shown);
        Some(change)
    }

    fn text(&mut self, at: At<'_>, field: &str, old: Option<&str>, new: Option<&str>) {
        let old = old.map(words::normalize).filter(|t| !t.is_empty());
        let new = new.map(words::normalize).filter(|t| !t.is_empty());
        let segments = match (&old, &new) {
            (Some(o), Some(n)) if o != n => Some(words::diff(o, n)),
            _ => None,
        };
        let prose = [&old, &new].iter().any(|t| {
            t.as_ref()
                .is_some_and(|t| t.contains('\n') || t.chars().count() > 90)
        });
        let wrap = |t: Option<String>| t.map(|t| v(t.clone(), t));
        if let Some(change) = self.value(at, field, wrap(old), wrap(new)) {
            change.words = segments;
            change.shown.text = true;
            change.shown.prose = prose;
        }
    }

    fn list(&mut self, at: At<'_>, field: &str, old: Vec<V>, new: Vec<V>) {
        // By machine value: a body renamed is not a partner changed.
        let missing = |xs: &'_ [V], ys: &[V]| -> Vec<V> {
            let absent = |x: &&V| !ys.iter().any(|y| y.json == x.json);
            xs.iter().filter(absent).cloned().collect()
        };
        let (added, removed) = (missing(&new, &old), missing(&old, &new));
        if added.is_empty() && removed.is_empty() {
            return;
        }
        // An entry that went and one that came under the same name (a body's
        // id renamed) are named by their ids too.
        let clash = |x: &V, others: &[V]| others.iter().any(|y| y.shown == x.shown);
        let shown = |xs: &[V], others: &[V]| -> Vec<String> {
            let show = |x: &V| match (clash(x, others), x.json.as_str()) {
                (true, Some(id)) => format!("{} ({id})", x.shown),
                _ => x.shown.clone(),
            };
            xs.iter().map(show).collect()
        };
        let (added, removed) = (shown(&added, &removed), shown(&removed, &added));
        let array = |xs: &[V]| Value::Array(xs.iter().map(|x| x.json.clone()).collect());
        let change = self.push(at, Kind::Changed, Some(field), array(&old), array(&new));
        change.shown.added = added;
        change.shown.removed = removed;
    }

    fn date(&mut self, at: At<'_>, field: &str, old: Option<NaiveDate>, new: Option<NaiveDate>) {
        let lang = self.lang;
        let wrap = |d: Option<NaiveDate>| d.map(|d| v(d.to_string(), lang::date(lang, d)));
        self.value(at, field, wrap(old), wrap(new));
    }

    /// A start (`deadline == false`) or deadline, with how many months it moved.
    fn time(
        &mut self,
        at: At<'_>,
        field: &str,
        old: Option<Time>,
        new: Option<Time>,
        deadline: bool,
    ) {
        let lang = self.lang;
        let day = |t: Time, plan: &Plan| match deadline {
            true => t.last_day(plan.meta.period),
            false => t.first_day(plan.meta.period),
        };
        let months = match (old, new) {
            (Some(o), Some(n)) => {
                let (o, n) = (day(o, self.old), day(n, self.new));
                Some((n.year() - o.year()) * 12 + n.month() as i32 - o.month() as i32)
            }
            _ => None,
        };
        let wrap = |t: Option<Time>| t.map(|t| v(t.to_string(), lang::time(lang, t)));
        if let Some(change) = self.value(at, field, wrap(old), wrap(new)) {
            change.months = months.filter(|m| *m != 0);
        }
    }

    fn body(plan: &Plan, r: BodyRef) -> V {
        let body = plan.body(r);
        v(
            body.id.to_string(),
            body.short.clone().unwrap_or_else(|| body.name.clone()),
        )
    }

    fn keyword<K: Keyword + PartialEq>(k: K, shown: &str) -> V {
        v(k.as_str(), shown)
    }

    fn strings(xs: &[String]) -> Vec<V> {
        xs.iter().map(|x| v(x.clone(), x.clone())).collect()
    }

    fn meta(&mut self) {
        let (o, n, lang) = (&self.old.meta, &self.new.meta, self.lang);
        let at = At {
            item: Item::Plan,
            id: "plan",
            goal: None,
        };
        self.text(at, "title", Some(&o.title), Some(&n.title));
        self.text(at, "subtitle", o.subtitle.as_deref(), n.subtitle.as_deref());
        self.text(
            at,
            "municipality",
            Some(&o.municipality),
            Some(&n.municipality),
        );
        let language = |l: Language| Some(Self::keyword(l, l.as_str()));
        self.value(at, "language", language(o.language), language(n.language));
        let kind = |t| Some(Self::keyword(t, lang::document_type(lang, t)));
        self.value(
            at,
            "document_type",
            kind(o.document_type),
            kind(n.document_type),
        );
        let status = |s| Some(Self::keyword(s, lang::plan_status(lang, s)));
        self.value(at, "status", status(o.status), status(n.status));
        let version = |s: &String| Some(v(s.clone(), s.clone()));
        self.value(at, "version", version(&o.version), version(&n.version));
        self.date(at, "period.from", Some(o.period.from), Some(n.period.from));
        self.date(at, "period.to", Some(o.period.to), Some(n.period.to));
        let (old_owner, new_owner) = (Self::body(self.old, o.owner), Self::body(self.new, n.owner));
        self.value(at, "owner", Some(old_owner), Some(new_owner));
        let case = |s: &Option<String>| s.as_ref().map(|s| v(s.clone(), s.clone()));
        self.value(
            at,
            "case_number",
            case(&o.case_number),
            case(&n.case_number),
        );
        let (od, nd) = (o.decision.as_ref(), n.decision.as_ref());
        let old_body = od.map(|d| Self::body(self.old, d.body));
        let new_body = nd.map(|d| Self::body(self.new, d.body));
        self.value(at, "decision.body", old_body, new_body);
        self.date(at, "decision.date", od.map(|d| d.date), nd.map(|d| d.date));
        let paragraph = |d: Option<&crate::model::Decision>| {
            d.map(|d| v(d.paragraph.clone(), d.paragraph.clone()))
        };
        self.value(at, "decision.paragraph", paragraph(od), paragraph(nd));
        self.date(at, "revise_by", o.revise_by, n.revise_by);
        self.list(
            at,
            "replaces",
            Self::strings(&o.replaces),
            Self::strings(&n.replaces),
        );
        let related = |m: &crate::model::Meta| -> Vec<V> {
            let text = |r: &crate::model::Related| match &r.url {
                Some(url) => format!("{} ({url})", r.title),
                None => r.title.clone(),
            };
            m.related.iter().map(|r| v(text(r), text(r))).collect()
        };
        self.list(at, "related", related(o), related(n));
        self.text(at, "summary", o.summary.as_deref(), n.summary.as_deref());
    }

    fn bodies(&mut self) {
        let lang = self.lang;
        let (old, new) = (self.old, self.new);
        for b in &new.bodies {
            let at = At {
                item: Item::Body,
                id: b.id.as_str(),
                goal: None,
            };
            let Some(o) = old.bodies.iter().find(|o| o.id == b.id) else {
                self.item(at, Kind::Added, Some(&b.name));
                continue;
            };
            self.text(at, "name", Some(&o.name), Some(&b.name));
            self.text(at, "short", o.short.as_deref(), b.short.as_deref());
            let kind = |k| Some(Self::keyword(k, lang::body_kind(lang, k)));
            self.value(at, "kind", kind(o.kind), kind(b.kind));
        }
        for o in old
            .bodies
            .iter()
            .filter(|o| !new.bodies.iter().any(|b| b.id == o.id))
        {
            let at = At {
                item: Item::Body,
                id: o.id.as_str(),
                goal: None,
            };
            self.item(at, Kind::Removed, Some(&o.name));
        }
    }

    fn sections(&mut self) {
        let (old, new) = (self.old, self.new);
        for s in &new.sections {
            let at = At {
                item: Item::Section,
                id: s.id.as_str(),
                goal: None,
            };
            let Some(o) = old.sections.iter().find(|o| o.id == s.id) else {
                self.item(at, Kind::Added, Some(&s.title));
                continue;
            };
            self.text(at, "title", Some(&o.title), Some(&s.title));
            self.text(at, "body", Some(&o.body), Some(&s.body));
        }
        for o in old
            .sections
            .iter()
            .filter(|o| !new.sections.iter().any(|s| s.id == o.id))
        {
            let at = At {
                item: Item::Section,
                id: o.id.as_str(),
                goal: None,
            };
            self.item(at, Kind::Removed, Some(&o.title));
        }
    }

    fn follow_up(&mut self) {
        let lang = self.lang;
        let (old, new) = (self.old, self.new);
        let at = At {
            item: Item::FollowUp,
            id: "follow_up",
            goal: None,
        };
        let (o, n) = match (&old.follow_up, &new.follow_up) {
            (Some(o), Some(n)) => (o, n),
            (None, Some(_)) => return self.item(at, Kind::Added, None),
            (Some(_), None) => return self.item(at, Kind::Removed, None),
            (None, None) => return,
        };
        let frequency = |f| Some(Self::keyword(f, lang::frequency(lang, f)));
        self.value(
            at,
            "frequency",
            frequency(o.frequency),
            frequency(n.frequency),
        );
        self.value(
            at,
            "reporter",
            Some(Self::body(old, o.reporter)),
            Some(Self::body(new, n.reporter)),
        );
        self.value(
            at,
            "recipient",
            Some(Self::body(old, o.recipient)),
            Some(Self::body(new, n.recipient)),
        );
        self.text(
            at,
            "description",
            o.description.as_deref(),
            n.description.as_deref(),
        );
        self.reports(&o.reports, &n.reports);
    }
}
