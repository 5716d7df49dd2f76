//! Repetition: a word written twice ("le le"), a coordinated duplicate ("opportun et opportun"),
//! a line that repeats an earlier one once typography is normalised, and a sentence that repeats
//! an earlier one inside other text (a summary copied as the first paragraph).

use crate::{
    diagnostic::{Applicability, Edit},
    document::Document,
    kinds::{CompileContext, Sink, quoted},
    rules::{PackError, RuleMeta, spec::RuleSpec},
    text::normalize::{
        hash_bytes, is_blank, line_key_hash, line_key_start_hash, same_line_key,
        straight_apostrophes, trim_blanks_end, trim_blanks_start,
    },
    text::tokenize::Token,
};
use first_of_each_key::FirstByStart;
use std::collections::HashSet;

mod first_of_each_key;
pub mod same_length;

/// What a repetition rule looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The same word twice in a row.
    Word,
    /// The same word on both sides of a conjunction.
    Coordinated,
    /// A line equal to an earlier line.
    Line,
    /// A sentence equal to an earlier sentence, within lines that differ.
    Sentence,
}

/// A compiled repetition rule.
#[derive(Debug)]
pub struct RepetitionRule {
    /// What it looks for.
    pub mode: Mode,
    allow: HashSet<String>,
    conjunctions: HashSet<String>,
    /// The fewest words of a line the `line` mode weighs.
    pub min_words: usize,
    distant_severity: Option<crate::diagnostic::Severity>,
    content_words: bool,
    /// Phrases (their lowercase words) after which a coordinated repetition is an idiom.
    not_after: Vec<Vec<String>>,
}

impl RepetitionRule {
    /// Validates and compiles a `kind = "repetition"` rule.
    pub fn compile(spec: &RuleSpec, ctx: &CompileContext) -> Result<Self, PackError> {
        let mode = match ctx.mode(&spec.mode, &["word", "coordinated", "line", "sentence"])? {
            "word" => Mode::Word,
            "coordinated" => Mode::Coordinated,
            "sentence" => Mode::Sentence,
            _ => Mode::Line,
        };
        let lower = |list: &Option<Vec<String>>| -> HashSet<String> {
            list.iter()
                .flatten()
                .map(|w| straight_apostrophes(&w.to_lowercase()))
                .collect()
        };
        let conjunctions = lower(&spec.conjunctions);
        if mode == Mode::Coordinated && conjunctions.is_empty() {
            return Err(ctx.missing(spec, "conjunctions"));
        }
        Ok(RepetitionRule {
            mode,
            allow: lower(&spec.allow),
            conjunctions,
            min_words: spec.min_words.unwrap_or(4),
            distant_severity: spec.distant_severity,
            content_words: spec.content_words.unwrap_or(false),
            not_after: spec
                .not_after
                .iter()
                .flatten()
                .map(|phrase| {
                    straight_apostrophes(&phrase.to_lowercase())
                        .split_whitespace()
                        .map(str::to_string)
                        .collect()
                })
                .collect(),
        })
    }

    /// Whether the rule checks tokens (words and coordinated duplicates,
    /// [`RepetitionRule::check_tokens`]) rather than lines and sentences.
    pub fn visits_tokens(&self) -> bool {
        matches!(self.mode, Mode::Word | Mode::Coordinated)
    }

    fn allowed(&self, word: &str) -> bool {
        self.allow.contains(word)
            || (crate::text::normalize::has_curly_apostrophe(word)
                && self.allow.contains(&straight_apostrophes(word)))
    }

    /// The token-level checks (a word twice in a row, a coordinated duplicate) over the tokens
    /// of `doc`, in order. Only a token as long as the one it may repeat (one or two tokens
    /// back) may repeat it: those are found once for both checks
    /// ([`Document::same_lengths`]), and only their folded bytes are compared.
    pub fn check_tokens(&self, meta: &RuleMeta, doc: &Document, sink: &mut Sink) {
        match self.mode {
            Mode::Word => {
                for &i in &doc.same_lengths().one_back {
                    if same_folded_bytes(doc, doc.tokens[i - 1], doc.tokens[i]) {
                        self.repeated_word(meta, doc, i, sink);
                    }
                }
            }
            Mode::Coordinated => {
                for &i in &doc.same_lengths().two_back {
                    if same_folded_bytes(doc, doc.tokens[i - 2], doc.tokens[i]) {
                        self.coordinated(meta, doc, i, sink);
                    }
                }
            }
            Mode::Line | Mode::Sentence => {}
        }
    }

    #[inline(never)]
    fn repeated_word(&self, meta: &RuleMeta, doc: &Document, i: usize, sink: &mut Sink) {
        if i == 0 {
            return;
        }
        let (first, second) = (doc.tokens[i - 1], doc.tokens[i]);
        if !same_folded_bytes(doc, first, second) || !first.is_wordlike() || !second.is_wordlike() {
            return;
        }
        if self.allowed(doc.folded_word(i)) || !only_blanks(&doc.text[first.end..second.start]) {
            return;
        }
        let span = first.start..second.end;
        if doc.is_protected(&span) {
            return;
        }
        let word = doc.word(i);
        let fix = (
            vec![Edit::delete(first.end..second.end)],
            format!("Remove the second {}", quoted(word)),
        );
        sink.report(
            meta,
            span,
            meta.render_message(word, "", ""),
            Some(fix),
            None,
        );
    }

