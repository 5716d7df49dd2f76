//! The candidates for a flagged English word, with the evidence that needs no context: the
//! French–English homographs it is a thesaurus synonym of or near in meaning (what a spinner
//! replaced), its French cognates, and the French words nearest to it across the two languages
//! (what a translator would write).

use super::*;

/// A French word that a flagged English word may stand for, with what the lexicons say of the
/// pair, whatever the text around.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Candidate {
    /// The French word, as the lexicons list it (shared with the suggestions made of it).
    pub word: std::rc::Rc<str>,
    /// Its French Zipf frequency.
    pub zipf: f32,
    /// The strength of the thesaurus link from the candidate to the English word (0 to 1).
    pub link: f32,
    /// How close the two words are in meaning (cosine of their embeddings; 0: not measured).
    pub similarity: f32,
    /// How surely the candidate is the English word's cognate (0, 0.9 or 1).
    pub cognate: f32,
    /// How close the English word is to the candidate read as French (cosine of a multilingual
    /// encoder's embeddings; 0: not measured): the evidence of a bilingual dictionary.
    pub translation: f32,
    /// Whether Moby Thesaurus II lists the candidate (in one of its forms) among the English
    /// word's synonyms, or the English word's singular's.
    pub moby: bool,
    /// Whether it is a candidate only because Moby Thesaurus II links it to the English word
    /// (`Homograph::loose`).
    pub loose: bool,
    /// The candidate's English Zipf frequency: a spinner replaces French words that are also
    /// English (0: not English).
    pub english: f32,
    /// Whether its grammatical number contradicts the English word's.
    pub number_clash: bool,
    /// Its lexicon reading.
    pub french: crate::lexicon::French,
    /// Its inflected forms, itself first ("document", "documents"): a use of any is a use of
    /// the word.
    pub forms: Box<[Box<str>]>,
    /// Whether it is only a part of the English word (`rank::part_of_word`): "international"
    /// for "internationalization". Known once per English word, as the candidates are.
    pub part_of_english: bool,
    /// Whether a listed French fixed expression holds it ([`locution::in_a_locution`]): only
    /// then may it complete one with the words around the flagged word. Known once per English
    /// word, as the candidates are.
    pub in_locution: bool,
}

/// The forms French inflection gives `word` read as `french` (an adjective's feminine and
/// plurals, a noun's plurals), `word` first.
fn inflected_forms(word: &str, french: crate::lexicon::French) -> Box<[Box<str>]> {
    let class = if french.adjective() {
        inflection::Class::Adjective
    } else {
        inflection::Class::Noun
    };
    inflection::forms(word, class)
        .into_iter()
        .map(String::into_boxed_str)
        .collect()
}

/// The candidates for `form`, memoized per thread: the same English words recur across a
/// corpus.
pub(super) fn base_candidates(form: &str) -> std::rc::Rc<[Candidate]> {
    type Cache = std::collections::HashMap<Box<str>, std::rc::Rc<[Candidate]>, FnvBuild>;
    thread_local! {
        static CACHE: std::cell::RefCell<Cache> = std::cell::RefCell::new(Cache::default());
    }
    if let Some(hit) = CACHE.with(|c| c.borrow().get(form).cloned()) {
        return hit;
    }
    let candidates: std::rc::Rc<[Candidate]> = gather(form).into();
    CACHE.with(|c| {
        let mut cache = c.borrow_mut();
        if cache.len() > 100_000 {
            cache.clear();
        }
        cache.insert(form.into(), candidates.clone());
    });
    candidates
}

