//! Word lookups of the grammar pass that need no hashing: the words of at most 8 bytes (most
//! words of a text) keyed by their bytes read as one integer, and a byte test that rules out
//! most words indexing no pattern.

use super::facts::WordEntry;
use crate::text::packed_table::PackedTable;
use std::borrow::Cow;

/// The longest word (in bytes) of [`ShortWords`].
pub(super) const SHORT: usize = 16;

/// The key of a word of 1 to [`SHORT`] bytes: its bytes as a little-endian integer,
/// zero-padded (no word holds a NUL byte, so two words never share a key); `None` for other
/// lengths.
#[inline]
pub(super) fn short_key(word: &[u8]) -> Option<u128> {
    if word.is_empty() || word.len() > SHORT {
        return None;
    }
    let mut padded = [0; SHORT];
    padded[..word.len()].copy_from_slice(word);
    Some(u128::from_le_bytes(padded))
}

/// The mask that keeps the first `n` bytes of a little-endian [`short_key`], by `n`: read
/// from a table, since a shift of a 128-bit integer by a variable amount takes a dozen
/// instructions.
const KEEP_BYTES: [u128; SHORT + 1] = {
    let mut masks = [0; SHORT + 1];
    let mut n = 1;
    while n <= SHORT {
        masks[n] = u128::MAX >> (8 * (SHORT - n));
        n += 1;
    }
    masks
};

/// The [`short_key`]s of the word `text[start..end]` and of its folded form
/// `folded[start..end]` (the same range of the folded text), when the word has 1 to [`SHORT`]
/// bytes and is in ASCII or Latin-1 (no byte from 0xC4 on: no curly apostrophe, and no
/// uppercase letter that folding leaves as it is). Read without copying when the texts go on
/// for [`SHORT`] bytes from `start`.
#[inline]
pub(super) fn latin_keys_at(
    text: &[u8],
    folded: &[u8],
    start: usize,
    end: usize,
) -> Option<(u128, u128)> {
    const HIGH: u128 = 0x8080_8080_8080_8080_8080_8080_8080_8080;
    const LOW: u128 = 0x7F7F_7F7F_7F7F_7F7F_7F7F_7F7F_7F7F_7F7F;
    const FROM_C4: u128 = 0x3C3C_3C3C_3C3C_3C3C_3C3C_3C3C_3C3C_3C3C;
    let len = end - start;
    if !(1..=SHORT).contains(&len) {
        return None;
    }
    let (raw, folded) = match (
        text.get(start..start + SHORT),
        folded.get(start..start + SHORT),
    ) {
        (Some(raw), Some(folded)) => {
            let mask = KEEP_BYTES[len];
            (
                u128::from_le_bytes(raw.try_into().ok()?) & mask,
                u128::from_le_bytes(folded.try_into().ok()?) & mask,
            )
        }
        _ => (
            short_key(&text[start..end])?,
            short_key(&folded[start..end])?,
        ),
    };
    // A byte from 0xC4 on has its high bit, and its low 7 bits plus 0x3C reach the high bit
    // (never carrying into the next byte).
    if ((raw & LOW) + FROM_C4) & raw & HIGH != 0 {
        return None;
    }
    Some((raw, folded))
}

/// The words of at most [`SHORT`] bytes of a word table, by [`short_key`], in a
/// [`PackedTable`] (at most half full).
#[derive(Debug)]
pub(super) struct ShortWords(PackedTable<WordEntry>);

impl Default for ShortWords {
    fn default() -> ShortWords {
        ShortWords::new(std::iter::empty())
    }
}

impl ShortWords {
    /// The table of the short ones among `words` (lowercase, straight apostrophes).
    pub(super) fn new<'w>(words: impl Iterator<Item = (&'w str, WordEntry)>) -> ShortWords {
        let short: Vec<(u128, WordEntry)> = words
            .filter_map(|(word, entry)| Some((short_key(word.as_bytes())?, entry)))
            .collect();
        ShortWords(PackedTable::new(short, 2))
    }

    /// The entry of the word with key `key` (the default one when the table lacks it).
    #[inline]
    pub(super) fn get(&self, key: u128) -> WordEntry {
        self.0.get(key).copied().unwrap_or_default()
    }
}

/// A test that rules out most words indexing no pattern without looking them up: a bit for
/// each combination of first byte, second byte (the first for a word of one byte), last byte
/// and length of the indexing words, by a hash of the four (a word that shares the bit of an
/// indexing word passes too). Each word is also entered with curly apostrophes, so that the
/// test reads the folded text as it is.
#[derive(Debug)]
pub(super) struct AnchorFilter {
    bits: Box<[u64; ANCHOR_FILTER_WORDS]>,
}

