//! How well a French word fits between two neighbours, from the words French prose writes next
//! to it: `data/context-pairs.tsv` and `data/context-words.tsv`, written by
//! `scripts/build_context_pairs.py` from the French documentation of Debian packages. "un
//! great nombre": "grand nombre" is written, "bon nombre" far less.

use super::FnvBuild;
use std::{collections::HashMap, sync::OnceLock};

static CONTEXT_PAIRS: &str = include_str!("../../data/context-pairs.tsv");
static CONTEXT_WORDS: &str = include_str!("../../data/context-words.tsv");

/// The words written next to each French word the linter may propose, and the most written
/// words with their counts, read into hash tables on first use: a flagged word asks about each
/// of its candidates, on both sides.
#[derive(Default)]
pub struct ContextPairs {
    tables: OnceLock<Tables>,
}

/// The data, indexed.
struct Tables {
    /// Each French word of `data/context-pairs.tsv`, with its line.
    words: HashMap<&'static str, Word, FnvBuild>,
    /// How often each of the most written words is written.
    common: HashMap<&'static str, f32, FnvBuild>,
    /// How many words the prose holds.
    total: f32,
}

/// A French word of `data/context-pairs.tsv`: how often it is written, and its neighbours,
/// read into a table the first time the word is asked about (few of the words are, in a run).
struct Word {
    count: f32,
    /// The lists of the words written before it and after it, as in the data.
    lists: [&'static str; 2],
    /// The pointwise mutual information of each listed pair: (neighbour, whether it stands
    /// after the word).
    pairs: OnceLock<HashMap<(&'static str, bool), f32, FnvBuild>>,
}

impl Word {
    fn pairs(&self) -> &HashMap<(&'static str, bool), f32, FnvBuild> {
        self.pairs.get_or_init(|| {
            let [before, after] = self.lists;
            let before = entries(before).map(|(word, pmi)| ((word, false), pmi));
            let after = entries(after).map(|(word, pmi)| ((word, true), pmi));
            before.chain(after).collect()
        })
    }
}

/// Which side of a word a neighbour stands on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Right before the word.
    Before,
    /// Right after the word.
    After,
}

/// The data lines of a file, without its leading `#` comment lines.
fn data_lines(raw: &'static str) -> impl Iterator<Item = &'static str> {
    raw.lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
}

/// The entries of a list `word:value,word:value,…`.
fn entries(list: &'static str) -> impl Iterator<Item = (&'static str, f32)> {
    list.split(',').filter_map(|entry| {
        let (word, value) = entry.rsplit_once(':')?;
        Some((word, decimal(value)?))
    })
}

/// A number written as the data writes them: an optional minus sign, digits, and at most one
/// decimal ("-0.4", "12.3", "7"). Read by hand: the tables hold some fifty thousand of them,
/// read when a document first needs them.
fn decimal(text: &str) -> Option<f32> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, tenth) = digits.split_once('.').unwrap_or((digits, "0"));
    let digit_value = |text: &str| {
        (!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()))
            .then(|| text.bytes().fold(0u32, |n, b| n * 10 + u32::from(b - b'0')))
    };
    let (whole, tenth) = (digit_value(whole)?, digit_value(tenth)?);
    if tenth >= 10 {
        return None;
    }
    let value = whole as f32 + tenth as f32 / 10.0;
    Some(if negative { -value } else { value })
}

impl Tables {
    /// The tables over the shipped data.
    fn read() -> Tables {
        let total = CONTEXT_WORDS
            .lines()
            .next()
            .and_then(|header| header.strip_prefix("# words "))
            .and_then(|count| count.trim().parse().ok())
            .expect("data/context-words.tsv starts with its number of words");
        let words = data_lines(CONTEXT_PAIRS)
            .filter_map(|line| {
                let mut fields = line.split('\t');
                let (word, count) = (fields.next()?, fields.next()?);
                let lists = [fields.next().unwrap_or(""), fields.next().unwrap_or("")];
                let count = decimal(count)?;
                let pairs = OnceLock::new();
                Some((
                    word,
                    Word {
                        count,
                        lists,
                        pairs,
                    },
                ))
            })
            .collect();
        let common = data_lines(CONTEXT_WORDS)
            .filter_map(|line| {
                let (word, count) = line.split_once('\t')?;
                Some((word, decimal(count)?))
            })
            .collect();
        Tables {
            words,
            common,
            total,
        }
    }
}

impl ContextPairs {
    /// The tables over the shipped data, read on first use.
    pub fn new() -> ContextPairs {
        ContextPairs::default()
    }

    fn tables(&self) -> &Tables {
        self.tables.get_or_init(Tables::read)
    }

    /// How much more often than chance the prose writes `neighbour` on `side` of `word` (both
    /// lowercase, apostrophes straight): the pair's smoothed pointwise mutual information,
    /// below 0 for a pair of common words the prose never writes together, and 0 when nothing
    /// is known (a word the prose seldom writes, or a rare neighbour).
    pub fn fit(&self, word: &str, side: Side, neighbour: &str) -> f32 {
        let tables = self.tables();
        let Some(entry) = tables.words.get(word) else {
            return 0.0;
        };
        if let Some(&pmi) = entry.pairs().get(&(neighbour, side == Side::After)) {
            return pmi;
        }
        tables
            .common
            .get(neighbour)
            .map_or(0.0, |&n| -(n * entry.count / tables.total + 1.0).ln())
    }

