//! French morphology: every reading of a form (lemma, part of speech, gender, number, verb
//! features, elision) and the reverse, a lemma's forms, to inflect a word to a gender and number
//! or to form a verb's participle, infinitive or conjugated form.
//!
//! The data (`data/fr-morph.fst`, `data/fr-morph.bin`, from Grammalecte's lexicon; see
//! `scripts/build_morphology.py`) is embedded in the binary and opened on first use: a run that
//! asks nothing of it pays nothing.
//!
//! ```
//! use mtlint::morph::{morphology, Gender, Number};
//! let morph = morphology();
//! assert_eq!(morph.inflect("international", Some(Gender::Masculine), Some(Number::Plural)),
//!            Some("internationaux".to_string()));
//! assert_eq!(morph.past_participle("répondre", Gender::Masculine, Number::Singular),
//!            Some("répondu".to_string()));
//! ```

mod tables;
mod tags;

pub use tags::{Auxiliary, Elision, Gender, Mood, Number, Person, Tags, VerbForm};

use crate::lexicon::FnvBuild;
use std::{cell::RefCell, collections::HashMap, sync::OnceLock};
use tables::Tables;

static MORPH_FST: &[u8] = include_bytes!("../../data/fr-morph.fst");
static MORPH_TABLES: &[u8] = include_bytes!("../../data/fr-morph.bin");

/// What the lexicon knows of one form, as a small copyable handle: the ids of its list of
/// readings and, when the form is a lemma, of its paradigm. Look its readings up with
/// [`Morphology::readings_of`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Analysis(u32);

impl Analysis {
    /// The analysis of a form the lexicon does not know.
    pub const UNKNOWN: Analysis = Analysis(u32::MAX);

    /// The handle as a number: equal for two forms exactly when their analyses are equal.
    pub fn id(self) -> u32 {
        self.0
    }

    /// Whether the lexicon knows the form.
    pub fn is_known(self) -> bool {
        self != Analysis::UNKNOWN
    }

    fn list(self) -> Option<usize> {
        self.is_known().then_some((self.0 & 0xffff) as usize)
    }

    fn paradigm(self) -> Option<usize> {
        let id = (self.0 >> 16) as usize;
        (self.is_known() && id > 0).then(|| id - 1)
    }
}

/// One reading of a form: its features and how to find its lemma.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    /// The features of the reading.
    pub tags: Tags,
    affix: u16,
}

impl Reading {
    /// The lemma of this reading of `form` (the form it was read from): the infinitive of a
    /// verb, the masculine singular of an adjective, the singular of a noun.
    pub fn lemma(&self, form: &str) -> String {
        morphology().tables.apply(self.affix, form)
    }

    /// Whether the lemma of this reading of `form` is `lemma`, without building it.
    pub fn lemma_is(&self, form: &str, lemma: &str) -> bool {
        morphology().tables.applies_to(self.affix, form, lemma)
    }
}

/// The French morphology lexicon.
pub struct Morphology {
    forms: fst::Map<&'static [u8]>,
    tables: Tables,
}

/// The lexicon, opened on first use.
pub fn morphology() -> &'static Morphology {
    static MORPHOLOGY: OnceLock<Morphology> = OnceLock::new();
    MORPHOLOGY.get_or_init(|| Morphology {
        forms: fst::Map::new(MORPH_FST).expect("data/fr-morph.fst is a valid fst map"),
        tables: Tables::parse(MORPH_TABLES).expect("data/fr-morph.bin is a valid table file"),
    })
}

/// Determiners whose forms the lexicon gives separate lemmas: masculine singular, feminine
/// singular, masculine plural, feminine plural ("cet" is the masculine before a vowel).
const DETERMINERS: [[&str; 4]; 10] = [
    ["le", "la", "les", "les"],
    ["un", "une", "des", "des"],
    ["ce", "cette", "ces", "ces"],
    ["cet", "cette", "ces", "ces"],
    ["mon", "ma", "mes", "mes"],
    ["ton", "ta", "tes", "tes"],
    ["son", "sa", "ses", "ses"],
    ["du", "de la", "des", "des"],
    ["au", "à la", "aux", "aux"],
    ["quel", "quelle", "quels", "quelles"],
];

type Memo = RefCell<HashMap<Box<str>, Analysis, FnvBuild>>;

thread_local! {
    /// The memo of [`Morphology::analyze`], emptied when it grows past a bound.
    static ANALYSES: Memo = RefCell::new(HashMap::default());
}

