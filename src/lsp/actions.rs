//! Quick fixes: each did-you-mean the checks propose, as an edit.
//!
//! The checks attach the edit to their diagnostic ([`Diagnostic::suggestion`]):
//! the reader for an unknown key (E003), validation for an unknown body,
//! indicator or measure and a value outside an enum. Nothing is worked out
//! again here.

use super::documents::Document;
use crate::diagnostics::Diagnostic;
use crate::source::Span;

/// A fix: its title, the diagnostic it fixes, and the edit.
pub struct Fix<'a> {
    pub title: String,
    pub diagnostic: &'a Diagnostic,
    pub span: Span,
    pub replacement: String,
}

/// The fixes of the diagnostics that touch `range`, and of those the
/// editor names (`context`: each one's code and where it is). An editor
/// asks with the cursor's place as the range, which may be the start of
/// the line while the diagnostic is further along it; it then names the
/// diagnostics of that line in the context.
pub fn quick_fixes<'a>(
    doc: &Document,
    diagnostics: &'a [Diagnostic],
    range: Span,
    context: &[(Option<String>, Span)],
) -> Vec<Fix<'a>> {
    let text = doc.text();
    let touches = |s: Span, r: Span| s.start <= r.end && r.start <= s.end;
    diagnostics
        .iter()
        .filter(|d| {
            d.span.is_some_and(|s| {
                touches(s, range)
                    || context.iter().any(|(code, at)| {
                        code.as_deref().is_none_or(|c| c == d.code.as_str()) && touches(s, *at)
                    })
            })
        })
        .filter_map(|d| {
            let suggestion = (**d.suggestion.as_ref()?).clone();
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Code;

    #[test]
    fn quotes_are_kept() {
        let text = "status: \"adoptd\"\n";
        let doc = Document::new(text.to_string(), 1);
        let at = text.find('"').unwrap();
        let d = Diagnostic::new(Code::InvalidValue, Span::new(at, at + 8), "x")
            .with_suggestion(Span::new(at, at + 8), "adopted");
        let fixes = quick_fixes(
            &doc,
            std::slice::from_ref(&d),
            Span::new(0, text.len()),
            &[],
        );
        assert_eq!(&text[fixes[0].span.start..fixes[0].span.end], "adoptd");
    }
}
