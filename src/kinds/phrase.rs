//! Phrase substitution: words or phrases found case-insensitively at word boundaries (French
//! elision understood), with conditions on the neighbouring words, and suggestions that follow
//! the case of the match. All phrase rules share one Aho-Corasick automaton.

use crate::{
    diagnostic::Applicability,
    document::Document,
    kinds::{
        CompileContext, Sink,
        conditions::{Condition, Context, Side},
        report_with_suggestions,
    },
    rules::{PackError, RuleMeta, spec::FixSafety, spec::RuleSpec},
    text::case::{CaseShape, fold_keeping_offsets, follow_case, shape_of},
};
use aho_corasick::{Anchored, MatchKind, automaton::Automaton, nfa::contiguous::NFA};
use std::sync::{
    Arc, OnceLock,
    atomic::{AtomicUsize, Ordering},
};
use walk::AnchoredTable;

mod walk;

/// One entry: phrases with the same suggestions and conditions.
#[derive(Debug)]
pub struct PhraseEntry {
    /// The phrases as written in the pack.
    pub phrases: Vec<String>,
    /// Suggestions, best first.
    pub suggest: Vec<String>,
    /// Conditions on the neighbouring words.
    pub context: Context,
    /// Fix safety of this entry, when it differs from the rule's.
    pub fix: Option<Applicability>,
}

/// A compiled phrase rule.
#[derive(Debug)]
pub struct PhraseRule {
    /// Its entries.
    pub entries: Vec<PhraseEntry>,
    /// Whether the case of the match must equal the case of the phrase.
    pub case_sensitive: bool,
    /// Whether a lowercase phrase found capitalized mid-sentence (a proper noun) is skipped.
    pub skip_proper_nouns: bool,
    /// With `inflect = true`: the determiners that one-word suggestions agree with.
    pub agreement: Option<crate::kinds::lexicon::Agreement>,
}

impl PhraseRule {
    /// Validates and compiles a `kind = "phrase"` rule.
    pub fn compile(spec: &RuleSpec, ctx: &CompileContext) -> Result<Self, PackError> {
        let case_sensitive = match &spec.case {
            None => false,
            Some(c) if c.get_ref() == "insensitive" => false,
            Some(c) if c.get_ref() == "sensitive" => true,
            Some(c) => {
                return Err(ctx.error(
                    Some(c.span()),
                    "`case` must be `sensitive` or `insensitive`",
                ));
            }
        };
        let specs = spec
            .entries
            .as_ref()
            .ok_or_else(|| ctx.missing(spec, "entries"))?;
        let classes = ctx.classes.clone();
        let parse = |list: &[toml::Spanned<String>], side| {
            list.iter()
                .map(|c| Condition::parse(c, side, &classes, ctx))
                .collect::<Result<Vec<_>, _>>()
        };
        let mut entries = Vec::new();
        for entry in specs {
            if entry.phrases.is_empty() || entry.phrases.iter().any(|p| p.trim().is_empty()) {
                return Err(ctx.error(
                    Some(spec.id.span()),
                    format!(
                        "rule `{}` has an entry with an empty phrase",
                        spec.id.get_ref()
                    ),
                ));
            }
            entries.push(PhraseEntry {
                phrases: entry.phrases.clone(),
                suggest: entry.suggest.clone(),
                context: Context {
                    prev: parse(&entry.prev, Side::Before)?,
                    next: parse(&entry.next, Side::After)?,
                    not_prev: parse(&entry.not_prev, Side::Before)?,
                    not_next: parse(&entry.not_next, Side::After)?,
                },
                fix: match entry.fix {
                    Some(FixSafety::Safe) => Some(Applicability::Safe),
                    Some(FixSafety::Unsafe) => Some(Applicability::Unsafe),
                    Some(FixSafety::None) | None => None,
                },
            });
        }
        Ok(PhraseRule {
            entries,
            case_sensitive,
            skip_proper_nouns: spec.skip_proper_nouns.unwrap_or(true),
            agreement: spec
                .inflect
                .unwrap_or(false)
                .then(|| crate::kinds::lexicon::Agreement::new(ctx)),
        })
    }
}

/// The phrase automaton of `patterns` as a contiguous NFA: quick to build.
fn nfa_of(patterns: &[String]) -> NFA {
    NFA::builder()
        .match_kind(MatchKind::Standard)
        .build(patterns)
        .expect("phrase patterns build an automaton")
}

