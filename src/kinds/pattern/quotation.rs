//! The groups of a match of a quotation expression, found by trimming the match instead of
//! running a capturing engine over it. An expression of the shape
//!
//! ```text
//! OPEN [W]* (?P<body>[F]? [X]* [E]) [W]* (?P<comma>C?) CLOSE
//! ```
//!
//! (OPEN and CLOSE fixed text, W a class of spaces, C one character outside W, F and E classes
//! without any character of W, E without C either, every repetition greedy) has a single way
//! to split a match it is known to have found: C, when the text between the quotes ends with
//! it, is the `comma` group (the body ends on a character of E, never C nor a space); the
//! spaces before it end the body; the body starts after every space that follows OPEN, which
//! the first, greedy, repetition takes as long as the rest still matches (a body without F
//! matches any of its suffixes that keeps its last character; with F, it cannot start on a
//! space). This is what `typography/english-quotes` matches, and what the bounded backtracker
//! finds at far greater cost: its Unicode classes make each of its steps over a quotation of a
//! few dozen characters costly.

use crate::kinds::template::{Group, MatchGroups};
use regex_syntax::hir::{Class, ClassUnicode, Hir, HirKind, Repetition};
use std::ops::Range;

/// A quotation expression ([the module's shape](self)), with what its groups are found by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quotation {
    /// The opening text.
    open: Vec<u8>,
    /// The closing text.
    close: Vec<u8>,
    /// The spaces around the body, as sorted ranges of characters.
    spaces: Vec<(char, char)>,
    /// The character of the optional group before the closing text.
    comma: char,
    /// The number and name of the body group.
    body: (usize, Option<String>),
    /// The number and name of the group of the optional character.
    comma_group: (usize, Option<String>),
}

impl Quotation {
    /// The quotation that `source` is, when it has the shape of [the module](self).
    pub fn of_source(source: &str) -> Option<Quotation> {
        Quotation::of_hir(&regex_syntax::Parser::new().parse(source).ok()?)
    }

    /// The quotation that `hir` is, when it has the shape of [the module](self).
    pub fn of_hir(hir: &Hir) -> Option<Quotation> {
        let HirKind::Concat(parts) = hir.kind() else {
            return None;
        };
        let [open, before, body, after, comma, close] = parts.as_slice() else {
            return None;
        };
        let (HirKind::Literal(open), HirKind::Literal(close)) = (open.kind(), close.kind()) else {
            return None;
        };
        let spaces = star_of_class(before)?;
        if star_of_class(after)? != spaces {
            return None;
        }
        let (HirKind::Capture(body), HirKind::Capture(comma_capture)) = (body.kind(), comma.kind())
        else {
            return None;
        };
        let HirKind::Repetition(Repetition {
            min: 0,
            max: Some(1),
            greedy: true,
            sub: comma_sub,
        }) = comma_capture.sub.kind()
        else {
            return None;
        };
        let HirKind::Literal(comma_text) = comma_sub.kind() else {
            return None;
        };
        let comma = single_char(&comma_text.0)?;
        if contains(spaces, comma) {
            return None;
        }
        // The body: an optional first class without spaces, a repetition, and a last class
        // without spaces nor the comma.
        let HirKind::Concat(body_parts) = body.sub.kind() else {
            return None;
        };
        let (first, middle, last) = match body_parts.as_slice() {
            [first, middle, last] => (Some(class_of(first)?), middle, last),
            [middle, last] => (None, middle, last),
            _ => return None,
        };
        star_of_class(middle)?;
        let last = class_of(last)?;
        if first.is_some_and(|first| overlap(first, spaces))
            || overlap(last, spaces)
            || contains(last, comma)
        {
            return None;
        }
        Some(Quotation {
            open: open.0.to_vec(),
            close: close.0.to_vec(),
            spaces: spaces
                .iter()
                .map(|range| (range.start(), range.end()))
                .collect(),
            comma,
            body: (body.index as usize, body.name.as_deref().map(String::from)),
            comma_group: (
                comma_capture.index as usize,
                comma_capture.name.as_deref().map(String::from),
            ),
        })
    }

