//! Parser errors as diagnostics: serde-saphyr's errors (YAML syntax, shape,
//! budgets) turned into our codes, at the span they concern, with a message
//! in the reader's terms and a help that says how to fix it.

use super::{MAX_ALIASES, MAX_DEPTH, MAX_NODES};
use crate::diagnostics::{Code, Diagnostic};
use crate::source::{SourceFile, Span};
use crate::suggest::{did_you_mean, one_of};

pub(super) fn convert(file: &SourceFile, error: &serde_saphyr::Error) -> Diagnostic {
    // Where the error shows: for an error inside an alias's expansion, where
    // the alias is used (the outer error carries that place).
    let span = error
        .without_snippet()
        .location()
        .map(|location| span_of(file, location));
    convert_at(file, error, span)
}

/// The diagnostic of a parser error that shows at `span`.
pub(super) fn convert_at(
    file: &SourceFile,
    error: &serde_saphyr::Error,
    span: Option<Span>,
) -> Diagnostic {
    use serde_saphyr::Error as E;
    let error = error.without_snippet();
    // What the error is: an error met while expanding an alias comes wrapped,
    // and would otherwise fall through to a YAML syntax error.
    let mut error = error;
    while let E::AliasError { error: inner, .. } | E::WithSnippet { error: inner, .. } = error {
        error = inner;
    }
    let message = strip_position(&error.to_string());
    match error {
        E::SerdeUnknownField {
            field, expected, ..
        } => unknown_key(span, field, expected, &[]),
        E::SerdeMissingField { field, .. } => missing_key(span, field),
        E::SerdeInvalidType {
            unexpected,
            expected,
            ..
        }
        | E::SerdeInvalidValue {
            unexpected,
            expected,
            ..
        } => wrong_type(span, unexpected, expected),
        E::InvalidBooleanStrict { .. } => Diagnostic::new(Code::WrongType, span, message)
            .with_help("write `true` or `false`; YAML 1.2 has no other booleans"),
        E::DuplicateMappingKey { key, .. } => {
            let name = key.as_deref().unwrap_or("this key");
            let mut d =
                Diagnostic::new(Code::DuplicateKey, span, format!("duplicate key `{name}`"))
                    .with_help(
                        "a key may appear once in a mapping; merge the two entries or rename one",
                    );
            if let (Some(key), Some(span)) = (key, span)
                && let Some(first) = earlier_key(file, key, span)
            {
                d = d.with_label(first, "first used here");
            }
            d
        }
        E::Budget { breach, .. } => {
            use serde_saphyr::budget::BudgetBreach as B;
            let what = match breach {
                B::Depth { .. } => format!("it nests deeper than {MAX_DEPTH} levels"),
                B::Nodes { .. } => format!("it has more than {MAX_NODES} values"),
                B::Aliases { .. } => format!("it uses more than {MAX_ALIASES} aliases (`*name`)"),
                B::Anchors { .. } => {
                    format!("it defines more than {MAX_ALIASES} anchors (`&name`)")
                }
                B::Documents { .. } => "it holds more than one YAML document".to_string(),
                other => format!("it exceeds a limit of the YAML reader ({other:?})"),
            };
            limit_exceeded(span, &what)
        }
        E::AliasReplayLimitExceeded { .. }
        | E::AliasExpansionLimitExceeded { .. }
        | E::AliasReplayStackDepthExceeded { .. }
        | E::AliasReplayCounterOverflow { .. } => {
            limit_exceeded(span, "its aliases (`*name`) expand to too much content")
        }
        E::Unexpected { expected, .. } => {
            let found = span.map_or_else(|| "something else".to_string(), |s| found_at(file, s));
            let at_root = span.is_some_and(|s| {
                file.text()[..s.start.min(file.text().len())]
                    .lines()
                    .all(|l| {
                        l.trim().is_empty() || l.trim_start().starts_with('#') || l.trim() == "---"
                    })
            });
            let expected = if at_root { "struct Document" } else { expected };
            wrong_type(span, &found, expected)
        }
        E::InvalidScalar { ty, .. } => {
            let found = span.map_or_else(String::new, |s| file.slice(s).chars().take(40).collect());
            wrong_type(span, &format!("`{found}`"), ty)
        }
        E::MultipleDocuments { .. } => Diagnostic::new(
            Code::YamlSyntax,
            span,
            "the file holds more than one YAML document",
        )
        .with_help("a plan file holds one plan; remove the `---` separator or split the file"),
        _ if message.contains("recursion limit") => {
            limit_exceeded(span, &format!("it nests deeper than {MAX_DEPTH} levels"))
        }
        _ => {
            let mut d = Diagnostic::new(Code::YamlSyntax, span, message);
            let line = span.map(|s| file.position(s.start).line);
            let tab_indented = file
                .text()
                .lines()
                .enumerate()
                .any(|(i, l)| l.starts_with('\t') && line.is_none_or(|n| i < n + 1));
            if tab_indented {
                d = d.with_help(
                    "YAML indents with spaces, never tabs: replace the tabs with spaces",
                );
            } else {
                d = d.with_help(
                    "check the indentation and the `key: value` pairs around this place",
                );
            }
            d
        }
    }
}

