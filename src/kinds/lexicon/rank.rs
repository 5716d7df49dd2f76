//! Suggestions of the lexicon rule: the French words a flagged English word most likely
//! stands for, ranked by the weighed evidence of `evidence`, in the form that agrees with the
//! slot the word fills (`slot`, `inflection`), each with its probability.

use super::*;
use crate::config::Origin;
use crate::corpus::facts::{straight_word_hash, straight_word_hash_at, word_hash};
use crate::document::TranslationSigns;
use candidates::{Candidate, base_candidates};
use evidence::{
    Evidence, FEATURE_COUNT, NO_FIX_BELOW, document_reach, feature, neighbours_weigh, score,
    weights,
};
use slot::{Slot, SlotKind, agreeing_form};

/// A ranked suggestion: the French word in the form that fits the slot, and the score the
/// evidence gives it.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Suggestion {
    /// The French word, inflected to agree with the slot (shared with the per-thread memo of
    /// agreeing forms: a suggestion copies no string).
    pub word: std::rc::Rc<str>,
    /// The word as the lexicons list it, before inflection.
    pub listed: std::rc::Rc<str>,
    /// Its score (`evidence::score`).
    pub score: f32,
    /// Its closeness across the two languages to the English word (`Candidate::translation`;
    /// 0 when not measured), or `None` when other evidence than the ranking chose it (the
    /// document's own use of the word).
    pub translation: Option<f32>,
    /// Whether more than closeness in meaning ties it to the English word: a thesaurus link, a
    /// cognate spelling, a use elsewhere in the document, a fixed expression it completes, a
    /// closeness across the two languages from [`GROUNDED_TRANSLATION`], or the thesauri
    /// linking the English word to some candidate (a spinner's word, whose nearest homographs
    /// in meaning are its likely originals). Never a loose synonym (`Candidate::loose`) of a
    /// word a thesaurus links to another candidate from [`CLOSE_LINK`].
    pub grounded: bool,
    /// Whether it belongs to none of the word classes the English word may have: a French
    /// noun for an English adverb ("dernière" for "anymore"), a noun for a verb ("voyage"
    /// for "navigate" is also a verb form, and passes).
    pub other_class: bool,
    /// Whether it is only a part of the English word ([`part_of_word`]) that neither a
    /// thesaurus link nor a use elsewhere in the document ties to it: "international" for
    /// "internationalization".
    pub part_of_word: bool,
    /// Whether it is an English adjective French borrows and writes invariable, far more
    /// common in English than in French ([`english_loan`]): "new" for "current", "good" for
    /// "great" would put English in place of English.
    pub english_loan: bool,
}

/// Where a flagged word stands, as the ranking reads it: the slot it fills and the initial
/// sound the word before it requires. The report judges with it whether the first suggestion
/// fits there ([`LexiconRule::fits_in_place`]) without reading the words around again.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Place {
    /// The slot the word fills.
    pub slot: Slot,
    /// The initial sound the word before it requires of a word in its place.
    pub initial: Option<Initial>,
}

/// The ranked suggestions for a flagged word, best first, with the word's place when the
/// ranking read it (the word has candidates).
pub(super) struct Ranked {
    /// The suggestions, best first.
    pub suggestions: Vec<Suggestion>,
    /// Where the word stands, read once for the ranking and the report.
    pub place: Option<Place>,
}

/// Whether the evidence singles out the first of `suggestions` (best first) enough to make it
/// a fix: it is [`Suggestion::grounded`], not [`Suggestion::part_of_word`], nor of another word
/// class ([`Suggestion::other_class`]), nor an English loan ([`Suggestion::english_loan`]); its
/// probability, its share of exp(score) among them, reaches `NO_FIX_BELOW`; a dictionary
/// could translate the English word by it (closeness from `TRANSLATION_FLOOR`:
/// not "adonis" for "daemon"); and it would not translate the word by another of them far more
/// surely (by `TRANSLATION_DISSENT`: "weather" is "météo", not the thesaurus's "brave").
pub(super) fn sure(suggestions: &[Suggestion]) -> bool {
    let Some(first) = suggestions.first() else {
        return false;
    };
    if !first.grounded || first.part_of_word || first.other_class || first.english_loan {
        return false;
    }
    if let Some(closeness) = first.translation {
        let best = suggestions
            .iter()
            .filter_map(|s| s.translation)
            .fold(0.0, f32::max);
        if closeness < TRANSLATION_FLOOR || best - closeness > TRANSLATION_DISSENT {
            return false;
        }
    }
    let total: f32 = suggestions
        .iter()
        .map(|s| (s.score - first.score).exp())
        .sum();
    1.0 / total >= NO_FIX_BELOW
}

