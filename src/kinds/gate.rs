//! Literal gates: for a regular expression, a set of strings of which every match holds at
//! least one, read from its syntax tree. A document that holds none of them cannot match, so
//! the expression need not be compiled nor run over it; most of a pack's expressions are
//! never compiled in a run over text that does not call for them, which keeps start-up short.
//!
//! The strings are searched for without regard to ASCII case (a superset of the exact
//! search, so a gate never shuts out a match); characters whose case variants are not ASCII
//! ("é" and "É", "k" and the Kelvin sign) become one string per variant.

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use regex_syntax::hir::{Class, Hir, HirKind};
use std::sync::OnceLock;

/// The most strings a character class may stand for.
const CLASS_LIMIT: usize = 10;
/// The most strings a run of consecutive fixed parts may stand for.
const RUN_LIMIT: usize = 64;
/// The most strings a set may hold (the alternatives of an alternation, together).
const SET_LIMIT: usize = 512;
/// The most needed sets a gate tests.
const CONJUNCTION_LIMIT: usize = 4;
/// The largest set whose strings holding others are dropped.
const MINIMIZE_LIMIT: usize = 64;
/// The most times a fixed part repeated an exact number of times is written out.
const REPEAT_LIMIT: u32 = 4;

/// A set of strings, ASCII letters in lowercase, sorted, without duplicates.
type Set = Vec<Vec<u8>>;

/// What is known of the text a part of an expression matches.
struct Facts {
    /// The part matches exactly one of these strings (`None`: unknown or too many).
    exact: Option<Set>,
    /// Sets of non-empty strings such that every match of the part holds one string of each
    /// set (empty: nothing known besides `exact`).
    needed: Vec<Set>,
}

impl Facts {
    /// Every set of strings that each match of the part holds one of.
    fn into_needed(self) -> Vec<Set> {
        let mut needed = self.needed;
        needed.extend(self.exact.and_then(as_needed));
        needed
    }

    /// What is known of a part that matches only the empty string.
    fn empty() -> Facts {
        Facts {
            exact: Some(vec![Vec::new()]),
            needed: Vec::new(),
        }
    }
}

/// The bytes a text holds, ASCII letters counted in lowercase: a necessary condition for a
/// string to occur in it that costs a few bit operations to test.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ByteSet([u64; 4]);

impl ByteSet {
    /// The bytes of `bytes`, ASCII letters in lowercase.
    pub fn of(bytes: &[u8]) -> ByteSet {
        let mut set = ByteSet::default();
        if bytes.len() < 256 {
            for &byte in bytes {
                set.insert(byte);
            }
            return set;
        }
        // A table of bytes seen first, then the set: one store a byte over a long text.
        let mut seen = [false; 256];
        for &byte in bytes {
            seen[usize::from(byte)] = true;
        }
        for (byte, _) in seen.iter().enumerate().filter(|(_, seen)| **seen) {
            set.insert(byte as u8);
        }
        set
    }

    fn insert(&mut self, byte: u8) {
        let byte = byte.to_ascii_lowercase();
        self.0[usize::from(byte >> 6)] |= 1 << (byte & 63);
    }

    /// Whether every byte of `self` is in `other`.
    fn within(&self, other: &ByteSet) -> bool {
        self.0.iter().zip(&other.0).all(|(a, b)| a & !b == 0)
    }
}

/// Strings one of which every match of an expression holds.
#[derive(Debug)]
struct Strings {
    /// The strings, ASCII letters in lowercase, none holding another.
    strings: Vec<Vec<u8>>,
    /// The bytes of each string.
    bytes: Vec<ByteSet>,
    /// Whether every string is one byte long, so that the byte test is the whole test.
    single_bytes: bool,
    /// The strings as an automaton, built the first time a text passes the byte test.
    matcher: OnceLock<Option<AhoCorasick>>,
}

impl Strings {
    fn new(needed: Set) -> Strings {
        // A string that holds another of the set adds nothing: a text that holds it holds
        // the other. (Looked for in small sets only: the search grows with the square of
        // their size.)
        let mut strings: Vec<Vec<u8>> = Vec::with_capacity(needed.len());
        let mut by_length = needed;
        by_length.sort_by_key(Vec::len);
        let small = by_length.len() <= MINIMIZE_LIMIT;
        for string in by_length {
            if !(small
                && strings
                    .iter()
                    .any(|shorter| memchr::memmem::find(&string, shorter).is_some()))
            {
                strings.push(string);
            }
        }
        Strings {
            bytes: strings.iter().map(|s| ByteSet::of(s)).collect(),
            single_bytes: strings.iter().all(|s| s.len() == 1),
            strings,
            matcher: OnceLock::new(),
        }
    }

