//! Expressions searched for right after the numbers of a text only. A match is reported only
//! when its `preceded-by` test passes; when that test ends with a digit, then maybe with
//! blanks of a class (`[0-9]+(?:[.,][0-9]+)?[ \u{a0}-]*`), a match can only start at the end of
//! such a run. When, besides, no match of the expression holds a digit nor starts with one of
//! those blanks, no match the test turns down can overlap such a place, so an anchored search
//! at each of them finds the very matches that a search of the whole text finds and the test
//! lets through: a text holds few numbers, and its units (`km`, `%`, `miles`) are searched for
//! at those alone, instead of at every "mm" of "comme" or "once" of "annonce".

use regex_automata::{Anchored, Input, nfa::thompson::backtrack::BoundedBacktracker};
use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look};
use std::ops::Range;

/// An expression searched for after numbers ([the module](self)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AfterNumber {
    /// The characters that may stand between the number and a match, as sorted ranges.
    between: Vec<(char, char)>,
    /// Whether a match may start with each byte.
    first_bytes: Box<[bool; 256]>,
    /// The length of the longest match, in bytes.
    max_len: usize,
}

impl AfterNumber {
    /// The search of `regex` after numbers, when its `preceded-by` test, compiled as
    /// `preceded_by`, and its matches allow it ([the module](self)).
    pub fn of_sources(regex: &str, preceded_by: &str) -> Option<AfterNumber> {
        let parse = |source| regex_syntax::Parser::new().parse(source).ok();
        let (regex, before) = (parse(regex)?, parse(preceded_by)?);
        let mut parts = Vec::new();
        flatten(&before, &mut parts);
        let (end, mut parts) = parts.split_last()?;
        if !matches!(end.kind(), HirKind::Look(Look::End)) {
            return None;
        }
        let digits = ClassUnicode::new([ClassUnicodeRange::new('0', '9')]);
        let mut between = ClassUnicode::empty();
        if let Some((last, rest)) = parts.split_last()
            && let HirKind::Repetition(repetition) = last.kind()
            && repetition.min == 0
            && repetition.max.is_none()
            && let HirKind::Class(Class::Unicode(class)) = repetition.sub.kind()
        {
            between = class.clone();
            parts = rest;
        }
        let (last, nullable) = edge_of_sequence(parts.iter().rev().copied(), Edge::Last)?;
        if nullable || !within(&last, &digits) || overlap(&between, &digits) {
            return None;
        }
        let properties = regex.properties();
        let (first, nullable) = edge(&regex, Edge::First)?;
        if properties.minimum_len().is_none_or(|len| len == 0)
            || nullable
            || holds(&regex, &digits)
            || overlap(&first, &between)
        {
            return None;
        }
        let mut first_bytes = Box::new([false; 256]);
        for range in first.iter() {
            let (low, high) = (first_byte(range.start()), first_byte(range.end()));
            for byte in low..=high {
                first_bytes[usize::from(byte)] = true;
            }
        }
        Some(AfterNumber {
            between: between
                .iter()
                .map(|range| (range.start(), range.end()))
                .collect(),
            first_bytes,
            max_len: properties.maximum_len()?,
        })
    }

    /// Whether `c` may stand between a number and a match.
    fn is_between(&self, c: char) -> bool {
        let at = self.between.partition_point(|&(_, end)| end < c);
        self.between.get(at).is_some_and(|&(start, _)| start <= c)
    }

    /// The matches of `backtracker`'s expression in `text`, whose ASCII digits are at
    /// `digits` ([`digits`]), that start where a number, then maybe some characters that may
    /// stand between, end: those of a search of the whole text that may pass the
    /// `preceded-by` test. `None` when the backtracker cannot search so long a match.
    pub fn find_all(
        &self,
        text: &str,
        digits: &[usize],
        backtracker: &BoundedBacktracker,
    ) -> Option<Vec<Range<usize>>> {
        let bytes = text.as_bytes();
        let mut found: Vec<Range<usize>> = Vec::new();
        let mut cache = None;
        for &digit in digits {
            let mut start = digit + 1;
            while let Some(&byte) = bytes.get(start) {
                let after_last = found.last().is_none_or(|last| last.end <= start);
                if after_last && self.first_bytes[usize::from(byte)] {
                    let cache = cache.get_or_insert_with(|| backtracker.create_cache());
                    let input = Input::new(text)
                        .span(start..(start + self.max_len).min(text.len()))
                        .anchored(Anchored::Yes);
                    if let Some(found_here) = backtracker.try_find(cache, input).ok()? {
                        found.push(found_here.range());
                    }
                }
                match text[start..].chars().next() {
                    Some(c) if self.is_between(c) => start += c.len_utf8(),
                    _ => break,
                }
            }
        }
        Some(found)
    }
}

