//! The lines a boilerplate expression may match on, for every expression at once: for the
//! expressions searched in the whole text whose matches never run over a line break, the
//! strings their matches need ([`crate::kinds::gate::lines`]) are searched for together, a
//! few dozen at a time, and each expression then runs over the lines that hold one of its
//! own strings instead of over the whole text, where its engine, given an expression that
//! starts with a sentence around a plea (`[^.!?…\n]*(?:…)`), finds no literal to skip ahead
//! to: one vectorised pass over the text for a group of expressions instead of one pass of an
//! automaton for each.

use crate::{
    document::Document,
    kinds::gate::{lines::LineLiterals, needed::needed_sets},
};
use regex_syntax::hir::{Class, Hir, HirKind, Look};
use std::{
    ops::Range,
    sync::{
        Arc, Mutex, OnceLock,
        atomic::{AtomicUsize, Ordering},
    },
};

/// An expression registered for the shared search of candidate lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineFinder {
    /// Its index among the registered expressions.
    id: usize,
}

/// The registered expressions, and the search of their lines as of when it was built.
#[derive(Default)]
struct Registry {
    sources: Vec<String>,
    combined: Option<Arc<Combined>>,
}

static REGISTRY: Mutex<Registry> = Mutex::new(Registry {
    sources: Vec::new(),
    combined: None,
});

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

    /// The short lines of `text`, whose line feeds are at `feeds` (found once for the
    /// document), for the largest limit registered.
    pub fn of(text: &str, feeds: &[usize]) -> ShortLines {
        let max_words = SHORT_LINE_WORDS.load(Ordering::Relaxed);
        let max_bytes = (max_words + 1) * LONG_WORD_BYTES;
        let mut lines = Vec::new();
        for (start, line) in crate::text::lines::lines_of_feeds(text, feeds) {
            // A line of more bytes than that many long words has more words: no need to count.
            if line.len() <= max_bytes {
                let words = count_words_up_to(line, max_words);
                if (1..=max_words).contains(&words) {
                    lines.push((start..start + line.len(), words));
                }
            }
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
/// `str::split_whitespace` gives them), counted up to `limit` + 1. Eight bytes are taken at a
/// time when none of them may start a non-ASCII blank ([`ascii_blanks`]); the eight bytes of
/// a chunk that may are taken one character at a time, before the next chunk is tried.
fn count_words_up_to(line: &str, limit: usize) -> usize {
    let bytes = line.as_bytes();
    let (mut words, mut in_word) = (0, false);
    let mut at = 0;
    // Where the bytes of the last chunk refused end: up to there, one character at a time.
    let mut refused_until = 0;
    while at < bytes.len() && words <= limit {
        if at >= refused_until
            && let Some(chunk) = bytes.get(at..at + 8)
        {
            let chunk = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
            if let Some(blanks) = ascii_blanks(chunk) {
                // A word starts at each byte that is not blank after one that is (the byte
                // before the chunk is blank when no word is open).
                let before = blanks << 8 | u64::from(!in_word) << 7;
                words += (!blanks & before & HIGH).count_ones() as usize;
                in_word = blanks >> 63 == 0;
                at += 8;
                continue;
            }
            refused_until = at + 8;
        }
        let byte = bytes[at];
        let blank = if byte.is_ascii() {
            at += 1;
            // The ASCII whitespace of `char::is_whitespace`.
            matches!(byte, b'\t'..=b'\r' | b' ')
        } else if !line.is_char_boundary(at) {
            // The rest of a character whose first byte a chunk took: not a blank, or the
            // chunk would have been refused.
            at += 1;
            false
        } else {
            let c = line[at..].chars().next().expect("a character starts here");
            at += c.len_utf8();
            c.is_whitespace()
        };
        if !blank && !in_word {
            words += 1;
        }
        in_word = !blank;
    }
    words.min(limit + 1)
}

/// Each byte of a word with its high bit set.
const HIGH: u64 = u64::from_le_bytes([0x80; 8]);

/// The high bit of each byte of `value` that is zero.
fn zero_bytes(value: u64) -> u64 {
    !(((value & !HIGH) + !HIGH) | value) & HIGH
}

/// The high bit of each blank byte of the eight bytes `chunk` (little-endian), when their
/// blanks are ASCII ones: `None` when one of them may start a non-ASCII blank (the first byte
/// of U+0085, U+00A0, U+1680, U+2000 to U+205F or U+3000: C2, E1, E2 or E3; E0 is refused
/// too). Other bytes from 80 on, of letters and signs, are never blanks.
fn ascii_blanks(chunk: u64) -> Option<u64> {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    let high = chunk & HIGH;
    if high != 0 {
        let c2 = zero_bytes(chunk ^ (ONES * 0xC2));
        let e0_to_e3 = zero_bytes((chunk ^ (ONES * 0xE0)) & (ONES * 0xFC));
        if c2 | e0_to_e3 != 0 {
            return None;
        }
    }
    // Of the seven low bits: spaces, and tab to carriage return (09 to 0D).
    let low = chunk & !HIGH;
    let spaces = zero_bytes(low ^ (ONES * 0x20));
    let controls = crate::text::bytes::ascii_bytes_between(low, 0x09, 0x0D);
    Some((spaces | controls) & !high)
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
    /// Searches for strings, each for those of a group of expressions searched line by line
    /// (the most selective needed set of each): a line that holds a match of one of them
    /// holds one of its strings. Expressions are grouped as long as their strings can be
    /// searched for at once.
    groups: Vec<LineLiterals>,
    /// For each registered expression, when it is searched line by line: its group, and its
    /// place among the group's members.
    member_of: Vec<Option<(usize, usize)>>,
}

impl Combined {
    /// The search of `sources`: an expression is searched line by line when its matches never
    /// run over a line break and hold known strings (so none is empty).
    fn of(sources: &[String]) -> Combined {
        let mut grouped: Vec<Vec<Vec<Vec<u8>>>> = Vec::new();
        let mut member_of = Vec::with_capacity(sources.len());
        for source in sources {
            let strings = regex_syntax::Parser::new()
                .parse(source)
                .ok()
                .filter(within_a_line)
                .and_then(|hir| needed_sets(&hir).into_iter().next())
                .and_then(|set| LineLiterals::strings_of(&set))
                .map(cut_to_fingerprints);
            let Some(strings) = strings else {
                member_of.push(None);
                continue;
            };
            let joins_last = grouped.last().is_some_and(|last| {
                let mut members: Vec<&[Vec<u8>]> = last.iter().map(Vec::as_slice).collect();
                members.push(&strings);
                LineLiterals::fit(&members)
            });
            if !joins_last {
                grouped.push(Vec::new());
            }
            let group = grouped.len() - 1;
            grouped[group].push(strings);
            member_of.push(Some((group, grouped[group].len() - 1)));
        }
        // A group whose strings cannot be searched for leaves its expressions to search the
        // whole text.
        let mut groups = Vec::new();
        let mut renumbered = Vec::new();
        for members in grouped {
            renumbered.push(LineLiterals::of_members(&members).map(|search| {
                groups.push(search);
                groups.len() - 1
            }));
        }
        Combined {
            member_of: member_of
                .into_iter()
                .map(|member| {
                    let (group, place) = member?;
                    Some((renumbered[group]?, place))
                })
                .collect(),
            groups,
        }
    }

    /// The search of every expression registered so far, built anew when one was registered
    /// since the last.
    fn current() -> Arc<Combined> {
        let mut registry = REGISTRY.lock().unwrap_or_else(|e| e.into_inner());
        let registered = registry.sources.len();
        match &registry.combined {
            Some(combined) if combined.member_of.len() == registered => combined.clone(),
            _ => {
                let combined = Arc::new(Combined::of(&registry.sources));
                registry.combined = Some(combined.clone());
                combined
            }
        }
    }
}

/// The lines of a document (each with its line feed) where each registered expression may
/// match, found in one pass for each group of expressions, when one of them first asks.
pub struct CandidateLines {
    combined: Arc<Combined>,
    /// For each group, the lines that hold one of the strings of each member, in order.
    lines: Vec<OnceLock<Vec<Vec<Range<usize>>>>>,
}

impl Default for CandidateLines {
    /// The candidate lines of every expression registered so far, none found yet.
    fn default() -> CandidateLines {
        let combined = Combined::current();
        let lines = combined.groups.iter().map(|_| OnceLock::new()).collect();
        CandidateLines { combined, lines }
    }
}

impl CandidateLines {
    /// The lines of `doc` where the expression of `finder` may match, in order, when it is
    /// searched line by line: its matches in the whole text are its matches in them.
    pub fn lines(&self, finder: LineFinder, doc: &Document) -> Option<&[Range<usize>]> {
        let (group, member) = (*self.combined.member_of.get(finder.id)?)?;
        let lines = self.lines[group].get_or_init(|| self.combined.groups[group].lines(doc));
        Some(lines[member].as_slice())
    }
}

/// The bytes kept of each string searched for, from its rarest run of bytes, where
/// [`LineLiterals::strings_of`] starts it: long enough that few lines hold one by chance,
/// short enough that the many strings of an expression's alternatives ("uvez partager cet
/// article", "uvez partager ces vidéo") share one.
const SEARCHED_BYTES: usize = 8;

/// `strings` cut to their first [`SEARCHED_BYTES`] bytes, without duplicates: a line holding
/// a string holds its beginning, and fewer strings are searched for in fewer passes.
fn cut_to_fingerprints(mut strings: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
    for string in &mut strings {
        string.truncate(SEARCHED_BYTES);
    }
    strings.sort_unstable();
    strings.dedup();
    strings
}

/// Whether no match of `hir` can hold a line feed, and none depends on the start or the end
/// of the text (`\A`, `\z`): its other assertions (line anchors, word boundaries) see the same
/// characters around a position of a line whether the line is searched alone, with its line
/// feed, or within the whole text. Its matches in a text are then its matches in each line.
pub fn within_a_line(hir: &Hir) -> bool {
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

    proptest::proptest! {
        #[test]
        fn words_are_counted_eight_bytes_at_a_time_as_one_at_a_time(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "a", "É", "é", "à", " ", "  ", "\t", "\r\n", "\u{b}", "\u{c}", "\u{85}",
                "\u{a0}", "\u{1680}", "\u{2003}", "\u{202f}", "\u{205f}", "\u{3000}",
                "\u{2028}", "’", "«", "»", "œ", "\u{800}", "\u{1f600}", "~", "\u{7f}",
                "\u{1f}", "\0", "xyzwvuts",
            ]), 0..40),
            limit in 0usize..20,
        ) {
            let line: String = pieces.concat();
            let expected = line.split_whitespace().take(limit + 1).count();
            proptest::prop_assert_eq!(count_words_up_to(&line, limit), expected);
        }
    }

    #[test]
    fn strings_are_cut_to_their_beginnings_once_each() {
        let strings: Vec<Vec<u8>> = [
            "uvez partager cet article",
            "uvez partager ces vidéo",
            "don",
        ]
        .iter()
        .map(|s| s.as_bytes().to_vec())
        .collect();
        let cut = cut_to_fingerprints(strings.clone());
        assert_eq!(cut, [b"don".to_vec(), b"uvez par".to_vec()]);
        for string in &strings {
            assert!(cut.iter().any(|short| string.starts_with(short)));
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
        let finder = LineFinder::register(r"(?i)partag[eé]z");
        let across = LineFinder::register(r"(?i)partagez\s+le");
        let broad = LineFinder::register(r"(?i)[a-z]+");
        let other = LineFinder::register(r"(?i)\b(?:quatre|fin)\b");
        let candidates = CandidateLines::default();
        let lines_of = |finder| -> Vec<&str> {
            let found = candidates.lines(finder, &doc).unwrap();
            found.iter().map(|line| &text[line.clone()]).collect()
        };
        let other_lines = lines_of(other);
        assert_eq!(
            other_lines,
            ["Quatre\n", "Fin partagez"],
            "searched with the first, only its own lines"
        );
        let lines = lines_of(finder);
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
            candidates.lines(across, &doc).is_none(),
            "searched in the whole text"
        );
        assert!(
            candidates.lines(broad, &doc).is_none(),
            "no string is needed"
        );
        assert_eq!(LineFinder::register(r"(?i)partag[eé]z"), finder);
    }
}
