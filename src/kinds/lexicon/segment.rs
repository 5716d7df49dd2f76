//! Untranslated English segments (`segment` mode): two or more English words held together by
//! English function words inside French text ("voir Travel in Scotland pour plus", "le rapport
//! List of busiest airports"). A segment in quotes or emphasis is a quotation and stays silent;
//! so does a name ("New York Times", "Bank of America") and a paragraph with no French at all,
//! which the paragraph-language rule weighs as a whole.

use super::*;

/// The least number of words of a paragraph without French function words that the language
/// rule weighs; a shorter one (a title, a button) is reported here with the weak severity.
const PARAGRAPH_MIN_WORDS: usize = 8;

/// The longest English function word of the `en-function` class, in bytes ("should").
const FUNCTION_WORD_BYTES: usize = 7;

/// The least number of French function words beside an English sentence that make its
/// paragraph French (a heading line above an English paragraph has one or two).
const FRENCH_BESIDE: usize = 3;

/// How much more frequent in English than in French (Zipf) a function word written the same
/// in both languages must be to count as English ("in": 7.3 against 5.2; "an", "me" do not).
const FUNCTION_ENGLISH_LEAD: f32 = 1.5;

/// What a token is to an English segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// An English function word that is not also a French word ("the", "of", "in").
    Function,
    /// An English function word that is also French ("an", "me", "us").
    SharedFunction,
    /// An English word far more English than French, or an English name.
    Content,
}

impl LexiconRule {
    /// `segment` mode: reports each run of English words that carries an English function
    /// word and an English content word, inside a paragraph that is French.
    pub(super) fn segments(&self, meta: &RuleMeta, doc: &Document, sink: &mut Sink) {
        // A segment holds an English function word: runs are grown from those, over the
        // tokens with an English reading on each side.
        let readings = doc.readings();
        let joined =
            |a: usize, b: usize| only_spaces(&doc.text[doc.tokens[a].end..doc.tokens[b].start]);
        let keys = self.function_keys();
        let mut done = 0;
        let mut paragraph = None;
        for &t in doc.english_tokens() {
            // English function words are short: a longer token needs no lookup, nor one whose
            // English reading no function word has.
            if t < done
                || doc.tokens[t].end - doc.tokens[t].start > FUNCTION_WORD_BYTES
                || !readings[t].english().is_some_and(|e| keys.may_hold(e))
                || !self.english_context.contains_token(doc, t)
                || self.part(doc, t, readings[t]).is_none()
            {
                continue;
            }
            let mut first = t;
            while first > done
                && joined(first - 1, first)
                && self.part(doc, first - 1, readings[first - 1]).is_some()
            {
                first -= 1;
            }
            let mut last = t;
            while last + 1 < doc.tokens.len()
                && joined(last, last + 1)
                && self.part(doc, last + 1, readings[last + 1]).is_some()
            {
                last += 1;
            }
            done = last + 1;
            self.weigh_segment(meta, doc, (first, last), &mut paragraph, sink);
        }
    }

    /// The English readings of the English function words (`en-function`), found on first use.
    fn function_keys(&self) -> &english_keys::EnglishKeys {
        self.function_keys.get_or_init(|| {
            english_keys::EnglishKeys::of(self.function_words.iter().map(String::as_str))
        })
    }

