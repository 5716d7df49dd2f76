//! Segment language: paragraphs left in another language (an untranslated English paragraph in
//! a French article). whatlang is slow, so it only runs on paragraphs where a cheap test says it
//! is worth it: the foreign stopwords outnumber the native ones.

use crate::lexicon::FnvBuild;
use crate::{
    corpus::facts::{MAX_PACKED, packed_word as packed, packed_word_in},
    document::Document,
    kinds::{CompileContext, Sink},
    rules::{PackError, RuleMeta, spec::RuleSpec},
    text::{packed_table::GOLDEN, tokenize::Token},
};
use std::{
    collections::{HashMap, HashSet},
    ops::Range,
};
use whatlang::{Detector, Lang};

/// A compiled language rule.
#[derive(Debug)]
pub struct LanguageRule {
    detector: Detector,
    /// The stopwords: whether each is native, and whether it is foreign (a word may be both).
    stopwords: HashMap<String, (bool, bool), FnvBuild>,
    /// The byte length of the longest stopword: longer words need no lookup.
    longest_stopword: usize,
    /// The stopwords by their bytes packed in an integer ([`packed`]), when every one is
    /// short enough: a lookup without hashing nor comparing a string.
    packed_stopwords: Option<StopwordSlots>,
    min_words: usize,
    min_confidence: f64,
}

impl LanguageRule {
    /// Validates and compiles a `kind = "language"` rule.
    pub fn compile(spec: &RuleSpec, ctx: &CompileContext) -> Result<Self, PackError> {
        let mut languages = Vec::new();
        for code in spec.languages.iter().flatten() {
            match Lang::from_code(code.as_str()) {
                Some(lang) => languages.push(lang),
                None => {
                    return Err(ctx.error(
                        Some(spec.kind.span()),
                        format!(
                            "unknown language code `{code}` (use ISO 639-3, e.g. `fra`, `eng`)"
                        ),
                    ));
                }
            }
        }
        if languages.len() < 2 {
            return Err(ctx.missing(spec, "languages (at least two)"));
        }
        let words = |list: &Option<Vec<String>>| -> HashSet<String, FnvBuild> {
            list.iter().flatten().map(|w| w.to_lowercase()).collect()
        };
        let (native, foreign) = (
            words(&spec.native_stopwords),
            words(&spec.foreign_stopwords),
        );
        if native.is_empty() || foreign.is_empty() {
            return Err(ctx.missing(spec, "native-stopwords and foreign-stopwords"));
        }
        let longest_stopword = native
            .iter()
            .chain(&foreign)
            .map(String::len)
            .max()
            .unwrap_or(0);
        let mut stopwords: HashMap<String, (bool, bool), FnvBuild> = HashMap::default();
        for word in &native {
            stopwords.entry(word.clone()).or_default().0 = true;
        }
        for word in &foreign {
            stopwords.entry(word.clone()).or_default().1 = true;
        }
        let packed_stopwords = (longest_stopword <= MAX_PACKED)
            .then(|| {
                let entries: Vec<(u64, (bool, bool))> = stopwords
                    .iter()
                    .map(|(word, &kinds)| (packed(word.as_bytes()), kinds))
                    .collect();
                StopwordSlots::new(&entries)
            })
            .flatten();
        Ok(LanguageRule {
            detector: Detector::with_allowlist(languages),
            stopwords,
            longest_stopword,
            packed_stopwords,
            min_words: spec.min_words.unwrap_or(8),
            min_confidence: spec.min_confidence.unwrap_or(0.9),
        })
    }

    /// Reports the paragraphs of `doc` written in another language than `lang` (ISO 639-1).
    pub fn check(&self, meta: &RuleMeta, doc: &Document, lang: &str, sink: &mut Sink) {
        let native = Lang::from_code(iso_639_3(lang)).unwrap_or(Lang::Fra);
        for (paragraph, tokens) in paragraph_tokens(&doc.tokens, paragraphs(doc.text)) {
            if doc.is_protected(&paragraph) {
                continue;
            }
            if tokens.len() < self.min_words {
                continue;
            }
            if !self.foreign_outnumber_native(doc, tokens) {
                continue;
            }
            let Some(info) = self.detector.detect(&doc.text[paragraph.clone()]) else {
                continue;
            };
            if info.lang() == native || info.confidence() < self.min_confidence {
                continue;
            }
            let message = meta.render_message(info.lang().eng_name(), "", "");
            sink.report(meta, paragraph, message, None, None);
        }
    }