    #[inline(never)]
    fn coordinated(&self, meta: &RuleMeta, doc: &Document, i: usize, sink: &mut Sink) {
        if i < 2 {
            return;
        }
        let (first, conjunction, second) = (doc.tokens[i - 2], doc.tokens[i - 1], doc.tokens[i]);
        if !same_folded_bytes(doc, first, second) {
            return;
        }
        let word = doc.folded_word(i);
        if doc.word(i) != doc.word(i - 2) || !first.is_wordlike() || !second.is_wordlike() {
            return;
        }
        if !self.conjunctions.contains(doc.folded_word(i - 1))
            || word.chars().count() < 3
            || self.allowed(word)
            || (self.content_words && !is_content_word(word))
        {
            return;
        }
        if !only_blanks(&doc.text[first.end..conjunction.start])
            || !only_blanks(&doc.text[conjunction.end..second.start])
        {
            return;
        }
        if self.after_idiom_phrase(doc, i - 2) {
            return;
        }
        let span = first.start..second.end;
        if doc.is_protected(&span) {
            return;
        }
        let shown = &doc.text[span.clone()];
        let fix = (
            vec![Edit::delete(first.end..second.end)],
            format!("Keep one {}", quoted(doc.word(i - 2))),
        );
        sink.report(
            meta,
            span,
            meta.render_message(shown, doc.word(i - 2), ""),
            Some(fix),
            None,
        );
    }

    /// Whether the words right before token `first` spell one of the `not-after` phrases, one
    /// blank apart ("il y a fagots et fagots").
    fn after_idiom_phrase(&self, doc: &Document, first: usize) -> bool {
        self.not_after.iter().any(|phrase| {
            let Some(start) = first.checked_sub(phrase.len()) else {
                return false;
            };
            phrase.iter().enumerate().all(|(k, word)| {
                let t = start + k;
                straight_apostrophes(doc.folded_word(t)) == *word
                    && only_blanks(&doc.text[doc.tokens[t].end..doc.tokens[t + 1].start])
            })
        })
    }

    /// The line-level checks: every line (or, in `sentence` mode, every sentence) that
    /// repeats an earlier one.
    pub fn check_lines(&self, meta: &RuleMeta, doc: &Document, sink: &mut Sink) {
        if self.mode == Mode::Sentence {
            return self.check_sentences(meta, doc, sink);
        }
        if self.mode != Mode::Line {
            return;
        }
        let text = doc.text;
        // Room for lines of the usual length, so that the table seldom grows.
        let mut seen: FirstByStart<(usize, usize)> =
            FirstByStart::with_capacity(text.len() / USUAL_LINE_BYTES);
        let line_at =
            |&(start, end): &(usize, usize)| text[start..end].trim_end_matches(['\n', '\r']);
        // The lines from the document's line feeds, found once and shared with the other
        // rules that read lines.
        let pieces = doc.part().map(|part| part.pieces).unwrap_or_default();
        for (line_start, raw) in crate::text::lines::lines_of_feeds(text, doc.line_feeds()) {
            let offset = line_start + raw.len();
            let line = raw.trim_end_matches(['\n', '\r']);
            if !holds_words(line, self.min_words.max(1))
                || !pieces.is_whole(text, line_start..offset)
            {
                continue;
            }
            let content = line_start..line_start + line.len();
            if doc.is_protected(&content) {
                continue;
            }
            // In one part of a large document, a line that an earlier part holds repeats it:
            // right after it when that copy ends the previous part and only blanks follow.
            let earlier_part = doc.part().and_then(|part| {
                let hash = line_key_hash(line);
                let first = part.facts.first_part_of_line(hash)?;
                (first < part.index).then(|| {
                    first + 1 == part.index
                        && part.facts.line_ends_its_part(hash)
                        && text[..line_start].chars().all(is_blank)
                })
            });
            let adjacent = if let Some(adjacent) = earlier_part {
                adjacent && !has_empty_pair(line)
            } else {
                let hash = line_key_start_hash(line, LINE_HASH_PREFIX);
                let Some(&(_, earlier_end)) = seen.find(
                    hash,
                    || line_key_hash(line),
                    |entry| same_line_key(line_at(entry), line),
                ) else {
                    seen.insert(hash, (line_start, offset), |entry| {
                        line_key_hash(line_at(entry))
                    });
                    continue;
                };
                // A line with an empty pair of quotes or brackets lost words in extraction, and
                // its copy may have lost different ones: only an intact line is certainly
                // repeated.
                text[earlier_end..line_start].chars().all(is_blank) && !has_empty_pair(line)
            };
            let deletion = line_deletion_of(doc, line_start, offset);
            let applicability = if adjacent {
                Applicability::Safe
            } else {
                Applicability::Unsafe
            };
            let fix = (
                vec![Edit::delete(deletion)],
                "Delete the repeated line".to_string(),
            );
            sink.report(
                meta,
                content,
                meta.render_message(line.trim(), "", ""),
                Some(fix),
                Some(applicability),
            );
            if !adjacent {
                sink.set_last_severity(self.distant_severity);
            }
        }
    }
}

