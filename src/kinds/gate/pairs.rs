//! Pair gates: for a regular expression, pairs of byte classes such that every match holds a
//! byte of the first class followed by a byte of the second, read from its syntax tree. A
//! document whose byte pairs ([`BytePairs`]) hold none of a gate's cannot match, so the
//! expression need not run over it.
//!
//! Literal gates ([`super::LiteralGate`]) need strings; an expression made of classes
//! ("[1-9][0-9]{0,2},[0-9]{3}", ",[a-z]{2,}") gives them single bytes only, which nearly every
//! document holds, and its engine then stops at every comma. The pair of a digit and a comma,
//! or of a comma and a letter, is rare in French prose: one pass over a document finds every
//! pair it holds, and each gate is then a few bit tests.

use super::frequency::FRENCH_BYTE_FREQUENCY;
use regex_syntax::hir::{Class, Hir, HirKind};
use std::cell::RefCell;

/// A set of bytes, one bit each.
type Bits = [u64; 4];

fn insert(bits: &mut Bits, byte: u8) {
    bits[usize::from(byte >> 6)] |= 1 << (byte & 63);
}

fn insert_range(bits: &mut Bits, low: u8, high: u8) {
    for byte in low..=high {
        insert(bits, byte);
    }
}

fn union(a: &Bits, b: &Bits) -> Bits {
    [a[0] | b[0], a[1] | b[1], a[2] | b[2], a[3] | b[3]]
}

fn bytes_of(bits: &Bits) -> impl Iterator<Item = u8> + '_ {
    (0..=255u8).filter(|&byte| bits[usize::from(byte >> 6)] & (1 << (byte & 63)) != 0)
}

/// One flag per pair of bytes, at the index its two bytes spell in little-endian order.
type PairTable = Box<[u8; 1 << 16]>;

thread_local! {
    /// The tables of the byte pairs dropped on this thread, each with the stamp it was last
    /// filled with, kept to be filled again: a fresh table would be cleared first, which
    /// costs more than filling it.
    static SPARE_TABLES: RefCell<Vec<(PairTable, u8)>> = const { RefCell::new(Vec::new()) };
}

/// The most tables kept for reuse on one thread (documents prepared at once).
const SPARE_LIMIT: usize = 4;

/// The pairs of bytes a text holds (a byte followed by the next one), found in one pass: one
/// flag per pair, set by a single store for each byte of the text. A pair is held when its
/// flag equals the table's stamp, so a table taken back from an earlier text needs no
/// clearing: its new stamp differs from every flag it holds (it is cleared once every 255
/// texts, when the stamps wrap).
pub struct BytePairs {
    /// For each pair, at the index its two bytes spell in little-endian order, `stamp` when
    /// the text holds it.
    held: Option<PairTable>,
    /// The flag of the pairs this text holds.
    stamp: u8,
}

impl BytePairs {
    /// The byte pairs of `bytes`.
    pub fn of(bytes: &[u8]) -> BytePairs {
        let spare = SPARE_TABLES
            .try_with(|spare| spare.borrow_mut().pop())
            .ok()
            .flatten();
        let (mut held, stamp) = match spare {
            Some((table, last)) if last < u8::MAX => (table, last + 1),
            Some((mut table, _)) => {
                table.fill(0);
                (table, 1)
            }
            None => (
                vec![0; 1 << 16]
                    .into_boxed_slice()
                    .try_into()
                    .expect("as many flags as pairs"),
                1,
            ),
        };
        // Nine bytes hold eight pairs: those at even offsets in the word of their first eight
        // bytes, those at odd offsets in the word of their last eight.
        let mut at = 0;
        while let Some(chunk) = bytes.get(at..at + 9) {
            let even = u64::from_le_bytes(chunk[..8].try_into().expect("eight bytes"));
            let odd = u64::from_le_bytes(chunk[1..].try_into().expect("eight bytes"));
            for shift in [0, 16, 32, 48] {
                held[usize::from((even >> shift) as u16)] = stamp;
                held[usize::from((odd >> shift) as u16)] = stamp;
            }
            at += 8;
        }
        for pair in bytes[at..].windows(2) {
            held[usize::from(u16::from_le_bytes([pair[0], pair[1]]))] = stamp;
        }
        BytePairs {
            held: Some(held),
            stamp,
        }
    }

