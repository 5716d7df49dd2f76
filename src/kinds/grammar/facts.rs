//! What the grammar patterns ask of one token, found once per token: the word sets (word lists
//! and classes of the patterns) it belongs to, as bits, with one hash lookup; the union of its
//! readings' tags; its case; whether the next token touches it. A token condition is then
//! mostly bit tests (see [`super::token::CompiledTest`]).

use super::cache::DirectMapped;
use super::token::ReadingTest;
use super::words::{AnchorFilter, ShortWords, latin_keys_at, short_key};
use crate::{
    document::Document,
    kinds::WordClass,
    lexicon::{FnvBuild, Readings},
    morph::{Analysis, morphology},
    text::{
        case::{CaseShape, shape_of},
        normalize::{is_blank, straightened},
        tokenize::TokenKind,
    },
};
use std::{
    borrow::Cow,
    cell::{OnceCell, RefCell},
    collections::HashMap,
    ops::Index,
};

/// The flags of [`Facts`].
pub(super) mod flag {
    /// The token is a number.
    pub const NUMBER: u16 = 1;
    /// Written without an uppercase letter.
    pub const LOWER: u16 = 1 << 1;
    /// Capitalized ("Paris").
    pub const CAPITALIZED: u16 = 1 << 2;
    /// In capitals ("PARIS").
    pub const CAPS: u16 = 1 << 3;
    /// In the morphology lexicon.
    pub const KNOWN: u16 = 1 << 4;
    /// A common English word.
    pub const ENGLISH: u16 = 1 << 5;
    /// A punctuation mark touches its end.
    pub const PUNCT_AFTER: u16 = 1 << 6;
    /// The next token follows after blanks only, with at most one line break.
    pub const ADJACENT: u16 = 1 << 7;
    /// Part of a word hyphenated across a line break.
    pub const FRAGMENT: u16 = 1 << 8;
    /// Begins with a letter before which a word may elide its article (a vowel, "h" or "y";
    /// any non-ASCII character): what `:elides` needs, found without the lexicon.
    pub const MAY_ELIDE: u16 = 1 << 9;
    /// No token has it: the flag of a condition that never holds (`!*`).
    pub const NEVER: u16 = 1 << 15;
    /// The flags a word token owes to the text around it rather than to its word.
    pub const CONTEXT: u16 = PUNCT_AFTER | ADJACENT | FRAGMENT;
}

/// The English Zipf frequency from which `:english` holds: a word common enough in English for
/// the lexicon rules to weigh it as a spinner's or a translator's English word.
const COMMON_ENGLISH_ZIPF: f32 = 3.0;

/// What the patterns may ask of one token.
#[derive(Debug, Clone, Copy)]
pub(super) struct Facts {
    /// The word sets holding the token's word, by bit.
    pub(super) sets: u128,
    /// The union of the tag bits of its readings.
    pub(super) tags: u64,
    /// The numbered reading tests (see [`WordSets::reading_bit`]) some reading passes, by bit.
    pub(super) some_pass: u64,
    /// The numbered reading tests every reading passes, by bit, when the lexicon knows the
    /// word (none when it does not).
    pub(super) all_pass: u64,
    /// Its analysis by the morphology lexicon.
    pub(super) analysis: Analysis,
    /// [`flag`]s.
    pub(super) flags: u16,
    /// The patterns indexed by the word: an index in the matcher's anchor groups (0: none).
    pub(super) anchors: u32,
}

/// What the word table knows of one word.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct WordEntry {
    /// The sets holding the word, by bit.
    pub(super) sets: u128,
    /// The patterns indexed by the word: an index in the matcher's anchor groups (0: none).
    pub(super) anchors: u32,
}

/// The word sets of every pattern, numbered: each distinct word list or class gets one bit
/// (the first 128 of them; conditions on any further set test the word itself).
#[derive(Debug, Default)]
pub(super) struct WordSets {
    /// Each word of a numbered set, lowercase with straight apostrophes.
    pub(super) words: HashMap<Box<str>, WordEntry, FnvBuild>,
    /// The endings of numbered classes (`*eur`), with the class's bit.
    endings: Vec<(String, u128)>,
    /// The numbered reading tests (the first 64 distinct ones), by bit.
    reading_tests: Vec<ReadingTest>,
    /// The numbered reading tests that read the lemma, by bit.
    lemma_tests: u64,
    /// The numbered sets, by their sorted words and endings.
    numbered: Vec<(Vec<String>, Vec<String>)>,
    /// The classes already given to [`WordSets::bit_of_class`], with their bits.
    classes: Vec<(WordClass, Option<u128>)>,
    /// The length in bytes of the longest word of `words`: longer words skip the lookup.
    longest: usize,
    /// The words that index patterns (see [`WordSets::may_anchor`]).
    anchor_filter: AnchorFilter,
    /// The short words of `words`, for a lookup without hashing.
    short: ShortWords,
    /// A number no other word sets of the process have (see [`WordCache`]); given by
    /// [`WordSets::seal`].
    id: u64,
}

