//! How close in meaning an English word is to each French word the linter may propose for it,
//! read as French: `data/translation-similarity.tsv`, the cosine of the two words' embeddings by
//! a multilingual encoder, for the reverse-spinner homographs, the reviewed pairs, the French
//! cognates and the nearest French nouns and adjectives of each English word. The evidence a
//! bilingual dictionary would give: "customer" is nearer "client" (0.88) than "service"
//! (0.44), and "level" nearest "niveau".

use super::sorted::SortedLines;

static TRANSLATION_SIMILARITY: &str = include_str!("../../data/translation-similarity.tsv");

/// The closeness table (`english<TAB>french:closeness,…`, sorted by English word).
pub struct TranslationMap {
    entries: SortedLines,
}

impl TranslationMap {
    /// The table over the shipped data.
    pub fn new() -> TranslationMap {
        TranslationMap {
            entries: SortedLines::new(TRANSLATION_SIMILARITY),
        }
    }

    /// How close in meaning `english` is to the French word `french` (a cosine, 0 to 1; 0 when
    /// the pair was not measured).
    /// Only the value of `french` is parsed, not those of the words before it.
    pub fn closeness(&self, english: &str, french: &str) -> f32 {
        self.pairs(english)
            .filter(|(word, _)| *word == french)
            .find_map(|(_, value)| value.parse().ok())
            .unwrap_or(0.0)
    }

    /// Every French word measured against `english`, with its closeness, in the table's order.
    pub fn measured(&self, english: &str) -> impl Iterator<Item = (&'static str, f32)> {
        self.pairs(english)
            .filter_map(|(word, value)| Some((word, value.parse().ok()?)))
    }

    /// The French words measured against `english`, each with its closeness as written.
    fn pairs(&self, english: &str) -> impl Iterator<Item = (&'static str, &'static str)> {
        self.entries
            .entry(english)
            .map(|(_, raw)| raw)
            .unwrap_or("")
            .split(',')
            .filter_map(|entry| entry.split_once(':'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_is_sorted_for_binary_search() {
        TranslationMap::new().entries.assert_sorted();
    }

    #[test]
    fn a_translation_is_closer_than_a_mere_neighbour() {
        let map = TranslationMap::new();
        assert!(map.closeness("customer", "client") > map.closeness("customer", "service"));
        assert!(
            map.closeness("example", "exemple") > map.closeness("example", "instance"),
            "a cognate is measured too, and a homograph is read as French"
        );
        assert_eq!(map.closeness("customer", "zzz"), 0.0);
        assert_eq!(map.closeness("zzzzzz", "client"), 0.0);
    }

    #[test]
    fn closeness_is_the_measured_value() {
        let map = TranslationMap::new();
        let mut compared = 0;
        for english in ["customer", "example", "level", "network", "file", "zzzzzz"] {
            let measured: Vec<(&str, f32)> = map.measured(english).collect();
            for &(french, value) in &measured {
                let first = measured.iter().find(|(w, _)| *w == french).map(|p| p.1);
                assert_eq!(map.closeness(english, french), first.unwrap_or(value));
                compared += 1;
            }
            assert_eq!(map.closeness(english, "zzz"), 0.0);
        }
        assert!(compared > 20, "{compared}");
    }

    #[test]
    fn the_nearest_french_words_are_measured_even_when_not_english() {
        let map = TranslationMap::new();
        let nearest = |english: &str| {
            map.measured(english)
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(word, _)| word)
        };
        assert_eq!(nearest("level"), Some("niveau"));
        assert_eq!(nearest("network"), Some("réseau"));
        assert_eq!(map.measured("zzzzzz").count(), 0);
    }
}