impl RepetitionRule {
    /// `sentence` mode: a sentence of `min-words` words or more that repeats an earlier one of
    /// the document, inside a line that is not itself a repeat (the `line` mode's). A copy right
    /// after its original, in the same paragraph, is the rule's severity; another repeat (a lead
    /// copied as the start of the next paragraph, which a message catalog also makes when a long
    /// message begins with a short one; a refrain; a reminder) is `distant-severity`. Sentences
    /// inside « » are quotations and stay silent. The fix deletes the copy.
    fn check_sentences(&self, meta: &RuleMeta, doc: &Document, sink: &mut Sink) {
        let text = doc.text;
        let all = sentences(text, doc.line_feeds());
        let mut seen: FirstByStart<(usize, usize, std::ops::Range<usize>)> =
            FirstByStart::with_capacity(all.len());
        for (index, &(paragraph, ref sentence)) in all.iter().enumerate() {
            // The hash of the first bytes sorts sentences cheaply; sentences with equal hashes
            // are then compared in full.
            let Some(hash) = weighed_sentence(&text[sentence.clone()], self.min_words) else {
                continue;
            };
            let body = &text[sentence.clone()];
            // In one part of a large document, a sentence that an earlier part holds repeats
            // it (from another paragraph: parts end at paragraph breaks).
            let in_earlier_part = doc.part().is_some_and(|part| {
                part.facts
                    .first_part_of_sentence(line_key_hash(body))
                    .is_some_and(|first| first < part.index)
            });
            let found = seen
                .find(
                    hash,
                    || line_key_hash(body),
                    |(_, _, range)| same_line_key(&text[range.clone()], body),
                )
                .map(|&(index, paragraph, _)| (index, paragraph));
            let (earlier_index, earlier_paragraph) = match found {
                Some(found) if !in_earlier_part => found,
                // Never near its copy in another part.
                _ if in_earlier_part => (usize::MAX, usize::MAX),
                _ => {
                    seen.insert(
                        hash,
                        (index, paragraph, sentence.clone()),
                        |(_, _, range)| line_key_hash(&text[range.clone()]),
                    );
                    continue;
                }
            };
            if doc.is_protected(sentence) || doc.inside_guillemets(sentence.start) {
                continue;
            }
            // A whole line repeated is the `line` mode's.
            let line_start = doc.line_around(sentence.start).start;
            let line_end = doc.line_around(sentence.end).end;
            if text[line_start..line_end].trim() == body {
                continue;
            }
            // The copy follows its original in the same paragraph. A sentence with an empty
            // pair of quotes lost words in extraction: its copy may have lost others.
            let near = earlier_index.wrapping_add(1) == index
                && earlier_paragraph == paragraph
                && !has_empty_pair(body);
            let deletion = sentence_deletion(text, sentence);
            let fix = (
                vec![Edit::delete(deletion)],
                "Delete the repeated sentence".to_string(),
            );
            sink.report(
                meta,
                sentence.clone(),
                meta.render_message(body, "", ""),
                Some(fix),
                None,
            );
            if !near {
                sink.set_last_severity(self.distant_severity);
            }
        }
    }
}

/// Whether `line` holds at least `count` words separated by whitespace, as
/// `str::split_whitespace` separates them. ASCII bytes are told a byte at a time; only the
/// other characters are decoded.
fn holds_words(line: &str, count: usize) -> bool {
    let bytes = line.as_bytes();
    let (mut words, mut in_word) = (0, false);
    let mut at = 0;
    while at < bytes.len() {
        let (blank, width) = match bytes[at] {
            b'\t'..=b'\r' | b' ' => (true, 1),
            0..0x80 => (false, 1),
            _ => {
                let c = line[at..].chars().next().expect("a character starts here");
                (c.is_whitespace(), c.len_utf8())
            }
        };
        at += width;
        if blank {
            in_word = false;
        } else if !in_word {
            in_word = true;
            words += 1;
            if words >= count {
                return true;
            }
        }
    }
    false
}

/// The bytes of a line's comparison key that the `line` mode hashes to sort lines: enough to
/// tell most lines apart (lines with equal hashes are then compared in full), few enough that
/// a long line costs no more to sort than a short one. Of the 6,400 lines of four words or
/// more of the shared corpus, 18 share their first 64 key bytes with another line and
/// differ after them (585 at 48 bytes, most of them records of a JSON Lines file).
const LINE_HASH_PREFIX: usize = 64;

/// The usual length of a line in bytes, that the table of lines is sized by.
const USUAL_LINE_BYTES: usize = 96;

