//! The per-thread memo of lexicon readings: a corpus repeats its words, and a probe of this
//! memo costs a fraction of the lookups it saves. Every word token of every document is looked
//! up here, so a probe reads a form in two loads of eight bytes rather than byte by byte, and
//! finds it in a table of its own with no string to hash nor compare.

use super::Readings;
use crate::corpus::facts::FingerprintBuild;
use std::collections::HashMap;

/// The longest form the memo keys by its bytes themselves ([`ShortKey`]): most words.
const SHORT: usize = 15;

/// The memo's bound, in forms: it is emptied when it grows past it, so memory stays flat over
/// any corpus.
const BOUND: usize = 200_000;

/// Readings by form: forms of 1 to [`SHORT`] bytes by their bytes packed in two integers
/// ([`ShortKey`]: no hashing of a string, no comparing one), longer ones by a fingerprint
/// ([`long_key`]) with the form itself, to tell apart two forms of the same fingerprint. The
/// empty form is not remembered.
#[derive(Default)]
pub(super) struct Memo {
    pub(super) short: ShortTable,
    pub(super) long: HashMap<u64, (Box<str>, Readings, Tally), FingerprintBuild>,
    /// The reading of a document's words that the tallies count ([`Memo::begin_tally`]); 0
    /// before the first.
    reading: u64,
    /// Whether every word of that reading is tallied and no tally was dropped since (the memo
    /// emptied, a long form read without it).
    tallied: bool,
}

/// How many times a form occurs in the document whose words the memo last read
/// ([`Memo::begin_tally`]), and its last token there: kept beside its readings, so that a
/// document's words are counted by the probes that read them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Tally {
    /// The reading the count belongs to: a count of another reading counts 0.
    reading: u64,
    count: u32,
    /// The index of the form's last token so far.
    last: u32,
}

/// The index of no token, in a tally or a token's link to the previous token of its form.
pub(super) const NO_TOKEN: u32 = u32::MAX;

impl Tally {
    /// Counts token `token` for reading `reading`, and returns the index of the previous token
    /// of the form in that reading ([`NO_TOKEN`] for its first).
    #[inline(always)]
    pub(super) fn add(&mut self, reading: u64, token: u32) -> u32 {
        if self.reading != reading {
            *self = Tally {
                reading,
                count: 0,
                last: NO_TOKEN,
            };
        }
        self.count += 1;
        std::mem::replace(&mut self.last, token)
    }

    /// The count and last token of reading `reading`: none when the tally is of another.
    fn of(self, reading: u64) -> (u32, u32) {
        if self.reading == reading {
            (self.count, self.last)
        } else {
            (0, NO_TOKEN)
        }
    }
}

/// Numbers every reading of a document's words by every thread's memo: a number tells one
/// reading from all others.
static READINGS_BEGUN: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// What the memo holds for a form.
pub(super) enum Entry<'m> {
    /// The form's readings.
    Found(&'m mut Readings),
    /// Nothing.
    Absent,
    /// Another long form holds the form's fingerprint, or the form is empty: the form is read
    /// without the memo.
    Taken,
}

impl Memo {
    /// The readings the memo holds for `form`, if any.
    #[inline(always)]
    pub(super) fn get(&self, form: &str) -> Option<Readings> {
        let bytes = form.as_bytes();
        if let Some(key) = ShortKey::of(bytes) {
            return self.short.get(key);
        }
        if bytes.is_empty() {
            return None;
        }
        match self.long.get(&long_key(bytes)) {
            Some((known, readings, _)) if **known == *form => Some(*readings),
            _ => None,
        }
    }

    /// Begins a reading of a document's words, whose tallies then count from 0, and returns
    /// its number.
    pub(super) fn begin_tally(&mut self) -> u64 {
        self.reading = READINGS_BEGUN.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        self.tallied = true;
        self.reading
    }

