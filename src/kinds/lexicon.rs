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

    /// The lowercase, straight-apostrophe form of token `i`, or `None` when the token is not a
    /// candidate at all (numbers, acronyms, mixed case, hashtags, proper nouns, protected text).
    fn candidate<'d>(&self, doc: &'d Document, i: usize) -> Option<Cow<'d, str>> {
        let token = doc.tokens[i];
        if token.kind != TokenKind::Word || token.end - token.start < 2 {
            return None;
        }
        Some(straightened(doc.folded_word(i)))
    }

    /// Whether token `i` may be reported at all: not a number, acronym, mixed-case name,
    /// hashtag, proper noun or protected text. Costlier than a lexicon lookup, so it runs after.
    fn reportable(&self, doc: &Document, i: usize) -> bool {
        let token = doc.tokens[i];
        let word = doc.word(i);
        if word.chars().any(|c| c.is_numeric()) || doc.is_protected(&token.range()) {
            return false;
        }
        if doc.joined_to_code(&token.range()) {
            return false;
        }
        match shape_of(word) {
            // A lowercase word between two capitalized ones is a particle of a name ("Rio
            // Grande do Sul").
            CaseShape::Lower => !self.inside_name(doc, i),
            CaseShape::Upper | CaseShape::Mixed => false,
            CaseShape::Capitalized => {
                doc.starts_sentence(token.start)
                    && !doc.capitalized_mid_sentence(doc.folded_word(i))
            }
        }
    }

    /// Whether token `i` stands between two capitalized words on its line.
    fn inside_name(&self, doc: &Document, i: usize) -> bool {
        let capitalized = |n: (Neighbour, bool)| {
            matches!(n, (Neighbour::Word(j), false)
                if shape_of(doc.word(j)) == CaseShape::Capitalized)
        };
        capitalized(doc.before(doc.tokens[i].start)) && capitalized(doc.after(doc.tokens[i].end))
    }

    /// Whether `form` is French: in the lexicon, or a hyphenated compound of French parts.
    fn is_french(form: &str) -> bool {
        let lex = lexicons();
        if lex.french(form).is_some() {
            return true;
        }
        form.contains(['-', '\''])
            && form
                .split(['-', '\''])
                .filter(|p| !p.is_empty())
                .all(|p| lex.french(p).is_some())
    }

    /// Whether `word` is English and not French, or far more English than French ("low").
    fn english_dominant(&self, word: &str) -> bool {
        let lex = lexicons();
        let Some(english) = lex.english(word) else {
            return false;
        };
        match lex.french_usage(word) {
            Some(french) => english.zipf() - french >= ENGLISH_DOMINANCE,
            None => !Self::is_french(word),
        }
    }

    /// Whether the word stands among English words (an English quotation or title) or is
    /// quoted or emphasized as a term.
    fn in_english_context(&self, doc: &Document, i: usize) -> bool {
        self.span_in_english_context(doc, doc.tokens[i].range())
    }

    /// Whether the words around `span` are English, or the span is quoted or emphasized.
    fn span_in_english_context(&self, doc: &Document, token: std::ops::Range<usize>) -> bool {
        // An English function word, or another word that is English and not French: the two
        // make an English phrase ("low cost", "best of"), quoted or borrowed whole.
        let neighbour_is_english = |n: Neighbour| match n {
            Neighbour::Word(j) => {
                let word = straightened(doc.folded_word(j));
                self.english_context.contains(word.as_ref())
                    || (word.chars().count() >= 2 && self.english_dominant(&word))
            }
            _ => false,
        };
        if neighbour_is_english(doc.before(token.start).0)
            || neighbour_is_english(doc.after(token.end).0)
        {
            return true;
        }
        let before = doc.text[..token.start].chars().next_back();
        let after = doc.text[token.end..].chars().next();
        matches!(
            (before, after),
            (
                Some('«' | '“' | '"' | '‘' | '*' | '_' | '`'),
                Some('»' | '”' | '"' | '’' | '*' | '_' | '`')
            )
        ) || matches!(
            (before, after),
            (Some('\u{a0}' | ' '), Some('\u{a0}' | ' '))
        ) && doc.text[..token.start].trim_end().ends_with('«')
            && doc.text[token.end..].trim_start().starts_with('»')
    }

    /// `english` mode: token `i` is a frequent English word that is not French, neither an
    /// established loanword nor part of an English phrase or sentence.
    fn english_word(
        &self,
        meta: &RuleMeta,
        doc: &Document,
        i: usize,
        readings: Readings,
        sink: &mut Sink,
    ) {
        // `check` has tested the readings: a frequent English word that is not French.
        let Some(english) = readings.english() else {
            return;
        };
        let Some(form) = self.candidate(doc, i) else {
            return;
        };
        if Self::is_french(&form) || self.allow.contains(form.as_ref()) || !self.reportable(doc, i)
        {
            return;
        }
        // Frequent in French text, it is an established loanword, unless English uses it far
        // more: then its French frequency comes from names and titles ("Patriot Act").
        if readings.french_usage().is_some_and(|zipf| {
            zipf >= self.french_max_zipf && english.zipf() - zipf < self.english_lead
        }) {
            return;
        }
        if self.in_english_context(doc, i) {
            return;
        }
        let suggestions = self.rank_suggestions(doc, i, &form);
        report(meta, doc, i, &suggestions, sink);
    }

    /// `gender` mode: token `i` is a French–English homograph whose gender or number the French
    /// words around it contradict.
    fn gender(
        &self,
        meta: &RuleMeta,
        doc: &Document,
        i: usize,
        readings: Readings,
        sink: &mut Sink,
    ) {
        // `check` has tested the readings (a frequent French–English homograph); the word must
        // follow another across spaces only.
        let Some(french) = readings.french() else {
            return;
        };
        let (nominal, verb_only) = (french.nominal(), french.verb_only());
        if i == 0 || !only_spaces(&doc.text[doc.tokens[i - 1].end..doc.tokens[i].start]) {
            return;
        }
        if !self
            .gender_cues
            .contains(straightened(doc.folded_word(i - 1)).as_ref())
        {
            let participle = french.verb() && !french.noun() && !french.adverb();
            if participle
                && self
                    .prepositions
                    .contains(straightened(doc.folded_word(i - 1)).as_ref())
            {
                self.participle_after_preposition(meta, doc, i, french, sink);
            } else if nominal && french.adjective() {
                self.adjective_after_noun(meta, doc, i, french, sink);
            }
            return;
        }
        if !(nominal && french.only_gender().is_some() || verb_only) {
            return;
        }
        let Some(form) = self.candidate(doc, i) else {
            return;
        };
        let lex = lexicons();
        if self.allow.contains(form.as_ref()) || !self.reportable(doc, i) {
            return;
        }
        let required = if nominal {
            // A noun or adjective whose only gender contradicts the determiner before it, or (for
            // a noun) the adjective right after it: "une affect", "la drive létale".
            let Some(gender) = french.only_gender() else {
                return;
            };
            let slot = self.noun_slot_gender(doc, i, &form).or_else(|| {
                (french.noun() && !french.verb())
                    .then(|| self.adjective_gender_after(doc, i, french))
                    .flatten()
            });
            match slot {
                Some(required)
                    if required != gender && !self.modifies_next(doc, i, french, required) =>
                {
                    required
                }
                _ => return,
            }
        } else if verb_only {
            // A form that French only knows as a verb where a noun must stand ("une font").
            match self.noun_slot_gender(doc, i, &form) {
                Some(gender) => gender,
                None => return,
            }
        } else {
            return;
        };
        // After "mon", "ton", "son", a feminine noun beginning with a vowel fits too ("son
        // attention" spun as "son notice").
        let after_possessive = matches!(doc.before(doc.tokens[i].start),
            (Neighbour::Word(j), false) if self.possessives.contains(straightened(doc.folded_word(j)).as_ref()));
        // An adjective before a noun may fill an adjective slot ("un sure temps" for "un certain
        // temps"): the word replaced may then be an adjective, though not the word's own
        // inflection.
        let readings = doc.readings();
        let adjective_slot = french.adjective()
            && matches!(doc.after(doc.tokens[i].end), (Neighbour::Word(k), false)
                if readings[k].french().is_some_and(|f| f.noun() && !f.function_word()));
        self.report_explained(meta, doc, i, &form, french, sink, |c| {
            lex.french(c).is_some_and(|f| {
                (f.noun()
                    || (adjective_slot && f.adjective() && cognate_similarity(&form, c).is_none()))
                    && (f.only_gender().is_none_or(|g| g == required)
                        || (after_possessive && c.starts_with(is_vowel) && f.feminine()))
            })
        });
    }

    /// The gender a determiner gives its noun, when it has one (`det-fem`, `det-masc`).
    fn determiner_gender(&self, determiner: &str) -> Option<Gender> {
        if self.determiners_feminine.contains(determiner) {
            Some(Gender::Feminine)
        } else if self.determiners_masculine.contains(determiner) {
            Some(Gender::Masculine)
        } else {
            None
        }
    }

    /// Whether token `i`, a noun without an adjective reading, only modifies the noun right
    /// after it, which has the gender the determiner requires ("la pseudo instruction"): the
    /// determiner is that noun's.
    fn modifies_next(
        &self,
        doc: &Document,
        i: usize,
        french: crate::lexicon::French,
        required: Gender,
    ) -> bool {
        !french.adjective()
            && matches!(doc.after(doc.tokens[i].end), (Neighbour::Word(k), false)
            if doc.readings()[k].french().is_some_and(|f| {
                f.noun() && !f.adjective() && f.only_gender() == Some(required)
            }))
    }

    /// Reports token `i` (`form`, read in French as `french`) with the ranked suggestions that
    /// `fits` keeps. Unless a thesaurus link or closeness in meaning explains the best one, a
    /// spinner is no likelier than a loanword or a slip, and the diagnostic takes the rule's
    /// `unexplained-severity`.
    #[allow(clippy::too_many_arguments)]
    fn report_explained(
        &self,
        meta: &RuleMeta,
        doc: &Document,
        i: usize,
        form: &str,
        french: crate::lexicon::French,
        sink: &mut Sink,
        fits: impl Fn(&str) -> bool,
    ) {
        let candidates: Vec<String> = self
            .rank_suggestions(doc, i, form)
            .into_iter()
            .filter(|c| fits(c))
            .collect();
        report(meta, doc, i, &candidates, sink);
        if !explained(form, french.zipf(), &candidates) {
            sink.set_last_severity(self.unexplained_severity);
        }
    }

    /// A present participle (a verb form, perhaps a verbal adjective, never a noun) right after
    /// a preposition that follows a noun ("une indication de variant"): French puts a
    /// participle after "en" alone, so a noun stood there, which a spinner replaced by an
    /// English one. (After a pronoun, "de" takes adjectives: "rien de surprenant".)
    fn participle_after_preposition(
        &self,
        meta: &RuleMeta,
        doc: &Document,
        i: usize,
        french: crate::lexicon::French,
        sink: &mut Sink,
    ) {
        let Some(form) = self.candidate(doc, i) else {
            return;
        };
        let after_noun = i >= 2
            && doc.tokens[i - 2].kind == TokenKind::Word
            && doc.readings()[i - 2]
                .french()
                .is_some_and(|f| f.noun() && !f.function_word());
        if !form.ends_with("ant")
            || !after_noun
            || self.allow.contains(form.as_ref())
            || !self.reportable(doc, i)
            || self.in_english_context(doc, i)
        {
            return;
        }
        self.report_explained(meta, doc, i, &form, french, sink, |c| {
            lexicons().french(c).is_some_and(|f| f.noun())
        });
    }

    /// A French–English homograph adjective right after a determiner and its noun whose only
    /// gender or number contradicts the noun's ("la sortie normal", "quelques outils normal"):
    /// French adjectives agree with their noun, and the English word that a spinner put in place
    /// of an inflected French adjective keeps its bare form.
    fn adjective_after_noun(
        &self,
        meta: &RuleMeta,
        doc: &Document,
        i: usize,
        adjective: crate::lexicon::French,
        sink: &mut Sink,
    ) {
        // An adjective with a verb reading may be a participle ("une transaction important un
        // snapshot").
        if adjective.adverb() || adjective.verb() || i < 2 {
            return;
        }
        let (noun, determiner) = (i - 1, i - 2);
        let word_gap =
            |a: usize, b: usize| only_spaces(&doc.text[doc.tokens[a].end..doc.tokens[b].start]);
        if !word_gap(determiner, noun) || doc.tokens[noun].kind != TokenKind::Word {
            return;
        }
        let determiner_word = straightened(doc.folded_word(determiner));
        let determiner_gender = self.determiner_gender(&determiner_word);
        let plural_determiner = self.determiners_plural.contains(determiner_word.as_ref());
        // After a noun, "du", "des" join a complement to it, which the adjective may qualify
        // ("la langue des signes maritime").
        if matches!(doc.before(doc.tokens[determiner].start), (Neighbour::Word(p), false)
            if doc.readings()[p].french().is_some_and(|f| f.noun() && !f.function_word() && !f.verb()))
        {
            return;
        }
        if determiner_gender.is_none()
            && !plural_determiner
            && !self.determiners_either.contains(determiner_word.as_ref())
        {
            return;
        }
        let readings = doc.readings();
        let Some(noun_reading) = readings[noun].french().filter(|f| f.noun()) else {
            return;
        };
        // "le", "la", "les" before a verb form may be object pronouns ("ne le fait locale").
        if noun_reading.verb()
            && matches!(determiner_word.as_ref(), "le" | "la" | "les")
            && matches!(doc.before(doc.tokens[determiner].start), (Neighbour::Word(p), false)
                if self.pronoun_leads.contains(straightened(doc.folded_word(p)).as_ref()))
        {
            return;
        }
        // The adjective must end the noun phrase: before a function word, a verb or
        // punctuation. Before another noun it is English word order ("une configuration dual
        // boot"), and before a word French does not know it makes a compound with it ("une
        // sortie petit boutiste").
        if let (Neighbour::Word(next), false) = doc.after(doc.tokens[i].end) {
            let ends_phrase = readings[next]
                .french()
                .is_some_and(|f| f.function_word() || (f.verb() && !f.noun() && !f.adjective()));
            if !ends_phrase {
                return;
            }
        }
        let noun_gender = noun_reading.only_gender();
        let noun_plural = noun_reading.plural() && !noun_reading.singular();
        // The determiner must agree with the noun: otherwise the noun is not what it seems.
        if determiner_gender.is_some_and(|g| noun_gender != Some(g))
            || noun_plural != plural_determiner
        {
            return;
        }
        let gender_clash = noun_gender
            .zip(adjective.only_gender())
            .is_some_and(|(n, a)| n != a);
        let number_clash = noun_plural && adjective.singular() && !adjective.plural();
        // After a plural noun, an English adjective shows in its number (English adjectives do
        // not inflect); a plural that only clashes in gender is a noun in apposition ("des
        // tables parents").
        if !(number_clash || gender_clash && !noun_plural) {
            return;
        }
        let Some(form) = self.candidate(doc, i) else {
            return;
        };
        if self.allow.contains(form.as_ref())
            || !self.reportable(doc, i)
            || self.in_english_context(doc, i)
        {
            return;
        }
        let lex = lexicons();
        // The word's own inflections ("normale") would fix a plain agreement error; a
        // spinner's swap is undone by the word it replaced.
        self.report_explained(meta, doc, i, &form, adjective, sink, |c| {
            cognate_similarity(&form, c).is_none()
                && lex.french(c).is_some_and(|f| {
                    f.adjective()
                        && noun_gender.is_none_or(|g| f.only_gender().is_none_or(|own| own == g))
                        && (!noun_plural || f.plural())
                })
        });
    }

    /// The gender of the noun slot that token `i` fills, when the word before it makes it one:
    /// an unambiguous determiner, a prenominal adjective, or "le"/"la" before a word without a verb
    /// reading or before a present participle (which only "en" takes as an object pronoun: "en la
    /// variant"). "le"/"la" before other verb forms may be object pronouns ("comme le note Le
    /// Monde", "il la met") and say nothing.
    fn noun_slot_gender(&self, doc: &Document, i: usize, form: &str) -> Option<Gender> {
        let (Neighbour::Word(j), false) = doc.before(doc.tokens[i].start) else {
            return None;
        };
        let before = straightened(doc.folded_word(j));
        let gender = |word: &str| {
            if self.determiners_feminine.contains(word) || self.adjectives_feminine.contains(word) {
                Some(Gender::Feminine)
            } else if self.determiners_masculine.contains(word)
                || self.adjectives_masculine.contains(word)
                || (self.possessives.contains(word) && form.starts_with(is_consonant))
            {
                Some(Gender::Masculine)
            } else {
                None
            }
        };
        if before == "le" || before == "la" {
            let is_verb = lexicons().french(form).is_some_and(|f| f.verb());
            if !is_verb {
                return gender(&before);
            }
            let after_en = matches!(doc.before(doc.tokens[j].start), (Neighbour::Word(k), false) if doc.folded_word(k) == "en");
            return (form.ends_with("ant") && !after_en)
                .then(|| gender(&before))
                .flatten();
        }
        if lexicons().french(form).is_some_and(|f| f.verb()) {
            // After an adjective, a form with a verb reading may be the verb of a nominal
            // adjective ("la dernière est une devinette"); a present participle cannot ("la
            // dernière variant").
            let after_adjective = self.adjectives_feminine.contains(before.as_ref())
                || self.adjectives_masculine.contains(before.as_ref());
            return gender(&before).filter(|_| !after_adjective || form.ends_with("ant"));
        }
        gender(&before)
    }

    /// A French–English homograph after a determiner or pronoun that French elides before a
    /// vowel, with a space: "de office". French writes "d’office"; the spinner put a
    /// vowel-initial synonym where a consonant-initial word stood. (Words that are only English
    /// are reported by the `english` mode, whose suggestions heed the same elision.)
    fn elision(
        &self,
        meta: &RuleMeta,
        doc: &Document,
        i: usize,
        _readings: Readings,
        sink: &mut Sink,
    ) {
        if !doc.folded_word(i).starts_with(is_vowel) {
            return;
        }
        // Words that are only English are the `english` rule's; this one finds homographs.
        // `check` has tested the readings: a frequent English word that is a French content word,
        // not far more French than English (a word French uses far more is French here: "de
        // [code] est", where extraction removed the code).
        let Some(form) = self.candidate(doc, i) else {
            return;
        };
        if !form.starts_with(is_vowel) || form.contains(['-', '\'']) {
            return;
        }
        if self.allow.contains(form.as_ref())
            || self.required_initial(doc, i) != Some(Initial::Consonant)
            || !self.reportable(doc, i)
            || self.in_english_context(doc, i)
        {
            return;
        }
        let candidates = self.rank_suggestions(doc, i, &form);
        report(meta, doc, i, &candidates, sink);
        if candidates.is_empty() {
            sink.set_last_severity(self.unexplained_severity);
        }
    }

    /// A French–English homograph far more English than French whose close French synonym the
    /// document uses elsewhere ("accessible en speech et écriture" in a text that speaks of
    /// "lecture"): the spinner replaced this occurrence and left the others.
    fn document_synonym(
        &self,
        meta: &RuleMeta,
        doc: &Document,
        i: usize,
        _readings: Readings,
        sink: &mut Sink,
    ) {
        let Some(form) = self.candidate(doc, i) else {
            return;
        };
        // The thesaurus synonyms the document uses (closeness in meaning alone also joins
        // antonyms: "in", "out"), other than forms of the word itself ("threads", "thread").
        let used: Vec<&str> = lexicons()
            .homographs_of(&form)
            .iter()
            .filter(|h| {
                h.link >= STRONG_LINK
                    && !form.starts_with(h.word)
                    && !h.word.starts_with(form.as_ref())
                    && cognate_similarity(&form, h.word).is_none()
                    && doc.count_of(h.word, DOCUMENT_USES) >= DOCUMENT_USES
            })
            .map(|h| h.word)
            .collect();
        if used.is_empty()
            || self.allow.contains(form.as_ref())
            || !self.reportable(doc, i)
            || self.in_english_context(doc, i)
        {
            return;
        }
        // The ranked suggestions the document uses, or else the used synonyms in thesaurus
        // order (the ranking shows only the best few candidates).
        let mut candidates: Vec<String> = self
            .rank_suggestions(doc, i, &form)
            .into_iter()
            .filter(|c| used.contains(&c.as_str()))
            .collect();
        if candidates.is_empty() {
            candidates = used.iter().take(SHOWN).map(|w| w.to_string()).collect();
        }
        report(meta, doc, i, &candidates, sink);
    }

    /// The initial sound that the word before token `i` requires of a French word in its
    /// place: a vowel (or mute h) after an elided "l’", "d’", "qu’"; a consonant after "le",
    /// "de", "que" written in full on the same line.
    fn required_initial(&self, doc: &Document, i: usize) -> Option<Initial> {
        let (Neighbour::Word(j), false) = doc.before(doc.tokens[i].start) else {
            return None;
        };
        let before = straightened(doc.folded_word(j));
        if before.ends_with('\'') && doc.tokens[j].end == doc.tokens[i].start {
            return Some(Initial::Vowel);
        }
        let gap = &doc.text[doc.tokens[j].end..doc.tokens[i].start];
        (self.elidable.contains(before.as_ref()) && matches!(gap, " " | "\u{a0}"))
            .then_some(Initial::Consonant)
    }

    /// Ranks the French words an English `form` most likely replaced: thesaurus homographs,
    /// neighbours in meaning and cognates, scored by French frequency, thesaurus link,
    /// closeness in meaning and spelling, by what the word before requires (the gender of its
    /// determiner, the initial sound its elision or its absence calls for), and by whether the
    /// document uses the candidate elsewhere.
    fn rank_suggestions(&self, doc: &Document, i: usize, form: &str) -> Vec<String> {
        let lex = lexicons();
        let base = base_candidates(form);
        if base.is_empty() {
            return Vec::new();
        }
        let gender = match doc.before(doc.tokens[i].start) {
            (Neighbour::Word(j), false) => {
                self.determiner_gender(&straightened(doc.folded_word(j)))
            }
            _ => None,
        };
        let initial = self.required_initial(doc, i);
        let mut scored: Vec<(f32, usize)> = Vec::with_capacity(base.len());
        for (index, (base_score, candidate)) in base.iter().enumerate() {
            let mut score = *base_score;
            if let Some(required) = gender {
                match lex.french(candidate).and_then(|f| f.only_gender()) {
                    Some(g) if g == required => score += GENDER_BONUS,
                    Some(_) => score -= GENDER_PENALTY,
                    None => {}
                }
            }
            let fits = match initial {
                Some(Initial::Vowel) => !candidate.starts_with(is_consonant),
                Some(Initial::Consonant) => !candidate.starts_with(is_vowel),
                None => true,
            };
            if !fits {
                score -= INITIAL_PENALTY;
            }
            scored.push((score, index));
        }
        // A spinner replaces some occurrences of a word and leaves others: a candidate the
        // document uses elsewhere is the likelier original. Only candidates that the bonus can
        // lift among the shown ones are counted: the others cannot change what is shown.
        let shown_floor = {
            let mut scores: Vec<f32> = scored.iter().map(|&(score, _)| score).collect();
            scores.sort_by(|a, b| b.total_cmp(a));
            scores.get(SHOWN - 1).copied().unwrap_or(f32::NEG_INFINITY)
        };
        for (score, index) in &mut scored {
            if *score + DOCUMENT_BONUS_MAX < shown_floor {
                continue;
            }
            let uses = doc.count_of(&base[*index].1, 8);
            if uses > 0 {
                *score += DOCUMENT_WEIGHT * (1.0 + (uses as f32).ln().min(2.0)) / 2.0;
            }
        }
        scored.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then_with(|| base[a.1].1.cmp(&base[b.1].1))
        });
        let mut ranked: Vec<String> = Vec::with_capacity(4);
        for (_, index) in scored {
            let candidate = &base[index].1;
            if !ranked.iter().any(|r| r == candidate.as_ref()) {
                ranked.push(candidate.to_string());
                if ranked.len() == SHOWN {
                    break;
                }
            }
        }
        ranked
    }

    /// The gender that a single-gender adjective right after token `i` requires, when it agrees
    /// in number with the noun.
    fn adjective_gender_after(
        &self,
        doc: &Document,
        i: usize,
        noun: crate::lexicon::French,
    ) -> Option<Gender> {
        // Only a noun introduced by a determiner of either gender: after a preposition ("un
        // fichier de configuration différent") the adjective may belong to the noun before.
        let (Neighbour::Word(d), false) = doc.before(doc.tokens[i].start) else {
            return None;
        };
        if !self
            .determiners_either
            .contains(straightened(doc.folded_word(d)).as_ref())
        {
            return None;
        }
        let (Neighbour::Word(j), false) = doc.after(doc.tokens[i].end) else {
            return None;
        };
        if !matches!(
            &doc.text[doc.tokens[i].end..doc.tokens[j].start],
            " " | "\u{a0}"
        ) {
            return None;
        }
        let adjective = lexicons().french(doc.folded_word(j))?;
        let same_number =
            (adjective.singular() && noun.singular()) || (adjective.plural() && noun.plural());
        if adjective.adjective()
            && !adjective.noun()
            && !adjective.verb()
            && !adjective.function_word()
            && same_number
        {
            return adjective.only_gender();
        }
        None
    }

    /// Reports the multi-word English expression that begins at token `i`, the longest that
    /// the text spells out (words in sequence, one space apart), and returns the end of the text
    /// it matched.
    fn expression(
        &self,
        meta: &RuleMeta,
        doc: &Document,
        i: usize,
        sink: &mut Sink,
    ) -> Option<usize> {
        let lex = lexicons();
        let head = straightened(doc.folded_word(i));
        let (expression, last) = lex
            .expressions_starting_with(&head)
            .iter()
            .find_map(|expression| Some((*expression, spelled_out(doc, i, expression)?)))?;
        let (start, end) = (doc.tokens[i].start, doc.tokens[last].end);
        if doc.is_protected(&(start..end))
            || (i..=last).any(|t| shape_of(doc.word(t)) != CaseShape::Lower)
        {
            return Some(end);
        }
        let words: Vec<&str> = expression.split(' ').collect();
        let some_not_french = words.iter().any(|w| lex.french(w).is_none());
        let french_function_word = words
            .iter()
            .any(|w| lex.french(w).is_some_and(|f| f.function_word()));
        if (!some_not_french && french_function_word)
            || self.allow.contains(expression)
            || self.span_in_english_context(doc, start..end)
        {
            return Some(end);
        }
        let candidates: Vec<String> = lex
            .homographs_of(expression)
            .iter()
            .map(|h| h.word.to_string())
            .collect();
        report_span(meta, doc, start..end, &candidates, sink);
        Some(end)
    }
}

