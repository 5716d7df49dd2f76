//! How many times each word of a document occurs, by fingerprint: a table every word token of
//! every document goes through once, so a count is one probe of an open-addressing table keyed
//! by the fingerprint itself (already well mixed), with no hashing of it again.

/// Counts by word fingerprint ([`super::facts::straight_word_hash`]), in an open-addressing
/// table with linear probing whose slot is read from the fingerprint's high bits. A slot with
/// the fingerprint 0 is empty; the word of fingerprint 0, if any, is counted apart.
#[derive(Debug, Clone)]
pub struct WordCounts {
    /// The fingerprint of each slot, 0 when it is empty.
    keys: Vec<u64>,
    /// The count of each slot.
    counts: Vec<u32>,
    /// How many slots hold a fingerprint.
    len: usize,
    /// 64 minus the number of bits of a slot index.
    shift: u32,
    /// The count of the fingerprint 0.
    zero: u32,
}

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
            keys: vec![0; slots],
            counts: vec![0; slots],
            len: 0,
            shift: 64 - slots.trailing_zeros(),
            zero: 0,
        }
    }

    /// The first slot probed for `key`.
    #[inline]
    fn home(&self, key: u64) -> usize {
        (key >> self.shift) as usize
    }

    /// Counts one more occurrence of the word of fingerprint `key`.
    #[inline]
    pub fn add(&mut self, key: u64) {
        if key == 0 {
            self.zero += 1;
            return;
        }
        let mask = self.keys.len() - 1;
        let mut slot = self.home(key);
        loop {
            match self.keys[slot] {
                found if found == key => {
                    self.counts[slot] += 1;
                    return;
                }
                0 => break,
                _ => slot = (slot + 1) & mask,
            }
        }
        self.keys[slot] = key;
        self.counts[slot] = 1;
        self.len += 1;
        // At most half full: probes stay short.
        if 2 * self.len > self.keys.len() {
            self.grow();
        }
    }

    /// Doubles the table, putting each fingerprint back in its new place.
    #[cold]
    fn grow(&mut self) {
        let mut bigger = WordCounts::with_capacity(self.keys.len());
        let mask = bigger.keys.len() - 1;
        for (&key, &count) in self.keys.iter().zip(&self.counts) {
            if key != 0 {
                let mut slot = bigger.home(key);
                while bigger.keys[slot] != 0 {
                    slot = (slot + 1) & mask;
                }
                bigger.keys[slot] = key;
                bigger.counts[slot] = count;
            }
        }
        bigger.len = self.len;
        bigger.zero = self.zero;
        *self = bigger;
    }

    /// How many times the word of fingerprint `key` occurs (0 when it does not).
    #[inline]
    pub fn get(&self, key: u64) -> u32 {
        if key == 0 {
            return self.zero;
        }
        let mask = self.keys.len() - 1;
        let mut slot = self.home(key);
        loop {
            match self.keys[slot] {
                found if found == key => return self.counts[slot],
                0 => return 0,
                _ => slot = (slot + 1) & mask,
            }
        }
    }

    /// Each fingerprint counted, with its count, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (u64, u32)> + '_ {
        let zero = (self.zero > 0).then_some((0, self.zero));
        self.keys
            .iter()
            .zip(&self.counts)
            .filter(|(key, _)| **key != 0)
            .map(|(&key, &count)| (key, count))
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
}