    /// What token `i` is to a segment, if it can belong to one.
    fn part(&self, doc: &Document, i: usize, readings: Readings) -> Option<Part> {
        let token = doc.tokens[i];
        if token.kind != TokenKind::Word {
            return None;
        }
        // A fragment of a word cut at the end of a line ("for‐\nmat") is no word.
        let cut = |gap: &str| gap.starts_with(['-', '‐']) && gap.contains('\n');
        if cut(&doc.text[token.end..])
            || doc.text[..token.start]
                .trim_end_matches([' ', '\t'])
                .strip_suffix('\n')
                .is_some_and(|before| before.ends_with(['-', '‐']))
        {
            return None;
        }
        let word = straightened(doc.folded_word(i));
        if self.english_context.contains(word.as_ref()) {
            // "in" is also a (rare) French word; "an", "me", "us" are common French words.
            let english_only = match (readings.french(), readings.english()) {
                (None, _) => true,
                (Some(french), Some(english)) => {
                    english.zipf() - french.zipf() >= FUNCTION_ENGLISH_LEAD
                }
                (Some(_), None) => false,
            };
            return Some(if english_only {
                Part::Function
            } else {
                Part::SharedFunction
            });
        }
        let english = readings.english()?;
        if english.proper() {
            return (shape_of(doc.word(i)) == CaseShape::Capitalized).then_some(Part::Content);
        }
        let english_dominant = match readings.french_usage() {
            None => readings.french().is_none(),
            Some(french) => english.zipf() - french >= ENGLISH_DOMINANCE,
        };
        (english_dominant && english.zipf() >= self.english_min_zipf).then_some(Part::Content)
    }

    /// Reports the run of tokens `first..=last` when it is an untranslated segment.
    /// `paragraph` keeps the last paragraph weighed, for the next segments of the document.
    fn weigh_segment(
        &self,
        meta: &RuleMeta,
        doc: &Document,
        (mut first, mut last): (usize, usize),
        paragraph: &mut Option<ParagraphWeight>,
        sink: &mut Sink,
    ) {
        let readings = doc.readings();
        let part = |t: usize| self.part(doc, t, readings[t]);
        // Function words that are also French do not begin or end a segment.
        while first < last && part(first) == Some(Part::SharedFunction) {
            first += 1;
        }
        while last > first && part(last) == Some(Part::SharedFunction) {
            last -= 1;
        }
        let parts: Vec<Part> = (first..=last).filter_map(part).collect();
        let functions = parts.iter().filter(|&&p| p == Part::Function).count();
        let contents: Vec<usize> = (first..=last)
            .filter(|&t| part(t) == Some(Part::Content))
            .collect();
        if parts.len() < 2
            || functions == 0
            || (contents.is_empty() && (functions < 2 || parts.len() < 3))
        {
            return;
        }
        let span = doc.tokens[first].start..doc.tokens[last].end;
        // Keywords written in capitals ("ORDER BY", "INSTEAD OF") and lines of code or of a
        // table are not prose.
        if doc.is_protected(&span)
            || in_quotation(doc, &span)
            || (first..=last).any(|t| {
                part(t) != Some(Part::Content) && shape_of(doc.word(t)) == CaseShape::Upper
            })
            || doc.on_code_line(span.start)
            || doc.on_code_line(span.end)
        {
            return;
        }
        // A name: every content word capitalized, held by "of", "the", "and" alone.
        let title_case = !contents.is_empty()
            && contents
                .iter()
                .all(|&t| shape_of(doc.word(t)) != CaseShape::Lower);
        let name_words = (first..=last)
            .filter(|&t| part(t) != Some(Part::Content))
            .all(|t| matches!(doc.folded_word(t), "of" | "the" | "and" | "de"));
        if title_case && (name_words || expands_an_acronym(doc, first, last)) {
            return;
        }
        // The language of the sentence and of the paragraph, by their function words. A run
        // in a French sentence is a segment the translation skipped. An English sentence in a
        // paragraph that has French besides it is reported weakly, and so is a short English
        // paragraph (a title, a button); a long one is the paragraph-language rule's.
        let sentence = crate::sentence::sentence_around(doc.text, span.start);
        let (sentence_french, sentence_english) = self.function_words(doc, sentence.clone());
        let weak = if sentence_english > sentence_french {
            let ParagraphWeight { french, words, .. } =
                *self.paragraph_weight(doc, span.start, paragraph);
            if french >= sentence_french + FRENCH_BESIDE {
                // An English sentence among French ones: untranslated, but whole sentences are
                // also left in English on purpose (a message quoted as the program prints it).
                true
            } else if words < PARAGRAPH_MIN_WORDS {
                true
            } else {
                return;
            }
        } else {
            false
        };
        let matched = &doc.text[span.clone()];
        let message = meta.render_message(matched, "", "");
        sink.report(meta, span, message, None, None);
        if weak {
            sink.set_last_severity(self.weak_severity);
        }
    }