    /// Whether `c` is one of the spaces around the body.
    fn is_space(&self, c: char) -> bool {
        let at = self.spaces.partition_point(|&(_, end)| end < c);
        self.spaces.get(at).is_some_and(|&(start, _)| start <= c)
    }

    /// The groups of the match of the expression that spans `found` in `haystack`; `None`
    /// when the span is not one (it does not start and end with the quotes, or holds no
    /// body).
    pub fn groups<'q, 'h>(
        &'q self,
        haystack: &'h str,
        found: Range<usize>,
    ) -> Option<QuotationGroups<'q, 'h>> {
        let whole = haystack.get(found.clone())?;
        let inner_start = found.start + self.open.len();
        let inner_end = found.end.checked_sub(self.close.len())?;
        if !whole.as_bytes().starts_with(&self.open)
            || !whole.as_bytes().ends_with(&self.close)
            || inner_start > inner_end
        {
            return None;
        }
        let inner = haystack.get(inner_start..inner_end)?;
        let rest = inner.strip_suffix(self.comma).unwrap_or(inner);
        let comma_start = inner_start + rest.len();
        let after_spaces = rest.trim_start_matches(|c| self.is_space(c));
        let body_text = after_spaces.trim_end_matches(|c| self.is_space(c));
        if body_text.is_empty() {
            return None;
        }
        let body_start = inner_start + (rest.len() - after_spaces.len());
        Some(QuotationGroups {
            quotation: self,
            whole: Group {
                start: found.start,
                text: whole,
            },
            body: Group {
                start: body_start,
                text: body_text,
            },
            comma: Group {
                start: comma_start,
                text: &haystack[comma_start..inner_end],
            },
        })
    }
}

/// The class of a greedy repetition of a class without bounds (`[…]*`).
fn star_of_class(hir: &Hir) -> Option<&ClassUnicode> {
    match hir.kind() {
        HirKind::Repetition(Repetition {
            min: 0,
            max: None,
            greedy: true,
            sub,
        }) => class_of(sub),
        _ => None,
    }
}

/// The class `hir` is, when it is a Unicode class.
fn class_of(hir: &Hir) -> Option<&ClassUnicode> {
    match hir.kind() {
        HirKind::Class(Class::Unicode(class)) => Some(class),
        _ => None,
    }
}

/// The one character `bytes` spell.
fn single_char(bytes: &[u8]) -> Option<char> {
    let text = std::str::from_utf8(bytes).ok()?;
    let mut chars = text.chars();
    let c = chars.next()?;
    chars.next().is_none().then_some(c)
}

/// Whether `class` holds `c`.
fn contains(class: &ClassUnicode, c: char) -> bool {
    class
        .iter()
        .any(|range| range.start() <= c && c <= range.end())
}

/// Whether two classes share a character.
fn overlap(a: &ClassUnicode, b: &ClassUnicode) -> bool {
    let mut both = a.clone();
    both.intersect(b);
    both.iter().next().is_some()
}

/// The groups of one match of a [`Quotation`].
pub struct QuotationGroups<'q, 'h> {
    quotation: &'q Quotation,
    whole: Group<'h>,
    body: Group<'h>,
    comma: Group<'h>,
}