    /// Whether the text holds every pair of consecutive bytes of `bytes` (it does when
    /// `bytes` is shorter than a pair).
    pub fn holds_every_pair_of(&self, bytes: &[u8]) -> bool {
        bytes.windows(2).all(|pair| self.holds(pair[0], pair[1]))
    }

    /// Whether the text holds every pair of `pairs` in one of its cases: the pairs of a
    /// string's consecutive bytes with its ASCII letters in either case ([`PairCases::of`]).
    pub fn holds_every_pair_in_some_case(&self, pairs: &[PairCases]) -> bool {
        self.held.as_ref().map_or(pairs.is_empty(), |held| {
            pairs.iter().all(|cases| {
                cases
                    .0
                    .iter()
                    .any(|&at| held[usize::from(at)] == self.stamp)
            })
        })
    }

    /// The bytes that follow another one in the text (all of its bytes but, maybe, its
    /// first), as bits: the pairs that end with one byte are a row of 256 flags of the table,
    /// read at once with no early exit (which the compiler turns into vector comparisons).
    pub fn second_bytes(&self) -> [u64; 4] {
        let mut bits = [0; 4];
        if let Some(held) = &self.held {
            for (then, row) in held.chunks_exact(256).enumerate() {
                let holds = row
                    .iter()
                    .fold(0u8, |holds, &flag| holds | u8::from(flag == self.stamp));
                if holds != 0 {
                    insert(&mut bits, then as u8);
                }
            }
        }
        bits
    }

    /// Whether the text holds `first` followed by `then`.
    fn holds(&self, first: u8, then: u8) -> bool {
        self.held
            .as_ref()
            .is_some_and(|held| held[usize::from(u16::from_le_bytes([first, then]))] == self.stamp)
    }
}

/// A pair of bytes in each of its cases, ASCII letters in lowercase or uppercase, as indices
/// of the table of [`BytePairs`]: four, the same index repeated when a byte is no letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PairCases([u16; 4]);

impl PairCases {
    /// The pairs of consecutive bytes of `bytes` (ASCII letters in lowercase), each in its
    /// cases: what a text holds when it holds `bytes` with its ASCII letters in either case.
    pub fn of(bytes: &[u8]) -> Box<[PairCases]> {
        bytes
            .windows(2)
            .map(|pair| {
                let at = |first: u8, then: u8| u16::from_le_bytes([first, then]);
                let (first, then) = (pair[0], pair[1]);
                let (upper_first, upper_then) =
                    (first.to_ascii_uppercase(), then.to_ascii_uppercase());
                PairCases([
                    at(first, then),
                    at(upper_first, then),
                    at(first, upper_then),
                    at(upper_first, upper_then),
                ])
            })
            .collect()
    }
}

impl Drop for BytePairs {
    fn drop(&mut self) {
        if let Some(table) = self.held.take() {
            // A thread that is ending keeps no tables.
            let _ = SPARE_TABLES.try_with(|spare| {
                let mut spare = spare.borrow_mut();
                if spare.len() < SPARE_LIMIT {
                    spare.push((table, self.stamp));
                }
            });
        }
    }
}

/// A byte of one class followed by a byte of another.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Pair {
    /// The bytes a pair may start with.
    first: Vec<u8>,
    /// The bytes a pair may end with.
    then: Vec<u8>,
}

impl Pair {
    /// Whether the text of `pairs` holds one such pair.
    fn held(&self, pairs: &BytePairs) -> bool {
        self.first
            .iter()
            .any(|&first| self.then.iter().any(|&then| pairs.holds(first, then)))
    }
}

/// Pairs of byte classes, one of which every match of an expression holds (one for each
/// alternative of an alternation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairGate {
    pairs: Vec<Pair>,
}

impl PairGate {
    /// Whether a text with the byte pairs `pairs` may hold a match.
    pub fn admits(&self, pairs: &BytePairs) -> bool {
        self.pairs.iter().any(|pair| pair.held(pairs))
    }

