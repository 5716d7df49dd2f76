//! The token conditions of grammar patterns, as written in a pack:
//!
//! - `de`, `de|du` — the word (case-insensitive, either apostrophe);
//! - `@name` — a word of the pack's class `name`;
//! - `[noun fem]` — some reading of the word has every feature listed (`-verb`: lacks it;
//!   `lemma=être|avoir`: has that lemma; `nominal`: is a noun or an adjective; `function`:
//!   is a determiner, pronoun, preposition or conjunction);
//! - `=[verb finite]` — every reading does (and the lexicon knows the word);
//! - `![noun]`, `!de`, `!@name`, `!:lower` — the negation of any term;
//! - `:lower`, `:upper`, `:caps` — written in lowercase, capitalized, or in capitals;
//!   `:known` — in the lexicon;
//!   `:elides` — takes the elided article ("homme", not "héros"); `:english` — also a common
//!   English word (Zipf 3 or more); `:punct-after` — a punctuation mark touches its end ("des."); `*` — any word;
//! - `?` — the token is optional (`?[adv]`, `? de|du`).
//!
//! Terms separated by spaces must all hold.

use super::cache::DirectMapped;
use super::facts::{Facts, WordSets, flag};
use crate::lexicon::FnvBuild;
use crate::{
    document::Document,
    kinds::{CompileContext, WordClass},
    morph::{Analysis, Elision, Reading, Tags, morphology},
    rules::PackError,
    text::normalize::{straight_apostrophes, straightened},
};
use std::collections::{BTreeMap, HashSet};
use toml::Spanned;

/// A test of one reading: features it must have, must lack, one of which it must have, and
/// the lemmas it may have.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct ReadingTest {
    required: u64,
    forbidden: u64,
    any_of: u64,
    lemmas: Vec<String>,
}

impl ReadingTest {
    /// Whether `reading` of `form` passes.
    pub(super) fn holds(&self, form: &str, reading: &Reading) -> bool {
        self.passes_tags(reading.tags.bits())
            && (self.lemmas.is_empty() || self.lemmas.iter().any(|l| reading.lemma_is(form, l)))
    }

    /// Whether a reading with tag bits `bits` meets the test's conditions on tags (all of
    /// them, when the test reads no lemma).
    #[inline]
    pub(super) fn passes_tags(&self, bits: u64) -> bool {
        bits & self.required == self.required
            && bits & self.forbidden == 0
            && (self.any_of == 0 || bits & self.any_of != 0)
    }

