//! The lexicons shipped in `data/`: French forms with part of speech, gender, number and
//! frequency, English forms with frequency, and the reverse-spinner map from English words to
//! the French–English homographs they are thesaurus synonyms of, with how close each English
//! word is to the French words proposed for it. Embedded in the binary and
//! opened on first use; `scripts/build-lexicons.sh` regenerates them from their sources.

mod context;
mod memo;
mod moby;
mod reverse;
mod sorted;
mod translation;
mod unaccented;

use crate::morph::{Analysis, morphology};
use fst::{IntoStreamer, Map, Streamer};
use memo::{Entry, Memo, NO_TOKEN};
use std::{cell::RefCell, sync::OnceLock};

pub use context::{Neighbour as ContextNeighbour, Side as ContextSide};

static FRENCH_FST: &[u8] = include_bytes!("../data/fr.fst");
static ENGLISH_FST: &[u8] = include_bytes!("../data/en.fst");

/// Set on forms seen in French text but absent from the French dictionary (loanwords, names).
const CORPUS_ONLY: u64 = 1 << 21;

/// What the French lexicon knows of a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct French(u64);

impl French {
    /// Zipf frequency in French (0.0 when unknown; 3.0 is one occurrence per million words).
    pub fn zipf(self) -> f32 {
        (self.0 & 0xff) as f32 / 10.0
    }
    /// A noun form.
    pub fn noun(self) -> bool {
        self.0 & (1 << 8) != 0
    }
    /// An adjective form.
    pub fn adjective(self) -> bool {
        self.0 & (1 << 9) != 0
    }
    /// A verb form.
    pub fn verb(self) -> bool {
        self.0 & (1 << 10) != 0
    }
    /// An adverb.
    pub fn adverb(self) -> bool {
        self.0 & (1 << 11) != 0
    }
    /// A proper noun.
    pub fn proper(self) -> bool {
        self.0 & (1 << 12) != 0
    }
    /// A determiner, pronoun, preposition, conjunction or interjection.
    pub fn function_word(self) -> bool {
        self.0 & (1 << 13) != 0
    }
    /// A noun, adjective, verb or adverb, and never a function word.
    pub fn content_word(self) -> bool {
        !self.function_word() && (self.noun() || self.adjective() || self.verb() || self.adverb())
    }
    /// The word classes the form may belong to, among nouns, verbs, adjectives and adverbs.
    pub fn classes(self) -> WordClasses {
        WordClasses::of(self.noun(), self.verb(), self.adjective(), self.adverb())
    }
    /// A noun or adjective that is neither an adverb nor a function word.
    pub fn nominal(self) -> bool {
        (self.noun() || self.adjective()) && !self.adverb() && !self.function_word()
    }
    /// A form French only knows as a verb.
    pub fn verb_only(self) -> bool {
        self.verb() && !self.noun() && !self.adjective() && !self.adverb()
    }
    /// Can be singular.
    pub fn singular(self) -> bool {
        self.0 & (1 << 18) != 0
    }
    /// Can be plural.
    pub fn plural(self) -> bool {
        self.0 & (1 << 19) != 0
    }
    /// Can be masculine.
    pub fn masculine(self) -> bool {
        self.0 & (1 << 16) != 0
    }
    /// Can be feminine.
    pub fn feminine(self) -> bool {
        self.0 & (1 << 17) != 0
    }
    /// Whether the form is in the French dictionary (and not only seen in French text).
    pub fn in_dictionary(self) -> bool {
        self.0 & CORPUS_ONLY == 0
    }
    /// The single gender of the form, when it has exactly one.
    pub fn only_gender(self) -> Option<Gender> {
        match (self.masculine(), self.feminine()) {
            (true, false) => Some(Gender::Masculine),
            (false, true) => Some(Gender::Feminine),
            _ => None,
        }
    }
}

/// Grammatical gender.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    /// Masculine.
    Masculine,
    /// Feminine.
    Feminine,
}

/// What the English lexicon knows of a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct English(u64);

