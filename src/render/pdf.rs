//! The PDF: the view model handed to the embedded Typst engine as JSON,
//! laid out by `templates/plan.typ`, exported as PDF/A-2a with PDF/UA-1, or
//! under `--archive` as PDF/A-3a with PDF/UA-1 carrying the plan's source
//! (`super::attach`).
//!
//! No text of the plan is ever spliced into Typst source: the template reads
//! `json("/data.json")`, so markup characters in a plan stay characters.

use std::time::Instant;

use chrono::NaiveDateTime;
use typst::WorldExt;
use typst::diag::{Severity as TypstSeverity, SourceDiagnostic};
use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use super::fonts::Fonts;
use super::world::PlanWorld;
use super::{Context, Output, Rendered};
use crate::diagnostics::{Code, Diagnostic, FileDiagnostics};
use crate::source::Span;
use crate::view::View;

/// The PDF for the council and the archive.
pub struct PdfOutput;

impl Output for PdfOutput {
    fn name(&self) -> &'static str {
        "pdf"
    }

    fn extension(&self) -> &'static str {
        "pdf"
    }

    fn needs_fonts(&self) -> bool {
        true
    }

    /// Lays out and exports the PDF.
    ///
    /// Typst memoises in a process-wide cache that never shrinks by itself;
    /// the engine evicts it between builds (see `engine::Lifetime`).
    fn render(&self, view: &View, context: &Context<'_>) -> Rendered {
        typeset("plan.typ", view, context)
    }
}

/// The template every document imports for its Markdown (`#import "markdown.typ"`).
const MARKDOWN: &str = "markdown.typ";

/// Lays out `data` with the Typst template `name` (which reads it as
/// `json("/data.json")` and may import `markdown.typ`) and exports the PDF.
/// Shared by every PDF output: the plan's and the follow-up report's.
pub(crate) fn typeset(
    name: &'static str,
    data: &impl serde::Serialize,
    context: &Context<'_>,
) -> Rendered {
    let template = match context.templates.load(name) {
        Ok(template) => template,
        Err(e) => return Rendered::failed(name, e.to_string()),
    };
    let Some(fonts) = context.fonts else {
        return Rendered::failed(name, "no fonts were loaded for the PDF".into());
    };
    let mut rendered = Rendered::default();
    let start = Instant::now();
    let json = serde_json::to_string(data).expect("the view model serialises to JSON");
    let mut missing = std::collections::BTreeSet::new();
    let data = replace_uncovered(json, fonts, &mut missing).into_bytes();
    rendered.timings.pdf_data = start.elapsed();
    let markdown = match context.templates.load(MARKDOWN) {
        Ok(file) => file.text().as_bytes().to_vec(),
        Err(e) => return Rendered::failed(MARKDOWN, e.to_string()),
    };
    // What Typst reads, exactly, for `--emit-typst`: the template, every
    // template it imports and the data, so `typst compile` finds them all in
    // one folder. Kept before Typst runs, since a failing template is when
    // it is wanted most.
    rendered.inputs = vec![
        (name, template.text().as_bytes().to_vec()),
        (MARKDOWN, markdown.clone()),
        ("data.json", data.clone()),
    ];
    let root = context.templates.dir().map(|d| d.to_path_buf());
    let mut world = PlanWorld::new(
        template.text().to_string(),
        data,
        fonts,
        root,
        Some(context.timestamp.date()),
    )
    .with_file(&format!("/{MARKDOWN}"), markdown);
    if let Some(attachments) = context.archive {
        world = match with_attachments(world, attachments) {
            Ok(world) => world,
            Err(e) => return Rendered::failed(name, e),
        };
    }
    let start = Instant::now();
    let warned = typst::compile::<PagedDocument>(&world);
    rendered.timings.typst_layout = start.elapsed();
    let mut diagnostics = convert(&world, fonts, &warned.warnings);
    if !missing.is_empty() {
        diagnostics.push(missing_glyphs(&missing));
    }
    // Under `--archive`, a template that leaves out the attachments (an
    // older custom one) would make an archival copy without its source.
    let mut unattached = None;
    let exported = warned.output.map(|document| {
        let start = Instant::now();
        if let Some(expected) = context.archive.map(<[_]>::len) {
            let found = attached(&document);
            unattached = (found != expected).then(|| not_attached(found, expected));
        }
        let archive = context.archive.is_some();
        let exported = typst_pdf::pdf(&document, &options(context.timestamp, archive));
        rendered.timings.typst_export = start.elapsed();
        (exported, document.pages().len())
    });
    match exported {
        Ok((Ok(bytes), pages)) if unattached.is_none() => {
            rendered.bytes = Some(bytes);
            rendered.pages = Some(pages);
        }
        Ok((Ok(_), _)) => {}
        Ok((Err(errors), _)) | Err(errors) => {
            let mut errors = convert(&world, fonts, &errors);
            errors.append(&mut diagnostics);
            diagnostics = errors;
        }
    }
    diagnostics.extend(unattached);
    if !diagnostics.is_empty() {
        rendered.problems = vec![FileDiagnostics::new(template, diagnostics)];
    }
    rendered
}

