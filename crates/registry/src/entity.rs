//! The entities of the registry: countries, other economies, historic states and aggregates.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize, Serializer};

/// A three-character entity code: ISO 3166-1 alpha-3 for countries, ISO 3166-3 for historic
/// states, and for aggregates the World Bank code where there is one, else a code galeon assigns
/// in ISO's user-assigned `X` range (`XWH` Western Hemisphere, `XG7` G-7…).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Iso3([u8; 3]);

impl Iso3 {
    /// China.
    pub const CHN: Iso3 = Iso3::known("CHN");
    /// The United States.
    pub const USA: Iso3 = Iso3::known("USA");
    /// The World, as partner of trade with all economies.
    pub const WLD: Iso3 = Iso3::known("WLD");

    /// A code written in galeon's own source, checked when it is compiled: three upper-case ASCII
    /// letters or digits, starting with a letter (a mistake fails the build, not a run).
    pub const fn known(code: &'static str) -> Iso3 {
        let b = code.as_bytes();
        assert!(
            b.len() == 3
                && b[0].is_ascii_uppercase()
                && (b[1].is_ascii_uppercase() || b[1].is_ascii_digit())
                && (b[2].is_ascii_uppercase() || b[2].is_ascii_digit()),
            "not an upper-case three-character code"
        );
        Iso3([b[0], b[1], b[2]])
    }

    /// The code as a string slice.
    pub fn as_str(&self) -> &str {
        // Invariant: constructed only from three ASCII letters or digits.
        std::str::from_utf8(&self.0).expect("Iso3 holds ASCII")
    }
}

impl PartialEq<str> for Iso3 {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Iso3 {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl AsRef<str> for Iso3 {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

/// Why a string is not a valid [`Iso3`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a three-letter code (expected three characters A-Z or 0-9 starting with a letter, such as BRA)")]
pub struct InvalidIso3(pub String);

impl FromStr for Iso3 {
    type Err = InvalidIso3;
    /// Parses three ASCII characters (a letter, then letters or digits); lower case is upper-cased.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bytes = s.trim().as_bytes();
        match bytes {
            [a, b, c]
                if a.is_ascii_alphabetic()
                    && b.is_ascii_alphanumeric()
                    && c.is_ascii_alphanumeric() =>
            {
                Ok(Iso3([
                    a.to_ascii_uppercase(),
                    b.to_ascii_uppercase(),
                    c.to_ascii_uppercase(),
                ]))
            }
            _ => Err(InvalidIso3(s.to_string())),
        }
    }
}

impl fmt::Display for Iso3 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Iso3 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Iso3({})", self.as_str())
    }
}

impl Serialize for Iso3 {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// What an entity is. Indicators count only [`EntityKind::is_economy`] entities as partners.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    /// A current ISO 3166-1 country or territory (Hong Kong, Macao and Taiwan included, each on its own).
    Country,
    /// An economy that sources report but ISO 3166-1 does not list (Kosovo).
    OtherEconomy,
    /// A state that no longer exists (ISO 3166-3): Netherlands Antilles, Serbia and Montenegro…
    Historic,
    /// A group of economies or a residual ("World", "Western Hemisphere", "not specified").
    Aggregate,
}

impl EntityKind {
    /// True for individual economies (current, other or historic); false for aggregates.
    pub fn is_economy(self) -> bool {
        !matches!(self, EntityKind::Aggregate)
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            EntityKind::Country => "country",
            EntityKind::OtherEconomy => "other economy",
            EntityKind::Historic => "historic",
            EntityKind::Aggregate => "aggregate",
        })
    }
}

/// A language galeon names entities in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English (the default: galeon's sources and curated texts are written in it).
    #[default]
    En,
    /// Spanish.
    Es,
    /// Portuguese.
    Pt,
    /// Chinese (simplified, as used in the PRC).
    Zh,
}

impl Lang {
    /// All languages, in display order.
    pub const ALL: [Lang; 4] = [Lang::En, Lang::Es, Lang::Pt, Lang::Zh];

    /// The BCP 47 tag.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
            Lang::Pt => "pt",
            Lang::Zh => "zh",
        }
    }
}

impl FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "en" => Ok(Lang::En),
            "es" => Ok(Lang::Es),
            "pt" => Ok(Lang::Pt),
            "zh" | "zh-cn" | "zh_cn" => Ok(Lang::Zh),
            other => Err(format!("unknown language {other:?}: use en, es, pt or zh")),
        }
    }
}

/// Names of an entity (or any short text) in the four languages galeon speaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Names {
    /// English.
    pub en: String,
    /// Spanish.
    pub es: String,
    /// Portuguese.
    pub pt: String,
    /// Chinese (simplified).
    pub zh: String,
}

impl Names {
    /// The name in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Es => &self.es,
            Lang::Pt => &self.pt,
            Lang::Zh => &self.zh,
        }
    }
}

/// The UN M49 classification of an entity (empty for aggregates).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct M49Region {
    /// Region, e.g. "Americas".
    pub region: String,
    /// Sub-region, e.g. "Latin America and the Caribbean".
    pub subregion: String,
    /// Intermediate region, e.g. "South America" (empty where M49 has none).
    pub intermediate: String,
}

/// One economy or aggregate.
#[derive(Debug, Clone, Serialize)]
pub struct Entity {
    /// The code galeon keys everything by.
    pub iso3: Iso3,
    /// ISO 3166-1 alpha-2, where there is one.
    pub iso2: Option<String>,
    /// ISO 3166-1 numeric (= UN M49 code), where there is one.
    pub numeric: Option<u16>,
    /// What the entity is.
    pub kind: EntityKind,
    /// UN M49 region, sub-region and intermediate region.
    pub m49: M49Region,
    /// True for the 33 member states of CELAC, the "LAC" of every galeon indicator.
    pub lac: bool,
    /// Names in English, Spanish, Portuguese and Chinese.
    pub names: Names,
    /// First year the entity existed as such (historic states and late-born states).
    pub valid_from: Option<i32>,
    /// Last year the entity existed as such.
    pub valid_to: Option<i32>,
    /// Where the record's facts come from (for entities galeon curates itself).
    pub source: String,
}

impl Entity {
    /// The name in `lang`.
    pub fn name(&self, lang: Lang) -> &str {
        self.names.get(lang)
    }

    /// Whether the entity existed in `year` (open-ended where no bound is known).
    pub fn exists_in(&self, year: i32) -> bool {
        self.valid_from.is_none_or(|from| year >= from) && self.valid_to.is_none_or(|to| year <= to)
    }
}
