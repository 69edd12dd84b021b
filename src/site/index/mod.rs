//! `index.html`: the site's page for people, one row per plan, laid out by
//! `templates/site.html` with the plan page's stylesheet plus `site.css`,
//! and `site.js` for searching, filtering and sorting (without it the page
//! shows every plan, grouped by owner). Like the plan page it is one file
//! that makes no request, and its CSS and script are pinned by hash in its
//! Content-Security-Policy.
//!
//! Everything the page shows is computed here, in the index's language:
//! dates, status words, the "revision overdue" mark, file sizes, the
//! groups, and each row's rank in every order the script offers (`row.rs`).

mod row;

use chrono::NaiveDate;
use serde::Serialize;

use row::{Row, rank, row};

use super::order::status_rank;
use super::{Entry, register::problems};
use crate::diagnostics::{FileDiagnostics, Severity};
use crate::i18n::{Labels, SiteWords, fill, lang};
use crate::model::{Keyword, Language, Plan, PlanStatus};
use crate::render::{Context, Templates, html, template_problem};

/// How many errors of a plan that was not published the page lists.
const PROBLEMS_SHOWN: usize = 5;

/// What the index is made for.
pub struct IndexOptions<'a> {
    pub language: Language,
    /// The day revision dates are checked against.
    pub today: NaiveDate,
    /// The page's heading instead of the language's "Styrdokument".
    pub title: Option<&'a str>,
    pub templates: &'a Templates,
}

#[derive(Serialize)]
struct IndexView<'a> {
    lang_tag: &'static str,
    labels: &'static Labels,
    words: &'static SiteWords,
    title: String,
    /// The municipality, when every published plan is the same one's.
    municipality: Option<&'a str>,
    /// "12 styrdokument", "2 skulle redan ha reviderats", …
    summary: Vec<String>,
    checked_on: Sentence,
    groups: Vec<Group<'a>>,
    /// How many rows there are; the script's count says "3 of {total}".
    total: usize,
    owners: Vec<Choice>,
    statuses: Vec<Choice>,
    sorts: Vec<Choice>,
    any_overdue: bool,
    not_built: Vec<NotBuilt>,
}

/// A sentence around a date: `before` `<time>` `after`.
#[derive(Serialize)]
struct Sentence {
    before: String,
    iso: String,
    date: String,
    after: String,
}

/// Rows under one heading: plans with one owner.
#[derive(Serialize)]
struct Group<'a> {
    label: &'a str,
    rows: Vec<Row<'a>>,
}

/// An option of a select.
#[derive(Serialize)]
struct Choice {
    value: String,
    label: String,
}
/// A plan that was not published, with a summary of its errors.
#[derive(Serialize)]
struct NotBuilt {
    source: String,
    /// "2 fel, 1 varning".
    counts: String,
    problems: Vec<ProblemLine>,
    /// "… och 3 fel till".
    more: Option<String>,
}

#[derive(Serialize)]
struct ProblemLine {
    code: &'static str,
    /// The file, when it is not the plan (a template).
    path: Option<String>,
    /// "rad 12, kolumn 5".
    place: Option<String>,
    message: String,
}

/// Renders the index. A problem in its template is a diagnostic in the template's file.
pub fn render(entries: &[Entry], options: &IndexOptions<'_>) -> Result<Vec<u8>, FileDiagnostics> {
    let view = view(entries, options);
    // A self-contained page like the plan's: the same inlining and CSP.
    let page = html::Page {
        template: "site.html",
        name: "site",
        styles: &["style.css", "site.css"],
        scripts: &["site.js"],
    };
    let context = Context {
        templates: options.templates,
        fonts: None,
        // The index shows no document date; its bytes depend on its inputs only.
        timestamp: options.today.and_time(chrono::NaiveTime::MIN),
        archive: None,
    };
    let rendered = page.render(&view, &context);
    match (rendered.bytes, rendered.problems.into_iter().next()) {
        (Some(bytes), None) => Ok(bytes),
        (_, Some(problem)) => Err(problem),
        (None, None) => Err(template_problem("site.html", "rendered nothing".into())),
    }
}

