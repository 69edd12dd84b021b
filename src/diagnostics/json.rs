//! The JSON format: one document for a whole run, for tools and editors.
//!
//! The shape is a public interface, documented in `docs/diagnostics.md`:
//! `{"files": [{"path", "errors", "warnings", "diagnostics": [...]}]}` with
//! 1-based lines and character columns, end positions exclusive.

use serde::Serialize;

use super::{Report, Severity};

#[derive(Serialize)]
struct JsonRun<'a> {
    files: Vec<JsonFile<'a>>,
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: String,
    valid: bool,
    errors: usize,
    warnings: usize,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: Severity,
    code: &'static str,
    title: &'static str,
    message: &'a str,
    path: String,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    help: Option<&'a str>,
    labels: Vec<JsonLabel<'a>>,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    message: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

/// Renders all reports of a run as one pretty-printed JSON document.
pub fn render_json(reports: &[Report<'_>]) -> String {
    let files = reports
        .iter()
        .map(|report| {
            let path = report.file.path().display().to_string();
            let diagnostics = report
                .diagnostics
                .iter()
                .map(|d| {
                    let start = d.span.map(|s| report.file.position(s.start));
                    let end = d.span.map(|s| report.file.position(s.end));
                    JsonDiagnostic {
                        severity: d.severity,
                        code: d.code.as_str(),
                        title: d.code.title(),
                        message: &d.message,
                        path: path.clone(),
                        line: start.map(|p| p.line),
                        column: start.map(|p| p.column),
                        end_line: end.map(|p| p.line),
                        end_column: end.map(|p| p.column),
                        help: d.help.as_deref(),
                        labels: d
                            .labels
                            .iter()
                            .map(|l| {
                                let (s, e) = (
                                    report.file.position(l.span.start),
                                    report.file.position(l.span.end),
                                );
                                JsonLabel {
                                    message: &l.message,
                                    line: s.line,
                                    column: s.column,
                                    end_line: e.line,
                                    end_column: e.column,
                                }
                            })
                            .collect(),
                    }
                })
                .collect();
            JsonFile {
                path,
                valid: report.errors() == 0,
                errors: report.errors(),
                warnings: report.warnings(),
                diagnostics,
            }
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&JsonRun { files })
        .expect("diagnostics serialise: plain strings and numbers only");
    out.push('\n');
    out
}
