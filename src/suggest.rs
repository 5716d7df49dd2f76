//! "Did you mean" suggestions: the closest candidate by edit distance.

pub use crate::text::distance::edit_distance;

/// The candidate closest to `word`, if it is close enough to be a likely typo (at most half the
/// length of `word`, and at least 2, edits away) or starts with `word` (an abbreviation).
pub fn closest<'a, I>(word: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a str>,
{
    let limit = word.chars().count().max(4) / 2;
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|(distance, c)| *distance <= limit || (word.len() >= 2 && c.starts_with(word)))
        .min()
        .map(|(_, best)| best.to_string())
}

/// " (did you mean `x`?)" for the candidate closest to `word`, or nothing.
pub fn did_you_mean<'a, I>(word: &str, candidates: I) -> String
where
    I: IntoIterator<Item = &'a str>,
{
    closest(word, candidates)
        .map(|best| format!(" (did you mean `{best}`?)"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("é", "e"), 1);
    }

    #[test]
    fn suggestions() {
        assert_eq!(
            did_you_mean("selct", ["select", "ignore"]),
            " (did you mean `select`?)"
        );
        assert_eq!(did_you_mean("zzzzzzzz", ["select", "ignore"]), "");
    }
}
