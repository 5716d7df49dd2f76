//! Expressions whose every match starts with one of a few strings, then a fixed string, then a
//! digit (`(?:[Mm]ars|[Mm]ai|…) [0-9]`): a match can only start that many bytes before a
//! digit of the text. The search of the whole text then starts only from those places: from
//! each one, in order, that no match found so far covers, the expression is searched for as
//! it is in the whole text (the text before it seen by its look-around), which finds the very
//! matches a search of the whole text finds, since none starts anywhere else. A short
//! anchored search first skips the places where no match starts, so that the text beyond is
//! not searched for nothing. A text holds few numbers, and fewer after a month's name, where
//! the expression's own search stops at every "mai" of "mais".

use super::after_number::{Edge, edge_of_sequence, flatten, within};
use regex::Regex;
use regex_automata::{Anchored, Input, nfa::thompson::backtrack::BoundedBacktracker};
use regex_syntax::hir::{
    ClassUnicode, ClassUnicodeRange, HirKind,
    literal::{ExtractKind, Extractor},
};
use std::ops::Range;

/// The most strings a match may start with for the expression to be searched so.
const MAX_STRINGS: usize = 64;

/// How many bytes from a place the anchored search that may skip it reads.
const WINDOW: usize = 64;

/// An expression searched for before digits only ([the module](self)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BeforeNumber {
    /// The strings a match starts with.
    heads: Vec<Vec<u8>>,
    /// For each byte, the strings (as bits of their index) that end with it, or are too
    /// short to: only those can end where a string must end before the whole string is
    /// compared ([`ending_masks`]).
    last: Box<[u64; 256]>,
    /// For each byte, the strings whose next-to-last byte it is, or that are too short to
    /// have one.
    next_to_last: Box<[u64; 256]>,
    /// The string between the first string and the digit.
    middle: Vec<u8>,
    /// The length of the longest match, in bytes, when there is one.
    max_len: Option<usize>,
}

impl BeforeNumber {
    /// The search of `source` before digits, when its every match starts with one of a
    /// finite set of strings, then a fixed string, then an ASCII digit, and none is empty.
    pub fn of_source(source: &str) -> Option<BeforeNumber> {
        let hir = regex_syntax::Parser::new().parse(source).ok()?;
        if hir.properties().minimum_len().is_none_or(|len| len == 0) {
            return None;
        }
        let mut parts = Vec::new();
        flatten(&hir, &mut parts);
        let (head, rest) = parts.split_first()?;
        let mut extractor = Extractor::new();
        extractor.kind(ExtractKind::Prefix);
        let seq = extractor.extract(head);
        if !seq.is_exact() {
            return None;
        }
        let heads: Vec<Vec<u8>> = seq
            .literals()?
            .iter()
            .map(|literal| literal.as_bytes().to_vec())
            .collect();
        if heads.is_empty() || heads.len() > MAX_STRINGS || heads.iter().any(Vec::is_empty) {
            return None;
        }
        let mut middle = Vec::new();
        let mut rest = rest;
        while let Some((part, after)) = rest.split_first() {
            let HirKind::Literal(literal) = part.kind() else {
                break;
            };
            middle.extend_from_slice(&literal.0);
            rest = after;
        }
        let digits = ClassUnicode::new([ClassUnicodeRange::new('0', '9')]);
        let (first, nullable) = edge_of_sequence(rest.iter().copied(), Edge::First)?;
        if nullable || first.iter().next().is_none() || !within(&first, &digits) {
            return None;
        }
        let last = ending_masks(&heads, 1);
        let next_to_last = ending_masks(&heads, 2);
        Some(BeforeNumber {
            heads,
            last,
            next_to_last,
            middle,
            max_len: hir.properties().maximum_len(),
        })
    }

