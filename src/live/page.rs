//! The page `serve` sends: the plan's HTML page as `build` makes it, plus a
//! live-reload script and, while the plan has errors, an overlay listing
//! them. Nothing here reaches the files `build` writes.
//!
//! Three insertions, each at a fixed place of the page: the overlay's style
//! before the first `</head>`, the overlay right after the opening `<body>`
//! tag, the script before the last `</body>`. User text cannot contain these
//! tags (the page escapes it), and the overlay is rendered by minijinja with
//! auto-escaping: a diagnostic's message is data. The page's
//! Content-Security-Policy allows exactly what the insertions need: the
//! script and the style, by hash, and `connect-src 'self'` for the reload
//! connection. It is made with the page, by [`ServedHtml`], which renders
//! the plan's page as `build` does but tells it what will be added.

use minijinja::context;
use serde::Serialize;

use crate::engine::Outcome;
use crate::render::formats::{Format, Kind};
use crate::render::html::{self, Allow};
use crate::render::{Context, Output, Rendered};
use crate::view::View;

/// Where the page listens for rebuilds (Server-Sent Events).
pub const EVENTS_PATH: &str = "/_actionplan/events";

/// Reloads the page when the server says a newer build exists, and keeps the
/// reader's scroll position across the reload.
const RELOAD_SCRIPT: &str = include_str!("reload.js");

/// The overlay's look; our own, pinned by hash like the page's own style.
const OVERLAY_STYLE: &str = include_str!("overlay.css");

const OVERLAY: &str = include_str!("overlay.html");
const STANDALONE: &str = include_str!("standalone.html");

/// What the served page's policy allows beyond the page's own.
const SERVED: Allow<'static> = Allow {
    scripts: &[RELOAD_SCRIPT],
    styles: &[OVERLAY_STYLE],
    connect_self: true,
};

/// The page `serve` builds, as a format of its own beside the registry's
/// ([`crate::render::formats`]): the plan's page, rendered by [`ServedHtml`].
pub static SERVED_HTML: Format = Format {
    name: "html",
    extension: "html",
    about: "the plan's page as `serve` serves it",
    kind: Kind::Document,
    plan: Some(&ServedHtml),
    report: None,
};

/// The plan's HTML page, as `build` writes it but with a policy that also
/// allows what [`served_page`] adds to it. Only ever served, never written.
pub struct ServedHtml;

impl Output for ServedHtml {
    fn name(&self) -> &'static str {
        html::HtmlOutput.name()
    }

    fn extension(&self) -> &'static str {
        html::HtmlOutput.extension()
    }

    fn render(&self, view: &View, context: &Context<'_>) -> Rendered {
        html::plan_page(view).render_allowing(view, context, &SERVED)
    }
}

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