/// An unknown key. Its did-you-mean is also an edit (the quick fix an editor
/// offers), unless that key is `written` in the mapping already: replacing
/// the unknown key with it would make a duplicate key.
pub(super) fn unknown_key(
    span: Option<Span>,
    field: &str,
    expected: &[&str],
    written: &[&str],
) -> Diagnostic {
    let d = Diagnostic::new(Code::UnknownKey, span, format!("unknown key `{field}`"));
    let allowed = one_of(expected);
    match did_you_mean(field, expected.iter().copied()) {
        Some(s) => {
            let d = d.with_help(format!(
                "did you mean `{s}`? The keys allowed here are {allowed}"
            ));
            match span {
                Some(span) if !written.contains(&s) => d.with_suggestion(span, s),
                _ => d,
            }
        }
        None => d.with_help(format!("the keys allowed here are {allowed}")),
    }
}

pub(super) fn missing_key(span: Option<Span>, field: &str) -> Diagnostic {
    Diagnostic::new(
        Code::MissingKey,
        span,
        format!("missing required key `{field}`"),
    )
    .with_help(format!(
        "add `{field}:` to this mapping; see the plan format in the README"
    ))
}

fn limit_exceeded(span: Option<Span>, what: &str) -> Diagnostic {
    Diagnostic::new(Code::InputLimit, span, format!("the plan is refused: {what}"))
        .with_help(format!(
            "a plan nests at most {MAX_DEPTH} levels deep and has at most {MAX_NODES} values and {MAX_ALIASES} aliases; see \"Limits\" in the README"
        ))
}

/// The parser's message without its own " at line L, column C": we show the position ourselves.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) if message[i..].contains(", column ") => message[..i].to_string(),
        _ => message.to_string(),
    }
}

/// A serde-saphyr location as a byte span, at least one character wide.
pub(super) fn span_of(file: &SourceFile, location: serde_saphyr::Location) -> Span {
    let span = location.span();
    let start = match span.byte_offset() {
        Some(offset) => offset as usize,
        None => file.offset_of(location.line() as usize, location.column() as usize),
    };
    let len = span.byte_len().unwrap_or(0) as usize;
    if len > 0 {
        return Span::new(start, start + len);
    }
    // Widen an empty span to the word it stands on, so there is something to underline.
    let rest = &file.text()[start.min(file.text().len())..];
    let word = rest
        .find(|c: char| c.is_whitespace() || c == ':' || c == ',')
        .unwrap_or(rest.len());
    let first = rest.chars().next().map_or(0, char::len_utf8);
    Span::new(start, start + word.max(first))
}

/// Where a duplicated key was first written: the nearest earlier line at the same indentation.
fn earlier_key(file: &SourceFile, key: &str, duplicate: Span) -> Option<Span> {
    let text = file.text();
    let line_start = text[..duplicate.start].rfind('\n').map_or(0, |i| i + 1);
    let indent = &text[line_start..duplicate.start];
    let needle = format!("\n{indent}{key}:");
    let found = text[..line_start.saturating_sub(1)].rfind(&needle)?;
    let start = found + 1 + indent.len();
    Some(Span::new(start, start + key.len()))
}

pub(super) fn wrong_type(span: Option<Span>, unexpected: &str, expected: &str) -> Diagnostic {
    let expected_text = describe_expected(expected);
    let found = describe_found(unexpected);
    let mut d = Diagnostic::new(
        Code::WrongType,
        span,
        format!("expected {expected_text}, found {found}"),
    );
    let help = if expected.starts_with("struct Document") {
        "a plan is a mapping that starts with `actionplan: 1`; see `actionplan new`".to_string()
    } else if expected_text == "text" {
        "write the text after the key, quoted if it contains `: ` or starts with a special character".to_string()
    } else {
        format!("write {expected_text} here")
    };
    d = d.with_help(help);
    d
}

/// What stands at a span, in words: a list, a mapping, or the text itself.
pub(super) fn found_at(file: &SourceFile, span: Span) -> String {
    let rest = &file.text()[span.start.min(file.text().len())..];
    let line = rest.lines().next().unwrap_or("").trim_end();
    if line.starts_with('[') || line.starts_with("- ") || line == "-" {
        "a list".to_string()
    } else if line.starts_with('{') || is_key_line(line) {
        "a mapping".to_string()
    } else {
        let shown: String = file.slice(span).chars().take(40).collect();
        format!("`{shown}`")
    }
}

/// True for `key: value` or `key:`, the first line of a block mapping.
fn is_key_line(line: &str) -> bool {
    match line.find(':') {
        Some(i) => {
            let key = &line[..i];
            !key.is_empty()
                && !key.contains(char::is_whitespace)
                && line[i + 1..].chars().next().is_none_or(|c| c == ' ')
        }
        None => false,
    }
}

fn describe_expected(expected: &str) -> String {
    let s = expected.trim();
    if s.starts_with("struct ") || s == "a map" || s.contains("map") {
        "a mapping (`key: value` lines)".to_string()
    } else if s.contains("sequence") {
        "a list (`- item` lines)".to_string()
    } else if s.contains("string") || s.contains("span-aware") {
        "text".to_string()
    } else if s == "f64" || s == "f32" || s.contains("floating") {
        "a number".to_string()
    } else if s.starts_with('i') || s.starts_with('u') {
        "a whole number".to_string()
    } else {
        s.to_string()
    }
}

fn describe_found(unexpected: &str) -> String {
    let s = unexpected.trim();
    if s.starts_with("map") {
        "a mapping".to_string()
    } else if s.starts_with("sequence") {
        "a list".to_string()
    } else if s.starts_with("unit") {
        "nothing (an empty value)".to_string()
    } else {
        s.to_string()
    }
}
