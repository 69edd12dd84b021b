//! A code's documentation, from `docs/diagnostics.md` as built into the
//! binary: what `actionplan explain E107` prints and what the language
//! server shows when the pointer rests on a diagnostic.
//!
//! The page is the one source; it is embedded rather than linked because a
//! link needs an address the project may not have (and an editor offline
//! cannot follow one), as `rustc --explain` reads its own index. A code's
//! entry is its row of the tables (each row opens with the code's anchor),
//! the heading of the table it stands in, and every paragraph of the
//! "Codes" section that names it, alone or in a range such as `W209–W211`.

use super::{Code, Severity};

/// `docs/diagnostics.md`, as the binary was built with it.
const DOCS: &str = include_str!("../../docs/diagnostics.md");

/// The code a user typed (`E107`, `e107`), if there is one.
pub fn parse_code(s: &str) -> Option<Code> {
    let s = s.trim();
    Code::ALL
        .iter()
        .copied()
        .find(|c| c.as_str().eq_ignore_ascii_case(s))
}

/// The code's entry as plain text with Markdown marks (backticks), ending
/// in a newline.
pub fn explain(code: Code) -> String {
    let section = codes_section();
    let mut out = format!("{code}: {}\n\n", code.title());
    let mut heading = None;
    for line in section.lines() {
        if let Some(h) = line.strip_prefix("### ") {
            heading = Some(h);
        }
        if let Some(cells) = row_of(line, code) {
            if let Some(h) = heading {
                out.push_str(&format!("Checked while: {h}\n\n"));
            }
            out.push_str(cells[0]);
            out.push('\n');
            if let Some(example) = cells.get(1).filter(|e| !e.is_empty()) {
                out.push_str(&format!("\nExample: {example}\n"));
            }
        }
    }
    for paragraph in section.split("\n\n") {
        let paragraph = paragraph.trim();
        let prose = !paragraph.starts_with('#') && !paragraph.starts_with('|');
        if prose && !paragraph.is_empty() && names(paragraph, code) {
            out.push('\n');
            out.push_str(paragraph);
            out.push('\n');
        }
    }
    out.push('\n');
    out.push_str(match (code.severity(), code.is_fatal()) {
        (_, true) => "The run stops with exit code 2: the problem is not the plan's text.\n",
        (Severity::Error, false) => "An error: the plan is invalid, and `validate` exits with 1.\n",
        (Severity::Warning, false) => {
            "A warning: `validate` exits with 0, or 1 with `--deny-warnings`.\n"
        }
    });
    out.push_str(&format!("Documented in docs/diagnostics.md#{code}.\n"));
    out
}

/// "E001, E002, …": every code, for the hint when one is unknown.
pub fn all_codes() -> String {
    let codes: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    codes.join(", ")
}

/// The page from `## Codes` up to the next `## ` heading.
fn codes_section() -> &'static str {
    let start = DOCS.find("\n## Codes").map_or(0, |i| i + 1);
    let rest = &DOCS[start..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |i| i + 3);
    &rest[..end]
}

/// The cells after the code of the table row that documents `code`.
fn row_of(line: &str, code: Code) -> Option<Vec<&str>> {
    let anchor = format!("| <a id=\"{code}\"></a>{code} |");
    let rest = line.strip_prefix(&anchor)?;
    let rest = rest.trim().strip_suffix('|').unwrap_or(rest);
    Some(rest.split(" | ").map(str::trim).collect())
}

/// Whether a paragraph names `code`, alone (`E117`) or in a range (`W209–W211`).
fn names(paragraph: &str, code: Code) -> bool {
    let mut words = paragraph.split(|c: char| !(c.is_ascii_alphanumeric() || c == '–'));
    words.any(|word| match word.split_once('–') {
        Some((from, to)) => {
            let same_kind =
                from.get(..1) == Some(&code.as_str()[..1]) && to.get(..1) == from.get(..1);
            same_kind && from.len() == 4 && to.len() == 4 && (from..=to).contains(&code.as_str())
        }
        None => word == code.as_str(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_its_row_and_title() {
        for &code in Code::ALL {
            let text = explain(code);
            assert!(
                text.starts_with(&format!("{code}: {}\n", code.title())),
                "{text}"
            );
            assert!(
                text.contains("Checked while: "),
                "{code} has no row:\n{text}"
            );
            assert!(!text.contains("<a id"), "{text}");
        }
    }

    #[test]
    fn an_entry_has_its_example_and_the_paragraphs_that_name_the_code() {
        let text = explain(Code::UnknownKey);
        assert!(text.contains("unknown key, with a did-you-mean"), "{text}");
        assert!(text.contains("Example: `titel:`"), "{text}");
        assert!(text.contains("every unknown key (E003)"), "{text}");
        // A range names every code in it.
        let text = explain(Code::ReportsOutOfOrder);
        assert!(text.contains("E116 and W209–W211"), "{text}");
        assert!(!explain(Code::UnusedBody).contains("W209–W211 have"));
        assert!(explain(Code::Io).contains("exit code 2"));
    }

    #[test]
    fn codes_are_read_in_either_case() {
        assert_eq!(parse_code("e107"), Some(Code::UnknownBody));
        assert_eq!(parse_code(" W208 "), Some(Code::ControlCharacters));
        assert_eq!(parse_code("E999"), None);
        assert_eq!(parse_code(""), None);
    }
}
