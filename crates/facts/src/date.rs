//! Dates as sources give them: a year, a month, or a day.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Serialize, Serializer};

/// A date with the precision the source gives: `1988`, `2018-02` or `2017-06-13`.
///
/// Comparisons use the first day of the period, so `1988` sorts before `1988-02-03`.
///
/// ```
/// use galeon_facts::FactDate;
/// let month: FactDate = "2018-02".parse().unwrap();
/// assert_eq!(month.to_string(), "2018-02");
/// assert!("2018-02-30".parse::<FactDate>().is_err());
/// assert!(month.first_day() < "2018-02-02".parse::<FactDate>().unwrap().first_day());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FactDate {
    first_day: NaiveDate,
    precision: Precision,
}

/// How precise a [`FactDate`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// A year.
    Year,
    /// A month.
    Month,
    /// A day.
    Day,
}

/// Why a date did not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD (a real calendar day)")]
pub struct InvalidDate(pub String);

impl FactDate {
    /// The first day of the period.
    pub fn first_day(&self) -> NaiveDate {
        self.first_day
    }

    /// The last day of the period (the day itself for day precision).
    pub fn last_day(&self) -> NaiveDate {
        match self.precision {
            Precision::Day => self.first_day,
            Precision::Month => {
                let next = if self.first_day.format("%m").to_string() == "12" {
                    NaiveDate::from_ymd_opt(self.year() + 1, 1, 1)
                } else {
                    self.first_day.checked_add_months(chrono::Months::new(1))
                };
                next.and_then(|d| d.pred_opt()).expect("valid month")
            }
            Precision::Year => NaiveDate::from_ymd_opt(self.year(), 12, 31).expect("valid year"),
        }
    }

    /// The year.
    pub fn year(&self) -> i32 {
        self.first_day
            .format("%Y")
            .to_string()
            .parse()
            .expect("four digits")
    }

    /// The precision.
    pub fn precision(&self) -> Precision {
        self.precision
    }
}

impl FromStr for FactDate {
    type Err = InvalidDate;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let invalid = || InvalidDate(s.to_string());
        let parts: Vec<&str> = s.trim().split('-').collect();
        let number = |p: &str, len: usize| -> Result<u32, InvalidDate> {
            if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) {
                p.parse().map_err(|_| invalid())
            } else {
                Err(invalid())
            }
        };
        let (year, month, day, precision) = match parts.as_slice() {
            [y] => (number(y, 4)?, 1, 1, Precision::Year),
            [y, m] => (number(y, 4)?, number(m, 2)?, 1, Precision::Month),
            [y, m, d] => (number(y, 4)?, number(m, 2)?, number(d, 2)?, Precision::Day),
            _ => return Err(invalid()),
        };
        let first_day = NaiveDate::from_ymd_opt(year as i32, month, day).ok_or_else(invalid)?;
        Ok(FactDate {
            first_day,
            precision,
        })
    }
}

impl fmt::Display for FactDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let format = match self.precision {
            Precision::Year => "%Y",
            Precision::Month => "%Y-%m",
            Precision::Day => "%Y-%m-%d",
        };
        write!(f, "{}", self.first_day.format(format))
    }
}

impl Serialize for FactDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision_and_rejects_impossible_days() {
        assert_eq!(
            "1988".parse::<FactDate>().unwrap().precision(),
            Precision::Year
        );
        assert_eq!(
            "1988-02"
                .parse::<FactDate>()
                .unwrap()
                .last_day()
                .to_string(),
            "1988-02-29"
        );
        assert_eq!(
            "1988-12"
                .parse::<FactDate>()
                .unwrap()
                .last_day()
                .to_string(),
            "1988-12-31"
        );
        assert_eq!(
            "1988".parse::<FactDate>().unwrap().last_day().to_string(),
            "1988-12-31"
        );
        assert!("2023-02-29".parse::<FactDate>().is_err());
        assert!("88".parse::<FactDate>().is_err());
        assert!("2017-6-13".parse::<FactDate>().is_err());
        assert!("2017-06-13x".parse::<FactDate>().is_err());
    }
}
