//! A document prepared for linting: its text, a folded copy, its tokens, the regions no rule
//! may touch, and lookups of the words and punctuation around a position.

use crate::text::{
    case::{CaseShape, fold_keeping_offsets, shape_of},
    normalize::is_blank,
    tokenize::{Token, tokenize},
};
use crate::{
    lexicon::{Readings, lexicons},
    text::{normalize::straightened, tokenize::TokenKind},
};
use std::{
    collections::{HashMap, HashSet},
    ops::Range,
    sync::OnceLock,
};

/// The markup a document is written in, which decides what text is prose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Plain text: everything is prose.
    #[default]
    Text,
    /// Markdown: code spans, code blocks, HTML comments and link targets are not prose.
    Markdown,
}

impl Format {
    /// The format a file name implies (`.md`, `.markdown` → Markdown).
    pub fn from_path(path: &str) -> Format {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".md") || lower.ends_with(".markdown") {
            Format::Markdown
        } else {
            Format::Text
        }
    }
}

/// What stands next to a position, skipping blanks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Neighbour {
    /// A token, by index.
    Word(usize),
    /// A punctuation or symbol character, and its byte offset.
    Punct(char, usize),
    /// The start or end of the document, or a blank line.
    Boundary,
}

/// A document ready for the rules.
pub struct Document<'a> {
    /// The text as read.
    pub text: &'a str,
    /// `text` lowercased with the same byte offsets.
    pub folded: String,
    /// The word tokens of `text`.
    pub tokens: Vec<Token>,
    /// The markup of the text.
    pub format: Format,
    /// Sorted, disjoint byte ranges that are not prose (URLs, e-mail addresses, code).
    pub protected: Vec<Range<usize>>,
    /// Folded words written capitalized in the middle of a sentence somewhere in the document
    /// (proper nouns), computed on first use.
    capitalized: OnceLock<HashSet<String>>,
    /// Words already counted by [`Document::count_of`]: the count, and the limit it was
    /// counted up to.
    counted: std::sync::Mutex<HashMap<String, (u32, u32)>>,
    /// Both lexicons' readings of every token, and the indices of the tokens with an English
    /// reading, looked up on first use.
    readings: OnceLock<(Vec<Readings>, Vec<usize>)>,
}

impl<'a> Document<'a> {
    /// Prepares `text` for linting: folds, tokenizes and finds protected regions once.
    pub fn new(text: &'a str, format: Format) -> Self {
        Document {
            text,
            folded: fold_keeping_offsets(text),
            tokens: tokenize(text),
            format,
            protected: crate::protect::protected_regions(text, format),
            capitalized: OnceLock::new(),
            counted: Default::default(),
            readings: OnceLock::new(),
        }
    }

    /// Both lexicons' readings of every token, by token index, as a lowercase word with straight
    /// apostrophes (none for numbers and elided particles). Every token is looked up at once on
    /// the first call, so the rules that weigh each token share one lookup.
    pub fn readings(&self) -> &[Readings] {
        &self.lexical().0
    }

    /// The indices of the tokens with an English reading, in order: the only ones most lexicon
    /// rules weigh.
    pub fn english_tokens(&self) -> &[usize] {
        &self.lexical().1
    }

    /// The readings of every token and the indices of the English ones, built on first use.
    fn lexical(&self) -> &(Vec<Readings>, Vec<usize>) {
        self.readings.get_or_init(|| {
            let readings =
                lexicons().readings_of(self.tokens.iter().enumerate().map(|(i, token)| {
                    (token.kind == TokenKind::Word).then(|| straightened(self.folded_word(i)))
                }));
            let english = (0..readings.len())
                .filter(|&i| readings[i].english().is_some())
                .collect();
            (readings, english)
        })
    }

