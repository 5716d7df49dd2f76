//! An expression that matches exactly one of a finite set of strings (`usw\.|z\. ?B|es decir`),
//! searched for as those strings: one pass of a packed searcher over the rarest three bytes of
//! each string answers whether a text holds a match, where the regular expression's prefilter
//! would stop at every common prefix of its strings ("es decir", "ad es."). Only an expression
//! that the regular expression library does not already search as strings (a plain alternation
//! of strings), and whose strings are few and long enough, is searched so.

use crate::kinds::gate::{frequency::FRENCH_BYTE_FREQUENCY, pairs::BytePairs};
use aho_corasick::{Span, packed};
use memchr::memmem;
use regex_syntax::hir::{
    Hir, HirKind,
    literal::{ExtractKind, Extractor},
};

/// The most strings a set is searched for as such.
const MAX_STRINGS: usize = 32;

/// How many bytes of each string are searched for: its rarest window of that length, the
/// rest of the string compared where the window is found.
const WINDOW: usize = 3;

/// The fewest bytes of each string of a set searched for as such.
const MIN_STRING_LEN: usize = WINDOW;

/// The most strings searched for one by one, when the byte pairs of a text rule the others
/// out ([`LiteralSet::is_match_in`]); with more left, the packed searcher (or, for a plain
/// alternation, the expression's own search) looks for them all. Of 2 to 8 on the seed
/// corpus, 5 ran the fewest instructions.
const MAX_SEARCHED_ONE_BY_ONE: usize = 5;

/// The strings an expression matches, when they are a finite set that the expression matches
/// exactly, without any look-around.
#[derive(Debug)]
pub struct LiteralSet {
    /// The searcher of the rarest window of each string.
    searcher: packed::Searcher,
    /// For each window, the strings it was taken from and where it stands in each.
    owners: Vec<Vec<(usize, usize)>>,
    /// The strings.
    literals: Vec<Vec<u8>>,
    /// A search for each string on its own.
    finders: Vec<memmem::Finder<'static>>,
    /// Whether the expression is a plain alternation of the strings, which the regular
    /// expression library searches as such: it is left to search for them when the text's
    /// byte pairs leave too many to search one by one.
    plain: bool,
}

impl LiteralSet {
    /// The set of strings `source` matches, or `None` when its matches are not such a set
    /// (a repetition without bound, a large class, a look-around such as `\b` or `^`, an
    /// expression that matches the empty string, or too many strings), or when searching
    /// for them would not be faster: a single string, or more than [`MAX_STRINGS`] strings or
    /// one shorter than [`MIN_STRING_LEN`] bytes, which would give the prefilter many
    /// candidates.
    pub fn of_source(source: &str) -> Option<LiteralSet> {
        let hir = regex_syntax::Parser::new().parse(source).ok()?;
        let properties = hir.properties();
        if properties.is_literal() || has_look_around(&hir) {
            return None;
        }
        let plain = properties.is_alternation_literal();
        let mut extractor = Extractor::new();
        extractor.kind(ExtractKind::Prefix);
        let seq = extractor.extract(&hir);
        if !seq.is_exact() {
            return None;
        }
        let literals = seq.literals()?;
        if literals.is_empty()
            || literals.len() > MAX_STRINGS
            || literals
                .iter()
                .any(|literal| literal.len() < MIN_STRING_LEN)
        {
            return None;
        }
        let mut windows: Vec<[u8; WINDOW]> = Vec::new();
        let mut owners: Vec<Vec<(usize, usize)>> = Vec::new();
        for (index, literal) in literals.iter().enumerate() {
            let offset = rarest_window(literal.as_bytes());
            let window: [u8; WINDOW] = literal.as_bytes()[offset..offset + WINDOW]
                .try_into()
                .ok()?;
            let id = match windows.iter().position(|known| *known == window) {
                Some(id) => id,
                None => {
                    windows.push(window);
                    owners.push(Vec::new());
                    windows.len() - 1
                }
            };
            owners[id].push((index, offset));
        }
        let mut builder = packed::Config::new().builder();
        builder.extend(&windows);
        Some(LiteralSet {
            searcher: builder.build()?,
            owners,
            literals: literals
                .iter()
                .map(|literal| literal.as_bytes().to_vec())
                .collect(),
            finders: literals
                .iter()
                .map(|literal| memmem::Finder::new(literal.as_bytes()).into_owned())
                .collect(),
            plain,
        })
    }

    /// Whether `text`, whose byte pairs are `pairs`, holds one of the strings, as
    /// [`LiteralSet::is_match`] tells: a string that has a pair the text lacks is not in it,
    /// and when the pairs leave [`MAX_SEARCHED_ONE_BY_ONE`] strings or fewer, each is searched
    /// for on its own, which spares the packed searcher's stops at the windows of the others.
    /// `None` when more are left of a plain alternation: its own search is then the faster.
    pub fn is_match_in(&self, text: &str, pairs: &BytePairs) -> Option<bool> {
        let mut left = [0; MAX_SEARCHED_ONE_BY_ONE];
        let mut count = 0;
        for (index, literal) in self.literals.iter().enumerate() {
            if pairs.holds_every_pair_of(literal) {
                if count == MAX_SEARCHED_ONE_BY_ONE {
                    return (!self.plain).then(|| self.is_match(text));
                }
                left[count] = index;
                count += 1;
            }
        }
        Some(
            left[..count]
                .iter()
                .any(|&index| self.finders[index].find(text.as_bytes()).is_some()),
        )
    }

