//! One request, stage by stage: read and check the plan (and, for a
//! change-marked draft, its earlier version), build the product's view once,
//! render it in every selected format at the same time, and collect it all
//! into the [`Outcome`].

use std::time::Instant;

use chrono::{NaiveDate, NaiveTime};
use rayon::prelude::*;

use super::{Compiler, Input, Outcome, Product, Request, Verdict, file_name, report_file_name};
use crate::check::{Checked, check_source_then};

use crate::render::attach::{self, Attachment, Relationship};
use crate::render::formats::Format;
use crate::render::{Context, Output, Rendered, export};
use crate::source::SourceFile;
use crate::timings::Timings;
use crate::{load, report, validate, view};

impl Compiler {
    pub(super) fn compile_uncached(&self, request: &Request) -> Outcome {
        let report_date = match &request.product {
            Product::Report(date) => Some(*date),
            _ => None,
        };
        let mut outcome = self.check(&request.input, report_date);
        if self.options.formats.is_empty() || outcome.verdict() != Verdict::Ok {
            return outcome;
        }
        match &request.product {
            Product::Plan => self.plan(&mut outcome, None, request.body.as_deref()),
            Product::Compared(old) => {
                let old = self.check(old, None);
                if old.errors() > 0 || old.plan.is_none() {
                    // Its errors only: its warnings say nothing about the plan being built.
                    for mut report in old.reports {
                        report.diagnostics.retain(|d| d.is_error());
                        outcome.add_problems(report);
                    }
                    return outcome;
                }
                self.plan(&mut outcome, Some(&old), request.body.as_deref());
            }
            Product::Report(date) => self.report(&mut outcome, *date),
        }
        outcome
    }

    /// Reads and checks a plan. For a report (`report_date`: `Some`, and
    /// inside it the date asked for), the plan is checked as of the
    /// report's date unless `--today` was given: it is parsed once, and
    /// validated again only when that day differs.
    fn check(&self, input: &Input, report_date: Option<Option<NaiveDate>>) -> Outcome {
        let start = Instant::now();
        let loaded = match input {
            Input::File(path) => load::read(path),
            Input::Text { path, text } => Ok((SourceFile::new(path, text.clone()), None)),
        };
        let deny = self.options.deny_warnings;
        let (file, problem) = match loaded {
            Ok(loaded) => loaded,
            Err(e) => {
                let file = SourceFile::new(input.path(), String::new());
                let mut outcome = Outcome::new(file, Vec::new(), deny);
                outcome.io_problem(&e);
                return outcome;
            }
        };
        let read = start.elapsed();
        let day = self.options.check_day();
        let checked = match problem {
            Some(diagnostic) => Checked {
                file,
                diagnostics: vec![diagnostic],
                plan: None,
                timings: Timings::default(),
            },
            None => check_source_then(file, validate::Options { today: day }, |plan| {
                let asked = report_date.filter(|_| self.options.today.is_none())?;
                // A date with no report (E117) is checked as the latest
                // report is, so its error does not drown in warnings about today.
                let (report, _) = report::select(plan, asked)
                    .or_else(|_| report::select(plan, None))
                    .ok()?;
                (report.date != day).then_some(validate::Options { today: report.date })
            }),
        };
        let mut outcome = Outcome::new(checked.file, checked.diagnostics, deny);
        outcome.timings = checked.timings;
        outcome.timings.load += read;
        outcome.plan = checked.plan;
        outcome
    }

    /// The plan's view (with the changes since `old` marked, if given),
    /// narrowed to one body if asked, rendered in every selected format.
    fn plan(&self, outcome: &mut Outcome, old: Option<&Outcome>, body: Option<&str>) {
        let Some(plan) = &outcome.plan else { return };
        let start = Instant::now();
        let mut view = view::build(plan);
        if let Some(old) = old
            && let (Some(old_version), Some(new_version)) = (old.version(), outcome.version())
        {
            let diff = crate::diff::compare(&old_version, &new_version);
            view::changes::mark(&mut view, &diff, old_version.plan, plan);
        }
        if let Some(body) = body
            && let Err(e) = export::keep_body(&mut view, body)
        {
            outcome.refuse(e);
            return;
        }
        outcome.timings.view += start.elapsed();
        let attachments = self.attachments(outcome, old);
        let mut context = self.context(view::document_date(plan));
        context.archive = attachments.as_deref();
        let stem = outcome.stem();
        let marked = old.is_some();
        let rendered = self.render(&view, &context, |f| f.plan, |o| file_name(&stem, o, marked));
        self.collect(outcome, rendered);
    }

