//! Normal forms that make equal what only typography tells apart.

/// Whether `c` is any kind of blank, including no-break spaces.
pub fn is_blank(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}' || c == '\u{2007}'
}

/// `text` without its leading blanks ([`is_blank`]), as `trim_start_matches(is_blank)` gives
/// it: ASCII bytes are told a byte at a time, other characters decoded.
pub fn trim_blanks_start(text: &str) -> &str {
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        if byte.is_ascii() {
            if !matches!(byte, b'\t'..=b'\r' | b' ') {
                break;
            }
            at += 1;
        } else {
            let c = text[at..].chars().next().expect("a character starts here");
            if !is_blank(c) {
                break;
            }
            at += c.len_utf8();
        }
    }
    &text[at..]
}

/// `text` without its trailing blanks ([`is_blank`]), as `trim_end_matches(is_blank)` gives
/// it: ASCII bytes are told a byte at a time, other characters decoded.
pub fn trim_blanks_end(text: &str) -> &str {
    let bytes = text.as_bytes();
    let mut end = bytes.len();
    while let Some(&byte) = end.checked_sub(1).map(|last| &bytes[last]) {
        if byte.is_ascii() {
            if !matches!(byte, b'\t'..=b'\r' | b' ') {
                break;
            }
            end -= 1;
        } else {
            let c = text[..end]
                .chars()
                .next_back()
                .expect("a character ends here");
            if !is_blank(c) {
                break;
            }
            end -= c.len_utf8();
        }
    }
    &text[..end]
}

/// Whether `text` holds a ’. A byte test first: `str::contains` with a multibyte character
/// sets up a substring search on every call, and most words have no byte 0xE2 at all.
pub fn has_curly_apostrophe(text: &str) -> bool {
    text.as_bytes().contains(&0xE2) && text.contains('’')
}

/// `word` with straight apostrophes, copied only when it has a curly one (the common case
/// costs nothing).
pub fn straightened(word: &str) -> std::borrow::Cow<'_, str> {
    if has_curly_apostrophe(word) {
        std::borrow::Cow::Owned(straight_apostrophes(word))
    } else {
        std::borrow::Cow::Borrowed(word)
    }
}

/// Turns typographic apostrophes into straight ones: "d’" → "d'".
pub fn straight_apostrophes(text: &str) -> String {
    text.replace('’', "'")
}

/// The comparison form of a line: lowercase, apostrophes straightened, every run of blanks
/// (including no-break spaces) one space, no leading or trailing blank.
pub fn line_key(line: &str) -> String {
    let mut key = Vec::with_capacity(line.len());
    push_line_key(line, &mut key);
    String::from_utf8(key).expect("a key is made of whole characters")
}

/// Appends the bytes of [`line_key`]`(line)` to `key`.
fn push_line_key(line: &str, key: &mut Vec<u8>) {
    KeyWriter::default().push(line, key);
}

/// Writes the bytes of a line's key ([`line_key`]) piece by piece: whether a space is due
/// before the next character, and whether the key has started.
#[derive(Default)]
struct KeyWriter {
    pending_space: bool,
    started: bool,
}

impl KeyWriter {
    /// Appends the key bytes of `piece`, the next part of the line, to `key`. Runs of plain
    /// characters ([`plain_run_end`]), the bulk of most lines, are copied at once and
    /// lowercased in place; other characters take the general path.
    fn push(&mut self, piece: &str, key: &mut Vec<u8>) {
        let bytes = piece.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            let run_end = plain_run_end(bytes, at);
            if run_end > at {
                self.start_character(key);
                let from = key.len();
                key.extend_from_slice(&bytes[at..run_end]);
                key[from..].make_ascii_lowercase();
                at = run_end;
                continue;
            }
            let byte = bytes[at];
            if byte.is_ascii() {
                at += 1;
                // The ASCII blanks of `char::is_whitespace`: tab, line feed, vertical tab,
                // form feed, carriage return and space.
                if matches!(byte, b'\t'..=b'\r' | b' ') {
                    self.pending_space = self.started;
                    continue;
                }
                self.start_character(key);
                key.push(byte.to_ascii_lowercase());
                continue;
            }
            let c = piece[at..]
                .chars()
                .next()
                .expect("`at` is a character boundary");
            at += c.len_utf8();
            if is_blank(c) {
                self.pending_space = self.started;
                continue;
            }
            self.start_character(key);
            let mut buffer = [0u8; 4];
            match c {
                '’' | '‘' => key.push(b'\''),
                c => c
                    .to_lowercase()
                    .for_each(|c| key.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes())),
            }
        }
    }

    /// Writes the space due before a character, if any, and marks the key started.
    #[inline]
    fn start_character(&mut self, key: &mut Vec<u8>) {
        if std::mem::take(&mut self.pending_space) {
            key.push(b' ');
        }
        self.started = true;
    }
}