    /// What the test says of the readings of `analysis`, for a test without lemmas (its
    /// verdict then depends on the readings alone): found once per thread and kept in a small
    /// cache, since a corpus repeats its words.
    fn verdict(&self, analysis: Analysis) -> Verdict {
        debug_assert!(self.lemmas.is_empty(), "a lemma test reads the form");
        let key = [
            self.required,
            self.forbidden,
            self.any_of,
            u64::from(analysis.id()) | 1 << 63,
        ];
        let hash = key
            .iter()
            .fold(0u64, |h, k| (h ^ k).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        VERDICTS.with_borrow_mut(|cache| {
            cache.get_or_insert(key, hash, || {
                let mut verdict = Verdict {
                    some: false,
                    every: analysis.is_known(),
                    union: 0,
                };
                for reading in morphology().readings_of(analysis) {
                    if self.holds("", &reading) {
                        verdict.some = true;
                        verdict.union |= reading.tags.bits();
                    } else {
                        verdict.every = false;
                    }
                }
                verdict
            })
        })
    }

    /// Whether the test reads the form (a lemma test), so that its verdict on a word is not
    /// its verdict on the word's readings alone.
    pub(super) fn reads_form(&self) -> bool {
        !self.lemmas.is_empty()
    }

    /// What the union of a word's readings' bits tells of the test, when it tells: a feature
    /// no reading has fails it, and a test of one feature (or of one of several) is answered.
    fn by_union(&self, union: u64) -> Option<bool> {
        if union & self.required != self.required || (self.any_of != 0 && union & self.any_of == 0)
        {
            return Some(false);
        }
        self.is_simple().then_some(true)
    }

    /// Whether the union of a word's readings' bits answers the test: a test of one feature, or
    /// of one of several.
    fn is_simple(&self) -> bool {
        self.forbidden == 0
            && self.lemmas.is_empty()
            && ((self.required.count_ones() == 1 && self.any_of == 0)
                || (self.required == 0 && self.any_of != 0))
    }
}

/// What a reading test says of the readings of one analysis.
#[derive(Debug, Clone, Copy, Default)]
struct Verdict {
    /// Some reading passes.
    some: bool,
    /// The analysis is known and every reading passes.
    every: bool,
    /// The union of the tags of the readings that pass.
    union: u64,
}

/// The number of slots of the per-thread verdict cache (a power of two).
const VERDICT_SLOTS: usize = 1024;

thread_local! {
    /// The thread's recent [`Verdict`]s, by test and analysis (see [`ReadingTest::verdict`]).
    static VERDICTS: std::cell::RefCell<DirectMapped<[u64; 4], Verdict>> =
        std::cell::RefCell::new(DirectMapped::new(VERDICT_SLOTS, [0; 4], Verdict::default()));
}

/// One term of a token condition.
#[derive(Debug, Clone)]
enum Term {
    Words(WordList),
    Class(WordClass),
    Some(ReadingTest),
    Every(ReadingTest),
    Lower,
    Upper,
    Caps,
    Known,
    Elides,
    English,
    PunctAfter,
    Any,
}

/// Alternative words: a short list is scanned, a long one hashed.
#[derive(Debug, Clone)]
enum WordList {
    Few(Vec<String>),
    Many(HashSet<String, FnvBuild>),
}

impl WordList {
    fn new(words: Vec<String>) -> WordList {
        if words.len() <= 4 {
            WordList::Few(words)
        } else {
            WordList::Many(words.into_iter().collect())
        }
    }

    fn contains(&self, word: &str) -> bool {
        match self {
            WordList::Few(words) => words.iter().any(|w| w == word),
            WordList::Many(words) => words.contains(word),
        }
    }

    fn words(&self) -> Vec<String> {
        self.iter().map(str::to_string).collect()
    }

    fn iter(&self) -> Box<dyn Iterator<Item = &str> + '_> {
        match self {
            WordList::Few(words) => Box::new(words.iter().map(String::as_str)),
            WordList::Many(words) => Box::new(words.iter().map(String::as_str)),
        }
    }
}

/// The condition on one token of a pattern.
#[derive(Debug, Clone)]
pub(super) struct TokenTest {
    terms: Vec<(bool, Term)>,
    /// The token may be absent.
    pub(super) optional: bool,
}

/// What a condition sees of one document token.
pub(super) struct TokenView<'d> {
    /// Lowercase, straight apostrophes.
    pub(super) word: std::borrow::Cow<'d, str>,
    /// Its analysis by the morphology lexicon.
    pub(super) analysis: Analysis,
}

impl TokenView<'_> {
    /// The readings of the token.
    pub(super) fn readings(&self) -> impl Iterator<Item = Reading> + '_ {
        morphology().readings_of(self.analysis)
    }
}

