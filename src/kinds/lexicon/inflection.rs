//! Inflection of suggestions: the form of a French noun or adjective that agrees in gender and
//! number with the determiner and noun around the word it replaces ("la conférence worldwide"
//! → "internationale", "des accords worldwide" → "internationaux").
//!
//! [`Inflect`] is what the ranking needs of a morphology; [`LexiconInflector`] implements it over
//! the shipped French lexicon (`data/fr.fst`), which knows every form's part of speech, gender
//! and number but not its lemma: it writes the forms French inflection rules give and keeps the
//! one the lexicon confirms with the wanted gender and number.

use crate::lexicon::{French, Gender, lexicons};

/// Grammatical number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Number {
    /// Singular.
    Singular,
    /// Plural.
    Plural,
}

/// The part of speech a form is inflected as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// A noun: its gender is its own, only its number changes.
    Noun,
    /// An adjective: it takes the gender and number of its noun.
    Adjective,
}

/// What the ranking needs of a French morphology.
pub trait Inflect {
    /// The form of `word` (any of its forms) in the part of speech `class` that has `gender`
    /// (`None`: either) and `number` (`None`: either), or `None` when French has no such form
    /// (a masculine noun has no feminine) or the morphology does not know it.
    fn inflect(
        &self,
        word: &str,
        class: Class,
        gender: Option<Gender>,
        number: Option<Number>,
    ) -> Option<String>;
}

/// [`Inflect`] over the shipped French lexicon: candidate forms from French inflection rules,
/// confirmed by the lexicon with the wanted part of speech, gender and number.
#[derive(Debug, Clone, Copy, Default)]
pub struct LexiconInflector;

impl Inflect for LexiconInflector {
    /// Memoized per thread: a ranking inflects every candidate of a flagged word, and the same
    /// English words, hence the same candidates and slots, recur across a corpus.
    fn inflect(
        &self,
        word: &str,
        class: Class,
        gender: Option<Gender>,
        number: Option<Number>,
    ) -> Option<String> {
        // By word, then by the agreement asked for (class, gender and number as bits).
        type Cache = std::collections::HashMap<
            Box<str>,
            Vec<(u8, Option<String>)>,
            crate::lexicon::FnvBuild,
        >;
        thread_local! {
            static CACHE: std::cell::RefCell<Cache> = std::cell::RefCell::new(Cache::default());
        }
        let agreement = (class as u8)
            | match gender {
                None => 0,
                Some(Gender::Masculine) => 2,
                Some(Gender::Feminine) => 4,
            }
            | match number {
                None => 0,
                Some(Number::Singular) => 8,
                Some(Number::Plural) => 16,
            };
        let hit = CACHE.with(|c| {
            c.borrow().get(word).and_then(|asked| {
                asked
                    .iter()
                    .find(|(a, _)| *a == agreement)
                    .map(|(_, form)| form.clone())
            })
        });
        if let Some(form) = hit {
            return form;
        }
        let form = inflect_uncached(word, class, gender, number);
        CACHE.with(|c| {
            let mut cache = c.borrow_mut();
            if cache.len() > 100_000 {
                cache.clear();
            }
            cache
                .entry(word.into())
                .or_default()
                .push((agreement, form.clone()));
        });
        form
    }
}

/// [`LexiconInflector::inflect`] without the memo.
fn inflect_uncached(
    word: &str,
    class: Class,
    gender: Option<Gender>,
    number: Option<Number>,
) -> Option<String> {
    let lex = lexicons();
    let fits = |form: &str| {
        lex.french(form)
            .is_some_and(|f| agrees(f, class, gender, number))
    };
    if fits(word) {
        return Some(word.to_string());
    }
    // Every masculine singular the word may be a form of, then every form of those.
    for lemma in lemmas(word) {
        if !lex.french(&lemma).is_some_and(|f| of_class(f, class)) {
            continue;
        }
        if let Some(form) = forms(&lemma, class)
            .into_iter()
            .find(|f| fits(f) && same_word(word, f, class))
        {
            return Some(form);
        }
    }
    None
}