/// The hash of the start of `sentence` (see [`sentence_hash`]) when it has at least
/// `min_words` words, the least a sentence must have for the `sentence` mode to weigh it.
fn weighed_sentence(sentence: &str, min_words: usize) -> Option<u64> {
    let bytes = sentence.as_bytes();
    let (hash, mut words, hashed) = sentence_hash(bytes);
    if words < min_words && hashed < bytes.len() {
        words += memchr::memchr_iter(b' ', &bytes[hashed..]).count();
    }
    (words >= min_words).then_some(hash)
}

/// The fingerprints ([`line_key_hash`]) of the sentences of `text` that the `sentence` mode
/// weighs (those of `min_words` words or more), in order: what one part of a large document
/// tells the others of its sentences.
pub fn sentence_fingerprints(text: &str, min_words: usize) -> impl Iterator<Item = u64> + '_ {
    let newlines: Vec<usize> = memchr::memchr_iter(b'\n', text.as_bytes()).collect();
    sentences(text, &newlines)
        .into_iter()
        .filter_map(move |(_, range)| {
            let sentence = &text[range];
            weighed_sentence(sentence, min_words).map(|_| line_key_hash(sentence))
        })
}

/// The characters of a sentence's comparison form that its hash covers: enough to tell
/// sentences apart, and to count the words that make a sentence long enough to weigh. Counted
/// in the comparison form, so that two spellings of one sentence (typographic or straight
/// apostrophes, no-break or plain spaces) hash the same.
const HASHED_PREFIX: usize = 80;

/// The length of the blank that starts at byte `k` of `bytes`: 1 for ASCII whitespace, 2 for a
/// no-break space (C2 A0), 3 for a narrow no-break space (E2 80 AF), 0 for any other byte.
#[inline]
fn blank_length(bytes: &[u8], k: usize) -> usize {
    let b = bytes[k];
    if b.is_ascii_whitespace() {
        1
    } else if b == 0xC2 && bytes.get(k + 1) == Some(&0xA0) {
        2
    } else if b == 0xE2 && bytes.get(k + 1) == Some(&0x80) && bytes.get(k + 2) == Some(&0xAF) {
        3
    } else {
        0
    }
}

/// Whether a typographic apostrophe or opening single quote (’ or ‘: E2 80 99 or E2 80 98)
/// starts at byte `k` of `bytes`: the comparison form writes it as a straight apostrophe.
#[inline]
fn is_curly_apostrophe_at(bytes: &[u8], k: usize) -> bool {
    bytes[k] == 0xE2
        && bytes.get(k + 1) == Some(&0x80)
        && matches!(bytes.get(k + 2), Some(0x98 | 0x99))
}

/// A hash of a sentence's comparison form (ASCII letters folded to lowercase, runs of blanks
/// as one space, typographic apostrophes as straight ones) up to [`HASHED_PREFIX`] characters
/// of it, the number of words they hold and the bytes they took, computed on the bytes in one
/// pass. Equal sentences have equal hashes; equality is then checked with
/// [`same_line_key`]. The form is written in a buffer on the stack, [`PLAIN_CHUNK`] bytes at a
/// time where the bytes are their own form ([`plain_words`]), and hashed at once
/// ([`hash_bytes`]).
fn sentence_hash(bytes: &[u8]) -> (u64, usize, usize) {
    // The form holds at most `HASHED_PREFIX` characters and a space before each but the first;
    // a whole chunk is written at a time.
    let mut form = [0u8; 2 * HASHED_PREFIX + PLAIN_CHUNK];
    let mut length = 0;
    let (mut words, mut in_word) = (0, false);
    let mut k = 0;
    let mut hashed = 0;
    while k < bytes.len() && hashed < HASHED_PREFIX {
        let b = bytes[k];
        // Visible ASCII, most of the bytes: no blank, no apostrophe to straighten.
        let folded = if (0x21..0x80).contains(&b) {
            b.to_ascii_lowercase()
        } else {
            let blank = blank_length(bytes, k);
            if blank > 0 {
                in_word = false;
                k += blank;
                continue;
            }
            if is_curly_apostrophe_at(bytes, k) {
                k += 2;
                b'\''
            } else {
                b.to_ascii_lowercase()
            }
        };
        if !in_word {
            if words > 0 {
                form[length] = b' ';
                length += 1;
            }
            words += 1;
            in_word = true;
        }
        form[length] = folded;
        length += 1;
        hashed += 1;
        k += 1;
        // Inside a word, the bytes of words and single spaces that are their own comparison
        // form (lowercased) are written a chunk at a time, up to the character that fills the
        // prefix.
        while hashed < HASHED_PREFIX
            && let Some(chunk) = bytes.get(k..k + PLAIN_CHUNK)
        {
            let (lower, spaces, plain) = plain_words(chunk.try_into().expect("a chunk"));
            let spaces = spaces & ((1 << plain) - 1);
            let room = HASHED_PREFIX - hashed;
            let mut taken = plain;
            let mut taken_spaces = spaces.count_ones() as usize;
            if plain - taken_spaces > room {
                // The bytes up to the character that fills the prefix.
                taken = nth_set_bit(!spaces & ((1 << plain) - 1), room - 1) + 1;
                taken_spaces = (spaces & ((1 << taken) - 1)).count_ones() as usize;
            }
            form[length..length + PLAIN_CHUNK].copy_from_slice(&lower);
            length += taken;
            words += taken_spaces;
            hashed += taken - taken_spaces;
            k += taken;
            if taken < PLAIN_CHUNK {
                break;
            }
        }
    }
    (hash_bytes(&form[..length]), words, k)
}

