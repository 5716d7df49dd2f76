//! The lines a boilerplate expression may match on, for every expression at once: the
//! expressions searched in the whole text whose matches never run over a line break are
//! joined in one alternation, one search of it finds the lines that hold a match of any of
//! them, and each expression then runs over those lines instead of over the whole text, where
//! its engine, given an expression that starts with a sentence around a plea
//! (`[^.!?…\n]*(?:…)`), finds no literal to skip ahead to: one pass over the text instead of
//! one for each expression.

use crate::{document::Document, kinds::gate::needed::needed_sets};
use regex_syntax::hir::{Class, Hir, HirKind, Look};
use std::{
    ops::Range,
    sync::{
        Arc, Mutex,
        atomic::{AtomicUsize, Ordering},
    },
};

/// An expression registered for the shared search of candidate lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineFinder {
    /// Its index among the registered expressions.
    id: usize,
}

/// The registered expressions, and the alternation of those registered when it was built.
#[derive(Default)]
struct Registry {
    sources: Vec<String>,
    combined: Option<Arc<Combined>>,
}

static REGISTRY: Mutex<Registry> = Mutex::new(Registry {
    sources: Vec::new(),
    combined: None,
});

/// The bytes of text the documents seen so far hold.
static TEXT_SEEN: AtomicUsize = AtomicUsize::new(0);

/// The bytes of text after which the alternation of every expression is built and searched:
/// building it and the first states of its lazy DFA (about 35 million instructions) costs
/// about what searching 1.3 MB of text once instead of once for each expression saves (about
/// 27 instructions a byte), and a run over a few files never needs it.
const TEXT_BEFORE_AUTOMATON: usize = 2 << 20;

/// The largest word limit of the rules that search short lines only.
static SHORT_LINE_WORDS: AtomicUsize = AtomicUsize::new(0);

/// The bytes of a long word with its blank: a line longer than `max_words + 1` of them has
/// more than `max_words` words (it is not counted).
pub const LONG_WORD_BYTES: usize = 24;

/// The lines of a document (each with its line feed) that hold text and no more words than
/// the largest limit of the rules that search short lines, with their words counted: for
/// every rule's limit at once.
pub struct ShortLines {
    /// The largest limit the lines were counted for.
    max_words: usize,
    lines: Vec<(Range<usize>, usize)>,
}

impl ShortLines {
    /// Registers `max_words`, the word limit of a rule that searches short lines only.
    pub fn register(max_words: usize) {
        SHORT_LINE_WORDS.fetch_max(max_words, Ordering::Relaxed);
    }

    /// The short lines of `text` for the largest limit registered.
    pub fn of(text: &str) -> ShortLines {
        let max_words = SHORT_LINE_WORDS.load(Ordering::Relaxed);
        let max_bytes = (max_words + 1) * LONG_WORD_BYTES;
        let mut lines = Vec::new();
        let mut start = 0;
        let ends = memchr::memchr_iter(b'\n', text.as_bytes()).map(|at| at + 1);
        for end in ends.chain((!text.ends_with('\n')).then_some(text.len())) {
            // A line of more bytes than that many long words has more words: no need to count.
            if end - start <= max_bytes {
                let words = count_words_up_to(&text[start..end], max_words);
                if (1..=max_words).contains(&words) {
                    lines.push((start..end, words));
                }
            }
            start = end;
        }
        ShortLines { max_words, lines }
    }

    /// The lines with text and at most `max_words` words, no longer than `max_words + 1` long
    /// words; `None` when the lines were counted for a smaller limit.
    pub fn at_most(&self, max_words: usize) -> Option<Vec<Range<usize>>> {
        let max_bytes = (max_words + 1) * LONG_WORD_BYTES;
        (max_words <= self.max_words).then(|| {
            self.lines
                .iter()
                .filter(|(line, words)| *words <= max_words && line.len() <= max_bytes)
                .map(|(line, _)| line.clone())
                .collect()
        })
    }
}

