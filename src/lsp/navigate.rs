//! Go to definition, find references and hover, for body, goal, indicator,
//! measure and section ids, from the [`index`](super::index).

use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind};

use super::documents::Document;
use super::index::{Def, Index, Kind};
use crate::source::Span;

/// Where the id at `offset` is declared (several places for a duplicate).
pub fn definition(doc: &Document, offset: usize) -> Vec<Span> {
    let index = &doc.analysis().index;
    match index.at(offset) {
        Some(o) => index.defs_of(o.kind, &o.id).map(|d| d.span).collect(),
        None => Vec::new(),
    }
}

/// Every place the id at `offset` stands, with its declaration if asked.
pub fn references(doc: &Document, offset: usize, declaration: bool) -> Vec<Span> {
    let index = &doc.analysis().index;
    match index.at(offset) {
        Some(o) => index.occurrences(o.kind, &o.id, declaration),
        None => Vec::new(),
    }
}

/// What the id at `offset` names: a body's name and kind; an indicator's
/// name, baseline and target; a measure's title, responsible body,
/// deadline and status; a goal's title and size.
pub fn hover(doc: &Document, offset: usize) -> Option<Hover> {
    let index = &doc.analysis().index;
    let o = index.at(offset)?;
    let value = match index.defs_of(o.kind, &o.id).next() {
        Some(def) => describe(index, def),
        None => format!("no {} with id `{}` is declared", o.kind.noun(), code(&o.id)),
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: Some(doc.range(o.span)),
    })
}

fn describe(index: &Index, def: &Def) -> String {
    let mut lines = vec![format!(
        "**{}**",
        escape(def.title().unwrap_or("(no title)"))
    )];
    let id = format!("{} `{}`", def.kind.noun(), code(&def.id));
    let field = |key: &str| def.field(key).map(escape);
    match def.kind {
        Kind::Body => {
            let short = field("short")
                .map(|s| format!(" ({s})"))
                .unwrap_or_default();
            lines[0].push_str(&short);
            lines.push(format!(
                "{id}, kind `{}`",
                code(def.field("kind").unwrap_or("?"))
            ));
        }
        Kind::Indicator => {
            lines.push(in_goal(index, def, id));
            let unit = field("unit").map(|u| format!(" {u}")).unwrap_or_default();
            for (label, key) in [("baseline", "baseline"), ("target", "target")] {
                let value = field(&format!("{key}.value"));
                let year = field(&format!("{key}.year"));
                lines.push(match (value, year) {
                    (Some(v), Some(y)) => format!("{label}: {v}{unit} ({y})"),
                    (Some(v), None) => format!("{label}: {v}{unit}"),
                    _ => format!("{label}: none"),
                });
            }
        }
        Kind::Measure => {
            lines.push(in_goal(index, def, id));
            let responsible = def.field("responsible").map(|r| {
                let name = index
                    .defs_of(Kind::Body, r)
                    .next()
                    .and_then(Def::title)
                    .map(|n| format!(" ({})", escape(n)))
                    .unwrap_or_default();
                format!("`{}`{name}", code(r))
            });
            lines.push(format!(
                "responsible: {}",
                responsible.unwrap_or("none".into())
            ));
            lines.push(format!(
                "deadline: {}",
                field("deadline").unwrap_or("none".into())
            ));
            lines.push(format!(
                "status: {}",
                field("status").unwrap_or("planned (not given)".into())
            ));
        }
        Kind::Goal => {
            let count = |kind: Kind| {
                let me = index.defs.iter().position(|d| std::ptr::eq(d, def));
                index
                    .of_kind(kind)
                    .filter(|d| d.parent.is_some() && d.parent == me)
                    .count()
            };
            lines.push(format!(
                "{id}: {} indicators, {} measures",
                count(Kind::Indicator),
                count(Kind::Measure)
            ));
        }
        Kind::Section => lines.push(id),
    }
    lines.join("  \n")
}

fn in_goal(index: &Index, def: &Def, id: String) -> String {
    match def.parent.and_then(|p| index.defs.get(p)) {
        Some(goal) => format!("{id} of goal `{}`", code(&goal.id)),
        None => id,
    }
}

/// User text shown as Markdown text, not markup.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\`*_[]<>".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Text inside a code span: backticks would end it.
fn code(text: &str) -> String {
    text.replace('`', "'")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAN: &str = include_str!("../../plans/umea-handlingsplan-mot-vald.yaml");

    fn hover_at(doc: &Document, needle: &str) -> String {
        let offset = doc.text().find(needle).unwrap() + needle.len() - 1;
        match hover(doc, offset).unwrap().contents {
            HoverContents::Markup(m) => m.value,
            _ => unreachable!(),
        }
    }

    #[test]
    fn hover_shows_what_an_id_names() {
        let doc = Document::new(PLAN.to_string(), 1);
        let body = hover_at(&doc, "owner: ks");
        assert!(
            body.contains("Kommunstyrelsen") && body.contains("`board`"),
            "{body}"
        );
        let measure = hover_at(&doc, "- id: \"1.1\"");
        assert!(measure.contains("responsible: `"), "{measure}");
        assert!(
            measure.contains("deadline: ") && measure.contains("status: "),
            "{measure}"
        );
    }

    #[test]
    fn definition_and_references_of_a_body() {
        let doc = Document::new(PLAN.to_string(), 1);
        let use_ = doc.text().find("owner: ks").unwrap() + 8;
        let defs = definition(&doc, use_);
        assert_eq!(defs.len(), 1);
        assert_eq!(&doc.text()[defs[0].start..defs[0].end], "ks");
        assert_eq!(&doc.text()[defs[0].start - 2..defs[0].end + 1], "  ks:");
        let refs = references(&doc, use_, false);
        assert!(refs.len() >= 2);
        assert!(refs.iter().all(|s| &doc.text()[s.start..s.end] == "ks"));
        assert_eq!(references(&doc, use_, true).len(), refs.len() + 1);
    }
}