    /// Counts token `token` as an occurrence of `form` in the current reading and returns the
    /// previous token of `form` ([`Tally::add`]); a form the memo does not hold (a long form
    /// whose fingerprint another holds) leaves the reading untallied.
    pub(super) fn tally(&mut self, form: &str, token: u32) -> u32 {
        let reading = self.reading;
        let bytes = form.as_bytes();
        let tally = if let Some(key) = ShortKey::of(bytes) {
            self.short.get_mut(key).map(|(_, tally)| tally)
        } else {
            match self.long.get_mut(&long_key(bytes)) {
                Some((known, _, tally)) if **known == *form => Some(tally),
                _ => None,
            }
        };
        match tally {
            Some(tally) => tally.add(reading, token),
            None => {
                self.tallied = false;
                NO_TOKEN
            }
        }
    }

    /// How many times `form` (apostrophes straight or curly alike) occurs in reading `reading`
    /// and its last token there ([`NO_TOKEN`]: none), when the memo still tallies that reading
    /// in full.
    pub(super) fn tally_of(&self, reading: u64, form: &str) -> Option<(u32, u32)> {
        if reading != self.reading || !self.tallied {
            return None;
        }
        let tally_in =
            |tally: Option<Tally>| tally.map_or((0, NO_TOKEN), |tally| tally.of(reading));
        // Most forms are short, with no curly apostrophe to straighten: their key tells.
        if let Some(key) = ShortKey::of(form.as_bytes())
            && !has_e2_in_either(key.low, key.high)
        {
            return Some(tally_in(self.short.tally_of(key)));
        }
        let straight;
        let bytes = if has_e2(form.as_bytes()) {
            straight = crate::text::normalize::straight_apostrophes(form);
            straight.as_bytes()
        } else {
            form.as_bytes()
        };
        let tally = if let Some(key) = ShortKey::of(bytes) {
            self.short.tally_of(key)
        } else {
            match self.long.get(&long_key(bytes)) {
                Some((known, _, tally)) if known.as_bytes() == bytes => Some(*tally),
                _ => None,
            }
        };
        Some(tally_in(tally))
    }

    /// The readings the memo holds for the short form of key `key` ([`plain_short_key`]), if
    /// any, with the form's tally.
    #[inline(always)]
    pub(super) fn get_short(&mut self, key: ShortKey) -> Option<(&Readings, &mut Tally)> {
        self.short
            .get_mut(key)
            .map(|(readings, tally)| (&*readings, tally))
    }

    /// The entry of `form`.
    pub(super) fn entry(&mut self, form: &str) -> Entry<'_> {
        let bytes = form.as_bytes();
        let found = if let Some(key) = ShortKey::of(bytes) {
            self.short.get_mut(key).map(|(readings, _)| readings)
        } else if bytes.is_empty() {
            return Entry::Taken;
        } else {
            match self.long.get_mut(&long_key(bytes)) {
                Some((known, _, _)) if **known != *form => return Entry::Taken,
                found => found.map(|(_, readings, _)| readings),
            }
        };
        found.map_or(Entry::Absent, Entry::Found)
    }

    /// Remembers the readings of `form`, which the memo does not hold ([`Entry::Absent`]);
    /// empties the memo first when it is full.
    pub(super) fn insert(&mut self, form: &str, readings: Readings) {
        if self.short.len() + self.long.len() >= BOUND {
            self.short.clear();
            self.long.clear();
            self.tallied = false;
        }
        let bytes = form.as_bytes();
        match ShortKey::of(bytes) {
            Some(key) => self.short.insert(key, readings),
            None => {
                self.long
                    .insert(long_key(bytes), (form.into(), readings, Tally::default()));
            }
        }
    }
}

/// A form of 1 to [`SHORT`] bytes as two integers: its first eight bytes, and the next seven
/// with the length in the high byte, zero-padded (little-endian). Two forms have the same key
/// exactly when they have the same bytes; no key has a `high` of 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct ShortKey {
    low: u64,
    high: u64,
}

impl ShortKey {
    /// The key of `bytes`, when they are 1 to [`SHORT`] bytes long. Their halves are read
    /// with loads of eight or four bytes that may overlap (the bytes they share are the same),
    /// with no copy to a padded buffer.
    #[inline]
    pub(super) fn of(bytes: &[u8]) -> Option<ShortKey> {
        let eight = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8 bytes"));
        let four = |at: usize| {
            u64::from(u32::from_le_bytes(
                bytes[at..at + 4].try_into().expect("4 bytes"),
            ))
        };
        let (low, high) = match bytes.len() {
            0 => return None,
            1..4 => (
                bytes
                    .iter()
                    .rev()
                    .fold(0, |low, &byte| low << 8 | u64::from(byte)),
                0,
            ),
            len @ 4..8 => (four(0) | four(len - 4) << (8 * (len - 4)), 0),
            8 => (eight(0), 0),
            len @ 9..=SHORT => (eight(0), eight(len - 8) >> (8 * (16 - len))),
            _ => return None,
        };
        Some(ShortKey::from_halves(low, high, bytes.len()))
    }

