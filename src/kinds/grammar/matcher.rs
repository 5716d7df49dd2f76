//! Every grammar pattern of every rule, indexed by its first token, tried on each token of the
//! engine's single pass.

use super::{
    Entry, GrammarRule,
    template::Filled,
    token::{TokenTest, TokenView},
};
use crate::{
    diagnostic::Edit,
    document::{Document, Format},
    kinds::{CompiledKind, Sink, quoted},
    lexicon::FnvBuild,
    rules::Rule,
    text::{
        case::{CaseShape, follow_case, shape_of},
        normalize::{has_curly_apostrophe, is_blank, straightened},
        tokenize::TokenKind,
    },
};
use std::{collections::HashMap, sync::Arc};

thread_local! {
    /// Scratch space for the tokens of a match, reused from pattern to pattern.
    static MATCHED: std::cell::RefCell<Vec<Option<usize>>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// (rule, entry) indices, and which token of the entry the index found (the entry is matched
/// from that many tokens before).
type Pattern = (u32, u32, u32);

/// The grammar rules of an engine, compiled into one index.
pub struct GrammarMatcher {
    rules: Vec<Arc<Rule>>,
    /// Patterns with a token that is one of a list of words (the first such token, with no
    /// optional token before it), by word.
    by_word: HashMap<String, Vec<Pattern>, FnvBuild>,
    /// The other patterns, with the tag bits their first token needs in some reading.
    by_tags: Vec<(u64, Pattern)>,
    /// The length in bytes of the longest word of `by_word`: longer tokens skip the lookup.
    longest: usize,
}

impl GrammarMatcher {
    /// Indexes the patterns of the grammar rules among `rules` (`None`: there are none).
    pub fn new(rules: &[Arc<Rule>]) -> Option<GrammarMatcher> {
        let rules: Vec<Arc<Rule>> = rules
            .iter()
            .filter(|r| matches!(r.kind, CompiledKind::Grammar(_)))
            .cloned()
            .collect();
        if rules.is_empty() {
            return None;
        }
        let mut by_word: HashMap<String, Vec<Pattern>, FnvBuild> = HashMap::default();
        let mut by_tags = Vec::new();
        for (r, rule) in rules.iter().enumerate() {
            for (e, entry) in grammar(rule).entries.iter().enumerate() {
                let anchor = entry
                    .tokens
                    .iter()
                    .take_while(|t| !t.optional)
                    .enumerate()
                    .find_map(|(k, t)| t.words().map(|words| (k, words)));
                match anchor {
                    Some((k, words)) => {
                        for word in words {
                            by_word
                                .entry(word)
                                .or_default()
                                .push((r as u32, e as u32, k as u32));
                        }
                    }
                    None => {
                        by_tags.push((entry.tokens[0].required_bits(), (r as u32, e as u32, 0)))
                    }
                }
            }
        }
        let longest = by_word.keys().map(String::len).max().unwrap_or(0);
        Some(GrammarMatcher {
            rules,
            by_word,
            by_tags,
            longest,
        })
    }

    /// Whether the rule with id `rule` is one of the matcher's.
    pub fn reports(&self, rule: &str) -> bool {
        self.rules.iter().any(|r| &*r.meta.id == rule)
    }

    /// Tries every pattern that may start at token `i` of `doc`.
    pub fn visit_token(&self, doc: &Document, i: usize, format: Format, sink: &mut Sink) {
        let token = doc.tokens[i];
        if token.kind == TokenKind::Number
            || (self.by_tags.is_empty() && token.end - token.start > self.longest)
        {
            return;
        }
        let word = straightened(doc.folded_word(i));
        let by_word = self
            .by_word
            .get(word.as_ref())
            .map_or(&[][..], Vec::as_slice);
        // Patterns not indexed by a word need the token's readings.
        let union = if self.by_tags.is_empty() {
            0
        } else {
            doc.analysis(i).1
        };
        let by_tags = self
            .by_tags
            .iter()
            .filter(|(bits, _)| union & bits == *bits)
            .map(|(_, pattern)| pattern);
        // A rule reports one match per start token.
        let mut reported: Vec<(u32, usize)> = Vec::new();
        if by_word.is_empty() && self.by_tags.is_empty() {
            return;
        }
        // The next word, which most patterns' second token rules out at a glance.
        let next = next_adjacent(doc, i)
            .filter(|&j| doc.tokens[j].kind != TokenKind::Number)
            .map(|j| (straightened(doc.folded_word(j)), doc.analysis(j).1));
        for &(r, e, offset) in by_word.iter().chain(by_tags) {
            let Some(start) = i.checked_sub(offset as usize) else {
                continue;
            };
            let rule = &self.rules[r as usize];
            let entry = &grammar(rule).entries[e as usize];
            if let Some(after) = entry
                .tokens
                .get(offset as usize + 1)
                .filter(|t| !t.optional)
            {
                match &next {
                    Some((word, union)) if after.may_hold(word, *union) => {}
                    _ => continue,
                }
            }
            if reported.contains(&(r, start)) {
                continue;
            }
            if !rule.meta.runs_on(format) {
                continue;
            }
            let found = MATCHED.with(|matched| {
                let mut matched = matched.borrow_mut();
                matched.clear();
                match_from(entry, doc, 0, Some(start), &mut matched)
                    && report(rule, entry, doc, &matched, sink)
            });
            if found {
                reported.push((r, start));
            }
        }
    }
}

fn grammar(rule: &Rule) -> &GrammarRule {
    match &rule.kind {
        CompiledKind::Grammar(grammar) => grammar,
        _ => unreachable!("the matcher only holds grammar rules"),
    }
}

/// What a condition sees of token `i`.
fn view<'d>(doc: &'d Document, i: usize) -> TokenView<'d> {
    TokenView {
        doc,
        index: i,
        text: doc.word(i),
        word: straightened(doc.folded_word(i)),
    }
}

