//! How often each byte occurs in French text: what the gates weigh their strings and byte
//! pairs by. Its own module, which depends on nothing, so that the build script can include
//! it with the pair gates ([`super::pairs`]).

/// About how many times in a thousand bytes of lowercased French text each byte occurs
/// (rounded; 1 for the rare ones). The last byte of a character of several bytes stands for
/// the character ("é" is C3 A9, "à" C3 A0, "’" E2 80 99).
pub(crate) const FRENCH_BYTE_FREQUENCY: [u16; 256] = {
    let mut table = [1u16; 256];
    let common: [(u8, u16); 39] = [
        (b' ', 151),
        (b'e', 110),
        (b's', 65),
        (b'i', 55),
        (b't', 54),
        (b'n', 51),
        (b'r', 50),
        (b'a', 48),
        (b'u', 45),
        (b'o', 40),
        (b'l', 37),
        (b'd', 32),
        (b'c', 28),
        (b'p', 25),
        (0xc3, 23),
        (b'm', 23),
        (0xa9, 15),
        (b'\n', 13),
        (b'v', 12),
        (b'f', 10),
        (0xc2, 10),
        (b'.', 8),
        (b'q', 8),
        (0xe2, 7),
        (0x80, 7),
        (0x99, 7),
        (b'h', 7),
        (b'g', 6),
        (b'b', 6),
        (0xbb, 5),
        (0xab, 5),
        (b',', 4),
        (0xa8, 4),
        (b'x', 4),
        (b'(', 4),
        (b')', 3),
        (b'y', 3),
        (b'z', 3),
        (0xa0, 2),
    ];
    let mut i = 0;
    while i < common.len() {
        table[common[i].0 as usize] = common[i].1;
        i += 1;
    }
    table
};