    /// The key of a form of `len` bytes (1 to [`SHORT`]) whose bytes, zero-padded, are `low`
    /// and `high`.
    #[inline(always)]
    fn from_halves(low: u64, high: u64, len: usize) -> ShortKey {
        debug_assert!((1..=SHORT).contains(&len));
        ShortKey {
            low,
            high: high | (len as u64) << 56,
        }
    }

    /// The key's bits spread over the high bits of a 64-bit integer, which pick its slot.
    #[inline(always)]
    fn spread(self) -> u64 {
        (self.low.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ self.high)
            .wrapping_mul(0xff51_afd7_ed55_8ccd)
    }
}

/// Readings by [`ShortKey`], in an open-addressing table with linear probing whose slot is
/// read from the key's spread bits ([`ShortKey::spread`]); a slot whose key has a `high` of 0
/// is empty. Key, readings and tally share a slot: a hit reads one place.
pub(super) struct ShortTable {
    slots: Vec<(ShortKey, Readings, Tally)>,
    /// How many slots hold a key.
    len: usize,
    /// 64 minus the number of bits of a slot index.
    shift: u32,
}

/// The key of an empty slot.
const EMPTY: ShortKey = ShortKey { low: 0, high: 0 };

/// The fewest slots a [`ShortTable`] has.
const MIN_SLOTS: usize = 1024;

impl Default for ShortTable {
    fn default() -> Self {
        ShortTable::with_slots(MIN_SLOTS)
    }
}

impl ShortTable {
    /// An empty table of `slots` slots (a power of two).
    fn with_slots(slots: usize) -> Self {
        debug_assert!(slots.is_power_of_two());
        ShortTable {
            slots: vec![(EMPTY, Readings::NONE, Tally::default()); slots],
            len: 0,
            shift: 64 - slots.trailing_zeros(),
        }
    }

