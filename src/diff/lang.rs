//! The diff's words in Swedish and English: the sentence of each change,
//! the headline, field labels and the renderers' headings.
//!
//! The only file of the diff that knows a language, and the only one that
//! reads the view's words (through `values`: dates, times, numbers, status names), so a change
//! there touches one file here.

use super::{Change, Diff, Item, Kind};
use crate::model::Language::{self, English, Swedish};

pub(super) use super::values::{
    body_kind, date, document_type, frequency, measure_status, number, plan_status, time,
};

/// A Swedish word's gender decides its adjective's ending: `ändrad`/`ändrat`.
#[derive(Clone, Copy, PartialEq)]
enum Gender {
    Common,
    Neuter,
}
use Gender::{Common, Neuter};

/// A field's label (Swedish, its gender, English).
fn label(field: &str) -> (String, Gender, String) {
    if let Some(rest) = field.strip_prefix("measures.") {
        if let Some(id) = rest.strip_suffix(".status") {
            return (
                format!("Status för åtgärd {id}"),
                Common,
                format!("Status of measure {id}"),
            );
        }
        let id = rest.strip_suffix(".comment").unwrap_or(rest);
        return (
            format!("Kommentaren om åtgärd {id}"),
            Common,
            format!("Comment on measure {id}"),
        );
    }
    if let Some(id) = field.strip_prefix("indicators.") {
        return (
            format!("Värdet för indikator {id}"),
            Neuter,
            format!("Value of indicator {id}"),
        );
    }
    let (sv, gender, en) = match field {
        "title" => ("Titel", Common, "Title"),
        "subtitle" => ("Undertitel", Common, "Subtitle"),
        "municipality" => ("Kommun", Common, "Municipality"),
        "language" => ("Språk", Neuter, "Language"),
        "document_type" => ("Dokumenttyp", Common, "Document type"),
        "status" => ("Status", Common, "Status"),
        "version" => ("Version", Common, "Version"),
        "period.from" => ("Giltighetstidens början", Common, "Start of the period"),
        "period.to" => ("Sista giltighetsdag", Common, "End of the period"),
        "owner" => ("Dokumentansvarig", Common, "Document owner"),
        "case_number" => ("Diarienummer", Neuter, "Case number"),
        "decision.body" => ("Beslutande instans", Common, "Deciding body"),
        "decision.date" => ("Beslutsdatum", Neuter, "Date of decision"),
        "decision.paragraph" => ("Paragraf", Common, "Minute paragraph"),
        "revise_by" => ("Revideringsdatum", Neuter, "Revise-by date"),
        "replaces" => ("Ersatta dokument", Neuter, "Replaced documents"),
        "related" => ("Relaterade styrdokument", Neuter, "Related documents"),
        "summary" => ("Sammanfattning", Common, "Summary"),
        "name" => ("Namn", Neuter, "Name"),
        "short" => ("Kortnamn", Neuter, "Short name"),
        "kind" => ("Typ", Common, "Kind"),
        "body" => ("Text", Common, "Text"),
        "description" => ("Beskrivning", Common, "Description"),
        "references" => ("Kopplingar", Common, "References"),
        "unit" => ("Enhet", Common, "Unit"),
        "baseline" => ("Utgångsläge", Neuter, "Baseline"),
        "target" => ("Målvärde", Neuter, "Target"),
        "source" => ("Källa", Common, "Source"),
        "responsible" => ("Ansvarig", Common, "Responsible body"),
        "partners" => ("Samverkan", Common, "Partners"),
        "start" => ("Start", Common, "Start"),
        "deadline" => ("Slutdatum", Neuter, "Deadline"),
        "cost" => ("Kostnad", Common, "Cost"),
        "indicators" => ("Indikatorer", Common, "Indicators"),
        "frequency" => ("Uppföljningsintervall", Neuter, "Frequency"),
        "reporter" => ("Rapporterande instans", Common, "Reporting body"),
        "recipient" => ("Mottagare", Common, "Recipient"),
        "date" => ("Datum", Neuter, "Date"),
        "note" => ("Anteckning", Common, "Note"),
        "goal" => ("Mål", Neuter, "Goal"),
        other => (other, Common, other),
    };
    (sv.to_string(), gender, en.to_string())
}

