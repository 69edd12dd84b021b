//! Building the view: the validated plan, put in the plan's language.
//!
//! Each text a reader sees is made here from the plan's values, and kept
//! beside them (see `types.rs`). Reads the plan and the language files only.

use super::order::natural_cmp;
use super::types::*;
use super::values::{body, date, status, time, when};
use super::{markdown, matrix, timeline};
use crate::i18n::{self, Lang, non_empty};
use crate::model::{BodyRef, FollowUp, Keyword, Measure, MeasureStatus, Measurement, Plan, Report};

/// Builds the view of a validated plan.
pub fn build(plan: &Plan) -> View {
    let lang = i18n::lang(plan.meta.language);
    let latest_report = plan
        .follow_up
        .as_ref()
        .and_then(|f| f.reports.iter().max_by_key(|r| r.date));
    let statuses = MeasureStatus::ALL
        .iter()
        .filter(|(_, s)| plan.measures().any(|(_, m)| m.status == *s))
        .map(|&(_, s)| status(lang, s))
        .collect();
    View {
        lang: &lang.language.lang,
        lang_tag: &lang.language.tag,
        region: non_empty(&lang.language.region),
        labels: &lang.labels,
        meta: super::meta::meta(plan, lang),
        bodies: (0..plan.bodies.len())
            .map(|b| body(plan, lang, BodyRef(b)))
            .collect(),
        footer: super::meta::footer(plan, lang),
        summary: md(plan.meta.summary.as_deref(), 2),
        sections: plan
            .sections
            .iter()
            .map(|s| SectionView {
                id: s.id.to_string(),
                at: Anchor::section(s.id.as_str()),
                title: s.title.clone(),
                body: md(Some(&s.body), 2),
                change: None,
            })
            .collect(),
        goals: goals(plan, lang, latest_report),
        matrix: matrix::matrix(plan, lang),
        timeline: timeline::timeline(plan, lang),
        follow_up: plan
            .follow_up
            .as_ref()
            .map(|f| follow_up(plan, lang, f, latest_report)),
        revisions: plan
            .revisions
            .iter()
            .map(|r| RevisionView {
                version: r.version.clone(),
                date: date(lang, r.date),
                note: r.note.clone(),
            })
            .collect(),
        responsible_bodies: (0..plan.bodies.len())
            .filter(|&b| plan.measures().any(|(_, m)| m.responsible.0 == b))
            .map(|b| body(plan, lang, BodyRef(b)))
            .collect(),
        statuses,
        changes: None,
        narrowed_to: None,
    }
}

fn goals(plan: &Plan, lang: &'static Lang, latest: Option<&Report>) -> Vec<GoalView> {
    plan.goals
        .iter()
        .enumerate()
        .map(|(g, goal)| {
            let mut measures: Vec<&Measure> = goal.measures.iter().collect();
            measures.sort_by(|a, b| natural_cmp(a.id.as_str(), b.id.as_str()));
            let indicators: Vec<IndicatorView> = goal
                .indicators
                .iter()
                .enumerate()
                .map(|(i, ind)| {
                    let measured = |m: Measurement| MeasuredView {
                        value: m.value,
                        iso: m.year.to_string(),
                        text: format!("{} ({})", lang.number(m.value), m.year),
                    };
                    IndicatorView {
                        id: ind.id.to_string(),
                        at: Anchor::indicator(ind.id.as_str()),
                        name: ind.name.clone(),
                        unit: ind.unit.clone(),
                        baseline: ind.baseline.map(measured),
                        target: ind.target.map(measured),
                        source: ind.source.clone(),
                        latest: latest_value(lang, latest, g, i),
                        change: None,
                    }
                })
                .collect();
            GoalView {
                id: goal.id.to_string(),
                at: Anchor::goal(goal.id.as_str()),
                title: goal.title.clone(),
                description: md(goal.description.as_deref(), 3),
                references: goal.references.clone(),
                has_latest: indicators.iter().any(|i| i.latest.is_some()),
                indicators,
                measures: measures
                    .into_iter()
                    .map(|m| measure(plan, lang, goal.id.as_str(), m))
                    .collect(),
                change: None,
                removed: Vec::new(),
            }
        })
        .collect()
}

/// The value the latest follow-up gave indicator `index` of goal `goal`, if it measured it.
pub(super) fn latest_value(
    lang: &Lang,
    latest: Option<&Report>,
    goal: usize,
    index: usize,
) -> Option<MeasuredView> {
    let report = latest?;
    let &(_, value) = report
        .indicators
        .iter()
        .find(|(x, _)| x.goal == goal && x.index == index)?;
    Some(MeasuredView {
        value,
        iso: report.date.to_string(),
        text: format!("{} ({})", lang.number(value), lang.date(report.date)),
    })
}

fn measure(plan: &Plan, lang: &'static Lang, goal_id: &str, m: &Measure) -> MeasureView {
    MeasureView {
        id: m.id.to_string(),
        at: Anchor::measure(m.id.as_str()),
        goal_id: goal_id.to_string(),
        title: m.title.clone(),
        description: md(m.description.as_deref(), 4),
        responsible: body(plan, lang, m.responsible),
        partners: m.partners.iter().map(|&p| body(plan, lang, p)).collect(),
        start: m.start.map(|t| time(lang, t, t.known_first_day(None))),
        deadline: time(lang, m.deadline, m.deadline.known_last_day(None)),
        when: when(lang, m.start, m.deadline),
        status: status(lang, m.status),
        cost: m.cost.clone(),
        indicators: m
            .indicators
            .iter()
            .map(|&r| {
                let id = plan.indicator(r).id.as_str();
                RefView {
                    id: id.to_string(),
                    at: Anchor::indicator(id),
                }
            })
            .collect(),
        change: None,
    }
}

fn follow_up(
    plan: &Plan,
    lang: &'static Lang,
    f: &FollowUp,
    latest: Option<&Report>,
) -> FollowUpView {
    FollowUpView {
        frequency: KindView {
            key: f.frequency.as_str(),
            label: lang.frequency(f.frequency),
        },
        reporter: plan.body(f.reporter).name.clone(),
        recipient: plan.body(f.recipient).name.clone(),
        description: md(f.description.as_deref(), 2),
        latest: latest.map(|r| LatestReportView {
            date: date(lang, r.date),
            measures: r
                .measures
                .iter()
                .map(|&(mr, s, ref comment)| {
                    let m = plan.measure(mr);
                    ReportedMeasure {
                        id: m.id.to_string(),
                        at: Anchor::measure(m.id.as_str()),
                        title: m.title.clone(),
                        status: status(lang, s),
                        comment: comment.clone(),
                    }
                })
                .collect(),
            indicators: r
                .indicators
                .iter()
                .map(|&(ir, value)| {
                    let ind = plan.indicator(ir);
                    let number = lang.number(value);
                    ReportedIndicator {
                        id: ind.id.to_string(),
                        at: Anchor::indicator(ind.id.as_str()),
                        name: ind.name.clone(),
                        value,
                        unit: ind.unit.clone(),
                        text: match &ind.unit {
                            Some(unit) => format!("{number} {unit}"),
                            None => number,
                        },
                    }
                })
                .collect(),
        }),
        reports: f.reports.len(),
    }
}

fn md(text: Option<&str>, heading_base: u8) -> Vec<markdown::Block> {
    text.map(|t| markdown::parse(t, heading_base))
        .unwrap_or_default()
}