    /// Where a match may start in `text`, whose ASCII digits are at `digits`, in order.
    fn places(&self, text: &str, digits: &[usize]) -> Vec<usize> {
        let bytes = text.as_bytes();
        let mut places = Vec::new();
        for &digit in digits {
            let Some(head_end) = digit.checked_sub(self.middle.len()) else {
                continue;
            };
            if bytes[head_end..digit] != self.middle[..] {
                continue;
            }
            // The strings that may end at `head_end`, by its last two bytes.
            let mut candidates = match head_end {
                0 => continue,
                1 => self.last[usize::from(bytes[0])] & self.next_to_last[0],
                _ => {
                    self.last[usize::from(bytes[head_end - 1])]
                        & self.next_to_last[usize::from(bytes[head_end - 2])]
                }
            };
            while candidates != 0 {
                let head = &self.heads[candidates.trailing_zeros() as usize];
                candidates &= candidates - 1;
                if bytes[..head_end].ends_with(head) {
                    places.push(head_end - head.len());
                }
            }
        }
        places.sort_unstable();
        places.dedup();
        places
    }

    /// Whether no match of `backtracker`'s expression starts at byte `at` of `text`, as an
    /// anchored search of the next [`WINDOW`] bytes tells when every match is shorter, or
    /// the text ends there.
    fn none_at(&self, text: &str, at: usize, backtracker: &BoundedBacktracker) -> bool {
        let end = (at + WINDOW).min(text.len());
        if end < text.len() && self.max_len.is_none_or(|max| max > WINDOW) {
            return false;
        }
        if backtracker.max_haystack_len() < end - at {
            return false;
        }
        let mut cache = backtracker.create_cache();
        let input = Input::new(text).span(at..end).anchored(Anchored::Yes);
        matches!(backtracker.try_find(&mut cache, input), Ok(None))
    }

    /// The matches of `regex` in `text`, whose ASCII digits are at `digits`: those of
    /// `regex.find_iter(text)`, or only the first when `first_only`. `backtracker` is the
    /// expression's, which skips the places where no match starts.
    pub fn find_all(
        &self,
        regex: &Regex,
        text: &str,
        digits: &[usize],
        backtracker: Option<&BoundedBacktracker>,
        first_only: bool,
    ) -> Vec<Range<usize>> {
        let mut found: Vec<Range<usize>> = Vec::new();
        let mut from = 0;
        for place in self.places(text, digits) {
            if place < from || backtracker.is_some_and(|b| self.none_at(text, place, b)) {
                continue;
            }
            // No match starts between `from` and this place: the first match from here is
            // the first from `from`, as a search of the whole text finds it.
            let Some(next) = regex.find_at(text, place) else {
                break;
            };
            found.push(next.range());
            if first_only {
                break;
            }
            from = next.end();
        }
        found
    }
}

/// For each byte value, the strings of `heads` (bits of their index, at most 64 of them) whose
/// byte `back` places from the end it is, or that are shorter than `back` bytes (any byte may
/// stand there, and the masks of byte 0 stand for the missing byte before the start of the
/// text). A filter only: each string it lets through is then compared whole.
fn ending_masks(heads: &[Vec<u8>], back: usize) -> Box<[u64; 256]> {
    let mut masks = Box::new([0u64; 256]);
    for (index, head) in heads.iter().enumerate() {
        let bit = 1u64 << index;
        match head.len().checked_sub(back) {
            Some(at) => masks[usize::from(head[at])] |= bit,
            None => masks.iter_mut().for_each(|mask| *mask |= bit),
        }
    }
    masks
}

#[cfg(test)]
mod tests {
    use super::*;

    const MONTHS: &str = "(?:[Jj]anvier|[Ff]évrier|[Mm]ars|[Aa]vril|[Mm]ai|[Jj]uin)";

    #[test]
    fn only_expressions_that_start_with_strings_before_a_digit_are_searched_so() {
        for source in [
            format!("{MONTHS} [0-9]"),
            format!("(?P<span>(?P<m>{MONTHS}) (?P<d>[1-3]?[0-9]))(?P<a>[^0-9]|$)"),
            "ab[0-9]+".to_string(),
        ] {
            assert!(BeforeNumber::of_source(&source).is_some(), "{source}");
        }
        // Not a finite set of strings, then a fixed string, then a digit.
        for source in [
            "[a-z]+ [0-9]",
            "(?:mars|mai) ?[0-9]",
            "(?:mars|mai) [0-9a]",
            "(?:mars|mai) [0-9]?",
            "^mars [0-9]",
            "(?:mars|) [0-9]",
            "(?:a|bc),? ?x[0-9]",
        ] {
            assert!(BeforeNumber::of_source(source).is_none(), "{source}");
        }
    }

