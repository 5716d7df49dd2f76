//! The search of the French lexicon by a spelling without accents: "securite" finds
//! "sécurité", "facade" finds "façade". A word spelled from an English one by its ending
//! ("security" → "securite") has no accents to look it up by, but those of its ending
//! ("limited" → "limité").

/// The keys whose letters, their accents taken off, spell `plain` (lowercase): each byte of
/// the key is `plain`'s next byte, or a two-byte accented Latin letter (à â ä ç è é ê ë î ï ô
/// ö ù û ü ÿ) on `plain`'s next ASCII letter. A letter `plain` writes accented must be
/// written so.
pub(super) struct Unaccented<'a> {
    /// The spelling every key must have once its accents are taken off.
    pub plain: &'a [u8],
}

/// The letter without its accent of the two-byte UTF-8 character `C3 second`, if it is one of
/// the accented letters French writes.
fn base_of(second: u8) -> Option<u8> {
    Some(match second {
        0xA0 | 0xA2 | 0xA4 => b'a',
        0xA7 => b'c',
        0xA8..=0xAB => b'e',
        0xAE | 0xAF => b'i',
        0xB4 | 0xB6 => b'o',
        0xB9 | 0xBB | 0xBC => b'u',
        0xBF => b'y',
        _ => return None,
    })
}

/// The lead byte of the accented letters [`base_of`] reads.
const LEAD: u8 = 0xC3;

/// How far a key has been read: the bytes of `plain` matched, and whether the last byte read
/// was the lead byte of an accented letter; `None` once the key left the spelling.
type Read = Option<(usize, bool)>;

impl fst::Automaton for Unaccented<'_> {
    type State = Read;

    fn start(&self) -> Read {
        Some((0, false))
    }

    fn is_match(&self, read: &Read) -> bool {
        *read == Some((self.plain.len(), false))
    }

    fn can_match(&self, read: &Read) -> bool {
        read.is_some()
    }

    fn accept(&self, read: &Read, byte: u8) -> Read {
        let (matched, after_lead) = (*read)?;
        let expected = *self.plain.get(matched)?;
        if after_lead {
            return (base_of(byte)? == expected).then_some((matched + 1, false));
        }
        // A letter `plain` writes with its accent is read byte for byte.
        if byte == expected {
            return Some((matched + 1, false));
        }
        (byte == LEAD).then_some((matched, true))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fst::{IntoStreamer, Set, Streamer};

    fn found(words: &[&str], plain: &str) -> Vec<String> {
        let mut sorted = words.to_vec();
        sorted.sort_unstable();
        let set = Set::from_iter(sorted).expect("sorted keys");
        let mut stream = set
            .search(Unaccented {
                plain: plain.as_bytes(),
            })
            .into_stream();
        let mut out = Vec::new();
        while let Some(key) = stream.next() {
            out.push(String::from_utf8(key.to_vec()).expect("UTF-8 keys"));
        }
        out
    }

    #[test]
    fn finds_every_accented_spelling_and_no_other_word() {
        let words = [
            "securite",
            "sécurité",
            "sécurités",
            "sécurit",
            "façade",
            "facade",
            "naïf",
            "noël",
            "cœur",
            "coeur",
            "où",
            "ou",
            "sûr",
            "sur",
            "surs",
        ];
        assert_eq!(found(&words, "securite"), ["securite", "sécurité"]);
        assert_eq!(found(&words, "facade"), ["facade", "façade"]);
        assert_eq!(found(&words, "naif"), ["naïf"]);
        assert_eq!(found(&words, "noel"), ["noël"]);
        assert_eq!(found(&words, "ou"), ["ou", "où"]);
        assert_eq!(found(&words, "sur"), ["sur", "sûr"]);
        // "œ" is no accented letter: it spells no "oe".
        assert_eq!(found(&words, "coeur"), ["coeur"]);
        assert_eq!(found(&words, "securit"), ["sécurit"]);
        assert!(found(&words, "securi").is_empty());
        // An accent `plain` writes is required ("securite" is not found); the others are not.
        assert_eq!(found(&words, "securité"), ["sécurité"]);
        assert_eq!(found(&words, "sécurite"), ["sécurité"]);
        assert!(found(&words, "nöel").is_empty());
    }
}