    /// Whether `text` holds one of the strings, that is, a match of the expression.
    pub fn is_match(&self, text: &str) -> bool {
        let haystack = text.as_bytes();
        let mut from = 0;
        while let Some(found) = self
            .searcher
            .find_in(haystack, Span::from(from..haystack.len()))
        {
            let start = found.start();
            for &(index, offset) in &self.owners[found.pattern().as_usize()] {
                let literal = &self.literals[index];
                if start >= offset
                    && haystack.get(start - offset..start - offset + literal.len())
                        == Some(literal.as_slice())
                {
                    return true;
                }
            }
            // The windows all have the same length: no other one starts where this one does.
            from = start + 1;
        }
        false
    }
}

/// Where the window of [`WINDOW`] bytes of `literal` made of the rarest bytes of French text
/// starts (`literal` is at least that long).
fn rarest_window(literal: &[u8]) -> usize {
    (0..=literal.len() - WINDOW)
        .min_by_key(|&start| {
            literal[start..start + WINDOW]
                .iter()
                .map(|&byte| u32::from(FRENCH_BYTE_FREQUENCY[usize::from(byte)]))
                .sum::<u32>()
        })
        .unwrap_or(0)
}

/// Whether the expression holds an assertion (`^`, `$`, `\b`…), which the literal extractor
/// takes for an empty string although it restricts where a match may stand.
pub(super) fn has_look_around(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Look(_) => true,
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) => false,
        HirKind::Repetition(repetition) => has_look_around(&repetition.sub),
        HirKind::Capture(capture) => has_look_around(&capture.sub),
        HirKind::Concat(parts) | HirKind::Alternation(parts) => parts.iter().any(has_look_around),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    const SOURCES: &[&str] = &[
        r"z\. ?B|d\. h|d\.h|usw\.|ecc\.|enz\.|bzw\.|ggf\.|vgl\.|u\. a|u\.a|o\.a\.|p\. ej|p\.ej|ad es\.|bijv\.|es decir|Sr\.|Sig\.|Sra\.|EE\.",
        r"(?i)abc|xyz",
        r"[0-2] ?%x",
        r"a[bc]de|xyz",
        r"(?i)ab|cd",
        r"[0-9] ?%",
        r"é|è|\u{a0}:",
        r"abc|xyz",
        r"January|February|March|April|May|June|July|August|September|Monday|Sunday",
    ];

    /// Expressions that make no literal set: assertions, unbounded repeats, classes, and
    /// strings too short or too many.
    const NOT_LITERAL_SETS: &[&str] = &[
        r"\bab",
        r"^ab|cd",
        r"ab$",
        r"a+",
        r"a?",
        r"\w",
        r"abc",
        r"a[bc]d|x",
    ];

    /// A small deterministic generator of texts made of the pieces the expressions match.
    fn texts() -> Vec<String> {
        let pieces = [
            "z", ".", " ", "B", "d", "h", "usw", "es", "decir", "ad", "a", "b", "c", "A", "B", "C",
            "D", "%", "5", "é", "è", "\u{a0}", ":", "x", "Sr", "EE", "\n", "ab", "cd", "xyz", "e",
            "X", "Y", "Z",
        ];
        let mut random = crate::fixture_texts::random_below(0x9e37_79b9_7f4a_7c15);
        let mut texts = vec![String::new()];
        for _ in 0..4000 {
            let mut text = String::new();
            for _ in 0..random(9) {
                text.push_str(pieces[random(pieces.len())]);
            }
            texts.push(text);
        }
        texts
    }

    #[test]
    fn a_literal_set_matches_where_its_expression_does() {
        let texts = texts();
        let mut sets = 0;
        for source in SOURCES.iter().chain(NOT_LITERAL_SETS) {
            let Some(set) = LiteralSet::of_source(source) else {
                continue;
            };
            sets += 1;
            let regex = Regex::new(source).unwrap();
            for text in &texts {
                assert_eq!(
                    set.is_match(text),
                    regex.is_match(text),
                    "{source} on {text:?}"
                );
                assert!(
                    set.is_match_in(text, &BytePairs::of(text.as_bytes()))
                        .is_none_or(|found| found == regex.is_match(text)),
                    "{source} on {text:?}, by its pairs"
                );
            }
        }
        assert_eq!(sets, 6, "expressions made literal sets");
    }

    #[test]
    fn assertions_and_unbounded_expressions_are_not_literal_sets() {
        for source in NOT_LITERAL_SETS {
            assert!(LiteralSet::of_source(source).is_none(), "{source}");
        }
        assert!(LiteralSet::of_source(SOURCES[0]).is_some());
    }
}
