//! `actionplan build PLAN…`: arguments → engine options; the engine builds
//! and writes; the outcomes are printed.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::validate::{Format, parse_today, print_reports, today};
use super::{ExitStatus, plan_inputs, versions};
use crate::engine::{self, Compiler, Destination, Lifetime, Outcome, Verdict};
use crate::error::AppError;
use crate::render::{self, Output, Templates};

/// Validate plans and build their PDF and HTML into the output folder.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Plan files, or folders searched for *.yaml and *.yml.
    #[arg(required = true, value_name = "PLAN")]
    pub(super) plans: Vec<PathBuf>,
    /// The folder to write into; outputs are named after the plan file.
    #[arg(long, short, value_name = "DIR", default_value = "out")]
    pub(super) out: PathBuf,
    /// Build the PDF (by default both the PDF and the HTML are built).
    #[arg(long)]
    pdf: bool,
    /// Build the HTML page (by default both the PDF and the HTML are built).
    #[arg(long)]
    html: bool,
    /// A folder whose plan.typ, plan.html, style.css, filter.js (or, with --compare,
    /// changes.css and changes.js) replace the embedded ones.
    #[arg(long, value_name = "DIR")]
    pub(super) templates: Option<PathBuf>,
    /// A folder of extra fonts (.ttf, .otf) for the PDF; system fonts are never used.
    #[arg(long, value_name = "DIR")]
    pub(super) font_path: Option<PathBuf>,
    /// The day deadlines are checked against for warnings (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_today, default_value_t = today())]
    pub(super) today: NaiveDate,
    /// Refuse to build a plan with warnings (the plan's, a template's or a font's).
    #[arg(long)]
    pub(super) deny_warnings: bool,
    /// How to print diagnostics.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub(super) format: Format,
    /// Print how long each stage took, per plan.
    #[arg(long)]
    pub(super) timings: bool,
    /// Also write what Typst is fed (DIR/<plan>/plan.typ and data.json), even
    /// when Typst fails, so the same document can be compiled with the Typst
    /// CLI: `typst compile --root DIR/<plan> DIR/<plan>/plan.typ`.
    #[arg(long, value_name = "DIR")]
    pub(super) emit_typst: Option<PathBuf>,
    /// Mark the changes since an earlier version: a plan file, REV:PATH (e.g.
    /// HEAD~1:plans/x.yaml), or a git revision (e.g. origin/main) meaning each
    /// PLAN's own file at that revision. The change-marked draft is written as
    /// <plan>.changes.html and <plan>.changes.pdf, beside the clean documents.
    #[arg(long, value_name = "OLD")]
    pub(super) compare: Option<String>,
}

impl Args {
    /// The engine's options: the outputs asked for, templates, date.
    pub(super) fn options(&self) -> Result<engine::Options, AppError> {
        let wanted = |o: &&dyn Output| match (self.pdf, self.html) {
            (false, false) => true,
            (pdf, html) => (pdf && o.name() == "pdf") || (html && o.name() == "html"),
        };
        let timestamp = timestamp()?;
        Ok(engine::Options {
            validate: crate::validate::Options { today: self.today },
            deny_warnings: self.deny_warnings,
            outputs: render::OUTPUTS.iter().copied().filter(wanted).collect(),
            templates: match &self.templates {
                Some(dir) => Templates::from_dir(dir)?,
                None => Templates::embedded(),
            },
            font_path: self.font_path.clone(),
            timestamp,
            lifetime: Lifetime::Once,
        })
    }
}

/// The documents' date from `SOURCE_DATE_EPOCH`, if it is set.
pub(super) fn timestamp() -> Result<Option<chrono::NaiveDateTime>, AppError> {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .filter(|s| !s.is_empty())
        .map(|s| engine::source_date_epoch(&s))
        .transpose()
        .map_err(AppError::Usage)
}

pub fn run(args: Args) -> Result<ExitStatus, AppError> {
    let inputs = plan_inputs(&args.plans)?;
    // Every earlier version is read before anything is built: one that
    // cannot be read is a usage error (exit 2), not a half-done build.
    let olds = (args.compare.as_deref())
        .map(|old| versions::baselines(old, &inputs))
        .transpose()?;
    let options = args.options()?;
    engine::check_unique_names(&inputs, &options.outputs)?;
    let want_fonts = options.outputs.iter().any(|o| o.needs_fonts());
    let compiler = Compiler::new(options)?;
    if args.timings && want_fonts {
        eprintln!("timings fonts: {:.2} ms", ms(compiler.fonts_time()));
    }
    let destination = Destination {
        out: args.out.clone(),
        emit_typst: args.emit_typst.clone(),
    };
    let outcomes = match olds {
        None => compiler.build_all(&inputs, Some(&destination)),
        Some(olds) => {
            let pairs: Vec<_> = inputs.into_iter().zip(olds.into_iter().map(Some)).collect();
            compiler.build_all_compared(&pairs, Some(&destination))
        }
    };
    Ok(report(
        &outcomes.iter().collect::<Vec<_>>(),
        args.format,
        args.timings,
    ))
}

/// Prints every plan's diagnostics and what was written, in the order the
/// plans were given; the status is the worst of them. Shared with `site`.
pub(super) fn report(outcomes: &[&Outcome], format: Format, timings: bool) -> ExitStatus {
    if format != Format::Human {
        let reports: Vec<_> = outcomes.iter().flat_map(|o| o.reports()).collect();
        print_reports(&reports, format);
    }
    let mut status = ExitStatus::Success;
    for outcome in outcomes {
        if format == Format::Human {
            let reports: Vec<_> = outcome
                .reports()
                .filter(|r| !r.diagnostics.is_empty())
                .collect();
            print_reports(&reports, format);
        }
        let name = outcome.file().name();
        match outcome.verdict() {
            Verdict::Ok => {
                outcome.written.iter().for_each(|l| eprintln!("{l}"));
                if timings {
                    eprintln!("{}", format_timings(&outcome.stem(), &outcome.timings));
                }
            }
            Verdict::Invalid => {
                // The plan's, or (with --compare) the earlier version's.
                let files: Vec<String> = (outcome.reports.iter())
                    .filter(|r| r.diagnostics.iter().any(|d| d.is_error()))
                    .map(|r| r.file.name())
                    .collect();
                let files = if files.is_empty() {
                    vec![name.clone()]
                } else {
                    files
                };
                eprintln!("not built: {} has errors", files.join(" and "));
            }
            Verdict::Refused => eprintln!("not built: {name} has warnings (--deny-warnings)"),
            Verdict::Failed => eprintln!("not built: {name}"),
        }
        status = status.max(outcome.status());
    }
    status
}

fn ms(d: std::time::Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

pub(super) fn format_timings(stem: &str, t: &crate::Timings) -> String {
    let typst = t.typst_layout + t.typst_export;
    let total = t.ours_wall() + typst;
    format!(
        "timings {stem}: load {:.2} ms, validate {:.2} ms, view {:.2} ms, pdf data {:.2} ms, html {:.2} ms, typst layout {:.2} ms, typst export {:.2} ms; ours {:.1}% of {:.1} ms wall (html runs beside typst)",
        ms(t.load),
        ms(t.validate),
        ms(t.view),
        ms(t.pdf_data),
        ms(t.html),
        ms(t.typst_layout),
        ms(t.typst_export),
        100.0 * t.ours_wall().as_secs_f64() / total.as_secs_f64().max(1e-9),
        ms(total)
    )
}