impl LexiconRule {
    /// The initial sound that the word before token `i` requires of a French word in its
    /// place: a vowel (or mute h) after an elided "l’", "d’", "qu’"; a consonant after "le",
    /// "de", "que" written in full on the same line.
    pub(super) fn required_initial(&self, doc: &Document, i: usize) -> Option<Initial> {
        let (Neighbour::Word(j), false) = doc.before_token(i) else {
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

    /// Ranks the French words an English `form` at token `i` most likely replaced: thesaurus
    /// homographs, neighbours in meaning and cognates (`candidates`), scored by the weighed
    /// evidence (`evidence`): French frequency, thesaurus link, closeness in meaning, spelling,
    /// whether the candidate is English too, what the slot requires (gender, number, part of
    /// speech, the initial sound an elision calls for) and what the document says (uses of the
    /// candidate, and next to the same words). Each is put in the form that agrees with the
    /// determiner and noun around the word; a candidate with no such form is dropped. Every
    /// candidate is returned, best first: the caller keeps those its mode allows, judges with
    /// [`sure`] whether the first makes a fix, and shows the first [`SHOWN`]. The word's
    /// place ([`Place`]) comes with them when it was read.
    pub(super) fn rank_suggestions(&self, doc: &Document, i: usize, form: &str) -> Ranked {
        let base = base_candidates(form);
        if base.is_empty() {
            return Ranked {
                suggestions: Vec::new(),
                place: None,
            };
        }
        let slot = self.agreement.slot(doc, i);
        let initial = self.required_initial(doc, i);
        let weighing = weighing(doc);
        // Under both weighings the evidence is gathered by the spun-text weights.
        let origin = match weighing {
            Weighing::One(origin) => origin,
            Weighing::Both => Origin::Spun,
        };
        let weights = weights(origin);
        // Moby's synonyms are a spinner's evidence: in a document that reads as an unfinished
        // translation, whose English words stand for their translations, they count for less.
        let moby_counts =
            if base.iter().any(|c| c.moby) && weights[const { feature("moby") }] != 0.0 {
                1.0 - doc.translation_signs(translation_signs).share
            } else {
                0.0
            };
        // Each candidate in the form that agrees with the slot; one with no such form is
        // dropped below.
        let placed = agreeing_forms(form, &base, &slot);
        let neighbours = (weights[const { feature("context") }] != 0.0
            || cfg!(feature = "rank-trace"))
        .then(|| Neighbours::of(doc, i));
        let mut scored: Vec<(f32, Evidence, usize)> = base
            .iter()
            .enumerate()
            .map(|(index, candidate)| {
                let mut evidence = context_free_evidence(candidate, &slot, initial);
                evidence[const { feature("moby") }] *= moby_counts;
                // Most candidates are in no listed expression, known once per English word.
                let completes =
                    candidate.in_locution && locution::completes_locution(doc, i, &candidate.word);
                evidence[const { feature("locution") }] = f32::from(u8::from(completes));
                if let Some(neighbours) = &neighbours {
                    let word = placed[index].as_deref().unwrap_or(&candidate.word);
                    evidence[const { feature("context") }] = neighbours.fit(word);
                }
                (score(&evidence, weights), evidence, index)
            })
            .collect();
        // A spinner replaces some occurrences of a word and leaves others: a candidate the
        // document uses elsewhere, next to the same words, is the likelier original. Only the
        // candidates that this evidence can lift among the shown ones are searched for.
        let shown_floor = shown_floor(scored.iter().map(|s| s.0));
        let reach = document_reach(weights);
        let mut unused = Vec::with_capacity(scored.len());
        let mut any_used = false;
        // A trace for fitting needs every candidate's evidence, and the mixture of both
        // weighings every candidate's score.
        let prunable = weighing != Weighing::Both && !cfg!(feature = "rank-trace");
        for (position, (total, evidence, index)) in scored.iter_mut().enumerate() {
            if prunable && *total + reach < shown_floor {
                continue;
            }
            let word = &base[*index].word;
            let uses = uses_of_any_form(doc, &base[*index]);
            if uses == 0 {
                unused.push(position);
                continue;
            }
            any_used = true;
            evidence[const { feature("document") }] = (1.0 + (uses as f32).ln().min(2.0)) / 2.0;
            // Counting the document's word pairs costs about 3 % of a run: only done when the
            // fitted weight makes the evidence count (or for a fitting trace).
            if neighbours_weigh(weights) || cfg!(feature = "rank-trace") {
                evidence[const { feature("neighbours") }] = neighbour_uses(doc, i, word) as f32;
            }
            *total = score(evidence, weights);
        }
        // In a document that reads as an unfinished translation, the dictionary's translation
        // the document writes elsewhere is the likelier original of the English word, also of
        // one French has in another sense ("file" for "fichier", "user" for "utilisateur").
        // A cognate of an English word French also has is that French word's kin, no
        // translation: "normal" standing for "standard" is a spinner's, not an unfinished
        // "normales".
        let foreign = doc.readings()[i].french().is_none();
        // `scored` is still in the candidates' order.
        if let Some(k) =
            dictionary_translation(&base).filter(|&k| foreign || base[k].cognate == 0.0)
            && uses_of_any_form(doc, &base[k]) > 0
        {
            let share = doc.translation_signs(translation_signs).share;
            let (total, evidence, _) = &mut scored[k];
            evidence[const { feature("untranslated") }] = share;
            *total = score(evidence, weights);
        }
        // A cognate the document never writes, where it writes another candidate, is the less
        // likely original ("régional" where "local" stands in other sentences); in a document
        // that writes none of them, nothing is known.
        if any_used {
            for position in unused {
                let (total, evidence, _) = &mut scored[position];
                evidence[const { feature("cognate_unused") }] =
                    evidence[const { feature("cognate") }];
                *total = score(evidence, weights);
            }
        }
        if weighing == Weighing::Both {
            mix_origins(
                &mut scored,
                doc.translation_signs(translation_signs).spun_belief,
            );
        }
        scored.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then_with(|| base[a.2].word.cmp(&base[b.2].word))
        });
        #[cfg(feature = "rank-trace")]
        trace(doc, i, form, &slot, &base, &scored, |c| {
            agreeing_form(&c.word, c.french, &slot, form)
        });
        // A word the thesauri link to some candidate is one a spinner picks, whose nearest
        // homographs in meaning are its likely originals (in spun text: a translation leaves
        // words it does not know, whatever their synonyms).
        let linked_word =
            weighing == Weighing::One(Origin::Spun) && base.iter().any(|c| c.link > 0.0);
        // Moby's synonyms of a word a thesaurus links closely are loose neighbours beside them.
        let closely_linked = base.iter().any(|c| c.link >= CLOSE_LINK);
        let english_classes = doc.readings()[i]
            .english()
            .map_or_else(Default::default, |english| english.classes());
        let mut ranked: Vec<Suggestion> = Vec::with_capacity(scored.len());
        for (value, evidence, index) in &scored {
            let candidate = &base[*index];
            let Some(word) = &placed[*index] else {
                continue;
            };
            if ranked.iter().any(|r| r.word == *word) {
                continue;
            }
            ranked.push(Suggestion {
                word: word.clone(),
                listed: candidate.word.clone(),
                score: *value,
                translation: Some(candidate.translation),
                grounded: !(closely_linked && candidate.loose)
                    && (linked_word || grounded(evidence)),
                other_class: english_classes.exclude(candidate.french.classes()),
                part_of_word: candidate.link == 0.0
                    && evidence[const { feature("document") }] == 0.0
                    && candidate.part_of_english,
                english_loan: english_loan(candidate),
            });
        }
        // An English loan is no French word to put in place of an English one, and French
        // text seldom holds one for a spinner to replace: it comes after every other candidate.
        // A part of the English word that nothing else ties to it ("initiale" for
        // "initialization", "super" for "supersedes") comes after the candidates evidence
        // grounds in the whole word ("initialisation"), when there is one.
        let parts_last = ranked.iter().any(|suggestion| suggestion.part_of_word)
            && ranked
                .iter()
                .any(|suggestion| !suggestion.part_of_word && suggestion.grounded);
        if parts_last || ranked.iter().any(|suggestion| suggestion.english_loan) {
            ranked.sort_by_key(|suggestion| {
                (
                    suggestion.english_loan,
                    parts_last && suggestion.part_of_word,
                )
            });
        }
        Ranked {
            suggestions: ranked,
            place: Some(Place { slot, initial }),
        }
    }
}

/// The [`SHOWN`]-th highest of `scores` (in the order of `f32::total_cmp`), or −∞ when there
/// are fewer: the least score a candidate needs to be shown. The best few are kept in order
/// as the scores come, with no list of them all to sort.
fn shown_floor(scores: impl Iterator<Item = f32>) -> f32 {
    let mut best = [0.0f32; SHOWN];
    let mut seen = 0;
    for score in scores {
        // Its place among the best so far, highest first.
        let mut at = seen.min(SHOWN);
        while at > 0 && score.total_cmp(&best[at - 1]).is_gt() {
            at -= 1;
        }
        if at < SHOWN {
            best.copy_within(at..seen.min(SHOWN - 1), at + 1);
            best[at] = score;
        }
        seen += 1;
    }
    if seen >= SHOWN {
        best[SHOWN - 1]
    } else {
        f32::NEG_INFINITY
    }
}

/// Each of `base`, the candidates for the English `form` (`base_candidates`), in the form that
/// agrees with `slot` (`None`: it cannot stand there), as [`agreeing_form`] gives it; memoized
/// per thread by English word and slot: the same English words recur across a corpus in the
/// same few slots, and one probe replaces one inflection lookup per candidate.
fn agreeing_forms(
    form: &str,
    base: &[Candidate],
    slot: &Slot,
) -> std::rc::Rc<[Option<std::rc::Rc<str>>]> {
    type Cache = std::collections::HashMap<
        Box<str>,
        Vec<(Slot, std::rc::Rc<[Option<std::rc::Rc<str>>]>)>,
        crate::lexicon::FnvBuild,
    >;
    thread_local! {
        static CACHE: std::cell::RefCell<Cache> = std::cell::RefCell::new(Cache::default());
    }
    let hit = CACHE.with(|c| {
        c.borrow().get(form).and_then(|by_slot| {
            by_slot
                .iter()
                .find(|(known, _)| known == slot)
                .map(|(_, forms)| forms.clone())
        })
    });
    if let Some(forms) = hit {
        return forms;
    }
    let forms: std::rc::Rc<[Option<std::rc::Rc<str>>]> = base
        .iter()
        .map(|c| agreeing_form(&c.word, c.french, slot, form).map(std::rc::Rc::from))
        .collect();
    CACHE.with(|c| {
        let mut cache = c.borrow_mut();
        if cache.len() > 100_000 {
            cache.clear();
        }
        cache
            .entry(form.into())
            .or_default()
            .push((*slot, forms.clone()));
    });
    forms
}

