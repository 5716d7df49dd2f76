//! The lexicon detector: English words left in French text found with the shipped lexicons
//! rather than a list of artifacts, French–English homographs whose gender contradicts their
//! determiner, and multi-word English expressions. Suggestions come from the reverse-spinner
//! map (the French homographs an English word is a thesaurus synonym of) and from French
//! cognates, ranked by French frequency and agreement with the neighbouring words.

use crate::{
    document::{Document, LexiconTokens, Neighbour},
    kinds::{CompileContext, Sink, report_with_suggestions},
    lexicon::{FnvBuild, Gender, Readings, lexicons},
    rules::{PackError, RuleMeta, spec::RuleSpec},
    text::{
        case::{CaseShape, follow_case, shape_of},
        normalize::{straight_apostrophes, straightened},
        tokenize::TokenKind,
    },
};
use std::borrow::Cow;

mod candidates;
mod capitals;
mod detect;
mod english_keys;
mod evidence;
mod false_friends;
mod foreign;
mod gender;
mod glued;
pub mod inflection;
mod locution;
mod morphology;
mod packed_set;
mod parts;
mod rank;
mod segment;
mod slot;
mod verbs;
mod word_set;

pub use parts::{part_ranking_facts, ranking_forms, settle_ranking};
pub use slot::Agreement;
pub use word_set::ClassSets;
use word_set::WordSet;

use candidates::cognate_similarity;
use detect::*;
use gender::*;
use morphology::*;
use rank::*;
use segment::in_quotation;

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
    /// Words of no language the lexicons know that are not names or code: words left in
    /// another source or pivot language ("testatge", "virtualització").
    Foreign,
    /// Words written in another script than the Latin one ("Подписаться", "立即购买").
    Script,
    /// Runs of English words held together by English function words inside French text
    /// (an untranslated title or phrase).
    Segment,
    /// Two French words glued together ("Lestarifs", "DuSommet", "Cidessous").
    Glued,
    /// Runs of capitalized words where French capitalizes only the first (English title case).
    TitleCase,
    /// A capital letter missing the accent that the French word carries ("Ecole", "Etat").
    CapitalAccent,
}

