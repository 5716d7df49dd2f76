//! How many times each word of a document occurs, by fingerprint: a table every word token of
//! every document goes through once, so a count is one probe of an open-addressing table keyed
//! by the fingerprint itself (already well mixed), with no hashing of it again. The table also
//! links the tokens of each word, so that the occurrences of a word are found without a search
//! of the text.

/// Counts by word fingerprint ([`super::facts::straight_word_hash`]), in an open-addressing
/// table with linear probing whose slot is read from the fingerprint's high bits. A slot with
/// the fingerprint 0 is empty; the word of fingerprint 0, if any, is counted apart.
#[derive(Debug, Clone)]
pub struct WordCounts {
    /// The slots: a power of two of them, at most half used.
    slots: Vec<Slot>,
    /// How many slots hold a fingerprint.
    len: usize,
    /// 64 minus the number of bits of a slot index.
    shift: u32,
    /// The count of the fingerprint 0.
    zero: u32,
    /// The same for the fingerprint 0 as [`Slot::last`].
    zero_last: u32,
    /// Each token counted with [`WordCounts::add_token`], with the link of the token counted
    /// before it under the same fingerprint ([`NO_LINK`]: none).
    links: Vec<(u32, u32)>,
}

/// One slot of [`WordCounts`]: a fingerprint with its count and last token, together so that
/// counting a word reads and writes one place.
#[derive(Debug, Clone, Copy)]
struct Slot {
    /// The fingerprint, 0 when the slot is empty.
    key: u64,
    /// How many times it was counted.
    count: u32,
    /// The last of its tokens counted with [`WordCounts::add_token`]: an index in `links`,
    /// or [`NO_LINK`].
    last: u32,
}

/// An empty slot.
const EMPTY: Slot = Slot {
    key: 0,
    count: 0,
    last: NO_LINK,
};

/// The end of a chain of links.
const NO_LINK: u32 = u32::MAX;

impl Default for WordCounts {
    fn default() -> Self {
        WordCounts::with_capacity(0)
    }
}

/// The fewest slots a table has.
const MIN_SLOTS: usize = 16;

impl WordCounts {
    /// An empty table with room for `words` distinct words before it grows.
    pub fn with_capacity(words: usize) -> Self {
        let slots = (2 * words).next_power_of_two().max(MIN_SLOTS);
        WordCounts {
            slots: vec![EMPTY; slots],
            len: 0,
            shift: 64 - slots.trailing_zeros(),
            zero: 0,
            zero_last: NO_LINK,
            links: Vec::new(),
        }
    }

    /// An empty table with room for `words` distinct words before it grows, and for `tokens`
    /// tokens counted with [`WordCounts::add_token`].
    pub fn with_capacity_for_tokens(words: usize, tokens: usize) -> Self {
        WordCounts {
            links: Vec::with_capacity(tokens),
            ..WordCounts::with_capacity(words)
        }
    }

    /// The first slot probed for `key`.
    #[inline]
    fn home(&self, key: u64) -> usize {
        (key >> self.shift) as usize
    }

    /// The slot that holds `key` (not 0), or the empty slot where it goes.
    #[inline]
    fn probe(&self, key: u64) -> usize {
        let mask = self.slots.len() - 1;
        let mut slot = self.home(key);
        loop {
            match self.slots[slot].key {
                found if found == key => return slot,
                0 => return slot,
                _ => slot = (slot + 1) & mask,
            }
        }
    }

    /// Counts one more occurrence of the word of fingerprint `key`, at token `token`, which
    /// [`WordCounts::tokens_of`] then lists.
    #[inline]
    pub fn add_token(&mut self, key: u64, token: u32) {
        let link = self.links.len() as u32;
        if key == 0 {
            self.zero += 1;
            self.links.push((token, self.zero_last));
            self.zero_last = link;
            return;
        }
        let at = self.probe(key);
        let slot = &mut self.slots[at];
        // An empty slot's count and last link are 0 and none.
        let added = slot.key == 0;
        slot.key = key;
        slot.count += 1;
        self.links.push((token, slot.last));
        slot.last = link;
        if added {
            self.len += 1;
            // At most half full: probes stay short.
            if 2 * self.len > self.slots.len() {
                self.grow();
            }
        }
    }

    /// Counts one more occurrence of the word of fingerprint `key`.
    #[inline]
    pub fn add(&mut self, key: u64) {
        if key == 0 {
            self.zero += 1;
            return;
        }
        let at = self.probe(key);
        let slot = &mut self.slots[at];
        let added = slot.key == 0;
        slot.key = key;
        slot.count += 1;
        if added {
            self.len += 1;
            // At most half full: probes stay short.
            if 2 * self.len > self.slots.len() {
                self.grow();
            }
        }
    }

