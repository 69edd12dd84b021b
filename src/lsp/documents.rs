//! The open documents: the editor's buffers, kept in step by incremental
//! edits, and the mapping between byte offsets and LSP positions.
//!
//! The protocol counts a position's character in UTF-16 code units (`å` is
//! one, an emoji two) and accepts `\n`, `\r\n` and `\r` as line breaks; the
//! rest of actionplan counts bytes ([`Span`]). [`LineIndex`] converts at the
//! edge, so nothing else in the server sees UTF-16. A position past the end
//! of its line means the line's end, and a line past the last the text's
//! end, as the protocol says: an editor's edit can never panic the server.

use std::collections::HashMap;
use std::sync::OnceLock;

use lsp_types::{Position, Range, TextDocumentContentChangeEvent, Uri};

use super::index::Index;
use super::tree;
use crate::diagnostics::Diagnostic;
use crate::source::Span;

/// Where each line of a text starts, to convert offsets and positions.
#[derive(Clone, Debug)]
pub struct LineIndex {
    /// The byte offset of each line's first character.
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for (i, &b) in bytes.iter().enumerate() {
            let breaks = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
            if breaks {
                starts.push(i + 1);
            }
        }
        LineIndex { starts }
    }

    /// The byte range of a line's content, without its line break.
    fn line(&self, text: &str, line: usize) -> (usize, usize) {
        let start = self.starts[line];
        let mut end = self.starts.get(line + 1).copied().unwrap_or(text.len());
        let bytes = text.as_bytes();
        if end > start && bytes[end - 1] == b'\n' {
            end -= 1;
        }
        if end > start && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        (start, end)
    }

    /// The LSP position of a byte offset (clamped onto the text and a character).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let (start, end) = self.line(text, line);
        let character: usize = text[start..offset.min(end).max(start)]
            .chars()
            .map(char::len_utf16)
            .sum();
        Position::new(line as u32, character as u32)
    }

    /// The byte offset of an LSP position; past a line's end is its end.
    pub fn offset(&self, text: &str, position: Position) -> usize {
        let line = position.line as usize;
        if line >= self.starts.len() {
            return text.len();
        }
        let (start, end) = self.line(text, line);
        let mut units = 0;
        for (i, c) in text[start..end].char_indices() {
            if units >= position.character as usize {
                return start + i;
            }
            units += c.len_utf16();
        }
        end
    }

    pub fn range(&self, text: &str, span: Span) -> Range {
        Range::new(
            self.position(text, span.start),
            self.position(text, span.end),
        )
    }

    /// The byte span of an LSP range, start before end.
    pub fn span(&self, text: &str, range: Range) -> Span {
        let a = self.offset(text, range.start);
        let b = self.offset(text, range.end);
        Span::new(a.min(b), a.max(b))
    }
}

/// One open document: the buffer, its version, and what the server has
/// worked out from this version (built when first asked for).
#[derive(Debug)]
pub struct Document {
    pub version: i32,
    text: String,
    lines: LineIndex,
    analysis: OnceLock<Analysis>,
    diagnostics: OnceLock<Vec<Diagnostic>>,
}

/// The ids of one version of a document, read from its tree.
#[derive(Debug)]
pub struct Analysis {
    pub index: Index,
}