/// A field's label in a language, as a table column shows it.
pub fn field_label(language: Language, field: &str) -> String {
    let (sv, _, en) = label(field);
    match language {
        Swedish => sv,
        English => en,
    }
}

/// The noun of an item (Swedish, its gender, English), as a sentence starts.
fn noun(item: Item, id: &str) -> (&'static str, Gender, &'static str) {
    match item {
        Item::Plan => ("Planen", Common, "The plan"),
        Item::Body => ("Instans", Common, "Body"),
        Item::Section => ("Avsnitt", Neuter, "Section"),
        Item::Goal => ("Mål", Neuter, "Goal"),
        Item::Indicator => ("Indikator", Common, "Indicator"),
        Item::Measure => ("Åtgärd", Common, "Measure"),
        Item::FollowUp if id == "follow_up" => ("Uppföljningen", Common, "The follow-up"),
        Item::FollowUp => ("Uppföljningsrapport", Common, "Follow-up report"),
        Item::Revision => ("Revision", Common, "Revision"),
    }
}

/// "the plan", "measure 1.4", "follow-up report 2019-08-31".
fn name(language: Language, item: Item, id: &str) -> String {
    let (sv, _, en) = noun(item, id);
    let (word, with_id) = match language {
        Swedish => (
            sv.to_lowercase(),
            !matches!(item, Item::Plan) && id != "follow_up",
        ),
        English => (
            en.to_lowercase(),
            !matches!(item, Item::Plan) && id != "follow_up",
        ),
    };
    if with_id {
        format!("{word} {id}")
    } else {
        word
    }
}

fn quote(language: Language, text: &str) -> String {
    match language {
        Swedish => format!("”{text}”"),
        English => format!("“{text}”"),
    }
}

/// A participle agreeing with a Swedish gender.
fn agree(word: &str, gender: Gender) -> String {
    match (gender, word) {
        (Neuter, "borttagen") => "borttaget".into(),
        (Neuter, w) => format!("{}t", w.strip_suffix('d').unwrap_or(w)),
        (Common, w) => w.into(),
    }
}