    /// The slot that holds `key`, or the empty slot where it would go.
    #[inline(always)]
    fn slot_of(&self, key: ShortKey) -> usize {
        let mask = self.slots.len() - 1;
        let mut slot = (key.spread() >> self.shift) as usize;
        loop {
            let held = self.slots[slot].0;
            if held == key || held.high == 0 {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
    }

    /// The readings of `key`, if the table holds it.
    #[inline(always)]
    pub(super) fn get(&self, key: ShortKey) -> Option<Readings> {
        self.get_ref(key).copied()
    }

    /// The readings of `key`, if the table holds it, in place.
    #[inline(always)]
    pub(super) fn get_ref(&self, key: ShortKey) -> Option<&Readings> {
        let (held, readings, _) = &self.slots[self.slot_of(key)];
        (held.high != 0).then_some(readings)
    }

    /// The readings and tally of `key`, to change, if the table holds it.
    #[inline(always)]
    fn get_mut(&mut self, key: ShortKey) -> Option<(&mut Readings, &mut Tally)> {
        let slot = self.slot_of(key);
        let (held, readings, tally) = &mut self.slots[slot];
        (held.high != 0).then_some((readings, tally))
    }

    /// The tally of `key`, if the table holds it.
    fn tally_of(&self, key: ShortKey) -> Option<Tally> {
        let (held, _, tally) = &self.slots[self.slot_of(key)];
        (held.high != 0).then_some(*tally)
    }

    /// Adds `key`, which the table does not hold, with its readings.
    fn insert(&mut self, key: ShortKey, readings: Readings) {
        let slot = self.slot_of(key);
        debug_assert!(self.slots[slot].0.high == 0, "the key is not held yet");
        self.slots[slot] = (key, readings, Tally::default());
        self.len += 1;
        // At most half full: probes stay short.
        if 2 * self.len > self.slots.len() {
            self.grow();
        }
    }

    /// Doubles the table, putting each key back in its new place.
    #[cold]
    fn grow(&mut self) {
        let mut bigger = ShortTable::with_slots(2 * self.slots.len());
        for &(key, readings, tally) in &self.slots {
            if key.high != 0 {
                let slot = bigger.slot_of(key);
                bigger.slots[slot] = (key, readings, tally);
            }
        }
        bigger.len = self.len;
        *self = bigger;
    }

    /// How many keys the table holds.
    pub(super) fn len(&self) -> usize {
        self.len
    }

    /// Empties the table, keeping its slots.
    fn clear(&mut self) {
        self.slots.fill((EMPTY, Readings::NONE, Tally::default()));
        self.len = 0;
    }
}

/// The key under which the memo holds the word `text[range]`, read in two loads of eight bytes,
/// when the word is short (1 to [`SHORT`] bytes), has no byte 0xE2 (the first byte of a curly
/// apostrophe, which a form is looked up without) and sixteen bytes of `text` start at it:
/// [`ShortKey::of`] its bytes. `None` otherwise.
#[inline(always)]
pub(super) fn plain_short_key(text: &[u8], range: std::ops::Range<usize>) -> Option<ShortKey> {
    let len = range.end - range.start;
    if len.wrapping_sub(1) >= SHORT {
        return None;
    }
    let sixteen = text.get(range.start..range.start + 16)?;
    let [low_mask, high_mask] = HALF_MASKS[len];
    let low = u64::from_le_bytes(sixteen[..8].try_into().expect("eight bytes")) & low_mask;
    let high = u64::from_le_bytes(sixteen[8..].try_into().expect("eight bytes")) & high_mask;
    (!has_e2_in_either(low, high)).then(|| ShortKey::from_halves(low, high, len))
}

/// For each length of word up to [`SHORT`] bytes, the masks of its bytes in the first eight
/// bytes read from its start and in the next eight.
const HALF_MASKS: [[u64; 2]; SHORT + 1] = {
    let mut masks = [[0; 2]; SHORT + 1];
    let mut len = 0;
    while len <= SHORT {
        let (low, high) = if len >= 8 { (8, len - 8) } else { (len, 0) };
        masks[len] = [mask_of(low), mask_of(high)];
        len += 1;
    }
    masks
};

/// The mask of the first `bytes` bytes (0 to 8) of a little-endian `u64`.
const fn mask_of(bytes: usize) -> u64 {
    if bytes == 8 {
        u64::MAX
    } else {
        (1u64 << (8 * bytes)) - 1
    }
}

/// Whether one of the sixteen bytes of `low` and `high` is 0xE2, tested at once (see
/// [`crate::text::bytes::has_byte`]).
#[inline(always)]
fn has_e2_in_either(low: u64, high: u64) -> bool {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    let zero_byte = |word: u64| {
        let x = word ^ (ONES * 0xE2);
        x.wrapping_sub(ONES) & !x
    };
    (zero_byte(low) | zero_byte(high)) & (ONES << 7) != 0
}

/// Whether `bytes` hold a byte 0xE2, the first byte of a curly apostrophe (and of other
/// punctuation), tested eight bytes at a time: a form without one needs no straightening.
#[inline]
pub(super) fn has_e2(bytes: &[u8]) -> bool {
    let mut chunks = bytes.chunks_exact(8);
    let found = chunks.by_ref().any(|chunk| {
        crate::text::bytes::has_byte(
            u64::from_le_bytes(chunk.try_into().expect("eight bytes")),
            0xE2,
        )
    });
    found || chunks.remainder().contains(&0xE2)
}

/// A 64-bit fingerprint of a form of more than [`SHORT`] bytes, mixed eight bytes at a time
/// (the last eight read even where they overlap the eight before).
#[inline]
pub(super) fn long_key(bytes: &[u8]) -> u64 {
    debug_assert!(bytes.len() > SHORT);
    const MIX: u64 = 0x9e37_79b9_7f4a_7c15;
    let eight = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().expect("eight bytes"));
    let mut hash = (bytes.len() as u64).wrapping_mul(MIX);
    let mut at = 0;
    while at + 8 < bytes.len() {
        hash = (hash ^ eight(at)).wrapping_mul(MIX).rotate_left(23);
        at += 8;
    }
    hash = (hash ^ eight(bytes.len() - 8)).wrapping_mul(MIX);
    hash ^ hash >> 29
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_keys_are_the_bytes_zero_padded() {
        let text: Vec<u8> = (1..=20).map(|n| n * 12).collect();
        for len in 0..=text.len() {
            let bytes = &text[..len];
            let expected = (1..=SHORT).contains(&len).then(|| {
                let mut padded = [0u8; 16];
                padded[..len].copy_from_slice(bytes);
                let half = |at: usize| u64::from_le_bytes(padded[at..at + 8].try_into().unwrap());
                ShortKey::from_halves(half(0), half(8), len)
            });
            assert_eq!(ShortKey::of(bytes), expected, "{len}");
        }
    }

    #[test]
    fn short_keys_differ_when_the_bytes_do() {
        let words = [
            "",
            "a",
            "à",
            "le",
            "les",
            "l’",
            "the",
            "their",
            "plus",
            "a\0",
            "abcdefg",
            "abcdefgh",
            "abcdefghi",
            "abcdefgh\0",
            "configuration",
            "configuratioN",
            "aujourd'hui",
            "abcdefghijklmno",
            "abcdefghijklmnop",
        ];
        for a in words {
            let key = ShortKey::of(a.as_bytes());
            assert_eq!(key.is_some(), (1..=SHORT).contains(&a.len()), "{a:?}");
            assert!(key.is_none_or(|key| key.high != 0), "{a:?}");
            for b in words {
                if let (Some(x), Some(y)) = (key, ShortKey::of(b.as_bytes())) {
                    assert_eq!(x == y, a == b, "{a:?} {b:?}");
                }
            }
        }
    }

    #[test]
    fn plain_short_keys_are_the_short_keys_without_curly_apostrophes() {
        let text = "l’arbre et l'eau de l’été, aujourd’hui : à la fin du mot, \
                    anticonstitutionnellement";
        let bytes = text.as_bytes();
        for start in 0..text.len() {
            for end in start..=text.len() {
                if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
                    continue;
                }
                let word = &text[start..end];
                let expected = (start + 16 <= text.len() && !word.contains('’'))
                    .then(|| ShortKey::of(word.as_bytes()))
                    .flatten();
                assert_eq!(plain_short_key(bytes, start..end), expected, "{word:?}");
            }
        }
    }

