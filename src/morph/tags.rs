//! The features of one reading of a French form: part of speech, gender, number, verb form,
//! mood, person, auxiliary, pronoun and determiner kinds, elision.

pub use crate::lexicon::Gender;

/// Grammatical number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Number {
    /// Singular.
    Singular,
    /// Plural.
    Plural,
}

/// The non-finite forms of a verb, and its finite (conjugated) forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VerbForm {
    /// The infinitive ("répondre").
    Infinitive,
    /// A past participle ("répondu", "arrivées").
    PastParticiple,
    /// The present participle ("répondant").
    PresentParticiple,
    /// A conjugated form ("répond", "répondrions").
    Finite,
}

/// The moods and tenses of a conjugated form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mood {
    /// Indicative present ("il mange").
    Present,
    /// Indicative imperfect ("il mangeait").
    Imperfect,
    /// Indicative simple past ("il mangea").
    SimplePast,
    /// Indicative future ("il mangera").
    Future,
    /// Conditional ("il mangerait").
    Conditional,
    /// Subjunctive present ("qu'il mange").
    SubjunctivePresent,
    /// Subjunctive imperfect ("qu'il mangeât").
    SubjunctiveImperfect,
    /// Imperative ("mange", "mangez").
    Imperative,
}

impl Mood {
    /// Every mood, in the order of the tag bits.
    pub const ALL: [Mood; 8] = [
        Mood::Present,
        Mood::Imperfect,
        Mood::SimplePast,
        Mood::Future,
        Mood::Conditional,
        Mood::SubjunctivePresent,
        Mood::SubjunctiveImperfect,
        Mood::Imperative,
    ];

    fn bit(self) -> u64 {
        1 << (20 + self as u64)
    }
}

/// A grammatical person with its number: of a conjugated verb or a personal pronoun.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Person {
    /// 1, 2 or 3.
    pub person: u8,
    /// Singular or plural.
    pub number: Number,
}

impl Person {
    /// The person `person` (1 to 3) in `number`.
    pub const fn new(person: u8, number: Number) -> Person {
        Person { person, number }
    }

    fn bit(self) -> u64 {
        let plural = matches!(self.number, Number::Plural) as u64;
        1 << (28 + 3 * plural + u64::from(self.person.clamp(1, 3) - 1))
    }
}

/// The auxiliary a verb takes in its compound tenses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Auxiliary {
    /// "être" ("il est arrivé").
    Etre,
    /// "avoir" ("il a mangé").
    Avoir,
    /// Either, by meaning ("il est passé", "il a passé le sel").
    Both,
    /// The lexicon does not say.
    Unknown,
}

/// Whether a word takes the elided article before it ("l'homme") or the full one ("le héros").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Elision {
    /// It elides: "l'homme", "d'abord".
    Elides,
    /// It keeps the full article: an h aspiré ("le héros", "la hache"), "onze", "yaourt", or a
    /// word beginning with a consonant.
    Keeps,
    /// The lexicon does not say (an unknown word, or an unmarked word beginning with h or y).
    Unknown,
}

/// The features of one reading of a form, packed in 64 bits (the layout of
/// `scripts/build_morphology.py`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Tags(pub(crate) u64);

