//! The lexicon detector: English words left in French text found with the shipped lexicons
//! rather than a list of artifacts, French–English homographs whose gender contradicts their
//! determiner, and multi-word English expressions. Suggestions come from the reverse-spinner
//! map (the French homographs an English word is a thesaurus synonym of) and from French
//! cognates, ranked by French frequency and agreement with the neighbouring words.

use crate::{
    document::{Document, Neighbour},
    kinds::{CompileContext, Sink, report_with_suggestions},
    lexicon::{Gender, lexicons},
    rules::{PackError, RuleMeta, spec::RuleSpec},
    text::{
        case::{CaseShape, follow_case, shape_of},
        normalize::straight_apostrophes,
        tokenize::TokenKind,
    },
};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use std::{borrow::Cow, collections::HashSet, sync::OnceLock};

/// What a lexicon rule looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// English words that are not French.
    English,
    /// French–English homographs whose gender disagrees with their determiner or adjective.
    Gender,
    /// Multi-word English expressions.
    Expression,
}

/// A compiled lexicon rule.
#[derive(Debug)]
pub struct LexiconRule {
    /// What it looks for.
    pub mode: Mode,
    allow: HashSet<String>,
    english_context: HashSet<String>,
    determiners_feminine: HashSet<String>,
    determiners_masculine: HashSet<String>,
    adjectives_feminine: HashSet<String>,
    adjectives_masculine: HashSet<String>,
    determiners_either: HashSet<String>,
    english_min_zipf: f32,
    french_max_zipf: f32,
    unexplained_severity: Option<crate::diagnostic::Severity>,
    expressions: OnceLock<Option<(AhoCorasick, Vec<&'static str>)>>,
}

fn word_set(words: &Option<Vec<String>>) -> HashSet<String> {
    words
        .iter()
        .flatten()
        .map(|w| straight_apostrophes(&w.to_lowercase()))
        .collect()
}

impl LexiconRule {
    /// Validates and compiles a `kind = "lexicon"` rule.
    pub fn compile(spec: &RuleSpec, ctx: &CompileContext) -> Result<Self, PackError> {
        let mode = match ctx.mode(&spec.mode, &["english", "gender", "expression"])? {
            "english" => Mode::English,
            "gender" => Mode::Gender,
            _ => Mode::Expression,
        };
        let class = |name: &str| -> HashSet<String> {
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
            english_min_zipf: spec.english_min_zipf.unwrap_or(2.5),
            french_max_zipf: spec.french_max_zipf.unwrap_or(3.0),
            unexplained_severity: spec.unexplained_severity,
            expressions: OnceLock::new(),
        };
        if mode == Mode::Gender
            && (rule.determiners_feminine.is_empty() || rule.determiners_masculine.is_empty())
        {
            return Err(ctx.error(
                Some(spec.kind.span()),
                "a `gender` lexicon rule needs the word classes `det-fem` and `det-masc`",
            ));
        }
        Ok(rule)
    }

    /// The token-level check, called for token `i` in the engine's single pass over the tokens.
    pub fn visit_token(&self, meta: &RuleMeta, doc: &Document, i: usize, sink: &mut Sink) {
        match self.mode {
            Mode::English => self.english_word(meta, doc, i, sink),
            Mode::Gender => self.gender(meta, doc, i, sink),
            Mode::Expression => {}
        }
    }

