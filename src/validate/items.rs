//! Items: the raw plan's metadata, bodies, sections, goals, indicators,
//! measures, follow-up and revisions → their typed form.
//!
//! Every value of an item is checked before the item is put together, so one
//! bad value does not hide the problems of the next; the item is then
//! present only if each of its values is. The checks that relate values to
//! each other (a reversed period, a start after the deadline, a missing
//! decision, no goals) live here too.

use super::{Validator, all};
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{self, MeasureRef, MeasureSpans, MetaSpans, PlanStatus};
use crate::raw::{self, Sp};
use crate::time::Period;

use super::ids::{self, IdKind};

impl<'a> Validator<'a> {
    pub(super) fn bodies(&mut self, doc: &'a raw::Document) -> Vec<Option<model::Body>> {
        let mut declared: Vec<(&'a raw::Id, &'a raw::Body)> = doc.bodies.iter().collect();
        declared.sort_by_key(|(id, _)| id.0.span().start);
        // Every body is known before any is checked: a reference resolves
        // to its place in this list.
        self.bodies = declared.iter().map(|(id, _)| *id).collect();
        self.referred = vec![false; declared.len()];
        declared
            .into_iter()
            .map(|(id, body)| {
                let valid_id = ids::check_syntax(&mut self.diagnostics, id);
                let name = self.text(&body.name, "name");
                let short = self.opt(&body.short);
                let kind = self.keyword(&body.kind, "kind");
                Some(model::Body {
                    id: valid_id.then(|| model::BodyId(id.0.value().clone()))?,
                    name: name?,
                    short,
                    kind: kind?,
                    span: id.0.span(),
                })
            })
            .collect()
    }

    /// The plan period, checked on its own: the warnings need it even when
    /// another value of the metadata is wrong.
    pub(super) fn period(&mut self, p: &'a raw::Period) -> Option<Period> {
        let from = self.date(&p.from);
        let to = self.date(&p.to);
        match (from, to) {
            (Some(from), Some(to)) if from > to => {
                self.report(
                    Diagnostic::new(
                        Code::PeriodReversed,
                        p.to.0.span(),
                        format!("the period ends on {to}, before it starts on {from}"),
                    )
                    .with_label(p.from.0.span(), "the period starts here")
                    .with_help("swap `from` and `to`, or correct the year"),
                );
                None
            }
            (Some(from), Some(to)) => Some(Period { from, to }),
            _ => None,
        }
    }

    pub(super) fn meta(
        &mut self,
        p: &'a raw::PlanMeta,
        period: Option<Period>,
    ) -> Option<model::Meta> {
        let status = self.keyword(&p.status, "status");
        let decision = if matches!(status, Some(PlanStatus::Adopted | PlanStatus::Revoked))
            && p.decision.is_none()
        {
            self.report(
                Diagnostic::new(
                    Code::MissingDecision,
                    p.status.0.span(),
                    format!("the plan is `{}` but has no `decision`", p.status.0.value()),
                )
                .with_help("add `decision: { body: kf, date: YYYY-MM-DD, paragraph: \"§ 123\" }` under `plan`, or set the status to `draft` or `proposal`"),
            );
            None
        } else {
            self.optional(&p.decision, |v, d| {
                let body = v.body_ref(&d.body);
                let date = v.date(&d.date);
                let paragraph = v.text(&d.paragraph, "paragraph");
                Some(model::Decision {
                    body: body?,
                    date: date?,
                    paragraph: paragraph?,
                })
            })
        };
        let title = self.text(&p.title, "title");
        let subtitle = self.opt(&p.subtitle);
        let municipality = self.text(&p.municipality, "municipality");
        let language = self.keyword_or(&p.language, "language", model::Language::Swedish);
        let document_type = self.keyword_or(
            &p.document_type,
            "document_type",
            model::DocumentType::ActionPlan,
        );
        let version = self.text(&p.version, "version");
        let owner = self.body_ref(&p.owner);
        let case_number = self.opt(&p.case_number);
        let revise_by = self.optional(&p.revise_by, Self::date);
        let replaces = p.replaces.iter().map(|r| self.plain(r)).collect();
        let related: Vec<_> = p
            .related
            .iter()
            .map(|r| {
                let title = self.text(&r.title, "title");
                let url = self.opt(&r.url);
                Some(model::Related { title: title?, url })
            })
            .collect();
        let summary = self.opt_md(&p.summary);
        Some(model::Meta {
            title: title?,
            subtitle,
            municipality: municipality?,
            language: language?,
            document_type: document_type?,
            status: status?,
            version: version?,
            period: period?,
            owner: owner?,
            case_number,
            decision: decision?,
            revise_by: revise_by?,
            replaces,
            related: all(related)?,
            summary,
            spans: MetaSpans {
                status: p.status.0.span(),
                revise_by: p.revise_by.as_ref().map(|d| d.0.span()),
            },
        })
    }

