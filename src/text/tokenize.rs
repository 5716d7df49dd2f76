//! Splits text into word tokens once per document, understanding French elision
//! ("d’Web" is the elided particle "d’" then the word "Web"; "aujourd’hui" stays one word).

use std::ops::Range;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// A run of letters (with inner hyphens or apostrophes).
    Word,
    /// A run starting with a digit.
    Number,
    /// An elided particle with its apostrophe: "l’", "d'", "qu’", "jusqu’".
    Elision,
}

/// A word-like run of a document, by byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
    /// What the token is.
    pub kind: TokenKind,
}

impl Token {
    /// The token's byte range.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// Whether the token is a word or an elided particle (not a number).
    pub fn is_wordlike(&self) -> bool {
        self.kind != TokenKind::Number
    }
}

/// Whether `c` is an apostrophe, typographic or straight.
pub fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Whether `c` can belong to a word: a letter or a digit (`char::is_alphanumeric`), answered
/// without the Unicode tables for ASCII, Latin-1 and Latin Extended-A ("é", "ç", "œ", "«"),
/// where most French words are written, and for general punctuation ("’", "…").
pub fn is_word_char(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' => true,
        '\0'..='\x7f' => false,
        '\u{80}'..='\u{bf}' => matches!(c, 'ª' | '²' | '³' | 'µ' | '¹' | 'º' | '¼' | '½' | '¾'),
        'À'..='ſ' => c != '×' && c != '÷',
        // General punctuation: spaces, dashes, quotes, the ellipsis.
        '\u{2000}'..='\u{206f}' => false,
        _ => c.is_alphanumeric(),
    }
}

/// Whether `c`, a word character, is a digit or another numeric character
/// (`char::is_numeric`): none of the Latin letters is.
fn is_numeric_char(c: char) -> bool {
    match c {
        '\0'..='\x7f' => c.is_ascii_digit(),
        '\u{80}'..='\u{bf}' => matches!(c, '²' | '³' | '¹' | '¼' | '½' | '¾'),
        'À'..='ſ' | '\u{2000}'..='\u{206f}' => false,
        _ => c.is_numeric(),
    }
}

/// Whether `c` is a combining mark, which belongs to the letter before it ("q\u{301}").
fn is_mark(c: char) -> bool {
    c >= '\u{300}' && unicode_normalization::char::is_combining_mark(c)
}

/// Particles that French elides before a vowel and that stand as their own token.
const ELISIONS: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
];

/// Whether `word` (any case) is a particle that French elides: "l", "qu", "jusqu"…
pub fn is_elision_particle(word: &str) -> bool {
    is_elision_bytes(word.as_bytes())
}

/// [`is_elision_particle`] of the bytes of a word.
#[inline]
fn is_elision_bytes(word: &[u8]) -> bool {
    word.len() <= 6
        && ELISIONS
            .iter()
            .any(|p| p.as_bytes().eq_ignore_ascii_case(word))
}

/// What a character does in a token, as [`classify`] tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CharClass {
    /// A word character ([`is_word_char`]) that is not numeric.
    Letter,
    /// A word character that is numeric ([`is_numeric_char`]).
    Digit,
    /// A combining mark, which stays with the character before it.
    Mark,
    /// A hyphen, which joins two words into one token.
    Hyphen,
    /// An apostrophe, which joins two words or ends an elided particle.
    Apostrophe,
    /// Anything else: it ends a token.
    Other,
}

/// Whether each byte is an ASCII letter or digit, by byte value.
static ASCII_ALNUM: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = (byte as u8).is_ascii_alphanumeric();
        byte += 1;
    }
    table
};

/// The class of the character at byte `at` of `text` (a character boundary) and its length in
/// bytes. ASCII, the Latin letters of two bytes and "’" are told from their bytes; other
/// characters are decoded.
#[inline]
fn classify(text: &str, at: usize) -> (CharClass, usize) {
    let bytes = text.as_bytes();
    let byte = bytes[at];
    if byte.is_ascii() {
        let class = match byte {
            b'0'..=b'9' => CharClass::Digit,
            _ if ASCII_ALNUM[usize::from(byte)] => CharClass::Letter,
            b'-' => CharClass::Hyphen,
            b'\'' => CharClass::Apostrophe,
            _ => CharClass::Other,
        };
        return (class, 1);
    }
    if latin_letter_at(bytes, at) {
        return (CharClass::Letter, 2);
    }
    if bytes[at..].starts_with("’".as_bytes()) {
        return (CharClass::Apostrophe, 3);
    }
    classify_decoded(text, at)
}

