//! Which language a sentence's function words speak, to keep word-level language rules quiet
//! inside a sentence written in English (an untranslated passage, a quoted command's help text):
//! there every English word is expected, and the paragraph rules report the passage as a whole.

use crate::{
    corpus::facts::{FingerprintMap, MAX_PACKED, packed_word, packed_word_in},
    document::Document,
    kinds::conditions::WordClass,
    text::{
        normalize::{has_curly_apostrophe, straightened},
        packed_table::PackedTable,
        tokenize::TokenKind,
    },
};

/// The least number of English function words that make a sentence English.
const MIN_ENGLISH_FUNCTION_WORDS: usize = 2;
/// How far (in bytes) a sentence is looked at on each side of a word, for unpunctuated text.
const MAX_REACH: usize = 400;

/// Function words of English and of the document's language.
#[derive(Debug, Clone)]
pub struct SentenceLanguage {
    english: WordClass,
    native: WordClass,
    /// The byte length of the longest function word: longer words need no lookup.
    longest: usize,
    /// Each function word packed in an integer ([`packed_word`]), true when it is native,
    /// when every one is short and none is given by its ending: a lookup without hashing nor
    /// comparing a string, in an open-addressing table whose slot one multiplication picks.
    packed: Option<PackedTable<bool>>,
}

impl SentenceLanguage {
    /// A judge that counts the `english` and `native` function words of a sentence.
    pub fn new(english: WordClass, native: WordClass) -> SentenceLanguage {
        let longest = if english.has_endings() || native.has_endings() {
            usize::MAX
        } else {
            english
                .members()
                .chain(native.members())
                .map(str::len)
                .max()
                .unwrap_or(0)
        };
        let packed = (longest <= MAX_PACKED).then(|| {
            let mut packed = FingerprintMap::default();
            // A word of both classes counts as native.
            for (class, is_native) in [(&english, false), (&native, true)] {
                for word in class.members() {
                    packed.insert(packed_word(word.as_bytes()), is_native);
                }
            }
            let entries = packed
                .into_iter()
                .map(|(word, is_native)| (u128::from(word), is_native))
                .collect();
            PackedTable::new(entries, 2)
        });
        SentenceLanguage {
            english,
            native,
            longest,
            packed,
        }
    }

    /// Whether the sentence around byte `at` of `doc` is English: at least two English function
    /// words, and more of them than native ones.
    pub fn is_english_at(&self, doc: &Document, at: usize) -> bool {
        self.is_english(doc, sentence_around(doc.text, at))
    }

    /// Whether `sentence` (a byte range of `doc`) is English, as [`Self::is_english_at`] says.
    pub fn is_english(&self, doc: &Document, sentence: std::ops::Range<usize>) -> bool {
        let first = doc.tokens.partition_point(|t| t.end <= sentence.start);
        let end = first + doc.tokens[first..].partition_point(|t| t.start < sentence.end);
        let (mut english, mut native) = (0, 0);
        // A native word that the English ones still to come cannot outnumber settles it.
        let settled = |english: usize, native: usize, i: usize| native >= english + (end - i - 1);
        for i in first..end {
            let token = doc.tokens[i];
            if token.kind != TokenKind::Word {
                continue;
            }
            // The folded word has the token's length; its bytes are looked at first, a string
            // (checked for character boundaries) only when a curly apostrophe may be there.
            if token.end - token.start > self.longest {
                continue;
            }
            let bytes = &doc.folded.as_bytes()[token.range()];
            if let Some(packed) = &self.packed
                && !(may_hold_curly_apostrophe(bytes) && has_curly_apostrophe(doc.folded_word(i)))
            {
                let word = packed_word_in(doc.folded.as_bytes(), token.range());
                match packed.get(u128::from(word)) {
                    Some(true) => native += 1,
                    Some(false) => english += 1,
                    None => continue,
                }
                if settled(english, native, i) {
                    return false;
                }
                continue;
            }
            let word = straightened(doc.folded_word(i));
            if self.native.contains(&word) {
                native += 1;
                if settled(english, native, i) {
                    return false;
                }
            } else if self.english.contains(&word) {
                english += 1;
            }
        }
        english >= MIN_ENGLISH_FUNCTION_WORDS && english > native
    }
}

