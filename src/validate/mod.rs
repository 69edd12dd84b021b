//! Validate: the raw plan → the typed [`Plan`], and every diagnostic found.
//!
//! Nothing stops at the first problem: each check records a [`Diagnostic`]
//! and goes on with a stand-in value, and a [`Plan`] is only returned when no
//! error was found, so the stand-ins never leave this module. References are
//! resolved here, once. The checks and their codes are those of the plan
//! format (`docs/plan-format.md`); the cross-cutting warnings live in
//! [`warnings`].

mod ids;
mod warnings;

use chrono::NaiveDate;

use crate::diagnostics::{self, Code, Diagnostic};
use crate::model::{self, BodyRef, IndicatorRef, Keyword, MeasureRef, Plan, PlanStatus};
use crate::raw::{self, Sp};
use crate::suggest::{did_you_mean, one_of};
use crate::time::{Time, parse_date};

use ids::{IdKind, Ids};

/// What validation depends on besides the plan.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// The day the overdue and revise-by checks count from.
    pub today: NaiveDate,
}

/// The outcome of validating one plan.
#[derive(Debug)]
pub struct Validated {
    /// Present when no error was found (warnings may have been).
    pub plan: Option<Plan>,
    /// Sorted by position in the file.
    pub diagnostics: Vec<Diagnostic>,
}

pub fn validate(doc: &raw::Document, options: Options) -> Validated {
    let mut v = Validator {
        diagnostics: Vec::new(),
        ids: Ids::default(),
        bodies: Vec::new(),
        body_used: Vec::new(),
        options,
    };
    let plan = v.plan(doc);
    let mut diagnostics = v.diagnostics;
    diagnostics::sort(&mut diagnostics);
    let valid = !diagnostics.iter().any(Diagnostic::is_error);
    Validated {
        plan: valid.then_some(plan),
        diagnostics,
    }
}

struct Validator<'a> {
    diagnostics: Vec<Diagnostic>,
    ids: Ids<'a>,
    /// Declared bodies in file order: id and the span of the id.
    bodies: Vec<&'a raw::Id>,
    body_used: Vec<bool>,
    options: Options,
}

