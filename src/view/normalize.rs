//! The normalized view every rule reads: every line break (CRLF, CR, NEL, U+2028) written as LF,
//! a paragraph separator (U+2029) as a blank line, and characters composed (NFC), so that a
//! file saved on any system, or in decomposed form, gets the same diagnostics as its plain twin.

use super::map::{OffsetMap, Piece};
use memchr::memmem;
use std::borrow::Cow;
use unicode_normalization::{
    IsNormalized, UnicodeNormalization, char::canonical_combining_class, is_nfc, is_nfc_quick,
};

/// How the source writes what the view normalizes, so that a replacement can be written back
/// in the source's own way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// The source's line break (its first one): "\n", "\r\n", "\r", "\u{85}" or "\u{2028}".
    pub line_break: &'static str,
    /// Whether the source writes accented letters decomposed (NFD).
    pub decomposed: bool,
}

impl Style {
    /// `replacement` (written with LF and composed characters) in the source's style.
    pub fn encode<'r>(&self, replacement: &'r str) -> Cow<'r, str> {
        let mut out = Cow::Borrowed(replacement);
        if self.line_break != "\n" && out.contains('\n') {
            out = Cow::Owned(out.replace('\n', self.line_break));
        }
        if self.decomposed && !out.is_ascii() {
            out = Cow::Owned(out.nfd().collect());
        }
        out
    }
}

/// A normalized copy of a text, its map back to the text, and the text's style.
#[derive(Debug, Clone)]
pub struct Normalized {
    /// The normalized text.
    pub text: String,
    /// Its map back to the original.
    pub map: OffsetMap,
    /// How the original writes line breaks and accents.
    pub style: Style,
}

const NEL: &str = "\u{85}";
const LINE_SEPARATOR: &str = "\u{2028}";

/// What a text needs from normalization.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Needs {
    /// It holds a line break other than LF.
    breaks: bool,
    /// It holds a character that composition may change.
    compose: bool,
}

/// Finds what `text` needs, in one pass that looks only at the bytes that may matter: CR, the
/// second byte of NEL (0x85), and the first byte of a character from U+0300 on (0xCC and
/// above). Every character below U+0300 is a starter that composition keeps, so plain
/// French text costs a vectorized scan and a few lookups (’, “, …).
fn needs(text: &str) -> Needs {
    let bytes = text.as_bytes();
    let mut needs = Needs::default();
    let mut chunks = bytes.chunks_exact(CHUNK);
    let mut base = 0;
    for chunk in chunks.by_ref() {
        // The bytes of the chunk to look at as the bits of a mask: none in most chunks.
        let mut marks = interesting_mask(chunk.try_into().expect("a chunk"));
        if marks != 0 {
            while marks != 0 {
                needs.note(text, base + marks.trailing_zeros() as usize);
                marks &= marks - 1;
            }
            if needs.breaks && needs.compose {
                return needs;
            }
        }
        base += CHUNK;
    }
    for (offset, &b) in chunks.remainder().iter().enumerate() {
        if is_interesting(b) {
            needs.note(text, base + offset);
        }
    }
    needs
}

/// The bytes [`needs`] reads at a time.
const CHUNK: usize = 64;

/// Whether [`needs`] looks at byte `b`: CR, 0x85 (the second byte of NEL), or the first byte
/// of a character from U+0300 on.
#[inline]
fn is_interesting(b: u8) -> bool {
    (b == b'\r') | (b == 0x85) | (b >= 0xcc)
}

/// A bit for each byte of `chunk` that [`is_interesting`] accepts, the first byte's lowest:
/// sixteen bytes at a time with the SSE2 instructions that every x86-64 processor has.
#[cfg(target_arch = "x86_64")]
#[inline]
fn interesting_mask(chunk: &[u8; CHUNK]) -> u64 {
    use std::arch::x86_64::{_mm_cmpeq_epi8, _mm_max_epu8, _mm_or_si128, _mm_set1_epi8};
    // SAFETY (each block): SSE2 is part of every x86_64 processor.
    crate::text::bytes::marked_bits_64(chunk, |bytes| {
        let splat = |byte: u8| unsafe { _mm_set1_epi8(byte as i8) };
        unsafe {
            // A byte is 0xCC or above when it is the larger of itself and 0xCC.
            let from_cc = _mm_cmpeq_epi8(_mm_max_epu8(bytes, splat(0xcc)), bytes);
            let breaks = _mm_or_si128(
                _mm_cmpeq_epi8(bytes, splat(b'\r')),
                _mm_cmpeq_epi8(bytes, splat(0x85)),
            );
            _mm_or_si128(from_cc, breaks)
        }
    })
}