    /// Whether a text whose bytes are `present` may hold one of the strings.
    fn bytes_within(&self, present: &ByteSet) -> bool {
        self.bytes.iter().any(|bytes| bytes.within(present))
    }

    /// Whether `text` holds one of the strings, once its bytes passed the byte test.
    fn found_in(&self, text: &str) -> bool {
        if self.single_bytes {
            return true;
        }
        let matcher = self.matcher.get_or_init(|| {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .build(&self.strings)
                .ok()
        });
        matcher.as_ref().is_none_or(|m| m.is_match(text))
    }
}

/// Sets of strings such that every match of an expression holds one string of each.
#[derive(Debug)]
pub struct LiteralGate {
    sets: Vec<Strings>,
}

impl LiteralGate {
    /// The gate of a parsed expression; `None` when no set of strings is found that every
    /// match holds one of (the expression may match the empty string, or is made of broad
    /// classes).
    pub fn of_hir(hir: &Hir) -> Option<LiteralGate> {
        let needed = fewest(facts(hir).into_needed());
        (!needed.is_empty()).then(|| LiteralGate {
            sets: needed.into_iter().map(Strings::new).collect(),
        })
    }

    /// Whether a text whose bytes are `present` may hold one string of each set: the cheap
    /// half of the test, exact when every string is one byte long.
    pub fn admits_bytes(&self, present: &ByteSet) -> bool {
        self.sets.iter().all(|set| set.bytes_within(present))
    }

    /// Whether `text`, whose bytes passed [`LiteralGate::admits_bytes`], holds one string of
    /// each set.
    pub fn admits_text(&self, text: &str) -> bool {
        self.sets.iter().all(|set| set.found_in(text))
    }

    /// Whether `text`, whose bytes are `present`, holds one string of each set, so that the
    /// expression may match in it.
    pub fn admits(&self, text: &str, present: &ByteSet) -> bool {
        self.admits_bytes(present) && self.admits_text(text)
    }
}

/// Sorts and deduplicates a set.
fn normalized(mut set: Set) -> Set {
    set.sort_unstable();
    set.dedup();
    set
}

/// `bytes` with ASCII letters in lowercase.
fn lowered(bytes: &[u8]) -> Vec<u8> {
    bytes.to_ascii_lowercase()
}

/// How selective a needed set is: the longer its shortest string, then the fewer its
/// strings, the better.
fn score(set: &Set) -> (usize, usize) {
    let shortest = set.iter().map(Vec::len).min().unwrap_or(0);
    (shortest, usize::MAX - set.len())
}

/// The most selective of needed sets.
fn best(sets: Vec<Set>) -> Option<Set> {
    sets.into_iter().max_by_key(score)
}

/// The most selective [`CONJUNCTION_LIMIT`] of needed sets, without duplicates.
fn fewest(mut sets: Vec<Set>) -> Vec<Set> {
    sets.sort_by_key(|set| std::cmp::Reverse(score(set)));
    sets.dedup();
    sets.truncate(CONJUNCTION_LIMIT);
    sets
}

/// A set usable as a needed set: non-empty, made of non-empty strings.
fn as_needed(set: Set) -> Option<Set> {
    (!set.is_empty() && set.iter().all(|s| !s.is_empty())).then_some(set)
}

/// Every string of `a` followed by every string of `b`, unless there are more than `limit`.
fn cross(a: &Set, b: &Set, limit: usize) -> Option<Set> {
    let mut a = a.clone();
    cross_into(&mut a, b, limit).then_some(a)
}

/// Replaces `a` by every string of `a` followed by every string of `b` and tells true, or
/// leaves it and tells false when there would be more than `limit`. A single string (the
/// usual case: a letter) is appended in place.
fn cross_into(a: &mut Set, b: &Set, limit: usize) -> bool {
    if a.len().saturating_mul(b.len()) > limit {
        return false;
    }
    if let [single] = b.as_slice() {
        for x in a.iter_mut() {
            x.extend_from_slice(single);
        }
        // Appending one string keeps the order and the strings distinct.
        return true;
    }
    let mut out = Vec::with_capacity(a.len() * b.len());
    for x in a.iter() {
        for y in b {
            let mut joined = Vec::with_capacity(x.len() + y.len());
            joined.extend_from_slice(x);
            joined.extend_from_slice(y);
            out.push(joined);
        }
    }
    *a = normalized(out);
    true
}

