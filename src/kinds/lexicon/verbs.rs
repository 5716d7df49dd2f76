//! A French verb proposed for an English expression, put in the form its place needs: "vont
//! look into" wants an infinitive ("vont examiner"), "nous look into" a verb conjugated with
//! "nous" ("nous examinons"). A verb whose form the context does not settle is listed, never
//! applied.

use crate::{
    document::Document,
    morph::{Mood, Number, Person, morphology},
    text::{normalize::straightened, tokenize::TokenKind},
};

/// The verbs whose conjugated forms take a bare infinitive after them ("va partir", "doit
/// partir", "faut partir").
const INFINITIVE_AFTER: &[&str] = &[
    "aller",
    "devoir",
    "pouvoir",
    "vouloir",
    "savoir",
    "falloir",
    "faire",
    "laisser",
    "oser",
    "compter",
    "sembler",
    "espérer",
    "préférer",
    "aimer",
    "adorer",
    "détester",
    "souhaiter",
    "désirer",
];

/// The prepositions an infinitive follows ("pour examiner", "sans examiner", "afin d'examiner").
const INFINITIVE_PREPOSITIONS: &[&str] = &["de", "d'", "à", "pour", "sans", "par", "afin", "avant"];

/// What the place of a verb asks of its form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum VerbSlot {
    /// An infinitive: after a preposition or a verb that takes one.
    Infinitive,
    /// A form conjugated with this subject pronoun, in the present.
    Subject(Person),
    /// The context does not settle it.
    Unknown,
}

/// What the token before token `i` of `doc` (written next to it, one space apart) asks of a
/// verb at `i`.
pub(super) fn verb_slot(doc: &Document, i: usize) -> VerbSlot {
    let Some(before) = i.checked_sub(1) else {
        return VerbSlot::Unknown;
    };
    let gap = &doc.text[doc.tokens[before].end..doc.tokens[i].start];
    if !gap.is_empty() && gap != " " {
        return VerbSlot::Unknown;
    }
    if doc.tokens[before].kind == TokenKind::Number {
        return VerbSlot::Unknown;
    }
    let word = straightened(doc.folded_word(before));
    if INFINITIVE_PREPOSITIONS.contains(&&*word) {
        return VerbSlot::Infinitive;
    }
    if let Some(person) = subject_person(&word) {
        return VerbSlot::Subject(person);
    }
    let morph = morphology();
    let takes_infinitive = morph.readings(&word).iter().any(|r| {
        r.tags.verb()
            && r.tags.finite()
            && INFINITIVE_AFTER.iter().any(|verb| r.lemma_is(&word, verb))
    });
    if takes_infinitive {
        VerbSlot::Infinitive
    } else {
        VerbSlot::Unknown
    }
}

/// The person of a subject pronoun.
fn subject_person(word: &str) -> Option<Person> {
    Some(match word {
        "je" | "j'" => Person::new(1, Number::Singular),
        "tu" => Person::new(2, Number::Singular),
        "il" | "elle" | "on" => Person::new(3, Number::Singular),
        "nous" => Person::new(1, Number::Plural),
        "vous" => Person::new(2, Number::Plural),
        "ils" | "elles" => Person::new(3, Number::Plural),
        _ => return None,
    })
}

/// A candidate put in its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Fitted {
    /// The word as it should be written there (unchanged when it is no verb).
    Sure(String),
    /// A verb whose form the place does not settle: listed as it is, not applied.
    Unsure(String),
}

/// `candidate` (a French word) in the form `slot` asks for. Where the place wants a verb, a
/// word with a verb reading becomes an infinitive or is conjugated with the subject, and a word
/// without one is dropped. Elsewhere a word that is only a verb is listed as it is, and a word
/// with a reading of another kind ("important", also an adjective) stays as it is. `None` when
/// the word does not fit or the lexicon has no such form.
pub(super) fn fit_verb(candidate: &str, slot: VerbSlot) -> Option<Fitted> {
    let morph = morphology();
    let readings = morph.readings(candidate);
    if readings.is_empty() {
        return Some(Fitted::Sure(candidate.to_string()));
    }
    let some_verb = readings.iter().any(|r| r.tags.verb());
    match slot {
        VerbSlot::Infinitive if some_verb => morph.infinitive(candidate).map(Fitted::Sure),
        VerbSlot::Subject(person) if some_verb => morph
            .conjugate(candidate, Mood::Present, person)
            .map(Fitted::Sure),
        VerbSlot::Infinitive | VerbSlot::Subject(_) => None,
        VerbSlot::Unknown if readings.iter().all(|r| r.tags.verb()) => {
            Some(Fitted::Unsure(candidate.to_string()))
        }
        VerbSlot::Unknown => Some(Fitted::Sure(candidate.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    fn slot(text: &str, word: &str) -> VerbSlot {
        let doc = Document::new(text, Format::Text);
        let i = doc
            .tokens
            .iter()
            .position(|t| &text[t.start..t.end] == word)
            .expect("the word is in the text");
        verb_slot(&doc, i)
    }

    #[test]
    fn the_place_of_a_verb() {
        assert_eq!(slot("Ils vont look into it.", "look"), VerbSlot::Infinitive);
        assert_eq!(slot("Il faut look into it.", "look"), VerbSlot::Infinitive);
        assert_eq!(slot("Avant de look into it.", "look"), VerbSlot::Infinitive);
        assert_eq!(
            slot("Nous look into it.", "look"),
            VerbSlot::Subject(Person::new(1, Number::Plural))
        );
        assert_eq!(slot("Le dossier look into it.", "look"), VerbSlot::Unknown);
        assert_eq!(slot("Ils vont, look into it.", "look"), VerbSlot::Unknown);
    }

    #[test]
    fn a_verb_in_its_place() {
        assert_eq!(
            fit_verb("examine", VerbSlot::Infinitive),
            Some(Fitted::Sure("examiner".into()))
        );
        assert_eq!(
            fit_verb("examine", VerbSlot::Subject(Person::new(1, Number::Plural))),
            Some(Fitted::Sure("examinons".into()))
        );
        assert_eq!(
            fit_verb("examine", VerbSlot::Unknown),
            Some(Fitted::Unsure("examine".into()))
        );
        // No verb: it cannot fill the place of one.
        assert_eq!(fit_verb("dossier", VerbSlot::Infinitive), None);
        assert_eq!(
            fit_verb("dossier", VerbSlot::Unknown),
            Some(Fitted::Sure("dossier".into()))
        );
        // A noun that is also a verb, where a verb is wanted.
        assert_eq!(
            fit_verb("place", VerbSlot::Infinitive),
            Some(Fitted::Sure("placer".into()))
        );
        // Also an adjective: no verb in this place.
        assert_eq!(
            fit_verb("important", VerbSlot::Unknown),
            Some(Fitted::Sure("important".into()))
        );
    }
}