/// The words right before and right after a flagged word, lowercase with straight
/// apostrophes, when no punctuation parts them from it: what a word put in its place must fit
/// between.
struct Neighbours {
    before: Option<crate::lexicon::ContextNeighbour>,
    after: Option<crate::lexicon::ContextNeighbour>,
}

impl Neighbours {
    /// The neighbours of token `i`, with what the prose says of each alone, looked up once for
    /// all the candidates.
    fn of(doc: &Document, i: usize) -> Neighbours {
        let lex = lexicons();
        let word = |neighbour| match neighbour {
            (Neighbour::Word(j), _) => {
                Some(lex.context_neighbour(straightened(doc.folded_word(j)).into_owned()))
            }
            _ => None,
        };
        Neighbours {
            before: word(doc.before_token(i)),
            after: word(doc.after_token(i)),
        }
    }

    /// How well the French `word` fits between them (`Lexicons::context_fit`, summed over
    /// both sides).
    fn fit(&self, word: &str) -> f32 {
        // Most candidates are ASCII lowercase: their bytes tell, without decoding.
        let lowercase = if word.is_ascii() {
            !word.bytes().any(|b| b.is_ascii_uppercase())
        } else {
            !word.chars().any(char::is_uppercase)
        };
        let word = if !lowercase {
            Cow::Owned(word.to_lowercase())
        } else {
            Cow::Borrowed(word)
        };
        lexicons().context_fit_between(&word, self.before.as_ref(), self.after.as_ref())
    }
}

/// The closeness across the two languages from which the candidate nearest the English word
/// is what a dictionary gives as its translation. Set on the untranslated-word vocabulary of
/// `scripts/eval/spinner.sh` read per pair (`spin-table-leftover.tsv`): from 0.8, spinner
/// vocabularies lose right suggestions to cognates ("complete" → "complet" for "total").
const DICTIONARY_CLOSENESS: f32 = 0.85;

/// The candidate a dictionary would give as the translation of the English word: the one
/// nearest it across the two languages, from [`DICTIONARY_CLOSENESS`], and not an English word
/// itself (a spinner's original is one).
pub(super) fn dictionary_translation(base: &[Candidate]) -> Option<usize> {
    let (k, nearest) = base
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.translation.total_cmp(&b.1.translation))?;
    (nearest.translation >= DICTIONARY_CLOSENESS && nearest.english < 2.0).then_some(k)
}

/// The fewest distinct English words with candidates a document needs for the share of them
/// whose dictionary translation it writes to tell what produced it ([`translation_signs`]).
const UNFINISHED_MIN_WORDS: u32 = 3;

/// The share of a document's distinct English words with candidates whose dictionary
/// translation it writes elsewhere from which it reads as an unfinished translation
/// ([`translation_signs`]). In spun text the originals are homographs: over the documents of
/// the spun sets of `scripts/eval/spinner.sh` the share's median is 0.14 to 0.18 and its 90th
/// percentile 0.24 to 0.29 (3 of 721 documents reach 0.4, none of dev/spun or heldout). An
/// unfinished translation that translates some occurrences of a word and not others shows it:
/// 7 of the 11 documents of that script's untranslated vocabulary on dev/clean reach it.
const UNFINISHED_SHARE: f32 = 0.4;

/// How the ranking weighs the English words of a document: as the output of one origin, or,
/// for a document too short to tell, as either.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Weighing {
    /// By the weights of one origin ([`Origin::Spun`] or [`Origin::Translated`]).
    One(Origin),
    /// By both: each candidate's probability is the mixture of its probabilities as spun text
    /// and as an unfinished translation, spun text weighing the document's
    /// [`TranslationSigns::spun_belief`].
    Both,
}

/// How likely a document too short to tell is spun text before its English words are weighed
/// ([`spun_belief`]). No measure gives it: a text of one paragraph with an English word or two
/// may come from either. Set on the spinner and untranslated-word vocabularies of
/// `scripts/eval/spinner.sh` checked one paragraph per document (`MTLINT_SPINNER_SPLIT=1`,
/// `MTLINT_SPINNER_ORIGIN=auto`): at 0.8 every set gives fewer wrong fixes than weighing such
/// a text as spun, the two untranslated-word vocabularies get 6 points more first suggestions
/// right, and the spinner vocabularies lose at most half a point, but one 5 points; at 0.5 the
/// untranslated words gain 18 and 23 points and the spinner vocabularies lose up to 11.
const SPUN_PRIOR: f32 = 0.8;

/// The share of the English words of a paragraph of spun text whose dictionary translation the
/// same paragraph writes elsewhere (measured on dev/spun and the heldout vocabulary of
/// `scripts/eval/spinner.sh`, one paragraph per document: 16 of 510 words).
const WRITTEN_IN_SPUN: f32 = 0.03;

/// The same share in a paragraph of an unfinished translation (the untranslated-word
/// vocabulary of `scripts/eval/spinner.sh` on dev/clean: 101 of 844 words).
const WRITTEN_IN_TRANSLATION: f32 = 0.12;

/// How likely a document is spun text rather than an unfinished translation, given `words`
/// distinct English words of which `written` have their dictionary translation written
/// elsewhere in it: [`SPUN_PRIOR`] updated by the likelihood of each word under the two
/// origins ([`WRITTEN_IN_SPUN`], [`WRITTEN_IN_TRANSLATION`]). A translation written beside its
/// English word is the sign of a translation: one makes spun text four times less likely.
fn spun_belief(words: u32, written: u32) -> f32 {
    let unwritten = words.saturating_sub(written);
    let odds = SPUN_PRIOR / (1.0 - SPUN_PRIOR)
        * ((1.0 - WRITTEN_IN_SPUN) / (1.0 - WRITTEN_IN_TRANSLATION)).powi(unwritten as i32)
        * (WRITTEN_IN_SPUN / WRITTEN_IN_TRANSLATION).powi(written as i32);
    odds / (1.0 + odds)
}

/// What produced `doc`, as the ranking weighs its English words: the configured origin, or
/// for [`Origin::Auto`], [`Origin::Translated`] when the document reads as an unfinished
/// translation ([`translation_signs`]), [`Origin::Spun`] when it has enough English words to
/// tell and does not, and both when it has too few.
fn weighing(doc: &Document) -> Weighing {
    match doc.origin {
        Origin::Auto => {
            let signs = doc.translation_signs(translation_signs);
            if signs.unfinished {
                Weighing::One(Origin::Translated)
            } else if signs.telling {
                Weighing::One(Origin::Spun)
            } else {
                Weighing::Both
            }
        }
        origin => Weighing::One(origin),
    }
}

/// Replaces each score of `scored` (by the spun-text weights) with the logarithm of the
/// candidate's probability under [`Weighing::Both`]: the mixture, `spun_belief` to the rest, of
/// its share of exp(score) among the candidates by the spun-text weights and by the
/// translation weights.
fn mix_origins(scored: &mut [(f32, Evidence, usize)], spun_belief: f32) {
    let translated: Vec<f32> = scored
        .iter()
        .map(|(_, evidence, _)| score(evidence, weights(Origin::Translated)))
        .collect();
    let spun_total = log_sum_exp(scored.iter().map(|s| s.0));
    let translated_total = log_sum_exp(translated.iter().copied());
    for ((total, _, _), translated) in scored.iter_mut().zip(translated) {
        let probability = spun_belief * (*total - spun_total).exp()
            + (1.0 - spun_belief) * (translated - translated_total).exp();
        *total = probability.max(f32::MIN_POSITIVE).ln();
    }
}

/// The logarithm of the sum of the exponentials of `scores`, computed without overflow.
fn log_sum_exp(scores: impl Iterator<Item = f32> + Clone) -> f32 {
    let top = scores.clone().fold(f32::NEG_INFINITY, f32::max);
    top + scores.map(|s| (s - top).exp()).sum::<f32>().ln()
}