    /// Whether the tokens `tokens` of `doc` hold at least three foreign stopwords, and more
    /// foreign stopwords than native ones. The count stops as soon as the native ones lead by
    /// as many as there are tokens left: the foreign ones can no longer outnumber them, which
    /// in a paragraph of the native language happens well before its end.
    fn foreign_outnumber_native(&self, doc: &Document, tokens: Range<usize>) -> bool {
        let (mut native_hits, mut foreign_hits) = (0usize, 0usize);
        let folded = doc.folded.as_bytes();
        let count = tokens.len();
        for (i, token) in doc.tokens[tokens.clone()].iter().enumerate() {
            if token.end - token.start > self.longest_stopword {
                continue;
            }
            let kinds = match &self.packed_stopwords {
                Some(packed_stopwords) => {
                    packed_stopwords.get(packed_word_in(folded, token.range()))
                }
                None => self.stopwords.get(doc.folded_word(tokens.start + i)),
            };
            if let Some(&(native, foreign)) = kinds {
                native_hits += usize::from(native);
                foreign_hits += usize::from(foreign);
                // Each token after this one adds one foreign stopword at most.
                if native_hits >= foreign_hits + (count - i - 1) {
                    return false;
                }
            }
        }
        foreign_hits >= 3 && foreign_hits > native_hits
    }
}

/// Each of `paragraphs` (in order, apart) with the range of `tokens` that start in it. Each
/// search starts from the tokens of the paragraph before and reads no more tokens than there
/// are bytes to the paragraph's start or end: each token starts on a byte of its own.
fn paragraph_tokens(
    tokens: &[Token],
    paragraphs: Vec<Range<usize>>,
) -> impl Iterator<Item = (Range<usize>, Range<usize>)> + '_ {
    // How many of `tokens` (in order) start before byte `end`, when `most` of them at most do.
    let starting_before = |tokens: &[Token], end: usize, most: usize| {
        tokens[..most.min(tokens.len())].partition_point(|t| t.start < end)
    };
    // The tokens before `seen` are those that start before byte `seen_at`.
    let (mut seen, mut seen_at) = (0, 0);
    paragraphs.into_iter().map(move |paragraph| {
        let first =
            seen + starting_before(&tokens[seen..], paragraph.start, paragraph.start - seen_at);
        let last = first + starting_before(&tokens[first..], paragraph.end, paragraph.len());
        (seen, seen_at) = (last, paragraph.end);
        (paragraph, first..last)
    })
}

/// Values by packed key in a table where each key has a slot of its own: one multiplication
/// gives the only slot to look at, without probing. Built for a few dozen keys (the
/// stopwords), by trying multipliers until the keys fall in distinct slots.
#[derive(Debug)]
struct StopwordSlots {
    /// Each slot's key; [`StopwordSlots::EMPTY`] for an empty slot.
    keys: Box<[u64]>,
    values: Box<[(bool, bool)]>,
    multiplier: u64,
    /// 64 minus the base-2 logarithm of the number of slots.
    shift: u32,
}

impl StopwordSlots {
    /// The key of an empty slot, which no word packs to (its length byte is above
    /// [`MAX_PACKED`]).
    const EMPTY: u64 = u64::MAX;

    /// The table of `entries` (distinct packed words), with slots for at least four times
    /// as many keys; `None` when no multiplier tried separates them.
    fn new(entries: &[(u64, (bool, bool))]) -> Option<Self> {
        let least = (entries.len() * 4)
            .next_power_of_two()
            .max(16)
            .trailing_zeros();
        for bits in least..least + 4 {
            for attempt in 0..64u64 {
                // Odd multipliers, the first Fibonacci hashing's.
                let multiplier = GOLDEN.wrapping_add(attempt.wrapping_mul(0x2545_F491_4F6C_DD1E));
                let shift = 64 - bits;
                let mut keys = vec![Self::EMPTY; 1 << bits].into_boxed_slice();
                let mut values = vec![(false, false); 1 << bits].into_boxed_slice();
                let separated = entries.iter().all(|&(key, value)| {
                    let at = (key.wrapping_mul(multiplier) >> shift) as usize;
                    let free = keys[at] == Self::EMPTY;
                    keys[at] = key;
                    values[at] = value;
                    free
                });
                if separated {
                    return Some(StopwordSlots {
                        keys,
                        values,
                        multiplier,
                        shift,
                    });
                }
            }
        }
        None
    }

    /// The value of `key`, if the table holds it.
    #[inline]
    fn get(&self, key: u64) -> Option<&(bool, bool)> {
        let at = (key.wrapping_mul(self.multiplier) >> self.shift) as usize;
        (self.keys[at] == key).then(|| &self.values[at])
    }
}

/// The ISO 639-3 code whatlang uses for a two-letter code.
fn iso_639_3(lang: &str) -> &str {
    match lang {
        "fr" => "fra",
        "en" => "eng",
        "es" => "spa",
        "de" => "deu",
        "it" => "ita",
        "pt" => "por",
        "nl" => "nld",
        other => other,
    }
}