impl<'a> Validator<'a> {
    fn report(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    fn plan(&mut self, doc: &'a raw::Document) -> Plan {
        if *doc.actionplan.value() != 1 {
            self.report(
                Diagnostic::new(
                    Code::UnsupportedVersion,
                    doc.actionplan.span(),
                    format!("format version {} is not supported", doc.actionplan.value()),
                )
                .with_help(
                    "this version of actionplan reads format version 1: write `actionplan: 1`",
                ),
            );
        }
        let bodies = self.bodies(doc);
        let meta = self.meta(&doc.plan);
        let sections = doc.sections.iter().map(|s| self.section(s)).collect();
        let goals = self.goals(doc, meta.period);
        let follow_up = doc.follow_up.as_ref().map(|f| self.follow_up(f, doc));
        let revisions = doc
            .revisions
            .iter()
            .map(|r| model::Revision {
                version: self.text(&r.version, "version"),
                date: self.date(&r.date),
                note: self.plain(&r.note),
            })
            .collect();
        let plan = Plan {
            meta,
            bodies,
            sections,
            goals,
            follow_up,
            revisions,
        };
        warnings::check(self, doc, &plan);
        plan
    }

    fn bodies(&mut self, doc: &'a raw::Document) -> Vec<model::Body> {
        let mut declared: Vec<(&'a raw::Id, &'a raw::Body)> = doc.bodies.iter().collect();
        declared.sort_by_key(|(id, _)| id.0.span().start);
        declared
            .into_iter()
            .map(|(id, body)| {
                self.check_id(id);
                self.bodies.push(id);
                self.body_used.push(false);
                model::Body {
                    id: model::BodyId(id.0.value().clone()),
                    name: self.text(&body.name, "name"),
                    short: self.opt(&body.short),
                    kind: self
                        .keyword(&body.kind, "kind")
                        .unwrap_or(model::BodyKind::Committee),
                }
            })
            .collect()
    }

    fn meta(&mut self, p: &'a raw::PlanMeta) -> model::Meta {
        let status = self.keyword(&p.status, "status");
        let from = self.date(&p.period.from);
        let to = self.date(&p.period.to);
        if from > to && self.date_ok(&p.period.from) && self.date_ok(&p.period.to) {
            self.report(
                Diagnostic::new(
                    Code::PeriodReversed,
                    p.period.to.0.span(),
                    format!("the period ends on {to}, before it starts on {from}"),
                )
                .with_label(p.period.from.0.span(), "the period starts here")
                .with_help("swap `from` and `to`, or correct the year"),
            );
        }
        let decision = p.decision.as_ref().map(|d| model::Decision {
            body: self.body_ref(&d.body),
            date: self.date(&d.date),
            paragraph: self.text(&d.paragraph, "paragraph"),
        });
        if matches!(status, Some(PlanStatus::Adopted | PlanStatus::Revoked)) && decision.is_none() {
            self.report(
                Diagnostic::new(
                    Code::MissingDecision,
                    p.status.0.span(),
                    format!("the plan is `{}` but has no `decision`", p.status.0.value()),
                )
                .with_help("add `decision: { body: kf, date: YYYY-MM-DD, paragraph: \"§ 123\" }` under `plan`, or set the status to `draft` or `proposal`"),
            );
        }
        model::Meta {
            title: self.text(&p.title, "title"),
            subtitle: self.opt(&p.subtitle),
            municipality: self.text(&p.municipality, "municipality"),
            language: p
                .language
                .as_ref()
                .and_then(|l| self.keyword(l, "language"))
                .unwrap_or(model::Language::Swedish),
            document_type: p
                .document_type
                .as_ref()
                .and_then(|t| self.keyword(t, "document_type"))
                .unwrap_or(model::DocumentType::ActionPlan),
            status: status.unwrap_or(PlanStatus::Draft),
            version: self.text(&p.version, "version"),
            period: model::Period { from, to },
            owner: self.body_ref(&p.owner),
            case_number: self.opt(&p.case_number),
            decision,
            revise_by: p.revise_by.as_ref().map(|d| self.date(d)),
            replaces: p.replaces.iter().map(|r| self.plain(r)).collect(),
            related: p
                .related
                .iter()
                .map(|r| model::Related {
                    title: self.text(&r.title, "title"),
                    url: self.opt(&r.url),
                })
                .collect(),
            summary: self.opt_md(&p.summary),
        }
    }

    fn section(&mut self, s: &'a raw::Section) -> model::Section {
        self.ids
            .declare(&mut self.diagnostics, &s.id, IdKind::Section);
        model::Section {
            id: model::SectionId(s.id.0.value().clone()),
            title: self.text(&s.title, "title"),
            body: self.plain(&s.body.0),
        }
    }

    fn goals(&mut self, doc: &'a raw::Document, period: model::Period) -> Vec<model::Goal> {
        // Indicators first: a measure may move an indicator of a later goal.
        for goal in doc.goals.value() {
            self.ids
                .declare(&mut self.diagnostics, &goal.id, IdKind::Goal);
            for indicator in &goal.indicators {
                self.ids
                    .declare(&mut self.diagnostics, &indicator.id, IdKind::Indicator);
            }
        }
        let mut goals = Vec::new();
        for (g, goal) in doc.goals.value().iter().enumerate() {
            let indicators = goal.indicators.iter().map(|i| self.indicator(i)).collect();
            let measures = goal
                .measures
                .iter()
                .enumerate()
                .map(|(m, measure)| {
                    self.ids
                        .declare(&mut self.diagnostics, &measure.id, IdKind::Measure);
                    self.ids.place_measure(
                        measure.id.0.value().as_str(),
                        MeasureRef { goal: g, index: m },
                    );
                    self.measure(measure, period)
                })
                .collect();
            goals.push(model::Goal {
                id: model::GoalId(goal.id.0.value().clone()),
                title: self.text(&goal.title, "title"),
                description: self.opt_md(&goal.description),
                references: goal.references.iter().map(|r| self.plain(r)).collect(),
                indicators,
                measures,
            });
        }
        goals
    }

    fn indicator(&mut self, i: &'a raw::Indicator) -> model::Indicator {
        let measurement = |m: &Option<Sp<raw::Measurement>>| {
            m.as_ref().map(|m| model::Measurement {
                value: *m.value().value.value(),
                year: *m.value().year.value(),
            })
        };
        model::Indicator {
            id: model::IndicatorId(i.id.0.value().clone()),
            name: self.text(&i.name, "name"),
            unit: self.opt(&i.unit),
            baseline: measurement(&i.baseline),
            target: measurement(&i.target),
            source: self.opt(&i.source),
        }
    }

    fn measure(&mut self, m: &'a raw::Measure, period: model::Period) -> model::Measure {
        let start = m.start.as_ref().and_then(|t| self.time(t));
        let deadline = self.time(&m.deadline);
        if let (Some(start), Some(deadline), Some(start_raw)) = (start, deadline, &m.start)
            && start.first_day(period) > deadline.last_day(period)
        {
            self.report(
                Diagnostic::new(
                    Code::StartAfterDeadline,
                    start_raw.0.span(),
                    format!(
                        "measure `{}` starts ({start}) after its deadline ({deadline})",
                        m.id.0.value()
                    ),
                )
                .with_label(m.deadline.0.span(), "the deadline")
                .with_help("move the start before the deadline, or the deadline after the start"),
            );
        }
        model::Measure {
            id: model::MeasureId(m.id.0.value().clone()),
            title: self.text(&m.title, "title"),
            description: self.opt_md(&m.description),
            responsible: self.body_ref(&m.responsible),
            partners: m.partners.iter().map(|p| self.body_ref(p)).collect(),
            start,
            deadline: deadline.unwrap_or(Time::Ongoing),
            status: m
                .status
                .as_ref()
                .and_then(|s| self.keyword(s, "status"))
                .unwrap_or(model::MeasureStatus::Planned),
            cost: self.opt(&m.cost),
            indicators: m.indicators.iter().map(|i| self.indicator_ref(i)).collect(),
        }
    }

    fn follow_up(&mut self, f: &'a raw::FollowUp, doc: &'a raw::Document) -> model::FollowUp {
        let _ = doc;
        let reports = f
            .reports
            .iter()
            .map(|r| model::Report {
                date: self.date(&r.date),
                measures: r
                    .measures
                    .iter()
                    .map(|(id, report)| {
                        let measure = self.measure_ref(id);
                        let status = self
                            .keyword(&report.status, "status")
                            .unwrap_or(model::MeasureStatus::Planned);
                        (measure, status, self.opt(&report.comment))
                    })
                    .collect(),
                indicators: r
                    .indicators
                    .iter()
                    .map(|(id, value)| (self.follow_up_indicator_ref(id), *value.value()))
                    .collect(),
            })
            .collect();
        model::FollowUp {
            frequency: self
                .keyword(&f.frequency, "frequency")
                .unwrap_or(model::Frequency::Yearly),
            reporter: self.body_ref(&f.reporter),
            recipient: self.body_ref(&f.recipient),
            description: self.opt_md(&f.description),
            reports,
        }
    }

    // ----- values -----

    /// A required text; an empty one is an error.
    fn text(&mut self, t: &raw::Text, key: &str) -> String {
        let text = self.plain(t);
        // Empty once the invisible characters are gone: nothing to show.
        if text.trim().is_empty() {
            self.report(
                Diagnostic::new(Code::EmptyText, t.span(), format!("`{key}` is empty"))
                    .with_help(format!("write the {key} after `{key}:`")),
            );
        }
        text
    }

    /// A text as the outputs show it: control characters (other than tab and
    /// line breaks) have no visible form, break PDF/A and HTML, and are dropped
    /// with a warning.
    fn plain(&mut self, t: &raw::Text) -> String {
        let text = t.value();
        let is_control = |c: char| c.is_control() && !matches!(c, '\n' | '\t' | '\r');
        if !text.chars().any(is_control) {
            return text.clone();
        }
        let first = text.chars().find(|&c| is_control(c)).unwrap_or_default();
        self.report(
            Diagnostic::new(
                Code::ControlCharacters,
                t.span(),
                format!("the text contains the control character U+{:04X}, which is left out of the outputs", first as u32),
            )
            .with_help("remove it; it often comes from copying out of another program"),
        );
        text.chars().filter(|&c| !is_control(c)).collect()
    }

    fn opt(&mut self, t: &Option<raw::Text>) -> Option<String> {
        t.as_ref().map(|t| self.plain(t))
    }

    fn opt_md(&mut self, t: &Option<raw::Markdown>) -> Option<String> {
        t.as_ref().map(|t| self.plain(&t.0))
    }

    fn keyword<T: Keyword>(&mut self, k: &raw::Keyword<T>, key: &str) -> Option<T> {
        let text = k.0.value();
        if let Some(value) = T::parse(text) {
            return Some(value);
        }
        let valid: Vec<&str> = T::ALL.iter().map(|(s, _)| *s).collect();
        let help = match did_you_mean(text, valid.iter().copied()) {
            Some(s) => format!("did you mean `{s}`? `{key}` is one of {}", one_of(&valid)),
            None => format!("`{key}` is one of {}", one_of(&valid)),
        };
        self.report(
            Diagnostic::new(
                Code::InvalidValue,
                k.0.span(),
                format!("`{text}` is not a valid `{key}`"),
            )
            .with_help(help),
        );
        None
    }

    fn date_ok(&self, d: &raw::Date) -> bool {
        parse_date(d.0.value()).is_ok()
    }

    fn date(&mut self, d: &raw::Date) -> NaiveDate {
        match parse_date(d.0.value()) {
            Ok(date) => date,
            Err(e) => {
                self.report(
                    Diagnostic::new(
                        Code::InvalidDate,
                        d.0.span(),
                        format!("`{}` is not a valid date: {}", d.0.value(), e.0),
                    )
                    .with_help("write a date as YYYY-MM-DD, e.g. 2018-06-25"),
                );
                NaiveDate::MIN
            }
        }
    }

    fn time(&mut self, t: &raw::Time) -> Option<Time> {
        match Time::parse(t.0.value()) {
            Ok(time) => Some(time),
            Err(e) => {
                self.report(
                    Diagnostic::new(
                        Code::InvalidTime,
                        t.0.span(),
                        format!("`{}` is not a valid time: {}", t.0.value(), e.0),
                    )
                    .with_help(
                        "write a date YYYY-MM-DD, a month YYYY-MM, a year YYYY, or `ongoing`",
                    ),
                );
                None
            }
        }
    }

    fn check_id(&mut self, id: &raw::Id) -> bool {
        ids::check_syntax(&mut self.diagnostics, id)
    }

    // ----- references -----

    fn body_ref(&mut self, id: &raw::Id) -> BodyRef {
        let name = id.0.value();
        if let Some(i) = self.bodies.iter().position(|b| b.0.value() == name) {
            self.body_used[i] = true;
            return BodyRef(i);
        }
        let declared: Vec<&str> = self.bodies.iter().map(|b| b.0.value().as_str()).collect();
        let mut d = Diagnostic::new(
            Code::UnknownBody,
            id.0.span(),
            format!("no body with id `{name}` is declared"),
        );
        d = d.with_help(match did_you_mean(name, declared.iter().copied()) {
            Some(s) => format!("did you mean `{s}`? Or declare `{name}` under `bodies:`"),
            None => format!(
                "declare `{name}` under `bodies:`, or use one of {}",
                one_of(&declared)
            ),
        });
        if let Some(first) = self.bodies.first() {
            d = d.with_label(first.0.span(), "bodies are declared here");
        }
        self.report(d);
        BodyRef(0)
    }

    fn indicator_ref(&mut self, id: &raw::Id) -> IndicatorRef {
        self.ids
            .indicator(&mut self.diagnostics, id, Code::UnknownIndicator)
    }

    fn follow_up_indicator_ref(&mut self, id: &raw::Id) -> IndicatorRef {
        self.ids
            .indicator(&mut self.diagnostics, id, Code::FollowUpUnknownIndicator)
    }

    fn measure_ref(&mut self, id: &raw::Id) -> MeasureRef {
        self.ids.measure(&mut self.diagnostics, id)
    }
}

#[cfg(test)]
mod tests;
