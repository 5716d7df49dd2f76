//! Every grammar pattern of every rule, indexed by the words of one of its first tokens, tried
//! on each token of the engine's single pass. What the patterns ask of a token is found once,
//! as bits (see [`super::facts`]), so most conditions are bit tests.

use super::{
    Entry, GrammarRule,
    facts::{Facts, TokenFacts, WordSets, flag, next_is_adjacent},
    template::Filled,
    token::{CompiledTest, Quick, TokenTest, TokenView},
};
use crate::{
    diagnostic::Edit,
    document::{Document, Format},
    kinds::{CompiledKind, Sink, quoted},
    rules::Rule,
    text::{
        case::{CaseShape, follow_case, shape_of},
        normalize::straightened,
        tokenize::TokenKind,
    },
};
use std::{collections::HashMap, sync::Arc};

/// One `[[rule.match]]` entry, its conditions compiled.
struct Compiled {
    /// The rule, by index in the matcher's rules.
    rule: u32,
    /// The entry, by index in the rule's entries.
    entry: u32,
    tokens: Vec<CompiledTest>,
    /// Whether no token of the pattern is optional: a match then takes the tokens from its
    /// start on, one for each.
    fixed: bool,
    /// The pattern tokens the relations name, when they name at most three (the last one
    /// again when they name fewer): their verdict then depends on those words alone.
    related: Option<[usize; 3]>,
    before: Option<CompiledTest>,
    after: Option<CompiledTest>,
}

/// A pattern to try on a token: the compiled entry, which of its tokens the token is (the
/// entry is matched from that many tokens before), and the bit tests of the next one or two
/// tokens, which rule most patterns out before they are matched.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    compiled: u32,
    offset: u32,
    /// Which tokens `ahead` tests.
    reach: Reach,
    ahead: [Quick; 2],
}

/// What a [`Candidate`] checks before its pattern is matched.
#[derive(Debug, Clone, Copy)]
enum Reach {
    /// The bit tests of the token itself (the pattern ends with it, or an optional token of
    /// several kinds follows it).
    Own,
    /// The next token must pass `ahead[0]`.
    One,
    /// The next token must pass `ahead[0]`, the one after it `ahead[1]`.
    Two,
    /// The next token must pass `ahead[0]` or `ahead[1]`: an optional token follows this one,
    /// then a token that must be there.
    Either,
}

impl Candidate {
    fn new(compiled: u32, offset: usize, tokens: &[CompiledTest]) -> Candidate {
        let after = &tokens[offset + 1..];
        let required = after.iter().take_while(|t| !t.optional).count();
        let (reach, ahead) = match (required, after) {
            (0, [optional, ..]) => {
                // The next token is one of the optional ones or the first required one.
                let mut kinds: Vec<Quick> = Vec::new();
                for test in after {
                    if !kinds.contains(&test.quick) {
                        kinds.push(test.quick);
                    }
                    if !test.optional {
                        break;
                    }
                }
                match kinds[..] {
                    [first, second] if after.iter().any(|t| !t.optional) => {
                        (Reach::Either, [first, second])
                    }
                    _ => (Reach::Own, [tokens[offset].quick, optional.quick]),
                }
            }
            (0, []) => (Reach::Own, [tokens[offset].quick, Quick::default()]),
            (1, _) => (Reach::One, [after[0].quick, Quick::default()]),
            // The second token after this one is read only when the first is adjacent to it.
            _ => (
                Reach::Two,
                [after[0].quick.with_flags(flag::ADJACENT), after[1].quick],
            ),
        };
        Candidate {
            compiled,
            offset: offset as u32,
            reach,
            ahead,
        }
    }

    /// The word sets of which the token after the indexing one must be in one for the pattern
    /// to match (each of its tests there needs a numbered word set), or 0 when there are none
    /// such: a token in none of them rules the pattern out before its tests are read.
    fn next_sets_needed(&self) -> u128 {
        let needs = |quick: &Quick| quick.needed_sets();
        match self.reach {
            Reach::Own => 0,
            Reach::One | Reach::Two => needs(&self.ahead[0]),
            Reach::Either if needs(&self.ahead[0]) != 0 && needs(&self.ahead[1]) != 0 => {
                needs(&self.ahead[0]) | needs(&self.ahead[1])
            }
            Reach::Either => 0,
        }
    }

    /// Whether the pattern may read a token with `next` as the token after the indexing one
    /// (with `here`), as far as their words tell: [`Candidate::may_follow`] with the tests of
    /// [`flag::CONTEXT`] and of the token after that one taken as passed. A pattern that reads
    /// no token after this one tests the indexing token alone.
    fn may_read_next(&self, here: &Facts, next: &Facts) -> bool {
        let may = |quick: &Quick, facts: &Facts| quick.may_pass_with(facts, flag::CONTEXT);
        match self.reach {
            Reach::Own => may(&self.ahead[0], here),
            Reach::One | Reach::Two => may(&self.ahead[0], next),
            Reach::Either => may(&self.ahead[0], next) || may(&self.ahead[1], next),
        }
    }