    /// The gate of these pairs of byte classes (the bytes a pair may start with, those it may
    /// end with), as [`PairGate::classes`] gives them: how the build script's gates of the
    /// built-in expressions are read back.
    pub fn of_classes(classes: &[(&[u8], &[u8])]) -> PairGate {
        PairGate {
            pairs: classes
                .iter()
                .map(|(first, then)| Pair {
                    first: first.to_vec(),
                    then: then.to_vec(),
                })
                .collect(),
        }
    }

    /// The pairs of byte classes of the gate: the bytes a pair may start with, and those it
    /// may end with.
    pub fn classes(&self) -> impl Iterator<Item = (&[u8], &[u8])> {
        self.pairs
            .iter()
            .map(|pair| (pair.first.as_slice(), pair.then.as_slice()))
    }
}

/// The most gates kept for an expression.
const GATE_LIMIT: usize = 2;

/// The most pairs of bytes a gate may stand for: each is looked up on its own.
const PAIR_LIMIT: usize = 256;

/// The most selective pair gates of `hir` (at most [`GATE_LIMIT`]), going by the frequency
/// of bytes in French; none when its matches are not a sequence of parts of which two
/// consecutive ones are never empty, nor an alternation of such sequences.
pub fn pair_gates(hir: &Hir) -> Vec<PairGate> {
    let mut gates = candidates(hir);
    gates.sort_by_key(|(commonness, _)| *commonness);
    gates.truncate(GATE_LIMIT);
    gates.into_iter().map(|(_, gate)| gate).collect()
}

/// The gates of `hir` with their commonness: those of its sequence, or for an alternation
/// the gate made of the most selective one of each alternative.
fn candidates(hir: &Hir) -> Vec<(u64, PairGate)> {
    match hir.kind() {
        HirKind::Capture(capture) => candidates(&capture.sub),
        HirKind::Alternation(subs) => {
            let mut pairs = Vec::with_capacity(subs.len());
            let mut commonness = 0u64;
            for sub in subs {
                let Some((sub_commonness, sub_gate)) = candidates(sub)
                    .into_iter()
                    .min_by_key(|(commonness, _)| *commonness)
                else {
                    return Vec::new();
                };
                commonness = commonness.saturating_add(sub_commonness);
                pairs.extend(sub_gate.pairs);
            }
            let size: usize = pairs.iter().map(|p| p.first.len() * p.then.len()).sum();
            if size > PAIR_LIMIT {
                return Vec::new();
            }
            vec![(commonness, PairGate { pairs })]
        }
        _ => sequence_gates(hir),
    }
}

/// The gates of the splits of the sequence of parts of `hir` into two parts never empty.
fn sequence_gates(hir: &Hir) -> Vec<(u64, PairGate)> {
    let mut parts = Vec::new();
    sequence(hir, &mut parts);
    let ends: Vec<Ends> = parts.iter().map(Part::ends).collect();
    let mut gates: Vec<(u64, PairGate)> = Vec::new();
    for split in 1..ends.len() {
        let (before, after) = ends.split_at(split);
        let (Some(last), Some(first)) = (
            edge(before.iter().rev(), |e| &e.last),
            edge(after.iter(), |e| &e.first),
        ) else {
            continue;
        };
        let (starts, ends): (Vec<u8>, Vec<u8>) =
            (bytes_of(&last).collect(), bytes_of(&first).collect());
        if starts.is_empty() || ends.is_empty() || starts.len() * ends.len() > PAIR_LIMIT {
            continue;
        }
        let frequency = |bytes: &[u8]| -> u64 {
            bytes
                .iter()
                .map(|&byte| u64::from(FRENCH_BYTE_FREQUENCY[usize::from(byte)]))
                .sum()
        };
        let commonness = frequency(&starts) * frequency(&ends);
        let gate = PairGate {
            pairs: vec![Pair {
                first: starts,
                then: ends,
            }],
        };
        if !gates.iter().any(|(_, known)| *known == gate) {
            gates.push((commonness, gate));
        }
    }
    gates
}

