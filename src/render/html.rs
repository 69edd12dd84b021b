//! The HTML page: the view model laid out by `templates/plan.html`
//! (minijinja, auto-escaping on), with the CSS and the filter script
//! inlined and pinned by hash in a Content-Security-Policy, so the page is
//! one self-contained file that makes no request and runs no other script.
//! A change-marked draft adds `changes.css` and `changes.js` to them.

use std::time::Instant;

use base64::Engine;
use minijinja::{AutoEscape, Environment, UndefinedBehavior, Value};
use sha2::{Digest, Sha256};

use super::{Context, Output, Rendered};
use crate::diagnostics::{Code, Diagnostic, FileDiagnostics};
use crate::source::{SourceFile, Span};
use crate::view::View;

/// The accessible review page.
pub struct HtmlOutput;

impl Output for HtmlOutput {
    fn name(&self) -> &'static str {
        "html"
    }

    fn extension(&self) -> &'static str {
        "html"
    }

    fn render(&self, view: &View, context: &Context<'_>) -> Rendered {
        let start = Instant::now();
        let mut rendered = match render(view, context) {
            Ok(page) => Rendered {
                bytes: Some(page.into_bytes()),
                ..Rendered::default()
            },
            Err(problem) => Rendered {
                problems: vec![problem],
                ..Rendered::default()
            },
        };
        rendered.timings.html = start.elapsed();
        rendered
    }
}

/// Renders the page.
fn render(view: &View, context: &Context<'_>) -> Result<String, FileDiagnostics> {
    let templates = context.templates;
    let load = |name: &str| {
        templates
            .load(name)
            .map_err(|e| super::template_problem(name, e.to_string()))
    };
    let template = load("plan.html")?;
    let mut css = load("style.css")?.text().to_string();
    let mut script = load("filter.js")?.text().to_string();
    // A change-marked draft adds its marks' style and its filter; a plain
    // page has neither, and stays byte for byte as it was.
    if view.changes.is_some() {
        css = format!("{css}\n{}", load("changes.css")?.text());
        script = format!("{script}\n{}", load("changes.js")?.text());
    }

    let mut env = environment();
    let name = template.name();
    if let Err(e) = env.add_template_owned(name.clone(), template.text().to_string()) {
        return Err(convert(&template, e));
    }
    let csp = format!(
        "default-src 'none'; style-src '{}'; script-src '{}'; img-src data:; base-uri 'none'; form-action 'none'",
        sha256(&css),
        sha256(&script)
    );
    let context = minijinja::context! {
        plan => Value::from(minijinja::value::Serde(view)),
        // Our own trusted CSS and script, inlined as they are (escaping would break them).
        css => Value::from_safe_string(css),
        script => Value::from_safe_string(script),
        csp => csp,
        generator => format!("actionplan {}", env!("CARGO_PKG_VERSION")),
    };
    let rendered = env
        .get_template(&name)
        .and_then(|t| t.render(context))
        .map_err(|e| convert(&template, e))?;
    Ok(rendered)
}

/// The template engine as every HTML template of ours is rendered:
/// auto-escaping on, undefined values an error.
pub(crate) fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    let syntax = minijinja::syntax::SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .keep_trailing_newline(true)
        .build()
        .expect("the default delimiters are a valid syntax");
    env.set_syntax(syntax);
    env.set_recursion_limit(200);
    env
}

/// `sha256-…` as a CSP source expression.
pub(crate) fn sha256(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// A template's error as a diagnostic at its line.
pub(crate) fn convert(template: &SourceFile, e: minijinja::Error) -> FileDiagnostics {
    let span = e.range().map(|r| Span::new(r.start, r.end)).or_else(|| {
        e.line().map(|line| {
            let start = template.offset_of(line, 1);
            let end = template.text()[start..]
                .find('\n')
                .map_or(template.text().len(), |i| start + i);
            Span::new(start, end)
        })
    });
    let mut message = e.kind().to_string();
    if let Some(detail) = e.detail() {
        message = format!("{message}: {detail}");
    }
    FileDiagnostics::new(
        template.clone(),
        vec![Diagnostic::new(Code::TemplateError, span, message)],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csp_hashes_are_base64_sha256() {
        // echo -n "" | openssl dgst -sha256 -binary | base64
        assert_eq!(
            sha256(""),
            "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
        );
    }
}
