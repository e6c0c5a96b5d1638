//! What the verifier says, kept as words any of galeon's languages can render: a template of the
//! translation files (the `said_*` keys of `i18n/*.json`) with its arguments, a curated text of
//! the claim file (translated by the file's translation table), or plain text said as is
//! (numbers, codes, dates, a query's own error message).
//!
//! A result serialises in English; `FileReport::localize` renders every text of a report in
//! another language once, so that the API, the CLI and the pages share one rendering.

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use galeon_registry::Lang;
use serde::{Serialize, Serializer};

/// Words of the verifier, rendered in a language by [`Said::render`].
#[derive(Debug, Clone, PartialEq)]
pub enum Said {
    /// Said as is in every language.
    Plain(String),
    /// A text written in the claim file (in English), translated by lookup.
    Curated(String),
    /// A template of the translation files (its whole key) and its named arguments.
    Say(&'static str, Vec<(&'static str, Said)>),
    /// Several statements, one after the other (joined by "; " or its equivalent).
    List(Vec<Said>),
    /// Several items of one statement (joined by ", " or its equivalent).
    Series(Vec<Said>),
    /// A text written in each language (a curated fact's sentence): English, Spanish,
    /// Portuguese, Chinese.
    Written(Box<[String; 4]>),
    /// A number written the way a language writes large amounts (17.7 bn, 17,7 mil M, 177亿).
    Amount(f64),
}

/// `say!("said_gives", label = …, shown = …)`: a template and its arguments, each anything that
/// converts into [`Said`] (a `String` or `&str` is said as is).
macro_rules! say {
    ($key:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::said::Said::Say($key, vec![$((stringify!($name), $crate::said::Said::from($value))),*])
    };
}
pub(crate) use say;

/// Where a language's words come from.
pub trait Words {
    /// The template of a key of the translation files.
    fn template(&self, key: &str) -> Option<&str>;
    /// The translation of a curated English text.
    fn curated<'a>(&'a self, english: &'a str) -> Option<&'a str>;
    /// What separates statements in a list.
    fn separator(&self) -> &str {
        "; "
    }
    /// What separates items of a series.
    fn comma(&self) -> &str {
        ", "
    }
    /// The language, for texts written in each.
    fn lang(&self) -> Lang {
        Lang::En
    }
    /// A number as the language writes amounts.
    fn amount(&self, x: f64) -> String {
        crate::verify::short_number(x)
    }
}

/// English: the templates of `i18n/en.json`, and curated texts as written.
pub struct English;

impl Words for English {
    fn template(&self, key: &str) -> Option<&str> {
        static EN: OnceLock<HashMap<String, String>> = OnceLock::new();
        let en = EN.get_or_init(|| {
            serde_json::from_str(include_str!("../../../i18n/en.json"))
                .expect("i18n/en.json is an object of texts")
        });
        en.get(key).map(String::as_str)
    }
    fn curated<'a>(&'a self, english: &'a str) -> Option<&'a str> {
        Some(english)
    }
}

impl Said {
    /// A curated text of the claim file.
    pub fn curated(text: impl Into<String>) -> Said {
        Said::Curated(text.into())
    }

    /// The words in the language of `words`; a template or text it lacks is given in English
    /// (a test keeps every language complete).
    pub fn render(&self, words: &dyn Words) -> String {
        match self {
            Said::Plain(text) => text.clone(),
            Said::Curated(text) => words.curated(text).unwrap_or(text).to_string(),
            Said::List(items) => {
                let items: Vec<String> = items.iter().map(|i| i.render(words)).collect();
                items.join(words.separator())
            }
            Said::Series(items) => {
                let items: Vec<String> = items.iter().map(|i| i.render(words)).collect();
                items.join(words.comma())
            }
            Said::Written(texts) => {
                let at = Lang::ALL
                    .iter()
                    .position(|l| *l == words.lang())
                    .unwrap_or(0);
                texts[at].clone()
            }
            Said::Amount(x) => words.amount(*x),
            Said::Say(key, args) => {
                let template = (words.template(key))
                    .or_else(|| English.template(key))
                    .unwrap_or(key);
                fill(template, args, words)
            }
        }
    }

    /// Every template key and curated text inside, for the completeness tests.
    pub fn visit(&self, seen: &mut dyn FnMut(&Said)) {
        seen(self);
        match self {
            Said::Say(_, args) => args.iter().for_each(|(_, a)| a.visit(seen)),
            Said::List(items) | Said::Series(items) => items.iter().for_each(|i| i.visit(seen)),
            Said::Plain(_) | Said::Curated(_) | Said::Written(_) | Said::Amount(_) => {}
        }
    }
}

/// `{name}` in the template replaced by the argument's words (an unknown name is left as is).
fn fill(template: &str, args: &[(&str, Said)], words: &dyn Words) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let name = &after[..close];
        match args.iter().find(|(n, _)| *n == name) {
            Some((_, value)) => out.push_str(&value.render(words)),
            None => out.push_str(&rest[open..open + close + 2]),
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

impl fmt::Display for Said {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(&English))
    }
}

impl Serialize for Said {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl From<String> for Said {
    fn from(text: String) -> Said {
        Said::Plain(text)
    }
}

impl From<&str> for Said {
    fn from(text: &str) -> Said {
        Said::Plain(text.to_string())
    }
}

impl From<&String> for Said {
    fn from(text: &String) -> Said {
        Said::Plain(text.clone())
    }
}

impl From<&Said> for Said {
    fn from(said: &Said) -> Said {
        said.clone()
    }
}

impl From<usize> for Said {
    fn from(n: usize) -> Said {
        Said::Plain(n.to_string())
    }
}

impl From<i32> for Said {
    fn from(n: i32) -> Said {
        Said::Plain(n.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Spanish;
    impl Words for Spanish {
        fn template(&self, key: &str) -> Option<&str> {
            (key == "t_gives").then_some("{label} da {shown}")
        }
        fn curated<'a>(&'a self, english: &'a str) -> Option<&'a str> {
            (english == "first policy paper").then_some("primer documento de política")
        }
    }

    #[test]
    fn templates_fill_their_arguments_in_the_language_and_fall_back_to_english() {
        let said = Said::List(vec![
            Said::Say(
                "t_gives",
                vec![
                    ("label", Said::curated("first policy paper")),
                    ("shown", "2008-11-05".into()),
                ],
            ),
            Said::curated("not translated"),
        ]);
        assert_eq!(
            said.render(&Spanish),
            "primer documento de política da 2008-11-05; not translated"
        );
        // A key no language has is shown as the key, never dropped.
        assert_eq!(Said::Say("t_gives", vec![]).to_string(), "t_gives");
        // An unknown name and an unclosed brace are left as written.
        assert_eq!(
            fill("{a} {b} {c", &[("a", "1".into())], &English),
            "1 {b} {c"
        );
    }
}
