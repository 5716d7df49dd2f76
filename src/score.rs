//! How damaged a document is, in one record: its problems by category and severity, per 1,000
//! words, and the share of its words in another language, so that a pipeline can filter a
//! corpus by machine-translation damage the way quality classifiers are used.

use crate::{
    diagnostic::{Category, Diagnostic, Severity},
    text::tokenize::{TokenKind, tokenize},
};
use serde::Serialize;
use std::collections::BTreeMap;

/// The score of one document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Score {
    /// Its words.
    pub words: usize,
    /// Its problems.
    pub problems: usize,
    /// Problems per 1,000 words.
    pub per_1000_words: f64,
    /// Problems by category (`spinner-synonym`, `punctuation`…), every category listed.
    pub categories: BTreeMap<&'static str, usize>,
    /// Problems by severity (`error`, `warning`, `info`), every severity listed.
    pub severities: BTreeMap<&'static str, usize>,
    /// The share of its words that stand in paragraphs in another language (0 to 1).
    pub foreign_share: f64,
}

impl Score {
    /// The score of `text` given its `diagnostics`.
    pub fn of(text: &str, diagnostics: &[Diagnostic]) -> Score {
        Score::with_words(count_words(text), text, diagnostics)
    }

    /// The score of a document of `words` words (its prose, without markup) whose
    /// `diagnostics` point into `text`.
    pub fn with_words(words: usize, text: &str, diagnostics: &[Diagnostic]) -> Score {
        let mut counts = Counts::default();
        counts.add(words, text, diagnostics);
        counts.score()
    }
}

/// What a score is computed from, added up part by part for a document linted in parts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    words: usize,
    foreign_words: usize,
    problems: usize,
    categories: BTreeMap<&'static str, usize>,
    severities: BTreeMap<&'static str, usize>,
}

impl Counts {
    /// Adds a part of `words` words whose `diagnostics` point into `text`.
    pub fn add(&mut self, words: usize, text: &str, diagnostics: &[Diagnostic]) {
        self.words += words;
        self.problems += diagnostics.len();
        for d in diagnostics {
            *self.categories.entry(d.category.as_str()).or_default() += 1;
            *self.severities.entry(d.severity.as_str()).or_default() += 1;
            if d.category == Category::Language {
                self.foreign_words += text.get(d.span.clone()).map_or(0, count_words);
            }
        }
    }

    /// Adds the counts of another part.
    pub fn merge(&mut self, other: &Counts) {
        self.words += other.words;
        self.foreign_words += other.foreign_words;
        self.problems += other.problems;
        for (k, v) in &other.categories {
            *self.categories.entry(k).or_default() += v;
        }
        for (k, v) in &other.severities {
            *self.severities.entry(k).or_default() += v;
        }
    }

    /// The score of what was added.
    pub fn score(&self) -> Score {
        let mut categories: BTreeMap<&'static str, usize> =
            Category::ALL.iter().map(|c| (c.as_str(), 0)).collect();
        categories.extend(self.categories.iter().map(|(k, v)| (*k, *v)));
        let mut severities: BTreeMap<&'static str, usize> =
            [Severity::Error, Severity::Warning, Severity::Info]
                .iter()
                .map(|s| (s.as_str(), 0))
                .collect();
        severities.extend(self.severities.iter().map(|(k, v)| (*k, *v)));
        let ratio = |part: usize, whole: usize| {
            if whole == 0 {
                0.0
            } else {
                part as f64 / whole as f64
            }
        };
        Score {
            words: self.words,
            problems: self.problems,
            per_1000_words: round(ratio(self.problems * 1000, self.words)),
            categories,
            severities,
            foreign_share: round(ratio(self.foreign_words, self.words).min(1.0)),
        }
    }
}

/// The number of words of `text`.
pub fn count_words(text: &str) -> usize {
    tokenize(text)
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .count()
}

/// `value` rounded to four decimals, so that records stay short and stable.
fn round(value: f64) -> f64 {
    (value * 10_000.0).round() / 10_000.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn diagnostic(rule: &str, category: Category, span: std::ops::Range<usize>) -> Diagnostic {
        Diagnostic {
            rule: Arc::from(rule),
            category,
            severity: Severity::Warning,
            message: String::new(),
            span,
            fix: None,
        }
    }

    #[test]
    fn counts_rates_and_foreign_share() {
        let text = "Un deux trois quatre.\n\nThe cat sat on the mat.\n";
        let english = text.find("The").unwrap()..text.len() - 1;
        let score = Score::of(
            text,
            &[
                diagnostic("language/foreign-paragraph", Category::Language, english),
                diagnostic("punctuation/x", Category::Punctuation, 0..2),
            ],
        );
        assert_eq!(score.words, 10);
        assert_eq!(score.problems, 2);
        assert_eq!(score.per_1000_words, 200.0);
        assert_eq!(score.categories["language"], 1);
        assert_eq!(score.categories["spinner-synonym"], 0);
        assert_eq!(score.severities["warning"], 2);
        assert_eq!(score.foreign_share, 0.6);
    }
}