/// The number of words of `line` (runs of characters that are not whitespace, as
/// `str::split_whitespace` gives them), counted up to `limit` + 1.
fn count_words_up_to(line: &str, limit: usize) -> usize {
    let bytes = line.as_bytes();
    let (mut words, mut in_word) = (0, false);
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        let blank = if byte.is_ascii() {
            at += 1;
            // The ASCII whitespace of `char::is_whitespace`.
            matches!(byte, b'\t'..=b'\r' | b' ')
        } else {
            let c = line[at..].chars().next().expect("a character starts here");
            at += c.len_utf8();
            c.is_whitespace()
        };
        if !blank && !in_word {
            words += 1;
            if words > limit {
                break;
            }
        }
        in_word = !blank;
    }
    words
}

impl LineFinder {
    /// Registers the expression `source` (once, however many rules or loads give it).
    pub fn register(source: &str) -> LineFinder {
        let mut registry = REGISTRY.lock().unwrap_or_else(|e| e.into_inner());
        let id = match registry.sources.iter().position(|known| known == source) {
            Some(id) => id,
            None => {
                registry.sources.push(source.to_string());
                registry.sources.len() - 1
            }
        };
        LineFinder { id }
    }
}

/// The search for the lines of every registered expression that can be searched line by
/// line.
struct Combined {
    /// Every expression searched line by line, as one alternation: a line holds a match of
    /// one of them exactly when it holds a match of this. `None` when none is, or when they
    /// do not make one expression (two name the same group).
    any: Option<regex::Regex>,
    /// For each registered expression: whether it is searched line by line.
    by_lines: Vec<bool>,
}

impl Combined {
    /// The search of `sources`: an expression is searched line by line when its matches never
    /// run over a line break and hold known strings (so none is empty).
    fn of(sources: &[String]) -> Combined {
        let by_lines: Vec<bool> = sources
            .iter()
            .map(|source| {
                regex_syntax::Parser::new()
                    .parse(source)
                    .ok()
                    .filter(within_a_line)
                    .is_some_and(|hir| !needed_sets(&hir).is_empty())
            })
            .collect();
        let alternatives: Vec<String> = sources
            .iter()
            .zip(&by_lines)
            .filter(|(_, by_lines)| **by_lines)
            .map(|(source, _)| format!("(?:{source})"))
            .collect();
        let any = (!alternatives.is_empty())
            .then(|| regex::Regex::new(&alternatives.join("|")).ok())
            .flatten();
        Combined {
            by_lines: if any.is_some() {
                by_lines
            } else {
                vec![false; sources.len()]
            },
            any,
        }
    }

    /// The search of every expression registered so far, built anew when one was registered
    /// since the last.
    fn current() -> Arc<Combined> {
        let mut registry = REGISTRY.lock().unwrap_or_else(|e| e.into_inner());
        let registered = registry.sources.len();
        match &registry.combined {
            Some(combined) if combined.by_lines.len() == registered => combined.clone(),
            _ => {
                let combined = Arc::new(Combined::of(&registry.sources));
                registry.combined = Some(combined.clone());
                combined
            }
        }
    }
}

/// The lines of a document (each with its line feed) where each registered expression may
/// match, found in one pass.
pub struct CandidateLines {
    combined: Option<Arc<Combined>>,
    /// The lines where one of the expressions matches, in order.
    lines: Vec<Range<usize>>,
}

impl CandidateLines {
    /// The candidate lines of every registered expression in `doc`; none (every expression
    /// searches the whole text) until the documents seen, this one included, hold
    /// [`TEXT_BEFORE_AUTOMATON`] bytes.
    pub fn of(doc: &Document) -> CandidateLines {
        let seen = TEXT_SEEN.fetch_add(doc.text.len(), Ordering::Relaxed) + doc.text.len();
        if seen < TEXT_BEFORE_AUTOMATON {
            return CandidateLines {
                combined: None,
                lines: Vec::new(),
            };
        }
        let combined = Combined::current();
        let mut lines = Vec::new();
        if let Some(any) = &combined.any {
            let text = doc.text;
            let mut at = 0;
            // The first match on each line, the search going on from the next line: a line
            // that holds a match of one expression holds one of the alternation that starts on
            // it (no match runs over a line break).
            while let Some(found) = any.find_at(text, at) {
                let line = doc.line_around(found.start());
                let line = line.start..(line.end + 1).min(text.len());
                at = line.end;
                lines.push(line);
                if at >= text.len() {
                    break;
                }
            }
        }
        CandidateLines {
            combined: Some(combined),
            lines,
        }
    }

