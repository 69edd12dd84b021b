//! Load: bytes on disk → the raw plan ([`raw::Document`]) with spans.
//!
//! Reads at most [`MAX_INPUT_BYTES`], insists on UTF-8, and parses with
//! serde-saphyr under strict YAML 1.2 booleans, duplicate keys rejected and
//! node, depth and alias budgets that stop hostile input early. A YAML error
//! becomes one [`Diagnostic`]. Shape errors (an unknown key, a wrong type, a
//! missing key) are all reported, by [`parse_all`]: serde stops at the first,
//! so after one the file is read again as a tree and walked. The checks that
//! can be deferred (keywords, dates, ids) are left to `validate`, which
//! reports all of them. [`errors`] turns the parser's errors into diagnostics.

use std::io::Read;
use std::path::Path;

use crate::diagnostics::{Code, Diagnostic};
use crate::error::AppError;
use crate::raw;
use crate::source::{SourceFile, Span};

mod errors;
mod left_out;
mod tree;
mod walk;

use errors::convert;
pub use left_out::LeftOut;

pub use crate::files::MAX_INPUT_BYTES;
/// The deepest nesting of YAML collections accepted; a plan needs 6.
pub const MAX_DEPTH: usize = 32;
/// The most YAML nodes (scalars, lists, mappings) accepted in one plan.
pub const MAX_NODES: usize = 1_000_000;
/// The most aliases (`*name`) accepted in one plan.
pub const MAX_ALIASES: usize = 1_000;

/// Reads a plan file. I/O problems, and a path that is no regular file (a
/// folder, a named pipe, a device), are application errors (exit 2);
/// content problems (too large, not UTF-8) are diagnostics on the returned file.
pub fn read(path: &Path) -> Result<(SourceFile, Option<Diagnostic>), AppError> {
    let io_error = |source| AppError::Read {
        path: path.to_path_buf(),
        source,
    };
    // Not a plain open: a named pipe would block it until a writer came.
    let file = crate::files::open_regular(path)?;
    let mut bytes = Vec::new();
    file.take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        let diagnostic = Diagnostic::new(
            Code::InputLimit,
            None,
            format!(
                "the plan file is larger than {} MiB",
                MAX_INPUT_BYTES / 1024 / 1024
            ),
        )
        .with_help(
            "a plan of 10,000 measures takes about 3 MiB; check that this is the right file",
        );
        return Ok((SourceFile::new(path, String::new()), Some(diagnostic)));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok((SourceFile::new(path, text), None)),
        Err(err) => {
            let at = err.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(err.as_bytes()).into_owned();
            // The lossy text keeps every valid byte before `at` in place.
            let diagnostic = Diagnostic::new(
                Code::NotUtf8,
                Span::new(at, at + 1),
                "the plan file is not valid UTF-8",
            )
            .with_help("save the file as UTF-8 (most editors: \"Save with encoding\" → UTF-8)");
            Ok((SourceFile::new(path, text), Some(diagnostic)))
        }
    }
}

/// The parser options: YAML 1.2 booleans, no duplicate keys, tight budgets.
fn options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = MAX_DEPTH;
    budget.flow_nesting_limit = MAX_DEPTH;
    budget.max_nodes = MAX_NODES;
    budget.max_aliases = MAX_ALIASES;
    budget.max_anchors = MAX_ALIASES;
    budget.max_documents = 1;
    budget.max_reader_input_bytes = Some(MAX_INPUT_BYTES as usize);
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options.strict_booleans = true;
    options.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::Error;
    options.with_snippet = false;
    options.alias_limits.max_total_replayed_events = 100_000;
    options
}

/// Parses a plan's text into the raw document, or the one diagnostic that stopped it.
pub fn parse(file: &SourceFile) -> Result<raw::Document, Diagnostic> {
    if is_blank(file.text()) {
        return Err(empty());
    }
    serde_saphyr::from_str_with_options(file.text(), options()).map_err(|e| convert(file, &e))
}

/// A plan's text read into the raw document, with every shape error in it.
#[derive(Debug, Default)]
pub struct Parsed {
    /// `None` after a YAML error, or a shape error outside every item (in
    /// the metadata, say): then there is nothing safe to validate.
    pub document: Option<raw::Document>,
    /// Every shape error, or the one YAML error that stopped the parser.
    pub diagnostics: Vec<Diagnostic>,
    /// The items left out of `document` for their shape errors.
    pub left_out: LeftOut,
}

