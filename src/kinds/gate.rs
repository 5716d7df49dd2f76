//! Literal gates: for a regular expression, sets of strings such that every match holds one
//! string of each, read from its syntax tree ([`needed`]). A document that lacks them cannot
//! match, so the expression need not be compiled nor run over it; most of a pack's expressions
//! are never compiled in a run over text that does not call for them, which keeps start-up
//! short.
//!
//! The strings are searched for without regard to ASCII case (a superset of the exact
//! search, so a gate never shuts out a match); characters whose case variants are not ASCII
//! ("é" and "É", "k" and the Kelvin sign) become one string per variant.

pub(crate) mod frequency;
pub mod lines;
pub mod needed;
pub mod pairs;

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use pairs::{BytePairs, PairCases};
use regex_syntax::hir::Hir;
use std::sync::{
    OnceLock,
    atomic::{AtomicUsize, Ordering},
};

/// The bytes a text holds, ASCII letters counted in lowercase: a necessary condition for a
/// string to occur in it that costs a few bit operations to test.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ByteSet([u64; 4]);

impl ByteSet {
    /// The bytes of `bytes`, ASCII letters in lowercase.
    pub fn of(bytes: &[u8]) -> ByteSet {
        let mut set = ByteSet::default();
        if bytes.len() < 256 {
            for &byte in bytes {
                set.insert(byte);
            }
            return set;
        }
        // A table of bytes seen first, then the set: one store a byte over a long text.
        let mut seen = [false; 256];
        for &byte in bytes {
            seen[usize::from(byte)] = true;
        }
        for (byte, _) in seen.iter().enumerate().filter(|(_, seen)| **seen) {
            set.insert(byte as u8);
        }
        set
    }

    /// [`ByteSet::of`] a text of two bytes or more whose first byte is `first` and whose byte
    /// pairs are `pairs`: every other byte follows one, and is read from the pairs' table
    /// (256 rows of 256 flags) instead of the text, which costs less over a long text whose
    /// pairs are found anyway.
    pub fn of_first_and_pairs(first: u8, pairs: &BytePairs) -> ByteSet {
        let mut set = ByteSet::default();
        set.insert(first);
        let seconds = pairs.second_bytes();
        for byte in 0..=255u8 {
            if seconds[usize::from(byte >> 6)] & 1 << (byte & 63) != 0 {
                set.insert(byte);
            }
        }
        set
    }

    fn insert(&mut self, byte: u8) {
        let byte = byte.to_ascii_lowercase();
        self.0[usize::from(byte >> 6)] |= 1 << (byte & 63);
    }

    /// Whether every byte of `self` is in `other`.
    fn within(&self, other: &ByteSet) -> bool {
        self.0.iter().zip(&other.0).all(|(a, b)| a & !b == 0)
    }

    /// The bytes of both sets.
    fn and(self, other: &ByteSet) -> ByteSet {
        ByteSet(std::array::from_fn(|i| self.0[i] & other.0[i]))
    }
}

/// Strings one of which every match of an expression holds.
#[derive(Debug)]
struct Strings {
    /// The strings, ASCII letters in lowercase, none holding another.
    strings: Vec<Vec<u8>>,
    /// The bytes of each string.
    bytes: Vec<ByteSet>,
    /// The bytes every string holds: a text without one of them holds none of the strings,
    /// which one test tells.
    shared: ByteSet,
    /// The byte pairs of each string in their cases, for the pair test of a set of at most
    /// [`PAIR_TEST_STRINGS`] strings (none for a larger set).
    pairs: Vec<Box<[PairCases]>>,
    /// Whether every string is one byte long, so that the byte test is the whole test.
    single_bytes: bool,
    /// The strings as an automaton, built once the strings have been searched for one at a
    /// time as long as [`ONE_BY_ONE_WORK`] allows.
    matcher: OnceLock<Option<AhoCorasick>>,
    /// The work spent searching for the strings one at a time: bytes of text times strings.
    one_by_one_work: AtomicUsize,
}

/// The most work (bytes of text times strings, over every text) a gate spends searching for
/// its strings one at a time before it builds their automaton: building an automaton of a
/// few hundred strings costs millions of instructions, more than searching for them one by
/// one in the few kilobytes of text a gate searches in most runs.
const ONE_BY_ONE_WORK: usize = 1 << 22;

impl Strings {
    fn new(strings: Vec<Vec<u8>>) -> Strings {
        let bytes: Vec<ByteSet> = strings.iter().map(|s| ByteSet::of(s)).collect();
        Strings {
            shared: bytes
                .iter()
                .copied()
                .reduce(|shared, bytes| shared.and(&bytes))
                .unwrap_or_default(),
            bytes,
            pairs: match strings.len() <= PAIR_TEST_STRINGS {
                true => strings.iter().map(|s| PairCases::of(s)).collect(),
                false => Vec::new(),
            },
            single_bytes: strings.iter().all(|s| s.len() == 1),
            strings,
            matcher: OnceLock::new(),
            one_by_one_work: AtomicUsize::new(0),
        }
    }