impl English {
    /// The number of bits of [`English::key`].
    pub const KEY_BITS: u32 = 14;

    /// The reading's low [`English::KEY_BITS`] bits (its frequency and flags), as a number:
    /// two forms with the same reading have the same key.
    pub fn key(self) -> usize {
        (self.0 & ((1 << Self::KEY_BITS) - 1)) as usize
    }

    /// Zipf frequency in English.
    pub fn zipf(self) -> f32 {
        (self.0 & 0xff) as f32 / 10.0
    }
    /// Listed only capitalized in the dictionary: a proper noun.
    pub fn proper(self) -> bool {
        self.0 & (1 << 9) != 0
    }
    /// The word classes WordNet gives the form (its own entries, its lemma's through an
    /// inflection): none for a function word or a form WordNet lacks.
    pub fn classes(self) -> WordClasses {
        let bit = |n: u32| self.0 & (1 << n) != 0;
        WordClasses::of(bit(10), bit(11), bit(12), bit(13))
    }
}

/// A set of the word classes nouns, verbs, adjectives and adverbs, which both languages share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WordClasses(u8);

impl WordClasses {
    /// The set of the classes whose flag is set.
    pub fn of(noun: bool, verb: bool, adjective: bool, adverb: bool) -> Self {
        WordClasses(
            u8::from(noun) | u8::from(verb) << 1 | u8::from(adjective) << 2 | u8::from(adverb) << 3,
        )
    }
    /// Whether no class is known.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    /// Whether both sets are known and have no class in common: a word of one set cannot
    /// stand for a word of the other ("dernière", an adjective or a noun, for the adverb
    /// "anymore").
    pub fn exclude(self, other: WordClasses) -> bool {
        !self.is_empty() && !other.is_empty() && self.0 & other.0 == 0
    }
}

/// FNV-1a: a fast hash for short words (the memo needs no protection against crafted keys).
#[derive(Default)]
pub struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &byte in bytes {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = hash;
    }
}

/// What both lexicons know of one form, looked up together: a corpus asks about the same
/// word in both languages, and one memo probe is cheaper than two.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Readings {
    /// The raw French value of the form itself, dictionary word or not.
    usage: u32,
    /// The raw French value of the form as a dictionary word (found as spelled, or with "oe"
    /// read as "œ").
    dictionary: u32,
    /// The raw English value.
    english: u32,
    /// The form is the first word of a multi-word English expression of the reverse-spinner
    /// map.
    expression_head: bool,
    /// The form was analysed by the morphology lexicon (only the readings of a document's
    /// tokens are: see [`Lexicons::readings_of`]).
    analysed: bool,
    /// Its analysis by the morphology lexicon.
    analysis: Analysis,
    /// The union of the tag bits of its morphological readings.
    tags: u64,
}

/// The packed value of a form a lexicon does not hold (lexicon values use 22 bits).
const ABSENT: u32 = u32::MAX;

impl Readings {
    /// The readings of a word no lexicon holds (and of tokens that are not words).
    pub const NONE: Readings = Readings {
        usage: ABSENT,
        dictionary: ABSENT,
        english: ABSENT,
        expression_head: false,
        analysed: false,
        analysis: Analysis::UNKNOWN,
        tags: 0,
    };

    /// The French reading, as [`Lexicons::french`] gives it.
    pub fn french(self) -> Option<French> {
        (self.dictionary != ABSENT).then(|| French(u64::from(self.dictionary)))
    }

    /// The French usage frequency, as [`Lexicons::french_usage`] gives it.
    pub fn french_usage(self) -> Option<f32> {
        (self.usage != ABSENT).then(|| French(u64::from(self.usage)).zipf())
    }

    /// The English reading, as [`Lexicons::english`] gives it.
    pub fn english(self) -> Option<English> {
        (self.english != ABSENT).then(|| English(u64::from(self.english)))
    }

    /// Whether a multi-word English expression begins with the form
    /// ([`Lexicons::expressions_starting_with`]).
    pub fn expression_head(self) -> bool {
        self.expression_head
    }

