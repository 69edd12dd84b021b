//! Our diagnostics as the protocol's: severity, code with a link to its
//! entry in `docs/diagnostics.md`, the primary range, the secondary labels
//! as related information, and the help on a line of its own.

use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    Uri,
};

use super::documents::Document;
use crate::diagnostics::{Diagnostic, Severity};

/// Where `docs/diagnostics.md` is published; a code's entry is this URL
/// with `#` and the code (e.g. `#E107`), the anchors that file sets on
/// each code. `actionplan lsp --docs-url URL` points elsewhere, e.g. at a
/// municipality's own copy of the documentation.
pub const DOCS_URL: &str = "https://github.com/actionplan/actionplan/blob/main/docs/diagnostics.md";

/// The name editors show as the diagnostics' source.
pub const SOURCE: &str = "actionplan";

pub fn to_lsp(doc: &Document, uri: &Uri, d: &Diagnostic, docs_url: &str) -> lsp_types::Diagnostic {
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
    let href = format!("{docs_url}#{}", d.code);
    lsp_types::Diagnostic {
        range,
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(d.code.as_str().to_string())),
        code_description: href.parse().ok().map(|href| CodeDescription { href }),
        source: Some(SOURCE.to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
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
