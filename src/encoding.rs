//! Text encodings of the files mtlint reads and writes back: UTF-8 (with or without a byte
//! order mark) and UTF-16 announced by its byte order mark. Decoding gives the text the rules
//! see; encoding turns a fixed text back into the bytes of the same encoding, so a file keeps
//! its encoding through `--fix`.
//!
//! The text of a file with a byte order mark starts with U+FEFF, whatever its encoding: the mark
//! is part of the text, and encoding the text writes it back.

use std::borrow::Cow;

/// The byte order mark, as a character.
const BOM: char = '\u{feff}';

/// How a file's text is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// UTF-8, with or without a byte order mark.
    #[default]
    Utf8,
    /// UTF-16, little-endian, with its byte order mark (FF FE).
    Utf16Le,
    /// UTF-16, big-endian, with its byte order mark (FE FF).
    Utf16Be,
}

/// What decoding bytes gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decoded {
    /// Text, and the encoding to write it back in.
    Text(String, Encoding),
    /// Not text: it holds NUL characters.
    Binary,
}

/// Bytes that are not valid text in the encoding they announce.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// What is wrong, and at which byte.
    pub reason: String,
    /// The bytes, unchanged (to pass them on as they are).
    pub bytes: Vec<u8>,
}

impl Encoding {
    /// The name used in messages.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
        }
    }

    /// The encoding announced by the first bytes of a file: UTF-16 with its byte order mark,
    /// otherwise UTF-8.
    pub fn sniff(bytes: &[u8]) -> Encoding {
        match bytes {
            [0xFF, 0xFE, ..] => Encoding::Utf16Le,
            [0xFE, 0xFF, ..] => Encoding::Utf16Be,
            _ => Encoding::Utf8,
        }
    }

    /// Decodes `bytes` in the encoding their first bytes announce. Text holding a NUL character
    /// is binary. The error says what is wrong and at which byte, and gives the bytes back.
    pub fn decode(bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
        let encoding = Encoding::sniff(&bytes);
        let text = match encoding {
            Encoding::Utf8 => {
                if memchr::memchr(0, &bytes).is_some() {
                    return Ok(Decoded::Binary);
                }
                // Validated with SIMD (several times faster than the standard library on text
                // with accents); an invalid text is validated again by the standard library,
                // which says where it goes wrong.
                if simdutf8::basic::from_utf8(&bytes).is_ok() {
                    // SAFETY: `simdutf8` has just validated the bytes as UTF-8.
                    unsafe { String::from_utf8_unchecked(bytes) }
                } else {
                    String::from_utf8(bytes).map_err(|e| DecodeError {
                        reason: format!("invalid UTF-8 at byte {}", e.utf8_error().valid_up_to()),
                        bytes: e.into_bytes(),
                    })?
                }
            }
            Encoding::Utf16Le | Encoding::Utf16Be => match decode_utf16(&bytes, encoding) {
                Ok(text) => text,
                Err(reason) => return Err(DecodeError { reason, bytes }),
            },
        };
        if encoding != Encoding::Utf8 && text.contains('\0') {
            return Ok(Decoded::Binary);
        }
        Ok(Decoded::Text(text, encoding))
    }

    /// The bytes of `text` in this encoding. UTF-16 always starts with its byte order mark.
    pub fn encode(self, text: &str) -> Cow<'_, [u8]> {
        let big_endian = match self {
            Encoding::Utf8 => return Cow::Borrowed(text.as_bytes()),
            Encoding::Utf16Le => false,
            Encoding::Utf16Be => true,
        };
        let mut out = Vec::with_capacity(text.len() * 2 + 2);
        let body = match text.strip_prefix(BOM) {
            Some(rest) => rest,
            None => text,
        };
        for unit in std::iter::once(BOM as u16).chain(body.encode_utf16()) {
            let bytes = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            out.extend_from_slice(&bytes);
        }
        Cow::Owned(out)
    }
}

