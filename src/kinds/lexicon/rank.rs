//! Suggestions of the lexicon rule: the French words a flagged English word most likely
//! stands for, ranked by frequency, thesaurus link, meaning, spelling and agreement.

use super::*;

impl LexiconRule {
    /// The initial sound that the word before token `i` requires of a French word in its
    /// place: a vowel (or mute h) after an elided "l’", "d’", "qu’"; a consonant after "le",
    /// "de", "que" written in full on the same line.
    pub(super) fn required_initial(&self, doc: &Document, i: usize) -> Option<Initial> {
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
    pub(super) fn rank_suggestions(&self, doc: &Document, i: usize, form: &str) -> Vec<String> {
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
}

/// The bonus of a candidate the document uses elsewhere (half of it for one use, all of it
/// from about seven).
pub(super) const DOCUMENT_WEIGHT: f32 = 2.0;

/// The largest document bonus: `DOCUMENT_WEIGHT` times (1 + 2) / 2.
pub(super) const DOCUMENT_BONUS_MAX: f32 = DOCUMENT_WEIGHT * 1.5;

/// How many candidates a diagnostic shows (the first is the fix).
pub(super) const SHOWN: usize = 4;

/// The bonus of a candidate whose gender agrees with the determiner before the word.
pub(super) const GENDER_BONUS: f32 = 0.5;

/// The penalty of a candidate whose gender contradicts the determiner before the word.
pub(super) const GENDER_PENALTY: f32 = 2.0;

/// The penalty of a candidate whose initial sound contradicts the elision before the word.
pub(super) const INITIAL_PENALTY: f32 = 3.0;

/// The initial sound a word must have after the word before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Initial {
    /// A vowel or a mute h: after an elided "l’", "d’", "qu’".
    Vowel,
    /// A consonant or an aspirated h: after "le", "la", "de", "que" written in full.
    Consonant,
}

/// Whether `c` is a French vowel letter (y and h aside, which go either way).
pub(super) fn is_vowel(c: char) -> bool {
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
pub(super) fn is_consonant(c: char) -> bool {
    c.is_alphabetic() && !is_vowel(c) && c != 'h' && c != 'y'
}

/// How much a thesaurus link (0 to 1) weighs against French frequency (Zipf).
pub(super) const THESAURUS_WEIGHT: f32 = 3.0;

/// How much spelling closeness (0.9 to 1) weighs: a cognate is the literal translation, as
/// close in meaning as a strong thesaurus synonym.
pub(super) const COGNATE_WEIGHT: f32 = 5.0;

/// How much closeness in meaning (cosine, about 0.45 to 0.8 for listed neighbours) weighs.
pub(super) const SIMILARITY_WEIGHT: f32 = 4.0;

/// The penalty of a candidate whose grammatical number contradicts the English word's.
pub(super) const NUMBER_PENALTY: f32 = 1.5;

/// The candidates for `form` scored without context (thesaurus homographs and cognates),
/// memoized per thread: the same English words recur across a corpus.
pub(super) fn base_candidates(form: &str) -> std::rc::Rc<[(f32, Box<str>)]> {
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
pub(super) fn cognate_similarity(word: &str, candidate: &str) -> Option<f32> {
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
pub(super) fn base_letter(c: char) -> char {
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
pub(super) fn strip_accents(word: &str) -> String {
    word.chars().map(base_letter).collect()
}
