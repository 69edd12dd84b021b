//! The outline: sections, then goals, each with its indicators and measures.

use lsp_types::{DocumentSymbol, SymbolKind};

use super::documents::Document;
use super::index::{Def, Kind};
use crate::source::Span;

pub fn outline(doc: &Document) -> Vec<DocumentSymbol> {
    let index = &doc.analysis().index;
    let mut symbols: Vec<DocumentSymbol> = index
        .of_kind(Kind::Section)
        .map(|d| symbol(doc, d, None))
        .collect();
    for (i, goal) in index.defs.iter().enumerate() {
        if goal.kind != Kind::Goal {
            continue;
        }
        let children = index
            .defs
            .iter()
            .filter(|d| d.parent == Some(i))
            .map(|d| symbol(doc, d, None))
            .collect();
        symbols.push(symbol(doc, goal, Some(children)));
    }
    symbols
}

#[allow(deprecated)] // `deprecated` is a field the type requires.
fn symbol(doc: &Document, def: &Def, children: Option<Vec<DocumentSymbol>>) -> DocumentSymbol {
    // An editor refuses an empty name, and a range that does not hold the selection.
    let name = match def.title().map(str::trim).filter(|t| !t.is_empty()) {
        Some(title) => title.to_string(),
        None if !def.id.trim().is_empty() => def.id.clone(),
        None => def.kind.noun().to_string(),
    };
    let item = Span::new(
        def.item.start.min(def.span.start),
        def.item.end.max(def.span.end),
    );
    DocumentSymbol {
        name,
        detail: Some(format!("{} {}", def.kind.noun(), def.id)),
        kind: match def.kind {
            Kind::Section => SymbolKind::STRING,
            Kind::Goal => SymbolKind::CLASS,
            Kind::Indicator => SymbolKind::NUMBER,
            Kind::Measure => SymbolKind::EVENT,
            Kind::Body => SymbolKind::OBJECT,
        },
        tags: None,
        deprecated: None,
        range: doc.range(item),
        selection_range: doc.range(def.span),
        children,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn goals_hold_their_indicators_and_measures() {
        let doc = Document::new(
            include_str!("../../plans/umea-handlingsplan-mot-vald.yaml").to_string(),
            1,
        );
        let outline = outline(&doc);
        let sections = outline
            .iter()
            .filter(|s| s.kind == SymbolKind::STRING)
            .count();
        assert!(sections > 0);
        let goal = outline
            .iter()
            .find(|s| s.kind == SymbolKind::CLASS)
            .unwrap();
        assert_eq!(goal.detail.as_deref(), Some("goal M1"));
        let children = goal.children.as_ref().unwrap();
        assert!(
            children
                .iter()
                .any(|c| c.detail.as_deref() == Some("indicator I1.1"))
        );
        assert!(
            children
                .iter()
                .any(|c| c.detail.as_deref() == Some("measure 1.1"))
        );
        for s in outline.iter().chain(children) {
            assert!(
                s.range.start <= s.selection_range.start && s.selection_range.end <= s.range.end
            );
        }
    }
}
