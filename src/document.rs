//! A document prepared for linting: its text, a folded copy, its tokens, the regions no rule
//! may touch, and lookups of the words and punctuation around a position.

use crate::text::{
    case::{CaseShape, fold_keeping_offsets, shape_of},
    normalize::is_blank,
    tokenize::{Token, tokenize},
};
use crate::{
    config::Origin,
    corpus::{
        facts::{FingerprintSet, PartContext, straight_word_hash, word_hash},
        word_counts::WordCounts,
    },
    kinds::{
        boilerplate::candidates::{CandidateLines, LineFinder, ShortLines},
        gate::{ByteSet, pairs::BytePairs},
        repetition::same_length::SameLengths,
    },
    lexicon::{Readings, WordTally, lexicons},
    text::tokenize::TokenKind,
};
use std::{
    ops::Range,
    sync::{
        OnceLock,
        atomic::{AtomicU8, AtomicUsize, Ordering},
    },
};

pub use crate::formats::Format;

mod quote_marks;
mod token_index;
pub use quote_marks::QuoteMarks;
use token_index::TokenIndex;

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

/// Whether a line holds code: an option ("-v", "--level"), a character that prose does not use
/// (`= _ / < > $ % { } [ ] \ |`), a tab, a "::" or two spaces between words (a table layout).
pub fn line_has_code(line: &str) -> bool {
    // One pass over the bytes: every sign of code but the double space is ASCII, and a byte
    // below 0x80 is always a whole character in UTF-8.
    let bytes = line.as_bytes();
    let trimmed_start = line.len() - line.trim_start().len();
    let trimmed_end = line.trim_end().len();
    let mut previous = 0u8;
    for (at, &byte) in bytes.iter().enumerate() {
        match byte {
            b'=' | b'_' | b'/' | b'<' | b'>' | b'$' | b'%' | b'{' | b'}' | b'\\' | b'|' | b'\t' => {
                return true;
            }
            b':' if previous == b':' => return true,
            b' ' if previous == b' ' && at > trimmed_start && at < trimmed_end => return true,
            b'-' if opens_an_option(line, at) => return true,
            _ => {}
        }
        previous = byte;
    }
    false
}

/// Whether the `-` at byte `at` of `line` opens a word and is followed by a letter, a digit or
/// another `-` (an option: "-v", "--level").
fn opens_an_option(line: &str, at: usize) -> bool {
    let after_blank = line[..at]
        .chars()
        .next_back()
        .is_none_or(char::is_whitespace);
    after_blank
        && line[at + 1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '-')
}

/// A line not looked at yet by [`Document::on_code_line`].
const LINE_NOT_SEEN: u8 = 0;
/// A line that holds code.
const LINE_OF_CODE: u8 = 1;
/// A line that holds no code.
const LINE_OF_PROSE: u8 = 2;

/// The length from which a text's bytes ([`Document::byte_set`]) are read from its byte pairs
/// rather than from the text: reading the 64 Ki flags of the pairs costs about as much as
/// reading 4 KB of text.
const BYTES_FROM_PAIRS: usize = 4096;

/// The readings of every token of a document, the indices of the tokens with an English
/// reading and of the word tokens with neither reading, and the count of its words by form.
type Lexical = (Vec<Readings>, Vec<usize>, Vec<usize>, WordTally);

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
    /// The source text of each translated segment, by range of `text` (bilingual formats).
    pub sources: &'a [(Range<usize>, String)],
    /// What produced the text, which decides what its English words most likely stand for.
    pub origin: Origin,
    /// Fingerprints of the folded words written capitalized in the middle of a sentence
    /// somewhere in the document (proper nouns), computed on first use.
    capitalized: OnceLock<FingerprintSet>,
    /// The indices of the tokens written capitalized, found on first use.
    capitalized_tokens: OnceLock<Vec<usize>>,
    /// How many times each folded word occurs, by fingerprint, counted on first use.
    counts: OnceLock<WordCounts>,
    /// When the text is one part of a larger document: where it stands and what the whole
    /// document holds.
    part: Option<PartContext<'a>>,
    /// Both lexicons' readings of every token, the indices of the tokens with an English
    /// reading and those of the word tokens with neither reading, looked up on first use.
    readings: OnceLock<Lexical>,
    /// Every guillemet and paragraph break, with the count of open guillemets after it, found
    /// on first use.
    guillemets: OnceLock<Vec<(usize, i32)>>,
    /// Where the quotation marks, line feeds and paragraph breaks stand, found on first use.
    quote_marks: OnceLock<QuoteMarks>,
    /// The offset of every line feed, found on first use.
    line_feeds: OnceLock<Vec<usize>>,
    /// Whether the text holds a curly apostrophe, found on first use.
    curly_apostrophe: OnceLock<bool>,
    /// Whether each line holds code ([`line_has_code`]): [`LINE_OF_CODE`], [`LINE_OF_PROSE`]
    /// or [`LINE_NOT_SEEN`] until a position on it is asked about.
    code_lines: OnceLock<Vec<AtomicU8>>,
    /// The bytes the text holds, found on first use.
    bytes: OnceLock<ByteSet>,
    /// The pairs of consecutive bytes the text holds, found on first use.
    byte_pairs: OnceLock<BytePairs>,
    /// The offsets of the ASCII digits of the text, found on first use.
    digits: OnceLock<Vec<usize>>,
    /// Where the tokens start and end, indexed on first use.
    token_index: OnceLock<TokenIndex>,
    /// The tokens as long as the one, and as the one two, before them, found on first use.
    same_lengths: OnceLock<SameLengths>,
    /// The lines where each boilerplate expression may match, found on first use.
    boilerplate_lines: OnceLock<CandidateLines>,
    /// The short lines that some boilerplate rules search, found on first use.
    short_lines: OnceLock<ShortLines>,
    /// How much the document reads as an unfinished translation
    /// (`Document::translation_signs`), measured on first use.
    translation_signs: OnceLock<TranslationSigns>,
    /// Fingerprints of the pairs of adjacent words the document holds
    /// (`Document::word_pairs`), built on first use.
    word_pairs: OnceLock<FingerprintSet>,
    /// How many uses of words have been read one by one instead of from `word_pairs`
    /// (`Document::read_uses_within`).
    uses_read: AtomicUsize,
    /// The tokens the lexicon rules weigh (`Document::lexicon_tokens`), selected on first use.
    lexicon_tokens: OnceLock<LexiconTokens>,
}