/// The bytes [`plain_words`] reads at a time.
const PLAIN_CHUNK: usize = 16;

/// The bit of `bits` that is the `n`th set one (from 0, lowest first), by its index; `bits`
/// has more than `n` set bits.
fn nth_set_bit(mut bits: u32, n: usize) -> usize {
    for _ in 0..n {
        bits &= bits - 1;
    }
    bits.trailing_zeros() as usize
}

/// [`PLAIN_CHUNK`] bytes of text read after a character that is no blank, in their
/// comparison form ([`sentence_hash`]) as far as that form is themselves with ASCII letters
/// lowercased: the lowercased bytes, a bit for each space (lowest first), and how many of the
/// first bytes are their own form. Those hold no byte that may start a blank or an apostrophe
/// to straighten (no byte below 0x20, no C2 nor E2), and only single spaces, the last of them
/// a character. The bytes of an accented letter ("é", C3 A9) are their own form, as
/// [`sentence_hash`] reads them a byte at a time.
#[cfg(target_arch = "x86_64")]
#[inline]
fn plain_words(chunk: &[u8; PLAIN_CHUNK]) -> ([u8; PLAIN_CHUNK], u32, usize) {
    use std::arch::x86_64::{
        _mm_and_si128, _mm_cmpeq_epi8, _mm_cmpgt_epi8, _mm_cmplt_epi8, _mm_loadu_si128,
        _mm_min_epu8, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8, _mm_storeu_si128,
    };
    // SAFETY: SSE2 is part of every x86_64 processor; the load and the store are unaligned
    // ones of 16 bytes, the length of `chunk` and of `lower`.
    unsafe {
        let bytes = _mm_loadu_si128(chunk.as_ptr().cast());
        let splat = |byte: u8| _mm_set1_epi8(byte as i8);
        // Bytes below 0x20 are those the unsigned minimum with 0x1F leaves unchanged.
        let control = _mm_cmpeq_epi8(_mm_min_epu8(bytes, splat(0x1F)), bytes);
        let leads = _mm_or_si128(
            _mm_cmpeq_epi8(bytes, splat(0xC2)),
            _mm_cmpeq_epi8(bytes, splat(0xE2)),
        );
        let special = _mm_movemask_epi8(_mm_or_si128(control, leads)) as u32;
        let spaces = _mm_movemask_epi8(_mm_cmpeq_epi8(bytes, splat(b' '))) as u32;
        // Bytes from 0x80 up compare as negative: no uppercase letter.
        let upper = _mm_and_si128(
            _mm_cmpgt_epi8(bytes, splat(b'A' - 1)),
            _mm_cmplt_epi8(bytes, splat(b'Z' + 1)),
        );
        let mut lower = [0u8; PLAIN_CHUNK];
        _mm_storeu_si128(
            lower.as_mut_ptr().cast(),
            _mm_or_si128(bytes, _mm_and_si128(upper, splat(0x20))),
        );
        (lower, spaces, plain_prefix(special, spaces))
    }
}

/// How many of the first bytes of a chunk are their own comparison form ([`plain_words`]),
/// from a bit for each byte that may start a blank or an apostrophe (`special`) and for each
/// space: those before the first special byte or run of spaces, without a space last.
#[inline]
fn plain_prefix(special: u32, spaces: u32) -> usize {
    // A run of spaces, or a space last in the chunk, whose next byte is not read.
    let stops = special | spaces & (spaces >> 1 | 1 << (PLAIN_CHUNK - 1));
    let plain = (stops | 1 << PLAIN_CHUNK).trailing_zeros() as usize;
    // A space before a special byte ends no word of the prefix.
    plain - usize::from(plain > 0 && spaces >> (plain - 1) & 1 == 1)
}

/// [`plain_words`] a byte at a time, where SSE2 is not there.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn plain_words_by_bytes(chunk: &[u8; PLAIN_CHUNK]) -> ([u8; PLAIN_CHUNK], u32, usize) {
    let class = |test: fn(u8) -> bool| crate::text::bytes::bits_where(chunk, test);
    let spaces = class(|b| b == b' ');
    let special = class(|b| b < 0x20 || b == 0xC2 || b == 0xE2);
    (
        chunk.map(|b| b.to_ascii_lowercase()),
        spaces,
        plain_prefix(special, spaces),
    )
}

#[cfg(not(target_arch = "x86_64"))]
use plain_words_by_bytes as plain_words;