/// How much `doc` reads as an unfinished translation, from its English words (words French
/// does not have, not names) with candidates: the share of them whose dictionary translation
/// ([`dictionary_translation`]) the document writes elsewhere, counted at each occurrence (near
/// 0 in spun text, where the originals are homographs, and high in an unfinished translation,
/// which writes "fichier" in one sentence and leaves "file" in the next), and whether that
/// share among the distinct words reaches [`UNFINISHED_SHARE`] over at least
/// [`UNFINISHED_MIN_WORDS`] of them.
pub(super) fn translation_signs(doc: &Document) -> TranslationSigns {
    let mut occurrences: std::collections::HashMap<&str, u32, FnvBuild> = Default::default();
    for form in signal_forms(doc, &doc.lexicon_tokens(lexicon_tokens).english) {
        *occurrences.entry(form).or_default() += 1;
    }
    signs_of(occurrences, |candidate| uses_of_any_form(doc, candidate))
}

/// The folded form of each English token of `doc` that [`translation_signs`] weighs, once per
/// occurrence: words French does not have, common enough in English (Zipf 2 or more), neither
/// names nor capitalized. `weighable` are the tokens the lexicon rules weigh
/// ([`weighable_tokens`]): the English tokens without a French reading are all among them.
pub(super) fn signal_forms<'d>(
    doc: &'d Document,
    weighable: &'d [usize],
) -> impl Iterator<Item = &'d str> + 'd {
    let readings = doc.readings();
    weighable.iter().filter_map(move |&i| {
        let reading = readings[i];
        let english = reading.english()?;
        let token = doc.tokens[i];
        let weighed = english.zipf() >= 2.0
            && !english.proper()
            && reading.french().is_none()
            && !doc.text[token.start..].starts_with(char::is_uppercase);
        weighed.then(|| &doc.folded[token.range()])
    })
}

/// [`translation_signs`] of a document whose weighed English forms occur as `occurrences`
/// says (each form once, with its number of occurrences), where `uses` tells how many times
/// the document writes a candidate ([`uses_of_any_form`]).
pub(super) fn signs_of<'f>(
    occurrences: impl IntoIterator<Item = (&'f str, u32)>,
    uses: impl Fn(&Candidate) -> u32,
) -> TranslationSigns {
    let (mut translated, mut counted) = (0u32, 0u32);
    let (mut words, mut translated_words) = (0u32, 0u32);
    for (form, occurs) in occurrences {
        let base = base_candidates(form);
        if base.is_empty() {
            continue;
        }
        let found = dictionary_translation(&base).is_some_and(|k| uses(&base[k]) > 0);
        counted += occurs;
        words += 1;
        if found {
            translated += occurs;
            translated_words += 1;
        }
    }
    let share = if counted == 0 {
        0.0
    } else {
        translated as f32 / counted as f32
    };
    TranslationSigns {
        share,
        unfinished: words >= UNFINISHED_MIN_WORDS
            && translated_words as f32 >= UNFINISHED_SHARE * words as f32,
        telling: words >= UNFINISHED_MIN_WORDS,
        spun_belief: spun_belief(words, translated_words),
    }
}

/// The fewest letters the English word has beyond a French word's stem for that word to be
/// only a part of it ([`part_of_word`]): "cache" (stem "cach") is a part of "caching", "accès"
/// is not one of "access", nor "attribut" of "attributes".
const PART_OF_WORD_REST: usize = 3;

/// Whether the French word `french` is only a part of the English word `english`: its stem
/// (the word, or the word without a final "e" or "s"; accents aside), of 3 letters or more,
/// begins or ends `english`, which has at least [`PART_OF_WORD_REST`] letters more. A derived
/// or compound word means more than its part, and French derives its own ("international"
/// does not translate "internationalization", "cache" not "caching", "new" not "newbie",
/// "type" not "subtype"): such a candidate makes no fix unless a thesaurus links the two
/// ("fort" for "fortress") or the document writes it elsewhere.
///
/// `english` comes lowercase and without accents ([`unaccented_lowercase`]): the candidates
/// of an English word are all asked this of it, once (`candidates::base_candidates`).
pub(super) fn part_of_word(french: &str, english: &str) -> bool {
    let french = unaccented_lowercase(french);
    let mut stems = french
        .strip_suffix(['e', 's'])
        .into_iter()
        .chain([&*french]);
    stems.any(|stem| {
        stem.len() >= 3
            && english.len() >= stem.len() + PART_OF_WORD_REST
            && (english.starts_with(stem) || english.ends_with(stem))
    })
}

/// `word` lowercase and without accents, as [`part_of_word`] compares words: borrowed when it
/// is lowercase ASCII already, as most words are.
pub(super) fn unaccented_lowercase(word: &str) -> Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(candidates::strip_accents(&word.to_lowercase()))
    }
}

/// The closeness across the two languages from which a candidate is tied to the English word
/// by that evidence alone ([`Suggestion::grounded`]). Below it, a candidate with no other tie
/// than closeness in meaning is mostly wrong: on the spinner and untranslated-word
/// vocabularies of `scripts/eval/spinner.sh`, 48 such first candidates are right and 882 wrong
/// ("box" for "sandbox", "issue" for "reboot", "leaders" for "loaders").
const GROUNDED_TRANSLATION: f32 = 0.6;

/// The thesaurus link from which the English word is closely linked to a candidate: Moby's
/// loose synonyms of it (`Candidate::loose`) then make no fix, and none joins the candidates
/// when a dictionary also translates the word (`candidates::base_candidates`).
pub(super) const CLOSE_LINK: f32 = 0.5;

/// How much more common in English than in French (in Zipf units: a tenfold frequency each)
/// an invariable adjective is when French has it only as a loan written in English phrases
/// ("new look", "big bang", "live"): "new" 1.2 and "good" 2.0 (wordfreq), where the adjectives
/// French has made its own stay below ("standard" 0.6, "design" 0.8, "super" −0.2).
const ENGLISH_LOAN_MARGIN: f32 = 1.0;

/// Whether `candidate` is an English loan French writes as such: an adjective the French
/// lexicon has invariable in gender and number (as it lists "new", "good", "big", "live",
/// "standard"), more common in English by [`ENGLISH_LOAN_MARGIN`] or more. Proposed for an
/// English word, it is no French: the diagnostic lists it and makes no fix.
pub(super) fn english_loan(candidate: &Candidate) -> bool {
    let french = candidate.french;
    french.adjective()
        && french.singular()
        && french.plural()
        && french.masculine()
        && french.feminine()
        && candidate.english - candidate.zipf >= ENGLISH_LOAN_MARGIN
}

/// Whether `evidence` ties a candidate to the English word by more than closeness in meaning
/// (see [`Suggestion::grounded`]).
fn grounded(evidence: &Evidence) -> bool {
    [
        const { feature("link") },
        const { feature("cognate") },
        const { feature("document") },
        const { feature("locution") },
    ]
    .iter()
    .any(|&index| evidence[index] > 0.0)
        || evidence[const { feature("translation") }] >= GROUNDED_TRANSLATION
}

/// How much closer across the two languages another suggestion may be than the first, for the
/// first to make a fix. Set on the spinner and untranslated-word vocabularies of
/// `scripts/eval/spinner.sh` read per pair: from 0.5, the spinner sets keep every fix and the
/// untranslated words lose wrong ones; at 0.4, dev/spun loses 35 fixes, most of them right.
const TRANSLATION_DISSENT: f32 = 0.5;

/// The least closeness across the two languages for the first suggestion to make a fix. Set on
/// the vocabularies of `scripts/eval/spinner.sh`: at 0.35, dev/spun keeps every fix and the
/// other sets withhold more wrong fixes than right ones (blind: 64 wrong, 12 right; unseen: 4
/// wrong, 8 right); at 0.4, unseen loses 23 right fixes. On real machine translation
/// (`../shared/corpus/dev-mt`) it withholds "cool" for "unresponsive" and "comment" for
/// "username".
const TRANSLATION_FLOOR: f32 = 0.35;