impl WordSets {
    /// The bit of the set of `words` and `endings`, numbering it if it is new; `None` once 128
    /// sets are numbered.
    pub(super) fn bit_of<'w>(
        &mut self,
        words: impl Iterator<Item = &'w str>,
        endings: &[String],
    ) -> Option<u128> {
        let mut words: Vec<String> = words.map(str::to_string).collect();
        words.sort_unstable();
        words.dedup();
        let mut endings = endings.to_vec();
        endings.sort_unstable();
        let key = (words, endings);
        if let Some(at) = self.numbered.iter().position(|k| *k == key) {
            return Some(1 << at);
        }
        if self.numbered.len() == 128 {
            return None;
        }
        let bit = 1u128 << self.numbered.len();
        for word in &key.0 {
            self.words.entry(word.as_str().into()).or_default().sets |= bit;
            self.longest = self.longest.max(word.len());
        }
        for ending in &key.1 {
            self.endings.push((ending.clone(), bit));
        }
        self.numbered.push(key);
        Some(bit)
    }

    /// [`WordSets::bit_of`] for the words and endings of `class`, found once for each class:
    /// many patterns test the same class, and its words are copied and sorted to be compared.
    pub(super) fn bit_of_class(&mut self, class: &WordClass) -> Option<u128> {
        if let Some((_, bit)) = self.classes.iter().find(|(known, _)| known.same_as(class)) {
            return *bit;
        }
        let bit = self.bit_of(class.members(), class.endings());
        self.classes.push((class.clone(), bit));
        bit
    }

    /// The bit of the reading test `test` in [`Facts::some_pass`] and [`Facts::all_pass`],
    /// numbering it if it is new; `None` once 64 tests are numbered.
    pub(super) fn reading_bit(&mut self, test: &ReadingTest) -> Option<u64> {
        if let Some(at) = self.reading_tests.iter().position(|t| t == test) {
            return Some(1 << at);
        }
        if self.reading_tests.len() == 64 {
            return None;
        }
        let bit = 1 << self.reading_tests.len();
        if test.reads_form() {
            self.lemma_tests |= bit;
        }
        self.reading_tests.push(test.clone());
        Some(bit)
    }

    /// The facts of token `j` of `doc` found without the thread's word cache.
    #[cfg(test)]
    pub(super) fn uncached_facts(&self, doc: &Document, j: usize) -> Facts {
        let fragments = may_hold_fragments(doc.text);
        self.facts(
            doc,
            doc.readings(),
            j,
            fragments,
            &mut WordCache::new(self.id),
        )
    }

    /// The numbered reading tests, by bit.
    #[cfg(test)]
    pub(super) fn reading_tests(&self) -> &[ReadingTest] {
        &self.reading_tests
    }

    /// Records that `word` (lowercase, straight apostrophes) indexes the patterns of group
    /// `anchors` of the matcher's anchor groups.
    pub(super) fn add_anchor(&mut self, word: &str, anchors: u32) {
        self.longest = self.longest.max(word.len());
        self.anchor_filter.add(word);
        self.words.entry(word.into()).or_default().anchors = anchors;
    }

    /// Makes the word table ready for lookups: called once every set is numbered and every
    /// anchor added.
    pub(super) fn seal(&mut self) {
        static SEALED: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        self.id = SEALED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.short = ShortWords::new(self.words.iter().map(|(word, entry)| (&**word, *entry)));
    }

    /// What the table knows of `word` (lowercase, straight apostrophes).
    fn lookup(&self, word: &str) -> WordEntry {
        if let Some(key) = short_key(word.as_bytes()) {
            self.short.get(key)
        } else if word.len() <= self.longest {
            self.words.get(word).copied().unwrap_or_default()
        } else {
            WordEntry::default()
        }
    }

    /// Whether the token written `folded` (its folded text, apostrophes as written) may index
    /// patterns: `false` rules it out, `true` leaves it to the word table.
    #[inline]
    pub(super) fn may_anchor(&self, folded: &[u8]) -> bool {
        self.anchor_filter.may_hold(folded)
    }

    /// The word of token `j` of `doc` (lowercase, straight apostrophes), what the table knows
    /// of it, and its case flags. Most words are short and in ASCII or Latin-1 (no curly
    /// apostrophe to straighten, and an uppercase letter always changed by folding): read as
    /// one integer, the word and its folded form give its case and its key in the table.
    #[inline]
    fn word_entry<'d>(&self, doc: &'d Document, j: usize) -> (Cow<'d, str>, WordEntry, u16) {
        let (start, end) = (doc.tokens[j].start, doc.tokens[j].end);
        if let Some((raw, folded)) =
            latin_keys_at(doc.text.as_bytes(), doc.folded.as_bytes(), start, end)
        {
            let case = if raw == folded {
                flag::LOWER
            } else {
                ascii_case_flags(raw, folded).unwrap_or_else(|| case_flags(doc.word(j)))
            };
            (
                Cow::Borrowed(doc.folded_word(j)),
                self.short.get(folded),
                case,
            )
        } else {
            let word = straightened(doc.folded_word(j));
            let entry = self.lookup(&word);
            (word, entry, case_flags(doc.word(j)))
        }
    }

    /// The anchors of the word of token `j` of `doc` (see [`Facts::anchors`]), looked up
    /// without the rest of its facts when the word is short and in ASCII or Latin-1 (see
    /// [`latin_keys_at`]); `None` for other words.
    #[inline]
    pub(super) fn latin_anchors_of(&self, doc: &Document, j: usize) -> Option<u32> {
        let (start, end) = (doc.tokens[j].start, doc.tokens[j].end);
        latin_keys_at(doc.text.as_bytes(), doc.folded.as_bytes(), start, end)
            .map(|(_, folded)| self.short.get(folded).anchors)
    }

    /// The facts of token `j` of `doc`; `readings` are the document's
    /// [`Document::readings`]; `fragments`: whether the document may hold parts of words
    /// hyphenated across a line break (see [`may_hold_fragments`]). Most tokens are plain
    /// ASCII or Latin-1 words between single spaces: each fact is first read off the bytes,
    /// and the general (character) test runs only when the bytes leave it open. Inlined into
    /// the one caller of the pass (see [`TokenFacts`]), which runs it for most tokens a
    /// pattern reads: the rarer tokens take an out-of-line path.
    #[inline]
    pub(super) fn facts(
        &self,
        doc: &Document,
        readings: &[Readings],
        j: usize,
        fragments: bool,
        cache: &mut WordCache,
    ) -> Facts {
        let bytes = doc.text.as_bytes();
        let token = doc.tokens[j];
        if token.kind == TokenKind::Number {
            let adjacent = if next_is_adjacent(doc, j) {
                flag::ADJACENT
            } else {
                0
            };
            return Facts {
                sets: 0,
                tags: 0,
                some_pass: 0,
                all_pass: 0,
                analysis: Analysis::UNKNOWN,
                flags: adjacent | flag::NUMBER,
                anchors: 0,
            };
        }
        let word = match latin_keys_at(bytes, doc.folded.as_bytes(), token.start, token.end) {
            // A word's facts depend on its text alone: a plain word is found once per thread.
            Some((raw, folded)) if token.kind == TokenKind::Word => {
                let WordCache { words, by_tags, .. } = cache;
                WordCache::get_or_insert(words, raw, || {
                    let case = if raw == folded {
                        flag::LOWER
                    } else {
                        ascii_case_flags(raw, folded).unwrap_or_else(|| case_flags(doc.word(j)))
                    };
                    let word = doc.folded_word(j);
                    let entry = self.short.get(folded);
                    self.word_facts(word, entry, case, readings[j], by_tags)
                })
            }
            _ => self.other_token_facts(doc, readings, j, cache),
        };
        let flags = word.flags | context_flags(doc, j, fragments);
        Facts {
            sets: word.sets,
            tags: word.tags,
            some_pass: word.some_pass,
            all_pass: word.all_pass,
            analysis: word.analysis,
            flags,
            anchors: word.anchors,
        }
    }

    /// The facts a token owes to its word alone, for a token that is not a plain word of at
    /// most 16 bytes in ASCII or Latin-1 (see [`latin_keys_at`]). Any such token of at most
    /// 16 bytes (an elided particle, a curly apostrophe, a letter beyond Latin-1) is also
    /// found once per thread, by the key of its text as written: an elided particle ends
    /// with its apostrophe, a word never does.
    #[inline(never)]
    fn other_token_facts(
        &self,
        doc: &Document,
        readings: &[Readings],
        j: usize,
        cache: &mut WordCache,
    ) -> WordFacts {
        let token = doc.tokens[j];
        let WordCache { words, by_tags, .. } = cache;
        let mut find = || {
            let (word, entry, case) = self.word_entry(doc, j);
            self.word_facts(&word, entry, case, readings[j], by_tags)
        };
        match short_key(&doc.text.as_bytes()[token.start..token.end]) {
            Some(raw) => WordCache::get_or_insert(words, raw, find),
            None => find(),
        }
    }

    /// The facts a token owes to its word alone: `word` (lowercase, straight apostrophes),
    /// what the table knows of it (`entry`), its case flags and its lexicon readings.
    /// `by_tags` keeps what the tag bits of a reading tell of the numbered reading tests (see
    /// [`WordSets::reading_verdicts`]).
    fn word_facts(
        &self,
        word: &str,
        entry: WordEntry,
        case: u16,
        lexical: Readings,
        by_tags: &mut DirectMapped<u64, u64>,
    ) -> WordFacts {
        let mut flags = case;
        // See `Morphology::elision_of`: a word elides only before such a first letter.
        if matches!(
            word.as_bytes().first(),
            Some(b'a' | b'e' | b'i' | b'o' | b'u' | b'h' | b'y' | 0x80..)
        ) {
            flags |= flag::MAY_ELIDE;
        }
        let mut sets = entry.sets;
        for (ending, bit) in &self.endings {
            if word.len() > ending.len() + 1 && ends_with(word.as_bytes(), ending.as_bytes()) {
                sets |= bit;
            }
        }
        // A word's analysis comes with its lexicon readings; an elided particle's is looked up.
        let (analysis, tags) = lexical.morphology().unwrap_or_else(|| {
            let morph = morphology();
            let analysis = morph.analyze(word);
            let tags = morph
                .readings_of(analysis)
                .fold(0, |all, r| all | r.tags.bits());
            (analysis, tags)
        });
        if analysis.is_known() {
            flags |= flag::KNOWN;
        }
        if lexical
            .english()
            .is_some_and(|english| english.zipf() >= COMMON_ENGLISH_ZIPF)
        {
            flags |= flag::ENGLISH;
        }
        let (some_pass, all_pass) = self.reading_verdicts(word, analysis, by_tags);
        WordFacts {
            sets,
            tags,
            some_pass,
            all_pass,
            analysis,
            flags,
            anchors: entry.anchors,
        }
    }
}