/// Whether the bytes of `bytes` at `at` start a plain character: a visible ASCII character,
/// or a lowercase letter of Latin-1 (à to ÿ, C3 A0 to C3 BF), which is its own lowercase.
#[inline]
fn plain_at(bytes: &[u8], at: usize) -> bool {
    match bytes.get(at) {
        Some(0x21..=0x7E) => true,
        Some(0xC3) => bytes.get(at + 1).is_some_and(|&next| next >= 0xA0),
        _ => false,
    }
}

/// The end of the run of `bytes` starting at `at` whose key is its ASCII lowercase: plain
/// characters ([`plain_at`]) and single spaces between them (`at` itself when no plain
/// character starts there).
#[inline]
fn plain_run_end(bytes: &[u8], start: usize) -> usize {
    let mut at = start;
    loop {
        // Sixteen bytes at a time, as far as they certainly continue the run; the character
        // after them is looked at one at a time.
        if let Some(chunk) = bytes.get(at..at + RUN_CHUNK) {
            let taken = run_prefix(chunk.try_into().expect("a chunk"), at > start);
            at += taken;
            if taken == RUN_CHUNK {
                continue;
            }
        }
        match bytes.get(at) {
            Some(0x21..=0x7E) => at += 1,
            Some(0xC3) if plain_at(bytes, at) => at += 2,
            // After a plain character (the run's start is one), before another.
            Some(b' ') if at > start && plain_at(bytes, at + 1) => at += 1,
            _ => return at,
        }
    }
}

/// The bytes [`run_prefix`] reads at a time.
const RUN_CHUNK: usize = 16;

/// How many of the first bytes of `chunk` continue a run of [`plain_run_end`] that `started`
/// (holds a character already), as far as the chunk tells: visible ASCII characters (21 to
/// 7E), lowercase letters of Latin-1 whose two bytes (C3, then A0 to BF) both lie in the
/// chunk, and single spaces after a character (none first when the run has not started)
/// before a character of the chunk. A character the chunk cuts, or a space that ends it, is
/// left to the caller.
#[cfg(target_arch = "x86_64")]
#[inline]
fn run_prefix(chunk: &[u8; RUN_CHUNK], started: bool) -> usize {
    use std::arch::x86_64::{
        _mm_and_si128, _mm_cmpeq_epi8, _mm_cmpgt_epi8, _mm_cmplt_epi8, _mm_loadu_si128,
        _mm_movemask_epi8, _mm_set1_epi8,
    };
    // SAFETY: SSE2 is part of every x86_64 processor; the load is an unaligned one of 16
    // bytes, the length of `chunk`.
    let (visible, spaces, leads, trails) = unsafe {
        let bytes = _mm_loadu_si128(chunk.as_ptr().cast());
        let splat = |byte: u8| _mm_set1_epi8(byte as i8);
        let bits = |vector| _mm_movemask_epi8(vector) as u32;
        // Bytes from 80 up compare as negative: none is visible ASCII.
        let visible = _mm_and_si128(
            _mm_cmpgt_epi8(bytes, splat(0x20)),
            _mm_cmplt_epi8(bytes, splat(0x7F)),
        );
        (
            bits(visible),
            bits(_mm_cmpeq_epi8(bytes, splat(b' '))),
            bits(_mm_cmpeq_epi8(bytes, splat(0xC3))),
            bits(_mm_cmpeq_epi8(
                _mm_and_si128(bytes, splat(0xE0)),
                splat(0xA0),
            )),
        )
    };
    run_prefix_of_classes(visible, spaces, leads, trails, started)
}

