//! Completion: ids where an id is referred to, enum values, and the keys
//! allowed at the cursor.
//!
//! [`context`](super::context) says where the cursor is; the
//! [`index`](super::index) knows the ids (with their names, shown beside
//! them); the [`schema`](super::schema) knows the keys and the enums.

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionItemLabelDetails, CompletionTextEdit,
    Documentation, MarkupContent, MarkupKind, TextEdit,
};

use super::context::{self, What};
use super::documents::Document;
use super::index::{Index, Kind};
use super::schema::{self, Step, dotted};

/// Where a body id is written.
const BODY_PLACES: &[&str] = &[
    "plan.owner",
    "plan.decision.body",
    "goals.*.measures.*.responsible",
    "goals.*.measures.*.partners.*",
    "follow_up.reporter",
    "follow_up.recipient",
];
/// Where an indicator id is written as a value.
const INDICATOR_PLACES: &[&str] = &["goals.*.measures.*.indicators.*"];
/// Mappings whose keys are ids: a follow-up report's measures and indicators.
const ID_KEYS: &[(&str, Kind)] = &[
    ("follow_up.reports.*.measures", Kind::Measure),
    ("follow_up.reports.*.indicators", Kind::Indicator),
];

/// What may be written at the byte `offset` of a document.
pub fn complete(doc: &Document, offset: usize) -> Vec<CompletionItem> {
    let Some(spot) = context::spot(doc.text(), offset) else {
        return Vec::new();
    };
    // The whole word at the cursor is replaced, not only what is before it,
    // and a key that already has its colon does not get a second one.
    let text = doc.text();
    let rest = &text[offset..];
    let word_end = offset + rest.find(|c: char| !is_id_char(c)).unwrap_or(rest.len());
    let has_colon = text[word_end..].starts_with(':');
    let range = doc.range(crate::source::Span::new(spot.token.0, word_end));
    let edit = |mut new_text: String| {
        if has_colon {
            new_text.truncate(new_text.trim_end_matches([':', ' ']).len());
        }
        Some(CompletionTextEdit::Edit(TextEdit { range, new_text }))
    };
    let index = &doc.analysis().index;
    let place = dotted(&spot.path);
    let keys = match spot.what {
        What::Key => true,
        What::Value => false,
        What::KeyOrValue => schema::is_mapping(&spot.path),
    };
    let mut items = if keys {
        match ID_KEYS.iter().find(|(p, _)| *p == place) {
            Some(&(_, kind)) => ids(index, kind, ": "),
            None => key_items(&spot.path, &spot.siblings),
        }
    } else if BODY_PLACES.contains(&place.as_str()) {
        ids(index, Kind::Body, "")
    } else if INDICATOR_PLACES.contains(&place.as_str()) {
        ids(index, Kind::Indicator, "")
    } else {
        enum_items(&spot.path)
    };
    for item in &mut items {
        let text = item
            .insert_text
            .take()
            .unwrap_or_else(|| item.label.clone());
        item.text_edit = edit(text);
    }
    items
}

fn is_id_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '-' | '_')
}

/// The declared ids of a kind, with their names.
fn ids(index: &Index, kind: Kind, suffix: &str) -> Vec<CompletionItem> {
    let mut seen = std::collections::HashSet::new();
    index
        .of_kind(kind)
        .filter(|d| seen.insert(d.id.as_str()))
        .map(|d| {
            let title = d.title().unwrap_or_default().to_string();
            let detail = match (kind, d.field("kind")) {
                (Kind::Body, Some(k)) => format!("{} · {k}", kind.noun()),
                _ => kind.noun().to_string(),
            };
            CompletionItem {
                label: d.id.clone(),
                kind: Some(CompletionItemKind::REFERENCE),
                label_details: Some(CompletionItemLabelDetails {
                    detail: None,
                    description: Some(title.clone()),
                }),
                detail: Some(format!("{detail}: {title}")),
                // Editors match what is typed against the name too.
                filter_text: Some(format!("{} {title}", d.id)),
                insert_text: Some(format!("{}{suffix}", d.id)),
                ..CompletionItem::default()
            }
        })
        .collect()
}

