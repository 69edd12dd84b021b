//! The plan format's time type: a date, a month, a year, or `ongoing`.
//!
//! A month or a year is a span of days; as a deadline it means its last day,
//! as a start its first. `ongoing` is the whole plan period.
//!
//! A leaf module: it knows days, not plans, so that the model can use it
//! without the two importing each other.

use chrono::{Datelike, NaiveDate};

/// A period of days, both ends included; `from <= to` once validated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Time {
    Date(NaiveDate),
    Month { year: i32, month: u32 },
    Year(i32),
    Ongoing,
}

/// Why a text is not a time; the message names the problem.
#[derive(Debug, PartialEq, Eq)]
pub struct TimeError(pub String);

/// Parses a date `YYYY-MM-DD`, checking that the day exists.
pub fn parse_date(s: &str) -> Result<NaiveDate, TimeError> {
    let parts: Vec<&str> = s.split('-').collect();
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => {
            let (year, month, day) = (number(y)?, number(m)?, number(d)?);
            if !(1..=12).contains(&month) {
                return Err(TimeError(format!("month {month:02} does not exist")));
            }
            NaiveDate::from_ymd_opt(year as i32, month, day).ok_or_else(|| {
                TimeError(format!(
                    "day {day:02} does not exist in {year:04}-{month:02}"
                ))
            })
        }
        _ => Err(TimeError("expected a date written YYYY-MM-DD".to_string())),
    }
}

fn number(s: &str) -> Result<u32, TimeError> {
    if s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse()
            .map_err(|_| TimeError(format!("`{s}` is not a number")))
    } else {
        Err(TimeError(format!("`{s}` is not a number")))
    }
}

impl Time {
    pub fn parse(s: &str) -> Result<Time, TimeError> {
        if s == "ongoing" {
            return Ok(Time::Ongoing);
        }
        let parts: Vec<&str> = s.split('-').collect();
        match parts.as_slice() {
            [y] if y.len() == 4 => Ok(Time::Year(number(y)? as i32)),
            [y, m] if y.len() == 4 && m.len() == 2 => {
                let (year, month) = (number(y)? as i32, number(m)?);
                if (1..=12).contains(&month) {
                    Ok(Time::Month { year, month })
                } else {
                    Err(TimeError(format!("month {month:02} does not exist")))
                }
            }
            [_, _, _] => parse_date(s).map(Time::Date),
            _ => Err(TimeError(
                "expected YYYY-MM-DD, YYYY-MM, YYYY or `ongoing`".to_string(),
            )),
        }
    }

    /// The first day the time covers (its meaning as a start).
    pub fn first_day(self, period: Period) -> NaiveDate {
        self.known_first_day(Some(period)).unwrap_or(period.from)
    }

    /// The last day the time covers (its meaning as a deadline).
    pub fn last_day(self, period: Period) -> NaiveDate {
        self.known_last_day(Some(period)).unwrap_or(period.to)
    }

    /// The first day the time covers, if it can be told: `ongoing` needs the
    /// plan period, the other forms do not.
    pub fn known_first_day(self, period: Option<Period>) -> Option<NaiveDate> {
        match self {
            Time::Date(d) => Some(d),
            Time::Month { year, month } => Some(ymd(year, month, 1)),
            Time::Year(year) => Some(ymd(year, 1, 1)),
            Time::Ongoing => period.map(|p| p.from),
        }
    }

    /// The last day the time covers, if it can be told: `ongoing` needs the
    /// plan period, the other forms do not.
    pub fn known_last_day(self, period: Option<Period>) -> Option<NaiveDate> {
        match self {
            Time::Date(d) => Some(d),
            Time::Month { year, month } => {
                let (y, m) = if month == 12 {
                    (year + 1, 1)
                } else {
                    (year, month + 1)
                };
                Some(ymd(y, m, 1).pred_opt().unwrap_or(NaiveDate::MAX))
            }
            Time::Year(year) => Some(ymd(year, 12, 31)),
            Time::Ongoing => period.map(|p| p.to),
        }
    }
}

/// A date from parts already checked to exist; falls back to the nearest
/// representable day for years chrono cannot hold, rather than panicking.
fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(if year < 0 {
        NaiveDate::MIN
    } else {
        NaiveDate::MAX
    })
}

impl std::fmt::Display for Time {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Time::Date(d) => write!(f, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
            Time::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            Time::Year(y) => write!(f, "{y:04}"),
            Time::Ongoing => f.write_str("ongoing"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    const PERIOD: Period = Period {
        from: NaiveDate::from_ymd_opt(2018, 7, 1).unwrap(),
        to: NaiveDate::from_ymd_opt(2021, 12, 31).unwrap(),
    };

    #[test]
    fn parses_the_four_forms() {
        assert_eq!(Time::parse("2018-12-05"), Ok(Time::Date(d(2018, 12, 5))));
        assert_eq!(
            Time::parse("2018-12"),
            Ok(Time::Month {
                year: 2018,
                month: 12
            })
        );
        assert_eq!(Time::parse("2020"), Ok(Time::Year(2020)));
        assert_eq!(Time::parse("ongoing"), Ok(Time::Ongoing));
    }

    #[test]
    fn rejects_impossible_and_malformed_times() {
        assert!(Time::parse("2019-02-29").is_err());
        assert!(Time::parse("2018-13").is_err());
        assert!(Time::parse("18-12").is_err());
        assert!(Time::parse("2018-1-5").is_err());
        assert!(Time::parse("soon").is_err());
        assert!(Time::parse("+201-12").is_err());
        assert_eq!(
            parse_date("2018-02-30").unwrap_err().0,
            "day 30 does not exist in 2018-02"
        );
    }

    #[test]
    fn months_and_years_cover_their_days() {
        let feb = Time::parse("2020-02").unwrap();
        assert_eq!(feb.first_day(PERIOD), d(2020, 2, 1));
        assert_eq!(feb.last_day(PERIOD), d(2020, 2, 29));
        let dec = Time::parse("2018-12").unwrap();
        assert_eq!(dec.last_day(PERIOD), d(2018, 12, 31));
        assert_eq!(Time::Year(2019).first_day(PERIOD), d(2019, 1, 1));
        assert_eq!(Time::Ongoing.last_day(PERIOD), PERIOD.to);
    }

    #[test]
    fn only_ongoing_needs_the_period() {
        assert_eq!(Time::Ongoing.known_first_day(None), None);
        assert_eq!(Time::Ongoing.known_last_day(Some(PERIOD)), Some(PERIOD.to));
        assert_eq!(Time::Year(2019).known_last_day(None), Some(d(2019, 12, 31)));
    }
}
