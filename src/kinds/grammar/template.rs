//! Message and suggestion templates of grammar patterns: `{1}` is the text of matched token 1,
//! `{1.gender}`, `{1.number}`, `{1.person}` and `{1.lemma}` describe it, `{'}` is the
//! document's apostrophe, `{suggestion}` the suggestion; in a suggestion, `{1|inflect:0}`
//! inflects token 1 to the gender and number of token 0 (`{1|inflect:fem,pl}` to those given),
//! `{1|ppas}` and `{1|ppas:0}` give the verb's past participle (agreeing with token 0),
//! `{1|inf}` its infinitive, `{1|conj:0}` the verb conjugated in token 0's person, `{1|as:être}`
//! the form of "être" in token 1's mood and person, `{1|lower}` the word in lowercase,
//! `{1|gender:0}` and `{1|number:0}` token 1 with token 0's gender or number only; `{match}` is
//! the reported span and `{last}` the last matched token.

use crate::morph::{Gender, Mood, Number, Person, Tags, morphology};
use std::{cell::RefCell, collections::HashMap};

/// One piece of a template.
#[derive(Debug, Clone)]
enum Piece {
    Text(String),
    Apostrophe,
    Suggestion,
    Match,
    Last,
    Token(usize),
    Describe(usize, String),
    Call(usize, String, String),
}

/// A parsed template.
#[derive(Debug, Clone)]
pub(super) struct Template(Vec<Piece>);

/// What a template reads of the matched tokens: their text and the features of the readings
/// their conditions speak of.
pub(super) struct Filled<'a> {
    /// The text of each pattern token (`None`: an optional token that is absent).
    pub(super) texts: Vec<Option<&'a str>>,
    /// The union of the tag bits of the considered readings of each token.
    pub(super) features: Vec<u64>,
    /// The lemma of each token's first considered reading.
    pub(super) lemmas: Vec<Option<String>>,
    /// The apostrophe the document uses.
    pub(super) apostrophe: char,
    /// The text of the reported span.
    pub(super) span: &'a str,
}

impl Template {
    /// Parses `text`; `tokens` is the number of tokens of the pattern.
    pub(super) fn parse(text: &str, tokens: usize) -> Result<Template, String> {
        let mut pieces = Vec::new();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            if open > 0 {
                pieces.push(Piece::Text(rest[..open].to_string()));
            }
            let close = rest[open..]
                .find('}')
                .map(|c| open + c)
                .ok_or_else(|| format!("unclosed `{{` in `{text}`"))?;
            let inner = &rest[open + 1..close];
            pieces.push(parse_piece(inner, tokens)?);
            rest = &rest[close + 1..];
        }
        if !rest.is_empty() {
            pieces.push(Piece::Text(rest.to_string()));
        }
        Ok(Template(pieces))
    }

    /// Whether the template names a token's lemma.
    pub(super) fn uses_lemma(&self) -> bool {
        self.0
            .iter()
            .any(|p| matches!(p, Piece::Describe(_, what) if what == "lemma"))
    }

    /// Whether the template writes the document's apostrophe.
    pub(super) fn uses_apostrophe(&self) -> bool {
        self.0.iter().any(|p| matches!(p, Piece::Apostrophe))
    }

    /// Fills the template; `None` when a function has no answer (no such form).
    pub(super) fn fill(&self, filled: &Filled, suggestion: Option<&str>) -> Option<String> {
        let mut out = String::new();
        for piece in &self.0 {
            match piece {
                Piece::Text(text) => out.push_str(text),
                Piece::Apostrophe => out.push(filled.apostrophe),
                Piece::Suggestion => out.push_str(suggestion?),
                Piece::Match => out.push_str(filled.span),
                Piece::Last => out.push_str(filled.texts.iter().rev().flatten().next()?),
                // An absent optional token leaves nothing (blanks are collapsed after).
                Piece::Token(i) => out.push_str(filled.texts[*i].unwrap_or_default()),
                Piece::Describe(i, what) => out.push_str(&describe(filled, *i, what)?),
                Piece::Call(i, function, argument) => {
                    out.push_str(&call(filled, *i, function, argument)?)
                }
            }
        }
        Some(out)
    }
}

