//! `plans.json`: the register of the site's plans, for machines (the
//! municipality's website, open-data portals, a script that reminds owners
//! of revision dates). Its shape is a public interface, versioned by
//! [`REGISTER_VERSION`] and documented in `docs/site.md`: machine values only
//! (keywords, ISO dates, ids), never text in the index's language, so it
//! reads the same whatever language the index is in.

use chrono::NaiveDate;
use serde::Serialize;

use super::Entry;
use crate::diagnostics::Severity;
use crate::model::{BodyRef, Keyword, Plan};

/// The version of the register's shape. Adding a field keeps it; renaming
/// or removing one, or changing a meaning, raises it.
pub const REGISTER_VERSION: u32 = 1;

#[derive(Serialize)]
struct Register<'a> {
    register_version: u32,
    generator: String,
    /// The day revision dates were checked against.
    checked_on: String,
    /// The index's language.
    language: &'static str,
    plans: Vec<PlanEntry<'a>>,
}

#[derive(Serialize)]
struct PlanEntry<'a> {
    source: &'a str,
    published: bool,
    errors: usize,
    warnings: usize,
    #[serde(flatten)]
    plan: Option<PlanFacts<'a>>,
    /// Only for a plan that was not published.
    #[serde(skip_serializing_if = "Option::is_none")]
    diagnostics: Option<Vec<Problem>>,
}

#[derive(Serialize)]
struct PlanFacts<'a> {
    title: &'a str,
    subtitle: Option<&'a str>,
    municipality: &'a str,
    language: &'static str,
    document_type: &'static str,
    status: &'static str,
    version: &'a str,
    case_number: Option<&'a str>,
    owner: BodyEntry<'a>,
    period: Period,
    decision: Option<Decision<'a>>,
    revise_by: Option<String>,
    revision_overdue: bool,
    documents: Vec<Document<'a>>,
}

#[derive(Serialize)]
struct BodyEntry<'a> {
    id: &'a str,
    name: &'a str,
}

#[derive(Serialize)]
struct Period {
    from: String,
    to: String,
}

#[derive(Serialize)]
struct Decision<'a> {
    body: BodyEntry<'a>,
    date: String,
    paragraph: &'a str,
}

#[derive(Serialize)]
struct Document<'a> {
    output: &'static str,
    href: String,
    path: &'a str,
    bytes: u64,
}

/// A diagnostic of a plan that was not published.
#[derive(Serialize)]
pub(super) struct Problem {
    pub path: String,
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

/// Every diagnostic of a plan's build, in its files' order, each file's
/// sorted by position. The plan file is named by its place in the site
/// (`social/vald.yaml`), not by where the repository was checked out.
pub(super) fn problems(entry: &Entry) -> Vec<Problem> {
    let mut out = Vec::new();
    for (i, report) in entry.outcome.reports.iter().enumerate() {
        let path = match i {
            0 => entry.found.source.clone(),
            _ => report.file.name(),
        };
        let mut diagnostics: Vec<_> = report.diagnostics.iter().collect();
        diagnostics.sort_by_key(|d| (d.span.map(|s| s.start), d.severity, d.code));
        for d in diagnostics {
            let position = d.span.map(|s| report.file.position(s.start));
            out.push(Problem {
                path: path.clone(),
                severity: d.severity,
                code: d.code.as_str(),
                message: d.message.clone(),
                line: position.map(|p| p.line),
                column: position.map(|p| p.column),
            });
        }
    }
    out
}

/// `plans.json`, pretty-printed, ending in a newline.
pub fn render(entries: &[Entry], today: NaiveDate, language: crate::model::Language) -> Vec<u8> {
    let register = Register {
        register_version: REGISTER_VERSION,
        generator: format!("actionplan {}", env!("CARGO_PKG_VERSION")),
        checked_on: today.to_string(),
        language: language.as_str(),
        plans: entries.iter().map(|e| entry(e, today)).collect(),
    };
    let mut bytes = serde_json::to_vec_pretty(&register).expect("the register serialises");
    bytes.push(b'\n');
    bytes
}

fn entry(e: &Entry, today: NaiveDate) -> PlanEntry<'_> {
    let published = e.is_published();
    PlanEntry {
        source: &e.found.source,
        published,
        errors: e.outcome.errors(),
        warnings: e.outcome.warnings(),
        plan: e
            .outcome
            .plan
            .as_ref()
            .filter(|_| published)
            .map(|plan| facts(e, plan, today)),
        diagnostics: (!published).then(|| problems(e)),
    }
}

fn facts<'a>(e: &'a Entry, plan: &'a Plan, today: NaiveDate) -> PlanFacts<'a> {
    let m = &plan.meta;
    let body = |r: BodyRef| {
        let b = plan.body(r);
        BodyEntry {
            id: b.id.as_str(),
            name: &b.name,
        }
    };
    PlanFacts {
        title: &m.title,
        subtitle: m.subtitle.as_deref(),
        municipality: &m.municipality,
        language: m.language.as_str(),
        document_type: m.document_type.as_str(),
        status: m.status.as_str(),
        version: &m.version,
        case_number: m.case_number.as_deref(),
        owner: body(m.owner),
        period: Period {
            from: m.period.from.to_string(),
            to: m.period.to.to_string(),
        },
        decision: m.decision.as_ref().map(|d| Decision {
            body: body(d.body),
            date: d.date.to_string(),
            paragraph: &d.paragraph,
        }),
        revise_by: m.revise_by.map(|d| d.to_string()),
        revision_overdue: m.revision_overdue(today),
        documents: e
            .published
            .iter()
            .map(|p| Document {
                output: p.output,
                href: super::find::href(&p.path),
                path: &p.path,
                bytes: p.bytes,
            })
            .collect(),
    }
}