    /// [`Candidate::may_follow`] for a pattern that [`Candidate::may_read_next`] says may read
    /// the next token, whose flags of [`flag::CONTEXT`] are `context`: the rest of its tests
    /// (for a pattern that reads no token after this one, those of this token's flags of
    /// [`flag::CONTEXT`], found without its facts).
    #[inline]
    fn follows_reading(&self, facts: &TokenFacts, i: usize, context: u16) -> bool {
        match self.reach {
            Reach::Own => self.ahead[0].passes_context(facts.context_flags(i)),
            Reach::One => self.ahead[0].passes_context(context),
            // `ahead[0]` requires token `i + 1` to touch token `i + 2`.
            Reach::Two => {
                self.ahead[0].passes_context(context) && self.ahead[1].passes(&facts[i + 2])
            }
            Reach::Either => self.may_follow(facts, i, Some(&facts[i + 1])),
        }
    }

    /// Whether token `i` and the tokens after it may pass the pattern's conditions; `next`: the
    /// facts of token `i + 1` when it follows token `i` (only blanks between them).
    #[inline(always)]
    fn may_follow(&self, facts: &TokenFacts, i: usize, next: Option<&Facts>) -> bool {
        match (self.reach, next) {
            (Reach::Own, _) => self.ahead[0].passes(&facts[i]),
            (_, None) => false,
            (Reach::One, Some(next)) => self.ahead[0].passes(next),
            (Reach::Either, Some(next)) => self.ahead[0].passes(next) || self.ahead[1].passes(next),
            // `ahead[0]` requires token `i + 1` to touch token `i + 2`.
            (Reach::Two, Some(next)) => {
                self.ahead[0].passes(next) && self.ahead[1].passes(&facts[i + 2])
            }
        }
    }
}

/// The patterns one word indexes, as ranges of the matcher's anchor table: all of them,
/// those that may match whatever the next token's word sets (the same patterns in the same
/// order, without those that need the next token in a word set of `gate`), and those that
/// read no token after the word's ([`Reach::Own`]; again in the same order).
#[derive(Debug, Clone, Copy, Default)]
struct AnchorGroup {
    all: (u32, u32),
    free: (u32, u32),
    own: (u32, u32),
    /// The union of the word sets that the other patterns need the next token in.
    gate: u128,
}

impl AnchorGroup {
    /// The range of the patterns to try when the next token has `next` (`None`: no token
    /// follows this one, and only the patterns that read none may match): the patterns the
    /// gate skips fail on that token.
    #[inline]
    fn range_for(&self, next: Option<&Facts>) -> (u32, u32) {
        match next {
            Some(next) if next.sets & self.gate != 0 => self.all,
            Some(_) => self.free,
            None => self.own,
        }
    }
}