/// Whether `form` is an inflection of `word` in `class` for the morphology
/// (`data/fr-morph.fst`): a reading of each in that part of speech has the same lemma, or the
/// morphology does not know one of them. Spelling rules alone take "dat" for the masculine of
/// the noun "date", and "entré" (a participle) for the masculine of the noun "entrée".
fn same_word(word: &str, form: &str, class: Class) -> bool {
    let morphology = crate::morph::morphology();
    let lemmas = |w: &str| -> Option<Vec<String>> {
        let readings = morphology.readings(w);
        if readings.is_empty() {
            return None;
        }
        Some(
            readings
                .iter()
                .filter(|r| match class {
                    Class::Noun => r.tags.noun(),
                    Class::Adjective => r.tags.adjective(),
                })
                .map(|r| r.lemma(w))
                .collect(),
        )
    };
    match (lemmas(word), lemmas(form)) {
        (Some(of_word), Some(of_form)) => of_word.iter().any(|l| of_form.contains(l)),
        _ => true,
    }
}

/// Whether the lexicon reading `f` is of `class` and may have `gender` and `number`.
fn agrees(f: French, class: Class, gender: Option<Gender>, number: Option<Number>) -> bool {
    // A form the lexicon gives no gender (or no number) takes either.
    let genderless = !f.masculine() && !f.feminine();
    let numberless = !f.singular() && !f.plural();
    of_class(f, class)
        && (genderless
            || match gender {
                Some(Gender::Masculine) => f.masculine(),
                Some(Gender::Feminine) => f.feminine(),
                None => true,
            })
        && (numberless
            || match number {
                Some(Number::Singular) => f.singular(),
                Some(Number::Plural) => f.plural(),
                None => true,
            })
}

fn of_class(f: French, class: Class) -> bool {
    match class {
        Class::Noun => f.noun(),
        Class::Adjective => f.adjective(),
    }
}

/// The masculine singular forms `word` may be an inflection of: itself, and the word without
/// a plural or feminine ending ("internationaux" → "international", "locale" → "local").
fn lemmas(word: &str) -> Vec<String> {
    let mut out = vec![word.to_string()];
    let mut push = |s: String| {
        if !s.is_empty() && !out.contains(&s) {
            out.push(s);
        }
    };
    let singular: Vec<String> = if let Some(stem) = word.strip_suffix("aux") {
        vec![
            format!("{stem}al"),
            format!("{stem}ail"),
            word.trim_end_matches('x').to_string(),
        ]
    } else if let Some(stem) = word
        .strip_suffix('x')
        .filter(|s| s.ends_with("eau") || s.ends_with("eu"))
    {
        vec![stem.to_string()]
    } else if let Some(stem) = word.strip_suffix('s') {
        vec![stem.to_string(), word.to_string()]
    } else {
        vec![word.to_string()]
    };
    for s in singular {
        push(s.clone());
        for (feminine, masculine) in FEMININE_ENDINGS.iter().rev() {
            if let Some(stem) = s.strip_suffix(feminine) {
                push(format!("{stem}{masculine}"));
            }
        }
        if let Some(stem) = s.strip_suffix('e') {
            push(stem.to_string());
        }
    }
    out
}

/// Feminine endings and the masculine endings they inflect, most specific last (so that
/// `lemmas`, which reads them in reverse, tries "-elle" before "-e").
const FEMININE_ENDINGS: &[(&str, &str)] = &[
    ("que", "c"),
    ("euse", "eux"),
    ("euse", "eur"),
    ("rice", "eur"),
    ("ive", "if"),
    ("ère", "er"),
    ("ète", "et"),
    ("ette", "et"),
    ("elle", "el"),
    ("eille", "eil"),
    ("enne", "en"),
    ("onne", "on"),
    ("ienne", "ien"),
    ("ulle", "ul"),
    ("aîche", "ais"),
    ("ouce", "oux"),
    ("sse", "s"),
];

