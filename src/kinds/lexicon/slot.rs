//! The grammatical slot a flagged word fills, read from the French words around it: a noun
//! after its determiner ("une area", "des layouts"), an adjective after its determined noun
//! ("la conférence worldwide"), and the gender and number that a word put there must have.

use super::*;
use inflection::{Class, Inflect, LexiconInflector, Number};

/// What kind of word the French context expects where the flagged word stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SlotKind {
    /// A noun right after a determiner ("une area").
    Noun,
    /// An adjective right after a noun ("la conférence worldwide"), or a noun in apposition
    /// ("le code origin" → "le code source").
    Adjective,
    /// Nothing the context says.
    Unknown,
}

/// The slot a flagged word fills: its kind and the gender and number a word in it must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Slot {
    /// What kind of word stands there.
    pub kind: SlotKind,
    /// The gender the determiner or the noun requires.
    pub gender: Option<Gender>,
    /// The number the determiner or the noun requires.
    pub number: Option<Number>,
}

impl Slot {
    /// A slot the context says nothing of.
    pub const UNKNOWN: Slot = Slot {
        kind: SlotKind::Unknown,
        gender: None,
        number: None,
    };
}

/// What agreement needs to know of the French words before a flagged one: the determiners
/// of each gender and number (the pack's word classes `det-fem`, `det-masc`, `det-either`,
/// `det-plural`, `det-masc-before-consonant`).
#[derive(Debug, Default)]
pub struct Agreement {
    feminine: WordSet,
    masculine: WordSet,
    either: WordSet,
    plural: WordSet,
    possessives: WordSet,
    pronoun_leads: WordSet,
    adjectives_before: WordSet,
}

impl Agreement {
    /// The determiners of the word classes of the rule set being compiled.
    pub fn new(ctx: &crate::kinds::CompileContext) -> Self {
        let class = |name: &str| ctx.class_sets.get(&ctx.classes, name);
        Agreement {
            feminine: class("det-fem"),
            masculine: class("det-masc"),
            either: class("det-either"),
            plural: class("det-plural"),
            possessives: class("det-masc-before-consonant"),
            pronoun_leads: class("pronoun-lead"),
            adjectives_before: ["adj-fem-before", "adj-masc-before"]
                .iter()
                .fold(WordSet::default(), |all, name| all.union(class(name))),
        }
    }

    /// The slot token `i` fills: after a determiner, a noun of the determiner's gender and
    /// number; after a noun (itself after a determiner, or of one gender and number), an
    /// adjective of the noun's gender and number.
    pub(super) fn slot(&self, doc: &Document, i: usize) -> Slot {
        let (Neighbour::Word(j), false) = doc.before_token(i) else {
            return Slot::UNKNOWN;
        };
        let before = straightened(doc.folded_word(j));
        if let Some((gender, number)) = self.determiner(&before) {
            // "mon", "ton", "son" also precede feminine nouns beginning with a vowel.
            let gender = gender.filter(|_| !self.possessives.contains(before.as_ref()));
            return Slot {
                kind: SlotKind::Noun,
                gender,
                number,
            };
        }
        if !only_spaces(&doc.text[doc.tokens[j].end..doc.tokens[i].start]) {
            return Slot::UNKNOWN;
        }
        // A noun after a determiner and an adjective placed before nouns ("le premier program").
        if self.adjectives_before.contains(before.as_ref()) {
            let determiner = match doc.before_token(j) {
                (Neighbour::Word(d), false) => self.determiner(&straightened(doc.folded_word(d))),
                _ => None,
            };
            let adjective = doc.readings()[j].french();
            let number = determiner.and_then(|(_, n)| n).or_else(|| {
                adjective.and_then(|a| match (a.singular(), a.plural()) {
                    (true, false) => Some(Number::Singular),
                    (false, true) => Some(Number::Plural),
                    _ => None,
                })
            });
            return Slot {
                kind: SlotKind::Noun,
                gender: adjective.and_then(|a| a.only_gender()),
                number,
            };
        }
        // An adjective after a noun: the gap is spaces, the noun a French noun that is no
        // function word.
        let Some(noun) = doc.readings()[j]
            .french()
            .filter(|f| f.noun() && !f.function_word())
        else {
            return Slot::UNKNOWN;
        };
        let own_number = match (noun.singular(), noun.plural()) {
            (true, false) => Some(Number::Singular),
            (false, true) => Some(Number::Plural),
            _ => None,
        };
        // "un état d’urgence nationwide": after a noun's complement, the adjective may qualify
        // either noun.
        let head = match doc.before_token(j) {
            (Neighbour::Word(d), false)
                if self.determiner(&straightened(doc.folded_word(d))).is_some() =>
            {
                doc.before_token(d)
            }
            other => other,
        };
        if let (Neighbour::Word(p), false) = head
            && matches!(
                straightened(doc.folded_word(p)).as_ref(),
                "de" | "d'" | "du" | "des" | "à" | "au" | "aux" | "en"
            )
        {
            return Slot::UNKNOWN;
        }
        let (det_gender, det_number, determined) = match doc.before_token(j) {
            (Neighbour::Word(d), false) => {
                let word = straightened(doc.folded_word(d));
                // "le", "la", "les" after a subject or object pronoun are object pronouns
                // before a verb ("il les arme").
                let pronoun = matches!(word.as_ref(), "le" | "la" | "les" | "l'")
                    && matches!(doc.before_token(d), (Neighbour::Word(p), false)
                        if self.pronoun_leads.contains(straightened(doc.folded_word(p)).as_ref()));
                match self.determiner(&word) {
                    Some((g, n)) if !pronoun => (g, n, true),
                    _ => (None, None, false),
                }
            }
            _ => (None, None, false),
        };
        // A form that is also a verb is a noun only after its determiner.
        if noun.verb() && !determined {
            return Slot::UNKNOWN;
        }
        let gender = noun.only_gender().or(det_gender);
        let number = det_number.or(own_number);
        // The determiner must agree with the noun, or the noun is not what it seems.
        let clash = det_gender.is_some_and(|g| noun.only_gender().is_some_and(|n| n != g))
            || (det_number.is_some() && own_number.is_some() && det_number != own_number);
        if clash || gender.is_none() || number.is_none() || (!determined && noun.adjective()) {
            return Slot::UNKNOWN;
        }
        Slot {
            kind: SlotKind::Adjective,
            gender,
            number,
        }
    }