    /// The form's analysis by the morphology lexicon, with the union of the tag bits of its
    /// readings (as [`crate::morph::Morphology::analyze`] and
    /// [`crate::morph::Morphology::readings_of`] give them); `None` when it was not asked for.
    pub fn morphology(self) -> Option<(Analysis, u64)> {
        self.analysed.then_some((self.analysis, self.tags))
    }

    /// Adds the morphology lexicon's analysis of `form`.
    fn analyse(&mut self, form: &str) {
        (self.analysis, self.tags) = morphology().lookup_with_tags(form);
        self.analysed = true;
    }
}

/// A document's word tokens counted by form, as [`Lexicons::readings_of`] read them: the
/// count and last token of each form are kept in this thread's memo beside the form's
/// readings, and each token links to the previous token of its form. The memo answers for the
/// last document it read, on the thread that read it, while it has not been emptied; otherwise
/// [`WordTally::count`] answers `None` and the words must be counted another way.
#[derive(Debug, Default)]
pub struct WordTally {
    /// The number of the reading in the memo; 0 for none.
    reading: u64,
    /// For each token, the previous token of its form ([`NO_TOKEN`]: none, or not a word).
    previous: Vec<u32>,
}

impl WordTally {
    /// How many word tokens write `form` (folded, apostrophes straight or curly alike), with
    /// the index of the last; `None` when this thread's memo no longer counts the document.
    pub fn count(&self, form: &str) -> Option<(u32, Option<usize>)> {
        let (count, last) =
            READINGS.with(|memo| memo.try_borrow().ok()?.tally_of(self.reading, form))?;
        Some((count, self.token(last)))
    }

    /// The previous token that writes the form of word token `token`, when
    /// [`WordTally::count`] answers for the document.
    pub fn previous(&self, token: usize) -> Option<usize> {
        self.token(self.previous[token])
    }

    fn token(&self, token: u32) -> Option<usize> {
        (token != NO_TOKEN).then_some(token as usize)
    }
}

/// A `BuildHasher` of [`Fnv`], for maps and sets of short words.
pub type FnvBuild = std::hash::BuildHasherDefault<Fnv>;

thread_local! {
    /// The memo of [`Lexicons::readings`].
    static READINGS: RefCell<Memo> = RefCell::new(Memo::default());
}

/// The shipped lexicons.
pub struct Lexicons {
    french: Map<&'static [u8]>,
    english: Map<&'static [u8]>,
    reverse: reverse::ReverseMap,
    translation: translation::TranslationMap,
    moby: moby::MobyLinks,
    context: context::ContextPairs,
}

/// A French–English homograph that a spinner may have replaced by a given English word.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Homograph {
    /// The French word.
    pub word: &'static str,
    /// The strength of the thesaurus link (0: none; 1.0: first plain synonym of the first
    /// sense).
    pub link: f32,
    /// How close the two words are in meaning (cosine of their embeddings; 0: not measured).
    pub similarity: f32,
    /// Whether only Moby Thesaurus II, of the thesauri, links the two words (marked `:moby`
    /// in the data): a broad thesaurus, whose loose synonyms ("public" for "government") are
    /// candidates beside the closer ones, not rivals of them.
    pub loose: bool,
}

/// The lexicons, opened on first use.
pub fn lexicons() -> &'static Lexicons {
    static LEXICONS: OnceLock<Lexicons> = OnceLock::new();
    LEXICONS.get_or_init(|| Lexicons {
        french: Map::new(FRENCH_FST).expect("data/fr.fst is a valid fst map"),
        english: Map::new(ENGLISH_FST).expect("data/en.fst is a valid fst map"),
        reverse: reverse::ReverseMap::new(),
        translation: translation::TranslationMap::new(),
        moby: moby::MobyLinks::new(),
        context: context::ContextPairs::new(),
    })
}

impl Lexicons {
    /// The French reading of a lowercase form ("œ" spelled "oe" is found too).
    pub fn french(&self, form: &str) -> Option<French> {
        self.readings(form).french()
    }