/// The feature names of bracketed reading tests.
const FEATURES: &[(&str, Tags)] = &[
    ("noun", Tags::NOUN),
    ("adj", Tags::ADJECTIVE),
    ("verb", Tags::VERB),
    ("adv", Tags::ADVERB),
    ("det", Tags::DETERMINER),
    ("pron", Tags::PRONOUN),
    ("prep", Tags::PREPOSITION),
    ("conj", Tags::CONJUNCTION),
    ("proper", Tags::PROPER),
    ("num", Tags::NUMERAL),
    ("interj", Tags::INTERJECTION),
    ("other", Tags::OTHER),
    ("masc", Tags::MASCULINE),
    ("fem", Tags::FEMININE),
    ("sg", Tags::SINGULAR),
    ("pl", Tags::PLURAL),
    ("inf", Tags::INFINITIVE),
    ("ppas", Tags::PAST_PARTICIPLE),
    ("ppre", Tags::PRESENT_PARTICIPLE),
    ("finite", Tags::FINITE),
    ("ipre", Tags(1 << 20)),
    ("iimp", Tags(1 << 21)),
    ("ipsi", Tags(1 << 22)),
    ("ifut", Tags(1 << 23)),
    ("cond", Tags(1 << 24)),
    ("spre", Tags(1 << 25)),
    ("simp", Tags(1 << 26)),
    ("impe", Tags(1 << 27)),
    ("1s", Tags(1 << 28)),
    ("2s", Tags(1 << 29)),
    ("3s", Tags(1 << 30)),
    ("1p", Tags(1 << 31)),
    ("2p", Tags(1 << 32)),
    ("3p", Tags(1 << 33)),
    ("etre", Tags::AUX_ETRE),
    ("avoir", Tags::AUX_AVOIR),
    ("transitive", Tags::TRANSITIVE),
    ("intransitive", Tags::INTRANSITIVE),
    ("pronominal", Tags::PRONOMINAL),
    ("subject", Tags::SUBJECT),
    ("object", Tags::OBJECT),
    ("relative", Tags::RELATIVE),
    ("demonstrative", Tags::DEMONSTRATIVE),
    ("possessive", Tags::POSSESSIVE),
    ("indefinite", Tags::INDEFINITE),
    ("interrogative", Tags::INTERROGATIVE),
    ("coordinating", Tags::COORDINATING),
    ("subordinating", Tags::SUBORDINATING),
    ("negation", Tags::NEGATION),
    ("variant", Tags::VARIANT),
];

fn parse_reading_test(
    inner: &str,
    written: &Spanned<String>,
    ctx: &CompileContext,
) -> Result<ReadingTest, PackError> {
    let mut test = ReadingTest::default();
    for feature in inner.split_whitespace() {
        if let Some(lemmas) = feature.strip_prefix("lemma=") {
            test.lemmas = lemmas.split('|').map(str::to_string).collect();
            continue;
        }
        if feature == "nominal" {
            test.any_of |= Tags::NOUN.union(Tags::ADJECTIVE).bits();
            continue;
        }
        if feature == "function" {
            test.any_of |= Tags::DETERMINER
                .union(Tags::PRONOUN)
                .union(Tags::PREPOSITION)
                .union(Tags::CONJUNCTION)
                .bits();
            continue;
        }
        let (negated, name) = match feature.strip_prefix('-') {
            Some(name) => (true, name),
            None => (false, feature),
        };
        let Some((_, tags)) = FEATURES.iter().find(|(n, _)| *n == name) else {
            let known: Vec<&str> = FEATURES.iter().map(|(n, _)| *n).collect();
            return Err(ctx.error(
                Some(written.span()),
                format!(
                    "unknown feature `{name}`; features are nominal, lemma=…, {}",
                    known.join(", ")
                ),
            ));
        };
        if negated {
            test.forbidden |= tags.bits();
        } else {
            test.required |= tags.bits();
        }
    }
    Ok(test)
}