    /// Whether a text whose bytes are `present` may hold one of the strings.
    fn bytes_within(&self, present: &ByteSet) -> bool {
        self.shared.within(present) && self.bytes.iter().any(|bytes| bytes.within(present))
    }

    /// Whether a text with the byte pairs `pairs` may hold one of the strings: it holds every
    /// pair of one of them, ASCII case aside (a set of more than [`PAIR_TEST_STRINGS`]
    /// strings is not tested).
    fn pairs_within(&self, pairs: &BytePairs) -> bool {
        self.strings.len() > PAIR_TEST_STRINGS
            || self
                .pairs
                .iter()
                .any(|cases| pairs.holds_every_pair_in_some_case(cases))
    }

    /// Whether `text` holds one of the strings, once its bytes passed the byte test.
    fn found_in(&self, text: &str) -> bool {
        if self.single_bytes {
            return true;
        }
        if self.matcher.get().is_none() {
            let work = text.len().saturating_mul(self.strings.len());
            let before = self.one_by_one_work.fetch_add(work, Ordering::Relaxed);
            if before.saturating_add(work) <= ONE_BY_ONE_WORK {
                return self.found_one_by_one(text);
            }
        }
        let matcher = self.matcher.get_or_init(|| {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .build(&self.strings)
                .ok()
        });
        matcher.as_ref().is_none_or(|m| m.is_match(text))
    }

    /// Whether `text` holds one of the strings, each searched for in turn in a copy of the
    /// text with its ASCII letters in lowercase: the answer of the automaton, without it.
    fn found_one_by_one(&self, text: &str) -> bool {
        let lowered = text.as_bytes().to_ascii_lowercase();
        self.strings
            .iter()
            .any(|string| memchr::memmem::find(&lowered, string).is_some())
    }
}

/// The most strings of a set whose byte pairs are tested ([`LiteralGate::admits_pairs`]).
const PAIR_TEST_STRINGS: usize = 64;

/// Sets of strings such that every match of an expression holds one string of each.
#[derive(Debug)]
pub struct LiteralGate {
    sets: Vec<Strings>,
}

impl LiteralGate {
    /// The gate of a parsed expression; `None` when no set of strings is found that every
    /// match holds one of (the expression may match the empty string, or is made of broad
    /// classes).
    pub fn of_hir(hir: &Hir) -> Option<LiteralGate> {
        LiteralGate::of_sets(needed::needed_sets(hir))
    }

    /// The gate of sets of strings found by [`needed::needed_sets`]; `None` when there are
    /// none.
    pub fn of_sets(sets: Vec<Vec<Vec<u8>>>) -> Option<LiteralGate> {
        (!sets.is_empty()).then(|| LiteralGate {
            sets: sets.into_iter().map(Strings::new).collect(),
        })
    }

    /// Whether a text whose bytes are `present` may hold one string of each set: the cheap
    /// half of the test, exact when every string is one byte long.
    pub fn admits_bytes(&self, present: &ByteSet) -> bool {
        self.sets.iter().all(|set| set.bytes_within(present))
    }

    /// Whether a text with the byte pairs `pairs` may hold one string of each set: it holds
    /// every pair of consecutive bytes of one of them, ASCII case aside. As cheap as the byte
    /// test for a set of few strings, and as exact for strings of two bytes.
    pub fn admits_pairs(&self, pairs: &BytePairs) -> bool {
        self.sets.iter().all(|set| set.pairs_within(pairs))
    }

    /// Whether `text`, whose bytes passed [`LiteralGate::admits_bytes`], holds one string of
    /// each set.
    pub fn admits_text(&self, text: &str) -> bool {
        self.sets.iter().all(|set| set.found_in(text))
    }

