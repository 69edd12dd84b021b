//! The GitHub Actions format: workflow commands that annotate a pull request.
//!
//! `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=E107::message`.
//! Properties and messages are escaped as the runner requires (`%`, CR, LF,
//! and in properties also `:` and `,`), so a plan's text cannot forge a
//! second command.

use std::fmt::Write;

use super::{Report, Severity};

pub fn render_github(report: &Report<'_>) -> String {
    let mut out = String::new();
    let path = escape_property(&report.file.path().display().to_string());
    for d in report.diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let _ = write!(out, "::{command} file={path}");
        if let Some(span) = d.span {
            let (start, end) = (
                report.file.position(span.start),
                report.file.position(span.end),
            );
            let _ = write!(
                out,
                ",line={},col={},endLine={},endColumn={}",
                start.line, start.column, end.line, end.column
            );
        }
        let title = format!("{} {}", d.code, d.code.title());
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        let _ = writeln!(
            out,
            ",title={}::{}",
            escape_property(&title),
            escape_data(&message)
        );
    }
    out
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_from_a_plan_cannot_start_a_new_command() {
        assert_eq!(escape_data("a\n::error::x"), "a%0A::error::x");
        assert_eq!(escape_property("a,b:c%"), "a%2Cb%3Ac%25");
    }
}
