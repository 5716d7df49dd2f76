//! Tests on eight bytes of text at once, read as a `u64`: whether one of them is a given byte,
//! or is below a given value, without a loop over the bytes; and the byte classes of a chunk as
//! bits, a byte at a time, for the fallbacks of vector code.

/// Eight bytes of 1.
const ONES: u64 = u64::from_ne_bytes([1; 8]);
/// The high bit of each of eight bytes.
const HIGH_BITS: u64 = ONES << 7;

/// Whether one of the eight bytes of `word` is `byte`.
#[inline]
pub fn has_byte(word: u64, byte: u8) -> bool {
    // A byte of `word` is `byte` when that byte of the exclusive or is zero.
    has_byte_below(word ^ (ONES * u64::from(byte)), 1)
}

/// Whether one of the eight bytes of `word` is below `limit` (at most 0x80): subtracting
/// `limit` from every byte borrows into the high bit of such a byte, which lacked it.
#[inline]
pub fn has_byte_below(word: u64, limit: u8) -> bool {
    debug_assert!(limit <= 0x80);
    word.wrapping_sub(ONES * u64::from(limit)) & !word & HIGH_BITS != 0
}

/// The high bit of each of the eight bytes of `word` that lies from `low` to `high`, when every
/// byte of `word` and `high` are below 0x80: adding 0x80 - n to such a byte sets its high bit
/// exactly when it is at least n, and carries into no other byte.
#[inline(always)]
pub fn ascii_bytes_between(word: u64, low: u8, high: u8) -> u64 {
    debug_assert!(word & HIGH_BITS == 0 && low <= high && high < 0x80);
    let at_least = |n: u8| word + ONES * u64::from(0x80 - n);
    at_least(low) & !at_least(high + 1) & HIGH_BITS
}

/// A bit for each byte of `chunk` that passes `test`, the first byte's lowest: the byte
/// classes a vector comparison gives, a byte at a time (where SSE2 is not there, and in
/// tests).
pub fn bits_where<const N: usize>(chunk: &[u8; N], test: impl Fn(u8) -> bool) -> u32 {
    debug_assert!(N <= 32);
    (0..N)
        .filter(|&at| test(chunk[at]))
        .fold(0, |bits, at| bits | 1 << at)
}

/// A bit for each byte of a 64-byte block that `marks` marks, the first byte's lowest. The
/// block is read sixteen bytes at a time with the SSE2 instructions that every x86-64
/// processor has; `marks` turns sixteen bytes into a vector whose bytes are all ones for a
/// marked byte and zero for the others (a comparison's result).
#[cfg(target_arch = "x86_64")]
#[inline(always)]
pub fn marked_bits_64(
    block: &[u8; 64],
    marks: impl Fn(std::arch::x86_64::__m128i) -> std::arch::x86_64::__m128i,
) -> u64 {
    use std::arch::x86_64::{_mm_loadu_si128, _mm_movemask_epi8};
    let mut bits = 0;
    for (n, sixteen) in block.chunks_exact(16).enumerate() {
        // SAFETY: SSE2 is part of every x86_64 processor; the load is an unaligned one of the
        // 16 bytes of `sixteen`.
        let bytes = unsafe { _mm_loadu_si128(sixteen.as_ptr().cast()) };
        // SAFETY: as above.
        let marked = unsafe { _mm_movemask_epi8(marks(bytes)) };
        bits |= u64::from(marked as u16) << (16 * n);
    }
    bits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eight_bytes_at_once_answer_as_each_byte_does() {
        let samples = [
            0x00u8, 0x01, 0x1F, 0x20, 0x21, b'"', b'\\', 0x7F, 0x80, 0xC3, 0xE2, 0xFF,
        ];
        for &filler in &samples {
            for &odd in &samples {
                for position in 0..8 {
                    let mut bytes = [filler; 8];
                    bytes[position] = odd;
                    let word = u64::from_ne_bytes(bytes);
                    for byte in [0x00, 0x20, b'"', b'\\', 0xE2, 0xFF] {
                        assert_eq!(
                            has_byte(word, byte),
                            bytes.contains(&byte),
                            "{bytes:?} {byte}"
                        );
                    }
                    if bytes.iter().all(u8::is_ascii) {
                        for (low, high) in [(b'A', b'Z'), (b'a', b'z'), (0x09, 0x0D), (0, 0x7F)] {
                            let expected = bytes.iter().enumerate().fold(0, |mask, (i, b)| {
                                mask | u64::from((low..=high).contains(b)) << (8 * i + 7)
                            });
                            assert_eq!(
                                ascii_bytes_between(u64::from_le_bytes(bytes), low, high),
                                expected,
                                "{bytes:?} from {low} to {high}"
                            );
                        }
                    }
                    for limit in [1, 0x20, 0x80] {
                        assert_eq!(
                            has_byte_below(word, limit),
                            bytes.iter().any(|&b| b < limit),
                            "{bytes:?} below {limit}"
                        );
                    }
                }
            }
        }
    }
}
