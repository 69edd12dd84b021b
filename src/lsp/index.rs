//! The ids of a plan: where each is declared and where it is used.
//!
//! Built from the span-keeping [`tree`](super::tree), so it works on a
//! document that does not validate: every declaration and reference the
//! tree holds is found, whatever is wrong elsewhere. Definition, references,
//! hover, rename, symbols and completion all read this one index.
//!
//! Bodies have their own namespace; sections, goals, indicators and
//! measures share one, as in validation (their ids are anchors of one page).

use super::tree::{Node, Value};
use crate::source::Span;

/// What an id names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Body,
    Section,
    Goal,
    Indicator,
    Measure,
}

impl Kind {
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Body => "body",
            Kind::Section => "section",
            Kind::Goal => "goal",
            Kind::Indicator => "indicator",
            Kind::Measure => "measure",
        }
    }

    /// Whether two kinds share a namespace: an id may name one thing of the two.
    pub fn shares_ids_with(self, other: Kind) -> bool {
        (self == Kind::Body) == (other == Kind::Body)
    }
}

/// A declaration: `id: M1` of a measure, or the key `kf:` under `bodies`.
#[derive(Clone, Debug)]
pub struct Def {
    pub kind: Kind,
    pub id: String,
    /// The id as written, without quotes.
    pub span: Span,
    /// The whole item (for a body, from its key to the end of its value).
    pub item: Span,
    /// The goal (an index into [`Index::defs`]) of an indicator or measure.
    pub parent: Option<usize>,
    /// The item's scalar values by key; nested ones as `baseline.value`.
    pub fields: Vec<(String, String)>,
}

impl Def {
    pub fn field(&self, key: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// What a reader calls it: a title or a name.
    pub fn title(&self) -> Option<&str> {
        self.field("title").or_else(|| self.field("name"))
    }
}

/// A reference to an id, e.g. `responsible: ifn`.
#[derive(Clone, Debug)]
pub struct Use {
    pub kind: Kind,
    pub id: String,
    pub span: Span,
}

/// An id at a place in the text: a declaration or a use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Occurrence {
    pub kind: Kind,
    pub id: String,
    pub span: Span,
    pub is_def: bool,
}

#[derive(Clone, Debug, Default)]
pub struct Index {
    /// In file order.
    pub defs: Vec<Def>,
    /// In file order.
    pub uses: Vec<Use>,
}

impl Index {
    pub fn new(root: Option<&Node>) -> Self {
        let mut index = Index::default();
        if let Some(root) = root {
            index.plan(root);
        }
        index
    }

    /// The id at a byte offset, touching its start or its end.
    pub fn at(&self, offset: usize) -> Option<Occurrence> {
        let touches = |span: Span| span.start <= offset && offset <= span.end;
        let def = self
            .defs
            .iter()
            .find(|d| touches(d.span))
            .map(|d| Occurrence {
                kind: d.kind,
                id: d.id.clone(),
                span: d.span,
                is_def: true,
            });
        def.or_else(|| {
            self.uses
                .iter()
                .find(|u| touches(u.span))
                .map(|u| Occurrence {
                    kind: u.kind,
                    id: u.id.clone(),
                    span: u.span,
                    is_def: false,
                })
        })
    }

    pub fn defs_of<'a>(&'a self, kind: Kind, id: &'a str) -> impl Iterator<Item = &'a Def> {
        self.defs
            .iter()
            .filter(move |d| d.kind == kind && d.id == id)
    }

    pub fn uses_of<'a>(&'a self, kind: Kind, id: &'a str) -> impl Iterator<Item = &'a Use> {
        self.uses
            .iter()
            .filter(move |u| u.kind == kind && u.id == id)
    }

    /// Every place the id of an occurrence stands, declarations first.
    pub fn occurrences(&self, kind: Kind, id: &str, declarations: bool) -> Vec<Span> {
        let defs = self
            .defs_of(kind, id)
            .filter(|_| declarations)
            .map(|d| d.span);
        defs.chain(self.uses_of(kind, id).map(|u| u.span)).collect()
    }

    pub fn of_kind(&self, kind: Kind) -> impl Iterator<Item = &Def> {
        self.defs.iter().filter(move |d| d.kind == kind)
    }

    fn define(
        &mut self,
        kind: Kind,
        id: &Node,
        item: Span,
        fields: Option<&Node>,
        parent: Option<usize>,
    ) -> Option<usize> {
        let text = id.text()?;
        self.defs.push(Def {
            kind,
            id: text.to_string(),
            span: content(id),
            item,
            parent,
            fields: fields.map(scalar_fields).unwrap_or_default(),
        });
        Some(self.defs.len() - 1)
    }

    fn refer(&mut self, kind: Kind, node: Option<&Node>) {
        if let Some(node) = node
            && let Some(text) = node.text()
        {
            self.uses.push(Use {
                kind,
                id: text.to_string(),
                span: content(node),
            });
        }
    }