    /// The weight of the paragraph holding byte `at` (the start of a word) of `doc`, from
    /// `memo` when it holds that paragraph. A paragraph can run over a whole document (help
    /// pages without blank lines) and have many segments: it is found and weighed once.
    fn paragraph_weight<'m>(
        &self,
        doc: &Document,
        at: usize,
        memo: &'m mut Option<ParagraphWeight>,
    ) -> &'m ParagraphWeight {
        debug_assert_ne!(doc.text.as_bytes()[at], b'\n');
        if memo.as_ref().is_some_and(|held| held.range.contains(&at)) {
            return memo.as_ref().expect("a paragraph held");
        }
        let range = paragraph_around(doc.text, at);
        let french = lines_of(doc.text, range.clone())
            .filter(|line| !is_heading(&doc.text[line.clone()]))
            .map(|line| self.function_words(doc, line).0)
            .sum();
        let words = doc.tokens[doc.tokens.partition_point(|t| t.end <= range.start)..]
            .iter()
            .take_while(|t| t.start < range.end)
            .count();
        memo.insert(ParagraphWeight {
            range,
            french,
            words,
        })
    }

    /// The number of French and of English function words in `range` of `doc` (a French one
    /// that English uses as much, "a", "on", counts for neither).
    fn function_words(&self, doc: &Document, range: std::ops::Range<usize>) -> (usize, usize) {
        let first = doc.tokens.partition_point(|t| t.end <= range.start);
        let (mut french, mut english) = (0, 0);
        for t in first..doc.tokens.len() {
            if doc.tokens[t].start >= range.end {
                break;
            }
            let word = straightened(doc.folded_word(t));
            if self.native_function.contains(word.as_ref()) {
                // "a" and "on" are as English as they are French.
                let readings = doc.readings()[t];
                let shared = readings
                    .english()
                    .zip(readings.french())
                    .is_some_and(|(e, f)| e.zipf() >= f.zipf());
                if !shared {
                    french += 1;
                }
            } else if self.english_context.contains(word.as_ref()) {
                english += 1;
            }
        }
        (french, english)
    }
}

/// A paragraph of a document and what weighing its language found in it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ParagraphWeight {
    /// The paragraph's byte range (text between blank lines).
    range: std::ops::Range<usize>,
    /// The French function words of its lines that are not headings.
    french: usize,
    /// Its tokens.
    words: usize,
}

/// The byte ranges of the lines of `range` of `text`.
fn lines_of(
    text: &str,
    range: std::ops::Range<usize>,
) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let base = range.start;
    text[range].split_inclusive('\n').scan(base, |at, line| {
        let start = *at;
        *at += line.len();
        Some(start..start + line.trim_end().len())
    })
}

/// Whether a line is a heading: a few words without the final punctuation of a sentence.
fn is_heading(line: &str) -> bool {
    let line = line.trim();
    !line.ends_with(['.', '!', '?', ':', ';', ',', '…', '»', ')'])
        && line.split_whitespace().count() <= 8
}

/// The byte range of the paragraph (text between blank lines) holding byte `at`.
fn paragraph_around(text: &str, at: usize) -> std::ops::Range<usize> {
    let start = text[..at].rfind("\n\n").map_or(0, |n| n + 2);
    let end = text[at..].find("\n\n").map_or(text.len(), |n| at + n);
    start..end
}

