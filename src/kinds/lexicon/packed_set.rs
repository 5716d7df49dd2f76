//! A set of short words packed in integers ([`packed_word`]), looked up on every token: an
//! open-addressing table at most a quarter full whose slot one multiplication picks, so that a
//! lookup is a multiplication, a load and a comparison or two. Unlike
//! [`PackedTable`](crate::text::packed_table::PackedTable), built once from 128-bit keys, it
//! grows as words are added and compares 64-bit keys: built on that table, the lexicon rules'
//! lookups cost 1.5 instructions per byte of text more.
//!
//! [`packed_word`]: crate::corpus::facts::packed_word

use crate::text::packed_table::GOLDEN;

/// Packed words, probed linearly from the slot of their Fibonacci hash. The empty word, whose
/// packed key is 0 (the mark of an empty slot), is kept apart.
#[derive(Debug, Clone, Default)]
pub(super) struct PackedSet {
    /// Each slot's key, 0 for an empty slot; no slot at all while the set is empty.
    slots: Box<[u64]>,
    /// 64 minus the base-2 logarithm of the number of slots.
    shift: u32,
    /// How many keys other than 0 the set holds.
    len: usize,
    /// Whether the set holds the key 0 (the empty word).
    zero: bool,
}

/// The fewest slots of a table that holds a key.
const MIN_SLOTS: usize = 16;

impl PackedSet {
    /// Whether the set holds `key`.
    #[inline(always)]
    pub(super) fn contains(&self, key: u64) -> bool {
        if key == 0 {
            return self.zero;
        }
        if self.slots.is_empty() {
            return false;
        }
        let mask = self.slots.len() - 1;
        let mut at = self.slot(key);
        loop {
            match self.slots[at] {
                0 => return false,
                found if found == key => return true,
                _ => at = (at + 1) & mask,
            }
        }
    }

    /// Adds `key` to the set.
    pub(super) fn insert(&mut self, key: u64) {
        if key == 0 {
            self.zero = true;
            return;
        }
        if self.contains(key) {
            return;
        }
        if 4 * (self.len + 1) > self.slots.len() {
            let keys: Vec<u64> = self.keys().filter(|&k| k != 0).collect();
            let slots = (8 * (self.len + 1)).next_power_of_two().max(MIN_SLOTS);
            self.slots = vec![0; slots].into_boxed_slice();
            self.shift = 64 - slots.trailing_zeros();
            for key in keys {
                self.place(key);
            }
        }
        self.place(key);
        self.len += 1;
    }

    /// Whether the set holds no key.
    pub(super) fn is_empty(&self) -> bool {
        self.len == 0 && !self.zero
    }

    /// Every key of the set, in no particular order.
    pub(super) fn keys(&self) -> impl Iterator<Item = u64> + '_ {
        let zero = self.zero.then_some(0);
        self.slots.iter().copied().filter(|&k| k != 0).chain(zero)
    }

    /// The first slot probed for `key`.
    #[inline]
    fn slot(&self, key: u64) -> usize {
        (key.wrapping_mul(GOLDEN) >> self.shift) as usize
    }

    /// Puts `key` (not 0, not in the set) in the first free slot from its own.
    fn place(&mut self, key: u64) {
        let mask = self.slots.len() - 1;
        let mut at = self.slot(key);
        while self.slots[at] != 0 {
            at = (at + 1) & mask;
        }
        self.slots[at] = key;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn the_set_holds_what_a_hash_set_holds() {
        let mut random = crate::fixture_texts::random_below(0x2545_F491_4F6C_DD1D);
        let mut next = |below: u64| random(below as usize) as u64;
        for size in [0, 1, 3, 17, 200, 5000] {
            let mut set = PackedSet::default();
            let mut expected = HashSet::new();
            for _ in 0..size {
                // Keys sharing their high bits, now and then 0, some repeated.
                let key = match next(10) {
                    0 => 0,
                    1 => next(64),
                    _ => next(1000) | (7 << 56),
                };
                set.insert(key);
                expected.insert(key);
            }
            assert_eq!(set.is_empty(), expected.is_empty());
            for _ in 0..2000 {
                let probe = match next(3) {
                    0 => next(64),
                    _ => next(1200) | (7 << 56),
                };
                assert_eq!(set.contains(probe), expected.contains(&probe), "{probe}");
            }
            let mut keys: Vec<u64> = set.keys().collect();
            keys.sort_unstable();
            let mut wanted: Vec<u64> = expected.into_iter().collect();
            wanted.sort_unstable();
            assert_eq!(keys, wanted, "size {size}");
        }
    }
}