impl TokenTest {
    /// Parses a token condition as written in a pack.
    pub(super) fn parse(
        written: &Spanned<String>,
        classes: &BTreeMap<String, WordClass>,
        ctx: &CompileContext,
    ) -> Result<TokenTest, PackError> {
        let text = written.get_ref().as_str();
        let error = |message: String| ctx.error(Some(written.span()), message);
        let mut terms = Vec::new();
        let mut optional = false;
        let mut rest = text.trim_start();
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix('?') {
                optional = true;
                rest = after.trim_start();
                continue;
            }
            let (negated, body) = match rest.strip_prefix('!') {
                Some(body) => (true, body),
                None => (false, rest),
            };
            let (term, after) = if let Some(inner) = body.strip_prefix('[') {
                let close = inner
                    .find(']')
                    .ok_or_else(|| error(format!("unclosed `[` in `{text}`")))?;
                let test = parse_reading_test(&inner[..close], written, ctx)?;
                (Term::Some(test), &inner[close + 1..])
            } else if let Some(inner) = body.strip_prefix("=[") {
                let close = inner
                    .find(']')
                    .ok_or_else(|| error(format!("unclosed `[` in `{text}`")))?;
                let test = parse_reading_test(&inner[..close], written, ctx)?;
                (Term::Every(test), &inner[close + 1..])
            } else {
                let end = body.find(char::is_whitespace).unwrap_or(body.len());
                let (word, after) = body.split_at(end);
                let term = match word {
                    "*" => Term::Any,
                    ":lower" => Term::Lower,
                    ":upper" => Term::Upper,
                    ":caps" => Term::Caps,
                    ":known" => Term::Known,
                    ":elides" => Term::Elides,
                    ":english" => Term::English,
                    ":punct-after" => Term::PunctAfter,
                    _ if word.starts_with('@') => match classes.get(&word[1..]) {
                        Some(class) => Term::Class(class.clone()),
                        None => return Err(error(format!("unknown word class `{word}`"))),
                    },
                    _ if word.starts_with(':') => {
                        return Err(error(format!(
                            "unknown condition `{word}`; expected :lower, :upper, :caps, :known, :elides, :english or :punct-after"
                        )));
                    }
                    _ => Term::Words(WordList::new(
                        word.split('|')
                            .map(|w| straight_apostrophes(&w.to_lowercase()))
                            .collect(),
                    )),
                };
                (term, after)
            };
            terms.push((negated, term));
            rest = after.trim_start();
        }
        if terms.is_empty() {
            return Err(error("empty token condition".into()));
        }
        // Cheap tests first: most tokens fail on the word or the union of their readings.
        terms.sort_by_key(|(_, term)| match term {
            Term::Words(_) | Term::Class(_) | Term::Any => 0,
            Term::Lower | Term::Upper | Term::Caps | Term::Known | Term::PunctAfter => 1,
            Term::Some(_) | Term::Every(_) => 2,
            Term::Elides | Term::English => 3,
        });
        Ok(TokenTest { terms, optional })
    }

    /// The words the token must be one of, when a positive term lists them (a word list, or a
    /// class without endings).
    pub(super) fn words(&self) -> Option<Vec<String>> {
        self.terms.iter().find_map(|(negated, term)| match term {
            Term::Words(words) if !negated => Some(words.words()),
            Term::Class(class) if !negated && !class.has_endings() => {
                Some(class.members().map(str::to_string).collect())
            }
            _ => None,
        })
    }

    /// The union of the tags of the readings of `analysis` that the condition speaks of (see
    /// [`TokenTest::considered`]), when it can be found without the form: all of them (their
    /// union is `tags`) when the condition has no positive reading test, or those passing a
    /// test that reads no lemma.
    pub(super) fn considered_tags(&self, analysis: Analysis, tags: u64) -> Option<u64> {
        match self.first_reading_test() {
            None => Some(tags),
            Some(test) if !test.reads_form() => Some(test.verdict(analysis).union),
            Some(_) => None,
        }
    }

    /// The condition's first positive reading test.
    fn first_reading_test(&self) -> Option<&ReadingTest> {
        self.terms.iter().find_map(|(negated, term)| match term {
            Term::Some(test) | Term::Every(test) if !negated => Some(test),
            _ => None,
        })
    }

    /// The readings of a matched token that its condition speaks of: those passing its first
    /// positive reading test (all of them when it has none). Agreement is checked on these.
    pub(super) fn considered<'t>(
        &'t self,
        token: &'t TokenView,
    ) -> impl Iterator<Item = Reading> + 't {
        let test = self.first_reading_test();
        token
            .readings()
            .filter(move |r| test.is_none_or(|t| t.holds(&token.word, r)))
    }
}

