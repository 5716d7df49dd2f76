//! What the lexicon rules read of a whole document when it is checked part by part: a large
//! file's parts are linted one by one, and the ranking of suggestions asks the whole document
//! how it uses the candidates (their counts, the words next to them), whether it reads as an
//! unfinished translation, and how it uses an English word as a term. The first pass over the
//! parts gathers the English forms they hold ([`ranking_forms`]); once every part is read,
//! [`settle_ranking`] answers what the word counts tell and lists the candidates; a second
//! pass gathers, for those alone, what the text around them says ([`part_ranking_facts`]).

use super::candidates::base_candidates;
use super::detect::{STRONG_ENGLISH_ZIPF, marked_as_term, word_bounded};
use super::rank::{neighbour_contexts, signal_forms, signs_of, uses_of_forms, word_pairs_where};
use super::*;
use crate::corpus::facts::{
    FingerprintSet, PartRankingFacts, RankingFacts, RankingForms, straight_word_hash, word_hash,
};
use rayon::prelude::*;

/// What the ranking of suggestions asks about the whole document, read from `doc`, one part of
/// it: the forms the signs of an unfinished translation weigh with their occurrences, the form
/// of every English token whose candidates one of the `ranking` rules may rank (its mode's
/// lexical test lets the token through), and the forms whose uses as a term of the document
/// the `english` mode may ask (English words French has not, common enough in English to be
/// reported as such).
pub fn ranking_forms(doc: &Document, ranking: &[&LexiconRule]) -> RankingForms {
    // The tokens the lexicon rules weigh, without the unknown words the lint finds with them.
    let weighable = weighable_tokens(doc);
    let mut signals: std::collections::HashMap<&str, u32, FnvBuild> = Default::default();
    for form in signal_forms(doc, &weighable) {
        *signals.entry(form).or_default() += 1;
    }
    let readings = doc.readings();
    let mut ranked: std::collections::HashSet<Cow<'_, str>, FnvBuild> = Default::default();
    let mut terms: std::collections::HashSet<&str, FnvBuild> = Default::default();
    let mut contexts = FingerprintSet::default();
    for &i in &weighable {
        let reading = readings[i];
        let Some(english) = reading.english() else {
            continue;
        };
        let french = reading.french();
        if ranking
            .iter()
            .any(|rule| rule.lexical_test(rule.mode, english, french))
        {
            ranked.insert(straightened(doc.folded_word(i)));
            contexts.extend(neighbour_contexts(doc, i).into_iter().flatten());
        }
        if french.is_none()
            && reading.french_usage().is_none()
            && english.zipf() >= STRONG_ENGLISH_ZIPF
        {
            terms.insert(doc.folded_word(i));
        }
    }
    RankingForms {
        signals: signals
            .into_iter()
            .map(|(form, count)| (form.into(), count))
            .collect(),
        ranked: ranked.into_iter().map(|form| form.into()).collect(),
        terms: terms.into_iter().map(Into::into).collect(),
        contexts,
    }
}

/// What the ranking knows of a whole document from the [`RankingForms`] of all its parts, where
/// `count(word)` tells how many times the document writes the word with fingerprint `word`
/// ([`straight_word_hash`]): the signs of an unfinished translation, as the ranking measures
/// them on a whole text, the fingerprints of every candidate of the ranked forms, and an
/// automaton of the forms asked as terms.
pub fn settle_ranking(forms: RankingForms, count: impl Fn(u64) -> u32) -> RankingFacts {
    let count_of = |form: &str, limit: u32| {
        if form.is_empty() {
            0
        } else {
            count(straight_word_hash(form)).min(limit)
        }
    };
    let signs = signs_of(
        forms.signals.iter().map(|(form, n)| (&**form, *n)),
        |candidate| uses_of_forms(candidate, count_of),
    );
    // On every core: each form's candidates take a search of the thesauri and cognates, and
    // each thread keeps them for the ranking of the parts that follows.
    let candidates: FingerprintSet = forms
        .ranked
        .par_iter()
        .flat_map_iter(|form| {
            let fingerprints: Vec<u64> = base_candidates(form)
                .iter()
                .map(|candidate| straight_word_hash(&candidate.word))
                .collect();
            fingerprints
        })
        .collect();
    let terms: Vec<&str> = forms.terms.iter().map(|form| &**form).collect();
    let automaton = (!terms.is_empty())
        .then(|| aho_corasick::AhoCorasick::new(&terms).ok())
        .flatten();
    RankingFacts {
        signs,
        candidates,
        contexts: forms.contexts,
        terms: automaton.map(|automaton| (automaton, terms.iter().map(|t| word_hash(t)).collect())),
    }
}