    /// The follow-up report's view at `date`, rendered in every selected
    /// format that has a report. No report at that date: E117.
    fn report(&self, outcome: &mut Outcome, date: Option<NaiveDate>) {
        let Some(plan) = &outcome.plan else { return };
        let start = Instant::now();
        let view = match report::build(plan, date) {
            Ok(view) => view,
            Err(diagnostic) => {
                outcome.reports[0].diagnostics.push(diagnostic);
                return;
            }
        };
        outcome.timings.view += start.elapsed();
        let day: NaiveDate = view.date.iso.parse().unwrap_or(plan.meta.period.from);
        let attachments = self.attachments(outcome, None);
        let mut context = self.context(day);
        context.archive = attachments.as_deref();
        let stem = outcome.stem();
        let rendered = self.render(
            &view,
            &context,
            |f| f.report,
            |o| report_file_name(&stem, day, o.extension()),
        );
        self.collect(outcome, rendered);
    }

    /// Every selected format that can render this view, in parallel: they
    /// only read it.
    fn render<V: Sync + 'static>(
        &self,
        view: &V,
        context: &Context<'_>,
        output: impl Fn(&Format) -> Option<&'static dyn Output<V>> + Sync,
        name: impl Fn(&dyn Output<V>) -> String + Sync,
    ) -> Vec<(&'static Format, String, Rendered)> {
        self.options
            .formats
            .par_iter()
            .filter_map(|&format| {
                let o = output(format)?;
                Some((format, name(o), o.render(view, context)))
            })
            .collect()
    }

    /// What the outputs get besides the view: templates, fonts, and the
    /// documents' date (`SOURCE_DATE_EPOCH`, else the plan's or report's).
    fn context(&self, date: NaiveDate) -> Context<'_> {
        Context {
            templates: &self.options.templates,
            fonts: self.fonts.as_ref(),
            timestamp: (self.options.timestamp).unwrap_or(date.and_time(NaiveTime::MIN)),
            archive: None,
        }
    }

    /// Under `--archive`, the files the PDF carries: the plan's source, and
    /// a change-marked draft's earlier version as a supplement. The plan's
    /// text is its file's bytes exactly (`load::read` keeps them as read).
    fn attachments(&self, outcome: &Outcome, old: Option<&Outcome>) -> Option<Vec<Attachment>> {
        let plan = outcome.plan.as_ref().filter(|_| self.options.archive)?;
        let words = &crate::i18n::lang(plan.meta.language).archive;
        let attach = |o: &Outcome, relationship, description: &str| {
            let file = o.file();
            Attachment::plan(
                file.path(),
                file.text().as_bytes().to_vec(),
                relationship,
                description,
            )
        };
        let mut list = vec![attach(outcome, Relationship::Source, &words.source)];
        list.extend(old.map(|o| attach(o, Relationship::Supplement, &words.earlier)));
        attach::unique_names(&mut list);
        Some(list)
    }

    /// Takes the outputs' documents and problems into the outcome. A
    /// document is kept only if nothing refuses the build, so the caller
    /// never writes part of a failed one.
    fn collect(&self, outcome: &mut Outcome, rendered: Vec<(&'static Format, String, Rendered)>) {
        for (format, file_name, r) in rendered {
            outcome.timings.add(&r.timings);
            outcome.inputs.extend(r.inputs);
            for problems in r.problems {
                outcome.add_problems(problems);
            }
            if let Some(bytes) = r.bytes {
                outcome.documents.push(super::Document {
                    format,
                    file_name,
                    bytes,
                    pages: r.pages,
                });
            }
        }
        if outcome.verdict() != Verdict::Ok {
            outcome.documents.clear();
        }
    }
}