/// Whether `bytes` hold the first byte of a curly apostrophe, looked at one by one: a function
/// word is a few bytes, too short for a memchr call (`contains`) to pay.
#[allow(clippy::manual_contains)]
fn may_hold_curly_apostrophe(bytes: &[u8]) -> bool {
    bytes.iter().any(|&b| b == 0xE2)
}

/// Whether the line break at byte `newline` of `text` ends a sentence: unless the next line goes
/// on in lowercase, as the lines of hard-wrapped prose do ("with\n certain file types"), a line
/// is a unit of its own (a title, a list item, a table row).
fn hard_break(text: &str, newline: usize) -> bool {
    let next = text[newline + 1..].trim_start_matches([' ', '\t']);
    !next.chars().next().is_some_and(char::is_lowercase)
}

/// The byte range of the sentence holding byte `at`: bounded by a line break (unless the next
/// line goes on in lowercase), by a full stop, question or exclamation mark followed by a blank,
/// and at most `MAX_REACH` bytes each way.
pub fn sentence_around(text: &str, at: usize) -> std::ops::Range<usize> {
    Sentence::around(text, at).range
}

/// Whether `range` of `text` holds no sentence boundary before its last byte: no stop followed
/// by a blank, no line break that ends a sentence. A sentence found from a byte right after a
/// stop runs on past it: it is the sentence of that byte only. Searched with memchr rather than
/// byte by byte.
fn holds_no_boundary(text: &str, range: &std::ops::Range<usize>) -> bool {
    let bytes = text.as_bytes();
    let inner = &bytes[range.start..range.end.saturating_sub(1).max(range.start)];
    !memchr::memchr3_iter(b'.', b'!', b'?', &inner[..inner.len().saturating_sub(1)])
        .any(|k| inner[k + 1].is_ascii_whitespace())
        && !memchr::memchr_iter(b'\n', inner).any(|k| hard_break(text, range.start + k))
}

/// A sentence found by [`sentence_around`], and whether its ends are real boundaries (not the
/// reach limit), which makes it the sentence of every byte it holds within reach.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// The byte range.
    pub range: std::ops::Range<usize>,
    /// Both ends are a line break, a sentence stop or an end of the text.
    bounded: bool,
}

impl Sentence {
    /// The sentence holding byte `at` of `text`.
    pub fn around(text: &str, at: usize) -> Sentence {
        let bytes = text.as_bytes();
        let low = at.saturating_sub(MAX_REACH);
        // Backwards: the last break before `at` (within reach) is a line break that ends a
        // sentence, or the blank after a stop; the sentence starts right after it.
        let after_newline = memchr::memrchr_iter(b'\n', &bytes[low..at])
            .map(|q| low + q)
            .find(|&q| hard_break(text, q))
            .map(|q| q + 1);
        let stops_from = low.saturating_sub(1);
        let after_stop = memchr::memrchr3_iter(
            b'.',
            b'!',
            b'?',
            &bytes[stops_from..at.saturating_sub(1).max(stops_from)],
        )
        .map(|p| stops_from + p)
        .find(|&p| bytes[p + 1] == b' ')
        .map(|p| p + 2);
        let found_start = after_newline.max(after_stop);
        let mut start = found_start.unwrap_or(low);
        let start_bounded = found_start.is_some() || start == 0;
        // Forwards: the first line break that ends a sentence, or the first stop followed by a
        // blank or the end, within reach.
        let high = (at + MAX_REACH).min(bytes.len());
        let newline_end = memchr::memchr_iter(b'\n', &bytes[at..high])
            .map(|q| at + q)
            .find(|&q| hard_break(text, q));
        let stop_end = memchr::memchr3_iter(b'.', b'!', b'?', &bytes[at..high])
            .map(|p| at + p)
            .find(|&p| bytes.get(p + 1).is_none_or(|n| n.is_ascii_whitespace()))
            .map(|p| p + 1);
        let found_end = match (newline_end, stop_end) {
            (Some(n), Some(s)) => Some(n.min(s)),
            (n, s) => n.or(s),
        };
        let mut end = found_end.unwrap_or(high);
        let end_bounded = found_end.is_some() || end == bytes.len();
        while !text.is_char_boundary(start) {
            start += 1;
        }
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let range = start..end.max(start);
        // Whether the sentence holds no boundary ([`holds_no_boundary`]). The searches above
        // leave only one kind to look for: from `start` on no line break ends a sentence (the
        // backward search found the last one before `at`, the forward one the first after), and
        // from `at` on no stop is followed by a blank; before `at`, a stop followed by a blank
        // other than a space (a line break, a tab) may remain.
        let inner_end = range.end.saturating_sub(1).max(range.start);
        let before_at = &bytes[range.start..at.min(inner_end.saturating_sub(1)).max(range.start)];
        let clean = !memchr::memchr3_iter(b'.', b'!', b'?', before_at)
            .any(|k| bytes[range.start + k + 1].is_ascii_whitespace());
        debug_assert_eq!(clean, holds_no_boundary(text, &range), "{at} in {text:?}");
        Sentence {
            range,
            bounded: start_bounded && end_bounded && clean,
        }
    }

