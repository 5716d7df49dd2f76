//! Case folding that keeps byte offsets, and replacements that follow the case of a match.

use super::bytes::ascii_bytes_between;

/// Lowercases `text` character by character, keeping every byte offset valid: a character whose
/// lowercase form has another UTF-8 length (rare: 'İ', 'ẞ') is left as it is.
pub fn fold_keeping_offsets(text: &str) -> String {
    // Only the characters of more than one byte that may be uppercase are looked at, found
    // [`FOLD_CHUNK`] bytes at a time as the bits of a mask ([`fold_mask`]). The text is copied
    // in pieces between the characters that change, then its ASCII letters lowercased in one
    // sweep (which leaves the other characters as they are).
    let mut folded = Folded {
        text,
        folded: String::with_capacity(text.len()),
        copied: 0,
    };
    let bytes = text.as_bytes();
    let mut base = 0;
    // Each chunk is read with the byte after it, which tells a letter that ends it.
    while let Some(chunk) = bytes.get(base..base + FOLD_CHUNK + 1) {
        let mut marks = fold_mask(chunk.try_into().expect("a chunk and the byte after it"));
        while marks != 0 {
            folded.fold_char_at(base + marks.trailing_zeros() as usize);
            marks &= marks - 1;
        }
        base += FOLD_CHUNK;
    }
    for at in base..bytes.len() {
        folded.fold_char_at(at);
    }
    folded.finish()
}

/// The bytes [`fold_keeping_offsets`] reads at a time as a mask.
const FOLD_CHUNK: usize = 64;

/// A bit for each of the first [`FOLD_CHUNK`] bytes of `chunk` (the first byte's lowest) that
/// starts a character which [`Folded::fold_char_at`] decodes: a leading byte (C0 and above)
/// but C2, C3 before a byte from 9F on, and E2 before 80, the characters of French text that
/// have no uppercase form. The last byte of `chunk` is the one after them. Sixteen bytes at a
/// time with the SSE2 instructions that every x86-64 processor has.
#[cfg(target_arch = "x86_64")]
#[inline]
fn fold_mask(chunk: &[u8; FOLD_CHUNK + 1]) -> u64 {
    use std::arch::x86_64::{
        _mm_and_si128, _mm_andnot_si128, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_max_epu8,
        _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
    };
    let mut mask = 0;
    for n in 0..FOLD_CHUNK / 16 {
        // SAFETY: SSE2 is part of every x86_64 processor; the loads are unaligned ones of 16
        // bytes from byte 16n and 16n + 1 of `chunk`, which holds 16n + 17 bytes and more.
        let bits = unsafe {
            let bytes = _mm_loadu_si128(chunk.as_ptr().add(16 * n).cast());
            let next = _mm_loadu_si128(chunk.as_ptr().add(16 * n + 1).cast());
            let splat = |byte: u8| _mm_set1_epi8(byte as i8);
            // A byte is at least `low` when it is the larger of itself and `low`.
            let at_least = |bytes, low: u8| _mm_cmpeq_epi8(_mm_max_epu8(bytes, splat(low)), bytes);
            let is = |bytes, byte: u8| _mm_cmpeq_epi8(bytes, splat(byte));
            let caseless = _mm_or_si128(
                _mm_or_si128(
                    is(bytes, 0xC2),
                    _mm_and_si128(is(bytes, 0xC3), at_least(next, 0x9F)),
                ),
                _mm_and_si128(is(bytes, 0xE2), is(next, 0x80)),
            );
            _mm_movemask_epi8(_mm_andnot_si128(caseless, at_least(bytes, 0xC0))) as u16
        };
        mask |= u64::from(bits) << (16 * n);
    }
    mask
}

/// [`fold_mask`] a byte at a time: the version for other processors, and the reference of the
/// vector one.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn fold_mask_by_bytes(chunk: &[u8; FOLD_CHUNK + 1]) -> u64 {
    (0..FOLD_CHUNK)
        .filter(|&at| {
            let next = chunk[at + 1];
            match chunk[at] {
                ..0xC0 | 0xC2 => false,
                0xC3 => next < 0x9F,
                0xE2 => next != 0x80,
                _ => true,
            }
        })
        .fold(0, |mask, at| mask | 1 << at)
}

#[cfg(not(target_arch = "x86_64"))]
use fold_mask_by_bytes as fold_mask;