    pub(super) fn section(&mut self, s: &'a raw::Section) -> Option<model::Section> {
        let id = self
            .ids
            .declare(&mut self.diagnostics, &s.id, IdKind::Section)
            .then(|| model::SectionId(s.id.0.value().clone()));
        let title = self.text(&s.title, "title");
        let body = self.plain(&s.body.0);
        Some(model::Section {
            id: id?,
            title: title?,
            body,
        })
    }

    pub(super) fn goals(
        &mut self,
        doc: &'a raw::Document,
        period: Option<Period>,
    ) -> Vec<Option<model::Goal>> {
        if doc.goals.value().is_empty() {
            self.report(
                Diagnostic::new(Code::NoGoals, doc.goals.span(), "the plan has no goals")
                    .with_help("a plan has at least one goal: add one under `goals:`, with `id`, `title` and its `measures`"),
            );
        }
        // Indicators first: a measure may move an indicator of a later goal.
        let mut declared = Vec::new();
        for goal in doc.goals.value() {
            let id = self
                .ids
                .declare(&mut self.diagnostics, &goal.id, IdKind::Goal)
                .then(|| model::GoalId(goal.id.0.value().clone()));
            let indicator_ids: Vec<_> = goal
                .indicators
                .iter()
                .map(|i| {
                    self.ids
                        .declare(&mut self.diagnostics, &i.id, IdKind::Indicator)
                        .then(|| model::IndicatorId(i.id.0.value().clone()))
                })
                .collect();
            declared.push((id, indicator_ids));
        }
        doc.goals
            .value()
            .iter()
            .zip(declared)
            .enumerate()
            .map(|(g, (goal, (id, indicator_ids)))| self.goal(g, goal, id, indicator_ids, period))
            .collect()
    }

    /// The goal at place `g`, its id and its indicators' ids already declared.
    fn goal(
        &mut self,
        g: usize,
        goal: &'a raw::Goal,
        id: Option<model::GoalId>,
        indicator_ids: Vec<Option<model::IndicatorId>>,
        period: Option<Period>,
    ) -> Option<model::Goal> {
        let indicators: Vec<_> = goal
            .indicators
            .iter()
            .zip(indicator_ids)
            .map(|(i, id)| self.indicator(i, id))
            .collect();
        let measures: Vec<_> = goal
            .measures
            .iter()
            .enumerate()
            .map(|(m, measure)| {
                let id = self
                    .ids
                    .declare(&mut self.diagnostics, &measure.id, IdKind::Measure)
                    .then(|| model::MeasureId(measure.id.0.value().clone()));
                self.ids.place_measure(
                    measure.id.0.value().as_str(),
                    MeasureRef { goal: g, index: m },
                );
                self.measure(measure, id, period)
            })
            .collect();
        let title = self.text(&goal.title, "title");
        let description = self.opt_md(&goal.description);
        let references = goal.references.iter().map(|r| self.plain(r)).collect();
        Some(model::Goal {
            id: id?,
            title: title?,
            description,
            references,
            indicators: all(indicators)?,
            measures: all(measures)?,
            span: goal.id.0.span(),
        })
    }

    fn indicator(
        &mut self,
        i: &'a raw::Indicator,
        id: Option<model::IndicatorId>,
    ) -> Option<model::Indicator> {
        let name = self.text(&i.name, "name");
        let unit = self.opt(&i.unit);
        let baseline = self.optional(&i.baseline, Self::measurement);
        let target = self.optional(&i.target, Self::measurement);
        let source = self.opt(&i.source);
        Some(model::Indicator {
            id: id?,
            name: name?,
            unit,
            baseline: baseline?,
            target: target?,
            source,
            span: i.id.0.span(),
        })
    }