    /// Whether [`Sentence::around`] gives this same sentence for byte `at`: it lies inside, and
    /// the ends are real boundaries within reach of it.
    pub fn holds(&self, at: usize) -> bool {
        self.bounded
            && self.range.contains(&at)
            && at - self.range.start < MAX_REACH
            && self.range.end - at < MAX_REACH
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sentence range found byte by byte, as a reference for [`Sentence::around`].
    fn around_byte_by_byte(text: &str, at: usize) -> std::ops::Range<usize> {
        let bytes = text.as_bytes();
        let low = at.saturating_sub(MAX_REACH);
        let mut start = at;
        while start > low {
            let b = bytes[start - 1];
            if (b == b'\n' && hard_break(text, start - 1))
                || (b == b' ' && start >= 2 && matches!(bytes[start - 2], b'.' | b'!' | b'?'))
            {
                break;
            }
            start -= 1;
        }
        let high = (at + MAX_REACH).min(bytes.len());
        let mut end = at;
        while end < high {
            let b = bytes[end];
            if b == b'\n' && hard_break(text, end) {
                break;
            }
            if matches!(b, b'.' | b'!' | b'?')
                && bytes.get(end + 1).is_none_or(|n| n.is_ascii_whitespace())
            {
                end += 1;
                break;
            }
            end += 1;
        }
        while !text.is_char_boundary(start) {
            start += 1;
        }
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        start..end.max(start)
    }

    /// [`holds_no_boundary`] byte by byte, as a reference.
    fn holds_no_boundary_byte_by_byte(text: &str, range: &std::ops::Range<usize>) -> bool {
        let bytes = text.as_bytes();
        let inner = &bytes[range.start..range.end.saturating_sub(1).max(range.start)];
        !inner
            .windows(2)
            .any(|pair| matches!(pair[0], b'.' | b'!' | b'?') && pair[1].is_ascii_whitespace())
            && !inner
                .iter()
                .enumerate()
                .any(|(k, &b)| b == b'\n' && hard_break(text, range.start + k))
    }

    #[test]
    fn the_fast_boundary_search_agrees_with_a_byte_by_byte_one() {
        let text = "Il a dit. Puis?! Non.\n  suite en minuscule.\nÉté.\tfin!\n\nOui.";
        for start in 0..=text.len() {
            for end in start..=text.len() {
                let range = start..end;
                assert_eq!(
                    holds_no_boundary(text, &range),
                    holds_no_boundary_byte_by_byte(text, &range),
                    "{range:?}"
                );
            }
        }
    }

    #[test]
    fn a_sentence_is_bounded_only_without_a_boundary_inside() {
        // `around` checks its shortcut against [`holds_no_boundary`] in debug builds.
        let text = "Oui.\tnon!\nsuite?\r\nx. y.\n z…. Été!\u{a0}fin.\u{2028}".repeat(3)
            + &"mot.\tmot ".repeat(90)
            + "\nfin";
        for at in (0..=text.len()).filter(|&at| text.is_char_boundary(at)) {
            let sentence = Sentence::around(&text, at);
            if sentence.bounded {
                assert!(holds_no_boundary(&text, &sentence.range), "{at}");
            }
        }
    }

    #[test]
    fn the_fast_search_finds_the_same_sentences() {
        let text = "Il a dit. Puis?! Non.\n  suite en minuscule.\nÉté. fin!\n\n".repeat(4)
            + &"é mot ".repeat(120)
            + ". Fin.";
        for at in 0..=text.len() {
            if text.is_char_boundary(at) {
                assert_eq!(
                    Sentence::around(&text, at).range,
                    around_byte_by_byte(&text, at),
                    "{at}"
                );
            }
        }
    }

    #[test]
    fn a_bounded_sentence_is_the_sentence_of_each_byte_it_holds() {
        let text = "Premier. Le second est ici, sans fin\nTroisième ligne. Une phrase\n  coupée.\n"
            .repeat(3)
            + &"mot ".repeat(300);
        for at in 0..text.len() {
            if !text.is_char_boundary(at) {
                continue;
            }
            let sentence = Sentence::around(&text, at);
            for other in sentence.range.clone() {
                if text.is_char_boundary(other) && sentence.holds(other) {
                    assert_eq!(
                        sentence_around(&text, other),
                        sentence.range,
                        "{at} {other}"
                    );
                }
            }
        }
    }
    use crate::document::Format;

    fn judge() -> SentenceLanguage {
        let mut english = WordClass::default();
        english.extend(&[
            "the".to_string(),
            "of".to_string(),
            "to".to_string(),
            "is".to_string(),
        ]);
        let mut native = WordClass::default();
        native.extend(&[
            "le".to_string(),
            "la".to_string(),
            "de".to_string(),
            "est".to_string(),
        ]);
        SentenceLanguage::new(english, native)
    }

    #[test]
    fn an_english_sentence_among_french_ones_is_english() {
        let text = "Le texte est en français. The level of the tool is low. La suite est ici.";
        let doc = Document::new(text, Format::Text);
        let level = text.find("level").unwrap();
        assert!(judge().is_english_at(&doc, level));
        assert!(!judge().is_english_at(&doc, text.find("suite").unwrap()));
        assert!(!judge().is_english_at(&doc, text.find("texte").unwrap()));
    }

    #[test]
    fn english_words_after_native_ones_still_count() {
        let text = "Le chat de la voisine : the end of the story of the year for the people.";
        let doc = Document::new(text, Format::Text);
        assert!(judge().is_english_at(&doc, text.find("chat").unwrap()));
        let text = "Le chat de la voisine et le chien du voisin dans la cour of the house.";
        let doc = Document::new(text, Format::Text);
        assert!(!judge().is_english_at(&doc, text.find("chat").unwrap()));
    }

    #[test]
    fn one_english_word_does_not_make_a_french_sentence_english() {
        let text = "Le groupe a joué the best de la soirée.";
        let doc = Document::new(text, Format::Text);
        assert!(!judge().is_english_at(&doc, text.find("best").unwrap()));
    }

    #[test]
    fn a_line_break_ends_a_sentence() {
        let text = "The end of the story\nLa fin de la drive";
        assert_eq!(
            &text[sentence_around(text, text.find("drive").unwrap())],
            "La fin de la drive"
        );
    }

    #[test]
    fn a_wrapped_line_goes_on_with_the_sentence() {
        let text = "Titre\nLZMA2 can improve compression with\n   certain file types. Ensuite.";
        assert_eq!(
            &text[sentence_around(text, text.find("certain").unwrap())],
            "LZMA2 can improve compression with\n   certain file types."
        );
    }
}
