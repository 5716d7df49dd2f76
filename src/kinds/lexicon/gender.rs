//! The lexicon rule's `gender` mode: French–English homographs whose gender or number
//! contradicts the determiner, adjective or noun around them.

use super::*;

impl LexiconRule {
    /// `gender` mode: token `i` is a French–English homograph whose gender or number the French
    /// words around it contradict.
    pub(super) fn gender(
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
        if !self.gender_cues.contains_token(doc, i - 1) {
            let participle = french.verb() && !french.noun() && !french.adverb();
            if participle && self.prepositions.contains_token(doc, i - 1) {
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
        if self.allow.contains(form.as_ref()) {
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
        // Most words agree with their determiner: whether the token may be reported at all
        // (a name?) is asked only of those that do not.
        if !self.reportable(doc, i) {
            return;
        }
        // After "mon", "ton", "son", a feminine noun beginning with a vowel fits too ("son
        // attention" spun as "son notice").
        let after_possessive = matches!(doc.before_token(i),
            (Neighbour::Word(j), false) if self.possessives.contains_token(doc, j));
        // An adjective before a noun may fill an adjective slot ("un sure temps" for "un certain
        // temps"): the word replaced may then be an adjective, though not the word's own
        // inflection.
        let readings = doc.readings();
        let adjective_slot = french.adjective()
            && matches!(doc.after_token(i), (Neighbour::Word(k), false)
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
    pub(super) fn determiner_gender(&self, determiner: &str) -> Option<Gender> {
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
    pub(super) fn modifies_next(
        &self,
        doc: &Document,
        i: usize,
        french: crate::lexicon::French,
        required: Gender,
    ) -> bool {
        !french.adjective()
            && matches!(doc.after_token(i), (Neighbour::Word(k), false)
            if doc.readings()[k].french().is_some_and(|f| {
                f.noun() && !f.adjective() && f.only_gender() == Some(required)
            }))
    }

    /// Reports token `i` (`form`, read in French as `french`) with the ranked suggestions that
    /// `fits` keeps. Unless a thesaurus link or closeness in meaning explains the best one, a
    /// spinner is no likelier than a loanword or a slip, and the diagnostic takes the rule's
    /// `unexplained-severity`.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn report_explained(
        &self,
        meta: &RuleMeta,
        doc: &Document,
        i: usize,
        form: &str,
        french: crate::lexicon::French,
        sink: &mut Sink,
        fits: impl Fn(&str) -> bool,
    ) {
        let ranked = self.rank_suggestions(doc, i, form);
        let candidates: Vec<Suggestion> = ranked
            .suggestions
            .into_iter()
            .filter(|c| fits(&c.word))
            .collect();
        report(self, meta, doc, i, &candidates, ranked.place, sink);
        if !explained(form, french.zipf(), &candidates) {
            sink.set_last_severity(self.unexplained_severity);
        }
    }

    /// A present participle (a verb form, perhaps a verbal adjective, never a noun) right after
    /// a preposition that follows a noun ("une indication de variant"): French puts a
    /// participle after "en" alone, so a noun stood there, which a spinner replaced by an
    /// English one. (After a pronoun, "de" takes adjectives: "rien de surprenant".)
    pub(super) fn participle_after_preposition(
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
    pub(super) fn adjective_after_noun(
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
        // The tests that read the least come first: most words before a homograph are no
        // noun, and most words before those no determiner.
        let readings = doc.readings();
        let Some(noun_reading) = readings[noun].french().filter(|f| f.noun()) else {
            return;
        };
        let determiner_word = straightened(doc.folded_word(determiner));
        let determiner_gender = self.determiner_gender(&determiner_word);
        let plural_determiner = self.determiners_plural.contains(determiner_word.as_ref());
        if determiner_gender.is_none()
            && !plural_determiner
            && !self.determiners_either.contains(determiner_word.as_ref())
        {
            return;
        }
        // After a noun, "du", "des" join a complement to it, which the adjective may qualify
        // ("la langue des signes maritime").
        if matches!(doc.before_token(determiner), (Neighbour::Word(p), false)
            if readings[p].french().is_some_and(|f| f.noun() && !f.function_word() && !f.verb()))
        {
            return;
        }
        // "le", "la", "les" before a verb form may be object pronouns ("ne le fait locale").
        if noun_reading.verb()
            && matches!(determiner_word.as_ref(), "le" | "la" | "les")
            && matches!(doc.before_token(determiner), (Neighbour::Word(p), false)
                if self.pronoun_leads.contains(straightened(doc.folded_word(p)).as_ref()))
        {
            return;
        }
        // The adjective must end the noun phrase: before a function word, a verb or
        // punctuation. Before another noun it is English word order ("une configuration dual
        // boot"), and before a word French does not know it makes a compound with it ("une
        // sortie petit boutiste").
        if let (Neighbour::Word(next), false) = doc.after_token(i) {
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
        // Singular adjectives listed after a plural noun give it one each ("les alphabets
        // latin, grec et cyrillique").
        if number_clash && !gender_clash && starts_adjective_list(doc, i) {
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
    /// Monde", "il la met") and say nothing. `form` is the token's ([`Self::candidate`]), whose
    /// readings the document holds.
    pub(super) fn noun_slot_gender(&self, doc: &Document, i: usize, form: &str) -> Option<Gender> {
        let (Neighbour::Word(j), false) = doc.before_token(i) else {
            return None;
        };
        let is_verb = doc.readings()[i].french().is_some_and(|f| f.verb());
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
            if !is_verb {
                return gender(&before);
            }
            let after_en = matches!(doc.before_token(j), (Neighbour::Word(k), false) if doc.folded_word(k) == "en");
            return (form.ends_with("ant") && !after_en)
                .then(|| gender(&before))
                .flatten();
        }
        if is_verb {
            // After an adjective, a form with a verb reading may be the verb of a nominal
            // adjective ("la dernière est une devinette"); a present participle cannot ("la
            // dernière variant").
            let after_adjective = self.adjectives_feminine.contains(before.as_ref())
                || self.adjectives_masculine.contains(before.as_ref());
            return gender(&before).filter(|_| !after_adjective || form.ends_with("ant"));
        }
        gender(&before)
    }

    /// The gender that a single-gender adjective right after token `i` requires, when it agrees
    /// in number with the noun.
    pub(super) fn adjective_gender_after(
        &self,
        doc: &Document,
        i: usize,
        noun: crate::lexicon::French,
    ) -> Option<Gender> {
        // Only a noun introduced by a determiner of either gender: after a preposition ("un
        // fichier de configuration différent") the adjective may belong to the noun before.
        let (Neighbour::Word(d), false) = doc.before_token(i) else {
            return None;
        };
        if !self.determiners_either.contains_token(doc, d) {
            return None;
        }
        let (Neighbour::Word(j), false) = doc.after_token(i) else {
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
}

/// French Zipf frequency from which a noun is so common that writers know its gender: a
/// disagreement is then jargon or ellipsis ("le source" for "le code source") unless a strong
/// thesaurus link names the word a spinner replaced.
pub(super) const COMMON_NOUN_ZIPF: f32 = 4.5;

/// The thesaurus link strength that names a replaced word on its own.
pub(super) const STRONG_LINK: f32 = 0.2;

/// The closeness in meaning that names a replaced word on its own.
pub(super) const STRONG_SIMILARITY: f32 = 0.6;

/// The closeness in meaning that, for a rarer noun, names a replaced word.
pub(super) const FAIR_SIMILARITY: f32 = 0.5;

/// Whether a gender disagreement of `form` (of French frequency `zipf`) is explained by a
/// spinner: the best French word of the required gender (`candidates`) has it as a thesaurus
/// synonym or is close to it in meaning, and strongly so for a common noun. Otherwise a loanword
/// used with a varying gender ("la socket") or a stray word is as likely as a spinner.
pub(super) fn explained(form: &str, zipf: f32, candidates: &[Suggestion]) -> bool {
    let Some(best) = candidates.first().map(|c| &*c.listed) else {
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

/// Whether token `i` begins a list of singular adjectives: a comma, "et" or "ou", then a word
/// French reads as a singular adjective ("latin, grec", "latin et grec").
fn starts_adjective_list(doc: &Document, i: usize) -> bool {
    let next_word = match doc.after_token(i) {
        (Neighbour::Punct(',', at), false) => match doc.after(at + 1) {
            (Neighbour::Word(k), false) => k,
            _ => return false,
        },
        (Neighbour::Word(k), false) if matches!(doc.folded_word(k), "et" | "ou") => {
            match doc.after_token(k) {
                (Neighbour::Word(m), false) => m,
                _ => return false,
            }
        }
        _ => return false,
    };
    doc.readings()[next_word]
        .french()
        .is_some_and(|f| f.adjective() && f.singular())
}