/// A compiled lexicon rule.
#[derive(Debug)]
pub struct LexiconRule {
    /// What it looks for.
    pub mode: Mode,
    /// A number no other compiled lexicon rule has: the key of its entries in the per-thread
    /// memos of what it reads in a form (`english_shape`).
    id: u64,
    allow: WordSet,
    english_context: WordSet,
    /// The words of `english_context` (`segment` mode only), whose English readings make
    /// `function_keys`.
    function_words: Vec<String>,
    /// The English readings of `function_words`, found on first use: the `segment` mode looks
    /// up in `english_context` only the tokens that have one of them.
    function_keys: std::sync::OnceLock<english_keys::EnglishKeys>,
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
    /// The severity of a report whose evidence is weaker than the rule's default asks for.
    weak_severity: Option<crate::diagnostic::Severity>,
    native_function: WordSet,
    name_introducers: WordSet,
    english_modifiers: WordSet,
    english_prefixes: Vec<String>,
    english_suffixes: Vec<String>,
    shared_prefixes: Vec<String>,
    shared_suffixes: Vec<String>,
    foreign_spelling: crate::kinds::WordClass,
}

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
            &[
                "english",
                "gender",
                "expression",
                "elision",
                "document",
                "foreign",
                "script",
                "segment",
                "glued",
                "title-case",
                "capital-accent",
            ],
        )? {
            "english" => Mode::English,
            "gender" => Mode::Gender,
            "elision" => Mode::Elision,
            "document" => Mode::Document,
            "foreign" => Mode::Foreign,
            "script" => Mode::Script,
            "segment" => Mode::Segment,
            "glued" => Mode::Glued,
            "title-case" => Mode::TitleCase,
            "capital-accent" => Mode::CapitalAccent,
            _ => Mode::Expression,
        };
        // Affixes are tried longest first.
        let affixes = |name: &str| -> Vec<String> {
            let mut list: Vec<String> = ctx
                .classes
                .get(name)
                .map(|c| c.members().map(str::to_string).collect())
                .unwrap_or_default();
            list.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
            list
        };
        let class = |name: &str| ctx.class_sets.get(&ctx.classes, name);
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let rule = LexiconRule {
            mode,
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            allow: word_set(&spec.allow),
            english_context: class("en-function"),
            function_words: match mode {
                Mode::Segment => ctx
                    .classes
                    .get("en-function")
                    .map(|c| c.members().map(str::to_string).collect())
                    .unwrap_or_default(),
                _ => Vec::new(),
            },
            function_keys: std::sync::OnceLock::new(),
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
            .fold(WordSet::default(), |cues, name| cues.union(class(name))),
            agreement: Agreement::new(ctx),
            english_min_zipf: spec.english_min_zipf.unwrap_or(2.5),
            french_max_zipf: spec.french_max_zipf.unwrap_or(3.0),
            english_lead: spec.english_lead.unwrap_or(f32::INFINITY),
            unexplained_severity: spec.unexplained_severity,
            weak_severity: spec.weak_severity,
            native_function: class("fr-function"),
            name_introducers: class("name-intro"),
            english_modifiers: class("en-modifier"),
            english_prefixes: affixes("en-prefix"),
            english_suffixes: affixes("en-suffix"),
            shared_prefixes: affixes("shared-prefix"),
            shared_suffixes: affixes("shared-suffix"),
            foreign_spelling: ctx
                .classes
                .get("foreign-spelling")
                .cloned()
                .unwrap_or_default(),
        };
        if mode == Mode::Gender
            && (rule.determiners_feminine.is_empty() || rule.determiners_masculine.is_empty())
        {
            return Err(ctx.error(
                Some(spec.kind.span()),
                "a `gender` lexicon rule needs the word classes `det-fem` and `det-masc`",
            ));
        }
        if mode == Mode::Segment
            && (rule.english_context.is_empty() || rule.native_function.is_empty())
        {
            return Err(ctx.error(
                Some(spec.kind.span()),
                "a `segment` lexicon rule needs the word classes `en-function` and `fr-function`",
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
        match self.mode {
            // The English words that `lexical_test` lets through; then (`english` mode) the
            // words neither lexicon knows that read as English compounds or derivations
            // ("backtrace", "unmounting").
            Mode::English => {
                self.weigh_each(meta, doc, sink, Self::english_word);
                self.each_unknown(doc, |i, form, _| {
                    self.english_compound(meta, doc, i, form, sink)
                });
            }
            Mode::Foreign => self.each_unknown(doc, |i, form, usage| {
                if usage.is_none() {
                    self.foreign_word(meta, doc, i, form, sink)
                }
            }),
            Mode::Glued => {
                self.each_unknown(doc, |i, form, _| self.glued_word(meta, doc, i, form, sink))
            }
            Mode::Script => self.other_script(meta, doc, sink),
            Mode::Segment => self.segments(meta, doc, sink),
            Mode::TitleCase => self.title_case(meta, doc, sink),
            Mode::CapitalAccent => self.capital_accent(meta, doc, sink),
            Mode::Gender => self.weigh_each(meta, doc, sink, Self::gender),
            Mode::Elision => self.weigh_each(meta, doc, sink, Self::elision),
            Mode::Document => self.weigh_each(meta, doc, sink, Self::document_synonym),
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

    /// Whether the rule ranks suggestions for the words it reports (the modes about English
    /// words, their gender, elision and the document's synonyms), reading what the whole
    /// document says of the candidates.
    pub fn ranks_suggestions(&self) -> bool {
        matches!(
            self.mode,
            Mode::English | Mode::Gender | Mode::Elision | Mode::Document
        )
    }

    /// Whether the rule reports whole English passages, which it judges itself: the engine
    /// does not silence them inside English sentences, and drops the word reports they hold.
    pub fn reports_passages(&self) -> bool {
        self.mode == Mode::Segment
    }

    /// Whether the rule's reports cover several words (an English segment, an expression), so
    /// that a word reported inside one is part of that report ("keep" inside "keep on").
    pub fn reports_word_groups(&self) -> bool {
        matches!(self.mode, Mode::Segment | Mode::Expression)
    }

    /// Calls `visit` on each word token that neither lexicon holds as a word (French text may
    /// still use it now and then: its usage frequency is given), with its lowercase,
    /// straight-apostrophe form: the only tokens the modes about unknown words weigh
    /// ([`unknown_words`]).
    fn each_unknown(&self, doc: &Document, mut visit: impl FnMut(usize, &str, Option<f32>)) {
        let all = doc.readings();
        for &i in &doc.lexicon_tokens(lexicon_tokens).unknown {
            visit(i, &straightened(doc.folded_word(i)), all[i].french_usage());
        }
    }

    /// The first and cheapest test of the modes that weigh English tokens ([`weigh_each`]), on
    /// a token's English reading and French reading, if any; false in the other modes. The
    /// test is that of `mode`, the rule's: inlined where `mode` is a constant, it is the test
    /// of that mode alone.
    ///
    /// [`weigh_each`]: LexiconRule::weigh_each
    #[inline(always)]
    fn lexical_test(
        &self,
        mode: Mode,
        english: crate::lexicon::English,
        french: Option<crate::lexicon::French>,
    ) -> bool {
        let min_zipf = self.english_min_zipf;
        match mode {
            // A frequent English word that is not French, or a rare French word that English
            // uses far more ("loaders").
            Mode::English => {
                !english.proper()
                    & match french {
                        // Rare English words count when French text never uses them
                        // (`english_word` checks).
                        None => english.zipf() >= RARE_ENGLISH_ZIPF,
                        Some(french) => {
                            (french.zipf() < RARE_FRENCH_ZIPF)
                                & (english.zipf() - french.zipf() >= self.english_lead + 1.0)
                        }
                    }
            }
            // A homograph that is a single-gender noun or adjective, a singular-only adjective,
            // or a form French only knows as a verb.
            Mode::Gender => french.is_some_and(|french| {
                let singular_only = french.singular() & !french.plural();
                (english.zipf() >= min_zipf)
                    & ((french.nominal()
                        & (french.only_gender().is_some() | (french.adjective() & singular_only)))
                        | french.verb_only())
            }),
            // A content word not far more French than English.
            Mode::Elision => french.is_some_and(|french| {
                (english.zipf() >= min_zipf)
                    & french.content_word()
                    & (french.zipf() <= english.zipf() + FRENCH_LEAD)
            }),
            // A content word far more English than French.
            Mode::Document => french.is_some_and(|french| {
                (english.zipf() >= min_zipf)
                    & french.content_word()
                    & (english.zipf() - french.zipf() >= self.english_lead)
            }),
            _ => false,
        }
    }

    /// Calls `visit` on each token whose English reading (and French reading, if any) pass
    /// [`LexiconRule::lexical_test`]. Only the tokens some mode's test may let through are
    /// tried ([`weighable_tokens`]).
    fn weigh_each(
        &self,
        meta: &RuleMeta,
        doc: &Document,
        sink: &mut Sink,
        visit: fn(&Self, &RuleMeta, &Document, usize, Readings, &mut Sink),
    ) {
        // Each mode's test in a loop of its own: no choice of the mode for each token.
        let test = |mode| move |english, french| self.lexical_test(mode, english, french);
        match self.mode {
            Mode::English => self.weigh_passing(meta, doc, sink, visit, test(Mode::English)),
            Mode::Gender => self.weigh_passing(meta, doc, sink, visit, test(Mode::Gender)),
            Mode::Elision => self.weigh_passing(meta, doc, sink, visit, test(Mode::Elision)),
            Mode::Document => self.weigh_passing(meta, doc, sink, visit, test(Mode::Document)),
            _ => {}
        }
    }

    /// Calls `visit` on each token that [`weighable_tokens`] selects whose English reading
    /// (and French reading, if any) pass `test`.
    #[inline(always)]
    fn weigh_passing(
        &self,
        meta: &RuleMeta,
        doc: &Document,
        sink: &mut Sink,
        visit: fn(&Self, &RuleMeta, &Document, usize, Readings, &mut Sink),
        test: impl Fn(crate::lexicon::English, Option<crate::lexicon::French>) -> bool,
    ) {
        let all = doc.readings();
        for &i in &doc.lexicon_tokens(lexicon_tokens).english {
            // Most tokens fail the test: only those that pass have their readings copied.
            let readings = &all[i];
            if let Some(english) = readings.english()
                && test(english, readings.french())
            {
                visit(self, meta, doc, i, *readings, sink);
            }
        }
    }
}

/// The tokens of `doc` that the lexicon rules weigh, selected once for all of them: those with
/// an English reading that some mode may weigh ([`weighable_tokens`]), and the unknown words
/// ([`unknown_words`]).
fn lexicon_tokens(doc: &Document) -> LexiconTokens {
    LexiconTokens {
        english: weighable_tokens(doc),
        unknown: unknown_words(doc),
    }
}

/// The word tokens of `doc` that neither lexicon holds as a word, which the modes about
/// unknown words weigh. Tokens of fewer than three letters, tokens French text uses often and
/// tokens in another script than the Latin one are left out.
fn unknown_words(doc: &Document) -> Vec<usize> {
    let all = doc.readings();
    let mut words = Vec::with_capacity(doc.unknown_tokens().len());
    // The word tokens with neither an English nor a French reading.
    for &i in doc.unknown_tokens() {
        if all[i]
            .french_usage()
            .is_some_and(|zipf| zipf >= UNKNOWN_MAX_USAGE)
        {
            continue;
        }
        let token = doc.tokens[i];
        if token.end - token.start < 3 {
            continue;
        }
        // A capital in the middle of a sentence makes a name; camel case ("DuSommet") is
        // the glued-word mode's, and is weighed there.
        let first = doc.text[token.start..].chars().next().unwrap_or(' ');
        if first.is_uppercase()
            && shape_of(doc.word(i)) != CaseShape::Mixed
            && !doc.token_starts_sentence(i)
        {
            continue;
        }
        if straightened(doc.folded_word(i))
            .chars()
            .all(is_latin_letter_or_joiner)
        {
            words.push(i);
        }
    }
    words
}

/// The tokens of `doc` with an English reading that some mode's [`LexiconRule::lexical_test`]
/// may let through: those whose French reading, if any, [`may_be_weighed`].
fn weighable_tokens(doc: &Document) -> Vec<usize> {
    let all = doc.readings();
    let mut weighable = Vec::with_capacity(doc.english_tokens().len());
    weighable.extend(
        doc.english_tokens()
            .iter()
            .copied()
            .filter(|&i| may_be_weighed(all[i].french())),
    );
    weighable
}

/// Whether a token whose French reading is `french` may pass the test of some mode
/// ([`LexiconRule::lexical_test`]): each asks for no French reading, a rare one
/// ([`RARE_FRENCH_ZIPF`]), a content word, a noun or adjective, or a form French only knows as
/// a verb. A common French function word ("de", "on", "a") passes none.
fn may_be_weighed(french: Option<crate::lexicon::French>) -> bool {
    french.is_none_or(|french| {
        french.zipf() < RARE_FRENCH_ZIPF
            || french.content_word()
            || french.nominal()
            || french.verb_only()
    })
}

/// Whether `c` may belong to a word of a Latin-script language: a letter of the Latin script,
/// a hyphen or an apostrophe.
pub(super) fn is_latin_letter_or_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '’')
        || c.is_ascii_alphabetic()
        || (c.is_alphabetic() && ('\u{c0}'..='\u{24f}').contains(&c) && c != '×' && c != '÷')
        || ('\u{1e00}'..='\u{1eff}').contains(&c)
}

/// The French usage frequency (Zipf) from which a word the dictionary lacks is taken for a
/// word of French text (a loanword, a name, a common misspelling) rather than an unknown one.
pub(super) const UNKNOWN_MAX_USAGE: f32 = 2.5;

/// The least English frequency (Zipf) of a word French text never uses that the `english`
/// mode reports ("internationalized", "superuser"); a word French text uses now and then must
/// reach `english-min-zipf`.
pub(super) const RARE_ENGLISH_ZIPF: f32 = 1.0;

/// A French frequency (Zipf) under which a dictionary word is rare enough in French for a far
/// more frequent English reading to win ("loaders": 0 in French, 2.7 in English).
pub(super) const RARE_FRENCH_ZIPF: f32 = 1.5;

/// Reports token `i` with its ranked suggestions (best first): the first is the fix when the
/// evidence singles it out ([`sure`]); otherwise the message lists the candidates and there is
/// no fix. At most [`SHOWN`] are shown.
/// The first is a fix only when it also fits its place ([`LexiconRule::fits_in_place`]), as
/// the ranking read it (`place`) or, without one, as read here.
fn report(
    rule: &LexiconRule,
    meta: &RuleMeta,
    doc: &Document,
    i: usize,
    suggestions: &[Suggestion],
    place: Option<Place>,
    sink: &mut Sink,
) {
    let span = doc.tokens[i].range();
    // The shown words, borrowed: each is copied once, in the match's case.
    let words: Vec<&str> = suggestions.iter().take(SHOWN).map(|s| &*s.word).collect();
    let fits = words
        .first()
        .is_some_and(|word| rule.fits_in_place(doc, i, word, place));
    if words.is_empty() || (sure(suggestions) && fits) {
        report_span(meta, doc, span, &words, sink);
        return;
    }
    report_uncertain(meta, doc, span, &words, sink);
}

/// Reports `span` with its candidates `words` (best first) listed in the message and no fix:
/// the evidence or the context leaves the right one open.
fn report_uncertain(
    meta: &RuleMeta,
    doc: &Document,
    span: std::ops::Range<usize>,
    words: &[impl AsRef<str>],
    sink: &mut Sink,
) {
    let matched = &doc.text[span.clone()];
    let cased = in_case_of(matched, words);
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

impl LexiconRule {
    /// Whether `word`, put in place of token `i`, leaves correct French around it: its first
    /// sound suits the word before (a vowel after an elided "l’", a consonant after "le" or
    /// "de" written in full), and a noun after a determiner has the determiner's gender. A
    /// candidate that does not is listed, never applied. The place of token `i` is `place`
    /// when the ranking has read it.
    fn fits_in_place(&self, doc: &Document, i: usize, word: &str, place: Option<Place>) -> bool {
        let first = word
            .chars()
            .next()
            .map(|c| c.to_lowercase().next().unwrap_or(c));
        let initial = place.map_or_else(|| self.required_initial(doc, i), |place| place.initial);
        let sound_fits = match initial {
            Some(Initial::Vowel) => !first.is_some_and(is_consonant),
            Some(Initial::Consonant) => !first.is_some_and(is_vowel),
            None => true,
        };
        if !sound_fits {
            return false;
        }
        let slot = place.map_or_else(|| self.agreement.slot(doc, i), |place| place.slot);
        let Some(required) = slot.gender.filter(|_| slot.kind == slot::SlotKind::Noun) else {
            return true;
        };
        let lowercase = word.to_lowercase();
        // The morphology lexicon's common spelling gives a noun one gender where the word list
        // allows both ("photo" is feminine: "le photo" does not fit).
        if let Some(gender) = common_noun_gender(&lowercase) {
            return gender == required;
        }
        lexicons()
            .french(&lowercase)
            .filter(|french| french.noun())
            .and_then(|french| french.only_gender())
            .is_none_or(|gender| gender == required)
    }
}

/// The gender of the noun `word` (lowercase) when the morphology lexicon's common-spelling
/// noun readings of it all have the same one ("photo": feminine; "poste", both: `None`).
fn common_noun_gender(word: &str) -> Option<crate::lexicon::Gender> {
    let (mut masculine, mut feminine) = (false, false);
    for reading in crate::morph::morphology().readings(word) {
        if reading.tags.noun() && !reading.tags.variant() {
            masculine |= reading.tags.masculine();
            feminine |= reading.tags.feminine();
        }
    }
    match (masculine, feminine) {
        (true, false) => Some(crate::lexicon::Gender::Masculine),
        (false, true) => Some(crate::lexicon::Gender::Feminine),
        _ => None,
    }
}

fn report_span(
    meta: &RuleMeta,
    doc: &Document,
    span: std::ops::Range<usize>,
    suggestions: &[impl AsRef<str>],
    sink: &mut Sink,
) {
    let matched = &doc.text[span.clone()];
    let cased = in_case_of(matched, suggestions);
    report_with_suggestions(sink, meta, span, matched, &cased, None);
}

/// Each of `words` written in the case of `matched`, as [`follow_case`] writes it: the case of
/// `matched` is read once for all of them.
fn in_case_of(matched: &str, words: &[impl AsRef<str>]) -> Vec<String> {
    match shape_of(matched) {
        // A lowercase or mixed-case match keeps the words as written.
        CaseShape::Lower | CaseShape::Mixed => {
            words.iter().map(|w| w.as_ref().to_string()).collect()
        }
        _ => words
            .iter()
            .map(|w| follow_case(matched, w.as_ref()))
            .collect(),
    }
}

/// The built-in lexicon rules, in pack order.
#[cfg(test)]
pub(crate) fn builtin_lexicon_rules() -> Vec<&'static LexiconRule> {
    crate::rules::builtin_rules_where(|rule| match &rule.kind {
        crate::kinds::CompiledKind::Lexicon(lexicon) => Some(&**lexicon),
        _ => None,
    })
}

/// The first built-in lexicon rule of `mode`.
#[cfg(test)]
pub(crate) fn builtin_lexicon_rule(mode: Mode) -> &'static LexiconRule {
    builtin_lexicon_rules()
        .into_iter()
        .find(|rule| rule.mode == mode)
        .unwrap_or_else(|| panic!("a built-in {mode:?} rule"))
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
        assert_eq!(
            candidates::suffix_cognate("economic", "économique"),
            Some(0.8)
        );
        assert_eq!(
            candidates::suffix_cognate("securities", "sécurités"),
            Some(0.8)
        );
        assert_eq!(
            candidates::suffix_cognate("dangerous", "dangereux"),
            Some(0.8)
        );
        assert_eq!(candidates::suffix_cognate("memory", "mémoire"), Some(0.8));
        assert_eq!(candidates::suffix_cognate("server", "serveur"), Some(0.8));
        assert_eq!(candidates::suffix_cognate("server", "service"), None);
        assert_eq!(
            candidates::suffix_cognate("sky", "skie"),
            None,
            "a stem of three letters"
        );
        for (english, french) in [
            ("center", "centre"),
            ("member", "membre"),
            ("character", "caractère"),
            ("natural", "naturel"),
            ("personal", "personnel"),
            ("favour", "faveur"),
            ("honour", "honneur"),
            ("candidate", "candidat"),
            ("characters", "caractères"),
            ("remarkable", "remarquable"),
            ("existing", "existant"),
            ("encouraging", "encourageant"),
            ("contract", "contrat"),
            ("additional", "additionnel"),
            ("limited", "limité"),
            ("initialization", "initialisation"),
            ("virtualized", "virtualisé"),
            ("realize", "réaliser"),
            ("maintainer", "mainteneur"),
            ("container", "conteneur"),
            ("receivable", "recevable"),
        ] {
            assert_eq!(
                candidates::suffix_cognate(english, french),
                Some(0.8),
                "{english} and {french}"
            );
        }
        // Stems that differ by more than those spellings are other words.
        assert_eq!(candidates::suffix_cognate("paper", "papier"), None);
        assert_eq!(candidates::suffix_cognate("number", "nombre"), None);
        assert_eq!(candidates::suffix_cognate("chapter", "chapitre"), None);
        assert_eq!(candidates::suffix_cognate("final", "fin"), None);
        // A Latin root is written either way at the end of the stem, not inside it.
        assert_eq!(
            candidates::suffix_cognate("maintainer", "maintaineur"),
            Some(0.8)
        );
        assert_eq!(
            candidates::suffix_cognate("containerize", "conteneriser"),
            None
        );
        // An ending French writes with an accent must have it.
        assert_eq!(candidates::suffix_cognate("limited", "limite"), None);
    }

    #[test]
    fn french_cognates_are_spelled_from_english_endings_and_found_with_their_accents() {
        assert_eq!(
            candidates::cognate_spellings("remarkable"),
            ["remarkkable", "remarquable"]
        );
        assert_eq!(
            candidates::cognate_spellings("additional"),
            ["additionel", "additionnel"]
        );
        // A stem of fewer than three letters spells nothing ("act" is no "at").
        assert!(candidates::cognate_spellings("act").is_empty());
        let words = |english: &str| -> Vec<String> {
            candidates::base_candidates(english)
                .iter()
                .map(|candidate| candidate.word.to_string())
                .collect()
        };
        for (english, french) in [
            ("remarkable", "remarquable"),
            ("security", "sécurité"),
            ("encouraging", "encourageant"),
            ("additional", "additionnel"),
            // A plural's cognate is spelled from its singular.
            ("contracts", "contrat"),
            // English "z" is French "s" in the endings of verbs and their nouns.
            ("initialization", "initialisation"),
            ("normalized", "normalisé"),
            // A Latin root English and French write differently ("-tain", "-ten").
            ("containers", "conteneur"),
            // A word with no other candidate keeps a rarer cognate.
            ("maintainer", "mainteneur"),
        ] {
            assert!(
                words(english).iter().any(|word| word == french),
                "{english}: {:?}",
                words(english)
            );
        }
    }

    #[test]
    fn a_false_friend_is_no_candidate() {
        for (english, french) in [
            ("comprehensive", "compréhensif"),
            ("luxurious", "luxurieux"),
            ("libraries", "librairie"),
        ] {
            let candidates = candidates::base_candidates(english);
            assert!(
                !candidates
                    .iter()
                    .any(|c| c.forms.iter().any(|f| **f == *french)),
                "{english}: {french}"
            );
        }
    }

    #[test]
    fn a_token_no_mode_may_weigh_passes_no_lexical_test() {
        let rules = crate::kinds::lexicon::builtin_lexicon_rules();
        for mode in [Mode::English, Mode::Gender, Mode::Elision, Mode::Document] {
            assert!(rules.iter().any(|rule| rule.mode == mode), "{mode:?}");
        }
        let (mut left_out, mut passed) = (0, 0);
        for text in crate::fixture_texts::fixture_texts(&["seeds", "mt"]) {
            let doc = Document::new(&text, crate::formats::Format::Text);
            let all = doc.readings();
            for &i in doc.english_tokens() {
                let english = all[i].english().expect("an English token");
                let french = all[i].french();
                let tested = rules
                    .iter()
                    .any(|rule| rule.lexical_test(rule.mode, english, french));
                passed += usize::from(tested);
                if !may_be_weighed(french) {
                    left_out += 1;
                    assert!(!tested, "{}", doc.word(i));
                }
            }
            let weighable = weighable_tokens(&doc);
            assert!(weighable.iter().all(|i| doc.english_tokens().contains(i)));
            // `translation_signs` reads the English tokens without a French reading there.
            assert!(
                doc.english_tokens()
                    .iter()
                    .filter(|&&i| all[i].french().is_none())
                    .all(|i| weighable.contains(i))
            );
        }
        assert!(
            left_out >= 100 && passed >= 10,
            "{left_out} left out, {passed} passed"
        );
    }

    #[test]
    fn words_in_the_case_of_a_match_are_those_follow_case_writes() {
        let words = ["internet", "École", "mise à jour", "", "ÉTÉ", "xY"];
        for matched in [
            "web", "Web", "WEB", "WebSite", "été", "Été", "ÉTÉ", "3D", "",
        ] {
            let expected: Vec<String> = words.iter().map(|w| follow_case(matched, w)).collect();
            assert_eq!(in_case_of(matched, &words), expected, "{matched}");
        }
    }

    #[test]
    fn vowels_and_consonants_for_elision() {
        assert!(is_vowel('o') && is_vowel('é') && !is_vowel('h'));
        assert!(is_consonant('b') && !is_consonant('h') && !is_consonant('y'));
    }
}