/// The grammar rules of an engine, compiled into one index.
pub struct GrammarMatcher {
    rules: Vec<Arc<Rule>>,
    compiled: Vec<Compiled>,
    /// The word sets of the conditions, and the word table that also indexes the patterns.
    sets: WordSets,
    /// Patterns with a token that is one of a list of words (the first such token, with no
    /// optional token before it), by word: the ranges of each word's [`AnchorGroup`].
    anchored: Vec<Candidate>,
    /// The patterns each word indexes (see [`Facts::anchors`]); the first group is empty.
    groups: Vec<AnchorGroup>,
    /// The other patterns, with the tag bits their first token needs in some reading.
    unanchored: Vec<(u64, Candidate)>,
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
        let mut sets = WordSets::default();
        let mut compiled = Vec::new();
        let mut by_word: HashMap<String, Vec<Candidate>> = HashMap::new();
        let mut words_in_order: Vec<String> = Vec::new();
        let mut unanchored = Vec::new();
        for (r, rule) in rules.iter().enumerate() {
            for (e, entry) in grammar(rule).entries.iter().enumerate() {
                // A pattern's tokens are no numbers and no fragments of hyphenated words; its
                // neighbours no numbers.
                let tokens: Vec<CompiledTest> = entry
                    .tokens
                    .iter()
                    .map(|t| CompiledTest::new(t, &mut sets, flag::NUMBER | flag::FRAGMENT))
                    .collect();
                let mut neighbour = |t: &TokenTest| CompiledTest::new(t, &mut sets, flag::NUMBER);
                let before = entry.before.as_ref().map(&mut neighbour);
                let after = entry.after.as_ref().map(&mut neighbour);
                let index = compiled.len() as u32;
                let anchor = entry
                    .tokens
                    .iter()
                    .take_while(|t| !t.optional)
                    .enumerate()
                    .find_map(|(k, t)| t.words().map(|words| (k, words)));
                match anchor {
                    Some((k, words)) => {
                        for word in words {
                            let list = by_word.entry(word.clone()).or_insert_with(|| {
                                words_in_order.push(word);
                                Vec::new()
                            });
                            list.push(Candidate::new(index, k, &tokens));
                        }
                    }
                    None => unanchored
                        .push((tokens[0].required_tags(), Candidate::new(index, 0, &tokens))),
                }
                compiled.push(Compiled {
                    rule: r as u32,
                    entry: e as u32,
                    fixed: tokens.iter().all(|t| !t.optional),
                    related: related_tokens(entry),
                    tokens,
                    before,
                    after,
                });
            }
        }
        let mut anchored = Vec::new();
        let mut groups = vec![AnchorGroup::default()];
        for word in words_in_order {
            let candidates = &by_word[&word];
            let start = anchored.len() as u32;
            anchored.extend_from_slice(candidates);
            let all = (start, anchored.len() as u32);
            anchored.extend(candidates.iter().filter(|c| c.next_sets_needed() == 0));
            let free = (all.1, anchored.len() as u32);
            anchored.extend(candidates.iter().filter(|c| matches!(c.reach, Reach::Own)));
            sets.add_anchor(&word, groups.len() as u32);
            groups.push(AnchorGroup {
                all,
                free,
                own: (free.1, anchored.len() as u32),
                gate: candidates
                    .iter()
                    .fold(0, |gate, c| gate | c.next_sets_needed()),
            });
        }
        sets.seal();
        Some(GrammarMatcher {
            rules,
            compiled,
            sets,
            anchored,
            groups,
            unanchored,
        })
    }

    /// The patterns of anchor group `anchors`, in order.
    #[inline]
    fn patterns_of(&self, anchors: u32) -> &[Candidate] {
        let (start, end) = self.groups[anchors as usize].all;
        &self.anchored[start as usize..end as usize]
    }

    /// Whether the rule with id `rule` is one of the matcher's.
    pub fn reports(&self, rule: &str) -> bool {
        self.rules.iter().any(|r| &*r.meta.id == rule)
    }

    /// Starts the pass over the tokens of `doc`, a document in `format`.
    pub fn pass<'m, 'd>(&'m self, doc: &'d Document<'d>, format: Format) -> GrammarPass<'m, 'd> {
        GrammarPass {
            matcher: self,
            doc,
            facts: TokenFacts::new(&self.sets, doc),
            runs: self.rules.iter().map(|r| r.meta.runs_on(format)).collect(),
            matched: Vec::new(),
            reported: Vec::new(),
            features: Vec::new(),
        }
    }
}

/// The grammar patterns' side of the engine's pass over the tokens of one document.
pub struct GrammarPass<'m, 'd> {
    matcher: &'m GrammarMatcher,
    doc: &'d Document<'d>,
    /// The facts of the tokens, found as patterns read them.
    facts: TokenFacts<'m, 'd>,
    /// Whether each rule runs on the document's format.
    runs: Vec<bool>,
    /// The tokens of a match.
    matched: Vec<Option<usize>>,
    /// The rules that reported a match at a start token, among the patterns of one token.
    reported: Vec<(u32, usize)>,
    /// The features of the tokens of a match, as they are weighed.
    features: Vec<Option<u64>>,
}

impl GrammarPass<'_, '_> {
    /// Tries every pattern that may start at each token of the document, in order.
    pub fn visit_tokens(&mut self, sink: &mut Sink) {
        let (matcher, doc) = (self.matcher, self.doc);
        if !matcher.unanchored.is_empty() {
            for i in 0..doc.tokens.len() {
                self.try_patterns(i, sink);
            }
            return;
        }
        // Most tokens index no pattern: a byte test rules them out before their facts are
        // found, in a loop that reads nothing else.
        let folded = doc.folded.as_bytes();
        for (i, token) in doc.tokens.iter().enumerate() {
            if matcher.sets.may_anchor(&folded[token.start..token.end])
                && token.kind != TokenKind::Number
            {
                self.try_anchored(i, sink);
            }
        }
    }

    /// Tries the patterns indexed by token `i`, and those indexed by no word.
    fn try_patterns(&mut self, i: usize, sink: &mut Sink) {
        let matcher = self.matcher;
        if self.doc.tokens[i].kind == TokenKind::Number {
            return;
        }
        if matcher.unanchored.is_empty() {
            self.try_anchored(i, sink);
            return;
        }
        let here = &self.facts[i];
        let (adjacent, tags) = (here.flags & flag::ADJACENT != 0, here.tags);
        let group = &matcher.groups[here.anchors as usize];
        let next = adjacent.then(|| self.facts[i + 1]);
        // A rule reports one match per start token.
        self.reported.clear();
        self.try_group(group, i, next.as_ref(), sink);
        for (bits, candidate) in &matcher.unanchored {
            if tags & bits == *bits && candidate.may_follow(&self.facts, i, next.as_ref()) {
                self.try_match(candidate, i, sink);
            }
        }
    }

