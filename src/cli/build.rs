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
    let fonts = match want_pdf {
        true => Some(Fonts::load(args.font_path.as_deref())?),
        false => None,
    };
    let epoch = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .filter(|s| !s.is_empty());
    write::create_dir(&args.out)?;

    let options = validate::Options { today: args.today };
    let mut status = ExitStatus::Success;
    for path in &files {
        let checked = check_file(path, options)?;
        let report = checked.report();
        let show = !checked.diagnostics.is_empty() || args.format != Format::Human;
        if show {
            print_reports(&[checked.report()], args.format);
        }
        let refused = report.errors() > 0 || (args.deny_warnings && report.warnings() > 0);
        let Some(plan) = checked.plan.as_ref().filter(|_| !refused) else {
            eprintln!("not built: {} has errors", path.display());
            status = ExitStatus::Failure;
            continue;
        };
        let timestamp = document_timestamp(epoch.as_deref(), view::document_date(plan))
            .map_err(AppError::Usage)?;
        let request = RenderRequest {
            pdf: fonts.as_ref().map(|fonts| PdfConfig {
                fonts,
                templates: &templates,
                timestamp,
            }),
            html: want_html,
            templates: &templates,
        };
        let outputs = match crate::render(plan, &request) {
            Ok(outputs) => outputs,
            Err(failure) => {
                print_failure(&failure);
                return Ok(ExitStatus::Error);
            }
        };
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "plan".into());
        if let Some(dir) = &args.emit_typst {
            emit_typst(&dir.join(&stem), plan, &templates)?;
        }
        if let Some(html) = &outputs.html {
            let target = args.out.join(format!("{stem}.html"));
            write::atomic_write(&target, html.as_bytes())?;
            eprintln!(
                "wrote {} ({} kB)",
                target.display(),
                html.len().div_ceil(1024)
            );
        }
        if let Some(pdf) = &outputs.pdf {
            if !pdf.warnings.diagnostics.is_empty() {
                print_failure(&pdf.warnings);
            }
            let target = args.out.join(format!("{stem}.pdf"));
            write::atomic_write(&target, &pdf.bytes)?;
            eprintln!(
                "wrote {} ({} kB)",
                target.display(),
                pdf.bytes.len().div_ceil(1024)
            );
        }
    }
    Ok(status)
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