    /// How many times (up to `limit`) the folded word `folded` occurs in the document as a
    /// whole word. A substring search of the folded text: cheaper than indexing every word of a
    /// document for the few that are asked about.
    pub fn count_of(&self, folded: &str, limit: u32) -> u32 {
        if folded.is_empty() {
            return 0;
        }
        // Diagnostics of one document ask about the same few words again and again.
        // A memoized count is exact below the limit it was counted up to, and reached that
        // limit otherwise: a larger limit counts again.
        let mut counted = self.counted.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&(count, counted_to)) = counted.get(folded)
            && (count < counted_to || limit <= counted_to)
        {
            return count.min(limit);
        }
        let count = self.search_count(folded, limit);
        counted.insert(folded.to_string(), (count, limit));
        count
    }

    /// `count_of` without the memo.
    fn search_count(&self, folded: &str, limit: u32) -> u32 {
        let text = self.folded.as_bytes();
        let is_word_byte = |b: u8| b.is_ascii_alphanumeric() || b >= 0x80 || b == b'-';
        let mut count = 0;
        for at in memchr::memmem::find_iter(text, folded.as_bytes()) {
            let end = at + folded.len();
            let starts = at == 0 || !is_word_byte(text[at - 1]);
            let ends = end == text.len() || !is_word_byte(text[end]);
            if starts && ends {
                count += 1;
                if count == limit {
                    break;
                }
            }
        }
        count
    }

    /// Whether the folded word `folded` appears capitalized mid-sentence somewhere in the
    /// document, which makes it a proper noun even at the start of a sentence.
    pub fn capitalized_mid_sentence(&self, folded: &str) -> bool {
        self.capitalized
            .get_or_init(|| {
                (0..self.tokens.len())
                    .filter(|&i| {
                        // Most tokens begin with a lowercase ASCII letter or a digit.
                        !self.word(i).as_bytes()[0].is_ascii_lowercase()
                            && !self.word(i).as_bytes()[0].is_ascii_digit()
                            && shape_of(self.word(i)) == CaseShape::Capitalized
                            && !self.starts_sentence(self.tokens[i].start)
                    })
                    .map(|i| self.folded_word(i).to_string())
                    .collect()
            })
            .contains(folded)
    }

    /// The text of token `index`.
    pub fn word(&self, index: usize) -> &'a str {
        &self.text[self.tokens[index].range()]
    }

    /// The folded text of token `index`.
    pub fn folded_word(&self, index: usize) -> &str {
        &self.folded[self.tokens[index].range()]
    }

    /// The index of the token that starts at byte `pos`, if any.
    pub fn token_starting_at(&self, pos: usize) -> Option<usize> {
        self.tokens.binary_search_by_key(&pos, |t| t.start).ok()
    }

    /// The index of the token that ends at byte `pos`, if any.
    pub fn token_ending_at(&self, pos: usize) -> Option<usize> {
        self.tokens.binary_search_by_key(&pos, |t| t.end).ok()
    }

    /// Whether the word at `range` is joined to code: a hashtag, a handle, a path, a namespace
    /// ("Dir::State"), an option or a setting ("--level", "size=level"), an identifier
    /// ("LOG_LEVEL"), a name called or referenced ("info(1)"), a dotted name ("archive.tar").
    pub fn joined_to_code(&self, range: &Range<usize>) -> bool {
        let (before, after) = (&self.text[..range.start], &self.text[range.end..]);
        before.ends_with([
            '#', '@', '_', '/', '\\', '.', '$', '%', '&', '=', '~', ':', '-',
        ]) || after.starts_with(['_', '(', '='])
            || after
                .strip_prefix('.')
                .is_some_and(|rest| rest.starts_with(|c: char| c.is_alphanumeric()))
    }

    /// Whether `range` touches a protected region.
    pub fn is_protected(&self, range: &Range<usize>) -> bool {
        let after = self.protected.partition_point(|r| r.end <= range.start);
        self.protected
            .get(after)
            .is_some_and(|r| r.start < range.end.max(range.start + 1))
    }

    /// What stands before byte `pos`, and whether a line break lies between.
    pub fn before(&self, pos: usize) -> (Neighbour, bool) {
        let mut newlines = 0;
        for (at, c) in self.text[..pos].char_indices().rev() {
            if c == '\n' {
                newlines += 1;
                if newlines >= 2 {
                    return (Neighbour::Boundary, true);
                }
                continue;
            }
            if is_blank(c) {
                continue;
            }
            let end = at + c.len_utf8();
            let neighbour = match self.token_ending_at(end) {
                Some(index) => Neighbour::Word(index),
                None => Neighbour::Punct(c, at),
            };
            return (neighbour, newlines > 0);
        }
        (Neighbour::Boundary, newlines > 0)
    }

    /// What stands after byte `pos`, and whether a line break lies between.
    pub fn after(&self, pos: usize) -> (Neighbour, bool) {
        let mut newlines = 0;
        for (at, c) in self.text[pos..].char_indices() {
            if c == '\n' {
                newlines += 1;
                if newlines >= 2 {
                    return (Neighbour::Boundary, true);
                }
                continue;
            }
            if is_blank(c) {
                continue;
            }
            let neighbour = match self.token_starting_at(pos + at) {
                Some(index) => Neighbour::Word(index),
                None => Neighbour::Punct(c, pos + at),
            };
            return (neighbour, newlines > 0);
        }
        (Neighbour::Boundary, newlines > 0)
    }

    /// Whether byte `pos` starts a sentence: nothing but opening quotes or dashes since the
    /// start of the document, a blank line, a line break after a line with no final
    /// punctuation, or a full stop, question or exclamation mark.
    pub fn starts_sentence(&self, mut pos: usize) -> bool {
        loop {
            match self.before(pos) {
                (Neighbour::Boundary, _) => return true,
                (Neighbour::Punct(c, at), _) if "«“\"‘'(—–-[*#>".contains(c) => pos = at,
                (Neighbour::Punct(c, _), _) => return ".!?…:".contains(c),
                (Neighbour::Word(_), newline) => return newline && self.line_is_title(pos),
            }
        }
    }

    /// Whether the line before the one holding `pos` ends without punctuation (a title).
    fn line_is_title(&self, pos: usize) -> bool {
        let line_start = self.text[..pos].rfind('\n').unwrap_or(0);
        let previous = self.text[..line_start].trim_end();
        !previous.ends_with(|c: char| c.is_alphanumeric() && c.is_lowercase() || c == ',')
    }
}