    /// The gender and number a determiner gives its noun (`None`: either), or `None` when the
    /// word is no determiner.
    pub(super) fn determiner(&self, word: &str) -> Option<(Option<Gender>, Option<Number>)> {
        let plural = self.plural.contains(word);
        let gender = if self.feminine.contains(word) {
            Some(Gender::Feminine)
        } else if self.masculine.contains(word) {
            Some(Gender::Masculine)
        } else {
            None
        };
        if gender.is_none() && !plural && !self.either.contains(word) {
            return None;
        }
        let number = if plural {
            Some(Number::Plural)
        } else {
            Some(Number::Singular)
        };
        // "certains", "certaines" are plural and gendered.
        let gender = gender.or(match word {
            "certains" => Some(Gender::Masculine),
            "certaines" => Some(Gender::Feminine),
            _ => None,
        });
        Some((gender, number))
    }

    /// `suggestion` (a single French word) in the form that agrees with the slot that the
    /// match `span` of `doc` fills, `Some(suggestion)` unchanged when the match is not one word
    /// or the slot says nothing, and `None` when the word cannot agree (a noun of the other
    /// gender after a determiner). For the suggestions of a rule's list (`inflect = true`).
    pub fn agree(
        &self,
        doc: &Document,
        span: std::ops::Range<usize>,
        suggestion: &str,
    ) -> Option<String> {
        let Some(i) = doc
            .token_starting_at(span.start)
            .filter(|&i| doc.tokens[i].end == span.end)
        else {
            return Some(suggestion.to_string());
        };
        let lowercase = suggestion.to_lowercase();
        let Some(french) = lexicons().french(&lowercase) else {
            return Some(suggestion.to_string());
        };
        let english = straightened(doc.folded_word(i));
        agreeing_form(&lowercase, french, &self.slot(doc, i), &english)
    }
}

/// `word` (read in French as `french`) in the form that agrees with `slot`, or `None` when it
/// cannot stand there: a noun of the other gender after a determiner, a verb, an adjective with
/// no form of the noun's gender and number. In an adjective slot a noun stands in apposition,
/// unchanged ("le code source"). Where the context says nothing, the English word's number
/// decides.
pub(super) fn agreeing_form(
    word: &str,
    french: crate::lexicon::French,
    slot: &Slot,
    english: &str,
) -> Option<String> {
    let inflector = LexiconInflector;
    match slot.kind {
        SlotKind::Noun if french.noun() => {
            inflector.inflect(word, Class::Noun, slot.gender, slot.number)
        }
        SlotKind::Noun if french.adjective() => {
            inflector.inflect(word, Class::Adjective, slot.gender, slot.number)
        }
        SlotKind::Noun => None,
        SlotKind::Adjective if french.adjective() => {
            inflector.inflect(word, Class::Adjective, slot.gender, slot.number)
        }
        SlotKind::Adjective if french.noun() => Some(word.to_string()),
        SlotKind::Adjective => None,
        SlotKind::Unknown => {
            let plural = english.ends_with('s') && !english.ends_with("ss");
            let class = if french.noun() {
                Class::Noun
            } else {
                Class::Adjective
            };
            let wanted = if plural {
                Number::Plural
            } else {
                Number::Singular
            };
            Some(
                (french.noun() || french.adjective())
                    .then(|| inflector.inflect(word, class, None, Some(wanted)))
                    .flatten()
                    .unwrap_or_else(|| word.to_string()),
            )
        }
    }
}
