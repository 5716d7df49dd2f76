//! Words of no language the lexicons know (`foreign` mode) and words in another script than the
//! Latin one (`script` mode): what translation leaves of its source or pivot language.

use super::*;

/// The least number of letters of a word the `foreign` mode weighs.
const FOREIGN_MIN_LETTERS: usize = 5;
/// The least number of letters of a word without foreign spelling that the `foreign` mode
/// reports (with the weak severity): shorter unknown words are mostly names and code.
const UNKNOWN_MIN_LETTERS: usize = 6;

impl LexiconRule {
    /// `foreign` mode: token `i`, which neither lexicon knows and French text never uses, is
    /// a word of another language when its spelling is one French does not have (the word
    /// class `foreign-spelling`: endings such as "-atge", "-ció"; letters such as "ò", "ñ"; an
    /// "à" inside a word), and otherwise, with the weak severity, when an "è" stands where French
    /// does not write it, or when it looks like a word rather than a name or code.
    pub(super) fn foreign_word(
        &self,
        meta: &RuleMeta,
        doc: &Document,
        i: usize,
        form: &str,
        sink: &mut Sink,
    ) {
        let letters = form.chars().count();
        if letters < FOREIGN_MIN_LETTERS || form.contains(['-', '\'']) || self.allow.contains(form)
        {
            return;
        }
        // A word that begins a line or a sentence may be a name or an entry of a list ("arára
        // du Mato Grosso"): a foreign letter there is weaker evidence than a foreign ending.
        let at_start = doc.token_starts_sentence(i);
        let (foreign_trait, certain) = match self.foreign_trait(form) {
            Some((spelling, certain)) => {
                let letter = spelling.starts_with("the letter");
                (Some(spelling), certain && !(letter && at_start))
            }
            None => (None, false),
        };
        // Without a foreign spelling, a word in no lexicon is weighed in lowercase only: with a
        // capital it is most often a name.
        if foreign_trait.is_none()
            && (letters < UNKNOWN_MIN_LETTERS
                || !looks_like_a_word(form)
                || shape_of(doc.word(i)) != CaseShape::Lower)
        {
            return;
        }
        // English compounds and glued French words are the other rules', and a compound made
        // with a welded prefix is French. Whether the token may be reported at all (a name?)
        // is asked last: it can cost a look at the document.
        if self.english_shape(form).is_some()
            || glued_split(form).is_some()
            || super::glued::welded_compound(form)
            || self
                .english_neighbourhood(doc, doc.tokens[i].range())
                .silences()
            || !self.reportable(doc, i)
        {
            return;
        }
        let matched = doc.word(i);
        let message = match &foreign_trait {
            Some(spelling) => format!(
                "“{matched}” is not French: {spelling} belongs to another language; a word the translation left"
            ),
            None => format!(
                "“{matched}” is neither French nor English: a word of another language left by the translation, or a misspelling"
            ),
        };
        sink.report(meta, doc.tokens[i].range(), message, None, None);
        if !certain {
            sink.set_last_severity(self.weak_severity);
        }
    }

    /// What in the spelling of `form` French does not write, if anything, and whether it is
    /// certain: a letter or an ending of another language is; an "è" out of place may also be
    /// a French misspelling ("règlages", a word cut short: "systèm").
    fn foreign_trait(&self, form: &str) -> Option<(String, bool)> {
        if let Some(letter) = form.chars().find(|c| {
            let mut buffer = [0u8; 4];
            self.foreign_spelling.contains(c.encode_utf8(&mut buffer))
        }) {
            return Some((format!("the letter “{letter}”"), true));
        }
        if let Some(ending) = self.foreign_spelling.ending_of(form) {
            return Some((format!("the ending “-{ending}”"), true));
        }
        let chars: Vec<char> = form.chars().collect();
        for (at, &c) in chars.iter().enumerate() {
            if c == 'à' && at + 1 < chars.len() {
                return Some(("“à” inside a word".to_string(), true));
            }
            if c == 'è' && !grave_e_fits(&chars[at + 1..]) {
                return Some(("“è” in this place".to_string(), false));
            }
        }
        None
    }