/// Maps byte offsets to 1-based lines and columns (columns count Unicode scalar values).
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// The 1-based line and column of byte `offset` of `text`.
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let offset = offset.min(text.len());
        let column = text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count())
            + 1;
        (line + 1, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_does_not_depend_on_the_limit_asked_first() {
        let doc = Document::new("mot mot mot mot autre", Format::Text);
        assert_eq!(doc.count_of("mot", 2), 2);
        assert_eq!(doc.count_of("mot", 8), 4);
        assert_eq!(doc.count_of("mot", 3), 3);
        assert_eq!(doc.count_of("autre", 8), 1);
        assert_eq!(doc.count_of("autre", 1), 1);
    }

    #[test]
    fn neighbours_see_elisions_and_punctuation() {
        let doc = Document::new("le chien d’Web, puis", Format::Text);
        let web = doc.text.find("Web").unwrap();
        let (before, _) = doc.before(web);
        assert!(matches!(before, Neighbour::Word(i) if doc.word(i) == "d’"));
        let (after, _) = doc.after(web + 3);
        assert_eq!(after, Neighbour::Punct(',', web + 3));
    }

    #[test]
    fn sentence_starts() {
        let doc = Document::new(
            "Titre\n\nWorldwide est. « Level » et level\nsuite\nPeter",
            Format::Text,
        );
        assert!(doc.starts_sentence(0));
        assert!(doc.starts_sentence(doc.text.find("Worldwide").unwrap()));
        assert!(doc.starts_sentence(doc.text.find("Level").unwrap()));
        assert!(!doc.starts_sentence(doc.text.rfind("level").unwrap()));
        assert!(
            !doc.starts_sentence(doc.text.find("Peter").unwrap()),
            "a wrapped line continues its sentence"
        );
    }

    #[test]
    fn positions_count_characters() {
        let text = "é\nàb";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 0), (1, 1));
        assert_eq!(index.position(text, 3), (2, 1));
        assert_eq!(index.position(text, 5), (2, 2));
    }
}