/// Adds `set` to `union`, which becomes `None` when either is unknown or it would hold more
/// than [`SET_LIMIT`] strings.
fn add_to(union: &mut Option<Set>, set: Option<Set>) {
    *union = match (union.take(), set) {
        (Some(mut union), Some(set)) if union.len() + set.len() <= SET_LIMIT => {
            union.extend(set);
            Some(union)
        }
        _ => None,
    };
}

/// The strings a character class stands for, when there are few.
fn class_strings(class: &Class) -> Option<Set> {
    let mut out = Vec::new();
    match class {
        Class::Unicode(class) => {
            for range in class.ranges() {
                for c in range.start()..=range.end() {
                    let mut buf = [0; 4];
                    out.push(lowered(c.encode_utf8(&mut buf).as_bytes()));
                    if out.len() > 2 * CLASS_LIMIT {
                        return None;
                    }
                }
            }
        }
        Class::Bytes(class) => {
            for range in class.ranges() {
                for b in range.start()..=range.end() {
                    out.push(lowered(&[b]));
                    if out.len() > 2 * CLASS_LIMIT {
                        return None;
                    }
                }
            }
        }
    }
    let out = normalized(out);
    (!out.is_empty() && out.len() <= CLASS_LIMIT).then_some(out)
}

/// What is known of the text that `hir` matches.
fn facts(hir: &Hir) -> Facts {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Facts::empty(),
        HirKind::Literal(literal) => Facts {
            exact: Some(vec![lowered(&literal.0)]),
            needed: Vec::new(),
        },
        HirKind::Class(class) => Facts {
            exact: class_strings(class),
            needed: Vec::new(),
        },
        HirKind::Capture(capture) => facts(&capture.sub),
        HirKind::Repetition(repetition) => {
            if repetition.max == Some(0) {
                return Facts::empty();
            }
            if repetition.min == 0 {
                return Facts {
                    exact: None,
                    needed: Vec::new(),
                };
            }
            let sub = facts(&repetition.sub);
            let exact = match (&sub.exact, repetition.max) {
                (Some(once), Some(max)) if max == repetition.min && max <= REPEAT_LIMIT => {
                    let mut all = vec![Vec::new()];
                    for _ in 0..max {
                        match cross(&all, once, RUN_LIMIT) {
                            Some(longer) => all = longer,
                            None => {
                                all = Vec::new();
                                break;
                            }
                        }
                    }
                    (!all.is_empty()).then_some(all)
                }
                _ => None,
            };
            Facts {
                exact,
                needed: fewest(sub.into_needed()),
            }
        }
        HirKind::Alternation(alternatives) => {
            let all: Vec<Facts> = alternatives.iter().map(facts).collect();
            let exact_strings = all
                .iter()
                .map(|f| f.exact.as_ref().map(Vec::len))
                .sum::<Option<usize>>();
            if exact_strings.is_some_and(|count| count <= SET_LIMIT) {
                // The exact strings, when known, are the best needed strings too.
                let exact = all.into_iter().flat_map(|f| f.exact.unwrap_or_default());
                return Facts {
                    exact: Some(normalized(exact.collect())),
                    needed: Vec::new(),
                };
            }
            // Each match holds a string of the best set of the alternative it matched.
            let mut needed = Some(Vec::new());
            for alternative in all {
                add_to(&mut needed, best(alternative.into_needed()));
            }
            Facts {
                exact: None,
                needed: needed.map(normalized).into_iter().collect(),
            }
        }
        HirKind::Concat(parts) => concat_facts(parts),
    }
}