/// How much a document reads as an unfinished translation rather than as spun text, from its
/// English words whose dictionary translation it writes elsewhere ("fichier" in one sentence,
/// "file" left in the next), as the lexicon rules measure it ([`Document::translation_signs`]).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct TranslationSigns {
    /// The share of the English words, counted at each occurrence, whose dictionary translation
    /// the document writes elsewhere.
    pub share: f32,
    /// Whether the document reads as an unfinished translation: enough distinct English words,
    /// and a large enough share of them, have their dictionary translation written elsewhere.
    pub unfinished: bool,
    /// Whether the document has enough distinct English words for the share to tell how it was
    /// produced at all: a short text with one or two English words says nothing either way.
    pub telling: bool,
    /// How likely the document is spun text rather than an unfinished translation, from the
    /// English words it has and whether their translations stand elsewhere in it.
    pub spun_belief: f32,
}

/// The tokens the lexicon rules weigh, as they select them ([`Document::lexicon_tokens`]), by
/// index, in order.
#[derive(Debug, Default)]
pub struct LexiconTokens {
    /// Tokens with an English reading that some rule may weigh.
    pub english: Vec<usize>,
    /// Word tokens that neither lexicon reads that the rules about unknown words weigh.
    pub unknown: Vec<usize>,
}

impl<'a> Document<'a> {
    /// Prepares `text`, a document's prose, for linting: folds, tokenizes and finds protected
    /// regions once.
    pub fn new(text: &'a str, format: Format) -> Self {
        Document::with_protected(text, format, &[])
    }

    /// [`Document::new`] with `protected` ranges that the document's format keeps for context
    /// (inline code), on top of the URLs and e-mail addresses found in the text.
    pub fn with_protected(text: &'a str, format: Format, protected: &[Range<usize>]) -> Self {
        Document {
            text,
            folded: fold_keeping_offsets(text),
            tokens: tokenize(text),
            format,
            protected: crate::protect::protected_regions(text, protected),
            sources: &[],
            origin: Origin::default(),
            capitalized: OnceLock::new(),
            capitalized_tokens: OnceLock::new(),
            counts: OnceLock::new(),
            part: None,
            readings: OnceLock::new(),
            guillemets: OnceLock::new(),
            quote_marks: OnceLock::new(),
            line_feeds: OnceLock::new(),
            curly_apostrophe: OnceLock::new(),
            code_lines: OnceLock::new(),
            bytes: OnceLock::new(),
            byte_pairs: OnceLock::new(),
            digits: OnceLock::new(),
            token_index: OnceLock::new(),
            same_lengths: OnceLock::new(),
            boilerplate_lines: OnceLock::new(),
            short_lines: OnceLock::new(),
            translation_signs: OnceLock::new(),
            word_pairs: OnceLock::new(),
            uses_read: AtomicUsize::new(0),
            lexicon_tokens: OnceLock::new(),
        }
    }

    /// The document as the output of `origin` (a spinner, by default).
    pub fn with_origin(self, origin: Origin) -> Self {
        Document { origin, ..self }
    }

    /// The document with the source text of each of its translated segments.
    pub fn with_sources(self, sources: &'a [(Range<usize>, String)]) -> Self {
        Document { sources, ..self }
    }

    /// Both lexicons' readings of every token, by token index, as a lowercase word with straight
    /// apostrophes (none for numbers and elided particles). Every token is looked up at once on
    /// the first call, so the rules that weigh each token share one lookup.
    pub fn readings(&self) -> &[Readings] {
        &self.lexical().0
    }