/// The bytes a run of parts, taken from one end, may have at that end: those of each part up
/// to the first that is never empty; `None` when every part may be empty.
fn edge<'e>(mut parts: impl Iterator<Item = &'e Ends>, bytes: fn(&Ends) -> &Bits) -> Option<Bits> {
    let mut found = [0; 4];
    parts.find_map(|part| {
        found = union(&found, bytes(part));
        (!part.nullable).then_some(found)
    })
}

/// One of the parts a match is made of.
enum Part<'h> {
    /// An expression.
    Hir(&'h Hir),
    /// A byte of fixed text.
    Byte(u8),
}

impl Part<'_> {
    fn ends(&self) -> Ends {
        match self {
            Part::Hir(hir) => Ends::of(hir),
            Part::Byte(byte) => {
                let mut bits = [0; 4];
                insert(&mut bits, *byte);
                Ends {
                    nullable: false,
                    first: bits,
                    last: bits,
                }
            }
        }
    }
}

/// The parts of `hir` that every match of it is made of, one after the other: the items of
/// its concatenations, groups opened, fixed text byte by byte.
fn sequence<'h>(hir: &'h Hir, parts: &mut Vec<Part<'h>>) {
    match hir.kind() {
        HirKind::Capture(capture) => sequence(&capture.sub, parts),
        HirKind::Concat(subs) => {
            for sub in subs {
                sequence(sub, parts);
            }
        }
        HirKind::Literal(literal) => parts.extend(literal.0.iter().map(|&byte| Part::Byte(byte))),
        _ => parts.push(Part::Hir(hir)),
    }
}

/// What the matches of an expression may begin and end with.
struct Ends {
    /// Whether it may match the empty string.
    nullable: bool,
    /// The bytes its non-empty matches may begin with (a superset).
    first: Bits,
    /// The bytes its non-empty matches may end with (a superset).
    last: Bits,
}

impl Ends {
    fn of(hir: &Hir) -> Ends {
        let empty = || Ends {
            nullable: true,
            first: [0; 4],
            last: [0; 4],
        };
        match hir.kind() {
            HirKind::Empty | HirKind::Look(_) => empty(),
            HirKind::Literal(literal) => match (literal.0.first(), literal.0.last()) {
                (Some(&first), Some(&last)) => {
                    let (mut first_bits, mut last_bits) = ([0; 4], [0; 4]);
                    insert(&mut first_bits, first);
                    insert(&mut last_bits, last);
                    Ends {
                        nullable: false,
                        first: first_bits,
                        last: last_bits,
                    }
                }
                _ => empty(),
            },
            HirKind::Class(Class::Bytes(class)) => {
                let mut bits = [0; 4];
                for range in class.ranges() {
                    insert_range(&mut bits, range.start(), range.end());
                }
                Ends {
                    nullable: false,
                    first: bits,
                    last: bits,
                }
            }
            HirKind::Class(Class::Unicode(class)) => {
                let (mut first, mut last) = ([0; 4], [0; 4]);
                for range in class.ranges() {
                    unicode_ends(range.start(), range.end(), &mut first, &mut last);
                }
                Ends {
                    nullable: false,
                    first,
                    last,
                }
            }
            HirKind::Repetition(repetition) => {
                if repetition.max == Some(0) {
                    return empty();
                }
                let sub = Ends::of(&repetition.sub);
                Ends {
                    nullable: repetition.min == 0 || sub.nullable,
                    ..sub
                }
            }
            HirKind::Capture(capture) => Ends::of(&capture.sub),
            HirKind::Concat(subs) => {
                let ends: Vec<Ends> = subs.iter().map(Ends::of).collect();
                Ends {
                    nullable: ends.iter().all(|e| e.nullable),
                    first: edge(ends.iter(), |e| &e.first)
                        .unwrap_or_else(|| ends.iter().fold([0; 4], |b, e| union(&b, &e.first))),
                    last: edge(ends.iter().rev(), |e| &e.last)
                        .unwrap_or_else(|| ends.iter().fold([0; 4], |b, e| union(&b, &e.last))),
                }
            }
            HirKind::Alternation(subs) => {
                let ends: Vec<Ends> = subs.iter().map(Ends::of).collect();
                Ends {
                    nullable: ends.iter().any(|e| e.nullable),
                    first: ends.iter().fold([0; 4], |b, e| union(&b, &e.first)),
                    last: ends.iter().fold([0; 4], |b, e| union(&b, &e.last)),
                }
            }
        }
    }
}