/// The sentences of `text` with the index of their paragraph: paragraphs are separated by
/// blank lines, sentences end with a full stop, a question or an exclamation mark (closing
/// quotes or brackets after it included) before blanks and a capital, a digit or an opening
/// mark. Found with a byte search for the three marks; `newlines` are the offsets of the line
/// feeds of `text`, in order.
fn sentences(text: &str, newlines: &[usize]) -> Vec<(usize, std::ops::Range<usize>)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut paragraph = 0;
    let mut start = 0;
    // The line feeds before `unseen` lie in closed sentences.
    let mut unseen = 0;
    // Splits `start..end` (`begin` past every line feed seen) at its blank lines; the last
    // piece stays open as the next start.
    let mut close = |begin: usize, end: usize, paragraph: &mut usize, out: &mut Vec<_>| {
        let mut piece = begin;
        while let Some(&newline) = newlines.get(unseen).filter(|&&newline| newline < end) {
            unseen += 1;
            if line_is_blank(&text[newline + 1..end]) {
                push_trimmed(text, piece..newline, *paragraph, out);
                *paragraph += 1;
                piece = newline + 1;
            }
        }
        piece
    };
    for at in memchr::memchr3_iter(b'.', b'!', b'?', bytes) {
        if at < start {
            continue;
        }
        let mut end = at + 1;
        while end < bytes.len() && matches!(bytes[end], b'.' | b'!' | b'?' | b'"' | b')' | b']') {
            end += 1;
        }
        for closing in ["»", "”"] {
            if text[end..].starts_with(closing) {
                end += closing.len();
            }
        }
        let rest = trim_blanks_start(&text[end..]);
        let boundary = rest.is_empty()
            || (rest.len() < text[end..].len()
                && rest.starts_with(|n: char| {
                    n.is_uppercase() || n.is_numeric() || "«“\"(—-".contains(n)
                }));
        if !boundary {
            continue;
        }
        let open = close(start, end, &mut paragraph, &mut out);
        push_trimmed(text, open..end, paragraph, &mut out);
        start = end;
    }
    let open = close(start, text.len(), &mut paragraph, &mut out);
    push_trimmed(text, open..text.len(), paragraph, &mut out);
    out
}

/// Whether `rest` begins with a blank line: whitespace up to a line feed (a line that ends
/// `rest` without one does not count). Read up to the first character that is no whitespace.
fn line_is_blank(rest: &str) -> bool {
    rest.chars()
        .find(|&c| c == '\n' || !c.is_whitespace())
        .is_some_and(|c| c == '\n')
}

/// Adds the sentence at `range` of `text`, without its surrounding blanks, if not empty.
fn push_trimmed(
    text: &str,
    range: std::ops::Range<usize>,
    paragraph: usize,
    out: &mut Vec<(usize, std::ops::Range<usize>)>,
) {
    let body = &text[range.clone()];
    let after_blanks = trim_blanks_start(body);
    let leading = body.len() - after_blanks.len();
    let trimmed = trim_blanks_end(after_blanks);
    if !trimmed.is_empty() {
        let start = range.start + leading;
        out.push((paragraph, start..start + trimmed.len()));
    }
}

/// The bytes to delete to remove a sentence with the blanks after it (or, at the end of its
/// line, the blanks before it).
fn sentence_deletion(text: &str, sentence: &std::ops::Range<usize>) -> std::ops::Range<usize> {
    let after = text[sentence.end..]
        .char_indices()
        .find(|&(_, c)| c != ' ' && c != '\u{a0}')
        .map_or(text.len(), |(n, _)| sentence.end + n);
    let ends_line = text[after..].starts_with(['\n', '\r']) || after == text.len();
    if ends_line {
        let before = text[..sentence.start]
            .trim_end_matches([' ', '\u{a0}'])
            .len();
        if before < sentence.start && !text[..before].ends_with('\n') && before > 0 {
            return before..sentence.end;
        }
        return sentence.start..sentence.end;
    }
    sentence.start..after
}

/// Whether `line` holds an empty pair of quotes or brackets ("« »", "()"), the mark of words
/// that extraction removed.
pub fn has_empty_pair(line: &str) -> bool {
    const PAIRS: [(char, char); 5] = [('«', '»'), ('“', '”'), ('"', '"'), ('(', ')'), ('[', ']')];
    // An opening mark starts with one of these bytes (« is C2 AB, “ is E2 80 9C): the
    // characters are decoded there only.
    line.bytes().enumerate().any(|(at, byte)| {
        matches!(byte, b'"' | b'(' | b'[' | 0xC2 | 0xE2) && {
            let open = line[at..].chars().next().expect("a character starts here");
            PAIRS.iter().any(|&(o, close)| {
                o == open
                    && line[at + o.len_utf8()..]
                        .chars()
                        .find(|&c| !is_blank(c))
                        .is_some_and(|c| c == close)
            })
        }
    })
}