/// The index of the last token of `expression` when the tokens from `first` spell it out, one
/// space apart.
fn spelled_out(doc: &Document, first: usize, expression: &str) -> Option<usize> {
    let mut last = first;
    for (k, word) in expression.split(' ').enumerate() {
        let t = first + k;
        let token = doc.tokens.get(t)?;
        if k > 0 && &doc.text[doc.tokens[t - 1].end..token.start] != " " {
            return None;
        }
        if token.kind != TokenKind::Word || straightened(doc.folded_word(t)) != word {
            return None;
        }
        last = t;
    }
    Some(last)
}

/// French Zipf frequency from which a noun is so common that writers know its gender: a
/// disagreement is then jargon or ellipsis ("le source" for "le code source") unless a strong
/// thesaurus link names the word a spinner replaced.
const COMMON_NOUN_ZIPF: f32 = 4.5;
/// The thesaurus link strength that names a replaced word on its own.
const STRONG_LINK: f32 = 0.2;
/// The closeness in meaning that names a replaced word on its own.
const STRONG_SIMILARITY: f32 = 0.6;
/// The closeness in meaning that, for a rarer noun, names a replaced word.
const FAIR_SIMILARITY: f32 = 0.5;

/// Whether a gender disagreement of `form` (of French frequency `zipf`) is explained by a
/// spinner: the best French word of the required gender (`candidates`) has it as a thesaurus
/// synonym or is close to it in meaning, and strongly so for a common noun. Otherwise a loanword
/// used with a varying gender ("la socket") or a stray word is as likely as a spinner.
fn explained(form: &str, zipf: f32, candidates: &[String]) -> bool {
    let Some(best) = candidates.first() else {
        return false;
    };
    let Some(homograph) = lexicons()
        .homographs_of(form)
        .iter()
        .find(|h| h.word == best)
    else {
        return false;
    };
    if zipf < COMMON_NOUN_ZIPF {
        homograph.link > 0.0 || homograph.similarity >= FAIR_SIMILARITY
    } else {
        homograph.link >= STRONG_LINK || homograph.similarity >= STRONG_SIMILARITY
    }
}