impl Document {
    pub fn new(text: String, version: i32) -> Self {
        Document {
            version,
            lines: LineIndex::new(&text),
            text,
            analysis: OnceLock::new(),
            diagnostics: OnceLock::new(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn lines(&self) -> &LineIndex {
        &self.lines
    }

    pub fn range(&self, span: Span) -> Range {
        self.lines.range(&self.text, span)
    }

    pub fn offset(&self, position: Position) -> usize {
        self.lines.offset(&self.text, position)
    }

    /// The tree and the ids, parsed once per version.
    pub fn analysis(&self) -> &Analysis {
        self.analysis.get_or_init(|| {
            let tree = if self.text.len() as u64 > crate::load::MAX_INPUT_BYTES {
                None
            } else {
                tree::parse(&self.text)
            };
            let index = Index::new(tree.as_ref());
            Analysis { index }
        })
    }

    /// What validation finds in this version, checked once by `check`.
    pub fn diagnostics(&self, check: impl FnOnce(&str) -> Vec<Diagnostic>) -> &[Diagnostic] {
        self.diagnostics.get_or_init(|| check(&self.text))
    }

    /// Applies the editor's changes in order, each to the result of the last.
    pub fn apply(&mut self, changes: Vec<TextDocumentContentChangeEvent>, version: i32) {
        for change in changes {
            match change.range {
                None => self.text = change.text,
                Some(range) => {
                    let span = self.lines.span(&self.text, range);
                    self.text.replace_range(span.start..span.end, &change.text);
                }
            }
            self.lines = LineIndex::new(&self.text);
        }
        self.version = version;
        self.analysis = OnceLock::new();
        self.diagnostics = OnceLock::new();
    }
}

/// The documents the editor has open, by URI.
#[derive(Debug, Default)]
pub struct Documents {
    open: HashMap<Uri, Document>,
}

impl Documents {
    pub fn open(&mut self, uri: Uri, text: String, version: i32) {
        self.open.insert(uri, Document::new(text, version));
    }

    pub fn close(&mut self, uri: &Uri) -> bool {
        self.open.remove(uri).is_some()
    }

    pub fn get(&self, uri: &Uri) -> Option<&Document> {
        self.open.get(uri)
    }

    pub fn get_mut(&mut self, uri: &Uri) -> Option<&mut Document> {
        self.open.get_mut(uri)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(
        range: Option<((u32, u32), (u32, u32))>,
        text: &str,
    ) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: range.map(|(a, b)| Range::new(Position::new(a.0, a.1), Position::new(b.0, b.1))),
            range_length: None,
            text: text.to_string(),
        }
    }

    #[test]
    fn characters_are_counted_in_utf16_units() {
        let text = "a: 1\ntitle: åäö 😀 fgn\n";
        let lines = LineIndex::new(text);
        let fgn = text.find("fgn").unwrap();
        // "title: " 7 + "åäö " 4 + the emoji 2 + " " 1
        assert_eq!(lines.position(text, fgn), Position::new(1, 14));
        assert_eq!(lines.offset(text, Position::new(1, 14)), fgn);
        // Inside the emoji's surrogate pair: the character after it.
        let emoji = text.find('😀').unwrap();
        assert_eq!(lines.offset(text, Position::new(1, 12)), emoji + 4);
        // Past the line's end: the line's end; past the last line: the end.
        assert_eq!(lines.offset(text, Position::new(0, 99)), 4);
        assert_eq!(lines.offset(text, Position::new(9, 0)), text.len());
    }

    #[test]
    fn every_line_break_counts() {
        let text = "a\r\nb\rc\nd";
        let lines = LineIndex::new(text);
        for (line, letter) in ["a", "b", "c", "d"].iter().enumerate() {
            let offset = text.find(letter).unwrap();
            assert_eq!(lines.position(text, offset), Position::new(line as u32, 0));
        }
        assert_eq!(lines.position(text, 1), Position::new(0, 1));
        assert_eq!(lines.position(text, 2), Position::new(0, 1));
    }

    #[test]
    fn incremental_edits_apply_in_order() {
        let mut doc = Document::new("owner: ks\nname: Ö😀x\n".to_string(), 1);
        doc.apply(
            vec![
                change(Some(((0, 7), (0, 9))), "ifn"),
                // After the emoji (two units) in the text the first change made.
                change(Some(((1, 9), (1, 10))), "y"),
                change(Some(((5, 0), (5, 0))), "end: 1\n"),
            ],
            2,
        );
        assert_eq!(doc.text(), "owner: ifn\nname: Ö😀y\nend: 1\n");
        assert_eq!(doc.version, 2);
        doc.apply(vec![change(None, "all new")], 3);
        assert_eq!(doc.text(), "all new");
        // A reversed or out-of-range edit is ordered and clamped, not a panic.
        doc.apply(vec![change(Some(((0, 99), (0, 3))), "")], 4);
        assert_eq!(doc.text(), "all");
    }
}