impl WordSets {
    /// The numbered reading tests that some reading of `analysis`, the analysis of `word`
    /// (lowercase, straight apostrophes), passes, and those every reading passes when the
    /// lexicon knows the word: [`Facts::some_pass`] and [`Facts::all_pass`].
    /// A corpus has few distinct readings' tag bits: the tests their bits pass are kept in
    /// `by_tags`, and only the lemma tests are run on each reading.
    fn reading_verdicts(
        &self,
        word: &str,
        analysis: Analysis,
        by_tags: &mut DirectMapped<u64, u64>,
    ) -> (u64, u64) {
        if self.reading_tests.is_empty() || !analysis.is_known() {
            return (0, 0);
        }
        let (mut some, mut failed) = (0, 0);
        for reading in morphology().readings_of(analysis) {
            let bits = reading.tags.bits();
            let by_bits = || self.passed_by_tags(bits);
            // `u64::MAX` is the key of an empty slot.
            let by_bits = if bits == u64::MAX {
                by_bits()
            } else {
                by_tags.get_or_insert(bits, bits, by_bits)
            };
            let mut passed = by_bits & !self.lemma_tests;
            let mut lemma_tests = by_bits & self.lemma_tests;
            while lemma_tests != 0 {
                let k = lemma_tests.trailing_zeros() as usize;
                lemma_tests &= lemma_tests - 1;
                if self.reading_tests[k].holds(word, &reading) {
                    passed |= 1 << k;
                }
            }
            some |= passed;
            failed |= !passed;
        }
        let numbered = u64::MAX >> (64 - self.reading_tests.len());
        (some, numbered & !failed)
    }

