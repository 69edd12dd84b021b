//! The diff's sentences, headline, field labels and headings, filled in
//! from the `[diff]` table of the plan's language file (`i18n`).
//!
//! No word of any language lives here: which template a change takes and
//! what fills its `{placeholders}` is decided here, what the templates say
//! (and each field's and item's grammatical gender, which picks the
//! participle: "ändrad"/"ändrat") is data. With `values`, the only file of
//! the diff that reads the view's words.

use super::{Change, Diff, Item, Kind};
use crate::i18n::{DiffWords, Field, ItemWords, fill, lang};
use crate::model::Language;

pub(super) use super::values::{
    assessment, body_kind, date, document_type, frequency, measure_status, number, plan_status,
    time,
};

/// The diff's words in a language.
fn words_of(language: Language) -> &'static DiffWords {
    &lang(language).diff
}

/// The fields of a follow-up report that name a goal, measure or indicator:
/// a field's prefix and suffix around the id, and its key in `[diff.fields]`.
const REPORT_FIELDS: [(&str, &str, &str); 5] = [
    ("goals.", ".assessment", "goals.{id}.assessment"),
    ("goals.", ".comment", "goals.{id}.comment"),
    ("measures.", ".status", "measures.{id}.status"),
    ("measures.", ".comment", "measures.{id}.comment"),
    ("indicators.", "", "indicators.{id}"),
];

/// A field's words, and the goal, measure or indicator a follow-up
/// report's field names.
fn field<'a>(w: &'a DiffWords, name: &'a str) -> (&'a Field, &'a str) {
    let named = REPORT_FIELDS.iter().find_map(|&(prefix, suffix, key)| {
        let id = name.strip_prefix(prefix)?.strip_suffix(suffix)?;
        Some((key, id))
    });
    let (key, id) = named.unwrap_or((name, ""));
    (w.fields.get(key).unwrap_or(&w.other_field), id)
}

/// A field's label, and its words (for its gender).
fn label<'a>(w: &'a DiffWords, name: &'a str) -> (String, &'a Field) {
    let (words, id) = field(w, name);
    (fill(&words.label, &[("id", id), ("field", name)]), words)
}

/// A field's label in a language, as a table column shows it.
pub fn field_label(language: Language, field: &str) -> String {
    label(words_of(language), field).0
}

/// The words of an item: the follow-up block (id `follow_up`) and a
/// follow-up report share [`Item::FollowUp`].
fn item_words<'a>(w: &'a DiffWords, item: Item, id: &str) -> &'a ItemWords {
    let items = &w.items;
    match item {
        Item::Plan => &items.plan,
        Item::Body => &items.body,
        Item::Section => &items.section,
        Item::Goal => &items.goal,
        Item::Indicator => &items.indicator,
        Item::Measure => &items.measure,
        Item::FollowUp if id == "follow_up" => &items.follow_up,
        Item::FollowUp => &items.report,
        Item::Revision => &items.revision,
    }
}

/// An item's template filled in. An id `follow_up` (the follow-up block's)
/// is not shown, whatever the item.
fn named(template: &str, field: &str, id: &str) -> String {
    let id = if id == "follow_up" { "" } else { id };
    fill(template, &[("field", field), ("id", id)])
        .trim_end()
        .to_string()
}

fn quote(w: &DiffWords, text: &str) -> String {
    fill(&w.quote, &[("text", text)])
}

/// The one sentence of a change.
pub fn summary(language: Language, c: &Change) -> String {
    let w = words_of(language);
    let t = &w.sentences;
    let shown = |v: &Option<String>| {
        let v = v.clone().unwrap_or_default();
        if c.shown.text { quote(w, &v) } else { v }
    };
    match c.kind {
        Kind::Added | Kind::Removed => item_sentence(w, c),
        Kind::Moved => {
            let item = item_words(w, c.item, &c.id);
            let (old, new) = (shown(&c.shown.old), shown(&c.shown.new));
            let values = [
                ("item", fill(&item.noun, &[("id", &c.id)])),
                ("moved", w.gender(&item.gender).moved.clone()),
                ("old", old),
                ("new", new),
            ];
            fill_owned(&t.moved, &values)
        }
        Kind::Changed => {
            let name = c.field.as_deref().unwrap_or_default();
            let (label, field) = label(w, name);
            let subject = named(&item_words(w, c.item, &c.id).field, &label, &c.id);
            let s = &c.shown;
            let (added, removed) = (
                s.added.join(&t.list_separator),
                s.removed.join(&t.list_separator),
            );
            if !added.is_empty() || !removed.is_empty() {
                let mut parts = Vec::new();
                if !added.is_empty() {
                    parts.push(fill(&t.list_added, &[("items", &added)]));
                }
                if !removed.is_empty() {
                    parts.push(fill(&t.list_removed, &[("items", &removed)]));
                }
                let parts = parts.join(&t.parts_separator);
                return fill(&t.list, &[("subject", &subject), ("parts", &parts)]);
            }
            let p = w.gender(&field.gender);
            let mut values = vec![
                ("subject", subject),
                ("old", shown(&s.old)),
                ("new", shown(&s.new)),
                ("added", p.added.clone()),
                ("removed", p.removed.clone()),
                ("changed", p.changed.clone()),
                ("moved", p.moved.clone()),
                ("reworded", p.reworded.clone()),
            ];
            let template = match (&s.old, &s.new, c.months) {
                (None, ..) => &t.value_added,
                (_, None, _) => &t.value_removed,
                _ if s.prose => &t.reworded,
                (.., Some(m)) => {
                    let way = if m > 0 { &t.later } else { &t.earlier };
                    values.push(("months", t.months.count(m.unsigned_abs() as usize)));
                    values.push(("way", way.clone()));
                    &t.rescheduled
                }
                (.., None) => &t.changed,
            };
            fill_owned(template, &values)
        }
    }
}

