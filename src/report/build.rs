//! Building the report's view: the validated plan at one report's date,
//! in the plan's language. Reads the plan, the language files and the rule
//! of [`status_at`] only.

use chrono::NaiveDate;

use super::chart::{self, Value};
use super::types::*;
use crate::i18n::{self, Lang, fill, non_empty};
use crate::model::status::status_at;
use crate::model::{Keyword, MeasureRef, MeasureStatus, Plan, Report};
use crate::view::{Anchor, Fact, date, markdown, natural_cmp, status};

/// The statuses in the order the summary counts them.
const ORDER: [MeasureStatus; 5] = [
    MeasureStatus::Done,
    MeasureStatus::Ongoing,
    MeasureStatus::Planned,
    MeasureStatus::Delayed,
    MeasureStatus::Cancelled,
];

/// The view of `report` (one of the plan's follow-up reports) and the one before it.
pub(super) fn build(plan: &Plan, report: &Report, previous: Option<&Report>) -> ReportView {
    let lang = i18n::lang(plan.meta.language);
    let w = &lang.report;
    let day = report.date;
    let at = date(lang, day);
    let follow_up = plan.follow_up.as_ref();
    let mut facts = vec![fact("plan", &w.plan, plan.meta.title.clone(), None)];
    if let Some(case) = &plan.meta.case_number {
        facts.push(fact("case_number", &w.case_number, case.clone(), None));
    }
    facts.push(fact(
        "report_date",
        &w.report_date,
        at.text.clone(),
        Some(at.iso.clone()),
    ));
    let from = previous.map_or(plan.meta.period.from, |p| p.date);
    facts.push(fact(
        "period_covered",
        &w.period_covered,
        format!("{} – {}", lang.date(from), lang.date(day)),
        Some(format!("{from}/{day}")),
    ));
    if let Some(p) = previous {
        facts.push(fact(
            "previous_report",
            &w.previous_report,
            lang.date(p.date),
            Some(p.date.to_string()),
        ));
    }
    if let Some(f) = follow_up {
        facts.push(fact(
            "reporter",
            &w.reporter,
            plan.body(f.reporter).name.clone(),
            None,
        ));
        facts.push(fact(
            "recipient",
            &w.recipient,
            plan.body(f.recipient).name.clone(),
            None,
        ));
    }
    let title = format!("{} {}", w.title, at.text);
    let mut footer = vec![plan.meta.municipality.clone()];
    footer.extend(plan.meta.case_number.clone());
    footer.push(title.clone());

    let measures = measures(plan, lang, day, previous.map(|p| p.date));
    ReportView {
        lang: &lang.language.lang,
        lang_tag: &lang.language.tag,
        region: non_empty(&lang.language.region),
        words: w,
        meta: ReportMeta {
            subject: format!("{} – {}", title, plan.meta.title),
            keywords: vec![
                plan.meta.title.clone(),
                plan.meta.municipality.clone(),
                w.title.clone(),
                day.to_string(),
            ],
            title,
            plan_title: plan.meta.title.clone(),
            municipality: plan.meta.municipality.clone(),
        },
        facts,
        date: at.clone(),
        previous: previous.map(|p| date(lang, p.date)),
        footer,
        summary: report
            .summary
            .as_deref()
            .map(|s| markdown::parse(s, 2))
            .unwrap_or_default(),
        statuses: statuses(lang, &measures, &at.text),
        goals: goals(plan, lang, report, &measures),
        attention: attention(lang, &measures),
        changes: previous.map(|_| changes(&measures)),
    }
}

fn fact(key: &'static str, label: &'static str, value: String, iso: Option<String>) -> Fact {
    Fact {
        key,
        label,
        value,
        iso,
        change: None,
    }
}

/// Every measure with where it stands now and at the previous report.
struct Row {
    goal: usize,
    goal_id: String,
    view: MeasureRow,
    now: MeasureStatus,
    before: Option<MeasureStatus>,
    reasons: Vec<String>,
}

fn measures(
    plan: &Plan,
    lang: &'static Lang,
    day: NaiveDate,
    previous: Option<NaiveDate>,
) -> Vec<Row> {
    let w = &lang.report;
    let mut rows = Vec::new();
    for (g, goal) in plan.goals.iter().enumerate() {
        let mut order: Vec<usize> = (0..goal.measures.len()).collect();
        order.sort_by(|&a, &b| {
            natural_cmp(goal.measures[a].id.as_str(), goal.measures[b].id.as_str())
        });
        for index in order {
            let r = MeasureRef { goal: g, index };
            let m = plan.measure(r);
            let now = status_at(plan, r, day);
            let before = previous.map(|d| status_at(plan, r, d).status);
            let deadline = m.deadline.last_day(plan.meta.period);
            let overdue = now.status.is_open() && deadline < day;
            let mut reasons = Vec::new();
            if now.status == MeasureStatus::Delayed {
                reasons.push(w.reason_delayed.clone());
            }
            if overdue {
                reasons.push(fill(
                    &w.reason_overdue,
                    &[("deadline", &lang.date(deadline))],
                ));
            }
            let deadline_iso = match m.deadline {
                crate::time::Time::Ongoing => None,
                crate::time::Time::Date(d) => Some(d.to_string()),
                crate::time::Time::Month { year, month } => Some(format!("{year:04}-{month:02}")),
                crate::time::Time::Year(y) => Some(format!("{y:04}")),
            };
            rows.push(Row {
                goal: g,
                goal_id: goal.id.to_string(),
                view: MeasureRow {
                    id: m.id.to_string(),
                    at: Anchor::measure(m.id.as_str()),
                    title: m.title.clone(),
                    responsible: plan.body(m.responsible).name.clone(),
                    status: status(lang, now.status),
                    previous: before.map(|s| status(lang, s)),
                    comment: now.comment.map(str::to_string),
                    deadline: lang.time(m.deadline),
                    deadline_iso,
                    overdue,
                },
                now: now.status,
                before,
                reasons,
            });
        }
    }
    rows
}