/// [`run_prefix`] from the classes of the bytes of the chunk, a bit each (lowest first):
/// visible ASCII, spaces, C3 and the bytes from A0 to BF.
#[inline]
fn run_prefix_of_classes(
    visible: u32,
    spaces: u32,
    leads: u32,
    trails: u32,
    started: bool,
) -> usize {
    let latin = leads & trails >> 1;
    let characters = visible | latin;
    // A space before a character of the chunk, and after one (the first byte's is the run's).
    let spaces = spaces & characters >> 1 & !u32::from(!started);
    let continuing = characters | latin << 1 | spaces;
    (!continuing | 1 << RUN_CHUNK).trailing_zeros() as usize
}

/// [`run_prefix`] a byte at a time, where SSE2 is not there.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn run_prefix_by_bytes(chunk: &[u8; RUN_CHUNK], started: bool) -> usize {
    let class = |test: fn(u8) -> bool| crate::text::bytes::bits_where(chunk, test);
    run_prefix_of_classes(
        class(|b| (0x21..=0x7E).contains(&b)),
        class(|b| b == b' '),
        class(|b| b == 0xC3),
        class(|b| (0xA0..=0xBF).contains(&b)),
        started,
    )
}

#[cfg(not(target_arch = "x86_64"))]
use run_prefix_by_bytes as run_prefix;

/// The bytes of a line taken at a time when its key is built in a buffer: the buffers stay
/// this small, whatever the length of the line.
const KEY_PIECE: usize = 4096;

thread_local! {
    /// Buffers for the keys of [`line_key_hash`] and [`same_line_key`], reused from line to
    /// line.
    static KEYS: std::cell::RefCell<(Vec<u8>, Vec<u8>)> = const {
        std::cell::RefCell::new((Vec::new(), Vec::new()))
    };
}

/// Whether two lines have the same [`line_key`]: lines equal byte for byte do, and others
/// are compared by their keys, built in buffers reused from call to call (one character at a
/// time for lines longer than [`KEY_PIECE`], so that the buffers stay small).
pub fn same_line_key(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    if a.len() > KEY_PIECE || b.len() > KEY_PIECE {
        return key_chars(a).eq(key_chars(b));
    }
    KEYS.with(|keys| {
        let (first, second) = &mut *keys.borrow_mut();
        first.clear();
        second.clear();
        push_line_key(a, first);
        push_line_key(b, second);
        first == second
    })
}

/// The characters of [`line_key`]`(line)`, one at a time.
fn key_chars(line: &str) -> impl Iterator<Item = char> + '_ {
    let mut started = false;
    let mut pending_space = false;
    line.chars()
        .filter_map(move |c| {
            if is_blank(c) {
                pending_space = started;
                return None;
            }
            started = true;
            let space = std::mem::take(&mut pending_space).then_some(' ');
            let c = if matches!(c, '’' | '‘') { '\'' } else { c };
            Some(space.into_iter().chain(c.to_lowercase()))
        })
        .flatten()
}

/// A 64-bit hash of [`line_key`]`(line)`, [`hash_bytes`] of the key: the key is built in a
/// buffer reused from call to call, [`KEY_PIECE`] bytes of the line at a time, and hashed as
/// it grows.
pub fn line_key_hash(line: &str) -> u64 {
    KEYS.with(|keys| {
        let key = &mut keys.borrow_mut().0;
        key.clear();
        let mut writer = KeyWriter::default();
        let mut hasher = BytesHasher::default();
        let mut rest = line;
        while !rest.is_empty() {
            let mut cut = rest.len().min(KEY_PIECE);
            while !rest.is_char_boundary(cut) {
                cut += 1;
            }
            let (piece, after) = rest.split_at(cut);
            rest = after;
            writer.push(piece, key);
            // Hash the whole words written, keep the bytes after them for the next piece.
            let whole = key.len() - key.len() % 8;
            hasher.words(&key[..whole]);
            key.drain(..whole);
        }
        hasher.finish(key)
    })
}

/// A 64-bit hash of the first `limit` bytes of [`line_key`]`(line)` (the whole key when it is
/// shorter), [`hash_bytes`] of them: lines with equal keys have equal start hashes, and the key
/// is built only as far as the limit, so that a long line costs no more than a short one.
pub fn line_key_start_hash(line: &str, limit: usize) -> u64 {
    KEYS.with(|keys| {
        let key = &mut keys.borrow_mut().0;
        key.clear();
        let mut writer = KeyWriter::default();
        let mut rest = line;
        while !rest.is_empty() && key.len() < limit {
            // A piece's key is about as long as the piece: take what the limit still needs.
            let mut cut = rest.len().min(limit - key.len());
            while !rest.is_char_boundary(cut) {
                cut += 1;
            }
            let (piece, after) = rest.split_at(cut);
            rest = after;
            writer.push(piece, key);
        }
        hash_bytes(&key[..key.len().min(limit)])
    })
}