    #[test]
    fn the_short_table_answers_as_a_map() {
        // Random forms of 1 to 15 bytes from a small alphabet, so that many repeat.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut table = ShortTable::default();
        let mut map: HashMap<Vec<u8>, Readings> = HashMap::new();
        for round in 0..20_000 {
            let len = 1 + (next() % SHORT as u64) as usize;
            let form: Vec<u8> = (0..len).map(|_| b"ab\0e"[(next() % 4) as usize]).collect();
            let key = ShortKey::of(&form).expect("a short form");
            assert_eq!(table.get(key), map.get(&form).copied(), "{form:?}");
            if !map.contains_key(&form) {
                let readings = if round % 2 == 0 {
                    Readings::NONE
                } else {
                    super::super::lexicons().read("page")
                };
                table.insert(key, readings);
                map.insert(form.clone(), readings);
            }
            if let Some((found, _)) = table.get_mut(key) {
                found.analysed = !found.analysed;
                let known = map.get_mut(&form).expect("held");
                known.analysed = !known.analysed;
            }
            assert_eq!(table.len(), map.len());
        }
        assert!(table.slots.len() > MIN_SLOTS, "the table grew");
        for (form, readings) in &map {
            let key = ShortKey::of(form).expect("a short form");
            assert_eq!(table.get(key), Some(*readings));
        }
        table.clear();
        assert_eq!(table.len(), 0);
        assert!(
            map.keys()
                .all(|form| table.get(ShortKey::of(form).unwrap()).is_none())
        );
    }

