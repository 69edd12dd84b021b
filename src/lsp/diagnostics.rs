//! Our diagnostics as the protocol's: severity, code, the primary range,
//! the secondary labels as related information, and the help on a line of
//! its own. A code links to its entry of `docs/diagnostics.md` only where
//! that page is published (`lsp --docs-url URL`): the project has no
//! address of its own to point at, and a dead link is worse than none.
//! Hovering a diagnostic shows the entry itself, built into the binary
//! (as `actionplan explain` prints it), which needs no address at all.

use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Hover, HoverContents,
    Location, MarkupContent, MarkupKind, NumberOrString, Uri,
};

use super::documents::Document;
use crate::diagnostics::{Diagnostic, Severity, explain};

/// The name editors show as the diagnostics' source.
pub const SOURCE: &str = "actionplan";

/// `docs_url` is where `docs/diagnostics.md` is published, if anywhere; a
/// code's entry is that URL with `#` and the code (`#E107`), the anchors the
/// page sets on each code.
pub fn to_lsp(
    doc: &Document,
    uri: &Uri,
    d: &Diagnostic,
    docs_url: Option<&str>,
) -> lsp_types::Diagnostic {
    let range = doc.range(d.span.unwrap_or_default());
    let related: Vec<DiagnosticRelatedInformation> = d
        .labels
        .iter()
        .map(|label| DiagnosticRelatedInformation {
            location: Location {
                uri: uri.clone(),
                range: doc.range(label.span),
            },
            message: label.message.clone(),
        })
        .collect();
    let message = match &d.help {
        Some(help) => format!("{}\nhelp: {help}", d.message),
        None => d.message.clone(),
    };
    let code_description = docs_url
        .and_then(|url| format!("{url}#{}", d.code).parse().ok())
        .map(|href| CodeDescription { href });
    lsp_types::Diagnostic {
        range,
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(d.code.as_str().to_string())),
        code_description,
        source: Some(SOURCE.to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

/// The hover at `offset`: the entry of every diagnostic whose range holds
/// it, under what `navigate` says about the id there (`found`), if anything.
pub fn hover(
    doc: &Document,
    diagnostics: &[Diagnostic],
    offset: usize,
    found: Option<Hover>,
) -> Option<Hover> {
    let here: Vec<&Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.span.is_some_and(|s| s.start <= offset && offset <= s.end))
        .collect();
    if here.is_empty() {
        return found;
    }
    let mut parts = Vec::new();
    let mut range = None;
    if let Some(Hover {
        contents: HoverContents::Markup(m),
        range: r,
    }) = found
    {
        parts.push(m.value);
        range = r;
    }
    let mut codes: Vec<_> = here.iter().map(|d| d.code).collect();
    codes.sort_unstable();
    codes.dedup();
    for code in codes {
        parts.push(entry(code));
    }
    let span = here[0].span.unwrap_or_default();
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: parts.join("\n\n---\n\n"),
        }),
        range: range.or_else(|| Some(doc.range(span))),
    })
}

/// A code's entry in Markdown: its first line as a heading.
fn entry(code: crate::diagnostics::Code) -> String {
    let text = explain::explain(code);
    match text.split_once('\n') {
        Some((first, rest)) => format!("**{first}**\n{rest}"),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::Code;

    #[test]
    fn every_code_has_the_anchor_its_link_points_at() {
        let docs = include_str!("../../docs/diagnostics.md");
        for code in Code::ALL {
            let anchor = format!("<a id=\"{code}\"></a>{code}");
            assert!(
                docs.contains(&anchor),
                "docs/diagnostics.md has no {anchor}"
            );
        }
    }
}
