//! The sets of words the lexicon rule looks up around every token it weighs: function words,
//! determiners, prepositions, the rule's allowed words.

use crate::kinds::WordClass;
use crate::{
    corpus::facts::{FingerprintSet, MAX_PACKED, packed_word},
    lexicon::FnvBuild,
};
use std::{
    cell::RefCell,
    collections::{BTreeMap, HashMap, HashSet},
};

/// A set of words looked up on every token. Most are short (determiners, function words): a
/// word of up to [`MAX_PACKED`] bytes is kept packed in an integer, looked up without hashing
/// nor comparing a string; a longer one is hashed with FNV, which is fast on short keys.
#[derive(Debug, Clone, Default)]
pub struct WordSet {
    /// The short words, packed ([`packed_word`]).
    short: FingerprintSet,
    /// The longer words, boxed: the sets are kept by value in the compiled rules (seven in
    /// each phrase rule's agreement), and most hold no such word.
    #[allow(clippy::box_collection)]
    long: Box<HashSet<String, FnvBuild>>,
}

impl WordSet {
    /// Whether `word` is in the set.
    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        if word.len() <= MAX_PACKED {
            self.short.contains(&packed_word(word.as_bytes()))
        } else {
            // Most sets hold no long word: the word is not even hashed.
            !self.long.is_empty() && self.long.contains(word)
        }
    }

    /// Whether the set holds no word.
    pub fn is_empty(&self) -> bool {
        self.short.is_empty() && self.long.is_empty()
    }

    /// The words of both sets.
    pub fn union(mut self, other: WordSet) -> WordSet {
        self.short.extend(other.short);
        self.long.extend(*other.long);
        self
    }
}

impl FromIterator<String> for WordSet {
    fn from_iter<I: IntoIterator<Item = String>>(words: I) -> Self {
        let mut set = WordSet::default();
        for word in words {
            if word.len() <= MAX_PACKED {
                set.short.insert(packed_word(word.as_bytes()));
            } else {
                set.long.insert(word);
            }
        }
        set
    }
}

/// The word sets of the word classes of one rule set, each built the first time a rule asks
/// for it and cloned after: every lexicon rule looks up the same classes.
#[derive(Debug, Default)]
pub struct ClassSets(RefCell<HashMap<String, WordSet>>);

impl ClassSets {
    /// The words of the class `name` of `classes` (none when there is no such class).
    /// `classes` must be the same map on every call.
    pub fn get(&self, classes: &BTreeMap<String, WordClass>, name: &str) -> WordSet {
        self.0
            .borrow_mut()
            .entry(name.to_string())
            .or_insert_with(|| {
                classes
                    .get(name)
                    .map(|c| c.members().map(str::to_string).collect())
                    .unwrap_or_default()
            })
            .clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_words_are_found_and_only_they() {
        let set: WordSet = ["de", "l'", "à", "", "quelques", "1234567", "12345678"]
            .into_iter()
            .map(String::from)
            .collect();
        for word in ["de", "l'", "à", "", "quelques", "1234567", "12345678"] {
            assert!(set.contains(word), "{word}");
        }
        for word in [
            "d",
            "de ",
            "l’",
            "a",
            "quelque",
            "123456",
            "123456789",
            "\0",
        ] {
            assert!(!set.contains(word), "{word:?}");
        }
        assert!(WordSet::default().is_empty() && !set.is_empty());
        let other: WordSet = ["la".to_string()].into_iter().collect();
        let both = set.union(other);
        assert!(both.contains("la") && both.contains("quelques"));
    }

    #[test]
    fn class_sets_follow_their_map() {
        let map = |word: &str| {
            let mut class = WordClass::default();
            class.extend([&word.to_string()]);
            BTreeMap::from([("det".to_string(), class)])
        };
        let (first, second) = (map("le"), map("la"));
        let (first_sets, second_sets) = (ClassSets::default(), ClassSets::default());
        for _ in 0..2 {
            let set = first_sets.get(&first, "det");
            assert!(set.contains("le") && !set.contains("la"));
            let set = second_sets.get(&second, "det");
            assert!(set.contains("la") && !set.contains("le"));
        }
        assert!(first_sets.get(&first, "none").is_empty());
        drop(first);
        let third = map("les");
        assert!(ClassSets::default().get(&third, "det").contains("les"));
    }
}