    fn plan(&mut self, root: &Node) {
        if let Some(plan) = root.get("plan") {
            self.refer(Kind::Body, plan.get("owner"));
            self.refer(Kind::Body, plan.get("decision").and_then(|d| d.get("body")));
        }
        if let Some(bodies) = root.get("bodies") {
            for (key, value) in bodies.entries() {
                let item = Span::new(key.span.start, value.span.end.max(key.span.end));
                self.define(Kind::Body, key, item, Some(value), None);
            }
        }
        for section in root.get("sections").map_or(&[][..], Node::items) {
            if let Some(id) = section.get("id") {
                self.define(Kind::Section, id, section.span, Some(section), None);
            }
        }
        for goal in root.get("goals").map_or(&[][..], Node::items) {
            self.goal(goal);
        }
        if let Some(follow_up) = root.get("follow_up") {
            self.refer(Kind::Body, follow_up.get("reporter"));
            self.refer(Kind::Body, follow_up.get("recipient"));
            // A report's keys are ids: its goals' assessments, its measures'
            // statuses, its indicators' values; a rename must follow them.
            for report in follow_up.get("reports").map_or(&[][..], Node::items) {
                let keyed = [
                    (Kind::Goal, "goals"),
                    (Kind::Measure, "measures"),
                    (Kind::Indicator, "indicators"),
                ];
                for (kind, key) in keyed {
                    for (id, _) in report.get(key).map_or(&[][..], Node::entries) {
                        self.refer(kind, Some(id));
                    }
                }
            }
        }
    }

    fn goal(&mut self, goal: &Node) {
        let parent = match goal.get("id") {
            Some(id) => self.define(Kind::Goal, id, goal.span, Some(goal), None),
            None => None,
        };
        for indicator in goal.get("indicators").map_or(&[][..], Node::items) {
            if let Some(id) = indicator.get("id") {
                self.define(Kind::Indicator, id, indicator.span, Some(indicator), parent);
            }
        }
        for measure in goal.get("measures").map_or(&[][..], Node::items) {
            if let Some(id) = measure.get("id") {
                self.define(Kind::Measure, id, measure.span, Some(measure), parent);
            }
            self.refer(Kind::Body, measure.get("responsible"));
            for partner in measure.get("partners").map_or(&[][..], Node::items) {
                self.refer(Kind::Body, Some(partner));
            }
            for indicator in measure.get("indicators").map_or(&[][..], Node::items) {
                self.refer(Kind::Indicator, Some(indicator));
            }
        }
    }
}

/// The bytes of a scalar's text: without its quotes.
pub fn content(node: &Node) -> Span {
    let span = node.span;
    match &node.value {
        Value::Scalar { quoted: true, .. } if span.end >= span.start + 2 => {
            Span::new(span.start + 1, span.end - 1)
        }
        _ => span,
    }
}

/// A mapping's scalar values, one level of nesting deep.
fn scalar_fields(item: &Node) -> Vec<(String, String)> {
    let mut fields = Vec::new();
    for (key, value) in item.entries() {
        let Some(key) = key.text() else { continue };
        match value.text() {
            Some(text) => fields.push((key.to_string(), text.to_string())),
            None => {
                for (sub, value) in value.entries() {
                    if let (Some(sub), Some(text)) = (sub.text(), value.text()) {
                        fields.push((format!("{key}.{sub}"), text.to_string()));
                    }
                }
            }
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lsp::tree;

    const PLAN: &str = include_str!("../../tests/fixtures/valid/minimal.yaml");

    #[test]
    fn finds_declarations_and_uses() {
        let root = tree::parse(PLAN).unwrap();
        let index = Index::new(Some(&root));
        let bodies: Vec<&str> = index.of_kind(Kind::Body).map(|d| d.id.as_str()).collect();
        assert!(!bodies.is_empty());
        for def in &index.defs {
            assert_eq!(&PLAN[def.span.start..def.span.end], def.id);
        }
        for u in &index.uses {
            assert_eq!(&PLAN[u.span.start..u.span.end], u.id);
        }
        let owner = root.get("plan").unwrap().str("owner").unwrap();
        assert!(index.uses_of(Kind::Body, owner).count() >= 1);
    }

    #[test]
    fn works_on_a_plan_that_does_not_validate() {
        let text = "goals:\n  - id: G1\n    title: x\n    unknown_key: 1\n    measures:\n      - id: \"M1\"\n        responsible: nobody\n";
        let index = Index::new(tree::parse(text).as_ref());
        let m1 = index.defs_of(Kind::Measure, "M1").next().unwrap();
        assert_eq!(&text[m1.span.start..m1.span.end], "M1");
        assert_eq!(m1.parent, Some(0));
        let at = text.find("nobody").unwrap() + 2;
        let occurrence = index.at(at).unwrap();
        assert_eq!(
            (occurrence.kind, occurrence.id.as_str()),
            (Kind::Body, "nobody")
        );
    }
}