    /// Whether `text`, whose bytes are `present`, holds one string of each set, so that the
    /// expression may match in it.
    pub fn admits(&self, text: &str, present: &ByteSet) -> bool {
        self.admits_bytes(present) && self.admits_text(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bytes read from the byte pairs are those read from the text, on every fixture and
    /// on random bytes of every value, with tables taken back and stamped again many times.
    #[test]
    fn bytes_read_from_the_pairs_are_the_bytes_of_the_text() {
        let mut texts: Vec<Vec<u8>> = crate::fixture_texts::fixture_texts(&["seeds", "mt"])
            .into_iter()
            .map(String::into_bytes)
            .collect();
        let mut random = crate::fixture_texts::random_below(11);
        for _ in 0..600 {
            let len = 2 + random(300);
            let range = 1 + random(256);
            texts.push((0..len).map(|_| random(range) as u8).collect());
        }
        for text in texts.iter().filter(|text| text.len() >= 2) {
            let pairs = BytePairs::of(text);
            assert_eq!(
                ByteSet::of_first_and_pairs(text[0], &pairs),
                ByteSet::of(text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn strings_holding_others_are_dropped() {
        let hir = regex_syntax::Parser::new()
            .parse("&(?:amp|nbsp);|&")
            .unwrap();
        assert_eq!(
            LiteralGate::of_hir(&hir).unwrap().sets[0].strings,
            vec![b"&".to_vec()]
        );
    }

    #[test]
    fn strings_searched_one_by_one_are_found_as_the_automaton_finds_them() {
        let mut random = crate::fixture_texts::random_below(7);
        let alphabet = ["a", "B", "b", "é", "É", " ", "k", "\u{212a}"];
        let mut word = |length: usize| -> String {
            (0..length)
                .map(|_| alphabet[random(alphabet.len())])
                .collect()
        };
        for _ in 0..300 {
            let strings: Vec<Vec<u8>> = (0..4)
                .map(|_| word(2).as_bytes().to_ascii_lowercase())
                .collect();
            let text = word(12);
            let set = Strings::new(strings);
            let automaton = AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(&set.strings)
                .unwrap();
            assert_eq!(
                set.found_one_by_one(&text),
                automaton.is_match(&text),
                "{:?} in {text:?}",
                set.strings
            );
        }
    }

    #[test]
    fn gates_never_shut_out_a_match() {
        let cases = [
            (
                "(?i)partagez (?:cet|cette) article",
                "PARTAGEZ cette Article !",
            ),
            ("(?i)o[kK]", "O\u{212a}"),
            ("(?i)été", "ÉTÉ"),
            (r"(?P<a>[1-9][0-9]{0,2}),(?P<b>[0-9]{3})", "1,000"),
            (r"(?m)^[ \t]*(?:\*[ \t]*){5,}$", "* * * * *"),
        ];
        for (pattern, text) in cases {
            let hir = regex_syntax::Parser::new().parse(pattern).unwrap();
            assert!(regex::Regex::new(pattern).unwrap().is_match(text));
            if let Some(gate) = LiteralGate::of_hir(&hir) {
                let present = ByteSet::of(text.as_bytes());
                assert!(gate.admits(text, &present), "{pattern} on {text}");
            }
        }
        let gate = |pattern| {
            LiteralGate::of_hir(&regex_syntax::Parser::new().parse(pattern).unwrap()).unwrap()
        };
        let admits =
            |gate: &LiteralGate, text: &str| gate.admits(text, &ByteSet::of(text.as_bytes()));
        assert!(!admits(&gate("(?i)partagez"), "Bonjour."));
        assert!(
            !admits(&gate("(?i)partagez"), "Trop de gaz à Paris."),
            "same bytes, no string"
        );
        assert!(admits(&gate("(?i)partagez"), "Paris : PartaGez !"));
        assert!(admits(&gate("[0-9]+,[0-9]"), "1,5"));
        assert!(!admits(&gate("[0-9]+,[0-9]"), "1.5"));
        // Every needed set is tested: a stop is not enough without a digit.
        assert!(!admits(&gate(r"[0-9]\.[0-9]"), "Bonjour."));
        assert!(admits(&gate(r"[0-9]\.[0-9]"), "Il pèse 3.5 kg."));
    }

    #[test]
    fn a_text_refused_by_the_pairs_of_the_strings_holds_none_of_them() {
        let mut sources: Vec<String> = crate::kinds::builtin_line_and_pattern_expressions()
            .into_iter()
            .map(|pattern| pattern.regex.source().to_string())
            .collect();
        sources.extend(["(?i)partagez|ab", "(?i)été|k", "[0-9]+,[0-9]"].map(String::from));
        let mut texts = crate::fixture_texts::fixture_texts(&["seeds", "mt"]);
        let pieces = [
            "PARTAGEZ", "partagez", "Ab", "aB", "été", "ÉTÉ", "K", "\u{212a}", "1,5", " ", "«",
            "»", ".", "’", "km", "Mo", "%", "XNUMX", "\n", "le", "De",
        ];
        texts.extend(crate::fixture_texts::random_texts(
            13,
            &pieces,
            3_000,
            0..6,
            "",
        ));
        let pairs: Vec<BytePairs> = texts.iter().map(|t| BytePairs::of(t.as_bytes())).collect();
        let (mut gates, mut refusals) = (0, 0);
        for source in &sources {
            let hir = regex_syntax::Parser::new().parse(source).unwrap();
            let Some(gate) = LiteralGate::of_hir(&hir) else {
                continue;
            };
            gates += 1;
            for (text, pairs) in texts.iter().zip(&pairs) {
                if !gate.admits_pairs(pairs) {
                    refusals += 1;
                    assert!(!gate.admits_text(text), "{source} on {text:?}");
                }
            }
        }
        assert!(gates > 100, "{gates} gates");
        assert!(refusals > 10_000, "{refusals} texts refused");
    }
}
