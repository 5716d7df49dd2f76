//! Which language a sentence's function words speak, to keep word-level language rules quiet
//! inside a sentence written in English (an untranslated passage, a quoted command's help text):
//! there every English word is expected, and the paragraph rules report the passage as a whole.

use crate::{
    document::Document,
    kinds::conditions::WordClass,
    text::{normalize::straightened, tokenize::TokenKind},
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
        SentenceLanguage {
            english,
            native,
            longest,
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
        let (mut english, mut native) = (0, 0);
        for i in first..doc.tokens.len() {
            let token = doc.tokens[i];
            if token.start >= sentence.end {
                break;
            }
            if token.kind != TokenKind::Word {
                continue;
            }
            let word = doc.folded_word(i);
            if word.len() > self.longest {
                continue;
            }
            let word = straightened(word);
            if self.native.contains(&word) {
                native += 1;
            } else if self.english.contains(&word) {
                english += 1;
            }
        }
        english >= MIN_ENGLISH_FUNCTION_WORDS && english > native
    }
}

/// The byte range of the sentence holding byte `at`: bounded by a line break, by a full stop,
/// question or exclamation mark followed by a blank, and at most `MAX_REACH` bytes each way.
pub fn sentence_around(text: &str, at: usize) -> std::ops::Range<usize> {
    let bytes = text.as_bytes();
    let low = at.saturating_sub(MAX_REACH);
    let mut start = at;
    while start > low {
        let b = bytes[start - 1];
        if b == b'\n' {
            break;
        }
        if b == b' ' && start >= 2 && matches!(bytes[start - 2], b'.' | b'!' | b'?') {
            break;
        }
        start -= 1;
    }
    let high = (at + MAX_REACH).min(bytes.len());
    let mut end = at;
    while end < high {
        let b = bytes[end];
        if b == b'\n' {
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

#[cfg(test)]
mod tests {
    use super::*;
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
    fn one_english_word_does_not_make_a_french_sentence_english() {
        let text = "Le groupe a joué the best de la soirée.";
        let doc = Document::new(text, Format::Text);
        assert!(!judge().is_english_at(&doc, text.find("best").unwrap()));
    }

    #[test]
    fn a_line_break_ends_a_sentence() {
        let text = "The end of the story\nla fin de la drive";
        assert_eq!(
            &text[sentence_around(text, text.find("drive").unwrap())],
            "la fin de la drive"
        );
    }
}