/// Adds the bytes the UTF-8 forms of the characters from `low` to `high` may begin and end
/// with: the first byte grows with the character, so that the range of first bytes is
/// bounded by those of its ends; the last byte of a character of several bytes is a
/// continuation byte, found one by one for a short range.
fn unicode_ends(low: char, high: char, first: &mut Bits, last: &mut Bits) {
    let lead = |c: char| {
        let mut buffer = [0u8; 4];
        c.encode_utf8(&mut buffer);
        buffer[0]
    };
    insert_range(first, lead(low), lead(high));
    let (low, high) = (u32::from(low), u32::from(high));
    if low < 0x80 {
        insert_range(last, low as u8, high.min(0x7f) as u8);
    }
    let wide_low = low.max(0x80);
    if high < wide_low {
        return;
    }
    if high - wide_low >= 64 {
        insert_range(last, 0x80, 0xbf);
    } else {
        for code in wide_low..=high {
            insert(last, 0x80 | (code & 0x3f) as u8);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gates(pattern: &str) -> Vec<PairGate> {
        pair_gates(&regex_syntax::Parser::new().parse(pattern).unwrap())
    }

    fn admitted(pattern: &str, text: &str) -> bool {
        let pairs = BytePairs::of(text.as_bytes());
        gates(pattern).iter().all(|gate| gate.admits(&pairs))
    }

    #[test]
    fn every_pair_is_found() {
        let mut random = Lcg(3);
        for length in 0..40 {
            let bytes: Vec<u8> = (0..length).map(|_| (random.next() % 6) as u8).collect();
            let pairs = BytePairs::of(&bytes);
            for first in 0..6u8 {
                for then in 0..6u8 {
                    let held = bytes.windows(2).any(|pair| pair == [first, then]);
                    assert_eq!(pairs.holds(first, then), held, "{bytes:?} {first} {then}");
                }
            }
        }
    }

    #[test]
    fn a_string_is_held_in_some_case_when_each_of_its_pairs_is() {
        let pairs = BytePairs::of("Le CHAT dort, le Chien aboie : 3-2.".as_bytes());
        let held =
            |string: &str| pairs.holds_every_pair_in_some_case(&PairCases::of(string.as_bytes()));
        for string in ["le chat", "chat", "chien", "ort,", "3-2.", "e c", "t"] {
            assert!(held(string), "{string}");
        }
        // "hatdo": every byte is there, and "ha", "at", "do" too, but not "td".
        for string in ["hatdo", "niche", "le chiot", "2-3", "e  c"] {
            assert!(!held(string), "{string}");
        }
        // A string shorter than a pair is held by any text, even one shorter still.
        assert!(BytePairs::of(b"a").holds_every_pair_in_some_case(&PairCases::of(b"z")));
    }

    #[test]
    fn reused_tables_hold_only_the_pairs_of_their_text() {
        // More texts than stamps, some alive at once, so that tables are reused, cleared when
        // their stamps wrap, and shared out to texts that overlap.
        let mut random = Lcg(7);
        let mut alive: Vec<(Vec<u8>, BytePairs)> = Vec::new();
        for round in 0..700 {
            let length = (random.next() % 30) as usize;
            let bytes: Vec<u8> = (0..length).map(|_| (random.next() % 5) as u8).collect();
            let pairs = BytePairs::of(&bytes);
            alive.push((bytes, pairs));
            if round % 3 != 0 || alive.len() > 6 {
                alive.remove((random.next() % alive.len() as u64) as usize);
            }
            for (bytes, pairs) in &alive {
                for first in 0..5u8 {
                    for then in 0..5u8 {
                        let held = bytes.windows(2).any(|pair| pair == [first, then]);
                        assert_eq!(pairs.holds(first, then), held, "{bytes:?} {first} {then}");
                    }
                }
            }
        }
    }

    #[test]
    fn pairs_of_classes_gate() {
        let thousands = r"(?P<a>[1-9][0-9]{0,2}),(?P<b>[0-9]{3})";
        assert!(!gates(thousands).is_empty());
        assert!(!admitted(thousands, "Un, deux, 3 et 4."));
        assert!(admitted(thousands, "Il y a 1,000 ans."));
        let comma = r"(?P<span>,)(?P<b>[\p{Latin}&&\p{Ll}]{2,})";
        assert!(!admitted(comma, "a, b, c"));
        assert!(admitted(comma, "a,éb"));
        assert!(
            gates("a|bc").is_empty(),
            "an alternative of one byte has no pair"
        );
        assert!(gates("a?b?").is_empty(), "every part may be empty");
        let placeholders = r"XNUM|@@|%[sd]|\{[0-9]\}";
        assert_eq!(gates(placeholders).len(), 1);
        assert!(!admitted(placeholders, "Un % de plus, {a} et X."));
        assert!(admitted(placeholders, "Voir {3}."));
        assert!(admitted(placeholders, "Voir %s."));
    }

    /// A small deterministic generator of test text.
    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            self.0 >> 33
        }
    }

    #[test]
    fn gates_never_shut_out_a_match() {
        let patterns = [
            r"(?P<a>[1-9][0-9]{0,2}),(?P<b>[0-9]{3})(?P<after>[^0-9,.]|[.,](?:\D|$)|$)",
            r"[^\S\n]?,[^\S\n]+,",
            r"(?P<span>[ \t\u{a0}\u{202f}]+),(?P<after>[\s\p{Latin}«]|$)",
            r"(?P<span>,)(?P<b>[\p{Latin}&&\p{Ll}]{2,})(?P<after>[\s.;:!?)»]|$)",
            r"(?i)\bété\b ?[0-9]+",
            r"(?P<span>[ \t]?\.,)(?P<after>[ \t]+[\p{Latin}&&\p{Ll}])",
            r"(?P<mark>[?!])(?P<span>[ \t]*\.)",
            r"«(?P<next>[^\s\u{a0}\u{202f}«»])",
            r"(?m)^[ \t]*(?:[a-z]{2}[_-][A-Z]{2}[ \t]*[|/•·,]?[ \t]*)+[ \t\r]*$",
            r"\b(?:l|d)['’]\s*[aeiouéè]",
            r"XNUM|NUMX|@@|__|%[sdif]|%[0-9]\$|\{[0-9]\}",
            r"z\. ?B|d\. h|d\.h|usw\.|es decir|Sr\.|EE\.",
            r"(?i)[^.!?…\n]*(?:\bfaites un don\b|\bsoutenez[- ]nous\b)[^.!?…\n]*",
        ];
        let alphabet = [
            "a",
            "b",
            "1",
            "2",
            "0",
            "9",
            ",",
            " ",
            ".",
            "?",
            "!",
            "\t",
            "\n",
            "\u{a0}",
            "\u{202f}",
            "é",
            "É",
            "è",
            "l",
            "'",
            "’",
            "«",
            "»",
            "-",
            "_",
            "z",
            "Z",
            ":",
            "été",
            "ab-ZZ",
            " ,",
            ", ,",
            "1,000",
            "d’ ",
            ".,",
            " .",
            "@@",
            "%s",
            "{7}",
            "z. B",
            "d.h",
            "es decir",
            "Sr.",
            "FAITES UN DON",
            "soutenez-nous",
        ];
        let mut random = Lcg(7);
        for pattern in patterns {
            let regex = regex::bytes::Regex::new(pattern).unwrap();
            let mut matched = 0;
            for _ in 0..4000 {
                let length = 1 + random.next() as usize % 12;
                let text: String = (0..length)
                    .map(|_| alphabet[random.next() as usize % alphabet.len()])
                    .collect();
                if regex.is_match(text.as_bytes()) {
                    matched += 1;
                    assert!(admitted(pattern, &text), "{pattern} on {text:?}");
                }
            }
            assert!(matched > 0, "{pattern} never matched");
        }
    }
}