/// Whether a letter of Latin-1 or Latin Extended-A of two bytes ("é", "À", "œ": U+00C0 to
/// U+017F but "×" and "÷") starts at byte `at` of `bytes`, text in UTF-8.
#[inline]
fn latin_letter_at(bytes: &[u8], at: usize) -> bool {
    match bytes[at] {
        0xC3 => !matches!(bytes[at + 1], 0x97 | 0xB7),
        0xC4 | 0xC5 => true,
        _ => false,
    }
}

/// [`classify`] for a character beyond ASCII, decoded from `text` at byte `at`.
#[inline(never)]
fn classify_decoded(text: &str, at: usize) -> (CharClass, usize) {
    let c = text[at..].chars().next().expect("a character starts here");
    let class = if is_word_char(c) {
        if is_numeric_char(c) {
            CharClass::Digit
        } else {
            CharClass::Letter
        }
    } else if is_mark(c) {
        CharClass::Mark
    } else if c == '’' {
        CharClass::Apostrophe
    } else {
        CharClass::Other
    };
    (class, c.len_utf8())
}

/// One in each byte of an integer.
const ONES: u64 = u64::from_le_bytes([1; 8]);
/// The high bit of each byte of an integer.
const HIGH: u64 = ONES << 7;

/// The bytes of the blocks that [`tokenize`] reads as masks.
const BLOCK: usize = 64;

/// The high bit of each byte of `chunk` that is an ASCII letter or digit, the other bits
/// clear. Each test of a range adds to every byte a constant that sets its high bit when the
/// byte is in range (or, for the upper bound, out of it): the bytes, high bit cleared first,
/// never carry into each other.
#[inline]
fn ascii_alnum_bits(chunk: u64) -> u64 {
    let low = chunk & !HIGH;
    // A letter with bit 5 set is lowercase.
    let folded = low | (ONES * 0x20);
    let letter = (folded + ONES * (0x80 - b'a' as u64)) & !(folded + ONES * (0x7F - b'z' as u64));
    let digit = (low + ONES * (0x80 - b'0' as u64)) & !(low + ONES * (0x7F - b'9' as u64));
    (letter | digit) & !chunk & HIGH
}

/// The high bit of the leading byte (C3, C4 or C5) of each Latin letter of two bytes
/// ([`latin_letter_at`]) of `chunk`, as bytes of its second byte, `carry` that of a leading
/// byte that ends the previous chunk: the high bit of each second byte (80 to BF, but 97
/// and B7, those of "×" and "÷" and of a few letters that the general path tells).
#[inline]
fn latin_second_bits(chunk: u64, leads: u64) -> u64 {
    let odd = (chunk & (ONES * 0xDF)) ^ (ONES * 0x97);
    let odd = !((((odd & !HIGH) + !HIGH) | odd) & HIGH) & HIGH;
    chunk & !(chunk << 1) & HIGH & !odd & leads
}

/// The high bit of each byte of `chunk` that is C3, C4 or C5, the leading byte of a Latin
/// letter of two bytes.
#[inline]
fn latin_lead_bits(chunk: u64) -> u64 {
    // Xored with C0, the leading bytes are 3 to 5 with the high bit clear.
    let lead = chunk ^ (ONES * 0xC0);
    let low = lead & !HIGH;
    (low + ONES * (0x80 - 3)) & !(low + ONES * (0x7F - 5)) & !lead & HIGH
}