    /// `script` mode: runs of words written in another script than the Latin one. A run inside
    /// a French sentence is the rule's severity; a run alone on its line (a button, a menu
    /// entry) takes the weak severity; a run in quotes or next to a parenthesis (a name and its
    /// transliteration: "Moscou (Москва)") stays silent.
    pub(super) fn other_script(&self, meta: &RuleMeta, doc: &Document, sink: &mut Sink) {
        let bytes = doc.text.as_bytes();
        let mut i = 0;
        // The tokens whose first byte leads a character from U+0340 on: the only ones that
        // may be in another script.
        while let Some(skipped) = doc.tokens[i..]
            .iter()
            .position(|token| bytes.get(token.start).is_some_and(|&b| b >= 0xCD))
        {
            i += skipped;
            let Some(script) = token_script(doc, i) else {
                i += 1;
                continue;
            };
            // The run: tokens of a non-Latin script separated by blanks and punctuation that
            // is not a line break.
            let first = i;
            let mut last = i;
            while last + 1 < doc.tokens.len()
                && token_script(doc, last + 1).is_some()
                && !doc.text[doc.tokens[last].end..doc.tokens[last + 1].start].contains('\n')
            {
                last += 1;
            }
            i = last + 1;
            let span = doc.tokens[first].start..doc.tokens[last].end;
            let letters: usize = (first..=last)
                .map(|t| doc.word(t).chars().filter(|c| c.is_alphabetic()).count())
                .sum();
            if letters < 2 || doc.is_protected(&span) || quoted_or_glossed(doc, &span) {
                continue;
            }
            let message = format!(
                "“{}” is written in {script}: text left untranslated in a French page",
                &doc.text[span.clone()]
            );
            let line_start = doc.text[..span.start].rfind('\n').map_or(0, |n| n + 1);
            let line_end = doc.text[span.end..]
                .find('\n')
                .map_or(doc.text.len(), |n| span.end + n);
            let alone = !doc.text[line_start..span.start]
                .chars()
                .chain(doc.text[span.end..line_end].chars())
                .any(|c| c.is_alphabetic() && is_latin_letter_or_joiner(c));
            sink.report(meta, span, message, None, None);
            if alone {
                sink.set_last_severity(self.weak_severity);
            }
        }
    }
}

/// Whether the letters after an "è" are those French writes there: one or two consonants (a
/// digraph counting as one) and a mute e, or a final s ("règle", "mèche", "après").
fn grave_e_fits(after: &[char]) -> bool {
    let rest: String = after.iter().collect();
    if rest.is_empty() || rest == "s" || rest == "z" {
        return true;
    }
    let mut tail = rest.as_str();
    for _ in 0..2 {
        let unit = ["qu", "gu", "ch", "ph", "th", "gn", "ll"]
            .iter()
            .find(|d| tail.starts_with(**d))
            .map(|d| d.len())
            .or_else(|| {
                tail.chars()
                    .next()
                    .filter(|c| "bcdfghjklmnpqrstvwxz".contains(*c))
                    .map(char::len_utf8)
            });
        let Some(len) = unit else { break };
        tail = &tail[len..];
        if tail.starts_with('e') {
            return true;
        }
    }
    false
}

