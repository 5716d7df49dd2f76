//! What the rules need to know of a whole document while they read one part of it: a large
//! file is linted part by part, and the checks that look at the whole document (a line that
//! repeats an earlier one, the document's own uses of a word, the words it writes capitalized
//! as names) read these facts, gathered in a first pass over every part, instead of the text
//! of the other parts. Each fact is a fingerprint (a 64-bit hash of a word or a line), so the
//! memory they take grows with the document's vocabulary, not its size.

use super::{parts::LinePieces, word_counts::WordCounts};
use crate::{
    document::{Document, TranslationSigns},
    text::{normalize::line_key_hash, tokenize::TokenKind},
};
use std::collections::{HashMap, HashSet};

/// A `Hasher` for keys that are already fingerprints (64-bit hashes): one multiplication
/// spreads their bits over the table's index, where hashing the eight bytes again (as a
/// general hasher does) would cost eight.
#[derive(Debug, Default, Clone, Copy)]
pub struct Fingerprint(u64);

impl std::hash::Hasher for Fingerprint {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.write_u64(u64::from(byte));
        }
    }

    fn write_u64(&mut self, key: u64) {
        // FNV's low bits depend on the low bits of the input alone: fold the high half in
        // before mixing.
        self.0 = (self.0 ^ key ^ (key >> 32)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// A `BuildHasher` of [`Fingerprint`], for maps and sets keyed by fingerprints.
pub type FingerprintBuild = std::hash::BuildHasherDefault<Fingerprint>;

/// A map keyed by fingerprints.
pub type FingerprintMap<V> = HashMap<u64, V, FingerprintBuild>;

/// A set of fingerprints.
pub type FingerprintSet = HashSet<u64, FingerprintBuild>;

/// A 64-bit fingerprint of a folded word (FNV-1a).
pub fn word_hash(word: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in word.as_bytes() {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// A 64-bit fingerprint of `word` with its typographic apostrophes (’) straightened: the key
/// of the document's word counts. Not [`word_hash`]: the bytes are mixed eight at a time, and
/// two words of at most eight bytes and the same length never share a fingerprint.
pub fn straight_word_hash(word: &str) -> u64 {
    let bytes = word.as_bytes();
    // A word of up to sixteen bytes, most words, is copied where eight or sixteen bytes can be
    // read from its start: the one or two loads of `straight_hash_in`, not its byte-by-byte
    // remainder.
    if bytes.len() <= 16 {
        let mut padded = [0u8; 16];
        padded[..bytes.len()].copy_from_slice(bytes);
        return straight_hash_in(&padded, 0..bytes.len());
    }
    straight_hash_in(bytes, 0..bytes.len())
}

/// [`straight_word_hash`] of the word `text[range]`, read in place (see [`straight_hash_in`]).
pub fn straight_word_hash_at(text: &str, range: std::ops::Range<usize>) -> u64 {
    straight_hash_in(text.as_bytes(), range)
}

/// [`straight_word_hash`] of the word `text[range]`, its bytes read from `text` eight at a time
/// when `text` has them. A word of at most eight bytes followed by enough text, most words,
/// is read in one load.
#[inline]
fn straight_hash_in(text: &[u8], range: std::ops::Range<usize>) -> u64 {
    let len = range.end - range.start;
    if len <= 8
        && let Some(eight) = text.get(range.start..).and_then(<[u8]>::first_chunk::<8>)
    {
        let chunk = u64::from_le_bytes(*eight) & LOW_BYTES[len];
        if !has_e2(chunk) {
            return mix(start_hash(len), chunk);
        }
    }
    // Nine to sixteen bytes followed by enough text: two loads, mixed as `mixed_hash` mixes
    // them (the second zero-padded as its remainder is).
    if (9..=16).contains(&len)
        && let Some(sixteen) = text.get(range.start..).and_then(<[u8]>::first_chunk::<16>)
    {
        let first = u64::from_le_bytes(sixteen[..8].try_into().expect("eight bytes"));
        let second =
            u64::from_le_bytes(sixteen[8..].try_into().expect("eight bytes")) & LOW_BYTES[len - 8];
        if !has_e2(first) && !has_e2(second) {
            return mix(mix(start_hash(len), first), second);
        }
    }
    straight_hash_slow(text, range)
}

/// The mask of the first `n` bytes of a little-endian `u64`, at index `n` (0 to 8): a load
/// instead of a shift that must avoid shifting by 64.
const LOW_BYTES: [u64; 9] = {
    let mut masks = [u64::MAX; 9];
    let mut n = 0;
    while n < 8 {
        masks[n] = (1 << (8 * n)) - 1;
        n += 1;
    }
    masks
};

/// [`straight_hash_in`] of any word, straightened first when it holds a byte 0xE2.
#[inline(never)]
fn straight_hash_slow(text: &[u8], range: std::ops::Range<usize>) -> u64 {
    let word = &text[range];
    match mixed_hash(word) {
        (hash, false) => hash,
        (_, true) => mixed_hash(&straight_apostrophe_bytes(word)).0,
    }
}

/// `word` with every ’ (E2 80 99) written as a straight apostrophe.
fn straight_apostrophe_bytes(word: &[u8]) -> Vec<u8> {
    let mut straight = Vec::with_capacity(word.len());
    let mut at = 0;
    while let Some(&byte) = word.get(at) {
        if word[at..].starts_with("’".as_bytes()) {
            straight.push(b'\'');
            at += 3;
        } else {
            straight.push(byte);
            at += 1;
        }
    }
    straight
}

/// The hash of a word of `len` bytes before any of its bytes is mixed in.
fn start_hash(len: usize) -> u64 {
    (0xcbf2_9ce4_8422_2325 ^ len as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// `hash` with eight more bytes, `chunk`, mixed in.
fn mix(hash: u64, chunk: u64) -> u64 {
    let hash = (hash ^ chunk).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    hash ^ hash >> 32
}

/// Whether one of the eight bytes of `chunk` is 0xE2, the first byte of "’".
fn has_e2(chunk: u64) -> bool {
    crate::text::bytes::has_byte(chunk, 0xE2)
}

/// Hashes `word` eight bytes at a time (the last ones zero-padded), starting from its length,
/// and tells whether one of its bytes is 0xE2, the first byte of "’".
fn mixed_hash(word: &[u8]) -> (u64, bool) {
    let mut hash = start_hash(word.len());
    let mut e2 = false;
    let mut chunks = word.chunks_exact(8);
    for chunk in chunks.by_ref() {
        let chunk = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        e2 |= has_e2(chunk);
        hash = mix(hash, chunk);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() || word.is_empty() {
        let chunk = rest
            .iter()
            .rev()
            .fold(0, |chunk, &byte| chunk << 8 | u64::from(byte));
        e2 |= has_e2(chunk);
        hash = mix(hash, chunk);
    }
    (hash, e2)
}

/// The longest word, in bytes, that [`packed_word`] packs.
pub const MAX_PACKED: usize = 7;

/// The bytes of a word of at most [`MAX_PACKED`] bytes in an integer, with its length in the
/// high byte: two such words have the same integer exactly when they have the same bytes, so
/// that a set of short words can be looked up without hashing nor comparing a string. Read in
/// two overlapping loads from four bytes on (the bytes they share are the same) rather than
/// byte by byte.
#[inline]
pub fn packed_word(word: &[u8]) -> u64 {
    debug_assert!(word.len() <= MAX_PACKED);
    let len = word.len();
    let body = if len >= 4 {
        let first = u32::from_le_bytes([word[0], word[1], word[2], word[3]]);
        let last = u32::from_le_bytes([word[len - 4], word[len - 3], word[len - 2], word[len - 1]]);
        u64::from(first) | u64::from(last) << (8 * (len - 4))
    } else {
        word.iter()
            .enumerate()
            .fold(0u64, |key, (at, &byte)| key | u64::from(byte) << (8 * at))
    };
    body | (len as u64) << 56
}

/// [`packed_word`] of `text[range]`, read in one load of eight bytes when the text has them.
#[inline]
pub fn packed_word_in(text: &[u8], range: std::ops::Range<usize>) -> u64 {
    let len = range.end - range.start;
    debug_assert!(len <= MAX_PACKED);
    match text.get(range.start..range.start + 8) {
        Some(eight) => {
            let bytes = u64::from_le_bytes(eight.try_into().expect("eight bytes"));
            bytes & ((1u64 << (8 * len)) - 1) | (len as u64) << 56
        }
        None => packed_word(&text[range]),
    }
}

/// What one part of a document contributes to the facts of the whole.
#[derive(Debug, Default)]
pub struct PartFacts {
    words: FingerprintMap<u32>,
    capitalized: FingerprintSet,
    lines: FingerprintSet,
    sentences: FingerprintSet,
    /// The part's last line with text, when the repeated-line checks weigh it and it is its
    /// first occurrence in the part.
    last_line: Option<u64>,
    /// Whether the part writes a curly apostrophe (’).
    curly_apostrophe: bool,
    /// What the ranking of suggestions reads of the part's English words
    /// ([`PartFacts::with_ranking`]).
    ranking: RankingForms,
    /// What the expressions with a `share-of` mark weigh in the part ([`PartFacts::add_share`]).
    shares: FingerprintMap<ShareCount>,
    /// The rules whose requirement the part matches, by fingerprint of their id
    /// ([`PartFacts::add_requirement`]).
    requirements: FingerprintSet,
    /// The length of the part's prose, in bytes.
    text_len: usize,
    /// The part's suppression comments ([`PartFacts::with_suppressions`]).
    suppressions: Vec<crate::suppress::Directive>,
}

/// The English words of a text that the ranking of suggestions asks about the whole document
/// ([`crate::kinds::lexicon::ranking_forms`] gathers them): the forms it weighs to tell an
/// unfinished translation from spun text, each with its number of occurrences, and every form
/// whose candidates it may rank.
#[derive(Debug, Default)]
pub struct RankingForms {
    /// The forms weighed for the signs of an unfinished translation, with their occurrences.
    pub signals: HashMap<Box<str>, u32>,
    /// The forms whose candidates may be ranked.
    pub ranked: HashSet<Box<str>>,
    /// The folded forms the lexicon rules may ask the uses of as a term of the document
    /// ([`DocumentFacts::term_uses`]).
    pub terms: HashSet<Box<str>>,
    /// The places around the ranked forms' tokens where the ranking may ask whether the
    /// document writes a candidate: each a fingerprint of a pair of adjacent words without the
    /// candidate (the word before and the gap, or the word after).
    pub contexts: FingerprintSet,
}

impl RankingForms {
    /// Adds `other`'s forms and occurrences.
    fn merge(&mut self, other: RankingForms) {
        for (form, count) in other.signals {
            *self.signals.entry(form).or_default() += count;
        }
        self.ranked.extend(other.ranked);
        self.terms.extend(other.terms);
        self.contexts.extend(other.contexts);
    }
}

/// What the ranking of suggestions knows of a whole document once every part is read
/// ([`crate::kinds::lexicon::settle_ranking`] computes it from the [`RankingForms`] of the
/// parts and the document's word counts).
#[derive(Debug, Default)]
pub struct RankingFacts {
    /// How much the document reads as an unfinished translation.
    pub signs: TranslationSigns,
    /// The fingerprints ([`straight_word_hash`]) of every word a ranking may propose: the
    /// word pairs of the document are gathered for these alone.
    pub candidates: FingerprintSet,
    /// The places where the ranking may ask for a candidate ([`RankingForms::contexts`]): the
    /// word pairs are gathered in these alone.
    pub contexts: FingerprintSet,
    /// An automaton of the forms the lexicon rules may ask the uses of as a term, when there
    /// are some, and the fingerprint ([`word_hash`]) of each, by pattern.
    pub terms: Option<(aho_corasick::AhoCorasick, Vec<u64>)>,
}

/// What an expression with a `share-of` mark weighs in a text: its matches, and the uses of
/// its mark. Its matches keep their severity when they make up enough of the uses.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ShareCount {
    /// The expression's matches that make a diagnostic.
    pub matches: u32,
    /// The uses of the mark.
    pub uses: u32,
}

impl std::ops::AddAssign for ShareCount {
    fn add_assign(&mut self, other: ShareCount) {
        self.matches += other.matches;
        self.uses += other.uses;
    }
}

/// The key of the [`ShareCount`] of expression `index` of rule `rule` in the facts.
fn share_key(rule: &str, index: usize) -> u64 {
    (word_hash(rule) ^ index as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// How a word is used in a document, as the lexicon rules weigh whether it is one of its
/// terms: its occurrences that stand alone (no letter nor digit touching them), and how many
/// of those mark it as a term (capitalized mid-sentence, quoted, joined to code).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct TermUses {
    /// The occurrences that stand alone.
    pub uses: u32,
    /// The occurrences among them that mark the word as a term.
    pub marked: u32,
}

impl std::ops::AddAssign for TermUses {
    fn add_assign(&mut self, other: TermUses) {
        self.uses += other.uses;
        self.marked += other.marked;
    }
}

/// Adds the counts of `more` to those of `counts`, key by key.
fn add_counts<T: std::ops::AddAssign + Default>(
    counts: &mut FingerprintMap<T>,
    more: FingerprintMap<T>,
) {
    for (key, count) in more {
        *counts.entry(key).or_default() += count;
    }
}

impl PartRankingFacts {
    /// Adds what another part says.
    pub fn merge(&mut self, other: PartRankingFacts) {
        self.pairs.extend(other.pairs);
        add_counts(&mut self.terms, other.terms);
    }
}

/// What one part of a document says of the words the ranking asks about, once the first pass
/// has told which: its pairs of adjacent words with a candidate on one side, and the uses of
/// each form asked as a term.
#[derive(Debug, Default)]
pub struct PartRankingFacts {
    /// The fingerprinted pairs, as the ranking makes them.
    pub pairs: FingerprintSet,
    /// The uses of each form asked as a term, by fingerprint ([`word_hash`]).
    pub terms: FingerprintMap<TermUses>,
}

impl PartFacts {
    /// The facts of `doc`, one part of a document; `min_words` is the fewest words a line must
    /// have for the repeated-line checks to weigh it, `sentence_min_words` the fewest words of
    /// a sentence for the repeated-sentence checks; `pieces` tells which of its lines are
    /// pieces of a longer line (they are no lines to repeat).
    pub fn of(
        doc: &Document,
        min_words: Option<usize>,
        sentence_min_words: Option<usize>,
        pieces: LinePieces,
    ) -> PartFacts {
        let mut facts = PartFacts::default();
        if let Some(min_words) = sentence_min_words {
            facts.sentences =
                crate::kinds::repetition::sentence_fingerprints(doc.text, min_words).collect();
        }
        for (word, count) in doc.word_counts().iter() {
            *facts.words.entry(word).or_default() += count;
        }
        facts.capitalized = doc.capitalized_hashes().clone();
        facts.curly_apostrophe = doc.has_curly_apostrophe();
        facts.text_len = doc.text.len();
        if let Some(min_words) = min_words {
            let mut line_start = 0;
            for line in doc.text.split('\n') {
                let whole = pieces.is_whole(doc.text, line_start..line_start + line.len());
                line_start += line.len() + 1;
                let line = line.trim_end_matches('\r');
                if line.trim().is_empty() {
                    continue;
                }
                facts.last_line = None;
                if !whole {
                    continue;
                }
                if line
                    .split_whitespace()
                    .nth(min_words.saturating_sub(1))
                    .is_some()
                {
                    let hash = line_key_hash(line);
                    if facts.lines.insert(hash) {
                        facts.last_line = Some(hash);
                    }
                }
            }
        }
        facts
    }

    /// Records what expression `index` of rule `rule`, which has a `share-of` mark, weighs in
    /// the part.
    pub fn add_share(&mut self, rule: &str, index: usize, count: ShareCount) {
        self.shares.insert(share_key(rule, index), count);
    }

    /// The facts with the part's suppression comments, which reach the other parts too.
    pub fn with_suppressions(self, suppressions: Vec<crate::suppress::Directive>) -> PartFacts {
        PartFacts {
            suppressions,
            ..self
        }
    }

    /// Records that the part matches what rule `rule` requires of a document.
    pub fn add_requirement(&mut self, rule: &str) {
        self.requirements.insert(word_hash(rule));
    }

    /// The facts with what the ranking of suggestions reads of the part's English words.
    pub fn with_ranking(self, ranking: RankingForms) -> PartFacts {
        PartFacts { ranking, ..self }
    }
}

/// The facts of a whole document, gathered from its parts in order.
#[derive(Debug, Default)]
pub struct DocumentFacts {
    /// How many times each folded word occurs in the document.
    words: FingerprintMap<u32>,
    /// The folded words written capitalized in the middle of a sentence somewhere.
    capitalized: FingerprintSet,
    /// For each line that occurs in more than one part: the first part that holds it.
    lines: FingerprintMap<u32>,
    /// For the lines seen in a single part so far: that part.
    lines_once: FingerprintMap<u32>,
    /// The lines whose first occurrence is the last line with text of its part.
    ends_part: FingerprintSet,
    /// The sentences that occur in more than one part, and the first part of each.
    sentences: FirstParts,
    /// How many parts were added.
    parts: u32,
    /// Whether the document writes a curly apostrophe (’).
    curly_apostrophe: bool,
    /// The English words of every part the ranking asks about, until they are taken
    /// ([`DocumentFacts::take_ranking_forms`]).
    ranking_forms: RankingForms,
    /// What the ranking knows of the whole document, once settled.
    ranking: RankingFacts,
    /// The document's pairs of adjacent words with a candidate of the ranking on one side, as
    /// the ranking fingerprints them, added by [`DocumentFacts::add_ranking`].
    pairs: FingerprintSet,
    /// The uses of each form asked as a term, by fingerprint, added by
    /// [`DocumentFacts::add_ranking`].
    terms: FingerprintMap<TermUses>,
    /// What each expression with a `share-of` mark weighs in the whole document.
    shares: FingerprintMap<ShareCount>,
    /// The rules whose requirement some part matches, by fingerprint of their id.
    requirements: FingerprintSet,
    /// The length of the document's prose, in bytes.
    text_len: usize,
    /// The suppression comments of the parts, as each part inherits them.
    suppressions: crate::suppress::PartSuppressions,
}

impl DocumentFacts {
    /// Adds the facts of the next part, in the order of the document.
    pub fn add(&mut self, part: PartFacts) {
        let index = self.parts;
        self.parts += 1;
        for (word, count) in part.words {
            *self.words.entry(word).or_default() += count;
        }
        self.capitalized.extend(part.capitalized);
        self.curly_apostrophe |= part.curly_apostrophe;
        self.requirements.extend(part.requirements);
        self.suppressions.add(index, part.suppressions);
        self.text_len += part.text_len;
        add_counts(&mut self.shares, part.shares);
        self.ranking_forms.merge(part.ranking);
        for sentence in part.sentences {
            self.sentences.add(sentence, index);
        }
        for line in part.lines {
            if self.lines.contains_key(&line) {
                continue;
            }
            match self.lines_once.get(&line) {
                Some(&first) => {
                    self.lines.insert(line, first);
                    self.lines_once.remove(&line);
                }
                None => {
                    self.lines_once.insert(line, index);
                    if part.last_line == Some(line) {
                        self.ends_part.insert(line);
                    }
                }
            }
        }
    }

    /// Drops what the second pass does not need (the lines seen in one part only).
    pub fn finish(&mut self) {
        self.lines_once = HashMap::default();
        self.sentences.finish();
        let lines = &self.lines;
        self.ends_part.retain(|line| lines.contains_key(line));
    }

    /// The English words the ranking asks about, gathered from every part, taken out of the
    /// facts for [`DocumentFacts::settle_ranking`].
    pub fn take_ranking_forms(&mut self) -> RankingForms {
        std::mem::take(&mut self.ranking_forms)
    }

    /// Records what the ranking knows of the whole document (computed from the forms of
    /// [`DocumentFacts::take_ranking_forms`] and the word counts).
    pub fn settle_ranking(&mut self, ranking: RankingFacts) {
        // Every form asked about has its uses, none when no part counts any.
        if let Some((_, keys)) = &ranking.terms {
            self.terms = keys.iter().map(|&key| (key, TermUses::default())).collect();
        }
        self.ranking = ranking;
    }

    /// What the ranking knows of the whole document, once settled.
    pub fn ranking(&self) -> &RankingFacts {
        &self.ranking
    }

    /// Adds what one part says of the words the ranking asks about (in any order of the parts).
    pub fn add_ranking(&mut self, part: PartRankingFacts) {
        if self.pairs.is_empty() {
            self.pairs = part.pairs;
        } else {
            self.pairs.extend(part.pairs);
        }
        add_counts(&mut self.terms, part.terms);
    }

    /// The uses in the whole document of the folded form with fingerprint `form` ([`word_hash`]),
    /// when the first pass found it among the forms the lexicon rules may ask about.
    pub fn term_uses(&self, form: u64) -> Option<TermUses> {
        self.terms.get(&form).copied()
    }

    /// The document's pairs of adjacent words with a candidate of the ranking on one side.
    pub fn word_pairs(&self) -> &FingerprintSet {
        &self.pairs
    }

    /// What expression `index` of rule `rule` (with a `share-of` mark) weighs in the whole
    /// document, when the facts were gathered with that rule.
    pub fn share(&self, rule: &str, index: usize) -> Option<ShareCount> {
        self.shares.get(&share_key(rule, index)).copied()
    }

    /// What the suppression comments of the other parts do in part `index`
    /// ([`crate::suppress::PartSuppressions::inherited`]).
    pub fn inherited_suppressions(&self, index: u32) -> Vec<crate::suppress::Directive> {
        self.suppressions.inherited(index)
    }

    /// The length of the document's prose, in bytes (the parts' prose, added up).
    pub fn text_len(&self) -> usize {
        self.text_len
    }

    /// Whether some part of the document matches what rule `rule` requires of a document.
    pub fn requirement_holds(&self, rule: &str) -> bool {
        self.requirements.contains(&word_hash(rule))
    }

    /// Whether the document writes a curly apostrophe (’).
    pub fn has_curly_apostrophe(&self) -> bool {
        self.curly_apostrophe
    }

    /// How many times the folded word with fingerprint `word` ([`straight_word_hash`]) occurs in the document.
    pub fn count(&self, word: u64) -> u32 {
        self.words.get(&word).copied().unwrap_or(0)
    }

    /// Whether the folded word with fingerprint `word` is written capitalized mid-sentence
    /// somewhere in the document.
    pub fn capitalized(&self, word: u64) -> bool {
        self.capitalized.contains(&word)
    }

    /// The first part that holds the line with key fingerprint `line`, when more than one
    /// part does.
    pub fn first_part_of_line(&self, line: u64) -> Option<u32> {
        self.lines.get(&line).copied()
    }

    /// The first part that holds the sentence with key fingerprint `sentence`, when more than
    /// one part does.
    pub fn first_part_of_sentence(&self, sentence: u64) -> Option<u32> {
        self.sentences.first.get(&sentence).copied()
    }

    /// Whether the first occurrence of the line with key fingerprint `line` is the last line
    /// with text of its part.
    pub fn line_ends_its_part(&self, line: u64) -> bool {
        self.ends_part.contains(&line)
    }
}

/// Fingerprints seen in the parts of a document: for those seen in more than one part, the
/// first part that holds each.
#[derive(Debug, Default)]
struct FirstParts {
    /// The fingerprints seen in more than one part, with the first part of each.
    first: FingerprintMap<u32>,
    /// The fingerprints seen in a single part so far, with that part.
    once: FingerprintMap<u32>,
}

impl FirstParts {
    /// Records `hash`, seen in part `index` (parts come in order, each hash once per part).
    fn add(&mut self, hash: u64, index: u32) {
        if self.first.contains_key(&hash) {
            return;
        }
        match self.once.remove(&hash) {
            Some(first) => {
                self.first.insert(hash, first);
            }
            None => {
                self.once.insert(hash, index);
            }
        }
    }

    /// Drops the fingerprints seen in one part only.
    fn finish(&mut self) {
        self.once = HashMap::default();
    }
}

/// Where a part stands in its document, and what the document holds.
#[derive(Debug, Clone, Copy)]
pub struct PartContext<'f> {
    /// The facts of the whole document.
    pub facts: &'f DocumentFacts,
    /// The part's index, from 0.
    pub index: u32,
    /// Whether the part ends the document.
    pub last: bool,
    /// Which of its lines are pieces of a line cut for its length.
    pub pieces: crate::corpus::parts::LinePieces,
}

/// Counts the word tokens of `doc` by fingerprint of their folded, straight-apostrophe form,
/// with the tokens of each ([`WordCounts::tokens_of`]).
pub fn count_words(doc: &Document) -> WordCounts {
    let folded = doc.folded.as_bytes();
    // A text repeats its words: a quarter of its tokens is room for its vocabulary.
    let mut counts = WordCounts::with_capacity_for_tokens(doc.tokens.len() / 4, doc.tokens.len());
    for (i, token) in doc.tokens.iter().enumerate() {
        if token.kind == TokenKind::Word {
            counts.add_token(straight_hash_in(folded, token.range()), i as u32);
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::Format;

    #[test]
    fn the_straight_hash_is_the_hash_of_the_straightened_word() {
        let words = [
            "",
            "l’",
            "aujourd’hui",
            "l'",
            "’’x’",
            "é’",
            "\u{2018}a",
            "a\u{e2}",
            "anticonstitutionnellement",
            "quatorze",
            "ⅻ’ⅻ",
        ];
        for word in words {
            let straight = crate::text::normalize::straight_apostrophes(word);
            assert_eq!(
                straight_word_hash(word),
                straight_word_hash(&straight),
                "{word:?}"
            );
            let text = format!("{word} et la suite");
            assert_eq!(
                straight_hash_in(text.as_bytes(), 0..word.len()),
                straight_word_hash(word),
                "{word:?}"
            );
        }
        let mut hashes: Vec<u64> = words.iter().map(|w| straight_word_hash(w)).collect();
        hashes
            .extend(["a", "b", "ab", "ba", "a\0", "abcdefgh", "abcdefgi"].map(straight_word_hash));
        let mut distinct = hashes.clone();
        distinct.sort_unstable();
        distinct.dedup();
        // "l’" and "l'" are one word.
        assert_eq!(distinct.len(), hashes.len() - 1);
    }

    /// Calls `check` with every range of `text` of up to `longest` bytes that starts and ends
    /// on character boundaries.
    fn for_each_range(text: &str, longest: usize, mut check: impl FnMut(std::ops::Range<usize>)) {
        for start in (0..text.len()).filter(|&at| text.is_char_boundary(at)) {
            for end in start..=(start + longest).min(text.len()) {
                if text.is_char_boundary(end) {
                    check(start..end);
                }
            }
        }
    }

    #[test]
    fn the_hash_read_in_place_is_the_hash_of_the_word() {
        let text = "anticonstitutionnellement l’aujourd’hui quatorze é’x abcdefghijklmnopq";
        for_each_range(text, 20, |range| {
            assert_eq!(
                straight_hash_in(text.as_bytes(), range.clone()),
                straight_hash_slow(text.as_bytes(), range.clone()),
                "{:?}",
                &text[range]
            );
        });
    }

    #[test]
    fn a_word_alone_hashes_as_the_same_word_in_a_text() {
        let text = "anticonstitutionnellement l’aujourd’hui’’ quatorze é’x abcdefghijklmnopq ⅻ’ⅻ";
        for_each_range(text, 24, |range| {
            assert_eq!(
                straight_word_hash(&text[range.clone()]),
                straight_hash_slow(text.as_bytes(), range.clone()),
                "{:?}",
                &text[range]
            );
        });
    }

    #[test]
    fn packed_words_differ_when_their_bytes_do() {
        let words = [
            "", "a", "à", "le", "la", "les", "l’", "the", "their", "plus", "a\0",
        ];
        for a in words {
            for b in words {
                assert_eq!(
                    packed_word(a.as_bytes()) == packed_word(b.as_bytes()),
                    a == b
                );
            }
            let text = format!("{a} et la suite");
            assert_eq!(
                packed_word_in(text.as_bytes(), 0..a.len()),
                packed_word(a.as_bytes())
            );
            assert_eq!(
                packed_word_in(a.as_bytes(), 0..a.len()),
                packed_word(a.as_bytes())
            );
        }
    }

    #[test]
    fn facts_of_parts_add_up() {
        let parts = [
            "Président du conseil, il parle à Paris.\n\nUne ligne qui se répète ici.\n",
            "Le bureau du président.\n\nUne ligne qui se répète ici.\n",
            "Le bureau encore, l’autre.\n",
        ];
        let mut facts = DocumentFacts::default();
        for (index, part) in parts.iter().enumerate() {
            let doc = Document::new(part, Format::Text);
            let mut part_facts = PartFacts::of(&doc, Some(3), Some(4), LinePieces::default());
            part_facts.add_share(
                "rule/a",
                1,
                ShareCount {
                    matches: 1,
                    uses: 2,
                },
            );
            if index == 1 {
                part_facts.add_requirement("rule/b");
            }
            facts.add(part_facts);
        }
        facts.finish();
        assert_eq!(
            facts.text_len(),
            parts.iter().map(|p| p.len()).sum::<usize>()
        );
        assert!(facts.has_curly_apostrophe(), "the last part has one");
        assert_eq!(
            facts.share("rule/a", 1),
            Some(ShareCount {
                matches: 3,
                uses: 6
            })
        );
        assert_eq!(facts.share("rule/a", 0), None);
        assert!(facts.requirement_holds("rule/b"));
        assert!(!facts.requirement_holds("rule/a"));
        assert_eq!(facts.count(straight_word_hash("bureau")), 2);
        assert_eq!(facts.count(straight_word_hash("président")), 2);
        assert!(
            !facts.capitalized(word_hash("président")),
            "a sentence start is no name"
        );
        assert!(facts.capitalized(word_hash("paris")));
        assert_eq!(
            facts.first_part_of_line(line_key_hash("Une ligne qui se répète ici.")),
            Some(0)
        );
        assert_eq!(
            facts.first_part_of_line(line_key_hash("Le bureau encore.")),
            None
        );
        assert!(facts.line_ends_its_part(line_key_hash("Une ligne qui se répète ici.")));
        assert_eq!(
            facts.first_part_of_sentence(line_key_hash("Une ligne qui se répète ici.")),
            Some(0)
        );
        assert_eq!(
            facts.first_part_of_sentence(line_key_hash("Le bureau du président.")),
            None
        );
    }
}