fn parse_piece(inner: &str, tokens: usize) -> Result<Piece, String> {
    let index = |s: &str| -> Result<usize, String> {
        s.parse::<usize>()
            .ok()
            .filter(|&i| i < tokens)
            .ok_or_else(|| format!("`{{{inner}}}`: no token {s} in a pattern of {tokens}"))
    };
    Ok(match inner {
        "'" => Piece::Apostrophe,
        "suggestion" => Piece::Suggestion,
        "match" => Piece::Match,
        "last" => Piece::Last,
        _ if inner.contains('|') => {
            let (token, call) = inner.split_once('|').unwrap_or_default();
            let (function, argument) = call.split_once(':').unwrap_or((call, ""));
            const FUNCTIONS: [&str; 8] = [
                "inflect", "gender", "number", "ppas", "inf", "conj", "as", "lower",
            ];
            if !FUNCTIONS.contains(&function) {
                return Err(format!(
                    "unknown function `{function}`; expected {}",
                    FUNCTIONS.join(", ")
                ));
            }
            if ["inflect", "gender", "number", "conj", "as"].contains(&function)
                && argument.is_empty()
            {
                return Err(format!("`{function}` needs an argument: `{{{inner}}}`"));
            }
            let is_token_list = argument.split('&').all(|a| a.parse::<usize>().is_ok());
            if matches!(function, "conj" | "ppas") && !argument.is_empty() || is_token_list {
                for a in argument.split('&').filter(|a| !a.is_empty()) {
                    index(a)?;
                }
            }
            Piece::Call(index(token)?, function.into(), argument.into())
        }
        _ if inner.contains('.') => {
            let (token, what) = inner.split_once('.').unwrap_or_default();
            if !["gender", "number", "person", "lemma"].contains(&what) {
                return Err(format!(
                    "`{{{inner}}}`: expected gender, number, person or lemma"
                ));
            }
            Piece::Describe(index(token)?, what.into())
        }
        _ => Piece::Token(index(inner)?),
    })
}

fn gender_of(bits: u64) -> Option<Gender> {
    Tags(bits).gender()
}

fn number_of(bits: u64) -> Option<Number> {
    Tags(bits).number()
}

fn person_of(bits: u64) -> Option<Person> {
    let persons = (bits >> 28) & 0b11_1111;
    (persons.count_ones() == 1).then(|| {
        let at = persons.trailing_zeros() as u8;
        let number = if at >= 3 {
            Number::Plural
        } else {
            Number::Singular
        };
        Person::new(at % 3 + 1, number)
    })
}

fn mood_of(bits: u64) -> Option<Mood> {
    Mood::ALL.into_iter().find(|&m| Tags(bits).has_mood(m))
}

fn describe(filled: &Filled, i: usize, what: &str) -> Option<String> {
    let bits = filled.features[i];
    Some(match what {
        "gender" => match gender_of(bits) {
            Some(Gender::Masculine) => "masculine".into(),
            Some(Gender::Feminine) => "feminine".into(),
            None => "of either gender".into(),
        },
        "number" => match number_of(bits) {
            Some(Number::Singular) => "singular".into(),
            Some(Number::Plural) => "plural".into(),
            None => "invariable".into(),
        },
        "person" => {
            let person = person_of(bits)?;
            let ordinal = ["first", "second", "third"][usize::from(person.person - 1)];
            let number = match person.number {
                Number::Singular => "singular",
                Number::Plural => "plural",
            };
            format!("{ordinal} person {number}")
        }
        _ => filled.lemmas[i].clone()?,
    })
}

fn call(filled: &Filled, i: usize, function: &str, argument: &str) -> Option<String> {
    let morph = morphology();
    let text = filled.texts[i]?.to_lowercase().replace('’', "'");
    // `0` is token 0's features; `1&0` takes each feature from the first token that has a
    // single value of it.
    let token_of = |arg: &str| -> Option<u64> {
        let mut bits = 0u64;
        for j in arg.split('&') {
            let other = filled.features[j.parse::<usize>().ok()?];
            if gender_of(bits).is_none() {
                bits = bits & !(0b11 << 12) | other & (0b11 << 12);
            }
            if number_of(bits).is_none() {
                bits = bits & !(0b11 << 14) | other & (0b11 << 14);
            }
            if person_of(bits).is_none() {
                bits = bits & !(0b11_1111 << 28) | other & (0b11_1111 << 28);
            }
            bits |= other & !((0b11 << 12) | (0b11 << 14) | (0b11_1111 << 28));
        }
        Some(bits)
    };
    match function {
        "lower" => Some(text),
        "inf" => morph.infinitive(&text),
        "inflect" => {
            let (gender, number) = match token_of(argument) {
                Some(bits) => (gender_of(bits), number_of(bits)),
                None => {
                    let tags = argument.split(',').fold(0u64, |all, name| {
                        all | match name.trim() {
                            "masc" => Tags::MASCULINE.bits(),
                            "fem" => Tags::FEMININE.bits(),
                            "sg" => Tags::SINGULAR.bits(),
                            "pl" => Tags::PLURAL.bits(),
                            _ => 0,
                        }
                    });
                    (gender_of(tags), number_of(tags))
                }
            };
            morph.inflect(&text, gender, number)
        }
        "gender" => morph.inflect(&text, gender_of(token_of(argument)?), None),
        "number" => morph.inflect(&text, None, number_of(token_of(argument)?)),
        "ppas" => {
            let bits = token_of(argument).unwrap_or(0);
            let gender = gender_of(bits).unwrap_or(Gender::Masculine);
            let number = number_of(bits).unwrap_or(Number::Singular);
            morph.past_participle(&text, gender, number)
        }
        "conj" => {
            let person = person_of(token_of(argument)?)?;
            conjugated(&text, mood_of(filled.features[i])?, person)
        }
        _ => {
            let bits = filled.features[i];
            conjugated(argument, mood_of(bits)?, person_of(bits)?)
        }
    }
}