impl<'h> MatchGroups<'h> for QuotationGroups<'_, 'h> {
    fn group(&self, index: usize) -> Option<Group<'h>> {
        if index == 0 {
            Some(self.whole)
        } else if index == self.quotation.body.0 {
            Some(self.body)
        } else if index == self.quotation.comma_group.0 {
            Some(self.comma)
        } else {
            None
        }
    }

    fn named(&self, name: &str) -> Option<Group<'h>> {
        if self.quotation.body.1.as_deref() == Some(name) {
            Some(self.body)
        } else if self.quotation.comma_group.1.as_deref() == Some(name) {
            Some(self.comma)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::template::AutomataGroups;
    use regex_automata::{Anchored, Input, nfa::thompson::backtrack::BoundedBacktracker};

    const QUOTES: &str = r#"“[^\S\n]*(?P<body>[^“”\n]*[^“”\s,])[^\S\n]*(?P<comma>,?)”"#;
    const STRAIGHT: &str = r#""[^\S\n]*(?P<body>\p{L}[^"\n]*[^"\s,])[^\S\n]*(?P<comma>,?)""#;

    /// Compares the groups of every match of `source` in `texts` with the backtracker's, and
    /// tells how many matches were compared.
    fn compare(source: &str, texts: &[&str]) -> usize {
        let quotation = Quotation::of_source(source).expect("a quotation");
        let regex = regex::Regex::new(source).unwrap();
        let backtracker = BoundedBacktracker::new(source).unwrap();
        let (mut cache, mut captures) = (backtracker.create_cache(), backtracker.create_captures());
        let mut compared = 0;
        let matches = texts
            .iter()
            .flat_map(|text| regex.find_iter(text).map(move |found| (*text, found)));
        for (text, found) in matches {
            let haystack = &text[..found.end()];
            let input = Input::new(haystack)
                .span(found.range())
                .anchored(Anchored::Yes);
            backtracker
                .try_search(&mut cache, &input, &mut captures)
                .unwrap();
            let expected = AutomataGroups {
                captures: &captures,
                haystack,
            };
            let groups = quotation
                .groups(haystack, found.range())
                .expect("every match splits");
            for index in 0..4 {
                assert_eq!(
                    groups.group(index),
                    expected.group(index),
                    "{source} group {index} in {haystack:?}"
                );
            }
            for name in ["body", "comma", "span", "skip"] {
                assert_eq!(groups.named(name), expected.named(name), "{name}");
            }
            compared += 1;
        }
        compared
    }

    #[test]
    fn the_quotation_expressions_are_recognized() {
        for source in [QUOTES, STRAIGHT] {
            assert!(Quotation::of_source(source).is_some(), "{source}");
        }
        for source in [
            // Lazy spaces, which leave them to the body.
            r#""[^\S\n]*?(?P<body>[^"\n]*[^"\s,])[^\S\n]*(?P<comma>,?)""#,
            // A body that may end on a space.
            r#""[^\S\n]*(?P<body>[^"\n]*[^",])[^\S\n]*(?P<comma>,?)""#,
            // A body that may end on the comma.
            r#""[^\S\n]*(?P<body>[^"\n]*[^"\s])[^\S\n]*(?P<comma>,?)""#,
            // A body that may start on a space.
            r#""[^\S\n]*(?P<body>[^"]?[^"\n]*[^"\s,])[^\S\n]*(?P<comma>,?)""#,
            r#""(?P<body>[^"\n]*[^"\s,])""#,
        ] {
            assert!(Quotation::of_source(source).is_none(), "{source}");
        }
    }

    #[test]
    fn groups_are_those_the_backtracker_finds() {
        let texts = crate::fixture_texts::fixture_texts(&["seeds", "mt"]);
        let mut random = crate::fixture_texts::random_below(11);
        let alphabet = [
            "“", "”", "\"", " ", " ", "\u{a0}", "\u{2029}", "\n", "\t", ",", ",", "a", "é", "1",
            "«", "$", ".",
        ];
        // Random texts between random quotes, so that many of them match.
        let random_texts: Vec<String> = (0..20_000)
            .map(|_| {
                let len = random(12);
                let quote = |pick: usize| ["“", "”", "\""][pick % 3];
                let inner: String = (0..len).map(|_| alphabet[random(alphabet.len())]).collect();
                format!("{}{inner}{}", quote(random(3)), quote(random(3)))
            })
            .collect();
        let all: Vec<&str> = texts
            .iter()
            .chain(&random_texts)
            .map(String::as_str)
            .collect();
        for source in [QUOTES, STRAIGHT] {
            let compared = compare(source, &all);
            assert!(compared > 300, "{source}: {compared} matches compared");
        }
    }
}
