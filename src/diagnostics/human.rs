//! The human format: rustc-style snippets with `path:line:column`.
//!
//! Drawn by codespan-reporting, as Typst's own diagnostics are. Colour is a
//! choice the caller makes (a terminal without `NO_COLOR`); this module only
//! obeys it.

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label as CsLabel};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::termcolor::Buffer;
use codespan_reporting::term::{self, Config, Styles, StylesWriter};

use super::{Diagnostic, Report, Severity, plural};
use crate::source::Span;

/// Renders every diagnostic of a report as snippets, in order.
pub fn render_human(report: &Report<'_>, color: bool) -> String {
    let config = Config::default();
    let styles = Styles::default();
    let file = SimpleFile::new(report.file.name(), report.file.text());
    let mut buffer = if color {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    };
    for diagnostic in report.diagnostics {
        let diagnostic = without_long_snippets(report, diagnostic);
        let converted = convert(report.file, &diagnostic);
        let mut writer = StylesWriter::new(&mut buffer, &styles);
        // The file database holds the one file every span points into, and
        // spans are clamped to it, so emitting cannot fail on a lookup; an
        // I/O error on an in-memory buffer cannot happen either.
        let _ = term::emit_to_write_style(&mut writer, &config, &file, &converted);
    }
    String::from_utf8_lossy(buffer.as_slice()).into_owned()
}

/// A snippet is not drawn when a span stands on a line longer than this, so
/// that a minified or hostile file cannot flood the terminal; the position is
/// given as a note instead.
const MAX_LINE_BYTES: usize = 200;

/// The diagnostic as drawn: unchanged, or without snippets when a span is on an over-long line.
fn without_long_snippets(report: &Report<'_>, d: &Diagnostic) -> Diagnostic {
    let spans = d.span.iter().chain(d.labels.iter().map(|l| &l.span));
    let long = spans.into_iter().any(|s| {
        let text = report.file.text();
        let s = report.file.clamp_span(*s);
        let line_start = text[..s.start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[s.start..]
            .find('\n')
            .map_or(text.len(), |i| s.start + i);
        line_end - line_start > MAX_LINE_BYTES
    });
    if !long {
        return d.clone();
    }
    let mut plain = d.clone();
    plain.span = None;
    plain.labels.clear();
    let at = |s: Span| {
        let p = report.file.position(s.start);
        format!("{}:{}:{}", report.file.name(), p.line, p.column)
    };
    let mut where_ = Vec::new();
    if let Some(span) = d.span {
        where_.push(format!("at {} (the line is too long to show)", at(span)));
    }
    for label in &d.labels {
        where_.push(format!("{}: {}", label.message, at(label.span)));
    }
    plain.message = format!("{}\n{}", d.message, where_.join("\n"));
    plain
}

fn convert(file: &crate::source::SourceFile, d: &Diagnostic) -> CsDiagnostic<()> {
    let severity = match d.severity {
        Severity::Error => codespan_reporting::diagnostic::Severity::Error,
        Severity::Warning => codespan_reporting::diagnostic::Severity::Warning,
    };
    let mut labels = Vec::new();
    if let Some(span) = d.span {
        let span = file.clamp_span(span);
        labels.push(CsLabel::primary((), span.start..span.end));
    }
    for label in &d.labels {
        let span = file.clamp_span(label.span);
        labels.push(CsLabel::secondary((), span.start..span.end).with_message(&label.message));
    }
    let mut notes = Vec::new();
    if let Some(help) = &d.help {
        notes.push(format!("help: {help}"));
    }
    CsDiagnostic::new(severity)
        .with_code(d.code.as_str())
        .with_message(&d.message)
        .with_labels(labels)
        .with_notes(notes)
}

/// The closing line for one file: `2 errors, 1 warning in plans/x.yaml`.
pub fn render_summary(report: &Report<'_>) -> String {
    let (errors, warnings) = (report.errors(), report.warnings());
    let name = report.file.name();
    match (errors, warnings) {
        (0, 0) => format!("ok: {name} is valid"),
        (0, w) => format!("{} in {name}", plural(w, "warning")),
        (e, 0) => format!("{} in {name}", plural(e, "error")),
        (e, w) => format!("{}, {} in {name}", plural(e, "error"), plural(w, "warning")),
    }
}