/// How much more frequent in English than in French (Zipf: ten times) a neighbouring word must
/// be to make an English phrase with the word ("low cost").
const ENGLISH_DOMINANCE: f32 = 1.0;

/// How much more frequent in French than in English (Zipf) a word may be and still be taken
/// for an English one after a missing elision.
const FRENCH_LEAD: f32 = 0.5;

/// The bonus of a candidate the document uses elsewhere (half of it for one use, all of it
/// from about seven).
const DOCUMENT_WEIGHT: f32 = 2.0;

/// How many times a document must use a word for the `document` mode to take it for the one a
/// spinner replaced elsewhere.
const DOCUMENT_USES: u32 = 2;

/// The largest document bonus: `DOCUMENT_WEIGHT` times (1 + 2) / 2.
const DOCUMENT_BONUS_MAX: f32 = DOCUMENT_WEIGHT * 1.5;

/// How many candidates a diagnostic shows (the first is the fix).
const SHOWN: usize = 4;

/// The bonus of a candidate whose gender agrees with the determiner before the word.
const GENDER_BONUS: f32 = 0.5;
/// The penalty of a candidate whose gender contradicts the determiner before the word.
const GENDER_PENALTY: f32 = 2.0;
/// The penalty of a candidate whose initial sound contradicts the elision before the word.
const INITIAL_PENALTY: f32 = 3.0;

