//! Name normalisation: the only transformation applied before an exact lookup.

use unicode_normalization::UnicodeNormalization;

/// Normalises a country name for exact lookup.
///
/// Case, accents, punctuation and spacing are folded; nothing else is changed, so two
/// names resolve to the same entity only when they are the same words.
/// `&` becomes `and`, and a leading `the` is dropped ("The Bahamas", "Bahamas, The").
///
/// ```
/// use galeon_registry::normalize;
/// assert_eq!(normalize("Perú"), "peru");
/// assert_eq!(normalize("Trinidad & Tobago"), "trinidad and tobago");
/// assert_eq!(normalize("Bahamas, The"), normalize("The Bahamas"));
/// assert_eq!(normalize("China, P.R.: Mainland"), "china p r mainland");
/// ```
pub fn normalize(name: &str) -> String {
    let mut folded = String::with_capacity(name.len());
    for c in name.nfkd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        match c {
            '&' => folded.push_str(" and "),
            'ß' => folded.push_str("ss"),
            'ø' | 'Ø' => folded.push('o'),
            'æ' | 'Æ' => folded.push_str("ae"),
            '\'' | '’' | '‘' | '`' => {} // apostrophes join: "d'Ivoire" and "d’Ivoire" agree
            c if c.is_alphanumeric() => folded.extend(c.to_lowercase()),
            _ => folded.push(' '),
        }
    }
    let words: Vec<&str> = folded.split_whitespace().collect();
    let words: Vec<&str> = match words.as_slice() {
        ["the", rest @ ..] if !rest.is_empty() => rest.to_vec(),
        [rest @ .., "the"] if !rest.is_empty() => rest.to_vec(),
        _ => words,
    };
    words.join(" ")
}

/// Levenshtein distance between two strings, by characters; used only to suggest names.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

/// Whether `needle` occurs in `text` with no letter or digit on either side: "Dominica" is not
/// found in "Dominican", nor "cdb" in "acdbx".
///
/// ```
/// use galeon_registry::contains_word;
/// assert!(contains_word("trade with Brazil grew", "Brazil"));
/// assert!(contains_word("Dominica, Grenada and others", "Dominica"));
/// assert!(!contains_word("the Dominican Republic", "Dominica"));
/// assert!(!contains_word("Perusal", "Peru"));
/// ```
pub fn contains_word(text: &str, needle: &str) -> bool {
    text.match_indices(needle).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_and_punctuation() {
        assert_eq!(normalize("  MÉXICO "), "mexico");
        assert_eq!(normalize("Côte d’Ivoire"), normalize("Cote d'Ivoire"));
        assert_eq!(
            normalize("Venezuela, Rep. Bolivariana de"),
            "venezuela rep bolivariana de"
        );
        assert_eq!(normalize("St. Kitts-Nevis"), "st kitts nevis");
        assert_eq!(normalize("Trinidad-Tobago"), "trinidad tobago");
    }

    #[test]
    fn a_lone_the_is_kept() {
        assert_eq!(normalize("The"), "the");
    }

    #[test]
    fn edit_distance_counts_single_edits() {
        assert_eq!(edit_distance("peru", "peru"), 0);
        assert_eq!(edit_distance("peru", "pero"), 1);
        assert_eq!(edit_distance("brasil", "brazil"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