/// [`interesting_mask`] a byte at a time: the version for other processors, and the
/// reference of the vector one.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn interesting_mask_by_bytes(chunk: &[u8; CHUNK]) -> u64 {
    (0..CHUNK)
        .filter(|&n| is_interesting(chunk[n]))
        .fold(0, |mask, n| mask | 1 << n)
}

#[cfg(not(target_arch = "x86_64"))]
use interesting_mask_by_bytes as interesting_mask;

impl Needs {
    /// Notes what byte `at` of `text`, one that [`is_interesting`] accepts, asks for.
    #[inline]
    fn note(&mut self, text: &str, at: usize) {
        let bytes = text.as_bytes();
        match bytes[at] {
            b'\r' => self.breaks = true,
            0x85 => self.breaks |= at > 0 && bytes[at - 1] == 0xc2,
            // U+2010 to U+2027 (E2 80 90 to E2 80 A7): plain punctuation
            // ([`is_plain_punctuation`]), told from its bytes.
            0xe2 if bytes.get(at + 1) == Some(&0x80)
                && matches!(bytes.get(at + 2), Some(0x90..=0xa7)) => {}
            _ => {
                let c = text[at..]
                    .chars()
                    .next()
                    .expect("a lead byte starts a character");
                if matches!(c, '\u{2028}' | '\u{2029}') {
                    self.breaks = true;
                } else if !(is_plain_punctuation(c) || starts_unit(c)) {
                    self.compose = true;
                }
            }
        }
    }
}

/// Whether `c` is one of the dashes, quotation marks, bullets and dots of U+2010 to U+2027
/// ("–", "’", "“", "…"), the characters from U+0300 on that French text holds most: each is
/// a starter that composition keeps ([`starts_unit`]), told without the Unicode tables.
#[inline]
fn is_plain_punctuation(c: char) -> bool {
    ('\u{2010}'..='\u{2027}').contains(&c)
}

/// The first line break of `text`, LF when it has none.
fn first_line_break(text: &str) -> &'static str {
    let bytes = text.as_bytes();
    let mut first = (
        memchr::memchr2(b'\n', b'\r', bytes).unwrap_or(usize::MAX),
        "\n",
    );
    if first.0 != usize::MAX && bytes[first.0] == b'\r' {
        first.1 = if bytes.get(first.0 + 1) == Some(&b'\n') {
            "\r\n"
        } else {
            "\r"
        };
    }
    for (mark, style) in [(NEL, NEL), (LINE_SEPARATOR, LINE_SEPARATOR)] {
        if let Some(at) = memmem::find(bytes, mark.as_bytes())
            && at < first.0
        {
            first = (at, style);
        }
    }
    first.1
}

/// The normalized view of `text`, or `None` when `text` is already normalized (the common
/// case, which costs a scan and no copy).
pub fn normalize(text: &str) -> Option<Normalized> {
    let needs = needs(text);
    let compose = needs.compose && !is_nfc(text);
    if !needs.breaks && !compose {
        return None;
    }
    let mut builder = Builder {
        text,
        view: String::with_capacity(text.len()),
        pieces: Vec::new(),
        copied: 0,
        compose,
        composed_any: false,
    };
    builder.run();
    let style = Style {
        line_break: first_line_break(text),
        decomposed: builder.composed_any,
    };
    Some(Normalized {
        text: builder.view,
        map: OffsetMap::new(builder.pieces),
        style,
    })
}

/// Writes the normalized view of a text and the pieces that map it back.
struct Builder<'t> {
    text: &'t str,
    view: String,
    pieces: Vec<Piece>,
    /// The source offset up to which the view is written.
    copied: usize,
    /// Whether characters need composing.
    compose: bool,
    /// Whether any character was composed.
    composed_any: bool,
}

