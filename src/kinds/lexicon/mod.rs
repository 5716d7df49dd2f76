//! The lexicon detector: English words left in French text found with the shipped lexicons
//! rather than a list of artifacts, French–English homographs whose gender contradicts their
//! determiner, and multi-word English expressions. Suggestions come from the reverse-spinner
//! map (the French homographs an English word is a thesaurus synonym of) and from French
//! cognates, ranked by French frequency and agreement with the neighbouring words.

use crate::{
    document::{Document, Neighbour},
    kinds::{CompileContext, Sink, report_with_suggestions},
    lexicon::{FnvBuild, Gender, Readings, lexicons},
    rules::{PackError, RuleMeta, spec::RuleSpec},
    text::{
        case::{CaseShape, follow_case, shape_of},
        normalize::{straight_apostrophes, straightened},
        tokenize::TokenKind,
    },
};
use std::{borrow::Cow, collections::HashSet};

mod candidates;
mod detect;
mod evidence;
mod gender;
pub mod inflection;
mod rank;
mod slot;

pub use slot::Agreement;

use candidates::cognate_similarity;
use detect::*;
use gender::*;
use rank::*;

/// What a lexicon rule looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// English words that are not French.
    English,
    /// French–English homographs whose gender disagrees with their determiner or adjective.
    Gender,
    /// Multi-word English expressions.
    Expression,
    /// English words after a determiner or pronoun that French elides before a vowel
    /// ("de office"): the word replaced one that began with a consonant.
    Elision,
    /// French–English homographs far more English than French in a document that uses the
    /// French word they are a close synonym of: a spinner replaces some occurrences of a word
    /// and leaves the others.
    Document,
}

/// A compiled lexicon rule.
#[derive(Debug)]
pub struct LexiconRule {
    /// What it looks for.
    pub mode: Mode,
    allow: WordSet,
    english_context: WordSet,
    determiners_feminine: WordSet,
    determiners_masculine: WordSet,
    adjectives_feminine: WordSet,
    adjectives_masculine: WordSet,
    determiners_either: WordSet,
    determiners_plural: WordSet,
    pronoun_leads: WordSet,
    possessives: WordSet,
    prepositions: WordSet,
    elidable: WordSet,
    gender_cues: WordSet,
    agreement: Agreement,
    english_min_zipf: f32,
    french_max_zipf: f32,
    english_lead: f32,
    unexplained_severity: Option<crate::diagnostic::Severity>,
}

/// A set of words looked up on every token: hashed with FNV, which is fast on short keys.
type WordSet = HashSet<String, FnvBuild>;

fn word_set(words: &Option<Vec<String>>) -> WordSet {
    words
        .iter()
        .flatten()
        .map(|w| straight_apostrophes(&w.to_lowercase()))
        .collect()
}

impl LexiconRule {
    /// Validates and compiles a `kind = "lexicon"` rule.
    pub fn compile(spec: &RuleSpec, ctx: &CompileContext) -> Result<Self, PackError> {
        let mode = match ctx.mode(
            &spec.mode,
            &["english", "gender", "expression", "elision", "document"],
        )? {
            "english" => Mode::English,
            "gender" => Mode::Gender,
            "elision" => Mode::Elision,
            "document" => Mode::Document,
            _ => Mode::Expression,
        };
        let class = |name: &str| -> WordSet {
            ctx.classes
                .get(name)
                .map(|c| c.members().map(str::to_string).collect())
                .unwrap_or_default()
        };
        let rule = LexiconRule {
            mode,
            allow: word_set(&spec.allow),
            english_context: class("en-function"),
            determiners_feminine: class("det-fem"),
            determiners_masculine: class("det-masc"),
            adjectives_feminine: class("adj-fem-before"),
            adjectives_masculine: class("adj-masc-before"),
            determiners_either: class("det-either"),
            determiners_plural: class("det-plural"),
            pronoun_leads: class("pronoun-lead"),
            possessives: class("det-masc-before-consonant"),
            prepositions: class("prep-before-noun"),
            elidable: class("elidable"),
            gender_cues: [
                "det-fem",
                "det-masc",
                "det-either",
                "adj-fem-before",
                "adj-masc-before",
            ]
            .iter()
            .flat_map(|name| class(name))
            .collect(),
            agreement: Agreement::new(&ctx.classes),
            english_min_zipf: spec.english_min_zipf.unwrap_or(2.5),
            french_max_zipf: spec.french_max_zipf.unwrap_or(3.0),
            english_lead: spec.english_lead.unwrap_or(f32::INFINITY),
            unexplained_severity: spec.unexplained_severity,
        };
        if mode == Mode::Gender
            && (rule.determiners_feminine.is_empty() || rule.determiners_masculine.is_empty())
        {
            return Err(ctx.error(
                Some(spec.kind.span()),
                "a `gender` lexicon rule needs the word classes `det-fem` and `det-masc`",
            ));
        }
        if mode == Mode::Elision && rule.elidable.is_empty() {
            return Err(ctx.error(
                Some(spec.kind.span()),
                "an `elision` lexicon rule needs the word class `elidable`",
            ));
        }
        Ok(rule)
    }