/// Every occurrence of a phrase of `automaton` in the folded text of `doc` that starts where
/// a token starts, as (start, end, pattern): the automaton is walked from each token start, and
/// a walk stops at the first byte no phrase continues with (for most words, after a letter or
/// two). By start, then by end; the patterns of one span in the automaton's order, the order in
/// which an unanchored overlapping search reports them.
fn occurrences<A: Automaton>(automaton: &A, doc: &Document) -> Vec<(usize, usize, usize)> {
    let Ok(start_state) = automaton.start_state(Anchored::Yes) else {
        return Vec::new();
    };
    let folded = doc.folded.as_bytes();
    let mut found = Vec::new();
    for token in &doc.tokens {
        let start = token.start;
        let mut state = start_state;
        for (at, &byte) in folded[start..].iter().enumerate() {
            state = automaton.next_state(Anchored::Yes, state, byte);
            if !automaton.is_special(state) {
                continue;
            }
            if automaton.is_dead(state) {
                break;
            }
            if automaton.is_match(state) {
                let length = at + 1;
                for index in 0..automaton.match_len(state) {
                    let pattern = automaton.match_pattern(state, index);
                    // A state also holds the phrases that end its path but start later.
                    if automaton.pattern_len(pattern) == length {
                        found.push((start, start + length, pattern.as_usize()));
                    }
                }
            }
        }
    }
    found
}

/// Where an automaton pattern comes from.
#[derive(Debug, Clone, Copy)]
struct Target {
    rule: usize,
    entry: usize,
    phrase: usize,
    /// Whether the phrase is written in lowercase ([`CaseShape::Lower`]), known once for all
    /// its occurrences.
    lowercase: bool,
}

/// Whether `a` and `b` are the same text once their typographic apostrophes are straight,
/// compared without copying either.
fn same_but_apostrophes(a: &str, b: &str) -> bool {
    let straight = |c: char| if c == '’' { '\'' } else { c };
    a == b || a.chars().map(straight).eq(b.chars().map(straight))
}

/// The bytes of folded text searched with the automaton that is quick to build before the table
/// that is quick to walk is built: a short run never pays for the second.
const FAST_AUTOMATON_AFTER: usize = 256 * 1024;

/// Every selected phrase rule, fused into one automaton over the folded text.
pub struct PhraseMatcher {
    /// The automaton as a contiguous NFA: quick to build.
    automaton: NFA,
    /// The automaton's anchored walks as a table, faster per byte but longer to build: built
    /// once [`FAST_AUTOMATON_AFTER`] bytes have been searched (`None`: no anchored start).
    fast: OnceLock<Option<AnchoredTable>>,
    /// The patterns of the automaton, for the table.
    patterns: Vec<String>,
    /// The bytes of folded text searched so far.
    searched: AtomicUsize,
    targets: Vec<Target>,
    rules: Vec<(Arc<RuleMeta>, Arc<crate::rules::Rule>)>,
}

impl PhraseMatcher {
    /// Builds the automaton of every phrase of `rules` (in both apostrophe styles).
    pub fn new(rules: Vec<(Arc<RuleMeta>, Arc<crate::rules::Rule>)>) -> Option<Self> {
        let mut patterns = Vec::new();
        let mut targets = Vec::new();
        for (rule_index, (_, rule)) in rules.iter().enumerate() {
            let crate::kinds::CompiledKind::Phrase(phrase_rule) = &rule.kind else {
                continue;
            };
            for (entry_index, entry) in phrase_rule.entries.iter().enumerate() {
                for (phrase_index, phrase) in entry.phrases.iter().enumerate() {
                    let folded = fold_keeping_offsets(phrase);
                    let mut variants = vec![folded.replace('’', "'")];
                    if folded.contains(['\'', '’']) {
                        variants.push(folded.replace('\'', "’"));
                    }
                    let lowercase = shape_of(phrase) == CaseShape::Lower;
                    for variant in variants {
                        patterns.push(variant);
                        targets.push(Target {
                            rule: rule_index,
                            entry: entry_index,
                            phrase: phrase_index,
                            lowercase,
                        });
                    }
                }
            }
        }
        if patterns.is_empty() {
            return None;
        }
        Some(PhraseMatcher {
            automaton: nfa_of(&patterns),
            fast: OnceLock::new(),
            patterns,
            searched: AtomicUsize::new(0),
            targets,
            rules,
        })
    }

    /// The phrase occurrences at the token starts of `doc` (see [`occurrences`]), found with
    /// the table once it pays. Both find the same occurrences in the same order.
    fn occurrences(&self, doc: &Document) -> Vec<(usize, usize, usize)> {
        let fast = match self.fast.get() {
            Some(fast) => fast,
            None if self.searched.fetch_add(doc.folded.len(), Ordering::Relaxed)
                < FAST_AUTOMATON_AFTER =>
            {
                return occurrences(&self.automaton, doc);
            }
            None => self
                .fast
                .get_or_init(|| AnchoredTable::new(&self.automaton, &self.patterns)),
        };
        match fast {
            Some(table) => table.occurrences(
                &self.automaton,
                doc.folded.as_bytes(),
                doc.tokens.iter().map(|token| token.start),
            ),
            None => Vec::new(),
        }
    }

