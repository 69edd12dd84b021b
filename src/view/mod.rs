//! View: the validated plan → the one structure both renderers read.
//!
//! Everything with a rule in it is computed here, in Rust: labels and dates
//! in the plan's language, status texts, the order of measures, Markdown
//! parsed into a tree, the responsibility matrix and the timeline geometry.
//! The templates (`templates/plan.typ`, `templates/plan.html`) only lay this
//! out. It serialises to JSON, which is how Typst receives it.

mod derived;
pub mod i18n;
pub mod markdown;
pub mod url;

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{Keyword, Language, Measure, Plan};
use crate::time::Time;

pub use derived::{Matrix, Timeline};
pub use i18n::Labels;
use markdown::Block;

/// The whole document, ready to lay out.
#[derive(Clone, Debug, Serialize)]
pub struct View {
    /// `sv` or `en`: Typst's `lang`.
    pub lang: &'static str,
    /// `sv-SE` or `en`: the HTML `lang` attribute and the PDF's `/Lang`.
    pub lang_tag: &'static str,
    /// Typst's `region`, if any.
    pub region: Option<&'static str>,
    pub labels: &'static Labels,
    pub meta: MetaView,
    pub summary: Vec<Block>,
    pub sections: Vec<SectionView>,
    pub goals: Vec<GoalView>,
    pub matrix: Matrix,
    pub timeline: Timeline,
    pub follow_up: Option<FollowUpView>,
    pub revisions: Vec<RevisionView>,
    /// Bodies responsible for a measure, for the HTML filter.
    pub responsible_bodies: Vec<BodyView>,
    /// The statuses that occur, for the HTML filter.
    pub statuses: Vec<StatusView>,
}