/// The memo's bound, in forms.
const MEMO_BOUND: usize = 100_000;

impl Morphology {
    /// The analysis of a lowercase form with straight apostrophes, memoized per thread.
    pub fn analyze(&self, form: &str) -> Analysis {
        ANALYSES.with(|memo| {
            let mut memo = memo.borrow_mut();
            if let Some(&hit) = memo.get(form) {
                return hit;
            }
            let analysis = self.lookup(form);
            if memo.len() >= MEMO_BOUND {
                memo.clear();
            }
            memo.insert(form.into(), analysis);
            analysis
        })
    }

    /// The analysis of a lowercase form with straight apostrophes, without the memo, and the
    /// union of the tag bits of its readings.
    pub fn lookup_with_tags(&self, form: &str) -> (Analysis, u64) {
        let analysis = self.lookup(form);
        let tags = self
            .readings_of(analysis)
            .fold(0, |all, r| all | r.tags.bits());
        (analysis, tags)
    }

    /// The analysis of a form, without the memo ("œ" spelled "oe" is found too).
    fn lookup(&self, form: &str) -> Analysis {
        let value = self.forms.get(form).or_else(|| {
            form.contains("oe")
                .then(|| self.forms.get(form.replace("oe", "œ")))
                .flatten()
        });
        value.map_or(Analysis::UNKNOWN, |v| Analysis(v as u32))
    }

