//! The per-thread memo of lexicon readings: a corpus repeats its words, and a probe of this
//! memo costs a fraction of the lookups it saves. Every word token of every document is looked
//! up here, so a probe reads a form in a few loads of eight bytes rather than byte by byte.

use super::Readings;
use crate::corpus::facts::{FingerprintBuild, packed_word};
use std::collections::HashMap;

/// The longest form the memo keys by its bytes themselves ([`packed_word`]).
const SHORT: usize = crate::corpus::facts::MAX_PACKED;

/// The memo's bound, in forms: it is emptied when it grows past it, so memory stays flat over
/// any corpus.
const BOUND: usize = 200_000;

/// Readings by form: forms of at most [`SHORT`] bytes by their bytes packed in an integer
/// ([`packed_word`]: no hashing of a string, no comparing one), longer ones by a fingerprint
/// ([`long_key`]) with the form itself, to tell apart two forms of the same fingerprint.
#[derive(Default)]
pub(super) struct Memo {
    pub(super) short: HashMap<u64, Readings, FingerprintBuild>,
    pub(super) long: HashMap<u64, (Box<str>, Readings), FingerprintBuild>,
}

/// What the memo holds for a form.
pub(super) enum Entry<'m> {
    /// The form's readings.
    Found(&'m mut Readings),
    /// Nothing.
    Absent,
    /// Another long form holds the form's fingerprint: the form is read without the memo.
    Taken,
}

impl Memo {
    /// The readings the memo holds for `form`, if any.
    #[inline(always)]
    pub(super) fn get(&self, form: &str) -> Option<Readings> {
        let bytes = form.as_bytes();
        if bytes.len() <= SHORT {
            return self.short.get(&packed_word(bytes)).copied();
        }
        match self.long.get(&long_key(bytes)) {
            Some((known, readings)) if **known == *form => Some(*readings),
            _ => None,
        }
    }

    /// The readings the memo holds for the short form of key `key` ([`plain_short_key`]), if
    /// any.
    #[inline(always)]
    pub(super) fn get_short(&self, key: u64) -> Option<Readings> {
        self.short.get(&key).copied()
    }

    /// The entry of `form`.
    pub(super) fn entry(&mut self, form: &str) -> Entry<'_> {
        let bytes = form.as_bytes();
        let found = if bytes.len() <= SHORT {
            self.short.get_mut(&packed_word(bytes))
        } else {
            match self.long.get_mut(&long_key(bytes)) {
                Some((known, _)) if **known != *form => return Entry::Taken,
                found => found.map(|(_, readings)| readings),
            }
        };
        found.map_or(Entry::Absent, Entry::Found)
    }

    /// Remembers the readings of `form`, which the memo does not hold ([`Entry::Absent`]);
    /// empties the memo first when it is full.
    pub(super) fn insert(&mut self, form: &str, readings: Readings) {
        if self.short.len() + self.long.len() >= BOUND {
            self.short.clear();
            self.long.clear();
        }
        let bytes = form.as_bytes();
        if bytes.len() <= SHORT {
            self.short.insert(packed_word(bytes), readings);
        } else {
            self.long.insert(long_key(bytes), (form.into(), readings));
        }
    }
}

/// The key under which the memo holds the word `text[range]`, read in one load of eight bytes,
/// when the word is short ([`SHORT`] bytes at most), has no byte 0xE2 (the first byte of a
/// curly apostrophe, which a form is looked up without) and eight bytes of `text` start at it:
/// [`packed_word`] of its bytes. `None` otherwise.
#[inline(always)]
pub(super) fn plain_short_key(text: &[u8], range: std::ops::Range<usize>) -> Option<u64> {
    let len = range.end - range.start;
    if len > SHORT {
        return None;
    }
    let eight = text.get(range.start..range.start + 8)?;
    let chunk =
        u64::from_le_bytes(eight.try_into().expect("eight bytes")) & ((1u64 << (8 * len)) - 1);
    (!crate::text::bytes::has_byte(chunk, 0xE2)).then_some(chunk | (len as u64) << 56)
}

/// Whether `bytes` hold a byte 0xE2, the first byte of a curly apostrophe (and of other
/// punctuation), tested eight bytes at a time: a form without one needs no straightening.
#[inline]
pub(super) fn has_e2(bytes: &[u8]) -> bool {
    let mut chunks = bytes.chunks_exact(8);
    let found = chunks.by_ref().any(|chunk| {
        crate::text::bytes::has_byte(
            u64::from_le_bytes(chunk.try_into().expect("eight bytes")),
            0xE2,
        )
    });
    found || chunks.remainder().contains(&0xE2)
}

/// A 64-bit fingerprint of a form of more than [`SHORT`] bytes, mixed eight bytes at a time
/// (the last eight read even where they overlap the eight before).
#[inline]
pub(super) fn long_key(bytes: &[u8]) -> u64 {
    debug_assert!(bytes.len() > SHORT);
    const MIX: u64 = 0x9e37_79b9_7f4a_7c15;
    let eight = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().expect("eight bytes"));
    let mut hash = (bytes.len() as u64).wrapping_mul(MIX);
    let mut at = 0;
    while at + 8 < bytes.len() {
        hash = (hash ^ eight(at)).wrapping_mul(MIX).rotate_left(23);
        at += 8;
    }
    hash = (hash ^ eight(bytes.len() - 8)).wrapping_mul(MIX);
    hash ^ hash >> 29
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_forms_are_the_packed_bytes() {
        for word in [
            "", "a", "à", "le", "les", "l’", "the", "their", "plus", "a\0", "abcdefg",
        ] {
            let byte_by_byte = word
                .bytes()
                .enumerate()
                .fold(0u64, |key, (at, byte)| key | u64::from(byte) << (8 * at))
                | (word.len() as u64) << 56;
            assert_eq!(packed_word(word.as_bytes()), byte_by_byte, "{word}");
        }
    }

    #[test]
    fn plain_short_keys_are_the_packed_forms_without_curly_apostrophes() {
        let text = "l’arbre et l'eau de l’été, aujourd’hui : à la fin du mot";
        let bytes = text.as_bytes();
        for start in 0..text.len() {
            for end in start..=text.len() {
                if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
                    continue;
                }
                let word = &text[start..end];
                let expected =
                    (word.len() <= SHORT && start + 8 <= text.len() && !word.contains('’'))
                        .then(|| packed_word(word.as_bytes()));
                assert_eq!(plain_short_key(bytes, start..end), expected, "{word:?}");
            }
        }
    }

    #[test]
    fn has_e2_answers_as_a_search_of_each_byte() {
        for text in [
            "",
            "a",
            "l’",
            "aujourd’hui",
            "constitutionnellement",
            "abcdefgh’",
            "éèê…",
        ] {
            for start in 0..=text.len() {
                let bytes = &text.as_bytes()[start..];
                assert_eq!(
                    has_e2(bytes),
                    bytes.contains(&0xE2),
                    "{text:?} from {start}"
                );
            }
        }
    }

    #[test]
    fn long_keys_tell_apart_words_that_differ_anywhere() {
        let words = [
            "worldwide",
            "worldwidf",
            "xorldwide",
            "configuration",
            "configuratioN",
            "configurations",
            "aujourd'hui",
            "abcdefgh",
            "abcdefghabcdefgh",
        ];
        for a in words {
            for b in words {
                assert_eq!(
                    long_key(a.as_bytes()) == long_key(b.as_bytes()),
                    a == b,
                    "{a} {b}"
                );
            }
        }
    }
}
