//! File names as the terminal shows them: [`DisplayPath`].
//!
//! A plan's file name comes from whoever named the file, and a folder walk
//! (`validate plans/`, `site`) prints names nobody typed. Printed raw, a name
//! with an escape sequence recolours or rewrites the terminal, and a name
//! with a line break starts a line of its own in a CI log, where
//! `::error file=…::…` is an annotation and `section_start:` a log section.
//! Every file name printed for a person goes through [`DisplayPath`], which
//! shows such characters as Rust escapes (`\n`, `\u{1b}`), so the name stays
//! readable and on its own line. The machine formats (`--format json`,
//! `github`, `gitlab`) escape by their own rules and use the raw path.
//!
//! Escaping keeps a name to one line; callers still never *start* a line
//! with a name, since a runner trims leading blanks before it looks for
//! `::`, and a file may well be called `::error file=x::y.yaml`.

use std::fmt;
use std::path::Path;

/// A path to print on the terminal, control characters escaped.
#[derive(Clone, Copy, Debug)]
pub struct DisplayPath<'a>(pub &'a Path);

impl<'a> DisplayPath<'a> {
    pub fn new(path: &'a (impl AsRef<Path> + ?Sized)) -> Self {
        DisplayPath(path.as_ref())
    }
}

impl fmt::Display for DisplayPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = self.0.to_string_lossy();
        for c in name.chars() {
            if needs_escape(c) {
                write!(f, "{}", c.escape_default())?;
            } else {
                write!(f, "{c}")?;
            }
        }
        Ok(())
    }
}

/// Control characters (C0, DEL, C1: line breaks, escape sequences, the
/// 8-bit CSI) and the invisible marks that reorder or hide text (bidi
/// overrides and isolates, line and paragraph separators): what makes a
/// name print as something other than itself.
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
                | '\u{feff}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(s: &str) -> String {
        DisplayPath::new(s).to_string()
    }

    #[test]
    fn plain_names_print_as_they_are() {
        assert_eq!(
            shown("plans/umeå handlingsplan.yaml"),
            "plans/umeå handlingsplan.yaml"
        );
        assert_eq!(shown("::error file=a::b.yaml"), "::error file=a::b.yaml");
    }

    #[test]
    fn control_characters_and_bidi_marks_are_escaped() {
        assert_eq!(shown("a\nb\r.yaml"), "a\\nb\\r.yaml");
        assert_eq!(shown("\u{1b}[31mred.yaml"), "\\u{1b}[31mred.yaml");
        assert_eq!(shown("x\u{9b}2J\u{7f}"), "x\\u{9b}2J\\u{7f}");
        assert_eq!(shown("evil\u{202e}lmay.yaml"), "evil\\u{202e}lmay.yaml");
        assert_eq!(shown("tab\there"), "tab\\there");
    }
}
