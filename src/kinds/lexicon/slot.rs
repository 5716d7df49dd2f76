//! The grammatical slot a flagged word fills, read from the French words around it: a noun
//! after its determiner ("une area", "des layouts"), an adjective after its determined noun
//! ("la conférence worldwide"), and the gender and number that a word put there must have.

use super::*;
use inflection::Number;

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

impl LexiconRule {
    /// The slot token `i` fills: after a determiner, a noun of the determiner's gender and
    /// number; after a noun (itself after a determiner, or of one gender and number), an
    /// adjective of the noun's gender and number.
    pub(super) fn slot(&self, doc: &Document, i: usize) -> Slot {
        let (Neighbour::Word(j), false) = doc.before(doc.tokens[i].start) else {
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
        // An adjective after a noun: the gap is spaces, the noun a French noun that is no verb
        // form or function word.
        if !only_spaces(&doc.text[doc.tokens[j].end..doc.tokens[i].start]) {
            return Slot::UNKNOWN;
        }
        let Some(noun) = doc.readings()[j]
            .french()
            .filter(|f| f.noun() && !f.function_word() && !f.verb())
        else {
            return Slot::UNKNOWN;
        };
        let own_number = match (noun.singular(), noun.plural()) {
            (true, false) => Some(Number::Singular),
            (false, true) => Some(Number::Plural),
            _ => None,
        };
        let (det_gender, det_number, determined) = match doc.before(doc.tokens[j].start) {
            (Neighbour::Word(d), false) => {
                let word = straightened(doc.folded_word(d));
                match self.determiner(&word) {
                    Some((g, n)) => (g, n, true),
                    None => (None, None, false),
                }
            }
            _ => (None, None, false),
        };
        let gender = noun.only_gender().or(det_gender);
        let number = det_number.or(own_number);
        // The determiner must agree with the noun, or the noun is not what it seems.
        let clash = det_gender.is_some_and(|g| noun.only_gender().is_some_and(|n| n != g))
            || (det_number.is_some() && own_number.is_some() && det_number != own_number);
        if clash || (!determined && (gender.is_none() || number.is_none())) {
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
        let plural = self.determiners_plural.contains(word);
        let gender = self.determiner_gender(word);
        if gender.is_none() && !plural && !self.determiners_either.contains(word) {
            return match word {
                "un" => Some((Some(Gender::Masculine), Some(Number::Singular))),
                "une" => Some((Some(Gender::Feminine), Some(Number::Singular))),
                _ => None,
            };
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
}
