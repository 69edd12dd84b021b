//! Quick fixes: each did-you-mean the validator proposes, as an edit.
//!
//! Validation attaches the edit to its diagnostic ([`Suggestion`]) for an
//! unknown body, indicator or measure and a value outside an enum. An
//! unknown key (E003), reported by the YAML reader, carries none; its fix
//! is worked out here from the keys the schema allows in that mapping.

use super::documents::Document;
use super::schema::{self, Step};
use super::tree::Node;
use crate::diagnostics::{Code, Diagnostic, Suggestion};
use crate::source::Span;
use crate::suggest::did_you_mean;

/// A fix: its title, the diagnostic it fixes, and the edit.
pub struct Fix<'a> {
    pub title: String,
    pub diagnostic: &'a Diagnostic,
    pub span: Span,
    pub replacement: String,
}

/// The fixes of the diagnostics that touch `range`.
pub fn quick_fixes<'a>(doc: &Document, diagnostics: &'a [Diagnostic], range: Span) -> Vec<Fix<'a>> {
    let text = doc.text();
    diagnostics
        .iter()
        .filter(|d| {
            d.span
                .is_some_and(|s| s.start <= range.end && range.start <= s.end)
        })
        .filter_map(|d| {
            let suggestion = match &d.suggestion {
                Some(s) => (**s).clone(),
                None if d.code == Code::UnknownKey => unknown_key(doc, d.span?)?,
                None => return None,
            };
            let mut span = suggestion.span;
            if span.end > text.len()
                || !text.is_char_boundary(span.start)
                || !text.is_char_boundary(span.end)
            {
                return None;
            }
            // Keep the quotes around a quoted value.
            let written = &text[span.start..span.end];
            if written.len() >= 2
                && (written.starts_with('"') && written.ends_with('"')
                    || written.starts_with('\'') && written.ends_with('\''))
            {
                span = Span::new(span.start + 1, span.end - 1);
            }
            Some(Fix {
                title: format!(
                    "Change `{}` to `{}`",
                    &text[span.start..span.end],
                    suggestion.replacement
                ),
                diagnostic: d,
                span,
                replacement: suggestion.replacement,
            })
        })
        .collect()
}

/// The key the schema allows in that mapping that an unknown key is closest to.
fn unknown_key(doc: &Document, span: Span) -> Option<Suggestion> {
    let root = doc.analysis().tree.as_ref()?;
    let (path, key, mapping) = key_at(root, span.start, Vec::new())?;
    let written = key.text()?;
    let present: Vec<&str> = mapping
        .entries()
        .iter()
        .filter_map(|(k, _)| k.text())
        .collect();
    let allowed = schema::keys(&path);
    let free = allowed
        .iter()
        .map(|k| k.name.as_str())
        .filter(|k| !present.contains(k));
    let best = did_you_mean(written, free)?;
    Some(Suggestion {
        span: key.span,
        replacement: best.to_string(),
    })
}

/// The key at `offset`, with the path and the mapping it is a key of.
fn key_at(node: &Node, offset: usize, mut path: Vec<Step>) -> Option<(Vec<Step>, &Node, &Node)> {
    let inside = |n: &Node| n.span.start <= offset && offset <= n.span.end;
    for (key, value) in node.entries() {
        if inside(key) {
            return Some((path, key, node));
        }
        if inside(value) {
            path.push(Step::Key(key.text()?.to_string()));
            return key_at(value, offset, path);
        }
    }
    let item = node.items().iter().find(|n| inside(n))?;
    path.push(Step::Item);
    key_at(item, offset, path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lsp::tree;

    #[test]
    fn an_unknown_key_is_fixed_from_the_schema() {
        let text = "plan:\n  titel: x\n  subtitle: y\n";
        let doc = Document::new(text.to_string(), 1);
        assert!(tree::parse(text).is_some());
        let at = text.find("titel").unwrap();
        let d = Diagnostic::new(
            Code::UnknownKey,
            Span::new(at, at + 5),
            "unknown key `titel`",
        );
        let fixes = quick_fixes(&doc, std::slice::from_ref(&d), Span::new(at, at));
        assert_eq!(fixes.len(), 1);
        assert_eq!(fixes[0].replacement, "title");
        assert_eq!(fixes[0].title, "Change `titel` to `title`");
    }

    #[test]
    fn quotes_are_kept() {
        let text = "status: \"adoptd\"\n";
        let doc = Document::new(text.to_string(), 1);
        let at = text.find('"').unwrap();
        let d = Diagnostic::new(Code::InvalidValue, Span::new(at, at + 8), "x")
            .with_suggestion(Span::new(at, at + 8), "adopted");
        let fixes = quick_fixes(&doc, std::slice::from_ref(&d), Span::new(0, text.len()));
        assert_eq!(&text[fixes[0].span.start..fixes[0].span.end], "adoptd");
    }
}
