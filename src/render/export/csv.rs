//! The measures as CSV: one row per measure, for a spreadsheet.
//!
//! RFC 4180: comma-separated, CRLF line ends, a header row, and a field in
//! double quotes (its quotes doubled) when it holds a comma, a quote or a
//! line break. UTF-8 with a byte-order mark: without it Excel reads the file
//! as the Windows code page and shows `Ã¥` for `å`; LibreOffice and other
//! readers take the mark as what it is. Dates are ISO 8601. The columns and
//! their names are a public interface, listed in [`COLUMNS`] and
//! `docs/export.md`; a new column is added at the end.
//!
//! A text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage
//! return gets a leading `'`, so a spreadsheet shows it as text instead of
//! running it as a formula (OWASP's advice against CSV injection).

use crate::render::{Context, Output, Rendered};
use crate::view::{BodyView, View};

use super::text::plain;

/// The header row, in order.
pub const COLUMNS: &[&str] = &[
    "id",
    "title",
    "goal_id",
    "goal_title",
    "responsible_id",
    "responsible_name",
    "partner_ids",
    "partner_names",
    "start",
    "start_given",
    "deadline",
    "deadline_given",
    "status",
    "status_label",
    "cost",
    "indicator_ids",
    "description",
];

/// What joins several values in one cell (partners, indicators).
const LIST: &str = "; ";

/// Excel's cue that the file is UTF-8.
pub const BOM: &str = "\u{feff}";

pub struct CsvExport;

impl Output for CsvExport {
    fn name(&self) -> &'static str {
        "csv"
    }
    fn extension(&self) -> &'static str {
        "csv"
    }
    fn render(&self, view: &View, _context: &Context<'_>) -> Rendered {
        Rendered {
            bytes: Some(csv(view).into_bytes()),
            ..Rendered::default()
        }
    }
}

fn csv(view: &View) -> String {
    let mut out = String::from(BOM);
    row(&mut out, COLUMNS.iter().map(|c| Cell::Key(c)));
    for goal in &view.goals {
        for m in &goal.measures {
            let ids = |bs: &[BodyView]| {
                bs.iter()
                    .map(|b| b.id.as_str())
                    .collect::<Vec<_>>()
                    .join(LIST)
            };
            let names = |bs: &[BodyView]| {
                bs.iter()
                    .map(|b| b.name.as_str())
                    .collect::<Vec<_>>()
                    .join(LIST)
            };
            let indicators: Vec<&str> = m.indicators.iter().map(|i| i.id.as_str()).collect();
            let start = m.start.as_ref();
            row(
                &mut out,
                [
                    Cell::Key(&m.id),
                    Cell::Text(&m.title),
                    Cell::Key(&goal.id),
                    Cell::Text(&goal.title),
                    Cell::Key(&m.responsible.id),
                    Cell::Text(&m.responsible.name),
                    Cell::Key(&ids(&m.partners)),
                    Cell::Text(&names(&m.partners)),
                    Cell::Key(start.and_then(|s| s.day.as_deref()).unwrap_or("")),
                    Cell::Key(start.map_or("", |s| s.iso.as_deref().unwrap_or("ongoing"))),
                    Cell::Key(m.deadline.day.as_deref().unwrap_or("")),
                    Cell::Key(m.deadline.iso.as_deref().unwrap_or("ongoing")),
                    Cell::Key(m.status.key),
                    Cell::Text(m.status.label),
                    Cell::Text(m.cost.as_deref().unwrap_or("")),
                    Cell::Key(&indicators.join(LIST)),
                    Cell::Text(&plain(&m.description).unwrap_or_default()),
                ],
            );
        }
    }
    out
}

/// A cell: a key or date we made, or a text from the plan, which may need
/// guarding against formulas.
enum Cell<'a> {
    Key(&'a str),
    Text(&'a str),
}

fn row<'a>(out: &mut String, cells: impl IntoIterator<Item = Cell<'a>>) {
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let (text, guard) = match cell {
            Cell::Key(s) => (s, false),
            Cell::Text(s) => (s, s.starts_with(['=', '+', '-', '@', '\t', '\r'])),
        };
        field(out, text, guard);
    }
    out.push_str("\r\n");
}

/// One field, quoted when it must be (RFC 4180, 2.6–2.7).
fn field(out: &mut String, text: &str, guard: bool) {
    let quote = text.contains([',', '"', '\r', '\n']);
    if quote {
        out.push('"');
    }
    if guard {
        out.push('\'');
    }
    // Line breaks inside a field are CRLF like the rows', as RFC 4180 writes them.
    let text = text.replace("\r\n", "\n").replace('\n', "\r\n");
    out.push_str(&text.replace('"', "\"\""));
    if quote {
        out.push('"');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str, guard: bool) -> String {
        let mut out = String::new();
        field(&mut out, text, guard);
        out
    }

    #[test]
    fn fields_are_quoted_only_when_they_must_be() {
        assert_eq!(one("Umeå", false), "Umeå");
        assert_eq!(one("a, b", false), "\"a, b\"");
        assert_eq!(one("säg \"hej\"", false), "\"säg \"\"hej\"\"\"");
        assert_eq!(one("rad 1\nrad 2", false), "\"rad 1\r\nrad 2\"");
    }

    #[test]
    fn a_text_that_looks_like_a_formula_stays_text() {
        let mut out = String::new();
        row(
            &mut out,
            [
                Cell::Text("=HYPERLINK(\"x\")"),
                Cell::Text("-5 %"),
                Cell::Key("2020-06-30"),
            ],
        );
        assert_eq!(out, "\"'=HYPERLINK(\"\"x\"\")\",'-5 %,2020-06-30\r\n");
    }
}
