//! The linting pipeline: prepare the document once, run the fused phrase automaton, the regex
//! rules, one pass over the tokens for every token-level check, then the line and paragraph
//! checks; return the diagnostics sorted by position.

use crate::{
    diagnostic::{Category, Diagnostic},
    document::{Document, Format},
    kinds::{CompiledKind, Sink, phrase::PhraseMatcher, repetition::RepetitionRule},
    rules::{Rule, RuleMeta, RuleSet, Selection},
    sentence::{Sentence, SentenceLanguage},
};
use std::sync::Arc;

/// Whether a category is about a word's language (a spinner synonym or an English leftover).
fn is_lexical(category: Category) -> bool {
    matches!(
        category,
        Category::SpinnerSynonym | Category::EnglishLeftover
    )
}

/// The selected rules of a rule set, compiled for fast linting. Build it once, lint many documents.
pub struct Engine {
    rules: Vec<Arc<Rule>>,
    phrases: Option<PhraseMatcher>,
    lang: String,
    sentences: Option<SentenceLanguage>,
    /// Rules about the typography or phrasing of the document's own language (spaces before a
    /// colon are French, not English).
    language_bound: std::collections::HashSet<Arc<str>>,
    /// Lexical rules that report English passages themselves, and so are not silenced inside
    /// an English sentence.
    reports_passages: std::collections::HashSet<Arc<str>>,
}

impl Engine {
    /// Compiles the rules of `set` that `selection` includes and that apply to language `lang`.
    pub fn new(set: &RuleSet, selection: &Selection, lang: &str) -> Engine {
        let rules: Vec<Arc<Rule>> = set
            .rules
            .iter()
            .filter(|r| selection.includes(&r.meta.id) && r.meta.applies_to_lang(lang))
            .cloned()
            .collect();
        let phrase_rules: Vec<(Arc<RuleMeta>, Arc<Rule>)> = rules
            .iter()
            .filter(|r| matches!(r.kind, CompiledKind::Phrase(_)))
            .map(|r| (r.meta.clone(), r.clone()))
            .collect();
        // English function words (`en-function`) against the language's own (`<lang>-function`).
        let sentences = set
            .classes
            .get("en-function")
            .zip(set.classes.get(&format!("{lang}-function")))
            .map(|(english, native)| SentenceLanguage::new(english.clone(), native.clone()));
        let language_bound = rules
            .iter()
            .filter(|r| {
                r.meta.lang != "*"
                    && matches!(
                        r.meta.category,
                        Category::Typography | Category::BrokenPhrasing
                    )
            })
            .map(|r| r.meta.id.clone())
            .collect();
        let reports_passages = rules
            .iter()
            .filter(|r| matches!(&r.kind, CompiledKind::Lexicon(lex) if lex.reports_passages()))
            .map(|r| r.meta.id.clone())
            .collect();
        Engine {
            language_bound,
            reports_passages,
            phrases: PhraseMatcher::new(phrase_rules),
            rules,
            lang: lang.to_string(),
            sentences,
        }
    }

    /// The metadata of the rules this engine runs.
    pub fn rules(&self) -> impl Iterator<Item = &RuleMeta> {
        self.rules.iter().map(|r| &*r.meta)
    }

    /// Lints one document and returns its diagnostics sorted by position, then rule id.
    pub fn lint(&self, text: &str, format: Format) -> Vec<Diagnostic> {
        let doc = Document::new(text, format);
        let mut sink = Sink::default();
        if let Some(phrases) = &self.phrases {
            phrases.check(&doc, &mut sink);
        }
        let active: Vec<&Rule> = self
            .rules
            .iter()
            .map(|r| &**r)
            .filter(|r| r.meta.runs_on(format))
            .collect();
        // The rules that run in the single pass over the tokens.
        let token_rules: Vec<(&RuleMeta, &RepetitionRule)> = active
            .iter()
            .filter_map(|r| match &r.kind {
                CompiledKind::Repetition(rep) if rep.visits_tokens() => Some((&*r.meta, rep)),
                _ => None,
            })
            .collect();
        if !token_rules.is_empty() {
            for i in 0..doc.tokens.len() {
                for (meta, rep) in &token_rules {
                    rep.visit_token(meta, &doc, i, &mut sink);
                }
            }
        }
        for rule in &active {
            match &rule.kind {
                CompiledKind::Pattern(pattern) => pattern.check(&rule.meta, &doc, &mut sink),
                CompiledKind::Repetition(rep) => rep.check_lines(&rule.meta, &doc, &mut sink),
                CompiledKind::Boilerplate(boilerplate) => {
                    boilerplate.check(&rule.meta, &doc, &mut sink)
                }
                CompiledKind::Balance(balance) => balance.check(&rule.meta, &doc, &mut sink),
                CompiledKind::Lexicon(lex) => lex.check(&rule.meta, &doc, &mut sink),
                CompiledKind::Language(language) => {
                    language.check(&rule.meta, &doc, &self.lang, &mut sink)
                }
                CompiledKind::Phrase(_) => {}
            }
        }
        let mut diagnostics = sink.diagnostics;
        // A word's language is judged against its sentence: in an English sentence English words
        // are expected, and in an identifier ("LOG_LEVEL") they are code;
        // and French typography does not bind an English sentence.
        // Diagnostics share sentences: judge each sentence once.
        let judged: std::cell::RefCell<Vec<(Sentence, bool)>> = Default::default();
        let in_english = |d: &Diagnostic| {
            let Some(judge) = &self.sentences else {
                return false;
            };
            let at = d.span.start;
            if let Some((_, english)) = judged.borrow().iter().find(|(s, _)| s.holds(at)) {
                return *english;
            }
            let sentence = Sentence::around(doc.text, at);
            if let Some((_, english)) = judged
                .borrow()
                .iter()
                .find(|(s, _)| s.range == sentence.range)
            {
                return *english;
            }
            let english = judge.is_english(&doc, sentence.range.clone());
            judged.borrow_mut().push((sentence, english));
            english
        };
        diagnostics.retain(|d| {
            if self.reports_passages.contains(&d.rule) {
                !doc.joined_to_code(&d.span)
            } else if is_lexical(d.category) {
                !(doc.joined_to_code(&d.span) || in_english(d))
            } else if self.language_bound.contains(&d.rule) {
                !in_english(d)
            } else {
                true
            }
        });
        // Several rules may flag the same word for the same reason (a curated phrase entry and
        // the lexicon detector): keep the most severe, and among equals the first, which comes
        // from the more specific rule.
        diagnostics.sort_by_key(|d| (d.span.start, d.span.end, std::cmp::Reverse(d.severity)));
        diagnostics.dedup_by(|later, earlier| {
            later.span == earlier.span && is_lexical(later.category) && is_lexical(earlier.category)
        });
        // A word inside a passage reported as a whole (an English segment, an expression) is
        // part of that report.
        let passages: Vec<std::ops::Range<usize>> = diagnostics
            .iter()
            .filter(|d| is_lexical(d.category) && self.reports_passages.contains(&d.rule))
            .map(|d| d.span.clone())
            .collect();
        if !passages.is_empty() {
            diagnostics.retain(|d| {
                !is_lexical(d.category)
                    || self.reports_passages.contains(&d.rule)
                    || !passages
                        .iter()
                        .any(|p| p.start <= d.span.start && d.span.end <= p.end)
            });
        }
        diagnostics.sort_by(|a, b| {
            (a.span.start, a.span.end, &a.rule).cmp(&(b.span.start, b.span.end, &b.rule))
        });
        diagnostics
    }
}