    /// How much the document reads as an unfinished translation rather than as spun text.
    /// `compute` measures it (the lexicon rules know how) on the first call only; one part of
    /// a larger document reads its facts instead.
    pub fn translation_signs(
        &self,
        compute: impl FnOnce(&Self) -> TranslationSigns,
    ) -> TranslationSigns {
        if let Some(part) = self.part {
            return part.facts.ranking().signs;
        }
        *self.translation_signs.get_or_init(|| compute(self))
    }

    /// Fingerprints of the pairs of adjacent words the document holds, as `build` makes them
    /// (the lexicon rules know which pairs count), built on the first call only: a large
    /// document answers each question about its word pairs from them instead of a search of
    /// its whole text.
    pub fn word_pairs(&self, build: impl FnOnce(&Self) -> FingerprintSet) -> &FingerprintSet {
        self.word_pairs.get_or_init(|| build(self))
    }

    /// The fingerprints of [`Document::word_pairs`] if they have been built.
    pub fn built_word_pairs(&self) -> Option<&FingerprintSet> {
        self.word_pairs.get()
    }

    /// Counts `uses` more uses of words read one by one in the text if all those read stay
    /// within `budget`, and says whether they did: a question about word pairs is answered
    /// that way until the budget is spent, then from [`Document::word_pairs`].
    pub fn read_uses_within(&self, uses: usize, budget: usize) -> bool {
        self.uses_read
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |read| {
                read.checked_add(uses).filter(|&total| total <= budget)
            })
            .is_ok()
    }

    /// The tokens the lexicon rules weigh, as `select` selects them (the lexicon rules know
    /// which), on the first call only: the same for every rule.
    pub fn lexicon_tokens(&self, select: impl FnOnce(&Self) -> LexiconTokens) -> &LexiconTokens {
        self.lexicon_tokens.get_or_init(|| select(self))
    }

    /// The indices of the tokens with an English reading, in order: the only ones most lexicon
    /// rules weigh.
    pub fn english_tokens(&self) -> &[usize] {
        &self.lexical().1
    }

    /// The indices of the word tokens that neither lexicon reads, in order: the only ones the
    /// lexicon rules about unknown words weigh.
    pub fn unknown_tokens(&self) -> &[usize] {
        &self.lexical().2
    }

    /// The readings of every token and the indices of the English and of the unknown ones,
    /// built on first use.
    fn lexical(&self) -> &Lexical {
        self.readings.get_or_init(|| {
            let (readings, tally) = lexicons().readings_of(
                &self.folded,
                self.tokens
                    .iter()
                    .map(|token| (token.kind == TokenKind::Word).then(|| token.range())),
            );
            // Room for the usual shares of English and of unknown words (a few in a hundred),
            // so that the lists seldom grow as they are filled.
            let usual = readings.len() / 16;
            let (mut english, mut unknown) = (Vec::with_capacity(usual), Vec::with_capacity(usual));
            for (i, reading) in readings.iter().enumerate() {
                if reading.english().is_some() {
                    english.push(i);
                } else if reading.french().is_none() && self.tokens[i].kind == TokenKind::Word {
                    unknown.push(i);
                }
            }
            (readings, english, unknown, tally)
        })
    }

    /// The document as one part of a larger one: the checks that look at the whole document
    /// read `part`'s facts instead of this text alone.
    pub fn in_part(self, part: PartContext<'a>) -> Self {
        Document {
            part: Some(part),
            ..self
        }
    }

    /// Where the text stands in a larger document, when it is one part of it.
    pub fn part(&self) -> Option<PartContext<'a>> {
        self.part
    }

    /// How many times (up to `limit`) the folded word `folded` occurs in the document as a
    /// word (apostrophes straight or curly alike); in the whole document when the text is one
    /// part of it. The reading of the document's words counted them ([`WordTally`]) unless
    /// this thread has read another document's since: then they are counted again.
    pub fn count_of(&self, folded: &str, limit: u32) -> u32 {
        if folded.is_empty() {
            return 0;
        }
        let count = match self.part {
            Some(part) => part.facts.count(straight_word_hash(folded)),
            None => match self.lexical().3.count(folded) {
                Some((count, _)) => count,
                None => self.word_counts().get(straight_word_hash(folded)),
            },
        };
        count.min(limit)
    }

    /// The word tokens of the text that write the folded word `folded` (apostrophes straight
    /// or curly alike), last first; a few others may come with them, whose word has the same
    /// fingerprint.
    pub fn tokens_writing(&self, folded: &str) -> impl Iterator<Item = usize> + '_ {
        let tally = &self.lexical().3;
        let (mut next, mut counted) = match tally.count(folded) {
            Some((_, last)) => (last, None),
            None => {
                let word = straight_word_hash(folded);
                (None, Some(self.word_counts().tokens_of(word)))
            }
        };
        std::iter::from_fn(move || match &mut counted {
            Some(counted) => counted.next(),
            None => {
                let token = next?;
                next = tally.previous(token);
                Some(token)
            }
        })
    }

    /// How many times each folded word occurs in the text, by fingerprint, counted on first
    /// use.
    pub fn word_counts(&self) -> &WordCounts {
        self.counts
            .get_or_init(|| crate::corpus::facts::count_words(self))
    }

    /// Whether the folded word `folded` appears capitalized mid-sentence somewhere in the
    /// document (in the whole document when the text is one part of it), which makes it a
    /// proper noun even at the start of a sentence.
    pub fn capitalized_mid_sentence(&self, folded: &str) -> bool {
        let word = word_hash(folded);
        match self.part {
            Some(part) => part.facts.capitalized(word),
            None => self.capitalized_hashes().contains(&word),
        }
    }

    /// Fingerprints of the folded words of the text written capitalized mid-sentence,
    /// computed on first use.
    pub fn capitalized_hashes(&self) -> &FingerprintSet {
        self.capitalized.get_or_init(|| {
            self.capitalized_tokens()
                .iter()
                .filter(|&&i| !self.starts_sentence(self.tokens[i].start))
                .map(|&i| word_hash(self.folded_word(i)))
                .collect()
        })
    }

    /// The indices of the tokens written capitalized ([`CaseShape::Capitalized`]: "Paris",
    /// "École"), in order, found on first use: the rules about capitals look at these only.
    /// Numbers ("3D") are left out.
    pub fn capitalized_tokens(&self) -> &[usize] {
        self.capitalized_tokens.get_or_init(|| {
            let bytes = self.text.as_bytes();
            let mut capitalized = Vec::new();
            // A loop of its own rather than a filter: the test of the first byte, which rules
            // out most tokens, stays inline.
            for (i, token) in self.tokens.iter().enumerate() {
                // Most tokens begin with a lowercase letter, in ASCII or Latin-1 ("é", "à":
                // C3 9F to C3 BF), or a digit.
                let first = bytes[token.start];
                if first.is_ascii_lowercase()
                    || first.is_ascii_digit()
                    || first == 0xC3 && bytes[token.start + 1] >= 0x9F
                {
                    continue;
                }
                if shape_of(&self.text[token.range()]) == CaseShape::Capitalized {
                    capitalized.push(i);
                }
            }
            capitalized
        })
    }

    /// Whether the line holding byte `pos` holds code ([`line_has_code`]), answered from a
    /// table of the lines, each line looked at the first time it is asked about.
    pub fn on_code_line(&self, pos: usize) -> bool {
        use std::sync::atomic::Ordering::Relaxed;
        let feeds = self.line_feeds();
        let lines = self.code_lines.get_or_init(|| {
            (0..=feeds.len())
                .map(|_| AtomicU8::new(LINE_NOT_SEEN))
                .collect()
        });
        let line = feeds.partition_point(|&at| at < pos);
        match lines[line].load(Relaxed) {
            LINE_OF_CODE => true,
            LINE_OF_PROSE => false,
            _ => {
                let start = line.checked_sub(1).map_or(0, |i| feeds[i] + 1);
                // Every line but the last loses the carriage return before its line feed.
                let code = match feeds.get(line) {
                    Some(&end) => line_has_code(self.text[start..end].trim_end_matches('\r')),
                    None => line_has_code(&self.text[start..]),
                };
                let seen = if code { LINE_OF_CODE } else { LINE_OF_PROSE };
                lines[line].store(seen, Relaxed);
                code
            }
        }
    }

    /// The bytes the text holds (ASCII letters in lowercase), found once per document: what
    /// the literal gates of regular expressions test first.
    /// A text of [`BYTES_FROM_PAIRS`] bytes or more has them read from its byte pairs, which
    /// the same gates need.
    pub fn byte_set(&self) -> &ByteSet {
        self.bytes.get_or_init(|| {
            let bytes = self.text.as_bytes();
            match bytes.first() {
                Some(&first) if bytes.len() >= BYTES_FROM_PAIRS => {
                    ByteSet::of_first_and_pairs(first, self.byte_pairs())
                }
                _ => ByteSet::of(bytes),
            }
        })
    }

    /// The pairs of consecutive bytes the text holds, found once per document: what the pair
    /// gates of regular expressions test.
    pub fn byte_pairs(&self) -> &BytePairs {
        self.byte_pairs
            .get_or_init(|| BytePairs::of(self.text.as_bytes()))
    }

    /// The offsets of the ASCII digits of the text, found once per document: where the
    /// expressions searched around numbers start from.
    pub fn digits(&self) -> &[usize] {
        self.digits
            .get_or_init(|| crate::kinds::pattern::digits(self.text))
    }

    /// The lines (each with its line feed) where the boilerplate expression of `finder` may
    /// match, when it is searched line by line: one pass over the text finds those of every
    /// expression, the first time one is asked for.
    pub fn boilerplate_lines(&self, finder: LineFinder) -> Option<&[Range<usize>]> {
        self.boilerplate_lines
            .get_or_init(CandidateLines::default)
            .lines(finder, self)
    }

    /// The lines (each with its line feed) with text and at most `max_words` words, and no
    /// longer than `max_words + 1` long words ([`ShortLines`]): their words are counted once
    /// for every rule's limit. `None` when the limit was not registered.
    pub fn short_lines(&self, max_words: usize) -> Option<Vec<Range<usize>>> {
        self.short_lines
            .get_or_init(|| ShortLines::of(self.text, self.line_feeds()))
            .at_most(max_words)
    }

    /// The tokens as long as the token one before them, and those as long as the token two
    /// before them ([`SameLengths`]): found in one pass for the rules that look for a word
    /// written twice.
    pub fn same_lengths(&self) -> &SameLengths {
        self.same_lengths
            .get_or_init(|| SameLengths::of(&self.tokens))
    }

    /// Whether the text holds a curly apostrophe (’), found once per document (in the whole
    /// document when the text is one part of it): a fix that writes an apostrophe writes the
    /// document's kind.
    pub fn has_curly_apostrophe(&self) -> bool {
        if let Some(part) = self.part {
            return part.facts.has_curly_apostrophe();
        }
        *self
            .curly_apostrophe
            .get_or_init(|| crate::text::normalize::has_curly_apostrophe(self.text))
    }

    /// The offsets of the line feeds of the text, found once per document.
    pub fn line_feeds(&self) -> &[usize] {
        self.line_feeds
            .get_or_init(|| memchr::memchr_iter(b'\n', self.text.as_bytes()).collect())
    }

    /// The byte range of the line holding byte `pos`, without its line feed: a lookup in a
    /// table of the line feeds built once per document, so that asking at every match of a
    /// long line costs no rescan of it.
    pub fn line_around(&self, pos: usize) -> std::ops::Range<usize> {
        let feeds = self.line_feeds();
        let next = feeds.partition_point(|&at| at < pos);
        let start = next.checked_sub(1).map_or(0, |i| feeds[i] + 1);
        let end = feeds.get(next).copied().unwrap_or(self.text.len());
        start..end
    }

    /// Where the document's quotation marks, line feeds and paragraph breaks stand.
    pub fn quote_marks(&self) -> &QuoteMarks {
        self.quote_marks.get_or_init(|| QuoteMarks::of(self.text))
    }

    /// Whether byte `pos` stands inside « guillemets » opened earlier in its paragraph: more
    /// opening than closing guillemets between the paragraph's start and `pos` (a paragraph
    /// ends at a blank line, or after a line long enough to be a paragraph of its own). A lookup in a
    /// table built once per document, so that asking at every match costs no rescan.
    pub fn inside_guillemets(&self, pos: usize) -> bool {
        let events = self.guillemets.get_or_init(|| {
            let bytes = self.text.as_bytes();
            let mut events = Vec::new();
            let mut balance = 0;
            let mut at = 0;
            // « is C2 AB, » is C2 BB; a paragraph ends at a line feed
            // (`crate::text::lines::ends_paragraph`).
            while let Some(found) = memchr::memchr2(0xc2, b'\n', &bytes[at..]) {
                let i = at + found;
                match (bytes[i], bytes.get(i + 1)) {
                    (0xc2, Some(0xab)) => balance += 1,
                    (0xc2, Some(0xbb)) => balance -= 1,
                    (b'\n', _) if crate::text::lines::ends_paragraph(bytes, i) => {
                        balance = 0;
                        events.push((i + 1, balance));
                        at = i + 1;
                        continue;
                    }
                    _ => {
                        at = i + 1;
                        continue;
                    }
                }
                events.push((i, balance));
                at = i + 2;
            }
            events
        });
        let before = events.partition_point(|&(offset, _)| offset < pos);
        before > 0 && events[before - 1].1 > 0
    }

    /// The text of token `index`.
    pub fn word(&self, index: usize) -> &'a str {
        &self.text[self.tokens[index].range()]
    }

    /// The folded text of token `index`.
    pub fn folded_word(&self, index: usize) -> &str {
        &self.folded[self.tokens[index].range()]
    }

    /// Whether token `index` is part of a word hyphenated across a line break
    /// ("diction‐⏎naire", as groff and typesetters cut words): a fragment is no word of any
    /// lexicon.
    #[inline]
    pub fn is_hyphenation_fragment(&self, index: usize) -> bool {
        let token = self.tokens[index];
        may_be_fragment(self.text, token.start, token.end)
            && hyphenation_fragment(self.text, token.start, token.end)
    }

    /// The index of the token that starts at byte `pos`, if any.
    pub fn token_starting_at(&self, pos: usize) -> Option<usize> {
        self.token_index().starting_at(&self.tokens, pos)
    }

    /// The index of the token that ends at byte `pos`, if any.
    pub fn token_ending_at(&self, pos: usize) -> Option<usize> {
        self.token_index().ending_at(&self.tokens, pos)
    }

    /// The index of where the tokens start and end, built on first use.
    fn token_index(&self) -> &TokenIndex {
        self.token_index
            .get_or_init(|| TokenIndex::new(&self.tokens, self.text.len()))
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
        self.before_with(pos, |end| self.token_ending_at(end))
    }

    /// What stands after byte `pos`, and whether a line break lies between.
    pub fn after(&self, pos: usize) -> (Neighbour, bool) {
        self.after_with(pos, |start| self.token_starting_at(start))
    }

    /// What stands before token `index`: the answer of [`Self::before`] at its start, found
    /// without a lookup in the token index when the token before it ends at the neighbour.
    pub fn before_token(&self, index: usize) -> (Neighbour, bool) {
        let token = self.tokens[index];
        self.before_with(token.start, |end| {
            let previous = index.checked_sub(1).map(|i| (i, self.tokens[i].end));
            match previous {
                Some((i, previous_end)) if previous_end == end => Some(i),
                // No token ends between the previous token and this one.
                Some((_, previous_end)) if previous_end < end => None,
                None => None,
                Some(_) => self.token_ending_at(end),
            }
        })
    }

    /// What stands after token `index`: the answer of [`Self::after`] at its end, found
    /// without a lookup in the token index when the token after it starts at the neighbour.
    pub fn after_token(&self, index: usize) -> (Neighbour, bool) {
        let token = self.tokens[index];
        self.after_with(token.end, |start| match self.tokens.get(index + 1) {
            Some(next) if next.start == start => Some(index + 1),
            // No token starts between this token and the next one.
            Some(next) if next.start > start => None,
            None => None,
            Some(_) => self.token_starting_at(start),
        })
    }

    /// What stands before byte `pos` and whether a line break lies between, with
    /// `token_ending_at` telling the token that ends at an offset, if any.
    #[inline]
    fn before_with(
        &self,
        pos: usize,
        token_ending_at: impl Fn(usize) -> Option<usize>,
    ) -> (Neighbour, bool) {
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
            let neighbour = match token_ending_at(end) {
                Some(index) => Neighbour::Word(index),
                None => Neighbour::Punct(c, at),
            };
            return (neighbour, newlines > 0);
        }
        (Neighbour::Boundary, newlines > 0)
    }

    /// What stands after byte `pos` and whether a line break lies between, with
    /// `token_starting_at` telling the token that starts at an offset, if any.
    #[inline]
    fn after_with(
        &self,
        pos: usize,
        token_starting_at: impl Fn(usize) -> Option<usize>,
    ) -> (Neighbour, bool) {
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
            let neighbour = match token_starting_at(pos + at) {
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
    pub fn starts_sentence(&self, pos: usize) -> bool {
        self.starts_sentence_after(pos, self.before(pos))
    }

    /// Whether token `index` starts a sentence: [`Self::starts_sentence`] at its start.
    pub fn token_starts_sentence(&self, index: usize) -> bool {
        self.starts_sentence_after(self.tokens[index].start, self.before_token(index))
    }

    /// Whether byte `pos` starts a sentence, given what stands before it.
    fn starts_sentence_after(&self, mut pos: usize, mut before: (Neighbour, bool)) -> bool {
        loop {
            match before {
                (Neighbour::Boundary, _) => return true,
                (Neighbour::Punct(c, at), _) if "«“\"‘'(—–-[*#>".contains(c) => pos = at,
                (Neighbour::Punct(c, _), _) => return ".!?…:".contains(c),
                (Neighbour::Word(_), newline) => return newline && self.line_is_title(pos),
            }
            before = self.before(pos);
        }
    }

    /// Whether the line before the one holding `pos` ends without punctuation (a title).
    fn line_is_title(&self, pos: usize) -> bool {
        let line_start = self.text[..pos].rfind('\n').unwrap_or(0);
        let previous = self.text[..line_start].trim_end();
        !previous.ends_with(|c: char| c.is_alphanumeric() && c.is_lowercase() || c == ',')
    }
}

/// Where a text stands in its file: a part of a large file, linted and reported on its own,
/// starts at a byte offset, after a number of lines of the file and, when it begins in the
/// middle of a line (a line too long for one part), after a number of characters of that line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Base {
    /// The byte offset in the file of the text's first byte.
    pub offset: usize,
    /// The lines of the file before the text's first line.
    pub line: usize,
    /// The characters of the file's line before the text's first byte.
    pub column: usize,
}