/// How many times (up to 8) the document writes `candidate` in any of its inflected forms
/// ("documents" for "document", "locale" for "local"): a spinner replaces one form and leaves
/// the others, so every form is evidence that the document uses the word.
fn uses_of_any_form(doc: &Document, candidate: &Candidate) -> u32 {
    uses_of_forms(candidate, |form, limit| doc.count_of(form, limit))
}

/// [`uses_of_any_form`], where `count_of(form, limit)` tells how many times (up to `limit`)
/// the document writes `form`.
pub(super) fn uses_of_forms(candidate: &Candidate, count_of: impl Fn(&str, u32) -> u32) -> u32 {
    candidate
        .forms
        .iter()
        .map(|form| count_of(form, 8))
        .sum::<u32>()
        .min(8)
}

/// The evidence for `candidate` that needs no search of the document.
fn context_free_evidence(candidate: &Candidate, slot: &Slot, initial: Option<Initial>) -> Evidence {
    let mut evidence: Evidence = [0.0; FEATURE_COUNT];
    let french = candidate.french;
    evidence[const { feature("zipf") }] = candidate.zipf;
    evidence[const { feature("link") }] = candidate.link;
    evidence[const { feature("linked") }] = f32::from(u8::from(candidate.link > 0.0));
    evidence[const { feature("similarity") }] = candidate.similarity;
    evidence[const { feature("close") }] = (candidate.similarity - 0.5).max(0.0);
    evidence[const { feature("cognate") }] = candidate.cognate;
    evidence[const { feature("translation") }] = candidate.translation;
    evidence[const { feature("moby") }] = f32::from(u8::from(candidate.moby));
    evidence[const { feature("english") }] = f32::from(u8::from(candidate.english >= 2.0));
    evidence[const { feature("number_clash") }] = f32::from(u8::from(candidate.number_clash));
    // A noun keeps its gender; an adjective takes its noun's.
    let gendered = slot.kind == SlotKind::Noun && french.noun();
    if let (Some(required), true) = (slot.gender, gendered) {
        evidence[const { feature("gender") }] = match french.only_gender() {
            Some(g) if g == required => 1.0,
            Some(_) => -1.0,
            None => 0.0,
        };
    }
    let fits = match initial {
        Some(Initial::Vowel) => !candidate.word.starts_with(is_consonant),
        Some(Initial::Consonant) => !candidate.word.starts_with(is_vowel),
        None => true,
    };
    evidence[const { feature("initial_clash") }] = f32::from(u8::from(!fits));
    evidence[const { feature("class_fit") }] = match slot.kind {
        SlotKind::Noun if french.noun() => 1.0,
        SlotKind::Noun => -1.0,
        SlotKind::Adjective if french.adjective() => 1.0,
        SlotKind::Adjective if french.noun() => 0.0,
        SlotKind::Adjective => -1.0,
        SlotKind::Unknown => 0.0,
    };
    evidence
}

/// How many of token `i`'s two neighbours the document also writes next to `word` ("en" before
/// "charge" for "prise en load"): a spinner replaced this occurrence and left others. A pair is
/// a word or elided word and the word after it, one space or nothing between, apostrophes
/// straight or curly alike; the document is searched for `word` itself rather than for every
/// pair it holds.
fn neighbour_uses(doc: &Document, i: usize, word: &str) -> u32 {
    let pairs = match doc.part() {
        // One part of a large document: the pairs of the whole, gathered for every candidate.
        Some(part) => Some(part.facts.word_pairs()),
        None if doc.text.len() < PAIR_SET_FROM => None,
        // A large text: the few uses of a word are read one by one, until they have cost
        // about as much as fingerprinting every pair would.
        None => doc
            .built_word_pairs()
            .or_else(|| (!read_one_by_one(doc, word)).then(|| doc.word_pairs(word_pairs))),
    };
    neighbour_uses_by(doc, i, word, pairs)
}

/// Whether [`neighbour_uses`] reads the uses of `word` in a large text one by one: a word of
/// letters whose uses fit in what remains of the text's budget, [`BYTES_PER_USE_READ`]
/// bytes of text for each use read. Most texts ask about a few rare words only, and never
/// pay for fingerprinting their pairs.
fn read_one_by_one(doc: &Document, word: &str) -> bool {
    let word = crate::text::normalize::straightened(word);
    word.chars().all(|c| c.is_alphabetic() || c == '-')
        && doc.read_uses_within(
            doc.count_of(&word, u32::MAX) as usize,
            doc.text.len() / BYTES_PER_USE_READ,
        )
}

/// The bytes of text that pay for reading one use of a word in [`read_one_by_one`]. Reading a
/// use (its neighbours compared with the flagged word's) costs about 250 instructions, and
/// fingerprinting every pair 30 to 45 a byte of text: the reads of a text cost at most about
/// 4 instructions a byte, a tenth of the fingerprints, when the text asks about frequent words
/// and builds them too. On a text flagged as densely as the seeds (8 MB read whole), every
/// question is then answered at 1.3 % more instructions than from fingerprints alone; on
/// dev/clean, no text spends its budget.
const BYTES_PER_USE_READ: usize = 64;

/// [`neighbour_uses`], from fingerprinted `pairs` of the document ([`word_pairs`]) when given,
/// else by a search of its text for `word`: both answer the same.
fn neighbour_uses_by(
    doc: &Document,
    i: usize,
    word: &str,
    pairs: Option<&crate::corpus::facts::FingerprintSet>,
) -> u32 {
    use crate::text::normalize::straightened;
    let gap = |a: usize, b: usize| &doc.folded[doc.tokens[a].end..doc.tokens[b].start];
    let joins = |a: usize| matches!(doc.tokens[a].kind, TokenKind::Word | TokenKind::Elision);
    let before = (i > 0 && joins(i - 1) && matches!(gap(i - 1, i), " " | ""))
        .then(|| (straightened(doc.folded_word(i - 1)), gap(i - 1, i)));
    let after = (i + 1 < doc.tokens.len()
        && doc.tokens[i + 1].kind == TokenKind::Word
        && gap(i, i + 1) == " ")
        .then(|| straightened(doc.folded_word(i + 1)));
    let word = straightened(word);
    if (before.is_none() && after.is_none()) || word.is_empty() {
        return 0;
    }
    // How many words of the text write a word of letters, from the count of the document's
    // words (of this text alone, not of a larger document): none means no neighbours there.
    let written = (doc.part().is_none() && word.chars().all(|c| c.is_alphabetic() || c == '-'))
        .then(|| doc.count_of(&word, u32::MAX));
    if written == Some(0) {
        return 0;
    }
    // In a large document, a search per question would cost the whole text each time: its
    // pairs are fingerprinted once.
    if let Some(pairs) = pairs {
        let candidate = straight_word_hash(&word);
        let found_before = before.as_ref().is_some_and(|(previous, between)| {
            let (previous, between) = (straight_word_hash(previous), word_hash(between));
            pairs.contains(&pair_fingerprint(BEFORE, previous, between, candidate))
        });
        let found_after = after.as_ref().is_some_and(|next| {
            let (space, next) = (word_hash(" "), straight_word_hash(next));
            pairs.contains(&pair_fingerprint(AFTER, candidate, space, next))
        });
        return u32::from(found_before) + u32::from(found_after);
    }
    let is_word = |j: usize| straightened(doc.folded_word(j)) == word;
    // The tokens that write `word`: those the count of the text's words links under its
    // fingerprint, unless an apostrophe may be written either way. A token without an
    // apostrophe that writes it is a word (an elision ends with its apostrophe), and the
    // word's fingerprint may be another word's: each is compared.
    let (every_token, linked) = if word.contains('\'') {
        (
            Some((0..doc.tokens.len()).filter(|&j| joins(j) && is_word(j))),
            None,
        )
    } else {
        let links = doc.tokens_writing(&word);
        (None, Some(links.filter(|&j| doc.folded_word(j) == word)))
    };
    let uses = every_token
        .into_iter()
        .flatten()
        .chain(linked.into_iter().flatten());
    let (mut found_before, mut found_after) = (false, false);
    for j in uses {
        if let Some((previous, between)) = &before
            && !found_before
            && doc.tokens[j].kind == TokenKind::Word
            && j > 0
            && joins(j - 1)
            && gap(j - 1, j) == *between
            && straightened(doc.folded_word(j - 1)) == *previous
        {
            found_before = true;
        }
        if let Some(next) = &after
            && !found_after
            && j + 1 < doc.tokens.len()
            && doc.tokens[j + 1].kind == TokenKind::Word
            && gap(j, j + 1) == " "
            && straightened(doc.folded_word(j + 1)) == *next
        {
            found_after = true;
        }
        if found_before == before.is_some() && found_after == after.is_some() {
            break;
        }
    }
    u32::from(found_before) + u32::from(found_after)
}