/// The forms French inflection gives the masculine singular `lemma`: for an adjective, its
/// feminine forms, then its plurals; for a noun, its plurals. Unconfirmed: the lexicon decides.
pub(super) fn forms(lemma: &str, class: Class) -> Vec<String> {
    let mut singular = vec![lemma.to_string()];
    if class == Class::Adjective {
        singular.extend(feminines(lemma));
    }
    let mut out = singular.clone();
    for s in &singular {
        out.extend(plurals(s));
    }
    out
}

/// The feminine forms rules give a masculine singular adjective, most specific first.
fn feminines(masculine: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (feminine, ending) in FEMININE_ENDINGS {
        if let Some(stem) = masculine.strip_suffix(ending) {
            out.push(format!("{stem}{feminine}"));
        }
    }
    if !masculine.ends_with('e') {
        out.push(format!("{masculine}e"));
    }
    out
}

/// The plural forms rules give a singular: "-al" → "-aux" (or "-als"), "-eau", "-eu" → "-x",
/// "-s", "-x", "-z" unchanged, otherwise "-s".
fn plurals(singular: &str) -> Vec<String> {
    if singular.ends_with(['s', 'x', 'z']) {
        return vec![singular.to_string()];
    }
    let mut out = Vec::new();
    if let Some(stem) = singular.strip_suffix("al") {
        out.push(format!("{stem}aux"));
    }
    if let Some(stem) = singular.strip_suffix("ail") {
        out.push(format!("{stem}aux"));
    }
    if singular.ends_with("eau") || singular.ends_with("eu") {
        out.push(format!("{singular}x"));
    }
    out.push(format!("{singular}s"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn adjective(word: &str, gender: Gender, number: Number) -> Option<String> {
        LexiconInflector.inflect(word, Class::Adjective, Some(gender), Some(number))
    }

    #[test]
    fn adjectives_take_gender_and_number() {
        use Gender::*;
        use Number::*;
        let cases = [
            ("international", Feminine, Singular, "internationale"),
            ("international", Masculine, Plural, "internationaux"),
            ("international", Feminine, Plural, "internationales"),
            ("national", Feminine, Singular, "nationale"),
            ("locale", Masculine, Singular, "local"),
            ("internationaux", Feminine, Singular, "internationale"),
            ("actif", Feminine, Singular, "active"),
            ("sérieux", Feminine, Plural, "sérieuses"),
            ("officiel", Feminine, Singular, "officielle"),
            ("ancien", Feminine, Singular, "ancienne"),
            ("public", Feminine, Singular, "publique"),
            ("premier", Feminine, Singular, "première"),
            ("possible", Feminine, Plural, "possibles"),
            ("nouveau", Masculine, Plural, "nouveaux"),
            ("complet", Feminine, Singular, "complète"),
        ];
        for (word, gender, number, want) in cases {
            assert_eq!(
                adjective(word, gender, number).as_deref(),
                Some(want),
                "{word} {gender:?} {number:?}"
            );
        }
    }

    #[test]
    fn nouns_keep_their_gender() {
        let noun = |word, gender, number| {
            LexiconInflector.inflect(word, Class::Noun, gender, Some(number))
        };
        assert_eq!(
            noun("format", Some(Gender::Masculine), Number::Plural).as_deref(),
            Some("formats")
        );
        assert_eq!(
            noun("journal", None, Number::Plural).as_deref(),
            Some("journaux")
        );
        assert_eq!(
            noun("format", Some(Gender::Feminine), Number::Singular),
            None
        );
        assert_eq!(
            noun("zones", Some(Gender::Feminine), Number::Singular).as_deref(),
            Some("zone")
        );
        // "dat" is a noun, but no form of "date"; "entré" is a form of the verb "entrer".
        for word in ["date", "entrée"] {
            assert_eq!(noun(word, Some(Gender::Masculine), Number::Singular), None);
        }
    }
}