/// Whether an unknown word without foreign spelling looks like a word of a language rather
/// than a name or code: only lowercase letters, vowels in a fair share, no long run of
/// consonants, no letter three times in a row.
fn looks_like_a_word(form: &str) -> bool {
    let chars: Vec<char> = form.chars().collect();
    if !chars.iter().all(|c| c.is_lowercase()) {
        return false;
    }
    let is_vowel = |c: char| "aeiouyàâäéèêëîïôöùûüœæ".contains(c);
    let vowels = chars.iter().filter(|&&c| is_vowel(c)).count();
    let mut run = 0;
    for window in chars.windows(3) {
        if window[0] == window[1] && window[1] == window[2] {
            return false;
        }
    }
    for &c in &chars {
        run = if is_vowel(c) { 0 } else { run + 1 };
        if run >= 4 {
            return false;
        }
    }
    vowels * 10 >= chars.len() * 3 && vowels >= 2
}

/// The name of the non-Latin script every letter of token `i` is written in, if any.
fn token_script(doc: &Document, i: usize) -> Option<&'static str> {
    let word = doc.word(i);
    // A cheap first test: every letter of the token is of the script, the first one too, and a
    // non-Latin letter begins with a byte Latin letters never start with.
    if !matches!(word.as_bytes()[0], 0xCD..=0xDF | 0xE0 | 0xE1 | 0xE3..=0xED) {
        return None;
    }
    let mut script = None;
    for c in word.chars().filter(|c| c.is_alphabetic()) {
        let this = script_of(c)?;
        if script.is_some_and(|s| s != this) {
            return None;
        }
        script = Some(this);
    }
    script
}

/// The script of a letter that is not Latin.
fn script_of(c: char) -> Option<&'static str> {
    Some(match c as u32 {
        0x0370..=0x03FF | 0x1F00..=0x1FFF => "Greek",
        0x0400..=0x052F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => "Cyrillic",
        0x0530..=0x058F => "Armenian",
        0x0590..=0x05FF => "Hebrew",
        0x0600..=0x06FF | 0x0750..=0x077F | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => "Arabic",
        0x0900..=0x0DFF => "an Indic script",
        0x0E00..=0x0E7F => "Thai",
        0x10A0..=0x10FF => "Georgian",
        0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => "Hangul",
        0x1200..=0x139F => "Ethiopic",
        0x1780..=0x17FF => "Khmer",
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF => {
            "Chinese or Japanese characters"
        }
        _ => return None,
    })
}

/// Whether the run at `span` is quoted, emphasized, or glossed by a parenthesis beside it: a
/// name and its transliteration ("Moscou (Москва)", "Москва (Moscou)").
fn quoted_or_glossed(doc: &Document, span: &std::ops::Range<usize>) -> bool {
    let before = doc.text[..span.start].trim_end_matches([' ', '\u{a0}', '\u{202f}']);
    let after = doc.text[span.end..].trim_start_matches([' ', '\u{a0}', '\u{202f}']);
    let opened = before.ends_with(['«', '“', '"', '‘', '\'', '*', '_', '(', '[']);
    let closed = after.starts_with(['»', '”', '"', '’', '\'', '*', '_', ')', ']']);
    (opened && closed) || after.starts_with('(') || doc.inside_guillemets(span.start)
}

/// The two French words, or the French word restored with a hyphen or an apostrophe, that a
/// word glued at a block boundary is made of ("lestarifs" → "les tarifs", "cidessous" →
/// "ci-dessous"), as the `glued` mode reads it.
pub(super) fn glued_split(form: &str) -> Option<GluedSplit> {
    super::glued::split_glued(form)
}

pub(super) use super::glued::GluedSplit;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grave_e_stands_before_a_consonant_and_a_mute_e() {
        let fits = |rest: &str| grave_e_fits(&rest.chars().collect::<Vec<_>>());
        assert!(fits("gle") && fits("que") && fits("s") && fits("vre") && fits("tes"));
        assert!(!fits("ncia") && !fits("n") && !fits("cnics"));
    }

    #[test]
    fn words_and_code() {
        assert!(looks_like_a_word("publitramesa"));
        assert!(!looks_like_a_word("dpkg") && !looks_like_a_word("tmpfs"));
        assert!(!looks_like_a_word("Debian"));
    }
}