    /// The numbered reading tests whose tag conditions a reading with tag bits `bits` meets
    /// (those without a lemma test pass).
    fn passed_by_tags(&self, bits: u64) -> u64 {
        self.reading_tests
            .iter()
            .enumerate()
            .filter(|(_, test)| test.passes_tags(bits))
            .fold(0, |passed, (k, _)| passed | 1 << k)
    }
}

/// The part of a token's [`Facts`] that depends on its word alone (the word sets, readings,
/// case and the flags read off them).
#[derive(Debug, Clone, Copy)]
pub(super) struct WordFacts {
    sets: u128,
    tags: u64,
    some_pass: u64,
    all_pass: u64,
    analysis: Analysis,
    flags: u16,
    anchors: u32,
}

/// The anchor group of a token, and which of the group's patterns may read the token after
/// it, a bit each (`None` when the group has more than 32 patterns): see
/// [`TokenFacts::anchor_verdict`].
pub(super) type AnchorVerdict = (u32, Option<u32>);

/// The number of slots of a [`WordCache`] (a power of two): 1 MB a thread.
const WORD_CACHE_SLOTS: usize = 16384;

/// The number of slots of [`WordCache::by_tags`] (a power of two).
const TAG_CACHE_SLOTS: usize = 1024;

/// The number of slots of [`WordCache::anchor_pairs`] (a power of two): 352 KB a thread.
const ANCHOR_PAIR_SLOTS: usize = 8192;

