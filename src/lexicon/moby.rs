//! Which French words the linter may propose for an English word are that word's synonyms in
//! Moby Thesaurus II: `data/moby-links.tsv`, written by `scripts/build_moby_links.py`. A
//! thesaurus far broader than WordNet, which links most words a synonym spinner swaps
//! ("chunks" and "segments", "merger" and "union"), and far looser: one piece of evidence
//! among the others.

use super::sorted::SortedLines;

static MOBY_LINKS: &str = include_str!("../../data/moby-links.tsv");

/// The Moby links (`english<TAB>french,…`, sorted by English word).
pub struct MobyLinks {
    entries: SortedLines,
}

impl MobyLinks {
    /// The table over the shipped data.
    pub fn new() -> MobyLinks {
        MobyLinks {
            entries: SortedLines::new(MOBY_LINKS),
        }
    }

    /// The French words Moby links to `english`, as the data files spell them.
    pub fn linked_to(&self, english: &str) -> impl Iterator<Item = &'static str> {
        self.entries
            .entry(english)
            .map_or("", |(_, raw)| raw)
            .split(',')
            .filter(|word| !word.is_empty())
    }

    /// Whether Moby links `english` to the French word `french`, as the data files spell it.
    #[cfg(test)]
    fn links(&self, english: &str, french: &str) -> bool {
        self.linked_to(english).any(|word| word == french)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_is_sorted_for_binary_search() {
        MobyLinks::new().entries.assert_sorted();
    }

    #[test]
    fn synonyms_are_linked_and_cognates_are_not() {
        let moby = MobyLinks::new();
        assert!(moby.links("merger", "union"));
        assert!(
            moby.links("chunks", "fragments"),
            "a plural word, by its singular's links"
        );
        assert!(
            !moby.links("terms", "termes"),
            "a cognate is no synonym, even when Moby lists the word's own singular"
        );
        assert!(!moby.links("merger", "zzz"));
        assert!(!moby.links("zzzzzz", "union"));
    }
}