/// Whether token `j` is part of a word hyphenated across a line break ("diction‐⏎naire"): a
/// fragment is no word of the lexicon.
fn fragment(doc: &Document, j: usize) -> bool {
    let hyphen = ['-', '\u{2010}', '\u{ad}'];
    let token = doc.tokens[j];
    let line_break = |gap: &str| gap.contains('\n');
    let after = &doc.text[token.end..];
    if let Some(rest) = after.strip_prefix(hyphen) {
        let gap = &rest[..rest.len() - rest.trim_start_matches(is_blank).len()];
        if line_break(gap) {
            return true;
        }
    }
    let before = &doc.text[..token.start];
    let trimmed = before.trim_end_matches(is_blank);
    line_break(&before[trimmed.len()..])
        && trimmed
            .strip_suffix(hyphen)
            .is_some_and(|word| word.ends_with(char::is_alphabetic))
}

/// The token right after token `j`, when only blanks (and at most one line break) separate them.
fn next_adjacent(doc: &Document, j: usize) -> Option<usize> {
    let next = j + 1;
    let token = doc.tokens.get(next)?;
    let gap = &doc.text[doc.tokens[j].end..token.start];
    (gap.chars().all(is_blank) && gap.matches('\n').count() <= 1).then_some(next)
}

/// The token right before token `j`, on the same terms.
fn previous_adjacent(doc: &Document, j: usize) -> Option<usize> {
    let previous = j.checked_sub(1)?;
    next_adjacent(doc, previous).map(|_| previous)
}

/// Matches pattern tokens `k..` from document token `at`, filling `matched` (the document token
/// of each pattern token, `None` for an absent optional one). Optional tokens are taken when
/// they match.
fn match_from(
    entry: &Entry,
    doc: &Document,
    k: usize,
    at: Option<usize>,
    matched: &mut Vec<Option<usize>>,
) -> bool {
    let Some(test) = entry.tokens.get(k) else {
        return true;
    };
    if let Some(j) = at
        && doc.tokens[j].kind != TokenKind::Number
        && test.holds(&view(doc, j))
        && !fragment(doc, j)
    {
        matched.push(Some(j));
        if match_from(entry, doc, k + 1, next_adjacent(doc, j), matched) {
            return true;
        }
        matched.pop();
    }
    if test.optional {
        matched.push(None);
        if match_from(entry, doc, k + 1, at, matched) {
            return true;
        }
        matched.pop();
    }
    false
}

/// The union of the tag bits of the readings token `j`'s condition speaks of.
fn features_of(test: &TokenTest, doc: &Document, j: usize) -> u64 {
    let view = view(doc, j);
    test.considered(&view).fold(0, |all, r| all | r.tags.bits())
}