/// The candidates for `form`, without the memo.
fn gather(form: &str) -> Vec<Candidate> {
    let lex = lexicons();
    let mut found: Vec<Candidate> = Vec::new();
    let english_plural = form.ends_with('s') && !form.ends_with("ss");
    let number_clash = |french: crate::lexicon::French| {
        if english_plural {
            french.singular() && !french.plural()
        } else {
            french.plural() && !french.singular()
        }
    };
    let english_zipf = |word: &str| lex.english(word).map_or(0.0, |e| e.zipf());
    // A cognate or a translation proposed is a common French noun or adjective, not a name.
    let proposable_from = |french: &crate::lexicon::French, least_zipf: f32| {
        french.zipf() >= least_zipf && !french.proper() && (french.noun() || french.adjective())
    };
    let proposable = |french: &crate::lexicon::French| proposable_from(french, PROPOSABLE_ZIPF);
    let singular = english_singular(form);
    // A candidate with no thesaurus link nor closeness in English: a cognate or a translation.
    let unlinked =
        |word: &str, french: crate::lexicon::French, translation, cognate, clash| Candidate {
            english: english_zipf(word),
            translation,
            forms: inflected_forms(word, french),
            word: word.into(),
            zipf: french.zipf(),
            link: 0.0,
            similarity: 0.0,
            cognate,
            number_clash: clash,
            moby: false,
            loose: false,
            french,
            part_of_english: false,
            in_locution: false,
        };
    // A homograph proposed is a common French word of three letters or more.
    let usable = |homograph: &crate::lexicon::Homograph| {
        lex.french(homograph.word)
            .filter(|f| f.zipf() >= 2.5 && homograph.word.chars().count() >= 3)
    };
    for homograph in lex.homographs_of(form) {
        if let Some(french) = usable(homograph) {
            found.push(homograph_candidate(
                form,
                homograph,
                french,
                number_clash(french),
            ));
        }
    }
    // A plural English word shares its singular's thesaurus senses ("origins" as "origin":
    // "source"), which the map lists under the singular alone; the candidate is put in the
    // plural where it is placed, so its number does not clash.
    if let Some(singular) = singular.as_deref() {
        for homograph in lex.homographs_of(singular) {
            let Some(french) = usable(homograph) else {
                continue;
            };
            let candidate = homograph_candidate(singular, homograph, french, false);
            // The plural's own list may hold the same word, or one of its forms ("zones" for
            // "areas"), measured in meaning only: it gets the singular's link too, and is put
            // in the plural like the others.
            match found
                .iter_mut()
                .find(|c| candidate.forms.iter().any(|form| **form == *c.word))
            {
                Some(known) => {
                    known.link = known.link.max(candidate.link);
                    known.similarity = known.similarity.max(candidate.similarity);
                    known.translation = known.translation.max(candidate.translation);
                    known.number_clash = false;
                }
                None => found.push(candidate),
            }
        }
    }
    for (word, french) in lex.french_cognates(form) {
        if !proposable(&french) {
            continue;
        }
        let Some(similarity) = cognate_similarity(form, &word) else {
            continue;
        };
        if found.iter().any(|c| *c.word == *word) {
            continue;
        }
        let translation = lex.translation_closeness(form, &word);
        found.push(unlinked(
            &word,
            french,
            translation,
            similarity,
            number_clash(french),
        ));
    }
    // The French words spelled from it by a correspondence of endings ("remarkable" →
    // "remarquable", "contracts" → "contrat"): a plural's from its singular, put in the plural
    // where it is placed.
    let spelled_from = std::iter::once((form, false)).chain(singular.as_deref().map(|s| (s, true)));
    let mut spelled = Vec::new();
    for (english, from_singular) in spelled_from {
        for spelling in cognate_spellings(english) {
            for (word, french) in lex.french_spelled(&spelling) {
                spelled.push((word, french, from_singular));
            }
        }
    }
    // The spelled cognates from French Zipf frequency `least_zipf` not among `found` yet.
    let add_spelled = |found: &mut Vec<Candidate>, least_zipf: f32| {
        for (word, french, from_singular) in &spelled {
            if !proposable_from(french, least_zipf)
                || *word == form
                || found.iter().any(|c| *c.word == **word)
            {
                continue;
            }
            let translation = match lex.translation_closeness(form, word) {
                0.0 => UNMEASURED_COGNATE_CLOSENESS,
                measured => measured,
            };
            let clash = !from_singular && number_clash(*french);
            found.push(unlinked(word, *french, translation, SPELLED_COGNATE, clash));
        }
    };
    add_spelled(&mut found, PROPOSABLE_ZIPF);
    // The French words a dictionary would translate it by, English or not ("level" → "niveau"):
    // what an unfinished translation left in English. A plural takes its singular's, put in the
    // plural where it is placed.
    let sources = std::iter::once((form, false)).chain(singular.as_deref().map(|s| (s, true)));
    for (english, from_singular) in sources {
        let measured: Vec<(&str, f32)> = lex.translations_of(english).collect();
        let best = measured
            .iter()
            .map(|(_, closeness)| *closeness)
            .fold(0.0, f32::max);
        let floor = TRANSLATION_CANDIDATE_FROM.max(best - TRANSLATION_CANDIDATE_WITHIN);
        for (word, closeness) in measured {
            if closeness < floor || word == form {
                continue;
            }
            if let Some(known) = found.iter_mut().find(|c| *c.word == *word) {
                known.translation = known.translation.max(closeness);
                // The singular's translation is put in the plural where it is placed.
                known.number_clash &= !from_singular;
                continue;
            }
            let Some(french) = lex.french(word).filter(proposable) else {
                continue;
            };
            let cognate = cognate_similarity(english, word)
                .or_else(|| suffix_cognate(english, word))
                .or_else(|| {
                    singular
                        .as_deref()
                        .and_then(|s| cognate_similarity(s, word))
                })
                .unwrap_or(0.0);
            let clash = !from_singular && number_clash(french);
            found.push(unlinked(word, french, closeness, cognate, clash));
        }
    }
    // A word nothing else gives a candidate keeps the rarer French words its regular
    // correspondence of endings spells: the technical terms a translation leaves ("maintainer"
    // → "mainteneur"), which French writes seldom but writes.
    if found.is_empty() {
        add_spelled(&mut found, RARE_COGNATE_ZIPF);
    }
    // A false friend is no translation, however alike the two words look ("comprehensive" is
    // no "compréhensif").
    found.retain(|c| {
        !super::false_friends::is_false_friend(form, &c.forms)
            && !singular
                .as_deref()
                .is_some_and(|s| super::false_friends::is_false_friend(s, &c.forms))
    });
    // The English word's own singular is the same word ("user" for "users"): were it the
    // French word meant, its plural would be French and nothing flagged.
    if let Some(singular) = singular.as_deref() {
        found.retain(|c| *c.word != *singular);
    }
    let moby: Vec<&str> = lex
        .moby_links_of(form)
        .chain(singular.iter().flat_map(|s| lex.moby_links_of(s)))
        .collect();
    let english = rank::unaccented_lowercase(form);
    for candidate in &mut found {
        candidate.moby = candidate.forms.iter().any(|f| moby.contains(&&**f));
        candidate.part_of_english = rank::part_of_word(&candidate.word, &english);
        candidate.in_locution = locution::in_a_locution(&candidate.word);
    }
    // Moby's loose synonyms of a word that a thesaurus links closely to a candidate and that a
    // dictionary translates are no likelier originals than those: "public" for "government".
    if found.iter().any(|c| c.link >= rank::CLOSE_LINK)
        && rank::dictionary_translation(&found).is_some()
    {
        found.retain(|c| !c.loose);
    }
    found
}