/// The keys allowed in the mapping at `path`, less those it has.
fn key_items(path: &[Step], siblings: &[String]) -> Vec<CompletionItem> {
    schema::keys(path)
        .into_iter()
        .filter(|k| !siblings.contains(&k.name))
        .map(|k| CompletionItem {
            detail: Some(if k.required { "required" } else { "optional" }.to_string()),
            documentation: k.description.map(|d| {
                Documentation::MarkupContent(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value: d,
                })
            }),
            // Required keys first.
            sort_text: Some(format!("{}{}", if k.required { 0 } else { 1 }, k.name)),
            insert_text: Some(format!("{}: ", k.name)),
            kind: Some(CompletionItemKind::PROPERTY),
            label: k.name,
            ..CompletionItem::default()
        })
        .collect()
}

fn enum_items(path: &[Step]) -> Vec<CompletionItem> {
    schema::enum_values(path)
        .into_iter()
        .map(|v| CompletionItem {
            label: v,
            kind: Some(CompletionItemKind::ENUM_MEMBER),
            ..CompletionItem::default()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAN: &str = include_str!("../../tests/fixtures/valid/minimal.yaml");

    fn labels(text: &str) -> Vec<String> {
        let offset = text.find('|').unwrap();
        let doc = Document::new(text.replacen('|', "", 1), 1);
        complete(&doc, offset)
            .into_iter()
            .map(|i| i.label)
            .collect()
    }

    #[test]
    fn bodies_where_a_body_goes() {
        let text = PLAN.replace("responsible: ifn", "responsible: |");
        assert_eq!(labels(&text), ["ks", "ifn"]);
        let text = PLAN.replace(
            "responsible: ifn",
            "responsible: ifn\n        partners: [|]",
        );
        assert_eq!(labels(&text), ["ks", "ifn"]);
    }

    #[test]
    fn keys_not_yet_written() {
        let text = PLAN.replace(
            "        deadline: 2020-06\n",
            "        deadline: 2020-06\n        |\n",
        );
        let keys = labels(&text);
        assert!(keys.contains(&"status".to_string()));
        assert!(!keys.contains(&"deadline".to_string()));
    }

    #[test]
    fn the_whole_word_is_replaced() {
        let text = PLAN.replace("responsible: ifn", "responsible: i|fx");
        let offset = text.find('|').unwrap();
        let doc = Document::new(text.replacen('|', "", 1), 1);
        let items = complete(&doc, offset);
        let Some(CompletionTextEdit::Edit(edit)) = &items[1].text_edit else {
            panic!("{items:?}")
        };
        assert_eq!(
            (
                edit.new_text.as_str(),
                edit.range.end.character - edit.range.start.character
            ),
            ("ifn", 3)
        );
        let text = PLAN.replace(
            "        title: Utbilda personal\n",
            "        tit|le: Utbilda personal\n",
        );
        let offset = text.find('|').unwrap();
        let doc = Document::new(text.replacen('|', "", 1), 1);
        let items = complete(&doc, offset);
        let title = items.iter().find(|i| i.label == "description").unwrap();
        let Some(CompletionTextEdit::Edit(edit)) = &title.text_edit else {
            panic!()
        };
        assert_eq!(edit.new_text, "description");
    }

    #[test]
    fn enum_values_and_report_ids() {
        let text = PLAN.replace("status: draft", "status: |");
        assert!(labels(&text).contains(&"adopted".to_string()));
        let text = format!(
            "{PLAN}follow_up:\n  reports:\n    - date: 2020-01-01\n      measures:\n        |\n"
        );
        assert_eq!(labels(&text), ["1.1"]);
    }
}
