//! Rename an id across the document, after checking the new name.
//!
//! `prepareRename` refuses a place that is not an id; `rename` refuses a new
//! name that is not a valid id, or that another item of the same namespace
//! already has (bodies have theirs; sections, goals, indicators and measures
//! share one). Quotes around an id are kept; a plain id that YAML would read
//! as something else than text gets them.

use super::documents::Document;
use super::index::Occurrence;
use crate::source::Span;
use crate::validate::id_problem;

/// The id at `offset` and its text, or why it cannot be renamed.
pub fn prepare(doc: &Document, offset: usize) -> Result<Occurrence, String> {
    doc.analysis().index.at(offset).ok_or_else(|| {
        "only an id can be renamed: a body's key under `bodies`, an `id:`, or a reference to one"
            .to_string()
    })
}

/// The edits that rename the id at `offset` to `new_name`.
pub fn rename(
    doc: &Document,
    offset: usize,
    new_name: &str,
) -> Result<Vec<(Span, String)>, String> {
    let o = prepare(doc, offset)?;
    if let Some(problem) = id_problem(new_name) {
        return Err(format!("`{new_name}` is not a valid id: {problem}"));
    }
    let index = &doc.analysis().index;
    if new_name != o.id
        && let Some(other) = index
            .defs
            .iter()
            .find(|d| d.id == new_name && d.kind.shares_ids_with(o.kind))
    {
        return Err(format!(
            "`{new_name}` is already the id of {}; choose another name",
            with_article(other.kind.noun())
        ));
    }
    let text = doc.text();
    let edits = index
        .occurrences(o.kind, &o.id, true)
        .into_iter()
        .map(|span| {
            let quoted = text[..span.start].ends_with(['"', '\'']);
            let new_text = if !quoted && needs_quotes(new_name) {
                format!("\"{new_name}\"")
            } else {
                new_name.to_string()
            };
            (span, new_text)
        })
        .collect();
    Ok(edits)
}

/// A valid id that YAML would not read as text when written plain.
fn needs_quotes(id: &str) -> bool {
    matches!(
        id,
        "null" | "Null" | "NULL" | "true" | "True" | "TRUE" | "false" | "False" | "FALSE"
    )
}

/// "a goal", "an indicator": the noun with its indefinite article.
fn with_article(noun: &str) -> String {
    match noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        true => format!("an {noun}"),
        false => format!("a {noun}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAN: &str = include_str!("../../tests/fixtures/valid/minimal.yaml");

    fn renamed(doc: &Document, edits: Vec<(Span, String)>) -> String {
        let mut text = doc.text().to_string();
        let mut edits = edits;
        edits.sort_by_key(|(s, _)| std::cmp::Reverse(s.start));
        for (span, new) in edits {
            text.replace_range(span.start..span.end, &new);
        }
        text
    }

    #[test]
    fn renames_a_body_everywhere() {
        let doc = Document::new(PLAN.to_string(), 1);
        let at = doc.text().find("responsible: ifn").unwrap() + 14;
        let text = renamed(&doc, rename(&doc, at, "ifn2").unwrap());
        assert!(text.contains("  ifn2: { name") && text.contains("responsible: ifn2"));
        assert!(!text.contains("ifn:"));
    }

    #[test]
    fn keeps_quotes_and_refuses_bad_names() {
        let doc = Document::new(PLAN.to_string(), 1);
        let at = doc.text().find("\"1.1\"").unwrap() + 1;
        let text = renamed(&doc, rename(&doc, at, "1.2").unwrap());
        assert!(text.contains("- id: \"1.2\""));
        assert!(
            rename(&doc, at, "not an id")
                .unwrap_err()
                .contains("not a valid id")
        );
        assert!(
            rename(&doc, at, "M1")
                .unwrap_err()
                .contains("already the id of a goal")
        );
        // A body may be called as a measure: they do not share ids.
        let body = doc.text().find("owner: ks").unwrap() + 7;
        assert!(rename(&doc, body, "M1").is_ok());
        assert!(rename(&doc, body, "ifn").unwrap_err().contains("body"));
        assert!(prepare(&doc, doc.text().find("title").unwrap()).is_err());
    }
}
