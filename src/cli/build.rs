//! `actionplan build PLAN…`: validate, then write the PDF and the HTML page.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::validate::{Format, parse_today, print_reports, today};
use super::{ExitStatus, plan_files, stderr_color};
use crate::diagnostics::{self, Report};
use crate::error::AppError;
use crate::render::Templates;
use crate::render::fonts::Fonts;
use crate::render::pdf::{PdfConfig, TemplateFailure, document_timestamp};
use crate::{RenderRequest, check_file, validate, view, write};

/// Validate plans and build their PDF and HTML into the output folder.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Plan files, or folders searched for *.yaml and *.yml.
    #[arg(required = true, value_name = "PLAN")]
    plans: Vec<PathBuf>,
    /// The folder to write into; outputs are named after the plan file.
    #[arg(long, short, value_name = "DIR", default_value = "out")]
    out: PathBuf,
    /// Build the PDF (by default both the PDF and the HTML are built).
    #[arg(long)]
    pdf: bool,
    /// Build the HTML page (by default both the PDF and the HTML are built).
    #[arg(long)]
    html: bool,
    /// A folder whose plan.typ, plan.html, style.css or filter.js replace the embedded ones.
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
    /// A folder of extra fonts (.ttf, .otf) for the PDF; system fonts are never used.
    #[arg(long, value_name = "DIR")]
    font_path: Option<PathBuf>,
    /// The day deadlines are checked against for warnings (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_today, default_value_t = today())]
    today: NaiveDate,
    /// Refuse to build a plan with warnings.
    #[arg(long)]
    deny_warnings: bool,
    /// How to print diagnostics.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Print how long each stage took, per plan.
    #[arg(long)]
    timings: bool,
    /// Also write what Typst is fed (DIR/<plan>/plan.typ and data.json), so the
    /// same document can be compiled with the Typst CLI: `typst compile --root DIR/<plan> DIR/<plan>/plan.typ`.
    #[arg(long, value_name = "DIR")]
    emit_typst: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<ExitStatus, AppError> {
    let (want_pdf, want_html) = match (args.pdf, args.html) {
        (false, false) => (true, true),
        flags => flags,
    };
    let files = plan_files(&args.plans)?;
    check_unique_names(&files)?;
    let templates = match &args.templates {
        Some(dir) => Templates::from_dir(dir)?,
        None => Templates::embedded(),
    };
    let start = std::time::Instant::now();
    let fonts = match want_pdf {
        true => Some(Fonts::load(args.font_path.as_deref())?),
        false => None,
    };
    if args.timings && want_pdf {
        eprintln!(
            "timings fonts: {:.2} ms",
            start.elapsed().as_secs_f64() * 1000.0
        );
    }
    let epoch = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .filter(|s| !s.is_empty());
    write::create_dir(&args.out)?;

    let job = Job {
        args: &args,
        templates: &templates,
        fonts: fonts.as_ref(),
        epoch: epoch.as_deref(),
        options: validate::Options { today: args.today },
        want_html,
        batch: files.len() > 1,
    };
    let results = parallel_map(&files, |path| job.build(path));

    // Report in the order the plans were given, whatever order they finished in.
    let mut status = ExitStatus::Success;
    let checked: Vec<&crate::Checked> = results
        .iter()
        .filter_map(|(c, _)| c.as_ref().ok())
        .collect();
    if args.format != Format::Human {
        print_reports(
            &checked.iter().map(|c| c.report()).collect::<Vec<_>>(),
            args.format,
        );
    }
    for (checked, outcome) in results {
        let checked = checked?;
        if args.format == Format::Human && !checked.diagnostics.is_empty() {
            print_reports(&[checked.report()], args.format);
        }
        match outcome {
            Outcome::Built { lines, warnings } => {
                if let Some(warnings) = warnings {
                    print_failure(&warnings);
                }
                lines.iter().for_each(|l| eprintln!("{l}"));
            }
            Outcome::NotBuilt => {
                eprintln!("not built: {} has errors", checked.file.name());
                status = status.max(ExitStatus::Failure);
            }
            Outcome::TemplateFailed(failure) => {
                print_failure(&failure);
                status = ExitStatus::Error;
            }
            Outcome::Failed(err) => {
                eprintln!("error: {err}");
                status = ExitStatus::Error;
            }
        }
    }
    Ok(status)
}

/// What one plan's build came to.
enum Outcome {
    /// Written; the lines say what. A custom template may have warned.
    Built {
        lines: Vec<String>,
        warnings: Option<TemplateFailure>,
    },
    /// The plan has errors (or warnings under --deny-warnings).
    NotBuilt,
    TemplateFailed(TemplateFailure),
    Failed(AppError),
}

/// Everything a build of one plan needs; shared by the worker threads.
struct Job<'a> {
    args: &'a Args,
    templates: &'a Templates,
    fonts: Option<&'a Fonts>,
    epoch: Option<&'a str>,
    options: validate::Options,
    want_html: bool,
    /// More than one plan: Typst's caches are emptied after each, so memory
    /// stays that of one plan (a single build just exits).
    batch: bool,
}