/// Whether the words `first..=last` are the expansion of an acronym the document uses: their
/// initials, in capitals, stand as a word elsewhere in it ("Time To Live" and "TTL"). Technical
/// French keeps the English expansion of an English acronym as its name.
fn expands_an_acronym(doc: &Document, first: usize, last: usize) -> bool {
    let acronym: String = (first..=last)
        .filter_map(|t| doc.word(t).chars().next())
        .flat_map(char::to_uppercase)
        .collect();
    if acronym.chars().count() < 2 {
        return false;
    }
    let bytes = doc.text.as_bytes();
    memchr::memmem::find_iter(bytes, acronym.as_bytes()).any(|at| {
        let end = at + acronym.len();
        let before = doc.text[..at].chars().next_back();
        let after = doc.text[end..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Whether `span` stands inside quotation marks opened before it: « », “ ” or straight double
/// quotes in its paragraph, ‘ ’, emphasis (`*`, `_`) or single quotes on its line. The marks
/// are counted in the document's [`crate::document::QuoteMarks`], not by a scan back.
pub(super) fn in_quotation(doc: &Document, span: &std::ops::Range<usize>) -> bool {
    let marks = doc.quote_marks();
    let before = marks.paragraph_start(span.start)..span.start;
    let line_before = marks.line_start(before.clone())..span.start;
    let count = |range: &std::ops::Range<usize>, c: char| marks.count(c, range.clone());
    // Emphasis needs the characters around each marker: the line is read only when it holds one.
    let emphasis = |marker: char| {
        count(&line_before, marker) > 0 && emphasis_open(&doc.text[line_before.clone()], marker)
    };
    count(&before, '«') > count(&before, '»')
        || count(&before, '“') > count(&before, '”')
        || count(&before, '"') % 2 == 1
        || count(&line_before, '‘') > count(&line_before, '’')
        || emphasis('*')
        || emphasis('_')
        || (doc.text[line_before].ends_with('\'') && doc.text[span.end..].starts_with('\''))
}

/// Whether an emphasis marker (`*` or `_`) opened on `line` is still open at its end: an odd
/// number of markers that stand at a word's edge.
fn emphasis_open(line: &str, marker: char) -> bool {
    let chars: Vec<char> = line.chars().collect();
    let edges = chars
        .iter()
        .enumerate()
        .filter(|&(k, &c)| {
            c == marker
                && (k == 0
                    || !chars[k - 1].is_alphanumeric()
                    || chars.get(k + 1).is_none_or(|n| !n.is_alphanumeric()))
        })
        .count();
    edges % 2 == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_function_word_token_has_a_function_word_reading() {
        let rule = crate::kinds::lexicon::builtin_lexicon_rule(Mode::Segment);
        let keys = rule.function_keys();
        let (mut function_words, mut skipped) = (0, 0);
        for text in crate::fixture_texts::fixture_texts(&["seeds", "mt"]) {
            let doc = Document::new(&text, crate::formats::Format::Text);
            let readings = doc.readings();
            for &t in doc.english_tokens() {
                let english = readings[t].english().expect("an English token");
                if rule.english_context.contains_token(&doc, t) {
                    function_words += 1;
                    assert!(keys.may_hold(english), "{}", doc.word(t));
                } else {
                    skipped += usize::from(!keys.may_hold(english));
                }
            }
        }
        assert!(
            function_words >= 20 && skipped >= 1000,
            "{function_words} function words, {skipped} skipped"
        );
    }

    #[test]
    fn a_held_paragraph_weighs_as_a_fresh_one() {
        let rule = crate::kinds::lexicon::builtin_lexicon_rule(Mode::Segment);
        let mut texts = crate::fixture_texts::fixture_texts(&["seeds", "mt"]);
        texts
            .push("Open the file.\n\n\nVoir le menu of the day\n\nand the rest\nde la page".into());
        let mut reused = 0;
        for text in texts {
            let doc = Document::new(&text, crate::formats::Format::Text);
            let mut held = None;
            for (t, token) in doc.tokens.iter().enumerate() {
                if token.kind != TokenKind::Word {
                    continue;
                }
                reused += usize::from(
                    held.as_ref()
                        .is_some_and(|h: &ParagraphWeight| h.range.contains(&token.start)),
                );
                let kept = rule.paragraph_weight(&doc, token.start, &mut held).clone();
                let fresh = rule.paragraph_weight(&doc, token.start, &mut None).clone();
                assert_eq!(kept, fresh, "token {t} of {:?}", doc.text);
            }
        }
        assert!(reused > 100, "{reused}");
    }

    #[test]
    fn emphasis_markers() {
        assert!(emphasis_open("voir *Travel ", '*'));
        assert!(!emphasis_open("voir *Travel* et ", '*'));
        assert!(!emphasis_open("le fichier snake_case ", '_'));
    }
}
