//! A filter on the English readings of a small set of words: two forms with the same spelling
//! have the same reading, so a token whose English reading no word of the set has is none of
//! them, and needs no lookup of its spelling in the set.

use crate::lexicon::{English, lexicons};

/// How many 64-bit words hold one bit per [`English::key`].
const KEY_WORDS: usize = 1 << (English::KEY_BITS - 6);

/// The keys ([`English::key`]) of the English readings of the words of a set, one bit each.
#[derive(Debug)]
pub(super) struct EnglishKeys(Box<[u64; KEY_WORDS]>);

impl EnglishKeys {
    /// The keys of the English readings of `words` (those the English lexicon holds).
    pub(super) fn of<'w>(words: impl IntoIterator<Item = &'w str>) -> Self {
        let lex = lexicons();
        let mut bits = Box::new([0u64; KEY_WORDS]);
        for english in words.into_iter().filter_map(|word| lex.english(word)) {
            let key = english.key();
            bits[key >> 6] |= 1 << (key & 63);
        }
        EnglishKeys(bits)
    }

    /// Whether some word of the set has the English reading `english`: false means that no
    /// form read so is one of the words.
    #[inline]
    pub(super) fn may_hold(&self, english: English) -> bool {
        let key = english.key();
        (self.0[key >> 6] >> (key & 63)) & 1 != 0
    }
}