fn view<'a>(entries: &'a [Entry], options: &IndexOptions<'a>) -> IndexView<'a> {
    let lang = lang(options.language);
    let words = &lang.site;
    let published: Vec<(&Entry, &Plan)> = entries
        .iter()
        .filter(|e| e.is_published())
        .filter_map(|e| e.outcome.plan.as_ref().map(|p| (e, p)))
        .collect();
    let mut rows: Vec<Row> = published
        .iter()
        .map(|(e, plan)| row(e, plan, lang, options))
        .collect();
    rank(&mut rows, options.language);
    rows.sort_by_key(|r| r.rank.owner);
    let mut groups: Vec<Group> = Vec::new();
    for row in rows {
        match groups.last_mut() {
            Some(group) if group.label == row.owner => group.rows.push(row),
            _ => groups.push(Group {
                label: row.owner,
                rows: vec![row],
            }),
        }
    }
    let owners = groups
        .iter()
        .map(|g| Choice {
            value: g.label.to_string(),
            label: g.label.to_string(),
        })
        .collect();
    let mut statuses: Vec<PlanStatus> = published.iter().map(|(_, p)| p.meta.status).collect();
    statuses.sort_by_key(|s| status_rank(*s));
    statuses.dedup();
    let statuses = statuses
        .into_iter()
        .map(|s| Choice {
            value: s.as_str().to_string(),
            label: lang.plan_status(s).label.clone(),
        })
        .collect();
    let sorts = [
        ("owner", &words.sort_owner),
        ("status", &words.sort_status),
        ("title", &words.sort_title),
        ("revise_by", &words.sort_revise_by),
    ]
    .into_iter()
    .map(|(value, label)| Choice {
        value: value.to_string(),
        label: label.clone(),
    })
    .collect();
    let overdue = groups
        .iter()
        .flat_map(|g| &g.rows)
        .filter(|r| r.overdue)
        .count();
    let not_built: Vec<NotBuilt> = entries
        .iter()
        .filter(|e| !e.is_published())
        .map(|e| not_built(e, words))
        .collect();
    let mut summary = vec![words.plans.count(published.len())];
    if overdue > 0 {
        summary.push(words.overdue_count.count(overdue));
    }
    if !not_built.is_empty() {
        summary.push(words.not_built_count.count(not_built.len()));
    }
    let municipality = published
        .first()
        .map(|(_, p)| p.meta.municipality.as_str())
        .filter(|m| published.iter().all(|(_, p)| p.meta.municipality == *m));
    let (before, after) = words
        .checked_on
        .split_once("{date}")
        .unwrap_or((&words.checked_on, ""));
    IndexView {
        lang_tag: &lang.language.tag,
        labels: &lang.labels,
        words,
        title: options
            .title
            .map_or_else(|| words.title.clone(), str::to_string),
        municipality,
        summary,
        checked_on: Sentence {
            before: before.to_string(),
            iso: options.today.to_string(),
            date: lang.date(options.today),
            after: after.to_string(),
        },
        total: published.len(),
        groups,
        owners,
        statuses,
        sorts,
        any_overdue: overdue > 0,
        not_built,
    }
}
fn not_built(e: &Entry, words: &SiteWords) -> NotBuilt {
    let all = problems(e);
    let errors: Vec<_> = all
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .collect();
    let mut counts = vec![words.errors.count(e.outcome.errors())];
    if e.outcome.warnings() > 0 {
        counts.push(words.warnings.count(e.outcome.warnings()));
    }
    let more = errors.len().saturating_sub(PROBLEMS_SHOWN);
    NotBuilt {
        source: e.found.source.clone(),
        counts: counts.join(", "),
        problems: errors
            .into_iter()
            .take(PROBLEMS_SHOWN)
            .map(|p| ProblemLine {
                code: p.code,
                path: (p.path != e.found.source).then_some(p.path),
                place: p.line.zip(p.column).map(|(line, column)| {
                    fill(
                        &words.location,
                        &[("line", &line.to_string()), ("column", &column.to_string())],
                    )
                }),
                message: p.message,
            })
            .collect(),
        more: (more > 0).then(|| words.more.count(more)),
    }
}
