//! The linting pipeline: prepare the document once, run the fused phrase automaton, the regex
//! rules, one pass over the tokens for every token-level check, then the line and paragraph
//! checks; return the diagnostics sorted by position.

use crate::{
    diagnostic::Diagnostic,
    document::{Document, Format},
    kinds::{CompiledKind, Sink, phrase::PhraseMatcher},
    rules::{Rule, RuleMeta, RuleSet, Selection},
};
use std::sync::Arc;

/// The selected rules of a rule set, compiled for fast linting. Build it once, lint many documents.
pub struct Engine {
    rules: Vec<Arc<Rule>>,
    phrases: Option<PhraseMatcher>,
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
        Engine {
            phrases: PhraseMatcher::new(phrase_rules),
            rules,
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
        let token_rules: Vec<(&RuleMeta, &crate::kinds::repetition::RepetitionRule)> = active
            .iter()
            .filter_map(|r| match &r.kind {
                CompiledKind::Repetition(rep)
                    if rep.mode != crate::kinds::repetition::Mode::Line =>
                {
                    Some((&*r.meta, rep))
                }
                _ => None,
            })
            .collect();
        if !token_rules.is_empty() {
            for i in 0..doc.tokens.len() {
                for (meta, rule) in &token_rules {
                    rule.visit_token(meta, &doc, i, &mut sink);
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
                CompiledKind::Phrase(_) => {}
            }
        }
        let mut diagnostics = sink.diagnostics;
        diagnostics.sort_by(|a, b| {
            (a.span.start, a.span.end, &a.rule).cmp(&(b.span.start, b.span.end, &b.rule))
        });
        diagnostics
    }
}