/// The bit tests of a condition on a token's [`Facts`], as they are gathered: sets, flags and
/// tag bits the token must have, must lack, or must meet.
#[derive(Debug, Clone, Copy, Default)]
struct Bits {
    need_sets: u128,
    deny_sets: u128,
    need_tags: u64,
    deny_tags: u64,
    /// Tag bits of which the union of the readings must have one (0: no such test).
    meet_tags: u64,
    /// Tag bits every reading must have (see [`Quick::every_tags`]).
    every_tags: u64,
    need_flags: u16,
    deny_flags: u16,
    /// Numbered reading tests some reading must pass, or none may pass (see
    /// [`Facts::some_pass`]).
    need_some: u64,
    deny_some: u64,
    /// Numbered reading tests every reading must pass, or not every reading (see
    /// [`Facts::all_pass`]).
    need_all: u64,
    deny_all: u64,
}

impl Bits {
    /// The tests as masks and the values the masked bits must have; a condition that needs
    /// a bit it denies never holds.
    fn compile(self) -> Quick {
        let mut quick = Quick {
            sets_mask: self.need_sets | self.deny_sets,
            sets_want: self.need_sets,
            tags_mask: self.need_tags | self.deny_tags,
            tags_want: self.need_tags,
            meet_tags: self.meet_tags,
            every_tags: self.every_tags,
            flags_mask: self.need_flags | self.deny_flags,
            flags_want: self.need_flags,
            some_mask: self.need_some | self.deny_some,
            some_want: self.need_some,
            all_mask: self.need_all | self.deny_all,
            all_want: self.need_all,
        };
        if self.need_sets & self.deny_sets != 0
            || self.need_tags & self.deny_tags != 0
            || self.need_flags & self.deny_flags != 0
            || self.need_some & self.deny_some != 0
            || self.need_all & self.deny_all != 0
        {
            quick = quick.with_flags(flag::NEVER);
        }
        quick
    }
}

/// The bit tests of a compiled condition on a token's [`Facts`]: under each mask, the bits the
/// token must have (the others it must lack); and tag bits of which it must have one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Quick {
    sets_mask: u128,
    sets_want: u128,
    tags_mask: u64,
    tags_want: u64,
    /// 0: no such test.
    meet_tags: u64,
    /// Tag bits every reading has: the union of the readings has them, unless there is no
    /// reading at all (0: no such test).
    every_tags: u64,
    flags_mask: u16,
    flags_want: u16,
    /// Under the mask, the numbered reading tests some reading passes (see
    /// [`Facts::some_pass`]).
    some_mask: u64,
    some_want: u64,
    /// Under the mask, the numbered reading tests every reading passes (see
    /// [`Facts::all_pass`]).
    all_mask: u64,
    all_want: u64,
}

impl Quick {
    /// Whether a token with `facts` passes the bit tests.
    #[inline]
    pub(super) fn passes(&self, facts: &Facts) -> bool {
        // The flags and tags first: the patterns tried on most tokens need no word set of
        // the next token (see `AnchorGroup`), and most fail on its case or its readings.
        facts.flags & self.flags_mask == self.flags_want && self.passes_but_flags(facts)
    }

    /// Whether a token with `facts` passes the bit tests once its `free` flags are set as the
    /// test wants them: whether a token with the same facts but for those flags may pass.
    #[inline]
    pub(super) fn may_pass_with(&self, facts: &Facts, free: u16) -> bool {
        let mask = self.flags_mask & !free;
        facts.flags & mask == self.flags_want & mask && self.passes_but_flags(facts)
    }

    /// Whether a token whose flags of [`flag::CONTEXT`] are `context` passes the tests of those
    /// flags: with [`Quick::may_pass_with`] freeing them, what [`Quick::passes`] tests.
    #[inline]
    pub(super) fn passes_context(&self, context: u16) -> bool {
        context & self.flags_mask & flag::CONTEXT == self.flags_want & flag::CONTEXT
    }