/// The facts of a concatenation: every part's needed sets are needed by the whole, and so is
/// every run of consecutive parts of known exact text, joined.
fn concat_facts(parts: &[Hir]) -> Facts {
    let mut needed: Vec<Set> = Vec::new();
    // Whether every part so far has a known exact text and the run holds them all.
    let mut whole = true;
    let mut run: Set = vec![Vec::new()];
    for part in parts {
        let part = facts(part);
        needed.extend(part.needed);
        match part.exact {
            Some(exact) => {
                if !cross_into(&mut run, &exact, RUN_LIMIT) {
                    whole = false;
                    needed.extend(as_needed(std::mem::replace(&mut run, exact)));
                }
            }
            None => {
                whole = false;
                needed.extend(as_needed(std::mem::replace(&mut run, vec![Vec::new()])));
            }
        }
    }
    if whole {
        return Facts {
            exact: Some(run),
            needed: fewest(needed),
        };
    }
    needed.extend(as_needed(run));
    Facts {
        exact: None,
        needed: fewest(needed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The most selective needed set of `pattern`.
    fn needed(pattern: &str) -> Option<Vec<String>> {
        let hir = regex_syntax::Parser::new().parse(pattern).unwrap();
        best(facts(&hir).into_needed()).map(|set| {
            set.into_iter()
                .map(|s| String::from_utf8(s).unwrap())
                .collect()
        })
    }

    #[test]
    fn literals_and_runs() {
        assert_eq!(needed("abc"), Some(vec!["abc".into()]));
        assert_eq!(needed(r"\bfoo\s+bars"), Some(vec!["bars".into()]));
        let hir = regex_syntax::Parser::new().parse(r"\bfoo\s+bar").unwrap();
        assert_eq!(
            LiteralGate::of_hir(&hir).unwrap().sets.len(),
            2,
            "both words"
        );
        assert_eq!(
            needed("(?:ab|cd)ef"),
            Some(vec!["abef".into(), "cdef".into()])
        );
        assert_eq!(needed(r"x*"), None);
        assert_eq!(needed(r"^\w+$"), None);
        assert_eq!(
            needed(r"[0-9]+,[0-9]{3}"),
            Some(vec![",".into()]),
            "the rarest fixed part is kept"
        );
    }

    #[test]
    fn case_insensitive_letters_keep_their_non_ascii_variants() {
        // "k" has the Kelvin sign among its case variants, "é" has "É".
        let set = needed("(?i)ok é").unwrap();
        assert_eq!(set.len(), 4, "{set:?}");
        assert!(set.contains(&"ok é".to_string()));
        assert!(set.contains(&"o\u{212a} É".to_string()));
    }

    #[test]
    fn strings_holding_others_are_dropped() {
        let hir = regex_syntax::Parser::new()
            .parse("&(?:amp|nbsp);|&")
            .unwrap();
        assert_eq!(
            LiteralGate::of_hir(&hir).unwrap().sets[0].strings,
            vec![b"&".to_vec()]
        );
    }

    #[test]
    fn alternatives_need_one_each() {
        let set = needed("a+b|cd").unwrap();
        assert!(set.len() == 2 && set.contains(&"cd".to_string()), "{set:?}");
        assert_eq!(needed("ab|c?"), None);
    }

    #[test]
    fn gates_never_shut_out_a_match() {
        let cases = [
            (
                "(?i)partagez (?:cet|cette) article",
                "PARTAGEZ cette Article !",
            ),
            ("(?i)o[kK]", "O\u{212a}"),
            ("(?i)été", "ÉTÉ"),
            (r"(?P<a>[1-9][0-9]{0,2}),(?P<b>[0-9]{3})", "1,000"),
            (r"(?m)^[ \t]*(?:\*[ \t]*){5,}$", "* * * * *"),
        ];
        for (pattern, text) in cases {
            let hir = regex_syntax::Parser::new().parse(pattern).unwrap();
            assert!(regex::Regex::new(pattern).unwrap().is_match(text));
            if let Some(gate) = LiteralGate::of_hir(&hir) {
                let present = ByteSet::of(text.as_bytes());
                assert!(gate.admits(text, &present), "{pattern} on {text}");
            }
        }
        let gate = |pattern| {
            LiteralGate::of_hir(&regex_syntax::Parser::new().parse(pattern).unwrap()).unwrap()
        };
        let admits =
            |gate: &LiteralGate, text: &str| gate.admits(text, &ByteSet::of(text.as_bytes()));
        assert!(!admits(&gate("(?i)partagez"), "Bonjour."));
        assert!(
            !admits(&gate("(?i)partagez"), "Trop de gaz à Paris."),
            "same bytes, no string"
        );
        assert!(admits(&gate("(?i)partagez"), "Paris : PartaGez !"));
        assert!(admits(&gate("[0-9]+,[0-9]"), "1,5"));
        assert!(!admits(&gate("[0-9]+,[0-9]"), "1.5"));
        // Every needed set is tested: a stop is not enough without a digit.
        assert!(!admits(&gate(r"[0-9]\.[0-9]"), "Bonjour."));
        assert!(admits(&gate(r"[0-9]\.[0-9]"), "Il pèse 3.5 kg."));
    }
}
