//! The linting pipeline: prepare the document once, run the fused phrase automaton, the
//! token-level checks (repetitions, then one grammar pass over the tokens), then the regex,
//! line and paragraph checks; return the diagnostics sorted by position.

use crate::text::spans::SpanIndex;
use crate::{
    config::Origin,
    corpus::facts::PartContext,
    diagnostic::{Category, Diagnostic},
    document::Document,
    formats::{Format, FormatError, ReadOptions},
    kinds::{
        CompiledKind, Sink, grammar::GrammarMatcher, phrase::PhraseMatcher,
        repetition::Mode as RepetitionMode,
    },
    rules::{Rule, RuleMeta, RuleSet, Selection},
    sentence::{Sentence, SentenceLanguage},
    view::TextView,
};
use std::{collections::BTreeMap, sync::Arc};

/// Whether a category is about a word's language (a spinner synonym or an English leftover).
fn is_lexical(category: Category) -> bool {
    matches!(
        category,
        Category::SpinnerSynonym | Category::EnglishLeftover
    )
}

/// How a diagnostic is judged against the language of its sentence, by its rule.
#[derive(Debug, Clone, Copy)]
enum Judgement {
    /// An English passage: dropped only when joined to code.
    Passage,
    /// A word's language: dropped when joined to code or in an English sentence.
    Word,
    /// The typography or phrasing of the document's language: dropped in an English sentence.
    LanguageBound,
    /// Kept whatever its sentence.
    Kept,
}

/// A set of rule ids, hashed with FNV: each diagnostic of each document is looked up in a few
/// of them, and SipHash cost several times more on ids of a few dozen bytes.
type RuleIdSet = std::collections::HashSet<Arc<str>, crate::lexicon::FnvBuild>;