/// The initial sound a word must have after the word before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Initial {
    /// A vowel or a mute h: after an elided "l’", "d’", "qu’".
    Vowel,
    /// A consonant or an aspirated h: after "le", "la", "de", "que" written in full.
    Consonant,
}

/// Whether `gap` is one or more spaces or no-break spaces.
fn only_spaces(gap: &str) -> bool {
    !gap.is_empty() && gap.chars().all(|c| c == ' ' || c == '\u{a0}')
}

/// Whether `c` is a French vowel letter (y and h aside, which go either way).
fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'a' | 'e'
            | 'i'
            | 'o'
            | 'u'
            | 'à'
            | 'â'
            | 'ä'
            | 'é'
            | 'è'
            | 'ê'
            | 'ë'
            | 'î'
            | 'ï'
            | 'ô'
            | 'ö'
            | 'û'
            | 'ü'
            | 'ù'
            | 'œ'
            | 'æ'
    )
}

/// Whether `c` is a consonant letter that never takes an elision (h and y aside).
fn is_consonant(c: char) -> bool {
    c.is_alphabetic() && !is_vowel(c) && c != 'h' && c != 'y'
}

/// How much a thesaurus link (0 to 1) weighs against French frequency (Zipf).
const THESAURUS_WEIGHT: f32 = 3.0;
/// How much spelling closeness (0.9 to 1) weighs: a cognate is the literal translation, as
/// close in meaning as a strong thesaurus synonym.
const COGNATE_WEIGHT: f32 = 5.0;
/// How much closeness in meaning (cosine, about 0.45 to 0.8 for listed neighbours) weighs.
const SIMILARITY_WEIGHT: f32 = 4.0;
/// The penalty of a candidate whose grammatical number contradicts the English word's.
const NUMBER_PENALTY: f32 = 1.5;