/// The size of text from which [`neighbour_uses`] reads the document's pairs of words from
/// their fingerprints ([`word_pairs`]) rather than searching the text for the candidate. A
/// search reads the whole text for each candidate, so its cost per byte grows with the
/// text's size; fingerprinting reads each pair once. Measured on text flagged as densely as
/// the seeds: searches cost about 760 instructions per byte of a 550 kB text, fingerprints
/// about 90 per byte at any size, and the two meet near 64 kB. The parts of a large file
/// (about 1 MB each) are above it.
const PAIR_SET_FROM: usize = 64 << 10;

/// The side of a pair the candidate stands on in [`pair_fingerprint`]: the second word.
const BEFORE: u8 = 1;
/// The side of a pair the candidate stands on in [`pair_fingerprint`]: the first word.
const AFTER: u8 = 2;

/// The fingerprint of the pair `first` `between` `second` as [`neighbour_uses`] looks it up,
/// for the candidate on `side`, from the fingerprints of its words ([`straight_word_hash`]) and
/// of the gap ([`word_hash`]): each word of the document is fingerprinted once, not once per
/// pair it is in.
fn pair_fingerprint(side: u8, first: u64, between: u64, second: u64) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325 ^ u64::from(side);
    for part in [first, between, second] {
        // A multiply by an odd constant and a shift mix every bit of the part into the hash.
        hash = (hash ^ part).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        hash ^= hash >> 29;
    }
    hash
}

/// Every pair of adjacent words of `doc` that [`neighbour_uses`] may ask about, fingerprinted:
/// a word (or elided word) and the word after it with one space or nothing between, for the
/// candidate as the second word; a word (or elided word) and the word after it with one space,
/// for the candidate as the first. Apostrophes are straightened.
fn word_pairs(doc: &Document) -> crate::corpus::facts::FingerprintSet {
    word_pairs_where(doc, |_| true, |_| true)
}

/// The questions [`neighbour_uses`] may ask about token `i`, each as the fingerprint of its pair
/// without the candidate ([`pair_fingerprint`] with 0 on the candidate's side): the word
/// before it with the gap between them, and the word after it.
pub(super) fn neighbour_contexts(doc: &Document, i: usize) -> [Option<u64>; 2] {
    let gap = |a: usize, b: usize| &doc.folded[doc.tokens[a].end..doc.tokens[b].start];
    let joins = |a: usize| matches!(doc.tokens[a].kind, TokenKind::Word | TokenKind::Elision);
    let hash = |a: usize| straight_word_hash_at(&doc.folded, doc.tokens[a].range());
    let before = (i > 0 && joins(i - 1) && matches!(gap(i - 1, i), " " | ""))
        .then(|| pair_fingerprint(BEFORE, hash(i - 1), word_hash(gap(i - 1, i)), 0));
    let after = (i + 1 < doc.tokens.len()
        && doc.tokens[i + 1].kind == TokenKind::Word
        && gap(i, i + 1) == " ")
        .then(|| pair_fingerprint(AFTER, 0, word_hash(" "), hash(i + 1)));
    [before, after]
}

/// [`word_pairs`], keeping a pair when `candidate` holds of the fingerprint of the word on the
/// candidate's side ([`straight_word_hash`]) and `context` of the fingerprint of the pair
/// without it, as [`neighbour_contexts`] gives it (asked only of a candidate).
pub(super) fn word_pairs_where(
    doc: &Document,
    candidate: impl Fn(u64) -> bool,
    context: impl Fn(u64) -> bool,
) -> crate::corpus::facts::FingerprintSet {
    let keep = |word: u64, pair: &dyn Fn() -> u64| candidate(word) && context(pair());
    let joins = |a: usize| matches!(doc.tokens[a].kind, TokenKind::Word | TokenKind::Elision);
    let (space, nothing) = (word_hash(" "), word_hash(""));
    let mut pairs = crate::corpus::facts::FingerprintSet::default();
    // The fingerprint of the word before, when it may begin a pair.
    let mut first: Option<u64> = None;
    for j in 0..doc.tokens.len() {
        let second = joins(j).then(|| straight_word_hash_at(&doc.folded, doc.tokens[j].range()));
        if let (Some(first), Some(second), true) =
            (first, second, doc.tokens[j].kind == TokenKind::Word)
        {
            let between = &doc.folded[doc.tokens[j - 1].end..doc.tokens[j].start];
            if between.is_empty() {
                if keep(second, &|| pair_fingerprint(BEFORE, first, nothing, 0)) {
                    pairs.insert(pair_fingerprint(BEFORE, first, nothing, second));
                }
            } else if between == " " {
                if keep(second, &|| pair_fingerprint(BEFORE, first, space, 0)) {
                    pairs.insert(pair_fingerprint(BEFORE, first, space, second));
                }
                if keep(first, &|| pair_fingerprint(AFTER, 0, space, second)) {
                    pairs.insert(pair_fingerprint(AFTER, first, space, second));
                }
            }
        }
        first = second;
    }
    pairs
}

/// Writes the candidates of token `i` and their evidence to standard error, one JSON object a
/// line, for `scripts/eval/fit_ranking.py` (built with `--features rank-trace` only).
#[cfg(feature = "rank-trace")]
fn trace(
    doc: &Document,
    i: usize,
    form: &str,
    slot: &Slot,
    base: &[Candidate],
    scored: &[(f32, Evidence, usize)],
    agreeing: impl Fn(&Candidate) -> Option<String>,
) {
    let candidates: Vec<serde_json::Value> = scored
        .iter()
        .map(|(_, evidence, index)| {
            let candidate = &base[*index];
            serde_json::json!({
                "word": &*candidate.word,
                "form": agreeing(candidate),
                "evidence": evidence.to_vec(),
            })
        })
        .collect();
    let line = serde_json::json!({
        "start": doc.tokens[i].start,
        "end": doc.tokens[i].end,
        "english": form,
        "slot": format!("{:?}", slot),
        "candidates": candidates,
    });
    eprintln!("RANK-TRACE {line}");
}