fn statuses(lang: &'static Lang, rows: &[Row], day: &str) -> StatusSummary {
    let w = &lang.report;
    let counts: Vec<usize> = ORDER
        .iter()
        .map(|s| rows.iter().filter(|r| r.now == *s).count())
        .collect();
    let total = rows.len();
    let bars = chart::status_bars(&counts);
    StatusSummary {
        total,
        intro: fill(
            &w.statuses_intro,
            &[("total", &total.to_string()), ("date", day)],
        ),
        rows: ORDER
            .iter()
            .zip(counts)
            .zip(bars)
            .map(|((&s, count), bar)| StatusCount {
                status: status(lang, s),
                count,
                share: format!(
                    "{} %",
                    lang.number((100.0 * count as f64 / total.max(1) as f64).round())
                ),
                bar,
            })
            .collect(),
    }
}

fn goals(plan: &Plan, lang: &'static Lang, report: &Report, rows: &[Row]) -> Vec<GoalReport> {
    let w = &lang.report;
    plan.goals
        .iter()
        .enumerate()
        .map(|(g, goal)| GoalReport {
            id: goal.id.to_string(),
            at: Anchor::goal(goal.id.as_str()),
            title: goal.title.clone(),
            assessment: report
                .goals
                .iter()
                .find(|a| a.goal.0 == g)
                .map(|a| AssessmentView {
                    key: a.assessment.as_str(),
                    label: w.assessment_name(a.assessment.as_str()).to_string(),
                    comment: a.comment.clone(),
                }),
            indicators: (0..goal.indicators.len())
                .map(|i| indicator(plan, lang, report.date, g, i))
                .collect(),
            measures: rows
                .iter()
                .filter(|r| r.goal == g)
                .map(|r| r.view.clone())
                .collect(),
        })
        .collect()
}

fn indicator(
    plan: &Plan,
    lang: &'static Lang,
    day: NaiveDate,
    g: usize,
    i: usize,
) -> IndicatorReport {
    let w = &lang.report;
    let ind = &plan.goals[g].indicators[i];
    let r = crate::model::IndicatorRef { goal: g, index: i };
    let with_unit = |v: f64| match &ind.unit {
        Some(unit) => format!("{} {unit}", lang.number(v)),
        None => lang.number(v),
    };
    let mut points = Vec::new();
    let mut values = Vec::new();
    if let Some(b) = ind.baseline {
        points.push(row(
            "baseline",
            &w.baseline,
            b.year.to_string(),
            b.year.to_string(),
            b.value,
            with_unit(b.value),
        ));
        values.push((
            Value {
                when: chart::middle_of_year(b.year),
                value: b.value,
            },
            "baseline",
        ));
    }
    let mut reported: Vec<(NaiveDate, f64)> = plan
        .follow_up
        .iter()
        .flat_map(|f| &f.reports)
        .filter(|rep| rep.date <= day)
        .filter_map(|rep| rep.indicator(r).map(|v| (rep.date, v)))
        .collect();
    reported.sort_by_key(|(d, _)| *d);
    for (d, v) in reported {
        points.push(row(
            "reported",
            &w.reported,
            d.to_string(),
            lang.date(d),
            v,
            with_unit(v),
        ));
        values.push((
            Value {
                when: chart::year_of_day(d),
                value: v,
            },
            "reported",
        ));
    }
    let target = ind.target.map(|t| {
        points.push(row(
            "target",
            &w.target,
            t.year.to_string(),
            t.year.to_string(),
            t.value,
            with_unit(t.value),
        ));
        Value {
            when: chart::middle_of_year(t.year),
            value: t.value,
        }
    });
    let id = ind.id.as_str();
    IndicatorReport {
        id: id.to_string(),
        at: Anchor::indicator(id),
        name: ind.name.clone(),
        unit: ind.unit.clone(),
        source: ind.source.clone(),
        alt: fill(&w.chart_alt, &[("id", id), ("name", &ind.name)]),
        caption: fill(&w.chart_table, &[("id", id)]),
        chart: chart::line_chart(&values, target, &w.target_short, |v| lang.number(v)),
        points,
    }
}

fn row(
    kind: &'static str,
    label: &str,
    iso: String,
    when: String,
    value: f64,
    text: String,
) -> PointRow {
    PointRow {
        kind,
        kind_label: label.to_string(),
        iso,
        when,
        value,
        text,
    }
}

fn attention(lang: &'static Lang, rows: &[Row]) -> Vec<AttentionItem> {
    rows.iter()
        .filter(|r| !r.reasons.is_empty())
        .map(|r| AttentionItem {
            id: r.view.id.clone(),
            at: r.view.at.clone(),
            goal_id: r.goal_id.clone(),
            title: r.view.title.clone(),
            responsible: r.view.responsible.clone(),
            status: status(lang, r.now),
            reasons: r.reasons.join("; "),
            comment: r.view.comment.clone(),
        })
        .collect()
}

fn changes(rows: &[Row]) -> Vec<Change> {
    rows.iter()
        .filter_map(|r| {
            let from = r.view.previous.clone()?;
            (r.before != Some(r.now)).then(|| Change {
                id: r.view.id.clone(),
                at: r.view.at.clone(),
                title: r.view.title.clone(),
                from,
                to: r.view.status.clone(),
                newly_done: r.now == MeasureStatus::Done,
                comment: r.view.comment.clone(),
            })
        })
        .collect()
}