/// The number of slots of [`WordCache::relations`] (a power of two): 260 KB a thread.
const RELATION_SLOTS: usize = 4096;

/// The [`WordFacts`] of recently seen words of at most [`SHORT`](super::words::SHORT)
/// bytes, by the [`short_key`] of their text as written, for one [`WordSets`]: kept per thread across documents (a corpus repeats its
/// words).
pub(super) struct WordCache {
    /// The [`WordSets::id`] the entries were found with.
    owner: u64,
    /// The facts by key; 0 is no word's key.
    words: DirectMapped<u128, WordFacts>,
    /// The numbered reading tests whose tag conditions a reading meets, by its tag bits (see
    /// [`WordSets::reading_verdicts`]).
    by_tags: DirectMapped<u64, u64>,
    /// The anchor group of a token and which of its patterns may read the token after it,
    /// by the [`short_key`]s of the two tokens' texts (see [`TokenFacts::anchor_verdict`]).
    anchor_pairs: DirectMapped<[u128; 2], AnchorVerdict>,
    /// Whether the relations of a pattern hold between up to three words, by the [`short_key`]s of
    /// the words and the pattern (see [`TokenFacts::relations_verdict`]).
    relations: DirectMapped<([u128; 3], u32), bool>,
}

impl WordCache {
    /// An empty cache for the word sets with id `owner`.
    fn new(owner: u64) -> WordCache {
        let none = WordFacts {
            sets: 0,
            tags: 0,
            some_pass: 0,
            all_pass: 0,
            analysis: Analysis::UNKNOWN,
            flags: 0,
            anchors: 0,
        };
        WordCache {
            owner,
            words: DirectMapped::new(WORD_CACHE_SLOTS, 0, none),
            by_tags: DirectMapped::new(TAG_CACHE_SLOTS, u64::MAX, 0),
            anchor_pairs: DirectMapped::new(ANCHOR_PAIR_SLOTS, [0, 0], (0, None)),
            relations: DirectMapped::new(RELATION_SLOTS, ([0, 0, 0], 0), false),
        }
    }

    /// The facts of the word with key `key`, found by `find` when the cache does not hold them.
    #[inline]
    fn get_or_insert(
        words: &mut DirectMapped<u128, WordFacts>,
        key: u128,
        find: impl FnOnce() -> WordFacts,
    ) -> WordFacts {
        let hash = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
        words.get_or_insert(key, hash, find)
    }
}

thread_local! {
    /// The thread's [`WordCache`], lent to one [`TokenFacts`] at a time.
    static WORD_CACHE: std::cell::Cell<Option<Box<WordCache>>> = const { std::cell::Cell::new(None) };
}

/// The facts of a document's tokens, each found when a pattern first reads it: most tokens
/// are read by no pattern.
pub(super) struct TokenFacts<'m, 'd> {
    sets: &'m WordSets,
    doc: &'d Document<'d>,
    readings: &'d [Readings],
    /// Whether the document may hold parts of hyphenated words (see [`may_hold_fragments`]).
    fragments: bool,
    cells: Vec<OnceCell<Facts>>,
    /// The thread's word cache, while this pass holds it.
    cache: RefCell<Option<Box<WordCache>>>,
}