/// How many conjugations a thread keeps (see [`conjugated`]) before it forgets them all.
const CONJUGATIONS_KEPT: usize = 4096;

/// `verb` conjugated in `mood` and `person`, as [`Morphology::conjugate`] finds it, kept per
/// thread: a conjugation is picked among every form of the verb, built for the purpose, and a
/// corpus reports the same few verbs again and again.
///
/// [`Morphology::conjugate`]: crate::morph::Morphology::conjugate
fn conjugated(verb: &str, mood: Mood, person: Person) -> Option<String> {
    type Kept = HashMap<(String, Mood, Person), Option<String>>;
    thread_local! {
        static KEPT: RefCell<Kept> = RefCell::new(HashMap::new());
    }
    KEPT.with_borrow_mut(|kept| {
        let key = (verb.to_string(), mood, person);
        if let Some(found) = kept.get(&key) {
            return found.clone();
        }
        let found = morphology().conjugate(verb, mood, person);
        if kept.len() >= CONJUGATIONS_KEPT {
            kept.clear();
        }
        kept.insert(key, found.clone());
        found
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled<'a>(texts: &[&'a str], features: &[u64]) -> Filled<'a> {
        Filled {
            texts: texts.iter().map(|t| Some(*t)).collect(),
            features: features.to_vec(),
            lemmas: texts.iter().map(|_| None).collect(),
            apostrophe: '’',
            span: "",
        }
    }

    /// A kept conjugation is the one the morphology finds, found again or not.
    #[test]
    fn kept_conjugations_are_those_found_afresh() {
        let verbs = [
            "être", "avoir", "aller", "finir", "prendre", "xyzzy", "chanter",
        ];
        let mut found = 0;
        for _ in 0..2 {
            for verb in verbs {
                for mood in Mood::ALL {
                    for person in 1..=3 {
                        for number in [Number::Singular, Number::Plural] {
                            let person = Person::new(person, number);
                            let fresh = morphology().conjugate(verb, mood, person);
                            found += usize::from(fresh.is_some());
                            assert_eq!(conjugated(verb, mood, person), fresh, "{verb}");
                        }
                    }
                }
            }
        }
        assert!(found > 100, "{found} conjugations");
    }

    #[test]
    fn suggestions_inflect_and_conjugate() {
        let plural = Tags::PLURAL.bits();
        let third_plural = 1 << 33;
        let present_third_singular = (1 << 20) | (1 << 30);
        let parsed = |t: &str| Template::parse(t, 2).unwrap();
        let f = filled(&["des", "européen"], &[plural, 0]);
        assert_eq!(
            parsed("{1|inflect:0}").fill(&f, None).as_deref(),
            Some("européens")
        );
        let f = filled(&["ils", "a"], &[third_plural, present_third_singular]);
        assert_eq!(parsed("{1|conj:0}").fill(&f, None).as_deref(), Some("ont"));
        let f = filled(&["a", "manger"], &[present_third_singular, 0]);
        assert_eq!(parsed("{1|ppas}").fill(&f, None).as_deref(), Some("mangé"));
        assert_eq!(parsed("{0|as:être}").fill(&f, None).as_deref(), Some("est"));
        assert_eq!(
            parsed("l{'}{1}").fill(&f, None).as_deref(),
            Some("l’manger")
        );
        assert!(Template::parse("{2}", 2).is_err());
        assert!(Template::parse("{1|frobnicate}", 2).is_err());
    }

    #[test]
    fn descriptions_name_the_features() {
        let fem = Tags::FEMININE.union(Tags::SINGULAR).bits();
        let f = filled(&["voiture"], &[fem]);
        let t = Template::parse("“{0}” is {0.gender} {0.number}", 1).unwrap();
        assert_eq!(
            t.fill(&f, None).as_deref(),
            Some("“voiture” is feminine singular")
        );
    }
}