/// The lowercase copy of a text that [`fold_keeping_offsets`] writes.
struct Folded<'a> {
    text: &'a str,
    /// The copy, up to byte `copied` of `text`.
    folded: String,
    copied: usize,
}

impl Folded<'_> {
    /// Lowercases the character of the text that starts at byte `at`, when a character of
    /// more than one byte starts there and its lowercase form has the same length. The
    /// characters of French text that have no uppercase form are told from their bytes.
    #[inline]
    fn fold_char_at(&mut self, at: usize) {
        let bytes = self.text.as_bytes();
        match bytes[at] {
            // U+0080 to U+00BF (C2 80 to C2 BF), the no-break space, "«", "»": no letter is
            // uppercase.
            ..0xC0 | 0xC2 => {}
            // The Latin-1 letters from "ß" (C3 9F) on, "é", "à", "ç"…: none is uppercase.
            0xC3 if bytes.get(at + 1).is_some_and(|&next| next >= 0x9F) => {}
            // General punctuation, U+2000 to U+203F (E2 80 80 to E2 80 BF): "’", "…", "—".
            0xE2 if bytes.get(at + 1) == Some(&0x80) => {}
            _ => self.fold_decoded_char_at(at),
        }
    }

    /// [`Folded::fold_char_at`] for a character that is decoded.
    #[inline(never)]
    fn fold_decoded_char_at(&mut self, at: usize) {
        let Some(c) = self.text[at..].chars().next() else {
            return;
        };
        if !c.is_uppercase() {
            return;
        }
        let mut lower = c.to_lowercase();
        if let (Some(l), None) = (lower.next(), lower.next())
            && l.len_utf8() == c.len_utf8()
        {
            self.folded.push_str(&self.text[self.copied..at]);
            self.folded.push(l);
            self.copied = at + c.len_utf8();
        }
    }

    /// The copy of the whole text, its ASCII letters lowercased.
    fn finish(mut self) -> String {
        self.folded.push_str(&self.text[self.copied..]);
        self.folded.make_ascii_lowercase();
        self.folded
    }
}

/// The case pattern of a word or phrase as written in a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseShape {
    /// No uppercase letter ("worldwide").
    Lower,
    /// Uppercase first letter, lowercase after ("Worldwide").
    Capitalized,
    /// Every letter uppercase, at least two letters ("WORLDWIDE").
    Upper,
    /// Anything else ("WorldWide").
    Mixed,
}

/// Classifies how `text` is cased.
pub fn shape_of(text: &str) -> CaseShape {
    // Most words are written in ASCII and Latin-1: their letters and capitals are told from
    // their bytes, without decoding; any other character sends the word to the general test.
    let bytes = text.as_bytes();
    if let Some(shape) = ascii_shape(bytes) {
        return shape;
    }
    latin_shape(bytes).unwrap_or_else(|| shape_of_letters(text.chars().filter_map(letter_case)))
}

/// [`shape_of`] for a word in ASCII, eight bytes at a time (`None` when a byte is not ASCII):
/// the uppercase and the lowercase letters of eight bytes are found as bit masks at once.
#[inline]
fn ascii_shape(bytes: &[u8]) -> Option<CaseShape> {
    let mut letters = LetterCases::default();
    let mut chunks = bytes.chunks_exact(8);
    for chunk in chunks.by_ref() {
        letters.add(u64::from_le_bytes(chunk.try_into().expect("eight bytes")))?;
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        letters.add(short_chunk(rest))?;
    }
    Some(letters.shape())
}

/// The 1 to 7 bytes of `bytes` as a little-endian integer (the missing bytes 0), read in two or
/// three overlapping loads rather than byte by byte: the bytes two loads share are the same.
#[inline]
fn short_chunk(bytes: &[u8]) -> u64 {
    debug_assert!((1..8).contains(&bytes.len()));
    let len = bytes.len();
    if len >= 4 {
        let first = u32::from_le_bytes(bytes[..4].try_into().expect("four bytes"));
        let last = u32::from_le_bytes(bytes[len - 4..].try_into().expect("four bytes"));
        u64::from(first) | u64::from(last) << (8 * (len - 4))
    } else {
        u64::from(bytes[0])
            | u64::from(bytes[len / 2]) << (8 * (len / 2))
            | u64::from(bytes[len - 1]) << (8 * (len - 1))
    }
}

