//! Ids: their syntax, their uniqueness across the plan, and looking them up.
//!
//! Sections, goals, indicators and measures share one namespace, because
//! their ids become anchors in the same HTML page.

use std::collections::HashMap;

use crate::diagnostics::{Code, Diagnostic};
use crate::model::{GoalRef, IndicatorRef, MeasureRef};
use crate::raw;
use crate::source::Span;
use crate::suggest::did_you_mean;

/// The longest id accepted.
pub const MAX_ID_CHARS: usize = 40;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdKind {
    Section,
    Goal,
    Indicator,
    Measure,
}

impl IdKind {
    fn noun(self) -> &'static str {
        match self {
            IdKind::Section => "section",
            IdKind::Goal => "goal",
            IdKind::Indicator => "indicator",
            IdKind::Measure => "measure",
        }
    }
}

#[derive(Default)]
pub struct Ids<'a> {
    /// Every declared id with where it was first declared and what it names.
    declared: HashMap<&'a str, (Span, IdKind)>,
    /// Indicators by id, with their place (the first, for a duplicate id).
    indicators: HashMap<&'a str, IndicatorRef>,
    /// Measures by id, with their place (the first, for a duplicate id).
    measures: HashMap<&'a str, MeasureRef>,
    /// Goals by id, with their place (the first, for a duplicate id).
    goals: HashMap<&'a str, GoalRef>,
    goal_count: usize,
    /// Indicators declared so far in the current goal.
    indicators_in_goal: usize,
}

/// Checks an id's syntax; reports and returns false when it is not an id.
pub fn check_syntax(diagnostics: &mut Vec<Diagnostic>, id: &raw::Id) -> bool {
    let text = id.0.value();
    match id_problem(text) {
        None => true,
        Some(problem) => {
            diagnostics.push(
                Diagnostic::new(
                    Code::InvalidId,
                    id.0.span(),
                    format!("`{text}` is not a valid id: {problem}"),
                )
                .with_help(
                    "an id is 1–40 letters a–z, digits, `.`, `-` or `_`, starting with a letter or digit, e.g. `M1` or `1.3`",
                ),
            );
            false
        }
    }
}

/// What makes a text not an id, or `None` when it is one.
pub fn id_problem(text: &str) -> Option<String> {
    if text.is_empty() {
        Some("an id cannot be empty".to_string())
    } else if text.chars().count() > MAX_ID_CHARS {
        Some(format!(
            "an id has at most {MAX_ID_CHARS} characters; this one has {}",
            text.chars().count()
        ))
    } else if !text.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        Some("an id starts with a letter or a digit".to_string())
    } else {
        text.chars()
            .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')))
            .map(|c| format!("an id cannot contain {c:?}"))
    }
}

impl<'a> Ids<'a> {
    /// Declares an id, reporting a bad or duplicate one; true when it is
    /// neither, so the item it names can be part of the plan.
    pub fn declare(
        &mut self,
        diagnostics: &mut Vec<Diagnostic>,
        id: &'a raw::Id,
        kind: IdKind,
    ) -> bool {
        let syntax_ok = check_syntax(diagnostics, id);
        let text = id.0.value().as_str();
        let unique = match self.declared.get(text) {
            Some(&(first, first_kind)) => {
                diagnostics.push(duplicate(id, first, first_kind));
                false
            }
            None => {
                self.declared.insert(text, (id.0.span(), kind));
                true
            }
        };
        match kind {
            IdKind::Goal => {
                self.goals.entry(text).or_insert(GoalRef(self.goal_count));
                self.goal_count += 1;
                self.indicators_in_goal = 0;
            }
            IdKind::Indicator => {
                // Indicators are declared goal by goal, so the goal is the latest one.
                let r = IndicatorRef {
                    goal: self.goal_count - 1,
                    index: self.indicators_in_goal,
                };
                self.indicators.entry(text).or_insert(r);
                self.indicators_in_goal += 1;
            }
            _ => {}
        }
        syntax_ok && unique
    }

    /// Records where a measure is, for follow-up reports to refer to.
    pub fn place_measure(&mut self, id: &'a str, place: MeasureRef) {
        self.measures.entry(id).or_insert(place);
    }

    pub fn indicator(
        &self,
        diagnostics: &mut Vec<Diagnostic>,
        id: &raw::Id,
        code: Code,
    ) -> Option<IndicatorRef> {
        let text = id.0.value().as_str();
        if let Some(r) = self.indicators.get(text) {
            return Some(*r);
        }
        let mut names: Vec<&str> = self.indicators.keys().copied().collect();
        names.sort_unstable();
        let names = names.into_iter();
        diagnostics.push(unknown(
            id,
            "indicator",
            did_you_mean(text, names),
            code,
            "indicators:` list of a goal",
        ));
        None
    }

    /// A goal a follow-up report judges.
    pub fn goal(&self, diagnostics: &mut Vec<Diagnostic>, id: &raw::Id) -> Option<GoalRef> {
        let text = id.0.value().as_str();
        if let Some(r) = self.goals.get(text) {
            return Some(*r);
        }
        let mut names: Vec<&str> = self.goals.keys().copied().collect();
        names.sort_unstable();
        diagnostics.push(unknown(
            id,
            "goal",
            did_you_mean(text, names),
            Code::FollowUpUnknownGoal,
            "goals:` list",
        ));
        None
    }

    pub fn measure(&self, diagnostics: &mut Vec<Diagnostic>, id: &raw::Id) -> Option<MeasureRef> {
        let text = id.0.value().as_str();
        if let Some(r) = self.measures.get(text) {
            return Some(*r);
        }
        let mut names: Vec<&str> = self.measures.keys().copied().collect();
        names.sort_unstable();
        let names = names.into_iter();
        diagnostics.push(unknown(
            id,
            "measure",
            did_you_mean(text, names),
            Code::FollowUpUnknownMeasure,
            "measures:` list of a goal",
        ));
        None
    }
}

fn duplicate(id: &raw::Id, first: Span, first_kind: IdKind) -> Diagnostic {
    Diagnostic::new(
        Code::DuplicateId,
        id.0.span(),
        format!(
            "the id `{}` is already used by a {}",
            id.0.value(),
            first_kind.noun()
        ),
    )
    .with_label(first, "first used here")
    .with_help("ids of sections, goals, indicators and measures are unique across the whole plan; rename one of them")
}

fn unknown(
    id: &raw::Id,
    noun: &str,
    suggestion: Option<&str>,
    code: Code,
    place: &str,
) -> Diagnostic {
    let text = id.0.value();
    let help = match suggestion {
        Some(s) => format!("did you mean `{s}`?"),
        None => format!(
            "declare {} {noun} with `id: {text}` in the `{place}",
            if noun.starts_with('i') { "an" } else { "a" }
        ),
    };
    let d = Diagnostic::new(
        code,
        id.0.span(),
        format!("no {noun} with id `{text}` is declared"),
    )
    .with_help(help);
    match suggestion {
        Some(s) => d.with_suggestion(id.0.span(), s),
        None => d,
    }
}