    /// The Zipf frequency of a form in French usage, dictionary word or not (English loanwords
    /// common in French text have one).
    pub fn french_usage(&self, form: &str) -> Option<f32> {
        self.readings(form).french_usage()
    }

    /// The English reading of a lowercase form.
    pub fn english(&self, form: &str) -> Option<English> {
        self.readings(form).english()
    }

    /// Both lexicons' readings of a lowercase form, memoized per thread: a corpus repeats its
    /// words, and a hash probe costs a fraction of two fst lookups.
    pub fn readings(&self, form: &str) -> Readings {
        READINGS.with(|memo| self.remembered(&mut memo.borrow_mut(), form, false))
    }

    /// The readings of the words `text[range]` of a lowercase text (`None`: not a word, no
    /// reading), each as it reads with straight apostrophes, with one access to the per-thread
    /// memo; these also hold each form's analysis by the morphology lexicon
    /// ([`Readings::morphology`]), so that a document's words are looked up once for every
    /// lexicon. A word of up to 15 bytes without a curly apostrophe, most words, is read in two
    /// loads of eight bytes and probed by that key alone. The same probes count the words by
    /// form ([`WordTally`]).
    pub fn readings_of(
        &self,
        text: &str,
        words: impl Iterator<Item = Option<std::ops::Range<usize>>>,
    ) -> (Vec<Readings>, WordTally) {
        let bytes = text.as_bytes();
        READINGS.with(|memo| {
            let mut memo = memo.borrow_mut();
            let reading = memo.begin_tally();
            let mut previous = Vec::with_capacity(words.size_hint().0);
            let readings = words
                .enumerate()
                .map(|(token, range)| {
                    let Some(range) = range else {
                        previous.push(NO_TOKEN);
                        return Readings::NONE;
                    };
                    let token = u32::try_from(token).expect("fewer than 2^32 tokens");
                    if let Some(key) = memo::plain_short_key(bytes, range.clone())
                        && let Some((hit, tally)) = memo.get_short(key)
                        && hit.analysed
                    {
                        previous.push(tally.add(reading, token));
                        return *hit;
                    }
                    let word = &text[range];
                    let straight = if memo::has_e2(word.as_bytes()) {
                        std::borrow::Cow::Owned(crate::text::normalize::straight_apostrophes(word))
                    } else {
                        std::borrow::Cow::Borrowed(word)
                    };
                    let readings = self.remembered(&mut memo, &straight, true);
                    previous.push(memo.tally(&straight, token));
                    readings
                })
                .collect();
            (readings, WordTally { reading, previous })
        })
    }

    /// Looks `form` up in `memo`, reading the lexicons and storing the result on a miss; with
    /// `morphology`, the entry also gets the form's morphological analysis. A long form whose
    /// fingerprint another form holds is read without the memo.
    #[inline]
    fn remembered(&self, memo: &mut Memo, form: &str, morphology: bool) -> Readings {
        match memo.get(form) {
            Some(hit) if hit.analysed || !morphology => hit,
            _ => self.remember(memo, form, morphology),
        }
    }

    /// [`Lexicons::remembered`] where the memo lacks `form` (or its analysis): the rare case,
    /// kept out of the probe.
    #[cold]
    #[inline(never)]
    fn remember(&self, memo: &mut Memo, form: &str, morphology: bool) -> Readings {
        let fresh = || {
            let mut readings = self.read(form);
            if morphology {
                readings.analyse(form);
            }
            readings
        };
        match memo.entry(form) {
            Entry::Found(hit) => {
                if morphology && !hit.analysed {
                    hit.analyse(form);
                }
                *hit
            }
            Entry::Taken => fresh(),
            Entry::Absent => {
                let readings = fresh();
                memo.insert(form, readings);
                readings
            }
        }
    }

