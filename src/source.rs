//! Source files and byte spans within them.
//!
//! Every diagnostic points into a [`SourceFile`] with a [`Span`] (a byte range).
//! Line and column numbers are derived here, in one place, so the human, JSON
//! and GitHub renderers always agree. Columns are 1-based and count characters,
//! not bytes, so that `å` is one column wide as an editor shows it.

use std::path::{Path, PathBuf};

use crate::display::DisplayPath;

/// A byte range in a source file, `start..end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span {
            start,
            end: end.max(start),
        }
    }
}

/// A line and a column, both 1-based; the column counts characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// The text of one plan file with an index of where its lines start.
#[derive(Debug, Clone)]
pub struct SourceFile {
    path: PathBuf,
    text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: String) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceFile {
            path: path.into(),
            text,
            line_starts,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The path as printed for a person: as given on the command line,
    /// control characters escaped ([`DisplayPath`]). The machine formats
    /// take [`SourceFile::path`] and escape by their own rules.
    pub fn name(&self) -> String {
        DisplayPath(&self.path).to_string()
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Clamps a byte offset into the text and onto a character boundary.
    fn clamp(&self, mut offset: usize) -> usize {
        offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    /// A span clamped to the text, so renderers never slice out of bounds.
    pub fn clamp_span(&self, span: Span) -> Span {
        Span::new(self.clamp(span.start), self.clamp(span.end))
    }

    /// The line (1-based) and character column (1-based) of a byte offset.
    pub fn position(&self, offset: usize) -> Position {
        let offset = self.clamp(offset);
        let line_index = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let line_start = self.line_starts[line_index];
        let column = self.text[line_start..offset].chars().count() + 1;
        Position {
            line: line_index + 1,
            column,
        }
    }

    /// The byte offset of a 1-based line and character column, as a YAML parser reports them.
    pub fn offset_of(&self, line: usize, column: usize) -> usize {
        let Some(&line_start) = self.line_starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let line_text = &self.text[line_start..];
        let line_text = &line_text[..line_text.find('\n').unwrap_or(line_text.len())];
        line_text
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(line_start + line_text.len(), |(i, _)| line_start + i)
    }

    /// The text a span covers.
    pub fn slice(&self, span: Span) -> &str {
        let span = self.clamp_span(span);
        &self.text[span.start..span.end]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let file = SourceFile::new("p.yaml", "a: 1\nå: ä\n".to_string());
        assert_eq!(file.position(0), Position { line: 1, column: 1 });
        let offset = file.text().find('ä').unwrap();
        assert_eq!(file.position(offset), Position { line: 2, column: 4 });
        assert_eq!(file.offset_of(2, 4), offset);
    }

    #[test]
    fn offsets_past_the_end_are_clamped() {
        let file = SourceFile::new("p.yaml", "ab".to_string());
        assert_eq!(file.position(99), Position { line: 1, column: 3 });
        assert_eq!(file.offset_of(7, 1), 2);
        assert_eq!(file.slice(Span::new(1, 99)), "b");
    }
}