    /// Tries the patterns indexed by token `i`, a token that is no number, when every pattern
    /// is indexed by a word. Not inlined: the loop over the tokens stays tight (inlined, it
    /// cost about three instructions a byte more).
    #[inline(never)]
    fn try_anchored(&mut self, i: usize, sink: &mut Sink) {
        let matcher = self.matcher;
        // The patterns a word indexes and whether the next token touches it are all a token
        // needs to be skipped: the rest of its facts are found only when a pattern reads it.
        let adjacent = next_is_adjacent(self.doc, i);
        // Most indexing words are followed by a word that most of their patterns (often all)
        // cannot read next ("de" + a name): which ones may is known once per thread for each
        // indexing word and next word, with the indexing word's group, and the patterns are
        // then tried without the facts of either token (the patterns the next token's word
        // sets rule out, see `AnchorGroup::range_for`, are among those that cannot).
        let words = match adjacent {
            true => self.facts.text_key(i).zip(self.facts.text_key(i + 1)),
            false => None,
        };
        let (anchors, may_read) = match words {
            Some((here, next)) => self.facts.anchor_verdict([here, next], || {
                let anchors = self.anchors_of(i);
                let all = matcher.patterns_of(anchors);
                let may_read = (all.len() <= 32)
                    .then(|| may_read_next(all, &self.facts[i], &self.facts[i + 1]));
                (anchors, may_read)
            }),
            None => (self.anchors_of(i), None),
        };
        let group = &matcher.groups[anchors as usize];
        if let Some(mut may_read) = may_read {
            if may_read == 0 {
                return;
            }
            let all = matcher.patterns_of(anchors);
            let context = self.facts.context_flags(i + 1);
            // A rule reports one match per start token.
            self.reported.clear();
            while may_read != 0 {
                let candidate = &all[may_read.trailing_zeros() as usize];
                may_read &= may_read - 1;
                if candidate.offset as usize <= i
                    && candidate.follows_reading(&self.facts, i, context)
                {
                    self.try_match(candidate, i, sink);
                }
            }
            return;
        }
        if group.all.0 == group.all.1 {
            return;
        }
        let next = adjacent.then(|| self.facts[i + 1]);
        // A rule reports one match per start token.
        self.reported.clear();
        self.try_group(group, i, next.as_ref(), sink);
    }

    /// The anchor group of token `i` (see [`Facts::anchors`]), read off a plain ASCII or
    /// Latin-1 word whose facts are not found yet without finding them.
    fn anchors_of(&self, i: usize) -> u32 {
        match self.facts.found(i) {
            Some(here) => here.anchors,
            None => (self.matcher.sets.latin_anchors_of(self.doc, i))
                .unwrap_or_else(|| self.facts[i].anchors),
        }
    }

    /// Tries the patterns of anchor group `group` on token `i`, whose next token has the facts
    /// `next` when it follows it.
    fn try_group(&mut self, group: &AnchorGroup, i: usize, next: Option<&Facts>, sink: &mut Sink) {
        let (start, end) = group.range_for(next);
        for candidate in &self.matcher.anchored[start as usize..end as usize] {
            if candidate.offset as usize <= i && candidate.may_follow(&self.facts, i, next) {
                self.try_match(candidate, i, sink);
            }
        }
    }

    /// Matches the pattern of `candidate` with its token `candidate.offset` at token `i`, and
    /// reports a match.
    fn try_match(&mut self, candidate: &Candidate, i: usize, sink: &mut Sink) {
        let GrammarPass {
            matcher,
            doc,
            facts,
            runs,
            matched,
            reported,
            features,
        } = self;
        let start = i - candidate.offset as usize;
        let compiled = &matcher.compiled[candidate.compiled as usize];
        if !runs[compiled.rule as usize] || reported.contains(&(compiled.rule, start)) {
            return;
        }
        let rule = &matcher.rules[compiled.rule as usize];
        let entry = &grammar(rule).entries[compiled.entry as usize];
        // Most patterns that get this far match and then fail their agreement check ("la" +
        // a feminine noun): a pattern without optional tokens can only match the tokens from
        // its start on, whose relations are checked first.
        if compiled.fixed && !entry.relations.is_empty() {
            let end = start + compiled.tokens.len();
            if end > doc.tokens.len() {
                return;
            }
            let mut hold = || {
                matched.clear();
                matched.extend((start..end).map(Some));
                relations_hold(entry, compiled, doc, facts, matched, features)
            };
            // The relations of up to three words are weighed once per thread for each pattern.
            let words = compiled.related.and_then(|[a, b, c]| {
                let key = |k: usize| facts.plain_word_key(start + k);
                let (first, second) = (key(a)?, key(b)?);
                let third = if c == b { second } else { key(c)? };
                Some([first, second, third])
            });
            let held = match words {
                Some(words) => facts.relations_verdict(words, candidate.compiled, hold),
                None => hold(),
            };
            if !held {
                return;
            }
        }
        matched.clear();
        if match_from(&compiled.tokens, doc, facts, 0, Some(start), matched) {
            let found = Found {
                rule,
                entry,
                compiled,
                matched,
            };
            if report(&found, doc, facts, features, sink) {
                reported.push((compiled.rule, start));
            }
        }
    }
}