/// Where the ASCII digits of `text` are: what [`AfterNumber::find_all`] searches from, found
/// once for every expression searched after numbers in a text. Blocks of [`DIGIT_BLOCK`]
/// bytes are read as masks of their digits ([`digit_bits`]), whose bits give the digits in
/// order.
pub fn digits(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut digits = Vec::new();
    let mut blocks = bytes.chunks_exact(DIGIT_BLOCK);
    for (n, block) in blocks.by_ref().enumerate() {
        let mut bits = digit_bits(block.try_into().expect("a block"));
        while bits != 0 {
            digits.push(n * DIGIT_BLOCK + bits.trailing_zeros() as usize);
            bits &= bits - 1;
        }
    }
    let rest = bytes.len() - blocks.remainder().len();
    digits.extend((rest..bytes.len()).filter(|&at| bytes[at].is_ascii_digit()));
    digits
}

/// The bytes of the blocks that [`digits`] reads as masks.
const DIGIT_BLOCK: usize = 64;

/// A bit for each ASCII digit of `block`, the first byte's lowest: sixteen bytes at a time
/// with the SSE2 instructions that every x86-64 processor has.
#[cfg(target_arch = "x86_64")]
#[inline]
fn digit_bits(block: &[u8; DIGIT_BLOCK]) -> u64 {
    use std::arch::x86_64::{_mm_and_si128, _mm_cmpgt_epi8, _mm_cmplt_epi8, _mm_set1_epi8};
    // Signed comparisons: the bytes from 80 on are negative, below every digit.
    crate::text::bytes::marked_bits_64(block, |bytes| {
        // SAFETY: SSE2 is part of every x86_64 processor.
        unsafe {
            _mm_and_si128(
                _mm_cmpgt_epi8(bytes, _mm_set1_epi8(b'0' as i8 - 1)),
                _mm_cmplt_epi8(bytes, _mm_set1_epi8(b'9' as i8 + 1)),
            )
        }
    })
}

/// [`digit_bits`] a byte at a time: the version for other processors, and the reference of
/// the vector one.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn digit_bits_by_bytes(block: &[u8; DIGIT_BLOCK]) -> u64 {
    (0..DIGIT_BLOCK)
        .filter(|&at| block[at].is_ascii_digit())
        .fold(0, |bits, at| bits | 1 << at)
}

#[cfg(not(target_arch = "x86_64"))]
use digit_bits_by_bytes as digit_bits;

/// The parts of `hir` one after the other: the items of its concatenations, groups opened.
pub(super) fn flatten<'h>(hir: &'h Hir, parts: &mut Vec<&'h Hir>) {
    match hir.kind() {
        HirKind::Concat(subs) => subs.iter().for_each(|sub| flatten(sub, parts)),
        HirKind::Capture(capture) => flatten(&capture.sub, parts),
        _ => parts.push(hir),
    }
}

/// Which end of a match [`edge`] reads.
#[derive(Clone, Copy)]
pub(super) enum Edge {
    First,
    Last,
}

/// The characters a non-empty match of `hir` may have at `side`, and whether it may match the
/// empty string; `None` for byte classes.
fn edge(hir: &Hir, side: Edge) -> Option<(ClassUnicode, bool)> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Some((ClassUnicode::empty(), true)),
        HirKind::Literal(literal) => {
            let text = std::str::from_utf8(&literal.0).ok()?;
            let c = match side {
                Edge::First => text.chars().next(),
                Edge::Last => text.chars().next_back(),
            };
            Some(match c {
                Some(c) => (ClassUnicode::new([ClassUnicodeRange::new(c, c)]), false),
                None => (ClassUnicode::empty(), true),
            })
        }
        HirKind::Class(Class::Unicode(class)) => Some((class.clone(), false)),
        HirKind::Class(Class::Bytes(_)) => None,
        HirKind::Repetition(repetition) => {
            let (class, nullable) = edge(&repetition.sub, side)?;
            Some((class, nullable || repetition.min == 0))
        }
        HirKind::Capture(capture) => edge(&capture.sub, side),
        HirKind::Concat(subs) => match side {
            Edge::First => edge_of_sequence(subs.iter(), side),
            Edge::Last => edge_of_sequence(subs.iter().rev(), side),
        },
        HirKind::Alternation(subs) => {
            let mut union = ClassUnicode::empty();
            let mut nullable = false;
            for sub in subs {
                let (class, sub_nullable) = edge(sub, side)?;
                union.union(&class);
                nullable |= sub_nullable;
            }
            Some((union, nullable))
        }
    }
}

