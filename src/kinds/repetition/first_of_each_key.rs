//! The first line or sentence of each comparison key seen in a document, found by a hash of
//! the key.

use crate::corpus::facts::FingerprintMap;

/// The first line or sentence of each comparison key seen so far, found by a hash of the key:
/// those with equal hashes (and different keys) are chained, without a list per hash.
pub struct FirstOfEachKey<T> {
    /// The last entry of each hash.
    last: FingerprintMap<usize>,
    /// Every entry, with the one before it of the same hash.
    entries: Vec<(T, Option<usize>)>,
}

impl<T> Default for FirstOfEachKey<T> {
    fn default() -> Self {
        FirstOfEachKey {
            last: FingerprintMap::default(),
            entries: Vec::new(),
        }
    }
}

impl<T> FirstOfEachKey<T> {
    /// The entry of hash `hash` that `same` accepts (at most one does: entries of one hash
    /// have different keys).
    pub fn find(&self, hash: u64, mut same: impl FnMut(&T) -> bool) -> Option<&T> {
        let mut next = self.last.get(&hash).copied();
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
        let before = self.last.insert(hash, self.entries.len());
        self.entries.push((entry, before));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
