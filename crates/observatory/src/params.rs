//! The parameters every front end takes, parsed once: the CLI through clap (`FromStr`), the API
//! through its query string (`FromStr` too, or serde). Errors say what to write instead.

use std::fmt;
use std::str::FromStr;

use galeon_registry::{Iso3, Registry};

/// Implements `Deserialize` through `FromStr`, so a query string parses as the command line does.
macro_rules! deserialize_from_str {
    ($($t:ty),*) => {$(
        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }
    )*};
}

/// A calendar year galeon can hold (1900–2100).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Year(pub i32);

impl FromStr for Year {
    type Err = String;
    fn from_str(s: &str) -> Result<Year, String> {
        (s.trim().parse::<i32>().ok())
            .filter(|y| (1900..=2100).contains(y))
            .map(Year)
            .ok_or_else(|| format!("{s:?}: write a year such as 2020"))
    }
}

/// Years from `first` to `last`, both included: `2000..2020` (or `2000..=2020`), or one year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearRange {
    /// The first year.
    pub first: i32,
    /// The last year.
    pub last: i32,
}

impl YearRange {
    /// Whether `year` is in the range.
    pub fn contains(&self, year: i32) -> bool {
        (self.first..=self.last).contains(&year)
    }
}

impl FromStr for YearRange {
    type Err = String;
    fn from_str(s: &str) -> Result<YearRange, String> {
        let (first, last) = match s.split_once("..") {
            Some((a, b)) => (
                a.parse::<Year>()?,
                b.trim_start_matches('=').parse::<Year>()?,
            ),
            None => (s.parse::<Year>()?, s.parse::<Year>()?),
        };
        if first > last {
            return Err(format!("{s:?}: write FIRST..LAST, first before last"));
        }
        Ok(YearRange {
            first: first.0,
            last: last.0,
        })
    }
}

impl fmt::Display for YearRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.first, self.last)
    }
}

/// Countries named as galeon reads them in sources (ISO alpha-3 or alpha-2, a name in any of
/// its languages), comma-separated; held as codes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Countries(pub Vec<Iso3>);

impl Countries {
    /// Whether `code` is one of them.
    pub fn contains(&self, code: &str) -> bool {
        self.0.iter().any(|c| c.as_str() == code)
    }

    /// Adds the countries of another list (the CLI's repeated `--country`).
    pub fn extend(&mut self, other: Countries) {
        self.0.extend(other.0);
    }
}

impl FromStr for Countries {
    type Err = String;
    fn from_str(s: &str) -> Result<Countries, String> {
        let registry = Registry::global();
        (s.split(',').map(str::trim).filter(|c| !c.is_empty()))
            .map(|c| {
                registry.resolve(c).map(|e| e.iso3).map_err(|_| {
                    format!(
                        "{c:?}: not a country galeon knows (write an ISO alpha-3 code such as BRA)"
                    )
                })
            })
            .collect::<Result<Vec<_>, _>>()
            .and_then(|codes| match codes.is_empty() {
                true => Err("no country given: write an ISO alpha-3 code such as BRA".into()),
                false => Ok(Countries(codes)),
            })
    }
}

/// Which year a map shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MapYear {
    /// The latest year at least half the states have a value for.
    #[default]
    Usual,
    /// Each state's latest value, its year beside it.
    Latest,
    /// This year.
    Year(i32),
}

impl FromStr for MapYear {
    type Err = String;
    fn from_str(s: &str) -> Result<MapYear, String> {
        match s {
            "latest" => Ok(MapYear::Latest),
            _ => (s.parse::<Year>().map(|y| MapYear::Year(y.0)))
                .map_err(|_| format!("{s:?}: write a year such as 2020, or latest")),
        }
    }
}

/// A yes or no written in a query string (`true`, `false`, or nothing for yes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flag(pub bool);

impl FromStr for Flag {
    type Err = String;
    fn from_str(s: &str) -> Result<Flag, String> {
        match s {
            "true" | "" => Ok(Flag(true)),
            "false" => Ok(Flag(false)),
            other => Err(format!("{other:?}: write true or false")),
        }
    }
}

deserialize_from_str!(Year, YearRange, Countries, MapYear, Flag);

/// The LAC state `text` names (a code or a name as galeon reads them), or an error that says
/// `why` only a LAC state will do.
pub fn lac_state(text: &str, why: &str) -> Result<&'static str, crate::Error> {
    let code = (galeon_registry::Registry::global().resolve(text))
        .map_err(|e| crate::Error::Invalid(e.to_string()))?
        .iso3
        .as_str();
    (galeon_registry::LAC33.iter().copied().find(|c| *c == code))
        .ok_or_else(|| crate::Error::Invalid(format!("{code}: {why}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_and_ranges() {
        assert_eq!(
            "2000..2020".parse::<YearRange>(),
            Ok(YearRange {
                first: 2000,
                last: 2020
            })
        );
        assert_eq!("2000..=2020".parse::<YearRange>().unwrap().last, 2020);
        assert_eq!("2019".parse::<YearRange>().unwrap().first, 2019);
        assert!("2020..2000"
            .parse::<YearRange>()
            .unwrap_err()
            .contains("first before last"));
        assert!("20x0"
            .parse::<YearRange>()
            .unwrap_err()
            .contains("a year such as"));
        assert!("3000".parse::<Year>().is_err());
        assert_eq!("latest".parse::<MapYear>(), Ok(MapYear::Latest));
    }

    #[test]
    fn countries_resolve_names_and_codes() {
        let c: Countries = "BRA, Perú,MX".parse().unwrap();
        let codes: Vec<&str> = c.0.iter().map(Iso3::as_str).collect();
        assert_eq!(codes, ["BRA", "PER", "MEX"]);
        assert!("Atlantis"
            .parse::<Countries>()
            .unwrap_err()
            .contains("Atlantis"));
        assert!(",".parse::<Countries>().is_err());
    }
}
