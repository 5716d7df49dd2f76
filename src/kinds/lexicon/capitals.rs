//! Capitals that French does not write: English title case ("La Guerre Des Prix Continue",
//! `title-case` mode) and a capital that lost the accent of its French word ("Ecole", "Etat",
//! `capital-accent` mode).

use super::*;

/// The least number of capitalized words in a row that make a title-case run.
const TITLE_MIN_WORDS: usize = 4;
/// The least French frequency (Zipf) of a common word that title case capitalized.
const TITLE_COMMON_ZIPF: f32 = 2.5;
/// The least French frequency (Zipf) of the accented word a capital stands for.
const ACCENTED_MIN_ZIPF: f32 = 2.5;

impl LexiconRule {
    /// `title-case` mode: a run of at least four capitalized words on one line, where a French
    /// function word other than the first is capitalized ("Des", "Du", "Et") and at least two
    /// others are common French words: the English habit of capitalizing every word of a
    /// title. English titles and names (mostly English words) stay silent. The fix (unsafe)
    /// writes the common words in lowercase.
    pub(super) fn title_case(&self, meta: &RuleMeta, doc: &Document, sink: &mut Sink) {
        // Runs of consecutive capitalized tokens, one space or an elision apart.
        let capitalized = doc.capitalized_tokens();
        let mut k = 0;
        while k < capitalized.len() {
            let first = capitalized[k];
            let mut last = first;
            k += 1;
            while k < capitalized.len()
                && capitalized[k] == last + 1
                && title_gap(&doc.text[doc.tokens[last].end..doc.tokens[last + 1].start])
            {
                last += 1;
                k += 1;
            }
            if last + 1 - first >= TITLE_MIN_WORDS {
                self.weigh_title(meta, doc, first, last, sink);
            }
        }
    }

    /// Reports the capitalized run `first..=last` when it is French title case.
    fn weigh_title(
        &self,
        meta: &RuleMeta,
        doc: &Document,
        first: usize,
        last: usize,
        sink: &mut Sink,
    ) {
        let lex = lexicons();
        let readings = doc.readings();
        let mut function_words = 0;
        let mut lowered: Vec<usize> = Vec::new();
        let mut english = 0;
        for (t, &r) in readings.iter().enumerate().take(last + 1).skip(first) {
            let word = straightened(doc.folded_word(t));
            let french = lex.french(&word);
            if r.english().is_some_and(|e| {
                r.french_usage()
                    .is_none_or(|f| e.zipf() - f >= ENGLISH_DOMINANCE)
            }) {
                english += 1;
            }
            let Some(french) = french.filter(|f| is_common(*f)) else {
                continue;
            };
            if t == first {
                continue;
            }
            // A word far more English than French keeps its capital: a name ("Highlands").
            let english_name = r
                .english()
                .is_some_and(|e| e.zipf() - french.zipf() >= ENGLISH_DOMINANCE);
            if french.function_word() {
                function_words += 1;
                lowered.push(t);
            } else if french.zipf() >= TITLE_COMMON_ZIPF && !english_name {
                lowered.push(t);
            }
        }
        let common = lowered.len() - function_words;
        if function_words == 0 || common < 2 || english * 2 >= last + 1 - first {
            return;
        }
        let span = doc.tokens[first].start..doc.tokens[last].end;
        if doc.is_protected(&span) {
            return;
        }
        let edits: Vec<crate::diagnostic::Edit> = lowered
            .iter()
            .map(|&t| {
                let word = doc.word(t);
                let initial = word.chars().next().map_or(0, char::len_utf8);
                crate::diagnostic::Edit::new(
                    doc.tokens[t].start..doc.tokens[t].start + initial,
                    word[..initial].to_lowercase(),
                )
            })
            .collect();
        let matched = &doc.text[span.clone()];
        let fix = (edits, "Write the common words in lowercase".to_string());
        sink.report(
            meta,
            span,
            meta.render_message(matched, "", ""),
            Some(fix),
            None,
        );
    }

    /// `capital-accent` mode: a capitalized word that is not French as written, whose first
    /// letter with the accent French gives it makes a common French word ("Ecole" → "École",
    /// "Etat" → "État", "Electricité" → "Électricité"). Names stay silent: the accented form
    /// must be a common word.
    pub(super) fn capital_accent(&self, meta: &RuleMeta, doc: &Document, sink: &mut Sink) {
        let lex = lexicons();
        let readings = doc.readings();
        for &i in doc.capitalized_tokens() {
            let token = doc.tokens[i];
            if token.kind != TokenKind::Word || token.end - token.start < 2 {
                continue;
            }
            let word = doc.word(i);
            let Some(accented) = accented_initials(word.as_bytes()[0]) else {
                continue;
            };
            if readings[i].french().is_some() {
                continue;
            }
            let rest = &doc.folded_word(i)[1..];
            let Some(found) = accented.iter().find_map(|&initial| {
                let candidate = format!("{initial}{rest}");
                lex.french(&straightened(&candidate))
                    .filter(|f| is_common(*f) && f.zipf() >= ACCENTED_MIN_ZIPF)
                    .map(|_| candidate)
            }) else {
                continue;
            };
            if doc.is_protected(&token.range())
                || doc.joined_to_code(&token.range())
                || self.english_neighbourhood(doc, token.range()) != Neighbourhood::French
            {
                continue;
            }
            let suggestion = crate::text::case::capitalize(&found);
            report_with_suggestions(
                sink,
                meta,
                token.range(),
                word,
                std::slice::from_ref(&suggestion),
                None,
            );
        }
    }
}

/// Whether a French reading has a common use (noun, adjective, verb, adverb or function
/// word), beside any name it may also be ("urbain", "Urbain").
fn is_common(french: crate::lexicon::French) -> bool {
    french.noun()
        || french.adjective()
        || french.verb()
        || french.adverb()
        || french.function_word()
}

/// The accented lowercase letters that French writes for an unaccented capital (`E` → é, è, ê).
fn accented_initials(first: u8) -> Option<&'static [char]> {
    Some(match first {
        b'E' => &['é', 'è', 'ê'],
        b'A' => &['à', 'â'],
        b'C' => &['ç'],
        b'I' => &['î'],
        b'O' => &['ô'],
        b'U' => &['û'],
        _ => return None,
    })
}

/// Whether the text between two capitalized words keeps them in one title: a single space, or
/// an elision's apostrophe.
fn title_gap(gap: &str) -> bool {
    gap == " " || gap.is_empty()
}
