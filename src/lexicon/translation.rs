//! How close in meaning an English word is to each French word the linter may propose for it,
//! read as French: `data/translation-similarity.tsv`, the cosine of the two words' embeddings by
//! a multilingual encoder, for the reverse-spinner homographs, the reviewed pairs and the
//! French cognates of each English word. The evidence a bilingual dictionary would give:
//! "customer" is nearer "client" (0.88) than "service" (0.44).

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
    pub fn closeness(&self, english: &str, french: &str) -> f32 {
        let Some((_, raw)) = self.entries.entry(english) else {
            return 0.0;
        };
        raw.split(',')
            .filter_map(|entry| entry.split_once(':'))
            .find(|(word, _)| *word == french)
            .and_then(|(_, value)| value.parse().ok())
            .unwrap_or(0.0)
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
}
