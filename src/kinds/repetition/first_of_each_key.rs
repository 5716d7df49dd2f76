//! The first line or sentence of each comparison key seen in a document, found by a hash of
//! the key, or of its start ([`FirstByStart`]).

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

    /// The entries of hash `hash`, the latest first.
    fn chain(&self, hash: u64) -> impl Iterator<Item = &T> {
        let mut next = self.slots[self.slot(hash)].1.checked_sub(1);
        std::iter::from_fn(move || {
            let (entry, before) = &self.entries[next?];
            next = *before;
            Some(entry)
        })
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

/// The most keys sharing one start hash that [`FirstByStart`] compares a key with, one by one.
const CROWD: usize = 8;

/// The first entry of each key, found by a hash of the start of the key (cheap to work out for
/// a long line), as [`FirstOfEachKey`] finds them, until more than [`CROWD`] different keys
/// share one start hash. The keys of such a start (the lines of a log or of a template, which
/// begin alike) are then found by a hash of the whole key: compared with every earlier key of
/// their start, each would cost time in proportion to the lines before it.
pub struct FirstByStart<T> {
    /// The entries by start hash.
    by_start: FirstOfEachKey<T>,
    /// The crowded starts and their entries, once a start is crowded (most documents have
    /// none, and spare the tables).
    crowds: Option<Box<Crowds<T>>>,
}

/// The start hashes shared by more than [`CROWD`] keys, and their entries.
struct Crowds<T> {
    /// The crowded start hashes, as keys of an empty entry.
    starts: FirstOfEachKey<()>,
    /// The entries of crowded starts, by whole-key hash.
    by_whole: FirstOfEachKey<T>,
}

impl<T: Clone> FirstByStart<T> {
    /// An empty set with room for `capacity` entries before it grows.
    pub fn with_capacity(capacity: usize) -> Self {
        FirstByStart {
            by_start: FirstOfEachKey::with_capacity(capacity),
            crowds: None,
        }
    }

    /// The crowds, when the start hash `start` is one of theirs.
    fn crowd_of(&mut self, start: u64) -> Option<&mut Crowds<T>> {
        self.crowds
            .as_deref_mut()
            .filter(|crowds| crowds.starts.find(start, |_| true).is_some())
    }

    /// The entry that `same` accepts among those of start hash `start`; `whole` is the hash
    /// of the whole key, asked for only when the start is crowded.
    pub fn find(
        &self,
        start: u64,
        whole: impl FnOnce() -> u64,
        same: impl FnMut(&T) -> bool,
    ) -> Option<&T> {
        match self.crowds.as_deref() {
            Some(crowds) if crowds.starts.find(start, |_| true).is_some() => {
                crowds.by_whole.find(whole(), same)
            }
            _ => self.by_start.find(start, same),
        }
    }

    /// Adds an entry of start hash `start`, whose key no entry has; `whole_of` gives the
    /// whole-key hash of an entry, asked for only when its start is crowded.
    pub fn insert(&mut self, start: u64, entry: T, whole_of: impl Fn(&T) -> u64) {
        if let Some(crowds) = self.crowd_of(start) {
            crowds.by_whole.insert(whole_of(&entry), entry);
            return;
        }
        self.by_start.insert(start, entry);
        if self.by_start.chain(start).nth(CROWD).is_some() {
            let crowds = self.crowds.get_or_insert_with(|| {
                Box::new(Crowds {
                    starts: FirstOfEachKey::default(),
                    by_whole: FirstOfEachKey::default(),
                })
            });
            let moved: Vec<T> = self.by_start.chain(start).cloned().collect();
            // The earliest first, as they came.
            for entry in moved.into_iter().rev() {
                crowds.by_whole.insert(whole_of(&entry), entry);
            }
            crowds.starts.insert(start, ());
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

    /// Entries found by their start, crowded or not, are those a map of every key finds:
    /// keys sharing few starts (crowded) and many, with whole hashes that collide too.
    #[test]
    fn first_by_start_finds_what_a_map_finds() {
        let mut random = crate::fixture_texts::random_below(0x9e37_79b9_7f4a_7c15);
        for (starts, wholes) in [(2usize, 1000usize), (2, 3), (30, 5000), (5000, 5000)] {
            let mut seen = FirstByStart::with_capacity(4);
            let mut model: HashMap<u32, u32> = HashMap::new();
            for n in 0..4000u32 {
                let key = random(400) as u32;
                let start = |key: u32| (key as usize % starts) as u64;
                let whole = |key: u32| (key as usize % wholes) as u64 + 1000;
                let expected = model.get(&key).copied();
                let found = seen
                    .find(start(key), || whole(key), |&(k, _)| k == key)
                    .map(|&(_, first)| first);
                assert_eq!(found, expected, "{starts} {wholes} {n}");
                if expected.is_none() {
                    seen.insert(start(key), (key, n), |&(k, _)| whole(k));
                    model.insert(key, n);
                }
            }
        }
    }

    /// A key is compared with at most [`CROWD`] others of its start: many keys of one start
    /// are found by their whole hash.
    #[test]
    fn crowded_starts_are_found_by_whole_hash() {
        let mut seen = FirstByStart::with_capacity(4);
        for key in 0..1000u64 {
            let mut compared = 0;
            let found = seen.find(
                7,
                || key,
                |&k| {
                    compared += 1;
                    k == key
                },
            );
            assert_eq!(found, None);
            assert!(compared <= CROWD, "{key}: {compared}");
            seen.insert(7, key, |&k| k);
        }
        assert_eq!(seen.find(7, || 500, |&k| k == 500), Some(&500));
    }
}