    /// The lines where the expression of `finder` may match, in order, when it is searched
    /// line by line: its matches in the whole text are its matches in them.
    pub fn lines(&self, finder: LineFinder) -> Option<&[Range<usize>]> {
        self.combined
            .as_ref()?
            .by_lines
            .get(finder.id)
            .copied()
            .unwrap_or(false)
            .then_some(self.lines.as_slice())
    }
}

/// Whether no match of `hir` can hold a line feed, and none depends on the start or the end
/// of the text (`\A`, `\z`): its other assertions (line anchors, word boundaries) see the same
/// characters around a position of a line whether the line is searched alone, with its line
/// feed, or within the whole text. Its matches in a text are then its matches in each line.
fn within_a_line(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Empty => true,
        HirKind::Literal(literal) => !literal.0.contains(&b'\n'),
        HirKind::Class(Class::Unicode(class)) => !class
            .ranges()
            .iter()
            .any(|range| range.start() <= '\n' && '\n' <= range.end()),
        HirKind::Class(Class::Bytes(class)) => !class
            .ranges()
            .iter()
            .any(|range| range.start() <= b'\n' && b'\n' <= range.end()),
        HirKind::Look(look) => !matches!(look, Look::Start | Look::End),
        HirKind::Repetition(repetition) => within_a_line(&repetition.sub),
        HirKind::Capture(capture) => within_a_line(&capture.sub),
        HirKind::Concat(subs) | HirKind::Alternation(subs) => subs.iter().all(within_a_line),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::Format;

    fn within(source: &str) -> bool {
        within_a_line(&regex_syntax::Parser::new().parse(source).unwrap())
    }

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        let lines = [
            "",
            "  ",
            "un",
            " un\u{a0}deux\u{2003}trois\x0b quatre\r\n",
            "a b c d e f",
        ];
        for line in lines {
            for limit in 0..6 {
                let expected = line.split_whitespace().take(limit + 1).count();
                assert_eq!(count_words_up_to(line, limit), expected, "{line:?} {limit}");
            }
        }
    }

    #[test]
    fn expressions_within_a_line() {
        assert!(within(r"(?i)[^.!?…\n]*(?:\bpartagez\b)[^.!?…\n]*[.!?…]*"));
        assert!(within(r"(?mi)^[ \t]*(?:lire la suite|read more)[ \t\r]*$"));
        assert!(!within(r"(?i)partagez\s+le"), "a blank may be a line feed");
        assert!(
            !within(r"(?i)partagez.*\z"),
            "the end of the text is not a line's"
        );
        assert!(!within(r"(?s)partagez.le"));
    }

    #[test]
    fn every_line_holding_a_string_is_found() {
        let text =
            "Un.\nDeux PARTAGEZ-le.\r\nTrois partagez\nQuatre\npartag\u{c9}z\n\nFin partagez";
        let doc = Document::new(text, Format::Text);
        TEXT_SEEN.fetch_add(TEXT_BEFORE_AUTOMATON, Ordering::Relaxed);
        let finder = LineFinder::register(r"(?i)partag[eé]z");
        let across = LineFinder::register(r"(?i)partagez\s+le");
        let broad = LineFinder::register(r"(?i)[a-z]+");
        let candidates = CandidateLines::of(&doc);
        let lines: Vec<&str> = candidates
            .lines(finder)
            .unwrap()
            .iter()
            .map(|line| &text[line.clone()])
            .collect();
        assert_eq!(
            lines,
            [
                "Deux PARTAGEZ-le.\r\n",
                "Trois partagez\n",
                "partag\u{c9}z\n",
                "Fin partagez"
            ]
        );
        assert!(
            candidates.lines(across).is_none(),
            "searched in the whole text"
        );
        assert!(candidates.lines(broad).is_none(), "no string is needed");
        assert_eq!(LineFinder::register(r"(?i)partag[eé]z"), finder);
    }
}