/// The byte ranges of the paragraphs of `text` (runs of non-blank lines), trimmed.
fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut offset = 0;
    for line in crate::text::lines::lines_inclusive(text) {
        let content = line.trim_end();
        if content.trim().is_empty() {
            if let Some(s) = start.take() {
                found.push(s..end);
            }
        } else {
            let indent = line.len() - line.trim_start().len();
            start.get_or_insert(offset + indent);
            end = offset + content.len();
        }
        offset += line.len();
    }
    if let Some(s) = start {
        found.push(s..end);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraph_tokens_are_found_from_the_previous_paragraph() {
        let mut texts = crate::fixture_texts::fixture_texts(&["seeds"]);
        texts.push("  Un mot.\n\n\n   deux  mots\n\nx".to_string());
        for text in &texts {
            let tokens = crate::text::tokenize::tokenize(text);
            let mut found = 0;
            for (paragraph, range) in paragraph_tokens(&tokens, paragraphs(text)) {
                let first = tokens.partition_point(|t| t.start < paragraph.start);
                let last = tokens.partition_point(|t| t.start < paragraph.end);
                assert_eq!(range, first..last, "{paragraph:?}");
                found += range.len();
            }
            assert!(found > 0);
        }
    }

    #[test]
    fn packed_stopwords_are_found_and_others_are_not() {
        let words = ["le", "the", "à", "which", "a", "of", "and"];
        let key = |word: &str| packed(word.as_bytes());
        let entries: Vec<(u64, (bool, bool))> = words
            .iter()
            .enumerate()
            .map(|(n, w)| (key(w), (n % 2 == 0, n % 3 == 0)))
            .collect();
        let table = StopwordSlots::new(&entries).expect("a few keys are separated");
        for (n, word) in words.iter().enumerate() {
            assert_eq!(
                table.get(key(word)),
                Some(&(n % 2 == 0, n % 3 == 0)),
                "{word}"
            );
        }
        for word in ["la", "th", "ther", "", "whic", "b", "an"] {
            assert_eq!(table.get(key(word)), None, "{word}");
        }
    }

    #[test]
    fn the_stopwords_of_the_rules_each_have_a_slot() {
        // Every key of many random sets of short words (as many as the built-in rule has) is
        // found, and no other word of the set's alphabet.
        let mut random = crate::fixture_texts::random_below(0x9e37_79b9_7f4a_7c15);
        for _ in 0..50 {
            let mut words: Vec<Vec<u8>> = (0..70)
                .map(|_| {
                    let len = 1 + random(MAX_PACKED);
                    (0..len).map(|_| b'a' + random(6) as u8).collect()
                })
                .collect();
            words.sort();
            words.dedup();
            let entries: Vec<(u64, (bool, bool))> = words
                .iter()
                .map(|w| (packed(w), (w.len() % 2 == 0, w[0] == b'a')))
                .collect();
            let table = StopwordSlots::new(&entries).expect("the keys are separated");
            for (key, value) in &entries {
                assert_eq!(table.get(*key), Some(value));
            }
            for _ in 0..200 {
                let len = 1 + random(MAX_PACKED);
                let word: Vec<u8> = (0..len).map(|_| b'a' + random(6) as u8).collect();
                let expected = entries
                    .iter()
                    .find(|(key, _)| *key == packed(&word))
                    .map(|(_, value)| value);
                assert_eq!(table.get(packed(&word)), expected);
            }
        }
    }

    /// The count of [`LanguageRule::foreign_outnumber_native`] run to the end of the tokens.
    fn counted_to_the_end(rule: &LanguageRule, doc: &Document, tokens: Range<usize>) -> bool {
        let (mut native_hits, mut foreign_hits) = (0, 0);
        for i in tokens {
            if let Some(&(native, foreign)) = rule.stopwords.get(doc.folded_word(i)) {
                native_hits += usize::from(native);
                foreign_hits += usize::from(foreign);
            }
        }
        foreign_hits >= 3 && foreign_hits > native_hits
    }

    #[test]
    fn the_count_of_stopwords_stops_early_with_the_same_answer() {
        let rule = crate::rules::builtin_rules_where(|rule| match &rule.kind {
            crate::kinds::CompiledKind::Language(language) => Some(language),
            _ => None,
        })[0];
        let mut texts = crate::fixture_texts::fixture_texts(&["seeds", "mt"]);
        // Paragraphs of stopwords of either language, and other words, in random mixes.
        let pieces = [
            "le", "la", "de", "et", "the", "of", "and", "is", "maison", "house", "a",
        ];
        texts.extend(crate::fixture_texts::random_texts(
            7,
            &pieces,
            3000,
            1..41,
            " ",
        ));
        let (mut weighed, mut foreign) = (0, 0);
        for text in &texts {
            let doc = Document::new(text, crate::formats::Format::Text);
            for paragraph in paragraphs(text) {
                let first = doc.tokens.partition_point(|t| t.start < paragraph.start);
                let last = doc.tokens.partition_point(|t| t.start < paragraph.end);
                let expected = counted_to_the_end(rule, &doc, first..last);
                assert_eq!(
                    rule.foreign_outnumber_native(&doc, first..last),
                    expected,
                    "{:?}",
                    &text[paragraph]
                );
                weighed += 1;
                foreign += usize::from(expected);
            }
        }
        assert!(
            weighed > 3000 && foreign > 100,
            "{weighed} paragraphs, {foreign} foreign"
        );
    }

    #[test]
    fn paragraph_ranges() {
        let text = "Un deux\ntrois\n\n  Quatre\n";
        let ranges: Vec<&str> = paragraphs(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(ranges, ["Un deux\ntrois", "Quatre"]);
    }
}