macro_rules! flags {
    ($($(#[$doc:meta])* $name:ident = $bit:expr, $test:ident;)*) => {
        impl Tags {
            $(
                $(#[$doc])*
                pub const $name: Tags = Tags(1 << $bit);
            )*
            $(
                $(#[$doc])*
                pub fn $test(self) -> bool {
                    self.0 & (1 << $bit) != 0
                }
            )*
        }
    };
}

flags! {
    /// A noun.
    NOUN = 0, noun;
    /// An adjective (past participles used as adjectives too).
    ADJECTIVE = 1, adjective;
    /// A verb form of any kind (infinitive, participle, conjugated).
    VERB = 2, verb;
    /// An adverb.
    ADVERB = 3, adverb;
    /// A determiner.
    DETERMINER = 4, determiner;
    /// A pronoun.
    PRONOUN = 5, pronoun;
    /// A preposition.
    PREPOSITION = 6, preposition;
    /// A conjunction.
    CONJUNCTION = 7, conjunction;
    /// A proper noun (first name, family name, place).
    PROPER = 8, proper;
    /// A numeral ("onze", "XIV").
    NUMERAL = 9, numeral;
    /// An interjection.
    INTERJECTION = 10, interjection;
    /// Anything else: a prefix, a title, an element of a locution, a symbol.
    OTHER = 11, other;
    /// Masculine (an epicene form is both).
    MASCULINE = 12, masculine;
    /// Feminine.
    FEMININE = 13, feminine;
    /// Singular (an invariable form is both).
    SINGULAR = 14, singular;
    /// Plural.
    PLURAL = 15, plural;
    /// An infinitive.
    INFINITIVE = 16, infinitive;
    /// A past participle.
    PAST_PARTICIPLE = 17, past_participle;
    /// A present participle.
    PRESENT_PARTICIPLE = 18, present_participle;
    /// A conjugated verb form.
    FINITE = 19, finite;
    /// The verb takes "être" in its compound tenses.
    AUX_ETRE = 34, takes_etre;
    /// The verb takes "avoir" in its compound tenses.
    AUX_AVOIR = 35, takes_avoir;
    /// A transitive verb.
    TRANSITIVE = 36, transitive;
    /// An intransitive verb.
    INTRANSITIVE = 37, intransitive;
    /// A verb with a pronominal use.
    PRONOMINAL = 38, pronominal;
    /// A subject pronoun ("il", "nous").
    SUBJECT = 39, subject;
    /// An object pronoun ("le", "lui", "nous").
    OBJECT = 40, object;
    /// A relative pronoun.
    RELATIVE = 41, relative;
    /// A demonstrative pronoun or determiner.
    DEMONSTRATIVE = 42, demonstrative;
    /// A possessive determiner.
    POSSESSIVE = 43, possessive;
    /// An indefinite pronoun or determiner.
    INDEFINITE = 44, indefinite;
    /// An interrogative pronoun or adverb.
    INTERROGATIVE = 45, interrogative;
    /// An adverbial pronoun ("en", "y").
    ADVERBIAL = 46, adverbial;
    /// A coordinating conjunction.
    COORDINATING = 47, coordinating;
    /// A subordinating conjunction.
    SUBORDINATING = 48, subordinating;
    /// A negation adverb ("ne", "pas").
    NEGATION = 49, negation;
    /// The lexicon marks the form as eliding the article before it ("l'homme").
    ELIDES = 50, marked_eliding;
    /// The lexicon marks the form as keeping the full article ("le héros").
    NO_ELISION = 51, marked_not_eliding;
    /// A spelling of a sub-dictionary (classic, 1990 reform, contributors'), not of the common one.
    VARIANT = 52, variant;
}

impl Tags {
    /// The raw bits.
    pub fn bits(self) -> u64 {
        self.0
    }

    /// Whether every feature of `other` is set here.
    pub fn contains(self, other: Tags) -> bool {
        self.0 & other.0 == other.0
    }

    /// Whether any feature of `other` is set here.
    pub fn intersects(self, other: Tags) -> bool {
        self.0 & other.0 != 0
    }

    /// The union of two sets of features.
    pub const fn union(self, other: Tags) -> Tags {
        Tags(self.0 | other.0)
    }

    /// The single gender, when the reading has exactly one.
    pub fn gender(self) -> Option<Gender> {
        match (self.masculine(), self.feminine()) {
            (true, false) => Some(Gender::Masculine),
            (false, true) => Some(Gender::Feminine),
            _ => None,
        }
    }

    /// The single number, when the reading has exactly one.
    pub fn number(self) -> Option<Number> {
        match (self.singular(), self.plural()) {
            (true, false) => Some(Number::Singular),
            (false, true) => Some(Number::Plural),
            _ => None,
        }
    }

    /// Whether the reading may have `gender` (an epicene reading has both).
    pub fn has_gender(self, gender: Gender) -> bool {
        match gender {
            Gender::Masculine => self.masculine(),
            Gender::Feminine => self.feminine(),
        }
    }

    /// Whether the reading may have `number` (an invariable reading has both).
    pub fn has_number(self, number: Number) -> bool {
        match number {
            Number::Singular => self.singular(),
            Number::Plural => self.plural(),
        }
    }

    /// The verb form, for a verb reading.
    pub fn verb_form(self) -> Option<VerbForm> {
        if self.finite() {
            Some(VerbForm::Finite)
        } else if self.past_participle() {
            Some(VerbForm::PastParticiple)
        } else if self.infinitive() {
            Some(VerbForm::Infinitive)
        } else if self.present_participle() {
            Some(VerbForm::PresentParticiple)
        } else {
            None
        }
    }

    /// Whether a conjugated reading is in `mood`.
    pub fn has_mood(self, mood: Mood) -> bool {
        self.0 & mood.bit() != 0
    }

    /// Whether a conjugated verb or a personal pronoun reading is of `person`.
    pub fn has_person(self, person: Person) -> bool {
        self.0 & person.bit() != 0
    }

    /// Whether a conjugated verb or personal pronoun reading has any person at all.
    pub fn has_any_person(self) -> bool {
        self.0 & (0b11_1111 << 28) != 0
    }

    /// Whether this verb or pronoun reading shares a person with `other`'s (a subject and its
    /// verb agree).
    pub fn shares_person(self, other: Tags) -> bool {
        self.0 & other.0 & (0b11_1111 << 28) != 0
    }

    /// The auxiliary of a verb reading.
    pub fn auxiliary(self) -> Auxiliary {
        match (self.takes_etre(), self.takes_avoir()) {
            (true, true) => Auxiliary::Both,
            (true, false) => Auxiliary::Etre,
            (false, true) => Auxiliary::Avoir,
            (false, false) => Auxiliary::Unknown,
        }
    }

    /// The part-of-speech bits only.
    pub fn part_of_speech(self) -> Tags {
        Tags(self.0 & 0xfff)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn persons_and_moods_have_their_own_bits() {
        let first_plural = Person::new(1, Number::Plural);
        let third_singular = Person::new(3, Number::Singular);
        assert_ne!(first_plural.bit(), third_singular.bit());
        assert_eq!(Person::new(1, Number::Singular).bit(), 1 << 28);
        assert_eq!(Person::new(3, Number::Plural).bit(), 1 << 33);
        assert_eq!(Mood::Imperative.bit(), 1 << 27);
        let tags = Tags(first_plural.bit() | Mood::Present.bit() | Tags::FINITE.0);
        assert!(tags.has_person(first_plural) && !tags.has_person(third_singular));
        assert_eq!(tags.verb_form(), Some(VerbForm::Finite));
    }

    #[test]
    fn gender_and_number() {
        let epicene = Tags::MASCULINE.union(Tags::FEMININE).union(Tags::PLURAL);
        assert_eq!(epicene.gender(), None);
        assert!(epicene.has_gender(Gender::Feminine));
        assert_eq!(epicene.number(), Some(Number::Plural));
        assert_eq!(Tags::AUX_ETRE.auxiliary(), Auxiliary::Etre);
    }
}
