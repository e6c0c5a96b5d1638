//! The indicators' SQL lives in `.sql` files under `crates/indicators/sql/`, one per indicator or
//! shared table, compiled in with `include_str!`. A file may leave `{{name}}` parameters open
//! when one definition is read from several sources (the trade indicators over IMF DOTS, IMF
//! IMTS and UN Comtrade); the catalogue binds them. The engine, `galeon indicators sql` and the
//! docs pages all read the query through [`Sql::text`].

use std::borrow::Cow;

/// A query from a file of `crates/indicators/sql/`, with its parameters' values.
#[derive(Debug, Clone, Copy)]
pub struct Sql {
    /// The file, relative to `crates/indicators/sql/`.
    pub file: &'static str,
    template: &'static str,
    bind: &'static [(&'static str, &'static str)],
}

impl Sql {
    /// Use the [`sql!`] macro, which reads the file.
    #[doc(hidden)]
    pub const fn new(
        file: &'static str,
        template: &'static str,
        bind: &'static [(&'static str, &'static str)],
    ) -> Self {
        Sql {
            file,
            template,
            bind,
        }
    }

    /// The query with its parameters replaced by their values.
    pub fn text(&self) -> Cow<'static, str> {
        let template = self.template.trim();
        if self.bind.is_empty() {
            return Cow::Borrowed(template);
        }
        let mut text = template.to_string();
        for (name, value) in self.bind {
            text = text.replace(&format!("{{{{{name}}}}}"), value);
        }
        Cow::Owned(text)
    }

    /// The values bound to the file's parameters, by name.
    pub fn parameters(&self) -> &'static [(&'static str, &'static str)] {
        self.bind
    }

    /// Whether the query reads `table` (see [`super::mentions`]).
    pub fn mentions(&self, table: &str) -> bool {
        super::mentions(&self.text(), table)
    }

    /// Parameters bound that the file never names, and names the file leaves unbound: both are
    /// mistakes in the catalogue, checked by a test.
    pub fn unmatched_parameters(&self) -> Vec<String> {
        let unused = self
            .bind
            .iter()
            .filter(|(name, _)| !self.template.contains(&format!("{{{{{name}}}}}")))
            .map(|(name, _)| format!("{name} (bound, not in the file)"));
        let text = self.text();
        let open = text
            .match_indices("{{")
            .map(|(at, _)| text[at..].split("}}").next().unwrap_or_default())
            .map(|name| format!("{} (in the file, not bound)", &name[2..]));
        unused.chain(open).collect()
    }
}

/// `sql!("file.sql")` or `sql!("file.sql", name = "value", …)`: the file's query, read when
/// galeon is compiled, with values for its `{{name}}` parameters.
macro_rules! sql {
    ($file:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::catalogue::Sql::new(
            $file,
            include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/sql/", $file)),
            &[$((stringify!($name), $value)),*],
        )
    };
}
pub(crate) use sql;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_are_replaced_and_mistakes_named() {
        let bound = Sql::new(
            "t.sql",
            "SELECT '{{a}}' FROM {{t}}\n",
            &[("a", "x"), ("t", "u")],
        );
        assert_eq!(bound.text(), "SELECT 'x' FROM u");
        assert!(bound.unmatched_parameters().is_empty());
        let wrong = Sql::new(
            "t.sql",
            "SELECT {{a}} FROM {{t}}",
            &[("a", "x"), ("b", "y")],
        );
        assert_eq!(
            wrong.unmatched_parameters(),
            ["b (bound, not in the file)", "t (in the file, not bound)"]
        );
    }
}