/// What [`ascii_shape`] has seen of a word's letters so far.
#[derive(Default)]
struct LetterCases {
    /// Whether the first letter is uppercase; `None` before the first letter.
    first_upper: Option<bool>,
    /// Whether a letter after the first is uppercase.
    rest_upper: bool,
    /// Whether a letter after the first is lowercase.
    rest_lower: bool,
}

impl LetterCases {
    /// Adds the next eight bytes of the word, the first in the low byte (missing bytes as 0);
    /// `None` when one of them is not ASCII.
    #[inline]
    fn add(&mut self, chunk: u64) -> Option<()> {
        const ONES: u64 = u64::from_ne_bytes([1; 8]);
        const HIGH: u64 = ONES << 7;
        if chunk & HIGH != 0 {
            return None;
        }
        let mut upper = ascii_bytes_between(chunk, b'A', b'Z');
        let mut lower = ascii_bytes_between(chunk, b'a', b'z');
        if self.first_upper.is_none() {
            let letters = upper | lower;
            if letters == 0 {
                return Some(());
            }
            let first = letters & letters.wrapping_neg();
            self.first_upper = Some(upper & first != 0);
            upper &= !first;
            lower &= !first;
        }
        self.rest_upper |= upper != 0;
        self.rest_lower |= lower != 0;
        Some(())
    }

    /// The shape of the word seen.
    fn shape(&self) -> CaseShape {
        match (self.first_upper, self.rest_upper, self.rest_lower) {
            (None, _, _) | (Some(false), false, _) => CaseShape::Lower,
            (Some(true), false, _) => CaseShape::Capitalized,
            (Some(true), true, false) => CaseShape::Upper,
            _ => CaseShape::Mixed,
        }
    }
}

/// [`shape_of`] for a word of ASCII and Latin-1 characters (U+0000 to U+007F, U+00C0 to
/// U+00FF) and general punctuation (U+2000 to U+203F: the apostrophe "’"), told byte by byte;
/// `None` when it holds another character.
#[inline]
fn latin_shape(bytes: &[u8]) -> Option<CaseShape> {
    let (mut first, mut rest, mut rest_upper) = (None, 0usize, 0usize);
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        let upper = match byte {
            b'a'..=b'z' => false,
            b'A'..=b'Z' => true,
            ..0x80 => {
                at += 1;
                continue;
            }
            // U+2000 to U+203F (E2 80 80 to E2 80 BF): punctuation ("’", "‐", "…"), no letter.
            0xE2 if bytes.get(at + 1) == Some(&0x80) => {
                at += 3;
                continue;
            }
            // U+00C0 to U+00FF: "À" to "Þ" are uppercase but "×", "ß" to "ÿ" are not, "×" and
            // "÷" are no letters.
            0xC3 => {
                let second = bytes[at + 1];
                at += 1;
                match second {
                    0x97 | 0xB7 => {
                        at += 1;
                        continue;
                    }
                    _ => second < 0x9F,
                }
            }
            _ => return None,
        };
        at += 1;
        if first.is_none() {
            first = Some(upper);
        } else {
            rest += 1;
            rest_upper += usize::from(upper);
        }
    }
    let Some(first) = first else {
        return Some(CaseShape::Lower);
    };
    Some(match (first, rest_upper) {
        (false, 0) => CaseShape::Lower,
        (true, 0) => CaseShape::Capitalized,
        (true, n) if n == rest => CaseShape::Upper,
        _ => CaseShape::Mixed,
    })
}

/// Whether `c` is an uppercase letter (`Some(true)`), another letter (`Some(false)`) or no
/// letter (`None`), as `char::is_alphabetic` and `char::is_uppercase` say; the letters of
/// French ("é", "À", "ç") are told without a look at the Unicode tables.
fn letter_case(c: char) -> Option<bool> {
    match c {
        'a'..='z' | 'ß'..='ö' | 'ø'..='ÿ' => Some(false),
        'A'..='Z' | 'À'..='Ö' | 'Ø'..='Þ' => Some(true),
        '\0'..='\u{bf}' if !matches!(c, 'ª' | 'µ' | 'º') => None,
        _ => c.is_alphabetic().then(|| c.is_uppercase()),
    }
}