/// Maps byte offsets to 1-based lines and columns (columns count Unicode scalar values). Every
/// line break counts: LF, CRLF, CR, NEL, U+2028 and U+2029.
pub struct LineIndex {
    starts: Vec<usize>,
    /// The last two positions answered: (line index, byte offset, column).
    recent: std::cell::Cell<[(usize, usize, usize); 2]>,
    /// Where the indexed text stands in its file.
    base: Base,
}

/// The number of characters of `text`: its bytes that do not continue a character.
fn count_chars(text: &str) -> usize {
    text.chars().count()
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        // Room for lines of the usual length.
        let mut starts = Vec::with_capacity(text.len() / 64 + 1);
        starts.push(0);
        if memchr::memchr(b'\r', bytes).is_none() {
            // Most texts break their lines with line feeds alone: one search for them.
            starts.extend(memchr::memchr_iter(b'\n', bytes).map(|at| at + 1));
        } else {
            for at in memchr::memchr2_iter(b'\n', b'\r', bytes) {
                // CRLF is one break: the line starts after the LF.
                if !(bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n')) {
                    starts.push(at + 1);
                }
            }
        }
        if has_unicode_line_break(bytes) {
            for (at, c) in text.char_indices() {
                if matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}') {
                    starts.push(at + c.len_utf8());
                }
            }
            starts.sort_unstable();
        }
        LineIndex {
            starts,
            recent: std::cell::Cell::new([(usize::MAX, 0, 0); 2]),
            base: Base::default(),
        }
    }

    /// Indexes `text`, a part of a file that stands at `base`: positions and offsets are the
    /// file's.
    pub fn with_base(text: &str, base: Base) -> Self {
        LineIndex {
            base,
            ..LineIndex::new(text)
        }
    }

    /// The file offset of byte `offset` of the indexed text.
    pub fn file_offset(&self, offset: usize) -> usize {
        self.base.offset + offset
    }

    /// Where the indexed text stands in its file.
    pub fn base(&self) -> Base {
        self.base
    }

    /// The 1-based line (of the file) and column of byte `offset` of `text`.
    /// Positions asked in increasing order on a long line cost the characters since the last
    /// answer, not since the line's start: the last two answers are remembered.
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let offset = offset.min(text.len());
        // Count from the nearest remembered position on the same line, or from its start.
        let mut from = (self.starts[line], 1);
        for (remembered_line, at, column) in self.recent.get() {
            if remembered_line == line && at <= offset && at > from.0 && text.is_char_boundary(at) {
                from = (at, column);
            }
        }
        let column = text
            .get(from.0..offset)
            .map_or(offset - from.0, count_chars)
            + from.1;
        let [_, newest] = self.recent.get();
        self.recent.set([newest, (line, offset, column)]);
        // The text's first line goes on from where its file's line stands.
        let shift = if line == 0 { self.base.column } else { 0 };
        (self.base.line + line + 1, column + shift)
    }
}