/// Whether `word` is a French content word (noun, adjective, verb or adverb) and not a
/// determiner, pronoun, preposition or conjunction, which extraction gaps often double.
fn is_content_word(word: &str) -> bool {
    crate::lexicon::lexicons()
        .french(word)
        .is_some_and(|f| f.content_word())
}

/// The bytes to delete to remove the line `start..end` (its terminator included) together with
/// the blank lines after it, or before it when it ends the document.
pub fn line_deletion(text: &str, start: usize, end: usize) -> std::ops::Range<usize> {
    line_deletion_in(text, start, end, true)
}

/// [`line_deletion`] for `doc`: a part of a larger document does not end it, unless it is the
/// last part.
pub fn line_deletion_of(doc: &Document, start: usize, end: usize) -> std::ops::Range<usize> {
    line_deletion_in(
        doc.text,
        start,
        end,
        doc.part().is_none_or(|part| part.last),
    )
}

fn line_deletion_in(
    text: &str,
    start: usize,
    end: usize,
    ends_document: bool,
) -> std::ops::Range<usize> {
    let mut after = end;
    for raw in text[end..].split_inclusive('\n') {
        if !raw.ends_with('\n') || !raw.chars().all(is_blank) {
            break;
        }
        after += raw.len();
    }
    if after < text.len() || start == 0 || !ends_document {
        return start..after;
    }
    let before = text[..start].trim_end_matches(is_blank).len();
    let before = text[before..start]
        .find(['\r', '\n'])
        .map_or(start, |i| before + i);
    let kept_terminator = text[..after].len() - text[..after].trim_end_matches(['\r', '\n']).len();
    let kept_terminator = kept_terminator
        .min(text[start..after].len() - text[start..after].trim_end_matches(['\r', '\n']).len());
    before..after - kept_terminator
}

/// Whether tokens `a` and `b` of `doc` fold to the same word: a test of their lengths and of
/// their first bytes, which most pairs of tokens fail, then of all their bytes.
#[inline]
fn same_folded_bytes(doc: &Document, a: Token, b: Token) -> bool {
    let folded = doc.folded.as_bytes();
    a.end - a.start == b.end - b.start
        && folded[a.start] == folded[b.start]
        && folded[a.start..a.end] == folded[b.start..b.end]
}