    /// Reports every phrase match of `doc` whose boundaries and conditions hold. Where matches
    /// overlap, the longest wins.
    pub fn check(&self, doc: &Document, sink: &mut Sink) {
        let mut found: Vec<(usize, usize, Target)> = Vec::new();
        for (start, end, pattern) in self.occurrences(doc) {
            let target = self.targets[pattern];
            if doc.token_ending_at(end).is_none() {
                continue;
            }
            let (meta, rule) = &self.rules[target.rule];
            let crate::kinds::CompiledKind::Phrase(phrase_rule) = &rule.kind else {
                continue;
            };
            if !meta.runs_on(doc.format) || doc.is_protected(&(start..end)) {
                continue;
            }
            let entry = &phrase_rule.entries[target.entry];
            let written = &entry.phrases[target.phrase];
            let matched = &doc.text[start..end];
            if phrase_rule.case_sensitive && !same_but_apostrophes(matched, written) {
                continue;
            }
            // A lowercase phrase found capitalized mid-sentence is a proper noun; found in
            // capitals, it is an acronym or a keyword ("ISOLATION LEVEL").
            if phrase_rule.skip_proper_nouns && target.lowercase {
                let shape = shape_of(matched);
                if matches!(shape, CaseShape::Capitalized | CaseShape::Mixed)
                    && !doc.starts_sentence(start)
                    || shape == CaseShape::Upper && matched.chars().count() > 1
                {
                    continue;
                }
            }
            if !entry.context.holds(doc, start, end) {
                continue;
            }
            found.push((start, end, target));
        }
        found.sort_by_key(|&(start, end, _)| (start, usize::MAX - end));
        let mut last_end = 0;
        for (start, end, target) in found {
            if start < last_end {
                continue;
            }
            last_end = end;
            self.report(doc, start, end, target, sink);
        }
    }

    fn report(&self, doc: &Document, start: usize, end: usize, target: Target, sink: &mut Sink) {
        let (meta, rule) = &self.rules[target.rule];
        let crate::kinds::CompiledKind::Phrase(phrase_rule) = &rule.kind else {
            return;
        };
        let entry = &phrase_rule.entries[target.entry];
        let matched = &doc.text[start..end];
        let suggestions: Vec<String> = entry
            .suggest
            .iter()
            .filter_map(|s| {
                if s == "{lower}" {
                    return Some(matched.to_lowercase());
                }
                let agreeing = match &phrase_rule.agreement {
                    Some(agreement) => agreement.agree(doc, start..end, s)?,
                    None => s.clone(),
                };
                Some(follow_case(matched, &agreeing))
            })
            .collect();
        if suggestions.is_empty() && !entry.suggest.is_empty() {
            // None of the suggestions can agree with the words around: the message names the
            // first, and there is no fix.
            let first = follow_case(matched, &entry.suggest[0]);
            let message = meta.render_message(matched, &first, "");
            sink.report(meta, start..end, message, None, None);
            return;
        }
        report_with_suggestions(sink, meta, start..end, matched, &suggestions, entry.fix);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_automaton_and_its_table_walk_to_what_an_overlapping_search_finds_at_token_starts() {
        use aho_corasick::{AhoCorasick, AhoCorasickKind};
        let rules = crate::rules::builtin_for_tests()
            .rules
            .iter()
            .map(|rule| (rule.meta.clone(), rule.clone()))
            .collect();
        let matcher = PhraseMatcher::new(rules).expect("the built-in packs have phrases");
        let unanchored = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&matcher.patterns)
            .unwrap();
        let table = AnchoredTable::new(&matcher.automaton, &matcher.patterns).unwrap();
        let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let paths = ["seeds", "mt"]
            .iter()
            .flat_map(|folder| std::fs::read_dir(fixtures.join(folder)).unwrap())
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|e| e == "txt"));
        let mut texts = 0;
        let mut found = 0;
        for path in paths {
            let text = std::fs::read_to_string(path).unwrap();
            let doc = Document::new(&text, crate::document::Format::Text);
            let by_span = |found: &mut Vec<(usize, usize, usize)>| {
                found.sort_by_key(|&(start, end, _)| (start, usize::MAX - end));
            };
            let mut searched: Vec<(usize, usize, usize)> = unanchored
                .find_overlapping_iter(doc.folded.as_str())
                .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
                .filter(|&(start, _, _)| doc.token_starting_at(start).is_some())
                .collect();
            let walked = occurrences(&matcher.automaton, &doc);
            let starts = doc.tokens.iter().map(|token| token.start);
            assert_eq!(
                walked,
                table.occurrences(&matcher.automaton, doc.folded.as_bytes(), starts)
            );
            let mut sorted = walked.clone();
            by_span(&mut searched);
            by_span(&mut sorted);
            assert_eq!(searched, sorted);
            found += walked.len();
            texts += 1;
        }
        assert!(texts >= 10, "{texts} texts");
        assert!(found >= 50, "{found} occurrences");
    }
}
