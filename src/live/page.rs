//! The page `serve` sends: the plan's HTML page as `build` makes it, plus a
//! live-reload script and, while the plan has errors, an overlay listing
//! them. Nothing here reaches the files `build` writes.
//!
//! Three insertions, each at a fixed place of the page: the overlay's style
//! before the first `</head>`, the overlay right after the opening `<body>`
//! tag, the script before the last `</body>`. User text cannot contain these
//! tags (the page escapes it), and the overlay is rendered by minijinja with
//! auto-escaping: a diagnostic's message is data. The page's
//! Content-Security-Policy is widened by exactly what the insertions need:
//! the hashes of the script and the style, and `connect-src 'self'` for the
//! reload connection.

use base64::Engine;
use minijinja::{AutoEscape, Environment, context};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::engine::Outcome;

/// Where the page listens for rebuilds (Server-Sent Events).
pub const EVENTS_PATH: &str = "/_actionplan/events";

/// Reloads the page when the server says a newer build exists, and keeps the
/// reader's scroll position across the reload.
const RELOAD_SCRIPT: &str = include_str!("reload.js");

/// The overlay's look; our own, pinned by hash like the page's own style.
const OVERLAY_STYLE: &str = include_str!("overlay.css");

const OVERLAY: &str = include_str!("overlay.html");
const STANDALONE: &str = include_str!("standalone.html");

/// The most problems the overlay lists; the rest are counted.
const MAX_PROBLEMS: usize = 50;

/// One diagnostic as the overlay shows it.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Problem {
    /// `error` or `warning`.
    pub severity: &'static str,
    /// `E102`.
    pub code: &'static str,
    pub message: String,
    /// `plans/plan.yaml:12:5`, or the file alone.
    pub location: String,
    pub help: Option<String>,
}

/// The problems of an outcome, every file's, in order: none when it built.
pub fn problems(outcome: &Outcome) -> Vec<Problem> {
    if outcome.verdict() == crate::engine::Verdict::Ok {
        return Vec::new();
    }
    outcome
        .reports()
        .flat_map(|report| {
            report.diagnostics.iter().map(move |d| {
                let location = match d.span {
                    Some(span) => {
                        let at = report.file.position(span.start);
                        format!("{}:{}:{}", report.file.name(), at.line, at.column)
                    }
                    None => report.file.name(),
                };
                Problem {
                    severity: if d.is_error() { "error" } else { "warning" },
                    code: d.code.as_str(),
                    message: d.message.clone(),
                    location,
                    help: d.help.clone(),
                }
            })
        })
        .collect()
}

/// The served page. `html` is the last good page, if any; `problems` the
/// current build's, shown on top; `generation` the build the page shows,
/// which the reload script compares with the server's.
pub fn served_page(html: Option<&str>, problems: &[Problem], generation: u64) -> String {
    let overlay = (!problems.is_empty()).then(|| overlay(problems, html.is_some()));
    let script = format!("<script data-generation=\"{generation}\">{RELOAD_SCRIPT}</script>\n");
    let Some(html) = html else {
        return standalone(overlay.as_deref().unwrap_or(""), &script);
    };
    let mut page = widen_csp(html);
    if let Some(overlay) = &overlay {
        if let Some(at) = page.find("</head>") {
            page.insert_str(at, &format!("<style>{OVERLAY_STYLE}</style>\n"));
        }
        if let Some(at) = body_start(&page) {
            page.insert_str(at, overlay);
        }
    }
    match page.rfind("</body>") {
        Some(at) => page.insert_str(at, &script),
        None => page.push_str(&script),
    }
    page
}

/// Just after the opening `<body …>` tag (searched after `</head>`, so a
/// `<body` in the inlined style or script cannot mislead it).
fn body_start(page: &str) -> Option<usize> {
    let head_end = page.find("</head>")?;
    let tag = head_end + page[head_end..].find("<body")?;
    Some(tag + page[tag..].find('>')? + 1)
}

fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    env
}

/// The overlay: a labelled region listing the problems, escaped.
fn overlay(problems: &[Problem], last_good: bool) -> String {
    let shown = &problems[..problems.len().min(MAX_PROBLEMS)];
    let errors = problems.iter().filter(|p| p.severity == "error").count();
    environment()
        .render_str(
            OVERLAY,
            context! {
                problems => minijinja::Value::from(minijinja::value::Serde(shown)),
                more => problems.len() - shown.len(),
                errors => errors,
                warnings => problems.len() - errors,
                last_good => last_good,
            },
        )
        .expect("the overlay template renders any list of problems")
}

/// A page of our own, when no build has succeeded yet: the overlay, or a
/// note that the first build is running.
fn standalone(overlay: &str, script: &str) -> String {
    environment()
        .render_str(
            STANDALONE,
            context! {
                csp => csp(None),
                style => minijinja::Value::from_safe_string(OVERLAY_STYLE.to_string()),
                overlay => minijinja::Value::from_safe_string(overlay.to_string()),
                script => minijinja::Value::from_safe_string(script.to_string()),
            },
        )
        .expect("the standalone page renders")
}

