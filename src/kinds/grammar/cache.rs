//! A direct-mapped cache of small values: each key has one slot, chosen by its hash, and a new
//! key takes the slot over. A lookup costs one hash and one comparison, which suits facts found
//! again and again for the words a corpus repeats.

/// The multiplier of Fibonacci hashing (2^64 divided by the golden ratio).
const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

/// Values by key, one slot a key.
pub(super) struct DirectMapped<K, V> {
    keys: Box<[K]>,
    values: Box<[V]>,
    /// 64 minus the base-2 logarithm of the number of slots.
    shift: u32,
}

impl<K: Copy + PartialEq, V: Copy> DirectMapped<K, V> {
    /// A cache of `slots` slots (a power of two, at least 2), each holding `empty`, a key
    /// never looked up, and `filler`.
    pub(super) fn new(slots: usize, empty: K, filler: V) -> DirectMapped<K, V> {
        debug_assert!(slots.is_power_of_two() && slots >= 2);
        DirectMapped {
            keys: vec![empty; slots].into_boxed_slice(),
            values: vec![filler; slots].into_boxed_slice(),
            shift: 64 - slots.trailing_zeros(),
        }
    }

    /// The value of `key`, whose hash is `hash`, found by `find` when the cache does not hold
    /// it.
    #[inline]
    pub(super) fn get_or_insert(&mut self, key: K, hash: u64, find: impl FnOnce() -> V) -> V {
        let slot = self.slot(hash);
        if self.keys[slot] == key {
            return self.values[slot];
        }
        let found = find();
        self.keys[slot] = key;
        self.values[slot] = found;
        found
    }

    /// The value of `key`, whose hash is `hash`, when the cache holds it.
    #[inline]
    pub(super) fn get(&self, key: K, hash: u64) -> Option<V> {
        let slot = self.slot(hash);
        (self.keys[slot] == key).then(|| self.values[slot])
    }

    /// Puts `value` in the slot of `key`, whose hash is `hash`.
    #[inline]
    pub(super) fn insert(&mut self, key: K, hash: u64, value: V) {
        let slot = self.slot(hash);
        self.keys[slot] = key;
        self.values[slot] = value;
    }

    /// The slot of a key whose hash is `hash`.
    #[inline]
    fn slot(&self, hash: u64) -> usize {
        (hash.wrapping_mul(GOLDEN) >> self.shift) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_finds_its_value_and_a_colliding_key_takes_the_slot_over() {
        let mut cache: DirectMapped<u64, u64> = DirectMapped::new(2, 0, 0);
        assert_eq!(cache.get_or_insert(7, 1, || 70), 70);
        assert_eq!(cache.get_or_insert(7, 1, || unreachable!("cached")), 70);
        // The same hash: the same slot.
        assert_eq!(cache.get_or_insert(8, 1, || 80), 80);
        assert_eq!(cache.get_or_insert(7, 1, || 71), 71);
    }

    #[test]
    fn get_finds_what_insert_put_until_a_colliding_key_takes_the_slot() {
        let mut cache: DirectMapped<u64, u64> = DirectMapped::new(2, 0, 0);
        assert_eq!(cache.get(7, 1), None);
        cache.insert(7, 1, 70);
        assert_eq!(cache.get(7, 1), Some(70));
        assert_eq!(cache.get_or_insert(7, 1, || unreachable!("inserted")), 70);
        cache.insert(8, 1, 80);
        assert_eq!((cache.get(7, 1), cache.get(8, 1)), (None, Some(80)));
    }
}