    /// Both lexicons' readings of `form`, without the memo.
    fn read(&self, form: &str) -> Readings {
        let packed = |value: Option<u64>| {
            value.map_or(ABSENT, |v| {
                debug_assert!(v < u64::from(ABSENT), "lexicon values fit in 22 bits");
                v as u32
            })
        };
        let usage = self.french.get(form);
        let dictionary = self.dictionary_value(form, usage);
        Readings {
            usage: packed(usage),
            dictionary: packed(dictionary),
            english: packed(self.english.get(form)),
            expression_head: !self.expressions_starting_with(form).is_empty(),
            analysed: false,
            analysis: Analysis::UNKNOWN,
            tags: 0,
        }
    }

    /// The French dictionary's value for `form` (whose value in the French lexicon is `usage`),
    /// or for its spelling with "œ" for "oe": the dictionary reading of [`Lexicons::read`].
    fn dictionary_value(&self, form: &str, usage: Option<u64>) -> Option<u64> {
        let in_dictionary = |value: &u64| French(*value).in_dictionary();
        usage.filter(in_dictionary).or_else(|| {
            form.contains("oe")
                .then(|| self.french.get(form.replace("oe", "œ")))
                .flatten()
                .filter(in_dictionary)
        })
    }

    /// The French–English homographs that `english` is a thesaurus synonym of or is close to
    /// in meaning, best first.
    pub fn homographs_of(&self, english: &str) -> &[Homograph] {
        self.reverse.homographs_of(english)
    }

    /// How close in meaning the English word `english` is to the French word `french`, read
    /// as French (a cosine, 0 to 1; 0 when the pair was not measured): what a bilingual
    /// dictionary says of the pair, measured for the words the linter may propose.
    pub fn translation_closeness(&self, english: &str, french: &str) -> f32 {
        self.translation.closeness(english, french)
    }

    /// The French words measured against the English word `english` with their closeness
    /// (see [`Lexicons::translation_closeness`]): its homographs and cognates, and the French
    /// nouns and adjectives nearest to it, English or not ("level" → "niveau").
    pub fn translations_of(&self, english: &str) -> impl Iterator<Item = (&'static str, f32)> {
        self.translation.measured(english)
    }

    /// The French words Moby Thesaurus II links to the English word `english` (among those the
    /// linter may propose for it, as the data files spell them): loose synonyms.
    pub fn moby_links_of(&self, english: &str) -> impl Iterator<Item = &'static str> {
        self.moby.linked_to(english)
    }

    /// How well the French word `word` fits next to `neighbour`, standing on `side` of it (both
    /// lowercase, apostrophes straight), in French prose: the pointwise mutual information of
    /// the pair (0 when nothing is known).
    pub fn context_fit(&self, word: &str, side: ContextSide, neighbour: &str) -> f32 {
        self.context.fit(word, side, neighbour)
    }

    /// `neighbour` as [`Lexicons::context_fit_between`] takes it: what the prose says of it
    /// alone, looked up once for every word asked about beside it.
    pub fn context_neighbour(&self, neighbour: String) -> ContextNeighbour {
        self.context.neighbour(neighbour)
    }

    /// How well `word` fits after `before` and before `after`: [`Lexicons::context_fit`] summed
    /// over both sides (0 for a missing neighbour), with one lookup of `word`.
    pub fn context_fit_between(
        &self,
        word: &str,
        before: Option<&ContextNeighbour>,
        after: Option<&ContextNeighbour>,
    ) -> f32 {
        self.context.fit_between(word, before, after)
    }

    /// The multi-word English expressions of the reverse-spinner map that begin with the word
    /// `head`, longest first (a text is matched against the longest).
    pub fn expressions_starting_with(&self, head: &str) -> &[&'static str] {
        self.reverse.expressions_starting_with(head)
    }

    /// The French dictionary's forms that `plain`, a lowercase spelling, writes without the
    /// accents it leaves out ("securite": "sécurité"; "limite" with an accented final "é":
    /// "limité" only), with their values.
    pub fn french_spelled(&self, plain: &str) -> Vec<(String, French)> {
        let mut found = Vec::new();
        let mut stream = self
            .french
            .search(unaccented::Unaccented {
                plain: plain.as_bytes(),
            })
            .into_stream();
        while let Some((key, value)) = stream.next() {
            if let Ok(key) = std::str::from_utf8(key)
                && French(value).in_dictionary()
            {
                found.push((key.to_string(), French(value)));
            }
        }
        found
    }

    /// French forms that may be cognates of `word`: the word with one vowel changed or
    /// accented ("example" → "exemple", "regional" → "régional"), or extended by at most two
    /// letters ("program" → "programme"). Looked up directly rather than with an edit-distance
    /// automaton, which is far slower over a lexicon this size.
    pub fn french_cognates(&self, word: &str) -> Vec<(String, French)> {
        const VOWELS: &str = "aeiouyéèêëàâäîïôöûüù";
        let mut found: Vec<(String, French)> = Vec::new();
        let length = word.chars().count();
        if length < 4 {
            return found;
        }
        // Each variant is written into one buffer, and copied out only when it is a word.
        let mut variant = String::with_capacity(word.len() + 2);
        for (start, c) in word.char_indices() {
            if !VOWELS.contains(c) {
                continue;
            }
            let (before, after) = (&word[..start], &word[start + c.len_utf8()..]);
            for replacement in VOWELS.chars().filter(|&r| r != c) {
                variant.clear();
                variant.push_str(before);
                variant.push(replacement);
                variant.push_str(after);
                // Looked up without the per-thread memo: most variants are no word, and none
                // is asked about again.
                if let Some(french) = self.dictionary_value(&variant, self.french.get(&variant)) {
                    found.push((variant.clone(), French(french)));
                }
            }
        }
        let longer = LongerByFewChars {
            prefix: word.as_bytes(),
        };
        let mut stream = self.french.search(longer).into_stream();
        while let Some((key, value)) = stream.next() {
            let Ok(key) = std::str::from_utf8(key) else {
                continue;
            };
            let extra = key.chars().count() - length;
            if (1..=2).contains(&extra) && French(value).in_dictionary() {
                found.push((key.to_string(), French(value)));
            }
        }
        found
    }
}

