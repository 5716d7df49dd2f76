//! The lexicon rule's English detection: which tokens are English words, expressions,
//! unelided homographs and document synonyms, and when their context makes them legitimate.

use super::*;
use crate::corpus::facts::word_hash;

impl LexiconRule {
    /// The lowercase, straight-apostrophe form of token `i`, or `None` when the token is not a
    /// candidate at all (numbers, acronyms, mixed case, hashtags, proper nouns, protected text).
    pub(super) fn candidate<'d>(&self, doc: &'d Document, i: usize) -> Option<Cow<'d, str>> {
        let token = doc.tokens[i];
        if token.kind != TokenKind::Word || token.end - token.start < 2 {
            return None;
        }
        Some(straightened(doc.folded_word(i)))
    }

    /// Whether token `i` may be reported at all: not a number, acronym, mixed-case name,
    /// hashtag, proper noun, protected text or part of a word hyphenated across a line break.
    /// Costlier than a lexicon lookup, so it runs after.
    pub(super) fn reportable(&self, doc: &Document, i: usize) -> bool {
        let token = doc.tokens[i];
        let word = doc.word(i);
        if word.chars().any(|c| c.is_numeric()) || doc.is_protected(&token.range()) {
            return false;
        }
        if doc.joined_to_code(&token.range()) {
            return false;
        }
        let shaped = match shape_of(word) {
            // A lowercase word between two capitalized ones is a particle of a name ("Rio
            // Grande do Sul").
            CaseShape::Lower => !self.inside_name(doc, i),
            CaseShape::Upper | CaseShape::Mixed => false,
            CaseShape::Capitalized => {
                doc.token_starts_sentence(i) && !doc.capitalized_mid_sentence(doc.folded_word(i))
            }
        };
        shaped && !doc.is_hyphenation_fragment(i)
    }

    /// Whether token `i` stands between two capitalized words on its line.
    pub(super) fn inside_name(&self, doc: &Document, i: usize) -> bool {
        let capitalized = |n: (Neighbour, bool)| {
            matches!(n, (Neighbour::Word(j), false)
                if shape_of(doc.word(j)) == CaseShape::Capitalized)
        };
        capitalized(doc.before_token(i)) && capitalized(doc.after_token(i))
    }

    /// Whether `form` is French: in the lexicon, or a hyphenated compound of French parts.
    pub(super) fn is_french(form: &str) -> bool {
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
    pub(super) fn english_dominant(&self, word: &str) -> bool {
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
    pub(super) fn in_english_context(&self, doc: &Document, i: usize) -> bool {
        self.span_in_english_context(doc, doc.tokens[i].range())
    }

    /// Whether the words around `span` are English, or the span is quoted or emphasized.
    pub(super) fn span_in_english_context(
        &self,
        doc: &Document,
        token: std::ops::Range<usize>,
    ) -> bool {
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
        let (before, after) = (doc.before(token.start).0, doc.after(token.end).0);
        if neighbour_is_english(before) || neighbour_is_english(after) {
            return true;
        }
        // A list of English terms: the word beside it across a comma is English ("des suites
        // stable, testing et unstable").
        let across_comma = |n: Neighbour, step: fn(&Document, usize) -> Neighbour| match n {
            Neighbour::Punct(',', at) => neighbour_is_english(step(doc, at)),
            _ => false,
        };
        if across_comma(after, |doc, at| doc.after(at + 1).0)
            || across_comma(before, |doc, at| doc.before(at).0)
        {
            return true;
        }
        quoted_or_emphasized(doc, token)
    }

    /// `english` mode: token `i` is a frequent English word that is not French (or a French
    /// dictionary word French hardly uses and English uses far more: "loaders"), neither an
    /// established loanword nor part of an English phrase or quotation. The report keeps the
    /// rule's severity when the evidence is strong: French never uses the word (or English uses
    /// it a hundred times more), and no English word stands beside it; otherwise it takes the
    /// rule's `weak-severity`.
    pub(super) fn english_word(
        &self,
        meta: &RuleMeta,
        doc: &Document,
        i: usize,
        readings: Readings,
        sink: &mut Sink,
    ) {
        // `check` has tested the readings.
        let Some(english) = readings.english() else {
            return;
        };
        let Some(form) = self.candidate(doc, i) else {
            return;
        };
        let in_dictionary = readings.french().is_some();
        // A French dictionary word counts only in lowercase: capitalized, it is a name
        // ("Kazakhstan", "Nations").
        if in_dictionary && shape_of(doc.word(i)) != CaseShape::Lower {
            return;
        }
        // English function words belong to the English segments the segment rule reports.
        if (!in_dictionary && Self::is_french(&form))
            || self.english_context.contains(form.as_ref())
            || self.allow.contains(form.as_ref())
            || !self.reportable(doc, i)
        {
            return;
        }
        // Frequent in French text, it is an established loanword, unless English uses it far
        // more: then its French frequency comes from names and titles ("Patriot Act"), or
        // French writes it with accents, more often than without ("edition": "édition").
        let usage = readings.french_usage();
        if !in_dictionary
            && usage.is_some_and(|zipf| {
                zipf >= self.french_max_zipf
                    && english.zipf() - zipf < self.english_lead
                    && !accented_in_french(&form, zipf)
                    || english.zipf() < self.english_min_zipf
            })
        {
            return;
        }
        let neighbourhood = self.english_neighbourhood(doc, doc.tokens[i].range());
        // Two English words side by side are a compound French borrows unless neither is ever
        // used in French text; in quotes they are an English phrase quoted as such.
        if neighbourhood.silences()
            || (neighbourhood == Neighbourhood::EnglishUnborrowed
                && (usage.is_some() || in_quotation(doc, &doc.tokens[i].range())))
        {
            return;
        }
        let strong = !in_dictionary
            && usage.is_none()
            && english.zipf() >= STRONG_ENGLISH_ZIPF
            && neighbourhood == Neighbourhood::French
            && !self.named_as_a_term(doc, i);
        let ranked = self.rank_suggestions(doc, i, &form);
        report(self, meta, doc, i, &ranked.suggestions, ranked.place, sink);
        if !strong {
            sink.set_last_severity(self.weak_severity);
        }
    }

    /// Whether token `i` reads as the name of something rather than as a word of the
    /// sentence: technical French names commands, options, values and fields with their
    /// English names. Named after a noun that introduces a name ("la commande unmet", the
    /// word class `name-intro`), in a list or a definition (after or before a comma or a
    /// colon), alone on its line, in lowercase at the start of a sentence, in parentheses, on a
    /// line with code, used three times or more in the document, or used as a term elsewhere
    /// in it (capitalized mid-sentence, quoted, joined to code).
    pub(super) fn named_as_a_term(&self, doc: &Document, i: usize) -> bool {
        let token = doc.tokens[i];
        let (before, before_break) = doc.before_token(i);
        let (after, after_break) = doc.after_token(i);
        let listed = |n: Neighbour| {
            matches!(
                n,
                Neighbour::Punct(',' | ':' | '(' | ')' | ';' | '[' | ']', _)
            )
        };
        if listed(before) || listed(after) || before_break && after_break {
            return true;
        }
        if self.coordinated_with_a_name(doc, before, after) {
            return true;
        }
        if let Neighbour::Word(j) = before {
            let mut introducer = straightened(doc.folded_word(j));
            if matches!(introducer.as_ref(), "de" | "d'")
                && let (Neighbour::Word(k), false) = doc.before_token(j)
            {
                introducer = straightened(doc.folded_word(k));
            }
            if self.name_introducers.contains(introducer.as_ref()) {
                return true;
            }
        }
        if shape_of(doc.word(i)) == CaseShape::Lower && doc.token_starts_sentence(i) {
            return true;
        }
        if doc.on_code_line(token.start) || doc.on_code_line(token.end) {
            return true;
        }
        self.used_as_term(doc, i)
    }

    /// Whether a word whose neighbours are `before` and `after` ends a list of names ("old,
    /// new ou unchanged", "fstab, mtab et disable") or is coordinated with another English
    /// word ("lowercase et uppercase"): technical French lists values and keywords by their
    /// English names, while a word a translation left stands alone among French ones.
    fn coordinated_with_a_name(&self, doc: &Document, before: Neighbour, after: Neighbour) -> bool {
        let conjunction = |j: usize| matches!(doc.folded_word(j), "et" | "ou");
        let english_only = |k: usize| {
            let readings = doc.readings()[k];
            readings.english().is_some() && readings.french().is_none()
        };
        if let Neighbour::Word(j) = before
            && conjunction(j)
            && let (Neighbour::Word(k), false) = doc.before_token(j)
            && (english_only(k) || matches!(doc.before_token(k).0, Neighbour::Punct(',', _)))
        {
            return true;
        }
        if let Neighbour::Word(j) = after
            && conjunction(j)
            && let (Neighbour::Word(k), false) = doc.after_token(j)
        {
            return english_only(k);
        }
        false
    }

    /// Whether the word of token `i` is a term of the document: used three times or more ("le
    /// postmaster"), or elsewhere capitalized in the middle of a sentence, quoted, or joined to
    /// code. One search of the document answers both.
    fn used_as_term(&self, doc: &Document, i: usize) -> bool {
        let folded = doc.folded_word(i);
        let own = doc.tokens[i].start;
        // One part of a large document: the uses of the whole, counted for every word asked.
        if let Some(part) = doc.part()
            && let Some(term) = part.facts.term_uses(word_hash(folded))
        {
            let end = own + folded.len();
            let own_marked = word_bounded(doc, own, end) && marked_as_term(doc, own, end);
            return term.uses >= TERM_USES || term.marked > u32::from(own_marked);
        }
        let mut uses = 0;
        memchr::memmem::find_iter(doc.folded.as_bytes(), folded.as_bytes()).any(|at| {
            let end = at + folded.len();
            if !word_bounded(doc, at, end) {
                return false;
            }
            uses += 1;
            if uses >= TERM_USES || at == own {
                return uses >= TERM_USES;
            }
            marked_as_term(doc, at, end)
        })
    }

    /// `english` mode, for a word that neither lexicon holds: an English compound or
    /// derivation ("backtrace", "unmounting"), reported with the rule's `weak-severity` (names
    /// of programs are made the same way: "logrotate").
    pub(super) fn english_compound(
        &self,
        meta: &RuleMeta,
        doc: &Document,
        i: usize,
        form: &str,
        sink: &mut Sink,
    ) {
        if self.allow.contains(form) || Self::is_french(form) {
            return;
        }
        let Some(shape) = self.english_shape(form) else {
            return;
        };
        if !self.reportable(doc, i) {
            return;
        }
        if self
            .english_neighbourhood(doc, doc.tokens[i].range())
            .silences()
        {
            return;
        }
        let matched = doc.word(i);
        let message = match &shape {
            EnglishShape::Derived(stem) => {
                format!("“{matched}” is an English word (from “{stem}”), left untranslated")
            }
            EnglishShape::Compound(left, right) => format!(
                "“{matched}” is an English compound (“{left}” + “{right}”), left untranslated"
            ),
        };
        sink.report(meta, doc.tokens[i].range(), message, None, None);
        sink.set_last_severity(self.weak_severity);
    }

    /// What stands around `span`: English function words (an English phrase or quotation,
    /// which the segment rule reports as a whole), another English word (a phrase borrowed
    /// whole, or two words left untranslated), quotes or emphasis (a term cited as such), or
    /// French.
    pub(super) fn english_neighbourhood(
        &self,
        doc: &Document,
        span: std::ops::Range<usize>,
    ) -> Neighbourhood {
        if quoted_or_emphasized(doc, span.clone()) {
            return Neighbourhood::Quoted;
        }
        let mut found = Neighbourhood::French;
        for neighbour in [doc.before(span.start).0, doc.after(span.end).0] {
            let Neighbour::Word(j) = neighbour else {
                continue;
            };
            let word = straightened(doc.folded_word(j));
            // An English function word, or a modifier that makes an English compound French
            // borrows whole ("low cost"): the phrase is quoted or borrowed as a unit.
            if self.english_context.contains(word.as_ref())
                || self.english_modifiers.contains(word.as_ref())
            {
                return Neighbourhood::EnglishFunction;
            }
            if word.chars().count() >= 2 && self.english_dominant(&word) {
                // French text never uses the neighbour either: two words left untranslated side
                // by side ("unreachable maintainers"), rather than a compound French borrows
                // ("dual boot", "open source").
                let unborrowed = lexicons().french_usage(&word).is_none();
                if !unborrowed || found == Neighbourhood::French {
                    found = if unborrowed {
                        Neighbourhood::EnglishUnborrowed
                    } else {
                        Neighbourhood::EnglishWord
                    };
                }
            }
        }
        found
    }

    /// A French–English homograph after a determiner or pronoun that French elides before a
    /// vowel, with a space: "de office". French writes "d’office"; the spinner put a
    /// vowel-initial synonym where a consonant-initial word stood. (Words that are only English
    /// are reported by the `english` mode, whose suggestions heed the same elision.)
    pub(super) fn elision(
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
        let ranked = self.rank_suggestions(doc, i, &form);
        report(self, meta, doc, i, &ranked.suggestions, ranked.place, sink);
        if ranked.suggestions.is_empty() {
            sink.set_last_severity(self.unexplained_severity);
        }
    }

    /// A French–English homograph far more English than French whose close French synonym the
    /// document uses elsewhere ("accessible en speech et écriture" in a text that speaks of
    /// "lecture"): the spinner replaced this occurrence and left the others.
    pub(super) fn document_synonym(
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
        // The count of the document's words is asked before the spelling is compared, which
        // costs more and is seldom needed.
        let used: Vec<&str> = lexicons()
            .homographs_of(&form)
            .iter()
            .filter(|h| {
                h.link >= STRONG_LINK
                    && !form.starts_with(h.word)
                    && !h.word.starts_with(form.as_ref())
                    && doc.count_of(h.word, DOCUMENT_USES) >= DOCUMENT_USES
                    && cognate_similarity(&form, h.word).is_none()
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
        let ranked = self.rank_suggestions(doc, i, &form);
        let mut candidates: Vec<Suggestion> = ranked
            .suggestions
            .into_iter()
            .filter(|c| used.contains(&&*c.word))
            .collect();
        if candidates.is_empty() {
            // The document's own use is the evidence: the first used synonym is the fix.
            candidates = used
                .iter()
                .take(SHOWN)
                .enumerate()
                .map(|(k, w)| Suggestion {
                    word: (*w).into(),
                    listed: (*w).into(),
                    score: if k == 0 { 0.0 } else { f32::NEG_INFINITY },
                    translation: None,
                    grounded: true,
                    other_class: false,
                    part_of_word: false,
                    english_loan: false,
                })
                .collect();
        }
        report(self, meta, doc, i, &candidates, ranked.place, sink);
    }

    /// Reports the multi-word English expression that begins at token `i`, the longest that
    /// the text spells out (words in sequence, one space apart), and returns the end of the text
    /// it matched.
    pub(super) fn expression(
        &self,
        meta: &RuleMeta,
        doc: &Document,
        i: usize,
        sink: &mut Sink,
    ) -> Option<usize> {
        let lex = lexicons();
        // Every expression has a second word, which the next token must spell, one space after
        // the head: most heads are settled by that word alone.
        let next = doc.tokens.get(i + 1)?;
        if next.kind != TokenKind::Word || &doc.text[doc.tokens[i].end..next.start] != " " {
            return None;
        }
        let second = straightened(doc.folded_word(i + 1));
        let head = straightened(doc.folded_word(i));
        let (expression, last) = lex
            .expressions_starting_with(&head)
            .iter()
            .filter(|expression| second_word_is(expression, head.len(), &second))
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
        // A verb takes the form its place needs ("vont look into" → "vont examiner"); one whose
        // form the place leaves open is listed, not applied.
        let slot = verbs::verb_slot(doc, i);
        let mut candidates: Vec<String> = Vec::new();
        let mut first_unsure = false;
        for homograph in lex.homographs_of(expression) {
            let (word, unsure) = match verbs::fit_verb(homograph.word, slot) {
                Some(verbs::Fitted::Sure(word)) => (word, false),
                Some(verbs::Fitted::Unsure(word)) => (word, true),
                None => continue,
            };
            if !candidates.contains(&word) {
                first_unsure |= candidates.is_empty() && unsure;
                candidates.push(word);
            }
        }
        if first_unsure {
            candidates.truncate(SHOWN);
            report_uncertain(meta, doc, start..end, &candidates, sink);
        } else {
            report_span(meta, doc, start..end, &candidates, sink);
        }
        Some(end)
    }
}

/// Whether the occurrence `at..end` of a word in `doc`'s text stands alone: no letter nor digit
/// touches it on either side ([`LexiconRule::used_as_term`] counts such occurrences).
pub(super) fn word_bounded(doc: &Document, at: usize, end: usize) -> bool {
    let word_char = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    !word_char(doc.text[..at].chars().next_back()) && !word_char(doc.text[end..].chars().next())
}

/// Whether the occurrence `at..end` of a word in `doc`'s text uses it as a term: capitalized in
/// the middle of a sentence (a name), quoted or marked as code, or joined to code.
pub(super) fn marked_as_term(doc: &Document, at: usize, end: usize) -> bool {
    if doc.text[at..].starts_with(char::is_uppercase) && !doc.starts_sentence(at) {
        return true;
    }
    let before = doc.text[..at].chars().next_back();
    let after = doc.text[end..].chars().next();
    let marked = |c: Option<char>| c.is_some_and(|c| "«»“”\"'‘’`*_-/.:=$@#<>[](){}".contains(c));
    marked(before) && !matches!(before, Some('('))
        || marked(after) && !matches!(after, Some(')' | '.' | ':'))
        || doc.joined_to_code(&(at..end))
}

/// Whether `span` of `doc` stands between quotes or emphasis marks ("« backup »", "*backup*"):
/// a term cited as such.
#[inline]
fn quoted_or_emphasized(doc: &Document, span: std::ops::Range<usize>) -> bool {
    let before = doc.text[..span.start].chars().next_back();
    let after = doc.text[span.end..].chars().next();
    matches!(
        (before, after),
        (
            Some('«' | '“' | '"' | '‘' | '*' | '_' | '`'),
            Some('»' | '”' | '"' | '’' | '*' | '_' | '`')
        )
    ) || matches!(
        (before, after),
        (
            Some('\u{a0}' | ' ' | '\u{202f}'),
            Some('\u{a0}' | ' ' | '\u{202f}')
        )
    ) && doc.text[..span.start].trim_end().ends_with('«')
        && doc.text[span.end..].trim_start().starts_with('»')
}

/// Whether `word` is the second word of `expression`, whose first word is `head_len` bytes
/// long.
fn second_word_is(expression: &str, head_len: usize, word: &str) -> bool {
    expression
        .get(head_len + 1..)
        .and_then(|rest| rest.strip_prefix(word))
        .is_some_and(|after| after.is_empty() || after.starts_with(' '))
}

/// The index of the last token of `expression` when the tokens from `first` spell it out, one
/// space apart.
pub(super) fn spelled_out(doc: &Document, first: usize, expression: &str) -> Option<usize> {
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

/// How much more frequent in English than in French (Zipf: ten times) a neighbouring word must
/// be to make an English phrase with the word ("low cost").
pub(super) const ENGLISH_DOMINANCE: f32 = 1.0;

/// How much more frequent in French than in English (Zipf) a word may be and still be taken
/// for an English one after a missing elision.
pub(super) const FRENCH_LEAD: f32 = 0.5;

/// How many times a document must use a word for the `document` mode to take it for the one a
/// spinner replaced elsewhere.
pub(super) const DOCUMENT_USES: u32 = 2;

/// How many uses make a word a term of the document rather than a word left by the translation.
const TERM_USES: u32 = 3;

/// The least English frequency (Zipf) of a word reported with the rule's own severity.
pub(super) const STRONG_ENGLISH_ZIPF: f32 = 2.5;

/// What stands around a word, for the `english` mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Neighbourhood {
    /// French words, punctuation or nothing.
    French,
    /// Another word far more English than French, which French text uses too.
    EnglishWord,
    /// Another word far more English than French, which French text never uses.
    EnglishUnborrowed,
    /// An English function word.
    EnglishFunction,
    /// Quotes or emphasis around the word.
    Quoted,
}

impl Neighbourhood {
    /// Whether the word is left alone: quoted as a term, or part of an English phrase.
    pub(super) fn silences(self) -> bool {
        matches!(
            self,
            Neighbourhood::EnglishFunction | Neighbourhood::Quoted | Neighbourhood::EnglishWord
        )
    }
}

/// Whether `gap` is one or more spaces or no-break spaces.
pub(super) fn only_spaces(gap: &str) -> bool {
    !gap.is_empty() && gap.chars().all(|c| c == ' ' || c == '\u{a0}')
}

/// Whether French writes `plain` (a lowercase word out of the French dictionary, used in French
/// text with Zipf frequency `usage`) with accents, more often than without: "edition" is
/// "édition" in French prose, and its unaccented uses are English titles or accents left out.
fn accented_in_french(plain: &str, usage: f32) -> bool {
    crate::lexicon::lexicons()
        .french_spelled(plain)
        .iter()
        .any(|(word, french)| word != plain && french.zipf() > usage)
}

#[cfg(test)]
mod tests {
    use super::second_word_is;

    #[test]
    fn second_words() {
        assert!(second_word_is("look into", 4, "into"));
        assert!(second_word_is("look forward to", 4, "forward"));
        assert!(!second_word_is("look forward to", 4, "for"));
        assert!(!second_word_is("look into", 4, "in"));
        assert!(!second_word_is("look", 4, "into"));
    }
}