/// The version of the embedded Typst, as the PDF's producer names it.
pub fn typst_version() -> String {
    let v = typst::utils::version();
    format!("{}.{}.{}", v.major(), v.minor(), v.patch())
}

/// PDF/A-2a with PDF/UA-1, tagged, dated `timestamp`; for `archive`,
/// PDF/A-3a, the part that allows attached files (PDF/A-2 allows only
/// PDF/A files, and Typst none).
fn options(timestamp: NaiveDateTime, archive: bool) -> PdfOptions {
    let a = if archive {
        PdfStandard::A_3a
    } else {
        PdfStandard::A_2a
    };
    PdfOptions {
        ident: Smart::Auto,
        creator: Smart::Custom(Some(format!(
            "actionplan {} (Typst {})",
            env!("CARGO_PKG_VERSION"),
            typst_version()
        ))),
        timestamp: self::timestamp(timestamp),
        page_ranges: None,
        standards: PdfStandards::new(&[a, PdfStandard::Ua_1])
            .expect("PDF/A-2a and PDF/A-3a are compatible with PDF/UA-1"),
        tagged: true,
        pretty: false,
    }
}

/// Serves the attachments to the template: their list as
/// `sys.inputs.attachments`, their bytes as virtual files.
fn with_attachments<'a>(
    mut world: PlanWorld<'a>,
    attachments: &[super::attach::Attachment],
) -> Result<PlanWorld<'a>, String> {
    use typst::foundations::{Dict, Value};
    let entries = super::attach::entries(attachments);
    let list: Vec<_> = entries.iter().map(|(entry, _)| entry).collect();
    let value: Value = serde_json::to_value(&list)
        .and_then(serde_json::from_value)
        .map_err(|e| format!("the list of attachments cannot be handed to Typst: {e}"))?;
    let mut inputs = Dict::new();
    inputs.insert("attachments".into(), value);
    for (entry, bytes) in &entries {
        world = world.with_file(&entry.data, bytes.to_vec());
    }
    Ok(world.with_inputs(inputs))
}

/// How many files the laid-out document attaches (`pdf.attach`).
fn attached(document: &PagedDocument) -> usize {
    use typst::foundations::NativeElement;
    use typst::introspection::Introspector;
    let selector = typst::pdf::AttachElem::ELEM.select();
    document.introspector().query(&selector).len()
}

fn not_attached(found: usize, expected: usize) -> Diagnostic {
    Diagnostic::new(
        Code::TemplateError,
        None,
        format!("--archive: the template attaches {found} files where the archival PDF carries {expected} (the plan's source)"),
    )
    .with_help("attach the files listed in `sys.inputs.attachments` with `pdf.attach`, as the embedded plan.typ and report.typ do (see docs/archive.md)")
}