/// The case shape of a word whose letters, in order, are uppercase or not as `uppercase` says.
fn shape_of_letters(mut uppercase: impl Iterator<Item = bool>) -> CaseShape {
    let Some(first) = uppercase.next() else {
        return CaseShape::Lower;
    };
    let (mut rest, mut rest_upper) = (0usize, 0usize);
    for upper in uppercase {
        rest += 1;
        rest_upper += usize::from(upper);
    }
    match (first, rest_upper) {
        (false, 0) => CaseShape::Lower,
        (true, 0) => CaseShape::Capitalized,
        (true, n) if n == rest => CaseShape::Upper,
        _ => CaseShape::Mixed,
    }
}

/// Uppercases the first letter of `text`.
pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Writes `suggestion` in the case of `matched`: "Web" → "Internet", "WORLDWIDE" → "INTERNATIONAL";
/// a lowercase or mixed-case match keeps the suggestion as written.
pub fn follow_case(matched: &str, suggestion: &str) -> String {
    match shape_of(matched) {
        CaseShape::Capitalized => capitalize(suggestion),
        CaseShape::Upper => suggestion.to_uppercase(),
        CaseShape::Lower | CaseShape::Mixed => suggestion.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_agrees_with_its_character_by_character_definition() {
        let defined = |text: &str| {
            let mut folded = String::new();
            for c in text.chars() {
                let mut lower = c.to_lowercase();
                match (lower.next(), lower.next()) {
                    (Some(l), None) if c.is_uppercase() && l.len_utf8() == c.len_utf8() => {
                        folded.push(l)
                    }
                    _ => folded.push(c),
                }
            }
            folded
        };
        let mut texts: Vec<String> = [
            "ÉTÉ À L’ÎLE İstanbul ǅ Ω K ẞ ΣΑΣ",
            "É",
            "aÉ",
            "abcdefgÉté",
            "abcdefghÀ",
        ]
        .map(String::from)
        .to_vec();
        texts.push((0x80..=0x2fff).filter_map(char::from_u32).collect());
        // Capitals and caseless letters of two and three bytes across the edges of chunks.
        for pad in 55..70 {
            for piece in ["É", "é", "Ā", "’", "\u{2126}", "ẞ", "Ω"] {
                texts.push(format!("{}{piece}{piece}x{piece}", "a".repeat(pad)));
            }
        }
        texts.extend(crate::fixture_texts::fixture_texts(&["seeds"]));
        for text in &texts {
            assert_eq!(fold_keeping_offsets(text), defined(text));
        }
    }

    #[test]
    fn fold_masks_are_those_of_the_byte_test() {
        let samples = [
            0x00u8, b'A', 0x7F, 0x80, 0x9E, 0x9F, 0xA9, 0xBF, 0xC0, 0xC2, 0xC3, 0xC4, 0xE1, 0xE2,
            0xE3, 0xF0, 0xFF,
        ];
        for &filler in &samples {
            for &odd in &samples {
                for &then in &samples {
                    for position in 0..FOLD_CHUNK {
                        let mut chunk = [filler; FOLD_CHUNK + 1];
                        chunk[position] = odd;
                        chunk[position + 1] = then;
                        assert_eq!(fold_mask(&chunk), fold_mask_by_bytes(&chunk), "{chunk:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn folding_keeps_offsets() {
        let text = "L’ÉTAT Écoute İstanbul ẞ";
        let folded = fold_keeping_offsets(text);
        assert_eq!(folded.len(), text.len());
        assert!(folded.starts_with("l’état écoute"));
    }

    #[test]
    fn suggestion_follows_case() {
        assert_eq!(follow_case("Web", "Internet"), "Internet");
        assert_eq!(follow_case("web", "Internet"), "Internet");
        assert_eq!(follow_case("Cupboard", "cabinet"), "Cabinet");
        assert_eq!(follow_case("WORLDWIDE", "international"), "INTERNATIONAL");
        assert_eq!(follow_case("Etats-Unis", "États-Unis"), "États-Unis");
        assert_eq!(follow_case("worldwide", "international"), "international");
    }

    #[test]
    fn shapes() {
        assert_eq!(shape_of("A"), CaseShape::Capitalized);
        assert_eq!(shape_of("OTSC"), CaseShape::Upper);
        assert_eq!(shape_of("iPhone"), CaseShape::Mixed);
        assert_eq!(shape_of("d’Web"), CaseShape::Mixed);
        assert_eq!(shape_of("l'Etat"), CaseShape::Mixed);
        assert_eq!(shape_of("3D"), CaseShape::Capitalized);
        assert_eq!(shape_of("École"), CaseShape::Capitalized);
        assert_eq!(shape_of("ÉTAT-MAJOR"), CaseShape::Upper);
        assert_eq!(shape_of("1-2"), CaseShape::Lower);
    }

    /// The shape of `text` by its definition: the case of each of its letters.
    fn shape_by_letters(text: &str) -> CaseShape {
        shape_of_letters(
            text.chars()
                .filter(|c| c.is_alphabetic())
                .map(char::is_uppercase),
        )
    }

    #[test]
    fn ascii_shapes_are_those_of_the_letters() {
        for text in [
            "a",
            "Ab",
            "AB",
            "aB",
            "",
            "--",
            "x1Y",
            "Mc-Donald",
            "TCP/IP",
            "l'Un",
        ] {
            assert_eq!(shape_of(text), shape_by_letters(text), "{text:?}");
        }
    }

    #[test]
    fn a_short_chunk_holds_the_bytes_in_order() {
        let bytes = [0x11u8, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77];
        for len in 1..8 {
            let expected = bytes[..len]
                .iter()
                .rev()
                .fold(0, |chunk, &byte| chunk << 8 | u64::from(byte));
            assert_eq!(short_chunk(&bytes[..len]), expected, "{len}");
        }
    }

    #[test]
    fn ascii_shapes_of_every_length_are_those_of_the_letters() {
        // Words of 0 to 20 bytes from a few pieces, by a small pseudo-random generator.
        let pieces = [
            "a", "Z", "m", "Q", "-", "'", "1", "@", "[", "`", "{", " ", "\0",
        ];
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..20_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let len = (state % 21) as usize;
            let text: String = (0..len)
                .map(|k| pieces[((state >> (3 * k % 60)) % pieces.len() as u64) as usize])
                .collect();
            assert_eq!(shape_of(&text), shape_by_letters(&text), "{text:?}");
        }
        for byte in 0..0x80u8 {
            for text in [
                format!("{}", byte as char),
                format!("A{}", byte as char),
                format!("abcdefg{}", byte as char),
                format!("ABCDEFGH{}", byte as char),
                format!("{}bcdefghijklmnopq", byte as char),
            ] {
                assert_eq!(shape_of(&text), shape_by_letters(&text), "{text:?}");
            }
        }
    }

    #[test]
    fn latin_shapes_are_those_of_the_letters() {
        let by_letters = |text: &str| shape_of_letters(text.chars().filter_map(letter_case));
        let latin: Vec<char> = ('\0'..='\u{7f}').chain('\u{c0}'..='\u{ff}').collect();
        for &a in &latin {
            for b in ['a', 'B', 'é', 'É', '×', '-', 'ÿ', 'Þ', 'ß'] {
                for text in [
                    format!("{a}{b}"),
                    format!("{b}{a}"),
                    format!("{a}{b}{b}{a}"),
                ] {
                    assert_eq!(shape_of(&text), by_letters(&text), "{text:?}");
                }
            }
        }
        for text in ["ÉTAT-MAJOR", "École", "ŒUVRE", "œuvre", "Œuvre", "ªb", "µA"] {
            assert_eq!(shape_of(text), by_letters(text), "{text:?}");
        }
        // General punctuation, U+2000 to U+203F ("’", "‐", "…"), and the characters around it.
        for c in '\u{1fff}'..='\u{2080}' {
            for text in [
                format!("L{c}"),
                format!("L{c}A"),
                format!("l{c}É"),
                format!("{c}Été"),
                format!("AU{c}JOUR"),
            ] {
                assert_eq!(shape_of(&text), by_letters(&text), "{text:?}");
            }
        }
    }

    #[test]
    fn letter_cases_are_those_of_unicode() {
        for c in ('\0'..='\u{3ff}').chain(['ẞ', 'ǅ', 'Ω', 'K', '’', '立']) {
            let unicode = c.is_alphabetic().then(|| c.is_uppercase());
            assert_eq!(letter_case(c), unicode, "{c:?}");
        }
    }
}