/// The number of 64-bit words of an [`AnchorFilter`] (a power of two): 64 Kbit, which a few
/// hundred indexing words leave almost empty.
const ANCHOR_FILTER_WORDS: usize = 1024;

impl Default for AnchorFilter {
    fn default() -> AnchorFilter {
        AnchorFilter {
            bits: Box::new([0; ANCHOR_FILTER_WORDS]),
        }
    }
}

impl AnchorFilter {
    /// The bit of a word: its index in the table, and the bit in that word of the table.
    /// `None` for the empty word.
    #[inline]
    fn bit(word: &[u8]) -> Option<(usize, u64)> {
        let (&first, &last) = (word.first()?, word.last()?);
        let second = *word.get(1).unwrap_or(&first);
        let key = u64::from(first)
            | u64::from(second) << 8
            | u64::from(last) << 16
            | (word.len().min(255) as u64) << 24;
        // The top 16 bits of a Fibonacci hash.
        let hash = (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize;
        Some((hash / 64 % ANCHOR_FILTER_WORDS, 1 << (hash % 64)))
    }

    /// Adds `word` (lowercase, straight apostrophes).
    pub(super) fn add(&mut self, word: &str) {
        for spelling in [Cow::Borrowed(word), Cow::Owned(word.replace('\'', "’"))] {
            if let Some((at, bit)) = AnchorFilter::bit(spelling.as_bytes()) {
                self.bits[at] |= bit;
            }
        }
    }

    /// Whether `word` may be one of the words added: `false` rules it out.
    #[inline]
    pub(super) fn may_hold(&self, word: &[u8]) -> bool {
        AnchorFilter::bit(word).is_some_and(|(at, bit)| self.bits[at] & bit != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_read_in_place_are_the_keys_of_the_word_and_its_folded_form() {
        let text = "Le chat d’Été, anticonstitutionnellement œuvre À x";
        let folded = "le chat d’été, anticonstitutionnellement œuvre à x";
        let (t, f) = (text.as_bytes(), folded.as_bytes());
        for (start, end) in [(0, 2), (3, 7), (19, 35), (52, 54), (55, 56), (53, 56)] {
            assert_eq!(
                latin_keys_at(t, f, start, end),
                Some((
                    short_key(&t[start..end]).unwrap(),
                    short_key(&f[start..end]).unwrap()
                )),
                "{start}..{end}"
            );
        }
        // A curly apostrophe, an œ, more than 16 bytes: not read here.
        for (start, end) in [(8, 17), (45, 51), (19, 44)] {
            assert_eq!(latin_keys_at(t, f, start, end), None, "{start}..{end}");
        }
        assert_eq!(short_key(b""), None);
        assert_eq!(short_key(b"seventeen letters"), None);
    }

    #[test]
    fn each_byte_mask_keeps_that_many_bytes() {
        for (n, mask) in KEEP_BYTES.iter().enumerate() {
            let kept = mask.to_le_bytes();
            assert!(kept[..n].iter().all(|&b| b == 0xFF), "{n}");
            assert!(kept[n..].iter().all(|&b| b == 0), "{n}");
        }
    }

    #[test]
    fn the_short_table_finds_its_words_and_no_other() {
        let entry = |n| WordEntry {
            sets: n,
            anchors: 0,
        };
        let words = [
            "de",
            "le",
            "la",
            "l'",
            "à",
            "où",
            "quelques",
            "d’",
            "quelquefois",
            "c",
        ];
        let table = ShortWords::new(
            words
                .iter()
                .enumerate()
                .map(|(n, w)| (*w, entry(n as u128 + 1))),
        );
        for (n, word) in words.iter().enumerate() {
            assert_eq!(
                table.get(short_key(word.as_bytes()).unwrap()).sets,
                n as u128 + 1
            );
        }
        for word in [
            "d",
            "les",
            "quelque",
            "a",
            "ou",
            "quelquefoi",
            "quelquefoiss",
        ] {
            assert_eq!(
                table.get(short_key(word.as_bytes()).unwrap()).sets,
                0,
                "{word}"
            );
        }
    }

    #[test]
    fn the_anchor_filter_keeps_every_word_and_its_curly_spelling() {
        let mut filter = AnchorFilter::default();
        for word in ["de", "l'", "jusqu'à"] {
            filter.add(word);
        }
        for word in ["de", "l'", "l’", "jusqu'à", "jusqu’à"] {
            assert!(filter.may_hold(word.as_bytes()), "{word}");
        }
        assert!(!filter.may_hold(b"chat"));
        assert!(!filter.may_hold(b""));
    }
}