/// The served page. `html` is the last good page, if any, rendered by
/// [`ServedHtml`]; `problems` the current build's, shown on top;
/// `generation` the build the page shows, which the reload script compares
/// with the server's.
pub fn served_page(html: Option<&str>, problems: &[Problem], generation: u64) -> String {
    let overlay = (!problems.is_empty()).then(|| overlay(problems, html.is_some()));
    let script = format!("<script data-generation=\"{generation}\">{RELOAD_SCRIPT}</script>\n");
    let Some(html) = html else {
        return standalone(overlay.as_deref().unwrap_or(""), &script);
    };
    let mut page = html.to_string();
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

/// The overlay: a labelled region listing the problems, escaped.
fn overlay(problems: &[Problem], last_good: bool) -> String {
    let shown = &problems[..problems.len().min(MAX_PROBLEMS)];
    let errors = problems.iter().filter(|p| p.severity == "error").count();
    html::environment()
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
    html::environment()
        .render_str(
            STANDALONE,
            context! {
                csp => html::policy(SERVED.styles, SERVED.scripts, SERVED.connect_self),
                style => minijinja::Value::from_safe_string(OVERLAY_STYLE.to_string()),
                overlay => minijinja::Value::from_safe_string(overlay.to_string()),
                script => minijinja::Value::from_safe_string(script.to_string()),
            },
        )
        .expect("the standalone page renders")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<!DOCTYPE html>\n<html><head>\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#x27;none&#x27;\">\n<style>body</style>\n</head>\n<body class=\"x\">\n<a href=\"#main\">skip</a>\n</body>\n</html>\n";

    fn problem(message: &str) -> Problem {
        Problem {
            severity: "error",
            code: "E102",
            message: message.into(),
            location: "plan.yaml:3:7".into(),
            help: Some("write <b>".into()),
        }
    }

    /// `'sha256-…'` of `text`.
    fn source(text: &str) -> String {
        format!("'{}'", html::sha256(text))
    }

    /// The page's policy, as its attribute holds it.
    fn attribute(page: &str) -> &str {
        page.split("http-equiv=\"Content-Security-Policy\" content=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("a policy")
    }

    /// The page's policy (of its characters, minijinja escapes `'`, and
    /// `/` of a hash).
    fn policy(page: &str) -> String {
        attribute(page)
            .replace("&#x27;", "'")
            .replace("&#x2f;", "/")
    }

    #[test]
    fn the_script_goes_before_the_body_end() {
        let page = served_page(Some(PAGE), &[], 7);
        let script_at = page.find("<script data-generation=\"7\">").unwrap();
        assert!(script_at < page.rfind("</body>").unwrap());
        assert!(
            !page.contains("ap-live-errors"),
            "no overlay without problems"
        );
        // The page's policy is its own: made when it was rendered, not edited here.
        assert_eq!(policy(&page), "default-src 'none'");
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
        assert!(page.contains(&format!("<style>{OVERLAY_STYLE}</style>")));
    }

    #[test]
    fn without_a_good_build_the_page_is_our_own() {
        let page = served_page(None, &[problem("bad")], 3);
        assert!(page.starts_with("<!DOCTYPE html>"));
        assert!(page.contains("<section class=\"ap-live-errors\""));
        assert!(page.contains("data-generation=\"3\""));
        let csp = policy(&page);
        assert!(csp.contains(&format!("script-src {};", source(RELOAD_SCRIPT))));
        assert!(csp.contains(&format!("style-src {};", source(OVERLAY_STYLE))));
        assert!(csp.ends_with("; connect-src 'self'"), "{csp}");
        let waiting = served_page(None, &[], 0);
        assert!(!waiting.contains("<section class=\"ap-live-errors\""));
    }

    /// The served page is the written one but for its policy, which adds
    /// the reload script, the overlay's style and the reload connection.
    #[test]
    fn the_served_page_is_the_written_one_with_a_wider_policy() {
        let file = crate::source::SourceFile::new(
            "plan.yaml",
            include_str!("../../plans/example-en.yaml").to_string(),
        );
        let today = chrono::NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
        let plan = crate::check_source(file, crate::validate::Options { today })
            .plan
            .expect("the example plan is valid");
        let view = crate::view::build(&plan);
        let templates = crate::render::Templates::embedded();
        let context = Context {
            templates: &templates,
            fonts: None,
            timestamp: today.and_time(chrono::NaiveTime::MIN),
            archive: None,
        };
        let page = |output: &dyn Output| {
            String::from_utf8(output.render(&view, &context).bytes.unwrap()).unwrap()
        };
        let (written, served) = (page(&html::HtmlOutput), page(&ServedHtml));
        assert_eq!(
            written.replacen(attribute(&written), "", 1),
            served.replacen(attribute(&served), "", 1)
        );
        let (own, wide) = (policy(&written), policy(&served));
        let (reload, overlay) = (source(RELOAD_SCRIPT), source(OVERLAY_STYLE));
        let script_src = own.split("script-src ").nth(1).unwrap();
        let script_src = script_src.split(';').next().unwrap();
        let style_src = own.split("style-src ").nth(1).unwrap();
        let style_src = style_src.split(';').next().unwrap();
        assert!(
            wide.contains(&format!("script-src {script_src} {reload};")),
            "{wide}"
        );
        assert!(
            wide.contains(&format!("style-src {style_src} {overlay};")),
            "{wide}"
        );
        assert!(wide.ends_with("; connect-src 'self'"), "{wide}");
        assert!(
            !own.contains("connect-src") && !own.contains(&reload),
            "{own}"
        );
    }
}
