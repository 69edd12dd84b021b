//! The HTML page: the view model laid out by `templates/plan.html`
//! (minijinja, auto-escaping on), with the CSS and the filter script
//! inlined and pinned by hash in a Content-Security-Policy, so the page is
//! one self-contained file that makes no request and runs no other script.
//! A change-marked draft adds `changes.css` and `changes.js` to them. The
//! live preview adds its own script and style after rendering; it names
//! them ([`Allow`]) so that the policy is made here, once, with them in it.

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
        plan_page(view).render(view, context)
    }
}

/// The plan's page for `view`. A change-marked draft adds its marks' style
/// and its filter; a plain page has neither, and stays byte for byte as it was.
pub(crate) fn plan_page(view: &View) -> Page {
    if view.changes.is_some() {
        Page {
            template: "plan.html",
            name: "plan",
            styles: &["style.css", "changes.css"],
            scripts: &["filter.js", "changes.js"],
        }
    } else {
        Page {
            template: "plan.html",
            name: "plan",
            styles: &["style.css"],
            scripts: &["filter.js"],
        }
    }
}

/// One self-contained page: a template, what it calls its data, the CSS
/// files inlined (in order, as one style element) and the scripts (in
/// order, as one script element), if any.
/// Shared by every HTML page we make: the plan's, the follow-up report's
/// and the site's index.
pub(crate) struct Page {
    pub template: &'static str,
    /// The name the template knows the data by: `plan`, `report`.
    pub name: &'static str,
    pub styles: &'static [&'static str],
    pub scripts: &'static [&'static str],
}

/// What a caller adds to a rendered page, which the page's policy must
/// allow: inline scripts and styles (their text, pinned by its hash) and
/// connections to the page's own origin. The live preview's reload script
/// and error overlay are the ones; a page as written allows nothing more.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Allow<'a> {
    pub scripts: &'a [&'a str],
    pub styles: &'a [&'a str],
    pub connect_self: bool,
}

impl Page {
    pub(crate) fn render(&self, data: &impl serde::Serialize, context: &Context<'_>) -> Rendered {
        self.render_allowing(data, context, &Allow::default())
    }

    /// The page, with a policy that also allows `allow`.
    pub(crate) fn render_allowing(
        &self,
        data: &impl serde::Serialize,
        context: &Context<'_>,
        allow: &Allow<'_>,
    ) -> Rendered {
        let start = Instant::now();
        let mut rendered = match render(self, data, context, allow) {
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
fn render(
    page: &Page,
    data: &impl serde::Serialize,
    context: &Context<'_>,
    allow: &Allow<'_>,
) -> Result<String, FileDiagnostics> {
    let templates = context.templates;
    let load = |name: &str| {
        templates
            .load(name)
            .map_err(|e| super::template_problem(name, e.to_string()))
    };
    let template = load(page.template)?;
    let markdown = load("markdown.html")?;
    let joined = |names: &[&str]| -> Result<String, FileDiagnostics> {
        let mut text = String::new();
        for (i, name) in names.iter().enumerate() {
            if i > 0 {
                text.push('\n');
            }
            text.push_str(load(name)?.text());
        }
        Ok(text)
    };
    let css = joined(page.styles)?;
    let script = joined(page.scripts)?;

    let mut env = environment();
    let name = template.name();
    if let Err(e) = env.add_template_owned(name.clone(), template.text().to_string()) {
        return Err(convert(&template, e));
    }
    if let Err(e) = env.add_template_owned("markdown.html", markdown.text().to_string()) {
        return Err(convert(&markdown, e));
    }
    let styles: Vec<&str> = std::iter::once(css.as_str())
        .chain(allow.styles.iter().copied())
        .collect();
    let scripts: Vec<&str> = (!page.scripts.is_empty())
        .then_some(script.as_str())
        .into_iter()
        .chain(allow.scripts.iter().copied())
        .collect();
    let csp = policy(&styles, &scripts, allow.connect_self);
    let mut values: std::collections::BTreeMap<&str, Value> = std::collections::BTreeMap::new();
    values.insert(page.name, Value::from(minijinja::value::Serde(data)));
    // Our own trusted CSS and script, inlined as they are (escaping would break them).
    values.insert("css", Value::from_safe_string(css));
    values.insert("script", Value::from_safe_string(script));
    values.insert("csp", Value::from(csp));
    values.insert(
        "generator",
        Value::from(format!("actionplan {}", env!("CARGO_PKG_VERSION"))),
    );
    let context = Value::from_object(values);
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

/// The Content-Security-Policy of a page whose only styles and scripts are
/// the inline `styles` and `scripts`, each pinned by its hash (none:
/// `'none'`), that loads nothing, and connects to its own origin only if
/// `connect_self`.
pub(crate) fn policy(styles: &[&str], scripts: &[&str], connect_self: bool) -> String {
    let sources = |texts: &[&str]| match texts {
        [] => "'none'".to_string(),
        _ => texts
            .iter()
            .map(|text| format!("'{}'", sha256(text)))
            .collect::<Vec<_>>()
            .join(" "),
    };
    let mut csp = format!(
        "default-src 'none'; style-src {}; script-src {}; img-src data:; base-uri 'none'; form-action 'none'",
        sources(styles),
        sources(scripts),
    );
    if connect_self {
        csp.push_str("; connect-src 'self'");
    }
    csp
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

    #[test]
    fn the_policy_allows_exactly_what_it_is_given() {
        let empty = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";
        assert_eq!(
            policy(&[""], &[], false),
            format!(
                "default-src 'none'; style-src {empty}; script-src 'none'; img-src data:; base-uri 'none'; form-action 'none'"
            )
        );
        let widened = policy(&["", ""], &[""], true);
        assert!(widened.contains(&format!("style-src {empty} {empty};")));
        assert!(widened.contains(&format!("script-src {empty};")));
        assert!(widened.ends_with("; connect-src 'self'"));
    }
}