#[derive(Clone, Debug, Serialize)]
pub struct MetaView {
    pub title: String,
    pub subtitle: Option<String>,
    pub municipality: String,
    pub document_type: &'static str,
    pub status: StatusView,
    /// "UTKAST" / "FÖRSLAG" on every page, or none once adopted.
    pub mark: Option<&'static str>,
    /// The banner text of the HTML page, or none once adopted.
    pub banner: Option<&'static str>,
    pub version: String,
    pub case_number: Option<String>,
    /// "1 juli 2018 – 31 december 2021".
    pub period: String,
    /// The PDF's subject line: document type and subtitle.
    pub subject: String,
    /// The PDF's keywords.
    pub keywords: Vec<String>,
    /// The governing-document block, row by row, in order.
    pub facts: Vec<Fact>,
    pub replaces: Vec<String>,
    pub related: Vec<RelatedView>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Fact {
    pub label: &'static str,
    pub value: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct RelatedView {
    pub title: String,
    /// Only http, https, mailto or relative links; others are dropped.
    pub url: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct StatusView {
    /// The keyword, e.g. `ongoing`: for CSS classes and filters.
    pub key: &'static str,
    /// In the plan's language, e.g. "Pågår".
    pub label: &'static str,
}

#[derive(Clone, Debug, Serialize)]
pub struct BodyView {
    pub id: String,
    pub name: String,
    pub short: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct SectionView {
    pub id: String,
    pub anchor: String,
    pub title: String,
    pub body: Vec<Block>,
}

#[derive(Clone, Debug, Serialize)]
pub struct GoalView {
    pub id: String,
    pub anchor: String,
    pub title: String,
    pub description: Vec<Block>,
    pub references: Vec<String>,
    pub indicators: Vec<IndicatorView>,
    /// Sorted by id, naturally (`1.2` before `1.10`).
    pub measures: Vec<MeasureView>,
}

#[derive(Clone, Debug, Serialize)]
pub struct IndicatorView {
    pub id: String,
    /// The anchor in the HTML: `indicator-I1.1`.
    pub anchor: String,
    pub name: String,
    pub unit: Option<String>,
    /// "12 (2018)", or none.
    pub baseline: Option<String>,
    pub target: Option<String>,
    pub source: Option<String>,
    /// From the latest follow-up that measured it: "14 (31 augusti 2018)".
    pub latest: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct MeasureView {
    pub id: String,
    pub anchor: String,
    pub goal_id: String,
    pub title: String,
    pub description: Vec<Block>,
    pub responsible: BodyView,
    pub partners: Vec<BodyView>,
    pub start: Option<String>,
    pub deadline: String,
    /// The whole time span in words.
    pub when: String,
    pub status: StatusView,
    pub cost: Option<String>,
    pub indicators: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct FollowUpView {
    pub frequency: &'static str,
    pub reporter: String,
    pub recipient: String,
    pub description: Vec<Block>,
    pub latest: Option<ReportView>,
    /// How many follow-ups are recorded in all.
    pub reports: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct ReportView {
    pub date: String,
    pub measures: Vec<ReportedMeasure>,
    pub indicators: Vec<ReportedIndicator>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ReportedMeasure {
    pub id: String,
    pub anchor: String,
    pub title: String,
    pub status: StatusView,
    pub comment: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ReportedIndicator {
    pub id: String,
    pub name: String,
    pub value: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct RevisionView {
    pub version: String,
    pub date: String,
    pub note: String,
}

/// The anchor of a goal in the HTML: `goal-M1`.
pub fn goal_anchor(id: &str) -> String {
    format!("goal-{id}")
}

/// The anchor of a measure in the HTML: `measure-1.3`.
pub fn measure_anchor(id: &str) -> String {
    format!("measure-{id}")
}

/// The day the document is dated: the decision, else the latest revision,
/// else the start of the plan period. Never the clock, so builds repeat;
/// PDF/A needs a date, so there always is one.
pub fn document_date(plan: &Plan) -> NaiveDate {
    plan.meta
        .decision
        .as_ref()
        .map(|d| d.date)
        .or_else(|| plan.revisions.iter().map(|r| r.date).max())
        .unwrap_or(plan.meta.period.from)
}

/// Builds the view of a validated plan.
pub fn build(plan: &Plan) -> View {
    let language = plan.meta.language;
    let lang = i18n::lang(language);
    let body = |r: crate::model::BodyRef| {
        let b = plan.body(r);
        BodyView {
            id: b.id.to_string(),
            name: b.name.clone(),
            short: b.short.clone(),
        }
    };
    let status = |s: crate::model::MeasureStatus| StatusView {
        key: s.as_str(),
        label: lang.measure_status(s),
    };
    let latest_report = plan
        .follow_up
        .as_ref()
        .and_then(|f| f.reports.iter().max_by_key(|r| r.date));

    let goals = plan
        .goals
        .iter()
        .enumerate()
        .map(|(g, goal)| {
            let mut measures: Vec<&Measure> = goal.measures.iter().collect();
            measures.sort_by(|a, b| natural_cmp(a.id.as_str(), b.id.as_str()));
            GoalView {
                id: goal.id.to_string(),
                anchor: goal_anchor(goal.id.as_str()),
                title: goal.title.clone(),
                description: md(goal.description.as_deref(), 3),
                references: goal.references.clone(),
                indicators: goal
                    .indicators
                    .iter()
                    .enumerate()
                    .map(|(i, ind)| {
                        let measured = |m: crate::model::Measurement| {
                            format!("{} ({})", lang.number(m.value), m.year)
                        };
                        let latest = latest_report.and_then(|r| {
                            r.indicators
                                .iter()
                                .find(|(x, _)| x.goal == g && x.index == i)
                                .map(|(_, v)| {
                                    format!("{} ({})", lang.number(*v), lang.date(r.date))
                                })
                        });
                        IndicatorView {
                            id: ind.id.to_string(),
                            anchor: format!("indicator-{}", ind.id),
                            name: ind.name.clone(),
                            unit: ind.unit.clone(),
                            baseline: ind.baseline.map(measured),
                            target: ind.target.map(measured),
                            source: ind.source.clone(),
                            latest,
                        }
                    })
                    .collect(),
                measures: measures
                    .into_iter()
                    .map(|m| MeasureView {
                        id: m.id.to_string(),
                        anchor: measure_anchor(m.id.as_str()),
                        goal_id: goal.id.to_string(),
                        title: m.title.clone(),
                        description: md(m.description.as_deref(), 4),
                        responsible: body(m.responsible),
                        partners: m.partners.iter().map(|&p| body(p)).collect(),
                        start: m.start.map(|t| lang.time(t)),
                        deadline: lang.time(m.deadline),
                        when: when(language, m.start, m.deadline),
                        status: status(m.status),
                        cost: m.cost.clone(),
                        indicators: m
                            .indicators
                            .iter()
                            .map(|&r| plan.indicator(r).id.to_string())
                            .collect(),
                    })
                    .collect(),
            }
        })
        .collect();

    let mut responsible_bodies: Vec<BodyView> = Vec::new();
    for (b, _) in plan.bodies.iter().enumerate() {
        if plan.measures().any(|(_, m)| m.responsible.0 == b) {
            responsible_bodies.push(body(crate::model::BodyRef(b)));
        }
    }
    let statuses = crate::model::MeasureStatus::ALL
        .iter()
        .filter(|(_, s)| plan.measures().any(|(_, m)| m.status == *s))
        .map(|&(_, s)| status(s))
        .collect();

    View {
        lang: &lang.language.lang,
        lang_tag: &lang.language.tag,
        region: i18n::non_empty(&lang.language.region),
        labels: &lang.labels,
        meta: meta(plan),
        summary: md(plan.meta.summary.as_deref(), 2),
        sections: plan
            .sections
            .iter()
            .map(|s| SectionView {
                id: s.id.to_string(),
                anchor: format!("section-{}", s.id),
                title: s.title.clone(),
                body: md(Some(&s.body), 2),
            })
            .collect(),
        goals,
        matrix: derived::matrix(plan, language),
        timeline: derived::timeline(plan, language),
        follow_up: plan.follow_up.as_ref().map(|f| FollowUpView {
            frequency: lang.frequency(f.frequency),
            reporter: plan.body(f.reporter).name.clone(),
            recipient: plan.body(f.recipient).name.clone(),
            description: md(f.description.as_deref(), 2),
            latest: latest_report.map(|r| ReportView {
                date: lang.date(r.date),
                measures: r
                    .measures
                    .iter()
                    .map(|&(mr, s, ref comment)| {
                        let m = plan.measure(mr);
                        ReportedMeasure {
                            id: m.id.to_string(),
                            anchor: measure_anchor(m.id.as_str()),
                            title: m.title.clone(),
                            status: status(s),
                            comment: comment.clone(),
                        }
                    })
                    .collect(),
                indicators: r
                    .indicators
                    .iter()
                    .map(|&(ir, v)| {
                        let ind = plan.indicator(ir);
                        let unit = ind
                            .unit
                            .as_deref()
                            .map(|u| format!(" {u}"))
                            .unwrap_or_default();
                        ReportedIndicator {
                            id: ind.id.to_string(),
                            name: ind.name.clone(),
                            value: format!("{}{unit}", lang.number(v)),
                        }
                    })
                    .collect(),
            }),
            reports: f.reports.len(),
        }),
        revisions: plan
            .revisions
            .iter()
            .map(|r| RevisionView {
                version: r.version.clone(),
                date: lang.date(r.date),
                note: r.note.clone(),
            })
            .collect(),
        responsible_bodies,
        statuses,
    }
}

fn meta(plan: &Plan) -> MetaView {
    let m = &plan.meta;
    let language = m.language;
    let lang = i18n::lang(language);
    let labels = &lang.facts;
    let document_type = lang.document_type(m.document_type);
    let period = format!("{} – {}", lang.date(m.period.from), lang.date(m.period.to));
    let owner = plan.body(m.owner).name.clone();
    let status_label = &lang.plan_status(m.status).label;
    let mut facts = vec![Fact {
        label: &labels.document_type,
        value: document_type.to_string(),
    }];
    if let Some(case) = &m.case_number {
        facts.push(Fact {
            label: &labels.case_number,
            value: case.clone(),
        });
    }
    if let Some(d) = &m.decision {
        facts.push(Fact {
            label: &labels.decided_by,
            value: plan.body(d.body).name.clone(),
        });
        facts.push(Fact {
            label: &labels.decision_date,
            value: format!("{}, {}", lang.date(d.date), d.paragraph),
        });
    }
    facts.push(Fact {
        label: &labels.valid,
        value: period.clone(),
    });
    facts.push(Fact {
        label: &labels.owner,
        value: owner,
    });
    if let Some(r) = m.revise_by {
        facts.push(Fact {
            label: &labels.revise_by,
            value: lang.date(r),
        });
    }
    facts.push(Fact {
        label: &labels.version,
        value: m.version.clone(),
    });
    facts.push(Fact {
        label: &labels.status,
        value: status_label.to_string(),
    });
    let subject = match &m.subtitle {
        Some(s) => format!("{document_type}: {s}"),
        None => document_type.to_string(),
    };
    let mut keywords = vec![document_type.to_string(), m.municipality.clone()];
    keywords.extend(m.case_number.clone());
    MetaView {
        title: m.title.clone(),
        subtitle: m.subtitle.clone(),
        municipality: m.municipality.clone(),
        document_type,
        status: StatusView {
            key: m.status.as_str(),
            label: status_label,
        },
        mark: i18n::non_empty(&lang.plan_status(m.status).mark),
        banner: i18n::non_empty(&lang.plan_status(m.status).banner),
        version: m.version.clone(),
        case_number: m.case_number.clone(),
        period,
        subject,
        keywords,
        facts,
        replaces: m.replaces.clone(),
        related: m
            .related
            .iter()
            .map(|r| RelatedView {
                title: r.title.clone(),
                url: r.url.as_deref().and_then(url::safe_url),
            })
            .collect(),
    }
}

fn md(text: Option<&str>, heading_base: u8) -> Vec<Block> {
    text.map(|t| markdown::parse(t, heading_base))
        .unwrap_or_default()
}

/// "december 2018" for a deadline alone, "juli 2018 – december 2018" with a start.
fn when(language: Language, start: Option<Time>, deadline: Time) -> String {
    let lang = i18n::lang(language);
    match start {
        Some(s) if s != deadline => format!("{} – {}", lang.time(s), lang.time(deadline)),
        _ => lang.time(deadline),
    }
}

/// All measures, goal by goal, each goal's sorted naturally by id.
fn sorted_measures(plan: &Plan) -> impl Iterator<Item = (&crate::model::Goal, &Measure)> {
    plan.goals.iter().flat_map(|g| {
        let mut ms: Vec<&Measure> = g.measures.iter().collect();
        ms.sort_by(|a, b| natural_cmp(a.id.as_str(), b.id.as_str()));
        ms.into_iter().map(move |m| (g, m))
    })
}

/// Compares ids so that runs of digits compare as numbers: `1.2` < `1.10`.
pub fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    fn chunks(s: &str) -> Vec<(bool, &str)> {
        let mut out = Vec::new();
        let mut start = 0;
        let bytes = s.as_bytes();
        for i in 1..=bytes.len() {
            if i == bytes.len() || bytes[i].is_ascii_digit() != bytes[start].is_ascii_digit() {
                out.push((bytes[start].is_ascii_digit(), &s[start..i]));
                start = i;
            }
        }
        out
    }
    let (ca, cb) = (chunks(a), chunks(b));
    for (x, y) in ca.iter().zip(&cb) {
        let ord = match (x, y) {
            ((true, x), (true, y)) => {
                let (x, y) = (x.trim_start_matches('0'), y.trim_start_matches('0'));
                x.len().cmp(&y.len()).then_with(|| x.cmp(y))
            }
            ((_, x), (_, y)) => x.cmp(y),
        };
        if ord != std::cmp::Ordering::Equal {
            return ord;
        }
    }
    ca.len().cmp(&cb.len()).then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests;