/// What `doc`, one part of a larger document, says of the words `facts` asks about: its pairs
/// of adjacent words with a candidate on one side (as the ranking fingerprints them), and the
/// uses of each form asked as a term, counted as a search of the whole text counts them: the
/// occurrences of the form that stand alone, each search resuming after the last occurrence.
pub fn part_ranking_facts(doc: &Document, facts: &RankingFacts) -> PartRankingFacts {
    let pairs = word_pairs_where(
        doc,
        |word| facts.candidates.contains(&word),
        |context| facts.contexts.contains(&context),
    );
    let mut terms = crate::corpus::facts::FingerprintMap::default();
    if let Some((automaton, keys)) = &facts.terms {
        // Where the search for each form resumes: after its last occurrence.
        let mut resume = vec![0; keys.len()];
        for found in automaton.find_overlapping_iter(doc.folded.as_str()) {
            let pattern = found.pattern().as_usize();
            let (at, end) = (found.start(), found.end());
            if at < resume[pattern] {
                continue;
            }
            resume[pattern] = end;
            if !word_bounded(doc, at, end) {
                continue;
            }
            let uses: &mut crate::corpus::facts::TermUses = terms.entry(keys[pattern]).or_default();
            uses.uses += 1;
            uses.marked += u32::from(marked_as_term(doc, at, end));
        }
    }
    PartRankingFacts { pairs, terms }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::facts::TermUses;

    /// The uses of `form` in `doc` as a search of its text counts them, one occurrence after
    /// another.
    fn searched_uses(doc: &Document, form: &str) -> TermUses {
        let mut uses = TermUses::default();
        for at in memchr::memmem::find_iter(doc.folded.as_bytes(), form.as_bytes()) {
            let end = at + form.len();
            if word_bounded(doc, at, end) {
                uses.uses += 1;
                uses.marked += u32::from(marked_as_term(doc, at, end));
            }
        }
        uses
    }

    #[test]
    fn the_automaton_counts_the_uses_a_search_counts() {
        let text = "Le tunneling marche. Le « tunneling » aussi, et Tunneling-x, \
                    retunneling non. Un a-a-a et a-a, puis l’aa aa aaa. Le `tunneling`_ \
                    et le tunnelings.";
        let doc = Document::new(text, crate::formats::Format::Text);
        let forms: Vec<&str> = vec!["tunneling", "a-a", "aa", "tunnelings", "absent"];
        let facts = RankingFacts {
            terms: Some((
                aho_corasick::AhoCorasick::new(&forms).unwrap(),
                forms.iter().map(|f| word_hash(f)).collect(),
            )),
            ..RankingFacts::default()
        };
        let counted = part_ranking_facts(&doc, &facts).terms;
        for form in forms {
            let searched = searched_uses(&doc, form);
            assert_eq!(
                counted.get(&word_hash(form)).copied().unwrap_or_default(),
                searched,
                "{form}"
            );
        }
        assert_eq!(searched_uses(&doc, "tunneling").uses, 4);
        assert_eq!(
            searched_uses(&doc, "a-a").uses,
            2,
            "a-a-a is read as one occurrence"
        );
    }

    #[test]
    fn the_signs_of_a_whole_are_those_of_its_parts_added_up() {
        let paragraphs = [
            "Ouvrez le dossier, regardez l’écran et prenez le clavier.",
            "Le folder est sur le screen, et le keyboard aussi.",
            "Un autre folder, un autre keyboard : le dossier attend.",
        ];
        let whole_text = paragraphs.join("\n\n");
        let whole = Document::new(&whole_text, crate::formats::Format::Text);
        let rule = crate::kinds::lexicon::builtin_lexicon_rule(Mode::English);
        let mut forms = RankingForms::default();
        let mut counts = crate::corpus::facts::FingerprintMap::<u32>::default();
        for paragraph in paragraphs {
            let doc = Document::new(paragraph, crate::formats::Format::Text);
            let part = ranking_forms(&doc, &[rule]);
            for (form, n) in part.signals {
                *forms.signals.entry(form).or_default() += n;
            }
            forms.ranked.extend(part.ranked);
            for (word, n) in doc.word_counts().iter() {
                *counts.entry(word).or_default() += n;
            }
        }
        assert_eq!(forms.signals.get("folder"), Some(&2), "{:?}", forms.signals);
        let settled = settle_ranking(forms, |word| counts.get(&word).copied().unwrap_or(0));
        assert_eq!(
            settled.signs,
            whole.translation_signs(super::super::rank::translation_signs)
        );
        assert!(settled.signs.share > 0.0, "{:?}", settled.signs);
        assert!(settled.candidates.contains(&straight_word_hash("dossier")));
    }
}