/// The one sentence of a change.
pub fn summary(language: Language, c: &Change) -> String {
    let shown = |v: &Option<String>| {
        let v = v.clone().unwrap_or_default();
        if c.shown.text { quote(language, &v) } else { v }
    };
    match c.kind {
        Kind::Added | Kind::Removed => item_sentence(language, c),
        Kind::Moved => {
            let (sv, _, en) = noun(c.item, &c.id);
            let (from, to) = (shown(&c.shown.old), shown(&c.shown.new));
            match language {
                Swedish => format!("{sv} {} flyttad från mål {from} till mål {to}.", c.id),
                English => format!("{en} {} moved from goal {from} to goal {to}.", c.id),
            }
        }
        Kind::Changed => {
            let field = c.field.as_deref().unwrap_or_default();
            let (sv, gender, en) = label(field);
            let subject = match (language, c.item) {
                (Swedish, Item::FollowUp) if c.id != "follow_up" => {
                    format!("{sv} i uppföljningsrapport {}", c.id)
                }
                (English, Item::FollowUp) if c.id != "follow_up" => {
                    format!("{en} in follow-up report {}", c.id)
                }
                (Swedish, _) => format!("{sv} för {}", name(language, c.item, &c.id)),
                (English, _) => format!("{en} of {}", name(language, c.item, &c.id)),
            };
            let s = &c.shown;
            let done = |w: &str| agree(w, gender);
            if !s.added.is_empty() || !s.removed.is_empty() {
                let mut parts = Vec::new();
                let (added, removed) = (s.added.join(", "), s.removed.join(", "));
                match language {
                    Swedish if !added.is_empty() => parts.push(format!("{added} tillkommer")),
                    English if !added.is_empty() => parts.push(format!("added {added}")),
                    _ => {}
                }
                match language {
                    Swedish if !removed.is_empty() => parts.push(format!("{removed} utgår")),
                    English if !removed.is_empty() => parts.push(format!("removed {removed}")),
                    _ => {}
                }
                return format!("{subject}: {}.", parts.join("; "));
            }
            let (old, new) = (shown(&s.old), shown(&s.new));
            match (language, &s.old, &s.new) {
                (Swedish, None, _) => format!("{subject} {}: {new}.", done("tillagd")),
                (English, None, _) => format!("{subject} added: {new}."),
                (Swedish, _, None) => format!("{subject} {} (var {old}).", done("borttagen")),
                (English, _, None) => format!("{subject} removed (was {old})."),
                (Swedish, _, _) if s.prose => format!("{subject} {}.", done("omformulerad")),
                (English, _, _) if s.prose => format!("{subject} reworded."),
                _ => match (language, c.months) {
                    (Swedish, Some(m)) => {
                        let unit = if m.abs() == 1 { "månad" } else { "månader" };
                        let way = if m > 0 { "senare" } else { "tidigare" };
                        let moved = done("flyttad");
                        format!(
                            "{subject} {moved} {} {unit} {way}, från {old} till {new}.",
                            m.abs()
                        )
                    }
                    (English, Some(m)) => {
                        let unit = if m.abs() == 1 { "month" } else { "months" };
                        let way = if m > 0 { "later" } else { "earlier" };
                        format!(
                            "{subject} moved {} {unit} {way}, from {old} to {new}.",
                            m.abs()
                        )
                    }
                    (Swedish, None) => {
                        format!("{subject} {} från {old} till {new}.", done("ändrad"))
                    }
                    (English, None) => format!("{subject} changed from {old} to {new}."),
                },
            }
        }
    }
}

fn item_sentence(language: Language, c: &Change) -> String {
    let (sv, gender, en) = noun(c.item, &c.id);
    let id = if c.id == "follow_up" {
        String::new()
    } else {
        format!(" {}", c.id)
    };
    let added = c.kind == Kind::Added;
    let verb = match (language, added) {
        (Swedish, true) => agree("tillagd", gender),
        (Swedish, false) => agree("borttagen", gender),
        (English, true) => "added".into(),
        (English, false) => "removed".into(),
    };
    let under = match (language, &c.goal, c.item) {
        (_, Some(goal), Item::Measure | Item::Indicator) => match (language, added) {
            (Swedish, true) => format!(" under mål {goal}"),
            (Swedish, false) => format!(" (under mål {goal})"),
            (English, true) => format!(" under goal {goal}"),
            (English, false) => format!(" (under goal {goal})"),
        },
        _ => String::new(),
    };
    let title = if added { &c.shown.new } else { &c.shown.old };
    let title = match (title, c.item) {
        (Some(t), Item::FollowUp) => format!(" ({t})"),
        (Some(t), _) => format!(": {}", quote(language, t)),
        (None, _) => String::new(),
    };
    let rename = match (&c.likely_rename, language, added) {
        (None, ..) => String::new(),
        (Some(other), Swedish, true) => format!(" – troligen {other} med nytt id (samma titel)"),
        (Some(other), Swedish, false) => format!(" – troligen nytt id {other} (samma titel)"),
        (Some(other), English, true) => format!(" – likely {other} under a new id (same title)"),
        (Some(other), English, false) => format!(" – likely renamed to {other} (same title)"),
    };
    let noun = match language {
        Swedish => sv,
        English => en,
    };
    let sentence = format!("{noun}{id}{under} {verb}{title}{rename}.");
    // A title that ends a sentence itself: `”… kommunfullmäktige.”`, not `”….”.`
    match sentence.strip_suffix('.') {
        Some(s) if rename.is_empty() && [".”", "!”", "?”"].iter().any(|e| s.ends_with(e)) => {
            s.into()
        }
        _ => sentence,
    }
}