impl<'m, 'd> TokenFacts<'m, 'd> {
    /// The (not yet found) facts of the tokens of `doc`, against the word sets `sets`.
    pub(super) fn new(sets: &'m WordSets, doc: &'d Document<'d>) -> TokenFacts<'m, 'd> {
        let cache = WORD_CACHE
            .take()
            .filter(|cache| cache.owner == sets.id)
            .unwrap_or_else(|| Box::new(WordCache::new(sets.id)));
        TokenFacts {
            sets,
            doc,
            readings: doc.readings(),
            fragments: may_hold_fragments(doc.text),
            cells: (0..doc.tokens.len()).map(|_| OnceCell::new()).collect(),
            cache: RefCell::new(Some(cache)),
        }
    }
}

impl Drop for TokenFacts<'_, '_> {
    /// Gives the word cache back to the thread.
    fn drop(&mut self) {
        if let Some(cache) = self.cache.get_mut().take() {
            WORD_CACHE.set(Some(cache));
        }
    }
}

impl TokenFacts<'_, '_> {
    /// The facts of token `j`, if a pattern has read them.
    #[inline]
    pub(super) fn found(&self, j: usize) -> Option<&Facts> {
        self.cells[j].get()
    }

    /// The anchor group of token `i` and which of its patterns may read token `i + 1` as the
    /// token after their anchor, by bit, as `find` tells (`None` for the bits: too many
    /// patterns to tell), when both tokens have a [`TokenFacts::text_key`] (`words`). `find`
    /// must read no more than the two tokens' texts and the facts their texts give, not the
    /// flags of [`flag::CONTEXT`]: its verdict then holds for every pair of tokens with the
    /// same texts, and is kept for the thread by the two keys, so that a later pair is judged
    /// without looking up the indexing word nor finding the facts of the next one (the flags
    /// its verdict does not read are [`TokenFacts::context_flags`]).
    #[inline]
    pub(super) fn anchor_verdict(
        &self,
        words: [u128; 2],
        find: impl FnOnce() -> AnchorVerdict,
    ) -> AnchorVerdict {
        let hash = folded_key(words[0]) ^ folded_key(words[1]).rotate_left(23);
        self.remembered(|cache| &mut cache.anchor_pairs, words, hash, find)
    }

    /// The [`short_key`] of the text of token `j`, which with the flags of [`flag::CONTEXT`]
    /// gives its facts, when it is a word or an elided particle of at most
    /// [`SHORT`](super::words::SHORT) bytes (the facts of such a token are kept for the thread
    /// by that key, see [`WordSets::facts`]); `None` for other tokens.
    #[inline]
    pub(super) fn text_key(&self, j: usize) -> Option<u128> {
        let token = self.doc.tokens[j];
        if token.kind == TokenKind::Number {
            return None;
        }
        let text = self.doc.text.as_bytes();
        match latin_keys_at(text, self.doc.folded.as_bytes(), token.start, token.end) {
            Some((raw, _)) => Some(raw),
            // A curly apostrophe, a letter beyond Latin-1: read as `other_token_facts` does.
            None => short_key(&text[token.start..token.end]),
        }
    }

    /// The flags of [`flag::CONTEXT`] of token `j`, a token that is no number: those of its
    /// facts, found without them.
    #[inline]
    pub(super) fn context_flags(&self, j: usize) -> u16 {
        context_flags(self.doc, j, self.fragments)
    }

    /// The [`short_key`] of the text of token `j` when it is a plain word (see
    /// [`latin_keys_at`]), whose facts its text alone gives; `None` for other tokens.
    #[inline]
    pub(super) fn plain_word_key(&self, j: usize) -> Option<u128> {
        let token = self.doc.tokens[j];
        if token.kind != TokenKind::Word {
            return None;
        }
        let (text, folded) = (self.doc.text.as_bytes(), self.doc.folded.as_bytes());
        latin_keys_at(text, folded, token.start, token.end).map(|(raw, _)| raw)
    }

    /// Whether the relations of pattern `pattern` hold between up to three plain words with
    /// the keys `words` (see [`TokenFacts::plain_word_key`]; a key repeated for fewer words),
    /// as `hold` tells: kept for the thread by the words and the pattern. `hold` must read no
    /// more than the words' texts and the facts their texts give.
    #[inline]
    pub(super) fn relations_verdict(
        &self,
        words: [u128; 3],
        pattern: u32,
        hold: impl FnOnce() -> bool,
    ) -> bool {
        let [a, b, c] = words.map(folded_key);
        let hash = a ^ b.rotate_left(17) ^ c.rotate_left(41) ^ u64::from(pattern) << 40;
        self.remembered(|cache| &mut cache.relations, (words, pattern), hash, hold)
    }

