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

use crate::lexicon::FnvBuild;
use crate::{
    document::Document,
    kinds::{CompileContext, WordClass},
    morph::{Analysis, Elision, Reading, Tags, morphology},
    rules::PackError,
    text::case::{CaseShape, shape_of},
    text::normalize::straight_apostrophes,
};
use std::collections::{BTreeMap, HashSet};
use toml::Spanned;

/// A test of one reading: features it must have, must lack, one of which it must have, and
/// the lemmas it may have.
#[derive(Debug, Clone, Default)]
pub(super) struct ReadingTest {
    required: u64,
    forbidden: u64,
    any_of: u64,
    lemmas: Vec<String>,
}

impl ReadingTest {
    /// Whether `reading` of `form` passes.
    pub(super) fn holds(&self, form: &str, reading: &Reading) -> bool {
        let bits = reading.tags.bits();
        bits & self.required == self.required
            && bits & self.forbidden == 0
            && (self.any_of == 0 || bits & self.any_of != 0)
            && (self.lemmas.is_empty() || self.lemmas.iter().any(|l| reading.lemma_is(form, l)))
    }

    /// The features every passing reading has.
    pub(super) fn required(&self) -> u64 {
        self.required
    }

    /// What the union of a word's readings' bits tells of the test, when it tells: a feature
    /// no reading has fails it, and a test of one feature (or of one of several) is answered.
    fn by_union(&self, union: u64) -> Option<bool> {
        if union & self.required != self.required || (self.any_of != 0 && union & self.any_of == 0)
        {
            return Some(false);
        }
        let simple = self.forbidden == 0
            && self.lemmas.is_empty()
            && ((self.required.count_ones() == 1 && self.any_of == 0)
                || (self.required == 0 && self.any_of != 0));
        simple.then_some(true)
    }
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
        match self {
            WordList::Few(words) => words.clone(),
            WordList::Many(words) => words.iter().cloned().collect(),
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
    /// The document.
    pub(super) doc: &'d Document<'d>,
    /// The token's index.
    pub(super) index: usize,
    /// The token as written.
    pub(super) text: &'d str,
    /// Lowercase, straight apostrophes.
    pub(super) word: std::borrow::Cow<'d, str>,
}

impl TokenView<'_> {
    /// Its analysis by the morphology lexicon (looked up on the first question, as most
    /// tokens are ruled out by their spelling alone).
    pub(super) fn analysis(&self) -> Analysis {
        self.doc.analysis(self.index).0
    }

    /// The union of the tag bits of its readings.
    pub(super) fn union(&self) -> u64 {
        self.doc.analysis(self.index).1
    }

    /// The readings of the token.
    pub(super) fn readings(&self) -> impl Iterator<Item = Reading> + '_ {
        morphology().readings_of(self.analysis())
    }
}

/// The English Zipf frequency from which `:english` holds: a word common enough in English for
/// the lexicon rules to weigh it as a spinner's or a translator's English word.
const COMMON_ENGLISH_ZIPF: f32 = 3.0;

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

    /// Whether the token passes.
    pub(super) fn holds(&self, token: &TokenView) -> bool {
        self.terms
            .iter()
            .all(|(negated, term)| term_holds(term, token) != *negated)
    }

    /// Whether a token written `word` (lowercase, straight apostrophes) whose readings' bits
    /// unite into `union` may pass: a cheap first test that only rules tokens out.
    pub(super) fn may_hold(&self, word: &str, union: u64) -> bool {
        // Terms are sorted cheapest first: words and classes before readings.
        self.terms.iter().all(|(negated, term)| match term {
            Term::Words(words) => words.contains(word) != *negated,
            Term::Class(class) => class.contains(word) != *negated,
            Term::Some(test) => match test.by_union(union) {
                Some(answer) => answer != *negated,
                None => true,
            },
            _ => true,
        })
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

    /// The features that every passing token has in some reading (a cheap first filter).
    pub(super) fn required_bits(&self) -> u64 {
        self.terms
            .iter()
            .filter_map(|(negated, term)| match term {
                Term::Some(test) | Term::Every(test) if !negated => Some(test.required()),
                _ => None,
            })
            .fold(0, |all, bits| all | bits)
    }

    /// The readings of a matched token that its condition speaks of: those passing its first
    /// positive reading test (all of them when it has none). Agreement is checked on these.
    pub(super) fn considered<'t>(
        &'t self,
        token: &'t TokenView,
    ) -> impl Iterator<Item = Reading> + 't {
        let test = self.terms.iter().find_map(|(negated, term)| match term {
            Term::Some(test) | Term::Every(test) if !negated => Some(test),
            _ => None,
        });
        token
            .readings()
            .filter(move |r| test.is_none_or(|t| t.holds(&token.word, r)))
    }
}

fn term_holds(term: &Term, token: &TokenView) -> bool {
    match term {
        Term::Words(words) => words.contains(&token.word),
        Term::Class(class) => class.contains(&token.word),
        Term::Some(test) => test
            .by_union(token.union())
            .unwrap_or_else(|| token.readings().any(|r| test.holds(&token.word, &r))),
        Term::Every(test) => {
            token.analysis().is_known() && token.readings().all(|r| test.holds(&token.word, &r))
        }
        Term::Lower => !token.text.chars().any(char::is_uppercase),
        Term::Upper => shape_of(token.text) == CaseShape::Capitalized,
        Term::Caps => shape_of(token.text) == CaseShape::Upper,
        Term::Known => token.analysis().is_known(),
        Term::Elides => morphology().elision(&token.word) == Elision::Elides,
        Term::English => token.doc.readings()[token.index]
            .english()
            .is_some_and(|english| english.zipf() >= COMMON_ENGLISH_ZIPF),
        Term::PunctAfter => token.doc.text[token.doc.tokens[token.index].end..]
            .starts_with(['.', ',', ';', ':', '!', '?', '…']),
        Term::Any => true,
    }
}