/// The high bits of the eight bytes of `high_bits` (its other bits clear) gathered as the bits
/// of a byte: that of byte `n` (in memory order) becomes bit `n`.
#[inline]
fn gather(high_bits: u64) -> u64 {
    (high_bits >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// Which of the [`BLOCK`] bytes of `block` (in memory order) belong to words, ASCII letters
/// and digits and Latin letters of two bytes, and which to other characters beyond ASCII, as
/// bit `n` for byte `n`. A Latin letter that the block cuts is of the other characters.
/// [`block_masks_in_words`], sixteen bytes at a time with the SSE2 instructions that every
/// x86-64 processor has.
#[cfg(target_arch = "x86_64")]
#[inline(never)]
fn block_masks(block: &[u8; BLOCK]) -> (u64, u64) {
    use std::arch::x86_64::{
        __m128i, _mm_and_si128, _mm_cmpeq_epi8, _mm_cmpgt_epi8, _mm_cmplt_epi8, _mm_movemask_epi8,
        _mm_or_si128, _mm_set_epi64x, _mm_set1_epi8,
    };
    // SAFETY: the instructions are SSE2's, which every x86-64 processor has; no memory is read
    // but through the safe slices.
    unsafe {
        // The bit of each byte whose byte is set in `vector` (all ones or zeros).
        let bits = |vector: __m128i| u64::from(_mm_movemask_epi8(vector) as u16);
        // Signed comparisons: the bytes from 80 on are negative, below every ASCII byte.
        let splat = |byte: u8| _mm_set1_epi8(byte as i8);
        let in_range = |first: u8, last: u8, bytes: __m128i| {
            _mm_and_si128(
                _mm_cmpgt_epi8(bytes, splat(first.wrapping_sub(1))),
                _mm_cmplt_epi8(bytes, splat(last.wrapping_add(1))),
            )
        };
        let (mut ascii, mut high, mut leads, mut seconds) = (0, 0, 0, 0);
        for (n, sixteen) in block.chunks_exact(16).enumerate() {
            let low = u64::from_le_bytes(sixteen[..8].try_into().expect("eight bytes"));
            let top = u64::from_le_bytes(sixteen[8..].try_into().expect("eight bytes"));
            let bytes = _mm_set_epi64x(top as i64, low as i64);
            let digit = in_range(b'0', b'9', bytes);
            // A letter with bit 5 set is lowercase.
            let letter = in_range(b'a', b'z', _mm_or_si128(bytes, splat(0x20)));
            let shift = 16 * n;
            ascii |= bits(_mm_or_si128(digit, letter)) << shift;
            let beyond = bits(bytes);
            high |= beyond << shift;
            if beyond != 0 {
                leads |= bits(in_range(0xC3, 0xC5, bytes)) << shift;
                // A second byte (80 to BF) but 97 and B7 ([`latin_second_bits`]).
                let second = _mm_cmplt_epi8(bytes, splat(0xC0));
                let odd = _mm_cmpeq_epi8(_mm_and_si128(bytes, splat(0xDF)), splat(0x97));
                seconds |= (bits(second) & !bits(odd)) << shift;
            }
        }
        let seconds = seconds & leads << 1;
        let latin = seconds | (seconds >> 1);
        (ascii | latin, high & !latin)
    }
}

/// [`block_masks`] eight bytes at a time in integers: the version for every processor, and the
/// reference of the others.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
#[inline(never)]
fn block_masks_in_words(block: &[u8; BLOCK]) -> (u64, u64) {
    let (mut ascii, mut high, mut seconds) = (0, 0, 0);
    let mut carry = 0;
    for (n, chunk) in block.chunks_exact(8).enumerate() {
        let chunk = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        ascii |= gather(ascii_alnum_bits(chunk)) << (8 * n);
        let high_bits = chunk & HIGH;
        if high_bits != 0 {
            high |= gather(high_bits) << (8 * n);
            let leads = latin_lead_bits(chunk);
            seconds |= gather(latin_second_bits(chunk, (leads << 8) | carry)) << (8 * n);
            carry = leads >> 56;
        } else {
            carry = 0;
        }
    }
    let latin = seconds | (seconds >> 1);
    (ascii | latin, high & !latin)
}

/// [`block_masks`] on processors without SSE2.
#[cfg(not(target_arch = "x86_64"))]
use block_masks_in_words as block_masks;

/// Whether `byte`, after a word's letter or digit, ends the word: an ASCII character that
/// is no hyphen nor apostrophe (which may join it to another), or the end of the text.
#[inline]
fn ends_a_word(byte: Option<&u8>) -> bool {
    byte.is_none_or(|&byte| byte.is_ascii() && byte != b'-' && byte != b'\'')
}

/// Splits `text` into tokens, in order. Blocks of [`BLOCK`] bytes are read as masks of the
/// bytes of words (ASCII letters and digits, Latin letters of two bytes) and of other
/// characters beyond ASCII: a token of word bytes that an ASCII character other than a hyphen
/// or an apostrophe ends, most tokens, is told from the masks; other characters, and a token
/// that goes on with one, are read a character at a time.
pub fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::with_capacity(text.len() / 6);
    let mut base = 0;
    // A token whose bytes run to the end of the previous block: its start and kind.
    let mut open = None;
    while base < bytes.len() {
        let (word, other) = match bytes.get(base..base + BLOCK) {
            Some(block) => block_masks(block.try_into().expect("a block")),
            None => {
                // The last bytes, followed by zeros: ASCII between words.
                let mut block = [0; BLOCK];
                block[..bytes.len() - base].copy_from_slice(&bytes[base..]);
                block_masks(&block)
            }
        };
        // The bytes of the block from the first one not read yet.
        let mut unread = u64::MAX;
        if let Some((start, kind)) = open.take() {
            let run = (!word).trailing_zeros();
            if run == 64 {
                open = Some((start, kind));
                base += BLOCK;
                continue;
            }
            let end = base + run as usize;
            let (end, kind) = if ends_a_word(bytes.get(end)) {
                (end, kind)
            } else {
                token_end(text, start, end, kind)
            };
            tokens.push(Token { start, end, kind });
            let read = end - base;
            if read >= BLOCK {
                base = end;
                continue;
            }
            unread = u64::MAX << read;
        }
        loop {
            let next = (word | other) & unread;
            if next == 0 {
                base += BLOCK;
                break;
            }
            let next = next.trailing_zeros();
            let start = base + next as usize;
            let end = if other >> next & 1 == 0 {
                let run = (!word & (u64::MAX << next)).trailing_zeros();
                let end = base + run as usize;
                let kind = if bytes[start].is_ascii_digit() {
                    TokenKind::Number
                } else {
                    TokenKind::Word
                };
                if run == 64 {
                    // The token may go on in the next block.
                    open = Some((start, kind));
                    base += BLOCK;
                    break;
                }
                let (end, kind) = if ends_a_word(bytes.get(end)) {
                    (end, kind)
                } else {
                    token_end(text, start, end, kind)
                };
                tokens.push(Token { start, end, kind });
                end
            } else {
                step(text, start, &mut tokens)
            };
            let read = end - base;
            if read >= BLOCK {
                base = end;
                break;
            }
            unread = u64::MAX << read;
        }
    }
    if let Some((start, kind)) = open {
        tokens.push(Token {
            start,
            end: bytes.len(),
            kind,
        });
    }
    tokens
}

/// Reads the character of `text` at byte `at` and, when it starts a token, the token, which it
/// adds to `tokens`; returns the offset past them.
#[inline(never)]
fn step(text: &str, at: usize, tokens: &mut Vec<Token>) -> usize {
    let (class, width) = classify(text, at);
    let kind = match class {
        CharClass::Letter => TokenKind::Word,
        CharClass::Digit => TokenKind::Number,
        _ => return at + width,
    };
    let (end, kind) = token_end(text, at, at + width, kind);
    tokens.push(Token {
        start: at,
        end,
        kind,
    });
    end
}

/// Where the token that starts at `start` with a character of kind `kind` ends, `at` being
/// past its first character, and its kind: an elided particle ends at its apostrophe.
#[inline(never)]
fn token_end(text: &str, start: usize, mut at: usize, kind: TokenKind) -> (usize, TokenKind) {
    let bytes = text.as_bytes();
    loop {
        // Runs of ASCII letters and digits and of Latin letters of two bytes, most words.
        loop {
            match bytes.get(at) {
                Some(&byte) if ASCII_ALNUM[usize::from(byte)] => at += 1,
                // Most words end with a space or an ASCII punctuation mark.
                byte @ Some(_) if ends_a_word(byte) => return (at, kind),
                Some(0xC3..=0xC5) if latin_letter_at(bytes, at) => at += 2,
                Some(_) => break,
                None => return (at, kind),
            }
        }
        let (class, width) = classify(text, at);
        match class {
            CharClass::Letter | CharClass::Digit | CharClass::Mark => at += width,
            CharClass::Hyphen | CharClass::Apostrophe => {
                let joined = at + width;
                let word_follows = joined < bytes.len()
                    && matches!(
                        classify(text, joined).0,
                        CharClass::Letter | CharClass::Digit
                    );
                if !word_follows {
                    return (at, kind);
                }
                if class == CharClass::Apostrophe
                    && kind == TokenKind::Word
                    && is_elision_bytes(&bytes[start..at])
                {
                    return (joined, TokenKind::Elision);
                }
                at = joined;
            }
            CharClass::Other => return (at, kind),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| &text[t.range()]).collect()
    }

    #[test]
    fn the_block_masks_are_those_of_the_word_version() {
        // Bytes drawn mostly from those the masks tell apart: ASCII letters, digits and
        // punctuation, the leading bytes of Latin letters and the second bytes.
        let alphabet: Vec<u8> = (0u8..=255)
            .filter(|b| b.is_ascii_alphanumeric() || b"@[`{/: -'\n".contains(b) || *b >= 0x80)
            .collect();
        let favoured = [
            0xC3, 0xC4, 0xC5, 0x97, 0xB7, 0xA9, 0x80, 0xBF, 0xC0, 0xC2, 0xE2,
        ];
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for round in 0..20_000 {
            let mut block = [0u8; BLOCK];
            for byte in &mut block {
                let draw = next();
                *byte = match (round % 4, draw % 3) {
                    (0, _) => b'a',
                    (_, 0) => favoured[(draw >> 8) as usize % favoured.len()],
                    _ => alphabet[(draw >> 8) as usize % alphabet.len()],
                };
            }
            if round % 4 == 0 {
                block[(next() % 64) as usize] = 0xC3;
            }
            assert_eq!(
                block_masks(&block),
                block_masks_in_words(&block),
                "{block:x?}"
            );
        }
    }

    #[test]
    fn splits_elisions() {
        assert_eq!(
            words("chien de garde d’Web"),
            ["chien", "de", "garde", "d’", "Web"]
        );
        assert_eq!(
            words("jusqu'à l'aéroport"),
            ["jusqu'", "à", "l'", "aéroport"]
        );
        assert_eq!(words("qu’étrangers"), ["qu’", "étrangers"]);
    }

    #[test]
    fn keeps_inner_apostrophes_and_hyphens() {
        assert_eq!(
            words("aujourd’hui, anti-émeute"),
            ["aujourd’hui", "anti-émeute"]
        );
        assert_eq!(
            words("Kassym-Jomart Tokayev -"),
            ["Kassym-Jomart", "Tokayev"]
        );
        assert_eq!(words("l’ "), ["l"]);
    }

    #[test]
    fn combining_marks_stay_in_their_word() {
        assert_eq!(
            words("q\u{301}uoi de\u{301}ja"),
            ["q\u{301}uoi", "de\u{301}ja"]
        );
    }

    #[test]
    fn numbers_are_tokens() {
        let tokens = tokenize("3 811 blessés");
        assert_eq!(tokens[0].kind, TokenKind::Number);
        assert_eq!(tokens[2].kind, TokenKind::Word);
    }

    /// The tokenizer as it was first written, a char at a time: the reference.
    fn tokenize_by_chars(text: &str) -> Vec<Token> {
        let mut tokens = Vec::with_capacity(text.len() / 6);
        let mut chars = text.char_indices().peekable();
        while let Some((start, c)) = chars.next() {
            if !is_word_char(c) {
                continue;
            }
            let kind = if c.is_numeric() {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            let mut end = start + c.len_utf8();
            loop {
                match chars.peek().copied() {
                    Some((_, next)) if is_word_char(next) || is_mark(next) => {
                        end += next.len_utf8();
                        chars.next();
                    }
                    Some((joiner_at, joiner)) if joiner == '-' || is_apostrophe(joiner) => {
                        let after = text[joiner_at + joiner.len_utf8()..].chars().next();
                        if !after.is_some_and(is_word_char) {
                            break;
                        }
                        if is_apostrophe(joiner)
                            && kind == TokenKind::Word
                            && is_elision_particle(&text[start..end])
                        {
                            chars.next();
                            tokens.push(Token {
                                start,
                                end: joiner_at + joiner.len_utf8(),
                                kind: TokenKind::Elision,
                            });
                            end = usize::MAX;
                            break;
                        }
                        chars.next();
                        end = joiner_at + joiner.len_utf8();
                    }
                    _ => break,
                }
            }
            if end != usize::MAX {
                tokens.push(Token { start, end, kind });
            }
        }
        tokens
    }

    #[test]
    fn latin_letters_are_those_of_the_character_classes() {
        for c in '\u{80}'..='\u{7ff}' {
            let text = c.to_string();
            let letter = is_word_char(c) && !is_numeric_char(c);
            assert_eq!(
                latin_letter_at(text.as_bytes(), 0),
                letter && ('\u{c0}'..='\u{17f}').contains(&c),
                "{c:?}"
            );
            if latin_letter_at(text.as_bytes(), 0) {
                assert_eq!(classify_decoded(&text, 0), (CharClass::Letter, 2), "{c:?}");
            }
        }
    }

    #[test]
    fn character_classes_are_those_of_unicode() {
        for c in (0..=0x2ff)
            .chain(0x2000..=0x206f)
            .filter_map(char::from_u32)
        {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_numeric_char(c), c.is_numeric(), "{c:?}");
        }
    }

    #[test]
    fn the_byte_fast_paths_change_no_token() {
        let mut texts = vec![
            "l’ d'Web jusqu’à l'-x a-'b x’’y qu’’ 3-4 l’3 é’a Ω-ω q\u{301}u -a- ’’ l'".to_string(),
            "ǅemal d’\u{301}x aujourd’hui-là 12h30 ½ Ⅻ d’Ⅻ x\u{300}".to_string(),
        ];
        texts.extend(crate::fixture_texts::fixture_texts(&["seeds"]));
        for text in &texts {
            assert_eq!(tokenize(text), tokenize_by_chars(text), "{text}");
        }
    }

    #[test]
    fn characters_cut_by_the_blocks_change_no_token() {
        // Each character of several bytes, and each joiner, at every offset around the end of
        // the first two blocks, inside a word and between words.
        let pieces = [
            "é", "É", "œ", "ŗ", "×", "÷", "’", "'", "-", "«", "\u{a0}", "\u{301}", "α", "½", "Ⅻ",
        ];
        for piece in pieces {
            for offset in 40..140 {
                for filler in ["a", "7", " "] {
                    let text = format!("{}{piece}{}", filler.repeat(offset), filler.repeat(70));
                    assert_eq!(tokenize(&text), tokenize_by_chars(&text), "{text:?}");
                    let text = format!("{}x{piece}y z", filler.repeat(offset));
                    assert_eq!(tokenize(&text), tokenize_by_chars(&text), "{text:?}");
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn tokens_are_those_of_the_reference(text in "[a-zA-Z0-9 ’'\\-éÉœ\u{301}ǅ½Ⅻ.,\n]{0,40}") {
            proptest::prop_assert_eq!(tokenize(&text), tokenize_by_chars(&text));
        }

        #[test]
        fn tokens_of_long_texts_are_those_of_the_reference(
            text in "([a-z0-9]{1,12}|[ .,\n]|[’'\\-]|[éÉœŗ×÷«\u{a0}\u{301}α½Ⅻ]){0,200}"
        ) {
            proptest::prop_assert_eq!(tokenize(&text), tokenize_by_chars(&text));
        }
    }
}
