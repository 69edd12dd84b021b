//! Single values: texts, keywords, dates, times and numbers.
//!
//! Each check reports what is wrong with one value and returns the typed
//! value, or `None` when there is none to give. They know nothing of the
//! items the values belong to; [`super::items`] puts them together.

use chrono::NaiveDate;

use super::Validator;
use crate::diagnostics::{Code, Diagnostic};
use crate::model::Keyword;
use crate::raw::{self, Sp};
use crate::suggest::{did_you_mean, one_of};
use crate::time::{Time, parse_date};

impl Validator<'_> {
    /// A required text; an empty one is an error.
    pub(super) fn text(&mut self, t: &raw::Text, key: &str) -> Option<String> {
        let text = self.plain(t);
        // Empty once the invisible characters are gone: nothing to show.
        if text.trim().is_empty() {
            self.report(
                Diagnostic::new(Code::EmptyText, t.span(), format!("`{key}` is empty"))
                    .with_help(format!("write the {key} after `{key}:`")),
            );
            return None;
        }
        Some(text)
    }

    /// A text as the outputs show it: control characters (other than tab and
    /// line breaks) have no visible form, break PDF/A and HTML, and are dropped
    /// with a warning.
    pub(super) fn plain(&mut self, t: &raw::Text) -> String {
        let text = t.value();
        let is_control = |c: char| c.is_control() && !matches!(c, '\n' | '\t' | '\r');
        if !text.chars().any(is_control) {
            return text.clone();
        }
        let first = text.chars().find(|&c| is_control(c)).unwrap_or_default();
        self.report(
            Diagnostic::new(
                Code::ControlCharacters,
                t.span(),
                format!("the text contains the control character U+{:04X}, which is left out of the outputs", first as u32),
            )
            .with_help("remove it; it often comes from copying out of another program"),
        );
        text.chars().filter(|&c| !is_control(c)).collect()
    }

    pub(super) fn opt(&mut self, t: &Option<raw::Text>) -> Option<String> {
        t.as_ref().map(|t| self.plain(t))
    }

    pub(super) fn opt_md(&mut self, t: &Option<raw::Markdown>) -> Option<String> {
        t.as_ref().map(|t| self.plain(&t.0))
    }

    pub(super) fn keyword<T: Keyword>(&mut self, k: &raw::Keyword<T>, key: &str) -> Option<T> {
        let text = k.0.value();
        if let Some(value) = T::parse(text) {
            return Some(value);
        }
        let valid: Vec<&str> = T::ALL.iter().map(|(s, _)| *s).collect();
        let suggestion = did_you_mean(text, valid.iter().copied());
        let help = match suggestion {
            Some(s) => format!("did you mean `{s}`? `{key}` is one of {}", one_of(&valid)),
            None => format!("`{key}` is one of {}", one_of(&valid)),
        };
        let mut d = Diagnostic::new(
            Code::InvalidValue,
            k.0.span(),
            format!("`{text}` is not a valid `{key}`"),
        )
        .with_help(help);
        if let Some(s) = suggestion {
            d = d.with_suggestion(k.0.span(), s);
        }
        self.report(d);
        None
    }

    /// An optional keyword: its default when not given, `None` when wrong.
    pub(super) fn keyword_or<T: Keyword>(
        &mut self,
        k: &Option<raw::Keyword<T>>,
        key: &str,
        default: T,
    ) -> Option<T> {
        match k {
            None => Some(default),
            Some(k) => self.keyword(k, key),
        }
    }

    pub(super) fn date(&mut self, d: &raw::Date) -> Option<NaiveDate> {
        match parse_date(d.0.value()) {
            Ok(date) => Some(date),
            Err(e) => {
                self.report(
                    Diagnostic::new(
                        Code::InvalidDate,
                        d.0.span(),
                        format!("`{}` is not a valid date: {}", d.0.value(), e.0),
                    )
                    .with_help("write a date as YYYY-MM-DD, e.g. 2018-06-25"),
                );
                None
            }
        }
    }

    pub(super) fn time(&mut self, t: &raw::Time) -> Option<Time> {
        match Time::parse(t.0.value()) {
            Ok(time) => Some(time),
            Err(e) => {
                self.report(
                    Diagnostic::new(
                        Code::InvalidTime,
                        t.0.span(),
                        format!("`{}` is not a valid time: {}", t.0.value(), e.0),
                    )
                    .with_help(
                        "write a date YYYY-MM-DD, a month YYYY-MM, a year YYYY, or `ongoing`",
                    ),
                );
                None
            }
        }
    }

    /// A number an indicator takes: finite, since `.nan` or `.inf` cannot be
    /// measured, compared or printed. `what` names it, e.g. "`value`".
    pub(super) fn number(&mut self, n: &Sp<f64>, what: &str) -> Option<f64> {
        let value = *n.value();
        if value.is_finite() {
            return Some(value);
        }
        let written = if value.is_nan() {
            ".nan"
        } else if value > 0.0 {
            ".inf"
        } else {
            "-.inf"
        };
        self.report(
            Diagnostic::new(
                Code::InvalidValue,
                n.span(),
                format!("`{written}` is not a valid {what}: a finite number is needed"),
            )
            .with_help("write a number such as `40` or `12.5`"),
        );
        None
    }
}