impl Job<'_> {
    fn build(&self, path: &Path) -> (Result<crate::Checked, AppError>, Outcome) {
        let checked = match check_file(path, self.options) {
            Ok(checked) => checked,
            Err(e) => return (Err(e), Outcome::NotBuilt),
        };
        let report = checked.report();
        let refused = report.errors() > 0 || (self.args.deny_warnings && report.warnings() > 0);
        let outcome = match checked.plan.as_ref().filter(|_| !refused) {
            None => Outcome::NotBuilt,
            Some(plan) => match self.render_and_write(path, plan, checked.timings) {
                Ok(outcome) => outcome,
                Err(e) => Outcome::Failed(e),
            },
        };
        (Ok(checked), outcome)
    }

    fn render_and_write(
        &self,
        path: &Path,
        plan: &crate::model::Plan,
        checked_timings: crate::Timings,
    ) -> Result<Outcome, AppError> {
        let timestamp =
            document_timestamp(self.epoch, view::document_date(plan)).map_err(AppError::Usage)?;
        let request = RenderRequest {
            pdf: self.fonts.map(|fonts| PdfConfig {
                fonts,
                templates: self.templates,
                timestamp,
            }),
            html: self.want_html,
            templates: self.templates,
        };
        let rendered = crate::render(plan, &request);
        if self.batch {
            crate::render::pdf::forget_caches();
        }
        let outputs = match rendered {
            Ok(outputs) => outputs,
            Err(failure) => return Ok(Outcome::TemplateFailed(failure)),
        };
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "plan".into());
        if let Some(dir) = &self.args.emit_typst {
            emit_typst(&dir.join(&stem), plan, self.templates)?;
        }
        let mut lines = Vec::new();
        // Both outputs are complete in memory before either is written.
        if let Some(html) = &outputs.html {
            let target = self.args.out.join(format!("{stem}.html"));
            write::atomic_write(&target, html.as_bytes())?;
            lines.push(format!(
                "wrote {} ({} kB)",
                target.display(),
                html.len().div_ceil(1024)
            ));
        }
        if let Some(pdf) = &outputs.pdf {
            let target = self.args.out.join(format!("{stem}.pdf"));
            write::atomic_write(&target, &pdf.bytes)?;
            lines.push(format!(
                "wrote {} ({} kB, {} pages)",
                target.display(),
                pdf.bytes.len().div_ceil(1024),
                pdf.pages
            ));
        }
        if self.args.timings {
            let mut t = outputs.timings;
            t.load = checked_timings.load;
            t.validate = checked_timings.validate;
            lines.push(format_timings(&stem, &t));
        }
        let warnings = outputs
            .pdf
            .map(|pdf| pdf.warnings)
            .filter(|w| !w.diagnostics.is_empty());
        Ok(Outcome::Built { lines, warnings })
    }
}

fn format_timings(stem: &str, t: &crate::Timings) -> String {
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
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

/// Maps `f` over `items` on up to as many threads as there are cores,
/// keeping the results in the items' order.
fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    if workers <= 1 {
        return items.iter().map(f).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let slots: Vec<std::sync::Mutex<Option<R>>> =
        items.iter().map(|_| std::sync::Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    let result = f(item);
                    *slots[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(result);
                }
            });
        }
    });
    slots
        .into_iter()
        .map(|slot| {
            slot.into_inner()
                .unwrap_or_else(|e| e.into_inner())
                .expect("every item was processed by a worker")
        })
        .collect()
}

/// Writes the template and the view model as Typst reads them.
fn emit_typst(
    dir: &Path,
    plan: &crate::model::Plan,
    templates: &Templates,
) -> Result<(), AppError> {
    write::create_dir(dir)?;
    let view = view::build(plan);
    let data = serde_json::to_vec_pretty(&view).expect("the view model serialises to JSON");
    write::atomic_write(&dir.join("data.json"), &data)?;
    let template = templates.load("plan.typ")?;
    write::atomic_write(&dir.join("plan.typ"), template.text().as_bytes())?;
    Ok(())
}

/// Two plans named alike would overwrite each other's outputs.
fn check_unique_names(files: &[PathBuf]) -> Result<(), AppError> {
    let mut seen: HashMap<String, &Path> = HashMap::new();
    for file in files {
        let stem = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if let Some(first) = seen.insert(stem.clone(), file) {
            return Err(AppError::Usage(format!(
                "{} and {} would both be written as {stem}.pdf/.html; build them into different --out folders",
                first.display(),
                file.display()
            )));
        }
    }
    Ok(())
}

fn print_failure(failure: &TemplateFailure) {
    let report = Report {
        file: &failure.file,
        diagnostics: &failure.diagnostics,
    };
    eprint!("{}", diagnostics::render_human(&report, stderr_color()));
}