impl Builder<'_> {
    /// Copies the source up to `to` as it is.
    fn copy_to(&mut self, to: usize) {
        if to > self.copied {
            self.view.push_str(&self.text[self.copied..to]);
            self.copied = to;
        }
    }

    /// Writes `replacement` for the source bytes `from..to` (after copying what comes before).
    /// A replacement of the same length whose characters start at the same offsets (LF for
    /// CR) keeps every offset and needs no piece; one that only adds up to the same length (a
    /// character composition shortens, another it lengthens) does need one.
    fn replace(&mut self, from: usize, to: usize, replacement: &str) {
        self.copy_to(from);
        let start = self.view.len();
        self.view.push_str(replacement);
        let same_boundaries = || {
            self.text[from..to]
                .char_indices()
                .map(|(at, _)| at)
                .eq(replacement.char_indices().map(|(at, _)| at))
        };
        if replacement.len() != to - from || !same_boundaries() {
            self.pieces.push(Piece {
                view: start..self.view.len(),
                source: from..to,
                editable: true,
            });
        }
        self.copied = to;
    }

    fn run(&mut self) {
        let bytes = self.text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                    self.replace(i, i + 2, "\n");
                    i += 2;
                }
                b'\r' => {
                    self.replace(i, i + 1, "\n");
                    i += 1;
                }
                b if b < 0x80 => i += 1,
                _ => {
                    let mut end = i;
                    while end < bytes.len() && bytes[end] >= 0x80 {
                        end += 1;
                    }
                    self.non_ascii_run(i, end);
                    i = end;
                }
            }
        }
        self.copy_to(bytes.len());
    }

    /// Normalizes a run of non-ASCII characters: line and paragraph separators, and the
    /// characters that composition changes. An ASCII character before a run may be the base a
    /// combining mark composes with; the character after it is ASCII and never composes.
    fn non_ascii_run(&mut self, start: usize, end: usize) {
        let mut part_start = start;
        let run = &self.text[start..end];
        for (offset, c) in run.char_indices() {
            let at = start + offset;
            let separator = match c {
                '\u{85}' | '\u{2028}' => "\n",
                '\u{2029}' => "\n\n",
                _ => continue,
            };
            self.compose_part(part_start, at, part_start == start);
            self.replace(at, at + c.len_utf8(), separator);
            part_start = at + c.len_utf8();
        }
        self.compose_part(part_start, end, part_start == start);
    }

    /// Composes the characters of `start..end` (with the ASCII base before it when
    /// `with_base`), where composition changes them, one composition unit at a time.
    fn compose_part(&mut self, start: usize, end: usize, with_base: bool) {
        if !self.compose || start == end {
            return;
        }
        let mut unit_start = start;
        for (offset, c) in self.text[start..end].char_indices() {
            let at = start + offset;
            if at > unit_start && starts_unit(c) {
                self.compose_unit(unit_start, at, with_base && unit_start == start);
                unit_start = at;
            }
        }
        self.compose_unit(unit_start, end, with_base && unit_start == start);
    }

    /// Composes one unit: characters that composition may merge or reorder among themselves,
    /// and nothing outside them.
    fn compose_unit(&mut self, start: usize, end: usize, with_base: bool) {
        let bytes = self.text.as_bytes();
        let base_before = with_base
            && start > self.copied
            && self.text[start..end]
                .chars()
                .next()
                .is_some_and(|c| canonical_combining_class(c) != 0)
            && bytes[start - 1].is_ascii()
            && !matches!(bytes[start - 1], b'\n' | b'\r');
        let base = if base_before { start - 1 } else { start };
        let unit = &self.text[base..end];
        if is_nfc(unit) {
            return;
        }
        let composed: String = unit.nfc().collect();
        self.composed_any = true;
        self.replace(base, end, &composed);
    }
}

