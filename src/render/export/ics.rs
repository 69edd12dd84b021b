//! The deadlines as an iCalendar file (RFC 5545), for a committee to
//! subscribe to: one all-day event per measure on the day its deadline
//! stands for (a month or a year: its last day). A measure whose deadline is
//! `ongoing` has no such day and is left out.
//!
//! - SUMMARY: the measure's id, title and the responsible body's short name;
//!   DESCRIPTION: its goal and status, in the plan's language; CATEGORIES:
//!   the responsible body's name. A cancelled measure has `STATUS:CANCELLED`.
//! - UID: `measure-<id>-<plan>@actionplan`, where `<plan>` is a hash of the
//!   municipality and the case number (the title when there is none), so an
//!   event keeps its UID from one export, and one version of the plan, to the
//!   next, and calendars update it instead of adding a copy.
//! - SEQUENCE, LAST-MODIFIED and DTSTAMP tell a calendar that re-imports the
//!   file which copy of an event is newer (Outlook compares SEQUENCE, then
//!   DTSTAMP). None reads the clock, so the same plan gives the same bytes:
//!   SEQUENCE is the number of the plan's `revisions`, LAST-MODIFIED the day
//!   it last changed (its latest revision or decision), DTSTAMP the later of
//!   that day and the documents' date (`SOURCE_DATE_EPOCH`). A new version
//!   of the plan with a revision entry therefore raises all three, while the
//!   decision date, which stays, would not.
//! - X-WR-CALNAME: the plan's title and municipality; with `--body`, the
//!   body's name first, so two subscribed calendars are told apart.
//! - Text values escape `\`, `;`, `,` and line breaks; lines end in CRLF and
//!   are folded at 75 octets, never inside a UTF-8 character.

use std::fmt::Write as _;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use sha2::{Digest, Sha256};

use crate::render::{Context, Output, Rendered};
use crate::view::{MeasureView, View};

pub struct IcsExport;

impl Output for IcsExport {
    fn name(&self) -> &'static str {
        "ics"
    }
    fn extension(&self) -> &'static str {
        "ics"
    }
    fn render(&self, view: &View, context: &Context<'_>) -> Rendered {
        Rendered {
            bytes: Some(calendar(view, context).into_bytes()),
            ..Rendered::default()
        }
    }
}

fn calendar(view: &View, context: &Context<'_>) -> String {
    let modified = last_changed(view).and_time(NaiveTime::MIN);
    let stamp = utc(context.timestamp.max(modified));
    let sequence = view.revisions.len();
    let plan = plan_key(view);
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//actionplan//actionplan//EN");
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    let mut name = format!("{} – {}", view.meta.title, view.meta.municipality);
    if let Some(body) = &view.narrowed_to {
        name = format!("{}: {name}", body.name);
    }
    line(&mut out, &format!("X-WR-CALNAME:{}", text(&name)));
    for goal in &view.goals {
        for m in &goal.measures {
            let Some(day) = m.deadline.day.as_deref().and_then(day) else {
                continue; // `ongoing`: no one day to put it on.
            };
            line(&mut out, "BEGIN:VEVENT");
            line(&mut out, &format!("UID:measure-{}-{plan}@actionplan", m.id));
            line(&mut out, &format!("DTSTAMP:{stamp}"));
            line(&mut out, &format!("LAST-MODIFIED:{}", utc(modified)));
            line(&mut out, &format!("SEQUENCE:{sequence}"));
            line(
                &mut out,
                &format!("DTSTART;VALUE=DATE:{}", day.format("%Y%m%d")),
            );
            if let Some(next) = day.succ_opt() {
                line(
                    &mut out,
                    &format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")),
                );
            }
            line(&mut out, &format!("SUMMARY:{}", text(&summary(m))));
            let description = format!(
                "{} {}: {}\n{}: {}",
                view.labels.goal, goal.id, goal.title, view.labels.status, m.status.label
            );
            line(&mut out, &format!("DESCRIPTION:{}", text(&description)));
            line(
                &mut out,
                &format!("CATEGORIES:{}", text(&m.responsible.name)),
            );
            line(&mut out, "TRANSP:TRANSPARENT");
            if m.status.key == "cancelled" {
                line(&mut out, "STATUS:CANCELLED");
            }
            line(&mut out, "END:VEVENT");
        }
    }
    line(&mut out, "END:VCALENDAR");
    out
}

/// The day the plan last changed: its latest revision or its decision,
/// whichever is later; the start of its period when it has neither.
fn last_changed(view: &View) -> NaiveDate {
    let revisions = view.revisions.iter().map(|r| r.date.iso.as_str());
    let decision = view.meta.decision.iter().map(|d| d.date.iso.as_str());
    revisions
        .chain(decision)
        .filter_map(day)
        .max()
        .or_else(|| day(&view.meta.period.from.iso))
        .unwrap_or_default()
}

/// A DATE-TIME in UTC (RFC 5545, 3.3.5), e.g. `20180625T000000Z`.
fn utc(t: NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// `1.3 Utbilda personal (IFN)`: the body's short name, else its name.
fn summary(m: &MeasureView) -> String {
    let body = m
        .responsible
        .short
        .as_deref()
        .unwrap_or(&m.responsible.name);
    format!("{} {} ({body})", m.id, m.title)
}

/// The plan's part of every UID: 16 hex digits of a SHA-256 of the
/// municipality and the case number, or the title without one.
fn plan_key(view: &View) -> String {
    let meta = &view.meta;
    let name = meta.case_number.as_deref().unwrap_or(&meta.title);
    let digest = Sha256::digest(format!("{}\n{name}", meta.municipality));
    digest[..8].iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// The view's ISO day as a date.
fn day(iso: &str) -> Option<NaiveDate> {
    crate::time::parse_date(iso).ok()
}

/// A TEXT value (RFC 5545, 3.3.11): `\`, `;` and `,` escaped, line breaks as `\n`.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' | '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// Writes a content line folded at 75 octets (RFC 5545, 3.1): each further
/// line starts with a space, which counts; a UTF-8 character is never split.
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(text("a, b; c\\d\ne\r\nf"), "a\\, b\\; c\\\\d\\ne\\nf");
    }

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let content = format!("SUMMARY:{}", "å".repeat(100));
        let mut out = String::new();
        line(&mut out, &content);
        let lines: Vec<&str> = out.split_terminator("\r\n").collect();
        assert!(lines.len() > 2, "{lines:?}");
        for (i, l) in lines.iter().enumerate() {
            assert!(l.len() <= 75, "line {i} has {} octets", l.len());
            assert_eq!(i > 0, l.starts_with(' '));
        }
        // Unfolding (removing CRLF + space) gives the content back.
        assert_eq!(out.replace("\r\n ", ""), format!("{content}\r\n"));
        // A short line is one line.
        let mut short = String::new();
        line(&mut short, "VERSION:2.0");
        assert_eq!(short, "VERSION:2.0\r\n");
    }

    #[test]
    fn a_line_of_exactly_75_octets_is_not_folded() {
        let mut out = String::new();
        line(&mut out, &"x".repeat(75));
        assert_eq!(out.len(), 77);
        let mut out = String::new();
        line(&mut out, &"x".repeat(76));
        assert_eq!(out, format!("{}\r\n x\r\n", "x".repeat(75)));
    }
}
