//! A struct's keys as written, sorted out: those it has, those unknown to
//! it (reported and hidden from the struct), and those it requires that are
//! missing (reported, to be read as stand-ins).

use super::required;
use super::state::Walk;
use crate::load::errors::{missing_key, span_of, unknown_key};
use crate::load::tree::Node;
use crate::suggest::did_you_mean;

/// The keys of the struct `name` (with `fields`) written in the mapping
/// `node` (its `entries`), each with its value, and the required ones
/// missing. Reports each unknown and each missing key.
pub(super) fn sort<'a>(
    walk: &Walk<'_, 'a>,
    node: &'a Node,
    entries: &'a [(Node, Node)],
    name: &'static str,
    fields: &'static [&'static str],
) -> (Vec<(&'static str, &'a Node)>, Vec<&'static str>) {
    let file = walk.file.text();
    let mut present: Vec<(&'static str, &'a Node)> = Vec::with_capacity(entries.len());
    let mut misspelt = Vec::new();
    let written: Vec<&str> = entries.iter().filter_map(|(k, _)| k.text(file)).collect();
    for (key, value) in entries {
        let text = key.text(file).unwrap_or("");
        match fields.iter().find(|f| **f == text) {
            Some(field) => present.push((field, value)),
            None => {
                let span = span_of(walk.file, key.at);
                let d = unknown_key(Some(span), text, fields, &written);
                misspelt.extend(did_you_mean(text, fields.iter().copied()));
                walk.report(Some(d), false);
            }
        }
    }
    let required = required::keys(name);
    let mut absent = Vec::new();
    for field in fields {
        if required.iter().any(|k| k == *field) && !present.iter().any(|(f, _)| f == field) {
            // A key missed because it was misspelt is told once, as unknown.
            let d = if misspelt.contains(field) {
                None
            } else {
                let at = entries.last().map_or(node.at, |(key, _)| key.at);
                let span = span_of(walk.file, at);
                Some(missing_key(Some(span), field))
            };
            walk.report(d, true);
            absent.push(*field);
        }
    }
    (present, absent)
}
