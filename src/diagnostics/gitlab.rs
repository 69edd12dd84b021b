//! The GitLab format: a Code Quality report, which GitLab shows in a merge
//! request's widget and diff.
//!
//! A JSON array with one object per diagnostic: `description`, `check_name`
//! (the code), `fingerprint`, `severity` (`blocker` for a template or I/O
//! failure, `critical` for an error, `minor` for a warning) and
//! `location.path` with `location.lines.begin` (1 for a whole-file problem).
//!
//! GitLab tells a new problem from an old one by its fingerprint, so it must
//! stay the same across runs and while lines above it move, and differ
//! between two problems (GitLab shows only the first of equal ones). It is a
//! SHA-256 of the path, the code, the message and the text the diagnostic
//! points at, and how many identical ones came before it in the file.

use std::collections::HashMap;
use std::fmt::Write as _;

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{Report, Severity};

#[derive(Serialize)]
struct Issue {
    description: String,
    check_name: &'static str,
    fingerprint: String,
    severity: &'static str,
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
}

/// Renders all reports of a run as one Code Quality report (a JSON array).
pub fn render_gitlab(reports: &[Report<'_>]) -> String {
    let mut issues = Vec::new();
    for report in reports {
        let path = report.file.path().display().to_string();
        let mut seen: HashMap<String, usize> = HashMap::new();
        for d in report.diagnostics {
            let at = d.span.map(|s| report.file.slice(report.file.clamp_span(s)));
            let key = format!(
                "{path}\0{}\0{}\0{}",
                d.code,
                d.message,
                at.unwrap_or_default()
            );
            let n = seen.entry(key.clone()).or_default();
            let digest = Sha256::digest(format!("{key}\0{n}"));
            *n += 1;
            let mut description = format!("{} {}: {}", d.code, d.code.title(), d.message);
            if let Some(help) = &d.help {
                let _ = write!(description, " (help: {help})");
            }
            issues.push(Issue {
                description,
                check_name: d.code.as_str(),
                fingerprint: digest[..16].iter().fold(String::new(), |mut s, b| {
                    let _ = write!(s, "{b:02x}");
                    s
                }),
                severity: match d.severity {
                    _ if d.code.is_fatal() => "blocker",
                    Severity::Error => "critical",
                    Severity::Warning => "minor",
                },
                location: Location {
                    path: path.clone(),
                    lines: Lines {
                        begin: d.span.map_or(1, |s| report.file.position(s.start).line),
                    },
                },
            });
        }
    }
    let mut out = serde_json::to_string_pretty(&issues)
        .expect("diagnostics serialise: plain strings and numbers only");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Code, Diagnostic};
    use crate::source::{SourceFile, Span};

    /// GitLab's field list (docs.gitlab.com, "Code Quality report format"):
    /// every issue has these, of these types, and a severity of its five.
    #[test]
    fn issues_have_gitlabs_fields_and_distinct_stable_fingerprints() {
        let text = "a: x\nb: x\nc: y\n".to_string();
        let file = SourceFile::new("plans/p.yaml", text);
        let same = |start| {
            Diagnostic::new(
                Code::UnknownBody,
                Span::new(start, start + 1),
                "no body `x`",
            )
        };
        let diagnostics = vec![
            same(3),
            same(8),
            Diagnostic::new(Code::UnusedBody, Span::new(13, 14), "unused").with_help("remove it"),
            Diagnostic::new(Code::Io, None, "cannot read"),
        ];
        let report = || Report {
            file: &file,
            diagnostics: &diagnostics,
        };
        let out = render_gitlab(&[report()]);
        assert_eq!(
            out,
            render_gitlab(&[report()]),
            "the same run gives the same report"
        );
        let issues: serde_json::Value = serde_json::from_str(&out).unwrap();
        let issues = issues.as_array().unwrap();
        assert_eq!(issues.len(), 4);
        for issue in issues {
            let mut keys: Vec<&str> = issue
                .as_object()
                .unwrap()
                .keys()
                .map(|k| k.as_str())
                .collect();
            keys.sort_unstable();
            let mut expected = [
                "description",
                "check_name",
                "fingerprint",
                "severity",
                "location",
            ];
            expected.sort_unstable();
            assert_eq!(keys, expected);
            assert!(issue["description"].is_string() && issue["check_name"].is_string());
            assert!(issue["fingerprint"].as_str().unwrap().len() == 32);
            let severity = issue["severity"].as_str().unwrap();
            assert!(["info", "minor", "major", "critical", "blocker"].contains(&severity));
            assert_eq!(issue["location"]["path"], "plans/p.yaml");
            assert!(issue["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
        }
        let field = |i: usize, f: &str| issues[i][f].as_str().unwrap().to_string();
        assert_eq!(issues[1]["location"]["lines"]["begin"], 2);
        assert_eq!(field(0, "check_name"), "E107");
        assert_eq!(
            (
                field(0, "severity"),
                field(2, "severity"),
                field(3, "severity")
            ),
            ("critical".into(), "minor".into(), "blocker".into())
        );
        assert!(field(2, "description").contains("help: remove it"));
        // Two equal problems are two issues.
        assert_ne!(field(0, "fingerprint"), field(1, "fingerprint"));
        // Lines added above a problem leave its fingerprint alone.
        let moved = SourceFile::new("plans/p.yaml", "# new\na: x\nb: x\nc: y\n".to_string());
        let d = [Diagnostic::new(
            Code::UnknownBody,
            Span::new(9, 10),
            "no body `x`",
        )];
        let again = render_gitlab(&[Report {
            file: &moved,
            diagnostics: &d,
        }]);
        let again: serde_json::Value = serde_json::from_str(&again).unwrap();
        assert_eq!(again[0]["fingerprint"], issues[0]["fingerprint"]);
        assert_eq!(again[0]["location"]["lines"]["begin"], 2);
    }
}