/// The candidates for `form` scored without context (thesaurus homographs and cognates),
/// memoized per thread: the same English words recur across a corpus.
fn base_candidates(form: &str) -> std::rc::Rc<[(f32, Box<str>)]> {
    type Cache = std::collections::HashMap<Box<str>, std::rc::Rc<[(f32, Box<str>)]>, FnvBuild>;
    thread_local! {
        static CACHE: std::cell::RefCell<Cache> = std::cell::RefCell::new(Cache::default());
    }
    if let Some(hit) = CACHE.with(|c| c.borrow().get(form).cloned()) {
        return hit;
    }
    let lex = lexicons();
    let mut scored: Vec<(f32, String)> = Vec::new();
    let english_plural = form.ends_with('s') && !form.ends_with("ss");
    for homograph in lex.homographs_of(form) {
        let Some(french) = lex.french(homograph.word) else {
            continue;
        };
        if french.zipf() < 2.5 || homograph.word.chars().count() < 3 {
            continue;
        }
        let number_clash = if english_plural {
            french.singular() && !french.plural()
        } else {
            french.plural() && !french.singular()
        };
        scored.push((
            french.zipf()
                + THESAURUS_WEIGHT * homograph.link
                + SIMILARITY_WEIGHT * homograph.similarity
                - if number_clash { NUMBER_PENALTY } else { 0.0 },
            homograph.word.to_string(),
        ));
    }
    for (candidate, french) in lex.french_cognates(form) {
        if french.zipf() < 2.5 || french.proper() || !(french.noun() || french.adjective()) {
            continue;
        }
        let Some(similarity) = cognate_similarity(form, &candidate) else {
            continue;
        };
        let bonus = COGNATE_WEIGHT * similarity;
        match scored.iter_mut().find(|(_, c)| *c == candidate) {
            Some(entry) => entry.0 += bonus,
            None => scored.push((french.zipf() + bonus, candidate)),
        }
    }
    let scored: std::rc::Rc<[(f32, Box<str>)]> = scored
        .into_iter()
        .map(|(score, candidate)| (score, candidate.into_boxed_str()))
        .collect();
    CACHE.with(|c| {
        let mut cache = c.borrow_mut();
        if cache.len() > 100_000 {
            cache.clear();
        }
        cache.insert(form.into(), scored.clone());
    });
    scored
}

