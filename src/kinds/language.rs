//! Segment language: paragraphs left in another language (an untranslated English paragraph in
//! a French article). whatlang is slow, so it only runs on paragraphs where a cheap test says it
//! is worth it: the foreign stopwords outnumber the native ones.

use crate::lexicon::FnvBuild;
use crate::{
    corpus::facts::{MAX_PACKED, packed_word as packed, packed_word_in},
    document::Document,
    kinds::{CompileContext, Sink},
    rules::{PackError, RuleMeta, spec::RuleSpec},
    text::packed_table::PackedTable,
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
    packed_stopwords: Option<PackedTable<(bool, bool)>>,
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
        let packed_stopwords = (longest_stopword <= MAX_PACKED).then(|| {
            let entries = stopwords
                .iter()
                .map(|(word, &kinds)| (u128::from(packed(word.as_bytes())), kinds))
                .collect();
            PackedTable::new(entries, 4)
        });
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
        for paragraph in paragraphs(doc.text) {
            if doc.is_protected(&paragraph) {
                continue;
            }
            let first = doc.tokens.partition_point(|t| t.start < paragraph.start);
            let last = doc.tokens.partition_point(|t| t.start < paragraph.end);
            if last - first < self.min_words {
                continue;
            }
            let (mut native_hits, mut foreign_hits) = (0usize, 0usize);
            let folded = doc.folded.as_bytes();
            for (i, token) in doc.tokens[first..last].iter().enumerate() {
                if token.end - token.start > self.longest_stopword {
                    continue;
                }
                let kinds = match &self.packed_stopwords {
                    Some(packed_stopwords) => {
                        packed_stopwords.get(u128::from(packed_word_in(folded, token.range())))
                    }
                    None => self.stopwords.get(doc.folded_word(first + i)),
                };
                if let Some(&(native, foreign)) = kinds {
                    native_hits += usize::from(native);
                    foreign_hits += usize::from(foreign);
                }
            }
            if foreign_hits < 3 || foreign_hits <= native_hits {
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
    fn packed_stopwords_are_found_and_others_are_not() {
        let words = ["le", "the", "à", "which", "a", "of", "and"];
        let key = |word: &str| u128::from(packed(word.as_bytes()));
        let table = PackedTable::new(
            words
                .iter()
                .enumerate()
                .map(|(n, w)| (key(w), (n % 2 == 0, n % 3 == 0)))
                .collect(),
            4,
        );
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
    fn paragraph_ranges() {
        let text = "Un deux\ntrois\n\n  Quatre\n";
        let ranges: Vec<&str> = paragraphs(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(ranges, ["Un deux\ntrois", "Quatre"]);
    }
}