    /// Whether a token with `facts` passes the bit tests other than those of its flags.
    #[inline]
    fn passes_but_flags(&self, facts: &Facts) -> bool {
        facts.tags & self.tags_mask == self.tags_want
            && facts.sets & self.sets_mask == self.sets_want
            && (self.meet_tags == 0 || facts.tags & self.meet_tags != 0)
            && (self.every_tags == 0
                || facts.tags & self.every_tags == self.every_tags
                || facts.tags == 0)
            && facts.some_pass & self.some_mask == self.some_want
            && facts.all_pass & self.all_mask == self.all_want
    }

    /// The word sets a passing token is in (0: the test needs none).
    pub(super) fn needed_sets(&self) -> u128 {
        self.sets_want
    }

    /// The test that also requires `flags` (and never holds when it denies one of them).
    pub(super) fn with_flags(mut self, flags: u16) -> Quick {
        let denied = self.flags_mask & !self.flags_want & flags;
        self.flags_mask |= flags;
        self.flags_want |= flags;
        if denied != 0 {
            self.flags_mask |= flag::NEVER;
            self.flags_want |= flag::NEVER;
        }
        self
    }
}

/// A token condition compiled against the matcher's numbered word sets: word lists, classes,
/// case and most reading tests become bit tests on the token's [`Facts`]; what bits cannot
/// answer is kept as terms.
#[derive(Debug, Clone)]
pub(super) struct CompiledTest {
    /// The token may be absent.
    pub(super) optional: bool,
    /// The bit tests, which settle most tokens.
    pub(super) quick: Quick,
    /// The reading tests bits do not settle, then the other terms, cheapest first.
    rest: Vec<(bool, Term)>,
    /// The bit of the condition's first positive reading test, which chooses the readings
    /// agreement is checked on (see [`TokenTest::considered`]), when it is numbered.
    considered_bit: Option<u64>,
}

impl CompiledTest {
    /// Compiles `test`, numbering its word sets in `sets`; `deny_flags` are flags no passing
    /// token has (a number, a fragment of a hyphenated word).
    pub(super) fn new(test: &TokenTest, sets: &mut WordSets, deny_flags: u16) -> CompiledTest {
        let mut quick = Bits {
            deny_flags,
            ..Bits::default()
        };
        let mut rest = Vec::new();
        for (negated, term) in &test.terms {
            let negated = *negated;
            let flag = match term {
                Term::Lower => flag::LOWER,
                Term::Upper => flag::CAPITALIZED,
                Term::Caps => flag::CAPS,
                Term::Known => flag::KNOWN,
                Term::English => flag::ENGLISH,
                Term::PunctAfter => flag::PUNCT_AFTER,
                Term::Any if negated => flag::NEVER,
                Term::Any => continue,
                _ => 0,
            };
            if flag != 0 {
                if negated && flag != flag::NEVER {
                    quick.deny_flags |= flag;
                } else {
                    quick.need_flags |= flag;
                }
                continue;
            }
            let bit = match term {
                Term::Words(words) => sets.bit_of(words.iter(), &[]),
                Term::Class(class) => sets.bit_of_class(class),
                _ => None,
            };
            if let Some(bit) = bit {
                if negated {
                    quick.deny_sets |= bit;
                } else {
                    quick.need_sets |= bit;
                }
                continue;
            }
            match term {
                // What the union of the readings settles (see `ReadingTest::by_union`): the
                // features a passing token has in some reading, one of several it has...
                Term::Some(test) if !negated => {
                    quick.need_tags |= test.required;
                    let met = test.any_of == 0 || quick.meet_tags == 0;
                    if test.any_of != 0 && quick.meet_tags == 0 {
                        quick.meet_tags = test.any_of;
                    }
                    if test.is_simple() && met {
                        continue;
                    }
                }
                // ... and the feature no reading of a passing token has.
                Term::Some(test) if test.is_simple() => {
                    quick.deny_tags |= match test.required {
                        0 => test.any_of,
                        required => required,
                    };
                    continue;
                }
                // Every reading passes: the lexicon knows the word.
                Term::Every(test) if !negated => {
                    quick.need_flags |= flag::KNOWN;
                    quick.every_tags |= test.required;
                }
                // Only a word beginning with a vowel (or "h", "y") may elide the article.
                Term::Elides if !negated => quick.need_flags |= flag::MAY_ELIDE,
                _ => {}
            }
            // A reading test the bits of the word's facts answer.
            if let Term::Some(test) | Term::Every(test) = term
                && let Some(bit) = sets.reading_bit(test)
            {
                let (need, deny) = match term {
                    Term::Some(_) => (&mut quick.need_some, &mut quick.deny_some),
                    _ => (&mut quick.need_all, &mut quick.deny_all),
                };
                *(if negated { deny } else { need }) |= bit;
                continue;
            }
            rest.push((negated, term.clone()));
        }
        rest.sort_by_key(|(_, term)| match term {
            Term::Some(_) | Term::Every(_) => 0,
            Term::Elides => 1,
            _ => 2,
        });
        CompiledTest {
            optional: test.optional,
            quick: quick.compile(),
            rest,
            considered_bit: test.first_reading_test().and_then(|t| sets.reading_bit(t)),
        }
    }