/// Whether composition leaves everything before `c` alone: `c` is a starter that never
/// combines with the character before it.
fn starts_unit(c: char) -> bool {
    canonical_combining_class(c) == 0 && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(text: &str) -> String {
        normalize(text).map_or_else(|| text.to_string(), |n| n.text)
    }

    /// [`needs`] a byte at a time, as it was first written: the reference.
    fn needs_by_bytes(text: &str) -> Needs {
        let bytes = text.as_bytes();
        let mut needs = Needs::default();
        for (at, &b) in bytes.iter().enumerate() {
            match b {
                b'\r' => needs.breaks = true,
                0x85 => needs.breaks |= at > 0 && bytes[at - 1] == 0xc2,
                b if b >= 0xcc => {
                    let c = text[at..].chars().next().expect("a character starts here");
                    if matches!(c, '\u{2028}' | '\u{2029}') {
                        needs.breaks = true;
                    } else if !starts_unit(c) {
                        needs.compose = true;
                    }
                }
                _ => {}
            }
        }
        needs
    }

    #[test]
    fn plain_punctuation_starts_a_unit() {
        for c in '\u{2010}'..='\u{2027}' {
            assert!(starts_unit(c), "{c:?}");
        }
    }

    #[test]
    fn interesting_masks_are_those_of_the_byte_test() {
        let samples = [
            0x00u8, b'\n', b'\r', 0x7F, 0x80, 0x84, 0x85, 0x86, 0xC2, 0xCB, 0xCC, 0xE2, 0xFF,
        ];
        for &filler in &samples {
            for &odd in &samples {
                for position in 0..CHUNK {
                    let mut chunk = [filler; CHUNK];
                    chunk[position] = odd;
                    chunk[(position * 7 + 3) % CHUNK] = samples[position % samples.len()];
                    assert_eq!(
                        interesting_mask(&chunk),
                        interesting_mask_by_bytes(&chunk),
                        "{chunk:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_scan_finds_what_the_byte_scan_finds() {
        let pieces = [
            "x",
            "é",
            "\n",
            "\r",
            "\r\n",
            "\u{85}",
            "\u{145}",
            "e\u{301}",
            "\u{2028}",
            "\u{2029}",
            "\u{2126}",
            "’",
            "…",
            "«",
            "\u{2000}",
            "\u{200f}",
            "\u{2010}",
            "\u{2027}",
            "\u{2030}",
            "한",
            "\u{1f600}",
            "abcdefgh",
        ];
        let mut random = crate::fixture_texts::random_below(0x9e37_79b9_7f4a_7c15);
        let mut texts = crate::fixture_texts::fixture_texts(&["seeds"]);
        for _ in 0..3000 {
            let length = random(40);
            texts.push((0..length).map(|_| pieces[random(pieces.len())]).collect());
        }
        for text in &texts {
            assert_eq!(needs(text), needs_by_bytes(text), "{text:?}");
        }
    }

    #[test]
    fn the_scan_finds_what_needs_normalizing() {
        assert_eq!(needs("Le résultat « enfin » l’été…"), Needs::default());
        assert!(needs("a\rb").breaks);
        assert!(needs("a\u{85}b").breaks);
        assert!(!needs("\u{145}").breaks, "0x85 inside another character");
        assert!(needs(&format!("{}\u{2029}", "x".repeat(40))).breaks);
        assert!(needs(&format!("{}e\u{301}", "x".repeat(31))).compose);
        assert!(needs("\u{2126}").compose, "the ohm sign composes to omega");
    }

    #[test]
    fn plain_text_needs_no_copy() {
        assert!(normalize("Le résultat, « enfin ».\nFin.").is_none());
    }

    #[test]
    fn every_line_break_becomes_lf() {
        assert_eq!(
            view("a\r\nb\rc\u{85}d\u{2028}e\u{2029}f"),
            "a\nb\nc\nd\ne\n\nf"
        );
    }

    #[test]
    fn decomposed_letters_are_composed() {
        let text = "Le re\u{301}sultat de de\u{301}cennies";
        let n = normalize(text).expect("decomposed text is normalized");
        assert_eq!(n.text, "Le résultat de décennies");
        assert!(n.style.decomposed);
        // "résultat" in the view maps to the decomposed word in the source.
        let start = n.text.find("résultat").unwrap();
        let source = n.map.range(&(start..start + "résultat".len()));
        assert_eq!(&text[source], "re\u{301}sultat");
        assert_eq!(n.style.encode("matériel"), "mate\u{301}riel");
    }

    #[test]
    fn styles_write_back_line_breaks() {
        let n = normalize("a\r\nb").unwrap();
        assert_eq!(n.style.line_break, "\r\n");
        assert_eq!(n.style.encode("x\ny"), "x\r\ny");
        assert_eq!(normalize("a\rb").unwrap().style.line_break, "\r");
        let cr = normalize("a\rb").unwrap();
        assert!(cr.map.is_identity(), "CR for LF keeps every offset");
    }

    #[test]
    fn a_combining_mark_without_a_composed_form_stays() {
        assert!(normalize("q\u{301}uoi").is_none(), "already NFC");
    }
}