/// The cognate evidence of a French word spelled from the English one by a correspondence of
/// endings: that of [`suffix_cognate`].
const SPELLED_COGNATE: f32 = 0.8;

/// The closeness across the two languages given a cognate spelled by a correspondence of
/// endings whose closeness the data did not measure ("encourageant" for "encouraging"): the
/// mean of the 1,688 such cognates it measured (`data/translation-similarity.tsv`; median 0.86,
/// tenth percentile 0.70). Counted as 0, an unmeasured cognate lost to any word the encoder
/// put near the English one ("agissants").
const UNMEASURED_COGNATE_CLOSENESS: f32 = 0.84;

/// The least French Zipf frequency of a French word proposed as a cognate or a translation: a
/// common word, not a rarity that merely looks alike.
const PROPOSABLE_ZIPF: f32 = 2.5;

/// The least French Zipf frequency of a cognate spelled by a correspondence of endings that is
/// proposed for an English word with no other candidate (others need [`PROPOSABLE_ZIPF`]):
/// "mainteneur" (1.9) for "maintainer"; below it are mostly inflections and coinages French
/// hardly writes.
const RARE_COGNATE_ZIPF: f32 = 1.5;

/// The closeness across the two languages (`Lexicons::translation_closeness`) from which a
/// French word is a candidate by that evidence alone: the nearest words of a dictionary line,
/// below which the multilingual encoder's neighbours are mostly look-alikes ("caniveau" for
/// "level").
const TRANSLATION_CANDIDATE_FROM: f32 = 0.6;