/// Checks the entry's relations and context on a match, and reports it. Returns whether it
/// reported.
fn report(
    rule: &Rule,
    entry: &Entry,
    doc: &Document,
    matched: &[Option<usize>],
    sink: &mut Sink,
) -> bool {
    let (Some(first), Some(last)) = (
        matched.iter().flatten().next().copied(),
        matched.iter().flatten().next_back().copied(),
    ) else {
        return false;
    };
    // Most structural matches ("le" + a noun) fail their agreement check: weigh only the tokens
    // a relation names before anything else.
    let mut features: Vec<Option<u64>> = vec![None; matched.len()];
    let mut feature_of = |k: usize| -> u64 {
        *features[k]
            .get_or_insert_with(|| matched[k].map_or(0, |j| features_of(&entry.tokens[k], doc, j)))
    };
    for relation in &entry.relations {
        let (Some(i), Some(j)) = (matched[relation.first], matched[relation.second]) else {
            return false;
        };
        if relation.mask == 0 {
            let same = straightened(doc.folded_word(i)) == straightened(doc.folded_word(j));
            if same != relation.agree {
                return false;
            }
            continue;
        }
        let (a, b) = (feature_of(relation.first), feature_of(relation.second));
        let (a, b) = (a & relation.mask, b & relation.mask);
        // A token without the feature (unknown gender) neither agrees nor disagrees.
        if a == 0 || b == 0 || (a & b != 0) != relation.agree {
            return false;
        }
    }
    let neighbour_fails = |test: &Option<TokenTest>, neighbour: Option<usize>| {
        test.as_ref().zip(neighbour).is_some_and(|(test, j)| {
            doc.tokens[j].kind == TokenKind::Number || !test.holds(&view(doc, j))
        })
    };
    if neighbour_fails(&entry.before, previous_adjacent(doc, first))
        || neighbour_fails(&entry.after, next_adjacent(doc, last))
    {
        return false;
    }
    let whole = doc.tokens[first].start..doc.tokens[last].end;
    if !entry.context.holds(doc, whole.start, whole.end)
        || doc.is_protected(&whole)
        || doc.joined_to_code(&whole)
    {
        return false;
    }
    let marked: Vec<usize> = matched[entry.mark[0]..=entry.mark[1]]
        .iter()
        .flatten()
        .copied()
        .collect();
    let (Some(&from), Some(&to)) = (marked.first(), marked.last()) else {
        return false;
    };
    let span = doc.tokens[from].start..doc.tokens[to].end;
    let span_text = &doc.text[span.clone()];
    let texts: Vec<Option<&str>> = matched
        .iter()
        .map(|j| {
            j.map(|j| {
                let text = doc.word(j);
                // A capitalized first word is moved or rewritten in lowercase; the whole
                // suggestion then takes the span's case.
                if j == from && shape_of(text) == CaseShape::Capitalized {
                    doc.folded_word(j)
                } else {
                    text
                }
            })
        })
        .collect();
    let GrammarRule {
        message, fallback, ..
    } = grammar(rule);
    let template = entry.message.as_ref().unwrap_or(message);
    let wants_lemma = template.uses_lemma() || fallback.as_ref().is_some_and(|f| f.uses_lemma());
    let lemmas = entry
        .tokens
        .iter()
        .zip(matched)
        .map(|(test, j)| {
            if !wants_lemma {
                return None;
            }
            let view = view(doc, (*j)?);
            test.considered(&view).next().map(|r| r.lemma(&view.word))
        })
        .collect();
    let features = (0..matched.len()).map(&mut feature_of).collect();
    let filled = Filled {
        texts,
        features,
        lemmas,
        // Looking for a ’ scans the document: only when the suggestion writes an apostrophe.
        apostrophe: if entry.suggest.as_ref().is_some_and(|t| t.uses_apostrophe())
            && has_curly_apostrophe(doc.text)
        {
            '’'
        } else {
            '\''
        },
        span: span_text,
    };
    let suggestion = entry
        .suggest
        .as_ref()
        .and_then(|t| t.fill(&filled, None))
        .map(|s| {
            follow_case(
                span_text,
                &s.split_whitespace().collect::<Vec<_>>().join(" "),
            )
        });
    if suggestion.as_deref() == Some(span_text) {
        return false;
    }
    let Some(text) = template
        .fill(&filled, suggestion.as_deref())
        .or_else(|| fallback.as_ref()?.fill(&filled, None))
    else {
        return false;
    };
    let applicability = entry.fix.unwrap_or(rule.meta.fix);
    let fix = suggestion.filter(|_| applicability.is_some()).map(|s| {
        (
            vec![Edit::new(span.clone(), s.clone())],
            format!("Replace with {}", quoted(&s)),
        )
    });
    sink.report(&rule.meta, span, text, fix, applicability);
    sink.set_last_severity(entry.severity);
    true
}
