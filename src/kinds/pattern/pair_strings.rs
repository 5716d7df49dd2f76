//! The strings an expression matches, when they are a finite set, tested against the pairs
//! of consecutive bytes of a text ([`BytePairs`]): a text that lacks a pair of each of them
//! holds none, and so no match, without a search. A `requires` test made of strings
//! (`XNUM|@@|__|%[sdif]|\{[0-9]\}`) is thus answered at once for most texts, where its search
//! would read every byte.

use super::literal_set::has_look_around;
use crate::kinds::gate::pairs::BytePairs;
use regex_syntax::hir::literal::{ExtractKind, Extractor};

/// The strings of an expression's matches ([the module](self)).
#[derive(Debug)]
pub struct PairStrings {
    strings: Vec<Vec<u8>>,
}

impl PairStrings {
    /// The strings `source` matches, when it matches one of a finite set of strings and
    /// holds no assertion (`^`, `\b`…); `None` otherwise.
    pub fn of_source(source: &str) -> Option<PairStrings> {
        let hir = regex_syntax::Parser::new().parse(source).ok()?;
        if has_look_around(&hir) {
            return None;
        }
        let mut extractor = Extractor::new();
        extractor.kind(ExtractKind::Prefix);
        let seq = extractor.extract(&hir);
        if !seq.is_exact() {
            return None;
        }
        Some(PairStrings {
            strings: seq
                .literals()?
                .iter()
                .map(|literal| literal.as_bytes().to_vec())
                .collect(),
        })
    }

    /// Whether a text with the byte pairs `pairs` may hold one of the strings: it holds every
    /// pair of consecutive bytes of one of them.
    pub fn admits(&self, pairs: &BytePairs) -> bool {
        self.strings
            .iter()
            .any(|string| pairs.holds_every_pair_of(string))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    /// The `requires` expressions of the built-in packs, and a few others.
    fn sources() -> Vec<String> {
        let mut sources = crate::rules::builtin_rules_where(|rule| match &rule.kind {
            crate::kinds::CompiledKind::Pattern(rule) => {
                rule.requires.as_ref().map(|r| r.source().to_string())
            }
            _ => None,
        });
        sources.extend(
            [
                r"(?i)ab|x",
                r"a?",
                r"",
                r"[0-2] ?%x",
                r"é|è|\u{a0}:",
                r"a[^a]",
            ]
            .map(String::from),
        );
        sources
    }

    #[test]
    fn a_text_refused_holds_no_match() {
        let mut texts = crate::fixture_texts::fixture_texts(&["seeds", "mt"]);
        let pieces = [
            "XNUM",
            "NUM",
            "X",
            "@",
            "_",
            "%",
            "s",
            "d",
            "{",
            "}",
            "0",
            "5",
            "$",
            " ",
            "z",
            ".",
            "B",
            "usw",
            "Sr",
            "EE",
            "u",
            "a",
            "ab",
            "AB",
            "x",
            "é",
            "è",
            "\u{a0}",
            ":",
            "mile",
            "ft",
            "billion",
            "000",
            "million",
            "May",
            "am",
            "pm",
            "(",
            "en",
            "français",
            "\n",
        ];
        texts.extend(crate::fixture_texts::random_texts(
            11,
            &pieces,
            20_000,
            0..8,
            "",
        ));
        let pairs: Vec<BytePairs> = texts.iter().map(|t| BytePairs::of(t.as_bytes())).collect();
        let (mut sets, mut refusing) = (0, 0);
        for source in sources() {
            let Some(strings) = PairStrings::of_source(&source) else {
                continue;
            };
            sets += 1;
            let regex = Regex::new(&source).unwrap();
            let mut refused = 0;
            for (text, pairs) in texts.iter().zip(&pairs) {
                if !strings.admits(pairs) {
                    refused += 1;
                    assert!(!regex.is_match(text), "{source} in {text:?}");
                }
            }
            refusing += usize::from(refused > 0);
        }
        assert!(sets >= 8, "{sets} expressions made of strings");
        assert!(refusing >= 6, "{refusing} expressions refuse a text");
    }

    #[test]
    fn only_finite_sets_of_strings_without_assertions() {
        for source in [r"\bab", r"^ab|cd", r"a+", r"\w", r"[^a]"] {
            assert!(PairStrings::of_source(source).is_none(), "{source}");
        }
        let placeholder = PairStrings::of_source(r"XNUM|NUMX|@@|__|%[sdif]|%[0-9]\$|\{[0-9]\}");
        let placeholder = placeholder.expect("a set of strings");
        assert!(!placeholder.admits(&BytePairs::of("Le 5 % des NUM, X.".as_bytes())));
        assert!(placeholder.admits(&BytePairs::of("Les XNUMX îles".as_bytes())));
        assert!(placeholder.admits(&BytePairs::of("a {7} b".as_bytes())));
    }
}