/// The selected rules of a rule set, compiled for fast linting. Build it once, lint many documents.
pub struct Engine {
    rules: Vec<Arc<Rule>>,
    phrases: Option<PhraseMatcher>,
    grammar: Option<GrammarMatcher>,
    lang: String,
    sentences: Option<SentenceLanguage>,
    /// Rules about the typography or phrasing of the document's own language (spaces before a
    /// colon are French, not English).
    language_bound: RuleIdSet,
    /// Lexical rules that report English passages themselves, and so are not silenced inside
    /// an English sentence.
    reports_passages: RuleIdSet,
    /// Lexical rules whose reports cover several words (English segments, expressions): a
    /// word report inside one of them is part of it.
    reports_word_groups: RuleIdSet,
    /// What produced the documents this engine checks.
    origin: Origin,
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
        let reports_word_groups = rules
            .iter()
            .filter(|r| matches!(&r.kind, CompiledKind::Lexicon(lex) if lex.reports_word_groups()))
            .map(|r| r.meta.id.clone())
            .collect();
        Engine {
            language_bound,
            reports_passages,
            reports_word_groups,
            phrases: PhraseMatcher::new(phrase_rules),
            grammar: GrammarMatcher::new(&rules),
            rules,
            lang: lang.to_string(),
            sentences,
            origin: Origin::default(),
        }
    }

    /// The engine for documents produced by `origin` (a spinner, by default): it decides what
    /// their English words most likely stand for.
    pub fn with_origin(self, origin: Origin) -> Engine {
        Engine { origin, ..self }
    }

    /// The metadata of the rules this engine runs.
    pub fn rules(&self) -> impl Iterator<Item = &RuleMeta> {
        self.rules.iter().map(|r| &*r.meta)
    }

    /// Lints a file's text in `format` and returns its diagnostics sorted by position, then
    /// rule id, or why the text is not valid in its format. The rules read the file's prose in
    /// normalized form (LF line breaks, composed characters); the diagnostics and their fixes
    /// are given at the file's own offsets.
    pub fn check(&self, text: &str, format: Format) -> Result<Vec<Diagnostic>, FormatError> {
        self.check_with(text, format, ReadOptions::shared_default())
    }

    /// [`Engine::check`] for a file read with `options` (the JSON fields that hold prose).
    pub fn check_with(
        &self,
        text: &str,
        format: Format,
        options: &ReadOptions,
    ) -> Result<Vec<Diagnostic>, FormatError> {
        self.check_part(text, format, options, None)
    }

    /// [`Engine::check_with`] for `text`, one part of a large plain-text document (`part`:
    /// where it stands and what the whole document holds), or a whole file (`None`).
    pub fn check_part(
        &self,
        text: &str,
        format: Format,
        options: &ReadOptions,
        part: Option<PartContext>,
    ) -> Result<Vec<Diagnostic>, FormatError> {
        crate::stages::end("output of the previous document, reading");
        let view = TextView::with_options(text, format, options);
        if let Some(error) = view.error() {
            return Err(error);
        }
        let documents = view.documents();
        let mut diagnostics = Vec::new();
        for document in &documents {
            let mut found = self.lint_prose(
                document.text,
                format,
                document.protected,
                document.sources,
                part,
            );
            crate::stages::end("judging and sorting the diagnostics");
            // What a fix may delete is judged on the prose, where an escaped line break is a
            // line break.
            let document_len = part.map_or(document.text.len(), |part| part.facts.text_len());
            crate::fix::drop_unbounded_fixes(document.text, document_len, &mut found);
            diagnostics.extend(view.map_back(document, found));
        }
        if documents.len() > 1 {
            diagnostics.sort_by(|a, b| {
                (a.span.start, a.span.end, &a.rule).cmp(&(b.span.start, b.span.end, &b.rule))
            });
        }
        Ok(diagnostics)
    }

    /// [`Engine::check`] for text that is sure to be valid in its format (plain text,
    /// Markdown): a text that is not gives no diagnostics.
    pub fn lint(&self, text: &str, format: Format) -> Vec<Diagnostic> {
        self.check(text, format).unwrap_or_default()
    }

    /// The fewest words a line (or a sentence) must have for the repetition checks of `mode`
    /// to weigh it (`None`: no such check runs): what the facts of a large document record of
    /// its lines and sentences.
    fn repeat_min_words(&self, mode: RepetitionMode) -> Option<usize> {
        self.rules
            .iter()
            .filter_map(|r| match &r.kind {
                CompiledKind::Repetition(rep) if rep.mode == mode => Some(rep.min_words),
                _ => None,
            })
            .min()
    }

    /// The facts that one part of a large plain-text document contributes to the whole (word
    /// counts, names, lines, the English words the ranking asks about, the matches the
    /// expressions with a `share-of` mark weigh, the requirements of rules it matches, its
    /// suppression comments), read from its normalized form; `pieces` tells which of its
    /// lines are pieces of a line cut for its length.
    pub fn part_facts(
        &self,
        text: &str,
        pieces: crate::corpus::parts::LinePieces,
    ) -> crate::corpus::facts::PartFacts {
        let view = TextView::new(text, Format::Text);
        let doc = Document::new(view.normalized(), Format::Text);
        let mut facts = crate::corpus::facts::PartFacts::of(
            &doc,
            self.repeat_min_words(RepetitionMode::Line),
            self.repeat_min_words(RepetitionMode::Sentence),
            pieces,
        );
        for rule in self.rules.iter().filter(|r| r.meta.runs_on(Format::Text)) {
            let CompiledKind::Pattern(pattern) = &rule.kind else {
                continue;
            };
            if pattern.requires.is_some() && pattern.requirement_holds(&doc) {
                facts.add_requirement(&rule.meta.id);
            }
            if pattern.weighs_shares() {
                for (index, count) in pattern.share_counts(&rule.meta, &doc) {
                    facts.add_share(&rule.meta.id, index, count);
                }
            }
        }
        // Plain text writes its suppression comments alone on their lines.
        let facts =
            facts.with_suppressions(crate::suppress::parse(text, crate::suppress::Syntax::Line));
        let ranking: Vec<&crate::kinds::lexicon::LexiconRule> = self.ranking_rules().collect();
        if ranking.is_empty() {
            facts
        } else {
            facts.with_ranking(crate::kinds::lexicon::ranking_forms(&doc, &ranking))
        }
    }

    /// Completes the facts of a large document once every part's are added: what the ranking
    /// of suggestions knows of the whole document. Returns whether the ranking also needs what
    /// each part says of its candidates ([`Engine::part_ranking_facts`], added to the facts).
    pub fn settle_facts(&self, facts: &mut crate::corpus::facts::DocumentFacts) -> bool {
        facts.finish();
        if !self.ranks_suggestions() {
            return false;
        }
        let forms = facts.take_ranking_forms();
        let ranking = crate::kinds::lexicon::settle_ranking(forms, |word| facts.count(word));
        let needs_parts = !ranking.candidates.is_empty() || ranking.terms.is_some();
        facts.settle_ranking(ranking);
        needs_parts
    }

    /// What `text`, one part of a large plain-text document, says of the words the ranking of
    /// suggestions asks about (`facts`, settled): the pairs of adjacent words with one of its
    /// candidates, and the uses of the English words it may ask about as terms.
    pub fn part_ranking_facts(
        &self,
        text: &str,
        facts: &crate::corpus::facts::DocumentFacts,
    ) -> crate::corpus::facts::PartRankingFacts {
        let view = TextView::new(text, Format::Text);
        let doc = Document::new(view.normalized(), Format::Text);
        crate::kinds::lexicon::part_ranking_facts(&doc, facts.ranking())
    }

    /// Whether some rule ranks suggestions for English words, which read facts of the whole
    /// document.
    fn ranks_suggestions(&self) -> bool {
        self.ranking_rules().next().is_some()
    }

    /// The lexicon rules that rank suggestions for English words.
    fn ranking_rules(&self) -> impl Iterator<Item = &crate::kinds::lexicon::LexiconRule> {
        self.rules.iter().filter_map(|r| match &r.kind {
            CompiledKind::Lexicon(lex) if lex.ranks_suggestions() => Some(&**lex),
            _ => None,
        })
    }

    /// How the diagnostics of `diagnostic`'s rule are judged against their sentence.
    fn judgement(&self, diagnostic: &Diagnostic) -> Judgement {
        if self.reports_passages.contains(&diagnostic.rule) {
            Judgement::Passage
        } else if is_lexical(diagnostic.category) {
            Judgement::Word
        } else if self.language_bound.contains(&diagnostic.rule) {
            Judgement::LanguageBound
        } else {
            Judgement::Kept
        }
    }

    /// Lints one document's prose, already in normalized form, with `protected` ranges that
    /// no rule may flag or edit.
    fn lint_prose(
        &self,
        text: &str,
        format: Format,
        protected: &[std::ops::Range<usize>],
        sources: &[(std::ops::Range<usize>, String)],
        part: Option<PartContext>,
    ) -> Vec<Diagnostic> {
        let mut doc = Document::with_protected(text, format, protected)
            .with_sources(sources)
            .with_origin(self.origin);
        if let Some(part) = part {
            doc = doc.in_part(part);
        }
        crate::stages::end("format view, document preparation");
        let mut sink = Sink::default();
        if let Some(phrases) = &self.phrases {
            phrases.check(&doc, &mut sink);
        }
        crate::stages::end("phrase rules");
        let active: Vec<&Rule> = self
            .rules
            .iter()
            .map(|r| &**r)
            .filter(|r| r.meta.runs_on(format))
            .collect();
        // The repetition rules about tokens each scan the tokens in a loop of their own (the
        // order of the diagnostics found does not matter: they are sorted below).
        for rule in &active {
            if let CompiledKind::Repetition(rep) = &rule.kind
                && rep.visits_tokens()
            {
                rep.check_tokens(&rule.meta, &doc, &mut sink);
            }
        }
        crate::stages::end("repetition rules over tokens");
        if let Some(grammar) = &self.grammar {
            grammar.pass(&doc, format).visit_tokens(&mut sink);
        }
        crate::stages::end("grammar rules");
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
                CompiledKind::Bilingual(bilingual) => {
                    bilingual.check(&rule.meta, &doc, &self.lang, &mut sink)
                }
                // Run above, over the whole document at once.
                CompiledKind::Phrase(_) | CompiledKind::Grammar(_) => continue,
            }
            crate::stages::end(&rule.meta.id);
        }
        let mut diagnostics = sink.diagnostics;
        // A word's language is judged against its sentence: in an English sentence English words
        // are expected, and in an identifier ("LOG_LEVEL") they are code;
        // and French typography does not bind an English sentence.
        // Diagnostics share sentences: judge each sentence once.
        // Judged sentences by (start, end), so that finding one costs a search of a tree: a
        // sorted list would cost a move of the sentences after each one judged out of order
        // (the diagnostics are in rule order here), in proportion to the document.
        let judged: std::cell::RefCell<BTreeMap<(usize, usize), (Sentence, bool)>> =
            Default::default();
        let in_english = |d: &Diagnostic| {
            let Some(judge) = &self.sentences else {
                return false;
            };
            let at = d.span.start;
            // The last sentence that starts at or before `at`.
            if let Some((_, (sentence, english))) =
                judged.borrow().range(..=(at, usize::MAX)).next_back()
                && sentence.holds(at)
            {
                return *english;
            }
            let sentence = Sentence::around(doc.text, at);
            let key = (sentence.range.start, sentence.range.end);
            if let Some((_, english)) = judged.borrow().get(&key) {
                return *english;
            }
            let english = judge.is_english(&doc, sentence.range.clone());
            judged.borrow_mut().insert(key, (sentence, english));
            english
        };
        // A rule's diagnostics come one after the other: its judgement is looked up once for
        // each run of them (of one category).
        let mut last: Option<(Arc<str>, Category, Judgement)> = None;
        diagnostics.retain(|d| {
            let judgement = match &last {
                Some((rule, category, judgement))
                    if Arc::ptr_eq(rule, &d.rule) && *category == d.category =>
                {
                    *judgement
                }
                _ => {
                    let judgement = self.judgement(d);
                    last = Some((d.rule.clone(), d.category, judgement));
                    judgement
                }
            };
            match judgement {
                Judgement::Passage => !doc.joined_to_code(&d.span),
                Judgement::Word => !(doc.joined_to_code(&d.span) || in_english(d)),
                Judgement::LanguageBound => !in_english(d),
                Judgement::Kept => true,
            }
        });
        // Several rules may flag the same word for the same reason (a curated phrase entry and
        // the lexicon detector): keep the most severe, and among equals the first, which comes
        // from the more specific rule.
        diagnostics.sort_by_key(|d| (d.span.start, d.span.end, std::cmp::Reverse(d.severity)));
        diagnostics.dedup_by(|later, earlier| {
            let same = later.span == earlier.span
                && is_lexical(later.category)
                && is_lexical(earlier.category);
            // The kept diagnostic takes the fix of the one dropped when it has none (a word
            // of the source left in English, and the lexicon's suggestion for it).
            if same && earlier.fix.is_none() {
                earlier.fix = later.fix.take();
            }
            same
        });
        // A word a lexicon rule explains (a spinner's synonym, an English word) is also what
        // breaks the grammar around it ("la drive", "le office"): report it once, with the
        // lexicon rule's explanation and fix.
        if let Some(grammar) = &self.grammar {
            let lexical = SpanIndex::new(
                diagnostics
                    .iter()
                    .filter(|d| is_lexical(d.category))
                    .map(|d| d.span.clone())
                    .collect(),
            );
            if !lexical.is_empty() {
                diagnostics.retain(|d| !grammar.reports(&d.rule) || !lexical.overlaps(&d.span));
            }
        }
        // A word inside a passage reported as a whole (an English segment, an expression) is
        // part of that report.
        let passages = SpanIndex::new(
            diagnostics
                .iter()
                .filter(|d| is_lexical(d.category) && self.reports_word_groups.contains(&d.rule))
                .map(|d| d.span.clone())
                .collect(),
        );
        if !passages.is_empty() {
            diagnostics.retain(|d| {
                !is_lexical(d.category)
                    || self.reports_word_groups.contains(&d.rule)
                    || !passages.contains(&d.span)
            });
        }
        // Still sorted by span (the steps above keep the order): only the diagnostics that
        // share a span are left to order by rule.
        order_by_rule_within_spans(&mut diagnostics);
        diagnostics
    }
}