/// [`fill`] with owned values.
fn fill_owned(template: &str, values: &[(&str, String)]) -> String {
    let values: Vec<(&str, &str)> = values.iter().map(|(n, v)| (*n, v.as_str())).collect();
    fill(template, &values)
}

/// An item added or removed.
fn item_sentence(w: &DiffWords, c: &Change) -> String {
    let t = &w.sentences;
    let item = item_words(w, c.item, &c.id);
    let p = w.gender(&item.gender);
    let added = c.kind == Kind::Added;
    let under = match (&c.goal, c.item) {
        (Some(goal), Item::Measure | Item::Indicator) => {
            let template = if added {
                &t.under_added
            } else {
                &t.under_removed
            };
            fill(template, &[("goal", goal)])
        }
        _ => String::new(),
    };
    let title = if added { &c.shown.new } else { &c.shown.old };
    let title = match (title, c.item) {
        (Some(x), Item::FollowUp) => fill(&t.report_title, &[("title", x)]),
        (Some(x), _) => fill(&t.title, &[("title", &quote(w, x))]),
        (None, _) => String::new(),
    };
    let rename = match &c.likely_rename {
        None => String::new(),
        Some(other) => {
            let template = if added {
                &t.renamed_added
            } else {
                &t.renamed_removed
            };
            fill(template, &[("other", other)])
        }
    };
    let values = [
        ("item", named(&item.noun, "", &c.id)),
        ("under", under),
        ("added", p.added.clone()),
        ("removed", p.removed.clone()),
        ("title", title),
        ("rename", rename.clone()),
    ];
    let sentence = fill_owned(if added { &t.added } else { &t.removed }, &values);
    // A title that ends a sentence itself: `”… kommunfullmäktige.”`, not `”….”.`
    let closing = w.quote.rsplit("{text}").next().unwrap_or_default();
    let ends = |s: &str| {
        [".", "!", "?"]
            .iter()
            .any(|p| s.ends_with(&format!("{p}{closing}")))
    };
    match sentence.strip_suffix('.') {
        Some(s) if rename.is_empty() && ends(s) => s.into(),
        _ => sentence,
    }
}

/// What a follow-up report holds: "4 åtgärder, 2 indikatorer", and "3 mål
/// bedömda" when it judges goals.
pub fn report_contents(language: Language, report: &crate::model::Report) -> String {
    let r = &words_of(language).report;
    let measures = r.measures.count(report.measures.len());
    let indicators = r.indicators.count(report.indicators.len());
    let goals = r.goals.count(report.goals.len());
    let template = match report.goals.is_empty() {
        true => &r.contents,
        false => &r.contents_with_goals,
    };
    fill(
        template,
        &[
            ("measures", &measures),
            ("indicators", &indicators),
            ("goals", &goals),
        ],
    )
}

/// The sentence on the whole diff.
pub fn headline(diff: &Diff) -> String {
    let h = &words_of(diff.language).headline;
    let (a, b) = (&diff.old.version, &diff.new.version);
    let n = diff.changes.len();
    if n == 0 {
        return fill(&h.none, &[("old", a), ("new", b)]);
    }
    let kinds = [
        (Kind::Added, &h.added),
        (Kind::Removed, &h.removed),
        (Kind::Changed, &h.changed),
        (Kind::Moved, &h.moved),
    ];
    let parts: Vec<String> = kinds
        .iter()
        .filter_map(|&(kind, words)| {
            let count = diff.count(kind);
            (count > 0).then(|| words.count(count))
        })
        .collect();
    let listed = match parts.split_last() {
        Some((last, rest)) if !rest.is_empty() => {
            format!("{}{}{last}", rest.join(&h.separator), h.and)
        }
        _ => parts.join(""),
    };
    let changes = h.changes.count(n);
    fill(
        &h.some,
        &[
            ("changes", &changes),
            ("old", a),
            ("new", b),
            ("kinds", &listed),
        ],
    )
}

/// The renderers' fixed words.
pub fn words(language: Language) -> &'static crate::i18n::Headings {
    &words_of(language).headings
}