    fn measurement(&mut self, m: &'a Sp<raw::Measurement>) -> Option<model::Measurement> {
        Some(model::Measurement {
            value: self.number(&m.value().value, "`value`")?,
            year: *m.value().year.value(),
        })
    }

    fn measure(
        &mut self,
        m: &'a raw::Measure,
        id: Option<model::MeasureId>,
        period: Option<Period>,
    ) -> Option<model::Measure> {
        let start = self.optional(&m.start, Self::time);
        let deadline = self.time(&m.deadline);
        let mut in_order = true;
        if let (Some(Some(start)), Some(deadline), Some(start_raw)) = (start, deadline, &m.start)
            && let (Some(first), Some(last)) = (
                start.known_first_day(period),
                deadline.known_last_day(period),
            )
            && first > last
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
            in_order = false;
        }
        let title = self.text(&m.title, "title");
        let description = self.opt_md(&m.description);
        let responsible = self.body_ref(&m.responsible);
        let partners: Vec<_> = m.partners.iter().map(|p| self.body_ref(p)).collect();
        let status = self.keyword_or(&m.status, "status", model::MeasureStatus::Planned);
        let cost = self.opt(&m.cost);
        let indicators: Vec<_> = m.indicators.iter().map(|i| self.indicator_ref(i)).collect();
        if !in_order {
            return None;
        }
        Some(model::Measure {
            id: id?,
            title: title?,
            description,
            responsible: responsible?,
            partners: all(partners)?,
            start: start?,
            deadline: deadline?,
            status: status?,
            cost,
            indicators: all(indicators)?,
            spans: MeasureSpans {
                id: m.id.0.span(),
                start: m.start.as_ref().map(|t| t.0.span()),
                deadline: m.deadline.0.span(),
                status: m.status.as_ref().map(|s| s.0.span()),
            },
        })
    }

    pub(super) fn follow_up(&mut self, f: &'a raw::FollowUp) -> Option<model::FollowUp> {
        let reports: Vec<_> = f.reports.iter().map(|r| self.follow_up_report(r)).collect();
        let frequency = self.keyword(&f.frequency, "frequency");
        let reporter = self.body_ref(&f.reporter);
        let recipient = self.body_ref(&f.recipient);
        let description = self.opt_md(&f.description);
        Some(model::FollowUp {
            frequency: frequency?,
            reporter: reporter?,
            recipient: recipient?,
            description,
            reports: all(reports)?,
        })
    }

    fn follow_up_report(&mut self, r: &'a raw::Report) -> Option<model::Report> {
        let date = self.date(&r.date);
        let measures: Vec<_> = r
            .measures
            .iter()
            .map(|(id, report)| {
                let measure = self.measure_ref(id);
                let status = self.keyword(&report.status, "status");
                let comment = self.opt(&report.comment);
                Some((measure?, status?, comment))
            })
            .collect();
        let indicators: Vec<_> = r
            .indicators
            .iter()
            .map(|(id, value)| {
                let indicator = self.follow_up_indicator_ref(id);
                let what = format!("value for indicator `{}`", id.0.value());
                let value = self.number(value, &what);
                Some((indicator?, value?))
            })
            .collect();
        let goals: Vec<_> = r
            .goals
            .iter()
            .map(|(id, judged)| {
                let goal = self.ids.goal(&mut self.diagnostics, id);
                let assessment = self.keyword(&judged.assessment, "assessment");
                let comment = self.opt(&judged.comment);
                Some(model::GoalAssessment {
                    goal: goal?,
                    assessment: assessment?,
                    comment,
                })
            })
            .collect();
        let summary = self.opt_md(&r.summary);
        Some(model::Report {
            date: date?,
            measures: all(measures)?,
            indicators: all(indicators)?,
            summary,
            goals: all(goals)?,
            spans: model::ReportSpans {
                date: r.date.0.span(),
                statuses: r.measures.values().map(|m| m.status.0.span()).collect(),
            },
        })
    }

    pub(super) fn revision(&mut self, r: &'a raw::Revision) -> Option<model::Revision> {
        let version = self.text(&r.version, "version");
        let date = self.date(&r.date);
        let note = self.plain(&r.note);
        Some(model::Revision {
            version: version?,
            date: date?,
            note,
        })
    }
}