    /// The union of the tags of the readings of a token with `facts` that the condition
    /// speaks of (see [`TokenTest::considered`]), when the bits of its first positive reading
    /// test tell it: every reading passes the test (the union is the token's `tags`) or none.
    #[inline]
    pub(super) fn considered_tags_by_bits(&self, facts: &Facts) -> Option<u64> {
        let bit = self.considered_bit?;
        if facts.all_pass & bit != 0 {
            Some(facts.tags)
        } else if facts.some_pass & bit == 0 {
            Some(0)
        } else {
            None
        }
    }

    /// The tag bits every passing token has in some reading (a cheap first filter).
    pub(super) fn required_tags(&self) -> u64 {
        self.quick.tags_want
    }

    /// Whether token `j` of `doc`, with `facts`, passes.
    #[inline]
    pub(super) fn holds(&self, doc: &Document, j: usize, facts: &Facts) -> bool {
        self.quick.passes(facts) && (self.rest.is_empty() || self.rest_holds(doc, j, facts))
    }

    /// Whether the terms of `rest` hold. The word is read only when a term needs it: most
    /// tokens fail an earlier term.
    fn rest_holds(&self, doc: &Document, j: usize, facts: &Facts) -> bool {
        let word = std::cell::OnceCell::new();
        let word = || -> &str { word.get_or_init(|| straightened(doc.folded_word(j))) };
        self.rest
            .iter()
            .all(|(negated, term)| term_holds(term, &word, facts) != *negated)
    }
}

/// Whether a term bits do not settle holds for a token with `facts`; `word` gives the token's
/// word (lowercase, straight apostrophes).
fn term_holds<'w>(term: &Term, word: &impl Fn() -> &'w str, facts: &Facts) -> bool {
    let readings = || morphology().readings_of(facts.analysis);
    match term {
        Term::Some(test) => test.by_union(facts.tags).unwrap_or_else(|| {
            if test.reads_form() {
                readings().any(|r| test.holds(word(), &r))
            } else {
                test.verdict(facts.analysis).some
            }
        }),
        Term::Every(test) if test.reads_form() => {
            facts.analysis.is_known() && readings().all(|r| test.holds(word(), &r))
        }
        Term::Every(test) => test.verdict(facts.analysis).every,
        // A word whose first letter rules elision out has no `MAY_ELIDE` flag.
        Term::Elides => {
            facts.flags & flag::MAY_ELIDE != 0
                && morphology().elision_by_tags(word(), facts.tags) == Elision::Elides
        }
        Term::Words(words) => words.contains(word()),
        Term::Class(class) => class.contains(word()),
        // Settled by flags.
        Term::Lower
        | Term::Upper
        | Term::Caps
        | Term::Known
        | Term::English
        | Term::PunctAfter
        | Term::Any => unreachable!("flag terms are compiled to bits"),
    }
}