/// The keys that begin with `prefix` and go on for one to eight bytes (one or two
/// characters fit in them): a search of the French words one or two letters longer than a
/// word that does not walk the many longer words that begin with it.
struct LongerByFewChars<'a> {
    /// The bytes every key begins with.
    prefix: &'a [u8],
}

impl fst::Automaton for LongerByFewChars<'_> {
    /// The bytes of the key read so far; `None` once it left the prefix or went too far.
    type State = Option<usize>;

    fn start(&self) -> Option<usize> {
        Some(0)
    }

    fn is_match(&self, read: &Option<usize>) -> bool {
        read.is_some_and(|read| read > self.prefix.len())
    }

    fn can_match(&self, read: &Option<usize>) -> bool {
        read.is_some()
    }

    fn accept(&self, read: &Option<usize>, byte: u8) -> Option<usize> {
        let read = (*read)?;
        match self.prefix.get(read) {
            Some(&expected) => (byte == expected).then_some(read + 1),
            None => (read < self.prefix.len() + 2 * 4).then_some(read + 1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longer_words_search_finds_what_a_range_of_keys_does() {
        let lex = lexicons();
        let mut words: Vec<String> = crate::fixture_texts::fixture_texts(&["seeds"])
            .iter()
            .flat_map(|text| {
                text.split(|c: char| !c.is_alphabetic())
                    .map(str::to_lowercase)
                    .collect::<Vec<_>>()
            })
            .filter(|word| !word.is_empty())
            .collect();
        words.extend(["a", "mode", "é", "zzz"].map(String::from));
        words.sort_unstable();
        words.dedup();
        // The keys of `stream` one or two characters longer than `word`.
        fn longer_keys<A: fst::Automaton>(
            mut stream: fst::map::Stream<A>,
            word: &str,
        ) -> Vec<Vec<u8>> {
            let mut keys = Vec::new();
            while let Some((key, _)) = stream.next() {
                let extra = String::from_utf8_lossy(key).chars().count() - word.chars().count();
                if (1..=2).contains(&extra) {
                    keys.push(key.to_vec());
                }
            }
            keys
        }
        let mut found = 0;
        for word in &words {
            let mut upper = word.as_bytes().to_vec();
            upper.push(0xff);
            let expected = longer_keys(lex.french.range().gt(word).lt(&upper).into_stream(), word);
            let longer = LongerByFewChars {
                prefix: word.as_bytes(),
            };
            let got = longer_keys(lex.french.search(longer).into_stream(), word);
            assert_eq!(got, expected, "{word:?}");
            found += got.len();
        }
        assert!(
            found > 1000,
            "{found} longer words over {} words",
            words.len()
        );
    }

    #[test]
    fn reviewed_pairs_come_first_with_a_full_link() {
        let lex = lexicons();
        let reviewed = lex.homographs_of("hazard");
        assert_eq!(reviewed[0].word, "danger");
        assert_eq!(reviewed[0].link, 1.0);
        assert!(
            lex.homographs_of("setup")
                .iter()
                .any(|h| h.word == "configuration" && h.similarity > 0.5)
        );
    }

    #[test]
    fn english_word_classes_come_from_wordnet() {
        let lex = lexicons();
        let classes = |word: &str| lex.english(word).expect("English").classes();
        let adverb = WordClasses::of(false, false, false, true);
        assert_eq!(classes("anymore"), adverb);
        assert_eq!(
            classes("navigate"),
            WordClasses::of(false, true, false, false)
        );
        // An inflected form takes its lemma's classes, and its own.
        assert_eq!(
            classes("tangled"),
            WordClasses::of(false, true, true, false)
        );
        assert_eq!(
            classes("systems"),
            WordClasses::of(true, false, false, false)
        );
        assert!(classes("the").is_empty(), "a function word has none");
        let last = lex.french("dernière").expect("French").classes();
        assert!(
            adverb.exclude(last),
            "an adverb is not translated by a noun or adjective"
        );
        assert!(!classes("tangled").exclude(lex.french("emmêlé").expect("French").classes()));
        assert!(
            !WordClasses::default().exclude(last),
            "nothing is known of an empty set"
        );
    }

    #[test]
    fn french_genders() {
        let lex = lexicons();
        let force = lex.french("force").expect("force is French");
        assert!(force.noun() && force.feminine());
        let drive = lex.french("drive").expect("drive is French");
        assert!(drive.noun() && drive.masculine() && !drive.feminine());
        assert!(lex.french("worldwide").is_none());
        assert!(lex.french("coeur").is_some(), "oe is read as œ");
    }

    #[test]
    fn short_and_long_forms_are_remembered_apart() {
        let lex = lexicons();
        for form in [
            "drive",
            "worldwide",
            "coeur",
            "configuration",
            "xqzw",
            "aujourd'hui",
        ] {
            assert_eq!(lex.readings(form), lex.read(form), "{form}");
            assert_eq!(lex.readings(form), lex.read(form), "{form}, remembered");
        }
        // A long form whose fingerprint the memo holds for another form is read as itself.
        let mut memo = Memo::default();
        memo.long.insert(
            memo::long_key(b"internationalization"),
            ("impostor".into(), Readings::NONE, Default::default()),
        );
        let readings = lex.remembered(&mut memo, "internationalization", false);
        assert_eq!(readings, lex.read("internationalization"));
        assert!(readings.english().is_some());
    }

    #[test]
    fn the_tally_of_a_reading_counts_and_links_the_words_as_the_word_counts_do() {
        use crate::document::{Document, Format};
        use crate::text::tokenize::TokenKind;
        let mut texts = crate::fixture_texts::fixture_texts(&["seeds", "mt"]);
        texts.push("L’arbre l'arbre aujourd’hui aujourd'hui anticonstitutionnellement, anticonstitutionnellement ⅻ’ⅻ".into());
        let mut words = 0;
        for text in &texts {
            let doc = Document::new(text, Format::Text);
            let tally = &lexicons()
                .readings_of(
                    &doc.folded,
                    doc.tokens
                        .iter()
                        .map(|token| (token.kind == TokenKind::Word).then(|| token.range())),
                )
                .1;
            let counts = crate::corpus::facts::count_words(&doc);
            for (i, token) in doc.tokens.iter().enumerate() {
                if token.kind != TokenKind::Word {
                    continue;
                }
                let form = doc.folded_word(i);
                let hash = crate::corpus::facts::straight_word_hash(form);
                let (count, last) = tally.count(form).expect("the memo tallies the reading");
                assert_eq!(count, counts.get(hash), "{form:?}");
                let linked: Vec<usize> =
                    std::iter::successors(last, |&j| tally.previous(j)).collect();
                assert_eq!(
                    linked,
                    counts.tokens_of(hash).collect::<Vec<_>>(),
                    "{form:?}"
                );
                assert!(linked.contains(&i));
                words += 1;
            }
            assert_eq!(tally.count("xqzwv"), Some((0, None)));
            // Read again, the memo tallies the new reading only.
            let again = lexicons().readings_of(&doc.folded, std::iter::empty()).1;
            assert_eq!(tally.count("le"), None);
            assert_eq!(again.count("le"), Some((0, None)));
        }
        assert!(words > 1000, "{words} words");
    }

    #[test]
    fn a_document_counts_its_words_once_another_is_read() {
        use crate::corpus::facts::straight_word_hash;
        use crate::document::{Document, Format};
        let doc = Document::new(
            "Le chat, le chien, aujourd’hui et aujourd'hui.",
            Format::Text,
        );
        let words = ["le", "chat", "aujourd’hui", "aujourd'hui", "chiens", "et"];
        let counted = |doc: &Document, word: &str| doc.word_counts().get(straight_word_hash(word));
        let expected: Vec<u32> = words.iter().map(|w| counted(&doc, w)).collect();
        assert_eq!(expected[0], 2);
        let counts = |doc: &Document| words.map(|w| doc.count_of(w, 8)).to_vec();
        assert_eq!(counts(&doc), expected);
        let other = Document::new("le le le", Format::Text);
        assert_eq!(other.count_of("le", 8), 3);
        assert_eq!(other.tokens_writing("le").collect::<Vec<_>>(), [2, 1, 0]);
        // The memo now tallies the other document: the first counts its words itself.
        assert_eq!(counts(&doc), expected);
        assert_eq!(doc.count_of("le", 1), 1);
        assert_eq!(doc.tokens_writing("chat").collect::<Vec<_>>(), [1]);
    }

    #[test]
    fn english_words() {
        let lex = lexicons();
        assert!(lex.english("worldwide").is_some());
        assert!(lex.english("the").unwrap().zipf() > 7.0);
    }

    #[test]
    fn cognates() {
        let near: Vec<String> = lexicons()
            .french_cognates("example")
            .into_iter()
            .map(|(w, _)| w)
            .collect();
        assert!(near.contains(&"exemple".to_string()), "{near:?}");
    }

    #[test]
    fn cognate_vowel_variants_are_those_of_the_character_list() {
        const VOWELS: &str = "aeiouyéèêëàâäîïôöûüù";
        let lex = lexicons();
        for word in [
            "example",
            "régional",
            "programme",
            "manoeuvre",
            "déjà-vu",
            "cœur",
            "öl",
        ] {
            let chars: Vec<char> = word.chars().collect();
            let mut simple = Vec::new();
            for (position, &c) in chars.iter().enumerate() {
                for replacement in VOWELS.chars().filter(|&r| VOWELS.contains(c) && r != c) {
                    let mut variant = chars.clone();
                    variant[position] = replacement;
                    let variant: String = variant.into_iter().collect();
                    if lex
                        .dictionary_value(&variant, lex.french.get(&variant))
                        .is_some()
                    {
                        simple.push(variant);
                    }
                }
            }
            let found: Vec<String> = lex
                .french_cognates(word)
                .into_iter()
                .map(|(w, _)| w)
                .collect();
            let vowel_variants = &found[..simple.len().min(found.len())];
            if chars.len() >= 4 {
                assert_eq!(vowel_variants, &simple[..], "{word}");
            } else {
                assert!(found.is_empty(), "{word}");
            }
        }
    }
}