/// The served page's Content-Security-Policy: the page's own (`page`),
/// else one that allows nothing; plus the reload script, the overlay's
/// style and the reload connection.
fn csp(page: Option<&str>) -> String {
    let mut directives: Vec<String> = page
        .unwrap_or("default-src 'none'; img-src data:; base-uri 'none'; form-action 'none'")
        .split(';')
        .map(|d| d.trim().to_string())
        .filter(|d| !d.is_empty())
        .collect();
    let mut allow = |name: &str, source: &str| {
        let found = directives
            .iter_mut()
            .find(|d| d.split_whitespace().next() == Some(name));
        match found {
            Some(directive) => {
                // 'none' with another source is an error the browser reports.
                let kept: Vec<&str> = directive
                    .split_whitespace()
                    .filter(|s| *s != "'none'")
                    .collect();
                *directive = format!("{} {source}", kept.join(" "));
            }
            None => directives.push(format!("{name} {source}")),
        }
    };
    allow("script-src", &format!("'{}'", sha256(RELOAD_SCRIPT)));
    allow("style-src", &format!("'{}'", sha256(OVERLAY_STYLE)));
    allow("connect-src", "'self'");
    directives.join("; ")
}

/// The page with its CSP meta element's policy widened for the served page.
/// A custom template without that element keeps no policy.
fn widen_csp(html: &str) -> String {
    const META: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"";
    let Some(start) = html.find(META).map(|i| i + META.len()) else {
        return html.to_string();
    };
    let Some(len) = html[start..].find('"') else {
        return html.to_string();
    };
    let policy = csp(Some(&unescape(&html[start..start + len])));
    format!(
        "{}{}{}",
        &html[..start],
        escape(&policy),
        &html[start + len..]
    )
}

/// The entities minijinja writes in an attribute, back to text.
fn unescape(value: &str) -> String {
    value
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// An attribute value, escaped as minijinja escapes it.
fn escape(value: &str) -> String {
    minijinja::HtmlEscape(value).to_string()
}

/// `sha256-…` as a CSP source expression.
fn sha256(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<!DOCTYPE html>\n<html><head>\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#x27;none&#x27;; style-src &#x27;sha256-a&#x27;; script-src &#x27;sha256-b&#x27;\">\n<style>body</style>\n</head>\n<body class=\"x\">\n<a href=\"#main\">skip</a>\n</body>\n</html>\n";

    fn problem(message: &str) -> Problem {
        Problem {
            severity: "error",
            code: "E102",
            message: message.into(),
            location: "plan.yaml:3:7".into(),
            help: Some("write <b>".into()),
        }
    }

    #[test]
    fn the_script_goes_before_the_body_end_and_the_policy_allows_it() {
        let page = served_page(Some(PAGE), &[], 7);
        let script_at = page.find("<script data-generation=\"7\">").unwrap();
        assert!(script_at < page.rfind("</body>").unwrap());
        let reload = escape(&format!("'{}'", sha256(RELOAD_SCRIPT)));
        assert!(page.contains(&format!(
            "script-src &#x27;sha256-b&#x27; {reload}; connect-src &#x27;self&#x27;\""
        )));
        assert!(
            !page.contains("ap-live-errors"),
            "no overlay without problems"
        );
    }

    #[test]
    fn the_overlay_follows_the_body_tag_and_escapes_user_text() {
        let page = served_page(Some(PAGE), &[problem("<script>alert(1)</script>")], 1);
        let overlay_at = page.find("<section class=\"ap-live-errors\"").unwrap();
        assert_eq!(overlay_at, page.find("<body class=\"x\">").unwrap() + 16);
        assert!(page.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;"));
        assert!(!page.contains("<script>alert(1)"));
        assert!(page.contains("plan.yaml:3:7"));
        assert!(page.contains("E102"));
        assert!(page.contains("write &lt;b&gt;"));
        let style = escape(&format!("'{}'", sha256(OVERLAY_STYLE)));
        assert!(page.contains(&format!("style-src &#x27;sha256-a&#x27; {style}")));
    }

    #[test]
    fn without_a_good_build_the_page_is_our_own() {
        let page = served_page(None, &[problem("bad")], 3);
        assert!(page.starts_with("<!DOCTYPE html>"));
        assert!(page.contains("<section class=\"ap-live-errors\""));
        assert!(page.contains("data-generation=\"3\""));
        assert!(page.contains("connect-src &#x27;self&#x27;"));
        let waiting = served_page(None, &[], 0);
        assert!(!waiting.contains("<section class=\"ap-live-errors\""));
    }

    #[test]
    fn none_is_dropped_when_a_source_is_added() {
        let policy = csp(Some("default-src 'none'; script-src 'none'"));
        assert!(policy.starts_with("default-src 'none'; script-src 'sha256-"));
        assert!(policy.ends_with("connect-src 'self'"));
    }
}