/// Decodes UTF-16 (its byte order mark included, as U+FEFF) or says where it is invalid.
fn decode_utf16(bytes: &[u8], encoding: Encoding) -> Result<String, String> {
    if !bytes.len().is_multiple_of(2) {
        return Err(format!(
            "invalid {}: odd number of bytes ({})",
            encoding.name(),
            bytes.len()
        ));
    }
    let units = bytes.chunks_exact(2).map(|pair| {
        let pair = [pair[0], pair[1]];
        if encoding == Encoding::Utf16Be {
            u16::from_be_bytes(pair)
        } else {
            u16::from_le_bytes(pair)
        }
    });
    let mut text = String::with_capacity(bytes.len() / 2 * 3 / 2);
    let mut at = 0;
    for unit in char::decode_utf16(units) {
        match unit {
            Ok(c) => {
                text.push(c);
                at += c.len_utf16() * 2;
            }
            Err(_) => {
                return Err(format!(
                    "invalid {} at byte {at}: unpaired surrogate",
                    encoding.name()
                ));
            }
        }
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        std::iter::once(0xFEFF)
            .chain(text.encode_utf16())
            .flat_map(|u| {
                if big_endian {
                    u.to_be_bytes()
                } else {
                    u.to_le_bytes()
                }
            })
            .collect()
    }

    #[test]
    fn utf16_round_trips_with_its_bom() {
        for (big_endian, encoding) in [(false, Encoding::Utf16Le), (true, Encoding::Utf16Be)] {
            let bytes = utf16("Le « Web » 🙂\r\nfin", big_endian);
            let Decoded::Text(text, found) = Encoding::decode(bytes.clone()).unwrap() else {
                panic!("UTF-16 is text");
            };
            assert_eq!(found, encoding);
            assert_eq!(text, "\u{feff}Le « Web » 🙂\r\nfin");
            assert_eq!(encoding.encode(&text), bytes);
            // A text that lost its mark gets it back.
            assert_eq!(encoding.encode(&text[3..]), bytes);
        }
    }

    #[test]
    fn utf8_is_validated_as_the_standard_library_validates_it() {
        // Texts of accented letters and symbols with a byte changed here and there, long
        // enough for the SIMD blocks, and cut at every length.
        let base = "Le « Web » de l’été 🙂 déjà vu, œuvre à 3 €.\r\n".repeat(8);
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        for round in 0..400 {
            let mut bytes = base.as_bytes().to_vec();
            for _ in 0..round % 3 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let at = (state % bytes.len() as u64) as usize;
                bytes[at] = (state >> 32) as u8 | 1;
            }
            bytes.truncate(round % bytes.len());
            let expected = match String::from_utf8(bytes.clone()) {
                Ok(text) => Ok(Decoded::Text(text, Encoding::Utf8)),
                Err(e) => Err(format!(
                    "invalid UTF-8 at byte {}",
                    e.utf8_error().valid_up_to()
                )),
            };
            let decoded = Encoding::decode(bytes).map_err(|e| e.reason);
            assert_eq!(decoded, expected, "round {round}");
        }
    }

    #[test]
    fn utf8_nul_and_errors() {
        let error = Encoding::decode(b"a\xffb".to_vec()).unwrap_err();
        assert_eq!(error.reason, "invalid UTF-8 at byte 1");
        assert_eq!(error.bytes, b"a\xffb");
        assert_eq!(Encoding::decode(b"a\0b".to_vec()), Ok(Decoded::Binary));
        assert_eq!(
            Encoding::decode(b"\xef\xbb\xbfok".to_vec()),
            Ok(Decoded::Text("\u{feff}ok".into(), Encoding::Utf8))
        );
        // UTF-32LE starts like UTF-16LE and then holds NUL characters.
        assert_eq!(
            Encoding::decode(b"\xff\xfe\0\0a\0\0\0".to_vec()),
            Ok(Decoded::Binary)
        );
        assert!(
            Encoding::decode(b"\xff\xfea".to_vec())
                .unwrap_err()
                .reason
                .contains("odd number")
        );
        assert_eq!(
            Encoding::decode(b"\xff\xfea\0\x00\xd8b\0".to_vec())
                .unwrap_err()
                .reason,
            "invalid UTF-16LE at byte 4: unpaired surrogate"
        );
    }
}