    /// The slot that holds `key` (not 0), if any.
    #[inline]
    fn slot_of(&self, key: u64) -> Option<&Slot> {
        let slot = &self.slots[self.probe(key)];
        (slot.key != 0).then_some(slot)
    }

    /// Doubles the table, putting each fingerprint back in its new place.
    #[cold]
    fn grow(&mut self) {
        let mut bigger = WordCounts::with_capacity(self.slots.len());
        let mask = bigger.slots.len() - 1;
        for slot in &self.slots {
            if slot.key != 0 {
                let mut at = bigger.home(slot.key);
                while bigger.slots[at].key != 0 {
                    at = (at + 1) & mask;
                }
                bigger.slots[at] = *slot;
            }
        }
        bigger.len = self.len;
        bigger.zero = self.zero;
        bigger.zero_last = self.zero_last;
        bigger.links = std::mem::take(&mut self.links);
        *self = bigger;
    }

    /// How many times the word of fingerprint `key` occurs (0 when it does not).
    #[inline]
    pub fn get(&self, key: u64) -> u32 {
        if key == 0 {
            return self.zero;
        }
        self.slot_of(key).map_or(0, |slot| slot.count)
    }

    /// The tokens counted with [`WordCounts::add_token`] under the fingerprint `key`, last
    /// first.
    pub fn tokens_of(&self, key: u64) -> impl Iterator<Item = usize> + '_ {
        let last = if key == 0 {
            self.zero_last
        } else {
            self.slot_of(key).map_or(NO_LINK, |slot| slot.last)
        };
        std::iter::successors((last != NO_LINK).then_some(last), |&link| {
            let before = self.links[link as usize].1;
            (before != NO_LINK).then_some(before)
        })
        .map(|link| self.links[link as usize].0 as usize)
    }

    /// Each fingerprint counted, with its count, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (u64, u32)> + '_ {
        let zero = (self.zero > 0).then_some((0, self.zero));
        self.slots
            .iter()
            .filter(|slot| slot.key != 0)
            .map(|slot| (slot.key, slot.count))
            .chain(zero)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// A small pseudo-random generator (xorshift), for keys that collide in their high bits.
    fn keys(seed: u64, count: usize, spread: u64) -> Vec<u64> {
        let mut state = seed;
        (0..count)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                // Few distinct keys, many sharing their high bits, and now and then 0.
                match state % 17 {
                    0 => 0,
                    1 => state % spread,
                    _ => (state % spread).wrapping_mul(0x9e37_79b9_7f4a_7c15),
                }
            })
            .collect()
    }

    #[test]
    fn the_table_counts_what_a_hash_map_counts() {
        for (seed, count, spread) in [(1, 0, 1), (2, 5, 3), (3, 1000, 50), (4, 20_000, 5_000)] {
            let keys = keys(seed, count, spread);
            let mut table = WordCounts::with_capacity(count / 8);
            let mut map: HashMap<u64, u32> = HashMap::new();
            for &key in &keys {
                table.add(key);
                *map.entry(key).or_default() += 1;
            }
            for probe in keys.iter().copied().chain([7, 1 << 63, u64::MAX]) {
                assert_eq!(table.get(probe), map.get(&probe).copied().unwrap_or(0));
            }
            let mut listed: Vec<(u64, u32)> = table.iter().collect();
            let mut expected: Vec<(u64, u32)> = map.into_iter().collect();
            listed.sort_unstable();
            expected.sort_unstable();
            assert_eq!(listed, expected, "seed {seed}");
        }
    }

    #[test]
    fn the_tokens_of_each_key_are_listed_last_first() {
        for (seed, count, spread) in [(5, 0, 1), (6, 7, 3), (7, 3000, 40), (8, 20_000, 9_000)] {
            let keys = keys(seed, count, spread);
            let mut table = WordCounts::with_capacity_for_tokens(count / 16, count);
            let mut map: HashMap<u64, Vec<usize>> = HashMap::new();
            for (token, &key) in keys.iter().enumerate() {
                table.add_token(key, token as u32);
                map.entry(key).or_default().push(token);
            }
            for probe in keys.iter().copied().chain([7, 1 << 63, u64::MAX]) {
                let listed: Vec<usize> = table.tokens_of(probe).collect();
                let mut expected = map.get(&probe).cloned().unwrap_or_default();
                expected.reverse();
                assert_eq!(listed, expected, "seed {seed}, key {probe}");
                assert_eq!(table.get(probe) as usize, listed.len());
            }
        }
    }
}