fn only_blanks(between: &str) -> bool {
    between.chars().all(is_blank) && between.matches('\n').count() <= 1
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sentence hash a byte at a time, as defined: the reference. The form is written out
    /// a character at a time, then hashed.
    fn sentence_hash_by_bytes(bytes: &[u8]) -> (u64, usize, usize) {
        let mut form = Vec::new();
        let (mut words, mut in_word) = (0, false);
        let mut k = 0;
        let mut hashed = 0;
        while k < bytes.len() && hashed < HASHED_PREFIX {
            let b = bytes[k];
            let blank = blank_length(bytes, k);
            if blank > 0 {
                in_word = false;
                k += blank;
                continue;
            }
            if !in_word {
                if words > 0 {
                    form.push(b' ');
                }
                words += 1;
                in_word = true;
            }
            let folded = if is_curly_apostrophe_at(bytes, k) {
                k += 2;
                b'\''
            } else {
                b.to_ascii_lowercase()
            };
            form.push(folded);
            hashed += 1;
            k += 1;
        }
        (hash_bytes(&form), words, k)
    }

    #[test]
    fn sentence_hashes_are_those_of_the_reference() {
        let mut texts = vec![
            "Le  musée\u{a0}rouvre l’été, l'été\u{202f}: ÉTÉ « x » (y). AB CD EF GH IJ KL"
                .to_string(),
            "a".repeat(200),
            format!("{} fin", "Mot ".repeat(30)),
            format!("{}x", "ab  cd\tEF ".repeat(12)),
            "x\u{7f}ABCDEFGHIJKLMNOPQRSTUVWXYZ@[`{ a b c d e f g h i j k l m n o p q r s t"
                .to_string(),
            String::new(),
        ];
        texts.extend(crate::fixture_texts::fixture_texts(&["seeds"]));
        for text in &texts {
            let newlines: Vec<usize> = memchr::memchr_iter(b'\n', text.as_bytes()).collect();
            for (_, range) in sentences(text, &newlines) {
                let bytes = text[range].as_bytes();
                assert_eq!(sentence_hash(bytes), sentence_hash_by_bytes(bytes));
            }
            let bytes = text.as_bytes();
            for start in 0..bytes.len().min(4000) {
                for len in [1, 9, 17, 60, 85, 120] {
                    let part = &bytes[start..bytes.len().min(start + len)];
                    assert_eq!(
                        sentence_hash(part),
                        sentence_hash_by_bytes(part),
                        "{part:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn plain_words_are_told_as_each_byte_is() {
        let samples = [
            0x00u8, 0x09, 0x1F, 0x20, 0x21, b'@', b'A', b'Z', b'[', b'`', b'a', b'z', 0x7F, 0x80,
            0xA0, 0xC1, 0xC2, 0xC3, 0xDA, 0xE1, 0xE2, 0xE3, 0xFA, 0xFF,
        ];
        for &filler in b"aQ ~" {
            for &odd in &samples {
                for &other in &[b' ', b'M', 0xA9, 0xE2, filler] {
                    for position in 0..PLAIN_CHUNK {
                        for gap in [1, 2, 5, 9] {
                            let mut bytes = [filler; PLAIN_CHUNK];
                            bytes[position] = odd;
                            bytes[(position + gap) % PLAIN_CHUNK] = other;
                            // The longest prefix of bytes that are their own form, with no
                            // space twice in a row nor last.
                            let own = |b: &u8| *b >= 0x20 && *b != 0xC2 && *b != 0xE2;
                            let mut plain = bytes.iter().take_while(|b| own(b)).count();
                            if let Some(double) = bytes.windows(2).position(|w| w == b"  ") {
                                plain = plain.min(double);
                            }
                            if plain == PLAIN_CHUNK && bytes[PLAIN_CHUNK - 1] == b' ' {
                                plain -= 1;
                            }
                            if plain > 0 && bytes[plain - 1] == b' ' {
                                plain -= 1;
                            }
                            let spaces = (0..PLAIN_CHUNK)
                                .filter(|&at| bytes[at] == b' ')
                                .map(|at| 1u32 << at)
                                .sum();
                            let expected = (bytes.map(|b| b.to_ascii_lowercase()), spaces, plain);
                            assert_eq!(plain_words(&bytes), expected, "{bytes:?}");
                            assert_eq!(plain_words_by_bytes(&bytes), expected, "{bytes:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn lines_hold_the_words_split_whitespace_finds() {
        let lines = crate::fixture_texts::cases_and_seed_pieces(
            &[
                "",
                "  ",
                "un",
                " un deux\ttrois\u{b}quatre ",
                "un\u{a0}deux\u{2003}trois\u{3000}quatre\u{85}cinq",
                "l’été « là »\u{202f}: x",
                "\u{1f600} \u{1f600}",
            ],
            |text| text.lines().map(str::to_string).collect(),
        );
        for line in &lines {
            for count in 1..8 {
                assert_eq!(
                    holds_words(line, count),
                    line.split_whitespace().nth(count - 1).is_some(),
                    "{line:?} {count}"
                );
            }
        }
    }

    #[test]
    fn the_nth_set_bit_is_found_by_its_index() {
        for bits in [1u32, 0b1011_0110, 0xFFFF, 0x8001, 0b1000_0000_0010_0100] {
            let indices: Vec<usize> = (0..32).filter(|&i| bits >> i & 1 == 1).collect();
            for (n, &index) in indices.iter().enumerate() {
                assert_eq!(nth_set_bit(bits, n), index);
            }
        }
    }

    #[test]
    fn empty_pairs_are_those_of_the_characters() {
        let by_chars = |line: &str| {
            let pairs = [('«', '»'), ('“', '”'), ('"', '"'), ('(', ')'), ('[', ']')];
            let chars: Vec<char> = line.chars().collect();
            chars.iter().enumerate().any(|(at, &open)| {
                pairs.iter().any(|&(o, close)| {
                    o == open && chars[at + 1..].iter().find(|c| !is_blank(**c)) == Some(&close)
                })
            })
        };
        for line in [
            "remplace « » par « »",
            "«\u{a0}»",
            "« x »",
            "“ ”",
            "“x”",
            "\"\"",
            "\" \"",
            "( )",
            "(a)",
            "[ ]",
            "[",
            "«",
            "é’ ( ) ",
            "x ¤ ”",
            "a ( \u{202f}) b",
            "—",
            "",
        ] {
            assert_eq!(has_empty_pair(line), by_chars(line), "{line:?}");
        }
    }

    #[test]
    fn blank_lines_are_whitespace_up_to_a_line_feed() {
        let by_lines = |rest: &str| {
            rest.split('\n').next().is_some_and(|l| l.trim().is_empty()) && rest.contains('\n')
        };
        for rest in [
            "",
            "\n",
            " \n",
            "\t\r\n",
            "\u{a0}\n",
            " ",
            "x\n",
            " x\n\n",
            "\r",
            "a",
            "\n\n",
            "\u{2003} \nx",
            " \u{202f}",
        ] {
            assert_eq!(line_is_blank(rest), by_lines(rest), "{rest:?}");
        }
    }

    #[test]
    fn deleting_lines_keeps_one_separator() {
        let text = "T\n\nT\n\nSuite";
        let range = line_deletion(text, 3, 5);
        let mut fixed = text.to_string();
        fixed.replace_range(range, "");
        assert_eq!(fixed, "T\n\nSuite");

        let text = "A\n\nT\n\nT";
        let range = line_deletion(text, 6, 7);
        let mut fixed = text.to_string();
        fixed.replace_range(range, "");
        assert_eq!(fixed, "A\n\nT");

        let text = "A\n\nT\n\nT\n";
        let range = line_deletion(text, 6, 8);
        let mut fixed = text.to_string();
        fixed.replace_range(range, "");
        assert_eq!(fixed, "A\n\nT\n");
    }
}