/// Orders by rule id, stably, each run of diagnostics with the same span in `diagnostics`,
/// which are sorted by (start, end): the order of a stable sort by (start, end, rule id),
/// without moving the many diagnostics that share their span with none.
fn order_by_rule_within_spans(diagnostics: &mut [Diagnostic]) {
    debug_assert!(
        diagnostics
            .windows(2)
            .all(|w| (w[0].span.start, w[0].span.end) <= (w[1].span.start, w[1].span.end))
    );
    for run in diagnostics.chunk_by_mut(|a, b| a.span == b.span) {
        if run.len() > 1 {
            run.sort_by(|a, b| a.rule.cmp(&b.rule));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    /// Diagnostics sorted by span, then ordered by rule within each span, are in the order of
    /// a stable sort by (start, end, rule id), on random spans, rules and severities.
    #[test]
    fn ordering_by_rule_within_spans_is_a_sort_by_span_and_rule() {
        let rules: Vec<Arc<str>> = ["b/x", "a/y", "a/x", "c"].map(Arc::from).to_vec();
        let severities = [Severity::Info, Severity::Warning, Severity::Error];
        // A linear congruential generator: the same cases on every run.
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = |below: usize| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as usize % below
        };
        for _ in 0..500 {
            let count = next(12);
            let mut diagnostics: Vec<Diagnostic> = (0..count)
                .map(|n| {
                    let start = next(4);
                    Diagnostic {
                        rule: rules[next(rules.len())].clone(),
                        category: Category::Typography,
                        severity: severities[next(severities.len())],
                        message: n.to_string(),
                        span: start..start + next(3),
                        fix: None,
                    }
                })
                .collect();
            diagnostics.sort_by_key(|d| (d.span.start, d.span.end, std::cmp::Reverse(d.severity)));
            let mut expected = diagnostics.clone();
            expected.sort_by(|a, b| {
                (a.span.start, a.span.end, &a.rule).cmp(&(b.span.start, b.span.end, &b.rule))
            });
            order_by_rule_within_spans(&mut diagnostics);
            assert_eq!(diagnostics, expected);
        }
    }
}