    /// `neighbour` with what the tables know of it alone (how often the prose writes it),
    /// looked up once for all the words that may stand beside it ([`ContextPairs::fit_between`]).
    pub fn neighbour(&self, neighbour: String) -> Neighbour {
        Neighbour {
            count: self.tables().common.get(neighbour.as_str()).copied(),
            word: neighbour,
        }
    }

    /// [`ContextPairs::fit`] of `word` after `before` plus its fit before `after` (a missing
    /// neighbour adds 0), with one lookup of `word` for both sides.
    pub fn fit_between(
        &self,
        word: &str,
        before: Option<&Neighbour>,
        after: Option<&Neighbour>,
    ) -> f32 {
        let tables = self.tables();
        let entry = tables.words.get(word);
        let side = |neighbour: Option<&Neighbour>, stands_after: bool| {
            let (Some(entry), Some(neighbour)) = (entry, neighbour) else {
                return 0.0;
            };
            if let Some(&pmi) = entry.pairs().get(&(neighbour.word.as_str(), stands_after)) {
                return pmi;
            }
            neighbour
                .count
                .map_or(0.0, |n| -(n * entry.count / tables.total + 1.0).ln())
        };
        side(before, false) + side(after, true)
    }
}

/// A neighbour of the words asked about, with its count in the prose when it is among the most
/// written words ([`ContextPairs::neighbour`]).
#[derive(Debug, Clone)]
pub struct Neighbour {
    word: String,
    count: Option<f32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_of_the_data_is_read() {
        let tables = Tables::read();
        assert_eq!(tables.words.len(), data_lines(CONTEXT_PAIRS).count());
        assert_eq!(tables.common.len(), data_lines(CONTEXT_WORDS).count());
        let listed: usize = data_lines(CONTEXT_PAIRS)
            .flat_map(|line| line.split('\t').skip(2))
            .map(|list| entries(list).count())
            .sum();
        let read: usize = tables.words.values().map(|word| word.pairs().len()).sum();
        assert_eq!(read, listed);
        assert!(tables.total > 5e5, "{}", tables.total);
    }

    #[test]
    fn a_collocation_fits_better_than_a_pair_never_written() {
        let context = ContextPairs::new();
        let written = context.fit("grand", Side::After, "nombre");
        assert!(written > 1.0, "{written}");
        assert!(context.fit("grand", Side::Before, "un") > 1.0);
        // "nombre" is common: a word the prose never writes before it is against the odds.
        let never = context.fit("important", Side::After, "nombre");
        assert!(never < 0.0, "{never}");
    }

    #[test]
    fn one_lookup_for_both_sides_answers_as_two_fits() {
        let context = ContextPairs::new();
        let tables = context.tables();
        // Words of the data, common words, and words the data lacks, on either side.
        let mut words: Vec<&str> = tables.words.keys().copied().take(300).collect();
        words.extend(tables.common.keys().copied().take(300));
        words.extend(["zzzzzz", "", "l'", "de"]);
        for (k, &word) in words.iter().enumerate() {
            for step in [1, 7, 31] {
                let before = words[(k + step) % words.len()];
                let after = words[(k * 3 + step) % words.len()];
                let (b, a) = (
                    context.neighbour(before.to_string()),
                    context.neighbour(after.to_string()),
                );
                let both =
                    context.fit(word, Side::Before, before) + context.fit(word, Side::After, after);
                assert_eq!(
                    context.fit_between(word, Some(&b), Some(&a)).to_bits(),
                    both.to_bits()
                );
                let alone = 0.0 + context.fit(word, Side::After, after);
                assert_eq!(
                    context.fit_between(word, None, Some(&a)).to_bits(),
                    alone.to_bits()
                );
                let alone = context.fit(word, Side::Before, before) + 0.0;
                assert_eq!(
                    context.fit_between(word, Some(&b), None).to_bits(),
                    alone.to_bits()
                );
            }
        }
        assert_eq!(context.fit_between("grand", None, None), 0.0);
    }

    #[test]
    fn what_is_not_known_says_nothing() {
        let context = ContextPairs::new();
        assert_eq!(context.fit("zzzzzz", Side::Before, "la"), 0.0);
        assert_eq!(context.fit("documentation", Side::After, "zzzzzz"), 0.0);
    }

    #[test]
    fn numbers_are_read_as_the_standard_parser_reads_them() {
        for text in ["0", "7", "12.3", "-0.4", "-12.0", "1638", "0.0"] {
            assert_eq!(decimal(text), text.parse::<f32>().ok(), "{text}");
        }
        for text in ["", "-", "1.", ".5", "1.23", "1e3", "a", "1.x", "--1"] {
            assert_eq!(decimal(text), None, "{text}");
        }
    }

    #[test]
    fn a_list_is_read_entry_by_entry() {
        let read: Vec<_> = entries("de:1.7,l':-0.5").collect();
        assert_eq!(read, [("de", 1.7), ("l'", -0.5)]);
        assert_eq!(entries("").count(), 0);
    }
}