/// Which of `candidates` (at most 32) may read a token with the facts `next` as the token after
/// the indexing one, and the indexing token with the facts `here`, a bit each
/// ([`Candidate::may_read_next`]).
fn may_read_next(candidates: &[Candidate], here: &Facts, next: &Facts) -> u32 {
    candidates
        .iter()
        .enumerate()
        .filter(|(_, candidate)| candidate.may_read_next(here, next))
        .fold(0, |may, (k, _)| may | 1 << k)
}

/// The pattern tokens the relations of `entry` name, when they name at most three (see
/// [`Compiled::related`]).
fn related_tokens(entry: &Entry) -> Option<[usize; 3]> {
    let mut named: Vec<usize> = entry
        .relations
        .iter()
        .flat_map(|relation| [relation.first, relation.second])
        .collect();
    named.sort_unstable();
    named.dedup();
    match named[..] {
        [a] => Some([a, a, a]),
        [a, b] => Some([a, b, b]),
        [a, b, c] => Some([a, b, c]),
        _ => None,
    }
}

/// A match of a pattern: its rule, entry and compiled entry, and the document token of each
/// pattern token (`None` for an absent optional one).
struct Found<'a> {
    rule: &'a Rule,
    entry: &'a Entry,
    compiled: &'a Compiled,
    matched: &'a [Option<usize>],
}

fn grammar(rule: &Rule) -> &GrammarRule {
    match &rule.kind {
        CompiledKind::Grammar(grammar) => grammar,
        _ => unreachable!("the matcher only holds grammar rules"),
    }
}

/// What a condition sees of token `i`.
fn view<'d>(doc: &'d Document, facts: &TokenFacts, i: usize) -> TokenView<'d> {
    TokenView {
        word: straightened(doc.folded_word(i)),
        analysis: facts[i].analysis,
    }
}

/// The token after token `j`, when only blanks (and at most one line break) separate them.
fn next_adjacent(facts: &TokenFacts, j: usize) -> Option<usize> {
    (facts[j].flags & flag::ADJACENT != 0).then_some(j + 1)
}

/// Matches pattern tokens `k..` from document token `at`, filling `matched` (the document token
/// of each pattern token, `None` for an absent optional one). Optional tokens are taken when
/// they match. On failure `matched` is as it was.
fn match_from(
    tokens: &[CompiledTest],
    doc: &Document,
    facts: &TokenFacts,
    mut k: usize,
    mut at: Option<usize>,
    matched: &mut Vec<Option<usize>>,
) -> bool {
    let depth = matched.len();
    // Up to the next optional token there is one way to match: no backtracking.
    while let Some(test) = tokens.get(k).filter(|test| !test.optional) {
        match at {
            Some(j) if test.holds(doc, j, &facts[j]) => {
                matched.push(Some(j));
                at = next_adjacent(facts, j);
                k += 1;
            }
            _ => {
                matched.truncate(depth);
                return false;
            }
        }
    }
    let Some(test) = tokens.get(k) else {
        return true;
    };
    if let Some(j) = at
        && test.holds(doc, j, &facts[j])
    {
        matched.push(Some(j));
        if match_from(tokens, doc, facts, k + 1, next_adjacent(facts, j), matched) {
            return true;
        }
        matched.pop();
    }
    matched.push(None);
    if match_from(tokens, doc, facts, k + 1, at, matched) {
        return true;
    }
    matched.truncate(depth);
    false
}

/// The union of the tag bits of the readings token `j`'s condition `test` (compiled as
/// `compiled`) speaks of.
fn features_of(
    test: &TokenTest,
    compiled: &CompiledTest,
    doc: &Document,
    facts: &TokenFacts,
    j: usize,
) -> u64 {
    let here = &facts[j];
    if let Some(tags) = compiled.considered_tags_by_bits(here) {
        return tags;
    }
    if let Some(tags) = test.considered_tags(here.analysis, here.tags) {
        return tags;
    }
    let view = view(doc, facts, j);
    test.considered(&view).fold(0, |all, r| all | r.tags.bits())
}

