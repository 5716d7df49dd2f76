//! The first line or sentence of each comparison key seen in a document, found by a hash of
//! the key.

use crate::text::packed_table::GOLDEN;

/// The first line or sentence of each comparison key seen so far, found by a hash of the key:
/// those with equal hashes (and different keys) are chained, without a list per hash. The
/// hashes index an open-addressing table probed linearly: the hashes are already hashes, and
/// one multiplication picks their slot.
pub struct FirstOfEachKey<T> {
    /// Each slot's hash and one more than the index of the last entry of that hash in
    /// `entries`; 0 for an empty slot. A power of two of slots, at most half of them used.
    slots: Vec<(u64, usize)>,
    /// 64 minus the base-2 logarithm of the number of slots.
    shift: u32,
    /// How many slots are used (how many distinct hashes were inserted).
    used: usize,
    /// Every entry, with the one before it of the same hash.
    entries: Vec<(T, Option<usize>)>,
}

impl<T> Default for FirstOfEachKey<T> {
    fn default() -> Self {
        FirstOfEachKey::with_capacity(0)
    }
}

impl<T> FirstOfEachKey<T> {
    /// An empty set with room for `capacity` entries before it grows.
    pub fn with_capacity(capacity: usize) -> Self {
        let slots = (capacity * 2).next_power_of_two().max(16);
        FirstOfEachKey {
            slots: vec![(0, 0); slots],
            shift: 64 - slots.trailing_zeros(),
            used: 0,
            entries: Vec::with_capacity(capacity),
        }
    }

    /// The slot of `hash`, or the empty slot where it would go.
    #[inline]
    fn slot(&self, hash: u64) -> usize {
        let mask = self.slots.len() - 1;
        let mut at = (hash.wrapping_mul(GOLDEN) >> self.shift) as usize;
        loop {
            let (slot_hash, last) = self.slots[at];
            if last == 0 || slot_hash == hash {
                return at;
            }
            at = (at + 1) & mask;
        }
    }

    /// The entry of hash `hash` that `same` accepts (at most one does: entries of one hash
    /// have different keys).
    pub fn find(&self, hash: u64, mut same: impl FnMut(&T) -> bool) -> Option<&T> {
        let mut next = self.slots[self.slot(hash)].1.checked_sub(1);
        while let Some(at) = next {
            let (entry, before) = &self.entries[at];
            if same(entry) {
                return Some(entry);
            }
            next = *before;
        }
        None
    }

    /// Adds an entry of hash `hash`, whose key no entry has.
    pub fn insert(&mut self, hash: u64, entry: T) {
        if 2 * (self.used + 1) > self.slots.len() {
            self.grow();
        }
        let at = self.slot(hash);
        let before = self.slots[at].1.checked_sub(1);
        if before.is_none() {
            self.used += 1;
        }
        self.entries.push((entry, before));
        self.slots[at] = (hash, self.entries.len());
    }

    /// Doubles the number of slots, placing every used slot again.
    fn grow(&mut self) {
        let doubled = vec![(0, 0); 2 * self.slots.len()];
        let slots = std::mem::replace(&mut self.slots, doubled);
        self.shift -= 1;
        for (hash, last) in slots {
            if last != 0 {
                let at = self.slot(hash);
                self.slots[at] = (hash, last);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn entries_of_one_hash_are_told_apart() {
        let mut seen = FirstOfEachKey::default();
        seen.insert(7, "un");
        seen.insert(7, "deux");
        seen.insert(9, "trois");
        assert_eq!(seen.find(7, |e| *e == "un"), Some(&"un"));
        assert_eq!(seen.find(7, |e| *e == "deux"), Some(&"deux"));
        assert_eq!(seen.find(7, |e| *e == "trois"), None);
        assert_eq!(seen.find(8, |_| true), None);
    }

    #[test]
    fn finds_what_a_map_of_lists_finds() {
        // Few distinct hashes (many chained entries) and many (the table grows), against a
        // map from each hash to its entries.
        let mut random = crate::fixture_texts::random_below(0x2545_f491_4f6c_dd1d);
        for hashes in [3usize, 40, 5000] {
            let mut seen = FirstOfEachKey::with_capacity(4);
            let mut model: HashMap<u64, Vec<u32>> = HashMap::new();
            for n in 0..3000u32 {
                let hash = random(hashes) as u64;
                let wanted = random(4) as u32;
                let expected = model
                    .get(&hash)
                    .and_then(|list| list.iter().find(|&&e| e % 4 == wanted));
                assert_eq!(seen.find(hash, |&e| e % 4 == wanted), expected);
                if expected.is_none() {
                    seen.insert(hash, n * 4 + wanted);
                    model.entry(hash).or_default().push(n * 4 + wanted);
                }
            }
        }
    }
}