    /// The value of `key` (whose hash is `hash`) in the thread's cache `table`, or the one
    /// `find` gives, then kept there. The cache is not borrowed while `find` runs: it may find
    /// the facts of a token, which the cache serves too.
    #[inline]
    fn remembered<K: Copy + PartialEq, V: Copy>(
        &self,
        table: impl Fn(&mut WordCache) -> &mut DirectMapped<K, V>,
        key: K,
        hash: u64,
        find: impl FnOnce() -> V,
    ) -> V {
        let cached = table(self.cache.borrow_mut().as_mut().expect(HELD)).get(key, hash);
        if let Some(value) = cached {
            return value;
        }
        let value = find();
        table(self.cache.borrow_mut().as_mut().expect(HELD)).insert(key, hash, value);
        value
    }
}

/// The two halves of a word's [`short_key`] folded into 64 bits, for the hash of a cache key.
#[inline]
fn folded_key(key: u128) -> u64 {
    (key as u64) ^ ((key >> 64) as u64).rotate_left(29)
}

/// Why [`TokenFacts::cache`] holds a cache.
const HELD: &str = "the cache is held until the pass is dropped";

impl Index<usize> for TokenFacts<'_, '_> {
    type Output = Facts;

    /// The facts of token `j`, found on first use.
    #[inline]
    fn index(&self, j: usize) -> &Facts {
        self.cells[j].get_or_init(|| {
            let mut cache = self.cache.borrow_mut();
            let cache = cache.as_mut().expect(HELD);
            self.sets
                .facts(self.doc, self.readings, j, self.fragments, cache)
        })
    }
}

/// The flags of [`flag::CONTEXT`] of token `j` of `doc`, a token that is no number;
/// `fragments`: see [`WordSets::facts`]. Inlined: most tokens are followed by a space and
/// the next token, which a few instructions tell.
#[inline(always)]
fn context_flags(doc: &Document, j: usize, fragments: bool) -> u16 {
    let end = doc.tokens[j].end;
    let mut flags = 0;
    if next_is_adjacent(doc, j) {
        flags |= flag::ADJACENT;
    }
    match doc.text.as_bytes().get(end) {
        Some(b'.' | b',' | b';' | b':' | b'!' | b'?') => flags |= flag::PUNCT_AFTER,
        Some(0xE2) if doc.text[end..].starts_with('…') => flags |= flag::PUNCT_AFTER,
        _ => {}
    }
    if fragments && doc.is_hyphenation_fragment(j) {
        flags |= flag::FRAGMENT;
    }
    flags
}

/// Whether `text` may hold a part of a word hyphenated across a line break (see
/// [`Document::is_hyphenation_fragment`]): a hyphen that blanks with a line break follow.
/// Most documents have none, and their tokens then skip the test. Hyphens are rarer than
/// line breaks: the text is searched for the last byte of each kind of hyphen ('-',
/// U+2010 and U+00AD).
pub(super) fn may_hold_fragments(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr3_iter(b'-', 0x90, 0xAD, bytes).any(|at| {
        let hyphen = match bytes[at] {
            b'-' => true,
            0x90 => at >= 2 && bytes[at - 2..at] == [0xE2, 0x80],
            _ => at >= 1 && bytes[at - 1] == 0xC2,
        };
        // The blanks after a hyphen, which ends at `at`.
        let blanks = || {
            let after = &text[at + 1..];
            &after[..after.len() - after.trim_start_matches(is_blank).len()]
        };
        hyphen && blanks().contains('\n')
    })
}

/// Whether `word` ends with `ending` (a byte comparison, no call for so short a test).
#[inline]
fn ends_with(word: &[u8], ending: &[u8]) -> bool {
    word.len() >= ending.len()
        && word[word.len() - ending.len()..]
            .iter()
            .zip(ending)
            .all(|(a, b)| a == b)
}

