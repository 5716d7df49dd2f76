//! The first bytes a match of a line-anchored expression (`(?m)^…`) can begin with. Searched in
//! one line, such an expression can only match at the line's start: its `^` holds nowhere
//! else before the line feed that ends the line, and after that line feed no match fits,
//! since none is empty. A line whose first byte cannot begin a match holds none, and is not
//! searched: most short lines begin with a letter, where a separator or a lone symbol cannot.

use regex_syntax::hir::{Class, Hir, HirKind, Look};

/// The bytes a match of a line-anchored expression can begin with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineStart {
    /// One bit for each byte that can begin a match.
    first: [u64; 4],
}

impl LineStart {
    /// The first bytes of the matches of `source`, when every match starts at the start of a
    /// line or of the text (`(?m)^` or `^` before it) and none is empty; `None` otherwise, or
    /// when the expression does not parse.
    pub fn of_source(source: &str) -> Option<LineStart> {
        let hir = regex_syntax::Parser::new().parse(source).ok()?;
        let anchors = hir.properties().look_set_prefix();
        if !(anchors.contains(Look::StartLF) || anchors.contains(Look::Start)) {
            return None;
        }
        let (first, empty) = first_bytes(&hir);
        (!empty).then_some(LineStart { first })
    }

    /// Whether the expression may match in `line`, a line of text searched alone (with its
    /// line feed, if any, and no other): false when its first byte cannot begin a match.
    pub fn may_match(&self, line: &str) -> bool {
        line.as_bytes()
            .first()
            .is_some_and(|&byte| (self.first[usize::from(byte >> 6)] >> (byte & 63)) & 1 == 1)
    }
}

/// The bytes a match of `hir` can begin with (a superset of them), and whether it can match the
/// empty string (then what follows it can begin a match too).
fn first_bytes(hir: &Hir) -> ([u64; 4], bool) {
    let mut first = [0u64; 4];
    let mut add = |low: u8, high: u8| {
        for byte in low..=high {
            first[usize::from(byte >> 6)] |= 1 << (byte & 63);
        }
    };
    let empty = match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => true,
        HirKind::Literal(literal) => match literal.0.first() {
            Some(&byte) => {
                add(byte, byte);
                false
            }
            None => true,
        },
        HirKind::Class(Class::Unicode(class)) => {
            // The first byte of a character's UTF-8 encoding never decreases as the character
            // grows: a range's characters begin with the bytes between those of its ends.
            for range in class.ranges() {
                add(leading_byte(range.start()), leading_byte(range.end()));
            }
            false
        }
        HirKind::Class(Class::Bytes(class)) => {
            for range in class.ranges() {
                add(range.start(), range.end());
            }
            false
        }
        HirKind::Repetition(repetition) => {
            let (sub, empty) = first_bytes(&repetition.sub);
            first = sub;
            repetition.min == 0 || empty
        }
        HirKind::Capture(capture) => {
            let (sub, empty) = first_bytes(&capture.sub);
            first = sub;
            empty
        }
        HirKind::Concat(parts) => {
            let mut empty = true;
            for part in parts {
                let (sub, part_empty) = first_bytes(part);
                union(&mut first, &sub);
                if !part_empty {
                    empty = false;
                    break;
                }
            }
            empty
        }
        HirKind::Alternation(alternatives) => {
            let mut empty = false;
            for alternative in alternatives {
                let (sub, alternative_empty) = first_bytes(alternative);
                union(&mut first, &sub);
                empty |= alternative_empty;
            }
            empty
        }
    };
    (first, empty)
}

/// Adds the bytes of `other` to `set`.
fn union(set: &mut [u64; 4], other: &[u64; 4]) {
    for (word, other) in set.iter_mut().zip(other) {
        *word |= other;
    }
}

/// The first byte of the UTF-8 encoding of `c`.
fn leading_byte(c: char) -> u8 {
    let mut buffer = [0; 4];
    c.encode_utf8(&mut buffer);
    buffer[0]
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    #[test]
    fn only_line_anchored_expressions_that_match_no_empty_string() {
        assert!(LineStart::of_source(r"(?m)^[ \t]*(?:lire|voir)").is_some());
        assert!(LineStart::of_source(r"^-{3,}").is_some());
        assert!(LineStart::of_source(r"(?m)^a|^b").is_some());
        assert!(
            LineStart::of_source(r"(?m)^a|b").is_none(),
            "b may match anywhere"
        );
        assert!(
            LineStart::of_source(r"(?m)^[ \t]*$").is_none(),
            "empty at the line's end"
        );
        assert!(LineStart::of_source(r"(?m)a$").is_none());
        assert!(
            LineStart::of_source(r"(?Rm)^a").is_none(),
            "a carriage return starts a line"
        );
    }

    #[test]
    fn first_bytes_of_classes_literals_and_optional_parts() {
        let start = LineStart::of_source(r"(?mi)^[ \t•]*(?:é|lire)?x").unwrap();
        // "è" begins with the byte of "é".
        for line in [" a", "\tb", "•", "éa", "Éa", "è", "lire", "Lire", "x", "X"] {
            assert!(start.may_match(line), "{line:?}");
        }
        for line in ["", "a", "-", "\n", "ā", "ya"] {
            assert!(!start.may_match(line), "{line:?}");
        }
    }

    /// Lines of every kind of first byte: ASCII, the leading bytes of two-, three- and
    /// four-byte characters.
    fn sample_lines() -> Vec<String> {
        let mut lines: Vec<String> = crate::fixture_texts::fixture_texts(&["seeds", "mt"])
            .iter()
            .flat_map(|text| {
                text.split_inclusive('\n')
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect();
        let mut random = crate::fixture_texts::random_below(7);
        let pieces = [
            " ",
            "\t",
            "*",
            "=",
            "-",
            "_",
            "#",
            "•",
            "·",
            "©",
            "→",
            "😀",
            "\u{fe0f}",
            "a",
            "Z",
            "é",
            "É",
            "fr_FR",
            "English",
            "Facebook",
            "lire la suite",
            "Photo :",
            "|",
            "\r",
            "1",
            "«",
            "»",
            "\u{a0}",
            "ſ",
            "K",
        ];
        lines.extend((0..20_000).map(|_| {
            let len = 1 + random(6);
            let mut line: String = (0..len).map(|_| pieces[random(pieces.len())]).collect();
            if random(2) == 0 {
                line.push('\n');
            }
            line
        }));
        lines
    }

    #[test]
    fn a_line_refused_holds_no_match_of_a_builtin_expression() {
        let lines = sample_lines();
        let mut tested = 0;
        let line_rules = crate::rules::builtin_rules_where(|rule| match &rule.kind {
            crate::kinds::CompiledKind::Boilerplate(super::super::BoilerplateRule::Lines(
                patterns,
                _,
            )) => Some(patterns),
            _ => None,
        });
        for patterns in line_rules {
            for pattern in patterns {
                let regex: &Regex = &pattern.regex;
                let Some(start) = LineStart::of_source(regex.as_str()) else {
                    continue;
                };
                tested += 1;
                let mut refused = 0;
                for line in &lines {
                    if !start.may_match(line) {
                        refused += 1;
                        assert_eq!(regex.find(line), None, "{} in {line:?}", regex.as_str());
                    }
                }
                assert!(refused > 0, "{} refuses no line", regex.as_str());
            }
        }
        assert!(tested >= 5, "{tested} line-anchored expressions");
    }
}