/// A 64-bit hash of `bytes`, eight at a time: each word is mixed in by a folded
/// multiplication (the halves of the 128-bit product xored), which spreads every input bit
/// over the whole hash.
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    let whole = bytes.len() - bytes.len() % 8;
    let mut hasher = BytesHasher::default();
    hasher.words(&bytes[..whole]);
    hasher.finish(&bytes[whole..])
}

/// The state of [`hash_bytes`] over bytes given in pieces of whole words.
struct BytesHasher {
    hash: u64,
    length: u64,
}

impl Default for BytesHasher {
    fn default() -> Self {
        BytesHasher {
            hash: 0x243f_6a88_85a3_08d3,
            length: 0,
        }
    }
}

impl BytesHasher {
    const MULTIPLIER: u64 = 0x9e37_79b9_7f4a_7c15;

    fn mix(hash: u64, word: u64) -> u64 {
        let product = u128::from(hash ^ word) * u128::from(Self::MULTIPLIER);
        (product as u64) ^ ((product >> 64) as u64)
    }

    /// Mixes in `bytes`, a whole number of eight-byte words.
    fn words(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks_exact(8) {
            let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
            self.hash = Self::mix(self.hash, word);
        }
        self.length += bytes.len() as u64;
    }

    /// The hash, with the last `rest` bytes (fewer than eight) and the length mixed in.
    fn finish(mut self, rest: &[u8]) -> u64 {
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.hash = Self::mix(self.hash, u64::from_le_bytes(last));
        }
        Self::mix(self.hash, self.length + rest.len() as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn plain_runs_end_where_the_byte_by_byte_search_ends_them(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "a", "Z", "~", "\u{7f}", "\u{1f}", " ", "  ", "\t", "\n", "é", "É", "à", "ÿ",
                "\u{a0}", "’", "«", "plainwords", "x y", "\u{1f600}",
            ]), 0..30),
            start_piece in 0usize..30,
        ) {
            let line: String = pieces.concat();
            let bytes = line.as_bytes();
            let start = pieces.iter().take(start_piece).map(|p| p.len()).sum::<usize>();
            // The definition, one character at a time.
            let mut expected = start;
            loop {
                match bytes.get(expected) {
                    Some(0x21..=0x7E) => expected += 1,
                    Some(0xC3) if plain_at(bytes, expected) => expected += 2,
                    Some(b' ') if expected > start && plain_at(bytes, expected + 1) => {
                        expected += 1
                    }
                    _ => break,
                }
            }
            proptest::prop_assert_eq!(plain_run_end(bytes, start), expected);
        }
    }

    #[test]
    fn run_prefixes_are_those_of_the_characters() {
        // The definition, one character at a time, inside the chunk.
        let by_characters = |bytes: &[u8; RUN_CHUNK], started: bool| {
            let plain = |at: usize| match bytes.get(at) {
                Some(0x21..=0x7E) => true,
                Some(0xC3) => bytes.get(at + 1).is_some_and(|b| (0xA0..=0xBF).contains(b)),
                _ => false,
            };
            let mut at = 0;
            while at < RUN_CHUNK {
                match bytes[at] {
                    0x21..=0x7E => at += 1,
                    0xC3 if plain(at) => at += 2,
                    b' ' if (at > 0 || started) && plain(at + 1) => at += 1,
                    _ => break,
                }
            }
            at
        };
        let samples = [
            0x00u8, 0x1F, 0x20, 0x21, b'a', b'Z', 0x7E, 0x7F, 0x80, 0x89, 0x9F, 0xA0, 0xA9, 0xBF,
            0xC0, 0xC2, 0xC3, 0xE2, 0xFF,
        ];
        for &filler in b"aQ ~" {
            for &odd in &samples {
                for &other in &samples {
                    for position in 0..RUN_CHUNK {
                        for gap in [1, 2, 3, 7] {
                            let mut bytes = [filler; RUN_CHUNK];
                            bytes[position] = odd;
                            bytes[(position + gap) % RUN_CHUNK] = other;
                            for started in [false, true] {
                                let expected = by_characters(&bytes, started);
                                assert_eq!(run_prefix(&bytes, started), expected, "{bytes:?}");
                                assert_eq!(run_prefix_by_bytes(&bytes, started), expected);
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn the_line_hash_is_the_hash_of_the_line_key() {
        // The key written out character by character, as its definition says.
        let defined = |line: &str| {
            let mut key = String::new();
            let mut pending_space = false;
            for c in line.chars() {
                if is_blank(c) {
                    pending_space = !key.is_empty();
                    continue;
                }
                if std::mem::take(&mut pending_space) {
                    key.push(' ');
                }
                match c {
                    '’' | '‘' => key.push('\''),
                    c => key.extend(c.to_lowercase()),
                }
            }
            key
        };
        let mut lines = vec![
            " \u{2003}Été\u{a0}\u{a0}À  l\u{2019}ÎLE\x0b\u{85}ǅ İ ß\r".to_string(),
            "\x1c x".to_string(),
            "  ABC,def\t\tGHI\u{212a}jk\u{2019}LM ".to_string(),
            "x".to_string(),
            String::new(),
            "ÀÉÎÕÜ àéîõü ÿ÷×Þß\u{a0}\u{2007}Ÿ".to_string(),
        ];
        for text in crate::fixture_texts::fixture_texts(&["seeds"]) {
            lines.extend(text.lines().map(str::to_string));
        }
        assert!(lines.len() > 100);
        for line in &lines {
            assert_eq!(line_key(line), defined(line), "{line:?}");
        }
        for line in &lines {
            assert_eq!(line_key_hash(line), hash_bytes(line_key(line).as_bytes()));
        }
        // A line longer than the pieces the key is built in, cut inside a character.
        let long = "Été à l’Île x".repeat(1000);
        assert_eq!(line_key_hash(&long), hash_bytes(line_key(&long).as_bytes()));
        assert!(same_line_key(&long, &long.to_uppercase()));
        // The start hash is the hash of the key's first bytes, whatever the limit.
        lines.push(long);
        for line in &lines {
            let key = line_key(line);
            for limit in [1, 7, 8, 64, 128, 5000] {
                let start = &key.as_bytes()[..key.len().min(limit)];
                assert_eq!(
                    line_key_start_hash(line, limit),
                    hash_bytes(start),
                    "{line:?}"
                );
            }
        }
    }

    #[test]
    fn lines_have_the_same_key_when_their_keys_are_equal() {
        let lines = [
            " \u{2003}Été\u{a0}\u{a0}À  l\u{2019}ÎLE\x0b\u{85}ǅ İ ß\r",
            "été à l'île ǆ i̇ ß",
            "Été à l’Île ǅ İ ß ",
            "Été à l’Île ǅ İ ẞ",
            "été à l'îlé ǆ i̇ ß",
            "été à l'île ǆ i̇ ß x",
            "",
            "  ",
            "a b",
            "ab",
            "a  b",
        ];
        for a in lines {
            for b in lines {
                assert_eq!(
                    same_line_key(a, b),
                    line_key(a) == line_key(b),
                    "{a:?} {b:?}"
                );
            }
        }
    }

    #[test]
    fn blanks_are_trimmed_as_trim_matches_trims_them() {
        let texts = crate::fixture_texts::cases_and_seed_pieces(
            &[
                "",
                " ",
                " \t\u{b}\u{c}\r\n x \n",
                "\u{a0}\u{202f}\u{2007}\u{3000}\u{85}été\u{a0}",
                "\u{1f600} ",
                " é ",
                "x",
            ],
            |text| {
                text.split_inclusive(['.', '\n'])
                    .map(str::to_string)
                    .collect()
            },
        );
        for text in &texts {
            assert_eq!(trim_blanks_start(text), text.trim_start_matches(is_blank));
            assert_eq!(trim_blanks_end(text), text.trim_end_matches(is_blank));
        }
    }

    #[test]
    fn line_keys_ignore_typography() {
        assert_eq!(
            line_key("  Attaque contre l’Iran :\u{a0}Israël "),
            line_key("Attaque contre l'Iran : Israël")
        );
        assert_ne!(line_key("Attaque"), line_key("Attaques"));
        assert_eq!(
            line_key_hash(" A l’Iran\u{a0}: X"),
            line_key_hash("a l'iran : x")
        );
        assert_ne!(line_key_hash("a b"), line_key_hash("ab"));
    }
}