    /// The readings of an analysed form.
    pub fn readings_of(&self, analysis: Analysis) -> impl Iterator<Item = Reading> + '_ {
        analysis
            .list()
            .into_iter()
            .flat_map(|list| self.tables.readings(list))
            .map(|(affix, tag)| Reading {
                tags: Tags(self.tables.tag(tag)),
                affix,
            })
    }

    /// The readings of a lowercase form (none when the lexicon does not know it).
    pub fn readings(&self, form: &str) -> Vec<Reading> {
        self.readings_of(self.analyze(form)).collect()
    }

    /// The lemmas of a form, each once, in the lexicon's order.
    pub fn lemmas(&self, form: &str) -> Vec<String> {
        let mut lemmas: Vec<String> = Vec::new();
        for reading in self.readings(form) {
            let lemma = reading.lemma(form);
            if !lemmas.contains(&lemma) {
                lemmas.push(lemma);
            }
        }
        lemmas
    }

    /// Every form of `lemma` with its features (empty when `lemma` is no lemma).
    pub fn forms(&self, lemma: &str) -> Vec<(String, Tags)> {
        let Some(paradigm) = self.analyze(lemma).paradigm() else {
            return Vec::new();
        };
        self.tables
            .paradigm(paradigm)
            .map(|(affix, tag)| (self.tables.apply(affix, lemma), Tags(self.tables.tag(tag))))
            .collect()
    }

    /// Whether `form` elides the article before it: from the lexicon's marks, then from its
    /// first letter (a vowel elides, a consonant does not; an unmarked h or y is unknown).
    pub fn elision(&self, form: &str) -> Elision {
        self.elision_with(form, || {
            self.readings_of(self.analyze(form))
                .fold(0, |all, r| all | r.tags.bits())
        })
    }

    /// [`Morphology::elision`] of `form`, whose readings' tags together are `tags` (the union
    /// that [`Morphology::lookup_with_tags`] gives): the marks are read off the union.
    pub fn elision_by_tags(&self, form: &str, tags: u64) -> Elision {
        self.elision_with(form, || tags)
    }

    /// The elision of `form`, from the union of its readings' tags (`tags`, found only when
    /// its first letter does not settle it).
    fn elision_with(&self, form: &str, tags: impl FnOnce() -> u64) -> Elision {
        let by_letter = match form.chars().next() {
            Some('h' | 'y') | None => Elision::Unknown,
            Some(
                'a' | 'e' | 'i' | 'o' | 'u' | 'à' | 'â' | 'ä' | 'é' | 'è' | 'ê' | 'ë' | 'î' | 'ï'
                | 'ô' | 'ö' | 'ù' | 'û' | 'ü' | 'œ' | 'æ',
            ) => Elision::Elides,
            Some(c) if c.is_alphabetic() => return Elision::Keeps,
            Some(_) => return Elision::Unknown,
        };
        let tags = Tags(tags());
        match (tags.marked_not_eliding(), tags.marked_eliding()) {
            (true, _) => Elision::Keeps,
            (false, true) => Elision::Elides,
            _ => by_letter,
        }
    }

    /// The auxiliary of the verb `form` is a form of (any form: "arrivés", "arriver").
    pub fn auxiliary(&self, form: &str) -> Auxiliary {
        let (mut etre, mut avoir) = (false, false);
        for reading in self.readings(form).iter().filter(|r| r.tags.verb()) {
            etre |= reading.tags.takes_etre();
            avoir |= reading.tags.takes_avoir();
        }
        Tags((etre as u64) << 34 | (avoir as u64) << 35).auxiliary()
    }

    /// `word` (a noun, adjective, determiner or past participle, in any form) inflected to
    /// `gender` and `number` (`None`: keep the word's own), in the same part of speech:
    /// "international" → "internationaux", "européen" → "européenne", "arrivé" → "arrivées".
    /// `None` when the lexicon has no such form or the word does not inflect that way.
    pub fn inflect(
        &self,
        word: &str,
        gender: Option<Gender>,
        number: Option<Number>,
    ) -> Option<String> {
        if let Some(row) = DETERMINERS.iter().find(|row| row.contains(&word)) {
            let at = |gender: Gender, number: Number| {
                usize::from(gender == Gender::Feminine) + 2 * usize::from(number == Number::Plural)
            };
            let own = row.iter().position(|&w| w == word).unwrap_or(0);
            let own_gender = if own % 2 == 1 {
                Gender::Feminine
            } else {
                Gender::Masculine
            };
            let own_number = if own >= 2 {
                Number::Plural
            } else {
                Number::Singular
            };
            let cell = at(gender.unwrap_or(own_gender), number.unwrap_or(own_number));
            return Some(row[cell].to_string());
        }
        let classes = Tags::NOUN
            .union(Tags::ADJECTIVE)
            .union(Tags::DETERMINER)
            .union(Tags::PAST_PARTICIPLE);
        self.readings(word)
            .into_iter()
            .filter(|r| r.tags.intersects(classes))
            .find_map(|reading| {
                let class = Tags(reading.tags.0 & classes.0);
                let gender = gender.or_else(|| reading.tags.gender());
                let number = number.or_else(|| reading.tags.number());
                self.pick(&reading.lemma(word), |tags| {
                    tags.contains(class)
                        && gender.is_none_or(|g| tags.has_gender(g))
                        && number.is_none_or(|n| tags.has_number(n))
                })
            })
    }

    /// The past participle of the verb `verb` (any of its forms) in `gender` and `number`:
    /// ("répondre", masculine, singular) → "répondu".
    pub fn past_participle(&self, verb: &str, gender: Gender, number: Number) -> Option<String> {
        self.verb_form(verb, |tags| {
            tags.past_participle() && tags.has_gender(gender) && tags.has_number(number)
        })
    }

    /// The infinitive of the verb `verb` is a form of: "répondu" → "répondre".
    pub fn infinitive(&self, verb: &str) -> Option<String> {
        self.readings(verb)
            .into_iter()
            .find(|r| r.tags.verb())
            .map(|r| r.lemma(verb))
    }

    /// The present participle of the verb `verb`: "répondre" → "répondant".
    pub fn present_participle(&self, verb: &str) -> Option<String> {
        self.verb_form(verb, Tags::present_participle)
    }

    /// The form of the verb `verb` conjugated in `mood` and `person`:
    /// ("être", present, 3rd plural) → "sont".
    pub fn conjugate(&self, verb: &str, mood: Mood, person: Person) -> Option<String> {
        self.verb_form(verb, |tags| {
            tags.finite() && tags.has_mood(mood) && tags.has_person(person)
        })
    }

    /// The first form of the verb `verb` is a form of that `wanted` accepts.
    fn verb_form(&self, verb: &str, wanted: impl Fn(Tags) -> bool) -> Option<String> {
        let lemma = self.infinitive(verb)?;
        self.pick(&lemma, |tags| tags.verb() && wanted(tags))
    }

    /// The form of `lemma` that `wanted` accepts, preferring the common spelling to variants.
    fn pick(&self, lemma: &str, wanted: impl Fn(Tags) -> bool) -> Option<String> {
        let forms = self.forms(lemma);
        let best = forms
            .iter()
            .filter(|(_, tags)| wanted(*tags))
            .min_by_key(|(form, tags)| (tags.variant(), form.contains('-'), form.len()))?;
        Some(best.0.clone())
    }
}

#[cfg(test)]
mod tests;