fn missing_glyphs(missing: &std::collections::BTreeSet<char>) -> Diagnostic {
    let list: Vec<String> = missing
        .iter()
        .map(|c| format!("U+{:04X} {c}", *c as u32))
        .collect();
    Diagnostic::new(
        Code::MissingGlyphs,
        None,
        format!("no font of the PDF can show {}; the PDF prints {REPLACEMENT} instead (the HTML shows them)", list.join(", ")),
    )
    .with_help("add a font that has them with --font-path DIR (the PDF falls back to any font that has a character), or write the text without them")
}

/// Empties Typst's process-wide memo cache entirely.
pub fn forget_caches() {
    typst::comemo::evict(0);
}

fn timestamp(t: NaiveDateTime) -> Option<Timestamp> {
    use chrono::{Datelike, Timelike};
    let datetime = Datetime::from_ymd_hms(
        t.year(),
        t.month() as u8,
        t.day() as u8,
        t.hour() as u8,
        t.minute() as u8,
        t.second() as u8,
    )?;
    Some(Timestamp::new_utc(datetime))
}

/// Typst's diagnostics as ours, with spans in the template's text.
fn convert(
    world: &PlanWorld<'_>,
    fonts: &Fonts,
    diagnostics: &[SourceDiagnostic],
) -> Vec<Diagnostic> {
    diagnostics
        .iter()
        .map(|d| {
            let code = match d.severity {
                TypstSeverity::Error => Code::TemplateError,
                TypstSeverity::Warning => Code::TemplateWarning,
            };
            let span = in_template(world, d.span);
            let mut message = d.message.to_string();
            if span.is_none()
                && let Some(range) = world.range(d.span)
            {
                message.push_str(&format!(" (in the plan's data, bytes {range:?})"));
            }
            let mut diagnostic = Diagnostic::new(code, span, message);
            let mut hints = Vec::new();
            for hint in &d.hints {
                match in_template(world, hint.span) {
                    Some(span) => diagnostic = diagnostic.with_label(span, hint.v.to_string()),
                    None => hints.push(hint.v.to_string()),
                }
            }
            for point in &d.trace {
                if let Some(span) = in_template(world, point.span) {
                    diagnostic = diagnostic.with_label(span, point.v.to_string());
                }
            }
            if d.message.starts_with("unknown font family") {
                hints.push(format!(
                    "the fonts available are {}; add a folder of fonts with --font-path",
                    fonts.families().join(", ")
                ));
            }
            if !hints.is_empty() {
                diagnostic = diagnostic.with_help(hints.join("; "));
            }
            diagnostic
        })
        .collect()
}

/// What the PDF shows for a character no font has: PDF/A refuses a document
/// with a glyph that cannot be shown, so one odd character would otherwise
/// keep the whole plan from being built.
const REPLACEMENT: char = '\u{FFFD}';

/// Replaces the characters no font covers in the JSON text of the view.
/// Working on the text is safe: JSON's own syntax is ASCII, which the fonts
/// cover, and serde_json writes other characters as they are, unescaped.
fn replace_uncovered(
    json: String,
    fonts: &Fonts,
    missing: &mut std::collections::BTreeSet<char>,
) -> String {
    let mut covered: std::collections::HashMap<char, bool> = std::collections::HashMap::new();
    let mut is_covered =
        |c: char| c.is_ascii() || *covered.entry(c).or_insert_with(|| fonts.covers(c));
    if json.chars().all(&mut is_covered) {
        return json;
    }
    json.chars()
        .map(|c| {
            if is_covered(c) {
                c
            } else {
                missing.insert(c);
                REPLACEMENT
            }
        })
        .collect()
}

/// A Typst span as a byte span of the main template, if it points there.
fn in_template(
    world: &PlanWorld<'_>,
    span: impl Into<typst::syntax::DiagSpan> + Copy,
) -> Option<Span> {
    let diag_span: typst::syntax::DiagSpan = span.into();
    let id = diag_span.id()?;
    if id != world.main_source().id() {
        return None;
    }
    let range = world.range(diag_span)?;
    Some(Span::new(range.start, range.end))
}

#[cfg(test)]
mod tests;
