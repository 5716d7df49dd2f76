//! An open-addressing table keyed by a word's bytes packed in an integer (never 0): one
//! multiplication picks the slot, and no bytes are hashed and no string compared.

/// The multiplier of Fibonacci hashing (2^64 divided by the golden ratio).
pub(crate) const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

/// Values by packed key, in a table at most `1 / slots_per_entry` full, probed linearly.
#[derive(Debug, Clone)]
pub struct PackedTable<V> {
    /// Each slot's key; 0 for an empty slot.
    keys: Box<[u128]>,
    values: Box<[V]>,
    /// 64 minus the base-2 logarithm of the number of slots.
    shift: u32,
}

impl<V: Copy + Default> PackedTable<V> {
    /// The table of `entries` (distinct keys, none 0) with at least `slots_per_entry` slots
    /// per entry, and at least 16.
    pub fn new(entries: Vec<(u128, V)>, slots_per_entry: usize) -> PackedTable<V> {
        let slots = (entries.len() * slots_per_entry)
            .next_power_of_two()
            .max(16);
        let mut table = PackedTable {
            keys: vec![0; slots].into_boxed_slice(),
            values: vec![V::default(); slots].into_boxed_slice(),
            shift: 64 - slots.trailing_zeros(),
        };
        for (key, value) in entries {
            let mut at = table.slot(key);
            while table.keys[at] != 0 {
                at = (at + 1) & (slots - 1);
            }
            table.keys[at] = key;
            table.values[at] = value;
        }
        table
    }

    /// The first slot to probe for `key`: its two halves folded into one, by Fibonacci hashing
    /// (a key of 64 bits or fewer is its own fold).
    #[inline]
    fn slot(&self, key: u128) -> usize {
        let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
        (folded.wrapping_mul(GOLDEN) >> self.shift) as usize
    }

    /// The value of `key`, if the table holds it.
    #[inline]
    pub fn get(&self, key: u128) -> Option<&V> {
        let mask = self.keys.len() - 1;
        let mut at = self.slot(key);
        loop {
            match self.keys[at] {
                0 => return None,
                found if found == key => return Some(&self.values[at]),
                _ => at = (at + 1) & mask,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_key_and_no_other() {
        let keys: Vec<u128> = (1..200u128)
            .map(|k| k * 0x1_0000_0001 + (k << 70))
            .collect();
        let table = PackedTable::new(keys.iter().map(|&k| (k, k as u32)).collect(), 2);
        for &key in &keys {
            assert_eq!(table.get(key), Some(&(key as u32)));
        }
        assert_eq!(table.get(5), None);
        assert_eq!(PackedTable::<u8>::new(Vec::new(), 4).get(7), None);
    }
}