/// How far below the English word's nearest French word a French word may be to be a candidate
/// by closeness alone: a dictionary's first translations, not every word of the field
/// ("national" for "countrywide", nearest "country"; not "horizontal" for "level", nearest
/// "niveau").
const TRANSLATION_CANDIDATE_WITHIN: f32 = 0.2;

/// The candidate that `homograph` of the English word `english` makes, read as `french`.
fn homograph_candidate(
    english: &str,
    homograph: &crate::lexicon::Homograph,
    french: crate::lexicon::French,
    number_clash: bool,
) -> Candidate {
    let lex = lexicons();
    Candidate {
        word: homograph.word.into(),
        zipf: french.zipf(),
        link: homograph.link,
        similarity: homograph.similarity,
        cognate: cognate_similarity(english, homograph.word).unwrap_or(0.0),
        translation: lex.translation_closeness(english, homograph.word),
        english: lex.english(homograph.word).map_or(0.0, |e| e.zipf()),
        number_clash,
        forms: inflected_forms(homograph.word, french),
        moby: false,
        loose: homograph.loose,
        french,
        part_of_english: false,
        in_locution: false,
    }
}

/// The singular of the English plural `form` ("origins" → "origin", "categories" →
/// "category", "boxes" → "box"), when the English lexicon knows it.
fn english_singular(form: &str) -> Option<String> {
    let lex = lexicons();
    let stem = form.strip_suffix('s').filter(|s| !s.ends_with('s'))?;
    let mut options = Vec::with_capacity(3);
    if let Some(y) = form.strip_suffix("ies") {
        options.push(format!("{y}y"));
    }
    if let Some(e) = form.strip_suffix("es")
        && (e.ends_with(['s', 'x', 'z']) || e.ends_with("ch") || e.ends_with("sh"))
    {
        options.push(e.to_string());
    }
    options.push(stem.to_string());
    options
        .into_iter()
        .find(|s| s.chars().count() >= 3 && lex.english(s).is_some())
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

/// The endings English and French give the same word: "economic" and "économique", "security"
/// and "sécurité", "remarkable" and "remarquable", "existing" and "existant", "contract" and
/// "contrat", "limited" and "limité", "initialization" and "initialisation", "virtualized"
/// and "virtualisé". A French ending is written with the accents it always has; the stem's are
/// found in the lexicon.
const COGNATE_ENDINGS: [(&str, &str); 27] = [
    ("ization", "isation"),
    ("ized", "isé"),
    ("izing", "isant"),
    ("ize", "iser"),
    ("ical", "ique"),
    ("ic", "ique"),
    ("ity", "ite"),
    ("ty", "te"),
    ("ive", "if"),
    ("ous", "eux"),
    ("ary", "aire"),
    ("ory", "oire"),
    ("our", "eur"),
    ("or", "eur"),
    ("er", "eur"),
    ("er", "re"),
    ("er", "ere"),
    ("al", "el"),
    ("ate", "at"),
    ("y", "ie"),
    ("able", "able"),
    ("ible", "ible"),
    ("ging", "geant"),
    ("cing", "cant"),
    ("ing", "ant"),
    ("ct", "t"),
    ("ed", "é"),
];

/// The spellings, without the stem's accents, of the French cognates the English `word`
/// (lowercase) may have by [`COGNATE_ENDINGS`], its stem written as [`stems_correspond`] allows:
/// "remarkable" → "remarquable", "additional" → "additionel", "additionnel".
pub(super) fn cognate_spellings(word: &str) -> Vec<String> {
    let mut spellings = Vec::new();
    if !word.is_ascii() {
        return spellings;
    }
    for (english, french) in COGNATE_ENDINGS {
        let Some(stem) = word.strip_suffix(english) else {
            continue;
        };
        if stem.len() < 3 {
            continue;
        }
        let last = stem.as_bytes()[stem.len() - 1];
        let mut stems = vec![stem.to_string()];
        if !b"aeiouy".contains(&last) {
            stems.push(format!("{stem}{}", char::from(last)));
        }
        if stem.contains("ch") {
            stems.push(stem.replace("ch", "c"));
        }
        if stem.contains('k') {
            stems.push(stem.replace('k', "qu"));
        }
        stems.extend(french_root(stem));
        spellings.extend(
            stems
                .into_iter()
                .map(|stem| format!("{stem}{french}"))
                .filter(|spelling| spelling != word),
        );
    }
    spellings.sort_unstable();
    spellings.dedup();
    spellings
}

/// How surely the French `candidate` is the English `word`'s cognate by a regular
/// correspondence of endings between the two languages ("economic" and "économique",
/// "security" and "sécurité", "dangerous" and "dangereux", "memory" and "mémoire", "editor" and
/// "éditeur", "center" and "centre", "natural" and "naturel", "favour" and "faveur",
/// "candidate" and "candidat"), on the same stem of three letters or more, or on stems that
/// differ only by spellings English and French write differently (a "ch" French writes "c",
/// "character" and "caractère"; a final consonant French doubles before its ending,
/// "personal" and "personnel"): 0.8, or `None`.
pub(super) fn suffix_cognate(word: &str, candidate: &str) -> Option<f32> {
    let (a, b) = (strip_accents(word), strip_accents(candidate));
    // `b` is `accented` without its accents; an ending written with an accent must have it
    // ("limité", not "limite", for "limited").
    let same_stem = |a: &str, b: &str, accented: &str| {
        COGNATE_ENDINGS.iter().any(|(english, french)| {
            let plain = match french.is_ascii() {
                true => std::borrow::Cow::Borrowed(*french),
                false => std::borrow::Cow::Owned(strip_accents(french)),
            };
            let (Some(english), Some(stem)) = (a.strip_suffix(english), b.strip_suffix(&*plain))
            else {
                return false;
            };
            english.chars().count() >= 3
                && (french.is_ascii() || accented.ends_with(french))
                && stems_correspond(english, stem)
        })
    };
    // Both plural: the singulars ("securities" and "sécurités").
    let singulars = || {
        let french = b.strip_suffix('s').or_else(|| b.strip_suffix('x'))?;
        let accented = candidate
            .strip_suffix('s')
            .or_else(|| candidate.strip_suffix('x'))?;
        let english = match a.strip_suffix("ies") {
            Some(stem) => format!("{stem}y"),
            None => a.strip_suffix('s')?.to_string(),
        };
        Some((english, french, accented))
    };
    (same_stem(&a, &b, candidate)
        || singulars().is_some_and(|(a, b, accented)| same_stem(&a, b, accented)))
    .then_some(SPELLED_COGNATE)
}

/// Whether the French stem `french` writes the English stem `english` (both without
/// accents): the same letters, but for an English "ch" French writes "c" ("charact",
/// "caract"), a "k" French writes "qu" ("remark", "remarqu") and a final consonant French
/// doubles ("person", "personn").
fn stems_correspond(english: &str, french: &str) -> bool {
    let doubled = || {
        let last = english.chars().last();
        let rest = french.strip_prefix(english).map(|rest| rest.chars());
        last.is_some_and(|last| !"aeiouy".contains(last))
            && rest.is_some_and(|mut rest| rest.next() == last && rest.next().is_none())
    };
    english == french
        || doubled()
        || (english.contains("ch") && english.replace("ch", "c") == french)
        || (english.contains('k') && english.replace('k', "qu") == french)
        || french_root(english).is_some_and(|root| root == french)
}

/// The Latin roots English and French write differently at the end of a stem: English
/// "-tain" is French "-ten" (Latin "tenere": "maintainer" and "mainteneur", "container" and
/// "conteneur", "maintainable" and "maintenable"), English "-ceiv" French "-cev" (Latin
/// "capere": "receivable" and "recevable", "receiver" and "receveur").
const LATIN_ROOTS: [(&str, &str); 2] = [("tain", "ten"), ("ceiv", "cev")];

/// The English stem `stem` with its Latin root written as French writes it ([`LATIN_ROOTS`]),
/// if it ends with one.
fn french_root(stem: &str) -> Option<String> {
    LATIN_ROOTS.iter().find_map(|(english, french)| {
        stem.strip_suffix(english)
            .map(|start| format!("{start}{french}"))
    })
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