/// Whether the token after token `j` of `doc` follows it after blanks only, with at most one
/// line break.
#[inline]
pub(super) fn next_is_adjacent(doc: &Document, j: usize) -> bool {
    let Some(next) = doc.tokens.get(j + 1) else {
        return false;
    };
    let (end, bytes) = (doc.tokens[j].end, doc.text.as_bytes());
    // Most tokens are followed by one space, then the next token.
    (next.start == end + 1 && bytes[end] == b' ') || adjacent(&bytes[end..next.start])
}

/// Whether the bytes `gap` between two tokens are blanks with at most one line break.
#[inline(never)]
fn adjacent(gap: &[u8]) -> bool {
    if gap == b" " {
        return true;
    }
    // Most other gaps begin with a punctuation mark.
    if gap
        .first()
        .is_some_and(|&b| b.is_ascii() && !is_blank(char::from(b)))
    {
        return false;
    }
    if gap.iter().all(|&b| matches!(b, b' ' | b'\t' | b'\n')) {
        return gap.iter().filter(|&&b| b == b'\n').count() <= 1;
    }
    std::str::from_utf8(gap)
        .is_ok_and(|gap| gap.chars().all(is_blank) && gap.matches('\n').count() <= 1)
}

/// The case flags of a word in ASCII read as the [`short_key`](super::words::short_key)s of its
/// text (`raw`) and of its folded form (`folded`), which differ; `None` when the word is not
/// all ASCII letters. Folding changes exactly its uppercase letters.
#[inline]
fn ascii_case_flags(raw: u128, folded: u128) -> Option<u16> {
    let bytes = raw.to_le_bytes();
    let len = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    if !bytes[..len].iter().all(u8::is_ascii_alphabetic) {
        return None;
    }
    let changed = (raw ^ folded).to_le_bytes();
    let upper = changed[..len].iter().filter(|&&d| d != 0).count();
    Some(match (changed[0] != 0, upper) {
        (true, 1) => flag::CAPITALIZED,
        (true, n) if n == len => flag::CAPS,
        _ => 0,
    })
}

/// The case flags of a token written `text`.
fn case_flags(text: &str) -> u16 {
    let lower = if text.is_ascii() {
        !text.bytes().any(|b| b.is_ascii_uppercase())
    } else {
        !text.chars().any(char::is_uppercase)
    };
    if lower {
        return flag::LOWER;
    }
    match shape_of(text) {
        CaseShape::Capitalized => flag::CAPITALIZED,
        CaseShape::Upper => flag::CAPS,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    /// A document without a hyphen before a line break has no fragment; one with it may.
    #[test]
    fn a_document_without_a_hyphen_at_a_line_break_holds_no_fragment() {
        let mut texts = crate::fixture_texts::fixture_texts(&["seeds", "mt"]);
        texts.extend(
            [
                "un mot coupé en fin de ligne : anti-\nconstitutionnel",
                "anti\u{2010} \n  constitutionnel et anti\u{ad}\u{a0}\nmoderne",
                "un tiret - \n puis rien, et -\n\n deux lignes",
                "pas de coupure : anti-constitutionnel\net un tiret -",
                "- \nseul",
                "des caractères ␐ Ð í\u{2410}\nsans coupure ni tiret",
            ]
            .map(String::from),
        );
        let (mut with, mut without) = (0, 0);
        for text in &texts {
            let doc = Document::new(text, Format::Text);
            let any = (0..doc.tokens.len()).any(|j| doc.is_hyphenation_fragment(j));
            if may_hold_fragments(text) {
                with += 1;
            } else {
                assert!(!any, "{text}");
                without += 1;
            }
            if any {
                assert!(may_hold_fragments(text), "{text}");
            }
        }
        assert!(with >= 3 && without > 10, "{with} with, {without} without");
    }

    #[test]
    fn a_class_gets_the_bit_its_words_get() {
        let class = |members: &[&str]| {
            let mut class = WordClass::default();
            class.extend(&members.iter().map(|m| m.to_string()).collect::<Vec<_>>());
            class
        };
        let (det, prep) = (class(&["le", "la", "*eur"]), class(&["de", "à"]));
        let mut sets = WordSets::default();
        let first = sets.bit_of_class(&det);
        assert_eq!(first, sets.bit_of(det.members(), det.endings()));
        assert_eq!(sets.bit_of_class(&det.clone()), first, "a clone is known");
        assert_eq!(
            sets.bit_of_class(&class(&["la", "le", "*eur"])),
            first,
            "same words"
        );
        let second = sets.bit_of_class(&prep);
        assert!(second.is_some() && second != first);
        assert_eq!(sets.bit_of(prep.members(), prep.endings()), second);
    }
}