/// Parses a plan's text, reporting every unknown key, wrong type and missing
/// key, not only the first. A plan without shape errors is read in one pass,
/// as [`parse`] reads it; after the first shape error the text is read again
/// into a tree ([`tree`]) and walked ([`walk`]), and each item (a goal, a
/// measure, a body, …) with a shape error is left out of the document, so
/// that validation still runs on the rest. YAML errors stop at the first.
pub fn parse_all(file: &SourceFile) -> Parsed {
    let error = match typed(file) {
        Ok(document) => {
            return Parsed {
                document: Some(document),
                ..Parsed::default()
            };
        }
        Err(Err(diagnostic)) => {
            return Parsed {
                diagnostics: vec![diagnostic],
                ..Parsed::default()
            };
        }
        Err(Ok(error)) => error,
    };
    walked(file, Some(convert(file, &error)))
}

/// Always reads the text through the tree, as [`parse_all`] does after a
/// shape error: for tests that the walk reads a plan as the parser does.
#[doc(hidden)]
pub fn parse_walked(file: &SourceFile) -> Parsed {
    if is_blank(file.text()) {
        return Parsed {
            diagnostics: vec![empty()],
            ..Parsed::default()
        };
    }
    walked(file, None)
}

/// The text read into a tree and walked; `first` is the typed parse's error.
fn walked(file: &SourceFile, first: Option<Diagnostic>) -> Parsed {
    let mut options = options();
    // A tree holds `.nan` as a number; a text field reads it as text.
    options.non_finite_float_policy = serde_saphyr::NonFiniteFloatPolicy::PassThrough;
    let tree: tree::Node = match serde_saphyr::from_str_with_options(file.text(), options) {
        Ok(tree) => tree,
        Err(e) => {
            // A YAML error after the first shape error: both are reported.
            let later = convert(file, &e);
            let mut diagnostics: Vec<Diagnostic> = first.into_iter().collect();
            if !is_shape(&e) && diagnostics.iter().all(|d| d.span != later.span) {
                diagnostics.push(later);
            }
            return Parsed {
                diagnostics,
                ..Parsed::default()
            };
        }
    };
    let walked = walk::document(file, &tree);
    let left_out = LeftOut::new(file, &walked.problems);
    let mut diagnostics: Vec<Diagnostic> = walked
        .problems
        .into_iter()
        .filter_map(|p| p.diagnostic)
        .collect();
    // The parser's own first error is always among them.
    if let Some(first) = first
        && !diagnostics
            .iter()
            .any(|d| d.code == first.code && d.span == first.span)
    {
        diagnostics.push(first);
    }
    crate::diagnostics::sort(&mut diagnostics);
    diagnostics.dedup_by(|a, b| a.code == b.code && a.span == b.span && a.message == b.message);
    Parsed {
        document: walked.document,
        diagnostics,
        left_out,
    }
}

/// The typed parse: the document, or the parser's error when it is a shape
/// error (`Ok`), or the diagnostic of any other error (`Err`).
fn typed(file: &SourceFile) -> Result<raw::Document, Result<serde_saphyr::Error, Diagnostic>> {
    if is_blank(file.text()) {
        return Err(Err(empty()));
    }
    serde_saphyr::from_str_with_options(file.text(), options()).map_err(|e| {
        if is_shape(&e) {
            Ok(e)
        } else {
            Err(convert(file, &e))
        }
    })
}

/// True for an unknown key, a wrong type or a missing key: an error of the
/// plan's shape, after which the rest of the file can still be read.
fn is_shape(error: &serde_saphyr::Error) -> bool {
    use serde_saphyr::Error as E;
    let mut error = error.without_snippet();
    while let E::AliasError { error: inner, .. } | E::WithSnippet { error: inner, .. } = error {
        error = inner;
    }
    matches!(
        error,
        E::SerdeUnknownField { .. }
            | E::SerdeMissingField { .. }
            | E::SerdeInvalidType { .. }
            | E::SerdeInvalidValue { .. }
            | E::InvalidBooleanStrict { .. }
            | E::Unexpected { .. }
            | E::InvalidScalar { .. }
            | E::NullIntoString { .. }
    )
}

fn empty() -> Diagnostic {
    Diagnostic::new(
        Code::EmptyDocument,
        Span::new(0, 0),
        "the plan file is empty",
    )
    .with_help("start from a template with `actionplan new plan.yaml`")
}