/// How many candidates a diagnostic shows (the first is the fix).
pub(super) const SHOWN: usize = 4;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shown_floor_is_the_score_a_sort_would_put_in_its_place() {
        let mut below = crate::fixture_texts::random_below(7);
        let values = [
            -1.5,
            0.0,
            -0.0,
            2.25,
            7.0,
            f32::NEG_INFINITY,
            f32::INFINITY,
            f32::NAN,
            -f32::NAN,
        ];
        for _ in 0..2000 {
            let scores: Vec<f32> = (0..below(12))
                .map(|_| match below(3) {
                    0 => values[below(values.len())],
                    _ => below(1000) as f32 / 100.0 - 5.0,
                })
                .collect();
            let mut sorted = scores.clone();
            sorted.sort_by(|a, b| b.total_cmp(a));
            let expected = sorted.get(SHOWN - 1).copied().unwrap_or(f32::NEG_INFINITY);
            let floor = shown_floor(scores.iter().copied());
            assert_eq!(floor.to_bits(), expected.to_bits(), "{scores:?}");
        }
    }

    fn suggestion(word: &str, score: f32, translation: f32) -> Suggestion {
        Suggestion {
            word: word.into(),
            listed: word.into(),
            score,
            translation: Some(translation),
            grounded: true,
            other_class: false,
            part_of_word: false,
            english_loan: false,
        }
    }

    #[test]
    fn moby_synonyms_give_way_to_a_close_link_and_a_translation() {
        let words = |english: &str| -> Vec<(String, bool)> {
            base_candidates(english)
                .iter()
                .map(|c| (c.word.to_string(), c.loose))
                .collect()
        };
        // "government": "administration" is closely linked, "gouvernement" its translation.
        let government = words("government");
        assert!(government.iter().all(|(_, loose)| !loose), "{government:?}");
        // "chart": no close link, Moby's "table" joins the candidates.
        let chart = words("chart");
        assert!(chart.contains(&("table".to_string(), true)), "{chart:?}");
    }

    #[test]
    fn remembered_agreeing_forms_are_those_of_each_candidate() {
        use crate::lexicon::Gender;
        let slots = [SlotKind::Noun, SlotKind::Adjective, SlotKind::Unknown]
            .into_iter()
            .flat_map(|kind| {
                [None, Some(Gender::Masculine), Some(Gender::Feminine)]
                    .into_iter()
                    .flat_map(move |gender| {
                        [
                            None,
                            Some(inflection::Number::Singular),
                            Some(inflection::Number::Plural),
                        ]
                        .map(|number| Slot {
                            kind,
                            gender,
                            number,
                        })
                    })
            });
        let english = [
            "government",
            "chart",
            "origins",
            "server",
            "files",
            "worldwide",
            "areas",
            "zzzz",
        ];
        let mut some = 0;
        for slot in slots {
            for form in english {
                let base = base_candidates(form);
                // Asked twice: computed, then remembered.
                for _ in 0..2 {
                    let forms = agreeing_forms(form, &base, &slot);
                    assert_eq!(forms.len(), base.len());
                    for (candidate, placed) in base.iter().zip(forms.iter()) {
                        let direct = agreeing_form(&candidate.word, candidate.french, &slot, form);
                        assert_eq!(
                            placed.as_deref(),
                            direct.as_deref(),
                            "{form} {slot:?} {}",
                            candidate.word
                        );
                        some += usize::from(direct.is_some());
                    }
                }
            }
        }
        assert!(some > 100, "{some}");
    }

    #[test]
    fn the_place_the_ranking_reads_is_the_place_of_the_word() {
        let rule = crate::kinds::lexicon::builtin_lexicon_rule(Mode::English);
        let mut read = 0;
        for text in crate::fixture_texts::fixture_texts(&["seeds"]) {
            let doc = Document::new(&text, crate::formats::Format::Text);
            for &i in doc.english_tokens().iter().take(40) {
                let form = straightened(doc.folded_word(i)).into_owned();
                let ranked = rule.rank_suggestions(&doc, i, &form);
                let Some(place) = ranked.place else {
                    assert!(ranked.suggestions.is_empty(), "{form}");
                    continue;
                };
                read += 1;
                let expected = Place {
                    slot: rule.agreement.slot(&doc, i),
                    initial: rule.required_initial(&doc, i),
                };
                assert_eq!(place, expected, "{form}");
            }
        }
        assert!(read >= 20, "{read}");
    }

    #[test]
    fn a_fix_needs_a_probable_first_candidate() {
        assert!(sure(&[
            suggestion("client", 10.0, 0.9),
            suggestion("service", 5.0, 0.4)
        ]));
        let even = [
            suggestion("client", 10.0, 0.9),
            suggestion("service", 10.0, 0.9),
            suggestion("usager", 10.0, 0.9),
        ];
        assert!(!sure(&even), "a third of the probability is not enough");
        assert!(!sure(&[]));
    }

    #[test]
    fn a_fix_needs_a_candidate_a_dictionary_could_give() {
        // "daemon": the thesaurus neighbour "adonis" is no translation of it.
        assert!(!sure(&[suggestion("adonis", 10.0, 0.3)]));
        assert!(sure(&[suggestion("démon", 10.0, 0.7)]));
        let by_the_document = Suggestion {
            translation: None,
            ..suggestion("local", 10.0, 0.0)
        };
        assert!(
            sure(&[by_the_document]),
            "the document's own use is evidence enough"
        );
        let only_near_in_meaning = Suggestion {
            grounded: false,
            ..suggestion("box", 10.0, 0.52)
        };
        assert!(
            !sure(&[only_near_in_meaning]),
            "closeness in meaning alone makes no fix"
        );
    }

    #[test]
    fn an_english_loan_makes_no_fix() {
        let candidate = |english: &str, french: &str| {
            base_candidates(english)
                .iter()
                .find(|c| &*c.word == french)
                .cloned()
                .unwrap_or_else(|| panic!("{french} is a candidate for {english}"))
        };
        assert!(english_loan(&candidate("current", "new")));
        assert!(english_loan(&candidate("great", "good")));
        // Adjectives French has made its own, invariable or not.
        assert!(!english_loan(&candidate("normal", "standard")));
        assert!(!english_loan(&candidate("great", "grand")));
        let loan = Suggestion {
            english_loan: true,
            ..suggestion("new", 10.0, 0.9)
        };
        assert!(!sure(&[loan]), "an English loan makes no fix");
        // Ranked, a loan comes after every other candidate: "grand", "excellent" before
        // "good", which the evidence alone puts first here.
        let rule = crate::kinds::lexicon::builtin_lexicon_rule(Mode::English);
        let text = "Il n'y a pas great chose qui peut être fait.";
        let doc = Document::new(text, crate::formats::Format::Text);
        let i = doc
            .english_tokens()
            .iter()
            .copied()
            .find(|&i| doc.folded_word(i) == "great")
            .expect("\"great\" is English");
        let ranked = rule.rank_suggestions(&doc, i, "great");
        let loans = ranked.suggestions.iter().position(|s| s.english_loan);
        assert!(
            loans.is_some_and(|first_loan| ranked.suggestions[first_loan..]
                .iter()
                .all(|s| s.english_loan)
                && first_loan > 0),
            "{:?}",
            ranked
                .suggestions
                .iter()
                .map(|s| &*s.word)
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_part_of_the_english_word_is_not_its_translation() {
        for (french, english) in [
            ("international", "internationalization"),
            ("cache", "caching"),
            ("new", "newbie"),
            ("type", "subtype"),
            ("breaks", "breakages"),
            ("tunnel", "tunneling"),
        ] {
            assert!(part_of_word(french, english), "{french} in {english}");
        }
        // Inflections and cognates differ by fewer letters; other words share no stem.
        for (french, english) in [
            ("accès", "access"),
            ("attributs", "attributes"),
            ("série", "series"),
            ("systèmes", "systems"),
            ("acronyme", "acronym"),
            ("défaut", "default"),
            ("de", "default"),
        ] {
            assert!(!part_of_word(french, english), "{french} in {english}");
        }
        let part = Suggestion {
            part_of_word: true,
            ..suggestion("international", 10.0, 0.9)
        };
        assert!(!sure(&[part]), "a part of the word makes no fix");
    }

    #[test]
    fn a_fix_is_withheld_when_a_dictionary_translates_the_word_by_another_candidate() {
        // "weather": the thesaurus says "brave" (to weather a storm), a dictionary "météo".
        let dissent = [
            suggestion("brave", 10.0, 0.26),
            suggestion("météorologique", 5.0, 0.8),
        ];
        assert!(!sure(&dissent));
        let agree = [
            suggestion("option", 10.0, 0.7),
            suggestion("choix", 5.0, 0.93),
        ];
        assert!(
            sure(&agree),
            "a spinner's original need not be the nearest translation"
        );
    }

    /// Token index of the first word `word` of `doc`.
    fn token_of(doc: &Document, word: &str) -> usize {
        (0..doc.tokens.len())
            .find(|&j| doc.folded_word(j) == word)
            .expect("the word is in the text")
    }

    #[test]
    fn neighbour_uses_counts_each_side_once() {
        let doc = Document::new(
            "Le marché regional ouvre tôt. Le marché local ouvre tard, le marché local aussi.",
            crate::formats::Format::Text,
        );
        let i = token_of(&doc, "regional");
        assert_eq!(
            neighbour_uses(&doc, i, "local"),
            2,
            "after “marché”, before “ouvre”"
        );
        assert_eq!(neighbour_uses(&doc, i, "tard"), 0);
        assert_eq!(
            neighbour_uses(&doc, i, "loc"),
            0,
            "a part of a word is no use"
        );
    }

    #[test]
    fn the_fingerprinted_pairs_answer_as_the_search_does() {
        let doc = Document::new(
            "L’call est parti. Puis l'appel revint, et  appel encore. Le marché local ouvre \
             tard, le marché regional aussi ; prise en load, mise en charge, en charge-lourde.",
            crate::formats::Format::Text,
        );
        let words: Vec<String> = (0..doc.tokens.len())
            .map(|j| doc.folded_word(j).to_string())
            .collect();
        let every_pair = word_pairs(&doc);
        for word in &words {
            // The pairs kept for this candidate alone, as a part of a large document keeps
            // those of the ranking's candidates.
            let candidate = straight_word_hash(&straightened(word));
            for (i, token) in words.iter().enumerate() {
                // Only the pairs of this candidate in the contexts of this token.
                let contexts = neighbour_contexts(&doc, i);
                let its_pairs = word_pairs_where(
                    &doc,
                    |hash| hash == candidate,
                    |context| contexts.contains(&Some(context)),
                );
                let searched = neighbour_uses_by(&doc, i, word, None);
                assert_eq!(
                    neighbour_uses_by(&doc, i, word, Some(&every_pair)),
                    searched,
                    "token {i} ({token}), candidate {word}"
                );
                assert_eq!(
                    neighbour_uses_by(&doc, i, word, Some(&its_pairs)),
                    searched,
                    "token {i} ({token}), candidate {word}, its pairs in its contexts alone"
                );
            }
        }
    }

    #[test]
    fn a_large_text_reads_the_uses_of_words_until_fingerprints_cost_less() {
        // 84 kB (above the size from which pairs may be fingerprinted), where "central" is
        // written 300 times and "local" 2,700.
        let text = format!(
            "{}Le marché regional aussi, et le marché national.",
            ("Le marché local ouvre tard. ".repeat(9) + "Le marché central ouvre tôt. ")
                .repeat(300)
        );
        assert!(text.len() >= PAIR_SET_FROM);
        let doc = Document::new(&text, crate::formats::Format::Text);
        let i = token_of(&doc, "regional");
        assert_eq!(neighbour_uses(&doc, i, "national"), 1, "after “marché”");
        assert!(
            doc.built_word_pairs().is_none(),
            "one use of a rare word is read, not every pair fingerprinted"
        );
        // Each question about "central" reads its 300 uses: the budget of the text's bytes
        // lasts for as many questions as it holds 300 uses; "local" has too many uses for
        // what remains, and the pairs are built.
        let questions = (text.len() / BYTES_PER_USE_READ - 1) / 300;
        assert!(questions >= 2, "{questions}");
        for question in 0..questions {
            assert_eq!(neighbour_uses(&doc, i, "central"), 1, "question {question}");
            assert!(doc.built_word_pairs().is_none(), "question {question}");
        }
        assert_eq!(neighbour_uses(&doc, i, "local"), 1, "from the fingerprints");
        assert!(doc.built_word_pairs().is_some(), "the budget is spent");
        assert_eq!(
            neighbour_uses(&doc, i, "national"),
            1,
            "from the fingerprints"
        );
    }

    #[test]
    fn neighbour_uses_needs_the_same_gap_and_takes_apostrophes_alike() {
        let doc = Document::new(
            "L’call est parti. Puis l'appel revint, et  appel encore.",
            crate::formats::Format::Text,
        );
        let i = token_of(&doc, "call");
        assert_eq!(neighbour_uses(&doc, i, "appel"), 1, "l’ and l' alike");
        let doc = Document::new(
            "Le call est parti. Le  appel revint.",
            crate::formats::Format::Text,
        );
        let i = token_of(&doc, "call");
        assert_eq!(
            neighbour_uses(&doc, i, "appel"),
            0,
            "two spaces make no pair"
        );
    }

    #[test]
    fn a_translation_written_beside_its_english_word_makes_spun_text_less_likely() {
        assert_eq!(spun_belief(0, 0), SPUN_PRIOR);
        // A word whose translation is not written is a little more likely in spun text.
        assert!(spun_belief(1, 0) > SPUN_PRIOR);
        assert!(spun_belief(2, 0) > spun_belief(1, 0));
        // One written translation makes spun text four times less likely: even odds.
        assert!((spun_belief(1, 1) - 0.5).abs() < 1e-6);
        assert!(spun_belief(2, 2) < 0.25);
        // More written translations than words cannot happen, and would not panic.
        assert!(spun_belief(1, 2) < 0.5);
    }

    #[test]
    fn mixed_origins_give_each_candidate_a_probability() {
        let translated_weights = weights(Origin::Translated);
        let spun_weights = weights(Origin::Spun);
        // One candidate the spun-text weights prefer (a common English word), one the
        // translation weights prefer (a cognate that is not English).
        let mut homograph = [0.0; FEATURE_COUNT];
        homograph[feature("english")] = 1.0;
        homograph[feature("link")] = 1.0;
        homograph[feature("linked")] = 1.0;
        let mut cognate = [0.0; FEATURE_COUNT];
        cognate[feature("cognate")] = 1.0;
        cognate[feature("translation")] = 0.9;
        let scored = |belief: f32| {
            let mut scored = vec![
                (score(&homograph, spun_weights), homograph, 0),
                (score(&cognate, spun_weights), cognate, 1),
            ];
            mix_origins(&mut scored, belief);
            scored
        };
        for belief in [0.0, 0.3, 0.8, 1.0] {
            let total: f32 = scored(belief).iter().map(|s| s.0.exp()).sum();
            assert!((total - 1.0).abs() < 1e-4, "{belief}: {total}");
        }
        let spun = scored(1.0);
        let translated = scored(0.0);
        assert_eq!(
            spun[0].0 > spun[1].0,
            score(&homograph, spun_weights) > score(&cognate, spun_weights)
        );
        assert_eq!(
            translated[0].0 > translated[1].0,
            score(&homograph, translated_weights) > score(&cognate, translated_weights)
        );
        // The cognate gains probability as the belief in spun text falls.
        assert!(scored(0.2)[1].0 > scored(0.8)[1].0);
    }

    #[test]
    fn log_sum_exp_neither_overflows_nor_loses_the_largest_score() {
        assert!((log_sum_exp([0.0f32, 0.0].into_iter()) - 2f32.ln()).abs() < 1e-6);
        assert!((log_sum_exp([1000.0f32, 0.0].into_iter()) - 1000.0).abs() < 1e-3);
        assert!(log_sum_exp([1000.0f32, 1000.0].into_iter()).is_finite());
    }
}