    /// The expressions the search is compared on: built-in ones and a few whose matches
    /// overlap the places of others, or run long.
    fn sources() -> Vec<String> {
        let mut sources: Vec<String> = crate::rules::builtin_rules_where(|rule| match &rule.kind {
            crate::kinds::CompiledKind::Pattern(rule) => Some(rule),
            _ => None,
        })
        .into_iter()
        .flat_map(|rule| {
            rule.patterns
                .iter()
                .map(|p| p.regex.source().to_string())
                .chain(rule.requires.iter().map(|r| r.source().to_string()))
        })
        .filter(|source| BeforeNumber::of_source(source).is_some())
        .collect();
        assert!(sources.len() >= 3, "{sources:?}");
        sources.extend([
            format!("(?P<m>{MONTHS}) (?P<d>[0-9]+)(?P<a>[^0-9]|$)"),
            format!("{MONTHS} [0-9][ ,]*(?:[^0-9 ]|$)"),
            "(?:ai|mai|a) [0-9](?:[ ]*mai [0-9])?".to_string(),
        ]);
        sources
    }

    /// [`BeforeNumber::places`] comparing every string at every digit, as a reference.
    fn places_one_by_one(search: &BeforeNumber, text: &str, digits: &[usize]) -> Vec<usize> {
        let bytes = text.as_bytes();
        let mut places: Vec<usize> = digits
            .iter()
            .filter_map(|&digit| digit.checked_sub(search.middle.len()))
            .filter(|&head_end| bytes[head_end..].starts_with(&search.middle))
            .flat_map(|head_end| {
                search
                    .heads
                    .iter()
                    .filter(move |head| bytes[..head_end].ends_with(head))
                    .map(move |head| head_end - head.len())
            })
            .collect();
        places.sort_unstable();
        places.dedup();
        places
    }

    #[test]
    fn the_places_found_by_the_last_bytes_are_those_of_every_string() {
        let words = [
            "mars", "Mai", "mai", "ai", "a", "i", " ", "1", "20", "le ", "\n", "juin", "é", "x",
        ];
        let mut texts = crate::fixture_texts::random_texts(11, &words, 2000, 0..20, "");
        texts.extend(["1 mai 2".to_string(), "i 1".to_string(), "a1".to_string()]);
        let mut sources = sources();
        sources.extend([
            "(?:i|ai|a)[0-9]".to_string(),
            "(?:i| i|a i) [0-9]".to_string(),
        ]);
        for source in sources {
            let search = BeforeNumber::of_source(&source).expect("searched before digits");
            for text in &texts {
                let digits = super::super::after_number::digits(text);
                assert_eq!(
                    search.places(text, &digits),
                    places_one_by_one(&search, text, &digits),
                    "{source} in {text:?}"
                );
            }
        }
    }

    #[test]
    fn the_search_before_digits_finds_what_a_search_of_the_whole_text_finds() {
        let mut texts = crate::fixture_texts::fixture_texts(&["seeds", "mt"]);
        let words = [
            "mars", "Mai", "mai", "ai", "a", " ", " ", ",", "1", "20", "2021", "le ", "du ", "\n",
            "juin", "é", "x",
        ];
        texts.extend(crate::fixture_texts::random_texts(
            7,
            &words,
            3000,
            0..30,
            "",
        ));
        texts.push(format!("le mars 3{}x", " ".repeat(200)));
        for source in sources() {
            let search = BeforeNumber::of_source(&source).expect("searched before digits");
            let regex = Regex::new(&source).unwrap();
            let backtracker = BoundedBacktracker::new(&source).unwrap();
            for text in &texts {
                let expected: Vec<Range<usize>> =
                    regex.find_iter(text).map(|m| m.range()).collect();
                let digits = super::super::after_number::digits(text);
                for backtracker in [None, Some(&backtracker)] {
                    let found = search.find_all(&regex, text, &digits, backtracker, false);
                    assert_eq!(found, expected, "{source} in {text:?}");
                    let first = search.find_all(&regex, text, &digits, backtracker, true);
                    assert_eq!(
                        first,
                        expected.first().cloned().into_iter().collect::<Vec<_>>()
                    );
                }
            }
        }
    }
}