/// True when the text holds nothing but blank lines and comments.
fn is_blank(text: &str) -> bool {
    text.lines()
        .map(|l| l.trim_start_matches('\u{feff}').trim())
        .all(|l| l.is_empty() || l.starts_with('#') || l == "---" || l == "...")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_alias_bomb_in_a_plan_is_refused_by_the_alias_budget() {
        let bomb = include_str!("../tests/fixtures/invalid/E006-alias-bomb.yaml");
        let refused = parse(&SourceFile::new("bomb.yaml", bomb.to_string())).unwrap_err();
        assert_eq!(refused.code, Code::InputLimit);
        assert!(
            refused.message.contains("aliases (`*name`) expand"),
            "{}",
            refused.message
        );
        // The same plan with two copies of the goal instead of 300 loads: it is
        // the expansion that is refused, not the shape.
        let copies = bomb.find("\n  *g").unwrap() + 1..bomb.rfind("\n]").unwrap();
        let small = format!("{}  *g{}", &bomb[..copies.start], &bomb[copies.end..]);
        let doc = parse(&SourceFile::new("small.yaml", small)).unwrap_or_else(|d| panic!("{d:?}"));
        assert_eq!(doc.goals.value().len(), 2);
        assert_eq!(doc.goals.value()[1].measures.len(), 60);
    }

    #[test]
    fn an_error_inside_an_alias_keeps_its_code_at_the_alias() {
        // It used to come out as E001 with the parser's own message.
        let text = include_str!("../tests/fixtures/valid/minimal.yaml")
            .replace("  period: {", "  period: &p {")
            .replace("  owner: ks\n", "  owner: ks\n  decision: *p\n");
        let file = SourceFile::new("alias.yaml", text);
        let d = parse(&file).unwrap_err();
        assert_eq!(d.code, Code::UnknownKey);
        assert_eq!(d.message, "unknown key `from`");
        assert_eq!(file.slice(d.span.unwrap()), "*p");
    }

    #[test]
    fn an_unknown_keys_did_you_mean_is_an_edit_and_never_a_key_written_already() {
        let minimal = include_str!("../tests/fixtures/valid/minimal.yaml");
        let misspelt = |text: String| {
            let file = SourceFile::new("plan.yaml", text);
            let d = parse_all(&file).diagnostics.into_iter().next().unwrap();
            assert_eq!(d.code, Code::UnknownKey, "{d:?}");
            let fix = d
                .suggestion
                .map(|s| (file.slice(s.span).to_string(), s.replacement));
            (d.help.unwrap(), fix)
        };
        let (help, fix) = misspelt(minimal.replacen("  title:", "  titel:", 1));
        assert!(help.starts_with("did you mean `title`?"), "{help}");
        assert_eq!(fix, Some(("titel".into(), "title".into())));
        // `title` is there already: taking it would make a duplicate key.
        let (help, fix) = misspelt(minimal.replacen("  title:", "  title: x\n  titel:", 1));
        assert!(help.starts_with("did you mean `title`?"), "{help}");
        assert_eq!(fix, None);
    }

    #[test]
    fn a_span_is_where_the_value_is_used_and_both_readers_agree() {
        // An alias's values stand at the alias, read by the parser or by the
        // walk, which give `raw::Sp` its span each its own way.
        let text = include_str!("../tests/fixtures/valid/minimal.yaml")
            .replace("  owner: ks\n", "  owner: &o ks\n  case_number: *o\n");
        let file = SourceFile::new("alias.yaml", text);
        let parsed = parse(&file).unwrap_or_else(|d| panic!("{d:?}"));
        let walked = parse_walked(&file).document.expect("a document");
        for doc in [&parsed, &walked] {
            let number = doc.plan.case_number.as_ref().expect("a case number");
            assert_eq!(number.value(), "ks");
            assert_eq!(file.slice(number.span()), "*o");
            assert_eq!(file.slice(doc.plan.owner.0.span()), "ks");
        }
        assert_eq!(format!("{parsed:?}"), format!("{walked:?}"));
    }

    #[test]
    fn a_reader_that_knows_no_places_gives_an_empty_span() {
        let value: raw::Sp<String> = serde_json::from_str("\"x\"").unwrap();
        assert_eq!(
            (value.value().as_str(), value.span()),
            ("x", Span::default())
        );
    }
}
