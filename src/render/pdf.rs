//! The PDF: the view model handed to the embedded Typst engine as JSON,
//! laid out by `templates/plan.typ`, exported as PDF/A-2a with PDF/UA-1.
//!
//! No text of the plan is ever spliced into Typst source: the template reads
//! `json("/data.json")`, so markup characters in a plan stay characters.

use chrono::{NaiveDate, NaiveDateTime};
use typst::WorldExt;
use typst::diag::{Severity as TypstSeverity, SourceDiagnostic};
use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use super::Templates;
use super::fonts::Fonts;
use super::world::PlanWorld;
use crate::diagnostics::{Code, Diagnostic};
use crate::source::{SourceFile, Span};
use crate::view::View;

/// What a PDF build needs besides the view.
pub struct PdfConfig<'a> {
    pub fonts: &'a Fonts,
    pub templates: &'a Templates,
    /// The document's date (PDF/A requires one): from `SOURCE_DATE_EPOCH`,
    /// else from the plan; see [`document_timestamp`].
    pub timestamp: NaiveDateTime,
}

/// A template that failed: its text and what Typst said, as our diagnostics.
#[derive(Debug)]
pub struct TemplateFailure {
    pub file: SourceFile,
    pub diagnostics: Vec<Diagnostic>,
}

/// The PDF's bytes and the warnings Typst gave.
pub struct Pdf {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// Turning the view into the JSON Typst reads (ours, not Typst's).
    pub data_time: std::time::Duration,
    /// Typst's compilation and layout.
    pub layout_time: std::time::Duration,
    pub export_time: std::time::Duration,
    pub warnings: TemplateFailure,
}

/// Lays out and exports the PDF.
///
/// Typst memoises in a process-wide cache that never shrinks by itself; a
/// caller that renders many documents calls [`forget_caches`] between them.
pub fn render(view: &View, config: &PdfConfig<'_>) -> Result<Pdf, TemplateFailure> {
    let template = config
        .templates
        .load("plan.typ")
        .map_err(|e| failure_without_file(e.to_string()))?;
    let start = std::time::Instant::now();
    let json = serde_json::to_string(view).expect("the view model serialises to JSON");
    let mut missing = std::collections::BTreeSet::new();
    let data = replace_uncovered(json, config.fonts, &mut missing).into_bytes();
    let data_time = start.elapsed();
    let root = config.templates.dir().map(|d| d.to_path_buf());
    let world = PlanWorld::new(
        template.text().to_string(),
        data,
        config.fonts,
        root,
        Some(config.timestamp.date()),
    );
    let start = std::time::Instant::now();
    let warned = typst::compile::<PagedDocument>(&world);
    let layout_time = start.elapsed();
    let mut warnings = convert(&world, config.fonts, &warned.warnings);
    if !missing.is_empty() {
        let list: Vec<String> = missing
            .iter()
            .map(|c| format!("U+{:04X} {c}", *c as u32))
            .collect();
        warnings.push(
            Diagnostic::new(
                Code::MissingGlyphs,
                None,
                format!("no font of the PDF can show {}; the PDF prints {REPLACEMENT} instead (the HTML shows them)", list.join(", ")),
            )
            .with_help("add a font that has them with --font-path DIR (the PDF falls back to any font that has a character), or write the text without them"),
        );
    }
    let document = match warned.output {
        Ok(document) => document,
        Err(errors) => {
            let mut diagnostics = convert(&world, config.fonts, &errors);
            diagnostics.extend(warnings);
            return Err(TemplateFailure {
                file: template,
                diagnostics,
            });
        }
    };
    let options = PdfOptions {
        ident: Smart::Auto,
        creator: Smart::Custom(Some(format!(
            "actionplan {} (Typst 0.15.1)",
            env!("CARGO_PKG_VERSION")
        ))),
        timestamp: timestamp(config.timestamp),
        page_ranges: None,
        standards: PdfStandards::new(&[PdfStandard::A_2a, PdfStandard::Ua_1])
            .expect("PDF/A-2a and PDF/UA-1 are compatible"),
        tagged: true,
        pretty: false,
    };
    let start = std::time::Instant::now();
    let exported = typst_pdf::pdf(&document, &options);
    let export_time = start.elapsed();
    match exported {
        Ok(bytes) => Ok(Pdf {
            bytes,
            data_time,
            layout_time,
            export_time,
            pages: document.pages().len(),
            warnings: TemplateFailure {
                file: template,
                diagnostics: warnings,
            },
        }),
        Err(errors) => Err(TemplateFailure {
            diagnostics: convert(&world, config.fonts, &errors),
            file: template,
        }),
    }
}

/// Empties Typst's process-wide memo cache. Plans of a batch share little:
/// measured on 8 plans of ~2,500 measures, peak memory 1.8 GB with this
/// between plans instead of 5.6 GB without, for about a third more time.
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

/// The document's timestamp: `SOURCE_DATE_EPOCH` (seconds since 1970) if set,
/// else midnight of the plan's date. Never the clock, so builds repeat.
pub fn document_timestamp(
    source_date_epoch: Option<&str>,
    plan_date: NaiveDate,
) -> Result<NaiveDateTime, String> {
    if let Some(epoch) = source_date_epoch {
        let seconds: i64 = epoch
            .trim()
            .parse()
            .map_err(|_| format!("SOURCE_DATE_EPOCH={epoch:?} is not a number of seconds"))?;
        return chrono::DateTime::from_timestamp(seconds, 0)
            .map(|d| d.naive_utc())
            .ok_or_else(|| format!("SOURCE_DATE_EPOCH={epoch} is out of range"));
    }
    Ok(plan_date.and_time(chrono::NaiveTime::MIN))
}

fn failure_without_file(message: String) -> TemplateFailure {
    TemplateFailure {
        file: SourceFile::new("templates/plan.typ", String::new()),
        diagnostics: vec![Diagnostic::new(Code::TemplateError, None, message)],
    }
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