/// The characters a sequence of parts, taken from the end it is walked from, may have at that
/// end: those of each part up to the first that never matches the empty string.
pub(super) fn edge_of_sequence<'h>(
    parts: impl Iterator<Item = &'h Hir>,
    side: Edge,
) -> Option<(ClassUnicode, bool)> {
    let mut union = ClassUnicode::empty();
    for part in parts {
        let (class, nullable) = edge(part, side)?;
        union.union(&class);
        if !nullable {
            return Some((union, false));
        }
    }
    Some((union, true))
}

/// Whether some match of `hir` may hold a character of `class`.
fn holds(hir: &Hir, class: &ClassUnicode) -> bool {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => false,
        HirKind::Literal(literal) => std::str::from_utf8(&literal.0).map_or(true, |text| {
            text.chars()
                .any(|c| overlap(&ClassUnicode::new([ClassUnicodeRange::new(c, c)]), class))
        }),
        HirKind::Class(Class::Unicode(chars)) => overlap(chars, class),
        HirKind::Class(Class::Bytes(_)) => true,
        HirKind::Repetition(repetition) => holds(&repetition.sub, class),
        HirKind::Capture(capture) => holds(&capture.sub, class),
        HirKind::Concat(subs) | HirKind::Alternation(subs) => {
            subs.iter().any(|sub| holds(sub, class))
        }
    }
}

/// Whether two classes share a character.
fn overlap(a: &ClassUnicode, b: &ClassUnicode) -> bool {
    let mut both = a.clone();
    both.intersect(b);
    both.iter().next().is_some()
}

/// Whether every character of `a` is in `b`.
pub(super) fn within(a: &ClassUnicode, b: &ClassUnicode) -> bool {
    let mut outside = a.clone();
    outside.difference(b);
    outside.iter().next().is_none()
}

/// The first byte of the UTF-8 form of `c` (the first bytes of characters grow with them).
fn first_byte(c: char) -> u8 {
    let mut buffer = [0; 4];
    c.encode_utf8(&mut buffer).as_bytes()[0]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_are_found_as_a_byte_by_byte_search_finds_them() {
        for text in crate::fixture_texts::fixture_texts(&["seeds", "mt"]) {
            let expected: Vec<usize> = (0..text.len())
                .filter(|&at| text.as_bytes()[at].is_ascii_digit())
                .collect();
            assert_eq!(digits(&text), expected);
        }
        let mut random = crate::fixture_texts::random_below(5);
        let alphabet = [
            b'0',
            b'9',
            b'/',
            b':',
            b'a',
            b' ',
            0x30 | 0x80,
            0xb9,
            0xc3,
            0xff,
        ];
        for _ in 0..20_000 {
            let len = random(200);
            let bytes: Vec<u8> = (0..len).map(|_| alphabet[random(alphabet.len())]).collect();
            if let Some(block) = bytes.get(..DIGIT_BLOCK) {
                let block = block.try_into().expect("a block");
                assert_eq!(digit_bits(block), digit_bits_by_bytes(block), "{bytes:?}");
            }
            if let Ok(text) = std::str::from_utf8(&bytes) {
                let expected: Vec<usize> = (0..bytes.len())
                    .filter(|&at| bytes[at].is_ascii_digit())
                    .collect();
                assert_eq!(digits(text), expected, "{bytes:?}");
            }
        }
    }

    #[test]
    fn only_expressions_that_follow_a_number_are_searched_after_numbers() {
        let unit = "(?P<span>km|kg|°C)(?P<after>[^\\p{Latin}0-9%/²³]|$)";
        let number = "(?:(?:^|[^\\p{Latin}0-9_.,%-])[0-9]+(?:[.,][0-9]+)?)$";
        let spaced = "(?:(?:^|[^\\p{Latin}0-9.,])[0-9]+(?:[.,][0-9]+)?[ \\u{a0}\\u{202f}-]*)$";
        assert!(AfterNumber::of_sources(unit, number).is_some());
        assert!(AfterNumber::of_sources(unit, spaced).is_some());
        for (regex, before) in [
            // A match may hold a digit.
            ("(?P<span>km[0-9]?)", number),
            // A match may start with a blank that stands between.
            ("(?P<span> ?km)", spaced),
            // Unbounded, or empty.
            ("km+", number),
            ("k?", number),
            // The test does not end with a digit.
            (unit, "(?:[0-9]+[a-z])$"),
            (unit, "(?:[0-9]*)$"),
            (unit, "(?:[0-9]+)"),
        ] {
            assert!(
                AfterNumber::of_sources(regex, before).is_none(),
                "{regex} after {before}"
            );
        }
    }
}