    /// The lowercase, straight-apostrophe form of token `i`, or `None` when the token is not a
    /// candidate at all (numbers, acronyms, mixed case, hashtags, proper nouns, protected text).
    fn candidate<'d>(&self, doc: &'d Document, i: usize) -> Option<Cow<'d, str>> {
        let token = doc.tokens[i];
        if token.kind != TokenKind::Word || token.end - token.start < 2 {
            return None;
        }
        let folded = doc.folded_word(i);
        Some(if folded.contains('’') {
            Cow::Owned(straight_apostrophes(folded))
        } else {
            Cow::Borrowed(folded)
        })
    }

    /// Whether token `i` may be reported at all: not a number, acronym, mixed-case name,
    /// hashtag, proper noun or protected text. Costlier than a lexicon lookup, so it runs after.
    fn reportable(&self, doc: &Document, i: usize) -> bool {
        let token = doc.tokens[i];
        let word = doc.word(i);
        if word.chars().any(|c| c.is_numeric()) || doc.is_protected(&token.range()) {
            return false;
        }
        if doc.text[..token.start]
            .ends_with(['#', '@', '_', '/', '\\', '.', '$', '%', '&', '=', '~'])
        {
            return false;
        }
        match shape_of(word) {
            CaseShape::Lower => true,
            CaseShape::Upper | CaseShape::Mixed => false,
            CaseShape::Capitalized => {
                doc.starts_sentence(token.start)
                    && !doc.capitalized_mid_sentence(doc.folded_word(i))
            }
        }
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

    /// Whether the word stands among English words (an English quotation or title) or is
    /// quoted or emphasized as a term.
    fn in_english_context(&self, doc: &Document, i: usize) -> bool {
        self.span_in_english_context(doc, doc.tokens[i].range())
    }

    /// Whether the words around `span` are English, or the span is quoted or emphasized.
    fn span_in_english_context(&self, doc: &Document, token: std::ops::Range<usize>) -> bool {
        let neighbour_is_english = |n: Neighbour| match n {
            Neighbour::Word(j) => self
                .english_context
                .contains(&straight_apostrophes(doc.folded_word(j))),
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

    fn english_word(&self, meta: &RuleMeta, doc: &Document, i: usize, sink: &mut Sink) {
        let Some(form) = self.candidate(doc, i) else {
            return;
        };
        if Self::is_french(&form) || self.allow.contains(form.as_ref()) {
            return;
        }
        let lex = lexicons();
        let Some(english) = lex.english(&form) else {
            return;
        };
        if english.proper() || english.zipf() < self.english_min_zipf || !self.reportable(doc, i) {
            return;
        }
        if lex
            .french_usage(&form)
            .is_some_and(|zipf| zipf >= self.french_max_zipf)
        {
            return;
        }
        if self.in_english_context(doc, i) {
            return;
        }
        let suggestions = rank_suggestions(
            &self.determiners_feminine,
            &self.determiners_masculine,
            doc,
            i,
            &form,
        );
        report(meta, doc, i, &suggestions, sink);
    }

    fn gender(&self, meta: &RuleMeta, doc: &Document, i: usize, sink: &mut Sink) {
        let Some(form) = self.candidate(doc, i) else {
            return;
        };
        let lex = lexicons();
        let Some(french) = lex.french(&form) else {
            return;
        };
        if self.allow.contains(form.as_ref())
            || lex
                .english(&form)
                .is_none_or(|e| e.zipf() < self.english_min_zipf)
            || !self.reportable(doc, i)
        {
            return;
        }
        let nominal =
            (french.noun() || french.adjective()) && !french.adverb() && !french.function_word();
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
                Some(required) if required != gender => required,
                _ => return,
            }
        } else if french.verb() && !french.noun() && !french.adjective() && !french.adverb() {
            // A form that French only knows as a verb where a noun must stand ("une font").
            match self.noun_slot_gender(doc, i, &form) {
                Some(gender) => gender,
                None => return,
            }
        } else {
            return;
        };
        let candidates: Vec<String> = rank_suggestions(
            &self.determiners_feminine,
            &self.determiners_masculine,
            doc,
            i,
            &form,
        )
        .into_iter()
        .filter(|c| {
            lex.french(c)
                .is_some_and(|f| f.noun() && f.only_gender().is_none_or(|g| g == required))
        })
        .collect();
        report(meta, doc, i, &candidates, sink);
        if !explained(&form, french.zipf(), &candidates) {
            sink.set_last_severity(self.unexplained_severity);
        }
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
        let before = straight_apostrophes(doc.folded_word(j));
        let gender = |word: &str| {
            if self.determiners_feminine.contains(word) || self.adjectives_feminine.contains(word) {
                Some(Gender::Feminine)
            } else if self.determiners_masculine.contains(word)
                || self.adjectives_masculine.contains(word)
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
            let after_adjective = self.adjectives_feminine.contains(&before)
                || self.adjectives_masculine.contains(&before);
            return gender(&before).filter(|_| !after_adjective || form.ends_with("ant"));
        }
        gender(&before)
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
            .contains(&straight_apostrophes(doc.folded_word(d)))
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

    /// The document-level check: multi-word English expressions.
    pub fn check(&self, meta: &RuleMeta, doc: &Document, sink: &mut Sink) {
        if self.mode != Mode::Expression {
            return;
        }
        let Some((automaton, expressions)) = self.expressions.get_or_init(build_expressions) else {
            return;
        };
        let mut last_end = 0;
        for m in automaton.find_iter(doc.folded.as_str()) {
            let (start, end) = (m.start(), m.end());
            if start < last_end {
                continue;
            }
            let (Some(first), Some(last)) =
                (doc.token_starting_at(start), doc.token_ending_at(end))
            else {
                continue;
            };
            if doc.is_protected(&(start..end))
                || (first..=last).any(|t| shape_of(doc.word(t)) != CaseShape::Lower)
            {
                continue;
            }
            let expression = expressions[m.pattern().as_usize()];
            let words: Vec<&str> = expression.split(' ').collect();
            let lex = lexicons();
            let some_not_french = words.iter().any(|w| lex.french(w).is_none());
            let french_function_word = words
                .iter()
                .any(|w| lex.french(w).is_some_and(|f| f.function_word()));
            if (!some_not_french && french_function_word) || self.allow.contains(expression) {
                continue;
            }
            if self.span_in_english_context(doc, start..end) {
                continue;
            }
            last_end = end;
            let candidates: Vec<String> = lex
                .homographs_of(expression)
                .iter()
                .map(|(c, _)| c.to_string())
                .collect();
            report_span(meta, doc, start..end, &candidates, sink);
        }
    }
}

fn build_expressions() -> Option<(AhoCorasick, Vec<&'static str>)> {
    let expressions = lexicons().expressions();
    if expressions.is_empty() {
        return None;
    }
    let automaton = AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::DFA))
        .build(&expressions)
        .ok()?;
    Some((automaton, expressions))
}

