//! Normal forms that make equal what only typography tells apart.

/// Whether `c` is any kind of blank, including no-break spaces.
pub fn is_blank(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}' || c == '\u{2007}'
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
    let mut key = String::with_capacity(line.len());
    let mut pending_space = false;
    for c in line.chars() {
        if is_blank(c) {
            pending_space = !key.is_empty();
            continue;
        }
        if pending_space {
            key.push(' ');
            pending_space = false;
        }
        match c {
            '’' | '‘' => key.push('\''),
            c if c.is_ascii() => key.push(c.to_ascii_lowercase()),
            _ => key.extend(c.to_lowercase()),
        }
    }
    key
}

/// Whether two lines have the same [`line_key`], found without building either key: lines
/// equal byte for byte are, and others are compared one key character at a time.
pub fn same_line_key(a: &str, b: &str) -> bool {
    a == b || key_chars(a).eq(key_chars(b))
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

/// A 64-bit hash of [`line_key`]`(line)`, computed without building the key (FNV-1a over the
/// key's UTF-8 bytes). ASCII bytes, the bulk of most lines, are hashed one byte at a time
/// without decoding a character; other characters take the general path.
pub fn line_key_hash(line: &str) -> u64 {
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let step = |hash: u64, byte: u8| (hash ^ u64::from(byte)).wrapping_mul(PRIME);
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut started = false;
    let mut pending_space = false;
    let bytes = line.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        // A run of ASCII letters, digits and punctuation: only its lowercase bytes go in.
        if started && !pending_space {
            while let Some(&byte) = bytes.get(at) {
                if !byte.is_ascii_graphic() {
                    break;
                }
                hash = step(hash, byte.to_ascii_lowercase());
                at += 1;
            }
            if at == bytes.len() {
                break;
            }
        }
        let byte = bytes[at];
        let c = if byte.is_ascii() {
            at += 1;
            char::from(byte)
        } else {
            let c = line[at..]
                .chars()
                .next()
                .expect("`at` is a character boundary");
            at += c.len_utf8();
            c
        };
        if is_blank(c) {
            pending_space = started;
            continue;
        }
        if pending_space {
            hash = step(hash, b' ');
            pending_space = false;
        }
        started = true;
        if byte.is_ascii() {
            hash = step(hash, byte.to_ascii_lowercase());
            continue;
        }
        let mut feed = |c: char| {
            let mut buffer = [0u8; 4];
            for &byte in c.encode_utf8(&mut buffer).as_bytes() {
                hash = step(hash, byte);
            }
        };
        match c {
            '’' | '‘' => feed('\''),
            c => c.to_lowercase().for_each(&mut feed),
        }
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_hash_is_the_hash_of_the_line_key() {
        let fnv = |key: String| {
            key.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
                (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
            })
        };
        let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seeds");
        let mut lines = vec![
            " \u{2003}Été\u{a0}\u{a0}À  l\u{2019}ÎLE\x0b\u{85}ǅ İ ß\r".to_string(),
            "\x1c x".to_string(),
            "  ABC,def\t\tGHI\u{212a}jk\u{2019}LM ".to_string(),
            "x".to_string(),
            String::new(),
        ];
        for entry in std::fs::read_dir(fixtures).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap_or_default();
            lines.extend(text.lines().map(str::to_string));
        }
        assert!(lines.len() > 100);
        for line in &lines {
            assert_eq!(line_key_hash(line), fnv(line_key(line)), "{line:?}");
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