/// Whether `bytes`, text in UTF-8, holds U+0085 (C2 85), U+2028 (E2 80 A8) or U+2029
/// (E2 80 A9): found from the rare byte 85 and from the leading byte E2 (of "’", "“", "”"…)
/// rather than by a search for each.
fn has_unicode_line_break(bytes: &[u8]) -> bool {
    memchr::memchr_iter(0x85, bytes).any(|at| at > 0 && bytes[at - 1] == 0xC2)
        || memchr::memchr_iter(0xE2, bytes).any(|at| {
            bytes.get(at + 1) == Some(&0x80) && matches!(bytes.get(at + 2), Some(0xA8 | 0xA9))
        })
}

/// Whether the token at `start..end` of `text` may be part of a word hyphenated across a
/// line break: a hyphen may follow it, or blanks with a line break may precede it. A cheap
/// test that only rules tokens out.
#[inline]
fn may_be_fragment(text: &str, start: usize, end: usize) -> bool {
    let bytes = text.as_bytes();
    // '-', U+2010 (E2 80 90) and U+00AD (C2 AD).
    if matches!(bytes.get(end), Some(b'-' | 0xE2 | 0xC2)) {
        return true;
    }
    // After a character of several bytes ("l’homme", "«mot"), only a blank may begin the
    // gap with a line break.
    if start >= 1 && !bytes[start - 1].is_ascii() {
        return text[..start].chars().next_back().is_some_and(is_blank);
    }
    // Most words follow one space after a visible ASCII character.
    if start >= 2 && bytes[start - 1] == b' ' && (b'!'..=b'~').contains(&bytes[start - 2]) {
        return false;
    }
    // Before the spaces and tabs: a character that may be a blank (a line break, or any
    // non-ASCII character).
    let before = bytes[..start]
        .iter()
        .rposition(|&b| b != b' ' && b != b'\t');
    before.is_some_and(|at| !bytes[at].is_ascii() || (0x09..=0x0D).contains(&bytes[at]))
}