    /// Checks `doc`: each token the shared readings make worth weighing, or the multi-word
    /// expressions. The lexical test of each mode runs here, on every English token, as
    /// straight-line code; the mode's function does the rest.
    pub fn check(&self, meta: &RuleMeta, doc: &Document, sink: &mut Sink) {
        let min_zipf = self.english_min_zipf;
        match self.mode {
            // A frequent English word that is not French.
            Mode::English => {
                self.weigh_each(meta, doc, sink, Self::english_word, |english, french| {
                    french.is_none() & (english.zipf() >= min_zipf) & !english.proper()
                })
            }
            // A homograph that is a single-gender noun or adjective, a singular-only adjective,
            // or a form French only knows as a verb.
            Mode::Gender => self.weigh_each(meta, doc, sink, Self::gender, |english, french| {
                french.is_some_and(|french| {
                    let singular_only = french.singular() & !french.plural();
                    (english.zipf() >= min_zipf)
                        & ((french.nominal()
                            & (french.only_gender().is_some()
                                | (french.adjective() & singular_only)))
                            | french.verb_only())
                })
            }),
            // A content word not far more French than English.
            Mode::Elision => self.weigh_each(meta, doc, sink, Self::elision, |english, french| {
                french.is_some_and(|french| {
                    (english.zipf() >= min_zipf)
                        & french.content_word()
                        & (french.zipf() <= english.zipf() + FRENCH_LEAD)
                })
            }),
            // A content word far more English than French.
            Mode::Document => {
                let lead = self.english_lead;
                self.weigh_each(
                    meta,
                    doc,
                    sink,
                    Self::document_synonym,
                    |english, french| {
                        french.is_some_and(|french| {
                            (english.zipf() >= min_zipf)
                                & french.content_word()
                                & (english.zipf() - french.zipf() >= lead)
                        })
                    },
                )
            }
            Mode::Expression => {
                // Matches do not overlap: the text after one resumes the search.
                let mut resume = 0;
                for (i, token_readings) in doc.readings().iter().enumerate() {
                    if token_readings.expression_head() && doc.tokens[i].start >= resume {
                        resume = self.expression(meta, doc, i, sink).unwrap_or(resume);
                    }
                }
            }
        }
    }

    /// Calls `visit` on each token whose English reading (and French reading, if any) pass
    /// `lexical`, the first and cheapest tests of a mode, run on every English token.
    fn weigh_each(
        &self,
        meta: &RuleMeta,
        doc: &Document,
        sink: &mut Sink,
        visit: fn(&Self, &RuleMeta, &Document, usize, Readings, &mut Sink),
        lexical: impl Fn(crate::lexicon::English, Option<crate::lexicon::French>) -> bool,
    ) {
        let all = doc.readings();
        for &i in doc.english_tokens() {
            let readings = all[i];
            if let Some(english) = readings.english()
                && lexical(english, readings.french())
            {
                visit(self, meta, doc, i, readings, sink);
            }
        }
    }
}

/// Reports token `i` with its ranked suggestions (best first): the first is the fix when the
/// evidence singles it out ([`sure`]); otherwise the message lists the candidates and there is
/// no fix. At most [`SHOWN`] are shown.
fn report(meta: &RuleMeta, doc: &Document, i: usize, suggestions: &[Suggestion], sink: &mut Sink) {
    let span = doc.tokens[i].range();
    let words: Vec<String> = suggestions
        .iter()
        .take(SHOWN)
        .map(|s| s.word.clone())
        .collect();
    if words.is_empty() || sure(suggestions) {
        report_span(meta, doc, span, &words, sink);
        return;
    }
    let matched = &doc.text[span.clone()];
    let cased: Vec<String> = words.iter().map(|s| follow_case(matched, s)).collect();
    let listed = cased
        .iter()
        .map(|s| crate::kinds::quoted(s))
        .collect::<Vec<_>>()
        .join(", ");
    let message = format!(
        "{} (uncertain, no fix; candidates: {listed})",
        meta.render_message(matched, &cased[0], "")
    );
    sink.report(meta, span, message, None, None);
}

fn report_span(
    meta: &RuleMeta,
    doc: &Document,
    span: std::ops::Range<usize>,
    suggestions: &[String],
    sink: &mut Sink,
) {
    let matched = &doc.text[span.clone()];
    let cased: Vec<String> = suggestions
        .iter()
        .map(|s| follow_case(matched, s))
        .collect();
    report_with_suggestions(sink, meta, span, matched, &cased, None);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cognates_add_a_mute_e_or_change_a_vowel() {
        assert_eq!(cognate_similarity("regional", "régional"), Some(1.0));
        assert_eq!(cognate_similarity("origin", "origine"), Some(0.9));
        assert_eq!(cognate_similarity("program", "programme"), Some(0.9));
        assert_eq!(cognate_similarity("example", "exemple"), Some(0.9));
        assert_eq!(cognate_similarity("sure", "sureau"), None);
        assert_eq!(cognate_similarity("manner", "manger"), None);
        assert_eq!(cognate_similarity("paper", "pape"), None);
    }

    #[test]
    fn vowels_and_consonants_for_elision() {
        assert!(is_vowel('o') && is_vowel('é') && !is_vowel('h'));
        assert!(is_consonant('b') && !is_consonant('h') && !is_consonant('y'));
    }
}