/// Whether the relations of `entry` (compiled as `compiled`) hold between the document tokens
/// `matched` of its pattern tokens. `features` is left with the features weighed, by pattern
/// token (`None` where no relation named the token).
fn relations_hold(
    entry: &Entry,
    compiled: &Compiled,
    doc: &Document,
    facts: &TokenFacts,
    matched: &[Option<usize>],
    features: &mut Vec<Option<u64>>,
) -> bool {
    features.clear();
    features.resize(matched.len(), None);
    let mut feature_of = |k: usize| -> u64 {
        *features[k].get_or_insert_with(|| {
            matched[k].map_or(0, |j| {
                features_of(&entry.tokens[k], &compiled.tokens[k], doc, facts, j)
            })
        })
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
    true
}

/// Checks the entry's relations and context on a match, and reports it. Returns whether it
/// reported. `features` is a buffer.
fn report(
    found: &Found,
    doc: &Document,
    facts: &TokenFacts,
    features: &mut Vec<Option<u64>>,
    sink: &mut Sink,
) -> bool {
    let &Found {
        rule,
        entry,
        compiled,
        matched,
    } = found;
    let (Some(first), Some(last)) = (
        matched.iter().flatten().next().copied(),
        matched.iter().flatten().next_back().copied(),
    ) else {
        return false;
    };
    // Most structural matches ("le" + a noun) fail their agreement check: weigh only the tokens
    // a relation names before anything else.
    if !relations_hold(entry, compiled, doc, facts, matched, features) {
        return false;
    }
    let mut feature_of = |k: usize| -> u64 {
        *features[k].get_or_insert_with(|| {
            matched[k].map_or(0, |j| {
                features_of(&entry.tokens[k], &compiled.tokens[k], doc, facts, j)
            })
        })
    };
    let neighbour_fails = |test: &Option<CompiledTest>, neighbour: Option<usize>| {
        test.as_ref()
            .zip(neighbour)
            .is_some_and(|(test, j)| !test.holds(doc, j, &facts[j]))
    };
    let previous = first
        .checked_sub(1)
        .filter(|&p| facts[p].flags & flag::ADJACENT != 0);
    if neighbour_fails(&compiled.before, previous)
        || neighbour_fails(&compiled.after, next_adjacent(facts, last))
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
            let view = view(doc, facts, (*j)?);
            test.considered(&view).next().map(|r| r.lemma(&view.word))
        })
        .collect();
    let features = (0..matched.len()).map(&mut feature_of).collect();
    let filled = Filled {
        texts,
        features,
        lemmas,
        // Looking for a ’ scans the document (once): only when the suggestion writes an
        // apostrophe.
        apostrophe: if entry.suggest.as_ref().is_some_and(|t| t.uses_apostrophe())
            && doc.has_curly_apostrophe()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::morph::{Reading, morphology};

    /// The matcher of the built-in grammar rules.
    fn builtin() -> GrammarMatcher {
        GrammarMatcher::new(&crate::rules::builtin_for_tests().rules)
            .expect("the built-in packs have grammar")
    }

    /// Texts of the fixtures, and words of every kind the word cache keys.
    fn texts() -> Vec<String> {
        let mut texts: Vec<String> = vec![
            "L’homme qu’il a vu s’est tu ; l'Œuvre d’art, aujourd’hui. L’ŒUVRE Ça Ça ÇA çà".into(),
            "jusqu’à JUSQU'À anticonstitutionnellement Anticonstitutionnellement Ω-ω".into(),
        ];
        texts.extend(crate::fixture_texts::fixture_texts(&["seeds", "mt"]));
        texts
    }

    /// The facts the thread's word cache gives (on the first pass and on a second one, which
    /// finds them in the cache) are the facts found without it.
    #[test]
    fn cached_facts_are_the_facts_found_afresh() {
        let matcher = builtin();
        let mut checked = 0;
        for text in &texts() {
            let doc = Document::new(text, Format::Text);
            for _ in 0..2 {
                let facts = TokenFacts::new(&matcher.sets, &doc);
                for j in 0..doc.tokens.len() {
                    let fresh = matcher.sets.uncached_facts(&doc, j);
                    assert_eq!(
                        format!("{:?}", facts[j]),
                        format!("{fresh:?}"),
                        "{}",
                        doc.word(j)
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 1000, "{checked} tokens");
    }

    /// Every fixture token that indexes patterns passes the anchor filter, and few others do.
    #[test]
    fn the_anchor_filter_passes_every_indexing_token_and_few_others() {
        let matcher = builtin();
        let (mut indexing, mut passed, mut others) = (0, 0, 0);
        for text in &texts() {
            let doc = Document::new(text, Format::Text);
            let facts = TokenFacts::new(&matcher.sets, &doc);
            for j in 0..doc.tokens.len() {
                let token = doc.tokens[j];
                let folded = &doc.folded.as_bytes()[token.start..token.end];
                let may = matcher.sets.may_anchor(folded);
                if facts[j].anchors != 0 {
                    assert!(may, "{}", doc.word(j));
                    indexing += 1;
                } else {
                    others += 1;
                    passed += usize::from(may);
                }
            }
        }
        assert!(indexing > 1000, "{indexing} indexing tokens");
        assert!(
            passed * 50 < others,
            "{passed} of {others} other tokens pass"
        );
    }

    /// A word's anchor group tries, in order, the patterns of the word that pass their tests
    /// of the next tokens: those its gate skips fail them.
    #[test]
    fn the_gate_of_an_anchor_group_skips_only_failing_patterns() {
        let matcher = builtin();
        let mut skipped = 0;
        for text in &texts() {
            let doc = Document::new(text, Format::Text);
            let facts = TokenFacts::new(&matcher.sets, &doc);
            for i in 0..doc.tokens.len() {
                let here = facts[i];
                let group = &matcher.groups[here.anchors as usize];
                let next = (here.flags & flag::ADJACENT != 0).then(|| facts[i + 1]);
                let passing = |(start, end): (u32, u32)| -> Vec<(u32, u32)> {
                    matcher.anchored[start as usize..end as usize]
                        .iter()
                        .filter(|c| {
                            c.offset as usize <= i && c.may_follow(&facts, i, next.as_ref())
                        })
                        .map(|c| (c.compiled, c.offset))
                        .collect()
                };
                let tried = group.range_for(next.as_ref());
                assert_eq!(passing(tried), passing(group.all), "{}", doc.word(i));
                skipped += (group.all.1 - group.all.0) - (tried.1 - tried.0);
            }
        }
        assert!(skipped > 1000, "{skipped} skipped");
    }

    /// The anchor verdict on a word and the next one gives the word's group, and leaves the
    /// patterns of the group that, with their tests of the next word's context flags, pass
    /// their tests of the next tokens, on a first pass and on a second one that finds the
    /// verdicts in the thread's cache.
    #[test]
    fn an_anchor_verdict_leaves_the_patterns_that_pass() {
        let matcher = builtin();
        let (mut skipped, mut kept) = (0, 0);
        for text in &texts() {
            let doc = Document::new(text, Format::Text);
            for _ in 0..2 {
                let facts = TokenFacts::new(&matcher.sets, &doc);
                for i in 0..doc.tokens.len() {
                    let here = facts[i];
                    let group = &matcher.groups[here.anchors as usize];
                    if here.flags & flag::ADJACENT == 0 || group.all.0 == group.all.1 {
                        continue;
                    }
                    let candidates = matcher.patterns_of(here.anchors);
                    let Some(words) = facts.text_key(i).zip(facts.text_key(i + 1)) else {
                        continue;
                    };
                    let (anchors, verdict) = facts.anchor_verdict(words.into(), || {
                        let may_read = (candidates.len() <= 32)
                            .then(|| may_read_next(candidates, &facts[i], &facts[i + 1]));
                        (here.anchors, may_read)
                    });
                    assert_eq!(anchors, here.anchors, "{}", doc.word(i));
                    let Some(verdict) = verdict else {
                        continue;
                    };
                    let next = facts[i + 1];
                    let context = facts.context_flags(i + 1);
                    assert_eq!(context, next.flags & flag::CONTEXT, "{}", doc.word(i + 1));
                    for (k, c) in candidates.iter().enumerate() {
                        let passing = c.may_follow(&facts, i, Some(&next));
                        let left = verdict >> k & 1 != 0;
                        assert_eq!(
                            left && c.follows_reading(&facts, i, context),
                            passing,
                            "{} {}",
                            doc.word(i),
                            doc.word(i + 1)
                        );
                        if left {
                            kept += 1;
                        } else {
                            skipped += 1;
                        }
                    }
                }
            }
        }
        assert!(
            skipped > 1000 && kept > 100,
            "{skipped} skipped, {kept} kept"
        );
    }

    /// The verdict on the relations of two words, kept for the thread, is the verdict found
    /// afresh, on a first pass and on a second one that finds it in the cache.
    #[test]
    fn kept_relation_verdicts_are_those_found_afresh() {
        let matcher = builtin();
        let mut checked = 0;
        let mut features = Vec::new();
        let mut matched = Vec::new();
        for text in &texts() {
            let doc = Document::new(text, Format::Text);
            for _ in 0..2 {
                let facts = TokenFacts::new(&matcher.sets, &doc);
                for (index, compiled) in matcher.compiled.iter().enumerate() {
                    let entry = &grammar(&matcher.rules[compiled.rule as usize]).entries
                        [compiled.entry as usize];
                    let Some([a, b, c]) = compiled.related.filter(|_| compiled.fixed) else {
                        continue;
                    };
                    let length = compiled.tokens.len();
                    for start in 0..(doc.tokens.len() + 1).saturating_sub(length) {
                        matched.clear();
                        matched.extend((start..start + length).map(Some));
                        let fresh =
                            relations_hold(entry, compiled, &doc, &facts, &matched, &mut features);
                        let (Some(first), Some(second), Some(third)) = (
                            facts.plain_word_key(start + a),
                            facts.plain_word_key(start + b),
                            facts.plain_word_key(start + c),
                        ) else {
                            continue;
                        };
                        let words = [first, second, third];
                        let kept = facts.relations_verdict(words, index as u32, || fresh);
                        assert_eq!(
                            kept,
                            fresh,
                            "{} {} {}",
                            doc.word(start + a),
                            doc.word(start + b),
                            doc.word(start + c)
                        );
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 10_000, "{checked} checked");
    }

    /// A pattern without optional tokens matches the tokens from its start on, one for each:
    /// what lets its relations be checked before it is matched.
    #[test]
    fn a_pattern_without_optional_tokens_matches_the_tokens_from_its_start() {
        let matcher = builtin();
        let fixed = matcher.compiled.iter().filter(|c| c.fixed).count();
        assert!(fixed > 20, "{fixed} patterns without optional tokens");
        let mut matches = 0;
        for text in &texts() {
            let doc = Document::new(text, Format::Text);
            let facts = TokenFacts::new(&matcher.sets, &doc);
            let mut matched = Vec::new();
            for compiled in matcher.compiled.iter().filter(|c| c.fixed) {
                for start in 0..doc.tokens.len() {
                    matched.clear();
                    if match_from(&compiled.tokens, &doc, &facts, 0, Some(start), &mut matched) {
                        let expected: Vec<Option<usize>> =
                            (start..start + compiled.tokens.len()).map(Some).collect();
                        assert_eq!(matched, expected, "{}", doc.word(start));
                        matches += 1;
                    }
                }
            }
        }
        assert!(matches > 100, "{matches} matches");
    }

    /// The agreement features the bits give are those of the readings a condition speaks of.
    #[test]
    fn considered_tags_by_bits_are_those_of_the_considered_readings() {
        let matcher = builtin();
        let mut told = 0;
        for text in &texts() {
            let doc = Document::new(text, Format::Text);
            let facts = TokenFacts::new(&matcher.sets, &doc);
            for compiled in &matcher.compiled {
                let entry = &grammar(&matcher.rules[compiled.rule as usize]).entries
                    [compiled.entry as usize];
                for (test, compiled) in entry.tokens.iter().zip(&compiled.tokens) {
                    for j in 0..doc.tokens.len() {
                        let Some(tags) = compiled.considered_tags_by_bits(&facts[j]) else {
                            continue;
                        };
                        let view = view(&doc, &facts, j);
                        let expected = test.considered(&view).fold(0, |all, r| all | r.tags.bits());
                        assert_eq!(tags, expected, "{}", doc.word(j));
                        told += 1;
                    }
                }
            }
        }
        assert!(told > 10_000, "{told} told");
    }

    /// The reading-test bits of every token's facts are what the tests say of its readings.
    #[test]
    fn reading_test_bits_are_the_verdicts_of_the_readings() {
        let matcher = builtin();
        let tests = matcher.sets.reading_tests();
        assert!(tests.len() >= 10, "{} numbered tests", tests.len());
        let mut checked = 0;
        for text in &texts() {
            let doc = Document::new(text, Format::Text);
            let facts = TokenFacts::new(&matcher.sets, &doc);
            for j in 0..doc.tokens.len() {
                let here = facts[j];
                if here.flags & flag::NUMBER != 0 {
                    assert_eq!((here.some_pass, here.all_pass), (0, 0));
                    continue;
                }
                let word = straightened(doc.folded_word(j));
                let readings: Vec<Reading> = morphology().readings_of(here.analysis).collect();
                for (k, test) in tests.iter().enumerate() {
                    let some = readings.iter().any(|r| test.holds(&word, r));
                    let all =
                        here.analysis.is_known() && readings.iter().all(|r| test.holds(&word, r));
                    assert_eq!(here.some_pass >> k & 1 == 1, some, "{word} {test:?}");
                    assert_eq!(here.all_pass >> k & 1 == 1, all, "{word} {test:?}");
                }
                checked += 1;
            }
        }
        assert!(checked > 1000, "{checked} tokens");
    }
}