/// How surely the French `candidate` is the cognate of the English `word` (1.0: the same word
/// but for accents, "regional" and "régional"; 0.9: a different ending, "program" and
/// "programme", or one vowel, "example" and "exemple"), or `None` when the spellings differ by
/// a consonant, which makes false friends ("manner" and "manger").
fn cognate_similarity(word: &str, candidate: &str) -> Option<f32> {
    let (a, b): (Vec<char>, Vec<char>) = (
        strip_accents(word).chars().collect(),
        strip_accents(candidate).chars().collect(),
    );
    if a == b {
        return Some(1.0);
    }
    // French cognates add a mute e to English words, doubling the last consonant or not
    // ("origine", "programme"), and rarely shorten them ("paper" is not "pape"); other endings
    // make other words ("sure" and "sureau").
    if a.len() >= 4 && b.starts_with(&a) {
        let ending = &b[a.len()..];
        let last = a[a.len() - 1];
        if ending == ['e'] || (ending == [last, 'e'] && !"aeiouy".contains(last)) {
            return Some(0.9);
        }
    }
    let is_vowel = |c: char| "aeiouy".contains(c);
    if a.len() == b.len() && a.len() >= 5 {
        let differences: Vec<(char, char)> = a
            .iter()
            .zip(&b)
            .filter(|(x, y)| x != y)
            .map(|(x, y)| (*x, *y))
            .collect();
        if differences.len() == 1 && is_vowel(differences[0].0) && is_vowel(differences[0].1) {
            return Some(0.9);
        }
    }
    None
}

/// A letter without its accent ("é" → "e").
fn base_letter(c: char) -> char {
    match c {
        'à' | 'â' | 'ä' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'î' | 'ï' => 'i',
        'ô' | 'ö' => 'o',
        'ù' | 'û' | 'ü' => 'u',
        'ç' => 'c',
        'ÿ' => 'y',
        other => other,
    }
}

/// A word without its accents.
fn strip_accents(word: &str) -> String {
    word.chars().map(base_letter).collect()
}

fn report(meta: &RuleMeta, doc: &Document, i: usize, suggestions: &[String], sink: &mut Sink) {
    report_span(meta, doc, doc.tokens[i].range(), suggestions, sink);
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
