//! The sets of words the lexicon rule looks up around every token it weighs: function words,
//! determiners, prepositions, the rule's allowed words.

use super::packed_set::PackedSet;
use crate::kinds::WordClass;
use crate::{
    corpus::facts::{MAX_PACKED, packed_word, packed_word_in},
    document::Document,
    lexicon::FnvBuild,
    text::{bytes::has_byte, normalize::straightened},
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
    short: PackedSet,
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
            self.short.contains(packed_word(word.as_bytes()))
        } else {
            // Most sets hold no long word: the word is not even hashed.
            !self.long.is_empty() && self.long.contains(word)
        }
    }

    /// Whether token `i` of `doc`, folded and with straight apostrophes, is in the set, as
    /// [`WordSet::contains`] answers: a token of up to [`MAX_PACKED`] bytes without a curly
    /// apostrophe, most tokens, is packed straight from the folded text in one load.
    #[inline(always)]
    pub fn contains_token(&self, doc: &Document, i: usize) -> bool {
        let range = doc.tokens[i].range();
        if range.len() <= MAX_PACKED {
            let key = packed_word_in(doc.folded.as_bytes(), range);
            // A curly apostrophe (E2 80 99) is looked up straightened; the length byte of the
            // key is below 8.
            if !has_byte(key, 0xE2) {
                return self.short.contains(key);
            }
        }
        self.contains(&straightened(doc.folded_word(i)))
    }

    /// Whether the set holds no word.
    pub fn is_empty(&self) -> bool {
        self.short.is_empty() && self.long.is_empty()
    }

    /// The words of both sets.
    pub fn union(mut self, other: WordSet) -> WordSet {
        for key in other.short.keys() {
            self.short.insert(key);
        }
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
    fn a_token_is_in_the_set_when_its_straightened_word_is() {
        let set: WordSet = ["de", "l'", "à", "the", "quelques", "aujourd'hui", "ça"]
            .into_iter()
            .map(String::from)
            .collect();
        let mut texts = crate::fixture_texts::fixture_texts(&["seeds", "mt"]);
        texts.push("De l’arbre à L'Été, aujourd’hui the quelques ça\u{2019}a d’\u{e2}".into());
        let (mut tokens, mut found) = (0, 0);
        for text in texts {
            let doc = Document::new(&text, crate::formats::Format::Text);
            for i in 0..doc.tokens.len() {
                let expected = set.contains(&straightened(doc.folded_word(i)));
                assert_eq!(set.contains_token(&doc, i), expected, "{}", doc.word(i));
                tokens += 1;
                found += usize::from(expected);
            }
        }
        assert!(
            tokens >= 1000 && found >= 50,
            "{tokens} tokens, {found} found"
        );
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
