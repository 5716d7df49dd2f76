//! JSON text written straight into a `String`, for the diagnostics of the JSON and JSON Lines
//! outputs: strings escaped byte for byte as `serde_json` escapes them (`"` and `\` with a
//! backslash, the control characters below U+0020 as `\b`, `\t`, `\n`, `\f`, `\r` or `\u00xx`,
//! everything else as is), unsigned integers in decimal. A report holds a few diagnostics per
//! kilobyte of text, each with a dozen strings and numbers: going through a serializer for each
//! cost as much as some rules.

use crate::text::bytes::{has_byte, has_byte_below};

/// Appends `s` to `out` as a JSON string, quotes included.
pub(super) fn push_string(out: &mut String, s: &str) {
    out.push('"');
    let mut rest = s;
    while let Some(at) = first_to_escape(rest.as_bytes()) {
        // The byte to escape is ASCII: `at` and `at + 1` are character boundaries.
        out.push_str(&rest[..at]);
        push_escape(out, rest.as_bytes()[at]);
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
    out.push('"');
}

/// Appends `n` to `out` in decimal.
pub(super) fn push_number(out: &mut String, n: usize) {
    out.push_str(itoa::Buffer::new().format(n));
}

/// Whether JSON needs byte `b` escaped inside a string.
fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// The index of the first byte of `bytes` that needs escaping, looked for sixteen bytes at a
/// time with the SSE2 instructions that every x86-64 processor has, the rest eight at a time
/// ([`first_to_escape_in_words`]): most strings need none.
#[cfg(target_arch = "x86_64")]
fn first_to_escape(bytes: &[u8]) -> Option<usize> {
    use std::arch::x86_64::{
        _mm_cmpeq_epi8, _mm_min_epu8, _mm_movemask_epi8, _mm_or_si128, _mm_set_epi64x,
        _mm_set1_epi8,
    };
    let mut sixteens = bytes.chunks_exact(16);
    let mut start = 0;
    for sixteen in &mut sixteens {
        let low = u64::from_le_bytes(sixteen[..8].try_into().expect("eight bytes"));
        let top = u64::from_le_bytes(sixteen[8..].try_into().expect("eight bytes"));
        // SAFETY: the instructions are SSE2's, which every x86-64 processor has; no memory is
        // read but through the safe slice.
        let escapes = unsafe {
            let chunk = _mm_set_epi64x(top as i64, low as i64);
            // A byte below 0x20 is its own (unsigned) minimum with 0x1F.
            let control = _mm_cmpeq_epi8(_mm_min_epu8(chunk, _mm_set1_epi8(0x1F)), chunk);
            let quote = _mm_cmpeq_epi8(chunk, _mm_set1_epi8(b'"' as i8));
            let backslash = _mm_cmpeq_epi8(chunk, _mm_set1_epi8(b'\\' as i8));
            _mm_movemask_epi8(_mm_or_si128(control, _mm_or_si128(quote, backslash))) as u32
        };
        if escapes != 0 {
            return Some(start + escapes.trailing_zeros() as usize);
        }
        start += 16;
    }
    first_to_escape_in_words(sixteens.remainder()).map(|at| start + at)
}

/// [`first_to_escape`] for every processor.
#[cfg(not(target_arch = "x86_64"))]
fn first_to_escape(bytes: &[u8]) -> Option<usize> {
    first_to_escape_in_words(bytes)
}

/// The index of the first byte of `bytes` that needs escaping, looked for eight bytes at a
/// time in integers: the version for every processor, and the reference of the others.
fn first_to_escape_in_words(bytes: &[u8]) -> Option<usize> {
    let mut chunks = bytes.chunks_exact(8);
    let mut start = 0;
    for chunk in &mut chunks {
        let word = u64::from_ne_bytes(chunk.try_into().expect("chunks of eight bytes"));
        // Non-short-circuit `|`: the three tests cost less than branches between them.
        if (has_byte_below(word, 0x20) | has_byte(word, b'"') | has_byte(word, b'\\'))
            && let Some(at) = chunk.iter().position(|&b| needs_escape(b))
        {
            return Some(start + at);
        }
        start += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&b| needs_escape(b))
        .map(|at| start + at)
}

/// Appends the escape sequence of the ASCII byte `b`.
fn push_escape(out: &mut String, b: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    match b {
        b'"' => out.push_str("\\\""),
        b'\\' => out.push_str("\\\\"),
        0x08 => out.push_str("\\b"),
        0x09 => out.push_str("\\t"),
        0x0A => out.push_str("\\n"),
        0x0C => out.push_str("\\f"),
        0x0D => out.push_str("\\r"),
        _ => {
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xF)]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn as_json(s: &str) -> String {
        let mut out = String::new();
        push_string(&mut out, s);
        out
    }

    #[test]
    fn every_ascii_character_is_escaped_as_serde_json_escapes_it() {
        for b in 0u8..0x80 {
            let one = char::from(b).to_string();
            assert_eq!(
                as_json(&one),
                serde_json::to_string(&one).unwrap(),
                "{b:#x}"
            );
            // At every place of a chunk of eight, and after it.
            for at in 0..17 {
                let s = format!("{}{one}é«{}", "a".repeat(at), "b".repeat(17 - at));
                assert_eq!(
                    as_json(&s),
                    serde_json::to_string(&s).unwrap(),
                    "{b:#x} at {at}"
                );
            }
        }
    }

    #[test]
    fn strings_with_several_escapes_and_other_scripts() {
        for s in [
            "",
            "\"\"\\\\",
            "Replace `“x”` with `« x »`\n\t\u{1}\u{1f}\u{7f}",
            "ligne\u{2028}suivante — 立即购买 Подписаться",
            "0123456789abcdef\"0123456789abcdef\\",
        ] {
            assert_eq!(as_json(s), serde_json::to_string(s).unwrap());
        }
    }

    #[test]
    fn the_first_byte_to_escape_is_found_at_every_place() {
        let mut below = crate::fixture_texts::random_below(11);
        let alphabet = [
            b'a', b' ', b'"', b'\\', 0x00, 0x1F, 0x20, 0x7F, 0x80, 0xC3, 0xFF,
        ];
        for _ in 0..20_000 {
            let bytes: Vec<u8> = (0..below(70))
                .map(|_| match below(8) {
                    0 => alphabet[below(alphabet.len())],
                    _ => b'a' + below(26) as u8,
                })
                .collect();
            let expected = bytes.iter().position(|&b| needs_escape(b));
            assert_eq!(first_to_escape(&bytes), expected, "{bytes:?}");
            assert_eq!(first_to_escape_in_words(&bytes), expected, "{bytes:?}");
        }
        for b in 0..=255u8 {
            for at in 0..40 {
                let mut bytes = vec![b'x'; 40];
                bytes[at] = b;
                let expected = needs_escape(b).then_some(at);
                assert_eq!(first_to_escape(&bytes), expected, "{b:#x} at {at}");
            }
        }
    }

    #[test]
    fn numbers_in_decimal() {
        for n in [0, 1, 9, 10, 99, 100, 12345, usize::MAX] {
            let mut out = String::new();
            push_number(&mut out, n);
            assert_eq!(out, n.to_string());
        }
    }
}