    #[test]
    fn the_memo_remembers_forms_of_every_length_apart() {
        let mut memo = Memo::default();
        let forms = [
            "",
            "a",
            "à",
            "l'",
            "abcdefg",
            "abcdefgh",
            "abcdefghi",
            "abcdefghijklmno",
            "abcdefghijklmnop",
            "abcdefghijklmnopq",
            "internationalization",
        ];
        for (n, form) in forms.iter().enumerate() {
            assert!(memo.get(form).is_none());
            match memo.entry(form) {
                Entry::Absent => {
                    let mut readings = Readings::NONE;
                    readings.usage = n as u32;
                    memo.insert(form, readings);
                }
                Entry::Taken => assert!(form.is_empty(), "only the empty form is taken"),
                Entry::Found(_) => panic!("{form:?} is not held yet"),
            }
        }
        for (n, form) in forms.iter().enumerate() {
            let held = memo.get(form).map(|readings| readings.usage);
            assert_eq!(held, (!form.is_empty()).then_some(n as u32), "{form:?}");
        }
    }

    #[test]
    fn sixteen_bytes_are_searched_for_e2_at_once() {
        for at in 0..16 {
            for byte in [0x00u8, 0x01, 0x62, 0xE1, 0xE2, 0xE3, 0xFF] {
                let mut bytes = [b'a'; 16];
                bytes[at] = byte;
                let half = |from: usize| {
                    u64::from_le_bytes(bytes[from..from + 8].try_into().expect("eight bytes"))
                };
                assert_eq!(
                    has_e2_in_either(half(0), half(8)),
                    byte == 0xE2,
                    "{byte:x} at {at}"
                );
            }
        }
    }

    #[test]
    fn has_e2_answers_as_a_search_of_each_byte() {
        for text in [
            "",
            "a",
            "l’",
            "aujourd’hui",
            "constitutionnellement",
            "abcdefgh’",
            "éèê…",
        ] {
            for start in 0..=text.len() {
                let bytes = &text.as_bytes()[start..];
                assert_eq!(
                    has_e2(bytes),
                    bytes.contains(&0xE2),
                    "{text:?} from {start}"
                );
            }
        }
    }

    #[test]
    fn a_reading_is_tallied_until_the_memo_is_emptied_or_another_begins() {
        let mut memo = Memo::default();
        assert_eq!(memo.tally_of(0, "chat"), None);
        let reading = memo.begin_tally();
        memo.insert("chat", Readings::NONE);
        memo.insert("anticonstitutionnellement", Readings::NONE);
        assert_eq!(memo.tally("chat", 3), NO_TOKEN);
        assert_eq!(memo.tally("chat", 7), 3);
        assert_eq!(memo.tally("anticonstitutionnellement", 9), NO_TOKEN);
        assert_eq!(memo.tally_of(reading, "chat"), Some((2, 7)));
        assert_eq!(
            memo.tally_of(reading, "anticonstitutionnellement"),
            Some((1, 9))
        );
        assert_eq!(memo.tally_of(reading, "chien"), Some((0, NO_TOKEN)));
        let next = memo.begin_tally();
        assert_eq!(memo.tally_of(reading, "chat"), None);
        assert_eq!(memo.tally_of(next, "chat"), Some((0, NO_TOKEN)));
        assert_eq!(memo.tally("chat", 0), NO_TOKEN);
        assert_eq!(memo.tally_of(next, "chat"), Some((1, 0)));
        // A form the memo does not hold leaves the reading untallied.
        assert_eq!(memo.tally("chien", 1), NO_TOKEN);
        assert_eq!(memo.tally_of(next, "chat"), None);
        let last = memo.begin_tally();
        assert_eq!(memo.tally("chat", 0), NO_TOKEN);
        for n in 0..BOUND {
            memo.insert(&format!("m{n}"), Readings::NONE);
        }
        assert_eq!(memo.tally_of(last, "chat"), None, "emptied");
    }

    #[test]
    fn long_keys_tell_apart_words_that_differ_anywhere() {
        let words = [
            "internationalization",
            "internationalizatioN",
            "xnternationalization",
            "anticonstitutionnellement",
            "anticonstitutionnellemenT",
            "anticonstitutionnellements",
            "aujourd'hui-même-ici",
            "abcdefghabcdefgh",
            "abcdefghabcdefghabcdefgh",
        ];
        for a in words {
            for b in words {
                assert_eq!(
                    long_key(a.as_bytes()) == long_key(b.as_bytes()),
                    a == b,
                    "{a} {b}"
                );
            }
        }
    }
}