/// Whether the token at `start..end` of `text` is part of a word hyphenated across a line
/// break: a hyphen and a line break follow it, or a line break after a word ending with a
/// hyphen precedes it.
fn hyphenation_fragment(text: &str, start: usize, end: usize) -> bool {
    let hyphen = ['-', '\u{2010}', '\u{ad}'];
    let line_break = |gap: &str| gap.contains('\n');
    let after = &text[end..];
    if let Some(rest) = after.strip_prefix(hyphen) {
        let gap = &rest[..rest.len() - rest.trim_start_matches(is_blank).len()];
        if line_break(gap) {
            return true;
        }
    }
    let before = &text[..start];
    let trimmed = before.trim_end_matches(is_blank);
    line_break(&before[trimmed.len()..])
        && trimmed
            .strip_suffix(hyphen)
            .is_some_and(|word| word.ends_with(char::is_alphabetic))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fragment_filter_keeps_every_fragment() {
        let mut texts = vec![
            "anti-\nconstitution l’hom-\n  me «mot-\u{a0}\n»suite ex‐\nemple é\u{ad}\n\u{a0}té"
                .to_string(),
            "fin-\n\u{2028}x a-\r\nb c-\n\u{3000}d l’\ne «\u{a0}\nf".to_string(),
        ];
        texts.extend(crate::fixture_texts::fixture_texts(&["seeds"]));
        let mut fragments = 0;
        for text in &texts {
            for token in tokenize(text) {
                if hyphenation_fragment(text, token.start, token.end) {
                    assert!(may_be_fragment(text, token.start, token.end), "{token:?}");
                    fragments += 1;
                }
            }
        }
        assert!(fragments >= 8, "{fragments} fragments");
    }

    #[test]
    fn neighbours_by_token_agree_with_neighbours_by_offset() {
        let text = "Le « mot » l’API\u{a0}: 3,5 Go…\n\nfin, x-y  z.\r\nÉté (été) — oui\u{2028}non";
        let doc = Document::new(text, Format::Text);
        for (i, token) in doc.tokens.iter().enumerate() {
            assert_eq!(doc.before_token(i), doc.before(token.start), "before {i}");
            assert_eq!(doc.after_token(i), doc.after(token.end), "after {i}");
            assert_eq!(
                doc.token_starts_sentence(i),
                doc.starts_sentence(token.start),
                "starts {i}"
            );
        }
    }

    #[test]
    fn the_one_pass_code_test_agrees_with_its_definition() {
        let defined = |line: &str| {
            line.contains(['=', '_', '/', '<', '>', '$', '%', '{', '}', '\\', '|', '\t'])
                || line.contains("::")
                || line.trim().contains("  ")
                || line.split_whitespace().any(|w| {
                    w.starts_with('-')
                        && w.len() > 1
                        && w[1..].starts_with(|c: char| c.is_alphanumeric() || c == '-')
                })
        };
        let mut lines: Vec<String> = [
            "  deux  espaces  ",
            "   ",
            "  un",
            "fin  ",
            "a\u{a0}-v",
            "-é",
            "mot-clé -- fin",
            "x -",
            "a : b :: c",
            "\u{2003}--level",
            "é-1",
        ]
        .iter()
        .map(|line| line.to_string())
        .collect();
        for text in crate::fixture_texts::fixture_texts(&["seeds", "mt"]) {
            lines.extend(text.lines().map(str::to_string));
        }
        assert!(lines.len() > 100);
        for line in &lines {
            assert_eq!(line_has_code(line), defined(line), "{line:?}");
        }
    }

    #[test]
    fn capitalized_tokens_are_the_capitalized_words() {
        let doc = Document::new(
            "Le Grand Bleu, 3D à École et iPhone ÉTÉ l’Île",
            Format::Text,
        );
        let words: Vec<&str> = doc
            .capitalized_tokens()
            .iter()
            .map(|&i| doc.word(i))
            .collect();
        assert_eq!(words, ["Le", "Grand", "Bleu", "École", "Île"]);
    }

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

    #[test]
    fn positions_in_any_order_on_one_line() {
        let text = "é".repeat(50) + "x" + &"à".repeat(50);
        let index = LineIndex::new(&text);
        let x = text.find('x').unwrap();
        for offset in [x, 4, x + 3, 0, text.len(), x, 2] {
            let expected = text[..offset].chars().count() + 1;
            assert_eq!(index.position(&text, offset), (1, expected), "at {offset}");
        }
    }

    #[test]
    fn line_starts_follow_every_kind_of_break() {
        // The line starts by their definition, a character at a time.
        let defined = |text: &str| {
            let mut starts = vec![0];
            let mut chars = text.char_indices().peekable();
            while let Some((at, c)) = chars.next() {
                let breaks = match c {
                    '\r' => chars.peek().is_none_or(|&(_, next)| next != '\n'),
                    '\n' | '\u{85}' | '\u{2028}' | '\u{2029}' => true,
                    _ => false,
                };
                if breaks {
                    starts.push(at + c.len_utf8());
                }
            }
            starts
        };
        let mut texts = vec![
            "a\r\nb\rc\u{2028}d\ne\u{2029}f\u{85}g".to_string(),
            "l’été « x » \u{2026}\u{a0}Å\u{105}\n\u{2027}\u{202a}\r".to_string(),
            "\u{85}\n\u{2028}".to_string(),
            String::new(),
        ];
        texts.extend(crate::fixture_texts::fixture_texts(&["seeds"]));
        for text in &texts {
            assert_eq!(LineIndex::new(text).starts, defined(text), "{text:?}");
        }
    }

    #[test]
    fn every_line_break_starts_a_line() {
        let text = "a\r\nb\rc\u{2028}d\ne";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, text.find('b').unwrap()), (2, 1));
        assert_eq!(index.position(text, text.find('c').unwrap()), (3, 1));
        assert_eq!(index.position(text, text.find('d').unwrap()), (4, 1));
        assert_eq!(index.position(text, text.find('e').unwrap()), (5, 1));
    }
}