/// French Zipf frequency from which a noun is so common that writers know its gender: a
/// disagreement is then jargon or ellipsis ("le source" for "le code source") unless a strong
/// thesaurus link names the word a spinner replaced.
const COMMON_NOUN_ZIPF: f32 = 4.5;
/// The thesaurus link strength that names a replaced word on its own.
const STRONG_LINK: f32 = 0.2;

/// Whether a gender disagreement of `form` (of French frequency `zipf`) is explained by a
/// spinner: some French word of the required gender (`candidates`) has it as a synonym, and,
/// for a common noun, through a strong thesaurus link. Otherwise a loanword used with a varying
/// gender ("la socket") or a stray word is as likely as a spinner.
fn explained(form: &str, zipf: f32, candidates: &[String]) -> bool {
    let Some(best) = candidates.first() else {
        return false;
    };
    zipf < COMMON_NOUN_ZIPF
        || lexicons()
            .homographs_of(form)
            .iter()
            .any(|&(c, link)| c == best && link >= STRONG_LINK)
}

/// How much a thesaurus link (0 to 1) weighs against French frequency (Zipf).
const THESAURUS_WEIGHT: f32 = 2.0;
/// How much spelling closeness (0.9 to 1) weighs: about as much as one strong thesaurus link.
const COGNATE_WEIGHT: f32 = 2.5;

/// Ranks the French words an English `form` most likely replaced: thesaurus homographs and
/// cognates, scored by French frequency, rank in the thesaurus, spelling closeness, and
/// agreement with the determiner before the word.
fn rank_suggestions(
    feminine: &HashSet<String>,
    masculine: &HashSet<String>,
    doc: &Document,
    i: usize,
    form: &str,
) -> Vec<String> {
    let lex = lexicons();
    let mut scored = base_candidates(form);
    let required = match doc.before(doc.tokens[i].start) {
        (Neighbour::Word(j), false) => {
            let determiner = straight_apostrophes(doc.folded_word(j));
            if feminine.contains(&determiner) {
                Some(Gender::Feminine)
            } else if masculine.contains(&determiner) {
                Some(Gender::Masculine)
            } else {
                None
            }
        }
        _ => None,
    };
    if let Some(required) = required {
        for (score, candidate) in &mut scored {
            match lex.french(candidate).and_then(|f| f.only_gender()) {
                Some(g) if g == required => *score += 0.5,
                Some(_) => *score -= 2.0,
                None => {}
            }
        }
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(4).map(|(_, c)| c).collect()
}

/// The candidates for `form` scored without context (thesaurus homographs and cognates),
/// memoized per thread: the same English words recur across a corpus.
fn base_candidates(form: &str) -> Vec<(f32, String)> {
    thread_local! {
        static CACHE: std::cell::RefCell<std::collections::HashMap<String, Vec<(f32, String)>>> =
            std::cell::RefCell::new(std::collections::HashMap::new());
    }
    if let Some(hit) = CACHE.with(|c| c.borrow().get(form).cloned()) {
        return hit;
    }
    let lex = lexicons();
    let mut scored: Vec<(f32, String)> = Vec::new();
    for &(candidate, link) in lex.homographs_of(form) {
        let Some(french) = lex.french(candidate) else {
            continue;
        };
        if french.zipf() < 2.5 || candidate.chars().count() < 3 {
            continue;
        }
        scored.push((
            french.zipf() + THESAURUS_WEIGHT * link,
            candidate.to_string(),
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
    CACHE.with(|c| {
        let mut cache = c.borrow_mut();
        if cache.len() > 100_000 {
            cache.clear();
        }
        cache.insert(form.to_string(), scored.clone());
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
    // French cognates extend English words ("programme", "origine"), rarely shorten them
    // ("paper" is not "pape").
    if a.len() >= 4 && b.len() >= a.len() && b.len() - a.len() <= 2 && b.starts_with(&a) {
        return Some(0.9);
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