/// What a follow-up report holds: "4 åtgärder, 2 indikatorer".
pub fn report_contents(language: Language, report: &crate::model::Report) -> String {
    let (m, i) = (report.measures.len(), report.indicators.len());
    let (measure, measures, indicator, indicators) = match language {
        Swedish => ("åtgärd", "åtgärder", "indikator", "indikatorer"),
        English => ("measure", "measures", "indicator", "indicators"),
    };
    let one = |n: usize, a: &str, b: &str| format!("{n} {}", if n == 1 { a } else { b });
    format!(
        "{}, {}",
        one(m, measure, measures),
        one(i, indicator, indicators)
    )
}

/// The sentence on the whole diff.
pub fn headline(diff: &Diff) -> String {
    let language = diff.language;
    let (a, b) = (&diff.old.version, &diff.new.version);
    let n = diff.changes.len();
    if n == 0 {
        return match language {
            Swedish => format!("Inga ändringar från version {a} till version {b}."),
            English => format!("No changes from version {a} to version {b}."),
        };
    }
    let kinds = [
        (Kind::Added, "tillagd", "tillagda", "added"),
        (Kind::Removed, "borttagen", "borttagna", "removed"),
        (Kind::Changed, "ändrad", "ändrade", "changed"),
        (Kind::Moved, "flyttad", "flyttade", "moved"),
    ];
    let parts: Vec<String> = kinds
        .iter()
        .filter_map(|&(kind, one, many, en)| {
            let count = diff.count(kind);
            let word = match language {
                Swedish if count == 1 => one,
                Swedish => many,
                English => en,
            };
            (count > 0).then(|| format!("{count} {word}"))
        })
        .collect();
    let (and, list) = match language {
        Swedish => (" och ", "ändring"),
        English => (" and ", "change"),
    };
    let listed = match parts.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{}{and}{last}", rest.join(", ")),
        _ => parts.join(""),
    };
    let plural = match (language, n) {
        (_, 1) => list.to_string(),
        (Swedish, _) => format!("{list}ar"),
        (English, _) => format!("{list}s"),
    };
    match language {
        Swedish => format!("{n} {plural} från version {a} till version {b}: {listed}."),
        English => format!("{n} {plural} from version {a} to version {b}: {listed}."),
    }
}

/// The renderers' fixed words.
pub struct Words {
    pub plan: &'static str,
    pub bodies: &'static str,
    pub sections: &'static str,
    pub goal: &'static str,
    pub follow_up: &'static str,
    pub revisions: &'static str,
    pub id: &'static str,
    pub change: &'static str,
    pub before: &'static str,
    pub after: &'static str,
    pub added: &'static str,
    pub removed: &'static str,
    pub moved: &'static str,
}

pub fn words(language: Language) -> Words {
    match language {
        Swedish => Words {
            plan: "Planen",
            bodies: "Instanser",
            sections: "Avsnitt",
            goal: "Mål",
            follow_up: "Uppföljning",
            revisions: "Revisionshistorik",
            id: "Nr",
            change: "Ändring",
            before: "Före",
            after: "Efter",
            added: "Tillägg",
            removed: "Borttagning",
            moved: "Flytt",
        },
        English => Words {
            plan: "The plan",
            bodies: "Bodies",
            sections: "Sections",
            goal: "Goal",
            follow_up: "Follow-up",
            revisions: "Revision history",
            id: "Id",
            change: "Change",
            before: "Before",
            after: "After",
            added: "Addition",
            removed: "Removal",
            moved: "Move",
        },
    }
}
